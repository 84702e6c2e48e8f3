/*
 * Event, Condition, Barrier and owner death across processes, under every
 * start method.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Children exit with 0 or the number of the step that failed (CHECK, in
 * harness.h, also says which). */

/* ------------------------------------------------------------------------ */
/* Event                                                                    */
/* ------------------------------------------------------------------------ */

/* args: event, ready semaphore, done semaphore */
static int child_event_wait(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *e;
  mproc_semaphore_t *ready, *done;
  CHECK(nargs == 3 && mproc_value_as_event(&args[0], &e) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_semaphore(&args[2], &done) == 0,
        10);
  CHECK(mproc_event_is_set(e) == 0, 11);
  CHECK(mproc_event_wait(e, 0) == MPROC_E_TIMEOUT, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  CHECK(mproc_event_wait(e, 60.0) == 0, 14);
  CHECK(mproc_event_is_set(e) == 1, 15);
  CHECK(mproc_semaphore_release(done) == 0, 16);
  return 0;
}

static void test_event(void **state) {
  mproc_event_t *e;
  mproc_semaphore_t *ready, *done;
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&done, 0), 0);
  mproc_value_t a[] = {mproc_obj(e), mproc_obj(ready), mproc_obj(done)};
  mproc_process_t *p[3];
  for (int i = 0; i < 3; i++)
    p[i] = harness_start(child_event_wait, a, 3, TEST_METHOD(state));
  for (int i = 0; i < 3; i++)
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  /* Nobody passes before the set. */
  assert_int_equal(mproc_semaphore_acquire(done, 0.2), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_event_set(e), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_event_is_set(e), 1);
  assert_int_equal(mproc_event_wait(e, 0), 0);
  assert_int_equal(mproc_event_clear(e), 0);
  assert_int_equal(mproc_event_is_set(e), 0);
  double t0 = harness_now();
  assert_int_equal(mproc_event_wait(e, 0.1), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.1);
  assert_int_equal(mproc_event_wait(e, -0.5), MPROC_E_INVAL);
  mproc_event_destroy(e);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(done);
}

/* args: event, iterations. Sets and clears, racing the parent's waits. */
static int child_event_toggle(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *e;
  int64_t n;
  CHECK(nargs == 2 && mproc_value_as_event(&args[0], &e) == 0 &&
            mproc_value_as_int(&args[1], &n) == 0,
        10);
  for (int64_t i = 0; i < n; i++) {
    CHECK(mproc_event_set(e) == 0, 11);
    harness_yield();
    CHECK(mproc_event_clear(e) == 0, 12);
  }
  CHECK(mproc_event_set(e) == 0, 13);
  return 0;
}

/* Short timeouts racing sets: every wait ends (set or timed out), and the
 * final set is never lost. */
static void test_event_timeouts_race(void **state) {
  mproc_event_t *e;
  assert_int_equal(mproc_event_create(&e), 0);
  mproc_value_t a[] = {mproc_obj(e), mproc_int(2000)};
  mproc_process_t *p =
      harness_start(child_event_toggle, a, 2, TEST_METHOD(state));
  int rc;
  do {
    rc = mproc_event_wait(e, 0.001);
    assert_true(rc == 0 || rc == MPROC_E_TIMEOUT);
    if (rc == 0)
      mproc_event_clear(e);
  } while (mproc_process_is_alive(p) == 1);
  harness_expect_exit(p, 0);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* Condition                                                                */
/* ------------------------------------------------------------------------ */

/* The shared state of the producer/consumer tests: the number of items is
 * a semaphore's value, read and changed only with the Condition held. */
static mproc_semaphore_t *g_items;

static bool have_items(void *arg) {
  (void)arg;
  unsigned v = 0;
  mproc_semaphore_value(g_items, &v);
  return v > 0;
}

/* args: condition, items semaphore, count, timeout per wait. Consumes
 * count items; waits with a short timeout race the producer's notifies. */
static int child_consumer(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  int64_t n;
  double t;
  CHECK(nargs == 4 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &g_items) == 0 &&
            mproc_value_as_int(&args[2], &n) == 0 &&
            mproc_value_as_double(&args[3], &t) == 0,
        10);
  for (int64_t i = 0; i < n; i++) {
    CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
    double t0 = harness_now();
    int rc;
    while ((rc = mproc_condition_wait_for(c, have_items, NULL, t)) ==
           MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 60.0, 12); /* a lost wake-up */
    CHECK(rc == 0, 13);
    CHECK(mproc_semaphore_try_acquire(g_items) == 0, 14);
    CHECK(mproc_condition_release(c) == 0, 15);
  }
  return 0;
}

