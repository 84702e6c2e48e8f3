/* SPDX-License-Identifier: MIT */
/*
 * The pickle codec's nodes (pickle.h): their arena and constructors, and
 * the conversions between nodes and mproc's values.
 */
#include "codec/pickle.h"

#include <stdlib.h>
#include <string.h>

void mproc__pk_arena_init(mproc__pk_arena_t *a) {
  a->all = NULL;
  a->n = a->cap = 0;
}

void mproc__pk_arena_free(mproc__pk_arena_t *a) {
  for (size_t i = 0; i < a->n; i++) {
    mproc__pk_t *x = a->all[i];
    free(x->p);
    free(x->items);
    free(x->module);
    free(x->name);
    free(x->kv);
    free(x);
  }
  free(a->all);
  mproc__pk_arena_init(a);
}

mproc__pk_t *mproc__pk_new(mproc__pk_arena_t *a, mproc__pk_kind_t kind) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 64;
    mproc__pk_t **all = realloc(a->all, cap * sizeof *all);
    if (!all)
      return NULL;
    a->all = all;
    a->cap = cap;
  }
  mproc__pk_t *x = calloc(1, sizeof *x);
  if (!x)
    return NULL;
  x->kind = kind;
  a->all[a->n++] = x;
  return x;
}

mproc__pk_t *mproc__pk_int(mproc__pk_arena_t *a, int64_t i) {
  mproc__pk_t *x = mproc__pk_new(a, MPROC__PK_INT);
  if (x)
    x->i = i;
  return x;
}

mproc__pk_t *mproc__pk_bytes(mproc__pk_arena_t *a, mproc__pk_kind_t kind,
                             const void *p, size_t n) {
  mproc__pk_t *x = mproc__pk_new(a, kind);
  if (!x)
    return NULL;
  /* One more byte: a str is NUL-terminated, so that it can be viewed as a
   * C string. */
  x->p = malloc(n + 1);
  if (!x->p)
    return NULL; /* the arena frees the node */
  if (n)
    memcpy(x->p, p, n);
  x->p[n] = 0;
  x->n = n;
  return x;
}

mproc__pk_t *mproc__pk_str(mproc__pk_arena_t *a, const char *s, size_t n) {
  return mproc__pk_bytes(a, MPROC__PK_STR, s, n);
}

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

mproc__pk_t *mproc__pk_global(mproc__pk_arena_t *a, const char *module,
                              const char *name) {
  mproc__pk_t *x = mproc__pk_new(a, MPROC__PK_GLOBAL);
  if (!x || !(x->module = dup_str(module)) || !(x->name = dup_str(name)))
    return NULL;
  return x;
}

static int grow(mproc__pk_t ***arr, size_t *cap, size_t need) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : 4;
  while (c < need)
    c *= 2;
  mproc__pk_t **p = realloc(*arr, c * sizeof *p);
  if (!p)
    return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
  *arr = p;
  *cap = c;
  return 0;
}

int mproc__pk_push(mproc__pk_t *c, mproc__pk_t *x) {
  int rc = grow(&c->items, &c->capitems, c->nitems + 1);
  if (rc == 0)
    c->items[c->nitems++] = x;
  return rc;
}

int mproc__pk_push_kv(mproc__pk_t *c, mproc__pk_t *k, mproc__pk_t *v) {
  bool obj = c->kind == MPROC__PK_OBJ;
  mproc__pk_t ***arr = obj ? &c->kv : &c->items;
  size_t *n = obj ? &c->nkv : &c->nitems;
  int rc = grow(arr, obj ? &c->capkv : &c->capitems, *n + 2);
  if (rc == 0) {
    (*arr)[(*n)++] = k;
    (*arr)[(*n)++] = v;
  }
  return rc;
}

bool mproc__pk_is_global(const mproc__pk_t *x, const char *module,
                         const char *name) {
  return x && x->kind == MPROC__PK_GLOBAL && strcmp(x->module, module) == 0 &&
         strcmp(x->name, name) == 0;
}

/* ------------------------------------------------------------------------ */
/* Values to nodes                                                          */
/* ------------------------------------------------------------------------ */

