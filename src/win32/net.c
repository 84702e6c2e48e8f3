/* SPDX-License-Identifier: MIT */
/*
 * Windows transport for the manager: named pipes for local managers, and
 * TCP (Winsock) for remote ones.
 *
 * A local manager's pipe has a random name and a DACL that admits only the
 * current user; the first instance is created with
 * FILE_FLAG_FIRST_PIPE_INSTANCE so that nobody can squat the name first,
 * and remote (SMB) clients are rejected. The authentication handshake is a
 * second gate on top.
 */
#include "win32.h"

#include <winsock2.h>
#include <ws2tcpip.h>
/* after winsock2.h */
#include <mstcpip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIPE_PREFIX "\\\\.\\pipe\\"
#define PIPE_BUF_SIZE 65536

/* Reads are buffered: a request or reply usually arrives whole in one
 * read, and the frame header and payload are then taken from the buffer. */
#define CONN_BUF 4096

struct mproc__net {
  bool is_socket;
  HANDLE pipe;
  SOCKET s;
  /* The keepalive applied (tcp_keepalive()): Windows cannot read
   * SIO_KEEPALIVE_VALS back. */
  bool ka_on;
  unsigned ka_idle, ka_interval, ka_count;
  size_t pos, len;
  uint8_t buf[CONN_BUF];
};

struct mproc__listener {
  bool is_socket;
  SOCKET s;
  char name[MPROC__ADDR_MAX];
  HANDLE pending; /* the next pipe instance, waiting for a client */
  SECURITY_ATTRIBUTES sa;
  PSECURITY_DESCRIPTOR sd;
  PACL acl;
  void *user; /* TOKEN_USER */
};

static bool is_pipe(const char *address) {
  return strncmp(address, PIPE_PREFIX, sizeof PIPE_PREFIX - 1) == 0;
}

static int wsa_init(void) {
  static volatile LONG state; /* 0: not yet, 1: in progress, 2: done */
  for (;;) {
    LONG s = InterlockedCompareExchange(&state, 1, 0);
    if (s == 2)
      return 0;
    if (s == 0)
      break;
    SwitchToThread();
  }
  WSADATA d;
  int e = WSAStartup(MAKEWORD(2, 2), &d);
  if (e != 0) {
    InterlockedExchange(&state, 0);
    return mproc__err_os_code(e, "WSAStartup");
  }
  InterlockedExchange(&state, 2);
  return 0;
}

static int wsa_err(const char *what) {
  return mproc__err_os_code(WSAGetLastError(), what);
}

static int tcp_resolve(const char *address, bool passive,
                       struct addrinfo **res) {
  char host[MPROC__ADDR_MAX];
  const char *colon = strrchr(address, ':');
  size_t hlen = colon ? (size_t)(colon - address) : 0;
  if (!colon || hlen == 0 || hlen >= sizeof host || !colon[1])
    return mproc__err(MPROC_E_INVAL,
                      "address \"%s\" is neither a pipe name nor host:port",
                      address);
  int rc = wsa_init();
  if (rc < 0)
    return rc;
  memcpy(host, address, hlen);
  host[hlen] = '\0';
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  int e = getaddrinfo(host, colon + 1, &hints, res);
  if (e != 0)
    return mproc__err(MPROC_E_NOTFOUND, "resolving \"%s\": error %d", address,
                      e);
  return 0;
}

/* Windows 10 1703's socket options, missing from older headers. */
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_MAXRT
#define TCP_MAXRT 5
#endif

/* TCP keepalive on a manager connection (manager/keepalive.c says why),
 * before connect() so that it bounds the handshake too. SIO_KEEPALIVE_VALS
 * takes the idle time and the interval; the count is the system's (10)
 * unless TCP_KEEPCNT takes. TCP_MAXRT bounds what keepalive does not cover,
 * a request still unacknowledged when the peer vanished. Failures are
 * ignored: the system's defaults stay. */
