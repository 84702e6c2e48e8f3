/* SPDX-License-Identifier: MIT */
/*
 * Who a process is and what it tells its parent, with CPython's names:
 * mproc_current_process(), mproc_parent_process(), mproc_active_children(),
 * mproc_cpu_count(), process names (CPython's "Process-N:M" numbering) and
 * the daemon flag; mproc_process_fail() / mproc_process_error(); and the
 * one registry behind MPROC_REGISTER(). Each case runs under every start
 * method the platform has.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Helpers for children                                                     */
/* ------------------------------------------------------------------------ */

static bool str_is(const char *got, const char *want) {
  return got && want && strcmp(got, want) == 0;
}

static int child_exit_now(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

/* Starts fn under @p method, with @p name (NULL: the default), and joins
 * it: its exit code, or a negative status. */
static int run_child(mproc_fn fn, const mproc_value_t *args, size_t nargs,
                     mproc_start_method_t method, const char *name,
                     char *started_name, size_t cap) {
  mproc_process_t *p;
  mproc_process_options_t o = {.start_method = method, .name = name};
  int rc = mproc_process_start(&p, fn, args, nargs, &o);
  if (rc != 0) {
    print_message("mproc_process_start: %s (%s)\n", mproc_err_name(rc),
                  mproc_last_error());
    return rc;
  }
  if (started_name)
    snprintf(started_name, cap, "%s", mproc_process_name(p));
  int code = -1000;
  if (mproc_process_join(p, 60) != 0 || mproc_process_exitcode(p, &code) != 0)
    code = -1000;
  mproc_process_destroy(p);
  return code;
}

/* ------------------------------------------------------------------------ */
/* The main process                                                         */
/* ------------------------------------------------------------------------ */

static void test_current_process_main(void **state) {
  (void)state;
  mproc_process_t *me = mproc_current_process();
  assert_non_null(me);
  assert_string_equal(mproc_process_name(me), "MainProcess");
  assert_int_equal(mproc_process_pid(me), mproc_getpid());
  assert_int_equal(mproc_process_daemon(me), 0);
  assert_int_equal(mproc_process_is_alive(me), 1);
  /* As CPython's "can only join a child process". */
  assert_int_equal(mproc_process_join(me, 0), MPROC_E_STATE);
  assert_non_null(strstr(mproc_last_error(), "can only join a child process"));
  assert_int_equal(mproc_process_terminate(me), MPROC_E_STATE);
  assert_int_equal(mproc_process_kill(me), MPROC_E_STATE);
  int code;
  assert_int_equal(mproc_process_exitcode(me, &code), MPROC_E_BUSY);
  assert_null(mproc_process_error(me));
  /* The library's handle: destroying it does nothing. */
  assert_int_equal(mproc_process_destroy(me), 0);
  assert_int_equal(mproc_process_detach(me), 0);
  assert_ptr_equal(mproc_current_process(), me);
  assert_string_equal(mproc_process_name(me), "MainProcess");

  assert_null(mproc_parent_process());
  assert_true(mproc_cpu_count() >= 1);
  /* A process that mproc did not start has nowhere to report to. */
  assert_int_equal(mproc_process_fail(7, "nobody reads this"), 7);

  assert_null(mproc_process_name(NULL));
  assert_int_equal(mproc_process_daemon(NULL), MPROC_E_INVAL);
  assert_null(mproc_process_error(NULL));
  mproc_process_t **kids;
  size_t n;
  assert_int_equal(mproc_active_children(NULL, &n), MPROC_E_INVAL);
  assert_int_equal(mproc_active_children(&kids, NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_active_children(&kids, &n), 0);
  assert_int_equal(n, 0);
  assert_null(kids);
  char big[MPROC_PROCESS_NAME_MAX + 2];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  mproc_process_t *p = NULL;
  mproc_process_options_t o = {.name = big};
  assert_int_equal(mproc_process_start(&p, NULL, NULL, 0, &o), MPROC_E_INVAL);
  assert_null(p);
}

/* ------------------------------------------------------------------------ */
/* Names, identity, daemon flag, the parent, in children and grandchildren   */
/* ------------------------------------------------------------------------ */

/* args: own name, own daemon flag, parent name, parent pid. */
static int child_who(const mproc_value_t *args, size_t nargs) {
  const char *name, *parent_name;
  bool daemon;
  int64_t ppid;
  CHECK(nargs == 4, 10);
  CHECK(mproc_value_as_str(&args[0], &name) == 0, 11);
  CHECK(mproc_value_as_bool(&args[1], &daemon) == 0, 12);
  CHECK(mproc_value_as_str(&args[2], &parent_name) == 0, 13);
  CHECK(mproc_value_as_int(&args[3], &ppid) == 0, 14);
  mproc_process_t *me = mproc_current_process();
  CHECK(str_is(mproc_process_name(me), name), 20);
  CHECK(mproc_process_daemon(me) == (daemon ? 1 : 0), 21);
  CHECK(mproc_process_pid(me) == mproc_getpid(), 22);
  CHECK(mproc_process_is_alive(me) == 1, 23);
  mproc_process_t *parent = mproc_parent_process();
  CHECK(parent != NULL, 30);
  CHECK(mproc_process_pid(parent) == ppid, 31);
  CHECK(str_is(mproc_process_name(parent), parent_name), 32);
  /* The parent is waiting for us: alive, its join times out. */
  CHECK(mproc_process_is_alive(parent) == 1, 33);
  CHECK(mproc_process_join(parent, 0) == MPROC_E_TIMEOUT, 34);
  int code;
  CHECK(mproc_process_exitcode(parent, &code) == MPROC_E_BUSY, 35);
  CHECK(mproc_process_terminate(parent) == MPROC_E_STATE, 36);
  CHECK(mproc_process_error(parent) == NULL, 37);
  CHECK(mproc_process_destroy(parent) == 0, 38);
  CHECK(mproc_parent_process() == parent, 39);
  return 0;
}

/* args: own name, own identity ("3"), daemon, start method. Checks itself
 * and names its own children as CPython does: "Process-3:1", then "...:2",
 * whatever its own name. */
static int child_names_children(const mproc_value_t *args, size_t nargs) {
  const char *name, *identity;
  bool daemon;
  int64_t method;
  CHECK(nargs == 4, 10);
  CHECK(mproc_value_as_str(&args[0], &name) == 0, 11);
  CHECK(mproc_value_as_str(&args[1], &identity) == 0, 12);
  CHECK(mproc_value_as_bool(&args[2], &daemon) == 0, 13);
  CHECK(mproc_value_as_int(&args[3], &method) == 0, 14);
  mproc_process_t *me = mproc_current_process();
  CHECK(str_is(mproc_process_name(me), name), 20);
  CHECK(mproc_process_daemon(me) == (daemon ? 1 : 0), 21);
  CHECK(str_is(mproc_process_name(mproc_parent_process()), "MainProcess"), 22);
  for (int i = 1; i <= 2; i++) {
    char want[256];
    snprintf(want, sizeof want, "Process-%s:%d", identity, i);
    /* The grandchild checks itself and sees us as its parent. */
    mproc_value_t a[4] = {mproc_str(want), mproc_bool(i == 2), mproc_str(name),
                          mproc_int(mproc_getpid())};
    mproc_process_t *p;
    mproc_process_options_t o = {.start_method = (mproc_start_method_t)method,
                                 .daemon = i == 2};
    CHECK(mproc_process_start(&p, child_who, a, 4, &o) == 0, 30);
    CHECK(str_is(mproc_process_name(p), want), 31);
    CHECK(mproc_process_daemon(p) == (i == 2), 32);
    CHECK(mproc_process_join(p, 60) == 0, 33);
    int code = -1;
    CHECK(mproc_process_exitcode(p, &code) == 0, 34);
    CHECK(mproc_process_destroy(p) == 0, 35);
    CHECK(code == 0, 40 + code % 50);
  }
  return 0;
}

/* The number N of a default name "Process-N". */
static int name_number(const char *name) {
  int k = -1;
  char end;
  if (!name || sscanf(name, "Process-%d%c", &k, &end) != 1)
    return -1;
  return k;
}

static void test_names_and_parent(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  /* The default: "Process-N", N counting this process's starts. */
  char first[64], second[64], want[64], ident[16];
  assert_int_equal(
      run_child(child_exit_now, NULL, 0, m, NULL, first, sizeof first), 0);
  int k = name_number(first);
  assert_true(k >= 1);
  /* The next start is N + 1, and the child knows its name and its
   * parent's. */
  snprintf(want, sizeof want, "Process-%d", k + 1);
  mproc_value_t a[4] = {mproc_str(want), mproc_bool(false),
                        mproc_str("MainProcess"), mproc_int(mproc_getpid())};
  assert_int_equal(run_child(child_who, a, 4, m, NULL, second, sizeof second),
                   0);
  assert_string_equal(second, want);

  /* A given name and the daemon flag reach the child; its children are
   * numbered from its identity, not its name. */
  snprintf(ident, sizeof ident, "%d", k + 2);
  mproc_value_t b[4] = {mproc_str("w\xc3\xa9rker one"), mproc_str(ident),
                        mproc_bool(true), mproc_int(m)};
  mproc_process_t *p;
  mproc_process_options_t o = {
      .start_method = m, .daemon = true, .name = "w\xc3\xa9rker one"};
  assert_int_equal(mproc_process_start(&p, child_names_children, b, 4, &o), 0);
  assert_string_equal(mproc_process_name(p), "w\xc3\xa9rker one");
  assert_int_equal(mproc_process_daemon(p), 1);
  harness_expect_exit(p, 0);

  /* The default name and no daemon flag, two levels down. */
  snprintf(ident, sizeof ident, "%d", k + 3);
  snprintf(want, sizeof want, "Process-%d", k + 3);
  b[0] = mproc_str(want);
  b[1] = mproc_str(ident);
  b[2] = mproc_bool(false);
  assert_int_equal(
      run_child(child_names_children, b, 4, m, NULL, second, sizeof second), 0);
  assert_string_equal(second, want);
}

/* ------------------------------------------------------------------------ */
/* Pool workers: named as CPython's, not among the active children           */
/* ------------------------------------------------------------------------ */

static int task_my_name(const mproc_value_t *args, size_t nargs,
                        mproc_task_t *task) {
  (void)args;
  (void)nargs;
  /* A worker has no region to report to: fail only returns the code. */
  if (mproc_process_fail(3, "ignored") != 3)
    return MPROC_E_STATE;
  mproc_value_t v = mproc_str(mproc_process_name(mproc_current_process()));
  return mproc_task_set_result(task, &v);
}

static void test_pool_workers(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_pool_t *pool;
  mproc_pool_options_t po = {.processes = 1, .start_method = m};
  assert_int_equal(mproc_pool_create(&pool, &po), 0);
  mproc_value_t *r;
  /* One (ignored) argument: pool.c's chunking offsets a NULL args array
   * when there are none, which UBSan reports (left to pool.c's owner). */
  mproc_value_t arg = mproc_int(0);
  assert_int_equal(mproc_pool_apply(pool, task_my_name, &arg, 1, &r), 0);
  const char *name;
  assert_int_equal(mproc_value_as_str(r, &name), 0);
  const char *prefix = m == MPROC_START_FORK    ? "ForkPoolWorker-"
                       : m == MPROC_START_SPAWN ? "SpawnPoolWorker-"
                                                : "ForkServerPoolWorker-";
  assert_memory_equal(name, prefix, strlen(prefix));
  mproc_values_free(r, 1);
  mproc_process_t **kids;
  size_t n;
  assert_int_equal(mproc_active_children(&kids, &n), 0);
  assert_int_equal(n, 0);
  mproc_pool_destroy(pool);
}

/* ------------------------------------------------------------------------ */
/* active_children                                                          */
/* ------------------------------------------------------------------------ */

/* args: an Event to wait for. */
static int child_wait_event(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *e;
  CHECK(nargs == 1 && mproc_value_as_event(&args[0], &e) == 0, 10);
  CHECK(mproc_event_wait(e, 60) == 0, 11);
  return 0;
}

static void test_active_children(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_event_t *e;
  assert_int_equal(mproc_event_create(&e), 0);
  mproc_value_t a = mproc_obj(e);
  mproc_process_t *waiting = harness_start(child_wait_event, &a, 1, m);
  mproc_process_t *quick = harness_start(child_exit_now, NULL, 0, m);
  mproc_process_t **kids = NULL;
  size_t n = 0;
  /* The quick one leaves the list once it has exited, without a join. */
  double deadline = harness_now() + 60;
  for (;;) {
    assert_int_equal(mproc_active_children(&kids, &n), 0);
    assert_true(n == 1 || n == 2);
    assert_ptr_equal(kids[0], waiting); /* oldest first */
    if (n == 1)
      break;
    assert_ptr_equal(kids[1], quick);
    mproc_free(kids);
    assert_true(harness_now() < deadline);
    harness_sleep(0.01);
  }
  mproc_free(kids);
  /* Reaped by active_children: its exit code is known. */
  int code = -1;
  assert_int_equal(mproc_process_exitcode(quick, &code), 0);
  assert_int_equal(code, 0);
  assert_int_equal(mproc_process_is_alive(quick), 0);
  assert_int_equal(mproc_process_destroy(quick), 0);

  assert_int_equal(mproc_event_set(e), 0);
  harness_expect_exit(waiting, 0);
  assert_int_equal(mproc_active_children(&kids, &n), 0);
  assert_int_equal(n, 0);
  assert_null(kids);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* parent_process(): join waits for the parent's end                         */
/* ------------------------------------------------------------------------ */

/* args: a queue for the result, an Event, the parent's pid. Waits until its
 * parent has ended, then puts its verdict (0: all good). */
static int grandchild_outlive_parent(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  mproc_event_t *e;
  int64_t ppid;
  int verdict = 0;
  if (nargs != 3 || mproc_value_as_queue(&args[0], &q) != 0)
    return 10;
  if (mproc_value_as_event(&args[1], &e) != 0 ||
      mproc_value_as_int(&args[2], &ppid) != 0)
    verdict = 11;
  mproc_process_t *parent = mproc_parent_process();
  mproc_os_handle_t h;
  int rc;
  if (!verdict && (!parent || mproc_process_pid(parent) != ppid))
    verdict = 12;
  if (!verdict && mproc_process_is_alive(parent) != 1)
    verdict = 13;
  if (!verdict && (rc = mproc_process_sentinel(parent, &h)) != 0 &&
      rc != MPROC_E_NOTSUP)
    verdict = 14;
  if (!verdict && mproc_process_join(parent, 0.05) != MPROC_E_TIMEOUT)
    verdict = 15;
  mproc_event_set(e); /* the parent may end now */
  if (!verdict && mproc_process_join(parent, 60) != 0)
    verdict = 16;
  if (!verdict && mproc_process_is_alive(parent) != 0)
    verdict = 17;
  int code;
  if (!verdict && mproc_process_exitcode(parent, &code) != MPROC_E_STATE)
    verdict = 18;
  mproc_value_t v = mproc_int(verdict);
  return mproc_queue_put(q, &v, 1, 60) == 0 ? 0 : 19;
}

/* args: a queue, an Event, the start method. Starts the grandchild, leaves
 * it running (detached: its own end must not join it) and ends once the
 * grandchild has looked at it alive. */
static int child_leave_grandchild(const mproc_value_t *args, size_t nargs) {
  int64_t method;
  mproc_event_t *e;
  CHECK(nargs == 3 && mproc_value_as_int(&args[2], &method) == 0, 10);
  CHECK(mproc_value_as_event(&args[1], &e) == 0, 11);
  mproc_value_t a[3] = {args[0], args[1], mproc_int(mproc_getpid())};
  mproc_process_t *p;
  mproc_process_options_t o = {.start_method = (mproc_start_method_t)method};
  CHECK(mproc_process_start(&p, grandchild_outlive_parent, a, 3, &o) == 0, 12);
  CHECK(mproc_process_detach(p) == 0, 13);
  CHECK(mproc_event_wait(e, 60) == 0, 14);
  return 0;
}

static void test_parent_join(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_queue_t *q;
  mproc_event_t *e;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_event_create(&e), 0);
  mproc_value_t a[3] = {mproc_obj(q), mproc_obj(e), mproc_int(m)};
  harness_expect_exit(harness_start(child_leave_grandchild, a, 3, m), 0);
  mproc_value_t *vals;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &vals, &n, 60), 0);
  int64_t verdict = -1;
  assert_int_equal(mproc_value_as_int(&vals[0], &verdict), 0);
  assert_int_equal(verdict, 0);
  mproc_values_free(vals, n);
  mproc_event_destroy(e);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* mproc_process_fail() / mproc_process_error()                              */
/* ------------------------------------------------------------------------ */

/* args: exit code, message (str or None), and optionally a first message
 * that the second replaces. */
static int child_fail(const mproc_value_t *args, size_t nargs) {
  int64_t code;
  const char *msg = NULL, *first;
  CHECK(nargs >= 2 && mproc_value_as_int(&args[0], &code) == 0, 100);
  CHECK(args[1].type == MPROC_VALUE_NONE ||
            mproc_value_as_str(&args[1], &msg) == 0,
        101);
  if (nargs == 3) {
    CHECK(mproc_value_as_str(&args[2], &first) == 0, 102);
    CHECK(mproc_process_fail(99, first) == 99, 103);
  }
  return mproc_process_fail((int)code, msg);
}

/* args: the start method. Its child fails with a message it reads; then it
 * fails with its own. */
static int child_fail_nested(const mproc_value_t *args, size_t nargs) {
  int64_t method;
  CHECK(nargs == 1 && mproc_value_as_int(&args[0], &method) == 0, 100);
  mproc_value_t a[2] = {mproc_int(4), mproc_str("grandchild says")};
  mproc_process_t *p;
  mproc_process_options_t o = {.start_method = (mproc_start_method_t)method};
  CHECK(mproc_process_start(&p, child_fail, a, 2, &o) == 0, 101);
  CHECK(mproc_process_join(p, 60) == 0, 102);
  CHECK(str_is(mproc_process_error(p), "grandchild says"), 103);
  CHECK(mproc_process_destroy(p) == 0, 104);
  /* What an argument check says, as the header's example does it. */
  const char *s;
  if (mproc_value_as_str(&args[0], &s) != 0)
    return mproc_process_fail(5, mproc_last_error());
  return 0;
}

static void expect_fail(mproc_start_method_t m, const mproc_value_t *a,
                        size_t n, int code, const char *message) {
  mproc_process_t *p = harness_start(child_fail, a, n, m);
  assert_int_equal(mproc_process_join(p, 60), 0);
  int got = -1;
  assert_int_equal(mproc_process_exitcode(p, &got), 0);
  assert_int_equal(got, code);
  const char *err = mproc_process_error(p);
  if (message) {
    assert_non_null(err);
    assert_string_equal(err, message);
    assert_ptr_equal(mproc_process_error(p), err); /* the same string */
  } else {
    assert_null(err);
  }
  harness_expect_exit(p, code);
}

static void test_process_fail(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_value_t a[3] = {mproc_int(2),
                        mproc_str("worker() argument 1 must be int, not str"),
                        mproc_str("first")};
  expect_fail(m, a, 2, 2, "worker() argument 1 must be int, not str");
  /* A later call replaces the message; NULL removes it. */
  expect_fail(m, a, 3, 2, "worker() argument 1 must be int, not str");
  a[1] = mproc_none();
  expect_fail(m, a, 3, 2, NULL);
  /* A message for a child that then succeeds is still its message. */
  a[0] = mproc_int(0);
  a[1] = mproc_str("");
  expect_fail(m, a, 2, 0, "");
  /* No message: NULL, whatever the exit code. */
  a[0] = mproc_int(3);
  a[1] = mproc_none();
  expect_fail(m, a, 2, 3, NULL);

  /* Longer than the bound: cut, never inside a UTF-8 character. */
  size_t len = MPROC_PROCESS_ERROR_MAX + 1000;
  char *big = malloc(len + 1);
  assert_non_null(big);
  memset(big, 'a', len);
  big[MPROC_PROCESS_ERROR_MAX - 1] = '\xc3'; /* e-acute across the cut */
  big[MPROC_PROCESS_ERROR_MAX] = '\xa9';
  big[len] = '\0';
  a[0] = mproc_int(1);
  a[1] = mproc_str(big);
  big[MPROC_PROCESS_ERROR_MAX - 1] = '\0';
  {
    mproc_process_t *q = harness_start(child_fail, a, 2, m);
    assert_int_equal(mproc_process_join(q, 60), 0);
    const char *err = mproc_process_error(q);
    assert_non_null(err);
    assert_int_equal(strlen(err), MPROC_PROCESS_ERROR_MAX - 1);
    assert_string_equal(err, big);
    harness_expect_exit(q, 1);
  }
  free(big);

  /* Nested: each level reads its own child's message. */
  mproc_value_t mm = mproc_int(m);
  char expected[512];
  assert_int_equal(mproc_value_as_str(&mm, NULL), MPROC_E_TYPE);
  snprintf(expected, sizeof expected, "%s", mproc_last_error());
  mproc_process_t *p = harness_start(child_fail_nested, &mm, 1, m);
  assert_int_equal(mproc_process_join(p, 60), 0);
  const char *err = mproc_process_error(p);
  assert_non_null(err);
  assert_string_equal(err, expected);
  harness_expect_exit(p, 5);
}

/* Threads of one child that report at once. */
#define FAIL_THREADS 4

static void fail_thread(void *arg) {
  char msg[32];
  snprintf(msg, sizeof msg, "thread %d failed", (int)(intptr_t)arg);
  (void)mproc_process_fail(6, msg);
}

/* No args: FAIL_THREADS threads report a failure at the same time, the
 * first report of a spawned child, which maps its region then. */
static int child_fail_threads(const mproc_value_t *args, size_t nargs) {
  (void)args;
  CHECK(nargs == 0, 100);
  harness_thread_t *t[FAIL_THREADS];
  for (int i = 0; i < FAIL_THREADS; i++)
    CHECK((t[i] = harness_thread_start(fail_thread, (void *)(intptr_t)i)) !=
              NULL,
          101);
  for (int i = 0; i < FAIL_THREADS; i++)
    harness_thread_join(t[i]);
  return 6;
}

static void test_fail_from_threads(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  for (int round = 0; round < 5; round++) {
    mproc_process_t *p = harness_start(child_fail_threads, NULL, 0, m);
    assert_int_equal(mproc_process_join(p, 60), 0);
    const char *err = mproc_process_error(p);
    assert_non_null(err);
    /* One of the messages, whole. */
    int who = -1;
    char tail[16] = "";
    assert_int_equal(sscanf(err, "thread %d %15s", &who, tail), 2);
    assert_true(who >= 0 && who < FAIL_THREADS);
    assert_string_equal(tail, "failed");
    harness_expect_exit(p, 6);
  }
}

static void test_error_while_running(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_event_t *e;
  assert_int_equal(mproc_event_create(&e), 0);
  mproc_value_t a = mproc_obj(e);
  mproc_process_t *p = harness_start(child_wait_event, &a, 1, m);
  assert_null(mproc_process_error(p));
  assert_int_equal(mproc_event_set(e), 0);
  assert_int_equal(mproc_process_join(p, 60), 0);
  assert_null(mproc_process_error(p));
  harness_expect_exit(p, 0);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* One registry                                                             */
/* ------------------------------------------------------------------------ */

static int not_registered_task(const mproc_value_t *args, size_t nargs,
                               mproc_task_t *task) {
  (void)args;
  (void)nargs;
  (void)task;
  return 0;
}

static void test_register_one_namespace(void **state) {
  (void)state;
  /* "child_who" is a process function (MPROC_REGISTER in main): a task of
   * that name would make the name mean two functions. */
  assert_int_equal(mproc_register_task("child_who", not_registered_task),
                   MPROC_E_STATE);
  assert_non_null(strstr(mproc_last_error(), "already registered as a "
                                             "process function"));
  assert_int_equal(mproc_register("task_my_name", child_exit_now),
                   MPROC_E_STATE);
  assert_non_null(
      strstr(mproc_last_error(), "already registered as a pool task"));
  /* The library's names. */
  assert_int_equal(mproc_register("mproc.pool.worker", child_exit_now),
                   MPROC_E_STATE);
  assert_int_equal(mproc_register_task("mproc.mine", not_registered_task),
                   MPROC_E_STATE);
  /* Again, the same: nothing to do. */
  assert_int_equal(MPROC_REGISTER(task_my_name), 0);
  assert_int_equal(MPROC_REGISTER_PROCESS(child_who), 0);
  assert_int_equal(MPROC_REGISTER_TASK(task_my_name), 0);
  /* The same function under another name of the same kind. */
  assert_int_equal(mproc_register("child_who_again", child_who), MPROC_E_STATE);
  /* A failed registration left no trace: the task is still unknown. */
  mproc_pool_t *pool;
  mproc_pool_options_t po = {.processes = 1};
  assert_int_equal(mproc_pool_create(&pool, &po), 0);
  mproc_value_t *r = NULL;
  assert_int_equal(mproc_pool_apply(pool, not_registered_task, NULL, 0, &r),
                   MPROC_E_NOTFOUND);
  mproc_pool_destroy(pool);
}

int main(int argc, char **argv) {
  harness_early_init();
  MPROC_REGISTER(child_who);
  MPROC_REGISTER(child_names_children);
  MPROC_REGISTER(child_wait_event);
  MPROC_REGISTER(child_exit_now);
  MPROC_REGISTER(grandchild_outlive_parent);
  MPROC_REGISTER(child_leave_grandchild);
  MPROC_REGISTER(child_fail);
  MPROC_REGISTER(child_fail_nested);
  MPROC_REGISTER(child_fail_threads);
  MPROC_REGISTER(task_my_name);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_current_process_main),
      cmocka_unit_test(test_names_and_parent),
      cmocka_unit_test(test_pool_workers),
      cmocka_unit_test(test_active_children),
      cmocka_unit_test(test_parent_join),
      cmocka_unit_test(test_process_fail),
      cmocka_unit_test(test_fail_from_threads),
      cmocka_unit_test(test_error_while_running),
      cmocka_unit_test(test_register_one_namespace),
  };
  return harness_run(argc, argv, "process_api", tests,
                     sizeof tests / sizeof tests[0]);
}
