/* SPDX-License-Identifier: MIT */
/*
 * The pickle encoder (pickle.h): protocol 4, as CPython's pickler writes it
 * (batches of 1000 items, a mutable container memoized before its items,
 * a tuple after them), without frames: they only help a reader that reads
 * from a file in small pieces, and a manager frame arrives whole.
 *
 * Every container, str, bytes, global and object is memoized, so that a
 * node shared in the tree is one object in Python again, and a cycle (a
 * list that contains itself, which the decoder builds from a memo) ends at
 * its memo entry instead of recursing.
 */
#include "codec/pickle.h"

#include <stdlib.h>
#include <string.h>

#define BATCH 1000

typedef struct memo_ent {
  const mproc__pk_t *key;
  uint32_t idx;
} memo_ent_t;

typedef struct enc {
  mproc__wbuf_t *b;
  memo_ent_t *tab; /* open addressing; a power of two */
  size_t cap, n;
} enc_t;

static size_t slot(const enc_t *e, const mproc__pk_t *x) {
  /* 64-bit arithmetic whatever the pointer's width (a 32-bit build would
   * truncate the constant). */
  uint64_t h = (uint64_t)(uintptr_t)x;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> 29) & (e->cap - 1);
}

static const memo_ent_t *memo_find(const enc_t *e, const mproc__pk_t *x) {
  if (!e->cap)
    return NULL;
  for (size_t i = slot(e, x);; i = (i + 1) & (e->cap - 1)) {
    if (e->tab[i].key == x)
      return &e->tab[i];
    if (!e->tab[i].key)
      return NULL;
  }
}

static void op(enc_t *e, uint8_t c) {
  mproc__put_u8(e->b, c);
}

static void put_le(enc_t *e, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    mproc__put_u8(e->b, (uint8_t)(v >> (8 * i)));
}

/* MEMOIZE @p x: its index is the number of entries so far. */
static int memoize(enc_t *e, const mproc__pk_t *x) {
  if (2 * (e->n + 1) > e->cap) {
    size_t cap = e->cap ? e->cap * 2 : 64;
    memo_ent_t *tab = calloc(cap, sizeof *tab), *old = e->tab;
    if (!tab)
      return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
    size_t ocap = e->cap;
    e->tab = tab;
    e->cap = cap;
    for (size_t i = 0; i < ocap; i++) {
      if (!old[i].key)
        continue;
      size_t j = slot(e, old[i].key);
      while (tab[j].key)
        j = (j + 1) & (cap - 1);
      tab[j] = old[i];
    }
    free(old);
  }
  size_t j = slot(e, x);
  while (e->tab[j].key)
    j = (j + 1) & (e->cap - 1);
  e->tab[j].key = x;
  e->tab[j].idx = (uint32_t)e->n++;
  op(e, 0x94); /* MEMOIZE */
  return 0;
}

static void get(enc_t *e, uint32_t idx) {
  if (idx < 256) {
    op(e, 'h'); /* BINGET */
    op(e, (uint8_t)idx);
  } else {
    op(e, 'j'); /* LONG_BINGET */
    put_le(e, idx, 4);
  }
}

static void str_op(enc_t *e, const uint8_t *p, size_t n, bool bytes) {
  if (n < 256) {
    op(e, bytes ? 'C' : 0x8c); /* SHORT_BINBYTES, SHORT_BINUNICODE */
    op(e, (uint8_t)n);
  } else if (n <= 0xFFFFFFFFu) {
    op(e, bytes ? 'B' : 'X'); /* BINBYTES, BINUNICODE */
    put_le(e, n, 4);
  } else {
    op(e, bytes ? 0x8e : 0x8d); /* BINBYTES8, BINUNICODE8 */
    put_le(e, n, 8);
  }
  mproc__put_raw(e->b, p, n);
}

static int save(enc_t *e, const mproc__pk_t *x, int depth);

