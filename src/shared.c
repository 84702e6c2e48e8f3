/* SPDX-License-Identifier: MIT */
/*
 * Shared values: Value (a typed scalar) and Array (n fixed-size elements),
 * each in anonymous shared memory with an optional RLock, as CPython's
 * multiprocessing.Value and Array (which return Synchronized wrappers);
 * and named shared memory (CPython's shared_memory.SharedMemory).
 *
 * Value and Array follow the sharing rule (they reduce their region, and
 * their RLock, only while a child is spawned). SharedMemory crosses
 * anywhere: its reduction is its name, and the receiver attaches by name.
 *
 * Named regions start with a small header holding the size asked for, so
 * every platform reports the same size on attach (a Windows section is
 * only known to the page).
 */
#include "codec/codec.h"
#include "shared.h"
#include "slab.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Value and Array                                                          */
/* ------------------------------------------------------------------------ */

typedef struct shared_hdr {
  uint32_t magic;
  uint32_t ctype;     /* the mproc_ctype_t; 0: an untyped Array */
  uint64_t elem_size; /* Array: bytes per element */
  uint64_t count;     /* Array: elements */
} shared_hdr_t;

#define SHARED_MAGIC 0x53687264u /* "Shrd" */
#define DATA_OFFSET 64u

/*
 * The lock is any object mproc_acquire() takes (CPython's lock= takes any
 * object with acquire and release): a new RLock by default, or one the
 * caller supplied and keeps alive (owns_lock false). It crosses with the
 * value through the generic object reduction, so a spawned child gets the
 * same kind of lock, a manager's proxy included.
 */
/* Small values and arrays live in a slab slot (slab.h), larger ones in a
 * region of their own: a region each capped a process at about a
 * thousand values. */
typedef struct shared_obj {
  mproc_object_t base;
  mproc__slot_t slot; /* slot.slab set: in a slot, and shm is unused */
  mproc__shm_t shm;
  shared_hdr_t *hdr;
  uint8_t *data;
  mproc_object_t *lock; /* NULL: created without a lock (raw) */
  bool owns_lock;       /* created (or rebuilt) with the value */
} shared_obj_t;

struct mproc_shared_value {
  shared_obj_t s;
};
struct mproc_shared_array {
  shared_obj_t s;
};

static size_t ctype_size(mproc_ctype_t t) {
  switch (t) {
  case MPROC_C_INT8:
  case MPROC_C_UINT8:
    return 1;
  case MPROC_C_INT16:
  case MPROC_C_UINT16:
    return 2;
  case MPROC_C_INT32:
  case MPROC_C_UINT32:
  case MPROC_C_FLOAT:
    return 4;
  case MPROC_C_INT64:
  case MPROC_C_UINT64:
  case MPROC_C_DOUBLE:
    return 8;
  }
  return 0;
}

static void shared_free(shared_obj_t *s) {
  s->base.magic = 0;
  if (s->lock && s->owns_lock)
    mproc__object_release(s->lock);
  mproc__slot_free(&s->slot);
  mproc__shm_close(&s->shm);
  free(s);
}

/* Resolves CPython's lock= into @p s's lock: a new RLock (NULL), the
 * caller's (checked to have acquire and release), or none (raw). */
static int lock_choose(shared_obj_t *s, const mproc_shared_options_t *o,
                       const char *what) {
  if (o->raw) {
    if (o->lock)
      return mproc__err(MPROC_E_INVAL,
                        "%s: a lock was given for a raw value (raw is "
                        "CPython's lock=False)",
                        what);
    return 0;
  }
  if (o->lock) {
    int rc = mproc__acquirable(o->lock, "acquire", what);
    if (rc < 0)
      return rc;
    s->lock = (mproc_object_t *)(uintptr_t)o->lock;
    return 0;
  }
  mproc_rlock_t *l;
  int rc = mproc_rlock_create(&l);
  if (rc < 0)
    return rc;
  s->lock = (mproc_object_t *)(void *)l;
  s->owns_lock = true;
  return 0;
}