static void tcp_keepalive(mproc__net_t *c, SOCKET s) {
  unsigned idle, interval, count;
  mproc__keepalive_get(&idle, &interval, &count);
  struct tcp_keepalive ka = {1, idle * 1000u, interval * 1000u};
  DWORD got = 0;
  c->ka_on = WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &got,
                      NULL, NULL) == 0;
  c->ka_idle = c->ka_on ? idle : 0;
  c->ka_interval = c->ka_on ? interval : 0;
  DWORD v = count;
  c->ka_count =
      setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, (const char *)&v, sizeof v) == 0
          ? count
          : 10;
  v = idle + interval * count;
  setsockopt(s, IPPROTO_TCP, TCP_MAXRT, (const char *)&v, sizeof v);
}

int mproc__net_keepalive(mproc__net_t *c, bool *on, unsigned *idle_s,
                         unsigned *interval_s, unsigned *count) {
  if (!c->is_socket)
    return mproc__err(MPROC_E_NOTSUP, "keepalive: not a TCP connection");
  BOOL v = FALSE;
  int len = sizeof v;
  if (getsockopt(c->s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len) != 0)
    v = FALSE;
  *on = c->ka_on && v;
  *idle_s = c->ka_idle;
  *interval_s = c->ka_interval;
  *count = c->ka_count;
  return 0;
}

/* A socket that children never inherit. */
static SOCKET tcp_socket(int family) {
  SOCKET s = MPROC__FAIL(SOCKET) ? INVALID_SOCKET
                                 : socket(family, SOCK_STREAM, IPPROTO_TCP);
  if (s != INVALID_SOCKET)
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
  return s;
}

int mproc__local_address(char *buf, size_t size) {
  uint8_t r[8];
  int rc = mproc__random_bytes(r, sizeof r);
  if (rc < 0)
    return rc;
  int n = snprintf(buf, size,
                   PIPE_PREFIX "mproc-%lu-%02x%02x%02x%02x%02x%02x%02x%02x",
                   (unsigned long)GetCurrentProcessId(), r[0], r[1], r[2], r[3],
                   r[4], r[5], r[6], r[7]);
  if (n < 0 || (size_t)n >= size)
    return mproc__err(MPROC_E_TOOBIG, "pipe name too long");
  return 0;
}

void mproc__address_cleanup(const char *address) {
  (void)address; /* a pipe disappears with its last handle */
}

int mproc__tcp_pick_port(char *buf, size_t size) {
  struct addrinfo *res = NULL;
  int rc = tcp_resolve(buf, true, &res);
  if (rc < 0)
    return rc;
  SOCKET s = tcp_socket(res->ai_family);
  struct sockaddr_storage ss;
  int sl = sizeof ss;
  if (s == INVALID_SOCKET || MPROC__FAIL(BIND) ||
      bind(s, res->ai_addr, (int)res->ai_addrlen) != 0 ||
      getsockname(s, (struct sockaddr *)&ss, &sl) != 0) {
    rc = wsa_err("picking a TCP port");
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
  if (s != INVALID_SOCKET)
    closesocket(s);
  freeaddrinfo(res);
  return rc;
}

/* The security attributes of the pipe: a DACL with one entry, the current
 * user, who gets full access. */
static int pipe_security(mproc__listener_t *l) {
  HANDLE tok = NULL;
  DWORD len = 0;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok))
    return mproc__err_os("OpenProcessToken");
  GetTokenInformation(tok, TokenUser, NULL, 0, &len);
  l->user = malloc(len ? len : 1);
  if (!l->user || !GetTokenInformation(tok, TokenUser, l->user, len, &len)) {
    CloseHandle(tok);
    return l->user ? mproc__err_os("GetTokenInformation")
                   : mproc__err(MPROC_E_NOMEM, "pipe security");
  }
  CloseHandle(tok);
  PSID sid = ((TOKEN_USER *)l->user)->User.Sid;
  DWORD acl_len = sizeof(ACL) + sizeof(ACCESS_ALLOWED_ACE) + GetLengthSid(sid);
  l->acl = malloc(acl_len);
  l->sd = malloc(SECURITY_DESCRIPTOR_MIN_LENGTH);
  if (!l->acl || !l->sd)
    return mproc__err(MPROC_E_NOMEM, "pipe security");
  if (!InitializeAcl(l->acl, acl_len, ACL_REVISION) ||
      !AddAccessAllowedAce(l->acl, ACL_REVISION, GENERIC_ALL, sid) ||
      !InitializeSecurityDescriptor(l->sd, SECURITY_DESCRIPTOR_REVISION) ||
      !SetSecurityDescriptorDacl(l->sd, TRUE, l->acl, FALSE))
    return mproc__err_os("building the pipe's DACL");
  l->sa.nLength = sizeof l->sa;
  l->sa.lpSecurityDescriptor = l->sd;
  l->sa.bInheritHandle = FALSE;
  return 0;
}

