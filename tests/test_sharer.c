/* SPDX-License-Identifier: MIT */
/*
 * Passing a Connection to a process that is not being spawned, against a
 * hostile local peer (issue 13, items 2 and 3). On Linux the sender's
 * resource sharer serves the descriptor over an abstract socket, which
 * anyone on the machine can reach: a client that stalls must not hold up
 * other transfers, a made-up ticket must never block a decoder without a
 * bound nor hand it a foreign descriptor, and another user gets nothing.
 * On Windows a ticket is redeemed through the sender's ledger: a forged
 * one is refused at once.
 */
#ifdef __linux__
#define _GNU_SOURCE /* SOCK_CLOEXEC, MSG_NOSIGNAL, abstract sockets */
#endif
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __linux__
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#define SECRET_LEN 16

#ifdef __linux__
/* The first occurrence of @p s in @p buf, or NULL (memmem, portably). */
static uint8_t *find(const uint8_t *buf, size_t len, const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(buf + i, s, n) == 0)
      return (uint8_t *)(uintptr_t)(buf + i);
  return NULL;
}
#endif
#define SHARER_PREFIX "mproc-sharer-"
/* The sharer's bound on each step of a transfer (src/posix/conn.c). */
#define SHARER_BOUND_S 2.0

/* The encoding of @p c (a ticket: it may be redeemed once). */
static void encode_conn(mproc_connection_t *c, uint8_t **buf, size_t *len) {
  mproc_value_t v = mproc_obj(c);
  void *p;
  assert_int_equal(mproc_encode(&v, 1, &p, len), 0);
  *buf = p;
}

/* Decodes one Connection from @p buf: 0 and the connection, or the error;
 * *secs is how long the decode took. */
static int decode_conn(const uint8_t *buf, size_t len, mproc_connection_t **out,
                       double *secs) {
  mproc_value_t *v = NULL;
  size_t n = 0;
  double t0 = harness_now();
  int rc = mproc_decode(buf, len, &v, &n);
  *secs = harness_now() - t0;
  *out = NULL;
  if (rc == 0) {
    assert_int_equal(n, 1);
    assert_int_equal(mproc_value_as_connection(&v[0], out), 0);
    v[0] = mproc_none(); /* the connection is the caller's now */
    mproc_values_free(v, n);
  }
  return rc;
}

/* A forged ticket (a secret changed) is refused, quickly, on every
 * platform; the genuine one still works afterwards. */
static void test_forged_secret_refused(void **state) {
  (void)state;
  mproc_connection_t *a, *b, *got;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  uint8_t *buf;
  size_t len;
  encode_conn(b, &buf, &len);
  /* The ticket is the encoding's tail; its first byte is a secret on both
   * platforms (Linux: the client secret; Windows: inside the key). */
  uint8_t *forged = malloc(len);
  assert_non_null(forged);
  memcpy(forged, buf, len);
  forged[len - 1] ^= 0x01; /* Windows: the key's last byte */
#ifdef __linux__
  uint8_t *name = find(forged, len, SHARER_PREFIX);
  assert_non_null(name);
  forged[len - 1] ^= 0x01;
  name[-2 * SECRET_LEN] ^= 0x01; /* the client secret */
#endif
  double secs;
  int rc = decode_conn(forged, len, &got, &secs);
  assert_true(rc < 0);
  assert_true(secs < SHARER_BOUND_S + 1.0);
  rc = decode_conn(buf, len, &got, &secs);
  assert_int_equal(rc, 0);
  mproc_value_t hi = mproc_str("hi");
  assert_int_equal(mproc_connection_send(a, &hi, 1), 0);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(got, &v, &n), 0);
  assert_string_equal(v[0].u.s, "hi");
  mproc_values_free(v, n);
  mproc_connection_destroy(got);
  free(forged);
  mproc_free(buf);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

#ifdef __linux__

