/* SPDX-License-Identifier: MIT */
/*
 * mproc_args_parse(): a child's or a task's arguments checked and unpacked
 * by a short format, in the spirit of CPython's PyArg_ParseTuple, with its
 * messages ("worker() argument 2 must be str, not int").
 *
 * The format is read twice: once to find the function's name (":name" at
 * the end) and the counts for "takes at least" messages, then to unpack.
 * Unpacking stops at the first error, so outputs before it are written
 * and outputs after it are not.
 */
#include "value/value.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct parser {
  const char *f;     /* the format, where we are */
  const char *fname; /* after ':' (not NUL-terminated: fname_len) */
  int fname_len;
  va_list *ap;
} parser_t;

/* Objects by CPython's name; a name accepts its subtypes, as isinstance. */
static const struct {
  const char *want, *types[3];
} object_names[] = {
    {"Lock", {"Lock"}},
    {"RLock", {"RLock"}},
    {"Semaphore", {"Semaphore", "BoundedSemaphore"}},
    {"BoundedSemaphore", {"BoundedSemaphore"}},
    {"Event", {"Event"}},
    {"Condition", {"Condition"}},
    {"Barrier", {"Barrier"}},
    {"Queue", {"Queue", "SimpleQueue", "JoinableQueue"}},
    {"SimpleQueue", {"SimpleQueue"}},
    {"JoinableQueue", {"JoinableQueue"}},
    {"Connection", {"Connection"}},
    {"Value", {"Synchronized"}},
    {"Array", {"SynchronizedArray"}},
    {"SharedMemory", {"SharedMemory"}},
    {"Proxy", {"Proxy"}},
};

/* The argument's place for messages: "argument 2", "argument 2 (count)",
 * "argument 2 item 1". */
typedef struct place {
  size_t arg;          /* 1-based */
  const char *name;    /* from "[name]", or NULL */
  int name_len;
  const size_t *items; /* nested positions */
  size_t depth;
} place_t;

static int fail(parser_t *p, const place_t *at, const char *expected,
                const mproc_value_t *got) {
  char where[160];
  int k = snprintf(where, sizeof where, "argument %zu", at->arg);
  if (at->name && k > 0 && (size_t)k < sizeof where)
    k += snprintf(where + k, sizeof where - (size_t)k, " (%.*s)", at->name_len,
                  at->name);
  for (size_t d = 0; d < at->depth && k > 0 && (size_t)k < sizeof where; d++)
    k += snprintf(where + k, sizeof where - (size_t)k, " item %zu",
                  at->items[d] + 1);
  return mproc__err(MPROC_E_TYPE, "%.*s() %s must be %s, not %s",
                    p->fname_len, p->fname, where, expected,
                    mproc_value_type_name(got));
}

static int bad_format(parser_t *p, const char *why) {
  return mproc__err(MPROC_E_INVAL, "mproc_args_parse: bad format at \"%s\": %s",
                    p->f, why);
}

/* An optional "[name]" after a code. */
static void read_name(parser_t *p, place_t *at) {
  if (*p->f != '[')
    return;
  const char *end = strchr(p->f, ']');
  if (!end)
    return;
  at->name = p->f + 1;
  at->name_len = (int)(end - p->f - 1);
  p->f = end + 1;
}

static int one(parser_t *p, const mproc_value_t *v, place_t *at);

