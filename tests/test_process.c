/* SPDX-License-Identifier: MIT */
/*
 * Processes: start, join, exit codes, terminate and kill, arguments of every
 * type, the sharing rule at process creation, and every way a start can
 * fail. Each test runs under every start method the platform has.
 */
#define _POSIX_C_SOURCE                                                        \
  200809L /* with -std=c11: fork(), kill(), nanosleep()                        \
           */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#ifndef _WIN32
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#endif

/* args: an exit code */
static int child_exit_with(const mproc_value_t *args, size_t nargs) {
  int64_t code;
  if (nargs != 1 || mproc_value_as_int(&args[0], &code) != 0)
    return 100;
  return (int)code;
}

/* Checks that every value type arrives intact. */
static int child_check_args(const mproc_value_t *args, size_t nargs) {
  static const unsigned char raw[] = {0, 1, 2, 0xfe, 0};
  int64_t i;
  double d;
  bool b;
  const char *s;
  const void *p;
  size_t len;
  if (nargs != 7)
    return 10;
  if (args[0].type != MPROC_VALUE_NONE)
    return 11;
  if (mproc_value_as_int(&args[1], &i) != 0 || i != -1234567890123LL)
    return 12;
  if (mproc_value_as_double(&args[2], &d) != 0 || d != 3.25)
    return 13;
  if (mproc_value_as_bool(&args[3], &b) != 0 || !b)
    return 14;
  if (mproc_value_as_str(&args[4], &s) != 0 || strcmp(s, "caf\xc3\xa9") != 0)
    return 15;
  if (mproc_value_as_bytes(&args[5], &p, &len) != 0 || len != sizeof raw ||
      memcmp(p, raw, len) != 0)
    return 16;
  if (mproc_value_as_bytes(&args[6], &p, &len) != 0 || len != 0)
    return 17;
  return 0;
}

/* args: lock, rlock, semaphore, bounded semaphore: uses each. */
static int child_use_objects(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_semaphore_t *s, *bs;
  if (nargs != 4 || mproc_value_as_lock(&args[0], &l) != 0 ||
      mproc_value_as_rlock(&args[1], &r) != 0 ||
      mproc_value_as_semaphore(&args[2], &s) != 0 ||
      mproc_value_as_semaphore(&args[3], &bs) != 0)
    return 10;
  if (strcmp(mproc_object_type_name(args[3].u.obj), "BoundedSemaphore") != 0)
    return 11;
  if (mproc_lock_acquire(l, 10) != 0 || mproc_lock_release(l) != 0)
    return 12;
  if (mproc_rlock_acquire(r, 10) != 0 || mproc_rlock_release(r) != 0)
    return 13;
  if (mproc_semaphore_acquire(s, 10) != 0)
    return 14;
  if (mproc_semaphore_acquire(bs, 10) != 0)
    return 15;
  /* The objects still refuse to cross any other way. */
  void *buf;
  size_t len;
  if (mproc_encode(&args[0], 1, &buf, &len) != MPROC_E_INHERITANCE)
    return 16;
  return 0;
}

/* args: lock held by the parent; blocks until killed. */
static int child_block_forever(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  if (nargs != 2 || mproc_value_as_lock(&args[0], &l) != 0 ||
      mproc_value_as_semaphore(&args[1], &ready) != 0)
    return 10;
  mproc_semaphore_release(ready);
  mproc_lock_acquire(l, MPROC_FOREVER);
  return 11;
}

/* args: lock, ready, done. The grandchild of test_daemon: says it is
 * ready, waits for the lock the test holds, then says it got it. */
static int child_grandchild(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready, *done;
  if (nargs != 3 || mproc_value_as_lock(&args[0], &l) != 0 ||
      mproc_value_as_semaphore(&args[1], &ready) != 0 ||
      mproc_value_as_semaphore(&args[2], &done) != 0)
    return 10;
  mproc_semaphore_release(ready);
  if (mproc_lock_acquire(l, 60) != 0)
    return 11;
  mproc_semaphore_release(done);
  mproc_lock_release(l);
  return 0;
}

/* args: lock, ready, done, daemon flag, start method. Starts the
 * grandchild, waits until it is ready, then exits without joining it. */
