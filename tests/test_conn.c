/* SPDX-License-Identifier: MIT */
/*
 * Pipe and Connection across processes, connections passed through queues
 * and connections, and wait(), under every start method.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(uint8_t *p, size_t n, uint32_t seed) {
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    p[i] = (uint8_t)(x >> 16);
  }
}

/* args: connection. Echoes: a value item (int i, str s) comes back as
 * (i + 1, s); raw bytes come back as they are. Ends at end of file. */
static int child_echo(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *c;
  if (nargs != 1 || mproc_value_as_connection(&args[0], &c) != 0)
    return 10;
  for (;;) {
    void *data;
    size_t len;
    int rc = mproc_connection_recv_bytes(c, &data, &len);
    if (rc == MPROC_E_CLOSED)
      return 0;
    if (rc != 0)
      return 11;
    mproc_value_t *v;
    size_t n;
    if (len >= 4 && memcmp(data, "MPV\x01", 4) == 0 &&
        mproc_decode(data, len, &v, &n) == 0) {
      int64_t i;
      const char *s;
      if (n != 2 || mproc_value_as_int(&v[0], &i) != 0 ||
          mproc_value_as_str(&v[1], &s) != 0)
        return 12;
      mproc_value_t out[2] = {mproc_int(i + 1), mproc_str(s)};
      rc = mproc_connection_send(c, out, 2);
      mproc_values_free(v, n);
    } else {
      rc = mproc_connection_send_bytes(c, data, len);
    }
    mproc_free(data);
    if (rc != 0)
      return 13;
  }
}

static void test_duplex_echo(void **state) {
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  mproc_value_t arg = mproc_obj(b);
  mproc_process_t *p = harness_start(child_echo, &arg, 1, TEST_METHOD(state));
  assert_int_equal(mproc_connection_close(b), 0); /* the child has it */
  mproc_value_t item[2] = {mproc_int(41), mproc_str("hello")};
  assert_int_equal(mproc_connection_send(a, item, 2), 0);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(a, &v, &n), 0);
  assert_int_equal(n, 2);
  assert_int_equal(v[0].u.i, 42);
  assert_string_equal(v[1].u.s, "hello");
  mproc_values_free(v, n);
  static const size_t sizes[] = {0, 1, 4095, 4096, 4097, 100000, 4u << 20};
  uint8_t *want = malloc(4u << 20);
  assert_non_null(want);
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    fill(want, sizes[i], (uint32_t)i);
    assert_int_equal(mproc_connection_send_bytes(a, want, sizes[i]), 0);
    void *got;
    size_t len;
    assert_int_equal(mproc_connection_recv_bytes(a, &got, &len), 0);
    assert_int_equal(len, sizes[i]);
    if (len)
      assert_memory_equal(got, want, len);
    mproc_free(got);
  }
  free(want);
  /* Closing our end ends the child's loop (end of file). */
  assert_int_equal(mproc_connection_close(a), 0);
  harness_expect_exit(p, 0);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

/* args: write-only connection, count. Sends 0..count-1. */
static int child_writer(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *w;
  int64_t count;
  if (nargs != 2 || mproc_value_as_connection(&args[0], &w) != 0 ||
      mproc_value_as_int(&args[1], &count) != 0)
    return 20;
  mproc_value_t *v;
  size_t n;
  if (mproc_connection_recv(w, &v, &n) != MPROC_E_STATE)
    return 21;
  for (int64_t i = 0; i < count; i++) {
    mproc_value_t x = mproc_int(i);
    if (mproc_connection_send(w, &x, 1) != 0)
      return 22;
  }
  return 0;
}

static void test_one_way_and_poll(void **state) {
  mproc_connection_t *r, *w;
  assert_int_equal(mproc_pipe(&r, &w, false), 0);
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_connection_send(r, &one, 1), MPROC_E_STATE);
  assert_int_equal(mproc_connection_poll(w, 0), MPROC_E_STATE);
  assert_int_equal(mproc_connection_poll(r, 0), 0);
  double t0 = harness_now();
  assert_int_equal(mproc_connection_poll(r, 0.2), 0);
  assert_true(harness_now() - t0 >= 0.15);
  assert_int_equal(mproc_connection_poll(r, -3), MPROC_E_INVAL);
  mproc_value_t args[2] = {mproc_obj(w), mproc_int(1000)};
  mproc_process_t *p = harness_start(child_writer, args, 2, TEST_METHOD(state));
  assert_int_equal(mproc_connection_close(w), 0);
  assert_int_equal(mproc_connection_poll(r, 60), 1);
  for (int64_t i = 0; i < 1000; i++) {
    mproc_value_t *v;
    size_t n;
    assert_int_equal(mproc_connection_recv(r, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].u.i, i);
    mproc_values_free(v, n);
  }
  harness_expect_exit(p, 0);
  /* The writer exited: poll says ready (end of file), recv says closed. */
  assert_int_equal(mproc_connection_poll(r, 60), 1);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(r, &v, &n), MPROC_E_CLOSED);
  mproc_connection_destroy(r);
  mproc_connection_destroy(w);
}

