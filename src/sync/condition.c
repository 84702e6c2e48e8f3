/*
 * Event, Condition, Barrier.
 *
 * Each is a small struct in its own shared-memory region with a park (see
 * internal.h) for sleeping, like the Lock family in sync.c: the waits use
 * 32-bit words as futexes, the common code never asks which backend parks.
 *
 *   Event      one word, (generation << 1) | flag; set bumps the generation,
 *              so a waiter knows a set happened even if a clear followed.
 *   Condition  a sequence word to sleep on and one word of wake-up
 *              accounting (waiters, tokens), over a Lock or RLock of sync.c.
 *   Barrier    a small internal mutex, a generation word to sleep on, and
 *              per-generation outcomes (passed or broken).
 */
#include "object.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* The shared part of all three: a region and a park                        */
/* ------------------------------------------------------------------------ */

typedef struct obj2 {
  mproc_object_t base;
  mproc__shm_t shm;
  mproc__park_t park;
} obj2_t;

/* Creates the region (zero-filled) with the park's word at @p park_off. */
static int obj2_init(obj2_t *o, mproc__type_id_t id, size_t size,
                     size_t park_off) {
  o->shm.h = MPROC__INVALID_HANDLE;
  o->park.h = MPROC__INVALID_HANDLE;
  int rc = mproc__shm_create(&o->shm, size);
  if (rc < 0)
    return rc;
  rc = mproc__park_init(&o->park,
                        (volatile uint32_t *)((char *)o->shm.addr + park_off));
  if (rc < 0) {
    mproc__shm_close(&o->shm);
    return rc;
  }
  o->base.magic = MPROC__OBJ_MAGIC;
  o->base.type_id = id;
  return 0;
}

static void obj2_fini(obj2_t *o) {
  o->base.magic = 0;
  mproc__park_close(&o->park);
  mproc__shm_close(&o->shm);
}

static int obj2_reduce(obj2_t *o, mproc__spawn_ctx_t *ctx, mproc__wbuf_t *b) {
  return mproc__region_reduce(ctx, &o->shm, &o->park, b);
}

/* Rebuilds a received object of @p objsize bytes (an obj2_t first) with
 * its region and park. Takes ownership of both handles on every path. */
static int obj2_rebuild(size_t objsize, mproc__type_id_t id, mproc__rbuf_t *r,
                        size_t min_size, size_t park_off, obj2_t **out) {
  mproc__shm_t shm;
  mproc__park_t park;
  int rc = mproc__region_rebuild(r, min_size, 1u << 20, park_off,
                                 mproc__type_of(id)->name, &shm, &park);
  if (rc < 0)
    return rc;
  obj2_t *o = calloc(1, objsize);
  if (!o) {
    mproc__park_close(&park);
    mproc__shm_close(&shm);
    return mproc__err(MPROC_E_NOMEM, "rebuilding a %s",
                      mproc__type_of(id)->name);
  }
  o->shm = shm;
  o->park = park;
  o->base.magic = MPROC__OBJ_MAGIC;
  o->base.type_id = id;
  *out = o;
  return 0;
}

/* The object behind a public pointer if it has type @p id. */
static obj2_t *obj2_get(const void *p, mproc__type_id_t id, const char *what) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o)
    return NULL;
  if (o->type_id != id) {
    mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
               mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (obj2_t *)o;
}

/* The status of a failed obj2_get (the detail message is already set). */
static int bad_object(const void *p) {
  return p ? MPROC_E_TYPE : MPROC_E_INVAL;
}

static int value_obj2(const mproc_value_t *v, void **out, mproc__type_id_t id) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "NULL argument");
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  obj2_t *o = obj2_get(v->u.obj, id, "value");
  if (!o)
    return bad_object(v->u.obj);
  *out = o;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Event                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct event_shared {
  volatile uint32_t word; /* (generation << 1) | flag */
  volatile uint32_t nwaiters;
  volatile uint32_t park;
} event_shared_t;

struct mproc_event {
  obj2_t o;
};

