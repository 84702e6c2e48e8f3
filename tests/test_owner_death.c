/* SPDX-License-Identifier: MIT */
/*
 * What the death of a Lock's or an RLock's holder leaves (src/sync.c, to be
 * src/sync/semlock.c), under every start method: an RLock reports
 * MPROC_E_OWNER_DEAD to the next owner, wherever in acquire or release its
 * owner was killed; a Lock, which has no owner, stays held. The Condition's
 * own case is in test_condition.c.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Owner death                                                              */
/* ------------------------------------------------------------------------ */

/* args: rlock, ready semaphore, event never set. Takes the RLock twice and
 * blocks until killed. */
static int child_hold_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_rlock_acquire(r, 10.0) == 0, 11);
  CHECK(mproc_rlock_acquire(r, 10.0) == 0, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  mproc_event_wait(never, 120.0);
  return 14;
}

/* args: rlock, ready. Blocks on the RLock, expects its owner to die. */
static int child_wait_dead_owner(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_rlock_try_acquire(r) == MPROC_E_BUSY, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  CHECK(mproc_rlock_acquire(r, 60.0) == MPROC_E_OWNER_DEAD, 13);
  CHECK(mproc_rlock_count(r) == 1, 14);
  CHECK(mproc_rlock_release(r) == 0, 15);
  return 0;
}

static void test_rlock_owner_death(void **state) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(r), mproc_obj(ready), mproc_obj(never)};
  /* A waiter blocked when the holder is killed takes over. */
  mproc_process_t *holder =
      harness_start(child_hold_rlock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  mproc_process_t *waiter =
      harness_start(child_wait_dead_owner, a, 2, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  harness_expect_exit(waiter, 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0); /* released by the heir */
  assert_int_equal(mproc_rlock_release(r), 0);
  /* Nobody waiting: the next acquirer learns it, in this process. */
  holder = harness_start(child_hold_rlock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_rlock_try_acquire(r), MPROC_E_BUSY);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  assert_int_equal(mproc_rlock_acquire(r, 30.0), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_rlock_count(r), 1);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  assert_int_equal(mproc_rlock_release(r), MPROC_E_PERM);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* args: rlock, ready. Takes and releases the RLock in a tight loop until
 * killed, so that a kill lands anywhere in acquire or release. */
static int child_churn_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_semaphore_release(ready) == 0, 11);
  for (;;) {
    int rc = mproc_rlock_acquire(r, 60.0);
    CHECK(rc == 0 || rc == MPROC_E_OWNER_DEAD, 12);
    CHECK(mproc_rlock_release(r) == 0, 13);
  }
}

/* Regression (found by the crash suite): a process killed between taking
 * an RLock and recording itself as its owner left it held by no one, so
 * every later acquire timed out. Kills at random points of a tight
 * acquire/release loop must leave the RLock free or owned by the dead. */
static void test_rlock_kill_anywhere(void **state) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(r), mproc_obj(ready)};
  int rounds = harness_slow_processes() ? 8 : 40;
  if (TEST_METHOD(state) == MPROC_START_SPAWN)
    rounds /= 2;
  int dead = 0;
  for (int i = 0; i < rounds; i++) {
    mproc_process_t *p =
        harness_start(child_churn_rlock, a, 2, TEST_METHOD(state));
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
    mproc_event_wait(never, 0.0001 * (i % 5));
    assert_int_equal(mproc_process_kill(p), 0);
    harness_expect_exit(p, -MPROC_SIGKILL);
    int rc = mproc_rlock_acquire(r, 10.0);
    if (rc != 0 && rc != MPROC_E_OWNER_DEAD)
      print_error("round %d: %s\n", i, mproc_err_name(rc));
    assert_true(rc == 0 || rc == MPROC_E_OWNER_DEAD);
    dead += rc == MPROC_E_OWNER_DEAD;
    assert_int_equal(mproc_rlock_count(r), 1);
    assert_int_equal(mproc_rlock_release(r), 0);
  }
  print_message("[          ] %d of %d kills left the RLock held\n", dead,
                rounds);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* args: lock, ready, never. Takes the Lock and blocks until killed. */
static int child_hold_lock(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_lock(&args[0], &l) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_lock_acquire(l, 10.0) == 0, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  mproc_event_wait(never, 120.0);
  return 13;
}

/* A Lock has no owner: held by a dead process it stays held (as in
 * CPython), and a timed acquire returns on time. */
static void test_lock_holder_death(void **state) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(ready), mproc_obj(never)};
  mproc_process_t *holder =
      harness_start(child_hold_lock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  double t0 = harness_now();
  assert_int_equal(mproc_lock_acquire(l, 0.2), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.2);
  assert_int_equal(mproc_lock_locked(l), 1);
  /* Anyone may release a Lock: the way to recover it. */
  assert_int_equal(mproc_lock_release(l), 0);
  assert_int_equal(mproc_lock_acquire(l, 0), 0);
  assert_int_equal(mproc_lock_release(l), 0);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("hold_rlock", child_hold_rlock);
  mproc_register("wait_dead_owner", child_wait_dead_owner);
  mproc_register("churn_rlock", child_churn_rlock);
  mproc_register("hold_lock", child_hold_lock);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rlock_owner_death),
      cmocka_unit_test(test_rlock_kill_anywhere),
      cmocka_unit_test(test_lock_holder_death),
  };
  return harness_run(argc, argv, "owner_death", tests,
                     sizeof tests / sizeof tests[0]);
}