static int shared_create(shared_obj_t **out, mproc__type_id_t id,
                         uint32_t ctype, size_t elem_size, size_t count,
                         const mproc_shared_options_t *opts, const char *what) {
  *out = NULL;
  if (elem_size == 0 || count > (SIZE_MAX - DATA_OFFSET) / elem_size ||
      count * elem_size > ((size_t)1 << 40))
    return mproc__err(MPROC_E_VALUE, "%zu elements of %zu bytes", count,
                      elem_size);
  shared_obj_t *s = calloc(1, sizeof *s);
  if (!s)
    return mproc__err(MPROC_E_NOMEM, "allocating a shared value");
  s->shm.h = MPROC__INVALID_HANDLE;
  int rc = lock_choose(s, opts, what);
  if (rc < 0)
    goto fail;
  size_t size = DATA_OFFSET + count * elem_size;
  void *addr;
  if (size <= MPROC__SLOT_MAX) {
    rc = mproc__slot_alloc(size, mproc__type_of(id)->name, &s->slot);
    addr = s->slot.data;
  } else {
    rc = mproc__shm_create(&s->shm, size);
    addr = s->shm.addr;
  }
  if (rc < 0)
    goto fail;
  s->hdr = addr;
  s->data = (uint8_t *)addr + DATA_OFFSET;
  s->hdr->magic = SHARED_MAGIC;
  s->hdr->ctype = ctype;
  s->hdr->elem_size = elem_size;
  s->hdr->count = count;
  if (opts->init && count)
    memcpy(s->data, opts->init, count * elem_size);
  s->base.magic = MPROC__OBJ_MAGIC;
  s->base.type_id = id;
  *out = s;
  return 0;
fail:
  if (s->lock && s->owns_lock)
    mproc__object_release(s->lock);
  mproc__slot_free(&s->slot);
  mproc__shm_close(&s->shm);
  free(s);
  return rc;
}

static void shared_destroy_obj(mproc_object_t *o) {
  shared_free((shared_obj_t *)o);
}

#define IN_SLOT 1
#define IN_REGION 2

/* Reduction: IN_SLOT and the slot's reduction, or IN_REGION and the
 * region (size, handle); then 0, or 1 and the lock's reduction as any
 * object's (its type id first). */
static int shared_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                         mproc__wbuf_t *b) {
  shared_obj_t *s = (shared_obj_t *)o;
  int rc;
  if (s->slot.slab) {
    mproc__put_u8(b, IN_SLOT);
    rc = mproc__slot_reduce(&s->slot, ctx, b);
  } else {
    mproc__put_u8(b, IN_REGION);
    mproc__put_u64(b, (uint64_t)s->shm.size);
    rc = mproc__reduce_handle(ctx, s->shm.h, b);
  }
  if (rc < 0)
    return rc;
  mproc__put_u8(b, s->lock ? 1 : 0);
  if (s->lock)
    rc = mproc__object_reduce(s->lock, b);
  return rc;
}

static int shared_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                          mproc_object_t **out) {
  uint8_t kind = mproc__get_u8(r);
  uint64_t size = 0;
  mproc__handle_t h = MPROC__INVALID_HANDLE;
  mproc__slot_t slot;
  memset(&slot, 0, sizeof slot);
  int rc = 0;
  if (kind == IN_SLOT) {
    rc = mproc__slot_rebuild(r, DATA_OFFSET, mproc__type_of(id)->name, &slot);
    size = slot.size;
  } else if (kind == IN_REGION) {
    size = mproc__get_u64(r);
    h = mproc__rebuild_handle(r);
  } else {
    rc = mproc__err(MPROC_E_DECODE, "malformed shared value reduction");
  }
  shared_obj_t *s = NULL;
  if (rc < 0)
    goto fail;
  s = calloc(1, sizeof *s);
  if (!s) {
    rc = mproc__err(MPROC_E_NOMEM, "rebuilding a shared value");
    goto fail;
  }
  s->shm.h = MPROC__INVALID_HANDLE;
  s->slot = slot;
  memset(&slot, 0, sizeof slot);
  if (kind == IN_REGION) {
    if (r->err || size < DATA_OFFSET || size > ((uint64_t)1 << 41) ||
        h == MPROC__INVALID_HANDLE) {
      rc = mproc__err(MPROC_E_DECODE, "malformed shared value reduction");
      goto fail;
    }
    rc = mproc__shm_attach(&s->shm, h, (size_t)size);
    h = MPROC__INVALID_HANDLE;
    if (rc < 0)
      goto fail;
  }
  void *addr = s->slot.slab ? s->slot.data : s->shm.addr;
  s->hdr = addr;
  s->data = (uint8_t *)addr + DATA_OFFSET;
  if (s->hdr->magic != SHARED_MAGIC || s->hdr->elem_size == 0 ||
      s->hdr->count > (size - DATA_OFFSET) / s->hdr->elem_size ||
      (s->hdr->ctype != 0 &&
       ctype_size((mproc_ctype_t)s->hdr->ctype) != s->hdr->elem_size)) {
    rc = mproc__err(MPROC_E_DECODE, "received memory is not a shared value");
    goto fail;
  }
  uint8_t has_lock = mproc__get_u8(r);
  if (r->err || has_lock > 1) {
    rc = mproc__err(MPROC_E_DECODE, "malformed shared value reduction");
    goto fail;
  }
  if (has_lock) {
    /* Only ever in a start record: the value itself is inherit-only. */
    rc = mproc__object_rebuild(r, true, 0, &s->lock);
    if (rc < 0)
      goto fail;
    s->owns_lock = true;
    if (mproc__acquirable(s->lock, "acquire", "a received shared value") < 0) {
      rc = mproc__err(MPROC_E_DECODE, "a shared value's lock is a %s",
                      mproc__type_of(s->lock->type_id)->name);
      goto fail;
    }
  }
  s->base.magic = MPROC__OBJ_MAGIC;
  s->base.type_id = id;
  *out = &s->base;
  return 0;
fail:
  mproc__slot_free(&slot);
  if (s) {
    if (s->lock)
      mproc__object_release(s->lock);
    mproc__slot_free(&s->slot);
    mproc__shm_close(&s->shm);
  }
  free(s);
  if (h != MPROC__INVALID_HANDLE) {
    mproc__shm_t tmp = {NULL, 0, h};
    mproc__shm_close(&tmp);
  }
  return rc;
}

