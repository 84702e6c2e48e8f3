/*
 * libFuzzer target: the value decoder (mproc_decode). Any input must decode
 * or be refused with MPROC_E_DECODE; a decoded buffer re-encodes to the
 * same bytes (the encoding is canonical), and everything is freed.
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
    if (rc != MPROC_E_DECODE || vals != NULL || n != 0)
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
