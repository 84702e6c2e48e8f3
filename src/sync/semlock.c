/* SPDX-License-Identifier: MIT */
/*
 * The Lock family: Lock, RLock, Semaphore, BoundedSemaphore.
 *
 * All four are one counting semaphore in shared memory:
 *   Lock              value 1, max 1 (releasing a free lock is an error, as
 *                     CPython's "semaphore or lock released too many times")
 *   Semaphore         value v, max MPROC_SEM_VALUE_MAX
 *   BoundedSemaphore  value v, max v
 *   RLock             a lock whose word names its owner's process, plus
 *                     the owner's thread id and a depth (see "Owner death")
 *
 * The algorithm keeps the kernel off the uncontended path: acquire is a load
 * and a CAS on `value`, release a CAS on `value` and a load of `nwaiters`.
 * Only a thread that finds the value at 0 registers in `nwaiters` and parks
 * (futex / kernel semaphore); only a release that sees a registered waiter
 * calls wake. No lost wake-up: a waiter increments nwaiters before its last
 * look at value, and a releaser changes value before it looks at nwaiters
 * (all sequentially consistent), so at least one of them sees the other;
 * the park itself re-checks value in the kernel (futex) or counts posts
 * (Windows semaphore).
 */
#include "sync/sync.h"

#include "slab.h"

#include <stddef.h>
#include <stdlib.h>

typedef struct sync_shared {
  /* The semaphore's count; an RLock's RLOCK_FREE or its owner's code. */
  volatile uint32_t value;
  volatile uint32_t nwaiters;
  volatile uint32_t owner; /* RLock: owning thread id, 0 if none */
  volatile uint32_t depth; /* RLock: recursion depth, owner-only */
  uint32_t max;            /* fixed at creation */
  /* RLock: the owner's process and its start token, written by the owner
   * after it took `value` (the token first), for the waiters' liveness
   * check. */
  volatile uint32_t owner_pid;
  volatile uint32_t owner_token_lo, owner_token_hi;
} sync_shared_t;

/* The shared part lives in a slab slot (slab.h): a region and a
 * descriptor per lock capped a process at about a thousand locks. */
typedef struct mproc__sync {
  mproc_object_t base;
  sync_shared_t *sh;
  mproc__slot_t slot;
} sync_t;

struct mproc_lock {
  sync_t s;
};
struct mproc_rlock {
  sync_t s;
};
struct mproc_semaphore {
  sync_t s;
};

/* Spins this many times before parking: a holder running on another core
 * usually releases within that, and a park costs two syscalls. */
#define SPIN_COUNT 100

/*
 * Owner death (RLock). A process that dies holding an RLock cannot release
 * it; the next acquirer gets it with MPROC_E_OWNER_DEAD (the robust-mutex
 * contract). Why not the kernel's robust machinery: Linux's robust futex
 * list belongs to glibc (one list head per thread, used by its robust
 * pthread mutexes), and a Windows mutex would put a system call on every
 * acquire. Instead an RLock's `value` word names its owner's process: 1
 * when free, RLOCK_CODE(pid) when held, so that taking the RLock and
 * recording who took it are one compare-and-swap, and releasing it one
 * more. A process killed at any instruction of acquire or release thus
 * leaves either a free RLock or one that names it. (The crash suite found
 * the earlier layout, a semaphore plus an owner written after it, leaving
 * an RLock held by no one when a kill landed between the two stores.)
 * The owner then also records its thread id, depth and the pid's start
 * token beside it. A waiter blocked on an RLock held by another process
 * sleeps in slices of OWNER_POLL_NS, asking the backend after each whether
 * the owner's process is still alive; a dead owner's code is replaced, by
 * compare-and-swap, with the waiter's own (so exactly one waiter takes
 * over), and the winner becomes the owner at depth 1.
 */
#define OWNER_POLL_NS ((int64_t)100 * 1000000)
#define RLOCK_FREE 1u
/* Pids fit in 31 bits on Linux and Windows: +2 keeps clear of 0 and 1. */
#define RLOCK_CODE(pid) ((uint32_t)(pid) + 2u)

/* The calling thread's process, cached per thread: the thread id changes
 * in a fork child, which refreshes it. Keeps the RLock's acquire free of
 * calls. */
static MPROC__TLS struct { uint32_t tid, pid, token_lo, token_hi; } self;

