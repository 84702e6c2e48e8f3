/* SPDX-License-Identifier: MIT */
/*
 * The value encoding, and the one place the sharing rule lives.
 *
 * Wire format (little endian):
 *   values  := "MPV" 0x01, u32 count, value*
 *   value   := u8 tag, payload
 *     NONE    -
 *     INT     i64
 *     DOUBLE  u64 (the IEEE-754 bits)
 *     BOOL    u8 (0 or 1)
 *     STR     u32 length, bytes (no NUL inside)
 *     BYTES   u32 length, bytes
 *     OBJECT  u8 type id, the type's reduction
 *     TUPLE   u32 count, value*
 *     LIST    u32 count, value*
 *     DICT    u32 count, (key value)* in insertion order, keys distinct
 *
 * Containers were added as new tags, so every encoding made before them
 * still reads the same; the version byte did not change. Objects cross
 * through the object model (object.c), which applies the sharing rule;
 * this file only frames them. The start record that carries a spawned
 * child's function and arguments is in record.c.
 */
#include "codec/codec.h"
#include "spare.h"
#include "value/value.h"

#include <stdlib.h>
#include <string.h>

enum {
  TAG_NONE,
  TAG_INT,
  TAG_DOUBLE,
  TAG_BOOL,
  TAG_STR,
  TAG_BYTES,
  TAG_OBJ,
  TAG_TUPLE,
  TAG_LIST,
  TAG_DICT
};

_Static_assert(TAG_INT == MPROC__TAG_INT && TAG_DOUBLE == MPROC__TAG_DOUBLE,
               "codec.h's tags are the wire format's");

/* ------------------------------------------------------------------------ */
/* Encoding, and checking what a caller built                               */
/* ------------------------------------------------------------------------ */

/*
 * One walk serves both: with b NULL it only checks (the fork path passes
 * values by memory, but must refuse what a spawn would refuse), with b it
 * also writes. A dict from mproc carries an index, which proves its keys
 * distinct; a view the caller built is checked with a temporary one.
 */
typedef struct walk {
  mproc__wbuf_t *b;
  const char *what;
  size_t nodes;
} walk_t;

static int walk_value(walk_t *w, const mproc_value_t *v, size_t i,
                      unsigned depth);

