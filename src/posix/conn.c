/*
 * POSIX connections: a socketpair (AF_UNIX, SOCK_STREAM) for both kinds of
 * Pipe; a one-way pipe shuts down the unused directions. A socket rather
 * than pipe(2) because send(MSG_NOSIGNAL) reports a closed peer as EPIPE
 * instead of raising SIGPIPE in a library caller.
 *
 * Handing a descriptor to a process that is not being spawned (a
 * Connection put in a queue or sent through another connection) works as
 * CPython's resource sharer: the sender keeps a duplicate under a random
 * key and a background thread serves it, once, over an abstract AF_UNIX
 * socket (Linux; nothing in the file system to clean up); the receiver
 * connects, sends the key and receives the descriptor by SCM_RIGHTS. The
 * sender must therefore be alive when the ticket is redeemed.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "fault.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int mproc__conn_pipe(mproc__handle_t h[2], bool duplex) {
  int sv[2];
  if (MPROC__FAIL(PIPE) ||
      socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
    return mproc__err_os("creating a pipe");
  if (!duplex) {
    /* h[0] reads, h[1] writes, as CPython's Pipe(duplex=False). */
    shutdown(sv[0], SHUT_WR);
    shutdown(sv[1], SHUT_RD);
  }
  h[0] = sv[0];
  h[1] = sv[1];
  return 0;
}

void mproc__conn_adopt(mproc__handle_t h) {
  if (h >= 0)
    fcntl(h, F_SETFD, FD_CLOEXEC);
}

int mproc__conn_write(mproc__handle_t h, const void *p, size_t n) {
  const uint8_t *b = p;
  while (n > 0) {
    ssize_t r = MPROC__FAIL(WRITE) ? -1 : send(h, b, n, MSG_NOSIGNAL);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EPIPE || errno == ECONNRESET)
        return mproc__err(MPROC_E_CLOSED, "the other end is closed");
      return mproc__err_os("writing to a connection");
    }
    b += r;
    n -= (size_t)r;
  }
  return 0;
}

int mproc__conn_read(mproc__handle_t h, void *p, size_t n) {
  uint8_t *b = p;
  while (n > 0) {
    ssize_t r = MPROC__FAIL(READ) ? -1 : recv(h, b, n, 0);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      if (errno == ECONNRESET)
        return mproc__err(MPROC_E_CLOSED, "the other end is closed");
      return mproc__err_os("reading from a connection");
    }
    if (r == 0)
      return mproc__err(MPROC_E_CLOSED, "end of file: the other end is closed");
    b += r;
    n -= (size_t)r;
  }
  return 0;
}

int mproc__conn_poll(mproc__handle_t h, int64_t deadline_ns) {
  for (;;) {
    int ms = -1;
    if (deadline_ns != MPROC__NO_DEADLINE) {
      int64_t left = deadline_ns - mproc__now_ns();
      if (left < 0)
        left = 0;
      int64_t m = (left + 999999) / 1000000;
      ms = m > 1000000 ? 1000000 : (int)m;
    }
    struct pollfd pfd = {h, POLLIN, 0};
    int r = poll(&pfd, 1, ms);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return mproc__err_os("polling a connection");
    }
    if (r > 0)
      return 1; /* data, or EOF: recv will tell */
    if (deadline_ns != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline_ns)
      return 0;
  }
}

void mproc__conn_close(mproc__handle_t h) {
  if (h >= 0)
    close(h);
}

/* ------------------------------------------------------------------------ */
/* The resource sharer                                                      */
/* ------------------------------------------------------------------------ */

#if defined(__linux__)
typedef struct shared_fd {
  struct shared_fd *next;
  uint64_t key;
  int fd;
} shared_fd_t;

static pthread_mutex_t sharer_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t sharer_pid; /* the process whose thread serves sharer_fd */
static int sharer_fd = -1;
/* Every sharer's abstract socket name starts so (see mproc__handle_import). */
#define SHARER_PREFIX "mproc-sharer-"
static char sharer_name[64];
static shared_fd_t *sharer_fds;

static void sharer_serve(int c) {
  uint64_t key = 0;
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t r = MPROC__FAIL(READ)
                    ? -1
                    : recv(c, (char *)&key + got, sizeof key - got, 0);
    if (r <= 0)
      return;
    got += (size_t)r;
  }
  int fd = -1;
  pthread_mutex_lock(&sharer_mu);
  for (shared_fd_t **pp = &sharer_fds; *pp; pp = &(*pp)->next) {
    if ((*pp)->key == key) {
      shared_fd_t *e = *pp;
      *pp = e->next;
      fd = e->fd;
      free(e);
      break;
    }
  }
  pthread_mutex_unlock(&sharer_mu);
  char byte = fd >= 0 ? 'F' : 'N';
  struct iovec iov = {&byte, 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  struct msghdr msg;
  memset(&msg, 0, sizeof msg);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (fd >= 0) {
    memset(&u, 0, sizeof u);
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
  }
  if (!MPROC__FAIL(SENDMSG))
    sendmsg(c, &msg, MSG_NOSIGNAL); /* a failure shows at the receiver */
  if (fd >= 0)
    close(fd);
}

