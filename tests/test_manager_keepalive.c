/* SPDX-License-Identifier: MIT */
/*
 * Managers over TCP: keepalive on every connection (issue 15 item 11), so
 * that a call to a manager whose machine vanished fails with
 * MPROC_E_CLOSED within idle + interval x count seconds. What a test can
 * see without dropping packets (which needs privileges and a network
 * namespace): the options on both ends of a connection, the settings'
 * range, and that a healthy connection waiting longer than the bound
 * survives its probes. White-box: it reads the sockets through the
 * transport's internal calls.
 */
#include "harness.h"

#include "internal.h"
#include "manager/manager.h"

#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#define WINDOWS 1
#else
#define WINDOWS 0
#endif

/* Set in main() before mproc_boot(), so that a spawned server has it too. */
#define IDLE 7
#define INTERVAL 3
#define COUNT 4

static bool keepalive_is(mproc__net_t *c, unsigned idle, unsigned interval,
                         unsigned count) {
  bool on = false;
  unsigned i = 0, iv = 0, n = 0;
  int rc = mproc__net_keepalive(c, &on, &i, &iv, &n);
  /* Windows keeps its own count (10) unless it has TCP_KEEPCNT. */
  bool ok = rc == 0 && on && i == idle && iv == interval &&
            (n == count || (WINDOWS && n == 10));
  if (!ok)
    fprintf(stderr, "keepalive: rc %d on %d idle %u interval %u count %u\n", rc,
            on, i, iv, n);
  return ok;
}

/* Both ends of a TCP connection (connect, and each kind of accept) have
 * the process's keepalive; a local connection has none to have. */
static void test_keepalive_both_ends(void **state) {
  (void)state;
  char address[MPROC__ADDR_MAX] = "127.0.0.1:0";
  mproc__listener_t *l = NULL;
  mproc__net_t *c = NULL, *s = NULL;
  assert_int_equal(mproc__tcp_pick_port(address, sizeof address), 0);
  assert_int_equal(mproc__listen(address, &l), 0);
  assert_int_equal(mproc__connect(address, &c), 0);
  assert_int_equal(mproc__accept(l, &s), 0);
  assert_true(keepalive_is(c, IDLE, INTERVAL, COUNT));
  assert_true(keepalive_is(s, IDLE, INTERVAL, COUNT));
  mproc__net_close(s);
  mproc__net_close(c);
  s = c = NULL;
  /* The handshake loop's accept. */
  assert_int_equal(mproc__connect(address, &c), 0);
  double give_up = harness_now() + 30;
  while (!s && harness_now() < give_up) {
    bool ready = false;
    mproc__net_poll(l, &ready, NULL, 0, mproc__now_ns() + 1000000000);
    assert_int_equal(mproc__accept_nowait(l, &s), 0);
  }
  assert_non_null(s);
  assert_true(keepalive_is(s, IDLE, INTERVAL, COUNT));
  mproc__net_close(s);
  mproc__net_close(c);
  mproc__listener_close(l);

  /* A local address: no keepalive to read. */
  char local[MPROC__ADDR_MAX];
  bool on;
  unsigned a, b, n;
  assert_int_equal(mproc__local_address(local, sizeof local), 0);
  assert_int_equal(mproc__listen(local, &l), 0);
  assert_int_equal(mproc__connect(local, &c), 0);
  assert_int_equal(mproc__net_keepalive(c, &on, &a, &b, &n), MPROC_E_NOTSUP);
  mproc__net_close(c);
  mproc__listener_close(l);
  mproc__address_cleanup(local);
}

/* A proxy's connections to a TCP manager have it (the client side of a
 * remote manager). */
static void test_keepalive_proxy(void **state) {
  static const char key[] = "keepalive key";
  mproc_manager_options_t o = {TEST_METHOD(state), "127.0.0.1:0", key,
                               sizeof key - 1};
  mproc_manager_t *m = NULL;
  mproc_proxy_t *q = NULL;
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  assert_int_equal(q->nidle, 1);
  assert_true(keepalive_is(q->idle[0].c, IDLE, INTERVAL, COUNT));
  mproc_proxy_destroy(q);
  assert_int_equal(mproc_manager_shutdown(m), 0);
}

/* A healthy connection outlives the bound: with a 1 s idle, 1 s interval
 * and one probe (a 2 s bound), a get that waits 3 s on an empty queue is
 * MPROC_E_EMPTY, not MPROC_E_CLOSED: the probes were answered. A
 * TCP_USER_TIMEOUT or probe setting that cut idle connections would fail
 * here. */
static void test_keepalive_long_wait(void **state) {
  static const char key[] = "keepalive key";
  mproc_manager_options_t o = {TEST_METHOD(state), "127.0.0.1:0", key,
                               sizeof key - 1};
  mproc_manager_t *m = NULL;
  mproc_proxy_t *q = NULL;
  mproc_value_t *v = NULL;
  assert_int_equal(mproc_manager_set_keepalive(1, 1, 1), 0);
  assert_int_equal(mproc_manager_start(&m, &o), 0);
  assert_int_equal(mproc_manager_queue(m, 0, &q), 0);
  assert_true(keepalive_is(q->idle[0].c, 1, 1, 1));
  double t0 = harness_now();
  assert_int_equal(mproc_proxy_queue_get(q, &v, 3.0), MPROC_E_EMPTY);
  assert_true(harness_now() - t0 >= 2.9);
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_proxy_queue_put(q, &one, 10), 0);
  mproc_proxy_destroy(q);
  assert_int_equal(mproc_manager_shutdown(m), 0);
  assert_int_equal(mproc_manager_set_keepalive(IDLE, INTERVAL, COUNT), 0);
}

static void test_keepalive_range(void **state) {
  (void)state;
  assert_int_equal(mproc_manager_set_keepalive(0, 1, 1), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_set_keepalive(1, 0, 1), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_set_keepalive(1, 1, 0), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_set_keepalive(32768, 1, 1), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_set_keepalive(1, 1, 128), MPROC_E_VALUE);
  assert_int_equal(mproc_manager_set_keepalive(IDLE, INTERVAL, COUNT), 0);
}

int main(int argc, char **argv) {
  mproc_manager_set_keepalive(IDLE, INTERVAL, COUNT);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keepalive_both_ends),
      cmocka_unit_test(test_keepalive_proxy),
      cmocka_unit_test(test_keepalive_long_wait),
      cmocka_unit_test(test_keepalive_range),
  };
  return harness_run(argc, argv, "manager_keepalive", tests,
                     sizeof tests / sizeof tests[0]);
}
