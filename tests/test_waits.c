/* SPDX-License-Identifier: MIT */
/*
 * The waits every synchronisation primitive shares (the park layer,
 * src/posix/park.c and src/win32), under every start method: timeouts
 * racing releases lose no wake-up, and a waiter sleeps rather than spins.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Contention: timeouts racing releases                                     */
/* ------------------------------------------------------------------------ */

/* args: semaphore (used as a lock), rlock, iterations, timed. Timed
 * processes wait 1 ms at a time and retry, so their timeouts race the
 * releases; untimed ones wait forever, so a lost wake-up hangs them (and
 * the parent's join then fails). */
static int child_contend(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *s;
  mproc_rlock_t *r;
  int64_t n;
  bool timed;
  CHECK(nargs == 4 && mproc_value_as_semaphore(&args[0], &s) == 0 &&
            mproc_value_as_rlock(&args[1], &r) == 0 &&
            mproc_value_as_int(&args[2], &n) == 0 &&
            mproc_value_as_bool(&args[3], &timed) == 0,
        10);
  double t = timed ? 0.001 : MPROC_FOREVER;
  double t0 = harness_now();
  for (int64_t i = 0; i < n; i++) {
    int rc;
    while ((rc = mproc_semaphore_acquire(s, t)) == MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 100.0, 11);
    CHECK(rc == 0, 12);
    unsigned v = 99;
    CHECK(mproc_semaphore_value(s, &v) == 0 && v == 0, 13); /* exclusive */
    if (i % 4 == 0)
      harness_yield();
    CHECK(mproc_semaphore_release(s) == 0, 14);
    while ((rc = mproc_rlock_acquire(r, t)) == MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 100.0, 15);
    CHECK(rc == 0 && mproc_rlock_count(r) == 1, 16);
    CHECK(mproc_rlock_release(r) == 0, 17);
  }
  return 0;
}

static void test_contention_timeouts(void **state) {
  enum { NPROC = 6, ITERS = 300 };
  mproc_semaphore_t *s;
  mproc_rlock_t *r;
  assert_int_equal(mproc_bounded_semaphore_create(&s, 1), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  mproc_process_t *p[NPROC];
  for (int i = 0; i < NPROC; i++) {
    mproc_value_t a[] = {mproc_obj(s), mproc_obj(r), mproc_int(ITERS),
                         mproc_bool(i % 2 == 0)};
    p[i] = harness_start(child_contend, a, 4, TEST_METHOD(state));
  }
  for (int i = 0; i < NPROC; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  assert_int_equal(v, 1);
  assert_int_equal(mproc_rlock_try_acquire(r), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  mproc_semaphore_destroy(s);
  mproc_rlock_destroy(r);
}

/* args: lock, rlock, event, condition, barrier (all held or unready by
 * the parent). Each wait times out after 0.3 s; together they must have
 * slept in the kernel, not spun: far less CPU time than wall time. */
static int child_sleepers(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_event_t *e;
  mproc_condition_t *c;
  mproc_barrier_t *b;
  CHECK(nargs == 5 && mproc_value_as_lock(&args[0], &l) == 0 &&
            mproc_value_as_rlock(&args[1], &r) == 0 &&
            mproc_value_as_event(&args[2], &e) == 0 &&
            mproc_value_as_condition(&args[3], &c) == 0 &&
            mproc_value_as_barrier(&args[4], &b) == 0,
        10);
  double w0 = harness_now(), c0 = harness_cpu_seconds();
  CHECK(mproc_lock_acquire(l, 0.3) == MPROC_E_TIMEOUT, 11);
  CHECK(mproc_rlock_acquire(r, 0.3) == MPROC_E_TIMEOUT, 12);
  CHECK(mproc_event_wait(e, 0.3) == MPROC_E_TIMEOUT, 13);
  CHECK(mproc_condition_acquire(c, 1.0) == 0, 14);
  CHECK(mproc_condition_wait(c, 0.3) == MPROC_E_TIMEOUT, 15);
  CHECK(mproc_condition_release(c) == 0, 16);
  CHECK(mproc_barrier_wait(b, 0.3, NULL) == MPROC_E_TIMEOUT, 17);
  double wall = harness_now() - w0, cpu = harness_cpu_seconds() - c0;
  CHECK(wall >= 1.5, 18);
  CHECK(cpu < wall / 2, 19); /* spinning would use about all of it */
  return 0;
}

static void test_waiters_sleep(void **state) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_event_t *e;
  mproc_condition_t *c;
  mproc_barrier_t *b;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_barrier_create(&b, 2, NULL), 0);
  assert_int_equal(mproc_lock_acquire(l, 0), 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(r), mproc_obj(e), mproc_obj(c),
                       mproc_obj(b)};
  harness_expect_exit(harness_start(child_sleepers, a, 5, TEST_METHOD(state)),
                      0);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_lock_release(l), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  mproc_event_destroy(e);
  mproc_condition_destroy(c);
  mproc_barrier_destroy(b);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("contend", child_contend);
  mproc_register("sleepers", child_sleepers);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_contention_timeouts),
      cmocka_unit_test(test_waiters_sleep),
  };
  return harness_run(argc, argv, "waits", tests,
                     sizeof tests / sizeof tests[0]);
}
