/* SPDX-License-Identifier: MIT */
/*
 * Queue, SimpleQueue and JoinableQueue: a byte ring in shared memory.
 *
 * Producers are serialised by a producer lock and consumers by a consumer
 * lock, so between the two lock holders the ring is single-producer,
 * single-consumer: the producer owns the free bytes and publishes them by
 * advancing `head`, the consumer owns the written bytes and frees them by
 * advancing `tail` (both free-running 32-bit byte counts; the capacity is a
 * power of two). An uncontended put or get is a CAS on its lock, a copy,
 * a few atomic stores, and no system call: the kernel (the park seam) is
 * entered only to sleep, and a wake only happens when someone sleeps.
 *
 * A message is a frame: u32 length, u32 check (FRAME_MAGIC ^ length ^
 * kind), then the payload (an mproc_encode() buffer, or raw bytes). A frame
 * that fits in the ring is published in one step once it is copied in, and
 * consumed in one step once it is copied out; a larger one streams through
 * the ring in chunks while its producer keeps the producer lock, so
 * messages never interleave, and its consumer reassembles it.
 *
 * Crashes. Each lock word holds its owner's pid and a start token is kept
 * beside it; waiters sleep in slices and, when the owner is gone, take the
 * lock over if it died between operations (nothing published for a frame
 * that fits is ever half visible), or mark the queue broken when it died
 * with a half-streamed frame or in the few instructions that publish one
 * (the `pmid`/`cmid` flags): every caller then gets MPROC_E_BROKEN. No
 * half message is ever delivered, and no one waits forever on a dead peer.
 */
#include "codec/codec.h"
#include "queue.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_MAGIC 0x51756575u /* "Queu" */
#define FRAME_MAGIC 0x51a7e000u
#define FRAME_HDR 8u
#define KIND_VALUES 1u
#define KIND_BYTES 2u
#define RING_OFFSET MPROC__QUEUE_RING_OFFSET
#define RING_MIN ((size_t)4096)
#define RING_MAX ((size_t)1 << 30)
#define RING_DEFAULT ((size_t)256 * 1024)
/* A lock word with this bit set is being taken over from a dead owner by
 * the process whose pid is in the other bits (pids stay below 2^31: Linux
 * caps them at 2^22, Windows pids are far below). */
#define STEALING 0x80000000u
/* How often a sleeper looks at whether the peer it waits on still lives. */
#define SLICE_NS ((int64_t)100 * 1000000)
#define SPIN_COUNT 100
/* Spins on a sequence word before sleeping on it (see wait_seq()),
 * yielding the CPU every WAIT_YIELD_EVERY of them. */
#define WAIT_SPIN 4000
#define WAIT_YIELD_EVERY 64

/* ------------------------------------------------------------------------ */
/* State checks                                                             */
/* ------------------------------------------------------------------------ */

static int set_broken(mproc_queue_t *q, const char *why) {
  queue_shared_t *sh = q->sh;
  if (mproc__xchg32(&sh->broken, 1) == 0) {
    /* Everyone asleep must see it. */
    mproc__fetch_add32(&sh->produced, 1);
    mproc__fetch_add32(&sh->consumed, 1);
    mproc__park_wake(&q->park, &sh->produced, INT32_MAX);
    mproc__park_wake(&q->park, &sh->consumed, INT32_MAX);
    mproc__park_wake(&q->park, &sh->plock, INT32_MAX);
    mproc__park_wake(&q->park, &sh->clock, INT32_MAX);
    mproc__park_wake(&q->park, &sh->unfinished, INT32_MAX);
  }
  return mproc__err(MPROC_E_BROKEN, "queue is broken: %s", why);
}

int mproc__queue_set_broken(mproc_queue_t *q, const char *why) {
  return set_broken(q, why);
}

/* The least a put on a queue without maxsize waits for the producer lock
 * held by another process (see put_frame): far above the copy of a
 * message into the spill, and five of the slices in which a dead holder
 * is found. A variable only so that the fuzz target, which scribbles
 * live pids into the lock word, can shorten it: at 500 ms each such input
 * made the corpus replay take 15 s instead of 0.3 s, in every CI phase. */
int64_t mproc__queue_plock_grace_ns = (int64_t)500 * 1000000;

static int broken_err(void) {
  return mproc__err(MPROC_E_BROKEN,
                    "queue is broken: a process died in the middle of a "
                    "message");
}

/* The deadline of one sleep: the caller's, or a slice from now. */
static int64_t slice_deadline(int64_t deadline) {
  int64_t s = mproc__now_ns() + SLICE_NS;
  return deadline == MPROC__NO_DEADLINE || deadline > s ? s : deadline;
}

static bool expired(int64_t deadline) {
  return deadline != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline;
}

/*
 * Whether the holder of @p lockw died; a free lock is not dead. The token
 * is read after the owner: it is 0 while an owner has not written its own
 * yet, and "0" only checks the pid. A lock being stolen is dead when its
 * stealer is: a process killed in the middle of steal() must not leave
 * the lock to no one (it has no token there yet, so only its pid counts).
 *
 * The token is two words, so a reader can meet it half written, and a half
 * token would make a live owner look dead. Owners write the high word
 * first and clear the low word first (set_token, qlock_release), so a low
 * word of 0 means "not (or no longer) there", and a high word that changed
 * around the read of the low one means "changing": neither is a verdict.
 */
static bool owner_dead(volatile uint32_t *lockw, volatile uint32_t *lo,
                       volatile uint32_t *hi, uint32_t *owner) {
  uint32_t v = mproc__load32(lockw);
  *owner = v;
  if (v == 0)
    return false;
  if (v & STEALING)
    return !mproc__pid_alive(v & ~STEALING, 0);
  uint32_t hi1 = mproc__load32(hi);
  uint32_t lo1 = mproc__load32(lo);
  if (mproc__load32(hi) != hi1)
    return false;
  uint64_t tok = lo1 ? ((uint64_t)hi1 << 32) | lo1 : 0;
  if (mproc__load32(lockw) != v)
    return false;
  return !mproc__pid_alive(v, tok);
}

