/* SPDX-License-Identifier: MIT */
/*
 * The value codec: mproc's own encoding of mproc_value_t (value.c) and the
 * start record built on it (record.c). Objects inside values go through
 * the object model (object.h), so a second codec beside this one (a
 * pickle) shares the type table and the sharing rule.
 */
#ifndef MPROC_CODEC_H
#define MPROC_CODEC_H

#include "object.h"

/* Appends the encoding of @p n values to @p b (mproc_encode()'s format). */
int mproc__values_encode(mproc__wbuf_t *b, const mproc_value_t *vals, size_t n);
/* Decodes the values at @p r, which must end there. @p at_start: a start
 * record, the only place inherit-only objects are rebuilt. */
int mproc__values_decode(mproc__rbuf_t *r, bool at_start, mproc_value_t **out,
                         size_t *nout);

/* A received frame as values: an encoding is decoded; raw bytes (a queue's
 * or a connection's put_bytes/send_bytes) become one bytes value, in one
 * block that mproc_values_free() releases. */
int mproc__frame_values(const uint8_t *buf, size_t len, bool is_bytes,
                        mproc_value_t **vals, size_t *n);

#endif /* MPROC_CODEC_H */
