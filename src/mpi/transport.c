/* SPDX-License-Identifier: MIT */
/*
 * The pool transport on rank 0: a pool's workers are ranks 1..n, worker
 * slot i being rank i + 1 (see the wire in job.h).
 *
 * Chunks leave from whichever thread hands them out (the pool's thread,
 * or a caller submitting a call), with MPI_Isend of a copy: a blocking
 * send of a large chunk to a rank busy in a long task would hold the
 * pool's mutex until that task ended. Answers come in on one thread of
 * this library, the "pump", which polls (MPI has no call that waits
 * for a message and can also be woken) and puts each answer, as it
 * arrived, into the pool's result queue; from there the pool's own code
 * attributes it exactly as a local worker's. The pump also completes the
 * sends, and notes ranks that ended (maxtasksperchild, a failed
 * initializer) or acknowledged a STOP.
 *
 * Every MPI call is made under the job's mutex (MPI_THREAD_SERIALIZED);
 * the pump lets go of it while it sleeps and while it puts into the result
 * queue, which may wait for the pool's thread to read.
 */
#define _POSIX_C_SOURCE 200809L
#include "../pool_transport.h"
#include "job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JOIN_WAIT_S 30 /* for a rank to acknowledge STOP */

typedef struct slot {
  bool ended, stopped, lost;
  int code;
  size_t given, answered; /* chunks since its START */
} slot_t;

/* A send in flight: its buffer, freed once MPI_Testsome says it left. */
typedef struct send_buf {
  int dest;
  uint8_t *buf;
} send_buf_t;

/* The transport's state: one MPI pool at a time (the ranks serve one). */
static struct {
  pthread_cond_t cond; /* with the job's mutex: slot states, putting */
  pthread_t pump;
  bool pump_on, quit;
  bool active;        /* an MPI pool exists (until its release) */
  mproc_pool_t *pool; /* ... that one, for the end of the job */
  uint32_t epoch;     /* the current pool's */
  slot_t *slots;
  unsigned nslots;
  mproc_queue_t *results; /* where answers go; NULL once released */
  bool putting;           /* the pump is putting into results */
  bool kick;              /* a chunk left: the pump polls at once */
  /* Sends in flight, in two arrays for MPI_Testsome. Why not MPI_Test
   * each: every MPI_Test runs Open MPI's progress loop, and with hundreds
   * of chunks in flight (the pool's credit) that cost 70 us per answer;
   * MPI_Testsome runs it once. */
  MPI_Request *reqs;
  send_buf_t *sends;
  int *done_idx;
  size_t nsends, cap;
} T = {.cond = PTHREAD_COND_INITIALIZER};

#define J (&mproc__mpi_job)

/* Notes that rank @p dest is gone (an MPI call about it failed, which only
 * an implementation that survives a dead rank reports); caller holds mu. */
static void rank_lost(int dest) {
  unsigned slot = (unsigned)(dest - 1);
  if (dest < 1 || slot >= T.nslots)
    return;
  T.slots[slot].ended = T.slots[slot].lost = true;
  T.slots[slot].code = -1;
  pthread_cond_broadcast(&T.cond);
}

/* Sends @p kind with @p payload to rank @p dest without waiting; the
 * caller holds the job's mutex. */
static int post(int dest, int tag, int kind, const void *payload, size_t len) {
  if (len > (size_t)INT32_MAX - WIRE_HDR)
    return mproc__pool_err(MPROC_E_TOOBIG, "a message of more than 2 GiB");
  if (T.nsends == T.cap) {
    size_t cap = T.cap ? T.cap * 2 : 64;
    MPI_Request *r = realloc(T.reqs, cap * sizeof *r);
    if (r)
      T.reqs = r;
    send_buf_t *b = realloc(T.sends, cap * sizeof *b);
    if (b)
      T.sends = b;
    int *d = realloc(T.done_idx, cap * sizeof *d);
    if (d)
      T.done_idx = d;
    if (!r || !b || !d)
      return mproc__pool_err(MPROC_E_NOMEM, "sending to a rank");
    T.cap = cap;
  }
  uint8_t *buf = malloc(WIRE_HDR + len);
  if (!buf)
    return mproc__pool_err(MPROC_E_NOMEM, "sending to a rank");
  mproc__mpi_header(buf, kind, T.epoch);
  if (len)
    memcpy(buf + WIRE_HDR, payload, len);
  int mrc = MPI_Isend(buf, (int)(WIRE_HDR + len), MPI_BYTE, dest, tag, J->comm,
                      &T.reqs[T.nsends]);
  if (mrc != MPI_SUCCESS) {
    free(buf);
    rank_lost(dest);
    return mproc__mpi_fail("MPI_Isend", mrc);
  }
  T.sends[T.nsends++] = (send_buf_t){dest, buf};
  T.kick = true;
  return 0;
}

