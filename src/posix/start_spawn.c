/* SPDX-License-Identifier: MIT */
/*
 * The spawn start method (fork + exec of the program itself), both sides.
 *
 * Spawn protocol. The parent encodes the start record first, which lists
 * every descriptor the child needs (mproc__handle_reduce); then it forks,
 * and the child, using only async-signal-safe calls, arranges its
 * descriptors as
 *     0-2   inherited stdio
 *     3     the bootstrap socket (a socketpair end)
 *     4..   the listed descriptors, in the order they were listed
 * closes everything else and execs the program with
 * "--mproc-child 3". The parent sends the record (u64 length, bytes) on the
 * socket and reads one boot status: 'K', 'E' + status + message, or 'X' +
 * errno when exec itself failed. A child that dies first shows as EOF. So
 * mproc_process_start() returns an exec failure, an unregistered function
 * or a crash while booting as an error, never as a mysterious exit code.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "posix/posix.h"

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

/* How long a spawn child may take to boot before it is killed. */
#define BOOT_TIMEOUT_NS ((int64_t)60 * 1000000000)
/* The bootstrap socket's number in the child, and the first object's. */
#define CHILD_SOCK_FD 3
#define CHILD_FIRST_FD 4

static char self_exe[PATH_MAX];

int mproc__boot_init(int argc, char **argv) {
#if defined(__linux__)
  ssize_t n = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
  if (n > 0) {
    self_exe[n] = '\0';
    return 0;
  }
#endif
  if (argc < 1 || !argv || !argv[0])
    return mproc__err(MPROC_E_INVAL, "mproc_boot: no argv[0]");
  if (!realpath(argv[0], self_exe))
    return mproc__err_os("mproc_boot: locating the program");
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Spawn context: the descriptors a child inherits                          */
/* ------------------------------------------------------------------------ */

int mproc__handle_reduce(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         uint64_t *wire) {
  /* No deduplication: each rebuilt object owns and closes its descriptor,
   * so an object passed twice gets two numbers in the child. */
  if (ctx->n == ctx->cap) {
    size_t cap = ctx->cap ? ctx->cap * 2 : 8;
    int *fds = realloc(ctx->fds, cap * sizeof *fds);
    if (!fds)
      return mproc__err(MPROC_E_NOMEM, "listing descriptors for a child");
    ctx->fds = fds;
    ctx->cap = cap;
  }
  ctx->fds[ctx->n] = h;
  *wire = CHILD_FIRST_FD + ctx->n;
  ctx->n++;
  return 0;
}

/* Set in a forkserver child only (mproc__posix_wire_fds()). */
static const int *wire_fds;
static size_t wire_n;

void mproc__posix_wire_fds(const int *fds, size_t n) {
  wire_fds = fds;
  wire_n = n;
}

mproc__handle_t mproc__handle_from_wire(uint64_t wire) {
  if (wire < CHILD_FIRST_FD || wire > INT_MAX)
    return -1;
  if (wire_fds)
    return wire - CHILD_FIRST_FD < wire_n ? wire_fds[wire - CHILD_FIRST_FD]
                                          : -1;
  return (int)wire;
}

/* Kills and reaps a child that failed to boot. */
static void discard_child(pid_t pid) {
  int st;
  kill(pid, SIGKILL);
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
}

/* ------------------------------------------------------------------------ */
/* spawn                                                                    */
/* ------------------------------------------------------------------------ */

/* In the forked child: only async-signal-safe calls from here to exec. */
static void exec_child(int sock, const int *fds, int *high, size_t n,
                       int max_fd, const char *path, char *const argv[],
                       const sigset_t *mask, bool daemon, pid_t parent,
                       int exec_fault) {
  int base = CHILD_FIRST_FD + (int)n;
  int err = 0;
  /* Move everything above the target numbers first, so that placing one
   * descriptor never overwrites another still to be placed. */
  int s2 = fcntl(sock, F_DUPFD, base);
  if (s2 < 0)
    err = errno;
  for (size_t i = 0; i < n && !err; i++) {
    high[i] = fcntl(fds[i], F_DUPFD, base);
    if (high[i] < 0)
      err = errno;
  }
  if (!err && dup2(s2, CHILD_SOCK_FD) < 0)
    err = errno;
  for (size_t i = 0; i < n && !err; i++)
    if (dup2(high[i], CHILD_FIRST_FD + (int)i) < 0)
      err = errno;
  if (!err) {
#if defined(SYS_close_range)
    if (syscall(SYS_close_range, (unsigned)base, ~0u, 0) < 0)
#endif
      for (int fd = base; fd <= max_fd; fd++)
        close(fd);
    if (daemon)
      mproc__posix_daemon_child(parent);
    sigprocmask(SIG_SETMASK, mask, NULL);
    if (exec_fault == 0)
      execv(path, argv);
    err = exec_fault ? exec_fault : errno;
    sock = CHILD_SOCK_FD; /* the original number may be closed by now */
  }
  unsigned char msg[5] = {MPROC__BOOT_EXEC_FAILED, (unsigned char)err,
                          (unsigned char)(err >> 8), (unsigned char)(err >> 16),
                          (unsigned char)(err >> 24)};
  if (write(sock, msg, sizeof msg) < 0)
    _exit(127);
  _exit(127);
}

static int send_all(int fd, const void *buf, size_t len) {
  const uint8_t *p = buf;
  while (len > 0) {
    ssize_t n = MPROC__FAIL(WRITE) ? -1 : send(fd, p, len, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/*
 * Reads the boot status, or decides the child died. The socket's other end
 * could also be held by a fork child that another thread started in the
 * window before we closed our copy, so EOF is not the only sign of death:
 * the child is checked with waitpid() between polls.
 */
static int read_boot_status(pid_t pid, int sock, bool *reaped) {
  unsigned char buf[1 + 4 + MPROC__BOOT_MSG_MAX];
  size_t got = 0;
  int64_t deadline = mproc__now_ns() + BOOT_TIMEOUT_NS;
  *reaped = false;
  for (;;) {
    /* Complete messages. */
    if (got >= 1 && buf[0] == MPROC__BOOT_OK)
      return 0;
    if (got >= 5 && buf[0] == MPROC__BOOT_EXEC_FAILED) {
      int err = buf[1] | buf[2] << 8 | buf[3] << 16 | buf[4] << 24;
      char why[256];
      mproc__err_os_code(err, "executing the program");
      snprintf(why, sizeof why, "%s", mproc_last_error());
      return mproc__err(MPROC_E_SPAWN, "could not start the child: %s", why);
    }
    if (got >= 5 && buf[0] == MPROC__BOOT_FAILED &&
        memchr(buf + 5, 0, got - 5)) {
      int32_t status =
          (int32_t)((uint32_t)buf[1] | (uint32_t)buf[2] << 8 |
                    (uint32_t)buf[3] << 16 | (uint32_t)buf[4] << 24);
      if (status >= 0 || status < MPROC_E_SYS)
        status = MPROC_E_SPAWN;
      return mproc__err(status, "%s", (const char *)buf + 5);
    }
    if (got == sizeof buf ||
        (got >= 1 && buf[0] != MPROC__BOOT_OK && buf[0] != MPROC__BOOT_FAILED &&
         buf[0] != MPROC__BOOT_EXEC_FAILED))
      return mproc__err(MPROC_E_SPAWN, "malformed boot status from child");

    int64_t now = mproc__now_ns();
    if (now >= deadline)
      return mproc__err(MPROC_E_SPAWN, "the child did not boot within %d s",
                        (int)(BOOT_TIMEOUT_NS / 1000000000));
    struct pollfd pfd = {sock, POLLIN, 0};
    int r = poll(&pfd, 1, 100);
    if (r < 0 && errno != EINTR)
      return mproc__err_os("waiting for the child to boot");
    if (r > 0) {
      ssize_t n =
          MPROC__FAIL(READ) ? -1 : recv(sock, buf + got, sizeof buf - got, 0);
      if (n > 0) {
        got += (size_t)n;
        continue;
      }
      if (n < 0 && errno == EINTR)
        continue;
      /* A read error other than a reset (the child closed its end with
       * our record unread: it died) says nothing about the child, which
       * may be alive and running: the caller kills it (waiting for it here
       * could wait for as long as its function runs). */
      if (n < 0 && errno != ECONNRESET)
        return mproc__err_os("reading the child's boot status");
      /* EOF or reset: the child is gone; report how it ended. */
    } else {
      int st;
      if (waitpid(pid, &st, WNOHANG) != pid)
        continue;
      *reaped = true;
      return mproc__err(MPROC_E_SPAWN,
                        "the child exited with code %d while booting",
                        mproc__posix_exitcode(st));
    }
    int st;
    pid_t w;
    while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
      ;
    *reaped = true;
    if (w == pid)
      return mproc__err(MPROC_E_SPAWN,
                        "the child exited with code %d while booting",
                        mproc__posix_exitcode(st));
    return mproc__err(MPROC_E_SPAWN, "the child died while booting");
  }
}

int mproc__start_spawn(mproc_process_t *p, const mproc__child_spec_t *spec) {
  struct mproc__spawn_ctx ctx = {NULL, 0, 0};
  uint8_t *record = NULL;
  size_t len = 0;
  int *high = NULL;
  int sv[2] = {-1, -1};
  int rc;

  const char *path = mproc__spawn_executable();
  if (!path)
    path = self_exe;
  char *argv[] = {(char *)path, (char *)MPROC__CHILD_FLAG, (char *)"3", NULL};

  rc = mproc__record_encode(&ctx, spec, &record, &len);
  if (rc < 0)
    goto out;
  high = calloc(ctx.n + 1, sizeof *high);
  if (!high) {
    rc = mproc__err(MPROC_E_NOMEM, "starting a child");
    goto out;
  }
  if (MPROC__FAIL(PIPE) ||
      socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
    rc = mproc__err_os("creating the bootstrap socket");
    goto out;
  }
  long open_max = sysconf(_SC_OPEN_MAX);
  int max_fd = open_max > 0 && open_max < 65536 ? (int)open_max : 65536;

  /* Block signals so that the child runs none of the parent's handlers
   * between fork and exec; it restores the mask just before exec. */
  /* An injected exec failure is decided here: the child, a copy of this
   * process with another pid, never fires faults itself. */
  int exec_fault = MPROC__FAIL(EXEC) ? errno : 0;
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t parent = getpid();
  pid_t pid = MPROC__FAIL(FORK) ? -1 : fork();
  if (pid == 0)
    exec_child(sv[1], ctx.fds, high, ctx.n, max_fd, path, argv, &old,
               spec->daemon, parent, exec_fault);
  int fork_errno = errno;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  close(sv[1]);
  sv[1] = -1;
  if (pid < 0) {
    rc = mproc__err_os_code(fork_errno, "fork");
    goto out;
  }

  uint8_t hdr[8];
  for (int i = 0; i < 8; i++)
    hdr[i] = (uint8_t)((uint64_t)len >> (8 * i));
  /* A send failure with EPIPE means the child is gone; its status says
   * why. Any other failure leaves a live child waiting for the rest of
   * its record: it is killed (not left to the boot timeout). */
  if (send_all(sv[0], hdr, 8) < 0 || send_all(sv[0], record, len) < 0) {
    if (errno != EPIPE && errno != ECONNRESET) {
      rc = mproc__err_os("sending the start record to the child");
      discard_child(pid);
      goto out;
    }
  }
  bool reaped;
  rc = read_boot_status(pid, sv[0], &reaped);
  if (rc < 0) {
    if (!reaped)
      discard_child(pid);
    goto out;
  }
  p->pid = pid;
  p->h = -1; /* opened when first needed, as for fork */
out:
  if (sv[0] >= 0)
    close(sv[0]);
  free(high);
  free(record);
  free(ctx.fds);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The child's side of spawn                                                */
/* ------------------------------------------------------------------------ */

static int read_all(int fd, void *buf, size_t len) {
  uint8_t *p = buf;
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int mproc__child_bootstrap(int argc, char **argv, uint8_t **record, size_t *len,
                           mproc__boot_chan_t **chan) {
  static struct mproc__boot_chan the_chan;
  if (argc < 3 || strcmp(argv[2], "3") != 0)
    return mproc__err(MPROC_E_INVAL, "bad bootstrap arguments");
  int fd = CHILD_SOCK_FD;
  if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
    return mproc__err_os("bootstrap socket");
  uint8_t hdr[8];
  if (read_all(fd, hdr, 8) < 0)
    return mproc__err(MPROC_E_CLOSED, "reading the start record");
  uint64_t n = 0;
  for (int i = 0; i < 8; i++)
    n |= (uint64_t)hdr[i] << (8 * i);
  if (n > ((uint64_t)1 << 31))
    return mproc__err(MPROC_E_DECODE, "start record of %llu bytes",
                      (unsigned long long)n);
  uint8_t *buf = malloc(n ? (size_t)n : 1);
  if (!buf)
    return mproc__err(MPROC_E_NOMEM, "reading the start record");
  if (read_all(fd, buf, (size_t)n) < 0) {
    free(buf);
    return mproc__err(MPROC_E_CLOSED, "reading the start record");
  }
  the_chan.fd = fd;
  the_chan.send_pid = false;
  the_chan.keep_fd = false;
  *record = buf;
  *len = (size_t)n;
  *chan = &the_chan;
  return 0;
}

void mproc__child_boot_status(mproc__boot_chan_t *chan, int status,
                              const char *msg) {
  unsigned char buf[9 + 1 + 4 + MPROC__BOOT_MSG_MAX];
  size_t len = 0;
  /* No channel: a child the fork server started as its parent's own,
   * whose start returned when it was made. Only a failure is told, where
   * a child that cannot run its function tells it: on stderr, before it
   * exits with 70. */
  if (chan->fd < 0) {
    if (status != 0)
      fprintf(stderr, "mproc: the child could not boot: %s\n", msg);
    return;
  }
  /* One send with the status: the server writes on this socket too, but
   * only once it has reaped this child, so after all of it. */
  if (chan->send_pid) {
    uint64_t pid = (uint64_t)mproc__getpid();
    buf[len++] = MPROC__FORKSERVER_PID;
    for (int i = 0; i < 8; i++)
      buf[len++] = (unsigned char)(pid >> (8 * i));
  }
  if (status == 0) {
    buf[len++] = MPROC__BOOT_OK;
  } else {
    uint32_t s = (uint32_t)status;
    buf[len++] = MPROC__BOOT_FAILED;
    for (int i = 0; i < 4; i++)
      buf[len++] = (unsigned char)(s >> (8 * i));
    size_t m = strlen(msg);
    if (m > MPROC__BOOT_MSG_MAX - 1)
      m = MPROC__BOOT_MSG_MAX - 1;
    memcpy(buf + len, msg, m);
    buf[len + m] = 0;
    len += m + 1;
  }
  send_all(chan->fd, buf, len);
  if (!chan->keep_fd)
    close(chan->fd);
  chan->fd = -1;
}