static int walk_items(walk_t *w, const mproc_value_t *items, size_t n,
                      unsigned depth) {
  for (size_t j = 0; j < n; j++) {
    int rc = walk_value(w, &items[j], j, depth);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int check_dict_keys(walk_t *w, const mproc_value_t *v, size_t i) {
  size_t n = v->u.dict.n;
  uint32_t small[1 + 16];
  size_t words = mproc__dict_index_words(n);
  uint32_t *idx = words <= 17 ? small : malloc(words * sizeof *idx);
  if (!idx)
    return mproc__err(MPROC_E_NOMEM, "%s %zu: checking a dict of %zu keys",
                      w->what, i, n);
  size_t dup = 0;
  int rc = mproc__dict_index_build(idx, v->u.dict.items, n, &dup, w->what);
  if (idx != small)
    free(idx);
  if (rc == 1) {
    char *r = mproc_value_repr(&v->u.dict.items[2 * dup]);
    rc = mproc__err(MPROC_E_VALUE, "%s %zu: dict repeats the key %s", w->what,
                    i, r ? r : "?");
    mproc_free(r);
  }
  return rc;
}

static int walk_value(walk_t *w, const mproc_value_t *v, size_t i,
                      unsigned depth) {
  mproc__wbuf_t *b = w->b;
  if (++w->nodes > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_TOOBIG, "more than %zu values in one encoding",
                      (size_t)MPROC_VALUE_MAX_COUNT);
  switch (v->type) {
  case MPROC_VALUE_NONE:
    if (b)
      mproc__put_u8(b, TAG_NONE);
    return 0;
  case MPROC_VALUE_INT:
    if (b) {
      mproc__put_u8(b, TAG_INT);
      mproc__put_u64(b, (uint64_t)v->u.i);
    }
    return 0;
  case MPROC_VALUE_DOUBLE:
    if (b) {
      uint64_t bits;
      memcpy(&bits, &v->u.d, sizeof bits);
      mproc__put_u8(b, TAG_DOUBLE);
      mproc__put_u64(b, bits);
    }
    return 0;
  case MPROC_VALUE_BOOL:
    if (b) {
      mproc__put_u8(b, TAG_BOOL);
      mproc__put_u8(b, v->u.b ? 1 : 0);
    }
    return 0;
  case MPROC_VALUE_STR: {
    if (!v->u.s)
      return mproc__err(MPROC_E_INVAL, "%s %zu: NULL string", w->what, i);
    size_t n = strlen(v->u.s);
    if (n > MPROC_VALUE_MAX_LEN)
      return mproc__err(MPROC_E_TOOBIG, "%s %zu: string of %zu bytes", w->what,
                        i, n);
    if (b) {
      mproc__put_u8(b, TAG_STR);
      mproc__put_u32(b, (uint32_t)n);
      mproc__put_raw(b, v->u.s, n);
    }
    return 0;
  }
  case MPROC_VALUE_BYTES:
    if (!v->u.bytes.ptr && v->u.bytes.len)
      return mproc__err(MPROC_E_INVAL, "%s %zu: NULL bytes", w->what, i);
    if (v->u.bytes.len > MPROC_VALUE_MAX_LEN)
      return mproc__err(MPROC_E_TOOBIG, "%s %zu: %zu bytes", w->what, i,
                        v->u.bytes.len);
    if (b) {
      mproc__put_u8(b, TAG_BYTES);
      mproc__put_u32(b, (uint32_t)v->u.bytes.len);
      mproc__put_raw(b, v->u.bytes.ptr, v->u.bytes.len);
    }
    return 0;
  case MPROC_VALUE_OBJECT: {
    mproc_object_t *o = mproc__object_check(v->u.obj, w->what);
    if (!o)
      return v->u.obj ? MPROC_E_TYPE : MPROC_E_INVAL;
    if (!b)
      return 0;
    mproc__put_u8(b, TAG_OBJ);
    return mproc__object_reduce(o, b);
  }
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
  case MPROC_VALUE_DICT: {
    bool dict = v->type == MPROC_VALUE_DICT;
    size_t n = dict ? v->u.dict.n : v->u.seq.n;
    const mproc_value_t *items = dict ? v->u.dict.items : v->u.seq.items;
    if (depth >= MPROC_VALUE_MAX_DEPTH)
      return mproc__err(MPROC_E_TOOBIG,
                        "%s %zu: containers nested deeper than %d", w->what, i,
                        MPROC_VALUE_MAX_DEPTH);
    if (n && !items)
      return mproc__err(MPROC_E_INVAL, "%s %zu: NULL items with a count of %zu",
                        w->what, i, n);
    if (n > MPROC_VALUE_MAX_COUNT || (dict && n > MPROC_VALUE_MAX_COUNT / 2))
      return mproc__err(MPROC_E_TOOBIG, "%s %zu: %zu items", w->what, i, n);
    if (b) {
      mproc__put_u8(b, dict                           ? TAG_DICT
                       : v->type == MPROC_VALUE_TUPLE ? TAG_TUPLE
                                                      : TAG_LIST);
      mproc__put_u32(b, (uint32_t)n);
    }
    /* keys first: an unhashable key is the error, not what it holds */
    int rc = dict && !v->u.dict.index ? check_dict_keys(w, v, i) : 0;
    return rc < 0 ? rc : walk_items(w, items, dict ? 2 * n : n, depth + 1);
  }
  }
  return mproc__err(MPROC_E_TYPE, "%s %zu: unknown value type %d", w->what, i,
                    (int)v->type);
}

int mproc__values_check(const mproc_value_t *vals, size_t n, const char *what,
                        size_t *nodes) {
  if (n && !vals)
    return mproc__err(MPROC_E_INVAL, "NULL %ss with a count of %zu", what, n);
  if (n > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_TOOBIG, "%zu %ss", n, what);
  walk_t w = {NULL, what, 0};
  int rc = walk_items(&w, vals, n, 0);
  if (rc == 0 && nodes)
    *nodes = w.nodes;
  return rc;
}

int mproc__values_encode(mproc__wbuf_t *b, const mproc_value_t *vals,
                         size_t n) {
  if (n && !vals)
    return mproc__err(MPROC_E_INVAL, "NULL values with a count of %zu", n);
  if (n > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_TOOBIG, "%zu values", n);
  mproc__put_raw(b, "MPV\x01", 4);
  mproc__put_u32(b, (uint32_t)n);
  walk_t w = {b, "value", 0};
  int rc = walk_items(&w, vals, n, 0);
  if (rc < 0)
    return rc;
  if (b->err)
    return mproc__err(b->err, "encoding values: out of memory");
  return 0;
}

int mproc__value_encode_one(mproc__wbuf_t *b, const mproc_value_t *v,
                            size_t i) {
  walk_t w = {b, "value", 0};
  int rc = walk_value(&w, v, i, 0);
  if (rc < 0)
    return rc;
  if (b->err)
    return mproc__err(b->err, "encoding values: out of memory");
  return 0;
}

size_t mproc__values_encode_scalars(mproc__wbuf_t *b, const mproc_value_t *v,
                                    size_t n) {
  if (b->err)
    return 0;
  /* Locals, not b's fields: a byte store may alias them, and the compiler
   * would load them again after each one. */
  uint8_t *p = b->p + b->len;
  size_t room = (b->cap - b->len) / MPROC__INT_ENCODED, i;
  if (n > room)
    n = room;
  for (i = 0; i < n; i++) {
    uint64_t x;
    if (v[i].type == MPROC_VALUE_INT) {
      p[0] = TAG_INT;
      x = (uint64_t)v[i].u.i;
    } else if (v[i].type == MPROC_VALUE_DOUBLE) {
      p[0] = TAG_DOUBLE;
      memcpy(&x, &v[i].u.d, sizeof x);
    } else {
      break;
    }
    mproc__le64_store(p + 1, x);
    p += MPROC__INT_ENCODED;
  }
  b->len += i * MPROC__INT_ENCODED;
  return i;
}

int mproc_encode(const mproc_value_t *vals, size_t n, void **buf, size_t *len) {
  if (!buf || !len)
    return mproc__err(MPROC_E_INVAL, "mproc_encode: NULL output");
  *buf = NULL;
  *len = 0;
  mproc__wbuf_t b = {0};
  int rc = mproc__values_encode(&b, vals, n);
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  *buf = b.p;
  *len = b.len;
  return 0;
}

void mproc_free(void *p) {
  free(p);
}

/* ------------------------------------------------------------------------ */
/* Decoding                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * What mproc hands back is one block the caller frees once: the top-level
 * array, then every nested item array, then the dicts' indexes, then the
 * strings and bytes. Its size is known only after reading the input, so
 * decoding takes two passes. The first checks the structure and measures;
 * it also rebuilds the objects, because only an object's type knows how
 * long its reduction is, and keeps them and where each ended for the
 * second pass, which fills the block. Sizing from the input length alone
 * (each value takes at least a byte) would ask 32 bytes of memory per
 * input byte: a gigabyte of bytes would want 32 GB.
 */
typedef struct decoder {
  mproc__rbuf_t *r;
  bool at_start;
  /* pass 1 */
  size_t nodes, index_words, arena;
  mproc_object_t **objs;
  size_t *obj_end;
  size_t nobjs, objs_cap, next_obj;
  /* pass 2 */
  mproc_value_t *pool;
  uint32_t *index;
  uint8_t *text;
} decoder_t;

static int measure(decoder_t *d, size_t i, unsigned depth);

static int measure_items(decoder_t *d, uint32_t n, unsigned depth) {
  mproc__rbuf_t *r = d->r;
  /* Each value takes a byte at least: a count the input cannot hold is
   * refused before anything is sized from it. */
  if (n > r->len - r->off || n > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_DECODE, "item count %u exceeds the input",
                      (unsigned)n);
  for (uint32_t j = 0; j < n; j++) {
    int rc = measure(d, j, depth);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int keep_object(decoder_t *d, mproc_object_t *o) {
  if (d->nobjs == d->objs_cap) {
    size_t cap = d->objs_cap ? 2 * d->objs_cap : 8;
    mproc_object_t **objs = realloc(d->objs, cap * sizeof *objs);
    if (objs)
      d->objs = objs;
    size_t *ends = objs ? realloc(d->obj_end, cap * sizeof *ends) : NULL;
    if (!ends) {
      mproc__object_release(o);
      return mproc__err(MPROC_E_NOMEM, "decoding objects");
    }
    d->obj_end = ends;
    d->objs_cap = cap;
  }
  d->objs[d->nobjs] = o;
  d->obj_end[d->nobjs] = d->r->off;
  d->nobjs++;
  return 0;
}

static int measure(decoder_t *d, size_t i, unsigned depth) {
  mproc__rbuf_t *r = d->r;
  if (++d->nodes > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_DECODE, "more than %zu values in one encoding",
                      (size_t)MPROC_VALUE_MAX_COUNT);
  uint8_t tag = mproc__get_u8(r);
  int rc = 0;
  switch (tag) {
  case TAG_NONE:
    break;
  case TAG_INT:
  case TAG_DOUBLE:
    (void)mproc__get_u64(r);
    break;
  case TAG_BOOL:
    if (mproc__get_u8(r) > 1)
      return mproc__err(MPROC_E_DECODE, "value %zu: bad bool", i);
    break;
  case TAG_STR:
  case TAG_BYTES: {
    uint32_t len = mproc__get_u32(r);
    const uint8_t *p = mproc__get_raw(r, len);
    if (r->err)
      break;
    if (tag == TAG_STR && memchr(p, 0, len))
      return mproc__err(MPROC_E_DECODE, "value %zu: NUL inside a string", i);
    d->arena += (size_t)len + 1;
    break;
  }
  case TAG_OBJ: {
    mproc_object_t *o = NULL;
    rc = mproc__object_rebuild(r, d->at_start, i, &o);
    if (rc == 0)
      rc = keep_object(d, o);
    break;
  }
  case TAG_TUPLE:
  case TAG_LIST:
  case TAG_DICT: {
    if (depth >= MPROC_VALUE_MAX_DEPTH)
      return mproc__err(MPROC_E_DECODE, "value %zu: nested deeper than %d", i,
                        MPROC_VALUE_MAX_DEPTH);
    uint32_t n = mproc__get_u32(r);
    if (r->err)
      break;
    if (tag == TAG_DICT) {
      if (n > MPROC_VALUE_MAX_COUNT / 2)
        return mproc__err(MPROC_E_DECODE, "value %zu: %u dict entries", i,
                          (unsigned)n);
      d->index_words += mproc__dict_index_words(n);
      n *= 2;
    }
    rc = measure_items(d, n, depth + 1);
    break;
  }
  default:
    return mproc__err(MPROC_E_DECODE, "value %zu: unknown tag %u", i,
                      (unsigned)tag);
  }
  if (rc == 0 && r->err)
    rc = mproc__err(MPROC_E_DECODE, "value %zu: truncated input", i);
  return rc;
}

/* Pass 2: the input is known good and the objects are built; only a dict
 * with a repeated or unhashable key can still fail. */
static int fill(decoder_t *d, mproc_value_t *v, size_t i);

static int fill_items(decoder_t *d, mproc_value_t *items, size_t n) {
  for (size_t j = 0; j < n; j++) {
    int rc = fill(d, &items[j], j);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int fill(decoder_t *d, mproc_value_t *v, size_t i) {
  mproc__rbuf_t *r = d->r;
  uint8_t tag = mproc__get_u8(r);
  switch (tag) {
  case TAG_NONE:
    *v = mproc_none();
    return 0;
  case TAG_INT:
    *v = mproc_int((int64_t)mproc__get_u64(r));
    return 0;
  case TAG_DOUBLE: {
    uint64_t bits = mproc__get_u64(r);
    double x;
    memcpy(&x, &bits, sizeof x);
    *v = mproc_double(x);
    return 0;
  }
  case TAG_BOOL:
    *v = mproc_bool(mproc__get_u8(r) == 1);
    return 0;
  case TAG_STR:
  case TAG_BYTES: {
    uint32_t len = mproc__get_u32(r);
    const uint8_t *p = mproc__get_raw(r, len);
    uint8_t *dst = d->text;
    if (len)
      memcpy(dst, p, len);
    dst[len] = 0;
    d->text += (size_t)len + 1;
    *v = tag == TAG_STR ? mproc_str((const char *)dst) : mproc_bytes(dst, len);
    return 0;
  }
  case TAG_OBJ:
    *v = mproc_obj(d->objs[d->next_obj]);
    r->off = d->obj_end[d->next_obj];
    d->next_obj++;
    return 0;
  default: { /* TAG_TUPLE, TAG_LIST, TAG_DICT: measure() let nothing else by */
    size_t n = mproc__get_u32(r);
    size_t nitems = tag == TAG_DICT ? 2 * n : n;
    mproc_value_t *items = d->pool;
    d->pool += nitems;
    /* The container is in place before its items are, and the pool is
     * zeroed (None), so a failure below releases exactly what was built. */
    if (tag == TAG_DICT)
      *v = mproc_dict(items, n);
    else
      *v = tag == TAG_TUPLE ? mproc_tuple(items, n) : mproc_list(items, n);
    int rc = fill_items(d, items, nitems);
    if (rc < 0 || tag != TAG_DICT)
      return rc;
    uint32_t *idx = d->index;
    d->index += mproc__dict_index_words(n);
    size_t dup = 0;
    rc = mproc__dict_index_build(idx, items, n, &dup, "decoded key");
    if (rc == 1)
      return mproc__err(MPROC_E_DECODE, "value %zu: dict repeats key %zu", i,
                        dup);
    if (rc < 0)
      return mproc__err(MPROC_E_DECODE, "value %zu: %s", i, mproc_last_error());
    v->u.dict.index = idx;
    return 0;
  }
  }
}

int mproc__values_decode(mproc__rbuf_t *r, bool at_start, mproc_value_t **out,
                         size_t *nout) {
  const uint8_t *magic = mproc__get_raw(r, 4);
  uint32_t n = mproc__get_u32(r);
  if (r->err || memcmp(magic, "MPV\x01", 4) != 0)
    return mproc__err(MPROC_E_DECODE, "not an mproc value encoding");
  size_t start = r->off;
  decoder_t d = {0};
  d.r = r;
  d.at_start = at_start;
  int rc = measure_items(&d, n, 0);
  if (rc == 0 && r->off != r->len)
    rc = mproc__err(MPROC_E_DECODE, "%zu bytes of trailing data",
                    r->len - r->off);
  uint8_t *block = NULL;
  if (rc == 0) {
    /* nodes counts the top level too; the pool holds the rest */
    size_t head = d.nodes * sizeof(mproc_value_t);
    size_t index = d.index_words * sizeof(uint32_t);
    block = calloc(1, head + index + d.arena + 1);
    if (!block)
      rc = mproc__err(MPROC_E_NOMEM, "decoding %zu values", d.nodes);
    else {
      mproc_value_t *vals = (mproc_value_t *)(void *)block;
      d.pool = vals + n;
      d.index = (uint32_t *)(void *)(block + head);
      d.text = block + head + index;
      r->off = start;
      rc = fill_items(&d, vals, n);
      if (rc < 0) {
        /* what fill built owns the objects it reached; the rest are ours */
        mproc__values_release(vals, n);
        for (size_t k = d.next_obj; k < d.nobjs; k++)
          mproc__object_release(d.objs[k]);
        free(block);
        d.nobjs = 0;
      }
    }
  }
  if (rc < 0)
    for (size_t k = 0; k < d.nobjs; k++)
      mproc__object_release(d.objs[k]);
  free(d.objs);
  free(d.obj_end);
  if (rc < 0)
    return rc;
  *out = (mproc_value_t *)(void *)block;
  *nout = n;
  return 0;
}

int mproc_decode(const void *buf, size_t len, mproc_value_t **vals, size_t *n) {
  if (!vals || !n)
    return mproc__err(MPROC_E_INVAL, "mproc_decode: NULL output");
  *vals = NULL;
  *n = 0;
  if (!buf && len)
    return mproc__err(MPROC_E_INVAL, "mproc_decode: NULL input");
  mproc__rbuf_t r = {buf, len, 0, false};
  return mproc__values_decode(&r, false, vals, n);
}

int mproc__frame_values(const uint8_t *buf, size_t len, bool is_bytes,
                        mproc_value_t **vals, size_t *n) {
  if (!is_bytes)
    return mproc_decode(buf, len, vals, n);
  /* The same layout mproc__values_decode() makes: the array, then its payload.
   */
  mproc_value_t *v = malloc(sizeof *v + len + 1);
  if (!v)
    return mproc__err(MPROC_E_NOMEM, "receiving %zu bytes", len);
  uint8_t *data = (uint8_t *)(v + 1);
  if (len)
    memcpy(data, buf, len);
  data[len] = 0;
  *v = mproc_bytes(data, len);
  *vals = v;
  *n = 1;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Reading in place                                                         */
/* ------------------------------------------------------------------------ */

/* The header of an encoding of exactly @p n values; false if it is not. */
static bool header_is(mproc__rbuf_t *r, size_t n) {
  const uint8_t *magic = mproc__get_raw(r, 4);
  uint32_t count = mproc__get_u32(r);
  return !r->err && memcmp(magic, "MPV\x01", 4) == 0 && count == n;
}

int mproc__values_view(const uint8_t *buf, size_t len, mproc__view_t *out,
                       size_t n) {
  mproc__rbuf_t r = {buf, len, 0, false};
  if (!header_is(&r, n))
    return MPROC_E_DECODE;
  for (size_t k = 0; k < n; k++) {
    mproc__view_t *v = &out[k];
    v->p = NULL;
    v->len = 0;
    uint8_t tag = mproc__get_u8(&r); /* 0 (None) past the end: r.err */
    switch (tag) {
    case TAG_NONE:
      v->type = MPROC_VALUE_NONE;
      break;
    case TAG_INT:
      v->type = MPROC_VALUE_INT;
      v->i = (int64_t)mproc__get_u64(&r);
      break;
    case TAG_DOUBLE: {
      uint64_t bits = mproc__get_u64(&r);
      v->type = MPROC_VALUE_DOUBLE;
      memcpy(&v->d, &bits, sizeof v->d);
      break;
    }
    case TAG_BOOL:
      v->type = MPROC_VALUE_BOOL;
      v->i = mproc__get_u8(&r);
      if (v->i > 1)
        return MPROC_E_DECODE;
      break;
    case TAG_STR:
    case TAG_BYTES: {
      bool str = tag == TAG_STR;
      v->type = str ? MPROC_VALUE_STR : MPROC_VALUE_BYTES;
      v->len = mproc__get_u32(&r);
      v->p = mproc__get_raw(&r, v->len);
      if (str && v->p && memchr(v->p, 0, v->len))
        return MPROC_E_DECODE;
      break;
    }
    default:
      return MPROC_E_DECODE;
    }
  }
  return r.err || r.off != r.len ? MPROC_E_DECODE : 0;
}

int mproc__values_decode_scalars(const uint8_t *buf, size_t len,
                                 mproc_value_t *out, size_t n) {
  mproc__rbuf_t r = {buf, len, 0, false};
  if (!header_is(&r, n))
    return MPROC_E_DECODE;
  /* One bounds check per value: a scalar takes at most 9 bytes. */
  const uint8_t *p = buf + r.off, *end = buf + len;
  for (size_t k = 0; k < n; k++) {
    /* Ints first, without the switch: a map's usual items and results. */
    if (end - p >= 9 && p[0] == TAG_INT) {
      out[k].type = MPROC_VALUE_INT;
      out[k].u.i = (int64_t)mproc__le64_load(p + 1);
      p += 9;
      continue;
    }
    if (p == end)
      return MPROC_E_DECODE;
    uint8_t tag = *p;
    size_t left = (size_t)(end - p);
    uint64_t x;
    switch (tag) {
    case TAG_NONE:
      out[k] = mproc_none();
      p += 1;
      continue;
    case TAG_BOOL:
      if (left < 2 || p[1] > 1)
        return MPROC_E_DECODE;
      out[k] = mproc_bool(p[1] == 1);
      p += 2;
      continue;
    case TAG_INT:
    case TAG_DOUBLE:
      if (left < 9)
        return MPROC_E_DECODE;
      x = mproc__le64_load(p + 1);
      if (tag == TAG_INT) {
        out[k] = mproc_int((int64_t)x);
      } else {
        double d;
        memcpy(&d, &x, sizeof d);
        out[k] = mproc_double(d);
      }
      p += 9;
      continue;
    default:
      return tag <= TAG_DICT ? 1 : MPROC_E_DECODE;
    }
  }
  return p == end ? 0 : MPROC_E_DECODE;
}

void mproc__values_release(mproc_value_t *vals, size_t n) {
  for (size_t i = 0; i < n; i++) {
    mproc_value_t *v = &vals[i];
    if (v->type == MPROC_VALUE_OBJECT && v->u.obj)
      mproc__object_release(v->u.obj);
    else if (v->type == MPROC_VALUE_TUPLE || v->type == MPROC_VALUE_LIST)
      mproc__values_release((mproc_value_t *)v->u.seq.items, v->u.seq.n);
    else if (v->type == MPROC_VALUE_DICT)
      mproc__values_release((mproc_value_t *)v->u.dict.items, 2 * v->u.dict.n);
  }
}

void mproc_values_free(mproc_value_t *vals, size_t n) {
  if (!vals)
    return;
  mproc__values_release(vals, n);
  /* A large array (a pool's map results) is kept for the next call while
   * a pool lives, rather than freed: see spare.c. */
  mproc__spare_keep(vals, n * sizeof *vals);
}
