/* SPDX-License-Identifier: MIT */
/*
 * POSIX transport for the manager: Unix domain sockets in a private
 * directory, and TCP for remote managers.
 *
 * The local socket lives in a directory made by mkdtemp(), whose mode is
 * 0700: only the current user can reach the socket, whatever its own mode,
 * and the authentication handshake is a second gate on top.
 */
#define _GNU_SOURCE
#include "fault.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

/* Reads are buffered: a request or reply usually arrives whole in one
 * recv(), and the frame header and payload are then taken from the buffer
 * instead of costing a system call each. */
#define CONN_BUF 4096

struct mproc__net {
  int fd;
  size_t pos, len;
  uint8_t buf[CONN_BUF];
};

struct mproc__listener {
  int fd;
};

/* TCP keepalive on a manager connection (keepalive.c says why), before
 * connect() so that it bounds the handshake's wait too. Failures are
 * ignored: a system without one of the options keeps its own default for
 * it. TCP_USER_TIMEOUT (Linux) bounds what keepalive does not cover: a
 * request still unacknowledged when the peer vanished (keepalive probes
 * only an idle connection) and, since Linux 4.x, connect()'s SYNs. */
static void tcp_keepalive(int fd) {
  unsigned idle, interval, count;
  mproc__keepalive_get(&idle, &interval, &count);
  int on = 1, v;
  setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
#if defined(TCP_KEEPIDLE)
  v = (int)idle;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v);
#elif defined(TCP_KEEPALIVE) /* macOS */
  v = (int)idle;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &v, sizeof v);
#endif
#if defined(TCP_KEEPINTVL)
  v = (int)interval;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &v, sizeof v);
#endif
#if defined(TCP_KEEPCNT)
  v = (int)count;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof v);
#endif
#if defined(TCP_USER_TIMEOUT)
  unsigned ms = (idle + interval * count) * 1000u;
  setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms);
#endif
  (void)v;
  (void)interval;
  (void)count;
}

/* Whether @p fd is a TCP socket (an accepted one may be a Unix socket). */
static bool fd_is_tcp(int fd) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  return getsockname(fd, (struct sockaddr *)&ss, &len) == 0 &&
         (ss.ss_family == AF_INET || ss.ss_family == AF_INET6);
}

int mproc__net_keepalive(mproc__net_t *c, bool *on, unsigned *idle_s,
                         unsigned *interval_s, unsigned *count) {
  if (!fd_is_tcp(c->fd))
    return mproc__err(MPROC_E_NOTSUP, "keepalive: not a TCP connection");
  int v = 0;
  socklen_t len = sizeof v;
  *idle_s = *interval_s = *count = 0;
  if (getsockopt(c->fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len) < 0)
    return mproc__err_os("getsockopt SO_KEEPALIVE");
  *on = v != 0;
#if defined(TCP_KEEPIDLE)
  len = sizeof v;
  if (getsockopt(c->fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len) == 0)
    *idle_s = (unsigned)v;
#endif
#if defined(TCP_KEEPINTVL)
  len = sizeof v;
  if (getsockopt(c->fd, IPPROTO_TCP, TCP_KEEPINTVL, &v, &len) == 0)
    *interval_s = (unsigned)v;
#endif
#if defined(TCP_KEEPCNT)
  len = sizeof v;
  if (getsockopt(c->fd, IPPROTO_TCP, TCP_KEEPCNT, &v, &len) == 0)
    *count = (unsigned)v;
#endif
  return 0;
}

static bool is_tcp(const char *address) {
  return address[0] != '/';
}

/* Splits "host:port" (the last colon) into getaddrinfo() results. */
static int tcp_resolve(const char *address, bool passive,
                       struct addrinfo **res) {
  char host[MPROC__ADDR_MAX];
  const char *colon = strrchr(address, ':');
  size_t hlen = colon ? (size_t)(colon - address) : 0;
  if (!colon || hlen == 0 || hlen >= sizeof host || !colon[1])
    return mproc__err(MPROC_E_INVAL,
                      "address \"%s\" is neither an absolute socket path nor "
                      "host:port",
                      address);
  memcpy(host, address, hlen);
  host[hlen] = '\0';
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  int e = getaddrinfo(host, colon + 1, &hints, res);
  if (e != 0)
    return mproc__err(MPROC_E_NOTFOUND, "resolving \"%s\": %s", address,
                      gai_strerror(e));
  return 0;
}

static int unix_sockaddr(const char *path, struct sockaddr_un *sa) {
  memset(sa, 0, sizeof *sa);
  sa->sun_family = AF_UNIX;
  if (strlen(path) >= sizeof sa->sun_path)
    return mproc__err(MPROC_E_TOOBIG, "socket path \"%s\" is too long", path);
  strcpy(sa->sun_path, path);
  return 0;
}

