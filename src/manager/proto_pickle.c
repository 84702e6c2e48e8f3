/* SPDX-License-Identifier: MIT */
/*
 * CPython's manager protocol (multiprocessing/managers.py), server side:
 * a CPython SyncManager client on an mproc manager.
 *
 *   request := pickle (ident, methodname, args, kwds)
 *   reply   := pickle ('#RETURN', result) | ('#ERROR', exception)
 *            | ('#TRACEBACK', text) | ('#UNSERIALIZABLE', text)
 *
 * ident None calls the server's own functions (create, incref, decref,
 * accept_connection, dummy, get_methods, number_of_objects, debug_info,
 * shutdown); any other ident names an object (the decimal id this server
 * gave it in create's reply), whose method is called by its Python name.
 * CPython's proxies count references themselves (incref, decref; create's
 * is theirs too) and one connection calls every object of a thread, so
 * the protocol says client_refs, and names each request's object
 * (rq->target) for the server to look up; request_bind() then maps the
 * method name on that kind of object to mproc's method (wire.h).
 *
 * Values go through the pickle codec (codec/pickle.h): a stored value is
 * mproc's value encoding when mproc's values hold it, so that C clients
 * read what Python put, else the pickle itself (pickle_blob.c). An
 * exception goes back as CPython's of the same type, which the proxy
 * raises: KeyError, IndexError, queue.Empty, queue.Full, ValueError, ...
 *
 * State per connection: the owner id its lock acquisitions use (CPython's
 * server serves each connection on a thread of its own, and an RLock
 * belongs to that thread), and the decoded request, whose nodes and
 * converted arguments live until the next request.
 */
#include "manager/wire.h"

#include "codec/codec.h"
#include "codec/pickle.h"
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a reply's results become the Python result. */
enum {
  R_NONE,     /* None */
  R_RES,      /* res[0], a plain value */
  R_BLOB,     /* res[0], a stored value */
  R_GET,      /* res[0], a stored value, or None: the default */
  R_BLOBS,    /* res[0], a list of stored values */
  R_KEYS,     /* res[0], a list of keys */
  R_ITEMS,    /* res[0], [key, stored, ...]: a list of tuples */
  R_COPY,     /* res[0], [key, stored, ...]: a dict */
  R_POPITEM,  /* res[0] key, res[1] stored: a tuple */
  R_NONZERO,  /* res[0] int or bool: a bool */
  R_EMPTY,    /* res[0] int: whether 0 */
  R_CREATE,   /* res[0] id: (ident, exposed) */
  R_METHODS,  /* exposed */
  R_ATTR,     /* res[aux] */
  R_DEBUG,    /* res[0] number of objects: a text */
  R_WAITED,   /* True, or False on a timeout */
  R_ACQUIRED, /* as R_WAITED; the heir of a dead holder acquired too */
  R_PROXY,    /* res[0] id of a new Iterator: #PROXY (exposed, Token) */
  R_NEXT,     /* res[0] more, res[1] key: the key, or StopIteration */
};

typedef struct pyconn {
  uint64_t owner;
  mproc__pk_arena_t arena; /* the request's nodes and the reply's */
  const mproc__pk_t *args; /* the request's args tuple */
  const mproc__pk_t *kwds; /* and its keywords (a dict, or NULL) */
  const char *method;      /* and its method name */
  const mproc__pk_t *key;  /* a KeyError's key */
  const mproc__pk_t *dflt; /* R_GET's default */
  int reply, kind, aux;
  bool release; /* a lock's release: RuntimeError */
  int fail;     /* decoding failed: the reply's status */
  char failmsg[256];
  mproc_value_t av[MPROC__REQUEST_ARGS_MAX];
  /* What the converted arguments own, freed at the next request. */
  mproc__pk_keep_t kept;
} pyconn_t;

static volatile uint32_t next_owner;

static bool claims(const uint8_t *buf, size_t len) {
  return len >= 2 && buf[0] == 0x80; /* PROTO: every pickle since 2 */
}

static void *conn_open(void) {
  pyconn_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  mproc__pk_arena_init(&c->arena);
  /* A pid part no process has (bit 31), so that the server's rule for a
   * lock whose holder died looks at this connection alone, as CPython's
   * ownership by the connection's thread. */
  uint32_t k = mproc__fetch_add32(&next_owner, 1) + 1;
  c->owner = (uint64_t)(0x80000000u | (k & 0x7fffffffu)) << 32;
  return c;
}

static void conn_reset(pyconn_t *c) {
  mproc__pk_arena_free(&c->arena);
  mproc__pk_arena_init(&c->arena);
  mproc__pk_keep_clear(&c->kept);
  c->args = c->kwds = c->key = c->dflt = NULL;
  c->method = "";
  c->reply = R_NONE;
  c->kind = c->aux = 0;
  c->release = false;
  c->fail = 0;
}

