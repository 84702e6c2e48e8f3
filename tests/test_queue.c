/* SPDX-License-Identifier: MIT */
/*
 * Queue, SimpleQueue and JoinableQueue across processes, under every start
 * method: many producers and consumers, sizes up to 16 MiB, timeouts,
 * close, join, the sharing rule, bad input and crashes.
 */
#include "harness.h"

#include "queue.h" /* white-box hooks: mproc__queue_* */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPROD 2
#define NCONS 2

static int64_t total_messages(void) {
  return 100000;
}

/* ------------------------------------------------------------------------ */
/* N producers x M consumers                                                */
/* ------------------------------------------------------------------------ */

/* args: queue, producer id, count. Puts (id, seq) for seq in 0..count-1. */
static int child_producer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  int64_t id, count;
  if (nargs != 3 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_int(&args[1], &id) != 0 ||
      mproc_value_as_int(&args[2], &count) != 0)
    return 10;
  for (int64_t i = 0; i < count; i++) {
    mproc_value_t item[2] = {mproc_int(id), mproc_int(i)};
    if (mproc_queue_put(q, item, 2, MPROC_FOREVER) != 0)
      return 11;
  }
  return 0;
}

/* args: queue, result queue. Takes items until (-1, -1); checks that each
 * producer's items arrive in order; reports count and sum per producer. */
static int child_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q, *res;
  if (nargs != 2 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_queue(&args[1], &res) != 0)
    return 20;
  int64_t last[NPROD], count[NPROD], sum[NPROD];
  for (int i = 0; i < NPROD; i++) {
    last[i] = -1;
    count[i] = sum[i] = 0;
  }
  for (;;) {
    mproc_value_t *v;
    size_t n;
    if (mproc_queue_get(q, &v, &n, MPROC_FOREVER) != 0)
      return 21;
    int64_t id, seq;
    if (n != 2 || mproc_value_as_int(&v[0], &id) != 0 ||
        mproc_value_as_int(&v[1], &seq) != 0)
      return 22;
    mproc_values_free(v, n);
    if (id == -1)
      break;
    if (id < 0 || id >= NPROD)
      return 23;
    if (seq <= last[id])
      return 24; /* a producer's order was not kept */
    last[id] = seq;
    count[id]++;
    sum[id] += seq;
  }
  mproc_value_t out[2 * NPROD];
  for (int i = 0; i < NPROD; i++) {
    out[2 * i] = mproc_int(count[i]);
    out[2 * i + 1] = mproc_int(sum[i]);
  }
  return mproc_queue_put(res, out, 2 * NPROD, MPROC_FOREVER) == 0 ? 0 : 25;
}

static void run_mpmc(mproc_start_method_t m, mproc_queue_t *q) {
  mproc_queue_t *res;
  assert_int_equal(mproc_queue_create(&res, NULL), 0);
  int64_t per = total_messages() / NPROD;
  mproc_process_t *prod[NPROD], *cons[NCONS];
  for (int i = 0; i < NCONS; i++) {
    mproc_value_t a[2] = {mproc_obj(q), mproc_obj(res)};
    cons[i] = harness_start(child_consumer, a, 2, m);
  }
  for (int i = 0; i < NPROD; i++) {
    mproc_value_t a[3] = {mproc_obj(q), mproc_int(i), mproc_int(per)};
    prod[i] = harness_start(child_producer, a, 3, m);
  }
  for (int i = 0; i < NPROD; i++)
    harness_expect_exit(prod[i], 0);
  for (int i = 0; i < NCONS; i++) {
    mproc_value_t stop[2] = {mproc_int(-1), mproc_int(-1)};
    assert_int_equal(mproc_queue_put(q, stop, 2, MPROC_FOREVER), 0);
  }
  int64_t count[NPROD] = {0}, sum[NPROD] = {0};
  for (int i = 0; i < NCONS; i++) {
    mproc_value_t *v;
    size_t n;
    assert_int_equal(mproc_queue_get(res, &v, &n, 60), 0);
    assert_int_equal(n, 2 * NPROD);
    for (int p = 0; p < NPROD; p++) {
      count[p] += v[2 * p].u.i;
      sum[p] += v[2 * p + 1].u.i;
    }
    mproc_values_free(v, n);
  }
  for (int i = 0; i < NCONS; i++)
    harness_expect_exit(cons[i], 0);
  /* Every message exactly once: the counts and the sums of the sequence
   * numbers match, and no consumer saw a producer's items out of order. */
  for (int p = 0; p < NPROD; p++) {
    assert_int_equal(count[p], per);
    assert_int_equal(sum[p], per * (per - 1) / 2);
  }
  assert_int_equal(mproc_queue_empty(q), 1);
  mproc_queue_destroy(res);
}