static int pipe_instance(mproc__listener_t *l, bool first) {
  DWORD open = PIPE_ACCESS_DUPLEX | (first ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
  HANDLE h = MPROC__FAIL(CREATE_NAMED_PIPE)
                 ? INVALID_HANDLE_VALUE
                 : CreateNamedPipeA(l->name, open,
                                    PIPE_TYPE_BYTE | PIPE_READMODE_BYTE |
                                        PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
                                    PIPE_UNLIMITED_INSTANCES, PIPE_BUF_SIZE,
                                    PIPE_BUF_SIZE, 0, &l->sa);
  if (h == INVALID_HANDLE_VALUE)
    return mproc__err_os(l->name);
  l->pending = h;
  return 0;
}

static void listener_free(mproc__listener_t *l) {
  if (l->is_socket && l->s != INVALID_SOCKET)
    closesocket(l->s);
  if (l->pending && l->pending != INVALID_HANDLE_VALUE)
    CloseHandle(l->pending);
  free(l->user);
  free(l->acl);
  free(l->sd);
  free(l);
}

int mproc__listen(const char *address, mproc__listener_t **out) {
  int rc;
  mproc__listener_t *l = calloc(1, sizeof *l);
  if (!l)
    return mproc__err(MPROC_E_NOMEM, "creating a listener");
  l->s = INVALID_SOCKET;
  if (is_pipe(address)) {
    snprintf(l->name, sizeof l->name, "%s", address);
    if ((rc = pipe_security(l)) < 0 || (rc = pipe_instance(l, true)) < 0)
      goto fail;
  } else {
    struct addrinfo *res = NULL;
    l->is_socket = true;
    if ((rc = tcp_resolve(address, true, &res)) < 0)
      goto fail;
    l->s = tcp_socket(res->ai_family);
    if (l->s == INVALID_SOCKET || MPROC__FAIL(BIND) ||
        bind(l->s, res->ai_addr, (int)res->ai_addrlen) != 0 ||
        MPROC__FAIL(LISTEN) || listen(l->s, 128) != 0) {
      rc = wsa_err(address);
      freeaddrinfo(res);
      goto fail;
    }
    freeaddrinfo(res);
  }
  *out = l;
  return 0;
fail:
  listener_free(l);
  return rc;
}

int mproc__accept(mproc__listener_t *l, mproc__net_t **out) {
  mproc__net_t *c = calloc(1, sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "accepting a connection");
  if (l->is_socket) {
    SOCKET s = MPROC__FAIL(ACCEPT) ? INVALID_SOCKET : accept(l->s, NULL, NULL);
    if (s == INVALID_SOCKET) {
      free(c);
      return wsa_err("accept");
    }
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    BOOL one = TRUE;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
    tcp_keepalive(c, s);
    c->is_socket = true;
    c->s = s;
    *out = c;
    return 0;
  }
  if ((MPROC__FAIL(CONNECT_NAMED_PIPE) ||
       !ConnectNamedPipe(l->pending, NULL)) &&
      GetLastError() != ERROR_PIPE_CONNECTED) {
    int rc = mproc__err_os("ConnectNamedPipe");
    /* This instance is unusable (the client left already): replace it. */
    CloseHandle(l->pending);
    l->pending = NULL;
    pipe_instance(l, false);
    free(c);
    return rc;
  }
  c->pipe = l->pending;
  l->pending = NULL;
  /* A failure here shows (and is retried) at the next accept. */
  pipe_instance(l, false);
  *out = c;
  return 0;
}

void mproc__listener_close(mproc__listener_t *l) {
  if (l)
    listener_free(l);
}

int mproc__connect(const char *address, mproc__net_t **out) {
  mproc__net_t *c = calloc(1, sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "connecting");
  if (is_pipe(address)) {
    /* Every instance busy: wait for one, a bounded number of times. */
    for (int tries = 0;; tries++) {
      HANDLE h = MPROC__FAIL(CREATE_FILE)
                     ? INVALID_HANDLE_VALUE
                     : CreateFileA(address, GENERIC_READ | GENERIC_WRITE, 0,
                                   NULL, OPEN_EXISTING, 0, NULL);
      if (h != INVALID_HANDLE_VALUE) {
        c->pipe = h;
        *out = c;
        return 0;
      }
      DWORD e = GetLastError();
      if (e != ERROR_PIPE_BUSY || tries == 100) {
        free(c);
        return mproc__err(MPROC_E_CLOSED, "connecting to %s: error %lu",
                          address, (unsigned long)e);
      }
      WaitNamedPipeA(address, 1000);
    }
  }
  struct addrinfo *res = NULL, *ai;
  int rc = tcp_resolve(address, false, &res);
  if (rc < 0) {
    free(c);
    return rc;
  }
  rc = mproc__err(MPROC_E_CLOSED, "cannot connect to %s", address);
  for (ai = res; ai; ai = ai->ai_next) {
    SOCKET s = tcp_socket(ai->ai_family);
    if (s == INVALID_SOCKET)
      continue;
    tcp_keepalive(c, s);
    if (!MPROC__FAIL(CONNECT) &&
        connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0) {
      BOOL one = TRUE;
      setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
      c->is_socket = true;
      c->s = s;
      rc = 0;
      break;
    }
    rc = mproc__err(MPROC_E_CLOSED, "connecting to %s: error %d", address,
                    WSAGetLastError());
    closesocket(s);
  }
  freeaddrinfo(res);
  if (rc < 0) {
    free(c);
    return rc;
  }
  *out = c;
  return 0;
}

int mproc__net_send(mproc__net_t *c, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    DWORD chunk = len > 0x40000000 ? 0x40000000 : (DWORD)len, n = 0;
    if (c->is_socket) {
      int r = MPROC__FAIL(WRITE) ? SOCKET_ERROR : send(c->s, p, (int)chunk, 0);
      if (r == SOCKET_ERROR)
        return mproc__err(MPROC_E_CLOSED, "sending: error %d",
                          WSAGetLastError());
      n = (DWORD)r;
    } else if (MPROC__FAIL(WRITE) || !WriteFile(c->pipe, p, chunk, &n, NULL)) {
      return mproc__err(MPROC_E_CLOSED, "sending: error %lu",
                        (unsigned long)GetLastError());
    }
    p += n;
    len -= n;
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
    char *dst = direct ? p : (char *)c->buf;
    DWORD chunk = !direct            ? CONN_BUF
                  : len > 0x40000000 ? 0x40000000
                                     : (DWORD)len,
          n = 0;
    if (c->is_socket) {
      int r = MPROC__FAIL(READ) ? SOCKET_ERROR : recv(c->s, dst, (int)chunk, 0);
      if (r == SOCKET_ERROR)
        return mproc__err(MPROC_E_CLOSED, "receiving: error %d",
                          WSAGetLastError());
      n = (DWORD)r;
    } else if (MPROC__FAIL(READ) || !ReadFile(c->pipe, dst, chunk, &n, NULL)) {
      return mproc__err(MPROC_E_CLOSED, "receiving: error %lu",
                        (unsigned long)GetLastError());
    }
    if (n == 0)
      return mproc__err(MPROC_E_CLOSED, "the peer closed the connection");
    if (direct) {
      p += n;
      len -= n;
    } else {
      c->pos = 0;
      c->len = n;
    }
  }
  return 0;
}

