/* SPDX-License-Identifier: MIT */
/*
 * Managers: the hosted dict, list and queue as CPython's DictProxy,
 * ListProxy and queue.Queue proxy behave, every operation called from a
 * child under every start method. Expected values are what python3 prints
 * for the same steps (the reprs in the checks), so a C program and its
 * Python twin agree.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool dict_is(mproc_proxy_t *d, const char *want) {
  mproc_value_t *v = NULL;
  return mproc_proxy_dict_copy(d, &v) == 0 && harness_owned_is(v, want);
}

static bool list_is(mproc_proxy_t *l, const char *want) {
  mproc_value_t *v = NULL;
  return mproc_proxy_list_get_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1,
                                    &v) == 0 &&
         harness_owned_is(v, want);
}

/* ------------------------------------------------------------------------ */
/* Regressions: keys compare as Python's; timeouts are queue.Empty/Full     */
/* ------------------------------------------------------------------------ */

/* args: a dict proxy. */
static int child_keys_as_python(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *d;
  mproc_value_t *v = NULL;
  size_t n = 0;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &d) == 0, 10);
  mproc_value_t k1 = mproc_int(1), kf = mproc_double(1.0),
                kt = mproc_bool(true), kx = mproc_str("x");
  mproc_value_t a = mproc_str("a"), b = mproc_str("b"), c = mproc_str("c");
  CHECK(mproc_proxy_dict_set(d, &k1, &a) == 0, 11);
  CHECK(mproc_proxy_dict_set(d, &kf, &b) == 0, 12);
  CHECK(mproc_proxy_dict_set(d, &kt, &c) == 0, 13);
  /* One key, as {1: 'a'}; d[1.0] = 'b'; d[True] = 'c' is {1: 'c'}. */
  CHECK(mproc_proxy_dict_len(d, &n) == 0 && n == 1, 14);
  CHECK(mproc_proxy_dict_get(d, &kf, &v) == 0 && harness_owned_is(v, "'c'"),
        15);
  CHECK(mproc_proxy_dict_get(d, &kx, &v) == MPROC_E_KEY, 16);
  CHECK(harness_message_is("KeyError: 'x'"), 17);
  CHECK(mproc_proxy_dict_del(d, &kt) == 0, 18);
  CHECK(mproc_proxy_dict_len(d, &n) == 0 && n == 0, 19);
  return 0;
}

/* Regression (issue 15): the server compared keys by their encodings, so
 * 1, 1.0 and True were three keys, and a missing key was
 * MPROC_E_NOTFOUND "no such key". */