/* ------------------------------------------------------------------------ */
/* recv_bytes_into; readable, writable, closed                              */
/* ------------------------------------------------------------------------ */

/* Sends @p len bytes to the echo child and receives them back into
 * @p buf (@p size bytes) at @p offset. */
static int echo_into(mproc_connection_t *a, const void *msg, size_t len,
                     void *buf, size_t size, size_t offset, size_t *got,
                     void **whole) {
  assert_int_equal(mproc_connection_send_bytes(a, msg, len), 0);
  return mproc_connection_recv_bytes_into(a, buf, size, offset, got, whole);
}

/* CPython's test_connection: into an int array, at an offset, and a
 * BufferTooShort that carries the whole message; and messages that go
 * straight to the caller's buffer (large) or through the read-ahead. */
static void test_recv_bytes_into(void **state) {
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  mproc_value_t arg = mproc_obj(b);
  mproc_process_t *p = harness_start(child_echo, &arg, 1, TEST_METHOD(state));
  assert_int_equal(mproc_connection_close(b), 0);

  const int32_t arr[5] = {1, 2, 3, 4, 5};
  int32_t buf[10] = {0};
  size_t got = 99;
  void *whole = (void *)1;
  assert_int_equal(
      echo_into(a, arr, sizeof arr, buf, sizeof buf, 0, &got, &whole), 0);
  assert_int_equal(got, sizeof arr);
  assert_null(whole);
  const int32_t want0[10] = {1, 2, 3, 4, 5, 0, 0, 0, 0, 0};
  assert_memory_equal(buf, want0, sizeof buf);

  memset(buf, 0, sizeof buf);
  assert_int_equal(echo_into(a, arr, sizeof arr, buf, sizeof buf,
                             3 * sizeof buf[0], &got, &whole),
                   0);
  assert_int_equal(got, sizeof arr);
  const int32_t want3[10] = {0, 0, 0, 1, 2, 3, 4, 5, 0, 0};
  assert_memory_equal(buf, want3, sizeof buf);
  /* An exact fit at the end. */
  assert_int_equal(echo_into(a, arr, sizeof arr, buf, sizeof buf,
                             5 * sizeof buf[0], &got, NULL),
                   0);
  const int32_t want5[10] = {0, 0, 0, 1, 2, 1, 2, 3, 4, 5};
  assert_memory_equal(buf, want5, sizeof buf);

  /* Too short: consumed, handed over whole, the buffer untouched. */
  char longmsg[100], small[40];
  fill((uint8_t *)longmsg, sizeof longmsg, 7);
  memset(small, ' ', sizeof small);
  assert_int_equal(echo_into(a, longmsg, sizeof longmsg, small, sizeof small, 0,
                             &got, &whole),
                   MPROC_E_TOOBIG);
  assert_non_null(strstr(mproc_last_error(), "BufferTooShort"));
  assert_int_equal(got, sizeof longmsg);
  assert_non_null(whole);
  assert_memory_equal(whole, longmsg, sizeof longmsg);
  mproc_free(whole);
  for (size_t i = 0; i < sizeof small; i++)
    assert_int_equal(small[i], ' ');
  /* ... and the next message is the next one: nothing was left behind. */
  assert_int_equal(
      echo_into(a, "next", 4, small, sizeof small, 0, &got, &whole), 0);
  assert_int_equal(got, 4);
  assert_memory_equal(small, "next", 4);
  /* Without a place for it, a message that does not fit is dropped. */
  assert_int_equal(
      echo_into(a, longmsg, sizeof longmsg, small, 10, 0, &got, NULL),
      MPROC_E_TOOBIG);
  assert_int_equal(got, sizeof longmsg);
  /* An offset past the end receives nothing (CPython checks it first). */
  assert_int_equal(mproc_connection_send_bytes(a, "kept", 4), 0);
  assert_int_equal(
      mproc_connection_recv_bytes_into(a, small, 10, 11, &got, &whole),
      MPROC_E_VALUE);
  assert_string_equal(mproc_last_error(), "offset too large");
  assert_null(whole);
  assert_int_equal(
      mproc_connection_recv_bytes_into(a, small, 10, 10, &got, &whole),
      MPROC_E_TOOBIG); /* offset == size: room for nothing but "" */
  assert_int_equal(got, 4);
  assert_memory_equal(whole, "kept", 4);
  mproc_free(whole);
  assert_int_equal(echo_into(a, "", 0, small, 10, 10, &got, &whole), 0);
  assert_int_equal(got, 0);
  assert_int_equal(echo_into(a, "", 0, NULL, 0, 0, &got, &whole), 0);

  /* Large messages: straight into the buffer, or too short by a byte. */
  size_t big = (size_t)4 << 20;
  uint8_t *msg = malloc(big), *into = malloc(big + 8);
  assert_non_null(msg);
  assert_non_null(into);
  fill(msg, big, 3);
  assert_int_equal(echo_into(a, msg, big, into, big + 8, 8, &got, &whole), 0);
  assert_int_equal(got, big);
  assert_memory_equal(into + 8, msg, big);
  assert_int_equal(echo_into(a, msg, big, into, big + 8, 9, &got, &whole),
                   MPROC_E_TOOBIG);
  assert_int_equal(got, big);
  assert_memory_equal(whole, msg, big);
  mproc_free(whole);
  free(msg);
  free(into);

  /* A value item arrives as its encoding, as with recv_bytes. */
  mproc_value_t item[2] = {mproc_int(1), mproc_str("x")};
  assert_int_equal(mproc_connection_send(a, item, 2), 0);
  uint8_t enc[256];
  assert_int_equal(
      mproc_connection_recv_bytes_into(a, enc, sizeof enc, 0, &got, &whole), 0);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_decode(enc, got, &v, &n), 0);
  assert_int_equal(n, 2);
  assert_int_equal(v[0].u.i, 2); /* the echo child added one */
  mproc_values_free(v, n);

  /* Bad input. */
  assert_int_equal(
      mproc_connection_recv_bytes_into(a, NULL, 4, 0, &got, &whole),
      MPROC_E_INVAL);
  assert_int_equal(mproc_connection_recv_bytes_into(a, enc, 4, 0, NULL, NULL),
                   MPROC_E_INVAL);
  assert_int_equal(
      mproc_connection_recv_bytes_into(NULL, enc, 4, 0, &got, &whole),
      MPROC_E_INVAL);

  assert_int_equal(mproc_connection_close(a), 0);
  harness_expect_exit(p, 0);
  assert_int_equal(mproc_connection_recv_bytes_into(a, enc, 4, 0, &got, &whole),
                   MPROC_E_CLOSED);
  assert_null(whole);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

