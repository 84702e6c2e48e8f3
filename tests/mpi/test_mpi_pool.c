/* SPDX-License-Identifier: MIT */
/*
 * The Pool over MPI, run by ci/test.sh's mpi phase as
 *
 *   mpirun --oversubscribe [--allow-run-as-root] -np 3 test_mpi_pool [CASE]
 *
 * Rank 0 runs the cases on a pool whose workers are ranks 1 and 2; those
 * ranks never get past mproc_mpi_boot(). Each case prints "ok - NAME" or
 * "not ok - NAME: why"; the last line is "N passed, M failed", and the
 * exit code is 0 only when nothing failed.
 *
 *   test_mpi_pool kill   a rank kills itself mid-map: the job must end
 *                        (Open MPI aborts it), which the phase checks from
 *                        outside, under a timeout.
 *
 * MPROC_TEST_FULL=1 makes the large map a million tasks (CI: 20,000).
 */
#define _POSIX_C_SOURCE 200809L
#include <mproc.h>
#include <mproc_mpi.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("not ok - %s: line %d: %s (last error: %s)\n", __func__,          \
             __LINE__, #cond, mproc_last_error());                             \
      fflush(stdout);                                                          \
      failed++;                                                                \
      return;                                                                  \
    }                                                                          \
  } while (0)

#define PASS()                                                                 \
  do {                                                                         \
    printf("ok - %s\n", __func__);                                             \
    fflush(stdout);                                                            \
    passed++;                                                                  \
  } while (0)

/* ---- tasks, run on ranks 1 and 2 --------------------------------------- */

static int square(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return 1;
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(t, &r);
}

static int mul(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  int64_t a, b;
  if (nargs != 2 || mproc_value_as_int(&args[0], &a) != 0 ||
      mproc_value_as_int(&args[1], &b) != 0)
    return 1;
  mproc_value_t r = mproc_int(a * b);
  return mproc_task_set_result(t, &r);
}

/* Fails on 13, as a Python task raising ValueError. */
static int picky(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return 1;
  if (x == 13) {
    mproc_task_set_error(t, "ValueError: 13 is unlucky");
    return 1;
  }
  mproc_value_t r = mproc_int(x);
  return mproc_task_set_result(t, &r);
}

static int64_t init_calls;
static int64_t init_token = -1;

static int init(const mproc_value_t *args, size_t nargs) {
  if (nargs != 1 || mproc_value_as_int(&args[0], &init_token) != 0)
    return 1;
  init_calls++;
  return 0;
}

/* [rank, initializer calls on this rank, the initializer's token] */
static int whoami(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  (void)args;
  (void)nargs;
  mproc_value_t items[] = {mproc_int(mproc_mpi_rank()), mproc_int(init_calls),
                           mproc_int(init_token)};
  mproc_value_t r = mproc_tuple(items, 3);
  return mproc_task_set_result(t, &r);
}

/* Writes d[i] = rank into a manager's dict, through a proxy from rank 0. */
static int note(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  (void)t;
  mproc_proxy_t *d;
  if (nargs != 2 || mproc_value_as_proxy(&args[0], &d) != 0)
    return 1;
  mproc_value_t v = mproc_int(mproc_mpi_rank());
  return mproc_proxy_dict_set(d, &args[1], &v) == 0 ? 0 : 1;
}

/* Rank 1 dies on item 50 (the kill case). */
static int fragile(const mproc_value_t *args, size_t nargs, mproc_task_t *t) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return 1;
  if (x >= 50 && mproc_mpi_rank() == 1)
    raise(SIGKILL);
  mproc_value_t r = mproc_int(x);
  return mproc_task_set_result(t, &r);
}

/* ---- cases, on rank 0 ---------------------------------------------------- */

static mproc_value_t *ints(size_t n) {
  mproc_value_t *v = malloc(n * sizeof *v);
  for (size_t i = 0; i < n; i++)
    v[i] = mproc_int((int64_t)i);
  return v;
}

