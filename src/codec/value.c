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
 *   record  := "MPR" 0x01, u8 daemon, u32 length, function name,
 *              u8 key length (0 or 32), the process auth key, values
 *
 * The sharing rule, as in CPython: a thread-local "spawning" context is set
 * only while mproc__record_encode() encodes the start record of a child
 * being created. Reducing an inherit-only object (a lock, a semaphore, ...)
 * without it fails with "<Type> objects should only be shared between
 * processes through inheritance". Symmetrically, the decoder accepts such
 * objects only in a start record: handle numbers in any other buffer are
 * untrusted and never mapped.
 */
#include "object.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static MPROC__TLS mproc__spawn_ctx_t *spawning;
/* Set while a start record is decoded (see mproc__decoding_start_record). */
static MPROC__TLS bool decoding_start;

bool mproc__decoding_start_record(void) {
  return decoding_start;
}

/* ------------------------------------------------------------------------ */
/* Buffers                                                                  */
/* ------------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------------ */
/* Objects                                                                  */
/* ------------------------------------------------------------------------ */

const mproc__type_t *mproc__type_of(mproc__type_id_t id) {
  switch (id) {
  case MPROC__T_LOCK:
    return &mproc__lock_type;
  case MPROC__T_RLOCK:
    return &mproc__rlock_type;
  case MPROC__T_SEMAPHORE:
    return &mproc__semaphore_type;
  case MPROC__T_BOUNDED_SEMAPHORE:
    return &mproc__bounded_semaphore_type;
  case MPROC__T_PROXY:
    return &mproc__proxy_type;
  case MPROC__T_EVENT:
    return &mproc__event_type;
  case MPROC__T_CONDITION:
    return &mproc__condition_type;
  case MPROC__T_BARRIER:
    return &mproc__barrier_type;
  case MPROC__T_QUEUE:
    return &mproc__queue_type;
  case MPROC__T_SIMPLE_QUEUE:
    return &mproc__simple_queue_type;
  case MPROC__T_JOINABLE_QUEUE:
    return &mproc__joinable_queue_type;
  case MPROC__T_POOL:
    return &mproc__pool_type;
  case MPROC__T_CONNECTION:
    return &mproc__connection_type;
  case MPROC__T_VALUE:
    return &mproc__value_type;
  case MPROC__T_ARRAY:
    return &mproc__array_type;
  case MPROC__T_SHARED_MEMORY:
    return &mproc__shared_memory_type;
  default:
    return NULL;
  }
}

mproc_object_t *mproc__object_check(const void *p, const char *what) {
  const mproc_object_t *o = p;
  if (!o) {
    mproc__err(MPROC_E_INVAL, "%s: NULL object", what);
    return NULL;
  }
  if (o->magic != MPROC__OBJ_MAGIC || !mproc__type_of(o->type_id)) {
    mproc__err(MPROC_E_TYPE, "%s: not a live mproc object", what);
    return NULL;
  }
  return (mproc_object_t *)o;
}

const char *mproc_object_type_name(const void *object) {
  const mproc_object_t *o = object;
  if (!o || o->magic != MPROC__OBJ_MAGIC)
    return NULL;
  const mproc__type_t *t = mproc__type_of(o->type_id);
  return t ? t->name : NULL;
}

int mproc__reduce_handle(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         mproc__wbuf_t *b) {
  uint64_t wire = UINT64_MAX;
  if (h != MPROC__INVALID_HANDLE) {
    int rc = mproc__handle_reduce(ctx, h, &wire);
    if (rc < 0)
      return rc;
  }
  mproc__put_u64(b, wire);
  return 0;
}

mproc__handle_t mproc__rebuild_handle(mproc__rbuf_t *r) {
  uint64_t wire = mproc__get_u64(r);
  if (r->err || wire == UINT64_MAX)
    return MPROC__INVALID_HANDLE;
  return mproc__handle_from_wire(wire);
}

int mproc__region_reduce(mproc__spawn_ctx_t *ctx, const mproc__shm_t *shm,
                         const mproc__park_t *pk, mproc__wbuf_t *b) {
  mproc__put_u64(b, (uint64_t)shm->size);
  int rc = mproc__reduce_handle(ctx, shm->h, b);
  return rc < 0 ? rc : mproc__reduce_handle(ctx, pk->h, b);
}