bool mproc__net_peer_gone(mproc__net_t *c) {
  if (!c->is_socket) {
    /* A pipe whose client closed (or died) is broken once drained: the
     * peek fails with ERROR_BROKEN_PIPE (or the pipe is no longer
     * connected); with data still unread it succeeds. */
    DWORD avail = 0;
    if (PeekNamedPipe(c->pipe, NULL, 0, NULL, &avail, NULL))
      return false;
    DWORD e = GetLastError();
    return e == ERROR_BROKEN_PIPE || e == ERROR_PIPE_NOT_CONNECTED ||
           e == ERROR_NO_DATA;
  }
  /* No MSG_DONTWAIT on Winsock: select() with a zero timeout says whether
   * a peek would block; a readable socket then peeks one byte (0: the end
   * of the stream; an error: reset). */
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(c->s, &rd);
  struct timeval tv = {0, 0};
  int r = select(0, &rd, NULL, NULL, &tv);
  if (r == 0)
    return false;
  if (r == SOCKET_ERROR)
    return false; /* not known gone: a failed reply is undone anyway */
  char b;
  return recv(c->s, &b, 1, MSG_PEEK) <= 0;
}

void mproc__net_set_timeout(mproc__net_t *c, unsigned ms) {
  if (!c->is_socket)
    return;
  DWORD v = ms;
  setsockopt(c->s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&v, sizeof v);
}

