/* SPDX-License-Identifier: MIT */
/*
 * The forkserver start method, the parent's side (CPython's
 * popen_forkserver.py and the client half of forkserver.py): it starts the
 * server on first use, sends it each child's start record with the
 * descriptors the record lists, and follows the child through the status
 * socket the server answers on. The protocol is in forkserver.h, the
 * server's loop in forkserver_server.c.
 *
 * Where the server can (forkserver.h's MPROC__FS_SIBLINGS: Linux with
 * glibc), it makes the child ours, with clone(CLONE_PARENT): the server
 * answers with the pid, and from there the child is a fork child's exact
 * equal (p->server_child is false), waited for with waitpid() and
 * signalled by pid in process.c. Joins then wait for the kernel alone,
 * with nothing to reap, read or report in the server, which took a fifth
 * of a start+join.
 *
 * Elsewhere the child is the server's, not ours: waitpid() cannot see it.
 * Where pidfds exist, the parent opens one on the child once it booted (safe:
 * the server reports a child's end before it reaps it, and no report is
 * there yet): the pidfd is the sentinel and what joins wait on, readable
 * the moment the child ends, and the child's own last message on the
 * status socket (MPROC__FS_CODE) gives the code, so that a join waits for
 * the kernel only, as a fork child's does, not for the server to wake up,
 * reap and write. A child that ended otherwise (a signal) has its code
 * from the server, which writes it before it reaps. Without a pidfd the
 * status socket is the sentinel, and the server's report the end.
 * Terminate and kill go through the pidfd, or signal the pid, which the
 * server does not reap (so which cannot be reused) before it wrote the
 * exit, and which we check for first.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "auth.h"
#include "posix/forkserver.h"
#include "posix/posix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long a child (or the server) may take to boot before it is killed,
 * as for spawn. */
#define BOOT_TIMEOUT_NS ((int64_t)60 * 1000000000)
/* How long the server may take to leave once its channel closed. */
#define STOP_TIMEOUT_NS ((int64_t)5 * 1000000000)

/* ------------------------------------------------------------------------ */
/* Socket helpers (forkserver.h)                                            */
/* ------------------------------------------------------------------------ */

