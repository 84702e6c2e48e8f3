/* SPDX-License-Identifier: MIT */
/*
 * What a manager hosts beyond its built-in kinds: user-defined types (a C
 * table of named methods, registered by name before mproc_boot()) and the
 * server's table of objects exposed by name (CPython's
 * BaseManager.register()).
 *
 * Why types are registered by name in the program, not sent to the
 * server: a function pointer means nothing in a spawned server (another
 * address space, on Windows another image base), so a spawned server finds
 * the table by name, as a spawned child finds its function (process.c).
 * Clients need no registration at all: they name the type and its methods,
 * so a second program, or a Python-less peer on another machine, calls
 * them with only the address and the key.
 */
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTYPES_MAX 64

/* Written only before mproc_boot() (before any thread), read after. */
static const mproc_manager_type_t *utypes[UTYPES_MAX];
static size_t nutypes;

const mproc_manager_type_t *mproc__utype_find(const char *name) {
  for (size_t i = 0; i < nutypes; i++)
    if (strcmp(utypes[i]->name, name) == 0)
      return utypes[i];
  return NULL;
}

static int builtin_kind(const char *name) {
  for (int k = 1; k < K_MAX; k++)
    if (k != K_USER && strcmp(mproc__kind_names[k], name) == 0)
      return k;
  return 0;
}

int mproc_manager_register_type(const mproc_manager_type_t *t) {
  if (!t || !t->name || !t->create || (t->nmethods && !t->methods) ||
      (t->nexposed && !t->exposed))
    return mproc__err(MPROC_E_INVAL, "%s: NULL or incomplete type table",
                      __func__);
  size_t len = strlen(t->name);
  if (len == 0 || len >= MPROC__TYPENAME_MAX)
    return mproc__err(MPROC_E_INVAL, "%s: a type name needs 1 to %d bytes",
                      __func__, MPROC__TYPENAME_MAX - 1);
  for (size_t i = 0; i < t->nmethods; i++)
    if (!t->methods[i].name || !t->methods[i].fn)
      return mproc__err(MPROC_E_INVAL, "%s: %s's method %zu is incomplete",
                        __func__, t->name, i);
  if (builtin_kind(t->name))
    return mproc__err(MPROC_E_STATE, "%s: \"%s\" is a built-in type's name",
                      __func__, t->name);
  const mproc_manager_type_t *old = mproc__utype_find(t->name);
  if (old == t)
    return 0;
  if (old)
    return mproc__err(MPROC_E_STATE,
                      "%s: \"%s\" is already registered with another table",
                      __func__, t->name);
  if (nutypes == UTYPES_MAX)
    return mproc__err(MPROC_E_STATE, "%s: more than %d types", __func__,
                      UTYPES_MAX);
  utypes[nutypes++] = t;
  return 0;
}

int mproc__kind_by_name(const char *type, const mproc_manager_type_t **ut) {
  *ut = NULL;
  int k = builtin_kind(type);
  if (k)
    return k;
  *ut = mproc__utype_find(type);
  return *ut ? K_USER : 0;
}

/* Decodes a call's arguments; *vals is NULL for none. */
static int args_decode(const void *args, size_t len, mproc_value_t **vals,
                       size_t *n) {
  *vals = NULL;
  *n = 0;
  return len ? mproc_decode(args, len, vals, n) : 0;
}

int mproc__utype_new(const mproc_manager_type_t *ut, const void *args,
                     size_t len, void **self) {
  mproc_value_t *vals;
  size_t n;
  int rc = args_decode(args, len, &vals, &n);
  if (rc < 0)
    return rc;
  *self = NULL;
  mproc__err_clear();
  rc = ut->create(vals, n, self);
  mproc_values_free(vals, n);
  if (rc > 0 || (rc == 0 && !*self && ut->destroy))
    rc = MPROC_E_VALUE; /* a create that broke its contract */
  if (rc < 0 && !*mproc_last_error())
    mproc__err(rc, "%s(): create failed", ut->name);
  return rc;
}