const mproc__type_t mproc__value_type = {"Synchronized", true, shared_reduce,
                                         shared_rebuild, shared_destroy_obj};
const mproc__type_t mproc__array_type = {"SynchronizedArray", true,
                                         shared_reduce, shared_rebuild,
                                         shared_destroy_obj};

static shared_obj_t *shared_get(const void *p, mproc__type_id_t id,
                                const char *what, int *rc) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o) {
    *rc = p ? MPROC_E_TYPE : MPROC_E_INVAL;
    return NULL;
  }
  if (o->type_id != id) {
    *rc = mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
                     mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (shared_obj_t *)o;
}

#define SHARED_GET(s, p, id)                                                   \
  int rc_get_ = 0;                                                             \
  shared_obj_t *s = shared_get(p, id, __func__, &rc_get_);                     \
  if (!s)                                                                      \
  return rc_get_

/*
 * Takes the object's lock, if it has one: 0, MPROC_E_OWNER_DEAD (taken,
 * from a holder that died), or a failure (not taken).
 *
 * A dead holder does not stop a get or a set: CPython's `counter.value`
 * would hang forever there (gh-88304), and returning the code with the lock
 * still held (as mproc once did) leaves a caller that ignores it, as Python
 * code does with a property, holding the lock for good. The getter and
 * setter take the lock themselves, so they also give it back (unlock_opt)
 * and report the death with the value read or written: the caller learns
 * that the value may be inconsistent, and nobody is left holding anything.
 */
static int lock_opt(shared_obj_t *s) {
  return s->lock ? mproc_acquire(s->lock, MPROC_FOREVER) : 0;
}

/* Releases what lock_opt() took and passes its status on, with a detail
 * that says what the caller got. */
static int unlock_opt(shared_obj_t *s, int rc, const char *what,
                      const char *done) {
  if (s->lock)
    mproc_release(s->lock);
  if (rc == MPROC_E_OWNER_DEAD)
    return mproc__err(MPROC_E_OWNER_DEAD,
                      "%s: the owner of the lock died holding it, so the "
                      "value may be inconsistent; it was %s anyway and the "
                      "lock is released",
                      what, done);
  return rc;
}

static const mproc_shared_options_t default_options = {NULL, false, NULL};

int mproc_shared_value_create_ex(mproc_shared_value_t **out, mproc_ctype_t type,
                                 const mproc_shared_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  size_t size = ctype_size(type);
  if (!size)
    return mproc__err(MPROC_E_VALUE, "unknown C type %d", (int)type);
  shared_obj_t *s;
  int rc = shared_create(&s, MPROC__T_VALUE, (uint32_t)type, size, 1,
                         opts ? opts : &default_options, __func__);
  if (rc == 0)
    *out = (mproc_shared_value_t *)s;
  return rc;
}

