/* SPDX-License-Identifier: MIT */
/*
 * Pool values (issue 14): tasks return tuples, lists and dicts through
 * every call shape; starmap takes a tuple (or list) per task, as CPython's
 * (its test_starmap, test_starmap_async); map_records runs a task per
 * record of a C array of structs. Each test runs under every start method
 * the platform has.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Tasks                                                                    */
/* ------------------------------------------------------------------------ */

/* n -> {"k0": 0, "k1": 1, ..., "k<n-1>": n-1} */
static int task_dict_of(const mproc_value_t *args, size_t nargs,
                        mproc_task_t *task) {
  int64_t n;
  if (mproc_args_parse(args, nargs, "i:dict_of", &n) != 0)
    return MPROC_E_TYPE;
  mproc_builder_t *b;
  int rc = mproc_builder_new(&b, MPROC_VALUE_DICT);
  if (rc < 0)
    return rc;
  for (int64_t i = 0; i < n && rc == 0; i++) {
    char key[32];
    snprintf(key, sizeof key, "k%lld", (long long)i);
    mproc_value_t k = mproc_str(key), v = mproc_int(i);
    rc = mproc_builder_set(b, &k, &v);
  }
  mproc_value_t *d = NULL;
  if (rc == 0)
    rc = mproc_builder_finish(b, &d);
  else
    mproc_builder_free(b);
  if (rc == 0)
    rc = mproc_task_set_result(task, d);
  mproc_values_free(d, d ? 1 : 0);
  return rc;
}

/* x -> [x, (x * x, "x"), {"half": x / 2.0, None: [True]}] */
static int task_nested(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  int64_t x;
  if (mproc_args_parse(args, nargs, "i:nested", &x) != 0)
    return MPROC_E_TYPE;
  char s[32];
  snprintf(s, sizeof s, "%lld", (long long)x);
  mproc_value_t r =
      MPROC_LIST(mproc_int(x), MPROC_TUPLE(mproc_int(x * x), mproc_str(s)),
                 MPROC_DICT(mproc_str("half"), mproc_double((double)x / 2.0),
                            mproc_none(), MPROC_LIST(mproc_bool(true))));
  return mproc_task_set_result(task, &r);
}

/* x -> a list, replaced by {x: "last"}; a result that cannot travel (a
 * NaN key) in between fails and leaves the one before it gone, not half
 * written. */
static int task_replace(const mproc_value_t *args, size_t nargs,
                        mproc_task_t *task) {
  int64_t x;
  if (mproc_args_parse(args, nargs, "i:replace", &x) != 0)
    return MPROC_E_TYPE;
  mproc_value_t first = MPROC_LIST(mproc_int(1), mproc_int(2), mproc_int(3));
  mproc_value_t bad = MPROC_DICT(mproc_double(NAN), mproc_int(1));
  mproc_value_t last = MPROC_DICT(mproc_int(x), mproc_str("last"));
  if (mproc_task_set_result(task, &first) != 0 ||
      mproc_task_set_result(task, &bad) == 0)
    return MPROC_E_STATE;
  return x % 2 ? mproc_task_set_result(task, &last) : 0;
}

/* (a, b) -> a * b, as CPython's operator.mul over ints */
static int task_mul(const mproc_value_t *args, size_t nargs,
                    mproc_task_t *task) {
  int64_t a, b;
  if (mproc_args_parse(args, nargs, "ii:mul", &a, &b) != 0) {
    mproc_task_set_error(task, mproc_last_error());
    return MPROC_E_TYPE;
  }
  mproc_value_t r = mproc_int(a * b);
  return mproc_task_set_result(task, &r);
}

/* any number of ints -> (count, sum) */
static int task_count_sum(const mproc_value_t *args, size_t nargs,
                          mproc_task_t *task) {
  int64_t sum = 0;
  for (size_t i = 0; i < nargs; i++) {
    int64_t x;
    if (mproc_value_as_int(&args[i], &x) != 0)
      return MPROC_E_TYPE;
    sum += x;
  }
  mproc_value_t r = MPROC_TUPLE(mproc_int((int64_t)nargs), mproc_int(sum));
  return mproc_task_set_result(task, &r);
}