void mproc__net_close(mproc__net_t *c) {
  if (!c)
    return;
  if (c->is_socket)
    closesocket(c->s);
  else
    CloseHandle(c->pipe);
  free(c);
}

/* ------------------------------------------------------------------------ */
/* Without waiting: the manager's handshake loop (manager/handshake.c)      */
/* ------------------------------------------------------------------------ */
/*
 * TCP only: WSAPoll() and non-blocking sockets. A named pipe tells that it
 * is readable only by completing an overlapped read (the instances would
 * have to be made overlapped, and every blocking read and write on them
 * with it), and WaitForMultipleObjects() stops at 64 handles; the pipe's
 * DACL admits only the current user, so the server keeps authenticating
 * pipe clients on a thread each (server.c).
 */

bool mproc__listener_pollable(const mproc__listener_t *l) {
  return l->is_socket;
}

size_t mproc__net_pending_max(void) {
  /* Sockets have no per-process limit on Windows; WSAPoll() over more
   * would cost more than it protects. */
  return 1024;
}

static int wsa_would_block(void) {
  return WSAGetLastError() == WSAEWOULDBLOCK;
}

int mproc__accept_nowait(mproc__listener_t *l, mproc__net_t **out) {
  *out = NULL;
  if (!l->is_socket)
    return mproc__err(MPROC_E_NOTSUP, "accepting without waiting on a pipe");
  /* The listener does not block: WSAPoll() may report a connection that is
   * reset before accept() takes it. Accepted sockets inherit the mode. */
  u_long on = 1;
  ioctlsocket(l->s, FIONBIO, &on);
  SOCKET s = MPROC__FAIL(ACCEPT) ? INVALID_SOCKET : accept(l->s, NULL, NULL);
  if (s == INVALID_SOCKET) {
    int e = WSAGetLastError();
    if (e == WSAEWOULDBLOCK || e == WSAECONNRESET)
      return 0;
    if (e == WSAEMFILE || e == WSAENOBUFS) {
      mproc__err(MPROC_E_LIMIT, "accept: out of sockets (error %d)", e);
      mproc__err_set_os(e);
      return MPROC_E_LIMIT;
    }
    return wsa_err("accept");
  }
  mproc__net_t *c = calloc(1, sizeof *c);
  if (!c) {
    closesocket(s);
    return mproc__err(MPROC_E_NOMEM, "accepting a connection");
  }
  SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
  BOOL one = TRUE;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
  tcp_keepalive(c, s);
  c->is_socket = true;
  c->s = s;
  *out = c;
  return 0;
}

