/* SPDX-License-Identifier: MIT */
/*
 * Namespace and Array (CPython's manager.Namespace() and
 * manager.Array(typecode, sequence)): creating them and their proxies'
 * operations. The server holds a Namespace as a dict of its attributes
 * (hosted.c) and an Array as typed numbers (array.c); what is particular
 * to them, AttributeError for a missing name and Namespace's repr, is
 * made here, in the client, so the server needs no methods of its own
 * for a Namespace.
 */
#include "manager/manager.h"

#include "value/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KM_NS (1 << K_NAMESPACE)
#define KM_ARRAY (1 << K_ARRAY)

/* ------------------------------------------------------------------------ */
/* Namespace                                                                */
/* ------------------------------------------------------------------------ */

int mproc_manager_namespace(mproc_manager_t *m, const mproc_value_t *attrs,
                            mproc_proxy_t **out) {
  static const char what[] = "mproc_manager_namespace";
  if (out)
    *out = NULL;
  if (!attrs)
    return mproc__manager_create(m, what, K_NAMESPACE, 0, NULL, NULL, out);
  /* Namespace(**kwds): only names may be keywords, as Python's call says. */
  if (attrs->type != MPROC_VALUE_DICT)
    return mproc__err(MPROC_E_TYPE,
                      "%s: argument after ** must be a mapping, not %s", what,
                      mproc_value_type_name(attrs));
  for (size_t i = 0; i < attrs->u.dict.n; i++)
    if (attrs->u.dict.items[2 * i].type != MPROC_VALUE_STR)
      return mproc__err(MPROC_E_TYPE, "%s: keywords must be strings", what);
  mproc__wlist_t w;
  int rc = mproc__wlist_entries(&w, attrs, what);
  if (rc < 0)
    return rc;
  mproc_value_t items = mproc_list(w.vals, w.n);
  rc = mproc__manager_create(m, what, K_NAMESPACE, 0, NULL, &items, out);
  mproc__wlist_free(&w);
  return rc;
}

static int name_check(const char *name, const char *what) {
  if (!name)
    return mproc__err(MPROC_E_INVAL, "%s: NULL name", what);
  if (!*name)
    return mproc__err(MPROC_E_VALUE, "%s: an empty attribute name", what);
  return 0;
}

static int attribute_error(const char *name) {
  return mproc__err(MPROC_E_ATTRIBUTE,
                    "'Namespace' object has no attribute '%s'", name);
}

int mproc_proxy_namespace_get(mproc_proxy_t *p, const char *name,
                              mproc_value_t **out) {
  static const char what[] = "mproc_proxy_namespace_get";
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  int rc = name_check(name, what);
  if (rc < 0)
    return rc;
  /* Asked with missing_ok: a missing name is None, a stored value (even
   * None) bytes, so no second round trip tells them apart. */
  mproc_value_t a[2] = {mproc_str(name), mproc_bool(true)}, *res = NULL;
  size_t nres = 0;
  rc = mproc__proxy_call(p, what, KM_NS, M_DICT_GET, 0, a, 2, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 1)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if (res[0].type == MPROC_VALUE_NONE)
    rc = attribute_error(name);
  else
    rc = mproc__proxy_stored_value(&res[0], out);
  mproc_values_free(res, nres);
  return rc;
}

int mproc_proxy_namespace_set(mproc_proxy_t *p, const char *name,
                              const mproc_value_t *v) {
  static const char what[] = "mproc_proxy_namespace_set";
  int rc = name_check(name, what);
  if (rc < 0)
    return rc;
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  void *enc = NULL;
  size_t len = 0;
  if ((rc = mproc_encode(v, 1, &enc, &len)) < 0)
    return rc;
  mproc_value_t a[2] = {mproc_str(name), mproc_bytes(enc, len)};
  rc = mproc__proxy_call(p, what, KM_NS, M_DICT_SET, 0, a, 2, NULL, NULL);
  mproc_free(enc);
  return rc;
}

