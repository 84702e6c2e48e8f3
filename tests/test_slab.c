/* SPDX-License-Identifier: MIT */
/*
 * Objects at scale (src/slab.c): small objects share slabs, so a process
 * makes as many as memory allows on a common descriptor budget, children
 * reach them as before, and a slot goes back only when no process can
 * reach its object.
 */
#include "harness.h"

#include "slab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif

/* Always the full size: creating a lock costs well under a
 * microsecond, so 100,000 take a fraction of a second. */
#define MANY 100000
#define SAMPLE 64
/* More than a slab of Lock-sized slots (4,095): a free slot anywhere in
 * the first slab would be reused. */
#define AFTER 8200

/* The common default soft limit, which the old layout (a descriptor per
 * lock) stopped at, after 1,019 locks. */
static void limit_descriptors(void) {
#ifndef _WIN32
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 1024) {
    rl.rlim_cur = 1024;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
  }
#endif
}

/* The /proc/self/maps lines: mappings of this process (Linux), or -1. */
static int count_maps(void) {
#if defined(__linux__)
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f)
    return -1;
  int n = 0, c;
  while ((c = fgetc(f)) != EOF)
    n += c == '\n';
  fclose(f);
  return n;
#else
  return -1;
#endif
}

/* args: SAMPLE locks, the even ones held by the parent. Takes the odd ones
 * and keeps them: the parent checks they are held. */
static int child_sample(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == SAMPLE, 10);
  for (size_t i = 0; i < nargs; i++) {
    mproc_lock_t *l;
    CHECK(mproc_value_as_lock(&args[i], &l) == 0, 11);
    if (i % 2 == 0) {
      CHECK(mproc_lock_try_acquire(l) == MPROC_E_BUSY, 12);
    } else {
      CHECK(mproc_lock_try_acquire(l) == 0, 13);
    }
  }
  return 0;
}

static void test_many_locks(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  limit_descriptors();
  int handles = harness_count_handles();
  size_t slabs = mproc__slab_count(); /* kept from earlier cases, if any */
  mproc_lock_t **locks = calloc(MANY, sizeof *locks);
  assert_non_null(locks);
  for (int i = 0; i < MANY; i++) {
    int rc = mproc_lock_create(&locks[i]);
    if (rc != 0)
      print_error("lock %d: %s: %s\n", i, mproc_err_name(rc),
                  mproc_last_error());
    assert_int_equal(rc, 0);
  }
  /* 25 slabs of 4,095 locks: a descriptor (Windows: a mapping and a
   * semaphore) each, not one per lock. */
  int grown = harness_count_handles() - handles;
  print_message("slab: %d locks on %d new descriptors or handles, %u slabs\n",
                MANY, grown, (unsigned)mproc__slab_count());
  assert_true(grown <= 2 * (MANY / 4095 + 1));
  mproc_value_t args[SAMPLE];
  for (int i = 0; i < SAMPLE; i++) {
    mproc_lock_t *l = locks[(size_t)i * (MANY / SAMPLE) + (size_t)i % 7];
    args[i] = mproc_obj(l);
    if (i % 2 == 0)
      assert_int_equal(mproc_lock_acquire(l, 0), 0);
  }
  harness_expect_exit(harness_start(child_sample, args, SAMPLE, m), 0);
  for (int i = 0; i < SAMPLE; i++) {
    mproc_lock_t *l;
    assert_int_equal(mproc_value_as_lock(&args[i], &l), 0);
    assert_int_equal(mproc_lock_locked(l), 1); /* ours, or the child's */
    assert_int_equal(mproc_lock_release(l), 0);
  }
  for (int i = 0; i < MANY; i++) {
    assert_int_equal(mproc_lock_acquire(locks[i], 0), 0);
    assert_int_equal(mproc_lock_release(locks[i]), 0);
    mproc_lock_destroy(locks[i]);
  }
  free(locks);
  /* At most the empty current one of the Lock's size class, kept. */
  assert_true(mproc__slab_count() <= slabs + 1);
}

#define EVENTS 20000
#define BARRIERS 2000
#define ESAMPLE 16

/* args: ESAMPLE events, then a barrier of two. Sets the odd events, then
 * meets the parent at the barrier. */
static int child_events(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == ESAMPLE + 1, 10);
  for (size_t i = 0; i < ESAMPLE; i++) {
    mproc_event_t *e;
    CHECK(mproc_value_as_event(&args[i], &e) == 0, 11);
    CHECK(mproc_event_is_set(e) == 0, 12);
    if (i % 2)
      CHECK(mproc_event_set(e) == 0, 13);
  }
  mproc_barrier_t *b;
  CHECK(mproc_value_as_barrier(&args[ESAMPLE], &b) == 0, 14);
  CHECK(mproc_barrier_wait(b, 60, NULL) == 0, 15);
  return 0;
}

