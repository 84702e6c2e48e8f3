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
 * Built with clang -fsanitize=fuzzer by ci/fuzz.sh; the same file is linked
 * with tests/fuzz/replay.c into a ctest test that replays the corpus on
 * every platform.
 */
#include <mproc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mproc_value_t *vals = NULL;
  size_t n = 0;
  int rc = mproc_decode(data, size, &vals, &n);
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
