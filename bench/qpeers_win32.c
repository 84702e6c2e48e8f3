/* SPDX-License-Identifier: MIT */
/*
 * The raw peers of the queue and pipe figures on Windows (see qbench.h):
 *
 *   queue.64b.pipe      an anonymous pipe (CreatePipe) to a child process,
 *                       one WriteFile per 64-byte message.
 *   pipe.roundtrip.raw  two anonymous pipes, 64 bytes there and back.
 *
 * The child is this program run with BENCH_PIPE_CHILD_FLAG, inheriting the
 * two pipe ends it uses. queue.<size>.cpython has no Windows peer (no
 * python3 here, and not under wine).
 */
#include "qbench.h"

#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *skip_setup(void) {
  fprintf(stderr, "# queue.*.cpython: no python3 peer on Windows\n");
  return BENCH_SKIP;
}

static int64_t never_run(void *ctx, long n) {
  (void)ctx;
  (void)n;
  return -1;
}

static int read_all(HANDLE h, void *p, DWORD n) {
  char *b = p;
  while (n) {
    DWORD got = 0;
    if (!ReadFile(h, b, n, &got, NULL) || got == 0)
      return -1;
    b += got;
    n -= got;
  }
  return 0;
}

static int write_all(HANDLE h, const void *p, DWORD n) {
  DWORD done = 0;
  return WriteFile(h, p, n, &done, NULL) && done == n ? 0 : -1;
}

int bench_pipe_child(int argc, char **argv) {
  if (argc != 6)
    return 2;
  HANDLE rh = (HANDLE)(uintptr_t)_strtoui64(argv[3], NULL, 10);
  HANDLE wh = (HANDLE)(uintptr_t)_strtoui64(argv[4], NULL, 10);
  long n = atol(argv[5]);
  char m[64];
  if (strcmp(argv[2], "echo") == 0) {
    for (;;) {
      if (read_all(rh, m, 64) < 0)
        return 0;
      if (write_all(wh, m, 64) < 0)
        return 3;
    }
  }
  if (write_all(wh, "r", 1) < 0)
    return 4;
  for (long i = 0; i < n; i++)
    if (read_all(rh, m, 64) < 0)
      return 5;
  return write_all(wh, "d", 1) == 0 ? 0 : 6;
}

typedef struct {
  HANDLE to_child, from_child;
  PROCESS_INFORMATION pi;
} child_t;

/* Starts this program as a pipe child in @p mode with @p n messages. */
static int child_start(child_t *c, const char *mode, long n) {
  HANDLE a_r, a_w, b_r, b_w;
  SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
  if (!CreatePipe(&a_r, &a_w, &sa, 1 << 16))
    return -1;
  if (!CreatePipe(&b_r, &b_w, &sa, 1 << 16)) {
    CloseHandle(a_r);
    CloseHandle(a_w);
    return -1;
  }
  /* Only the child's ends are inherited. */
  SetHandleInformation(a_w, HANDLE_FLAG_INHERIT, 0);
  SetHandleInformation(b_r, HANDLE_FLAG_INHERIT, 0);
  wchar_t path[MAX_PATH], cmd[2 * MAX_PATH];
  GetModuleFileNameW(NULL, path, MAX_PATH);
  swprintf(cmd, 2 * MAX_PATH, L"\"%ls\" %hs %hs %llu %llu %ld", path,
           BENCH_PIPE_CHILD_FLAG, mode, (unsigned long long)(uintptr_t)a_r,
           (unsigned long long)(uintptr_t)b_w, n);
  STARTUPINFOW si;
  ZeroMemory(&si, sizeof si);
  si.cb = sizeof si;
  BOOL ok =
      CreateProcessW(path, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &c->pi);
  CloseHandle(a_r);
  CloseHandle(b_w);
  if (!ok) {
    CloseHandle(a_w);
    CloseHandle(b_r);
    return -1;
  }
  c->to_child = a_w;
  c->from_child = b_r;
  return 0;
}

static void child_end(child_t *c) {
  CloseHandle(c->to_child);
  WaitForSingleObject(c->pi.hProcess, INFINITE);
  CloseHandle(c->from_child);
  CloseHandle(c->pi.hProcess);
  CloseHandle(c->pi.hThread);
}

static char ctx_token;

static void *pipe_setup(void) {
  return &ctx_token;
}

static int64_t pipe_run(void *ctx, long n) {
  (void)ctx;
  child_t c;
  if (child_start(&c, "sink", n) < 0)
    return -1;
  char m[64], flag;
  memset(m, 'x', sizeof m);
  int64_t result = -1;
  if (read_all(c.from_child, &flag, 1) == 0) {
    int64_t t0 = bench_now_ns();
    long i;
    for (i = 0; i < n; i++)
      if (write_all(c.to_child, m, 64) < 0)
        break;
    if (i == n && read_all(c.from_child, &flag, 1) == 0)
      result = bench_now_ns() - t0;
  }
  child_end(&c);
  return result;
}

static int64_t rt_run(void *ctx, long n) {
  (void)ctx;
  child_t c;
  if (child_start(&c, "echo", 0) < 0)
    return -1;
  char m[64];
  memset(m, 'x', sizeof m);
  int64_t result = -1;
  if (write_all(c.to_child, m, 64) == 0 && read_all(c.from_child, m, 64) == 0) {
    int64_t t0 = bench_now_ns();
    long i;
    for (i = 0; i < n; i++)
      if (write_all(c.to_child, m, 64) < 0 || read_all(c.from_child, m, 64) < 0)
        break;
    if (i == n)
      result = bench_now_ns() - t0;
  }
  child_end(&c);
  return result;
}

const bench_case_t bench_peers_queue_64b[] = {
    {"queue.64b.cpython", skip_setup, never_run, NULL},
    {"queue.64b.pipe", pipe_setup, pipe_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_queue_4k[] = {
    {"queue.4k.cpython", skip_setup, never_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_queue_spill[] = {
    {"queue.64b.spill.cpython", skip_setup, never_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pipe_roundtrip[] = {
    {"pipe.roundtrip.raw", pipe_setup, rt_run, NULL},
    {NULL, NULL, NULL, NULL},
};
