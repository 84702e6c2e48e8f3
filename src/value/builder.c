/* SPDX-License-Identifier: MIT */
/*
 * Owned values: mproc_value_copy(), and builders that make a tuple, list
 * or dict piece by piece.
 *
 * A copy is an encoding decoded again: that gives exactly the one block
 * every value mproc hands back is, with the dicts' indexes, and objects
 * copied as they travel. Copying objects by pointer instead would leave
 * mproc_values_free() releasing objects the copy does not own.
 *
 * A builder keeps each item as an owned copy of its own, so that strings
 * may be the caller's temporaries, and a dict builder keeps a hash index
 * over its keys; finish joins them into one block with one more copy.
 */
#include "codec/codec.h"
#include "value/value.h"

#include <stdlib.h>
#include <string.h>

int mproc_value_copy(const mproc_value_t *vals, size_t n,
                     mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  mproc__wbuf_t b = {0};
  int rc = mproc__values_encode(&b, vals, n);
  size_t got = 0;
  if (rc == 0) {
    mproc__rbuf_t r = {b.p, b.len, 0, false};
    rc = mproc__values_decode(&r, false, out, &got);
  }
  free(b.p);
  return rc;
}

struct mproc_builder {
  mproc_value_type_t type;
  mproc_value_t **items; /* each an owned copy; a dict: key, value, ... */
  size_t n, cap;         /* items (2 per dict entry) */
  uint32_t *slots;       /* a dict's index: entry + 1, 0 empty */
  size_t nslots;
};

int mproc_builder_new(mproc_builder_t **out, mproc_value_type_t type) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  if (type != MPROC_VALUE_TUPLE && type != MPROC_VALUE_LIST &&
      type != MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE,
                      "%s: a builder makes a tuple, a list or a dict, not "
                      "type %d",
                      __func__, (int)type);
  mproc_builder_t *b = calloc(1, sizeof *b);
  if (!b)
    return mproc__err(MPROC_E_NOMEM, "%s", __func__);
  b->type = type;
  *out = b;
  return 0;
}

void mproc_builder_free(mproc_builder_t *b) {
  if (!b)
    return;
  for (size_t i = 0; i < b->n; i++)
    mproc_values_free(b->items[i], 1);
  free(b->items);
  free(b->slots);
  free(b);
}

size_t mproc_builder_len(const mproc_builder_t *b) {
  if (!b)
    return 0;
  return b->type == MPROC_VALUE_DICT ? b->n / 2 : b->n;
}

static int push(mproc_builder_t *b, mproc_value_t *owned, const char *what) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 16;
    mproc_value_t **items = realloc(b->items, cap * sizeof *items);
    if (!items) {
      mproc_values_free(owned, 1);
      return mproc__err(MPROC_E_NOMEM, "%s: growing to %zu items", what, cap);
    }
    b->items = items;
    b->cap = cap;
  }
  b->items[b->n++] = owned;
  return 0;
}

static int copy_one(const mproc_value_t *v, mproc_value_t **out,
                    const char *what) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  return mproc_value_copy(v, 1, out);
}

int mproc_builder_append(mproc_builder_t *b, const mproc_value_t *v) {
  if (!b)
    return mproc__err(MPROC_E_INVAL, "%s: NULL builder", __func__);
  if (b->type == MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE, "%s: a dict builder takes keys "
                                    "(mproc_builder_set)",
                      __func__);
  if (b->n >= MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_TOOBIG, "%s: %zu items", __func__, b->n);
  mproc_value_t *c = NULL;
  int rc = copy_one(v, &c, __func__);
  return rc < 0 ? rc : push(b, c, __func__);
}

