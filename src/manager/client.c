/* SPDX-License-Identifier: MIT */
/*
 * The client side of the manager: connections to a server (connect, the
 * handshake both ways, requests and replies through the protocol of
 * wire.h), and each proxy's cache of idle connections, so that threads
 * never wait for each other's blocking calls.
 *
 * A manager learns its server's protocol on connect (mproc__mclient_detect)
 * and its proxies carry it: every request goes through that protocol's
 * table (mproc__cwire_t), and this file only asks it two questions, which
 * requests need a connection of their own and whether the proxy counts
 * its references itself.
 */
#include "manager/manager.h"

#include <stdlib.h>

/* A client gives a server this long to answer its handshake (sockets): a
 * server that is alive but stuck must not hang the client's connect. The
 * server's own bound is shorter; the client's includes its wait in the
 * listen backlog, behind other clients. */
#define CLIENT_HANDSHAKE_MS 60000

static uint64_t owner_id(void) {
  return ((uint64_t)mproc__getpid() << 32) ^ mproc__thread_id();
}

int mproc__mframe_send(mproc__net_t *c, mproc__wbuf_t *b) {
  if (b->err)
    return mproc__err(b->err, "encoding a message: out of memory");
  size_t len = b->len - MPROC__FRAME_HEADER;
  if (len > MPROC_MANAGER_MAX_FRAME)
    return mproc__err(MPROC_E_TOOBIG,
                      "a message of %zu bytes exceeds the manager's frame "
                      "limit",
                      len);
  b->p[0] = (uint8_t)(len >> 24);
  b->p[1] = (uint8_t)(len >> 16);
  b->p[2] = (uint8_t)(len >> 8);
  b->p[3] = (uint8_t)len;
  return mproc__net_send(c, b->p, b->len);
}

void mproc__mframe_begin(mproc__wbuf_t *b) {
  b->p = NULL;
  b->len = b->cap = 0;
  mproc__mframe_restart(b);
}

void mproc__mframe_restart(mproc__wbuf_t *b) {
  static const uint8_t header[MPROC__FRAME_HEADER] = {0};
  b->len = 0;
  b->err = 0;
  mproc__put_raw(b, header, sizeof header);
}

/* The most a proxy's connection keeps of its buffers between calls. */
#define PCONN_KEEP 65536

mproc__request_t mproc__mrequest(int64_t op, double timeout,
                                 const mproc_value_t *args, size_t nargs) {
  mproc__request_t rq = {op, 0, timeout, args, nargs, 0};
  return rq;
}

/* Encodes and sends a request from @p b, a buffer begun before. */
static int mclient_send_in(mproc__net_t *c, mproc__wbuf_t *b,
                           const mproc__cwire_t *w, int kind,
                           const mproc__request_t *rq0) {
  mproc__request_t rq = *rq0;
  rq.owner = owner_id();
  mproc__mframe_restart(b);
  int rc = w->request_encode(&rq, kind, b);
  if (rc == 0)
    rc = mproc__mframe_send(c, b);
  if (rc == MPROC_E_CLOSED)
    rc = mproc__err_wrap(rc, "the manager went away (%s)", mproc_last_error());
  return rc;
}

/* Receives and decodes a reply through @p b. */
static int mclient_recv_in(mproc__net_t *c, mproc__wbuf_t *b,
                           const mproc__cwire_t *w, int kind,
                           const mproc__request_t *rq, mproc_value_t **res,
                           size_t *nres) {
  int rc = mproc__frame_recv_into(c, MPROC_MANAGER_MAX_FRAME, b);
  if (rc < 0)
    return rc == MPROC_E_CLOSED
               ? mproc__err_wrap(rc, "the manager went away (%s)",
                                 mproc_last_error())
               : rc;
  return w->reply_decode(rq, kind, b->p, b->len, res, nres);
}

int mproc__mclient_send(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq) {
  mproc__wbuf_t b;
  mproc__mframe_begin(&b);
  int rc = mclient_send_in(c, &b, w, kind, rq);
  free(b.p);
  return rc;
}

int mproc__mclient_recv(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres) {
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  int rc = mclient_recv_in(c, &b, w, kind, rq, res, nres);
  free(b.p);
  return rc;
}

int mproc__mclient_call(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres) {
  int rc = mproc__mclient_send(c, w, kind, rq);
  return rc < 0 ? rc : mproc__mclient_recv(c, w, kind, rq, res, nres);
}

int mproc__mclient_once(const char *address, const uint8_t *key, size_t keylen,
                        const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres) {
  mproc__net_t *c = NULL;
  int rc = mproc__mclient_open(address, key, keylen, &c);
  if (rc == 0) {
    rc = mproc__mclient_call(c, w, kind, rq, res, nres);
    mproc__net_close(c);
  }
  return rc;
}

