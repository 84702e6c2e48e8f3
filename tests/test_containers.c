/* SPDX-License-Identifier: MIT */
/*
 * Containers: tuples, lists and dicts as values. Keys compared as Python
 * compares them, limits enforced on both sides, the sharing rule inside
 * containers, repr() as Python prints, builders, copies and argument
 * unpacking; then containers crossing into a child as its arguments (a
 * Lock inside a list included, as CPython allows at start), through a
 * queue, a pipe and a manager dict.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mproc_value_t *roundtrip(const mproc_value_t *in, size_t n) {
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(in, n, &buf, &len), 0);
  mproc_value_t *out = NULL;
  size_t m = 0;
  assert_int_equal(mproc_decode(buf, len, &out, &m), 0);
  assert_int_equal(m, n);
  /* canonical: what decodes re-encodes to the same bytes */
  void *again = NULL;
  size_t alen = 0;
  assert_int_equal(mproc_encode(out, m, &again, &alen), 0);
  assert_int_equal(alen, len);
  assert_memory_equal(again, buf, len);
  mproc_free(again);
  mproc_free(buf);
  return out;
}

static void expect_repr(const mproc_value_t *v, const char *want) {
  char *r = mproc_value_repr(v);
  assert_non_null(r);
  assert_string_equal(r, want);
  mproc_free(r);
}

static void test_nested_roundtrip(void **state) {
  (void)state;
  mproc_value_t pair[] = {mproc_str("x"), mproc_double(2.5)};
  mproc_value_t inner[] = {mproc_int(1), mproc_tuple(pair, 2), mproc_none()};
  mproc_value_t kv[] = {
      mproc_str("list"),  mproc_list(inner, 3),
      mproc_int(7),       mproc_bytes("\0a", 2),
      mproc_tuple(pair, 2), mproc_bool(true),
      mproc_str("empty"), mproc_dict(NULL, 0),
  };
  mproc_value_t top[] = {mproc_dict(kv, 4), mproc_tuple(NULL, 0),
                         mproc_list(NULL, 0), mproc_str("tail")};
  mproc_value_t *out = roundtrip(top, 4);
  for (size_t i = 0; i < 4; i++)
    assert_true(mproc_value_equal(&out[i], &top[i]));
  expect_repr(&out[0], "{'list': [1, ('x', 2.5), None], 7: b'\\x00a', "
                       "('x', 2.5): True, 'empty': {}}");
  expect_repr(&out[1], "()");
  /* reading */
  const mproc_value_t *v = NULL;
  mproc_value_t key = mproc_str("list");
  assert_int_equal(mproc_value_dict_get(&out[0], &key, &v), 0);
  assert_int_equal(mproc_value_list_len(v), 3);
  const mproc_value_t *t = mproc_value_list_at(v, 1);
  assert_non_null(t);
  assert_int_equal(t->type, MPROC_VALUE_TUPLE);
  assert_null(mproc_value_list_at(v, 3));
  assert_int_equal(mproc_value_dict_len(&out[0]), 4);
  const mproc_value_t *k = NULL, *val = NULL;
  assert_int_equal(mproc_value_dict_entry(&out[0], 1, &k, &val), 0);
  assert_int_equal(k->u.i, 7); /* insertion order */
  assert_int_equal(mproc_value_dict_entry(&out[0], 4, &k, &val),
                   MPROC_E_VALUE);
  mproc_values_free(out, 4);
}

