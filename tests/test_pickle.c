/* SPDX-License-Identifier: MIT */
/*
 * The pickle codec (src/codec/pickle*.c) against CPython's own pickles:
 * every vector of tests/vectors/pickle_vectors.h (pickle.dumps() of
 * protocols 0-5, written by tests/vectors/gen_pickle.py) decodes to what
 * Python pickled, re-encodes to a pickle that decodes to the same again,
 * and every truncation of it is refused cleanly. Single-process.
 */
#include "harness.h"

#include "codec/pickle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors/pickle_vectors.h"

#define NVECTORS (sizeof pickle_vectors / sizeof pickle_vectors[0])

/* The text gen_pickle.py writes for a node (its docstring says how). */
typedef struct sbuf {
  char *p;
  size_t len, cap;
} sbuf_t;

static void sb_put(sbuf_t *s, const char *t, size_t n) {
  if (s->len + n + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 256;
    while (s->len + n + 1 > cap)
      cap *= 2;
    char *p = realloc(s->p, cap);
    assert_non_null(p);
    s->p = p;
    s->cap = cap;
  }
  memcpy(s->p + s->len, t, n);
  s->len += n;
  s->p[s->len] = 0;
}

static void sb_str(sbuf_t *s, const char *t) {
  sb_put(s, t, strlen(t));
}

static void sb_hex(sbuf_t *s, const uint8_t *p, size_t n) {
  char h[3];
  for (size_t i = 0; i < n; i++) {
    snprintf(h, sizeof h, "%02x", p[i]);
    sb_put(s, h, 2);
  }
}

static void dump(sbuf_t *s, const mproc__pk_t *x, int depth);

static void dump_list(sbuf_t *s, mproc__pk_t *const *it, size_t n, int depth) {
  for (size_t i = 0; i < n; i++) {
    if (i)
      sb_str(s, ",");
    dump(s, it[i], depth + 1);
  }
}

static void dump(sbuf_t *s, const mproc__pk_t *x, int depth) {
  char t[64];
  assert_true(depth < 100); /* no cycles in the vectors */
  switch (x->kind) {
  case MPROC__PK_NONE:
    sb_str(s, "N");
    break;
  case MPROC__PK_BOOL:
    sb_str(s, x->b ? "T" : "F");
    break;
  case MPROC__PK_INT:
    snprintf(t, sizeof t, "i%lld", (long long)x->i);
    sb_str(s, t);
    break;
  case MPROC__PK_BIGINT:
    sb_str(s, "I");
    sb_hex(s, x->p, x->n);
    break;
  case MPROC__PK_FLOAT: {
    uint64_t u;
    memcpy(&u, &x->d, sizeof u);
    snprintf(t, sizeof t, "f%016llx", (unsigned long long)u);
    sb_str(s, t);
    break;
  }
  case MPROC__PK_STR:
  case MPROC__PK_BYTES:
  case MPROC__PK_BYTEARRAY:
    sb_str(s, x->kind == MPROC__PK_STR     ? "s"
              : x->kind == MPROC__PK_BYTES ? "b"
                                           : "y");
    sb_hex(s, x->p, x->n);
    break;
  case MPROC__PK_TUPLE:
  case MPROC__PK_LIST:
    sb_str(s, x->kind == MPROC__PK_TUPLE ? "(" : "[");
    dump_list(s, x->items, x->nitems, depth);
    sb_str(s, x->kind == MPROC__PK_TUPLE ? ")" : "]");
    break;
  case MPROC__PK_DICT:
    sb_str(s, "{");
    for (size_t i = 0; i < x->nitems; i += 2) {
      if (i)
        sb_str(s, ",");
      dump(s, x->items[i], depth + 1);
      sb_str(s, ":");
      dump(s, x->items[i + 1], depth + 1);
    }
    sb_str(s, "}");
    break;
  case MPROC__PK_SET:
  case MPROC__PK_FROZENSET:
    sb_str(s, x->kind == MPROC__PK_SET ? "S{" : "Z{");
    dump_list(s, x->items, x->nitems, depth);
    sb_str(s, "}");
    break;
  case MPROC__PK_GLOBAL:
    sb_str(s, "g");
    sb_str(s, x->module);
    sb_str(s, ".");
    sb_str(s, x->name);
    break;
  case MPROC__PK_OBJ:
    snprintf(t, sizeof t, "O%d(", x->how);
    sb_str(s, t);
    dump(s, x->callable, depth + 1);
    sb_str(s, ";");
    dump(s, x->args, depth + 1);
    sb_str(s, ";");
    if (x->kwargs)
      dump(s, x->kwargs, depth + 1);
    else
      sb_str(s, "-");
    sb_str(s, ";");
    if (x->state)
      dump(s, x->state, depth + 1);
    else
      sb_str(s, "-");
    sb_str(s, ";");
    dump_list(s, x->items, x->nitems, depth);
    sb_str(s, ";");
    dump_list(s, x->kv, x->nkv, depth);
    sb_str(s, ")");
    break;
  }
}

