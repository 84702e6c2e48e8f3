/* SPDX-License-Identifier: MIT */
/*
 * Condition across processes, under every start method
 * (src/sync/condition.c): notify and notify_all over a Lock or an RLock,
 * timeouts racing notifies, errors, and the death of the process holding
 * its lock or of a waiter. A notify wakes only processes that were waiting
 * when it was called (CPython's Condition: the _woken_count handshake): a
 * process that notifies and then waits itself must not take the wake-up.
 */
#if defined(__linux__)
#define _GNU_SOURCE /* sched_setaffinity, SCHED_IDLE */
#endif
#include "harness.h"

#if defined(__linux__)
#include <sched.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Condition                                                                */
/* ------------------------------------------------------------------------ */

/* The shared state of the producer/consumer tests: the number of items is
 * a semaphore's value, read and changed only with the Condition held. */
static mproc_semaphore_t *g_items;

static bool have_items(void *arg) {
  (void)arg;
  unsigned v = 0;
  mproc_semaphore_value(g_items, &v);
  return v > 0;
}

/* args: condition, items semaphore, count, timeout per wait. Consumes
 * count items; waits with a short timeout race the producer's notifies. */
static int child_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  int64_t n;
  double t;
  CHECK(nargs == 4 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &g_items) == 0 &&
            mproc_value_as_int(&args[2], &n) == 0 &&
            mproc_value_as_double(&args[3], &t) == 0,
        10);
  for (int64_t i = 0; i < n; i++) {
    CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
    double t0 = harness_now();
    int rc;
    while ((rc = mproc_condition_wait_for(c, have_items, NULL, t)) ==
           MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 60.0, 12); /* a lost wake-up */
    CHECK(rc == 0, 13);
    CHECK(mproc_semaphore_try_acquire(g_items) == 0, 14);
    CHECK(mproc_condition_release(c) == 0, 15);
  }
  return 0;
}

static void producer_consumer(mproc_start_method_t m, void *lock, bool all,
                              double wait_timeout) {
  enum { NCONS = 3, PER = 40 };
  mproc_condition_t *c;
  assert_int_equal(mproc_condition_create(&c, lock), 0);
  assert_int_equal(mproc_semaphore_create(&g_items, 0), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(g_items), mproc_int(PER),
                       mproc_double(wait_timeout)};
  mproc_process_t *p[NCONS];
  for (int i = 0; i < NCONS; i++)
    p[i] = harness_start(child_consumer, a, 4, m);
  for (int i = 0; i < NCONS * PER; i++) {
    assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
    assert_int_equal(mproc_semaphore_release(g_items), 0);
    if (all)
      assert_int_equal(mproc_condition_notify_all(c), 0);
    else
      assert_int_equal(mproc_condition_notify(c, 1), 0);
    assert_int_equal(mproc_condition_release(c), 0);
    if (i % 8 == 0)
      harness_yield();
  }
  for (int i = 0; i < NCONS; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 99;
  assert_int_equal(mproc_semaphore_value(g_items, &v), 0);
  assert_int_equal(v, 0);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(g_items);
}

static void test_condition_notify_one_rlock(void **state) {
  producer_consumer(TEST_METHOD(state), NULL, false, MPROC_FOREVER);
}

static void test_condition_notify_all_lock(void **state) {
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  producer_consumer(TEST_METHOD(state), l, true, MPROC_FOREVER);
  mproc_lock_destroy(l);
}

/* Timeouts of 1 ms racing the notifies: no wake-up is lost for good. */
static void test_condition_timeouts_race(void **state) {
  mproc_rlock_t *r;
  assert_int_equal(mproc_rlock_create(&r), 0);
  producer_consumer(TEST_METHOD(state), r, false, 0.001);
  mproc_rlock_destroy(r);
}

/* args: condition, ready semaphore, woken semaphore. Waits once. */
static int child_cond_waiter(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready, *woken;
  CHECK(nargs == 3 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_semaphore(&args[2], &woken) == 0,
        10);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  /* Signalled with the lock held: the parent, to take the lock, must wait
   * until this process has released it inside the wait. */
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  CHECK(mproc_condition_wait(c, 60.0) == 0, 13);
  CHECK(mproc_semaphore_release(woken) == 0, 14);
  CHECK(mproc_condition_release(c) == 0, 15);
  return 0;
}

/* notify(1) wakes exactly one of three waiters; notify_all the rest. */
static void test_condition_notify_counts(void **state) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready, *woken;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&woken, 0), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(ready), mproc_obj(woken)};
  mproc_process_t *p[3];
  for (int i = 0; i < 3; i++) {
    p[i] = harness_start(child_cond_waiter, a, 3, TEST_METHOD(state));
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
    assert_int_equal(mproc_condition_acquire(c, 60.0), 0); /* it waits */
    assert_int_equal(mproc_condition_release(c), 0);
  }
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 1), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_semaphore_acquire(woken, 60.0), 0);
  assert_int_equal(mproc_semaphore_acquire(woken, 0.3), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify_all(c), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  unsigned v;
  assert_int_equal(mproc_semaphore_value(woken, &v), 0);
  assert_int_equal(v, 2);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(woken);
}

