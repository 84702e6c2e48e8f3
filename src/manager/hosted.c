/* SPDX-License-Identifier: MIT */
/*
 * The manager's hosted containers, dict and list, as the server holds them:
 * their state and their methods (wire.h), called by server.c with its
 * mutex held. Nothing here waits, speaks a protocol or knows a connection.
 *
 * Stored values stay as the encodings their clients made (the server never
 * needs them, and an encoding is one allocation). A dict's keys are held
 * decoded, with a hash index: Python's dict compares keys by value, so
 * 1, 1.0 and True are one key, which no comparison of encodings gives (the
 * server once compared encodings, and the int 1 and the float 1.0 were two
 * keys). A list decodes its items only to compare them (remove, index,
 * count, sort).
 */
#include "manager/manager.h"

#include "value/value.h"

#include <stdlib.h>
#include <string.h>

/* One batch of an iteration (M_DICT_NEXT, M_LIST_NEXT): at most this many
 * entries, and past this many bytes of values no more are added. A large
 * dict is walked without a copy of it in one frame, and a batch costs one
 * round trip, not one per entry (CPython's iterator proxy: one per entry). */
#define BATCH_MAX 1024
#define BATCH_BYTES ((size_t)1 << 20)

typedef struct hblob {
  uint8_t *p;
  size_t n;
} hblob_t;

typedef struct dentry {
  mproc_value_t *key; /* one block (mproc_value_copy()); NULL: deleted */
  uint64_t hash;
  hblob_t val;
} dentry_t;

/* Index slots: 0 empty, SLOT_DUMMY a deleted entry's, else entry + 2. */
#define SLOT_DUMMY 1

struct mproc__hosted {
  int kind;
  /* list: items[0, len) */
  hblob_t *items;
  /* dict: ents[0, len), insertion order, live of them not deleted. The
   * index has nslots (a power of two, at least twice cap), so that it is
   * at most half full however many entries are deleted: a probe ends. */
  dentry_t *ents;
  size_t *slots, nslots;
  size_t len, cap, live;
  /* Bumped whenever a key is added or removed: a cursor made at another
   * version fails, as CPython's dict iterator does. Changing the value of a
   * key that is there does not bump it (CPython allows that too); positions
   * of entries change only with it (compaction, clear). */
  uint64_t version;
};

/* A stored value's bytes follow, in one allocation, the references it
 * holds (refs.c): a prefix of BLOB_PREFIX bytes with the pointer to them,
 * so that whatever frees a value (an overwrite, a pop, a slice, a clear,
 * the container's end) drops them, through blob_release(), without the
 * value carrying a second field through every move. */
#define BLOB_PREFIX 16

static int blob_copy(hblob_t *dst, const void *p, size_t n) {
  uint8_t *q = malloc(BLOB_PREFIX + (n ? n : 1));
  if (!q)
    return mproc__err(MPROC_E_NOMEM, "storing %zu bytes", n);
  if (n)
    memcpy(q + BLOB_PREFIX, p, n);
  mproc__refs_t *r = NULL;
  int rc = mproc__refs_take(q + BLOB_PREFIX, n, &r);
  if (rc < 0) {
    free(q);
    return rc;
  }
  memcpy(q, &r, sizeof r);
  dst->p = q + BLOB_PREFIX;
  dst->n = n;
  return 0;
}

/* Frees a removed value that went out in a reply (a pop): its references
 * become leases, so that the proxies in it outlive it until they attach,
 * as a proxy sent in a queue does. NULL is allowed. */
static void blob_release_leased(void *p) {
  if (!p)
    return;
  uint8_t *q = (uint8_t *)p - BLOB_PREFIX;
  mproc__refs_t *r;
  memcpy(&r, q, sizeof r);
  free(q);
  mproc__refs_to_leases(r);
}

/* Frees a stored value's bytes (blob_copy()) and drops its references.
 * NULL is allowed. */
static void blob_release(void *p) {
  if (!p)
    return;
  uint8_t *q = (uint8_t *)p - BLOB_PREFIX;
  mproc__refs_t *r;
  memcpy(&r, q, sizeof r);
  free(q);
  mproc__refs_drop(r);
}

static mproc_value_t blob_value(const hblob_t *b) {
  return mproc_bytes(b->p, b->n);
}

void mproc__hscratch_free(mproc__hscratch_t *s) {
  free(s->arr);
  blob_release_leased(s->blob);
  mproc_values_free(s->key, 1);
  free(s->raw);
  s->arr = NULL;
  s->blob = NULL;
  s->key = NULL;
  s->raw = NULL;
}

bool mproc__hosted_op(int64_t op) {
  return (op >= M_DICT_SET && op <= M_LIST_LEN) ||
         (op >= M_DICT_CONTAINS && op <= M_LIST_NEXT);
}

