/* SPDX-License-Identifier: MIT */
/*
 * The pickle decoder (pickle.h): CPython's unpickler as a loop over
 * opcodes, on a stack of nodes and a stack of marks, that builds nodes and
 * never calls anything.
 *
 * Bounds: every opcode reads at least one byte and makes at most one node,
 * so the stacks, the memo and the arena grow at most with the input; a
 * memo index must be below the input's length (a pickler numbers them
 * from 0, one per PUT); a protocol 0 int has at most
 * MPROC__PICKLE_DIGITS_MAX digits. Nesting costs no C stack here.
 *
 * Refused (MPROC_E_DECODE), as no pickle.dumps() of the types the codec
 * carries writes them: persistent ids (PERSID, BINPERSID: they name
 * objects of the pickler's own choosing), extension codes (EXT1, EXT2,
 * EXT4: copyreg's registry is empty unless a program fills it), out of
 * band buffers (NEXT_BUFFER, READONLY_BUFFER: no buffers come with a
 * frame), and Python 2's str (STRING, BINSTRING, SHORT_BINSTRING).
 */
#include "codec/pickle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dec {
  mproc__pk_arena_t *a;
  const uint8_t *p;
  size_t len, off;
  size_t opoff; /* the current opcode's offset, for details */
  uint8_t op;
  int proto; /* PROTO's, 0 without one */
  mproc__pk_t **stack;
  size_t sn, scap;
  size_t *marks;
  size_t mn, mcap;
  mproc__pk_t **memo;
  size_t memon;    /* slots (NULL: unset) */
  size_t memoused; /* slots set: MEMOIZE's index, as len(memo) is CPython's */
} dec_t;

static int bad(dec_t *d, const char *why) {
  return mproc__err(MPROC_E_DECODE, "pickle: %s (opcode 0x%02x at offset %zu)",
                    why, d->op, d->opoff);
}

static int nomem(void) {
  return mproc__err(MPROC_E_NOMEM, "pickle: out of memory");
}

static const uint8_t *take(dec_t *d, size_t n) {
  if (d->len - d->off < n)
    return NULL;
  const uint8_t *q = d->p + d->off;
  d->off += n;
  return q;
}

/* A protocol 0 argument: the bytes up to the next newline (not included). */
static int line(dec_t *d, const uint8_t **s, size_t *n) {
  const uint8_t *q = d->p + d->off;
  const uint8_t *nl = memchr(q, '\n', d->len - d->off);
  if (!nl)
    return bad(d, "a line without its newline");
  *s = q;
  *n = (size_t)(nl - q);
  d->off += *n + 1;
  return 0;
}

static uint64_t le(const uint8_t *q, size_t n) {
  uint64_t v = 0;
  for (size_t i = n; i-- > 0;)
    v = v << 8 | q[i];
  return v;
}

static int push(dec_t *d, mproc__pk_t *x) {
  if (!x)
    return nomem();
  if (d->sn == d->scap) {
    size_t cap = d->scap ? d->scap * 2 : 32;
    mproc__pk_t **s = realloc(d->stack, cap * sizeof *s);
    if (!s)
      return nomem();
    d->stack = s;
    d->scap = cap;
  }
  d->stack[d->sn++] = x;
  return 0;
}

/* The items since the last mark: *first is their index on the stack, the
 * mark is popped (the items stay until the caller drops them). */
static int pop_mark(dec_t *d, size_t *first) {
  if (d->mn == 0)
    return bad(d, "no mark on the stack");
  *first = d->marks[--d->mn];
  return 0;
}

static int pop(dec_t *d, mproc__pk_t **x) {
  size_t floor = d->mn ? d->marks[d->mn - 1] : 0;
  if (d->sn <= floor)
    return bad(d, "stack underflow");
  *x = d->stack[--d->sn];
  return 0;
}

static int top(dec_t *d, mproc__pk_t **x) {
  size_t floor = d->mn ? d->marks[d->mn - 1] : 0;
  if (d->sn <= floor)
    return bad(d, "stack underflow");
  *x = d->stack[d->sn - 1];
  return 0;
}