/* "(...)": a tuple or list of exactly these items. */
static int group(parser_t *p, const mproc_value_t *v, place_t *at) {
  const char *open = p->f;
  if (v->type != MPROC_VALUE_TUPLE && v->type != MPROC_VALUE_LIST) {
    /* skip the group's codes: its outputs are not written */
    int level = 1;
    for (p->f++; *p->f && level; p->f++)
      level += *p->f == '(' ? 1 : *p->f == ')' ? -1 : 0;
    if (level)
      return bad_format(p, "unclosed (");
    return fail(p, at, "a tuple", v);
  }
  size_t want = 0;
  for (const char *q = open + 1; *q && *q != ')';) { /* count codes */
    if (*q == '(') {
      int level = 1;
      for (q++; *q && level; q++)
        level += *q == '(' ? 1 : *q == ')' ? -1 : 0;
    } else if (*q == '{') {
      q = strchr(q, '}');
      if (!q)
        break;
      q++;
    } else if (*q == '[') {
      q = strchr(q, ']');
      if (!q)
        break;
      q++;
      continue;
    } else
      q++;
    want++;
  }
  size_t items[MPROC_VALUE_MAX_DEPTH + 1];
  if (at->depth > MPROC_VALUE_MAX_DEPTH)
    return bad_format(p, "nested too deep");
  if (at->depth) /* at the top level at->items is NULL */
    memcpy(items, at->items, at->depth * sizeof *items);
  place_t inner = *at;
  inner.items = items;
  inner.depth = at->depth + 1;
  if (v->u.seq.n != want)
    return mproc__err(MPROC_E_TYPE,
                      "%.*s() argument %zu must be a sequence of length %zu, "
                      "not %zu",
                      p->fname_len, p->fname, at->arg, want, v->u.seq.n);
  p->f++;
  for (size_t i = 0; i < want; i++) {
    items[at->depth] = i;
    inner.name = NULL;
    int rc = one(p, &v->u.seq.items[i], &inner);
    if (rc < 0)
      return rc;
  }
  if (*p->f != ')')
    return bad_format(p, "expected )");
  p->f++;
  return 0;
}

static int object(parser_t *p, const mproc_value_t *v, place_t *at) {
  const char *end = strchr(p->f, '}');
  if (!end)
    return bad_format(p, "unclosed {");
  size_t len = (size_t)(end - p->f - 1);
  const char *name = p->f + 1;
  void **out = va_arg(*p->ap, void **);
  p->f = end + 1;
  read_name(p, at);
  for (size_t i = 0; i < sizeof object_names / sizeof object_names[0]; i++) {
    if (strlen(object_names[i].want) != len ||
        memcmp(object_names[i].want, name, len) != 0)
      continue;
    const char *got =
        v->type == MPROC_VALUE_OBJECT ? mproc_object_type_name(v->u.obj) : NULL;
    for (size_t t = 0; got && t < 3 && object_names[i].types[t]; t++)
      if (strcmp(got, object_names[i].types[t]) == 0) {
        *out = v->u.obj;
        return 0;
      }
    char expected[48];
    snprintf(expected, sizeof expected, "%s", object_names[i].want);
    return fail(p, at, expected, v);
  }
  return mproc__err(MPROC_E_INVAL, "mproc_args_parse: unknown object type {%.*s}",
                    (int)len, name);
}

static int one(parser_t *p, const mproc_value_t *v, place_t *at) {
  char c = *p->f;
  if (c == '(')
    return group(p, v, at);
  if (c == '{')
    return object(p, v, at);
  p->f++;
  const char *expected = NULL;
  bool ok = false;
  switch (c) {
  case 'i': {
    int64_t *out = va_arg(*p->ap, int64_t *);
    expected = "int";
    if ((ok = v->type == MPROC_VALUE_INT || v->type == MPROC_VALUE_BOOL))
      *out = v->type == MPROC_VALUE_INT ? v->u.i : (v->u.b ? 1 : 0);
    break;
  }
  case 'd': {
    double *out = va_arg(*p->ap, double *);
    expected = "a real number";
    ok = true;
    if (v->type == MPROC_VALUE_DOUBLE)
      *out = v->u.d;
    else if (v->type == MPROC_VALUE_INT)
      *out = (double)v->u.i;
    else if (v->type == MPROC_VALUE_BOOL)
      *out = v->u.b ? 1.0 : 0.0;
    else
      ok = false;
    break;
  }
  case '?': {
    bool *out = va_arg(*p->ap, bool *);
    expected = "bool";
    if ((ok = v->type == MPROC_VALUE_BOOL))
      *out = v->u.b;
    break;
  }
  case 's':
  case 'z': {
    const char **out = va_arg(*p->ap, const char **);
    expected = c == 's' ? "str" : "str or None";
    if ((ok = v->type == MPROC_VALUE_STR))
      *out = v->u.s;
    else if ((ok = c == 'z' && v->type == MPROC_VALUE_NONE))
      *out = NULL;
    break;
  }
  case 'y': {
    const void **ptr = va_arg(*p->ap, const void **);
    size_t *len = va_arg(*p->ap, size_t *);
    expected = "bytes";
    if ((ok = v->type == MPROC_VALUE_BYTES)) {
      *ptr = v->u.bytes.ptr;
      *len = v->u.bytes.len;
    }
    break;
  }
  case 'O': {
    const mproc_value_t **out = va_arg(*p->ap, const mproc_value_t **);
    ok = true;
    *out = v;
    break;
  }
  case 'T':
  case 'L':
  case 'D': {
    const mproc_value_t **out = va_arg(*p->ap, const mproc_value_t **);
    mproc_value_type_t t = c == 'T'   ? MPROC_VALUE_TUPLE
                           : c == 'L' ? MPROC_VALUE_LIST
                                      : MPROC_VALUE_DICT;
    expected = c == 'T' ? "tuple" : c == 'L' ? "list" : "dict";
    if ((ok = v->type == t))
      *out = v;
    break;
  }
  default:
    p->f--;
    return bad_format(p, "unknown code");
  }
  read_name(p, at);
  return ok ? 0 : fail(p, at, expected, v);
}

