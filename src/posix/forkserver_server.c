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
 * Where it can (Linux with glibc: MPROC__FS_SIBLINGS in forkserver.h) the
 * server makes each child its parent's, with clone(CLONE_PARENT), and the
 * parent follows it as a fork child: the server answers with the pid and
 * is done with it. fork() has no such flag, so the clone is made here by
 * hand, and the child is given what glibc's fork() gives a child besides
 * the copy (clone_sibling()). Linux's parent-death signal cannot keep a
 * daemon sibling (it fires when the *thread* of the parent that spawned
 * this server ends), so the server keeps a pidfd on each and kills it
 * when its channel ends: when the parent has ended.
 *
 * Elsewhere (MPROC__FS_CHILDREN) the children are the server's, and a
 * child's end reaches its parent two ways: the child writes its exit code
 * on its status socket just before _exit(), and the server, woken by
 * SIGCHLD, writes the end it sees before it reaps the child; the parent,
 * which waits on a pidfd, needs the server only for a child that ended
 * otherwise (a signal).
 *
 * The loop waits on two descriptors: the control channel (requests, and end
 * of file when the parent ended) and a self-pipe written by the SIGCHLD
 * handler. Waiting with waitpid() between requests instead would leave an
 * exit unreported while no request comes.
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
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif
#if MPROC__FS_CAN_SIBLINGS
#include <linux/futex.h> /* struct robust_list_head */
#include <sched.h>
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
  /* No signal is blocked here (as a child starts): nothing to unblock in
   * each child. */
  bool mask_empty;
  /* The channel reached its end: the parent has ended. */
  bool parent_gone;
  /* MPROC__FS_SIBLINGS mode: the page the clones write pids into, where
   * glibc keeps this thread's id and robust mutex list (clone_sibling()),
   * and a pidfd on each daemon child. */
  bool siblings;
  volatile pid_t *pidpage;
  pid_t *tid_field;
  void *robust_head;
  size_t robust_len;
  int *daemons;
  size_t nd, capd;
} fs = {.ctl = -1, .sig_r = -1, .sig_w = -1};

/* In a child of this server: its status socket (which boot leaves open)
 * and its pid, for mproc__fs_child_exiting(). */
static int exit_fd = -1;
static pid_t exit_pid;