int mproc__fs_send(int fd, const void *buf, size_t n) {
  const uint8_t *p = buf;
  while (n > 0) {
    ssize_t k = MPROC__FAIL(WRITE) ? -1 : send(fd, p, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0)
      return errno == EPIPE || errno == ECONNRESET
                 ? mproc__err(MPROC_E_CLOSED, "the fork server has gone")
                 : mproc__err_os("writing to the fork server");
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

int mproc__fs_recv(int fd, void *buf, size_t n, int64_t deadline_ns) {
  uint8_t *p = buf;
  bool look = deadline_ns != MPROC__NO_DEADLINE;
  while (n > 0) {
    /* One fault per read, whichever of the two below it would hit. */
    if (MPROC__FAIL(READ))
      return mproc__err_os("reading from the fork server");
    /* What is there already is taken without a poll first. */
    if (look) {
      ssize_t k = recv(fd, p, n, MSG_DONTWAIT);
      if (k > 0) {
        p += k;
        n -= (size_t)k;
        continue;
      }
      if (k == 0 || (k < 0 && errno == ECONNRESET))
        return mproc__err(MPROC_E_CLOSED, "the fork server has gone");
    }
    if (deadline_ns != MPROC__NO_DEADLINE) {
      /* A deadline already past still looks once (a poll). */
      int64_t left = deadline_ns - mproc__now_ns();
      int64_t ms = left <= 0 ? 0 : (left + 999999) / 1000000;
      struct pollfd pfd = {fd, POLLIN, 0};
      int r = poll(&pfd, 1, ms > INT_MAX ? INT_MAX : (int)ms);
      if (r < 0 && errno != EINTR)
        return mproc__err_os("waiting for the fork server");
      if (r == 0 && left <= 0)
        return MPROC_E_TIMEOUT;
      if (r <= 0)
        continue;
    }
    ssize_t k = recv(fd, p, n, 0);
    if (k < 0 && errno == EINTR)
      continue;
    if (k == 0 || (k < 0 && errno == ECONNRESET))
      return mproc__err(MPROC_E_CLOSED, "the fork server has gone");
    if (k < 0)
      return mproc__err_os("reading from the fork server");
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

int mproc__fs_send_frame(int fd, const void *buf, size_t n) {
  uint8_t hdr[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8),
                    (uint8_t)n};
  int rc = mproc__fs_send(fd, hdr, 4);
  return rc < 0 ? rc : mproc__fs_send(fd, buf, n);
}

int mproc__fs_recv_frame(int fd, void *buf, size_t max, size_t *n,
                         int64_t deadline_ns) {
  uint8_t hdr[4];
  int rc = mproc__fs_recv(fd, hdr, 4, deadline_ns);
  if (rc < 0)
    return rc;
  uint32_t len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
                 (uint32_t)hdr[2] << 8 | hdr[3];
  if (len > max)
    return mproc__err(MPROC_E_TOOBIG,
                      "fork server handshake: a frame of "
                      "%lu bytes",
                      (unsigned long)len);
  *n = len;
  return mproc__fs_recv(fd, buf, len, deadline_ns);
}

/*
 * Writes @p head with descriptors (@p first, if it is not -1, then
 * fds[0..n)) and then @p tail: the header and the first
 * MPROC__FS_FDS_PER_MSG descriptors, a MPROC__FS_MORE byte with each next
 * MPROC__FS_FDS_PER_MSG, the tail riding with the last (the server, woken
 * by the head, finds all of the message there at once).
 */
static int fs_send_fds(int ctl, const void *head, size_t hlen, int first,
                       const int *fds, size_t n, const void *tail,
                       size_t tlen) {
  size_t nfds = n + (first >= 0);
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int) * MPROC__FS_FDS_PER_MSG)];
  } cbuf;
  uint8_t more = MPROC__FS_MORE;
  size_t done = 0;
  do {
    size_t k = nfds - done < MPROC__FS_FDS_PER_MSG ? nfds - done
                                                   : MPROC__FS_FDS_PER_MSG;
    bool last = done + k == nfds;
    struct iovec iov[2] = {{(void *)head, hlen}, {(void *)tail, tlen}};
    if (done > 0) {
      iov[0].iov_base = &more;
      iov[0].iov_len = 1;
    }
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = iov;
    m.msg_iovlen = last && tlen ? 2 : 1;
    if (k > 0) {
      memset(&cbuf, 0, sizeof cbuf);
      m.msg_control = cbuf.buf;
      m.msg_controllen = CMSG_SPACE(sizeof(int) * k);
      struct cmsghdr *c = CMSG_FIRSTHDR(&m);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN(sizeof(int) * k);
      for (size_t i = 0; i < k; i++) {
        size_t at = done + i;
        int fd = first < 0 ? fds[at] : at == 0 ? first : fds[at - 1];
        memcpy(CMSG_DATA(c) + i * sizeof fd, &fd, sizeof fd);
      }
    }
    ssize_t sent;
    while ((sent = MPROC__FAIL(WRITE) ? -1 : sendmsg(ctl, &m, MSG_NOSIGNAL)) <
               0 &&
           errno == EINTR)
      ;
    if (sent < 0)
      return errno == EPIPE || errno == ECONNRESET
                 ? mproc__err(MPROC_E_CLOSED, "the fork server has gone")
                 : mproc__err_os("sending a request to the fork server");
    /* The descriptors went with the first byte; the rest is plain. */
    size_t left = (size_t)sent;
    for (int i = 0; i < (int)m.msg_iovlen; i++) {
      size_t skip = left < iov[i].iov_len ? left : iov[i].iov_len;
      left -= skip;
      if (skip < iov[i].iov_len) {
        int rc = mproc__fs_send(ctl, (uint8_t *)iov[i].iov_base + skip,
                                iov[i].iov_len - skip);
        if (rc < 0)
          return rc;
      }
    }
    done += k;
  } while (done < nfds);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The library's own child function of this backend                         */
/* ------------------------------------------------------------------------ */

mproc_fn mproc__backend_builtin_fn(const char *name) {
  return strcmp(name, MPROC__FS_FN_NAME) == 0 ? mproc__forkserver_main : NULL;
}

const char *mproc__backend_builtin_name(mproc_fn fn) {
  return fn == mproc__forkserver_main ? MPROC__FS_FN_NAME : NULL;
}

/* ------------------------------------------------------------------------ */
/* The server, from the parent                                              */
/* ------------------------------------------------------------------------ */

/*
 * This process's server: the control channel (-1: none) and the server's
 * pid. One lock for both, held while a request is written, so that the
 * requests of several threads never interleave; the children's replies
 * come on their own sockets, read without it.
 *
 * A fork child forgets its parent's server (its copy of the channel is
 * closed at once, by an atfork handler, so that the server still sees end
 * of file when the parent ends) and starts its own on first use: a server
 * shared with the parent would make its children the parent's server's,
 * reported to nobody once the parent ends.
 */
static pthread_mutex_t fs_lock = PTHREAD_MUTEX_INITIALIZER;
/* The lock of the children's list (below). */
static pthread_mutex_t kids_lock = PTHREAD_MUTEX_INITIALIZER;
static int fs_ctl = -1;
static pid_t fs_pid = -1;
static pthread_once_t fs_once = PTHREAD_ONCE_INIT;
/* mproc_forkserver_stats(), under fs_lock: the servers started, and the
 * refusals, each learnt from the end of the server that refused (a server
 * stops after a refusal and says so in its exit status) or from the
 * server's answer to our key. */
static uint64_t fs_servers;
static uint64_t fs_refused;
/* The server's mode: its children are ours (MPROC__FS_SIBLINGS), and the
 * page its clones write their pids into, mapped (forkserver.h). */
static bool fs_siblings;
static mproc__shm_t fs_page = {NULL, 0, MPROC__INVALID_HANDLE};