/* Decodes @p p and returns its dump (owned), or NULL with *rc set. */
static char *decode_dump(const void *p, size_t n, int *rc) {
  mproc__pk_arena_t a;
  mproc__pk_t *root = NULL;
  mproc__pk_arena_init(&a);
  *rc = mproc__pickle_decode(&a, p, n, &root);
  sbuf_t s = {NULL, 0, 0};
  if (*rc == 0)
    dump(&s, root, 0);
  mproc__pk_arena_free(&a);
  return s.p;
}

static void test_vectors(void **state) {
  (void)state;
  int protocols = 0;
  for (size_t v = 0; v < NVECTORS; v++) {
    const pickle_vector_t *pv = &pickle_vectors[v];
    protocols |= 1 << pv->protocol;
    int rc;
    char *got = decode_dump(pv->data, pv->len, &rc);
    if (rc != 0 || strcmp(got, (const char *)pv->dump) != 0) {
      print_error("%s protocol %d: rc %d (%s)\n  got  %s\n  want %s\n",
                  pv->name, pv->protocol, rc, mproc_last_error(),
                  got ? got : "-", (const char *)pv->dump);
      fail();
    }
    /* Re-encoded, it reads back the same. */
    mproc__pk_arena_t a;
    mproc__pk_t *root;
    mproc__pk_arena_init(&a);
    assert_int_equal(
        mproc__pickle_decode(&a, (const uint8_t *)pv->data, pv->len, &root), 0);
    mproc__wbuf_t b = {NULL, 0, 0, 0};
    assert_int_equal(mproc__pickle_encode(&b, root), 0);
    char *again = decode_dump(b.p, b.len, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(again, (const char *)pv->dump);
    free(again);
    free(b.p);
    mproc__pk_arena_free(&a);
    free(got);
  }
  assert_int_equal(protocols, 0x3F); /* all of 0-5 */
}

/* Every proper prefix of every vector is refused as malformed (not a
 * crash, not a success), with a detail. */
static void test_truncated(void **state) {
  (void)state;
  for (size_t v = 0; v < NVECTORS; v++) {
    const pickle_vector_t *pv = &pickle_vectors[v];
    size_t step = pv->len > 200 ? pv->len / 50 : 1;
    for (size_t n = 0; n < pv->len; n += step) {
      mproc__pk_arena_t a;
      mproc__pk_t *root = NULL;
      mproc__pk_arena_init(&a);
      int rc = mproc__pickle_decode(&a, (const uint8_t *)pv->data, n, &root);
      mproc__pk_arena_free(&a);
      if (rc != MPROC_E_DECODE) {
        print_error("%s protocol %d cut at %lu: %d\n", pv->name, pv->protocol,
                    (unsigned long)n, rc);
        fail();
      }
      assert_true(mproc_last_error()[0] != 0);
    }
  }
}

static const pickle_vector_t *find(const char *name, int protocol) {
  for (size_t v = 0; v < NVECTORS; v++)
    if (strcmp(pickle_vectors[v].name, name) == 0 &&
        pickle_vectors[v].protocol == protocol)
      return &pickle_vectors[v];
  fail_msg("no vector %s/%d", name, protocol);
  return NULL;
}

/* The memo makes one object of (l, l)'s two items, in C as in Python, and
 * the encoder keeps it one. */
static void test_shared(void **state) {
  (void)state;
  for (int proto = 0; proto <= 5; proto++) {
    const pickle_vector_t *pv = find("shared", proto);
    mproc__pk_arena_t a, a2;
    mproc__pk_t *root, *again;
    mproc__pk_arena_init(&a);
    mproc__pk_arena_init(&a2);
    assert_int_equal(
        mproc__pickle_decode(&a, (const uint8_t *)pv->data, pv->len, &root), 0);
    assert_ptr_equal(root->items[0], root->items[1]);
    mproc__wbuf_t b = {NULL, 0, 0, 0};
    assert_int_equal(mproc__pickle_encode(&b, root), 0);
    assert_int_equal(mproc__pickle_decode(&a2, b.p, b.len, &again), 0);
    assert_ptr_equal(again->items[0], again->items[1]);
    free(b.p);
    mproc__pk_arena_free(&a);
    mproc__pk_arena_free(&a2);
  }
}

/* l = []; l.append(l); pickle.dumps(l, 2) and pickle.dumps((l,), 4): a
 * cycle decodes as a cycle, re-encodes without recursing forever, and a
 * conversion to values refuses it. */
static void test_cycle(void **state) {
  (void)state;
  static const uint8_t list2[] = "\x80\x02]q\x00h\x00"
                                 "a.";
  static const uint8_t tuple4[] = "\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00"
                                  "\x00]\x94h\x00\x85\x94"
                                  "a0h\x01.";
  mproc__pk_arena_t a;
  mproc__pk_t *root, *again;
  mproc__pk_arena_init(&a);
  assert_int_equal(mproc__pickle_decode(&a, list2, sizeof list2 - 1, &root), 0);
  assert_int_equal(root->kind, MPROC__PK_LIST);
  assert_ptr_equal(root->items[0], root);
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  assert_int_equal(mproc__pickle_encode(&b, root), 0);
  assert_int_equal(mproc__pickle_decode(&a, b.p, b.len, &again), 0);
  assert_ptr_equal(again->items[0], again);
  mproc_value_t *v = NULL;
  assert_int_equal(mproc__pickle_to_value(root, &v), MPROC_E_TOOBIG);
  assert_null(v);
  free(b.p);
  /* (l,) with l = [(l,)]: the cycle passes through a tuple */
  b = (mproc__wbuf_t){NULL, 0, 0, 0};
  assert_int_equal(mproc__pickle_decode(&a, tuple4, sizeof tuple4 - 1, &root),
                   0);
  assert_int_equal(root->kind, MPROC__PK_TUPLE);
  assert_ptr_equal(root->items[0]->items[0], root);
  assert_int_equal(mproc__pickle_encode(&b, root), 0);
  assert_int_equal(mproc__pickle_decode(&a, b.p, b.len, &again), 0);
  assert_int_equal(again->kind, MPROC__PK_TUPLE);
  assert_ptr_equal(again->items[0]->items[0], again);
  free(b.p);
  mproc__pk_arena_free(&a);
}

/* What mproc's values can hold crosses both ways; what they cannot is
 * MPROC_E_TYPE, never an error in the decoder. */
static void test_values(void **state) {
  (void)state;
  static const struct {
    const char *name;
    int want;
  } cases[] = {{"dict_mixed", 0},
               {"list_mixed", 0},
               {"tuple_nested", 0},
               {"int64min", 0},
               {"bytearray", 0},
               {"str_unicode", 0},
               {"set3", MPROC_E_TYPE},
               {"int2_70", MPROC_E_TYPE},
               {"object", MPROC_E_TYPE},
               {"str_surrogate", MPROC_E_TYPE},
               {"str_escapes", MPROC_E_TYPE} /* a NUL inside */};
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    for (int proto = 0; proto <= 5; proto++) {
      const pickle_vector_t *pv = find(cases[c].name, proto);
      mproc__pk_arena_t a, a2;
      mproc__pk_t *root, *back;
      mproc_value_t *v = NULL;
      mproc__pk_arena_init(&a);
      mproc__pk_arena_init(&a2);
      assert_int_equal(
          mproc__pickle_decode(&a, (const uint8_t *)pv->data, pv->len, &root),
          0);
      int rc = mproc__pickle_to_value(root, &v);
      if (rc != cases[c].want) {
        print_error("%s/%d: %d (%s)\n", pv->name, proto, rc,
                    mproc_last_error());
        fail();
      }
      if (rc == 0) {
        /* value -> pickle -> the same dump (a bytearray comes back as
         * bytes: mproc has one bytes type) */
        assert_int_equal(mproc__pickle_from_value(&a2, v, &back), 0);
        mproc__wbuf_t b = {NULL, 0, 0, 0};
        assert_int_equal(mproc__pickle_encode(&b, back), 0);
        int drc;
        char *got = decode_dump(b.p, b.len, &drc);
        assert_int_equal(drc, 0);
        if (strcmp(cases[c].name, "bytearray") == 0)
          assert_string_equal(got, "b6162");
        else
          assert_string_equal(got, (const char *)pv->dump);
        free(got);
        free(b.p);
        mproc_values_free(v, 1);
      }
      mproc__pk_arena_free(&a);
      mproc__pk_arena_free(&a2);
    }
  }
  /* An mproc object has no pickle. */
  mproc_lock_t *lock = NULL;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t lv = mproc_obj(lock);
  mproc__pk_arena_t a;
  mproc__pk_t *x;
  mproc__pk_arena_init(&a);
  assert_int_equal(mproc__pickle_from_value(&a, &lv, &x), MPROC_E_TYPE);
  mproc__pk_arena_free(&a);
  mproc_lock_destroy(lock);
}