static void test_keys_as_python(void **state) {
  (void)state;
  /* 1, 1.0 and True are one key: a dict repeating it is refused */
  mproc_value_t kv[] = {mproc_int(1), mproc_str("a"), mproc_double(1.0),
                        mproc_str("b")};
  mproc_value_t d = mproc_dict(kv, 2);
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(&d, 1, &buf, &len), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(), "value 0: dict repeats the key 1.0");
  kv[2] = mproc_bool(true);
  assert_int_equal(mproc_encode(&d, 1, &buf, &len), MPROC_E_VALUE);
  /* found under an equal key of another type, in a decoded (indexed) dict
   * and in a view */
  mproc_value_t tk[] = {mproc_int(2), mproc_str("z")};
  mproc_value_t kv2[] = {mproc_int(1),        mproc_str("one"),
                         mproc_tuple(tk, 2),  mproc_str("tuple"),
                         mproc_str("s"),      mproc_int(10),
                         mproc_bytes("s", 1), mproc_int(20),
                         mproc_double(0.5),   mproc_none()};
  mproc_value_t view = mproc_dict(kv2, 5);
  mproc_value_t *dec = roundtrip(&view, 1);
  assert_non_null(dec[0].u.dict.index);
  mproc_value_t tk2[] = {mproc_double(2.0), mproc_str("z")};
  mproc_value_t probes[] = {mproc_bool(true), mproc_double(1.0),
                            mproc_tuple(tk2, 2), mproc_str("s"),
                            mproc_bytes("s", 1), mproc_double(0.5)};
  const char *want[] = {"'one'", "'one'", "'tuple'", "10", "20", "None"};
  for (size_t i = 0; i < 6; i++) {
    const mproc_value_t *a = NULL, *b = NULL;
    assert_int_equal(mproc_value_dict_get(&dec[0], &probes[i], &a), 0);
    assert_int_equal(mproc_value_dict_get(&view, &probes[i], &b), 0);
    expect_repr(a, want[i]);
    assert_true(mproc_value_equal(a, b));
  }
  /* misses and bad keys, with CPython's words */
  mproc_value_t miss = mproc_str("nope");
  const mproc_value_t *out = NULL;
  assert_int_equal(mproc_value_dict_get(&dec[0], &miss, &out), MPROC_E_KEY);
  assert_string_equal(mproc_last_error(), "KeyError: 'nope'");
  miss = mproc_double(1.5);
  assert_int_equal(mproc_value_dict_get(&dec[0], &miss, &out), MPROC_E_KEY);
  mproc_value_t lst = mproc_list(NULL, 0);
  assert_int_equal(mproc_value_dict_get(&dec[0], &lst, &out), MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "unhashable type: 'list'"));
  mproc_value_t nan = mproc_double(NAN);
  assert_int_equal(mproc_value_dict_get(&dec[0], &nan, &out), MPROC_E_VALUE);
  mproc_value_t badkv[] = {mproc_list(NULL, 0), mproc_int(1)};
  mproc_value_t bad = mproc_dict(badkv, 1);
  assert_int_equal(mproc_encode(&bad, 1, &buf, &len), MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(), "value: unhashable type: 'list'");
  mproc_values_free(dec, 1);
  /* equality: Python's, across containers */
  mproc_value_t a1[] = {mproc_int(1), mproc_double(2.0)};
  mproc_value_t a2[] = {mproc_bool(true), mproc_int(2)};
  mproc_value_t la = mproc_list(a1, 2), lb = mproc_list(a2, 2),
                ta = mproc_tuple(a1, 2);
  assert_true(mproc_value_equal(&la, &lb));
  assert_false(mproc_value_equal(&la, &ta)); /* [1, 2] != (1, 2) */
  mproc_value_t big = mproc_int(INT64_MAX), bigd = mproc_double(9.3e18);
  assert_false(mproc_value_equal(&big, &bigd));
  assert_false(mproc_value_equal(&nan, &nan));
  mproc_value_t s = mproc_str("s"), by = mproc_bytes("s", 1);
  assert_false(mproc_value_equal(&s, &by));
}

static mproc_value_t nest(mproc_value_t *slots, size_t depth) {
  /* [[[...[1]...]]]: depth lists around an int */
  slots[depth] = mproc_int(1);
  for (size_t d = depth; d > 0; d--)
    slots[d - 1] = mproc_list(&slots[d], 1);
  return slots[0];
}

