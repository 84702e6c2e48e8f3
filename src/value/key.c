/* SPDX-License-Identifier: MIT */
/*
 * Keys: Python's equality of values, and a hash that agrees with it, so
 * that a dict made in C finds 1.0 under 1 as Python's does. The hash need
 * not be Python's own (no dict crosses with its table); it must only be the
 * same for equal keys and spread the rest.
 */
#include "value/value.h"

#include <math.h>
#include <string.h>

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

static uint64_t hash_bytes(const void *p, size_t n, uint64_t seed) {
  const uint8_t *s = p;
  uint64_t h = 0xcbf29ce484222325ull ^ seed; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ull;
  }
  return mix(h);
}

/* An integral double in int64's range, as the int it equals. Python's
 * 2.0 == 2; a double beyond 2^63 equals no int64. (No floor(): the library
 * links no libm.) */
static bool double_as_int(double d, int64_t *out) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
    return false;
  int64_t i = (int64_t)d; /* in range: truncation is defined */
  if ((double)i != d)
    return false;
  *out = i;
  return true;
}

static bool is_number(const mproc_value_t *v) {
  return v->type == MPROC_VALUE_INT || v->type == MPROC_VALUE_BOOL ||
         v->type == MPROC_VALUE_DOUBLE;
}

static bool as_int(const mproc_value_t *v, int64_t *out) {
  if (v->type == MPROC_VALUE_INT)
    *out = v->u.i;
  else if (v->type == MPROC_VALUE_BOOL)
    *out = v->u.b ? 1 : 0;
  else
    return double_as_int(v->u.d, out);
  return true;
}

static bool numbers_equal(const mproc_value_t *a, const mproc_value_t *b) {
  if (a->type == MPROC_VALUE_DOUBLE && b->type == MPROC_VALUE_DOUBLE)
    return a->u.d == b->u.d;
  int64_t x, y;
  if (a->type != MPROC_VALUE_DOUBLE && b->type != MPROC_VALUE_DOUBLE) {
    as_int(a, &x);
    as_int(b, &y);
    return x == y;
  }
  /* one double: equal only if it is exactly that integer */
  return as_int(a, &x) && as_int(b, &y) && x == y;
}

static bool dict_equal(const mproc_value_t *a, const mproc_value_t *b) {
  if (a->u.dict.n != b->u.dict.n)
    return false;
  for (size_t i = 0; i < a->u.dict.n; i++) {
    const mproc_value_t *k = &a->u.dict.items[2 * i];
    uint64_t h;
    if (mproc__key_hash(k, &h, NULL) != 0)
      return false;
    long j = mproc__dict_find(b, k, h);
    if (j < 0 || !mproc_value_equal(&a->u.dict.items[2 * i + 1],
                                    &b->u.dict.items[2 * (size_t)j + 1]))
      return false;
  }
  return true;
}

bool mproc_value_equal(const mproc_value_t *a, const mproc_value_t *b) {
  if (!a || !b)
    return a == b;
  if (is_number(a) && is_number(b))
    return numbers_equal(a, b);
  if (a->type != b->type)
    return false;
  switch (a->type) {
  case MPROC_VALUE_NONE:
    return true;
  case MPROC_VALUE_STR:
    return a->u.s && b->u.s && strcmp(a->u.s, b->u.s) == 0;
  case MPROC_VALUE_BYTES:
    return a->u.bytes.len == b->u.bytes.len &&
           (a->u.bytes.len == 0 ||
            memcmp(a->u.bytes.ptr, b->u.bytes.ptr, a->u.bytes.len) == 0);
  case MPROC_VALUE_OBJECT:
    return a->u.obj == b->u.obj;
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
    if (a->u.seq.n != b->u.seq.n)
      return false;
    for (size_t i = 0; i < a->u.seq.n; i++)
      if (!mproc_value_equal(&a->u.seq.items[i], &b->u.seq.items[i]))
        return false;
    return true;
  case MPROC_VALUE_DICT:
    return dict_equal(a, b);
  default:
    return false;
  }
}

