/* SPDX-License-Identifier: MIT */
/*
 * The raw peers of the queue and pipe figures on POSIX (see qbench.h).
 *
 *   queue.<size>.cpython  python3 -c: multiprocessing.Queue (fork), one
 *                         producer (the main process) and one consumer
 *                         process; python times its own puts up to the
 *                         consumer's "done", start-up excluded.
 *   queue.64b.spill.cpython  python3 -c: n puts into a
 *                         multiprocessing.Queue with no consumer running,
 *                         then a drainer process (started before, waiting
 *                         on an Event) gets them all; python times both
 *                         phases. What its put phase does not include:
 *                         put() only appends to the queue's in-process
 *                         buffer; its feeder thread pickles and writes into
 *                         the pipe, which fills after 64 KiB (~800 items),
 *                         and then blocks until the drainer reads. So the
 *                         items are not in the queue when the puts return
 *                         (the producer must outlive the drain, and a
 *                         producer killed then loses them all): the
 *                         pickling and the pipe writes happen during the
 *                         drain phase, which is why only the sum of both
 *                         phases compares.
 *   queue.64b.pipe        pipe(2): a fork child reads 64-byte messages,
 *                         one write(2) per message.
 *   pipe.roundtrip.raw    socketpair(2): 64 bytes there and back, one
 *                         write and one read each way.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "qbench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char py_script[] =
    "import multiprocessing as mp, sys, time\n"
    "def cons(q, done, n):\n"
    "    done.put(1)\n"
    "    for _ in range(n): q.get()\n"
    "    done.put(1)\n"
    "if __name__ == '__main__':\n"
    "    n, size = int(sys.argv[1]), int(sys.argv[2])\n"
    "    mp.set_start_method('fork')\n"
    "    q, done = mp.Queue(), mp.Queue()\n"
    "    p = mp.Process(target=cons, args=(q, done, n)); p.start()\n"
    "    done.get()\n"
    "    msg = b'x' * size\n"
    "    t0 = time.perf_counter_ns()\n"
    "    for _ in range(n): q.put(msg)\n"
    "    done.get()\n"
    "    t1 = time.perf_counter_ns()\n"
    "    p.join()\n"
    "    print(t1 - t0)\n";

static const char py_spill_script[] =
    "import multiprocessing as mp, sys, time\n"
    "def drain(q, ready, go, done, n):\n"
    "    ready.set()\n"
    "    go.wait()\n"
    "    for _ in range(n): q.get()\n"
    "    done.set()\n"
    "if __name__ == '__main__':\n"
    "    n, size = int(sys.argv[1]), int(sys.argv[2])\n"
    "    mp.set_start_method('fork')\n"
    "    q = mp.Queue()\n"
    "    ready, go, done = mp.Event(), mp.Event(), mp.Event()\n"
    "    p = mp.Process(target=drain, args=(q, ready, go, done, n))\n"
    "    p.start()\n"
    "    ready.wait()\n"
    "    msg = b'x' * size\n"
    "    t0 = time.perf_counter_ns()\n"
    "    for _ in range(n): q.put(msg)\n"
    "    t1 = time.perf_counter_ns()\n"
    "    go.set()\n"
    "    done.wait()\n"
    "    t2 = time.perf_counter_ns()\n"
    "    p.join()\n"
    "    print(t2 - t0, t1 - t0)\n";

static size_t size_64 = 64, size_4k = 4096;

int bench_pipe_child(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return 2; /* the POSIX peers fork their children */
}

static void *py_setup(size_t *size) {
  if (system("python3 -c 'import multiprocessing' >/dev/null 2>&1") != 0) {
    fprintf(stderr, "# queue.*.cpython: no python3 here\n");
    return BENCH_SKIP;
  }
  return size;
}
static void *py_setup_64(void) {
  return py_setup(&size_64);
}
static void *py_setup_4k(void) {
  return py_setup(&size_4k);
}

/* Runs @p script with n and size; returns the first number it prints
 * (and the second, if any, in *@p second). */