static void after_fork_child(void) {
  /* One thread here, the one that forked; the lock may have been held by
   * another at the fork, so it is made anew rather than taken. */
  pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
  memcpy(&fs_lock, &fresh, sizeof fresh);
  memcpy(&kids_lock, &fresh, sizeof fresh);
  if (fs_ctl >= 0)
    close(fs_ctl);
  fs_ctl = -1;
  fs_pid = -1;
  fs_siblings = false;
  mproc__shm_close(&fs_page);
  /* The counts are the parent's; the child's servers are its own. */
  fs_servers = 0;
  fs_refused = 0;
}

static void install_atfork(void) {
  pthread_atfork(NULL, NULL, after_fork_child);
}

/* The server ended with wait status @p st: a server that stopped on a
 * request it refused says so. Under fs_lock. */
static void server_ended(int st) {
  if (WIFEXITED(st) && WEXITSTATUS(st) == MPROC__FS_EXIT_REFUSED)
    fs_refused++;
  fs_pid = -1;
}

/* Ends the server (with @p force at once, else once it saw the end of its
 * channel, or after STOP_TIMEOUT_NS) and reaps it. Under fs_lock. */
static void server_drop(bool force) {
  if (fs_ctl >= 0)
    close(fs_ctl);
  fs_ctl = -1;
  fs_siblings = false;
  mproc__shm_close(&fs_page);
  if (fs_pid <= 0)
    return;
  int st;
  if (!force) {
    int64_t deadline = mproc__now_ns() + STOP_TIMEOUT_NS;
    long ns = 50000;
    while (waitpid(fs_pid, &st, WNOHANG) == 0) {
      if (mproc__now_ns() >= deadline) {
        force = true;
        break;
      }
      struct timespec ts = {0, ns};
      nanosleep(&ts, NULL);
      if (ns < 10000000)
        ns *= 2;
    }
    if (!force) {
      server_ended(st);
      return;
    }
  }
  kill(fs_pid, SIGKILL);
  pid_t w;
  while ((w = waitpid(fs_pid, &st, 0)) < 0 && errno == EINTR)
    ;
  if (w == fs_pid)
    server_ended(st);
  else
    fs_pid = -1;
}

/* Makes the page the server's clones write their pids into, and sends it
 * (forkserver.h); the mapping stays, for the server's life. Under
 * fs_lock. */
static int send_pidpage(int ctl) {
  uint8_t tag = MPROC__FS_PIDPAGE;
  int rc = mproc__shm_create(&fs_page, sizeof(pid_t));
  if (rc == 0)
    rc = fs_send_fds(ctl, &tag, 1, (int)fs_page.h, NULL, 0, NULL, 0);
  if (rc < 0) {
    mproc__shm_close(&fs_page);
    return rc;
  }
  close((int)fs_page.h);
  fs_page.h = MPROC__INVALID_HANDLE;
  fs_siblings = true;
  return 0;
}

/* Our side of the handshake, then the server's ready message. */
static int server_greet(int ctl) {
  const uint8_t *key = mproc__authkey_get();
  int64_t deadline = mproc__now_ns() + BOOT_TIMEOUT_NS;
  uint8_t msg[MPROC__AUTH_MSG_MAX];
  mproc__auth_expect_t expect;
  uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
  size_t n, rlen = 0;
  int rc = mproc__fs_recv_frame(ctl, msg, sizeof msg, &n, deadline);
  if (rc == 0)
    rc = mproc__auth_challenge_answer(msg, n, key, MPROC_AUTHKEY_LEN, resp,
                                      &rlen);
  if (rc == 0)
    rc = mproc__fs_send_frame(ctl, resp, rlen);
  if (rc == 0)
    rc = mproc__fs_recv_frame(ctl, msg, sizeof msg, &n, deadline);
  if (rc == 0 && !mproc__auth_welcome_ok(msg, n))
    rc = mproc__err(MPROC_E_PERM, "the fork server refused the auth key");
  if (rc == 0)
    rc = mproc__auth_challenge_make(key, MPROC_AUTHKEY_LEN, NULL, msg, &expect);
  if (rc == 0)
    rc = mproc__fs_send_frame(ctl, msg, MPROC__AUTH_CHALLENGE_LEN);
  if (rc == 0)
    rc = mproc__fs_recv_frame(ctl, msg, sizeof msg, &n, deadline);
  if (rc == 0) {
    bool ok = mproc__auth_response_ok(msg, n, &expect);
    rc = mproc__fs_send_frame(
        ctl, ok ? MPROC__AUTH_WELCOME : MPROC__AUTH_FAILURE,
        ok ? sizeof MPROC__AUTH_WELCOME - 1 : sizeof MPROC__AUTH_FAILURE - 1);
    if (rc == 0 && !ok)
      rc = mproc__err(MPROC_E_PERM,
                      "the fork server does not know the auth key");
  }
  if (rc < 0)
    return rc;
  /* Ready, with its mode, or why not (a preload function failed). */
  uint8_t b;
  rc = mproc__fs_recv(ctl, &b, 1, deadline);
  if (rc == 0 && b == MPROC__BOOT_OK) {
    rc = mproc__fs_recv(ctl, &b, 1, deadline);
    if (rc == 0 && b != MPROC__FS_SIBLINGS && b != MPROC__FS_CHILDREN)
      rc = mproc__err(MPROC_E_SPAWN, "the fork server did not start");
    if (rc == 0 && b == MPROC__FS_SIBLINGS)
      rc = send_pidpage(ctl);
    return rc;
  }
  if (rc < 0)
    return rc;
  uint8_t st[4];
  char text[MPROC__BOOT_MSG_MAX];
  size_t len = 0;
  if (b != MPROC__BOOT_FAILED || mproc__fs_recv(ctl, st, 4, deadline) < 0)
    return mproc__err(MPROC_E_SPAWN, "the fork server did not start");
  while (len < sizeof text - 1 &&
         mproc__fs_recv(ctl, text + len, 1, deadline) == 0 && text[len])
    len++;
  text[len] = '\0';
  return mproc__err(MPROC_E_SPAWN, "%s", text);
}

