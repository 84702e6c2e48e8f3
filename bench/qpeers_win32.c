/*
 * The raw peers of the queue and pipe figures on Windows: not written yet
 * (the figures' targets are measured on Linux); each says so and is
 * skipped.
 */
#include "qbench.h"

#include <stdio.h>

static void *skip_setup(void) {
  fprintf(stderr, "# queue/pipe peers: not available on Windows yet\n");
  return BENCH_SKIP;
}

static int64_t never_run(void *ctx, long n) {
  (void)ctx;
  (void)n;
  return -1;
}

const bench_case_t bench_peers_queue_64b[] = {
    {"queue.64b.cpython", skip_setup, never_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_queue_4k[] = {
    {"queue.4k.cpython", skip_setup, never_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pipe_roundtrip[] = {
    {"pipe.roundtrip.raw", skip_setup, never_run, NULL},
    {NULL, NULL, NULL, NULL},
};