static void producer_consumer(mproc_start_method_t m, void *lock, bool all,
                              double wait_timeout) {
  enum { NCONS = 3, PER = 40 };
  mproc_condition_t *c;
  assert_int_equal(mproc_condition_create(&c, lock), 0);
  assert_int_equal(mproc_semaphore_create(&g_items, 0), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(g_items), mproc_int(PER),
                       mproc_double(wait_timeout)};
  mproc_process_t *p[NCONS];
  for (int i = 0; i < NCONS; i++)
    p[i] = harness_start(child_consumer, a, 4, m);
  for (int i = 0; i < NCONS * PER; i++) {
    assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
    assert_int_equal(mproc_semaphore_release(g_items), 0);
    if (all)
      assert_int_equal(mproc_condition_notify_all(c), 0);
    else
      assert_int_equal(mproc_condition_notify(c, 1), 0);
    assert_int_equal(mproc_condition_release(c), 0);
    if (i % 8 == 0)
      harness_yield();
  }
  for (int i = 0; i < NCONS; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 99;
  assert_int_equal(mproc_semaphore_value(g_items, &v), 0);
  assert_int_equal(v, 0);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(g_items);
}

static void test_condition_notify_one_rlock(void **state) {
  producer_consumer(TEST_METHOD(state), NULL, false, MPROC_FOREVER);
}

static void test_condition_notify_all_lock(void **state) {
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  producer_consumer(TEST_METHOD(state), l, true, MPROC_FOREVER);
  mproc_lock_destroy(l);
}

/* Timeouts of 1 ms racing the notifies: no wake-up is lost for good. */
static void test_condition_timeouts_race(void **state) {
  mproc_rlock_t *r;
  assert_int_equal(mproc_rlock_create(&r), 0);
  producer_consumer(TEST_METHOD(state), r, false, 0.001);
  mproc_rlock_destroy(r);
}

/* args: condition, ready semaphore, woken semaphore. Waits once. */
static int child_cond_waiter(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready, *woken;
  CHECK(nargs == 3 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_semaphore(&args[2], &woken) == 0,
        10);
  CHECK(mproc_condition_acquire(c, 60.0) == 0, 11);
  /* Signalled with the lock held: the parent, to take the lock, must wait
   * until this process has released it inside the wait. */
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  CHECK(mproc_condition_wait(c, 60.0) == 0, 13);
  CHECK(mproc_semaphore_release(woken) == 0, 14);
  CHECK(mproc_condition_release(c) == 0, 15);
  return 0;
}

/* notify(1) wakes exactly one of three waiters; notify_all the rest. */
static void test_condition_notify_counts(void **state) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready, *woken;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_semaphore_create(&woken, 0), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(ready), mproc_obj(woken)};
  mproc_process_t *p[3];
  for (int i = 0; i < 3; i++) {
    p[i] = harness_start(child_cond_waiter, a, 3, TEST_METHOD(state));
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
    assert_int_equal(mproc_condition_acquire(c, 60.0), 0); /* it waits */
    assert_int_equal(mproc_condition_release(c), 0);
  }
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify(c, 1), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_semaphore_acquire(woken, 60.0), 0);
  assert_int_equal(mproc_semaphore_acquire(woken, 0.3), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_acquire(c, 60.0), 0);
  assert_int_equal(mproc_condition_notify_all(c), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  for (int i = 0; i < 3; i++)
    harness_expect_exit(p[i], 0);
  unsigned v;
  assert_int_equal(mproc_semaphore_value(woken, &v), 0);
  assert_int_equal(v, 2);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(ready);
  mproc_semaphore_destroy(woken);
}

