/* SPDX-License-Identifier: MIT */
/*
 * The raw peers on Windows: what mproc is measured against, written with
 * the Win32 API directly.
 *
 *   lock.pair.semaphore   a kernel semaphore (CreateSemaphoreW, 1 of 1):
 *                         WaitForSingleObject + ReleaseSemaphore, the kernel
 *                         path CPython's multiprocessing.Lock takes on
 *                         Windows.
 *   process.spawn.raw     CreateProcessW of mproc-bench-trivial.exe (next to
 *                         this program), WaitForSingleObject, close.
 *   process.spawn.raw_self  the same, of this program with BENCH_EXIT_FLAG
 *                         (mproc's spawn protocol alone, see peers_posix.c).
 *
 * There is no fork here: no process.fork or lock.contended peers, and the
 * race start line (used only with fork children) does not exist.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <psapi.h>

#include "peers.h"

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

char bench_skip_token;

int64_t bench_now_ns(void) {
  static LARGE_INTEGER freq;
  LARGE_INTEGER now;
  if (freq.QuadPart == 0)
    QueryPerformanceFrequency(&freq);
  QueryPerformanceCounter(&now);
  /* Seconds and remainder apart, so that the product cannot overflow. */
  int64_t s = now.QuadPart / freq.QuadPart;
  int64_t rem = now.QuadPart % freq.QuadPart;
  return s * 1000000000 + rem * 1000000000 / freq.QuadPart;
}

static void win_error(const char *what) {
  fprintf(stderr, "mproc-bench: %s: error %lu\n", what,
          (unsigned long)GetLastError());
}

/* ------------------------------------------------------------------------ */
/* The race start line: not on Windows                                      */
/* ------------------------------------------------------------------------ */

bench_race_t *bench_race_create(void) {
  return NULL;
}

void bench_race_destroy(bench_race_t *r) {
  (void)r;
}

void bench_race_reset(bench_race_t *r) {
  (void)r;
}

int64_t bench_race_start(bench_race_t *r, int n) {
  (void)r;
  (void)n;
  return -1;
}

int64_t bench_race_end(bench_race_t *r, int n) {
  (void)r;
  (void)n;
  return -1;
}

void bench_race_enter(bench_race_t *r) {
  (void)r;
}

void bench_race_finish(bench_race_t *r, int who) {
  (void)r;
  (void)who;
}

/* ------------------------------------------------------------------------ */
/* lock.pair.semaphore                                                      */
/* ------------------------------------------------------------------------ */

static void *sem_setup(void) {
  HANDLE h = CreateSemaphoreW(NULL, 1, 1, NULL);
  if (!h) {
    win_error("CreateSemaphoreW");
    return NULL;
  }
  return h;
}

static int64_t sem_run(void *ctx, long n) {
  HANDLE h = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if (WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0 ||
        !ReleaseSemaphore(h, 1, NULL)) {
      win_error("semaphore pair");
      return -1;
    }
  }
  return bench_now_ns() - t0;
}

static void sem_teardown(void *ctx) {
  CloseHandle(ctx);
}

/* ------------------------------------------------------------------------ */
/* process.spawn.raw                                                        */
/* ------------------------------------------------------------------------ */

typedef struct {
  wchar_t path[MAX_PATH + 64];
  wchar_t args[64];              /* after the quoted path */
  wchar_t cmdline[2 * MAX_PATH]; /* CreateProcessW may write into it */
} spawn_ctx_t;

/* A program to start: @p leaf next to this one, or this one if NULL. */
static void *spawn_setup_of(const wchar_t *leaf) {
  spawn_ctx_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  DWORD len = GetModuleFileNameW(NULL, c->path, MAX_PATH);
  if (len == 0 || len >= MAX_PATH) {
    win_error("GetModuleFileNameW");
    free(c);
    return NULL;
  }
  if (!leaf) {
    wcscpy(c->args, L" " BENCH_EXIT_FLAG);
    return c;
  }
  wchar_t *slash = wcsrchr(c->path, L'\\');
  wchar_t *fwd = wcsrchr(c->path, L'/');
  if (fwd && (!slash || fwd > slash))
    slash = fwd;
  if (!slash) {
    fprintf(stderr, "mproc-bench: odd program path\n");
    free(c);
    return NULL;
  }
  wcscpy(slash + 1, leaf);
  if (GetFileAttributesW(c->path) == INVALID_FILE_ATTRIBUTES) {
    fprintf(stderr, "mproc-bench: %ls not found\n", c->path);
    free(c);
    return NULL;
  }
  return c;
}

static void *spawn_trivial_setup(void) {
  return spawn_setup_of(L"mproc-bench-trivial.exe");
}

static void *spawn_self_setup(void) {
  return spawn_setup_of(NULL);
}

static int64_t spawn_run(void *ctx, long n) {
  spawn_ctx_t *c = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    /* The quoted path, as a command line would carry it. */
    swprintf(c->cmdline, sizeof c->cmdline / sizeof c->cmdline[0],
             L"\"%ls\"%ls", c->path, c->args);
    if (!CreateProcessW(c->path, c->cmdline, NULL, NULL, FALSE, 0, NULL, NULL,
                        &si, &pi)) {
      win_error("CreateProcessW");
      return -1;
    }
    DWORD code = 1;
    if (WaitForSingleObject(pi.hProcess, INFINITE) != WAIT_OBJECT_0 ||
        !GetExitCodeProcess(pi.hProcess, &code) || code != 0) {
      fprintf(stderr, "mproc-bench: the trivial child exited with %lu\n",
              (unsigned long)code);
      CloseHandle(pi.hThread);
      CloseHandle(pi.hProcess);
      return -1;
    }
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
  }
  return bench_now_ns() - t0;
}

static void spawn_teardown(void *ctx) {
  free(ctx);
}

/* ------------------------------------------------------------------------ */
/* The lists                                                                */
/* ------------------------------------------------------------------------ */

const bench_case_t bench_peers_lock_pair[] = {
    {"lock.pair.semaphore", sem_setup, sem_run, sem_teardown},
    {NULL, NULL, NULL, NULL},
};

/* No CPython peer here: the Windows build runs under wine, without a
 * Windows python. */
const bench_case_t bench_peers_lock_create_destroy[] = {
    {NULL, NULL, NULL, NULL},
};

int64_t bench_resident_bytes(void) {
  PROCESS_MEMORY_COUNTERS pmc;
  if (!K32GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc))
    return -1;
  return (int64_t)pmc.WorkingSetSize;
}

/* No raw Windows peer for the ping-pong yet: mproc's figure stands alone. */
const bench_case_t bench_peers_lock_pingpong[] = {
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_lock_contended[] = {
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_process_fork[] = {
    {NULL, NULL, NULL, NULL},
};

/* No fork, no forkserver (and no CPython forkserver) on Windows. */
const bench_case_t bench_peers_process_forkserver[] = {
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_process_spawn[] = {
    {"process.spawn.raw", spawn_trivial_setup, spawn_run, spawn_teardown},
    {"process.spawn.raw_self", spawn_self_setup, spawn_run, spawn_teardown},
    {NULL, NULL, NULL, NULL},
};

/* No manager peers on Windows yet (the figures are taken on Linux). */
const bench_case_t bench_peers_manager_lockpair[] = {
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_manager_queue64b[] = {
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_manager_dictset[] = {
    {NULL, NULL, NULL, NULL},
};