/* Spins before sleeping (see sync.c). */
#define SPIN_COUNT 100

#define EV_SH(e) ((event_shared_t *)(e)->o.shm.addr)
#define EVENT_GET(p) ((mproc_event_t *)obj2_get(p, MPROC__T_EVENT, __func__))

int mproc_event_create(mproc_event_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  *out = NULL;
  mproc_event_t *e = calloc(1, sizeof *e);
  if (!e)
    return mproc__err(MPROC_E_NOMEM, "allocating an Event");
  int rc = obj2_init(&e->o, MPROC__T_EVENT, sizeof(event_shared_t),
                     offsetof(event_shared_t, park));
  if (rc < 0) {
    free(e);
    return rc;
  }
  *out = e;
  return 0;
}

int mproc_event_set(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return bad_object(e);
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  do {
    if (w & 1)
      return 0;
  } while (!mproc__cas32(&sh->word, &w, (w + 2) | 1));
  /* The word changed before this load of nwaiters, and a waiter registers
   * before its last look at the word: one of the two sees the other. */
  if (mproc__load32(&sh->nwaiters) > 0)
    mproc__park_wake(&e->o.park, &sh->word, INT32_MAX);
  return 0;
}

int mproc_event_clear(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return bad_object(e);
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  while ((w & 1) && !mproc__cas32(&sh->word, &w, w & ~1u)) {
  }
  return 0;
}

int mproc_event_is_set(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return bad_object(e);
  return (int)(mproc__load32(&EV_SH(e)->word) & 1);
}

int mproc_event_wait(mproc_event_t *e, double timeout) {
  if (!EVENT_GET(e))
    return bad_object(e);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  if (w & 1)
    return 0;
  /* A short spin before sleeping, as the Lock family's: a set from a
   * process running on another core often comes within it, and sleeping
   * and waking cost two system calls and a context switch. */
  for (int i = 0; i < SPIN_COUNT && timeout != 0; i++) {
    mproc__cpu_relax();
    uint32_t now = mproc__load32(&sh->word);
    if ((now & 1) || (now >> 1) != (w >> 1))
      return 0;
  }
  mproc__fetch_add32(&sh->nwaiters, 1);
  for (;;) {
    uint32_t now = mproc__load32(&sh->word);
    if ((now & 1) || (now >> 1) != (w >> 1)) {
      rc = 0; /* set, or set and cleared again since the wait began */
      break;
    }
    if (rc == MPROC_E_TIMEOUT)
      break;
    rc = mproc__park_wait(&e->o.park, &sh->word, now, deadline);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      break;
    /* After a timeout, one more look at the word (above). */
  }
  mproc__fetch_add32(&sh->nwaiters, (uint32_t)-1);
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT, "timed out");
  return rc;
}

void mproc_event_destroy(mproc_event_t *e) {
  if (e && EVENT_GET(e)) {
    obj2_fini(&e->o);
    free(e);
  }
}

static int event_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  return obj2_reduce((obj2_t *)o, ctx, b);
}

static int event_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  obj2_t *o;
  int rc = obj2_rebuild(sizeof(mproc_event_t), id, r, sizeof(event_shared_t),
                        offsetof(event_shared_t, park), &o);
  if (rc == 0)
    *out = &o->base;
  return rc;
}

static void event_destroy(mproc_object_t *o) {
  mproc_event_destroy((mproc_event_t *)o);
}

const mproc__type_t mproc__event_type = {"Event", true, event_reduce,
                                         event_rebuild, event_destroy};

int mproc_value_as_event(const mproc_value_t *v, mproc_event_t **out) {
  return value_obj2(v, (void **)out, MPROC__T_EVENT);
}

/* ------------------------------------------------------------------------ */
/* Condition                                                                */
/* ------------------------------------------------------------------------ */