static void test_condition_errors(void **state) {
  (void)state;
  mproc_condition_t *c;
  mproc_rlock_t *r;
  mproc_lock_t *l;
  mproc_event_t *e;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_condition_create(NULL, NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_create(&c, e), MPROC_E_TYPE);
  /* Over an RLock the caller does not hold. */
  assert_int_equal(mproc_condition_create(&c, r), 0);
  assert_int_equal(mproc_condition_wait(c, 1.0), MPROC_E_PERM);
  assert_string_equal(mproc_last_error(), "cannot wait on un-acquired lock");
  assert_int_equal(mproc_condition_notify(c, 1), MPROC_E_PERM);
  assert_int_equal(mproc_condition_notify_all(c), MPROC_E_PERM);
  assert_int_equal(mproc_condition_acquire(c, 0), 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0); /* depth 2 */
  assert_int_equal(mproc_condition_wait(c, -1.5), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_notify(c, -1), MPROC_E_VALUE);
  assert_int_equal(mproc_condition_notify(c, 5), 0); /* nobody waits */
  double t0 = harness_now();
  assert_int_equal(mproc_condition_wait(c, 0.05), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.05);
  assert_int_equal(mproc_rlock_count(r), 2); /* taken back at depth 2 */
  assert_int_equal(mproc_condition_wait_for(c, NULL, NULL, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), MPROC_E_PERM);
  mproc_condition_destroy(c);
  /* Over a Lock that nobody holds. */
  assert_int_equal(mproc_condition_create(&c, l), 0);
  assert_int_equal(mproc_condition_wait(c, 0), MPROC_E_PERM);
  assert_int_equal(mproc_condition_acquire(c, 0), 0);
  assert_int_equal(mproc_condition_wait(c, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_lock_locked(l), 1);
  assert_int_equal(mproc_condition_release(c), 0);
  mproc_condition_destroy(c);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  /* The wrong kind of object. */
  assert_int_equal(mproc_condition_notify((mproc_condition_t *)(void *)e, 1),
                   MPROC_E_TYPE);
  assert_int_equal(mproc_condition_notify(NULL, 1), MPROC_E_INVAL);
  mproc_event_destroy(e);
}

/* ------------------------------------------------------------------------ */
/* Barrier                                                                  */
/* ------------------------------------------------------------------------ */

/* The action counts its runs in a semaphore that each process sets here. */
static mproc_semaphore_t *g_action_count;

static int barrier_action(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return mproc_semaphore_release(g_action_count) == 0 ? 0 : 1;
}

static int barrier_action_fails(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 3;
}

/* args: barrier, action counter, generations */
static int child_barrier(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  int64_t gens;
  CHECK(nargs == 3 && mproc_value_as_barrier(&args[0], &b) == 0 &&
            mproc_value_as_semaphore(&args[1], &g_action_count) == 0 &&
            mproc_value_as_int(&args[2], &gens) == 0,
        10);
  int parties = mproc_barrier_parties(b);
  for (int64_t i = 0; i < gens; i++) {
    unsigned idx = 999;
    CHECK(mproc_barrier_wait(b, 60.0, &idx) == 0, 11);
    CHECK(idx < (unsigned)parties, 12);
  }
  return 0;
}

/* Four parties (three children and this process) over many generations;
 * the action runs once per generation, in whichever process came last. */
static void test_barrier_generations(void **state) {
  enum { NCHILD = 3, GENS = 60 };
  mproc_barrier_t *b;
  assert_int_equal(mproc_semaphore_create(&g_action_count, 0), 0);
  assert_int_equal(mproc_barrier_create(&b, NCHILD + 1, barrier_action), 0);
  assert_int_equal(mproc_barrier_parties(b), NCHILD + 1);
  mproc_value_t a[] = {mproc_obj(b), mproc_obj(g_action_count),
                       mproc_int(GENS)};
  mproc_process_t *p[NCHILD];
  for (int i = 0; i < NCHILD; i++)
    p[i] = harness_start(child_barrier, a, 3, TEST_METHOD(state));
  for (int i = 0; i < GENS; i++) {
    unsigned idx = 999;
    assert_int_equal(mproc_barrier_wait(b, 60.0, &idx), 0);
    assert_true(idx < NCHILD + 1);
  }
  for (int i = 0; i < NCHILD; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(g_action_count, &v), 0);
  assert_int_equal(v, GENS);
  assert_int_equal(mproc_barrier_broken(b), 0);
  assert_int_equal(mproc_barrier_n_waiting(b), 0);
  mproc_barrier_destroy(b);
  mproc_semaphore_destroy(g_action_count);
}

/* args: barrier, ready semaphore. Expects the barrier to break. */
static int child_barrier_broken(const mproc_value_t *args, size_t nargs) {
  mproc_barrier_t *b;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_barrier(&args[0], &b) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_semaphore_release(ready) == 0, 11);
  CHECK(mproc_barrier_wait(b, 60.0, NULL) == MPROC_E_BROKEN, 12);
  CHECK(mproc_barrier_broken(b) == 1 || mproc_barrier_n_waiting(b) == 0, 13);
  return 0;
}

