/* SPDX-License-Identifier: MIT */
/*
 * Windows parking: futex emulation with one unnamed kernel semaphore per
 * park and one bookkeeping word (pk->shared) in the park's shared memory.
 *
 * The word packs three fields:
 *
 *   bits  0-11  W    registered waiters not yet chosen by a wake
 *   bits 12-23  T    waiters chosen by a wake whose semaphore post has not
 *                    been consumed yet (the post may still be on its way)
 *   bits 24-31  tag  which word the registered waiters sleep on: its offset
 *                    from pk->shared in words, biased; TAG_MIXED when they
 *                    sleep on several words (or the offset does not fit)
 *
 * wait: register (W += 1), look at *addr one last time, sleep on the
 * semaphore, and on return either consume a post (T -= 1) or, after a
 * timeout or a change of *addr, unregister (W -= 1).
 * wake(n): move k waiters from W to T, then post k times. k is min(n, W)
 * when every registered waiter sleeps on @p addr, else W: a post cannot
 * choose its thread, so with waiters on other words everyone is woken (the
 * contract allows waking waiters of other words, never missing ours).
 * A wake that finds W == 0 makes no system call: that is the path of every
 * release without sleepers.
 *
 * No lost wake-up between a waiter and a waker: the waiter registers (a
 * sequentially consistent CAS on the word) before its last load of *addr;
 * the waker changed *addr (sequentially consistent, by contract) before it
 * loads the word. In the single total order of these operations, either the
 * waiter's load comes after the waker's store (it sees the new value and
 * does not sleep) or its registration comes before the waker's load (the
 * waker counts it and posts). The post is counted by the semaphore, so it
 * also reaches a waiter that has registered but not yet called
 * WaitForSingleObject.
 *
 * No stolen wake-up: posts are anonymous, so a thread that began waiting
 * after a wake could consume the post meant for an older waiter, leaving
 * that one asleep although the word it waits on has changed (a generation
 * counter would then miss a wake-up). The T field closes that door: while
 * T > 0 no thread registers; a newcomer polls *addr with a yielding
 * back-off until the chosen waiters have consumed their posts, which takes
 * the time of a thread wake-up. Every post is consumed by exactly one
 * registered thread: a chosen thread that times out (or sees *addr change)
 * when W is already 0 waits for the post it is owed before it leaves (or,
 * if none comes within HEAL_NS, leaves it to the heal below).
 *
 * A waiter whose process dies while registered stays counted. Until it is
 * chosen it costs nothing; once chosen, its post is never consumed and the
 * gate stays shut. Newcomers keep working (they poll *addr), and one that
 * has seen the word unchanged for HEAL_NS consumes the stranded post on
 * the dead waiter's behalf. A live chosen thread does not leave a post
 * stranded that long: a thread blocked in the wait receives the post at
 * once, so a post sits in the semaphore only while its thread runs the few
 * instructions between registering (or timing out) and calling the wait.
 * Only a thread suspended or starved in that window for HEAL_NS could lose
 * its post to the heal; a process killed between a wake's CAS and its post
 * leaves the gate shut for good (newcomers then poll, slowly but
 * correctly), and the waiters it chose never get their posts: one that
 * times out waits HEAL_NS at most for its post (see unregister()), then
 * leaves as if not woken.
 */
#include "win32.h"

#include <limits.h>

#define W_ONE 1u
#define T_ONE (1u << 12)
#define FIELD_MAX 0xfffu
#define W_OF(s) ((s)&FIELD_MAX)
#define T_OF(s) (((s) >> 12) & FIELD_MAX)
#define TAG_OF(s) ((s) >> 24)
#define TAG_MIXED 0xffu
#define WITH_TAG(s, tag) (((s)&0x00ffffffu) | ((uint32_t)(tag) << 24))

/* How long newcomers wait for a chosen waiter before deciding it died. */
#define HEAL_NS ((int64_t)1000 * 1000000)
/* Yields before the gate back-off starts to sleep. */
#define GATE_YIELDS 50

int mproc__park_init(mproc__park_t *pk, volatile uint32_t *shared) {
  pk->shared = shared;
  pk->h = MPROC__FAIL(SEM_CREATE) ? NULL
                                  : CreateSemaphoreW(NULL, 0, LONG_MAX, NULL);
  if (!pk->h) {
    pk->shared = NULL;
    return mproc__err_os("creating a semaphore");
  }
  mproc__store32(shared, 0);
  return 0;
}

int mproc__park_attach(mproc__park_t *pk, volatile uint32_t *shared,
                       mproc__handle_t h) {
  if (h == MPROC__INVALID_HANDLE || h == INVALID_HANDLE_VALUE) {
    pk->h = MPROC__INVALID_HANDLE;
    pk->shared = NULL;
    return mproc__err(MPROC_E_DECODE, "received semaphore handle is missing");
  }
  pk->h = h;
  pk->shared = shared;
  return 0;
}

void mproc__park_close(mproc__park_t *pk) {
  if (pk->h != MPROC__INVALID_HANDLE && pk->h != INVALID_HANDLE_VALUE)
    CloseHandle(pk->h);
  pk->h = MPROC__INVALID_HANDLE;
  pk->shared = NULL;
}

/* The tag of @p addr: its offset from the bookkeeping word, which lies in
 * the same region, so the offset is the same in every process. */
