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

uint32_t mproc__get_u32(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 4);
  uint32_t v = 0;
  for (int i = 0; p && i < 4; i++)
    v |= (uint32_t)p[i] << (8 * i);
  return v;
}

uint64_t mproc__get_u64(mproc__rbuf_t *r) {
  const uint8_t *p = mproc__get_raw(r, 8);
  uint64_t v = 0;
  for (int i = 0; p && i < 8; i++)
    v |= (uint64_t)p[i] << (8 * i);
  return v;
}
