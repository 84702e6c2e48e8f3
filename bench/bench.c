/* SPDX-License-Identifier: MIT */
/*
 * mproc-bench: mproc and its raw peers, measured in the same run so that
 * they compare as ratios.
 *
 *   mproc-bench [--quick] [--rounds N] [--only PREFIX[,PREFIX...]] [--list]
 *
 * stdout carries only figures, one "name<TAB>value<TAB>unit" line each:
 *
 *   lock.pair.mproc         ns per uncontended acquire + release
 *   lock.pair.<peer>        the same for a raw peer (peers_*.c)
 *   lock.pair.ratio_vs_<peer>   mproc's median over the peer's
 *   lock.pair_timed.mproc   the same with a timeout of 1 s
 *   rlock.pair.mproc, semaphore.pair.mproc
 *   lock.contended.mproc    ns per pair, two processes on one lock
 *   lock.pingpong.mproc     ns per round trip of a token handed between two
 *                           processes through two Locks
 *   event.pingpong.mproc    the same through two Events (set, wait, clear)
 *   lock.create_destroy.mproc  ns per Lock created and destroyed (in
 *                           batches of up to 1,000 live locks)
 *   lock.create_destroy.cpython  the same for multiprocessing.Lock()
 *   lock.memory_per_object  resident bytes per Lock with 100,000 alive
 *   process.fork.mproc      us per start + join (+ destroy)
 *   process.spawn.mproc     the same with the spawn start method
 *   process.forkserver.mproc  the same with the forkserver start method
 *                           (the server is started before the timing:
 *                           CPython's too, by its warm-up round; after
 *                           each round, untimed, the server is given 2 ms
 *                           to reap and report the last child, which a
 *                           join no longer waits for, so that this work
 *                           does not slow the next figure's round)
 *   ...
 *
 * Progress and notes (the spread of each figure) go to stderr.
 *
 * The machines this runs on are small, shared and noisy, so every figure
 * is the median of several rounds, and the rounds of a group are
 * interleaved, mproc and peers taking turns (in alternating order: A B C,
 * C B A, ...), so that drift hits them all alike.
 *
 * This file is portable: the platform's peers, the clock and the race
 * start line are behind peers.h.
 */
#include "peers.h"
#include "qbench.h"

#include <mproc.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Children                                                                 */
/* ------------------------------------------------------------------------ */

static int child_noop(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

/* Inherited by fork children: the start line of lock.contended.mproc. */
static bench_race_t *contend_race;

/* args: the lock, the pairs to do, the child's index. */
static int child_contend(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  int64_t n, who;
  if (nargs != 3 || mproc_value_as_lock(&args[0], &l) != 0 ||
      mproc_value_as_int(&args[1], &n) != 0 ||
      mproc_value_as_int(&args[2], &who) != 0 || !contend_race)
    return 2;
  bench_race_enter(contend_race);
  for (int64_t i = 0; i < n; i++) {
    if (mproc_lock_acquire(l, MPROC_FOREVER) != 0 || mproc_lock_release(l) != 0)
      return 3;
  }
  bench_race_finish(contend_race, (int)who);
  return 0;
}

/* args: ping, pong (Locks or Events), round trips. The child's side of
 * the ping-pong: takes the token from ping, hands it back through pong. */
static int child_pingpong(const mproc_value_t *args, size_t nargs) {
  int64_t n;
  mproc_lock_t *l[2];
  mproc_event_t *e[2];
  if (nargs != 3 || mproc_value_as_int(&args[2], &n) != 0)
    return 2;
  bool locks = mproc_value_as_lock(&args[0], &l[0]) == 0 &&
               mproc_value_as_lock(&args[1], &l[1]) == 0;
  if (!locks && (mproc_value_as_event(&args[0], &e[0]) != 0 ||
                 mproc_value_as_event(&args[1], &e[1]) != 0))
    return 3;
  for (int64_t i = 0; i <= n; i++) {
    if (locks) {
      if (mproc_lock_acquire(l[0], MPROC_FOREVER) != 0 ||
          mproc_lock_release(l[1]) != 0)
        return 4;
    } else {
      if (mproc_event_wait(e[0], MPROC_FOREVER) != 0 ||
          mproc_event_clear(e[0]) != 0 || mproc_event_set(e[1]) != 0)
        return 5;
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The mproc cases                                                          */
/* ------------------------------------------------------------------------ */

static void *fail(const char *what, int rc) {
  fprintf(stderr, "mproc-bench: %s: %s (%s)\n", what, mproc_err_name(rc),
          mproc_last_error());
  return NULL;
}

static int64_t fail_run(const char *what, int rc) {
  fail(what, rc);
  return -1;
}

static void *lock_setup(void) {
  mproc_lock_t *l = NULL;
  int rc = mproc_lock_create(&l);
  return rc == 0 ? l : fail("mproc_lock_create", rc);
}

static int64_t lock_run(void *ctx, long n) {
  mproc_lock_t *l = ctx;
  int64_t t0 = bench_now_ns();
  int rc;
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_lock_acquire(l, MPROC_FOREVER)) != 0 ||
        (rc = mproc_lock_release(l)) != 0)
      return fail_run("lock pair", rc);
  }
  return bench_now_ns() - t0;
}

/* The same with a finite timeout, which should cost nothing more when the
 * lock is free. */
static int64_t lock_timed_run(void *ctx, long n) {
  mproc_lock_t *l = ctx;
  int64_t t0 = bench_now_ns();
  int rc;
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_lock_acquire(l, 1.0)) != 0 ||
        (rc = mproc_lock_release(l)) != 0)
      return fail_run("timed lock pair", rc);
  }
  return bench_now_ns() - t0;
}

