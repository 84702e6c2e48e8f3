/* SPDX-License-Identifier: MIT */
/*
 * mproc-scenarios: the Stack Overflow thread behind mproc (../shared/seed),
 * ported to C, with the outcomes CPython gives.
 *
 * the_job(idx, lock, queue) prints a few lines while holding the lock, then
 * puts idx on the queue. Each scenario runs it over 0..9 with at most three
 * processes at a time, then reads the queue back and checks it got 0..9:
 *
 *   1  Pool; Lock and Queue passed as task arguments    -> fails: inheritance
 *   2  Pool; Lock and Queue from a Manager              -> successful
 *   3  a Process per task; Lock and Queue as arguments  -> successful
 *   4  a Process per task; Lock and Queue from a Manager -> successful
 *   5  Pool whose initializer receives the Lock and Queue (the answer's
 *      fix); tasks carry only the index                 -> successful
 *
 * The same file is compiled into tests/test_scenarios.c (with
 * MPROC_SCENARIOS_NO_MAIN), so the tests check exactly what the demo runs.
 */
#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NJOBS 10
#define MAX_ALIVE 3

static bool scenarios_quiet;

/* ------------------------------------------------------------------------ */
/* The job                                                                  */
/* ------------------------------------------------------------------------ */

/* A lock and a queue that are either mproc's own or a manager's proxies.
 * The job needs only `any_lock`: mproc_acquire() takes either kind (and
 * says which type it got if it is neither); the creator keeps the typed
 * pointers to destroy them. */
typedef struct sync_pair {
  const void *any_lock;
  mproc_lock_t *lock;
  mproc_queue_t *queue;
  mproc_proxy_t *plock, *pqueue;
} sync_pair_t;

static int pair_from(const mproc_value_t *lock, const mproc_value_t *queue,
                     sync_pair_t *out) {
  memset(out, 0, sizeof *out);
  if (lock->type != MPROC_VALUE_OBJECT)
    return MPROC_E_TYPE;
  out->any_lock = lock->u.obj;
  if (mproc_value_as_queue(queue, &out->queue) != 0 &&
      mproc_value_as_proxy(queue, &out->pqueue) != 0)
    return MPROC_E_TYPE;
  return 0;
}

static int the_job(int64_t idx, const sync_pair_t *s) {
  int rc = mproc_acquire(s->any_lock, MPROC_FOREVER);
  if (rc != 0)
    return rc;
  if (!scenarios_quiet) {
    printf("I\nwas \nhere \n!!!!\n1111\neinhundertelfzigelf\n\n");
    printf(" By run %lld \n\n", (long long)idx);
    fflush(stdout);
  }
  rc = mproc_release(s->any_lock);
  if (rc != 0)
    return rc;
  mproc_value_t v = mproc_int(idx);
  return s->queue ? mproc_queue_put(s->queue, &v, 1, MPROC_FOREVER)
                  : mproc_proxy_queue_put(s->pqueue, &v, MPROC_FOREVER);
}

/* Children learn --quiet from their arguments: a spawned child has none
 * of the parent's memory. */
static int take_quiet(const mproc_value_t *v) {
  return mproc_value_as_bool(v, &scenarios_quiet);
}

/* As a pool task: (idx, lock, queue, quiet). */
static int job_task(const mproc_value_t *args, size_t nargs,
                    mproc_task_t *task) {
  int64_t idx;
  sync_pair_t s;
  int rc;
  if (nargs != 4 || mproc_value_as_int(&args[0], &idx) != 0 ||
      (rc = pair_from(&args[1], &args[2], &s)) != 0 ||
      take_quiet(&args[3]) != 0)
    return MPROC_E_TYPE;
  rc = the_job(idx, &s);
  if (rc != 0)
    mproc_task_set_error(task, mproc_last_error());
  return rc;
}