/* The record map_records sends: 24 bytes with padding after id. */
typedef struct rec {
  int32_t id;
  double x;
  char tag[8];
} rec_t;

/* One rec, read in place (the header promises alignment when stride is
 * sizeof(rec_t)) -> (id, x * 2, tag) */
static int task_rec(const mproc_value_t *args, size_t nargs,
                    mproc_task_t *task) {
  const void *p;
  size_t len;
  if (mproc_args_parse(args, nargs, "y:rec", &p, &len) != 0)
    return MPROC_E_TYPE;
  if (len != sizeof(rec_t)) {
    mproc_task_set_error(task, "a record of the wrong size");
    return MPROC_E_VALUE;
  }
  if ((uintptr_t)p % _Alignof(rec_t) != 0) {
    mproc_task_set_error(task, "a misaligned record");
    return MPROC_E_VALUE;
  }
  const rec_t *r = p;
  char tag[9];
  memcpy(tag, r->tag, 8);
  tag[8] = '\0';
  if (r->id == -13) {
    mproc_task_set_error(task, "record -13 is unlucky");
    return MPROC_E_VALUE;
  }
  mproc_value_t v =
      MPROC_TUPLE(mproc_int(r->id), mproc_double(r->x * 2), mproc_str(tag));
  return mproc_task_set_result(task, &v);
}

/* A packed record of any length: the bytes' sum (read with memcpy-free
 * byte access, as a packed layout requires) and the length. */
static int task_bytesum(const mproc_value_t *args, size_t nargs,
                        mproc_task_t *task) {
  const void *p;
  size_t len;
  if (mproc_args_parse(args, nargs, "y:bytesum", &p, &len) != 0)
    return MPROC_E_TYPE;
  int64_t sum = 0;
  for (size_t i = 0; i < len; i++)
    sum += ((const unsigned char *)p)[i];
  mproc_value_t v = MPROC_TUPLE(mproc_int((int64_t)len), mproc_int(sum));
  return mproc_task_set_result(task, &v);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static mproc_pool_t *make_pool(void **state, unsigned n) {
  mproc_pool_options_t o = {n, NULL, NULL, 0, 0, TEST_METHOD(state)};
  mproc_pool_t *p = NULL;
  int rc = mproc_pool_create(&p, &o);
  if (rc != 0)
    print_error("pool: %s: %s\n", mproc_err_name(rc), mproc_last_error());
  assert_int_equal(rc, 0);
  return p;
}

static void close_pool(mproc_pool_t *p) {
  assert_int_equal(mproc_pool_close(p), 0);
  assert_int_equal(mproc_pool_join(p, 120), 0);
  mproc_pool_destroy(p);
}

/* Asserts that @p d is dict_of(n): n entries, "k<i>" -> i. */
static void expect_dict_of(const mproc_value_t *d, int64_t n) {
  assert_int_equal(d->type, MPROC_VALUE_DICT);
  assert_int_equal(mproc_value_dict_len(d), (size_t)n);
  for (int64_t i = 0; i<n; i += n> 100 ? 997 : 1) {
    char key[32];
    snprintf(key, sizeof key, "k%lld", (long long)i);
    mproc_value_t k = mproc_str(key);
    const mproc_value_t *v = NULL;
    assert_int_equal(mproc_value_dict_get(d, &k, &v), 0);
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(v, &x), 0);
    assert_true(x == i);
  }
  if (n > 0) { /* the last one, and insertion order */
    const mproc_value_t *k, *v;
    assert_int_equal(mproc_value_dict_entry(d, (size_t)n - 1, &k, &v), 0);
    assert_true(v->type == MPROC_VALUE_INT && v->u.i == n - 1);
  }
}

