/* SPDX-License-Identifier: MIT */
/*
 * The forkserver start method's own promises (src/posix/start_forkserver.c,
 * forkserver_server.c); every other test program runs its cases under
 * forkserver too (the harness's method list).
 *
 *   busy_threads     8 threads of the parent allocate, with malloc and
 *                    through a library's lock, while it starts 50 children
 *                    (200 with MPROC_TEST_FULL=1), each of which allocates
 *                    the same ways: none hangs. Under fork a child inherits
 *                    the library's lock held by a busy thread and never
 *                    gets it (change the case's method to fork to watch
 *                    that: its children then exit 12 after 10 s).
 *   preload          mproc_set_forkserver_preload(): the function ran once
 *                    in the server, its work is in every child; a failing
 *                    one makes the start fail, naming it.
 *   server_killed    a server killed under the parent is replaced at the
 *                    next start.
 *   no_orphan        a parent killed with SIGKILL takes its server with it,
 *                    and the server its daemon child.
 *   server_gone_join a child whose server was killed while it ran is
 *                    still joined with its own exit code: 7, where the
 *                    server's report, which never comes, made it 255
 *                    (a sibling is ours; a child of the server's tells its
 *                    code itself, and the join waits on a pidfd). Linux.
 *   siblings         on Linux with glibc the server makes each child ours
 *                    (clone with CLONE_PARENT): the child's getppid() is
 *                    the parent; elsewhere it is the server.
 *   robust_owner     a child that dies holding a process-shared robust
 *                    pthread mutex leaves it EOWNERDEAD to the parent: the
 *                    kernel found the mutex on the child's robust list,
 *                    under the child's own thread id (what a sibling, made
 *                    without fork(), is given by hand). POSIX.
 *   daemon_thread    a daemon child started by a thread that then ends
 *                    (the thread that started the server too) lives on
 *                    until its parent joins it: Linux's parent-death
 *                    signal, which fires with that thread, does not keep
 *                    daemon siblings; the server does.
 *   sigchld_ignored  a parent that ignores SIGCHLD (whose children the
 *                    kernel reaps, leaving a fork child nothing to join)
 *                    still joins, and kills, its forkserver children: the
 *                    server makes those its own. POSIX.
 *   not_registered   a function registered after mproc_boot() is unknown
 *                    to the server (a fresh run of the program): the start
 *                    fails with MPROC_E_NOTFOUND, naming it, and the
 *                    server goes on serving.
 *   many_fds         a child given more connections than one SCM_RIGHTS
 *                    message carries (the request's MORE messages, the
 *                    record riding with the last) gets every one, in
 *                    order.
 *   refused          bytes from another process on the server's channel
 *                    are refused and counted in mproc_forkserver_stats();
 *                    the next start gets a new server. A server whose
 *                    challenge is answered with another key refuses it
 *                    and ends with the exit code that the count reads.
 *                    (Windows, which has no fork server: the counts are
 *                    MPROC_E_NOTSUP, the only case that runs there.)
 */
#define _GNU_SOURCE /* with -std=c11: robust mutexes, clock_gettime */
#include "harness.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include "auth.h"
#include "posix/forkserver.h"
#include "posix/posix.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#endif

#define BUSY_THREADS 8

static int children_count(void) {
  const char *full = getenv("MPROC_TEST_FULL");
  return full && strcmp(full, "1") == 0 ? 200 : 50;
}

/* ------------------------------------------------------------------------ */
/* busy_threads                                                             */
/* ------------------------------------------------------------------------ */

/*
 * A library's allocator with its own lock (a pool allocator, a logging
 * library: anything without an atfork handler, as glibc's malloc has one).
 * The busy threads hold it most of the time; a child takes it first thing.
 * Created lazily, so that a child that does not inherit it (spawn,
 * forkserver) makes its own; a fork child inherits it as it was at the
 * fork, held by a thread that does not exist there.
 */
