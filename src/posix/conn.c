/* SPDX-License-Identifier: MIT */
/*
 * POSIX connections: a socketpair (AF_UNIX, SOCK_STREAM) for both kinds of
 * Pipe; a one-way pipe shuts down the unused directions. A socket rather
 * than pipe(2) because send(MSG_NOSIGNAL) reports a closed peer as EPIPE
 * instead of raising SIGPIPE in a library caller.
 *
 * Handing a descriptor to a process that is not being spawned (a
 * Connection put in a queue or sent through another connection) works as
 * CPython's resource sharer: the sender keeps a duplicate under random
 * secrets and a background thread serves it, once, over an abstract
 * AF_UNIX socket (Linux; nothing in the file system to clean up); the
 * receiver connects, proves it holds the secret and receives the
 * descriptor by SCM_RIGHTS (see "The sharer's protocol" below). The sender
 * must therefore be alive when the ticket is redeemed.
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
/*
 * The sharer's protocol. A ticket is two independent 128-bit secrets from
 * the OS's random source and the sharer's abstract socket name:
 *     ticket := client_secret[16] server_secret[16] name
 * The receiver connects, checks that the socket's owner runs as its own
 * user (SO_PEERCRED), and sends client_secret; the sharer checks that the
 * receiver runs as its user too, looks the transfer up by client_secret
 * and answers 'F' server_secret with the descriptor (SCM_RIGHTS), or 'N'.
 * The receiver keeps the descriptor only if server_secret matches: a
 * process that made up a socket name (in bytes handed to mproc_decode())
 * gets nothing accepted unless it holds the transfer's secret and runs as
 * the same user.
 *
 * Abstract sockets have no permissions, so anyone on the machine can
 * connect: the sharer serves every client from one poll() loop, each with
 * a deadline for its 16 bytes, and drops the oldest pending client when
 * MAX_PENDING are waiting, so a stalled or hostile client costs one
 * descriptor for at most SHARER_TIMEOUT_MS and never blocks a transfer.
 * The receiver bounds each of its steps by the same timeout.
 *
 * Why not the previous single-threaded accept-read-reply loop: one client
 * that connected and sent nothing held it for ever, and with it every
 * receiver of this process's connections (their queue gets with a timeout
 * included). Why not an HMAC challenge as the manager's: the two secrets
 * prove the same without loading libcrypto into every program that sends
 * a connection.
 */
#define SECRET_LEN 16
#define SHARER_TIMEOUT_MS 2000
#define MAX_PENDING 64

typedef struct shared_fd {
  struct shared_fd *next;
  uint8_t client_secret[SECRET_LEN];
  uint8_t server_secret[SECRET_LEN];
  int fd;
} shared_fd_t;

static pthread_mutex_t sharer_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t sharer_pid; /* the process whose thread serves sharer_fd */
static int sharer_fd = -1;
/* Every sharer's abstract socket name starts so (see mproc__handle_import). */
#define SHARER_PREFIX "mproc-sharer-"
static char sharer_name[64];
static shared_fd_t *sharer_fds;

static bool same_secret(const uint8_t *a, const uint8_t *b) {
  uint8_t d = 0; /* constant time: no early exit on the first difference */
  for (size_t i = 0; i < SECRET_LEN; i++)
    d |= (uint8_t)(a[i] ^ b[i]);
  return d == 0;
}

/* Whether the peer of the connected socket @p s runs as our user. */
static bool peer_is_us(int s) {
  struct ucred cr;
  socklen_t len = sizeof cr;
  return getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 &&
         len == sizeof cr && cr.uid == geteuid();
}

/* Takes the transfer whose client secret is @p key out of the list. */
static shared_fd_t *sharer_take(const uint8_t key[SECRET_LEN]) {
  shared_fd_t *found = NULL;
  pthread_mutex_lock(&sharer_mu);
  for (shared_fd_t **pp = &sharer_fds; *pp; pp = &(*pp)->next) {
    if (same_secret((*pp)->client_secret, key)) {
      found = *pp;
      *pp = found->next;
      break;
    }
  }
  pthread_mutex_unlock(&sharer_mu);
  return found;
}

