/* SPDX-License-Identifier: MIT */
/*
 * POSIX: whether a process id still names the process that held something.
 *
 * A pid alone is not enough: a dead process's id can be reused, and a
 * killed child stays a zombie (kill(pid, 0) succeeds) until its parent
 * reaps it. On Linux /proc/<pid>/stat gives both the state (Z and X are
 * dead) and the start time in clock ticks since boot, which together with
 * the pid names one process for the life of the machine: that is the start
 * token. Elsewhere kill(pid, 0) is the best available and the token is 1.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#if defined(__linux__)
/* 0 when the process does not exist or is a zombie. */
static uint64_t linux_token(int64_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
  FILE *f = fopen(path, "re");
  if (!f)
    return errno == ENOENT || errno == ESRCH ? 0 : 1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  /* The command name (field 2) may contain anything: parse after its last
   * parenthesis. Then: state (field 3) ... starttime (field 22). */
  char *p = strrchr(buf, ')');
  if (!p || p[1] != ' ')
    return 1;
  p += 2;
  char state = *p;
  if (state == 'Z' || state == 'X' || state == 'x')
    return 0;
  for (int field = 3; field < 22 && p; field++) {
    p = strchr(p, ' ');
    if (p)
      p++;
  }
  if (!p)
    return 1;
  uint64_t t = strtoull(p, NULL, 10);
  return t + 2; /* never 0 or 1 */
}
#endif

uint64_t mproc__pid_token(int64_t pid) {
  if (pid <= 0)
    return 0;
#if defined(__linux__)
  return linux_token(pid);
#else
  if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
    return 1;
  return 0;
#endif
}

/* The calling process's token, cached per process (a fork child has its
 * own pid, so the cache is keyed by it). Threads may fill the cache at the
 * same time (a pool's handler thread and the main thread both take queue
 * locks): each writes the same value, but the token is an atomic so that
 * no thread reads it torn or before the pid that validates it. */
uint64_t mproc__self_token(void) {
  static volatile uint32_t cached_pid;
  static uint64_t cached;
  uint32_t me = (uint32_t)mproc__getpid();
  if (mproc__load32(&cached_pid) != me) {
    uint64_t t = mproc__pid_token(me);
    __atomic_store_n(&cached, t ? t : 1, __ATOMIC_RELAXED);
    mproc__store32(&cached_pid, me);
  }
  return __atomic_load_n(&cached, __ATOMIC_RELAXED);
}

bool mproc__pid_alive(int64_t pid, uint64_t token) {
  uint64_t t = mproc__pid_token(pid);
  if (t == 0)
    return false;
  return token == 0 || t == 1 || token == 1 || t == token;
}
