/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: a queue's consumer facing a hostile or corrupt ring.
 *
 * Any process that has a queue maps its whole region and may write
 * anything into the ring and into the shared words (positions, counts,
 * lock words, flags). The input is a little program that does that, mixed
 * with well-formed traffic, and calls get, get_bytes, qsize, empty, full,
 * task_done and join with zero timeouts in between: every call must come
 * back with a status (an item, MPROC_E_EMPTY, MPROC_E_BROKEN, ...), never
 * crash, read outside the ring, allocate what a scribbled header claims
 * or hang.
 *
 * A message larger than the ring streams through it while its producer
 * holds the producer lock, and the consumer waits for each chunk with no
 * deadline. To reach that deterministically in one thread, the target
 * installs the queue's peer hook: a consumer that would sleep inside a
 * streamed message calls it, and the target plays the producer there with
 * the next operations of the input (more chunks, or more scribbling).
 * When the input is used up the producer dies (the lock word names a dead
 * process), which the consumer must notice rather than wait forever.
 *
 * Input: one configuration byte (kind of queue, maxsize), then operations,
 * each an opcode byte and its operands; see run() and peer_op().
 *
 * Built with clang -fsanitize=fuzzer by ci/fuzz.sh; the same file is linked
 * with tests/fuzz/replay.c into a ctest test that replays the corpus on
 * every platform.
 */
#include "queue.h"

#include <mproc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The frame format of src/queue.c (u32 length, u32 check = FRAME_MAGIC ^
 * length ^ kind, little-endian), as a peer writes it. */
#define FRAME_MAGIC 0x51a7e000u
#define FRAME_HDR 8u

/* Operations (the opcode byte, modulo OP_COUNT). */
enum {
  OP_PUT_BYTES,  /* u16 len, bytes: mproc_queue_put_bytes */
  OP_PUT_VALUES, /* u8 len, bytes, u32 int: mproc_queue_put */
  OP_GET,        /* mproc_queue_get */
  OP_GET_BYTES,  /* u16 buffer size: mproc_queue_get_bytes */
  OP_SIZE,       /* qsize, empty, full */
  OP_SET_WORD,   /* u8 word, u32 value */
  OP_ADD_WORD,   /* u8 word, i8 delta */
  OP_SCRIBBLE,   /* u16 ring offset, u8 len, bytes */
  OP_FRAME,      /* u8 flags, u16 len, u8 prefix len, bytes: a peer's frame */
  OP_CHUNK,      /* u16 max: the peer's next chunk of a streamed frame */
  OP_CLOSE,      /* mproc_queue_close */
  OP_JOINABLE,   /* task_done, join(0) */
  OP_COUNT
};

/* Operations the producer may do while the consumer waits (peer hook). */
enum { PEER_CHUNK, PEER_SET_WORD, PEER_ADD_WORD, PEER_SCRIBBLE, PEER_COUNT };

static struct {
  const uint8_t *p;
  size_t len, off;
  mproc_queue_t *q;
  uint8_t *ring;
  uint32_t cap;
  uint32_t self, dead; /* this process, and a pid that is not running */
  /* The frame the simulated producer is streaming: its header and payload
   * (a prefix from the input, then a pattern), and how much is written. */
  bool streaming;
  uint8_t hdr[FRAME_HDR];
  const uint8_t *prefix;
  size_t prefix_len, total, done;
} F;

static bool more(void) {
  return F.off < F.len;
}

static uint8_t u8(void) {
  return F.off < F.len ? F.p[F.off++] : 0;
}

static uint32_t u16(void) {
  uint32_t lo = u8();
  return lo | (uint32_t)u8() << 8;
}

static uint32_t u32(void) {
  uint32_t lo = u16();
  return lo | u16() << 16;
}

/* Up to @p n bytes of the input (fewer at its end). */
static const uint8_t *take(size_t *n) {
  size_t left = F.len - F.off;
  if (*n > left)
    *n = left;
  const uint8_t *p = F.p + F.off;
  F.off += *n;
  return p;
}

static volatile uint32_t *word(mproc__queue_word_t w) {
  return mproc__queue_word(F.q, w);
}

static void ring_write(uint32_t pos, const uint8_t *src, size_t n) {
  for (size_t i = 0; i < n; i++)
    F.ring[(pos + i) & (F.cap - 1)] = src[i];
}

