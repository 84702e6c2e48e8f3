/* SPDX-License-Identifier: MIT */
/*
 * Barrier across processes, under every start method (src/sync2.c, to be
 * src/sync/barrier.c).
 */
#include "harness.h"

#include <math.h>
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
/* An action with arguments; a default timeout                              */
/* ------------------------------------------------------------------------ */

/* Set by the action in the process it ran in. */
static int g_action_ran;

/* Expects (7, "seven", b"\x00\x01", 2.5) and counts its runs. */
static int barrier_action_args(const mproc_value_t *args, size_t nargs) {
  int64_t i;
  const char *s;
  double d;
  if (nargs != 4 || mproc_value_as_int(&args[0], &i) != 0 || i != 7 ||
      mproc_value_as_str(&args[1], &s) != 0 || strcmp(s, "seven") != 0 ||
      args[2].type != MPROC_VALUE_BYTES || args[2].u.bytes.len != 2 ||
      memcmp(args[2].u.bytes.ptr, "\x00\x01", 2) != 0 ||
      mproc_value_as_double(&args[3], &d) != 0 || d != 2.5)
    return 5;
  g_action_ran++;
  return mproc_semaphore_release(g_action_count) == 0 ? 0 : 1;
}

/* Waits (bounded) until @p n parties wait on @p b; in a child. */
static int child_wait_n_waiting(mproc_barrier_t *b, int n) {
  double t0 = harness_now();
  while (mproc_barrier_n_waiting(b) < n) {
    if (harness_now() - t0 > 60.0)
      return -1;
    harness_yield();
  }
  return 0;
}

/* args: barrier (2 parties), action counter. Arrives last in the first
 * generation (so the action runs here), first in the second. */
static int child_action_args(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  CHECK(nargs == 2 && mproc_value_as_barrier(&args[0], &b) == 0 &&
            mproc_value_as_semaphore(&args[1], &g_action_count) == 0,
        10);
  CHECK(child_wait_n_waiting(b, 1) == 0, 11);
  CHECK(mproc_barrier_wait(b, 60.0, NULL) == 0, 12);
  CHECK(g_action_ran == 1, 13);
  CHECK(mproc_barrier_wait(b, 60.0, NULL) == 0, 14);
  CHECK(g_action_ran == 1, 15);
  return 0;
}

/* The action receives its arguments wherever it runs: in the child (a
 * spawned one decodes them from the Barrier's memory) and here. */
static void test_barrier_action_args(void **state) {
  mproc_barrier_t *b;
  assert_int_equal(mproc_semaphore_create(&g_action_count, 0), 0);
  const mproc_value_t aargs[] = {mproc_int(7), mproc_str("seven"),
                                 mproc_bytes("\x00\x01", 2), mproc_double(2.5)};
  mproc_barrier_options_t o = {0};
  o.action = barrier_action_args;
  o.action_args = aargs;
  o.action_nargs = 4;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), 0);
  g_action_ran = 0;
  mproc_value_t a[] = {mproc_obj(b), mproc_obj(g_action_count)};
  mproc_process_t *p =
      harness_start(child_action_args, a, 2, TEST_METHOD(state));
  assert_int_equal(mproc_barrier_wait(b, 60.0, NULL), 0);
  assert_int_equal(g_action_ran, 0); /* the child came last */
  wait_n_waiting(b, 1);
  assert_int_equal(mproc_barrier_wait(b, 60.0, NULL), 0);
  assert_int_equal(g_action_ran, 1); /* this process came last */
  harness_expect_exit(p, 0);
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(g_action_count, &v), 0);
  assert_int_equal(v, 2);
  mproc_barrier_destroy(b);

  /* Arguments the action rejects break the barrier with its code. */
  const mproc_value_t wrong[] = {mproc_int(8)};
  o.action_args = wrong;
  o.action_nargs = 1;
  assert_int_equal(mproc_barrier_create_ex(&b, 1, &o), 0);
  assert_int_equal(mproc_barrier_wait(b, 0, NULL), MPROC_E_BROKEN);
  assert_string_equal(mproc_last_error(), "the Barrier action failed (5)");
  mproc_barrier_destroy(b);
  mproc_semaphore_destroy(g_action_count);
}

static int child_barrier_late(const mproc_value_t *args, size_t nargs);

/* args: barrier whose default timeout is short. Alone at
 * the barrier: the default (read from the Barrier's memory, in a spawned
 * child too) ends the wait. */
static int child_default_timeout(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  CHECK(nargs == 1 && mproc_value_as_barrier(&args[0], &b) == 0, 10);
  double t0 = harness_now();
  CHECK(mproc_barrier_wait(b, MPROC_DEFAULT_TIMEOUT, NULL) == MPROC_E_TIMEOUT,
        11);
  CHECK(harness_now() - t0 >= 0.1, 12);
  CHECK(mproc_barrier_broken(b) == 1, 13);
  return 0;
}

