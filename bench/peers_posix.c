/* SPDX-License-Identifier: MIT */
/*
 * The raw peers on POSIX (Linux): what mproc is measured against, written
 * with the OS interfaces directly and no library.
 *
 *   lock.pair.futex       the classic futex mutex of Drepper's "Futexes Are
 *                         Tricky" (mutex 3): CAS 0->1 to lock; unlock is a
 *                         fetch_sub and a FUTEX_WAKE only when contended. In
 *                         MAP_SHARED memory, shared futex ops (as mproc's).
 *                         Its lock and unlock are out-of-line functions, as
 *                         any library's would be, so that the ratio shows
 *                         what mproc does beyond the minimum, not the cost of
 *                         a call.
 *   lock.pair.semaphore   a named POSIX semaphore (sem_open, unlinked at
 *                         once), what CPython's multiprocessing.Lock uses.
 *   lock.pair.pthread     a PTHREAD_PROCESS_SHARED pthread mutex in shared
 *                         memory (glibc's process-shared lock).
 *   lock.pair.apr         apr_proc_mutex with APR_LOCK_DEFAULT, when built
 *                         with APR's headers (MPROC_BENCH_HAVE_APR); the
 *                         library is loaded at run time (see below).
 *   lock.pair.apr_<mech>  the same with one mechanism each: pthread,
 *                         posixsem, fcntl, sysvsem.
 *   lock.pair.cpython     CPython's multiprocessing.Lock (a POSIX
 *                         semaphore behind a C extension), timed inside a
 *                         python3 process (python3 -c), when there is one.
 *   lock.contended.futex  the futex mutex, two fork children.
 *   lock.pingpong.futex   two processes handing a token back and forth
 *                         through two futex binary semaphores (no spin);
 *                         the figure is one round trip.
 *   process.fork.raw      fork, _exit(0) in the child, waitpid.
 *   process.spawn.raw     fork, execv of mproc-bench-trivial, waitpid.
 *   process.spawn.raw_self  the same, of this program with BENCH_EXIT_FLAG:
 *                         what process.spawn.mproc costs beyond raw when the
 *                         program started is the same (mproc's protocol
 *                         alone, without the cost of a bigger program).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* with -std=c11: sem_open, syscall, readlink, ... */
#endif
#include "peers.h"

#include <mproc.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdbool.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(MPROC_BENCH_HAVE_APR)
#include <apr_pools.h>
#include <apr_proc_mutex.h>
#include <dlfcn.h>
#endif

#define NOINLINE __attribute__((noinline))

char bench_skip_token;

int64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void *shared_alloc(size_t size) {
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                 -1, 0);
  if (p == MAP_FAILED) {
    fprintf(stderr, "mproc-bench: mmap: %s\n", strerror(errno));
    return NULL;
  }
  memset(p, 0, size);
  return p;
}

static long futex(volatile uint32_t *addr, int op, uint32_t val) {
  return syscall(SYS_futex, addr, op, val, NULL, NULL, 0);
}

/* Waits for a child and checks that it exited with 0. */
static int reap(pid_t pid) {
  int st;
  pid_t w;
  while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
    ;
  if (w != pid) {
    fprintf(stderr, "mproc-bench: waitpid: %s\n", strerror(errno));
    return -1;
  }
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    fprintf(stderr, "mproc-bench: a child ended with status 0x%x\n", st);
    return -1;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The race start line                                                      */
/* ------------------------------------------------------------------------ */

struct bench_race {
  volatile uint32_t ready; /* children at the line */
  volatile uint32_t go;    /* 1: run */
  volatile int64_t end[BENCH_RACE_MAX];
};

bench_race_t *bench_race_create(void) {
  return shared_alloc(sizeof(bench_race_t));
}

void bench_race_destroy(bench_race_t *r) {
  if (r)
    munmap(r, sizeof *r);
}

void bench_race_reset(bench_race_t *r) {
  __atomic_store_n(&r->ready, 0, __ATOMIC_SEQ_CST);
  __atomic_store_n(&r->go, 0, __ATOMIC_SEQ_CST);
  for (int i = 0; i < BENCH_RACE_MAX; i++)
    r->end[i] = 0;
}

static void race_release(bench_race_t *r) {
  __atomic_store_n(&r->go, 1, __ATOMIC_SEQ_CST);
  futex(&r->go, FUTEX_WAKE, INT_MAX);
}

int64_t bench_race_start(bench_race_t *r, int n) {
  int64_t give_up = bench_now_ns() + (int64_t)10 * 1000000000;
  while (__atomic_load_n(&r->ready, __ATOMIC_SEQ_CST) < (uint32_t)n) {
    if (bench_now_ns() > give_up) {
      fprintf(stderr, "mproc-bench: the racers did not show up\n");
      race_release(r);
      return -1;
    }
    struct timespec ts = {0, 20000};
    nanosleep(&ts, NULL);
  }
  int64_t t0 = bench_now_ns();
  race_release(r);
  return t0;
}

int64_t bench_race_end(bench_race_t *r, int n) {
  int64_t last = 0;
  for (int i = 0; i < n && i < BENCH_RACE_MAX; i++) {
    int64_t t = __atomic_load_n(&r->end[i], __ATOMIC_SEQ_CST);
    if (t == 0)
      return -1; /* a racer did not finish */
    if (t > last)
      last = t;
  }
  return last;
}

void bench_race_enter(bench_race_t *r) {
  __atomic_fetch_add(&r->ready, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&r->go, __ATOMIC_SEQ_CST) == 0)
    futex(&r->go, FUTEX_WAIT, 0);
}

