/* SPDX-License-Identifier: MIT */
/*
 * Private to the common code: the queue types (queue.c), what the pool
 * needs of a queue, and the white-box hooks of the queue tests.
 */
#ifndef MPROC_QUEUE_H
#define MPROC_QUEUE_H

#include "object.h"

extern const mproc__type_t mproc__queue_type;
extern const mproc__type_t mproc__simple_queue_type;
extern const mproc__type_t mproc__joinable_queue_type;
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

#endif /* MPROC_QUEUE_H */