/* Events and Barriers are slab objects too: far more than the descriptor
 * limit, and a sample works in a child. */
static void test_many_events(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  limit_descriptors();
  int handles = harness_count_handles();
  mproc_event_t **ev = calloc(EVENTS, sizeof *ev);
  mproc_barrier_t **ba = calloc(BARRIERS, sizeof *ba);
  assert_non_null(ev);
  assert_non_null(ba);
  for (int i = 0; i < EVENTS; i++)
    assert_int_equal(mproc_event_create(&ev[i]), 0);
  for (int i = 0; i < BARRIERS; i++)
    assert_int_equal(mproc_barrier_create(&ba[i], 2, NULL), 0);
  int grown = harness_count_handles() - handles;
  print_message("slab: %d events and %d barriers on %d new descriptors or "
                "handles\n",
                EVENTS, BARRIERS, grown);
  assert_true(grown <= 40);
  mproc_value_t args[ESAMPLE + 1];
  for (int i = 0; i < ESAMPLE; i++)
    args[i] = mproc_obj(ev[(size_t)i * (EVENTS / ESAMPLE) + 3]);
  mproc_barrier_t *b = ba[BARRIERS / 2 + 1];
  args[ESAMPLE] = mproc_obj(b);
  mproc_process_t *p = harness_start(child_events, args, ESAMPLE + 1, m);
  assert_true(mproc_barrier_wait(b, 60, NULL) == 0);
  harness_expect_exit(p, 0);
  for (int i = 0; i < ESAMPLE; i++) {
    mproc_event_t *e;
    assert_int_equal(mproc_value_as_event(&args[i], &e), 0);
    assert_int_equal(mproc_event_is_set(e), i % 2);
  }
  for (int i = 0; i < EVENTS; i++)
    mproc_event_destroy(ev[i]);
  for (int i = 0; i < BARRIERS; i++)
    mproc_barrier_destroy(ba[i]);
  free(ev);
  free(ba);
}

#define VALUES 20000
#define VSAMPLE 16

/* args: VSAMPLE values. Adds 1000 + i to the i-th, under its lock. */
static int child_values(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == VSAMPLE, 10);
  for (size_t i = 0; i < nargs; i++) {
    mproc_shared_value_t *v;
    int64_t x;
    CHECK(mproc_value_as_shared_value(&args[i], &v) == 0, 11);
    CHECK(mproc_shared_value_get_int(v, &x) == 0 && x == (int64_t)i, 12);
    CHECK(mproc_shared_value_set_int(v, x + 1000) == 0, 13);
  }
  return 0;
}

/* Shared values (each with its RLock, CPython's default) are slab objects:
 * two slots each, no descriptor. */
static void test_many_values(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  limit_descriptors();
  int handles = harness_count_handles();
  mproc_shared_value_t **v = calloc(VALUES, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < VALUES; i++)
    assert_int_equal(mproc_shared_value_create(&v[i], MPROC_C_INT64, true), 0);
  int grown = harness_count_handles() - handles;
  print_message("slab: %d values with locks on %d new descriptors or "
                "handles\n",
                VALUES, grown);
  assert_true(grown <= 40);
  mproc_value_t args[VSAMPLE];
  for (int i = 0; i < VSAMPLE; i++) {
    mproc_shared_value_t *x = v[(size_t)i * (VALUES / VSAMPLE) + 5];
    assert_int_equal(mproc_shared_value_set_int(x, i), 0);
    args[i] = mproc_obj(x);
  }
  harness_expect_exit(harness_start(child_values, args, VSAMPLE, m), 0);
  for (int i = 0; i < VSAMPLE; i++) {
    mproc_shared_value_t *x;
    int64_t got;
    assert_int_equal(mproc_value_as_shared_value(&args[i], &x), 0);
    assert_int_equal(mproc_shared_value_get_int(x, &got), 0);
    assert_int_equal(got, 1000 + i);
  }
  for (int i = 0; i < VALUES; i++)
    mproc_shared_value_destroy(v[i]);
  free(v);
}

#define CONDITIONS 10000
#define CSAMPLE 16

/* args: CSAMPLE conditions, then a semaphore. On each: a wait that times
 * out and a notify; on the last, a wait the parent's notify ends. */
static int child_conditions(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs == CSAMPLE + 1, 10);
  mproc_condition_t *c = NULL;
  mproc_semaphore_t *sleeping;
  CHECK(mproc_value_as_semaphore(&args[CSAMPLE], &sleeping) == 0, 11);
  for (size_t i = 0; i < CSAMPLE; i++) {
    CHECK(mproc_value_as_condition(&args[i], &c) == 0, 12);
    CHECK(mproc_condition_acquire(c, 60) == 0, 13);
    CHECK(mproc_condition_wait(c, 0) == MPROC_E_TIMEOUT, 14);
    CHECK(mproc_condition_notify(c, 1) == 0, 15);
    CHECK(mproc_condition_release(c) == 0, 16);
  }
  CHECK(mproc_condition_acquire(c, 60) == 0, 17);
  CHECK(mproc_semaphore_release(sleeping) == 0, 18);
  CHECK(mproc_condition_wait(c, 60) == 0, 19);
  CHECK(mproc_condition_release(c) == 0, 20);
  return 0;
}