static mproc_pool_t *make(unsigned processes) {
  mproc_pool_t *p = NULL;
  mproc_pool_options_t o = {0};
  o.processes = processes;
  if (mproc_mpi_pool_create(&p, &o) != 0)
    return NULL;
  return p;
}

static void end(mproc_pool_t *p) {
  mproc_pool_close(p);
  mproc_pool_join(p, 60);
  mproc_pool_destroy(p);
}

static bool squares_ok(const mproc_value_t *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int64_t x;
    if (mproc_value_as_int(&r[i], &x) != 0 || x != (int64_t)(i * i))
      return false;
  }
  return true;
}

static void map_large(mproc_pool_t *p) {
  const char *full = getenv("MPROC_TEST_FULL");
  size_t n = full && *full == '1' ? 1000000 : 20000;
  mproc_value_t *items = ints(n), *r = NULL;
  size_t nr = 0;
  int rc = mproc_pool_map(p, square, items, n, 0, &r);
  free(items);
  CHECK(rc == 0);
  nr = n;
  CHECK(squares_ok(r, nr));
  mproc_values_free(r, nr);
  PASS();
}

static void map_chunksize(mproc_pool_t *p) {
  mproc_value_t *items = ints(1000), *r = NULL;
  int rc = mproc_pool_map(p, square, items, 1000, 7, &r);
  free(items);
  CHECK(rc == 0);
  CHECK(squares_ok(r, 1000));
  mproc_values_free(r, 1000);
  PASS();
}

static void imap_ordered(mproc_pool_t *p) {
  mproc_value_t *items = ints(300);
  mproc_iter_t *it;
  int rc = mproc_pool_imap(p, square, items, 300, 1, &it);
  free(items);
  CHECK(rc == 0);
  for (size_t i = 0; i < 300; i++) {
    mproc_value_t *v;
    size_t idx;
    int64_t x;
    CHECK(mproc_iter_next(it, 60, &v, &idx) == 0);
    CHECK(idx == i && mproc_value_as_int(v, &x) == 0 && x == (int64_t)(i * i));
    mproc_values_free(v, 1);
  }
  mproc_value_t *v;
  CHECK(mproc_iter_next(it, 5, &v, NULL) == MPROC_E_DONE);
  mproc_iter_destroy(it);
  PASS();
}

static void imap_unordered(mproc_pool_t *p) {
  size_t n = 500;
  mproc_value_t *items = ints(n);
  char *seen = calloc(n, 1);
  mproc_iter_t *it;
  int rc = mproc_pool_imap_unordered(p, square, items, n, 3, &it);
  free(items);
  CHECK(rc == 0);
  for (size_t i = 0; i < n; i++) {
    mproc_value_t *v;
    size_t idx;
    int64_t x;
    CHECK(mproc_iter_next(it, 60, &v, &idx) == 0);
    CHECK(idx < n && !seen[idx]);
    CHECK(mproc_value_as_int(v, &x) == 0 && x == (int64_t)(idx * idx));
    seen[idx] = 1;
    mproc_values_free(v, 1);
  }
  free(seen);
  mproc_iter_destroy(it);
  PASS();
}

static void starmap(mproc_pool_t *p) {
  mproc_value_t pairs[100][2], tuples[100], *r = NULL;
  for (int i = 0; i < 100; i++) {
    pairs[i][0] = mproc_int(i);
    pairs[i][1] = mproc_int(i + 1);
    tuples[i] = mproc_tuple(pairs[i], 2);
  }
  CHECK(mproc_pool_starmap(p, mul, tuples, 100, 0, &r) == 0);
  for (int i = 0; i < 100; i++) {
    int64_t x;
    CHECK(mproc_value_as_int(&r[i], &x) == 0 && x == (int64_t)i * (i + 1));
  }
  mproc_values_free(r, 100);
  PASS();
}

typedef struct seen_cb {
  int results, errors;
  int64_t value;
  int status;
  char message[128];
} seen_cb_t;

