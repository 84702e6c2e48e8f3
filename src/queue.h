/* SPDX-License-Identifier: MIT */
/*
 * Private to the common code: the queue types (queue.c), what the pool
 * needs of a queue, and the white-box hooks of the queue tests.
 */
#ifndef MPROC_QUEUE_H
#define MPROC_QUEUE_H

#include "object.h"

/* Where the ring starts in the region; the header fits before it. */
#define MPROC__QUEUE_RING_OFFSET 2048u
/* The holder table of the spill (see queue_spill.c). */
#define MPROC__SPILL_HOLDERS 64

/* The spill's part of the shared header: written under the producer lock
 * (line 5), under the consumer lock (line 6), fixed at creation or atomic
 * (line 7), and the processes holding the queue. */
typedef struct mproc__spill_shared {
  /* Line 5: producer side. */
  volatile uint32_t pm;    /* messages published into the spill */
  volatile uint32_t wseq;  /* the segment being written (0: none) */
  volatile uint32_t wsize; /* its size, in units */
  volatile uint32_t wpos;  /* its first free byte */
  volatile uint32_t run;   /* bumped when a spill starts from empty */
  volatile uint32_t run_seq, run_size, run_pos; /* where that run starts */
  volatile uint32_t next_seq;                   /* the next segment's number */
  volatile uint32_t creating; /* a segment being created (0: none) */
  uint32_t pad5[6];
  /* Line 6: consumer side. */
  volatile uint32_t cm;    /* messages taken from the spill */
  volatile uint32_t rseq;  /* the segment being read */
  volatile uint32_t rsize; /* its size, in units */
  volatile uint32_t rpos;  /* its first unread byte */
  volatile uint32_t crun;  /* the run the read position belongs to */
  uint32_t pad6[11];
  /* Line 7: the name, the limit, the space in use. */
  uint32_t id_lo, id_hi;           /* random, per queue */
  uint32_t cpid, ctok_lo, ctok_hi; /* the creator, for the sweep */
  volatile uint32_t limit;         /* units */
  volatile uint32_t units;         /* units of live segments */
  volatile uint32_t below;         /* every segment below is unlinked */
  volatile uint32_t anchored;      /* the anchor: 0 none, 1 being made, 2 */
  uint32_t pad7[7];
  volatile uint32_t holders[MPROC__SPILL_HOLDERS][3]; /* pid, token lo/hi */
} mproc__spill_shared_t;

/* What one process keeps of the spill: its mappings of the segment it
 * writes and of the one it reads. */
typedef struct mproc__spill_local {
  mproc__shm_t w, r;
  uint32_t wseq, rseq;
  int64_t holder_pid; /* the process registered in the table, or 0 */
} mproc__spill_local_t;

/* Every word that is parked on lies within the first 127 words of the
 * region, as the Windows park needs (see src/win32/park.c). The words the
 * producer side writes and those the consumer side writes sit on separate
 * cache lines, so that a producer and a consumer running at once do not
 * take each other's lines on every message. */
typedef struct queue_shared {
  /* Line 0: fixed at creation, or rarely written. */
  uint32_t magic;
  uint32_t kind; /* the type id */
  uint32_t cap, maxsize;
  volatile uint32_t park;
  volatile uint32_t closed, broken;
  volatile uint32_t unfinished, join_waiters; /* JoinableQueue */
  uint32_t pad0[7];
  /* Line 1: written by the producer side only. */
  volatile uint32_t plock, pwaiters, ptok_lo, ptok_hi, pmid;
  volatile uint32_t head;
  volatile uint32_t produced;  /* bumped on publish */
  volatile uint32_t pcount;    /* messages published */
  volatile uint32_t tail_seen; /* the producer's last look at tail */
  volatile uint32_t sp_active; /* messages went to the spill: FIFO says
                                  the ring waits until it drains */
  uint32_t pad1[6];
  /* Line 2: written by the consumer side only. */
  volatile uint32_t clock, cwaiters, ctok_lo, ctok_hi, cmid;
  volatile uint32_t tail;
  volatile uint32_t consumed;  /* bumped on free */
  volatile uint32_t ccount;    /* messages consumed */
  volatile uint32_t head_seen; /* the consumer's last look at head */
  uint32_t pad2[7];
  /* Lines 3 and 4: written only by a side about to sleep. */
  volatile uint32_t produced_waiters; /* consumers asleep on `produced` */
  uint32_t pad3[15];
  volatile uint32_t consumed_waiters; /* producers asleep on `consumed` */
  uint32_t pad4[15];
  /* Lines 5 to 7 and the holder table: the spill (queue_spill.c). */
  mproc__spill_shared_t spill;
} queue_shared_t;

struct mproc_queue {
  mproc_object_t base;
  mproc__shm_t shm;
  mproc__park_t park;
  queue_shared_t *sh;
  uint8_t *ring;
  /* The ring's size, kept out of shared memory: another process may
   * scribble on the region, never on the bounds this one copies within. */
  uint32_t cap;
  mproc__spill_local_t spill;
};

extern const mproc__type_t mproc__queue_type;
extern const mproc__type_t mproc__simple_queue_type;
extern const mproc__type_t mproc__joinable_queue_type;
/* The spill (queue_spill.c). Init at creation (with the limit in bytes,
 * 0 for the default; sweeps the segments of dead queues), attach in a
 * process that received the queue, detach when it lets the queue go (the
 * last live holder unlinks every segment). put and get run under the
 * producer and consumer lock: put returns MPROC_E_LIMIT with nothing
 * published when the spill cannot take the frame; get is called only when
 * the ring is empty and mproc__spill_pending() (see get_frame()). */