int mproc__local_address(char *buf, size_t size) {
  const char *tmp = getenv("TMPDIR");
  char dir[MPROC__ADDR_MAX];
  if (!tmp || !*tmp || strlen(tmp) > 64)
    tmp = "/tmp";
  snprintf(dir, sizeof dir, "%s/mproc-XXXXXX", tmp);
  if (MPROC__FAIL(MKDTEMP) || !mkdtemp(dir)) /* mode 0700 */
    return mproc__err_os("mkdtemp");
  int n = snprintf(buf, size, "%s/listener", dir);
  if (n < 0 || (size_t)n >= size || (size_t)n >= 104) {
    rmdir(dir);
    return mproc__err(MPROC_E_TOOBIG, "socket path too long");
  }
  return 0;
}

void mproc__address_cleanup(const char *address) {
  if (!address || !*address || is_tcp(address))
    return;
  char dir[MPROC__ADDR_MAX];
  snprintf(dir, sizeof dir, "%s", address);
  char *slash = strrchr(dir, '/');
  unlink(address);
  if (slash && slash != dir) {
    *slash = '\0';
    /* Only a directory mproc__local_address() made. */
    const char *base = strrchr(dir, '/');
    if (base && strncmp(base + 1, "mproc-", 6) == 0)
      rmdir(dir);
  }
}

int mproc__tcp_pick_port(char *buf, size_t size) {
  struct addrinfo *res = NULL;
  int rc = tcp_resolve(buf, true, &res);
  if (rc < 0)
    return rc;
  int fd = MPROC__FAIL(SOCKET)
               ? -1
               : socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    rc = mproc__err_os("socket");
    goto out;
  }
  struct sockaddr_storage ss;
  socklen_t sl = sizeof ss;
  if (MPROC__FAIL(BIND) || bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
      getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
    rc = mproc__err_os("picking a TCP port");
    goto out;
  }
  int port =
      ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                     : ((struct sockaddr_in *)&ss)->sin_port);
  char *colon = strrchr(buf, ':');
  size_t off = (size_t)(colon - buf) + 1;
  int n = snprintf(colon + 1, size - off, "%d", port);
  if (n < 0 || (size_t)n >= size - off)
    rc = mproc__err(MPROC_E_TOOBIG, "address too long");
out:
  if (fd >= 0)
    close(fd);
  freeaddrinfo(res);
  return rc;
}

int mproc__listen(const char *address, mproc__listener_t **out) {
  int fd = -1, rc = 0;
  struct addrinfo *res = NULL;
  mproc__listener_t *l = malloc(sizeof *l);
  if (!l)
    return mproc__err(MPROC_E_NOMEM, "creating a listener");
  if (is_tcp(address)) {
    rc = tcp_resolve(address, true, &res);
    if (rc < 0)
      goto fail;
    fd = MPROC__FAIL(SOCKET)
             ? -1
             : socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      rc = mproc__err_os("socket");
      goto fail;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (MPROC__FAIL(BIND) || bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
      rc = mproc__err_os(address);
      goto fail;
    }
  } else {
    struct sockaddr_un sa;
    rc = unix_sockaddr(address, &sa);
    if (rc < 0)
      goto fail;
    fd = MPROC__FAIL(SOCKET) ? -1
                             : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      rc = mproc__err_os("socket");
      goto fail;
    }
    if (MPROC__FAIL(BIND) || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
      rc = mproc__err_os(address);
      goto fail;
    }
  }
  if (MPROC__FAIL(LISTEN) || listen(fd, 128) != 0) {
    rc = mproc__err_os("listen");
    goto fail;
  }
  if (res)
    freeaddrinfo(res);
  l->fd = fd;
  *out = l;
  return 0;
fail:
  if (fd >= 0)
    close(fd);
  if (res)
    freeaddrinfo(res);
  free(l);
  return rc;
}

int mproc__accept(mproc__listener_t *l, mproc__net_t **out) {
  for (;;) {
    int fd =
        MPROC__FAIL(ACCEPT) ? -1 : accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED)
        continue;
      return mproc__err_os("accept");
    }
    mproc__net_t *c = calloc(1, sizeof *c);
    if (!c) {
      close(fd);
      return mproc__err(MPROC_E_NOMEM, "accepting a connection");
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd_is_tcp(fd))
      tcp_keepalive(fd);
    c->fd = fd;
    *out = c;
    return 0;
  }
}

void mproc__listener_close(mproc__listener_t *l) {
  if (!l)
    return;
  close(l->fd);
  free(l);
}

