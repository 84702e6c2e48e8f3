/* SPDX-License-Identifier: MIT */
/*
 * Pool: every call shape, chunking, the sharing rule at submission versus
 * initializer arguments, task failures, worker death, terminate and join.
 * Each test runs under every start method the platform has.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by the initializer in each worker. */
static mproc_lock_t *worker_lock;
static mproc_semaphore_t *worker_started;
static mproc_semaphore_t *worker_inits;

/* ------------------------------------------------------------------------ */
/* Tasks                                                                    */
/* ------------------------------------------------------------------------ */

/* x -> x * x */
static int task_square(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return MPROC_E_TYPE;
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(task, &r);
}

/* (a, b) -> a - b */
static int task_sub(const mproc_value_t *args, size_t nargs,
                    mproc_task_t *task) {
  int64_t a, b;
  if (nargs != 2 || mproc_value_as_int(&args[0], &a) != 0 ||
      mproc_value_as_int(&args[1], &b) != 0)
    return MPROC_E_TYPE;
  mproc_value_t r = mproc_int(a - b);
  return mproc_task_set_result(task, &r);
}

/* x -> "item-x", failing for x == 13 */
static int task_fail13(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return MPROC_E_TYPE;
  if (x == 13) {
    mproc_task_set_error(task, "thirteen is unlucky");
    return MPROC_E_VALUE;
  }
  char s[32];
  snprintf(s, sizeof s, "item-%lld", (long long)x);
  mproc_value_t r = mproc_str(s);
  return mproc_task_set_result(task, &r);
}

/* Uses the Lock the initializer received. */
static int task_use_lock(const mproc_value_t *args, size_t nargs,
                         mproc_task_t *task) {
  (void)args;
  (void)nargs;
  if (!worker_lock)
    return MPROC_E_STATE;
  if (mproc_lock_acquire(worker_lock, 30) != 0)
    return MPROC_E_TIMEOUT;
  mproc_lock_release(worker_lock);
  mproc_value_t r = mproc_bool(true);
  return mproc_task_set_result(task, &r);
}

/* x: for x == 3, reports its pid and waits for the lock the test holds,
 * until the test kills this worker; otherwise returns x. */
static int task_die_on_3(const mproc_value_t *args, size_t nargs,
                         mproc_task_t *task) {
  int64_t x;
  const char *path;
  if (nargs != 2 || mproc_value_as_int(&args[0], &x) != 0 ||
      mproc_value_as_str(&args[1], &path) != 0)
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
  if (x == 4)
    abort(); /* a crash rather than a kill */
  mproc_value_t r = mproc_int(x);
  return mproc_task_set_result(task, &r);
}

/* Signals it started, then blocks on the lock the test holds. */
static int task_block(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  (void)args;
  (void)nargs;
  (void)task;
  mproc_semaphore_release(worker_started);
  if (mproc_lock_acquire(worker_lock, 60) != 0)
    return MPROC_E_TIMEOUT;
  mproc_lock_release(worker_lock);
  return 0;
}

/* x -> x, having released the semaphore the initializer received. */
static int task_count(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  if (nargs != 1 || !worker_started)
    return MPROC_E_TYPE;
  mproc_semaphore_release(worker_started);
  return mproc_task_set_result(task, &args[0]);
}

/* Never registered. */
static int task_unregistered(const mproc_value_t *args, size_t nargs,
                             mproc_task_t *task) {
  (void)args;
  (void)nargs;
  (void)task;
  return 0;
}

/* args: lock, started semaphore, inits semaphore (each may be None). */
static int init_worker(const mproc_value_t *args, size_t nargs) {
  if (nargs != 3)
    return 1;
  if (args[0].type != MPROC_VALUE_NONE &&
      mproc_value_as_lock(&args[0], &worker_lock) != 0)
    return 2;
  if (args[1].type != MPROC_VALUE_NONE &&
      mproc_value_as_semaphore(&args[1], &worker_started) != 0)
    return 3;
  if (args[2].type != MPROC_VALUE_NONE) {
    if (mproc_value_as_semaphore(&args[2], &worker_inits) != 0)
      return 4;
    mproc_semaphore_release(worker_inits);
  }
  return 0;
}

static int init_fails(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static mproc_pool_t *make_pool(void **state, unsigned n, mproc_value_t *init3,
                               unsigned maxtasks) {
  mproc_pool_options_t o = {n,        init3 ? init_worker : NULL,
                            init3,    init3 ? 3 : 0,
                            maxtasks, TEST_METHOD(state)};
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

static mproc_value_t *int_items(size_t n) {
  mproc_value_t *v = calloc(n ? n : 1, sizeof *v);
  assert_non_null(v);
  for (size_t i = 0; i < n; i++)
    v[i] = mproc_int((int64_t)i);
  return v;
}

static void expect_squares(const mproc_value_t *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(&r[i], &x), 0);
    assert_true(x == (int64_t)(i * i));
  }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static size_t big_n(void) {
  return harness_slow_processes() ? 20000 : 100000;
}

static void test_map_imap_large(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  size_t n = big_n();
  mproc_value_t *items = int_items(n);
  mproc_value_t *r = NULL;
  assert_int_equal(mproc_pool_map(p, task_square, items, n, 0, &r), 0);
  expect_squares(r, n);
  mproc_values_free(r, n);

  /* imap with chunks: every result once, in order. */
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap(p, task_square, items, n, 64, &it), 0);
  for (size_t i = 0; i < n; i++) {
    mproc_value_t *v;
    size_t idx = 99;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    assert_int_equal(idx, i);
    int64_t x;
    assert_int_equal(mproc_value_as_int(v, &x), 0);
    assert_true(x == (int64_t)(i * i));
    mproc_values_free(v, 1);
  }
  mproc_value_t *v;
  assert_int_equal(mproc_iter_next(it, 1, &v, NULL), MPROC_E_DONE);
  mproc_iter_destroy(it);
  free(items);
  close_pool(p);
}