static int child_parent_of_daemon(const mproc_value_t *args, size_t nargs) {
  bool daemon;
  int64_t method;
  if (nargs != 5 || mproc_value_as_bool(&args[3], &daemon) != 0 ||
      mproc_value_as_int(&args[4], &method) != 0)
    return 20;
  mproc_semaphore_t *ready;
  if (mproc_value_as_semaphore(&args[1], &ready) != 0)
    return 21;
  mproc_process_options_t opts = {.start_method = (mproc_start_method_t)method,
                                  .daemon = daemon};
  mproc_process_t *p;
  if (mproc_process_start(&p, child_grandchild, args, 3, &opts) != 0)
    return 22;
  if (mproc_semaphore_acquire(ready, 60) != 0)
    return 23;
  if (mproc_process_detach(p) != 0) /* the grandchild is left running */
    return 24;
  return 0;
}

/*
 * A daemon child dies with its parent; a non-daemon one (the control)
 * outlives it. The grandchild waits for a lock this test holds; once its
 * parent has exited, the test releases the lock: a surviving grandchild
 * takes it and signals `done`, a dead one never does.
 */
static void run_daemon_case(mproc_start_method_t m, bool daemon) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready, *done;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&done, 0), 0);
  assert_int_equal(mproc_lock_acquire(l, MPROC_FOREVER), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(ready), mproc_obj(done),
                       mproc_bool(daemon), mproc_int(m)};
  harness_expect_exit(harness_start(child_parent_of_daemon, a, 5, m), 0);
  /* The parent's exit has killed a daemon grandchild by now: Linux sends
   * PR_SET_PDEATHSIG while the parent exits, before it can be reaped;
   * Windows closes the job handle, killing the job, as the parent dies. */
  assert_int_equal(mproc_lock_release(l), 0);
  int rc = mproc_semaphore_acquire(done, daemon ? 1.0 : 60.0);
  assert_int_equal(rc, daemon ? MPROC_E_TIMEOUT : 0);
  if (!daemon) /* let the grandchild finish with the objects */
    assert_int_equal(mproc_lock_acquire(l, 60.0), 0);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(done);
}

static void test_daemon(void **state) {
  run_daemon_case(TEST_METHOD(state), true);
  run_daemon_case(TEST_METHOD(state), false);
}

static int child_never_registered(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

static void test_exit_codes(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  static const int codes[] = {0, 1, 7, 42, 255};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    mproc_value_t a = mproc_int(codes[i]);
    mproc_process_t *p = harness_start(child_exit_with, &a, 1, m);
    assert_true(mproc_process_pid(p) > 0);
    assert_true(mproc_process_pid(p) != mproc_getpid());
    harness_expect_exit(p, codes[i]);
  }
}

static void test_all_value_types(void **state) {
  static const unsigned char raw[] = {0, 1, 2, 0xfe, 0};
  mproc_value_t a[] = {mproc_none(),
                       mproc_int(-1234567890123LL),
                       mproc_double(3.25),
                       mproc_bool(true),
                       mproc_str("caf\xc3\xa9"),
                       mproc_bytes(raw, sizeof raw),
                       mproc_bytes(NULL, 0)};
  harness_expect_exit(harness_start(child_check_args, a, 7, TEST_METHOD(state)),
                      0);
}

/* The sharing rule: objects given at creation arrive and work. */
static void test_objects_inherited(void **state) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_semaphore_t *s, *bs;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&s, 1), 0);
  assert_int_equal(mproc_bounded_semaphore_create(&bs, 1), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(r), mproc_obj(s), mproc_obj(bs)};
  harness_expect_exit(
      harness_start(child_use_objects, a, 4, TEST_METHOD(state)), 0);
  /* The child took one unit of each semaphore. */
  unsigned v = 9;
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  assert_int_equal(v, 0);
  assert_int_equal(mproc_semaphore_value(bs, &v), 0);
  assert_int_equal(v, 0);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(s);
  mproc_semaphore_destroy(bs);
}

