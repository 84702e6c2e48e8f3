/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the value decoder (mproc_decode). Any input must decode
 * or be refused with a status and a detail message, and no output; a decoded
 * buffer re-encodes to the same bytes (the encoding is canonical), and
 * everything is freed.
 *
 * Malformed bytes are MPROC_E_DECODE. Well-formed bytes may still name
 * something that is not there: a SharedMemory crosses by name, as in
 * CPython, so a name with no segment behind it is MPROC_E_NOTFOUND (or
 * MPROC_E_PERM for one that is not ours); a Connection's ticket names the
 * process that sent it, and one that is gone is MPROC_E_CLOSED.
 *
 * The pool's readers in place (mproc__values_view(), for its messages, and
 * mproc__values_decode_scalars(), for its arguments and results) read the
 * same input: they refuse what mproc_decode() refuses, and what they accept
 * reads as mproc_decode() reads it.
 *
 * Built with clang -fsanitize=fuzzer by ci/fuzz.sh; the same file is linked
 * with tests/fuzz/replay.c into a ctest test that replays the corpus on
 * every platform.
 */
#include "codec/codec.h"

#include <mproc.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The count an encoding's header claims, or 0. */
static size_t claimed(const uint8_t *data, size_t size) {
  if (size < 8 || memcmp(data, "MPV\x01", 4) != 0)
    return 0;
  return (size_t)data[4] | (size_t)data[5] << 8 | (size_t)data[6] << 16 |
         (size_t)data[7] << 24;
}

/* Two scalars of one type are the same bits (a NaN is not equal to
 * itself, and is still read right). */
static bool same_scalar(const mproc_value_t *a, const mproc_value_t *b) {
  switch (a->type) {
  case MPROC_VALUE_INT:
    return a->u.i == b->u.i;
  case MPROC_VALUE_DOUBLE:
    return memcmp(&a->u.d, &b->u.d, sizeof a->u.d) == 0;
  case MPROC_VALUE_BOOL:
    return a->u.b == b->u.b;
  default:
    return true;
  }
}

/* The readers in place against mproc_decode()'s result (@p vals, @p n;
 * NULL when it refused the input). */
static void check_in_place(const uint8_t *data, size_t size,
                           const mproc_value_t *vals, size_t n) {
  size_t want = vals ? n : claimed(data, size);
  if (want == 0 || want > 4096)
    return;
  mproc_value_t *s = calloc(want, sizeof *s);
  mproc__view_t *v = calloc(want, sizeof *v);
  if (!s || !v)
    abort();
  int rs = mproc__values_decode_scalars(data, size, s, want);
  int rv = mproc__values_view(data, size, v, want);
  if (!vals && (rs == 0 || rv == 0))
    abort(); /* accepted what the decoder refuses */
  for (size_t i = 0; vals && i < n; i++) {
    mproc_value_type_t t = vals[i].type;
    bool scalar = t == MPROC_VALUE_NONE || t == MPROC_VALUE_INT ||
                  t == MPROC_VALUE_DOUBLE || t == MPROC_VALUE_BOOL;
    if (rs == 0 && (s[i].type != t || !same_scalar(&s[i], &vals[i])))
      abort();
    if (rv == 0 &&
        (v[i].type != t || (t == MPROC_VALUE_INT && v[i].i != vals[i].u.i) ||
         (t == MPROC_VALUE_BYTES &&
          (v[i].len != vals[i].u.bytes.len ||
           memcmp(v[i].p, vals[i].u.bytes.ptr, v[i].len) != 0))))
      abort();
    if (!scalar && rs == 0)
      abort();
  }
  free(s);
  free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mproc_value_t *vals = NULL;
  size_t n = 0;
  int rc = mproc_decode(data, size, &vals, &n);
  check_in_place(data, size, rc == 0 ? vals : NULL, n);
  if (rc != 0) {
    if (rc != MPROC_E_DECODE && rc != MPROC_E_NOTFOUND && rc != MPROC_E_PERM &&
        rc != MPROC_E_CLOSED)
      abort();
    if (vals != NULL || n != 0 || !mproc_last_error()[0])
      abort();
    return 0;
  }
  void *buf = NULL;
  size_t len = 0;
  if (mproc_encode(vals, n, &buf, &len) != 0)
    abort();
  if (len != size || memcmp(buf, data, size) != 0)
    abort();
  mproc_free(buf);
  mproc_values_free(vals, n);
  return 0;
}