int mproc_shared_value_create(mproc_shared_value_t **out, mproc_ctype_t type,
                              bool lock) {
  mproc_shared_options_t o = {NULL, !lock, NULL};
  return mproc_shared_value_create_ex(out, type, &o);
}

/* Reads the element of C type @p t at @p p as int64 and as double. */
static void load_scalar(mproc_ctype_t t, const void *p, int64_t *i, double *d) {
  int64_t iv = 0;
  double dv = 0;
  switch (t) {
  case MPROC_C_INT8:
    iv = *(const int8_t *)p;
    break;
  case MPROC_C_UINT8:
    iv = *(const uint8_t *)p;
    break;
  case MPROC_C_INT16:
    iv = *(const int16_t *)p;
    break;
  case MPROC_C_UINT16:
    iv = *(const uint16_t *)p;
    break;
  case MPROC_C_INT32:
    iv = *(const int32_t *)p;
    break;
  case MPROC_C_UINT32:
    iv = *(const uint32_t *)p;
    break;
  case MPROC_C_INT64:
    iv = *(const int64_t *)p;
    break;
  case MPROC_C_UINT64:
    iv = (int64_t) * (const uint64_t *)p;
    break;
  case MPROC_C_FLOAT:
    dv = *(const float *)p;
    iv = (int64_t)dv;
    *d = dv;
    *i = iv;
    return;
  case MPROC_C_DOUBLE:
    dv = *(const double *)p;
    iv = (int64_t)dv;
    *d = dv;
    *i = iv;
    return;
  }
  *i = iv;
  *d = (double)iv;
}

/* Writes @p i (or @p d if @p is_d) to the element of C type @p t at @p p,
 * converting as a C assignment does. */
static void store_scalar(mproc_ctype_t t, void *p, int64_t i, double d,
                         bool is_d) {
  if (is_d && t != MPROC_C_FLOAT && t != MPROC_C_DOUBLE)
    i = (int64_t)d;
  if (!is_d)
    d = (double)i;
  switch (t) {
  case MPROC_C_INT8:
    *(int8_t *)p = (int8_t)i;
    break;
  case MPROC_C_UINT8:
    *(uint8_t *)p = (uint8_t)i;
    break;
  case MPROC_C_INT16:
    *(int16_t *)p = (int16_t)i;
    break;
  case MPROC_C_UINT16:
    *(uint16_t *)p = (uint16_t)i;
    break;
  case MPROC_C_INT32:
    *(int32_t *)p = (int32_t)i;
    break;
  case MPROC_C_UINT32:
    *(uint32_t *)p = (uint32_t)i;
    break;
  case MPROC_C_INT64:
    *(int64_t *)p = i;
    break;
  case MPROC_C_UINT64:
    *(uint64_t *)p = (uint64_t)i;
    break;
  case MPROC_C_FLOAT:
    *(float *)p = (float)d;
    break;
  case MPROC_C_DOUBLE:
    *(double *)p = d;
    break;
  }
}

/* One element, read (@p set false: into *i and *d) or written (from @p i,
 * or @p d if @p is_d) under the lock. */
static int elem_access(shared_obj_t *s, void *p, bool set, int64_t *i,
                       double *d, bool is_d, const char *what) {
  int rc = lock_opt(s);
  if (rc < 0 && rc != MPROC_E_OWNER_DEAD)
    return rc;
  mproc_ctype_t t = (mproc_ctype_t)s->hdr->ctype;
  if (set)
    store_scalar(t, p, *i, *d, is_d);
  else
    load_scalar(t, p, i, d);
  return unlock_opt(s, rc, what, set ? "written" : "read");
}

int mproc_shared_value_get_int(mproc_shared_value_t *v, int64_t *out) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  double d;
  return elem_access(s, s->data, false, out, &d, false, __func__);
}

int mproc_shared_value_get_double(mproc_shared_value_t *v, double *out) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  int64_t i;
  return elem_access(s, s->data, false, &i, out, false, __func__);
}

int mproc_shared_value_set_int(mproc_shared_value_t *v, int64_t x) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  double d = 0;
  return elem_access(s, s->data, true, &x, &d, false, __func__);
}