static void test_imap_unordered_and_chunk1(void **state) {
  mproc_pool_t *p = make_pool(state, 3, NULL, 0);
  size_t n = harness_slow_processes() ? 500 : 3000;
  mproc_value_t *items = int_items(n);
  char *seen = calloc(n, 1);
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap_unordered(p, task_square, items, n, 0, &it),
                   0);
  for (size_t i = 0; i < n; i++) {
    mproc_value_t *v;
    size_t idx;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    assert_true(idx < n);
    assert_int_equal(seen[idx], 0);
    seen[idx] = 1;
    int64_t x;
    assert_int_equal(mproc_value_as_int(v, &x), 0);
    assert_true(x == (int64_t)(idx * idx));
    mproc_values_free(v, 1);
  }
  mproc_value_t *v;
  assert_int_equal(mproc_iter_next(it, 1, &v, NULL), MPROC_E_DONE);
  mproc_iter_destroy(it);
  free(seen);

  /* Chunk sizes: 1, larger than the input, and an empty input. */
  mproc_value_t *r;
  assert_int_equal(mproc_pool_map(p, task_square, items, 50, 1, &r), 0);
  expect_squares(r, 50);
  mproc_values_free(r, 50);
  assert_int_equal(mproc_pool_map(p, task_square, items, 7, 1000, &r), 0);
  expect_squares(r, 7);
  mproc_values_free(r, 7);
  assert_int_equal(mproc_pool_map(p, task_square, items, 0, 0, &r), 0);
  mproc_values_free(r, 0);
  assert_int_equal(mproc_pool_imap(p, task_square, items, 0, 0, &it), 0);
  assert_int_equal(mproc_iter_next(it, 1, &v, NULL), MPROC_E_DONE);
  mproc_iter_destroy(it);
  free(items);
  close_pool(p);
}

static void test_starmap_apply(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  mproc_value_t args[20], tuples[10];
  for (int i = 0; i < 10; i++) {
    args[2 * i] = mproc_int(100 + i);
    args[2 * i + 1] = mproc_int(i * 3);
    tuples[i] = mproc_tuple(&args[2 * i], 2);
  }
  mproc_value_t *r;
  assert_int_equal(mproc_pool_starmap(p, task_sub, tuples, 10, 3, &r), 0);
  for (int i = 0; i < 10; i++) {
    int64_t x;
    assert_int_equal(mproc_value_as_int(&r[i], &x), 0);
    assert_true(x == 100 + i - i * 3);
  }
  mproc_values_free(r, 10);
  assert_int_equal(mproc_pool_apply(p, task_sub, args, 2, &r), 0);
  int64_t x;
  assert_int_equal(mproc_value_as_int(&r[0], &x), 0);
  assert_true(x == 100);
  mproc_values_free(r, 1);
  close_pool(p);
}

/* Callbacks run in the pool's thread; the test reads these after get(). */
static int cb_results, cb_errors, cb_last_status;
static int64_t cb_sum;

static void on_result(void *ud, const mproc_value_t *r, size_t n) {
  (void)ud;
  for (size_t i = 0; i < n; i++)
    cb_sum += r[i].type == MPROC_VALUE_INT ? r[i].u.i : 0;
  cb_results++;
}

static void on_error(void *ud, int status, const char *msg) {
  (void)ud;
  (void)msg;
  cb_last_status = status;
  cb_errors++;
}

static void test_async_callbacks(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  cb_results = cb_errors = cb_last_status = 0;
  cb_sum = 0;
  mproc_callbacks_t cb = {on_result, on_error, NULL};
  mproc_value_t a = mproc_int(12);
  mproc_async_t *r1, *r2;
  assert_int_equal(mproc_pool_apply_async(p, task_square, &a, 1, &cb, &r1), 0);
  mproc_value_t *items = int_items(10);
  assert_int_equal(mproc_pool_map_async(p, task_square, items, 10, 2, &cb, &r2),
                   0);
  mproc_value_t *res;
  size_t n;
  assert_int_equal(mproc_async_get(r1, 60, &res, &n), 0);
  assert_int_equal(n, 1);
  mproc_values_free(res, n);
  assert_int_equal(mproc_async_wait(r2, 60), 0);
  assert_int_equal(mproc_async_ready(r2), 1);
  assert_int_equal(mproc_async_successful(r2), 1);
  assert_int_equal(mproc_async_get(r2, 0, &res, &n), 0);
  expect_squares(res, 10);
  mproc_values_free(res, n);
  mproc_async_destroy(r1);
  mproc_async_destroy(r2);
  /* Failing call: the error callback. */
  items[3] = mproc_int(13);
  assert_int_equal(mproc_pool_map_async(p, task_fail13, items, 10, 1, &cb, &r1),
                   0);
  assert_int_equal(mproc_async_get(r1, 60, &res, &n), MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(), "thirteen is unlucky");
  assert_int_equal(mproc_async_successful(r1), 0);
  mproc_async_destroy(r1);
  close_pool(p);
  /* Every callback ran before join returned. */
  assert_int_equal(cb_results, 2);
  assert_int_equal(cb_errors, 1);
  assert_int_equal(cb_last_status, MPROC_E_VALUE);
  assert_true(cb_sum == 144 + 285);
  free(items);
}

/*
 * Regression (issue 12, item 3): get() and wait() returned as soon as a
 * call's results were in, while the pool's thread had yet to run (or was
 * still running) its callback, so a caller whose callback data lived in its
 * own frame saw the callback write into it afterwards (66 to 160 of 200
 * calls in one run). As CPython's ApplyResult._set, the callback now runs
 * first and the call is done only after it returned. Each callback sleeps
 * a little before it sets `finished`, so that a get() that does not wait for
 * it returns in that window.
 */
typedef struct cb_slot {
  volatile int64_t started, finished, sum, status;
} cb_slot_t;