static void test_dict_keys_as_python(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *d;
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  mproc_value_t arg = mproc_obj(d);
  harness_expect_exit(
      harness_start(child_keys_as_python, &arg, 1, TEST_METHOD(state)), 0);
  /* The key first stored stays: 1, not 1.0 or True. */
  mproc_value_t kf = mproc_double(1.0), z = mproc_int(0);
  assert_int_equal(mproc_proxy_dict_set(d, &kf, &z), 0);
  mproc_value_t kt = mproc_bool(true), o = mproc_int(9);
  assert_int_equal(mproc_proxy_dict_set(d, &kt, &o), 0);
  assert_true(dict_is(d, "{1.0: 9}"));
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* args: a Queue of maxsize 1 holding one item, a JoinableQueue holding 3. */
static int child_queue_codes(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *q, *jq;
  mproc_value_t *v = NULL, two = mproc_int(2);
  size_t n = 0;
  CHECK(nargs == 2 && mproc_value_as_proxy(&args[0], &q) == 0 &&
            mproc_value_as_proxy(&args[1], &jq) == 0,
        10);
  /* queue.Full and queue.Empty, as a local queue's timeouts. */
  CHECK(mproc_proxy_queue_full(q) == 1, 11);
  CHECK(mproc_proxy_queue_put(q, &two, 0.05) == MPROC_E_FULL, 12);
  CHECK(mproc_proxy_queue_put(q, &two, 0) == MPROC_E_FULL, 13);
  CHECK(mproc_proxy_queue_get(q, &v, 0) == 0 && harness_owned_is(v, "1"), 14);
  CHECK(mproc_proxy_queue_full(q) == 0, 15);
  CHECK(mproc_proxy_queue_get(q, &v, 0.05) == MPROC_E_EMPTY && !v, 16);
  CHECK(mproc_proxy_queue_get(q, &v, 0) == MPROC_E_EMPTY, 17);
  CHECK(mproc_proxy_queue_task_done(q) == 0, 18);
  CHECK(mproc_proxy_queue_task_done(q) == MPROC_E_VALUE, 19);
  CHECK(harness_message_is("task_done() called too many times"), 20);
  /* The parent joins jq while this process works through it. */
  for (int i = 0; i < 3; i++) {
    CHECK(mproc_proxy_queue_get(jq, &v, 60) == 0, 21);
    mproc_values_free(v, 1);
    CHECK(mproc_proxy_queue_size(jq, &n) == 0 && n == (size_t)(2 - i), 22);
    CHECK(mproc_proxy_queue_task_done(jq) == 0, 23);
  }
  return 0;
}

/* Regression (issue 15, "timeout codes"): a manager queue's get and put
 * timed out with MPROC_E_TIMEOUT where a local queue's give MPROC_E_EMPTY
 * and MPROC_E_FULL. Also full(), task_done() and join() from a child. */
static void test_queue_codes_full_join(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *q, *jq;
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_manager_queue(mgr, 1, &q), 0);
  assert_int_equal(mproc_manager_joinable_queue(mgr, 0, &jq), 0);
  assert_int_equal(mproc_proxy_queue_put(q, &one, 0), 0);
  for (int i = 0; i < 3; i++)
    assert_int_equal(mproc_proxy_queue_put(jq, &one, 0), 0);
  assert_int_equal(mproc_proxy_queue_join(jq, 0.05), MPROC_E_TIMEOUT);
  mproc_value_t args[2] = {mproc_obj(q), mproc_obj(jq)};
  mproc_process_t *c =
      harness_start(child_queue_codes, args, 2, TEST_METHOD(state));
  assert_int_equal(mproc_proxy_queue_join(jq, 30), 0);
  harness_expect_exit(c, 0);
  assert_int_equal(mproc_proxy_queue_full(jq), 0);
  mproc_proxy_destroy(q);
  mproc_proxy_destroy(jq);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* dict: every operation                                                    */
/* ------------------------------------------------------------------------ */

/* args: a dict proxy made from [('a', 1), (2, [1, 2])]. The steps and the
 * reprs are python3's for the same dict. */
static int child_dict_ops(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *d;
  mproc_value_t *v = NULL;
  size_t n = 0;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &d) == 0, 10);
  mproc_value_t k1 = mproc_int(1), kf = mproc_double(1.0),
                kt = mproc_bool(true), ka = mproc_str("a"), ks = mproc_str("s"),
                kz = mproc_str("zz"), kx = mproc_str("x"), none = mproc_none(),
                five = mproc_int(5), zero = mproc_int(0), nine = mproc_int(9),
                gone = mproc_str("gone"), three = mproc_int(3);
  mproc_value_t one_s = mproc_str("one"), uno = mproc_str("uno");
  CHECK(dict_is(d, "{'a': 1, 2: [1, 2]}"), 11);
  CHECK(mproc_proxy_dict_set(d, &k1, &one_s) == 0, 12);
  CHECK(mproc_proxy_dict_set(d, &kf, &uno) == 0, 13);
  CHECK(dict_is(d, "{'a': 1, 2: [1, 2], 1: 'uno'}"), 14);
  CHECK(mproc_proxy_dict_len(d, &n) == 0 && n == 3, 15);
  /* d[True], d.get('zz'), d.get('zz', 5), 'a' in d, 3 in d, (1, 't') in d */
  CHECK(mproc_proxy_dict_get(d, &kt, &v) == 0 && harness_owned_is(v, "'uno'"),
        16);
  CHECK(mproc_proxy_dict_get_default(d, &kz, NULL, &v) == 0 &&
            harness_owned_is(v, "None"),
        17);
  CHECK(mproc_proxy_dict_get_default(d, &kz, &five, &v) == 0 &&
            harness_owned_is(v, "5"),
        18);
  CHECK(mproc_proxy_dict_contains(d, &ka) == 1, 19);
  CHECK(mproc_proxy_dict_contains(d, &three) == 0, 20);
  mproc_value_t t1[2] = {mproc_int(1), mproc_str("t")};
  mproc_value_t kt1 = mproc_tuple(t1, 2);
  CHECK(mproc_proxy_dict_contains(d, &kt1) == 0, 21);
  CHECK(mproc_proxy_dict_get(d, &kx, &v) == MPROC_E_KEY && !v, 22);
  CHECK(harness_message_is("KeyError: 'x'"), 23);
  /* setdefault('s', 0), setdefault('s', 9), setdefault(None) */
  CHECK(mproc_proxy_dict_setdefault(d, &ks, &zero, &v) == 0 &&
            harness_owned_is(v, "0"),
        24);
  CHECK(mproc_proxy_dict_setdefault(d, &ks, &nine, &v) == 0 &&
            harness_owned_is(v, "0"),
        25);
  CHECK(mproc_proxy_dict_setdefault(d, &none, NULL, &v) == 0 &&
            harness_owned_is(v, "None"),
        26);
  /* pop('a'), pop('a', 'gone'), pop((1, 'x')) */
  CHECK(mproc_proxy_dict_pop(d, &ka, NULL, &v) == 0 && harness_owned_is(v, "1"),
        27);
  CHECK(mproc_proxy_dict_pop(d, &ka, &gone, &v) == 0 &&
            harness_owned_is(v, "'gone'"),
        28);
  mproc_value_t t2[2] = {mproc_int(1), mproc_str("x")};
  mproc_value_t k1x = mproc_tuple(t2, 2);
  CHECK(mproc_proxy_dict_pop(d, &k1x, NULL, &v) == MPROC_E_KEY, 29);
  CHECK(harness_message_is("KeyError: (1, 'x')"), 30);
  /* update({2.0: 'two', b'k': None}); update([('p', 1), ((1, 2), 'tup')]) */
  mproc_value_t up1[4] = {mproc_double(2.0), mproc_str("two"),
                          mproc_bytes("k", 1), mproc_none()};
  mproc_value_t u1 = mproc_dict(up1, 2);
  CHECK(mproc_proxy_dict_update(d, &u1) == 0, 31);
  mproc_value_t p1[2] = {mproc_str("p"), mproc_int(1)};
  mproc_value_t t12[2] = {mproc_int(1), mproc_int(2)};
  mproc_value_t p2[2] = {mproc_tuple(t12, 2), mproc_str("tup")};
  mproc_value_t pairs[2] = {mproc_tuple(p1, 2), mproc_tuple(p2, 2)};
  mproc_value_t u2 = mproc_list(pairs, 2);
  CHECK(mproc_proxy_dict_update(d, &u2) == 0, 32);
  CHECK(dict_is(d, "{2: 'two', 1: 'uno', 's': 0, None: None, b'k': None, "
                   "'p': 1, (1, 2): 'tup'}"),
        33);
  mproc_value_t bad3[3] = {mproc_str("p"), mproc_int(1), mproc_int(2)};
  mproc_value_t badpair = mproc_tuple(bad3, 3);
  mproc_value_t u3 = mproc_list(&badpair, 1);
  CHECK(mproc_proxy_dict_update(d, &u3) == MPROC_E_VALUE, 34);
  CHECK(harness_message_is(
            "dictionary update sequence element #0 has length 3; 2 "
            "is required"),
        35);
  /* keys(), values(), items() */
  CHECK(mproc_proxy_dict_keys(d, &v) == 0 &&
            harness_owned_is(v, "[2, 1, 's', None, b'k', 'p', (1, 2)]"),
        36);
  CHECK(mproc_proxy_dict_values(d, &v) == 0 &&
            harness_owned_is(v, "['two', 'uno', 0, None, None, 1, 'tup']"),
        37);
  CHECK(mproc_proxy_dict_items(d, &v) == 0 &&
            harness_owned_is(v,
                             "[(2, 'two'), (1, 'uno'), ('s', 0), (None, None), "
                             "(b'k', None), ('p', 1), ((1, 2), 'tup')]"),
        38);
  /* iteration gives the same, in order */
  const char *want[] = {"2", "1", "'s'", "None", "b'k'", "'p'", "(1, 2)"};
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *key, *val;
  int rc, i = 0;
  while ((rc = mproc_proxy_dict_next(d, &cur, &key, &val)) == 0) {
    CHECK(i < 7 && harness_repr_is(key, want[i]), 39);
    i++;
  }
  CHECK(rc == MPROC_E_DONE && !cur && i == 7, 40);
  /* popitem() */
  CHECK(mproc_proxy_dict_popitem(d, &v) == 0 &&
            harness_owned_is(v, "((1, 2), 'tup')"),
        41);
  /* unhashable */
  mproc_value_t lk = mproc_list(t12, 2);
  CHECK(mproc_proxy_dict_set(d, &lk, &five) == MPROC_E_TYPE, 42);
  CHECK(strstr(mproc_last_error(), "unhashable type: 'list'") != NULL, 43);
  CHECK(mproc_proxy_dict_contains(d, &lk) == MPROC_E_TYPE, 44);
  CHECK(mproc_proxy_dict_len(d, &n) == 0 && n == 6, 45);
  return 0;
}