/* ------------------------------------------------------------------------ */
/* A notify wakes only the waiters present when it was called               */
/* ------------------------------------------------------------------------ */

/*
 * Linux: moves the calling process onto the lowest CPU it may use and, if
 * @p idle, into SCHED_IDLE. A waiter so placed runs only when the notifier,
 * placed on the same CPU, sleeps: the schedule in which a notifier that
 * then waits itself reaches its own wait before the woken waiter runs,
 * which made the old Condition give it the wake-up every time. Elsewhere
 * nothing: the tests then rely on their rounds.
 */
static void place_on_one_cpu(bool idle) {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int i = 0; i < CPU_SETSIZE; i++) {
      if (CPU_ISSET(i, &set)) {
        CPU_ZERO(&set);
        CPU_SET(i, &set);
        (void)sched_setaffinity(0, sizeof set, &set);
        break;
      }
    }
  }
  if (idle) {
    struct sched_param sp;
    memset(&sp, 0, sizeof sp);
    (void)sched_setscheduler(0, SCHED_IDLE, &sp);
  }
#else
  (void)idle;
#endif
}

/* The shared state of the wait_for tests: a Value without a lock of its
 * own, read and written only with the Condition held. */
static mproc_shared_value_t *g_state;

static int64_t state_get(void) {
  int64_t v = -99;
  mproc_shared_value_get_int(g_state, &v);
  return v;
}

static bool state_is(void *arg) {
  return state_get() == *(int64_t *)arg;
}

/* Waits, with the Condition held, until state == @p want, each wait woken
 * by a notify: a wait that times out is a notify this process was present
 * for and did not receive (wait_for() would hide it: at its timeout it
 * returns 0 if the state is right by then). 0 or the failed wait's code. */
static int wait_for_state(mproc_condition_t *c, int64_t want) {
  while (state_get() != want) {
    int rc = mproc_condition_wait(c, 10.0);
    if (rc < 0)
      return rc;
  }
  return 0;
}

/* args: condition, state, ready. CPython's test_waitfor, main side, in a
 * child placed idle on one CPU: waits for state == 0, then adds 1 four
 * times, notifying each time. */
static int child_waitfor_main(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  CHECK(nargs == 3 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_shared_value(&args[1], &g_state) == 0 &&
            mproc_value_as_semaphore(&args[2], &ready) == 0,
        10);
  place_on_one_cpu(true);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  /* The only notify that makes state == 0 true is issued while this
   * process waits: a timeout here is that wake-up taken by its notifier. */
  int rc = wait_for_state(c, 0);
  CHECK(mproc_condition_release(c) == 0, 14);
  CHECK(rc == 0, 13);
  for (int i = 0; i < 4; i++) {
    CHECK(mproc_condition_acquire(c, 60.0) == 0, 15);
    CHECK(mproc_shared_value_set_int(g_state, state_get() + 1) == 0, 16);
    CHECK(mproc_condition_notify(c, 1) == 0, 17);
    CHECK(mproc_condition_release(c) == 0, 18);
  }
  return 0;
}

