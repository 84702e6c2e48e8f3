/* SPDX-License-Identifier: MIT */
/*
 * The spill of a queue without maxsize: when a message does not fit in the
 * ring, it goes into a chain of extra shared segments, so that a put never
 * waits (CPython's Queue() never blocks a put either).
 *
 * Order. Once a message has spilled, later ones spill too until the
 * consumers have taken every spilled message (`sp_active`, checked by the
 * producer only while it is set), so everything in the ring is older than
 * everything in the spill: a consumer takes from the ring first, and from
 * the spill only when the ring is empty. It looks at the spill's count
 * before it looks at the ring again, so a ring message published before a
 * spilled one cannot be missed.
 *
 * Segments. Each process inherited the queue before the segments existed,
 * so they are reached by name (posix/spill.c, win32/spill.c): "mpq-" the
 * creator's pid and start token, a random id per queue, and a sequence
 * number. A segment holds frames as the ring does (8-byte aligned); when
 * the next frame does not fit, the producer makes the next segment, then
 * seals this one (`end`, and where the next one is). The consumer unlinks a
 * sealed segment when it has read past its end; the segment left open for
 * writing goes when the spill is empty and a producer or consumer finds
 * the producer lock free, or with the queue's last live holder (the holder
 * table: a process dead without destroying the queue does not count). If
 * every holder dies at once the names stay: the next queue creation, in
 * any process, sweeps them. The sweep never held the queue and cannot see
 * its holder table, so the first spill makes the queue's anchor, a named
 * list of its holders (queue_anchor.c): a queue's names go when its
 * creator is dead and no process its anchor lists lives (no anchor: when
 * its creator is dead). Before, the creator alone decided, and a child
 * still draining the queue of a parent that had exited lost its segments
 * to the next queue creation anywhere (test_sweep_spares_live_holder).
 *
 * Space. `units` counts the 64 KiB units of live segments against the
 * limit, and the backend reserves each segment whole at creation, so a
 * full file system is MPROC_E_LIMIT at put and never a SIGBUS later.
 *
 * Crashes. Creating a segment is announced in `creating` first: a producer
 * that takes the lock over from a dead one unlinks a segment that was
 * created but never linked. The stores that link a segment and publish a
 * message run under pmid, the ones that move the read position under cmid,
 * as in the ring: a death there breaks the queue, a death elsewhere leaves
 * it usable and nothing half written visible.
 */
#include "queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT ((uint64_t)64 * 1024)
#define SEG_HDR 64u
#define SEG_MAGIC 0x5370496cu /* "SpIl" */
#define SEG_UNITS 64u         /* 4 MiB: a million small items, ~18 segments */
#define NAME_PREFIX "mpq-"
/* How far ahead of a frame the next lines are asked for (see spill_put). */
#define PREFETCH_AHEAD 512u
#define ANCHOR_PREFIX "mpqh-" /* see queue_anchor.c */
/* A released segment that Windows could not delete yet (still mapped
 * somewhere) waits under this name: see mproc__spill_unlink. */
#define GONE_PREFIX "mpqd-"
/* The largest segment: one that takes the largest message. */
#define MAX_UNITS                                                              \
  ((uint32_t)((SEG_HDR + 8 + (uint64_t)MPROC_QUEUE_MSG_MAX + UNIT) / UNIT))

typedef struct seg_hdr {
  uint32_t magic, seq, size; /* size in units */
  volatile uint32_t end;     /* 0 while written; then where frames stop */
  volatile uint32_t next_seq, next_size;
} seg_hdr_t;

typedef char mproc__queue_header_fits
    [sizeof(queue_shared_t) <= MPROC__QUEUE_RING_OFFSET ? 1 : -1];

static void seg_name_as(char *buf, size_t cap, const char *prefix,
                        mproc__spill_shared_t *sp, uint32_t seq) {
  char key[64];
  mproc__spill_key(key, sizeof key, sp);
  snprintf(buf, cap, "%s%s-%u", prefix, key, (unsigned)seq);
}