/* ------------------------------------------------------------------------ */
/* The two locks                                                            */
/* ------------------------------------------------------------------------ */

typedef struct qlock {
  volatile uint32_t *w, *waiters, *lo, *hi, *mid;
} qlock_t;

static qlock_t plock_of(queue_shared_t *sh) {
  qlock_t l = {&sh->plock, &sh->pwaiters, &sh->ptok_lo, &sh->ptok_hi,
               &sh->pmid};
  return l;
}

static qlock_t clock_of(queue_shared_t *sh) {
  qlock_t l = {&sh->clock, &sh->cwaiters, &sh->ctok_lo, &sh->ctok_hi,
               &sh->cmid};
  return l;
}

/* The high word first: see owner_dead(). */
static void set_token(qlock_t *l) {
  uint64_t t = mproc__self_token();
  mproc__store32_release(l->hi, (uint32_t)(t >> 32));
  mproc__store32_release(l->lo, (uint32_t)t);
}

/* Takes over the lock of a dead owner @p dead (the word as read: a pid,
 * or STEALING | the pid of a dead stealer); false if someone else did.
 * The word says who is stealing until the new token is in place, so that
 * nobody checks the new owner's pid against the dead one's token. */
static bool steal(qlock_t *l, uint32_t dead, uint32_t me) {
  uint32_t v = dead;
  if (!mproc__cas32(l->w, &v, STEALING | me))
    return false;
  mproc__store32(l->lo, 0);
  mproc__store32(l->hi, 0);
  mproc__store32(l->w, me);
  set_token(l);
  return true;
}

static int qlock_acquire(mproc_queue_t *q, qlock_t *l, int64_t deadline,
                         int timeout_status) {
  uint32_t me = (uint32_t)mproc__getpid();
  uint32_t v = 0;
  if (mproc__cas32(l->w, &v, me)) {
    set_token(l);
    return 0;
  }
  for (int i = 0; i < SPIN_COUNT; i++) {
    mproc__cpu_relax();
    v = 0;
    if (mproc__load32(l->w) == 0 && mproc__cas32(l->w, &v, me)) {
      set_token(l);
      return 0;
    }
  }
  mproc__fetch_add32(l->waiters, 1);
  int rc = 0;
  for (;;) {
    if (mproc__load32(&q->sh->broken)) {
      rc = broken_err();
      break;
    }
    v = 0;
    if (mproc__cas32(l->w, &v, me)) {
      set_token(l);
      rc = 0;
      break;
    }
    if (expired(deadline)) {
      rc = mproc__err(timeout_status, "timed out");
      break;
    }
    int64_t slice = slice_deadline(deadline);
    int prc = mproc__park_wait(&q->park, l->w, v, slice);
    if (prc < 0 && prc != MPROC_E_TIMEOUT) {
      rc = prc;
      break;
    }
    if (prc == MPROC_E_TIMEOUT && !expired(deadline)) {
      uint32_t owner;
      if (owner_dead(l->w, l->lo, l->hi, &owner)) {
        if (mproc__load32(l->mid)) {
          rc = set_broken(q, "a process died in the middle of a message");
          break;
        }
        if (steal(l, owner, me)) {
          rc = 0;
          break;
        }
      }
    }
  }
  mproc__fetch_add32(l->waiters, (uint32_t)-1);
  return rc;
}

static void qlock_release(mproc_queue_t *q, qlock_t *l) {
  /* The token is cleared before the owner (stores are ordered); the
   * owner's store is sequentially consistent, for the load after it. */
  mproc__store32_release(l->lo, 0);
  mproc__store32_release(l->hi, 0);
  mproc__store32(l->w, 0);
  if (mproc__load32(l->waiters) > 0)
    mproc__park_wake(&q->park, l->w, 1);
}

/* ------------------------------------------------------------------------ */
/* The ring                                                                 */
/* ------------------------------------------------------------------------ */

static void ring_write(mproc_queue_t *q, uint32_t pos, const void *src,
                       size_t n) {
  uint32_t cap = q->cap;
  uint32_t off = pos & (cap - 1);
  size_t first = cap - off < n ? cap - off : n;
  memcpy(q->ring + off, src, first);
  if (n > first)
    memcpy(q->ring, (const uint8_t *)src + first, n - first);
}

static void ring_read(mproc_queue_t *q, uint32_t pos, void *dst, size_t n) {
  uint32_t cap = q->cap;
  uint32_t off = pos & (cap - 1);
  size_t first = cap - off < n ? cap - off : n;
  memcpy(dst, q->ring + off, first);
  if (n > first)
    memcpy((uint8_t *)dst + first, q->ring, n - first);
}

/*
 * Only the holder of the other lock ever sleeps on a sequence word, so
 * `waiters` is a flag: set by the sleeper before it parks, taken by the one
 * waker that sees it. While the sleeper is waking up, later messages do not
 * make a wake system call each.
 */
static void bump(mproc_queue_t *q, volatile uint32_t *seq,
                 volatile uint32_t *waiters) {
  mproc__fetch_add32(seq, 1);
  if (mproc__load32(waiters) && mproc__xchg32(waiters, 0))
    mproc__park_wake(&q->park, seq, INT32_MAX);
}

void mproc__queue_bump(mproc_queue_t *q, bool produced) {
  queue_shared_t *sh = q->sh;
  if (produced)
    bump(q, &sh->produced, &sh->produced_waiters);
  else
    bump(q, &sh->consumed, &sh->consumed_waiters);
}

/* Tests (white-box): when set, wait_seq() calls it instead of sleeping,
 * so that a single-threaded fuzzer plays the peer at that point. */
void (*mproc__queue_peer_hook)(mproc_queue_t *q);

/*
 * Sleeps until @p seq moves, the deadline passes or a slice ends; between
 * slices checks that the holder of the other lock (@p peer) did not die in
 * the middle of a message. @p seen is the value of seq read before the
 * caller last checked its condition. With @p streaming (a consumer in the
 * middle of a streamed message) the producer lock's holder must also still
 * be there: only it can write the rest, so a free lock or a dead holder
 * means the message will never end.
 */