/* As a process: (idx, lock, queue, quiet); the exit code says how it went. */
static int job_process(const mproc_value_t *args, size_t nargs) {
  int64_t idx;
  sync_pair_t s;
  if (nargs != 4 || mproc_value_as_int(&args[0], &idx) != 0 ||
      pair_from(&args[1], &args[2], &s) != 0 || take_quiet(&args[3]) != 0)
    return 2;
  return the_job(idx, &s) == 0 ? 0 : 1;
}

/* Scenario 5: the initializer keeps the inherited Lock and Queue. */
static sync_pair_t inherited;

/* (lock, queue, quiet) */
static int init_globals(const mproc_value_t *args, size_t nargs) {
  return nargs == 3 && pair_from(&args[0], &args[1], &inherited) == 0 &&
                 take_quiet(&args[2]) == 0
             ? 0
             : 1;
}

static int job_global(const mproc_value_t *args, size_t nargs,
                      mproc_task_t *task) {
  int64_t idx;
  if (nargs != 1 || mproc_value_as_int(&args[0], &idx) != 0)
    return MPROC_E_TYPE;
  int rc = the_job(idx, &inherited);
  if (rc != 0)
    mproc_task_set_error(task, mproc_last_error());
  return rc;
}

/* Registers what children run, each under its own name and as a process
 * function or a pool task by its type; call before mproc_boot(). */
static void scenarios_register(void) {
  MPROC_REGISTER(job_process);
  MPROC_REGISTER(init_globals);
  MPROC_REGISTER(job_task);
  MPROC_REGISTER(job_global);
}

/* ------------------------------------------------------------------------ */
/* The scenarios                                                            */
/* ------------------------------------------------------------------------ */

/* Reads the queue back: exactly the indices 0..9, in any order. */
static int read_queue(const sync_pair_t *s, char *why, size_t why_size) {
  bool seen[NJOBS] = {false};
  for (int i = 0; i < NJOBS; i++) {
    mproc_value_t *v = NULL;
    size_t n = 1;
    int rc = s->queue ? mproc_queue_get(s->queue, &v, &n, 10.0)
                      : mproc_proxy_queue_get(s->pqueue, &v, 10.0);
    int64_t idx = -1;
    if (rc == 0 && (n != 1 || mproc_value_as_int(&v[0], &idx) != 0))
      rc = MPROC_E_TYPE;
    mproc_values_free(v, n);
    if (rc != 0) {
      snprintf(why, why_size, "the queue gave %d of %d items (%s)", i, NJOBS,
               mproc_strerror(rc));
      return rc;
    }
    if (idx < 0 || idx >= NJOBS || seen[idx]) {
      snprintf(why, why_size, "unexpected item %lld", (long long)idx);
      return MPROC_E_VALUE;
    }
    seen[idx] = true;
  }
  return 0;
}

/* The lock and queue of a scenario: local (m == NULL) or a manager's. */
static int make_pair(mproc_manager_t *m, sync_pair_t *s, mproc_value_t *lock,
                     mproc_value_t *queue) {
  memset(s, 0, sizeof *s);
  int rc;
  if (m) {
    if ((rc = mproc_manager_lock(m, &s->plock)) != 0 ||
        (rc = mproc_manager_queue(m, 0, &s->pqueue)) != 0)
      return rc;
    s->any_lock = s->plock;
    *lock = mproc_obj(s->plock);
    *queue = mproc_obj(s->pqueue);
  } else {
    if ((rc = mproc_lock_create(&s->lock)) != 0 ||
        (rc = mproc_queue_create(&s->queue, NULL)) != 0)
      return rc;
    s->any_lock = s->lock;
    *lock = mproc_obj(s->lock);
    *queue = mproc_obj(s->queue);
  }
  return 0;
}

static void free_pair(sync_pair_t *s) {
  mproc_lock_destroy(s->lock);
  mproc_queue_destroy(s->queue);
  mproc_proxy_destroy(s->plock);
  mproc_proxy_destroy(s->pqueue);
}