static void seg_name(char *buf, size_t cap, mproc__spill_shared_t *sp,
                     uint32_t seq) {
  seg_name_as(buf, cap, NAME_PREFIX, sp, seq);
}

static uint32_t pad8(size_t n) {
  return (uint32_t)((n + 7) & ~(size_t)7);
}

bool mproc__spill_pending(queue_shared_t *sh) {
  uint32_t cm = mproc__load32(&sh->spill.cm);
  return mproc__load32(&sh->spill.pm) != cm;
}

/* ------------------------------------------------------------------------ */
/* Holders and the sweep                                                    */
/* ------------------------------------------------------------------------ */

/* Registers this process in the holder table (once per process: a fork
 * child registers when it first touches the spill, or at its start when
 * the queue is one of its arguments). A full table of live holders leaves
 * the process out: then only the sweep cleans up after the last one. */
static void holder_register(mproc_queue_t *q) {
  int64_t me = mproc__getpid();
  if (q->spill.holder_pid == me)
    return;
  mproc__spill_shared_t *sp = &q->sh->spill;
  uint64_t tok = mproc__self_token();
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < MPROC__SPILL_HOLDERS; i++) {
      volatile uint32_t *slot = sp->holders[i];
      uint32_t v = mproc__load32(&slot[0]);
      if (v != 0) {
        /* Second pass: take over the slot of a dead process. */
        if (pass == 0 || v == (uint32_t)me)
          continue;
        uint64_t t =
            ((uint64_t)mproc__load32(&slot[2]) << 32) | mproc__load32(&slot[1]);
        if (mproc__pid_alive(v, t))
          continue;
      }
      if (mproc__cas32(&slot[0], &v, (uint32_t)me)) {
        mproc__store32(&slot[2], (uint32_t)(tok >> 32));
        mproc__store32(&slot[1], (uint32_t)tok);
        q->spill.holder_pid = me;
        /* After the table: see queue_anchor.c. */
        mproc__anchor_join(q, (uint32_t)me, tok);
        return;
      }
    }
  }
}

/* Whether a process other than this one that holds the queue lives. */
static bool other_holder_alive(mproc__spill_shared_t *sp) {
  for (int i = 0; i < MPROC__SPILL_HOLDERS; i++) {
    volatile uint32_t *slot = sp->holders[i];
    uint32_t v = mproc__load32(&slot[0]);
    if (v == 0)
      continue;
    uint64_t t =
        ((uint64_t)mproc__load32(&slot[2]) << 32) | mproc__load32(&slot[1]);
    if (mproc__pid_alive(v, t))
      return true;
  }
  return false;
}

/* A segment or an anchor is stale when the process that created its queue
 * is gone and no process its anchor lists lives (queue_anchor.c); with no
 * anchor, when its creator is gone. A released one that Windows could not
 * delete yet always goes (the delete fails while someone still maps it). */
static bool stale_segment(const char *name) {
  if (strncmp(name, GONE_PREFIX, strlen(GONE_PREFIX)) == 0)
    return true;
  unsigned pid = 0;
  char tok[17] = {0}, id[17] = {0};
  const char *fmt = strncmp(name, NAME_PREFIX, strlen(NAME_PREFIX)) == 0
                        ? NAME_PREFIX "%u-%16[0-9a-f]-%16[0-9a-f]"
                        : ANCHOR_PREFIX "%u-%16[0-9a-f]-%16[0-9a-f]";
  if (sscanf(name, fmt, &pid, tok, id) != 3 || strlen(tok) != 16 ||
      strlen(id) != 16 || pid == 0)
    return false;
  uint64_t t = strtoull(tok, NULL, 16);
  if ((int64_t)pid == mproc__getpid() || mproc__pid_alive((int64_t)pid, t))
    return false;
  char key[64];
  snprintf(key, sizeof key, "%u-%s-%s", pid, tok, id);
  return !mproc__anchor_spares(key);
}