static void on_result_slow(void *ud, const mproc_value_t *r, size_t n) {
  cb_slot_t *s = ud;
  harness_atomic_store64(&s->started, 1);
  harness_sleep(0.002);
  int64_t sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += r[i].type == MPROC_VALUE_INT ? r[i].u.i : 0;
  harness_atomic_store64(&s->sum, sum);
  harness_atomic_store64(&s->finished, 1);
}

static void on_error_slow(void *ud, int status, const char *msg) {
  cb_slot_t *s = ud;
  (void)msg;
  harness_atomic_store64(&s->started, 1);
  harness_sleep(0.002);
  harness_atomic_store64(&s->status, status);
  harness_atomic_store64(&s->finished, 1);
}

#define NCALLS 200

static void test_callback_before_ready(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  cb_slot_t slots[NCALLS]; /* in this frame, as a caller's would be */
  mproc_async_t *calls[NCALLS];
  int64_t want[NCALLS];
  memset(slots, 0, sizeof slots);
  for (int i = 0; i < NCALLS; i++) {
    mproc_callbacks_t cb = {on_result_slow, on_error_slow, &slots[i]};
    mproc_value_t args[2] = {mproc_int(i), mproc_int(i + 1)}, tuple;
    int rc;
    switch (i % 4) {
    case 0: /* apply_async */
      rc = mproc_pool_apply_async(p, task_square, args, 1, &cb, &calls[i]);
      want[i] = (int64_t)i * i;
      break;
    case 1: /* map_async of two items */
      rc = mproc_pool_map_async(p, task_square, args, 2, 1, &cb, &calls[i]);
      want[i] = (int64_t)i * i + (int64_t)(i + 1) * (i + 1);
      break;
    case 2: /* starmap_async: i - (i + 1) */
      tuple = mproc_tuple(args, 2);
      rc = mproc_pool_starmap_async(p, task_sub, &tuple, 1, 0, &cb, &calls[i]);
      want[i] = -1;
      break;
    default: /* a failing task: the error callback */
      args[0] = mproc_int(13);
      rc = mproc_pool_apply_async(p, task_fail13, args, 1, &cb, &calls[i]);
      want[i] = MPROC_E_VALUE;
      break;
    }
    assert_int_equal(rc, 0);
  }
  int late = 0, first_late = -1;
  for (int i = 0; i < NCALLS; i++) {
    mproc_value_t *r = NULL;
    size_t n = 0;
    int rc;
    if (i % 2 == 0) {
      rc = mproc_async_get(calls[i], 60, &r, &n);
    } else {
      rc = mproc_async_wait(calls[i], 60);
    }
    /* Right after the return, before anything else: done means the
     * callback has finished. */
    if (!harness_atomic_load64(&slots[i].finished)) {
      if (first_late < 0)
        first_late = i;
      late++;
    }
    if (i % 2 == 0)
      assert_int_equal(rc, i % 4 == 3 ? MPROC_E_VALUE : 0);
    else
      assert_int_equal(rc, 0);
    mproc_values_free(r, n);
  }
  if (late)
    print_error("%d of %d calls were ready before their callback had "
                "finished (the first: call %d)\n",
                late, NCALLS, first_late);
  close_pool(p); /* no callback writes into this frame after this */
  assert_int_equal(late, 0);
  for (int i = 0; i < NCALLS; i++) {
    assert_int_equal(slots[i].started, 1);
    if (i % 4 == 3)
      assert_int_equal(slots[i].status, want[i]);
    else
      assert_true(slots[i].sum == want[i]);
    mproc_async_destroy(calls[i]);
  }

  /* Calls finished at submission (no tasks; refused before queueing) run
   * their callbacks in the caller, before the submitting call returns. */
  p = make_pool(state, 1, NULL, 0);
  memset(slots, 0, 2 * sizeof slots[0]);
  mproc_callbacks_t cb0 = {on_result_slow, on_error_slow, &slots[0]};
  assert_int_equal(
      mproc_pool_map_async(p, task_square, NULL, 0, 0, &cb0, &calls[0]), 0);
  assert_int_equal(slots[0].finished, 1);
  assert_int_equal(mproc_async_ready(calls[0]), 1);
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t la = mproc_obj(lock);
  mproc_callbacks_t cb1 = {on_result_slow, on_error_slow, &slots[1]};
  assert_int_equal(
      mproc_pool_apply_async(p, task_use_lock, &la, 1, &cb1, &calls[1]), 0);
  assert_int_equal(slots[1].finished, 1);
  assert_int_equal(slots[1].status, MPROC_E_INHERITANCE);
  assert_int_equal(mproc_async_ready(calls[1]), 1);
  mproc_async_destroy(calls[0]);
  mproc_async_destroy(calls[1]);
  mproc_lock_destroy(lock);
  close_pool(p);
}

/*
 * A callback may call back into its pool, as in CPython: ready() on its own
 * call says 0 (the call is done only once the callback returned; CPython's
 * event is not set yet either), successful() says it has not finished
 * (CPython raises ValueError), and it may submit more calls. Waiting for a
 * call from there would wait for the very thread that runs the callback:
 * CPython's get() hangs or times out; mproc refuses it with MPROC_E_STATE,
 * and a poll (timeout 0) is a poll.
 */
static struct {
  mproc_pool_t *pool;
  mproc_async_t *own;    /* the call whose callback this is */
  mproc_event_t *stored; /* set once `own` is stored */
  mproc_async_t *nested; /* submitted from the callback */
  int ready, successful, wait, wait0, get, apply, imap, nested_rc;
} reentry;

