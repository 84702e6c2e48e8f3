/* SPDX-License-Identifier: MIT */
/*
 * Value, Array and named shared memory across processes, under every start
 * method.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPROC 3
#define NITER 500

/* ------------------------------------------------------------------------ */
/* Value                                                                    */
/* ------------------------------------------------------------------------ */

/* args: value. Increments it NITER times under its lock (read, yield,
 * write: without the lock, updates would be lost). */
static int child_increment(const mproc_value_t *args, size_t nargs) {
  mproc_shared_value_t *v;
  mproc_rlock_t *lock;
  if (nargs != 1 || mproc_value_as_shared_value(&args[0], &v) != 0 ||
      mproc_shared_value_get_lock(v, &lock) != 0)
    return 10;
  for (int i = 0; i < NITER; i++) {
    int64_t x;
    if (mproc_rlock_acquire(lock, MPROC_FOREVER) != 0)
      return 11;
    if (mproc_shared_value_get_int(v, &x) != 0) /* re-entrant: an RLock */
      return 12;
    harness_yield();
    if (mproc_shared_value_set_int(v, x + 1) != 0)
      return 13;
    if (mproc_rlock_release(lock) != 0)
      return 14;
  }
  return 0;
}

static void test_value_with_lock(void **state) {
  mproc_shared_value_t *v;
  assert_int_equal(mproc_shared_value_create(&v, MPROC_C_INT32, true), 0);
  mproc_value_t a = mproc_obj(v);
  mproc_process_t *p[NPROC];
  for (int i = 0; i < NPROC; i++)
    p[i] = harness_start(child_increment, &a, 1, TEST_METHOD(state));
  for (int i = 0; i < NPROC; i++)
    harness_expect_exit(p[i], 0);
  int64_t x = 0;
  assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
  assert_int_equal(x, NPROC * NITER);
  assert_int_equal(*(int32_t *)mproc_shared_value_ptr(v), NPROC * NITER);
  mproc_shared_value_destroy(v);
}

/* args: double value (no lock). Checks 1.5, writes 2.25. */
static int child_double(const mproc_value_t *args, size_t nargs) {
  mproc_shared_value_t *v;
  mproc_rlock_t *lock;
  double d;
  if (nargs != 1 || mproc_value_as_shared_value(&args[0], &v) != 0)
    return 20;
  if (mproc_shared_value_get_lock(v, &lock) != MPROC_E_STATE)
    return 21;
  if (mproc_shared_value_get_double(v, &d) != 0 || d != 1.5)
    return 22;
  return mproc_shared_value_set_double(v, 2.25) == 0 ? 0 : 23;
}

static void test_value_without_lock(void **state) {
  mproc_shared_value_t *v;
  assert_int_equal(mproc_shared_value_create(&v, MPROC_C_DOUBLE, false), 0);
  assert_int_equal(mproc_shared_value_set_double(v, 1.5), 0);
  mproc_value_t a = mproc_obj(v);
  harness_expect_exit(harness_start(child_double, &a, 1, TEST_METHOD(state)),
                      0);
  double d = 0;
  assert_int_equal(mproc_shared_value_get_double(v, &d), 0);
  assert_true(d == 2.25);
  int64_t i = 0;
  assert_int_equal(mproc_shared_value_get_int(v, &i), 0);
  assert_int_equal(i, 2);
  mproc_shared_value_destroy(v);
  /* Conversions to the C type. */
  assert_int_equal(mproc_shared_value_create(&v, MPROC_C_UINT8, false), 0);
  assert_int_equal(mproc_shared_value_set_int(v, 257), 0);
  assert_int_equal(mproc_shared_value_get_int(v, &i), 0);
  assert_int_equal(i, 1);
  mproc_shared_value_destroy(v);
  assert_int_equal(mproc_shared_value_create(&v, (mproc_ctype_t)99, false),
                   MPROC_E_VALUE);
  assert_int_equal(mproc_shared_value_create(NULL, MPROC_C_INT8, false),
                   MPROC_E_INVAL);
}

/* args: value, ready semaphore, event never set. Takes the value's lock,
 * writes 42 under it, and blocks holding it until killed. */