int mproc__spill_init(mproc_queue_t *q, uint64_t limit) {
  mproc__spill_shared_t *sp = &q->sh->spill;
  uint32_t id[2] = {0, 0};
  int rc = mproc__random_bytes(id, sizeof id);
  if (rc < 0)
    return rc;
  sp->id_lo = id[0];
  sp->id_hi = id[1];
  sp->cpid = (uint32_t)mproc__getpid();
  uint64_t tok = mproc__self_token();
  sp->ctok_lo = (uint32_t)tok;
  sp->ctok_hi = (uint32_t)(tok >> 32);
  sp->next_seq = 1;
  sp->below = 1;
  rc = mproc__spill_set_limit(q, limit);
  if (rc < 0)
    return rc;
  holder_register(q);
  /* "mpq": one listing for both NAME_PREFIX and GONE_PREFIX. */
  mproc__spill_sweep("mpq", stale_segment);
  return 0;
}

int mproc__spill_set_limit(mproc_queue_t *q, uint64_t limit) {
  if (limit == 0)
    limit = MPROC__SPILL_DEFAULT_LIMIT;
  uint64_t u = limit / UNIT;
  if (u == 0)
    return mproc__err(MPROC_E_VALUE,
                      "spill_limit %llu is below one 64 KiB unit",
                      (unsigned long long)limit);
  mproc__store32(&q->sh->spill.limit,
                 u > UINT32_MAX ? UINT32_MAX : (uint32_t)u);
  return 0;
}

void mproc__spill_attach(mproc_queue_t *q) {
  holder_register(q);
}

static void unlink_seq(mproc__spill_shared_t *sp, uint32_t seq) {
  char name[96], gone[96];
  seg_name(name, sizeof name, sp, seq);
  seg_name_as(gone, sizeof gone, GONE_PREFIX, sp, seq);
  mproc__spill_unlink(name, gone);
}

/*
 * Unlinks the drained segment @p seq and every one below it still linked,
 * then records that all are gone (`below`). Reading goes in order, so
 * every segment below one that was read to its end is drained too. A
 * process killed after giving a segment's space back and before its
 * unlink (milliseconds under wine: a rename and a delete) leaves the name
 * behind; unlinking only @p seq and moving `below` past it left that name
 * until the creator died and a sweep found it, in /dev/shm or the
 * temporary directory (test_consumer_dies_before_unlink). Unlinking a name
 * twice, or one already gone, is harmless.
 */
#define UNLINK_BACK 4096u /* how far back a scribbled `below` is believed */
static void unlink_through(mproc__spill_shared_t *sp, uint32_t seq) {
  uint32_t b = mproc__load32(&sp->below);
  if (b == 0 || seq - b > UNLINK_BACK)
    b = seq;
  for (uint32_t s = b; s != seq + 1; s++)
    unlink_seq(sp, s);
  mproc__store32(&sp->below, seq + 1);
}

/* Tests (white-box): called by a consumer that has moved past drained
 * segment @p seq, before it unlinks it (a test child dies there). */
void (*mproc__spill_moved_hook)(uint32_t seq);

/* Drops this process's mapping @p m of segment *@p have; if the segment
 * was released meanwhile, this may have been the view that kept Windows
 * from deleting it. */
static void drop_map(mproc_queue_t *q, mproc__shm_t *m, uint32_t *have) {
  uint32_t seq = *have;
  bool mapped = m->addr != NULL;
  mproc__shm_close(m);
  *have = 0;
  if (!mapped || seq == 0)
    return;
  mproc__spill_shared_t *sp = &q->sh->spill;
  if (seq != mproc__load32(&sp->wseq) && seq != mproc__load32(&sp->rseq)) {
    char gone[96];
    seg_name_as(gone, sizeof gone, GONE_PREFIX, sp, seq);
    mproc__spill_reap(gone);
  }
}