static void on_result_reentry(void *ud, const mproc_value_t *r, size_t n) {
  (void)ud;
  (void)r;
  (void)n;
  if (mproc_event_wait(reentry.stored, 60) != 0)
    return;
  mproc_async_t *own = reentry.own;
  mproc_value_t *res = NULL;
  size_t got = 0;
  reentry.ready = mproc_async_ready(own);
  reentry.successful = mproc_async_successful(own);
  reentry.wait = mproc_async_wait(own, 30);
  reentry.wait0 = mproc_async_wait(own, 0);
  reentry.get = mproc_async_get(own, MPROC_FOREVER, &res, &got);
  mproc_value_t a = mproc_int(5);
  reentry.apply = mproc_pool_apply(reentry.pool, task_square, &a, 1, &res);
  mproc_iter_t *it = NULL;
  if (mproc_pool_imap(reentry.pool, task_square, &a, 1, 1, &it) == 0) {
    size_t idx;
    reentry.imap = mproc_iter_next(it, MPROC_FOREVER, &res, &idx);
    mproc_iter_destroy(it);
  }
  reentry.nested_rc = mproc_pool_apply_async(reentry.pool, task_square, &a, 1,
                                             NULL, &reentry.nested);
}

static void test_callback_reentry(void **state) {
  memset(&reentry, 0, sizeof reentry);
  reentry.pool = make_pool(state, 1, NULL, 0);
  assert_int_equal(mproc_event_create(&reentry.stored), 0);
  mproc_callbacks_t cb = {on_result_reentry, NULL, NULL};
  mproc_value_t a = mproc_int(3);
  assert_int_equal(mproc_pool_apply_async(reentry.pool, task_square, &a, 1, &cb,
                                          &reentry.own),
                   0);
  assert_int_equal(mproc_event_set(reentry.stored), 0);
  mproc_value_t *r;
  size_t n;
  assert_int_equal(mproc_async_get(reentry.own, 60, &r, &n), 0);
  assert_int_equal(r[0].u.i, 9);
  mproc_values_free(r, n);
  assert_int_equal(reentry.ready, 0);
  assert_int_equal(reentry.successful, MPROC_E_STATE);
  assert_int_equal(reentry.wait, MPROC_E_STATE);
  assert_int_equal(reentry.wait0, MPROC_E_TIMEOUT);
  assert_int_equal(reentry.get, MPROC_E_STATE);
  assert_int_equal(reentry.apply, MPROC_E_STATE);
  assert_int_equal(reentry.imap, MPROC_E_STATE);
  assert_int_equal(reentry.nested_rc, 0);
  assert_int_equal(mproc_async_get(reentry.nested, 60, &r, &n), 0);
  assert_int_equal(r[0].u.i, 25);
  mproc_values_free(r, n);
  mproc_async_destroy(reentry.nested);
  mproc_async_destroy(reentry.own);
  mproc_event_destroy(reentry.stored);
  close_pool(reentry.pool);
}

/*
 * Regression (issue 12, item 8): a task's error message was cut at 511
 * bytes (the worker's buffer, then the thread's detail message). CPython
 * delivers a worker's exception message whole; so does mproc now, to the
 * error callback, to mproc_async_get()'s detail, to mproc_pool_apply()'s
 * and mproc_iter_next()'s.
 */
#define LONG_MESSAGE_LEN ((size_t)1 << 20)

/* Writes the message of length @p n for seed @p seed into @p m (n + 1
 * bytes): no two neighbouring bytes alike, and the length at the end, so a
 * cut or a shift shows. */
static void fill_message(char *m, size_t n, int64_t seed) {
  for (size_t i = 0; i < n; i++)
    m[i] = (char)('a' + (i * 7 + (size_t)seed) % 26);
  char tail[32];
  int t = snprintf(tail, sizeof tail, "|%zu", n);
  if (t > 0 && (size_t)t <= n)
    memcpy(m + n - (size_t)t, tail, (size_t)t);
  m[n] = '\0';
}

static char *long_message(size_t n, int64_t seed) {
  char *m = malloc(n + 1);
  assert_non_null(m);
  fill_message(m, n, seed);
  return m;
}

/* (n, seed) or (n) with seed 5: fails with that message. */
static int task_long_error(const mproc_value_t *args, size_t nargs,
                           mproc_task_t *task) {
  int64_t n, seed = 5;
  if (nargs < 1 || nargs > 2 || mproc_value_as_int(&args[0], &n) != 0 ||
      (nargs == 2 && mproc_value_as_int(&args[1], &seed) != 0) || n < 0)
    return MPROC_E_TYPE;
  char *m = malloc((size_t)n + 1);
  if (!m)
    return MPROC_E_NOMEM;
  fill_message(m, (size_t)n, seed);
  int rc = mproc_task_set_error(task, m);
  free(m);
  return rc < 0 ? rc : MPROC_E_VALUE;
}

static char *long_error_seen; /* copied by the error callback */

static void on_error_copy(void *ud, int status, const char *msg) {
  (void)ud;
  (void)status;
  free(long_error_seen);
  size_t n = strlen(msg);
  long_error_seen = malloc(n + 1);
  if (long_error_seen)
    memcpy(long_error_seen, msg, n + 1);
}

/* Asserts that @p got is long_message(n, seed), byte for byte. */
static void expect_long_message(const char *got, size_t n, int64_t seed) {
  assert_non_null(got);
  char *want = long_message(n, seed);
  if (strlen(got) != n)
    print_error("got %llu bytes of a %llu-byte message\n",
                (unsigned long long)strlen(got), (unsigned long long)n);
  assert_int_equal(strlen(got), n);
  assert_memory_equal(got, want, n);
  free(want);
}

