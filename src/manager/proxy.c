/* SPDX-License-Identifier: MIT */
/*
 * Proxies: the objects that reach a manager's hosted objects from any
 * process. A proxy crosses anywhere (it carries an address, an object id
 * and a kind), and each operation is one request and its reply through the
 * client (client.c).
 */
#include "manager/manager.h"

#include "value/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool mproc__proxy_ok(const mproc_proxy_t *p, const char *what) {
  if (!p) {
    mproc__err(MPROC_E_INVAL, "%s: NULL proxy", what);
    return false;
  }
  if (p->hdr.magic != MPROC__OBJ_MAGIC || p->hdr.type_id != MPROC__T_PROXY) {
    mproc__err(MPROC_E_TYPE, "%s: not a live proxy", what);
    return false;
  }
  return true;
}

int mproc__proxy_new(const char *address, const uint8_t *key, size_t keylen,
                     const mproc__cwire_t *wire, int kind, uint64_t id,
                     mproc_proxy_t **out) {
  mproc_proxy_t *p = calloc(1, sizeof *p);
  if (!p)
    return mproc__err(MPROC_E_NOMEM, "allocating a proxy");
  int rc = mproc__mutex_create(&p->mu);
  if (rc < 0) {
    free(p);
    return rc;
  }
  p->hdr.magic = MPROC__OBJ_MAGIC;
  p->hdr.type_id = MPROC__T_PROXY;
  p->kind = kind;
  p->wire = wire;
  p->id = id;
  snprintf(p->address, sizeof p->address, "%s", address);
  memcpy(p->key, key, keylen);
  p->keylen = keylen;
  p->pid = mproc__getpid();
  *out = p;
  return 0;
}

void mproc_proxy_destroy(mproc_proxy_t *p) {
  if (!p || !mproc__proxy_ok(p, __func__))
    return;
  if (p->pid == mproc__getpid()) {
    if (p->hooked)
      mproc__exit_hook_remove(&p->at_exit);
    mproc__proxy_drop_idle(p, true);
    mproc__mutex_destroy(p->mu);
  } else {
    mproc__proxy_drop_idle(p, false); /* the parent's: close our copies only */
  }
  free(p->idle);
  p->hdr.magic = 0;
  free(p);
}

int mproc_value_as_proxy(const mproc_value_t *v, mproc_proxy_t **out) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (v->type != MPROC_VALUE_OBJECT || !v->u.obj ||
      v->u.obj->magic != MPROC__OBJ_MAGIC ||
      v->u.obj->type_id != MPROC__T_PROXY)
    return mproc__err(MPROC_E_TYPE, "value is not a proxy");
  *out = (mproc_proxy_t *)v->u.obj;
  return 0;
}

const char *mproc_proxy_type_name(const mproc_proxy_t *p) {
  if (!p || p->hdr.magic != MPROC__OBJ_MAGIC ||
      p->hdr.type_id != MPROC__T_PROXY)
    return NULL;
  return p->kind == K_USER ? p->tname : mproc__kind_names[p->kind];
}

/*
 * A proxy crosses as its kind, object id, address, the address's tag and,
 * only while a child is being spawned, the key (otherwise the receiver uses
 * its own process key, as CPython does).
 *
 * The tag, HMAC(key, address) (auth.h), is made with the key the receiver
 * will check it with, and connect with: outside a start record its own
 * process key, which is ours too when it is one of our family (a proxy made
 * with a manager's own authkey then reaches only a receiver that has that
 * key as its process key, which it would need anyway to log in); inside,
 * the key that travels with it. Why not refuse foreign addresses instead:
 * a proxy must still reach processes started before its manager, pool
 * workers and queue consumers, which know the key but not the address.
 */
static int proxy_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  mproc_proxy_t *p = (mproc_proxy_t *)o;
  size_t alen = strlen(p->address);
  const uint8_t *key = p->key;
  size_t keylen = p->keylen;
  if (!ctx) {
    int rc = mproc__authkey_ensure();
    if (rc < 0)
      return rc;
    key = mproc__authkey_get();
    keylen = MPROC_AUTHKEY_LEN;
  }
  uint8_t tag[MPROC__AUTH_TAG_LEN];
  int rc = mproc__auth_address_tag(key, keylen, p->address, alen, tag);
  if (rc < 0)
    return rc;
  /* A lease on the object, so that the sender may destroy its proxy as
   * soon as this returns (mproc.h, MPROC_PROXY_LEASE_SECONDS). A manager
   * that cannot grant one (gone, say) leaves the bytes without: the copy
   * then fails at its first call, as the sender's own proxy would. */
  bool leased = mproc__proxy_call(p, "encoding a proxy", -1, M_LEASE, 0, NULL,
                                  0, NULL, NULL) == 0;
  if (!leased)
    mproc__err_clear();
  mproc__put_u8(b, (uint8_t)p->kind);
  mproc__put_u64(b, p->id);
  mproc__put_u32(b, (uint32_t)alen);
  mproc__put_raw(b, p->address, alen);
  mproc__put_raw(b, tag, sizeof tag);
  if (ctx) {
    mproc__put_u32(b, (uint32_t)p->keylen);
    mproc__put_raw(b, p->key, p->keylen);
  } else {
    mproc__put_u32(b, 0);
  }
  mproc__put_u8(b, leased ? 1 : 0);
  /* Its server's protocol, so that the copy speaks it too. */
  mproc__put_u8(b, (uint8_t)p->wire->protocol);
  if (p->kind == K_USER) { /* its type's name, last (registry.c) */
    size_t tlen = strlen(p->tname);
    mproc__put_u32(b, (uint32_t)tlen);
    mproc__put_raw(b, p->tname, tlen);
  }
  return 0;
}