static void lock_teardown(void *ctx) {
  mproc_lock_destroy(ctx);
}

/* lock.create_destroy: Locks made and destroyed in batches, so that
 * slots are claimed among live neighbours, not one slot over and over. */
#define CD_BATCH 1000

static void *cd_setup(void) {
  mproc_lock_t **v = calloc(CD_BATCH, sizeof *v);
  if (!v)
    fprintf(stderr, "mproc-bench: out of memory\n");
  return v;
}

static int64_t cd_run(void *ctx, long n) {
  mproc_lock_t **v = ctx;
  int64_t t0 = bench_now_ns();
  for (long done = 0; done < n;) {
    long k = n - done < CD_BATCH ? n - done : CD_BATCH;
    for (long i = 0; i < k; i++) {
      int rc = mproc_lock_create(&v[i]);
      if (rc != 0) {
        while (i-- > 0)
          mproc_lock_destroy(v[i]);
        return fail_run("mproc_lock_create", rc);
      }
    }
    for (long i = 0; i < k; i++)
      mproc_lock_destroy(v[i]);
    done += k;
  }
  return bench_now_ns() - t0;
}

/* lock.memory_per_object: what 100,000 live Locks add to the resident set,
 * per lock (the array that holds them is touched before). */
#define MEM_LOCKS 100000

static void figure(const char *name, double value, const char *unit);

static int memory_per_object(void) {
  mproc_lock_t **v = calloc(MEM_LOCKS, sizeof *v);
  if (!v)
    return -1;
  memset(v, 0xff, MEM_LOCKS * sizeof *v);
  int64_t before = bench_resident_bytes();
  int n = 0, rc = 0;
  for (; n < MEM_LOCKS; n++)
    if ((rc = mproc_lock_create(&v[n])) != 0 ||
        (rc = mproc_lock_acquire(v[n], 0)) != 0 ||
        (rc = mproc_lock_release(v[n])) != 0)
      break;
  int64_t after = bench_resident_bytes();
  for (int i = 0; i < n; i++)
    mproc_lock_destroy(v[i]);
  free(v);
  if (rc != 0 || before < 0 || after < 0) {
    fail("lock.memory_per_object", rc);
    return -1;
  }
  figure("lock.memory_per_object", (double)(after - before) / MEM_LOCKS, "B");
  return 0;
}

static void *rlock_setup(void) {
  mproc_rlock_t *l = NULL;
  int rc = mproc_rlock_create(&l);
  return rc == 0 ? l : fail("mproc_rlock_create", rc);
}

static int64_t rlock_run(void *ctx, long n) {
  mproc_rlock_t *l = ctx;
  int64_t t0 = bench_now_ns();
  int rc;
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_rlock_acquire(l, MPROC_FOREVER)) != 0 ||
        (rc = mproc_rlock_release(l)) != 0)
      return fail_run("rlock pair", rc);
  }
  return bench_now_ns() - t0;
}

static void rlock_teardown(void *ctx) {
  mproc_rlock_destroy(ctx);
}

static void *semaphore_setup(void) {
  mproc_semaphore_t *s = NULL;
  int rc = mproc_semaphore_create(&s, 1);
  return rc == 0 ? s : fail("mproc_semaphore_create", rc);
}

static int64_t semaphore_run(void *ctx, long n) {
  mproc_semaphore_t *s = ctx;
  int64_t t0 = bench_now_ns();
  int rc;
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_semaphore_acquire(s, MPROC_FOREVER)) != 0 ||
        (rc = mproc_semaphore_release(s)) != 0)
      return fail_run("semaphore pair", rc);
  }
  return bench_now_ns() - t0;
}

static void semaphore_teardown(void *ctx) {
  mproc_semaphore_destroy(ctx);
}

typedef struct {
  mproc_lock_t *lock;
} contend_ctx_t;