static void test_long_error_message(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  mproc_value_t args[2] = {mproc_int((int64_t)LONG_MESSAGE_LEN), mproc_int(1)};
  /* The error callback and mproc_async_get(). */
  mproc_callbacks_t cb = {NULL, on_error_copy, NULL};
  mproc_async_t *r;
  assert_int_equal(mproc_pool_apply_async(p, task_long_error, args, 2, &cb, &r),
                   0);
  mproc_value_t *res;
  size_t n;
  assert_int_equal(mproc_async_get(r, 60, &res, &n), MPROC_E_VALUE);
  expect_long_message(mproc_last_error(), LONG_MESSAGE_LEN, 1);
  expect_long_message(long_error_seen, LONG_MESSAGE_LEN, 1);
  mproc_async_destroy(r);
  /* mproc_pool_apply(), then a short detail in between, then again. */
  args[1] = mproc_int(2);
  assert_int_equal(mproc_pool_apply(p, task_long_error, args, 2, &res),
                   MPROC_E_VALUE);
  expect_long_message(mproc_last_error(), LONG_MESSAGE_LEN, 2);
  assert_int_equal(mproc_pool_apply(NULL, task_long_error, args, 2, &res),
                   MPROC_E_INVAL);
  assert_true(strlen(mproc_last_error()) < 100);
  args[1] = mproc_int(3);
  assert_int_equal(mproc_pool_apply(p, task_long_error, args, 2, &res),
                   MPROC_E_VALUE);
  expect_long_message(mproc_last_error(), LONG_MESSAGE_LEN, 3);
  /* starmap_async and imap. */
  mproc_iter_t *it;
  args[1] = mproc_int(4);
  mproc_value_t tuple = mproc_tuple(args, 2);
  assert_int_equal(
      mproc_pool_starmap_async(p, task_long_error, &tuple, 1, 1, NULL, &r), 0);
  assert_int_equal(mproc_async_get(r, 60, &res, &n), MPROC_E_VALUE);
  expect_long_message(mproc_last_error(), LONG_MESSAGE_LEN, 4);
  mproc_async_destroy(r);
  mproc_value_t item = mproc_int((int64_t)LONG_MESSAGE_LEN);
  assert_int_equal(mproc_pool_imap(p, task_long_error, &item, 1, 1, &it), 0);
  size_t idx;
  assert_int_equal(mproc_iter_next(it, 60, &res, &idx), MPROC_E_VALUE);
  expect_long_message(mproc_last_error(), LONG_MESSAGE_LEN, 5);
  mproc_iter_destroy(it);
  free(long_error_seen);
  long_error_seen = NULL;
  close_pool(p);
}

/* A callback runs in the pool's own thread. Joining its pool from there
 * would wait for itself, destroying it would free the pool under it: both
 * are refused with MPROC_E_STATE, and the pool goes on. */
static mproc_pool_t *self_pool;
static int self_join_rc;
static char self_destroy_msg[256];
static mproc_event_t *self_done;

static void on_result_self(void *ud, const mproc_value_t *r, size_t n) {
  (void)ud;
  (void)r;
  (void)n;
  mproc_pool_close(self_pool);
  self_join_rc = mproc_pool_join(self_pool, 5.0);
  mproc_pool_destroy(self_pool);
  snprintf(self_destroy_msg, sizeof self_destroy_msg, "%s", mproc_last_error());
  mproc_event_set(self_done);
}

static void test_callback_and_pool_thread(void **state) {
  assert_int_equal(mproc_event_create(&self_done), 0);
  /* Rounds: an exiting thread is often gone by the time it is counted,
   * so one round would rarely catch a pool that leaves it running. */
  for (int round = 0; round < 8; round++) {
    mproc_event_clear(self_done);
    mproc_pool_t *p = self_pool = make_pool(state, 1, NULL, 0);
    int threads = harness_count_threads(); /* the pool's thread included */
    self_join_rc = 0;
    self_destroy_msg[0] = '\0';
    mproc_callbacks_t cb = {on_result_self, NULL, NULL};
    mproc_value_t a = mproc_int(3);
    mproc_async_t *r;
    assert_int_equal(mproc_pool_apply_async(p, task_square, &a, 1, &cb, &r), 0);
    mproc_value_t *res;
    size_t n;
    assert_int_equal(mproc_async_get(r, 60, &res, &n), 0);
    mproc_values_free(res, n);
    mproc_async_destroy(r);
    assert_int_equal(mproc_event_wait(self_done, 60), 0);
    assert_int_equal(mproc_pool_join(p, 60), 0);
    assert_int_equal(self_join_rc, MPROC_E_STATE);
    assert_non_null(strstr(self_destroy_msg, "cannot destroy its own pool"));
    mproc_pool_destroy(p);
    /* The pool's thread has ended, not merely finished its work, when
     * destroy returns: a fork right after copies no lock it holds. "Fewer"
     * rather than "one fewer": the OS may end threads of its own (Windows'
     * loader workers do); the first round lets it start the ones it keeps. */
    if (round > 0 && threads >= 0)
      assert_true(harness_count_threads() < threads);
  }
  mproc_event_destroy(self_done);
}

/* A pool belongs to the process that created it. A fork child has a copy
 * of the parent's pool and of a call's handle (here through globals), but
 * not the pool's thread: every use is refused, destroying the copies does
 * nothing, and the parent's pool is untouched. Under spawn the child has no
 * copy, and a pool cannot be passed to it. */
static mproc_pool_t *parent_pool;
static mproc_async_t *parent_call;