static void test_mpmc_queue(void **state) {
  mproc_queue_t *q;
  mproc_queue_options_t o = {.maxsize = 0, .capacity = 64 * 1024};
  assert_int_equal(mproc_queue_create(&q, &o), 0);
  run_mpmc(TEST_METHOD(state), q);
  mproc_queue_destroy(q);
}

static void test_mpmc_small_ring_maxsize(void **state) {
  /* A tiny ring and a small maxsize: producers block on both limits. */
  mproc_queue_t *q;
  mproc_queue_options_t o = {.maxsize = 7, .capacity = 4096};
  assert_int_equal(mproc_simple_queue_create(&q, &o), 0);
  run_mpmc(TEST_METHOD(state), q);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* Sizes from 0 bytes to 16 MiB, byte-exact                                 */
/* ------------------------------------------------------------------------ */

static const size_t sizes[] = {0,        1,      7,        8,
                               100,      4088,   4096,     65535,
                               65536,    100000, 1u << 20, (1u << 20) + 3,
                               16u << 20};
#define NSIZES (sizeof sizes / sizeof sizes[0])

static void fill(uint8_t *p, size_t n, uint32_t seed) {
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    p[i] = (uint8_t)(x >> 16);
  }
}

/* args: queue. Puts every size twice: as raw bytes and as a value. */
static int child_sizes(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 30;
  uint8_t *buf = malloc(16u << 20);
  if (!buf)
    return 31;
  for (size_t i = 0; i < NSIZES; i++) {
    fill(buf, sizes[i], (uint32_t)i);
    if (mproc_queue_put_bytes(q, buf, sizes[i], MPROC_FOREVER) != 0)
      return 32;
    mproc_value_t v[2] = {mproc_int((int64_t)i), mproc_bytes(buf, sizes[i])};
    if (mproc_queue_put(q, v, 2, MPROC_FOREVER) != 0)
      return 33;
  }
  free(buf);
  return 0;
}

static void test_sizes(void **state) {
  mproc_queue_t *q;
  mproc_queue_options_t o = {.maxsize = 0, .capacity = 64 * 1024};
  assert_int_equal(mproc_queue_create(&q, &o), 0);
  mproc_value_t a = mproc_obj(q);
  mproc_process_t *p = harness_start(child_sizes, &a, 1, TEST_METHOD(state));
  uint8_t *want = malloc(16u << 20);
  uint8_t *got = malloc(16u << 20);
  assert_non_null(want);
  assert_non_null(got);
  for (size_t i = 0; i < NSIZES; i++) {
    fill(want, sizes[i], (uint32_t)i);
    size_t len = 0;
    assert_int_equal(
        mproc_queue_get_bytes(q, got, 16u << 20, &len, MPROC_FOREVER), 0);
    assert_int_equal(len, sizes[i]);
    if (sizes[i])
      assert_memory_equal(got, want, sizes[i]);
    mproc_value_t *v;
    size_t n;
    assert_int_equal(mproc_queue_get(q, &v, &n, MPROC_FOREVER), 0);
    assert_int_equal(n, 2);
    int64_t idx;
    const void *ptr;
    size_t blen;
    assert_int_equal(mproc_value_as_int(&v[0], &idx), 0);
    assert_int_equal(idx, (int64_t)i);
    assert_int_equal(mproc_value_as_bytes(&v[1], &ptr, &blen), 0);
    assert_int_equal(blen, sizes[i]);
    if (blen)
      assert_memory_equal(ptr, want, blen);
    mproc_values_free(v, n);
  }
  harness_expect_exit(p, 0);
  assert_int_equal(mproc_queue_empty(q), 1);
  free(want);
  free(got);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* The sharing rule, timeouts, exact sizes, close                           */
/* ------------------------------------------------------------------------ */

static void test_sharing_rule(void **state) {
  (void)state;
  mproc_queue_t *q, *other;
  mproc_lock_t *lock;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_create(&other, NULL), 0);
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t item[2] = {mproc_int(1), mproc_obj(lock)};
  assert_int_equal(mproc_queue_put(q, item, 2, 0), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(), "Lock objects should only be shared "
                                          "between processes through "
                                          "inheritance");
  item[1] = mproc_obj(other);
  assert_int_equal(mproc_queue_put(q, item, 2, 0), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(), "Queue objects should only be shared "
                                          "between processes through "
                                          "inheritance");
  size_t n = 99;
  assert_int_equal(mproc_queue_qsize(q, &n), 0);
  assert_int_equal(n, 0); /* nothing was enqueued */
  assert_int_equal(mproc_queue_empty(q), 1);
  mproc_lock_destroy(lock);
  mproc_queue_destroy(other);
  mproc_queue_destroy(q);
}

