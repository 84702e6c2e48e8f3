/* SPDX-License-Identifier: MIT */
/*
 * Spare blocks: large heap blocks kept for reuse while a pool lives
 * (spare.c). Process-local; thread-safe.
 */
#ifndef MPROC_SPARE_H
#define MPROC_SPARE_H

#include "internal.h"

/* The smallest block worth keeping: below it, malloc serves blocks from
 * its heap, already backed by memory. */
#define MPROC__SPARE_MIN ((size_t)128 * 1024)

/* A pool begins (hold) or ends (release) its use of the spare blocks; the
 * last release frees them all. */
void mproc__spare_hold(void);
void mproc__spare_release(void);

/* A kept block of at least @p need bytes (and not much more), taken out of
 * the cache, its size in *size; NULL if none (the caller allocates). Its
 * contents are whatever its last user left. */
void *mproc__spare_take(size_t need, size_t *size);

/* Hands over heap block @p p of @p size bytes (at least: a block may be
 * larger than its last user asked for): kept for a later take while a pool
 * holds the cache, else freed. NULL is ignored. */
void mproc__spare_keep(void *p, size_t size);

#endif /* MPROC_SPARE_H */