int mproc_shared_value_set_double(mproc_shared_value_t *v, double x) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  int64_t i = 0;
  return elem_access(s, s->data, true, &i, &x, true, __func__);
}

void *mproc_shared_value_ptr(mproc_shared_value_t *v) {
  int rc;
  shared_obj_t *s = shared_get(v, MPROC__T_VALUE, __func__, &rc);
  return s ? s->data : NULL;
}

/* The lock, whatever its type (@p any), or only an RLock (the old
 * getters, typed mproc_rlock_t). */
static int lock_get(shared_obj_t *s, void **out, bool any, const char *what) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  if (!s->lock)
    return mproc__err(MPROC_E_STATE, "%s: created without a lock (raw)", what);
  if (!any && s->lock->type_id != MPROC__T_RLOCK)
    return mproc__err(MPROC_E_TYPE,
                      "%s: the lock is a %s, not an RLock: use the "
                      "untyped getter",
                      what, mproc_object_type_name(s->lock));
  *out = s->lock;
  return 0;
}

int mproc_shared_value_get_lock(mproc_shared_value_t *v, mproc_rlock_t **out) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  return lock_get(s, (void **)out, false, __func__);
}

int mproc_shared_value_lock(mproc_shared_value_t *v, void **out) {
  SHARED_GET(s, v, MPROC__T_VALUE);
  return lock_get(s, out, true, __func__);
}

void mproc_shared_value_destroy(mproc_shared_value_t *v) {
  int rc;
  if (v && shared_get(v, MPROC__T_VALUE, __func__, &rc))
    shared_free(&v->s);
}

int mproc_shared_array_create(mproc_shared_array_t **out, size_t elem_size,
                              size_t count, bool lock) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  mproc_shared_options_t o = {NULL, !lock, NULL};
  shared_obj_t *s;
  int rc = shared_create(&s, MPROC__T_ARRAY, 0, elem_size, count, &o, __func__);
  if (rc == 0)
    *out = (mproc_shared_array_t *)s;
  return rc;
}

int mproc_shared_array_create_ex(mproc_shared_array_t **out, mproc_ctype_t type,
                                 size_t count,
                                 const mproc_shared_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  size_t size = ctype_size(type);
  if (!size)
    return mproc__err(MPROC_E_VALUE, "unknown C type %d", (int)type);
  shared_obj_t *s;
  int rc = shared_create(&s, MPROC__T_ARRAY, (uint32_t)type, size, count,
                         opts ? opts : &default_options, __func__);
  if (rc == 0)
    *out = (mproc_shared_array_t *)s;
  return rc;
}

/* The first element of @p n from @p start (negative: from the end, as in
 * Python), or MPROC_E_VALUE if they are not all within the array. */
static int elem_range(shared_obj_t *s, int64_t start, size_t n, uint8_t **p,
                      const char *what) {
  uint64_t count = s->hdr->count;
  /* count <= 2^40 (shared_create), so it fits an int64_t. */
  int64_t i = start < 0 ? start + (int64_t)count : start;
  if (i < 0 || (uint64_t)i > count || n > count - (uint64_t)i)
    return mproc__err(MPROC_E_VALUE,
                      "%s: invalid index: %zu element(s) at %lld in an "
                      "array of %llu",
                      what, n, (long long)start, (unsigned long long)count);
  *p = s->data + (size_t)i * s->hdr->elem_size;
  return 0;
}

/* One element of a typed array: its address, after the checks. */
static int elem_at(shared_obj_t *s, int64_t index, uint8_t **p,
                   const char *what) {
  if (s->hdr->ctype == 0)
    return mproc__err(MPROC_E_TYPE,
                      "%s: the array has no C type (made by "
                      "mproc_shared_array_create()); use read/write",
                      what);
  return elem_range(s, index, 1, p, what);
}

int mproc_shared_array_get_int(mproc_shared_array_t *a, int64_t index,
                               int64_t *out) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  uint8_t *p = NULL;
  int rc = elem_at(s, index, &p, __func__);
  double d;
  return rc < 0 ? rc : elem_access(s, p, false, out, &d, false, __func__);
}

int mproc_shared_array_get_double(mproc_shared_array_t *a, int64_t index,
                                  double *out) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  uint8_t *p = NULL;
  int rc = elem_at(s, index, &p, __func__);
  int64_t i;
  return rc < 0 ? rc : elem_access(s, p, false, &i, out, false, __func__);
}