void bench_race_finish(bench_race_t *r, int who) {
  if (who >= 0 && who < BENCH_RACE_MAX)
    __atomic_store_n(&r->end[who], bench_now_ns(), __ATOMIC_SEQ_CST);
}

/* ------------------------------------------------------------------------ */
/* lock.pair.futex, lock.contended.futex                                    */
/* ------------------------------------------------------------------------ */

/* 0 free, 1 held, 2 held with waiters. */
static NOINLINE void futex_lock(volatile uint32_t *f) {
  uint32_t c = 0;
  if (__atomic_compare_exchange_n(f, &c, 1, false, __ATOMIC_ACQUIRE,
                                  __ATOMIC_RELAXED))
    return;
  if (c != 2)
    c = __atomic_exchange_n(f, 2, __ATOMIC_ACQUIRE);
  while (c != 0) {
    futex(f, FUTEX_WAIT, 2);
    c = __atomic_exchange_n(f, 2, __ATOMIC_ACQUIRE);
  }
}

static NOINLINE void futex_unlock(volatile uint32_t *f) {
  if (__atomic_fetch_sub(f, 1, __ATOMIC_RELEASE) != 1) {
    __atomic_store_n(f, 0, __ATOMIC_RELEASE);
    futex(f, FUTEX_WAKE, 1);
  }
}

static void *futex_setup(void) {
  return shared_alloc(sizeof(uint32_t));
}

static int64_t futex_run(void *ctx, long n) {
  volatile uint32_t *f = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    futex_lock(f);
    futex_unlock(f);
  }
  return bench_now_ns() - t0;
}

static void futex_teardown(void *ctx) {
  munmap(ctx, sizeof(uint32_t));
}

typedef struct {
  volatile uint32_t *f;
  bench_race_t *race;
} futex_race_t;

static void *futex_race_setup(void) {
  futex_race_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->f = shared_alloc(sizeof(uint32_t));
  c->race = bench_race_create();
  if (!c->f || !c->race) {
    if (c->f)
      munmap((void *)c->f, sizeof(uint32_t));
    bench_race_destroy(c->race);
    free(c);
    return NULL;
  }
  return c;
}

static int64_t futex_race_run(void *ctx, long n) {
  futex_race_t *c = ctx;
  long per = n / 2;
  pid_t pids[2];
  int rc = 0;
  bench_race_reset(c->race);
  for (int i = 0; i < 2; i++) {
    pids[i] = fork();
    if (pids[i] == 0) {
      bench_race_enter(c->race);
      for (long k = 0; k < per; k++) {
        futex_lock(c->f);
        futex_unlock(c->f);
      }
      bench_race_finish(c->race, i);
      _exit(0);
    }
    if (pids[i] < 0) {
      fprintf(stderr, "mproc-bench: fork: %s\n", strerror(errno));
      if (i == 1) {
        race_release(c->race);
        reap(pids[0]);
      }
      return -1;
    }
  }
  int64_t t0 = bench_race_start(c->race, 2);
  for (int i = 0; i < 2; i++)
    if (reap(pids[i]) < 0)
      rc = -1;
  int64_t t1 = bench_race_end(c->race, 2);
  if (rc < 0 || t0 < 0 || t1 < 0)
    return -1;
  return t1 - t0;
}