/* Answers a client that sent @p key: 'F' and the server secret with the
 * descriptor, or 'N'. A transfer whose answer could not be sent goes back
 * to the list, for a receiver that asks again. */
static void sharer_answer(int c, const uint8_t key[SECRET_LEN]) {
  shared_fd_t *e = sharer_take(key);
  uint8_t reply[1 + SECRET_LEN];
  size_t rlen = 1;
  reply[0] = 'N';
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  struct iovec iov = {reply, 0};
  struct msghdr msg;
  memset(&msg, 0, sizeof msg);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (e) {
    reply[0] = 'F';
    memcpy(reply + 1, e->server_secret, SECRET_LEN);
    rlen += SECRET_LEN;
    memset(&u, 0, sizeof u);
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &e->fd, sizeof e->fd);
  }
  iov.iov_len = rlen;
  /* A fresh socket's buffer takes these 17 bytes at once: the send never
   * waits, even on a client that reads nothing. */
  ssize_t r =
      MPROC__FAIL(SENDMSG) ? -1 : sendmsg(c, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (!e)
    return;
  if (r == (ssize_t)rlen) {
    close(e->fd);
    free(e);
    return;
  }
  pthread_mutex_lock(&sharer_mu);
  e->next = sharer_fds;
  sharer_fds = e;
  pthread_mutex_unlock(&sharer_mu);
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

/* A client still sending its secret. */
typedef struct pending {
  int fd;
  int64_t deadline;
  size_t got;
  uint8_t key[SECRET_LEN];
} pending_t;

static void pending_drop(pending_t *p, size_t *n, size_t i) {
  close(p[i].fd);
  p[i] = p[--*n];
}

/* Accepts one client into @p p; false when the listening socket failed
 * for good. The oldest pending client makes room for a newcomer. */
static bool sharer_accept(int lfd, pending_t *p, size_t *n) {
  int c = MPROC__FAIL(ACCEPT)
              ? -1
              : accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (c < 0) {
    if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN)
      return true;
    /* Out of descriptors or memory for a moment: the client waits in
     * the backlog while we breathe, as servers do. */
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
        errno == ENOMEM) {
      struct timespec ts = {0, 10000000};
      nanosleep(&ts, NULL);
      return true;
    }
    /* Anything else is not going to pass: without this, the thread
     * would end while exports kept queueing behind a socket nobody
     * accepts on, and every receiver would wait for ever. */
    return false;
  }
  if (!peer_is_us(c)) {
    close(c);
    return true;
  }
  if (*n == MAX_PENDING) {
    size_t oldest = 0;
    for (size_t i = 1; i < *n; i++)
      if (p[i].deadline < p[oldest].deadline)
        oldest = i;
    pending_drop(p, n, oldest);
  }
  p[*n].fd = c;
  p[*n].deadline = mproc__now_ns() + (int64_t)SHARER_TIMEOUT_MS * 1000000;
  p[*n].got = 0;
  (*n)++;
  return true;
}

/* Reads what client @p i sent; answers and drops it once its secret is in,
 * or drops it at the end of its stream or on an error. */
static void sharer_read(pending_t *p, size_t *n, size_t i) {
  ssize_t r = MPROC__FAIL(READ) ? -1
                                : recv(p[i].fd, p[i].key + p[i].got,
                                       SECRET_LEN - p[i].got, MSG_DONTWAIT);
  if (r < 0 && (errno == EINTR || errno == EAGAIN))
    return;
  if (r <= 0) {
    pending_drop(p, n, i);
    return;
  }
  p[i].got += (size_t)r;
  if (p[i].got == SECRET_LEN) {
    sharer_answer(p[i].fd, p[i].key);
    pending_drop(p, n, i);
  }
}