/* Starts the server if this process has none. Under fs_lock. */
static int server_ensure(void) {
  if (fs_ctl >= 0)
    return 0;
  if (fs_pid > 0)
    server_drop(true);
  mproc_connection_t *ours = NULL, *theirs = NULL;
  int rc = mproc_pipe(&ours, &theirs, true);
  if (rc < 0)
    return rc;
  mproc_os_handle_t h;
  int ctl = -1;
  rc = mproc_connection_handle(ours, &h);
  if (rc == 0 && (ctl = fcntl((int)h, F_DUPFD_CLOEXEC, 3)) < 0)
    rc = mproc__err_os("starting the fork server");
  mproc_connection_destroy(ours);
  size_t npre;
  const char *const *pre = mproc__forkserver_preload(&npre);
  mproc_value_t *args = calloc(npre + 1, sizeof *args);
  if (rc == 0 && !args)
    rc = mproc__err(MPROC_E_NOMEM, "starting the fork server");
  mproc_process_t server;
  memset(&server, 0, sizeof server);
  if (rc == 0) {
    args[0] = mproc_obj(theirs);
    for (size_t i = 0; i < npre; i++)
      args[1 + i] = mproc_str(pre[i]);
    mproc__shm_t no_error = {NULL, 0, MPROC__INVALID_HANDLE};
    mproc__child_spec_t spec;
    memset(&spec, 0, sizeof spec);
    spec.fn_name = MPROC__FS_FN_NAME;
    spec.fn = mproc__forkserver_main;
    spec.args = args;
    spec.nargs = npre + 1;
    spec.name = "ForkServer";
    spec.identity = "";
    spec.parent_pid = mproc__getpid();
    spec.parent_name = mproc_process_name(mproc_current_process());
    spec.error = &no_error;
    server.method = MPROC_START_SPAWN;
    server.h = -1;
    rc = mproc__start_spawn(&server, &spec);
  }
  free(args);
  mproc_connection_destroy(theirs);
  if (rc < 0) {
    if (ctl >= 0)
      close(ctl);
    return mproc__err_wrap(rc, "starting the fork server: %s",
                           mproc_last_error());
  }
  fs_pid = (pid_t)server.pid;
  fs_ctl = ctl;
  fs_servers++;
  rc = server_greet(ctl);
  if (rc < 0) {
    char why[MPROC__BOOT_MSG_MAX];
    snprintf(why, sizeof why, "%s", mproc_last_error());
    /* A handshake refused, by either side, ends the server by itself (its
     * exit status counting the refusal); anything else is cut short. */
    server_drop(rc != MPROC_E_PERM);
    return mproc__err(rc == MPROC_E_TIMEOUT ? MPROC_E_SPAWN : rc,
                      "starting the fork server: %s",
                      rc == MPROC_E_TIMEOUT ? "no answer within 60 s" : why);
  }
  return 0;
}

/* Writes one request: the header and the first descriptors, the rest of
 * them, the record; @p status_fd first if it is not -1 (the child is then
 * the server's own, MPROC__FS_OWN). */
static int request(int status_fd, const struct mproc__spawn_ctx *ctx,
                   bool daemon, const uint8_t *record, size_t len) {
  size_t nfds = ctx->n + (status_fd >= 0);
  if (nfds > MPROC__FS_FDS_MAX || len > MPROC__FS_RECORD_MAX)
    return mproc__err(MPROC_E_TOOBIG,
                      "a forkserver child given %zu descriptors and a start "
                      "record of %zu bytes",
                      ctx->n, len);
  uint8_t hdr[MPROC__FS_HEADER_LEN] = {0};
  uint32_t words[3] = {MPROC__FS_MAGIC, (uint32_t)nfds, (uint32_t)len};
  for (int i = 0; i < 4; i++) {
    hdr[i] = (uint8_t)(words[0] >> (8 * i));
    hdr[8 + i] = (uint8_t)(words[1] >> (8 * i));
    hdr[12 + i] = (uint8_t)(words[2] >> (8 * i));
  }
  hdr[4] = (uint8_t)((daemon ? MPROC__FS_DAEMON : 0) |
                     (status_fd >= 0 ? MPROC__FS_OWN : 0));
  return fs_send_fds(fs_ctl, hdr, sizeof hdr, status_fd, ctx->fds, ctx->n,
                     record, len);
}