/*
 * Wake-up accounting in one word, so that a notify's choice is one atomic
 * step: W (low 16 bits) waiters not yet chosen, T (high 16 bits) tokens,
 * one per waiter chosen by a notify and not yet woken. A waiter registers
 * (W + 1) while it holds the lock, so a notify, which needs the lock too,
 * either counts it or happened before it began. notify(n) moves
 * k = min(n, W) from W to T, bumps `seq` and wakes k sleepers on it. A
 * waiter leaves when it takes a token (T - 1); one whose timeout expired
 * leaves as one of W if W > 0, and otherwise (everyone registered has been
 * chosen, itself included) takes the token owed to it and counts as woken.
 * Tokens are anonymous: a thread that began waiting after a notify may take
 * the token and the older waiter it was meant for waits on, as in CPython.
 *
 * No lost wake-up: a waiter reads `seq` before it looks for a token, and
 * sleeps only while `seq` is unchanged; a notify adds its tokens before it
 * bumps `seq`.
 *
 * A waiter whose process dies stays counted in W: a notify that chooses it
 * leaves a token that the next waiter takes at once (an early wake-up,
 * which callers tolerate by re-checking their predicate), never a hang.
 */
#define CW_ONE 1u
#define CT_ONE (1u << 16)
#define CW_OF(x) ((x)&0xffffu)
#define CT_OF(x) ((x) >> 16)
#define C_MAX 0xffffu

typedef struct cond_shared {
  volatile uint32_t seq;
  volatile uint32_t counts;
  volatile uint32_t park;
} cond_shared_t;

struct mproc_condition {
  obj2_t o;
  mproc_object_t *lock; /* an mproc_lock_t or mproc_rlock_t */
  bool owns_lock;       /* created (or rebuilt) with the Condition */
};

#define CV_SH(c) ((cond_shared_t *)(c)->o.shm.addr)
#define COND_GET(p)                                                            \
  ((mproc_condition_t *)obj2_get(p, MPROC__T_CONDITION, __func__))

static bool is_rlock(const mproc_condition_t *c) {
  return c->lock->type_id == MPROC__T_RLOCK;
}

int mproc_condition_create(mproc_condition_t **out, void *lock) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  *out = NULL;
  mproc_object_t *lk = NULL;
  if (lock) {
    lk = mproc__object_check(lock, __func__);
    if (!lk)
      return MPROC_E_TYPE;
    if (lk->type_id != MPROC__T_LOCK && lk->type_id != MPROC__T_RLOCK)
      return mproc__err(MPROC_E_TYPE,
                        "a Condition needs a Lock or an RLock, not a %s",
                        mproc__type_of(lk->type_id)->name);
  }
  mproc_condition_t *c = calloc(1, sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "allocating a Condition");
  int rc;
  if (!lk) {
    mproc_rlock_t *r;
    rc = mproc_rlock_create(&r);
    if (rc < 0)
      goto fail;
    lk = (mproc_object_t *)(void *)r;
    c->owns_lock = true;
  }
  c->lock = lk;
  rc = obj2_init(&c->o, MPROC__T_CONDITION, sizeof(cond_shared_t),
                 offsetof(cond_shared_t, park));
  if (rc < 0)
    goto fail;
  *out = c;
  return 0;
fail:
  if (c->owns_lock)
    mproc__type_of(MPROC__T_RLOCK)->destroy(c->lock);
  free(c);
  return rc;
}

int mproc_condition_acquire(mproc_condition_t *c, double timeout) {
  if (!COND_GET(c))
    return bad_object(c);
  if (is_rlock(c))
    return mproc_rlock_acquire((mproc_rlock_t *)(void *)c->lock, timeout);
  return mproc_lock_acquire((mproc_lock_t *)(void *)c->lock, timeout);
}

int mproc_condition_release(mproc_condition_t *c) {
  if (!COND_GET(c))
    return bad_object(c);
  if (is_rlock(c))
    return mproc_rlock_release((mproc_rlock_t *)(void *)c->lock);
  return mproc_lock_release((mproc_lock_t *)(void *)c->lock);
}

/* Whether the caller holds the lock: owns an RLock; for a Lock, which has
 * no owner, that it is held (CPython can check no more either). */
