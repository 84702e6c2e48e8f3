/* SPDX-License-Identifier: MIT */
/*
 * What the library itself contributes (builtins.c): the table of shareable
 * types, the functions its own children run (found by name in every
 * process, with no registration by the user), and what a fork child does
 * before its function runs. The one file that names every feature, so that
 * no other common file needs to.
 */
#ifndef MPROC_BUILTINS_H
#define MPROC_BUILTINS_H

#include "object.h"

/* The library's own child function called @p name, or NULL. */
mproc_fn mproc__builtin_fn(const char *name);
/* The name of @p fn if it is one of the library's, or NULL. */
const char *mproc__builtin_name(mproc_fn fn);
/* The prefix of the default name of a process running @p fn, one of the
 * library's, started with @p method ("ForkPoolWorker"), or NULL. */
const char *mproc__builtin_process_name(mproc_fn fn,
                                        mproc_start_method_t method);
/* In a fork child, before its function runs: resets per-process state, as
 * CPython's after-fork hooks do (connections it was not given are closed,
 * as a spawn child would not have them). */
void mproc__builtin_fork_child(const mproc_value_t *args, size_t nargs);
/* In a fork child, once its function returned: lets go of what the child
 * took on at its start (the holder tables of the queues it was given). */
void mproc__builtin_fork_child_end(const mproc_value_t *args, size_t nargs);

#endif /* MPROC_BUILTINS_H */
