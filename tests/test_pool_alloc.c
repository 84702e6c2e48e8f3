/* SPDX-License-Identifier: MIT */
/*
 * The pool's hot path allocates nothing per task. This program is linked
 * with --wrap=malloc, calloc and realloc (tests/CMakeLists.txt), so every
 * allocation mproc's own code makes (libmproc.a) goes through the counters
 * below, in the caller and in its worker alike; libc's internal ones are
 * not counted. After a warm-up call (the worker's buffers grow to a
 * chunk's size once), a map of 2,000 ints and one of 200,000 are counted:
 * the larger, with 100 times the tasks and about 16 times the chunks, may
 * take only a few more allocations (its table of chunks grows by
 * doubling), in the caller and in the worker.
 *
 * Before the hot path was rewritten, each chunk cost about ten allocations
 * on the two sides (messages encoded, copied and decoded into blocks), so
 * the larger map took hundreds more.
 *
 * Large blocks are counted apart: a second map of the size of an earlier
 * one takes none in the caller, as the pool keeps the blocks of the first
 * (its chunk messages, and its result array once the caller freed it) for
 * reuse. Fresh ones came back from the OS untouched each time, a page
 * fault per 4 KiB: a quarter of pool.map's time.
 */
#include "harness.h"
#include "internal.h" /* mproc__fetch_add32: the pool's thread allocates too */

#include <stdio.h>
#include <stdlib.h>

static volatile uint32_t allocs;
/* Allocations of at least LARGE_BLOCK bytes (what malloc takes from the
 * OS afresh, untouched). */
static volatile uint32_t large_allocs;
#define LARGE_BLOCK ((size_t)128 * 1024)

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

void *__wrap_malloc(size_t n) {
  mproc__fetch_add32(&allocs, 1);
  if (n >= LARGE_BLOCK)
    mproc__fetch_add32(&large_allocs, 1);
  return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size) {
  mproc__fetch_add32(&allocs, 1);
  if (size && n >= LARGE_BLOCK / size)
    mproc__fetch_add32(&large_allocs, 1);
  return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n) {
  mproc__fetch_add32(&allocs, 1);
  if (n >= LARGE_BLOCK)
    mproc__fetch_add32(&large_allocs, 1);
  return __real_realloc(p, n);
}

/* The calls of a map of ints are about this many tasks; the larger is
 * LARGE_MAP (a CI-sized figure: a map of 200,000 ints takes milliseconds). */
#define SMALL_MAP 2000
#define LARGE_MAP 200000
/* More allocations the larger map may take than the smaller, on each
 * side: the chunk table's doublings and a little slack. */
#define EXTRA_MAX 12

static int task_ident(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  return nargs == 1 ? mproc_task_set_result(task, &args[0]) : MPROC_E_INVAL;
}

/* The worker's count of allocations so far. */
static int task_count(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  (void)args;
  (void)nargs;
  mproc_value_t v = mproc_int(mproc__load32(&allocs));
  return mproc_task_set_result(task, &v);
}

static int64_t worker_count(mproc_pool_t *p) {
  mproc_value_t *r = NULL;
  int64_t n = -1;
  assert_int_equal(mproc_pool_apply(p, task_count, NULL, 0, &r), 0);
  assert_int_equal(mproc_value_as_int(&r[0], &n), 0);
  mproc_values_free(r, 1);
  return n;
}

/* A map of the first @p n items, its results checked: the caller's
 * allocations during the call in *mine, the large ones among them in
 * *large. */
static void map_counted(mproc_pool_t *p, const mproc_value_t *items, size_t n,
                        uint32_t *mine, uint32_t *large) {
  mproc_value_t *r = NULL;
  uint32_t before = mproc__load32(&allocs);
  uint32_t large_before = mproc__load32(&large_allocs);
  int rc = mproc_pool_map(p, task_ident, items, n, 0, &r);
  *mine = mproc__load32(&allocs) - before;
  *large = mproc__load32(&large_allocs) - large_before;
  assert_int_equal(rc, 0);
  for (size_t i = 0; i < n; i++) {
    int64_t x = -1;
    assert_int_equal(mproc_value_as_int(&r[i], &x), 0);
    assert_true(x == (int64_t)i);
  }
  mproc_values_free(r, n);
}

static void test_map_allocations(void **state) {
  mproc_pool_options_t o = {1, NULL, NULL, 0, 0, TEST_METHOD(state)};
  mproc_pool_t *p = NULL;
  assert_int_equal(mproc_pool_create(&p, &o), 0);
  mproc_value_t *items = malloc(LARGE_MAP * sizeof *items);
  assert_non_null(items);
  for (size_t i = 0; i < LARGE_MAP; i++)
    items[i] = mproc_int((int64_t)i);
  uint32_t warm, small, large, warm_big, small_big, large_big;
  map_counted(p, items, LARGE_MAP, &warm, &warm_big);
  int64_t w0 = worker_count(p);
  map_counted(p, items, SMALL_MAP, &small, &small_big);
  int64_t w1 = worker_count(p);
  map_counted(p, items, LARGE_MAP, &large, &large_big);
  int64_t w2 = worker_count(p);
  print_message("caller: %u allocations for %d tasks, %u for %d; worker: "
                "%lld, %lld; large blocks: %u in the first map of %d, %u "
                "in the second\n",
                (unsigned)small, SMALL_MAP, (unsigned)large, LARGE_MAP,
                (long long)(w1 - w0), (long long)(w2 - w1), (unsigned)warm_big,
                LARGE_MAP, (unsigned)large_big);
  assert_true(large <= small + EXTRA_MAX);
  assert_true(warm_big > 0); /* else the count below proves nothing */
  assert_int_equal(large_big, 0);
  assert_true(w2 - w1 <= w1 - w0 + EXTRA_MAX);
  free(items);
  assert_int_equal(mproc_pool_close(p), 0);
  assert_int_equal(mproc_pool_join(p, 60), 0);
  mproc_pool_destroy(p);
}

int main(int argc, char **argv) {
  mproc_register_task("ident", task_ident);
  mproc_register_task("count", task_count);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_map_allocations),
  };
  return harness_run(argc, argv, "pool_alloc", tests,
                     sizeof tests / sizeof tests[0]);
}