#define MPROC__SPILL_DEFAULT_LIMIT ((uint64_t)2 << 30)
int mproc__spill_init(mproc_queue_t *q, uint64_t limit);
void mproc__spill_attach(mproc_queue_t *q);
void mproc__spill_detach(mproc_queue_t *q);
int mproc__spill_put(mproc_queue_t *q, const uint8_t hdr[8], const uint8_t *p,
                     size_t len);
int mproc__spill_get(mproc_queue_t *q, void *buf, size_t cap, uint8_t **out,
                     size_t *len, uint32_t *kind);
bool mproc__spill_pending(queue_shared_t *sh);
/* Under the producer lock, once the spill is empty: releases the segment
 * left open for writing. */
void mproc__spill_release_open(mproc_queue_t *q);
int mproc__spill_set_limit(mproc_queue_t *q, uint64_t limit);
/* The anchor of a spilled queue (queue_anchor.c): a named list of its
 * holders that the sweep reads. make under the producer lock before the
 * first segment; join and leave as a process enters and leaves the holder
 * table; unlink with the last holder. spares: whether the sweep must
 * leave the names of the queue of @p key ("<cpid>-<token>-<id>") alone. */
void mproc__spill_key(char *buf, size_t cap, mproc__spill_shared_t *sp);
int mproc__anchor_make(mproc_queue_t *q);
void mproc__anchor_join(mproc_queue_t *q, uint32_t pid, uint64_t tok);
void mproc__anchor_leave(mproc_queue_t *q, uint32_t pid);
void mproc__anchor_unlink(mproc_queue_t *q);
bool mproc__anchor_spares(const char *key);
/* In a fork child, with its arguments: registers it as a holder of the
 * queues among them. */
void mproc__queue_fork_child(const mproc_value_t *args, size_t nargs);
/* In a fork child whose function returned: leaves those holders. */
void mproc__queue_fork_child_end(const mproc_value_t *args, size_t nargs);
/* What the spill needs of queue.c. */
int mproc__queue_set_broken(mproc_queue_t *q, const char *why);
void mproc__queue_bump(mproc_queue_t *q, bool produced);
int mproc__queue_read_header(mproc_queue_t *q, const uint8_t *hdr,
                             uint32_t *len, uint32_t *kind);
/* Tests: called by a consumer that moved past drained spill segment
 * @p seq, before it unlinks it (queue_spill.c). */
extern void (*mproc__spill_moved_hook)(uint32_t seq);
/* Tests: the number of live spill segments and their bytes. */
uint32_t mproc__queue_spill_units(mproc_queue_t *q);
/* Tests: the queue's key, as the names of its segments and anchor carry
 * it (mproc__spill_key). */
void mproc__queue_spill_key(mproc_queue_t *q, char *buf, size_t cap);
/*
 * Puts @p vals only if that takes neither a wait nor a system call (the
 * producer lock free at once, the frame fitting the ring now), else
 * MPROC_E_FULL: for a wake-up whose loss costs only latency, to a reader
 * that polls anyway (the pool's handler). A timeout-0 mproc_queue_put()
 * is no substitute: on a queue without maxsize it waits for a producer
 * lock that another process holds (mproc__queue_plock_grace_ns), and it
 * may spill (files, maps), so a "cannot fail" nudge parked the caller on
 * a loaded machine, and the failure of that park had to be dropped.
 */
int mproc__queue_put_hint(mproc_queue_t *q, const mproc_value_t *vals,
                          size_t n);
/* Whether a get would find a message (or the queue closed or broken). */
int mproc__queue_ready(mproc_queue_t *q);
/* Tests: the ring of a queue. */
int mproc__queue_ring(mproc_queue_t *q, void **ring, size_t *cap);
uint32_t mproc__queue_used(mproc_queue_t *q);
uint32_t mproc__queue_holder(mproc_queue_t *q, bool consumer);
bool mproc__queue_mid(mproc_queue_t *q, bool consumer);
void mproc__queue_fake_holder(mproc_queue_t *q, bool consumer, uint32_t pid,
                              bool mid);
void mproc__queue_fake_stealer(mproc_queue_t *q, bool consumer, uint32_t pid);
/* Tests (fuzzing): the words of the shared header, which another process
 * could scribble on, and a hook that a consumer waiting inside a
 * streamed message calls instead of sleeping (the test plays the producer
 * in it). */
typedef enum mproc__queue_word {
  MPROC__QW_KIND,
  MPROC__QW_MAXSIZE,
  MPROC__QW_CLOSED,
  MPROC__QW_BROKEN,
  MPROC__QW_UNFINISHED,
  MPROC__QW_PLOCK,
  MPROC__QW_PTOK_LO,
  MPROC__QW_PMID,
  MPROC__QW_HEAD,
  MPROC__QW_PRODUCED,
  MPROC__QW_PCOUNT,
  MPROC__QW_TAIL_SEEN,
  MPROC__QW_CLOCK,
  MPROC__QW_CTOK_LO,
  MPROC__QW_CMID,
  MPROC__QW_TAIL,
  MPROC__QW_CONSUMED,
  MPROC__QW_CCOUNT,
  MPROC__QW_HEAD_SEEN,
  MPROC__QW_COUNT
} mproc__queue_word_t;
volatile uint32_t *mproc__queue_word(mproc_queue_t *q, mproc__queue_word_t w);
extern void (*mproc__queue_peer_hook)(mproc_queue_t *q);
/* How long a put on a queue without maxsize waits, at least, for a
 * producer lock another process holds (500 ms; src/queue.c). */
extern int64_t mproc__queue_plock_grace_ns;

#endif /* MPROC_QUEUE_H */