static void *contend_setup(void) {
  if (!mproc_start_method_available(MPROC_START_FORK)) {
    fprintf(stderr, "# lock.contended.mproc: no fork start method here\n");
    return BENCH_SKIP;
  }
  contend_race = bench_race_create();
  if (!contend_race)
    return NULL;
  contend_ctx_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  int rc = mproc_lock_create(&c->lock);
  if (rc != 0) {
    free(c);
    return fail("mproc_lock_create", rc);
  }
  return c;
}

static int64_t contend_run(void *ctx, long n) {
  contend_ctx_t *c = ctx;
  mproc_process_options_t opts = {.start_method = MPROC_START_FORK,
                                  .daemon = false};
  mproc_process_t *p[2] = {NULL, NULL};
  int rc = 0;
  bench_race_reset(contend_race);
  for (int i = 0; i < 2 && rc == 0; i++) {
    mproc_value_t args[3];
    args[0] = mproc_obj(c->lock);
    args[1] = mproc_int(n / 2);
    args[2] = mproc_int(i);
    rc = mproc_process_start(&p[i], child_contend, args, 3, &opts);
  }
  int64_t t0 = -1;
  if (rc == 0) {
    t0 = bench_race_start(contend_race, 2);
  } else {
    fail("mproc_process_start", rc);
    bench_race_start(contend_race, 0); /* let a started child go */
  }
  int status = 0;
  for (int i = 0; i < 2; i++) {
    if (!p[i])
      continue;
    int code = -1;
    int jrc = mproc_process_join(p[i], MPROC_FOREVER);
    if (jrc == 0)
      jrc = mproc_process_exitcode(p[i], &code);
    if (jrc != 0 || code != 0) {
      fprintf(stderr, "mproc-bench: a contending child: %s, exit code %d\n",
              mproc_err_name(jrc), code);
      status = -1;
    }
    mproc_process_destroy(p[i]);
  }
  int64_t t1 = bench_race_end(contend_race, 2);
  if (rc != 0 || status != 0 || t0 < 0 || t1 < 0)
    return -1;
  return t1 - t0;
}

static void contend_teardown(void *ctx) {
  contend_ctx_t *c = ctx;
  mproc_lock_destroy(c->lock);
  free(c);
  bench_race_destroy(contend_race);
  contend_race = NULL;
}

/* The ping-pong: two objects, the token starting on this side. */
typedef struct pingpong_ctx {
  bool locks;
  void *obj[2];
} pingpong_ctx_t;

static void *pingpong_setup_of(bool locks) {
  pingpong_ctx_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->locks = locks;
  for (int i = 0; i < 2; i++) {
    int rc = locks ? mproc_lock_create((mproc_lock_t **)&c->obj[i])
                   : mproc_event_create((mproc_event_t **)&c->obj[i]);
    /* Both Locks start held: each release is a hand-over. */
    if (rc == 0 && locks)
      rc = mproc_lock_acquire(c->obj[i], 0);
    if (rc != 0) {
      fail("creating the ping-pong objects", rc);
      return NULL; /* leaks a little on a failure that ends the bench */
    }
  }
  return c;
}

static void *lock_pingpong_setup(void) {
  return pingpong_setup_of(true);
}

static void *event_pingpong_setup(void) {
  return pingpong_setup_of(false);
}

static int pingpong_hand(pingpong_ctx_t *c) {
  if (c->locks) {
    int rc = mproc_lock_release(c->obj[0]);
    return rc ? rc : mproc_lock_acquire(c->obj[1], MPROC_FOREVER);
  }
  int rc = mproc_event_set(c->obj[0]);
  if (rc == 0)
    rc = mproc_event_wait(c->obj[1], MPROC_FOREVER);
  return rc ? rc : mproc_event_clear(c->obj[1]);
}

/* n timed round trips after one untimed (the child is then running). */
static int64_t pingpong_run(void *ctx, long n) {
  pingpong_ctx_t *c = ctx;
  mproc_value_t args[3] = {mproc_obj(c->obj[0]), mproc_obj(c->obj[1]),
                           mproc_int(n)};
  mproc_process_t *p;
  int rc = mproc_process_start(&p, child_pingpong, args, 3, NULL);
  if (rc != 0)
    return fail_run("mproc_process_start", rc);
  int64_t t0 = 0, t = -1;
  for (long i = 0; i <= n; i++) {
    if (i == 1)
      t0 = bench_now_ns();
    if ((rc = pingpong_hand(c)) != 0) {
      fail("ping-pong", rc);
      mproc_process_kill(p);
      break;
    }
  }
  if (rc == 0)
    t = n > 0 ? bench_now_ns() - t0 : 0;
  int code = -1;
  if (mproc_process_join(p, MPROC_FOREVER) != 0 ||
      mproc_process_exitcode(p, &code) != 0 || code != 0)
    t = -1;
  mproc_process_destroy(p);
  return t;
}

