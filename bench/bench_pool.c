/* SPDX-License-Identifier: MIT */
/*
 * Pool throughput: trivial tasks through Pool(2).map (automatic chunks) and
 * imap with chunksize 1, against CPython's multiprocessing.Pool doing the
 * same in the same run (Debian's /usr/bin/python3, where present); and
 * map_records over an array of structs against map over a bytes value per
 * struct. Nanoseconds per task. pool.lifecycle: a Pool(2) created, given a
 * map of 100 tasks, closed and joined (microseconds each). pool.cpu: ~100
 * us of arithmetic per task, 2 workers against 1.
 *
 * Warm calls on both sides: each round makes one untimed call, then
 * WARM_CALLS timed ones, and reports their median. One call per round
 * timed cold (CPython's first map pays its workers' imports and its
 * pipes' first use) measured start-up as much as the pool.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* popen with -std=c11 */
#endif
#include "peers.h"

#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WARM_CALLS 5
#define PYTHON "/usr/bin/python3" /* Debian's, not whatever is on PATH */

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* One untimed call of @p run, then the median of WARM_CALLS timed ones. */
static int64_t warm_median(int64_t (*run)(void *, long), void *ctx, long n) {
  int64_t t[WARM_CALLS];
  if (run(ctx, n) < 0)
    return -1;
  for (int i = 0; i < WARM_CALLS; i++)
    if ((t[i] = run(ctx, n)) < 0)
      return -1;
  qsort(t, WARM_CALLS, sizeof t[0], cmp_i64);
  return t[WARM_CALLS / 2];
}

/* ~100 us of arithmetic (no clock, no memory): @p k rounds of an LCG. */
static uint64_t spin(int64_t k) {
  uint64_t x = 88172645463325252u;
  for (int64_t i = 0; i < k; i++)
    x = x * 6364136223846793005u + 1442695040888963407u;
  return x;
}

static int task_spin(const mproc_value_t *args, size_t nargs,
                     mproc_task_t *task) {
  int64_t k;
  if (nargs != 1 || mproc_value_as_int(&args[0], &k) != 0)
    return MPROC_E_INVAL;
  mproc_value_t v = mproc_int((int64_t)(spin(k) >> 2));
  return mproc_task_set_result(task, &v);
}

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
  mproc_register_task("bench.spin", task_spin);
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

