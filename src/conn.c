/* SPDX-License-Identifier: MIT */
/*
 * Pipe and Connection (CPython's multiprocessing.Pipe), and wait() over
 * processes, connections and queues (multiprocessing.connection.wait).
 *
 * A message on the wire is a u32 header (little endian: the length in the
 * low 31 bits, bit 31 set for raw bytes, clear for an mproc_encode()
 * buffer) and the payload; a small message goes out in one write. A peer
 * that closes or dies in the middle of a message is reported as
 * MPROC_E_CLOSED, never as a short message.
 *
 * A Connection is not inherit-only: like CPython's, it may cross as a
 * process argument (the handle is listed for, or duplicated into, the
 * child being spawned) and also through a queue or another connection
 * (the backend's handle tickets: a resource sharer on POSIX, DuplicateHandle
 * from the sender on Windows). The reduction says which: a handle number is
 * only trusted in a start record.
 */
#include "conn.h"
#include "codec/codec.h"
#include "queue.h"

#include <stdlib.h>
#include <string.h>

#define BYTES_FLAG 0x80000000u
#define SMALL_MSG 4096

/* Bytes read ahead: a small message costs one read, not two (its header,
 * then its payload). */
#define RBUF_CAP 65536

struct mproc_connection {
  mproc_object_t base;
  mproc__handle_t h;
  bool readable, writable;
  uint8_t *rbuf; /* RBUF_CAP bytes, allocated on the first read */
  size_t rpos, rlen;
  struct mproc_connection *prev, *next; /* the live list */
};

/*
 * Every live connection of the process, so that a fork child can close
 * the ones it was not given: a fork child then holds exactly the
 * connections a spawn child would, and a parent that closes its end of a
 * pipe gives end of file to the child using the other end, whatever the
 * start method. A spin lock: the list is touched on create and destroy.
 */
static mproc_connection_t *live;
static volatile uint32_t live_lock;

static void live_acquire(void) {
  uint32_t z = 0;
  while (!mproc__cas32(&live_lock, &z, 1)) {
    z = 0;
    mproc__cpu_relax();
  }
}

static void live_release(void) {
  mproc__store32(&live_lock, 0);
}

static mproc_connection_t *conn_new(mproc__handle_t h, bool r, bool w) {
  mproc_connection_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->h = h;
  c->readable = r;
  c->writable = w;
  c->base.magic = MPROC__OBJ_MAGIC;
  c->base.type_id = MPROC__T_CONNECTION;
  live_acquire();
  c->next = live;
  if (live)
    live->prev = c;
  live = c;
  live_release();
  return c;
}

static void conn_free(mproc_connection_t *c) {
  live_acquire();
  if (c->prev)
    c->prev->next = c->next;
  else
    live = c->next;
  if (c->next)
    c->next->prev = c->prev;
  live_release();
  c->base.magic = 0;
  mproc__conn_close(c->h);
  free(c->rbuf);
  free(c);
}

static bool conn_buffered(const mproc_connection_t *c) {
  return c->rpos < c->rlen;
}

/* Reads exactly @p n bytes: from the read-ahead buffer, then, for what is
 * left, directly when large, else through the buffer (one read that may
 * bring the next messages too). */
static int conn_read(mproc_connection_t *c, void *p, size_t n) {
  uint8_t *b = p;
  for (;;) {
    size_t k = c->rlen - c->rpos < n ? c->rlen - c->rpos : n;
    if (k) {
      memcpy(b, c->rbuf + c->rpos, k);
      c->rpos += k;
      b += k;
      n -= k;
    }
    if (n == 0)
      return 0;
    if (n >= RBUF_CAP / 2)
      return mproc__conn_read(c->h, b, n);
    if (!c->rbuf && !(c->rbuf = malloc(RBUF_CAP)))
      return mproc__conn_read(c->h, b, n);
    size_t got = 0;
    int rc = mproc__conn_read_some(c->h, c->rbuf, RBUF_CAP, &got);
    if (rc < 0)
      return rc;
    c->rpos = 0;
    c->rlen = got;
  }
}

void mproc__conn_fork_child(const mproc_value_t *args, size_t nargs) {
  /* One thread now: a lock held by another parent thread at fork time
   * must not be waited for. */
  mproc__store32(&live_lock, 0);
  for (mproc_connection_t *c = live; c; c = c->next) {
    bool given = false;
    for (size_t i = 0; i < nargs && !given; i++)
      given = args[i].type == MPROC_VALUE_OBJECT && args[i].u.obj == &c->base;
    if (!given && c->h != MPROC__INVALID_HANDLE) {
      mproc__conn_close(c->h);
      c->h = MPROC__INVALID_HANDLE;
    }
  }
}