/*
 * The pool's wake-up (mproc__queue_put_hint): a put that neither waits
 * for a producer lock someone holds nor spills when the ring is full, but
 * says MPROC_E_FULL and leaves the queue as it was. Its timeout-0
 * mproc_queue_put() predecessor parked the caller behind a worker holding
 * the lock (a fault-walk flake under load, tests/test_fault.c).
 */
static void test_put_hint(void **state) {
  (void)state;
  mproc_queue_t *q = NULL;
  mproc_queue_options_t o = {0, 4096};
  assert_int_equal(mproc_queue_create(&q, &o), 0);
  mproc_value_t one = mproc_int(7), *v = NULL;
  size_t n = 0;
  assert_int_equal(mproc__queue_put_hint(q, &one, 1), 0);
  assert_int_equal(mproc_queue_get(q, &v, &n, 30), 0);
  assert_int_equal(n, 1);
  assert_int_equal(v[0].u.i, 7);
  mproc_values_free(v, n);

  /* The producer side taken: no wait, nothing put. */
  mproc__queue_fake_holder(q, false, (uint32_t)mproc_getpid(), false);
  assert_int_equal(mproc__queue_put_hint(q, &one, 1), MPROC_E_FULL);
  assert_int_equal(mproc__queue_holder(q, false), (uint32_t)mproc_getpid());
  mproc__queue_fake_holder(q, false, 0, false);
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), MPROC_E_EMPTY);

  /* A full ring: no spill segment is made for it. */
  unsigned put = 0;
  while (mproc__queue_put_hint(q, &one, 1) == 0)
    put++;
  assert_true(put > 0);
  assert_int_equal(mproc__queue_spill_units(q), 0);
  for (unsigned i = 0; i < put; i++) {
    assert_int_equal(mproc_queue_get(q, &v, &n, 30), 0);
    mproc_values_free(v, n);
  }
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), MPROC_E_EMPTY);
  mproc_queue_destroy(q);
}

static void test_timeouts_and_sizes(void **state) {
  (void)state;
  mproc_queue_t *q;
  mproc_queue_options_t o = {.maxsize = 2, .capacity = 0};
  assert_int_equal(mproc_queue_create(&q, &o), 0);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), MPROC_E_EMPTY);
  double t0 = harness_now();
  assert_int_equal(mproc_queue_get(q, &v, &n, 0.2), MPROC_E_EMPTY);
  assert_true(harness_now() - t0 >= 0.15);
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_queue_full(q), 0);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0), 0);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0), 0);
  assert_int_equal(mproc_queue_full(q), 1);
  assert_int_equal(mproc_queue_empty(q), 0);
  size_t qs = 0;
  assert_int_equal(mproc_queue_qsize(q, &qs), 0);
  assert_int_equal(qs, 2);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0), MPROC_E_FULL);
  t0 = harness_now();
  assert_int_equal(mproc_queue_put(q, &one, 1, 0.2), MPROC_E_FULL);
  assert_true(harness_now() - t0 >= 0.15);
  assert_int_equal(mproc_queue_put(q, &one, 1, -2), MPROC_E_INVAL);
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), 0);
  mproc_values_free(v, n);
  assert_int_equal(mproc_queue_qsize(q, &qs), 0);
  assert_int_equal(qs, 1);
  mproc_queue_destroy(q);
}

