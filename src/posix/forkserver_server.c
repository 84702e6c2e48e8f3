/* SPDX-License-Identifier: MIT */
/*
 * The fork server (CPython's forkserver.main()): a process spawned by the
 * parent, one thread, that forks a child per request and reports each
 * child's exit. The protocol is in forkserver.h; the parent's side in
 * start_forkserver.c.
 *
 * Why a server at all: a child forked from a process that runs threads
 * inherits every lock another thread held at the fork, held forever (an
 * allocator's, stdio's, a logging library's), and hangs at its first use.
 * The server runs no thread of its own, so its forks are always clean, and
 * forking it is cheap: it holds no more memory than a freshly started
 * program.
 *
 * The loop waits on a self-pipe written by the SIGCHLD handler (waiting
 * with waitpid() between requests instead would leave an exit unreported
 * while no request comes), and on either the warm child's socket (Linux:
 * the next child, forked ahead, reads the next request itself, see
 * warm_main()) or, without a warm child, the control channel (requests,
 * and end of file when the parent ended).
 *
 * Why a warm child: the fork was most of a start (parent, server, child:
 * the fork of the server sat between the request and the child's first
 * instruction). Forked ahead, it is paid while the parent runs or joins
 * the previous child; a start costs the parent what a fork costs it.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "auth.h"
#include "posix/forkserver.h"
#include "posix/posix.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#define WARM_CHILD 1
#endif

/* How long the parent may take over its side of the handshake. */
#define HANDSHAKE_TIMEOUT_NS ((int64_t)60 * 1000000000)

typedef struct {
  pid_t pid;
  int status_fd;
} fs_kid_t;

static struct {
  int ctl;
  int sig_r, sig_w;
  fs_kid_t *kids;
  size_t n, cap;
  /* Something on the channel was refused (a wrong answer to the
   * challenge, a malformed request, descriptors missing): logged nowhere,
   * the server stops and its exit code says so, which the parent counts
   * (mproc_forkserver_stats()). */
  bool refused;
  /* The warm child (0: none) and the server's end of its socket (-1 once
   * closed); warm_off: making one failed, requests are served here until
   * a child is reaped. */
  pid_t warm;
  int warm_sock;
  bool warm_off;
} fs = {-1, -1, -1, NULL, 0, 0, false, 0, -1, false};

static void refuse(void) {
  fs.refused = true;
}

static void on_sigchld(int sig) {
  (void)sig;
  int saved = errno;
  char c = 0;
  /* Non-blocking: a full pipe already says "reap". */
  if (write(fs.sig_w, &c, 1) < 0) {
  }
  errno = saved;
}

static void put_le(uint8_t *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void take_warm(void);

/* Reaps every child that has exited and tells its parent how. false when
 * the warm child ended without a request: the channel ended or broke. */
static bool reap(void) {
  int st;
  pid_t w;
  bool ok = true;
  /* A child that took its request and ended already is a child to report
   * once its message is read. */
  if (fs.warm_sock >= 0)
    take_warm();
  while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
    /* It may have taken its request, run and ended since the look above. */
    if (w == fs.warm && fs.warm_sock >= 0)
      take_warm();
    if (w == fs.warm) {
      /* It ended without a request: the channel ended, or broke (it
       * refused what came, and says so). */
      if (WIFEXITED(st) && WEXITSTATUS(st) == MPROC__FS_EXIT_REFUSED)
        fs.refused = true;
      fs.warm = 0;
      if (fs.warm_sock >= 0)
        close(fs.warm_sock);
      fs.warm_sock = -1;
      ok = false;
      continue;
    }
    fs.warm_off = false;
    for (size_t i = 0; i < fs.n; i++) {
      if (fs.kids[i].pid != w)
        continue;
      uint8_t msg[MPROC__FS_EXIT_LEN];
      msg[0] = MPROC__FS_EXIT;
      put_le(msg + 1, (uint64_t)(int64_t)w, 8);
      put_le(msg + 9, (uint32_t)mproc__posix_exitcode(st), 4);
      /* 13 bytes into a socket the child no longer writes to: room is
       * there unless the parent closed its end (detached the child), and
       * then the error does not matter. */
      if (send(fs.kids[i].status_fd, msg, sizeof msg,
               MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
      }
      close(fs.kids[i].status_fd);
      fs.kids[i] = fs.kids[--fs.n];
      break;
    }
  }
  return ok;
}

static void close_fds(int *fds, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (fds[i] >= 0)
      close(fds[i]);
}

/* Adds the descriptors of one SCM_RIGHTS message to fds[*have..want). */
static bool take_fds(struct msghdr *m, int *fds, size_t *have, size_t want) {
  bool ok = !(m->msg_flags & MSG_CTRUNC);
  for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
      continue;
    size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    const unsigned char *data = CMSG_DATA(c);
    for (size_t i = 0; i < k; i++) {
      int fd;
      memcpy(&fd, data + i * sizeof fd, sizeof fd);
      if (*have < want)
        fds[(*have)++] = fd;
      else {
        close(fd);
        ok = false;
      }
    }
  }
  return ok;
}