int mproc__connect(const char *address, mproc__net_t **out) {
  int fd = -1, rc = 0;
  mproc__net_t *c = calloc(1, sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "connecting");
  if (is_tcp(address)) {
    struct addrinfo *res = NULL, *ai;
    rc = tcp_resolve(address, false, &res);
    if (rc < 0)
      goto fail;
    rc = mproc__err(MPROC_E_CLOSED, "cannot connect to %s", address);
    for (ai = res; ai; ai = ai->ai_next) {
      fd = MPROC__FAIL(SOCKET)
               ? -1
               : socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (fd < 0) {
        rc = mproc__err_os("socket");
        continue;
      }
      tcp_keepalive(fd);
      if (!MPROC__FAIL(CONNECT) &&
          connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        rc = 0;
        break;
      }
      rc = mproc__err(MPROC_E_CLOSED, "connecting to %s: %s", address,
                      strerror(errno));
      close(fd);
      fd = -1;
    }
    freeaddrinfo(res);
    if (rc < 0)
      goto fail;
  } else {
    struct sockaddr_un sa;
    rc = unix_sockaddr(address, &sa);
    if (rc < 0)
      goto fail;
    fd = MPROC__FAIL(SOCKET) ? -1
                             : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      rc = mproc__err_os("socket");
      goto fail;
    }
    while (MPROC__FAIL(CONNECT) ||
           connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
      if (errno == EINTR)
        continue;
      rc = mproc__err(MPROC_E_CLOSED, "connecting to %s: %s", address,
                      strerror(errno));
      goto fail;
    }
  }
  c->fd = fd;
  *out = c;
  return 0;
fail:
  if (fd >= 0)
    close(fd);
  free(c);
  return rc;
}