/* args: queue. Blocks in get until the parent closes the queue. */
static int child_get_until_closed(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 40;
  mproc_value_t *v;
  size_t n;
  int rc = mproc_queue_get(q, &v, &n, 60);
  if (rc == 0) { /* the one item the parent put */
    mproc_values_free(v, n);
    rc = mproc_queue_get(q, &v, &n, 60);
  }
  return rc == MPROC_E_CLOSED ? 0 : 41;
}

static void test_close(void **state) {
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t a = mproc_obj(q);
  mproc_process_t *p =
      harness_start(child_get_until_closed, &a, 1, TEST_METHOD(state));
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0), 0);
  assert_int_equal(mproc_queue_close(q), 0);
  harness_expect_exit(p, 0);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0), MPROC_E_CLOSED);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), MPROC_E_CLOSED);
  assert_int_equal(mproc_queue_get(q, &v, &n, MPROC_FOREVER), MPROC_E_CLOSED);
  /* Close on a queue with items: they drain first. */
  mproc_queue_t *q2;
  assert_int_equal(mproc_queue_create(&q2, NULL), 0);
  assert_int_equal(mproc_queue_put(q2, &one, 1, 0), 0);
  assert_int_equal(mproc_queue_close(q2), 0);
  assert_int_equal(mproc_queue_get(q2, &v, &n, 0), 0);
  mproc_values_free(v, n);
  assert_int_equal(mproc_queue_get(q2, &v, &n, 0), MPROC_E_CLOSED);
  mproc_queue_destroy(q2);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* JoinableQueue                                                            */
/* ------------------------------------------------------------------------ */

/* args: queue, count. Takes count items, task_done for each. */
static int child_worker(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  int64_t count;
  if (nargs != 2 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_int(&args[1], &count) != 0)
    return 50;
  for (int64_t i = 0; i < count; i++) {
    mproc_value_t *v;
    size_t n;
    if (mproc_queue_get(q, &v, &n, 60) != 0)
      return 51;
    mproc_values_free(v, n);
    if (mproc_queue_task_done(q) != 0)
      return 52;
  }
  return 0;
}