static void *sharer_main(void *arg) {
  int lfd = (int)(intptr_t)arg;
  pending_t p[MAX_PENDING];
  struct pollfd pfd[MAX_PENDING + 1];
  size_t n = 0;
  for (;;) {
    int64_t now = mproc__now_ns(), next = -1;
    for (size_t i = 0; i < n;) {
      if (p[i].deadline <= now) {
        pending_drop(p, &n, i);
        continue;
      }
      if (next < 0 || p[i].deadline < next)
        next = p[i].deadline;
      i++;
    }
    pfd[0].fd = lfd;
    pfd[0].events = POLLIN;
    pfd[0].revents = 0;
    for (size_t i = 0; i < n; i++) {
      pfd[i + 1].fd = p[i].fd;
      pfd[i + 1].events = POLLIN;
      pfd[i + 1].revents = 0;
    }
    int ms = next < 0 ? -1 : (int)((next - now + 999999) / 1000000);
    int r = poll(pfd, (nfds_t)(n + 1), ms);
    if (r < 0 && errno != EINTR) {
      sharer_stop(lfd);
      break;
    }
    if (r <= 0)
      continue;
    /* Clients first, from the last: a drop moves the last into the slot,
     * which has been looked at already. */
    for (size_t i = n; i-- > 0;)
      if (pfd[i + 1].revents)
        sharer_read(p, &n, i);
    if (pfd[0].revents && !sharer_accept(lfd, p, &n)) {
      sharer_stop(lfd);
      break;
    }
  }
  while (n > 0)
    pending_drop(p, &n, n - 1);
  return NULL;
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
      MPROC__FAIL(SOCKET)
          ? -1
          : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
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
  pthread_once(&once, sharer_install_atfork);
  shared_fd_t *e = calloc(1, sizeof *e);
  if (!e)
    return mproc__err(MPROC_E_NOMEM, "sharing a descriptor");
  int rc = mproc__random_bytes(e->client_secret, sizeof e->client_secret);
  if (rc == 0)
    rc = mproc__random_bytes(e->server_secret, sizeof e->server_secret);
  if (rc < 0) {
    free(e);
    return rc;
  }
  e->fd = MPROC__FAIL(DUP) ? -1 : fcntl(h, F_DUPFD_CLOEXEC, 3);
  if (e->fd < 0) {
    rc = mproc__err_os("duplicating a descriptor to send");
    free(e);
    return rc;
  }
  pthread_mutex_lock(&sharer_mu);
  rc = sharer_start();
  if (rc == 0) {
    e->next = sharer_fds;
    sharer_fds = e;
    size_t n = strlen(sharer_name);
    memcpy(ticket, e->client_secret, SECRET_LEN);
    memcpy(ticket + SECRET_LEN, e->server_secret, SECRET_LEN);
    memcpy(ticket + 2 * SECRET_LEN, sharer_name, n);
    *len = 2 * SECRET_LEN + n;
  }
  pthread_mutex_unlock(&sharer_mu);
  if (rc < 0) {
    close(e->fd);
    free(e);
  }
  return rc;
}

/* Waits until @p s is ready for @p events or @p deadline passes
 * (MPROC_E_TIMEOUT, with a message naming the step). */
static int sharer_wait(int s, short events, int64_t deadline,
                       const char *step) {
  for (;;) {
    int64_t left = deadline - mproc__now_ns();
    if (left <= 0)
      return mproc__err(MPROC_E_TIMEOUT,
                        "the process that sent the connection did not "
                        "answer within %d ms (%s)",
                        SHARER_TIMEOUT_MS, step);
    struct pollfd pfd = {s, events, 0};
    int r = poll(&pfd, 1, (int)((left + 999999) / 1000000));
    if (r > 0)
      return 0;
    if (r < 0 && errno != EINTR)
      return mproc__err_os("waiting for a resource sharer");
  }
}

/* Connects to the abstract socket @p name, waiting (bounded) while its
 * backlog is full. */
