/* SPDX-License-Identifier: MIT */
/*
 * A second program for tests/test_manager_names.c: not a child of the
 * test's processes in mproc's sense (no start record, no inherited key),
 * it reaches a running manager with only the address and the key given on
 * its command line, as another program on another machine would
 * (CPython's BaseManager(address, authkey).connect() and then
 * manager.get_queue()).
 *
 *   manager_peer names ADDRESS KEYHEX   the shared-by-name steps
 *   manager_peer user ADDRESS KEYHEX    a user-defined type's steps (the
 *                                        type is registered in the server's
 *                                        program only)
 *
 * Exits 0, or the number of the step that failed (printed with the
 * library's message).
 */
#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEP(cond, code)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "manager_peer: step %d (%s) failed: %s\n", (code),       \
              #cond, mproc_last_error());                                      \
      return (code);                                                           \
    }                                                                          \
  } while (0)

static bool repr_is(mproc_value_t *v, const char *want) {
  char *r = v ? mproc_value_repr(v) : NULL;
  bool ok = r && strcmp(r, want) == 0;
  if (!ok)
    fprintf(stderr, "manager_peer: got %s, want %s\n", r ? r : "(null)", want);
  mproc_free(r);
  mproc_values_free(v, v ? 1 : 0);
  return ok;
}

static bool message_is(const char *want) {
  bool ok = strcmp(mproc_last_error(), want) == 0;
  if (!ok)
    fprintf(stderr, "manager_peer: message \"%s\", want \"%s\"\n",
            mproc_last_error(), want);
  return ok;
}

static int names(mproc_manager_t *m) {
  mproc_proxy_t *in = NULL, *out = NULL, *d1 = NULL, *d2 = NULL, *x = NULL;
  mproc_value_t *v = NULL;
  size_t n = 9;
  STEP(mproc_manager_get(m, "inbox", &in) == 0, 20);
  STEP(strcmp(mproc_proxy_type_name(in), "Queue") == 0, 21);
  STEP(mproc_proxy_queue_get(in, &v, 60) == 0 && repr_is(v, "'ping'"), 22);
  STEP(mproc_manager_get(m, "outbox", &out) == 0, 23);
  mproc_value_t pong = mproc_str("pong from the peer");
  STEP(mproc_proxy_queue_put(out, &pong, 60) == 0, 24);
  /* An unknown name: CPython's KeyError from Server.create(). */
  STEP(mproc_manager_get(m, "no_such", &x) == MPROC_E_KEY && !x, 25);
  STEP(message_is("KeyError: 'no_such'"), 26);
  /* A per-call entry: each get makes a new dict. */
  mproc_value_t k = mproc_str("k"), one = mproc_int(1);
  STEP(mproc_manager_get(m, "fresh", &d1) == 0, 27);
  STEP(mproc_proxy_dict_set(d1, &k, &one) == 0, 28);
  STEP(mproc_manager_get(m, "fresh", &d2) == 0, 29);
  STEP(mproc_proxy_dict_len(d2, &n) == 0 && n == 0, 30);
  mproc_proxy_destroy(d1);
  mproc_proxy_destroy(d2);
  mproc_proxy_destroy(in);
  mproc_proxy_destroy(out);
  return 0;
}

static int user(mproc_manager_t *m) {
  mproc_proxy_t *c = NULL, *x = NULL;
  mproc_value_t *v = NULL;
  mproc_value_t start = mproc_int(40), two = mproc_int(2);
  STEP(mproc_manager_create(m, "Counter", &start, 1, &c) == 0, 40);
  STEP(strcmp(mproc_proxy_type_name(c), "Counter") == 0, 41);
  STEP(mproc_proxy_call(c, "add", &two, 1, &v) == 0 && repr_is(v, "42"), 42);
  STEP(mproc_proxy_call(c, "_reset", NULL, 0, &v) == MPROC_E_PERM && !v, 43);
  STEP(message_is("method '_reset' of 'Counter' object is not in "
                  "exposed=('add', 'value', 'label')"),
       44);
  STEP(mproc_manager_create(m, "NoSuchType", NULL, 0, &x) == MPROC_E_KEY, 45);
  /* The shared one the test reads after this program exits. */
  STEP(mproc_manager_get(m, "counter", &x) == 0, 46);
  STEP(mproc_proxy_call(x, "add", &two, 1, NULL) == 0, 47);
  mproc_proxy_destroy(x);
  mproc_proxy_destroy(c);
  return 0;
}

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  return -1;
}

int main(int argc, char **argv) {
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen = 0;
  mproc_manager_t *m = NULL;
  mproc_boot(argc, argv);
  if (argc != 4) {
    fprintf(stderr, "usage: manager_peer names|user ADDRESS KEYHEX\n");
    return 2;
  }
  const char *hex = argv[3];
  size_t hl = strlen(hex);
  if (hl % 2 || hl / 2 > sizeof key)
    return 3;
  for (size_t i = 0; i < hl / 2; i++) {
    int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return 3;
    key[keylen++] = (uint8_t)(hi * 16 + lo);
  }
  STEP(mproc_manager_connect(&m, argv[2], key, keylen) == 0, 10);
  int rc = strcmp(argv[1], "names") == 0  ? names(m)
           : strcmp(argv[1], "user") == 0 ? user(m)
                                          : 4;
  STEP(mproc_manager_shutdown(m) == 0, 11);
  return rc;
}
