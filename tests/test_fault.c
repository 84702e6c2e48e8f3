/* SPDX-License-Identifier: MIT */
/*
 * Fault injection (src/fault.h): every public operation, with each of the
 * OS calls it makes failing in turn.
 *
 * For each operation the test first runs it once to warm up (lazily made
 * process-wide resources: the resource sharer, the daemon job object,
 * libcrypto), then once more counting the faultable calls it makes, then
 * for N = 1..count arms "the Nth call of any kind fails with its typical
 * error" and runs it again. Each run must either
 *   - fail with a valid MPROC_E_* code and a non-empty detail message, or
 *   - succeed, when the call that failed is one the library rides out (an
 *     interrupted wait, a pidfd it can do without: see tolerated()),
 * and afterwards objects made before the walk still work, and nothing
 * leaked: descriptors (/proc/self/fd) or handles (a scan of the handle
 * table), this process's /dev/shm entries, and child processes (waitpid on
 * POSIX; a snapshot of the processes whose parent we are on Windows).
 *
 * This test links the mproc_fault library. Its leak probes are the
 * harness's (harness_count_handles and friends); the only platform code of
 * its own is which OS error a fault injects.
 *
 * Faults fire only in the process that armed them, so children (fork or
 * spawn) run normally. Every N is walked; only under wine, where starting
 * a process costs a good part of a second, would an operation that starts
 * processes and makes more than 64 calls walk a sample (the first calls,
 * the last, and evenly spaced ones between); none does today. The report
 * lines ("fault: <op>: ...") give the counts.
 */
#include "harness.h"

#include "fault.h"
#include "slab.h"
#ifndef _WIN32
#include "posix/forkserver.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Leak probes                                                              */
/* ------------------------------------------------------------------------ */

typedef struct world_counts {
  int handles; /* open descriptors or handles */
  int shm;     /* our /dev/shm entries (POSIX) */
  int children;
} world_counts_t;

/* The portable backend's anonymous regions ("mproc-<pid>-...", unlinked at
 * once) and this test's named ones ("mproc-fault-<pid>-..."). Other
 * programs' entries do not count: tests of other builds may run at the same
 * time. */
static int count_shm(void) {
  return harness_count_shm("mproc-") + harness_count_shm("mproc-fault-");
}

static mproc_start_method_t op_method;

static const char *method_name(mproc_start_method_t m) {
  return m == MPROC_START_FORK    ? "fork "
         : m == MPROC_START_SPAWN ? "spawn"
                                  : "forkserver";
}

static world_counts_t world_counts(void) {
  world_counts_t w;
  w.handles = harness_count_handles();
  w.shm = count_shm();
  w.children = harness_count_children();
  /* Under forkserver the server, with its channel, comes and goes: a
   * fault in the middle of a request ends it (the channel is out of step),
   * the next start makes another. It is our child, and its channel one
   * handle; the children it starts are ours on Linux (counted: one a start
   * lost would show) and its own elsewhere (not counted). What a start
   * could leak here is a status socket, which counts as a handle. */
  if (op_method == MPROC_START_FORKSERVER) {
    int server = mproc__forkserver_pid() > 0;
    w.handles -= server;
    w.children -= server;
  }
  return w;
}

/* ------------------------------------------------------------------------ */
/* Children                                                                 */
/* ------------------------------------------------------------------------ */

/* (lock) -> 7 after taking and releasing the lock. */
static int child_lock(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *l;
  if (nargs != 1 || mproc_value_as_lock(&args[0], &l) != 0)
    return 2;
  if (mproc_lock_acquire(l, 60) != 0)
    return 3;
  mproc_lock_release(l);
  return 7;
}

#define BIG (1u << 20) /* a message 16 times the ring */
#define RING (64u * 1024)

static unsigned char pattern_at(size_t i) {
  return (unsigned char)(i * 131 + (i >> 9));
}

/* (queue) -> gets one BIG message and checks it: 0, or the step. */
static int child_get_big(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 2;
  unsigned char *buf = malloc(BIG);
  size_t len = 0;
  if (!buf)
    return 3;
  int rc = mproc_queue_get_bytes(q, buf, BIG, &len, 60);
  int code = rc != 0 ? 4 : len != BIG ? 5 : 0;
  for (size_t i = 0; code == 0 && i < BIG; i++)
    if (buf[i] != pattern_at(i))
      code = 6;
  free(buf);
  return code;
}

/* (queue) -> puts one BIG message: 0, or the step. */
static int child_put_big(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 2;
  unsigned char *buf = malloc(BIG);
  if (!buf)
    return 3;
  for (size_t i = 0; i < BIG; i++)
    buf[i] = pattern_at(i);
  /* The parent may give up (its get failed): a put that times out is not
   * this child's failure. */
  int rc = mproc_queue_put_bytes(q, buf, BIG, 60);
  free(buf);
  return rc == 0 ? 0 : 4;
}

/* (queue) -> gets a connection from the queue and sends "hi" on it. */
static int child_conn_from_queue(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  if (nargs != 1 || mproc_value_as_queue(&args[0], &q) != 0)
    return 2;
  mproc_value_t *v = NULL;
  size_t n = 0;
  if (mproc_queue_get(q, &v, &n, 60) != 0)
    return 3;
  mproc_connection_t *c = NULL;
  int code = 0;
  if (n != 1 || mproc_value_as_connection(&v[0], &c) != 0)
    code = 4;
  else if (mproc_connection_send_bytes(c, "hi", 2) != 0)
    code = 5;
  mproc_values_free(v, n);
  return code;
}

/*
 * (k) -> in this new process, whose resource sharer has not started yet:
 * k == 0 puts a connection in a queue counting the calls that makes, and
 * exits with the count (at most 99); k > 0 makes call k of that put fail,
 * then checks that the put failed with a message, that a put without a
 * fault then works, and that the connection taken from the queue is
 * connected: 0, or the step that failed (101...). The walks in the test
 * process cannot reach these calls: its sharer started during the
 * warm-up.
 */