void mproc__fs_child_exiting(int code) {
  if (exit_fd < 0 || (pid_t)mproc__getpid() != exit_pid)
    return;
  uint8_t msg[MPROC__FS_CODE_LEN];
  msg[0] = MPROC__FS_CODE;
  for (int i = 0; i < 4; i++)
    msg[1 + i] = (uint8_t)((uint32_t)(code & 0xff) >> (8 * i));
  /* A few bytes into a socket that has room (only the boot status went
   * before); an error (the parent detached) does not matter. */
  if (send(exit_fd, msg, sizeof msg, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
  }
}

void mproc__fs_child_forget(void) {
  if (exit_fd >= 0)
    close(exit_fd);
  exit_fd = -1;
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

/* Reaps every child that has exited and tells its parent how: first the
 * report, then the reap (waitid() with WNOWAIT looks without reaping), so
 * that a parent that finds no report on the status socket knows the pid is
 * still its child's (start_forkserver.c opens a pidfd on it). */
static void reap(void) {
  for (;;) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
        si.si_pid == 0)
      break;
    pid_t w = si.si_pid;
    int code = si.si_code == CLD_EXITED ? si.si_status : -si.si_status;
    for (size_t i = 0; i < fs.n; i++) {
      if (fs.kids[i].pid != w)
        continue;
      uint8_t msg[MPROC__FS_EXIT_LEN];
      msg[0] = MPROC__FS_EXIT;
      put_le(msg + 1, (uint64_t)(int64_t)w, 8);
      put_le(msg + 9, (uint32_t)code, 4);
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
    int st;
    while (waitpid(w, &st, 0) < 0 && errno == EINTR)
      ;
  }
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

/* In the forked child: from here on it is the child of the request;
 * @p status_fd is -1 for a sibling. */
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
  for (size_t i = 0; i < fs.nd; i++)
    close(fs.daemons[i]);
  fs.nd = 0;
  signal(SIGCHLD, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  if (!fs.mask_empty) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
  }
  /* A sibling daemon is the server's to kill (above). */
  if (daemon && status_fd >= 0)
    mproc__posix_daemon_child(server);
  mproc__parent_reset();
  /* A sibling's kernel parent is its real one. */
  if (status_fd >= 0)
    mproc__posix_parent_link(server);
  mproc__posix_wire_fds(fds, nfds);
  /* Boot leaves the status socket open: the exit code goes there too. */
  exit_fd = status_fd;
  exit_pid = (pid_t)mproc__getpid();
  static struct mproc__boot_chan chan;
  chan.fd = status_fd;
  chan.send_pid = status_fd >= 0;
  chan.keep_fd = true;
  /* Quick: the atexit handlers here are the server's, as a fork child's
   * are its parent's. */
  mproc__boot_record(record, len, &chan, true);
}

/* ------------------------------------------------------------------------ */
/* Siblings (MPROC__FS_SIBLINGS)                                            */
/* ------------------------------------------------------------------------ */

/*
 * Whether this server can make its children its parent's: a clone made
 * without fork() must be given by hand what glibc's fork() gives its
 * child, which needs two addresses of this (only) thread that the kernel
 * tells: where glibc keeps the thread's id (its pthread_self() state, set
 * with set_tid_address() at start-up, which PR_GET_TID_ADDRESS reads
 * back; Linux with CONFIG_CHECKPOINT_RESTORE, as distributions build it)
 * and its robust mutex list head. Daemon siblings need pidfds (Linux 5.3).
 * Without any of them the server's children are its own.
 */
static bool siblings_probe(void) {
#if MPROC__FS_CAN_SIBLINGS
  pid_t *tid = NULL;
  void *head = NULL;
  size_t len = 0;
  if (prctl(PR_GET_TID_ADDRESS, &tid, 0, 0, 0) != 0 || !tid ||
      *tid != (pid_t)syscall(SYS_gettid))
    return false;
  if (syscall(SYS_get_robust_list, 0, &head, &len) != 0 || !head ||
      len != sizeof(struct robust_list_head))
    return false;
  int fd = (int)syscall(SYS_pidfd_open, getpid(), 0);
  if (fd < 0)
    return false;
  close(fd);
  fs.tid_field = tid;
  fs.robust_head = head;
  fs.robust_len = len;
  return true;
#else
  return false;
#endif
}

/*
 * fork(), but the child is this server's sibling: its parent's child.
 * What glibc's fork() does besides the system call, and this must too:
 * - the thread id it caches (pthread_self()'s, which pthread_kill(),
 *   robust and recursive mutexes, pthread_setaffinity_np() and the like
 *   use) is the child's: CLONE_CHILD_SETTID writes it there, as glibc's
 *   own fork() does, and CLONE_CHILD_CLEARTID clears it at exit;
 * - the robust mutex list is registered again (the kernel gives a new
 *   process none); it is empty, as this server holds no mutex;
 * - atfork handlers run: this library's (its pid and thread id caches) is
 *   run here by hand; a program's own, registered in the server by preload
 *   functions, do not run (as mproc_set_forkserver_preload() documents).
 *   Nothing needs glibc's lock resets: the server has one thread, which
 *   holds no lock here.
 * CLONE_PARENT_SETTID writes the pid into the parent's page before the
 * server runs again (forkserver.h). The pointers go where each
 * architecture's clone() takes them: child_tid is the fourth argument,
 * or the fifth where the fourth is tls (ignored without CLONE_SETTLS).
 */
static pid_t clone_sibling(void) {
#if MPROC__FS_CAN_SIBLINGS
  unsigned long flags = CLONE_PARENT | CLONE_PARENT_SETTID |
                        CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD;
#if defined(__s390__) || defined(__CRIS__)
  long pid =
      syscall(SYS_clone, 0UL, flags, fs.pidpage, fs.tid_field, fs.tid_field);
#else
  long pid =
      syscall(SYS_clone, flags, 0UL, fs.pidpage, fs.tid_field, fs.tid_field);
#endif
  if (pid == 0) {
    syscall(SYS_set_robust_list, fs.robust_head, fs.robust_len);
    mproc__pid_cache_reset();
  }
  return (pid_t)pid;
#else
  errno = ENOSYS;
  return -1;
#endif
}

/* Keeps a pidfd on the daemon sibling @p pid, first dropping those of
 * daemons that have ended. Opened before the answer gives the parent the
 * pid: until then the parent cannot reap the child, so the pid is its. */
static void keep_daemon(pid_t pid) {
#if MPROC__FS_CAN_SIBLINGS
  size_t live = 0;
  for (size_t i = 0; i < fs.nd; i++) {
    struct pollfd pf = {fs.daemons[i], POLLIN, 0};
    if (poll(&pf, 1, 0) == 1)
      close(fs.daemons[i]);
    else
      fs.daemons[live++] = fs.daemons[i];
  }
  fs.nd = live;
  if (fs.nd == fs.capd) {
    size_t cap = fs.capd ? fs.capd * 2 : 16;
    int *d = realloc(fs.daemons, cap * sizeof *d);
    if (!d)
      return; /* this daemon then lives on past its parent, as a fork's */
    fs.daemons = d;
    fs.capd = cap;
  }
  int fd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0)
    fs.daemons[fs.nd++] = fd;
#else
  (void)pid;
#endif
}