static mproc_connection_t *conn_get(const void *p, const char *what, int *rc) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o) {
    *rc = p ? MPROC_E_TYPE : MPROC_E_INVAL;
    return NULL;
  }
  if (o->type_id != MPROC__T_CONNECTION) {
    *rc = mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
                     mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (mproc_connection_t *)o;
}

#define CONN_GET(c, p)                                                         \
  int rc_get_ = 0;                                                             \
  mproc_connection_t *c = conn_get(p, __func__, &rc_get_);                     \
  if (!c)                                                                      \
  return rc_get_

static int check_open(mproc_connection_t *c, bool write) {
  if (c->h == MPROC__INVALID_HANDLE)
    return mproc__err(MPROC_E_CLOSED, "the connection is closed");
  if (write && !c->writable)
    return mproc__err(MPROC_E_STATE, "connection is read-only");
  if (!write && !c->readable)
    return mproc__err(MPROC_E_STATE, "connection is write-only");
  return 0;
}

int mproc_pipe(mproc_connection_t **a, mproc_connection_t **b, bool duplex) {
  if (!a || !b)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *a = *b = NULL;
  mproc__handle_t h[2];
  int rc = mproc__conn_pipe(h, duplex);
  if (rc < 0)
    return rc;
  *a = conn_new(h[0], true, duplex);
  *b = conn_new(h[1], duplex, true);
  if (!*a || !*b) {
    if (*a)
      conn_free(*a);
    else
      mproc__conn_close(h[0]);
    if (*b)
      conn_free(*b);
    else
      mproc__conn_close(h[1]);
    *a = *b = NULL;
    return mproc__err(MPROC_E_NOMEM, "allocating connections");
  }
  return 0;
}

static int send_frame(mproc_connection_t *c, uint32_t flag, const void *p,
                      size_t len) {
  int rc = check_open(c, true);
  if (rc < 0)
    return rc;
  if (len > MPROC_VALUE_MAX_LEN)
    return mproc__err(MPROC_E_TOOBIG, "a message of %zu bytes", len);
  uint32_t hdr = (uint32_t)len | flag;
  uint8_t h4[4];
  for (int i = 0; i < 4; i++)
    h4[i] = (uint8_t)(hdr >> (8 * i));
  if (len <= SMALL_MSG) {
    /* One write: the header and a small payload together. */
    uint8_t buf[4 + SMALL_MSG];
    memcpy(buf, h4, 4);
    if (len)
      memcpy(buf + 4, p, len);
    return mproc__conn_write(c->h, buf, 4 + len);
  }
  rc = mproc__conn_write(c->h, h4, 4);
  return rc < 0 ? rc : mproc__conn_write(c->h, p, len);
}

int mproc_connection_send(mproc_connection_t *cp, const mproc_value_t *vals,
                          size_t n) {
  CONN_GET(c, cp);
  int rc = check_open(c, true);
  if (rc < 0)
    return rc;
  void *buf = NULL;
  size_t len = 0;
  rc = mproc_encode(vals, n, &buf, &len);
  if (rc < 0)
    return rc;
  rc = send_frame(c, 0, buf, len);
  free(buf);
  return rc;
}

int mproc_connection_send_bytes(mproc_connection_t *cp, const void *data,
                                size_t len) {
  CONN_GET(c, cp);
  if (!data && len)
    return mproc__err(MPROC_E_INVAL, "%s: NULL data", __func__);
  return send_frame(c, BYTES_FLAG, data, len);
}

/* Reads a frame's header: the payload's length and kind. */
static int recv_header(mproc_connection_t *c, size_t *n, bool *is_bytes) {
  uint8_t h4[4];
  int rc = conn_read(c, h4, 4);
  if (rc < 0)
    return rc;
  uint32_t hdr = 0;
  for (int i = 0; i < 4; i++)
    hdr |= (uint32_t)h4[i] << (8 * i);
  *n = hdr & ~BYTES_FLAG;
  *is_bytes = (hdr & BYTES_FLAG) != 0;
  if (*n > MPROC_VALUE_MAX_LEN)
    return mproc__err(MPROC_E_DECODE, "a frame claims %zu bytes", *n);
  return 0;
}