/* args: the same lock twice: two handles on one lock in the child. */
static int child_same_lock_twice(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *a, *b;
  if (nargs != 2 || mproc_value_as_lock(&args[0], &a) != 0 ||
      mproc_value_as_lock(&args[1], &b) != 0)
    return 10;
  if (mproc_lock_acquire(a, 10) != 0)
    return 11;
  if (mproc_lock_try_acquire(b) != MPROC_E_BUSY)
    return 12;
  if (mproc_lock_release(b) != 0)
    return 13;
  return 0;
}

static void test_same_object_twice(void **state) {
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(l)};
  harness_expect_exit(
      harness_start(child_same_lock_twice, a, 2, TEST_METHOD(state)), 0);
  assert_int_equal(mproc_lock_locked(l), 0);
  mproc_lock_destroy(l);
}

static void start_blocked(mproc_start_method_t m, mproc_lock_t **l,
                          mproc_semaphore_t **ready, mproc_process_t **p) {
  assert_int_equal(mproc_lock_create(l), 0);
  assert_int_equal(mproc_semaphore_create(ready, 0), 0);
  assert_int_equal(mproc_lock_acquire(*l, MPROC_FOREVER), 0);
  mproc_value_t a[] = {mproc_obj(*l), mproc_obj(*ready)};
  *p = harness_start(child_block_forever, a, 2, m);
  assert_int_equal(mproc_semaphore_acquire(*ready, 60.0), 0);
}

static void test_join_timeout_terminate_kill(void **state) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  mproc_process_t *p;
  int code;
  start_blocked(TEST_METHOD(state), &l, &ready, &p);
  assert_int_equal(mproc_process_is_alive(p), 1);
  assert_int_equal(mproc_process_exitcode(p, &code), MPROC_E_BUSY);
  double t0 = harness_now();
  assert_int_equal(mproc_process_join(p, 0.2), MPROC_E_TIMEOUT);
  double dt = harness_now() - t0;
  assert_true(dt >= 0.19);
  assert_true(dt < 5.0);
  assert_int_equal(mproc_process_join(p, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_process_destroy(p), MPROC_E_BUSY);
  mproc_os_handle_t h;
  int rc = mproc_process_sentinel(p, &h);
  assert_true(rc == 0 || rc == MPROC_E_NOTSUP);
  assert_int_equal(mproc_process_terminate(p), 0);
  harness_expect_exit(p, -MPROC_SIGTERM);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(ready);

  start_blocked(TEST_METHOD(state), &l, &ready, &p);
  assert_int_equal(mproc_process_kill(p), 0);
  assert_int_equal(mproc_process_join(p, 60.0), 0);
  assert_int_equal(mproc_process_is_alive(p), 0);
  /* Signalling an exited child is harmless. */
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(ready);
}