static int wait_seq(mproc_queue_t *q, volatile uint32_t *seq,
                    volatile uint32_t *waiters, uint32_t seen, qlock_t *peer,
                    int64_t deadline, int timeout_status, bool streaming) {
  if (mproc__load32(&q->sh->broken))
    return broken_err();
  if (expired(deadline))
    return mproc__err(timeout_status, "timed out");
  int rc;
  if (mproc__queue_peer_hook) {
    mproc__queue_peer_hook(q);
    rc = mproc__load32(seq) != seen ? 0 : MPROC_E_TIMEOUT;
  } else {
    /* The peer is usually busy on another core and moves the word within a
     * microsecond or two: a short spin saves a sleep and, above all, the
     * peer's wake system call on every message. But the peer may not be
     * on a core at all: with more busy threads than cores (a pool's two
     * workers and its result thread on two cores), a pure spin held for
     * its whole length the core the peer needed to make progress, and the
     * pool's map spent a third of its time spinning. So the spin yields
     * every WAIT_YIELD_EVERY rounds: a no-op when nothing else is ready,
     * the peer's turn when it is. Parking at once instead pays a wake
     * system call per message on the peer's side. */
    for (int i = 1; i <= WAIT_SPIN; i++) {
      mproc__cpu_relax();
      if (mproc__load32(seq) != seen)
        return 0;
      if (i % WAIT_YIELD_EVERY == 0)
        mproc__thread_yield();
    }
    mproc__store32(waiters, 1);
    rc = mproc__park_wait(&q->park, seq, seen, slice_deadline(deadline));
    mproc__store32(waiters, 0);
  }
  if (rc == MPROC_E_TIMEOUT && peer) {
    uint32_t owner;
    bool dead = owner_dead(peer->w, peer->lo, peer->hi, &owner);
    if (dead && mproc__load32(peer->mid))
      return set_broken(q, "a process died in the middle of a message");
    /* The producer publishes its last chunk (and bumps seq) before it
     * lets the lock go, so a free lock seen before an unmoved seq means
     * nothing more is coming. */
    if (streaming && (dead || owner == 0) && mproc__load32(seq) == seen)
      return set_broken(q, "a streamed message was abandoned");
    return 0;
  }
  return rc == MPROC_E_TIMEOUT ? 0 : rc;
}

static uint32_t frame_check(uint32_t len, uint32_t kind) {
  return FRAME_MAGIC ^ len ^ kind;
}

/* ------------------------------------------------------------------------ */
/* put                                                                      */
/* ------------------------------------------------------------------------ */

/* The producer lock holder's free space: from its last look at tail, and
 * only when that is not enough from tail itself (a line the consumer
 * writes on every message). */
static uint32_t free_bytes(mproc_queue_t *q, size_t need) {
  queue_shared_t *sh = q->sh;
  uint32_t head = sh->head;
  uint32_t f = q->cap - (head - sh->tail_seen);
  if (f < need) {
    sh->tail_seen = mproc__load32(&sh->tail);
    f = q->cap - (head - sh->tail_seen);
  }
  return f;
}

/* The number of messages in the queue: consumed first, so never below. */
static uint32_t msg_count(queue_shared_t *sh) {
  uint32_t c = mproc__load32(&sh->ccount);
  return mproc__load32(&sh->pcount) - c;
}

/* Publishes the last bytes of a frame: the count first, so that a consumer
 * that has the frame never decrements it before this increments it. */
static void publish_last(mproc_queue_t *q, uint32_t head) {
  queue_shared_t *sh = q->sh;
  /* pmid brackets the two stores a consumer must see together; the
   * fetch_add orders them. */
  mproc__store32_release(&sh->pmid, 1);
  mproc__fetch_add32(&sh->pcount, 1);
  if (sh->kind == MPROC__T_JOINABLE_QUEUE)
    mproc__fetch_add32(&sh->unfinished, 1);
  mproc__store32_release(&sh->head, head);
  mproc__store32_release(&sh->pmid, 0);
  bump(q, &sh->produced, &sh->produced_waiters);
}

/* With @p hint, only if that costs no wait and no system call: the
 * producer lock free at once and the frame fitting the ring now, else
 * MPROC_E_FULL (see mproc__queue_put_hint()). */