static void conn_close(void *cs) {
  pyconn_t *c = cs;
  if (!c)
    return;
  conn_reset(c);
  mproc__pk_arena_free(&c->arena);
  mproc__pk_keep_free(&c->kept);
  free(c);
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                */
/* ------------------------------------------------------------------------ */

/* What a failed keep names. */
#define ARGS "a request's arguments"

static bool is_str(const mproc__pk_t *x, const char *s) {
  return x && x->kind == MPROC__PK_STR && strcmp((const char *)x->p, s) == 0;
}

/* Positional argument @p i, else keyword @p name (NULL: none given). */
static const mproc__pk_t *arg(const pyconn_t *c, size_t i, const char *name) {
  if (c->args && i < c->args->nitems)
    return c->args->items[i];
  if (c->kwds && name)
    for (size_t j = 0; j + 1 < c->kwds->nitems; j += 2)
      if (is_str(c->kwds->items[j], name))
        return c->kwds->items[j + 1];
  return NULL;
}

static bool is_none(const mproc__pk_t *x) {
  return !x || x->kind == MPROC__PK_NONE;
}

static bool as_int(const mproc__pk_t *x, int64_t *v) {
  if (x && x->kind == MPROC__PK_INT)
    *v = x->i;
  else if (x && x->kind == MPROC__PK_BOOL)
    *v = x->b;
  else
    return false;
  return true;
}

static bool as_num(const mproc__pk_t *x, double *v) {
  int64_t i;
  if (x && x->kind == MPROC__PK_FLOAT)
    *v = x->d;
  else if (as_int(x, &i))
    *v = (double)i;
  else
    return false;
  return true;
}

/* An argument's truth, @p dflt when it was not given. */
static bool truthy(const mproc__pk_t *x, bool dflt) {
  return x ? mproc__pk_truth(x) : dflt;
}

static int bad_args(const pyconn_t *c) {
  return mproc__err(MPROC_E_TYPE, "%s(): unsupported arguments", c->method);
}

/* A timeout argument: None waits for ever (or @p none_means). */
static int timeout_arg(const pyconn_t *c, const mproc__pk_t *x, double *t) {
  if (is_none(x)) {
    *t = MPROC_FOREVER;
    return 0;
  }
  if (!as_num(x, t))
    return bad_args(c);
  if (*t < 0)
    *t = 0; /* threading's waits: a negative timeout polls */
  return 0;
}

/* Arg @p i as a stored value. */
static int blob_arg(pyconn_t *c, const mproc__pk_t *x, mproc_value_t *out) {
  mproc__wbuf_t b = {0};
  if (!x)
    return bad_args(c);
  int rc = mproc__pickle_to_blob(x, &b);
  if (rc == 0 && b.err)
    rc = mproc__err(b.err, "a stored value: out of memory");
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  if ((rc = mproc__pk_keep_ptr(&c->kept, b.p, ARGS)) < 0)
    return rc;
  *out = mproc_bytes(b.p ? b.p : (void *)"", b.len);
  return 0;
}

/* A plain value (a dict key, an Array's items). */
static int value_arg(pyconn_t *c, const mproc__pk_t *x, mproc_value_t *out) {
  mproc_value_t *v = NULL;
  if (!x)
    return bad_args(c);
  int rc = mproc__pickle_to_value(x, &v);
  if (rc < 0)
    return rc == MPROC_E_TYPE ? mproc__err(MPROC_E_TYPE,
                                           "%s(): a key mproc cannot hold "
                                           "(%s)",
                                           c->method, mproc_last_error())
                              : rc;
  if ((rc = mproc__pk_keep_value(&c->kept, v, ARGS)) < 0)
    return rc;
  *out = *v;
  return 0;
}

/* A list value of @p n items, filled by the caller. */
static int list_new(pyconn_t *c, size_t n, mproc_value_t **items) {
  *items = malloc((n ? n : 1) * sizeof **items);
  if (!*items)
    return mproc__err(MPROC_E_NOMEM, "a request's arguments");
  int rc = mproc__pk_keep_ptr(&c->kept, *items, ARGS);
  if (rc < 0)
    *items = NULL;
  return rc;
}

/* An iterable's items as a list of stored values. */
static int blobs_arg(pyconn_t *c, const mproc__pk_t *x, mproc_value_t *out) {
  mproc_value_t *items;
  if (!x || (x->kind != MPROC__PK_LIST && x->kind != MPROC__PK_TUPLE))
    return mproc__err(MPROC_E_TYPE,
                      "%s(): only a list or a tuple crosses to the manager",
                      c->method);
  int rc = list_new(c, x->nitems, &items);
  for (size_t i = 0; rc == 0 && i < x->nitems; i++)
    rc = blob_arg(c, x->items[i], &items[i]);
  if (rc == 0)
    *out = mproc_list(items, x->nitems);
  return rc;
}

/* Appends a mapping's (a dict, or pairs) items, [key, stored, ...], to
 * @p items at *k. */
static int pairs_fill(pyconn_t *c, const mproc__pk_t *x, mproc_value_t *items,
                      size_t *k) {
  int rc = 0;
  if (x->kind == MPROC__PK_DICT) {
    for (size_t i = 0; rc == 0 && i + 1 < x->nitems; i += 2)
      if ((rc = value_arg(c, x->items[i], &items[(*k)++])) == 0)
        rc = blob_arg(c, x->items[i + 1], &items[(*k)++]);
    return rc;
  }
  for (size_t i = 0; rc == 0 && i < x->nitems; i++) {
    const mproc__pk_t *p = x->items[i];
    if ((p->kind != MPROC__PK_TUPLE && p->kind != MPROC__PK_LIST) ||
        p->nitems != 2)
      return mproc__err(MPROC_E_VALUE,
                        "dictionary update sequence element #%zu has the "
                        "wrong length",
                        i);
    if ((rc = value_arg(c, p->items[0], &items[(*k)++])) == 0)
      rc = blob_arg(c, p->items[1], &items[(*k)++]);
  }
  return rc;
}

static size_t pairs_count(const mproc__pk_t *x) {
  return x ? (x->kind == MPROC__PK_DICT ? x->nitems : 2 * x->nitems) : 0;
}

/* dict(m, **kw), update(m, **kw): the list [key, stored, ...]. */
static int update_arg(pyconn_t *c, const mproc__pk_t *m, mproc_value_t *out) {
  mproc_value_t *items;
  size_t k = 0;
  if (m && m->kind != MPROC__PK_DICT && m->kind != MPROC__PK_LIST &&
      m->kind != MPROC__PK_TUPLE)
    return bad_args(c);
  int rc = list_new(c, pairs_count(m) + pairs_count(c->kwds), &items);
  if (rc == 0 && m)
    rc = pairs_fill(c, m, items, &k);
  if (rc == 0 && c->kwds)
    rc = pairs_fill(c, c->kwds, items, &k);
  if (rc == 0)
    *out = mproc_list(items, k);
  return rc;
}

/* A slice() argument: start, stop, step as PySlice_Unpack gives them. */
static bool slice_arg(const mproc__pk_t *x, int64_t v[3]) {
  if (!x || x->kind != MPROC__PK_OBJ || x->how != MPROC__PK_REDUCE ||
      !mproc__pk_is_global(x->callable, "builtins", "slice") || !x->args ||
      x->args->kind != MPROC__PK_TUPLE || x->args->nitems != 3)
    return false;
  const mproc__pk_t *const *s = (const mproc__pk_t *const *)x->args->items;
  v[2] = 1;
  if (!is_none(s[2]) && !as_int(s[2], &v[2]))
    return false;
  v[0] = v[2] < 0 ? INT64_MAX : 0;
  v[1] = v[2] < 0 ? INT64_MIN : INT64_MAX;
  return (is_none(s[0]) || as_int(s[0], &v[0])) &&
         (is_none(s[1]) || as_int(s[1], &v[1]));
}

/* ------------------------------------------------------------------------ */
/* Typeids                                                                  */
/* ------------------------------------------------------------------------ */

static const char *const queue_methods[] = {
    "empty", "full",       "get",   "get_nowait", "join",
    "put",   "put_nowait", "qsize", "task_done",  NULL};
static const char *const acquirer_methods[] = {"acquire", "release", NULL};
static const char *const condition_methods[] = {"acquire", "release",    "wait",
                                                "notify",  "notify_all", NULL};
static const char *const event_methods[] = {"is_set", "set", "clear", "wait",
                                            NULL};
static const char *const barrier_methods[] = {"__getattribute__", "wait",
                                              "abort", "reset", NULL};
static const char *const value_methods[] = {"get", "set", NULL};
static const char *const array_methods[] = {"__len__", "__getitem__",
                                            "__setitem__", NULL};
static const char *const namespace_methods[] = {
    "__getattribute__", "__setattr__", "__delattr__", NULL};
static const char *const dict_methods[] = {
    "__contains__", "__delitem__", "__getitem__", "__iter__",   "__len__",
    "__setitem__",  "clear",       "copy",        "get",        "items",
    "keys",         "pop",         "popitem",     "setdefault", "update",
    "values",       NULL};
static const char *const iterator_methods[] = {"__next__", "send", "throw",
                                               "close", NULL};
static const char *const list_methods[] = {
    "__add__", "__contains__", "__delitem__", "__getitem__", "__len__",
    "__mul__", "__reversed__", "__rmul__",    "__setitem__", "append",
    "count",   "extend",       "index",       "insert",      "pop",
    "remove",  "reverse",      "sort",        "__imul__",    NULL};

/* SyncManager's typeids that mproc hosts, and their exposed methods. */
static const struct typeid {
  const char *name;
  int kind;
  const char *const *exposed;
}
typeids[] = {
    {"Queue", K_QUEUE, queue_methods},
    {"JoinableQueue", K_JOINABLE_QUEUE, queue_methods},
    {"Lock", K_LOCK, acquirer_methods},
    {"RLock", K_RLOCK, acquirer_methods},
    {"Semaphore", K_SEMAPHORE, acquirer_methods},
    {"BoundedSemaphore", K_BOUNDED_SEMAPHORE, acquirer_methods},
    {"Condition", K_CONDITION, condition_methods},
    {"Event", K_EVENT, event_methods},
    {"Barrier", K_BARRIER, barrier_methods},
    {"Value", K_VALUE, value_methods},
    {"Array", K_ARRAY, array_methods},
    {"Namespace", K_NAMESPACE, namespace_methods},
    {"dict", K_DICT, dict_methods},
    {"list", K_LIST, list_methods},
    /* Made by a dict's __iter__ only (create_method=False). */
    {"Iterator", K_ITERATOR, iterator_methods},
};
#define NTYPEIDS (sizeof typeids / sizeof typeids[0])

static const struct typeid *typeid_of_kind(int kind) {
  for (size_t i = 0; i < NTYPEIDS; i++)
    if (typeids[i].kind == kind)
      return &typeids[i];
  return NULL;
}

/* create(typeid, *args, **kwds): OP_CREATE's [kind, param, initial]. */
static int create_args(pyconn_t *c, mproc__request_t *rq) {
  const mproc__pk_t *t = c->args && c->args->nitems ? c->args->items[0] : NULL;
  const struct typeid *ti = NULL;
  for (size_t i = 0; t && t->kind == MPROC__PK_STR && i < NTYPEIDS; i++)
    if (strcmp(typeids[i].name, (const char *)t->p) == 0)
      ti = &typeids[i];
  if (!ti && t && t->kind == MPROC__PK_STR && c->args->nitems == 1 &&
      (!c->kwds || c->kwds->nitems == 0)) {
    /* Not SyncManager's: a name the server shares (a typeid registered
     * with a callable on CPython's side, mproc_manager_shared_t here). */
    c->av[0] = mproc_str((const char *)t->p);
    rq->op = OP_GET_NAMED;
    rq->args = c->av;
    rq->nargs = 1;
    c->reply = R_CREATE;
    return 0;
  }
  if (!ti)
    return mproc__err(MPROC_E_KEY, "KeyError: no typeid of this manager");
  /* The typeid's own arguments: shift the args tuple by one. */
  mproc__pk_t *rest = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  if (!rest)
    return mproc__err(MPROC_E_NOMEM, "create");
  for (size_t i = 1; i < c->args->nitems; i++)
    if (mproc__pk_push(rest, c->args->items[i]) < 0)
      return mproc__err(MPROC_E_NOMEM, "create");
  c->args = rest;
  c->kind = ti->kind;
  if (ti->kind == K_ITERATOR) /* as CPython's create() without callable */
    return mproc__err(MPROC_E_VALUE, "Without callable, must have one "
                                     "non-keyword argument");
  c->reply = R_CREATE;
  int64_t param = 0;
  double t0 = 0;
  size_t n = 2;
  int rc = 0;
  const mproc__pk_t *x;
  switch (ti->kind) {
  case K_QUEUE:
  case K_JOINABLE_QUEUE:
    x = arg(c, 0, "maxsize");
    if (x && !as_int(x, &param))
      return bad_args(c);
    if (param < 0)
      param = 0; /* queue.Queue: maxsize <= 0 is infinite */
    break;
  case K_SEMAPHORE:
  case K_BOUNDED_SEMAPHORE:
    param = 1;
    x = arg(c, 0, "value");
    if (x && !as_int(x, &param))
      return bad_args(c);
    if (param < 0)
      return mproc__err(MPROC_E_VALUE, "semaphore initial value must be >= 0");
    break;
  case K_CONDITION:
    if (!is_none(arg(c, 0, "lock")))
      return mproc__err(MPROC_E_NOTSUP, "Condition(lock): a Condition of "
                                        "this manager has its own lock");
    break;
  case K_BARRIER: {
    mproc_value_t *init;
    x = arg(c, 0, "parties");
    if (!as_int(x, &param) || param <= 0)
      return mproc__err(MPROC_E_VALUE, "parties must be > 0");
    if (!is_none(arg(c, 1, "action")))
      return mproc__err(MPROC_E_NOTSUP,
                        "Barrier(action): an action cannot cross from "
                        "Python to this manager");
    if ((rc = timeout_arg(c, arg(c, 2, "timeout"), &t0)) < 0)
      return rc;
    if ((rc = list_new(c, 3, &init)) < 0)
      return rc;
    init[0] = mproc_none();
    init[1] = mproc_bytes("", 0);
    init[2] = mproc_double(t0 < 0 ? 0 : t0);
    c->av[n++] = mproc_list(init, 3);
    break;
  }
  case K_VALUE: /* Value(typecode, value, lock=True) */
    if ((rc = blob_arg(c, arg(c, 1, "value"), &c->av[n++])) < 0)
      return rc;
    break;
  case K_ARRAY: { /* Array(typecode, sequence, lock=True) */
    x = arg(c, 0, "typecode");
    if (!x || x->kind != MPROC__PK_STR || x->n != 1)
      return bad_args(c);
    param = x->p[0];
    if ((rc = value_arg(c, arg(c, 1, "sequence"), &c->av[n])) < 0)
      return rc;
    if (c->av[n].type == MPROC_VALUE_TUPLE)
      c->av[n].type = MPROC_VALUE_LIST; /* one layout */
    n++;
    break;
  }
  case K_NAMESPACE:
    if (c->args->nitems)
      return bad_args(c);
    if ((rc = update_arg(c, NULL, &c->av[n++])) < 0)
      return rc;
    break;
  case K_DICT:
    if ((rc = update_arg(c, arg(c, 0, NULL), &c->av[n++])) < 0)
      return rc;
    break;
  case K_LIST:
    x = arg(c, 0, NULL);
    if (x && (rc = blobs_arg(c, x, &c->av[n++])) < 0)
      return rc;
    break;
  default:
    break;
  }
  c->av[0] = mproc_int(ti->kind);
  c->av[1] = mproc_int(param);
  rq->op = OP_CREATE;
  rq->args = c->av;
  rq->nargs = n;
  return 0;
}

/* An ident: the decimal id create() gave. */
static bool ident_parse(const mproc__pk_t *x, uint64_t *id) {
  if (!x || x->kind != MPROC__PK_STR || x->n == 0 || x->n > 19)
    return false;
  uint64_t v = 0;
  for (size_t i = 0; i < x->n; i++) {
    if (x->p[i] < '0' || x->p[i] > '9')
      return false;
    v = v * 10 + (uint64_t)(x->p[i] - '0');
  }
  *id = v;
  return v != 0;
}

/* Token(typeid, address, id) as pickled: its state's typeid. */
static const struct typeid *token_typeid(const mproc__pk_t *x) {
  const mproc__pk_t *st = x && x->kind == MPROC__PK_OBJ ? x->state : NULL;
  if (!st || st->kind != MPROC__PK_TUPLE || st->nitems != 3 ||
      st->items[0]->kind != MPROC__PK_STR)
    return NULL;
  for (size_t i = 0; i < NTYPEIDS; i++)
    if (strcmp(typeids[i].name, (const char *)st->items[0]->p) == 0)
      return &typeids[i];
  return NULL;
}

/* The request failed before the server saw it: it answers a ping, and
 * the reply says why. */
static void fail(pyconn_t *c, mproc__request_t *rq, int status) {
  c->fail = status;
  snprintf(c->failmsg, sizeof c->failmsg, "%s", mproc_last_error());
  rq->op = OP_PING;
  rq->target = 0;
  rq->nargs = 0;
}

static int request_decode(void *cs, const uint8_t *buf, size_t len,
                          mproc__request_t *rq, mproc_value_t **vals,
                          size_t *nvals) {
  pyconn_t *c = cs;
  mproc__pk_t *root = NULL;
  conn_reset(c);
  *vals = NULL;
  *nvals = 0;
  rq->op = OP_PING;
  rq->owner = c->owner;
  rq->timeout = MPROC_FOREVER;
  rq->args = NULL;
  rq->nargs = 0;
  rq->target = 0;
  int rc = mproc__pickle_decode(&c->arena, buf, len, &root);
  if (rc < 0) {
    fail(c, rq, rc); /* CPython's server answers with the traceback */
    return 0;
  }
  if (root->kind != MPROC__PK_TUPLE || root->nitems != 4 ||
      root->items[1]->kind != MPROC__PK_STR ||
      root->items[2]->kind != MPROC__PK_TUPLE ||
      (root->items[3]->kind != MPROC__PK_DICT &&
       root->items[3]->kind != MPROC__PK_NONE)) {
    fail(c, rq,
         mproc__err(MPROC_E_DECODE, "a request is (ident, methodname, args, "
                                    "kwds)"));
    return 0;
  }
  const mproc__pk_t *ident = root->items[0];
  c->method = (const char *)root->items[1]->p;
  c->args = root->items[2];
  c->kwds = root->items[3]->kind == MPROC__PK_DICT ? root->items[3] : NULL;
  if (ident->kind != MPROC__PK_NONE) {
    if (!ident_parse(ident, &rq->target))
      fail(c, rq,
           mproc__err(MPROC_E_NOTFOUND, "KeyError: no object of this ident"));
    else
      rq->op = OP_CALL;
    return 0;
  }
  const char *m = c->method;
  uint64_t id;
  if (strcmp(m, "dummy") == 0 || strcmp(m, "accept_connection") == 0) {
    rq->op = OP_PING;
  } else if (strcmp(m, "shutdown") == 0) {
    rq->op = OP_SHUTDOWN;
  } else if (strcmp(m, "number_of_objects") == 0) {
    rq->op = OP_OBJECTS;
    c->reply = R_RES;
  } else if (strcmp(m, "debug_info") == 0) {
    rq->op = OP_OBJECTS;
    c->reply = R_DEBUG;
  } else if (strcmp(m, "incref") == 0 || strcmp(m, "decref") == 0) {
    if (!ident_parse(arg(c, 0, NULL), &id)) {
      fail(c, rq, mproc__err(MPROC_E_NOTFOUND, "KeyError: no such ident"));
    } else {
      rq->op = m[0] == 'i' ? OP_INCREF : OP_DECREF;
      rq->target = id;
    }
  } else if (strcmp(m, "get_methods") == 0) {
    const struct typeid *ti = token_typeid(arg(c, 0, NULL));
    if (!ti) {
      fail(c, rq, mproc__err(MPROC_E_KEY, "KeyError: no such typeid"));
    } else {
      c->kind = ti->kind;
      c->reply = R_METHODS;
    }
  } else if (strcmp(m, "create") == 0) {
    if ((rc = create_args(c, rq)) < 0)
      fail(c, rq, rc);
  } else {
    fail(c, rq, mproc__err(MPROC_E_NOTSUP, "'%s' unrecognized", m));
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Methods                                                                  */
/* ------------------------------------------------------------------------ */

#define IS(s) (strcmp(m, s) == 0)

static int set_op(mproc__request_t *rq, pyconn_t *c, int64_t op, size_t n,
                  int reply) {
  rq->op = op;
  rq->args = c->av;
  rq->nargs = n;
  c->reply = reply;
  return 0;
}

static int bind_lock(pyconn_t *c, int kind, const char *m,
                     mproc__request_t *rq) {
  if (IS("acquire")) {
    bool block = truthy(arg(c, 0, "blocking"), true);
    const mproc__pk_t *t = arg(c, 1, "timeout");
    double to = MPROC_FOREVER;
    if (!is_none(t) && !as_num(t, &to))
      return bad_args(c);
    if (to < 0)
      to = MPROC_FOREVER; /* threading.Lock: -1 is no limit */
    rq->timeout = block ? to : 0;
    return set_op(rq, c, M_ACQUIRE, 0, R_ACQUIRED);
  }
  if (IS("release")) {
    int64_t k = 1;
    if (arg(c, 0, "n") && (!as_int(arg(c, 0, "n"), &k) || k != 1))
      return mproc__err(MPROC_E_NOTSUP, "release(n): only n=1 here");
    return set_op(rq, c, M_RELEASE, 0, R_NONE);
  }
  if (kind != K_CONDITION)
    return 1;
  if (IS("wait")) {
    int rc = timeout_arg(c, arg(c, 0, "timeout"), &rq->timeout);
    return rc < 0 ? rc : set_op(rq, c, M_COND_WAIT, 0, R_WAITED);
  }
  if (IS("notify") || IS("notify_all")) {
    int64_t k = 1;
    if (IS("notify_all"))
      k = -1;
    else if (arg(c, 0, "n") && (!as_int(arg(c, 0, "n"), &k) || k < 0))
      return bad_args(c);
    c->av[0] = mproc_int(k);
    return set_op(rq, c, M_COND_NOTIFY, 1, R_NONE);
  }
  return 1;
}

static int bind_queue(pyconn_t *c, const char *m, mproc__request_t *rq) {
  int rc;
  bool nowait = IS("put_nowait") || IS("get_nowait");
  if (IS("put") || IS("put_nowait") || IS("get") || IS("get_nowait")) {
    bool put = m[0] == 'p';
    size_t b = put ? 1 : 0;
    if (!nowait && !truthy(arg(c, b, "block"), true))
      rq->timeout = 0;
    else if (!nowait &&
             (rc = timeout_arg(c, arg(c, b + 1, "timeout"), &rq->timeout)) < 0)
      return rc;
    if (nowait)
      rq->timeout = 0;
    if (!put)
      return set_op(rq, c, M_QUEUE_GET, 0, R_BLOB);
    if ((rc = blob_arg(c, arg(c, 0, "item"), &c->av[0])) < 0)
      return rc;
    return set_op(rq, c, M_QUEUE_PUT, 1, R_NONE);
  }
  if (IS("qsize"))
    return set_op(rq, c, M_QUEUE_SIZE, 0, R_RES);
  if (IS("empty"))
    return set_op(rq, c, M_QUEUE_SIZE, 0, R_EMPTY);
  if (IS("full"))
    return set_op(rq, c, M_QUEUE_FULL, 0, R_RES);
  if (IS("task_done"))
    return set_op(rq, c, M_QUEUE_TASK_DONE, 0, R_NONE);
  if (IS("join"))
    return set_op(rq, c, M_QUEUE_JOIN, 0, R_NONE);
  return 1;
}

static int bind_dict(pyconn_t *c, int kind, const char *m,
                     mproc__request_t *rq) {
  int rc;
  const mproc__pk_t *k0 = arg(c, 0, NULL);
  if (kind == K_NAMESPACE) {
    if (!k0 || k0->kind != MPROC__PK_STR)
      return bad_args(c);
    c->key = k0;
    if ((rc = value_arg(c, k0, &c->av[0])) < 0)
      return rc;
    if (IS("__getattribute__"))
      return set_op(rq, c, M_DICT_GET, 1, R_BLOB);
    if (IS("__delattr__"))
      return set_op(rq, c, M_DICT_DEL, 1, R_NONE);
    if (IS("__setattr__")) {
      if ((rc = blob_arg(c, arg(c, 1, NULL), &c->av[1])) < 0)
        return rc;
      return set_op(rq, c, M_DICT_SET, 2, R_NONE);
    }
    return 1;
  }
  if (IS("__len__"))
    return set_op(rq, c, M_DICT_LEN, 0, R_RES);
  if (IS("__iter__")) /* DictProxy._method_to_typeid_: 'Iterator' */
    return set_op(rq, c, M_DICT_ITER, 0, R_PROXY);
  if (IS("clear"))
    return set_op(rq, c, M_DICT_CLEAR, 0, R_NONE);
  if (IS("keys") || IS("values") || IS("items") || IS("copy") ||
      IS("#GETVALUE")) {
    int what = IS("keys") ? DICT_KEYS : IS("values") ? DICT_VALUES : DICT_ITEMS;
    c->av[0] = mproc_int(what);
    return set_op(rq, c, M_DICT_ITEMS, 1,
                  what == DICT_KEYS     ? R_KEYS
                  : what == DICT_VALUES ? R_BLOBS
                  : IS("items")         ? R_ITEMS
                                        : R_COPY);
  }
  if (IS("popitem"))
    return set_op(rq, c, M_DICT_POPITEM, 0, R_POPITEM);
  if (IS("update")) {
    if ((rc = update_arg(c, k0, &c->av[0])) < 0)
      return rc;
    return set_op(rq, c, M_DICT_UPDATE, 1, R_NONE);
  }
  /* The rest take a key. */
  if (!k0)
    return 1;
  c->key = k0;
  if ((rc = value_arg(c, k0, &c->av[0])) < 0)
    return rc;
  if (IS("__getitem__"))
    return set_op(rq, c, M_DICT_GET, 1, R_BLOB);
  if (IS("get") || IS("pop")) {
    bool pop = IS("pop");
    c->dflt = arg(c, 1, NULL);
    c->av[1] = mproc_bool(!pop || c->dflt);
    return set_op(rq, c, pop ? M_DICT_POP : M_DICT_GET, 2, R_GET);
  }
  if (IS("__delitem__"))
    return set_op(rq, c, M_DICT_DEL, 1, R_NONE);
  if (IS("__contains__"))
    return set_op(rq, c, M_DICT_CONTAINS, 1, R_RES);
  if (IS("__setitem__") || IS("setdefault")) {
    const mproc__pk_t *v = arg(c, 1, NULL);
    mproc__pk_t *none = NULL;
    if (!v && IS("setdefault"))
      v = none = mproc__pk_new(&c->arena, MPROC__PK_NONE);
    if (!v)
      return bad_args(c);
    if ((rc = blob_arg(c, v, &c->av[1])) < 0)
      return rc;
    return IS("setdefault") ? set_op(rq, c, M_DICT_SETDEFAULT, 2, R_BLOB)
                            : set_op(rq, c, M_DICT_SET, 2, R_NONE);
  }
  return 1;
}

static int bind_list(pyconn_t *c, const char *m, mproc__request_t *rq) {
  int rc;
  int64_t i = 0, sl[3];
  const mproc__pk_t *x0 = arg(c, 0, NULL);
  bool is_slice = slice_arg(x0, sl);
  if (is_slice) {
    for (int j = 0; j < 3; j++)
      c->av[j] = mproc_int(sl[j]);
    if (IS("__getitem__"))
      return set_op(rq, c, M_LIST_SLICE_GET, 3, R_BLOBS);
    if (IS("__delitem__"))
      return set_op(rq, c, M_LIST_SLICE_DEL, 3, R_NONE);
    if (IS("__setitem__")) {
      if ((rc = blobs_arg(c, arg(c, 1, NULL), &c->av[3])) < 0)
        return rc;
      return set_op(rq, c, M_LIST_SLICE_SET, 4, R_NONE);
    }
    return bad_args(c);
  }
  if (IS("__len__"))
    return set_op(rq, c, M_LIST_LEN, 0, R_RES);
  if (IS("reverse"))
    return set_op(rq, c, M_LIST_REVERSE, 0, R_NONE);
  if (IS("#GETVALUE")) {
    c->av[0] = mproc_int(0);
    c->av[1] = mproc_int(INT64_MAX);
    c->av[2] = mproc_int(1);
    return set_op(rq, c, M_LIST_SLICE_GET, 3, R_BLOBS);
  }
  if (IS("sort")) {
    if (!is_none(arg(c, 99, "key")))
      return mproc__err(MPROC_E_NOTSUP, "sort(key=...): a key function "
                                        "cannot cross to this manager");
    c->av[0] = mproc_bool(truthy(arg(c, 99, "reverse"), false));
    return set_op(rq, c, M_LIST_SORT, 1, R_NONE);
  }
  if (IS("pop")) {
    i = -1;
    if (x0 && !as_int(x0, &i))
      return bad_args(c);
    c->av[0] = mproc_int(i);
    return set_op(rq, c, M_LIST_POP, 1, R_BLOB);
  }
  if (IS("__getitem__") || IS("__delitem__") || IS("__setitem__") ||
      IS("insert")) {
    if (!as_int(x0, &i))
      return mproc__err(MPROC_E_TYPE, "list indices must be integers or "
                                      "slices");
    c->av[0] = mproc_int(i);
    if (IS("__getitem__"))
      return set_op(rq, c, M_LIST_GET, 1, R_BLOB);
    if (IS("__delitem__"))
      return set_op(rq, c, M_LIST_DEL, 1, R_NONE);
    if ((rc = blob_arg(c, arg(c, 1, NULL), &c->av[1])) < 0)
      return rc;
    return set_op(rq, c, IS("insert") ? M_LIST_INSERT : M_LIST_SET, 2, R_NONE);
  }
  if (IS("extend")) {
    if ((rc = blobs_arg(c, x0, &c->av[0])) < 0)
      return rc;
    return set_op(rq, c, M_LIST_EXTEND, 1, R_NONE);
  }
  if (!IS("append") && !IS("remove") && !IS("count") && !IS("index") &&
      !IS("__contains__"))
    return 1;
  if ((rc = blob_arg(c, x0, &c->av[0])) < 0)
    return rc;
  if (IS("append"))
    return set_op(rq, c, M_LIST_APPEND, 1, R_NONE);
  if (IS("remove"))
    return set_op(rq, c, M_LIST_REMOVE, 1, R_NONE);
  if (IS("count"))
    return set_op(rq, c, M_LIST_COUNT, 1, R_RES);
  if (IS("__contains__"))
    return set_op(rq, c, M_LIST_COUNT, 1, R_NONZERO);
  int64_t lo = 0, hi = INT64_MAX;
  if ((arg(c, 1, NULL) && !as_int(arg(c, 1, NULL), &lo)) ||
      (arg(c, 2, NULL) && !as_int(arg(c, 2, NULL), &hi)))
    return bad_args(c);
  c->av[1] = mproc_int(lo);
  c->av[2] = mproc_int(hi);
  return set_op(rq, c, M_LIST_INDEX, 3, R_RES);
}

static int bind_other(pyconn_t *c, int kind, const char *m,
                      mproc__request_t *rq) {
  int rc;
  switch (kind) {
  case K_EVENT:
    if (IS("is_set"))
      return set_op(rq, c, M_EVENT_IS_SET, 0, R_RES);
    if (IS("set") || IS("clear"))
      return set_op(rq, c, IS("set") ? M_EVENT_SET : M_EVENT_CLEAR, 0, R_NONE);
    if (IS("wait")) {
      if ((rc = timeout_arg(c, arg(c, 0, "timeout"), &rq->timeout)) < 0)
        return rc;
      return set_op(rq, c, M_EVENT_WAIT, 0, R_WAITED);
    }
    return 1;
  case K_BARRIER:
    if (IS("wait")) {
      if ((rc = timeout_arg(c, arg(c, 0, "timeout"), &rq->timeout)) < 0)
        return rc;
      return set_op(rq, c, M_BARRIER_WAIT, 0, R_RES);
    }
    if (IS("abort") || IS("reset"))
      return set_op(rq, c, IS("abort") ? M_BARRIER_ABORT : M_BARRIER_RESET, 0,
                    R_NONE);
    if (IS("__getattribute__")) {
      const mproc__pk_t *a = arg(c, 0, NULL);
      c->aux = is_str(a, "parties")     ? 0
               : is_str(a, "n_waiting") ? 1
               : is_str(a, "broken")    ? 2
                                        : -1;
      if (c->aux < 0)
        return mproc__err(MPROC_E_NOTSUP, "Barrier has no such attribute");
      return set_op(rq, c, M_BARRIER_STATE, 0, R_ATTR);
    }
    return 1;
  case K_ITERATOR:
    if (IS("__next__"))
      return set_op(rq, c, M_ITER_NEXT, 0, R_NEXT);
    if (IS("close"))
      return set_op(rq, c, OP_PING, 0, R_NONE);
    return 1;
  case K_VALUE:
    if (IS("get") || IS("#GETVALUE"))
      return set_op(rq, c, M_VALUE_GET, 0, R_BLOB);
    if (IS("set")) {
      if ((rc = blob_arg(c, arg(c, 0, "value"), &c->av[0])) < 0)
        return rc;
      return set_op(rq, c, M_VALUE_SET, 1, R_NONE);
    }
    return 1;
  case K_ARRAY: {
    int64_t i, sl[3];
    const mproc__pk_t *x0 = arg(c, 0, NULL);
    if (IS("__len__"))
      return set_op(rq, c, M_ARRAY_LEN, 0, R_RES);
    if (IS("__getitem__") && slice_arg(x0, sl)) {
      for (int j = 0; j < 3; j++)
        c->av[j] = mproc_int(sl[j]);
      return set_op(rq, c, M_ARRAY_SLICE_GET, 3, R_RES);
    }
    if (!IS("__getitem__") && !IS("__setitem__"))
      return 1;
    if (!as_int(x0, &i))
      return mproc__err(MPROC_E_TYPE, "array indices must be integers");
    c->av[0] = mproc_int(i);
    if (IS("__getitem__"))
      return set_op(rq, c, M_ARRAY_GET, 1, R_RES);
    if ((rc = value_arg(c, arg(c, 1, NULL), &c->av[1])) < 0)
      return rc;
    return set_op(rq, c, M_ARRAY_SET, 2, R_NONE);
  }
  default:
    return 1;
  }
}

static int request_bind(void *cs, int kind, mproc__request_t *rq) {
  pyconn_t *c = cs;
  const char *m = c->method;
  int rc;
  c->kind = kind;
  switch (kind) {
  case K_LOCK:
  case K_RLOCK:
  case K_SEMAPHORE:
  case K_BOUNDED_SEMAPHORE:
  case K_CONDITION:
    /* threading's locks fail with RuntimeError; a semaphore with
     * ValueError. */
    c->release = kind != K_SEMAPHORE && kind != K_BOUNDED_SEMAPHORE;
    rc = bind_lock(c, kind, m, rq);
    break;
  case K_QUEUE:
  case K_JOINABLE_QUEUE:
    rc = bind_queue(c, m, rq);
    break;
  case K_DICT:
  case K_NAMESPACE:
    rc = bind_dict(c, kind, m, rq);
    break;
  case K_LIST:
    rc = bind_list(c, m, rq);
    break;
  default:
    rc = bind_other(c, kind, m, rq);
  }
  if (rc == 1) {
    const struct typeid *ti = typeid_of_kind(kind);
    return mproc__err(MPROC_E_NOTSUP,
                      "AttributeError: method '%s' of a %s is not exposed by "
                      "this manager",
                      m, ti ? ti->name : mproc__kind_names[kind]);
  }
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Replies                                                                  */
/* ------------------------------------------------------------------------ */

static mproc__pk_t *pk_str(pyconn_t *c, const char *s) {
  return mproc__pk_str(&c->arena, s, strlen(s));
}

static mproc__pk_t *pk_bool(pyconn_t *c, bool b) {
  mproc__pk_t *x = mproc__pk_new(&c->arena, MPROC__PK_BOOL);
  if (x)
    x->b = b;
  return x;
}

/* A tuple of the names in @p names. */
static int pk_names(pyconn_t *c, const char *const *names, mproc__pk_t **out) {
  mproc__pk_t *t = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  if (!t)
    return MPROC_E_NOMEM;
  for (size_t i = 0; names && names[i]; i++) {
    mproc__pk_t *s = pk_str(c, names[i]);
    if (!s || mproc__pk_push(t, s) < 0)
      return MPROC_E_NOMEM;
  }
  *out = t;
  return 0;
}

/* The exception a CPython proxy raises for @p status, or NULL (then the
 * reply is a #TRACEBACK with the message). */
static mproc__pk_t *exception(pyconn_t *c, int status, const char *msg) {
  const char *mod = "builtins", *name = NULL;
  const mproc__pk_t *arg0 = NULL;
  bool noargs = false;
  if (c->reply == R_CREATE)
    return NULL; /* CPython's create() fails with a traceback */
  switch (status) {
  case MPROC_E_KEY:
    name = c->kind == K_NAMESPACE ? "AttributeError" : "KeyError";
    arg0 = c->key;
    break;
  case MPROC_E_INDEX:
    name = "IndexError";
    break;
  case MPROC_E_EMPTY:
    mod = "_queue";
    name = "Empty";
    noargs = true;
    break;
  case MPROC_E_FULL:
    mod = "queue";
    name = "Full";
    noargs = true;
    break;
  case MPROC_E_BROKEN:
    mod = "threading";
    name = "BrokenBarrierError";
    noargs = true;
    break;
  case MPROC_E_VALUE:
  case MPROC_E_PERM:
    name = c->release ? "RuntimeError" : "ValueError";
    break;
  case MPROC_E_TYPE:
    name = "TypeError";
    break;
  case MPROC_E_TIMEOUT:
    name = "TimeoutError";
    break;
  case MPROC_E_STATE: /* a dict changed while an Iterator walks it */
    if (c->kind != K_ITERATOR)
      return NULL;
    name = "RuntimeError";
    break;
  default:
    return NULL;
  }
  mproc__pk_t *x = mproc__pk_new(&c->arena, MPROC__PK_OBJ);
  mproc__pk_t *g = mproc__pk_global(&c->arena, mod, name);
  mproc__pk_t *t = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  mproc__pk_t *a = arg0 ? (mproc__pk_t *)arg0 : pk_str(c, msg);
  if (!x || !g || !t || !a || (!noargs && mproc__pk_push(t, a) < 0))
    return NULL;
  x->how = MPROC__PK_REDUCE;
  x->callable = g;
  x->args = t;
  return x;
}

/* An exception of a builtin type, without arguments. */
static mproc__pk_t *pk_exception0(pyconn_t *c, const char *name) {
  mproc__pk_t *x = mproc__pk_new(&c->arena, MPROC__PK_OBJ);
  mproc__pk_t *g = mproc__pk_global(&c->arena, "builtins", name);
  mproc__pk_t *t = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  if (!x || !g || !t)
    return NULL;
  x->how = MPROC__PK_REDUCE;
  x->callable = g;
  x->args = t;
  return x;
}

/* Token('Iterator', address, ident), as CPython pickles it: NEWOBJ, then
 * its state (typeid, address, id). The proxy replaces the address with
 * its own manager's, so none is sent. */
static mproc__pk_t *pk_token(pyconn_t *c, const char *typeid,
                             const char *ident) {
  mproc__pk_t *x = mproc__pk_new(&c->arena, MPROC__PK_OBJ);
  mproc__pk_t *g =
      mproc__pk_global(&c->arena, "multiprocessing.managers", "Token");
  mproc__pk_t *noargs = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  mproc__pk_t *st = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  mproc__pk_t *none = mproc__pk_new(&c->arena, MPROC__PK_NONE);
  mproc__pk_t *t = pk_str(c, typeid), *i = pk_str(c, ident);
  if (!x || !g || !noargs || !st || !none || !t || !i ||
      mproc__pk_push(st, t) < 0 || mproc__pk_push(st, none) < 0 ||
      mproc__pk_push(st, i) < 0)
    return NULL;
  x->how = MPROC__PK_NEWOBJ;
  x->callable = g;
  x->args = noargs;
  x->state = st;
  return x;
}

static int from_value(pyconn_t *c, const mproc_value_t *v, mproc__pk_t **out) {
  return mproc__pickle_from_value(&c->arena, v, out);
}

static int from_blob(pyconn_t *c, const mproc_value_t *v, mproc__pk_t **out) {
  const void *p;
  size_t n;
  if (mproc_value_as_bytes(v, &p, &n) != 0)
    return mproc__err(MPROC_E_DECODE, "a stored value that is no bytes");
  return mproc__pickle_from_blob(&c->arena, p, n, out);
}

/* The result of a successful call, as c->reply says. */
static int result(pyconn_t *c, const mproc_value_t *res, size_t nres,
                  mproc__pk_t **out) {
  mproc__pk_t *x = NULL;
  int rc = 0;
  char text[64];
  const mproc_value_t *list =
      nres && res[0].type == MPROC_VALUE_LIST ? &res[0] : NULL;
  switch (c->reply) {
  case R_NONE:
    x = mproc__pk_new(&c->arena, MPROC__PK_NONE);
    break;
  case R_WAITED:
  case R_ACQUIRED:
    x = pk_bool(c, true);
    break;
  case R_RES:
  case R_ATTR: {
    size_t i = c->reply == R_ATTR ? (size_t)c->aux : 0;
    if (i >= nres)
      return mproc__err(MPROC_E_DECODE, "a reply without its result");
    rc = from_value(c, &res[i], &x);
    break;
  }
  case R_BLOB:
  case R_GET:
    if (nres < 1)
      return mproc__err(MPROC_E_DECODE, "a reply without its result");
    if (c->reply == R_GET && res[0].type == MPROC_VALUE_NONE)
      x = c->dflt ? (mproc__pk_t *)c->dflt
                  : mproc__pk_new(&c->arena, MPROC__PK_NONE);
    else
      rc = from_blob(c, &res[0], &x);
    break;
  case R_NONZERO:
  case R_EMPTY: {
    int64_t k = 0;
    bool b = false;
    if (nres < 1 || (mproc_value_as_int(&res[0], &k) != 0 &&
                     mproc_value_as_bool(&res[0], &b) != 0))
      return mproc__err(MPROC_E_DECODE, "a reply without its result");
    k = k || b;
    x = pk_bool(c, c->reply == R_NONZERO ? k != 0 : k == 0);
    break;
  }
  case R_BLOBS:
  case R_KEYS:
  case R_ITEMS:
  case R_COPY: {
    if (!list)
      return mproc__err(MPROC_E_DECODE, "a reply without its list");
    bool pairs = c->reply == R_ITEMS || c->reply == R_COPY;
    x = mproc__pk_new(&c->arena,
                      c->reply == R_COPY ? MPROC__PK_DICT : MPROC__PK_LIST);
    if (!x)
      break;
    const mproc_value_t *it = list->u.seq.items;
    for (size_t i = 0; rc == 0 && i < list->u.seq.n; i += pairs ? 2 : 1) {
      mproc__pk_t *k = NULL, *v = NULL, *t = NULL;
      if (c->reply == R_KEYS)
        rc = from_value(c, &it[i], &k);
      else if (!pairs)
        rc = from_blob(c, &it[i], &k);
      else if (i + 1 >= list->u.seq.n)
        rc = mproc__err(MPROC_E_DECODE, "a reply of odd items");
      else if ((rc = from_value(c, &it[i], &k)) == 0)
        rc = from_blob(c, &it[i + 1], &v);
      if (rc < 0)
        break;
      if (c->reply == R_COPY) {
        rc = mproc__pk_push_kv(x, k, v);
      } else if (pairs) {
        if (!(t = mproc__pk_new(&c->arena, MPROC__PK_TUPLE)) ||
            mproc__pk_push(t, k) < 0 || mproc__pk_push(t, v) < 0 ||
            mproc__pk_push(x, t) < 0)
          rc = mproc__err(MPROC_E_NOMEM, "a reply");
      } else {
        rc = mproc__pk_push(x, k);
      }
    }
    break;
  }
  case R_POPITEM: {
    mproc__pk_t *k = NULL, *v = NULL;
    if (nres < 2)
      return mproc__err(MPROC_E_DECODE, "a reply without its item");
    if ((rc = from_value(c, &res[0], &k)) == 0 &&
        (rc = from_blob(c, &res[1], &v)) == 0 &&
        (x = mproc__pk_new(&c->arena, MPROC__PK_TUPLE)) != NULL &&
        (mproc__pk_push(x, k) < 0 || mproc__pk_push(x, v) < 0))
      x = NULL;
    break;
  }
  case R_CREATE: {
    int64_t id, kind = c->kind;
    mproc__pk_t *e = NULL;
    if (nres >= 2 && mproc_value_as_int(&res[1], &kind) != 0)
      kind = 0; /* GET_NAMED's: id, kind, type name */
    const struct typeid *ti = typeid_of_kind((int)kind);
    if (nres < 1 || mproc_value_as_int(&res[0], &id) != 0)
      return mproc__err(MPROC_E_DECODE, "a reply without its id");
    if (!ti)
      return mproc__err(MPROC_E_TYPE, "a user type's object has no methods "
                                      "a CPython proxy can call");
    snprintf(text, sizeof text, "%lld", (long long)id);
    if (pk_names(c, ti->exposed, &e) == 0 &&
        (x = mproc__pk_new(&c->arena, MPROC__PK_TUPLE)) != NULL &&
        (mproc__pk_push(x, pk_str(c, text)) < 0 || mproc__pk_push(x, e) < 0))
      x = NULL;
    break;
  }
  case R_NEXT: {
    bool more = false;
    if (nres < 1 || mproc_value_as_bool(&res[0], &more) != 0 ||
        (more && nres < 2))
      return mproc__err(MPROC_E_DECODE, "a reply without its result");
    if (more)
      rc = from_value(c, &res[1], &x);
    else
      x = pk_exception0(c, "StopIteration"); /* an #ERROR: reply_encode */
    break;
  }
  case R_PROXY: {
    int64_t id;
    mproc__pk_t *e = NULL, *tok;
    if (nres < 1 || mproc_value_as_int(&res[0], &id) != 0)
      return mproc__err(MPROC_E_DECODE, "a reply without its id");
    snprintf(text, sizeof text, "%lld", (long long)id);
    if (pk_names(c, iterator_methods, &e) == 0 &&
        (tok = pk_token(c, "Iterator", text)) != NULL &&
        (x = mproc__pk_new(&c->arena, MPROC__PK_TUPLE)) != NULL &&
        (mproc__pk_push(x, e) < 0 || mproc__pk_push(x, tok) < 0))
      x = NULL;
    break;
  }
  case R_METHODS: {
    const struct typeid *ti = typeid_of_kind(c->kind);
    rc = pk_names(c, ti ? ti->exposed : NULL, &x);
    break;
  }
  case R_DEBUG: {
    int64_t k = 0;
    if (nres >= 1)
      mproc_value_as_int(&res[0], &k);
    snprintf(text, sizeof text, "  %lld objects", (long long)k);
    x = pk_str(c, text);
    break;
  }
  default:
    break;
  }
  if (rc < 0)
    return rc;
  if (!x)
    return mproc__err(MPROC_E_NOMEM, "a reply");
  *out = x;
  return 0;
}

static int reply_encode(void *cs, int status, const char *msg,
                        const mproc_value_t *res, size_t nres,
                        mproc__wbuf_t *b) {
  pyconn_t *c = cs;
  const char *kind = "#RETURN";
  mproc__pk_t *x = NULL;
  char text[512];
  if (c->fail) {
    status = c->fail;
    msg = c->failmsg;
  }
  /* A timeout that CPython's call reports as False. */
  if ((c->reply == R_WAITED || c->reply == R_ACQUIRED) &&
      status == MPROC_E_TIMEOUT) {
    status = 0;
    x = pk_bool(c, false);
  }
  if (c->reply == R_ACQUIRED && status == MPROC_E_OWNER_DEAD)
    status = 0;
  if (status == 0 && !x) {
    int rc = result(c, res, nres, &x);
    if (rc == MPROC_E_NOMEM)
      return rc;
    if (rc < 0) {
      kind = "#UNSERIALIZABLE";
      snprintf(text, sizeof text, "mproc manager: %s\n", mproc_last_error());
      x = pk_str(c, text);
    } else if (c->reply == R_PROXY) {
      kind = "#PROXY";
    } else if (c->reply == R_NEXT && x->kind == MPROC__PK_OBJ) {
      kind = "#ERROR"; /* the end: StopIteration */
    }
  } else if (status < 0) {
    kind = "#ERROR";
    x = exception(c, status, msg ? msg : "");
    if (!x) {
      kind = "#TRACEBACK";
      snprintf(text, sizeof text, "mproc manager: %s\n", msg ? msg : "");
      x = pk_str(c, text);
    }
  }
  mproc__pk_t *t = mproc__pk_new(&c->arena, MPROC__PK_TUPLE);
  mproc__pk_t *k = pk_str(c, kind);
  if (!x || !t || !k || mproc__pk_push(t, k) < 0 || mproc__pk_push(t, x) < 0)
    return mproc__err(MPROC_E_NOMEM, "a reply");
  return mproc__pickle_encode(b, t);
}

/* The client's side of this protocol is client_pickle.c's table
 * (mproc__cwire_pickle), which knows each request's reply: here requests
 * are not encoded, and a reply is only checked for its shape, ('#KIND',
 * payload), as fuzz.c checks the server's replies. */
static int request_encode(const mproc__request_t *rq, mproc__wbuf_t *b) {
  (void)rq;
  (void)b;
  return mproc__err(MPROC_E_NOTSUP, "mproc's client speaks its own protocol");
}

static int reply_decode(const uint8_t *buf, size_t len, mproc_value_t **res,
                        size_t *nres) {
  mproc__pk_arena_t a;
  mproc__pk_t *r = NULL;
  mproc__pk_arena_init(&a);
  int rc = mproc__pickle_decode(&a, buf, len, &r);
  if (rc == 0 &&
      (r->kind != MPROC__PK_TUPLE || r->nitems != 2 ||
       r->items[0]->kind != MPROC__PK_STR || r->items[0]->p[0] != '#'))
    rc = mproc__err(MPROC_E_DECODE, "a reply is ('#KIND', payload)");
  mproc__pk_arena_free(&a);
  if (rc == 0 && res) {
    *res = NULL;
    *nres = 0;
  }
  return rc;
}

const mproc__wire_t mproc__wire_pickle = {.name = "cpython",
                                          .conn_open = conn_open,
                                          .conn_close = conn_close,
                                          .client_refs = true,
                                          .request_bind = request_bind,
                                          .claims = claims,
                                          .request_encode = request_encode,
                                          .request_decode = request_decode,
                                          .reply_encode = reply_encode,
                                          .reply_decode = reply_decode};