/* The sharer of this process stops for good: the next export starts a
 * new one, and tickets of the old one fail (the listening socket is gone)
 * instead of waiting for a thread that no longer accepts. */
static void sharer_stop(int lfd) {
  pthread_mutex_lock(&sharer_mu);
  if (sharer_fd == lfd) {
    close(sharer_fd);
    sharer_fd = -1;
    sharer_pid = 0;
    while (sharer_fds) {
      shared_fd_t *e = sharer_fds;
      sharer_fds = e->next;
      close(e->fd);
      free(e);
    }
  }
  pthread_mutex_unlock(&sharer_mu);
}

static void *sharer_main(void *arg) {
  int lfd = (int)(intptr_t)arg;
  for (;;) {
    int c = MPROC__FAIL(ACCEPT) ? -1 : accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0) {
      if (errno == EINTR || errno == ECONNABORTED)
        continue;
      /* Out of descriptors or memory for a moment: the client waits in
       * the backlog while we breathe, as servers do. */
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
        continue;
      }
      /* Anything else is not going to pass: without this, the thread
       * would end while exports kept queueing behind a socket nobody
       * accepts on, and every receiver would wait for ever. */
      sharer_stop(lfd);
      return NULL;
    }
    sharer_serve(c);
    close(c);
  }
}

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  size_t n = strlen(name);
  memcpy(a->sun_path + 1, name, n); /* sun_path[0] == 0: abstract */
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

/* Starts this process's sharer if needed (also after a fork: the thread
 * did not survive it, so the child starts its own). Called locked. */
static int sharer_start(void) {
  int64_t me = mproc__getpid();
  if (sharer_pid == me)
    return 0;
  if (sharer_fd >= 0) { /* inherited through fork: not ours to serve */
    close(sharer_fd);
    sharer_fd = -1;
  }
  while (sharer_fds) {
    shared_fd_t *e = sharer_fds;
    sharer_fds = e->next;
    close(e->fd);
    free(e);
  }
  int lfd =
      MPROC__FAIL(SOCKET) ? -1 : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (lfd < 0)
    return mproc__err_os("creating the resource sharer socket");
  snprintf(sharer_name, sizeof sharer_name, SHARER_PREFIX "%lld-%llx",
           (long long)me, (unsigned long long)mproc__now_ns());
  struct sockaddr_un a;
  socklen_t alen = abstract_addr(&a, sharer_name);
  if (MPROC__FAIL(BIND) || bind(lfd, (struct sockaddr *)&a, alen) < 0 ||
      MPROC__FAIL(LISTEN) || listen(lfd, 64) < 0) {
    int rc = mproc__err_os("binding the resource sharer socket");
    close(lfd);
    return rc;
  }
  pthread_t t;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int e = MPROC__FAIL(THREAD_CREATE)
              ? errno
              : pthread_create(&t, &attr, sharer_main, (void *)(intptr_t)lfd);
  pthread_attr_destroy(&attr);
  if (e != 0) {
    close(lfd);
    return mproc__err_os_code(e, "starting the resource sharer thread");
  }
  sharer_fd = lfd;
  sharer_pid = me;
  return 0;
}

/* A fork child has only the thread that forked: if the sharer thread held
 * the mutex at that moment, the child's copy would stay locked. */
static void sharer_after_fork(void) {
  pthread_mutex_init(&sharer_mu, NULL);
}

static void sharer_install_atfork(void) {
  pthread_atfork(NULL, NULL, sharer_after_fork);
}

int mproc__handle_export(mproc__handle_t h, uint8_t *ticket, size_t *len) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  static volatile uint32_t counter;
  pthread_once(&once, sharer_install_atfork);
  int dup_fd = MPROC__FAIL(DUP) ? -1 : fcntl(h, F_DUPFD_CLOEXEC, 3);
  if (dup_fd < 0)
    return mproc__err_os("duplicating a descriptor to send");
  shared_fd_t *e = calloc(1, sizeof *e);
  if (!e) {
    close(dup_fd);
    return mproc__err(MPROC_E_NOMEM, "sharing a descriptor");
  }
  e->fd = dup_fd;
  /* Unguessable enough among cooperating processes of one user: the
   * abstract socket is reachable by any local process, and the key only
   * picks which of our exported descriptors it gets. */
  e->key = ((uint64_t)mproc__now_ns() * 0x9e3779b97f4a7c15ull) ^
           ((uint64_t)mproc__fetch_add32(&counter, 1) << 32) ^
           (uint64_t)(uintptr_t)e;
  pthread_mutex_lock(&sharer_mu);
  int rc = sharer_start();
  if (rc == 0) {
    e->next = sharer_fds;
    sharer_fds = e;
    size_t n = strlen(sharer_name);
    memcpy(ticket, &e->key, 8);
    memcpy(ticket + 8, sharer_name, n);
    *len = 8 + n;
  }
  pthread_mutex_unlock(&sharer_mu);
  if (rc < 0) {
    close(dup_fd);
    free(e);
  }
  return rc;
}