static void pingpong_teardown(void *ctx) {
  pingpong_ctx_t *c = ctx;
  for (int i = 0; i < 2; i++) {
    if (c->locks)
      mproc_lock_destroy(c->obj[i]);
    else
      mproc_event_destroy(c->obj[i]);
  }
  free(c);
}

/* The start method a process case uses, as its context. */
static mproc_start_method_t method_fork = MPROC_START_FORK;
static mproc_start_method_t method_spawn = MPROC_START_SPAWN;
static mproc_start_method_t method_forkserver = MPROC_START_FORKSERVER;
static bool booted;
/* Never set: what process_run() waits on, untimed, after a forkserver
 * round. */
static mproc_event_t *settle;

static void *fork_setup(void) {
  if (!mproc_start_method_available(MPROC_START_FORK)) {
    fprintf(stderr, "# process.fork.mproc: no fork start method here\n");
    return BENCH_SKIP;
  }
  return &method_fork;
}

static void *spawn_setup(void) {
  if (!booted) {
    fprintf(stderr, "# process.spawn.mproc: mproc_boot failed\n");
    return NULL;
  }
  return &method_spawn;
}

static int64_t process_run(void *ctx, long n);

static void *forkserver_setup(void) {
  if (!mproc_start_method_available(MPROC_START_FORKSERVER)) {
    fprintf(stderr, "# process.forkserver.mproc: no forkserver start method "
                    "here\n");
    return BENCH_SKIP;
  }
  if (!booted) {
    fprintf(stderr, "# process.forkserver.mproc: mproc_boot failed\n");
    return NULL;
  }
  if (!settle && mproc_event_create(&settle) != 0)
    return NULL;
  /* The server once, untimed: what a program pays at its first start. */
  if (process_run(&method_forkserver, 1) < 0)
    return NULL;
  return &method_forkserver;
}

static void forkserver_teardown(void *ctx) {
  (void)ctx;
  mproc_event_destroy(settle);
  settle = NULL;
}

/* n times: start a child that returns 0, join it, check, destroy. */
static int64_t process_run(void *ctx, long n) {
  mproc_process_options_t opts = {.start_method = MPROC_START_DEFAULT,
                                  .daemon = false};
  opts.start_method = *(mproc_start_method_t *)ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    mproc_process_t *p;
    int code = -1;
    int rc = mproc_process_start(&p, child_noop, NULL, 0, &opts);
    if (rc != 0)
      return fail_run("mproc_process_start", rc);
    rc = mproc_process_join(p, MPROC_FOREVER);
    if (rc == 0)
      rc = mproc_process_exitcode(p, &code);
    mproc_process_destroy(p);
    if (rc != 0)
      return fail_run("mproc_process_join", rc);
    if (code != 0) {
      fprintf(stderr, "mproc-bench: a child exited with %d\n", code);
      return -1;
    }
  }
  int64_t t = bench_now_ns() - t0;
  /* Untimed: the fork server reaps and reports the last child after the
   * join returned (which waits on a pidfd, not for the server); 2 ms for
   * it to finish, so that its work lands in no other figure's round
   * (process.fork.raw's comes next). */
  if (settle && opts.start_method == MPROC_START_FORKSERVER)
    mproc_event_wait(settle, 0.002);
  return t;
}