static int proxy_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  (void)id;
  uint8_t kind = mproc__get_u8(r);
  uint64_t oid = mproc__get_u64(r);
  uint32_t alen = mproc__get_u32(r);
  const uint8_t *addr = mproc__get_raw(r, alen);
  const uint8_t *tag = mproc__get_raw(r, MPROC__AUTH_TAG_LEN);
  uint32_t klen = mproc__get_u32(r);
  const uint8_t *key = mproc__get_raw(r, klen);
  uint8_t leased = mproc__get_u8(r);
  const mproc__cwire_t *wire = mproc__cwire_of(mproc__get_u8(r));
  uint32_t tlen = 0;
  const uint8_t *tname = NULL;
  if (kind == K_USER) {
    tlen = mproc__get_u32(r);
    tname = mproc__get_raw(r, tlen);
    if (tlen == 0 || tlen >= MPROC__TYPENAME_MAX ||
        (tname && memchr(tname, 0, tlen)))
      r->err = true;
  }
  if (r->err || leased > 1 || !wire || kind == 0 || kind >= K_MAX ||
      alen == 0 || alen >= MPROC__ADDR_MAX || memchr(addr, 0, alen) ||
      klen > MPROC_AUTHKEY_MAX)
    return mproc__err(MPROC_E_DECODE, "malformed proxy");
  /* The encoder writes a key only into a start record (proxy_reduce); one
   * anywhere else is not ours, and must not choose the key we answer
   * challenges with. */
  if (klen != 0 && !mproc__decoding_start_record())
    return mproc__err(MPROC_E_DECODE, "a proxy's key outside a start record");
  char address[MPROC__ADDR_MAX];
  memcpy(address, addr, alen);
  address[alen] = '\0';
  if (klen == 0) {
    int rc = mproc__authkey_ensure();
    if (rc < 0)
      return rc;
    key = mproc__authkey_get();
    klen = MPROC_AUTHKEY_LEN;
  }
  if (!mproc__auth_address_tag_ok(key, klen, address, alen, tag))
    return mproc__err(MPROC_E_PERM,
                      "a proxy for \"%s\" whose tag does not verify under "
                      "this process's auth key: refused (the bytes were not "
                      "made by a process that holds the key)",
                      address);
  mproc_proxy_t *p = NULL;
  int rc = mproc__proxy_new(address, key, klen, wire, kind, oid, &p);
  if (rc < 0)
    return rc;
  p->leased = leased;
  /* A child's argument: its lease is this process's to drop, used or not.
   * A copy decoded elsewhere (a queue's item, or a server looking for the
   * proxies inside a stored value) drops it only once it has used it: the
   * same bytes may be decoded more than once, and a second drop would
   * free an object another holder still uses. */
  if (leased && wire->client_refs && mproc__decoding_start_record())
    mproc__proxy_hook(p);
  if (tname) {
    memcpy(p->tname, tname, tlen);
    p->tname[tlen] = '\0';
  }
  *out = &p->hdr;
  return 0;
}

static void proxy_destroy_obj(mproc_object_t *o) {
  mproc_proxy_destroy((mproc_proxy_t *)o);
}

const mproc__type_t mproc__proxy_type = {"Proxy", false, proxy_reduce,
                                         proxy_rebuild, proxy_destroy_obj};

/* ------------------------------------------------------------------------ */
/* Proxy operations                                                         */
/* ------------------------------------------------------------------------ */

#define KM(k) (1 << (k))
#define KM_LOCKS (KM(K_LOCK) | KM(K_RLOCK) | KM(K_CONDITION))
#define KM_SEMS (KM(K_SEMAPHORE) | KM(K_BOUNDED_SEMAPHORE))
#define KM_QUEUES (KM(K_QUEUE) | KM(K_JOINABLE_QUEUE))

/* A call whose one result is an encoded value, decoded for the caller. */
static int call_value(mproc_proxy_t *p, const char *what, int mask, int64_t op,
                      double timeout, const mproc_value_t *args, size_t nargs,
                      mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  mproc_value_t *res = NULL;
  size_t nres = 0, n = 0;
  const void *b;
  size_t blen;
  int rc =
      mproc__proxy_call(p, what, mask, op, timeout, args, nargs, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 1 || mproc_value_as_bytes(&res[0], &b, &blen) != 0)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if ((rc = mproc_decode(b, blen, out, &n)) == 0 && n != 1) {
    mproc_values_free(*out, n);
    *out = NULL;
    rc = mproc__err(MPROC_E_DECODE, "a stored value is not one value");
  }
  mproc_values_free(res, nres);
  return rc;
}