static bool is_dict_op(int64_t op) {
  return (op >= M_DICT_SET && op <= M_DICT_LEN) ||
         (op >= M_DICT_CONTAINS && op <= M_DICT_NEXT);
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                */
/* ------------------------------------------------------------------------ */

static bool arg_int(const mproc_value_t *a, size_t n, size_t i, int64_t *v) {
  return i < n && mproc_value_as_int(&a[i], v) == 0;
}

static bool arg_bool(const mproc_value_t *a, size_t n, size_t i, bool *v) {
  return i < n && mproc_value_as_bool(&a[i], v) == 0;
}

static bool arg_bytes(const mproc_value_t *a, size_t n, size_t i,
                      const void **p, size_t *len) {
  return i < n && mproc_value_as_bytes(&a[i], p, len) == 0;
}

static const mproc_value_t *arg_list(const mproc_value_t *a, size_t n,
                                     size_t i) {
  return i < n && a[i].type == MPROC_VALUE_LIST ? &a[i] : NULL;
}

/* Every item of a list argument is bytes (an encoded value). */
static bool all_bytes(const mproc_value_t *l) {
  for (size_t i = 0; i < l->u.seq.n; i++)
    if (l->u.seq.items[i].type != MPROC_VALUE_BYTES)
      return false;
  return true;
}

/* Python's hash of a key, with CPython's TypeError message. */
static int key_hash(const mproc_value_t *k, uint64_t *h) {
  int rc = mproc__key_hash(k, h, NULL);
  if (rc == MPROC_E_TYPE)
    return mproc__err(rc, "unhashable type: '%s'", mproc_value_type_name(k));
  if (rc == MPROC_E_VALUE)
    return mproc__err(rc, "a NaN key can never be found again in another "
                          "process");
  if (rc < 0)
    return mproc__err(rc, "a malformed key");
  return 0;
}

/* MPROC_E_KEY naming the key as CPython's KeyError does. */
static int key_error(const mproc_value_t *k) {
  char *r = mproc_value_repr(k);
  int rc = mproc__err(MPROC_E_KEY, "KeyError: %s", r ? r : "?");
  mproc_free(r);
  return rc;
}

/* A value a client sent to compare with (remove, index, count), decoded:
 * one block for mproc_values_free(*out, 1). Not MPROC_E_DECODE, which a
 * client takes for a broken stream. */
static int probe_decode(const void *p, size_t len, mproc_value_t **out) {
  size_t n = 0;
  int rc = mproc_decode(p, len, out, &n);
  if (rc == 0 && n == 1)
    return 0;
  if (rc == 0)
    mproc_values_free(*out, n);
  *out = NULL;
  return mproc__err(MPROC_E_VALUE, "a value the manager cannot read");
}

/* Whether stored item @p b equals @p v (Python's ==). An item the server
 * cannot decode (a proxy whose tag does not verify here) equals nothing. */
static bool item_equal(const hblob_t *b, const mproc_value_t *v) {
  mproc_value_t *x = NULL;
  size_t n = 0;
  if (mproc_decode(b->p, b->n, &x, &n) != 0)
    return false;
  bool eq = n == 1 && mproc_value_equal(&x[0], v);
  mproc_values_free(x, n);
  return eq;
}

/* ------------------------------------------------------------------------ */
/* dict                                                                     */
/* ------------------------------------------------------------------------ */

static long dict_find(const mproc__hosted_t *h, const mproc_value_t *k,
                      uint64_t hash) {
  if (!h->nslots)
    return -1;
  size_t mask = h->nslots - 1;
  for (size_t at = (size_t)hash & mask; h->slots[at]; at = (at + 1) & mask) {
    size_t s = h->slots[at];
    if (s == SLOT_DUMMY)
      continue;
    const dentry_t *e = &h->ents[s - 2];
    if (e->hash == hash && mproc_value_equal(e->key, k))
      return (long)(s - 2);
  }
  return -1;
}

static void slot_put(mproc__hosted_t *h, size_t e) {
  size_t mask = h->nslots - 1;
  size_t at = (size_t)h->ents[e].hash & mask;
  while (h->slots[at] > SLOT_DUMMY)
    at = (at + 1) & mask;
  h->slots[at] = e + 2;
}

/* Rebuilds the index for @p cap entries (dummies go). */
static int index_build(mproc__hosted_t *h, size_t cap) {
  size_t n = 8;
  while (n < 2 * cap)
    n *= 2;
  size_t *slots = calloc(n, sizeof *slots);
  if (!slots)
    return mproc__err(MPROC_E_NOMEM, "indexing a dict");
  free(h->slots);
  h->slots = slots;
  h->nslots = n;
  for (size_t e = 0; e < h->len; e++)
    if (h->ents[e].key)
      slot_put(h, e);
  return 0;
}

/* Appends a new entry (the key is not there): takes @p key and @p val. */
static int dict_append(mproc__hosted_t *h, mproc_value_t *key, uint64_t hash,
                       hblob_t val) {
  if (h->len == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 8;
    dentry_t *ents = realloc(h->ents, cap * sizeof *ents);
    if (!ents)
      return mproc__err(MPROC_E_NOMEM, "growing a dict");
    h->ents = ents;
    int rc = index_build(h, cap);
    if (rc < 0)
      return rc;
    h->cap = cap;
  } else if (!h->nslots) {
    int rc = index_build(h, h->cap);
    if (rc < 0)
      return rc;
  }
  h->ents[h->len].key = key;
  h->ents[h->len].hash = hash;
  h->ents[h->len].val = val;
  slot_put(h, h->len++);
  h->live++;
  h->version++;
  return 0;
}

/* Sets @p k to a copy of @p p: an existing key keeps its place and its
 * first key object (1.0 set over 1 leaves the key 1), as in Python. */
static int dict_set(mproc__hosted_t *h, const mproc_value_t *k, uint64_t hash,
                    const void *p, size_t len) {
  hblob_t vb;
  int rc = blob_copy(&vb, p, len);
  if (rc < 0)
    return rc;
  long e = dict_find(h, k, hash);
  if (e >= 0) {
    blob_release(h->ents[e].val.p);
    h->ents[e].val = vb;
    return 0;
  }
  mproc_value_t *key = NULL;
  if ((rc = mproc_value_copy(k, 1, &key)) < 0 ||
      (rc = dict_append(h, key, hash, vb)) < 0) {
    mproc_values_free(key, 1);
    blob_release(vb.p);
  }
  return rc;
}

/* Removes entry @p e, handing its key block and value to the caller. */
static void dict_take(mproc__hosted_t *h, size_t e, mproc_value_t **key,
                      hblob_t *val) {
  size_t mask = h->nslots - 1;
  size_t at = (size_t)h->ents[e].hash & mask;
  while (h->slots[at] != e + 2)
    at = (at + 1) & mask;
  h->slots[at] = SLOT_DUMMY;
  *key = h->ents[e].key;
  *val = h->ents[e].val;
  h->ents[e].key = NULL;
  h->ents[e].val.p = NULL;
  h->live--;
  h->version++;
  while (h->len > 0 && !h->ents[h->len - 1].key)
    h->len--;
  /* Many holes: close them up (the version just changed, so no cursor
   * depends on the positions). Out of memory for the new index, the holes
   * stay. */
  if (h->len - h->live > 8 && h->len - h->live > h->live) {
    size_t *slots = calloc(h->nslots, sizeof *slots);
    if (!slots)
      return;
    size_t j = 0;
    for (size_t i = 0; i < h->len; i++)
      if (h->ents[i].key)
        h->ents[j++] = h->ents[i];
    h->len = j;
    free(h->slots);
    h->slots = slots;
    for (size_t i = 0; i < h->len; i++)
      slot_put(h, i);
  }
}

static void dict_clear(mproc__hosted_t *h) {
  for (size_t i = 0; i < h->len; i++)
    if (h->ents[i].key) {
      mproc_values_free(h->ents[i].key, 1);
      blob_release(h->ents[i].val.p);
    }
  h->len = h->live = 0;
  if (h->slots)
    memset(h->slots, 0, h->nslots * sizeof *h->slots);
  h->version++;
}

/* update(): a list [key, bytes, ...], checked whole first, so that a bad
 * key leaves the dict as it was. */
static int dict_update(mproc__hosted_t *h, const mproc_value_t *l) {
  size_t n = l->u.seq.n;
  const mproc_value_t *kv = l->u.seq.items;
  if (n % 2)
    return mproc__err(MPROC_E_TYPE, "update(): malformed entries");
  for (size_t i = 0; i < n; i += 2) {
    uint64_t hash;
    int rc = key_hash(&kv[i], &hash);
    if (rc < 0)
      return rc;
    if (kv[i + 1].type != MPROC_VALUE_BYTES)
      return mproc__err(MPROC_E_TYPE, "update(): malformed entries");
  }
  for (size_t i = 0; i < n; i += 2) {
    uint64_t hash;
    key_hash(&kv[i], &hash);
    int rc =
        dict_set(h, &kv[i], hash, kv[i + 1].u.bytes.ptr, kv[i + 1].u.bytes.len);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int dict_call(mproc__hosted_t *h, int64_t op, const mproc_value_t *a,
                     size_t n, mproc_value_t *res, size_t *nres,
                     mproc__hscratch_t *s) {
  const void *p = NULL;
  size_t len = 0;
  uint64_t hash = 0;
  int64_t i = 0;
  bool flag = false;
  int rc;
  long e;
  /* The methods that take a key first. */
  switch (op) {
  case M_DICT_SET:
  case M_DICT_GET:
  case M_DICT_DEL:
  case M_DICT_CONTAINS:
  case M_DICT_POP:
  case M_DICT_SETDEFAULT:
    if (n < 1)
      return 1;
    if ((rc = key_hash(&a[0], &hash)) < 0)
      return rc;
    break;
  default:
    break;
  }
  switch (op) {
  case M_DICT_SET:
    if (!arg_bytes(a, n, 1, &p, &len))
      return 1;
    return dict_set(h, &a[0], hash, p, len);
  case M_DICT_GET:
  case M_DICT_CONTAINS:
    if (n > 1 && !arg_bool(a, n, 1, &flag))
      return 1;
    e = dict_find(h, &a[0], hash);
    if (op == M_DICT_CONTAINS)
      res[(*nres)++] = mproc_bool(e >= 0);
    else if (e >= 0)
      res[(*nres)++] = blob_value(&h->ents[e].val);
    else if (flag) /* get(key, default): the client gives the default */
      res[(*nres)++] = mproc_none();
    else
      return key_error(&a[0]);
    return 0;
  case M_DICT_DEL:
  case M_DICT_POP: {
    if (n > 1 && !arg_bool(a, n, 1, &flag))
      return 1;
    e = dict_find(h, &a[0], hash);
    if (e < 0) {
      if (op == M_DICT_POP && flag) {
        res[(*nres)++] = mproc_none();
        return 0;
      }
      return key_error(&a[0]);
    }
    hblob_t v;
    dict_take(h, (size_t)e, &s->key, &v);
    if (op == M_DICT_POP)
      s->blob = v.p; /* freed once the reply is out */
    else
      blob_release(v.p); /* del d[k]: nothing goes out */
    if (op == M_DICT_POP)
      res[(*nres)++] = blob_value(&v);
    return 0;
  }
  case M_DICT_POPITEM: {
    if (h->live == 0)
      return mproc__err(MPROC_E_KEY,
                        "KeyError: 'popitem(): dictionary is empty'");
    hblob_t v;
    dict_take(h, h->len - 1, &s->key, &v); /* LIFO, as CPython's */
    s->blob = v.p;
    res[(*nres)++] = s->key[0];
    res[(*nres)++] = blob_value(&v);
    return 0;
  }
  case M_DICT_SETDEFAULT:
    if (!arg_bytes(a, n, 1, &p, &len))
      return 1;
    if ((e = dict_find(h, &a[0], hash)) < 0) {
      if ((rc = dict_set(h, &a[0], hash, p, len)) < 0)
        return rc;
      e = (long)h->len - 1;
    }
    res[(*nres)++] = blob_value(&h->ents[e].val);
    return 0;
  case M_DICT_UPDATE: {
    const mproc_value_t *l = arg_list(a, n, 0);
    if (!l)
      return 1;
    return dict_update(h, l);
  }
  case M_DICT_CLEAR:
    dict_clear(h);
    return 0;
  case M_DICT_LEN:
    res[(*nres)++] = mproc_int((int64_t)h->live);
    return 0;
  case M_DICT_ITEMS: {
    if (!arg_int(a, n, 0, &i) || i < DICT_KEYS || i > DICT_ITEMS)
      return 1;
    size_t per = i == DICT_ITEMS ? 2 : 1, k = 0;
    s->arr = malloc((h->live * per + 1) * sizeof *s->arr);
    if (!s->arr)
      return mproc__err(MPROC_E_NOMEM, "listing a dict");
    for (size_t j = 0; j < h->len; j++) {
      const dentry_t *d = &h->ents[j];
      if (!d->key)
        continue;
      if (i != DICT_VALUES)
        s->arr[k++] = d->key[0];
      if (i != DICT_KEYS)
        s->arr[k++] = blob_value(&d->val);
    }
    res[(*nres)++] = mproc_list(s->arr, k);
    return 0;
  }
  case M_DICT_NEXT: {
    int64_t pos, version, len0;
    if (!arg_int(a, n, 0, &pos) || !arg_int(a, n, 1, &version) ||
        !arg_int(a, n, 2, &len0) || pos < 0)
      return 1;
    if (version >= 0 && (uint64_t)version != h->version)
      return mproc__err(MPROC_E_STATE, (uint64_t)len0 != h->live
                                           ? "dictionary changed size during "
                                             "iteration"
                                           : "dictionary keys changed during "
                                             "iteration");
    if (version < 0)
      len0 = (int64_t)h->live;
    /* [int most]: at most that many items (an Iterator's one). */
    int64_t most = BATCH_MAX;
    if (n > 3 && (!arg_int(a, n, 3, &most) || most <= 0 || most > BATCH_MAX))
      return 1;
    size_t k = 0, bytes = 0, j = (size_t)pos;
    s->arr = malloc(2 * BATCH_MAX * sizeof *s->arr);
    if (!s->arr)
      return mproc__err(MPROC_E_NOMEM, "iterating over a dict");
    for (; j < h->len && k < 2 * (size_t)most && bytes < BATCH_BYTES; j++) {
      const dentry_t *d = &h->ents[j];
      if (!d->key)
        continue;
      s->arr[k++] = d->key[0];
      s->arr[k++] = blob_value(&d->val);
      bytes += d->val.n;
    }
    res[(*nres)++] = mproc_int((int64_t)j);
    res[(*nres)++] = mproc_int((int64_t)h->version);
    res[(*nres)++] = mproc_int(len0);
    res[(*nres)++] = mproc_list(s->arr, k);
    return 0;
  }
  default:
    return 1;
  }
}

/* ------------------------------------------------------------------------ */
/* list                                                                     */
/* ------------------------------------------------------------------------ */

static int list_reserve(mproc__hosted_t *h, size_t more) {
  if (more > SIZE_MAX / 2 / sizeof *h->items - h->len)
    return mproc__err(MPROC_E_NOMEM, "growing a list");
  if (h->len + more <= h->cap)
    return 0;
  size_t cap = h->cap ? h->cap : 8;
  while (cap < h->len + more)
    cap *= 2;
  hblob_t *items = realloc(h->items, cap * sizeof *items);
  if (!items)
    return mproc__err(MPROC_E_NOMEM, "growing a list");
  h->items = items;
  h->cap = cap;
  return 0;
}

/* Copies the bytes items of list @p l into @p out (all or nothing). */
static int blobs_copy(const mproc_value_t *l, hblob_t *out) {
  for (size_t i = 0; i < l->u.seq.n; i++) {
    const mproc_value_t *v = &l->u.seq.items[i];
    int rc = blob_copy(&out[i], v->u.bytes.ptr, v->u.bytes.len);
    if (rc < 0) {
      while (i-- > 0)
        blob_release(out[i].p);
      return rc;
    }
  }
  return 0;
}

/* Python's PySlice_AdjustIndices: clamps start and stop to the list, and
 * gives the number of items the slice has. */
int mproc__slice_adjust(size_t len, int64_t *start, int64_t *stop,
                        int64_t *step, size_t *count) {
  int64_t n = (int64_t)len;
  if (*step == 0)
    return mproc__err(MPROC_E_VALUE, "slice step cannot be zero");
  if (*step < -INT64_MAX)
    *step = -INT64_MAX;
  bool back = *step < 0;
  if (*start < 0) {
    *start += n;
    if (*start < 0)
      *start = back ? -1 : 0;
  } else if (*start >= n) {
    *start = back ? n - 1 : n;
  }
  if (*stop < 0) {
    *stop += n;
    if (*stop < 0)
      *stop = back ? -1 : 0;
  } else if (*stop >= n) {
    *stop = back ? n - 1 : n;
  }
  if (back)
    *count =
        *stop < *start
            ? (size_t)((uint64_t)(*start - *stop - 1) / (uint64_t)(-*step)) + 1
            : 0;
  else
    *count =
        *start < *stop
            ? (size_t)((uint64_t)(*stop - *start - 1) / (uint64_t)*step) + 1
            : 0;
  return 0;
}

/* An index as Python reads one: negative counts from the end. */
static bool list_index(const mproc__hosted_t *h, int64_t i, size_t *at) {
  if (i < 0)
    i += (int64_t)h->len;
  if (i < 0 || (uint64_t)i >= h->len)
    return false;
  *at = (size_t)i;
  return true;
}

/* Removes items [lo, hi) (freed). */
static void list_cut(mproc__hosted_t *h, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; i++)
    blob_release(h->items[i].p);
  memmove(h->items + lo, h->items + hi, (h->len - hi) * sizeof *h->items);
  h->len -= hi - lo;
}

/* Slice assignment (and deletion, @p l NULL). */
static int list_slice_set(mproc__hosted_t *h, int64_t start, int64_t stop,
                          int64_t step, const mproc_value_t *l) {
  size_t count, m = l ? l->u.seq.n : 0;
  int rc = mproc__slice_adjust(h->len, &start, &stop, &step, &count);
  if (rc < 0)
    return rc;
  if (step == 1) { /* any length replaces the range (list_ass_slice) */
    size_t lo = (size_t)start, hi = stop < start ? lo : (size_t)stop;
    hblob_t *fresh = malloc((m ? m : 1) * sizeof *fresh);
    if (!fresh)
      return mproc__err(MPROC_E_NOMEM, "assigning a slice");
    if (l && (rc = blobs_copy(l, fresh)) < 0) {
      free(fresh);
      return rc;
    }
    if (m > hi - lo && (rc = list_reserve(h, m - (hi - lo))) < 0) {
      for (size_t i = 0; i < m; i++)
        blob_release(fresh[i].p);
      free(fresh);
      return rc;
    }
    for (size_t i = lo; i < hi; i++)
      blob_release(h->items[i].p);
    memmove(h->items + lo + m, h->items + hi, (h->len - hi) * sizeof *h->items);
    memcpy(h->items + lo, fresh, m * sizeof *fresh);
    h->len = h->len - (hi - lo) + m;
    free(fresh);
    return 0;
  }
  if (!l) { /* an extended deletion: keep what is not in the slice */
    if (count == 0)
      return 0;
    bool *gone = calloc(h->len, sizeof *gone);
    if (!gone)
      return mproc__err(MPROC_E_NOMEM, "deleting a slice");
    for (size_t i = 0; i < count; i++)
      gone[start + (int64_t)i * step] = true;
    size_t j = 0;
    for (size_t i = 0; i < h->len; i++) {
      if (gone[i])
        blob_release(h->items[i].p);
      else
        h->items[j++] = h->items[i];
    }
    h->len = j;
    free(gone);
    return 0;
  }
  if (m != count)
    return mproc__err(MPROC_E_VALUE,
                      "attempt to assign sequence of size %zu to extended "
                      "slice of size %zu",
                      m, count);
  hblob_t *fresh = malloc((m ? m : 1) * sizeof *fresh);
  if (!fresh)
    return mproc__err(MPROC_E_NOMEM, "assigning a slice");
  if ((rc = blobs_copy(l, fresh)) < 0) {
    free(fresh);
    return rc;
  }
  for (size_t i = 0; i < m; i++) {
    hblob_t *at = &h->items[start + (int64_t)i * step];
    blob_release(at->p);
    *at = fresh[i];
  }
  free(fresh);
  return 0;
}

/* --- sort ---------------------------------------------------------------- */

/* int64 < double and double < int64, exactly (Python compares an int and a
 * float by value, not through a rounded double). */
static bool int_lt_double(int64_t i, double d) {
  if (d != d)
    return false;
  if (d >= 9223372036854775808.0)
    return true;
  if (d < -9223372036854775808.0)
    return false;
  int64_t t = (int64_t)d;
  return i != t ? i < t : (double)t < d;
}

static bool double_lt_int(double d, int64_t i) {
  if (d != d)
    return false;
  if (d >= 9223372036854775808.0)
    return false;
  if (d < -9223372036854775808.0)
    return true;
  int64_t t = (int64_t)d;
  return t != i ? t < i : d < (double)t;
}

static bool is_num(const mproc_value_t *v) {
  return v->type == MPROC_VALUE_INT || v->type == MPROC_VALUE_BOOL ||
         v->type == MPROC_VALUE_DOUBLE;
}

static int64_t num_int(const mproc_value_t *v) {
  return v->type == MPROC_VALUE_BOOL ? (v->u.b ? 1 : 0) : v->u.i;
}

static int not_supported(const mproc_value_t *a, const mproc_value_t *b) {
  return mproc__err(MPROC_E_TYPE,
                    "'<' not supported between instances of '%s' and '%s'",
                    mproc_value_type_name(a), mproc_value_type_name(b));
}

/* Python's a < b for what list.sort() can order here: numbers (int, float
 * and bool together), str (by code point, which UTF-8's byte order is),
 * bytes, and tuples or lists of these (lexicographic). */
static int value_lt(const mproc_value_t *a, const mproc_value_t *b, bool *lt) {
  if (is_num(a) && is_num(b)) {
    bool da = a->type == MPROC_VALUE_DOUBLE, db = b->type == MPROC_VALUE_DOUBLE;
    if (da && db)
      *lt = a->u.d < b->u.d;
    else if (da)
      *lt = double_lt_int(a->u.d, num_int(b));
    else if (db)
      *lt = int_lt_double(num_int(a), b->u.d);
    else
      *lt = num_int(a) < num_int(b);
    return 0;
  }
  if (a->type != b->type)
    return not_supported(a, b);
  switch (a->type) {
  case MPROC_VALUE_STR:
    *lt = strcmp(a->u.s, b->u.s) < 0;
    return 0;
  case MPROC_VALUE_BYTES: {
    size_t m =
        a->u.bytes.len < b->u.bytes.len ? a->u.bytes.len : b->u.bytes.len;
    int c = m ? memcmp(a->u.bytes.ptr, b->u.bytes.ptr, m) : 0;
    *lt = c < 0 || (c == 0 && a->u.bytes.len < b->u.bytes.len);
    return 0;
  }
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST: {
    size_t na = a->u.seq.n, nb = b->u.seq.n;
    for (size_t i = 0; i < na && i < nb; i++)
      if (!mproc_value_equal(&a->u.seq.items[i], &b->u.seq.items[i]))
        return value_lt(&a->u.seq.items[i], &b->u.seq.items[i], lt);
    *lt = na < nb;
    return 0;
  }
  default:
    return not_supported(a, b);
  }
}

/* Which values order with which: 0 for none (None, dict, objects). */
static int order_class(const mproc_value_t *v) {
  if (is_num(v))
    return 1;
  switch (v->type) {
  case MPROC_VALUE_STR:
    return 2;
  case MPROC_VALUE_BYTES:
    return 3;
  case MPROC_VALUE_TUPLE:
    return 4;
  case MPROC_VALUE_LIST:
    return 5;
  default:
    return 0;
  }
}

/* Stable bottom-up merge sort of idx (n entries) by vals; *out is idx or
 * tmp, whichever holds the result. @p rev: descending, equal items keeping
 * their order, as CPython's reverse=True. */
static int merge_sort(size_t *idx, size_t *tmp, size_t n, mproc_value_t **vals,
                      bool rev, size_t **out) {
  size_t *src = idx, *dst = tmp;
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        bool right;
        int rc = rev ? value_lt(vals[src[i]], vals[src[j]], &right)
                     : value_lt(vals[src[j]], vals[src[i]], &right);
        if (rc < 0)
          return rc;
        dst[k++] = right ? src[j++] : src[i++];
      }
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    size_t *t = src;
    src = dst;
    dst = t;
  }
  *out = src;
  return 0;
}