/* Asserts that @p r is nested(x), compared as Python's == would. */
static void expect_nested(const mproc_value_t *r, int64_t x) {
  char s[32];
  snprintf(s, sizeof s, "%lld", (long long)x);
  mproc_value_t want =
      MPROC_LIST(mproc_int(x), MPROC_TUPLE(mproc_int(x * x), mproc_str(s)),
                 MPROC_DICT(mproc_str("half"), mproc_double((double)x / 2.0),
                            mproc_none(), MPROC_LIST(mproc_bool(true))));
  if (!mproc_value_equal(r, &want)) {
    char *got = mproc_value_repr(r), *exp = mproc_value_repr(&want);
    print_error("got %s, want %s\n", got ? got : "?", exp ? exp : "?");
    mproc_free(got);
    mproc_free(exp);
  }
  assert_true(mproc_value_equal(r, &want));
}

/* ------------------------------------------------------------------------ */
/* Containers as results                                                    */
/* ------------------------------------------------------------------------ */

#define BIG_DICT 10000

/* What callbacks saw; checked after the call is done (the callback has
 * returned by then, as CPython's ApplyResult). */
typedef struct seen {
  int results, errors, status;
  size_t n;
  bool ok;
} seen_t;

static void on_dicts(void *ud, const mproc_value_t *r, size_t n) {
  seen_t *s = ud;
  s->results++;
  s->n = n;
  s->ok = true;
  for (size_t i = 0; i < n; i++)
    if (r[i].type != MPROC_VALUE_DICT ||
        mproc_value_dict_len(&r[i]) != (size_t)BIG_DICT)
      s->ok = false;
  mproc_value_t k = mproc_str("k9999");
  const mproc_value_t *v;
  if (n == 0 || mproc_value_dict_get(&r[n - 1], &k, &v) != 0 ||
      v->type != MPROC_VALUE_INT || v->u.i != 9999)
    s->ok = false;
}

static void on_nested(void *ud, const mproc_value_t *r, size_t n) {
  seen_t *s = ud;
  s->results++;
  s->n = n;
  s->ok = true;
  for (size_t i = 0; i < n; i++) {
    mproc_value_t sq = mproc_int((int64_t)(i * i));
    const mproc_value_t *t = mproc_value_list_at(&r[i], 1);
    if (!t || mproc_value_list_len(t) != 2 ||
        !mproc_value_equal(mproc_value_list_at(t, 0), &sq))
      s->ok = false;
  }
}

static void on_error(void *ud, int status, const char *msg) {
  seen_t *s = ud;
  (void)msg;
  s->errors++;
  s->status = status;
}

