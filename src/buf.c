/* SPDX-License-Identifier: MIT */
/*
 * Byte buffers (see buf.h). Integers are little endian on every wire that
 * uses these.
 */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

bool mproc__wbuf_reserve(mproc__wbuf_t *b, size_t n) {
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
  if (!mproc__wbuf_reserve(b, n))
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