static void test_limits(void **state) {
  (void)state;
  mproc_value_t slots[MPROC_VALUE_MAX_DEPTH + 2];
  void *buf = NULL;
  size_t len = 0;
  /* the deepest allowed goes both ways; one more is refused */
  mproc_value_t ok = nest(slots, MPROC_VALUE_MAX_DEPTH);
  mproc_value_t *out = roundtrip(&ok, 1);
  mproc_values_free(out, 1);
  mproc_value_t deep = nest(slots, MPROC_VALUE_MAX_DEPTH + 1);
  assert_int_equal(mproc_encode(&deep, 1, &buf, &len), MPROC_E_TOOBIG);
  /* the decoder refuses the same bytes made by hand */
  unsigned char raw[8 + (MPROC_VALUE_MAX_DEPTH + 1) * 5 + 9];
  size_t at = 0;
  memcpy(raw, "MPV\x01\x01\x00\x00\x00", 8);
  at = 8;
  for (int d = 0; d < MPROC_VALUE_MAX_DEPTH + 1; d++) {
    raw[at++] = 8; /* LIST */
    raw[at++] = 1;
    raw[at++] = 0;
    raw[at++] = 0;
    raw[at++] = 0;
  }
  raw[at++] = 1; /* INT */
  memset(raw + at, 0, 8);
  at += 8;
  size_t n = 0;
  assert_int_equal(mproc_decode(raw, at, &out, &n), MPROC_E_DECODE);
  assert_non_null(strstr(mproc_last_error(), "nested deeper"));
  /* a count the input cannot hold: refused before anything is sized */
  unsigned char huge[] = {'M', 'P', 'V', 1, 1, 0, 0, 0, 9, 0xff, 0xff, 0xff,
                          0x7f};
  assert_int_equal(mproc_decode(huge, sizeof huge, &out, &n), MPROC_E_DECODE);
  /* a dict repeating a key, made by hand */
  /* {None: None, None: True} */
  unsigned char dup[] = {'M', 'P', 'V', 1, 1, 0, 0, 0, 9, 2, 0, 0, 0,
                         0,   0,   0,   3, 1};
  assert_int_equal(mproc_decode(dup, sizeof dup, &out, &n), MPROC_E_DECODE);
  assert_non_null(strstr(mproc_last_error(), "repeats"));
  /* every value at every depth counts toward MPROC_VALUE_MAX_COUNT */
  size_t many = MPROC_VALUE_MAX_COUNT / 2 + 1;
  mproc_value_t *items = calloc(many, sizeof *items);
  assert_non_null(items);
  mproc_value_t two[] = {mproc_list(items, many), mproc_list(items, many)};
  assert_int_equal(mproc_encode(two, 2, &buf, &len), MPROC_E_TOOBIG);
  free(items);
}

static void test_sharing_rule_inside(void **state) {
  (void)state;
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t items[] = {mproc_int(1), mproc_obj(lock)};
  mproc_value_t kv[] = {mproc_str("k"), mproc_list(items, 2)};
  mproc_value_t vals[] = {mproc_list(items, 2), mproc_dict(kv, 1),
                          mproc_tuple(items, 2)};
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  for (size_t i = 0; i < 3; i++) {
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(mproc_encode(&vals[i], 1, &buf, &len),
                     MPROC_E_INHERITANCE);
    assert_string_equal(mproc_last_error(),
                        "Lock objects should only be shared between processes "
                        "through inheritance");
    assert_int_equal(mproc_queue_put(q, &vals[i], 1, 0), MPROC_E_INHERITANCE);
    mproc_value_t *copy = NULL;
    assert_int_equal(mproc_value_copy(&vals[i], 1, &copy),
                     MPROC_E_INHERITANCE);
  }
  assert_int_equal(mproc_queue_empty(q), 1);
  /* a Lock as a key: not a key type here */
  mproc_value_t lk[] = {mproc_obj(lock), mproc_int(1)};
  mproc_value_t d = mproc_dict(lk, 1);
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(&d, 1, &buf, &len), MPROC_E_TYPE);
  mproc_queue_destroy(q);
  mproc_lock_destroy(lock);
}

