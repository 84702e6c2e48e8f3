/* SPDX-License-Identifier: MIT */
/*
 * Frames on a socket: a 4-byte big-endian length, then the payload, as
 * CPython's Connection frames its messages (the handshake and both manager
 * protocols use them). A frame's length is checked before anything is
 * allocated for it.
 */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

int mproc__frame_send(mproc__net_t *c, const void *payload, size_t len) {
  if (len > MPROC_MANAGER_MAX_FRAME)
    return mproc__err(MPROC_E_TOOBIG,
                      "a message of %zu bytes exceeds the manager's frame "
                      "limit",
                      len);
  uint8_t *buf = malloc(len + 4);
  if (!buf)
    return mproc__err(MPROC_E_NOMEM, "sending %zu bytes", len);
  buf[0] = (uint8_t)(len >> 24);
  buf[1] = (uint8_t)(len >> 16);
  buf[2] = (uint8_t)(len >> 8);
  buf[3] = (uint8_t)len;
  if (len)
    memcpy(buf + 4, payload, len);
  int rc = mproc__net_send(c, buf, len + 4);
  free(buf);
  return rc;
}

/* A frame's length from its 4-byte header, if at most @p max. */
int mproc__frame_length(const uint8_t h[4], size_t max, size_t *n) {
  *n = ((size_t)h[0] << 24) | ((size_t)h[1] << 16) | ((size_t)h[2] << 8) |
       (size_t)h[3];
  if (*n > max)
    return mproc__err(MPROC_E_TOOBIG, "a frame of %zu bytes (limit %zu)", *n,
                      max);
  return 0;
}

int mproc__frame_recv_into(mproc__net_t *c, size_t max, mproc__wbuf_t *b) {
  uint8_t h[4];
  size_t n = 0;
  int rc = mproc__net_recv(c, h, 4);
  if (rc == 0)
    rc = mproc__frame_length(h, max, &n);
  if (rc < 0)
    return rc;
  b->len = 0;
  if (!b->p || b->cap < n) {
    /* Not realloc(): what the buffer held is not kept, so not copied. */
    uint8_t *p = malloc(n ? n : 1);
    if (!p)
      return mproc__err(MPROC_E_NOMEM, "receiving %zu bytes", n);
    free(b->p);
    b->p = p;
    b->cap = n ? n : 1;
  }
  rc = mproc__net_recv(c, b->p, n);
  if (rc < 0)
    return rc;
  b->len = n;
  return 0;
}

/* Receives one frame of at most @p max bytes: the length is checked before
 * anything is allocated. */
int mproc__frame_recv(mproc__net_t *c, size_t max, uint8_t **out, size_t *len) {
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  int rc = mproc__frame_recv_into(c, max, &b);
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  *out = b.p;
  *len = b.len;
  return 0;
}