static void futex_race_teardown(void *ctx) {
  futex_race_t *c = ctx;
  munmap((void *)c->f, sizeof(uint32_t));
  bench_race_destroy(c->race);
  free(c);
}

/* ------------------------------------------------------------------------ */
/* lock.pair.semaphore                                                      */
/* ------------------------------------------------------------------------ */

static void *sem_setup(void) {
  static unsigned counter;
  char name[64];
  snprintf(name, sizeof name, "/mproc-bench-%ld-%u", (long)getpid(), counter++);
  sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
  if (s == SEM_FAILED) {
    fprintf(stderr, "mproc-bench: sem_open: %s\n", strerror(errno));
    return NULL;
  }
  sem_unlink(name);
  return s;
}

static int64_t sem_run(void *ctx, long n) {
  sem_t *s = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if (sem_wait(s) != 0 || sem_post(s) != 0)
      return -1;
  }
  return bench_now_ns() - t0;
}

static void sem_teardown(void *ctx) {
  sem_close(ctx);
}

/* ------------------------------------------------------------------------ */
/* lock.pair.pthread                                                        */
/* ------------------------------------------------------------------------ */

static void *pthread_setup(void) {
  pthread_mutex_t *m = shared_alloc(sizeof *m);
  if (!m)
    return NULL;
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
  int e = pthread_mutex_init(m, &a);
  pthread_mutexattr_destroy(&a);
  if (e != 0) {
    fprintf(stderr, "mproc-bench: pthread_mutex_init: %s\n", strerror(e));
    munmap(m, sizeof *m);
    return NULL;
  }
  return m;
}

static int64_t pthread_run(void *ctx, long n) {
  pthread_mutex_t *m = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if (pthread_mutex_lock(m) != 0 || pthread_mutex_unlock(m) != 0)
      return -1;
  }
  return bench_now_ns() - t0;
}

static void pthread_teardown(void *ctx) {
  pthread_mutex_destroy(ctx);
  munmap(ctx, sizeof(pthread_mutex_t));
}

/* ------------------------------------------------------------------------ */
/* lock.pair.apr                                                            */
/* ------------------------------------------------------------------------ */

#if defined(MPROC_BENCH_HAVE_APR)
/*
 * APR is loaded with dlopen() when this figure runs, not linked: a program
 * linked with libapr-1 (and its libuuid) pays for loading them at every
 * exec, about 0.7 ms on a slow VM, which process.spawn.mproc (this program
 * re-executing itself) would count against mproc.
 */
static struct {
  apr_status_t (*initialize)(void);
  apr_status_t (*pool_create_ex)(apr_pool_t **, apr_pool_t *, apr_abortfunc_t,
                                 apr_allocator_t *);
  void (*pool_destroy)(apr_pool_t *);
  apr_status_t (*mutex_create)(apr_proc_mutex_t **, const char *,
                               apr_lockmech_e, apr_pool_t *);
  apr_status_t (*mutex_lock)(apr_proc_mutex_t *);
  apr_status_t (*mutex_unlock)(apr_proc_mutex_t *);
  apr_status_t (*mutex_destroy)(apr_proc_mutex_t *);
  const char *(*mutex_name)(apr_proc_mutex_t *);
} apr;

/* Stores dlsym(h, name) into the function pointer at @p fn. */
static int apr_sym(void *h, const char *name, void *fn, size_t size) {
  void *sym = dlsym(h, name);
  if (!sym) {
    fprintf(stderr, "mproc-bench: %s: %s\n", MPROC_BENCH_APR_LIB, dlerror());
    return -1;
  }
  memcpy(fn, &sym, size); /* ISO C has no object-to-function cast */
  return 0;
}

#define APR_SYM(h, field, name) apr_sym(h, name, &apr.field, sizeof apr.field)