/* args: reading end, writing end, (fork only) an end not given. Reports
 * what the ends say in the child, through the exit code. */
static int child_ends(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *r, *w;
  CHECK(nargs == 2 && mproc_value_as_connection(&args[0], &r) == 0 &&
            mproc_value_as_connection(&args[1], &w) == 0,
        10);
  CHECK(mproc_connection_readable(r) == 1 && mproc_connection_writable(r) == 0,
        11);
  CHECK(mproc_connection_readable(w) == 0 && mproc_connection_writable(w) == 1,
        12);
  CHECK(mproc_connection_closed(r) == 0 && mproc_connection_closed(w) == 0, 13);
  size_t got;
  char c;
  CHECK(mproc_connection_recv_bytes_into(w, &c, 1, 0, &got, NULL) ==
            MPROC_E_STATE,
        14);
  CHECK(mproc_connection_close(r) == 0, 15);
  CHECK(mproc_connection_closed(r) == 1 && mproc_connection_readable(r) == 1,
        16);
  return 0;
}

/* A connection a fork child is not given: closed in the child as it
 * starts, so that it holds what a spawn child would. */
static mproc_connection_t *g_not_given;

static int child_not_given(const mproc_value_t *args, size_t nargs) {
  (void)args;
  (void)nargs;
  CHECK(mproc_connection_closed(g_not_given) == 1, 10);
  CHECK(mproc_connection_readable(g_not_given) == 1, 11);
  return 0;
}

/* CPython's readable, writable, closed (test_duplex_false): a one-way
 * pipe's ends, a duplex end, before and after close, here and in a
 * child. */