static void self_refresh(uint32_t tid) {
  if (self.tid != tid) {
    uint64_t token = mproc__self_token();
    self.pid = (uint32_t)mproc__getpid();
    self.token_lo = (uint32_t)token;
    self.token_hi = (uint32_t)(token >> 32);
    self.tid = tid;
  }
}

/* Records the owner's details once `value` names it: the token before the
 * pid, so that a reader who sees the pid sees its token. */
static void owner_publish(sync_shared_t *sh, uint32_t tid) {
  self_refresh(tid);
  mproc__store32_release(&sh->owner_token_lo, self.token_lo);
  mproc__store32_release(&sh->owner_token_hi, self.token_hi);
  mproc__store32_release(&sh->owner_pid, self.pid);
  mproc__store32_release(&sh->owner, tid);
}

/* Takes over an RLock whose owner's process died; true if this caller
 * won. The caller has called self_refresh(). */
static bool owner_take_over(sync_shared_t *sh) {
  uint32_t v = mproc__load32(&sh->value);
  if (v < 2 || v == RLOCK_CODE(self.pid))
    return false; /* free, or held by this process (which is alive) */
  int64_t pid = (int64_t)(v - 2u);
  /* The token, if the details published are this owner's; otherwise (it
   * died before publishing them) whether the pid exists at all. A torn
   * read (another owner publishing meanwhile) can only mislead us when
   * `value` has changed too, and then the compare-and-swap fails. */
  uint64_t token = 0;
  if (mproc__load32(&sh->owner_pid) == (uint32_t)pid)
    token = ((uint64_t)mproc__load32(&sh->owner_token_hi) << 32) |
            mproc__load32(&sh->owner_token_lo);
  if (mproc__pid_alive(pid, token))
    return false;
  if (!mproc__cas32(&sh->value, &v, RLOCK_CODE(self.pid)))
    return false;
  sh->depth = 1;
  owner_publish(sh, self.tid);
  return true;
}

/* ------------------------------------------------------------------------ */
/* The semaphore core                                                       */
/* ------------------------------------------------------------------------ */

static bool sem_try(sync_shared_t *sh) {
  /* Guess the value (a free Lock's) rather than load it first: under
   * contention a load then a CAS takes the cache line twice, shared then
   * exclusive; a failed CAS returns the value anyway. */
  uint32_t v = 1;
  while (v > 0) {
    if (mproc__cas32(&sh->value, &v, v - 1))
      return true;
  }
  return false;
}

static int sem_acquire(sync_t *s, int64_t deadline) {
  sync_shared_t *sh = s->sh;
  if (sem_try(sh))
    return 0;
  if (deadline != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline)
    return MPROC_E_TIMEOUT;
  for (int i = 0; i < SPIN_COUNT; i++) {
    mproc__cpu_relax();
    if (mproc__load32(&sh->value) > 0 && sem_try(sh))
      return 0;
  }
  mproc__fetch_add32(&sh->nwaiters, 1);
  int rc = 0;
  for (;;) {
    if (sem_try(sh)) {
      rc = 0; /* taken, even if the park said the deadline passed */
      break;
    }
    if (rc == MPROC_E_TIMEOUT)
      break;
    rc = mproc__park_wait(mproc__slot_park(&s->slot), &sh->value, 0, deadline);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      break; /* an OS failure: give up, reported below */
    /* On a timeout, loop once more: a post that raced the timeout must not
     * be stranded while other waiters sleep. */
  }
  mproc__fetch_add32(&sh->nwaiters, (uint32_t)-1);
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT, "timed out");
  return rc;
}

static int sem_release(sync_t *s) {
  sync_shared_t *sh = s->sh;
  uint32_t v = 0; /* a guess, as in sem_try() */
  do {
    if (v >= sh->max)
      return mproc__err(MPROC_E_VALUE,
                        "semaphore or lock released too many times");
  } while (!mproc__cas32(&sh->value, &v, v + 1));
  if (mproc__load32(&sh->nwaiters) > 0)
    mproc__park_wake(mproc__slot_park(&s->slot), &sh->value, 1);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Objects: create, destroy, cross                                          */
/* ------------------------------------------------------------------------ */

/* Returns the new object, or NULL with the status in *rc. */
static sync_t *sync_create(mproc__type_id_t id, uint32_t value, uint32_t max,
                           int *rc) {
  sync_t *s = calloc(1, sizeof *s);
  if (!s) {
    *rc =
        mproc__err(MPROC_E_NOMEM, "allocating a %s", mproc__type_of(id)->name);
    return NULL;
  }
  *rc = mproc__slot_alloc(sizeof(sync_shared_t), mproc__type_of(id)->name,
                          &s->slot);
  if (*rc < 0) {
    free(s);
    return NULL;
  }
  s->sh = s->slot.data;
  s->sh->value = value;
  s->sh->max = max;
  s->base.magic = MPROC__OBJ_MAGIC;
  s->base.type_id = id;
  return s;
}

/* The public create functions: an output check, then sync_create. */
#define SYNC_CREATE(out, id, value, max)                                       \
  do {                                                                         \
    if (!(out))                                                                \
      return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);   \
    int rc_;                                                                   \
    *(out) = (void *)sync_create(id, value, max, &rc_);                        \
    return *(out) ? 0 : rc_;                                                   \
  } while (0)