static void test_start_errors(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_process_options_t opts = {.start_method = m, .daemon = false};
  mproc_process_t *p = (mproc_process_t *)1;
  mproc_value_t a = mproc_int(0);

  assert_int_equal(
      mproc_process_start(&p, child_never_registered, NULL, 0, &opts),
      MPROC_E_NOTFOUND);
  assert_null(p);
  assert_int_equal(mproc_process_start(NULL, child_exit_with, &a, 1, &opts),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_process_start(&p, NULL, &a, 1, &opts), MPROC_E_INVAL);
  assert_int_equal(mproc_process_start(&p, child_exit_with, NULL, 1, &opts),
                   MPROC_E_INVAL);
  mproc_value_t bad = mproc_str(NULL);
  assert_int_equal(mproc_process_start(&p, child_exit_with, &bad, 1, &opts),
                   MPROC_E_INVAL);
  bad.type = (mproc_value_type_t)99;
  assert_int_equal(mproc_process_start(&p, child_exit_with, &bad, 1, &opts),
                   MPROC_E_TYPE);
  static uint64_t junk[4];
  bad = mproc_obj(junk);
  assert_int_equal(mproc_process_start(&p, child_exit_with, &bad, 1, &opts),
                   MPROC_E_TYPE);
  mproc_process_options_t weird = {.start_method = (mproc_start_method_t)99,
                                   .daemon = false};
  assert_int_equal(mproc_process_start(&p, child_exit_with, &a, 1, &weird),
                   MPROC_E_INVAL);
  if (!mproc_start_method_available(MPROC_START_FORK)) {
    mproc_process_options_t fork_opts = {.start_method = MPROC_START_FORK,
                                         .daemon = false};
    assert_int_equal(
        mproc_process_start(&p, child_exit_with, &a, 1, &fork_opts),
        MPROC_E_NOTSUP);
    assert_int_equal(mproc_set_start_method(MPROC_START_FORK), MPROC_E_NOTSUP);
  }
  /* forkserver exactly where fork is: it forks a server. */
  assert_int_equal(mproc_start_method_available(MPROC_START_FORKSERVER),
                   mproc_start_method_available(MPROC_START_FORK));
  if (!mproc_start_method_available(MPROC_START_FORKSERVER)) {
    mproc_process_options_t fs_opts = {.start_method = MPROC_START_FORKSERVER,
                                       .daemon = false};
    assert_int_equal(mproc_process_start(&p, child_exit_with, &a, 1, &fs_opts),
                     MPROC_E_NOTSUP);
    assert_true(harness_message_is(
        "the forkserver start method is not available on this platform"));
    assert_int_equal(mproc_set_start_method(MPROC_START_FORKSERVER),
                     MPROC_E_NOTSUP);
    const char *names[] = {"x"};
    assert_int_equal(mproc_set_forkserver_preload(names, 1), MPROC_E_NOTSUP);
    mproc_forkserver_stats_t st;
    assert_int_equal(mproc_forkserver_stats(&st), MPROC_E_NOTSUP);
  }
  assert_int_equal(mproc_forkserver_stats(NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_process_join(NULL, 1), MPROC_E_INVAL);
  assert_int_equal(mproc_process_destroy(NULL), 0);
  assert_int_equal(mproc_process_detach(NULL), 0);
  assert_int_equal(mproc_process_kill(NULL), MPROC_E_INVAL);
  int code;
  assert_int_equal(mproc_process_exitcode(NULL, &code), MPROC_E_INVAL);

  /* A negative timeout other than MPROC_FOREVER is refused. */
  p = harness_start(child_exit_with, &a, 1, m);
  assert_int_equal(mproc_process_join(p, -3.0), MPROC_E_INVAL);
  assert_int_equal(mproc_process_exitcode(p, NULL), MPROC_E_INVAL);
  harness_expect_exit(p, 0);
}

/* Spawn only: the failures that happen in the child before it runs. */
static void test_spawn_failures(void **state) {
  (void)state;
  mproc_process_options_t opts = {.start_method = MPROC_START_SPAWN,
                                  .daemon = false};
  mproc_process_t *p = NULL;
  mproc_value_t a = mproc_int(0);

  /* exec fails: reported from start, not as an exit code. */
  assert_int_equal(mproc_set_executable("/nonexistent/mproc-no-such-program"),
                   0);
  assert_int_equal(mproc_process_start(&p, child_exit_with, &a, 1, &opts),
                   MPROC_E_SPAWN);
  assert_null(p);
  assert_int_equal(mproc_set_executable(NULL), 0);

  /* The child crashes while booting. */
  harness_setenv("MPROC_TEST_CRASH_AT_BOOT", "1");
  int rc = mproc_process_start(&p, child_exit_with, &a, 1, &opts);
  harness_unsetenv("MPROC_TEST_CRASH_AT_BOOT");
  assert_int_equal(rc, MPROC_E_SPAWN);
  assert_null(p);
  assert_non_null(strstr(mproc_last_error(), "while booting"));

  /* The child does not know the function. */
  harness_setenv("MPROC_TEST_SKIP_REGISTER", "1");
  rc = mproc_process_start(&p, child_exit_with, &a, 1, &opts);
  harness_unsetenv("MPROC_TEST_SKIP_REGISTER");
  assert_int_equal(rc, MPROC_E_NOTFOUND);
  assert_non_null(strstr(mproc_last_error(), "exit_with"));

  /* Everything still works afterwards. */
  harness_expect_exit(harness_start(child_exit_with, &a, 1, MPROC_START_SPAWN),
                      0);
}

static void test_start_method_default(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_start_method_t old = mproc_get_start_method();
  assert_int_equal(mproc_set_start_method(m), 0);
  assert_int_equal(mproc_get_start_method(), m);
  mproc_value_t a = mproc_int(3);
  mproc_process_t *p = NULL;
  assert_int_equal(mproc_process_start(&p, child_exit_with, &a, 1, NULL), 0);
  assert_int_equal(p ? 0 : 1, 0);
  harness_expect_exit(p, 3);
  assert_int_equal(mproc_set_start_method((mproc_start_method_t)42),
                   MPROC_E_INVAL);
  assert_int_equal(mproc_set_start_method(old), 0);
}

/* ------------------------------------------------------------------------ */
/* The end of a process: children joined, daemons terminated (CPython's     */
/* util._exit_function)                                                     */
/* ------------------------------------------------------------------------ */

/* args: go, done. Waits for go, then says done. */
static int child_wait_go(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *go, *done;
  if (nargs != 2 || mproc_value_as_semaphore(&args[0], &go) != 0 ||
      mproc_value_as_semaphore(&args[1], &done) != 0)
    return 10;
  CHECK(mproc_semaphore_acquire(go, 60) == 0, 11);
  CHECK(mproc_semaphore_release(done) == 0, 12);
  return 0;
}

enum { LEAVE_RETURN, LEAVE_EXIT, LEAVE_OPTED_OUT };

/* args: go, done, started, start method, how it leaves. Starts a non-daemon
 * child_wait_go, says started, and leaves without joining it (keeping the
 * handle, as a Python program keeps its Process objects). */
static int child_start_and_leave(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *started;
  int64_t method, how;
  if (nargs != 5 || mproc_value_as_semaphore(&args[2], &started) != 0 ||
      mproc_value_as_int(&args[3], &method) != 0 ||
      mproc_value_as_int(&args[4], &how) != 0)
    return 20;
  if (how == LEAVE_OPTED_OUT)
    mproc_set_exit_join(false);
  mproc_process_options_t opts = {.start_method = (mproc_start_method_t)method,
                                  .daemon = false};
  mproc_process_t *p;
  CHECK(mproc_process_start(&p, child_wait_go, args, 2, &opts) == 0, 21);
  CHECK(mproc_semaphore_release(started) == 0, 22);
  if (how == LEAVE_EXIT) {
    fflush(NULL);
    harness_no_leak_check();
    exit(0); /* the atexit handler's path, as the main program's exit() */
  }
  return 0;
}

/*
 * A child that started a non-daemon child ends only once that child has
 * ended, whether its function returns or it calls exit(); with
 * mproc_set_exit_join(false) it ends at once. The grandchild waits for
 * `go`, which the test gives only after it has seen the child still
 * running, so nothing here depends on timing but the 0.3 s check itself.
 */
static void run_end_case(mproc_start_method_t m, int how) {
  mproc_semaphore_t *go, *done, *started;
  assert_int_equal(mproc_semaphore_create(&go, 0), 0);
  assert_int_equal(mproc_semaphore_create(&done, 0), 0);
  assert_int_equal(mproc_semaphore_create(&started, 0), 0);
  mproc_value_t a[] = {mproc_obj(go), mproc_obj(done), mproc_obj(started),
                       mproc_int(m), mproc_int(how)};
  mproc_process_t *p = harness_start(child_start_and_leave, a, 5, m);
  assert_int_equal(mproc_semaphore_acquire(started, 60), 0);
  if (how == LEAVE_OPTED_OUT) {
    /* Ends at once; its child still waits. */
    int rc = mproc_process_join(p, 60);
    int busy = mproc_semaphore_try_acquire(done);
    assert_int_equal(mproc_semaphore_release(go), 0);
    assert_int_equal(rc, 0);
    assert_int_equal(busy, MPROC_E_BUSY);
    harness_expect_exit(p, 0);
    assert_int_equal(mproc_semaphore_acquire(done, 60), 0);
  } else {
    /* Still running: it waits for its child, which waits for go. */
    int rc = mproc_process_join(p, 0.3);
    assert_int_equal(mproc_semaphore_release(go), 0);
    assert_int_equal(rc, MPROC_E_TIMEOUT);
    harness_expect_exit(p, 0);
    /* Its child had finished when it ended. */
    assert_int_equal(mproc_semaphore_try_acquire(done), 0);
  }
  mproc_semaphore_destroy(go);
  mproc_semaphore_destroy(done);
  mproc_semaphore_destroy(started);
}

static void test_end_joins_children(void **state) {
  run_end_case(TEST_METHOD(state), LEAVE_RETURN);
}

static void test_end_joins_children_at_exit(void **state) {
  run_end_case(TEST_METHOD(state), LEAVE_EXIT);
}

static void test_end_join_opt_out(void **state) {
  run_end_case(TEST_METHOD(state), LEAVE_OPTED_OUT);
}

/* args: rlock, started, go. A daemon grandchild: holds the RLock until go,
 * which never comes. */
static int child_hold_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *started, *go;
  if (nargs != 3 || mproc_value_as_rlock(&args[0], &r) != 0 ||
      mproc_value_as_semaphore(&args[1], &started) != 0 ||
      mproc_value_as_semaphore(&args[2], &go) != 0)
    return 10;
#if defined(__linux__)
  /* A daemon also dies with its parent by PR_SET_PDEATHSIG, a moment after
   * the parent is gone. Without it, only the parent's own termination can
   * have ended this process by the time the parent's exit is seen. */
  prctl(PR_SET_PDEATHSIG, 0);
#endif
  CHECK(mproc_rlock_acquire(r, 60) == 0, 11);
  CHECK(mproc_semaphore_release(started) == 0, 12);
  mproc_semaphore_acquire(go, 60);
  return 0;
}

