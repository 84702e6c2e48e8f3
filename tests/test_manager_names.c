/* SPDX-License-Identifier: MIT */
/*
 * Managers: what a server registers by name (CPython's
 * BaseManager.register()): objects shared by name that another program
 * reaches with only the address and the key (tests/manager_peer.c, a
 * separate executable), user-defined hosted types with exposed-method
 * checking, and the server's initializer, pid and join().
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <process.h>
#include <windows.h>
#else
#include <spawn.h>
#include <sys/wait.h>
extern char **environ;
#endif

/* Explicit, so that the second program can be given it in hex. */
static const char KEY[] = "issue-15 shared-by-name key";

static char peer_path[1024];

/* Where manager_peer is: beside this program (CMake builds both in
 * tests/). */
static void find_peer(const char *argv0) {
#ifdef _WIN32
  (void)argv0;
  char self[MAX_PATH];
  DWORD n = GetModuleFileNameA(NULL, self, sizeof self);
  if (n == 0 || n >= sizeof self)
    return;
  argv0 = self;
#endif
  snprintf(peer_path, sizeof peer_path, "%s", argv0);
  char *slash = strrchr(peer_path, '/');
  char *bslash = strrchr(peer_path, '\\');
  if (bslash && (!slash || bslash > slash))
    slash = bslash;
  size_t dir = slash ? (size_t)(slash - peer_path) + 1 : 0;
  snprintf(peer_path + dir, sizeof peer_path - dir, "manager_peer%s",
#ifdef _WIN32
           ".exe"
#else
           ""
#endif
  );
}

/* Runs the second program (not an mproc child: no start record, no
 * inherited key) and returns its exit code, or -1. */
static int run_peer(const char *mode, const char *address) {
  char hex[2 * sizeof KEY + 1];
  for (size_t i = 0; i < sizeof KEY - 1; i++)
    snprintf(hex + 2 * i, 3, "%02x", (unsigned char)KEY[i]);
  const char *argv[] = {peer_path, mode, address, hex, NULL};
#ifdef _WIN32
  return (int)_spawnv(_P_WAIT, peer_path, argv);
#else
  pid_t pid;
  int status;
  if (posix_spawn(&pid, peer_path, NULL, NULL, (char *const *)argv, environ))
    return -1;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
    return -1;
  return WEXITSTATUS(status);
#endif
}

/* ------------------------------------------------------------------------ */
/* A user-defined type: Counter(start) with add(n), value(), label(), and a */
/* _reset() that is not exposed                                             */
/* ------------------------------------------------------------------------ */

typedef struct counter {
  int64_t n;
  char label[32];
} counter_t;

static int counter_create(const mproc_value_t *args, size_t nargs,
                          void **self) {
  int64_t start = 0;
  if (nargs > 1 || (nargs == 1 && mproc_value_as_int(&args[0], &start) != 0))
    return MPROC_E_TYPE; /* the library names the type in the message */
  counter_t *c = calloc(1, sizeof *c);
  if (!c)
    return MPROC_E_NOMEM;
  c->n = start;
  snprintf(c->label, sizeof c->label, "counter from %lld", (long long)start);
  *self = c;
  return 0;
}
static void counter_destroy(void *self) {
  free(self);
}
static int counter_add(void *self, const mproc_value_t *args, size_t nargs,
                       mproc_value_t *result) {
  counter_t *c = self;
  int64_t d;
  if (nargs != 1 || mproc_value_as_int(&args[0], &d) != 0)
    return MPROC_E_TYPE;
  c->n += d;
  *result = mproc_int(c->n);
  return 0;
}
static int counter_value(void *self, const mproc_value_t *args, size_t nargs,
                         mproc_value_t *result) {
  (void)args;
  (void)nargs;
  *result = mproc_int(((counter_t *)self)->n);
  return 0;
}
static int counter_label(void *self, const mproc_value_t *args, size_t nargs,
                         mproc_value_t *result) {
  (void)args;
  (void)nargs;
  *result = mproc_str(((counter_t *)self)->label);
  return 0;
}
static int counter_reset(void *self, const mproc_value_t *args, size_t nargs,
                         mproc_value_t *result) {
  (void)args;
  (void)nargs;
  (void)result;
  ((counter_t *)self)->n = 0;
  return 0;
}
static const mproc_manager_method_t counter_methods[] = {
    {"add", counter_add},
    {"value", counter_value},
    {"label", counter_label},
    {"_reset", counter_reset}};