/* The items @p it, in batches: MARK items... @p end. */
static int batches(enc_t *e, mproc__pk_t *const *it, size_t n, uint8_t end,
                   int depth) {
  for (size_t i = 0; i < n;) {
    size_t k = n - i < BATCH ? n - i : BATCH;
    op(e, '(');
    for (size_t j = 0; j < k; j++) {
      int rc = save(e, it[i + j], depth + 1);
      if (rc < 0)
        return rc;
    }
    op(e, end);
    i += k;
  }
  return 0;
}

/* A tuple, or an OBJ's call: if saving the parts memoized @p x (a cycle
 * through a mutable container inside them), what was pushed is dropped
 * and the memo's copy used, as CPython's pickler does. */
static int recursed(enc_t *e, const mproc__pk_t *x, size_t pushed) {
  const memo_ent_t *m = memo_find(e, x);
  if (!m)
    return memoize(e, x);
  if (pushed == (size_t)-1) {
    op(e, '1'); /* POP_MARK */
  } else {
    for (size_t i = 0; i < pushed; i++)
      op(e, '0'); /* POP */
  }
  get(e, m->idx);
  return 0;
}

static int save_int(enc_t *e, int64_t i) {
  if (i >= 0 && i < 256) {
    op(e, 'K');
    op(e, (uint8_t)i);
  } else if (i >= 0 && i < 65536) {
    op(e, 'M');
    put_le(e, (uint64_t)i, 2);
  } else if (i >= INT32_MIN && i <= INT32_MAX) {
    op(e, 'J');
    put_le(e, (uint64_t)i, 4);
  } else {
    /* LONG1 of the fewest bytes that keep the sign */
    uint8_t q[8];
    int n = 8;
    for (int k = 0; k < 8; k++)
      q[k] = (uint8_t)((uint64_t)i >> (8 * k));
    while (n > 1 && q[n - 1] == (i < 0 ? 0xFF : 0) &&
           ((q[n - 2] & 0x80) != 0) == (i < 0))
      n--;
    op(e, 0x8a);
    op(e, (uint8_t)n);
    mproc__put_raw(e->b, q, (size_t)n);
  }
  return 0;
}

