/* SPDX-License-Identifier: MIT */
/*
 * mproc's C client on a CPython manager's server (issue 17, item 3): a
 * manager connected to a SyncManager or BaseManager server learns its
 * protocol from the server's first reply, and its proxies speak CPython's
 * protocol (src/manager/client_pickle.c).
 *
 * recorded: the protocol told apart, requests as CPython reads them and
 * CPython's replies read back, from recorded exchanges; on every platform
 * (under wine no Python runs). python: a live python3 serving
 * tests/python_server.py: every SyncManager typeid from C with values
 * crossing both ways and CPython's errors as mproc's codes, a typeid
 * registered by name on the Python side, a wrong key refused, a C child
 * (fork, spawn, forkserver) using a proxy from its parent, a proxy's
 * encoded copy holding the object for its decoder, and a C process
 * and a Python process sharing one registered queue and one dict at once.
 * Skipped, with the reason printed, where there is no python3.
 */
#include "harness.h"

#include "codec/pickle.h"
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Recorded exchanges                                                       */
/* ------------------------------------------------------------------------ */

/* Written by CPython 3.11's pickle.dumps(obj, protocol=4), as its
 * Connection.send() pickles a reply:
 *   rec_traceback: ('#TRACEBACK', <CPython's server failing to unpickle
 *                   mproc's ping: the reply that tells it apart>)
 *   rec_create:    ('#RETURN', ('7f3a5c2b1e90', <Queue's exposed>))
 *   rec_keyerror:  ('#ERROR', KeyError('nope'))
 *   rec_zero:      ('#ERROR', ZeroDivisionError('division by zero'))
 *   rec_empty:     ('#ERROR', queue.Empty()) */
static const uint8_t rec_traceback[] = {
    128, 4,   149, 153, 0,   0,   0,   0,   0,   0,   0,   140, 10,  35,  84,
    82,  65,  67,  69,  66,  65,  67,  75,  148, 140, 134, 84,  114, 97,  99,
    101, 98,  97,  99,  107, 32,  40,  109, 111, 115, 116, 32,  114, 101, 99,
    101, 110, 116, 32,  99,  97,  108, 108, 32,  108, 97,  115, 116, 41,  58,
    10,  32,  32,  70,  105, 108, 101, 32,  34,  109, 97,  110, 97,  103, 101,
    114, 115, 46,  112, 121, 34,  44,  32,  108, 105, 110, 101, 32,  49,  57,
    52,  44,  32,  105, 110, 32,  95,  104, 97,  110, 100, 108, 101, 95,  114,
    101, 113, 117, 101, 115, 116, 10,  95,  112, 105, 99,  107, 108, 101, 46,
    85,  110, 112, 105, 99,  107, 108, 105, 110, 103, 69,  114, 114, 111, 114,
    58,  32,  105, 110, 118, 97,  108, 105, 100, 32,  108, 111, 97,  100, 32,
    107, 101, 121, 44,  32,  39,  77,  39,  46,  10,  148, 134, 148, 46};
static const uint8_t rec_create[] = {
    128, 4,   149, 113, 0,   0,   0,   0,   0,   0,   0,   140, 7,   35,
    82,  69,  84,  85,  82,  78,  148, 140, 12,  55,  102, 51,  97,  53,
    99,  50,  98,  49,  101, 57,  48,  148, 40,  140, 5,   101, 109, 112,
    116, 121, 148, 140, 4,   102, 117, 108, 108, 148, 140, 3,   103, 101,
    116, 148, 140, 10,  103, 101, 116, 95,  110, 111, 119, 97,  105, 116,
    148, 140, 4,   106, 111, 105, 110, 148, 140, 3,   112, 117, 116, 148,
    140, 10,  112, 117, 116, 95,  110, 111, 119, 97,  105, 116, 148, 140,
    5,   113, 115, 105, 122, 101, 148, 140, 9,   116, 97,  115, 107, 95,
    100, 111, 110, 101, 148, 116, 148, 134, 148, 134, 148, 46};
static const uint8_t rec_keyerror[] = {
    128, 4,   149, 47,  0,   0,   0,   0,   0,   0,   0,   140, 6,   35,  69,
    82,  82,  79,  82,  148, 140, 8,   98,  117, 105, 108, 116, 105, 110, 115,
    148, 140, 8,   75,  101, 121, 69,  114, 114, 111, 114, 148, 147, 148, 140,
    4,   110, 111, 112, 101, 148, 133, 148, 82,  148, 134, 148, 46};
static const uint8_t rec_zero[] = {
    128, 4,   149, 68,  0,   0,   0,   0,   0,   0,   0,   140, 6,   35,
    69,  82,  82,  79,  82,  148, 140, 8,   98,  117, 105, 108, 116, 105,
    110, 115, 148, 140, 17,  90,  101, 114, 111, 68,  105, 118, 105, 115,
    105, 111, 110, 69,  114, 114, 111, 114, 148, 147, 148, 140, 16,  100,
    105, 118, 105, 115, 105, 111, 110, 32,  98,  121, 32,  122, 101, 114,
    111, 148, 133, 148, 82,  148, 134, 148, 46};
static const uint8_t rec_empty[] = {
    128, 4,  149, 34,  0,   0,   0,   0,   0,   0,   0,   140, 6,   35,  69,
    82,  82, 79,  82,  148, 140, 6,   95,  113, 117, 101, 117, 101, 148, 140,
    5,   69, 109, 112, 116, 121, 148, 147, 148, 41,  82,  148, 134, 148, 46};