int mproc_shared_array_set_int(mproc_shared_array_t *a, int64_t index,
                               int64_t x) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  uint8_t *p = NULL;
  int rc = elem_at(s, index, &p, __func__);
  double d = 0;
  return rc < 0 ? rc : elem_access(s, p, true, &x, &d, false, __func__);
}

int mproc_shared_array_set_double(mproc_shared_array_t *a, int64_t index,
                                  double x) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  uint8_t *p = NULL;
  int rc = elem_at(s, index, &p, __func__);
  int64_t i = 0;
  return rc < 0 ? rc : elem_access(s, p, true, &i, &x, true, __func__);
}

/* Copies @p n elements between the array (from @p start) and @p buf,
 * under the lock, in one direction or the other. */
static int range_copy(shared_obj_t *s, int64_t start, size_t n, void *buf,
                      bool write, const char *what) {
  if (!buf && n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL buffer", what);
  uint8_t *p = NULL;
  int rc = elem_range(s, start, n, &p, what);
  if (rc < 0)
    return rc;
  rc = lock_opt(s);
  if (rc < 0 && rc != MPROC_E_OWNER_DEAD)
    return rc;
  size_t bytes = n * (size_t)s->hdr->elem_size;
  if (bytes)
    memcpy(write ? p : buf, write ? buf : p, bytes);
  return unlock_opt(s, rc, what, write ? "written" : "read");
}

int mproc_shared_array_read(mproc_shared_array_t *a, int64_t start, size_t n,
                            void *out) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  return range_copy(s, start, n, out, false, __func__);
}

int mproc_shared_array_write(mproc_shared_array_t *a, int64_t start, size_t n,
                             const void *in) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  return range_copy(s, start, n, (void *)(uintptr_t)in, true, __func__);
}

void *mproc_shared_array_ptr(mproc_shared_array_t *a) {
  int rc;
  shared_obj_t *s = shared_get(a, MPROC__T_ARRAY, __func__, &rc);
  return s ? s->data : NULL;
}

size_t mproc_shared_array_length(mproc_shared_array_t *a) {
  int rc;
  shared_obj_t *s = shared_get(a, MPROC__T_ARRAY, __func__, &rc);
  return s ? (size_t)s->hdr->count : 0;
}

size_t mproc_shared_array_elem_size(mproc_shared_array_t *a) {
  int rc;
  shared_obj_t *s = shared_get(a, MPROC__T_ARRAY, __func__, &rc);
  return s ? (size_t)s->hdr->elem_size : 0;
}

int mproc_shared_array_get_lock(mproc_shared_array_t *a, mproc_rlock_t **out) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  return lock_get(s, (void **)out, false, __func__);
}

int mproc_shared_array_lock(mproc_shared_array_t *a, void **out) {
  SHARED_GET(s, a, MPROC__T_ARRAY);
  return lock_get(s, out, true, __func__);
}

void mproc_shared_array_destroy(mproc_shared_array_t *a) {
  int rc;
  if (a && shared_get(a, MPROC__T_ARRAY, __func__, &rc))
    shared_free(&a->s);
}

static int value_obj(const mproc_value_t *v, mproc__type_id_t id,
                     shared_obj_t **out, const char *what) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", what);
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  int rc = 0;
  *out = shared_get(v->u.obj, id, "value", &rc);
  return *out ? 0 : rc;
}

int mproc_value_as_shared_value(const mproc_value_t *v,
                                mproc_shared_value_t **out) {
  shared_obj_t *s = NULL;
  int rc = value_obj(v, MPROC__T_VALUE, &s, __func__);
  if (rc == 0)
    *out = (mproc_shared_value_t *)s;
  return rc;
}