static void on_result(void *u, const mproc_value_t *r, size_t n) {
  seen_cb_t *s = u;
  s->results++;
  if (n == 1)
    mproc_value_as_int(&r[0], &s->value);
}

static void on_error(void *u, int status, const char *message) {
  seen_cb_t *s = u;
  s->errors++;
  s->status = status;
  snprintf(s->message, sizeof s->message, "%s", message);
}

static void apply_async(mproc_pool_t *p) {
  seen_cb_t ok = {0}, bad = {0};
  mproc_callbacks_t cb1 = {on_result, on_error, &ok};
  mproc_callbacks_t cb2 = {on_result, on_error, &bad};
  mproc_value_t a = mproc_int(12), b = mproc_int(13), *r = NULL;
  size_t n = 0;
  mproc_async_t *h1, *h2;
  CHECK(mproc_pool_apply_async(p, square, &a, 1, &cb1, &h1) == 0);
  CHECK(mproc_pool_apply_async(p, picky, &b, 1, &cb2, &h2) == 0);
  CHECK(mproc_async_get(h1, 60, &r, &n) == 0 && n == 1);
  int64_t x;
  CHECK(mproc_value_as_int(&r[0], &x) == 0 && x == 144);
  mproc_values_free(r, n);
  CHECK(ok.results == 1 && ok.errors == 0 && ok.value == 144);
  CHECK(mproc_async_get(h2, 60, &r, &n) == MPROC_E_VALUE);
  CHECK(strcmp(mproc_last_error(), "ValueError: 13 is unlucky") == 0);
  CHECK(bad.errors == 1 && bad.results == 0 && bad.status == MPROC_E_VALUE);
  CHECK(strcmp(bad.message, "ValueError: 13 is unlucky") == 0);
  CHECK(mproc_async_successful(h2) == 0);
  mproc_async_destroy(h1);
  mproc_async_destroy(h2);
  /* apply: the synchronous form */
  CHECK(mproc_pool_apply(p, square, &a, 1, &r) == 0);
  CHECK(mproc_value_as_int(r, &x) == 0 && x == 144);
  mproc_values_free(r, 1);
  PASS();
}

static void errors(mproc_pool_t *p) {
  mproc_value_t *items = ints(40), *r = NULL;
  int rc = mproc_pool_map(p, picky, items, 40, 4, &r);
  free(items);
  CHECK(rc == MPROC_E_VALUE);
  CHECK(strcmp(mproc_last_error(), "ValueError: 13 is unlucky") == 0);
  /* The pool goes on after a failed call. */
  mproc_value_t a = mproc_int(3);
  CHECK(mproc_pool_apply(p, square, &a, 1, &r) == 0);
  mproc_values_free(r, 1);
  PASS();
}

static void sharing_rule(mproc_pool_t *p) {
  mproc_lock_t *lock;
  mproc_queue_t *q;
  CHECK(mproc_lock_create(&lock) == 0);
  CHECK(mproc_queue_create(&q, NULL) == 0);
  mproc_value_t arg = mproc_obj(lock), *r = NULL;
  CHECK(mproc_pool_apply(p, square, &arg, 1, &r) == MPROC_E_INHERITANCE);
  CHECK(strcmp(mproc_last_error(),
               "Lock objects should only be shared "
               "between processes through inheritance") == 0);
  arg = mproc_obj(q);
  CHECK(mproc_pool_map(p, square, &arg, 1, 0, &r) == MPROC_E_INHERITANCE);
  CHECK(strstr(mproc_last_error(), "Queue objects should only be shared") !=
        NULL);
  mproc_queue_destroy(q);
  mproc_lock_destroy(lock);
  PASS();
}

static void one_pool_at_a_time(mproc_pool_t *p) {
  (void)p;
  mproc_pool_t *q = NULL;
  CHECK(mproc_mpi_pool_create(&q, NULL) == MPROC_E_STATE && !q);
  PASS();
}