static harness_mutex_t *pool_lock;
static char pool[4096];

static harness_mutex_t *pool_get(void) {
  if (!pool_lock)
    pool_lock = harness_mutex_create();
  return pool_lock;
}

static volatile int64_t busy_stop;

static void busy_main(void *arg) {
  unsigned seed = (unsigned)(uintptr_t)arg;
  while (!harness_atomic_load64(&busy_stop)) {
    seed = seed * 1103515245u + 12345u;
    size_t n = 16 + (seed >> 8) % 4096;
    char *p = malloc(n);
    if (!p)
      continue;
    harness_mutex_lock(pool_lock);
    memset(pool, (int)seed, n < sizeof pool ? n : sizeof pool);
    memcpy(p, pool, n < sizeof pool ? n : sizeof pool);
    harness_mutex_unlock(pool_lock);
    free(p);
  }
}

/* A child: what a program's child does first, allocate, through the
 * library too. Exits 12 when the library's lock stays held for 10 s (the
 * fork hazard), rather than hanging. */
static int child_busy(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  for (int i = 0; i < 100; i++) {
    char *p = malloc(64 + (size_t)i * 32);
    CHECK(p != NULL, 10);
    memset(p, i, 64);
    free(p);
  }
  harness_mutex_t *m = pool_get();
  CHECK(m != NULL, 11);
  double deadline = harness_now() + 10.0;
  while (!harness_mutex_trylock(m)) {
    CHECK(harness_now() < deadline, 12);
    harness_sleep(0.001);
  }
  memset(pool, 1, 64);
  harness_mutex_unlock(m);
  return 0;
}

static void test_busy_threads(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  int n = children_count();
  assert_non_null(pool_get());
  harness_atomic_store64(&busy_stop, 0);
  harness_thread_t *threads[BUSY_THREADS];
  for (int i = 0; i < BUSY_THREADS; i++)
    threads[i] = harness_thread_start(busy_main, (void *)(uintptr_t)(i + 1));
  mproc_process_t **kids = calloc((size_t)n, sizeof *kids);
  assert_non_null(kids);
  mproc_process_options_t opts = {.start_method = m};
  int started = 0;
  for (int i = 0; i < n; i++) {
    if (mproc_process_start(&kids[i], child_busy, NULL, 0, &opts) != 0) {
      fprintf(stderr, "start %d: %s\n", i, mproc_last_error());
      break;
    }
    started++;
  }
  /* A bounded wait for all of them together: a hung child is counted and
   * killed, so that the case fails with a number instead of timing out. */
  double deadline = harness_now() + 30.0;
  int hung = 0, failed = 0;
  for (int i = 0; i < started; i++) {
    double left = deadline - harness_now();
    if (mproc_process_join(kids[i], left > 0 ? left : 0) != 0) {
      hung++;
      mproc_process_kill(kids[i]);
      mproc_process_join(kids[i], 30.0);
    }
    int code = -1;
    mproc_process_exitcode(kids[i], &code);
    failed += code != 0;
    mproc_process_destroy(kids[i]);
  }
  harness_atomic_store64(&busy_stop, 1);
  for (int i = 0; i < BUSY_THREADS; i++)
    harness_thread_join(threads[i]);
  free(kids);
  if (hung || failed || started != n)
    fprintf(stderr, "%d of %d children started, %d hung, %d failed\n", started,
            n, hung, failed);
  assert_int_equal(started, n);
  assert_int_equal(hung, 0);
  assert_int_equal(failed, 0);
}

/* ------------------------------------------------------------------------ */
/* preload                                                                  */
/* ------------------------------------------------------------------------ */

static int warm_calls;

/* Preloaded in the server: its effect is in every child's memory. */
static int preload_warm(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  warm_calls++;
  return 0;
}

static int preload_fails(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 3;
}