static const char *const counter_exposed[] = {"add", "value", "label"};
static const mproc_manager_type_t counter_type = {"Counter",
                                                  counter_create,
                                                  counter_destroy,
                                                  counter_methods,
                                                  4,
                                                  counter_exposed,
                                                  3};

/* The same methods with exposed NULL: the public ones (no leading '_'). */
static const mproc_manager_type_t public_counter_type = {"PublicCounter",
                                                         counter_create,
                                                         counter_destroy,
                                                         counter_methods,
                                                         4,
                                                         NULL,
                                                         0};

static mproc_manager_t *start_with(mproc_start_method_t method,
                                   const mproc_manager_shared_t *shared,
                                   size_t nshared) {
  mproc_manager_options_t o = {method, NULL, KEY, sizeof KEY - 1};
  mproc_manager_setup_t setup = {shared, nshared, NULL, NULL, 0};
  mproc_manager_t *m = NULL;
  int rc = mproc_manager_start_with(&m, &o, &setup);
  if (rc != 0)
    print_error("mproc_manager_start: %s: %s\n", mproc_err_name(rc),
                mproc_last_error());
  assert_int_equal(rc, 0);
  return m;
}

static const mproc_manager_shared_t shared_table[] = {
    {"inbox", "Queue", 0, false},
    {"outbox", "Queue", 0, false},
    {"fresh", "dict", 0, true},
    {"counter", "Counter", 0, false}};

/* ------------------------------------------------------------------------ */
/* Item 6: shared by name                                                   */
/* ------------------------------------------------------------------------ */

/* args: the address, the key. A child that connects as a remote client
 * would, and reaches "inbox" by name. */
static int child_by_name(const mproc_value_t *args, size_t nargs) {
  const char *address;
  const void *key;
  size_t keylen;
  mproc_manager_t *m = NULL;
  mproc_proxy_t *q = NULL;
  mproc_value_t *v = NULL;
  CHECK(nargs == 2 && mproc_value_as_str(&args[0], &address) == 0 &&
            mproc_value_as_bytes(&args[1], &key, &keylen) == 0,
        10);
  CHECK(mproc_manager_connect(&m, address, key, keylen) == 0, 11);
  CHECK(mproc_manager_get(m, "inbox", &q) == 0, 12);
  CHECK(mproc_proxy_queue_get(q, &v, 60) == 0 &&
            harness_owned_is(v, "'from parent'"),
        13);
  mproc_value_t back = mproc_str("from child");
  CHECK(mproc_proxy_queue_put(q, &back, 60) == 0, 14);
  mproc_proxy_t *none = NULL;
  CHECK(mproc_manager_get(m, "nope", &none) == MPROC_E_KEY && !none, 15);
  mproc_proxy_destroy(q);
  CHECK(mproc_manager_shutdown(m) == 0, 16);
  return 0;
}

/* Issue 15 item 6: a second program that has only the address and the key
 * takes what this one put into a queue registered by name, and answers in
 * another; a child does the same through mproc_manager_connect(). */
