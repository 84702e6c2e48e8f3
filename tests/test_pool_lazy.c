/* SPDX-License-Identifier: MIT */
/*
 * Pool with lazy input (mproc_pool_imap_gen and friends): the bound on
 * tasks in flight, CPython's semantics for a generator that fails, a long
 * input, a worker killed mid-iteration, terminate, close and destroy with
 * the generator still producing. Each test runs under every start method.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by the initializer in each worker. */
static mproc_lock_t *worker_lock;
static mproc_semaphore_t *worker_started;

/* x -> x * x */
static int task_square(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return MPROC_E_TYPE;
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(task, &r);
}

/* (x, path): for x == 3, writes its pid to path, signals, and blocks on
 * the lock the test holds until the test kills it; else x * x. */
static int task_die_on_3(const mproc_value_t *args, size_t nargs,
                         mproc_task_t *task) {
  int64_t x;
  const char *path;
  if (nargs != 1 || args[0].type != MPROC_VALUE_TUPLE || args[0].u.seq.n != 2 ||
      mproc_value_as_int(&args[0].u.seq.items[0], &x) != 0 ||
      mproc_value_as_str(&args[0].u.seq.items[1], &path) != 0)
    return MPROC_E_TYPE;
  if (x == 3) {
    FILE *f = fopen(path, "w");
    if (!f)
      return MPROC_E_SYS;
    fprintf(f, "%lld\n", (long long)mproc_getpid());
    fclose(f);
    mproc_semaphore_release(worker_started);
    mproc_lock_acquire(worker_lock, MPROC_FOREVER);
    return MPROC_E_STATE; /* not reached: killed */
  }
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(task, &r);
}

/* args: lock, started semaphore. */
static int init_worker(const mproc_value_t *args, size_t nargs) {
  if (nargs != 2 || mproc_value_as_lock(&args[0], &worker_lock) != 0 ||
      mproc_value_as_semaphore(&args[1], &worker_started) != 0)
    return 1;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Generators                                                               */
/* ------------------------------------------------------------------------ */

/* CPython's exception_throwing_generator(total, when): 0 .. total-1, but
 * fails at item `when` (-1: at once); total SIZE_MAX: never ends. */
typedef struct counter {
  size_t total;
  long when;
  size_t produced; /* items handed out */
  size_t calls;    /* calls, including the last (end or failure) */
  bool over;       /* returned 0 or an error: must not be called again */
  bool called_after_end;
  mproc_value_t pair[2]; /* task_die_on_3's (x, path) */
  const char *path;
  mproc_lock_t *lock; /* yielded as item `when` instead of failing */
} counter_t;

static int gen_count(void *ctx, mproc_value_t *item) {
  counter_t *c = ctx;
  c->calls++;
  if (c->over)
    c->called_after_end = true;
  if (c->when == -1 || (c->when >= 0 && c->produced == (size_t)c->when)) {
    c->over = true;
    if (c->lock) {
      *item = mproc_obj(c->lock);
      c->produced++;
      return 1;
    }
    return MPROC_E_VALUE;
  }
  if (c->produced >= c->total) {
    c->over = true;
    return 0;
  }
  if (c->path) {
    c->pair[0] = mproc_int((int64_t)c->produced);
    c->pair[1] = mproc_str(c->path);
    *item = mproc_tuple(c->pair, 2);
  } else {
    *item = mproc_int((int64_t)c->produced);
  }
  c->produced++;
  return 1;
}

static counter_t counter(size_t total, long when) {
  counter_t c;
  memset(&c, 0, sizeof c);
  c.total = total;
  c.when = when;
  return c;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static mproc_pool_t *make_pool(void **state, unsigned n, mproc_value_t *init2) {
  mproc_pool_options_t o = {n, init2 ? init_worker : NULL, init2, init2 ? 2 : 0,
                            0, TEST_METHOD(state)};
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

/* The next result must be x*x at index x. */
static void expect_next(mproc_iter_t *it, size_t x) {
  mproc_value_t *v = NULL;
  size_t idx = (size_t)-1;
  int rc = mproc_iter_next(it, 60, &v, &idx);
  if (rc != 0)
    print_error("next: %s: %s\n", mproc_err_name(rc), mproc_last_error());
  assert_int_equal(rc, 0);
  assert_int_equal(idx, x);
  int64_t got = -1;
  assert_int_equal(mproc_value_as_int(v, &got), 0);
  assert_true(got == (int64_t)(x * x));
  mproc_values_free(v, 1);
}

static void expect_done(mproc_iter_t *it) {
  mproc_value_t *v = NULL;
  assert_int_equal(mproc_iter_next(it, 60, &v, NULL), MPROC_E_DONE);
}

/* Waits for the pool to have run everything given before: a map queued
 * after them (dispatch is first come, first served) has finished. */
static void settle(mproc_pool_t *p) {
  mproc_value_t items[4] = {mproc_int(1), mproc_int(2), mproc_int(3),
                            mproc_int(4)};
  mproc_value_t *r = NULL;
  assert_int_equal(mproc_pool_map(p, task_square, items, 4, 1, &r), 0);
  mproc_values_free(r, 4);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* The generator is called at most max_inflight items ahead of what the
 * caller was handed; a caller that stops asking stops it. */
static void test_lazy_bound(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL);
  counter_t c = counter(100, -2);
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 8, &it), 0);
  assert_int_equal(c.produced, 8);
  /* The workers run those 8 and more: the generator is not called. */
  settle(p);
  assert_int_equal(c.produced, 8);
  for (size_t k = 1; k <= 100; k++) {
    expect_next(it, k - 1);
    /* k-1 chunks handed back fully, the k-th in hand: 8 in flight. */
    size_t want = k - 1 + 8 < 100 ? k - 1 + 8 : 100;
    assert_int_equal(c.produced, want);
  }
  expect_done(it);
  assert_false(c.called_after_end);
  mproc_iter_destroy(it);

  /* The default bound, with chunks. */
  c = counter(5000, -2);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 16, 0, &it), 0);
  assert_int_equal(c.produced, MPROC_POOL_INFLIGHT_DEFAULT);
  for (size_t k = 0; k < 5000; k++)
    expect_next(it, k);
  expect_done(it);
  mproc_iter_destroy(it);

  /* A bound above MPROC_VALUE_MAX_COUNT is refused; the generator is not
   * called. */
  c = counter(10, -2);
  assert_int_equal(mproc_pool_imap_gen(p, task_square, gen_count, &c, 1,
                                       MPROC_VALUE_MAX_COUNT + 1, &it),
                   MPROC_E_VALUE);
  assert_int_equal(c.calls, 0);
  close_pool(p);
}

