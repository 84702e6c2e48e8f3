/*
 * Barrier across processes, under every start method (src/sync2.c, to be
 * src/sync/barrier.c).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Barrier                                                                  */
/* ------------------------------------------------------------------------ */

/* The action counts its runs in a semaphore that each process sets here. */
static mproc_semaphore_t *g_action_count;

static int barrier_action(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return mproc_semaphore_release(g_action_count) == 0 ? 0 : 1;
}

static int barrier_action_fails(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 3;
}

/* args: barrier, action counter, generations */
static int child_barrier(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  int64_t gens;
  CHECK(nargs == 3 && mproc_value_as_barrier(&args[0], &b) == 0 &&
            mproc_value_as_semaphore(&args[1], &g_action_count) == 0 &&
            mproc_value_as_int(&args[2], &gens) == 0,
        10);
  int parties = mproc_barrier_parties(b);
  for (int64_t i = 0; i < gens; i++) {
    unsigned idx = 999;
    CHECK(mproc_barrier_wait(b, 60.0, &idx) == 0, 11);
    CHECK(idx < (unsigned)parties, 12);
  }
  return 0;
}

/* Four parties (three children and this process) over many generations;
 * the action runs once per generation, in whichever process came last. */
static void test_barrier_generations(void **state) {
  enum { NCHILD = 3, GENS = 60 };
  mproc_barrier_t *b;
  assert_int_equal(mproc_semaphore_create(&g_action_count, 0), 0);
  assert_int_equal(mproc_barrier_create(&b, NCHILD + 1, barrier_action), 0);
  assert_int_equal(mproc_barrier_parties(b), NCHILD + 1);
  mproc_value_t a[] = {mproc_obj(b), mproc_obj(g_action_count),
                       mproc_int(GENS)};
  mproc_process_t *p[NCHILD];
  for (int i = 0; i < NCHILD; i++)
    p[i] = harness_start(child_barrier, a, 3, TEST_METHOD(state));
  for (int i = 0; i < GENS; i++) {
    unsigned idx = 999;
    assert_int_equal(mproc_barrier_wait(b, 60.0, &idx), 0);
    assert_true(idx < NCHILD + 1);
  }
  for (int i = 0; i < NCHILD; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(g_action_count, &v), 0);
  assert_int_equal(v, GENS);
  assert_int_equal(mproc_barrier_broken(b), 0);
  assert_int_equal(mproc_barrier_n_waiting(b), 0);
  mproc_barrier_destroy(b);
  mproc_semaphore_destroy(g_action_count);
}

/* args: barrier, ready semaphore. Expects the barrier to break. */
static int child_barrier_broken(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_barrier(&args[0], &b) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_semaphore_release(ready) == 0, 11);
  CHECK(mproc_barrier_wait(b, 60.0, NULL) == MPROC_E_BROKEN, 12);
  CHECK(mproc_barrier_broken(b) == 1 || mproc_barrier_n_waiting(b) == 0, 13);
  return 0;
}

/* Waits (bounded) until @p n parties wait on @p b. */
static void wait_n_waiting(mproc_barrier_t *b, int n) {
  double t0 = harness_now();
  while (mproc_barrier_n_waiting(b) < n) {
    assert_true(harness_now() - t0 < 60.0);
    harness_yield();
  }
}

static void test_barrier_abort_reset(void **state) {
  mproc_barrier_t *b;
  mproc_semaphore_t *ready;
  assert_int_equal(mproc_barrier_create(&b, 3, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  mproc_value_t a[] = {mproc_obj(b), mproc_obj(ready)};
  /* Abort releases two waiting children with MPROC_E_BROKEN. */
  mproc_process_t *p[2];
  for (int i = 0; i < 2; i++)
    p[i] = harness_start(child_barrier_broken, a, 2, TEST_METHOD(state));
  wait_n_waiting(b, 2);
  assert_int_equal(mproc_barrier_abort(b), 0);
  for (int i = 0; i < 2; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_wait(b, 1.0, NULL), MPROC_E_BROKEN);
  assert_string_equal(mproc_last_error(), "the Barrier is broken");
  /* Reset: usable again; a reset with waiters breaks only them. */
  assert_int_equal(mproc_barrier_reset(b), 0);
  assert_int_equal(mproc_barrier_broken(b), 0);
  for (int i = 0; i < 2; i++)
    p[i] = harness_start(child_barrier_broken, a, 2, TEST_METHOD(state));
  wait_n_waiting(b, 2);
  assert_int_equal(mproc_barrier_reset(b), 0);
  for (int i = 0; i < 2; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_barrier_broken(b), 0);
  assert_int_equal(mproc_barrier_n_waiting(b), 0);
  /* A timeout breaks the barrier. */
  double t0 = harness_now();
  assert_int_equal(mproc_barrier_wait(b, 0.05, NULL), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.05);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_reset(b), 0);
  mproc_barrier_destroy(b);
  mproc_semaphore_destroy(ready);
}

static int unregistered_action(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

static void test_barrier_errors(void **state) {
  (void)state;
  mproc_barrier_t *b;
  assert_int_equal(mproc_barrier_create(&b, 0, NULL), MPROC_E_VALUE);
  assert_null(b);
  assert_int_equal(mproc_barrier_create(NULL, 2, NULL), MPROC_E_INVAL);
  /* The action must be registered. */
  assert_int_equal(mproc_barrier_create(&b, 2, unregistered_action),
                   MPROC_E_NOTFOUND);
  /* A single party passes at once; a failing action breaks the barrier. */
  assert_int_equal(mproc_barrier_create(&b, 1, barrier_action_fails), 0);
  assert_int_equal(mproc_barrier_wait(b, 0, NULL), MPROC_E_BROKEN);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_wait(b, -3, NULL), MPROC_E_INVAL);
  mproc_barrier_destroy(b);
  assert_int_equal(mproc_barrier_create(&b, 1, NULL), 0);
  unsigned idx = 7;
  assert_int_equal(mproc_barrier_wait(b, 0, &idx), 0);
  assert_int_equal(idx, 0);
  mproc_barrier_destroy(b);
  assert_int_equal(mproc_barrier_abort(NULL), MPROC_E_INVAL);
}

/* ------------------------------------------------------------------------ */
/* The sharing rule                                                         */
/* ------------------------------------------------------------------------ */

static void test_barrier_sharing_rule(void **state) {
  (void)state;
  mproc_barrier_t *b;
  assert_int_equal(mproc_barrier_create(&b, 2, NULL), 0);
  harness_expect_inheritance_only(b, "Barrier");
  mproc_barrier_destroy(b);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("barrier", child_barrier);
  mproc_register("barrier_action", barrier_action);
  mproc_register("barrier_action_fails", barrier_action_fails);
  mproc_register("barrier_broken", child_barrier_broken);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_barrier_generations),
      cmocka_unit_test(test_barrier_abort_reset),
      cmocka_unit_test(test_barrier_errors),
      cmocka_unit_test(test_barrier_sharing_rule),
  };
  return harness_run(argc, argv, "barrier", tests,
                     sizeof tests / sizeof tests[0]);
}
