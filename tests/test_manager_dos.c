/* SPDX-License-Identifier: MIT */
/*
 * A manager against strangers who can reach its address but do not know
 * the key (issue 13, item 1): they may open as many connections as they
 * like, idle or trickling a byte every 2 s, and a client of ours still
 * connects, creates a lock, acquires and releases it within 1 s; a server
 * out of descriptors rests instead of spinning, and keeps serving.
 *
 * The test sets its own soft descriptor limit to 1,024 (the common
 * default), which the server inherits, so the server must shed pending
 * connections before accept() runs out. The strangers are a child process
 * that raises its own limit: its 1,000 descriptors are not the test's.
 * Everything is loopback, and the child stops by itself after 60 s.
 */
#ifdef __linux__
#define _GNU_SOURCE /* prlimit */
#endif
#include "harness.h"

#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <sys/resource.h>
#endif
#ifdef __linux__
#include <dirent.h>
#include <unistd.h>
#endif

/* The limit the test runs under. */
#define SOFT_LIMIT 1024
/* Idle strangers (fewer under wine, whose every socket is a round trip to
 * wineserver), and trickling ones. */
#define IDLE 1000
#define IDLE_WINE 200
#define TRICKLE 20
#define TRICKLE_S 2.0
/* What a client of ours gets for connect, create, acquire, release. */
#define CLIENT_S 1.0

static void set_soft_limit(unsigned long n) {
#ifndef _WIN32
  struct rlimit r;
  if (getrlimit(RLIMIT_NOFILE, &r) == 0) {
    r.rlim_cur = r.rlim_max != RLIM_INFINITY && r.rlim_max < n ? r.rlim_max : n;
    setrlimit(RLIMIT_NOFILE, &r);
  }
#else
  (void)n;
#endif
}

/* args: address, idle count, trickle count, ready semaphore, stop event.
 * Opens the idle connections, then the trickling ones, says ready, and
 * sends one byte on each trickling connection every TRICKLE_S (a frame
 * header announcing 200 bytes, then its payload: the frame never ends)
 * until told to stop, or 60 s. Connections the server dropped are kept
 * too: the stranger does not care. */