/* One recvmsg of exactly @p len bytes (a header or a MORE byte) with up to
 * MPROC__FS_FDS_PER_MSG descriptors. 1 done, 0 end of file, -1 error. */
static int recv_with_fds(void *buf, size_t len, int *fds, size_t *have,
                         size_t want, bool *fds_ok) {
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int) * MPROC__FS_FDS_PER_MSG)];
  } cbuf;
  size_t got = 0;
  while (got < len) {
    struct iovec iov = {(char *)buf + got, len - got};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf.buf;
    m.msg_controllen = sizeof cbuf.buf;
    ssize_t n = recvmsg(fs.ctl, &m, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return n == 0 ? 0 : -1;
    if (!take_fds(&m, fds, have, want))
      *fds_ok = false;
    got += (size_t)n;
  }
  return 1;
}

/* In the forked child: from here on it is the child of the request. */
static void child(int status_fd, int *fds, size_t nfds, uint8_t *record,
                  size_t len, bool daemon, pid_t server) {
  /* The server's own descriptors and the other children's sockets: the
   * child of a fork start would not have them either. */
  close(fs.ctl);
  close(fs.sig_r);
  close(fs.sig_w);
  for (size_t i = 0; i < fs.n; i++)
    close(fs.kids[i].status_fd);
  fs.n = 0;
  signal(SIGCHLD, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (daemon)
    mproc__posix_daemon_child(server);
  mproc__parent_reset();
  mproc__posix_parent_link(server);
  mproc__posix_wire_fds(fds, nfds);
  static struct mproc__boot_chan chan;
  chan.fd = status_fd;
  chan.send_pid = true;
  /* Quick: the atexit handlers here are the server's, as a fork child's
   * are its parent's. */
  mproc__boot_record(record, len, &chan, true);
}

/* One request as read from the channel. */
typedef struct {
  int *fds; /* the status socket, then the record's */
  size_t nfds;
  uint8_t *record;
  size_t len;
  bool daemon;
} fs_request_t;

static void request_free(fs_request_t *q) {
  free(q->fds);
  free(q->record);
}

/* Reads one request: 1, or 0 when the channel ended, broke or carried
 * something else (counted as refused), or memory ran out. Then the caller
 * stops reading the channel: a stream out of step cannot be trusted again. */
static int read_request(fs_request_t *q) {
  uint8_t hdr[MPROC__FS_HEADER_LEN];
  int first[MPROC__FS_FDS_PER_MSG];
  size_t have = 0;
  bool fds_ok = true;
  memset(q, 0, sizeof *q);
  int r = recv_with_fds(hdr, sizeof hdr, first, &have, MPROC__FS_FDS_PER_MSG,
                        &fds_ok);
  if (r <= 0) {
    close_fds(first, have);
    return 0;
  }
  uint32_t magic = 0, nfds = 0, len = 0;
  for (int i = 0; i < 4; i++) {
    magic |= (uint32_t)hdr[i] << (8 * i);
    nfds |= (uint32_t)hdr[8 + i] << (8 * i);
    len |= (uint32_t)hdr[12 + i] << (8 * i);
  }
  q->daemon = (hdr[4] & MPROC__FS_DAEMON) != 0;
  if (magic != MPROC__FS_MAGIC || nfds < 1 || nfds > MPROC__FS_FDS_MAX ||
      len > MPROC__FS_RECORD_MAX || have > nfds) {
    close_fds(first, have);
    refuse();
    return 0;
  }
  q->fds = malloc(nfds * sizeof *q->fds);
  q->record = malloc(len ? len : 1);
  if (!q->fds || !q->record) {
    /* Nothing to tell the parent with (its status socket may be among the
     * descriptors): stopping ends every pending start with an error. */
    close_fds(first, have);
    request_free(q);
    return 0;
  }
  memcpy(q->fds, first, have * sizeof *q->fds);
  while (have < nfds) {
    size_t before = have;
    uint8_t more;
    size_t want = nfds - have < MPROC__FS_FDS_PER_MSG
                      ? nfds
                      : have + MPROC__FS_FDS_PER_MSG;
    r = recv_with_fds(&more, 1, q->fds, &have, want, &fds_ok);
    if (r <= 0 || more != MPROC__FS_MORE || have == before) {
      close_fds(q->fds, have);
      request_free(q);
      if (r > 0)
        refuse();
      return 0;
    }
  }
  if (mproc__fs_recv(fs.ctl, q->record, len, MPROC__NO_DEADLINE) < 0 ||
      !fds_ok) {
    close_fds(q->fds, have);
    request_free(q);
    if (!fds_ok)
      refuse();
    return 0;
  }
  q->nfds = nfds;
  q->len = len;
  return 1;
}

/* Room for one more child in fs.kids. */
static bool kids_room(void) {
  if (fs.n < fs.cap)
    return true;
  size_t cap = fs.cap ? fs.cap * 2 : 16;
  fs_kid_t *k = realloc(fs.kids, cap * sizeof *k);
  if (!k)
    return false;
  fs.kids = k;
  fs.cap = cap;
  return true;
}

/* Serves one request itself (no warm child): reads it and forks its child.
 * false when the channel ended or broke: the server then stops. */
static bool serve(pid_t self) {
  fs_request_t q;
  if (!read_request(&q))
    return false;
  if (!kids_room()) {
    close_fds(q.fds, q.nfds);
    request_free(&q);
    return false;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    child(q.fds[0], q.fds + 1, q.nfds - 1, q.record, q.len, q.daemon, self);
  if (pid < 0) {
    uint8_t msg[5];
    msg[0] = MPROC__FS_FORK_FAILED;
    put_le(msg + 1, (uint32_t)errno, 4);
    if (send(q.fds[0], msg, sizeof msg, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
    }
    close(q.fds[0]);
  } else {
    fs.kids[fs.n].pid = pid;
    fs.kids[fs.n].status_fd = q.fds[0];
    fs.n++;
  }
  close_fds(q.fds + 1, q.nfds - 1);
  request_free(&q);
  return true;
}

/*
 * The warm child: forked ahead of the next request, it reads that request
 * from the channel itself, so that a start waits for no fork. Only one
 * process reads the channel at a time: the warm child while there is one,
 * else the server (serve()). Once the warm child has read a whole request
 * it hands the server the request's status socket (one byte, SCM_RIGHTS),
 * for the exit report, and becomes the request's child; the server then
 * forks the next warm child. It has been a child of the server since its
 * fork, so its pid, exit, signals and daemon handling are those of any
 * forkserver child. Until it has a request it dies with the server
 * (PR_SET_PDEATHSIG), so a killed server leaves no reader behind on the
 * parent's channel; it ends on its own when the channel ends (the parent
 * ended), and the server, seeing it end without a request, ends too.
 */
#define WARM_TAKEN 'T'

#if defined(WARM_CHILD)
static void warm_main(int sock, pid_t server) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != server) /* the server died before prctl */
    _exit(0);
  /* The other children's status sockets: held here, they would keep a
   * socket open past the server's death, which is how the parent learns
   * of it. */
  for (size_t i = 0; i < fs.n; i++)
    close(fs.kids[i].status_fd);
  fs.n = 0;
  fs_request_t q;
  if (!read_request(&q))
    _exit(fs.refused ? MPROC__FS_EXIT_REFUSED : 0);
  char b = WARM_TAKEN;
  struct iovec iov = {&b, 1};
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int))];
  } cbuf;
  memset(&cbuf, 0, sizeof cbuf);
  struct msghdr m;
  memset(&m, 0, sizeof m);
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = cbuf.buf;
  m.msg_controllen = sizeof cbuf.buf;
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &q.fds[0], sizeof(int));
  ssize_t n;
  while ((n = sendmsg(sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
    ;
  /* The server's answer: it holds the status socket now, and will report
   * the exit. Without it (the server died, killed) nobody would: the
   * request is not run, and the parent, seeing the status socket end with
   * nothing on it, tries a new server. */
  char ack = 0;
  if (n == 1)
    while ((n = recv(sock, &ack, 1, 0)) < 0 && errno == EINTR)
      ;
  if (n != 1 || ack != WARM_TAKEN)
    _exit(0);
  close(sock);
  /* From here on the request's child, which outlives the server as any
   * other (a daemon sets its own death signal in child()). */
  prctl(PR_SET_PDEATHSIG, 0);
  child(q.fds[0], q.fds + 1, q.nfds - 1, q.record, q.len, q.daemon, server);
}
#endif

/* Forks the next warm child; on failure requests are served here. */
static void make_warm(pid_t self) {
#if defined(WARM_CHILD)
  int sp[2];
  /* Room for it in fs.kids first: once it has a request it must be
   * recorded. */
  if (!kids_room() ||
      socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
    fs.warm_off = true;
    return;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(sp[0]);
    warm_main(sp[1], self);
  }
  close(sp[1]);
  if (pid < 0) {
    close(sp[0]);
    fs.warm_off = true;
    return;
  }
  fs.warm = pid;
  fs.warm_sock = sp[0];
#else
  (void)self;
  fs.warm_off = true;
#endif
}

/* Reads the warm child's message if it is there: the warm child has become
 * the child of a request, whose status socket it gave. */
static void take_warm(void) {
  char b = 0;
  struct iovec iov = {&b, 1};
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int))];
  } cbuf;
  struct msghdr m;
  memset(&m, 0, sizeof m);
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = cbuf.buf;
  m.msg_controllen = sizeof cbuf.buf;
  ssize_t n;
  while ((n = recvmsg(fs.warm_sock, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)) < 0 &&
         errno == EINTR)
    ;
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    return;
  int fd = -1;
  size_t have = 0;
  bool fds_ok = n == 1 && b == WARM_TAKEN && take_fds(&m, &fd, &have, 1);
  int sock = fs.warm_sock;
  fs.warm_sock = -1;
  if (!fds_ok || have != 1) {
    /* It ended without a request (reap() sees it), or sent nonsense: no
     * answer, so it does not run the request. */
    if (have == 1)
      close(fd);
    close(sock);
    return;
  }
  /* kids_room() made room before its fork. */
  fs.kids[fs.n].pid = fs.warm;
  fs.kids[fs.n].status_fd = fd;
  fs.n++;
  fs.warm = 0;
  if (send(sock, &b, 1, MSG_NOSIGNAL) < 0) {
    /* It died since: its exit is reported as any other. */
  }
  close(sock);
}