int mproc_proxy_namespace_del(mproc_proxy_t *p, const char *name) {
  static const char what[] = "mproc_proxy_namespace_del";
  int rc = name_check(name, what);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_str(name);
  rc = mproc__proxy_call(p, what, KM_NS, M_DICT_DEL, 0, &a, 1, NULL, NULL);
  return rc == MPROC_E_KEY ? attribute_error(name) : rc;
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * CPython's Namespace.__repr__ (what str() of a NamespaceProxy gives):
 * "name=repr(value)" for each name not starting with '_', sorted as
 * strings, in "Namespace(...)". Sorted by the whole "name=value" text, as
 * CPython sorts it, not by name.
 */
int mproc_proxy_namespace_repr(mproc_proxy_t *p, char **out) {
  static const char what[] = "mproc_proxy_namespace_repr";
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  mproc_value_t a = mproc_int(DICT_ITEMS), *res = NULL;
  size_t nres = 0, n = 0, total = sizeof "Namespace()";
  char **parts = NULL;
  int rc =
      mproc__proxy_call(p, what, KM_NS, M_DICT_ITEMS, 0, &a, 1, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 1 || res[0].type != MPROC_VALUE_LIST || res[0].u.seq.n % 2) {
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
    goto done;
  }
  const mproc_value_t *it = res[0].u.seq.items;
  size_t nit = res[0].u.seq.n / 2;
  parts = calloc(nit ? nit : 1, sizeof *parts);
  if (!parts) {
    rc = mproc__err(MPROC_E_NOMEM, "%s", what);
    goto done;
  }
  for (size_t i = 0; i < nit; i++) {
    const char *name;
    mproc_value_t *v = NULL;
    if (mproc_value_as_str(&it[2 * i], &name) != 0) {
      rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
      goto done;
    }
    if (name[0] == '_')
      continue;
    if ((rc = mproc__proxy_stored_value(&it[2 * i + 1], &v)) < 0)
      goto done;
    char *r = mproc_value_repr(v);
    mproc_values_free(v, 1);
    size_t len = r ? strlen(name) + 1 + strlen(r) + 1 : 0;
    parts[n] = r ? malloc(len) : NULL;
    if (parts[n])
      snprintf(parts[n], len, "%s=%s", name, r);
    mproc_free(r);
    if (!parts[n]) {
      rc = mproc__err(MPROC_E_NOMEM, "%s", what);
      goto done;
    }
    total += len + 1; /* and ", " less its NUL */
    n++;
  }
  qsort(parts, n, sizeof *parts, cmp_str);
  char *s = malloc(total);
  if (!s) {
    rc = mproc__err(MPROC_E_NOMEM, "%s", what);
    goto done;
  }
  size_t at = 0;
  memcpy(s, "Namespace(", 10);
  at = 10;
  for (size_t i = 0; i < n; i++) {
    if (i) {
      memcpy(s + at, ", ", 2);
      at += 2;
    }
    size_t l = strlen(parts[i]);
    memcpy(s + at, parts[i], l);
    at += l;
  }
  memcpy(s + at, ")", 2);
  *out = s;
done:
  for (size_t i = 0; parts && i < n; i++)
    free(parts[i]);
  free(parts);
  mproc_values_free(res, nres);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Array                                                                    */
/* ------------------------------------------------------------------------ */

int mproc_manager_array(mproc_manager_t *m, char typecode,
                        const mproc_value_t *items, mproc_proxy_t **out) {
  static const char what[] = "mproc_manager_array";
  if (out)
    *out = NULL;
  if (!items)
    return mproc__err(MPROC_E_INVAL, "%s: NULL items", what);
  if (items->type != MPROC_VALUE_LIST && items->type != MPROC_VALUE_TUPLE)
    return mproc__err(MPROC_E_TYPE, "'%s' object is not iterable",
                      mproc_value_type_name(items));
  /* The items travel as they are (numbers), to be checked in the server
   * against the typecode (array.c). */
  mproc_value_t l = mproc_list(items->u.seq.items, items->u.seq.n);
  return mproc__manager_create(m, what, K_ARRAY, (unsigned char)typecode, NULL,
                               &l, out);
}

int mproc_proxy_array_len(mproc_proxy_t *p, size_t *out) {
  static const char what[] = "mproc_proxy_array_len";
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  int rc = mproc__proxy_call(p, what, KM_ARRAY, M_ARRAY_LEN, 0, NULL, 0, &res,
                             &nres);
  if (rc == 0 && (nres < 1 || mproc_value_as_int(&res[0], &v) != 0 || v < 0))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  if (rc == 0)
    *out = (size_t)v;
  mproc_values_free(res, nres);
  return rc;
}

/* A call whose one result the caller takes as it is. */
static int array_call(mproc_proxy_t *p, const char *what, int64_t op,
                      const mproc_value_t *a, size_t na, mproc_value_type_t t,
                      mproc_value_t **out) {
  mproc_value_t *res = NULL;
  size_t nres = 0;
  *out = NULL;
  int rc = mproc__proxy_call(p, what, KM_ARRAY, op, 0, a, na, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 1 || (t == MPROC_VALUE_LIST ? res[0].type != t
                                         : (res[0].type != MPROC_VALUE_INT &&
                                            res[0].type != MPROC_VALUE_DOUBLE)))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else
    rc = mproc_value_copy(&res[0], 1, out);
  mproc_values_free(res, nres);
  return rc;
}

int mproc_proxy_array_get(mproc_proxy_t *p, int64_t index,
                          mproc_value_t **out) {
  static const char what[] = "mproc_proxy_array_get";
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  mproc_value_t a = mproc_int(index);
  return array_call(p, what, M_ARRAY_GET, &a, 1, MPROC_VALUE_INT, out);
}

int mproc_proxy_array_set(mproc_proxy_t *p, int64_t index,
                          const mproc_value_t *v) {
  static const char what[] = "mproc_proxy_array_set";
  if (!v)
    return mproc__err(MPROC_E_INVAL, "%s: NULL value", what);
  mproc_value_t a[2] = {mproc_int(index), *v};
  return mproc__proxy_call(p, what, KM_ARRAY, M_ARRAY_SET, 0, a, 2, NULL, NULL);
}

int mproc_proxy_array_get_slice(mproc_proxy_t *p, int64_t start, int64_t stop,
                                int64_t step, mproc_value_t **out) {
  static const char what[] = "mproc_proxy_array_get_slice";
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  mproc_value_t a[3] = {mproc_int(start), mproc_int(stop), mproc_int(step)};
  return array_call(p, what, M_ARRAY_SLICE_GET, a, 3, MPROC_VALUE_LIST, out);
}