/* Byte @p i of the frame being streamed (header included). */
static uint8_t frame_byte(size_t i) {
  if (i < FRAME_HDR)
    return F.hdr[i];
  i -= FRAME_HDR;
  return i < F.prefix_len ? F.prefix[i] : (uint8_t)(i * 131u + 7u);
}

/* The simulated producer writes at most @p max (0: no limit) more bytes of
 * its frame, as much as the ring has room for, and publishes them; the
 * last chunk completes the message and lets the producer lock go, as
 * put_frame() does. */
static void peer_chunk(uint32_t max) {
  if (!F.streaming)
    return;
  uint32_t head = *word(MPROC__QW_HEAD), tail = *word(MPROC__QW_TAIL);
  uint32_t used = head - tail;
  size_t room = used < F.cap ? F.cap - used : 0;
  size_t n = F.total - F.done;
  if (n > room)
    n = room;
  if (max && n > max)
    n = max;
  for (size_t i = 0; i < n; i++)
    F.ring[(head + i) & (F.cap - 1)] = frame_byte(F.done + i);
  F.done += n;
  head += (uint32_t)n;
  if (F.done == F.total) {
    *word(MPROC__QW_PMID) = 1;
    (*word(MPROC__QW_PCOUNT))++;
    *word(MPROC__QW_HEAD) = head;
    *word(MPROC__QW_PMID) = 0;
    *word(MPROC__QW_PLOCK) = 0;
    F.streaming = false;
  } else {
    *word(MPROC__QW_HEAD) = head;
  }
  (*word(MPROC__QW_PRODUCED))++;
}

/* A frame written straight into the ring at head, as a producer (or a
 * liar) would: @p flags choose the kind (values, bytes, another, or a
 * check word from the input) and whether the length is scaled up, so that
 * frames larger than the ring are streamed. */
static void peer_frame(void) {
  uint8_t flags = u8();
  uint32_t len = u16();
  if (flags & 4)
    len <<= 6; /* up to 4 MiB: streams through a 4 KiB ring */
  size_t plen = u8();
  if (flags & 8)
    plen = len; /* the whole payload from the input, as far as it goes */
  const uint8_t *prefix = take(&plen);
  uint32_t kind = flags & 3, check;
  if (kind == 3)
    check = u32();
  else
    check = FRAME_MAGIC ^ len ^ (kind ? kind : 0x77u);
  for (int i = 0; i < 4; i++) {
    F.hdr[i] = (uint8_t)(len >> (8 * i));
    F.hdr[4 + i] = (uint8_t)(check >> (8 * i));
  }
  F.prefix = prefix;
  F.prefix_len = plen;
  F.total = FRAME_HDR + (size_t)len;
  F.done = 0;
  F.streaming = true;
  if (F.total > F.cap) {
    /* Streamed: the producer holds its lock for the whole message, in
     * the middle of it (pmid); this process stands for it. */
    *word(MPROC__QW_PLOCK) = F.self;
    *word(MPROC__QW_PTOK_LO) = 0;
    *word(MPROC__QW_PMID) = 1;
  }
  peer_chunk(flags & 16 ? u16() : 0);
}

static void set_word(void) {
  mproc__queue_word_t w = (mproc__queue_word_t)(u8() % MPROC__QW_COUNT);
  uint32_t v = u32();
  *word(w) = v;
}

static void add_word(void) {
  mproc__queue_word_t w = (mproc__queue_word_t)(u8() % MPROC__QW_COUNT);
  int8_t d = (int8_t)u8();
  *word(w) += (uint32_t)(int32_t)d;
}

static void scribble(void) {
  uint32_t off = u16();
  size_t n = u8();
  const uint8_t *p = take(&n);
  ring_write(off, p, n);
}

/* The peer hook: a consumer inside a streamed message would sleep; the
 * producer acts instead, or dies once the input is used up. */
static void peer_op(mproc_queue_t *q) {
  (void)q;
  if (!more()) {
    *word(MPROC__QW_PLOCK) = F.dead;
    return;
  }
  switch (u8() % PEER_COUNT) {
  case PEER_CHUNK:
    peer_chunk(u16());
    break;
  case PEER_SET_WORD:
    set_word();
    break;
  case PEER_ADD_WORD:
    add_word();
    break;
  default:
    scribble();
    break;
  }
}