static int child_uses_parent_pool(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  if (!parent_pool || !parent_call)
    return 90;
  mproc_value_t a = mproc_int(2), *r = NULL;
  size_t n = 0;
  if (mproc_pool_apply(parent_pool, task_square, &a, 1, &r) != MPROC_E_STATE)
    return 91;
  if (!strstr(mproc_last_error(), "process that created"))
    return 92;
  if (mproc_pool_close(parent_pool) != MPROC_E_STATE ||
      mproc_pool_terminate(parent_pool) != MPROC_E_STATE ||
      mproc_pool_join(parent_pool, MPROC_FOREVER) != MPROC_E_STATE)
    return 93;
  if (mproc_async_get(parent_call, MPROC_FOREVER, &r, &n) != MPROC_E_STATE ||
      mproc_async_wait(parent_call, MPROC_FOREVER) != MPROC_E_STATE ||
      mproc_async_ready(parent_call) != MPROC_E_STATE)
    return 94;
  mproc_async_destroy(parent_call);
  mproc_pool_destroy(parent_pool);
#ifdef HARNESS_TSAN
  /* Its own pool's threads would be threads started in a fork child of a
   * threaded process, which ThreadSanitizer does not support: the other
   * builds check the rest. */
  return 0;
#else
  /* A pool of its own works. The parent kept its last map's large blocks
   * for reuse (spare.c): the child must neither hand them out (the list
   * is the parent's, as some thread of the parent left it) nor free them,
   * and its own calls' blocks are its own. Two maps: the second reuses
   * the first's blocks, whose stale contents must not show. */
  mproc_pool_options_t o = {1, NULL, NULL, 0, 0, MPROC_START_FORK};
  mproc_pool_t *own = NULL;
  if (mproc_pool_create(&own, &o) != 0)
    return 95;
  size_t big = big_n();
  mproc_value_t *items = malloc(big * sizeof *items); /* no cmocka here */
  if (!items)
    return 99;
  for (int round = 0; round < 2; round++) {
    for (size_t i = 0; i < big; i++)
      items[i] = mproc_int((int64_t)(i + (size_t)round));
    if (mproc_pool_map(own, task_square, items, big, 0, &r) != 0)
      return 96;
    for (size_t i = 0; i < big; i++) {
      int64_t x = (int64_t)(i + (size_t)round);
      if (r[i].type != MPROC_VALUE_INT || r[i].u.i != x * x)
        return 97;
    }
    mproc_values_free(r, big);
  }
  free(items);
  if (mproc_pool_close(own) != 0 || mproc_pool_join(own, 60) != 0)
    return 98;
  mproc_pool_destroy(own);
  return 0;
#endif
}

static void test_pool_in_another_process(void **state) {
  mproc_pool_t *p = make_pool(state, 1, NULL, 0);
  /* A large map first, so that the pool keeps its blocks (spare.c) when
   * the child is forked. */
  size_t big = big_n();
  mproc_value_t *items = int_items(big), *res = NULL;
  assert_int_equal(mproc_pool_map(p, task_square, items, big, 0, &res), 0);
  expect_squares(res, big);
  mproc_values_free(res, big);
  free(items);
  mproc_value_t a = mproc_int(5);
  mproc_async_t *call;
  assert_int_equal(mproc_pool_apply_async(p, task_square, &a, 1, NULL, &call),
                   0);
  mproc_value_t pa = mproc_obj(p);
  mproc_process_t *child;
  mproc_process_options_t o = {.start_method = TEST_METHOD(state),
                               .daemon = false};
  if (TEST_METHOD(state) == MPROC_START_FORK) {
    parent_pool = p;
    parent_call = call;
    child = harness_start(child_uses_parent_pool, NULL, 0, TEST_METHOD(state));
    harness_expect_exit(child, 0);
    parent_pool = NULL;
    parent_call = NULL;
  } else {
    assert_int_equal(
        mproc_process_start(&child, child_uses_parent_pool, &pa, 1, &o),
        MPROC_E_NOTSUP);
  }
  /* The parent's pool and call go on. */
  mproc_value_t *r;
  size_t n;
  assert_int_equal(mproc_async_get(call, 60, &r, &n), 0);
  assert_int_equal(r[0].u.i, 25);
  mproc_values_free(r, n);
  mproc_async_destroy(call);
  assert_int_equal(mproc_pool_apply(p, task_square, &a, 1, &r), 0);
  mproc_values_free(r, 1);
  close_pool(p);
}

/* The background thread's scenario 1 and its fix. */
static void test_sharing_rule(void **state) {
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  /* As a task argument: refused in the caller, with CPython's message. */
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  mproc_value_t a = mproc_obj(lock);
  mproc_value_t *r = NULL;
  assert_int_equal(mproc_pool_map(p, task_use_lock, &a, 1, 0, &r),
                   MPROC_E_INHERITANCE);
  assert_string_equal(
      mproc_last_error(),
      "Lock objects should only be shared between processes through "
      "inheritance");
  assert_null(r);
  assert_int_equal(mproc_pool_apply(p, task_use_lock, &a, 1, &r),
                   MPROC_E_INHERITANCE);
  cb_errors = 0;
  mproc_callbacks_t cb = {on_result, on_error, NULL};
  mproc_async_t *ar;
  assert_int_equal(mproc_pool_apply_async(p, task_use_lock, &a, 1, &cb, &ar),
                   0);
  assert_int_equal(cb_errors, 1);
  size_t n;
  assert_int_equal(mproc_async_get(ar, 1, &r, &n), MPROC_E_INHERITANCE);
  mproc_async_destroy(ar);
  /* The pool itself cannot cross either. */
  mproc_value_t pv = mproc_obj(p);
  void *buf;
  size_t len;
  assert_int_equal(mproc_encode(&pv, 1, &buf, &len), MPROC_E_NOTSUP);
  assert_string_equal(mproc_last_error(), "pool objects cannot be passed "
                                          "between processes or pickled");
  close_pool(p);

  /* Through initargs: inherited by every worker, and it works. */
  mproc_value_t init[] = {mproc_obj(lock), mproc_none(), mproc_none()};
  p = make_pool(state, 2, init, 0);
  mproc_value_t items[6];
  for (int i = 0; i < 6; i++)
    items[i] = mproc_int(i);
  assert_int_equal(mproc_pool_map(p, task_use_lock, items, 6, 1, &r), 0);
  for (int i = 0; i < 6; i++)
    assert_int_equal(r[i].type, MPROC_VALUE_BOOL);
  mproc_values_free(r, 6);
  close_pool(p);
  mproc_lock_destroy(lock);
}