static bool cond_lock_held(mproc_condition_t *c) {
  if (is_rlock(c))
    return mproc_rlock_count((mproc_rlock_t *)(void *)c->lock) > 0;
  return mproc_lock_locked((mproc_lock_t *)(void *)c->lock) == 1;
}

/* Releases the lock completely; *depth says how to take it back. */
static int cond_unlock(mproc_condition_t *c, uint32_t *depth) {
  if (is_rlock(c))
    return mproc__rlock_release_save((mproc_rlock_t *)(void *)c->lock, depth);
  *depth = 1;
  return mproc_lock_release((mproc_lock_t *)(void *)c->lock);
}

static int cond_relock(mproc_condition_t *c, uint32_t depth) {
  if (is_rlock(c))
    return mproc__rlock_acquire_restore((mproc_rlock_t *)(void *)c->lock,
                                        depth);
  return mproc_lock_acquire((mproc_lock_t *)(void *)c->lock, MPROC_FOREVER);
}

/* Leaves without a token: as an unchosen waiter if there is one, else by
 * taking the token owed to the caller. Returns 0 if it took a token. */
static int cond_leave(cond_shared_t *sh) {
  uint32_t x = mproc__load32(&sh->counts);
  for (;;) {
    if (CW_OF(x) > 0) {
      if (mproc__cas32(&sh->counts, &x, x - CW_ONE))
        return MPROC_E_TIMEOUT;
    } else if (CT_OF(x) > 0) {
      if (mproc__cas32(&sh->counts, &x, x - CT_ONE))
        return 0;
    } else {
      return MPROC_E_TIMEOUT; /* nothing to undo: bookkeeping of a dead
                                 process was taken for ours */
    }
  }
}

/* The wait itself, with the lock held on entry and on return. */
static int cond_wait(mproc_condition_t *c, int64_t deadline) {
  cond_shared_t *sh = CV_SH(c);
  if (!cond_lock_held(c))
    return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
  uint32_t x = mproc__load32(&sh->counts);
  do {
    if (CW_OF(x) + CT_OF(x) >= C_MAX)
      return mproc__err(MPROC_E_LIMIT, "too many waiters on a Condition");
  } while (!mproc__cas32(&sh->counts, &x, x + CW_ONE));
  uint32_t depth;
  int rc = cond_unlock(c, &depth);
  if (rc < 0) {
    cond_leave(sh);
    return rc;
  }
  int wrc = 0;
  for (;;) {
    uint32_t seq = mproc__load32(&sh->seq);
    x = mproc__load32(&sh->counts);
    while (CT_OF(x) > 0 && !mproc__cas32(&sh->counts, &x, x - CT_ONE)) {
    }
    if (CT_OF(x) > 0) {
      wrc = 0; /* took a token */
      break;
    }
    if (wrc == MPROC_E_TIMEOUT) {
      wrc = cond_leave(sh);
      break;
    }
    wrc = mproc__park_wait(&c->o.park, &sh->seq, seq, deadline);
    if (wrc < 0 && wrc != MPROC_E_TIMEOUT) {
      int err = wrc;
      if (cond_leave(sh) == 0)
        err = 0; /* was chosen after all */
      wrc = err;
      break;
    }
  }
  rc = cond_relock(c, depth);
  if (rc < 0)
    return rc; /* MPROC_E_OWNER_DEAD (held) or a failure */
  if (wrc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT, "timed out");
  return wrc;
}

int mproc_condition_wait(mproc_condition_t *c, double timeout) {
  if (!COND_GET(c))
    return bad_object(c);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  return rc < 0 ? rc : cond_wait(c, deadline);
}

int mproc_condition_wait_for(mproc_condition_t *c, mproc_predicate_fn pred,
                             void *arg, double timeout) {
  if (!COND_GET(c))
    return bad_object(c);
  if (!pred)
    return mproc__err(MPROC_E_INVAL, "NULL predicate");
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  if (!cond_lock_held(c))
    return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
  while (!pred(arg)) {
    rc = cond_wait(c, deadline);
    if (rc == MPROC_E_TIMEOUT)
      return pred(arg) ? 0 : rc;
    if (rc < 0)
      return rc; /* MPROC_E_OWNER_DEAD: the caller repairs the state */
  }
  return 0;
}

