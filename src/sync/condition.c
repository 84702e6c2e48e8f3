/* SPDX-License-Identifier: MIT */
/*
 * Condition: a record per waiter (a word to sleep on, and who waits) over a
 * Lock or RLock of semlock.c, the Condition itself in a slab slot (slab.h).
 * The waits use 32-bit words as futexes through the park (internal.h); the
 * common code never asks which backend parks.
 */
#include "sync/sync.h"

#include "slab.h"

#include <stdlib.h>
#include <string.h>

/*
 * Who may take a notify's wake-up. CPython's Condition wakes only a process
 * that was already waiting when notify() was called: notify(n) releases up
 * to n of the sleepers counted at that moment and then waits, the lock
 * held, until each has posted `_woken_count`, so no newcomer (who needs the
 * lock to begin waiting) can be there to take a wake-up meant for an older
 * waiter. The earlier design here, anonymous tokens (a count of chosen
 * waiters that any waiter could take), failed exactly there: a process that
 * notified and then waited itself found the token and took it, and the
 * waiter it was meant for slept on (issue 12, item 4).
 *
 * Why not CPython's handshake: the notifier would sleep, holding the lock,
 * until every wakee has been scheduled; a wakee killed after being chosen
 * would make it wait forever (or for a timeout we would have to invent);
 * and each notify would cost a round of context switches. Instead each
 * waiter owns a record, and a notify marks the records it chooses: a
 * wake-up is addressed, so nobody else can take it, and the notifier never
 * waits.
 *
 * A record's state word is its waiter's ticket (arrival number, 30 bits)
 * shifted left by two, plus a kind: FREE (the whole word 0), WAITING,
 * CHOSEN, or CLAIMED (a pool record being filled in). A waiter takes a
 * record while it holds the lock, records its pid and start token in it,
 * and then publishes WAITING with a fresh ticket; it sleeps on its own
 * state word. A notify, which holds the lock too, so counts every waiter
 * that began before it, turns the n WAITING records with the oldest
 * tickets into CHOSEN (so notify wakes waiters in the order they arrived)
 * and wakes each on its word. A waiter that finds its record CHOSEN frees
 * it and returns 0. Tickets come from one counter per slab, so a record's
 * word is never the same twice (within 2^30 waits of the slab): every
 * compare-and-swap fails on a record that was freed and taken again
 * meanwhile, by this Condition or another.
 *
 * Where the records are. The slot holds COND_INLINE of them, enough for
 * most Conditions; more waiters take records from the slab's waiter area
 * (mproc__slot_pool), shared by the Conditions of the slab, each record
 * tagged with its Condition's id (`cid`, unique in the slab). Why not a
 * table per Condition as before (1,024 records, 32 KiB): it needed a
 * region, so a descriptor, per Condition, which is what slabs remove; and
 * a region for the overflow made on demand could not reach the processes
 * that already hold the Condition. The pool is claimed by
 * compare-and-swap (FREE to CLAIMED), since the Conditions sharing it do
 * not share a lock; a waiter killed between that claim and its WAITING
 * leaks the record until the slab goes. `npool` (never below this
 * Condition's records in the pool) lets a Condition with few waiters
 * never look at the pool.
 *
 * Timeouts: a waiter whose time is up withdraws by swapping WAITING for
 * FREE. If a notify chose it first, the swap fails and the waiter counts as
 * woken (0): the wake-up is consumed and not passed to another waiter, as
 * in CPython, where a waiter that times out as it is chosen still posts
 * `_woken_count` and the notifier wakes nobody in its place.
 *
 * Dead waiters. A waiter process killed while waiting leaves its record
 * WAITING; a notify may choose it (the oldest first), and that wake-up
 * would be lost for the live waiters. Waiters therefore sleep in slices of
 * POLL_NS (as an RLock's waiters watch their owner); at the end of a slice
 * a waiter looks for records CHOSEN at least POLL_NS ago, asks the backend
 * whether their process is alive (pid and start token, so a reused pid is
 * not taken for it), and passes a dead one's wake-up on to the oldest
 * waiter that was present at that notify (its ticket is below the `bound`
 * the notify recorded), then frees the record. A live waiter chosen but
 * slow to run is never robbed: only a dead process's wake-up moves. Relays
 * are serialised by `relay`, which names the relaying process and is taken
 * over if that process dies; one killed mid-relay may make the next relay
 * wake one waiter too many (an early wake-up, which callers re-check),
 * never one too few. A record left WAITING by a dead process is freed when
 * no record is free. So a notify never waits and never hangs, and a live
 * waiter present at a notify that chose a dead one is woken within about
 * 2 * POLL_NS.
 *
 * Where nobody waits, notify reads one word (`nwait`, never below the
 * number of WAITING records) and makes no system call.
 */
