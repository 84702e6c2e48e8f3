/* SPDX-License-Identifier: MIT */
/*
 * POSIX processes: what every start method shares (waiting for, signalling
 * and releasing children, the end of a child), and the choice of start
 * method. The methods themselves are files of their own, as CPython's
 * popen_*.py are: start_fork.c and start_spawn.c.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "posix/posix.h"
#include "posix/forkserver.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

bool mproc__start_method_supported(mproc_start_method_t method) {
  return method == MPROC_START_FORK || method == MPROC_START_SPAWN ||
         method == MPROC_START_FORKSERVER;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

int mproc__posix_exitcode(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return -WTERMSIG(status);
  return -1;
}

static int open_pidfd(pid_t pid) {
#if defined(__linux__) && defined(SYS_pidfd_open)
  int fd = MPROC__FAIL(PIDFD_OPEN) ? -1 : (int)syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0)
    fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
#else
  (void)pid;
  return -1;
#endif
}

void mproc__posix_daemon_child(pid_t parent) {
#if defined(__linux__)
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) /* the parent died before prctl */
    _exit(1);
#else
  (void)parent;
#endif
}

int mproc__proc_start(mproc_process_t *p, const mproc__child_spec_t *spec) {
  switch (p->method) {
  case MPROC_START_FORK:
    return mproc__start_fork(p, spec);
  case MPROC_START_FORKSERVER:
    return mproc__start_forkserver(p, spec);
  default:
    return mproc__start_spawn(p, spec);
  }
}

void mproc__child_set_daemon(bool daemon) {
  /* PR_SET_PDEATHSIG was set before exec, and survives it. */
  (void)daemon;
}

/* Called through a pointer, whose value the loader binds at start-up: a
 * direct call would go through lazy binding in every fork child (the
 * dynamic linker's symbol lookup, about ten page faults per child). */
static void (*volatile exit_now)(int) = _exit;

void mproc__child_exit(int code, bool quick) {
  fflush(NULL);
  /* A forkserver child tells its parent the code itself: the parent sees
   * the end on a pidfd and need not wait for the server's report. */
  mproc__fs_child_exiting(code);
  if (quick)
    exit_now(code & 0xff); /* no atexit handler: see internal.h */
  exit(code & 0xff);
}

/* ------------------------------------------------------------------------ */
/* Waiting and signalling                                                   */
/* ------------------------------------------------------------------------ */

/* One non-blocking reap. 1 if reaped, 0 if still running, or an error. */
static int try_reap(mproc_process_t *p) {
  int st;
  pid_t w;
  while (
      (w = MPROC__FAIL(WAITPID) ? -1 : waitpid((pid_t)p->pid, &st, WNOHANG)) <
          0 &&
      errno == EINTR)
    ;
  if (w == 0)
    return 0;
  if (w < 0)
    return mproc__err_os("waiting for the child");
  p->exited = true;
  p->exitcode = mproc__posix_exitcode(st);
  return 1;
}

int mproc__proc_wait(mproc_process_t *p, int64_t deadline) {
  long backoff_ns = 100000;
  if (p->server_child)
    return mproc__forkserver_wait(p, deadline);
  if (deadline == MPROC__NO_DEADLINE) {
    /* Waiting without limit: one blocking waitpid, no pidfd, no poll. */
    int st;
    pid_t w;
    while ((w = MPROC__FAIL(WAITPID) ? -1 : waitpid((pid_t)p->pid, &st, 0)) <
               0 &&
           errno == EINTR)
      ;
    if (w < 0)
      return mproc__err_os("waiting for the child");
    p->exited = true;
    p->exitcode = mproc__posix_exitcode(st);
    return 0;
  }
  if (p->h < 0)
    p->h = open_pidfd((pid_t)p->pid);
  for (;;) {
    int r = try_reap(p);
    if (r != 0)
      return r < 0 ? r : 0;
    int64_t now = mproc__now_ns();
    if (deadline != MPROC__NO_DEADLINE && now >= deadline)
      return MPROC_E_TIMEOUT;
    int64_t left_ms = deadline == MPROC__NO_DEADLINE
                          ? -1
                          : (deadline - now + 999999) / 1000000;
    if (left_ms > INT_MAX)
      left_ms = INT_MAX;
    if (p->h >= 0) {
      struct pollfd pfd = {p->h, POLLIN, 0};
      if (poll(&pfd, 1, (int)left_ms) < 0 && errno != EINTR)
        return mproc__err_os("waiting for the child");
    } else {
      /* No pidfd (old kernel): poll the child with a bounded back-off. */
      struct timespec ts = {0, backoff_ns};
      nanosleep(&ts, NULL);
      if (backoff_ns < 20000000)
        backoff_ns *= 2;
    }
  }
}

