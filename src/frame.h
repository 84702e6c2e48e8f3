/* SPDX-License-Identifier: MIT */
/*
 * Frames on a socket (frame.c): what the auth handshake and the manager's
 * protocols send and receive.
 */
#ifndef MPROC_FRAME_H
#define MPROC_FRAME_H

#include "buf.h"
#include "internal.h"

/* Sends one frame; MPROC_E_TOOBIG, before anything is written, past
 * MPROC_MANAGER_MAX_FRAME. */
int mproc__frame_send(mproc__net_t *c, const void *payload, size_t len);
/* A frame's length from its 4-byte header, if at most @p max. */
int mproc__frame_length(const uint8_t h[4], size_t max, size_t *n);
/* Receives one frame of at most @p max bytes into a malloc'ed buffer. */
int mproc__frame_recv(mproc__net_t *c, size_t max, uint8_t **out, size_t *len);
/* The same into @p b (b->p[0 .. b->len)), reusing the memory b holds from
 * an earlier frame when it is large enough: a connection that receives
 * many frames mallocs once, not per frame. @p b starts zeroed; its owner
 * frees b->p. On failure b->len is 0 and b->p is still b's to free. */
int mproc__frame_recv_into(mproc__net_t *c, size_t max, mproc__wbuf_t *b);

#endif /* MPROC_FRAME_H */
