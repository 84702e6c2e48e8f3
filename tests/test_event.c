/* SPDX-License-Identifier: MIT */
/*
 * Event across processes, under every start method (src/sync2.c, to be
 * src/sync/event.c).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Event                                                                    */
/* ------------------------------------------------------------------------ */

/* args: event, ready semaphore, done semaphore */
static int child_event_wait(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *e;
  mproc_semaphore_t *ready, *done;
  CHECK(nargs == 3 && mproc_value_as_event(&args[0], &e) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_semaphore(&args[2], &done) == 0,
        10);
  CHECK(mproc_event_is_set(e) == 0, 11);
  CHECK(mproc_event_wait(e, 0) == MPROC_E_TIMEOUT, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  CHECK(mproc_event_wait(e, 60.0) == 0, 14);
  CHECK(mproc_event_is_set(e) == 1, 15);
  CHECK(mproc_semaphore_release(done) == 0, 16);
  return 0;
}

static void test_event(void **state) {
  mproc_event_t *e;
  mproc_semaphore_t *ready, *done;
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&done, 0), 0);
  mproc_value_t a[] = {mproc_obj(e), mproc_obj(ready), mproc_obj(done)};
  mproc_process_t *p[3];
  for (int i = 0; i < 3; i++)
    p[i] = harness_start(child_event_wait, a, 3, TEST_METHOD(state));
  for (int i = 0; i < 3; i++)
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  /* Nobody passes before the set. */
  assert_int_equal(mproc_semaphore_acquire(done, 0.2), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_event_set(e), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_event_is_set(e), 1);
  assert_int_equal(mproc_event_wait(e, 0), 0);
  assert_int_equal(mproc_event_clear(e), 0);
  assert_int_equal(mproc_event_is_set(e), 0);
  double t0 = harness_now();
  assert_int_equal(mproc_event_wait(e, 0.1), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.1);
  assert_int_equal(mproc_event_wait(e, -0.5), MPROC_E_INVAL);
  mproc_event_destroy(e);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(done);
}

/* args: event, iterations. Sets and clears, racing the parent's waits. */
static int child_event_toggle(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *e;
  int64_t n;
  CHECK(nargs == 2 && mproc_value_as_event(&args[0], &e) == 0 &&
            mproc_value_as_int(&args[1], &n) == 0,
        10);
  for (int64_t i = 0; i < n; i++) {
    CHECK(mproc_event_set(e) == 0, 11);
    harness_yield();
    CHECK(mproc_event_clear(e) == 0, 12);
  }
  CHECK(mproc_event_set(e) == 0, 13);
  return 0;
}

/* Short timeouts racing sets: every wait ends (set or timed out), and the
 * final set is never lost. */
static void test_event_timeouts_race(void **state) {
  mproc_event_t *e;
  assert_int_equal(mproc_event_create(&e), 0);
  mproc_value_t a[] = {mproc_obj(e), mproc_int(2000)};
  mproc_process_t *p =
      harness_start(child_event_toggle, a, 2, TEST_METHOD(state));
  int rc;
  do {
    rc = mproc_event_wait(e, 0.001);
    assert_true(rc == 0 || rc == MPROC_E_TIMEOUT);
    if (rc == 0)
      mproc_event_clear(e);
  } while (mproc_process_is_alive(p) == 1);
  harness_expect_exit(p, 0);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* The sharing rule                                                         */
/* ------------------------------------------------------------------------ */

static void test_event_sharing_rule(void **state) {
  (void)state;
  mproc_event_t *e;
  assert_int_equal(mproc_event_create(&e), 0);
  harness_expect_inheritance_only(e, "Event");
  mproc_value_t v = mproc_obj(e);
  mproc_condition_t *wrong;
  assert_int_equal(mproc_value_as_condition(&v, &wrong), MPROC_E_TYPE);
  mproc_event_destroy(e);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("event_wait", child_event_wait);
  mproc_register("event_toggle", child_event_toggle);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_event),
      cmocka_unit_test(test_event_timeouts_race),
      cmocka_unit_test(test_event_sharing_rule),
  };
  return harness_run(argc, argv, "event", tests,
                     sizeof tests / sizeof tests[0]);
}