/* The sharer's socket name in an encoding, NUL-terminated in @p out. */
static void sharer_name_of(const uint8_t *buf, size_t len, char *out,
                           size_t cap) {
  const uint8_t *name = find(buf, len, SHARER_PREFIX);
  assert_non_null(name);
  size_t n = len - (size_t)(name - buf);
  assert_true(n < cap);
  memcpy(out, name, n);
  out[n] = '\0';
}

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  size_t n = strlen(name);
  memcpy(a->sun_path + 1, name, n);
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

/* A raw client of the abstract socket @p name that will send nothing. */
static int stall(const char *name) {
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  assert_true(s >= 0);
  struct sockaddr_un a;
  socklen_t alen = abstract_addr(&a, name);
  if (connect(s, (struct sockaddr *)&a, alen) < 0) {
    close(s); /* the backlog is full: that stall is not needed */
    return -1;
  }
  return s;
}

/* args: queue. Takes one Connection from the queue (timeout 5 s), says
 * "got it" on it. */
static int child_take_conn(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q;
  CHECK(nargs == 1 && mproc_value_as_queue(&args[0], &q) == 0, 10);
  mproc_value_t *v;
  size_t n;
  mproc_connection_t *c;
  CHECK(mproc_queue_get(q, &v, &n, 5.0) == 0, 11);
  CHECK(n == 1 && mproc_value_as_connection(&v[0], &c) == 0, 12);
  mproc_value_t msg = mproc_str("got it");
  CHECK(mproc_connection_send(c, &msg, 1) == 0, 13);
  mproc_values_free(v, n);
  return 0;
}

/* Clients that connect to the sharer and send nothing, more of them than
 * it keeps pending: a receiver in another process still gets its
 * connection at once. */
static void test_stalled_clients(void **state) {
  mproc_queue_t *q;
  mproc_connection_t *a, *b;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  /* The sharer starts with the first export: learn its name. */
  mproc_connection_t *x, *y;
  assert_int_equal(mproc_pipe(&x, &y, true), 0);
  uint8_t *buf;
  size_t len;
  encode_conn(y, &buf, &len);
  char name[108];
  sharer_name_of(buf, len, name, sizeof name);
  int stalls[100];
  for (int i = 0; i < 100; i++)
    stalls[i] = stall(name);

  mproc_value_t arg = mproc_obj(q);
  mproc_process_t *p =
      harness_start(child_take_conn, &arg, 1, TEST_METHOD(state));
  double t0 = harness_now();
  mproc_value_t cv = mproc_obj(b);
  assert_int_equal(mproc_queue_put(q, &cv, 1, 0), 0);
  assert_int_equal(mproc_connection_poll(a, 10.0), 1);
  mproc_value_t *v;
  size_t n;
  assert_int_equal(mproc_connection_recv(a, &v, &n), 0);
  assert_string_equal(v[0].u.s, "got it");
  mproc_values_free(v, n);
  double secs = harness_now() - t0;
  harness_expect_exit(p, 0);
  /* A process start and one transfer; far below the stalls' 2 s. */
  assert_true(secs < SHARER_BOUND_S);

  for (int i = 0; i < 100; i++)
    if (stalls[i] >= 0)
      close(stalls[i]);
  mproc_connection_t *got;
  double dsecs;
  assert_int_equal(decode_conn(buf, len, &got, &dsecs), 0);
  mproc_connection_destroy(got);
  mproc_free(buf);
  mproc_connection_destroy(x);
  mproc_connection_destroy(y);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  mproc_queue_destroy(q);
}

/* Sends a sharer's answer: @p reply ('F' and a proof) with @p fd. */
static void answer_with_fd(int c, const uint8_t reply[1 + SECRET_LEN], int fd) {
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  memset(&u, 0, sizeof u);
  struct iovec iov = {(void *)(uintptr_t)reply, 1 + SECRET_LEN};
  struct msghdr msg;
  memset(&msg, 0, sizeof msg);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = u.buf;
  msg.msg_controllen = sizeof u.buf;
  struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(cm), &fd, sizeof fd);
  sendmsg(c, &msg, MSG_NOSIGNAL);
}