/* A call whose one result is an int (or bool). */
static int call_int(mproc_proxy_t *p, const char *what, int mask, int64_t op,
                    double timeout, int64_t *out) {
  mproc_value_t *res = NULL;
  size_t nres = 0;
  bool bv;
  int rc = mproc__proxy_call(p, what, mask, op, timeout, NULL, 0, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres >= 1 && mproc_value_as_int(&res[0], out) == 0)
    rc = 0;
  else if (nres >= 1 && mproc_value_as_bool(&res[0], &bv) == 0)
    *out = bv;
  else
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  return rc;
}

/* Encodes @p v for the server, into @p enc (freed by the caller). */
static int encode_one(const mproc_value_t *v, void **enc, size_t *len,
                      const char *what) {
  *enc = NULL;
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  return mproc_encode(v, 1, enc, len);
}

int mproc_proxy_acquire(mproc_proxy_t *p, double timeout) {
  return mproc__proxy_call(p, __func__, KM_LOCKS | KM_SEMS, M_ACQUIRE, timeout,
                           NULL, 0, NULL, NULL);
}
int mproc_proxy_release(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM_LOCKS | KM_SEMS, M_RELEASE, 0, NULL,
                           0, NULL, NULL);
}
int mproc_proxy_lock_value(mproc_proxy_t *p, int64_t *out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return call_int(p, __func__, KM_LOCKS | KM_SEMS, M_LOCK_VALUE, 0, out);
}

int mproc_proxy_condition_wait(mproc_proxy_t *p, double timeout) {
  return mproc__proxy_call(p, __func__, KM(K_CONDITION), M_COND_WAIT, timeout,
                           NULL, 0, NULL, NULL);
}
int mproc_proxy_condition_notify(mproc_proxy_t *p, unsigned int n) {
  mproc_value_t a = mproc_int(n);
  return mproc__proxy_call(p, __func__, KM(K_CONDITION), M_COND_NOTIFY, 0, &a,
                           1, NULL, NULL);
}
int mproc_proxy_condition_notify_all(mproc_proxy_t *p) {
  mproc_value_t a = mproc_int(-1);
  return mproc__proxy_call(p, __func__, KM(K_CONDITION), M_COND_NOTIFY, 0, &a,
                           1, NULL, NULL);
}

int mproc_proxy_event_set(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM(K_EVENT), M_EVENT_SET, 0, NULL, 0,
                           NULL, NULL);
}
int mproc_proxy_event_clear(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM(K_EVENT), M_EVENT_CLEAR, 0, NULL, 0,
                           NULL, NULL);
}
int mproc_proxy_event_is_set(mproc_proxy_t *p) {
  int64_t v = 0;
  int rc = call_int(p, __func__, KM(K_EVENT), M_EVENT_IS_SET, 0, &v);
  return rc < 0 ? rc : (v ? 1 : 0);
}
int mproc_proxy_event_wait(mproc_proxy_t *p, double timeout) {
  return mproc__proxy_call(p, __func__, KM(K_EVENT), M_EVENT_WAIT, timeout,
                           NULL, 0, NULL, NULL);
}

int mproc_proxy_barrier_wait(mproc_proxy_t *p, double timeout, int64_t *index) {
  int64_t v = 0;
  int rc = 0;
  if (timeout == MPROC_DEFAULT_TIMEOUT && /* the Barrier's, from the server */
      (rc = mproc__proxy_barrier_default_timeout(p, &timeout)) < 0)
    return rc;
  rc = call_int(p, __func__, KM(K_BARRIER), M_BARRIER_WAIT, timeout, &v);
  if (rc == 0 && index)
    *index = v;
  return rc;
}
int mproc_proxy_barrier_abort(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM(K_BARRIER), M_BARRIER_ABORT, 0, NULL,
                           0, NULL, NULL);
}
int mproc_proxy_barrier_reset(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM(K_BARRIER), M_BARRIER_RESET, 0, NULL,
                           0, NULL, NULL);
}

int mproc_proxy_queue_put(mproc_proxy_t *p, const mproc_value_t *v,
                          double timeout) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = mproc__proxy_call(p, __func__, KM_QUEUES, M_QUEUE_PUT, timeout, &a, 1,
                         NULL, NULL);
  free(enc);
  return rc;
}
int mproc_proxy_queue_get(mproc_proxy_t *p, mproc_value_t **out,
                          double timeout) {
  return call_value(p, __func__, KM_QUEUES, M_QUEUE_GET, timeout, NULL, 0, out);
}
int mproc_proxy_queue_size(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int rc = call_int(p, __func__, KM_QUEUES, M_QUEUE_SIZE, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}
int mproc_proxy_queue_full(mproc_proxy_t *p) {
  int64_t v = 0;
  int rc = call_int(p, __func__, KM_QUEUES, M_QUEUE_FULL, 0, &v);
  return rc < 0 ? rc : (v ? 1 : 0);
}
/* Both kinds: CPython's manager Queue() is a queue.Queue, which has
 * task_done() and join() as JoinableQueue has. */
int mproc_proxy_queue_task_done(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM_QUEUES, M_QUEUE_TASK_DONE, 0, NULL,
                           0, NULL, NULL);
}
int mproc_proxy_queue_join(mproc_proxy_t *p, double timeout) {
  return mproc__proxy_call(p, __func__, KM_QUEUES, M_QUEUE_JOIN, timeout, NULL,
                           0, NULL, NULL);
}