int mproc_condition_notify(mproc_condition_t *c, int n) {
  if (!COND_GET(c))
    return bad_object(c);
  if (n < 0)
    return mproc__err(MPROC_E_VALUE, "cannot notify a negative number (%d)", n);
  if (!cond_lock_held(c))
    return mproc__err(MPROC_E_PERM, "cannot notify on un-acquired lock");
  cond_shared_t *sh = CV_SH(c);
  uint32_t x = mproc__load32(&sh->counts), k;
  do {
    k = CW_OF(x) < (uint32_t)n ? CW_OF(x) : (uint32_t)n;
    if (k == 0)
      return 0;
  } while (!mproc__cas32(&sh->counts, &x, x - k * CW_ONE + k * CT_ONE));
  mproc__fetch_add32(&sh->seq, 1);
  mproc__park_wake(&c->o.park, &sh->seq, (int)k);
  return 0;
}

int mproc_condition_notify_all(mproc_condition_t *c) {
  return mproc_condition_notify(c, INT32_MAX);
}

void mproc_condition_destroy(mproc_condition_t *c) {
  if (c && COND_GET(c)) {
    obj2_fini(&c->o);
    if (c->owns_lock)
      mproc__type_of(c->lock->type_id)->destroy(c->lock);
    free(c);
  }
}

/* Reduction: the Condition's own region, then its lock's type and its
 * lock's reduction (the child rebuilds a lock of its own for it). */
static int cond_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  mproc_condition_t *c = (mproc_condition_t *)o;
  int rc = obj2_reduce(&c->o, ctx, b);
  if (rc < 0)
    return rc;
  mproc__put_u32(b, (uint32_t)c->lock->type_id);
  return mproc__type_of(c->lock->type_id)->reduce(c->lock, ctx, b);
}

static int cond_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                        mproc_object_t **out) {
  obj2_t *o;
  int rc = obj2_rebuild(sizeof(mproc_condition_t), id, r, sizeof(cond_shared_t),
                        offsetof(cond_shared_t, park), &o);
  if (rc < 0)
    return rc;
  mproc_condition_t *c = (mproc_condition_t *)o;
  uint32_t lid = mproc__get_u32(r);
  if (r->err || (lid != MPROC__T_LOCK && lid != MPROC__T_RLOCK)) {
    rc = mproc__err(MPROC_E_DECODE, "malformed Condition reduction");
    goto fail;
  }
  rc = mproc__type_of((mproc__type_id_t)lid)
           ->rebuild((mproc__type_id_t)lid, r, &c->lock);
  if (rc < 0)
    goto fail;
  c->owns_lock = true;
  *out = &c->o.base;
  return 0;
fail:
  obj2_fini(&c->o);
  free(c);
  return rc;
}

static void cond_destroy(mproc_object_t *o) {
  mproc_condition_destroy((mproc_condition_t *)o);
}

const mproc__type_t mproc__condition_type = {"Condition", true, cond_reduce,
                                             cond_rebuild, cond_destroy};

int mproc_value_as_condition(const mproc_value_t *v, mproc_condition_t **out) {
  return value_obj2(v, (void **)out, MPROC__T_CONDITION);
}

/* ------------------------------------------------------------------------ */
/* Barrier                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * State changes happen under a small internal mutex (three-state futex
 * mutex, Drepper's "mutex 2"), held only for a few instructions: never
 * while sleeping and never while the action runs. Waiters sleep on `gen`,
 * which is bumped once per generation, whether it ended by passing or by
 * breaking (abort, reset, timeout, failed action); `broken_bits` keeps the
 * outcome of the last 32 generations, so a waiter that wakes late reads the
 * outcome of its own generation, not of a later one.
 */
#define ACTION_NAME_MAX 128