static int64_t py_script_run(const char *script, size_t len, long n,
                             size_t size, int64_t *second) {
  char path[] = "/tmp/mproc-bench-py-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return -1;
  if (write(fd, script, len) != (ssize_t)len) {
    close(fd);
    unlink(path);
    return -1;
  }
  close(fd);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "python3 %s %ld %zu", path, n, size);
  FILE *f = popen(cmd, "r");
  long long ns = -1, ns2 = -1;
  if (f) {
    if (fscanf(f, "%lld", &ns) != 1)
      ns = -1;
    else if (second && fscanf(f, "%lld", &ns2) != 1)
      ns2 = -1;
    if (pclose(f) != 0)
      ns = -1;
  }
  unlink(path);
  if (second)
    *second = (int64_t)ns2;
  return (int64_t)ns;
}

static int64_t py_run(void *ctx, long n) {
  return py_script_run(py_script, sizeof py_script - 1, n, *(size_t *)ctx,
                       NULL);
}

static int64_t py_spill_run(void *ctx, long n) {
  int64_t put = -1;
  int64_t ns = py_script_run(py_spill_script, sizeof py_spill_script - 1, n,
                             *(size_t *)ctx, &put);
  if (ns > 0 && put >= 0 && n >= 100000)
    fprintf(stderr,
            "# queue.64b.spill.cpython: put %.1f ns/item, drain %.1f "
            "ns/item\n",
            (double)put / (double)n, (double)(ns - put) / (double)n);
  return ns;
}

static void *pipe_setup(void) {
  return &size_64;
}

static int read_all(int fd, void *p, size_t n) {
  char *b = p;
  while (n) {
    ssize_t r = read(fd, b, n);
    if (r <= 0)
      return -1;
    b += r;
    n -= (size_t)r;
  }
  return 0;
}

static int64_t pipe_run(void *ctx, long n) {
  (void)ctx;
  int fds[2], ready[2];
  if (pipe(fds) < 0)
    return -1;
  if (pipe(ready) < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[1]);
    close(ready[0]);
    char m[64];
    if (write(ready[1], "r", 1) != 1)
      _exit(2);
    for (long i = 0; i < n; i++)
      if (read_all(fds[0], m, 64) < 0)
        _exit(3);
    _exit(write(ready[1], "d", 1) == 1 ? 0 : 4);
  }
  close(fds[0]);
  close(ready[1]);
  char m[64], c;
  memset(m, 'x', sizeof m);
  int64_t result = -1;
  if (pid > 0 && read(ready[0], &c, 1) == 1) {
    int64_t t0 = bench_now_ns();
    long i;
    for (i = 0; i < n; i++)
      if (write(fds[1], m, 64) != 64)
        break;
    if (i == n && read(ready[0], &c, 1) == 1)
      result = bench_now_ns() - t0;
  }
  close(fds[1]);
  close(ready[0]);
  if (pid > 0)
    waitpid(pid, NULL, 0);
  return result;
}

static int64_t rt_run(void *ctx, long n) {
  (void)ctx;
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    char m[64];
    for (;;) {
      if (read_all(sv[1], m, 64) < 0)
        _exit(0);
      if (write(sv[1], m, 64) != 64)
        _exit(1);
    }
  }
  close(sv[1]);
  char m[64];
  memset(m, 'x', sizeof m);
  int64_t result = -1;
  if (pid > 0 && write(sv[0], m, 64) == 64 && read_all(sv[0], m, 64) == 0) {
    int64_t t0 = bench_now_ns();
    long i;
    for (i = 0; i < n; i++)
      if (write(sv[0], m, 64) != 64 || read_all(sv[0], m, 64) < 0)
        break;
    if (i == n)
      result = bench_now_ns() - t0;
  }
  close(sv[0]);
  if (pid > 0)
    waitpid(pid, NULL, 0);
  return result;
}

const bench_case_t bench_peers_queue_64b[] = {
    {"queue.64b.cpython", py_setup_64, py_run, NULL},
    {"queue.64b.pipe", pipe_setup, pipe_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_queue_4k[] = {
    {"queue.4k.cpython", py_setup_4k, py_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_queue_spill[] = {
    {"queue.64b.spill.cpython", py_setup_64, py_spill_run, NULL},
    {NULL, NULL, NULL, NULL},
};
const bench_case_t bench_peers_pipe_roundtrip[] = {
    {"pipe.roundtrip.raw", pipe_setup, rt_run, NULL},
    {NULL, NULL, NULL, NULL},
};