static bool exposed(const mproc_manager_type_t *ut, const char *method) {
  if (!ut->exposed)
    return method[0] != '_';
  for (size_t i = 0; i < ut->nexposed; i++)
    if (ut->exposed[i] && strcmp(ut->exposed[i], method) == 0)
      return true;
  return false;
}

/* CPython's message: "method 'x' of <class 'T'> object is not in
 * exposed=('a', 'b')", the class shown by its name, as a C type has no
 * module. */
static int not_exposed(const mproc_manager_type_t *ut, const char *method) {
  char list[512];
  size_t off = 0;
  list[0] = '\0';
  size_t count = ut->exposed ? ut->nexposed : ut->nmethods;
  size_t shown = 0;
  for (size_t i = 0; i < count && off < sizeof list; i++) {
    const char *name = ut->exposed ? ut->exposed[i] : ut->methods[i].name;
    if (!name || (!ut->exposed && name[0] == '_'))
      continue;
    int w = snprintf(list + off, sizeof list - off, "%s'%s'", shown ? ", " : "",
                     name);
    if (w < 0)
      break;
    off += (size_t)w;
    shown++;
  }
  if (off >= sizeof list)
    off = sizeof list - 1;
  return mproc__err(MPROC_E_PERM,
                    "method '%s' of '%s' object is not in exposed=(%s%s)",
                    method, ut->name, list, shown == 1 ? "," : "");
}