#define COND_INLINE 6u
#define K_FREE 0u
#define K_WAITING 1u
#define K_CHOSEN 2u
#define K_CLAIMED 3u
#define KIND_OF(s) ((s)&3u)
#define TICKET_MASK 0x3fffffffu
#define AS(s, kind) (((s) & ~3u) | (kind))
#define POLL_NS ((int64_t)100 * 1000000)
#define POLL_MS 100

typedef struct cond_rec {
  volatile uint32_t state;    /* ticket << 2 | kind; 0: free */
  volatile uint32_t pid;      /* the waiter's process ... */
  volatile uint32_t token_lo; /* ... and its start token */
  volatile uint32_t token_hi;
  volatile uint32_t bound;     /* CHOSEN: the tickets below it were present
                                  at the notify */
  volatile uint32_t chosen_ms; /* CHOSEN: when, in ms (wraps) */
  volatile uint32_t cid;       /* in the pool: whose record it is */
  uint32_t pad;
} cond_rec_t;

/* The Condition's bytes in its slot. */
typedef struct cond_shared {
  volatile uint32_t cid;   /* its records' tag in the pool; never 0 */
  volatile uint32_t nwait; /* >= the WAITING records (raised before a
                              record becomes WAITING, lowered after) */
  volatile uint32_t npool; /* >= its records in the pool (likewise) */
  volatile uint32_t relay; /* pid + 2 of the process relaying, or 0 */
  volatile uint32_t relay_pid, relay_lo, relay_hi;
  uint32_t pad;
  cond_rec_t rec[COND_INLINE];
} cond_shared_t;

/* The slab's waiter area (mproc__slot_pool). */
typedef struct cond_pool {
  volatile uint32_t seq;      /* tickets, for every Condition of the slab */
  volatile uint32_t next_cid; /* Condition ids */
  volatile uint32_t used;     /* records [0, used) have been taken */
  uint32_t pad[13];
  cond_rec_t rec[1]; /* as many as the area holds */
} cond_pool_t;

struct mproc_condition {
  mproc__robj_t o;
  mproc_object_t *lock; /* an mproc_lock_t or mproc_rlock_t */
  bool owns_lock;       /* created (or rebuilt) with the Condition */
  cond_pool_t *pool;    /* the slab's waiter area */
  uint32_t npoolrec;    /* how many records it holds */
};

#define CV_SH(c) ((cond_shared_t *)(c)->o.addr)
#define COND_GET(p)                                                            \
  ((mproc_condition_t *)mproc__robj_get(p, MPROC__T_CONDITION, __func__))

/* Finds the slab's waiter area for a Condition in a slot; MPROC_E_DECODE
 * for one received in a region of its own (only a forged reduction). */
static int cond_bind(mproc_condition_t *c) {
  if (!c->o.slot.slab)
    return mproc__err(MPROC_E_DECODE, "malformed Condition reduction");
  size_t size;
  c->pool = mproc__slot_pool(&c->o.slot, &size);
  c->npoolrec =
      (uint32_t)((size - offsetof(cond_pool_t, rec)) / sizeof(cond_rec_t));
  return 0;
}

/* How many records to look at: the slot's, and the pool's taken range if
 * this Condition may have any there. */
static uint32_t rec_count(mproc_condition_t *c) {
  uint32_t n = COND_INLINE;
  if (mproc__load32(&CV_SH(c)->npool) > 0) {
    uint32_t used = mproc__load32(&c->pool->used);
    n += used < c->npoolrec ? used : c->npoolrec;
  }
  return n;
}

static cond_rec_t *rec_at(mproc_condition_t *c, uint32_t i) {
  return i < COND_INLINE ? &CV_SH(c)->rec[i] : &c->pool->rec[i - COND_INLINE];
}

static bool in_pool(mproc_condition_t *c, const cond_rec_t *r) {
  return r < CV_SH(c)->rec || r >= CV_SH(c)->rec + COND_INLINE;
}

/* Record @p r, whose word was @p s, is this Condition's (the slot's are;
 * a pool record by its tag, written before its word was published, so it
 * belongs to @p s if the word has not changed since). */
static bool rec_mine(mproc_condition_t *c, cond_rec_t *r, uint32_t s) {
  return !in_pool(c, r) ||
         (mproc__load32(&r->cid) == mproc__load32(&CV_SH(c)->cid) &&
          mproc__load32(&r->state) == s);
}