/* Completes finished sends; the caller holds the job's mutex. */
static void sends_test(void) {
  if (T.nsends == 0)
    return;
  int n = 0;
  int mrc =
      MPI_Testsome((int)T.nsends, T.reqs, &n, T.done_idx, MPI_STATUSES_IGNORE);
  if (mrc != MPI_SUCCESS) {
    /* Which one failed is in statuses not asked for: ask each. */
    for (size_t i = 0; i < T.nsends; i++) {
      int done = 0;
      if (T.reqs[i] != MPI_REQUEST_NULL &&
          MPI_Test(&T.reqs[i], &done, MPI_STATUS_IGNORE) != MPI_SUCCESS) {
        rank_lost(T.sends[i].dest);
        T.reqs[i] = MPI_REQUEST_NULL;
      }
    }
    n = 0;
  }
  for (int k = 0; n != MPI_UNDEFINED && k < n; k++)
    T.reqs[T.done_idx[k]] = MPI_REQUEST_NULL; /* MPI did, as it freed them */
  size_t j = 0; /* what is still in flight, kept in order */
  for (size_t i = 0; i < T.nsends; i++) {
    if (T.reqs[i] == MPI_REQUEST_NULL) {
      free(T.sends[i].buf);
      continue;
    }
    T.reqs[j] = T.reqs[i];
    T.sends[j++] = T.sends[i];
  }
  T.nsends = j;
}

/* Puts one answer into the pool's result queue; the caller holds the
 * job's mutex, released meanwhile. Dropped once the pool let go. */
static void deliver(const uint8_t *p, size_t len) {
  T.putting = true;
  while (T.results) {
    mproc_queue_t *q = T.results;
    pthread_mutex_unlock(&J->mu);
    /* Bounded waits, so that a pool being destroyed is noticed. */
    int rc = mproc_queue_put_bytes(q, p, len, 0.1);
    pthread_mutex_lock(&J->mu);
    if (rc != MPROC_E_FULL && rc != MPROC_E_TIMEOUT)
      break;
  }
  T.putting = false;
  pthread_cond_broadcast(&T.cond);
}

/* One message from a worker rank; the caller holds the job's mutex. */
static void on_reply(int src, const uint8_t *m, size_t len) {
  uint32_t epoch = 0;
  int kind = mproc__mpi_kind(m, len, &epoch);
  unsigned slot = (unsigned)(src - 1);
  if (kind < 0 || epoch != T.epoch || src < 1 || slot >= T.nslots)
    return; /* an earlier pool's, or not ours */
  slot_t *s = &T.slots[slot];
  switch (kind) {
  case K_RESULT:
    s->answered++;
    deliver(m + WIRE_HDR, len - WIRE_HDR);
    break;
  case K_ENDED:
    s->code = len >= WIRE_HDR + 4
                  ? (int)((uint32_t)m[8] | (uint32_t)m[9] << 8 |
                          (uint32_t)m[10] << 16 | (uint32_t)m[11] << 24)
                  : -1;
    s->ended = true;
    pthread_cond_broadcast(&T.cond);
    break;
  case K_STOPPED:
    s->stopped = true;
    pthread_cond_broadcast(&T.cond);
    break;
  default:
    break;
  }
}