int mproc_value_as_shared_array(const mproc_value_t *v,
                                mproc_shared_array_t **out) {
  shared_obj_t *s = NULL;
  int rc = value_obj(v, MPROC__T_ARRAY, &s, __func__);
  if (rc == 0)
    *out = (mproc_shared_array_t *)s;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Named shared memory                                                      */
/* ------------------------------------------------------------------------ */

#define NAMED_MAGIC 0x4e616d64u /* "Namd" */
#define NAMED_HDR 64u
#define NAME_MAX_LEN 200

typedef struct named_hdr {
  uint32_t magic;
  uint32_t reserved;
  uint64_t size;
} named_hdr_t;

struct mproc_shared_memory {
  mproc_object_t base;
  mproc__shm_t shm;
  size_t size;
  char name[NAME_MAX_LEN + 1];
};

/*
 * Names this process created and has not unlinked, removed at exit (as
 * CPython's resource tracker does), so a clean exit leaves nothing in
 * /dev/shm. Guarded by a spin lock: a few entries, rarely touched.
 */
typedef struct owned_name {
  struct owned_name *next;
  int64_t pid;
  char name[NAME_MAX_LEN + 1];
} owned_name_t;

static owned_name_t *owned;
static volatile uint32_t owned_lock;
static volatile uint32_t atexit_done;

static void owned_acquire(void) {
  uint32_t z = 0;
  while (!mproc__cas32(&owned_lock, &z, 1)) {
    z = 0;
    mproc__cpu_relax();
  }
}

static void owned_release(void) {
  mproc__store32(&owned_lock, 0);
}

static void unlink_owned_at_exit(void) {
  owned_acquire();
  int64_t me = mproc__getpid();
  for (owned_name_t *o = owned; o; o = o->next)
    if (o->pid == me)
      mproc__named_shm_unlink(o->name);
  owned_release();
}

static void owned_add(const char *name) {
  owned_name_t *o = calloc(1, sizeof *o);
  if (!o)
    return; /* the name is then only removed by an explicit unlink */
  o->pid = mproc__getpid();
  memcpy(o->name, name, strlen(name) + 1);
  owned_acquire();
  if (!atexit_done) {
    atexit_done = 1;
    atexit(unlink_owned_at_exit);
  }
  o->next = owned;
  owned = o;
  owned_release();
}

static void owned_remove(const char *name) {
  owned_acquire();
  for (owned_name_t **pp = &owned; *pp; pp = &(*pp)->next) {
    if (strcmp((*pp)->name, name) == 0) {
      owned_name_t *o = *pp;
      *pp = o->next;
      free(o);
      break;
    }
  }
  owned_release();
}

static int check_name(const char *name, const char *what) {
  if (!name)
    return mproc__err(MPROC_E_INVAL, "%s: NULL name", what);
  size_t n = strlen(name);
  if (n == 0 || n > NAME_MAX_LEN)
    return mproc__err(MPROC_E_VALUE, "a name of %zu bytes (1 to %d)", n,
                      NAME_MAX_LEN);
  for (size_t i = 0; i < n; i++)
    if (name[i] == '/' || name[i] == '\\')
      return mproc__err(MPROC_E_VALUE, "name '%s' contains a slash", name);
  /* POSIX names are files in a directory (/dev/shm). */
  if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
    return mproc__err(MPROC_E_VALUE, "'%s' is not a usable name", name);
  return 0;
}

static int named_open(const char *what, mproc_shared_memory_t **out,
                      const char *name, size_t size, bool create) {
  int rc = check_name(name, what);
  if (rc < 0)
    return rc;
  if (create && (size == 0 || size > ((size_t)1 << 40)))
    return mproc__err(MPROC_E_VALUE, "size %zu", size);
  mproc_shared_memory_t *m = calloc(1, sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "allocating shared memory");
  m->shm.h = MPROC__INVALID_HANDLE;
  rc = mproc__named_shm_open(&m->shm, name, NAMED_HDR + size, create);
  if (rc < 0) {
    free(m);
    return rc;
  }
  named_hdr_t *h = m->shm.addr;
  if (create) {
    h->size = size;
    mproc__store32(&h->magic, NAMED_MAGIC);
    owned_add(name);
  } else if (m->shm.size < NAMED_HDR || h->magic != NAMED_MAGIC ||
             h->size > m->shm.size - NAMED_HDR) {
    rc = mproc__err(MPROC_E_DECODE, "'%s' is not mproc shared memory", name);
    mproc__shm_close(&m->shm);
    free(m);
    return rc;
  }
  m->size = (size_t)h->size;
  memcpy(m->name, name, strlen(name) + 1);
  m->base.magic = MPROC__OBJ_MAGIC;
  m->base.type_id = MPROC__T_SHARED_MEMORY;
  *out = m;
  return 0;
}

int mproc_shared_memory_create(mproc_shared_memory_t **out, const char *name,
                               size_t size) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  char gen[64];
  if (!name) {
    /* A random-looking name, as CPython's "psm_..." */
    static volatile uint32_t counter;
    uint64_t x = (uint64_t)mproc__now_ns() ^ ((uint64_t)mproc__getpid() << 32);
    for (int tries = 0; tries < 16; tries++) {
      x = x * 6364136223846793005ull + mproc__fetch_add32(&counter, 1) + 1;
      snprintf(gen, sizeof gen, "mproc_%016llx", (unsigned long long)x);
      int rc = named_open(__func__, out, gen, size, true);
      if (rc != MPROC_E_BUSY)
        return rc;
    }
    return mproc__err(MPROC_E_BUSY, "no free shared memory name found");
  }
  return named_open(__func__, out, name, size, true);
}

