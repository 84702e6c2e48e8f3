/* SPDX-License-Identifier: MIT */
/*
 * mproc-crash: the crash suite. Each iteration sets up a few processes that
 * use one kind of object (a Lock, an RLock, a Queue, a Pool, a Manager),
 * kills one participant (SIGKILL; TerminateProcess on Windows) after a
 * random delay (10 us to 30 ms, so that kills land inside operations), and
 * then checks what the library promises about crashes:
 *
 *   - every wait of a survivor ends (an item, MPROC_E_OWNER_DEAD,
 *     MPROC_E_WORKER_DIED, MPROC_E_BROKEN, MPROC_E_CLOSED or a timeout):
 *     every survivor wait has a timeout, and a watchdog thread turns an
 *     iteration that overruns its time bound into a failure (a hang);
 *   - no message reported as put is lost or duplicated, no half message is
 *     delivered (every payload carries a checksum);
 *   - queue-spill: the same while the messages sit in a queue's spill
 *     segments (a queue without maxsize whose ring overflowed before its
 *     consumers began), and once the queue is destroyed no segment of it
 *     is left (/dev/shm on Linux, the temporary directory on Windows);
 *   - the counters that locks protect stay consistent, the RLock's next
 *     acquirer gets MPROC_E_OWNER_DEAD, a Lock held by the dead stays held
 *     (CPython's semantics: the survivors time out);
 *   - a pool returns every result or MPROC_E_WORKER_DIED for exactly the
 *     lost chunk, and stays usable;
 *   - a manager's clients see MPROC_E_OWNER_DEAD for a lock whose holder
 *     died, lose no queue item, and get MPROC_E_CLOSED (never a hang) when
 *     the server itself is killed;
 *   - a Condition's notify reaches a live waiter that was present, even
 *     when the waiter it chose was killed, and never a later arrival (no
 *     consumer waits out its timeout while an item waits for it);
 *   - manager-put: a manager put that returned has been applied, even when
 *     its process is killed right after (or in the middle of a stream of
 *     puts): every item recorded as put is in the queue;
 *   - manager-wait: a process killed while its get (forever or with a
 *     timeout), semaphore acquire or Lock acquire waits in the server
 *     takes nothing: the items, permits and lock given afterwards all
 *     reach the survivors, and nobody sees MPROC_E_OWNER_DEAD.
 *
 *   mproc-crash [--iterations N] [--seed S] [--scenario NAME]
 *               [--start-method fork|spawn|both] [--time-limit SECONDS]
 *               [--hang-after SECONDS] [--hang-pause] [--verbose]
 *
 * NAME is lock, rlock, queue, pool, manager, manager-put, manager-wait,
 * condition, queue-spill or all (round robin). The seed
 * is printed; a failing iteration prints the arguments that replay it
 * alone. Exit status 0 when every iteration held every invariant.
 *
 * --time-limit: no iteration starts once the run has taken this long (the
 * summary says how many were left out). --hang-after: an iteration's time
 * bound (default 45 s, 90 s where processes start slowly, as under wine);
 * past it the watchdog reports a hang, with where each participant was,
 * and exits 4, or with --hang-pause waits for a debugger to attach.
 *
 * Participants record what they do in a shared array of int32 cells,
 * written with atomic operations: the parent reads it after the kill to
 * learn where the victim was and what the survivors saw.
 */
#include <mproc.h>

#include "manager/manager.h" /* mproc__manager_server_pid(), a test hook */
#include "queue.h"           /* the spill's white-box hooks */
#include "harness.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Shared cells                                                             */
/* ------------------------------------------------------------------------ */

#define MAXP 8      /* participants per iteration */
#define MAXSEQ 1024 /* items per producer */
#define NPROD 4     /* producers with a receive table */

enum {
  C_READY = 0, /* participants that have started */
  C_STOP,      /* set by the parent: finish now */
  C_VICTIM,    /* victim index + 1, set just before the kill */
  C_COUNTER,   /* the counter a lock protects */
  C_OWNER,     /* who is inside the critical section (index + 1) */
  C_VIOL,      /* invariant violations seen by participants */
  C_VIOL_WHAT, /* the first one's code */
  C_ERR,       /* unexpected status codes */
  C_ERR_CODE,  /* the first one */
  C_OWNER_DEAD,
  C_TIMEOUT,
  C_BROKEN,
  C_CLOSED,
  C_NWORKERS,   /* pool workers that ran the initializer */
  C_GO,         /* set by the parent once every participant is ready */
  C_STALE,      /* condition: waits that timed out with an item there */
  C_GATE,       /* queue-spill: set by the parent once the queue spilled */
  C_STATE = 20, /* + i: what participant i is doing */
  C_DONE = C_STATE + MAXP,   /* + i: critical sections completed */
  C_PUTS = C_DONE + MAXP,    /* + i: items whose put returned */
  C_PID = C_PUTS + MAXP,     /* + slot: pool worker pids */
  C_RECV = C_PID + 2 * MAXP, /* + p * MAXSEQ + seq: times received */
  C_NCELLS = C_RECV + NPROD * MAXSEQ
};

/* What a participant is doing (C_STATE), to say where a kill landed. */
enum {
  S_START = 0,
  S_IDLE,
  S_ACQUIRE,
  S_HOLD,
  S_RELEASE,
  S_PUT,
  S_PUT_STREAM,
  S_GET,
  S_TASK,
  S_CALL, /* a manager proxy call other than the above */
  S_DONE,
  S_NSTATES
};
static const char *const state_names[S_NSTATES] = {
    "starting", "idle", "acquire", "holding", "release", "put",
    "put(big)", "get",  "task",    "call",    "done"};

/* Violation codes (C_VIOL_WHAT). */
enum {
  V_MUTEX = 1,    /* two processes inside the critical section */
  V_CHECKSUM = 2, /* a half or corrupt message */
  V_FORMAT = 3,   /* an item that is not one of ours */
  V_RESULT = 4,   /* a wrong value */
  V_STOLEN = 5    /* condition: a consumer took an item nobody put */
};

/* 32-bit cells, so that the library's own atomics (which MSVC has too)
 * serve: every count, pid and status here fits in an int32. */
static volatile uint32_t *cells;

static int64_t ld(int c) {
  return (int32_t)mproc__load32(&cells[c]);
}
static void st(int c, int64_t v) {
  mproc__store32(&cells[c], (uint32_t)v);
}
static int64_t add(int c, int64_t v) {
  return (int32_t)(mproc__fetch_add32(&cells[c], (uint32_t)v) + (uint32_t)v);
}
static int64_t xchg(int c, int64_t v) {
  return (int32_t)mproc__xchg32(&cells[c], (uint32_t)v);
}

static void violation(int what) {
  if (add(C_VIOL, 1) == 1)
    st(C_VIOL_WHAT, what);
}

static void unexpected(int rc) {
  if (add(C_ERR, 1) == 1)
    st(C_ERR_CODE, rc);
}

/* ------------------------------------------------------------------------ */
/* Randomness, sleeping, payloads                                           */
/* ------------------------------------------------------------------------ */

