/* SPDX-License-Identifier: MIT */
/*
 * The manager's handshake against CPython's, both kinds (src/auth.c):
 * 3.12+ ({sha256} challenges, HMAC-SHA256) and 3.8-3.11 (20-byte
 * challenges, raw HMAC-MD5), mproc as server and as client.
 *
 * vectors: exchanges recorded from CPython's own deliver_challenge() and
 * answer_challenge() (tests/vectors/handshake_vectors.h, written by
 * gen_handshake.py) replayed against mproc's server machine and client
 * functions, so that both kinds are tested on every machine, Windows
 * included (recorded from CPython 3.8, 3.11, 3.12 and 3.13). python: a
 * live python3 (Debian 12's is 3.11: the legacy kind; every python3.X
 * found in the full size) as a client of an mproc manager and as a server
 * an mproc client connects to, with the right key and a wrong one;
 * skipped, with the reason printed, when absent.
 */
#include "harness.h"

#include "auth.h"
#include "manager/manager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors/handshake_vectors.h"

#define NVECTORS (sizeof hs_vectors / sizeof hs_vectors[0])

/* Feeds one frame (header, payload) to the server machine: its return. */
static int server_feed(mproc__auth_server_t *s, const uint8_t *p, size_t n) {
  uint8_t buf[4 + MPROC__AUTH_MSG_MAX];
  assert_true(n <= MPROC__AUTH_MSG_MAX);
  buf[0] = buf[1] = 0;
  buf[2] = (uint8_t)(n >> 8);
  buf[3] = (uint8_t)n;
  memcpy(buf + 4, p, n);
  size_t off = 0;
  int rc = 0;
  while (off < n + 4 && rc == 0) {
    uint8_t *in;
    size_t want = mproc__auth_server_input(s, &in);
    assert_true(want > 0);
    if (want > n + 4 - off)
      want = n + 4 - off;
    memcpy(in, buf + off, want);
    off += want;
    rc = mproc__auth_server_received(s, want);
  }
  return rc;
}

/* The machine's next frame must be @p p: then it is reported sent. */
static int server_expect(mproc__auth_server_t *s, const void *p, size_t n) {
  const uint8_t *out;
  size_t k = mproc__auth_server_output(s, &out);
  assert_int_equal(k, n + 4);
  assert_int_equal(((size_t)out[2] << 8 | out[3]), n);
  assert_memory_equal(out + 4, p, n);
  return mproc__auth_server_sent(s, k);
}

static void test_vectors(void **state) {
  (void)state;
  uint8_t c1[MPROC__AUTH_CHALLENGE_LEN];
  memcpy(c1, "#CHALLENGE#{sha256}", 19);
  memcpy(c1 + 19, hs_nonce_s, sizeof hs_nonce_s);
  uint8_t wrong[32];
  memcpy(wrong, hs_key, sizeof wrong);
  wrong[0] ^= 1;
  int legacy = 0, modern = 0;
  for (size_t i = 0; i < NVECTORS; i++) {
    const hs_vector_t *v = &hs_vectors[i];
    print_message("%s\n", v->name);
    legacy += v->r1n == MPROC__AUTH_LEGACY_RESPONSE_LEN;
    modern += v->r1n == MPROC__AUTH_RESPONSE_LEN;
    /* A CPython client on mproc's server: it answers our challenge (3.11
     * in MD5), we welcome it, it challenges us (3.11 with 20 bytes), we
     * answer as that Python would, it welcomes us. */
    mproc__auth_server_t s;
    assert_int_equal(
        mproc__auth_server_begin(&s, hs_key, sizeof hs_key, hs_nonce_s), 0);
    assert_int_equal(server_expect(&s, c1, sizeof c1), 0);
    assert_int_equal(server_feed(&s, v->r1, v->r1n), 0);
    assert_int_equal(server_expect(&s, "#WELCOME#", 9), 0);
    assert_int_equal(server_feed(&s, v->c2, v->c2n), 0);
    assert_int_equal(server_expect(&s, v->a2, v->a2n), 0);
    assert_int_equal(server_feed(&s, (const uint8_t *)"#WELCOME#", 9), 1);
    /* The same answer from a client with another key: refused. */
    assert_int_equal(
        mproc__auth_server_begin(&s, wrong, sizeof wrong, hs_nonce_s), 0);
    assert_int_equal(server_expect(&s, c1, sizeof c1), 0);
    assert_int_equal(server_feed(&s, v->r1, v->r1n), 0);
    assert_int_equal(server_expect(&s, "#FAILURE#", 9), MPROC_E_PERM);

    /* mproc's client on a CPython server: we answer its challenge as that
     * Python would, and accept its answer to ours. */
    uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
    size_t rlen = 0;
    assert_int_equal(mproc__auth_challenge_answer(v->c3, v->c3n, hs_key,
                                                  sizeof hs_key, resp, &rlen),
                     0);
    assert_int_equal(rlen, v->a3n);
    assert_memory_equal(resp, v->a3, rlen);
    uint8_t c4[MPROC__AUTH_CHALLENGE_LEN];
    mproc__auth_expect_t expect;
    assert_int_equal(mproc__auth_challenge_make(hs_key, sizeof hs_key,
                                                hs_nonce_c, c4, &expect),
                     0);
    assert_true(mproc__auth_response_ok(v->a4, v->a4n, &expect));
    assert_int_equal(mproc__auth_challenge_make(wrong, sizeof wrong, hs_nonce_c,
                                                c4, &expect),
                     0);
    assert_false(mproc__auth_response_ok(v->a4, v->a4n, &expect));
  }
  /* Both kinds are in the vectors. */
  assert_true(legacy > 0 && modern > 0);
}

