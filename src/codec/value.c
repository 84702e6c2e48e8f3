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
 *
 * Objects cross through the object model (object.c), which applies the
 * sharing rule; this file only frames them. The start record that carries
 * a spawned child's function and arguments is in record.c.
 */
#include "codec/codec.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Encoding                                                                 */
/* ------------------------------------------------------------------------ */

enum { TAG_NONE, TAG_INT, TAG_DOUBLE, TAG_BOOL, TAG_STR, TAG_BYTES, TAG_OBJ };

static int encode_value(mproc__wbuf_t *b, const mproc_value_t *v, size_t i) {
  switch (v->type) {
  case MPROC_VALUE_NONE:
    mproc__put_u8(b, TAG_NONE);
    return 0;
  case MPROC_VALUE_INT:
    mproc__put_u8(b, TAG_INT);
    mproc__put_u64(b, (uint64_t)v->u.i);
    return 0;
  case MPROC_VALUE_DOUBLE: {
    uint64_t bits;
    memcpy(&bits, &v->u.d, sizeof bits);
    mproc__put_u8(b, TAG_DOUBLE);
    mproc__put_u64(b, bits);
    return 0;
  }
  case MPROC_VALUE_BOOL:
    mproc__put_u8(b, TAG_BOOL);
    mproc__put_u8(b, v->u.b ? 1 : 0);
    return 0;
  case MPROC_VALUE_STR: {
    if (!v->u.s)
      return mproc__err(MPROC_E_INVAL, "value %zu: NULL string", i);
    size_t n = strlen(v->u.s);
    if (n > MPROC_VALUE_MAX_LEN)
      return mproc__err(MPROC_E_TOOBIG, "value %zu: string of %zu bytes", i, n);
    mproc__put_u8(b, TAG_STR);
    mproc__put_u32(b, (uint32_t)n);
    mproc__put_raw(b, v->u.s, n);
    return 0;
  }
  case MPROC_VALUE_BYTES:
    if (!v->u.bytes.ptr && v->u.bytes.len)
      return mproc__err(MPROC_E_INVAL, "value %zu: NULL bytes", i);
    if (v->u.bytes.len > MPROC_VALUE_MAX_LEN)
      return mproc__err(MPROC_E_TOOBIG, "value %zu: %zu bytes", i,
                        v->u.bytes.len);
    mproc__put_u8(b, TAG_BYTES);
    mproc__put_u32(b, (uint32_t)v->u.bytes.len);
    mproc__put_raw(b, v->u.bytes.ptr, v->u.bytes.len);
    return 0;
  case MPROC_VALUE_OBJECT: {
    mproc_object_t *o = mproc__object_check(v->u.obj, "value");
    if (!o)
      return v->u.obj ? MPROC_E_TYPE : MPROC_E_INVAL;
    mproc__put_u8(b, TAG_OBJ);
    return mproc__object_reduce(o, b);
  }
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
  case MPROC_VALUE_DICT:
    return mproc__err(MPROC_E_NOTSUP, "value %zu: containers", i);
  }
  return mproc__err(MPROC_E_TYPE, "value %zu: unknown value type %d", i,
                    (int)v->type);
}