/* The handshake: the parent proves it knows the key, then the server. */
static int handshake(void) {
  const uint8_t *key = mproc__authkey_get();
  if (!key)
    return mproc__err(MPROC_E_PERM, "fork server: no auth key");
  int64_t deadline = mproc__now_ns() + HANDSHAKE_TIMEOUT_NS;
  uint8_t msg[MPROC__AUTH_MSG_MAX];
  mproc__auth_expect_t expect;
  size_t n, rlen = 0;
  int rc =
      mproc__auth_challenge_make(key, MPROC_AUTHKEY_LEN, NULL, msg, &expect);
  if (rc == 0)
    rc = mproc__fs_send_frame(fs.ctl, msg, MPROC__AUTH_CHALLENGE_LEN);
  if (rc == 0)
    rc = mproc__fs_recv_frame(fs.ctl, msg, sizeof msg, &n, deadline);
  if (rc < 0)
    return rc;
  if (!mproc__auth_response_ok(msg, n, &expect)) {
    refuse();
    mproc__fs_send_frame(fs.ctl, MPROC__AUTH_FAILURE,
                         sizeof MPROC__AUTH_FAILURE - 1);
    return mproc__err(MPROC_E_PERM, "fork server: the parent's answer is "
                                    "wrong");
  }
  rc = mproc__fs_send_frame(fs.ctl, MPROC__AUTH_WELCOME,
                            sizeof MPROC__AUTH_WELCOME - 1);
  if (rc == 0)
    rc = mproc__fs_recv_frame(fs.ctl, msg, sizeof msg, &n, deadline);
  uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
  if (rc == 0)
    rc = mproc__auth_challenge_answer(msg, n, key, MPROC_AUTHKEY_LEN, resp,
                                      &rlen);
  if (rc == 0)
    rc = mproc__fs_send_frame(fs.ctl, resp, rlen);
  if (rc == 0)
    rc = mproc__fs_recv_frame(fs.ctl, msg, sizeof msg, &n, deadline);
  if (rc == 0 && !mproc__auth_welcome_ok(msg, n))
    rc = mproc__err(MPROC_E_PERM, "fork server: refused by the parent");
  return rc;
}

