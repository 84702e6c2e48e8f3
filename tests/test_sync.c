/* SPDX-License-Identifier: MIT */
/*
 * The Lock family across processes, under every start method.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPROC 4
#define NITER 300

/* ------------------------------------------------------------------------ */
/* A counter in a file: read, yield, write. Without a lock, processes lose  */
/* each other's updates; with one, the total is exact.                      */
/* ------------------------------------------------------------------------ */

/* The counter is 8 bytes rewritten in place (never truncated), so a reader
 * racing a writer sees an old or a new value, never an empty file. */
static int counter_read(const char *path, long *v) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  int64_t x = 0;
  int ok = fread(&x, sizeof x, 1, f) == 1;
  fclose(f);
  *v = (long)x;
  return ok ? 0 : -1;
}

static int counter_write(const char *path, long v) {
  FILE *f = fopen(path, "r+b");
  if (!f)
    f = fopen(path, "wb");
  if (!f)
    return -1;
  int64_t x = v;
  int ok = fwrite(&x, sizeof x, 1, f) == 1;
  return fclose(f) == 0 && ok ? 0 : -1;
}

/* args: path, lock or none, iterations, ready, go. Every child says it is
 * ready and waits for "go", so that they all run at the same time. */
static int child_counter(const mproc_value_t *args, size_t nargs) {
  const char *path;
  int64_t iters;
  mproc_lock_t *lock = NULL;
  mproc_semaphore_t *ready, *go;
  if (nargs != 5 || mproc_value_as_str(&args[0], &path) != 0 ||
      mproc_value_as_int(&args[2], &iters) != 0 ||
      mproc_value_as_semaphore(&args[3], &ready) != 0 ||
      mproc_value_as_semaphore(&args[4], &go) != 0)
    return 10;
  if (args[1].type != MPROC_VALUE_NONE &&
      mproc_value_as_lock(&args[1], &lock) != 0)
    return 11;
  if (mproc_semaphore_release(ready) != 0 ||
      mproc_semaphore_acquire(go, 60) != 0)
    return 16;
  for (int64_t i = 0; i < iters; i++) {
    if (lock && mproc_lock_acquire(lock, MPROC_FOREVER) != 0)
      return 12;
    long v;
    if (counter_read(path, &v) != 0)
      return 13;
    harness_yield();
    if (counter_write(path, v + 1) != 0)
      return 14;
    if (lock && mproc_lock_release(lock) != 0)
      return 15;
  }
  return 0;
}

static long run_counter(mproc_start_method_t m, mproc_lock_t *lock) {
  char path[512];
  harness_tmpfile(path, sizeof path, "counter");
  assert_int_equal(counter_write(path, 0), 0);
  mproc_semaphore_t *ready, *go;
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&go, 0), 0);
  mproc_value_t args[] = {mproc_str(path),
                          lock ? mproc_obj(lock) : mproc_none(),
                          mproc_int(NITER), mproc_obj(ready), mproc_obj(go)};
  mproc_process_t *p[NPROC];
  for (int i = 0; i < NPROC; i++)
    p[i] = harness_start(child_counter, args, 5, m);
  for (int i = 0; i < NPROC; i++)
    assert_int_equal(mproc_semaphore_acquire(ready, 60), 0);
  for (int i = 0; i < NPROC; i++)
    assert_int_equal(mproc_semaphore_release(go), 0);
  for (int i = 0; i < NPROC; i++)
    harness_expect_exit(p[i], 0);
  long total = -1;
  assert_int_equal(counter_read(path, &total), 0);
  remove(path);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(go);
  return total;
}

static void test_counter_with_lock(void **state) {
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(run_counter(TEST_METHOD(state), lock), NPROC * NITER);
  assert_int_equal(mproc_lock_locked(lock), 0);
  mproc_lock_destroy(lock);
}

/* The control: the same test without the lock loses updates, so the test
 * above can fail. */
static void test_counter_without_lock(void **state) {
  /* Lost updates are likely, not certain (on a loaded machine the
   * processes may happen not to interleave): a few tries. */
  long total = 0;
  for (int attempt = 0; attempt < 5; attempt++) {
    total = run_counter(TEST_METHOD(state), NULL);
    assert_true(total > 0);
    assert_true(total <= NPROC * NITER);
    if (total < NPROC * NITER)
      break;
  }
  assert_true(total < NPROC * NITER);
}

/* ------------------------------------------------------------------------ */
/* Lock: released by another process; blocking hand-off                     */
/* ------------------------------------------------------------------------ */