int mproc__values_encode(mproc__wbuf_t *b, const mproc_value_t *vals,
                         size_t n) {
  if (n && !vals)
    return mproc__err(MPROC_E_INVAL, "NULL values with a count of %zu", n);
  if (n > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_TOOBIG, "%zu values", n);
  mproc__put_raw(b, "MPV\x01", 4);
  mproc__put_u32(b, (uint32_t)n);
  for (size_t i = 0; i < n; i++) {
    int rc = encode_value(b, &vals[i], i);
    if (rc < 0)
      return rc;
  }
  if (b->err)
    return mproc__err(b->err, "encoding values: out of memory");
  return 0;
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
 * The values and the strings and bytes they point to are one allocation:
 * the array, then an arena holding copies of the payloads. Each value takes
 * at least one byte of input, so count <= input length, and the arena never
 * needs more than the input length plus one NUL per value.
 */
int mproc__values_decode(mproc__rbuf_t *r, bool at_start, mproc_value_t **out,
                         size_t *nout) {
  const uint8_t *magic = mproc__get_raw(r, 4);
  uint32_t n = mproc__get_u32(r);
  if (r->err || memcmp(magic, "MPV\x01", 4) != 0)
    return mproc__err(MPROC_E_DECODE, "not an mproc value encoding");
  size_t rest = r->len - r->off;
  if (n > rest || n > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_DECODE, "value count %u exceeds the input",
                      (unsigned)n);
  size_t arena_size = rest + n + 1;
  size_t head = (size_t)n * sizeof(mproc_value_t);
  uint8_t *block = malloc(head + arena_size);
  if (!block)
    return mproc__err(MPROC_E_NOMEM, "decoding %u values", (unsigned)n);
  mproc_value_t *vals = (mproc_value_t *)(void *)block;
  uint8_t *arena = block + head;
  size_t used = 0;
  size_t i;
  int rc = 0;
  for (i = 0; i < n && rc == 0; i++) {
    mproc_value_t *v = &vals[i];
    uint8_t tag = mproc__get_u8(r);
    switch (tag) {
    case TAG_NONE:
      *v = mproc_none();
      break;
    case TAG_INT:
      *v = mproc_int((int64_t)mproc__get_u64(r));
      break;
    case TAG_DOUBLE: {
      uint64_t bits = mproc__get_u64(r);
      double d;
      memcpy(&d, &bits, sizeof d);
      *v = mproc_double(d);
      break;
    }
    case TAG_BOOL: {
      uint8_t x = mproc__get_u8(r);
      if (x > 1)
        rc = mproc__err(MPROC_E_DECODE, "value %zu: bad bool", i);
      *v = mproc_bool(x == 1);
      break;
    }
    case TAG_STR:
    case TAG_BYTES: {
      uint32_t len = mproc__get_u32(r);
      const uint8_t *p = mproc__get_raw(r, len);
      if (r->err)
        break;
      if (tag == TAG_STR && memchr(p, 0, len)) {
        rc = mproc__err(MPROC_E_DECODE, "value %zu: NUL inside a string", i);
        break;
      }
      uint8_t *dst = arena + used;
      memcpy(dst, p, len);
      dst[len] = 0;
      used += (size_t)len + 1;
      if (tag == TAG_STR)
        *v = mproc_str((const char *)dst);
      else
        *v = mproc_bytes(dst, len);
      break;
    }
    case TAG_OBJ: {
      mproc_object_t *o = NULL;
      rc = mproc__object_rebuild(r, at_start, i, &o);
      *v = rc < 0 ? mproc_none() : mproc_obj(o);
      break;
    }
    default:
      rc = mproc__err(MPROC_E_DECODE, "value %zu: unknown tag %u", i,
                      (unsigned)tag);
    }
    if (rc == 0 && r->err)
      rc = mproc__err(MPROC_E_DECODE, "value %zu: truncated input", i);
    if (rc < 0)
      vals[i] = mproc_none(); /* nothing to release in the failed slot */
  }
  if (rc == 0 && r->off != r->len)
    rc = mproc__err(MPROC_E_DECODE, "%zu bytes of trailing data",
                    r->len - r->off);
  if (rc < 0) {
    mproc_values_free(vals, i);
    return rc;
  }
  *out = vals;
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

void mproc_values_free(mproc_value_t *vals, size_t n) {
  if (!vals)
    return;
  for (size_t i = 0; i < n; i++) {
    if (vals[i].type == MPROC_VALUE_OBJECT && vals[i].u.obj)
      mproc__object_release(vals[i].u.obj);
  }
  free(vals);
}

/* ------------------------------------------------------------------------ */
/* Getters                                                                  */
/* ------------------------------------------------------------------------ */

static int want(const mproc_value_t *v, mproc_value_type_t t, const char *name,
                const char *what) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  if (v->type != t)
    return mproc__err(MPROC_E_TYPE, "value is not %s", name);
  return 0;
}

int mproc_value_as_int(const mproc_value_t *v, int64_t *out) {
  int rc = want(v, MPROC_VALUE_INT, "an int", __func__);
  if (rc == 0 && out)
    *out = v->u.i;
  return rc;
}

int mproc_value_as_double(const mproc_value_t *v, double *out) {
  int rc = want(v, MPROC_VALUE_DOUBLE, "a double", __func__);
  if (rc == 0 && out)
    *out = v->u.d;
  return rc;
}

int mproc_value_as_bool(const mproc_value_t *v, bool *out) {
  int rc = want(v, MPROC_VALUE_BOOL, "a bool", __func__);
  if (rc == 0 && out)
    *out = v->u.b;
  return rc;
}

int mproc_value_as_str(const mproc_value_t *v, const char **out) {
  int rc = want(v, MPROC_VALUE_STR, "a string", __func__);
  if (rc == 0 && out)
    *out = v->u.s;
  return rc;
}

int mproc_value_as_bytes(const mproc_value_t *v, const void **ptr,
                         size_t *len) {
  int rc = want(v, MPROC_VALUE_BYTES, "bytes", __func__);
  if (rc == 0) {
    if (ptr)
      *ptr = v->u.bytes.ptr;
    if (len)
      *len = v->u.bytes.len;
  }
  return rc;
}