static int memo_put(dec_t *d, uint64_t idx) {
  mproc__pk_t *x = NULL;
  int rc = top(d, &x);
  if (rc < 0)
    return rc;
  if (idx >= d->len)
    return bad(d, "a memo index beyond any the pickler could have made");
  if (idx >= d->memon) {
    size_t n = d->memon ? d->memon : 16;
    while (n <= idx)
      n *= 2;
    if (n > d->len)
      n = d->len;
    mproc__pk_t **m = realloc(d->memo, n * sizeof *m);
    if (!m)
      return nomem();
    memset(m + d->memon, 0, (n - d->memon) * sizeof *m);
    d->memo = m;
    d->memon = n;
  }
  if (!d->memo[idx])
    d->memoused++;
  d->memo[idx] = x;
  return 0;
}

static int memo_get(dec_t *d, uint64_t idx) {
  if (idx >= d->memon || !d->memo[idx])
    return bad(d, "a memo index that was never set");
  return push(d, d->memo[idx]);
}

/* A decimal index of PUT or GET. */
static int line_index(dec_t *d, uint64_t *idx) {
  const uint8_t *s = NULL;
  size_t n = 0;
  int rc = line(d, &s, &n);
  if (rc < 0)
    return rc;
  if (n == 0 || n > 18)
    return bad(d, "a malformed memo index");
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return bad(d, "a malformed memo index");
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  *idx = v;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Integers                                                                 */
/* ------------------------------------------------------------------------ */

/* The int in @p n little-endian two's complement bytes: an INT when it
 * fits 64 bits, else a BIGINT of its minimal bytes (pickle's encode_long
 * form, so that equal ints have equal bytes). */
static mproc__pk_t *int_from_le(dec_t *d, const uint8_t *q, size_t n) {
  if (n == 0)
    return mproc__pk_int(d->a, 0);
  bool neg = q[n - 1] & 0x80;
  uint8_t fill = neg ? 0xFF : 0x00;
  /* Minimal: drop a top byte that only repeats the sign of the next. */
  while (n > 1 && q[n - 1] == fill && ((q[n - 2] & 0x80) != 0) == neg)
    n--;
  if (n <= 8) {
    uint64_t v = le(q, n);
    if (neg && n < 8)
      v |= ~(uint64_t)0 << (8 * n);
    return mproc__pk_int(d->a, (int64_t)v);
  }
  return mproc__pk_bytes(d->a, MPROC__PK_BIGINT, q, n);
}

/* A decimal int of protocol 0 (INT, LONG): digits with an optional sign
 * and, for LONG, a trailing L. */
static int int_from_decimal(dec_t *d, const uint8_t *s, size_t n,
                            mproc__pk_t **out) {
  bool neg = false;
  if (n && s[n - 1] == 'L')
    n--;
  if (n && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s++;
    n--;
  }
  if (n == 0 || n > MPROC__PICKLE_DIGITS_MAX)
    return bad(d, n ? "an int of more digits than Python converts"
                    : "an int without digits");
  /* The magnitude, little-endian base 256: each digit multiplies it by
   * 10 and adds (quadratic, but bounded by the digit limit). One more
   * byte than the magnitude needs leaves room for the sign bit. */
  size_t cap = n / 2 + 2, m = 1;
  uint8_t *mag = calloc(cap, 1);
  if (!mag)
    return nomem();
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') {
      free(mag);
      return bad(d, "a malformed int");
    }
    unsigned carry = (unsigned)(s[i] - '0');
    for (size_t j = 0; j < m; j++) {
      unsigned t = mag[j] * 10u + carry;
      mag[j] = (uint8_t)t;
      carry = t >> 8;
    }
    if (carry)
      mag[m++] = (uint8_t)carry;
  }
  m++; /* a zero top byte: the sign bit is clear */
  if (neg) {
    unsigned carry = 1;
    for (size_t j = 0; j < m; j++) {
      unsigned t = (uint8_t)~mag[j] + carry;
      mag[j] = (uint8_t)t;
      carry = t >> 8;
    }
  }
  *out = int_from_le(d, mag, m);
  free(mag);
  return *out ? 0 : nomem();
}