static void test_lazy_unordered(void **state) {
  mproc_pool_t *p = make_pool(state, 3, NULL);
  size_t n = harness_slow_processes() ? 600 : 3000;
  counter_t c = counter(n, -2);
  char *seen = calloc(n, 1);
  assert_non_null(seen);
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_unordered_gen(p, task_square, gen_count, &c, 3, 16, &it),
      0);
  assert_true(c.produced <= 16);
  for (size_t k = 1; k <= n; k++) {
    mproc_value_t *v = NULL;
    size_t idx = n;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    assert_true(idx < n);
    assert_false(seen[idx]);
    seen[idx] = 1;
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(v, &x), 0);
    assert_true(x == (int64_t)(idx * idx));
    mproc_values_free(v, 1);
    /* At most 16 in flight past the k-1 handed back, plus the chunk of 3
     * this result came from. */
    assert_true(c.produced <= k - 1 + 16 + 3);
  }
  expect_done(it);
  mproc_iter_destroy(it);
  free(seen);
  close_pool(p);
}

/* CPython's test_imap_handle_iterable_exception and
 * test_imap_unordered_handle_iterable_exception. */
static void test_lazy_generator_error(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL);
  mproc_iter_t *it = NULL;
  mproc_value_t *v = NULL;
  size_t idx = 99;

  /* Failing at the very first item. */
  counter_t c = counter(1, -1);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 0, &it), 0);
  assert_int_equal(mproc_iter_next(it, 60, &v, &idx), MPROC_E_VALUE);
  assert_int_equal(idx, 0);
  assert_non_null(strstr(mproc_last_error(), "failed at item 0"));
  expect_done(it);
  mproc_iter_destroy(it);

  /* Results before the failing item come out, then the failure. */
  c = counter(10, 3);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 0, &it), 0);
  for (size_t i = 0; i < 3; i++)
    expect_next(it, i);
  assert_int_equal(mproc_iter_next(it, 60, &v, &idx), MPROC_E_VALUE);
  assert_int_equal(idx, 3);
  expect_done(it);
  mproc_iter_destroy(it);
  assert_false(c.called_after_end);

  /* With chunks of 2, at the failing item's chunk: 0..5, then the failure
   * where chunk [6, 7] would be. */
  c = counter(20, 7);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 2, 0, &it), 0);
  for (size_t i = 0; i < 6; i++)
    expect_next(it, i);
  assert_int_equal(mproc_iter_next(it, 60, &v, &idx), MPROC_E_VALUE);
  assert_int_equal(idx, 6);
  expect_done(it);
  mproc_iter_destroy(it);

  /* Unordered: the failure among the results, once; only results of
   * items before it. */
  for (int round = 0; round < 2; round++) {
    c = counter(10, round == 0 ? -1 : 3);
    assert_int_equal(
        mproc_pool_imap_unordered_gen(p, task_square, gen_count, &c, 1, 0, &it),
        0);
    int failures = 0;
    for (;;) {
      int rc = mproc_iter_next(it, 60, &v, &idx);
      if (rc == MPROC_E_DONE)
        break;
      if (rc == MPROC_E_VALUE) {
        failures++;
        continue;
      }
      assert_int_equal(rc, 0);
      assert_true(idx < 3);
      mproc_values_free(v, 1);
    }
    assert_int_equal(failures, 1);
    mproc_iter_destroy(it);
  }

  /* map: the call fails; nothing is left behind. */
  mproc_value_t *r = NULL;
  size_t n = 99;
  c = counter(20, 7);
  assert_int_equal(
      mproc_pool_map_gen(p, task_square, gen_count, &c, 2, 0, &r, &n),
      MPROC_E_VALUE);
  assert_null(r);
  assert_int_equal(n, 0);

  /* An item that cannot travel fails at its place too (the sharing
   * rule), as CPython's pickling error does. */
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  c = counter(10, 2);
  c.lock = lock;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 0, &it), 0);
  expect_next(it, 0);
  expect_next(it, 1);
  assert_int_equal(mproc_iter_next(it, 60, &v, &idx), MPROC_E_INHERITANCE);
  assert_int_equal(idx, 2);
  expect_done(it);
  mproc_iter_destroy(it);
  mproc_lock_destroy(lock);

  /* map over a generator that works, and over an empty one. */
  c = counter(100, -2);
  assert_int_equal(
      mproc_pool_map_gen(p, task_square, gen_count, &c, 4, 10, &r, &n), 0);
  assert_int_equal(n, 100);
  for (size_t i = 0; i < n; i++) {
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(&r[i], &x), 0);
    assert_true(x == (int64_t)(i * i));
  }
  mproc_values_free(r, n);
  c = counter(0, -2);
  assert_int_equal(
      mproc_pool_map_gen(p, task_square, gen_count, &c, 0, 0, &r, &n), 0);
  assert_int_equal(n, 0);
  mproc_values_free(r, n);
  close_pool(p);
}