static void test_second_program(void **state) {
  mproc_manager_t *m = start_with(TEST_METHOD(state), shared_table, 4);
  mproc_proxy_t *in = NULL, *out = NULL;
  mproc_value_t *v = NULL;
  mproc_value_t ping = mproc_str("ping");
  assert_int_equal(mproc_manager_get(m, "inbox", &in), 0);
  assert_int_equal(mproc_proxy_queue_put(in, &ping, 10), 0);
  assert_int_equal(run_peer("names", mproc_manager_address(m)), 0);
  assert_int_equal(mproc_manager_get(m, "outbox", &out), 0);
  assert_int_equal(mproc_proxy_queue_get(out, &v, 10), 0);
  assert_true(harness_owned_is(v, "'pong from the peer'"));

  mproc_value_t msg = mproc_str("from parent");
  assert_int_equal(mproc_proxy_queue_put(in, &msg, 10), 0);
  mproc_value_t args[2] = {mproc_str(mproc_manager_address(m)),
                           mproc_bytes(KEY, sizeof KEY - 1)};
  harness_expect_exit(harness_start(child_by_name, args, 2, TEST_METHOD(state)),
                      0);
  assert_int_equal(mproc_proxy_queue_get(in, &v, 10), 0);
  assert_true(harness_owned_is(v, "'from child'"));
  mproc_proxy_destroy(in);
  mproc_proxy_destroy(out);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

/* A shared entry is one object for every client, and outlives its
 * proxies; a per-call entry is a new one each time; an unknown name is
 * CPython's KeyError; bad tables are refused before a server starts. */
static void test_shared_semantics(void **state) {
  mproc_manager_t *m = start_with(TEST_METHOD(state), shared_table, 4);
  mproc_proxy_t *a = NULL, *b = NULL, *x = NULL;
  mproc_value_t one = mproc_int(1);
  size_t n = 0;
  assert_int_equal(mproc_manager_get(m, "inbox", &a), 0);
  assert_int_equal(mproc_proxy_queue_put(a, &one, 10), 0);
  mproc_proxy_destroy(a); /* the server's table still holds it */
  assert_int_equal(mproc_manager_get(m, "inbox", &b), 0);
  assert_int_equal(mproc_proxy_queue_size(b, &n), 0);
  assert_int_equal(n, 1);
  mproc_proxy_destroy(b);
  assert_int_equal(mproc_manager_get(m, "fresh", &a), 0);
  assert_string_equal(mproc_proxy_type_name(a), "dict");
  assert_int_equal(mproc_proxy_dict_set(a, &one, &one), 0);
  assert_int_equal(mproc_manager_get(m, "fresh", &b), 0);
  assert_int_equal(mproc_proxy_dict_len(b, &n), 0);
  assert_int_equal(n, 0);
  mproc_proxy_destroy(a);
  mproc_proxy_destroy(b);
  assert_int_equal(mproc_manager_get(m, "nope", &x), MPROC_E_KEY);
  assert_null(x);
  assert_true(harness_message_is("KeyError: 'nope'"));
  assert_int_equal(mproc_manager_get(m, NULL, &x), MPROC_E_INVAL);
  assert_int_equal(mproc_manager_shutdown(m), 0);

  mproc_manager_options_t o = {TEST_METHOD(state), NULL, NULL, 0};
  mproc_manager_setup_t setup = {NULL, 0, NULL, NULL, 0};
  const mproc_manager_shared_t bad_type[] = {{"q", "Quux", 0, false}};
  const mproc_manager_shared_t twice[] = {{"q", "Queue", 0, false},
                                          {"q", "list", 0, false}};
  const mproc_manager_shared_t no_parties[] = {{"b", "Barrier", 0, false}};
  setup.shared = bad_type;
  setup.nshared = 1;
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), MPROC_E_TYPE);
  setup.shared = twice;
  setup.nshared = 2;
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), MPROC_E_VALUE);
  setup.shared = no_parties;
  setup.nshared = 1;
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), MPROC_E_VALUE);
  assert_null(m);
}

/* ------------------------------------------------------------------------ */
/* Item 7: user-defined hosted types                                        */
/* ------------------------------------------------------------------------ */

