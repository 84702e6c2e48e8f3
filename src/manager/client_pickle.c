/* SPDX-License-Identifier: MIT */
/*
 * CPython's manager protocol, client side: mproc's proxies on a CPython
 * SyncManager or BaseManager server (multiprocessing/managers.py).
 *
 *   request := pickle (ident, methodname, args, kwds)
 *   reply   := pickle ('#RETURN', result) | ('#ERROR', exception)
 *            | ('#TRACEBACK', text) | ('#UNSERIALIZABLE', text)
 *
 * client.c speaks in mproc's terms (wire.h's ops, stored values as their
 * value encodings); this file turns each request into the method call a
 * CPython proxy would make, and each reply back into what mproc's own
 * server answers to that op, so that proxy.c never knows which server it
 * talks to. CPython's server answers its own functions (create, incref,
 * decref, ...) only as the first request of a connection, which it then
 * closes (one_shot()); a proxy's other connections start with
 * accept_connection and then call methods on any ident.
 *
 * Idents are CPython's '%x' % id(obj), held as the number they spell.
 */
#include "manager/wire.h"

#include "codec/codec.h"
#include "codec/pickle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Requests                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct preq {
  mproc__pk_arena_t *a;
  mproc__pk_t *args;
  mproc__pk_t *kwds;
  const char *method;
  uint64_t ident; /* 0: None */
} preq_t;

static bool one_shot(int64_t op) {
  switch (op) {
  case OP_CREATE:
  case OP_GET_NAMED:
  case OP_CREATE_USER:
  case OP_INCREF:
  case OP_DECREF:
  case M_LEASE:
  case OP_SHUTDOWN:
  case OP_PING:
  case OP_OBJECTS:
    return true;
  default:
    return false;
  }
}

/* The first byte of every pickle since protocol 2 (PROTO). */
static bool claims_reply(const uint8_t *buf, size_t len) {
  return len >= 2 && buf[0] == 0x80;
}

static int nomem(void) {
  return mproc__err(MPROC_E_NOMEM, "encoding a request for a CPython manager");
}

static int push(preq_t *r, mproc__pk_t *x) {
  return x && mproc__pk_push(r->args, x) == 0 ? 0 : nomem();
}

static mproc__pk_t *pk_none(preq_t *r) {
  return mproc__pk_new(r->a, MPROC__PK_NONE);
}

static mproc__pk_t *pk_bool(preq_t *r, bool b) {
  mproc__pk_t *x = mproc__pk_new(r->a, MPROC__PK_BOOL);
  if (x)
    x->b = b;
  return x;
}

static mproc__pk_t *pk_float(preq_t *r, double d) {
  mproc__pk_t *x = mproc__pk_new(r->a, MPROC__PK_FLOAT);
  if (x)
    x->d = d;
  return x;
}

static mproc__pk_t *pk_cstr(preq_t *r, const char *s) {
  return mproc__pk_str(r->a, s, strlen(s));
}

static mproc__pk_t *pk_ident(preq_t *r, uint64_t id) {
  char text[24];
  snprintf(text, sizeof text, "%llx", (unsigned long long)id);
  return pk_cstr(r, text);
}

static int bad(void) {
  return mproc__err(MPROC_E_INVAL, "a request without its arguments");
}

static int arg_int(const mproc__request_t *rq, size_t i, int64_t *v) {
  if (i >= rq->nargs || mproc_value_as_int(&rq->args[i], v) != 0)
    return bad();
  return 0;
}

/* A plain value argument (a key, an Array's item). */
static int push_value(preq_t *r, const mproc_value_t *v) {
  mproc__pk_t *x = NULL;
  int rc = mproc__pickle_from_value(r->a, v, &x);
  return rc < 0 ? rc : push(r, x);
}

/* A stored value argument (bytes: a value encoding, or a pickle). */
static int blob_node(preq_t *r, const mproc_value_t *v, mproc__pk_t **out) {
  const void *p;
  size_t n;
  if (!v || mproc_value_as_bytes(v, &p, &n) != 0)
    return mproc__err(MPROC_E_INVAL, "a request without its value");
  return mproc__pickle_from_blob(r->a, p, n, out);
}

static int push_blob(preq_t *r, const mproc_value_t *v) {
  mproc__pk_t *x = NULL;
  int rc = blob_node(r, v, &x);
  return rc < 0 ? rc : push(r, x);
}

/* A list value of stored values as a Python list. */
static int blobs_node(preq_t *r, const mproc_value_t *v, mproc__pk_t **out) {
  mproc__pk_t *l = mproc__pk_new(r->a, MPROC__PK_LIST);
  if (!l)
    return nomem();
  if (!v || v->type != MPROC_VALUE_LIST)
    return mproc__err(MPROC_E_INVAL, "a request without its items");
  for (size_t i = 0; i < v->u.seq.n; i++) {
    mproc__pk_t *x = NULL;
    int rc = blob_node(r, &v->u.seq.items[i], &x);
    if (rc < 0)
      return rc;
    if (mproc__pk_push(l, x) < 0)
      return nomem();
  }
  *out = l;
  return 0;
}

