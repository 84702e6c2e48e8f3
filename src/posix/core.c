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

static void after_fork_child(void) {
  cached_pid = 0;
  cached_tid = 0;
}

static void install_atfork(void) {
  pthread_atfork(NULL, NULL, after_fork_child);
}

int64_t mproc__getpid(void) {
  pthread_once(&atfork_once, install_atfork);
  int64_t pid = cached_pid;
  if (!pid)
    cached_pid = pid = (int64_t)getpid();
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

/*
 * Process tokens: the start time in clock ticks since boot (field 22 of
 * /proc/<pid>/stat), which differs between two processes that share a pid
 * one after the other. Also reports the state letter, so that a zombie (a
 * dead process its parent has not reaped yet) counts as dead.
 */
static bool proc_stat(int64_t pid, uint64_t *start, char *state) {
#if defined(__linux__)
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
  FILE *f = fopen(path, "re");
  if (!f)
    return false;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  /* The command name (field 2) may hold spaces and parentheses: fields
   * are counted from the last ')'. */
  char *p = strrchr(buf, ')');
  if (!p || p[1] != ' ')
    return false;
  p += 2;
  *state = *p;
  /* p is at field 3; the start time is field 22. */
  for (int field = 3; field < 22; field++) {
    p = strchr(p, ' ');
    if (!p)
      return false;
    p++;
  }
  *start = strtoull(p, NULL, 10);
  return true;
#else
  (void)pid;
  (void)start;
  (void)state;
  return false;
#endif
}

static int64_t token_pid;
static uint64_t token_value;

uint64_t mproc__process_token(void) {
  int64_t pid = mproc__getpid();
  if (token_pid != pid) {
    uint64_t start = 0;
    char state;
    if (!proc_stat(pid, &start, &state))
      start = 0;
    token_value = start;
    token_pid = pid;
  }
  return token_value;
}

bool mproc__process_alive(int64_t pid, uint64_t token) {
  if (pid <= 0)
    return true;
  if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
    return false;
  uint64_t start;
  char state;
  if (!proc_stat(pid, &start, &state))
    return true; /* no /proc: the pid alone, so a zombie owner counts as
                    alive until its parent reaps it */
  if (state == 'Z' || state == 'X')
    return false;
  return token == 0 || start == token;
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