int mproc__handle_import(const uint8_t *ticket, size_t len,
                         mproc__handle_t *out) {
  *out = -1;
  if (len <= 8 || len > MPROC__TICKET_MAX)
    return mproc__err(MPROC_E_DECODE, "malformed descriptor ticket");
  char name[MPROC__TICKET_MAX];
  memcpy(name, ticket + 8, len - 8);
  name[len - 8] = '\0';
  /* The name comes from bytes anyone may have written: it must fit
   * sun_path, and it must be a sharer's, so that a forged ticket cannot
   * make us talk to some other abstract socket. */
  struct sockaddr_un a;
  if (strlen(name) != len - 8 || len - 8 > sizeof a.sun_path - 1 ||
      strncmp(name, SHARER_PREFIX, sizeof SHARER_PREFIX - 1) != 0)
    return mproc__err(MPROC_E_DECODE, "malformed descriptor ticket");
  int s =
      MPROC__FAIL(SOCKET) ? -1 : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0)
    return mproc__err_os("connecting to a resource sharer");
  socklen_t alen = abstract_addr(&a, name);
  int rc = 0;
  if (MPROC__FAIL(CONNECT) || connect(s, (struct sockaddr *)&a, alen) < 0) {
    rc = errno == ECONNREFUSED || errno == ENOENT
             ? mproc__err(MPROC_E_CLOSED,
                          "the process that sent the connection is gone")
             : mproc__err_os("connecting to a resource sharer");
    goto out;
  }
  if (MPROC__FAIL(WRITE) || send(s, ticket, 8, MSG_NOSIGNAL) != 8) {
    rc = mproc__err_os("asking a resource sharer");
    goto out;
  }
  char byte = 0;
  struct iovec iov = {&byte, 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  struct msghdr msg;
  memset(&msg, 0, sizeof msg);
  memset(&u, 0, sizeof u);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = u.buf;
  msg.msg_controllen = sizeof u.buf;
  ssize_t r;
  do
    r = MPROC__FAIL(RECVMSG) ? -1 : recvmsg(s, &msg, MSG_CMSG_CLOEXEC);
  while (r < 0 && errno == EINTR);
  struct cmsghdr *cm = r > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
  if (r <= 0 || byte != 'F' || !cm || cm->cmsg_type != SCM_RIGHTS) {
    rc = mproc__err(MPROC_E_CLOSED,
                    "the connection was already received or is gone");
    goto out;
  }
  memcpy(out, CMSG_DATA(cm), sizeof(int));
out:
  close(s);
  return rc;
}
#else
int mproc__handle_export(mproc__handle_t h, uint8_t *ticket, size_t *len) {
  (void)h;
  (void)ticket;
  (void)len;
  return mproc__err(MPROC_E_NOTSUP,
                    "sending a connection needs Linux (abstract sockets)");
}

int mproc__handle_import(const uint8_t *ticket, size_t len,
                         mproc__handle_t *out) {
  (void)ticket;
  (void)len;
  *out = -1;
  return mproc__err(MPROC_E_NOTSUP,
                    "receiving a connection needs Linux (abstract sockets)");
}
#endif

/* ------------------------------------------------------------------------ */
/* wait()                                                                   */
/* ------------------------------------------------------------------------ */

int mproc__wait_handles(const mproc__handle_t *hs, const bool *is_conn,
                        size_t n, int64_t deadline_ns) {
  (void)is_conn; /* pidfds and sockets are both readable when ready */
  struct pollfd small[16], *pfd = small;
  if (n > 16) {
    pfd = calloc(n, sizeof *pfd);
    if (!pfd)
      return mproc__err(MPROC_E_NOMEM, "waiting on %zu handles", n);
  }
  for (size_t i = 0; i < n; i++) {
    pfd[i].fd = hs[i];
    pfd[i].events = POLLIN;
    pfd[i].revents = 0;
  }
  int ms = -1;
  if (deadline_ns != MPROC__NO_DEADLINE) {
    int64_t left = deadline_ns - mproc__now_ns();
    if (left < 0)
      left = 0;
    int64_t m = (left + 999999) / 1000000;
    ms = m > 1000000 ? 1000000 : (int)m;
  }
  int rc = 0;
  if (poll(pfd, (nfds_t)n, ms) < 0 && errno != EINTR)
    rc = mproc__err_os("waiting on handles");
  if (pfd != small)
    free(pfd);
  return rc;
}

int mproc__conn_read_some(mproc__handle_t h, void *p, size_t n, size_t *got) {
  for (;;) {
    ssize_t r = MPROC__FAIL(READ) ? -1 : recv(h, p, n, 0);
    if (r > 0) {
      *got = (size_t)r;
      return 0;
    }
    if (r == 0)
      return mproc__err(MPROC_E_CLOSED, "end of file: the other end is closed");
    if (errno == EINTR)
      continue;
    if (errno == ECONNRESET)
      return mproc__err(MPROC_E_CLOSED, "the other end is closed");
    return mproc__err_os("reading from a connection");
  }
}