static int put_frame(mproc_queue_t *q, uint32_t kind, const uint8_t *p,
                     size_t len, int64_t deadline, bool hint) {
  queue_shared_t *sh = q->sh;
  if (hint && FRAME_HDR + len > q->cap)
    return mproc__err(MPROC_E_FULL, "put: a hint must fit the ring");
  if (len > MPROC_QUEUE_MSG_MAX)
    return mproc__err(MPROC_E_TOOBIG,
                      "a message of %zu bytes is above the limit of %zu", len,
                      (size_t)MPROC_QUEUE_MSG_MAX);
  if (mproc__load32(&sh->broken))
    return broken_err();
  if (mproc__load32(&sh->closed))
    return mproc__err(MPROC_E_CLOSED, "the queue is closed");
  qlock_t pl = plock_of(sh), cl = clock_of(sh);
  /* No maxsize: the lock is held only for a copy into the ring or the
   * spill, never across a wait for a consumer, so the put waits for it
   * past a shorter timeout, as CPython's put takes its internal lock even
   * with block=False. The bare deadline made a timeout-0 put on a queue
   * that was never bounded fail with MPROC_E_FULL whenever another
   * producer, a consumer releasing a drained segment, or a dead holder
   * not yet taken over had the lock. Waiting with no bound at all hangs
   * on a holder that is alive but never lets go (stopped, or stuck in
   * its own take-over): after mproc__queue_plock_grace_ns that is
   * MPROC_E_TIMEOUT, never MPROC_E_FULL. No grace when this very process holds
   * it: with one thread that hold never ends while the put waits (the fuzzer,
   * playing a producer, puts with timeout 0 under its own lock). The
   * grace is only computed once the lock is found taken: a clock read on
   * every uncontended put was most of what the spill cost a queue whose
   * ring never fills (queue.64b.mproc). */
  bool spill = sh->maxsize == 0;
  uint32_t me = (uint32_t)mproc__getpid();
  uint32_t free_word = 0;
  int rc;
  if (mproc__cas32(pl.w, &free_word, me)) {
    set_token(&pl);
    rc = 0;
  } else if (hint) {
    return mproc__err(MPROC_E_FULL, "put: the producer side of the queue "
                                    "is busy");
  } else {
    int64_t ldl = deadline;
    uint32_t holder = mproc__load32(pl.w) & ~STEALING;
    if (spill && holder != me) {
      int64_t grace = mproc__now_ns() + mproc__queue_plock_grace_ns;
      if (ldl != MPROC__NO_DEADLINE && ldl < grace)
        ldl = grace;
    }
    rc = qlock_acquire(q, &pl, ldl, spill ? MPROC_E_TIMEOUT : MPROC_E_FULL);
  }
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT,
                      "put: the producer side of the queue stayed held by "
                      "process %u past the timeout (and %d ms more if "
                      "another process)",
                      (unsigned)(mproc__load32(pl.w) & ~STEALING),
                      (int)(mproc__queue_plock_grace_ns / 1000000));
  if (rc < 0)
    return rc;
  uint8_t hdr[FRAME_HDR];
  uint32_t l32 = (uint32_t)len, chk = frame_check(l32, kind);
  for (int i = 0; i < 4; i++) {
    hdr[i] = (uint8_t)(l32 >> (8 * i));
    hdr[4 + i] = (uint8_t)(chk >> (8 * i));
  }
  size_t total = FRAME_HDR + len;
  uint32_t head = sh->head; /* only the producer lock holder writes it */

  /* Room for one more item, and for a frame that fits, for all of it. */
  for (;;) {
    uint32_t seen = mproc__load32(&sh->consumed);
    if (mproc__load32(&sh->broken)) {
      rc = broken_err();
      goto out;
    }
    if (mproc__load32(&sh->closed)) {
      rc = mproc__err(MPROC_E_CLOSED, "the queue is closed");
      goto out;
    }
    if (spill) {
      /* No maxsize: the ring while nothing is spilled and the frame fits
       * now, else the spill (queue_spill.c), and never a wait. */
      if (mproc__load32(&sh->sp_active) && !mproc__spill_pending(sh))
        mproc__spill_release_open(q);
      if (!mproc__load32(&sh->sp_active) && total <= q->cap &&
          free_bytes(q, total) >= total)
        break;
      if (hint) {
        rc = mproc__err(MPROC_E_FULL, "put: the ring is full");
        goto out;
      }
      /* A message the spill cannot take is MPROC_E_LIMIT, also when it is
       * larger than the ring and nothing is spilled: streaming it through
       * the ring instead would wait for a consumer (for ever if none
       * runs yet), which is what a queue without maxsize must never do. */
      rc = mproc__spill_put(q, hdr, p, len);
      goto out;
    }
    bool slot = sh->maxsize == 0 || msg_count(sh) < sh->maxsize;
    size_t need = total <= q->cap ? total : q->cap / 4;
    if (slot && free_bytes(q, need) >= need)
      break;
    if (hint) {
      rc = mproc__err(MPROC_E_FULL, "put: the queue is full");
      goto out;
    }
    rc = wait_seq(q, &sh->consumed, &sh->consumed_waiters, seen, &cl, deadline,
                  MPROC_E_FULL, false);
    if (rc < 0)
      goto out;
  }

  if (total <= q->cap) {
    ring_write(q, head, hdr, FRAME_HDR);
    ring_write(q, head + FRAME_HDR, p, len);
    publish_last(q, head + (uint32_t)total);
    goto out;
  }

  /* Streaming: once the first chunk is published the message can only be
   * finished (or the queue broken), so the deadline no longer applies; the
   * consumer that reads it is alive or the queue breaks. */
  size_t done = 0; /* bytes of the frame (header included) written */
  mproc__store32(&sh->pmid, 1);
  while (done < total) {
    uint32_t seen = mproc__load32(&sh->consumed);
    size_t left = total - done;
    size_t want = left < q->cap / 4 ? left : q->cap / 4;
    uint32_t room = free_bytes(q, want);
    if (room < want) {
      rc = wait_seq(q, &sh->consumed, &sh->consumed_waiters, seen, &cl,
                    MPROC__NO_DEADLINE, MPROC_E_FULL, false);
      if (rc < 0)
        goto out;
      continue;
    }
    size_t n = room < left ? room : left;
    size_t k = 0;
    if (done < FRAME_HDR) { /* room >= cap/4 > header */
      size_t h = FRAME_HDR - done;
      ring_write(q, head, hdr + done, h);
      k = h;
    }
    ring_write(q, head + (uint32_t)k, p + (done + k - FRAME_HDR), n - k);
    head += (uint32_t)n;
    done += n;
    if (done == total) {
      publish_last(q, head);
    } else {
      mproc__store32(&sh->head, head);
      bump(q, &sh->produced, &sh->produced_waiters);
    }
  }
  mproc__store32(&sh->pmid, 0);
out:
  qlock_release(q, &pl);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* get                                                                      */
/* ------------------------------------------------------------------------ */

static uint32_t used_bytes(queue_shared_t *sh) {
  return mproc__load32(&sh->head) - mproc__load32(&sh->tail);
}

/* The consumer lock holder's view, as free_bytes(): head is only read
 * when the last look does not show @p need bytes. */
static uint32_t avail_bytes(queue_shared_t *sh, size_t need) {
  uint32_t tail = sh->tail;
  uint32_t u = sh->head_seen - tail;
  if (u < need) {
    sh->head_seen = mproc__load32(&sh->head);
    u = sh->head_seen - tail;
  }
  return u;
}

/* A frame header as read from the ring or a spill segment: validated
 * before anything is trusted, since both are writable by every process
 * that has the queue. */
