/* SPDX-License-Identifier: MIT */
/*
 * Managers: Namespace, Array, Condition.wait_for and the Barrier's state
 * as CPython's NamespaceProxy, ArrayProxy, Condition proxy and Barrier
 * proxy behave, called from a child under every start method. Expected
 * values and messages are what python3 prints for the same steps.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool ns_is(mproc_proxy_t *ns, const char *want) {
  char *s = NULL;
  bool ok = mproc_proxy_namespace_repr(ns, &s) == 0 && s && !strcmp(s, want);
  if (!ok)
    fprintf(stderr, "str(ns): got %s, want %s\n", s ? s : "(null)", want);
  mproc_free(s);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Namespace                                                                */
/* ------------------------------------------------------------------------ */

/* args: a Namespace proxy holding a=1. */
static int child_namespace(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *ns;
  mproc_value_t *v = NULL;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &ns) == 0, 10);
  CHECK(strcmp(mproc_proxy_type_name(ns), "Namespace") == 0, 11);
  CHECK(mproc_proxy_namespace_get(ns, "a", &v) == 0 && harness_owned_is(v, "1"),
        12);
  mproc_value_t x = mproc_str("x"), three = mproc_int(3), none = mproc_none();
  CHECK(mproc_proxy_namespace_set(ns, "b", &x) == 0, 13);
  CHECK(mproc_proxy_namespace_set(ns, "_c", &three) == 0, 14);
  CHECK(mproc_proxy_namespace_set(ns, "n", &none) == 0, 15);
  /* ns.n is None: present, not missing */
  CHECK(mproc_proxy_namespace_get(ns, "n", &v) == 0 &&
            harness_owned_is(v, "None"),
        16);
  CHECK(mproc_proxy_namespace_get(ns, "zz", &v) == MPROC_E_ATTRIBUTE && !v, 17);
  CHECK(harness_message_is("'Namespace' object has no attribute 'zz'"), 18);
  CHECK(mproc_proxy_namespace_del(ns, "zz") == MPROC_E_ATTRIBUTE, 19);
  CHECK(harness_message_is("'Namespace' object has no attribute 'zz'"), 20);
  CHECK(mproc_proxy_namespace_del(ns, "n") == 0, 21);
  /* str(ns): '_c' left out, sorted */
  CHECK(ns_is(ns, "Namespace(a=1, b='x')"), 22);
  return 0;
}

static void test_namespace(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *ns, *d;
  mproc_value_t kv[2] = {mproc_str("a"), mproc_int(1)};
  mproc_value_t attrs = mproc_dict(kv, 1);
  assert_int_equal(mproc_manager_namespace(mgr, &attrs, &ns), 0);
  mproc_value_t arg = mproc_obj(ns);
  harness_expect_exit(
      harness_start(child_namespace, &arg, 1, TEST_METHOD(state)), 0);
  mproc_value_t *v = NULL;
  assert_int_equal(mproc_proxy_namespace_get(ns, "b", &v), 0);
  assert_true(harness_owned_is(v, "'x'"));
  assert_int_equal(mproc_proxy_namespace_get(ns, "_c", &v), 0);
  assert_true(harness_owned_is(v, "3"));
  assert_int_equal(mproc_proxy_namespace_del(ns, "b"), 0);
  assert_int_equal(mproc_proxy_namespace_get(ns, "b", &v), MPROC_E_ATTRIBUTE);
  assert_true(ns_is(ns, "Namespace(a=1)"));
  /* Sorted as strings, as CPython's: 'B' (0x42) before 'a' (0x61). */
  mproc_value_t two = mproc_int(2);
  assert_int_equal(mproc_proxy_namespace_set(ns, "B", &two), 0);
  assert_true(ns_is(ns, "Namespace(B=2, a=1)"));
  /* Bad arguments, and other proxies */
  assert_int_equal(mproc_proxy_namespace_get(ns, "", &v), MPROC_E_VALUE);
  assert_int_equal(mproc_proxy_namespace_set(ns, NULL, &two), MPROC_E_INVAL);
  mproc_value_t kk[2] = {mproc_int(1), mproc_int(1)};
  mproc_value_t bad = mproc_dict(kk, 1);
  mproc_proxy_t *none = NULL;
  assert_int_equal(mproc_manager_namespace(mgr, &bad, &none), MPROC_E_TYPE);
  assert_null(none);
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  assert_int_equal(mproc_proxy_namespace_get(d, "a", &v), MPROC_E_TYPE);
  assert_int_equal(mproc_proxy_dict_clear(ns), MPROC_E_TYPE);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_namespace(mgr, NULL, &d), 0);
  assert_true(ns_is(d, "Namespace()"));
  mproc_proxy_destroy(d);
  mproc_proxy_destroy(ns);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* Array                                                                    */