static void test_task_failure(void **state) {
  mproc_pool_t *p = make_pool(state, 2, NULL, 0);
  mproc_value_t *items = int_items(40);
  mproc_value_t *r;
  assert_int_equal(mproc_pool_map(p, task_fail13, items, 40, 4, &r),
                   MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(), "thirteen is unlucky");
  /* imap gives the failure at the failed chunk's place, the rest intact. */
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap(p, task_fail13, items, 20, 1, &it), 0);
  for (size_t i = 0; i < 20; i++) {
    mproc_value_t *v;
    size_t idx;
    int rc = mproc_iter_next(it, 60, &v, &idx);
    assert_int_equal(idx, i);
    if (i == 13) {
      assert_int_equal(rc, MPROC_E_VALUE);
      continue;
    }
    assert_int_equal(rc, 0);
    const char *s;
    char want[32];
    snprintf(want, sizeof want, "item-%zu", i);
    assert_int_equal(mproc_value_as_str(v, &s), 0);
    assert_string_equal(s, want);
    mproc_values_free(v, 1);
  }
  mproc_iter_destroy(it);
  /* The pool is still fine. */
  assert_int_equal(mproc_pool_map(p, task_square, items, 40, 0, &r), 0);
  expect_squares(r, 40);
  mproc_values_free(r, 40);
  /* Unregistered task, NULLs. */
  assert_int_equal(mproc_pool_map(p, task_unregistered, items, 1, 0, &r),
                   MPROC_E_NOTFOUND);
  assert_int_equal(mproc_pool_map(p, NULL, items, 1, 0, &r), MPROC_E_INVAL);
  assert_int_equal(mproc_pool_map(NULL, task_square, items, 1, 0, &r),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_pool_map(p, task_square, NULL, 3, 0, &r),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_pool_join(p, 1), MPROC_E_STATE);
  free(items);
  close_pool(p);
}

static void test_maxtasks_initializer(void **state) {
  mproc_semaphore_t *inits;
  assert_int_equal(mproc_semaphore_create(&inits, 0), 0);
  mproc_value_t init[] = {mproc_none(), mproc_none(), mproc_obj(inits)};
  mproc_pool_t *p = make_pool(state, 2, init, 1);
  size_t n = harness_slow_processes() ? 6 : 12;
  mproc_value_t *items = int_items(n);
  mproc_value_t *r;
  assert_int_equal(mproc_pool_map(p, task_square, items, n, 1, &r), 0);
  expect_squares(r, n);
  mproc_values_free(r, n);
  close_pool(p);
  /* One chunk per worker: every chunk ran in a fresh worker, each of which
   * ran the initializer. */
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(inits, &v), 0);
  assert_true(v >= n);
  mproc_semaphore_destroy(inits);
  free(items);

  /* An initializer that always fails breaks the pool, it does not spin. */
  mproc_pool_options_t o = {1, init_fails, NULL, 0, 0, TEST_METHOD(state)};
  assert_int_equal(mproc_pool_create(&p, &o), 0);
  mproc_value_t a = mproc_int(2);
  assert_int_equal(mproc_pool_apply(p, task_square, &a, 1, &r), MPROC_E_BROKEN);
  mproc_pool_terminate(p);
  assert_int_equal(mproc_pool_join(p, 60), 0);
  mproc_pool_destroy(p);
}

static void test_worker_death(void **state) {
  mproc_lock_t *lock;
  mproc_semaphore_t *started;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_semaphore_create(&started, 0), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t init[] = {mproc_obj(lock), mproc_obj(started), mproc_none()};
  mproc_pool_t *p = make_pool(state, 2, init, 0);
  char path[512];
  harness_tmpfile(path, sizeof path, "pid");
  mproc_value_t args[16], tuples[8];
  for (int i = 0; i < 8; i++) {
    args[2 * i] = mproc_int(i == 4 ? 5 : i); /* no crash in this call */
    args[2 * i + 1] = mproc_str(path);
    tuples[i] = mproc_tuple(&args[2 * i], 2);
  }
  mproc_async_t *ar;
  assert_int_equal(
      mproc_pool_starmap_async(p, task_die_on_3, tuples, 8, 1, NULL, &ar), 0);
  assert_int_equal(mproc_semaphore_acquire(started, 60), 0);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  long long pid = 0;
  assert_int_equal(fscanf(f, "%lld", &pid), 1);
  fclose(f);
  remove(path);
  assert_int_equal(harness_kill_pid(pid), 0);
  mproc_value_t *r;
  size_t n;
  double t0 = harness_now();
  assert_int_equal(mproc_async_get(ar, 60, &r, &n), MPROC_E_WORKER_DIED);
  assert_true(harness_now() - t0 < 30);
  mproc_async_destroy(ar);

  /* A crash (abort) mid-task, and a killed task in imap: each fails its
   * chunk only; the rest complete. */
  for (int i = 0; i < 8; i++)
    args[2 * i] = mproc_int(i == 3 ? 6 : i);
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap(p, (mproc_task_fn)NULL, args, 1, 1, &it),
                   MPROC_E_INVAL);
  assert_int_equal(
      mproc_pool_starmap_async(p, task_die_on_3, tuples, 8, 1, NULL, &ar), 0);
  assert_int_equal(mproc_async_get(ar, 60, &r, &n), MPROC_E_WORKER_DIED);
  mproc_async_destroy(ar);

  /* The pool kept serving, with replacements. */
  mproc_value_t *items = int_items(30);
  assert_int_equal(mproc_pool_map(p, task_square, items, 30, 2, &r), 0);
  expect_squares(r, 30);
  mproc_values_free(r, 30);
  free(items);
  assert_int_equal(mproc_lock_release(lock), 0);
  close_pool(p);
  mproc_lock_destroy(lock);
  mproc_semaphore_destroy(started);
}

