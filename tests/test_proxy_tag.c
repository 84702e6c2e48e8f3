/* SPDX-License-Identifier: MIT */
/*
 * A decoded proxy may not point this process at a foreign address (issue
 * 13, item 4): a process connects to a proxy's address, and answers its
 * challenge with its own key, so bytes crafted by someone without the key
 * could make it log the attacker in to a manager it trusts. An encoded
 * proxy carries HMAC(key, address); decode refuses, with MPROC_E_PERM and
 * a message naming the address, a proxy whose tag does not verify under
 * this process's key. A genuine proxy still goes anywhere in the family.
 */
#include "harness.h"

#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first occurrence of @p s in @p buf, or NULL (memmem, portably). */
static uint8_t *find(uint8_t *buf, size_t len, const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(buf + i, s, n) == 0)
      return buf + i;
  return NULL;
}

static void encode_proxy(mproc_proxy_t *p, uint8_t **buf, size_t *len) {
  mproc_value_t v = mproc_obj(p);
  void *out;
  assert_int_equal(mproc_encode(&v, 1, &out, len), 0);
  *buf = out;
}

/* Decodes one proxy: 0 and the proxy, or the error. */
static int decode_proxy(const uint8_t *buf, size_t len, mproc_proxy_t **out) {
  mproc_value_t *v = NULL;
  size_t n = 0;
  *out = NULL;
  int rc = mproc_decode(buf, len, &v, &n);
  if (rc == 0) {
    assert_int_equal(n, 1);
    assert_int_equal(mproc_value_as_proxy(&v[0], out), 0);
    v[0] = mproc_none(); /* the proxy is the caller's now */
    mproc_values_free(v, n);
  }
  return rc;
}

static void check_works(mproc_proxy_t *p) {
  assert_int_equal(mproc_proxy_acquire(p, 5.0), 0);
  assert_int_equal(mproc_proxy_release(p), 0);
}

/* The bytes of a genuine proxy with the address changed (the tag kept) are
 * refused, naming the address; the genuine bytes still work. */
static void test_forged_address(void **state) {
  mproc_manager_options_t o = {TEST_METHOD(state), NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  mproc_proxy_t *lk = NULL, *got = NULL;
  assert_int_equal(mproc_manager_lock(m, &lk), 0);
  uint8_t *buf;
  size_t len;
  encode_proxy(lk, &buf, &len);
  const char *address = mproc_manager_address(m);
  uint8_t *forged = malloc(len);
  assert_non_null(forged);
  memcpy(forged, buf, len);
  uint8_t *a = find(forged, len, address);
  assert_non_null(a);
  size_t alen = strlen(address);
  a[alen - 1] = a[alen - 1] == 'x' ? 'y' : 'x'; /* another manager's */
  char other[MPROC__ADDR_MAX];
  memcpy(other, a, alen);
  other[alen] = '\0';

  assert_int_equal(decode_proxy(forged, len, &got), MPROC_E_PERM);
  assert_null(got);
  assert_non_null(strstr(mproc_last_error(), other));
  assert_int_equal(decode_proxy(buf, len, &got), 0);
  check_works(got);
  mproc_proxy_destroy(got);
  free(forged);
  mproc_free(buf);
  mproc_proxy_destroy(lk);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

/* args: queue. A process of another family (another process key) encodes
 * a proxy for an address of its choosing and sends the bytes. */
static int child_foreign(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  CHECK(nargs == 1 && mproc_value_as_queue(&args[0], &q) == 0, 10);
  uint8_t key[MPROC_AUTHKEY_LEN];
  memset(key, 0x5a, sizeof key);
  mproc__authkey_set(key);
  mproc_proxy_t *p = NULL;
  CHECK(mproc__proxy_new("127.0.0.1:9", key, sizeof key, &mproc__cwire_native,
                         K_DICT, 1, &p) == 0,
        11);
  mproc_value_t v = mproc_obj(p);
  void *buf;
  size_t len;
  CHECK(mproc_encode(&v, 1, &buf, &len) == 0, 12);
  mproc_value_t b = mproc_bytes(buf, len);
  CHECK(mproc_queue_put(q, &b, 1, 10.0) == 0, 13);
  mproc_free(buf);
  mproc_proxy_destroy(p);
  return 0;
}

static void test_foreign_key(void **state) {
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t arg = mproc_obj(q);
  mproc_process_t *p =
      harness_start(child_foreign, &arg, 1, TEST_METHOD(state));
  mproc_value_t *v;
  size_t n;
  const void *bytes;
  size_t len;
  assert_int_equal(mproc_queue_get(q, &v, &n, 30.0), 0);
  assert_int_equal(mproc_value_as_bytes(&v[0], &bytes, &len), 0);
  mproc_proxy_t *got = NULL;
  assert_int_equal(decode_proxy(bytes, len, &got), MPROC_E_PERM);
  assert_non_null(strstr(mproc_last_error(), "127.0.0.1:9"));
  mproc_values_free(v, n);
  harness_expect_exit(p, 0);
  mproc_queue_destroy(q);
}

/* args: queue in, queue out. Takes a proxy to a Lock from the queue (made
 * by a manager started after this process), uses it, says so. */
static int child_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *in, *out;
  CHECK(nargs == 2 && mproc_value_as_queue(&args[0], &in) == 0 &&
            mproc_value_as_queue(&args[1], &out) == 0,
        10);
  mproc_value_t *v;
  size_t n;
  mproc_proxy_t *p;
  CHECK(mproc_queue_get(in, &v, &n, 30.0) == 0, 11);
  CHECK(n == 1 && mproc_value_as_proxy(&v[0], &p) == 0, 12);
  CHECK(mproc_proxy_acquire(p, 5.0) == 0, 13);
  CHECK(mproc_proxy_release(p) == 0, 14);
  mproc_values_free(v, n);
  mproc_value_t ok = mproc_str("ok");
  CHECK(mproc_queue_put(out, &ok, 1, 10.0) == 0, 15);
  return 0;
}

/* A genuine proxy through a queue to a process started before its manager
 * still works. */
static void test_queue_to_child(void **state) {
  mproc_queue_t *in, *out;
  assert_int_equal(mproc_queue_create(&in, NULL), 0);
  assert_int_equal(mproc_queue_create(&out, NULL), 0);
  mproc_value_t args[2] = {mproc_obj(in), mproc_obj(out)};
  mproc_process_t *p =
      harness_start(child_consumer, args, 2, TEST_METHOD(state));
  mproc_manager_options_t o = {TEST_METHOD(state), NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  mproc_proxy_t *lk = NULL;
  assert_int_equal(mproc_manager_lock(m, &lk), 0);
  mproc_value_t pv = mproc_obj(lk);
  assert_int_equal(mproc_queue_put(in, &pv, 1, 10.0), 0);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_queue_get(out, &v, &n, 60.0), 0);
  assert_string_equal(v[0].u.s, "ok");
  mproc_values_free(v, n);
  harness_expect_exit(p, 0);
  mproc_proxy_destroy(lk);
  assert_int_equal(mproc_manager_shutdown(m), 0);
  mproc_queue_destroy(in);
  mproc_queue_destroy(out);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("foreign", child_foreign);
  mproc_register("consumer", child_consumer);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_forged_address),
      cmocka_unit_test(test_foreign_key),
      cmocka_unit_test(test_queue_to_child),
  };
  return harness_run(argc, argv, "proxy_tag", tests,
                     sizeof tests / sizeof tests[0]);
}