static int64_t get_le(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++)
    v |= (uint64_t)p[i] << (8 * i);
  return n == 4 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

/* Reads the child's pid and boot status from @p sock. On failure, a child
 * that is known and still booting is killed: the server reaps it. */
static int read_boot(int sock, pid_t *pid) {
  int64_t deadline = mproc__now_ns() + BOOT_TIMEOUT_NS;
  uint8_t b[MPROC__FS_EXIT_LEN];
  bool first = true;
  *pid = -1;
  for (;;) {
    int rc = mproc__fs_recv(sock, b, 1, deadline);
    if (rc == MPROC_E_TIMEOUT) {
      if (*pid > 0)
        kill(*pid, SIGKILL);
      return mproc__err(MPROC_E_SPAWN, "the child did not boot within %d s",
                        (int)(BOOT_TIMEOUT_NS / 1000000000));
    }
    /* The end before any byte: the server died before it forked (a child
     * would hold the socket), so nothing of the request ran. */
    if (rc == MPROC_E_CLOSED && *pid < 0 && first)
      return MPROC_E_CLOSED;
    if (rc < 0)
      return mproc__err(MPROC_E_SPAWN,
                        "the fork server ended while starting the child");
    first = false;
    switch (b[0]) {
    case MPROC__FORKSERVER_PID:
      if (mproc__fs_recv(sock, b + 1, 8, deadline) < 0)
        continue; /* the next read says what happened */
      *pid = (pid_t)get_le(b + 1, 8);
      continue;
    case MPROC__BOOT_OK:
      if (*pid > 0)
        return 0;
      break;
    case MPROC__BOOT_FAILED: {
      uint8_t st[4];
      char text[MPROC__BOOT_MSG_MAX];
      size_t len = 0;
      if (mproc__fs_recv(sock, st, 4, deadline) < 0)
        break;
      while (len < sizeof text - 1 &&
             mproc__fs_recv(sock, text + len, 1, deadline) == 0 && text[len])
        len++;
      text[len] = '\0';
      int status = (int)get_le(st, 4);
      if (status >= 0 || status < MPROC_E_SYS)
        status = MPROC_E_SPAWN;
      return mproc__err(status, "%s", text);
    }
    case MPROC__FS_EXIT:
      if (mproc__fs_recv(sock, b + 1, MPROC__FS_EXIT_LEN - 1, deadline) < 0)
        break;
      return mproc__err(MPROC_E_SPAWN,
                        "the child exited with code %d while booting",
                        (int)get_le(b + 9, 4));
    case MPROC__FS_FORK_FAILED:
      if (mproc__fs_recv(sock, b + 1, 4, deadline) < 0)
        break;
      mproc__err_os_code((long)get_le(b + 1, 4), "fork (in the fork server)");
      return mproc__err_wrap(MPROC_E_SPAWN, "could not start the child: %s",
                             mproc_last_error());
    default:
      break;
    }
    if (*pid > 0)
      kill(*pid, SIGKILL);
    return mproc__err(MPROC_E_SPAWN,
                      "malformed boot status from the fork server");
  }
}

/* Sends the request through this process's server, starting one if
 * needed; replaces a server found dead (killed by someone) once, as the
 * request then failed on its closed channel before any of it was taken. */