/* A list [key, stored, ...] as a Python dict. */
static int entries_node(preq_t *r, const mproc_value_t *v, mproc__pk_t **out) {
  mproc__pk_t *d = mproc__pk_new(r->a, MPROC__PK_DICT);
  if (!d)
    return nomem();
  if (v && v->type == MPROC_VALUE_LIST) {
    for (size_t i = 0; i + 1 < v->u.seq.n; i += 2) {
      mproc__pk_t *k = NULL, *x = NULL;
      int rc = mproc__pickle_from_value(r->a, &v->u.seq.items[i], &k);
      if (rc == 0)
        rc = blob_node(r, &v->u.seq.items[i + 1], &x);
      if (rc < 0)
        return rc;
      if (mproc__pk_push_kv(d, k, x) < 0)
        return nomem();
    }
  }
  *out = d;
  return 0;
}

/* slice(start, stop, step) as CPython pickles it: builtins.slice called
 * with the three. */
static mproc__pk_t *pk_slice(preq_t *r, const mproc__pk_t *start,
                             const mproc__pk_t *stop, const mproc__pk_t *step) {
  mproc__pk_t *x = mproc__pk_new(r->a, MPROC__PK_OBJ);
  mproc__pk_t *g = mproc__pk_global(r->a, "builtins", "slice");
  mproc__pk_t *t = mproc__pk_new(r->a, MPROC__PK_TUPLE);
  if (!x || !g || !t || !start || !stop || !step ||
      mproc__pk_push(t, (mproc__pk_t *)start) < 0 ||
      mproc__pk_push(t, (mproc__pk_t *)stop) < 0 ||
      mproc__pk_push(t, (mproc__pk_t *)step) < 0)
    return NULL;
  x->how = MPROC__PK_REDUCE;
  x->callable = g;
  x->args = t;
  return x;
}

static int push_slice3(preq_t *r, const mproc__request_t *rq) {
  int64_t v[3];
  for (size_t i = 0; i < 3; i++)
    if (arg_int(rq, i, &v[i]) < 0)
      return bad();
  return push(r,
              pk_slice(r, mproc__pk_int(r->a, v[0]), mproc__pk_int(r->a, v[1]),
                       mproc__pk_int(r->a, v[2])));
}

/* A wait's timeout: None for ever, else seconds. */
static mproc__pk_t *pk_timeout(preq_t *r, double t) {
  return t < 0 ? pk_none(r) : pk_float(r, t);
}

/* block and timeout, as queue.Queue's put and get take them. */
static int push_block(preq_t *r, double t) {
  if (t == 0)
    return push(r, pk_bool(r, false));
  if (t < 0)
    return 0;
  int rc = push(r, pk_bool(r, true));
  return rc < 0 ? rc : push(r, pk_float(r, t));
}

static int notsup(const char *what) {
  return mproc__err(MPROC_E_NOTSUP,
                    "%s: not possible through a CPython "
                    "manager's server",
                    what);
}

/* The typeid SyncManager registers for @p kind. */
static const char *typeid_of(int kind) {
  switch (kind) {
  case K_LOCK:
    return "Lock";
  case K_RLOCK:
    return "RLock";
  case K_SEMAPHORE:
    return "Semaphore";
  case K_BOUNDED_SEMAPHORE:
    return "BoundedSemaphore";
  case K_CONDITION:
    return "Condition";
  case K_EVENT:
    return "Event";
  case K_BARRIER:
    return "Barrier";
  case K_QUEUE:
    return "Queue";
  case K_JOINABLE_QUEUE:
    return "JoinableQueue";
  case K_VALUE:
    return "Value";
  case K_DICT:
    return "dict";
  case K_LIST:
    return "list";
  case K_NAMESPACE:
    return "Namespace";
  case K_ARRAY:
    return "Array";
  default:
    return NULL;
  }
}