/* Waits (bounded) until @p n parties wait on @p b. */
static void wait_n_waiting(mproc_barrier_t *b, int n) {
  double t0 = harness_now();
  while (mproc_barrier_n_waiting(b) < n) {
    assert_true(harness_now() - t0 < 60.0);
    harness_yield();
  }
}

static void test_barrier_abort_reset(void **state) {
  mproc_barrier_t *b;
  mproc_semaphore_t *ready;
  assert_int_equal(mproc_barrier_create(&b, 3, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  mproc_value_t a[] = {mproc_obj(b), mproc_obj(ready)};
  /* Abort releases two waiting children with MPROC_E_BROKEN. */
  mproc_process_t *p[2];
  for (int i = 0; i < 2; i++)
    p[i] = harness_start(child_barrier_broken, a, 2, TEST_METHOD(state));
  wait_n_waiting(b, 2);
  assert_int_equal(mproc_barrier_abort(b), 0);
  for (int i = 0; i < 2; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_wait(b, 1.0, NULL), MPROC_E_BROKEN);
  assert_string_equal(mproc_last_error(), "the Barrier is broken");
  /* Reset: usable again; a reset with waiters breaks only them. */
  assert_int_equal(mproc_barrier_reset(b), 0);
  assert_int_equal(mproc_barrier_broken(b), 0);
  for (int i = 0; i < 2; i++)
    p[i] = harness_start(child_barrier_broken, a, 2, TEST_METHOD(state));
  wait_n_waiting(b, 2);
  assert_int_equal(mproc_barrier_reset(b), 0);
  for (int i = 0; i < 2; i++)
    harness_expect_exit(p[i], 0);
  assert_int_equal(mproc_barrier_broken(b), 0);
  assert_int_equal(mproc_barrier_n_waiting(b), 0);
  /* A timeout breaks the barrier. */
  double t0 = harness_now();
  assert_int_equal(mproc_barrier_wait(b, 0.05, NULL), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.05);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_reset(b), 0);
  mproc_barrier_destroy(b);
  mproc_semaphore_destroy(ready);
}

static int unregistered_action(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

static void test_barrier_errors(void **state) {
  (void)state;
  mproc_barrier_t *b;
  assert_int_equal(mproc_barrier_create(&b, 0, NULL), MPROC_E_VALUE);
  assert_null(b);
  assert_int_equal(mproc_barrier_create(NULL, 2, NULL), MPROC_E_INVAL);
  /* The action must be registered. */
  assert_int_equal(mproc_barrier_create(&b, 2, unregistered_action),
                   MPROC_E_NOTFOUND);
  /* A single party passes at once; a failing action breaks the barrier. */
  assert_int_equal(mproc_barrier_create(&b, 1, barrier_action_fails), 0);
  assert_int_equal(mproc_barrier_wait(b, 0, NULL), MPROC_E_BROKEN);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_barrier_wait(b, -3, NULL), MPROC_E_INVAL);
  mproc_barrier_destroy(b);
  assert_int_equal(mproc_barrier_create(&b, 1, NULL), 0);
  unsigned idx = 7;
  assert_int_equal(mproc_barrier_wait(b, 0, &idx), 0);
  assert_int_equal(idx, 0);
  mproc_barrier_destroy(b);
  assert_int_equal(mproc_barrier_abort(NULL), MPROC_E_INVAL);
}

/* ------------------------------------------------------------------------ */
/* Owner death                                                              */
/* ------------------------------------------------------------------------ */

/* args: rlock, ready semaphore, event never set. Takes the RLock twice and
 * blocks until killed. */
static int child_hold_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_rlock_acquire(r, 10.0) == 0, 11);
  CHECK(mproc_rlock_acquire(r, 10.0) == 0, 12);
  CHECK(mproc_semaphore_release(ready) == 0, 13);
  mproc_event_wait(never, 120.0);
  return 14;
}