/* Exits with 0 if the preload ran exactly once before this fork. */
static int child_warm(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  CHECK(warm_calls == 1, 10);
  return 0;
}

static void test_preload(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  /* A fresh server for each setting: a running one keeps its own. */
  mproc__forkserver_stop();
  const char *names[] = {"preload_warm"};
  assert_int_equal(mproc_set_forkserver_preload(names, 1), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(harness_start(child_warm, NULL, 0, m), 0);
  assert_int_equal(warm_calls, 0); /* ran in the server, not here */
  mproc__forkserver_stop();

  const char *bad[] = {"preload_warm", "preload_fails"};
  assert_int_equal(mproc_set_forkserver_preload(bad, 2), 0);
  mproc_process_t *p = NULL;
  mproc_process_options_t opts = {.start_method = m};
  assert_int_equal(mproc_process_start(&p, child_warm, NULL, 0, &opts),
                   MPROC_E_SPAWN);
  assert_non_null(strstr(mproc_last_error(), "preload_fails"));
  const char *missing[] = {"no_such_function"};
  assert_int_equal(mproc_set_forkserver_preload(missing, 1), 0);
  assert_int_equal(mproc_process_start(&p, child_warm, NULL, 0, &opts),
                   MPROC_E_SPAWN);
  assert_non_null(strstr(mproc_last_error(), "no_such_function"));
  const char *empty[] = {""};
  assert_int_equal(mproc_set_forkserver_preload(empty, 1), MPROC_E_INVAL);
  assert_int_equal(mproc_set_forkserver_preload(NULL, 0), 0);
  harness_expect_exit(harness_start(child_busy, NULL, 0, m), 0);
}

/* ------------------------------------------------------------------------ */
/* server_killed, no_orphan                                                 */
/* ------------------------------------------------------------------------ */

static int child_exit_7(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 7;
}

static void test_server_killed(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  int64_t server = mproc__forkserver_pid();
  assert_true(server > 0);
  assert_int_equal(harness_kill_pid(server), 0);
  /* The next start finds the channel closed and starts another server. */
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  int64_t again = mproc__forkserver_pid();
  assert_true(again > 0 && again != server);
}

/* args: event never set. Waits for as long as its parent lets it. */
static int child_wait(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *never;
  CHECK(nargs == 1 && mproc_value_as_event(&args[0], &never) == 0, 20);
  mproc_event_wait(never, 120.0);
  return 21;
}

/* args: shared int64[2], event never set. Starts a daemon forkserver
 * child that waits forever, publishes the server's pid and the child's,
 * and waits to be killed. */
static int child_server_owner(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *pids;
  mproc_event_t *never;
  CHECK(nargs == 2 && mproc_value_as_shared_array(&args[0], &pids) == 0 &&
            mproc_value_as_event(&args[1], &never) == 0,
        10);
  mproc_process_options_t opts = {.start_method = MPROC_START_FORKSERVER,
                                  .daemon = true};
  mproc_process_t *p;
  mproc_value_t arg = mproc_obj(never);
  CHECK(mproc_process_start(&p, child_wait, &arg, 1, &opts) == 0, 11);
  volatile int64_t *slot = mproc_shared_array_ptr(pids);
  harness_atomic_store64(&slot[1], mproc_process_pid(p));
  harness_atomic_store64(&slot[0], mproc__forkserver_pid());
  mproc_event_wait(never, 120.0);
  return 14;
}

static void test_no_orphan(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_shared_array_t *pids;
  mproc_event_t *never;
  assert_int_equal(mproc_shared_array_create(&pids, 8, 2, false), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  volatile int64_t *slot = mproc_shared_array_ptr(pids);
  mproc_value_t args[2] = {mproc_obj(pids), mproc_obj(never)};
  mproc_process_t *owner = harness_start(child_server_owner, args, 2, m);
  double deadline = harness_now() + 60.0;
  while (harness_atomic_load64(&slot[0]) == 0 && harness_now() < deadline)
    harness_sleep(0.01);
  int64_t server = harness_atomic_load64(&slot[0]);
  int64_t kid = harness_atomic_load64(&slot[1]);
  assert_true(server > 0 && kid > 0);
  assert_int_equal(mproc_process_kill(owner), 0);
  harness_expect_exit(owner, -9);
  /* The server sees its channel end; its daemon child its death. A zombie
   * counts as gone (it waits for init). */
  while ((mproc__pid_alive(server, 0) || mproc__pid_alive(kid, 0)) &&
         harness_now() < deadline)
    harness_sleep(0.01);
  assert_false(mproc__pid_alive(server, 0));
  assert_false(mproc__pid_alive(kid, 0));
  mproc_event_destroy(never);
  mproc_shared_array_destroy(pids);
}

/* ------------------------------------------------------------------------ */
/* server_gone_join                                                         */
/* ------------------------------------------------------------------------ */

/* args: event. Returns 7 once it is set. */
static int child_wait_7(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *go;
  CHECK(nargs == 1 && mproc_value_as_event(&args[0], &go) == 0, 20);
  CHECK(mproc_event_wait(go, 60.0) == 0, 21);
  return 7;
}

static void test_server_gone_join(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
#if !defined(__linux__)
  (void)m;
  print_message("[ SKIPPED  ] no pidfd here: a join waits for the server\n");
#else
  mproc_event_t *go;
  assert_int_equal(mproc_event_create(&go), 0);
  mproc_value_t arg = mproc_obj(go);
  mproc_process_t *p = harness_start(child_wait_7, &arg, 1, m);
  int64_t server = mproc__forkserver_pid();
  assert_true(server > 0);
  assert_int_equal(harness_kill_pid(server), 0);
  double deadline = harness_now() + 30.0;
  while (mproc__pid_alive(server, 0) && harness_now() < deadline)
    harness_sleep(0.001);
  assert_false(mproc__pid_alive(server, 0));
  assert_int_equal(mproc_process_is_alive(p), 1);
  assert_int_equal(mproc_event_set(go), 0);
  harness_expect_exit(p, 7);
  mproc_event_destroy(go);
#endif
}

/* ------------------------------------------------------------------------ */
/* siblings, robust_owner                                                   */
/* ------------------------------------------------------------------------ */

/* args: int. Exits 0 if its kernel parent is that pid. */
static int child_ppid(const mproc_value_t *args, size_t nargs) {
  int64_t want = 0;
  CHECK(nargs == 1 && mproc_value_as_int(&args[0], &want) == 0, 10);
#ifndef _WIN32
  CHECK((int64_t)getppid() == want, 11);
#endif
  return 0;
}

static void test_siblings(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
#ifdef _WIN32
  (void)m;
#else
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  bool siblings = mproc__forkserver_siblings();
  /* Where the build can, the server must: the fast path is not optional. */
  assert_int_equal(siblings, mproc__forkserver_can_siblings());
  mproc_value_t arg =
      mproc_int(siblings ? (int64_t)getpid() : mproc__forkserver_pid());
  harness_expect_exit(harness_start(child_ppid, &arg, 1, m), 0);
#endif
}

#ifndef _WIN32
/* args: shared array holding a robust process-shared mutex. Takes it and
 * ends without giving it back. */
static int child_hold_robust(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *a;
  CHECK(nargs == 1 && mproc_value_as_shared_array(&args[0], &a) == 0, 10);
  pthread_mutex_t *mu = (pthread_mutex_t *)mproc_shared_array_ptr(a);
  CHECK(pthread_mutex_lock(mu) == 0, 11);
  /* Ends here, with the mutex mapped: a return would release the array
   * (the child's arguments) first, and the kernel would find no mutex
   * at the address its robust list names. */
  _exit(0);
}
#endif

static void test_robust_owner(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
#ifdef _WIN32
  (void)m;
#else
  mproc_shared_array_t *a;
  size_t words = (sizeof(pthread_mutex_t) + 7) / 8;
  assert_int_equal(mproc_shared_array_create(&a, 8, words, false), 0);
  pthread_mutex_t *mu = (pthread_mutex_t *)mproc_shared_array_ptr(a);
  pthread_mutexattr_t at;
  assert_int_equal(pthread_mutexattr_init(&at), 0);
  assert_int_equal(pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED),
                   0);
  assert_int_equal(pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST), 0);
  assert_int_equal(pthread_mutex_init(mu, &at), 0);
  pthread_mutexattr_destroy(&at);
  mproc_value_t arg = mproc_obj(a);
  harness_expect_exit(harness_start(child_hold_robust, &arg, 1, m), 0);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 10;
  /* ETIMEDOUT if the kernel did not know the mutex as the dead child's. */
  assert_int_equal(pthread_mutex_timedlock(mu, &until), EOWNERDEAD);
  assert_int_equal(pthread_mutex_consistent(mu), 0);
  assert_int_equal(pthread_mutex_unlock(mu), 0);
  assert_int_equal(pthread_mutex_destroy(mu), 0);
  mproc_shared_array_destroy(a);
#endif
}

