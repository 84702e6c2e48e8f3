/* SPDX-License-Identifier: MIT */
/*
 * CPython clients on an mproc manager (issue 17, item 2): the server
 * speaks multiprocessing.managers' protocol to a connection whose first
 * request is a pickle (src/manager/proto_pickle.c).
 *
 * vectors: a CPython client's session (tests/vectors/pyclient_vectors.h,
 * written by gen_pyclient.py: the request bytes its proxies send and the
 * replies CPython's own server gives) replayed into the server's request
 * handling, on every platform: under wine no Python can run. python: a
 * live python3 (tests/python_client.py) connects with SyncManager and
 * uses every typeid, values of every allow-listed type and opaque ones,
 * and a wrong key; then, at the same time as a C process, the queues and
 * the dict the server shares by name. Skipped, with the reason printed,
 * where there is no python3 (never on Linux CI, where it is installed).
 */
#include "harness.h"

#include "codec/pickle.h"
#include "frame.h"
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors/pyclient_vectors.h"

#define NVECTORS (sizeof pc_vectors / sizeof pc_vectors[0])
#define NCONNS 4

/* The reply's kind (its first item) and its payload. */
static const char *reply_kind(const mproc__pk_t *r, const mproc__pk_t **x) {
  assert_int_equal(r->kind, MPROC__PK_TUPLE);
  assert_int_equal(r->nitems, 2);
  assert_int_equal(r->items[0]->kind, MPROC__PK_STR);
  *x = r->items[1];
  return (const char *)r->items[0]->p;
}

/* Our reply to vector @p i against CPython's: the same kind; for #RETURN
 * the same object (both re-encoded by one encoder), for #ERROR an
 * exception of the same type. */
static void reply_check(size_t i, const void *ours, size_t n) {
  const pyclient_vector_t *v = &pc_vectors[i];
  mproc__pk_arena_t a;
  mproc__pk_t *got = NULL, *want = NULL;
  const mproc__pk_t *gx, *wx;
  mproc__pk_arena_init(&a);
  assert_int_equal(mproc__pickle_decode(&a, ours, n, &got), 0);
  assert_int_equal(mproc__pickle_decode(&a, v->reply, v->reply_len, &want), 0);
  const char *gk = reply_kind(got, &gx), *wk = reply_kind(want, &wx);
  if (strcmp(gk, wk) != 0)
    print_error("vector %u: %s, not %s (%s)\n", (unsigned)i, gk, wk,
                gx->kind == MPROC__PK_STR ? (const char *)gx->p : "");
  assert_string_equal(gk, wk);
  if (strcmp(wk, "#RETURN") == 0 || strcmp(wk, "#PROXY") == 0) {
    mproc__wbuf_t g = {0}, w = {0};
    assert_int_equal(mproc__pickle_encode(&g, gx), 0);
    assert_int_equal(mproc__pickle_encode(&w, wx), 0);
    if (g.len != w.len || memcmp(g.p, w.p, g.len) != 0)
      print_error("vector %u: another result\n", (unsigned)i);
    assert_int_equal(g.len, w.len);
    assert_memory_equal(g.p, w.p, g.len);
    free(g.p);
    free(w.p);
  } else if (strcmp(wk, "#ERROR") == 0) {
    assert_int_equal(gx->kind, MPROC__PK_OBJ);
    assert_int_equal(wx->kind, MPROC__PK_OBJ);
    assert_string_equal(gx->callable->module, wx->callable->module);
    assert_string_equal(gx->callable->name, wx->callable->name);
  } else {
    assert_int_equal(gx->kind, MPROC__PK_STR); /* a traceback's text */
  }
  mproc__pk_arena_free(&a);
}