static uint32_t tag_of(const mproc__park_t *pk, volatile uint32_t *addr) {
  intptr_t off = (intptr_t)((uintptr_t)addr - (uintptr_t)pk->shared);
  if (off % 4 != 0 || off < -127 * 4 || off > 126 * 4)
    return TAG_MIXED;
  return (uint32_t)(off / 4 + 128);
}

/* Registers the caller as a waiter; 0 when the gate is shut (a wake is
 * being delivered, or the count is full). */
static bool try_register(volatile uint32_t *word, uint32_t tag) {
  uint32_t s = mproc__load32(word);
  while (T_OF(s) == 0 && W_OF(s) < FIELD_MAX) {
    uint32_t t = W_OF(s) == 0 ? tag : TAG_OF(s) == tag ? tag : TAG_MIXED;
    if (mproc__cas32(word, &s, WITH_TAG(s + W_ONE, t)))
      return true;
  }
  return false;
}

/* Consumes one post and the T slot that goes with it, waiting up to
 * @p ms for it; true if it did. */
static bool consume_post(mproc__park_t *pk, DWORD ms) {
  if (WaitForSingleObject(pk->h, ms) != WAIT_OBJECT_0)
    return false;
  mproc__fetch_add32(pk->shared, (uint32_t)0 - T_ONE);
  return true;
}

/*
 * Unregisters a waiter that is leaving without having consumed a post.
 * Waiters are anonymous: if W > 0 it leaves as one of those. If W is 0,
 * every registered thread, this one included, has been chosen by a wake,
 * so one post is owed to it: it waits for it (the waker posts right after
 * its CAS) so that the post cannot be left for a later newcomer, and
 * returns true: the caller was woken after all.
 *
 * It waits HEAL_NS at most, never without end: a waker killed between its
 * CAS and its post never posts, and a thread waiting for that post would
 * hang for good whatever its deadline (a queue producer whose consumer was
 * killed while waking it never came back to see that the consumer had
 * died). Past HEAL_NS it leaves without the post and returns false: its T
 * slot stays counted, so the gate stays shut and no newcomer registers; a
 * post that still comes is consumed by a newcomer's heal, with its slot.
 */
static bool unregister(mproc__park_t *pk) {
  uint32_t s = mproc__load32(pk->shared);
  while (W_OF(s) > 0) {
    if (mproc__cas32(pk->shared, &s, s - W_ONE))
      return false;
  }
  return consume_post(pk, (DWORD)(HEAL_NS / 1000000));
}

/* A newcomer facing a shut gate: yields, then sleeps a millisecond at a
 * time; after HEAL_NS without any change of the word it takes a stranded
 * post (see the top of the file). */
static void gate_backoff(mproc__park_t *pk, unsigned *spins, uint32_t *seen,
                         int64_t *since) {
  uint32_t s = mproc__load32(pk->shared);
  int64_t now = mproc__now_ns();
  if (*spins == 0 || s != *seen) {
    *seen = s;
    *since = now;
  } else if (T_OF(s) > 0 && now - *since >= HEAL_NS) {
    consume_post(pk, 0);
    *since = now;
  }
  if (++*spins < GATE_YIELDS)
    SwitchToThread();
  else
    Sleep(1);
}

int mproc__park_wait(mproc__park_t *pk, volatile uint32_t *addr,
                     uint32_t expected, int64_t deadline_ns) {
  if (mproc__load32(addr) != expected)
    return 0;
  if (mproc__win_expired(deadline_ns))
    return MPROC_E_TIMEOUT;

  uint32_t tag = tag_of(pk, addr);
  unsigned spins = 0;
  uint32_t seen = 0;
  int64_t since = 0;
  while (!try_register(pk->shared, tag)) {
    if (mproc__load32(addr) != expected)
      return 0;
    if (mproc__win_expired(deadline_ns))
      return MPROC_E_TIMEOUT;
    gate_backoff(pk, &spins, &seen, &since);
  }

  if (mproc__load32(addr) != expected) {
    unregister(pk);
    return 0;
  }
  for (;;) {
    DWORD ms = mproc__win_ms_until(deadline_ns);
    DWORD r = ms == 0                  ? WAIT_TIMEOUT
              : MPROC__FAIL(PARK_WAIT) ? WAIT_FAILED
                                       : WaitForSingleObject(pk->h, ms);
    if (r == WAIT_OBJECT_0) {
      mproc__fetch_add32(pk->shared, (uint32_t)0 - T_ONE);
      return 0;
    }
    if (r == WAIT_TIMEOUT) {
      /* A Windows wait may end up to a timer tick early: sleep again
       * until the deadline has really passed. */
      if (!mproc__win_expired(deadline_ns))
        continue;
      return unregister(pk) ? 0 : MPROC_E_TIMEOUT;
    }
    int rc = mproc__err_os("waiting on a semaphore");
    unregister(pk);
    return rc;
  }
}

void mproc__park_wake(mproc__park_t *pk, volatile uint32_t *addr, int n) {
  if (n <= 0)
    return;
  uint32_t s = mproc__load32(pk->shared);
  uint32_t k;
  do {
    uint32_t w = W_OF(s);
    if (w == 0)
      return;
    k = w;
    if (TAG_OF(s) != TAG_MIXED && TAG_OF(s) == tag_of(pk, addr) &&
        (uint32_t)n < w)
      k = (uint32_t)n;
  } while (!mproc__cas32(pk->shared, &s, s - k * W_ONE + k * T_ONE));
  /* Cannot fail for a valid handle: the count stays far below LONG_MAX,
   * since every post is consumed. */
  ReleaseSemaphore(pk->h, (LONG)k, NULL);
}