static void test_readable_writable_closed(void **state) {
  mproc_connection_t *r, *w, *a, *b;
  assert_int_equal(mproc_pipe(&r, &w, false), 0);
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  assert_int_equal(mproc_connection_readable(r), 1);
  assert_int_equal(mproc_connection_writable(r), 0);
  assert_int_equal(mproc_connection_readable(w), 0);
  assert_int_equal(mproc_connection_writable(w), 1);
  assert_int_equal(mproc_connection_readable(a), 1);
  assert_int_equal(mproc_connection_writable(a), 1);
  assert_int_equal(mproc_connection_closed(r), 0);
  mproc_value_t args[2] = {mproc_obj(r), mproc_obj(w)};
  harness_expect_exit(harness_start(child_ends, args, 2, TEST_METHOD(state)),
                      0);
  /* The child's close was of its own copy. */
  assert_int_equal(mproc_connection_closed(r), 0);
  if (TEST_METHOD(state) == MPROC_START_FORK) {
    g_not_given = a;
    harness_expect_exit(
        harness_start(child_not_given, NULL, 0, MPROC_START_FORK), 0);
  }
  assert_int_equal(mproc_connection_close(a), 0);
  assert_int_equal(mproc_connection_closed(a), 1);
  assert_int_equal(mproc_connection_readable(a), 1); /* as CPython's */
  assert_int_equal(mproc_connection_writable(a), 1);
  assert_int_equal(mproc_connection_closed(b), 0);
  assert_int_equal(mproc_connection_closed(NULL), MPROC_E_INVAL);
  mproc_lock_t *l;
  assert_int_equal(mproc_lock_create(&l), 0);
  assert_int_equal(mproc_connection_readable((mproc_connection_t *)(void *)l),
                   MPROC_E_TYPE);
  mproc_lock_destroy(l);
  mproc_connection_destroy(r);
  mproc_connection_destroy(w);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

/* args: connection. Blocks in recv until killed. */
static int child_block(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *c;
  if (nargs != 1 || mproc_value_as_connection(&args[0], &c) != 0)
    return 30;
  mproc_value_t *v;
  size_t n;
  mproc_connection_recv(c, &v, &n);
  return 31;
}

static void test_eof_on_peer_death(void **state) {
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  mproc_value_t arg = mproc_obj(b);
  mproc_process_t *p = harness_start(child_block, &arg, 1, TEST_METHOD(state));
  assert_int_equal(mproc_connection_close(b), 0);
  assert_int_equal(mproc_process_kill(p), 0);
  harness_expect_exit(p, -MPROC_SIGKILL);
  assert_int_equal(mproc_connection_poll(a, 60), 1);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(a, &v, &n), MPROC_E_CLOSED);
  mproc_value_t one = mproc_int(1);
  assert_int_equal(mproc_connection_send(a, &one, 1), MPROC_E_CLOSED);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

/* ------------------------------------------------------------------------ */
/* Connections passed through a queue and through a connection              */
/* ------------------------------------------------------------------------ */

/* args: queue, connection. Gets a connection from the queue and one from
 * the connection, and says hello on each. */
static int child_receive_conns(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  mproc_connection_t *c, *viaq, *viac;
  if (nargs != 2 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_connection(&args[1], &c) != 0)
    return 40;
  mproc_value_t *v1, *v2;
  size_t n1, n2;
  if (mproc_queue_get(q, &v1, &n1, 60) != 0 || n1 != 1 ||
      mproc_value_as_connection(&v1[0], &viaq) != 0)
    return 41;
  if (mproc_connection_recv(c, &v2, &n2) != 0 || n2 != 1 ||
      mproc_value_as_connection(&v2[0], &viac) != 0)
    return 42;
  mproc_value_t hello = mproc_str("via queue");
  if (mproc_connection_send(viaq, &hello, 1) != 0)
    return 43;
  hello = mproc_str("via connection");
  if (mproc_connection_send(viac, &hello, 1) != 0)
    return 44;
  mproc_values_free(v1, n1);
  mproc_values_free(v2, n2);
  return 0;
}

static void expect_str(mproc_connection_t *c, const char *s) {
  assert_int_equal(mproc_connection_poll(c, 60), 1);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(c, &v, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(v[0].u.s, s);
  mproc_values_free(v, n);
}

static void test_connection_through_queue(void **state) {
  mproc_queue_t *q;
  mproc_connection_t *ctl_a, *ctl_b, *q_r, *q_w, *c_r, *c_w;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_pipe(&ctl_a, &ctl_b, true), 0);
  assert_int_equal(mproc_pipe(&q_r, &q_w, false), 0);
  assert_int_equal(mproc_pipe(&c_r, &c_w, false), 0);
  mproc_value_t args[2] = {mproc_obj(q), mproc_obj(ctl_b)};
  mproc_process_t *p =
      harness_start(child_receive_conns, args, 2, TEST_METHOD(state));
  mproc_value_t x = mproc_obj(q_w);
  assert_int_equal(mproc_queue_put(q, &x, 1, 0), 0);
  x = mproc_obj(c_w);
  assert_int_equal(mproc_connection_send(ctl_a, &x, 1), 0);
  expect_str(q_r, "via queue");
  expect_str(c_r, "via connection");
  harness_expect_exit(p, 0);
  /* A connection received in the same process works too. */
  x = mproc_obj(q_w);
  assert_int_equal(mproc_queue_put(q, &x, 1, 0), 0);
  mproc_value_t *v;
  size_t n;
  mproc_connection_t *again;
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), 0);
  assert_int_equal(mproc_value_as_connection(&v[0], &again), 0);
  mproc_value_t hi = mproc_str("again");
  assert_int_equal(mproc_connection_send(again, &hi, 1), 0);
  expect_str(q_r, "again");
  mproc_values_free(v, n);
  mproc_connection_destroy(ctl_a);
  mproc_connection_destroy(ctl_b);
  mproc_connection_destroy(q_r);
  mproc_connection_destroy(q_w);
  mproc_connection_destroy(c_r);
  mproc_connection_destroy(c_w);
  mproc_queue_destroy(q);
}

