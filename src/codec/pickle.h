/* SPDX-License-Identifier: MIT */
/*
 * The pickle codec: CPython's pickle streams as a tree of nodes, for the
 * manager's CPython protocol (issue 17).
 *
 * Decoding (pickle_decode.c) reads any protocol 0-5 stream that Python 3's
 * pickle.dumps() writes for None, bool, int (beyond 64 bits too), float,
 * str, bytes, bytearray, tuple, list, dict, set and frozenset, and never
 * runs or resolves a global: a handful of known ones (set, frozenset,
 * bytes and bytearray as protocols 0-3 spell them) become the plain node
 * they build; any other global is a GLOBAL node, and what a stream builds
 * with one (REDUCE, NEWOBJ, NEWOBJ_EX, then APPENDS, SETITEMS and BUILD on
 * the result) an OBJ node that records the call without making it. An OBJ
 * re-encodes to a pickle that rebuilds the same object in Python, so
 * Python data crosses a C process as it would cross CPython: a tuple stays
 * a tuple, a set a set, an instance of a class mproc never heard of the
 * same instance.
 *
 * Why a tree rather than slices of the original bytes: a pickle's memo
 * indexes count from the start of its stream, so the bytes of an item
 * inside a request are no pickle by themselves (a BINGET in them names an
 * object the request's header memoized); re-encoding from the tree makes
 * a stream of its own from any node.
 *
 * Nodes live in an arena: the stream's memo may share a node between
 * several parents, or make a cycle (a list that contains itself), so no
 * node owns another; the arena frees all of them at once.
 *
 * Encoding (pickle_encode.c) writes protocol 4 (every Python from 3.4
 * reads it; mproc supports 3.8 and later), unframed (framing is optional
 * in protocol 4), memoizing shared nodes so that a DAG stays a DAG and a
 * cycle a cycle.
 */
#ifndef MPROC_CODEC_PICKLE_H
#define MPROC_CODEC_PICKLE_H

#include "buf.h"
#include "internal.h"

/* Bounds on hostile input. The decoder is a loop over opcodes with its own
 * stacks, so its nesting is bounded by the input's size; walks of a tree
 * (encoding, conversion to values) recurse and stop at this depth, as
 * CPython's own pickler stops at its recursion limit. */
#define MPROC__PICKLE_DEPTH_MAX 400
/* The most nodes a conversion to values may produce: a DAG of a few
 * hundred nodes can stand for 2^100 values once its sharing is undone. */
#define MPROC__PICKLE_EXPAND_MAX (1u << 20)
/* The most decimal digits a protocol 0 int may have (CPython's own limit
 * for int <-> str conversions, sys.int_info.default_max_str_digits). */
#define MPROC__PICKLE_DIGITS_MAX 4300

typedef enum mproc__pk_kind {
  MPROC__PK_NONE,
  MPROC__PK_BOOL,      /* b */
  MPROC__PK_INT,       /* i */
  MPROC__PK_BIGINT,    /* p, n: little-endian two's complement, minimal */
  MPROC__PK_FLOAT,     /* d */
  MPROC__PK_STR,       /* p, n: UTF-8 (surrogates allowed), NUL after */
  MPROC__PK_BYTES,     /* p, n */
  MPROC__PK_BYTEARRAY, /* p, n */
  MPROC__PK_TUPLE,     /* items */
  MPROC__PK_LIST,      /* items */
  MPROC__PK_DICT,      /* items: key, value, key, value, ... */
  MPROC__PK_SET,       /* items */
  MPROC__PK_FROZENSET, /* items */
  MPROC__PK_GLOBAL,    /* module, name: a class or function by name */
  MPROC__PK_OBJ        /* callable(args) or, for NEWOBJ, callable.__new__ */
} mproc__pk_kind_t;

/* How an OBJ was made. */
enum {
  MPROC__PK_REDUCE,   /* callable(*args) */
  MPROC__PK_NEWOBJ,   /* callable.__new__(callable, *args) */
  MPROC__PK_NEWOBJ_EX /* callable.__new__(callable, *args, **kwargs) */
};

typedef struct mproc__pk mproc__pk_t;
struct mproc__pk {
  mproc__pk_kind_t kind;
  bool b;
  int64_t i;
  double d;
  uint8_t *p; /* owned */
  size_t n;
  mproc__pk_t **items; /* owned array of borrowed nodes */
  size_t nitems, capitems;
  /* GLOBAL */
  char *module, *name; /* owned */
  /* OBJ: how, what, then what the stream did to the result: APPENDS
   * (items), SETITEMS (kv, key then value) and BUILD (state). */
  int how;
  mproc__pk_t *callable, *args, *kwargs, *state;
  mproc__pk_t **kv;
  size_t nkv, capkv;
};

/* Every node of one decoding or construction. */
typedef struct mproc__pk_arena {
  mproc__pk_t **all;
  size_t n, cap;
} mproc__pk_arena_t;

void mproc__pk_arena_init(mproc__pk_arena_t *a);
void mproc__pk_arena_free(mproc__pk_arena_t *a);

