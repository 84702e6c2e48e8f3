/* SPDX-License-Identifier: MIT */
/*
 * POSIX parking without futexes: what macOS and the BSDs would use, and
 * what Linux builds with -DMPROC_POSIX_BACKEND=portable (MPROC_POSIX_PORTABLE)
 * so that it is tested there too. The Windows backend's futex emulation
 * (src/win32/park.c, whose comment explains the protocol) over a
 * process-shared POSIX semaphore (sem_t) in a small region of its own,
 * created by mproc__shm_create() (shm_open, unlinked at once), whose
 * descriptor is the park's handle so that it travels to spawn children like
 * any region.
 *
 * Why not a process-shared mutex and condition variable: glibc's condition
 * variable (since 2.25) makes a signaller wait until the waiters of the
 * previous group have left; a waiter process killed inside
 * pthread_cond_wait never leaves, and every later broadcast would hang. A
 * killed sem_wait() leaves only a stale waiter count (a wasted wake-up
 * system call), never a hang.
 *
 * Where it would run: FreeBSD, NetBSD, OpenBSD, illumos and Linux have
 * process-shared unnamed semaphores. macOS does not (sem_init() fails with
 * ENOSYS); there the semaphore would have to be a named one (sem_open,
 * unlinked at once, inherited across fork but not across exec) or a Mach
 * semaphore: the one piece of this file a macOS port must replace.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "fault.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/*
 * The bookkeeping word (pk->shared) packs the fields of src/win32/park.c:
 * W (bits 0-11) registered waiters, T (bits 12-23) chosen waiters whose
 * post is on its way, tag (bits 24-31) the word they wait on. The
 * semaphore plays the Windows semaphore's part; see that file for why no
 * wake-up is lost or stolen and how a waiter that died is healed.
 */
#define W_ONE 1u
#define T_ONE (1u << 12)
#define FIELD_MAX 0xfffu
#define W_OF(s) ((s)&FIELD_MAX)
#define T_OF(s) (((s) >> 12) & FIELD_MAX)
#define TAG_OF(s) ((s) >> 24)
#define TAG_MIXED 0xffu
#define WITH_TAG(s, tag) (((s)&0x00ffffffu) | ((uint32_t)(tag) << 24))
#define HEAL_NS ((int64_t)1000 * 1000000)
#define GATE_YIELDS 50

/* The park's own region: one semaphore. */
typedef struct park_os {
  mproc__shm_t shm;
  sem_t *sem;
} park_os_t;

static int park_os_map(mproc__park_t *pk, mproc__shm_t *shm) {
  park_os_t *os = calloc(1, sizeof *os);
  if (!os) {
    mproc__shm_close(shm);
    return mproc__err(MPROC_E_NOMEM, "allocating a park");
  }
  os->shm = *shm;
  os->sem = shm->addr;
  pk->os = os;
  pk->h = shm->h;
  return 0;
}

int mproc__park_init(mproc__park_t *pk, volatile uint32_t *shared) {
  pk->h = -1;
  pk->os = NULL;
  pk->shared = NULL;
  mproc__shm_t shm;
  int rc = mproc__shm_create(&shm, sizeof(sem_t));
  if (rc < 0)
    return rc;
  if (MPROC__FAIL(SEM_CREATE) || sem_init((sem_t *)shm.addr, 1, 0) < 0) {
    rc = mproc__err_os("creating a process-shared semaphore");
    mproc__shm_close(&shm);
    return rc;
  }
  rc = park_os_map(pk, &shm);
  if (rc < 0)
    return rc;
  pk->shared = shared;
  mproc__store32(shared, 0);
  return 0;
}

int mproc__park_attach(mproc__park_t *pk, volatile uint32_t *shared,
                       mproc__handle_t h) {
  pk->h = -1;
  pk->os = NULL;
  pk->shared = NULL;
  if (h < 0)
    return mproc__err(MPROC_E_DECODE, "received park region is missing");
  mproc__shm_t shm;
  int rc = mproc__shm_attach(&shm, h, sizeof(sem_t));
  if (rc < 0)
    return rc;
  rc = park_os_map(pk, &shm);
  if (rc < 0)
    return rc;
  pk->shared = shared;
  return 0;
}

void mproc__park_close(mproc__park_t *pk) {
  park_os_t *os = pk->os;
  if (os) {
    /* Never sem_destroy: other processes may still use the semaphore; the
     * region goes away with its last mapping. */
    mproc__shm_close(&os->shm);
    free(os);
  } else if (pk->h >= 0) {
    close(pk->h); /* a handle received but never attached */
  }
  pk->os = NULL;
  pk->h = -1;
  pk->shared = NULL;
}

static sem_t *sem_of(mproc__park_t *pk) {
  return ((park_os_t *)pk->os)->sem;
}

static bool expired(int64_t deadline_ns) {
  return deadline_ns != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline_ns;
}