static void too_many_processes(void) {
  mproc_pool_t *q = NULL;
  mproc_pool_options_t o = {0};
  o.processes = (unsigned)mproc_mpi_size(); /* one more than there are */
  CHECK(mproc_mpi_pool_create(&q, &o) == MPROC_E_VALUE && !q);
  PASS();
}

static void initializer(void) {
  mproc_value_t token = mproc_int(4242);
  mproc_pool_options_t o = {0};
  o.initializer = init;
  o.initargs = &token;
  o.ninitargs = 1;
  mproc_pool_t *p = NULL;
  CHECK(mproc_mpi_pool_create(&p, &o) == 0);
  mproc_value_t *items = ints(200), *r = NULL;
  int rc = mproc_pool_map(p, whoami, items, 200, 1, &r);
  free(items);
  end(p);
  CHECK(rc == 0);
  for (size_t i = 0; i < 200; i++) {
    const mproc_value_t *t = &r[i];
    int64_t rank, calls, tok;
    CHECK(t->type == MPROC_VALUE_TUPLE && t->u.seq.n == 3);
    CHECK(mproc_value_as_int(&t->u.seq.items[0], &rank) == 0 &&
          (rank == 1 || rank == 2));
    CHECK(mproc_value_as_int(&t->u.seq.items[1], &calls) == 0 && calls == 1);
    CHECK(mproc_value_as_int(&t->u.seq.items[2], &tok) == 0 && tok == 4242);
  }
  mproc_values_free(r, 200);
  PASS();
}

/* The ranks' counts go on from the pool before (initializer): each
 * restart after maxtasksperchild runs the initializer again. */
static void maxtasks(void) {
  mproc_value_t token = mproc_int(7);
  mproc_pool_options_t o = {0};
  o.initializer = init;
  o.initargs = &token;
  o.ninitargs = 1;
  o.maxtasksperchild = 2;
  mproc_pool_t *p = NULL;
  CHECK(mproc_mpi_pool_create(&p, &o) == 0);
  mproc_value_t *items = ints(20), *r = NULL;
  int rc = mproc_pool_map(p, whoami, items, 20, 1, &r);
  free(items);
  end(p);
  CHECK(rc == 0);
  int64_t most = 0;
  for (size_t i = 0; i < 20; i++) {
    int64_t calls, tok;
    CHECK(mproc_value_as_int(&r[i].u.seq.items[1], &calls) == 0);
    CHECK(mproc_value_as_int(&r[i].u.seq.items[2], &tok) == 0 && tok == 7);
    if (calls > most)
      most = calls;
  }
  mproc_values_free(r, 20);
  CHECK(most >= 4); /* 1 from before, then one per 2 tasks */
  PASS();
}

static void lock_in_initargs(void) {
  mproc_lock_t *lock;
  CHECK(mproc_lock_create(&lock) == 0);
  mproc_value_t arg = mproc_obj(lock);
  mproc_pool_options_t o = {0};
  o.initializer = init;
  o.initargs = &arg;
  o.ninitargs = 1;
  mproc_pool_t *p = NULL;
  int rc = mproc_mpi_pool_create(&p, &o);
  mproc_lock_destroy(lock);
  CHECK(rc == MPROC_E_INHERITANCE && !p);
  CHECK(strstr(mproc_last_error(), "Lock objects should only be shared "
                                   "between processes through inheritance"));
  PASS();
}

