/*
 * The client side of the manager: connections to a server (connect, the
 * handshake both ways, requests and replies through the protocol of
 * wire.h), and each proxy's cache of idle connections, so that threads
 * never wait for each other's blocking calls.
 */
#include "manager/manager.h"

#include <stdlib.h>

/* The protocol this client speaks. */
#define CLIENT_WIRE (&mproc__wire_native)

/* A client gives a server this long to answer its handshake (sockets): a
 * server that is alive but stuck must not hang the client's connect. The
 * server's own bound is shorter; the client's includes its wait in the
 * listen backlog, behind other clients. */
#define CLIENT_HANDSHAKE_MS 60000

static uint64_t owner_id(void) {
  return ((uint64_t)mproc__getpid() << 32) ^ mproc__thread_id();
}

int mproc__mclient_send(mproc__net_t *c, int64_t op, double timeout,
                        const mproc_value_t *args, size_t nargs) {
  mproc__request_t rq = {op, owner_id(), timeout, args, nargs};
  void *buf = NULL;
  size_t len = 0;
  int rc = CLIENT_WIRE->request_encode(&rq, &buf, &len);
  if (rc == 0)
    rc = mproc__frame_send(c, buf, len);
  free(buf);
  if (rc == MPROC_E_CLOSED)
    rc = mproc__err_wrap(rc, "the manager went away (%s)", mproc_last_error());
  return rc;
}

int mproc__mclient_recv(mproc__net_t *c, mproc_value_t **res, size_t *nres) {
  uint8_t *rbuf = NULL;
  size_t rlen = 0;
  int rc = mproc__frame_recv(c, MPROC_MANAGER_MAX_FRAME, &rbuf, &rlen);
  if (rc < 0)
    return rc == MPROC_E_CLOSED
               ? mproc__err_wrap(rc, "the manager went away (%s)",
                                 mproc_last_error())
               : rc;
  rc = CLIENT_WIRE->reply_decode(rbuf, rlen, res, nres);
  free(rbuf);
  return rc;
}

int mproc__mclient_call(mproc__net_t *c, int64_t op, double timeout,
                        const mproc_value_t *args, size_t nargs,
                        mproc_value_t **res, size_t *nres) {
  int rc = mproc__mclient_send(c, op, timeout, args, nargs);
  return rc < 0 ? rc : mproc__mclient_recv(c, res, nres);
}

bool mproc__mclient_broken(int rc) {
  /* Not MPROC_E_TOOBIG: mproc__frame_send() refuses an oversized message before
   * writing anything. (Closing a proxy's last connection would also drop
   * its reference.) */
  return rc == MPROC_E_CLOSED || rc == MPROC_E_DECODE;
}

static int drain(pconn_t *pc) {
  int first = 0;
  while (pc->pending > 0) {
    int rc = mproc__mclient_recv(pc->c, NULL, NULL);
    if (mproc__mclient_broken(rc))
      return rc;
    pc->pending--;
    if (rc < 0 && first == 0)
      first =
          mproc__err_wrap(rc, "an earlier put failed: %s", mproc_last_error());
  }
  return first;
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

void mproc__proxy_drop_idle(mproc_proxy_t *p, bool detach) {
  for (size_t i = 0; i < p->nidle; i++) {
    if (detach && !mproc__mclient_broken(drain(&p->idle[i])))
      mproc__mclient_call(p->idle[i].c, OP_DETACH, 0, NULL, 0, NULL, NULL);
    mproc__net_close(p->idle[i].c);
  }
  p->nidle = 0;
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
  }
  bool found = false;
  mproc__mutex_lock(p->mu);
  if (p->nidle) {
    *out = p->idle[--p->nidle];
    found = true;
  }
  mproc__mutex_unlock(p->mu);
  if (found)
    return 0;
  mproc__net_t *c = NULL;
  int rc = mproc__mclient_open(p->address, p->key, p->keylen, &c);
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_int((int64_t)p->id), mproc_int(p->kind)};
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t qmax = -1;
  rc = mproc__mclient_call(c, OP_ATTACH, 0, a, 2, &res, &nres);
  if (rc == 0 && nres >= 1)
    mproc_value_as_int(&res[0], &qmax);
  mproc_values_free(res, nres);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  out->c = c;
  out->pending = 0;
  out->qmax = qmax;
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
      mproc__net_close(pc.c);
      return;
    }
    p->idle = idle;
    p->cap = cap;
  }
  p->idle[p->nidle++] = pc;
  mproc__mutex_unlock(p->mu);
}

int mproc__proxy_call_ex(mproc_proxy_t *p, const char *what, int kind_mask,
                         int64_t op, double timeout, const mproc_value_t *args,
                         size_t nargs, mproc_value_t **res, size_t *nres,
                         bool oneway) {
  if (!mproc__proxy_ok(p, what))
    return p ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!(kind_mask & (1 << p->kind)))
    return mproc__err(MPROC_E_TYPE, "%s: not supported by a %s proxy", what,
                      mproc__kind_names[p->kind]);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  pconn_t pc;
  rc = proxy_conn_get(p, &pc);
  if (rc < 0)
    return rc;
  /* The request goes out before the pending replies are read: the server
   * answers in order, so a put followed by a get costs one round trip. */
  rc = mproc__mclient_send(pc.c, op, timeout, args, nargs);
  if (rc == 0 && oneway && pc.qmax == 0) {
    pc.pending++;
  } else if (rc == 0) {
    int earlier = drain(&pc);
    if (mproc__mclient_broken(earlier)) {
      rc = earlier;
    } else {
      rc = mproc__mclient_recv(pc.c, res, nres);
      /* An earlier put's failure is reported by a call that returns no
       * value (a value taken from the manager must not be lost). */
      if (rc == 0 && earlier < 0 && !res)
        rc = earlier;
    }
  }
  if (mproc__mclient_broken(rc))
    mproc__net_close(pc.c); /* the stream is unusable */
  else
    mproc__proxy_conn_put(p, pc);
  return rc;
}

int mproc__proxy_call(mproc_proxy_t *p, const char *what, int kind_mask,
                      int64_t op, double timeout, const mproc_value_t *args,
                      size_t nargs, mproc_value_t **res, size_t *nres) {
  return mproc__proxy_call_ex(p, what, kind_mask, op, timeout, args, nargs, res,
                              nres, false);
}
