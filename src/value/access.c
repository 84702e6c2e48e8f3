/* SPDX-License-Identifier: MIT */
/*
 * Reading values: the typed getters, and the container calls (items of a
 * tuple or list, a dict's entries in order, lookup by key). Lookups in a
 * dict mproc made use its index (value/key.c); in a view the caller built,
 * a scan.
 */
#include "value/value.h"

#include <stdlib.h>
#include <string.h>


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

const char *mproc_value_type_name(const mproc_value_t *v) {
  if (!v)
    return "NULL";
  switch (v->type) {
  case MPROC_VALUE_NONE:
    return "NoneType";
  case MPROC_VALUE_INT:
    return "int";
  case MPROC_VALUE_DOUBLE:
    return "float";
  case MPROC_VALUE_BOOL:
    return "bool";
  case MPROC_VALUE_STR:
    return "str";
  case MPROC_VALUE_BYTES:
    return "bytes";
  case MPROC_VALUE_TUPLE:
    return "tuple";
  case MPROC_VALUE_LIST:
    return "list";
  case MPROC_VALUE_DICT:
    return "dict";
  case MPROC_VALUE_OBJECT: {
    const char *name = v->u.obj ? mproc_object_type_name(v->u.obj) : NULL;
    return name ? name : "object";
  }
  }
  return "unknown";
}

size_t mproc_value_list_len(const mproc_value_t *v) {
  if (!v || (v->type != MPROC_VALUE_TUPLE && v->type != MPROC_VALUE_LIST))
    return 0;
  return v->u.seq.n;
}

const mproc_value_t *mproc_value_list_at(const mproc_value_t *v, size_t i) {
  if (!v) {
    mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
    return NULL;
  }
  if (v->type != MPROC_VALUE_TUPLE && v->type != MPROC_VALUE_LIST) {
    mproc__err(MPROC_E_TYPE, "%s: '%s' object is not a tuple or a list",
               __func__, mproc_value_type_name(v));
    return NULL;
  }
  if (i >= v->u.seq.n) {
    mproc__err(MPROC_E_VALUE, "%s: %s index %zu out of range (length %zu)",
               __func__, mproc_value_type_name(v), i, v->u.seq.n);
    return NULL;
  }
  return &v->u.seq.items[i];
}

size_t mproc_value_dict_len(const mproc_value_t *v) {
  if (!v || v->type != MPROC_VALUE_DICT)
    return 0;
  return v->u.dict.n;
}

int mproc_value_dict_entry(const mproc_value_t *v, size_t i,
                           const mproc_value_t **key,
                           const mproc_value_t **value) {
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", __func__);
  if (v->type != MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE, "%s: '%s' object is not a dict", __func__,
                      mproc_value_type_name(v));
  if (i >= v->u.dict.n)
    return mproc__err(MPROC_E_VALUE, "%s: entry %zu of a dict of %zu",
                      __func__, i, v->u.dict.n);
  if (key)
    *key = &v->u.dict.items[2 * i];
  if (value)
    *value = &v->u.dict.items[2 * i + 1];
  return 0;
}

int mproc_value_dict_get(const mproc_value_t *dict, const mproc_value_t *key,
                         const mproc_value_t **out) {
  if (out)
    *out = NULL;
  if (!dict || !key)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  if (dict->type != MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE, "%s: '%s' object is not a dict", __func__,
                      mproc_value_type_name(dict));
  uint64_t h;
  int rc = mproc__key_hash(key, &h, __func__);
  if (rc < 0)
    return rc;
  long e = mproc__dict_find(dict, key, h);
  if (e < 0) {
    char *r = mproc_value_repr(key);
    rc = mproc__err(MPROC_E_KEY, "KeyError: %s", r ? r : "?");
    mproc_free(r);
    return rc;
  }
  if (out)
    *out = &dict->u.dict.items[2 * (size_t)e + 1];
  return 0;
}