static int unhashable(const mproc_value_t *k, const char *what) {
  if (!what) /* a probe from equality: no message */
    return MPROC_E_TYPE;
  return mproc__err(MPROC_E_TYPE, "%s: unhashable type: '%s'", what,
                    mproc_value_type_name(k));
}

int mproc__key_hash(const mproc_value_t *k, uint64_t *h, const char *what) {
  int64_t i;
  switch (k->type) {
  case MPROC_VALUE_NONE:
    *h = mix(0x4e6f6e65ull);
    return 0;
  case MPROC_VALUE_INT:
  case MPROC_VALUE_BOOL:
  case MPROC_VALUE_DOUBLE:
    if (k->type == MPROC_VALUE_DOUBLE && isnan(k->u.d)) {
      if (!what)
        return MPROC_E_VALUE;
      return mproc__err(MPROC_E_VALUE,
                        "%s: a NaN key can never be found again in another "
                        "process",
                        what);
    }
    if (as_int(k, &i))
      *h = mix((uint64_t)i);
    else {
      uint64_t bits;
      double d = k->u.d;
      memcpy(&bits, &d, sizeof bits);
      *h = mix(bits ^ 0x466c6f6174ull);
    }
    return 0;
  case MPROC_VALUE_STR:
    if (!k->u.s)
      return what ? mproc__err(MPROC_E_INVAL, "%s: NULL string key", what)
                  : MPROC_E_INVAL;
    *h = hash_bytes(k->u.s, strlen(k->u.s), 1);
    return 0;
  case MPROC_VALUE_BYTES:
    if (!k->u.bytes.ptr && k->u.bytes.len)
      return what ? mproc__err(MPROC_E_INVAL, "%s: NULL bytes key", what)
                  : MPROC_E_INVAL;
    *h = hash_bytes(k->u.bytes.ptr, k->u.bytes.len, 2);
    return 0;
  case MPROC_VALUE_TUPLE: {
    uint64_t acc = mix(0x5475706cull + k->u.seq.n);
    for (size_t j = 0; j < k->u.seq.n; j++) {
      uint64_t e;
      int rc = mproc__key_hash(&k->u.seq.items[j], &e, what);
      if (rc < 0)
        return rc;
      acc = mix(acc ^ (e + 0x9e3779b97f4a7c15ull + (acc << 6)));
    }
    *h = acc;
    return 0;
  }
  default:
    return unhashable(k, what);
  }
}

size_t mproc__dict_index_words(size_t n) {
  size_t cap = 4;
  while (cap < 2 * n)
    cap *= 2;
  return cap + 1;
}

int mproc__dict_index_build(uint32_t *words, const mproc_value_t *kv,
                            size_t n, size_t *dup, const char *what) {
  size_t cap = mproc__dict_index_words(n) - 1;
  words[0] = (uint32_t)cap;
  uint32_t *slot = words + 1;
  memset(slot, 0, cap * sizeof *slot);
  for (size_t e = 0; e < n; e++) {
    uint64_t h;
    int rc = mproc__key_hash(&kv[2 * e], &h, what);
    if (rc < 0)
      return rc;
    size_t at = (size_t)h & (cap - 1);
    while (slot[at]) {
      if (mproc_value_equal(&kv[2 * (slot[at] - 1)], &kv[2 * e])) {
        *dup = e;
        return 1;
      }
      at = (at + 1) & (cap - 1);
    }
    slot[at] = (uint32_t)(e + 1);
  }
  return 0;
}

long mproc__dict_find(const mproc_value_t *dict, const mproc_value_t *key,
                      uint64_t h) {
  const mproc_value_t *kv = dict->u.dict.items;
  const uint32_t *words = dict->u.dict.index;
  if (!words) {
    for (size_t e = 0; e < dict->u.dict.n; e++)
      if (mproc_value_equal(&kv[2 * e], key))
        return (long)e;
    return -1;
  }
  size_t cap = words[0];
  const uint32_t *slot = words + 1;
  for (size_t at = (size_t)h & (cap - 1); slot[at]; at = (at + 1) & (cap - 1))
    if (mproc_value_equal(&kv[2 * (slot[at] - 1)], key))
      return (long)(slot[at] - 1);
  return -1;
}