/* Scenarios 1, 2, 5: a pool of three. */
static int run_pool(mproc_start_method_t method, bool manager, bool initargs,
                    char *why, size_t why_size) {
  mproc_manager_t *m = NULL;
  mproc_pool_t *pool = NULL;
  sync_pair_t s;
  mproc_value_t lock, queue, args[4 * NJOBS], tuples[NJOBS], *results = NULL;
  int rc;
  memset(&s, 0, sizeof s);
  if (manager) {
    mproc_manager_options_t mo = {method, NULL, NULL, 0};
    if ((rc = mproc_manager_start(&m, &mo)) != 0)
      goto out;
  }
  if ((rc = make_pair(m, &s, &lock, &queue)) != 0)
    goto out;
  mproc_value_t init[3] = {lock, queue, mproc_bool(scenarios_quiet)};
  mproc_pool_options_t po = {MAX_ALIVE,
                             initargs ? init_globals : NULL,
                             initargs ? init : NULL,
                             initargs ? 3 : 0,
                             0,
                             method};
  if ((rc = mproc_pool_create(&pool, &po)) != 0)
    goto out;
  if (initargs) {
    for (int i = 0; i < NJOBS; i++)
      args[i] = mproc_int(i);
    rc = mproc_pool_map(pool, job_global, args, NJOBS, 0, &results);
  } else {
    for (int i = 0; i < NJOBS; i++) {
      args[4 * i] = mproc_int(i);
      args[4 * i + 1] = lock;
      args[4 * i + 2] = queue;
      args[4 * i + 3] = mproc_bool(scenarios_quiet);
      tuples[i] = mproc_tuple(&args[4 * i], 4);
    }
    rc = mproc_pool_starmap(pool, job_task, tuples, NJOBS, 0, &results);
  }
  if (rc == 0) {
    mproc_values_free(results, NJOBS);
    rc = read_queue(&s, why, why_size);
    why = NULL;
  }
out:
  if (rc != 0 && why)
    snprintf(why, why_size, "%s", mproc_last_error());
  mproc_pool_destroy(pool);
  free_pair(&s);
  mproc_manager_shutdown(m);
  return rc;
}

/* Scenarios 3, 4: one process per job, at most three alive at once. */
static int run_processes(mproc_start_method_t method, bool manager, char *why,
                         size_t why_size) {
  mproc_manager_t *m = NULL;
  mproc_process_t *procs[NJOBS] = {NULL};
  sync_pair_t s;
  mproc_value_t lock, queue;
  int rc, failed = 0, next_join = 0;
  memset(&s, 0, sizeof s);
  if (manager) {
    mproc_manager_options_t mo = {method, NULL, NULL, 0};
    if ((rc = mproc_manager_start(&m, &mo)) != 0)
      goto out;
  }
  if ((rc = make_pair(m, &s, &lock, &queue)) != 0)
    goto out;
  mproc_process_options_t po = {.start_method = method, .daemon = false};
  for (int i = 0; i < NJOBS && rc == 0; i++) {
    if (i - next_join == MAX_ALIVE) {
      int code = -1;
      mproc_process_join(procs[next_join], MPROC_FOREVER);
      mproc_process_exitcode(procs[next_join], &code);
      failed |= code != 0;
      next_join++;
    }
    mproc_value_t a[4] = {mproc_int(i), lock, queue,
                          mproc_bool(scenarios_quiet)};
    rc = mproc_process_start(&procs[i], job_process, a, 4, &po);
  }
  for (; next_join < NJOBS && procs[next_join]; next_join++) {
    int code = -1;
    mproc_process_join(procs[next_join], MPROC_FOREVER);
    mproc_process_exitcode(procs[next_join], &code);
    failed |= code != 0;
  }
  if (rc == 0 && failed) {
    rc = MPROC_E_SPAWN;
    snprintf(why, why_size, "a job process failed");
    why = NULL;
  }
  if (rc == 0) {
    rc = read_queue(&s, why, why_size);
    why = NULL;
  }
out:
  if (rc != 0 && why)
    snprintf(why, why_size, "%s", mproc_last_error());
  for (int i = 0; i < NJOBS; i++)
    mproc_process_destroy(procs[i]);
  free_pair(&s);
  mproc_manager_shutdown(m);
  return rc;
}