/* args: a Counter proxy (made with 10), the address, the key. */
static int child_user_type(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *c, *pc = NULL;
  mproc_manager_t *m = NULL;
  mproc_value_t *v = NULL;
  const char *address;
  const void *key;
  size_t keylen;
  CHECK(nargs == 3 && mproc_value_as_proxy(&args[0], &c) == 0 &&
            mproc_value_as_str(&args[1], &address) == 0 &&
            mproc_value_as_bytes(&args[2], &key, &keylen) == 0,
        10);
  CHECK(strcmp(mproc_proxy_type_name(c), "Counter") == 0, 11);
  mproc_value_t five = mproc_int(5), x = mproc_str("x");
  CHECK(mproc_proxy_call(c, "add", &five, 1, &v) == 0 &&
            harness_owned_is(v, "15"),
        12);
  CHECK(mproc_proxy_call(c, "label", NULL, 0, &v) == 0 &&
            harness_owned_is(v, "'counter from 10'"),
        13);
  /* Not exposed, whether the table has it or not: CPython's message. */
  CHECK(mproc_proxy_call(c, "_reset", NULL, 0, &v) == MPROC_E_PERM && !v, 14);
  CHECK(harness_message_is("method '_reset' of 'Counter' object is not in "
                           "exposed=('add', 'value', 'label')"),
        15);
  CHECK(mproc_proxy_call(c, "nosuch", NULL, 0, NULL) == MPROC_E_PERM, 16);
  /* The method's own failure reaches the caller. */
  CHECK(mproc_proxy_call(c, "add", &x, 1, &v) == MPROC_E_TYPE && !v, 17);
  CHECK(mproc_proxy_call(c, "value", NULL, 0, &v) == 0 &&
            harness_owned_is(v, "15"),
        18);
  /* exposed=NULL: the public methods, as CPython's public_methods(). */
  CHECK(mproc_manager_connect(&m, address, key, keylen) == 0, 19);
  CHECK(mproc_manager_create(m, "PublicCounter", NULL, 0, &pc) == 0, 20);
  CHECK(mproc_proxy_call(pc, "add", &five, 1, &v) == 0 &&
            harness_owned_is(v, "5"),
        21);
  CHECK(mproc_proxy_call(pc, "_reset", NULL, 0, NULL) == MPROC_E_PERM, 22);
  CHECK(
      harness_message_is("method '_reset' of 'PublicCounter' object is not in "
                         "exposed=('add', 'value', 'label')"),
      23);
  mproc_proxy_destroy(pc);
  CHECK(mproc_manager_shutdown(m) == 0, 24);
  return 0;
}

/* Issue 15 item 7: a C type registered as a table of methods, created and
 * called through proxies from a child (the proxy crosses with its type's
 * name), and from a second program that never registered it. */