/* Reads a payload of @p n bytes into a malloc'ed buffer. */
static int recv_payload(mproc_connection_t *c, size_t n, uint8_t **out) {
  uint8_t *buf = malloc(n ? n : 1);
  if (!buf)
    return mproc__err(MPROC_E_NOMEM, "receiving %zu bytes", n);
  int rc = conn_read(c, buf, n);
  if (rc < 0) {
    free(buf);
    return rc;
  }
  *out = buf;
  return 0;
}

/* Reads one frame into a malloc'ed buffer. */
static int recv_frame(mproc_connection_t *c, uint8_t **out, size_t *len,
                      bool *is_bytes) {
  int rc = check_open(c, false);
  if (rc < 0)
    return rc;
  rc = recv_header(c, len, is_bytes);
  return rc < 0 ? rc : recv_payload(c, *len, out);
}

int mproc_connection_recv(mproc_connection_t *cp, mproc_value_t **vals,
                          size_t *n) {
  CONN_GET(c, cp);
  if (!vals || !n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *vals = NULL;
  *n = 0;
  uint8_t *buf = NULL; /* gcc -O3 cannot see recv_frame set it */
  size_t len;
  bool is_bytes;
  int rc = recv_frame(c, &buf, &len, &is_bytes);
  if (rc < 0)
    return rc;
  rc = mproc__frame_values(buf, len, is_bytes, vals, n);
  free(buf);
  return rc;
}

int mproc_connection_recv_bytes(mproc_connection_t *cp, void **data,
                                size_t *len) {
  CONN_GET(c, cp);
  if (!data || !len)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *data = NULL;
  *len = 0;
  uint8_t *buf = NULL;
  bool is_bytes;
  int rc = recv_frame(c, &buf, len, &is_bytes);
  if (rc == 0)
    *data = buf;
  return rc;
}

/*
 * CPython's recv_bytes_into, whose BufferTooShort exception carries the
 * whole message: here MPROC_E_TOOBIG, with the message in *whole. The
 * message is consumed either way (a frame cannot be put back, and leaving
 * it would make every later recv see it again). Why not a new status code:
 * MPROC_E_TOOBIG is already "too large" and never otherwise comes from a
 * receive (an oversized frame is MPROC_E_DECODE). A message that fits is
 * read straight into the caller's buffer, with no copy of its own.
 */
int mproc_connection_recv_bytes_into(mproc_connection_t *cp, void *buf,
                                     size_t size, size_t offset, size_t *len,
                                     void **whole) {
  if (whole)
    *whole = NULL;
  if (len)
    *len = 0;
  CONN_GET(c, cp);
  int rc = check_open(c, false);
  if (rc < 0)
    return rc;
  if (!len)
    return mproc__err(MPROC_E_INVAL, "%s: NULL length pointer", __func__);
  if (!buf && size)
    return mproc__err(MPROC_E_INVAL, "%s: NULL buffer", __func__);
  if (offset > size)
    return mproc__err(MPROC_E_VALUE, "offset too large");
  size_t n;
  bool is_bytes;
  rc = recv_header(c, &n, &is_bytes);
  if (rc < 0)
    return rc;
  if (n <= size - offset) {
    /* an empty message may arrive in (NULL, 0): NULL + 0 is undefined */
    rc = conn_read(c, buf ? (uint8_t *)buf + offset : NULL, n);
    if (rc == 0)
      *len = n;
    return rc;
  }
  uint8_t *msg = NULL;
  rc = recv_payload(c, n, &msg);
  if (rc < 0)
    return rc;
  *len = n;
  if (whole)
    *whole = msg;
  else
    free(msg);
  return mproc__err(MPROC_E_TOOBIG,
                    "BufferTooShort: a message of %zu bytes, %zu bytes of "
                    "room after offset %zu",
                    n, size - offset, offset);
}

int mproc_connection_readable(mproc_connection_t *cp) {
  CONN_GET(c, cp);
  return c->readable ? 1 : 0;
}

int mproc_connection_writable(mproc_connection_t *cp) {
  CONN_GET(c, cp);
  return c->writable ? 1 : 0;
}

int mproc_connection_closed(mproc_connection_t *cp) {
  CONN_GET(c, cp);
  return c->h == MPROC__INVALID_HANDLE ? 1 : 0;
}

int mproc_connection_poll(mproc_connection_t *cp, double timeout) {
  CONN_GET(c, cp);
  int rc = check_open(c, false);
  if (rc < 0)
    return rc;
  int64_t deadline;
  rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  if (conn_buffered(c))
    return 1;
  return mproc__conn_poll(c->h, deadline);
}

int mproc_connection_close(mproc_connection_t *cp) {
  CONN_GET(c, cp);
  mproc__conn_close(c->h);
  c->h = MPROC__INVALID_HANDLE;
  free(c->rbuf);
  c->rbuf = NULL;
  c->rpos = c->rlen = 0;
  return 0;
}

void mproc_connection_destroy(mproc_connection_t *cp) {
  int rc;
  if (cp && conn_get(cp, __func__, &rc))
    conn_free(cp);
}

int mproc_connection_handle(mproc_connection_t *cp, mproc_os_handle_t *out) {
  CONN_GET(c, cp);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  if (c->h == MPROC__INVALID_HANDLE)
    return mproc__err(MPROC_E_CLOSED, "the connection is closed");
  *out = (mproc_os_handle_t)c->h;
  return 0;
}

int mproc_value_as_connection(const mproc_value_t *v,
                              mproc_connection_t **out) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  int rc = 0;
  mproc_connection_t *c = conn_get(v->u.obj, "value", &rc);
  if (!c)
    return rc;
  *out = c;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Crossing                                                                 */
/* ------------------------------------------------------------------------ */

#define MODE_SPAWN 0
#define MODE_TICKET 1

/* Reduction: u8 flags (1 readable, 2 writable), u8 mode, then the handle
 * (spawning) or u32 length + ticket (anywhere else). */
static int conn_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  mproc_connection_t *c = (mproc_connection_t *)o;
  if (c->h == MPROC__INVALID_HANDLE)
    return mproc__err(MPROC_E_CLOSED, "cannot send a closed connection");
  if (conn_buffered(c))
    /* Those bytes were read from the handle and would not go with it. */
    return mproc__err(MPROC_E_STATE, "cannot send a connection with unread "
                                     "messages already read ahead");
  mproc__put_u8(b, (uint8_t)((c->readable ? 1 : 0) | (c->writable ? 2 : 0)));
  if (ctx) {
    mproc__put_u8(b, MODE_SPAWN);
    return mproc__reduce_handle(ctx, c->h, b);
  }
  uint8_t ticket[MPROC__TICKET_MAX];
  size_t len = 0;
  int rc = mproc__handle_export(c->h, ticket, &len);
  if (rc < 0)
    return rc;
  mproc__put_u8(b, MODE_TICKET);
  mproc__put_u32(b, (uint32_t)len);
  mproc__put_raw(b, ticket, len);
  return 0;
}