static bool any_gone(const char *name) {
  (void)name;
  return true;
}

void mproc__spill_detach(mproc_queue_t *q) {
  drop_map(q, &q->spill.w, &q->spill.wseq);
  drop_map(q, &q->spill.r, &q->spill.rseq);
  int64_t me = mproc__getpid();
  if (q->spill.holder_pid != me)
    return;
  mproc__spill_shared_t *sp = &q->sh->spill;
  for (int i = 0; i < MPROC__SPILL_HOLDERS; i++) {
    volatile uint32_t *slot = sp->holders[i];
    if (mproc__load32(&slot[0]) == (uint32_t)me) {
      mproc__store32(&slot[1], 0);
      mproc__store32(&slot[2], 0);
      mproc__store32(&slot[0], 0);
    }
  }
  q->spill.holder_pid = 0;
  mproc__anchor_leave(q, (uint32_t)me);
  /* Out of the table first, then the look: of two holders leaving at once
   * at least one sees the other gone (both may unlink: harmless). */
  if (other_holder_alive(sp))
    return;
  uint32_t end = mproc__load32(&sp->next_seq);
  for (uint32_t s = mproc__load32(&sp->below); s != end && s != 0; s++)
    unlink_seq(sp, s);
  if (mproc__load32(&sp->anchored) != 0)
    mproc__anchor_unlink(q);
  /* What Windows could not delete while other holders mapped it: they are
   * gone now (a no-op on POSIX, where nothing is renamed). */
  char key[64], gone[96];
  mproc__spill_key(key, sizeof key, sp);
  int n = snprintf(gone, sizeof gone, GONE_PREFIX "%s-", key);
  if (n > 0 && (size_t)n < sizeof gone)
    mproc__spill_sweep(gone, any_gone);
}

/* ------------------------------------------------------------------------ */
/* Mappings                                                                 */
/* ------------------------------------------------------------------------ */

/* Maps segment @p seq of @p units into @p m (a cache of one mapping). */
static int map_seg(mproc_queue_t *q, mproc__shm_t *m, uint32_t *have,
                   uint32_t seq, uint32_t units) {
  if (*have == seq && m->addr)
    return 0;
  drop_map(q, m, have);
  mproc__spill_shared_t *sp = &q->sh->spill;
  if (units == 0 || units > MAX_UNITS || units > (uint32_t)(SIZE_MAX / UNIT))
    return mproc__queue_set_broken(q, "corrupt spill segment size");
  char name[96];
  seg_name(name, sizeof name, sp, seq);
  int rc = mproc__spill_open(m, name, (size_t)(units * UNIT));
  if (rc == MPROC_E_NOTFOUND)
    return mproc__queue_set_broken(q, "a spill segment is gone (every "
                                      "process holding the queue let it go, "
                                      "or it was swept)");
  if (rc < 0)
    return rc;
  seg_hdr_t *h = m->addr;
  if (h->magic != SEG_MAGIC || h->seq != seq || h->size != units) {
    mproc__shm_close(m);
    return mproc__queue_set_broken(q, "corrupt spill segment header");
  }
  *have = seq;
  return 0;
}

/* Under the producer lock: a segment announced by a producer that died
 * before it linked it is unlinked. */
static void clean_creating(mproc__spill_shared_t *sp) {
  uint32_t c = mproc__load32(&sp->creating);
  if (c != 0 && c != mproc__load32(&sp->wseq))
    unlink_seq(sp, c);
  if (c != 0)
    mproc__store32(&sp->creating, 0);
}