static void sync_destroy(mproc_object_t *o) {
  sync_t *s = (sync_t *)o;
  s->base.magic = 0;
  mproc__slot_free(&s->slot);
  free(s);
}

static int sync_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  sync_t *s = (sync_t *)o;
  return mproc__slot_reduce(&s->slot, ctx, b);
}

static int sync_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                        mproc_object_t **out) {
  mproc__slot_t slot;
  int rc = mproc__slot_rebuild(r, sizeof(sync_shared_t),
                               mproc__type_of(id)->name, &slot);
  if (rc < 0)
    return rc;
  sync_t *s = calloc(1, sizeof *s);
  if (!s) {
    mproc__slot_free(&slot);
    return mproc__err(MPROC_E_NOMEM, "rebuilding a %s",
                      mproc__type_of(id)->name);
  }
  s->slot = slot;
  s->sh = slot.data;
  s->base.magic = MPROC__OBJ_MAGIC;
  s->base.type_id = id;
  *out = &s->base;
  return 0;
}

const mproc__type_t mproc__lock_type = {"Lock", true, sync_reduce, sync_rebuild,
                                        sync_destroy};
const mproc__type_t mproc__rlock_type = {"RLock", true, sync_reduce,
                                         sync_rebuild, sync_destroy};
const mproc__type_t mproc__semaphore_type = {"Semaphore", true, sync_reduce,
                                             sync_rebuild, sync_destroy};
const mproc__type_t mproc__bounded_semaphore_type = {
    "BoundedSemaphore", true, sync_reduce, sync_rebuild, sync_destroy};

static sync_t *sync_get_slow(const void *p, mproc__type_id_t a,
                             mproc__type_id_t b, const char *what);

/* The object behind a public pointer if it is one of the wanted types:
 * inline, one load and two compares; the checks that set a detail
 * message only on failure. */
static inline sync_t *sync_get(const void *p, mproc__type_id_t a,
                               mproc__type_id_t b, const char *what) {
  const mproc_object_t *o = p;
  if (o && o->magic == MPROC__OBJ_MAGIC && (o->type_id == a || o->type_id == b))
    return (sync_t *)o;
  return sync_get_slow(p, a, b, what);
}

static sync_t *sync_get_slow(const void *p, mproc__type_id_t a,
                             mproc__type_id_t b, const char *what) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o)
    return NULL;
  if (o->type_id != a && o->type_id != b) {
    mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
               mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (sync_t *)o;
}

/* The status of a failed sync_get (the detail message is already set). */
static int bad_object(const void *p) {
  return p ? MPROC_E_TYPE : MPROC_E_INVAL;
}

#define LOCK_GET(p) sync_get(p, MPROC__T_LOCK, MPROC__T_LOCK, __func__)
#define RLOCK_GET(p) sync_get(p, MPROC__T_RLOCK, MPROC__T_RLOCK, __func__)
#define SEM_GET(p)                                                             \
  sync_get(p, MPROC__T_SEMAPHORE, MPROC__T_BOUNDED_SEMAPHORE, __func__)

static int acquire_timeout(sync_t *s, double timeout) {
  /* A free lock needs no deadline, so no clock read: try it first (a bad
   * timeout still fails, below, whether the lock is free or not). */
  if ((timeout == MPROC_FOREVER || timeout >= 0) && sem_try(s->sh))
    return 0;
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  return rc < 0 ? rc : sem_acquire(s, deadline);
}

static int try_acquire(sync_t *s) {
  return sem_try(s->sh) ? 0 : mproc__err(MPROC_E_BUSY, "already held");
}

/* ------------------------------------------------------------------------ */
/* Lock                                                                     */
/* ------------------------------------------------------------------------ */