/* args: rlock, started, go, start method. Starts child_hold_rlock as a
 * daemon, waits until it holds the RLock, and returns. */
static int child_leave_daemon(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *started;
  int64_t method;
  if (nargs != 4 || mproc_value_as_semaphore(&args[1], &started) != 0 ||
      mproc_value_as_int(&args[3], &method) != 0)
    return 20;
  mproc_process_options_t opts = {.start_method = (mproc_start_method_t)method,
                                  .daemon = true};
  mproc_process_t *p;
  CHECK(mproc_process_start(&p, child_hold_rlock, args, 3, &opts) == 0, 21);
  CHECK(mproc_semaphore_acquire(started, 60) == 0, 22);
  return 0;
}

/* A daemon child is terminated and reaped when its parent's function
 * returns: once the parent has exited, the RLock the daemon held reports
 * its owner dead at once. */
static void test_end_terminates_daemons(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_rlock_t *r;
  mproc_semaphore_t *started, *go;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&started, 0), 0);
  assert_int_equal(mproc_semaphore_create(&go, 0), 0);
  mproc_value_t a[] = {mproc_obj(r), mproc_obj(started), mproc_obj(go),
                       mproc_int(m)};
  harness_expect_exit(harness_start(child_leave_daemon, a, 4, m), 0);
  int rc = mproc_rlock_acquire(r, 5.0);
  if (rc == MPROC_E_OWNER_DEAD || rc == 0)
    assert_int_equal(mproc_rlock_release(r), 0);
  else
    mproc_semaphore_release(go); /* let a survivor end */
  assert_int_equal(rc, MPROC_E_OWNER_DEAD);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(started);
  mproc_semaphore_destroy(go);
}