static void *pump_main(void *arg) {
  (void)arg;
  pthread_mutex_lock(&J->mu);
  unsigned idle = 0;
  while (!T.quit) {
    MPI_Status st;
    int flag = 0;
    int mrc = MPI_Iprobe(MPI_ANY_SOURCE, TAG_REPLY, J->comm, &flag, &st);
    if (mrc != MPI_SUCCESS) {
      for (unsigned i = 0; i < T.nslots; i++)
        rank_lost((int)i + 1); /* nothing can come in any more */
      flag = 0;
    }
    uint8_t *m = NULL;
    int len = 0;
    if (flag) {
      MPI_Get_count(&st, MPI_BYTE, &len);
      m = malloc(len ? (size_t)len : 1);
      if (m && MPI_Recv(m, len, MPI_BYTE, st.MPI_SOURCE, TAG_REPLY, J->comm,
                        MPI_STATUS_IGNORE) != MPI_SUCCESS) {
        rank_lost(st.MPI_SOURCE);
        free(m);
        m = NULL;
      }
    }
    sends_test();
    if (m) {
      on_reply(st.MPI_SOURCE, m, (size_t)len);
      free(m);
      idle = 0;
      continue;
    }
    if (T.kick) {
      T.kick = false;
      idle = 0;
    }
    pthread_mutex_unlock(&J->mu);
    mproc__mpi_backoff(idle++);
    pthread_mutex_lock(&J->mu);
  }
  pthread_mutex_unlock(&J->mu);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The table                                                                */
/* ------------------------------------------------------------------------ */

static int mpi_start(void *ctx, const mproc__pool_start_t *s) {
  (void)ctx;
  /* Encoded outside process creation: a Lock among the initializer's
   * arguments fails here with CPython's message, as it could never be
   * inherited by a process on another machine. */
  size_t n = 3 + s->ninitargs;
  mproc_value_t *v = calloc(n, sizeof *v);
  if (!v)
    return mproc__pool_err(MPROC_E_NOMEM, "starting a worker rank");
  v[0] = mproc_int(s->slot);
  v[1] = s->init_name ? mproc_str(s->init_name) : mproc_none();
  v[2] = mproc_int(s->maxtasks);
  for (size_t i = 0; i < s->ninitargs; i++)
    v[3 + i] = s->initargs[i];
  void *enc = NULL;
  size_t len = 0;
  int rc = mproc_encode(v, n, &enc, &len);
  free(v);
  if (rc < 0)
    return rc;
  pthread_mutex_lock(&J->mu);
  T.results = s->results;
  slot_t *sl = &T.slots[s->slot];
  if (sl->lost) {
    rc = mproc__pool_err(MPROC_E_WORKER_DIED, "the worker rank is gone");
  } else {
    *sl = (slot_t){0};
    rc = post((int)s->slot + 1, TAG_WORK, K_START, enc, len);
  }
  pthread_mutex_unlock(&J->mu);
  mproc_free(enc);
  return rc;
}

static int mpi_give(void *ctx, unsigned slot, const void *msg, size_t len) {
  (void)ctx;
  pthread_mutex_lock(&J->mu);
  int rc = post((int)slot + 1, TAG_WORK, K_CHUNK, msg, len);
  if (rc == 0)
    T.slots[slot].given++;
  pthread_mutex_unlock(&J->mu);
  return rc;
}

static int mpi_alive(void *ctx, unsigned slot) {
  (void)ctx;
  pthread_mutex_lock(&J->mu);
  bool ended = T.slots[slot].ended;
  pthread_mutex_unlock(&J->mu);
  return !ended;
}

static void mpi_reap(void *ctx, unsigned slot, mproc__pool_end_t *end) {
  (void)ctx;
  pthread_mutex_lock(&J->mu);
  slot_t *s = &T.slots[slot];
  end->code = s->code;
  /* A rank that ended on its own answered in order and drops what came
   * after: exactly the unanswered chunks are unread. A lost one may have
   * been running the first of them. */
  end->unread = s->lost ? SIZE_MAX : s->given - s->answered;
  snprintf(end->who, sizeof end->who, "MPI rank %u (%.40s)", slot + 1,
           J->hosts[slot + 1]);
  pthread_mutex_unlock(&J->mu);
}

static void mpi_stop(void *ctx, unsigned slot, bool terminate) {
  (void)ctx;
  pthread_mutex_lock(&J->mu);
  /* A rank cannot be killed without ending the job: terminate drops the
   * chunks it has not started, and the one it runs finishes. */
  if (terminate)
    post((int)slot + 1, TAG_TERM, K_TERMINATE, NULL, 0);
  post((int)slot + 1, TAG_WORK, K_STOP, NULL, 0);
  pthread_mutex_unlock(&J->mu);
}

static void mpi_join(void *ctx, unsigned slot, bool terminate) {
  (void)ctx;
  (void)terminate;
  struct timespec dl;
  clock_gettime(CLOCK_REALTIME, &dl);
  dl.tv_sec += JOIN_WAIT_S;
  pthread_mutex_lock(&J->mu);
  slot_t *s = &T.slots[slot];
  int rc = 0;
  while (!s->stopped && !s->ended && rc == 0)
    rc = pthread_cond_timedwait(&T.cond, &J->mu, &dl);
  pthread_mutex_unlock(&J->mu);
  /* Past the wait, a rank still in a task is left to it: its answer will
   * carry an old epoch, and the next pool's START waits behind it. */
}

static void mpi_release(void *ctx) {
  (void)ctx;
  pthread_mutex_lock(&J->mu);
  T.results = NULL; /* the pool destroys its queue next */
  while (T.putting)
    pthread_cond_wait(&T.cond, &J->mu);
  T.active = false;
  T.pool = NULL;
  pthread_mutex_unlock(&J->mu);
}

static const mproc__pool_transport_t mpi_transport = {
    "mpi",    mpi_start, mpi_give, mpi_alive,
    mpi_reap, mpi_stop,  mpi_join, mpi_release};

int mproc_mpi_pool_create(mproc_pool_t **out,
                          const mproc_pool_options_t *opts) {
  if (!out)
    return mproc__pool_err(MPROC_E_INVAL,
                           "mproc_mpi_pool_create: NULL output pointer");
  *out = NULL;
  if (!J->booted || J->finalized || J->rank != 0)
    return mproc__pool_err(MPROC_E_STATE,
                           "mproc_mpi_pool_create: only on rank 0, after "
                           "mproc_mpi_boot() and before the job ends");
  if (J->size == 1) /* no mpirun: the same program, on local processes */
    return mproc_pool_create(out, opts);
  unsigned ranks = (unsigned)J->size - 1;
  unsigned n = opts && opts->processes ? opts->processes : ranks;
  if (n > ranks) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "mproc_mpi_pool_create: %u processes, but the job has %u "
             "worker ranks (mpirun -np %d)",
             n, ranks, J->size);
    return mproc__pool_err(MPROC_E_VALUE, msg);
  }
  pthread_mutex_lock(&J->mu);
  if (T.active) {
    pthread_mutex_unlock(&J->mu);
    return mproc__pool_err(MPROC_E_STATE,
                           "mproc_mpi_pool_create: another MPI pool exists; "
                           "the ranks serve one pool at a time");
  }
  if (!T.slots && !(T.slots = calloc(ranks, sizeof *T.slots))) {
    pthread_mutex_unlock(&J->mu);
    return mproc__pool_err(MPROC_E_NOMEM, "mproc_mpi_pool_create");
  }
  for (unsigned i = 0; i < ranks; i++) {
    bool lost = T.slots[i].lost;
    T.slots[i] = (slot_t){0};
    T.slots[i].lost = T.slots[i].ended = lost;
  }
  T.nslots = ranks;
  T.epoch++;
  T.active = true;
  if (!T.pump_on) {
    T.quit = false;
    if (pthread_create(&T.pump, NULL, pump_main, NULL) != 0) {
      T.active = false;
      pthread_mutex_unlock(&J->mu);
      return mproc__pool_err(MPROC_E_LIMIT,
                             "mproc_mpi_pool_create: starting a thread");
    }
    T.pump_on = true;
  }
  pthread_mutex_unlock(&J->mu);
  int rc = mproc__pool_create_on(out, opts, n, &mpi_transport, NULL);
  if (rc == 0) {
    pthread_mutex_lock(&J->mu);
    T.pool = *out;
    pthread_mutex_unlock(&J->mu);
  }
  return rc;
}

void mproc__mpi_transport_end(void) {
  pthread_mutex_lock(&J->mu);
  mproc_pool_t *p = T.pool;
  pthread_mutex_unlock(&J->mu);
  if (p) { /* still there at exit: ended as its exit hook would */
    mproc_pool_terminate(p);
    mproc_pool_join(p, MPROC_FOREVER);
  }
  pthread_mutex_lock(&J->mu);
  T.quit = true;
  bool on = T.pump_on;
  T.pump_on = false;
  pthread_mutex_unlock(&J->mu);
  if (on)
    pthread_join(T.pump, NULL);
  /* Sends still in flight finish before the SHUTDOWN behind them. */
  if (T.nsends)
    MPI_Waitall((int)T.nsends, T.reqs, MPI_STATUSES_IGNORE);
  for (size_t i = 0; i < T.nsends; i++)
    free(T.sends[i].buf);
  free(T.reqs);
  free(T.sends);
  free(T.done_idx);
  T.reqs = NULL;
  T.sends = NULL;
  T.done_idx = NULL;
  T.nsends = T.cap = 0;
  free(T.slots);
  T.slots = NULL;
  T.nslots = 0;
}