static int child_first_export(const mproc_value_t *args, size_t nargs) {
  int64_t k;
  if (nargs != 1 || mproc_value_as_int(&args[0], &k) != 0)
    return 101;
  mproc_queue_t *q = NULL;
  mproc_connection_t *a = NULL, *b = NULL, *got = NULL;
  mproc_value_t *v = NULL;
  size_t n = 0;
  void *data = NULL;
  size_t len = 0;
  int code = 0;
  if (mproc_queue_create(&q, NULL) != 0 || mproc_pipe(&a, &b, true) != 0)
    return 102;
  mproc_value_t conn = mproc_obj(b);
  mproc__fault_arm(MPROC__FC_ANY, (uint32_t)k, 0, false);
  int rc = mproc_queue_put(q, &conn, 1, 5);
  mproc__fault_disarm();
  uint32_t calls = mproc__fault_calls(MPROC__FC_ANY);
  /* The sharer thread, just started, may count (and fail) its first
   * accept() too: it retries that one, and the put does not see it. */
  bool fired = mproc__fault_fired() > 0 &&
               mproc__fault_last_thread() == mproc__thread_id();
  if (k == 0) {
    code = rc != 0 ? 103 : calls == 0 ? 104 : calls < 99 ? (int)calls : 99;
    goto out;
  }
  if (rc < 0 ? !fired || mproc_last_error()[0] == '\0' : fired) {
    code = 105;
    goto out;
  }
  if (rc < 0 && mproc_queue_put(q, &conn, 1, 5) != 0) {
    code = 106;
    goto out;
  }
  if (mproc_queue_get(q, &v, &n, 5) != 0 || n != 1 ||
      mproc_value_as_connection(&v[0], &got) != 0) {
    code = 107;
    goto out;
  }
  if (mproc_connection_send_bytes(a, "ok", 2) != 0 ||
      mproc_connection_recv_bytes(got, &data, &len) != 0 || len != 2 ||
      memcmp(data, "ok", 2) != 0)
    code = 108;
out:
  mproc_free(data);
  mproc_values_free(v, n);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  mproc_queue_destroy(q);
  return code;
}

static int task_square(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  int64_t x;
  if (nargs != 1 || mproc_value_as_int(&args[0], &x) != 0)
    return MPROC_E_TYPE;
  mproc_value_t r = mproc_int(x * x);
  return mproc_task_set_result(task, &r);
}

/* ------------------------------------------------------------------------ */
/* Operations                                                               */
/* ------------------------------------------------------------------------ */

/*
 * Each operation creates what it needs, releases all of it whatever
 * happens, and returns 0 or the first failure's status, whose detail
 * message it keeps in op_msg (later cleanup calls may set their own).
 */
static char op_msg[512];
static const char *op_shm_name;

/* Faults that fired before the operation began releasing what it made:
 * one that fires later, in a release function that returns nothing
 * (mproc_proxy_destroy() telling the server, ...), cannot be reported. */
static uint32_t fired_before_cleanup;

static void cleanup_mark(void) {
  fired_before_cleanup = mproc__fault_fired();
}

static int op_failed(int rc) {
  snprintf(op_msg, sizeof op_msg, "%s", mproc_last_error());
  return rc;
}

/* A failure the operation itself found (a wrong exit code, ...). */
static int op_fail(int rc, const char *what, int detail) {
  snprintf(op_msg, sizeof op_msg, "%s (%d)", what, detail);
  return rc;
}

#define TRY(expr)                                                              \
  do {                                                                         \
    int try_rc_ = (expr);                                                      \
    if (try_rc_ < 0) {                                                         \
      rc = op_failed(try_rc_);                                                 \
      goto out;                                                                \
    }                                                                          \
  } while (0)

static int op_lock(void) {
  mproc_lock_t *l = NULL;
  int rc = 0;
  TRY(mproc_lock_create(&l));
  TRY(mproc_lock_acquire(l, 1));
  TRY(mproc_lock_release(l));
out:
  cleanup_mark();
  mproc_lock_destroy(l);
  return rc;
}

static int op_rlock(void) {
  mproc_rlock_t *l = NULL;
  int rc = 0;
  TRY(mproc_rlock_create(&l));
out:
  cleanup_mark();
  mproc_rlock_destroy(l);
  return rc;
}

static int op_semaphore(void) {
  mproc_semaphore_t *s = NULL, *b = NULL;
  int rc = 0;
  TRY(mproc_semaphore_create(&s, 2));
  TRY(mproc_bounded_semaphore_create(&b, 2));
out:
  cleanup_mark();
  mproc_semaphore_destroy(s);
  mproc_semaphore_destroy(b);
  return rc;
}

static int op_event_condition_barrier(void) {
  mproc_event_t *e = NULL;
  mproc_condition_t *c = NULL;
  mproc_barrier_t *b = NULL;
  int rc = 0;
  TRY(mproc_event_create(&e));
  TRY(mproc_condition_create(&c, NULL));
  TRY(mproc_barrier_create(&b, 2, NULL));
  /* A wait, which takes a waiter record of the Condition's slot and parks
   * on it: a failing park gives the record back. */
  TRY(mproc_condition_acquire(c, 1));
  int wrc = mproc_condition_wait(c, 0.001);
  TRY(mproc_condition_release(c));
  if (wrc != MPROC_E_TIMEOUT)
    TRY(wrc < 0 ? wrc : op_fail(MPROC_E_STATE, "wait woke", wrc));
out:
  cleanup_mark();
  mproc_event_destroy(e);
  mproc_condition_destroy(c);
  mproc_barrier_destroy(b);
  return rc;
}