/* args: condition, state. CPython's _test_waitfor_f: sets state = 0,
 * notifies, and waits itself for state == 4. */
static int child_waitfor_f(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  CHECK(nargs == 2 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_shared_value(&args[1], &g_state) == 0,
        10);
  place_on_one_cpu(false);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  CHECK(mproc_shared_value_set_int(g_state, 0) == 0, 12);
  CHECK(mproc_condition_notify(c, 1) == 0, 13);
  int64_t four = 4;
  CHECK(mproc_condition_wait_for(c, state_is, &four, 30.0) == 0, 14);
  CHECK(state_get() == 4, 15);
  CHECK(mproc_condition_release(c) == 0, 16);
  return 0;
}

/* CPython's test_waitfor, the A/B case: B notifies A and then
 * waits itself; B's wait must not take A's wake-up (the old Condition gave
 * it to B, and A slept until its timeout: child exit 13). */
static void test_condition_waitfor(void **state) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_shared_value_create(&g_state, MPROC_C_INT64, false),
                   0);
  assert_int_equal(mproc_shared_value_set_int(g_state, -1), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(g_state), mproc_obj(ready)};
  mproc_process_t *pa =
      harness_start(child_waitfor_main, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0); /* A waits */
  assert_int_equal(mproc_condition_release(c), 0);
  mproc_process_t *pb =
      harness_start(child_waitfor_f, a, 2, TEST_METHOD(state));
  harness_expect_exit(pa, 0);
  harness_expect_exit(pb, 0);
  mproc_condition_destroy(c);
  mproc_shared_value_destroy(g_state);
  mproc_semaphore_destroy(ready);
}

/* args: condition, state, rounds, side (0 or 1). Ping-pong: side s waits
 * for state == s, then sets 1 - s and notifies, and at once waits again:
 * every notify races its own notifier's next wait. */
static int child_ping_pong(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  int64_t rounds, side;
  CHECK(nargs == 4 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_shared_value(&args[1], &g_state) == 0 &&
            mproc_value_as_int(&args[2], &rounds) == 0 &&
            mproc_value_as_int(&args[3], &side) == 0,
        10);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  int step = 0;
  for (int64_t i = 0; i < rounds && step == 0; i++) {
    /* The peer's notify was issued while this side waited, or the state
     * was already set: a timeout is a wake-up taken by the notifier. */
    if (wait_for_state(c, side) != 0)
      step = 12;
    else if (mproc_shared_value_set_int(g_state, 1 - side) != 0)
      step = 13;
    else if (mproc_condition_notify(c, 1) != 0)
      step = 14;
  }
  /* Released on a failure too: the peer must not wait for a dead holder
   * of the Lock. */
  CHECK(mproc_condition_release(c) == 0, 15);
  CHECK(step == 0, step);
  return 0;
}

/* Two processes hand a state back and forth, each notifying and then
 * waiting at once, without any placement: the race at its natural
 * rate (the old Condition lost a wake-up within a few rounds). */
static void test_condition_ping_pong(void **state) {
  const int64_t rounds = harness_slow_processes() ? 300 : 1000;
  mproc_condition_t *c;
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_condition_create(&c, l), 0);
  assert_int_equal(mproc_shared_value_create(&g_state, MPROC_C_INT64, false),
                   0);
  mproc_value_t a0[] = {mproc_obj(c), mproc_obj(g_state), mproc_int(rounds),
                        mproc_int(0)};
  mproc_value_t a1[] = {mproc_obj(c), mproc_obj(g_state), mproc_int(rounds),
                        mproc_int(1)};
  mproc_process_t *p0 =
      harness_start(child_ping_pong, a0, 4, TEST_METHOD(state));
  mproc_process_t *p1 =
      harness_start(child_ping_pong, a1, 4, TEST_METHOD(state));
  harness_expect_exit(p0, 0);
  harness_expect_exit(p1, 0);
  mproc_condition_destroy(c);
  mproc_lock_destroy(l);
  mproc_shared_value_destroy(g_state);
}

/* args: condition, sleeping, woken, timeout, expected result of the wait.
 * CPython's _TestCondition.f, placed idle on one CPU: waits once. */