static int child_release_lock(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  if (nargs != 1 || mproc_value_as_lock(&args[0], &lock) != 0)
    return 10;
  if (mproc_lock_locked(lock) != 1)
    return 11;
  if (mproc_lock_try_acquire(lock) != MPROC_E_BUSY)
    return 12;
  if (mproc_lock_release(lock) != 0) /* held by the parent: allowed */
    return 13;
  if (mproc_lock_release(lock) != MPROC_E_VALUE) /* now free */
    return 14;
  return 0;
}

static void test_lock_released_by_other_process(void **state) {
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t a = mproc_obj(lock);
  harness_expect_exit(
      harness_start(child_release_lock, &a, 1, TEST_METHOD(state)), 0);
  assert_int_equal(mproc_lock_locked(lock), 0);
  assert_int_equal(mproc_lock_acquire(lock, 0), 0);
  assert_int_equal(mproc_lock_release(lock), 0);
  mproc_lock_destroy(lock);
}

/* args: lock, ready semaphore. Signals ready, then blocks on the lock the
 * parent holds until the parent releases it. */
static int child_block_on_lock(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  mproc_semaphore_t *ready;
  if (nargs != 2 || mproc_value_as_lock(&args[0], &lock) != 0 ||
      mproc_value_as_semaphore(&args[1], &ready) != 0)
    return 10;
  if (mproc_semaphore_release(ready) != 0)
    return 11;
  if (mproc_lock_acquire(lock, 60.0) != 0)
    return 12;
  if (mproc_lock_release(lock) != 0)
    return 13;
  return 0;
}

static void test_lock_blocking_handoff(void **state) {
  mproc_lock_t *lock;
  mproc_semaphore_t *ready;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t a[] = {mproc_obj(lock), mproc_obj(ready)};
  mproc_process_t *p[3];
  for (int i = 0; i < 3; i++)
    p[i] = harness_start(child_block_on_lock, a, 2, TEST_METHOD(state));
  for (int i = 0; i < 3; i++)
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_lock_release(lock), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_lock_locked(lock), 0);
  mproc_lock_destroy(lock);
  mproc_semaphore_destroy(ready);
}

/* ------------------------------------------------------------------------ */
/* Timeouts                                                                 */
/* ------------------------------------------------------------------------ */

/* args: lock (held by the parent). Times a 0.2 s acquire timeout. */
static int child_timeout(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  if (nargs != 1 || mproc_value_as_lock(&args[0], &lock) != 0)
    return 10;
  double t0 = harness_now();
  int rc = mproc_lock_acquire(lock, 0.2);
  double dt = harness_now() - t0;
  if (rc != MPROC_E_TIMEOUT)
    return 11;
  if (dt < 0.2)
    return 12; /* returned early */
  if (dt > 5.0)
    return 13; /* far too late */
  if (mproc_lock_acquire(lock, 0) != MPROC_E_TIMEOUT)
    return 14;
  return 0;
}

static void test_timeouts(void **state) {
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t a = mproc_obj(lock);
  harness_expect_exit(harness_start(child_timeout, &a, 1, TEST_METHOD(state)),
                      0);
  /* In this process too, and on a semaphore. */
  double t0 = harness_now();
  assert_int_equal(mproc_lock_acquire(lock, 0.1), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.1);
  mproc_semaphore_t *s;
  assert_int_equal(mproc_semaphore_create(&s, 0), 0);
  t0 = harness_now();
  assert_int_equal(mproc_semaphore_acquire(s, 0.05), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.05);
  /* Bad timeouts. */
  assert_int_equal(mproc_lock_acquire(lock, -2.0), MPROC_E_INVAL);
  assert_int_equal(mproc_lock_acquire(lock, -0.001), MPROC_E_INVAL);
  assert_int_equal(mproc_semaphore_acquire(s, -5), MPROC_E_INVAL);
  assert_int_equal(mproc_lock_release(lock), 0);
  mproc_semaphore_destroy(s);
  mproc_lock_destroy(lock);
}

/* ------------------------------------------------------------------------ */
/* RLock                                                                    */
/* ------------------------------------------------------------------------ */

/* args: rlock held by the parent, then free. */
static int child_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  if (nargs != 1 || mproc_value_as_rlock(&args[0], &r) != 0)
    return 10;
  /* Held by the parent: not ours. */
  if (mproc_rlock_try_acquire(r) != MPROC_E_BUSY)
    return 11;
  if (mproc_rlock_release(r) != MPROC_E_PERM)
    return 12;
  if (mproc_rlock_count(r) != 0)
    return 13;
  return 0;
}