static int op_queues(void) {
  mproc_queue_t *q = NULL, *s = NULL, *j = NULL;
  mproc_value_t *v = NULL;
  size_t n = 0;
  int rc = 0;
  mproc_value_t item = mproc_str("item");
  TRY(mproc_queue_create(&q, NULL));
  TRY(mproc_simple_queue_create(&s, NULL));
  TRY(mproc_joinable_queue_create(&j, NULL));
  TRY(mproc_queue_put(j, &item, 1, 1));
  TRY(mproc_queue_get(j, &v, &n, 1));
  TRY(mproc_queue_task_done(j));
  TRY(mproc_queue_join(j, 1));
out:
  cleanup_mark();
  mproc_values_free(v, n);
  mproc_queue_destroy(q);
  mproc_queue_destroy(s);
  mproc_queue_destroy(j);
  return rc;
}

static int op_shared(void) {
  mproc_shared_value_t *v = NULL;
  mproc_shared_array_t *a = NULL;
  int rc = 0;
  TRY(mproc_shared_value_create(&v, MPROC_C_INT64, true));
  TRY(mproc_shared_value_set_int(v, 5));
  TRY(mproc_shared_array_create(&a, 8, 100, true));
out:
  cleanup_mark();
  mproc_shared_value_destroy(v);
  mproc_shared_array_destroy(a);
  return rc;
}

static int op_named_shm(void) {
  mproc_shared_memory_t *m = NULL, *m2 = NULL;
  int rc = 0;
  TRY(mproc_shared_memory_create(&m, op_shm_name, 10000));
  TRY(mproc_shared_memory_attach(&m2, op_shm_name));
  ((char *)mproc_shared_memory_buf(m))[0] = 'x';
  if (((char *)mproc_shared_memory_buf(m2))[0] != 'x')
    rc = op_fail(MPROC_E_SYS, "the attached memory is not the same", 0);
out:
  cleanup_mark();
  if (m2)
    mproc_shared_memory_close(m2);
  if (m) {
    mproc_shared_memory_unlink(m);
    mproc_shared_memory_close(m);
  }
  return rc;
}

static int op_pipe(void) {
  mproc_connection_t *a = NULL, *b = NULL;
  mproc_value_t *v = NULL;
  size_t n = 0;
  int rc = 0;
  static char payload[16384];
  mproc_value_t item = mproc_bytes(payload, sizeof payload);
  TRY(mproc_pipe(&a, &b, true));
  TRY(mproc_connection_send(a, &item, 1));
  TRY(mproc_connection_recv(b, &v, &n));
out:
  cleanup_mark();
  mproc_values_free(v, n);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  return rc;
}

/* Joins @p p; kills it first when the operation failed (it may wait for
 * something that will never come). Keeps the first failure. */
static int finish_child(mproc_process_t *p, int rc, int want) {
  if (!p)
    return rc;
  if (rc < 0)
    mproc_process_kill(p);
  int jrc = mproc_process_join(p, 60);
  if (jrc < 0) {
    mproc_process_kill(p);
    mproc_process_join(p, 60);
    if (rc == 0)
      rc = op_failed(jrc);
  }
  int code = -1000;
  mproc_process_exitcode(p, &code);
  if (rc == 0 && code != want)
    rc = op_fail(MPROC_E_SYS, "the child exited with an unexpected code", code);
  mproc_process_destroy(p);
  return rc;
}

static int op_process(void) {
  mproc_lock_t *l = NULL;
  mproc_process_t *p = NULL;
  int rc = 0;
  mproc_process_options_t o = {.start_method = op_method, .daemon = false};
  TRY(mproc_lock_create(&l));
  mproc_value_t arg = mproc_obj(l);
  TRY(mproc_process_start(&p, child_lock, &arg, 1, &o));
out:
  rc = finish_child(p, rc, 7);
  cleanup_mark();
  mproc_lock_destroy(l);
  return rc;
}

static int op_queue_put_big(void) {
  mproc_queue_t *q = NULL;
  mproc_process_t *p = NULL;
  unsigned char *buf = malloc(BIG);
  int rc = 0;
  mproc_queue_options_t qo = {0, RING};
  mproc_process_options_t o = {.start_method = op_method, .daemon = false};
  if (!buf)
    return op_fail(MPROC_E_NOMEM, "test buffer", 0);
  for (size_t i = 0; i < BIG; i++)
    buf[i] = pattern_at(i);
  TRY(mproc_queue_create(&q, &qo));
  mproc_value_t arg = mproc_obj(q);
  TRY(mproc_process_start(&p, child_get_big, &arg, 1, &o));
  TRY(mproc_queue_put_bytes(q, buf, BIG, 60));
out:
  rc = finish_child(p, rc, 0);
  cleanup_mark();
  mproc_queue_destroy(q);
  free(buf);
  return rc;
}

static int op_queue_get_big(void) {
  mproc_queue_t *q = NULL;
  mproc_process_t *p = NULL;
  unsigned char *buf = malloc(BIG);
  size_t len = 0;
  int rc = 0;
  mproc_queue_options_t qo = {0, RING};
  mproc_process_options_t o = {.start_method = op_method, .daemon = false};
  if (!buf)
    return op_fail(MPROC_E_NOMEM, "test buffer", 0);
  TRY(mproc_queue_create(&q, &qo));
  mproc_value_t arg = mproc_obj(q);
  TRY(mproc_process_start(&p, child_put_big, &arg, 1, &o));
  TRY(mproc_queue_get_bytes(q, buf, BIG, &len, 60));
  if (len != BIG)
    rc = op_fail(MPROC_E_SYS, "wrong length", (int)len);
  for (size_t i = 0; rc == 0 && i < BIG; i++)
    if (buf[i] != pattern_at(i))
      rc = op_fail(MPROC_E_SYS, "wrong byte at", (int)i);
out:
  /* A child whose message we did not take waits in its put: kill it. */
  if (rc < 0 && p)
    mproc_process_kill(p);
  rc = finish_child(p, rc, 0);
  cleanup_mark();
  mproc_queue_destroy(q);
  free(buf);
  return rc;
}

