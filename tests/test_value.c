/* SPDX-License-Identifier: MIT */
/*
 * Values: encoding round trips, malformed input, the sharing rule at the
 * encoder, status codes and argument checks. Single-process.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_roundtrip(void **state) {
  (void)state;
  static const unsigned char raw[] = {0, 1, 2, 0, 255};
  mproc_value_t in[] = {
      mproc_none(),
      mproc_int(INT64_MIN),
      mproc_int(INT64_MAX),
      mproc_int(-1),
      mproc_double(-0.5),
      mproc_double(1e300),
      mproc_bool(true),
      mproc_bool(false),
      mproc_str(""),
      mproc_str("h\xc3\xa9llo, w\xc3\xb6rld"),
      mproc_bytes(raw, sizeof raw),
      mproc_bytes(NULL, 0),
  };
  size_t n = sizeof in / sizeof in[0];
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(in, n, &buf, &len), 0);
  assert_non_null(buf);

  mproc_value_t *out = NULL;
  size_t m = 0;
  assert_int_equal(mproc_decode(buf, len, &out, &m), 0);
  assert_int_equal(m, n);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(out[i].type, in[i].type);
  int64_t i64;
  assert_int_equal(mproc_value_as_int(&out[1], &i64), 0);
  assert_true(i64 == INT64_MIN);
  assert_int_equal(mproc_value_as_int(&out[2], &i64), 0);
  assert_true(i64 == INT64_MAX);
  double d;
  assert_int_equal(mproc_value_as_double(&out[5], &d), 0);
  assert_true(d == 1e300);
  bool b;
  assert_int_equal(mproc_value_as_bool(&out[6], &b), 0);
  assert_true(b);
  const char *s;
  assert_int_equal(mproc_value_as_str(&out[8], &s), 0);
  assert_string_equal(s, "");
  assert_int_equal(mproc_value_as_str(&out[9], &s), 0);
  assert_string_equal(s, "h\xc3\xa9llo, w\xc3\xb6rld");
  const void *p;
  size_t plen;
  assert_int_equal(mproc_value_as_bytes(&out[10], &p, &plen), 0);
  assert_int_equal(plen, sizeof raw);
  assert_memory_equal(p, raw, sizeof raw);
  assert_int_equal(mproc_value_as_bytes(&out[11], &p, &plen), 0);
  assert_int_equal(plen, 0);

  /* Wrong-type getters. */
  assert_int_equal(mproc_value_as_int(&out[4], &i64), MPROC_E_TYPE);
  assert_int_equal(mproc_value_as_str(&out[10], &s), MPROC_E_TYPE);
  assert_int_equal(mproc_value_as_int(NULL, &i64), MPROC_E_INVAL);
  mproc_lock_t *lk;
  assert_int_equal(mproc_value_as_lock(&out[1], &lk), MPROC_E_TYPE);

  mproc_values_free(out, m);
  mproc_free(buf);

  /* Zero values encode and decode. */
  assert_int_equal(mproc_encode(NULL, 0, &buf, &len), 0);
  assert_int_equal(mproc_decode(buf, len, &out, &m), 0);
  assert_int_equal(m, 0);
  mproc_values_free(out, m);
  mproc_free(buf);
}

/* Every truncation and every single-byte corruption of a valid encoding is
 * either decoded or refused with MPROC_E_DECODE: never a crash. */
static void test_malformed(void **state) {
  (void)state;
  mproc_value_t in[] = {mproc_int(42), mproc_str("abc"), mproc_bool(true),
                        mproc_bytes("xyz", 3), mproc_double(2.5)};
  void *buf;
  size_t len;
  assert_int_equal(mproc_encode(in, 5, &buf, &len), 0);
  mproc_value_t *out;
  size_t m;
  for (size_t cut = 0; cut < len; cut++)
    assert_int_equal(mproc_decode(buf, cut, &out, &m), MPROC_E_DECODE);
  unsigned char *copy = malloc(len + 1);
  assert_non_null(copy);
  for (size_t i = 0; i < len; i++) {
    for (int bit = 0; bit < 8; bit++) {
      memcpy(copy, buf, len);
      copy[i] ^= (unsigned char)(1u << bit);
      int rc = mproc_decode(copy, len, &out, &m);
      assert_true(rc == 0 || rc == MPROC_E_DECODE);
      if (rc == 0)
        mproc_values_free(out, m);
    }
  }
  /* Trailing garbage. */
  memcpy(copy, buf, len);
  copy[len] = 0;
  assert_int_equal(mproc_decode(copy, len + 1, &out, &m), MPROC_E_DECODE);
  /* A huge claimed count. */
  static const unsigned char huge[] = {'M',  'P',  'V',  1,
                                       0xff, 0xff, 0xff, 0x7f};
  assert_int_equal(mproc_decode(huge, sizeof huge, &out, &m), MPROC_E_DECODE);
  /* An object tag outside a start record is refused before any handle is
   * looked at. */
  static const unsigned char obj[] = {'M', 'P', 'V', 1, 1, 0, 0, 0, 6, 1,
                                      0,   0,   0,   0, 0, 0, 0, 0, 0, 0,
                                      0,   0,   0,   0, 0, 0, 0, 0, 0};
  assert_int_equal(mproc_decode(obj, sizeof obj, &out, &m), MPROC_E_DECODE);
  /* Random garbage. */
  srand(1234);
  for (int round = 0; round < 2000; round++) {
    size_t n = (size_t)(rand() % (int)(len + 1));
    for (size_t i = 0; i < n; i++)
      copy[i] = (unsigned char)rand();
    if (n >= 4)
      memcpy(copy, "MPV\x01", 4);
    int rc = mproc_decode(copy, n, &out, &m);
    assert_true(rc == 0 || rc == MPROC_E_DECODE);
    if (rc == 0)
      mproc_values_free(out, m);
  }
  free(copy);
  mproc_free(buf);
}