int mproc_proxy_value_get(mproc_proxy_t *p, mproc_value_t **out) {
  return call_value(p, __func__, KM(K_VALUE), M_VALUE_GET, 0, NULL, 0, out);
}
int mproc_proxy_value_set(mproc_proxy_t *p, const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = mproc__proxy_call(p, __func__, KM(K_VALUE), M_VALUE_SET, 0, &a, 1, NULL,
                         NULL);
  free(enc);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* dict and list                                                            */
/* ------------------------------------------------------------------------ */

/*
 * A dict's keys travel as values (the server compares them as Python does);
 * every other value as its encoding, which the server stores untouched.
 * A key is checked here, so that an unhashable one is CPython's TypeError
 * before anything is sent.
 */
static int key_check(const mproc_value_t *key, const char *what) {
  uint64_t h;
  if (!key)
    return mproc__err(MPROC_E_INVAL, "%s: NULL key", what);
  return mproc__key_hash(key, &h, what);
}

int mproc__proxy_stored_value(const mproc_value_t *r, mproc_value_t **out) {
  const void *b;
  size_t blen, n = 0;
  if (mproc_value_as_bytes(r, &b, &blen) != 0)
    return mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  int rc = mproc_decode(b, blen, out, &n);
  if (rc == 0 && n != 1) {
    mproc_values_free(*out, n);
    *out = NULL;
    rc = mproc__err(MPROC_E_DECODE, "a stored value is not one value");
  }
  return rc;
}

typedef mproc__wlist_t wlist_t;

void mproc__wlist_free(mproc__wlist_t *w) {
  for (size_t i = 0; i < w->nbufs; i++)
    mproc_free(w->bufs[i]);
  free(w->bufs);
  free(w->vals);
  w->vals = NULL;
  w->bufs = NULL;
  w->n = w->nbufs = 0;
}

/* Appends @p v encoded. */
static int wlist_encode(wlist_t *w, const mproc_value_t *v) {
  size_t len;
  int rc = mproc_encode(v, 1, &w->bufs[w->nbufs], &len);
  if (rc < 0)
    return rc;
  w->vals[w->n++] = mproc_bytes(w->bufs[w->nbufs++], len);
  return 0;
}

static int wlist_alloc(wlist_t *w, size_t n) {
  w->vals = malloc((n ? n : 1) * sizeof *w->vals);
  w->bufs = malloc((n ? n : 1) * sizeof *w->bufs);
  w->n = w->nbufs = 0;
  if (!w->vals || !w->bufs) {
    mproc__wlist_free(w);
    return mproc__err(MPROC_E_NOMEM, "encoding items");
  }
  return 0;
}

/* A list's items from an iterable value (a list or a tuple), as CPython's
 * list.extend() takes one. */
int mproc__wlist_items(mproc__wlist_t *w, const mproc_value_t *seq,
                       const char *what) {
  if (!seq)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  if (seq->type != MPROC_VALUE_LIST && seq->type != MPROC_VALUE_TUPLE)
    return mproc__err(MPROC_E_TYPE, "%s: '%s' object is not iterable", what,
                      mproc_value_type_name(seq));
  int rc = wlist_alloc(w, seq->u.seq.n);
  for (size_t i = 0; rc == 0 && i < seq->u.seq.n; i++)
    rc = wlist_encode(w, &seq->u.seq.items[i]);
  if (rc < 0)
    mproc__wlist_free(w);
  return rc;
}

/* A dict's entries from a dict value, or from a list or tuple of pairs, as
 * CPython's dict.update() takes them. */
int mproc__wlist_entries(mproc__wlist_t *w, const mproc_value_t *src,
                         const char *what) {
  if (!src)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  bool is_dict = src->type == MPROC_VALUE_DICT;
  if (!is_dict && src->type != MPROC_VALUE_LIST &&
      src->type != MPROC_VALUE_TUPLE)
    return mproc__err(MPROC_E_TYPE, "%s: '%s' object is not iterable", what,
                      mproc_value_type_name(src));
  size_t n = is_dict ? src->u.dict.n : src->u.seq.n;
  int rc = wlist_alloc(w, 2 * n);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const mproc_value_t *k, *v;
    if (is_dict) {
      k = &src->u.dict.items[2 * i];
      v = &src->u.dict.items[2 * i + 1];
    } else {
      const mproc_value_t *pair = &src->u.seq.items[i];
      if (pair->type != MPROC_VALUE_LIST && pair->type != MPROC_VALUE_TUPLE) {
        rc = mproc__err(MPROC_E_TYPE,
                        "cannot convert dictionary update sequence element "
                        "#%zu to a sequence",
                        i);
        break;
      }
      if (pair->u.seq.n != 2) {
        rc = mproc__err(MPROC_E_VALUE,
                        "dictionary update sequence element #%zu has length "
                        "%zu; 2 is required",
                        i, pair->u.seq.n);
        break;
      }
      k = &pair->u.seq.items[0];
      v = &pair->u.seq.items[1];
    }
    if ((rc = key_check(k, what)) == 0) {
      w->vals[w->n++] = *k;
      rc = wlist_encode(w, v);
    }
  }
  if (rc < 0)
    mproc__wlist_free(w);
  return rc;
}