static int op_pass_connection(void) {
  mproc_connection_t *a = NULL, *b = NULL;
  mproc_queue_t *q = NULL;
  mproc_process_t *p = NULL;
  void *got = NULL;
  size_t len = 0;
  int rc = 0;
  mproc_process_options_t o = {.start_method = op_method, .daemon = false};
  TRY(mproc_pipe(&a, &b, true));
  TRY(mproc_queue_create(&q, NULL));
  mproc_value_t arg = mproc_obj(q);
  TRY(mproc_process_start(&p, child_conn_from_queue, &arg, 1, &o));
  mproc_value_t conn = mproc_obj(b);
  TRY(mproc_queue_put(q, &conn, 1, 10));
  /* Wait for the child, not for ever: a child that could not receive the
   * connection exits with a code. */
  int jrc = mproc_process_join(p, 60);
  if (jrc < 0) {
    rc = op_failed(jrc);
    goto out;
  }
  int code = -1;
  mproc_process_exitcode(p, &code);
  if (code != 0) {
    rc = op_fail(MPROC_E_CLOSED, "the child could not receive the connection",
                 code);
    goto out;
  }
  TRY(mproc_connection_recv_bytes(a, &got, &len));
  if (len != 2 || memcmp(got, "hi", 2) != 0)
    rc = op_fail(MPROC_E_SYS, "wrong message through the connection", (int)len);
out:
  mproc_free(got);
  rc = finish_child(p, rc, 0);
  cleanup_mark();
  mproc_queue_destroy(q);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  return rc;
}

/* Start a manager, make a hosted lock, use it, shut down. */
static int op_manager(void) {
  mproc_manager_t *m = NULL;
  mproc_proxy_t *l = NULL;
  int rc = 0;
  mproc_manager_options_t o = {op_method, NULL, NULL, 0};
  TRY(mproc_manager_start(&m, &o));
  TRY(mproc_manager_lock(m, &l));
  TRY(mproc_proxy_acquire(l, 10));
  TRY(mproc_proxy_release(l));
out:
  cleanup_mark();
  /* Returns nothing: a decref the server never got costs the server a
   * hosted object until it shuts down, nothing here. */
  mproc_proxy_destroy(l);
  int src = mproc_manager_shutdown(m);
  if (rc == 0 && src < 0)
    rc = op_failed(src);
  return rc;
}

/* Connect to a running manager (made before the walk), use a dict. */
static mproc_manager_t *the_manager;

static int op_manager_connect(void) {
  mproc_manager_t *m = NULL;
  mproc_proxy_t *d = NULL;
  int rc = 0;
  mproc_value_t k = mproc_str("k"), v = mproc_int(1);
  uint8_t key[MPROC_AUTHKEY_LEN];
  TRY(mproc_authkey(key));
  TRY(mproc_manager_connect(&m, mproc_manager_address(the_manager), key,
                            sizeof key));
  TRY(mproc_manager_dict(m, &d));
  TRY(mproc_proxy_dict_set(d, &k, &v));
out:
  cleanup_mark();
  mproc_proxy_destroy(d);
  mproc_manager_shutdown(m);
  return rc;
}