static int child_hold_value_lock(const mproc_value_t *args, size_t nargs) {
  mproc_shared_value_t *v;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  mproc_rlock_t *lock;
  CHECK(nargs == 3 && mproc_value_as_shared_value(&args[0], &v) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0 &&
            mproc_shared_value_get_lock(v, &lock) == 0,
        10);
  CHECK(mproc_rlock_acquire(lock, 10.0) == 0, 11);
  CHECK(mproc_shared_value_set_int(v, 42) == 0, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  mproc_event_wait(never, 120.0);
  return 14;
}

/* Starts child_hold_value_lock on @p v and kills it once it holds the
 * lock. */
static void kill_value_holder(mproc_start_method_t m, mproc_value_t *a,
                              mproc_semaphore_t *ready) {
  mproc_process_t *p = harness_start(child_hold_value_lock, a, 3, m);
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
}

/* Regression (issue 12, item 7): a get or set after the lock's holder died
 * returned MPROC_E_OWNER_DEAD without the value and left the caller holding
 * the lock, so a program that ignored the code (as `counter.value` does in
 * Python) kept it forever. Now the value comes with the code and the lock
 * is free again. */
static void test_value_owner_dead(void **state) {
  mproc_shared_value_t *v;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  mproc_rlock_t *lock;
  assert_int_equal(mproc_shared_value_create(&v, MPROC_C_INT64, true), 0);
  assert_int_equal(mproc_shared_value_get_lock(v, &lock), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(v), mproc_obj(ready), mproc_obj(never)};

  /* get_int: the value, the code, and a free lock. */
  kill_value_holder(TEST_METHOD(state), a, ready);
  int64_t x = 0;
  assert_int_equal(mproc_shared_value_get_int(v, &x), MPROC_E_OWNER_DEAD);
  assert_int_equal(x, 42);
  assert_non_null(strstr(mproc_last_error(), "may be inconsistent"));
  assert_int_equal(mproc_rlock_count(lock), 0);
  assert_int_equal(mproc_rlock_acquire(lock, 0), 0);
  assert_int_equal(mproc_rlock_release(lock), 0);
  x = 0;
  assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
  assert_int_equal(x, 42);

  /* get_double. */
  kill_value_holder(TEST_METHOD(state), a, ready);
  double d = 0;
  assert_int_equal(mproc_shared_value_get_double(v, &d), MPROC_E_OWNER_DEAD);
  assert_true(d == 42.0);
  assert_int_equal(mproc_rlock_acquire(lock, 0), 0);
  assert_int_equal(mproc_rlock_release(lock), 0);

  /* set_int: written, and the lock free. */
  kill_value_holder(TEST_METHOD(state), a, ready);
  assert_int_equal(mproc_shared_value_set_int(v, 7), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_rlock_count(lock), 0);
  assert_int_equal(mproc_rlock_acquire(lock, 0), 0);
  assert_int_equal(mproc_rlock_release(lock), 0);
  assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
  assert_int_equal(x, 7);

  /* set_double. */
  kill_value_holder(TEST_METHOD(state), a, ready);
  assert_int_equal(mproc_shared_value_set_double(v, 9.0), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_rlock_acquire(lock, 0), 0);
  assert_int_equal(mproc_rlock_release(lock), 0);
  assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
  assert_int_equal(x, 9);

  mproc_shared_value_destroy(v);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* ------------------------------------------------------------------------ */
/* Array                                                                    */
/* ------------------------------------------------------------------------ */

#define ALEN 1000

/* args: array, offset. Writes a[i] = i * i + offset for every i under the
 * array's lock if it has one. */
static int child_fill(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *a;
  int64_t off;
  if (nargs != 2 || mproc_value_as_shared_array(&args[0], &a) != 0 ||
      mproc_value_as_int(&args[1], &off) != 0)
    return 30;
  if (mproc_shared_array_length(a) != ALEN ||
      mproc_shared_array_elem_size(a) != sizeof(int64_t))
    return 31;
  mproc_rlock_t *lock = NULL;
  mproc_shared_array_get_lock(a, &lock);
  if (lock && mproc_rlock_acquire(lock, MPROC_FOREVER) != 0)
    return 32;
  int64_t *p = mproc_shared_array_ptr(a);
  for (int64_t i = 0; i < ALEN; i++)
    p[i] = i * i + off;
  if (lock && mproc_rlock_release(lock) != 0)
    return 33;
  return 0;
}

static void check_array(mproc_start_method_t m, bool lock) {
  mproc_shared_array_t *a;
  assert_int_equal(mproc_shared_array_create(&a, sizeof(int64_t), ALEN, lock),
                   0);
  int64_t *p = mproc_shared_array_ptr(a);
  for (int i = 0; i < ALEN; i++)
    assert_int_equal(p[i], 0);
  mproc_value_t args[2] = {mproc_obj(a), mproc_int(7)};
  harness_expect_exit(harness_start(child_fill, args, 2, m), 0);
  for (int64_t i = 0; i < ALEN; i++)
    assert_int_equal(p[i], i * i + 7);
  mproc_rlock_t *l;
  assert_int_equal(mproc_shared_array_get_lock(a, &l),
                   lock ? 0 : MPROC_E_STATE);
  mproc_shared_array_destroy(a);
}

static void test_array(void **state) {
  check_array(TEST_METHOD(state), true);
  check_array(TEST_METHOD(state), false);
  mproc_shared_array_t *a;
  assert_int_equal(mproc_shared_array_create(&a, 0, 10, false), MPROC_E_VALUE);
  assert_int_equal(mproc_shared_array_create(&a, SIZE_MAX / 2, 10, false),
                   MPROC_E_VALUE);
  assert_null(mproc_shared_array_ptr(NULL));
  mproc_shared_array_destroy(NULL);
}

/* ------------------------------------------------------------------------ */
/* CPython's lock= and initial values; typed Array access                   */
/* ------------------------------------------------------------------------ */

/* CPython's _TestValue.codes_values: (type, initial, set by the child). */
#define NCODES 4
static const mproc_ctype_t code_types[NCODES] = {MPROC_C_INT32, MPROC_C_DOUBLE,
                                                 MPROC_C_INT16, MPROC_C_INT64};
static const double code_init[NCODES] = {4343, 3.625, -232, 8589934592.0};
static const double code_then[NCODES] = {24234, -4.25, 234, 17179869184.0};

/* args: NCODES values. Checks the initial values, sets the second ones
 * (CPython's _TestValue._test). */
static int child_set_codes(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == NCODES, 10);
  for (int i = 0; i < NCODES; i++) {
    mproc_shared_value_t *v;
    double d;
    CHECK(mproc_value_as_shared_value(&args[i], &v) == 0, 11);
    CHECK(mproc_shared_value_get_double(v, &d) == 0 && d == code_init[i],
          20 + i);
    CHECK(mproc_shared_value_set_double(v, code_then[i]) == 0, 30 + i);
  }
  return 0;
}

/* CPython's test_value and test_rawvalue: initial values of each type, a
 * child that sets them, locked or raw. */
static void test_value_initial(void **state) {
  for (int raw = 0; raw < 2; raw++) {
    mproc_shared_value_t *v[NCODES];
    mproc_value_t a[NCODES];
    /* The initializer is one element of the value's own C type. */
    int32_t i32 = 4343;
    double d = 3.625;
    int16_t i16 = -232;
    int64_t i64 = (int64_t)1 << 33;
    const void *init[NCODES] = {&i32, &d, &i16, &i64};
    for (int i = 0; i < NCODES; i++) {
      mproc_shared_options_t o = {0};
      o.raw = raw;
      o.init = init[i];
      assert_int_equal(mproc_shared_value_create_ex(&v[i], code_types[i], &o),
                       0);
      double x;
      assert_int_equal(mproc_shared_value_get_double(v[i], &x), 0);
      assert_true(x == code_init[i]);
      a[i] = mproc_obj(v[i]);
    }
    harness_expect_exit(
        harness_start(child_set_codes, a, NCODES, TEST_METHOD(state)), 0);
    for (int i = 0; i < NCODES; i++) {
      double x;
      assert_int_equal(mproc_shared_value_get_double(v[i], &x), 0);
      assert_true(x == code_then[i]);
      void *l = NULL;
      assert_int_equal(mproc_shared_value_lock(v[i], &l),
                       raw ? MPROC_E_STATE : 0);
      mproc_shared_value_destroy(v[i]);
    }
  }
  /* NULL options: CPython's defaults (a new RLock, zero). */
  mproc_shared_value_t *z;
  assert_int_equal(mproc_shared_value_create_ex(&z, MPROC_C_UINT8, NULL), 0);
  int64_t x = 1;
  assert_int_equal(mproc_shared_value_get_int(z, &x), 0);
  assert_int_equal(x, 0);
  mproc_rlock_t *rl;
  assert_int_equal(mproc_shared_value_get_lock(z, &rl), 0);
  mproc_shared_value_destroy(z);
}

/* args: value whose lock is the parent's, checked (Event). The parent
 * holds the lock: this process's copy of it must be that same lock. */
static int child_supplied_lock(const mproc_value_t *args, size_t nargs) {
  mproc_shared_value_t *v;
  mproc_event_t *checked;
  void *lock;
  CHECK(nargs == 2 && mproc_value_as_shared_value(&args[0], &v) == 0 &&
            mproc_value_as_event(&args[1], &checked) == 0,
        10);
  CHECK(mproc_shared_value_lock(v, &lock) == 0, 11);
  CHECK(mproc_acquire(lock, 0.05) == MPROC_E_TIMEOUT, 12);
  CHECK(mproc_event_set(checked) == 0, 13);
  /* Waits for the parent's release inside the setter. */
  CHECK(mproc_shared_value_set_int(v, 99) == 0, 14);
  return 0;
}

/* args: value and array sharing one lock (a manager's, or an RLock). */
static int child_shared_lock(const mproc_value_t *args, size_t nargs) {
  mproc_shared_value_t *v;
  mproc_shared_array_t *a;
  void *lv, *la;
  CHECK(nargs == 2 && mproc_value_as_shared_value(&args[0], &v) == 0 &&
            mproc_value_as_shared_array(&args[1], &a) == 0,
        10);
  CHECK(mproc_shared_value_lock(v, &lv) == 0 &&
            mproc_shared_array_lock(a, &la) == 0,
        11);
  int64_t x;
  CHECK(mproc_shared_value_get_int(v, &x) == 0 && x == 5, 12);
  CHECK(mproc_shared_value_set_int(v, 6) == 0, 13);
  CHECK(mproc_shared_array_set_int(a, -1, 7) == 0, 14);
  /* One lock for both, as given: holding it across two operations. */
  CHECK(mproc_acquire(lv, 10.0) == 0, 15);
  CHECK(mproc_release(la) == 0, 16);
  return 0;
}

/* CPython's test_getobj_getlock: lock=None and the default make a new
 * lock, lock=<a Lock> uses that one (in a child too), lock=False has none,
 * and a lock without acquire is refused. */
static void test_value_lock_choice(void **state) {
  mproc_lock_t *lock;
  mproc_event_t *checked;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_event_create(&checked), 0);
  mproc_shared_value_t *v;
  mproc_shared_options_t o = {0};
  o.lock = lock;
  assert_int_equal(mproc_shared_value_create_ex(&v, MPROC_C_INT32, &o), 0);
  void *got = NULL;
  assert_int_equal(mproc_shared_value_lock(v, &got), 0);
  assert_ptr_equal(got, lock); /* CPython: assertEqual(lock, lock3) */
  mproc_rlock_t *rl;
  assert_int_equal(mproc_shared_value_get_lock(v, &rl), MPROC_E_TYPE);
  /* get and set take the Lock and give it back. */
  assert_int_equal(mproc_shared_value_set_int(v, 5), 0);
  assert_int_equal(mproc_lock_locked(lock), 0);
  /* A child's copy is the same lock: held here, it waits there. */
  assert_int_equal(mproc_lock_acquire(lock, 0), 0);
  mproc_value_t a[] = {mproc_obj(v), mproc_obj(checked)};
  mproc_process_t *p =
      harness_start(child_supplied_lock, a, 2, TEST_METHOD(state));
  assert_int_equal(mproc_event_wait(checked, 60.0), 0);
  /* (A get here would wait for ourselves: a Lock is not recursive.) */
  assert_int_equal(mproc_lock_release(lock), 0);
  harness_expect_exit(p, 0);
  int64_t x = 0;
  assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
  assert_int_equal(x, 99);
  mproc_shared_value_destroy(v);
  /* The lock outlives the value: it was the caller's. */
  assert_int_equal(mproc_lock_acquire(lock, 0), 0);
  assert_int_equal(mproc_lock_release(lock), 0);

  /* Raw: no lock; a lock with raw is a contradiction. */
  o.raw = true;
  assert_int_equal(mproc_shared_value_create_ex(&v, MPROC_C_INT32, &o),
                   MPROC_E_INVAL);
  assert_null(v);
  /* Not a lock: CPython's AttributeError. */
  o.raw = false;
  o.lock = checked;
  assert_int_equal(mproc_shared_value_create_ex(&v, MPROC_C_INT32, &o),
                   MPROC_E_TYPE);
  assert_non_null(
      strstr(mproc_last_error(), "'Event' object has no attribute 'acquire'"));
  mproc_shared_array_t *arr;
  assert_int_equal(mproc_shared_array_create_ex(&arr, MPROC_C_INT32, 3, &o),
                   MPROC_E_TYPE);
  assert_int_equal(mproc_shared_value_create_ex(&v, (mproc_ctype_t)99, NULL),
                   MPROC_E_VALUE);

  /* One lock for a Value and an Array: an RLock here, and a manager's
   * Lock, which crosses with them to the child as a proxy. */
  mproc_rlock_t *shared_rlock;
  assert_int_equal(mproc_rlock_create(&shared_rlock), 0);
  mproc_manager_t *mgr;
  mproc_proxy_t *plock;
  mproc_manager_options_t mo = {.start_method = TEST_METHOD(state)};
  assert_int_equal(mproc_manager_start(&mgr, &mo), 0);
  assert_int_equal(mproc_manager_lock(mgr, &plock), 0);
  const void *locks[2] = {shared_rlock, plock};
  for (int k = 0; k < 2; k++) {
    int32_t five = 5;
    mproc_shared_options_t so = {0};
    so.lock = locks[k];
    so.init = &five;
    assert_int_equal(mproc_shared_value_create_ex(&v, MPROC_C_INT32, &so), 0);
    so.init = NULL;
    assert_int_equal(mproc_shared_array_create_ex(&arr, MPROC_C_INT32, 3, &so),
                     0);
    mproc_value_t b[] = {mproc_obj(v), mproc_obj(arr)};
    harness_expect_exit(
        harness_start(child_shared_lock, b, 2, TEST_METHOD(state)), 0);
    assert_int_equal(mproc_shared_value_get_int(v, &x), 0);
    assert_int_equal(x, 6);
    assert_int_equal(mproc_shared_array_get_int(arr, 2, &x), 0);
    assert_int_equal(x, 7);
    /* The child left it free (its acquire and release were a pair). */
    assert_int_equal(mproc_acquire(locks[k], 0), 0);
    assert_int_equal(mproc_release(locks[k]), 0);
    mproc_shared_array_destroy(arr);
    mproc_shared_value_destroy(v);
  }
  mproc_proxy_destroy(plock);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
  mproc_rlock_destroy(shared_rlock);
  mproc_event_destroy(checked);
  mproc_lock_destroy(lock);
}

