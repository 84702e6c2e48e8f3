/* SPDX-License-Identifier: MIT */
/*
 * The object model, private to the common code: what every shareable type
 * is (a header, a type descriptor with reduce and rebuild) and the sharing
 * rule that decides when it may cross into another process. The codecs
 * (codec/) drive it; each feature (sync/, queue.c, manager/, ...) fills in
 * a descriptor; builtins.c is the one table that names them all. The
 * backends never include this; they see only internal.h.
 *
 * Dependencies run one way: features -> object model and buffers -> the
 * seam (internal.h). Nothing here knows a feature.
 */
#ifndef MPROC_OBJECT_H
#define MPROC_OBJECT_H

#include "buf.h"
#include "internal.h"
#include "slab.h"

/* ------------------------------------------------------------------------ */
/* Objects                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Every mproc object starts with this header. The type descriptor says how
 * the object crosses into another process:
 *   - inherit_only types (everything backed by shared memory or kernel
 *     objects) may be reduced only while a child is being spawned; at any
 *     other time the encoder refuses them with CPython's message;
 *   - reduce writes what a spawn child needs to rebuild the object, calling
 *     mproc__reduce_handle() for each OS handle;
 *   - rebuild, in the child, makes a new object from that.
 */
#define MPROC__OBJ_MAGIC 0x6d70726fu /* "mpro" */

typedef enum mproc__type_id {
  MPROC__T_LOCK = 1,
  MPROC__T_RLOCK = 2,
  MPROC__T_SEMAPHORE = 3,
  MPROC__T_BOUNDED_SEMAPHORE = 4,
  /* Reserved so that work on separate subsystems never collides:
   * synchronisation (Event, Condition, Barrier) */
  MPROC__T_EVENT = 5,
  MPROC__T_CONDITION = 6,
  MPROC__T_BARRIER = 7,
  /* queues, pipes, shared memory */
  MPROC__T_QUEUE = 8,
  MPROC__T_SIMPLE_QUEUE = 9,
  MPROC__T_JOINABLE_QUEUE = 10,
  MPROC__T_CONNECTION = 11,
  MPROC__T_VALUE = 12,
  MPROC__T_ARRAY = 13,
  MPROC__T_SHARED_MEMORY = 14,
  /* manager proxies */
  MPROC__T_PROXY = 15,
  /* the pool (never crosses: its reduce fails) */
  MPROC__T_POOL = 16,
  MPROC__T_MAX
} mproc__type_id_t;

typedef struct mproc__type {
  const char *name; /* as CPython names it */
  bool inherit_only;
  int (*reduce)(mproc_object_t *o, mproc__spawn_ctx_t *ctx, mproc__wbuf_t *b);
  int (*rebuild)(mproc__type_id_t id, mproc__rbuf_t *r, mproc_object_t **out);
  void (*destroy)(mproc_object_t *o);
} mproc__type_t;

struct mproc_object {
  uint32_t magic;
  mproc__type_id_t type_id;
};

/* The descriptor of a type id, or NULL (the table is in builtins.c). */
const mproc__type_t *mproc__type_of(mproc__type_id_t id);

/* The header of a live object, or NULL (then a detail message is set). */
mproc_object_t *mproc__object_check(const void *p, const char *what);

/* Encodes @p h for the child being spawned (invalid handles included). */
int mproc__reduce_handle(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         mproc__wbuf_t *b);
mproc__handle_t mproc__rebuild_handle(mproc__rbuf_t *r);

/* ------------------------------------------------------------------------ */
/* The sharing rule (object.c)                                              */
/* ------------------------------------------------------------------------ */

/*
 * As in CPython: a thread-local "spawning" context is set only while the
 * start record of a child being created is encoded (CPython's
 * set_spawning_popen()). Reducing an inherit-only object without it fails
 * with "<Type> objects should only be shared between processes through
 * inheritance". Symmetrically, such objects are rebuilt only while a start
 * record is decoded: handle numbers in any other buffer are untrusted and
 * never mapped. Every codec goes through these two calls.
 */