int mproc__proc_signal(mproc_process_t *p, int sig) {
  if (p->server_child)
    return mproc__forkserver_signal(p, sig);
  /* The child is not reaped yet (p->exited is false), so its pid cannot
   * have been reused. */
  if (try_reap(p) == 1)
    return 0;
  if (kill((pid_t)p->pid, sig == MPROC_SIGKILL ? SIGKILL : SIGTERM) < 0 &&
      errno != ESRCH)
    return mproc__err_os("signalling the child");
  return 0;
}

void mproc__proc_close(mproc_process_t *p) {
  if (p->server_child)
    mproc__forkserver_close(p);
  if (p->h >= 0)
    close(p->h);
  p->h = -1;
}

int mproc__proc_sentinel(mproc_process_t *p, mproc_os_handle_t *out) {
  /* A child of the fork server's: its pidfd, or its status socket,
   * readable once the server has reaped it (or has gone). */
  if (p->server_child) {
    *out = p->h;
    return 0;
  }
  if (p->h < 0 && !p->exited)
    p->h = open_pidfd((pid_t)p->pid);
  if (p->h < 0)
    return mproc__err(MPROC_E_NOTSUP, "no pidfd for this child");
  *out = p->h;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The parent of this process                                               */
/* ------------------------------------------------------------------------ */

/*
 * Whether the parent still runs is getppid(): once it has ended, this
 * process has been given to another (init or a subreaper), so a pid reused
 * by a stranger is never mistaken for the parent. CPython's _ParentProcess
 * waits on a pipe whose other end only the parent holds; a pipe would cost
 * a descriptor in every child and in the parent for each, for a question
 * the kernel answers already.
 *
 * A pidfd makes timed joins and the sentinel sleep in the kernel. Opened on
 * first need (most children never ask) and checked against getppid()
 * after it is open, so that it names the parent and not a stranger that
 * took its pid; stored as descriptor + 1, 0 for none.
 */
static volatile uint32_t parent_fd_plus1;
/*
 * A forkserver child's kernel parent is the server, which ends with the
 * real parent: while the server is still this process's parent, the real
 * one has not ended (or only just, and its pid is not reused that soon).
 * 0: the kernel parent is the real one.
 */
static pid_t parent_link;

void mproc__posix_parent_link(pid_t link) {
  parent_link = link;
}

/* The pid that getppid() returns while the parent @p pid lives. */
static int64_t parent_expect(int64_t pid) {
  return parent_link ? (int64_t)parent_link : pid;
}

static int parent_fd(int64_t pid) {
  uint32_t v = mproc__load32(&parent_fd_plus1);
  if (v)
    return (int)(v - 1);
  int fd = open_pidfd((pid_t)pid);
  if (fd < 0)
    return -1;
  if ((int64_t)getppid() != parent_expect(pid)) {
    close(fd);
    return -1;
  }
  uint32_t expected = 0;
  if (!mproc__cas32(&parent_fd_plus1, &expected, (uint32_t)fd + 1)) {
    close(fd); /* another thread's is kept */
    return (int)(expected - 1);
  }
  return fd;
}

int mproc__parent_wait(int64_t pid, int64_t deadline) {
  long backoff_ns = 100000;
  for (;;) {
    if ((int64_t)getppid() != parent_expect(pid))
      return 0;
    int64_t now = mproc__now_ns();
    if (deadline != MPROC__NO_DEADLINE && now >= deadline)
      return MPROC_E_TIMEOUT;
    int fd = parent_fd(pid);
    if (fd >= 0) {
      int64_t left_ms = deadline == MPROC__NO_DEADLINE
                            ? -1
                            : (deadline - now + 999999) / 1000000;
      if (left_ms > INT_MAX)
        left_ms = INT_MAX;
      struct pollfd pfd = {fd, POLLIN, 0};
      int r = poll(&pfd, 1, (int)left_ms);
      if (r < 0 && errno != EINTR)
        return mproc__err_os("waiting for the parent process");
      /* Readable once the parent has exited: reparenting comes first in
       * the kernel's exit path, but a stale getppid() must not spin. */
      if (r > 0)
        return 0;
    } else {
      struct timespec ts = {0, backoff_ns};
      nanosleep(&ts, NULL);
      if (backoff_ns < 20000000)
        backoff_ns *= 2;
    }
  }
}

int mproc__parent_sentinel(int64_t pid, mproc_os_handle_t *out) {
  int fd = parent_fd(pid);
  if (fd < 0 && (int64_t)getppid() != parent_expect(pid))
    return mproc__err(MPROC_E_STATE, "the parent process has ended");
  if (fd < 0)
    return mproc__err(MPROC_E_NOTSUP, "no pidfd for the parent process");
  *out = fd;
  return 0;
}

void mproc__parent_reset(void) {
  /* In a fork child, before any other thread exists: the descriptor is a
   * copy of the one for the parent's parent. */
  uint32_t v = mproc__load32(&parent_fd_plus1);
  if (v)
    close((int)(v - 1));
  mproc__store32(&parent_fd_plus1, 0);
  parent_link = 0;
}