/* A fake sharer: listens on @p name; with @p answer, answers each client
 * 'F', 16 zero bytes (not the secret) and the descriptor @p fd; else
 * never accepts. */
typedef struct fake {
  int lfd, fd;
  bool answer;
  pthread_t t;
} fake_t;

static void *fake_main(void *arg) {
  fake_t *f = arg;
  int c = accept(f->lfd, NULL, NULL);
  if (c < 0)
    return NULL;
  uint8_t key[SECRET_LEN];
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t r = recv(c, key + got, sizeof key - got, 0);
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  uint8_t reply[1 + SECRET_LEN] = {'F'};
  answer_with_fd(c, reply, f->fd);
  close(c);
  return NULL;
}

static void fake_start(fake_t *f, const char *name, bool answer) {
  f->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  assert_true(f->lfd >= 0);
  struct sockaddr_un a;
  socklen_t alen = abstract_addr(&a, name);
  assert_int_equal(bind(f->lfd, (struct sockaddr *)&a, alen), 0);
  assert_int_equal(listen(f->lfd, 4), 0);
  f->answer = answer;
  f->fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
  if (f->fd < 0)
    f->fd = open("/", O_RDONLY | O_CLOEXEC);
  assert_true(f->fd >= 0);
  if (answer)
    assert_int_equal(pthread_create(&f->t, NULL, fake_main, f), 0);
}

static void fake_stop(fake_t *f) {
  if (f->answer)
    pthread_join(f->t, NULL);
  close(f->lfd);
  close(f->fd);
}

/* An encoding whose ticket names @p name (same length as the sharer's). */
static uint8_t *retarget(const uint8_t *buf, size_t len, const char *name) {
  uint8_t *copy = malloc(len);
  assert_non_null(copy);
  memcpy(copy, buf, len);
  uint8_t *at = find(copy, len, SHARER_PREFIX);
  assert_non_null(at);
  assert_int_equal(strlen(name), len - (size_t)(at - copy));
  memcpy(at, name, strlen(name));
  return copy;
}

/* Bytes naming a sharer that never answers: the decode gives up within
 * its bound. Bytes naming one that answers with a descriptor but without
 * the transfer's secret: the descriptor is refused (and closed: the
 * harness counts descriptors). */
static void test_fake_sharer(void **state) {
  (void)state;
  mproc_connection_t *a, *b, *got;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  uint8_t *buf;
  size_t len;
  encode_conn(b, &buf, &len);
  char name[108];
  sharer_name_of(buf, len, name, sizeof name);
  name[strlen(name) - 1] = name[strlen(name) - 1] == 'z' ? 'y' : 'z';

  fake_t f;
  fake_start(&f, name, false);
  uint8_t *forged = retarget(buf, len, name);
  double secs;
  int rc = decode_conn(forged, len, &got, &secs);
  assert_int_equal(rc, MPROC_E_TIMEOUT);
  assert_true(secs < SHARER_BOUND_S + 1.0);
  fake_stop(&f);

  fake_start(&f, name, true);
  rc = decode_conn(forged, len, &got, &secs);
  assert_int_equal(rc, MPROC_E_PERM);
  assert_null(got);
  fake_stop(&f);

  free(forged);
  /* The genuine ticket was never redeemed: it still works. */
  assert_int_equal(decode_conn(buf, len, &got, &secs), 0);
  mproc_connection_destroy(got);
  mproc_free(buf);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}

/* Another user: run as root, a fork child becomes "nobody" and (1) tries
 * to redeem a genuine ticket (the sharer refuses it, and the ticket still
 * works for us), (2) serves a fake sharer that knows the secrets (a ticket
 * it made up), which we refuse because it is not us. */