/* Hostile streams: each refused with MPROC_E_DECODE, nothing run. */
static void test_hostile(void **state) {
  (void)state;
  static const struct {
    const char *data;
    size_t len;
  } bad[] = {
      {"", 0},
      {".", 1},                              /* STOP on an empty stack */
      {"NN.", 3},                            /* two objects left */
      {"(N.", 3},                            /* a mark left */
      {"N.N", 3},                            /* bytes after STOP */
      {"\x80\x06N.", 4},                     /* protocol 6 */
      {"h\x05.", 3},                         /* a memo entry never set */
      {"Nr\xff\xff\xff\x7f.", 7},            /* a memo index beyond the input */
      {"cos\nsystem\n(Vls\ntR.", 19},        /* allowed: an OBJ, see below */
      {"Pfoo\n.", 6},                        /* persistent id */
      {"\x82\x01.", 3},                      /* EXT1 */
      {"\x80\x05\x97.", 4},                  /* NEXT_BUFFER */
      {"S'x'\n.", 6},                        /* Python 2 str */
      {"X\x02\x00\x00\x00\xc3(.", 8},        /* not UTF-8 */
      {"X\x03\x00\x00\x00\xe0\x80\x80.", 9}, /* overlong */
      {"NNR.", 4},                           /* calling None */
      {"]Nb.", 4},                           /* BUILD of a list */
      {"}Na.", 4},                           /* APPEND to a dict */
      {"]NNs.", 5},                          /* SETITEM on a list */
      {"(NNd.", 5},                          /* fine: {None: None} */
      {"(Nd.", 4},                           /* a key without its value */
      {"I12x\n.", 6},                        /* a malformed int */
      {"Fnope\n.", 7},                       /* a malformed float */
      {"Vbad\\u12\n.", 10},                  /* a truncated escape */
      {"\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x40", 11}, /* no STOP */
      {"\x8b\xff\xff\xff\xff.", 6}, /* LONG4 of a negative length */
      {"\x8e\xff\xff\xff\xff\xff\xff\xff\xff.", 10}, /* BINBYTES8 too long */
      {"\x93.", 2},   /* STACK_GLOBAL, empty stack */
      {"KK\x93.", 4}, /* STACK_GLOBAL of ints */
      {"(N1N.", 5},   /* fine: POP_MARK */
      {"(0N.", 4},    /* fine: POP of a mark */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    mproc__pk_arena_t a;
    mproc__pk_t *root = NULL;
    mproc__pk_arena_init(&a);
    int rc = mproc__pickle_decode(&a, (const uint8_t *)bad[i].data, bad[i].len,
                                  &root);
    bool ok = i == 8 || i == 19 || i == 29 || i == 30;
    if (ok ? rc != 0 : rc != MPROC_E_DECODE) {
      print_error("case %lu: %d (%s)\n", (unsigned long)i, rc,
                  mproc_last_error());
      fail();
    }
    if (i == 8) {
      /* os.system('ls') is recorded, never called. */
      assert_int_equal(root->kind, MPROC__PK_OBJ);
      assert_true(mproc__pk_is_global(root->callable, "os", "system"));
    }
    mproc__pk_arena_free(&a);
  }
}

