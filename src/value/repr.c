/* SPDX-License-Identifier: MIT */
/*
 * Python's repr() of a value, so that a C program prints what its Python
 * twin prints: the examples compare their output line for line.
 */
#include "value/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_str(mproc__wbuf_t *b, const char *s) {
  mproc__put_raw(b, s, strlen(s));
}

/*
 * A float as Python's float_repr: the shortest digits that read back to
 * the same double, then fixed notation for exponents from -4 to 15 (with
 * ".0" on an integral value) and "1e+16" style beyond. printf's %g is not
 * that: it gives 0.1 as 0.10000000000000001 at 17 digits and switches to
 * exponents at a different place.
 */
static void put_double(mproc__wbuf_t *b, double d) {
  char tmp[64];
  if (isnan(d)) {
    put_str(b, "nan");
    return;
  }
  if (isinf(d)) {
    put_str(b, d < 0 ? "-inf" : "inf");
    return;
  }
  int prec;
  for (prec = 0; prec < 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*e", prec, d);
    if (strtod(tmp, NULL) == d)
      break;
  }
  /* tmp: [-]D[.DDD]e(+|-)XX */
  char digits[32];
  size_t nd = 0;
  const char *p = tmp;
  bool neg = *p == '-';
  if (neg)
    p++;
  for (; *p && *p != 'e'; p++)
    if (*p != '.')
      digits[nd++] = *p;
  int exp = atoi(p + 1);
  while (nd > 1 && digits[nd - 1] == '0') /* %.0e of 100 gives "1e+02" */
    nd--;
  digits[nd] = 0;
  if (neg)
    mproc__put_u8(b, '-');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      put_str(b, "0.");
      for (int z = -1; z > exp; z--)
        mproc__put_u8(b, '0');
      mproc__put_raw(b, digits, nd);
    } else {
      size_t whole = (size_t)exp + 1;
      for (size_t k = 0; k < whole; k++)
        mproc__put_u8(b, k < nd ? (uint8_t)digits[k] : '0');
      mproc__put_u8(b, '.');
      if (nd > whole)
        mproc__put_raw(b, digits + whole, nd - whole);
      else
        mproc__put_u8(b, '0');
    }
    return;
  }
  mproc__put_u8(b, (uint8_t)digits[0]);
  if (nd > 1) {
    mproc__put_u8(b, '.');
    mproc__put_raw(b, digits + 1, nd - 1);
  }
  snprintf(tmp, sizeof tmp, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  put_str(b, tmp);
}

/* Quotes as Python picks them: single, unless the text has a single quote
 * and no double one. */
static void put_quoted(mproc__wbuf_t *b, const uint8_t *s, size_t n,
                       bool is_bytes) {
  bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
  uint8_t q = sq && !dq ? '"' : '\'';
  if (is_bytes)
    mproc__put_u8(b, 'b');
  mproc__put_u8(b, q);
  for (size_t i = 0; i < n; i++) {
    uint8_t c = s[i];
    char esc[8];
    if (c == q || c == '\\') {
      mproc__put_u8(b, '\\');
      mproc__put_u8(b, c);
    } else if (c == '\n') {
      put_str(b, "\\n");
    } else if (c == '\r') {
      put_str(b, "\\r");
    } else if (c == '\t') {
      put_str(b, "\\t");
    } else if (c < 0x20 || c == 0x7f || (is_bytes && c >= 0x80)) {
      snprintf(esc, sizeof esc, "\\x%02x", c);
      put_str(b, esc);
    } else {
      mproc__put_u8(b, c); /* text beyond ASCII as it is, as Python 3 */
    }
  }
  mproc__put_u8(b, q);
}

static void put_repr(mproc__wbuf_t *b, const mproc_value_t *v, unsigned depth) {
  char tmp[64];
  if (depth > MPROC_VALUE_MAX_DEPTH) {
    put_str(b, "...");
    return;
  }
  switch (v->type) {
  case MPROC_VALUE_NONE:
    put_str(b, "None");
    return;
  case MPROC_VALUE_BOOL:
    put_str(b, v->u.b ? "True" : "False");
    return;
  case MPROC_VALUE_INT:
    snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
    put_str(b, tmp);
    return;
  case MPROC_VALUE_DOUBLE:
    put_double(b, v->u.d);
    return;
  case MPROC_VALUE_STR:
    if (v->u.s)
      put_quoted(b, (const uint8_t *)v->u.s, strlen(v->u.s), false);
    else
      put_str(b, "<NULL>");
    return;
  case MPROC_VALUE_BYTES:
    put_quoted(b, v->u.bytes.ptr, v->u.bytes.ptr ? v->u.bytes.len : 0, true);
    return;
  case MPROC_VALUE_OBJECT:
    mproc__put_u8(b, '<');
    put_str(b, mproc_value_type_name(v));
    mproc__put_u8(b, '>');
    return;
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST: {
    bool tuple = v->type == MPROC_VALUE_TUPLE;
    mproc__put_u8(b, tuple ? '(' : '[');
    for (size_t i = 0; i < v->u.seq.n && v->u.seq.items; i++) {
      if (i)
        put_str(b, ", ");
      put_repr(b, &v->u.seq.items[i], depth + 1);
    }
    if (tuple && v->u.seq.n == 1)
      mproc__put_u8(b, ',');
    mproc__put_u8(b, tuple ? ')' : ']');
    return;
  }
  case MPROC_VALUE_DICT:
    mproc__put_u8(b, '{');
    for (size_t i = 0; i < v->u.dict.n && v->u.dict.items; i++) {
      if (i)
        put_str(b, ", ");
      put_repr(b, &v->u.dict.items[2 * i], depth + 1);
      put_str(b, ": ");
      put_repr(b, &v->u.dict.items[2 * i + 1], depth + 1);
    }
    mproc__put_u8(b, '}');
    return;
  }
  put_str(b, "<?>");
}

char *mproc_value_repr(const mproc_value_t *v) {
  mproc__wbuf_t b = {0};
  if (v)
    put_repr(&b, v, 0);
  else
    put_str(&b, "NULL");
  mproc__put_u8(&b, 0);
  if (b.err) {
    free(b.p);
    mproc__err(MPROC_E_NOMEM, "%s: out of memory", __func__);
    return NULL;
  }
  return (char *)b.p;
}