static void test_vectors(void **state) {
  (void)state;
  static const uint8_t key[] = {'k'};
  mproc__sconn_t *conns[NCONNS];
  assert_int_equal(mproc__server_fuzz_begin(key, sizeof key), 0);
  for (size_t i = 0; i < NCONNS; i++)
    assert_non_null(conns[i] = mproc__server_fuzz_conn());
  for (size_t i = 0; i < NVECTORS; i++) {
    const pyclient_vector_t *v = &pc_vectors[i];
    void *reply = NULL;
    size_t rlen = 0;
    bool shutdown = false;
    int rc = mproc__server_fuzz_request(
        conns[v->conn], v->request, v->request_len, &reply, &rlen, &shutdown);
    if (rc != 0)
      print_error("vector %u: %s\n", (unsigned)i, mproc_last_error());
    assert_int_equal(rc, 0);
    assert_false(shutdown);
    reply_check(i, reply, rlen);
    free(reply);
  }
  for (size_t i = 0; i < NCONNS; i++) {
    mproc__server_fuzz_drop(conns[i]);
    free(conns[i]);
  }
  /* The session decref'd every object: none is left. */
  assert_int_equal(mproc__server_fuzz_end(), 0);
}

static const uint8_t KEY[16] = {'p', 'y', 't', 'h', 'o', 'n', ' ', 'c',
                                'l', 'i', 'e', 'n', 't', ' ', 'k', 'y'};

/* The same session over real connections to a manager's server process
 * (a socket; a named pipe on Windows): the protocol is told apart per
 * connection, beside mproc's own clients. */
static void test_vectors_live(void **state) {
  mproc_manager_options_t o = {TEST_METHOD(state), NULL, KEY, sizeof KEY};
  mproc_manager_t *m = NULL;
  mproc__net_t *conns[NCONNS];
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  for (size_t i = 0; i < NCONNS; i++)
    assert_int_equal(mproc__mclient_open(mproc_manager_address(m), KEY,
                                         sizeof KEY, &conns[i]),
                     0);
  for (size_t i = 0; i < NVECTORS; i++) {
    const pyclient_vector_t *v = &pc_vectors[i];
    uint8_t *reply = NULL;
    size_t rlen = 0;
    assert_int_equal(
        mproc__frame_send(conns[v->conn], v->request, v->request_len), 0);
    assert_int_equal(mproc__frame_recv(conns[v->conn], MPROC_MANAGER_MAX_FRAME,
                                       &reply, &rlen),
                     0);
    reply_check(i, reply, rlen);
    free(reply);
  }
  /* An mproc client on the same address meanwhile. */
  mproc_proxy_t *q = NULL;
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  assert_int_equal(mproc_proxy_queue_put(q, &one, 10), 0);
  mproc_proxy_destroy(q);
  for (size_t i = 0; i < NCONNS; i++)
    mproc__net_close(conns[i]);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

/* ------------------------------------------------------------------------ */
/* A live Python                                                            */
/* ------------------------------------------------------------------------ */

#ifndef _WIN32

static const mproc_manager_shared_t shared_table[] = {
    {"c2py", "Queue", 0, false},
    {"py2c", "Queue", 0, false},
    {"shared", "dict", 0, false}};

/* args: the address. The C side of "share", at the same time as Python:
 * puts PLAIN into c2py and d["c<i>"], gets Python's from py2c and
 * d["py<i>"], and finds Python's opaque values opaque. */
static int c_sharer(const mproc_value_t *args, size_t nargs) {
  const char *address;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *c2py = NULL, *py2c = NULL, *d = NULL;
  mproc_value_t vals[16], *got = NULL;
  size_t n = 0;
  char k[16];
  CHECK(nargs == 1 && mproc_value_as_str(&args[0], &address) == 0, 10);
  CHECK(mproc_manager_connect(&m, address, KEY, sizeof KEY) == 0, 11);
  CHECK(mproc_manager_get(m, "c2py", &c2py) == 0 &&
            mproc_manager_get(m, "py2c", &py2c) == 0 &&
            mproc_manager_get(m, "shared", &d) == 0,
        12);
  harness_python_plain(vals, &n);
  for (size_t i = 0; i < n; i++) {
    mproc_value_t key;
    snprintf(k, sizeof k, "c%u", (unsigned)i);
    key = mproc_str(k);
    CHECK(mproc_proxy_queue_put(c2py, &vals[i], 30) == 0, 13);
    CHECK(mproc_proxy_dict_set(d, &key, &vals[i]) == 0, 14);
  }
  for (size_t i = 0; i < n; i++) {
    CHECK(mproc_proxy_queue_get(py2c, &got, 30) == 0, 15);
    CHECK(mproc_value_equal(got, &vals[i]), 16);
    mproc_values_free(got, 1);
  }
  double deadline = harness_now() + 30;
  CHECK(harness_dict_has_by(d, "py_done", deadline), 17);
  for (size_t i = 0; i < n; i++) {
    snprintf(k, sizeof k, "py%u", (unsigned)i);
    mproc_value_t key = mproc_str(k);
    CHECK(mproc_proxy_dict_get(d, &key, &got) == 0, 18);
    CHECK(mproc_value_equal(got, &vals[i]), 19);
    mproc_values_free(got, 1);
  }
  /* A set is no value of mproc's: C cannot read it, Python can. */
  mproc_value_t okey = mproc_str("opaque0");
  CHECK(mproc_proxy_dict_get(d, &okey, &got) == MPROC_E_DECODE, 20);
  mproc_value_t done = mproc_str("c_done"), yes = mproc_bool(true);
  CHECK(mproc_proxy_dict_set(d, &done, &yes) == 0, 21);
  mproc_proxy_destroy(c2py);
  mproc_proxy_destroy(py2c);
  mproc_proxy_destroy(d);
  CHECK(mproc_manager_shutdown(m) == 0, 22); /* a connected one: released */
  return 0;
}

static void python_cmd(harness_command_t *r, const char *mode,
                       const char *address) {
  char hex[2 * sizeof KEY + 1];
  for (size_t i = 0; i < sizeof KEY; i++)
    snprintf(hex + 2 * i, 3, "%02x", KEY[i]);
  snprintf(r->cmd, sizeof r->cmd, "%s %s %s %s %s", harness_python,
           MPROC_PY_CLIENT, mode, address, hex);
  r->status = -1;
}

static mproc_manager_t *start(mproc_start_method_t method) {
  mproc_manager_options_t o = {method, NULL, KEY, sizeof KEY};
  mproc_manager_setup_t setup = {shared_table, 3, NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), 0);
  return m;
}