int mproc__region_rebuild(mproc__rbuf_t *r, size_t min_size, size_t max_size,
                          size_t park_off, const char *what, mproc__shm_t *shm,
                          mproc__park_t *pk) {
  uint64_t size = mproc__get_u64(r);
  mproc__handle_t hshm = mproc__rebuild_handle(r);
  mproc__handle_t hpark = mproc__rebuild_handle(r);
  shm->addr = NULL;
  shm->size = 0;
  shm->h = MPROC__INVALID_HANDLE;
  pk->h = MPROC__INVALID_HANDLE;
  pk->shared = NULL;
  pk->os = NULL;
  int rc;
  if (r->err || size < min_size || size > max_size || park_off + 4 > size ||
      hshm == MPROC__INVALID_HANDLE) {
    rc = mproc__err(MPROC_E_DECODE, "malformed %s reduction", what);
    /* Handles owned by nothing yet are released through the structs that
     * would have owned them. */
    shm->h = hshm;
    mproc__shm_close(shm);
    pk->h = hpark;
    mproc__park_close(pk);
    return rc;
  }
  rc = mproc__shm_attach(shm, hshm, (size_t)size); /* owns hshm now */
  if (rc < 0) {
    pk->h = hpark;
    mproc__park_close(pk);
    return rc;
  }
  rc = mproc__park_attach(
      pk, (volatile uint32_t *)((uint8_t *)shm->addr + park_off), hpark);
  if (rc < 0)
    mproc__shm_close(shm);
  return rc;
}

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
    const mproc__type_t *t = mproc__type_of(o->type_id);
    if (t->inherit_only && !spawning)
      return mproc__err(MPROC_E_INHERITANCE,
                        "%s objects should only be shared between processes "
                        "through inheritance",
                        t->name);
    mproc__put_u8(b, TAG_OBJ);
    mproc__put_u8(b, (uint8_t)o->type_id);
    return t->reduce(o, spawning, b);
  }
  }
  return mproc__err(MPROC_E_TYPE, "value %zu: unknown value type %d", i,
                    (int)v->type);
}