int mproc__mclient_detect(const char *address, const uint8_t *key,
                          size_t keylen, const mproc__cwire_t **out) {
  mproc__net_t *c = NULL;
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  mproc__request_t rq = mproc__mrequest(OP_PING, 0, NULL, 0);
  int rc = mproc__mclient_open(address, key, keylen, &c);
  if (rc < 0)
    return rc;
  rc = mproc__mclient_send(c, &mproc__cwire_native, 0, &rq);
  if (rc == 0)
    rc = mproc__frame_recv_into(c, MPROC_MANAGER_MAX_FRAME, &b);
  if (rc == MPROC_E_CLOSED)
    rc = mproc__err_wrap(rc, "the manager went away (%s)", mproc_last_error());
  const mproc__cwire_t *w = rc == 0 ? mproc__cwire_detect(b.p, b.len) : NULL;
  if (rc == 0 && !w)
    rc = mproc__err(MPROC_E_DECODE,
                    "the server at %s answered in no protocol mproc knows",
                    address);
  if (rc == 0) {
    /* An mproc server's reply to the ping; a CPython server's traceback
     * (it could not unpickle the ping), which tells what it is. */
    rc = w->reply_decode(&rq, 0, b.p, b.len, NULL, NULL);
    if (rc == MPROC_E_REMOTE && w->client_refs) {
      mproc__err_clear();
      rc = 0;
    }
  }
  free(b.p);
  mproc__net_close(c);
  if (rc == 0)
    *out = w;
  return rc;
}

bool mproc__mclient_broken(int rc) {
  /* Not MPROC_E_TOOBIG: mproc__frame_send() refuses an oversized message before
   * writing anything. (Closing a proxy's last connection would also drop
   * its reference.) */
  return rc == MPROC_E_CLOSED || rc == MPROC_E_DECODE;
}

int mproc__mclient_open(const char *address, const uint8_t *key, size_t keylen,
                        mproc__net_t **out) {
  mproc__net_t *c = NULL;
  int rc = mproc__connect(address, &c);
  if (rc < 0)
    return rc;
  mproc__net_set_timeout(c, CLIENT_HANDSHAKE_MS);
  rc = mproc__auth_answer_challenge(c, key, keylen);
  if (rc == 0)
    rc = mproc__auth_deliver_challenge(c, key, keylen);
  if (rc == 0)
    mproc__net_set_timeout(c, 0); /* replies may take as long as requests */
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  *out = c;
  return 0;
}

void mproc__pconn_close(pconn_t *pc) {
  mproc__net_close(pc->c);
  free(pc->tx.p);
  free(pc->rx.p);
  pc->c = NULL;
  pc->tx.p = pc->rx.p = NULL;
}

void mproc__proxy_drop_idle(mproc_proxy_t *p, bool detach) {
  mproc__request_t rq = mproc__mrequest(OP_DETACH, 0, NULL, 0);
  bool counted = p->wire->client_refs;
  for (size_t i = 0; i < p->nidle; i++) {
    if (detach && !counted)
      mproc__mclient_call(p->idle[i].c, p->wire, p->kind, &rq, NULL, NULL);
    mproc__pconn_close(&p->idle[i]);
  }
  p->nidle = 0;
  if (detach && counted && (p->refd || (p->leased && p->hooked))) {
    /* The proxy's one reference (or the lease it never took over, when
     * it is this process's: proxy.c). */
    rq = mproc__mrequest(OP_DECREF, 0, NULL, 0);
    rq.target = p->id;
    if (mproc__mclient_once(p->address, p->key, p->keylen, p->wire, p->kind,
                            &rq, NULL, NULL) < 0)
      mproc__err_clear(); /* a server gone has dropped it anyway */
    p->refd = p->leased = false;
  }
}

static void proxy_at_exit(void *arg) {
  mproc_proxy_t *p = arg;
  mproc__mutex_lock(p->mu);
  mproc__proxy_drop_idle(p, true);
  p->hooked = false; /* unlisted already */
  mproc__mutex_unlock(p->mu);
}

void mproc__proxy_hook(mproc_proxy_t *p) {
  if (!p->hooked) {
    p->hooked = true;
    mproc__exit_hook_add(&p->at_exit, proxy_at_exit, p);
  }
}

void mproc__proxy_adopt(mproc_proxy_t *p, mproc__net_t *c) {
  if (p->wire->client_refs) {
    p->refd = true;
    mproc__proxy_hook(p);
    mproc__net_close(c);
    return;
  }
  pconn_t pc = {.c = c};
  mproc__proxy_conn_put(p, pc);
}

/* (client_refs) Makes sure this process holds the proxy's reference: a
 * copy takes over its lease, or takes one of its own (a fork child, a
 * copy encoded without a lease). Under p->mu, so that threads take one. */
static int proxy_ref_ensure(mproc_proxy_t *p) {
  int rc = 0;
  mproc__mutex_lock(p->mu);
  if (!p->refd && p->leased) {
    p->refd = true;
    p->leased = false;
  } else if (!p->refd) {
    mproc__request_t rq = mproc__mrequest(OP_INCREF, 0, NULL, 0);
    rq.target = p->id;
    rc = mproc__mclient_once(p->address, p->key, p->keylen, p->wire, p->kind,
                             &rq, NULL, NULL);
    p->refd = rc == 0;
  }
  if (p->refd)
    mproc__proxy_hook(p);
  mproc__mutex_unlock(p->mu);
  return rc;
}