static void test_container_results(void **state) {
  mproc_pool_t *p = make_pool(state, 2);
  mproc_value_t *r = NULL;
  size_t n = 0;

  /* apply: one dict of 10,000 entries, whole. */
  mproc_value_t big = mproc_int(BIG_DICT);
  assert_int_equal(mproc_pool_apply(p, task_dict_of, &big, 1, &r), 0);
  expect_dict_of(&r[0], BIG_DICT);
  mproc_values_free(r, 1);

  /* map: nested lists, tuples and dicts, in order; then three big dicts
   * (each bigger than the result queue's ring: they stream). */
  enum { NITEMS = 300 };
  mproc_value_t items[NITEMS];
  for (int i = 0; i < NITEMS; i++)
    items[i] = mproc_int(i);
  assert_int_equal(mproc_pool_map(p, task_nested, items, NITEMS, 0, &r), 0);
  for (int i = 0; i < NITEMS; i++)
    expect_nested(&r[i], i);
  mproc_values_free(r, NITEMS);
  mproc_value_t bigs[3] = {big, big, big};
  assert_int_equal(mproc_pool_map(p, task_dict_of, bigs, 3, 1, &r), 0);
  for (int i = 0; i < 3; i++)
    expect_dict_of(&r[i], BIG_DICT);
  mproc_values_free(r, 3);

  /* imap and imap_unordered: one nested result at a time. */
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap(p, task_nested, items, 50, 7, &it), 0);
  for (size_t i = 0; i < 50; i++) {
    mproc_value_t *v;
    size_t idx = 99;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    assert_int_equal(idx, i);
    expect_nested(v, (int64_t)i);
    mproc_values_free(v, 1);
  }
  mproc_iter_destroy(it);
  assert_int_equal(mproc_pool_imap_unordered(p, task_dict_of, bigs, 2, 1, &it),
                   0);
  for (int i = 0; i < 2; i++) {
    mproc_value_t *v;
    assert_int_equal(mproc_iter_next(it, 60, &v, NULL), 0);
    expect_dict_of(v, BIG_DICT);
    mproc_values_free(v, 1);
  }
  mproc_iter_destroy(it);

  /* The async calls and their callbacks carry them whole. */
  seen_t s1 = {0}, s2 = {0}, s3 = {0};
  mproc_callbacks_t cb1 = {on_dicts, on_error, &s1};
  mproc_callbacks_t cb2 = {on_nested, on_error, &s2};
  mproc_callbacks_t cb3 = {on_dicts, on_error, &s3};
  mproc_async_t *a1, *a2, *a3;
  assert_int_equal(mproc_pool_map_async(p, task_dict_of, bigs, 2, 1, &cb1, &a1),
                   0);
  assert_int_equal(
      mproc_pool_map_async(p, task_nested, items, NITEMS, 0, &cb2, &a2), 0);
  assert_int_equal(mproc_pool_apply_async(p, task_dict_of, &big, 1, &cb3, &a3),
                   0);
  assert_int_equal(mproc_async_get(a1, 60, &r, &n), 0);
  assert_int_equal(n, 2);
  expect_dict_of(&r[1], BIG_DICT);
  mproc_values_free(r, n);
  assert_int_equal(mproc_async_wait(a2, 60), 0);
  assert_int_equal(mproc_async_get(a3, 60, &r, &n), 0);
  assert_int_equal(n, 1);
  expect_dict_of(&r[0], BIG_DICT);
  mproc_values_free(r, n);
  assert_int_equal(s1.results, 1);
  assert_int_equal(s1.n, 2);
  assert_true(s1.ok);
  assert_int_equal(s2.results, 1);
  assert_int_equal(s2.n, NITEMS);
  assert_true(s2.ok);
  assert_int_equal(s3.results, 1);
  assert_true(s3.ok);
  assert_int_equal(s1.errors + s2.errors + s3.errors, 0);
  mproc_async_destroy(a1);
  mproc_async_destroy(a2);
  mproc_async_destroy(a3);

  /* A task's result set twice is the second; set, then failed to set,
   * is None (the task returned 0). */
  assert_int_equal(mproc_pool_map(p, task_replace, items, 20, 3, &r), 0);
  for (int i = 0; i < 20; i++) {
    mproc_value_t last = MPROC_DICT(mproc_int(i), mproc_str("last"));
    if (i % 2)
      assert_true(mproc_value_equal(&r[i], &last));
    else
      assert_true(mproc_value_is_none(&r[i]));
  }
  mproc_values_free(r, 20);

  /* One call's results are one block: past MPROC_VALUE_MAX_COUNT values
   * in all, the call fails with MPROC_E_TOOBIG (not a decoding error),
   * and the pool goes on. 110 dicts of 10,000 entries: 2.2 M values. */
  enum { NBIG = 110 };
  mproc_value_t many[NBIG];
  for (int i = 0; i < NBIG; i++)
    many[i] = big;
  r = NULL;
  int rc = mproc_pool_map(p, task_dict_of, many, NBIG, 0, &r);
  if (rc != MPROC_E_TOOBIG)
    print_error("%s: %s\n", mproc_err_name(rc), mproc_last_error());
  assert_int_equal(rc, MPROC_E_TOOBIG);
  assert_null(r);
  assert_int_equal(mproc_pool_apply(p, task_dict_of, &big, 1, &r), 0);
  expect_dict_of(&r[0], BIG_DICT);
  mproc_values_free(r, 1);
  close_pool(p);
}

