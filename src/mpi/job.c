/* SPDX-License-Identifier: MIT */
/*
 * The MPI job: booting every rank (mproc_mpi_boot), handing rank 0's auth
 * key to the others, and ending it (mproc_mpi_finalize, or at exit).
 *
 * Why mproc_boot() first and MPI second: a process that mproc spawned
 * (a local pool's worker, a manager server) re-runs the program; were MPI
 * initialized first, that child would start a second MPI job of its own
 * (a singleton) before mproc_boot() could run its function.
 *
 * Why the worker ranks are caught here rather than in mproc_boot(): the
 * core library must not link MPI, and only here is the rank known.
 */
#define _POSIX_C_SOURCE 200809L
#include "../pool_transport.h"
#include "job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mpi_job_t mproc__mpi_job = {
    .rank = 0, .size = 1, .mu = PTHREAD_MUTEX_INITIALIZER};

void mproc__mpi_header(uint8_t h[WIRE_HDR], int kind, uint32_t epoch) {
  h[0] = (uint8_t)kind;
  h[1] = h[2] = h[3] = 0;
  for (int i = 0; i < 4; i++)
    h[4 + i] = (uint8_t)(epoch >> (8 * i));
}

int mproc__mpi_kind(const uint8_t *msg, size_t len, uint32_t *epoch) {
  if (len < WIRE_HDR)
    return -1;
  uint32_t e = 0;
  for (int i = 0; i < 4; i++)
    e |= (uint32_t)msg[4 + i] << (8 * i);
  *epoch = e;
  return msg[0];
}

int mproc__mpi_fail(const char *call, int mrc) {
  char text[MPI_MAX_ERROR_STRING + 128];
  char err[MPI_MAX_ERROR_STRING];
  int len = 0;
  if (MPI_Error_string(mrc, err, &len) != MPI_SUCCESS)
    snprintf(err, sizeof err, "MPI error %d", mrc);
  snprintf(text, sizeof text, "%s: %s", call, err);
  return mproc__pool_err(MPROC_E_SYS, text);
}

int mproc_mpi_rank(void) {
  return mproc__mpi_job.rank;
}

int mproc_mpi_size(void) {
  return mproc__mpi_job.size;
}

static void at_exit(void) {
  mproc_mpi_finalize();
}

void mproc_mpi_finalize(void) {
  mpi_job_t *J = &mproc__mpi_job;
  if (!J->booted || J->finalized || J->rank != 0)
    return;
  J->finalized = true;
  mproc__mpi_transport_end();
  /* Every rank is told, then waited for: MPI_Finalize is collective, so a
   * rank still in a task holds this up until it returns. */
  uint8_t h[WIRE_HDR];
  mproc__mpi_header(h, K_SHUTDOWN, 0);
  for (int r = 1; r < J->size; r++)
    MPI_Send(h, WIRE_HDR, MPI_BYTE, r, TAG_WORK, J->comm);
  MPI_Comm_free(&J->comm);
  if (J->own_init)
    MPI_Finalize();
}

/* MPI, the communicator, the hosts and the auth key: mproc_mpi_boot()
 * up to where the ranks part. */
static int job_start(int *argc, char ***argv) {
  mpi_job_t *J = &mproc__mpi_job;
  int rc = 0, inited = 0, ended = 0, provided = 0, mrc;
  MPI_Initialized(&inited);
  MPI_Finalized(&ended);
  if (ended)
    return mproc__pool_err(MPROC_E_STATE,
                           "mproc_mpi_boot: MPI was finalized already");
  if (inited) {
    MPI_Query_thread(&provided);
  } else {
    if ((mrc = MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided)) !=
        MPI_SUCCESS)
      return mproc__mpi_fail("MPI_Init_thread", mrc);
    J->own_init = true;
  }
  if (provided < MPI_THREAD_SERIALIZED) {
    /* The pool's thread and the caller's both send: FUNNELED would need
     * every call on the main thread, which the pool cannot promise. */
    if (J->own_init)
      MPI_Finalize();
    return mproc__pool_err(MPROC_E_NOTSUP,
                           "mproc_mpi_boot: the MPI library does not "
                           "provide MPI_THREAD_SERIALIZED");
  }
  if ((mrc = MPI_Comm_dup(MPI_COMM_WORLD, &J->comm)) != MPI_SUCCESS)
    return mproc__mpi_fail("MPI_Comm_dup", mrc);
  /* Errors returned, not fatal, where the implementation lets the job
   * survive a rank: the transport then fails that rank's chunk. */
  MPI_Comm_set_errhandler(J->comm, MPI_ERRORS_RETURN);
  MPI_Comm_rank(J->comm, &J->rank);
  MPI_Comm_size(J->comm, &J->size);
  J->hosts = calloc((size_t)J->size, sizeof *J->hosts);
  if (!J->hosts)
    return mproc__pool_err(MPROC_E_NOMEM, "mproc_mpi_boot: host names");
  char me[MPI_MAX_PROCESSOR_NAME] = {0};
  int len = 0;
  MPI_Get_processor_name(me, &len);
  if ((mrc = MPI_Allgather(me, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, J->hosts,
                           MPI_MAX_PROCESSOR_NAME, MPI_CHAR, J->comm)) !=
      MPI_SUCCESS)
    return mproc__mpi_fail("MPI_Allgather", mrc);
  /* Ranks are not rank 0's children and inherit no auth key: rank 0's is
   * handed to them here, inside the job, so that they decode its proxies
   * and pass its managers' handshakes as its children would. */
  uint8_t key[MPROC_AUTHKEY_LEN];
  if (J->rank == 0 && (rc = mproc_authkey(key)) < 0)
    memset(key, 0, sizeof key); /* the others still take part */
  if ((mrc = MPI_Bcast(key, MPROC_AUTHKEY_LEN, MPI_BYTE, 0, J->comm)) !=
      MPI_SUCCESS)
    return mproc__mpi_fail("MPI_Bcast", mrc);
  if (J->rank == 0 && rc < 0)
    return rc;
  if (J->rank != 0)
    mproc__pool_set_authkey(key);
  return 0;
}

int mproc_mpi_boot(int *argc, char ***argv) {
  mpi_job_t *J = &mproc__mpi_job;
  if (!argc || !argv)
    return mproc__pool_err(MPROC_E_INVAL, "mproc_mpi_boot: NULL argument");
  if (J->booted)
    return mproc__pool_err(MPROC_E_STATE,
                           "mproc_mpi_boot: the job is booted already");
  int rc = mproc_boot(*argc, *argv);
  if (rc < 0)
    return rc;
  rc = job_start(argc, argv);
  if (rc < 0 && J->rank != 0) {
    /* A worker rank never returns into main, not even to report: main's
     * error path would run rank 0's program on it. Its exit ends the job. */
    fprintf(stderr, "mproc_mpi_boot on rank %d: %s\n", J->rank,
            mproc_last_error());
    exit(1);
  }
  if (rc < 0)
    return rc;
  J->booted = true;
  if (J->rank != 0) {
    int code = mproc__mpi_serve();
    MPI_Comm_free(&J->comm);
    if (J->own_init)
      MPI_Finalize();
    exit(code);
  }
  atexit(at_exit);
  return 0;
}