/* ------------------------------------------------------------------------ */
/* daemon_thread                                                            */
/* ------------------------------------------------------------------------ */

typedef struct {
  mproc_start_method_t method;
  mproc_event_t *go;
  mproc_process_t *p;
  int rc;
} daemon_start_t;

static void daemon_starter(void *arg) {
  daemon_start_t *d = arg;
  mproc_process_options_t opts = {.start_method = d->method, .daemon = true};
  mproc_value_t a = mproc_obj(d->go);
  d->rc = mproc_process_start(&d->p, child_wait_7, &a, 1, &opts);
}

static void test_daemon_thread(void **state) {
  daemon_start_t d = {TEST_METHOD(state), NULL, NULL, -1};
  assert_int_equal(mproc_event_create(&d.go), 0);
  /* A fresh server, started by the thread. */
  mproc__forkserver_stop();
  harness_thread_join(harness_thread_start(daemon_starter, &d));
  assert_int_equal(d.rc, 0);
  /* Long enough for a signal sent at the thread's end to land. */
  harness_sleep(0.3);
  assert_int_equal(mproc_process_is_alive(d.p), 1);
  assert_int_equal(mproc_event_set(d.go), 0);
  harness_expect_exit(d.p, 7);
  mproc_event_destroy(d.go);
}