/* args: int32 array. CPython's _TestArray.f: prefix sums, in place. */
static int child_prefix_sums(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *a;
  CHECK(nargs == 1 && mproc_value_as_shared_array(&args[0], &a) == 0, 10);
  int64_t n = (int64_t)mproc_shared_array_length(a);
  for (int64_t i = 1; i < n; i++) {
    int64_t prev, cur;
    CHECK(mproc_shared_array_get_int(a, i - 1, &prev) == 0, 11);
    CHECK(mproc_shared_array_get_int(a, i, &cur) == 0, 12);
    CHECK(mproc_shared_array_set_int(a, i, cur + prev) == 0, 13);
  }
  return 0;
}

/* CPython's test_array and test_rawarray: an initializer, len, one
 * element, a slice read, a slice assignment, and a child's prefix sums;
 * then Python's negative indexes and the bounds. */
static void test_array_typed(void **state) {
  for (int raw = 0; raw < 2; raw++) {
    int32_t seq[10] = {680, 626, 934, 821, 150, 233, 548, 982, 714, 831};
    mproc_shared_options_t o = {0};
    o.raw = raw;
    o.init = seq;
    mproc_shared_array_t *a;
    assert_int_equal(mproc_shared_array_create_ex(&a, MPROC_C_INT32, 10, &o),
                     0);
    assert_int_equal(mproc_shared_array_length(a), 10);
    assert_int_equal(mproc_shared_array_elem_size(a), 4);
    int64_t x;
    assert_int_equal(mproc_shared_array_get_int(a, 3, &x), 0);
    assert_int_equal(x, seq[3]);
    int32_t part[5];
    assert_int_equal(mproc_shared_array_read(a, 2, 5, part), 0);
    assert_memory_equal(part, seq + 2, sizeof part);
    /* arr[4:8] = seq[4:8] = [1, 2, 3, 4] */
    const int32_t four[4] = {1, 2, 3, 4};
    assert_int_equal(mproc_shared_array_write(a, 4, 4, four), 0);
    memcpy(seq + 4, four, sizeof four);
    int32_t all[10];
    assert_int_equal(mproc_shared_array_read(a, 0, 10, all), 0);
    assert_memory_equal(all, seq, sizeof all);
    for (int i = 1; i < 10; i++)
      seq[i] += seq[i - 1];
    mproc_value_t arg = mproc_obj(a);
    harness_expect_exit(
        harness_start(child_prefix_sums, &arg, 1, TEST_METHOD(state)), 0);
    assert_int_equal(mproc_shared_array_read(a, 0, 10, all), 0);
    assert_memory_equal(all, seq, sizeof all);

    /* Python's indexes: -1 is the last, -10 the first; -11 and 10 are
     * outside (IndexError: invalid index). */
    assert_int_equal(mproc_shared_array_get_int(a, -1, &x), 0);
    assert_int_equal(x, seq[9]);
    assert_int_equal(mproc_shared_array_get_int(a, -10, &x), 0);
    assert_int_equal(x, seq[0]);
    assert_int_equal(mproc_shared_array_get_int(a, -11, &x), MPROC_E_VALUE);
    assert_non_null(strstr(mproc_last_error(), "invalid index"));
    assert_int_equal(mproc_shared_array_get_int(a, 10, &x), MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_set_int(a, 10, 1), MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_set_int(a, INT64_MIN, 1),
                     MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_set_int(a, -2, -7), 0);
    assert_int_equal(mproc_shared_array_get_int(a, 8, &x), 0);
    assert_int_equal(x, -7);
    /* Ranges: whole elements inside the array, or nothing is copied. */
    int32_t three[3] = {0};
    assert_int_equal(mproc_shared_array_read(a, -3, 3, three), 0);
    assert_int_equal(three[1], -7);
    assert_int_equal(mproc_shared_array_read(a, 8, 3, three), MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_write(a, 8, 3, three), MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_read(a, 0, SIZE_MAX, three),
                     MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_read(a, 10, 0, NULL), 0);
    assert_int_equal(mproc_shared_array_read(a, 11, 0, NULL), MPROC_E_VALUE);
    assert_int_equal(mproc_shared_array_read(a, 0, 1, NULL), MPROC_E_INVAL);
    assert_int_equal(mproc_shared_array_get_int(a, 0, NULL), MPROC_E_INVAL);
    /* Conversions, as the Value's: a double into an int32 truncates. */
    assert_int_equal(mproc_shared_array_set_double(a, 0, 2.75), 0);
    double d;
    assert_int_equal(mproc_shared_array_get_double(a, 0, &d), 0);
    assert_true(d == 2.0);
    mproc_shared_array_destroy(a);
  }
  /* CPython's test_array_from_size: zero-filled; and a double array. */
  mproc_shared_array_t *a;
  assert_int_equal(mproc_shared_array_create_ex(&a, MPROC_C_DOUBLE, 10, NULL),
                   0);
  for (int64_t i = 0; i < 10; i++) {
    double d = 1;
    assert_int_equal(mproc_shared_array_get_double(a, i, &d), 0);
    assert_true(d == 0);
    assert_int_equal(mproc_shared_array_set_double(a, i, (double)i / 4), 0);
  }
  double ds[10];
  assert_int_equal(mproc_shared_array_read(a, 0, 10, ds), 0);
  assert_true(ds[9] == 2.25);
  mproc_rlock_t *rl;
  assert_int_equal(mproc_shared_array_get_lock(a, &rl), 0);
  mproc_shared_array_destroy(a);
  /* An array without a C type: ranges of its elements only. */
  assert_int_equal(mproc_shared_array_create(&a, 3, 4, true), 0);
  int64_t x;
  assert_int_equal(mproc_shared_array_get_int(a, 0, &x), MPROC_E_TYPE);
  assert_int_equal(mproc_shared_array_write(a, 1, 2, "abcdef"), 0);
  char back[7] = {0};
  assert_int_equal(mproc_shared_array_read(a, -3, 2, back), 0);
  assert_string_equal(back, "abcdef");
  mproc_shared_array_destroy(a);
  assert_int_equal(mproc_shared_array_create_ex(&a, (mproc_ctype_t)0, 1, NULL),
                   MPROC_E_VALUE);
  assert_int_equal(mproc_shared_array_read(NULL, 0, 0, back), MPROC_E_INVAL);
}