int mproc__queue_read_header(mproc_queue_t *q, const uint8_t *hdr,
                             uint32_t *len, uint32_t *kind) {
  uint32_t l = 0, c = 0;
  for (int i = 0; i < 4; i++) {
    l |= (uint32_t)hdr[i] << (8 * i);
    c |= (uint32_t)hdr[4 + i] << (8 * i);
  }
  uint32_t k = c ^ FRAME_MAGIC ^ l;
  if ((k != KIND_VALUES && k != KIND_BYTES) || l > MPROC_QUEUE_MSG_MAX)
    return set_broken(q, "corrupt frame in the shared ring");
  *len = l;
  *kind = k;
  return 0;
}

static int read_header(mproc_queue_t *q, uint32_t tail, uint32_t *len,
                       uint32_t *kind) {
  uint8_t hdr[FRAME_HDR];
  ring_read(q, tail, hdr, FRAME_HDR);
  return mproc__queue_read_header(q, hdr, len, kind);
}

/* The finishing steps of a get: the count and the tail, under cmid. */
static void consume_last(mproc_queue_t *q, uint32_t tail) {
  queue_shared_t *sh = q->sh;
  mproc__store32_release(&sh->cmid, 1);
  mproc__store32_release(&sh->tail, tail);
  mproc__fetch_add32(&sh->ccount, 1);
  mproc__store32_release(&sh->cmid, 0);
  bump(q, &sh->consumed, &sh->consumed_waiters);
}

/* A consumer that took the last spilled message lets go of its mapping
 * and, if no producer is busy, of the segment left open for writing (a
 * try: the consumer lock is held, and waiting for the producer lock here
 * would order the two locks against every producer). */
static void spill_drained(mproc_queue_t *q) {
  queue_shared_t *sh = q->sh;
  mproc__shm_close(&q->spill.r);
  q->spill.rseq = 0;
  qlock_t pl = plock_of(sh);
  uint32_t v = 0;
  if (!mproc__cas32(pl.w, &v, (uint32_t)mproc__getpid()))
    return;
  set_token(&pl);
  if (!mproc__spill_pending(sh))
    mproc__spill_release_open(q);
  qlock_release(q, &pl);
}

/*
 * Takes one message. With @p buf (capacity @p cap) the payload goes there
 * and a message larger than @p cap stays in the queue (MPROC_E_TOOBIG, its
 * size in *len); without, a malloc'ed buffer is returned in *out.
 */