/* ------------------------------------------------------------------------ */
/* wait()                                                                   */
/* ------------------------------------------------------------------------ */

/* args: connection, queue. Waits for a message, puts it in the queue, then
 * waits for end of file and exits. */
static int child_relay(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *c;
  mproc_queue_t *q;
  if (nargs != 2 || mproc_value_as_connection(&args[0], &c) != 0 ||
      mproc_value_as_queue(&args[1], &q) != 0)
    return 50;
  mproc_value_t *v;
  size_t n;
  if (mproc_connection_recv(c, &v, &n) != 0)
    return 51;
  if (mproc_queue_put(q, v, n, 60) != 0)
    return 52;
  mproc_values_free(v, n);
  return mproc_connection_recv(c, &v, &n) == MPROC_E_CLOSED ? 0 : 53;
}

static void test_wait(void **state) {
  mproc_connection_t *a, *b, *r, *w;
  mproc_queue_t *q;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  assert_int_equal(mproc_pipe(&r, &w, false), 0);
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  mproc_value_t args[2] = {mproc_obj(b), mproc_obj(q)};
  mproc_process_t *p = harness_start(child_relay, args, 2, TEST_METHOD(state));
  assert_int_equal(mproc_connection_close(b), 0);
  mproc_wait_item_t items[3] = {{MPROC_WAIT_PROCESS, p, false},
                                {MPROC_WAIT_CONNECTION, r, false},
                                {MPROC_WAIT_QUEUE, q, false}};
  /* Nothing ready: a timeout. */
  assert_int_equal(mproc_wait(items, 3, 0), 0);
  double t0 = harness_now();
  assert_int_equal(mproc_wait(items, 3, 0.2), 0);
  assert_true(harness_now() - t0 >= 0.15);
  /* The child relays a message into the queue: the queue is ready. */
  mproc_value_t x = mproc_int(7);
  assert_int_equal(mproc_connection_send(a, &x, 1), 0);
  assert_int_equal(mproc_wait(items, 3, 60), 1);
  assert_false(items[0].ready);
  assert_false(items[1].ready);
  assert_true(items[2].ready);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_queue_get(q, &v, &n, 0), 0);
  mproc_values_free(v, n);
  /* A connection with data is ready. */
  assert_int_equal(mproc_connection_send(w, &x, 1), 0);
  assert_int_equal(mproc_wait(items, 3, 60), 1);
  assert_true(items[1].ready);
  assert_int_equal(mproc_connection_recv(r, &v, &n), 0);
  mproc_values_free(v, n);
  /* The child exits once we close our end: its sentinel is ready. */
  assert_int_equal(mproc_connection_close(a), 0);
  assert_int_equal(mproc_wait(items, 1, 60), 1);
  assert_true(items[0].ready);
  harness_expect_exit(p, 0);
  /* Bad input. */
  assert_int_equal(mproc_wait(NULL, 1, 0), MPROC_E_INVAL);
  assert_int_equal(mproc_wait(NULL, 0, 0), 0);
  mproc_wait_item_t bad = {MPROC_WAIT_CONNECTION, q, false};
  assert_int_equal(mproc_wait(&bad, 1, 0), MPROC_E_TYPE);
  mproc_wait_item_t wo = {MPROC_WAIT_CONNECTION, w, false};
  assert_int_equal(mproc_wait(&wo, 1, 0), MPROC_E_STATE);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  mproc_connection_destroy(r);
  mproc_connection_destroy(w);
  mproc_queue_destroy(q);
}