static void test_dict_operations(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *d;
  mproc_value_t l12[2] = {mproc_int(1), mproc_int(2)};
  mproc_value_t init[4] = {mproc_str("a"), mproc_int(1), mproc_int(2),
                           mproc_list(l12, 2)};
  mproc_value_t dv = mproc_dict(init, 2);
  assert_int_equal(mproc_manager_dict_from(mgr, &dv, &d), 0);
  mproc_value_t arg = mproc_obj(d);
  harness_expect_exit(
      harness_start(child_dict_ops, &arg, 1, TEST_METHOD(state)), 0);
  assert_true(dict_is(
      d, "{2: 'two', 1: 'uno', 's': 0, None: None, b'k': None, 'p': 1}"));
  mproc_value_t *v = NULL;
  assert_int_equal(mproc_proxy_dict_clear(d), 0);
  assert_true(dict_is(d, "{}"));
  assert_int_equal(mproc_proxy_dict_popitem(d, &v), MPROC_E_KEY);
  assert_string_equal(mproc_last_error(),
                      "KeyError: 'popitem(): dictionary is empty'");
  assert_null(v);
  /* Not a dict: MPROC_E_TYPE, the proxy of a list included. */
  mproc_proxy_t *l;
  assert_int_equal(mproc_manager_list(mgr, &l), 0);
  assert_int_equal(mproc_proxy_dict_clear(l), MPROC_E_TYPE);
  assert_int_equal(mproc_proxy_dict_keys(l, &v), MPROC_E_TYPE);
  mproc_proxy_t *none = l;
  mproc_value_t bad = mproc_int(3);
  assert_int_equal(mproc_manager_dict_from(mgr, &bad, &none), MPROC_E_TYPE);
  assert_null(none);
  mproc_proxy_destroy(l);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* dict: iteration in batches                                               */
/* ------------------------------------------------------------------------ */

#define BIG 3000

/* args: a dict proxy of BIG entries i: 2 * i. */
static int child_dict_iterate(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *d;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &d) == 0, 10);
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *k, *v;
  int64_t i = 0, ki, vi;
  int rc;
  /* All of it, in order, in several batches. */
  while ((rc = mproc_proxy_dict_next(d, &cur, &k, &v)) == 0) {
    CHECK(mproc_value_as_int(k, &ki) == 0 && ki == i, 11);
    CHECK(mproc_value_as_int(v, &vi) == 0 && vi == 2 * i, 12);
    i++;
  }
  CHECK(rc == MPROC_E_DONE && i == BIG && !cur, 13);
  /* Setting a present key's value meanwhile is allowed, as in Python. */
  i = 0;
  while ((rc = mproc_proxy_dict_next(d, &cur, &k, &v)) == 0) {
    if (i++ == 0) {
      mproc_value_t key = mproc_int(BIG - 1), val = mproc_int(-1);
      CHECK(mproc_proxy_dict_set(d, &key, &val) == 0, 14);
    }
    if (i == BIG)
      CHECK(mproc_value_as_int(v, &vi) == 0 && vi == -1, 15);
  }
  CHECK(rc == MPROC_E_DONE && i == BIG, 16);
  /* A new key meanwhile: the next fetch fails as CPython's next() does. */
  i = 0;
  while ((rc = mproc_proxy_dict_next(d, &cur, &k, &v)) == 0) {
    if (i++ == 0) {
      mproc_value_t key = mproc_str("new"), val = mproc_int(0);
      CHECK(mproc_proxy_dict_set(d, &key, &val) == 0, 17);
    }
  }
  CHECK(rc == MPROC_E_STATE && !cur && i > 0 && i < BIG, 18);
  CHECK(harness_message_is("dictionary changed size during iteration"), 19);
  /* A key removed after the last entry was fetched: the final call, which
   * would find the end, fails. */
  i = 0;
  while ((rc = mproc_proxy_dict_next(d, &cur, &k, &v)) == 0)
    if (++i == BIG + 1) {
      mproc_value_t key = mproc_str("new");
      CHECK(mproc_proxy_dict_del(d, &key) == 0, 21);
    }
  CHECK(rc == MPROC_E_STATE && i == BIG + 1, 22);
  /* A loop left early frees its cursor. */
  CHECK(mproc_proxy_dict_next(d, &cur, &k, &v) == 0 && cur, 23);
  mproc_proxy_cursor_free(cur);
  return 0;
}

