/*
 * Proxies: the objects that reach a manager's hosted objects from any
 * process. A proxy crosses anywhere (it carries an address, an object id
 * and a kind), and each operation is one request and its reply through the
 * client (client.c).
 */
#include "manager/manager.h"

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
                     int kind, uint64_t id, mproc_proxy_t **out) {
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
  return mproc__kind_names[p->kind];
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
  if (r->err || kind == 0 || kind >= K_MAX || alen == 0 ||
      alen >= MPROC__ADDR_MAX || memchr(addr, 0, alen) ||
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
  int rc = mproc__proxy_new(address, key, klen, kind, oid, &p);
  if (rc < 0)
    return rc;
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
  int rc = call_int(p, __func__, KM(K_BARRIER), M_BARRIER_WAIT, timeout, &v);
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

int mproc_proxy_dict_set(mproc_proxy_t *p, const mproc_value_t *key,
                         const mproc_value_t *v) {
  void *ek = NULL, *ev = NULL;
  size_t lk, lv;
  int rc = encode_one(key, &ek, &lk, __func__);
  if (rc == 0)
    rc = encode_one(v, &ev, &lv, __func__);
  if (rc == 0) {
    mproc_value_t a[2] = {mproc_bytes(ek, lk), mproc_bytes(ev, lv)};
    rc = mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_SET, 0, a, 2, NULL,
                           NULL);
  }
  free(ek);
  free(ev);
  return rc;
}
int mproc_proxy_dict_get(mproc_proxy_t *p, const mproc_value_t *key,
                         mproc_value_t **out) {
  void *ek;
  size_t lk;
  if (out)
    *out = NULL;
  int rc = encode_one(key, &ek, &lk, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(ek, lk);
  rc = call_value(p, __func__, KM(K_DICT), M_DICT_GET, 0, &a, 1, out);
  free(ek);
  return rc;
}
int mproc_proxy_dict_del(mproc_proxy_t *p, const mproc_value_t *key) {
  void *ek;
  size_t lk;
  int rc = encode_one(key, &ek, &lk, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(ek, lk);
  rc = mproc__proxy_call(p, __func__, KM(K_DICT), M_DICT_DEL, 0, &a, 1, NULL,
                         NULL);
  free(ek);
  return rc;
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

int mproc_proxy_list_append(mproc_proxy_t *p, const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_APPEND, 0, &a, 1, NULL,
                         NULL);
  free(enc);
  return rc;
}
int mproc_proxy_list_get(mproc_proxy_t *p, int64_t index, mproc_value_t **out) {
  mproc_value_t a = mproc_int(index);
  return call_value(p, __func__, KM(K_LIST), M_LIST_GET, 0, &a, 1, out);
}
int mproc_proxy_list_set(mproc_proxy_t *p, int64_t index,
                         const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len, __func__);
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_int(index), mproc_bytes(enc, len)};
  rc = mproc__proxy_call(p, __func__, KM(K_LIST), M_LIST_SET, 0, a, 2, NULL,
                         NULL);
  free(enc);
  return rc;
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