static int send_request(int status_fd, const struct mproc__spawn_ctx *ctx,
                        bool daemon, const uint8_t *record, size_t len) {
  pthread_mutex_lock(&fs_lock);
  int rc = 0;
  for (int attempt = 0; attempt < 2; attempt++) {
    rc = server_ensure();
    if (rc == 0)
      rc = request(status_fd, ctx, daemon, record, len);
    if (rc != MPROC_E_CLOSED)
      break;
    server_drop(true);
  }
  if (rc < 0 && rc != MPROC_E_TOOBIG && fs_ctl >= 0) {
    /* Part of a request may have gone out: the channel is out of step. */
    server_drop(true);
  }
  pthread_mutex_unlock(&fs_lock);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The children that joins wait for on a pidfd                              */
/* ------------------------------------------------------------------------ */

/*
 * A child with a pidfd has it as p->h (its sentinel) and its status socket
 * here; a child without has the socket as p->h and no entry. A list rather
 * than a field of the process: the common struct has one handle.
 */
typedef struct {
  const mproc_process_t *p;
  int sock;
} fs_child_t;
static fs_child_t *kids;
static size_t kids_n, kids_cap;

/* The status socket of @p p if it waits on a pidfd, else -1. */
static int kid_sock(const mproc_process_t *p) {
  int sock = -1;
  pthread_mutex_lock(&kids_lock);
  for (size_t i = 0; i < kids_n; i++)
    if (kids[i].p == p)
      sock = kids[i].sock;
  pthread_mutex_unlock(&kids_lock);
  return sock;
}

static bool kid_add(const mproc_process_t *p, int sock) {
  pthread_mutex_lock(&kids_lock);
  bool ok = true;
  if (kids_n == kids_cap) {
    size_t cap = kids_cap ? kids_cap * 2 : 16;
    fs_child_t *k = realloc(kids, cap * sizeof *k);
    if (k) {
      kids = k;
      kids_cap = cap;
    }
    ok = k != NULL;
  }
  if (ok) {
    kids[kids_n].p = p;
    kids[kids_n].sock = sock;
    kids_n++;
  }
  pthread_mutex_unlock(&kids_lock);
  return ok;
}

void mproc__forkserver_close(mproc_process_t *p) {
  int sock = -1;
  pthread_mutex_lock(&kids_lock);
  for (size_t i = 0; i < kids_n; i++) {
    if (kids[i].p == p) {
      sock = kids[i].sock;
      kids[i] = kids[--kids_n];
      break;
    }
  }
  pthread_mutex_unlock(&kids_lock);
  if (sock >= 0)
    close(sock);
}

/* A pidfd on the booted child @p pid, whose status socket is @p sock; -1
 * if there is none here, or if the server reported the child's end
 * already (then it may have reaped it, and the pid may be another's). */
static int child_pidfd(pid_t pid, int sock) {
#if defined(__linux__) && defined(SYS_pidfd_open)
  int fd = MPROC__FAIL(PIDFD_OPEN) ? -1 : (int)syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0)
    return -1;
  /* Opened before this look: no report now means none then. */
  uint8_t b[MPROC__FS_CODE_LEN + 1];
  ssize_t n = recv(sock, b, sizeof b, MSG_PEEK | MSG_DONTWAIT);
  if (n > 0 &&
      (b[0] == MPROC__FS_EXIT ||
       (n > MPROC__FS_CODE_LEN && b[MPROC__FS_CODE_LEN] == MPROC__FS_EXIT))) {
    close(fd);
    return -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
#else
  (void)pid;
  (void)sock;
  return -1;
#endif
}

/*
 * The server failed a request that went out (it ended, broke the stream or
 * did not answer): it is ended and reaped first, so that it cannot clone
 * after the look; then the page says whether its clone was made (the
 * kernel writes the pid there in the clone itself, before the server can
 * end after it): that pid is a child of ours, running. Under fs_lock.
 */
static pid_t sibling_abandon(void) {
  mproc__shm_t page = fs_page;
  fs_page.addr = NULL; /* kept from server_drop() until read */
  server_drop(true);
  pid_t made = __atomic_load_n((volatile pid_t *)page.addr, __ATOMIC_RELAXED);
  mproc__shm_close(&page);
  return made;
}

/*
 * One start through a server in sibling mode, under fs_lock: the request
 * and its answer. MPROC_E_CLOSED when nothing of it ran (the server had
 * died, or died before its clone), so that it may go to a new server.
 */
static int sibling_start(const struct mproc__spawn_ctx *ctx,
                         const mproc__child_spec_t *spec, const uint8_t *record,
                         size_t len, pid_t *pid) {
  __atomic_store_n((volatile pid_t *)fs_page.addr, 0, __ATOMIC_RELAXED);
  /* A request that failed to go out whole was not served: the server
   * reads all of it before it clones. */
  int rc = request(-1, ctx, spec->daemon, record, len);
  if (rc < 0)
    return rc;
  uint8_t a[MPROC__FS_ANSWER_LEN];
  rc = mproc__fs_recv(fs_ctl, a, sizeof a, mproc__now_ns() + BOOT_TIMEOUT_NS);
  int64_t v = rc == 0 ? get_le(a + 1, 8) : 0;
  if (rc == 0 && a[0] == MPROC__FS_STARTED && v > 0 && v <= INT_MAX) {
    *pid = (pid_t)v;
    return 0;
  }
  if (rc == 0 && a[0] == MPROC__FS_NOT_REGISTERED)
    return mproc__err(MPROC_E_NOTFOUND,
                      "function \"%s\" is not registered in the child; "
                      "register it before mproc_boot()",
                      spec->fn_name);
  if (rc == 0 && a[0] == MPROC__FS_FORK_FAILED) {
    mproc__err_os_code((long)v, "fork (in the fork server)");
    return mproc__err_wrap(MPROC_E_SPAWN, "could not start the child: %s",
                           mproc_last_error());
  }
  pid_t made = sibling_abandon();
  if (made > 0) {
    *pid = made;
    return 0;
  }
  if (rc == MPROC_E_CLOSED)
    return rc;
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_SPAWN,
                      "the fork server did not answer within %d s",
                      (int)(BOOT_TIMEOUT_NS / 1000000000));
  return rc < 0 ? rc
                : mproc__err(MPROC_E_SPAWN,
                             "malformed answer from the fork server");
}