/* More items than MPROC_VALUE_MAX_COUNT (2M in full size), in order, in
 * bounded memory. */
static void test_lazy_long(void **state) {
  const char *full = getenv("MPROC_TEST_FULL");
  size_t n = full && *full == '1' ? 2 * 1024 * 1024 : 20000;
  mproc_pool_t *p = make_pool(state, 2, NULL);
  counter_t c = counter(n, -2);
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 256, 0, &it), 0);
  for (size_t i = 0; i < n; i++) {
    mproc_value_t *v = NULL;
    size_t idx = 0;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    int64_t x = -1;
    if (idx != i || mproc_value_as_int(v, &x) != 0 || x != (int64_t)(i * i))
      fail_msg("item %zu: index %zu, %lld", i, idx, (long long)x);
    mproc_values_free(v, 1);
  }
  expect_done(it);
  mproc_iter_destroy(it);
  /* map: within one block of results. */
  size_t m = n < 100000 ? n : 100000;
  c = counter(m, -2);
  mproc_value_t *r = NULL;
  size_t got = 0;
  assert_int_equal(
      mproc_pool_map_gen(p, task_square, gen_count, &c, 256, 0, &r, &got), 0);
  assert_int_equal(got, m);
  int64_t last = -1;
  assert_int_equal(mproc_value_as_int(&r[m - 1], &last), 0);
  assert_true(last == (int64_t)((m - 1) * (m - 1)));
  mproc_values_free(r, got);
  close_pool(p);
}

/* A worker killed mid-imap fails exactly its chunk; the iteration goes on,
 * with the generator, on a replacement. */
static void test_lazy_worker_killed(void **state) {
  mproc_lock_t *lock;
  mproc_semaphore_t *started;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_semaphore_create(&started, 0), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t init[] = {mproc_obj(lock), mproc_obj(started)};
  mproc_pool_t *p = make_pool(state, 2, init);
  char path[512];
  harness_tmpfile(path, sizeof path, "pid");
  counter_t c = counter(20, -2);
  c.path = path;
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_die_on_3, gen_count, &c, 1, 6, &it), 0);
  for (size_t i = 0; i < 3; i++)
    expect_next(it, i);
  assert_int_equal(mproc_semaphore_acquire(started, 60), 0);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  long long pid = 0;
  assert_int_equal(fscanf(f, "%lld", &pid), 1);
  fclose(f);
  remove(path);
  assert_int_equal(harness_kill_pid(pid), 0);
  mproc_value_t *v = NULL;
  size_t idx = 99;
  assert_int_equal(mproc_iter_next(it, 60, &v, &idx), MPROC_E_WORKER_DIED);
  assert_int_equal(idx, 3);
  for (size_t i = 4; i < 20; i++)
    expect_next(it, i);
  expect_done(it);
  mproc_iter_destroy(it);
  assert_int_equal(c.produced, 20);
  assert_int_equal(mproc_lock_release(lock), 0);
  close_pool(p);
  mproc_lock_destroy(lock);
  mproc_semaphore_destroy(started);
}