static int sharer_connect(int s, const char *name, int64_t deadline) {
  struct sockaddr_un a;
  socklen_t alen = abstract_addr(&a, name);
  for (;;) {
    if (!MPROC__FAIL(CONNECT) && connect(s, (struct sockaddr *)&a, alen) == 0)
      return 0;
    if (errno == EINTR)
      continue;
    if (errno == ECONNREFUSED || errno == ENOENT)
      return mproc__err(MPROC_E_CLOSED,
                        "the process that sent the connection is gone");
    if (errno != EAGAIN || mproc__now_ns() >= deadline)
      return errno == EAGAIN ? sharer_wait(s, POLLOUT, deadline, "connect")
                             : mproc__err_os("connecting to a resource "
                                             "sharer");
    /* A full backlog: AF_UNIX has no connect in progress to poll for. */
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
}

int mproc__handle_import(const uint8_t *ticket, size_t len,
                         mproc__handle_t *out) {
  *out = -1;
  if (len <= 2 * SECRET_LEN || len > MPROC__TICKET_MAX)
    return mproc__err(MPROC_E_DECODE, "malformed descriptor ticket");
  char name[MPROC__TICKET_MAX];
  size_t nlen = len - 2 * SECRET_LEN;
  memcpy(name, ticket + 2 * SECRET_LEN, nlen);
  name[nlen] = '\0';
  /* The name comes from bytes anyone may have written: it must fit
   * sun_path, and it must be a sharer's, so that a forged ticket cannot
   * make us talk to some other abstract socket. */
  struct sockaddr_un a;
  if (strlen(name) != nlen || nlen > sizeof a.sun_path - 1 ||
      strncmp(name, SHARER_PREFIX, sizeof SHARER_PREFIX - 1) != 0)
    return mproc__err(MPROC_E_DECODE, "malformed descriptor ticket");
  int64_t deadline = mproc__now_ns() + (int64_t)SHARER_TIMEOUT_MS * 1000000;
  int s = MPROC__FAIL(SOCKET)
              ? -1
              : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (s < 0)
    return mproc__err_os("connecting to a resource sharer");
  int got_fd = -1;
  int rc = sharer_connect(s, name, deadline);
  if (rc < 0)
    goto out;
  if (!peer_is_us(s)) {
    rc = mproc__err(MPROC_E_PERM,
                    "the socket named in the connection's ticket belongs to "
                    "another user");
    goto out;
  }
  /* 16 bytes into a fresh socket's buffer: sent at once or not at all. */
  if (MPROC__FAIL(WRITE) ||
      send(s, ticket, SECRET_LEN, MSG_NOSIGNAL) != SECRET_LEN) {
    rc = mproc__err_os("asking a resource sharer");
    goto out;
  }
  uint8_t reply[1 + SECRET_LEN];
  size_t got = 0;
  while (got < sizeof reply) {
    rc = sharer_wait(s, POLLIN, deadline, "reply");
    if (rc < 0)
      goto out;
    union {
      char buf[CMSG_SPACE(sizeof(int))];
      struct cmsghdr align;
    } u;
    struct iovec iov = {reply + got, sizeof reply - got};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    memset(&u, 0, sizeof u);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    ssize_t r = MPROC__FAIL(RECVMSG)
                    ? -1
                    : recvmsg(s, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    if (r < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    for (struct cmsghdr *cm = r > 0 ? CMSG_FIRSTHDR(&msg) : NULL; cm;
         cm = CMSG_NXTHDR(&msg, cm)) {
      if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
        continue;
      /* Every descriptor that arrived is ours to close, the first kept. */
      size_t k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < k; i++) {
        int fd;
        memcpy(&fd, CMSG_DATA(cm) + i * sizeof fd, sizeof fd);
        if (got_fd < 0)
          got_fd = fd;
        else
          close(fd);
      }
    }
    if (r <= 0 || reply[0] != 'F') {
      rc = mproc__err(MPROC_E_CLOSED,
                      "the connection was already received or is gone");
      goto out;
    }
    got += (size_t)r;
  }
  if (got_fd < 0 || !same_secret(reply + 1, ticket + SECRET_LEN)) {
    rc = mproc__err(MPROC_E_PERM,
                    "the resource sharer could not prove it holds the "
                    "connection's secret");
    goto out;
  }
  *out = got_fd;
  got_fd = -1;
out:
  if (got_fd >= 0)
    close(got_fd);
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