/* create(typeid, *args): OP_CREATE's [kind, param, initial]. */
static int create_args(preq_t *r, const mproc__request_t *rq) {
  int64_t kind, param;
  int rc;
  if (arg_int(rq, 0, &kind) < 0 || arg_int(rq, 1, &param) < 0)
    return bad();
  const char *tid = typeid_of((int)kind);
  const mproc_value_t *init = rq->nargs > 2 ? &rq->args[2] : NULL;
  if (!tid)
    return notsup("creating this kind of object");
  r->method = "create";
  if ((rc = push(r, pk_cstr(r, tid))) < 0)
    return rc;
  switch (kind) {
  case K_QUEUE:
  case K_JOINABLE_QUEUE:
  case K_SEMAPHORE:
  case K_BOUNDED_SEMAPHORE:
    return push(r, mproc__pk_int(r->a, param));
  case K_BARRIER: {
    /* [action, its args, default timeout] (proxy_sync.c) */
    double t = 0;
    if ((rc = push(r, mproc__pk_int(r->a, param))) < 0)
      return rc;
    if (init && init->type == MPROC_VALUE_LIST && init->u.seq.n == 3) {
      if (init->u.seq.items[0].type != MPROC_VALUE_NONE)
        return notsup("a Barrier's action");
      mproc_value_as_double(&init->u.seq.items[2], &t);
    }
    if (t > 0 &&
        ((rc = push(r, pk_none(r))) < 0 || (rc = push(r, pk_float(r, t))) < 0))
      return rc;
    return 0;
  }
  case K_VALUE: {
    /* Value(typecode, value): CPython's manager keeps the typecode for
     * its repr only. */
    mproc__pk_t *x = NULL;
    if ((rc = blob_node(r, init, &x)) < 0)
      return rc;
    const char *tc = x->kind == MPROC__PK_INT     ? "q"
                     : x->kind == MPROC__PK_FLOAT ? "d"
                     : x->kind == MPROC__PK_BOOL  ? "b"
                                                  : "O";
    if ((rc = push(r, pk_cstr(r, tc))) < 0)
      return rc;
    return push(r, x);
  }
  case K_ARRAY: {
    char tc[2] = {(char)param, 0};
    if ((rc = push(r, pk_cstr(r, tc))) < 0)
      return rc;
    mproc__pk_t *x = NULL;
    if (!init)
      return mproc__err(MPROC_E_INVAL, "an Array without its items");
    mproc_value_t l = *init;
    if (l.type == MPROC_VALUE_TUPLE)
      l.type = MPROC_VALUE_LIST;
    if ((rc = mproc__pickle_from_value(r->a, &l, &x)) < 0)
      return rc;
    return push(r, x);
  }
  case K_DICT: {
    mproc__pk_t *x = NULL;
    if ((rc = entries_node(r, init, &x)) < 0)
      return rc;
    return push(r, x);
  }
  case K_NAMESPACE: /* Namespace(**kwds) */
    return entries_node(r, init, &r->kwds);
  case K_LIST: {
    mproc__pk_t *x = NULL;
    if (!init)
      return 0;
    if ((rc = blobs_node(r, init, &x)) < 0)
      return rc;
    return push(r, x);
  }
  default:
    return 0;
  }
}