/* The entry of @p key, or -1; *slot where it is or would go. */
static long find(const mproc_builder_t *b, const mproc_value_t *key,
                 uint64_t h, size_t *slot) {
  size_t mask = b->nslots - 1;
  size_t at = (size_t)h & mask;
  for (; b->slots[at]; at = (at + 1) & mask) {
    size_t e = b->slots[at] - 1;
    if (mproc_value_equal(b->items[2 * e], key)) {
      *slot = at;
      return (long)e;
    }
  }
  *slot = at;
  return -1;
}

static int grow_index(mproc_builder_t *b, size_t entries) {
  if (b->nslots >= 2 * entries && b->nslots)
    return 0;
  size_t cap = b->nslots ? 2 * b->nslots : 16;
  while (cap < 2 * entries)
    cap *= 2;
  uint32_t *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return mproc__err(MPROC_E_NOMEM, "growing a dict builder");
  free(b->slots);
  b->slots = slots;
  b->nslots = cap;
  for (size_t e = 0; e < b->n / 2; e++) {
    uint64_t h = 0;
    (void)mproc__key_hash(b->items[2 * e], &h, NULL); /* hashed before */
    size_t at = (size_t)h & (cap - 1);
    while (slots[at])
      at = (at + 1) & (cap - 1);
    slots[at] = (uint32_t)(e + 1);
  }
  return 0;
}

mproc_value_t *mproc_builder_lookup(mproc_builder_t *b,
                                    const mproc_value_t *key) {
  if (!b || !key || b->type != MPROC_VALUE_DICT || !b->nslots)
    return NULL;
  uint64_t h;
  if (mproc__key_hash(key, &h, __func__) < 0)
    return NULL;
  size_t slot;
  long e = find(b, key, h, &slot);
  return e < 0 ? NULL : b->items[2 * (size_t)e + 1];
}