static int conn_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                        mproc_object_t **out) {
  (void)id;
  uint8_t flags = mproc__get_u8(r);
  uint8_t mode = mproc__get_u8(r);
  mproc__handle_t h = MPROC__INVALID_HANDLE;
  int rc = 0;
  if (r->err || flags == 0 || flags > 3)
    return mproc__err(MPROC_E_DECODE, "malformed Connection reduction");
  if (mode == MODE_SPAWN) {
    /* A handle number means something only in a start record. */
    if (!mproc__decoding_start_record())
      return mproc__err(MPROC_E_DECODE,
                        "a Connection handle outside a start record");
    h = mproc__rebuild_handle(r);
    if (r->err || h == MPROC__INVALID_HANDLE)
      return mproc__err(MPROC_E_DECODE, "malformed Connection reduction");
    mproc__conn_adopt(h);
  } else if (mode == MODE_TICKET) {
    uint32_t len = mproc__get_u32(r);
    const uint8_t *t = mproc__get_raw(r, len);
    if (r->err || len > MPROC__TICKET_MAX)
      return mproc__err(MPROC_E_DECODE, "malformed Connection reduction");
    rc = mproc__handle_import(t, len, &h);
    if (rc < 0)
      return rc;
  } else {
    return mproc__err(MPROC_E_DECODE, "malformed Connection reduction");
  }
  mproc_connection_t *c = conn_new(h, flags & 1, (flags & 2) != 0);
  if (!c) {
    mproc__conn_close(h);
    return mproc__err(MPROC_E_NOMEM, "rebuilding a Connection");
  }
  *out = &c->base;
  return 0;
}

static void conn_destroy_obj(mproc_object_t *o) {
  conn_free((mproc_connection_t *)o);
}

const mproc__type_t mproc__connection_type = {"Connection", false, conn_reduce,
                                              conn_rebuild, conn_destroy_obj};

/* ------------------------------------------------------------------------ */
/* wait()                                                                   */
/* ------------------------------------------------------------------------ */