/* ------------------------------------------------------------------------ */
/* sigchld_ignored                                                          */
/* ------------------------------------------------------------------------ */

static void test_sigchld_ignored(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
#ifdef _WIN32
  (void)m;
#else
  struct sigaction ign, old;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  assert_int_equal(sigaction(SIGCHLD, &ign, &old), 0);
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  mproc_event_t *never;
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t arg = mproc_obj(never);
  mproc_process_t *p = harness_start(child_wait_7, &arg, 1, m);
  assert_int_equal(mproc_process_is_alive(p), 1);
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
  mproc_event_destroy(never);
  assert_int_equal(sigaction(SIGCHLD, &old, NULL), 0);
  /* And siblings again once the parent reaps its own. */
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
#endif
}

/* ------------------------------------------------------------------------ */
/* not_registered                                                           */
/* ------------------------------------------------------------------------ */

static int child_late(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

static void test_not_registered(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  int64_t server = mproc__forkserver_pid();
  assert_int_equal(mproc_register("late_registered", child_late), 0);
  mproc_process_t *p = (mproc_process_t *)1;
  mproc_process_options_t opts = {.start_method = m};
  assert_int_equal(mproc_process_start(&p, child_late, NULL, 0, &opts),
                   MPROC_E_NOTFOUND);
  assert_null(p);
  assert_non_null(strstr(mproc_last_error(), "late_registered"));
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  assert_true(mproc__forkserver_pid() == server);
}

/* ------------------------------------------------------------------------ */
/* many_fds                                                                 */
/* ------------------------------------------------------------------------ */

#define MANY_FDS 300

/* args: MANY_FDS connections (send ends). Sends its index on each. */
static int child_many(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == MANY_FDS, 10);
  for (size_t i = 0; i < nargs; i++) {
    mproc_connection_t *c;
    CHECK(mproc_value_as_connection(&args[i], &c) == 0, 11);
    uint32_t v = (uint32_t)i;
    CHECK(mproc_connection_send_bytes(c, &v, sizeof v) == 0, 12);
  }
  return 0;
}