int mproc_shared_memory_attach(mproc_shared_memory_t **out, const char *name) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  return named_open(__func__, out, name, 0, false);
}

static mproc_shared_memory_t *named_get(const void *p, const char *what,
                                        int *rc) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o) {
    *rc = p ? MPROC_E_TYPE : MPROC_E_INVAL;
    return NULL;
  }
  if (o->type_id != MPROC__T_SHARED_MEMORY) {
    *rc = mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
                     mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (mproc_shared_memory_t *)o;
}

void *mproc_shared_memory_buf(mproc_shared_memory_t *m) {
  int rc;
  return named_get(m, __func__, &rc) ? (uint8_t *)m->shm.addr + NAMED_HDR
                                     : NULL;
}

size_t mproc_shared_memory_size(mproc_shared_memory_t *m) {
  int rc;
  return named_get(m, __func__, &rc) ? m->size : 0;
}

const char *mproc_shared_memory_name(mproc_shared_memory_t *m) {
  int rc;
  return named_get(m, __func__, &rc) ? m->name : NULL;
}

static void named_free(mproc_shared_memory_t *m) {
  m->base.magic = 0;
  mproc__shm_close(&m->shm);
  free(m);
}

int mproc_shared_memory_close(mproc_shared_memory_t *m) {
  if (!m)
    return 0;
  int rc = 0;
  if (!named_get(m, __func__, &rc))
    return rc;
  named_free(m);
  return 0;
}

int mproc_shared_memory_unlink(mproc_shared_memory_t *m) {
  int rc = 0;
  if (!named_get(m, __func__, &rc))
    return rc;
  owned_remove(m->name);
  return mproc__named_shm_unlink(m->name);
}

static void named_destroy_obj(mproc_object_t *o) {
  named_free((mproc_shared_memory_t *)o);
}

static int named_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  (void)ctx;
  mproc_shared_memory_t *m = (mproc_shared_memory_t *)o;
  size_t n = strlen(m->name);
  mproc__put_u32(b, (uint32_t)n);
  mproc__put_raw(b, m->name, n);
  return 0;
}

static int named_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  (void)id;
  uint32_t n = mproc__get_u32(r);
  const uint8_t *p = mproc__get_raw(r, n);
  if (r->err || n == 0 || n > NAME_MAX_LEN)
    return mproc__err(MPROC_E_DECODE, "malformed SharedMemory reduction");
  char name[NAME_MAX_LEN + 1];
  memcpy(name, p, n);
  name[n] = '\0';
  /* A name no creator could have made is malformed input, not a bad
   * argument: the bytes may come from anywhere. */
  if (strlen(name) != n || check_name(name, "rebuilding a SharedMemory") < 0)
    return mproc__err(MPROC_E_DECODE,
                      "malformed SharedMemory reduction (bad name)");
  mproc_shared_memory_t *m = NULL;
  int rc = named_open("rebuilding a SharedMemory", &m, name, 0, false);
  if (rc == MPROC_E_VALUE) { /* a name this platform cannot use (UTF-8) */
    char why[128];
    snprintf(why, sizeof why, "%s", mproc_last_error());
    return mproc__err(MPROC_E_DECODE, "malformed SharedMemory reduction (%s)",
                      why);
  }
  if (rc < 0)
    return rc;
  *out = &m->base;
  return 0;
}

const mproc__type_t mproc__shared_memory_type = {
    "SharedMemory", false, named_reduce, named_rebuild, named_destroy_obj};

int mproc_value_as_shared_memory(const mproc_value_t *v,
                                 mproc_shared_memory_t **out) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  int rc = 0;
  mproc_shared_memory_t *m = named_get(v->u.obj, "value", &rc);
  if (!m)
    return rc;
  *out = m;
  return 0;
}
