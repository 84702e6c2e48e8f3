/*
 * Condition across processes, under every start method (src/sync2.c, to be
 * src/sync/condition.c): notify and notify_all over a Lock or an RLock,
 * timeouts racing notifies, errors, and the death of the process holding
 * its lock.
 */
#include "harness.h"

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
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_condition_notify_one_rlock),
      cmocka_unit_test(test_condition_notify_all_lock),
      cmocka_unit_test(test_condition_timeouts_race),
      cmocka_unit_test(test_condition_notify_counts),
      cmocka_unit_test(test_condition_errors),
      cmocka_unit_test(test_condition_owner_death),
      cmocka_unit_test(test_condition_sharing_rule),
  };
  return harness_run(argc, argv, "condition", tests,
                     sizeof tests / sizeof tests[0]);
}