static void test_sharing_rule(void **state) {
  (void)state;
  mproc_shared_value_t *v;
  mproc_shared_array_t *a;
  assert_int_equal(mproc_shared_value_create(&v, MPROC_C_INT64, true), 0);
  assert_int_equal(mproc_shared_array_create(&a, 4, 4, false), 0);
  void *buf;
  size_t len;
  mproc_value_t x = mproc_obj(v);
  assert_int_equal(mproc_encode(&x, 1, &buf, &len), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(),
                      "Synchronized objects should only be shared between "
                      "processes through inheritance");
  x = mproc_obj(a);
  assert_int_equal(mproc_encode(&x, 1, &buf, &len), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(),
                      "SynchronizedArray objects should only be shared "
                      "between processes through inheritance");
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_put(q, &x, 1, 0), MPROC_E_INHERITANCE);
  assert_int_equal(mproc_queue_empty(q), 1);
  mproc_queue_destroy(q);
  mproc_shared_array_destroy(a);
  mproc_shared_value_destroy(v);
}

/* ------------------------------------------------------------------------ */
/* Named shared memory                                                      */
/* ------------------------------------------------------------------------ */

static void unique_name(char *buf, size_t cap, const char *tag) {
  static int counter;
  snprintf(buf, cap, "mproc_test_%lld_%s_%d", (long long)mproc_getpid(), tag,
           counter++);
}