#define REC(a) a, sizeof a

static void test_recorded(void **state) {
  (void)state;
  /* The protocol a server speaks, from its reply to the first request. */
  assert_ptr_equal(mproc__cwire_detect(REC(rec_traceback)),
                   &mproc__cwire_pickle);
  static const uint8_t native[] = {'M', 'P', 'V', 1, 0, 0, 0, 2};
  assert_ptr_equal(mproc__cwire_detect(native, sizeof native),
                   &mproc__cwire_native);
  static const uint8_t junk[] = {'H', 'T', 'T', 'P'};
  assert_null(mproc__cwire_detect(junk, sizeof junk));

  const mproc__cwire_t *w = &mproc__cwire_pickle;
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t id = 0;
  mproc_value_t a[3] = {mproc_int(K_QUEUE), mproc_int(0), mproc_none()};
  mproc__request_t rq = mproc__mrequest(OP_CREATE, 0, a, 2);
  assert_int_equal(w->reply_decode(&rq, 0, REC(rec_create), &res, &nres), 0);
  assert_int_equal(nres, 1);
  assert_int_equal(mproc_value_as_int(&res[0], &id), 0);
  assert_true((uint64_t)id == 0x7f3a5c2b1e90ull);
  mproc_values_free(res, nres);

  /* A name registered on the Python side: its kind from its methods. */
  a[0] = mproc_str("get_queue");
  rq = mproc__mrequest(OP_GET_NAMED, 0, a, 1);
  assert_int_equal(w->reply_decode(&rq, 0, REC(rec_create), &res, &nres), 0);
  assert_int_equal(nres, 3);
  assert_int_equal(mproc_value_as_int(&res[1], &id), 0);
  assert_int_equal(id, K_JOINABLE_QUEUE);
  mproc_values_free(res, nres);

  /* CPython's exceptions as mproc's codes, others as MPROC_E_REMOTE. */
  mproc_value_t key = mproc_str("nope");
  rq = mproc__mrequest(M_DICT_GET, 0, &key, 1);
  assert_int_equal(w->reply_decode(&rq, K_DICT, REC(rec_keyerror), NULL, NULL),
                   MPROC_E_KEY);
  assert_true(harness_message_is("KeyError: nope"));
  mproc_value_t kd[2] = {key, mproc_bool(true)};
  rq = mproc__mrequest(M_DICT_GET, 0, kd, 2); /* get(key, default) */
  assert_int_equal(w->reply_decode(&rq, K_DICT, REC(rec_keyerror), &res, &nres),
                   0);
  assert_int_equal(res[0].type, MPROC_VALUE_NONE);
  mproc_values_free(res, nres);
  rq = mproc__mrequest(M_USER_CALL, 0, NULL, 0);
  assert_int_equal(w->reply_decode(&rq, K_USER, REC(rec_zero), NULL, NULL),
                   MPROC_E_REMOTE);
  assert_true(harness_message_is("ZeroDivisionError: division by zero"));
  rq = mproc__mrequest(M_QUEUE_GET, 0, NULL, 0);
  assert_int_equal(w->reply_decode(&rq, K_QUEUE, REC(rec_empty), NULL, NULL),
                   MPROC_E_EMPTY);
  rq = mproc__mrequest(OP_PING, 0, NULL, 0);
  assert_int_equal(w->reply_decode(&rq, 0, REC(rec_traceback), NULL, NULL),
                   MPROC_E_REMOTE);
  assert_true(
      harness_message_is("_pickle.UnpicklingError: invalid load key, 'M'."));
  assert_int_equal(w->reply_decode(&rq, 0, junk, sizeof junk, NULL, NULL),
                   MPROC_E_DECODE);

  /* A request as CPython's server reads it: (ident, method, args, kwds). */
  mproc__wbuf_t b = {0};
  mproc__pk_arena_t ar;
  mproc__pk_t *root = NULL;
  void *enc = NULL;
  size_t elen = 0;
  mproc_value_t v = mproc_str("x");
  assert_int_equal(mproc_encode(&v, 1, &enc, &elen), 0);
  mproc_value_t item = mproc_bytes(enc, elen);
  rq = mproc__mrequest(M_QUEUE_PUT, 2.5, &item, 1);
  rq.target = 0x7f3a5c2b1e90ull;
  assert_int_equal(w->request_encode(&rq, K_QUEUE, &b), 0);
  mproc_free(enc);
  mproc__pk_arena_init(&ar);
  assert_int_equal(mproc__pickle_decode(&ar, b.p, b.len, &root), 0);
  assert_int_equal(root->kind, MPROC__PK_TUPLE);
  assert_int_equal(root->nitems, 4);
  assert_string_equal((const char *)root->items[0]->p, "7f3a5c2b1e90");
  assert_string_equal((const char *)root->items[1]->p, "put");
  const mproc__pk_t *args = root->items[2];
  assert_int_equal(args->nitems, 3); /* item, block, timeout */
  assert_string_equal((const char *)args->items[0]->p, "x");
  assert_true(args->items[1]->kind == MPROC__PK_BOOL && args->items[1]->b);
  assert_true(args->items[2]->kind == MPROC__PK_FLOAT &&
              args->items[2]->d == 2.5);
  assert_int_equal(root->items[3]->kind, MPROC__PK_DICT);
  mproc__pk_arena_free(&ar);
  free(b.p);

  /* What CPython's server cannot do is refused before anything is sent. */
  b = (mproc__wbuf_t){0};
  rq = mproc__mrequest(M_LOCK_VALUE, 0, NULL, 0);
  assert_int_equal(w->request_encode(&rq, K_LOCK, &b), MPROC_E_NOTSUP);
  free(b.p);
}