/* The longest sleep between looks at queues (which are not OS handles). */
#define QUEUE_SLICE_MAX_NS ((int64_t)10 * 1000000)

/* Checks every item without blocking; returns how many are ready. */
static int wait_scan(mproc_wait_item_t *items, size_t n) {
  int ready = 0;
  for (size_t i = 0; i < n; i++) {
    mproc_wait_item_t *it = &items[i];
    int r = 0;
    switch (it->kind) {
    case MPROC_WAIT_PROCESS:
      r = mproc_process_is_alive((mproc_process_t *)it->object);
      if (r < 0)
        return r;
      r = r == 0;
      break;
    case MPROC_WAIT_CONNECTION: {
      mproc_connection_t *c = it->object;
      r = c->h == MPROC__INVALID_HANDLE || conn_buffered(c)
              ? 1
              : mproc__conn_poll(c->h, 0);
      if (r < 0)
        return r;
      break;
    }
    case MPROC_WAIT_QUEUE:
      r = mproc__queue_ready((mproc_queue_t *)it->object);
      break;
    }
    it->ready = r != 0;
    ready += r != 0;
  }
  return ready;
}

int mproc_wait(mproc_wait_item_t *items, size_t n, double timeout) {
  if (!items && n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL items", __func__);
  if (n > 4096)
    return mproc__err(MPROC_E_TOOBIG, "%zu items (at most 4096)", n);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  if (n == 0)
    return 0;
  bool any_queue = false, any_unwaitable = false;
  for (size_t i = 0; i < n; i++) {
    int r = 0;
    switch (items[i].kind) {
    case MPROC_WAIT_PROCESS:
      if (mproc_process_is_alive((mproc_process_t *)items[i].object) < 0)
        return mproc__err(MPROC_E_INVAL, "item %zu: not a process", i);
      break;
    case MPROC_WAIT_CONNECTION: {
      mproc_connection_t *c = conn_get(items[i].object, "mproc_wait", &r);
      if (!c)
        return r;
      if (!c->readable)
        return mproc__err(MPROC_E_STATE, "item %zu: a write-only connection",
                          i);
      break;
    }
    case MPROC_WAIT_QUEUE: {
      mproc_value_t v = mproc_obj(items[i].object);
      mproc_queue_t *q;
      r = mproc_value_as_queue(&v, &q);
      if (r < 0)
        return r;
      any_queue = true;
      break;
    }
    default:
      return mproc__err(MPROC_E_INVAL, "item %zu: unknown kind %d", i,
                        (int)items[i].kind);
    }
    items[i].ready = false;
  }
  mproc__handle_t *hs = n ? calloc(n, sizeof *hs) : NULL;
  bool *is_conn = n ? calloc(n, sizeof *is_conn) : NULL;
  if (n && (!hs || !is_conn)) {
    free(hs);
    free(is_conn);
    return mproc__err(MPROC_E_NOMEM, "waiting on %zu items", n);
  }
  int64_t slice = 1000000; /* queues: 1 ms, doubling to the maximum */
  for (;;) {
    int ready = wait_scan(items, n);
    if (ready != 0) {
      rc = ready;
      break;
    }
    if (deadline != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline) {
      rc = 0;
      break;
    }
    /* Sleep on the OS handles (process sentinels, connections) until one
     * is ready, the deadline, or, with queues to look at, a slice. */
    size_t nh = 0;
    for (size_t i = 0; i < n; i++) {
      mproc_os_handle_t oh;
      if (items[i].kind == MPROC_WAIT_PROCESS) {
        if (mproc_process_sentinel((mproc_process_t *)items[i].object, &oh) ==
            0) {
          hs[nh] = (mproc__handle_t)oh;
          is_conn[nh++] = false;
        } else {
          any_unwaitable = true; /* no pidfd: look again in slices */
        }
      } else if (items[i].kind == MPROC_WAIT_CONNECTION) {
        hs[nh] = ((mproc_connection_t *)items[i].object)->h;
        is_conn[nh++] = true;
      }
    }
    int64_t until = deadline;
    if (any_queue || any_unwaitable) {
      int64_t s = mproc__now_ns() + slice;
      if (until == MPROC__NO_DEADLINE || s < until)
        until = s;
      if (slice < QUEUE_SLICE_MAX_NS)
        slice *= 2;
    }
    rc = mproc__wait_handles(hs, is_conn, nh, until);
    if (rc < 0)
      break;
  }
  free(hs);
  free(is_conn);
  return rc;
}