static void test_many_fds(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_connection_t *r[MANY_FDS], *w[MANY_FDS];
  mproc_value_t args[MANY_FDS];
  for (int i = 0; i < MANY_FDS; i++) {
    assert_int_equal(mproc_pipe(&r[i], &w[i], false), 0);
    args[i] = mproc_obj(w[i]);
  }
  harness_expect_exit(harness_start(child_many, args, MANY_FDS, m), 0);
  for (int i = 0; i < MANY_FDS; i++) {
    void *data = NULL;
    size_t len = 0;
    assert_int_equal(mproc_connection_recv_bytes(r[i], &data, &len), 0);
    uint32_t v;
    assert_int_equal(len, sizeof v);
    memcpy(&v, data, sizeof v);
    assert_int_equal(v, (uint32_t)i);
    mproc_free(data);
    mproc_connection_destroy(r[i]);
    mproc_connection_destroy(w[i]);
  }
}

/* ------------------------------------------------------------------------ */
/* refused                                                                  */
/* ------------------------------------------------------------------------ */

#ifndef _WIN32
/* Waits up to 30 s for the refusal count to reach @p want. */
static mproc_forkserver_stats_t stats_wait_refused(uint64_t want) {
  mproc_forkserver_stats_t st;
  double deadline = harness_now() + 30.0;
  for (;;) {
    assert_int_equal(mproc_forkserver_stats(&st), 0);
    if (st.refused >= want || harness_now() > deadline)
      return st;
    harness_sleep(0.005);
  }
}