/* Frees this Condition's record @p r, whose word is @p s: false if it
 * changed meanwhile. */
static bool rec_free(mproc_condition_t *c, cond_rec_t *r, uint32_t s) {
  if (!mproc__cas32(&r->state, &s, K_FREE))
    return false;
  if (in_pool(c, r))
    mproc__fetch_add32(&CV_SH(c)->npool, (uint32_t)-1);
  return true;
}

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
  rc = mproc__robj_init(&c->o, MPROC__T_CONDITION, sizeof(cond_shared_t), 0);
  if (rc < 0)
    goto fail;
  rc = cond_bind(c);
  if (rc < 0) {
    mproc__robj_fini(&c->o);
    goto fail;
  }
  uint32_t cid;
  do
    cid = mproc__fetch_add32(&c->pool->next_cid, 1) + 1;
  while (cid == 0);
  mproc__store32(&CV_SH(c)->cid, cid);
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

static uint32_t now_ms(void) {
  return (uint32_t)(mproc__now_ns() / 1000000);
}

/* How long before @p bound ticket @p t was taken; 0 for @p bound itself
 * and for tickets taken after it (the upper half of the range). */
static uint32_t age_of(uint32_t t, uint32_t bound) {
  uint32_t a = (bound - t) & TICKET_MASK;
  return a > TICKET_MASK / 2 ? 0 : a;
}

/* Marks the WAITING record @p r (its word was @p s) chosen by a notify
 * whose waiters are those with tickets below @p bound, and wakes its
 * waiter; false if the record changed meanwhile (its waiter withdrew). The
 * details are written first: whoever sees CHOSEN may read them. (A notify
 * delayed while a pool record is freed and taken by another Condition
 * writes them into that record before its swap fails: reap() knows such a
 * bound, below the record's own ticket, and does not trust it.) */
static bool choose(mproc_condition_t *c, cond_rec_t *r, uint32_t s,
                   uint32_t bound, uint32_t ms) {
  cond_shared_t *sh = CV_SH(c);
  mproc__store32(&r->bound, bound);
  mproc__store32(&r->chosen_ms, ms);
  if (!mproc__cas32(&r->state, &s, AS(s, K_CHOSEN)))
    return false;
  mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
  mproc__park_wake(c->o.pk, &r->state, 1);
  return true;
}

/* Chooses the waiter that has waited longest among those with a ticket
 * below @p bound; false if there is none. */
static bool choose_oldest(mproc_condition_t *c, uint32_t bound, uint32_t ms) {
  for (;;) {
    uint32_t n = rec_count(c), best_age = 0, best_s = 0;
    cond_rec_t *best = NULL;
    for (uint32_t i = 0; i < n; i++) {
      cond_rec_t *r = rec_at(c, i);
      uint32_t s = mproc__load32(&r->state);
      uint32_t a = age_of(s >> 2, bound);
      if (KIND_OF(s) == K_WAITING && a > best_age && rec_mine(c, r, s)) {
        best_age = a;
        best_s = s;
        best = r;
      }
    }
    if (!best)
      return false;
    if (choose(c, best, best_s, bound, ms))
      return true;
  }
}

/* Takes the relay role (see the top of the file); false if a live process
 * (this one included) has it. */
static bool relay_enter(cond_shared_t *sh) {
  uint32_t pid = (uint32_t)mproc__getpid(), v = 0;
  if (!mproc__cas32(&sh->relay, &v, pid + 2u)) {
    if (v == pid + 2u)
      return false;
    uint32_t holder = v - 2u;
    uint64_t token = 0;
    if (mproc__load32(&sh->relay_pid) == holder)
      token = ((uint64_t)mproc__load32(&sh->relay_hi) << 32) |
              mproc__load32(&sh->relay_lo);
    if (mproc__pid_alive((int64_t)holder, token) ||
        !mproc__cas32(&sh->relay, &v, pid + 2u))
      return false;
  }
  uint64_t token = mproc__self_token();
  mproc__store32(&sh->relay_lo, (uint32_t)token);
  mproc__store32(&sh->relay_hi, (uint32_t)(token >> 32));
  mproc__store32(&sh->relay_pid, pid);
  return true;
}

/* Whether the waiter of record @p r is a live process (or this one). */
static bool rec_alive(cond_rec_t *r, uint32_t self) {
  uint32_t pid = mproc__load32(&r->pid);
  uint64_t token = ((uint64_t)mproc__load32(&r->token_hi) << 32) |
                   mproc__load32(&r->token_lo);
  return pid == self || mproc__pid_alive((int64_t)pid, token);
}

