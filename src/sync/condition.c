/* SPDX-License-Identifier: MIT */
/*
 * Condition: one slot per waiter (a word to sleep on, and who waits), in a
 * region of its own, over a Lock or RLock of semlock.c. The waits use
 * 32-bit words as futexes through the park (internal.h); the common code
 * never asks which backend parks.
 */
#include "sync/sync.h"

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
 * waiter owns a slot, and a notify marks the slots it chooses: a wake-up
 * is addressed, so nobody else can take it, and the notifier never waits.
 *
 * A slot's state word is its waiter's ticket (arrival number, 30 bits)
 * shifted left by two, plus a kind: FREE (the whole word 0), WAITING or
 * CHOSEN. A waiter takes a FREE slot while it holds the lock, records its
 * pid and start token in it, and then publishes WAITING with a fresh
 * ticket (one compare-and-swap); it sleeps on its own state word. A notify,
 * which holds the lock too, so counts every waiter that began before it,
 * turns the n WAITING slots with the oldest tickets into CHOSEN (so notify
 * wakes waiters in the order they arrived) and wakes each on its word. A
 * waiter that finds its slot CHOSEN frees it and returns 0. The ticket in
 * the word makes every compare-and-swap fail on a slot that was freed and
 * taken again meanwhile.
 *
 * Timeouts: a waiter whose time is up withdraws by swapping WAITING for
 * FREE. If a notify chose it first, the swap fails and the waiter counts as
 * woken (0): the wake-up is consumed and not passed to another waiter, as
 * in CPython, where a waiter that times out as it is chosen still posts
 * `_woken_count` and the notifier wakes nobody in its place.
 *
 * Dead waiters. A waiter process killed while waiting leaves its slot
 * WAITING; a notify may choose it (the oldest first), and that wake-up
 * would be lost for the live waiters. Waiters therefore sleep in slices of
 * POLL_NS (as an RLock's waiters watch their owner); at the end of a slice
 * a waiter looks for slots CHOSEN at least POLL_NS ago, asks the backend
 * whether their process is alive (pid and start token, so a reused pid is
 * not taken for it), and passes a dead one's wake-up on to the oldest
 * waiter that was present at that notify (its ticket is below the `bound`
 * the notify recorded), then frees the slot. A live waiter chosen but slow
 * to run is never robbed: only a dead process's wake-up moves. Relays are
 * serialised by `relay`, which names the relaying process and is taken
 * over if that process dies; one killed mid-relay may make the next relay
 * wake one waiter too many (an early wake-up, which callers re-check),
 * never one too few. A slot left WAITING by a dead process is freed when
 * the table is full. So a notify never waits and never hangs, and a live
 * waiter present at a notify that chose a dead one is woken within about
 * 2 * POLL_NS.
 *
 * Where nobody waits, notify reads one word (`nwait`, never below the
 * number of WAITING slots) and makes no system call.
 */
#define COND_SLOTS 1024u
#define K_FREE 0u
#define K_WAITING 1u
#define K_CHOSEN 2u
#define KIND_OF(s) ((s)&3u)
#define TICKET_MASK 0x3fffffffu
#define AS(s, kind) (((s) & ~3u) | (kind))
#define POLL_NS ((int64_t)100 * 1000000)
#define POLL_MS 100

typedef struct cond_slot {
  volatile uint32_t state;    /* ticket << 2 | kind; 0: free */
  volatile uint32_t pid;      /* the waiter's process ... */
  volatile uint32_t token_lo; /* ... and its start token */
  volatile uint32_t token_hi;
  volatile uint32_t bound;     /* CHOSEN: the tickets below it were present
                                  at the notify */
  volatile uint32_t chosen_ms; /* CHOSEN: when, in ms (wraps) */
  uint32_t pad[2];
} cond_slot_t;

typedef struct cond_shared {
  volatile uint32_t park;
  volatile uint32_t next_ticket;
  volatile uint32_t nwait; /* >= the WAITING slots (raised before a slot
                              becomes WAITING, lowered after it stops) */
  volatile uint32_t used;  /* slots [0, used) have been taken at some time */
  volatile uint32_t relay; /* pid + 2 of the process relaying, or 0 */
  volatile uint32_t relay_pid, relay_lo, relay_hi;
  cond_slot_t slot[COND_SLOTS];
} cond_shared_t;

struct mproc_condition {
  mproc__robj_t o;
  mproc_object_t *lock; /* an mproc_lock_t or mproc_rlock_t */
  bool owns_lock;       /* created (or rebuilt) with the Condition */
};

#define CV_SH(c) ((cond_shared_t *)(c)->o.addr)
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

static uint32_t now_ms(void) {
  return (uint32_t)(mproc__now_ns() / 1000000);
}

/* How long before @p bound ticket @p t was taken; 0 for @p bound itself
 * and for tickets taken after it (the upper half of the range). */
static uint32_t age_of(uint32_t t, uint32_t bound) {
  uint32_t a = (bound - t) & TICKET_MASK;
  return a > TICKET_MASK / 2 ? 0 : a;
}

/* Marks the WAITING slot @p sl (its word was @p s) chosen by a notify whose
 * waiters are those with tickets below @p bound, and wakes its waiter;
 * false if the slot changed meanwhile (its waiter withdrew). The details
 * are written first: whoever sees CHOSEN may read them. */
static bool choose(mproc_condition_t *c, cond_slot_t *sl, uint32_t s,
                   uint32_t bound, uint32_t ms) {
  cond_shared_t *sh = CV_SH(c);
  mproc__store32(&sl->bound, bound);
  mproc__store32(&sl->chosen_ms, ms);
  if (!mproc__cas32(&sl->state, &s, AS(s, K_CHOSEN)))
    return false;
  mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
  mproc__park_wake(c->o.pk, &sl->state, 1);
  return true;
}

/* Chooses the waiter that has waited longest among those with a ticket
 * below @p bound; false if there is none. */
static bool choose_oldest(mproc_condition_t *c, uint32_t bound, uint32_t ms) {
  cond_shared_t *sh = CV_SH(c);
  for (;;) {
    uint32_t used = mproc__load32(&sh->used), best_age = 0, best_s = 0;
    cond_slot_t *best = NULL;
    for (uint32_t i = 0; i < used && i < COND_SLOTS; i++) {
      uint32_t s = mproc__load32(&sh->slot[i].state);
      uint32_t a = age_of(s >> 2, bound);
      if (KIND_OF(s) == K_WAITING && a > best_age) {
        best_age = a;
        best_s = s;
        best = &sh->slot[i];
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

/*
 * Frees the slots of dead processes: a CHOSEN one (chosen at least POLL_NS
 * ago) after passing its wake-up on to the oldest waiter present at its
 * notify; with @p all, WAITING ones too, and CHOSEN ones however recent.
 * Asks about a process only for such slots, and never about this one.
 */
static void reap(mproc_condition_t *c, bool all) {
  cond_shared_t *sh = CV_SH(c);
  uint32_t self = (uint32_t)mproc__getpid(), ms = now_ms();
  uint32_t used = mproc__load32(&sh->used);
  bool relaying = false;
  for (uint32_t i = 0; i < used && i < COND_SLOTS; i++) {
    cond_slot_t *sl = &sh->slot[i];
    uint32_t s = mproc__load32(&sl->state), kind = KIND_OF(s);
    if (kind == K_FREE || (kind == K_WAITING && !all))
      continue;
    if (kind == K_CHOSEN && !all &&
        (int32_t)(ms - mproc__load32(&sl->chosen_ms)) < POLL_MS)
      continue;
    uint32_t pid = mproc__load32(&sl->pid), bound = mproc__load32(&sl->bound);
    uint64_t token = ((uint64_t)mproc__load32(&sl->token_hi) << 32) |
                     mproc__load32(&sl->token_lo);
    /* The details read belong to the word seen: they are written before a
     * slot is taken, and the ticket changes with every taking. */
    if (pid == self || mproc__load32(&sl->state) != s ||
        mproc__pid_alive((int64_t)pid, token))
      continue;
    if (!relaying && !(relaying = relay_enter(sh)))
      return;
    if (mproc__load32(&sl->state) != s)
      continue;
    if (kind == K_CHOSEN)
      choose_oldest(c, bound, ms); /* first, so a kill here loses nothing */
    if (mproc__cas32(&sl->state, &s, K_FREE) && kind == K_WAITING)
      mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
  }
  if (relaying)
    mproc__store32(&sh->relay, 0);
}

/* Takes a free slot and publishes it WAITING, the lock held. */
static int slot_take(mproc_condition_t *c, cond_slot_t **out, uint32_t *word) {
  cond_shared_t *sh = CV_SH(c);
  uint32_t pid = (uint32_t)mproc__getpid();
  uint64_t token = mproc__self_token();
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < COND_SLOTS; i++) {
      cond_slot_t *sl = &sh->slot[i];
      uint32_t s = K_FREE;
      if (mproc__load32(&sl->state) != K_FREE)
        continue;
      mproc__store32(&sl->pid, pid);
      mproc__store32(&sl->token_lo, (uint32_t)token);
      mproc__store32(&sl->token_hi, (uint32_t)(token >> 32));
      uint32_t t = mproc__fetch_add32(&sh->next_ticket, 1) & TICKET_MASK;
      mproc__fetch_add32(&sh->nwait, 1);
      if (!mproc__cas32(&sl->state, &s, (t << 2) | K_WAITING)) {
        mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
        continue; /* only a caller without the lock races us here */
      }
      uint32_t used = mproc__load32(&sh->used);
      while (used <= i && !mproc__cas32(&sh->used, &used, i + 1)) {
      }
      *out = sl;
      *word = (t << 2) | K_WAITING;
      return 0;
    }
    if (pass == 0)
      reap(c, true); /* full: free the slots of dead waiters */
  }
  return mproc__err(MPROC_E_LIMIT, "too many waiters on a Condition (%u)",
                    COND_SLOTS);
}

/* Withdraws a waiter that leaves without being woken: MPROC_E_TIMEOUT, or
 * 0 if a notify chose it first (the wake-up is its own: consumed). */
static int slot_withdraw(cond_shared_t *sh, cond_slot_t *sl, uint32_t word) {
  uint32_t s = word;
  if (mproc__cas32(&sl->state, &s, K_FREE)) {
    mproc__fetch_add32(&sh->nwait, (uint32_t)-1);
    return MPROC_E_TIMEOUT;
  }
  if (s == AS(word, K_CHOSEN))
    mproc__store32(&sl->state, K_FREE);
  return 0; /* chosen (or, taken for a dead process's, gone: woken) */
}

/* Sleeps on the slot until it is chosen or @p deadline: 0 when woken,
 * MPROC_E_TIMEOUT, or a park failure (the slot given up). */
static int slot_sleep(mproc_condition_t *c, cond_slot_t *sl, uint32_t word,
                      int64_t deadline) {
  cond_shared_t *sh = CV_SH(c);
  for (;;) {
    uint32_t s = mproc__load32(&sl->state);
    if (s != word) {
      if (s == AS(word, K_CHOSEN))
        mproc__store32(&sl->state, K_FREE);
      return 0;
    }
    int64_t until = mproc__now_ns() + POLL_NS;
    bool last = deadline != MPROC__NO_DEADLINE && deadline <= until;
    int rc =
        mproc__park_wait(c->o.pk, &sl->state, word, last ? deadline : until);
    if (rc == MPROC_E_TIMEOUT && last)
      return slot_withdraw(sh, sl, word);
    if (rc == MPROC_E_TIMEOUT)
      reap(c, false); /* a slice ended asleep: any dead process chosen? */
    else if (rc < 0)
      return slot_withdraw(sh, sl, word) == 0 ? 0 : rc;
  }
}

/* The wait itself, with the lock held on entry and on return. */
static int cond_wait(mproc_condition_t *c, int64_t deadline) {
  if (!cond_lock_held(c))
    return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
  cond_slot_t *sl = NULL;
  uint32_t word = 0, depth;
  int rc = slot_take(c, &sl, &word);
  if (rc < 0)
    return rc;
  rc = cond_unlock(c, &depth);
  if (rc < 0) {
    slot_withdraw(CV_SH(c), sl, word);
    return rc;
  }
  int wrc = slot_sleep(c, sl, word, deadline);
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
  /* Every waiter counted now began before this call (it needed the lock):
   * the tickets below `bound`. */
  uint32_t bound = mproc__load32(&sh->next_ticket) & TICKET_MASK;
  uint32_t ms = now_ms();
  if ((uint32_t)n >= nwait) { /* all of them: no order to keep */
    uint32_t used = mproc__load32(&sh->used);
    for (uint32_t i = 0; i < used && i < COND_SLOTS; i++) {
      uint32_t s = mproc__load32(&sh->slot[i].state);
      if (KIND_OF(s) == K_WAITING)
        choose(c, &sh->slot[i], s, bound, ms);
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
