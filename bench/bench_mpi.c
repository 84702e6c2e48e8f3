/* SPDX-License-Identifier: MIT */
/*
 * mproc-bench-mpi: Pool.map over MPI ranks against the local pool, in the
 * same run. Run it as
 *
 *   mpirun --oversubscribe -np 3 mproc-bench-mpi [--tasks N]
 *
 * Rank 0 times, on a local Pool(2) (fork) and then on a pool of the two
 * other ranks: map of N trivial tasks with automatic chunks, map with
 * chunksize 1 (every task its own message: the per-chunk cost), and
 * apply (one round trip). While the local pool runs the two ranks idle
 * (they sleep between polls, so they take little of the machine). Lines
 * are "name<TAB>value<TAB>unit" as mproc-bench's; the closing note (on
 * stderr) turns them into an on-paper estimate for 16 machines.
 */
#define _POSIX_C_SOURCE 200809L
#include <mproc.h>
#include <mproc_mpi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 5

static int square(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return 1;
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(t, &r);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median over ROUNDS (after one untimed call) of seconds per call of
 * map(items, chunksize), or -1. */
static double time_map(mproc_pool_t *p, const mproc_value_t *items, size_t n,
                       size_t chunksize) {
  double t[ROUNDS];
  for (int i = -1; i < ROUNDS; i++) {
    mproc_value_t *r = NULL;
    double t0 = now();
    if (mproc_pool_map(p, square, items, n, chunksize, &r) != 0)
      return -1;
    double dt = now() - t0;
    mproc_values_free(r, n);
    if (i >= 0)
      t[i] = dt;
  }
  qsort(t, ROUNDS, sizeof *t, cmp_d);
  return t[ROUNDS / 2];
}

static double time_apply(mproc_pool_t *p, int calls) {
  mproc_value_t a = mproc_int(3), *r = NULL;
  double t0 = now();
  for (int i = 0; i < calls; i++) {
    if (mproc_pool_apply(p, square, &a, 1, &r) != 0)
      return -1;
    mproc_values_free(r, 1);
  }
  return (now() - t0) / calls;
}

typedef struct figures {
  double map_ns, chunk1_ns, apply_us;
} figures_t;

static int measure(const char *name, mproc_pool_t *p,
                   const mproc_value_t *items, size_t n, figures_t *f) {
  double m = time_map(p, items, n, 0);
  double c1 = time_map(p, items, n / 20, 1);
  double ap = time_apply(p, 200);
  if (m < 0 || c1 < 0 || ap < 0) {
    fprintf(stderr, "mproc-bench-mpi: %s: %s\n", name, mproc_last_error());
    return -1;
  }
  f->map_ns = m * 1e9 / (double)n;
  f->chunk1_ns = c1 * 1e9 / (double)(n / 20);
  f->apply_us = ap * 1e6;
  printf("pool.map.%s\t%.1f\tns/task\n", name, f->map_ns);
  printf("pool.map_chunk1.%s\t%.0f\tns/task\n", name, f->chunk1_ns);
  printf("pool.apply.%s\t%.1f\tus/call\n", name, f->apply_us);
  fflush(stdout);
  return 0;
}

int main(int argc, char **argv) {
  MPROC_REGISTER_TASK(square);
  if (mproc_mpi_boot(&argc, &argv) != 0) {
    fprintf(stderr, "mproc_mpi_boot: %s\n", mproc_last_error());
    return 1;
  }
  size_t n = 200000;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--tasks") == 0 && i + 1 < argc)
      n = (size_t)strtoul(argv[++i], NULL, 10);
  if (mproc_mpi_size() != 3 || n < 20) {
    fprintf(stderr, "usage: mpirun -np 3 %s [--tasks N >= 20]\n", argv[0]);
    return 2;
  }
  mproc_value_t *items = malloc(n * sizeof *items);
  for (size_t i = 0; i < n; i++)
    items[i] = mproc_int((int64_t)i);

  figures_t local, mpi;
  mproc_pool_t *p;
  mproc_pool_options_t o = {0};
  o.processes = 2;
  o.start_method = MPROC_START_FORK;
  if (mproc_pool_create(&p, &o) != 0 || measure("local", p, items, n, &local))
    return 1;
  mproc_pool_close(p);
  mproc_pool_join(p, 60);
  mproc_pool_destroy(p);
  if (mproc_mpi_pool_create(&p, NULL) != 0 || measure("mpi", p, items, n, &mpi))
    return 1;
  mproc_pool_close(p);
  mproc_pool_join(p, 60);
  mproc_pool_destroy(p);
  free(items);

  /* On paper: rank 0 is the one serial part, and its share of a task is
   * at most what a task cost here end to end (the two ranks' work and the
   * wire included), so these are lower bounds on what rank 0 sustains.
   * 16 machines x 2 cores = 32 worker ranks with tasks of 1 ms want 32,000
   * tasks/s; chunks of k tasks cost rank 0 32,000 / k chunks a second. The
   * network adds a latency per chunk, which the chunks queued ahead of
   * each rank (the pool's credit) hide, and bandwidth per byte. */
  double per_chunk_s = mpi.chunk1_ns * 1e-9;
  double k = 32000.0 * per_chunk_s / 0.5; /* rank 0 at most half busy */
  unsigned chunk_min = k <= 1 ? 1u : (unsigned)k + 1u;
  fprintf(stderr,
          "\nMPI over local, per task: %+.1f ns (map, automatic chunks), "
          "%+.0f ns (chunksize 1), %+.1f us (apply round trip)\n",
          mpi.map_ns - local.map_ns, mpi.chunk1_ns - local.chunk1_ns,
          mpi.apply_us - local.apply_us);
  fprintf(stderr,
          "On paper, 16 machines x 2 cores = 32 worker ranks: rank 0 feeds "
          "at least %.1f M trivial tasks/s in automatic chunks (%.1f ns "
          "each here) and %.0f chunks/s (%.1f us each); 32 ranks running "
          "1 ms tasks want 32,000 tasks/s, which chunks of %u or more tasks "
          "supply with rank 0 at most half busy, so the 16 machines run at "
          "about 32x one core's rate (plus a network latency per chunk, "
          "hidden by the chunks queued ahead of each rank).\n",
          1e3 / mpi.map_ns, mpi.map_ns, 1.0 / per_chunk_s, per_chunk_s * 1e6,
          chunk_min);
  mproc_mpi_finalize();
  return 0;
}