/* Constructors (pickle_node.c): NULL when out of memory. Strings and
 * bytes are copied. */
mproc__pk_t *mproc__pk_new(mproc__pk_arena_t *a, mproc__pk_kind_t kind);
mproc__pk_t *mproc__pk_int(mproc__pk_arena_t *a, int64_t i);
mproc__pk_t *mproc__pk_str(mproc__pk_arena_t *a, const char *s, size_t n);
mproc__pk_t *mproc__pk_bytes(mproc__pk_arena_t *a, mproc__pk_kind_t kind,
                             const void *p, size_t n);
mproc__pk_t *mproc__pk_global(mproc__pk_arena_t *a, const char *module,
                              const char *name);
/* Appends @p x to a container's items (or an OBJ's appended items):
 * 0, or MPROC_E_NOMEM. */
int mproc__pk_push(mproc__pk_t *c, mproc__pk_t *x);
/* Appends a key and a value to a DICT's items or an OBJ's kv. */
int mproc__pk_push_kv(mproc__pk_t *c, mproc__pk_t *k, mproc__pk_t *v);
/* Whether @p x is a GLOBAL named module.name. */
bool mproc__pk_is_global(const mproc__pk_t *x, const char *module,
                         const char *name);

/* Maps a Python 2 global name to Python 3's, as CPython's unpickler does
 * for protocols 0-2 (pickle_compat.c); leaves other names as they are. */
void mproc__pickle_compat_name(const char **module, const char **name);

/* Decodes one pickle, which must fill @p buf exactly, into nodes of @p a
 * (freed with it, also on failure). 0, MPROC_E_DECODE for what is no
 * pickle of the types above (with the opcode and offset as the detail),
 * MPROC_E_NOMEM. */
int mproc__pickle_decode(mproc__pk_arena_t *a, const uint8_t *buf, size_t len,
                         mproc__pk_t **out);

/* Appends a protocol 4 pickle of @p root to @p b: 0, MPROC_E_VALUE for a
 * tree nested deeper than MPROC__PICKLE_DEPTH_MAX, MPROC_E_NOMEM. */
int mproc__pickle_encode(mproc__wbuf_t *b, const mproc__pk_t *root);

/* A value as nodes of @p a: 0, MPROC_E_TYPE for an mproc object (a Lock
 * has no pickle a Python process could use), MPROC_E_VALUE when nested
 * too deep, MPROC_E_NOMEM. */
int mproc__pickle_from_value(mproc__pk_arena_t *a, const mproc_value_t *v,
                             mproc__pk_t **out);
/* Nodes as one value in one block owned by the caller
 * (mproc_values_free(*out, 1)): 0, MPROC_E_TYPE for what mproc's values
 * cannot hold (a set, an int beyond 64 bits, a str with a NUL or a lone
 * surrogate, an OBJ or GLOBAL, a dict whose keys are not hashable or
 * repeat), MPROC_E_TOOBIG when nested deeper than mproc's values nest
 * (MPROC_VALUE_MAX_DEPTH, a cycle included), MPROC_E_VALUE when too large
 * once shared nodes are copied, MPROC_E_NOMEM. */
int mproc__pickle_to_value(const mproc__pk_t *root, mproc_value_t **out);

/* Python's truth of @p x: None, False, 0, 0.0 and empty str, bytes and
 * containers are false; an object is true (its __bool__ is never run). */
bool mproc__pk_truth(const mproc__pk_t *x);

/* What values converted from nodes point into while one manager message is
 * read or built (the server's and the client's CPython sides): buffers,
 * freed with free(), and converted values, freed with
 * mproc_values_free(v, 1). Zero-initialized when empty. */
typedef struct mproc__pk_keep {
  void **p;
  size_t np, capp;
  mproc_value_t **v;
  size_t nv, capv;
} mproc__pk_keep_t;
/* Keeps @p p (or @p v) until mproc__pk_keep_clear(): 0, or MPROC_E_NOMEM
 * naming @p what (the message), and then it is freed at once. */
int mproc__pk_keep_ptr(mproc__pk_keep_t *k, void *p, const char *what);
int mproc__pk_keep_value(mproc__pk_keep_t *k, mproc_value_t *v,
                         const char *what);
/* Frees what is kept; the lists stay for the next message. */
void mproc__pk_keep_clear(mproc__pk_keep_t *k);
/* Frees what is kept, and the lists. */
void mproc__pk_keep_free(mproc__pk_keep_t *k);

/* A manager's hosted value (pickle_blob.c): appends to @p b the value
 * encoding of @p x when mproc's values hold it, else a pickle of it. 0,
 * or the encoders' failures. */
int mproc__pickle_to_blob(const mproc__pk_t *x, mproc__wbuf_t *b);
/* A hosted value (either form) as nodes of @p a: 0, MPROC_E_DECODE,
 * MPROC_E_TYPE for a value with no pickle (an mproc object), ... */
int mproc__pickle_from_blob(mproc__pk_arena_t *a, const void *p, size_t n,
                            mproc__pk_t **out);

#endif /* MPROC_CODEC_PICKLE_H */