static int apr_load(void) {
  static int loaded; /* 0 not yet, 1 loaded, -1 failed */
  if (loaded)
    return loaded;
  loaded = -1;
  void *h = dlopen(MPROC_BENCH_APR_LIB, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    fprintf(stderr, "mproc-bench: %s\n", dlerror());
    return -1;
  }
  if (APR_SYM(h, initialize, "apr_initialize") < 0 ||
      APR_SYM(h, pool_create_ex, "apr_pool_create_ex") < 0 ||
      APR_SYM(h, pool_destroy, "apr_pool_destroy") < 0 ||
      APR_SYM(h, mutex_create, "apr_proc_mutex_create") < 0 ||
      APR_SYM(h, mutex_lock, "apr_proc_mutex_lock") < 0 ||
      APR_SYM(h, mutex_unlock, "apr_proc_mutex_unlock") < 0 ||
      APR_SYM(h, mutex_destroy, "apr_proc_mutex_destroy") < 0 ||
      APR_SYM(h, mutex_name, "apr_proc_mutex_name") < 0)
    return -1;
  if (apr.initialize() != APR_SUCCESS) {
    fprintf(stderr, "mproc-bench: apr_initialize failed\n");
    return -1;
  }
  loaded = 1;
  return 1;
}

typedef struct {
  apr_pool_t *pool;
  apr_proc_mutex_t *m;
} apr_ctx_t;

static void *apr_setup_mech(apr_lockmech_e mech, const char *figure) {
  if (apr_load() < 0) {
    fprintf(stderr, "# %s: APR could not be loaded, left out\n", figure);
    return BENCH_SKIP; /* a peer missing here is not mproc's failure */
  }
  apr_ctx_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  apr_status_t st = apr.pool_create_ex(&c->pool, NULL, NULL, NULL);
  if (st == APR_SUCCESS)
    st = apr.mutex_create(&c->m, NULL, mech, c->pool);
  if (st != APR_SUCCESS) {
    /* A mechanism this APR build lacks is a missing peer, not a failure. */
    fprintf(stderr, "# %s: apr_proc_mutex_create: APR status %d, left out\n",
            figure, (int)st);
    if (c->pool)
      apr.pool_destroy(c->pool);
    free(c);
    return BENCH_SKIP;
  }
  fprintf(stderr, "# %s: the \"%s\" mutex\n", figure, apr.mutex_name(c->m));
  return c;
}

static void *apr_setup(void) {
  return apr_setup_mech(APR_LOCK_DEFAULT, "lock.pair.apr");
}
static void *apr_pthread_setup(void) {
  return apr_setup_mech(APR_LOCK_PROC_PTHREAD, "lock.pair.apr_pthread");
}
static void *apr_posixsem_setup(void) {
  return apr_setup_mech(APR_LOCK_POSIXSEM, "lock.pair.apr_posixsem");
}
static void *apr_fcntl_setup(void) {
  return apr_setup_mech(APR_LOCK_FCNTL, "lock.pair.apr_fcntl");
}
static void *apr_sysvsem_setup(void) {
  return apr_setup_mech(APR_LOCK_SYSVSEM, "lock.pair.apr_sysvsem");
}

static int64_t apr_run(void *ctx, long n) {
  apr_ctx_t *c = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if (apr.mutex_lock(c->m) != APR_SUCCESS ||
        apr.mutex_unlock(c->m) != APR_SUCCESS)
      return -1;
  }
  return bench_now_ns() - t0;
}

static void apr_teardown(void *ctx) {
  apr_ctx_t *c = ctx;
  apr.mutex_destroy(c->m);
  apr.pool_destroy(c->pool);
  free(c);
}
#endif

/* ------------------------------------------------------------------------ */
/* lock.pair.cpython                                                        */
/* ------------------------------------------------------------------------ */

/* The loop runs inside Python and times itself, so the interpreter's start
 * is not counted; each round is one python3 process. */
static const char cpython_prog[] =
    "import multiprocessing as m, sys, time\n"
    "l = m.Lock(); n = int(sys.argv[1]); a = l.acquire; r = l.release\n"
    "t = time.perf_counter_ns()\n"
    "for _ in range(n):\n"
    "    a(); r()\n"
    "print(time.perf_counter_ns() - t)\n";

static int64_t cpython_run(void *ctx, long n) {
  (void)ctx;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "python3 -c '%s' %ld 2>/dev/null", cpython_prog, n);
  FILE *f = popen(cmd, "r");
  if (!f)
    return -1;
  long long ns = -1;
  if (fscanf(f, "%lld", &ns) != 1)
    ns = -1;
  if (pclose(f) != 0)
    ns = -1;
  return (int64_t)ns;
}

static void *cpython_setup(void) {
  static char none;
  if (cpython_run(&none, 1) < 0) {
    fprintf(stderr, "# lock.pair.cpython: no python3 with multiprocessing, "
                    "left out\n");
    return BENCH_SKIP;
  }
  return &none;
}