/* args: rlock, ready. Blocks on the RLock, expects its owner to die. */
static int child_wait_dead_owner(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_rlock_try_acquire(r) == MPROC_E_BUSY, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  CHECK(mproc_rlock_acquire(r, 60.0) == MPROC_E_OWNER_DEAD, 13);
  CHECK(mproc_rlock_count(r) == 1, 14);
  CHECK(mproc_rlock_release(r) == 0, 15);
  return 0;
}

static void test_rlock_owner_death(void **state) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(r), mproc_obj(ready), mproc_obj(never)};
  /* A waiter blocked when the holder is killed takes over. */
  mproc_process_t *holder =
      harness_start(child_hold_rlock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  mproc_process_t *waiter =
      harness_start(child_wait_dead_owner, a, 2, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  harness_expect_exit(waiter, 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0); /* released by the heir */
  assert_int_equal(mproc_rlock_release(r), 0);
  /* Nobody waiting: the next acquirer learns it, in this process. */
  holder = harness_start(child_hold_rlock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_rlock_try_acquire(r), MPROC_E_BUSY);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  assert_int_equal(mproc_rlock_acquire(r, 30.0), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_rlock_count(r), 1);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  assert_int_equal(mproc_rlock_release(r), MPROC_E_PERM);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* args: rlock, ready. Takes and releases the RLock in a tight loop until
 * killed, so that a kill lands anywhere in acquire or release. */
static int child_churn_rlock(const mproc_value_t *args, size_t nargs) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  CHECK(nargs == 2 && mproc_value_as_rlock(&args[0], &r) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0,
        10);
  CHECK(mproc_semaphore_release(ready) == 0, 11);
  for (;;) {
    int rc = mproc_rlock_acquire(r, 60.0);
    CHECK(rc == 0 || rc == MPROC_E_OWNER_DEAD, 12);
    CHECK(mproc_rlock_release(r) == 0, 13);
  }
}

/* Regression (found by the crash suite): a process killed between taking
 * an RLock and recording itself as its owner left it held by no one, so
 * every later acquire timed out. Kills at random points of a tight
 * acquire/release loop must leave the RLock free or owned by the dead. */
static void test_rlock_kill_anywhere(void **state) {
  mproc_rlock_t *r;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(r), mproc_obj(ready)};
  int rounds = harness_slow_processes() ? 8 : 40;
  if (TEST_METHOD(state) == MPROC_START_SPAWN)
    rounds /= 2;
  int dead = 0;
  for (int i = 0; i < rounds; i++) {
    mproc_process_t *p =
        harness_start(child_churn_rlock, a, 2, TEST_METHOD(state));
    assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
    mproc_event_wait(never, 0.0001 * (i % 5));
    assert_int_equal(mproc_process_kill(p), 0);
    harness_expect_exit(p, -MPROC_SIGKILL);
    int rc = mproc_rlock_acquire(r, 10.0);
    if (rc != 0 && rc != MPROC_E_OWNER_DEAD)
      print_error("round %d: %s\n", i, mproc_err_name(rc));
    assert_true(rc == 0 || rc == MPROC_E_OWNER_DEAD);
    dead += rc == MPROC_E_OWNER_DEAD;
    assert_int_equal(mproc_rlock_count(r), 1);
    assert_int_equal(mproc_rlock_release(r), 0);
  }
  print_message("[          ] %d of %d kills left the RLock held\n", dead,
                rounds);
  mproc_rlock_destroy(r);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* args: condition, ready, never. Holds the Condition's own RLock and
 * blocks until killed. */
static int child_hold_condition(const mproc_value_t *args, size_t nargs) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_condition(&args[0], &c) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_condition_acquire(c, 10.0) == 0, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  mproc_event_wait(never, 120.0);
  return 13;
}