static void test_refused(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_forkserver_stats_t before, st;
  assert_int_equal(mproc_forkserver_stats(NULL), MPROC_E_INVAL);
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  assert_int_equal(mproc_forkserver_stats(&before), 0);
  assert_true(before.servers >= 1);

  /* A stranger that got hold of the channel writes a header of its own:
   * refused, counted, and that server ends. */
  int64_t server = mproc__forkserver_pid();
  int fd = mproc__forkserver_channel_dup();
  assert_true(server > 0 && fd >= 0);
  pid_t stranger = fork();
  assert_true(stranger >= 0);
  if (stranger == 0) {
    static const char junk[MPROC__FS_HEADER_LEN] = "not a request!!";
    _exit(send(fd, junk, sizeof junk, MSG_NOSIGNAL) == (ssize_t)sizeof junk
              ? 0
              : 1);
  }
  close(fd);
  int ws = 0;
  assert_int_equal(waitpid(stranger, &ws, 0), stranger);
  assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
  st = stats_wait_refused(before.refused + 1);
  assert_true(st.servers == before.servers);
  assert_true(st.refused == before.refused + 1);
  assert_int_equal(mproc__forkserver_pid(), 0);
  /* The next start starts another server, which works. */
  harness_expect_exit(harness_start(child_exit_7, NULL, 0, m), 7);
  assert_int_equal(mproc_forkserver_stats(&st), 0);
  assert_true(st.servers == before.servers + 1);
  assert_true(st.refused == before.refused + 1);
  int64_t again = mproc__forkserver_pid();
  assert_true(again > 0 && again != server);

  /* A server whose parent answers its challenge with another key refuses
   * it and ends saying so (the exit status the parent counts). Started by
   * hand, as the library starts one. */
  mproc_connection_t *ours, *theirs;
  assert_int_equal(mproc_pipe(&ours, &theirs, true), 0);
  mproc_value_t arg = mproc_obj(theirs);
  mproc_process_options_t spawn = {.start_method = MPROC_START_SPAWN};
  mproc_process_t *srv = NULL;
  assert_int_equal(
      mproc_process_start(&srv, mproc__forkserver_main, &arg, 1, &spawn), 0);
  mproc_connection_destroy(theirs);
  mproc_os_handle_t h;
  assert_int_equal(mproc_connection_handle(ours, &h), 0);
  uint8_t msg[MPROC__AUTH_MSG_MAX], resp[MPROC__AUTH_RESPONSE_LEN];
  uint8_t wrong[MPROC_AUTHKEY_LEN];
  memset(wrong, 0x5a, sizeof wrong);
  size_t n = 0, rlen = 0;
  int64_t deadline = mproc__now_ns() + (int64_t)30 * 1000000000;
  assert_int_equal(mproc__fs_recv_frame((int)h, msg, sizeof msg, &n, deadline),
                   0);
  assert_int_equal(
      mproc__auth_challenge_answer(msg, n, wrong, sizeof wrong, resp, &rlen),
      0);
  assert_int_equal(mproc__fs_send_frame((int)h, resp, rlen), 0);
  assert_int_equal(mproc__fs_recv_frame((int)h, msg, sizeof msg, &n, deadline),
                   0);
  assert_false(mproc__auth_welcome_ok(msg, n));
  harness_expect_exit(srv, MPROC__FS_EXIT_REFUSED);
  mproc_connection_destroy(ours);
}
#else
/* Windows has no fork server: the counts say so rather than read zero. */
static void test_stats_notsup(void **state) {
  (void)state;
  mproc_forkserver_stats_t st;
  assert_int_equal(mproc_forkserver_stats(NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_forkserver_stats(&st), MPROC_E_NOTSUP);
  assert_non_null(strstr(mproc_last_error(), "forkserver"));
}
#endif

int main(int argc, char **argv) {
  harness_early_init();
  MPROC_REGISTER(child_busy);
  MPROC_REGISTER(preload_warm);
  MPROC_REGISTER(preload_fails);
  MPROC_REGISTER(child_warm);
  MPROC_REGISTER(child_exit_7);
  MPROC_REGISTER(child_wait);
  MPROC_REGISTER(child_server_owner);
  MPROC_REGISTER(child_many);
  MPROC_REGISTER(child_wait_7);
  MPROC_REGISTER(child_ppid);
#ifndef _WIN32
  MPROC_REGISTER(child_hold_robust);
#endif
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      HARNESS_TEST_ONLY(test_busy_threads, forkserver),
      HARNESS_TEST_ONLY(test_preload, forkserver),
      HARNESS_TEST_ONLY(test_server_killed, forkserver),
      HARNESS_TEST_ONLY(test_no_orphan, forkserver),
      HARNESS_TEST_ONLY(test_server_gone_join, forkserver),
      HARNESS_TEST_ONLY(test_siblings, forkserver),
      HARNESS_TEST_ONLY(test_robust_owner, forkserver),
      HARNESS_TEST_ONLY(test_daemon_thread, forkserver),
      HARNESS_TEST_ONLY(test_sigchld_ignored, forkserver),
      HARNESS_TEST_ONLY(test_not_registered, forkserver),
      HARNESS_TEST_ONLY(test_many_fds, forkserver),
#ifndef _WIN32
      HARNESS_TEST_ONLY(test_refused, forkserver),
#else
      HARNESS_TEST_ONLY(test_stats_notsup, spawn),
#endif
  };
  return harness_run(argc, argv, "forkserver", tests,
                     sizeof tests / sizeof tests[0]);
}