/*
 * Frees the records of dead processes: a CHOSEN one (chosen at least
 * POLL_NS ago) after passing its wake-up on to the oldest waiter present
 * at its notify; with @p all, WAITING ones too, and CHOSEN ones however
 * recent. Asks about a process only for such records, and never about
 * this one.
 */
static void reap(mproc_condition_t *c, bool all) {
  cond_shared_t *sh = CV_SH(c);
  uint32_t self = (uint32_t)mproc__getpid(), ms = now_ms();
  uint32_t n = rec_count(c);
  bool relaying = false;
  for (uint32_t i = 0; i < n; i++) {
    cond_rec_t *r = rec_at(c, i);
    uint32_t s = mproc__load32(&r->state), kind = KIND_OF(s);
    if (kind == K_FREE || kind == K_CLAIMED || (kind == K_WAITING && !all))
      continue;
    if (kind == K_CHOSEN && !all &&
        (int32_t)(ms - mproc__load32(&r->chosen_ms)) < POLL_MS)
      continue;
    uint32_t bound = mproc__load32(&r->bound);
    /* The details read belong to the word seen: they are written before a
     * record is taken, and the ticket changes with every taking. */
    if (!rec_mine(c, r, s) || rec_alive(r, self) ||
        mproc__load32(&r->state) != s)
      continue;
    if (!relaying && !(relaying = relay_enter(sh)))
      return;
    if (mproc__load32(&r->state) != s)
      continue;
    if (kind == K_CHOSEN) {
      /* A bound not above the record's own ticket is a stray write (see
       * choose()); the oldest waiter of all is then the one to wake: one
       * present at the notify if any is left, as they are the oldest. */
      if (age_of(s >> 2, bound) == 0)
        bound = mproc__load32(&c->pool->seq) & TICKET_MASK;
      choose_oldest(c, bound, ms); /* first, so a kill here loses nothing */
    }
    if (rec_free(c, r, s) && kind == K_WAITING)
      mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
  }
  if (relaying)
    mproc__store32(&sh->relay, 0);
}

/* Frees the pool records of dead processes left WAITING by any Condition
 * of the slab (one destroyed since, say): when the pool is full. Their
 * Conditions' counts stay high, which only costs them a look. */
static void pool_sweep(mproc_condition_t *c) {
  uint32_t self = (uint32_t)mproc__getpid();
  uint32_t used = mproc__load32(&c->pool->used);
  for (uint32_t i = 0; i < used && i < c->npoolrec; i++) {
    cond_rec_t *r = &c->pool->rec[i];
    uint32_t s = mproc__load32(&r->state);
    if (KIND_OF(s) == K_WAITING && !rec_alive(r, self))
      mproc__cas32(&r->state, &s, K_FREE);
  }
}

/* Fills in the record @p r (free in the slot, or claimed in the pool) and
 * publishes it WAITING, the lock held: false if it was taken meanwhile
 * (only a slot record, by a caller without the lock). */
static bool rec_publish(mproc_condition_t *c, cond_rec_t *r, uint32_t from,
                        uint32_t *word) {
  cond_shared_t *sh = CV_SH(c);
  uint64_t token = mproc__self_token();
  mproc__store32(&r->pid, (uint32_t)mproc__getpid());
  mproc__store32(&r->token_lo, (uint32_t)token);
  mproc__store32(&r->token_hi, (uint32_t)(token >> 32));
  mproc__store32(&r->cid, mproc__load32(&sh->cid));
  uint32_t t = mproc__fetch_add32(&c->pool->seq, 1) & TICKET_MASK;
  mproc__fetch_add32(&sh->nwait, 1);
  if (!mproc__cas32(&r->state, &from, (t << 2) | K_WAITING)) {
    mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
    return false;
  }
  *word = (t << 2) | K_WAITING;
  return true;
}