/* lock.create_destroy.cpython: as cd_run() in bench.c, batches of 1,000
 * multiprocessing.Lock() objects made, then dropped (each SemLock's
 * semaphore is closed when its last reference goes). */
static const char cpython_cd_prog[] =
    "import multiprocessing as m, sys, time\n"
    "n = int(sys.argv[1]); L = m.Lock\n"
    "t = time.perf_counter_ns()\n"
    "while n > 0:\n"
    "    k = min(n, 1000); v = [L() for _ in range(k)]; del v; n -= k\n"
    "print(time.perf_counter_ns() - t)\n";

static int64_t cpython_cd_run(void *ctx, long n) {
  (void)ctx;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "python3 -c '%s' %ld 2>/dev/null", cpython_cd_prog,
           n);
  FILE *f = popen(cmd, "r");
  if (!f)
    return -1;
  long long ns = -1;
  if (fscanf(f, "%lld", &ns) != 1)
    ns = -1;
  if (pclose(f) != 0)
    ns = -1;
  return (int64_t)ns;
}

int64_t bench_resident_bytes(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long long size, resident;
  if (!f)
    return -1;
  int ok = fscanf(f, "%lld %lld", &size, &resident) == 2;
  fclose(f);
  long page = sysconf(_SC_PAGESIZE);
  return ok && page > 0 ? (int64_t)resident * page : -1;
}

/* ------------------------------------------------------------------------ */
/* lock.pingpong.futex                                                      */
/* ------------------------------------------------------------------------ */

/* A binary semaphore: 0 empty, 1 full, 2 empty with a waiter. */
static NOINLINE void bsem_wait(volatile uint32_t *w) {
  for (;;) {
    uint32_t v = 1;
    if (__atomic_compare_exchange_n(w, &v, 0, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_RELAXED))
      return;
    if (v == 0 && !__atomic_compare_exchange_n(
                      w, &v, 2, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      continue;
    futex(w, FUTEX_WAIT, 2);
  }
}

static NOINLINE void bsem_post(volatile uint32_t *w) {
  if (__atomic_exchange_n(w, 1, __ATOMIC_RELEASE) == 2)
    futex(w, FUTEX_WAKE, 1);
}

static void *pingpong_setup(void) {
  return shared_alloc(2 * sizeof(uint32_t));
}

static int64_t pingpong_run(void *ctx, long n) {
  volatile uint32_t *w = ctx; /* w[0] ping, w[1] pong */
  w[0] = w[1] = 0;
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    for (long i = 0; i <= n; i++) {
      bsem_wait(&w[0]);
      bsem_post(&w[1]);
    }
    _exit(0);
  }
  bsem_post(&w[0]); /* one untimed round trip: the child is running */
  bsem_wait(&w[1]);
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    bsem_post(&w[0]);
    bsem_wait(&w[1]);
  }
  int64_t t = bench_now_ns() - t0;
  return reap(pid) < 0 ? -1 : t;
}

static void pingpong_teardown(void *ctx) {
  munmap(ctx, 2 * sizeof(uint32_t));
}

/* ------------------------------------------------------------------------ */
/* process.fork.raw, process.spawn.raw                                      */
/* ------------------------------------------------------------------------ */

/* No context: any pointer but NULL and BENCH_SKIP. */
static void *none_setup(void) {
  static char none;
  return &none;
}

static int64_t fork_run(void *ctx, long n) {
  (void)ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0)
      _exit(0);
    if (pid < 0) {
      fprintf(stderr, "mproc-bench: fork: %s\n", strerror(errno));
      return -1;
    }
    if (reap(pid) < 0)
      return -1;
  }
  return bench_now_ns() - t0;
}

typedef struct {
  char path[PATH_MAX];
  char *argv[3];
} spawn_ctx_t;

/* A program to start: @p leaf next to this one, or this one if NULL. */
static void *spawn_setup_of(const char *leaf) {
  spawn_ctx_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  ssize_t len = readlink("/proc/self/exe", c->path, sizeof c->path - 1);
  if (len <= 0) {
    fprintf(stderr, "mproc-bench: /proc/self/exe: %s\n", strerror(errno));
    free(c);
    return NULL;
  }
  c->path[len] = '\0';
  c->argv[0] = c->path;
  if (!leaf) {
    c->argv[1] = (char *)BENCH_EXIT_FLAG;
    return c;
  }
  char *slash = strrchr(c->path, '/');
  if (!slash ||
      (size_t)(slash + 1 - c->path) + strlen(leaf) + 1 > sizeof c->path) {
    fprintf(stderr, "mproc-bench: odd program path %s\n", c->path);
    free(c);
    return NULL;
  }
  strcpy(slash + 1, leaf);
  if (access(c->path, X_OK) != 0) {
    fprintf(stderr, "mproc-bench: %s: %s\n", c->path, strerror(errno));
    free(c);
    return NULL;
  }
  return c;
}