int mproc_lock_create(mproc_lock_t **out) {
  SYNC_CREATE(out, MPROC__T_LOCK, 1, 1);
}

static MPROC__NOINLINE int lock_acquire_slow(mproc_lock_t *l, double timeout) {
  sync_t *s = LOCK_GET(l);
  return s ? acquire_timeout(s, timeout) : bad_object(l);
}

int mproc_lock_acquire(mproc_lock_t *l, double timeout) {
  /* A free Lock, all checks inline and no call: a leaf, with no register
   * to save. Through acquire_timeout() the same steps cost a frame in each
   * of two functions (the compiler keeps `timeout` alive across the
   * checks' calls), measured at 1.15-1.2 times the futex peer's pair;
   * anything else goes the checked way, from the start. */
  const mproc_object_t *o = (const mproc_object_t *)(const void *)l;
  if (o && o->magic == MPROC__OBJ_MAGIC && o->type_id == MPROC__T_LOCK &&
      (timeout == MPROC_FOREVER || timeout >= 0) && sem_try(l->s.sh))
    return 0;
  return lock_acquire_slow(l, timeout);
}

int mproc_lock_try_acquire(mproc_lock_t *l) {
  sync_t *s = LOCK_GET(l);
  return s ? try_acquire(s) : bad_object(l);
}

static MPROC__NOINLINE int lock_release_slow(mproc_lock_t *l) {
  sync_t *s = LOCK_GET(l);
  return s ? sem_release(s) : bad_object(l);
}

/* The wake-up after a release, out of line (see mproc_lock_acquire). */
static MPROC__NOINLINE int lock_wake(mproc_lock_t *l) {
  mproc__park_wake(mproc__slot_park(&l->s.slot), &l->s.sh->value, 1);
  return 0;
}

int mproc_lock_release(mproc_lock_t *l) {
  /* As sem_release() on a held Lock (value 0, max 1), inline. */
  const mproc_object_t *o = (const mproc_object_t *)(const void *)l;
  if (o && o->magic == MPROC__OBJ_MAGIC && o->type_id == MPROC__T_LOCK) {
    uint32_t v = 0;
    if (mproc__cas32(&l->s.sh->value, &v, 1))
      return mproc__load32(&l->s.sh->nwaiters) > 0 ? lock_wake(l) : 0;
  }
  return lock_release_slow(l);
}

int mproc_lock_locked(mproc_lock_t *l) {
  sync_t *s = LOCK_GET(l);
  return s ? mproc__load32(&s->sh->value) == 0 : bad_object(l);
}

void mproc_lock_destroy(mproc_lock_t *l) {
  if (l && LOCK_GET(l))
    sync_destroy(&l->s.base);
}

/* ------------------------------------------------------------------------ */
/* RLock                                                                    */
/* ------------------------------------------------------------------------ */

int mproc_rlock_create(mproc_rlock_t **out) {
  SYNC_CREATE(out, MPROC__T_RLOCK, 1, 1);
}

static bool rlock_try(sync_shared_t *sh) {
  uint32_t v = RLOCK_FREE;
  return mproc__cas32(&sh->value, &v, RLOCK_CODE(self.pid));
}

/* Whether the calling thread owns the RLock: its thread id recorded, and
 * `value` naming its process (a thread id alone may be a dead process's,
 * reused). */
static bool rlock_mine(sync_shared_t *sh, uint32_t me) {
  if (mproc__load32(&sh->owner) != me)
    return false;
  self_refresh(me);
  return mproc__load32(&sh->value) == RLOCK_CODE(self.pid);
}

/* The RLock's wait: as sem_acquire(), on a `value` that holds its owner's
 * code rather than 0, and in slices, asking after each whether the owner
 * is alive. The caller has called self_refresh(). */