/* Takes an idle connection or opens one attached to the object. */
static int proxy_conn_get(mproc_proxy_t *p, pconn_t *out) {
  if (p->pid != mproc__getpid()) {
    /* A fork child: the connections are the parent's (their descriptors
     * are closed here, which leaves the parent's intact), and so may be the
     * mutex, in whatever state another parent thread left it. */
    mproc__mutex_t *mu = NULL;
    int rc = mproc__mutex_create(&mu);
    if (rc < 0)
      return rc;
    p->mu = mu;
    mproc__proxy_drop_idle(p, false);
    p->pid = mproc__getpid();
    if (p->wire->client_refs) {
      /* The parent's reference and lease are the parent's, and so is
       * its exit hook. */
      p->refd = p->leased = p->hooked = false;
      p->at_exit = (mproc__exit_hook_t){NULL, NULL, NULL, NULL};
    }
  }
  bool found = false;
  bool own = p->wire->client_refs;
  uint32_t self = mproc__thread_id();
  mproc__mutex_lock(p->mu);
  for (size_t i = p->nidle; !found && i-- > 0;) {
    if (own && p->idle[i].thread != self)
      continue;
    *out = p->idle[i];
    p->idle[i] = p->idle[--p->nidle];
    found = true;
  }
  mproc__mutex_unlock(p->mu);
  if (found)
    return 0;
  mproc__net_t *c = NULL;
  int rc = p->wire->client_refs ? proxy_ref_ensure(p) : 0;
  if (rc == 0)
    rc = mproc__mclient_open(p->address, p->key, p->keylen, &c);
  if (rc < 0)
    return rc;
  mproc_value_t a[3];
  size_t na = 0;
  if (!own) {
    /* The first attach of a copy encoded with a lease releases it: this
     * connection holds its own reference from now on. */
    mproc__mutex_lock(p->mu);
    bool leased = p->leased;
    p->leased = false;
    mproc__mutex_unlock(p->mu);
    a[na++] = mproc_int((int64_t)p->id);
    a[na++] = mproc_int(p->kind);
    a[na++] = mproc_bool(leased);
  }
  mproc__request_t rq = mproc__mrequest(OP_ATTACH, 0, na ? a : NULL, na);
  rc = mproc__mclient_call(c, p->wire, p->kind, &rq, NULL, NULL);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  /* A CPython server's connection serves its opening thread alone. */
  *out = own ? (pconn_t){.c = c, .thread = self} : (pconn_t){.c = c};
  return 0;
}

void mproc__proxy_conn_put(mproc_proxy_t *p, pconn_t pc) {
  mproc__mutex_lock(p->mu);
  if (p->nidle == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 4;
    pconn_t *idle = realloc(p->idle, cap * sizeof *idle);
    if (!idle) {
      mproc__mutex_unlock(p->mu);
      /* Closing drops a reference the object still has others of. */
      mproc__pconn_close(&pc);
      return;
    }
    p->idle = idle;
    p->cap = cap;
  }
  p->idle[p->nidle++] = pc;
  mproc__mutex_unlock(p->mu);
}

int mproc__proxy_call(mproc_proxy_t *p, const char *what, int kind_mask,
                      int64_t op, double timeout, const mproc_value_t *args,
                      size_t nargs, mproc_value_t **res, size_t *nres) {
  if (!mproc__proxy_ok(p, what))
    return p ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!(kind_mask & (1 << p->kind)))
    return mproc__err(MPROC_E_TYPE, "%s: not supported by a %s proxy", what,
                      mproc__kind_names[p->kind]);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  mproc__request_t rq = mproc__mrequest(op, timeout, args, nargs);
  rq.target = p->id;
  if (p->wire->one_shot(op)) /* a request its server answers only so */
    return mproc__mclient_once(p->address, p->key, p->keylen, p->wire, p->kind,
                               &rq, res, nres);
  pconn_t pc;
  rc = proxy_conn_get(p, &pc);
  if (rc < 0)
    return rc;
  /* Every call waits for its reply, puts included: a call that returned 0
   * has been applied, whatever the caller does next. A put that returned
   * once sent (as it once did on an unbounded queue) was lost when its
   * process exited before the server had read it: the server, failing to
   * answer the dead client, dropped what it had not read yet. */
  rc = mclient_send_in(pc.c, &pc.tx, p->wire, p->kind, &rq);
  if (rc == 0)
    rc = mclient_recv_in(pc.c, &pc.rx, p->wire, p->kind, &rq, res, nres);
  if (mproc__mclient_broken(rc)) {
    mproc__pconn_close(&pc); /* the stream is unusable */
  } else {
    mproc__wbuf_trim(&pc.tx, PCONN_KEEP);
    mproc__wbuf_trim(&pc.rx, PCONN_KEEP);
    mproc__proxy_conn_put(p, pc);
  }
  return rc;
}