static void test_bad_input(void **state) {
  (void)state;
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_pipe(NULL, &b, true), MPROC_E_INVAL);
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  mproc_lock_t *lock;
  assert_int_equal(mproc_lock_create(&lock), 0);
  mproc_value_t x = mproc_obj(lock);
  assert_int_equal(mproc_connection_send(a, &x, 1), MPROC_E_INHERITANCE);
  assert_int_equal(mproc_connection_poll(b, 0), 0); /* nothing was sent */
  mproc_lock_destroy(lock);
  assert_int_equal(mproc_connection_send_bytes(a, NULL, 3), MPROC_E_INVAL);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(a, NULL, &n), MPROC_E_INVAL);
  assert_int_equal(mproc_connection_close(a), 0);
  assert_int_equal(mproc_connection_send(a, &x, 0), MPROC_E_CLOSED);
  assert_int_equal(mproc_connection_recv(a, &v, &n), MPROC_E_CLOSED);
  assert_int_equal(mproc_connection_poll(a, 0), MPROC_E_CLOSED);
  /* A closed connection cannot be sent. */
  x = mproc_obj(a);
  void *buf;
  size_t len;
  assert_int_equal(mproc_encode(&x, 1, &buf, &len), MPROC_E_CLOSED);
  /* The peer sees end of file. */
  assert_int_equal(mproc_connection_recv(b, &v, &n), MPROC_E_CLOSED);
  mproc_os_handle_t h;
  assert_int_equal(mproc_connection_handle(a, &h), MPROC_E_CLOSED);
  assert_int_equal(mproc_connection_handle(b, &h), 0);
  /* Two small messages come in one read: the second is ready for poll and
   * recv, and the connection cannot be sent while it holds it. */
  mproc_connection_t *rx, *ry;
  assert_int_equal(mproc_pipe(&rx, &ry, true), 0);
  mproc_value_t m1 = mproc_int(1), m2 = mproc_int(2);
  assert_int_equal(mproc_connection_send(ry, &m1, 1), 0);
  assert_int_equal(mproc_connection_send(ry, &m2, 1), 0);
  assert_int_equal(mproc_connection_poll(rx, 60), 1);
  assert_int_equal(mproc_connection_recv(rx, &v, &n), 0);
  assert_int_equal(v[0].u.i, 1);
  mproc_values_free(v, n);
  assert_int_equal(mproc_connection_poll(rx, 0), 1);
  mproc_value_t xv = mproc_obj(rx);
  void *enc;
  size_t enc_len;
  int rc = mproc_encode(&xv, 1, &enc, &enc_len);
  if (rc == 0) /* the second message had not arrived with the first */
    mproc_free(enc);
  else
    assert_int_equal(rc, MPROC_E_STATE);
  assert_int_equal(mproc_connection_recv(rx, &v, &n), 0);
  assert_int_equal(v[0].u.i, 2);
  mproc_values_free(v, n);
  assert_int_equal(mproc_connection_poll(rx, 0), 0);
  mproc_connection_destroy(rx);
  mproc_connection_destroy(ry);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  mproc_connection_destroy(NULL);
}

int main(int argc, char **argv) {
  harness_early_init();
  mproc_register("echo", child_echo);
  mproc_register("writer", child_writer);
  mproc_register("block", child_block);
  mproc_register("receive_conns", child_receive_conns);
  mproc_register("relay", child_relay);
  mproc_register("ends", child_ends);
  mproc_register("not_given", child_not_given);
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_duplex_echo),
      cmocka_unit_test(test_one_way_and_poll),
      cmocka_unit_test(test_eof_on_peer_death),
      cmocka_unit_test(test_connection_through_queue),
      cmocka_unit_test(test_wait),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_recv_bytes_into),
      cmocka_unit_test(test_readable_writable_closed),
  };
  return harness_run(argc, argv, "conn", tests, sizeof tests / sizeof tests[0]);
}