void mproc__spill_release_open(mproc_queue_t *q) {
  mproc__spill_shared_t *sp = &q->sh->spill;
  clean_creating(sp);
  uint32_t w = mproc__load32(&sp->wseq);
  mproc__store32(&q->sh->sp_active, 0);
  if (w == 0)
    return;
  uint32_t units = mproc__load32(&sp->wsize);
  /* The consumer is done with it (the spill is empty) and no later run
   * will start inside it. Its space is given back in the same bracket
   * (see spill_get()). */
  mproc__store32_release(&q->sh->pmid, 1);
  mproc__store32(&sp->wseq, 0);
  mproc__fetch_add32(&sp->units, (uint32_t)0 - units);
  mproc__store32_release(&q->sh->pmid, 0);
  /* This process's own view first: on Windows a mapped file is not
   * deleted (see mproc__spill_unlink). */
  if (q->spill.wseq == w) {
    mproc__shm_close(&q->spill.w);
    q->spill.wseq = 0;
  }
  unlink_through(sp, w);
}

/* ------------------------------------------------------------------------ */
/* put                                                                      */
/* ------------------------------------------------------------------------ */

static int limit_err(mproc__spill_shared_t *sp, size_t len) {
  uint64_t lim = (uint64_t)mproc__load32(&sp->limit) * UNIT;
  return mproc__err(MPROC_E_LIMIT,
                    "the queue's spill limit of %llu bytes is reached (see "
                    "mproc_queue_set_spill_limit): a message of %zu bytes "
                    "does not fit",
                    (unsigned long long)lim, len);
}