static int op_pool(void) {
  mproc_pool_t *p = NULL;
  mproc_value_t items[8], *r = NULL;
  int rc = 0;
  for (int i = 0; i < 8; i++)
    items[i] = mproc_int(i);
  mproc_pool_options_t o = {2, NULL, NULL, 0, 0, op_method};
  TRY(mproc_pool_create(&p, &o));
  TRY(mproc_pool_map(p, task_square, items, 8, 2, &r));
  for (int i = 0; i < 8; i++) {
    int64_t x = -1;
    if (mproc_value_as_int(&r[i], &x) != 0 || x != i * i) {
      rc = op_fail(MPROC_E_SYS, "wrong result", i);
      break;
    }
  }
  mproc_values_free(r, 8);
out:
  if (p) {
    int crc = mproc_pool_close(p);
    if (crc == 0)
      crc = mproc_pool_join(p, 60);
    if (rc == 0 && crc < 0)
      rc = op_failed(crc);
  }
  cleanup_mark();
  mproc_pool_destroy(p);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The world that must survive                                              */
/* ------------------------------------------------------------------------ */

typedef struct world {
  mproc_lock_t *lock;
  mproc_queue_t *queue;
  mproc_connection_t *a, *b;
  mproc_event_t *event;
  mproc_shared_value_t *value;
} world_t;

static void world_make(world_t *w) {
  assert_int_equal(mproc_lock_create(&w->lock), 0);
  assert_int_equal(mproc_queue_create(&w->queue, NULL), 0);
  assert_int_equal(mproc_pipe(&w->a, &w->b, true), 0);
  assert_int_equal(mproc_event_create(&w->event), 0);
  assert_int_equal(mproc_shared_value_create(&w->value, MPROC_C_INT32, true),
                   0);
}

/* 0 when every object still works, else the step that failed. */
static int world_check(world_t *w) {
  if (mproc_lock_acquire(w->lock, 5) != 0 || mproc_lock_release(w->lock) != 0)
    return 1;
  mproc_value_t item = mproc_int(42), *v = NULL;
  size_t n = 0;
  int64_t x = 0;
  if (mproc_queue_put(w->queue, &item, 1, 5) != 0 ||
      mproc_queue_get(w->queue, &v, &n, 5) != 0)
    return 2;
  int bad = n != 1 || mproc_value_as_int(&v[0], &x) != 0 || x != 42;
  mproc_values_free(v, n);
  if (bad)
    return 3;
  void *buf = NULL;
  size_t len = 0;
  if (mproc_connection_send_bytes(w->a, "abc", 3) != 0 ||
      mproc_connection_recv_bytes(w->b, &buf, &len) != 0)
    return 4;
  bad = len != 3 || memcmp(buf, "abc", 3) != 0;
  mproc_free(buf);
  if (bad)
    return 4;
  if (mproc_event_set(w->event) != 0 || mproc_event_is_set(w->event) != 1 ||
      mproc_event_clear(w->event) != 0)
    return 5;
  if (mproc_shared_value_set_int(w->value, 9) != 0 ||
      mproc_shared_value_get_int(w->value, &x) != 0 || x != 9)
    return 6;
  return 0;
}

static void world_free(world_t *w) {
  mproc_lock_destroy(w->lock);
  mproc_queue_destroy(w->queue);
  mproc_connection_destroy(w->a);
  mproc_connection_destroy(w->b);
  mproc_event_destroy(w->event);
  mproc_shared_value_destroy(w->value);
}

/* ------------------------------------------------------------------------ */
/* The walk                                                                 */
/* ------------------------------------------------------------------------ */

/* Calls whose failure the library rides out: the operation succeeds. */
static bool tolerated(mproc__fault_call_t c) {
  switch (c) {
  case MPROC__FC_PARK_WAIT:  /* POSIX: EINTR, a spurious wake-up */
  case MPROC__FC_WAITPID:    /* EINTR: waited again */
  case MPROC__FC_PIDFD_OPEN: /* joins poll the child without one */
  case MPROC__FC_ACCEPT:     /* the resource sharer accepts again */
    return true;
  default:
    return false;
  }
}

/* Waits (up to 5 s) for the counts to come back: a child that was killed
 * is reaped by whoever started it, at once, but on Windows the process
 * snapshot may lag its exit a little, more so on a loaded machine. */
static world_counts_t settle(world_counts_t want) {
  world_counts_t now = world_counts();
  for (int i = 0; i < 500 && memcmp(&now, &want, sizeof now) != 0; i++) {
    harness_sleep(0.01);
    now = world_counts();
  }
  return now;
}

typedef struct op {
  const char *name;
  int (*fn)(void);
  bool starts_processes;
} op_t;

/*
 * A connection sent to another process is a ticket that the sender's
 * resource sharer thread honours once (src/posix/conn.c). When that thread
 * fails to read which ticket a receiver wants, the duplicate it keeps for
 * that ticket stays open until the process exits: the one leak this test
 * accepts, counted as "stranded". The same holds for a receiver that dies
 * before redeeming its ticket, in CPython as here.
 */
static bool stranded_ticket(const op_t *op) {
  return strcmp(op->name, "pass_connection") == 0 &&
         mproc__fault_last_thread() != mproc__thread_id();
}

/* What a walk did, for its report line. */
typedef struct walk_stats {
  uint32_t tried, failed, rode_out, released, stranded, background, spurious;
  char rode_names[256];
} walk_stats_t;

/*
 * Fails, in turn, the k-th call of kind @p target (MPROC__FC_ANY: of any
 * kind) for k = 1..count, with OS error @p err (0: each call's own), and
 * checks what the operation did (see the top of the file). @p before is
 * the world as it must stay.
 */
static void walk_calls(const op_t *op, world_t *w, mproc__fault_call_t target,
                       uint32_t count, long err, world_counts_t *before,
                       walk_stats_t *st) {
  /* Under wine, operations that start processes try at most this many. */
  uint32_t budget =
      op->starts_processes && harness_slow_processes() ? 64 : UINT32_MAX;
  for (uint32_t k = 1; k <= count; k++) {
    if (count > budget && k > 8 && k < count - 4 &&
        (k - 8) % ((count - 12) / (budget - 12) + 1) != 0)
      continue;
    st->tried++;
    op_msg[0] = '\0';
    fired_before_cleanup = 0;
    mproc__fault_arm(target, k, err, false);
    double t0 = harness_now();
    int rc = op->fn();
    double took = harness_now() - t0;
    mproc__fault_disarm();
    if (rc < 0 && mproc__fault_fired() == 0) {
      /* The OS itself refused something (wine's CreateProcess has been
       * seen to fail with "Internal error" on a loaded machine): say so,
       * and try once more; failing again without a fault fails the test. */
      print_message("fault: %s, call %u: %s (%s) without a fault; again\n",
                    op->name, (unsigned)k, mproc_err_name(rc), op_msg);
      st->spurious++;
      op_msg[0] = '\0';
      fired_before_cleanup = 0;
      mproc__fault_arm(target, k, err, false);
      rc = op->fn();
      mproc__fault_disarm();
    }
    uint32_t fired = mproc__fault_fired();
    mproc__fault_call_t last = mproc__fault_last();
    const char *which = fired ? mproc__fault_name(last) : "(none)";
    /* An error path that waits out a timeout instead of failing at once. */
    if (took > 2.0)
      print_message("fault: %s, call %u (%s): took %.1f s\n", op->name,
                    (unsigned)k, which, took);
    if (rc < 0) {
      st->failed++;
      if (op_msg[0] == '\0' ||
          strcmp(mproc_err_name(rc), "MPROC_E_UNKNOWN") == 0 || !fired)
        print_error("%s, call %u (%s): %s with message \"%s\"\n", op->name,
                    (unsigned)k, which, mproc_err_name(rc), op_msg);
      assert_true(fired > 0); /* no failure without a fault */
      assert_true(op_msg[0] != '\0');
      assert_string_not_equal(mproc_err_name(rc), "MPROC_E_UNKNOWN");
    } else {
      assert_int_equal(rc, 0);
      if (fired && fired_before_cleanup == 0) {
        st->released++; /* in a release function that returns nothing */
      } else if (fired && mproc__fault_last_thread() != mproc__thread_id()) {
        /* In one of the library's threads (the pool's result handler
         * waiting while idle, ...): the operation lost nothing, since it
         * checked its results. */
        st->background++;
      } else if (fired) {
        st->rode_out++;
        if (target != MPROC__FC_ANY || !tolerated(last))
          print_error("%s, call %u (%s) failed but the operation "
                      "succeeded\n",
                      op->name, (unsigned)k, which);
        assert_true(target == MPROC__FC_ANY && tolerated(last));
        if (!strstr(st->rode_names, which) &&
            strlen(st->rode_names) + strlen(which) + 2 <
                sizeof st->rode_names) {
          strcat(st->rode_names, " ");
          strcat(st->rode_names, which);
        }
      }
    }
    int broken = world_check(w);
    if (broken)
      print_error("%s, call %u (%s): an older object broke (step %d)\n",
                  op->name, (unsigned)k, which, broken);
    assert_int_equal(broken, 0);
    world_counts_t after = settle(*before);
    if (memcmp(&after, before, sizeof after) != 0 && fired &&
        stranded_ticket(op)) {
      world_counts_t one = *before;
      one.handles++;
      if (memcmp(&after, &one, sizeof one) == 0) {
        st->stranded++;
        harness_expect_kept(1);
        *before = one;
      }
    }
    if (memcmp(&after, before, sizeof after) != 0) {
      print_error("%s, call %u (%s): leaked: handles %d -> %d, shm %d -> %d, "
                  "children %d -> %d\n",
                  op->name, (unsigned)k, which, before->handles, after.handles,
                  before->shm, after.shm, before->children, after.children);
      harness_print_handles();
    }
    assert_memory_equal(&after, before, sizeof after);
  }
}

static void walk(const op_t *op, world_t *w) {
  char shm_name[64];
  snprintf(shm_name, sizeof shm_name, "mproc-fault-%lld-shm",
           (long long)mproc_getpid());
  op_shm_name = shm_name;

  /* Warm up, then count. */
  int rc = op->fn();
  if (rc != 0)
    print_error("%s (warm-up): %s: %s\n", op->name, mproc_err_name(rc), op_msg);
  assert_int_equal(rc, 0);
  world_counts_t before = world_counts();
  mproc__fault_arm(MPROC__FC_ANY, 0, 0, false);
  rc = op->fn();
  uint32_t count = mproc__fault_calls(MPROC__FC_ANY);
  uint32_t parks = mproc__fault_calls(MPROC__FC_PARK_WAIT);
  assert_int_equal(rc, 0);
  assert_true(count > 0);
  /* The warm-up's last descriptors may still have been closing when
   * "before" was taken (the resource sharer thread closes its copies just
   * after the receiver has them): fewer now is the true baseline. */
  world_counts_t after = settle(before);
  if (after.handles < before.handles) {
    before.handles = after.handles;
    after = settle(before);
  }
  if (memcmp(&after, &before, sizeof before) != 0) {
    print_error("%s without a fault: handles %d -> %d, shm %d -> %d, "
                "children %d -> %d\n",
                op->name, before.handles, after.handles, before.shm, after.shm,
                before.children, after.children);
    harness_print_handles();
  }
  assert_memory_equal(&after, &before, sizeof before);

  double start = harness_now();
  walk_stats_t st;
  memset(&st, 0, sizeof st);
  walk_calls(op, w, MPROC__FC_ANY, count, 0, &before, &st);
  print_message("fault: %-24s %s: %u calls, %u tried, %u failed cleanly, "
                "%u in a release, %u in a library thread, %u stranded, "
                "%u ridden out%s, %u retried (%.1f s)\n",
                op->name, method_name(op_method), (unsigned)count,
                (unsigned)st.tried, (unsigned)st.failed, (unsigned)st.released,
                (unsigned)st.background, (unsigned)st.stranded,
                (unsigned)st.rode_out, st.rode_names, (unsigned)st.spurious,
                harness_now() - start);

  /* A wait that fails outright, not with the EINTR the walk above gives
   * it on POSIX: the operation must stop with an error in the middle of
   * what it was doing (half a streamed message put or read), and every
   * other object must still work. */
  if (parks > 0) {
#ifdef _WIN32
    long hard = ERROR_INVALID_HANDLE;
#else
    long hard = EINVAL;
#endif
    start = harness_now();
    memset(&st, 0, sizeof st);
    walk_calls(op, w, MPROC__FC_PARK_WAIT, parks, hard, &before, &st);
    print_message("fault: %-24s %s: %u park waits failing hard: %u tried, "
                  "%u failed cleanly, %u in a release, %u in a library "
                  "thread (%.1f s)\n",
                  op->name, method_name(op_method), (unsigned)parks,
                  (unsigned)st.tried, (unsigned)st.failed,
                  (unsigned)st.released, (unsigned)st.background,
                  harness_now() - start);
  }
}

static world_t the_world;

#define OP_TEST(fn, procs)                                                     \
  static void test_##fn(void **state) {                                        \
    static const op_t op = {#fn, op_##fn, procs};                              \
    op_method = TEST_METHOD(state);                                            \
    world_make(&the_world);                                                    \
    walk(&op, &the_world);                                                     \
    mproc__fault_disarm();                                                     \
    world_free(&the_world);                                                    \
  }

OP_TEST(lock, false)
OP_TEST(rlock, false)
OP_TEST(semaphore, false)
OP_TEST(event_condition_barrier, false)
OP_TEST(queues, false)
OP_TEST(shared, false)
OP_TEST(named_shm, false)
OP_TEST(pipe, false)
OP_TEST(process, true)
OP_TEST(queue_put_big, true)
OP_TEST(queue_get_big, true)
OP_TEST(pass_connection, true)
OP_TEST(manager, true)
OP_TEST(pool, true)

static void test_manager_connect(void **state) {
  static const op_t op = {"manager_connect", op_manager_connect, false};
  op_method = TEST_METHOD(state);
  mproc_manager_options_t o = {op_method, NULL, NULL, 0};
  assert_int_equal(mproc_manager_start(&the_manager, &o), 0);
  world_make(&the_world);
  walk(&op, &the_world);
  mproc__fault_disarm();
  world_free(&the_world);
  assert_int_equal(mproc_manager_shutdown(the_manager), 0);
  the_manager = NULL;
}

/* The first export of a process starts its resource sharer (POSIX: a
 * socket, bind, listen, a thread): each of its calls fails in a new
 * child, which checks the error and that the next export works. */
static void test_first_export(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_value_t arg = mproc_int(0);
  mproc_process_t *p = harness_start(child_first_export, &arg, 1, m);
  assert_int_equal(mproc_process_join(p, 60), 0);
  int count = -1;
  assert_int_equal(mproc_process_exitcode(p, &count), 0);
  mproc_process_destroy(p);
  if (count <= 0 || count > 99)
    print_error("counting child exited with %d\n", count);
  assert_true(count > 0 && count < 99);
  for (int k = 1; k <= count; k++) {
    arg = mproc_int(k);
    p = harness_start(child_first_export, &arg, 1, m);
    harness_expect_exit(p, 0);
  }
  print_message("fault: %-24s %s: %d calls, %d tried in new processes\n",
                "first_export", method_name(m), count, count);
}

/*
 * A new slab (src/slab.c): with the current slab of Lock-sized slots full,
 * each OS call of making the next one fails in turn. The create fails
 * cleanly, nothing leaks (descriptors or handles, slabs), the locks made
 * before still work, and the next create succeeds. The ordinary walk
 * (test_lock) sees none of these calls: a lock is made in a slab mapped
 * already.
 */
static void test_slab_new(void **state) {
  (void)state;
  /* Room for the slabs earlier cases left with free slots (each start
   * method's group adds its own: three groups under POSIX). */
  enum { MAX = 16 * 4096 + 16 };
  mproc_lock_t **v = calloc(MAX, sizeof *v);
  assert_non_null(v);
  /* Count: the creates that open a slab make more than the slot's call. */
  mproc__fault_arm(MPROC__FC_ANY, 0, 0, false);
  int opened[2], nopened = 0, n = 0;
  uint32_t calls = 0;
  while (nopened < 2) {
    assert_true(n < MAX);
    uint32_t before = mproc__fault_calls(MPROC__FC_ANY);
    assert_int_equal(mproc_lock_create(&v[n]), 0);
    calls = mproc__fault_calls(MPROC__FC_ANY) - before;
    if (calls > 1)
      opened[nopened++] = n;
    n++;
  }
  mproc__fault_disarm();
  /* Fill the slab just opened. */
  int per_slab = opened[1] - opened[0];
  for (int i = 1; i < per_slab; i++, n++) {
    assert_true(n < MAX);
    assert_int_equal(mproc_lock_create(&v[n]), 0);
  }
  int handles = harness_count_handles();
  size_t slabs = mproc__slab_count();
  for (uint32_t k = 1; k < calls; k++) {
    mproc_lock_t *l = NULL;
    /* Call 1 is the slot's; then the slab's OS calls. */
    mproc__fault_arm(MPROC__FC_ANY, 1 + k, 0, false);
    int rc = mproc_lock_create(&l);
    mproc__fault_disarm();
    if (rc == 0)
      print_error("slab call %u (%s): the create succeeded\n", (unsigned)k,
                  mproc__fault_name(mproc__fault_last()));
    assert_true(rc < 0);
    assert_int_equal(mproc__fault_fired(), 1);
    assert_string_not_equal(mproc_err_name(rc), "MPROC_E_UNKNOWN");
    assert_true(mproc_last_error()[0] != '\0');
    assert_int_equal(harness_count_handles(), handles);
    assert_int_equal(mproc__slab_count(), slabs);
    assert_int_equal(mproc_lock_acquire(v[0], 0), 0);
    assert_int_equal(mproc_lock_release(v[0]), 0);
    assert_int_equal(mproc_lock_acquire(v[n - 1], 0), 0);
    assert_int_equal(mproc_lock_release(v[n - 1]), 0);
  }
  print_message("fault: %-24s %u calls of a new slab, each failed cleanly\n",
                "slab_new", (unsigned)(calls - 1));
  assert_int_equal(mproc_lock_create(&v[n]), 0);
  n++;
  for (int i = 0; i < n; i++)
    mproc_lock_destroy(v[i]);
  free(v);
}

/* The layer itself: a targeted fault fires on the call it names, with the
 * error asked for, once (or for good), and only when armed. */
static void test_layer(void **state) {
  (void)state;
  mproc_lock_t *l = NULL;
  /* Count only. */
  mproc__fault_arm(MPROC__FC_ANY, 0, 0, false);
  assert_int_equal(mproc_lock_create(&l), 0);
  mproc_lock_destroy(l);
  assert_true(mproc__fault_calls(MPROC__FC_ANY) > 0);
  assert_int_equal(mproc__fault_fired(), 0);
  /* Targeted: the first slot claim fails; the next works. (Not the
   * shared-memory map: a Lock is made in a slab mapped already, src/slab.c,
   * which makes no OS call.) */
  mproc__fault_call_t slot = MPROC__FC_SLAB_SLOT;
  mproc__fault_arm(slot, 1, 0, false);
  assert_int_equal(mproc_lock_create(&l), MPROC_E_NOMEM);
  assert_non_null(strstr(mproc_last_error(), "shared slot"));
  assert_int_equal(mproc__fault_fired(), 1);
  assert_int_equal(mproc__fault_last(), slot);
  assert_int_equal(mproc_lock_create(&l), 0);
  mproc_lock_destroy(l);
  /* Persistent: every call fails from the first on, until disarmed. */
  mproc__fault_arm(slot, 1, 0, true);
  assert_true(mproc_lock_create(&l) < 0);
  assert_true(mproc_lock_create(&l) < 0);
  assert_int_equal(mproc__fault_fired(), 2);
  mproc__fault_disarm();
  assert_int_equal(mproc_lock_create(&l), 0);
  mproc_lock_destroy(l);
  assert_string_equal(mproc__fault_name(slot), "slab slot");
}

#ifndef _WIN32
/* Preloaded in a fork server (so armed there, not here): the server's
 * second write fails, the first being its ready message, so that it stops
 * on its first answer, after the clone, before the parent has the pid. */
static int preload_lose_answer(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  mproc__fault_arm(MPROC__FC_WRITE, 2, EPIPE, false);
  return 0;
}

/* args: shared int64[1]. Counts itself there, exits with 5. */
static int child_count(const mproc_value_t *args, size_t nargs) {
  mproc_shared_array_t *a;
  if (nargs != 1 || mproc_value_as_shared_array(&args[0], &a) != 0)
    return 2;
  int64_t *n = mproc_shared_array_ptr(a);
  __atomic_fetch_add(n, 1, __ATOMIC_SEQ_CST);
  return 5;
}

/*
 * A server that made the child but died before its answer: the child is
 * ours and runs, and the start returns it (the pid the clone wrote into
 * the parent's page), exactly once: it is not sent again to a new server,
 * where it would run twice. A server that makes its own children (the
 * portable build) writes its answers elsewhere: the fault never fires,
 * and the start is an ordinary one.
 */
static void test_forkserver_answer_lost(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_shared_array_t *count;
  assert_int_equal(mproc_shared_array_create(&count, 8, 1, false), 0);
  mproc__forkserver_stop();
  const char *names[] = {"lose_answer"};
  assert_int_equal(mproc_set_forkserver_preload(names, 1), 0);
  mproc_value_t arg = mproc_obj(count);
  mproc_process_options_t opts = {.start_method = m};
  mproc_process_t *p = NULL;
  assert_int_equal(mproc_process_start(&p, child_count, &arg, 1, &opts), 0);
  int64_t server = mproc__forkserver_pid();
  harness_expect_exit(p, 5);
  int64_t *n = mproc_shared_array_ptr(count);
  assert_int_equal(__atomic_load_n(n, __ATOMIC_SEQ_CST), 1);
  /* The server that stopped was let go; the next start makes another. */
  assert_int_equal(mproc_set_forkserver_preload(NULL, 0), 0);
  if (mproc__forkserver_can_siblings())
    assert_int_equal(server, 0);
  harness_expect_exit(harness_start(child_count, &arg, 1, m), 5);
  assert_int_equal(__atomic_load_n(n, __ATOMIC_SEQ_CST), 2);
  mproc__forkserver_stop();
  mproc_shared_array_destroy(count);
}
#endif

#ifdef _WIN32
/* No args: exits with 5. */
static int child_exit_5(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 5;
}

/* CreateProcess failing with ERROR_INTERNAL_ERROR, as wine's does now and
 * then under load, is tried again (src/win32/start_spawn.c); any other
 * failure is not, and one that lasts is reported. */
static void test_create_process_transient(void **state) {
  mproc_start_method_t m = TEST_METHOD(state);
  mproc_process_options_t opts = {.start_method = m};
  mproc_process_t *p = NULL;
  /* Once: the second try starts the child. */
  mproc__fault_arm(MPROC__FC_CREATE_PROCESS, 1, ERROR_INTERNAL_ERROR, false);
  assert_int_equal(mproc_process_start(&p, child_exit_5, NULL, 0, &opts), 0);
  assert_int_equal(mproc__fault_calls(MPROC__FC_CREATE_PROCESS), 2);
  mproc__fault_disarm();
  harness_expect_exit(p, 5);
  /* For good: five tries, then the error. */
  p = NULL;
  mproc__fault_arm(MPROC__FC_CREATE_PROCESS, 1, ERROR_INTERNAL_ERROR, true);
  assert_int_equal(mproc_process_start(&p, child_exit_5, NULL, 0, &opts),
                   MPROC_E_SPAWN);
  assert_int_equal(mproc__fault_calls(MPROC__FC_CREATE_PROCESS), 5);
  mproc__fault_disarm();
  assert_null(p);
  /* Another error: no second try. */
  mproc__fault_arm(MPROC__FC_CREATE_PROCESS, 1, ERROR_ACCESS_DENIED, false);
  assert_int_equal(mproc_process_start(&p, child_exit_5, NULL, 0, &opts),
                   MPROC_E_SPAWN);
  assert_int_equal(mproc__fault_calls(MPROC__FC_CREATE_PROCESS), 1);
  mproc__fault_disarm();
  assert_null(p);
  harness_expect_exit(harness_start(child_exit_5, NULL, 0, m), 5);
}
#endif

int main(int argc, char **argv) {
  harness_early_init();
#ifdef _WIN32
  MPROC_REGISTER(child_exit_5);
#else
  mproc_register("lose_answer", preload_lose_answer);
  mproc_register("count", child_count);
#endif
  mproc_register("lock", child_lock);
  mproc_register("get_big", child_get_big);
  mproc_register("put_big", child_put_big);
  mproc_register("conn_from_queue", child_conn_from_queue);
  mproc_register("first_export", child_first_export);
  mproc_register_task("square", task_square);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_layer),
      cmocka_unit_test(test_slab_new),
      cmocka_unit_test(test_lock),
      cmocka_unit_test(test_rlock),
      cmocka_unit_test(test_semaphore),
      cmocka_unit_test(test_event_condition_barrier),
      cmocka_unit_test(test_queues),
      cmocka_unit_test(test_shared),
      cmocka_unit_test(test_named_shm),
      cmocka_unit_test(test_pipe),
      cmocka_unit_test(test_process),
      cmocka_unit_test(test_queue_put_big),
      cmocka_unit_test(test_queue_get_big),
      cmocka_unit_test(test_pass_connection),
      cmocka_unit_test(test_first_export),
      cmocka_unit_test(test_manager),
      cmocka_unit_test(test_manager_connect),
      cmocka_unit_test(test_pool),
#ifdef _WIN32
      HARNESS_TEST_ONLY(test_create_process_transient, spawn),
#else
      HARNESS_TEST_ONLY(test_forkserver_answer_lost, forkserver),
#endif
  };
  return harness_run(argc, argv, "fault", tests,
                     sizeof tests / sizeof tests[0]);
}
