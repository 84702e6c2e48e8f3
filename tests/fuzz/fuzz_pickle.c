/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the pickle decoder (src/codec/pickle_decode.c), which
 * a manager server runs on every request of a CPython client. Any input
 * must decode or be refused with MPROC_E_DECODE and a detail message;
 * what decodes re-encodes (or is refused as nested too deep), and the
 * re-encoding is canonical: decoded and encoded again it gives the same
 * bytes. A tree that converts to mproc values converts back. Everything
 * is freed (the replay runs under valgrind and ASan in CI).
 *
 * The corpus (tests/fuzz/corpus/pickle) starts as CPython's own
 * pickle.dumps() output, protocols 0-5 (tests/vectors/gen_pickle.py).
 */
#include <mproc.h>

#include "codec/pickle.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_values(const mproc__pk_t *root) {
  mproc_value_t *v = NULL;
  int rc = mproc__pickle_to_value(root, &v);
  if (rc != 0) {
    if ((rc != MPROC_E_TYPE && rc != MPROC_E_VALUE && rc != MPROC_E_TOOBIG) ||
        v != NULL)
      abort();
    return;
  }
  mproc__pk_arena_t a;
  mproc__pk_t *back = NULL;
  mproc__pk_arena_init(&a);
  mproc__wbuf_t b = {NULL, 0, 0, 0};
  if (mproc__pickle_from_value(&a, v, &back) != 0 ||
      mproc__pickle_encode(&b, back) != 0)
    abort();
  free(b.p);
  mproc__pk_arena_free(&a);
  mproc_values_free(v, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mproc__pk_arena_t a, a2;
  mproc__pk_t *root = NULL, *again = NULL;
  mproc__pk_arena_init(&a);
  mproc__pk_arena_init(&a2);
  int rc = mproc__pickle_decode(&a, data, size, &root);
  if (rc != 0) {
    if (rc != MPROC_E_DECODE || !mproc_last_error()[0])
      abort();
    mproc__pk_arena_free(&a);
    return 0;
  }
  mproc__wbuf_t b1 = {NULL, 0, 0, 0}, b2 = {NULL, 0, 0, 0};
  rc = mproc__pickle_encode(&b1, root);
  if (rc == 0) {
    if (mproc__pickle_decode(&a2, b1.p, b1.len, &again) != 0 ||
        mproc__pickle_encode(&b2, again) != 0 || b1.len != b2.len ||
        memcmp(b1.p, b2.p, b1.len) != 0)
      abort();
  } else if (rc != MPROC_E_VALUE) {
    abort();
  }
  check_values(root);
  free(b1.p);
  free(b2.p);
  mproc__pk_arena_free(&a);
  mproc__pk_arena_free(&a2);
  return 0;
}