/* A call with a key first and maybe an encoded value, whose result (if
 * @p out) is one stored value, or None meaning "missing" when
 * @p dflt_given: then *out is a copy of @p dflt (None if NULL). */
static int dict_key_call(mproc_proxy_t *p, const char *what, int64_t op,
                         const mproc_value_t *key, const mproc_value_t *v,
                         bool missing_ok, const mproc_value_t *dflt,
                         mproc_value_t **out) {
  void *enc = NULL;
  size_t len = 0, na = 1, nres = 0;
  mproc_value_t a[2], *res = NULL;
  if (out)
    *out = NULL;
  int rc = key_check(key, what);
  if (rc < 0)
    return rc;
  a[0] = *key;
  if (v) {
    if ((rc = encode_one(v, &enc, &len, what)) < 0)
      return rc;
    a[na++] = mproc_bytes(enc, len);
  } else if (missing_ok) {
    a[na++] = mproc_bool(true);
  }
  rc = mproc__proxy_call(p, what, KM(K_DICT), op, 0, a, na, out ? &res : NULL,
                         out ? &nres : NULL);
  mproc_free(enc);
  if (rc < 0 || !out)
    return rc;
  if (nres < 1)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if (res[0].type == MPROC_VALUE_NONE && missing_ok) {
    mproc_value_t none = mproc_none();
    rc = mproc_value_copy(dflt ? dflt : &none, 1, out);
  } else {
    rc = mproc__proxy_stored_value(&res[0], out);
  }
  mproc_values_free(res, nres);
  return rc;
}

int mproc_proxy_dict_set(mproc_proxy_t *p, const mproc_value_t *key,
                         const mproc_value_t *v) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  return dict_key_call(p, __func__, M_DICT_SET, key, v, false, NULL, NULL);
}
int mproc_proxy_dict_get(mproc_proxy_t *p, const mproc_value_t *key,
                         mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return dict_key_call(p, __func__, M_DICT_GET, key, NULL, false, NULL, out);
}
int mproc_proxy_dict_get_default(mproc_proxy_t *p, const mproc_value_t *key,
                                 const mproc_value_t *dflt,
                                 mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return dict_key_call(p, __func__, M_DICT_GET, key, NULL, true, dflt, out);
}
int mproc_proxy_dict_del(mproc_proxy_t *p, const mproc_value_t *key) {
  return dict_key_call(p, __func__, M_DICT_DEL, key, NULL, false, NULL, NULL);
}
int mproc_proxy_dict_pop(mproc_proxy_t *p, const mproc_value_t *key,
                         const mproc_value_t *dflt, mproc_value_t **out) {
  mproc_value_t *got = NULL;
  int rc = dict_key_call(p, __func__, M_DICT_POP, key, NULL, dflt != NULL, dflt,
                         &got);
  if (rc == 0 && out)
    *out = got;
  else
    mproc_values_free(got, got ? 1 : 0);
  return rc;
}
int mproc_proxy_dict_setdefault(mproc_proxy_t *p, const mproc_value_t *key,
                                const mproc_value_t *dflt,
                                mproc_value_t **out) {
  mproc_value_t none = mproc_none(), *got = NULL;
  int rc = dict_key_call(p, __func__, M_DICT_SETDEFAULT, key,
                         dflt ? dflt : &none, false, NULL, &got);
  if (rc == 0 && out)
    *out = got;
  else
    mproc_values_free(got, got ? 1 : 0);
  return rc;
}
int mproc_proxy_dict_contains(mproc_proxy_t *p, const mproc_value_t *key) {
  mproc_value_t *res = NULL;
  size_t nres = 0;
  bool b = false;
  int rc = key_check(key, __func__);
  if (rc < 0)
    return rc;
  rc = mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_CONTAINS, 0, key, 1,
                         &res, &nres);
  if (rc == 0 && (nres < 1 || mproc_value_as_bool(&res[0], &b) != 0))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  return rc < 0 ? rc : (b ? 1 : 0);
}
int mproc_proxy_dict_len(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int rc = call_int(p, __func__, KM(K_DICT), M_DICT_LEN, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}
int mproc_proxy_dict_popitem(mproc_proxy_t *p, mproc_value_t **out) {
  mproc_value_t *res = NULL, *v = NULL;
  size_t nres = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  int rc = mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_POPITEM, 0, NULL,
                             0, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 2)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if ((rc = mproc__proxy_stored_value(&res[1], &v)) == 0) {
    mproc_value_t pair[2] = {res[0], v[0]};
    mproc_value_t t = mproc_tuple(pair, 2);
    rc = mproc_value_copy(&t, 1, out);
    mproc_values_free(v, 1);
  }
  mproc_values_free(res, nres);
  return rc;
}
int mproc_proxy_dict_update(mproc_proxy_t *p, const mproc_value_t *other) {
  wlist_t w;
  int rc = mproc__wlist_entries(&w, other, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_list(w.vals, w.n);
  rc = mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_UPDATE, 0, &a, 1, NULL,
                         NULL);
  mproc__wlist_free(&w);
  return rc;
}
int mproc_proxy_dict_clear(mproc_proxy_t *p) {
  return mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_CLEAR, 0, NULL, 0,
                           NULL, NULL);
}