static void test_terminate_join(void **state) {
  mproc_lock_t *lock;
  mproc_semaphore_t *started;
  assert_int_equal(mproc_lock_create(&lock), 0);
  assert_int_equal(mproc_semaphore_create(&started, 0), 0);
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  mproc_value_t init[] = {mproc_obj(lock), mproc_obj(started), mproc_none()};

  /* join times out while a task runs, then succeeds. */
  mproc_pool_t *p = make_pool(state, 2, init, 0);
  mproc_value_t a = mproc_int(0);
  mproc_async_t *running, *ar;
  assert_int_equal(mproc_pool_apply_async(p, task_block, &a, 1, NULL, &running),
                   0);
  assert_int_equal(mproc_semaphore_acquire(started, 60), 0);
  assert_int_equal(mproc_pool_close(p), 0);
  assert_int_equal(mproc_pool_apply_async(p, task_block, &a, 1, NULL, &ar),
                   0); /* refused: the handle carries the error */
  mproc_value_t *r;
  size_t n;
  assert_int_equal(mproc_async_get(ar, 1, &r, &n), MPROC_E_STATE);
  mproc_async_destroy(ar);
  assert_int_equal(mproc_pool_join(p, 0.2), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_lock_release(lock), 0);
  assert_int_equal(mproc_pool_join(p, 60), 0);
  /* The task that was running when the pool closed finished normally. */
  assert_int_equal(mproc_async_get(running, 0, &r, &n), 0);
  mproc_values_free(r, n);
  mproc_async_destroy(running);
  mproc_pool_destroy(p);

  /* terminate while tasks run: their calls fail, join returns. */
  assert_int_equal(mproc_lock_acquire(lock, MPROC_FOREVER), 0);
  p = make_pool(state, 2, init, 0);
  mproc_value_t items[4] = {mproc_int(0), mproc_int(1), mproc_int(2),
                            mproc_int(3)};
  assert_int_equal(mproc_pool_map_async(p, task_block, items, 4, 1, NULL, &ar),
                   0);
  assert_int_equal(mproc_semaphore_acquire(started, 60), 0);
  assert_int_equal(mproc_pool_terminate(p), 0);
  assert_int_equal(mproc_pool_join(p, 60), 0);
  assert_int_equal(mproc_async_get(ar, 10, &r, &n), MPROC_E_CLOSED);
  mproc_async_destroy(ar);
  mproc_pool_destroy(p);
  mproc_lock_release(lock);
  mproc_lock_destroy(lock);
  mproc_semaphore_destroy(started);
}

/*
 * Workers do not wait on the pool's thread while tasks remain: with that
 * thread held in a callback, every task of an imap(chunksize=1) submitted
 * meanwhile still runs. Before the credit was counted in time and bytes,
 * each worker got 2 chunks at a time from that thread alone, so here no
 * task ran until the callback gave up.
 */
#define HELD_TASKS 64
static struct {
  mproc_event_t *in_cb;
  mproc_semaphore_t *ran;
  int got;
} held;

static void on_result_hold(void *ud, const mproc_value_t *r, size_t n) {
  (void)ud;
  (void)r;
  (void)n;
  mproc_event_set(held.in_cb);
  for (held.got = 0; held.got < HELD_TASKS; held.got++)
    if (mproc_semaphore_acquire(held.ran, 30) != 0)
      break;
}

static void test_dispatch_without_handler(void **state) {
  assert_int_equal(mproc_event_create(&held.in_cb), 0);
  assert_int_equal(mproc_semaphore_create(&held.ran, 0), 0);
  mproc_value_t init[] = {mproc_none(), mproc_obj(held.ran), mproc_none()};
  mproc_pool_t *p = make_pool(state, 2, init, 0);
  mproc_callbacks_t cb = {on_result_hold, NULL, NULL};
  mproc_value_t a = mproc_int(3);
  mproc_async_t *ar;
  assert_int_equal(mproc_pool_apply_async(p, task_square, &a, 1, &cb, &ar), 0);
  assert_int_equal(mproc_event_wait(held.in_cb, 60), 0);
  mproc_value_t *items = int_items(HELD_TASKS);
  mproc_iter_t *it;
  assert_int_equal(mproc_pool_imap(p, task_count, items, HELD_TASKS, 1, &it),
                   0);
  assert_int_equal(mproc_async_wait(ar, 120), 0);
  assert_int_equal(held.got, HELD_TASKS);
  for (size_t i = 0; i < HELD_TASKS; i++) {
    mproc_value_t *v;
    size_t idx;
    int64_t x = -1;
    assert_int_equal(mproc_iter_next(it, 60, &v, &idx), 0);
    assert_int_equal(mproc_value_as_int(v, &x), 0);
    assert_true(x == (int64_t)i && idx == i);
    mproc_values_free(v, 1);
  }
  mproc_iter_destroy(it);
  mproc_async_destroy(ar);
  free(items);
  close_pool(p);
  mproc_event_destroy(held.in_cb);
  mproc_semaphore_destroy(held.ran);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("init_worker", init_worker);
  mproc_register("init_fails", init_fails);
  mproc_register("child_uses_parent_pool", child_uses_parent_pool);
  mproc_register_task("square", task_square);
  mproc_register_task("sub", task_sub);
  mproc_register_task("fail13", task_fail13);
  mproc_register_task("use_lock", task_use_lock);
  mproc_register_task("die_on_3", task_die_on_3);
  mproc_register_task("block", task_block);
  mproc_register_task("long_error", task_long_error);
  mproc_register_task("count", task_count);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_map_imap_large),
      cmocka_unit_test(test_imap_unordered_and_chunk1),
      cmocka_unit_test(test_starmap_apply),
      cmocka_unit_test(test_async_callbacks),
      cmocka_unit_test(test_callback_before_ready),
      cmocka_unit_test(test_callback_reentry),
      cmocka_unit_test(test_long_error_message),
      cmocka_unit_test(test_callback_and_pool_thread),
      cmocka_unit_test(test_pool_in_another_process),
      cmocka_unit_test(test_sharing_rule),
      cmocka_unit_test(test_task_failure),
      cmocka_unit_test(test_maxtasks_initializer),
      cmocka_unit_test(test_worker_death),
      cmocka_unit_test(test_terminate_join),
      cmocka_unit_test(test_dispatch_without_handler),
  };
  return harness_run(argc, argv, "pool", tests, sizeof tests / sizeof tests[0]);
}