int mproc__spill_put(mproc_queue_t *q, const uint8_t hdr[8], const uint8_t *p,
                     size_t len) {
  queue_shared_t *sh = q->sh;
  mproc__spill_shared_t *sp = &sh->spill;
  holder_register(q);
  clean_creating(sp);
  uint32_t need = pad8(8 + len);
  bool empty = !mproc__spill_pending(sh);
  uint32_t w = mproc__load32(&sp->wseq);
  uint32_t wsize = mproc__load32(&sp->wsize);
  uint32_t wpos = mproc__load32(&sp->wpos);
  /* A segment released by another process since this one wrote it: let
   * go of it now rather than at the next segment. */
  if (q->spill.wseq != 0 && q->spill.wseq != w)
    drop_map(q, &q->spill.w, &q->spill.wseq);
  /* A live segment to append to, mapped here. */
  if (w != 0) {
    int rc = map_seg(q, &q->spill.w, &q->spill.wseq, w, wsize);
    if (rc < 0)
      return rc;
    if (wpos < SEG_HDR || wpos > q->spill.w.size)
      return mproc__queue_set_broken(q, "corrupt spill write position");
  }
  bool fits = w != 0 && (uint64_t)wpos + need <= q->spill.w.size;
  mproc__shm_t fresh = {NULL, 0, MPROC__INVALID_HANDLE};
  uint32_t fseq = 0, funits = 0;
  if (!fits) {
    uint64_t want = (SEG_HDR + (uint64_t)need + UNIT - 1) / UNIT;
    uint64_t units = want > SEG_UNITS ? want : SEG_UNITS;
    uint64_t limit = mproc__load32(&sp->limit);
    uint64_t used = mproc__load32(&sp->units);
    /* Near the limit, a smaller segment that still takes the frame. */
    if (used + units > limit && used + want <= limit)
      units = limit - used;
    if (used + units > limit)
      return limit_err(sp, len);
    /* The first spill names the queue's holders for the sweep. */
    int rc = mproc__anchor_make(q);
    if (rc < 0)
      return rc;
    fseq = mproc__load32(&sp->next_seq);
    if (fseq == 0)
      fseq = 1;
    funits = (uint32_t)units;
    char name[96];
    seg_name(name, sizeof name, sp, fseq);
    mproc__store32(&sp->creating, fseq);
    mproc__store32(&sp->next_seq, fseq + 1);
    rc = mproc__spill_create(&fresh, name, (size_t)(units * UNIT));
    if (rc < 0) {
      mproc__store32(&sp->creating, 0);
      return rc;
    }
    seg_hdr_t *fh = fresh.addr;
    fh->magic = SEG_MAGIC;
    fh->seq = fseq;
    fh->size = funits;
    wpos = SEG_HDR;
  }
  /* The frame, invisible until published. */
  uint8_t *base = fits ? q->spill.w.addr : fresh.addr;
  size_t bsize = fits ? q->spill.w.size : fresh.size;
  memcpy(base + wpos, hdr, 8);
  if (len)
    memcpy(base + wpos + 8, p, len);
  /* A segment is written once, front to back, and is not in the cache: the
   * barriers below would wait for this frame's lines to be fetched, item
   * after item (queue.64b.spill put 94 ns per 64-byte item, twice the
   * ring's). Lines fetched ahead overlap those waits. */
  if ((uint64_t)wpos + need + PREFETCH_AHEAD < bsize)
    mproc__prefetch_write(base + wpos + need + PREFETCH_AHEAD);

  mproc__store32_release(&sh->pmid, 1);
  if (!fits) {
    if (w != 0 && !empty) {
      /* Seal the old segment: the consumer moves on from its end. */
      seg_hdr_t *oh = q->spill.w.addr;
      mproc__store32(&oh->next_seq, fseq);
      mproc__store32(&oh->next_size, funits);
      mproc__store32_release(&oh->end, mproc__load32(&sp->wpos));
    }
    mproc__store32(&sp->wseq, fseq);
    mproc__store32(&sp->wsize, funits);
    mproc__fetch_add32(&sp->units, funits);
  }
  if (empty) {
    /* A new run: the consumer starts where this message is. */
    mproc__store32(&sp->run_seq, fits ? w : fseq);
    mproc__store32(&sp->run_size, fits ? wsize : funits);
    mproc__store32(&sp->run_pos, wpos);
    mproc__fetch_add32(&sp->run, 1);
  }
  /* Read by producers only, under the producer lock: its acquire orders
   * this store (no full barrier per item). */
  mproc__store32_release(&sp->wpos, wpos + need);
  mproc__fetch_add32(&sh->pcount, 1);
  if (sh->kind == MPROC__T_JOINABLE_QUEUE)
    mproc__fetch_add32(&sh->unfinished, 1);
  mproc__store32_release(&sp->pm, mproc__load32(&sp->pm) + 1);
  if (!mproc__load32(&sh->sp_active))
    mproc__store32(&sh->sp_active, 1);
  /* A drained segment nobody will read again, replaced: its space is
   * given back in the bracket (see spill_get()), its name goes after. */
  bool replaced = !fits && w != 0 && empty;
  if (replaced)
    mproc__fetch_add32(&sp->units, (uint32_t)0 - wsize);
  mproc__store32_release(&sh->pmid, 0);
  if (!fits) {
    mproc__store32(&sp->creating, 0);
    /* Unmapped before it is unlinked: see mproc__spill_unlink. */
    mproc__shm_close(&q->spill.w);
    if (replaced) {
      unlink_through(sp, w);
    }
    q->spill.w = fresh;
    q->spill.wseq = fseq;
  }
  mproc__queue_bump(q, true);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* get                                                                      */
/* ------------------------------------------------------------------------ */

int mproc__spill_get(mproc_queue_t *q, void *buf, size_t cap, uint8_t **out,
                     size_t *len, uint32_t *kind) {
  queue_shared_t *sh = q->sh;
  mproc__spill_shared_t *sp = &sh->spill;
  holder_register(q);
  uint32_t run = mproc__load32(&sp->run);
  if (mproc__load32(&sp->crun) != run) {
    /* The first message of a run: crun last, so a consumer dying before
     * it leaves the next one to do it again. */
    mproc__store32(&sp->rseq, mproc__load32(&sp->run_seq));
    mproc__store32(&sp->rsize, mproc__load32(&sp->run_size));
    mproc__store32(&sp->rpos, mproc__load32(&sp->run_pos));
    mproc__store32_release(&sp->crun, run);
  }
  for (;;) {
    uint32_t seq = mproc__load32(&sp->rseq);
    int rc =
        map_seg(q, &q->spill.r, &q->spill.rseq, seq, mproc__load32(&sp->rsize));
    if (rc < 0)
      return rc;
    seg_hdr_t *h = q->spill.r.addr;
    uint32_t end = mproc__load32(&h->end);
    uint32_t rpos = mproc__load32(&sp->rpos);
    if (end == 0 || rpos < end)
      break;
    /* Read to its end: on to the next one, and this one goes. */
    uint32_t nseq = mproc__load32(&h->next_seq);
    uint32_t nsize = mproc__load32(&h->next_size);
    uint32_t units = h->size;
    /* The space goes back with the move past the segment, in the cmid
     * bracket. After the unlink, a consumer killed between the two (the
     * unlink takes milliseconds under wine, a rename and a delete)
     * leaked the segment's units for good: the queue's spill limit
     * shrank by 4 MiB per such kill (test_consumer_killed_while_spilled
     * under wine). A kill after the bracket now leaves only the name,
     * which the next unlink_through() takes with its own. */
    mproc__store32_release(&sh->cmid, 1);
    mproc__store32(&sp->rseq, nseq);
    mproc__store32(&sp->rsize, nsize);
    mproc__store32(&sp->rpos, SEG_HDR);
    mproc__fetch_add32(&sp->units, (uint32_t)0 - units);
    mproc__store32_release(&sh->cmid, 0);
    mproc__shm_close(&q->spill.r);
    q->spill.rseq = 0;
    if (mproc__spill_moved_hook)
      mproc__spill_moved_hook(seq);
    unlink_through(sp, seq);
  }
  uint8_t *base = q->spill.r.addr;
  size_t size = q->spill.r.size;
  uint32_t rpos = mproc__load32(&sp->rpos);
  uint32_t l = 0;
  if (rpos < SEG_HDR || (uint64_t)rpos + 8 > size)
    return mproc__queue_set_broken(q, "corrupt spill read position");
  int rc = mproc__queue_read_header(q, base + rpos, &l, kind);
  if (rc < 0)
    return rc;
  if ((uint64_t)rpos + 8 + l > size)
    return mproc__queue_set_broken(q, "corrupt frame in a spill segment");
  *len = l;
  uint8_t *mem = NULL;
  if (buf) {
    if (l > cap)
      return mproc__err(MPROC_E_TOOBIG,
                        "the message has %u bytes, the buffer only %zu",
                        (unsigned)l, cap);
  } else {
    mem = malloc(l ? l : 1);
    if (!mem)
      return mproc__err(MPROC_E_NOMEM, "receiving a message of %u bytes",
                        (unsigned)l);
    buf = mem;
  }
  if (l)
    memcpy(buf, base + rpos + 8, l);
  if ((uint64_t)rpos + 8 + l + PREFETCH_AHEAD < size)
    mproc__prefetch_read(base + rpos + 8 + l + PREFETCH_AHEAD);
  /* Copied whole before it is freed: a consumer dying before here loses
   * nothing. */
  mproc__store32_release(&sh->cmid, 1);
  mproc__store32(&sp->rpos, rpos + pad8(8 + (size_t)l));
  mproc__fetch_add32(&sh->ccount, 1);
  mproc__store32_release(&sp->cm, mproc__load32(&sp->cm) + 1);
  mproc__store32_release(&sh->cmid, 0);
  mproc__queue_bump(q, false);
  if (out)
    *out = mem;
  return 0;
}

/* For tests (white-box): the queue's key. */
void mproc__queue_spill_key(mproc_queue_t *q, char *buf, size_t cap) {
  mproc__spill_key(buf, cap, &q->sh->spill);
}

/* For tests (white-box): 64 KiB units of live spill segments. */
uint32_t mproc__queue_spill_units(mproc_queue_t *q) {
  return mproc__load32(&q->sh->spill.units);
}