/* keys(), values(), items() and copy(): one request, the result built
 * here from the keys and the stored encodings the server sends. */
static int dict_listing(mproc_proxy_t *p, const char *what, int64_t which,
                        mproc_value_type_t type, mproc_value_t **out) {
  mproc_value_t *res = NULL, a = mproc_int(which);
  size_t nres = 0;
  mproc_builder_t *b = NULL;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  int rc = mproc__proxy_call(p, what, KM(K_DICT), M_DICT_ITEMS, 0, &a, 1, &res,
                             &nres);
  if (rc < 0)
    return rc;
  if (nres < 1 || res[0].type != MPROC_VALUE_LIST) {
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
    goto done;
  }
  const mproc_value_t *it = res[0].u.seq.items;
  size_t n = res[0].u.seq.n;
  if (which == DICT_KEYS) { /* keys are values already */
    rc = mproc_value_copy(&res[0], 1, out);
    goto done;
  }
  if ((rc = mproc_builder_new(&b, type)) < 0)
    goto done;
  size_t per = which == DICT_ITEMS ? 2 : 1;
  if (n % per) {
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
    goto done;
  }
  for (size_t i = 0; i < n && rc == 0; i += per) {
    mproc_value_t *v = NULL;
    if ((rc = mproc__proxy_stored_value(&it[i + per - 1], &v)) < 0)
      break;
    if (type == MPROC_VALUE_DICT) {
      rc = mproc_builder_set(b, &it[i], v);
    } else if (per == 2) {
      mproc_value_t pair[2] = {it[i], v[0]};
      mproc_value_t t = mproc_tuple(pair, 2);
      rc = mproc_builder_append(b, &t);
    } else {
      rc = mproc_builder_append(b, v);
    }
    mproc_values_free(v, 1);
  }
  if (rc == 0) {
    rc = mproc_builder_finish(b, out);
    b = NULL;
  }
done:
  mproc_builder_free(b);
  mproc_values_free(res, nres);
  return rc;
}
int mproc_proxy_dict_keys(mproc_proxy_t *p, mproc_value_t **out) {
  return dict_listing(p, __func__, DICT_KEYS, MPROC_VALUE_LIST, out);
}
int mproc_proxy_dict_values(mproc_proxy_t *p, mproc_value_t **out) {
  return dict_listing(p, __func__, DICT_VALUES, MPROC_VALUE_LIST, out);
}
int mproc_proxy_dict_items(mproc_proxy_t *p, mproc_value_t **out) {
  return dict_listing(p, __func__, DICT_ITEMS, MPROC_VALUE_LIST, out);
}
int mproc_proxy_dict_copy(mproc_proxy_t *p, mproc_value_t **out) {
  return dict_listing(p, __func__, DICT_ITEMS, MPROC_VALUE_DICT, out);
}

/* ------------------------------------------------------------------------ */
/* Iteration in batches                                                     */
/* ------------------------------------------------------------------------ */

#define CURSOR_MAGIC 0x63757273u /* "curs" */

struct mproc_proxy_cursor {
  uint32_t magic;
  const mproc_proxy_t *p;
  int kind;
  /* Where the next batch starts; a dict's version and length when the
   * iteration began (the server refuses a batch at another version). */
  int64_t pos, version, len0;
  mproc_value_t *res; /* the reply holding the batch */
  size_t nres;
  const mproc_value_t *batch; /* its items (a dict's: key, bytes, ...) */
  size_t nbatch, at;
  mproc_value_t *cur; /* the value handed out last */
};

void mproc_proxy_cursor_free(mproc_proxy_cursor_t *c) {
  if (!c || c->magic != CURSOR_MAGIC)
    return;
  mproc_values_free(c->res, c->nres);
  mproc_values_free(c->cur, c->cur ? 1 : 0);
  c->magic = 0;
  free(c);
}

/* The next batch into @p c: 0, MPROC_E_DONE at the end, or an error. */
static int cursor_fetch(mproc_proxy_t *p, mproc_proxy_cursor_t *c,
                        const char *what) {
  mproc_values_free(c->res, c->nres);
  c->res = NULL;
  c->nres = 0;
  c->batch = NULL;
  c->nbatch = c->at = 0;
  mproc_value_t a[3] = {mproc_int(c->pos), mproc_int(c->version),
                        mproc_int(c->len0)};
  bool dict = c->kind == K_DICT;
  int rc =
      mproc__proxy_call(p, what, KM(c->kind), dict ? M_DICT_NEXT : M_LIST_NEXT,
                        0, a, dict ? 3 : 1, &c->res, &c->nres);
  if (rc < 0)
    return rc;
  size_t li = dict ? 3 : 0;
  int64_t next = 0;
  if (c->nres <= li || c->res[li].type != MPROC_VALUE_LIST ||
      (dict && (mproc_value_as_int(&c->res[0], &next) != 0 ||
                mproc_value_as_int(&c->res[1], &c->version) != 0 ||
                mproc_value_as_int(&c->res[2], &c->len0) != 0)) ||
      (dict && c->res[li].u.seq.n % 2))
    return mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  c->batch = c->res[li].u.seq.items;
  c->nbatch = c->res[li].u.seq.n / (dict ? 2 : 1);
  c->pos = dict ? next : c->pos + (int64_t)c->nbatch;
  if (c->nbatch == 0)
    return mproc__err(MPROC_E_DONE, "%s: no more items", what);
  return 0;
}

