/* SPDX-License-Identifier: MIT */
/*
 * Private to the common code: the pool's type, and the function its
 * workers run, which children find by name without registration
 * (builtins.c).
 */
#ifndef MPROC_POOL_H
#define MPROC_POOL_H

#include "object.h"

extern const mproc__type_t mproc__pool_type;
int mproc__pool_worker(const mproc_value_t *args, size_t nargs);

#endif /* MPROC_POOL_H */