static void test_joinable(void **state) {
  mproc_queue_t *q;
  assert_int_equal(mproc_joinable_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_task_done(q), MPROC_E_VALUE);
  assert_int_equal(mproc_queue_join(q, 0), 0);
  for (int i = 0; i < 50; i++) {
    mproc_value_t v = mproc_int(i);
    assert_int_equal(mproc_queue_put(q, &v, 1, 0), 0);
  }
  assert_int_equal(mproc_queue_join(q, 0.05), MPROC_E_TIMEOUT);
  mproc_value_t a[2] = {mproc_obj(q), mproc_int(50)};
  mproc_process_t *p = harness_start(child_worker, a, 2, TEST_METHOD(state));
  assert_int_equal(mproc_queue_join(q, 60), 0);
  harness_expect_exit(p, 0);
  assert_int_equal(mproc_queue_task_done(q), MPROC_E_VALUE);
  /* task_done and join are JoinableQueue's only. */
  mproc_queue_t *plain;
  assert_int_equal(mproc_queue_create(&plain, NULL), 0);
  assert_int_equal(mproc_queue_task_done(plain), MPROC_E_TYPE);
  assert_int_equal(mproc_queue_join(plain, 0), MPROC_E_TYPE);
  mproc_queue_destroy(plain);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                */
/* ------------------------------------------------------------------------ */

static void test_bad_input(void **state) {
  (void)state;
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(NULL, NULL), MPROC_E_INVAL);
  mproc_queue_options_t big = {.maxsize = 0, .capacity = (size_t)1 << 31};
  assert_int_equal(mproc_queue_create(&q, &big), MPROC_E_VALUE);
  assert_int_equal(mproc_queue_put(NULL, NULL, 0, 0), MPROC_E_INVAL);
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_queue_put((mproc_queue_t *)(void *)lock, NULL, 0, 0),
                   MPROC_E_TYPE);
  mproc_lock_destroy(lock);

  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  /* A get into a too-small buffer: the message stays. */
  const char msg[] = "hello, queue";
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0), 0);
  char small[4];
  size_t len = 0;
  assert_int_equal(mproc_queue_get_bytes(q, small, sizeof small, &len, 0),
                   MPROC_E_TOOBIG);
  assert_int_equal(len, sizeof msg);
  assert_int_equal(mproc_queue_empty(q), 0);
  char ok[64];
  assert_int_equal(mproc_queue_get_bytes(q, ok, sizeof ok, &len, 0), 0);
  assert_int_equal(len, sizeof msg);
  assert_string_equal(ok, msg);
  /* Oversized. */
  assert_int_equal(mproc_queue_put_bytes(q, msg, MPROC_QUEUE_MSG_MAX + 1, 0),
                   MPROC_E_TOOBIG);
  assert_int_equal(mproc_queue_put_bytes(q, NULL, 3, 0), MPROC_E_INVAL);

  /* Corrupt frames: scribbling on the ring gives an error, not a crash,
   * and the queue says it is broken from then on. */
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0), 0);
  void *ring;
  size_t cap;
  assert_int_equal(mproc__queue_ring(q, &ring, &cap), 0);
  memset(ring, 0xff, cap);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), MPROC_E_BROKEN);
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0),
                   MPROC_E_BROKEN);
  assert_int_equal(mproc_queue_get_bytes(q, ok, sizeof ok, &len, 0),
                   MPROC_E_BROKEN);
  mproc_queue_destroy(q);

  /* A plausible header with a wrong length (it claims more than was
   * published): also an error. */
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0), 0);
  assert_int_equal(mproc__queue_ring(q, &ring, &cap), 0);
  uint8_t *r = ring;
  uint32_t fake = 1000, chk = 0x51a7e000u ^ fake ^ 2u;
  for (int i = 0; i < 4; i++) {
    r[i] = (uint8_t)(fake >> (8 * i));
    r[4 + i] = (uint8_t)(chk >> (8 * i));
  }
  assert_int_equal(mproc_queue_get_bytes(q, ok, sizeof ok, &len, 0),
                   MPROC_E_TOOBIG); /* claims 1000 bytes: too big for ok */
  char large[2000];
  assert_int_equal(mproc_queue_get_bytes(q, large, sizeof large, &len, 0),
                   MPROC_E_BROKEN);
  mproc_queue_destroy(q);

  /* Scribbling on the queue's header as well (its indices, its locks, the
   * ring size stored there): errors, never a copy out of bounds. */
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0), 0);
  assert_int_equal(mproc__queue_ring(q, &ring, &cap), 0);
  memset((uint8_t *)ring - 512, 0xff, 512 + cap); /* RING_OFFSET + ring */
  assert_int_equal(mproc_queue_get_bytes(q, large, sizeof large, &len, 0),
                   MPROC_E_BROKEN);
  assert_int_equal(mproc_queue_put_bytes(q, msg, sizeof msg, 0),
                   MPROC_E_BROKEN);
  mproc_queue_destroy(q);
  mproc_queue_destroy(NULL);
}

/* ------------------------------------------------------------------------ */
/* Crashes                                                                  */
/* ------------------------------------------------------------------------ */

/* args: queue. Puts 16 MiB through a small ring nobody reads: blocks in
 * the middle of the message until killed. */
static int child_stuck_producer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 60;
  uint8_t *buf = calloc(1, 16u << 20);
  if (!buf)
    return 61;
  mproc_queue_put_bytes(q, buf, 16u << 20, MPROC_FOREVER);
  return 62;
}