static int cursor_next(mproc_proxy_t *p, mproc_proxy_cursor_t **cursor,
                       int kind, const mproc_value_t **key,
                       const mproc_value_t **value, const char *what) {
  if (!cursor || !value || (kind == K_DICT && !key))
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", what);
  *value = NULL;
  if (key)
    *key = NULL;
  mproc_proxy_cursor_t *c = *cursor;
  if (!c) {
    if (!mproc__proxy_ok(p, what))
      return p ? MPROC_E_TYPE : MPROC_E_INVAL;
    c = calloc(1, sizeof *c);
    if (!c)
      return mproc__err(MPROC_E_NOMEM, "%s: a cursor", what);
    c->magic = CURSOR_MAGIC;
    c->p = p;
    c->kind = kind;
    c->version = -1;
    *cursor = c;
  } else if (c->magic != CURSOR_MAGIC || c->p != p || c->kind != kind) {
    return mproc__err(MPROC_E_INVAL, "%s: a cursor of another proxy", what);
  }
  mproc_values_free(c->cur, c->cur ? 1 : 0);
  c->cur = NULL;
  int rc = 0;
  if (c->at == c->nbatch)
    rc = cursor_fetch(p, c, what);
  if (rc == 0) {
    size_t i = kind == K_DICT ? 2 * c->at + 1 : c->at;
    rc = mproc__proxy_stored_value(&c->batch[i], &c->cur);
  }
  if (rc < 0) { /* the end, or an error: the cursor is spent */
    mproc_proxy_cursor_free(c);
    *cursor = NULL;
    return rc;
  }
  if (key)
    *key = &c->batch[2 * c->at];
  *value = c->cur;
  c->at++;
  return 0;
}

int mproc_proxy_dict_next(mproc_proxy_t *p, mproc_proxy_cursor_t **cursor,
                          const mproc_value_t **key,
                          const mproc_value_t **value) {
  return cursor_next(p, cursor, K_DICT, key, value, __func__);
}
int mproc_proxy_list_next(mproc_proxy_t *p, mproc_proxy_cursor_t **cursor,
                          const mproc_value_t **item) {
  return cursor_next(p, cursor, K_LIST, NULL, item, __func__);
}

/* ------------------------------------------------------------------------ */
/* list                                                                     */
/* ------------------------------------------------------------------------ */

/* A list call whose arguments are ints and then, if @p v, one encoded
 * value; its result, if @p out, one stored value. */
static int list_call(mproc_proxy_t *p, const char *what, int64_t op,
                     const int64_t *ints, size_t nints, const mproc_value_t *v,
                     mproc_value_t **out) {
  mproc_value_t a[MPROC__REQUEST_ARGS_MAX], *res = NULL;
  size_t na = 0, nres = 0, len = 0;
  void *enc = NULL;
  int rc;
  /* gcc 12 -O3 cannot tell that only the na filled slots are read */
  memset(a, 0, sizeof a);
  if (out)
    *out = NULL;
  if (v && (rc = encode_one(v, &enc, &len, what)) < 0)
    return rc;
  if (v && op != M_LIST_INSERT && op != M_LIST_SET)
    a[na++] = mproc_bytes(enc, len); /* the value first (remove, index...) */
  for (size_t i = 0; i < nints; i++)
    a[na++] = mproc_int(ints[i]);
  if (v && (op == M_LIST_INSERT || op == M_LIST_SET))
    a[na++] = mproc_bytes(enc, len);
  rc = mproc__proxy_call(p, what, KM(K_LIST), op, 0, a, na, out ? &res : NULL,
                         out ? &nres : NULL);
  mproc_free(enc);
  if (rc == 0 && out) {
    rc = nres < 1
             ? mproc__err(MPROC_E_DECODE, "malformed reply from the manager")
             : mproc__proxy_stored_value(&res[0], out);
    mproc_values_free(res, nres);
  }
  return rc;
}

/* A list call whose result is an int. */
static int list_call_int(mproc_proxy_t *p, const char *what, int64_t op,
                         const mproc_value_t *v, const int64_t *ints,
                         size_t nints, int64_t *out) {
  mproc_value_t a[MPROC__REQUEST_ARGS_MAX], *res = NULL;
  size_t na = 0, nres = 0, len = 0;
  void *enc = NULL;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  int rc = encode_one(v, &enc, &len, what);
  if (rc < 0)
    return rc;
  a[na++] = mproc_bytes(enc, len);
  for (size_t i = 0; i < nints; i++)
    a[na++] = mproc_int(ints[i]);
  rc = mproc__proxy_call(p, what, KM(K_LIST), op, 0, a, na, &res, &nres);
  mproc_free(enc);
  if (rc == 0 && (nres < 1 || mproc_value_as_int(&res[0], out) != 0))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  return rc;
}