static int get_frame(mproc_queue_t *q, void *buf, size_t cap, uint8_t **out,
                     size_t *len, uint32_t *kind, int64_t deadline) {
  queue_shared_t *sh = q->sh;
  if (mproc__load32(&sh->broken))
    return broken_err();
  qlock_t pl = plock_of(sh), cl = clock_of(sh);
  int rc = qlock_acquire(q, &cl, deadline, MPROC_E_EMPTY);
  if (rc < 0)
    return rc;
  uint32_t tail = sh->tail; /* only the consumer lock holder writes it */
  uint32_t l = 0;
  uint8_t *dst = NULL, *mem = NULL;

  for (;;) {
    uint32_t seen = mproc__load32(&sh->produced);
    if (mproc__load32(&sh->broken)) {
      rc = broken_err();
      goto out;
    }
    if (avail_bytes(sh, FRAME_HDR) >= FRAME_HDR)
      break;
    /* The spill only once the ring is empty, looked at after the spill's
     * count: see queue_spill.c. */
    if (mproc__spill_pending(sh) && avail_bytes(sh, FRAME_HDR) < FRAME_HDR) {
      rc = mproc__spill_get(q, buf, cap, &mem, len, kind);
      if (rc == 0 && !mproc__spill_pending(sh))
        spill_drained(q);
      goto out;
    }
    if (mproc__load32(&sh->closed) && used_bytes(sh) == 0 &&
        !mproc__spill_pending(sh)) {
      rc = mproc__err(MPROC_E_CLOSED, "the queue is closed and empty");
      goto out;
    }
    rc = wait_seq(q, &sh->produced, &sh->produced_waiters, seen, &pl, deadline,
                  MPROC_E_EMPTY, false);
    if (rc < 0)
      goto out;
  }
  rc = read_header(q, tail, &l, kind);
  if (rc < 0)
    goto out;
  *len = l;
  if (buf && l > cap) {
    rc = mproc__err(MPROC_E_TOOBIG,
                    "the message has %u bytes, the buffer only %zu",
                    (unsigned)l, cap);
    goto out;
  }
  /* A frame larger than the ring is being streamed by the producer lock's
   * holder, which keeps pmid set from before its first chunk until after
   * its last (that cannot be published before this consumer reads): check
   * that before allocating what a scribbled header may claim. */
  if ((size_t)FRAME_HDR + l > q->cap &&
      (!mproc__load32(&sh->pmid) || !mproc__load32(&sh->plock))) {
    rc = set_broken(q, "corrupt frame in the shared ring");
    goto out;
  }
  if (buf) {
    dst = buf;
  } else {
    mem = malloc(l ? l : 1);
    if (!mem) {
      rc = mproc__err(MPROC_E_NOMEM, "receiving a message of %u bytes",
                      (unsigned)l);
      goto out;
    }
    dst = mem;
  }
  size_t total = FRAME_HDR + (size_t)l;

  if (total <= q->cap) {
    /* The producer published it whole (it fits), and the consumer copies
     * it whole before freeing it: a consumer dying here loses nothing. */
    if (avail_bytes(sh, total) < total) {
      rc = set_broken(q, "corrupt frame in the shared ring");
      goto out;
    }
    ring_read(q, tail + FRAME_HDR, dst, l);
    consume_last(q, tail + (uint32_t)total);
    goto out;
  }

  /* Streamed: the deadline no longer applies (see put_frame()). */
  mproc__store32(&sh->cmid, 1);
  size_t done = 0;
  while (done < total) {
    uint32_t seen = mproc__load32(&sh->produced);
    uint32_t avail = avail_bytes(sh, 1);
    /* More than the ring holds: head or tail was scribbled on, and copying
     * that much would read past the ring. */
    if (avail > q->cap) {
      rc = set_broken(q, "corrupt positions in the shared ring");
      goto out;
    }
    if (avail == 0) {
      rc = wait_seq(q, &sh->produced, &sh->produced_waiters, seen, &pl,
                    MPROC__NO_DEADLINE, MPROC_E_EMPTY, true);
      if (rc < 0)
        goto out;
      continue;
    }
    size_t left = total - done;
    size_t n = avail < left ? avail : left;
    size_t k = 0;
    if (done < FRAME_HDR)
      k = n < FRAME_HDR - done ? n : FRAME_HDR - done;
    ring_read(q, tail + (uint32_t)k, dst + (done + k - FRAME_HDR), n - k);
    tail += (uint32_t)n;
    done += n;
    if (done == total) {
      consume_last(q, tail);
    } else {
      mproc__store32(&sh->tail, tail);
      bump(q, &sh->consumed, &sh->consumed_waiters);
    }
  }
  mproc__store32(&sh->cmid, 0);
out:
  qlock_release(q, &cl);
  if (rc < 0)
    free(mem);
  else if (out)
    *out = mem;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Objects                                                                  */
/* ------------------------------------------------------------------------ */

static size_t pow2_at_least(size_t n) {
  size_t p = RING_MIN;
  while (p < n && p < RING_MAX)
    p *= 2;
  return p;
}

static void queue_free(mproc_queue_t *q) {
  q->base.magic = 0;
  mproc__spill_detach(q);
  mproc__park_close(&q->park);
  mproc__shm_close(&q->shm);
  free(q);
}

static int queue_create(const char *what, mproc_queue_t **out,
                        mproc__type_id_t kind,
                        const mproc_queue_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  size_t capacity = opts && opts->capacity ? opts->capacity : RING_DEFAULT;
  size_t maxsize = opts ? opts->maxsize : 0;
  if (capacity > RING_MAX)
    return mproc__err(MPROC_E_VALUE, "capacity %zu is above %zu", capacity,
                      RING_MAX);
  if (maxsize > UINT32_MAX / 2)
    return mproc__err(MPROC_E_VALUE, "maxsize %zu is too large", maxsize);
  mproc_queue_t *q = calloc(1, sizeof *q);
  if (!q)
    return mproc__err(MPROC_E_NOMEM, "allocating a queue");
  q->shm.h = MPROC__INVALID_HANDLE;
  q->park.h = MPROC__INVALID_HANDLE;
  q->spill.w.h = q->spill.r.h = MPROC__INVALID_HANDLE;
  size_t cap = pow2_at_least(capacity);
  int rc = mproc__shm_create(&q->shm, RING_OFFSET + cap);
  if (rc < 0)
    goto fail;
  q->sh = q->shm.addr;
  q->ring = (uint8_t *)q->shm.addr + RING_OFFSET;
  rc = mproc__park_init(&q->park, &q->sh->park);
  if (rc < 0)
    goto fail;
  q->sh->magic = QUEUE_MAGIC;
  q->sh->kind = (uint32_t)kind;
  q->sh->cap = (uint32_t)cap;
  q->cap = (uint32_t)cap;
  q->sh->maxsize = (uint32_t)maxsize;
  rc = mproc__spill_init(q, 0);
  if (rc < 0) {
    mproc__park_close(&q->park);
    goto fail;
  }
  q->base.magic = MPROC__OBJ_MAGIC;
  q->base.type_id = kind;
  *out = q;
  return 0;
fail:
  mproc__shm_close(&q->shm);
  free(q);
  return rc;
}

static void queue_destroy_obj(mproc_object_t *o) {
  queue_free((mproc_queue_t *)o);
}

static int queue_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  mproc_queue_t *q = (mproc_queue_t *)o;
  return mproc__region_reduce(ctx, &q->shm, &q->park, b);
}

static int queue_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  mproc__shm_t shm;
  mproc__park_t park;
  int rc = mproc__region_rebuild(
      r, RING_OFFSET + RING_MIN, RING_OFFSET + RING_MAX + 65536,
      offsetof(queue_shared_t, park), "queue", &shm, &park);
  if (rc < 0)
    return rc;
  queue_shared_t *sh = shm.addr;
  uint32_t cap = sh->cap;
  if (sh->magic != QUEUE_MAGIC || sh->kind != (uint32_t)id || cap < RING_MIN ||
      (cap & (cap - 1)) != 0 || (uint64_t)cap + RING_OFFSET > shm.size) {
    rc = mproc__err(MPROC_E_DECODE, "received queue memory is not a queue");
    goto fail;
  }
  mproc_queue_t *q = calloc(1, sizeof *q);
  if (!q) {
    rc = mproc__err(MPROC_E_NOMEM, "rebuilding a queue");
    goto fail;
  }
  q->shm = shm;
  q->park = park;
  q->sh = sh;
  q->ring = (uint8_t *)shm.addr + RING_OFFSET;
  q->cap = cap;
  q->spill.w.h = q->spill.r.h = MPROC__INVALID_HANDLE;
  mproc__spill_attach(q);
  q->base.magic = MPROC__OBJ_MAGIC;
  q->base.type_id = id;
  *out = &q->base;
  return 0;
fail:
  mproc__park_close(&park);
  mproc__shm_close(&shm);
  return rc;
}

const mproc__type_t mproc__queue_type = {"Queue", true, queue_reduce,
                                         queue_rebuild, queue_destroy_obj};
const mproc__type_t mproc__simple_queue_type = {
    "SimpleQueue", true, queue_reduce, queue_rebuild, queue_destroy_obj};
const mproc__type_t mproc__joinable_queue_type = {
    "JoinableQueue", true, queue_reduce, queue_rebuild, queue_destroy_obj};

static bool is_queue_id(mproc__type_id_t id) {
  return id == MPROC__T_QUEUE || id == MPROC__T_SIMPLE_QUEUE ||
         id == MPROC__T_JOINABLE_QUEUE;
}