int mproc__net_send(mproc__net_t *c, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    /* MSG_NOSIGNAL: a peer that went away is an error, not SIGPIPE. */
    ssize_t n = MPROC__FAIL(WRITE) ? -1 : send(c->fd, p, len, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return mproc__err(MPROC_E_CLOSED, "sending: %s", strerror(errno));
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int mproc__net_recv(mproc__net_t *c, void *buf, size_t len) {
  char *p = buf;
  while (len) {
    if (c->pos < c->len) {
      size_t k = c->len - c->pos < len ? c->len - c->pos : len;
      memcpy(p, c->buf + c->pos, k);
      c->pos += k;
      p += k;
      len -= k;
      continue;
    }
    bool direct = len >= CONN_BUF;
    ssize_t n = MPROC__FAIL(READ)
                    ? -1
                    : recv(c->fd, direct ? (void *)p : (void *)c->buf,
                           direct ? len : CONN_BUF, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return mproc__err(MPROC_E_CLOSED, "receiving: %s", strerror(errno));
    }
    if (n == 0)
      return mproc__err(MPROC_E_CLOSED, "the peer closed the connection");
    if (direct) {
      p += n;
      len -= (size_t)n;
    } else {
      c->pos = 0;
      c->len = (size_t)n;
    }
  }
  return 0;
}

bool mproc__net_peer_gone(mproc__net_t *c) {
  /* A peek, not poll(): POLLHUP is not raised for a TCP peer's FIN (only
   * POLLIN, and POLLRDHUP is Linux's), while a 1-byte peek tells the end
   * of the stream (0) and a reset (ECONNRESET) apart from nothing yet
   * (EAGAIN) everywhere. */
  for (;;) {
    char b;
    ssize_t n = recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0)
      return false;
    if (n == 0)
      return true;
    if (errno == EINTR)
      continue;
    return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

void mproc__net_set_timeout(mproc__net_t *c, unsigned ms) {
  struct timeval tv;
  tv.tv_sec = (time_t)(ms / 1000);
  tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
  setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

void mproc__net_close(mproc__net_t *c) {
  if (!c)
    return;
  close(c->fd);
  free(c);
}

/* ------------------------------------------------------------------------ */
/* Without waiting: the manager's handshake loop (manager/handshake.c)      */
/* ------------------------------------------------------------------------ */

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>

bool mproc__listener_pollable(const mproc__listener_t *l) {
  (void)l;
  return true;
}

size_t mproc__net_pending_max(void) {
  struct rlimit r;
  rlim_t cur = 1024;
  if (getrlimit(RLIMIT_NOFILE, &r) == 0)
    cur = r.rlim_cur == RLIM_INFINITY ? 65536 : r.rlim_cur;
  if (cur > 65536)
    cur = 65536; /* poll() over more would cost more than it protects */
  /* The reserve: the server's own descriptors (listener, standard streams,
   * a spawn child's pipes), a connection for each authenticated client up
   * to about one in sixteen of the limit, and the one accept() needs. Past
   * that the loop sheds the oldest pending connection when accept() fails
   * with EMFILE (handshake.c). */
  rlim_t reserve = 64 + cur / 16;
  return cur > reserve + 16 ? (size_t)(cur - reserve) : 16;
}

int mproc__accept_nowait(mproc__listener_t *l, mproc__net_t **out) {
  *out = NULL;
  /* The listener does not block either: poll() may report a connection
   * that is reset before accept() takes it, and a blocking accept() would
   * then wait for the next client with every handshake stalled. */
  int fl = fcntl(l->fd, F_GETFL);
  if (fl >= 0 && !(fl & O_NONBLOCK))
    fcntl(l->fd, F_SETFL, fl | O_NONBLOCK);
  for (;;) {
    int fd = MPROC__FAIL(ACCEPT)
                 ? -1
                 : accept4(l->fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 0;
      return mproc__err_os("accept");
    }
    mproc__net_t *c = calloc(1, sizeof *c);
    if (!c) {
      close(fd);
      return mproc__err(MPROC_E_NOMEM, "accepting a connection");
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd_is_tcp(fd))
      tcp_keepalive(fd);
    c->fd = fd;
    *out = c;
    return 0;
  }
}

int mproc__net_set_blocking(mproc__net_t *c) {
  int fl = fcntl(c->fd, F_GETFL);
  if (fl < 0 || fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
    return mproc__err_os("fcntl");
  return 0;
}

int mproc__net_send_nowait(mproc__net_t *c, const void *buf, size_t len,
                           size_t *n) {
  *n = 0;
  for (;;) {
    ssize_t k = MPROC__FAIL(WRITE)
                    ? -1
                    : send(c->fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k >= 0) {
      *n = (size_t)k;
      return 0;
    }
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return 0;
    return mproc__err(MPROC_E_CLOSED, "sending: %s", strerror(errno));
  }
}

int mproc__net_recv_nowait(mproc__net_t *c, void *buf, size_t len, size_t *n) {
  *n = 0;
  if (c->pos < c->len) { /* not while authenticating, but keep the order */
    size_t k = c->len - c->pos < len ? c->len - c->pos : len;
    memcpy(buf, c->buf + c->pos, k);
    c->pos += k;
    *n = k;
    return 0;
  }
  for (;;) {
    ssize_t k = MPROC__FAIL(READ) ? -1 : recv(c->fd, buf, len, MSG_DONTWAIT);
    if (k > 0) {
      *n = (size_t)k;
      return 0;
    }
    if (k == 0)
      return mproc__err(MPROC_E_CLOSED, "the peer closed the connection");
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return 0;
    return mproc__err(MPROC_E_CLOSED, "receiving: %s", strerror(errno));
  }
}

int mproc__net_poll(mproc__listener_t *l, bool *l_ready,
                    mproc__net_pollent_t *ents, size_t n, int64_t deadline_ns) {
  size_t base = l ? 1 : 0;
  struct pollfd *fds = malloc((n + base) * sizeof *fds);
  if (!fds)
    return mproc__err(MPROC_E_NOMEM, "polling %zu connections", n);
  if (l) {
    fds[0].fd = l->fd;
    fds[0].events = POLLIN;
    fds[0].revents = 0;
  }
  for (size_t i = 0; i < n; i++) {
    fds[base + i].fd = ents[i].c->fd;
    fds[base + i].events =
        (short)(((ents[i].want & MPROC__NET_IN) ? POLLIN : 0) |
                ((ents[i].want & MPROC__NET_OUT) ? POLLOUT : 0));
    fds[base + i].revents = 0;
    ents[i].ready = 0;
  }
  int ms = -1;
  if (deadline_ns != MPROC__NO_DEADLINE) {
    int64_t left = deadline_ns - mproc__now_ns();
    ms = left <= 0 ? 0
         : left >= (int64_t)3600 * 1000000000
             ? 3600 * 1000
             : (int)((left + 999999) / 1000000);
  }
  int r = poll(fds, (nfds_t)(n + base), ms);
  int rc = 0;
  if (r < 0 && errno != EINTR) {
    rc = mproc__err_os("poll");
  } else if (r > 0) {
    if (l)
      *l_ready = (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    for (size_t i = 0; i < n; i++) {
      short e = fds[base + i].revents;
      if (e & (POLLERR | POLLHUP | POLLNVAL))
        ents[i].ready = MPROC__NET_IN | MPROC__NET_OUT;
      else
        ents[i].ready = ((e & POLLIN) ? MPROC__NET_IN : 0) |
                        ((e & POLLOUT) ? MPROC__NET_OUT : 0);
    }
  }
  if (l && r <= 0)
    *l_ready = false;
  free(fds);
  return rc;
}