static int from_value(mproc__pk_arena_t *a, const mproc_value_t *v, int depth,
                      mproc__pk_t **out) {
  if (depth > MPROC__PICKLE_DEPTH_MAX)
    return mproc__err(MPROC_E_VALUE,
                      "pickle: a value nested deeper than %d levels",
                      MPROC__PICKLE_DEPTH_MAX);
  mproc__pk_t *x = NULL;
  const mproc_value_t *items = NULL;
  size_t n = 0;
  switch (v->type) {
  case MPROC_VALUE_NONE:
    x = mproc__pk_new(a, MPROC__PK_NONE);
    break;
  case MPROC_VALUE_INT:
    x = mproc__pk_int(a, v->u.i);
    break;
  case MPROC_VALUE_DOUBLE:
    if ((x = mproc__pk_new(a, MPROC__PK_FLOAT)))
      x->d = v->u.d;
    break;
  case MPROC_VALUE_BOOL:
    if ((x = mproc__pk_new(a, MPROC__PK_BOOL)))
      x->b = v->u.b;
    break;
  case MPROC_VALUE_STR:
    if (!v->u.s)
      return mproc__err(MPROC_E_INVAL, "pickle: a NULL str");
    x = mproc__pk_str(a, v->u.s, strlen(v->u.s));
    break;
  case MPROC_VALUE_BYTES:
    if (!v->u.bytes.ptr && v->u.bytes.len)
      return mproc__err(MPROC_E_INVAL, "pickle: NULL bytes");
    x = mproc__pk_bytes(a, MPROC__PK_BYTES, v->u.bytes.ptr, v->u.bytes.len);
    break;
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
    x = mproc__pk_new(a, v->type == MPROC_VALUE_TUPLE ? MPROC__PK_TUPLE
                                                      : MPROC__PK_LIST);
    items = v->u.seq.items;
    n = v->u.seq.n;
    break;
  case MPROC_VALUE_DICT:
    x = mproc__pk_new(a, MPROC__PK_DICT);
    items = v->u.dict.items;
    n = 2 * v->u.dict.n;
    break;
  default:
    return mproc__err(MPROC_E_TYPE,
                      "pickle: an mproc %s has no pickle a Python process "
                      "could use",
                      mproc_value_type_name(v));
  }
  if (!x)
    return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
  if (n && !items)
    return mproc__err(MPROC_E_INVAL, "pickle: a container with NULL items");
  for (size_t i = 0; i < n; i++) {
    mproc__pk_t *y = NULL;
    int rc = from_value(a, &items[i], depth + 1, &y);
    if (rc == 0)
      rc = mproc__pk_push(x, y);
    if (rc < 0)
      return rc;
  }
  *out = x;
  return 0;
}

int mproc__pickle_from_value(mproc__pk_arena_t *a, const mproc_value_t *v,
                             mproc__pk_t **out) {
  return from_value(a, v, 0, out);
}

/* ------------------------------------------------------------------------ */
/* Nodes to values                                                          */
/* ------------------------------------------------------------------------ */

/* Views of the nodes (mproc_value_t borrows), copied into one owned block
 * at the end by mproc_value_copy(), which also checks a dict's keys as
 * every dict mproc accepts is checked. The views' item arrays are kept in
 * a list to free. */
typedef struct tv {
  mproc_value_t **arrays;
  size_t narrays, cap;
  size_t nodes;
} tv_t;

static const char *kind_name(const mproc__pk_t *x) {
  static const char *const names[] = {
      "None", "bool",  "int",       "int",    "float",
      "str",  "bytes", "bytearray", "tuple",  "list",
      "dict", "set",   "frozenset", "global", "object"};
  return names[x->kind];
}

/* Whether @p p holds a NUL or a surrogate (ED A0..BF ..): a str mproc's
 * values cannot carry. */
static bool str_is_c(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (p[i] == 0)
      return false;
    if (p[i] == 0xED && i + 1 < n && p[i + 1] >= 0xA0)
      return false;
  }
  return true;
}