/* Takes a free record and publishes it WAITING, the lock held. */
static int rec_take(mproc_condition_t *c, cond_rec_t **out, uint32_t *word) {
  cond_shared_t *sh = CV_SH(c);
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < COND_INLINE; i++) {
      cond_rec_t *r = &sh->rec[i];
      if (mproc__load32(&r->state) == K_FREE &&
          rec_publish(c, r, K_FREE, word)) {
        *out = r;
        return 0;
      }
    }
    /* The pool, claimed first: other Conditions' waiters take from it
     * without our lock. */
    mproc__fetch_add32(&sh->npool, 1);
    for (uint32_t i = 0; i < c->npoolrec; i++) {
      cond_rec_t *r = &c->pool->rec[i];
      uint32_t s = K_FREE;
      if (mproc__load32(&r->state) != K_FREE ||
          !mproc__cas32(&r->state, &s, K_CLAIMED))
        continue;
      uint32_t used = mproc__load32(&c->pool->used);
      while (used <= i && !mproc__cas32(&c->pool->used, &used, i + 1)) {
      }
      rec_publish(c, r, K_CLAIMED, word); /* claimed: cannot fail */
      *out = r;
      return 0;
    }
    mproc__fetch_add32(&sh->npool, (uint32_t)-1);
    if (pass == 0) { /* full: free the records of dead waiters */
      reap(c, true);
      pool_sweep(c);
    }
  }
  return mproc__err(MPROC_E_LIMIT,
                    "too many waiters on a Condition (%u in its slab)",
                    COND_INLINE + c->npoolrec);
}

/* Withdraws a waiter that leaves without being woken: MPROC_E_TIMEOUT, or
 * 0 if a notify chose it first (the wake-up is its own: consumed). */
static int rec_withdraw(mproc_condition_t *c, cond_rec_t *r, uint32_t word) {
  if (rec_free(c, r, word)) {
    mproc__fetch_add32(&CV_SH(c)->nwait, (uint32_t)-1);
    return MPROC_E_TIMEOUT;
  }
  rec_free(c, r, AS(word, K_CHOSEN));
  return 0; /* chosen (or, taken for a dead process's, gone: woken) */
}

/* Sleeps on the record until it is chosen or @p deadline: 0 when woken,
 * MPROC_E_TIMEOUT, or a park failure (the record given up). */
static int rec_sleep(mproc_condition_t *c, cond_rec_t *r, uint32_t word,
                     int64_t deadline) {
  for (;;) {
    uint32_t s = mproc__load32(&r->state);
    if (s != word) {
      if (s == AS(word, K_CHOSEN))
        rec_free(c, r, s);
      return 0;
    }
    int64_t until = mproc__now_ns() + POLL_NS;
    bool last = deadline != MPROC__NO_DEADLINE && deadline <= until;
    int rc =
        mproc__park_wait(c->o.pk, &r->state, word, last ? deadline : until);
    if (rc == MPROC_E_TIMEOUT && last)
      return rec_withdraw(c, r, word);
    if (rc == MPROC_E_TIMEOUT)
      reap(c, false); /* a slice ended asleep: any dead process chosen? */
    else if (rc < 0)
      return rec_withdraw(c, r, word) == 0 ? 0 : rc;
  }
}

/* The wait itself, with the lock held on entry and on return. */
static int cond_wait(mproc_condition_t *c, int64_t deadline) {
  if (!cond_lock_held(c))
    return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
  cond_rec_t *r = NULL;
  uint32_t word = 0, depth;
  int rc = rec_take(c, &r, &word);
  if (rc < 0)
    return rc;
  rc = cond_unlock(c, &depth);
  if (rc < 0) {
    rec_withdraw(c, r, word);
    return rc;
  }
  int wrc = rec_sleep(c, r, word, deadline);
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
  uint32_t nwait = mproc__load32(&sh->nwait);
  if (n == 0 || nwait == 0)
    return 0;
  /* Every waiter of ours with a ticket now began before this call (it
   * needed the lock): the tickets below `bound`. */
  uint32_t bound = mproc__load32(&c->pool->seq) & TICKET_MASK;
  uint32_t ms = now_ms();
  if ((uint32_t)n >= nwait) { /* all of them: no order to keep */
    uint32_t k = rec_count(c);
    for (uint32_t i = 0; i < k; i++) {
      cond_rec_t *r = rec_at(c, i);
      uint32_t s = mproc__load32(&r->state);
      if (KIND_OF(s) == K_WAITING && age_of(s >> 2, bound) > 0 &&
          rec_mine(c, r, s))
        choose(c, r, s, bound, ms);
    }
    return 0;
  }
  for (int k = 0; k < n && choose_oldest(c, bound, ms); k++) {
  }
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

/* Reduction: the Condition's slot, then its lock's type and its
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
                               sizeof(cond_shared_t), 0, &o);
  if (rc < 0)
    return rc;
  mproc_condition_t *c = (mproc_condition_t *)o;
  rc = cond_bind(c);
  if (rc < 0)
    goto fail;
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