static int encode_values(mproc__wbuf_t *b, const mproc_value_t *vals,
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
  int rc = encode_values(&b, vals, n);
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

int mproc__record_encode(mproc__spawn_ctx_t *ctx,
                         const mproc__child_spec_t *spec, uint8_t **buf,
                         size_t *len) {
  mproc__wbuf_t b = {0};
  size_t name_len = strlen(spec->fn_name);
  mproc__put_raw(&b, "MPR\x01", 4);
  mproc__put_u8(&b, spec->daemon ? 1 : 0);
  mproc__put_u32(&b, (uint32_t)name_len);
  mproc__put_raw(&b, spec->fn_name, name_len);
  /* The process auth key, which children inherit (CPython's
   * current_process().authkey): 0 or MPROC_AUTHKEY_LEN bytes. */
  const uint8_t *key = mproc__authkey_get();
  mproc__put_u8(&b, key ? MPROC_AUTHKEY_LEN : 0);
  if (key)
    mproc__put_raw(&b, key, MPROC_AUTHKEY_LEN);
  /* The spawning context is set only for the duration of this encoding,
   * like CPython's set_spawning_popen(). */
  spawning = ctx;
  int rc = encode_values(&b, spec->args, spec->nargs);
  spawning = NULL;
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  *buf = b.p;
  *len = b.len;
  return 0;
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
static int decode_values(mproc__rbuf_t *r, bool at_start, mproc_value_t **out,
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
      mproc__type_id_t id = (mproc__type_id_t)mproc__get_u8(r);
      const mproc__type_t *t = mproc__type_of(id);
      if (!t) {
        rc = mproc__err(MPROC_E_DECODE, "value %zu: unknown object type %d", i,
                        (int)id);
        break;
      }
      if (t->inherit_only && !at_start) {
        rc = mproc__err(MPROC_E_DECODE,
                        "value %zu: %s objects can only be received when a "
                        "process starts",
                        i, t->name);
        break;
      }
      mproc_object_t *o = NULL;
      rc = t->rebuild(id, r, &o);
      *v = mproc_obj(o);
      if (rc < 0)
        *v = mproc_none();
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
  return decode_values(&r, false, vals, n);
}

int mproc__frame_values(const uint8_t *buf, size_t len, bool is_bytes,
                        mproc_value_t **vals, size_t *n) {
  if (!is_bytes)
    return mproc_decode(buf, len, vals, n);
  /* The same layout decode_values() makes: the array, then its payload. */
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
    if (vals[i].type == MPROC_VALUE_OBJECT && vals[i].u.obj) {
      mproc_object_t *o = vals[i].u.obj;
      const mproc__type_t *t = mproc__type_of(o->type_id);
      if (t)
        t->destroy(o);
    }
  }
  free(vals);
}

int mproc__record_decode(const uint8_t *buf, size_t len, char **fn_name,
                         bool *daemon, mproc_value_t **vals, size_t *n) {
  mproc__rbuf_t r = {buf, len, 0, false};
  const uint8_t *magic = mproc__get_raw(&r, 4);
  uint8_t d = mproc__get_u8(&r);
  uint32_t name_len = mproc__get_u32(&r);
  const uint8_t *name = mproc__get_raw(&r, name_len);
  uint8_t key_len = mproc__get_u8(&r);
  const uint8_t *key = mproc__get_raw(&r, key_len);
  if (!r.err && key_len == MPROC_AUTHKEY_LEN)
    mproc__authkey_set(key);
  if (r.err || (key_len != 0 && key_len != MPROC_AUTHKEY_LEN) ||
      memcmp(magic, "MPR\x01", 4) != 0 || d > 1 || name_len == 0 ||
      memchr(name, 0, name_len))
    return mproc__err(MPROC_E_DECODE, "malformed start record");
  char *s = malloc((size_t)name_len + 1);
  if (!s)
    return mproc__err(MPROC_E_NOMEM, "decoding the start record");
  memcpy(s, name, name_len);
  s[name_len] = '\0';
  decoding_start = true;
  int rc = decode_values(&r, true, vals, n);
  decoding_start = false;
  if (rc < 0) {
    free(s);
    return rc;
  }
  *fn_name = s;
  *daemon = d == 1;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Getters                                                                  */
/* ------------------------------------------------------------------------ */

static int want(const mproc_value_t *v, mproc_value_type_t t,
                const char *name) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "NULL value");
  if (v->type != t)
    return mproc__err(MPROC_E_TYPE, "value is not %s", name);
  return 0;
}

int mproc_value_as_int(const mproc_value_t *v, int64_t *out) {
  int rc = want(v, MPROC_VALUE_INT, "an int");
  if (rc == 0 && out)
    *out = v->u.i;
  return rc;
}

int mproc_value_as_double(const mproc_value_t *v, double *out) {
  int rc = want(v, MPROC_VALUE_DOUBLE, "a double");
  if (rc == 0 && out)
    *out = v->u.d;
  return rc;
}

int mproc_value_as_bool(const mproc_value_t *v, bool *out) {
  int rc = want(v, MPROC_VALUE_BOOL, "a bool");
  if (rc == 0 && out)
    *out = v->u.b;
  return rc;
}

int mproc_value_as_str(const mproc_value_t *v, const char **out) {
  int rc = want(v, MPROC_VALUE_STR, "a string");
  if (rc == 0 && out)
    *out = v->u.s;
  return rc;
}

int mproc_value_as_bytes(const mproc_value_t *v, const void **ptr,
                         size_t *len) {
  int rc = want(v, MPROC_VALUE_BYTES, "bytes");
  if (rc == 0) {
    if (ptr)
      *ptr = v->u.bytes.ptr;
    if (len)
      *len = v->u.bytes.len;
  }
  return rc;
}

int mproc__deadline(double timeout, int64_t *deadline_ns) {
  if (timeout == MPROC_FOREVER) {
    *deadline_ns = MPROC__NO_DEADLINE;
    return 0;
  }
  if (isnan(timeout) || timeout < 0)
    return mproc__err(MPROC_E_INVAL,
                      "timeout must be >= 0 or MPROC_FOREVER, not %g", timeout);
  /* Beyond ~290 years the nanosecond clock would overflow: treat as none. */
  if (timeout > 9.0e9) {
    *deadline_ns = MPROC__NO_DEADLINE;
    return 0;
  }
  *deadline_ns = mproc__now_ns() + (int64_t)(timeout * 1e9);
  return 0;
}