/* Lets go of the daemon siblings, killing them with @p kill (the parent
 * has ended: its daemon children end with it). */
static void drop_daemons(bool kill) {
  for (size_t i = 0; i < fs.nd; i++) {
#if MPROC__FS_CAN_SIBLINGS
    if (kill &&
        syscall(SYS_pidfd_send_signal, fs.daemons[i], SIGKILL, NULL, 0) < 0) {
    }
#else
    (void)kill;
#endif
    close(fs.daemons[i]);
  }
  fs.nd = 0;
  free(fs.daemons);
  fs.daemons = NULL;
}

/* The answer to a request in sibling mode. */
static int answer(uint8_t kind, int64_t v) {
  uint8_t msg[MPROC__FS_ANSWER_LEN];
  msg[0] = kind;
  put_le(msg + 1, (uint64_t)v, 8);
  return mproc__fs_send(fs.ctl, msg, sizeof msg);
}

/* One request in sibling mode, read: checks the function, clones, answers.
 * false when the server must stop. */
static bool serve_sibling(int *fds, size_t nfds, uint8_t *record, size_t len,
                          bool daemon, pid_t self) {
  char fn[256];
  int rc = mproc__record_fn_name(record, len, fn, sizeof fn);
  if (rc == MPROC_E_DECODE) {
    fs.refused = true;
    return false;
  }
  if (rc < 0 || !mproc__registry_fn(fn))
    return answer(MPROC__FS_NOT_REGISTERED, 0) == 0;
  fflush(NULL);
  pid_t pid = clone_sibling();
  if (pid == 0)
    child(-1, fds, nfds, record, len, daemon, self);
  int err = errno;
  if (pid > 0 && daemon)
    keep_daemon(pid);
  return (pid < 0 ? answer(MPROC__FS_FORK_FAILED, err)
                  : answer(MPROC__FS_STARTED, pid)) == 0;
}