/* The RLock inside a Condition reports its owner's death too, and the
 * heir can wait and notify as the owner. */
static void test_condition_owner_death(void **state) {
  mproc_condition_t *c;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(c), mproc_obj(ready), mproc_obj(never)};
  mproc_process_t *holder =
      harness_start(child_hold_condition, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  assert_int_equal(mproc_condition_acquire(c, 30.0), MPROC_E_OWNER_DEAD);
  assert_int_equal(mproc_condition_notify_all(c), 0);
  assert_int_equal(mproc_condition_wait(c, 0.01), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_condition_release(c), 0);
  assert_int_equal(mproc_condition_release(c), MPROC_E_PERM);
  mproc_condition_destroy(c);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* args: lock, ready, never. Takes the Lock and blocks until killed. */
static int child_hold_lock(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  CHECK(nargs == 3 && mproc_value_as_lock(&args[0], &l) == 0 &&
            mproc_value_as_semaphore(&args[1], &ready) == 0 &&
            mproc_value_as_event(&args[2], &never) == 0,
        10);
  CHECK(mproc_lock_acquire(l, 10.0) == 0, 11);
  CHECK(mproc_semaphore_release(ready) == 0, 12);
  mproc_event_wait(never, 120.0);
  return 13;
}

/* A Lock has no owner: held by a dead process it stays held (as in
 * CPython), and a timed acquire returns on time. */
static void test_lock_holder_death(void **state) {
  mproc_lock_t *l;
  mproc_semaphore_t *ready;
  mproc_event_t *never;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_semaphore_create(&ready, 0), 0);
  assert_int_equal(mproc_event_create(&never), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(ready), mproc_obj(never)};
  mproc_process_t *holder =
      harness_start(child_hold_lock, a, 3, TEST_METHOD(state));
  assert_int_equal(mproc_semaphore_acquire(ready, 60.0), 0);
  assert_int_equal(mproc_process_kill(holder), 0);
  harness_expect_exit(holder, -MPROC_SIGKILL);
  double t0 = harness_now();
  assert_int_equal(mproc_lock_acquire(l, 0.2), MPROC_E_TIMEOUT);
  assert_true(harness_now() - t0 >= 0.2);
  assert_int_equal(mproc_lock_locked(l), 1);
  /* Anyone may release a Lock: the way to recover it. */
  assert_int_equal(mproc_lock_release(l), 0);
  assert_int_equal(mproc_lock_acquire(l, 0), 0);
  assert_int_equal(mproc_lock_release(l), 0);
  mproc_lock_destroy(l);
  mproc_semaphore_destroy(ready);
  mproc_event_destroy(never);
}

/* ------------------------------------------------------------------------ */
/* Contention: timeouts racing releases                                     */
/* ------------------------------------------------------------------------ */

/* args: semaphore (used as a lock), rlock, iterations, timed. Timed
 * processes wait 1 ms at a time and retry, so their timeouts race the
 * releases; untimed ones wait forever, so a lost wake-up hangs them (and
 * the parent's join then fails). */