static int child_f(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  double timeout;
  int64_t expect;
  CHECK(nargs == 5 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &sleeping) == 0 &&
            mproc_value_as_semaphore(&args[2], &woken) == 0 &&
            mproc_value_as_double(&args[3], &timeout) == 0 &&
            mproc_value_as_int(&args[4], &expect) == 0,
        10);
  place_on_one_cpu(true);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  /* Signalled with the lock held: the parent, to take the lock, must wait
   * until this process has released it inside the wait. */
  CHECK(mproc_semaphore_release(sleeping) == 0, 12);
  int rc = mproc_condition_wait(c, timeout);
  CHECK(mproc_semaphore_release(woken) == 0, 13);
  CHECK(mproc_condition_release(c) == 0, 14);
  CHECK(rc == (int)expect, 15);
  return 0;
}

/* args: condition, n (-1: notify_all). Notifies, then waits 1 s itself:
 * nobody notifies it, so the wait must time out. */
static int child_notify_then_wait(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  int64_t n;
  CHECK(nargs == 2 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_int(&args[1], &n) == 0,
        10);
  place_on_one_cpu(false);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  if (n < 0)
    CHECK(mproc_condition_notify_all(c) == 0, 12);
  else
    CHECK(mproc_condition_notify(c, (int)n) == 0, 12);
  /* 0 here: this later arrival took a wake-up meant for a waiter. */
  CHECK(mproc_condition_wait(c, 1.0) == MPROC_E_TIMEOUT, 13);
  CHECK(mproc_condition_release(c) == 0, 14);
  return 0;
}

/* Starts @p n child_f waiters with @p timeout and @p expect, and returns
 * once each of them is inside its wait. */
static void start_sleepers(mproc_start_method_t m, mproc_condition_t *c,
                           mproc_semaphore_t *sleeping,
                           mproc_semaphore_t *woken, double timeout, int expect,
                           mproc_process_t **p, int n) {
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(sleeping), mproc_obj(woken),
                       mproc_double(timeout), mproc_int(expect)};
  for (int i = 0; i < n; i++) {
    p[i] = harness_start(child_f, a, 5, m);
    assert_int_equal(mproc_semaphore_acquire(sleeping, 60.0), 0);
    assert_int_equal(mproc_condition_acquire(c, 60.0), 0); /* it waits */
    assert_int_equal(mproc_condition_release(c), 0);
  }
}

static unsigned sem_value(mproc_semaphore_t *s) {
  unsigned v = 99;
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  return v;
}

/* Takes @p n counts of @p woken (60 s each), then checks that no further
 * one comes within 0.3 s. */
static void expect_woken(mproc_semaphore_t *woken, int n) {
  for (int i = 0; i < n; i++)
    assert_int_equal(mproc_semaphore_acquire(woken, 60.0), 0);
  assert_int_equal(mproc_semaphore_acquire(woken, 0.3), MPROC_E_TIMEOUT);
}

/* CPython's test_notify_n, with the notifier of notify(n=2) waiting right
 * after it: exactly 2 of the 3 present waiters wake, and not the notifier
 * (old Condition: it took one, exit 13, and only one waiter woke). Then
 * notify(4) wakes the rest and notify(3) does nothing more. */
static void test_condition_notify_n(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&sleeping, 0), 0);
  assert_int_equal(mproc_semaphore_create(&woken, 0), 0);
  mproc_process_t *p[3];
  start_sleepers(m, c, sleeping, woken, 60.0, 0, p, 3);
  assert_int_equal(sem_value(woken), 0);
  mproc_value_t an[] = {mproc_obj(c), mproc_int(2)};
  mproc_process_t *notifier = harness_start(child_notify_then_wait, an, 2, m);
  harness_expect_exit(notifier, 0);
  expect_woken(woken, 2);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 4), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  expect_woken(woken, 1);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 3), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(sem_value(woken), 0);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(sleeping);
  mproc_semaphore_destroy(woken);
}

/* CPython's test_notify_all: waiters that all time out leave nothing
 * behind; then notify_all wakes every present waiter and not its notifier,
 * which waits right after it (old Condition: it took one, exit 13). */