static int list_sort(mproc__hosted_t *h, bool rev) {
  size_t n = h->len;
  if (n < 2)
    return 0;
  int rc = 0;
  mproc_value_t **vals = calloc(n, sizeof *vals);
  size_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
  hblob_t *sorted = malloc(n * sizeof *sorted);
  if (!vals || !idx || !tmp || !sorted) {
    rc = mproc__err(MPROC_E_NOMEM, "sorting a list");
    goto done;
  }
  for (size_t i = 0; i < n && rc == 0; i++) {
    size_t k = 0;
    idx[i] = i;
    if (mproc_decode(h->items[i].p, h->items[i].n, &vals[i], &k) != 0 ||
        k != 1) {
      if (k != 1)
        mproc_values_free(vals[i], k);
      vals[i] = NULL;
      rc = mproc__err(MPROC_E_TYPE, "the list holds a value the manager "
                                    "cannot read, which it cannot sort");
    }
  }
  if (rc < 0)
    goto done;
  /* Items that never order fail first, naming the pair CPython's sort
   * compares first (its run detection compares each item with the one
   * before it: items[1] < items[0] ...; in the reversed list for
   * reverse=True), so that the message is CPython's. */
  for (size_t k = 1; k < n; k++) {
    size_t i = rev ? n - 1 - k : k, prev = rev ? i + 1 : i - 1;
    int c = order_class(vals[i]);
    if (c == 0 || c != order_class(vals[prev])) {
      rc = not_supported(vals[i], vals[prev]);
      goto done;
    }
  }
  size_t *order;
  if ((rc = merge_sort(idx, tmp, n, vals, rev, &order)) < 0)
    goto done;
  for (size_t i = 0; i < n; i++)
    sorted[i] = h->items[order[i]];
  memcpy(h->items, sorted, n * sizeof *sorted);
done:
  if (vals)
    for (size_t i = 0; i < n; i++)
      mproc_values_free(vals[i], 1);
  free(vals);
  free(idx);
  free(tmp);
  free(sorted);
  return rc;
}

