/* SPDX-License-Identifier: MIT */
/*
 * Private to the synchronisation primitives (src/sync/): their type
 * descriptors, for the type table (builtins.c), and what a Condition needs
 * of an RLock.
 *
 *   semlock.c    Lock, RLock, Semaphore, BoundedSemaphore (CPython's SemLock)
 *   event.c      Event
 *   condition.c  Condition, over a Lock or an RLock
 *   barrier.c    Barrier
 *   acquire.c    mproc_acquire()/mproc_release() over all of the above
 */
#ifndef MPROC_SYNC_H
#define MPROC_SYNC_H

#include "object.h"

extern const mproc__type_t mproc__lock_type;
extern const mproc__type_t mproc__rlock_type;
extern const mproc__type_t mproc__semaphore_type;
extern const mproc__type_t mproc__bounded_semaphore_type;
extern const mproc__type_t mproc__event_type;
extern const mproc__type_t mproc__condition_type;
extern const mproc__type_t mproc__barrier_type;

/* For Condition over an RLock (semlock.c): releases the caller's RLock at
 * any depth (MPROC_E_PERM if the caller does not own it), and takes it back
 * at that depth (0 or MPROC_E_OWNER_DEAD, then held too). */
int mproc__rlock_release_save(mproc_rlock_t *l, uint32_t *depth);
int mproc__rlock_acquire_restore(mproc_rlock_t *l, uint32_t depth);

/* 0 if @p obj has CPython's acquire() and release() (the Lock family, a
 * Condition, a manager proxy of one of those); otherwise MPROC_E_TYPE (or
 * MPROC_E_INVAL for NULL) with AttributeError's message naming the type and
 * @p method, prefixed by @p what (acquire.c). Shared values use it to
 * vet the lock they are given. */
int mproc__acquirable(const void *obj, const char *method, const char *what);

#endif /* MPROC_SYNC_H */