int mproc__net_set_blocking(mproc__net_t *c) {
  u_long off = 0;
  if (c->is_socket && ioctlsocket(c->s, FIONBIO, &off) != 0)
    return wsa_err("ioctlsocket");
  return 0;
}

int mproc__net_send_nowait(mproc__net_t *c, const void *buf, size_t len,
                           size_t *n) {
  *n = 0;
  if (!c->is_socket)
    return mproc__err(MPROC_E_NOTSUP, "sending without waiting on a pipe");
  int chunk = len > 0x40000000 ? 0x40000000 : (int)len;
  int r = MPROC__FAIL(WRITE) ? SOCKET_ERROR
                             : send(c->s, (const char *)buf, chunk, 0);
  if (r == SOCKET_ERROR)
    return wsa_would_block() ? 0
                             : mproc__err(MPROC_E_CLOSED, "sending: error %d",
                                          WSAGetLastError());
  *n = (size_t)r;
  return 0;
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
  if (!c->is_socket)
    return mproc__err(MPROC_E_NOTSUP, "receiving without waiting on a pipe");
  int chunk = len > 0x40000000 ? 0x40000000 : (int)len;
  int r = MPROC__FAIL(READ) ? SOCKET_ERROR : recv(c->s, (char *)buf, chunk, 0);
  if (r == SOCKET_ERROR)
    return wsa_would_block() ? 0
                             : mproc__err(MPROC_E_CLOSED, "receiving: error %d",
                                          WSAGetLastError());
  if (r == 0)
    return mproc__err(MPROC_E_CLOSED, "the peer closed the connection");
  *n = (size_t)r;
  return 0;
}

int mproc__net_poll(mproc__listener_t *l, bool *l_ready,
                    mproc__net_pollent_t *ents, size_t n, int64_t deadline_ns) {
  size_t base = l ? 1 : 0;
  if (l_ready)
    *l_ready = false;
  for (size_t i = 0; i < n; i++)
    ents[i].ready = 0;
  DWORD ms = mproc__win_ms_until(deadline_ns);
  if (n + base == 0) { /* WSAPoll() refuses an empty set */
    Sleep(ms == INFINITE ? 1000 : ms);
    return 0;
  }
  if (l && !l->is_socket)
    return mproc__err(MPROC_E_NOTSUP, "polling a pipe listener");
  WSAPOLLFD *fds = malloc((n + base) * sizeof *fds);
  if (!fds)
    return mproc__err(MPROC_E_NOMEM, "polling %zu connections", n);
  if (l) {
    fds[0].fd = l->s;
    fds[0].events = POLLRDNORM;
    fds[0].revents = 0;
  }
  for (size_t i = 0; i < n; i++) {
    fds[base + i].fd = ents[i].c->s;
    fds[base + i].events =
        (SHORT)(((ents[i].want & MPROC__NET_IN) ? POLLRDNORM : 0) |
                ((ents[i].want & MPROC__NET_OUT) ? POLLWRNORM : 0));
    fds[base + i].revents = 0;
  }
  int r = WSAPoll(fds, (ULONG)(n + base),
                  ms == INFINITE ? -1
                  : ms > 3600000 ? 3600000
                                 : (INT)ms);
  int rc = 0;
  if (r == SOCKET_ERROR) {
    rc = wsa_err("WSAPoll");
  } else if (r > 0) {
    if (l)
      *l_ready = (fds[0].revents & (POLLRDNORM | POLLERR | POLLHUP)) != 0;
    for (size_t i = 0; i < n; i++) {
      SHORT e = fds[base + i].revents;
      if (e & (POLLERR | POLLHUP | POLLNVAL))
        ents[i].ready = MPROC__NET_IN | MPROC__NET_OUT;
      else
        ents[i].ready = ((e & POLLRDNORM) ? MPROC__NET_IN : 0) |
                        ((e & POLLWRNORM) ? MPROC__NET_OUT : 0);
    }
  }
  free(fds);
  return rc;
}
