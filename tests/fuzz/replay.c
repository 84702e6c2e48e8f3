/* SPDX-License-Identifier: MIT */
/*
 * Replays fuzz corpora without libFuzzer: every file named on the command
 * line (or listed in a corpus directory's index file, see below) is fed to
 * LLVMFuzzerTestOneInput once. A crash or abort fails the test; the last
 * line is the plain "N passed, 0 failed" count.
 *
 * Directory walking is not portable C, so the corpus directory holds an
 * INDEX file naming its inputs, one per line (ci/fuzz.sh rewrites it after a
 * run).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return -1;
  }
  size_t cap = 4096, len = 0;
  uint8_t *buf = malloc(cap);
  for (size_t n; buf && (n = fread(buf + len, 1, cap - len, f)) > 0;) {
    len += n;
    if (len == cap) {
      uint8_t *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = p;
      cap *= 2;
    }
  }
  fclose(f);
  if (!buf)
    return -1;
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    char index[4096];
    snprintf(index, sizeof index, "%s/INDEX", argv[i]);
    FILE *idx = fopen(index, "r");
    if (!idx) {
      if (replay_file(argv[i]) == 0)
        passed++;
      else
        failed++;
      continue;
    }
    char line[1024];
    while (fgets(line, sizeof line, idx)) {
      line[strcspn(line, "\r\n")] = 0;
      if (!line[0])
        continue;
      char path[4096 + 1024];
      snprintf(path, sizeof path, "%s/%s", argv[i], line);
      if (replay_file(path) == 0)
        passed++;
      else
        failed++;
    }
    fclose(idx);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed || passed == 0;
}