static void test_user_type(void **state) {
  mproc_manager_t *m = start_with(TEST_METHOD(state), shared_table, 4);
  mproc_proxy_t *c = NULL, *x = NULL, *q = NULL;
  mproc_value_t *v = NULL;
  mproc_value_t ten = mproc_int(10), bad = mproc_str("ten");
  assert_int_equal(mproc_manager_create(m, "Counter", &ten, 1, &c), 0);
  mproc_value_t args[3] = {mproc_obj(c), mproc_str(mproc_manager_address(m)),
                           mproc_bytes(KEY, sizeof KEY - 1)};
  harness_expect_exit(
      harness_start(child_user_type, args, 3, TEST_METHOD(state)), 0);
  assert_int_equal(mproc_proxy_call(c, "value", NULL, 0, &v), 0);
  assert_true(harness_owned_is(v, "15"));

  assert_int_equal(run_peer("user", mproc_manager_address(m)), 0);
  assert_int_equal(mproc_manager_get(m, "counter", &x), 0);
  assert_string_equal(mproc_proxy_type_name(x), "Counter");
  assert_int_equal(mproc_proxy_call(x, "value", NULL, 0, &v), 0);
  assert_true(harness_owned_is(v, "2"));
  mproc_proxy_destroy(x);

  assert_int_equal(mproc_manager_create(m, "Nope", NULL, 0, &x), MPROC_E_KEY);
  assert_true(
      harness_message_is("KeyError: 'Nope' (no such type registered in the "
                         "manager's program)"));
  assert_int_equal(mproc_manager_create(m, "Counter", &bad, 1, &x),
                   MPROC_E_TYPE);
  assert_null(x);
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  assert_int_equal(mproc_proxy_call(q, "add", NULL, 0, NULL), MPROC_E_TYPE);
  mproc_proxy_destroy(q);
  mproc_proxy_destroy(c);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

static void test_register_type_errors(void **state) {
  (void)state;
  mproc_manager_type_t other = counter_type; /* same name, another table */
  mproc_manager_type_t builtin = counter_type;
  builtin.name = "Queue";
  assert_int_equal(mproc_manager_register_type(&counter_type), 0);
  assert_int_equal(mproc_manager_register_type(&other), MPROC_E_STATE);
  assert_int_equal(mproc_manager_register_type(&builtin), MPROC_E_STATE);
  assert_int_equal(mproc_manager_register_type(NULL), MPROC_E_INVAL);
}

/* ------------------------------------------------------------------------ */
/* Item 8: initializer, pid, join                                           */
/* ------------------------------------------------------------------------ */

/* The server's initializer. args: a local queue, a number; puts the
 * server's pid and the number, or, for a negative number, fails with its
 * opposite as the exit code. */
static int server_init(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  int64_t n;
  if (nargs != 2 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_int(&args[1], &n) != 0)
    return 9;
  if (n < 0)
    return (int)-n;
  mproc_value_t item[2] = {mproc_int(mproc_getpid()), mproc_int(n)};
  return mproc_queue_put(q, item, 2, 60) == 0 ? 0 : 8;
}

static int not_registered(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  return 0;
}

/* Issue 15 item 8: CPython's start(initializer, initargs) runs in the
 * server before it serves; the server's pid; join() waits for its exit. */
static void test_initializer_pid_join(void **state) {
  mproc_queue_t *q = NULL;
  mproc_manager_t *m = NULL;
  mproc_value_t *got = NULL;
  size_t n = 0;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t initargs[2] = {mproc_obj(q), mproc_int(7)};
  mproc_manager_options_t o = {TEST_METHOD(state), NULL, NULL, 0};
  mproc_manager_setup_t setup = {NULL, 0, server_init, initargs, 2};
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), 0);
  int64_t pid = mproc_manager_pid(m);
  assert_true(pid > 0 && pid != mproc_getpid());
  assert_int_equal(mproc_queue_get(q, &got, &n, 60), 0);
  int64_t spid = 0, seven = 0;
  assert_int_equal(n, 2);
  assert_int_equal(mproc_value_as_int(&got[0], &spid), 0);
  assert_int_equal(mproc_value_as_int(&got[1], &seven), 0);
  mproc_values_free(got, n);
  assert_int_equal(spid, pid); /* it ran in the server */
  assert_int_equal(seven, 7);

  /* join(): the server runs until something ends it. */
  assert_int_equal(mproc_manager_join(m, 0.05), MPROC_E_TIMEOUT);
  assert_int_equal(harness_kill_pid(pid), 0);
  assert_int_equal(mproc_manager_join(m, 60), 0);
  assert_int_equal(mproc_manager_shutdown(m), 0);

  /* An initializer that fails ends the server: start says with what. */
  initargs[1] = mproc_int(-3);
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), MPROC_E_SPAWN);
  assert_non_null(strstr(mproc_last_error(), "exited with code 3"));
  setup.initializer = not_registered;
  assert_int_equal(mproc_manager_start_with(&m, &o, &setup), MPROC_E_INVAL);
  assert_null(m);
  mproc_queue_destroy(q);
}

/* A connected manager: its server is another program's. */
static void test_connected_pid_join(void **state) {
  mproc_manager_t *m = start_with(TEST_METHOD(state), NULL, 0), *c = NULL;
  assert_int_equal(
      mproc_manager_connect(&c, mproc_manager_address(m), KEY, sizeof KEY - 1),
      0);
  assert_int_equal(mproc_manager_pid(c), 0);
  assert_int_equal(mproc_manager_join(c, 0), MPROC_E_STATE);
  assert_int_equal(mproc_manager_shutdown(c), 0);
  assert_int_equal(mproc_manager_shutdown(m), 0);
  assert_int_equal(mproc_manager_pid(NULL), 0);
  assert_int_equal(mproc_manager_join(NULL, 0), MPROC_E_INVAL);
}

int main(int argc, char **argv) {
  mproc_manager_register_type(&counter_type);
  mproc_manager_register_type(&public_counter_type);
  mproc_register("by_name", child_by_name);
  mproc_register("user_type", child_user_type);
  mproc_register("server_init", server_init);
  mproc_boot(argc, argv);
  find_peer(argv[0]);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_second_program),
      cmocka_unit_test(test_shared_semantics),
      cmocka_unit_test(test_user_type),
      cmocka_unit_test(test_register_type_errors),
      cmocka_unit_test(test_initializer_pid_join),
      cmocka_unit_test(test_connected_pid_join),
  };
  return harness_run(argc, argv, "manager_names", tests,
                     sizeof tests / sizeof tests[0]);
}
