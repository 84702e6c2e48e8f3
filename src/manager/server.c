/* SPDX-License-Identifier: MIT */
/*
 * The manager's server process: it hosts the objects and answers each
 * connection's requests (wire.h) on a thread of its own. A connection holds
 * one reference to its object; the object is freed when its last
 * connection ends, so a process that dies releases its references with its
 * sockets.
 *
 * Concurrency: one thread per connection; all hosted state is under one
 * mutex, and every wait is on one condition variable that each state change
 * broadcasts. Simple, and waits are rare compared with calls.
 */
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Windows named pipes only (serve_threads(); everything else is
 * authenticated by handshake.c's loop): connections still authenticating,
 * each on a thread, at most; beyond, new ones are closed at once. */
#define UNAUTH_MAX 64
/* A request that waits looks whether its client is still there at each
 * wake-up, before it takes anything, and at least this often, so that the
 * wait of a client that died (its thread, its reference to the object, and
 * the heir of a lock its process held, see lock_acquire()) ends soon even
 * when nothing happens to the object. */
#define PEER_CHECK_NS ((int64_t)500 * 1000000)

typedef struct blob {
  uint8_t *p;
  size_t n;
} blob_t;

typedef struct cwaiter {
  struct cwaiter *next;
  bool notified;
} cwaiter_t;

typedef struct mproc__sconn sconn_t;

/* What a request took from its object for its client (an item, a permit,
 * a lock), to put back exactly where it was if the reply cannot be
 * delivered: a client that died waiting must not take it with it. */
enum { TAKEN_NONE, TAKEN_ITEM, TAKEN_PERMIT, TAKEN_LOCK };
typedef struct taken {
  int what;
  blob_t item; /* TAKEN_ITEM: owned here until delivered or put back */
} taken_t;

typedef struct sobj {
  uint64_t id;
  int kind;
  int64_t refs;
  /* Of refs, those its clients count themselves (a protocol's
   * client_refs: its creation's and each OP_INCREF, until OP_DECREF). */
  int64_t xrefs;
  /* Lock, RLock, Condition's lock */
  bool held, dead;
  uint64_t owner;
  int64_t count;
  sconn_t *holder;
  /* Semaphore */
  int64_t value, maxv;
  /* Event */
  bool flag;
  /* Condition */
  cwaiter_t *waiters;
  /* Barrier */
  int64_t parties, arrived;
  uint64_t gen, resets;
  bool broken;
  /* ... its action (a registered function's name, or NULL), which runs in
   * this process, as a manager's threading.Barrier runs its action in the
   * server; its arguments, encoded; whether it runs now; and the default
   * timeout of a wait (0: none). */
  char *action;
  blob_t action_args;
  bool acting;
  double btimeout;
  /* Queue */
  blob_t *items;
  size_t len, cap, head;
  int64_t maxsize, unfinished;
  /* dict, list, Namespace (hosted.c) */
  mproc__hosted_t *hosted;
  /* Array (array.c) */
  mproc__harray_t *array;
  /* Value */
  blob_t val;
  /* Leases (M_LEASE): each holds a reference until an attach releases it
   * or its deadline (here, oldest first) passes. */
  int64_t *leases;
  size_t nleases, leasecap;
  /* A user-defined type's object (registry.c) */
  const mproc_manager_type_t *ut;
  void *uself;
  /* An Iterator: the dict it walks (a reference), and its cursor
   * (M_DICT_NEXT's position, version and length at the start). */
  struct sobj *source;
  int64_t ipos, iversion, ilen;
} sobj_t;

struct mproc__sconn {
  mproc__net_t *conn;
  const mproc__wire_t *wire; /* the protocol it speaks: NULL until its
                              * first request says which */
  void *ws;                  /* the protocol's state for it (conn_open) */
  sobj_t *obj;
  /* The client's pid (from its requests' owner ids; 0 before the first),
   * and the list of open connections (S.conns) it is in. */
  uint32_t pid;
  sconn_t *prev, *next;
};

static struct {
  mproc__mutex_t *mu;
  mproc__cond_t *cv;
  sobj_t **objs; /* by id - 1; ids are never reused */
  size_t nobjs, cap;
  bool closing;
  int unauth;     /* connections in the handshake */
  int busy;       /* requests between being read and their reply being sent */
  sconn_t *conns; /* the open connections */
  const char *address;
  const uint8_t *key;
  size_t keylen;
  bool nowait;    /* fuzzing: one thread plays every client, nothing waits */
  size_t nleased; /* objects with leases */
  int64_t lease_next;    /* the earliest deadline among them */
  mproc__named_t *names; /* objects exposed by name (registry.c) */
  size_t nnames;
} S;

static void blob_free(blob_t *b) {
  free(b->p);
  b->p = NULL;
  b->n = 0;
}

static int blob_copy(blob_t *dst, const void *p, size_t n) {
  uint8_t *q = malloc(n ? n : 1);
  if (!q)
    return mproc__err(MPROC_E_NOMEM, "storing %zu bytes", n);
  if (n)
    memcpy(q, p, n);
  dst->p = q;
  dst->n = n;
  return 0;
}

static void sobj_unref(sobj_t *o);

static void sobj_free(sobj_t *o) {
  for (size_t i = o->head; i < o->len; i++)
    blob_free(&o->items[i]);
  free(o->items);
  mproc__hosted_free(o->hosted);
  mproc__harray_free(o->array);
  free(o->action);
  blob_free(&o->action_args);
  if (o->nleases)
    S.nleased--;
  free(o->leases);
  blob_free(&o->val);
  if (o->ut && o->ut->destroy && o->uself)
    o->ut->destroy(o->uself);
  S.objs[o->id - 1] = NULL;
  sobj_t *source = o->source;
  free(o);
  if (source)
    sobj_unref(source);
}

static void sobj_unref(sobj_t *o) {
  if (--o->refs == 0)
    sobj_free(o);
}

/* For refs.c (S.mu held): the address the server listens on (NULL when
 * fuzzing: stored proxies then hold nothing), and one reference more
 * (@p delta 1) or less (-1) to object @p id. False if it no longer
 * exists. */
const char *mproc__server_address(void) {
  return S.nowait ? NULL : S.address;
}

/* A lease on @p o: a reference until the deadline. */
static int lease_add(sobj_t *o) {
  if (o->nleases == o->leasecap) {
    size_t cap = o->leasecap ? o->leasecap * 2 : 4;
    int64_t *l = realloc(o->leases, cap * sizeof *l);
    if (!l)
      return mproc__err(MPROC_E_NOMEM, "taking a lease");
    o->leases = l;
    o->leasecap = cap;
  }
  int64_t deadline =
      mproc__now_ns() + (int64_t)(MPROC_PROXY_LEASE_SECONDS * 1e9);
  if (o->nleases == 0 && S.nleased++ == 0)
    S.lease_next = deadline;
  o->leases[o->nleases++] = deadline;
  o->refs++;
  return 0;
}

/* Releases @p o's oldest lease, if it has one (its reference with it,
 * unless @p keep_ref: the caller takes it over). */
static bool lease_release(sobj_t *o, bool keep_ref) {
  if (!o->nleases)
    return false;
  memmove(o->leases, o->leases + 1, --o->nleases * sizeof *o->leases);
  if (o->nleases == 0)
    S.nleased--;
  if (!keep_ref)
    sobj_unref(o);
  return true;
}

/* Releases the leases whose deadline has passed (S.mu held): looked at
 * when a request comes, so that no timer thread is needed; an object
 * outlives its lease by at most the time to the next request. */
static void leases_expire(void) {
  int64_t now = mproc__now_ns();
  if (!S.nleased || now < S.lease_next)
    return;
  int64_t next = INT64_MAX;
  for (size_t i = 0; i < S.nobjs; i++) {
    sobj_t *o = S.objs[i];
    /* Releasing may free this object, and others (those only its stored
     * values held): each is looked up again. */
    while (o && o->nleases && o->leases[0] <= now) {
      lease_release(o, false);
      o = S.objs[i];
    }
    if (o && o->nleases && o->leases[0] < next)
      next = o->leases[0];
  }
  S.lease_next = next;
}

bool mproc__server_ref(uint64_t id, int how) {
  sobj_t *o = id > 0 && id <= S.nobjs ? S.objs[id - 1] : NULL;
  if (!o)
    return false;
  switch (how) {
  case REF_TAKE:
    o->refs++;
    break;
  case REF_FROM_LEASE:
    if (!lease_release(o, true))
      o->refs++;
    break;
  case REF_TO_LEASE:
    if (lease_add(o) == 0)
      o->refs--; /* the lease holds it now (refs stays above 0) */
    else
      sobj_unref(o);
    break;
  default:
    sobj_unref(o);
  }
  return true;
}

/* Makes room for one more item at the end (compacting a queue's head). */
static int items_grow(sobj_t *o) {
  if (o->head && o->head == o->len) {
    o->head = o->len = 0;
  } else if (o->head > 64 && o->head >= o->len / 2) {
    memmove(o->items, o->items + o->head,
            (o->len - o->head) * sizeof *o->items);
    o->len -= o->head;
    o->head = 0;
  }
  if (o->len < o->cap)
    return 0;
  size_t cap = o->cap ? o->cap * 2 : 8;
  blob_t *items = realloc(o->items, cap * sizeof *items);
  if (!items)
    return mproc__err(MPROC_E_NOMEM, "growing a queue");
  o->items = items;
  o->cap = cap;
  return 0;
}

/* Whether the client of @p sc is gone (never, for the fuzz target's
 * connections, which have no socket). */
static bool client_gone(sconn_t *sc) {
  return sc->conn && mproc__net_peer_gone(sc->conn);
}

/*
 * Waits on the server's condition variable for @p sc's request (S.mu
 * held); the caller re-checks what it waits for. MPROC_E_CLOSED when the
 * client has gone: checked after every wake-up, before the caller takes
 * anything. Without it, the thread of a client killed in a get woke at the
 * next put, took the item and lost it failing to send it (and a dead
 * waiter for a Lock took it and left the next acquirer OWNER_DEAD). A
 * failed send is also undone (taken_undo()), but over TCP a send to a dead
 * peer succeeds: only this check sees it there.
 */
static int swait(sconn_t *sc, int64_t deadline) {
  if (S.closing)
    return mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  int64_t until = deadline;
  if (sc->conn) {
    int64_t check = mproc__now_ns() + PEER_CHECK_NS;
    if (deadline == MPROC__NO_DEADLINE || check < deadline)
      until = check;
  }
  int rc = mproc__cond_wait(S.cv, S.mu, until);
  if (S.closing)
    return mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  if (client_gone(sc))
    return mproc__err(MPROC_E_CLOSED, "the client went away");
  return rc == MPROC_E_TIMEOUT && until == deadline
             ? mproc__err(rc, "timed out")
             : 0;
}

static void swake(void) {
  mproc__cond_broadcast(S.cv);
}

/* Whether process @p pid still has a connection open. */
static bool pid_connected(uint32_t pid) {
  for (sconn_t *c = S.conns; c; c = c->next)
    if (c->pid == pid)
      return true;
  return false;
}

/* A Lock or RLock (or a Condition's lock) acquisition. */
static int lock_acquire(sconn_t *sc, sobj_t *o, uint64_t owner,
                        int64_t deadline) {
  bool recursive = o->kind != K_LOCK;
  if (recursive && o->held && !o->dead && o->owner == owner) {
    o->count++;
    return 0;
  }
  int rc = 0;
  /* A lock whose holder died is given to the next acquirer only once every
   * connection of the dead process has closed: each connection has its own
   * server thread, and a request the holder sent just before it died (a
   * dict update it made under the lock, say) may still be in another
   * connection's socket. Applied after the heir's repair, it would undo
   * it; the crash suite saw counters protected by a manager Lock lose
   * updates that way. A connection closes once it has read all it holds. */
  while (o->held && (!o->dead || pid_connected((uint32_t)(o->owner >> 32)))) {
    rc = swait(sc, deadline);
    if (rc < 0)
      return rc;
  }
  bool dead = o->held && o->dead;
  o->held = true;
  o->dead = false;
  o->owner = owner;
  o->count = 1;
  o->holder = sc;
  if (dead)
    return mproc__err(MPROC_E_OWNER_DEAD,
                      "the previous holder's process died holding it");
  return 0;
}

static int lock_release(sobj_t *o, uint64_t owner) {
  if (o->kind == K_LOCK) {
    if (!o->held)
      return mproc__err(MPROC_E_VALUE, "release of an unlocked lock");
  } else if (!o->held || o->dead || o->owner != owner) {
    return mproc__err(MPROC_E_PERM, "cannot release un-acquired lock");
  } else if (--o->count > 0) {
    return 0;
  }
  o->held = o->dead = false;
  o->holder = NULL;
  o->count = 0;
  swake();
  return 0;
}

static bool arg_int(const mproc_value_t *a, size_t n, size_t i, int64_t *v) {
  return i < n && mproc_value_as_int(&a[i], v) == 0;
}

static int sobj_new(int64_t kind, int64_t param, const void *p, size_t len,
                    const mproc_value_t *init, const mproc_manager_type_t *ut,
                    sobj_t **out);

/* M_DICT_ITER: an Iterator over dict @p o's keys, whose one reference its
 * client counts (CPython's server creates the 'Iterator' its proxy's
 * __iter__ returns). */
static int iter_new(sobj_t *o, mproc_value_t *res, size_t *nres) {
  sobj_t *it;
  int rc = sobj_new(K_ITERATOR, 0, NULL, 0, NULL, NULL, &it);
  if (rc < 0)
    return rc;
  it->xrefs = 1;
  it->source = o;
  it->iversion = -1; /* a new cursor */
  o->refs++;
  res[(*nres)++] = mproc_int((int64_t)it->id);
  return 0;
}

/* M_ITER_NEXT: the next key (borrowed from the dict until the reply is
 * encoded), or none at the end; a dict changed meanwhile fails as
 * CPython's iterator does (MPROC_E_STATE, "dictionary changed size during
 * iteration"). */
static int iter_next(sobj_t *it, mproc_value_t *res, size_t *nres,
                     mproc__hscratch_t *hs) {
  mproc_value_t a[4], r[MPROC__REPLY_RESULTS_MAX];
  size_t nr = 0;
  if (!it->source || !it->source->hosted)
    return mproc__err(MPROC_E_STATE, "an Iterator over nothing");
  a[0] = mproc_int(it->ipos);
  a[1] = mproc_int(it->iversion);
  a[2] = mproc_int(it->ilen);
  a[3] = mproc_int(1); /* one item at a time */
  int rc =
      mproc__hosted_call(it->source->hosted, M_DICT_NEXT, a, 4, r, &nr, hs);
  if (rc != 0)
    return rc < 0 ? rc : mproc__err(MPROC_E_TYPE, "not a dict");
  mproc_value_as_int(&r[0], &it->ipos);
  mproc_value_as_int(&r[1], &it->iversion);
  mproc_value_as_int(&r[2], &it->ilen);
  bool more = r[3].u.seq.n > 0;
  res[(*nres)++] = mproc_bool(more);
  if (more)
    res[(*nres)++] = r[3].u.seq.items[0];
  return 0;
}

/*
 * Runs a Barrier's action for the last party to arrive (S.mu held, and
 * released while it runs: an action may take long, and the rest of the
 * manager must not wait for it; the barrier itself admits nobody
 * meanwhile, o->acting). A failed action breaks the barrier, as an
 * exception in threading.Barrier's action does: every waiter gets
 * MPROC_E_BROKEN, this party the action's failure.
 */
static int barrier_action(sobj_t *o) {
  mproc_fn fn = mproc__registry_fn(o->action);
  mproc_value_t *vals = NULL;
  size_t nv = 0;
  int arc = 0;
  const char *why = NULL;
  if (!fn)
    why = "is not registered in the manager's process";
  else if (o->action_args.n &&
           mproc_decode(o->action_args.p, o->action_args.n, &vals, &nv) < 0)
    why = "has malformed arguments";
  if (!why) {
    o->acting = true;
    mproc__mutex_unlock(S.mu);
    arc = fn(vals, nv);
    mproc__mutex_lock(S.mu);
    o->acting = false;
  }
  mproc_values_free(vals, nv);
  if (!why && arc == 0)
    return 0;
  o->broken = true;
  swake();
  if (why)
    return mproc__err(MPROC_E_BROKEN, "the Barrier action %s %s", o->action,
                      why);
  return mproc__err(MPROC_E_BROKEN, "the Barrier action %s failed (%d)",
                    o->action, arc);
}

static bool arg_bytes(const mproc_value_t *a, size_t n, size_t i,
                      const void **p, size_t *len) {
  return i < n && mproc_value_as_bytes(&a[i], p, len) == 0;
}

static int not_a_method(int64_t op, int k) {
  return mproc__err(MPROC_E_TYPE,
                    "method %lld is not one of %s's, or bad "
                    "arguments",
                    (long long)op, mproc__kind_names[k]);
}

/*
 * One method call, with S.mu held. Results go to @p res (pointing into the
 * object, into @p hs, freed once the reply is encoded, or into @p tk, which
 * the caller frees once the reply is sent, or gives back with taken_undo()
 * if it is not).
 */
static int smethod(sconn_t *sc, int64_t op, uint64_t owner, int64_t deadline,
                   const mproc_value_t *a, size_t n, mproc_value_t *res,
                   size_t *nres, taken_t *tk, mproc__hscratch_t *hs) {
  sobj_t *o = sc->obj;
  int k = o->kind;
  const void *p = NULL;
  size_t len = 0;
  int64_t i = 0;
  int rc = 0;
  bool is_lock = k == K_LOCK || k == K_RLOCK || k == K_CONDITION;
  bool is_sem = k == K_SEMAPHORE || k == K_BOUNDED_SEMAPHORE;
  bool is_queue = k == K_QUEUE || k == K_JOINABLE_QUEUE;

  /* dict and list: hosted.c. Nothing there waits. */
  if (mproc__hosted_op(op)) {
    rc = o->hosted ? mproc__hosted_call(o->hosted, op, a, n, res, nres, hs) : 1;
    return rc == 1 ? not_a_method(op, k) : rc;
  }
  if (mproc__harray_op(op)) {
    rc = o->array ? mproc__harray_call(o->array, op, a, n, res, nres, hs) : 1;
    return rc == 1 ? not_a_method(op, k) : rc;
  }

  switch (op) {
  case M_ACQUIRE:
    if (is_lock) {
      rc = lock_acquire(sc, o, owner, deadline);
      if (rc == 0 && o->count == 1)
        tk->what = TAKEN_LOCK; /* not a recursive level, nor an heir's */
      return rc;
    }
    if (!is_sem)
      break;
    while (o->value == 0)
      if ((rc = swait(sc, deadline)) < 0)
        return rc;
    o->value--;
    tk->what = TAKEN_PERMIT;
    return 0;
  case M_RELEASE:
    if (is_lock)
      return lock_release(o, owner);
    if (!is_sem)
      break;
    if (k == K_BOUNDED_SEMAPHORE && o->value >= o->maxv)
      return mproc__err(MPROC_E_VALUE, "Semaphore released too many times");
    if (o->value >= MPROC_SEM_VALUE_MAX)
      return mproc__err(MPROC_E_VALUE, "semaphore value overflow");
    o->value++;
    swake();
    return 0;
  case M_LOCK_VALUE:
    if (!is_lock && !is_sem)
      break;
    res[(*nres)++] = mproc_int(is_sem ? o->value : (o->held ? 1 : 0));
    return 0;
  case M_COND_WAIT: {
    if (k != K_CONDITION)
      break;
    if (!o->held || o->dead || o->owner != owner)
      return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
    int64_t saved = o->count;
    cwaiter_t w = {NULL, false}, **pp;
    for (pp = &o->waiters; *pp; pp = &(*pp)->next)
      ;
    *pp = &w;
    o->held = false;
    o->holder = NULL;
    o->count = 0;
    swake();
    while (!w.notified && rc == 0)
      rc = swait(sc, deadline);
    if (!w.notified)
      for (pp = &o->waiters; *pp; pp = &(*pp)->next)
        if (*pp == &w) {
          *pp = w.next;
          break;
        }
    /* A client that died waiting neither takes the lock back (it would
     * leave it to the next acquirer as OWNER_DEAD) nor keeps its
     * notification, which goes to the next waiter, as if the dead one had
     * never waited. */
    if (rc == MPROC_E_CLOSED || (w.notified && client_gone(sc))) {
      if (w.notified && o->waiters) {
        o->waiters->notified = true;
        o->waiters = o->waiters->next;
        swake();
      }
      return rc < 0 ? rc : mproc__err(MPROC_E_CLOSED, "the client went away");
    }
    /* Take the lock back whatever happened, as threading.Condition does;
     * only a shutdown ends the wait without it. */
    int rc2 = lock_acquire(sc, o, owner, MPROC__NO_DEADLINE);
    if (rc2 == MPROC_E_CLOSED)
      return rc2;
    o->count = saved;
    return w.notified ? 0 : rc;
  }
  case M_COND_NOTIFY:
    if (k != K_CONDITION || !arg_int(a, n, 0, &i))
      break;
    if (!o->held || o->dead || o->owner != owner)
      return mproc__err(MPROC_E_PERM, "cannot notify on un-acquired lock");
    while (o->waiters && (i < 0 || i-- > 0)) {
      o->waiters->notified = true;
      o->waiters = o->waiters->next;
    }
    swake();
    return 0;
  case M_EVENT_SET:
  case M_EVENT_CLEAR:
    if (k != K_EVENT)
      break;
    o->flag = op == M_EVENT_SET;
    swake();
    return 0;
  case M_EVENT_IS_SET:
    if (k != K_EVENT)
      break;
    res[(*nres)++] = mproc_bool(o->flag);
    return 0;
  case M_EVENT_WAIT:
    if (k != K_EVENT)
      break;
    while (!o->flag)
      if ((rc = swait(sc, deadline)) < 0)
        return rc;
    return 0;
  case M_BARRIER_WAIT: {
    if (k != K_BARRIER)
      break;
    /* While the action runs nobody enters, as threading.Barrier runs it
     * holding its lock: an arrival now would count toward a generation
     * that is ending. */
    while (o->acting && !o->broken)
      if ((rc = swait(sc, deadline)) < 0)
        return rc == MPROC_E_TIMEOUT
                   ? mproc__err(MPROC_E_BROKEN, "timed out: barrier broken")
                   : rc;
    if (o->broken)
      return mproc__err(MPROC_E_BROKEN, "the barrier is broken");
    uint64_t gen = o->gen, resets = o->resets;
    int64_t index = o->arrived++;
    res[(*nres)++] = mproc_int(index);
    if (o->arrived == o->parties) {
      if (o->action && (rc = barrier_action(o)) < 0)
        return rc;
      if (o->resets != resets || o->broken)
        return mproc__err(MPROC_E_BROKEN, "the barrier was aborted or reset "
                                          "while its action ran");
      o->gen++;
      o->arrived = 0;
      swake();
      return 0;
    }
    while (o->gen == gen && !o->broken && o->resets == resets) {
      rc = swait(sc, deadline);
      if (rc == MPROC_E_TIMEOUT) {
        o->broken = true; /* as threading.Barrier: a timeout breaks it */
        swake();
      }
      if (rc < 0)
        return rc == MPROC_E_TIMEOUT
                   ? mproc__err(MPROC_E_BROKEN, "timed out: barrier broken")
                   : rc;
    }
    if (o->gen != gen)
      return 0;
    return mproc__err(MPROC_E_BROKEN, "the barrier was aborted or reset");
  }
  case M_LEASE: /* any kind: a proxy of it is being encoded */
    return lease_add(o);
  case M_DICT_ITER: /* its reference is counted by its client */
    if (k != K_DICT || !sc->wire || !sc->wire->client_refs)
      break;
    return iter_new(o, res, nres);
  case M_ITER_NEXT:
    if (k != K_ITERATOR)
      break;
    return iter_next(o, res, nres, hs);
  case M_BARRIER_STATE: /* parties, n_waiting, broken, the default timeout */
    if (k != K_BARRIER)
      break;
    res[(*nres)++] = mproc_int(o->parties);
    res[(*nres)++] = mproc_int(o->acting ? 0 : o->arrived);
    res[(*nres)++] = mproc_bool(o->broken);
    res[(*nres)++] = mproc_double(o->btimeout);
    return 0;
  case M_BARRIER_ABORT:
  case M_BARRIER_RESET:
    if (k != K_BARRIER)
      break;
    if (op == M_BARRIER_ABORT) {
      o->broken = true;
    } else {
      o->resets++;
      o->broken = false;
      o->arrived = 0;
    }
    swake();
    return 0;
  case M_QUEUE_PUT:
    if (!is_queue || !arg_bytes(a, n, 0, &p, &len))
      break;
    /* A timeout is queue.Full, as a local queue's (MPROC_E_FULL). */
    while (o->maxsize > 0 && (int64_t)(o->len - o->head) >= o->maxsize)
      if ((rc = swait(sc, deadline)) < 0)
        return rc == MPROC_E_TIMEOUT ? mproc__err(MPROC_E_FULL, "timed out")
                                     : rc;
    if ((rc = items_grow(o)) < 0)
      return rc;
    if ((rc = blob_copy(&o->items[o->len], p, len)) < 0)
      return rc;
    o->len++;
    o->unfinished++;
    swake();
    return 0;
  case M_QUEUE_GET:
    if (!is_queue)
      break;
    while (o->len == o->head) /* a timeout is queue.Empty */
      if ((rc = swait(sc, deadline)) < 0)
        return rc == MPROC_E_TIMEOUT ? mproc__err(MPROC_E_EMPTY, "timed out")
                                     : rc;
    tk->what = TAKEN_ITEM;
    tk->item = o->items[o->head++];
    res[(*nres)++] = mproc_bytes(tk->item.p, tk->item.n);
    swake();
    return 0;
  case M_QUEUE_SIZE:
    if (!is_queue)
      break;
    res[(*nres)++] = mproc_int((int64_t)(o->len - o->head));
    return 0;
  case M_QUEUE_FULL: /* queue.Queue.full(): 0 < maxsize <= qsize() */
    if (!is_queue)
      break;
    res[(*nres)++] =
        mproc_bool(o->maxsize > 0 && (int64_t)(o->len - o->head) >= o->maxsize);
    return 0;
  case M_QUEUE_TASK_DONE: /* both kinds are queue.Queue's, which has it */
    if (!is_queue)
      break;
    if (o->unfinished <= 0)
      return mproc__err(MPROC_E_VALUE, "task_done() called too many times");
    if (--o->unfinished == 0)
      swake();
    return 0;
  case M_QUEUE_JOIN:
    if (!is_queue)
      break;
    while (o->unfinished > 0)
      if ((rc = swait(sc, deadline)) < 0)
        return rc;
    return 0;
  case M_VALUE_GET:
    if (k != K_VALUE)
      break;
    res[(*nres)++] = mproc_bytes(o->val.p, o->val.n);
    return 0;
  case M_VALUE_SET: {
    blob_t b;
    if (k != K_VALUE || !arg_bytes(a, n, 0, &p, &len))
      break;
    if ((rc = blob_copy(&b, p, len)) < 0)
      return rc;
    blob_free(&o->val);
    o->val = b;
    return 0;
  }
  default:
    return mproc__err(MPROC_E_NOTSUP, "unknown method %lld", (long long)op);
  }
  return not_a_method(op, k);
}

/* A new object with one reference, in the table (S.mu held): a built-in
 * kind (@p p, @p len: a Value's bytes; @p init: a container's items), or a
 * user type's (@p ut, made from the encoded arguments @p p, @p len). */
static int sobj_new(int64_t kind, int64_t param, const void *p, size_t len,
                    const mproc_value_t *init, const mproc_manager_type_t *ut,
                    sobj_t **out) {
  if (kind == K_BARRIER && param == 0)
    return mproc__err(MPROC_E_VALUE, "a barrier needs at least one party");
  if (S.nobjs == S.cap) {
    size_t cap = S.cap ? S.cap * 2 : 64;
    sobj_t **objs = realloc(S.objs, cap * sizeof *objs);
    if (!objs)
      return mproc__err(MPROC_E_NOMEM, "growing the object table");
    S.objs = objs;
    S.cap = cap;
  }
  sobj_t *o = calloc(1, sizeof *o);
  if (!o)
    return mproc__err(MPROC_E_NOMEM, "creating an object");
  if (kind == K_VALUE && blob_copy(&o->val, p, len) < 0) {
    free(o);
    return MPROC_E_NOMEM;
  }
  if (kind == K_DICT || kind == K_LIST || kind == K_NAMESPACE) {
    /* A Namespace is a dict of its attributes. */
    int rc =
        mproc__hosted_new(kind == K_LIST ? K_LIST : K_DICT, init, &o->hosted);
    if (rc < 0) {
      free(o);
      return rc;
    }
  }
  if (kind == K_BARRIER && init) {
    /* [action name or None, encoded arguments, default timeout] */
    const mproc_value_t *l = init;
    const char *name = NULL;
    double t = 0;
    if (l->type != MPROC_VALUE_LIST || l->u.seq.n != 3 ||
        (l->u.seq.items[0].type != MPROC_VALUE_NONE &&
         mproc_value_as_str(&l->u.seq.items[0], &name) != 0) ||
        mproc_value_as_bytes(&l->u.seq.items[1], &p, &len) != 0 ||
        mproc_value_as_double(&l->u.seq.items[2], &t) != 0 || !(t >= 0)) {
      free(o);
      return mproc__err(MPROC_E_TYPE, "bad CREATE request");
    }
    o->btimeout = t;
    size_t nl = name ? strlen(name) + 1 : 0;
    if (name && (o->action = malloc(nl)) != NULL)
      memcpy(o->action, name, nl);
    if ((name && !o->action) ||
        (len && blob_copy(&o->action_args, p, len) < 0)) {
      free(o->action);
      free(o);
      return mproc__err(MPROC_E_NOMEM, "creating a Barrier");
    }
  }
  if (kind == K_ARRAY) {
    int rc = mproc__harray_new(param, init, &o->array);
    if (rc < 0) {
      free(o);
      return rc;
    }
  }
  if (kind == K_USER) {
    int rc = mproc__utype_new(ut, p, len, &o->uself);
    if (rc < 0) {
      free(o);
      return rc;
    }
    o->ut = ut;
  }
  o->kind = (int)kind;
  o->value = o->maxv = param;
  o->parties = param;
  o->maxsize = param;
  o->refs = 1;
  o->id = ++S.nobjs;
  S.objs[o->id - 1] = o;
  *out = o;
  return 0;
}

/* Binds a connection to a new object (CREATE). */
static int screate(sconn_t *sc, const mproc_value_t *a, size_t n,
                   mproc_value_t *res, size_t *nres) {
  int64_t kind, param = 0;
  const void *p = NULL;
  size_t len = 0;
  sobj_t *o;
  if (!arg_int(a, n, 0, &kind) || kind <= 0 || kind >= K_MAX ||
      kind == K_USER || kind == K_ITERATOR || !arg_int(a, n, 1, &param) ||
      param < 0 || (kind == K_VALUE && !arg_bytes(a, n, 2, &p, &len)))
    return mproc__err(MPROC_E_TYPE, "bad CREATE request");
  int rc = sobj_new(kind, param, p, len, n > 2 ? &a[2] : NULL, NULL, &o);
  if (rc < 0)
    return rc;
  sc->obj = o;
  res[(*nres)++] = mproc_int((int64_t)o->id);
  return 0;
}

/* Binds a connection to a new object of a user type (CREATE_USER). */
static int screate_user(sconn_t *sc, const mproc_value_t *a, size_t n,
                        mproc_value_t *res, size_t *nres) {
  const char *type;
  const void *p = NULL;
  size_t len = 0;
  sobj_t *o;
  if (n < 2 || mproc_value_as_str(&a[0], &type) != 0 ||
      !arg_bytes(a, n, 1, &p, &len))
    return mproc__err(MPROC_E_TYPE, "bad CREATE_USER request");
  const mproc_manager_type_t *ut = mproc__utype_find(type);
  if (!ut) /* CPython's Server.create(): self.registry[typeid] */
    return mproc__err(MPROC_E_KEY,
                      "KeyError: '%s' (no such type registered in the "
                      "manager's program)",
                      type);
  int rc = sobj_new(K_USER, 0, p, len, NULL, ut, &o);
  if (rc < 0)
    return rc;
  sc->obj = o;
  res[(*nres)++] = mproc_int((int64_t)o->id);
  return 0;
}

/* Binds a connection to the object exposed as a name (GET_NAMED): the
 * shared one, or a new one for a per-call entry. */
static int sget_named(sconn_t *sc, const mproc_value_t *a, size_t n,
                      mproc_value_t *res, size_t *nres) {
  const char *name;
  if (n < 1 || mproc_value_as_str(&a[0], &name) != 0)
    return mproc__err(MPROC_E_TYPE, "bad GET_NAMED request");
  mproc__named_t *e = NULL;
  for (size_t i = 0; i < S.nnames && !e; i++)
    if (strcmp(S.names[i].name, name) == 0)
      e = &S.names[i];
  if (!e) /* CPython's Server.create(): self.registry[typeid] */
    return mproc__err(MPROC_E_KEY, "KeyError: '%s'", name);
  sobj_t *o = e->obj;
  if (e->per_call) {
    int rc = sobj_new(e->kind, e->param, NULL, 0, NULL, e->ut, &o);
    if (rc < 0)
      return rc;
  } else {
    o->refs++;
  }
  sc->obj = o;
  res[(*nres)++] = mproc_int((int64_t)o->id);
  res[(*nres)++] = mproc_int(o->kind);
  res[(*nres)++] = mproc_str(o->ut ? o->ut->name : mproc__kind_names[o->kind]);
  return 0;
}

/* A method of a user type's object (USER_CALL); the encoded result goes to
 * @p hs, freed once the reply is encoded. */
static int suser_call(sconn_t *sc, const mproc_value_t *a, size_t n,
                      mproc_value_t *res, size_t *nres, mproc__hscratch_t *hs) {
  const char *method;
  const void *p = NULL;
  size_t len = 0, elen = 0;
  sobj_t *o = sc->obj;
  if (o->kind != K_USER || !o->ut)
    return mproc__err(MPROC_E_TYPE, "a %s has no user-defined methods",
                      mproc__kind_names[o->kind]);
  if (n < 2 || mproc_value_as_str(&a[0], &method) != 0 ||
      !arg_bytes(a, n, 1, &p, &len))
    return mproc__err(MPROC_E_TYPE, "bad USER_CALL request");
  int rc = mproc__utype_call(o->ut, o->uself, method, p, len, &hs->raw, &elen);
  if (rc == 0)
    res[(*nres)++] = mproc_bytes(hs->raw, elen);
  return rc;
}

static int sattach(sconn_t *sc, const mproc_value_t *a, size_t n,
                   mproc_value_t *res, size_t *nres) {
  int64_t id, kind;
  if (!arg_int(a, n, 0, &id) || !arg_int(a, n, 1, &kind))
    return mproc__err(MPROC_E_TYPE, "bad ATTACH request");
  sobj_t *o = id > 0 && (uint64_t)id <= S.nobjs ? S.objs[id - 1] : NULL;
  bool leased = false;
  if (n > 2 && mproc_value_as_bool(&a[2], &leased) != 0)
    return mproc__err(MPROC_E_TYPE, "bad ATTACH request");
  const char *kname = kind > 0 && kind < K_MAX ? mproc__kind_names[kind] : "?";
  if (!o && leased)
    return mproc__err(MPROC_E_NOTFOUND,
                      "object %lld (a %s) no longer exists in the manager: "
                      "every proxy of it was destroyed before this copy "
                      "attached, and the lease taken when it was encoded "
                      "was gone (claimed by another copy of the same bytes, "
                      "or expired after %d s)",
                      (long long)id, kname, MPROC_PROXY_LEASE_SECONDS);
  if (!o)
    return mproc__err(MPROC_E_NOTFOUND,
                      "object %lld (a %s) no longer exists in the manager",
                      (long long)id, kname);
  if (o->kind != kind)
    return mproc__err(MPROC_E_TYPE, "object %lld is a %s, not a %s",
                      (long long)id, mproc__kind_names[o->kind],
                      kind > 0 && kind < K_MAX ? mproc__kind_names[kind] : "?");
  o->refs++;
  if (leased)
    lease_release(o, false); /* this copy's, now that it holds its own */
  sc->obj = o;
  res[(*nres)++] = mproc_int(o->maxsize);
  return 0;
}

static void swake_accept(void) {
  mproc__net_t *c = NULL;
  if (mproc__connect(S.address, &c) == 0)
    mproc__net_close(c);
}

/* A request's deadline; when fuzzing, no request waits (one thread plays
 * every client, so nothing could end the wait). */
static int request_deadline(double timeout, int64_t *deadline) {
  int rc = mproc__deadline(timeout, deadline);
  if (rc == 0 && S.nowait)
    *deadline = mproc__now_ns();
  return rc;
}

/* Puts an item that could not be delivered back at the front of its queue,
 * where it was taken from (S.mu held). */
static int items_push_front(sobj_t *o, blob_t b) {
  if (o->head > 0) {
    o->items[--o->head] = b;
    return 0;
  }
  int rc = items_grow(o);
  if (rc < 0)
    return rc;
  memmove(o->items + 1, o->items, o->len * sizeof *o->items);
  o->items[0] = b;
  o->len++;
  return 0;
}

/* Gives back what a request took for a client that did not get the reply
 * (S.mu held): the item to the front of the queue, the permit to the
 * semaphore's count, the lock to nobody (a Lock only if this request's
 * client still holds it: any process may have released it since). */
static void taken_undo(sconn_t *sc, taken_t *tk) {
  sobj_t *o = sc->obj;
  if (!o || tk->what == TAKEN_NONE)
    return;
  switch (tk->what) {
  case TAKEN_ITEM:
    if (items_push_front(o, tk->item) == 0)
      tk->item.p = NULL; /* the queue owns it again */
    else
      fprintf(stderr, "mproc manager: out of memory putting back an item\n");
    break;
  case TAKEN_PERMIT:
    o->value++;
    break;
  case TAKEN_LOCK:
    if (o->held && !o->dead && o->holder == sc && o->count == 1) {
      o->held = false;
      o->holder = NULL;
      o->count = 0;
    }
    break;
  }
  tk->what = TAKEN_NONE;
  blob_free(&tk->item);
  swake();
}

/* Handles one request: the encoded reply in @p reply (begun with
 * mproc__mframe_begin(), freed by the caller), what it took in @p tk, or an
 * error that ends the connection (a malformed request). */
/* A protocol with client_refs: the connection's binding to the object of
 * its last request ends (S.mu held). */
static void sunbind(sconn_t *sc) {
  if (sc->obj) {
    if (sc->obj->holder == sc)
      sc->obj->holder = NULL;
    sobj_unref(sc->obj);
    sc->obj = NULL;
  }
}

/* A protocol with client_refs: binds the connection to the request's
 * target for the request (a reference, which the next request or the
 * connection's end drops), and lets the protocol name the method. */
static int sbind(sconn_t *sc, mproc__request_t *rq) {
  sobj_t *o = rq->target <= S.nobjs ? S.objs[rq->target - 1] : NULL;
  if (!o || !sc->wire->client_refs)
    return mproc__err(MPROC_E_NOTFOUND,
                      "object %llu does not exist in the manager",
                      (unsigned long long)rq->target);
  o->refs++;
  sc->obj = o;
  if (rq->op == OP_CALL)
    return sc->wire->request_bind(sc->ws, o->kind, rq);
  return 0;
}

/* The live objects (OP_OBJECTS). */
static int64_t objects_count(void) {
  int64_t k = 0;
  for (size_t i = 0; i < S.nobjs; i++)
    k += S.objs[i] != NULL;
  return k;
}

/* One decoded request, with S.mu held (srequest()). */
static int sdispatch(sconn_t *sc, const mproc__request_t *rq, int64_t deadline,
                     mproc_value_t *res, size_t *nres, taken_t *tk,
                     mproc__hscratch_t *hs, bool *shutdown) {
  const mproc_value_t *a = rq->args;
  size_t n = rq->nargs;
  int64_t op = rq->op;
  int rc = 0;
  bool refs = sc->wire->client_refs;
  if (op == OP_PING)
    return 0;
  if (op == OP_DETACH) {
    /* A clean goodbye: a lock this connection took stays held (anyone may
     * release a Lock), but its holder did not die. */
    sunbind(sc);
    return 0;
  }
  if (op == OP_SHUTDOWN) {
    S.closing = true;
    *shutdown = true;
    swake();
    return 0;
  }
  if (op == OP_OBJECTS) {
    res[(*nres)++] = mproc_int(objects_count());
    return 0;
  }
  if (op == OP_CREATE || op == OP_ATTACH || op == OP_GET_NAMED ||
      op == OP_CREATE_USER) {
    if (sc->obj)
      return mproc__err(MPROC_E_STATE, "the connection already has an object");
    if (op == OP_CREATE)
      rc = screate(sc, a, n, res, nres);
    else if (op == OP_GET_NAMED)
      rc = sget_named(sc, a, n, res, nres);
    else if (op == OP_CREATE_USER)
      rc = screate_user(sc, a, n, res, nres);
    else
      rc = sattach(sc, a, n, res, nres);
    /* The reference the object was made with is its client's to count;
     * the connection holds its binding's own until the next request. */
    if (rc == 0 && refs) {
      sc->obj->xrefs++;
      sc->obj->refs++;
    }
    return rc;
  }
  if (!sc->obj)
    return mproc__err(MPROC_E_STATE, "no object bound to this connection");
  if (op == OP_INCREF && refs) {
    sc->obj->refs++;
    sc->obj->xrefs++;
    return 0;
  }
  if (op == OP_DECREF && refs) {
    /* Never below the references its clients counted: the others are
     * connections' (the binding of this request among them). */
    if (sc->obj->xrefs <= 0)
      return mproc__err(MPROC_E_STATE,
                        "decref of object %llu, which holds "
                        "no counted reference",
                        (unsigned long long)sc->obj->id);
    sc->obj->xrefs--;
    sobj_unref(sc->obj);
    return 0;
  }
  if (op == M_USER_CALL)
    return suser_call(sc, a, n, res, nres, hs);
  return smethod(sc, op, rq->owner, deadline, a, n, res, nres, tk, hs);
}

static int srequest(sconn_t *sc, const uint8_t *buf, size_t len,
                    mproc__wbuf_t *reply, taken_t *tk, bool *shutdown,
                    bool *busy) {
  mproc__request_t rq;
  mproc_value_t *vals = NULL;
  size_t nvals = 0;
  if (!sc->wire) {
    const mproc__wire_t *w = mproc__wire_detect(buf, len);
    if (!w)
      return mproc__err(MPROC_E_DECODE,
                        "a request in no protocol this manager speaks");
    if (w->conn_open && !(sc->ws = w->conn_open()))
      return mproc__err(MPROC_E_NOMEM, "a connection's protocol state");
    sc->wire = w;
  }
  int rc = sc->wire->request_decode(sc->ws, buf, len, &rq, &vals, &nvals);
  if (rc < 0)
    return rc;
  mproc_value_t res[MPROC__REPLY_RESULTS_MAX];
  size_t nres = 0;
  int64_t deadline;
  mproc__hscratch_t hs = {NULL, NULL, NULL, NULL};
  mproc__err_clear();
  mproc__mutex_lock(S.mu);
  sc->pid = (uint32_t)(rq.owner >> 32);
  leases_expire();
  S.busy++;
  *busy = true;
  if (S.closing) {
    rc = mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  } else if (rq.target && (rc = sbind(sc, &rq)) < 0) {
  } else if ((rc = request_deadline(rq.timeout, &deadline)) < 0) {
  } else {
    rc = sdispatch(sc, &rq, deadline, res, &nres, tk, &hs, shutdown);
  }
  int erc =
      sc->wire->reply_encode(sc->ws, rc, mproc_last_error(), res, nres, reply);
  if (erc == 0 && reply->err)
    erc = mproc__err(reply->err, "encoding a reply: out of memory");
  /* A reply too large for one frame (keys() of a huge dict): an error
   * reply instead. Left to mproc__mframe_send(), it ended the connection,
   * and with the client's last connection the object itself. */
  if (erc == MPROC_E_TOOBIG || (erc == 0 && reply->len - MPROC__FRAME_HEADER >
                                                MPROC_MANAGER_MAX_FRAME)) {
    reply->len = MPROC__FRAME_HEADER;
    reply->err = 0;
    mproc__err(MPROC_E_TOOBIG,
               "the reply exceeds the manager's frame limit (iterate over "
               "a large container instead)");
    erc = sc->wire->reply_encode(sc->ws, MPROC_E_TOOBIG, mproc_last_error(),
                                 NULL, 0, reply);
    if (erc == 0 && reply->err)
      erc = mproc__err(reply->err, "encoding a reply: out of memory");
  }
  mproc__hscratch_free(&hs);
  if (erc < 0)
    taken_undo(sc, tk);
  /* The binding ends with the request (a request that took something
   * keeps it until the reply is out, to give it back if it cannot be
   * delivered: sconn_main()). */
  if (sc->wire->client_refs && tk->what == TAKEN_NONE)
    sunbind(sc);
  mproc__mutex_unlock(S.mu);
  mproc_values_free(vals, nvals);
  return erc;
}

/* The client is gone (or misbehaved): drop its reference, and a lock it
 * holds is now held by a dead owner. */
static void sconn_drop(sconn_t *sc) {
  mproc__mutex_lock(S.mu);
  if (sc->wire && sc->wire->conn_close)
    sc->wire->conn_close(sc->ws);
  sc->ws = NULL;
  sc->wire = NULL; /* a connection used again (fuzz.c) learns it anew */
  sobj_t *o = sc->obj;
  if (o) {
    if (o->held && o->holder == sc) {
      o->dead = true;
      o->holder = NULL;
    }
    sobj_unref(o);
    sc->obj = NULL;
  }
  if (sc->prev || S.conns == sc) { /* in the list of open connections */
    if (sc->prev)
      sc->prev->next = sc->next;
    else
      S.conns = sc->next;
    if (sc->next)
      sc->next->prev = sc->prev;
    sc->prev = sc->next = NULL;
  }
  /* Waiters for a lock of a dead process look again (see lock_acquire()):
   * this may have been the dead holder's last connection. */
  swake();
  mproc__mutex_unlock(S.mu);
}

/* The most a connection keeps of its request and reply buffers between
 * calls. */
#define SCONN_KEEP 65536

/* A connection's thread; it has authenticated (handshake.c, or
 * sconn_auth_main()). */
static void sconn_main(void *arg) {
  sconn_t *sc = arg;
  bool shutdown = false;
  int rc = 0;
  mproc__mutex_lock(S.mu);
  sc->next = S.conns;
  if (S.conns)
    S.conns->prev = sc;
  S.conns = sc;
  mproc__mutex_unlock(S.mu);
  /* The request and reply buffers live as long as the connection, so
   * that a call costs no malloc for either (they were two of a request's
   * five allocations); one grown past SCONN_KEEP by a large message is
   * given back after it. */
  mproc__wbuf_t req = {NULL, 0, 0, 0}, reply;
  mproc__mframe_begin(&reply);
  while (rc == 0 && !shutdown) {
    taken_t tk = {TAKEN_NONE, {NULL, 0}};
    rc = mproc__frame_recv_into(sc->conn, MPROC_MANAGER_MAX_FRAME, &req);
    if (rc < 0)
      break;
    bool busy = false;
    mproc__mframe_restart(&reply);
    rc = srequest(sc, req.p, req.len, &reply, &tk, &shutdown, &busy);
    if (rc == 0)
      rc = mproc__mframe_send(sc->conn, &reply);
    mproc__wbuf_trim(&req, SCONN_KEEP);
    mproc__wbuf_trim(&reply, SCONN_KEEP);
    if (busy) {
      mproc__mutex_lock(S.mu);
      if (rc < 0)
        taken_undo(sc, &tk); /* the client died waiting for it */
      if (sc->wire && sc->wire->client_refs)
        sunbind(sc); /* the object's own references count, not ours */
      if (--S.busy == 0 && S.closing)
        swake(); /* the server waits for the last reply to go out */
      mproc__mutex_unlock(S.mu);
    }
    blob_free(&tk.item);
  }
  free(req.p);
  free(reply.p);
  if (shutdown)
    swake_accept();
  sconn_drop(sc);
  mproc__net_close(sc->conn);
  free(sc);
}

/* For handshake.c: whether the server is shutting down. */
static bool server_closing(void *arg) {
  (void)arg;
  mproc__mutex_lock(S.mu);
  bool closing = S.closing;
  mproc__mutex_unlock(S.mu);
  return closing;
}

/* For handshake.c: an authenticated connection gets its thread. */
static void server_admit(mproc__net_t *c, void *arg) {
  (void)arg;
  sconn_t *sc = calloc(1, sizeof *sc);
  if (!sc) {
    mproc__net_close(c);
    return;
  }
  sc->conn = c;
  if (mproc__thread_start_detached(sconn_main, sc) < 0) {
    mproc__net_close(c);
    free(sc);
  }
}

/* Windows named pipes (not pollable): the handshake on the connection's
 * own thread, at most UNAUTH_MAX at once. Their DACL admits only the
 * current user, who can read the key anyway; nobody else can hold these
 * places. */
static void sconn_auth_main(void *arg) {
  sconn_t *sc = arg;
  mproc__net_set_timeout(sc->conn, MPROC__SERVER_HANDSHAKE_MS);
  int rc = mproc__auth_deliver_challenge(sc->conn, S.key, S.keylen);
  if (rc == 0)
    rc = mproc__auth_answer_challenge(sc->conn, S.key, S.keylen);
  if (rc == 0)
    mproc__net_set_timeout(sc->conn, 0); /* requests may wait as long as
                                             they like */
  mproc__mutex_lock(S.mu);
  S.unauth--;
  mproc__mutex_unlock(S.mu);
  if (rc < 0) {
    mproc__net_close(sc->conn);
    free(sc);
    return;
  }
  sconn_main(sc);
}

static void serve_threads(mproc__listener_t *l) {
  for (;;) {
    mproc__net_t *c = NULL;
    int rc = mproc__accept(l, &c);
    mproc__mutex_lock(S.mu);
    bool closing = S.closing, full = S.unauth >= UNAUTH_MAX;
    if (rc == 0 && !closing && !full)
      S.unauth++;
    mproc__mutex_unlock(S.mu);
    if (closing) {
      mproc__net_close(c);
      break;
    }
    if (rc < 0)
      continue; /* out of descriptors, for instance: keep serving */
    if (full) {
      mproc__net_close(c);
      continue;
    }
    sconn_t *sc = calloc(1, sizeof *sc);
    if (!sc) {
      mproc__net_close(c);
      mproc__mutex_lock(S.mu);
      S.unauth--;
      mproc__mutex_unlock(S.mu);
      continue;
    }
    sc->conn = c;
    if (mproc__thread_start_detached(sconn_auth_main, sc) < 0) {
      mproc__net_close(c);
      free(sc);
      mproc__mutex_lock(S.mu);
      S.unauth--;
      mproc__mutex_unlock(S.mu);
    }
  }
}

/* Runs the initializer (CPython's start(initializer, initargs)), then
 * makes the objects shared by name, before the server listens: a client
 * that connects finds them all. @p names: the list mproc__names_encode()
 * made; @p init: the initializer's registered name, or None; @p initargs:
 * a list. 0, or the process's exit code. */
static int server_prepare(const mproc_value_t *names, const mproc_value_t *init,
                          const mproc_value_t *initargs) {
  const char *fname;
  if (mproc_value_as_str(init, &fname) == 0) {
    mproc_fn fn = mproc__registry_fn(fname);
    if (!fn) {
      fprintf(stderr, "mproc manager: initializer \"%s\" is not registered\n",
              fname);
      return 5;
    }
    size_t n = mproc_value_list_len(initargs);
    const mproc_value_t *first = n ? mproc_value_list_at(initargs, 0) : NULL;
    int rc = fn(first, n);
    if (rc != 0)
      return rc;
  }
  if (mproc__names_decode(names, &S.names, &S.nnames) < 0) {
    fprintf(stderr, "mproc manager: %s\n", mproc_last_error());
    return 6;
  }
  for (size_t i = 0; i < S.nnames; i++) {
    mproc__named_t *e = &S.names[i];
    sobj_t *o;
    if (e->per_call)
      continue;
    /* The table holds the reference: the object lives with the server. */
    if (sobj_new(e->kind, e->param, NULL, 0, NULL, e->ut, &o) < 0) {
      fprintf(stderr, "mproc manager: shared \"%s\": %s\n", e->name,
              mproc_last_error());
      return 6;
    }
    e->obj = o;
  }
  return 0;
}

/* The server process: args are the address, the key, a semaphore to
 * release once it listens, and the table of shared names, the
 * initializer's name (or None) and its arguments (server_prepare()). */
int mproc__manager_server_main(const mproc_value_t *args, size_t nargs) {
  const char *address;
  const void *key;
  size_t keylen;
  mproc_semaphore_t *ready;
  mproc__listener_t *l = NULL;
  if (nargs != 6 || mproc_value_as_str(&args[0], &address) != 0 ||
      mproc_value_as_bytes(&args[1], &key, &keylen) != 0 ||
      mproc_value_as_semaphore(&args[2], &ready) != 0)
    return 2;
  S.address = address;
  S.key = key;
  S.keylen = keylen;
  if (mproc__mutex_create(&S.mu) < 0 || mproc__cond_create(&S.cv) < 0)
    return 3;
  int prc = server_prepare(&args[3], &args[4], &args[5]);
  if (prc != 0)
    return prc;
  if (mproc__listen(address, &l) < 0) {
    fprintf(stderr, "mproc manager: %s\n", mproc_last_error());
    return 4;
  }
  mproc_semaphore_release(ready);
  if (mproc__listener_pollable(l))
    mproc__handshake_serve(l, S.key, S.keylen, server_closing, server_admit,
                           NULL);
  else
    serve_threads(l);
  mproc__listener_close(l);
  mproc__address_cleanup(address);
  /* Let the replies being sent go out (waiters were woken with
   * MPROC_E_CLOSED), so that a client sees its answer rather than the end
   * of the stream; a client that does not read gets 5 seconds. */
  int64_t deadline = mproc__now_ns() + (int64_t)5 * 1000000000;
  mproc__mutex_lock(S.mu);
  while (S.busy > 0 && mproc__cond_wait(S.cv, S.mu, deadline) == 0)
    ;
  mproc__mutex_unlock(S.mu);
  /* Connection threads may still run (clients that have not hung up, one
   * in its handshake's HMAC). The process ends without atexit handlers,
   * as a fork child always does: in a spawn child they include OpenSSL's
   * cleanup, which freed what a thread still used or was freeing (a double
   * free and leak reports under ASan, in the crash suite's manager runs). */
  mproc__child_exit(0, true);
  return 0; /* not reached */
}

/* ------------------------------------------------------------------------ */
/* The server's state driven by hand, for the fuzz target (fuzz.c)          */
/* ------------------------------------------------------------------------ */

int mproc__server_fuzz_begin(const uint8_t *key, size_t keylen) {
  if (!S.mu &&
      (mproc__mutex_create(&S.mu) < 0 || mproc__cond_create(&S.cv) < 0))
    return MPROC_E_NOMEM;
  S.key = key;
  S.keylen = keylen;
  S.nowait = true;
  return 0;
}

mproc__sconn_t *mproc__server_fuzz_conn(void) {
  return calloc(1, sizeof(sconn_t));
}

int mproc__server_fuzz_request(mproc__sconn_t *sc, const uint8_t *buf,
                               size_t len, void **reply, size_t *rlen,
                               bool *shutdown) {
  bool busy = false;
  mproc__wbuf_t b;
  taken_t tk = {TAKEN_NONE, {NULL, 0}};
  mproc__mframe_begin(&b);
  int rc = srequest(sc, buf, len, &b, &tk, shutdown, &busy);
  if (busy) { /* the reply went out (sconn_main()) */
    mproc__mutex_lock(S.mu);
    S.busy--;
    if (sc->wire && sc->wire->client_refs)
      sunbind(sc);
    mproc__mutex_unlock(S.mu);
  }
  blob_free(&tk.item);
  *reply = NULL;
  *rlen = 0;
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  /* The payload alone, as a client reads it. */
  memmove(b.p, b.p + MPROC__FRAME_HEADER, b.len - MPROC__FRAME_HEADER);
  *reply = b.p;
  *rlen = b.len - MPROC__FRAME_HEADER;
  return 0;
}

void mproc__server_fuzz_drop(mproc__sconn_t *sc) {
  sconn_drop(sc);
}

int mproc__server_fuzz_end(void) {
  int status = 0;
  /* Every object was held by a client only: all are gone, but for the
   * references clients count themselves (a CPython client's), which no
   * connection's end releases, as in CPython's server: dropped here. */
  mproc__mutex_lock(S.mu);
  for (size_t i = 0; i < S.nobjs; i++)
    while (S.objs[i] && S.objs[i]->xrefs > 0) {
      S.objs[i]->xrefs--;
      sobj_unref(S.objs[i]);
    }
  for (size_t i = 0; i < S.nobjs; i++)
    if (S.objs[i])
      status = MPROC_E_STATE;
  if (status == 0) {
    free(S.objs);
    S.objs = NULL;
    S.nobjs = S.cap = 0;
  }
  S.closing = false;
  /* A manager this process forks later serves for real. */
  S.nowait = false;
  if (S.busy != 0 || S.unauth != 0)
    status = MPROC_E_STATE;
  mproc__mutex_unlock(S.mu);
  return status;
}