/* args: name, shared memory object (or none), queue. Attaches by name,
 * checks the bytes, takes a second SharedMemory from the queue, and writes
 * through both. */
static int child_named(const mproc_value_t *args, size_t nargs) {
  const char *name;
  mproc_queue_t *q;
  if (nargs != 3 || mproc_value_as_str(&args[0], &name) != 0 ||
      mproc_value_as_queue(&args[2], &q) != 0)
    return 40;
  mproc_shared_memory_t *m;
  if (mproc_shared_memory_attach(&m, name) != 0)
    return 41;
  if (mproc_shared_memory_size(m) != 10000)
    return 42;
  uint8_t *p = mproc_shared_memory_buf(m);
  for (int i = 0; i < 10000; i++)
    if (p[i] != (uint8_t)(i * 7))
      return 43;
  p[0] = 0xAB;
  mproc_shared_memory_close(m);
  /* The object given as an argument (it crosses by name). */
  mproc_shared_memory_t *arg;
  if (mproc_value_as_shared_memory(&args[1], &arg) != 0)
    return 44;
  ((uint8_t *)mproc_shared_memory_buf(arg))[1] = 0xCD;
  /* One received through a queue. */
  mproc_value_t *v;
  size_t n;
  mproc_shared_memory_t *viaq;
  if (mproc_queue_get(q, &v, &n, 60) != 0 || n != 1 ||
      mproc_value_as_shared_memory(&v[0], &viaq) != 0)
    return 45;
  if (strcmp(mproc_shared_memory_name(viaq), name) != 0)
    return 46;
  ((uint8_t *)mproc_shared_memory_buf(viaq))[2] = 0xEF;
  mproc_values_free(v, n);
  return 0;
}

