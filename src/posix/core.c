/* SPDX-License-Identifier: MIT */
/*
 * POSIX core: error translation, clock, process and thread ids.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "internal.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__linux__)
#include <sys/syscall.h>
#endif

int mproc__err_os_code(long code, const char *what) {
  int status;
  switch (code) {
  case ENOMEM:
    status = MPROC_E_NOMEM;
    break;
  case EMFILE:
  case ENFILE:
  case EAGAIN:
  case ENOSPC:
    status = MPROC_E_LIMIT;
    break;
  case EACCES:
  case EPERM:
    status = MPROC_E_PERM;
    break;
  case EINVAL:
  case EBADF:
    status = MPROC_E_INVAL;
    break;
  case ETIMEDOUT:
    status = MPROC_E_TIMEOUT;
    break;
  case EPIPE:
  case ECONNRESET:
    status = MPROC_E_CLOSED;
    break;
  case ENOSYS:
  case EOPNOTSUPP:
    status = MPROC_E_NOTSUP;
    break;
  case ENOENT:
    status = MPROC_E_NOTFOUND;
    break;
  default:
    status = MPROC_E_SYS;
  }
  /* strerror() is not thread-safe and strerror_r() has two incompatible
   * signatures; strerror_l() with the C locale is neither problem. */
  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  const char *text = c ? strerror_l((int)code, c) : "unknown error";
  mproc__err(status, "%s: %s", what, text);
  mproc__err_set_os(code);
  if (c)
    freelocale(c);
  return status;
}

int mproc__err_os(const char *what) {
  return mproc__err_os_code(errno, what);
}

int64_t mproc__now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * The pid and the calling thread's id are cached, because both are system
 * calls on current glibc and the RLock asks for the thread id on every
 * acquire. A fork child has one thread, the one that forked: the atfork
 * handler runs in it and resets both caches.
 */
static int64_t cached_pid;
static MPROC__TLS uint32_t cached_tid;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

void mproc__pid_cache_reset(void) {
  __atomic_store_n(&cached_pid, 0, __ATOMIC_RELAXED);
  cached_tid = 0;
}

static void after_fork_child(void) {
  mproc__pid_cache_reset();
}

static void install_atfork(void) {
  pthread_atfork(NULL, NULL, after_fork_child);
}

int64_t mproc__getpid(void) {
  pthread_once(&atfork_once, install_atfork);
  /* Atomic because threads fill the cache concurrently (the same value). */
  int64_t pid = __atomic_load_n(&cached_pid, __ATOMIC_RELAXED);
  if (!pid) {
    pid = (int64_t)getpid();
    __atomic_store_n(&cached_pid, pid, __ATOMIC_RELAXED);
  }
  return pid;
}

uint32_t mproc__thread_id(void) {
  uint32_t tid = cached_tid;
  if (tid)
    return tid;
  pthread_once(&atfork_once, install_atfork);
#if defined(__linux__)
  tid = (uint32_t)syscall(SYS_gettid);
#else
  /* Elsewhere thread ids are per process: combine the pid with a counter. */
  static volatile uint32_t counter;
  tid = ((uint32_t)getpid() << 10) ^ (mproc__fetch_add32(&counter, 1) + 1);
#endif
  if (!tid)
    tid = 1;
  cached_tid = tid;
  return tid;
}

void mproc__mem_prefault(void *p, size_t n) {
#if defined(__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels say EINVAL */
#endif
  static long page;
  if (!page)
    page = sysconf(_SC_PAGESIZE);
  if (page <= 0)
    return;
  uintptr_t mask = (uintptr_t)page - 1;
  uintptr_t a = ((uintptr_t)p + mask) & ~mask, e = ((uintptr_t)p + n) & ~mask;
  int saved = errno;
  if (e > a)
    (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
  errno = saved;
#else
  (void)p;
  (void)n;
#endif
}

unsigned mproc__cpu_count(void) {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
    return (unsigned)CPU_COUNT(&set);
#endif
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}