/* Counts the top-level codes: before '|' (required) and in all. */
static int count(const char *f, size_t *required, size_t *total, bool *rest) {
  *required = *total = 0;
  *rest = false;
  bool optional = false;
  while (*f && *f != ':') {
    if (*f == '|') {
      optional = true;
      f++;
      continue;
    }
    if (*f == '*') {
      *rest = true;
      f++;
      if (*f && *f != ':')
        return -1;
      break;
    }
    if (*f == '(') {
      int level = 1;
      for (f++; *f && level; f++)
        level += *f == '(' ? 1 : *f == ')' ? -1 : 0;
      if (level)
        return -1;
    } else if (*f == '{') {
      f = strchr(f, '}');
      if (!f)
        return -1;
      f++;
    } else
      f++;
    if (*f == '[') {
      f = strchr(f, ']');
      if (!f)
        return -1;
      f++;
    }
    (*total)++;
    if (!optional)
      (*required)++;
  }
  return 0;
}

int mproc_args_parse(const mproc_value_t *args, size_t nargs,
                     const char *format, ...) {
  if (!format)
    return mproc__err(MPROC_E_INVAL, "%s: NULL format", __func__);
  if (nargs && !args)
    return mproc__err(MPROC_E_INVAL, "%s: NULL arguments with a count of %zu",
                      __func__, nargs);
  size_t required, total;
  bool rest;
  if (count(format, &required, &total, &rest) < 0)
    return mproc__err(MPROC_E_INVAL, "%s: bad format \"%s\"", __func__,
                      format);
  const char *colon = strchr(format, ':');
  parser_t p;
  p.f = format;
  p.fname = colon ? colon + 1 : "function";
  p.fname_len = (int)strlen(p.fname);
  if (nargs < required || (!rest && nargs > total)) {
    const char *how = required == total && !rest ? "exactly"
                      : nargs < required         ? "at least"
                                                 : "at most";
    size_t n = nargs < required ? required : total;
    return mproc__err(MPROC_E_VALUE, "%.*s() takes %s %zu argument%s (%zu given)",
                      p.fname_len, p.fname, how, n, n == 1 ? "" : "s", nargs);
  }
  va_list ap;
  va_start(ap, format);
  p.ap = &ap;
  int rc = 0;
  size_t i = 0;
  while (rc == 0 && *p.f && *p.f != ':') {
    if (*p.f == '|') {
      p.f++;
      continue;
    }
    if (*p.f == '*') {
      const mproc_value_t **out = va_arg(ap, const mproc_value_t **);
      size_t *nout = va_arg(ap, size_t *);
      *out = i < nargs ? args + i : NULL;
      *nout = i < nargs ? nargs - i : 0;
      break;
    }
    if (i == nargs)
      break; /* the optional ones that were not given */
    place_t at = {i + 1, NULL, 0, NULL, 0};
    rc = one(&p, &args[i], &at);
    i++;
  }
  va_end(ap);
  return rc;
}