static void test_condition_notify_all(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_condition_create(&c, l), 0);
  assert_int_equal(mproc_semaphore_create(&sleeping, 0), 0);
  assert_int_equal(mproc_semaphore_create(&woken, 0), 0);
  mproc_process_t *p[3];
  start_sleepers(m, c, sleeping, woken, 0.1, MPROC_E_TIMEOUT, p, 3);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(sem_value(woken), 3);
  for (int i = 0; i < 3; i++)
    assert_int_equal(mproc_semaphore_acquire(woken, 0), 0);
  start_sleepers(m, c, sleeping, woken, 60.0, 0, p, 3);
  assert_int_equal(sem_value(woken), 0);
  mproc_value_t an[] = {mproc_obj(c), mproc_int(-1)};
  mproc_process_t *notifier = harness_start(child_notify_then_wait, an, 2, m);
  harness_expect_exit(notifier, 0);
  expect_woken(woken, 3);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  mproc_condition_destroy(c);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(sleeping);
  mproc_semaphore_destroy(woken);
}

/* args: condition. CPython's _test_wait_result: notifies once. */
static int child_notify_once(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  CHECK(nargs == 1 && mproc_value_as_condition(&args[0], &c) == 0, 10);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  CHECK(mproc_condition_notify(c, 1) == 0, 12);
  CHECK(mproc_condition_release(c) == 0, 13);
  return 0;
}

/* CPython's test_wait_result: wait(0) and wait(0.1) time out; a notify
 * from a child makes wait(60) return 0. */
static void test_condition_wait_result(void **state) {
  mproc_condition_t *c;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_wait(c, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_wait(c, 0.1), MPROC_E_TIMEOUT);
  mproc_value_t a[] = {mproc_obj(c)};
  mproc_process_t *p =
      harness_start(child_notify_once, a, 1, TEST_METHOD(state));
  assert_int_equal(mproc_condition_wait(c, 60.0), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  harness_expect_exit(p, 0);
  mproc_condition_destroy(c);
}

/* A waiter killed while waiting: a notify(1) that chooses it (it is the
 * earliest) still wakes the live waiter that was present, and a waiter
 * that arrives after the notify does not get the wake-up. Nothing hangs. */
static void test_condition_dead_waiter(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&sleeping, 0), 0);
  assert_int_equal(mproc_semaphore_create(&woken, 0), 0);
  mproc_process_t *dead[1], *live[1], *late[1];
  start_sleepers(m, c, sleeping, woken, 60.0, 0, dead, 1);
  start_sleepers(m, c, sleeping, woken, 60.0, 0, live, 1);
  assert_int_equal(mproc_process_kill(dead[0]), 0);
  harness_expect_exit(dead[0], -MPROC_SIGKILL);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 1), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  expect_woken(woken, 1);
  harness_expect_exit(live[0], 0);
  /* Dead again, chosen, with only a later arrival left. */
  start_sleepers(m, c, sleeping, woken, 60.0, 0, dead, 1);
  assert_int_equal(mproc_process_kill(dead[0]), 0);
  harness_expect_exit(dead[0], -MPROC_SIGKILL);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 1), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  start_sleepers(m, c, sleeping, woken, 60.0, 0, late, 1);
  assert_int_equal(mproc_semaphore_acquire(woken, 0.5), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 1), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  expect_woken(woken, 1);
  harness_expect_exit(late[0], 0);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(sleeping);
  mproc_semaphore_destroy(woken);
}

/* ------------------------------------------------------------------------ */
/* More waiters than a slot holds                                           */
/* ------------------------------------------------------------------------ */

/* A Condition's slot holds 6 waiters; the rest take records from the slab's
 * waiter area. CI size: 64 waiters (2 processes of 32 threads); full size
 * (MPROC_TEST_FULL=1): 1,024 (4 of 256). */
static int many_procs(void) {
  const char *e = getenv("MPROC_TEST_FULL");
  return e && *e && *e != '0' ? 4 : 2;
}
#define MANY_THREADS_MAX 256
static int many_threads(void) {
  return many_procs() == 4 ? MANY_THREADS_MAX : 32;
}