/* The parent's page for the pids (forkserver.h), mapped for good. */
static bool take_pidpage(void) {
  uint8_t tag = 0;
  int fd = -1;
  size_t have = 0;
  bool ok = true;
  struct stat st;
  if (recv_with_fds(&tag, 1, &fd, &have, 1, &ok) <= 0 || !ok || have != 1 ||
      tag != MPROC__FS_PIDPAGE || fstat(fd, &st) < 0 ||
      st.st_size < (off_t)sizeof(pid_t)) {
    if (have == 1)
      close(fd);
    fs.refused = true;
    return false;
  }
  void *page =
      mmap(NULL, sizeof(pid_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (page == MAP_FAILED)
    return false;
  /* Not in the children: a child could write a pid there. */
  (void)madvise(page, sizeof(pid_t), MADV_DONTFORK);
  fs.pidpage = page;
  return true;
}

/* Serves one request. false when the channel ended or broke: the server
 * then stops (a stream out of step cannot be trusted again). */
static bool serve(pid_t self) {
  uint8_t hdr[MPROC__FS_HEADER_LEN];
  int first[MPROC__FS_FDS_PER_MSG];
  size_t have = 0;
  bool fds_ok = true;
  int r = recv_with_fds(hdr, sizeof hdr, first, &have, MPROC__FS_FDS_PER_MSG,
                        &fds_ok);
  if (r <= 0) {
    close_fds(first, have);
    fs.parent_gone = r == 0;
    return false;
  }
  uint32_t magic = 0, nfds = 0, len = 0;
  for (int i = 0; i < 4; i++) {
    magic |= (uint32_t)hdr[i] << (8 * i);
    nfds |= (uint32_t)hdr[8 + i] << (8 * i);
    len |= (uint32_t)hdr[12 + i] << (8 * i);
  }
  bool daemon = (hdr[4] & MPROC__FS_DAEMON) != 0;
  bool sibling = fs.siblings && !(hdr[4] & MPROC__FS_OWN);
  /* A child of the server's has its status socket first. */
  uint32_t least = sibling ? 0 : 1;
  if (magic != MPROC__FS_MAGIC || nfds < least || nfds > MPROC__FS_FDS_MAX ||
      len > MPROC__FS_RECORD_MAX) {
    close_fds(first, have);
    fs.refused = true;
    return false;
  }
  if (have > nfds) {
    close_fds(first, have);
    fs.refused = true;
    return false;
  }
  int *fds = malloc(nfds ? nfds * sizeof *fds : 1);
  uint8_t *record = malloc(len ? len : 1);
  if (!fds || !record) {
    /* Nothing to tell the parent with (its status socket may be among the
     * descriptors): stopping ends every pending start with an error. */
    close_fds(first, have);
    free(fds);
    free(record);
    return false;
  }
  memcpy(fds, first, have * sizeof *fds);
  while (have < nfds) {
    size_t before = have;
    uint8_t more;
    size_t want = nfds - have < MPROC__FS_FDS_PER_MSG
                      ? nfds
                      : have + MPROC__FS_FDS_PER_MSG;
    r = recv_with_fds(&more, 1, fds, &have, want, &fds_ok);
    if (r <= 0 || more != MPROC__FS_MORE || have == before) {
      close_fds(fds, have);
      free(fds);
      free(record);
      fs.refused |= r > 0;
      return false;
    }
  }
  if (mproc__fs_recv(fs.ctl, record, len, MPROC__NO_DEADLINE) < 0 || !fds_ok) {
    close_fds(fds, have);
    free(fds);
    free(record);
    fs.refused |= !fds_ok;
    return false;
  }
  if (sibling) {
    bool ok = serve_sibling(fds, nfds, record, len, daemon, self);
    close_fds(fds, nfds);
    free(fds);
    free(record);
    return ok;
  }
  if (fs.n == fs.cap) {
    size_t cap = fs.cap ? fs.cap * 2 : 16;
    fs_kid_t *k = realloc(fs.kids, cap * sizeof *k);
    if (!k) {
      close_fds(fds, nfds);
      free(fds);
      free(record);
      return false;
    }
    fs.kids = k;
    fs.cap = cap;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    child(fds[0], fds + 1, nfds - 1, record, len, daemon, self);
  if (pid < 0) {
    uint8_t msg[5];
    msg[0] = MPROC__FS_FORK_FAILED;
    put_le(msg + 1, (uint32_t)errno, 4);
    if (send(fds[0], msg, sizeof msg, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
    }
    close(fds[0]);
  } else {
    fs.kids[fs.n].pid = pid;
    fs.kids[fs.n].status_fd = fds[0];
    fs.n++;
  }
  close_fds(fds + 1, nfds - 1);
  free(fds);
  free(record);
  return true;
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
    fs.refused = true;
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

/*
 * Calls once, before the first fork, the C library functions that children
 * call first and this server never does, with arguments that make them
 * fail at once or do nothing. Under lazy binding (the default) each
 * would otherwise be looked up anew in every child: a search of the
 * dynamic linker's symbol tables and a copy-on-write fault of the page
 * that keeps its address, some tens of microseconds per child in all.
 * The pid cache of core.c gets its atfork handler here too.
 */
static void bind_early(pid_t self) {
  sigset_t set;
  sigprocmask(SIG_SETMASK, NULL, &set);
#if defined(__linux__)
  int sig = 0;
  prctl(PR_GET_PDEATHSIG, &sig);
#endif
  (void)getppid();
  struct msghdr m;
  memset(&m, 0, sizeof m);
  if (recvmsg(-1, &m, MSG_DONTWAIT) < 0) {
  }
  if (sendmsg(-1, &m, MSG_NOSIGNAL) < 0) {
  }
  struct stat st;
  if (fstat(-1, &st) < 0) {
  }
  /* Length 0: EINVAL, nothing mapped. */
  void *none = mmap(NULL, 0, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (none != MAP_FAILED)
    munmap(none, 0);
  /* Not a child of itself: ECHILD. */
  if (waitpid(self, NULL, WNOHANG) < 0) {
  }
  (void)mproc__getpid();
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
    buf[1] = fs.siblings ? MPROC__FS_SIBLINGS : MPROC__FS_CHILDREN;
    len = 2;
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
  fs.siblings = rc == 0 && siblings_probe();
  if (ready(rc) < 0 || rc < 0)
    return 73;
  if (fs.siblings && !take_pidpage())
    return fs.refused ? MPROC__FS_EXIT_REFUSED : 73;
#if defined(__GLIBC__)
  /* After the preload functions, which may block signals. */
  sigset_t mask;
  fs.mask_empty =
      sigprocmask(SIG_SETMASK, NULL, &mask) == 0 && sigisemptyset(&mask) == 1;
#endif
  pid_t self = getpid();
  bind_early(self);
  for (;;) {
    struct pollfd pf[2] = {{fs.ctl, POLLIN, 0}, {fs.sig_r, POLLIN, 0}};
    if (poll(pf, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (pf[1].revents) {
      char drain[64];
      while (read(fs.sig_r, drain, sizeof drain) > 0)
        ;
      reap();
    }
    if (pf[0].revents && !serve(self))
      break;
  }
  /* The parent has gone (or broke the protocol). Reap what has exited;
   * children still running go on as orphans, as a fork child outlives its
   * parent, except daemons, which die with this process (their
   * PR_SET_PDEATHSIG). */
  reap();
  for (size_t i = 0; i < fs.n; i++)
    close(fs.kids[i].status_fd);
  free(fs.kids);
  /* Daemon siblings die with the parent, not with a server that stopped
   * on something it refused (the parent still runs). */
  drop_daemons(fs.parent_gone);
  return fs.refused ? MPROC__FS_EXIT_REFUSED : 0;
}