static void test_named(void **state) {
  char name[128];
  unique_name(name, sizeof name, "named");
  mproc_shared_memory_t *m, *dup;
  assert_int_equal(mproc_shared_memory_create(&m, name, 10000), 0);
  assert_int_equal(mproc_shared_memory_create(&dup, name, 10), MPROC_E_BUSY);
  assert_string_equal(mproc_shared_memory_name(m), name);
  assert_int_equal(mproc_shared_memory_size(m), 10000);
  uint8_t *p = mproc_shared_memory_buf(m);
  for (int i = 0; i < 10000; i++)
    p[i] = (uint8_t)(i * 7);
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t item = mproc_obj(m);
  assert_int_equal(mproc_queue_put(q, &item, 1, 0), 0); /* crosses anywhere */
  mproc_value_t args[3] = {mproc_str(name), mproc_obj(m), mproc_obj(q)};
  harness_expect_exit(harness_start(child_named, args, 3, TEST_METHOD(state)),
                      0);
  assert_int_equal(p[0], 0xAB);
  assert_int_equal(p[1], 0xCD);
  assert_int_equal(p[2], 0xEF);
  /* Still attached after unlink; gone for new attaches once unlinked and
   * closed everywhere. */
  assert_int_equal(mproc_shared_memory_unlink(m), 0);
  assert_int_equal(p[0], 0xAB);
  assert_int_equal(mproc_shared_memory_close(m), 0);
  mproc_shared_memory_t *again;
  assert_int_equal(mproc_shared_memory_attach(&again, name), MPROC_E_NOTFOUND);
  mproc_queue_destroy(q);
}

