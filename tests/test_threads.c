/* SPDX-License-Identifier: MIT */
/*
 * Threads of one process sharing mproc objects, for ThreadSanitizer (the
 * tsan phase of ci/test.sh) as much as for the checks themselves: TSan sees
 * the threads of a process, so here it checks the lock's and the queue's
 * memory ordering between threads, and that the error state is per thread.
 *
 * NTHREADS threads, for a bounded time, each
 *   - takes the Lock, increments a counter non-atomically, releases;
 *   - takes the RLock twice, checks the depth, increments another counter,
 *     releases twice;
 *   - puts an item (thread, sequence) and takes one (blocking: every thread
 *     puts before it takes), marking it seen;
 *   - makes a call fail with a message naming the thread and the round,
 *     and checks that mproc_last_error() gives exactly its own message.
 * Meanwhile a child process (started while the threads run: under fork,
 * from a multi-threaded parent) takes the same Lock and increments the same
 * counter, which lives in shared memory. At the end the counters equal the
 * acquisitions and every item was taken exactly once.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#define NTHREADS 8
#define MAXSEQ (1 << 14)
#define RUN_SECONDS 1.0

/* The shared int64 array: the counters and the child's acquisitions. */
enum { S_LOCKED, S_RLOCKED, S_CHILD_ACQ, S_STOP, S_SIZE };

typedef struct ctx {
  mproc_lock_t *lock;
  mproc_rlock_t *rlock;
  mproc_queue_t *q;
  int64_t *sh;
  uint8_t *seen; /* [NTHREADS][MAXSEQ] */
} ctx_t;

typedef struct worker {
  ctx_t *c;
  int id;
  int64_t acq, racq, put, got;
  int err; /* 0, or the step that failed */
  char why[256];
} worker_t;

static void worker_main(void *arg) {
  worker_t *w = arg;
  ctx_t *c = w->c;
  while (!w->err && w->put < MAXSEQ &&
         harness_atomic_load64(&c->sh[S_STOP]) == 0) {
    /* Lock: a non-atomic increment. */
    if (mproc_lock_acquire(c->lock, 60) != 0) {
      w->err = 1;
      break;
    }
    c->sh[S_LOCKED]++;
    w->acq++;
    if (mproc_lock_release(c->lock) != 0) {
      w->err = 2;
      break;
    }
    /* RLock, twice: the depth belongs to this thread. */
    if (mproc_rlock_acquire(c->rlock, 60) != 0 ||
        mproc_rlock_acquire(c->rlock, 0) != 0) {
      w->err = 3;
      break;
    }
    if (mproc_rlock_count(c->rlock) != 2) {
      w->err = 4;
      break;
    }
    c->sh[S_RLOCKED]++;
    w->racq++;
    if (mproc_rlock_release(c->rlock) != 0 ||
        mproc_rlock_release(c->rlock) != 0) {
      w->err = 5;
      break;
    }
    /* Queue: put one, take one. */
    mproc_value_t item[2] = {mproc_int(w->id), mproc_int(w->put)};
    if (mproc_queue_put(c->q, item, 2, 60) != 0) {
      w->err = 6;
      break;
    }
    w->put++;
    mproc_value_t *vals;
    size_t n;
    int64_t tid, seq;
    if (mproc_queue_get(c->q, &vals, &n, 60) != 0) {
      w->err = 7;
      break;
    }
    int ok = n == 2 && mproc_value_as_int(&vals[0], &tid) == 0 &&
             mproc_value_as_int(&vals[1], &seq) == 0 && tid >= 0 &&
             tid < NTHREADS && seq >= 0 && seq < MAXSEQ;
    mproc_values_free(vals, n);
    if (!ok || harness_atomic_test_and_set(&c->seen[tid * MAXSEQ + seq])) {
      w->err = 8;
      break;
    }
    w->got++;
    /* The error state is the thread's own. */
    char name[64], want[128];
    snprintf(name, sizeof name, "t%d/r%lld", w->id, (long long)w->acq);
    snprintf(want, sizeof want, "name '%s' contains a slash", name);
    mproc_shared_memory_t *m = NULL;
    if (mproc_shared_memory_create(&m, name, 1) != MPROC_E_VALUE) {
      w->err = 9;
      break;
    }
    harness_yield(); /* let other threads set theirs */
    if (strcmp(mproc_last_error(), want) != 0) {
      snprintf(w->why, sizeof w->why, "got \"%s\", want \"%s\"",
               mproc_last_error(), want);
      w->err = 10;
      break;
    }
  }
}