static int child_contend(const mproc_value_t *args, size_t nargs) {
  mproc_semaphore_t *s;
  mproc_rlock_t *r;
  int64_t n;
  bool timed;
  CHECK(nargs == 4 && mproc_value_as_semaphore(&args[0], &s) == 0 &&
            mproc_value_as_rlock(&args[1], &r) == 0 &&
            mproc_value_as_int(&args[2], &n) == 0 &&
            mproc_value_as_bool(&args[3], &timed) == 0,
        10);
  double t = timed ? 0.001 : MPROC_FOREVER;
  double t0 = harness_now();
  for (int64_t i = 0; i < n; i++) {
    int rc;
    while ((rc = mproc_semaphore_acquire(s, t)) == MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 100.0, 11);
    CHECK(rc == 0, 12);
    unsigned v = 99;
    CHECK(mproc_semaphore_value(s, &v) == 0 && v == 0, 13); /* exclusive */
    if (i % 4 == 0)
      harness_yield();
    CHECK(mproc_semaphore_release(s) == 0, 14);
    while ((rc = mproc_rlock_acquire(r, t)) == MPROC_E_TIMEOUT)
      CHECK(harness_now() - t0 < 100.0, 15);
    CHECK(rc == 0 && mproc_rlock_count(r) == 1, 16);
    CHECK(mproc_rlock_release(r) == 0, 17);
  }
  return 0;
}

static void test_contention_timeouts(void **state) {
  enum { NPROC = 6, ITERS = 300 };
  mproc_semaphore_t *s;
  mproc_rlock_t *r;
  assert_int_equal(mproc_bounded_semaphore_create(&s, 1), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  mproc_process_t *p[NPROC];
  for (int i = 0; i < NPROC; i++) {
    mproc_value_t a[] = {mproc_obj(s), mproc_obj(r), mproc_int(ITERS),
                         mproc_bool(i % 2 == 0)};
    p[i] = harness_start(child_contend, a, 4, TEST_METHOD(state));
  }
  for (int i = 0; i < NPROC; i++)
    harness_expect_exit(p[i], 0);
  unsigned v = 0;
  assert_int_equal(mproc_semaphore_value(s, &v), 0);
  assert_int_equal(v, 1);
  assert_int_equal(mproc_rlock_try_acquire(r), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  mproc_semaphore_destroy(s);
  mproc_rlock_destroy(r);
}

/* args: lock, rlock, event, condition, barrier (all held or unready by
 * the parent). Each wait times out after 0.3 s; together they must have
 * slept in the kernel, not spun: far less CPU time than wall time. */
static int child_sleepers(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_event_t *e;
  mproc_condition_t *c;
  mproc_barrier_t *b;
  CHECK(nargs == 5 && mproc_value_as_lock(&args[0], &l) == 0 &&
            mproc_value_as_rlock(&args[1], &r) == 0 &&
            mproc_value_as_event(&args[2], &e) == 0 &&
            mproc_value_as_condition(&args[3], &c) == 0 &&
            mproc_value_as_barrier(&args[4], &b) == 0,
        10);
  double w0 = harness_now(), c0 = harness_cpu_seconds();
  CHECK(mproc_lock_acquire(l, 0.3) == MPROC_E_TIMEOUT, 11);
  CHECK(mproc_rlock_acquire(r, 0.3) == MPROC_E_TIMEOUT, 12);
  CHECK(mproc_event_wait(e, 0.3) == MPROC_E_TIMEOUT, 13);
  CHECK(mproc_condition_acquire(c, 1.0) == 0, 14);
  CHECK(mproc_condition_wait(c, 0.3) == MPROC_E_TIMEOUT, 15);
  CHECK(mproc_condition_release(c) == 0, 16);
  CHECK(mproc_barrier_wait(b, 0.3, NULL) == MPROC_E_TIMEOUT, 17);
  double wall = harness_now() - w0, cpu = harness_cpu_seconds() - c0;
  CHECK(wall >= 1.5, 18);
  CHECK(cpu < wall / 2, 19); /* spinning would use about all of it */
  return 0;
}

static void test_waiters_sleep(void **state) {
  mproc_lock_t *l;
  mproc_rlock_t *r;
  mproc_event_t *e;
  mproc_condition_t *c;
  mproc_barrier_t *b;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_rlock_create(&r), 0);
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_barrier_create(&b, 2, NULL), 0);
  assert_int_equal(mproc_lock_acquire(l, 0), 0);
  assert_int_equal(mproc_rlock_acquire(r, 0), 0);
  mproc_value_t a[] = {mproc_obj(l), mproc_obj(r), mproc_obj(e), mproc_obj(c),
                       mproc_obj(b)};
  harness_expect_exit(harness_start(child_sleepers, a, 5, TEST_METHOD(state)),
                      0);
  assert_int_equal(mproc_barrier_broken(b), 1);
  assert_int_equal(mproc_lock_release(l), 0);
  assert_int_equal(mproc_rlock_release(r), 0);
  mproc_lock_destroy(l);
  mproc_rlock_destroy(r);
  mproc_event_destroy(e);
  mproc_condition_destroy(c);
  mproc_barrier_destroy(b);
}