static void test_dict_iteration(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_builder_t *b;
  mproc_value_t *init = NULL;
  assert_int_equal(mproc_builder_new(&b, MPROC_VALUE_DICT), 0);
  for (int i = 0; i < BIG; i++) {
    mproc_value_t k = mproc_int(i), v = mproc_int(2 * i);
    assert_int_equal(mproc_builder_set(b, &k, &v), 0);
  }
  assert_int_equal(mproc_builder_finish(b, &init), 0);
  mproc_proxy_t *d, *l;
  assert_int_equal(mproc_manager_dict_from(mgr, init, &d), 0);
  mproc_values_free(init, 1);
  mproc_value_t arg = mproc_obj(d);
  harness_expect_exit(
      harness_start(child_dict_iterate, &arg, 1, TEST_METHOD(state)), 0);
  /* A cursor is its proxy's: another proxy's call refuses it. */
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *k, *v;
  assert_int_equal(mproc_manager_list(mgr, &l), 0);
  assert_int_equal(mproc_proxy_dict_next(d, &cur, &k, &v), 0);
  assert_int_equal(mproc_proxy_dict_next(l, &cur, &k, &v), MPROC_E_INVAL);
  mproc_proxy_cursor_free(cur);
  cur = NULL;
  assert_int_equal(mproc_proxy_dict_next(l, &cur, &k, &v), MPROC_E_TYPE);
  assert_null(cur);
  mproc_proxy_destroy(l);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* list: every operation                                                    */
/* ------------------------------------------------------------------------ */

/* args: a list proxy made from [5, 1.5, True, 3]; the steps and reprs are
 * python3's. */
static int child_list_ops(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *l;
  mproc_value_t *v = NULL;
  size_t n = 0;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &l) == 0, 10);
  mproc_value_t m2 = mproc_int(-2), four = mproc_int(4), nine = mproc_int(9),
                eight = mproc_int(8), onef = mproc_double(1.0),
                three = mproc_int(3), five = mproc_double(5.0),
                q = mproc_str("q"), z = mproc_str("z");
  CHECK(list_is(l, "[5, 1.5, True, 3]"), 11);
  CHECK(mproc_proxy_list_append(l, &m2) == 0, 12);
  mproc_value_t ext[2] = {mproc_int(7), mproc_double(0.5)};
  mproc_value_t et = mproc_tuple(ext, 2);
  CHECK(mproc_proxy_list_extend(l, &et) == 0, 13);
  CHECK(mproc_proxy_list_insert(l, 1, &four) == 0, 14);
  CHECK(mproc_proxy_list_insert(l, -100, &nine) == 0, 15);
  CHECK(mproc_proxy_list_insert(l, 100, &eight) == 0, 16);
  CHECK(list_is(l, "[9, 5, 4, 1.5, True, 3, -2, 7, 0.5, 8]"), 17);
  CHECK(mproc_proxy_list_pop(l, -1, &v) == 0 && harness_owned_is(v, "8"), 18);
  CHECK(mproc_proxy_list_pop(l, 0, &v) == 0 && harness_owned_is(v, "9"), 19);
  CHECK(mproc_proxy_list_pop(l, -2, &v) == 0 && harness_owned_is(v, "7"), 20);
  CHECK(mproc_proxy_list_remove(l, &onef) == 0, 21); /* removes True */
  CHECK(list_is(l, "[5, 4, 1.5, 3, -2, 0.5]"), 22);
  CHECK(mproc_proxy_list_index(l, &three, 0, MPROC_SLICE_MAX, &n) == 0 &&
            n == 3,
        23);
  CHECK(mproc_proxy_list_count(l, &four, &n) == 0 && n == 1, 24);
  CHECK(mproc_proxy_list_count(l, &five, &n) == 0 && n == 1, 25);
  CHECK(mproc_proxy_list_index(l, &four, 2, MPROC_SLICE_MAX, &n) ==
            MPROC_E_VALUE,
        26);
  CHECK(harness_message_is("4 is not in list"), 27);
  CHECK(mproc_proxy_list_index(l, &four, -5, -4, &n) == 0 && n == 1, 28);
  CHECK(mproc_proxy_list_remove(l, &q) == MPROC_E_VALUE, 29);
  CHECK(harness_message_is("list.remove(x): x not in list"), 30);
  CHECK(mproc_proxy_list_sort(l, false) == 0, 31);
  CHECK(list_is(l, "[-2, 0.5, 1.5, 3, 4, 5]"), 32);
  CHECK(mproc_proxy_list_sort(l, true) == 0, 33);
  CHECK(list_is(l, "[5, 4, 3, 1.5, 0.5, -2]"), 34);
  CHECK(mproc_proxy_list_reverse(l) == 0, 35);
  CHECK(list_is(l, "[-2, 0.5, 1.5, 3, 4, 5]"), 36);
  /* l[1::2], l[::-1], l[-2:] */
  CHECK(mproc_proxy_list_get_slice(l, 1, MPROC_SLICE_MAX, 2, &v) == 0 &&
            harness_owned_is(v, "[0.5, 3, 5]"),
        37);
  CHECK(mproc_proxy_list_get_slice(l, MPROC_SLICE_MAX, MPROC_SLICE_MIN, -1,
                                   &v) == 0 &&
            harness_owned_is(v, "[5, 4, 3, 1.5, 0.5, -2]"),
        38);
  CHECK(mproc_proxy_list_get_slice(l, -2, MPROC_SLICE_MAX, 1, &v) == 0 &&
            harness_owned_is(v, "[4, 5]"),
        39);
  /* l[1:3] = ['a', 'b', 'c']; l[::2] = [1, 2] fails */
  mproc_value_t abc[3] = {mproc_str("a"), mproc_str("b"), mproc_str("c")};
  mproc_value_t abcl = mproc_list(abc, 3);
  CHECK(mproc_proxy_list_set_slice(l, 1, 3, 1, &abcl) == 0, 40);
  CHECK(list_is(l, "[-2, 'a', 'b', 'c', 3, 4, 5]"), 41);
  mproc_value_t two[2] = {mproc_int(1), mproc_int(2)};
  mproc_value_t twol = mproc_list(two, 2);
  CHECK(mproc_proxy_list_set_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 2,
                                   &twol) == MPROC_E_VALUE,
        42);
  CHECK(harness_message_is(
            "attempt to assign sequence of size 2 to extended slice "
            "of size 4"),
        43);
  /* sort() and sort(reverse=True) of str and int */
  CHECK(mproc_proxy_list_sort(l, false) == MPROC_E_TYPE, 44);
  CHECK(harness_message_is(
            "'<' not supported between instances of 'str' and 'int'"),
        45);
  CHECK(mproc_proxy_list_sort(l, true) == MPROC_E_TYPE, 46);
  CHECK(harness_message_is(
            "'<' not supported between instances of 'str' and 'int'"),
        47);
  CHECK(list_is(l, "[-2, 'a', 'b', 'c', 3, 4, 5]"), 48); /* untouched */
  /* del l[::3]; del l[0]; l[-1] = 'z' */
  CHECK(mproc_proxy_list_del_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 3) == 0,
        49);
  CHECK(list_is(l, "['a', 'b', 3, 4]"), 50);
  CHECK(mproc_proxy_list_del(l, 0) == 0, 51);
  CHECK(mproc_proxy_list_set(l, -1, &z) == 0, 52);
  CHECK(list_is(l, "['b', 3, 'z']"), 53);
  CHECK(mproc_proxy_list_get(l, -3, &v) == 0 && harness_owned_is(v, "'b'"), 54);
  /* IndexError, with CPython's messages */
  CHECK(mproc_proxy_list_get(l, 100, &v) == MPROC_E_INDEX && !v, 55);
  CHECK(harness_message_is("list index out of range"), 56);
  CHECK(mproc_proxy_list_set(l, 100, &z) == MPROC_E_INDEX, 57);
  CHECK(harness_message_is("list assignment index out of range"), 58);
  CHECK(mproc_proxy_list_del(l, -100) == MPROC_E_INDEX, 59);
  CHECK(harness_message_is("list assignment index out of range"), 60);
  CHECK(mproc_proxy_list_pop(l, 50, NULL) == MPROC_E_INDEX, 61);
  CHECK(harness_message_is("pop index out of range"), 62);
  CHECK(mproc_proxy_list_get_slice(l, 0, 1, 0, &v) == MPROC_E_VALUE, 63);
  CHECK(harness_message_is("slice step cannot be zero"), 64);
  mproc_value_t notseq = mproc_int(1);
  CHECK(mproc_proxy_list_extend(l, &notseq) == MPROC_E_TYPE, 65);
  /* iteration */
  const char *want[] = {"'b'", "3", "'z'"};
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *it;
  int rc, i = 0;
  while ((rc = mproc_proxy_list_next(l, &cur, &it)) == 0) {
    CHECK(i < 3 && harness_repr_is(it, want[i]), 66);
    i++;
  }
  CHECK(rc == MPROC_E_DONE && i == 3 && !cur, 67);
  CHECK(mproc_proxy_list_clear(l) == 0, 68);
  CHECK(mproc_proxy_list_len(l, &n) == 0 && n == 0, 69);
  CHECK(mproc_proxy_list_pop(l, -1, &v) == MPROC_E_INDEX, 70);
  CHECK(harness_message_is("pop from empty list"), 71);
  CHECK(mproc_proxy_list_next(l, &cur, &it) == MPROC_E_DONE && !cur, 72);
  return 0;
}