/* Runs the preload functions; 0, or the first failure. */
static int preload(const mproc_value_t *args, size_t nargs) {
  for (size_t i = 0; i < nargs; i++) {
    const char *name;
    if (mproc_value_as_str(&args[i], &name) < 0)
      return mproc__err(MPROC_E_INVAL,
                        "fork server: preload name %zu is not "
                        "a str",
                        i);
    mproc_fn fn = mproc__registry_fn(name);
    if (!fn)
      return mproc__err(MPROC_E_NOTFOUND,
                        "forkserver preload: function \"%s\" is not "
                        "registered; register it before mproc_boot()",
                        name);
    int code = fn(NULL, 0);
    if (code != 0)
      return mproc__err(MPROC_E_SPAWN,
                        "forkserver preload: function \"%s\" returned %d", name,
                        code);
  }
  return 0;
}

static int ready(int rc) {
  uint8_t buf[1 + 4 + MPROC__BOOT_MSG_MAX];
  size_t len = 1;
  if (rc == 0) {
    buf[0] = MPROC__BOOT_OK;
  } else {
    buf[0] = MPROC__BOOT_FAILED;
    put_le(buf + 1, (uint32_t)rc, 4);
    const char *msg = mproc_last_error();
    size_t m = strlen(msg);
    if (m > MPROC__BOOT_MSG_MAX - 1)
      m = MPROC__BOOT_MSG_MAX - 1;
    memcpy(buf + 5, msg, m);
    buf[5 + m] = 0;
    len = 5 + m + 1;
  }
  return mproc__fs_send(fs.ctl, buf, len);
}

