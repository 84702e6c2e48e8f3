/* SPDX-License-Identifier: MIT */
/*
 * mproc_acquire() / mproc_release() over every lock-like object, local and
 * a manager's, across processes, under every start method; and the typed
 * errors for everything else.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

/* The objects every case uses, in this order (the child gets them as its
 * arguments after two events). Each is created free and with one permit,
 * so that one acquire takes it and a second from elsewhere must wait. */
enum { N_LOCAL = 5, N_PROXY = 4, N_OBJ = N_LOCAL + N_PROXY };
static const char *const obj_names[N_OBJ] = {
    "Lock",           "RLock",      "Semaphore",   "BoundedSemaphore",
    "Condition",      "proxy Lock", "proxy RLock", "proxy Semaphore",
    "proxy Condition"};

typedef struct objs {
  mproc_lock_t *lock;
  mproc_rlock_t *rlock;
  mproc_semaphore_t *sem, *bsem;
  mproc_condition_t *cond;
  mproc_manager_t *mgr;
  mproc_proxy_t *plock, *prlock, *psem, *pcond;
  const void *all[N_OBJ];
} objs_t;

static void objs_create(objs_t *o, mproc_start_method_t method) {
  memset(o, 0, sizeof *o);
  assert_int_equal(mproc_lock_create(&o->lock), 0);
  assert_int_equal(mproc_rlock_create(&o->rlock), 0);
  assert_int_equal(mproc_semaphore_create(&o->sem, 1), 0);
  assert_int_equal(mproc_bounded_semaphore_create(&o->bsem, 1), 0);
  assert_int_equal(mproc_condition_create(&o->cond, NULL), 0);
  mproc_manager_options_t mo = {.start_method = method};
  assert_int_equal(mproc_manager_start(&o->mgr, &mo), 0);
  assert_int_equal(mproc_manager_lock(o->mgr, &o->plock), 0);
  assert_int_equal(mproc_manager_rlock(o->mgr, &o->prlock), 0);
  assert_int_equal(mproc_manager_semaphore(o->mgr, 1, &o->psem), 0);
  assert_int_equal(mproc_manager_condition(o->mgr, &o->pcond), 0);
  const void *all[N_OBJ] = {o->lock,  o->rlock,  o->sem,  o->bsem, o->cond,
                            o->plock, o->prlock, o->psem, o->pcond};
  memcpy(o->all, all, sizeof all);
}

static void objs_destroy(objs_t *o) {
  mproc_proxy_destroy(o->plock);
  mproc_proxy_destroy(o->prlock);
  mproc_proxy_destroy(o->psem);
  mproc_proxy_destroy(o->pcond);
  assert_int_equal(mproc_manager_shutdown(o->mgr), 0);
  mproc_condition_destroy(o->cond);
  mproc_lock_destroy(o->lock);
  mproc_rlock_destroy(o->rlock);
  mproc_semaphore_destroy(o->sem);
  mproc_semaphore_destroy(o->bsem);
}

/* args: held (Event), released (Event), then the N_OBJ objects. While the
 * parent holds every one, each acquire here times out; once it has let
 * them go, each is taken and given back through the same two calls. */
static int child_contend(const mproc_value_t *args, size_t nargs) {
  mproc_event_t *held, *released;
  CHECK(nargs == 2 + N_OBJ && mproc_value_as_event(&args[0], &held) == 0 &&
            mproc_value_as_event(&args[1], &released) == 0,
        10);
  CHECK(mproc_event_wait(held, 60.0) == 0, 11);
  for (int i = 0; i < N_OBJ; i++) {
    CHECK(args[2 + i].type == MPROC_VALUE_OBJECT, 12);
    int rc = mproc_acquire(args[2 + i].u.obj, 0.05);
    if (rc != MPROC_E_TIMEOUT)
      fprintf(stderr, "child: %s: %s\n", obj_names[i], mproc_err_name(rc));
    CHECK(rc == MPROC_E_TIMEOUT, 20 + i);
  }
  CHECK(mproc_event_set(released) == 0, 13);
  /* The parent now releases everything and sets `held` no more: wait on
   * each with a generous timeout instead. */
  for (int i = 0; i < N_OBJ; i++) {
    const void *o = args[2 + i].u.obj;
    int rc = mproc_acquire(o, 60.0);
    if (rc != 0)
      fprintf(stderr, "child: %s: %s %s\n", obj_names[i], mproc_err_name(rc),
              mproc_last_error());
    CHECK(rc == 0, 40 + i);
    CHECK(mproc_release(o) == 0, 60 + i);
  }
  return 0;
}

/* Every lock-like type through the one pair of calls, against another
 * process: held here, it times out there; released here, it is taken
 * there. */