typedef struct waiter_ctx {
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  mproc_shared_value_t *arrived, *notified; /* read with c held */
  int64_t check_fifo;
  int fail; /* the step that failed, or 0 */
} waiter_ctx_t;

/* One waiter thread: arrives (taking the next arrival number), waits, and,
 * woken, checks that it was among the first `notified` to arrive: a notify
 * woke the oldest waiters, and no more than it was asked to. */
static void waiter_thread(void *arg) {
  waiter_ctx_t *w = arg;
  int64_t me, n;
  if (mproc_condition_acquire(w->c, 60.0) != 0) {
    w->fail = 21;
    return;
  }
  if (mproc_shared_value_get_int(w->arrived, &me) != 0 ||
      mproc_shared_value_set_int(w->arrived, me + 1) != 0)
    w->fail = 22;
  mproc_semaphore_release(w->sleeping);
  int rc = mproc_condition_wait(w->c, 60.0);
  if (rc != 0 && !w->fail)
    w->fail = 23;
  if (mproc_shared_value_get_int(w->notified, &n) != 0 && !w->fail)
    w->fail = 24;
  if (w->check_fifo && me >= n && !w->fail)
    w->fail = 25; /* woken out of order, or one too many */
  mproc_semaphore_release(w->woken);
  if (mproc_condition_release(w->c) != 0 && !w->fail)
    w->fail = 26;
}

/* args: condition, sleeping, woken, arrived, notified, threads, check_fifo.
 * Runs that many waiter threads. */
static int child_waiters(const mproc_value_t *args, size_t nargs) {
  static waiter_ctx_t w[MANY_THREADS_MAX];
  harness_thread_t *t[MANY_THREADS_MAX];
  waiter_ctx_t proto = {0};
  int64_t nt;
  CHECK(nargs == 7 && mproc_value_as_condition(&args[0], &proto.c) == 0 &&
            mproc_value_as_semaphore(&args[1], &proto.sleeping) == 0 &&
            mproc_value_as_semaphore(&args[2], &proto.woken) == 0 &&
            mproc_value_as_shared_value(&args[3], &proto.arrived) == 0 &&
            mproc_value_as_shared_value(&args[4], &proto.notified) == 0 &&
            mproc_value_as_int(&args[5], &nt) == 0 &&
            mproc_value_as_int(&args[6], &proto.check_fifo) == 0 && nt > 0 &&
            nt <= MANY_THREADS_MAX,
        10);
  for (int64_t i = 0; i < nt; i++) {
    w[i] = proto;
    t[i] = harness_thread_start(waiter_thread, &w[i]);
    CHECK(t[i] != NULL, 11);
  }
  int fail = 0;
  for (int64_t i = 0; i < nt; i++) {
    harness_thread_join(t[i]);
    if (w[i].fail && !fail)
      fail = w[i].fail;
  }
  return fail;
}

typedef struct many {
  mproc_condition_t *c;
  mproc_semaphore_t *sleeping, *woken;
  mproc_shared_value_t *arrived, *notified;
} many_t;

static void many_init(many_t *m) {
  assert_int_equal(mproc_condition_create(&m->c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&m->sleeping, 0), 0);
  assert_int_equal(mproc_semaphore_create(&m->woken, 0), 0);
  assert_int_equal(mproc_shared_value_create(&m->arrived, MPROC_C_INT64, false),
                   0);
  assert_int_equal(
      mproc_shared_value_create(&m->notified, MPROC_C_INT64, false), 0);
}

static void many_fini(many_t *m) {
  mproc_condition_destroy(m->c);
  mproc_semaphore_destroy(m->sleeping);
  mproc_semaphore_destroy(m->woken);
  mproc_shared_value_destroy(m->arrived);
  mproc_shared_value_destroy(m->notified);
}

/* Starts a process of @p threads waiters, and returns once all of them are
 * inside their wait. */
