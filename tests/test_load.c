/* SPDX-License-Identifier: MIT */
/*
 * Load: 64 processes hammer one lock and one queue for a bounded time, and
 * every invariant still holds at the end.
 *
 * Every worker, until the parent raises the stop flag, repeatedly takes
 * the lock, increments a shared counter NON-atomically (a load, a short
 * spin, a store: two holders at once would lose increments), counts its
 * acquisition and releases it; then, half of them (even indices) put an
 * item (producer, sequence, payload, checksum), the other half take one,
 * checking that it is intact, that this consumer sees each producer's
 * sequence numbers increase, and marking it seen (an item seen twice is a
 * duplicate). Consumers keep taking after the stop until every producer
 * has finished and the queue is empty.
 *
 * Producers and consumers are separate processes because a message larger
 * than the ring cannot be put until someone takes its first chunks: with
 * every process putting before it takes, all could be in a put at once.
 *
 * The workers start together: each says it is ready and waits for the go
 * flag (so that early workers do not slow the start of the others); the
 * parent raises it when all are ready, starts the clock, raises the stop
 * flag after the run time, joins every worker within a bound, then drains
 * the queue (nothing should be left) with the same checks. At the end:
 * the counter equals the acquisitions, and every item put was taken
 * exactly once, intact (seen flags all set for the sequences put, none
 * beyond, and as many takes as puts).
 *
 * Variants: a Lock and a queue of small items; an RLock taken twice per
 * round and a queue whose ring (4 KiB) is smaller than one item in eight,
 * so those stream through the ring in chunks.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NWORKERS
#define NWORKERS 64
#endif
/* The most items one producer puts (bounds the seen flags); a worker that
 * reaches it stops early. */
#define MAXSEQ (1 << 16)

/* The shared int64 array's layout. */
enum {
  S_COUNTER = 0,
  S_READY = 1,
  S_STOP = 2,
  S_GO = 3,
  S_PDONE = 4,                /* producers that have finished */
  S_ACQ = 8,                  /* [NWORKERS] acquisitions */
  S_PUT = S_ACQ + NWORKERS,   /* [NWORKERS] items put */
  S_GOT = S_PUT + NWORKERS,   /* [NWORKERS] items taken */
  S_ERR = S_GOT + NWORKERS,   /* [NWORKERS] what went wrong, 0 if nothing */
  S_WHAT = S_ERR + NWORKERS,  /* [NWORKERS] a detail for S_ERR */
  S_LAST = S_WHAT + NWORKERS, /* [NWORKERS][NWORKERS] last seq seen + 1 */
  S_SIZE = S_LAST + NWORKERS * NWORKERS
};

/* What went wrong (S_ERR), also the worker's exit code. */
enum {
  E_ARGS = 10,
  E_ACQUIRE,
  E_RELEASE,
  E_RCOUNT,
  E_PUT,
  E_GET,
  E_SHAPE,
  E_CHECKSUM,
  E_ORDER,
  E_DUP,
  E_RANGE,
  E_PARENT = 99 /* found by the parent's drain */
};

typedef struct load_variant {
  const char *name;
  bool rlock;
  size_t capacity;  /* the queue's ring; 0: the default */
  size_t big_every; /* every n-th item is big (0: none) */
  size_t big_size;  /* its payload */
  double run_linux; /* seconds of hammering */
  double run_slow;  /* the same where processes are slow to start */
} load_variant_t;

static const load_variant_t variants[] = {
    {"lock+queue", false, 0, 0, 0, 3.0, 4.0},
    {"rlock+streamed", true, 4096, 8, 16384, 2.0, 3.0},
};

/* FNV-1a over the payload, the producer and the sequence number. */
static uint64_t checksum(const uint8_t *p, size_t n, int64_t prod,
                         int64_t seq) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 1099511628211ull;
  h = (h ^ (uint64_t)prod) * 1099511628211ull;
  h = (h ^ (uint64_t)seq) * 1099511628211ull;
  return h;
}