static uint64_t rng_next(uint64_t *s) {
  /* splitmix64: good enough, and any seed (0 included) works. */
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint32_t rng_below(uint64_t *s, uint32_t n) {
  return (uint32_t)(rng_next(s) % n);
}

static double rng_unit(uint64_t *s) {
  return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

/* Sleeps by waiting on an event that is never set: a portable sleep that
 * the library already provides (one event per process). */
static mproc_event_t *nap_event;
static void nap(double seconds) {
  if (!nap_event && mproc_event_create(&nap_event) != 0)
    return;
  mproc_event_wait(nap_event, seconds);
}

static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

/* An item: this header, then len - sizeof header bytes of payload. */
#define ITEM_MAGIC 0x43524153u /* "CRAS" */
typedef struct item_hdr {
  uint32_t magic, producer, seq, len, sum, pad;
} item_hdr_t;

/* Fills buf with item (producer, seq) of @p len bytes (>= the header). */
static void item_make(uint8_t *buf, uint32_t producer, uint32_t seq,
                      uint32_t len) {
  uint64_t s = ((uint64_t)producer << 32) ^ seq ^ 0x5eedull;
  item_hdr_t h = {ITEM_MAGIC, producer, seq, len, 0, 0};
  uint8_t *pay = buf + sizeof h;
  size_t n = len - sizeof h;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t r = rng_next(&s);
    memcpy(pay + i, &r, n - i < 8 ? n - i : 8);
  }
  h.sum = fnv1a(pay, n);
  memcpy(buf, &h, sizeof h);
}

/* Checks a received item and counts it in the receive table. */
static void item_receive(const void *data, size_t len) {
  item_hdr_t h;
  if (len < sizeof h) {
    violation(V_CHECKSUM);
    return;
  }
  memcpy(&h, data, sizeof h);
  if (h.magic != ITEM_MAGIC || h.len != len || h.producer >= NPROD ||
      h.seq >= MAXSEQ) {
    violation(V_FORMAT);
    return;
  }
  if (fnv1a((const uint8_t *)data + sizeof h, len - sizeof h) != h.sum) {
    violation(V_CHECKSUM);
    return;
  }
  add(C_RECV + (int)(h.producer * MAXSEQ + h.seq), 1);
}

/* A participant stops when the parent says so, or on its own after a
 * bound: a parent that died (killed by hand, a failed run) must not leave
 * participants looping forever. */
static double participant_give_up;
static bool should_stop(void) {
  return ld(C_STOP) || harness_now() > participant_give_up;
}

/* Says this participant is ready, and waits until all are: with spawn
 * (under wine especially) the first ones would otherwise be done before
 * the last have started. */
static void ready_set_go(void) {
  add(C_READY, 1);
  while (!ld(C_GO) && !should_stop())
    nap(0.0005);
}

/* Arguments every participant gets: (cells, index, seed, ...). */
static int participant_init(const mproc_value_t *args, size_t nargs,
                            size_t want, int *idx, uint64_t *seed) {
  mproc_shared_array_t *a = NULL;
  int64_t i = 0, s = 0;
  if (nargs != want || mproc_value_as_shared_array(&args[0], &a) != 0 ||
      mproc_value_as_int(&args[1], &i) != 0 ||
      mproc_value_as_int(&args[2], &s) != 0)
    return -1;
  cells = mproc_shared_array_ptr(a);
  participant_give_up = harness_now() + 600.0;
  *idx = (int)i;
  *seed = (uint64_t)s;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Participants                                                             */
/* ------------------------------------------------------------------------ */

/* The body of a critical section: the counter, and a check that no one
 * else is inside. After MPROC_E_OWNER_DEAD the dead victim may still be
 * named inside (it died there). */
static void critical_section(int idx, bool after_owner_dead) {
  int64_t old = xchg(C_OWNER, idx + 1);
  if (old != 0 && !(after_owner_dead && old == ld(C_VICTIM)))
    violation(V_MUTEX);
  st(C_STATE + idx, S_HOLD);
  int64_t c = ld(C_COUNTER);
  st(C_COUNTER, c + 1);
  add(C_DONE + idx, 1);
  if (xchg(C_OWNER, 0) != idx + 1)
    violation(V_MUTEX);
}

/* (cells, idx, seed, lock or rlock) */
static int lock_worker(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_lock_t *lock = NULL;
  mproc_rlock_t *rlock = NULL;
  if (participant_init(args, nargs, 4, &idx, &seed) != 0 ||
      (mproc_value_as_lock(&args[3], &lock) != 0 &&
       mproc_value_as_rlock(&args[3], &rlock) != 0))
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  while (!should_stop()) {
    st(C_STATE + idx, S_ACQUIRE);
    int rc =
        lock ? mproc_lock_acquire(lock, 1.0) : mproc_rlock_acquire(rlock, 1.0);
    if (rc == MPROC_E_TIMEOUT) {
      add(C_TIMEOUT, 1);
      continue;
    }
    if (rc == MPROC_E_OWNER_DEAD && rlock) {
      add(C_OWNER_DEAD, 1);
    } else if (rc != 0) {
      unexpected(rc);
      return 3;
    }
    critical_section(idx, rc == MPROC_E_OWNER_DEAD);
    /* Hold it a while now and then, so that kills land while holding. */
    if (rng_below(&seed, 4) == 0)
      nap(0.0002);
    /* Sometimes recursively, to kill inside a nested acquire too. */
    if (rlock && rng_below(&seed, 4) == 0) {
      st(C_STATE + idx, S_ACQUIRE);
      rc = mproc_rlock_acquire(rlock, 0);
      if (rc != 0) {
        unexpected(rc);
        return 3;
      }
      st(C_STATE + idx, S_HOLD);
      st(C_STATE + idx, S_RELEASE);
      if ((rc = mproc_rlock_release(rlock)) != 0) {
        unexpected(rc);
        return 3;
      }
    }
    st(C_STATE + idx, S_RELEASE);
    rc = lock ? mproc_lock_release(lock) : mproc_rlock_release(rlock);
    if (rc != 0) {
      unexpected(rc);
      return 3;
    }
    st(C_STATE + idx, S_IDLE);
    if (rng_below(&seed, 8) == 0)
      nap(0.0005);
  }
  st(C_STATE + idx, S_DONE);
  return 0;
}

#define Q_SMALL_MAX 300
#define Q_CAP 4096
#define Q_BIG_MAX (4 * Q_CAP)
/* queue-spill: larger streamed items, so that the spill runs through
 * several 4 MiB segments in an iteration. */
#define QS_BIG_MAX (64 * 1024)

/* Puts items 0 .. @p nitems - 1, one in @p big_one_in of them from
 * Q_CAP up to @p big_max bytes (past the ring: streamed, or spilled),
 * recording each once its put returned. */
static int produce(mproc_queue_t *q, int idx, uint64_t seed, int64_t nitems,
                   uint32_t big_max, uint32_t big_one_in) {
  uint8_t *buf = malloc(big_max);
  if (!buf)
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  int status = 0;
  for (uint32_t seq = 0; seq < (uint32_t)nitems && !should_stop();) {
    bool big = rng_below(&seed, big_one_in) == 0;
    uint32_t len =
        big ? Q_CAP + rng_below(&seed, big_max - Q_CAP)
            : (uint32_t)sizeof(item_hdr_t) + rng_below(&seed, Q_SMALL_MAX);
    item_make(buf, (uint32_t)idx, seq, len);
    st(C_STATE + idx, big ? S_PUT_STREAM : S_PUT);
    int rc = mproc_queue_put_bytes(q, buf, len, 1.0);
    st(C_STATE + idx, S_IDLE);
    if (rc == 0) {
      st(C_PUTS + idx, ++seq);
    } else if (rc == MPROC_E_FULL || rc == MPROC_E_TIMEOUT) {
      /* FULL: a ring without room; TIMEOUT: the producer side of a queue
       * without maxsize held past its grace (by a survivor taking it over
       * from the victim). The same item again. */
      add(C_TIMEOUT, 1);
    } else if (rc == MPROC_E_BROKEN) {
      add(C_BROKEN, 1);
      break;
    } else {
      unexpected(rc);
      status = 3;
      break;
    }
  }
  st(C_STATE + idx, S_DONE);
  free(buf);
  return status;
}

/* Takes items (of up to @p big_max bytes) until told to stop; with
 * @p gated, only once the parent opens the gate. */
static int consume(mproc_queue_t *q, int idx, uint64_t seed, uint32_t big_max,
                   bool gated) {
  uint8_t *buf = malloc(big_max);
  if (!buf)
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  while (gated && !ld(C_GATE) && !should_stop())
    nap(0.0005);
  int status = 0;
  for (;;) {
    size_t len = 0;
    st(C_STATE + idx, S_GET);
    int rc = mproc_queue_get_bytes(q, buf, big_max, &len, 0.2);
    st(C_STATE + idx, S_IDLE);
    if (rc == 0) {
      item_receive(buf, len);
    } else if (rc == MPROC_E_EMPTY) {
      if (should_stop())
        break;
    } else if (rc == MPROC_E_BROKEN) {
      add(C_BROKEN, 1);
      break;
    } else {
      unexpected(rc);
      status = 3;
      break;
    }
    if (rng_below(&seed, 16) == 0)
      nap(0.0002);
  }
  st(C_STATE + idx, S_DONE);
  free(buf);
  return status;
}

/* (cells, idx, seed, queue, nitems) */
static int queue_producer(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_queue_t *q = NULL;
  int64_t nitems = 0;
  if (participant_init(args, nargs, 5, &idx, &seed) != 0 ||
      mproc_value_as_queue(&args[3], &q) != 0 ||
      mproc_value_as_int(&args[4], &nitems) != 0 || nitems > MAXSEQ)
    return 2;
  return produce(q, idx, seed, nitems, Q_BIG_MAX, 8);
}

/* (cells, idx, seed, queue) */
static int queue_consumer(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_queue_t *q = NULL;
  if (participant_init(args, nargs, 4, &idx, &seed) != 0 ||
      mproc_value_as_queue(&args[3], &q) != 0)
    return 2;
  return consume(q, idx, seed, Q_BIG_MAX, false);
}

/* queue-spill: (cells, idx, seed, queue, nitems) */
static int qspill_producer(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_queue_t *q = NULL;
  int64_t nitems = 0;
  if (participant_init(args, nargs, 5, &idx, &seed) != 0 ||
      mproc_value_as_queue(&args[3], &q) != 0 ||
      mproc_value_as_int(&args[4], &nitems) != 0 || nitems > MAXSEQ)
    return 2;
  return produce(q, idx, seed, nitems, QS_BIG_MAX, 4);
}

/* queue-spill: (cells, idx, seed, queue) */
static int qspill_consumer(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_queue_t *q = NULL;
  if (participant_init(args, nargs, 4, &idx, &seed) != 0 ||
      mproc_value_as_queue(&args[3], &q) != 0)
    return 2;
  return consume(q, idx, seed, QS_BIG_MAX, true);
}

/* Pool workers: the initializer keeps the cells and an event to nap on,
 * and records the worker's pid so that the parent can kill it. */
static int pool_slot = -1;

/* (cells) */
static int pool_init(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *a = NULL;
  if (nargs != 1 || mproc_value_as_shared_array(&args[0], &a) != 0)
    return 2;
  cells = mproc_shared_array_ptr(a);
  int64_t slot = add(C_NWORKERS, 1) - 1;
  if (slot >= 2 * MAXP)
    return 2;
  pool_slot = (int)slot;
  st(C_PID + pool_slot, mproc_getpid());
  st(C_STATE + pool_slot % MAXP, S_IDLE);
  add(C_READY, 1);
  return 0;
}

/* (i[, seconds]): naps (by default 0 to 3 ms, from i), then gives
 * i * i + 1. */
static int pool_task(const mproc_value_t *args, size_t nargs,
                     mproc_task_t *task) {
  int64_t i = 0;
  double secs = 0;
  if (nargs < 1 || nargs > 2 || mproc_value_as_int(&args[0], &i) != 0 ||
      (nargs == 2 && mproc_value_as_double(&args[1], &secs) != 0) ||
      pool_slot < 0)
    return MPROC_E_TYPE;
  if (nargs == 1)
    secs = (double)((i * 7) % 4) * 0.001;
  st(C_STATE + pool_slot % MAXP, S_TASK);
  if (secs > 0)
    nap(secs);
  mproc_value_t r = mproc_int(i * i + 1);
  int rc = mproc_task_set_result(task, &r);
  st(C_STATE + pool_slot % MAXP, S_IDLE);
  return rc;
}

/* Classifies a proxy call's failure; returns true if the client must stop
 * (the manager went away). */
static bool manager_failed(int rc) {
  if (rc == MPROC_E_CLOSED) {
    add(C_CLOSED, 1);
    return true;
  }
  unexpected(rc);
  return true;
}

/* (cells, idx, seed, lock proxy, queue proxy, dict proxy) */
static int manager_client(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_proxy_t *lock = NULL, *queue = NULL, *dict = NULL;
  if (participant_init(args, nargs, 6, &idx, &seed) != 0 ||
      mproc_value_as_proxy(&args[3], &lock) != 0 ||
      mproc_value_as_proxy(&args[4], &queue) != 0 ||
      mproc_value_as_proxy(&args[5], &dict) != 0)
    return 2;
  uint8_t *buf = malloc(Q_BIG_MAX);
  if (!buf)
    return 2;
  mproc_value_t key = mproc_str("count");
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  uint32_t seq = 0;
  int rc = 0;
  while (!should_stop()) {
    /* The lock, and a counter in the dict under it. */
    st(C_STATE + idx, S_ACQUIRE);
    rc = mproc_proxy_acquire(lock, 1.0);
    if (rc == MPROC_E_TIMEOUT) {
      add(C_TIMEOUT, 1);
    } else if (rc == 0 || rc == MPROC_E_OWNER_DEAD) {
      if (rc == MPROC_E_OWNER_DEAD)
        add(C_OWNER_DEAD, 1);
      int64_t old = xchg(C_OWNER, idx + 1);
      if (old != 0 && !(rc == MPROC_E_OWNER_DEAD && old == ld(C_VICTIM)))
        violation(V_MUTEX);
      st(C_STATE + idx, S_CALL);
      mproc_value_t *v = NULL;
      int64_t c = 0;
      rc = mproc_proxy_dict_get(dict, &key, &v);
      if (rc == 0 && mproc_value_as_int(v, &c) != 0)
        violation(V_RESULT);
      mproc_values_free(v, v ? 1 : 0);
      if (rc == 0 || rc == MPROC_E_KEY) {
        mproc_value_t nv = mproc_int(c + 1);
        rc = mproc_proxy_dict_set(dict, &key, &nv);
      }
      if (rc != 0 && manager_failed(rc))
        break;
      st(C_STATE + idx, S_HOLD);
      add(C_DONE + idx, 1);
      if (xchg(C_OWNER, 0) != idx + 1)
        violation(V_MUTEX);
      st(C_STATE + idx, S_RELEASE);
      if ((rc = mproc_proxy_release(lock)) != 0 && manager_failed(rc))
        break;
    } else if (manager_failed(rc)) {
      break;
    }
    /* A put, recorded once it returned. */
    if (seq < MAXSEQ) {
      bool big = rng_below(&seed, 4) == 0;
      uint32_t len =
          big ? Q_CAP + rng_below(&seed, Q_BIG_MAX - Q_CAP)
              : (uint32_t)sizeof(item_hdr_t) + rng_below(&seed, Q_SMALL_MAX);
      item_make(buf, (uint32_t)idx, seq, len);
      mproc_value_t item = mproc_bytes(buf, len);
      st(C_STATE + idx, S_PUT);
      rc = mproc_proxy_queue_put(queue, &item, 1.0);
      if (rc != 0 && manager_failed(rc))
        break;
      st(C_PUTS + idx, ++seq);
    }
    /* A get, checked and counted. */
    st(C_STATE + idx, S_GET);
    mproc_value_t *got = NULL;
    rc = mproc_proxy_queue_get(queue, &got, 0.01);
    if (rc == 0) {
      const void *p = NULL;
      size_t n = 0;
      if (mproc_value_as_bytes(got, &p, &n) == 0)
        item_receive(p, n);
      else
        violation(V_FORMAT);
      mproc_values_free(got, 1);
    } else if (rc != MPROC_E_TIMEOUT && rc != MPROC_E_EMPTY &&
               manager_failed(rc)) {
      break;
    }
    st(C_STATE + idx, S_IDLE);
  }
  st(C_STATE + idx, S_DONE);
  free(buf);
  return ld(C_ERR) ? 3 : 0;
}

/* (cells, idx, seed, queue proxy, stop_at): puts items 0, 1, ... on a
 * manager queue, recording each once its put returned; with stop_at > 0,
 * stops after that many and waits to be killed (the kill then lands right
 * after a put returned, with nothing in flight). */
static int mput_client(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_proxy_t *queue = NULL;
  int64_t stop_at = 0;
  if (participant_init(args, nargs, 5, &idx, &seed) != 0 ||
      mproc_value_as_proxy(&args[3], &queue) != 0 ||
      mproc_value_as_int(&args[4], &stop_at) != 0)
    return 2;
  uint8_t *buf = malloc(Q_BIG_MAX);
  if (!buf)
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  uint32_t seq = 0;
  while (!should_stop() && seq < MAXSEQ &&
         (stop_at == 0 || (int64_t)seq < stop_at)) {
    bool big = rng_below(&seed, 8) == 0;
    uint32_t len =
        big ? Q_CAP + rng_below(&seed, Q_BIG_MAX - Q_CAP)
            : (uint32_t)sizeof(item_hdr_t) + rng_below(&seed, Q_SMALL_MAX);
    item_make(buf, (uint32_t)idx, seq, len);
    mproc_value_t item = mproc_bytes(buf, len);
    st(C_STATE + idx, S_PUT);
    int rc = mproc_proxy_queue_put(queue, &item, 10.0);
    if (rc != 0 && manager_failed(rc))
      break;
    st(C_PUTS + idx, ++seq);
    st(C_STATE + idx, S_IDLE);
  }
  st(C_STATE + idx, S_IDLE);
  while (!should_stop())
    nap(0.001);
  st(C_STATE + idx, S_DONE);
  free(buf);
  return ld(C_ERR) ? 3 : 0;
}

/* What a manager-wait participant waits in. */
enum { MW_GET_FOREVER, MW_GET_TIMEOUT, MW_SEM, MW_LOCK, MW_MODES };
static const char *const mw_mode_names[MW_MODES] = {
    "get(forever)", "get(30 s)", "semaphore acquire", "Lock acquire"};

/* (cells, idx, seed, proxy, mode): one wait of @p mode on the proxy (a
 * queue, a semaphore or a Lock the parent holds), then records what it
 * got. */
static int mwait_client(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_proxy_t *p = NULL;
  int64_t mode = 0;
  if (participant_init(args, nargs, 5, &idx, &seed) != 0 ||
      mproc_value_as_proxy(&args[3], &p) != 0 ||
      mproc_value_as_int(&args[4], &mode) != 0 || mode < 0 || mode >= MW_MODES)
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  int rc;
  if (mode == MW_GET_FOREVER || mode == MW_GET_TIMEOUT) {
    mproc_value_t *got = NULL;
    st(C_STATE + idx, S_GET);
    rc = mproc_proxy_queue_get(p, &got,
                               mode == MW_GET_FOREVER ? MPROC_FOREVER : 30.0);
    if (rc == 0) {
      const void *b = NULL;
      size_t n = 0;
      if (mproc_value_as_bytes(got, &b, &n) == 0)
        item_receive(b, n);
      else
        violation(V_FORMAT);
      mproc_values_free(got, 1);
    }
  } else {
    st(C_STATE + idx, S_ACQUIRE);
    rc = mproc_proxy_acquire(p, MPROC_FOREVER);
    if (rc == MPROC_E_OWNER_DEAD)
      add(C_OWNER_DEAD, 1); /* a dead waiter never held it */
    if (rc == 0 || rc == MPROC_E_OWNER_DEAD) {
      add(C_DONE + idx, 1);
      if (mode == MW_LOCK) {
        st(C_STATE + idx, S_RELEASE);
        int rc2 = mproc_proxy_release(p);
        if (rc2 != 0)
          unexpected(rc2);
      }
    }
  }
  if (rc != 0)
    unexpected(rc);
  st(C_STATE + idx, S_DONE);
  return rc == 0 ? 0 : 3;
}

/* ------------------------------------------------------------------------ */
/* The parent: iterations, statistics, the watchdog                         */
/* ------------------------------------------------------------------------ */

enum {
  SCN_LOCK,
  SCN_RLOCK,
  SCN_QUEUE,
  SCN_POOL,
  SCN_MANAGER,
  SCN_MPUT,
  SCN_MWAIT,
  SCN_CONDITION,
  SCN_QSPILL,
  SCN_N
};
static const char *const scenario_names[SCN_N] = {
    "lock",        "rlock",        "queue",     "pool",       "manager",
    "manager-put", "manager-wait", "condition", "queue-spill"};

typedef struct stats {
  long iterations, failures, landed, victim_gone;
  long at_state[S_NSTATES];
  long owner_dead, worker_died, broken, closed, timeout;
  long server_kills, items_put, items_lost_to_victim, items_lost_broken;
  long spilled_kills; /* queue-spill: kills while messages were spilled */
} stats_t;

static stats_t stats[SCN_N];
static bool verbose;

/* The iteration under way, for messages and for the watchdog. */
static struct {
  int scenario;
  mproc_start_method_t method;
  uint64_t seed;
  long index;
  volatile double deadline; /* 0: none */
  const char *volatile phase;
} cur;

static const char *method_name(mproc_start_method_t m) {
  return m == MPROC_START_FORK ? "fork" : "spawn";
}

static char fail_why[512];
static void crash_fail(const char *fmt, ...) {
  if (fail_why[0])
    return; /* the first reason is the one that matters */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(fail_why, sizeof fail_why, fmt, ap);
  va_end(ap);
}

/* Set when an iteration could not start its processes (MPROC_E_SPAWN)
 * before anything was killed: the OS refusing a process (wine under load
 * does, now and then: CreateProcess fails with ERROR_INTERNAL_ERROR) says
 * nothing about crashes, so the iteration is run again, up to twice. */
static bool setup_spawn_failed;
static long setup_retries;

static void setup_fail(const char *what, int rc) {
  if (rc == MPROC_E_SPAWN && !fail_why[0])
    setup_spawn_failed = true;
  crash_fail("%s: %s: %s", what, mproc_err_name(rc), mproc_last_error());
}

static void print_replay(void) {
  fprintf(stderr,
          "  replay: mproc-crash --scenario %s --start-method %s --seed "
          "%" PRIu64 " --iterations 1\n",
          scenario_names[cur.scenario], method_name(cur.method), cur.seed);
}

/* A hang is a failure: the watchdog ends the program with a message when
 * an iteration overruns its bound (the survivors' waits all have
 * timeouts, so only a library bug gets here). */
static volatile bool watchdog_quit;
static double hang_after; /* --hang-after; 0: the platform's default */
static bool hang_pause;   /* --hang-pause: wait for a debugger on a hang */
static volatile uint32_t watchdog_running;
static void watchdog(void *arg) {
  (void)arg;
  mproc__store32(&watchdog_running, 1);
  while (!watchdog_quit) {
    double d = cur.deadline;
    if (d > 0 && harness_now() > d) {
      fprintf(stderr,
              "mproc-crash: HANG: iteration %ld (%s, %s) is still in \"%s\" "
              "after its time bound\n",
              cur.index, scenario_names[cur.scenario], method_name(cur.method),
              cur.phase ? cur.phase : "?");
      volatile uint32_t *c = cells; /* NULL between iterations */
      for (int i = 0; c && i < MAXP; i++) {
        uint32_t state = mproc__load32(&c[C_STATE + i]);
        if (state != S_START)
          fprintf(stderr, "  participant %d: %s\n", i,
                  state_names[state % S_NSTATES]);
      }
      print_replay();
      fflush(stderr);
      if (hang_pause) {
        fprintf(stderr, "mproc-crash: pid %d waits for a debugger\n",
                (int)mproc_getpid());
        for (;;)
          nap(60.0);
      }
      _Exit(4);
    }
    nap(0.2);
  }
}

/* The time bound of one iteration. An iteration takes about a second
 * (5 under wine); the bound is generous, the machine may be loaded. */
static double iteration_bound(void) {
  if (hang_after > 0)
    return hang_after;
  return harness_slow_processes() ? 90.0 : 45.0;
}

static int start(mproc_process_t **p, mproc_fn fn, const mproc_value_t *args,
                 size_t n) {
  mproc_process_options_t o = {.start_method = cur.method, .daemon = false};
  int rc = mproc_process_start(p, fn, args, n, &o);
  if (rc != 0)
    setup_fail("start", rc);
  return rc;
}

/* Waits until @p n participants are ready, 60 s at most. */
static int wait_ready(int64_t n) {
  cur.phase = "waiting for the participants to start";
  double until = harness_now() + 60.0;
  while (ld(C_READY) < n) {
    if (harness_now() > until) {
      crash_fail("only %lld of %lld participants started",
                 (long long)ld(C_READY), (long long)n);
      return -1;
    }
    nap(0.001);
  }
  st(C_GO, 1);
  return 0;
}

/* The random delay before a kill: log-uniform from 10 us to 30 ms. */
static double last_delay;
static double kill_delay(uint64_t *seed) {
  last_delay = 1e-5 * pow(3000.0, rng_unit(seed));
  return last_delay;
}

/* What the kill of this iteration hit, for --verbose and failures. */
static char kill_note[128];

/* Records where the victim (participant index, -1: the manager's server)
 * was when it died. */
static void note_landing(stats_t *s, int state, int victim) {
  if (state < 0 || state >= S_NSTATES)
    state = S_START;
  if (victim < 0)
    snprintf(kill_note, sizeof kill_note, "killed the server after %.3f ms",
             last_delay * 1e3);
  else
    snprintf(kill_note, sizeof kill_note,
             "killed participant %d after %.3f ms, in %s", victim,
             last_delay * 1e3, state_names[state]);
  s->at_state[state]++;
  if (state != S_IDLE && state != S_DONE && state != S_START)
    s->landed++;
}

/* Joins a participant (bounded), returns its exit code or -1000. */
static int join_code(mproc_process_t *p, double timeout) {
  if (mproc_process_join(p, timeout) != 0) {
    mproc_process_kill(p);
    mproc_process_join(p, 10.0);
    return -1000;
  }
  int code = -1001;
  mproc_process_exitcode(p, &code);
  return code;
}

/* Joins participants [from, to) but the victim (-1: none), each within
 * @p timeout; one that does not exit 0 fails the iteration. */
static void join_all(mproc_process_t **procs, int from, int to, int victim,
                     double timeout, const char *who) {
  for (int i = from; i < to; i++) {
    if (i == victim)
      continue;
    int code = join_code(procs[i], timeout);
    /* 3: a status code no rule allows; the first one seen is kept. */
    if (code == 3 && ld(C_ERR))
      crash_fail("%s %d exited with 3 (unexpected status %s)", who, i,
                 mproc_err_name((int)ld(C_ERR_CODE)));
    else if (code != 0)
      crash_fail("%s %d exited with %d", who, i, code);
  }
}

static void destroy_procs(mproc_process_t **procs, int n) {
  for (int i = 0; i < n; i++) {
    if (!procs[i])
      continue;
    if (mproc_process_is_alive(procs[i]) == 1) {
      mproc_process_kill(procs[i]);
      mproc_process_join(procs[i], 10.0);
    }
    mproc_process_destroy(procs[i]);
    procs[i] = NULL;
  }
}

/* The checks every scenario shares: nothing unexpected seen inside. */
static void check_participants(void) {
  if (ld(C_VIOL))
    crash_fail("%lld invariant violations in participants (first: %lld)",
               (long long)ld(C_VIOL), (long long)ld(C_VIOL_WHAT));
  if (ld(C_ERR))
    crash_fail("%lld unexpected status codes in participants (first: %s)",
               (long long)ld(C_ERR), mproc_err_name((int)ld(C_ERR_CODE)));
}

/* Counts the iterations in which each outcome was seen. */
static void collect_outcomes(stats_t *s) {
  s->owner_dead += ld(C_OWNER_DEAD) != 0;
  s->broken += ld(C_BROKEN) != 0;
  s->closed += ld(C_CLOSED) != 0;
  s->timeout += ld(C_TIMEOUT) != 0;
}

/* Kills participant @p victim (a process we started) and joins it.
 * Returns the state it died in, or -1 if it had exited before. */
static int kill_participant(mproc_process_t *p, int victim) {
  st(C_VICTIM, victim + 1);
  cur.phase = "killing";
  mproc_process_kill(p);
  int code = join_code(p, 30.0);
  if (code == -1000)
    crash_fail("the victim did not die");
  return code == -MPROC_SIGKILL ? (int)ld(C_STATE + victim) : -1;
}

/* ---- lock, rlock ---- */

#define LOCK_PROCS 3

static void run_lock(uint64_t seed, bool recursive) {
  stats_t *s = &stats[recursive ? SCN_RLOCK : SCN_LOCK];
  mproc_lock_t *lock = NULL;
  mproc_rlock_t *rlock = NULL;
  mproc_shared_array_t *arr = NULL;
  mproc_process_t *procs[LOCK_PROCS] = {NULL};
  int rc = recursive ? mproc_rlock_create(&rlock) : mproc_lock_create(&lock);
  if (rc != 0 ||
      (rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create: %s", mproc_err_name(rc));
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  int victim = (int)rng_below(&seed, LOCK_PROCS);
  for (int i = 0; i < LOCK_PROCS; i++) {
    mproc_value_t a[4] = {mproc_obj(arr), mproc_int(i),
                          mproc_int((int64_t)rng_next(&seed)),
                          recursive ? mproc_obj(rlock) : mproc_obj(lock)};
    if (start(&procs[i], lock_worker, a, 4) != 0)
      goto done;
  }
  if (wait_ready(LOCK_PROCS) != 0)
    goto done;
  cur.phase = "delay before the kill";
  nap(kill_delay(&seed));
  int state = kill_participant(procs[victim], victim);
  if (state < 0) {
    s->victim_gone++;
    crash_fail("the victim exited before the kill");
    goto done;
  }
  note_landing(s, state, victim);
  int64_t owner_at_death = ld(C_OWNER);
  /* The survivors go on for a while, then stop. */
  cur.phase = "survivors running";
  nap(0.3);
  int64_t done_mid = 0;
  for (int i = 0; i < LOCK_PROCS; i++)
    done_mid += ld(C_DONE + i);
  nap(0.2);
  st(C_STOP, 1);
  cur.phase = "joining the survivors";
  join_all(procs, 0, LOCK_PROCS, victim, 60.0, "survivor");
  check_participants();
  int64_t sum = 0;
  for (int i = 0; i < LOCK_PROCS; i++)
    sum += ld(C_DONE + i);
  int64_t counter = ld(C_COUNTER);
  bool held = owner_at_death == victim + 1 || state == S_HOLD;
  if (counter != sum && counter != sum + 1)
    crash_fail("counter %lld, critical sections %lld", (long long)counter,
               (long long)sum);
  if (counter == sum + 1 && !held)
    crash_fail("counter one ahead but the victim was not inside (%s)",
               state_names[state]);
  int64_t od = ld(C_OWNER_DEAD);
  if (recursive) {
    /* The next acquirer of an RLock whose owner died gets OWNER_DEAD. */
    if (od > 1)
      crash_fail("%lld OWNER_DEAD for one death", (long long)od);
    if (held && od != 1)
      crash_fail(
          "the victim died holding the RLock, OWNER_DEAD seen %lld times",
          (long long)od);
    if ((state == S_IDLE || state == S_DONE) && od != 0)
      crash_fail("OWNER_DEAD though the victim held nothing");
    if (rlock && (rc = mproc_rlock_acquire(rlock, 5.0)) == 0)
      mproc_rlock_release(rlock);
    else
      crash_fail("the RLock could not be taken at the end: %s",
                 mproc_err_name(rc));
  } else {
    /* A Lock held by the dead stays held: the survivors time out, and
     * nobody got past it after the kill. */
    int locked = mproc_lock_locked(lock);
    if (held && (locked != 1 || ld(C_TIMEOUT) == 0 || sum != done_mid))
      crash_fail(
          "the victim died holding the Lock, yet locked=%d, timeouts=%lld",
          locked, (long long)ld(C_TIMEOUT));
    if ((state == S_IDLE || state == S_DONE) && locked != 0)
      crash_fail("the Lock is held though the victim held nothing");
    if (locked == 1)
      mproc_lock_release(lock); /* any process may release a Lock */
  }
  collect_outcomes(s);
done:
  st(C_STOP, 1);
  destroy_procs(procs, LOCK_PROCS);
  mproc_lock_destroy(lock);
  mproc_rlock_destroy(rlock);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ---- queue ---- */

#define Q_PRODUCERS 2
#define Q_CONSUMERS 2
#define Q_ITEMS 150

/* Checks the receive table against what was recorded as put. @p lost_ok
 * is how many recorded items may be missing (taken by a killed
 * consumer); @p inflight_producer is the producer killed mid-put (-1),
 * whose unrecorded item may have arrived once. */
static void check_items(stats_t *s, int nprod, int64_t lost_ok,
                        int inflight_producer, bool broken) {
  int64_t missing = 0;
  for (int p = 0; p < nprod; p++) {
    int64_t puts = ld(C_PUTS + p);
    s->items_put += (long)puts;
    for (int64_t q = 0; q < MAXSEQ; q++) {
      int64_t r = ld(C_RECV + (int)(p * MAXSEQ + q));
      if (r > 1)
        crash_fail("item %d/%lld received %lld times", p, (long long)q,
                   (long long)r);
      if (q < puts && r == 0)
        missing++;
      if (q > puts && r != 0)
        crash_fail("item %d/%lld received but never put", p, (long long)q);
      if (q == puts && r != 0 && p != inflight_producer)
        crash_fail("item %d/%lld received but its put never returned", p,
                   (long long)q);
    }
  }
  if (broken) {
    s->items_lost_broken += (long)missing;
  } else if (missing > lost_ok) {
    crash_fail("%lld items recorded as put were never received",
               (long long)missing);
  } else {
    s->items_lost_to_victim += (long)missing;
  }
}

/* The segments of queues this process created ("mpq-<pid>-...", and
 * "mpqd-<pid>-..." for released ones Windows could not delete yet), and
 * their anchors ("mpqh-<pid>-...", src/queue_anchor.c). */
static int seg_count;
static bool count_seg(const char *name) {
  (void)name;
  seg_count++;
  return false; /* counted, never removed */
}
static int my_segments(void) {
  char prefix[40];
  seg_count = 0;
  snprintf(prefix, sizeof prefix, "mpq-%lld-", (long long)mproc_getpid());
  mproc__spill_sweep(prefix, count_seg);
  snprintf(prefix, sizeof prefix, "mpqd-%lld-", (long long)mproc_getpid());
  mproc__spill_sweep(prefix, count_seg);
  snprintf(prefix, sizeof prefix, "mpqh-%lld-", (long long)mproc_getpid());
  mproc__spill_sweep(prefix, count_seg);
  return seg_count;
}

/* After the kill: joins the survivors, drains what they left, and checks
 * the items against what was put. */
static void queue_finish(stats_t *s, mproc_queue_t *q, mproc_process_t **procs,
                         int nprod, int n, int victim, int state, uint8_t *buf,
                         size_t bufmax) {
  cur.phase = "joining the producers";
  join_all(procs, 0, nprod, victim, 90.0, "producer");
  st(C_STOP, 1);
  cur.phase = "joining the consumers";
  join_all(procs, nprod, n, victim, 60.0, "consumer");
  /* What the consumers left (one that gave up on a lock held by the dead
   * consumer, for instance). */
  cur.phase = "draining";
  bool broken = ld(C_BROKEN) != 0;
  for (;;) {
    size_t len = 0;
    int rc = mproc_queue_get_bytes(q, buf, bufmax, &len, 1.0);
    if (rc == 0) {
      item_receive(buf, len);
      continue;
    }
    if (rc == MPROC_E_BROKEN)
      broken = true;
    else if (rc != MPROC_E_EMPTY)
      crash_fail("draining: %s", mproc_err_name(rc));
    break;
  }
  check_participants();
  if (broken) {
    /* Only a death in the middle of a streamed message (or in the few
     * instructions that publish one) breaks the queue. */
    if (state == S_IDLE || state == S_DONE || state < 0)
      crash_fail("the queue broke though the victim was %s",
                 state < 0 ? "gone" : state_names[state]);
    if (!ld(C_BROKEN))
      st(C_BROKEN, 1); /* seen by the drain only */
  }
  check_items(s, nprod, victim >= nprod && state >= 0 ? 1 : 0,
              victim < nprod ? victim : -1, broken);
  collect_outcomes(s);
}

/* Destroys the iteration's queue; none of its segments may outlive it. */
static void queue_destroy_checked(mproc_queue_t *q) {
  if (!q)
    return;
  mproc_queue_destroy(q);
  int left = my_segments();
  if (left)
    crash_fail("%d spill segments left after the queue was destroyed", left);
}

/* What an iteration of the queue scenarios holds. */
typedef struct queue_run {
  mproc_queue_t *q;
  mproc_shared_array_t *arr;
  mproc_process_t *procs[Q_PRODUCERS + Q_CONSUMERS];
  uint8_t *buf;
} queue_run_t;

/* Creates the queue (a Q_CAP ring, no maxsize), the cells and a buffer of
 * @p bufmax bytes, starts the producers (@p prod) and consumers (@p cons),
 * each given @p nitems, picks the *@p victim and waits until all are
 * ready: 0, or -1 once it failed (said). */
static int queue_start(queue_run_t *r, uint64_t *seed, size_t bufmax,
                       mproc_fn prod, mproc_fn cons, int64_t nitems,
                       int *victim) {
  mproc_queue_options_t qo = {0, Q_CAP};
  r->buf = malloc(bufmax);
  if (!r->buf || mproc_queue_create(&r->q, &qo) != 0 ||
      mproc_shared_array_create(&r->arr, 4, C_NCELLS, false) != 0) {
    crash_fail("create failed");
    return -1;
  }
  cells = mproc_shared_array_ptr(r->arr);
  for (int i = 0; i < Q_PRODUCERS + Q_CONSUMERS; i++) {
    mproc_value_t a[5] = {mproc_obj(r->arr), mproc_int(i),
                          mproc_int((int64_t)rng_next(seed)), mproc_obj(r->q),
                          mproc_int(nitems)};
    if (start(&r->procs[i], i < Q_PRODUCERS ? prod : cons, a,
              i < Q_PRODUCERS ? 5 : 4) != 0)
      return -1;
  }
  *victim = (int)rng_below(seed, Q_PRODUCERS + Q_CONSUMERS);
  return wait_ready(Q_PRODUCERS + Q_CONSUMERS) != 0 ? -1 : 0;
}

/* Kills participant @p victim and says where it was: its state, or < 0
 * if it had ended (only a producer may have, its items all put). */
static int queue_kill(stats_t *s, queue_run_t *r, int victim) {
  int state = kill_participant(r->procs[victim], victim);
  if (state < 0) {
    s->victim_gone++;
    snprintf(kill_note, sizeof kill_note,
             "participant %d had finished before the kill", victim);
    if (victim >= Q_PRODUCERS)
      crash_fail("a consumer exited before the kill");
  } else {
    note_landing(s, state, victim);
  }
  return state;
}

static void queue_end(queue_run_t *r) {
  st(C_STOP, 1);
  destroy_procs(r->procs, Q_PRODUCERS + Q_CONSUMERS);
  queue_destroy_checked(r->q);
  mproc_shared_array_destroy(r->arr);
  cells = NULL;
  free(r->buf);
}

static void run_queue(uint64_t seed) {
  stats_t *s = &stats[SCN_QUEUE];
  enum { N = Q_PRODUCERS + Q_CONSUMERS };
  queue_run_t r = {0};
  int victim = 0;
  if (queue_start(&r, &seed, Q_BIG_MAX, queue_producer, queue_consumer, Q_ITEMS,
                  &victim) != 0)
    goto done;
  cur.phase = "delay before the kill";
  nap(kill_delay(&seed));
  int state = queue_kill(s, &r, victim);
  queue_finish(s, r.q, r.procs, Q_PRODUCERS, N, victim, state, r.buf,
               Q_BIG_MAX);
done:
  queue_end(&r);
}

/* ---- queue-spill ---- */

/* Items per producer: a quarter of them 4 to 64 KiB, some 10 MB in all,
 * through several spill segments. */
#define QS_ITEMS 600
/* Items put before the consumers may start (the ring holds a few). */
#define QS_GATE 150

/*
 * A queue without maxsize whose 4 KiB ring overflows at once: the
 * producers put for a while with no consumer running, so most items are
 * in spill segments, then the gate lets the consumers in, and one of the
 * four is killed while they put into, and take from, the spill.
 */
static void run_queue_spill(uint64_t seed) {
  stats_t *s = &stats[SCN_QSPILL];
  enum { N = Q_PRODUCERS + Q_CONSUMERS };
  queue_run_t r = {0};
  int victim = 0;
  if (queue_start(&r, &seed, QS_BIG_MAX, qspill_producer, qspill_consumer,
                  QS_ITEMS, &victim) != 0)
    goto done;
  /* No consumer yet: wait until the spill holds items. */
  cur.phase = "waiting for the spill";
  double until = harness_now() + 60.0;
  while (ld(C_PUTS + 0) + ld(C_PUTS + 1) < QS_GATE) {
    if (harness_now() > until) {
      crash_fail("the producers put only %lld items in 60 s",
                 (long long)(ld(C_PUTS + 0) + ld(C_PUTS + 1)));
      goto done;
    }
    nap(0.0002);
  }
  if (!mproc__spill_pending(r.q->sh))
    crash_fail("%d items put with no consumer, yet nothing spilled", QS_GATE);
  st(C_GATE, 1);
  cur.phase = "delay before the kill";
  nap(kill_delay(&seed));
  bool spilled = mproc__spill_pending(r.q->sh);
  int state = queue_kill(s, &r, victim);
  if (state >= 0)
    s->spilled_kills += spilled;
  queue_finish(s, r.q, r.procs, Q_PRODUCERS, N, victim, state, r.buf,
               QS_BIG_MAX);
  /* Drained: every segment but at most the one left open is released. */
  if (!fail_why[0] && !ld(C_BROKEN) && mproc__queue_spill_units(r.q) > 64)
    crash_fail("%u spill units live in an empty queue",
               (unsigned)mproc__queue_spill_units(r.q));
done:
  queue_end(&r);
}

/* ---- pool ---- */

#define POOL_PROCS 3
#define POOL_TASKS 24

/* Checks a second call: the pool is still usable. */
static void pool_again(mproc_pool_t *pool) {
  cur.phase = "a second map";
  mproc_value_t items[8][2];
  mproc_value_t tuples[8];
  for (int i = 0; i < 8; i++) {
    items[i][0] = mproc_int(i);
    items[i][1] = mproc_double(0);
    tuples[i] = mproc_tuple(items[i], 2);
  }
  mproc_async_t *r = NULL;
  int rc = mproc_pool_starmap_async(pool, pool_task, tuples, 8, 2, NULL, &r);
  mproc_value_t *res = NULL;
  size_t n = 0;
  if (rc == 0)
    rc = mproc_async_get(r, 60.0, &res, &n);
  if (rc != 0) {
    crash_fail("the pool is not usable after the kill: %s: %s",
               mproc_err_name(rc), mproc_last_error());
  } else {
    for (size_t i = 0; i < n; i++) {
      int64_t v = -1;
      if (n != 8 || mproc_value_as_int(&res[i], &v) != 0 ||
          v != (int64_t)(i * i + 1)) {
        crash_fail("second map: wrong result %zu", i);
        break;
      }
    }
  }
  mproc_values_free(res, n);
  mproc_async_destroy(r);
}

/* Collects an imap's results: every task's result arrives once, except
 * the tasks of at most one failed chunk (MPROC_E_WORKER_DIED, reported at
 * its first task). Returns the number of failed chunks. */
static int collect_imap(mproc_iter_t *it, size_t chunk) {
  bool seen[POOL_TASKS] = {false};
  int failed = 0;
  size_t failed_first = 0;
  for (;;) {
    mproc_value_t *v = NULL;
    size_t idx = (size_t)-1;
    int rc = mproc_iter_next(it, 60.0, &v, &idx);
    if (rc == MPROC_E_DONE)
      break;
    if (rc == 0) {
      int64_t x = -1;
      if (idx >= POOL_TASKS || seen[idx] || mproc_value_as_int(v, &x) != 0 ||
          x != (int64_t)(idx * idx + 1))
        crash_fail("imap: a wrong or repeated result at %zu", idx);
      else
        seen[idx] = true;
      mproc_values_free(v, 1);
      continue;
    }
    if (rc == MPROC_E_WORKER_DIED && idx < POOL_TASKS && idx % chunk == 0) {
      failed++;
      failed_first = idx;
      continue;
    }
    crash_fail("imap: %s at %zu: %s", mproc_err_name(rc), idx,
               mproc_last_error());
    return -1;
  }
  if (failed > 1)
    crash_fail("imap: %d chunks failed for one death", failed);
  for (size_t i = 0; i < POOL_TASKS; i++) {
    bool in_failed = failed && i >= failed_first && i < failed_first + chunk;
    if (!seen[i] && !in_failed)
      crash_fail("imap: the result of task %zu never came", i);
    if (seen[i] && in_failed)
      crash_fail("imap: task %zu of the failed chunk has a result", i);
  }
  return failed;
}

static void run_pool(uint64_t seed) {
  stats_t *s = &stats[SCN_POOL];
  mproc_shared_array_t *arr = NULL;
  mproc_pool_t *pool = NULL;
  mproc_iter_t *it = NULL;
  mproc_async_t *ar = NULL;
  mproc_value_t items[POOL_TASKS];
  mproc_value_t *res = NULL;
  size_t n = 0;
  int rc;
  if ((rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create failed");
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  mproc_value_t ia[1] = {mproc_obj(arr)};
  mproc_pool_options_t po = {POOL_PROCS, pool_init, ia, 1, 0, cur.method};
  cur.phase = "creating the pool";
  if ((rc = mproc_pool_create(&pool, &po)) != 0) {
    setup_fail("pool_create", rc);
    goto done;
  }
  if (wait_ready(POOL_PROCS) != 0)
    goto done;
  for (int i = 0; i < POOL_TASKS; i++)
    items[i] = mproc_int(i);
  size_t chunk = 1 + rng_below(&seed, 4);
  bool imap = rng_below(&seed, 2) == 0;
  cur.phase = "submitting";
  rc = imap ? mproc_pool_imap(pool, pool_task, items, POOL_TASKS, chunk, &it)
            : mproc_pool_map_async(pool, pool_task, items, POOL_TASKS, chunk,
                                   NULL, &ar);
  if (rc != 0) {
    crash_fail("submit: %s", mproc_err_name(rc));
    goto done;
  }
  cur.phase = "delay before the kill";
  nap(kill_delay(&seed));
  int victim = (int)rng_below(&seed, POOL_PROCS);
  cur.phase = "killing";
  if (harness_kill_pid(ld(C_PID + victim)) != 0) {
    crash_fail("could not kill worker %d", victim);
    goto done;
  }
  cur.phase = "collecting";
  int failed = 0;
  if (imap) {
    failed = collect_imap(it, chunk);
  } else {
    rc = mproc_async_get(ar, 60.0, &res, &n);
    if (rc == 0) {
      for (size_t i = 0; i < n; i++) {
        int64_t v = -1;
        if (n != POOL_TASKS || mproc_value_as_int(&res[i], &v) != 0 ||
            v != (int64_t)(i * i + 1)) {
          crash_fail("map: a wrong result at %zu", i);
          break;
        }
      }
    } else if (rc == MPROC_E_WORKER_DIED) {
      failed = 1;
    } else {
      crash_fail("map: %s: %s", mproc_err_name(rc), mproc_last_error());
    }
  }
  s->worker_died += failed > 0;
  /* The replacement worker shows the victim is dead, so its state cell is
   * final: where the kill landed. */
  if (wait_ready(POOL_PROCS + 1) != 0)
    goto done;
  int state = (int)ld(C_STATE + victim);
  note_landing(s, state, victim);
  if (state == S_TASK && failed == 0)
    crash_fail("the victim died running a task, yet its chunk succeeded");
  pool_again(pool);
  cur.phase = "closing the pool";
  if ((rc = mproc_pool_close(pool)) != 0 ||
      (rc = mproc_pool_join(pool, 60.0)) != 0)
    crash_fail("close/join: %s", mproc_err_name(rc));
  check_participants();
  collect_outcomes(s);
done:
  mproc_values_free(res, n);
  mproc_async_destroy(ar);
  mproc_iter_destroy(it);
  mproc_pool_destroy(pool);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ---- condition ---- */

/* Condition: the parent puts items (a count under the Condition's RLock,
 * C_COUNTER) in bursts, notifying for each; consumers take them one at a
 * time, waiting when there are none, and a consumer that leaves items
 * behind notifies one more waiter and soon waits itself (the notify that a
 * later arrival must not take: issue 12, item 4). One consumer is killed,
 * waiting or not, and the bursts go on for CW_AFTER. While they do, every
 * item comes with a notify for a waiter present, so a consumer whose wait
 * times out (CW_WAIT, well above the 0.2 s a dead waiter's wake-up takes to
 * move on) while an item is there has lost a wake-up (C_STALE). */

#define CW_PROCS 4
#define CW_WAIT 1.0
#define CW_AFTER 1.3
#define C_COND_END C_RECV /* set when the bursts have stopped */

/* (cells, idx, seed, condition) */
static int cond_consumer(const mproc_value_t *args, size_t nargs) {
  int idx = 0;
  uint64_t seed = 0;
  mproc_condition_t *c = NULL;
  if (participant_init(args, nargs, 4, &idx, &seed) != 0 ||
      mproc_value_as_condition(&args[3], &c) != 0)
    return 2;
  st(C_STATE + idx, S_IDLE);
  ready_set_go();
  while (!should_stop()) {
    st(C_STATE + idx, S_ACQUIRE);
    int rc = mproc_condition_acquire(c, 5.0);
    if (rc == MPROC_E_OWNER_DEAD) {
      add(C_OWNER_DEAD, 1);
    } else if (rc != 0) {
      unexpected(rc);
      return 3;
    }
    st(C_STATE + idx, S_HOLD);
    while (ld(C_COUNTER) == 0 && !ld(C_STOP)) {
      st(C_STATE + idx, S_GET);
      rc = mproc_condition_wait(c, CW_WAIT);
      st(C_STATE + idx, S_HOLD);
      if (rc == MPROC_E_TIMEOUT) {
        add(C_TIMEOUT, 1);
        if (ld(C_COUNTER) > 0 && !ld(C_COND_END))
          add(C_STALE, 1);
      } else if (rc == MPROC_E_OWNER_DEAD) {
        add(C_OWNER_DEAD, 1);
      } else if (rc != 0) {
        unexpected(rc);
        return 3;
      }
    }
    int64_t left = ld(C_COUNTER);
    if (left > 0) {
      st(C_COUNTER, left - 1);
      add(C_DONE + idx, 1);
      if (left > 1 && (rc = mproc_condition_notify(c, 1)) != 0) {
        unexpected(rc);
        return 3;
      }
    } else if (left < 0) {
      violation(V_STOLEN);
    }
    st(C_STATE + idx, S_RELEASE);
    if ((rc = mproc_condition_release(c)) != 0) {
      unexpected(rc);
      return 3;
    }
    st(C_STATE + idx, S_IDLE);
    if (rng_below(&seed, 8) == 0)
      nap(0.0003);
  }
  st(C_STATE + idx, S_DONE);
  return 0;
}

/* Takes the Condition for the parent; false (and the iteration failed) if
 * it cannot. A dead holder's RLock comes with MPROC_E_OWNER_DEAD. */
static bool cond_enter(mproc_condition_t *c) {
  int rc = mproc_condition_acquire(c, 10.0);
  if (rc == MPROC_E_OWNER_DEAD)
    add(C_OWNER_DEAD, 1);
  else if (rc != 0)
    crash_fail("the parent could not take the Condition: %s",
               mproc_err_name(rc));
  return rc == 0 || rc == MPROC_E_OWNER_DEAD;
}

static void run_condition(uint64_t seed) {
  stats_t *s = &stats[SCN_CONDITION];
  mproc_condition_t *c = NULL;
  mproc_shared_array_t *arr = NULL;
  mproc_process_t *procs[CW_PROCS] = {NULL};
  int rc = mproc_condition_create(&c, NULL);
  if (rc != 0 ||
      (rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create: %s", mproc_err_name(rc));
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  int victim = (int)rng_below(&seed, CW_PROCS);
  for (int i = 0; i < CW_PROCS; i++) {
    mproc_value_t a[4] = {mproc_obj(arr), mproc_int(i),
                          mproc_int((int64_t)rng_next(&seed)), mproc_obj(c)};
    if (start(&procs[i], cond_consumer, a, 4) != 0)
      goto done;
  }
  if (wait_ready(CW_PROCS) != 0)
    goto done;
  /* Bursts of items, so that consumers are waiting at times and not at
   * others; the kill lands in the first ones. */
  cur.phase = "putting items";
  double kill_at = harness_now() + kill_delay(&seed), stop_at = 0;
  int state = -2;
  int64_t put = 0;
  int after_kill = 0;
  while (state == -2 || harness_now() < stop_at) {
    if (state == -2 && harness_now() >= kill_at) {
      state = kill_participant(procs[victim], victim);
      if (state < 0) {
        s->victim_gone++;
        crash_fail("the victim exited before the kill");
        goto done;
      }
      note_landing(s, state, victim);
      cur.phase = "putting items";
      stop_at = harness_now() + CW_AFTER;
    }
    /* After the kill, the first rounds and then half of them put one item
     * and wait until it is taken: then every survivor waits, and the
     * notify chooses the one that has waited longest, the victim if it
     * died waiting. */
    bool single = state != -2 && (after_kill++ < 3 || rng_below(&seed, 2) == 0);
    int burst = single ? 1 : 1 + (int)rng_below(&seed, 4);
    if (!cond_enter(c))
      goto done;
    for (int k = 0; k < burst; k++, put++) {
      st(C_COUNTER, ld(C_COUNTER) + 1);
      rc = rng_below(&seed, 8) == 0 ? mproc_condition_notify_all(c)
                                    : mproc_condition_notify(c, 1);
      if (rc != 0)
        crash_fail("notify: %s", mproc_err_name(rc));
    }
    mproc_condition_release(c);
    for (double t = harness_now();
         single && ld(C_COUNTER) > 0 && harness_now() - t < 2 * CW_WAIT;)
      nap(0.0005);
    nap(0.001 * rng_below(&seed, 6));
  }
  st(C_COND_END, 1);
  /* The survivors take what is left; they wait CW_WAIT at most each. */
  cur.phase = "survivors draining";
  double until = harness_now() + 4 * CW_WAIT;
  while (ld(C_COUNTER) > 0 && harness_now() < until)
    nap(0.005);
  st(C_STOP, 1);
  if (cond_enter(c)) {
    mproc_condition_notify_all(c);
    mproc_condition_release(c);
  }
  cur.phase = "joining the survivors";
  join_all(procs, 0, CW_PROCS, victim, 60.0, "survivor");
  check_participants();
  int64_t sum = 0;
  for (int i = 0; i < CW_PROCS; i++)
    sum += ld(C_DONE + i);
  int64_t left = ld(C_COUNTER);
  /* A victim killed between taking an item and counting it: one short. */
  if (left != 0)
    crash_fail("%lld items left with the consumers alive", (long long)left);
  if (sum != put && !(sum == put - 1 && state == S_HOLD))
    crash_fail("%lld items taken of %lld", (long long)sum, (long long)put);
  if (ld(C_STALE) > 0)
    crash_fail("%lld waits timed out with an item there (a lost wake-up)",
               (long long)ld(C_STALE));
  s->items_put += put;
  collect_outcomes(s);
done:
  st(C_STOP, 1);
  destroy_procs(procs, CW_PROCS);
  mproc_condition_destroy(c);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ---- manager ---- */

#define M_CLIENTS 3

static void run_manager(uint64_t seed) {
  stats_t *s = &stats[SCN_MANAGER];
  mproc_shared_array_t *arr = NULL;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *lock = NULL, *queue = NULL, *dict = NULL;
  mproc_process_t *procs[M_CLIENTS] = {NULL};
  int rc;
  if ((rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create failed");
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  mproc_manager_options_t mo = {cur.method, NULL, NULL, 0};
  cur.phase = "starting the manager";
  if ((rc = mproc_manager_start(&m, &mo)) != 0 ||
      (rc = mproc_manager_lock(m, &lock)) != 0 ||
      (rc = mproc_manager_queue(m, 0, &queue)) != 0 ||
      (rc = mproc_manager_dict(m, &dict)) != 0) {
    setup_fail("manager", rc);
    goto done;
  }
  for (int i = 0; i < M_CLIENTS; i++) {
    mproc_value_t a[6] = {
        mproc_obj(arr),  mproc_int(i),     mproc_int((int64_t)rng_next(&seed)),
        mproc_obj(lock), mproc_obj(queue), mproc_obj(dict)};
    if (start(&procs[i], manager_client, a, 6) != 0)
      goto done;
  }
  if (wait_ready(M_CLIENTS) != 0)
    goto done;
  /* A third of the time the server itself. */
  bool kill_server = rng_below(&seed, 3) == 0;
  int victim = kill_server ? -1 : (int)rng_below(&seed, M_CLIENTS);
  cur.phase = "delay before the kill";
  nap(kill_delay(&seed));
  int state = S_IDLE;
  if (kill_server) {
    s->server_kills++;
    note_landing(s, S_CALL, -1);
    s->landed--; /* counted below, as every server kill lands */
    s->at_state[S_CALL]--;
    cur.phase = "killing the server";
    if (harness_kill_pid(mproc__manager_server_pid(m)) != 0) {
      crash_fail("could not kill the server");
      goto done;
    }
    s->landed++;
    /* Every client call now ends with MPROC_E_CLOSED: each client stops
     * by itself. */
    cur.phase = "joining the clients";
    join_all(procs, 0, M_CLIENTS, -1, 60.0, "client");
    check_participants();
    if (ld(C_CLOSED) != M_CLIENTS)
      crash_fail("%lld of %d clients saw MPROC_E_CLOSED",
                 (long long)ld(C_CLOSED), M_CLIENTS);
    /* And the parent's own proxies too. */
    int64_t held = 0;
    if ((rc = mproc_proxy_lock_value(lock, &held)) != MPROC_E_CLOSED)
      crash_fail("a call after the server died gave %s", mproc_err_name(rc));
    collect_outcomes(s);
    goto done;
  }
  state = kill_participant(procs[victim], victim);
  if (state < 0) {
    s->victim_gone++;
    crash_fail("the victim exited before the kill");
    goto done;
  }
  note_landing(s, state, victim);
  int64_t owner_at_death = ld(C_OWNER);
  cur.phase = "survivors running";
  nap(0.3);
  st(C_STOP, 1);
  cur.phase = "joining the clients";
  join_all(procs, 0, M_CLIENTS, victim, 60.0, "client");
  check_participants();
  /* The lock: the next acquirer after a holder's death got OWNER_DEAD. */
  bool held =
      owner_at_death == victim + 1 || state == S_HOLD || state == S_CALL;
  int64_t od = ld(C_OWNER_DEAD);
  if (od > 1)
    crash_fail("%lld OWNER_DEAD for one death", (long long)od);
  if (held && od != 1)
    crash_fail("the victim died holding the manager Lock, OWNER_DEAD seen %lld "
               "times",
               (long long)od);
  if ((state == S_IDLE || state == S_PUT || state == S_GET) && od != 0)
    crash_fail("OWNER_DEAD though the victim held nothing (%s)",
               state_names[state]);
  /* The counter it protects. */
  int64_t sum = 0, count = 0;
  for (int i = 0; i < M_CLIENTS; i++)
    sum += ld(C_DONE + i);
  mproc_value_t key = mproc_str("count"), *v = NULL;
  cur.phase = "checking";
  rc = mproc_proxy_dict_get(dict, &key, &v);
  if (rc == 0)
    mproc_value_as_int(v, &count);
  mproc_values_free(v, v ? 1 : 0);
  if ((rc != 0 && rc != MPROC_E_KEY) || (count != sum && count != sum + 1))
    crash_fail("the dict's counter is %lld for %lld critical sections (%s)",
               (long long)count, (long long)sum, mproc_err_name(rc));
  /* The queue: drain what is left. */
  cur.phase = "draining";
  for (;;) {
    mproc_value_t *got = NULL;
    rc = mproc_proxy_queue_get(queue, &got, 0.5);
    if (rc != 0)
      break;
    const void *p = NULL;
    size_t n = 0;
    if (mproc_value_as_bytes(got, &p, &n) == 0)
      item_receive(p, n);
    else
      crash_fail("a queue item that is not bytes");
    mproc_values_free(got, 1);
  }
  if (rc != MPROC_E_TIMEOUT && rc != MPROC_E_EMPTY)
    crash_fail("draining: %s", mproc_err_name(rc));
  check_participants();
  /* The victim may have taken one item with it (killed inside a get, after
   * the server sent it), and its last put may have arrived or not; killed
   * anywhere else it took nothing (a put that returned was applied). */
  check_items(s, M_CLIENTS, state == S_GET ? 1 : 0, victim, false);
  collect_outcomes(s);
done:
  st(C_STOP, 1);
  cur.phase = "cleaning up the manager";
  destroy_procs(procs, M_CLIENTS);
  mproc_proxy_destroy(lock);
  mproc_proxy_destroy(queue);
  mproc_proxy_destroy(dict);
  mproc_manager_shutdown(m);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ---- manager-put ---- */

#define MPUT_CLIENTS 2

/* Drains a manager queue into the receive table; 0, or the failure. */
static int drain_proxy_queue(mproc_proxy_t *queue) {
  int rc;
  for (;;) {
    mproc_value_t *got = NULL;
    rc = mproc_proxy_queue_get(queue, &got, 0);
    if (rc != 0)
      break;
    const void *p = NULL;
    size_t n = 0;
    if (mproc_value_as_bytes(got, &p, &n) == 0)
      item_receive(p, n);
    else
      crash_fail("a queue item that is not bytes");
    mproc_values_free(got, 1);
  }
  return rc == MPROC_E_TIMEOUT || rc == MPROC_E_EMPTY ? 0 : rc;
}

static void run_manager_put(uint64_t seed) {
  stats_t *s = &stats[SCN_MPUT];
  mproc_shared_array_t *arr = NULL;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *queue = NULL;
  mproc_process_t *procs[MPUT_CLIENTS] = {NULL};
  int rc;
  if ((rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create failed");
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  mproc_manager_options_t mo = {cur.method, NULL, NULL, 0};
  cur.phase = "starting the manager";
  if ((rc = mproc_manager_start(&m, &mo)) != 0 ||
      (rc = mproc_manager_queue(m, 0, &queue)) != 0) {
    setup_fail("manager", rc);
    goto done;
  }
  int victim = (int)rng_below(&seed, MPUT_CLIENTS);
  /* Half the time the victim stops after a few puts and is killed as soon
   * as the last one returned; else it streams and dies at a random point. */
  int64_t stop_at = rng_below(&seed, 2) ? 1 + rng_below(&seed, 32) : 0;
  for (int i = 0; i < MPUT_CLIENTS; i++) {
    mproc_value_t a[5] = {mproc_obj(arr), mproc_int(i),
                          mproc_int((int64_t)rng_next(&seed)), mproc_obj(queue),
                          mproc_int(i == victim ? stop_at : 0)};
    if (start(&procs[i], mput_client, a, 5) != 0)
      goto done;
  }
  if (wait_ready(MPUT_CLIENTS) != 0)
    goto done;
  if (stop_at) {
    cur.phase = "waiting for the victim's last put";
    double until = harness_now() + 60.0;
    while (ld(C_PUTS + victim) < stop_at && harness_now() < until)
      nap(0.0001);
    if (ld(C_PUTS + victim) < stop_at) {
      crash_fail("the victim made %lld of its %lld puts",
                 (long long)ld(C_PUTS + victim), (long long)stop_at);
      goto done;
    }
    last_delay = 0;
  } else {
    cur.phase = "delay before the kill";
    nap(kill_delay(&seed));
  }
  int state = kill_participant(procs[victim], victim);
  if (state < 0) {
    s->victim_gone++;
    crash_fail("the victim exited before the kill");
    goto done;
  }
  note_landing(s, state, victim);
  if (stop_at)
    snprintf(kill_note, sizeof kill_note,
             "killed participant %d right after its put %lld returned", victim,
             (long long)stop_at);
  st(C_STOP, 1);
  cur.phase = "joining the clients";
  join_all(procs, 0, MPUT_CLIENTS, victim, 60.0, "client");
  check_participants();
  /* Every put that returned, the victim's included, was applied: all are
   * in the queue now. Only the victim's put in flight may be there or
   * not. */
  cur.phase = "draining";
  if ((rc = drain_proxy_queue(queue)) != 0)
    crash_fail("draining: %s", mproc_err_name(rc));
  check_participants();
  check_items(s, MPUT_CLIENTS, 0, victim, false);
  collect_outcomes(s);
done:
  st(C_STOP, 1);
  cur.phase = "cleaning up the manager";
  destroy_procs(procs, MPUT_CLIENTS);
  mproc_proxy_destroy(queue);
  mproc_manager_shutdown(m);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ---- manager-wait ---- */

#define MWAIT_CLIENTS 2

static void run_manager_wait(uint64_t seed) {
  stats_t *s = &stats[SCN_MWAIT];
  mproc_shared_array_t *arr = NULL;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *p = NULL;
  mproc_process_t *procs[MWAIT_CLIENTS] = {NULL};
  uint8_t buf[sizeof(item_hdr_t) + 64];
  int rc;
  int mode = (int)rng_below(&seed, MW_MODES);
  if ((rc = mproc_shared_array_create(&arr, 4, C_NCELLS, false)) != 0) {
    crash_fail("create failed");
    goto done;
  }
  cells = mproc_shared_array_ptr(arr);
  mproc_manager_options_t mo = {cur.method, NULL, NULL, 0};
  cur.phase = "starting the manager";
  rc = mproc_manager_start(&m, &mo);
  if (rc == 0)
    rc = mode == MW_SEM    ? mproc_manager_semaphore(m, 0, &p)
         : mode == MW_LOCK ? mproc_manager_lock(m, &p)
                           : mproc_manager_queue(m, 0, &p);
  if (rc == 0 && mode == MW_LOCK)
    rc = mproc_proxy_acquire(p, 0);
  if (rc != 0) {
    setup_fail("manager", rc);
    goto done;
  }
  for (int i = 0; i < MWAIT_CLIENTS; i++) {
    mproc_value_t a[5] = {mproc_obj(arr), mproc_int(i),
                          mproc_int((int64_t)rng_next(&seed)), mproc_obj(p),
                          mproc_int(mode)};
    if (start(&procs[i], mwait_client, a, 5) != 0)
      goto done;
  }
  if (wait_ready(MWAIT_CLIENTS) != 0)
    goto done;
  int victim = (int)rng_below(&seed, MWAIT_CLIENTS);
  cur.phase = "delay before the kill";
  /* Half the time long enough for the request to wait in the server,
   * else anywhere on its way there. */
  double extra = rng_below(&seed, 2) ? 0.02 : 0;
  nap(kill_delay(&seed) + extra);
  int state = kill_participant(procs[victim], victim);
  if (state < 0) {
    s->victim_gone++;
    crash_fail("the victim exited before the kill");
    goto done;
  }
  note_landing(s, state, victim);
  snprintf(kill_note + strlen(kill_note), sizeof kill_note - strlen(kill_note),
           " (%s)", mw_mode_names[mode]);
  /* Nothing was there to take before the kill. Now two items or permits
   * (the Lock: its release): the survivor takes one, and the parent the
   * other, which a dead waiter must not have taken. */
  cur.phase = "giving";
  for (int k = 0; k < (mode == MW_LOCK ? 1 : 2) && rc == 0; k++) {
    if (mode == MW_SEM || mode == MW_LOCK) {
      rc = mproc_proxy_release(p);
    } else {
      item_make(buf, 0, (uint32_t)k, (uint32_t)sizeof buf);
      mproc_value_t item = mproc_bytes(buf, sizeof buf);
      if ((rc = mproc_proxy_queue_put(p, &item, 0)) == 0)
        st(C_PUTS + 0, k + 1);
    }
  }
  if (rc != 0) {
    crash_fail("giving: %s", mproc_err_name(rc));
    goto done;
  }
  cur.phase = "joining the survivor";
  join_all(procs, 0, MWAIT_CLIENTS, victim, 60.0, "survivor");
  check_participants();
  if (ld(C_OWNER_DEAD))
    crash_fail("MPROC_E_OWNER_DEAD after a waiter died (%s)",
               mw_mode_names[mode]);
  cur.phase = "taking the rest";
  if (mode == MW_GET_FOREVER || mode == MW_GET_TIMEOUT) {
    mproc_value_t *got = NULL;
    if ((rc = mproc_proxy_queue_get(p, &got, 5.0)) == 0) {
      const void *b = NULL;
      size_t n = 0;
      if (mproc_value_as_bytes(got, &b, &n) == 0)
        item_receive(b, n);
      mproc_values_free(got, 1);
    }
    size_t left = 9;
    if (rc == 0 && (rc = mproc_proxy_queue_size(p, &left)) == 0 && left != 0)
      crash_fail("%d items left in the queue", (int)left);
    check_participants();
    check_items(s, 1, 0, -1, false);
  } else {
    rc = mproc_proxy_acquire(p, 5.0);
    int64_t v = -1;
    if (rc == 0 && mode == MW_LOCK)
      rc = mproc_proxy_release(p);
    if (rc == 0 && (rc = mproc_proxy_lock_value(p, &v)) == 0 && v != 0)
      crash_fail("the %s is at %lld at the end", mw_mode_names[mode],
                 (long long)v);
  }
  if (rc != 0)
    crash_fail("taking what the survivor left (%s): %s: the dead waiter took "
               "it",
               mw_mode_names[mode], mproc_err_name(rc));
  collect_outcomes(s);
done:
  st(C_STOP, 1);
  cur.phase = "cleaning up the manager";
  destroy_procs(procs, MWAIT_CLIENTS);
  mproc_proxy_destroy(p);
  mproc_manager_shutdown(m);
  mproc_shared_array_destroy(arr);
  cells = NULL;
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

static void usage(void) {
  fprintf(stderr,
          "usage: mproc-crash [--iterations N] [--seed S] [--scenario "
          "lock|rlock|queue|pool|manager|manager-put|manager-wait|"
          "condition|queue-spill|all]\n"
          "                   [--start-method fork|spawn|both] [--time-limit "
          "SECONDS]\n"
          "                   [--hang-after SECONDS] [--hang-pause] "
          "[--verbose]\n");
}

static void print_stats(double wall) {
  printf("%-8s %6s %5s %6s %7s  %s\n", "scenario", "iters", "fail", "landed",
         "gone", "outcomes (iterations that saw each); where the victims were");
  stats_t total;
  memset(&total, 0, sizeof total);
  for (int i = 0; i < SCN_N; i++) {
    stats_t *s = &stats[i];
    if (!s->iterations)
      continue;
    printf("%-8s %6ld %5ld %6ld %7ld  owner-dead %ld, worker-died %ld, "
           "broken %ld, closed %ld, timeout %ld",
           scenario_names[i], s->iterations, s->failures, s->landed,
           s->victim_gone, s->owner_dead, s->worker_died, s->broken, s->closed,
           s->timeout);
    if (s->server_kills)
      printf(", server kills %ld", s->server_kills);
    if (s->spilled_kills)
      printf(", kills while spilled %ld", s->spilled_kills);
    if (s->items_put)
      printf(", items put %ld, lost with a killed consumer %ld, lost in a "
             "broken queue %ld",
             s->items_put, s->items_lost_to_victim, s->items_lost_broken);
    printf(";");
    for (int k = 0; k < S_NSTATES; k++)
      if (s->at_state[k])
        printf(" %s %ld", state_names[k], s->at_state[k]);
    printf("\n");
    total.iterations += s->iterations;
    total.failures += s->failures;
    total.landed += s->landed;
  }
  printf("total: %ld iterations, %ld failures, %ld kills landed inside an "
         "operation, %.1f s\n",
         total.iterations, total.failures, total.landed, wall);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("crash.lock_worker", lock_worker);
  mproc_register("crash.queue_producer", queue_producer);
  mproc_register("crash.queue_consumer", queue_consumer);
  mproc_register("crash.qspill_producer", qspill_producer);
  mproc_register("crash.qspill_consumer", qspill_consumer);
  mproc_register("crash.pool_init", pool_init);
  mproc_register("crash.manager_client", manager_client);
  mproc_register("crash.cond_consumer", cond_consumer);
  mproc_register("crash.mput_client", mput_client);
  mproc_register("crash.mwait_client", mwait_client);
  mproc_register_task("crash.pool_task", pool_task);
  mproc_boot(argc, argv);

  long iterations = 20;
  double time_limit = 0; /* --time-limit: no iteration starts after it */
  uint64_t seed = 0;
  bool have_seed = false;
  int scenario = -1; /* all */
  int methods = 0;   /* bit 1: fork, bit 2: spawn; 0: every available */
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--verbose") == 0) {
      verbose = true;
      continue;
    }
    if (strcmp(a, "--hang-pause") == 0) {
      hang_pause = true;
      continue;
    }
    if (!v) {
      usage();
      return 2;
    }
    i++;
    if (strcmp(a, "--iterations") == 0) {
      iterations = strtol(v, NULL, 10);
    } else if (strcmp(a, "--hang-after") == 0) {
      hang_after = strtod(v, NULL);
    } else if (strcmp(a, "--time-limit") == 0) {
      time_limit = strtod(v, NULL);
    } else if (strcmp(a, "--seed") == 0) {
      seed = strtoull(v, NULL, 10);
      have_seed = true;
    } else if (strcmp(a, "--scenario") == 0) {
      scenario = -2;
      for (int k = 0; k < SCN_N; k++)
        if (strcmp(v, scenario_names[k]) == 0)
          scenario = k;
      if (strcmp(v, "all") == 0)
        scenario = -1;
      if (scenario == -2) {
        usage();
        return 2;
      }
    } else if (strcmp(a, "--start-method") == 0) {
      if (strcmp(v, "fork") == 0)
        methods = 1;
      else if (strcmp(v, "spawn") == 0)
        methods = 2;
      else if (strcmp(v, "both") == 0)
        methods = 0;
      else {
        usage();
        return 2;
      }
    } else {
      usage();
      return 2;
    }
  }
  if (methods == 0)
    methods = (mproc_start_method_available(MPROC_START_FORK) ? 1 : 0) | 2;
  if ((methods & 1) && !mproc_start_method_available(MPROC_START_FORK)) {
    fprintf(stderr, "mproc-crash: fork is not available here\n");
    return 2;
  }
  if (!have_seed) {
    uint64_t t = (uint64_t)(harness_now() * 1e6);
    seed = rng_next(&t) ^ (uint64_t)mproc_getpid();
  }
  printf("mproc-crash: seed %" PRIu64 ", %ld iterations, scenario %s\n", seed,
         iterations, scenario < 0 ? "all" : scenario_names[scenario]);
  fflush(stdout);

  /* The nap event exists before the watchdog naps on it too. */
  if (mproc_event_create(&nap_event) != 0) {
    fprintf(stderr, "mproc-crash: cannot create an event: %s\n",
            mproc_last_error());
    return 2;
  }
  harness_thread_t *wd = harness_thread_start(watchdog, NULL);
  /* No fork before the watchdog runs: a thread still starting may hold an
   * allocator lock (clang 14's ASan takes one in its thread set-up and,
   * unlike glibc's malloc or LLVM 18's ASan, not around fork), and a child
   * forked then deadlocks in its first malloc. Once running, the watchdog
   * only waits on an event, which allocates nothing. */
  while (!mproc__load32(&watchdog_running))
    harness_sleep(0.001);
  double t0 = harness_now();
  long failures = 0;
  int attempt = 0;
  long cut_short = 0; /* iterations --time-limit left out */
  for (long i = 0; i < iterations; i++) {
    if (time_limit > 0 && harness_now() - t0 > time_limit) {
      cut_short = iterations - i;
      break;
    }
    /* The iteration's own seed: the run's seed for the first, so that
     * "--seed X --iterations 1" replays any iteration. */
    uint64_t is = seed;
    if (i > 0) {
      uint64_t mix = seed + (uint64_t)i;
      is = rng_next(&mix);
    }
    cur.index = i;
    cur.seed = is;
    cur.scenario = scenario >= 0 ? scenario : (int)(i % SCN_N);
    /* Alternate start methods (every SCN_N iterations under "all", so that
     * each scenario meets both). */
    long turn = scenario >= 0 ? i : i / SCN_N;
    cur.method = methods == 1   ? MPROC_START_FORK
                 : methods == 2 ? MPROC_START_SPAWN
                 : (turn % 2)   ? MPROC_START_SPAWN
                                : MPROC_START_FORK;
    fail_why[0] = '\0';
    kill_note[0] = '\0';
    setup_spawn_failed = false;
    double start_t = harness_now();
    cur.phase = "setting up";
    cur.deadline = start_t + iteration_bound();
    uint64_t s = is;
    switch (cur.scenario) {
    case SCN_LOCK:
      run_lock(s, false);
      break;
    case SCN_RLOCK:
      run_lock(s, true);
      break;
    case SCN_QUEUE:
      run_queue(s);
      break;
    case SCN_POOL:
      run_pool(s);
      break;
    case SCN_CONDITION:
      run_condition(s);
      break;
    case SCN_QSPILL:
      run_queue_spill(s);
      break;
    case SCN_MANAGER:
      run_manager(s);
      break;
    case SCN_MPUT:
      run_manager_put(s);
      break;
    default:
      run_manager_wait(s);
      break;
    }
    cur.deadline = 0;
    if (fail_why[0] && setup_spawn_failed && attempt < 2) {
      fprintf(stderr,
              "mproc-crash: iteration %ld (%s, %s) could not start its "
              "processes (%s); running it again\n",
              i, scenario_names[cur.scenario], method_name(cur.method),
              fail_why);
      setup_retries++;
      attempt++;
      i--;
      continue;
    }
    attempt = 0;
    stats[cur.scenario].iterations++;
    if (fail_why[0]) {
      stats[cur.scenario].failures++;
      failures++;
      fprintf(stderr, "mproc-crash: FAIL: iteration %ld (%s, %s): %s (%s)\n", i,
              scenario_names[cur.scenario], method_name(cur.method), fail_why,
              kill_note);
      print_replay();
    } else if (verbose) {
      printf("iteration %ld (%s, %s): ok, %.2f s; %s\n", i,
             scenario_names[cur.scenario], method_name(cur.method),
             harness_now() - start_t, kill_note);
    }
    fflush(stdout);
    fflush(stderr);
  }
  watchdog_quit = true;
  harness_thread_join(wd);
  print_stats(harness_now() - t0);
  if (cut_short)
    printf("the time limit (%.0f s) left %ld of %ld iterations out\n",
           time_limit, cut_short, iterations);
  if (setup_retries)
    printf("%ld iterations were run again after the OS refused to start a "
           "process\n",
           setup_retries);
  mproc_event_destroy(nap_event);
  return failures ? 1 : 0;
}