static void manager_proxy(void) {
  mproc_manager_t *m;
  mproc_manager_options_t mo = {0};
  mo.start_method = MPROC_START_SPAWN; /* re-runs us: mproc_boot() first */
  mo.address = "127.0.0.1:0";
  CHECK(mproc_manager_start(&m, &mo) == 0);
  mproc_proxy_t *d = NULL;
  mproc_pool_t *p = NULL;
  int rc = mproc_manager_dict(m, &d);
  if (rc == 0 && !(p = make(0)))
    rc = -1;
  if (rc == 0) {
    mproc_value_t pairs[50][2], tuples[50], *r = NULL;
    for (int i = 0; i < 50; i++) {
      pairs[i][0] = mproc_obj(d);
      pairs[i][1] = mproc_int(i);
      tuples[i] = mproc_tuple(pairs[i], 2);
    }
    rc = mproc_pool_starmap(p, note, tuples, 50, 5, &r);
    if (rc == 0)
      mproc_values_free(r, 50);
  }
  char why[256];
  snprintf(why, sizeof why, "%s", mproc_last_error());
  size_t len = 0;
  if (rc == 0)
    rc = mproc_proxy_dict_len(d, &len);
  /* Cleaned up before the verdict: a manager left to the end of the
   * process would only add noise to a failure. */
  if (p)
    end(p);
  mproc_proxy_destroy(d);
  mproc_manager_shutdown(m);
  if (rc != 0 || len != 50) {
    printf("not ok - %s: status %d, %zu entries (%s)\n", __func__, rc, len,
           why);
    failed++;
    return;
  }
  PASS();
}

static void terminate_then_new_pool(void) {
  mproc_pool_t *p = make(0);
  CHECK(p);
  mproc_value_t *items = ints(5000);
  mproc_async_t *h;
  CHECK(mproc_pool_map_async(p, square, items, 5000, 1, NULL, &h) == 0);
  free(items);
  CHECK(mproc_pool_terminate(p) == 0);
  CHECK(mproc_pool_join(p, 60) == 0);
  CHECK(mproc_async_wait(h, 60) == 0);
  mproc_async_destroy(h);
  mproc_pool_destroy(p);
  /* The next pool's answers are not confused with the last one's. */
  p = make(0);
  CHECK(p);
  items = ints(300);
  mproc_value_t *r = NULL;
  int rc = mproc_pool_map(p, square, items, 300, 0, &r);
  free(items);
  end(p);
  CHECK(rc == 0 && squares_ok(r, 300));
  mproc_values_free(r, 300);
  PASS();
}

static int kill_case(void) {
  mproc_pool_t *p = make(0);
  if (!p)
    return 1;
  mproc_value_t *items = ints(100), *r = NULL;
  printf("mapping; rank 1 dies at item 50\n");
  fflush(stdout);
  int rc = mproc_pool_map(p, fragile, items, 100, 1, &r);
  /* Only an MPI that survives a dead rank gets here. */
  printf("map returned %s: %s\n", mproc_err_name(rc), mproc_last_error());
  free(items);
  end(p);
  return rc == MPROC_E_WORKER_DIED ? 3 : 1;
}

int main(int argc, char **argv) {
  MPROC_REGISTER_TASK(square);
  MPROC_REGISTER_TASK(mul);
  MPROC_REGISTER_TASK(picky);
  MPROC_REGISTER_TASK(whoami);
  MPROC_REGISTER_TASK(note);
  MPROC_REGISTER_TASK(fragile);
  MPROC_REGISTER(init);
  int rc = mproc_mpi_boot(&argc, &argv);
  if (rc != 0) {
    fprintf(stderr, "mproc_mpi_boot: %s\n", mproc_last_error());
    return 1;
  }
  /* Only rank 0 gets here. */
  if (mproc_mpi_size() < 3) {
    fprintf(stderr, "run me with mpirun -np 3\n");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], "kill") == 0)
    return kill_case();
  mproc_pool_t *p = make(0);
  if (!p) {
    printf("not ok - pool: %s\n", mproc_last_error());
    return 1;
  }
  map_large(p);
  map_chunksize(p);
  imap_ordered(p);
  imap_unordered(p);
  starmap(p);
  apply_async(p);
  errors(p);
  sharing_rule(p);
  one_pool_at_a_time(p);
  end(p);
  too_many_processes();
  initializer();
  maxtasks();
  lock_in_initargs();
  manager_proxy();
  terminate_then_new_pool();
  printf("%d passed, %d failed\n", passed, failed);
  mproc_mpi_finalize();
  return failed ? 1 : 0;
}