#ifndef _WIN32
/* args: go, done, start method. Starts a non-daemon and a daemon
 * child_wait_go; then a fork() of its own, outside mproc, calls exit():
 * that copy must neither wait for nor signal the children it inherited
 * the handles of. */
static int child_user_fork(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *go, *done;
  int64_t method;
  if (nargs != 3 || mproc_value_as_semaphore(&args[0], &go) != 0 ||
      mproc_value_as_semaphore(&args[1], &done) != 0 ||
      mproc_value_as_int(&args[2], &method) != 0)
    return 30;
  mproc_process_t *kids[2];
  for (int i = 0; i < 2; i++) {
    mproc_process_options_t opts = {
        .start_method = (mproc_start_method_t)method, .daemon = i == 1};
    CHECK(mproc_process_start(&kids[i], child_wait_go, args, 2, &opts) == 0,
          31);
  }
  fflush(NULL);
  pid_t f = fork();
  CHECK(f >= 0, 32);
  if (f == 0) {
    harness_no_leak_check();
    exit(0);
  }
  int st = 0;
  pid_t w = 0;
  for (int i = 0; i < 3000 && w == 0; i++) { /* 30 s */
    struct timespec ts = {0, 10000000};
    w = waitpid(f, &st, WNOHANG);
    if (w == 0)
      nanosleep(&ts, NULL);
  }
  if (w == 0) {
    kill(f, SIGKILL);
    waitpid(f, &st, 0);
  }
  CHECK(w == f, 33); /* the copy did not end: it waited */
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, 34);
  CHECK(mproc_process_is_alive(kids[0]) == 1, 35);
  CHECK(mproc_process_is_alive(kids[1]) == 1, 36);
  CHECK(mproc_semaphore_release(go) == 0, 37);
  CHECK(mproc_semaphore_release(go) == 0, 37);
  for (int i = 0; i < 2; i++) {
    CHECK(mproc_process_join(kids[i], 60) == 0, 38);
    int code = -1;
    CHECK(mproc_process_exitcode(kids[i], &code) == 0 && code == 0, 39);
    CHECK(mproc_process_destroy(kids[i]) == 0, 40);
  }
  return 0;
}