static void test_rlock(void **state) {
  mproc_rlock_t *r;
  assert_int_equal(mproc_rlock_create(&r), 0);
  /* Recursion in this process. */
  for (int i = 1; i <= 3; i++) {
    assert_int_equal(mproc_rlock_acquire(r, MPROC_FOREVER), 0);
    assert_int_equal(mproc_rlock_count(r), i);
  }
  assert_int_equal(mproc_rlock_try_acquire(r), 0);
  assert_int_equal(mproc_rlock_count(r), 4);
  mproc_value_t a = mproc_obj(r);
  harness_expect_exit(harness_start(child_rlock, &a, 1, TEST_METHOD(state)), 0);
  for (int i = 4; i >= 1; i--)
    assert_int_equal(mproc_rlock_release(r), 0);
  assert_int_equal(mproc_rlock_count(r), 0);
  assert_int_equal(mproc_rlock_release(r), MPROC_E_PERM);
  assert_string_equal(mproc_last_error(), "cannot release un-acquired lock");
  mproc_rlock_destroy(r);
}

/* ------------------------------------------------------------------------ */
/* Semaphore, BoundedSemaphore                                              */
/* ------------------------------------------------------------------------ */

/* args: semaphore(2), bounded semaphore(1) */
static int child_semaphores(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *s, *b;
  if (nargs != 2 || mproc_value_as_semaphore(&args[0], &s) != 0 ||
      mproc_value_as_semaphore(&args[1], &b) != 0)
    return 10;
  if (mproc_semaphore_try_acquire(s) != 0 ||
      mproc_semaphore_try_acquire(s) != 0)
    return 11;
  if (mproc_semaphore_try_acquire(s) != MPROC_E_BUSY)
    return 12;
  /* An unbounded semaphore may go above its initial value. */
  for (int i = 0; i < 5; i++)
    if (mproc_semaphore_release(s) != 0)
      return 13;
  if (mproc_semaphore_release(b) != MPROC_E_VALUE)
    return 14;
  if (mproc_semaphore_acquire(b, 1.0) != 0)
    return 15;
  return 0;
}

static void test_semaphores(void **state) {
  mproc_semaphore_t *s, *b;
  unsigned v;
  assert_int_equal(mproc_semaphore_create(&s, 2), 0);
  assert_int_equal(mproc_bounded_semaphore_create(&b, 1), 0);
  mproc_value_t a[] = {mproc_obj(s), mproc_obj(b)};
  harness_expect_exit(harness_start(child_semaphores, a, 2, TEST_METHOD(state)),
                      0);
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  assert_int_equal(v, 5);
  assert_int_equal(mproc_semaphore_value(b, &v), 0);
  assert_int_equal(v, 0);
  assert_int_equal(mproc_semaphore_release(b), 0);
  assert_int_equal(mproc_semaphore_release(b), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(),
                      "semaphore or lock released too many times");
  assert_int_equal(mproc_semaphore_create(&s, 0x80000000u), MPROC_E_VALUE);
  mproc_semaphore_destroy((mproc_semaphore_t *)(void *)a[0].u.obj);
  mproc_semaphore_destroy(b);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                */
/* ------------------------------------------------------------------------ */

static void test_bad_input(void **state) {
  (void)state;
  assert_int_equal(mproc_lock_create(NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_lock_acquire(NULL, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_lock_release(NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_rlock_acquire(NULL, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_semaphore_release(NULL), MPROC_E_INVAL);
  mproc_lock_destroy(NULL);
  mproc_rlock_destroy(NULL);
  mproc_semaphore_destroy(NULL);
  /* The wrong kind of object. */
  mproc_semaphore_t *s;
  assert_int_equal(mproc_semaphore_create(&s, 1), 0);
  assert_int_equal(mproc_lock_acquire((mproc_lock_t *)(void *)s, 0),
                   MPROC_E_TYPE);
  assert_int_equal(mproc_rlock_release((mproc_rlock_t *)(void *)s),
                   MPROC_E_TYPE);
  unsigned v;
  assert_int_equal(mproc_semaphore_value(s, NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  assert_int_equal(v, 1);
  mproc_semaphore_destroy(s);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("counter", child_counter);
  mproc_register("release_lock", child_release_lock);
  mproc_register("block_on_lock", child_block_on_lock);
  mproc_register("timeout", child_timeout);
  mproc_register("rlock", child_rlock);
  mproc_register("semaphores", child_semaphores);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counter_with_lock),
      cmocka_unit_test(test_counter_without_lock),
      cmocka_unit_test(test_lock_released_by_other_process),
      cmocka_unit_test(test_lock_blocking_handoff),
      cmocka_unit_test(test_timeouts),
      cmocka_unit_test(test_rlock),
      cmocka_unit_test(test_semaphores),
      cmocka_unit_test(test_bad_input),
  };
  return harness_run(argc, argv, "sync", tests, sizeof tests / sizeof tests[0]);
}