static void *spawn_trivial_setup(void) {
  return spawn_setup_of("mproc-bench-trivial");
}

static void *spawn_self_setup(void) {
  return spawn_setup_of(NULL);
}

static int64_t spawn_run(void *ctx, long n) {
  spawn_ctx_t *c = ctx;
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      execv(c->path, c->argv);
      _exit(127);
    }
    if (pid < 0) {
      fprintf(stderr, "mproc-bench: fork: %s\n", strerror(errno));
      return -1;
    }
    if (reap(pid) < 0)
      return -1;
  }
  return bench_now_ns() - t0;
}

/* ------------------------------------------------------------------------ */
/* The lists                                                                */
/* ------------------------------------------------------------------------ */

const bench_case_t bench_peers_lock_pair[] = {
    {"lock.pair.futex", futex_setup, futex_run, futex_teardown},
    {"lock.pair.semaphore", sem_setup, sem_run, sem_teardown},
    {"lock.pair.pthread", pthread_setup, pthread_run, pthread_teardown},
#if defined(MPROC_BENCH_HAVE_APR)
    {"lock.pair.apr", apr_setup, apr_run, apr_teardown},
    {"lock.pair.apr_pthread", apr_pthread_setup, apr_run, apr_teardown},
    {"lock.pair.apr_posixsem", apr_posixsem_setup, apr_run, apr_teardown},
    {"lock.pair.apr_fcntl", apr_fcntl_setup, apr_run, apr_teardown},
    {"lock.pair.apr_sysvsem", apr_sysvsem_setup, apr_run, apr_teardown},
#endif
    {"lock.pair.cpython", cpython_setup, cpython_run, NULL},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_lock_create_destroy[] = {
    {"lock.create_destroy.cpython", cpython_setup, cpython_cd_run, NULL},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_lock_pingpong[] = {
    {"lock.pingpong.futex", pingpong_setup, pingpong_run, pingpong_teardown},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_lock_contended[] = {
    {"lock.contended.futex", futex_race_setup, futex_race_run,
     futex_race_teardown},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_process_fork[] = {
    {"process.fork.raw", none_setup, fork_run, NULL},
    {NULL, NULL, NULL, NULL},
};

/* process.forkserver.cpython: CPython's forkserver Process start + join,
 * timed inside one python3 process after one untimed start (which starts
 * the server), as process.forkserver.mproc is. */
static const char cpython_fs_prog[] =
    "import multiprocessing as m, sys, time\n"
    "def f(): pass\n"
    "if __name__ == \"__main__\":\n"
    "    c = m.get_context(\"forkserver\"); n = int(sys.argv[1])\n"
    "    p = c.Process(target=f); p.start(); p.join()\n"
    "    t = time.perf_counter_ns()\n"
    "    for _ in range(n):\n"
    "        p = c.Process(target=f); p.start(); p.join()\n"
    "    print(time.perf_counter_ns() - t)\n";

static int64_t cpython_fs_run(void *ctx, long n) {
  (void)ctx;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "python3 -c '%s' %ld 2>/dev/null", cpython_fs_prog,
           n);
  FILE *f = popen(cmd, "r");
  if (!f)
    return -1;
  long long ns = -1;
  if (fscanf(f, "%lld", &ns) != 1)
    ns = -1;
  if (pclose(f) != 0)
    ns = -1;
  return (int64_t)ns;
}

static void *cpython_fs_setup(void) {
  static char none;
  if (cpython_fs_run(&none, 1) < 0) {
    fprintf(stderr, "# process.forkserver.cpython: no python3 with the "
                    "forkserver start method, left out\n");
    return BENCH_SKIP;
  }
  return &none;
}

const bench_case_t bench_peers_process_forkserver[] = {
    {"process.fork.raw", none_setup, fork_run, NULL},
    {"process.forkserver.cpython", cpython_fs_setup, cpython_fs_run, NULL},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_process_spawn[] = {
    {"process.spawn.raw", spawn_trivial_setup, spawn_run, free},
    {"process.spawn.raw_self", spawn_self_setup, spawn_run, free},
    {NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------------ */
/* manager.*: the raw socket floor and CPython's Manager                    */
/* ------------------------------------------------------------------------ */

typedef struct mgr_echo_ctx {
  int fd;
  pid_t pid;
} mgr_echo_ctx_t;

/* A child that answers each 16-byte request with a 16-byte reply. */
static void *mgr_rawsocket_setup(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    perror("socketpair");
    return NULL;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    close(sv[0]);
    close(sv[1]);
    return NULL;
  }
  if (pid == 0) {
    char buf[16];
    close(sv[0]);
    while (read(sv[1], buf, sizeof buf) == (ssize_t)sizeof buf)
      if (write(sv[1], buf, sizeof buf) != (ssize_t)sizeof buf)
        break;
    _exit(0);
  }
  close(sv[1]);
  mgr_echo_ctx_t *c = malloc(sizeof *c);
  if (!c) {
    close(sv[0]);
    waitpid(pid, NULL, 0);
    return NULL;
  }
  c->fd = sv[0];
  c->pid = pid;
  return c;
}

static int64_t mgr_rawsocket_run(void *ctx, long n) {
  mgr_echo_ctx_t *c = ctx;
  char buf[16] = {0};
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < 2 * n; i++) /* a pair is two round trips */
    if (write(c->fd, buf, sizeof buf) != (ssize_t)sizeof buf ||
        read(c->fd, buf, sizeof buf) != (ssize_t)sizeof buf)
      return -1;
  return bench_now_ns() - t0;
}

static void mgr_rawsocket_teardown(void *ctx) {
  mgr_echo_ctx_t *c = ctx;
  /* The end of the stream for the echo child even if a process forked
   * since holds a copy of our end. */
  shutdown(c->fd, SHUT_RDWR);
  close(c->fd);
  waitpid(c->pid, NULL, 0);
  free(c);
}

/* CPython in a coprocess: reads "lock N", "queue N" or "dict N", runs N
 * operations on a Manager's Lock, Queue or dict, prints the nanoseconds
 * they took. */
static const char mgr_cpython_script[] =
    "import sys, time\n"
    "from multiprocessing import Manager\n"
    "if __name__ == '__main__':\n"
    "    m = Manager(); l = m.Lock(); q = m.Queue(); d = m.dict()\n"
    "    item = b'x' * 64\n"
    "    print('ready', flush=True)\n"
    "    for line in sys.stdin:\n"
    "        kind, n = line.split(); n = int(n)\n"
    "        t = time.perf_counter_ns()\n"
    "        if kind == 'lock':\n"
    "            for _ in range(n): l.acquire(); l.release()\n"
    "        elif kind == 'dict':\n"
    "            for _ in range(n): d['k'] = item; d['k']\n"
    "        else:\n"
    "            for _ in range(n): q.put(item); q.get()\n"
    "        print(time.perf_counter_ns() - t, flush=True)\n"
    "    m.shutdown()\n";

/* manager.lockpair.python_client: the same loop as a CPython client of an
 * mproc manager (argv[1], key argv[2] in hex), on the Lock it shares by
 * name: CPython's proxies and pickles, mproc's server. */
static const char mgr_pyclient_script[] =
    "import sys, time\n"
    "from multiprocessing.managers import BaseManager, AcquirerProxy\n"
    "class M(BaseManager): pass\n"
    "M.register('lock', proxytype=AcquirerProxy)\n"
    "m = M(address=sys.argv[1], authkey=bytes.fromhex(sys.argv[2]))\n"
    "m.connect(); l = m.lock()\n"
    "print('ready', flush=True)\n"
    "for line in sys.stdin:\n"
    "    kind, n = line.split(); n = int(n)\n"
    "    t = time.perf_counter_ns()\n"
    "    for _ in range(n): l.acquire(); l.release()\n"
    "    print(time.perf_counter_ns() - t, flush=True)\n";

typedef struct mgr_cpython_ctx {
  FILE *in, *out;
  pid_t pid;
  const char *kind;
  mproc_manager_t *m; /* python_client: the mproc manager it talks to */
} mgr_cpython_ctx_t;

static void *mgr_python_start(const char *kind, const char *script,
                              const char *arg1, const char *arg2);

static void *mgr_cpython_setup_kind(const char *kind) {
  return mgr_python_start(kind, mgr_cpython_script, NULL, NULL);
}

static void *mgr_pyclient_setup(void) {
  static const mproc_manager_shared_t shared = {"lock", "Lock", 0, false};
  static const uint8_t key[] = {'b', 'e', 'n', 'c', 'h', ' ', 'k', 'e', 'y'};
  char hex[2 * sizeof key + 1];
  mproc_manager_options_t o = {MPROC_START_FORK, NULL, key, sizeof key};
  mproc_manager_setup_t setup = {&shared, 1, NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  if (mproc_manager_start_with(&m, &o, &setup) != 0) {
    fprintf(stderr, "# manager.lockpair.python_client: %s\n",
            mproc_last_error());
    return NULL;
  }
  for (size_t i = 0; i < sizeof key; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  mgr_cpython_ctx_t *c = mgr_python_start("lock", mgr_pyclient_script,
                                          mproc_manager_address(m), hex);
  if (!c || c == BENCH_SKIP)
    mproc_manager_shutdown(m);
  else
    c->m = m;
  return c;
}

static void *mgr_python_start(const char *kind, const char *script,
                              const char *arg1, const char *arg2) {
  int to[2], from[2];
  if (pipe2(to, O_CLOEXEC) != 0)
    return NULL;
  if (pipe2(from, O_CLOEXEC) != 0) {
    close(to[0]);
    close(to[1]);
    return NULL;
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(to[0], 0);
    dup2(from[1], 1);
    execlp("python3", "python3", "-c", script, arg1, arg2, (char *)NULL);
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  mgr_cpython_ctx_t *c = calloc(1, sizeof *c);
  char line[64];
  if (pid < 0 || !c)
    goto fail;
  c->in = fdopen(to[1], "w");
  c->out = fdopen(from[0], "r");
  c->pid = pid;
  c->kind = kind;
  if (!c->in || !c->out || !fgets(line, sizeof line, c->out) ||
      strncmp(line, "ready", 5) != 0) {
    fprintf(stderr, "# manager.*.cpython: no python3 with multiprocessing\n");
    if (c->in)
      fclose(c->in);
    if (c->out)
      fclose(c->out);
    waitpid(pid, NULL, 0);
    free(c);
    return BENCH_SKIP;
  }
  return c;
fail:
  close(to[1]);
  close(from[0]);
  if (pid > 0)
    waitpid(pid, NULL, 0);
  free(c);
  return NULL;
}

static void *mgr_cpython_lock_setup(void) {
  return mgr_cpython_setup_kind("lock");
}

static void *mgr_cpython_queue_setup(void) {
  return mgr_cpython_setup_kind("queue");
}

static void *mgr_cpython_dict_setup(void) {
  return mgr_cpython_setup_kind("dict");
}

static int64_t mgr_cpython_run(void *ctx, long n) {
  mgr_cpython_ctx_t *c = ctx;
  char line[64];
  fprintf(c->in, "%s %ld\n", c->kind, n);
  fflush(c->in);
  if (!fgets(line, sizeof line, c->out))
    return -1;
  return strtoll(line, NULL, 10);
}

static void mgr_cpython_teardown(void *ctx) {
  mgr_cpython_ctx_t *c = ctx;
  fclose(c->in);
  fclose(c->out);
  waitpid(c->pid, NULL, 0);
  if (c->m)
    mproc_manager_shutdown(c->m);
  free(c);
}

const bench_case_t bench_peers_manager_lockpair[] = {
    {"manager.lockpair.rawsocket", mgr_rawsocket_setup, mgr_rawsocket_run,
     mgr_rawsocket_teardown},
    {"manager.lockpair.cpython", mgr_cpython_lock_setup, mgr_cpython_run,
     mgr_cpython_teardown},
    {"manager.lockpair.python_client", mgr_pyclient_setup, mgr_cpython_run,
     mgr_cpython_teardown},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_manager_queue64b[] = {
    {"manager.queue64b.cpython", mgr_cpython_queue_setup, mgr_cpython_run,
     mgr_cpython_teardown},
    {NULL, NULL, NULL, NULL},
};

const bench_case_t bench_peers_manager_dictset[] = {
    {"manager.dictset.cpython", mgr_cpython_dict_setup, mgr_cpython_run,
     mgr_cpython_teardown},
    {NULL, NULL, NULL, NULL},
};