/* Items [start, stop) as bytes views in s->arr. */
static int list_views(const mproc__hosted_t *h, int64_t start, int64_t step,
                      size_t count, mproc__hscratch_t *s) {
  s->arr = malloc((count ? count : 1) * sizeof *s->arr);
  if (!s->arr)
    return mproc__err(MPROC_E_NOMEM, "reading a slice");
  for (size_t i = 0; i < count; i++)
    s->arr[i] = blob_value(&h->items[start + (int64_t)i * step]);
  return 0;
}

static int list_call(mproc__hosted_t *h, int64_t op, const mproc_value_t *a,
                     size_t n, mproc_value_t *res, size_t *nres,
                     mproc__hscratch_t *s) {
  const void *p = NULL;
  size_t len = 0, at = 0, count = 0;
  int64_t i = 0, start = 0, stop = 0, step = 0;
  bool flag = false;
  const mproc_value_t *l;
  mproc_value_t *probe = NULL;
  int rc;
  switch (op) {
  case M_LIST_APPEND:
    if (!arg_bytes(a, n, 0, &p, &len))
      return 1;
    if ((rc = list_reserve(h, 1)) < 0 ||
        (rc = blob_copy(&h->items[h->len], p, len)) < 0)
      return rc;
    h->len++;
    return 0;
  case M_LIST_EXTEND:
    if (!(l = arg_list(a, n, 0)) || !all_bytes(l))
      return 1;
    if ((rc = list_reserve(h, l->u.seq.n)) < 0 ||
        (rc = blobs_copy(l, h->items + h->len)) < 0)
      return rc;
    h->len += l->u.seq.n;
    return 0;
  case M_LIST_INSERT:
    if (!arg_int(a, n, 0, &i) || !arg_bytes(a, n, 1, &p, &len))
      return 1;
    if (i < 0 && (i += (int64_t)h->len) < 0)
      i = 0;
    if ((uint64_t)i > h->len)
      i = (int64_t)h->len;
    if ((rc = list_reserve(h, 1)) < 0 ||
        (rc = blob_copy(&h->items[h->len], p, len)) < 0)
      return rc;
    {
      hblob_t b = h->items[h->len];
      memmove(h->items + i + 1, h->items + i,
              (h->len - (size_t)i) * sizeof *h->items);
      h->items[i] = b;
      h->len++;
    }
    return 0;
  case M_LIST_GET:
    if (!arg_int(a, n, 0, &i))
      return 1;
    if (!list_index(h, i, &at))
      return mproc__err(MPROC_E_INDEX, "list index out of range");
    res[(*nres)++] = blob_value(&h->items[at]);
    return 0;
  case M_LIST_SET: {
    hblob_t b;
    if (!arg_int(a, n, 0, &i) || !arg_bytes(a, n, 1, &p, &len))
      return 1;
    if (!list_index(h, i, &at))
      return mproc__err(MPROC_E_INDEX, "list assignment index out of range");
    if ((rc = blob_copy(&b, p, len)) < 0)
      return rc;
    blob_release(h->items[at].p);
    h->items[at] = b;
    return 0;
  }
  case M_LIST_DEL:
    if (!arg_int(a, n, 0, &i))
      return 1;
    if (!list_index(h, i, &at))
      return mproc__err(MPROC_E_INDEX, "list assignment index out of range");
    list_cut(h, at, at + 1);
    return 0;
  case M_LIST_POP:
    if (!arg_int(a, n, 0, &i))
      return 1;
    if (h->len == 0)
      return mproc__err(MPROC_E_INDEX, "pop from empty list");
    if (!list_index(h, i, &at))
      return mproc__err(MPROC_E_INDEX, "pop index out of range");
    s->blob = h->items[at].p; /* freed once the reply is out */
    res[(*nres)++] = blob_value(&h->items[at]);
    memmove(h->items + at, h->items + at + 1,
            (h->len - at - 1) * sizeof *h->items);
    h->len--;
    return 0;
  case M_LIST_LEN:
    res[(*nres)++] = mproc_int((int64_t)h->len);
    return 0;
  case M_LIST_REMOVE:
  case M_LIST_COUNT:
  case M_LIST_INDEX: {
    if (!arg_bytes(a, n, 0, &p, &len))
      return 1;
    size_t lo = 0, hi = h->len;
    if (op == M_LIST_INDEX) {
      if (!arg_int(a, n, 1, &start) || !arg_int(a, n, 2, &stop))
        return 1;
      /* list.index()'s bounds: as a slice's, clamped */
      step = 1;
      mproc__slice_adjust(h->len, &start, &stop, &step, &count);
      lo = (size_t)start;
      hi = stop > start ? (size_t)stop : lo;
    }
    if ((rc = probe_decode(p, len, &probe)) < 0)
      return rc;
    for (size_t j = lo; j < hi; j++)
      if (item_equal(&h->items[j], probe)) {
        if (op == M_LIST_COUNT) {
          count++;
          continue;
        }
        if (op == M_LIST_REMOVE)
          list_cut(h, j, j + 1);
        else
          res[(*nres)++] = mproc_int((int64_t)j);
        mproc_values_free(probe, 1);
        return 0;
      }
    if (op == M_LIST_COUNT) {
      res[(*nres)++] = mproc_int((int64_t)count);
      rc = 0;
    } else if (op == M_LIST_REMOVE) {
      rc = mproc__err(MPROC_E_VALUE, "list.remove(x): x not in list");
    } else {
      char *r = mproc_value_repr(probe);
      rc = mproc__err(MPROC_E_VALUE, "%s is not in list", r ? r : "?");
      mproc_free(r);
    }
    mproc_values_free(probe, 1);
    return rc;
  }
  case M_LIST_REVERSE:
    for (size_t j = 0; j < h->len / 2; j++) {
      hblob_t t = h->items[j];
      h->items[j] = h->items[h->len - 1 - j];
      h->items[h->len - 1 - j] = t;
    }
    return 0;
  case M_LIST_SORT:
    if (!arg_bool(a, n, 0, &flag))
      return 1;
    return list_sort(h, flag);
  case M_LIST_SLICE_GET:
  case M_LIST_SLICE_SET:
  case M_LIST_SLICE_DEL:
    if (!arg_int(a, n, 0, &start) || !arg_int(a, n, 1, &stop) ||
        !arg_int(a, n, 2, &step))
      return 1;
    if (op == M_LIST_SLICE_SET) {
      if (!(l = arg_list(a, n, 3)) || !all_bytes(l))
        return 1;
      return list_slice_set(h, start, stop, step, l);
    }
    if (op == M_LIST_SLICE_DEL)
      return list_slice_set(h, start, stop, step, NULL);
    if ((rc = mproc__slice_adjust(h->len, &start, &stop, &step, &count)) < 0 ||
        (rc = list_views(h, start, step, count, s)) < 0)
      return rc;
    res[(*nres)++] = mproc_list(s->arr, count);
    return 0;
  case M_LIST_CLEAR:
    list_cut(h, 0, h->len);
    return 0;
  case M_LIST_NEXT: {
    if (!arg_int(a, n, 0, &i) || i < 0)
      return 1;
    size_t bytes = 0, j = (size_t)i;
    while (j < h->len && count < BATCH_MAX && bytes < BATCH_BYTES)
      bytes += h->items[j++].n, count++;
    if ((rc = list_views(h, i, 1, count, s)) < 0)
      return rc;
    res[(*nres)++] = mproc_list(s->arr, count);
    return 0;
  }
  default:
    return 1;
  }
}