int mproc_builder_set(mproc_builder_t *b, const mproc_value_t *key,
                      const mproc_value_t *v) {
  if (!b || !key || !v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (b->type != MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE, "%s: a %s builder takes items "
                                    "(mproc_builder_append)",
                      __func__,
                      b->type == MPROC_VALUE_TUPLE ? "tuple" : "list");
  uint64_t h;
  int rc = mproc__key_hash(key, &h, __func__);
  if (rc < 0)
    return rc;
  if ((rc = grow_index(b, b->n / 2 + 1)) < 0)
    return rc;
  mproc_value_t *cv = NULL;
  if ((rc = copy_one(v, &cv, __func__)) < 0)
    return rc;
  size_t slot;
  long e = find(b, key, h, &slot);
  if (e >= 0) { /* Python keeps the first key and its place */
    mproc_values_free(b->items[2 * (size_t)e + 1], 1);
    b->items[2 * (size_t)e + 1] = cv;
    return 0;
  }
  if (b->n / 2 >= MPROC_VALUE_MAX_COUNT / 2) {
    mproc_values_free(cv, 1);
    return mproc__err(MPROC_E_TOOBIG, "%s: %zu entries", __func__, b->n / 2);
  }
  mproc_value_t *ck = NULL;
  if ((rc = copy_one(key, &ck, __func__)) < 0) {
    mproc_values_free(cv, 1);
    return rc;
  }
  if ((rc = push(b, ck, __func__)) < 0) {
    mproc_values_free(cv, 1);
    return rc;
  }
  if ((rc = push(b, cv, __func__)) < 0) {
    b->n--;
    mproc_values_free(ck, 1);
    return rc;
  }
  b->slots[slot] = (uint32_t)(b->n / 2);
  return 0;
}

int mproc_builder_finish(mproc_builder_t *b, mproc_value_t **out) {
  if (!out) {
    mproc_builder_free(b);
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  }
  *out = NULL;
  if (!b)
    return mproc__err(MPROC_E_INVAL, "%s: NULL builder", __func__);
  mproc_value_t *view = malloc((b->n ? b->n : 1) * sizeof *view);
  int rc = 0;
  if (!view)
    rc = mproc__err(MPROC_E_NOMEM, "%s: %zu items", __func__, b->n);
  else {
    for (size_t i = 0; i < b->n; i++)
      view[i] = *b->items[i];
    mproc_value_t whole = b->type == MPROC_VALUE_DICT ? mproc_dict(view, b->n / 2)
                          : b->type == MPROC_VALUE_TUPLE ? mproc_tuple(view, b->n)
                                                         : mproc_list(view, b->n);
    rc = mproc_value_copy(&whole, 1, out);
  }
  free(view);
  mproc_builder_free(b);
  return rc;
}

/*
 * A deep copy that keeps objects by pointer, for values the library holds
 * on the caller's behalf (a pool's initializer arguments): they reach a
 * child only at its start, where inherit-only objects may go, so they
 * cannot be copied by encoding. Freed with free(); objects not released.
 */
static void clone_measure(const mproc_value_t *v, size_t n, size_t *nodes,
                          size_t *text) {
  for (size_t i = 0; i < n; i++) {
    const mproc_value_t *x = &v[i];
    if (x->type == MPROC_VALUE_STR)
      *text += strlen(x->u.s) + 1;
    else if (x->type == MPROC_VALUE_BYTES)
      *text += x->u.bytes.len + 1;
    else if (x->type == MPROC_VALUE_TUPLE || x->type == MPROC_VALUE_LIST) {
      *nodes += x->u.seq.n;
      clone_measure(x->u.seq.items, x->u.seq.n, nodes, text);
    } else if (x->type == MPROC_VALUE_DICT) {
      *nodes += 2 * x->u.dict.n;
      clone_measure(x->u.dict.items, 2 * x->u.dict.n, nodes, text);
    }
  }
}

static void clone_fill(const mproc_value_t *in, mproc_value_t *out, size_t n,
                       mproc_value_t **pool, uint8_t **text) {
  for (size_t i = 0; i < n; i++) {
    const mproc_value_t *x = &in[i];
    out[i] = *x;
    if (x->type == MPROC_VALUE_STR) {
      size_t len = strlen(x->u.s) + 1;
      memcpy(*text, x->u.s, len);
      out[i].u.s = (const char *)*text;
      *text += len;
    } else if (x->type == MPROC_VALUE_BYTES) {
      if (x->u.bytes.len)
        memcpy(*text, x->u.bytes.ptr, x->u.bytes.len);
      out[i].u.bytes.ptr = *text;
      *text += x->u.bytes.len + 1;
    } else if (x->type == MPROC_VALUE_TUPLE || x->type == MPROC_VALUE_LIST ||
               x->type == MPROC_VALUE_DICT) {
      bool dict = x->type == MPROC_VALUE_DICT;
      size_t k = dict ? 2 * x->u.dict.n : x->u.seq.n;
      mproc_value_t *items = *pool;
      *pool += k;
      clone_fill(dict ? x->u.dict.items : x->u.seq.items, items, k, pool,
                 text);
      if (dict) {
        out[i].u.dict.items = items;
        out[i].u.dict.index = NULL; /* a view again: scanned, not indexed */
      } else
        out[i].u.seq.items = items;
    }
  }
}

int mproc__values_clone(const mproc_value_t *in, size_t n,
                        mproc_value_t **out) {
  *out = NULL;
  size_t nodes = n, text = 0;
  int rc = mproc__values_check(in, n, "argument", NULL);
  if (rc < 0)
    return rc;
  clone_measure(in, n, &nodes, &text);
  uint8_t *block = malloc(nodes * sizeof(mproc_value_t) + text + 1);
  if (!block)
    return mproc__err(MPROC_E_NOMEM, "copying %zu values", nodes);
  mproc_value_t *vals = (mproc_value_t *)(void *)block;
  mproc_value_t *pool = vals + n;
  uint8_t *t = block + nodes * sizeof(mproc_value_t);
  clone_fill(in, vals, n, &pool, &t);
  *out = vals;
  return 0;
}
