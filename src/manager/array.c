/* SPDX-License-Identifier: MIT */
/*
 * The manager's hosted typed array (CPython's manager.Array(typecode,
 * sequence), an array.array in the server): its state and its methods,
 * called by server.c with its mutex held.
 *
 * Items are held as numbers, not as their encodings as a list's are: the
 * typecode is enforced here, where every client's writes meet, with
 * array.array's own checks and messages (a float into 'i' is a TypeError,
 * 300 into 'b' an OverflowError). Checked only in the client, a client
 * built against another version, or a malformed request, could store what
 * the typecode forbids. Items of 'f' are rounded to float as array.array
 * stores them, so that a[0] reads back what CPython's would.
 */
#include "manager/manager.h"

#include "value/value.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct mproc__harray {
  char tc;
  bool real; /* 'f' or 'd' */
  union item {
    int64_t i;
    double d;
  } * items;
  size_t len;
};

typedef union item item_t;

/* An integer typecode's range and CPython's OverflowError messages. */
typedef struct tcinfo {
  char tc;
  int64_t lo, hi;
  const char *over, *under;
} tcinfo_t;

static const tcinfo_t TC[] = {
    {'b', SCHAR_MIN, SCHAR_MAX, "signed char is greater than maximum",
     "signed char is less than minimum"},
    {'B', 0, UCHAR_MAX, "unsigned byte integer is greater than maximum",
     "unsigned byte integer is less than minimum"},
    {'h', SHRT_MIN, SHRT_MAX, "signed short integer is greater than maximum",
     "signed short integer is less than minimum"},
    {'H', 0, USHRT_MAX, "unsigned short is greater than maximum",
     "unsigned short is less than minimum"},
    {'i', INT_MIN, INT_MAX, "signed integer is greater than maximum",
     "signed integer is less than minimum"},
    {'I', 0, UINT_MAX, "unsigned int is greater than maximum",
     "can't convert negative value to unsigned int"},
    {'l', LONG_MIN, LONG_MAX, "Python int too large to convert to C long",
     "Python int too large to convert to C long"},
    /* 'L' and 'Q' reach 2**64 - 1 in CPython; an mproc int stops at
     * INT64_MAX, so no value beyond can arrive to be refused. */
    {'L', 0, ULONG_MAX > INT64_MAX ? INT64_MAX : (int64_t)ULONG_MAX,
     "Python int too large to convert to C unsigned long",
     "can't convert negative value to unsigned int"},
    {'q', INT64_MIN, INT64_MAX, "int too big to convert",
     "int too big to convert"},
    {'Q', 0, INT64_MAX, "int too big to convert",
     "can't convert negative int to unsigned"},
};

static const tcinfo_t *tc_find(int64_t tc) {
  for (size_t i = 0; i < sizeof TC / sizeof TC[0]; i++)
    if (TC[i].tc == tc)
      return &TC[i];
  return NULL;
}

/* @p v as an item of @p a, or CPython's TypeError or OverflowError
 * (MPROC_E_TYPE, MPROC_E_VALUE) with its message. */
static int item_from(const mproc__harray_t *a, const mproc_value_t *v,
                     item_t *out) {
  if (a->real) {
    double d;
    if (v->type == MPROC_VALUE_DOUBLE)
      d = v->u.d;
    else if (v->type == MPROC_VALUE_INT)
      d = (double)v->u.i;
    else if (v->type == MPROC_VALUE_BOOL)
      d = v->u.b ? 1.0 : 0.0;
    else
      return mproc__err(MPROC_E_TYPE, "must be real number, not %s",
                        mproc_value_type_name(v));
    out->d = a->tc == 'f' ? (double)(float)d : d;
    return 0;
  }
  int64_t i;
  if (v->type == MPROC_VALUE_INT)
    i = v->u.i;
  else if (v->type == MPROC_VALUE_BOOL)
    i = v->u.b ? 1 : 0;
  else
    return mproc__err(MPROC_E_TYPE,
                      "'%s' object cannot be interpreted as an integer",
                      mproc_value_type_name(v));
  const tcinfo_t *t = tc_find(a->tc);
  if (i > t->hi)
    return mproc__err(MPROC_E_VALUE, "%s", t->over);
  if (i < t->lo)
    return mproc__err(MPROC_E_VALUE, "%s", t->under);
  out->i = i;
  return 0;
}