/* ------------------------------------------------------------------------ */

/* args: an Array('i', [1, 2, 3]) proxy. */
static int child_array(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *a;
  mproc_value_t *v = NULL;
  size_t n = 0;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &a) == 0, 10);
  CHECK(strcmp(mproc_proxy_type_name(a), "Array") == 0, 11);
  CHECK(mproc_proxy_array_len(a, &n) == 0 && n == 3, 12);
  CHECK(mproc_proxy_array_get(a, -1, &v) == 0 && harness_owned_is(v, "3"), 13);
  mproc_value_t f = mproc_double(1.5), seven = mproc_int(7),
                big = mproc_int((int64_t)1 << 40), t = mproc_bool(true),
                s = mproc_str("x");
  CHECK(mproc_proxy_array_set(a, 0, &f) == MPROC_E_TYPE, 14);
  CHECK(
      harness_message_is("'float' object cannot be interpreted as an integer"),
      15);
  CHECK(mproc_proxy_array_set(a, 0, &s) == MPROC_E_TYPE, 16);
  CHECK(harness_message_is("'str' object cannot be interpreted as an integer"),
        17);
  CHECK(mproc_proxy_array_set(a, -1, &big) == MPROC_E_VALUE, 18);
  CHECK(harness_message_is("signed integer is greater than maximum"), 19);
  CHECK(mproc_proxy_array_set(a, 0, &seven) == 0, 20);
  CHECK(mproc_proxy_array_set(a, -2, &t) == 0, 21);
  CHECK(mproc_proxy_array_get(a, 3, &v) == MPROC_E_INDEX && !v, 22);
  CHECK(harness_message_is("array index out of range"), 23);
  CHECK(mproc_proxy_array_get(a, -4, &v) == MPROC_E_INDEX, 24);
  CHECK(mproc_proxy_array_set(a, 3, &seven) == MPROC_E_INDEX, 25);
  CHECK(harness_message_is("array assignment index out of range"), 26);
  CHECK(mproc_proxy_array_get_slice(a, 1, MPROC_SLICE_MAX, 1, &v) == 0 &&
            harness_owned_is(v, "[1, 3]"),
        27);
  CHECK(mproc_proxy_array_get_slice(a, MPROC_SLICE_MAX, MPROC_SLICE_MIN, -1,
                                    &v) == 0 &&
            harness_owned_is(v, "[3, 1, 7]"),
        28);
  CHECK(mproc_proxy_array_get_slice(a, 0, 3, 0, &v) == MPROC_E_VALUE, 29);
  CHECK(harness_message_is("slice step cannot be zero"), 30);
  return 0;
}