/* args: lock, shared array. Takes the lock until the stop flag. */
static int child_hammer(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  mproc_shared_array_t *sa;
  if (nargs != 2 || mproc_value_as_lock(&args[0], &lock) != 0 ||
      mproc_value_as_shared_array(&args[1], &sa) != 0)
    return 10;
  int64_t *sh = mproc_shared_array_ptr(sa);
  int64_t n = 0;
  while (harness_atomic_load64(&sh[S_STOP]) == 0) {
    if (mproc_lock_acquire(lock, 60) != 0)
      return 11;
    sh[S_LOCKED]++;
    n++;
    if (mproc_lock_release(lock) != 0)
      return 12;
  }
  sh[S_CHILD_ACQ] = n;
  return 0;
}

static void test_threads_share_objects(void **state) {
  ctx_t c;
  mproc_shared_array_t *sa, *sf;
  assert_int_equal(mproc_lock_create(&c.lock), 0);
  assert_int_equal(mproc_rlock_create(&c.rlock), 0);
  assert_int_equal(mproc_queue_create(&c.q, NULL), 0);
  assert_int_equal(
      mproc_shared_array_create(&sa, sizeof(int64_t), S_SIZE, false), 0);
  assert_int_equal(
      mproc_shared_array_create(&sf, 1, (size_t)NTHREADS * MAXSEQ, false), 0);
  c.sh = mproc_shared_array_ptr(sa);
  c.seen = mproc_shared_array_ptr(sf);

  worker_t w[NTHREADS];
  harness_thread_t *t[NTHREADS];
  memset(w, 0, sizeof w);
  for (int i = 0; i < NTHREADS; i++) {
    w[i].c = &c;
    w[i].id = i;
    t[i] = harness_thread_start(worker_main, &w[i]);
  }
  /* Started while the threads run. */
  mproc_value_t a[2] = {mproc_obj(c.lock), mproc_obj(sa)};
  mproc_process_t *p = harness_start(child_hammer, a, 2, TEST_METHOD(state));
  harness_sleep(RUN_SECONDS);
  harness_atomic_store64(&c.sh[S_STOP], 1);
  for (int i = 0; i < NTHREADS; i++)
    harness_thread_join(t[i]);
  harness_expect_exit(p, 0);

  int64_t acq = c.sh[S_CHILD_ACQ], racq = 0, put = 0, got = 0;
  for (int i = 0; i < NTHREADS; i++) {
    if (w[i].err)
      print_error("thread %d: step %d failed %s\n", i, w[i].err, w[i].why);
    assert_int_equal(w[i].err, 0);
    acq += w[i].acq;
    racq += w[i].racq;
    put += w[i].put;
    got += w[i].got;
  }
  assert_int_equal(c.sh[S_LOCKED], acq);
  assert_int_equal(c.sh[S_RLOCKED], racq);
  assert_int_equal(got, put);
  int64_t seen = 0;
  for (size_t i = 0; i < (size_t)NTHREADS * MAXSEQ; i++)
    seen += c.seen[i];
  assert_int_equal(seen, put);
  assert_int_equal(mproc_queue_empty(c.q), 1);
  print_message("[ THREADS  ] %d threads and a child: %lld lock acquisitions "
                "(%lld by the child), %lld rlock, %lld items\n",
                NTHREADS, (long long)acq, (long long)c.sh[S_CHILD_ACQ],
                (long long)racq, (long long)put);

  mproc_shared_array_destroy(sf);
  mproc_shared_array_destroy(sa);
  mproc_queue_destroy(c.q);
  mproc_rlock_destroy(c.rlock);
  mproc_lock_destroy(c.lock);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("child_hammer", child_hammer);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_share_objects),
  };
  return harness_run(argc, argv, "threads", tests,
                     sizeof tests / sizeof tests[0]);
}