/* Deep nesting: the decoder takes it (it has no recursion), the encoder
 * and the conversion stop at MPROC__PICKLE_DEPTH_MAX. */
static void test_deep(void **state) {
  (void)state;
  size_t depth = 100000;
  uint8_t *p = malloc(depth * 2 + 2);
  assert_non_null(p);
  for (size_t i = 0; i < depth; i++)
    p[i] = '(';
  p[depth] = ')';
  for (size_t i = 0; i < depth; i++)
    p[depth + 1 + i] = 't';
  p[2 * depth + 1] = '.';
  mproc__pk_arena_t a;
  mproc__pk_t *root;
  mproc__pk_arena_init(&a);
  assert_int_equal(mproc__pickle_decode(&a, p, depth * 2 + 2, &root), 0);
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  assert_int_equal(mproc__pickle_encode(&b, root), MPROC_E_VALUE);
  free(b.p);
  mproc_value_t *v = NULL;
  assert_int_equal(mproc__pickle_to_value(root, &v), MPROC_E_TOOBIG);
  mproc__pk_arena_free(&a);
  free(p);
  /* A DAG of 64 levels, each list holding the one below twice: 2^64
   * values once copied. */
  mproc__pk_arena_init(&a);
  mproc__pk_t *x = mproc__pk_new(&a, MPROC__PK_NONE);
  for (int i = 0; i < 64; i++) {
    mproc__pk_t *l = mproc__pk_new(&a, MPROC__PK_LIST);
    assert_int_equal(mproc__pk_push(l, x), 0);
    assert_int_equal(mproc__pk_push(l, x), 0);
    x = l;
  }
  assert_int_equal(mproc__pickle_to_value(x, &v), MPROC_E_VALUE);
  b = (mproc__wbuf_t){NULL, 0, 0, 0};
  assert_int_equal(mproc__pickle_encode(&b, x), 0); /* shared: small */
  assert_true(b.len < 1000);
  free(b.p);
  mproc__pk_arena_free(&a);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vectors), cmocka_unit_test(test_truncated),
      cmocka_unit_test(test_shared),  cmocka_unit_test(test_cycle),
      cmocka_unit_test(test_values),  cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_deep),
  };
  return cmocka_run_group_tests_name("pickle", tests, NULL, NULL);
}