static mproc_process_t *many_start(mproc_start_method_t meth, many_t *m,
                                   int threads, bool check_fifo) {
  mproc_value_t a[] = {mproc_obj(m->c),        mproc_obj(m->sleeping),
                       mproc_obj(m->woken),    mproc_obj(m->arrived),
                       mproc_obj(m->notified), mproc_int(threads),
                       mproc_int(check_fifo)};
  mproc_process_t *p = harness_start(child_waiters, a, 7, meth);
  for (int i = 0; i < threads; i++)
    assert_int_equal(mproc_semaphore_acquire(m->sleeping, 60.0), 0);
  assert_int_equal(mproc_condition_acquire(m->c, 60.0), 0); /* they wait */
  assert_int_equal(mproc_condition_release(m->c), 0);
  return p;
}

/* notify(k) (k < 0: notify_all), counting the waiters it may wake. */
static void many_notify(many_t *m, int k, int64_t *notified, int64_t total) {
  assert_int_equal(mproc_condition_acquire(m->c, 60.0), 0);
  *notified = k < 0 ? total : *notified + k;
  assert_int_equal(mproc_shared_value_set_int(m->notified, *notified), 0);
  if (k < 0)
    assert_int_equal(mproc_condition_notify_all(m->c), 0);
  else
    assert_int_equal(mproc_condition_notify(m->c, k), 0);
  assert_int_equal(mproc_condition_release(m->c), 0);
}

/* CPython's notify(n) and notify_all with far more waiters than the slot
 * holds: each notify(n) wakes exactly the n that waited longest, across
 * the slot and the slab's waiter area, and notify_all the rest. */