/* ------------------------------------------------------------------------ */
/* A live Python                                                            */
/* ------------------------------------------------------------------------ */

/* The Python side: a client of the manager at argv[1] (the right key, then
 * a wrong one), then a server at argv[2] for two clients (the right key,
 * then a wrong one). Exit 0 when everything went as expected. */
static const char py_script[] =
    "import sys\n"
    "from multiprocessing import AuthenticationError\n"
    "from multiprocessing.connection import Client, Listener\n"
    "mgr, addr, key = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])\n"
    "Client(mgr, authkey=key).close()\n"
    "try:\n"
    "    Client(mgr, authkey=b'wrong key')\n"
    "    sys.exit('a wrong key was let in by mproc')\n"
    "except AuthenticationError:\n"
    "    pass\n"
    "with Listener(addr, authkey=key) as l:\n"
    "    l.accept().close()\n"
    "    try:\n"
    "        l.accept()\n"
    "        sys.exit('mproc got in with a wrong key')\n"
    "    except AuthenticationError:\n"
    "        pass\n"
    "print(sys.version.split()[0], 'ok')\n";

static void run_python(const char *python, mproc_start_method_t method) {
  /* Not a char[16] filled by a 16-character literal: MSVC and newer gcc
   * warn that the NUL does not fit. */
  static const uint8_t key[16] = {'i', 'n', 't', 'e', 'r', 'o', 'p', ' ',
                                  'k', 'e', 'y', ' ', '0', '1', '2', '3'};
  char script[512], addr[MPROC__ADDR_MAX], hex[2 * sizeof key + 1];
  harness_tmpfile(script, sizeof script, "py");
  FILE *f = fopen(script, "w");
  assert_non_null(f);
  assert_int_equal(fputs(py_script, f) >= 0, 1);
  assert_int_equal(fclose(f), 0);
  for (size_t i = 0; i < sizeof key; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  mproc_manager_options_t o = {method, NULL, key, sizeof key};
  mproc_manager_t *mgr = NULL;
  assert_int_equal(mproc_manager_start(&mgr, &o), 0);
  assert_int_equal(mproc__local_address(addr, sizeof addr), 0);
  harness_command_t r;
  snprintf(r.cmd, sizeof r.cmd, "%s %s %s %s %s", python, script,
           mproc_manager_address(mgr), addr, hex);
  r.status = -1;
  harness_thread_t *t = harness_thread_start(harness_command_main, &r);
  /* Python listens once it is done with the manager: until then a connect
   * finds no one there. */
  mproc__net_t *c = NULL;
  int rc = MPROC_E_CLOSED;
  double deadline = harness_now() + 50;
  while (harness_now() < deadline) {
    rc = mproc__mclient_open(addr, key, sizeof key, &c);
    if (rc != MPROC_E_CLOSED && rc != MPROC_E_NOTFOUND)
      break;
    harness_sleep(0.02);
  }
  assert_int_equal(rc, 0);
  mproc__net_close(c);
  uint8_t wrong[sizeof key];
  memcpy(wrong, key, sizeof key);
  wrong[0] ^= 1;
  assert_int_equal(mproc__mclient_open(addr, wrong, sizeof wrong, &c),
                   MPROC_E_PERM);
  harness_thread_join(t);
  assert_int_equal(r.status, 0);
  mproc__address_cleanup(addr);
  remove(script);
  assert_int_equal(mproc_manager_shutdown(mgr), 0);
}

/* CI size: python3 (Debian 12's is 3.11, the legacy kind; the recorded
 * vectors cover the rest); full size (MPROC_TEST_FULL=1): every python3.X
 * on the PATH too, each skipped with a note when absent. */
static void test_python(void **state) {
  static const char *const pythons[] = {
      "python3.8",  "python3.9",  "python3.10", "python3.11",
      "python3.12", "python3.13", "python3.14"};
  static int have_python3 = -1; /* probed once: a pyenv shim costs 1 s */
  char cmd[64];
  if (have_python3 < 0)
    have_python3 = system("python3 -c pass") == 0;
  if (!have_python3)
    print_message("python3 not found: the live handshake is skipped (the "
                  "recorded vectors still ran)\n");
  else
    run_python("python3", TEST_METHOD(state));
  const char *full = getenv("MPROC_TEST_FULL");
  if (!full || strcmp(full, "1") != 0)
    return;
  for (size_t i = 0; i < sizeof pythons / sizeof pythons[0]; i++) {
    snprintf(cmd, sizeof cmd, "%s -c pass", pythons[i]);
    if (system(cmd) != 0) {
      print_message("%s not found: skipped\n", pythons[i]);
      continue;
    }
    print_message("%s:\n", pythons[i]);
    run_python(pythons[i], TEST_METHOD(state));
  }
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vectors),
      cmocka_unit_test(test_python),
  };
  return harness_run(argc, argv, "handshake", tests,
                     sizeof tests / sizeof tests[0]);
}
