/* SPDX-License-Identifier: MIT */
/*
 * Slabs: small shared objects packed into shared regions of fixed-size
 * slots (CPython's heap.py idea), so that descriptors, handles and
 * mappings grow with the number of slabs, not of objects. Private to the
 * common code; the backends see only the fork hooks in internal.h.
 *
 * A slot is reached as (slab, index). Every slot starts with a shared
 * reference count: the number of processes that can reach the object in
 * it. A slot with count 0 is free, and any process that maps the slab
 * claims it with one compare-and-swap from 0 to 1, so no allocator state
 * is shared beyond that word. A process holds one reference per slot
 * however many of its own objects point there (a local count says how
 * many); a spawn child's reference is taken by its parent while it encodes
 * the start record, a fork child's by the parent just before fork(), so a
 * slot never becomes free while a child that received it may still come
 * to use it. A process that ends normally gives its references back; one
 * that is killed leaks them, and its slots stay taken until the slab
 * itself goes (when the last process mapping it lets go): a leak, never a
 * live object handed to a second owner.
 */
#ifndef MPROC_SLAB_H
#define MPROC_SLAB_H

#include "buf.h"
#include "internal.h"

typedef struct mproc__slab mproc__slab_t;

/* One object's slot, as this process sees it. */
typedef struct mproc__slot {
  mproc__slab_t *slab; /* NULL: none */
  uint32_t idx;
  void *data;  /* the object's shared bytes: 8-aligned, zeroed when claimed */
  size_t size; /* how many bytes there are at data (the slot's, less its
                  count) */
} mproc__slot_t;

/* The largest object a slot holds; bigger ones get regions of their own. */
#define MPROC__SLOT_MAX ((size_t)1016)

/* Claims a zero-filled slot of at least @p size bytes (at most
 * MPROC__SLOT_MAX) for an object of type @p what (for messages). */
int mproc__slot_alloc(size_t size, const char *what, mproc__slot_t *out);
/* Gives up this object's hold on its slot (safe on a zeroed slot). */
void mproc__slot_free(mproc__slot_t *s);
/* The park of the slot's slab: one per slab (on Windows one semaphore). */
mproc__park_t *mproc__slot_park(const mproc__slot_t *s);
/* The slab's waiter area (*@p size bytes, zero-filled when the slab was
 * made), shared by every object of the slab that needs memory per waiter
 * rather than per object: the Conditions (sync/condition.c), whose format
 * it is. Why not a region per Condition for its waiters: a region made on
 * demand cannot reach the processes that already hold the Condition (the
 * sharing rule: only at a child's creation), and one made up front is the
 * descriptor per object that slabs remove. */
void *mproc__slot_pool(const mproc__slot_t *s, size_t *size);
/* Writes what a spawn child needs to reach the slot, passing it the slab's
 * handles, and takes the child's reference. */
int mproc__slot_reduce(const mproc__slot_t *s, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b);
/* In a spawn child: reads a slot reduction for an object of at least
 * @p size bytes (its slot may be bigger), mapping its slab unless this
 * process already has it. Owns the received handles on every path. */
int mproc__slot_rebuild(mproc__rbuf_t *r, size_t size, const char *what,
                        mproc__slot_t *out);
/* The slabs this process maps (for the tests). */
size_t mproc__slab_count(void);
/* The slots in use (by any process) in the slabs this process maps. */
size_t mproc__slab_used(void);
/* 1 if @p id (a descriptor or handle value) belongs to a slab kept mapped
 * with none of this process's objects in it (the current slab of its size
 * class, kept so that a create/destroy loop maps nothing): the tests' leak
 * checks count it as the library's, as the resource sharer's socket. A
 * slab that still holds an object is not idle, so a leaked object is
 * still found. */
int mproc__slab_idle_handle(intptr_t id);

#endif /* MPROC_SLAB_H */