/* ------------------------------------------------------------------------ */
/* starmap                                                                  */
/* ------------------------------------------------------------------------ */

/* CPython's test_starmap and test_starmap_async: tuples of
 * zip(range(n), range(n - 1, -1, -1)) through mul. */
static void expect_starmap_mul(mproc_pool_t *p, int n, size_t chunksize,
                               bool async) {
  mproc_value_t *pairs = calloc((size_t)n * 2, sizeof *pairs);
  mproc_value_t *tuples = calloc((size_t)n, sizeof *tuples);
  assert_non_null(pairs);
  assert_non_null(tuples);
  for (int i = 0; i < n; i++) {
    pairs[2 * i] = mproc_int(i);
    pairs[2 * i + 1] = mproc_int(n - 1 - i);
    /* Lists are argument sequences too, as any iterable is in Python. */
    tuples[i] = i % 3 == 2 ? mproc_list(&pairs[2 * i], 2)
                           : mproc_tuple(&pairs[2 * i], 2);
  }
  mproc_value_t *r = NULL;
  size_t got = 0;
  if (async) {
    mproc_async_t *a;
    assert_int_equal(mproc_pool_starmap_async(p, task_mul, tuples, (size_t)n,
                                              chunksize, NULL, &a),
                     0);
    assert_int_equal(mproc_async_get(a, 60, &r, &got), 0);
    mproc_async_destroy(a);
  } else {
    assert_int_equal(
        mproc_pool_starmap(p, task_mul, tuples, (size_t)n, chunksize, &r), 0);
    got = (size_t)n;
  }
  assert_int_equal(got, (size_t)n);
  for (int i = 0; i < n; i++) {
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(&r[i], &x), 0);
    assert_true(x == (int64_t)i * (n - 1 - i));
  }
  mproc_values_free(r, got);
  free(pairs);
  free(tuples);
}