static void test_condition_many_waiters(void **state) {
  mproc_start_method_t meth = TEST_METHOD(state);
  many_t m;
  many_init(&m);
  int procs = many_procs(), threads = many_threads();
  int64_t total = (int64_t)procs * threads, notified = 0;
  mproc_process_t *p[4];
  for (int i = 0; i < procs; i++)
    p[i] = many_start(meth, &m, threads, true);
  print_message("[ COND     ] %lld waiters on one Condition\n",
                (long long)total);
  many_notify(&m, 1, &notified, total);
  expect_woken(m.woken, 1);
  const int batch[] = {2, 5, (int)total / 4};
  for (size_t b = 0; b < sizeof batch / sizeof batch[0]; b++) {
    many_notify(&m, batch[b], &notified, total);
    for (int i = 0; i < batch[b]; i++)
      assert_int_equal(mproc_semaphore_acquire(m.woken, 60.0), 0);
  }
  int64_t rest = total - notified;
  many_notify(&m, -1, &notified, total);
  for (int64_t i = 0; i < rest; i++)
    assert_int_equal(mproc_semaphore_acquire(m.woken, 60.0), 0);
  for (int i = 0; i < procs; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(sem_value(m.woken), 0);
  many_fini(&m);
}

/* A waiter killed while its record is in the slab's waiter area, and
 * chosen by a notify: the wake-up passes to the live waiter that was
 * present (in the area too), as for a waiter in the slot. */
static void test_condition_dead_waiter_pool(void **state) {
  mproc_start_method_t meth = TEST_METHOD(state);
  many_t m;
  many_init(&m);
  int64_t notified = 0;
  mproc_process_t *slot = many_start(meth, &m, 6, false); /* the slot full */
  mproc_process_t *dead = many_start(meth, &m, 1, false);
  assert_int_equal(mproc_process_kill(dead), 0);
  harness_expect_exit(dead, -MPROC_SIGKILL);
  mproc_process_t *live = many_start(meth, &m, 1, false);
  many_notify(&m, 7, &notified, 8); /* the slot's six and the dead one */
  expect_woken(m.woken, 7);
  harness_expect_exit(slot, 0);
  harness_expect_exit(live, 0);
  many_fini(&m);
}

static void test_condition_errors(void **state) {
  (void)state;
  mproc_condition_t *c;
  mproc_rlock_t *r;
  mproc_lock_t *l;
  mproc_event_t *e;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_condition_create(NULL, NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_create(&c, e), MPROC_E_TYPE);
  /* Over an RLock the caller does not hold. */
  assert_int_equal(mproc_condition_create(&c, r), 0);
  assert_int_equal(mproc_condition_wait(c, 1.0), MPROC_E_PERM);
  assert_string_equal(mproc_last_error(), "cannot wait on un-acquired lock");
  assert_int_equal(mproc_condition_notify(c, 1), MPROC_E_PERM);
  assert_int_equal(mproc_condition_notify_all(c), MPROC_E_PERM);
  assert_int_equal(mproc_condition_acquire(c, 0), 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0); /* depth 2 */
  assert_int_equal(mproc_condition_wait(c, -1.5), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_notify(c, -1), MPROC_E_VALUE);
  assert_int_equal(mproc_condition_notify(c, 5), 0); /* nobody waits */
  double t0 = harness_now();
  assert_int_equal(mproc_condition_wait(c, 0.05), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.05);
  assert_int_equal(mproc_rlock_count(r), 2); /* taken back at depth 2 */
  assert_int_equal(mproc_condition_wait_for(c, NULL, NULL, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), MPROC_E_PERM);
  mproc_condition_destroy(c);
  /* Over a Lock that nobody holds. */
  assert_int_equal(mproc_condition_create(&c, l), 0);
  assert_int_equal(mproc_condition_wait(c, 0), MPROC_E_PERM);
  assert_int_equal(mproc_condition_acquire(c, 0), 0);
  assert_int_equal(mproc_condition_wait(c, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_lock_locked(l), 1);
  assert_int_equal(mproc_condition_release(c), 0);
  mproc_condition_destroy(c);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  /* The wrong kind of object. */
  assert_int_equal(mproc_condition_notify((mproc_condition_t *)(void *)e, 1),
                   MPROC_E_TYPE);
  assert_int_equal(mproc_condition_notify(NULL, 1), MPROC_E_INVAL);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* Owner death                                                              */
/* ------------------------------------------------------------------------ */

/* args: condition, ready, never. Holds the Condition's own RLock and
 * blocks until killed. */
static int child_hold_condition(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_condition_acquire(c, 10.0) == 0, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  mproc_event_wait(never, 120.0);
  return 13;
}

/* The RLock inside a Condition reports its owner's death too, and the
 * heir can wait and notify as the owner. */
static void test_condition_owner_death(void **state) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(ready), mproc_obj(never)};
  mproc_process_t *holder =
      harness_start(child_hold_condition, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  assert_int_equal(mproc_condition_acquire(c, 30.0), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_condition_notify_all(c), 0);
  assert_int_equal(mproc_condition_wait(c, 0.01), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), MPROC_E_PERM);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* ------------------------------------------------------------------------ */
/* The sharing rule                                                         */
/* ------------------------------------------------------------------------ */

static void test_condition_sharing_rule(void **state) {
  (void)state;
  mproc_condition_t *c;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  harness_expect_inheritance_only(c, "Condition");
  mproc_condition_destroy(c);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("consumer", child_consumer);
  mproc_register("cond_waiter", child_cond_waiter);
  mproc_register("hold_condition", child_hold_condition);
  mproc_register("waitfor_main", child_waitfor_main);
  mproc_register("waitfor_f", child_waitfor_f);
  mproc_register("ping_pong", child_ping_pong);
  mproc_register("f", child_f);
  mproc_register("notify_then_wait", child_notify_then_wait);
  mproc_register("notify_once", child_notify_once);
  mproc_register("waiters", child_waiters);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_condition_notify_one_rlock),
      cmocka_unit_test(test_condition_notify_all_lock),
      cmocka_unit_test(test_condition_timeouts_race),
      cmocka_unit_test(test_condition_notify_counts),
      cmocka_unit_test(test_condition_waitfor),
      cmocka_unit_test(test_condition_ping_pong),
      cmocka_unit_test(test_condition_notify_n),
      cmocka_unit_test(test_condition_notify_all),
      cmocka_unit_test(test_condition_wait_result),
      cmocka_unit_test(test_condition_dead_waiter),
      cmocka_unit_test(test_condition_many_waiters),
      cmocka_unit_test(test_condition_dead_waiter_pool),
      cmocka_unit_test(test_condition_errors),
      cmocka_unit_test(test_condition_owner_death),
      cmocka_unit_test(test_condition_sharing_rule),
  };
  return harness_run(argc, argv, "condition", tests,
                     sizeof tests / sizeof tests[0]);
}