static void test_barrier_default_timeout(void **state) {
  mproc_barrier_t *b;
  mproc_barrier_options_t o = {0};
  o.timeout = 0.1;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), 0);
  /* Here: the default applies to MPROC_DEFAULT_TIMEOUT only. */
  double t0 = harness_now();
  assert_int_equal(mproc_barrier_wait(b, MPROC_DEFAULT_TIMEOUT, NULL),
                   MPROC_E_TIMEOUT);
  double took = harness_now() - t0;
  assert_true(took >= 0.1 && took < 30.0);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_reset(b), 0);
  /* In a child. */
  mproc_value_t a[] = {mproc_obj(b)};
  harness_expect_exit(
      harness_start(child_default_timeout, a, 1, TEST_METHOD(state)), 0);
  assert_int_equal(mproc_barrier_reset(b), 0);
  /* An explicit timeout overrides the default: a wait of 60 s outlasts
   * the default 0.1 s until the child arrives. */
  mproc_process_t *p =
      harness_start(child_barrier_late, a, 1, TEST_METHOD(state));
  assert_int_equal(mproc_barrier_wait(b, 60.0, NULL), 0);
  harness_expect_exit(p, 0);
  assert_int_equal(mproc_barrier_broken(b), 0);
  mproc_barrier_destroy(b);

  /* Without a default, MPROC_DEFAULT_TIMEOUT waits without limit (here
   * until the child arrives). */
  assert_int_equal(mproc_barrier_create_ex(&b, 2, NULL), 0);
  a[0] = mproc_obj(b);
  p = harness_start(child_barrier_late, a, 1, TEST_METHOD(state));
  assert_int_equal(mproc_barrier_wait(b, MPROC_DEFAULT_TIMEOUT, NULL), 0);
  harness_expect_exit(p, 0);
  mproc_barrier_destroy(b);

  /* Other calls refuse the sentinel, as any negative timeout. */
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_lock_acquire(l, MPROC_DEFAULT_TIMEOUT), MPROC_E_INVAL);
  mproc_lock_destroy(l);
}

/* args: barrier. Arrives once the parent has waited longer than the
 * barrier's default timeout. */
static int child_barrier_late(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  CHECK(nargs == 1 && mproc_value_as_barrier(&args[0], &b) == 0, 10);
  CHECK(child_wait_n_waiting(b, 1) == 0, 11);
  /* Not synchronisation: the parent is already waiting; this only lets
   * its wait outlast the default timeout that must not apply to it. */
  harness_sleep(0.3);
  CHECK(mproc_barrier_wait(b, 60.0, NULL) == 0, 12);
  return 0;
}

static void test_barrier_options_errors(void **state) {
  (void)state;
  mproc_barrier_t *b = NULL;
  mproc_barrier_options_t o = {0};
  o.timeout = -1;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_INVAL);
  assert_null(b);
  o.timeout = NAN;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_INVAL);
  o.timeout = 0;
  /* Arguments without an action, or missing. */
  const mproc_value_t one[] = {mproc_int(1)};
  o.action_args = one;
  o.action_nargs = 1;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_INVAL);
  o.action = barrier_action_args;
  o.action_args = NULL;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_INVAL);
  /* An object among them, at the top or nested. */
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  const mproc_value_t obj[] = {mproc_int(1), mproc_obj(l)};
  o.action_args = obj;
  o.action_nargs = 2;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "argument 1 is a Lock"));
  mproc_value_t nested = {MPROC_VALUE_LIST, {0}};
  nested.u.seq.items = obj;
  nested.u.seq.n = 2;
  o.action_args = &nested;
  o.action_nargs = 1;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_TYPE);
  mproc_lock_destroy(l);
  /* Too large. */
  static char big[MPROC_BARRIER_ARGS_MAX + 1];
  const mproc_value_t large[] = {mproc_bytes(big, sizeof big)};
  o.action_args = large;
  o.action_nargs = 1;
  assert_int_equal(mproc_barrier_create_ex(&b, 2, &o), MPROC_E_TOOBIG);
  assert_null(b);
  assert_int_equal(mproc_barrier_create_ex(NULL, 2, &o), MPROC_E_INVAL);
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
  mproc_register("barrier_action_args", barrier_action_args);
  mproc_register("action_args", child_action_args);
  mproc_register("default_timeout", child_default_timeout);
  mproc_register("barrier_late", child_barrier_late);
  mproc_register("barrier_action_fails", barrier_action_fails);
  mproc_register("barrier_broken", child_barrier_broken);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_barrier_generations),
      cmocka_unit_test(test_barrier_abort_reset),
      cmocka_unit_test(test_barrier_errors),
      cmocka_unit_test(test_barrier_sharing_rule),
      cmocka_unit_test(test_barrier_action_args),
      cmocka_unit_test(test_barrier_default_timeout),
      cmocka_unit_test(test_barrier_options_errors),
  };
  return harness_run(argc, argv, "barrier", tests,
                     sizeof tests / sizeof tests[0]);
}