static void test_list_operations(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *l;
  mproc_value_t init[4] = {mproc_int(5), mproc_double(1.5), mproc_bool(true),
                           mproc_int(3)};
  mproc_value_t lv = mproc_list(init, 4);
  assert_int_equal(mproc_manager_list_from(mgr, &lv, &l), 0);
  mproc_value_t arg = mproc_obj(l);
  harness_expect_exit(
      harness_start(child_list_ops, &arg, 1, TEST_METHOD(state)), 0);
  size_t n = 0;
  assert_int_equal(mproc_proxy_list_len(l, &n), 0);
  assert_int_equal(n, 0);
  mproc_proxy_destroy(l);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* Sorting: stability (reverse too), numbers of every kind by value, tuples,
 * bytes against str; checked against python3's results. */
static void test_list_sort(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *l;
  /* [(2, 'b'), (1, 'z'), (2, 'a'), (1,)] sorts to
   * [(1,), (1, 'z'), (2, 'a'), (2, 'b')] */
  mproc_value_t a[2] = {mproc_int(2), mproc_str("b")};
  mproc_value_t b[2] = {mproc_int(1), mproc_str("z")};
  mproc_value_t c[2] = {mproc_int(2), mproc_str("a")};
  mproc_value_t d[1] = {mproc_int(1)};
  mproc_value_t items[4] = {mproc_tuple(a, 2), mproc_tuple(b, 2),
                            mproc_tuple(c, 2), mproc_tuple(d, 1)};
  mproc_value_t lv = mproc_list(items, 4);
  assert_int_equal(mproc_manager_list_from(mgr, &lv, &l), 0);
  assert_int_equal(mproc_proxy_list_sort(l, false), 0);
  assert_true(list_is(l, "[(1,), (1, 'z'), (2, 'a'), (2, 'b')]"));
  /* [1, 1.0, True, 2] sorted with reverse=True: [2, 1, 1.0, True] */
  mproc_value_t nums[4] = {mproc_int(1), mproc_double(1.0), mproc_bool(true),
                           mproc_int(2)};
  mproc_value_t nl = mproc_list(nums, 4);
  assert_int_equal(
      mproc_proxy_list_set_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &nl),
      0);
  assert_int_equal(mproc_proxy_list_sort(l, true), 0);
  assert_true(list_is(l, "[2, 1, 1.0, True]"));
  /* Exact int/float order near 2^63 and around fractions. */
  mproc_value_t big[5] = {mproc_int(INT64_MAX), mproc_double(9.3e18),
                          mproc_double(-0.5), mproc_int(0), mproc_int(-1)};
  mproc_value_t bl = mproc_list(big, 5);
  assert_int_equal(
      mproc_proxy_list_set_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &bl),
      0);
  assert_int_equal(mproc_proxy_list_sort(l, false), 0);
  assert_true(list_is(l, "[-1, -0.5, 0, 9223372036854775807, 9.3e+18]"));
  /* ['b', 'a', b'x'].sort(): bytes and str do not order */
  mproc_value_t sb[3] = {mproc_str("b"), mproc_str("a"), mproc_bytes("x", 1)};
  mproc_value_t sbl = mproc_list(sb, 3);
  assert_int_equal(
      mproc_proxy_list_set_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &sbl),
      0);
  assert_int_equal(mproc_proxy_list_sort(l, false), MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(), "'<' not supported between "
                                          "instances of 'bytes' and 'str'");
  /* [None, None] does not sort; [None] does (nothing is compared). */
  mproc_value_t nn[2] = {mproc_none(), mproc_none()};
  mproc_value_t nnl = mproc_list(nn, 2);
  assert_int_equal(
      mproc_proxy_list_set_slice(l, MPROC_SLICE_MIN, MPROC_SLICE_MAX, 1, &nnl),
      0);
  assert_int_equal(mproc_proxy_list_sort(l, false), MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(),
                      "'<' not supported between instances of 'NoneType' "
                      "and 'NoneType'");
  assert_int_equal(mproc_proxy_list_del(l, 0), 0);
  assert_int_equal(mproc_proxy_list_sort(l, false), 0);
  mproc_proxy_destroy(l);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* A reply larger than a frame (values() of two 33 MiB values) is an
 * MPROC_E_TOOBIG reply: the connection, the proxy and the dict survive (the
 * server used to end the connection, and with a proxy's last connection
 * the object). Iteration still reaches every value. */