/* Sets the calling thread's spawning context (NULL: none); returns the
 * previous one. */
mproc__spawn_ctx_t *mproc__spawning_set(mproc__spawn_ctx_t *ctx);
/* Whether the calling thread is decoding a start record: only then may a
 * reduction carry a raw handle number. */
bool mproc__decoding_start_record(void);
void mproc__decoding_start_set(bool on);

/* Writes @p o's type id and reduction, after the sharing rule's check. */
int mproc__object_reduce(mproc_object_t *o, mproc__wbuf_t *b);
/* Reads a type id and rebuilds the object it introduces; @p at_start says
 * whether this is a start record, @p i is the value's index for messages.
 * On failure *out is NULL. */
int mproc__object_rebuild(mproc__rbuf_t *r, bool at_start, size_t i,
                          mproc_object_t **out);
/* Destroys an object through its type (a received object, say). */
void mproc__object_release(mproc_object_t *o);

/* ------------------------------------------------------------------------ */
/* Regions (object.c)                                                       */
/* ------------------------------------------------------------------------ */

/*
 * Most shareable objects are one shared-memory region with a park whose word
 * lives in it. Their reduction is the region's size and handle, then the
 * park's handle; region_rebuild reads that back in a spawn child, checks the
 * size is within [min_size, max_size], maps the region and rebuilds the park
 * on the word at @p park_off. It owns both received handles on every path:
 * on failure nothing stays open and *shm, *pk are closed.
 */
int mproc__region_reduce(mproc__spawn_ctx_t *ctx, const mproc__shm_t *shm,
                         const mproc__park_t *pk, mproc__wbuf_t *b);
int mproc__region_rebuild(mproc__rbuf_t *r, size_t min_size, size_t max_size,
                          size_t park_off, const char *what, mproc__shm_t *shm,
                          mproc__park_t *pk);

/*
 * A region object: the header and shared bytes with a park for their
 * words. Event, Condition and Barrier are one each (sync/); the helpers
 * below create, reduce, rebuild and check them. Objects that fit a slab
 * slot (slab.h) live in one, with the slab's park; larger ones (a
 * Condition's table of waiters, a Barrier with long action arguments)
 * keep a region and a park of their own.
 */
typedef struct mproc__robj {
  mproc_object_t base;
  void *addr;         /* the shared bytes */
  size_t size;        /* how many there are */
  mproc__park_t *pk;  /* the park for words at addr */
  mproc__slot_t slot; /* in a slot: slot.slab set */
  mproc__shm_t shm;   /* otherwise a region of its own ... */
  mproc__park_t park; /* ... and its park, on the word at park_off */
} mproc__robj_t;

/* Makes @p size zero-filled shared bytes: a slot if they fit one, else a
 * region with the park's word at @p park_off. */
int mproc__robj_init(mproc__robj_t *o, mproc__type_id_t id, size_t size,
                     size_t park_off);
void mproc__robj_fini(mproc__robj_t *o);
int mproc__robj_reduce(mproc__robj_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b);
/* Rebuilds a received object of @p objsize bytes (an mproc__robj_t first)
 * with at least @p min_size shared bytes. Takes ownership of the received
 * handles on every path. */
int mproc__robj_rebuild(size_t objsize, mproc__type_id_t id, mproc__rbuf_t *r,
                        size_t min_size, size_t park_off, mproc__robj_t **out);
/* The object behind a public pointer if it has type @p id, else NULL with
 * a detail message naming @p what. */
mproc__robj_t *mproc__robj_get(const void *p, mproc__type_id_t id,
                               const char *what);
/* The status of a failed check of @p p (the detail message is set). */
int mproc__bad_object(const void *p);
/* The object a value holds, if it has type @p id. */
int mproc__value_robj(const mproc_value_t *v, void **out, mproc__type_id_t id,
                      const char *what);

#endif /* MPROC_OBJECT_H */