/* A method call on the object: its name and arguments. */
static int method_args(preq_t *r, const mproc__request_t *rq, int kind) {
  const mproc_value_t *a = rq->args;
  int64_t i;
  int rc;
  bool ns = kind == K_NAMESPACE;
  r->ident = rq->target;
  switch (rq->op) {
  case M_ACQUIRE:
    r->method = "acquire"; /* (blocking, timeout), as push_block() */
    return push_block(r, rq->timeout);
  case M_RELEASE:
    r->method = "release";
    return 0;
  case M_COND_WAIT:
  case M_EVENT_WAIT:
    r->method = "wait";
    return push(r, pk_timeout(r, rq->timeout));
  case M_COND_NOTIFY:
    if (arg_int(rq, 0, &i) < 0)
      return bad();
    r->method = i < 0 ? "notify_all" : "notify";
    return i < 0 ? 0 : push(r, mproc__pk_int(r->a, i));
  case M_EVENT_SET:
    r->method = "set";
    return 0;
  case M_EVENT_CLEAR:
    r->method = "clear";
    return 0;
  case M_EVENT_IS_SET:
    r->method = "is_set";
    return 0;
  case M_BARRIER_WAIT:
    /* None: the Barrier's own default (mproc's MPROC_DEFAULT_TIMEOUT,
     * which proxy_sync.c passes as MPROC_FOREVER for this protocol). */
    r->method = "wait";
    return push(r, pk_timeout(r, rq->timeout));
  case M_BARRIER_ABORT:
    r->method = "abort";
    return 0;
  case M_BARRIER_RESET:
    r->method = "reset";
    return 0;
  case M_QUEUE_PUT:
    r->method = "put";
    if (rq->nargs < 1 || (rc = push_blob(r, &a[0])) < 0)
      return rq->nargs < 1 ? bad() : rc;
    return push_block(r, rq->timeout);
  case M_QUEUE_GET:
    r->method = "get";
    return push_block(r, rq->timeout);
  case M_QUEUE_SIZE:
    r->method = "qsize";
    return 0;
  case M_QUEUE_FULL:
    r->method = "full";
    return 0;
  case M_QUEUE_TASK_DONE:
    r->method = "task_done";
    return 0;
  case M_QUEUE_JOIN:
    if (rq->timeout >= 0)
      return notsup("a queue's join() with a timeout");
    r->method = "join";
    return 0;
  case M_VALUE_GET:
    r->method = "get";
    return 0;
  case M_VALUE_SET:
    r->method = "set";
    return rq->nargs < 1 ? bad() : push_blob(r, &a[0]);
  case M_DICT_GET: /* __getitem__: a missing key is KeyError, which
                    * reply_decode turns into None when missing_ok */
    r->method = ns ? "__getattribute__" : "__getitem__";
    return rq->nargs < 1 ? bad() : push_value(r, &a[0]);
  case M_DICT_SET:
    r->method = ns ? "__setattr__" : "__setitem__";
    if (rq->nargs < 2 || (rc = push_value(r, &a[0])) < 0)
      return rq->nargs < 2 ? bad() : rc;
    return push_blob(r, &a[1]);
  case M_DICT_DEL:
    r->method = ns ? "__delattr__" : "__delitem__";
    return rq->nargs < 1 ? bad() : push_value(r, &a[0]);
  case M_DICT_LEN:
  case M_LIST_LEN:
  case M_ARRAY_LEN:
    r->method = "__len__";
    return 0;
  case M_DICT_CONTAINS:
    r->method = "__contains__";
    return rq->nargs < 1 ? bad() : push_value(r, &a[0]);
  case M_DICT_POP:
    r->method = "pop";
    return rq->nargs < 1 ? bad() : push_value(r, &a[0]);
  case M_DICT_POPITEM:
    r->method = "popitem";
    return 0;
  case M_DICT_SETDEFAULT:
    r->method = "setdefault";
    if (rq->nargs < 2 || (rc = push_value(r, &a[0])) < 0)
      return rq->nargs < 2 ? bad() : rc;
    return push_blob(r, &a[1]);
  case M_DICT_UPDATE: {
    mproc__pk_t *x = NULL;
    r->method = "update";
    if ((rc = entries_node(r, rq->nargs ? &a[0] : NULL, &x)) < 0)
      return rc;
    return push(r, x);
  }
  case M_DICT_CLEAR:
    r->method = "clear";
    return 0;
  case M_DICT_ITEMS:
  case M_DICT_NEXT:
    /* The whole dict in one reply; a cursor walks that copy. (The dict's
     * keys(), values() and items() are views, which CPython's server
     * cannot pickle.) */
    if (ns) {
      r->method = "__getattribute__";
      return push(r, pk_cstr(r, "__dict__"));
    }
    r->method = "copy";
    return 0;
  case M_LIST_APPEND:
    r->method = "append";
    return rq->nargs < 1 ? bad() : push_blob(r, &a[0]);
  case M_LIST_GET:
  case M_LIST_DEL:
  case M_LIST_POP:
    r->method = rq->op == M_LIST_GET   ? "__getitem__"
                : rq->op == M_LIST_DEL ? "__delitem__"
                                       : "pop";
    if (arg_int(rq, 0, &i) < 0)
      return bad();
    return push(r, mproc__pk_int(r->a, i));
  case M_LIST_SET:
  case M_LIST_INSERT:
    r->method = rq->op == M_LIST_SET ? "__setitem__" : "insert";
    if (arg_int(rq, 0, &i) < 0 || rq->nargs < 2)
      return bad();
    if ((rc = push(r, mproc__pk_int(r->a, i))) < 0)
      return rc;
    return push_blob(r, &a[1]);
  case M_LIST_EXTEND: {
    mproc__pk_t *x = NULL;
    r->method = "extend";
    if ((rc = blobs_node(r, rq->nargs ? &a[0] : NULL, &x)) < 0)
      return rc;
    return push(r, x);
  }
  case M_LIST_REMOVE:
  case M_LIST_COUNT:
    r->method = rq->op == M_LIST_REMOVE ? "remove" : "count";
    return rq->nargs < 1 ? bad() : push_blob(r, &a[0]);
  case M_LIST_INDEX: {
    int64_t start, stop;
    r->method = "index";
    if (rq->nargs < 3 || arg_int(rq, 1, &start) < 0 ||
        arg_int(rq, 2, &stop) < 0)
      return bad();
    if ((rc = push_blob(r, &a[0])) < 0 ||
        (rc = push(r, mproc__pk_int(r->a, start))) < 0)
      return rc;
    return push(r, mproc__pk_int(r->a, stop));
  }
  case M_LIST_REVERSE:
    r->method = "reverse";
    return 0;
  case M_LIST_SORT: {
    bool rev = false;
    r->method = "sort";
    if (rq->nargs)
      mproc_value_as_bool(&a[0], &rev);
    r->kwds = mproc__pk_new(r->a, MPROC__PK_DICT);
    if (!r->kwds ||
        mproc__pk_push_kv(r->kwds, pk_cstr(r, "reverse"), pk_bool(r, rev)) < 0)
      return nomem();
    return 0;
  }
  case M_LIST_SLICE_GET:
  case M_LIST_SLICE_DEL:
    r->method = rq->op == M_LIST_SLICE_GET ? "__getitem__" : "__delitem__";
    return push_slice3(r, rq);
  case M_LIST_SLICE_SET: {
    mproc__pk_t *x = NULL;
    r->method = "__setitem__";
    if ((rc = push_slice3(r, rq)) < 0)
      return rc;
    if ((rc = blobs_node(r, rq->nargs > 3 ? &a[3] : NULL, &x)) < 0)
      return rc;
    return push(r, x);
  }
  case M_LIST_CLEAR: /* ListProxy exposes no clear(): del l[:] */
    r->method = "__delitem__";
    return push(r, pk_slice(r, pk_none(r), pk_none(r), pk_none(r)));
  case M_LIST_NEXT: /* the rest of the list from pos */
    r->method = "__getitem__";
    if (arg_int(rq, 0, &i) < 0)
      return bad();
    return push(r, pk_slice(r, mproc__pk_int(r->a, i), pk_none(r), pk_none(r)));
  case M_ARRAY_GET:
  case M_ARRAY_SET:
    r->method = rq->op == M_ARRAY_GET ? "__getitem__" : "__setitem__";
    if (arg_int(rq, 0, &i) < 0)
      return bad();
    if ((rc = push(r, mproc__pk_int(r->a, i))) < 0)
      return rc;
    if (rq->op == M_ARRAY_SET)
      return rq->nargs < 2 ? bad() : push_value(r, &a[1]);
    return 0;
  case M_USER_CALL: {
    /* str method, bytes of mproc_encode()d arguments */
    const char *m;
    const void *p;
    size_t n, nv = 0;
    mproc_value_t *v = NULL;
    if (rq->nargs < 2 || mproc_value_as_str(&a[0], &m) != 0 ||
        mproc_value_as_bytes(&a[1], &p, &n) != 0)
      return bad();
    r->method = m;
    if (n && (rc = mproc_decode(p, n, &v, &nv)) < 0)
      return rc;
    rc = 0;
    for (size_t k = 0; rc == 0 && k < nv; k++)
      rc = push_value(r, &v[k]);
    mproc_values_free(v, nv);
    return rc;
  }
  case M_LOCK_VALUE:
    return notsup("a lock's value");
  case M_BARRIER_STATE:
    return notsup("a Barrier's parties, n_waiting and broken");
  case M_ARRAY_SLICE_GET:
    return notsup("an Array's slices (read its items one by one)");
  default:
    return notsup("this call");
  }
}