typedef struct barrier_shared {
  volatile uint32_t mutex; /* 0 free, 1 held, 2 held with waiters */
  volatile uint32_t gen;
  volatile uint32_t broken_bits;
  volatile uint32_t broken; /* broken until reset */
  volatile uint32_t arrived;
  volatile uint32_t park;
  uint32_t parties;
  char action[ACTION_NAME_MAX]; /* registered name, or "" */
} barrier_shared_t;

struct mproc_barrier {
  obj2_t o;
};

#define BA_SH(b) ((barrier_shared_t *)(b)->o.shm.addr)
#define BARRIER_GET(p)                                                         \
  ((mproc_barrier_t *)obj2_get(p, MPROC__T_BARRIER, __func__))

static void mtx_lock(mproc_barrier_t *b) {
  volatile uint32_t *m = &BA_SH(b)->mutex;
  uint32_t v = 0;
  if (mproc__cas32(m, &v, 1))
    return;
  if (v != 2)
    v = mproc__xchg32(m, 2);
  while (v != 0) {
    mproc__park_wait(&b->o.park, m, 2, MPROC__NO_DEADLINE);
    v = mproc__xchg32(m, 2);
  }
}

static void mtx_unlock(mproc_barrier_t *b) {
  volatile uint32_t *m = &BA_SH(b)->mutex;
  if (mproc__xchg32(m, 0) == 2)
    mproc__park_wake(&b->o.park, m, 1);
}

/* Ends generation @p g (under the mutex): passed or broken. */
static void end_generation(mproc_barrier_t *b, uint32_t g, bool broken) {
  barrier_shared_t *sh = BA_SH(b);
  uint32_t bit = 1u << (g % 32);
  uint32_t bits = mproc__load32(&sh->broken_bits);
  mproc__store32(&sh->broken_bits, broken ? bits | bit : bits & ~bit);
  mproc__store32(&sh->arrived, 0);
  mproc__store32(&sh->gen, g + 1);
  mproc__park_wake(&b->o.park, &sh->gen, INT32_MAX);
}

int mproc_barrier_create(mproc_barrier_t **out, unsigned int parties,
                         mproc_fn action) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  *out = NULL;
  if (parties == 0 || parties > 0xffffu)
    return mproc__err(MPROC_E_VALUE,
                      "a Barrier needs 1 to 65535 parties, not %u", parties);
  const char *name = "";
  if (action) {
    name = mproc__registry_name(action);
    if (!name)
      return mproc__err(MPROC_E_NOTFOUND,
                        "the Barrier action is not registered: call "
                        "mproc_register() before mproc_boot()");
    if (strlen(name) >= ACTION_NAME_MAX)
      return mproc__err(MPROC_E_TOOBIG, "the action's name is too long");
  }
  mproc_barrier_t *b = calloc(1, sizeof *b);
  if (!b)
    return mproc__err(MPROC_E_NOMEM, "allocating a Barrier");
  int rc = obj2_init(&b->o, MPROC__T_BARRIER, sizeof(barrier_shared_t),
                     offsetof(barrier_shared_t, park));
  if (rc < 0) {
    free(b);
    return rc;
  }
  BA_SH(b)->parties = parties;
  memcpy(BA_SH(b)->action, name, strlen(name) + 1);
  *out = b;
  return 0;
}

static int broken_error(void) {
  return mproc__err(MPROC_E_BROKEN, "the Barrier is broken");
}