/* Starts @p p through a server in sibling mode, if this process's server
 * is one (starting it if needed): 1 if it is not, so that the caller
 * starts the child as the server's. */
static int start_sibling(mproc_process_t *p, const mproc__child_spec_t *spec,
                         const struct mproc__spawn_ctx *ctx,
                         const uint8_t *record, size_t len) {
  pid_t pid = -1;
  int rc = 0;
  pthread_mutex_lock(&fs_lock);
  /* Twice at most: a server found dead, or dead before its clone, left
   * nothing of the request run; the second goes to a new server. */
  for (int attempt = 0; attempt < 2; attempt++) {
    rc = server_ensure();
    if (rc < 0)
      break;
    if (!fs_siblings) {
      rc = 1;
      break;
    }
    rc = sibling_start(ctx, spec, record, len, &pid);
    if (rc != MPROC_E_CLOSED)
      break;
    server_drop(true);
  }
  if (rc == MPROC_E_CLOSED)
    rc = mproc__err(MPROC_E_SPAWN,
                    "the fork server ended while starting the child");
  else if (rc < 0 && rc != MPROC_E_TOOBIG && rc != MPROC_E_NOTFOUND &&
           rc != MPROC_E_SPAWN && fs_ctl >= 0)
    server_drop(true); /* part of a request may have gone out */
  pthread_mutex_unlock(&fs_lock);
  if (rc == 0) {
    p->pid = pid;
    p->h = -1; /* the pidfd is opened when needed, as a fork child's */
    p->server_child = false;
  }
  return rc;
}

/* Whether the kernel reaps this process's children for it (SIGCHLD
 * ignored, or SA_NOCLDWAIT): a sibling would then leave nothing to join,
 * as a fork child does, where the server's own child can be followed. */
static bool kernel_reaps(void) {
  struct sigaction sa;
  return sigaction(SIGCHLD, NULL, &sa) == 0 &&
         (sa.sa_handler == SIG_IGN || (sa.sa_flags & SA_NOCLDWAIT));
}

int mproc__start_forkserver(mproc_process_t *p,
                            const mproc__child_spec_t *spec) {
  struct mproc__spawn_ctx ctx = {NULL, 0, 0};
  uint8_t *record = NULL;
  size_t len = 0;
  int sv[2] = {-1, -1};
  pid_t pid = -1;
  pthread_once(&fs_once, install_atfork);
  int rc = mproc__record_encode(&ctx, spec, &record, &len);
  if (rc == 0 && !kernel_reaps()) {
    rc = start_sibling(p, spec, &ctx, record, len);
    if (rc <= 0) {
      free(record);
      free(ctx.fds);
      return rc;
    }
    rc = 0;
  }
  /* Twice at most: a server that died (killed) after it accepted the
   * request but before it forked leaves the status socket at its end with
   * nothing of the child run; the second request goes to a new server. */
  for (int attempt = 0; rc == 0 && attempt < 2; attempt++) {
    if (MPROC__FAIL(PIPE) ||
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
      rc = mproc__err_os("creating the child's status socket");
      break;
    }
    int64_t server = mproc__forkserver_pid();
    rc = send_request(sv[1], &ctx, spec->daemon, record, len);
    close(sv[1]);
    sv[1] = -1;
    if (rc == 0)
      rc = read_boot(sv[0], &pid);
    if (rc != MPROC_E_CLOSED)
      break;
    close(sv[0]);
    sv[0] = -1;
    pthread_mutex_lock(&fs_lock);
    if (fs_ctl >= 0 && (int64_t)fs_pid == server)
      server_drop(true);
    pthread_mutex_unlock(&fs_lock);
    rc = attempt == 0 ? 0
                      : mproc__err(MPROC_E_SPAWN, "the fork server ended "
                                                  "while starting the child");
  }
  if (rc < 0) {
    if (sv[0] >= 0)
      close(sv[0]);
  } else {
    p->pid = pid;
    p->h = sv[0];
    p->server_child = true;
    int fd = child_pidfd(pid, sv[0]);
    if (fd >= 0 && kid_add(p, sv[0]))
      p->h = fd;
    else if (fd >= 0)
      close(fd);
  }
  free(record);
  free(ctx.fds);
  return rc;
}

int64_t mproc__forkserver_pid(void) {
  pthread_mutex_lock(&fs_lock);
  int64_t pid = fs_ctl >= 0 ? (int64_t)fs_pid : 0;
  pthread_mutex_unlock(&fs_lock);
  return pid;
}

bool mproc__forkserver_siblings(void) {
  pthread_mutex_lock(&fs_lock);
  bool siblings = fs_ctl >= 0 && fs_siblings;
  pthread_mutex_unlock(&fs_lock);
  return siblings;
}

bool mproc__forkserver_can_siblings(void) {
  return MPROC__FS_CAN_SIBLINGS;
}

