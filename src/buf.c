/* SPDX-License-Identifier: MIT */
/*
 * Byte buffers (see buf.h). Integers are little endian on every wire that
 * uses these.
 */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static bool wbuf_reserve(mproc__wbuf_t *b, size_t n) {
  if (b->err)
    return false;
  if (n <= b->cap - b->len)
    return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len < n) {
    if (cap > SIZE_MAX / 2) {
      b->err = MPROC_E_NOMEM;
      return false;
    }
    cap *= 2;
  }
  uint8_t *p = realloc(b->p, cap);
  if (!p) {
    b->err = MPROC_E_NOMEM;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

void mproc__put_raw(mproc__wbuf_t *b, const void *p, size_t n) {
  if (!wbuf_reserve(b, n))
    return;
  if (n)
    memcpy(b->p + b->len, p, n);
  b->len += n;
}

void mproc__wbuf_trim(mproc__wbuf_t *b, size_t keep) {
  if (b->cap <= keep)
    return;
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

void mproc__put_u8(mproc__wbuf_t *b, uint8_t v) {
  mproc__put_raw(b, &v, 1);
}

void mproc__put_u32(mproc__wbuf_t *b, uint32_t v) {
  uint8_t x[4];
  for (int i = 0; i < 4; i++)
    x[i] = (uint8_t)(v >> (8 * i));
  mproc__put_raw(b, x, 4);
}

void mproc__put_u64(mproc__wbuf_t *b, uint64_t v) {
  uint8_t x[8];
  for (int i = 0; i < 8; i++)
    x[i] = (uint8_t)(v >> (8 * i));
  mproc__put_raw(b, x, 8);
}

const uint8_t *mproc__get_raw(mproc__rbuf_t *r, size_t n) {
  if (r->err || n > r->len - r->off) {
    r->err = true;
    return NULL;
  }
  const uint8_t *p = r->p + r->off;
  r->off += n;
  return p;
}

uint8_t mproc__get_u8(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 1);
  return p ? p[0] : 0;
}

/* The reads below are written out byte by byte, with the bounds check
 * before them rather than inside a loop: compilers turn this form into one
 * load (and a byte swap on a big-endian machine), which the loop with its
 * check on every byte kept them from doing. Decoding a manager request
 * reads a dozen of these; the loop was a tenth of the server's own work
 * per request. */
uint32_t mproc__get_u32(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 4);
  if (!p)
    return 0;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

uint64_t mproc__get_u64(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 8);
  if (!p)
    return 0;
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
         (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
         (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}