static void test_repr(void **state) {
  (void)state;
  /* each checked against python3 3.11's repr() */
  static const struct {
    double d;
    const char *r;
  } floats[] = {
      {0.1, "0.1"},
      {2.5, "2.5"},
      {100.0, "100.0"},
      {-0.0, "-0.0"},
      {1e16, "1e+16"},
      {1.5e16, "1.5e+16"},
      {1e15, "1000000000000000.0"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {1.0 / 3.0, "0.3333333333333333"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {5e-324, "5e-324"},
      {123456789.125, "123456789.125"},
      {-2.5e-7, "-2.5e-07"},
  };
  for (size_t i = 0; i < sizeof floats / sizeof floats[0]; i++) {
    mproc_value_t v = mproc_double(floats[i].d);
    expect_repr(&v, floats[i].r);
  }
  mproc_value_t inf = mproc_double(INFINITY), nan = mproc_double(NAN);
  expect_repr(&inf, "inf");
  expect_repr(&nan, "nan");
  mproc_value_t s1 = mproc_str("it's"), s2 = mproc_str("say \"hi\"\n"),
                s3 = mproc_str("both ' and \""), s4 = mproc_str("caf\xc3\xa9");
  expect_repr(&s1, "\"it's\"");
  expect_repr(&s2, "'say \"hi\"\\n'");
  expect_repr(&s3, "'both \\' and \"'");
  expect_repr(&s4, "'caf\xc3\xa9'");
  mproc_value_t b = mproc_bytes("\x01\xff\\'z", 5);
  expect_repr(&b, "b\"\\x01\\xff\\\\'z\"");
  mproc_value_t one[] = {mproc_int(-3)};
  mproc_value_t t1 = mproc_tuple(one, 1);
  expect_repr(&t1, "(-3,)");
  mproc_value_t items[] = {mproc_none(), mproc_bool(false), t1,
                           mproc_list(NULL, 0)};
  mproc_value_t l = mproc_list(items, 4);
  expect_repr(&l, "[None, False, (-3,), []]");
}

static void test_builder(void **state) {
  (void)state;
  /* a word count, the way a pool task would build its result */
  const char *text = "the cat and the hat and the bat";
  mproc_builder_t *b;
  assert_int_equal(mproc_builder_new(&b, MPROC_VALUE_DICT), 0);
  char word[16];
  for (const char *p = text; *p;) {
    size_t n = strcspn(p, " ");
    memcpy(word, p, n); /* a temporary: the builder copies */
    word[n] = 0;
    mproc_value_t k = mproc_str(word);
    mproc_value_t *slot = mproc_builder_lookup(b, &k);
    if (slot)
      slot->u.i++;
    else {
      mproc_value_t one = mproc_int(1);
      assert_int_equal(mproc_builder_set(b, &k, &one), 0);
    }
    memset(word, 'x', sizeof word - 1);
    p += n + (p[n] == ' ');
  }
  assert_int_equal(mproc_builder_len(b), 5);
  mproc_value_t k = mproc_str("cat"), ten = mproc_int(10);
  assert_int_equal(mproc_builder_set(b, &k, &ten), 0); /* keeps its place */
  mproc_value_t *d = NULL;
  assert_int_equal(mproc_builder_finish(b, &d), 0);
  expect_repr(d, "{'the': 3, 'cat': 10, 'and': 2, 'hat': 1, 'bat': 1}");
  assert_non_null(d->u.dict.index);
  /* a list builder, and a copy that outlives its source */
  assert_int_equal(mproc_builder_new(&b, MPROC_VALUE_LIST), 0);
  for (int i = 0; i < 100; i++) {
    snprintf(word, sizeof word, "w%d", i);
    mproc_value_t w = mproc_str(word);
    assert_int_equal(mproc_builder_append(b, &w), 0);
  }
  assert_int_equal(mproc_builder_append(b, d), 0);
  assert_int_equal(mproc_builder_set(b, &k, &ten), MPROC_E_TYPE);
  mproc_value_t *l = NULL;
  assert_int_equal(mproc_builder_finish(b, &l), 0);
  assert_int_equal(mproc_value_list_len(l), 101);
  mproc_value_t *copy = NULL;
  assert_int_equal(mproc_value_copy(l, 1, &copy), 0);
  mproc_values_free(l, 1);
  expect_repr(mproc_value_list_at(copy, 99), "'w99'");
  assert_true(mproc_value_equal(mproc_value_list_at(copy, 100), d));
  mproc_values_free(copy, 1);
  mproc_values_free(d, 1);
  /* bad input */
  assert_int_equal(mproc_builder_new(&b, MPROC_VALUE_INT), MPROC_E_TYPE);
  assert_int_equal(mproc_builder_new(&b, MPROC_VALUE_DICT), 0);
  mproc_value_t lk = mproc_list(NULL, 0), one = mproc_int(1);
  assert_int_equal(mproc_builder_set(b, &lk, &one), MPROC_E_TYPE);
  mproc_builder_free(b);
}

static void test_args_parse(void **state) {
  (void)state;
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t pair[] = {mproc_str("w"), mproc_int(3)};
  mproc_value_t args[] = {mproc_int(5), mproc_str("word"), mproc_obj(lock),
                          mproc_tuple(pair, 2), mproc_none(), mproc_bool(true)};
  int64_t n = 0, cnt = 0;
  const char *s = NULL, *w = NULL, *z = "set";
  mproc_lock_t *l = NULL;
  double d = 1.0;
  assert_int_equal(mproc_args_parse(args, 3, "is{Lock}|d:worker", &n, &s, &l,
                                    &d),
                   0);
  assert_int_equal(n, 5);
  assert_string_equal(s, "word");
  assert_ptr_equal(l, lock);
  assert_true(d == 1.0); /* optional, not given: left as it was */
  assert_int_equal(mproc_args_parse(args, 6, "is{Lock}(si)z?:worker", &n, &s,
                                    &l, &w, &cnt, &z, &(bool){false}),
                   0);
  assert_string_equal(w, "w");
  assert_int_equal(cnt, 3);
  assert_null(z);
  /* an int for a float, as Python */
  assert_int_equal(mproc_args_parse(args, 1, "d", &d), 0);
  assert_true(d == 5.0);
  /* CPython's words */
  assert_int_equal(mproc_args_parse(args, 2, "i[count]i[size]:worker", &n, &n),
                   MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(),
                      "worker() argument 2 (size) must be int, not str");
  assert_int_equal(mproc_args_parse(args, 1, "is:worker", &n, &s),
                   MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "worker() takes exactly 2 arguments (1 given)");
  assert_int_equal(mproc_args_parse(args, 1, "is|d:worker", &n, &s, &d),
                   MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "worker() takes at least 2 arguments (1 given)");
  assert_int_equal(mproc_args_parse(args, 4, "is|d:worker", &n, &s, &d),
                   MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "worker() takes at most 3 arguments (4 given)");
  mproc_queue_t *q = NULL;
  assert_int_equal(mproc_args_parse(args + 2, 1, "{Queue}:consumer", &q),
                   MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(),
                      "consumer() argument 1 must be Queue, not Lock");
  assert_null(q);
  assert_int_equal(mproc_args_parse(args + 3, 1, "(ss):f", &w, &s),
                   MPROC_E_TYPE);
  assert_string_equal(mproc_last_error(),
                      "f() argument 1 item 2 must be str, not int");
  assert_int_equal(mproc_args_parse(args + 3, 1, "(sii):f", &w, &n, &n),
                   MPROC_E_TYPE);
  assert_string_equal(
      mproc_last_error(),
      "f() argument 1 must be a sequence of length 3, not 2");
  /* the rest */
  const mproc_value_t *rest = NULL;
  size_t nrest = 0;
  assert_int_equal(mproc_args_parse(args, 6, "i*", &n, &rest, &nrest), 0);
  assert_ptr_equal(rest, args + 1);
  assert_int_equal(nrest, 5);
  /* bad formats are the caller's mistake, not the arguments' */
  assert_int_equal(mproc_args_parse(args, 1, "x", &n), MPROC_E_INVAL);
  assert_int_equal(mproc_args_parse(args, 1, "{Nope}", &q), MPROC_E_INVAL);
  mproc_value_t none = mproc_none();
  assert_true(mproc_value_is_none(&none));
  assert_false(mproc_value_is_none(&args[0]));
  mproc_lock_destroy(lock);
}

/* ---- across processes ---------------------------------------------------- */

/* args: [[lock, {'n': 41}], queue] */
static int child_args(const mproc_value_t *args, size_t nargs) {
  const mproc_value_t *inner = NULL;
  mproc_queue_t *q = NULL;
  CHECK(mproc_args_parse(args, nargs, "L{Queue}:child_args", &inner, &q) == 0,
        10);
  mproc_lock_t *lock = NULL;
  const mproc_value_t *d = NULL;
  CHECK(mproc_args_parse(inner->u.seq.items, inner->u.seq.n, "{Lock}D", &lock,
                         &d) == 0,
        11);
  const mproc_value_t *n = NULL;
  mproc_value_t key = mproc_str("n");
  CHECK(mproc_value_dict_get(d, &key, &n) == 0 && n->u.i == 41, 12);
  CHECK(mproc_lock_acquire(lock, 5) == 0, 13);
  mproc_value_t kv[] = {mproc_str("n"), mproc_int(n->u.i + 1), mproc_str("l"),
                        mproc_list(inner->u.seq.items + 1, 1)};
  mproc_value_t reply = mproc_dict(kv, 2);
  int rc = mproc_queue_put(q, &reply, 1, 5);
  mproc_lock_release(lock);
  CHECK(rc == 0, 14);
  return 0;
}

static void test_child_arguments(void **state) {
  mproc_lock_t *lock;
  mproc_queue_t *q;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t kv[] = {mproc_str("n"), mproc_int(41)};
  mproc_value_t inner[] = {mproc_obj(lock), mproc_dict(kv, 1)};
  mproc_value_t args[] = {mproc_list(inner, 2), mproc_obj(q)};
  mproc_process_t *p = harness_start(child_args, args, 2, TEST_METHOD(state));
  mproc_value_t *got = NULL;
  size_t n = 0;
  assert_int_equal(mproc_queue_get(q, &got, &n, 60), 0);
  assert_int_equal(n, 1);
  expect_repr(&got[0], "{'n': 42, 'l': [{'n': 41}]}");
  mproc_values_free(got, n);
  harness_expect_exit(p, 0);
  mproc_queue_destroy(q);
  mproc_lock_destroy(lock);
}

static int child_echo(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *c = NULL;
  CHECK(mproc_args_parse(args, nargs, "{Connection}", &c) == 0, 10);
  for (;;) {
    mproc_value_t *v = NULL;
    size_t n = 0;
    if (mproc_connection_recv(c, &v, &n) != 0)
      return 0;
    mproc_value_t t = mproc_tuple(v, n); /* what came, as one tuple */
    int rc = mproc_connection_send(c, &t, 1);
    mproc_values_free(v, n);
    CHECK(rc == 0, 11);
  }
}

static void test_pipe_and_queue(void **state) {
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  mproc_value_t arg = mproc_obj(b);
  mproc_process_t *p = harness_start(child_echo, &arg, 1, TEST_METHOD(state));
  mproc_connection_destroy(b);
  /* a big dict of lists */
  mproc_builder_t *bd;
  assert_int_equal(mproc_builder_new(&bd, MPROC_VALUE_DICT), 0);
  for (int i = 0; i < 2000; i++) {
    char key[16];
    snprintf(key, sizeof key, "k%d", i);
    mproc_value_t items[] = {mproc_int(i), mproc_double(i / 4.0),
                             mproc_str(key)};
    mproc_value_t k = mproc_str(key), l = mproc_list(items, 3);
    assert_int_equal(mproc_builder_set(bd, &k, &l), 0);
  }
  mproc_value_t *d = NULL;
  assert_int_equal(mproc_builder_finish(bd, &d), 0);
  mproc_value_t msg[] = {*d, mproc_str("second")};
  assert_int_equal(mproc_connection_send(a, msg, 2), 0);
  mproc_value_t *back = NULL;
  size_t n = 0;
  assert_int_equal(mproc_connection_recv(a, &back, &n), 0);
  assert_int_equal(n, 1);
  mproc_value_t whole = mproc_tuple(msg, 2);
  assert_true(mproc_value_equal(&back[0], &whole));
  const mproc_value_t *got = NULL;
  mproc_value_t key = mproc_str("k1999");
  assert_int_equal(
      mproc_value_dict_get(mproc_value_list_at(&back[0], 0), &key, &got), 0);
  expect_repr(got, "[1999, 499.75, 'k1999']");
  mproc_values_free(back, n);
  mproc_connection_close(a);
  harness_expect_exit(p, 0);
  mproc_connection_destroy(a);
  /* and through a queue, in this process */
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_put(q, d, 1, 5), 0);
  assert_int_equal(mproc_queue_get(q, &back, &n, 5), 0);
  assert_true(mproc_value_equal(&back[0], d));
  mproc_values_free(back, n);
  mproc_queue_destroy(q);
  mproc_values_free(d, 1);
}

static int child_manager(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *dict = NULL;
  CHECK(mproc_args_parse(args, nargs, "{Proxy}", &dict) == 0, 10);
  mproc_value_t k = mproc_str("nested");
  mproc_value_t *v = NULL;
  CHECK(mproc_proxy_dict_get(dict, &k, &v) == 0, 11);
  const mproc_value_t *inner = mproc_value_list_at(v, 1);
  CHECK(inner && inner->type == MPROC_VALUE_DICT, 12);
  mproc_value_t items[] = {v[0], mproc_str("child")};
  mproc_value_t nv = mproc_list(items, 2);
  int rc = mproc_proxy_dict_set(dict, &k, &nv);
  mproc_values_free(v, 1);
  CHECK(rc == 0, 13);
  return 0;
}

static void test_manager_dict_values(void **state) {
  mproc_manager_t *m;
  assert_int_equal(mproc_manager_start(&m, NULL), 0);
  mproc_proxy_t *dict;
  assert_int_equal(mproc_manager_dict(m, &dict), 0);
  mproc_value_t kv[] = {mproc_str("a"), mproc_int(1)};
  mproc_value_t items[] = {mproc_double(0.5), mproc_dict(kv, 1)};
  mproc_value_t k = mproc_str("nested"), v = mproc_list(items, 2);
  assert_int_equal(mproc_proxy_dict_set(dict, &k, &v), 0);
  mproc_value_t arg = mproc_obj(dict);
  mproc_process_t *p = harness_start(child_manager, &arg, 1, TEST_METHOD(state));
  harness_expect_exit(p, 0);
  mproc_value_t *got = NULL;
  assert_int_equal(mproc_proxy_dict_get(dict, &k, &got), 0);
  expect_repr(got, "[[0.5, {'a': 1}], 'child']");
  mproc_values_free(got, 1);
  mproc_proxy_destroy(dict);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("child_args", child_args);
  mproc_register("child_echo", child_echo);
  mproc_register("child_manager", child_manager);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nested_roundtrip),
      cmocka_unit_test(test_keys_as_python),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_sharing_rule_inside),
      cmocka_unit_test(test_repr),
      cmocka_unit_test(test_builder),
      cmocka_unit_test(test_args_parse),
      cmocka_unit_test(test_child_arguments),
      cmocka_unit_test(test_pipe_and_queue),
      cmocka_unit_test(test_manager_dict_values),
  };
  return harness_run(argc, argv, "containers", tests,
                     sizeof tests / sizeof tests[0]);
}
