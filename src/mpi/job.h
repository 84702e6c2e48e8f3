/* SPDX-License-Identifier: MIT */
/*
 * libmproc_mpi's shared state: the job (communicator, rank, hosts), the
 * lock that serializes its MPI calls, and the wire between rank 0 and the
 * worker ranks. job.c boots and ends the job, rank_worker.c is what ranks
 * other than 0 run, transport.c the pool transport on rank 0.
 *
 * Wire. Every message is MPI_BYTE: an 8-byte header (kind, three zero
 * bytes, the pool's epoch as a 32-bit little-endian number) and a payload.
 *   rank 0 -> a worker rank, TAG_WORK, in order:
 *     START     payload: mproc_encode([slot, initializer name or None,
 *               maxtasks, initargs...]); the rank serves this pool
 *     CHUNK     payload: the pool's chunk message, as pool.c encoded it
 *     STOP      the pool is closing: answer STOPPED, serve no more
 *     SHUTDOWN  the job ends: leave (exit(0))
 *   rank 0 -> a worker rank, TAG_TERM (overtakes TAG_WORK):
 *     TERMINATE drop this epoch's chunks not yet started
 *   a worker rank -> rank 0, TAG_REPLY:
 *     RESULT    payload: the encoded answer (slot, job, chunk, status,
 *               message, results), put as is into the pool's result queue
 *     ENDED     payload: the exit code (4 bytes, little-endian): the rank
 *               ran maxtasks chunks, or its initializer failed
 *     STOPPED   the STOP was seen
 * The epoch tells one pool's messages from the previous one's: a rank may
 * answer a terminated pool after the next one has started.
 */
#ifndef MPROC_MPI_JOB_H
#define MPROC_MPI_JOB_H

#include "mproc_mpi.h"

#include <mpi.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TAG_WORK = 1, TAG_TERM = 2, TAG_REPLY = 3 };
enum {
  K_START = 1,
  K_CHUNK,
  K_STOP,
  K_SHUTDOWN,
  K_TERMINATE,
  K_RESULT,
  K_ENDED,
  K_STOPPED
};
#define WIRE_HDR 8

typedef struct mpi_job {
  bool booted, finalized;
  bool own_init; /* we called MPI_Init_thread, so we finalize */
  MPI_Comm comm; /* a duplicate of MPI_COMM_WORLD, errors returned */
  int rank, size;
  char (*hosts)[MPI_MAX_PROCESSOR_NAME]; /* each rank's, for messages */
  /* Every MPI call of rank 0 after boot is made under mu (the job asks
   * for MPI_THREAD_SERIALIZED: one thread at a time, any thread). */
  pthread_mutex_t mu;
} mpi_job_t;

extern mpi_job_t mproc__mpi_job;

/* Writes a wire header into @p h. */
void mproc__mpi_header(uint8_t h[WIRE_HDR], int kind, uint32_t epoch);
/* Reads one: the kind, or -1 for a message shorter than a header. */
int mproc__mpi_kind(const uint8_t *msg, size_t len, uint32_t *epoch);
/* An error detail for MPI error code @p mrc from @p call. */
int mproc__mpi_fail(const char *call, int mrc);
/* Sleeps before poll number @p idle of an idle loop (0: not at all). */
void mproc__mpi_backoff(unsigned idle);
#define MPI_IDLE_SPINS 64 /* polls that only yield before backoff sleeps */
/* Ranks other than 0: serves pools until SHUTDOWN; returns the exit code. */
int mproc__mpi_serve(void);
/* Rank 0, at the end: stops the transport's thread and the pool if any. */
void mproc__mpi_transport_end(void);

#endif /* MPROC_MPI_JOB_H */
