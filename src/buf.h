/* SPDX-License-Identifier: MIT */
/*
 * Byte buffers: a growing writer and a bounds-checked reader, shared by
 * everything that puts bytes on a wire (the value encoding, the object
 * reductions, queue framing, the manager's protocols).
 */
#ifndef MPROC_BUF_H
#define MPROC_BUF_H

#include "internal.h"

#include <string.h>

/* ------------------------------------------------------------------------ */
/* Byte buffers (buf.c)                                                     */
/* ------------------------------------------------------------------------ */

/* A growing output buffer. The first failure sticks in err; later puts are
 * no-ops, so a sequence of puts needs one check at the end. */
typedef struct mproc__wbuf {
  uint8_t *p;
  size_t len, cap;
  int err;
} mproc__wbuf_t;

/* Appends @p n bytes, growing the buffer (or recording the failure): the
 * slow path of the puts below. */
void mproc__put_raw(mproc__wbuf_t *b, const void *p, size_t n);
/* Makes room for @p n more bytes; false (and err set) if out of memory. */
bool mproc__wbuf_reserve(mproc__wbuf_t *b, size_t n);
/* Frees @p b's memory if it holds more than @p keep bytes (it starts over
 * empty then): a buffer reused for many messages does not keep the largest
 * one's memory. */
void mproc__wbuf_trim(mproc__wbuf_t *b, size_t keep);

/* Little-endian 64-bit stores and loads: one move on a little-endian host
 * (every one mproc builds for; Windows is always), bytes elsewhere. The
 * byte loop alone made gcc assemble the word with shifts and ors. */
#if (defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&            \
     __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) ||                             \
    defined(_WIN32)
#define MPROC__LITTLE_ENDIAN 1
#endif

static inline void mproc__le64_store(uint8_t *p, uint64_t v) {
#ifdef MPROC__LITTLE_ENDIAN
  memcpy(p, &v, 8);
#else
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
#endif
}

static inline uint64_t mproc__le64_load(const uint8_t *p) {
  uint64_t v = 0;
#ifdef MPROC__LITTLE_ENDIAN
  memcpy(&v, p, 8);
#else
  for (int i = 0; i < 8; i++)
    v |= (uint64_t)p[i] << (8 * i);
#endif
  return v;
}

/* The puts and gets below are inline: the value codec calls them once per
 * field, and a call each (with its own capacity check) was half the cost
 * of encoding an int (callgrind, the pool's map of ints). The byte loops
 * compile to one load or store on a little-endian target. */
static inline void mproc__put_u8(mproc__wbuf_t *b, uint8_t v) {
  if (b->cap - b->len >= 1 && !b->err)
    b->p[b->len++] = v;
  else
    mproc__put_raw(b, &v, 1);
}

static inline void mproc__put_u32(mproc__wbuf_t *b, uint32_t v) {
  uint8_t x[4];
  for (int i = 0; i < 4; i++)
    x[i] = (uint8_t)(v >> (8 * i));
  if (b->cap - b->len >= 4 && !b->err) {
    memcpy(b->p + b->len, x, 4);
    b->len += 4;
  } else {
    mproc__put_raw(b, x, 4);
  }
}

static inline void mproc__put_u64(mproc__wbuf_t *b, uint64_t v) {
  uint8_t x[8];
  mproc__le64_store(x, v);
  if (b->cap - b->len >= 8 && !b->err) {
    memcpy(b->p + b->len, x, 8);
    b->len += 8;
  } else {
    mproc__put_raw(b, x, 8);
  }
}

/* A bounds-checked reader. A read past the end fails, sets err and yields
 * zeros, so a sequence of gets needs one check at the end. */
typedef struct mproc__rbuf {
  const uint8_t *p;
  size_t len, off;
  bool err;
} mproc__rbuf_t;

/* Returns a pointer to @p n bytes inside the buffer, or NULL. */
static inline const uint8_t *mproc__get_raw(mproc__rbuf_t *r, size_t n) {
  if (r->err || n > r->len - r->off) {
    r->err = true;
    return NULL;
  }
  const uint8_t *p = r->p + r->off;
  r->off += n;
  return p;
}

static inline uint8_t mproc__get_u8(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 1);
  return p ? p[0] : 0;
}

static inline uint32_t mproc__get_u32(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 4);
  if (!p)
    return 0;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static inline uint64_t mproc__get_u64(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 8);
  return p ? mproc__le64_load(p) : 0;
}

#endif /* MPROC_BUF_H */