static void test_producer_killed_mid_put(void **state) {
  mproc_queue_t *q;
  mproc_queue_options_t o = {.maxsize = 1000, .capacity = 4096};
  assert_int_equal(mproc_queue_create(&q, &o), 0);
  mproc_value_t a = mproc_obj(q);
  mproc_process_t *p =
      harness_start(child_stuck_producer, &a, 1, TEST_METHOD(state));
  /* Wait (by polling, not sleeping) until the ring is full: the child is
   * then in the middle of its message. */
  double t0 = harness_now();
  while (mproc__queue_used(q) < 4096 && harness_now() - t0 < 60)
    harness_yield();
  assert_int_equal(mproc__queue_used(q), 4096);
  assert_int_equal(mproc_queue_empty(q), 1); /* not a whole message */
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
  /* The consumer starts reading the half message, then finds the producer
   * dead: an error, never the half message, never a hang. */
  uint8_t *buf = malloc(16u << 20);
  assert_non_null(buf);
  size_t len;
  assert_int_equal(mproc_queue_get_bytes(q, buf, 16u << 20, &len, 30),
                   MPROC_E_BROKEN);
  free(buf);
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_queue_put(q, &one, 1, 30), MPROC_E_BROKEN);
  mproc_queue_destroy(q);
}

/* args: queue. Blocks in get (holding the consumer side) until killed. */
static int child_stuck_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 70;
  mproc_value_t *v;
  size_t n;
  mproc_queue_get(q, &v, &n, MPROC_FOREVER);
  return 71;
}

/* args: none. Exits at once (its pid then names a dead process). */
static int child_exit(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

static void test_consumer_killed_mid_get(void **state) {
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t a = mproc_obj(q);
  mproc_process_t *p =
      harness_start(child_stuck_consumer, &a, 1, TEST_METHOD(state));
  /* Wait (polling) until the child holds the consumer side. */
  mproc_value_t *v;
  size_t n;
  uint32_t child = (uint32_t)mproc_process_pid(p);
  double t0 = harness_now();
  while (mproc__queue_holder(q, true) != child && harness_now() - t0 < 60)
    harness_yield();
  assert_int_equal(mproc__queue_holder(q, true), child);
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
  /* The dead consumer may have held the consumer side (it was blocked in
   * get): another consumer takes over, and a put before that is kept. */
  mproc_value_t one = mproc_int(42);
  assert_int_equal(mproc_queue_put(q, &one, 1, 30), 0);
  assert_int_equal(mproc_queue_get(q, &v, &n, 30), 0);
  assert_int_equal(n, 1);
  assert_int_equal(v[0].u.i, 42);
  mproc_values_free(v, n);

  /* A consumer that died in the middle of a streamed message (simulated:
   * a dead process's pid in the consumer lock, mid-message): the queue
   * breaks for producers and consumers alike. */
  p = harness_start(child_exit, NULL, 0, TEST_METHOD(state));
  uint32_t dead = (uint32_t)mproc_process_pid(p);
  harness_expect_exit(p, 0);
  mproc__queue_fake_holder(q, true, dead, false);
  assert_int_equal(mproc_queue_put(q, &one, 1, 30), 0);
  assert_int_equal(mproc_queue_get(q, &v, &n, 30), 0); /* took over */
  mproc_values_free(v, n);
  /* A process killed in the middle of taking over a dead holder's lock
   * (the word names it as the stealer, no token yet): the next producer or
   * consumer takes the lock over from it in turn. */
  mproc__queue_fake_stealer(q, false, dead);
  assert_int_equal(mproc_queue_put(q, &one, 1, 30), 0);
  assert_int_equal(mproc__queue_holder(q, false), 0);
  mproc__queue_fake_stealer(q, true, dead);
  assert_int_equal(mproc_queue_get(q, &v, &n, 30), 0);
  assert_int_equal(mproc__queue_holder(q, true), 0);
  assert_int_equal(n, 1);
  assert_int_equal(v[0].u.i, 42);
  mproc_values_free(v, n);
  /* A live stealer is waited for: the lock stays its own. A queue
   * without maxsize waits past the timeout for a while (a put there is
   * never MPROC_E_FULL), then gives up. */
  uint32_t self = (uint32_t)mproc_getpid();
  mproc__queue_fake_stealer(q, false, self);
  assert_int_equal(mproc_queue_put(q, &one, 1, 0.3), MPROC_E_TIMEOUT);
  mproc__queue_fake_holder(q, false, 0, false);

  mproc__queue_fake_holder(q, true, dead, true);
  assert_int_equal(mproc_queue_get(q, &v, &n, 30), MPROC_E_BROKEN);
  assert_int_equal(mproc_queue_put(q, &one, 1, 30), MPROC_E_BROKEN);
  mproc_queue_destroy(q);
}

/* args: queue. Streams 16 MiB through a small ring; reports how it ended. */
static int child_stream_producer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 80;
  uint8_t *buf = calloc(1, 16u << 20);
  if (!buf)
    return 81;
  int rc = mproc_queue_put_bytes(q, buf, 16u << 20, MPROC_FOREVER);
  free(buf);
  return rc == 0 ? 82 : rc == MPROC_E_BROKEN ? 83 : 84;
}