int mproc__utype_call(const mproc_manager_type_t *ut, void *self,
                      const char *method, const void *args, size_t len,
                      void **enc, size_t *elen) {
  *enc = NULL;
  *elen = 0;
  if (!exposed(ut, method))
    return not_exposed(ut, method);
  const mproc_manager_method_t *m = NULL;
  for (size_t i = 0; i < ut->nmethods && !m; i++)
    if (strcmp(ut->methods[i].name, method) == 0)
      m = &ut->methods[i];
  if (!m) /* exposed, but the table has no such method: Python's message */
    return mproc__err(MPROC_E_NOTFOUND,
                      "AttributeError: '%s' object has no attribute '%s'",
                      ut->name, method);
  mproc_value_t *vals;
  size_t n;
  int rc = args_decode(args, len, &vals, &n);
  if (rc < 0)
    return rc;
  mproc_value_t result = mproc_none();
  mproc__err_clear();
  rc = m->fn(self, vals, n, &result);
  if (rc > 0)
    rc = MPROC_E_VALUE;
  if (rc < 0 && !*mproc_last_error())
    mproc__err(rc, "%s.%s() failed", ut->name, method);
  if (rc == 0)
    rc = mproc_encode(&result, 1, enc, elen);
  mproc_values_free(vals, n);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The table of named objects                                               */
/* ------------------------------------------------------------------------ */

/* Each entry crosses as four values: name, type, param, per_call. */
#define NAMED_VALUES 4

int mproc__names_encode(const mproc_manager_shared_t *s, size_t n,
                        mproc_value_t **vals, size_t *nvals) {
  *vals = NULL;
  *nvals = 0;
  if (n == 0)
    return 0;
  if (!s)
    return mproc__err(MPROC_E_INVAL,
                      "mproc_manager_start_with: nshared %zu with NULL shared",
                      n);
  if (n > MPROC_VALUE_MAX_COUNT / NAMED_VALUES)
    return mproc__err(MPROC_E_TOOBIG, "mproc_manager_start_with: %zu shared",
                      n);
  for (size_t i = 0; i < n; i++) {
    const mproc_manager_type_t *ut;
    if (!s[i].name || !*s[i].name || !s[i].type)
      return mproc__err(
          MPROC_E_INVAL,
          "mproc_manager_start_with: shared[%zu] without a name or "
          "a type",
          i);
    for (size_t j = 0; j < i; j++)
      if (strcmp(s[j].name, s[i].name) == 0)
        return mproc__err(MPROC_E_VALUE,
                          "mproc_manager_start_with: \"%s\" is shared twice",
                          s[i].name);
    int k = mproc__kind_by_name(s[i].type, &ut);
    if (!k || k == K_VALUE)
      return mproc__err(
          MPROC_E_TYPE,
          "mproc_manager_start_with: shared \"%s\": no hosted type "
          "\"%s\" (a built-in one, or one registered with "
          "mproc_manager_register_type())",
          s[i].name, s[i].type);
    if (s[i].param < 0 || (k == K_BARRIER && s[i].param == 0) ||
        ((k == K_SEMAPHORE || k == K_BOUNDED_SEMAPHORE) &&
         s[i].param > MPROC_SEM_VALUE_MAX))
      return mproc__err(
          MPROC_E_VALUE,
          "mproc_manager_start_with: shared \"%s\": param %lld out "
          "of range for a %s",
          s[i].name, (long long)s[i].param, s[i].type);
  }
  mproc_value_t *v = calloc(n * NAMED_VALUES, sizeof *v);
  if (!v)
    return mproc__err(MPROC_E_NOMEM, "mproc_manager_start_with: shared names");
  for (size_t i = 0; i < n; i++) {
    v[i * NAMED_VALUES] = mproc_str(s[i].name);
    v[i * NAMED_VALUES + 1] = mproc_str(s[i].type);
    v[i * NAMED_VALUES + 2] = mproc_int(s[i].param);
    v[i * NAMED_VALUES + 3] = mproc_bool(s[i].per_call);
  }
  *vals = v;
  *nvals = n * NAMED_VALUES;
  return 0;
}

void mproc__names_free(mproc__named_t *t, size_t n) {
  for (size_t i = 0; t && i < n; i++)
    free(t[i].name);
  free(t);
}

int mproc__names_decode(const mproc_value_t *list, mproc__named_t **out,
                        size_t *n) {
  *out = NULL;
  *n = 0;
  size_t len = mproc_value_list_len(list);
  if (len % NAMED_VALUES)
    return mproc__err(MPROC_E_DECODE, "malformed table of shared names");
  size_t count = len / NAMED_VALUES;
  if (count == 0)
    return 0;
  mproc__named_t *t = calloc(count, sizeof *t);
  if (!t)
    return mproc__err(MPROC_E_NOMEM, "the table of shared names");
  for (size_t i = 0; i < count; i++) {
    const char *name, *type;
    bool per_call;
    size_t at = i * NAMED_VALUES;
    if (mproc_value_as_str(mproc_value_list_at(list, at), &name) != 0 ||
        mproc_value_as_str(mproc_value_list_at(list, at + 1), &type) != 0 ||
        mproc_value_as_int(mproc_value_list_at(list, at + 2), &t[i].param) !=
            0 ||
        mproc_value_as_bool(mproc_value_list_at(list, at + 3), &per_call) !=
            0) {
      mproc__names_free(t, i);
      return mproc__err(MPROC_E_DECODE, "malformed table of shared names");
    }
    t[i].per_call = per_call;
    t[i].kind = mproc__kind_by_name(type, &t[i].ut);
    if (!t[i].kind) {
      mproc__names_free(t, i);
      /* The client's program registered it, the server's did not: a
       * server started by another program, or a registration after
       * mproc_boot(). */
      return mproc__err(MPROC_E_TYPE,
                        "shared \"%s\": type \"%s\" is not registered in "
                        "the server's program (register it before "
                        "mproc_boot())",
                        name, type);
    }
    t[i].name = malloc(strlen(name) + 1);
    if (!t[i].name) {
      mproc__names_free(t, i);
      return mproc__err(MPROC_E_NOMEM, "the table of shared names");
    }
    strcpy(t[i].name, name);
  }
  *out = t;
  *n = count;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The client's calls                                                       */
/* ------------------------------------------------------------------------ */

static bool manager_ok(const mproc_manager_t *m, const char *what) {
  if (!m) {
    mproc__err(MPROC_E_INVAL, "%s: NULL manager", what);
    return false;
  }
  if (m->magic != MANAGER_MAGIC) {
    mproc__err(MPROC_E_TYPE, "%s: not a live manager", what);
    return false;
  }
  return true;
}

/* Sends @p op on a new connection, which the reply binds to an object: a
 * proxy to it that keeps the connection (and so the reference). The reply
 * is the id, then (GET_NAMED) the kind and the type's name. */
static int bind_proxy(mproc_manager_t *m, int64_t op, int kind,
                      const char *tname, const mproc_value_t *a, size_t na,
                      mproc_proxy_t **out) {
  mproc__net_t *c = NULL;
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t id = 0, k = kind;
  const char *name = tname;
  mproc_proxy_t *p = NULL;
  mproc__request_t rq = mproc__mrequest(op, 0, a, na);
  int rc = mproc__mclient_open(m->address, m->key, m->keylen, &c);
  if (rc == 0)
    rc = mproc__mclient_call(c, m->wire, kind, &rq, &res, &nres);
  if (rc == 0 &&
      (nres < 1 || mproc_value_as_int(&res[0], &id) != 0 ||
       (op == OP_GET_NAMED &&
        (nres < 3 || mproc_value_as_int(&res[1], &k) != 0 ||
         mproc_value_as_str(&res[2], &name) != 0 || k <= 0 || k >= K_MAX))))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  if (rc == 0 && k == K_USER && strlen(name) >= MPROC__TYPENAME_MAX)
    rc = mproc__err(MPROC_E_DECODE, "a type name too long from the manager");
  if (rc == 0)
    rc = mproc__proxy_new(m->address, m->key, m->keylen, m->wire, (int)k,
                          (uint64_t)id, &p);
  if (rc == 0 && k == K_USER)
    snprintf(p->tname, sizeof p->tname, "%s", name);
  mproc_values_free(res, nres);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  mproc__proxy_adopt(p, c);
  *out = p;
  return 0;
}

int mproc_manager_get(mproc_manager_t *m, const char *name,
                      mproc_proxy_t **out) {
  if (!out || !name)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  *out = NULL;
  if (!manager_ok(m, __func__))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  mproc_value_t a = mproc_str(name);
  return bind_proxy(m, OP_GET_NAMED, 0, NULL, &a, 1, out);
}

int mproc_manager_create(mproc_manager_t *m, const char *type,
                         const mproc_value_t *args, size_t nargs,
                         mproc_proxy_t **out) {
  if (!out || !type || (nargs && !args))
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  *out = NULL;
  if (!manager_ok(m, __func__))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!*type || strlen(type) >= MPROC__TYPENAME_MAX)
    return mproc__err(MPROC_E_INVAL, "%s: a type name needs 1 to %d bytes",
                      __func__, MPROC__TYPENAME_MAX - 1);
  void *enc = NULL;
  size_t elen = 0;
  int rc = nargs ? mproc_encode(args, nargs, &enc, &elen) : 0;
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_str(type), mproc_bytes(enc, elen)};
  rc = bind_proxy(m, OP_CREATE_USER, K_USER, type, a, 2, out);
  free(enc);
  return rc;
}

int mproc_proxy_call(mproc_proxy_t *p, const char *method,
                     const mproc_value_t *args, size_t nargs,
                     mproc_value_t **result) {
  if (result)
    *result = NULL;
  if (!method || (nargs && !args))
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  void *enc = NULL;
  size_t elen = 0;
  int rc = nargs ? mproc_encode(args, nargs, &enc, &elen) : 0;
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_str(method), mproc_bytes(enc, elen)};
  mproc_value_t *res = NULL;
  size_t nres = 0;
  rc = mproc__proxy_call(p, __func__, 1 << K_USER, M_USER_CALL, 0, a, 2, &res,
                         &nres);
  free(enc);
  if (rc < 0)
    return rc;
  const void *b;
  size_t blen, n = 0;
  mproc_value_t *v = NULL;
  if (nres < 1 || mproc_value_as_bytes(&res[0], &b, &blen) != 0)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if ((rc = mproc_decode(b, blen, &v, &n)) == 0 && n != 1)
    rc = mproc__err(MPROC_E_DECODE, "a method's result is not one value");
  mproc_values_free(res, nres);
  if (rc == 0 && result)
    *result = v;
  else
    mproc_values_free(v, n);
  return rc;
}
