/* SPDX-License-Identifier: MIT */
/*
 * The pool's seam to where its workers run: local processes (pool.c's own
 * table) or MPI ranks (src/mpi/, in libmproc_mpi). The pool's logic
 * (chunks, credit, attribution of a dead worker's chunk, callbacks) is the
 * same for both; only how a chunk reaches a worker, and how a worker is
 * started, watched and stopped, differ. Answers always come back through
 * the pool's result queue, a local mproc queue: a remote transport puts
 * each worker's encoded reply there with mproc_queue_put_bytes().
 *
 * Why a table chosen at creation and not a second pool: the handler's
 * bookkeeping is the part that is hard to get right (gh-66587 is CPython
 * getting it wrong); a copy for MPI would drift. Why not an #ifdef: the core
 * library must not link MPI, and the choice is made at run time (a program
 * run without mpirun falls back to local processes).
 *
 * The functions marked MPROC_API are exported for libmproc_mpi only; they
 * are not part of the public API and carry no ABI promise beyond the
 * release they ship in (libmproc_mpi is built and installed with it).
 */
#ifndef MPROC_POOL_TRANSPORT_H
#define MPROC_POOL_TRANSPORT_H

#include "mproc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a worker is started with. */
typedef struct mproc__pool_start {
  unsigned slot;
  const char *init_name; /* the registered initializer, or NULL */
  const mproc_value_t *initargs;
  size_t ninitargs;
  unsigned maxtasks;      /* chunks before it ends (0: no limit) */
  mproc_queue_t *results; /* where its answers go */
} mproc__pool_start_t;

/* How a worker ended, for the chunk it held. */
typedef struct mproc__pool_end {
  int code;      /* its exit code (EXIT_INIT_FAILED: its initializer) */
  size_t unread; /* chunks given to it that it never took (SIZE_MAX:
                    unknown: the first given is taken to have been held) */
  char who[96];  /* "the worker process (pid 123)", "MPI rank 2" */
} mproc__pool_end_t;

typedef struct mproc__pool_transport {
  const char *name;
  /* Starts worker s->slot; 0 or an error with its detail. */
  int (*start)(void *ctx, const mproc__pool_start_t *s);
  /* Hands worker @p slot one chunk message without waiting (copying it if
   * it must outlive the call); nonzero if it cannot take it now. */
  int (*give)(void *ctx, unsigned slot, const void *msg, size_t len);
  /* 1 while worker @p slot runs, 0 once it has ended (its answers sent
   * before it ended are in the result queue by then). */
  int (*alive)(void *ctx, unsigned slot);
  /* After alive() said 0: how it ended; releases the slot. */
  void (*reap)(void *ctx, unsigned slot, mproc__pool_end_t *end);
  /* Asks a running worker to end: after its chunks, or (@p terminate) as
   * soon as it can. Does not wait. */
  void (*stop)(void *ctx, unsigned slot, bool terminate);
  /* Waits (bounded) for a stopped worker to end, then releases the slot. */
  void (*join)(void *ctx, unsigned slot, bool terminate);
  /* The pool is being destroyed: frees @p ctx (may be NULL). */
  void (*release)(void *ctx);
} mproc__pool_transport_t;

/* mproc_pool_create() with workers on @p tp; @p ctx is the transport's,
 * released with tp->release() whatever happens (also on failure). */
MPROC_API int mproc__pool_create_on(mproc_pool_t **out,
                                    const mproc_pool_options_t *opts,
                                    unsigned nworkers,
                                    const mproc__pool_transport_t *tp,
                                    void *ctx);

/* In a remote worker: runs the registered initializer @p name (NULL: none)
 * with @p args; 0, or the exit code of a worker whose initializer failed. */
MPROC_API int mproc__pool_remote_init(const char *name,
                                      const mproc_value_t *args, size_t nargs);

/* In a remote worker: runs one encoded chunk message from the pool and
 * encodes its answer into *reply (mproc_free() it), for worker @p slot.
 * 1 when the message is the pool's STOP (no reply), 0 when *reply is set,
 * or a negative status for a message that is not the pool's. */
MPROC_API int mproc__pool_remote_chunk(const void *msg, size_t len,
                                       int64_t slot, void **reply,
                                       size_t *reply_len);

/* The exit code a worker whose initializer failed reports. */
#define MPROC__POOL_EXIT_INIT_FAILED 4

/* Exported for libmproc_mpi: the process auth key (auth.c), so that ranks,
 * which are not children and inherit nothing, take rank 0's. */
MPROC_API void mproc__pool_set_authkey(const uint8_t key[MPROC_AUTHKEY_LEN]);
/* Exported for libmproc_mpi: sets the calling thread's error detail. */
MPROC_API int mproc__pool_err(int status, const char *detail);

#endif /* MPROC_POOL_TRANSPORT_H */