/* The sharing rule at the encoder: every inherit-only type is refused with
 * CPython's message, naming the type the caller passed. */
static void expect_inheritance_error(const void *obj, const char *type) {
  char want[128];
  snprintf(want, sizeof want,
           "%s objects should only be shared between processes through "
           "inheritance",
           type);
  mproc_value_t v[] = {mproc_int(1), mproc_obj(obj)};
  void *buf = (void *)1;
  size_t len = 99;
  assert_int_equal(mproc_encode(v, 2, &buf, &len), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(), want);
  assert_null(buf);
  assert_int_equal(len, 0);
  assert_string_equal(mproc_object_type_name(obj), type);
}

static void test_inheritance_error(void **state) {
  (void)state;
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_semaphore_t *s, *bs;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&s, 3), 0);
  assert_int_equal(mproc_bounded_semaphore_create(&bs, 3), 0);
  expect_inheritance_error(l, "Lock");
  expect_inheritance_error(r, "RLock");
  expect_inheritance_error(s, "Semaphore");
  expect_inheritance_error(bs, "BoundedSemaphore");
  /* A held lock is refused the same way. */
  assert_int_equal(mproc_lock_acquire(l, MPROC_FOREVER), 0);
  expect_inheritance_error(l, "Lock");
  assert_int_equal(mproc_lock_release(l), 0);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(s);
  mproc_semaphore_destroy(bs);
}

static void test_bad_values(void **state) {
  (void)state;
  void *buf;
  size_t len;
  mproc_value_t v = mproc_str(NULL);
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_INVAL);
  v = mproc_bytes(NULL, 5);
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_INVAL);
  v.type = (mproc_value_type_t)77;
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_TYPE);
  /* Something that is not an mproc object. */
  static uint64_t not_an_object[4] = {1, 2, 3, 4};
  v = mproc_obj(not_an_object);
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_TYPE);
  assert_null(mproc_object_type_name(not_an_object));
  v = mproc_obj(NULL);
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_INVAL);
  assert_int_equal(mproc_encode(NULL, 3, &buf, &len), MPROC_E_INVAL);
  assert_int_equal(mproc_encode(&v, 1, NULL, &len), MPROC_E_INVAL);
  mproc_value_t *out;
  size_t m;
  assert_int_equal(mproc_decode(NULL, 4, &out, &m), MPROC_E_INVAL);
  assert_int_equal(mproc_decode("MPV", 3, NULL, &m), MPROC_E_INVAL);
  mproc_values_free(NULL, 0);
}

static void test_status_codes(void **state) {
  (void)state;
  assert_string_equal(mproc_err_name(0), "MPROC_OK");
  assert_string_equal(mproc_err_name(MPROC_E_TIMEOUT), "MPROC_E_TIMEOUT");
  assert_string_equal(mproc_err_name(MPROC_E_INHERITANCE),
                      "MPROC_E_INHERITANCE");
  assert_string_equal(mproc_strerror(MPROC_E_TIMEOUT), "timed out");
  /* Every code has a name and a message; -1 to -20 are the first list. */
  for (int c = -100; c < 0; c++) {
    bool known = strcmp(mproc_err_name(c), "MPROC_E_UNKNOWN") != 0;
    assert_true(known ==
                (strcmp(mproc_strerror(c), "unknown mproc status") != 0));
    if (c >= MPROC_E_SYS)
      assert_true(known);
  }
  assert_string_equal(mproc_err_name(-999), "MPROC_E_UNKNOWN");
  /* The library and the header come from one version (CMakeLists.txt's
   * project()), and the macros spell the string. */
  assert_string_equal(mproc_version(), MPROC_VERSION_STRING);
  char spelled[32];
  snprintf(spelled, sizeof spelled, "%d.%d.%d", MPROC_VERSION_MAJOR,
           MPROC_VERSION_MINOR, MPROC_VERSION_PATCH);
  assert_string_equal(spelled, MPROC_VERSION_STRING);
  assert_int_equal(MPROC_VERSION_HEX, (MPROC_VERSION_MAJOR << 16) |
                                          (MPROC_VERSION_MINOR << 8) |
                                          MPROC_VERSION_PATCH);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_roundtrip),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_inheritance_error),
      cmocka_unit_test(test_bad_values),
      cmocka_unit_test(test_status_codes),
  };
  return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
