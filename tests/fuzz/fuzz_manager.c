/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the manager's wire parsing, facing a hostile peer (a
 * remote manager's clients and server talk over TCP, so anyone who can
 * connect can send anything). The input is a sequence of frames, each
 * with a selector byte, that mproc__manager_fuzz() (src/manager/fuzz.c) feeds
 * to the real parsers: the server's side of the handshake, the server's
 * request handling (srequest(), against the server's hosted objects, with
 * up to four clients), and the client's parsing of replies. Nothing may
 * crash, leak, wait, or break the server's own rules.
 *
 * Built with clang -fsanitize=fuzzer by ci/fuzz.sh; the same file is linked
 * with tests/fuzz/replay.c into a ctest test that replays the corpus on
 * every platform.
 */
#include "manager/manager.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The key the challenges are made with (tests/fuzz/gen_corpus.py uses it
 * to write correct responses into the seed corpus). */
static const uint8_t key[] = "mproc fuzz key";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (mproc__manager_fuzz(data, size, key, sizeof key - 1) != 0)
    abort();
  return 0;
}
