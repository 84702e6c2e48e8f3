/* SPDX-License-Identifier: MIT */
/*
 * Pool throughput: trivial tasks through Pool(2).map (automatic chunks) and
 * imap with chunksize 1, against CPython's multiprocessing.Pool doing the
 * same in the same run (python3, where present); and map_records over an
 * array of structs against map over a bytes value per struct. Nanoseconds
 * per task.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* popen with -std=c11 */
#endif
#include "peers.h"

#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int task_ident(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  return nargs == 1 ? mproc_task_set_result(task, &args[0]) : MPROC_E_INVAL;
}

/* A record as a C program would have them in an array. */
typedef struct bench_rec {
  int32_t id;
  double x;
  char tag[8];
} bench_rec_t;

/* One record (a bytes value, however it came) -> id + (int)x. */
static int task_rec(const mproc_value_t *args, size_t nargs,
                    mproc_task_t *task) {
  const void *p;
  size_t len;
  if (nargs != 1 || mproc_value_as_bytes(&args[0], &p, &len) != 0 ||
      len != sizeof(bench_rec_t))
    return MPROC_E_INVAL;
  bench_rec_t r;
  memcpy(&r, p, sizeof r); /* the per-element path promises no alignment */
  mproc_value_t v = mproc_int(r.id + (int64_t)r.x);
  return mproc_task_set_result(task, &v);
}

void bench_pool_register(void) {
  mproc_register_task("bench.ident", task_ident);
  mproc_register_task("bench.rec", task_rec);
}

static void *pool_setup(void) {
  mproc_pool_options_t o = {2, NULL, NULL, 0, 0, MPROC_START_DEFAULT};
  mproc_pool_t *p = NULL;
  int rc = mproc_pool_create(&p, &o);
  if (rc != 0) {
    fprintf(stderr, "mproc-bench: pool: %s\n", mproc_last_error());
    return NULL;
  }
  return p;
}

static mproc_value_t *items_of(long n) {
  mproc_value_t *v = malloc((size_t)n * sizeof *v);
  for (long i = 0; v && i < n; i++)
    v[i] = mproc_int(i);
  return v;
}

static int64_t pool_map_run(void *ctx, long n) {
  mproc_value_t *items = items_of(n), *r = NULL;
  if (!items)
    return -1;
  int64_t t0 = bench_now_ns();
  int rc = mproc_pool_map(ctx, task_ident, items, (size_t)n, 0, &r);
  int64_t t = bench_now_ns() - t0;
  mproc_values_free(r, rc == 0 ? (size_t)n : 0);
  free(items);
  return rc == 0 ? t : -1;
}

static int64_t pool_imap1_run(void *ctx, long n) {
  mproc_value_t *items = items_of(n);
  mproc_iter_t *it = NULL;
  if (!items)
    return -1;
  int64_t t0 = bench_now_ns();
  int rc = mproc_pool_imap(ctx, task_ident, items, (size_t)n, 1, &it);
  for (long i = 0; rc == 0 && i < n; i++) {
    mproc_value_t *v;
    rc = mproc_iter_next(it, MPROC_FOREVER, &v, NULL);
    if (rc == 0)
      mproc_values_free(v, 1);
  }
  int64_t t = bench_now_ns() - t0;
  mproc_iter_destroy(it);
  free(items);
  return rc == 0 ? t : -1;
}

static bench_rec_t *recs_of(long n) {
  bench_rec_t *r = calloc((size_t)n, sizeof *r);
  for (long i = 0; r && i < n; i++) {
    r[i].id = (int32_t)i;
    r[i].x = 0.5;
    memcpy(r[i].tag, "abcdefg", 8);
  }
  return r;
}