int mproc__forkserver_main(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *conn;
  mproc_os_handle_t h;
  if (nargs < 1 || mproc_value_as_connection(&args[0], &conn) < 0 ||
      mproc_connection_handle(conn, &h) < 0)
    return 70;
  fs.ctl = (int)h;
  /* Ctrl-C in a terminal reaches the whole process group: the parent
   * decides, as CPython's server ignores SIGINT too. */
  signal(SIGINT, SIG_IGN);
  int sp[2];
  if (pipe2(sp, O_CLOEXEC | O_NONBLOCK) < 0)
    return 71;
  fs.sig_r = sp[0];
  fs.sig_w = sp[1];
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigchld;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGCHLD, &sa, NULL) < 0)
    return 71;
  if (handshake() < 0)
    return fs.refused ? MPROC__FS_EXIT_REFUSED : 72;
  int rc = preload(args + 1, nargs - 1);
  if (ready(rc) < 0 || rc < 0)
    return 73;
  pid_t self = getpid();
  for (;;) {
    if (fs.warm == 0 && !fs.warm_off)
      make_warm(self);
    /* The channel is the warm child's to read while there is one. */
    struct pollfd pf[3] = {{fs.warm ? -1 : fs.ctl, POLLIN, 0},
                           {fs.sig_r, POLLIN, 0},
                           {fs.warm_sock, POLLIN, 0}};
    if (poll(pf, 3, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (pf[2].revents && fs.warm_sock >= 0)
      take_warm();
    if (pf[1].revents) {
      char drain[64];
      while (read(fs.sig_r, drain, sizeof drain) > 0)
        ;
      if (!reap())
        break;
    }
    if (pf[0].revents && !serve(self))
      break;
  }
  /* The parent has gone (or broke the protocol). Reap what has exited;
   * children still running go on as orphans, as a fork child outlives its
   * parent, except daemons, which die with this process (their
   * PR_SET_PDEATHSIG). A warm child still waiting goes now; one that
   * took a request is a child like the others. */
  if (fs.warm_sock >= 0)
    take_warm();
  if (fs.warm > 0) {
    kill(fs.warm, SIGKILL);
    while (waitpid(fs.warm, NULL, 0) < 0 && errno == EINTR)
      ;
    fs.warm = 0;
  }
  if (fs.warm_sock >= 0)
    close(fs.warm_sock);
  reap();
  for (size_t i = 0; i < fs.n; i++)
    close(fs.kids[i].status_fd);
  free(fs.kids);
  return fs.refused ? MPROC__FS_EXIT_REFUSED : 0;
}