static mproc_queue_t *queue_get(const void *p, const char *what, int *rc) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o) {
    *rc = p ? MPROC_E_TYPE : MPROC_E_INVAL;
    return NULL;
  }
  if (!is_queue_id(o->type_id)) {
    *rc = mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
                     mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (mproc_queue_t *)o;
}

#define QUEUE_GET(q, p)                                                        \
  int rc_get_ = 0;                                                             \
  mproc_queue_t *q = queue_get(p, __func__, &rc_get_);                         \
  if (!q)                                                                      \
  return rc_get_

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

int mproc_queue_create(mproc_queue_t **out, const mproc_queue_options_t *opts) {
  return queue_create(__func__, out, MPROC__T_QUEUE, opts);
}

int mproc_simple_queue_create(mproc_queue_t **out,
                              const mproc_queue_options_t *opts) {
  return queue_create(__func__, out, MPROC__T_SIMPLE_QUEUE, opts);
}

int mproc_joinable_queue_create(mproc_queue_t **out,
                                const mproc_queue_options_t *opts) {
  return queue_create(__func__, out, MPROC__T_JOINABLE_QUEUE, opts);
}

void mproc_queue_destroy(mproc_queue_t *q) {
  int rc;
  if (q && queue_get(q, __func__, &rc))
    queue_free(q);
}

int mproc_queue_put(mproc_queue_t *qp, const mproc_value_t *vals, size_t n,
                    double timeout) {
  QUEUE_GET(q, qp);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  /* Encoded in the caller, outside any spawning context: the sharing rule
   * applies here, before anything reaches the ring. */
  void *buf = NULL;
  size_t len = 0;
  rc = mproc_encode(vals, n, &buf, &len);
  if (rc < 0)
    return rc;
  rc = put_frame(q, KIND_VALUES, buf, len, deadline, false);
  free(buf);
  return rc;
}

int mproc_queue_put_bytes(mproc_queue_t *qp, const void *data, size_t len,
                          double timeout) {
  QUEUE_GET(q, qp);
  if (!data && len)
    return mproc__err(MPROC_E_INVAL, "%s: NULL data", __func__);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  return put_frame(q, KIND_BYTES, data, len, deadline, false);
}

int mproc__queue_put_hint(mproc_queue_t *qp, const mproc_value_t *vals,
                          size_t n) {
  QUEUE_GET(q, qp);
  void *buf = NULL;
  size_t len = 0;
  int rc = mproc_encode(vals, n, &buf, &len);
  if (rc < 0)
    return rc;
  rc = put_frame(q, KIND_VALUES, buf, len, MPROC__NO_DEADLINE, true);
  free(buf);
  return rc;
}

int mproc_queue_get(mproc_queue_t *qp, mproc_value_t **vals, size_t *n,
                    double timeout) {
  QUEUE_GET(q, qp);
  if (!vals || !n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *vals = NULL;
  *n = 0;
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  uint8_t *buf = NULL;
  size_t len = 0;
  uint32_t kind = 0;
  rc = get_frame(q, NULL, 0, &buf, &len, &kind, deadline);
  if (rc < 0)
    return rc;
  /* Raw bytes arrive as one bytes value. */
  rc = mproc__frame_values(buf, len, kind != KIND_VALUES, vals, n);
  free(buf);
  return rc;
}

int mproc_queue_get_bytes(mproc_queue_t *qp, void *buf, size_t cap, size_t *len,
                          double timeout) {
  QUEUE_GET(q, qp);
  if (!len || (!buf && cap))
    return mproc__err(MPROC_E_INVAL, "%s: NULL buffer or length", __func__);
  *len = 0;
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  uint32_t kind = 0;
  /* A zero-capacity buffer still names a place: only 0-byte messages fit. */
  uint8_t dummy;
  return get_frame(q, buf ? buf : &dummy, cap, NULL, len, &kind, deadline);
}

int mproc_queue_qsize(mproc_queue_t *qp, size_t *out) {
  QUEUE_GET(q, qp);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  uint32_t c = msg_count(q->sh);
  *out = c > UINT32_MAX / 2 ? 0 : (size_t)c;
  return 0;
}

int mproc_queue_empty(mproc_queue_t *qp) {
  size_t n = 0;
  int rc = mproc_queue_qsize(qp, &n);
  return rc < 0 ? rc : n == 0;
}

int mproc_queue_full(mproc_queue_t *qp) {
  QUEUE_GET(q, qp);
  uint32_t max = q->sh->maxsize;
  return max != 0 && msg_count(q->sh) >= max;
}

int mproc_queue_set_spill_limit(mproc_queue_t *qp, size_t bytes) {
  QUEUE_GET(q, qp);
  return mproc__spill_set_limit(q, (uint64_t)bytes);
}

int mproc_queue_close(mproc_queue_t *qp) {
  QUEUE_GET(q, qp);
  queue_shared_t *sh = q->sh;
  if (mproc__xchg32(&sh->closed, 1) == 0) {
    mproc__fetch_add32(&sh->produced, 1);
    mproc__fetch_add32(&sh->consumed, 1);
    mproc__park_wake(&q->park, &sh->produced, INT32_MAX);
    mproc__park_wake(&q->park, &sh->consumed, INT32_MAX);
  }
  return 0;
}

int mproc_queue_task_done(mproc_queue_t *qp) {
  QUEUE_GET(q, qp);
  if (q->base.type_id != MPROC__T_JOINABLE_QUEUE)
    return mproc__err(MPROC_E_TYPE, "task_done needs a JoinableQueue");
  queue_shared_t *sh = q->sh;
  uint32_t v = mproc__load32(&sh->unfinished);
  do {
    if (v == 0)
      return mproc__err(MPROC_E_VALUE, "task_done() called too many times");
  } while (!mproc__cas32(&sh->unfinished, &v, v - 1));
  if (v == 1 && mproc__load32(&sh->join_waiters) > 0)
    mproc__park_wake(&q->park, &sh->unfinished, INT32_MAX);
  return 0;
}

int mproc_queue_join(mproc_queue_t *qp, double timeout) {
  QUEUE_GET(q, qp);
  if (q->base.type_id != MPROC__T_JOINABLE_QUEUE)
    return mproc__err(MPROC_E_TYPE, "join needs a JoinableQueue");
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  queue_shared_t *sh = q->sh;
  for (;;) {
    uint32_t v = mproc__load32(&sh->unfinished);
    if (v == 0)
      return 0;
    if (mproc__load32(&sh->broken))
      return broken_err();
    if (expired(deadline))
      return mproc__err(MPROC_E_TIMEOUT, "timed out");
    mproc__fetch_add32(&sh->join_waiters, 1);
    rc = mproc__park_wait(&q->park, &sh->unfinished, v,
                          slice_deadline(deadline));
    mproc__fetch_add32(&sh->join_waiters, (uint32_t)-1);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      return rc;
  }
}

/* Calls @p fn on each queue among @p args. */
static void each_queue(const mproc_value_t *args, size_t nargs,
                       void (*fn)(mproc_queue_t *q)) {
  for (size_t i = 0; i < nargs; i++) {
    if (args[i].type != MPROC_VALUE_OBJECT)
      continue;
    mproc_object_t *o = args[i].u.obj;
    if (o && o->magic == MPROC__OBJ_MAGIC && is_queue_id(o->type_id))
      fn((mproc_queue_t *)o);
  }
}

/* A fork child that received queues as arguments joins their holders at
 * once, before its parent may let them go (see queue_spill.c). */
void mproc__queue_fork_child(const mproc_value_t *args, size_t nargs) {
  each_queue(args, nargs, mproc__spill_attach);
}

/* And as it ends: it leaves their holders, as a spawn child does when it
 * frees its arguments, so that the last holder to end takes the queue's
 * names with it (the parent's objects stay the parent's). */
void mproc__queue_fork_child_end(const mproc_value_t *args, size_t nargs) {
  each_queue(args, nargs, mproc__spill_detach);
}

int mproc_value_as_queue(const mproc_value_t *v, mproc_queue_t **out) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  int rc = 0;
  mproc_queue_t *q = queue_get(v->u.obj, "value", &rc);
  if (!q)
    return rc;
  *out = q;
  return 0;
}