/* args: name. Creates it and returns without unlinking it. */
static int child_leave_named(const mproc_value_t *args, size_t nargs) {
  const char *name;
  mproc_shared_memory_t *m;
  if (nargs != 1 || mproc_value_as_str(&args[0], &name) != 0)
    return 50;
  if (mproc_shared_memory_create(&m, name, 4096) != 0)
    return 51;
  /* Closed (unmapped) but not unlinked: exit must remove the name. */
  return mproc_shared_memory_close(m) == 0 ? 0 : 52;
}

static void test_named_cleanup_at_exit(void **state) {
  /* A process that exits normally leaves nothing behind. A fork child
   * leaves with _exit() (no atexit handlers): that case is documented. */
  if (TEST_METHOD(state) != MPROC_START_SPAWN)
    skip();
  char name[128];
  unique_name(name, sizeof name, "leak");
  mproc_value_t a = mproc_str(name);
  harness_expect_exit(
      harness_start(child_leave_named, &a, 1, TEST_METHOD(state)), 0);
  mproc_shared_memory_t *m;
  assert_int_equal(mproc_shared_memory_attach(&m, name), MPROC_E_NOTFOUND);
  /* A name made for us is fresh and cleaned up the same way. */
  assert_int_equal(mproc_shared_memory_create(&m, NULL, 100), 0);
  assert_non_null(mproc_shared_memory_name(m));
  assert_int_equal(mproc_shared_memory_unlink(m), 0);
  assert_int_equal(mproc_shared_memory_close(m), 0);
}