static void test_end_not_in_user_fork(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_semaphore_t *go, *done;
  assert_int_equal(mproc_semaphore_create(&go, 0), 0);
  assert_int_equal(mproc_semaphore_create(&done, 0), 0);
  mproc_value_t a[] = {mproc_obj(go), mproc_obj(done), mproc_int(m)};
  harness_expect_exit(harness_start(child_user_fork, a, 3, m), 0);
  mproc_semaphore_destroy(go);
  mproc_semaphore_destroy(done);
}
#endif

#ifndef _WIN32
/* args: a queue. Starts a manager and a pool, sends the manager's address
 * and returns without shutting either down. */
static int child_leave_manager(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 10;
  mproc_manager_t *m;
  harness_no_leak_check(); /* m and pool are left to the end-of-process hooks */
  CHECK(mproc_manager_start(&m, NULL) == 0, 11);
  mproc_pool_options_t po;
  memset(&po, 0, sizeof po);
  po.processes = 1;
  mproc_pool_t *pool;
  CHECK(mproc_pool_create(&pool, &po) == 0, 12);
  mproc_value_t v = mproc_str(mproc_manager_address(m));
  CHECK(mproc_queue_put(q, &v, 1, 60) == 0, 13);
  return 0;
}

/* A manager left running when its process ends is shut down by its own
 * shutdown, which removes its socket (a server killed with its parent would
 * leave it behind). */
static void test_end_shuts_down_manager(void **state) {
  mproc_queue_t *q;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t a = mproc_obj(q);
  harness_expect_exit(
      harness_start(child_leave_manager, &a, 1, TEST_METHOD(state)), 0);
  mproc_value_t *vals;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &vals, &n, 60), 0);
  const char *address;
  assert_int_equal(mproc_value_as_str(&vals[0], &address), 0);
  assert_int_equal(access(address, F_OK), -1);
  mproc_values_free(vals, n);
  mproc_queue_destroy(q);
}
#endif

/* Starts a manager, uses a proxy (the handshake loads libcrypto), and
 * leaves by exit() with both alive: the end-of-process handler stops the
 * manager, which is a handshake again. */
static int child_exit_with_manager(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  mproc_manager_t *m;
  mproc_proxy_t *d;
  harness_no_leak_check(); /* m and d are left to the end-of-process hooks */
  CHECK(mproc_manager_start(&m, NULL) == 0, 11);
  CHECK(mproc_manager_dict(m, &d) == 0, 12);
  mproc_value_t k = mproc_str("k"), v = mproc_int(1);
  CHECK(mproc_proxy_dict_set(d, &k, &v) == 0, 13);
  exit(0);
}

/* Regression: libcrypto registers its cleanup with atexit() at its first
 * use, after mproc's end-of-process handler, so it ran first; the
 * handshake that stops the manager then crashed inside libcrypto (the
 * child died of SIGSEGV instead of exiting 0). */