/* Conditions are slab objects (with their waiters in the slot or the
 * slab's waiter area, and their RLock in a slot): 10,000 on a common
 * descriptor budget, where a region each stopped at about a thousand, and
 * a sample works in a child. */
static void test_many_conditions(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  limit_descriptors();
  int handles = harness_count_handles();
  mproc_condition_t **c = calloc(CONDITIONS, sizeof *c);
  assert_non_null(c);
  for (int i = 0; i < CONDITIONS; i++) {
    int rc = mproc_condition_create(&c[i], NULL);
    if (rc != 0)
      print_error("condition %d: %s: %s\n", i, mproc_err_name(rc),
                  mproc_last_error());
    assert_int_equal(rc, 0);
  }
  int grown = harness_count_handles() - handles;
  print_message("slab: %d conditions on %d new descriptors or handles\n",
                CONDITIONS, grown);
  assert_true(grown <= 40);
  mproc_semaphore_t *sleeping;
  assert_int_equal(mproc_semaphore_create(&sleeping, 0), 0);
  mproc_value_t args[CSAMPLE + 1];
  for (int i = 0; i < CSAMPLE; i++)
    args[i] = mproc_obj(c[(size_t)i * (CONDITIONS / CSAMPLE) + 7]);
  args[CSAMPLE] = mproc_obj(sleeping);
  mproc_condition_t *last =
      c[(size_t)(CSAMPLE - 1) * (CONDITIONS / CSAMPLE) + 7];
  mproc_process_t *p = harness_start(child_conditions, args, CSAMPLE + 1, m);
  assert_int_equal(mproc_semaphore_acquire(sleeping, 60), 0);
  assert_int_equal(mproc_condition_acquire(last, 60), 0); /* it waits */
  assert_int_equal(mproc_condition_notify(last, 1), 0);
  assert_int_equal(mproc_condition_release(last), 0);
  harness_expect_exit(p, 0);
  for (int i = 0; i < CONDITIONS; i++)
    mproc_condition_destroy(c[i]);
  free(c);
  mproc_semaphore_destroy(sleeping);
}

/* Every type in the Lock family, and a Condition, created and destroyed
 * in turn. */
static void cycle(int i) {
  switch (i % 5) {
  case 0: {
    mproc_lock_t *l;
    assert_int_equal(mproc_lock_create(&l), 0);
    mproc_lock_destroy(l);
    break;
  }
  case 1: {
    mproc_rlock_t *l;
    assert_int_equal(mproc_rlock_create(&l), 0);
    mproc_rlock_destroy(l);
    break;
  }
  case 2: {
    mproc_semaphore_t *s;
    assert_int_equal(mproc_semaphore_create(&s, 3), 0);
    mproc_semaphore_destroy(s);
    break;
  }
  case 3: {
    mproc_semaphore_t *s;
    assert_int_equal(mproc_bounded_semaphore_create(&s, 3), 0);
    mproc_semaphore_destroy(s);
    break;
  }
  default: {
    mproc_condition_t *c;
    assert_int_equal(mproc_condition_create(&c, NULL), 0);
    mproc_condition_destroy(c);
    break;
  }
  }
}

static void test_create_destroy_cycles(void **state) {
  (void)state;
  limit_descriptors();
  for (int i = 0; i < 5; i++)
    cycle(i); /* the current slabs, kept from here on */
  int handles = harness_count_handles();
  size_t slabs = mproc__slab_count();
  int maps = count_maps();
  int shm = harness_count_shm("mproc-");
  size_t used = mproc__slab_used();
  for (int i = 0; i < MANY; i++)
    cycle(i);
  assert_int_equal(harness_count_handles(), handles);
  assert_int_equal(count_maps(), maps);
  assert_int_equal(harness_count_shm("mproc-"), shm);
  assert_int_equal(mproc__slab_used(), used);
  /* Several slabs' worth at once, then none: the extra slabs go. */
  mproc_lock_t **locks = calloc(AFTER * 2, sizeof *locks);
  assert_non_null(locks);
  for (int i = 0; i < AFTER * 2; i++)
    assert_int_equal(mproc_lock_create(&locks[i]), 0);
  assert_true(mproc__slab_count() >= 4);
  for (int i = 0; i < AFTER * 2; i++)
    mproc_lock_destroy(locks[i]);
  free(locks);
  assert_int_equal(harness_count_handles(), handles);
  assert_int_equal(count_maps(), maps);
  assert_int_equal(mproc__slab_used(), used);
  assert_int_equal(mproc__slab_count(), slabs);
}