static void test_acquire_every_lock(void **state) {
  objs_t o;
  objs_create(&o, TEST_METHOD(state));
  mproc_event_t *held, *released;
  assert_int_equal(mproc_event_create(&held), 0);
  assert_int_equal(mproc_event_create(&released), 0);
  mproc_value_t a[2 + N_OBJ];
  a[0] = mproc_obj(held);
  a[1] = mproc_obj(released);
  for (int i = 0; i < N_OBJ; i++)
    a[2 + i] = mproc_obj(o.all[i]);
  mproc_process_t *p =
      harness_start(child_contend, a, 2 + N_OBJ, TEST_METHOD(state));
  for (int i = 0; i < N_OBJ; i++) {
    assert_int_equal(mproc_acquire(o.all[i], 0), 0);
  }
  /* Each is held now: the types' own queries agree. */
  assert_int_equal(mproc_lock_locked(o.lock), 1);
  assert_int_equal(mproc_rlock_count(o.rlock), 1);
  unsigned v = 9;
  assert_int_equal(mproc_semaphore_value(o.sem, &v), 0);
  assert_int_equal(v, 0);
  assert_int_equal(mproc_semaphore_value(o.bsem, &v), 0);
  assert_int_equal(v, 0);
  int64_t pv = 9;
  assert_int_equal(mproc_proxy_lock_value(o.plock, &pv), 0);
  assert_int_equal(pv, 1);
  /* The RLock, and the Condition's RLock, recurse for their owner. */
  assert_int_equal(mproc_acquire(o.rlock, 0), 0);
  assert_int_equal(mproc_rlock_count(o.rlock), 2);
  assert_int_equal(mproc_release(o.rlock), 0);
  assert_int_equal(mproc_acquire(o.cond, 0), 0);
  assert_int_equal(mproc_release(o.cond), 0);
  /* A Lock is not recursive: timeout 0 on a held one times out. */
  assert_int_equal(mproc_acquire(o.lock, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_acquire(o.sem, 0), MPROC_E_TIMEOUT);

  assert_int_equal(mproc_event_set(held), 0);
  assert_int_equal(mproc_event_wait(released, 60.0), 0);
  for (int i = 0; i < N_OBJ; i++) {
    assert_int_equal(mproc_release(o.all[i]), 0);
  }
  harness_expect_exit(p, 0);

  /* The types' own release errors come through unchanged. */
  assert_int_equal(mproc_release(o.lock), MPROC_E_VALUE);
  assert_int_equal(mproc_release(o.rlock), MPROC_E_PERM);
  assert_int_equal(mproc_release(o.bsem), MPROC_E_VALUE);
  assert_int_equal(mproc_release(o.cond), MPROC_E_PERM);
  assert_int_equal(mproc_release(o.plock), MPROC_E_VALUE);
  assert_int_equal(mproc_release(o.prlock), MPROC_E_PERM);
  /* A bad timeout is the type's MPROC_E_INVAL. */
  assert_int_equal(mproc_acquire(o.lock, -5.0), MPROC_E_INVAL);
  assert_int_equal(mproc_acquire(o.plock, -5.0), MPROC_E_INVAL);

  mproc_event_destroy(held);
  mproc_event_destroy(released);
  objs_destroy(&o);
}

static void expect_type_error(const void *obj, const char *type) {
  char want[128];
  snprintf(want, sizeof want, "'%s' object has no attribute 'acquire'", type);
  assert_int_equal(mproc_acquire(obj, 0), MPROC_E_TYPE);
  if (!strstr(mproc_last_error(), want))
    fail_msg("mproc_acquire(%s): \"%s\"", type, mproc_last_error());
  snprintf(want, sizeof want, "'%s' object has no attribute 'release'", type);
  assert_int_equal(mproc_release(obj), MPROC_E_TYPE);
  if (!strstr(mproc_last_error(), want))
    fail_msg("mproc_release(%s): \"%s\"", type, mproc_last_error());
}

/* Anything without acquire() and release() is a typed error that names
 * its type, never a crash. */
static void test_acquire_wrong_types(void **state) {
  mproc_event_t *e;
  mproc_queue_t *q;
  mproc_barrier_t *b;
  mproc_shared_value_t *sv;
  assert_int_equal(mproc_event_create(&e), 0);
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_barrier_create(&b, 2, NULL), 0);
  assert_int_equal(mproc_shared_value_create(&sv, MPROC_C_INT32, true), 0);
  expect_type_error(e, "Event");
  expect_type_error(q, "Queue");
  expect_type_error(b, "Barrier");
  expect_type_error(sv, "Synchronized");

  mproc_manager_t *mgr;
  mproc_proxy_t *pd, *pe;
  mproc_manager_options_t mo = {.start_method = TEST_METHOD(state)};
  assert_int_equal(mproc_manager_start(&mgr, &mo), 0);
  assert_int_equal(mproc_manager_dict(mgr, &pd), 0);
  assert_int_equal(mproc_manager_event(mgr, &pe), 0);
  expect_type_error(pd, "AutoProxy[dict]");
  expect_type_error(pe, "AutoProxy[Event]");
  mproc_proxy_destroy(pd);
  mproc_proxy_destroy(pe);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);

  /* Memory that is no mproc object: a plain struct, a string. */
  struct {
    uint64_t a, b;
  } junk = {0x1234, 0x5678};
  static const char text[] = "not a lock, not at all";
  assert_int_equal(mproc_acquire(&junk, 0), MPROC_E_TYPE);
  assert_non_null(strstr(mproc_last_error(), "mproc_acquire"));
  assert_int_equal(mproc_release(&junk), MPROC_E_TYPE);
  assert_int_equal(mproc_acquire(text, 0), MPROC_E_TYPE);
  assert_int_equal(mproc_acquire(NULL, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_release(NULL), MPROC_E_INVAL);

  mproc_shared_value_destroy(sv);
  mproc_barrier_destroy(b);
  mproc_queue_destroy(q);
  mproc_event_destroy(e);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("contend", child_contend);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_acquire_every_lock),
      cmocka_unit_test(test_acquire_wrong_types),
  };
  return harness_run(argc, argv, "acquire", tests,
                     sizeof tests / sizeof tests[0]);
}