/* ------------------------------------------------------------------------ */
/* For server.c                                                             */
/* ------------------------------------------------------------------------ */

int mproc__hosted_new(int kind, const mproc_value_t *init,
                      mproc__hosted_t **out) {
  mproc__hosted_t *h = calloc(1, sizeof *h);
  if (!h)
    return mproc__err(MPROC_E_NOMEM, "creating a %s",
                      kind == K_DICT ? "dict" : "list");
  h->kind = kind;
  /* A list always has its array, so that no arithmetic is ever done on a
   * NULL items pointer (undefined, even with a zero offset). */
  int rc = kind == K_LIST ? list_reserve(h, 1) : 0;
  if (rc == 0 && init) {
    if (init->type != MPROC_VALUE_LIST || (kind == K_LIST && !all_bytes(init)))
      rc = mproc__err(MPROC_E_TYPE, "bad CREATE request");
    else if (kind == K_DICT)
      rc = dict_update(h, init);
    else if ((rc = list_reserve(h, init->u.seq.n)) == 0 &&
             (rc = blobs_copy(init, h->items)) == 0)
      h->len = init->u.seq.n;
  }
  if (rc < 0) {
    mproc__hosted_free(h);
    return rc;
  }
  *out = h;
  return 0;
}

void mproc__hosted_free(mproc__hosted_t *h) {
  if (!h)
    return;
  if (h->kind == K_DICT)
    dict_clear(h);
  else
    list_cut(h, 0, h->len);
  free(h->items);
  free(h->ents);
  free(h->slots);
  free(h);
}

int mproc__hosted_call(mproc__hosted_t *h, int64_t op, const mproc_value_t *a,
                       size_t n, mproc_value_t *res, size_t *nres,
                       mproc__hscratch_t *s) {
  if (is_dict_op(op) != (h->kind == K_DICT))
    return 1;
  return h->kind == K_DICT ? dict_call(h, op, a, n, res, nres, s)
                           : list_call(h, op, a, n, res, nres, s);
}