/* args: K locks, ready event, never-set event. Takes every lock, says so,
 * and waits to be killed. */
static int child_hold(const mproc_value_t *args, size_t nargs) {
  CHECK(nargs >= 2, 10);
  mproc_event_t *ready, *never;
  CHECK(mproc_value_as_event(&args[nargs - 2], &ready) == 0, 11);
  CHECK(mproc_value_as_event(&args[nargs - 1], &never) == 0, 12);
  for (size_t i = 0; i + 2 < nargs; i++) {
    mproc_lock_t *l;
    CHECK(mproc_value_as_lock(&args[i], &l) == 0, 13);
    CHECK(mproc_lock_acquire(l, 0) == 0, 14);
  }
  CHECK(mproc_event_set(ready) == 0, 15);
  mproc_event_wait(never, 120);
  return 16;
}

#define HELD 32

static void test_killed_holder(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_event_t *ready, *never;
  assert_int_equal(mproc_event_create(&ready), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_lock_t *held[HELD];
  mproc_value_t args[HELD + 2];
  for (int i = 0; i < HELD; i++) {
    assert_int_equal(mproc_lock_create(&held[i]), 0);
    args[i] = mproc_obj(held[i]);
  }
  args[HELD] = mproc_obj(ready);
  args[HELD + 1] = mproc_obj(never);
  size_t used = mproc__slab_used();
  mproc_process_t *p = harness_start(child_hold, args, HELD + 2, m);
  assert_int_equal(mproc_event_wait(ready, 60), 0);
  assert_int_equal(mproc_process_kill(p), 0);
  assert_int_equal(mproc_process_join(p, 60), 0);
  int code = 0;
  assert_int_equal(mproc_process_exitcode(p, &code), 0);
  assert_int_equal(code, -MPROC_SIGKILL);
  mproc_process_destroy(p);
  /* The child died holding every lock and its references to their slots. */
  for (int i = 0; i < HELD; i++) {
    assert_int_equal(mproc_lock_locked(held[i]), 1);
    mproc_lock_destroy(held[i]);
  }
  /* Its slots stay taken (a leak until the slab goes), so no new object
   * lands on a lock the dead child holds. */
  assert_int_equal(mproc__slab_used(), used);
  mproc_lock_t **after = calloc(AFTER, sizeof *after);
  assert_non_null(after);
  for (int i = 0; i < AFTER; i++) {
    assert_int_equal(mproc_lock_create(&after[i]), 0);
    assert_int_equal(mproc_lock_locked(after[i]), 0);
    assert_int_equal(mproc_lock_try_acquire(after[i]), 0);
  }
  for (int i = 0; i < AFTER; i++) {
    assert_int_equal(mproc_lock_release(after[i]), 0);
    mproc_lock_destroy(after[i]);
  }
  free(after);
  mproc_event_destroy(ready);
  mproc_event_destroy(never);
}

/* args: the same lock twice. */
static int child_twice(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *a, *b;
  CHECK(nargs == 2 && mproc_value_as_lock(&args[0], &a) == 0 &&
            mproc_value_as_lock(&args[1], &b) == 0,
        10);
  CHECK(mproc_lock_acquire(a, 0) == 0, 11);
  CHECK(mproc_lock_locked(b) == 1, 12);
  CHECK(mproc_lock_release(b) == 0, 13);
  return 0;
}

/* A child that ends normally gives its references back: the slot is free
 * once the parent destroys its object. */
static void test_references_return(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_lock_t *warm;
  assert_int_equal(mproc_lock_create(&warm), 0);
  size_t used = mproc__slab_used();
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  mproc_value_t args[2] = {mproc_obj(l), mproc_obj(l)};
  harness_expect_exit(harness_start(child_twice, args, 2, m), 0);
  assert_int_equal(mproc__slab_used(), used + 1);
  mproc_lock_destroy(l);
  assert_int_equal(mproc__slab_used(), used);
  mproc_lock_destroy(warm);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("sample", child_sample);
  mproc_register("hold", child_hold);
  mproc_register("twice", child_twice);
  mproc_register("events", child_events);
  mproc_register("values", child_values);
  mproc_register("conditions", child_conditions);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_many_locks),
      cmocka_unit_test(test_many_events),
      cmocka_unit_test(test_many_values),
      cmocka_unit_test(test_many_conditions),
      cmocka_unit_test(test_create_destroy_cycles),
      cmocka_unit_test(test_killed_holder),
      cmocka_unit_test(test_references_return),
  };
  return harness_run(argc, argv, "slab", tests, sizeof tests / sizeof tests[0]);
}
