/* SPDX-License-Identifier: MIT */
/*
 * Spare blocks: the few large blocks a pool's calls allocate and free on
 * every call (a map's chunk messages, its result array), kept for the next
 * call instead of being given back.
 *
 * Why: malloc hands blocks this large out of fresh mappings (or a heap top
 * it trims on free), so each call wrote into pages the OS had to supply
 * one fault at a time: a quarter of a 200,000-task map's time went to page
 * faults, with mproc__mem_prefault() already asking for them in one call.
 * A block kept here is already backed.
 *
 * Held by the pools alive in the process (mproc__spare_hold): the blocks
 * are kept only while some pool may want them, and the last pool's end
 * frees them, so a program that is done with its pools keeps nothing. At
 * most SPARE_SLOTS blocks and SPARE_BYTES_MAX bytes; a block is handed out
 * only for a request of at least 1/SPARE_FIT of its size, so a small call
 * does not take (and shrink the known size of) a large call's block.
 *
 * Locking: a spin lock word holding the pid of its holder's process, not
 * an OS mutex, because a fork child inherits the word as some thread of
 * the parent left it: a word that holds another pid belongs to a process
 * this one was forked from, whose thread does not exist here, so it is
 * taken over, and the blocks it lists (the parent's, mid-update perhaps)
 * are forgotten, as are the parent's holds (a pool works only in the
 * process that made it). The lock is held for a few loads and stores.
 */
#include "spare.h"

#include <stdlib.h>

#define SPARE_SLOTS 4
#define SPARE_BYTES_MAX ((size_t)64 * 1024 * 1024)
#define SPARE_FIT 4
#define SPIN_YIELD_EVERY 64

typedef struct spare {
  void *p;
  size_t size;
} spare_t;

static volatile uint32_t lock_word; /* 0, or the pid of the holder's process */
static uint32_t owner;              /* the process the fields below are of */
static unsigned holds;
static size_t kept_bytes;
static spare_t slots[SPARE_SLOTS];

static void spare_lock(void) {
  uint32_t me = (uint32_t)mproc__getpid();
  for (unsigned i = 1;; i++) {
    uint32_t v = 0;
    if (mproc__cas32(&lock_word, &v, me))
      break;
    if (v != me && mproc__cas32(&lock_word, &v, me))
      break; /* held when this process was forked: no one holds it here */
    mproc__cpu_relax();
    if (i % SPIN_YIELD_EVERY == 0)
      mproc__thread_yield();
  }
  if (owner != me) { /* first use in this process */
    owner = me;
    holds = 0;
    kept_bytes = 0;
    for (int i = 0; i < SPARE_SLOTS; i++)
      slots[i].p = NULL;
  }
}

static void spare_unlock(void) {
  mproc__store32(&lock_word, 0);
}

void mproc__spare_hold(void) {
  spare_lock();
  holds++;
  spare_unlock();
}

void mproc__spare_release(void) {
  spare_t gone[SPARE_SLOTS] = {{NULL, 0}};
  spare_lock();
  if (holds && --holds == 0) {
    for (int i = 0; i < SPARE_SLOTS; i++) {
      gone[i] = slots[i];
      slots[i].p = NULL;
    }
    kept_bytes = 0;
  }
  spare_unlock();
  for (int i = 0; i < SPARE_SLOTS; i++)
    free(gone[i].p); /* outside the lock */
}

void *mproc__spare_take(size_t need, size_t *size) {
  *size = 0;
  if (need < MPROC__SPARE_MIN)
    return NULL;
  void *p = NULL;
  spare_lock();
  int best = -1;
  for (int i = 0; i < SPARE_SLOTS; i++)
    if (slots[i].p && slots[i].size >= need &&
        slots[i].size / SPARE_FIT <= need &&
        (best < 0 || slots[i].size < slots[best].size))
      best = i;
  if (best >= 0) {
    p = slots[best].p;
    *size = slots[best].size;
    slots[best].p = NULL;
    kept_bytes -= *size;
  }
  spare_unlock();
  return p;
}

void mproc__spare_keep(void *p, size_t size) {
  if (!p)
    return;
  void *drop = p;
  if (size >= MPROC__SPARE_MIN && size <= SPARE_BYTES_MAX) {
    spare_lock();
    if (holds) {
      /* An empty slot, or else the smallest block if this one is larger:
       * the large blocks are the ones whose faults cost most. */
      int at = -1;
      for (int i = 0; i < SPARE_SLOTS && at < 0; i++)
        if (!slots[i].p)
          at = i;
      if (at < 0) {
        at = 0;
        for (int i = 1; i < SPARE_SLOTS; i++)
          if (slots[i].size < slots[at].size)
            at = i;
        if (slots[at].size >= size)
          at = -1;
      }
      if (at >= 0 && kept_bytes - (slots[at].p ? slots[at].size : 0) + size <=
                         SPARE_BYTES_MAX) {
        drop = slots[at].p;
        kept_bytes -= drop ? slots[at].size : 0;
        slots[at].p = p;
        slots[at].size = size;
        kept_bytes += size;
      }
    }
    spare_unlock();
  }
  free(drop); /* outside the lock; NULL when p took an empty slot */
}