int mproc_barrier_wait(mproc_barrier_t *b, double timeout,
                       unsigned int *index) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  barrier_shared_t *sh = BA_SH(b);
  mtx_lock(b);
  if (mproc__load32(&sh->broken)) {
    mtx_unlock(b);
    return broken_error();
  }
  uint32_t g = mproc__load32(&sh->gen);
  uint32_t idx = mproc__load32(&sh->arrived);
  mproc__store32(&sh->arrived, idx + 1);
  if (idx + 1 == sh->parties) {
    /* The last party: run the action (unlocked: it may take long, and
     * nobody can pass meanwhile), then release everyone. */
    int arc = 0;
    if (sh->action[0]) {
      char name[ACTION_NAME_MAX];
      memcpy(name, sh->action, sizeof name);
      name[sizeof name - 1] = '\0';
      mproc_fn fn = mproc__registry_fn(name);
      mtx_unlock(b);
      arc = fn ? fn(NULL, 0) : -1;
      mtx_lock(b);
    }
    if (mproc__load32(&sh->gen) != g) {
      mtx_unlock(b); /* aborted or reset while the action ran */
      return broken_error();
    }
    if (arc != 0) {
      mproc__store32(&sh->broken, 1);
      end_generation(b, g, true);
      mtx_unlock(b);
      return mproc__err(
          MPROC_E_BROKEN, "the Barrier action %s (%d)",
          arc == -1 ? "is not registered in this process" : "failed", arc);
    }
    end_generation(b, g, false);
    mtx_unlock(b);
    if (index)
      *index = idx;
    return 0;
  }
  mtx_unlock(b);
  rc = 0;
  while (mproc__load32(&sh->gen) == g) {
    if (rc == MPROC_E_TIMEOUT) {
      mtx_lock(b);
      bool mine = mproc__load32(&sh->gen) == g;
      if (mine) {
        mproc__store32(&sh->broken, 1);
        end_generation(b, g, true);
      }
      mtx_unlock(b);
      if (mine)
        return mproc__err(MPROC_E_TIMEOUT,
                          "timed out; the Barrier is now broken");
      break; /* the generation ended meanwhile: its outcome decides */
    }
    rc = mproc__park_wait(&b->o.park, &sh->gen, g, deadline);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      rc = MPROC_E_TIMEOUT; /* an OS failure: break rather than hang */
  }
  if (mproc__load32(&sh->broken_bits) & (1u << (g % 32)))
    return broken_error();
  if (index)
    *index = idx;
  return 0;
}

int mproc_barrier_abort(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  barrier_shared_t *sh = BA_SH(b);
  mtx_lock(b);
  if (!mproc__load32(&sh->broken)) {
    mproc__store32(&sh->broken, 1);
    end_generation(b, mproc__load32(&sh->gen), true);
  }
  mtx_unlock(b);
  return 0;
}

int mproc_barrier_reset(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  barrier_shared_t *sh = BA_SH(b);
  mtx_lock(b);
  if (mproc__load32(&sh->arrived) > 0 && !mproc__load32(&sh->broken))
    end_generation(b, mproc__load32(&sh->gen), true);
  mproc__store32(&sh->broken, 0);
  mtx_unlock(b);
  return 0;
}

int mproc_barrier_parties(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  return (int)BA_SH(b)->parties;
}

int mproc_barrier_n_waiting(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  return (int)mproc__load32(&BA_SH(b)->arrived);
}

int mproc_barrier_broken(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return bad_object(b);
  return mproc__load32(&BA_SH(b)->broken) ? 1 : 0;
}

void mproc_barrier_destroy(mproc_barrier_t *b) {
  if (b && BARRIER_GET(b)) {
    obj2_fini(&b->o);
    free(b);
  }
}

static int barrier_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                          mproc__wbuf_t *b) {
  return obj2_reduce((obj2_t *)o, ctx, b);
}

static int barrier_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                           mproc_object_t **out) {
  obj2_t *o;
  int rc =
      obj2_rebuild(sizeof(mproc_barrier_t), id, r, sizeof(barrier_shared_t),
                   offsetof(barrier_shared_t, park), &o);
  if (rc == 0)
    *out = &o->base;
  return rc;
}

static void barrier_destroy(mproc_object_t *o) {
  mproc_barrier_destroy((mproc_barrier_t *)o);
}

const mproc__type_t mproc__barrier_type = {"Barrier", true, barrier_reduce,
                                           barrier_rebuild, barrier_destroy};

int mproc_value_as_barrier(const mproc_value_t *v, mproc_barrier_t **out) {
  return value_obj2(v, (void **)out, MPROC__T_BARRIER);
}