/* What a call may return: success or one of the library's statuses. */
static void check_status(int rc) {
  if (rc > 0 || strcmp(mproc_err_name(rc), "MPROC_E_UNKNOWN") == 0)
    abort();
}

static void do_get(void) {
  mproc_value_t *vals = NULL;
  size_t n = 0;
  int rc = mproc_queue_get(F.q, &vals, &n, 0);
  check_status(rc);
  if (rc == 0)
    mproc_values_free(vals, n);
  else if (vals || n)
    abort();
}

static void do_get_bytes(void) {
  size_t cap = u16();
  uint8_t *buf = malloc(cap ? cap : 1);
  if (!buf)
    return;
  size_t len = 0;
  int rc = mproc_queue_get_bytes(F.q, buf, cap, &len, 0);
  check_status(rc);
  if ((rc == 0 && len > cap) || (rc == MPROC_E_TOOBIG && len <= cap))
    abort();
  free(buf);
}

static void run(void) {
  while (more()) {
    switch (u8() % OP_COUNT) {
    case OP_PUT_BYTES: {
      /* A message that fits: a larger one would stream, and its put wait
       * for a consumer as long as it takes (there is none here). */
      size_t n = u16() % (F.cap - FRAME_HDR + 1);
      const uint8_t *p = take(&n);
      check_status(mproc_queue_put_bytes(F.q, p, n, 0));
      break;
    }
    case OP_PUT_VALUES: {
      size_t n = u8();
      const uint8_t *p = take(&n);
      mproc_value_t v[2] = {mproc_bytes(p, n), mproc_int((int32_t)u32())};
      check_status(mproc_queue_put(F.q, v, 2, 0));
      break;
    }
    case OP_GET:
      do_get();
      break;
    case OP_GET_BYTES:
      do_get_bytes();
      break;
    case OP_SIZE: {
      size_t n = 0;
      check_status(mproc_queue_qsize(F.q, &n));
      if (n > UINT32_MAX / 2)
        abort();
      int e = mproc_queue_empty(F.q), f = mproc_queue_full(F.q);
      if (e < 0 || e > 1 || f < 0 || f > 1)
        abort();
      break;
    }
    case OP_SET_WORD:
      set_word();
      break;
    case OP_ADD_WORD:
      add_word();
      break;
    case OP_SCRIBBLE:
      scribble();
      break;
    case OP_FRAME:
      peer_frame();
      break;
    case OP_CHUNK:
      peer_chunk(u16());
      break;
    case OP_CLOSE:
      check_status(mproc_queue_close(F.q));
      break;
    default:
      check_status(mproc_queue_task_done(F.q));
      check_status(mproc_queue_join(F.q, 0));
      break;
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  memset(&F, 0, sizeof F);
  F.p = data;
  F.len = size;
  F.self = (uint32_t)mproc__getpid();
  /* A pid no process has: pids stay far below this on Linux (at most
   * 2^22) and Windows. */
  F.dead = 0x7ffffff0u;
  while (mproc__pid_alive(F.dead, 0))
    F.dead -= 4;
  uint8_t config = u8();
  mproc_queue_options_t opts = {0};
  opts.capacity = 4096; /* the smallest ring: wrapping and streaming */
  opts.maxsize = (config >> 2) & 3;
  int (*create)(mproc_queue_t **, const mproc_queue_options_t *) =
      config % 3 == 0   ? mproc_queue_create
      : config % 3 == 1 ? mproc_simple_queue_create
                        : mproc_joinable_queue_create;
  if (create(&F.q, &opts) != 0)
    abort();
  void *ring = NULL;
  size_t cap = 0;
  if (mproc__queue_ring(F.q, &ring, &cap) != 0)
    abort();
  F.ring = ring;
  F.cap = (uint32_t)cap;
  mproc__queue_peer_hook = peer_op;
  /* Inputs name live processes as the producer lock's holder; a put then
   * waits the grace out before MPROC_E_TIMEOUT. What is checked is that
   * it comes back, not how long it waits. */
  mproc__queue_plock_grace_ns = 1000000;
  run();
  mproc__queue_peer_hook = NULL;
  mproc_queue_destroy(F.q);
  return 0;
}
