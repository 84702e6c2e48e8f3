/* SPDX-License-Identifier: MIT */
/*
 * The object model (see object.h): the header check, the sharing rule that
 * every codec goes through, handles and regions in reductions, and the
 * region objects of sync/.
 */
#include "object.h"

#include <stdlib.h>
#include <string.h>

static MPROC__TLS mproc__spawn_ctx_t *spawning;
/* Set while a start record is decoded (see mproc__decoding_start_record). */
static MPROC__TLS bool decoding_start;

/* ------------------------------------------------------------------------ */
/* Objects and the sharing rule                                             */
/* ------------------------------------------------------------------------ */

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

mproc__spawn_ctx_t *mproc__spawning_set(mproc__spawn_ctx_t *ctx) {
  mproc__spawn_ctx_t *prev = spawning;
  spawning = ctx;
  return prev;
}

bool mproc__decoding_start_record(void) {
  return decoding_start;
}

void mproc__decoding_start_set(bool on) {
  decoding_start = on;
}

int mproc__object_reduce(mproc_object_t *o, mproc__wbuf_t *b) {
  const mproc__type_t *t = mproc__type_of(o->type_id);
  if (t->inherit_only && !spawning)
    return mproc__err(MPROC_E_INHERITANCE,
                      "%s objects should only be shared between processes "
                      "through inheritance",
                      t->name);
  mproc__put_u8(b, (uint8_t)o->type_id);
  return t->reduce(o, spawning, b);
}

int mproc__object_rebuild(mproc__rbuf_t *r, bool at_start, size_t i,
                          mproc_object_t **out) {
  *out = NULL;
  mproc__type_id_t id = (mproc__type_id_t)mproc__get_u8(r);
  const mproc__type_t *t = mproc__type_of(id);
  if (!t)
    return mproc__err(MPROC_E_DECODE, "value %zu: unknown object type %d", i,
                      (int)id);
  if (t->inherit_only && !at_start)
    return mproc__err(MPROC_E_DECODE,
                      "value %zu: %s objects can only be received when a "
                      "process starts",
                      i, t->name);
  mproc_object_t *o = NULL;
  int rc = t->rebuild(id, r, &o);
  if (rc == 0)
    *out = o;
  return rc;
}

void mproc__object_release(mproc_object_t *o) {
  const mproc__type_t *t = mproc__type_of(o->type_id);
  if (t)
    t->destroy(o);
}

/* ------------------------------------------------------------------------ */
/* Handles and regions                                                      */
/* ------------------------------------------------------------------------ */

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
/* Region objects (Event, Condition, Barrier)                               */
/* ------------------------------------------------------------------------ */

/* How a region object travels: in a slot, or a region of its own. */
#define ROBJ_IN_SLOT 1
#define ROBJ_IN_REGION 2

int mproc__robj_init(mproc__robj_t *o, mproc__type_id_t id, size_t size,
                     size_t park_off) {
  memset(&o->slot, 0, sizeof o->slot);
  o->shm.addr = NULL;
  o->shm.h = MPROC__INVALID_HANDLE;
  o->park.h = MPROC__INVALID_HANDLE;
  int rc;
  if (size <= MPROC__SLOT_MAX) {
    rc = mproc__slot_alloc(size, mproc__type_of(id)->name, &o->slot);
    if (rc < 0)
      return rc;
    o->addr = o->slot.data;
    o->size = o->slot.size;
    o->pk = mproc__slot_park(&o->slot);
  } else {
    rc = mproc__shm_create(&o->shm, size);
    if (rc < 0)
      return rc;
    rc = mproc__park_init(
        &o->park, (volatile uint32_t *)((char *)o->shm.addr + park_off));
    if (rc < 0) {
      mproc__shm_close(&o->shm);
      return rc;
    }
    o->addr = o->shm.addr;
    o->size = o->shm.size;
    o->pk = &o->park;
  }
  o->base.magic = MPROC__OBJ_MAGIC;
  o->base.type_id = id;
  return 0;
}

void mproc__robj_fini(mproc__robj_t *o) {
  o->base.magic = 0;
  if (o->slot.slab) {
    mproc__slot_free(&o->slot);
  } else {
    mproc__park_close(&o->park);
    mproc__shm_close(&o->shm);
  }
  o->addr = NULL;
  o->pk = NULL;
}

int mproc__robj_reduce(mproc__robj_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  if (o->slot.slab) {
    mproc__put_u8(b, ROBJ_IN_SLOT);
    return mproc__slot_reduce(&o->slot, ctx, b);
  }
  mproc__put_u8(b, ROBJ_IN_REGION);
  return mproc__region_reduce(ctx, &o->shm, &o->park, b);
}

int mproc__robj_rebuild(size_t objsize, mproc__type_id_t id, mproc__rbuf_t *r,
                        size_t min_size, size_t park_off, mproc__robj_t **out) {
  const char *name = mproc__type_of(id)->name;
  mproc__robj_t *o = calloc(1, objsize);
  uint8_t kind = mproc__get_u8(r);
  int rc;
  if (kind == ROBJ_IN_SLOT) {
    mproc__slot_t slot;
    rc = mproc__slot_rebuild(r, min_size, name, &slot);
    if (rc == 0 && !o)
      mproc__slot_free(&slot);
    if (rc == 0 && o) {
      o->slot = slot;
      o->shm.h = MPROC__INVALID_HANDLE;
      o->park.h = MPROC__INVALID_HANDLE;
      o->addr = slot.data;
      o->size = slot.size;
      o->pk = mproc__slot_park(&o->slot);
    }
  } else if (kind == ROBJ_IN_REGION) {
    mproc__shm_t shm;
    mproc__park_t park;
    rc = mproc__region_rebuild(r, min_size, 1u << 20, park_off, name, &shm,
                               &park);
    if (rc == 0 && !o) {
      mproc__park_close(&park);
      mproc__shm_close(&shm);
    }
    if (rc == 0 && o) {
      o->shm = shm;
      o->park = park;
      o->addr = shm.addr;
      o->size = shm.size;
      o->pk = &o->park;
    }
  } else {
    rc = mproc__err(MPROC_E_DECODE, "malformed %s reduction", name);
  }
  if (rc < 0) {
    free(o);
    return rc;
  }
  if (!o)
    return mproc__err(MPROC_E_NOMEM, "rebuilding a %s", name);
  o->base.magic = MPROC__OBJ_MAGIC;
  o->base.type_id = id;
  *out = o;
  return 0;
}

/* The object behind a public pointer if it has type @p id. */
mproc__robj_t *mproc__robj_get(const void *p, mproc__type_id_t id,
                               const char *what) {
  mproc_object_t *o = mproc__object_check(p, what);
  if (!o)
    return NULL;
  if (o->type_id != id) {
    mproc__err(MPROC_E_TYPE, "%s: object is a %s", what,
               mproc__type_of(o->type_id)->name);
    return NULL;
  }
  return (mproc__robj_t *)o;
}

/* The status of a failed check (the detail message is already set). */
int mproc__bad_object(const void *p) {
  return p ? MPROC_E_TYPE : MPROC_E_INVAL;
}

int mproc__value_robj(const mproc_value_t *v, void **out, mproc__type_id_t id,
                      const char *what) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", what);
  if (v->type != MPROC_VALUE_OBJECT)
    return mproc__err(MPROC_E_TYPE, "value is not an object");
  mproc__robj_t *o = mproc__robj_get(v->u.obj, id, what);
  if (!o)
    return mproc__bad_object(v->u.obj);
  *out = o;
  return 0;
}