static int to_view(tv_t *t, const mproc__pk_t *x, int depth,
                   mproc_value_t *out) {
  /* mproc's values nest at most MPROC_VALUE_MAX_DEPTH deep (the value
   * codec refuses more with MPROC_E_TOOBIG, as here). */
  if (depth > MPROC_VALUE_MAX_DEPTH)
    return mproc__err(MPROC_E_TOOBIG,
                      "pickle: containers nested deeper than %d (or one that "
                      "contains itself)",
                      MPROC_VALUE_MAX_DEPTH);
  if (++t->nodes > MPROC__PICKLE_EXPAND_MAX)
    return mproc__err(MPROC_E_VALUE,
                      "pickle: more than %u values once shared objects are "
                      "copied",
                      MPROC__PICKLE_EXPAND_MAX);
  size_t n = 0;
  switch (x->kind) {
  case MPROC__PK_NONE:
    *out = mproc_none();
    return 0;
  case MPROC__PK_BOOL:
    *out = mproc_bool(x->b);
    return 0;
  case MPROC__PK_INT:
    *out = mproc_int(x->i);
    return 0;
  case MPROC__PK_FLOAT:
    *out = mproc_double(x->d);
    return 0;
  case MPROC__PK_STR:
    if (!str_is_c(x->p, x->n))
      return mproc__err(MPROC_E_TYPE,
                        "pickle: a str with a NUL or a lone surrogate has no "
                        "mproc value");
    *out = mproc_str((const char *)x->p);
    return 0;
  case MPROC__PK_BYTES:
  case MPROC__PK_BYTEARRAY:
    *out = mproc_bytes(x->p, x->n);
    return 0;
  case MPROC__PK_TUPLE:
  case MPROC__PK_LIST:
  case MPROC__PK_DICT:
    n = x->nitems;
    break;
  default:
    return mproc__err(MPROC_E_TYPE, "pickle: a Python %s has no mproc value",
                      kind_name(x));
  }
  mproc_value_t *arr = NULL;
  if (n) {
    if (t->narrays == t->cap) {
      size_t cap = t->cap ? t->cap * 2 : 16;
      mproc_value_t **a = realloc(t->arrays, cap * sizeof *a);
      if (!a)
        return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
      t->arrays = a;
      t->cap = cap;
    }
    if (!(arr = malloc(n * sizeof *arr)))
      return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
    t->arrays[t->narrays++] = arr;
  }
  for (size_t i = 0; i < n; i++) {
    int rc = to_view(t, x->items[i], depth + 1, &arr[i]);
    if (rc < 0)
      return rc;
  }
  if (x->kind == MPROC__PK_TUPLE)
    *out = mproc_tuple(arr, n);
  else if (x->kind == MPROC__PK_LIST)
    *out = mproc_list(arr, n);
  else
    *out = mproc_dict(arr, n / 2);
  return 0;
}

int mproc__pickle_to_value(const mproc__pk_t *root, mproc_value_t **out) {
  tv_t t = {NULL, 0, 0, 0};
  mproc_value_t v;
  int rc = to_view(&t, root, 0, &v);
  if (rc == 0)
    rc = mproc_value_copy(&v, 1, out);
  for (size_t i = 0; i < t.narrays; i++)
    free(t.arrays[i]);
  free(t.arrays);
  return rc;
}

bool mproc__pk_truth(const mproc__pk_t *x) {
  switch (x->kind) {
  case MPROC__PK_NONE:
    return false;
  case MPROC__PK_BOOL:
    return x->b;
  case MPROC__PK_INT:
    return x->i != 0;
  case MPROC__PK_FLOAT:
    return x->d != 0;
  case MPROC__PK_STR:
  case MPROC__PK_BYTES:
  case MPROC__PK_BYTEARRAY:
    return x->n != 0;
  case MPROC__PK_TUPLE:
  case MPROC__PK_LIST:
  case MPROC__PK_DICT:
  case MPROC__PK_SET:
  case MPROC__PK_FROZENSET:
    return x->nitems != 0;
  default: /* a big int is never 0; an object's __bool__ is not run */
    return true;
  }
}

/* ------------------------------------------------------------------------ */
/* What converted values point into                                         */
/* ------------------------------------------------------------------------ */

/* Room for one more entry in a list of @p size-byte entries. */
static bool keep_room(void **list, size_t n, size_t *cap, size_t size) {
  if (n < *cap)
    return true;
  size_t c = *cap ? 2 * *cap : 8;
  void *q = realloc(*list, c * size);
  if (!q)
    return false;
  *list = q;
  *cap = c;
  return true;
}

int mproc__pk_keep_ptr(mproc__pk_keep_t *k, void *p, const char *what) {
  void *list = k->p;
  bool ok = keep_room(&list, k->np, &k->capp, sizeof *k->p);
  k->p = list;
  if (!ok) {
    free(p);
    return mproc__err(MPROC_E_NOMEM, "%s", what);
  }
  k->p[k->np++] = p;
  return 0;
}

int mproc__pk_keep_value(mproc__pk_keep_t *k, mproc_value_t *v,
                         const char *what) {
  void *list = k->v;
  bool ok = keep_room(&list, k->nv, &k->capv, sizeof *k->v);
  k->v = list;
  if (!ok) {
    mproc_values_free(v, 1);
    return mproc__err(MPROC_E_NOMEM, "%s", what);
  }
  k->v[k->nv++] = v;
  return 0;
}

void mproc__pk_keep_clear(mproc__pk_keep_t *k) {
  for (size_t i = 0; i < k->np; i++)
    free(k->p[i]);
  for (size_t i = 0; i < k->nv; i++)
    mproc_values_free(k->v[i], 1);
  k->np = k->nv = 0;
}

void mproc__pk_keep_free(mproc__pk_keep_t *k) {
  mproc__pk_keep_clear(k);
  free(k->p);
  free(k->v);
  k->p = NULL;
  k->v = NULL;
  k->capp = k->capv = 0;
}