/* maxtasksperchild: workers replaced mid-iteration; nothing lost. */
static void test_lazy_maxtasks(void **state) {
  mproc_pool_options_t o = {2, NULL, NULL, 0, 3, TEST_METHOD(state)};
  mproc_pool_t *p = NULL;
  assert_int_equal(mproc_pool_create(&p, &o), 0);
  counter_t c = counter(24, -2);
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 2, 6, &it), 0);
  for (size_t i = 0; i < 24; i++)
    expect_next(it, i);
  expect_done(it);
  mproc_iter_destroy(it);
  close_pool(p);
}

/* close, terminate and destroying the iterator with the generator still
 * producing (it never ends): nothing hangs, the generator stops. */
static void test_lazy_close_terminate(void **state) {
  mproc_value_t *v = NULL;
  /* Destroying the iterator ends the generator: close and join return. */
  mproc_pool_t *p = make_pool(state, 2, NULL);
  counter_t c = counter((size_t)-1, -2);
  mproc_iter_t *it = NULL;
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 4, &it), 0);
  for (size_t i = 0; i < 3; i++)
    expect_next(it, i);
  mproc_iter_destroy(it);
  size_t produced = c.produced;
  close_pool(p);
  assert_int_equal(c.produced, produced);

  /* Closed: the call goes on as it is consumed, then join returns. */
  p = make_pool(state, 2, NULL);
  c = counter(50, -2);
  assert_int_equal(
      mproc_pool_imap_unordered_gen(p, task_square, gen_count, &c, 2, 4, &it),
      0);
  assert_int_equal(mproc_pool_close(p), 0);
  size_t got = 0;
  while (mproc_iter_next(it, 60, &v, NULL) == 0) {
    mproc_values_free(v, 1);
    got++;
  }
  assert_int_equal(got, 50);
  assert_int_equal(mproc_pool_join(p, 120), 0);
  mproc_iter_destroy(it);
  mproc_pool_destroy(p);

  /* Terminated: the generator is not called again; what is left fails
   * with MPROC_E_CLOSED or was done; then the end. */
  p = make_pool(state, 2, NULL);
  c = counter((size_t)-1, -2);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 4, &it), 0);
  expect_next(it, 0);
  assert_int_equal(mproc_pool_terminate(p), 0);
  assert_int_equal(mproc_pool_join(p, 120), 0);
  produced = c.produced;
  int rc;
  size_t n = 0;
  while ((rc = mproc_iter_next(it, 60, &v, NULL)) != MPROC_E_DONE) {
    if (rc == 0)
      mproc_values_free(v, 1);
    else
      assert_int_equal(rc, MPROC_E_CLOSED);
    assert_true(++n <= 8);
  }
  assert_int_equal(c.produced, produced);
  mproc_iter_destroy(it);
  mproc_pool_destroy(p);

  /* Destroyed with the iteration open: the iterator outlives the pool. */
  p = make_pool(state, 2, NULL);
  c = counter((size_t)-1, -2);
  assert_int_equal(
      mproc_pool_imap_gen(p, task_square, gen_count, &c, 1, 4, &it), 0);
  mproc_pool_destroy(p);
  produced = c.produced;
  while ((rc = mproc_iter_next(it, 60, &v, NULL)) != MPROC_E_DONE) {
    if (rc == 0)
      mproc_values_free(v, 1);
    else
      assert_int_equal(rc, MPROC_E_CLOSED);
  }
  assert_int_equal(c.produced, produced);
  mproc_iter_destroy(it);
}

int main(int argc, char **argv) {
  mproc_register("init_worker", init_worker);
  mproc_register_task("square", task_square);
  mproc_register_task("die_on_3", task_die_on_3);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lazy_bound),
      cmocka_unit_test(test_lazy_unordered),
      cmocka_unit_test(test_lazy_generator_error),
      cmocka_unit_test(test_lazy_long),
      cmocka_unit_test(test_lazy_worker_killed),
      cmocka_unit_test(test_lazy_maxtasks),
      cmocka_unit_test(test_lazy_close_terminate),
  };
  return harness_run(argc, argv, "pool_lazy", tests,
                     sizeof tests / sizeof tests[0]);
}