static void test_starmap_tuples(void **state) {
  mproc_pool_t *p = make_pool(state, 2);
  /* apply() with no arguments at all (args NULL): () -> (0, 0) */
  mproc_value_t *none = NULL;
  assert_int_equal(mproc_pool_apply(p, task_count_sum, NULL, 0, &none), 0);
  char *r0 = mproc_value_repr(none);
  assert_string_equal(r0, "(0, 0)");
  mproc_free(r0);
  mproc_values_free(none, 1);
  expect_starmap_mul(p, 10, 0, false);
  expect_starmap_mul(p, 100, 20, false);
  expect_starmap_mul(p, 100, 0, true);

  /* Tasks of different arities in one call: (), (1,), [1, 2], (1, 2, 3),
   * and a tuple of 200 arguments. */
  mproc_value_t wide[200];
  for (int i = 0; i < 200; i++)
    wide[i] = mproc_int(i);
  mproc_value_t mixed[] = {
      mproc_tuple(NULL, 0),
      MPROC_TUPLE(mproc_int(1)),
      MPROC_LIST(mproc_int(1), mproc_int(2)),
      MPROC_TUPLE(mproc_int(1), mproc_int(2), mproc_int(3)),
      mproc_tuple(wide, 200),
  };
  mproc_value_t *r;
  assert_int_equal(mproc_pool_starmap(p, task_count_sum, mixed, 5, 2, &r), 0);
  int64_t want[5][2] = {{0, 0}, {1, 1}, {2, 3}, {3, 6}, {200, 19900}};
  for (int i = 0; i < 5; i++) {
    mproc_value_t w = MPROC_TUPLE(mproc_int(want[i][0]), mproc_int(want[i][1]));
    assert_true(mproc_value_equal(&r[i], &w));
  }
  mproc_values_free(r, 5);
  assert_int_equal(mproc_pool_starmap(p, task_count_sum, NULL, 0, 0, &r), 0);
  mproc_values_free(r, 0);

  /* An item that is not a tuple or a list: CPython's TypeError, naming the
   * item, and nothing runs. */
  mproc_value_t bad[] = {MPROC_TUPLE(mproc_int(1), mproc_int(2)),
                         MPROC_TUPLE(mproc_int(3), mproc_int(4)), mproc_int(3)};
  r = NULL;
  assert_int_equal(mproc_pool_starmap(p, task_mul, bad, 3, 1, &r),
                   MPROC_E_TYPE);
  assert_null(r);
  assert_non_null(strstr(mproc_last_error(), "item 2"));
  assert_non_null(strstr(mproc_last_error(), "'int' object is not iterable"));
  bad[2] = mproc_str("ab");
  assert_int_equal(mproc_pool_starmap(p, task_mul, bad, 3, 0, &r),
                   MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "'str' object is not iterable"));
  /* The async call: its result and its error callback, as CPython's. */
  seen_t s = {0};
  mproc_callbacks_t cb = {NULL, on_error, &s};
  mproc_async_t *a;
  bad[2] = mproc_double(1.5);
  assert_int_equal(mproc_pool_starmap_async(p, task_mul, bad, 3, 0, &cb, &a),
                   0);
  size_t n;
  assert_int_equal(mproc_async_get(a, 60, &r, &n), MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "item 2: 'float'"));
  assert_int_equal(s.errors, 1);
  assert_int_equal(s.status, MPROC_E_TYPE);
  mproc_async_destroy(a);
  /* A task whose arguments do not fit its check fails as a task. */
  mproc_value_t three[] = {
      MPROC_TUPLE(mproc_int(1), mproc_int(2), mproc_int(3))};
  assert_int_equal(mproc_pool_starmap(p, task_mul, three, 1, 0, &r),
                   MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "mul()"));

  /* The sharing rule inside a task's tuple, as at the top level. */
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t with_lock[] = {
      MPROC_TUPLE(mproc_int(1), mproc_int(2)),
      MPROC_TUPLE(mproc_int(1), mproc_obj(lock)),
  };
  assert_int_equal(mproc_pool_starmap(p, task_mul, with_lock, 2, 0, &r),
                   MPROC_E_INHERITANCE);
  assert_non_null(strstr(mproc_last_error(),
                         "Lock objects should only be shared between "
                         "processes through inheritance"));
  mproc_lock_destroy(lock);

  /* The pool is still fine. */
  expect_starmap_mul(p, 10, 1, false);
  close_pool(p);
}

/* ------------------------------------------------------------------------ */
/* map_records                                                              */
/* ------------------------------------------------------------------------ */

static rec_t *make_recs(size_t n) {
  rec_t *recs = calloc(n, sizeof *recs);
  assert_non_null(recs);
  for (size_t i = 0; i < n; i++) {
    recs[i].id = (int32_t)i;
    recs[i].x = (double)i + 0.25;
    snprintf(recs[i].tag, sizeof recs[i].tag, "t%zu", i % 1000000);
  }
  return recs;
}

static void expect_recs(const mproc_value_t *r, const rec_t *recs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char tag[9];
    memcpy(tag, recs[i].tag, 8);
    tag[8] = '\0';
    mproc_value_t want = MPROC_TUPLE(
        mproc_int(recs[i].id), mproc_double(recs[i].x * 2), mproc_str(tag));
    if (!mproc_value_equal(&r[i], &want)) {
      char *got = mproc_value_repr(&r[i]);
      print_error("record %llu: got %s\n", (unsigned long long)i,
                  got ? got : "?");
      mproc_free(got);
    }
    assert_true(mproc_value_equal(&r[i], &want));
  }
}

