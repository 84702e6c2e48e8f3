/* SPDX-License-Identifier: MIT */
/*
 * The C side of tests/pickle_python.py (not a test itself): reads frames
 * (4-byte big-endian length, then a pickle) from the file named first, and
 * writes to the file named second, for each, a frame holding mproc's
 * re-encoding of it (decode, then encode), or an empty frame when it was
 * refused. Files rather than pipes: stdio is text mode on Windows, and the
 * script runs this program under wine too.
 */
#include <mproc.h>

#include "codec/pickle.h"

#include <stdio.h>
#include <stdlib.h>

static int put_frame(FILE *out, const uint8_t *p, size_t n) {
  uint8_t h[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8),
                  (uint8_t)n};
  return fwrite(h, 1, 4, out) == 4 && (n == 0 || fwrite(p, 1, n, out) == n)
             ? 0
             : -1;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: pickle_peer IN OUT\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
  if (!in || !out) {
    fprintf(stderr, "pickle_peer: cannot open %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  int status = 0;
  uint8_t h[4];
  while (status == 0 && fread(h, 1, 4, in) == 4) {
    size_t n =
        (size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3];
    uint8_t *p = malloc(n ? n : 1);
    if (!p || fread(p, 1, n, in) != n) {
      free(p);
      status = 3;
      break;
    }
    mproc__pk_arena_t a;
    mproc__pk_t *root;
    mproc__wbuf_t b = {NULL, 0, 0, 0};
    mproc__pk_arena_init(&a);
    if (mproc__pickle_decode(&a, p, n, &root) == 0 &&
        mproc__pickle_encode(&b, root) == 0) {
      status = put_frame(out, b.p, b.len) ? 4 : 0;
    } else {
      fprintf(stderr, "pickle_peer: %s\n", mproc_last_error());
      status = put_frame(out, NULL, 0) ? 4 : 0;
    }
    free(b.p);
    free(p);
    mproc__pk_arena_free(&a);
  }
  if (fclose(out) != 0)
    status = 4;
  fclose(in);
  return status;
}