static void python_typeids(void **state) {
  mproc_manager_t *m = start(TEST_METHOD(state));
  harness_command_t r;
  python_cmd(&r, "typeids", mproc_manager_address(m));
  harness_command_main(&r);
  assert_int_equal(r.status, 0);
  /* A C client still works beside them, on the same address. */
  mproc_proxy_t *q = NULL;
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  mproc_proxy_destroy(q);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

static void python_shares_with_c(void **state) {
  mproc_manager_t *m = start(TEST_METHOD(state));
  harness_command_t r;
  python_cmd(&r, "share", mproc_manager_address(m));
  mproc_value_t arg = mproc_str(mproc_manager_address(m));
  mproc_process_t *p = harness_start(c_sharer, &arg, 1, TEST_METHOD(state));
  harness_thread_t *t = harness_thread_start(harness_command_main, &r);
  harness_expect_exit(p, 0);
  harness_thread_join(t);
  assert_int_equal(r.status, 0);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

HARNESS_EACH_PYTHON(python_typeids, "the live Python client")
HARNESS_EACH_PYTHON(python_shares_with_c, "the live Python client")

#endif /* !_WIN32 */

int main(int argc, char **argv) {
#ifndef _WIN32
  mproc_register("c_sharer", c_sharer);
#endif
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vectors),
      cmocka_unit_test(test_vectors_live),
#ifndef _WIN32
      /* Under wine, python3 is a Linux program a Windows process cannot
       * start: the vectors above stand for it there. */
      cmocka_unit_test(test_python_typeids),
      cmocka_unit_test(test_python_shares_with_c),
#endif
  };
  return harness_run(argc, argv, "python_client", tests,
                     sizeof tests / sizeof tests[0]);
}