int mproc__forkserver_channel_dup(void) {
  pthread_mutex_lock(&fs_lock);
  int fd = fs_ctl >= 0 ? fcntl(fs_ctl, F_DUPFD_CLOEXEC, 3) : -1;
  pthread_mutex_unlock(&fs_lock);
  return fd;
}

void mproc__forkserver_stop(void) {
  pthread_mutex_lock(&fs_lock);
  server_drop(false);
  pthread_mutex_unlock(&fs_lock);
}

int mproc_forkserver_stats(mproc_forkserver_stats_t *out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  pthread_mutex_lock(&fs_lock);
  /* A server that ended (refusing something) is reaped now, so that its
   * refusal counts at once; the next start starts another. */
  int st;
  if (fs_pid > 0 && waitpid(fs_pid, &st, WNOHANG) == fs_pid) {
    if (fs_ctl >= 0)
      close(fs_ctl);
    fs_ctl = -1;
    server_ended(st);
  }
  out->servers = fs_servers;
  out->refused = fs_refused;
  pthread_mutex_unlock(&fs_lock);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* A forkserver child, from the parent                                      */
/* ------------------------------------------------------------------------ */

/* Waits until @p fd is readable or the deadline passes: 0, or
 * MPROC_E_TIMEOUT. */
static int fd_wait(int fd, int64_t deadline) {
  for (;;) {
    int64_t ms = -1;
    if (deadline != MPROC__NO_DEADLINE) {
      int64_t left = deadline - mproc__now_ns();
      ms = left <= 0 ? 0 : (left + 999999) / 1000000;
      if (ms > INT_MAX)
        ms = INT_MAX;
    }
    struct pollfd pfd = {fd, POLLIN, 0};
    int r = poll(&pfd, 1, (int)ms);
    if (r < 0 && errno != EINTR)
      return mproc__err_os("waiting for the child");
    if (r > 0)
      return 0;
    if (r == 0 && ms == 0)
      return MPROC_E_TIMEOUT;
  }
}

/*
 * Reads the end of the child from its status socket @p sock: the child's
 * own code (MPROC__FS_CODE), then the server's report. With @p ended (the
 * pidfd says the child has ended) the child's code is enough; otherwise,
 * or without it, the server's report is waited for until @p deadline.
 */
static int end_read(mproc_process_t *p, int sock, bool ended,
                    int64_t deadline) {
  bool have_code = false;
  int code = 0;
  for (;;) {
    uint8_t b[MPROC__FS_EXIT_LEN];
    ssize_t n;
    if (ended && have_code) {
      p->exited = true;
      p->exitcode = code;
      return 0;
    }
    int rc = fd_wait(sock, deadline);
    if (rc < 0)
      return rc;
    while ((n = recv(sock, b, 1, MSG_DONTWAIT)) < 0 && errno == EINTR)
      ;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      continue;
    if (n == 1 && b[0] == MPROC__FS_CODE &&
        recv(sock, b + 1, MPROC__FS_CODE_LEN - 1, MSG_WAITALL) ==
            MPROC__FS_CODE_LEN - 1) {
      have_code = true;
      code = (int)get_le(b + 1, 4);
      continue;
    }
    p->exited = true;
    /* The server writes the whole report at once, after the child's last
     * byte. */
    if (n == 1 && b[0] == MPROC__FS_EXIT &&
        recv(sock, b + 1, MPROC__FS_EXIT_LEN - 1, MSG_WAITALL) ==
            MPROC__FS_EXIT_LEN - 1 &&
        get_le(b + 1, 8) == p->pid) {
      p->exitcode = (int)get_le(b + 9, 4);
    } else {
      /* The server died without telling: CPython's popen_forkserver says
       * 255 then too (unless the child told its code itself). */
      p->exitcode = have_code ? code : 255;
    }
    return 0;
  }
}

int mproc__forkserver_wait(mproc_process_t *p, int64_t deadline) {
  if (p->exited)
    return 0;
  /* Without mproc__err(): a join that succeeds leaves the caller's detail
   * message as it was (a manager reports its own failure after joining
   * its server). */
  int sock = kid_sock(p);
  if (sock < 0)
    return end_read(p, p->h, false, deadline);
  int rc = fd_wait(p->h, deadline);
  return rc < 0 ? rc : end_read(p, sock, true, deadline);
}

int mproc__forkserver_signal(mproc_process_t *p, int sig) {
  /* The server reaps the child only after it wrote the exit, so a child
   * whose exit is not there yet has its pid still. */
  if (mproc__forkserver_wait(p, 0) == 0)
    return 0;
  int signo = sig == MPROC_SIGKILL ? SIGKILL : SIGTERM;
#if defined(__linux__) && defined(SYS_pidfd_send_signal)
  if (kid_sock(p) >= 0) {
    if (syscall(SYS_pidfd_send_signal, p->h, signo, NULL, 0) < 0 &&
        errno != ESRCH)
      return mproc__err_os("signalling the child");
    return 0;
  }
#endif
  if (kill((pid_t)p->pid, signo) < 0 && errno != ESRCH)
    return mproc__err_os("signalling the child");
  return 0;
}