static void test_reply_too_big(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *d;
  size_t big = (size_t)33 << 20, n = 0;
  char *buf = calloc(1, big);
  assert_non_null(buf);
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  for (int i = 0; i < 2; i++) {
    mproc_value_t k = mproc_int(i), v = mproc_bytes(buf, big);
    assert_int_equal(mproc_proxy_dict_set(d, &k, &v), 0);
  }
  free(buf);
  mproc_value_t *v = NULL;
  assert_int_equal(mproc_proxy_dict_values(d, &v), MPROC_E_TOOBIG);
  assert_null(v);
  assert_int_equal(mproc_proxy_dict_keys(d, &v), 0);
  assert_true(harness_owned_is(v, "[0, 1]"));
  assert_int_equal(mproc_proxy_dict_len(d, &n), 0);
  assert_int_equal(n, 2);
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *k, *val;
  int rc;
  n = 0;
  while ((rc = mproc_proxy_dict_next(d, &cur, &k, &val)) == 0)
    n += val->type == MPROC_VALUE_BYTES && val->u.bytes.len == big;
  assert_int_equal(rc, MPROC_E_DONE);
  assert_int_equal(n, 2);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* Messages of sizes either side of the 4 KiB receive buffer and of the
 * 64 KiB a connection keeps of its request and reply buffers between calls
 * (client.c, server.c), in an order that grows, shrinks and regrows them:
 * each value comes back whole, with its own bytes and no stale ones from a
 * longer message before it. */
static void test_message_sizes(void **state) {
  static const size_t sizes[] = {10,    70000, 5,    200000, 3000,
                                 65536, 0,     4093, 65537,  1};
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *d;
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  char *buf = malloc(200000);
  assert_non_null(buf);
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    for (size_t j = 0; j < sizes[i]; j++)
      buf[j] = (char)(j * 7 + i);
    mproc_value_t k = mproc_int((int64_t)(i % 3)),
                  v = mproc_bytes(buf, sizes[i]), *got = NULL;
    assert_int_equal(mproc_proxy_dict_set(d, &k, &v), 0);
    assert_int_equal(mproc_proxy_dict_get(d, &k, &got), 0);
    assert_int_equal(got->type, MPROC_VALUE_BYTES);
    assert_int_equal(got->u.bytes.len, sizes[i]);
    if (sizes[i])
      assert_memory_equal(got->u.bytes.ptr, buf, sizes[i]);
    mproc_values_free(got, 1);
  }
  free(buf);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("keys_as_python", child_keys_as_python);
  mproc_register("queue_codes", child_queue_codes);
  mproc_register("dict_ops", child_dict_ops);
  mproc_register("dict_iterate", child_dict_iterate);
  mproc_register("list_ops", child_list_ops);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dict_keys_as_python),
      cmocka_unit_test(test_queue_codes_full_join),
      cmocka_unit_test(test_dict_operations),
      cmocka_unit_test(test_dict_iteration),
      cmocka_unit_test(test_list_operations),
      cmocka_unit_test(test_list_sort),
      cmocka_unit_test(test_reply_too_big),
      cmocka_unit_test(test_message_sizes),
  };
  return harness_run(argc, argv, "manager_types", tests,
                     sizeof tests / sizeof tests[0]);
}