static int save(enc_t *e, const mproc__pk_t *x, int depth) {
  if (depth > MPROC__PICKLE_DEPTH_MAX)
    return mproc__err(MPROC_E_VALUE,
                      "pickle: an object nested deeper than %d levels",
                      MPROC__PICKLE_DEPTH_MAX);
  const memo_ent_t *m = memo_find(e, x);
  if (m) {
    get(e, m->idx);
    return 0;
  }
  int rc = 0;
  uint64_t u = 0;
  switch (x->kind) {
  case MPROC__PK_NONE:
    op(e, 'N');
    return 0;
  case MPROC__PK_BOOL:
    op(e, x->b ? 0x88 : 0x89);
    return 0;
  case MPROC__PK_INT:
    return save_int(e, x->i);
  case MPROC__PK_BIGINT:
    if (x->n < 256) {
      op(e, 0x8a);
      op(e, (uint8_t)x->n);
    } else {
      op(e, 0x8b);
      put_le(e, x->n, 4);
    }
    mproc__put_raw(e->b, x->p, x->n);
    return 0;
  case MPROC__PK_FLOAT:
    memcpy(&u, &x->d, sizeof u);
    op(e, 'G');
    for (int i = 7; i >= 0; i--)
      op(e, (uint8_t)(u >> (8 * i)));
    return 0;
  case MPROC__PK_STR:
  case MPROC__PK_BYTES:
    str_op(e, x->p, x->n, x->kind == MPROC__PK_BYTES);
    return memoize(e, x);
  case MPROC__PK_BYTEARRAY: {
    /* Protocol 4 has no bytearray opcode: bytearray(bytes), as CPython's
     * pickler writes it below protocol 5. */
    op(e, 0x8c);
    op(e, 8);
    mproc__put_raw(e->b, "builtins", 8);
    op(e, 0x8c);
    op(e, 9);
    mproc__put_raw(e->b, "bytearray", 9);
    op(e, 0x93); /* STACK_GLOBAL */
    str_op(e, x->p, x->n, true);
    op(e, 0x85); /* TUPLE1 */
    op(e, 'R');
    return memoize(e, x);
  }
  case MPROC__PK_TUPLE:
    if (x->nitems == 0) {
      op(e, ')');
      return 0;
    }
    if (x->nitems <= 3) {
      for (size_t i = 0; i < x->nitems && rc == 0; i++)
        rc = save(e, x->items[i], depth + 1);
      if (rc < 0)
        return rc;
      if (memo_find(e, x))
        return recursed(e, x, x->nitems);
      op(e, (uint8_t)(0x84 + x->nitems)); /* TUPLE1..3 */
      return memoize(e, x);
    }
    op(e, '(');
    for (size_t i = 0; i < x->nitems && rc == 0; i++)
      rc = save(e, x->items[i], depth + 1);
    if (rc < 0)
      return rc;
    if (memo_find(e, x))
      return recursed(e, x, (size_t)-1);
    op(e, 't');
    return memoize(e, x);
  case MPROC__PK_LIST:
  case MPROC__PK_DICT:
  case MPROC__PK_SET:
    op(e, x->kind == MPROC__PK_LIST   ? ']'
          : x->kind == MPROC__PK_DICT ? '}'
                                      : 0x8f);
    if ((rc = memoize(e, x)) < 0)
      return rc;
    return batches(e, x->items, x->nitems,
                   x->kind == MPROC__PK_LIST   ? 'e'
                   : x->kind == MPROC__PK_DICT ? 'u'
                                               : 0x90,
                   depth);
  case MPROC__PK_FROZENSET:
    op(e, '(');
    for (size_t i = 0; i < x->nitems && rc == 0; i++)
      rc = save(e, x->items[i], depth + 1);
    if (rc < 0)
      return rc;
    if (memo_find(e, x))
      return recursed(e, x, (size_t)-1);
    op(e, 0x91);
    return memoize(e, x);
  case MPROC__PK_GLOBAL:
    str_op(e, (const uint8_t *)x->module, strlen(x->module), false);
    str_op(e, (const uint8_t *)x->name, strlen(x->name), false);
    op(e, 0x93); /* STACK_GLOBAL */
    return memoize(e, x);
  case MPROC__PK_OBJ:
    if ((rc = save(e, x->callable, depth + 1)) < 0 ||
        (rc = save(e, x->args, depth + 1)) < 0 ||
        (x->how == MPROC__PK_NEWOBJ_EX &&
         (rc = save(e, x->kwargs, depth + 1)) < 0))
      return rc;
    if (memo_find(e, x))
      return recursed(e, x, x->how == MPROC__PK_NEWOBJ_EX ? 3 : 2);
    op(e, x->how == MPROC__PK_REDUCE   ? 'R'
          : x->how == MPROC__PK_NEWOBJ ? 0x81
                                       : 0x92);
    if ((rc = memoize(e, x)) < 0 ||
        (rc = batches(e, x->items, x->nitems, 'e', depth)) < 0 ||
        (rc = batches(e, x->kv, x->nkv, 'u', depth)) < 0)
      return rc;
    if (x->state) {
      if ((rc = save(e, x->state, depth + 1)) < 0)
        return rc;
      op(e, 'b'); /* BUILD */
    }
    return 0;
  }
  return mproc__err(MPROC_E_VALUE, "pickle: a node of unknown kind");
}

int mproc__pickle_encode(mproc__wbuf_t *b, const mproc__pk_t *root) {
  enc_t e = {b, NULL, 0, 0};
  op(&e, 0x80); /* PROTO 4 */
  op(&e, 4);
  int rc = save(&e, root, 0);
  op(&e, '.');
  free(e.tab);
  if (rc == 0 && b->err)
    rc = mproc__err(b->err, "pickle: out of memory");
  return rc;
}