static int as_nobody(void) {
  return setgid(65534) == 0 && setuid(65534) == 0 ? 0 : -1;
}

static void test_other_user(void **state) {
  (void)state;
  if (geteuid() != 0) {
    print_message("sharer: other-user checks skipped: not root, so no "
                  "throwaway user to run as\n");
    return;
  }
  mproc_connection_t *a, *b, *got;
  assert_int_equal(mproc_pipe(&a, &b, true), 0);
  uint8_t *buf;
  size_t len;
  encode_conn(b, &buf, &len);
  double secs;

  /* (1) nobody redeems our ticket: refused; ours still works. */
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    mproc_connection_t *c = NULL;
    double s;
    _exit(as_nobody() < 0 ? 3 : decode_conn(buf, len, &c, &s) == 0 ? 1 : 0);
  }
  int st;
  assert_int_equal(waitpid(pid, &st, 0), pid);
  assert_true(WIFEXITED(st));
  assert_int_equal(WEXITSTATUS(st), 0);
  assert_int_equal(decode_conn(buf, len, &got, &secs), 0);
  mproc_connection_destroy(got);

  /* (2) nobody's fake sharer, answering with the right proof. */
  mproc_connection_t *x, *y;
  assert_int_equal(mproc_pipe(&x, &y, true), 0);
  uint8_t *buf2;
  size_t len2;
  encode_conn(y, &buf2, &len2);
  char name[108];
  sharer_name_of(buf2, len2, name, sizeof name);
  name[strlen(name) - 1] = name[strlen(name) - 1] == 'z' ? 'y' : 'z';
  uint8_t *forged = retarget(buf2, len2, name);
  int ready[2];
  assert_int_equal(pipe(ready), 0);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    if (as_nobody() < 0)
      _exit(3);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa;
    socklen_t alen = abstract_addr(&sa, name);
    if (l < 0 || bind(l, (struct sockaddr *)&sa, alen) < 0 || listen(l, 4) < 0)
      _exit(4);
    if (write(ready[1], "r", 1) != 1)
      _exit(5);
    int c = accept(l, NULL, NULL);
    if (c < 0)
      _exit(0); /* refused before connecting: fine too */
    uint8_t key[SECRET_LEN];
    if (recv(c, key, sizeof key, MSG_WAITALL) != (ssize_t)sizeof key)
      _exit(0);
    uint8_t *at = find(forged, len2, SHARER_PREFIX);
    uint8_t reply[1 + SECRET_LEN] = {'F'};
    memcpy(reply + 1, at - SECRET_LEN, SECRET_LEN); /* the right proof */
    answer_with_fd(c, reply, open("/", O_RDONLY));
    _exit(0);
  }
  close(ready[1]);
  char r;
  assert_int_equal(read(ready[0], &r, 1), 1);
  close(ready[0]);
  int rc = decode_conn(forged, len2, &got, &secs);
  assert_int_equal(rc, MPROC_E_PERM);
  assert_null(got);
  assert_true(secs < SHARER_BOUND_S + 1.0);
  kill(pid, SIGKILL);
  assert_int_equal(waitpid(pid, &st, 0), pid);

  assert_int_equal(decode_conn(buf2, len2, &got, &secs), 0);
  mproc_connection_destroy(got);
  free(forged);
  mproc_free(buf);
  mproc_free(buf2);
  mproc_connection_destroy(x);
  mproc_connection_destroy(y);
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
}
#endif /* __linux__ */

int main(int argc, char **argv) {
  harness_early_init();
#ifdef __linux__
  mproc_register("take_conn", child_take_conn);
#endif
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_forged_secret_refused),
#ifdef __linux__
      cmocka_unit_test(test_stalled_clients),
      cmocka_unit_test(test_fake_sharer),
      cmocka_unit_test(test_other_user),
#endif
  };
  return harness_run(argc, argv, "sharer", tests,
                     sizeof tests / sizeof tests[0]);
}