static size_t payload_size(const load_variant_t *v, int64_t seq) {
  if (v->big_every && seq % (int64_t)v->big_every == 0)
    return v->big_size + (size_t)(seq % 97);
  return (size_t)(seq * 7 % 61);
}

static void payload_fill(uint8_t *p, size_t n, int64_t prod, int64_t seq) {
  uint32_t x = (uint32_t)(prod * 2654435761u) ^ (uint32_t)seq;
  for (size_t i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    p[i] = (uint8_t)(x >> 16);
  }
}

/* Checks one item taken by consumer @p me (NWORKERS: the parent) and
 * records it. 0 or an E_* code (with *what set). */
static int check_item(const mproc_value_t *vals, size_t n, int64_t *sh,
                      uint8_t *seen, int me, int64_t *what) {
  int64_t prod, seq, sum;
  const void *data;
  size_t len;
  if (n != 4 || mproc_value_as_int(&vals[0], &prod) != 0 ||
      mproc_value_as_int(&vals[1], &seq) != 0 ||
      mproc_value_as_bytes(&vals[2], &data, &len) != 0 ||
      mproc_value_as_int(&vals[3], &sum) != 0)
    return E_SHAPE;
  *what = prod * 1000000 + seq;
  if (prod < 0 || prod >= NWORKERS || seq < 0 || seq >= MAXSEQ)
    return E_RANGE;
  if ((uint64_t)sum != checksum(data, len, prod, seq))
    return E_CHECKSUM;
  /* This consumer sees each producer's items in the order put. */
  if (me < NWORKERS) {
    int64_t *last = &sh[S_LAST + me * NWORKERS + prod];
    if (seq < *last)
      return E_ORDER;
    *last = seq + 1;
  }
  uint8_t *flag = &seen[prod * MAXSEQ + seq];
  if (harness_atomic_test_and_set(flag))
    return E_DUP;
  return 0;
}

static int take_one(mproc_queue_t *q, int64_t *sh, uint8_t *seen, int me,
                    double timeout, int64_t *what, int *got) {
  mproc_value_t *vals;
  size_t n;
  *got = 0;
  int rc = mproc_queue_get(q, &vals, &n, timeout);
  if (rc == MPROC_E_EMPTY)
    return 0;
  if (rc != 0) {
    *what = rc;
    return E_GET;
  }
  *got = 1;
  rc = check_item(vals, n, sh, seen, me, what);
  mproc_values_free(vals, n);
  return rc;
}

/* args: lock or rlock, queue, shared int64 array, seen flags, index,
 * variant. */
