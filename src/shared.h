/* SPDX-License-Identifier: MIT */
/*
 * Private to the common code: the types of shared.c (Value, Array,
 * SharedMemory), for the type table.
 */
#ifndef MPROC_SHARED_H
#define MPROC_SHARED_H

#include "object.h"

extern const mproc__type_t mproc__value_type;
extern const mproc__type_t mproc__array_type;
extern const mproc__type_t mproc__shared_memory_type;

#endif /* MPROC_SHARED_H */