static void test_array(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *a = NULL;
  mproc_value_t *v = NULL;
  mproc_value_t i3[3] = {mproc_int(1), mproc_int(2), mproc_int(3)};
  mproc_value_t il = mproc_list(i3, 3);
  assert_int_equal(mproc_manager_array(mgr, 'i', &il, &a), 0);
  mproc_value_t arg = mproc_obj(a);
  harness_expect_exit(harness_start(child_array, &arg, 1, TEST_METHOD(state)),
                      0);
  assert_int_equal(
      mproc_proxy_array_get_slice(a, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &v),
      0);
  assert_true(harness_owned_is(v, "[7, 1, 3]"));
  assert_int_equal(mproc_proxy_list_len(a, &(size_t){0}), MPROC_E_TYPE);
  mproc_proxy_destroy(a);
  /* array('d', [1, True, 2.5]); array('f', [0.1])[0] is a C float */
  mproc_value_t d3[3] = {mproc_int(1), mproc_bool(true), mproc_double(2.5)};
  mproc_value_t dl = mproc_tuple(d3, 3);
  assert_int_equal(mproc_manager_array(mgr, 'd', &dl, &a), 0);
  assert_int_equal(
      mproc_proxy_array_get_slice(a, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &v),
      0);
  assert_true(harness_owned_is(v, "[1.0, 1.0, 2.5]"));
  mproc_value_t s = mproc_str("x");
  assert_int_equal(mproc_proxy_array_set(a, 0, &s), MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(), "must be real number, not str");
  mproc_proxy_destroy(a);
  mproc_value_t f1 = mproc_double(0.1);
  mproc_value_t fl = mproc_list(&f1, 1);
  assert_int_equal(mproc_manager_array(mgr, 'f', &fl, &a), 0);
  assert_int_equal(mproc_proxy_array_get(a, 0, &v), 0);
  assert_true(harness_owned_is(v, "0.10000000149011612"));
  mproc_proxy_destroy(a);
  /* Creation checks: each item, the typecode, the sequence */
  a = NULL;
  mproc_value_t b2[2] = {mproc_int(1), mproc_int(200)};
  mproc_value_t bl = mproc_list(b2, 2);
  assert_int_equal(mproc_manager_array(mgr, 'b', &bl, &a), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "signed char is greater than maximum");
  mproc_value_t neg = mproc_int(-1);
  mproc_value_t nl = mproc_list(&neg, 1);
  assert_int_equal(mproc_manager_array(mgr, 'B', &nl, &a), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "unsigned byte integer is less than minimum");
  assert_int_equal(mproc_manager_array(mgr, 'z', &il, &a), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "bad typecode (must be b, B, u, h, H, i, I, l, L, q, "
                      "Q, f or d)");
  assert_int_equal(mproc_manager_array(mgr, 'u', &il, &a), MPROC_E_NOTSUP);
  mproc_value_t five = mproc_int(5);
  assert_int_equal(mproc_manager_array(mgr, 'i', &five, &a), MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(), "'int' object is not iterable");
  assert_null(a);
  /* The manager still serves after refusals */
  mproc_value_t empty = mproc_list(NULL, 0);
  size_t n = 9;
  assert_int_equal(mproc_manager_array(mgr, 'q', &empty, &a), 0);
  assert_int_equal(mproc_proxy_array_len(a, &n), 0);
  assert_int_equal(n, 0);
  mproc_proxy_destroy(a);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* Condition.wait_for                                                       */
/* ------------------------------------------------------------------------ */

typedef struct pred_state {
  mproc_proxy_t *value; /* a manager Value */
  int64_t want;
  int calls;
} pred_state_t;

/* Whether the Value holds at least s->want; runs in the caller. */
static bool value_reached(void *arg) {
  pred_state_t *s = arg;
  mproc_value_t *v = NULL;
  int64_t i = -1;
  s->calls++;
  if (mproc_proxy_value_get(s->value, &v) == 0)
    mproc_value_as_int(v, &i);
  mproc_values_free(v, v ? 1 : 0);
  return i >= s->want;
}

static bool never(void *arg) {
  ((pred_state_t *)arg)->calls++;
  return false;
}

/* args: a Condition proxy, a Value proxy. It can take the lock only once
 * the parent waits. */
static int child_notify(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *c, *v;
  CHECK(nargs == 2 && mproc_value_as_proxy(&args[0], &c) == 0 &&
            mproc_value_as_proxy(&args[1], &v) == 0,
        10);
  mproc_value_t one = mproc_int(1);
  CHECK(mproc_proxy_acquire(c, MPROC_FOREVER) == 0, 11);
  CHECK(mproc_proxy_value_set(v, &one) == 0, 12);
  CHECK(mproc_proxy_condition_notify(c, 1) == 0, 13);
  CHECK(mproc_proxy_release(c) == 0, 14);
  return 0;
}

static void test_condition_wait_for(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *c, *v, *l;
  mproc_value_t zero = mproc_int(0);
  assert_int_equal(mproc_manager_condition(mgr, &c), 0);
  assert_int_equal(mproc_manager_value(mgr, &zero, &v), 0);
  pred_state_t ps = {v, 1, 0};
  /* Not holding the lock: a false predicate cannot wait (a true one
   * returns at once, as CPython's wait_for, which never waits then). */
  assert_int_equal(mproc_proxy_condition_wait_for(c, never, &ps, 1.0),
                   MPROC_E_PERM);
  assert_int_equal(mproc_proxy_acquire(c, MPROC_FOREVER), 0);
  mproc_value_t args[2] = {mproc_obj(c), mproc_obj(v)};
  mproc_process_t *child =
      harness_start(child_notify, args, 2, TEST_METHOD(state));
  ps.calls = 0;
  /* The predicate runs here: false, then true after the child's notify. */
  assert_int_equal(mproc_proxy_condition_wait_for(c, value_reached, &ps, 60.0),
                   0);
  assert_int_equal(ps.calls, 2);
  harness_expect_exit(child, 0);
  /* Still false at the end of the timeout: MPROC_E_TIMEOUT, called once
   * before and once after the one wait, the lock held again. */
  ps.calls = 0;
  assert_int_equal(mproc_proxy_condition_wait_for(c, never, &ps, 0.2),
                   MPROC_E_TIMEOUT);
  assert_int_equal(ps.calls, 2);
  ps.calls = 0;
  assert_int_equal(mproc_proxy_condition_wait_for(c, value_reached, &ps, 0), 0);
  assert_int_equal(ps.calls, 1);
  assert_int_equal(mproc_proxy_release(c), 0);
  assert_int_equal(mproc_proxy_release(c), MPROC_E_PERM);
  /* Bad arguments and other proxies */
  assert_int_equal(mproc_proxy_condition_wait_for(c, NULL, NULL, 1.0),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_proxy_condition_wait_for(c, never, &ps, -5.0),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_manager_lock(mgr, &l), 0);
  assert_int_equal(mproc_proxy_condition_wait_for(l, never, &ps, 1.0),
                   MPROC_E_TYPE);
  mproc_proxy_destroy(l);
  mproc_proxy_destroy(v);
  mproc_proxy_destroy(c);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* Barrier: parties, n_waiting, broken, an action, a default timeout        */
/* ------------------------------------------------------------------------ */

/* The action: appends its process's pid to the file args[0] names, and
 * fails when args[1] is true. */
static int barrier_action(const mproc_value_t *args, size_t nargs) {
  const char *path;
  bool fail = false;
  if (nargs != 2 || mproc_value_as_str(&args[0], &path) != 0 ||
      mproc_value_as_bool(&args[1], &fail) != 0)
    return 90;
  FILE *f = fopen(path, "a");
  if (!f)
    return 91;
  fprintf(f, "%lld\n", (long long)mproc_getpid());
  fclose(f);
  return fail ? 7 : 0;
}

static int not_registered(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

/* args: a Barrier proxy; the wait's expected result. */
static int child_barrier(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *b;
  int64_t want = 0;
  CHECK(nargs == 2 && mproc_value_as_proxy(&args[0], &b) == 0 &&
            mproc_value_as_int(&args[1], &want) == 0,
        10);
  int rc = mproc_proxy_barrier_wait(b, 60.0, NULL);
  CHECK(rc == want, 11);
  return 0;
}

/* Waits (bounded) until @p n parties wait at @p b. */
static void wait_for_waiters(mproc_proxy_t *b, int n) {
  int64_t until = (int64_t)time(NULL) + 60;
  while (mproc_proxy_barrier_n_waiting(b) != n && time(NULL) < until)
    ;
  assert_int_equal(mproc_proxy_barrier_n_waiting(b), n);
}

/* The pids the action wrote to @p path, one per run: how many, and
 * whether each is neither @p a nor @p b. */
static int action_runs(const char *path, int64_t a, int64_t b) {
  FILE *f = fopen(path, "r");
  long long pid;
  int n = 0;
  if (!f)
    return 0;
  while (fscanf(f, "%lld", &pid) == 1) {
    if (pid == a || pid == b)
      n = -100; /* ran in a party's process, not the server's */
    n++;
  }
  fclose(f);
  return n;
}

static void test_barrier_state_action(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  char path[512];
  harness_tmpfile(path, sizeof path, "baction");
  remove(path);
  mproc_value_t aa[2] = {mproc_str(path), mproc_bool(false)};
  mproc_barrier_options_t o = {barrier_action, aa, 2, 0};
  mproc_proxy_t *b;
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &o, &b), 0);
  assert_int_equal(mproc_proxy_barrier_parties(b), 2);
  assert_int_equal(mproc_proxy_barrier_n_waiting(b), 0);
  assert_int_equal(mproc_proxy_barrier_broken(b), 0);
  for (int gen = 1; gen <= 2; gen++) {
    mproc_value_t args[2] = {mproc_obj(b), mproc_int(0)};
    mproc_process_t *child =
        harness_start(child_barrier, args, 2, TEST_METHOD(state));
    wait_for_waiters(b, 1);
    int64_t cpid = mproc_process_pid(child);
    assert_int_equal(mproc_proxy_barrier_wait(b, 60.0, NULL), 0);
    harness_expect_exit(child, 0);
    /* once per generation, in the server */
    assert_int_equal(action_runs(path, mproc_getpid(), cpid), gen);
    assert_int_equal(mproc_proxy_barrier_n_waiting(b), 0);
  }
  mproc_proxy_destroy(b);
  /* A failing action breaks the barrier for every party. */
  aa[1] = mproc_bool(true);
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &o, &b), 0);
  mproc_value_t args[2] = {mproc_obj(b), mproc_int(MPROC_E_BROKEN)};
  mproc_process_t *child =
      harness_start(child_barrier, args, 2, TEST_METHOD(state));
  wait_for_waiters(b, 1);
  assert_int_equal(mproc_proxy_barrier_wait(b, 60.0, NULL), MPROC_E_BROKEN);
  harness_expect_exit(child, 0);
  assert_int_equal(mproc_proxy_barrier_broken(b), 1);
  assert_int_equal(mproc_proxy_barrier_reset(b), 0);
  assert_int_equal(mproc_proxy_barrier_broken(b), 0);
  mproc_proxy_destroy(b);
  remove(path);
  /* The default timeout: a wait given MPROC_DEFAULT_TIMEOUT alone breaks
   * it after 0.2 s. */
  mproc_barrier_options_t t = {NULL, NULL, 0, 0.2};
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &t, &b), 0);
  assert_int_equal(mproc_proxy_barrier_wait(b, MPROC_DEFAULT_TIMEOUT, NULL),
                   MPROC_E_BROKEN);
  assert_int_equal(mproc_proxy_barrier_broken(b), 1);
  mproc_proxy_destroy(b);
  /* Refused: an action not registered, an object among its arguments,
   * a negative default timeout; parties of another proxy. */
  mproc_barrier_options_t u = {not_registered, NULL, 0, 0};
  b = NULL;
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &u, &b), MPROC_E_INVAL);
  mproc_proxy_t *l;
  assert_int_equal(mproc_manager_lock(mgr, &l), 0);
  mproc_value_t obj = mproc_obj(l);
  mproc_barrier_options_t ob = {barrier_action, &obj, 1, 0};
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &ob, &b), MPROC_E_TYPE);
  mproc_barrier_options_t neg = {NULL, NULL, 0, -1.0};
  assert_int_equal(mproc_manager_barrier_ex(mgr, 2, &neg, &b), MPROC_E_INVAL);
  assert_null(b);
  assert_int_equal(mproc_proxy_barrier_parties(l), MPROC_E_TYPE);
  mproc_proxy_destroy(l);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("namespace", child_namespace);
  mproc_register("array", child_array);
  mproc_register("notify", child_notify);
  mproc_register("barrier", child_barrier);
  mproc_register("barrier_action", barrier_action);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_namespace),
      cmocka_unit_test(test_array),
      cmocka_unit_test(test_condition_wait_for),
      cmocka_unit_test(test_barrier_state_action),
  };
  return harness_run(argc, argv, "manager_objects", tests,
                     sizeof tests / sizeof tests[0]);
}