/* args: queue. Takes one message of up to 16 MiB. */
static int child_stream_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 90;
  uint8_t *buf = malloc(16u << 20);
  size_t len;
  if (!buf)
    return 91;
  int rc = mproc_queue_get_bytes(q, buf, 16u << 20, &len, MPROC_FOREVER);
  free(buf);
  return rc == 0 ? 92 : 93;
}

/* A consumer killed while it streams a message out of the ring: the
 * producer that was feeding it and every later caller get MPROC_E_BROKEN.
 * The kill is aimed at a consumer seen mid-message; if it finished first
 * (it is fast), the attempt is repeated. */
static void test_consumer_killed_mid_stream(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  for (int attempt = 0; attempt < 5; attempt++) {
    mproc_queue_t *q;
    mproc_queue_options_t o = {.maxsize = 1000, .capacity = 4096};
    assert_int_equal(mproc_queue_create(&q, &o), 0);
    mproc_value_t a = mproc_obj(q);
    mproc_process_t *prod = harness_start(child_stream_producer, &a, 1, m);
    double t0 = harness_now();
    while (mproc__queue_used(q) < 4096 && harness_now() - t0 < 60)
      harness_yield();
    mproc_process_t *cons = harness_start(child_stream_consumer, &a, 1, m);
    uint32_t cpid = (uint32_t)mproc_process_pid(cons);
    t0 = harness_now();
    while (
        !(mproc__queue_holder(q, true) == cpid && mproc__queue_mid(q, true)) &&
        mproc_process_is_alive(cons) == 1 && harness_now() - t0 < 60)
      ;
    assert_int_equal(mproc_process_kill(cons), 0);
    assert_int_equal(mproc_process_join(cons, 60), 0);
    int code = 0;
    assert_int_equal(mproc_process_exitcode(cons, &code), 0);
    assert_int_equal(mproc_process_destroy(cons), 0);
    if (code == 92) { /* it had the whole message: try again */
      harness_expect_exit(prod, 82);
      mproc_queue_destroy(q);
      continue;
    }
    assert_int_equal(code, -MPROC_SIGKILL);
    harness_expect_exit(prod, 83);
    mproc_value_t *v;
    size_t n;
    assert_int_equal(mproc_queue_get(q, &v, &n, 30), MPROC_E_BROKEN);
    mproc_value_t one = mproc_int(1);
    assert_int_equal(mproc_queue_put(q, &one, 1, 30), MPROC_E_BROKEN);
    mproc_queue_destroy(q);
    return;
  }
  fail_msg("the consumer always finished before it could be killed");
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("producer", child_producer);
  mproc_register("consumer", child_consumer);
  mproc_register("sizes", child_sizes);
  mproc_register("get_until_closed", child_get_until_closed);
  mproc_register("worker", child_worker);
  mproc_register("stuck_producer", child_stuck_producer);
  mproc_register("stuck_consumer", child_stuck_consumer);
  mproc_register("exit", child_exit);
  mproc_register("stream_producer", child_stream_producer);
  mproc_register("stream_consumer", child_stream_consumer);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mpmc_queue),
      cmocka_unit_test(test_mpmc_small_ring_maxsize),
      cmocka_unit_test(test_sizes),
      cmocka_unit_test(test_sharing_rule),
      cmocka_unit_test(test_timeouts_and_sizes),
      cmocka_unit_test(test_put_hint),
      cmocka_unit_test(test_close),
      cmocka_unit_test(test_joinable),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_producer_killed_mid_put),
      cmocka_unit_test(test_consumer_killed_mid_get),
      cmocka_unit_test(test_consumer_killed_mid_stream),
  };
  return harness_run(argc, argv, "queue", tests,
                     sizeof tests / sizeof tests[0]);
}
