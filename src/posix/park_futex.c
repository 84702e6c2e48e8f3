/* SPDX-License-Identifier: MIT */
/*
 * POSIX parking on Linux: the futex system call on the word itself, shared
 * between processes (no FUTEX_PRIVATE_FLAG), with an absolute
 * CLOCK_MONOTONIC deadline (FUTEX_WAIT_BITSET), so a wait that is
 * interrupted and restarted never extends its timeout. No OS object is
 * created. CMake builds this file on Linux unless
 * -DMPROC_POSIX_BACKEND=portable picks park_sem.c instead.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "fault.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int mproc__park_init(mproc__park_t *pk, volatile uint32_t *shared) {
  pk->h = -1;
  pk->shared = shared;
  return 0;
}

int mproc__park_attach(mproc__park_t *pk, volatile uint32_t *shared,
                       mproc__handle_t h) {
  if (h >= 0)
    close(h); /* this backend never sends one; do not leak a stray one */
  return mproc__park_init(pk, shared);
}

void mproc__park_close(mproc__park_t *pk) {
  pk->h = -1;
  pk->shared = NULL;
}

int mproc__park_wait(mproc__park_t *pk, volatile uint32_t *addr,
                     uint32_t expected, int64_t deadline_ns) {
  (void)pk;
  struct timespec ts, *tsp = NULL;
  if (deadline_ns != MPROC__NO_DEADLINE) {
    if (deadline_ns <= mproc__now_ns())
      return MPROC_E_TIMEOUT;
    ts.tv_sec = (time_t)(deadline_ns / 1000000000);
    ts.tv_nsec = (long)(deadline_ns % 1000000000);
    tsp = &ts;
  }
  long r = MPROC__FAIL(PARK_WAIT)
               ? -1
               : syscall(SYS_futex, addr, FUTEX_WAIT_BITSET, expected, tsp,
                         NULL, FUTEX_BITSET_MATCH_ANY);
  if (r == 0)
    return 0;
  switch (errno) {
  case EAGAIN: /* the value changed before we slept */
  case EINTR:
    return 0;
  case ETIMEDOUT:
    return MPROC_E_TIMEOUT;
  default:
    return mproc__err_os("futex wait");
  }
}

void mproc__park_wake(mproc__park_t *pk, volatile uint32_t *addr, int n) {
  (void)pk;
  syscall(SYS_futex, addr, FUTEX_WAKE, n, NULL, NULL, 0);
}
