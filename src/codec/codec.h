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

/* Appends the encoding of one value without the header ("MPV" 1, count),
 * as an item of an encoding whose header the caller writes; @p i is its
 * index, for messages. An int always takes MPROC__INT_ENCODED bytes, and a
 * bytes value is a tag, a u32 length, then the bytes: a writer may leave
 * room for an int or a length and fill it in later. */
int mproc__value_encode_one(mproc__wbuf_t *b, const mproc_value_t *v, size_t i);
#define MPROC__INT_ENCODED 9
#define MPROC__BYTES_HEAD 5

/* The tags of an int and a float (value.c's wire format), for the inline
 * path below. */
#define MPROC__TAG_INT 1
#define MPROC__TAG_DOUBLE 2

/* mproc__value_encode_one(), with an int or a float written inline: a
 * pool's map encodes one value per task on each side, and the walk (a call,
 * a count, a switch) was most of that. */
static inline int mproc__value_encode_fast(mproc__wbuf_t *b,
                                           const mproc_value_t *v, size_t i) {
  uint64_t x;
  uint8_t tag;
  if (v->type == MPROC_VALUE_INT) {
    x = (uint64_t)v->u.i;
    tag = MPROC__TAG_INT;
  } else if (v->type == MPROC_VALUE_DOUBLE) {
    memcpy(&x, &v->u.d, sizeof x);
    tag = MPROC__TAG_DOUBLE;
  } else {
    return mproc__value_encode_one(b, v, i);
  }
  if (b->cap - b->len < MPROC__INT_ENCODED || b->err)
    return mproc__value_encode_one(b, v, i);
  uint8_t *p = b->p + b->len;
  p[0] = tag;
  mproc__le64_store(p + 1, x);
  b->len += MPROC__INT_ENCODED;
  return 0;
}

/* Encodes the leading ints and floats of @p v (at most @p n) into the room
 * @p b has (see mproc__wbuf_reserve()), MPROC__INT_ENCODED bytes each, and
 * stops at any other kind; how many it wrote. The batch form of
 * mproc__value_encode_fast(), for a call's items. */
size_t mproc__values_encode_scalars(mproc__wbuf_t *b, const mproc_value_t *v,
                                    size_t n);

/* One value of a flat encoding read in place (mproc__values_view()). */
typedef struct mproc__view {
  mproc_value_type_t type; /* NONE, INT, DOUBLE, BOOL, STR or BYTES */
  int64_t i;               /* INT, BOOL */
  double d;                /* DOUBLE */
  const uint8_t *p;        /* STR, BYTES: inside the input, and a string */
  size_t len;              /* is not NUL-terminated there */
} mproc__view_t;

/* Reads an encoding of exactly @p n values, none of them a container or an
 * object, in place: no allocation, no copy (a fixed message layout's
 * reader). MPROC_E_DECODE (no detail set) for anything else. */
int mproc__values_view(const uint8_t *buf, size_t len, mproc__view_t *out,
                       size_t n);

/* Decodes an encoding of @p n values straight into @p out when every one
 * is None, an int, a float or a bool: 0 then; 1 when another kind is among
 * them (what @p out holds is then meaningless, and mproc_decode() is the
 * way); MPROC_E_DECODE (no detail set) for a malformed one. */
int mproc__values_decode_scalars(const uint8_t *buf, size_t len,
                                 mproc_value_t *out, size_t n);

/* A received frame as values: an encoding is decoded; raw bytes (a queue's
 * or a connection's put_bytes/send_bytes) become one bytes value, in one
 * block that mproc_values_free() releases. */
int mproc__frame_values(const uint8_t *buf, size_t len, bool is_bytes,
                        mproc_value_t **vals, size_t *n);

#endif /* MPROC_CODEC_H */