/* ------------------------------------------------------------------------ */
/* A live CPython server                                                    */
/* ------------------------------------------------------------------------ */

#ifndef _WIN32

static const uint8_t KEY[16] = {'p', 'y', 't', 'h', 'o', 'n', ' ', 's',
                                'e', 'r', 'v', 'e', 'r', ' ', 'k', 'y'};

typedef struct pyserver {
  char address[MPROC__ADDR_MAX];
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen;
  harness_command_t cmd;
  harness_thread_t *thread;
  mproc_manager_t *m;
} pyserver_t;

static void python_cmd(harness_command_t *r, const char *mode,
                       const char *address, const uint8_t *key, size_t klen) {
  char hex[2 * MPROC_AUTHKEY_MAX + 1] = "";
  for (size_t i = 0; i < klen; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  snprintf(r->cmd, sizeof r->cmd, "%s %s %s %s %s", harness_python,
           MPROC_PY_SERVER, mode, address, hex);
  r->status = -1;
}

/* The server of the running case, for its teardown. */
static pyserver_t *running;

/* Starts tests/python_server.py's server and connects to it. */
static void pyserver_start_with(pyserver_t *s, const uint8_t *key,
                                size_t keylen) {
  memset(s, 0, sizeof *s);
  memcpy(s->key, key, keylen);
  s->keylen = keylen;
  assert_int_equal(mproc__local_address(s->address, sizeof s->address), 0);
  python_cmd(&s->cmd, "serve", s->address, key, keylen);
  s->thread = harness_thread_start(harness_command_main, &s->cmd);
  running = s;
  double deadline = harness_now() + 30;
  int rc;
  while ((rc = mproc_manager_connect(&s->m, s->address, key, keylen)) < 0 &&
         harness_now() < deadline)
    harness_sleep(0.05);
  if (rc < 0)
    print_error("connecting to CPython's server: %s\n", mproc_last_error());
  assert_int_equal(rc, 0);
  assert_int_equal(mproc_manager_protocol(s->m),
                   MPROC_MANAGER_PROTOCOL_CPYTHON);
}

static void pyserver_start(pyserver_t *s) {
  pyserver_start_with(s, KEY, sizeof KEY);
}

/* The objects CPython's server holds (number_of_objects()). */
static int64_t pyserver_objects(pyserver_t *s) {
  mproc__request_t rq = mproc__mrequest(OP_OBJECTS, 0, NULL, 0);
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t n = -1;
  assert_int_equal(mproc__mclient_once(s->address, s->key, s->keylen,
                                       &mproc__cwire_pickle, 0, &rq, &res,
                                       &nres),
                   0);
  assert_int_equal(nres, 1);
  assert_int_equal(mproc_value_as_int(&res[0], &n), 0);
  mproc_values_free(res, nres);
  return n;
}

/* Stops it (get_dict()['stop']): its own checks then decide its status.
 * Every proxy is gone by then, and with them their references. */
static void pyserver_stop(pyserver_t *s, bool check) {
  mproc_proxy_t *d = NULL;
  assert_int_equal(pyserver_objects(s), 0);
  assert_int_equal(mproc_manager_get(s->m, "get_dict", &d), 0);
  mproc_value_t k = mproc_str(check ? "check" : "nocheck"), t = mproc_bool(1);
  assert_int_equal(mproc_proxy_dict_set(d, &k, &t), 0);
  k = mproc_str("stop");
  assert_int_equal(mproc_proxy_dict_set(d, &k, &t), 0);
  mproc_proxy_destroy(d);
  int rc = mproc_manager_shutdown(s->m);
  s->m = NULL;
  assert_int_equal(rc, 0);
  harness_thread_join(s->thread);
  running = NULL;
  assert_int_equal(s->cmd.status, 0);
  mproc__address_cleanup(s->address);
}

/* After a case that failed with its server running: stops it (so that it
 * does not outlive the case for its 100 s), whatever its state. */
static int pyserver_teardown(void **state) {
  (void)state;
  pyserver_t *s = running;
  running = NULL;
  if (!s)
    return 0;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *d = NULL;
  if (mproc_manager_connect(&m, s->address, s->key, s->keylen) == 0 &&
      mproc_manager_get(m, "get_dict", &d) == 0) {
    mproc_value_t k = mproc_str("stop"), t = mproc_bool(true);
    mproc_proxy_dict_set(d, &k, &t);
  }
  mproc_proxy_destroy(d);
  mproc_manager_shutdown(m);
  if (s->m)
    mproc_manager_shutdown(s->m);
  harness_thread_join(s->thread);
  mproc__address_cleanup(s->address);
  return 0;
}

static void expect_owned(mproc_value_t *got, const mproc_value_t *want) {
  assert_non_null(got);
  if (!mproc_value_equal(got, want)) {
    char *g = mproc_value_repr(got), *w = mproc_value_repr(want);
    print_error("got %s, want %s\n", g ? g : "?", w ? w : "?");
    mproc_free(g);
    mproc_free(w);
  }
  assert_true(mproc_value_equal(got, want));
  mproc_values_free(got, 1);
}

static void check_queue(mproc_manager_t *m) {
  mproc_proxy_t *q = NULL, *b = NULL, *j = NULL;
  mproc_value_t vals[16], *got = NULL;
  size_t n = 0, size = 0;
  harness_python_plain(vals, &n);
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  assert_string_equal(mproc_proxy_type_name(q), "Queue");
  for (size_t i = 0; i < n; i++)
    assert_int_equal(mproc_proxy_queue_put(q, &vals[i], MPROC_FOREVER), 0);
  assert_int_equal(mproc_proxy_queue_size(q, &size), 0);
  assert_int_equal(size, n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(mproc_proxy_queue_get(q, &got, 5), 0);
    expect_owned(got, &vals[i]);
  }
  assert_int_equal(mproc_proxy_queue_get(q, &got, 0), MPROC_E_EMPTY);
  assert_int_equal(mproc_proxy_queue_get(q, &got, 0.05), MPROC_E_EMPTY);
  assert_int_equal(mproc_manager_queue(m, 1, &b), 0);
  assert_int_equal(mproc_proxy_queue_put(b, &vals[3], 0), 0);
  assert_int_equal(mproc_proxy_queue_full(b), 1);
  assert_int_equal(mproc_proxy_queue_put(b, &vals[3], 0), MPROC_E_FULL);
  assert_int_equal(mproc_manager_joinable_queue(m, 0, &j), 0);
  assert_int_equal(mproc_proxy_queue_put(j, &vals[4], 0), 0);
  assert_int_equal(mproc_proxy_queue_get(j, &got, 0), 0);
  mproc_values_free(got, 1);
  assert_int_equal(mproc_proxy_queue_task_done(j), 0);
  assert_int_equal(mproc_proxy_queue_join(j, MPROC_FOREVER), 0);
  assert_int_equal(mproc_proxy_queue_task_done(j), MPROC_E_VALUE);
  assert_int_equal(mproc_proxy_queue_join(j, 1), MPROC_E_NOTSUP);
  mproc_proxy_destroy(q);
  mproc_proxy_destroy(b);
  mproc_proxy_destroy(j);
}

/* Another thread of this process, on an RLock the main thread holds. */
typedef struct rlock_probe {
  mproc_proxy_t *r;
  int acquire, release;
} rlock_probe_t;

static void rlock_other_thread(void *arg) {
  rlock_probe_t *t = arg;
  t->acquire = mproc_proxy_acquire(t->r, 0);
  t->release = mproc_proxy_release(t->r);
}

static void check_locks(mproc_manager_t *m) {
  mproc_proxy_t *l = NULL, *r = NULL, *s = NULL, *bs = NULL, *c = NULL;
  int64_t v;
  assert_int_equal(mproc_manager_lock(m, &l), 0);
  assert_int_equal(mproc_proxy_acquire(l, MPROC_FOREVER), 0);
  assert_int_equal(mproc_proxy_acquire(l, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_proxy_acquire(l, 0.05), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_proxy_release(l), 0);
  assert_int_equal(mproc_proxy_release(l), MPROC_E_VALUE);
  assert_int_equal(mproc_proxy_lock_value(l, &v), MPROC_E_NOTSUP);
  assert_int_equal(mproc_manager_rlock(m, &r), 0);
  assert_int_equal(mproc_proxy_acquire(r, 1), 0);
  assert_int_equal(mproc_proxy_acquire(r, 1), 0);
  /* Held by this thread: another thread neither takes nor releases it
   * (CPython's server owns it by the thread serving the connection). */
  rlock_probe_t probe = {r, 0, 0};
  harness_thread_join(harness_thread_start(rlock_other_thread, &probe));
  assert_int_equal(probe.acquire, MPROC_E_TIMEOUT);
  assert_int_equal(probe.release, MPROC_E_PERM);
  assert_int_equal(mproc_proxy_release(r), 0);
  assert_int_equal(mproc_proxy_release(r), 0);
  assert_int_equal(mproc_proxy_release(r), MPROC_E_PERM);
  assert_int_equal(mproc_manager_semaphore(m, 2, &s), 0);
  assert_int_equal(mproc_proxy_acquire(s, 0), 0);
  assert_int_equal(mproc_proxy_acquire(s, 0), 0);
  assert_int_equal(mproc_proxy_acquire(s, 0), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_proxy_release(s), 0);
  assert_int_equal(mproc_manager_bounded_semaphore(m, 1, &bs), 0);
  assert_int_equal(mproc_proxy_release(bs), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_condition(m, &c), 0);
  assert_int_equal(mproc_proxy_condition_notify(c, 1), MPROC_E_PERM);
  assert_int_equal(mproc_proxy_acquire(c, MPROC_FOREVER), 0);
  assert_int_equal(mproc_proxy_condition_wait(c, 0.05), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_proxy_condition_notify_all(c), 0);
  assert_int_equal(mproc_proxy_release(c), 0);
  mproc_proxy_destroy(l);
  mproc_proxy_destroy(r);
  mproc_proxy_destroy(s);
  mproc_proxy_destroy(bs);
  mproc_proxy_destroy(c);
}

static void check_event_barrier(mproc_manager_t *m) {
  mproc_proxy_t *e = NULL, *b1 = NULL, *b2 = NULL;
  int64_t index = -1;
  assert_int_equal(mproc_manager_event(m, &e), 0);
  assert_int_equal(mproc_proxy_event_is_set(e), 0);
  assert_int_equal(mproc_proxy_event_wait(e, 0.05), MPROC_E_TIMEOUT);
  assert_int_equal(mproc_proxy_event_set(e), 0);
  assert_int_equal(mproc_proxy_event_is_set(e), 1);
  assert_int_equal(mproc_proxy_event_wait(e, MPROC_FOREVER), 0);
  assert_int_equal(mproc_proxy_event_clear(e), 0);
  assert_int_equal(mproc_proxy_event_is_set(e), 0);
  assert_int_equal(mproc_manager_barrier(m, 1, &b1), 0);
  assert_int_equal(mproc_proxy_barrier_wait(b1, MPROC_DEFAULT_TIMEOUT, &index),
                   0);
  assert_int_equal(index, 0);
  assert_int_equal(mproc_proxy_barrier_parties(b1), MPROC_E_NOTSUP);
  assert_int_equal(mproc_manager_barrier(m, 2, &b2), 0);
  /* threading.Barrier breaks when a wait times out. */
  assert_int_equal(mproc_proxy_barrier_wait(b2, 0.05, &index), MPROC_E_BROKEN);
  assert_int_equal(mproc_proxy_barrier_reset(b2), 0);
  assert_int_equal(mproc_proxy_barrier_abort(b2), 0);
  assert_int_equal(mproc_proxy_barrier_wait(b2, 1, &index), MPROC_E_BROKEN);
  mproc_proxy_destroy(e);
  mproc_proxy_destroy(b1);
  mproc_proxy_destroy(b2);
}

static void check_value_array_namespace(mproc_manager_t *m) {
  mproc_proxy_t *v = NULL, *a = NULL, *ns = NULL;
  mproc_value_t five = mproc_int(5), s = mproc_str("text"), *got = NULL;
  assert_int_equal(mproc_manager_value(m, &five, &v), 0);
  assert_int_equal(mproc_proxy_value_get(v, &got), 0);
  expect_owned(got, &five);
  assert_int_equal(mproc_proxy_value_set(v, &s), 0);
  assert_int_equal(mproc_proxy_value_get(v, &got), 0);
  expect_owned(got, &s);

  mproc_value_t items[3] = {mproc_int(1), mproc_int(2), mproc_int(3)};
  mproc_value_t l = mproc_list(items, 3), seven = mproc_int(7);
  size_t len = 0;
  assert_int_equal(mproc_manager_array(m, 'i', &l, &a), 0);
  assert_int_equal(mproc_proxy_array_len(a, &len), 0);
  assert_int_equal(len, 3);
  assert_int_equal(mproc_proxy_array_get(a, 1, &got), 0);
  expect_owned(got, &items[1]);
  assert_int_equal(mproc_proxy_array_set(a, 1, &seven), 0);
  assert_int_equal(mproc_proxy_array_get(a, 1, &got), 0);
  expect_owned(got, &seven);
  assert_int_equal(mproc_proxy_array_get(a, 5, &got), MPROC_E_INDEX);
  assert_int_equal(mproc_proxy_array_get_slice(a, 0, 2, 1, &got),
                   MPROC_E_NOTSUP);

  char *repr = NULL;
  assert_int_equal(mproc_manager_namespace(m, NULL, &ns), 0);
  assert_int_equal(mproc_proxy_namespace_set(ns, "x", &five), 0);
  assert_int_equal(mproc_proxy_namespace_get(ns, "x", &got), 0);
  expect_owned(got, &five);
  assert_int_equal(mproc_proxy_namespace_get(ns, "y", &got), MPROC_E_ATTRIBUTE);
  assert_int_equal(mproc_proxy_namespace_repr(ns, &repr), 0);
  assert_string_equal(repr, "Namespace(x=5)");
  mproc_free(repr);
  assert_int_equal(mproc_proxy_namespace_del(ns, "x"), 0);
  assert_int_equal(mproc_proxy_namespace_del(ns, "x"), MPROC_E_ATTRIBUTE);
  mproc_proxy_destroy(v);
  mproc_proxy_destroy(a);
  mproc_proxy_destroy(ns);
}

static void check_dict(mproc_manager_t *m) {
  mproc_proxy_t *d = NULL;
  mproc_value_t vals[16], *got = NULL;
  size_t n = 0, len = 0;
  char k[16];
  harness_python_plain(vals, &n);
  assert_int_equal(mproc_manager_dict(m, &d), 0);
  for (size_t i = 0; i < n; i++) {
    snprintf(k, sizeof k, "k%u", (unsigned)i);
    mproc_value_t key = mproc_str(k);
    assert_int_equal(mproc_proxy_dict_set(d, &key, &vals[i]), 0);
  }
  assert_int_equal(mproc_proxy_dict_len(d, &len), 0);
  assert_int_equal(len, n);
  for (size_t i = 0; i < n; i++) {
    snprintf(k, sizeof k, "k%u", (unsigned)i);
    mproc_value_t key = mproc_str(k);
    assert_int_equal(mproc_proxy_dict_get(d, &key, &got), 0);
    expect_owned(got, &vals[i]);
  }
  mproc_value_t k0 = mproc_str("k0"), nope = mproc_str("nope");
  mproc_value_t dflt = mproc_int(9), one = mproc_int(1);
  assert_int_equal(mproc_proxy_dict_get(d, &nope, &got), MPROC_E_KEY);
  /* A stored None is not a missing key. */
  assert_int_equal(mproc_proxy_dict_get_default(d, &k0, &dflt, &got), 0);
  expect_owned(got, &vals[0]);
  assert_int_equal(mproc_proxy_dict_get_default(d, &nope, &dflt, &got), 0);
  expect_owned(got, &dflt);
  assert_int_equal(mproc_proxy_dict_contains(d, &k0), 1);
  assert_int_equal(mproc_proxy_dict_contains(d, &nope), 0);
  assert_int_equal(mproc_proxy_dict_del(d, &k0), 0);
  assert_int_equal(mproc_proxy_dict_del(d, &k0), MPROC_E_KEY);
  assert_int_equal(mproc_proxy_dict_pop(d, &nope, &dflt, &got), 0);
  expect_owned(got, &dflt);
  assert_int_equal(mproc_proxy_dict_setdefault(d, &nope, &one, &got), 0);
  expect_owned(got, &one);
  assert_int_equal(mproc_proxy_dict_pop(d, &nope, NULL, &got), 0);
  expect_owned(got, &one);
  assert_int_equal(mproc_proxy_dict_clear(d), 0);
  mproc_value_t e[4] = {mproc_str("a"), mproc_int(1), mproc_int(2),
                        mproc_str("b")};
  mproc_value_t src = mproc_dict(e, 2);
  assert_int_equal(mproc_proxy_dict_update(d, &src), 0);
  assert_int_equal(mproc_proxy_dict_copy(d, &got), 0);
  expect_owned(got, &src);
  assert_int_equal(mproc_proxy_dict_keys(d, &got), 0);
  assert_true(harness_owned_is(got, "['a', 2]"));
  assert_int_equal(mproc_proxy_dict_values(d, &got), 0);
  assert_true(harness_owned_is(got, "[1, 'b']"));
  assert_int_equal(mproc_proxy_dict_items(d, &got), 0);
  assert_true(harness_owned_is(got, "[('a', 1), (2, 'b')]"));
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *ck, *cv;
  size_t seen = 0;
  while (mproc_proxy_dict_next(d, &cur, &ck, &cv) == 0)
    seen++;
  assert_int_equal(seen, 2);
  assert_int_equal(mproc_proxy_dict_popitem(d, &got), 0);
  assert_true(harness_owned_is(got, "(2, 'b')"));
  mproc_proxy_destroy(d);
}

static void check_list(mproc_manager_t *m) {
  mproc_proxy_t *l = NULL;
  mproc_value_t vals[16], *got = NULL;
  size_t n = 0, len = 0, at = 0;
  harness_python_plain(vals, &n);
  assert_int_equal(mproc_manager_list(m, &l), 0);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(mproc_proxy_list_append(l, &vals[i]), 0);
  assert_int_equal(mproc_proxy_list_len(l, &len), 0);
  assert_int_equal(len, n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(mproc_proxy_list_get(l, (int64_t)i, &got), 0);
    expect_owned(got, &vals[i]);
  }
  assert_int_equal(mproc_proxy_list_get(l, 99, &got), MPROC_E_INDEX);
  assert_int_equal(mproc_proxy_list_clear(l), 0);
  mproc_value_t ints[3] = {mproc_int(3), mproc_int(1), mproc_int(2)};
  mproc_value_t three = mproc_list(ints, 3), nine = mproc_int(9);
  assert_int_equal(mproc_proxy_list_extend(l, &three), 0);
  assert_int_equal(mproc_proxy_list_sort(l, false), 0);
  assert_int_equal(mproc_proxy_list_get_slice(l, 0, INT64_MAX, 1, &got), 0);
  assert_true(harness_owned_is(got, "[1, 2, 3]"));
  assert_int_equal(mproc_proxy_list_reverse(l), 0);
  assert_int_equal(mproc_proxy_list_insert(l, 0, &nine), 0);
  assert_int_equal(mproc_proxy_list_set(l, 1, &nine), 0);
  assert_int_equal(mproc_proxy_list_count(l, &nine, &len), 0);
  assert_int_equal(len, 2);
  assert_int_equal(mproc_proxy_list_index(l, &ints[2], 0, INT64_MAX, &at), 0);
  assert_int_equal(at, 2);
  assert_int_equal(mproc_proxy_list_remove(l, &nine), 0);
  assert_int_equal(mproc_proxy_list_pop(l, -1, &got), 0);
  assert_true(harness_owned_is(got, "1"));
  assert_int_equal(mproc_proxy_list_del(l, 0), 0);
  assert_int_equal(mproc_proxy_list_set_slice(l, 0, 0, 1, &three), 0);
  assert_int_equal(mproc_proxy_list_del_slice(l, 0, 1, 1), 0);
  mproc_proxy_cursor_t *cur = NULL;
  const mproc_value_t *it;
  size_t seen = 0;
  while (mproc_proxy_list_next(l, &cur, &it) == 0)
    seen++;
  assert_int_equal(seen, 3); /* [1, 2, 2] */
  assert_int_equal(mproc_proxy_list_get_slice(l, 0, INT64_MAX, 1, &got), 0);
  assert_true(harness_owned_is(got, "[1, 2, 2]"));
  mproc_proxy_destroy(l);
}

/* Objects registered by name on the Python side. */
static void check_named(mproc_manager_t *m) {
  mproc_proxy_t *adder = NULL, *q = NULL, *x = NULL;
  mproc_value_t args[2] = {mproc_int(2), mproc_int(3)}, *got = NULL;
  mproc_value_t five = mproc_int(5);
  assert_int_equal(mproc_manager_get(m, "get_queue", &q), 0);
  assert_string_equal(mproc_proxy_type_name(q), "JoinableQueue");
  assert_int_equal(mproc_manager_get(m, "get_adder", &adder), 0);
  assert_string_equal(mproc_proxy_type_name(adder), "get_adder");
  assert_int_equal(mproc_proxy_call(adder, "add", args, 2, &got), 0);
  expect_owned(got, &five);
  assert_int_equal(mproc_proxy_call(adder, "fail", NULL, 0, &got),
                   MPROC_E_REMOTE);
  assert_true(harness_message_is("ZeroDivisionError: division by zero"));
  assert_int_equal(mproc_manager_get(m, "no_such_name", &x), MPROC_E_NOTFOUND);
  assert_int_equal(mproc_manager_create(m, "Counter", NULL, 0, &x),
                   MPROC_E_NOTSUP);
  mproc_proxy_destroy(adder);
  mproc_proxy_destroy(q);
}

static void typeids(void **state) {
  (void)state;
  static pyserver_t s; /* outlives a failed case, for its teardown */
  pyserver_start(&s);
  check_queue(s.m);
  check_locks(s.m);
  check_event_barrier(s.m);
  check_value_array_namespace(s.m);
  check_dict(s.m);
  check_list(s.m);
  check_named(s.m);
  /* A wrong key: refused, and the server serves on. */
  static const uint8_t wrong[] = "wrong key";
  mproc_manager_t *bad = NULL;
  assert_int_equal(mproc_manager_connect(&bad, s.address, wrong, sizeof wrong),
                   MPROC_E_PERM);
  assert_null(bad);
  mproc_proxy_t *q = NULL;
  assert_int_equal(mproc_manager_queue(s.m, 0, &q), 0);
  mproc_proxy_destroy(q);
  pyserver_stop(&s, false);
}

/* args: a queue proxy of a CPython server, which the child gets from and
 * puts into, and an event proxy it leaves alone (its lease, under spawn
 * and forkserver, is the child's to drop all the same). */
static int child_uses_proxy(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *q = NULL;
  mproc_value_t *got = NULL, v = mproc_str("from the child");
  CHECK(nargs == 2 && mproc_value_as_proxy(&args[0], &q) == 0, 10);
  CHECK(mproc_proxy_queue_get(q, &got, 30) == 0, 11);
  CHECK(harness_owned_is(got, "'from the parent'"), 12);
  CHECK(mproc_proxy_queue_put(q, &v, 30) == 0, 13);
  return 0;
}

static void child(void **state) {
  static pyserver_t s; /* outlives a failed case, for its teardown */
  pyserver_start(&s);
  mproc_proxy_t *q = NULL, *e = NULL;
  mproc_value_t v = mproc_str("from the parent"), *got = NULL;
  assert_int_equal(mproc_manager_queue(s.m, 0, &q), 0);
  assert_int_equal(mproc_manager_event(s.m, &e), 0);
  assert_int_equal(mproc_proxy_queue_put(q, &v, 5), 0);
  mproc_value_t args[2] = {mproc_obj(q), mproc_obj(e)};
  mproc_process_t *p =
      harness_start(child_uses_proxy, args, 2, TEST_METHOD(state));
  harness_expect_exit(p, 0);
  mproc_proxy_destroy(e);
  /* The child's reference went with it; the parent's holds. */
  assert_int_equal(mproc_proxy_queue_get(q, &got, 5), 0);
  assert_true(harness_owned_is(got, "'from the child'"));
  mproc_proxy_destroy(q);
  pyserver_stop(&s, false);
}

/* A copy encoded outside a start record (as a queue item is) holds a
 * reference from its encoding, which the decoded copy takes over when it
 * is used, and drops when destroyed. Such a copy connects with this
 * process's key, as CPython's unpickled proxies do: the server has it. */
static void encoded_copy(void **state) {
  (void)state;
  static pyserver_t s; /* outlives a failed case, for its teardown */
  uint8_t key[MPROC_AUTHKEY_LEN];
  assert_int_equal(mproc_authkey(key), 0);
  pyserver_start_with(&s, key, sizeof key);
  mproc_proxy_t *q = NULL, *copy = NULL;
  mproc_value_t *got = NULL, *dec = NULL, one = mproc_int(1);
  void *enc = NULL;
  size_t elen = 0, n = 0;
  assert_int_equal(mproc_manager_queue(s.m, 0, &q), 0);
  mproc_value_t v = mproc_obj(q);
  assert_int_equal(mproc_encode(&v, 1, &enc, &elen), 0);
  mproc_proxy_destroy(q); /* the copy's reference keeps the queue */
  assert_int_equal(pyserver_objects(&s), 1);
  assert_int_equal(mproc_decode(enc, elen, &dec, &n), 0);
  mproc_free(enc);
  assert_int_equal(mproc_value_as_proxy(&dec[0], &copy), 0);
  assert_int_equal(mproc_proxy_queue_put(copy, &one, 5), 0);
  assert_int_equal(mproc_proxy_queue_get(copy, &got, 5), 0);
  expect_owned(got, &one);
  assert_int_equal(pyserver_objects(&s), 1); /* taken over, not taken */
  mproc_values_free(dec, n);                 /* destroys the copy */
  pyserver_stop(&s, false);                  /* which checks 0 objects */
}

/* args: the address. The C side of "client", at the same time as Python:
 * gets Python's values from get_queue(), puts its own into get_dict(),
 * finds Python's unreadable values unreadable. */
static int c_sharer(const mproc_value_t *args, size_t nargs) {
  const char *address;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *q = NULL, *d = NULL;
  mproc_value_t vals[16], *got = NULL;
  size_t n = 0;
  char k[16];
  CHECK(nargs == 1 && mproc_value_as_str(&args[0], &address) == 0, 10);
  CHECK(mproc_manager_connect(&m, address, KEY, sizeof KEY) == 0, 11);
  CHECK(mproc_manager_protocol(m) == MPROC_MANAGER_PROTOCOL_CPYTHON, 12);
  CHECK(mproc_manager_get(m, "get_queue", &q) == 0 &&
            mproc_manager_get(m, "get_dict", &d) == 0,
        13);
  harness_python_plain(vals, &n);
  for (size_t i = 0; i < n; i++) {
    CHECK(mproc_proxy_queue_get(q, &got, 30) == 0, 14);
    CHECK(mproc_value_equal(got, &vals[i]), 15);
    mproc_values_free(got, 1);
    snprintf(k, sizeof k, "c%u", (unsigned)i);
    mproc_value_t key = mproc_str(k);
    CHECK(mproc_proxy_dict_set(d, &key, &vals[i]) == 0, 16);
  }
  double deadline = harness_now() + 30;
  CHECK(harness_dict_has_by(d, "py_ready", deadline), 17);
  /* A set and an int beyond 64 bits are no values of mproc's: C cannot
   * read them, and they stay as they were for Python. */
  mproc_value_t set = mproc_str("set"), big = mproc_str("big");
  CHECK(mproc_proxy_dict_get(d, &set, &got) == MPROC_E_DECODE, 18);
  CHECK(mproc_proxy_dict_get(d, &big, &got) == MPROC_E_DECODE, 19);
  mproc_value_t done = mproc_str("c_done"), yes = mproc_bool(true);
  CHECK(mproc_proxy_dict_set(d, &done, &yes) == 0, 20);
  CHECK(harness_dict_has_by(d, "py_done", deadline), 21);
  mproc_proxy_destroy(q);
  mproc_proxy_destroy(d);
  CHECK(mproc_manager_shutdown(m) == 0, 22);
  return 0;
}

static void share_with_python(void **state) {
  static pyserver_t s; /* outlives a failed case, for its teardown */
  pyserver_start(&s);
  harness_command_t r;
  python_cmd(&r, "client", s.address, KEY, sizeof KEY);
  mproc_value_t arg = mproc_str(s.address);
  mproc_process_t *p = harness_start(c_sharer, &arg, 1, TEST_METHOD(state));
  harness_thread_t *t = harness_thread_start(harness_command_main, &r);
  harness_expect_exit(p, 0);
  harness_thread_join(t);
  assert_int_equal(r.status, 0);
  /* The adder's total, for the server's own check of what C left. */
  mproc_proxy_t *d = NULL;
  assert_int_equal(mproc_manager_get(s.m, "get_dict", &d), 0);
  mproc_value_t k = mproc_str("adder_total"), five = mproc_int(5);
  assert_int_equal(mproc_proxy_dict_set(d, &k, &five), 0);
  mproc_proxy_destroy(d);
  pyserver_stop(&s, true);
}

HARNESS_EACH_PYTHON(typeids, "the live CPython server")
HARNESS_EACH_PYTHON(child, "the live CPython server")
HARNESS_EACH_PYTHON(encoded_copy, "the live CPython server")
HARNESS_EACH_PYTHON(share_with_python, "the live CPython server")

#endif /* !_WIN32 */

int main(int argc, char **argv) {
#ifndef _WIN32
  mproc_register("c_sharer", c_sharer);
  mproc_register("child_uses_proxy", child_uses_proxy);
#endif
  mproc_boot(argc, argv);
#ifdef _WIN32
  printf("python_server: the live CPython server cases are skipped: under "
         "wine, python3 is a Linux program a Windows process cannot start "
         "(the recorded exchanges stand for it)\n");
#endif
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_recorded),
#ifndef _WIN32
      cmocka_unit_test_teardown(test_typeids, pyserver_teardown),
      cmocka_unit_test_teardown(test_child, pyserver_teardown),
      cmocka_unit_test_teardown(test_encoded_copy, pyserver_teardown),
      cmocka_unit_test_teardown(test_share_with_python, pyserver_teardown),
#endif
  };
  return harness_run(argc, argv, "python_server", tests,
                     sizeof tests / sizeof tests[0]);
}
