/*
 * The test harness. This file is the one place tests touch platform APIs
 * (environment, clock, yield), so that the tests themselves compile
 * unchanged everywhere.
 */
#if !defined(_WIN32)
#define _GNU_SOURCE
#endif
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#endif

int harness_run(const char *name, const struct CMUnitTest *tests, size_t n) {
  return harness_run_only(name, tests, n, MPROC_START_DEFAULT);
}

int harness_run_only(const char *name, const struct CMUnitTest *tests, size_t n,
                     mproc_start_method_t only) {
  static const mproc_start_method_t methods[] = {MPROC_START_FORK,
                                                 MPROC_START_SPAWN};
  int failures = 0;
  struct CMUnitTest *copy = calloc(n, sizeof *copy);
  if (!copy)
    return 1;
  for (size_t m = 0; m < 2; m++) {
    if (!mproc_start_method_available(methods[m]) ||
        (only != MPROC_START_DEFAULT && only != methods[m]))
      continue;
    for (size_t i = 0; i < n; i++) {
      copy[i] = tests[i];
      copy[i].initial_state = (void *)&methods[m];
    }
    char group[128];
    snprintf(group, sizeof group, "%s/%s", name,
             methods[m] == MPROC_START_FORK ? "fork" : "spawn");
    print_message("[ GROUP    ] %s\n", group);
    failures += _cmocka_run_group_tests(group, copy, n, NULL, NULL);
  }
  free(copy);
  return failures;
}

mproc_process_t *harness_start(mproc_fn fn, const mproc_value_t *args,
                               size_t nargs, mproc_start_method_t method) {
  mproc_process_options_t opts = {method, false};
  mproc_process_t *p = NULL;
  int rc = mproc_process_start(&p, fn, args, nargs, &opts);
  if (rc != 0)
    print_error("mproc_process_start: %s: %s\n", mproc_err_name(rc),
                mproc_last_error());
  assert_int_equal(rc, 0);
  assert_non_null(p);
  return p;
}

void harness_expect_exit(mproc_process_t *p, int code) {
  int rc = mproc_process_join(p, 120.0);
  if (rc != 0)
    mproc_process_kill(p);
  assert_int_equal(rc, 0);
  int got = -1000;
  assert_int_equal(mproc_process_exitcode(p, &got), 0);
  assert_int_equal(got, code);
  assert_int_equal(mproc_process_destroy(p), 0);
}

void harness_setenv(const char *name, const char *value) {
#ifdef _WIN32
  _putenv_s(name, value);
#else
  setenv(name, value, 1);
#endif
}

void harness_unsetenv(const char *name) {
#ifdef _WIN32
  _putenv_s(name, "");
#else
  unsetenv(name);
#endif
}

void harness_tmpfile(char *buf, size_t size, const char *tag) {
  static unsigned counter;
  const char *dir = getenv("TMPDIR");
#ifdef _WIN32
  char tmp[MAX_PATH];
  if (!dir) {
    GetTempPathA(sizeof tmp, tmp);
    dir = tmp;
  }
  snprintf(buf, size, "%s\\mproc-test-%s-%lld-%u", dir, tag,
           (long long)mproc_getpid(), counter++);
#else
  if (!dir)
    dir = "/tmp";
  snprintf(buf, size, "%s/mproc-test-%s-%lld-%u", dir, tag,
           (long long)mproc_getpid(), counter++);
#endif
}

double harness_now(void) {
#ifdef _WIN32
  LARGE_INTEGER f, c;
  QueryPerformanceFrequency(&f);
  QueryPerformanceCounter(&c);
  return (double)c.QuadPart / (double)f.QuadPart;
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

double harness_cpu_seconds(void) {
#ifdef _WIN32
  FILETIME c, e, k, u;
  if (!GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u))
    return 0;
  ULARGE_INTEGER kk, uu;
  kk.LowPart = k.dwLowDateTime;
  kk.HighPart = k.dwHighDateTime;
  uu.LowPart = u.dwLowDateTime;
  uu.HighPart = u.dwHighDateTime;
  return (double)(kk.QuadPart + uu.QuadPart) / 1e7;
#else
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

int harness_kill_pid(int64_t pid) {
#ifdef _WIN32
  HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, (DWORD)pid);
  if (!h)
    return -1;
  BOOL ok = TerminateProcess(h, 9);
  CloseHandle(h);
  return ok ? 0 : -1;
#else
  return kill((pid_t)pid, SIGKILL);
#endif
}

int harness_slow_processes(void) {
#ifdef _WIN32
  return 1;
#else
  return 0;
#endif
}

void harness_yield(void) {
#ifdef _WIN32
  Sleep(0);
#else
  sched_yield();
#endif
}

void harness_early_init(void) {
#ifdef _WIN32
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
               SEM_NOOPENFILEERRORBOX);
#endif
  const char *v = getenv("MPROC_TEST_CRASH_AT_BOOT");
  if (v && strcmp(v, "1") == 0)
    abort();
}

/* Threads, for tests of thread safety. */
struct harness_thread {
  void (*fn)(void *);
  void *arg;
#ifdef _WIN32
  HANDLE h;
#else
  pthread_t t;
#endif
};

#ifdef _WIN32
static DWORD WINAPI harness_thread_main(LPVOID p) {
  harness_thread_t *t = p;
  t->fn(t->arg);
  return 0;
}
#else
static void *harness_thread_main(void *p) {
  harness_thread_t *t = p;
  t->fn(t->arg);
  return NULL;
}
#endif

harness_thread_t *harness_thread_start(void (*fn)(void *), void *arg) {
  harness_thread_t *t = calloc(1, sizeof *t);
  assert_non_null(t);
  t->fn = fn;
  t->arg = arg;
#ifdef _WIN32
  t->h = CreateThread(NULL, 0, harness_thread_main, t, 0, NULL);
  assert_non_null(t->h);
#else
  assert_int_equal(pthread_create(&t->t, NULL, harness_thread_main, t), 0);
#endif
  return t;
}

void harness_thread_join(harness_thread_t *t) {
#ifdef _WIN32
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
#else
  pthread_join(t->t, NULL);
#endif
  free(t);
}

int harness_private_dir_of(const char *path) {
#ifdef _WIN32
  (void)path;
  return -1;
#else
  char dir[512];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash)
    return 0;
  *slash = '\0';
  struct stat st;
  if (stat(dir, &st) != 0)
    return 0;
  return S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700 &&
         st.st_uid == getuid();
#endif
}