static int rlock_wait(sync_t *s, int64_t deadline) {
  sync_shared_t *sh = s->sh;
  if (deadline != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline) {
    if (owner_take_over(sh))
      return mproc__err(MPROC_E_OWNER_DEAD,
                        "the owner of the RLock died holding it; it is now "
                        "held by the caller");
    return MPROC_E_TIMEOUT;
  }
  for (int i = 0; i < SPIN_COUNT; i++) {
    mproc__cpu_relax();
    if (mproc__load32(&sh->value) == RLOCK_FREE && rlock_try(sh))
      return 0;
  }
  mproc__fetch_add32(&sh->nwaiters, 1);
  int rc = 0;
  for (;;) {
    if (rlock_try(sh)) {
      rc = 0; /* taken, even if the park said the deadline passed */
      break;
    }
    if (rc == MPROC_E_TIMEOUT)
      break;
    int64_t until = mproc__now_ns() + OWNER_POLL_NS;
    if (deadline != MPROC__NO_DEADLINE && deadline < until)
      until = deadline;
    uint32_t v = mproc__load32(&sh->value);
    if (v == RLOCK_FREE)
      continue;
    rc = mproc__park_wait(mproc__slot_park(&s->slot), &sh->value, v, until);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      break; /* an OS failure: give up, reported below */
    /* Ask about the owner only when a slice ended asleep: a wake-up means
     * someone released, and the question costs system calls. */
    if (rc == MPROC_E_TIMEOUT && owner_take_over(sh)) {
      rc = MPROC_E_OWNER_DEAD;
      break;
    }
    if (rc == MPROC_E_TIMEOUT && until != deadline)
      rc = 0; /* only a slice ended */
    /* On a timeout, loop once more: a release that raced the timeout must
     * not be stranded while other waiters sleep. */
  }
  mproc__fetch_add32(&sh->nwaiters, (uint32_t)-1);
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT, "timed out");
  if (rc == MPROC_E_OWNER_DEAD)
    return mproc__err(MPROC_E_OWNER_DEAD,
                      "the owner of the RLock died holding it; it is now "
                      "held by the caller");
  return rc;
}

static int rlock_acquire(sync_t *s, int64_t deadline) {
  uint32_t me = mproc__thread_id();
  sync_shared_t *sh = s->sh;
  if (rlock_mine(sh, me)) {
    if (sh->depth == UINT32_MAX)
      return mproc__err(MPROC_E_VALUE, "RLock recursion too deep");
    sh->depth++;
    return 0;
  }
  self_refresh(me);
  int rc = rlock_try(sh) ? 0 : rlock_wait(s, deadline);
  if (rc == MPROC_E_OWNER_DEAD)
    return rc; /* taken over: owner and depth are set */
  if (rc < 0)
    return rc;
  sh->depth = 1;
  /* Only the owner compares owner with itself: ordering comes from the
   * compare-and-swap, so plain (release) stores are enough. */
  owner_publish(sh, me);
  return 0;
}

/* Gives the RLock up (the caller owns it, at depth 0 now). One
 * compare-and-swap from the caller's code to free: a kill before it leaves
 * an RLock that names the dead process, after it a free one. */
static int rlock_give_up(sync_t *s) {
  sync_shared_t *sh = s->sh;
  mproc__store32_release(&sh->owner, 0);
  uint32_t v = RLOCK_CODE(self.pid);
  if (!mproc__cas32(&sh->value, &v, RLOCK_FREE))
    return mproc__err(MPROC_E_STATE, "the RLock's shared state is corrupt");
  if (mproc__load32(&sh->nwaiters) > 0)
    mproc__park_wake(mproc__slot_park(&s->slot), &sh->value, 1);
  return 0;
}

int mproc_rlock_acquire(mproc_rlock_t *l, double timeout) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  /* As for a Lock: no clock read unless the RLock must be waited for. */
  int64_t deadline = MPROC__NO_DEADLINE;
  if (timeout != MPROC_FOREVER) {
    int rc = mproc__deadline(timeout, &deadline);
    if (rc < 0)
      return rc;
  }
  return rlock_acquire(s, deadline);
}

int mproc_rlock_try_acquire(mproc_rlock_t *l) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  /* A deadline already passed: the owner recurses, anyone else only gets it
   * if it is free right now. */
  int rc = rlock_acquire(s, 0);
  return rc == MPROC_E_TIMEOUT ? mproc__err(MPROC_E_BUSY, "already held") : rc;
}

int mproc_rlock_release(mproc_rlock_t *l) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  sync_shared_t *sh = s->sh;
  if (!rlock_mine(sh, mproc__thread_id()))
    return mproc__err(MPROC_E_PERM, "cannot release un-acquired lock");
  if (--sh->depth > 0)
    return 0;
  return rlock_give_up(s);
}

int mproc_rlock_count(mproc_rlock_t *l) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  if (!rlock_mine(s->sh, mproc__thread_id()))
    return 0;
  return (int)(s->sh->depth > INT32_MAX ? INT32_MAX : s->sh->depth);
}