/* For tests (white-box): the ring and its size, to scribble on. */
int mproc__queue_ring(mproc_queue_t *q, void **ring, size_t *cap) {
  int rc = 0;
  if (!queue_get(q, __func__, &rc))
    return rc;
  *ring = q->ring;
  *cap = q->cap;
  return 0;
}

/* For wait(): the word that moves when data is published, whether a get
 * would not block right now, and the park to sleep on. */
int mproc__queue_ready(mproc_queue_t *q) {
  queue_shared_t *sh = q->sh;
  return used_bytes(sh) >= FRAME_HDR || mproc__spill_pending(sh) ||
         mproc__load32(&sh->closed) || mproc__load32(&sh->broken);
}

/* For tests (white-box): bytes in the ring. */
uint32_t mproc__queue_used(mproc_queue_t *q) {
  return used_bytes(q->sh);
}

/* For tests (white-box): makes @p pid the holder of the producer or
 * consumer lock, as if it had died holding it (mid-message if @p mid). */
void mproc__queue_fake_holder(mproc_queue_t *q, bool consumer, uint32_t pid,
                              bool mid) {
  qlock_t l = consumer ? clock_of(q->sh) : plock_of(q->sh);
  mproc__store32(l.w, pid);
  mproc__store32(l.lo, 0);
  mproc__store32(l.hi, 0);
  mproc__store32(l.mid, mid ? 1 : 0);
}

/* For tests (white-box): leaves the producer or consumer lock as a process
 * @p pid that died in the middle of steal() would (no token, no message). */
void mproc__queue_fake_stealer(mproc_queue_t *q, bool consumer, uint32_t pid) {
  mproc__queue_fake_holder(q, consumer, STEALING | pid, false);
}

/* For tests (white-box): the pid holding the producer or consumer lock. */
uint32_t mproc__queue_holder(mproc_queue_t *q, bool consumer) {
  return mproc__load32(consumer ? &q->sh->clock : &q->sh->plock);
}

/* For tests (white-box): whether the producer or consumer side is in the
 * middle of a message. */
bool mproc__queue_mid(mproc_queue_t *q, bool consumer) {
  return mproc__load32(consumer ? &q->sh->cmid : &q->sh->pmid) != 0;
}

/* For tests (white-box): one named word of the shared header, which any
 * process that has the queue can write (the park word aside: its protocol
 * is the park's). */
volatile uint32_t *mproc__queue_word(mproc_queue_t *q, mproc__queue_word_t w) {
  queue_shared_t *sh = q->sh;
  switch (w) {
  case MPROC__QW_KIND:
    return &sh->kind;
  case MPROC__QW_MAXSIZE:
    return &sh->maxsize;
  case MPROC__QW_CLOSED:
    return &sh->closed;
  case MPROC__QW_BROKEN:
    return &sh->broken;
  case MPROC__QW_UNFINISHED:
    return &sh->unfinished;
  case MPROC__QW_PLOCK:
    return &sh->plock;
  case MPROC__QW_PTOK_LO:
    return &sh->ptok_lo;
  case MPROC__QW_PMID:
    return &sh->pmid;
  case MPROC__QW_HEAD:
    return &sh->head;
  case MPROC__QW_PRODUCED:
    return &sh->produced;
  case MPROC__QW_PCOUNT:
    return &sh->pcount;
  case MPROC__QW_TAIL_SEEN:
    return &sh->tail_seen;
  case MPROC__QW_CLOCK:
    return &sh->clock;
  case MPROC__QW_CTOK_LO:
    return &sh->ctok_lo;
  case MPROC__QW_CMID:
    return &sh->cmid;
  case MPROC__QW_TAIL:
    return &sh->tail;
  case MPROC__QW_CONSUMED:
    return &sh->consumed;
  case MPROC__QW_CCOUNT:
    return &sh->ccount;
  case MPROC__QW_HEAD_SEEN:
    return &sh->head_seen;
  default:
    return &sh->pad0[0];
  }
}
