/* SPDX-License-Identifier: MIT */
/*
 * The anchor of a spilled queue: a small named segment, "mpqh-" and the
 * queue's key (the creator's pid and start token, the queue's random id),
 * that lists the processes holding the queue, so that the sweep, which
 * never held the queue and cannot see its shared header, learns by name
 * whether any of them lives (see queue_spill.c). The queue's own holder
 * table stays in its header; the anchor is a list the sweep reads.
 *
 * Made at the first spill only, under the producer lock and before the
 * first segment (a queue that never spills names nothing): `anchored`
 * goes to 1, the file is made (or, after a maker died, opened), every
 * holder of the header's table is listed, then the magic is written and
 * `anchored` goes to 2. A holder that registers in the header table
 * looks at `anchored` after its registration and lists itself when it is
 * set: of it and a maker at work, at least one sees the other (sequential
 * consistency), and both listing it is harmless. A holder leaving takes
 * its entries out; the last one unlinks the anchor with the segments.
 *
 * Entries. An entry is the pid word and the start token. While its token
 * is written, or when the token is unknown (the maker lists the others
 * from a header table they may be writing), the pid word carries
 * PID_ONLY: such an entry lives while any process of that pid does. So a
 * torn read, a holder killed while it lists itself, or a maker's copy of
 * a holder that left meanwhile can only make the sweep spare a queue (the
 * names wait for the next sweep after that process ends), never take one
 * a holder still needs. The entry of a dead process is taken over.
 *
 * The sweep spares an anchor without its magic (being made: no segment
 * exists yet); a maker killed there, with every other holder killed
 * after, leaves that 4 KiB name. A process that received the queue from a
 * holder which died before it registered is not listed yet (as for the
 * holder table: a spawn child registers when it rebuilds the queue).
 */
#include "queue.h"

#include <stdio.h>
#include <string.h>

#define ANCHOR_SIZE 4096u
#define ANCHOR_MAGIC 0x416e6348u /* "AncH" */
#define ANCHOR_SLOTS ((ANCHOR_SIZE - 16u) / 16u)
#define PID_ONLY 0x80000000u
#define ANCHOR_PREFIX "mpqh-"

typedef struct anchor {
  volatile uint32_t magic;
  uint32_t pad[3];
  volatile uint32_t slot[ANCHOR_SLOTS][4]; /* pid word, token lo, hi, 0 */
} anchor_t;

typedef char mproc__anchor_fits[sizeof(anchor_t) <= ANCHOR_SIZE ? 1 : -1];

/* The queue's key, "<cpid>-<token>-<id>", as the segment names carry it. */
void mproc__spill_key(char *buf, size_t cap, mproc__spill_shared_t *sp) {
  snprintf(buf, cap, "%u-%08x%08x-%08x%08x", (unsigned)sp->cpid,
           (unsigned)sp->ctok_hi, (unsigned)sp->ctok_lo, (unsigned)sp->id_hi,
           (unsigned)sp->id_lo);
}

static void anchor_name(char *buf, size_t cap, const char *key) {
  snprintf(buf, cap, ANCHOR_PREFIX "%s", key);
}

/* Removes the anchor named @p name of the queue of @p key. */
static void anchor_unlink_name(const char *name, const char *key) {
  char gone[96];
  /* Sequence 0, which no segment has: the "gone" names of the queue go
   * together (see mproc__spill_detach). */
  snprintf(gone, sizeof gone, "mpqd-%s-0", key);
  mproc__spill_unlink(name, gone);
}

/* Maps the anchor of @p key; MPROC_E_NOTFOUND when there is none. */
static int anchor_open(mproc__shm_t *m, const char *key) {
  char name[96];
  anchor_name(name, sizeof name, key);
  m->h = MPROC__INVALID_HANDLE;
  return mproc__spill_open(m, name, ANCHOR_SIZE);
}

static int anchor_open_q(mproc__shm_t *m, mproc_queue_t *q) {
  char key[64];
  mproc__spill_key(key, sizeof key, &q->sh->spill);
  return anchor_open(m, key);
}

static bool entry_alive(volatile uint32_t *e) {
  uint32_t v = mproc__load32(&e[0]);
  if (v == 0)
    return false;
  if (v & PID_ONLY)
    return mproc__pid_alive((int64_t)(v & ~PID_ONLY), 0);
  uint64_t t = ((uint64_t)mproc__load32(&e[2]) << 32) | mproc__load32(&e[1]);
  return mproc__pid_alive((int64_t)v, t);
}

/* Lists @p pid with token @p tok (0: unknown) in a free entry or in that
 * of a dead process, unless @p dedup and it is listed already. A full
 * list of live processes leaves it out, as the holder table does. */
