/* SPDX-License-Identifier: MIT */
/*
 * Managers: what keeps a hosted object alive. A proxy stored in a manager
 * dict or list holds a reference, as one stored in a CPython manager's
 * dict does, until the entry is removed or overwritten or the container
 * itself goes. A proxy in flight (encoded, put into a queue, popped) is
 * held by a lease until its copy first reaches the manager.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the list the proxy in @p v names, or a negative status. */
static long list_len_of(const mproc_value_t *v) {
  mproc_proxy_t *l;
  size_t n = 0;
  int rc = mproc_value_as_proxy(v, &l);
  if (rc == 0)
    rc = mproc_proxy_list_len(l, &n);
  return rc < 0 ? rc : (long)n;
}

/* args: a dict proxy whose "l" is a list proxy [1, 2] whose own proxy is
 * gone, and whose "nested" holds it too, inside a list of a tuple. */
static int child_use_stored(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *d, *l, *l2;
  mproc_value_t *v = NULL, *nv = NULL;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &d) == 0, 10);
  mproc_value_t k = mproc_str("l"), kn = mproc_str("nested");
  CHECK(mproc_proxy_dict_get(d, &k, &v) == 0, 11);
  CHECK(mproc_value_as_proxy(v, &l) == 0, 12);
  mproc_value_t three = mproc_int(3);
  CHECK(mproc_proxy_list_append(l, &three) == 0, 13);
  CHECK(list_len_of(v) == 3, 14);
  CHECK(mproc_proxy_dict_get(d, &kn, &nv) == 0, 15);
  const mproc_value_t *t = mproc_value_list_at(nv, 0);
  CHECK(t && t->type == MPROC_VALUE_TUPLE && t->u.seq.n == 1, 16);
  CHECK(mproc_value_as_proxy(&t->u.seq.items[0], &l2) == 0, 17);
  CHECK(list_len_of(&t->u.seq.items[0]) == 3, 18);
  mproc_values_free(v, 1);
  mproc_values_free(nv, 1);
  return 0;
}