/*
 * Runs scenario @p n: 0 when it succeeded, else its status, with the
 * reason in @p why.
 */
static int scenario_run(int n, mproc_start_method_t method, char *why,
                        size_t why_size) {
  why[0] = '\0';
  switch (n) {
  case 1:
    return run_pool(method, false, false, why, why_size);
  case 2:
    return run_pool(method, true, false, why, why_size);
  case 3:
    return run_processes(method, false, why, why_size);
  case 4:
    return run_processes(method, true, why, why_size);
  case 5:
    return run_pool(method, false, true, why, why_size);
  default:
    snprintf(why, why_size, "no scenario %d", n);
    return MPROC_E_INVAL;
  }
}

/* Whether scenario @p n ended as CPython's does: 1 fails with the
 * inheritance error, the others succeed. */
static bool scenario_as_expected(int n, int rc, const char *why) {
  if (n == 1)
    return rc == MPROC_E_INHERITANCE &&
           strcmp(why, "Lock objects should only be shared between "
                       "processes through inheritance") == 0;
  return rc == 0;
}

#ifndef MPROC_SCENARIOS_NO_MAIN
static int usage(const char *prog, FILE *to, int code) {
  fprintf(to,
          "usage: %s [--start-method fork|spawn|forkserver] [--quiet] [N...]\n"
          "\n"
          "Runs the scenarios of the Stack Overflow thread on multiprocessing\n"
          "locks and queues (all five, or those numbered N):\n"
          "  1  Pool, Lock and Queue as task arguments  (fails: inheritance)\n"
          "  2  Pool, Lock and Queue from a Manager\n"
          "  3  a Process per task, Lock and Queue as process arguments\n"
          "  4  a Process per task, Lock and Queue from a Manager\n"
          "  5  Pool, Lock and Queue through the initializer (the fix)\n"
          "Exit status 0 when every scenario ended as CPython's does.\n",
          prog);
  return code;
}

int main(int argc, char **argv) {
  scenarios_register();
  mproc_boot(argc, argv);

  mproc_start_method_t method = MPROC_START_DEFAULT;
  int chosen[8], nchosen = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
      return usage(argv[0], stdout, 0);
    if (strcmp(a, "--quiet") == 0) {
      scenarios_quiet = true;
    } else if (strcmp(a, "--start-method") == 0 && i + 1 < argc) {
      const char *m = argv[++i];
      if (strcmp(m, "fork") == 0)
        method = MPROC_START_FORK;
      else if (strcmp(m, "spawn") == 0)
        method = MPROC_START_SPAWN;
      else if (strcmp(m, "forkserver") == 0)
        method = MPROC_START_FORKSERVER;
      else
        return usage(argv[0], stderr, 2);
      if (!mproc_start_method_available(method)) {
        fprintf(stderr, "%s: the %s start method is not available here\n",
                argv[0], m);
        return 2;
      }
    } else if (a[0] >= '1' && a[0] <= '5' && a[1] == '\0' && nchosen < 8) {
      chosen[nchosen++] = a[0] - '0';
    } else {
      return usage(argv[0], stderr, 2);
    }
  }
  if (nchosen == 0)
    for (int n = 1; n <= 5; n++)
      chosen[nchosen++] = n;

  bool all_expected = true;
  for (int i = 0; i < nchosen; i++) {
    char why[512];
    int rc = scenario_run(chosen[i], method, why, sizeof why);
    if (rc == 0)
      printf("Scenario %d successful!\n", chosen[i]);
    else
      printf("Scenario %d fails: %s\n", chosen[i], why);
    fflush(stdout);
    all_expected &= scenario_as_expected(chosen[i], rc, why);
  }
  return all_expected ? 0 : 1;
}
#endif