void mproc_rlock_destroy(mproc_rlock_t *l) {
  if (l && RLOCK_GET(l))
    sync_destroy(&l->s.base);
}

/* Condition support: releases the caller's RLock completely (whatever its
 * depth) and takes it back at the same depth. */
int mproc__rlock_release_save(mproc_rlock_t *l, uint32_t *depth) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  sync_shared_t *sh = s->sh;
  if (!rlock_mine(sh, mproc__thread_id()))
    return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
  *depth = sh->depth;
  sh->depth = 0;
  return rlock_give_up(s);
}

int mproc__rlock_acquire_restore(mproc_rlock_t *l, uint32_t depth) {
  sync_t *s = RLOCK_GET(l);
  if (!s)
    return bad_object(l);
  int rc = rlock_acquire(s, MPROC__NO_DEADLINE);
  if (rc == 0 || rc == MPROC_E_OWNER_DEAD)
    s->sh->depth = depth;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Semaphore, BoundedSemaphore                                              */
/* ------------------------------------------------------------------------ */

int mproc_semaphore_create(mproc_semaphore_t **out, unsigned int value) {
  if (out)
    *out = NULL;
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u is above %d", value,
                      MPROC_SEM_VALUE_MAX);
  SYNC_CREATE(out, MPROC__T_SEMAPHORE, value, MPROC_SEM_VALUE_MAX);
}

int mproc_bounded_semaphore_create(mproc_semaphore_t **out,
                                   unsigned int value) {
  if (out)
    *out = NULL;
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u is above %d", value,
                      MPROC_SEM_VALUE_MAX);
  SYNC_CREATE(out, MPROC__T_BOUNDED_SEMAPHORE, value, value);
}

int mproc_semaphore_acquire(mproc_semaphore_t *sem, double timeout) {
  sync_t *s = SEM_GET(sem);
  return s ? acquire_timeout(s, timeout) : bad_object(sem);
}

int mproc_semaphore_try_acquire(mproc_semaphore_t *sem) {
  sync_t *s = SEM_GET(sem);
  return s ? try_acquire(s) : bad_object(sem);
}

int mproc_semaphore_release(mproc_semaphore_t *sem) {
  sync_t *s = SEM_GET(sem);
  return s ? sem_release(s) : bad_object(sem);
}

int mproc_semaphore_value(mproc_semaphore_t *sem, unsigned int *out) {
  sync_t *s = SEM_GET(sem);
  if (!s)
    return bad_object(sem);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = mproc__load32(&s->sh->value);
  return 0;
}

void mproc_semaphore_destroy(mproc_semaphore_t *sem) {
  if (sem && SEM_GET(sem))
    sync_destroy(&sem->s.base);
}

/* ------------------------------------------------------------------------ */
/* Getters for received objects                                             */
/* ------------------------------------------------------------------------ */

/* The sync object a value holds, or NULL with the status in *rc. */
static sync_t *value_sync(const mproc_value_t *v, bool out_ok,
                          mproc__type_id_t a, mproc__type_id_t b, int *rc,
                          const char *what) {
  if (!v || !out_ok) {
    *rc = mproc__err(MPROC_E_INVAL, "%s: NULL argument", what);
    return NULL;
  }
  if (v->type != MPROC_VALUE_OBJECT) {
    *rc = mproc__err(MPROC_E_TYPE, "value is not an object");
    return NULL;
  }
  sync_t *s = sync_get(v->u.obj, a, b, "value");
  if (!s)
    *rc = bad_object(v->u.obj);
  return s;
}

#define VALUE_AS(v, out, a, b)                                                 \
  do {                                                                         \
    int rc_ = 0;                                                               \
    sync_t *s_ = value_sync(v, (out) != NULL, a, b, &rc_, __func__);           \
    if (s_)                                                                    \
      *(out) = (void *)s_;                                                     \
    return rc_;                                                                \
  } while (0)

int mproc_value_as_lock(const mproc_value_t *v, mproc_lock_t **out) {
  VALUE_AS(v, out, MPROC__T_LOCK, MPROC__T_LOCK);
}

int mproc_value_as_rlock(const mproc_value_t *v, mproc_rlock_t **out) {
  VALUE_AS(v, out, MPROC__T_RLOCK, MPROC__T_RLOCK);
}

int mproc_value_as_semaphore(const mproc_value_t *v, mproc_semaphore_t **out) {
  VALUE_AS(v, out, MPROC__T_SEMAPHORE, MPROC__T_BOUNDED_SEMAPHORE);
}