static void test_stored_proxy_keeps_referent(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_proxy_t *d, *l;
  mproc_value_t i2[2] = {mproc_int(1), mproc_int(2)};
  mproc_value_t il = mproc_list(i2, 2);
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  assert_int_equal(mproc_manager_list_from(mgr, &il, &l), 0);
  mproc_value_t k = mproc_str("l"), kn = mproc_str("nested"), lv = mproc_obj(l);
  mproc_value_t tup = mproc_tuple(&lv, 1);
  mproc_value_t nested = mproc_list(&tup, 1);
  assert_int_equal(mproc_proxy_dict_set(d, &k, &lv), 0);
  assert_int_equal(mproc_proxy_dict_set(d, &kn, &nested), 0);
  /* The creator's proxy goes; the dict's entries keep the list. */
  mproc_proxy_destroy(l);
  mproc_value_t arg = mproc_obj(d);
  harness_expect_exit(
      harness_start(child_use_stored, &arg, 1, TEST_METHOD(state)), 0);
  /* Two copies: one used now (attached), one kept unused. */
  mproc_value_t *used = NULL, *unused = NULL;
  assert_int_equal(mproc_proxy_dict_get(d, &k, &used), 0);
  assert_int_equal(mproc_proxy_dict_get(d, &k, &unused), 0);
  assert_int_equal(list_len_of(used), 3);
  /* Removing and overwriting the entries drops their references; the
   * attached copy still holds one. */
  mproc_value_t zero = mproc_int(0);
  assert_int_equal(mproc_proxy_dict_del(d, &k), 0);
  assert_int_equal(mproc_proxy_dict_set(d, &kn, &zero), 0);
  assert_int_equal(list_len_of(used), 3);
  /* ... and when it goes, so does the list: the unused copy names an
   * object that no longer exists. */
  mproc_values_free(used, 1);
  assert_int_equal(list_len_of(unused), MPROC_E_NOTFOUND);
  assert_non_null(strstr(mproc_last_error(), "no longer exists"));
  mproc_values_free(unused, 1);

  /* A list holds its items' references until the list itself goes. */
  mproc_proxy_t *outer, *inner;
  assert_int_equal(mproc_manager_list(mgr, &outer), 0);
  assert_int_equal(mproc_manager_list_from(mgr, &il, &inner), 0);
  mproc_value_t iv = mproc_obj(inner);
  assert_int_equal(mproc_proxy_list_append(outer, &iv), 0);
  mproc_proxy_destroy(inner);
  mproc_value_t *copy = NULL;
  assert_int_equal(mproc_proxy_list_get(outer, 0, &copy), 0);
  mproc_value_t *copy2 = NULL;
  assert_int_equal(mproc_proxy_list_get(outer, -1, &copy2), 0);
  assert_int_equal(list_len_of(copy2), 2);
  mproc_values_free(copy2, 1);
  mproc_proxy_destroy(outer); /* the list and its entries go */
  assert_int_equal(list_len_of(copy), MPROC_E_NOTFOUND);
  mproc_values_free(copy, 1);
  mproc_proxy_destroy(d);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* ------------------------------------------------------------------------ */
/* A proxy in flight                                                        */
/* ------------------------------------------------------------------------ */

/* args: the bytes of an encoded list proxy [1, 2], whose sender has
 * destroyed its proxy. */
static int child_decode_use(const mproc_value_t *args, size_t nargs) {
  const void *b;
  size_t len, n = 0;
  mproc_value_t *v = NULL;
  mproc_proxy_t *l;
  CHECK(nargs == 1 && mproc_value_as_bytes(&args[0], &b, &len) == 0, 10);
  CHECK(mproc_decode(b, len, &v, &n) == 0 && n == 1, 11);
  CHECK(mproc_value_as_proxy(v, &l) == 0, 12);
  mproc_value_t three = mproc_int(3);
  CHECK(mproc_proxy_list_append(l, &three) == 0, 13);
  CHECK(list_len_of(v) == 3, 14);
  mproc_values_free(v, n);
  return 0;
}

/* args: a manager queue holding a list proxy [1, 2] whose sender has
 * destroyed its proxy. */
static int child_get_use(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *q;
  mproc_value_t *v = NULL;
  CHECK(nargs == 1 && mproc_value_as_proxy(&args[0], &q) == 0, 10);
  CHECK(mproc_proxy_queue_get(q, &v, 60.0) == 0, 11);
  CHECK(list_len_of(v) == 2, 12);
  mproc_values_free(v, 1);
  return 0;
}

static void test_proxy_in_flight(void **state) {
  mproc_manager_t *mgr = harness_manager_start(TEST_METHOD(state));
  mproc_value_t i2[2] = {mproc_int(1), mproc_int(2)};
  mproc_value_t il = mproc_list(i2, 2);
  mproc_proxy_t *l, *q, *d;
  /* Encoded, destroyed at once, decoded and used in a child. */
  assert_int_equal(mproc_manager_list_from(mgr, &il, &l), 0);
  mproc_value_t lv = mproc_obj(l);
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(&lv, 1, &buf, &len), 0);
  mproc_proxy_destroy(l);
  mproc_value_t arg = mproc_bytes(buf, len);
  harness_expect_exit(
      harness_start(child_decode_use, &arg, 1, TEST_METHOD(state)), 0);
  mproc_free(buf);
  /* Put into a manager queue, destroyed, got and used in a child. */
  assert_int_equal(mproc_manager_queue(mgr, 0, &q), 0);
  assert_int_equal(mproc_manager_list_from(mgr, &il, &l), 0);
  lv = mproc_obj(l);
  assert_int_equal(mproc_proxy_queue_put(q, &lv, 10.0), 0);
  mproc_proxy_destroy(l);
  arg = mproc_obj(q);
  harness_expect_exit(harness_start(child_get_use, &arg, 1, TEST_METHOD(state)),
                      0);
  mproc_proxy_destroy(q);
  /* Popped from a dict that held its only reference: still there when the
   * popped copy first calls. */
  mproc_value_t *v = NULL;
  mproc_value_t k = mproc_str("x");
  assert_int_equal(mproc_manager_dict(mgr, &d), 0);
  assert_int_equal(mproc_manager_list_from(mgr, &il, &l), 0);
  lv = mproc_obj(l);
  assert_int_equal(mproc_proxy_dict_set(d, &k, &lv), 0);
  mproc_proxy_destroy(l);
  assert_int_equal(mproc_proxy_dict_pop(d, &k, NULL, &v), 0);
  assert_int_equal(list_len_of(v), 2);
  mproc_values_free(v, 1);
  mproc_proxy_destroy(d);
  /* One encoding, two receivers: the first claims the lease; once it is
   * gone too, the second is told which object is gone and why. */
  assert_int_equal(mproc_manager_list_from(mgr, &il, &l), 0);
  lv = mproc_obj(l);
  assert_int_equal(mproc_encode(&lv, 1, &buf, &len), 0);
  mproc_proxy_destroy(l);
  mproc_value_t *a = NULL, *b = NULL;
  size_t n = 0;
  assert_int_equal(mproc_decode(buf, len, &a, &n), 0);
  assert_int_equal(mproc_decode(buf, len, &b, &n), 0);
  mproc_free(buf);
  assert_int_equal(list_len_of(a), 2);
  mproc_values_free(a, 1);
  assert_int_equal(list_len_of(b), MPROC_E_NOTFOUND);
  assert_non_null(strstr(mproc_last_error(), "(a list) no longer exists"));
  assert_non_null(strstr(mproc_last_error(), "lease"));
  mproc_values_free(b, 1);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("use_stored", child_use_stored);
  mproc_register("decode_use", child_decode_use);
  mproc_register("get_use", child_get_use);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stored_proxy_keeps_referent),
      cmocka_unit_test(test_proxy_in_flight),
  };
  return harness_run(argc, argv, "manager_refs", tests,
                     sizeof tests / sizeof tests[0]);
}