int mproc_proxy_list_append(mproc_proxy_t *p, const mproc_value_t *v) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  return list_call(p, __func__, M_LIST_APPEND, NULL, 0, v, NULL);
}
int mproc_proxy_list_get(mproc_proxy_t *p, int64_t index, mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return list_call(p, __func__, M_LIST_GET, &index, 1, NULL, out);
}
int mproc_proxy_list_set(mproc_proxy_t *p, int64_t index,
                         const mproc_value_t *v) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  return list_call(p, __func__, M_LIST_SET, &index, 1, v, NULL);
}
int mproc_proxy_list_del(mproc_proxy_t *p, int64_t index) {
  return list_call(p, __func__, M_LIST_DEL, &index, 1, NULL, NULL);
}
int mproc_proxy_list_insert(mproc_proxy_t *p, int64_t index,
                            const mproc_value_t *v) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  return list_call(p, __func__, M_LIST_INSERT, &index, 1, v, NULL);
}
int mproc_proxy_list_pop(mproc_proxy_t *p, int64_t index, mproc_value_t **out) {
  mproc_value_t *got = NULL;
  int rc = list_call(p, __func__, M_LIST_POP, &index, 1, NULL, &got);
  if (rc == 0 && out)
    *out = got;
  else
    mproc_values_free(got, got ? 1 : 0);
  return rc;
}
int mproc_proxy_list_remove(mproc_proxy_t *p, const mproc_value_t *v) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  return list_call(p, __func__, M_LIST_REMOVE, NULL, 0, v, NULL);
}
int mproc_proxy_list_index(mproc_proxy_t *p, const mproc_value_t *v,
                           int64_t start, int64_t stop, size_t *out) {
  int64_t bounds[2] = {start, stop}, i = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int rc = list_call_int(p, __func__, M_LIST_INDEX, v, bounds, 2, &i);
  if (rc == 0)
    *out = (size_t)i;
  return rc;
}
int mproc_proxy_list_count(mproc_proxy_t *p, const mproc_value_t *v,
                           size_t *out) {
  int64_t n = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int rc = list_call_int(p, __func__, M_LIST_COUNT, v, NULL, 0, &n);
  if (rc == 0)
    *out = (size_t)n;
  return rc;
}
int mproc_proxy_list_reverse(mproc_proxy_t *p) {
  return list_call(p, __func__, M_LIST_REVERSE, NULL, 0, NULL, NULL);
}
int mproc_proxy_list_sort(mproc_proxy_t *p, bool reverse) {
  mproc_value_t a = mproc_bool(reverse);
  return mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_SORT, 0, &a, 1, NULL,
                           NULL);
}
int mproc_proxy_list_clear(mproc_proxy_t *p) {
  return list_call(p, __func__, M_LIST_CLEAR, NULL, 0, NULL, NULL);
}
int mproc_proxy_list_len(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int rc = call_int(p, __func__, KM(K_LIST), M_LIST_LEN, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}
int mproc_proxy_list_extend(mproc_proxy_t *p, const mproc_value_t *items) {
  wlist_t w;
  int rc = mproc__wlist_items(&w, items, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_list(w.vals, w.n);
  rc = mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_EXTEND, 0, &a, 1, NULL,
                         NULL);
  mproc__wlist_free(&w);
  return rc;
}

int mproc_proxy_list_get_slice(mproc_proxy_t *p, int64_t start, int64_t stop,
                               int64_t step, mproc_value_t **out) {
  mproc_value_t a[3] = {mproc_int(start), mproc_int(stop), mproc_int(step)};
  mproc_value_t *res = NULL;
  size_t nres = 0;
  mproc_builder_t *b = NULL;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  int rc = mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_SLICE_GET, 0, a, 3,
                             &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 1 || res[0].type != MPROC_VALUE_LIST)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else
    rc = mproc_builder_new(&b, MPROC_VALUE_LIST);
  for (size_t i = 0; rc == 0 && i < res[0].u.seq.n; i++) {
    mproc_value_t *v = NULL;
    if ((rc = mproc__proxy_stored_value(&res[0].u.seq.items[i], &v)) == 0) {
      rc = mproc_builder_append(b, v);
      mproc_values_free(v, 1);
    }
  }
  if (rc == 0) {
    rc = mproc_builder_finish(b, out);
    b = NULL;
  }
  mproc_builder_free(b);
  mproc_values_free(res, nres);
  return rc;
}
int mproc_proxy_list_set_slice(mproc_proxy_t *p, int64_t start, int64_t stop,
                               int64_t step, const mproc_value_t *items) {
  wlist_t w;
  if (items && items->type != MPROC_VALUE_LIST &&
      items->type != MPROC_VALUE_TUPLE)
    return mproc__err(MPROC_E_TYPE, "%s: can only assign an iterable",
                      __func__);
  int rc = mproc__wlist_items(&w, items, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a[4] = {mproc_int(start), mproc_int(stop), mproc_int(step),
                        mproc_list(w.vals, w.n)};
  rc = mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_SLICE_SET, 0, a, 4,
                         NULL, NULL);
  mproc__wlist_free(&w);
  return rc;
}
int mproc_proxy_list_del_slice(mproc_proxy_t *p, int64_t start, int64_t stop,
                               int64_t step) {
  int64_t a[3] = {start, stop, step};
  return list_call(p, __func__, M_LIST_SLICE_DEL, a, 3, NULL, NULL);
}