static int load_worker(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock = NULL;
  mproc_rlock_t *rlock = NULL;
  mproc_queue_t *q;
  mproc_shared_array_t *sa, *sf;
  int64_t me, vi;
  if (nargs != 6 || mproc_value_as_queue(&args[1], &q) != 0 ||
      mproc_value_as_shared_array(&args[2], &sa) != 0 ||
      mproc_value_as_shared_array(&args[3], &sf) != 0 ||
      mproc_value_as_int(&args[4], &me) != 0 ||
      mproc_value_as_int(&args[5], &vi) != 0 || me < 0 || me >= NWORKERS ||
      vi < 0 || vi >= (int64_t)(sizeof variants / sizeof variants[0]))
    return E_ARGS;
  const load_variant_t *v = &variants[vi];
  if (v->rlock ? mproc_value_as_rlock(&args[0], &rlock) != 0
               : mproc_value_as_lock(&args[0], &lock) != 0)
    return E_ARGS;
  int64_t *sh = mproc_shared_array_ptr(sa);
  uint8_t *seen = mproc_shared_array_ptr(sf);
  volatile int64_t *counter = &sh[S_COUNTER];
  uint8_t *buf = malloc(v->big_size + 128);
  if (!buf)
    return E_ARGS;

  harness_atomic_add64(&sh[S_READY], 1);
  while (harness_atomic_load64(&sh[S_GO]) == 0)
    harness_sleep(0.005);
  bool producer = me % 2 == 0;
  int64_t seq = 0, acq = 0, got = 0, what = 0;
  int err = 0;
  for (;;) {
    bool stop = harness_atomic_load64(&sh[S_STOP]) != 0;
    if (producer && (stop || seq == MAXSEQ))
      break;
    /* Read before the get: once every producer is done, an empty queue
     * stays empty. */
    bool pdone = harness_atomic_load64(&sh[S_PDONE]) == NWORKERS / 2;

    /* The lock: a non-atomic increment, so that two holders at once
     * would lose counts. */
    int rc =
        rlock ? mproc_rlock_acquire(rlock, 60) : mproc_lock_acquire(lock, 60);
    if (rc != 0) {
      err = E_ACQUIRE, what = rc;
      break;
    }
    if (rlock) {
      if ((rc = mproc_rlock_acquire(rlock, 0)) != 0) {
        err = E_ACQUIRE, what = rc;
        break;
      }
      if (mproc_rlock_count(rlock) != 2) {
        err = E_RCOUNT;
        break;
      }
    }
    int64_t c = *counter;
    for (volatile int spin = 0; spin < 20; spin++) {
    }
    *counter = c + 1;
    acq++;
    if (rlock) {
      rc = mproc_rlock_release(rlock);
      if (rc == 0)
        rc = mproc_rlock_release(rlock);
    } else {
      rc = mproc_lock_release(lock);
    }
    if (rc != 0) {
      err = E_RELEASE, what = rc;
      break;
    }

    if (producer) {
      size_t len = payload_size(v, seq);
      payload_fill(buf, len, me, seq);
      mproc_value_t item[4] = {mproc_int(me), mproc_int(seq),
                               mproc_bytes(buf, len),
                               mproc_int((int64_t)checksum(buf, len, me, seq))};
      rc = mproc_queue_put(q, item, 4, 60);
      if (rc != 0) {
        err = E_PUT, what = rc;
        break;
      }
      seq++;
    } else {
      int one;
      err = take_one(q, sh, seen, (int)me, 0.05, &what, &one);
      if (err)
        break;
      got += one;
      if (!one && pdone)
        break;
    }
  }
  if (producer)
    harness_atomic_add64(&sh[S_PDONE], 1);
  sh[S_ACQ + me] = acq;
  sh[S_PUT + me] = seq;
  sh[S_GOT + me] = got;
  sh[S_ERR + me] = err;
  sh[S_WHAT + me] = what;
  free(buf);
  return err;
}