/* ------------------------------------------------------------------------ */
/* Strings                                                                  */
/* ------------------------------------------------------------------------ */

/* Whether @p q is UTF-8 as Python's 'surrogatepass' writes it: surrogate
 * code points are allowed (a str may hold lone ones), overlong forms and
 * code points past U+10FFFF are not. */
static bool utf8_ok(const uint8_t *q, size_t n) {
  for (size_t i = 0; i < n;) {
    uint8_t c = q[i];
    size_t k;
    uint32_t cp, min;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      k = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      k = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      k = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (n - i <= k)
      return false;
    for (size_t j = 1; j <= k; j++) {
      if ((q[i + j] & 0xC0) != 0x80)
        return false;
      cp = cp << 6 | (q[i + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF)
      return false;
    i += k + 1;
  }
  return true;
}

static void put_utf8(uint8_t *o, size_t *k, uint32_t cp) {
  if (cp < 0x80) {
    o[(*k)++] = (uint8_t)cp;
  } else if (cp < 0x800) {
    o[(*k)++] = (uint8_t)(0xC0 | cp >> 6);
    o[(*k)++] = (uint8_t)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    o[(*k)++] = (uint8_t)(0xE0 | cp >> 12);
    o[(*k)++] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (uint8_t)(0x80 | (cp & 0x3F));
  } else {
    o[(*k)++] = (uint8_t)(0xF0 | cp >> 18);
    o[(*k)++] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    o[(*k)++] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (uint8_t)(0x80 | (cp & 0x3F));
  }
}

static int hexval(uint8_t c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* UNICODE's argument, Python's raw-unicode-escape: every byte is a Latin-1
 * character, but an odd run of backslashes before u (U) escapes 4 (8) hex
 * digits. */
static int raw_unicode_escape(dec_t *d, const uint8_t *s, size_t n,
                              mproc__pk_t **out) {
  uint8_t *o = malloc(n * 2 + 1); /* Latin-1 doubles at most; escapes shrink */
  if (!o)
    return nomem();
  size_t k = 0, bs = 0;
  for (size_t i = 0; i < n; i++) {
    uint8_t c = s[i];
    if (c == '\\') {
      bs++;
      o[k++] = c;
      continue;
    }
    if ((c == 'u' || c == 'U') && bs % 2 == 1) {
      size_t digits = c == 'u' ? 4 : 8;
      uint32_t cp = 0;
      if (n - i - 1 < digits) {
        free(o);
        return bad(d, "a truncated \\u escape");
      }
      for (size_t j = 1; j <= digits; j++) {
        int h = hexval(s[i + j]);
        if (h < 0) {
          free(o);
          return bad(d, "a malformed \\u escape");
        }
        cp = cp << 4 | (uint32_t)h;
      }
      if (cp > 0x10FFFF) {
        free(o);
        return bad(d, "a \\U escape past U+10FFFF");
      }
      k--; /* the escaping backslash */
      put_utf8(o, &k, cp);
      i += digits;
    } else {
      put_utf8(o, &k, c);
    }
    bs = 0;
  }
  *out = mproc__pk_str(d->a, (const char *)o, k);
  free(o);
  return *out ? 0 : nomem();
}

static int str_node(dec_t *d, const uint8_t *q, size_t n) {
  if (!utf8_ok(q, n))
    return bad(d, "a str that is not UTF-8");
  return push(d, mproc__pk_str(d->a, (const char *)q, n));
}

/* ------------------------------------------------------------------------ */
/* Globals and the calls made with them                                     */
/* ------------------------------------------------------------------------ */

/* A global by module and name, with Python 2's names mapped as Python 3's
 * unpickler maps them below protocol 3 (fix_imports, pickle_compat.c). */
static mproc__pk_t *global(dec_t *d, const char *module, const char *name) {
  if (d->proto < 3)
    mproc__pickle_compat_name(&module, &name);
  return mproc__pk_global(d->a, module, name);
}

static int global_from(dec_t *d, const uint8_t *m, size_t mn, const uint8_t *n,
                       size_t nn) {
  char *ms = malloc(mn + 1), *ns = malloc(nn + 1);
  int rc;
  if (!ms || !ns) {
    rc = nomem();
  } else if (memchr(m, 0, mn) || memchr(n, 0, nn) || !utf8_ok(m, mn) ||
             !utf8_ok(n, nn) || mn == 0 || nn == 0) {
    rc = bad(d, "a malformed global name");
  } else {
    memcpy(ms, m, mn);
    ms[mn] = 0;
    memcpy(ns, n, nn);
    ns[nn] = 0;
    rc = push(d, global(d, ms, ns));
  }
  free(ms);
  free(ns);
  return rc;
}

/* The items of a set's or frozenset's argument (a list, as every pickler
 * writes it; any sequence node is read). */
static bool seq_items(const mproc__pk_t *x) {
  return x->kind == MPROC__PK_LIST || x->kind == MPROC__PK_TUPLE ||
         x->kind == MPROC__PK_SET || x->kind == MPROC__PK_FROZENSET;
}

/* callable(*args) for the few globals the codec knows, as the node the call
 * would build: *out NULL when the callable is not one of them. */
static int known_call(dec_t *d, mproc__pk_t *f, mproc__pk_t *args,
                      mproc__pk_t **out) {
  *out = NULL;
  if (args->kind != MPROC__PK_TUPLE)
    return 0;
  size_t n = args->nitems;
  mproc__pk_t **a = args->items;
  bool set = mproc__pk_is_global(f, "builtins", "set");
  if (set || mproc__pk_is_global(f, "builtins", "frozenset")) {
    /* Protocols 0-3: set([items]), frozenset([items]) */
    if (n > 1 || (n == 1 && !seq_items(a[0])))
      return bad(d, "a set of something that is not a sequence");
    mproc__pk_t *x =
        mproc__pk_new(d->a, set ? MPROC__PK_SET : MPROC__PK_FROZENSET);
    if (!x)
      return nomem();
    for (size_t i = 0; n && i < a[0]->nitems; i++)
      if (mproc__pk_push(x, a[0]->items[i]) < 0)
        return nomem();
    *out = x;
  } else if (mproc__pk_is_global(f, "_codecs", "encode")) {
    /* Protocols 0-2: bytes as _codecs.encode(str, 'latin1'), each
     * character one byte. */
    if (n != 2 || a[0]->kind != MPROC__PK_STR || a[1]->kind != MPROC__PK_STR ||
        strcmp((const char *)a[1]->p, "latin1") != 0)
      return 0; /* another encoding: Python's own call, kept as made */
    const uint8_t *s = a[0]->p;
    uint8_t *b = malloc(a[0]->n + 1);
    size_t k = 0;
    if (!b)
      return nomem();
    for (size_t i = 0; i < a[0]->n; k++) {
      if (s[i] < 0x80) {
        b[k] = s[i++];
      } else if ((s[i] & 0xE0) == 0xC0 && s[i] <= 0xC3) {
        b[k] = (uint8_t)((s[i] & 0x03) << 6 | (s[i + 1] & 0x3F));
        i += 2;
      } else {
        free(b);
        return bad(d, "latin1 bytes with a character past U+00FF");
      }
    }
    *out = mproc__pk_bytes(d->a, MPROC__PK_BYTES, b, k);
    free(b);
    if (!*out)
      return nomem();
  } else if (mproc__pk_is_global(f, "builtins", "bytes") && n == 0) {
    /* Protocols 0-2: b'' as bytes() */
    if (!(*out = mproc__pk_bytes(d->a, MPROC__PK_BYTES, "", 0)))
      return nomem();
  } else if (mproc__pk_is_global(f, "builtins", "bytearray") &&
             (n == 0 || (n == 1 && a[0]->kind == MPROC__PK_BYTES))) {
    /* Protocols 0-4: bytearray(bytes) */
    *out = n ? mproc__pk_bytes(d->a, MPROC__PK_BYTEARRAY, a[0]->p, a[0]->n)
             : mproc__pk_bytes(d->a, MPROC__PK_BYTEARRAY, "", 0);
    if (!*out)
      return nomem();
  }
  return 0;
}

/* REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ: the node the call would build. */
static int call(dec_t *d, int how, mproc__pk_t *f, mproc__pk_t *args,
                mproc__pk_t *kwargs) {
  if (args->kind != MPROC__PK_TUPLE)
    return bad(d, "a call whose arguments are not a tuple");
  if (kwargs && kwargs->kind != MPROC__PK_DICT)
    return bad(d, "a call whose keyword arguments are not a dict");
  if (f->kind != MPROC__PK_GLOBAL && f->kind != MPROC__PK_OBJ)
    return bad(d, "a call of something that is not callable");
  mproc__pk_t *x = NULL;
  if (how == MPROC__PK_REDUCE) {
    int rc = known_call(d, f, args, &x);
    if (rc < 0)
      return rc;
  }
  if (!x) {
    if (!(x = mproc__pk_new(d->a, MPROC__PK_OBJ)))
      return nomem();
    x->how = how;
    x->callable = f;
    x->args = args;
    x->kwargs = kwargs;
  }
  return push(d, x);
}

/* A tuple of the stack's items from @p first up, which it replaces. */
static int make_tuple(dec_t *d, size_t first) {
  mproc__pk_t *t = mproc__pk_new(d->a, MPROC__PK_TUPLE);
  if (!t)
    return nomem();
  for (size_t i = first; i < d->sn; i++)
    if (mproc__pk_push(t, d->stack[i]) < 0)
      return nomem();
  d->sn = first;
  return push(d, t);
}

/* APPEND(S), SETITEM(S), ADDITEMS: the stack's items from @p first up go
 * into the node below them. */
static int add_items(dec_t *d, size_t first, int what) {
  size_t floor = d->mn ? d->marks[d->mn - 1] : 0;
  if (first == 0 || first - 1 < floor)
    return bad(d, "no container below the items");
  mproc__pk_t *c = d->stack[first - 1];
  size_t n = d->sn - first;
  mproc__pk_t **it = d->stack + first;
  int rc = 0;
  if (what == 'a') {
    if (c->kind != MPROC__PK_LIST && c->kind != MPROC__PK_OBJ)
      return bad(d, "items appended to something that is not a list");
    for (size_t i = 0; i < n && rc == 0; i++)
      rc = mproc__pk_push(c, it[i]);
  } else if (what == 's') {
    if (c->kind != MPROC__PK_DICT && c->kind != MPROC__PK_OBJ)
      return bad(d, "items set in something that is not a dict");
    if (n % 2)
      return bad(d, "a key without its value");
    for (size_t i = 0; i < n && rc == 0; i += 2)
      rc = mproc__pk_push_kv(c, it[i], it[i + 1]);
  } else {
    if (c->kind != MPROC__PK_SET)
      return bad(d, "items added to something that is not a set");
    for (size_t i = 0; i < n && rc == 0; i++)
      rc = mproc__pk_push(c, it[i]);
  }
  d->sn = first;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The loop                                                                 */
/* ------------------------------------------------------------------------ */

static int step(dec_t *d, bool *stop) {
  const uint8_t *q = NULL, *q2 = NULL;
  size_t n = 0, n2 = 0, first = 0;
  mproc__pk_t *x = NULL, *y = NULL, *z = NULL;
  uint64_t u = 0;
  int rc;
  d->opoff = d->off;
  if (!(q = take(d, 1)))
    return mproc__err(MPROC_E_DECODE, "pickle: the data ends before STOP");
  d->op = q[0];
  switch (d->op) {
  case 0x80: /* PROTO */
    if (!(q = take(d, 1)))
      return bad(d, "truncated");
    if (q[0] > 5)
      return bad(d, "a protocol newer than 5");
    d->proto = q[0];
    return 0;
  case 0x95: /* FRAME: a hint for buffering; the bytes follow as usual */
    return take(d, 8) ? 0 : bad(d, "truncated");
  case '.': /* STOP */
    if (d->mn != 0 || d->sn != 1)
      return bad(d, "STOP with other than one object on the stack");
    *stop = true;
    return 0;
  case '(': /* MARK */
    if (d->mn == d->mcap) {
      size_t cap = d->mcap ? d->mcap * 2 : 16;
      size_t *m = realloc(d->marks, cap * sizeof *m);
      if (!m)
        return nomem();
      d->marks = m;
      d->mcap = cap;
    }
    d->marks[d->mn++] = d->sn;
    return 0;
  case '0': /* POP */
    if (d->mn && d->marks[d->mn - 1] == d->sn) {
      d->mn--; /* CPython's POP of a mark */
      return 0;
    }
    return pop(d, &x);
  case '1': /* POP_MARK */
    if ((rc = pop_mark(d, &first)) < 0)
      return rc;
    d->sn = first;
    return 0;
  case '2': /* DUP */
    if ((rc = top(d, &x)) < 0)
      return rc;
    return push(d, x);
  case 'N':
    return push(d, mproc__pk_new(d->a, MPROC__PK_NONE));
  case 0x88: /* NEWTRUE */
  case 0x89: /* NEWFALSE */
    if (!(x = mproc__pk_new(d->a, MPROC__PK_BOOL)))
      return nomem();
    x->b = d->op == 0x88;
    return push(d, x);
  case 'I': /* INT: decimal; 01 and 00 are True and False */
  case 'L': /* LONG: decimal, then L */
    if ((rc = line(d, &q, &n)) < 0)
      return rc;
    if (d->op == 'I' && n == 2 && q[0] == '0' && (q[1] == '0' || q[1] == '1')) {
      if (!(x = mproc__pk_new(d->a, MPROC__PK_BOOL)))
        return nomem();
      x->b = q[1] == '1';
      return push(d, x);
    }
    if ((rc = int_from_decimal(d, q, n, &x)) < 0)
      return rc;
    return push(d, x);
  case 'J': /* BININT */
    if (!(q = take(d, 4)))
      return bad(d, "truncated");
    return push(d, mproc__pk_int(d->a, (int32_t)(uint32_t)le(q, 4)));
  case 'K': /* BININT1 */
    if (!(q = take(d, 1)))
      return bad(d, "truncated");
    return push(d, mproc__pk_int(d->a, q[0]));
  case 'M': /* BININT2 */
    if (!(q = take(d, 2)))
      return bad(d, "truncated");
    return push(d, mproc__pk_int(d->a, (int64_t)le(q, 2)));
  case 0x8a: /* LONG1 */
  case 0x8b: /* LONG4 */
    if (!(q = take(d, d->op == 0x8a ? 1 : 4)))
      return bad(d, "truncated");
    n = (size_t)le(q, d->op == 0x8a ? 1 : 4);
    if (d->op == 0x8b && (int32_t)n < 0)
      return bad(d, "a negative length");
    if (!(q = take(d, n)))
      return bad(d, "truncated");
    return push(d, int_from_le(d, q, n));
  case 'G': /* BINFLOAT: big-endian IEEE 754 */
    if (!(q = take(d, 8)))
      return bad(d, "truncated");
    u = 0;
    for (int i = 0; i < 8; i++)
      u = u << 8 | q[i];
    if (!(x = mproc__pk_new(d->a, MPROC__PK_FLOAT)))
      return nomem();
    memcpy(&x->d, &u, sizeof x->d);
    return push(d, x);
  case 'F': { /* FLOAT: repr() text */
    char text[64], *end;
    if ((rc = line(d, &q, &n)) < 0)
      return rc;
    if (n == 0 || n >= sizeof text)
      return bad(d, "a malformed float");
    for (size_t i = 0; i < n; i++)
      if (!strchr("0123456789+-.eEinfatyINFATY", q[i]))
        return bad(d, "a malformed float");
    memcpy(text, q, n);
    text[n] = 0;
    if (!(x = mproc__pk_new(d->a, MPROC__PK_FLOAT)))
      return nomem();
    x->d = strtod(text, &end);
    if (*end)
      return bad(d, "a malformed float");
    return push(d, x);
  }
  case 'V': /* UNICODE */
    if ((rc = line(d, &q, &n)) < 0 || (rc = raw_unicode_escape(d, q, n, &x)))
      return rc;
    return push(d, x);
  case 0x8c: /* SHORT_BINUNICODE */
  case 'X':  /* BINUNICODE */
  case 0x8d: /* BINUNICODE8 */
  case 'C':  /* SHORT_BINBYTES */
  case 'B':  /* BINBYTES */
  case 0x8e: /* BINBYTES8 */
  case 0x96: /* BYTEARRAY8 */
    n2 = d->op == 0x8c || d->op == 'C'  ? 1
         : d->op == 'X' || d->op == 'B' ? 4
                                        : 8;
    if (!(q = take(d, n2)))
      return bad(d, "truncated");
    u = le(q, n2);
    if (u > d->len - d->off || !(q = take(d, (size_t)u)))
      return bad(d, "truncated");
    n = (size_t)u;
    if (d->op == 0x8c || d->op == 'X' || d->op == 0x8d)
      return str_node(d, q, n);
    return push(d, mproc__pk_bytes(d->a,
                                   d->op == 0x96 ? MPROC__PK_BYTEARRAY
                                                 : MPROC__PK_BYTES,
                                   q, n));
  case ')': /* EMPTY_TUPLE */
    return push(d, mproc__pk_new(d->a, MPROC__PK_TUPLE));
  case 't': /* TUPLE */
    if ((rc = pop_mark(d, &first)) < 0)
      return rc;
    return make_tuple(d, first);
  case 0x85: /* TUPLE1 */
  case 0x86: /* TUPLE2 */
  case 0x87: /* TUPLE3 */
    n = (size_t)(d->op - 0x84);
    first = d->mn ? d->marks[d->mn - 1] : 0;
    if (d->sn - first < n)
      return bad(d, "stack underflow");
    return make_tuple(d, d->sn - n);
  case ']': /* EMPTY_LIST */
    return push(d, mproc__pk_new(d->a, MPROC__PK_LIST));
  case '}': /* EMPTY_DICT */
    return push(d, mproc__pk_new(d->a, MPROC__PK_DICT));
  case 0x8f: /* EMPTY_SET */
    return push(d, mproc__pk_new(d->a, MPROC__PK_SET));
  case 'l':  /* LIST */
  case 'd':  /* DICT */
  case 0x91: /* FROZENSET */
    if ((rc = pop_mark(d, &first)) < 0)
      return rc;
    x = mproc__pk_new(d->a, d->op == 'l'   ? MPROC__PK_LIST
                            : d->op == 'd' ? MPROC__PK_DICT
                                           : MPROC__PK_FROZENSET);
    if (!x)
      return nomem();
    if (d->op == 'd' && (d->sn - first) % 2)
      return bad(d, "a key without its value");
    for (size_t i = first; i < d->sn; i++)
      if (mproc__pk_push(x, d->stack[i]) < 0)
        return nomem();
    d->sn = first;
    return push(d, x);
  case 'a': /* APPEND */
  case 's': /* SETITEM */
    n = d->op == 'a' ? 1 : 2;
    first = d->mn ? d->marks[d->mn - 1] : 0;
    if (d->sn - first < n)
      return bad(d, "stack underflow");
    return add_items(d, d->sn - n, d->op);
  case 'e':  /* APPENDS */
  case 'u':  /* SETITEMS */
  case 0x90: /* ADDITEMS */
    if ((rc = pop_mark(d, &first)) < 0)
      return rc;
    return add_items(d, first, d->op == 'e' ? 'a' : d->op == 'u' ? 's' : 'A');
  case 'p': /* PUT */
    if ((rc = line_index(d, &u)) < 0)
      return rc;
    return memo_put(d, u);
  case 'q': /* BINPUT */
  case 'r': /* LONG_BINPUT */
    if (!(q = take(d, d->op == 'q' ? 1 : 4)))
      return bad(d, "truncated");
    return memo_put(d, le(q, d->op == 'q' ? 1 : 4));
  case 0x94: /* MEMOIZE */
    return memo_put(d, d->memoused);
  case 'g': /* GET */
    if ((rc = line_index(d, &u)) < 0)
      return rc;
    return memo_get(d, u);
  case 'h': /* BINGET */
  case 'j': /* LONG_BINGET */
    if (!(q = take(d, d->op == 'h' ? 1 : 4)))
      return bad(d, "truncated");
    return memo_get(d, le(q, d->op == 'h' ? 1 : 4));
  case 'c': /* GLOBAL */
  case 'i': /* INST */
    if ((rc = line(d, &q, &n)) < 0 || (rc = line(d, &q2, &n2)) < 0 ||
        (rc = global_from(d, q, n, q2, n2)) < 0)
      return rc;
    if (d->op == 'c')
      return 0;
    /* INST: the class, called with the items since the mark */
    x = d->stack[--d->sn];
    if ((rc = pop_mark(d, &first)) < 0 || (rc = make_tuple(d, first)) < 0)
      return rc;
    y = d->stack[--d->sn];
    return call(d, MPROC__PK_REDUCE, x, y, NULL);
  case 0x93: /* STACK_GLOBAL */
    if ((rc = pop(d, &y)) < 0 || (rc = pop(d, &x)) < 0)
      return rc;
    if (x->kind != MPROC__PK_STR || y->kind != MPROC__PK_STR)
      return bad(d, "STACK_GLOBAL of something that is not a str");
    return global_from(d, x->p, x->n, y->p, y->n);
  case 'o': /* OBJ: mark, class, args... */
    if ((rc = pop_mark(d, &first)) < 0)
      return rc;
    if (d->sn == first)
      return bad(d, "OBJ without a class");
    x = d->stack[first];
    if ((rc = make_tuple(d, first + 1)) < 0)
      return rc;
    y = d->stack[--d->sn];
    d->sn = first;
    return call(d, MPROC__PK_REDUCE, x, y, NULL);
  case 'R':  /* REDUCE */
  case 0x81: /* NEWOBJ */
    if ((rc = pop(d, &y)) < 0 || (rc = pop(d, &x)) < 0)
      return rc;
    return call(d, d->op == 'R' ? MPROC__PK_REDUCE : MPROC__PK_NEWOBJ, x, y,
                NULL);
  case 0x92: /* NEWOBJ_EX */
    if ((rc = pop(d, &z)) < 0 || (rc = pop(d, &y)) < 0 || (rc = pop(d, &x)) < 0)
      return rc;
    return call(d, MPROC__PK_NEWOBJ_EX, x, y, z);
  case 'b': /* BUILD */
    if ((rc = pop(d, &y)) < 0 || (rc = top(d, &x)) < 0)
      return rc;
    if (x->kind != MPROC__PK_OBJ)
      return bad(d, "BUILD of something that is not an object");
    if (x->state)
      return bad(d, "BUILD of an object that has its state");
    x->state = y;
    return 0;
  case 'P': /* PERSID */
  case 'Q': /* BINPERSID */
    return bad(d, "persistent ids are not supported");
  case 0x82: /* EXT1 */
  case 0x83: /* EXT2 */
  case 0x84: /* EXT4 */
    return bad(d, "extension codes are not supported");
  case 0x97: /* NEXT_BUFFER */
  case 0x98: /* READONLY_BUFFER */
    return bad(d, "out-of-band buffers are not supported");
  case 'S': /* STRING */
  case 'T': /* BINSTRING */
  case 'U': /* SHORT_BINSTRING */
    return bad(d, "Python 2 str is not supported");
  default:
    return bad(d, "an unknown opcode");
  }
}

int mproc__pickle_decode(mproc__pk_arena_t *a, const uint8_t *buf, size_t len,
                         mproc__pk_t **out) {
  dec_t d;
  memset(&d, 0, sizeof d);
  d.a = a;
  d.p = buf;
  d.len = len;
  bool stop = false;
  int rc = 0;
  if (!buf && len)
    rc = mproc__err(MPROC_E_INVAL, "pickle: NULL data");
  while (rc == 0 && !stop)
    rc = step(&d, &stop);
  if (rc == 0 && d.off != len)
    rc = mproc__err(MPROC_E_DECODE,
                    "pickle: %zu bytes after STOP (a frame holds one pickle)",
                    len - d.off);
  if (rc == 0)
    *out = d.stack[0];
  free(d.stack);
  free(d.marks);
  free(d.memo);
  return rc;
}