static mproc_value_t item_value(const mproc__harray_t *a, const item_t *it) {
  return a->real ? mproc_double(it->d) : mproc_int(it->i);
}

int mproc__harray_new(int64_t typecode, const mproc_value_t *init,
                      mproc__harray_t **out) {
  bool real = typecode == 'f' || typecode == 'd';
  if (!real && !tc_find(typecode)) {
    if (typecode == 'u' || typecode == 'w')
      return mproc__err(MPROC_E_NOTSUP,
                        "typecode '%c' (characters) is not supported: use a "
                        "list of str",
                        (char)typecode);
    return mproc__err(MPROC_E_VALUE, "bad typecode (must be b, B, u, h, H, "
                                     "i, I, l, L, q, Q, f or d)");
  }
  if (init && init->type != MPROC_VALUE_LIST)
    return mproc__err(MPROC_E_TYPE, "bad CREATE request");
  mproc__harray_t *a = calloc(1, sizeof *a);
  size_t n = init ? init->u.seq.n : 0;
  /* Never a NULL items pointer, so that no offset is taken from one. */
  if (a)
    a->items = malloc((n ? n : 1) * sizeof *a->items);
  if (!a || !a->items) {
    free(a);
    return mproc__err(MPROC_E_NOMEM, "creating an Array of %zu items", n);
  }
  a->tc = (char)typecode;
  a->real = real;
  for (size_t i = 0; i < n; i++) {
    int rc = item_from(a, &init->u.seq.items[i], &a->items[i]);
    if (rc < 0) {
      mproc__harray_free(a);
      return rc;
    }
  }
  a->len = n;
  *out = a;
  return 0;
}

void mproc__harray_free(mproc__harray_t *a) {
  if (!a)
    return;
  free(a->items);
  free(a);
}

bool mproc__harray_op(int64_t op) {
  return op >= M_ARRAY_LEN && op <= M_ARRAY_SLICE_GET;
}

/* Python's index: negative ones count from the end. */
static bool index_fix(const mproc__harray_t *a, int64_t *i) {
  if (*i < 0)
    *i += (int64_t)a->len;
  return *i >= 0 && (uint64_t)*i < a->len;
}

int mproc__harray_call(mproc__harray_t *a, int64_t op, const mproc_value_t *v,
                       size_t n, mproc_value_t *res, size_t *nres,
                       mproc__hscratch_t *s) {
  int64_t i = 0, start = 0, stop = 0, step = 0;
  bool ok = n >= 1 && mproc_value_as_int(&v[0], &i) == 0;
  switch (op) {
  case M_ARRAY_LEN:
    res[(*nres)++] = mproc_int((int64_t)a->len);
    return 0;
  case M_ARRAY_GET:
    if (!ok)
      return 1;
    if (!index_fix(a, &i))
      return mproc__err(MPROC_E_INDEX, "array index out of range");
    res[(*nres)++] = item_value(a, &a->items[i]);
    return 0;
  case M_ARRAY_SET: {
    if (!ok || n < 2)
      return 1;
    if (!index_fix(a, &i))
      return mproc__err(MPROC_E_INDEX, "array assignment index out of range");
    item_t it = {0}; /* gcc 12 -O3 cannot see item_from() set it */
    int rc = item_from(a, &v[1], &it);
    if (rc == 0)
      a->items[i] = it;
    return rc;
  }
  case M_ARRAY_SLICE_GET: {
    size_t count = 0;
    if (n < 3 || mproc_value_as_int(&v[0], &start) != 0 ||
        mproc_value_as_int(&v[1], &stop) != 0 ||
        mproc_value_as_int(&v[2], &step) != 0)
      return 1;
    int rc = mproc__slice_adjust(a->len, &start, &stop, &step, &count);
    if (rc < 0)
      return rc;
    s->arr = malloc((count ? count : 1) * sizeof *s->arr);
    if (!s->arr)
      return mproc__err(MPROC_E_NOMEM, "slicing an Array");
    for (size_t k = 0; k < count; k++, start += step)
      s->arr[k] = item_value(a, &a->items[start]);
    res[(*nres)++] = mproc_list(s->arr, count);
    return 0;
  }
  }
  return 1;
}