static int request_encode(const mproc__request_t *rq, int kind,
                          mproc__wbuf_t *b) {
  mproc__pk_arena_t a;
  mproc__pk_arena_init(&a);
  preq_t r = {&a, mproc__pk_new(&a, MPROC__PK_TUPLE), NULL, NULL, 0};
  int rc = r.args ? 0 : nomem();
  if (rc < 0)
    goto done;
  switch (rq->op) {
  case OP_PING:
    r.method = "dummy";
    break;
  case OP_SHUTDOWN:
    r.method = "shutdown";
    break;
  case OP_OBJECTS:
    r.method = "number_of_objects";
    break;
  case OP_ATTACH:
    /* The proxy's references are counted apart (client.c): this only
     * makes the connection serve method calls. */
    r.method = "accept_connection";
    rc = push(&r, pk_cstr(&r, "mproc"));
    break;
  case OP_INCREF:
  case M_LEASE:
  case OP_DECREF:
    r.method = rq->op == OP_DECREF ? "decref" : "incref";
    rc = push(&r, pk_ident(&r, rq->target));
    break;
  case OP_CREATE:
    rc = create_args(&r, rq);
    break;
  case OP_GET_NAMED: {
    const char *name;
    if (rq->nargs < 1 || mproc_value_as_str(&rq->args[0], &name) != 0) {
      rc = bad();
      break;
    }
    r.method = "create";
    rc = push(&r, pk_cstr(&r, name));
    break;
  }
  case OP_CREATE_USER:
    rc = notsup("creating a user type's object");
    break;
  case OP_DETACH:
    rc = notsup("detaching a connection");
    break;
  default:
    if (rq->op < M_ACQUIRE && rq->op != M_USER_CALL) {
      rc = notsup("this request");
      break;
    }
    rc = method_args(&r, rq, kind);
  }
  if (rc < 0)
    goto done;
  mproc__pk_t *root = mproc__pk_new(&a, MPROC__PK_TUPLE);
  mproc__pk_t *ident = r.ident ? pk_ident(&r, r.ident) : pk_none(&r);
  mproc__pk_t *m = pk_cstr(&r, r.method ? r.method : "dummy");
  if (!r.kwds)
    r.kwds = mproc__pk_new(&a, MPROC__PK_DICT);
  if (!root || !ident || !m || !r.kwds || mproc__pk_push(root, ident) < 0 ||
      mproc__pk_push(root, m) < 0 || mproc__pk_push(root, r.args) < 0 ||
      mproc__pk_push(root, r.kwds) < 0) {
    rc = nomem();
    goto done;
  }
  rc = mproc__pickle_encode(b, root);
done:
  mproc__pk_arena_free(&a);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Replies                                                                  */
/* ------------------------------------------------------------------------ */

/* What the results point into until they are copied into one block. */
typedef mproc__pk_keep_t scratch_t;

static int keep_p(scratch_t *s, void *p) {
  return mproc__pk_keep_ptr(s, p, "a reply");
}

static int keep_v(scratch_t *s, mproc_value_t *v) {
  return mproc__pk_keep_value(s, v, "a reply");
}

static int malformed(const char *what) {
  return mproc__err(MPROC_E_DECODE,
                    "malformed reply from the CPython manager: %s", what);
}

/* A plain value (a key, an Array's item). */
static int to_value(scratch_t *s, const mproc__pk_t *x, mproc_value_t *out) {
  mproc_value_t *v = NULL;
  int rc = mproc__pickle_to_value(x, &v);
  if (rc == 0 && (rc = keep_v(s, v)) == 0)
    *out = *v;
  return rc;
}

/* A stored value: its value encoding, or its own pickle (pickle_blob.c). */
static int to_blob(scratch_t *s, const mproc__pk_t *x, mproc_value_t *out) {
  mproc__wbuf_t b = {0};
  int rc = mproc__pickle_to_blob(x, &b);
  if (rc == 0 && b.err)
    rc = mproc__err(b.err, "a stored value: out of memory");
  if (rc == 0 && !b.p && !(b.p = malloc(1)))
    rc = mproc__err(MPROC_E_NOMEM, "a reply");
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  if ((rc = keep_p(s, b.p)) < 0)
    return rc;
  *out = mproc_bytes(b.p, b.len);
  return 0;
}

/* Guesses a kind from the methods a typeid exposes (a name registered on
 * CPython's side with BaseManager.register()). */
static int kind_of_exposed(const mproc__pk_t *e) {
  unsigned has = 0;
  static const char *const names[] = {"put",
                                      "get",
                                      "qsize",
                                      "acquire",
                                      "notify",
                                      "is_set",
                                      "abort",
                                      "__getitem__",
                                      "keys",
                                      "append",
                                      "set",
                                      "__setattr__",
                                      "__getattribute__",
                                      "__setitem__",
                                      "wait"};
  enum {
    PUT = 1,
    GET = 2,
    QSIZE = 4,
    ACQUIRE = 8,
    NOTIFY = 16,
    IS_SET = 32,
    ABORT = 64,
    GETITEM = 128,
    KEYS = 256,
    APPEND = 512,
    SET = 1024,
    SETATTR = 2048,
    GETATTR = 4096,
    SETITEM = 8192,
    WAIT = 16384
  };
  if (!e || (e->kind != MPROC__PK_TUPLE && e->kind != MPROC__PK_LIST))
    return K_USER;
  for (size_t i = 0; i < e->nitems; i++)
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
      if (e->items[i]->kind == MPROC__PK_STR &&
          strcmp((const char *)e->items[i]->p, names[k]) == 0)
        has |= 1u << k;
  if ((has & (PUT | GET | QSIZE)) == (PUT | GET | QSIZE))
    return K_JOINABLE_QUEUE;
  if (has & ACQUIRE)
    return has & NOTIFY ? K_CONDITION : K_LOCK;
  if (has & IS_SET)
    return K_EVENT;
  if ((has & (ABORT | WAIT)) == (ABORT | WAIT))
    return K_BARRIER;
  if ((has & (GETITEM | KEYS)) == (GETITEM | KEYS))
    return K_DICT;
  if ((has & (GETITEM | APPEND)) == (GETITEM | APPEND))
    return K_LIST;
  if ((has & (SETATTR | GETATTR)) == (SETATTR | GETATTR))
    return K_NAMESPACE;
  if ((has & (GET | SET)) == (GET | SET) && e->nitems == 2)
    return K_VALUE;
  return K_USER;
}

/* An ident: hex digits. */
static bool ident_parse(const mproc__pk_t *x, uint64_t *id) {
  if (!x || x->kind != MPROC__PK_STR || x->n == 0 || x->n > 16)
    return false;
  uint64_t v = 0;
  for (size_t i = 0; i < x->n; i++) {
    char c = (char)x->p[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return false;
    v = v << 4 | (uint64_t)d;
  }
  *id = v;
  return v != 0;
}

/* An exception's text: its first argument when a str, else its repr of
 * the few kinds a key is. */
static void exc_text(const mproc__pk_t *x, char *buf, size_t size) {
  const mproc__pk_t *a0 =
      x->args && x->args->kind == MPROC__PK_TUPLE && x->args->nitems
          ? x->args->items[0]
          : NULL;
  buf[0] = '\0';
  if (!a0)
    return;
  if (a0->kind == MPROC__PK_STR)
    snprintf(buf, size, "%s", (const char *)a0->p);
  else if (a0->kind == MPROC__PK_INT)
    snprintf(buf, size, "%lld", (long long)a0->i);
  else if (a0->kind == MPROC__PK_NONE)
    snprintf(buf, size, "None");
  else
    snprintf(buf, size, "(a %d)", (int)a0->kind);
}

/* '#ERROR' exception: the status mproc's server gives in that case. */
static int exception_status(const mproc__request_t *rq, int kind,
                            const mproc__pk_t *x) {
  char text[400];
  if (!x || x->kind != MPROC__PK_OBJ || !x->callable ||
      x->callable->kind != MPROC__PK_GLOBAL)
    return mproc__err(MPROC_E_REMOTE, "an exception mproc cannot read");
  const char *mod = x->callable->module, *name = x->callable->name;
  exc_text(x, text, sizeof text);
  bool builtin = strcmp(mod, "builtins") == 0;
  if (builtin && strcmp(name, "KeyError") == 0)
    return mproc__err(MPROC_E_KEY, "KeyError: %s", text);
  if (builtin && strcmp(name, "AttributeError") == 0)
    return mproc__err(kind == K_NAMESPACE ? MPROC_E_KEY : MPROC_E_ATTRIBUTE,
                      "AttributeError: %s", text);
  if (builtin && strcmp(name, "IndexError") == 0)
    return mproc__err(MPROC_E_INDEX, "IndexError: %s", text);
  if (builtin && strcmp(name, "ValueError") == 0)
    return mproc__err(MPROC_E_VALUE, "ValueError: %s", text);
  if (builtin && strcmp(name, "TypeError") == 0)
    return mproc__err(MPROC_E_TYPE, "TypeError: %s", text);
  if (builtin && strcmp(name, "TimeoutError") == 0)
    return mproc__err(MPROC_E_TIMEOUT, "TimeoutError: %s", text);
  if (builtin && strcmp(name, "StopIteration") == 0)
    return mproc__err(MPROC_E_DONE, "StopIteration");
  if (strcmp(name, "Empty") == 0 &&
      (strcmp(mod, "_queue") == 0 || strcmp(mod, "queue") == 0))
    return mproc__err(MPROC_E_EMPTY, "queue.Empty");
  if (strcmp(name, "Full") == 0 && strcmp(mod, "queue") == 0)
    return mproc__err(MPROC_E_FULL, "queue.Full");
  if (strcmp(name, "BrokenBarrierError") == 0 && strcmp(mod, "threading") == 0)
    return mproc__err(MPROC_E_BROKEN, "BrokenBarrierError");
  if (builtin && strcmp(name, "RuntimeError") == 0) {
    /* threading's RLock and Condition: "cannot release un-acquired lock",
     * "cannot notify on un-acquired lock", ... (mproc: PERM); Lock:
     * "release unlocked lock" (mproc: VALUE). */
    if (strstr(text, "un-acquired"))
      return mproc__err(MPROC_E_PERM, "RuntimeError: %s", text);
    if (rq->op == M_RELEASE)
      return mproc__err(MPROC_E_VALUE, "RuntimeError: %s", text);
  }
  return mproc__err(MPROC_E_REMOTE, "%s%s%s: %s", builtin ? "" : mod,
                    builtin ? "" : ".", name, text);
}

/* A traceback's last line: "Type: text". */
static int traceback_status(const mproc__request_t *rq, const mproc__pk_t *x,
                            const char *kind) {
  if (!x || x->kind != MPROC__PK_STR)
    return mproc__err(MPROC_E_REMOTE, "%s from the CPython manager", kind);
  const char *s = (const char *)x->p, *end = s + x->n, *line = s;
  while (end > s && (end[-1] == '\n' || end[-1] == ' '))
    end--;
  for (const char *q = s; q < end; q++)
    if (*q == '\n')
      line = q + 1;
  int len = (int)(end - line);
  /* create() of a name the server does not know: KeyError. */
  if (rq->op == OP_GET_NAMED && strncmp(line, "KeyError", 8) == 0)
    return mproc__err(MPROC_E_NOTFOUND,
                      "no typeid %.*s on the CPython "
                      "manager",
                      len > 9 ? len - 9 : 0, len > 9 ? line + 9 : "");
  return mproc__err(MPROC_E_REMOTE, "%.*s", len, line);
}

/* The results of a #RETURN, as mproc's server gives them for rq->op. */
static int results(const mproc__request_t *rq, int kind, const mproc__pk_t *x,
                   scratch_t *s, mproc_value_t *out, size_t *n) {
  (void)kind;
  int rc = 0;
  int64_t what = DICT_ITEMS, pos = 0;
  *n = 0;
  switch (rq->op) {
  case M_ACQUIRE:
  case M_COND_WAIT:
  case M_EVENT_WAIT:
    if (!mproc__pk_truth(x))
      return mproc__err(MPROC_E_TIMEOUT, "timed out");
    return 0;
  case M_BARRIER_WAIT:
  case M_QUEUE_SIZE:
  case M_DICT_LEN:
  case M_LIST_LEN:
  case M_ARRAY_LEN:
  case M_LIST_INDEX:
  case M_LIST_COUNT:
    if (x->kind != MPROC__PK_INT)
      return malformed("not an int");
    out[(*n)++] = mproc_int(x->i);
    return 0;
  case M_EVENT_IS_SET:
  case M_QUEUE_FULL:
  case M_DICT_CONTAINS:
    out[(*n)++] = mproc_bool(mproc__pk_truth(x));
    return 0;
  case M_QUEUE_GET:
  case M_VALUE_GET:
  case M_DICT_GET:
  case M_DICT_POP:
  case M_DICT_SETDEFAULT:
  case M_LIST_GET:
  case M_LIST_POP:
  case M_USER_CALL:
    rc = to_blob(s, x, &out[0]);
    *n = rc == 0;
    return rc;
  case M_ARRAY_GET:
    rc = to_value(s, x, &out[0]);
    *n = rc == 0;
    return rc;
  case M_DICT_POPITEM:
    if (x->kind != MPROC__PK_TUPLE || x->nitems != 2)
      return malformed("popitem() gave no pair");
    if ((rc = to_value(s, x->items[0], &out[0])) == 0 &&
        (rc = to_blob(s, x->items[1], &out[1])) == 0)
      *n = 2;
    return rc;
  case M_DICT_NEXT:
  case M_DICT_ITEMS: {
    if (x->kind != MPROC__PK_DICT)
      return malformed("not a dict");
    if (rq->op == M_DICT_ITEMS && rq->nargs)
      mproc_value_as_int(&rq->args[0], &what);
    if (rq->op == M_DICT_NEXT && rq->nargs)
      mproc_value_as_int(&rq->args[0], &pos);
    size_t len = x->nitems / 2, from = pos < 0 ? 0 : (size_t)pos;
    if (from > len)
      from = len;
    size_t per = what == DICT_ITEMS ? 2 : 1;
    mproc_value_t *items = malloc(((len - from) * per + 1) * sizeof *items);
    if (!items || (rc = keep_p(s, items)) < 0)
      return items ? rc : mproc__err(MPROC_E_NOMEM, "a reply");
    size_t k = 0;
    for (size_t i = from; rc == 0 && i < len; i++) {
      if (what != DICT_VALUES)
        rc = to_value(s, x->items[2 * i], &items[k++]);
      if (rc == 0 && what != DICT_KEYS)
        rc = to_blob(s, x->items[2 * i + 1], &items[k++]);
    }
    if (rc < 0)
      return rc;
    if (rq->op == M_DICT_NEXT) {
      out[0] = mproc_int((int64_t)len);
      out[1] = mproc_int(0);
      out[2] = mproc_int((int64_t)len);
      out[3] = mproc_list(items, k);
      *n = 4;
    } else {
      out[0] = mproc_list(items, k);
      *n = 1;
    }
    return 0;
  }
  case M_LIST_NEXT:
  case M_LIST_SLICE_GET: {
    if (x->kind != MPROC__PK_LIST)
      return malformed("not a list");
    mproc_value_t *items = malloc((x->nitems + 1) * sizeof *items);
    if (!items || (rc = keep_p(s, items)) < 0)
      return items ? rc : mproc__err(MPROC_E_NOMEM, "a reply");
    for (size_t i = 0; rc == 0 && i < x->nitems; i++)
      rc = to_blob(s, x->items[i], &items[i]);
    if (rc < 0)
      return rc;
    out[0] = mproc_list(items, x->nitems);
    *n = 1;
    return 0;
  }
  case OP_CREATE:
  case OP_GET_NAMED: {
    uint64_t id;
    if (x->kind != MPROC__PK_TUPLE || x->nitems != 2 ||
        !ident_parse(x->items[0], &id))
      return malformed("create() gave no (ident, exposed)");
    out[(*n)++] = mproc_int((int64_t)id);
    if (rq->op == OP_GET_NAMED) {
      out[(*n)++] = mproc_int(kind_of_exposed(x->items[1]));
      out[(*n)++] = rq->args[0]; /* the name, copied with the block */
    }
    return 0;
  }
  case OP_OBJECTS:
    if (x->kind != MPROC__PK_INT)
      return malformed("not an int");
    out[(*n)++] = mproc_int(x->i);
    return 0;
  default:
    return 0; /* None, or nothing mproc reads */
  }
}

static int reply_decode(const mproc__request_t *rq, int kind,
                        const uint8_t *buf, size_t len, mproc_value_t **res,
                        size_t *nres) {
  mproc__pk_arena_t a;
  mproc__pk_t *r = NULL;
  scratch_t s = {NULL, 0, 0, NULL, 0, 0};
  mproc_value_t out[MPROC__REPLY_RESULTS_MAX];
  size_t n = 0;
  if (res) {
    *res = NULL;
    *nres = 0;
  }
  mproc__pk_arena_init(&a);
  int rc = mproc__pickle_decode(&a, buf, len, &r);
  if (rc < 0) {
    rc = mproc__err(MPROC_E_DECODE, "a reply that is no pickle (%s)",
                    mproc_last_error());
    goto done;
  }
  if (r->kind != MPROC__PK_TUPLE || r->nitems != 2 ||
      r->items[0]->kind != MPROC__PK_STR) {
    rc = malformed("not ('#KIND', payload)");
    goto done;
  }
  const char *k = (const char *)r->items[0]->p;
  const mproc__pk_t *x = r->items[1];
  bool missing_ok = (rq->op == M_DICT_GET || rq->op == M_DICT_POP) &&
                    rq->nargs >= 2 && rq->args[1].type == MPROC_VALUE_BOOL &&
                    rq->args[1].u.b;
  if (strcmp(k, "#RETURN") == 0) {
    rc = results(rq, kind, x, &s, out, &n);
  } else if (strcmp(k, "#ERROR") == 0) {
    rc = exception_status(rq, kind, x);
    if (rc == MPROC_E_KEY && missing_ok) {
      /* get(key, default), pop(key, default): None says it was missing */
      rc = 0;
      out[n++] = mproc_none();
    }
  } else if (strcmp(k, "#TRACEBACK") == 0 ||
             strcmp(k, "#UNSERIALIZABLE") == 0) {
    rc = traceback_status(rq, x, k);
  } else if (strcmp(k, "#PROXY") == 0) {
    rc = mproc__err(MPROC_E_NOTSUP,
                    "a method that returns a proxy (method_to_typeid) is "
                    "not callable from mproc");
  } else {
    rc = malformed("an unknown kind of reply");
  }
  if (rc == 0 && res && (rc = mproc_value_copy(out, n, res)) == 0)
    *nres = n;
done:
  mproc__pk_keep_free(&s);
  mproc__pk_arena_free(&a);
  return rc;
}

const mproc__cwire_t mproc__cwire_pickle = {.name = "cpython",
                                            .protocol =
                                                MPROC_MANAGER_PROTOCOL_CPYTHON,
                                            .client_refs = true,
                                            .one_shot = one_shot,
                                            .claims_reply = claims_reply,
                                            .request_encode = request_encode,
                                            .reply_decode = reply_decode};
