/* SPDX-License-Identifier: MIT */
/*
 * Private to the common code: what the rest of it needs of Connections
 * (conn.c).
 */
#ifndef MPROC_CONN_H
#define MPROC_CONN_H

#include "object.h"

extern const mproc__type_t mproc__connection_type;
/* In a fork child, before its function runs: closes the connections it was
 * not given as arguments (what a spawn child would not have). */
void mproc__conn_fork_child(const mproc_value_t *args, size_t nargs);

#endif /* MPROC_CONN_H */