static int child_strangers(const mproc_value_t *args, size_t nargs) {
  const char *address;
  int64_t nidle, ntrickle;
  mproc_semaphore_t *ready;
  mproc_event_t *stop;
  CHECK(nargs == 5 && mproc_value_as_str(&args[0], &address) == 0 &&
            mproc_value_as_int(&args[1], &nidle) == 0 &&
            mproc_value_as_int(&args[2], &ntrickle) == 0 &&
            mproc_value_as_semaphore(&args[3], &ready) == 0 &&
            mproc_value_as_event(&args[4], &stop) == 0,
        10);
  set_soft_limit(4 * SOFT_LIMIT); /* our descriptors, not the test's */
  size_t n = (size_t)(nidle + ntrickle);
  mproc__net_t **cs = calloc(n, sizeof *cs);
  CHECK(cs, 11);
  size_t opened = 0;
  for (size_t i = 0; i < n; i++)
    if (mproc__connect(address, &cs[i]) == 0)
      opened++;
  CHECK(opened == n, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  static const uint8_t frame[4] = {0, 0, 0, 200};
  double end = harness_now() + 60.0;
  for (size_t k = 0; harness_now() < end; k++) {
    int rc = mproc_event_wait(stop, TRICKLE_S);
    if (rc == 0)
      break;
    uint8_t b = k < 4 ? frame[k] : 'x';
    for (size_t i = (size_t)nidle; i < n; i++)
      mproc__net_send(cs[i], &b, 1); /* dropped already: no matter */
  }
  for (size_t i = 0; i < n; i++)
    mproc__net_close(cs[i]);
  free(cs);
  return 0;
}

typedef struct flood {
  mproc_process_t *p;
  mproc_semaphore_t *ready;
  mproc_event_t *stop;
} flood_t;

static void flood_start(flood_t *f, const char *address, int64_t nidle,
                        int64_t ntrickle, mproc_start_method_t method) {
  assert_int_equal(mproc_semaphore_create(&f->ready, 0), 0);
  assert_int_equal(mproc_event_create(&f->stop), 0);
  mproc_value_t args[5] = {mproc_str(address), mproc_int(nidle),
                           mproc_int(ntrickle), mproc_obj(f->ready),
                           mproc_obj(f->stop)};
  f->p = harness_start(child_strangers, args, 5, method);
  assert_int_equal(mproc_semaphore_acquire(f->ready, 120.0), 0);
}

static void flood_stop(flood_t *f) {
  assert_int_equal(mproc_event_set(f->stop), 0);
  harness_expect_exit(f->p, 0);
  mproc_semaphore_destroy(f->ready);
  mproc_event_destroy(f->stop);
}

/* A client of ours: connect, create a lock, acquire, release; seconds. */
static double client_round(mproc_manager_t *m) {
  mproc_proxy_t *lk = NULL;
  double t0 = harness_now();
  int rc = mproc_manager_lock(m, &lk);
  if (rc != 0)
    fprintf(stderr, "mproc_manager_lock: %s: %s\n", mproc_strerror(rc),
            mproc_last_error());
  assert_int_equal(rc, 0);
  assert_int_equal(mproc_proxy_acquire(lk, 5.0), 0);
  assert_int_equal(mproc_proxy_release(lk), 0);
  double secs = harness_now() - t0;
  mproc_proxy_destroy(lk);
  return secs;
}

static void flood_case(void **state, const char *address) {
  set_soft_limit(SOFT_LIMIT);
  mproc_manager_options_t o = {TEST_METHOD(state), address, NULL, 0};
  mproc_manager_t *m = NULL;
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  flood_t f;
  flood_start(&f, mproc_manager_address(m),
              harness_slow_processes() ? IDLE_WINE : IDLE, TRICKLE,
              TEST_METHOD(state));
  double secs = client_round(m);
  printf("# %s: a client's round took %.3f s among strangers\n",
         address ? address : "local", secs);
  assert_true(secs < CLIENT_S);
  /* Once more, after the trickles have had their say. */
  harness_sleep(TRICKLE_S + 0.5);
  assert_true(client_round(m) < CLIENT_S);
  flood_stop(&f);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

#ifndef _WIN32
/* Strangers on the local socket (POSIX; a Windows named pipe admits only
 * the current user, see src/internal.h). */
static void test_flood_local(void **state) {
  flood_case(state, NULL);
}
#endif

static void test_flood_tcp(void **state) {
  flood_case(state, "127.0.0.1:0");
}

#ifdef __linux__
/* The server's open descriptors. */
static int server_fds(int64_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%lld/fd", (long long)pid);
  DIR *d = opendir(path);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      n++;
  closedir(d);
  return n;
}

/* The server's CPU time, user and system, in seconds. */
static double server_cpu(int64_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
  FILE *fp = fopen(path, "r");
  assert_non_null(fp);
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  fclose(fp);
  buf[n] = '\0';
  char *p = strrchr(buf, ')');
  assert_non_null(p);
  unsigned long long ut = 0, st = 0;
  /* After the name: state, then fields 4..13, then utime (14), stime (15). */
  int got = sscanf(
      p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st);
  assert_int_equal(got, 2);
  return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static void set_server_limit(int64_t pid, int n) {
  struct rlimit r;
  assert_int_equal(prlimit((pid_t)pid, RLIMIT_NOFILE, NULL, &r), 0);
  r.rlim_cur = (rlim_t)n;
  assert_int_equal(prlimit((pid_t)pid, RLIMIT_NOFILE, &r, NULL), 0);
}

/* A server whose accept() fails with EMFILE: it must rest (not spin: the
 * listener stays readable while connections wait in its backlog), keep
 * serving the clients it has, and serve new ones once descriptors are
 * free again. The descriptor limit is lowered under the running server
 * (prlimit), to exactly what it holds, then a little above. */
static void test_emfile(void **state) {
  set_soft_limit(SOFT_LIMIT);
  mproc_manager_options_t o = {TEST_METHOD(state), NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  int64_t pid = mproc__manager_server_pid(m);
  assert_true(pid > 0);
  mproc_proxy_t *lk = NULL; /* a client the server has */
  assert_int_equal(mproc_manager_lock(m, &lk), 0);
  assert_int_equal(mproc_proxy_acquire(lk, 5.0), 0);
  assert_int_equal(mproc_proxy_release(lk), 0);

  int held = server_fds(pid);
  set_server_limit(pid, held);
  flood_t f; /* fewer than the listen() backlog: connect() never waits */
  flood_start(&f, mproc_manager_address(m), 100, 0, TEST_METHOD(state));
  double c0 = server_cpu(pid), t0 = harness_now();
  harness_sleep(2.0);
  double cpu = server_cpu(pid) - c0, wall = harness_now() - t0;
  printf("# the server at EMFILE used %.2f s of CPU in %.2f s\n", cpu, wall);
  assert_true(cpu < 0.2 * wall);
  /* The client it has is still served. */
  assert_int_equal(mproc_proxy_acquire(lk, 5.0), 0);
  assert_int_equal(mproc_proxy_release(lk), 0);

  /* A few descriptors back: the strangers take them (the oldest shed for
   * each newcomer), still without spinning. */
  set_server_limit(pid, held + 20);
  harness_sleep(0.5);
  c0 = server_cpu(pid);
  t0 = harness_now();
  harness_sleep(2.0);
  cpu = server_cpu(pid) - c0;
  wall = harness_now() - t0;
  printf("# ... with 20 descriptors to spare: %.2f s of CPU in %.2f s\n", cpu,
         wall);
  assert_true(cpu < 0.2 * wall);
  /* The flood ends: its connections close, and a new client is served. */
  flood_stop(&f);
  double t = harness_now(), secs = 0;
  for (;;) {
    mproc_proxy_t *lk2 = NULL;
    if (mproc_manager_lock(m, &lk2) == 0) {
      assert_int_equal(mproc_proxy_acquire(lk2, 5.0), 0);
      assert_int_equal(mproc_proxy_release(lk2), 0);
      mproc_proxy_destroy(lk2);
      break;
    }
    secs = harness_now() - t;
    assert_true(secs < 15.0); /* the pending strangers' deadline, and more */
    harness_sleep(0.1);
  }
  mproc_proxy_destroy(lk);
  set_server_limit(pid, SOFT_LIMIT);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}
#endif /* __linux__ */

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("strangers", child_strangers);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
#ifndef _WIN32
      cmocka_unit_test(test_flood_local),
#endif
      cmocka_unit_test(test_flood_tcp),
#ifdef __linux__
      cmocka_unit_test(test_emfile),
#endif
  };
  return harness_run(argc, argv, "manager_dos", tests,
                     sizeof tests / sizeof tests[0]);
}