static void test_map_records(void **state) {
  mproc_pool_t *p = make_pool(state, 2);
  size_t n = 10000;
  rec_t *recs = make_recs(n);
  mproc_value_t *r = NULL;

  /* Automatic chunks, then 1, 7 and one chunk for everything (split as
   * the queues require). */
  size_t chunks[] = {0, 1, 7, 100000};
  for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
    size_t count = chunks[c] == 1 ? 500 : n;
    assert_int_equal(mproc_pool_map_records(p, task_rec, recs, count,
                                            sizeof *recs, chunks[c], &r),
                     0);
    expect_recs(r, recs, count);
    mproc_values_free(r, count);
  }

  /* The async twin, with a callback. */
  seen_t s = {0};
  mproc_callbacks_t cb = {NULL, on_error, &s};
  mproc_async_t *a;
  size_t got;
  assert_int_equal(mproc_pool_map_records_async(p, task_rec, recs + 100, 900,
                                                sizeof *recs, 0, &cb, &a),
                   0);
  assert_int_equal(mproc_async_get(a, 60, &r, &got), 0);
  assert_int_equal(got, 900);
  expect_recs(r, recs + 100, 900);
  mproc_values_free(r, got);
  mproc_async_destroy(a);
  assert_int_equal(s.errors, 0);

  /* A failing record fails its call with the task's message. */
  recs[4321].id = -13;
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, recs, n, sizeof *recs, 0, &r),
      MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(), "record -13 is unlucky");
  recs[4321].id = 4321;

  /* Packed records of 13 bytes (unaligned: the task reads bytes), and
   * records larger than a worker's queue takes in one chunk. */
  size_t big = 100 * 1000, nbig = 5;
  unsigned char *raw = malloc(big * nbig);
  assert_non_null(raw);
  for (size_t i = 0; i < big * nbig; i++)
    raw[i] = (unsigned char)(i * 7 + 3);
  for (int pass = 0; pass < 2; pass++) {
    size_t stride = pass == 0 ? 13 : big;
    size_t count = pass == 0 ? big * nbig / 13 : nbig;
    assert_int_equal(
        mproc_pool_map_records(p, task_bytesum, raw, count, stride, 0, &r), 0);
    for (size_t i = 0; i < count; i++) {
      int64_t sum = 0;
      for (size_t j = 0; j < stride; j++)
        sum += raw[i * stride + j];
      mproc_value_t want =
          MPROC_TUPLE(mproc_int((int64_t)stride), mproc_int(sum));
      assert_true(mproc_value_equal(&r[i], &want));
    }
    mproc_values_free(r, count);
  }
  free(raw);

  /* Limits and bad arguments: refused before anything is queued. */
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, recs, 0, sizeof *recs, 0, &r), 0);
  mproc_values_free(r, 0);
  assert_int_equal(mproc_pool_map_records(p, task_rec, recs, n, 0, 0, &r),
                   MPROC_E_INVAL);
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, NULL, n, sizeof *recs, 0, &r),
      MPROC_E_INVAL);
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, recs, 2, MPROC_QUEUE_MSG_MAX, 0, &r),
      MPROC_E_TOOBIG);
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, recs, SIZE_MAX / 8, 16, 0, &r),
      MPROC_E_TOOBIG);
  assert_int_equal(
      mproc_pool_map_records(p, task_rec, recs, 1, sizeof *recs, 0, NULL),
      MPROC_E_INVAL);
  free(recs);
  close_pool(p);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register_task("dict_of", task_dict_of);
  mproc_register_task("nested", task_nested);
  mproc_register_task("mul", task_mul);
  mproc_register_task("replace", task_replace);
  mproc_register_task("count_sum", task_count_sum);
  mproc_register_task("rec", task_rec);
  mproc_register_task("bytesum", task_bytesum);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_container_results),
      cmocka_unit_test(test_starmap_tuples),
      cmocka_unit_test(test_map_records),
  };
  return harness_run(argc, argv, "pool_values", tests,
                     sizeof tests / sizeof tests[0]);
}