static int64_t pool_map_once(void *ctx, long n) {
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

static int64_t pool_imap1_once(void *ctx, long n) {
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

/* pool.imap1 over a generator (mproc_pool_imap_gen, the default bound)
 * rather than an array: what lazy input costs per task. */
typedef struct int_gen {
  long next, n;
} int_gen_t;

static int int_gen(void *ctx, mproc_value_t *item) {
  int_gen_t *g = ctx;
  if (g->next >= g->n)
    return 0;
  *item = mproc_int(g->next++);
  return 1;
}

static int64_t pool_imap1_gen_once(void *ctx, long n) {
  int_gen_t g = {0, n};
  mproc_iter_t *it = NULL;
  int64_t t0 = bench_now_ns();
  int rc = mproc_pool_imap_gen(ctx, task_ident, int_gen, &g, 1, 0, &it);
  for (long i = 0; rc == 0 && i < n; i++) {
    mproc_value_t *v;
    rc = mproc_iter_next(it, MPROC_FOREVER, &v, NULL);
    if (rc == 0)
      mproc_values_free(v, 1);
  }
  int64_t t = bench_now_ns() - t0;
  mproc_iter_destroy(it);
  return rc == 0 ? t : -1;
}

static int64_t pool_imap1_gen_run(void *ctx, long n) {
  return warm_median(pool_imap1_gen_once, ctx, n);
}

static int64_t pool_map_run(void *ctx, long n) {
  return warm_median(pool_map_once, ctx, n);
}

static int64_t pool_imap1_run(void *ctx, long n) {
  return warm_median(pool_imap1_once, ctx, n);
}

/* pool.lifecycle: n times a Pool(2) made, a map of 100, close, join. */
static void *lifecycle_setup(void) {
  return items_of(100);
}

static int64_t lifecycle_once(void *ctx, long n) {
  mproc_pool_options_t o = {2, NULL, NULL, 0, 0, MPROC_START_DEFAULT};
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    mproc_pool_t *p = NULL;
    mproc_value_t *r = NULL;
    int rc = mproc_pool_create(&p, &o);
    if (rc == 0)
      rc = mproc_pool_map(p, task_ident, ctx, 100, 0, &r);
    mproc_values_free(r, rc == 0 ? 100 : 0);
    if (rc == 0)
      rc = mproc_pool_close(p);
    if (rc == 0)
      rc = mproc_pool_join(p, MPROC_FOREVER);
    mproc_pool_destroy(p);
    if (rc != 0) {
      fprintf(stderr, "mproc-bench: pool.lifecycle: %s\n", mproc_last_error());
      return -1;
    }
  }
  return bench_now_ns() - t0;
}

static int64_t lifecycle_run(void *ctx, long n) {
  return warm_median(lifecycle_once, ctx, n);
}

static void lifecycle_teardown(void *ctx) {
  free(ctx);
}

/* pool.cpu: the loop count that takes ~100 us here, measured once. */
static int64_t spin_k;

static int64_t spin_calibrate(void) {
  if (spin_k)
    return spin_k;
  int64_t k = 1000, t = 0;
  volatile uint64_t sink;
  for (;;) { /* grow until the loop takes >= 20 ms, then scale */
    int64_t t0 = bench_now_ns();
    sink = spin(k);
    t = bench_now_ns() - t0;
    if (t >= 20000000 || k > ((int64_t)1 << 40))
      break;
    k *= 4;
  }
  (void)sink;
  spin_k = k * 100000 / (t ? t : 1);
  fprintf(stderr, "# pool.cpu: %lld loop rounds ~ 100 us per task\n",
          (long long)spin_k);
  return spin_k;
}

typedef struct cpu_ctx {
  mproc_pool_t *pool;
  int64_t k;
} cpu_ctx_t;

static void *cpu_setup_n(unsigned workers) {
  cpu_ctx_t *c = calloc(1, sizeof *c);
  mproc_pool_options_t o = {workers, NULL, NULL, 0, 0, MPROC_START_DEFAULT};
  if (!c || mproc_pool_create(&c->pool, &o) != 0) {
    fprintf(stderr, "mproc-bench: pool.cpu: %s\n", mproc_last_error());
    free(c);
    return NULL;
  }
  c->k = spin_calibrate();
  return c;
}

static void *cpu_setup2(void) {
  return cpu_setup_n(2);
}

static void *cpu_setup1(void) {
  return cpu_setup_n(1);
}

static int64_t cpu_once(void *ctx, long n) {
  cpu_ctx_t *c = ctx;
  mproc_value_t *items = malloc((size_t)n * sizeof *items), *r = NULL;
  if (!items)
    return -1;
  for (long i = 0; i < n; i++)
    items[i] = mproc_int(c->k);
  int64_t t0 = bench_now_ns();
  int rc = mproc_pool_map(c->pool, task_spin, items, (size_t)n, 0, &r);
  int64_t t = bench_now_ns() - t0;
  mproc_values_free(r, rc == 0 ? (size_t)n : 0);
  free(items);
  return rc == 0 ? t : -1;
}

static int64_t cpu_run(void *ctx, long n) {
  return warm_median(cpu_once, ctx, n);
}

static void cpu_teardown(void *ctx) {
  cpu_ctx_t *c = ctx;
  if (c)
    mproc_pool_destroy(c->pool);
  free(c);
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

/* CPython: the same work timed inside Debian's python3 (Pool start
 * excluded but for lifecycle): one untimed call, then the median of
 * WARM_CALLS timed ones, as the mproc side does. */
static const char cpython_script[] =
    "import sys, time, multiprocessing as mp\n"
    "def f(x): return x\n"
    "def life(n):\n"
    "    for _ in range(n):\n"
    "        p = mp.Pool(2)\n"
    "        p.map(f, range(100))\n"
    "        p.close()\n"
    "        p.join()\n"
    "if __name__ == '__main__':\n"
    "    n, mode, reps = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])\n"
    "    def one():\n"
    "        t = time.perf_counter_ns()\n"
    "        if mode == 'map': p.map(f, range(n))\n"
    "        elif mode == 'imap': list(p.imap(f, range(n), 1))\n"
    "        else: life(n)\n"
    "        return time.perf_counter_ns() - t\n"
    "    with mp.Pool(2) as p:\n"
    "        one()\n"
    "        ts = sorted(one() for _ in range(reps))\n"
    "    print(ts[len(ts) // 2])\n";

static char script_path[256];

static void *cpython_setup(void) {
  snprintf(script_path, sizeof script_path, "/tmp/mproc-bench-pool-%lld.py",
           (long long)mproc_getpid());
  FILE *f = fopen(script_path, "w");
  if (!f)
    return BENCH_SKIP;
  fputs(cpython_script, f);
  fclose(f);
  FILE *p = popen(PYTHON " -c 'import multiprocessing' 2>/dev/null", "r");
  if (!p || pclose(p) != 0) {
    fprintf(stderr, "# pool: no " PYTHON " here: CPython figures skipped\n");
    remove(script_path);
    return BENCH_SKIP;
  }
  p = popen(PYTHON " --version 2>&1", "r");
  char version[128] = "";
  if (p) {
    if (!fgets(version, sizeof version, p))
      version[0] = '\0';
    pclose(p);
  }
  version[strcspn(version, "\n")] = '\0';
  fprintf(stderr, "# pool: CPython peer: " PYTHON " (%s)\n", version);
  return script_path;
}

static int64_t cpython_run(const char *mode, long n) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, PYTHON " %s %ld %s %d", script_path, n, mode,
           WARM_CALLS);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  long long ns = -1;
  if (fscanf(p, "%lld", &ns) != 1)
    ns = -1;
  pclose(p);
  return ns;
}

static int64_t cpython_life_run(void *ctx, long n) {
  (void)ctx;
  return cpython_run("life", n);
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
    {"pool.imap1.mproc_gen", pool_setup, pool_imap1_gen_run, pool_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_imap1[] = {
    {"pool.imap1.cpython", cpython_setup, cpython_imap1_run, cpython_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_mproc_pool_lifecycle[] = {
    {"pool.lifecycle.mproc", lifecycle_setup, lifecycle_run,
     lifecycle_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_lifecycle[] = {
    {"pool.lifecycle.cpython", cpython_setup, cpython_life_run,
     cpython_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_mproc_pool_cpu[] = {
    {"pool.cpu.mproc", cpu_setup2, cpu_run, cpu_teardown},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pool_cpu[] = {
    {"pool.cpu.1worker", cpu_setup1, cpu_run, cpu_teardown},
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
