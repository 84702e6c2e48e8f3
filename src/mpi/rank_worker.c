/* SPDX-License-Identifier: MIT */
/*
 * What ranks other than 0 run: pools, one after another, until rank 0
 * ends the job. Each chunk is run by the pool's own code
 * (mproc__pool_remote_chunk), so a task answers, fails and reports alike
 * on a rank and in a local worker process.
 *
 * Waiting. MPI_Recv and MPI_Probe spin (Open MPI polls its transports),
 * which on a machine shared with rank 0 and other ranks (mpirun
 * --oversubscribe, or a local pool next to an MPI one) takes a core from
 * whoever does the work. An idle rank polls with MPI_Iprobe and sleeps
 * between polls, a little longer each time up to IDLE_SLEEP_MAX_NS (an
 * apply's round trip may pay that twice; 5,000 polls a second cost an idle
 * rank well under 1% of a core); a rank
 * with work does not sleep at all.
 */
#define _POSIX_C_SOURCE 200809L
#include "../pool_transport.h"
#include "job.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IDLE_SPINS MPI_IDLE_SPINS /* polls with sched_yield() first */
#define IDLE_SLEEP_MAX_NS 200000L /* then sleeps growing to 200 us */

/* Sleeps before poll number @p idle (0: none). */
void mproc__mpi_backoff(unsigned idle) {
  if (idle == 0)
    return;
  if (idle < IDLE_SPINS) {
    sched_yield();
    return;
  }
  long ns = 1000L << (idle - IDLE_SPINS < 10 ? idle - IDLE_SPINS : 10);
  if (ns > IDLE_SLEEP_MAX_NS)
    ns = IDLE_SLEEP_MAX_NS;
  struct timespec ts = {0, ns};
  nanosleep(&ts, NULL);
}

/* Receives the next message with @p tag from rank 0 into *msg (malloc'ed);
 * waits when @p wait, else 1 when there is none. */
static int recv_from_root(int tag, bool wait, uint8_t **msg, int *len) {
  mpi_job_t *J = &mproc__mpi_job;
  MPI_Status st;
  int flag = 0, mrc;
  for (unsigned idle = 0;; idle++) {
    mproc__mpi_backoff(idle);
    if ((mrc = MPI_Iprobe(0, tag, J->comm, &flag, &st)) != MPI_SUCCESS)
      return mproc__mpi_fail("MPI_Iprobe", mrc);
    if (flag || !wait)
      break;
  }
  if (!flag)
    return 1;
  MPI_Get_count(&st, MPI_BYTE, len);
  *msg = malloc(*len ? (size_t)*len : 1);
  if (!*msg)
    return mproc__pool_err(MPROC_E_NOMEM, "receiving a message of rank 0");
  if ((mrc = MPI_Recv(*msg, *len, MPI_BYTE, 0, tag, J->comm,
                      MPI_STATUS_IGNORE)) != MPI_SUCCESS) {
    free(*msg);
    return mproc__mpi_fail("MPI_Recv", mrc);
  }
  return 0;
}

/* Sends rank 0 a reply of @p kind with @p payload. */
static int reply(int kind, uint32_t epoch, const void *payload, size_t len) {
  mpi_job_t *J = &mproc__mpi_job;
  if (len > (size_t)INT32_MAX - WIRE_HDR)
    return mproc__pool_err(MPROC_E_TOOBIG, "a reply of more than 2 GiB");
  uint8_t *m = malloc(WIRE_HDR + len);
  if (!m)
    return mproc__pool_err(MPROC_E_NOMEM, "replying to rank 0");
  mproc__mpi_header(m, kind, epoch);
  if (len)
    memcpy(m + WIRE_HDR, payload, len);
  int mrc = MPI_Send(m, (int)(WIRE_HDR + len), MPI_BYTE, 0, TAG_REPLY, J->comm);
  free(m);
  return mrc == MPI_SUCCESS ? 0 : mproc__mpi_fail("MPI_Send", mrc);
}