static void run_variant(void **state, int vi) {
  const load_variant_t *v = &variants[vi];
  mproc_start_method_t method = TEST_METHOD(state);
  mproc_lock_t *lock = NULL;
  mproc_rlock_t *rlock = NULL;
  mproc_queue_t *q;
  mproc_shared_array_t *sa, *sf;
  if (v->rlock)
    assert_int_equal(mproc_rlock_create(&rlock), 0);
  else
    assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_queue_options_t qo = {0, v->capacity};
  assert_int_equal(mproc_queue_create(&q, &qo), 0);
  assert_int_equal(
      mproc_shared_array_create(&sa, sizeof(int64_t), S_SIZE, false), 0);
  assert_int_equal(
      mproc_shared_array_create(&sf, 1, (size_t)NWORKERS * MAXSEQ, false), 0);
  int64_t *sh = mproc_shared_array_ptr(sa);
  uint8_t *seen = mproc_shared_array_ptr(sf);

  double t0 = harness_now();
  mproc_process_t *p[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    mproc_value_t a[6] = {v->rlock ? mproc_obj(rlock) : mproc_obj(lock),
                          mproc_obj(q),
                          mproc_obj(sa),
                          mproc_obj(sf),
                          mproc_int(i),
                          mproc_int(vi)};
    p[i] = harness_start(load_worker, a, 6, method);
  }
  /* The clock starts when every worker is ready. */
  double bound = harness_slow_processes() ? 120 : 60;
  while (harness_atomic_load64(&sh[S_READY]) < NWORKERS &&
         harness_now() - t0 < bound)
    harness_sleep(0.01);
  assert_int_equal(harness_atomic_load64(&sh[S_READY]), NWORKERS);
  double t1 = harness_now();
  harness_atomic_store64(&sh[S_GO], 1);
  double run = harness_slow_processes() ? v->run_slow : v->run_linux;
  harness_sleep(run);
  harness_atomic_store64(&sh[S_STOP], 1);
  double t2 = harness_now();

  /* Every worker exits 0 within the bound. */
  int failed = 0;
  for (int i = 0; i < NWORKERS; i++) {
    double left = bound - (harness_now() - t2);
    int rc = mproc_process_join(p[i], left > 0 ? left : 0);
    int code = -1;
    if (rc != 0) {
      print_error("worker %d: not ended in %.0f s: %s\n", i, bound,
                  mproc_err_name(rc));
      mproc_process_kill(p[i]);
      mproc_process_join(p[i], 30);
      failed++;
    } else if (mproc_process_exitcode(p[i], &code) != 0 || code != 0) {
      print_error("worker %d: exit code %d (error %lld, detail %lld)\n", i,
                  code, (long long)sh[S_ERR + i], (long long)sh[S_WHAT + i]);
      failed++;
    }
    mproc_process_destroy(p[i]);
  }
  double t3 = harness_now();
  assert_int_equal(failed, 0);

  /* The parent drains what is left, with the same checks. */
  int64_t drained = 0, what = 0;
  for (;;) {
    int one;
    int err = take_one(q, sh, seen, NWORKERS, 0, &what, &one);
    if (err != 0)
      print_error("drain: error %d, detail %lld\n", err, (long long)what);
    assert_int_equal(err, 0);
    if (!one)
      break;
    drained++;
  }

  int64_t acq = 0, put = 0, got = drained;
  for (int i = 0; i < NWORKERS; i++) {
    acq += sh[S_ACQ + i];
    put += sh[S_PUT + i];
    got += sh[S_GOT + i];
    assert_true(sh[S_ACQ + i] > 0); /* nobody starved out entirely */
    if (i % 2 == 0)
      assert_true(sh[S_PUT + i] > 0);
  }
  /* Mutual exclusion: no increment lost. */
  if (sh[S_COUNTER] != acq)
    print_error("counter %lld != acquisitions %lld\n", (long long)sh[S_COUNTER],
                (long long)acq);
  assert_int_equal(sh[S_COUNTER], acq);
  /* Every item put was taken exactly once: as many takes as puts, and
   * exactly the sequences put are marked seen (a second take of one item
   * failed its consumer with E_DUP). */
  assert_int_equal(got, put);
  int64_t missing = 0, extra = 0;
  for (int i = 0; i < NWORKERS; i++)
    for (int64_t s = 0; s < MAXSEQ; s++) {
      bool want = s < sh[S_PUT + i];
      bool have = seen[(size_t)i * MAXSEQ + (size_t)s] != 0;
      missing += want && !have;
      extra += !want && have;
    }
  assert_int_equal(missing, 0);
  assert_int_equal(extra, 0);

  print_message("[ LOAD     ] %s/%s: %d processes started in %.2f s; %.2f s "
                "of load: %lld lock acquisitions (%.0f/s), %lld items put "
                "and taken (%.0f/s), %lld drained by the parent; all "
                "joined %.2f s after the stop\n",
                v->name, method == MPROC_START_FORK ? "fork" : "spawn",
                NWORKERS, t1 - t0, t2 - t1, (long long)acq,
                (double)acq / (t2 - t1), (long long)put,
                (double)put / (t2 - t1), (long long)drained, t3 - t2);

  mproc_shared_array_destroy(sf);
  mproc_shared_array_destroy(sa);
  mproc_queue_destroy(q);
  mproc_lock_destroy(lock);
  mproc_rlock_destroy(rlock);
}

static void test_lock_and_queue(void **state) {
  run_variant(state, 0);
}

static void test_rlock_and_streamed_queue(void **state) {
  run_variant(state, 1);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("load_worker", load_worker);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lock_and_queue),
      cmocka_unit_test(test_rlock_and_streamed_queue),
  };
  return harness_run(argc, argv, "load", tests, sizeof tests / sizeof tests[0]);
}
