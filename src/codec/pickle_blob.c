/* SPDX-License-Identifier: MIT */
/*
 * Pickles as the manager's hosted values (pickle.h). A manager server
 * stores every value a client gives it as bytes (its "blob": a queue's
 * item, a dict's value, a Value's value) and never rebuilds it. mproc's
 * clients give it their value encoding (codec/value.c); a CPython client
 * gives it pickles. So that C and Python clients share one object, a
 * pickle that mproc's values hold (None, bool, int, float, str, bytes,
 * tuple, list, dict) is stored in the value encoding, which a C client
 * reads, and anything else (a set, an int beyond 64 bits, an instance of
 * a Python class) as a pickle of its own, which goes back to Python as the
 * same object and which a C client cannot decode. The two are told apart
 * by their first byte: an encoding starts with its magic "MPV", a pickle
 * with PROTO (0x80).
 */
#include "codec/pickle.h"

#include "codec/codec.h"

#include <stdlib.h>

/* Whether @p x holds what mproc's values would carry as something else
 * (a bytearray becomes bytes): then its own pickle is stored. */
static bool lossy(const mproc__pk_t *x, int depth) {
  if (depth > MPROC_VALUE_MAX_DEPTH)
    return true; /* too deep for a value anyway (a cycle, say) */
  if (x->kind == MPROC__PK_BYTEARRAY)
    return true;
  for (size_t i = 0; i < x->nitems; i++)
    if (lossy(x->items[i], depth + 1))
      return true;
  return false;
}

int mproc__pickle_to_blob(const mproc__pk_t *x, mproc__wbuf_t *b) {
  mproc_value_t *v = NULL;
  if (lossy(x, 0))
    return mproc__pickle_encode(b, x);
  int rc = mproc__pickle_to_value(x, &v);
  if (rc == 0) {
    rc = mproc__values_encode(b, v, 1);
    mproc_values_free(v, 1);
    return rc;
  }
  if (rc != MPROC_E_TYPE && rc != MPROC_E_TOOBIG)
    return rc;
  /* Not a value of mproc's: kept as Python gave it. */
  mproc__err_clear();
  return mproc__pickle_encode(b, x);
}

int mproc__pickle_from_blob(mproc__pk_arena_t *a, const void *p, size_t n,
                            mproc__pk_t **out) {
  const uint8_t *u = p;
  if (n > 0 && u[0] == 0x80)
    return mproc__pickle_decode(a, u, n, out);
  mproc_value_t *v = NULL;
  size_t nv = 0;
  int rc = mproc_decode(p, n, &v, &nv);
  if (rc < 0)
    return rc;
  if (nv != 1)
    rc = mproc__err(MPROC_E_DECODE, "a stored value of %zu values", nv);
  else
    rc = mproc__pickle_from_value(a, &v[0], out);
  mproc_values_free(v, nv);
  return rc;
}
