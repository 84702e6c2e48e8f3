/*
 * Condition: a sequence word to sleep on and one word of wake-up
 * accounting (waiters, tokens), in a region of its own, over a Lock or
 * RLock of semlock.c. The waits use 32-bit words as futexes through the
 * park (internal.h); the common code never asks which backend parks.
 */
#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

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
  mproc__robj_t o;
  mproc_object_t *lock; /* an mproc_lock_t or mproc_rlock_t */
  bool owns_lock;       /* created (or rebuilt) with the Condition */
};

#define CV_SH(c) ((cond_shared_t *)(c)->o.shm.addr)
#define COND_GET(p)                                                            \
  ((mproc_condition_t *)mproc__robj_get(p, MPROC__T_CONDITION, __func__))

static bool is_rlock(const mproc_condition_t *c) {
  return c->lock->type_id == MPROC__T_RLOCK;
}

int mproc_condition_create(mproc_condition_t **out, void *lock) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
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
  rc = mproc__robj_init(&c->o, MPROC__T_CONDITION, sizeof(cond_shared_t),
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
    return mproc__bad_object(c);
  if (is_rlock(c))
    return mproc_rlock_acquire((mproc_rlock_t *)(void *)c->lock, timeout);
  return mproc_lock_acquire((mproc_lock_t *)(void *)c->lock, timeout);
}

int mproc_condition_release(mproc_condition_t *c) {
  if (!COND_GET(c))
    return mproc__bad_object(c);
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
    return mproc__bad_object(c);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  return rc < 0 ? rc : cond_wait(c, deadline);
}

int mproc_condition_wait_for(mproc_condition_t *c, mproc_predicate_fn pred,
                             void *arg, double timeout) {
  if (!COND_GET(c))
    return mproc__bad_object(c);
  if (!pred)
    return mproc__err(MPROC_E_INVAL, "%s: NULL predicate", __func__);
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
    return mproc__bad_object(c);
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
    mproc__robj_fini(&c->o);
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
  int rc = mproc__robj_reduce(&c->o, ctx, b);
  if (rc < 0)
    return rc;
  mproc__put_u32(b, (uint32_t)c->lock->type_id);
  return mproc__type_of(c->lock->type_id)->reduce(c->lock, ctx, b);
}

static int cond_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                        mproc_object_t **out) {
  mproc__robj_t *o;
  int rc = mproc__robj_rebuild(sizeof(mproc_condition_t), id, r,
                               sizeof(cond_shared_t),
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
  mproc__robj_fini(&c->o);
  free(c);
  return rc;
}

static void cond_destroy(mproc_object_t *o) {
  mproc_condition_destroy((mproc_condition_t *)o);
}

const mproc__type_t mproc__condition_type = {"Condition", true, cond_reduce,
                                             cond_rebuild, cond_destroy};

int mproc_value_as_condition(const mproc_value_t *v, mproc_condition_t **out) {
  return mproc__value_robj(v, (void **)out, MPROC__T_CONDITION, __func__);
}