static void test_exit_with_manager_running(void **state) {
  harness_expect_exit(
      harness_start(child_exit_with_manager, NULL, 0, TEST_METHOD(state)), 0);
}

/* ------------------------------------------------------------------------ */
/* A spawned child inherits its parent's default start method              */
/* ------------------------------------------------------------------------ */

/* Set by child_start_default before it starts its own child: a fork copy
 * sees it set, a spawned program does not. */
static int copied_from_parent;

static int child_report_copy(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return copied_from_parent ? 7 : 0;
}

/* args: the start method the child expects as its default. Starts a child
 * with the default and checks that it was started that way. */
static int child_start_default(const mproc_value_t *args, size_t nargs) {
  int64_t expected;
  if (nargs != 1 || mproc_value_as_int(&args[0], &expected) != 0)
    return 10;
  CHECK(mproc_get_start_method() == (mproc_start_method_t)expected, 11);
  copied_from_parent = 1;
  mproc_process_t *p;
  CHECK(mproc_process_start(&p, child_report_copy, NULL, 0, NULL) == 0, 12);
  CHECK(mproc_process_join(p, 60) == 0, 13);
  int code = -1;
  CHECK(mproc_process_exitcode(p, &code) == 0, 14);
  CHECK(mproc_process_destroy(p) == 0, 15);
  CHECK(code == (expected == MPROC_START_SPAWN ? 0 : 7), 16);
  return 0;
}

static void test_start_method_inherited(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_start_method_t old = mproc_get_start_method();
  mproc_start_method_t methods[] = {MPROC_START_SPAWN, MPROC_START_FORK};
  for (size_t i = 0; i < 2; i++) {
    if (!mproc_start_method_available(methods[i]))
      continue;
    assert_int_equal(mproc_set_start_method(methods[i]), 0);
    mproc_value_t a = mproc_int(methods[i]);
    harness_expect_exit(harness_start(child_start_default, &a, 1, m), 0);
  }
  assert_int_equal(mproc_set_start_method(old), 0);
}

int main(int argc, char **argv) {
  harness_early_init();
  const char *skip = getenv("MPROC_TEST_SKIP_REGISTER");
  if (!skip || strcmp(skip, "1") != 0)
    MPROC_REGISTER(child_exit_with);
  MPROC_REGISTER(child_check_args);
  MPROC_REGISTER(child_use_objects);
  MPROC_REGISTER(child_block_forever);
  MPROC_REGISTER(child_grandchild);
  MPROC_REGISTER(child_same_lock_twice);
  MPROC_REGISTER(child_parent_of_daemon);
  MPROC_REGISTER(child_wait_go);
  MPROC_REGISTER(child_start_and_leave);
  MPROC_REGISTER(child_hold_rlock);
  MPROC_REGISTER(child_leave_daemon);
#ifndef _WIN32
  MPROC_REGISTER(child_user_fork);
  MPROC_REGISTER(child_leave_manager);
#endif
  MPROC_REGISTER(child_exit_with_manager);
  MPROC_REGISTER(child_report_copy);
  MPROC_REGISTER(child_start_default);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exit_codes),
      cmocka_unit_test(test_all_value_types),
      cmocka_unit_test(test_objects_inherited),
      cmocka_unit_test(test_same_object_twice),
      cmocka_unit_test(test_join_timeout_terminate_kill),
      cmocka_unit_test(test_start_errors),
      cmocka_unit_test(test_start_method_default),
      cmocka_unit_test(test_daemon),
      HARNESS_TEST_ONLY(test_spawn_failures, spawn),
      cmocka_unit_test(test_end_joins_children),
      cmocka_unit_test(test_end_joins_children_at_exit),
      cmocka_unit_test(test_end_join_opt_out),
      cmocka_unit_test(test_end_terminates_daemons),
#ifndef _WIN32
      cmocka_unit_test(test_end_not_in_user_fork),
      cmocka_unit_test(test_end_shuts_down_manager),
#endif
      cmocka_unit_test(test_exit_with_manager_running),
      cmocka_unit_test(test_start_method_inherited),
  };
  return harness_run(argc, argv, "process", tests,
                     sizeof tests / sizeof tests[0]);
}