static void test_named_bad_input(void **state) {
  (void)state;
  mproc_shared_memory_t *m;
  assert_int_equal(mproc_shared_memory_create(NULL, "x", 1), MPROC_E_INVAL);
  assert_int_equal(mproc_shared_memory_create(&m, "a/b", 1), MPROC_E_VALUE);
  assert_int_equal(mproc_shared_memory_create(&m, "", 1), MPROC_E_VALUE);
  char name[128];
  unique_name(name, sizeof name, "bad");
  assert_int_equal(mproc_shared_memory_create(&m, name, 0), MPROC_E_VALUE);
  assert_int_equal(mproc_shared_memory_attach(&m, name), MPROC_E_NOTFOUND);
  assert_int_equal(mproc_shared_memory_attach(&m, NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_shared_memory_close(NULL), 0);
  assert_int_equal(mproc_shared_memory_unlink(NULL), MPROC_E_INVAL);
  /* A malformed reduction (a name that does not exist) fails to decode. */
  assert_int_equal(mproc_shared_memory_create(&m, name, 8), 0);
  mproc_value_t v = mproc_obj(m);
  void *buf;
  size_t len;
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), 0);
  assert_int_equal(mproc_shared_memory_unlink(m), 0);
  assert_int_equal(mproc_shared_memory_close(m), 0);
  mproc_value_t *vals;
  size_t n;
  assert_int_equal(mproc_decode(buf, len, &vals, &n), MPROC_E_NOTFOUND);
  mproc_free(buf);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("increment", child_increment);
  mproc_register("double", child_double);
  mproc_register("hold_value_lock", child_hold_value_lock);
  mproc_register("fill", child_fill);
  mproc_register("named", child_named);
  mproc_register("leave_named", child_leave_named);
  mproc_register("set_codes", child_set_codes);
  mproc_register("supplied_lock", child_supplied_lock);
  mproc_register("shared_lock", child_shared_lock);
  mproc_register("prefix_sums", child_prefix_sums);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_value_with_lock),
      cmocka_unit_test(test_value_without_lock),
      cmocka_unit_test(test_value_owner_dead),
      cmocka_unit_test(test_array),
      cmocka_unit_test(test_sharing_rule),
      cmocka_unit_test(test_value_initial),
      cmocka_unit_test(test_value_lock_choice),
      cmocka_unit_test(test_array_typed),
      cmocka_unit_test(test_named),
      cmocka_unit_test(test_named_cleanup_at_exit),
      cmocka_unit_test(test_named_bad_input),
  };
  return harness_run(argc, argv, "shared", tests,
                     sizeof tests / sizeof tests[0]);
}