/* Waits for a post until @p deadline_ns (mproc__now_ns() clock); true if
 * it consumed one. sem_timedwait() takes a CLOCK_REALTIME time: the
 * monotonic deadline is converted, and the callers loop until the
 * monotonic deadline has really passed, so a clock step cannot end a wait
 * early for good. */
static bool sem_wait_until(sem_t *sem, int64_t deadline_ns) {
  for (;;) {
    int r;
    if (MPROC__FAIL(PARK_WAIT)) {
      r = -1;
    } else if (deadline_ns == MPROC__NO_DEADLINE) {
      r = sem_wait(sem);
    } else {
      int64_t left = deadline_ns - mproc__now_ns();
      if (left <= 0)
        return sem_trywait(sem) == 0;
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      int64_t abs_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec + left;
      ts.tv_sec = (time_t)(abs_ns / 1000000000);
      ts.tv_nsec = (long)(abs_ns % 1000000000);
      r = sem_timedwait(sem, &ts);
    }
    if (r == 0)
      return true;
    if (errno != EINTR && errno != ETIMEDOUT)
      return false;
    if (errno == ETIMEDOUT && expired(deadline_ns))
      return false;
  }
}

static uint32_t tag_of(const mproc__park_t *pk, volatile uint32_t *addr) {
  intptr_t off = (intptr_t)((uintptr_t)addr - (uintptr_t)pk->shared);
  if (off % 4 != 0 || off < -127 * 4 || off > 126 * 4)
    return TAG_MIXED;
  return (uint32_t)(off / 4 + 128);
}

static bool try_register(volatile uint32_t *word, uint32_t tag) {
  uint32_t s = mproc__load32(word);
  while (T_OF(s) == 0 && W_OF(s) < FIELD_MAX) {
    uint32_t t = W_OF(s) == 0 ? tag : TAG_OF(s) == tag ? tag : TAG_MIXED;
    if (mproc__cas32(word, &s, WITH_TAG(s + W_ONE, t)))
      return true;
  }
  return false;
}

/* Consumes one post and its T slot: waiting up to HEAL_NS for it
 * (@p block), or only if one is there; true if it did. */
static bool consume_post(mproc__park_t *pk, bool block) {
  if (!(block ? sem_wait_until(sem_of(pk), mproc__now_ns() + HEAL_NS)
              : sem_trywait(sem_of(pk)) == 0))
    return false;
  mproc__fetch_add32(pk->shared, (uint32_t)0 - T_ONE);
  return true;
}

/* As in src/win32/park.c: a waiter chosen by a wake waits for its post,
 * but HEAL_NS at most, since a waker killed between its CAS and its post
 * never posts; it then leaves its T slot for a newcomer's heal. */
static bool unregister(mproc__park_t *pk) {
  uint32_t s = mproc__load32(pk->shared);
  while (W_OF(s) > 0) {
    if (mproc__cas32(pk->shared, &s, s - W_ONE))
      return false;
  }
  return consume_post(pk, true);
}

static void gate_backoff(mproc__park_t *pk, unsigned *spins, uint32_t *seen,
                         int64_t *since) {
  uint32_t s = mproc__load32(pk->shared);
  int64_t now = mproc__now_ns();
  if (*spins == 0 || s != *seen) {
    *seen = s;
    *since = now;
  } else if (T_OF(s) > 0 && now - *since >= HEAL_NS) {
    consume_post(pk, false);
    *since = now;
  }
  if (++*spins < GATE_YIELDS) {
    sched_yield();
  } else {
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
}

int mproc__park_wait(mproc__park_t *pk, volatile uint32_t *addr,
                     uint32_t expected, int64_t deadline_ns) {
  if (mproc__load32(addr) != expected)
    return 0;
  if (expired(deadline_ns))
    return MPROC_E_TIMEOUT;
  uint32_t tag = tag_of(pk, addr);
  unsigned spins = 0;
  uint32_t seen = 0;
  int64_t since = 0;
  while (!try_register(pk->shared, tag)) {
    if (mproc__load32(addr) != expected)
      return 0;
    if (expired(deadline_ns))
      return MPROC_E_TIMEOUT;
    gate_backoff(pk, &spins, &seen, &since);
  }
  if (mproc__load32(addr) != expected) {
    unregister(pk);
    return 0;
  }
  if (sem_wait_until(sem_of(pk), deadline_ns)) {
    mproc__fetch_add32(pk->shared, (uint32_t)0 - T_ONE);
    return 0;
  }
  if (!expired(deadline_ns)) {
    int rc = mproc__err_os("waiting on a semaphore");
    unregister(pk);
    return rc;
  }
  return unregister(pk) ? 0 : MPROC_E_TIMEOUT;
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
  for (uint32_t i = 0; i < k; i++)
    sem_post(sem_of(pk));
}
