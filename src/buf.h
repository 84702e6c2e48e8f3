/* SPDX-License-Identifier: MIT */
/*
 * Byte buffers: a growing writer and a bounds-checked reader, shared by
 * everything that puts bytes on a wire (the value encoding, the object
 * reductions, queue framing, the manager's protocols).
 */
#ifndef MPROC_BUF_H
#define MPROC_BUF_H

#include "internal.h"

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

void mproc__put_u8(mproc__wbuf_t *b, uint8_t v);
void mproc__put_u32(mproc__wbuf_t *b, uint32_t v);
void mproc__put_u64(mproc__wbuf_t *b, uint64_t v);
void mproc__put_raw(mproc__wbuf_t *b, const void *p, size_t n);
/* Frees @p b's memory if it holds more than @p keep bytes (it starts over
 * empty then): a buffer reused for many messages does not keep the largest
 * one's memory. */
void mproc__wbuf_trim(mproc__wbuf_t *b, size_t keep);

/* A bounds-checked reader. A read past the end fails, sets err and yields
 * zeros, so a sequence of gets needs one check at the end. */
typedef struct mproc__rbuf {
  const uint8_t *p;
  size_t len, off;
  bool err;
} mproc__rbuf_t;

uint8_t mproc__get_u8(mproc__rbuf_t *r);
uint32_t mproc__get_u32(mproc__rbuf_t *r);
uint64_t mproc__get_u64(mproc__rbuf_t *r);
/* Returns a pointer to @p n bytes inside the buffer, or NULL. */
const uint8_t *mproc__get_raw(mproc__rbuf_t *r, size_t n);

#endif /* MPROC_BUF_H */