static const bench_case_t mproc_lock_pair[] = {
    {"lock.pair.mproc", lock_setup, lock_run, lock_teardown},
    {"lock.pair_timed.mproc", lock_setup, lock_timed_run, lock_teardown},
    {"rlock.pair.mproc", rlock_setup, rlock_run, rlock_teardown},
    {"semaphore.pair.mproc", semaphore_setup, semaphore_run,
     semaphore_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_lock_create_destroy[] = {
    {"lock.create_destroy.mproc", cd_setup, cd_run, free},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_lock_contended[] = {
    {"lock.contended.mproc", contend_setup, contend_run, contend_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_lock_pingpong[] = {
    {"lock.pingpong.mproc", lock_pingpong_setup, pingpong_run,
     pingpong_teardown},
    {"event.pingpong.mproc", event_pingpong_setup, pingpong_run,
     pingpong_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_process_fork[] = {
    {"process.fork.mproc", fork_setup, process_run, NULL},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_process_forkserver[] = {
    {"process.forkserver.mproc", forkserver_setup, process_run,
     forkserver_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_process_spawn[] = {
    {"process.spawn.mproc", spawn_setup, process_run, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------------ */
/* Managers: a Lock pair and a 64-byte Queue message through proxies.       */
/* ------------------------------------------------------------------------ */

typedef struct mgr_ctx {
  mproc_manager_t *m;
  mproc_proxy_t *p;
} mgr_ctx_t;

static void *mgr_setup(int kind) {
  mgr_ctx_t *c = calloc(1, sizeof *c);
  int rc;
  if (!c)
    return NULL;
  if ((rc = mproc_manager_start(&c->m, NULL)) != 0) {
    free(c);
    return fail("mproc_manager_start", rc);
  }
  rc = kind == 0   ? mproc_manager_lock(c->m, &c->p)
       : kind == 1 ? mproc_manager_queue(c->m, 0, &c->p)
                   : mproc_manager_dict(c->m, &c->p);
  if (rc != 0) {
    mproc_manager_shutdown(c->m);
    free(c);
    return fail("creating a manager object", rc);
  }
  return c;
}

static void *mgr_lock_setup(void) {
  return mgr_setup(0);
}

static void *mgr_queue_setup(void) {
  return mgr_setup(1);
}

static void *mgr_dict_setup(void) {
  return mgr_setup(2);
}

static void mgr_teardown(void *ctx) {
  mgr_ctx_t *c = ctx;
  mproc_proxy_destroy(c->p);
  mproc_manager_shutdown(c->m);
  free(c);
}

static int64_t mgr_lock_run(void *ctx, long n) {
  mgr_ctx_t *c = ctx;
  int rc;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++)
    if ((rc = mproc_proxy_acquire(c->p, MPROC_FOREVER)) != 0 ||
        (rc = mproc_proxy_release(c->p)) != 0)
      return fail_run("manager lock pair", rc);
  return bench_now_ns() - t0;
}

/* One message: a put and a get of 64 bytes. */
static int64_t mgr_queue_run(void *ctx, long n) {
  mgr_ctx_t *c = ctx;
  char payload[64];
  memset(payload, 'x', sizeof payload);
  mproc_value_t item = mproc_bytes(payload, sizeof payload);
  int rc;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    mproc_value_t *v = NULL;
    if ((rc = mproc_proxy_queue_put(c->p, &item, MPROC_FOREVER)) != 0 ||
        (rc = mproc_proxy_queue_get(c->p, &v, MPROC_FOREVER)) != 0)
      return fail_run("manager queue message", rc);
    mproc_values_free(v, 1);
  }
  return bench_now_ns() - t0;
}

/* One d['k'] = 64 bytes, then d['k']: two round trips. */
static int64_t mgr_dict_run(void *ctx, long n) {
  mgr_ctx_t *c = ctx;
  char payload[64];
  memset(payload, 'x', sizeof payload);
  mproc_value_t key = mproc_str("k"),
                item = mproc_bytes(payload, sizeof payload);
  int rc;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    mproc_value_t *v = NULL;
    if ((rc = mproc_proxy_dict_set(c->p, &key, &item)) != 0 ||
        (rc = mproc_proxy_dict_get(c->p, &key, &v)) != 0)
      return fail_run("manager dict set and get", rc);
    mproc_values_free(v, 1);
  }
  return bench_now_ns() - t0;
}

static const bench_case_t mproc_manager_lockpair[] = {
    {"manager.lockpair.mproc", mgr_lock_setup, mgr_lock_run, mgr_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_manager_queue64b[] = {
    {"manager.queue64b.mproc", mgr_queue_setup, mgr_queue_run, mgr_teardown},
    {NULL, NULL, NULL, NULL},
};

static const bench_case_t mproc_manager_dictset[] = {
    {"manager.dictset.mproc", mgr_dict_setup, mgr_dict_run, mgr_teardown},
    {NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------------ */
/* Groups                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * A group: cases measured in the same interleaved rounds. Rounds are kept
 * short (a lock round is about a millisecond) and many: on a loaded 2-core
 * machine a round that loses the CPU to another process comes out twice as
 * slow, and the shorter the round the fewer such rounds the median sees.
 * The group's reference is "<prefix>.mproc"; every peer named
 * "<prefix>.<x>" gets a ratio line.
 */
typedef struct group {
  const char *prefix;
  const char *unit; /* "ns" or "us" per operation */
  long iters;       /* operations per round */
  int rounds;
  /* 0, or the longest a round may take: a peer that is much slower here
   * (a kernel object under wine: ~75 us a pair) gets fewer operations per
   * round, so that its rounds do not take minutes. */
  double max_round_ns;
  long quick_iters;
  int quick_rounds;
  const bench_case_t *mproc;
  const bench_case_t *peers;
} group_t;

static const group_t groups[] = {
    {"lock.pair", "ns", 50000, 41, 5e6, 20000, 5, mproc_lock_pair,
     bench_peers_lock_pair},
    {"lock.create_destroy", "ns", 20000, 9, 2e9, 2000, 3,
     mproc_lock_create_destroy, bench_peers_lock_create_destroy},
    {"lock.contended", "ns", 100000, 21, 0, 20000, 3, mproc_lock_contended,
     bench_peers_lock_contended},
    {"lock.pingpong", "ns", 20000, 21, 0, 2000, 3, mproc_lock_pingpong,
     bench_peers_lock_pingpong},
    {"process.fork", "us", 5, 40, 0, 1, 5, mproc_process_fork,
     bench_peers_process_fork},
    {"process.spawn", "us", 5, 40, 0, 1, 5, mproc_process_spawn,
     bench_peers_process_spawn},
    {"process.forkserver", "us", 5, 40, 0, 1, 5, mproc_process_forkserver,
     bench_peers_process_forkserver},
    {"pool.map", "ns", 200000, 7, 0, 20000, 3, bench_mproc_pool_map,
     bench_peers_pool_map},
    {"pool.imap1", "ns", 20000, 5, 0, 2000, 3, bench_mproc_pool_imap1,
     bench_peers_pool_imap1},
    {"pool.lifecycle", "us", 5, 5, 0, 1, 3, bench_mproc_pool_lifecycle,
     bench_peers_pool_lifecycle},
    {"pool.cpu", "ns", 2000, 5, 0, 200, 3, bench_mproc_pool_cpu,
     bench_peers_pool_cpu},
    {"pool.records", "ns", 200000, 7, 0, 20000, 3, bench_mproc_pool_records,
     bench_peers_pool_records},
    /* Queues and pipes (qbench.h): a round is one child and n messages. */
    {"queue.64b", "ns", 200000, 7, 2e9, 20000, 3, bench_mproc_queue_64b,
     bench_peers_queue_64b},
    {"queue.4k", "ns", 100000, 7, 2e9, 10000, 3, bench_mproc_queue_4k,
     bench_peers_queue_4k},
    /* A million items per round for every case (no max_round_ns: a
     * smaller run of the slower peer would not spill the same way). */
    {"queue.64b.spill", "ns", 1000000, 3, 0, 100000, 1, bench_mproc_queue_spill,
     bench_peers_queue_spill},
    {"simplequeue.64b", "ns", 200000, 7, 2e9, 20000, 3,
     bench_mproc_simplequeue_64b, bench_no_peers},
    {"pipe.roundtrip", "ns", 20000, 9, 2e9, 2000, 3, bench_mproc_pipe_roundtrip,
     bench_peers_pipe_roundtrip},
    {"manager.lockpair", "us", 500, 21, 0, 100, 3, mproc_manager_lockpair,
     bench_peers_manager_lockpair},
    {"manager.queue64b", "us", 500, 21, 0, 100, 3, mproc_manager_queue64b,
     bench_peers_manager_queue64b},
    {"manager.dictset", "us", 500, 21, 0, 100, 3, mproc_manager_dictset,
     bench_peers_manager_dictset},
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

static struct {
  bool quick;
  int rounds;       /* 0: each group's own */
  const char *only; /* comma-separated prefixes, or NULL */
  bool list;
} opt;

static bool selected(const char *name) {
  if (!opt.only)
    return true;
  const char *p = opt.only;
  while (*p) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (len > 0 && strncmp(name, p, len) == 0)
      return true;
    p += len;
    if (*p == ',')
      p++;
  }
  return false;
}

static int usage(const char *prog, FILE *to, int code) {
  fprintf(
      to,
      "usage: %s [--quick] [--rounds N] [--only PREFIX[,PREFIX...]] "
      "[--list]\n"
      "\n"
      "Measures mproc and its raw peers in the same run and prints one\n"
      "'name<TAB>value<TAB>unit' line per figure on stdout: the median of\n"
      "its rounds, mproc's and the peers' rounds interleaved; then\n"
      "'<group>.ratio_vs_<peer>' lines, mproc's median over the peer's.\n"
      "Progress and the spread of each figure go to stderr.\n"
      "\n"
      "  --quick        few rounds of few operations (a smoke run, wine)\n"
      "  --rounds N     N rounds per figure (default 41 for lock pairs, 21\n"
      "                 for the contended lock, 40 for processes;\n"
      "                 --quick: 3 to 5)\n"
      "  --only P,...   only the figures whose names start with one of\n"
      "                 the prefixes (e.g. --only lock.pair,process.spawn)\n"
      "  --list         list the figures of this platform and exit\n"
      "  --help         this text\n",
      prog);
  return code;
}

static int parse_args(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
      exit(usage(argv[0], stdout, 0));
    if (strcmp(a, "--quick") == 0) {
      opt.quick = true;
    } else if (strcmp(a, "--list") == 0) {
      opt.list = true;
    } else if (strcmp(a, "--rounds") == 0 && i + 1 < argc) {
      char *end;
      long r = strtol(argv[++i], &end, 10);
      if (*end || r < 1 || r > 100000) {
        fprintf(stderr, "%s: --rounds wants a number from 1 to 100000\n",
                argv[0]);
        return -1;
      }
      opt.rounds = (int)r;
    } else if (strcmp(a, "--only") == 0 && i + 1 < argc) {
      opt.only = argv[++i];
    } else {
      fprintf(stderr, "%s: unknown argument '%s'\n", argv[0], a);
      return usage(argv[0], stderr, -1);
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Measuring                                                                */
/* ------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts @p v in place and returns its median. */
static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void figure(const char *name, double value, const char *unit) {
  if (strcmp(unit, "x") != 0)
    printf("%s\t%.1f\t%s\n", name, value, unit);
  else if (value >= 0.1)
    printf("%s\t%.2f\t%s\n", name, value, unit);
  else /* a peer thousands of times slower (a kernel object under wine) */
    printf("%s\t%.3g\t%s\n", name, value, unit);
  fflush(stdout);
}

/* One case of a group while it runs. */
typedef struct slot {
  const bench_case_t *c;
  bool peer;
  void *ctx;
  long iters;     /* operations per round */
  double *values; /* per round, in the group's unit per operation */
  double med;
  bool ok;
} slot_t;

/* Figures selected so far, to say so when --only matched none. */
static int nselected;

/* Runs one group. Returns -1 if a figure failed, 0 otherwise. */
static int run_group(const group_t *g) {
  slot_t slots[16];
  int n = 0;
  int status = 0;
  for (int pass = 0; pass < 2; pass++) {
    const bench_case_t *list = pass == 0 ? g->mproc : g->peers;
    for (const bench_case_t *c = list; c->name && n < 16; c++) {
      if (!selected(c->name))
        continue;
      slots[n].c = c;
      slots[n].peer = pass == 1;
      slots[n].ok = false;
      slots[n].values = NULL;
      n++;
    }
  }
  if (n == 0)
    return 0;
  nselected += n;

  int rounds = opt.rounds  ? opt.rounds
               : opt.quick ? g->quick_rounds
                           : g->rounds;
  long iters = opt.quick ? g->quick_iters : g->iters;
  double per_unit = strcmp(g->unit, "us") == 0 ? 1000.0 : 1.0;

  for (int i = 0; i < n; i++) {
    slot_t *s = &slots[i];
    s->ctx = s->c->setup();
    if (s->ctx == BENCH_SKIP)
      continue;
    if (!s->ctx) {
      fprintf(stderr, "mproc-bench: %s: setup failed\n", s->c->name);
      status = -1;
      continue;
    }
    s->values = calloc((size_t)rounds, sizeof *s->values);
    if (!s->values) {
      fprintf(stderr, "mproc-bench: out of memory\n");
      return -1;
    }
    /* Untimed runs first, to warm up caches, page tables and the
     * program's pages (for spawn): 1, 10, 100, ... operations up to a tenth
     * of a round, or until a run takes a tenth of max_round_ns. The last
     * one sizes the rounds of a slow case. */
    long warm = iters / 10 > 0 ? iters / 10 : 1;
    long probe = 1;
    int64_t ns;
    for (;;) {
      ns = s->c->run(s->ctx, probe);
      if (ns < 0 || probe >= warm ||
          (g->max_round_ns > 0 && (double)ns >= g->max_round_ns / 10))
        break;
      probe = probe * 10 < warm ? probe * 10 : warm;
    }
    s->iters = iters;
    if (ns > 0 && g->max_round_ns > 0 &&
        (double)ns / (double)probe * (double)iters > g->max_round_ns) {
      s->iters = (long)(g->max_round_ns / ((double)ns / (double)probe));
      if (s->iters < 1)
        s->iters = 1;
      fprintf(stderr, "# %s: slow here, %ld per round\n", s->c->name, s->iters);
    }
    s->ok = ns >= 0;
    if (!s->ok) {
      fprintf(stderr, "mproc-bench: %s: failed\n", s->c->name);
      status = -1;
    }
  }

  bool any = false;
  for (int i = 0; i < n; i++)
    any = any || slots[i].ok;
  if (any)
    fprintf(stderr, "# %s: %d rounds of %ld per figure\n", g->prefix, rounds,
            iters);
  for (int r = 0; r < rounds; r++) {
    for (int k = 0; k < n; k++) {
      slot_t *s = &slots[r % 2 ? n - 1 - k : k];
      if (!s->ok)
        continue;
      int64_t ns = s->c->run(s->ctx, s->iters);
      if (ns < 0) {
        fprintf(stderr, "mproc-bench: %s: failed in round %d\n", s->c->name,
                r + 1);
        s->ok = false;
        status = -1;
        continue;
      }
      s->values[r] = (double)ns / (double)s->iters / per_unit;
    }
  }

  const slot_t *ref = NULL;
  char refname[128];
  snprintf(refname, sizeof refname, "%s.mproc", g->prefix);
  for (int i = 0; i < n; i++) {
    slot_t *s = &slots[i];
    if (!s->ok)
      continue;
    s->med = median(s->values, rounds);
    figure(s->c->name, s->med, g->unit);
    fprintf(stderr, "#   %-24s median %10.1f %s  min %10.1f  max %10.1f\n",
            s->c->name, s->med, g->unit, s->values[0], s->values[rounds - 1]);
    if (strcmp(s->c->name, refname) == 0)
      ref = s;
  }
  size_t plen = strlen(g->prefix);
  for (int i = 0; i < n && ref; i++) {
    const slot_t *s = &slots[i];
    if (!s->ok || !s->peer || s->med <= 0)
      continue;
    char name[160];
    if (strncmp(s->c->name, g->prefix, plen) == 0 && s->c->name[plen] == '.') {
      snprintf(name, sizeof name, "%s.ratio_vs_%s", g->prefix,
               s->c->name + plen + 1);
    } else {
      /* A peer of another group's name (process.forkserver's yardstick is
       * process.fork.raw): ratio_vs_fork_raw. */
      const char *peer = strchr(s->c->name, '.');
      snprintf(name, sizeof name, "%s.ratio_vs_%s", g->prefix,
               peer ? peer + 1 : s->c->name);
      for (char *c = name + plen + 10; *c; c++)
        if (*c == '.')
          *c = '_';
    }
    figure(name, ref->med / s->med, "x");
  }
  /* A CPython client on mproc's server against CPython's own server
   * (manager.lockpair): <prefix>.python_client_vs_cpython, CPython's
   * median over the mproc server's (above 1: mproc's server is faster). */
  const slot_t *pyc = NULL, *cpy = NULL;
  for (int i = 0; i < n; i++) {
    const char *sfx = strncmp(slots[i].c->name, g->prefix, plen) == 0
                          ? slots[i].c->name + plen
                          : "";
    if (slots[i].ok && slots[i].med > 0 && strcmp(sfx, ".python_client") == 0)
      pyc = &slots[i];
    if (slots[i].ok && slots[i].med > 0 && strcmp(sfx, ".cpython") == 0)
      cpy = &slots[i];
  }
  if (pyc && cpy) {
    char name[160];
    snprintf(name, sizeof name, "%s.python_client_vs_cpython", g->prefix);
    figure(name, cpy->med / pyc->med, "x");
  }

  /* Last set up, first torn down: a figure's setup may fork a process (a
   * manager's server) that holds copies of the descriptors of the figures
   * set up before it, so their peers see the end of their pipes only once
   * that process is gone (manager.lockpair's raw socket and CPython peers
   * waited forever behind the python_client figure's server). */
  for (int i = n - 1; i >= 0; i--) {
    slot_t *s = &slots[i];
    if (s->ctx && s->ctx != BENCH_SKIP && s->c->teardown)
      s->c->teardown(s->ctx);
    free(s->values);
  }
  return status;
}

int main(int argc, char **argv) {
  /* First: a spawned child of this program runs its function here and
   * never returns. */
  mproc_register("bench.noop", child_noop);
  mproc_register("bench.contend", child_contend);
  mproc_register("bench.pingpong", child_pingpong);
  bench_pool_register();
  bench_queue_register();
  int rc = mproc_boot(argc, argv);
  if (rc == 0)
    booted = true;
  else
    fprintf(stderr, "mproc-bench: mproc_boot: %s (%s)\n", mproc_err_name(rc),
            mproc_last_error());

  if (argc == 2 && strcmp(argv[1], BENCH_EXIT_FLAG) == 0)
    return 0; /* started by process.spawn.raw_self */
  if (argc >= 2 && strcmp(argv[1], BENCH_PIPE_CHILD_FLAG) == 0)
    return bench_pipe_child(argc, argv); /* a raw pipe peer's child */
  if (parse_args(argc, argv) < 0)
    return 2;
  if (opt.list) {
    for (size_t g = 0; g < NGROUPS; g++)
      for (int pass = 0; pass < 2; pass++)
        for (const bench_case_t *c = pass ? groups[g].peers : groups[g].mproc;
             c->name; c++)
          printf("%s\t%s\n", c->name, groups[g].unit);
    printf("lock.memory_per_object\tB\n");
    return 0;
  }

  fprintf(stderr, "# mproc %s\n", mproc_version());
  int status = 0;
  for (size_t g = 0; g < NGROUPS; g++)
    if (run_group(&groups[g]) < 0)
      status = 1;
  if (selected("lock.memory_per_object")) {
    nselected++;
    if (memory_per_object() < 0)
      status = 1;
  }
  if (nselected == 0) {
    fprintf(stderr, "mproc-bench: no figure matches --only %s (see --list)\n",
            opt.only);
    status = 2;
  }
  return status;
}