static void anchor_add(anchor_t *a, uint32_t pid, uint64_t tok, bool dedup) {
  if (pid == 0 || (pid & PID_ONLY))
    return;
  if (dedup)
    for (uint32_t i = 0; i < ANCHOR_SLOTS; i++)
      if ((mproc__load32(&a->slot[i][0]) & ~PID_ONLY) == pid &&
          entry_alive(a->slot[i]))
        return;
  for (uint32_t i = 0; i < ANCHOR_SLOTS; i++) {
    volatile uint32_t *e = a->slot[i];
    uint32_t v = mproc__load32(&e[0]);
    if (v != 0 && entry_alive(e))
      continue;
    if (!mproc__cas32(&e[0], &v, PID_ONLY | pid))
      continue;
    if (tok != 0) {
      mproc__store32(&e[1], (uint32_t)tok);
      mproc__store32(&e[2], (uint32_t)(tok >> 32));
      mproc__store32(&e[0], pid);
    }
    return;
  }
}

int mproc__anchor_make(mproc_queue_t *q) {
  mproc__spill_shared_t *sp = &q->sh->spill;
  if (mproc__load32(&sp->anchored) == 2)
    return 0;
  mproc__store32(&sp->anchored, 1);
  char key[64], name[96];
  mproc__spill_key(key, sizeof key, sp);
  anchor_name(name, sizeof name, key);
  mproc__shm_t m = {NULL, 0, MPROC__INVALID_HANDLE};
  /* Made by a producer that died before its end: finished here. One that
   * died between making the file and giving it its size left it too small
   * (MPROC_E_DECODE): nothing is listed in it yet, so it is made anew.
   * Before, the put that found it failed with MPROC_E_DECODE, and so did
   * every later spilling put (mproc-crash's queue scenario, a producer
   * killed in its first spill). */
  int rc = mproc__spill_open(&m, name, ANCHOR_SIZE);
  if (rc == MPROC_E_DECODE) {
    anchor_unlink_name(name, key);
    rc = MPROC_E_NOTFOUND;
  }
  if (rc == MPROC_E_NOTFOUND)
    rc = mproc__spill_create(&m, name, ANCHOR_SIZE);
  if (rc < 0)
    return rc;
  anchor_t *a = m.addr;
  for (int i = 0; i < MPROC__SPILL_HOLDERS; i++) {
    volatile uint32_t *slot = sp->holders[i];
    uint32_t pid = mproc__load32(&slot[0]);
    uint64_t t =
        ((uint64_t)mproc__load32(&slot[2]) << 32) | mproc__load32(&slot[1]);
    /* A token that names no live process: the holder is dead, or it took
     * a dead one's slot over and has yet to write its own token, and then
     * it sees `anchored` set and lists itself. No token yet: PID_ONLY. */
    if (pid == 0 || (t != 0 && !mproc__pid_alive((int64_t)pid, t)))
      continue;
    anchor_add(a, pid, t, true);
  }
  mproc__store32(&a->magic, ANCHOR_MAGIC);
  mproc__shm_close(&m);
  mproc__store32(&sp->anchored, 2);
  return 0;
}

/* Maps the anchor of @p q into @p m if it has one, made or being made. */
static anchor_t *anchor_map(mproc_queue_t *q, mproc__shm_t *m) {
  if (mproc__load32(&q->sh->spill.anchored) == 0 || anchor_open_q(m, q) < 0)
    return NULL;
  anchor_t *a = m->addr;
  uint32_t magic = mproc__load32(&a->magic);
  if (magic == 0 || magic == ANCHOR_MAGIC)
    return a;
  mproc__shm_close(m);
  return NULL;
}

void mproc__anchor_join(mproc_queue_t *q, uint32_t pid, uint64_t tok) {
  /* Not there yet: its maker lists this process from the header. */
  mproc__shm_t m;
  anchor_t *a = anchor_map(q, &m);
  if (!a)
    return;
  anchor_add(a, pid, tok, false);
  mproc__shm_close(&m);
}

void mproc__anchor_leave(mproc_queue_t *q, uint32_t pid) {
  mproc__shm_t m;
  anchor_t *a = anchor_map(q, &m);
  if (!a)
    return;
  for (uint32_t i = 0; i < ANCHOR_SLOTS; i++) {
    volatile uint32_t *e = a->slot[i];
    uint32_t v = mproc__load32(&e[0]);
    if ((v & ~PID_ONLY) == pid)
      mproc__cas32(&e[0], &v, 0);
  }
  mproc__shm_close(&m);
}

void mproc__anchor_unlink(mproc_queue_t *q) {
  mproc__spill_shared_t *sp = &q->sh->spill;
  char key[64], name[96];
  mproc__spill_key(key, sizeof key, sp);
  anchor_name(name, sizeof name, key);
  anchor_unlink_name(name, key);
  mproc__store32(&sp->anchored, 0);
}

bool mproc__anchor_spares(const char *key) {
  mproc__shm_t m;
  int rc = anchor_open(&m, key);
  if (rc == MPROC_E_NOTFOUND)
    return false;
  if (rc < 0)
    return true; /* cannot tell: left for a later sweep */
  anchor_t *a = m.addr;
  uint32_t magic = mproc__load32(&a->magic);
  bool spare = magic == 0; /* being made */
  for (uint32_t i = 0; i < ANCHOR_SLOTS && magic == ANCHOR_MAGIC && !spare; i++)
    spare = entry_alive(a->slot[i]);
  mproc__shm_close(&m);
  return spare;
}