static int reply_code(int kind, uint32_t epoch, int code) {
  uint8_t c[4];
  for (int i = 0; i < 4; i++)
    c[i] = (uint8_t)((uint32_t)code >> (8 * i));
  return reply(kind, epoch, c, 4);
}

/* The highest epoch rank 0 terminated, from TERMINATE messages waiting. */
static void take_terminates(uint32_t *terminated) {
  uint8_t *m = NULL;
  int len = 0;
  while (recv_from_root(TAG_TERM, false, &m, &len) == 0) {
    uint32_t e;
    if (mproc__mpi_kind(m, (size_t)len, &e) == K_TERMINATE && e > *terminated)
      *terminated = e;
    free(m);
  }
}

/* A pool is served on this rank. */
typedef struct serving {
  bool on;
  uint32_t epoch;
  int64_t slot, maxtasks, done;
} serving_t;

/* START: runs the initializer; the rank serves the pool if it succeeded. */
static int start(serving_t *s, uint32_t epoch, const uint8_t *p, size_t len) {
  mproc_value_t *v = NULL;
  size_t n = 0;
  int64_t slot, maxtasks;
  s->on = false;
  if (mproc_decode(p, len, &v, &n) != 0 || n < 3 ||
      mproc_value_as_int(&v[0], &slot) != 0 ||
      mproc_value_as_int(&v[2], &maxtasks) != 0 ||
      (v[1].type != MPROC_VALUE_STR && v[1].type != MPROC_VALUE_NONE)) {
    mproc_values_free(v, n);
    return reply_code(K_ENDED, epoch, 5); /* the pool's EXIT_BAD_ARGS */
  }
  int code = mproc__pool_remote_init(
      v[1].type == MPROC_VALUE_STR ? v[1].u.s : NULL, v + 3, n - 3);
  mproc_values_free(v, n);
  if (code != 0)
    return reply_code(K_ENDED, epoch, code);
  *s = (serving_t){true, epoch, slot, maxtasks, 0};
  return 0;
}

int mproc__mpi_serve(void) {
  serving_t s = {0};
  uint32_t terminated = 0;
  for (;;) {
    uint8_t *m = NULL;
    int len = 0, rc = recv_from_root(TAG_WORK, true, &m, &len);
    if (rc < 0)
      return 1; /* MPI failed under us: the job is over */
    uint32_t epoch = 0;
    int kind = mproc__mpi_kind(m, (size_t)len, &epoch); /* -1: too short */
    const uint8_t *p = kind < 0 ? m : m + WIRE_HDR;
    size_t plen = kind < 0 ? 0 : (size_t)len - WIRE_HDR;
    rc = 0;
    switch (kind) {
    case K_SHUTDOWN:
      free(m);
      return 0;
    case K_START:
      rc = start(&s, epoch, p, plen);
      break;
    case K_STOP:
      s.on = false;
      rc = reply(K_STOPPED, epoch, NULL, 0);
      break;
    case K_CHUNK: {
      take_terminates(&terminated);
      /* A terminated pool's chunks, or a pool this rank left (maxtasks,
       * a failed initializer), are dropped unanswered: rank 0 has
       * settled them already. */
      if (!s.on || epoch != s.epoch || epoch <= terminated)
        break;
      void *out = NULL;
      size_t out_len = 0;
      rc = mproc__pool_remote_chunk(p, plen, s.slot, &out, &out_len);
      if (rc == 0) {
        rc = reply(K_RESULT, epoch, out, out_len);
        mproc_free(out);
        if (rc == 0 && s.maxtasks && ++s.done >= s.maxtasks) {
          s.on = false; /* as a local worker exits: rank 0 restarts it */
          rc = reply_code(K_ENDED, epoch, 0);
        }
      } else if (rc == 1) {
        rc = 0;
      }
      break;
    }
    default:
      break; /* nothing rank 0 sends */
    }
    free(m);
    if (rc < 0 && rc != MPROC_E_DECODE)
      return 1;
  }
}