/* map_records: the array as it is, one message per chunk. */
static int64_t pool_records_run(void *ctx, long n) {
  bench_rec_t *recs = recs_of(n);
  mproc_value_t *r = NULL;
  if (!recs)
    return -1;
  int64_t t0 = bench_now_ns();
  int rc = mproc_pool_map_records(ctx, task_rec, recs, (size_t)n, sizeof *recs,
                                  0, &r);
  int64_t t = bench_now_ns() - t0;
  mproc_values_free(r, rc == 0 ? (size_t)n : 0);
  free(recs);
  return rc == 0 ? t : -1;
}

/* The same through map: a bytes value per record, built inside the timed
 * part, as the caller of map must. */
static int64_t pool_records_bytes_run(void *ctx, long n) {
  bench_rec_t *recs = recs_of(n);
  mproc_value_t *items = malloc((size_t)n * sizeof *items), *r = NULL;
  if (!recs || !items) {
    free(recs);
    free(items);
    return -1;
  }
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++)
    items[i] = mproc_bytes(&recs[i], sizeof recs[i]);
  int rc = mproc_pool_map(ctx, task_rec, items, (size_t)n, 0, &r);
  int64_t t = bench_now_ns() - t0;
  mproc_values_free(r, rc == 0 ? (size_t)n : 0);
  free(items);
  free(recs);
  return rc == 0 ? t : -1;
}

static void pool_teardown(void *ctx) {
  mproc_pool_destroy(ctx);
}

/* CPython: the same work timed inside python3 (Pool start excluded). */
static const char cpython_script[] =
    "import sys, time, multiprocessing as mp\n"
    "def f(x): return x\n"
    "if __name__ == '__main__':\n"
    "    n, mode = int(sys.argv[1]), sys.argv[2]\n"
    "    with mp.Pool(2) as p:\n"
    "        p.map(f, range(100))\n"
    "        t = time.perf_counter_ns()\n"
    "        if mode == 'map': p.map(f, range(n))\n"
    "        else: list(p.imap(f, range(n), 1))\n"
    "        print(time.perf_counter_ns() - t)\n";

static char script_path[256];

static void *cpython_setup(void) {
  snprintf(script_path, sizeof script_path, "/tmp/mproc-bench-pool-%lld.py",
           (long long)mproc_getpid());
  FILE *f = fopen(script_path, "w");
  if (!f)
    return BENCH_SKIP;
  fputs(cpython_script, f);
  fclose(f);
  FILE *p = popen("python3 -c 'import multiprocessing' 2>/dev/null", "r");
  if (!p || pclose(p) != 0) {
    fprintf(stderr, "# pool: no python3 here: CPython figures skipped\n");
    remove(script_path);
    return BENCH_SKIP;
  }
  return script_path;
}

static int64_t cpython_run(const char *mode, long n) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "python3 %s %ld %s", script_path, n, mode);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  long long ns = -1;
  if (fscanf(p, "%lld", &ns) != 1)
    ns = -1;
  pclose(p);
  return ns;
}

static int64_t cpython_map_run(void *ctx, long n) {
  (void)ctx;
  return cpython_run("map", n);
}

static int64_t cpython_imap1_run(void *ctx, long n) {
  (void)ctx;
  return cpython_run("imap", n);
}

static void cpython_teardown(void *ctx) {
  remove(ctx);
}

const bench_case_t bench_mproc_pool_map[] = {
    {"pool.map.mproc", pool_setup, pool_map_run, pool_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_map[] = {
    {"pool.map.cpython", cpython_setup, cpython_map_run, cpython_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_mproc_pool_imap1[] = {
    {"pool.imap1.mproc", pool_setup, pool_imap1_run, pool_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_imap1[] = {
    {"pool.imap1.cpython", cpython_setup, cpython_imap1_run, cpython_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_mproc_pool_records[] = {
    {"pool.records.mproc", pool_setup, pool_records_run, pool_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_records[] = {
    {"pool.records.map_bytes", pool_setup, pool_records_bytes_run,
     pool_teardown},
    {NULL, NULL, NULL, NULL},
};