/* ------------------------------------------------------------------------ */
/* The sharing rule                                                         */
/* ------------------------------------------------------------------------ */

static void expect_inheritance_only(const void *obj, const char *type) {
  char want[128];
  snprintf(want, sizeof want,
           "%s objects should only be shared between processes through "
           "inheritance",
           type);
  mproc_value_t v = mproc_obj(obj);
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(), want);
  assert_string_equal(mproc_object_type_name(obj), type);
}

static void test_sharing_rule(void **state) {
  (void)state;
  mproc_event_t *e;
  mproc_condition_t *c;
  mproc_barrier_t *b;
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_condition_create(&c, NULL), 0);
  assert_int_equal(mproc_barrier_create(&b, 2, NULL), 0);
  expect_inheritance_only(e, "Event");
  expect_inheritance_only(c, "Condition");
  expect_inheritance_only(b, "Barrier");
  mproc_value_t v = mproc_obj(e);
  mproc_condition_t *wrong;
  assert_int_equal(mproc_value_as_condition(&v, &wrong), MPROC_E_TYPE);
  mproc_event_destroy(e);
  mproc_condition_destroy(c);
  mproc_barrier_destroy(b);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("event_wait", child_event_wait);
  mproc_register("event_toggle", child_event_toggle);
  mproc_register("consumer", child_consumer);
  mproc_register("cond_waiter", child_cond_waiter);
  mproc_register("barrier", child_barrier);
  mproc_register("barrier_action", barrier_action);
  mproc_register("barrier_action_fails", barrier_action_fails);
  mproc_register("barrier_broken", child_barrier_broken);
  mproc_register("hold_rlock", child_hold_rlock);
  mproc_register("wait_dead_owner", child_wait_dead_owner);
  mproc_register("hold_lock", child_hold_lock);
  mproc_register("hold_condition", child_hold_condition);
  mproc_register("churn_rlock", child_churn_rlock);
  mproc_register("contend", child_contend);
  mproc_register("sleepers", child_sleepers);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_event),
      cmocka_unit_test(test_event_timeouts_race),
      cmocka_unit_test(test_condition_notify_one_rlock),
      cmocka_unit_test(test_condition_notify_all_lock),
      cmocka_unit_test(test_condition_timeouts_race),
      cmocka_unit_test(test_condition_notify_counts),
      cmocka_unit_test(test_condition_errors),
      cmocka_unit_test(test_barrier_generations),
      cmocka_unit_test(test_barrier_abort_reset),
      cmocka_unit_test(test_barrier_errors),
      cmocka_unit_test(test_rlock_owner_death),
      cmocka_unit_test(test_condition_owner_death),
      cmocka_unit_test(test_rlock_kill_anywhere),
      cmocka_unit_test(test_lock_holder_death),
      cmocka_unit_test(test_contention_timeouts),
      cmocka_unit_test(test_waiters_sleep),
      cmocka_unit_test(test_sharing_rule),
  };
  return harness_run("sync2", tests, sizeof tests / sizeof tests[0]);
}
