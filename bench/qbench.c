/* SPDX-License-Identifier: MIT */
/*
 * The mproc side of the queue and pipe figures (see qbench.h). Children
 * are started with the default start method and timed only once they are
 * ready, so process start-up is not in the figures.
 */
#include "qbench.h"

#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const bench_case_t bench_no_peers[] = {{NULL, NULL, NULL, NULL}};

static int64_t qfail(const char *what, int rc) {
  fprintf(stderr, "mproc-bench: %s: %s (%s)\n", what, mproc_err_name(rc),
          mproc_last_error());
  return -1;
}

/* args: queue, control queue, count. Says ready, takes count messages,
 * says done. */
static int child_qconsumer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q, *ctl;
  int64_t n;
  if (nargs != 3 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_queue(&args[1], &ctl) != 0 ||
      mproc_value_as_int(&args[2], &n) != 0)
    return 2;
  uint8_t buf[8192];
  mproc_value_t flag = mproc_int(1);
  if (mproc_queue_put(ctl, &flag, 1, MPROC_FOREVER) != 0)
    return 3;
  for (int64_t i = 0; i < n; i++) {
    size_t len;
    if (mproc_queue_get_bytes(q, buf, sizeof buf, &len, MPROC_FOREVER) != 0)
      return 4;
  }
  return mproc_queue_put(ctl, &flag, 1, MPROC_FOREVER) == 0 ? 0 : 5;
}

typedef struct {
  size_t size;
  bool simple;
  uint32_t ring; /* the ring's bytes */
} qcfg_t;

/* queue.64b.mproc_ring: the 64-byte figure with a ring that holds a whole
 * round (200,000 frames of 72 bytes), so that nothing spills however far
 * the producer runs ahead: the ring path's own cost, which the spill must
 * not slow (the 1 MiB ring of queue.64b.mproc fills whenever the consumer
 * loses the CPU, and then the figure is the spill's). */
static qcfg_t cfg_64 = {64, false, 1u << 20}, cfg_4k = {4096, false, 1u << 20},
              cfg_s64 = {64, true, 1u << 20}, cfg_64r = {64, false, 32u << 20};

static void *q_setup_64(void) {
  return &cfg_64;
}
static void *q_setup_64r(void) {
  return &cfg_64r;
}
static void *q_setup_4k(void) {
  return &cfg_4k;
}
static void *q_setup_s64(void) {
  return &cfg_s64;
}

static int64_t q_run(void *ctx, long n) {
  qcfg_t *c = ctx;
  mproc_queue_t *q = NULL, *ctl = NULL;
  mproc_process_t *p = NULL;
  int64_t result = -1;
  mproc_queue_options_t o = {0, c->ring};
  int rc = c->simple ? mproc_simple_queue_create(&q, &o)
                     : mproc_queue_create(&q, &o);
  if (rc == 0)
    rc = mproc_queue_create(&ctl, NULL);
  if (rc != 0) {
    qfail("creating a queue", rc);
    goto out;
  }
  mproc_value_t args[3] = {mproc_obj(q), mproc_obj(ctl), mproc_int(n)};
  rc = mproc_process_start(&p, child_qconsumer, args, 3, NULL);
  if (rc != 0) {
    qfail("mproc_process_start", rc);
    goto out;
  }
  mproc_value_t *v;
  size_t nv;
  if ((rc = mproc_queue_get(ctl, &v, &nv, 60)) != 0) {
    qfail("waiting for the consumer", rc);
    goto out;
  }
  mproc_values_free(v, nv);
  uint8_t msg[4096];
  memset(msg, 'x', sizeof msg);
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_queue_put_bytes(q, msg, c->size, MPROC_FOREVER)) != 0) {
      qfail("mproc_queue_put_bytes", rc);
      goto out;
    }
  }
  if ((rc = mproc_queue_get(ctl, &v, &nv, 600)) != 0) {
    qfail("waiting for the consumer", rc);
    goto out;
  }
  result = bench_now_ns() - t0;
  mproc_values_free(v, nv);
out:
  if (p) {
    int code = -1;
    if (mproc_process_join(p, 60) != 0) {
      mproc_process_kill(p);
      mproc_process_join(p, MPROC_FOREVER);
    }
    mproc_process_exitcode(p, &code);
    if (code != 0) {
      fprintf(stderr, "mproc-bench: a consumer exited with %d\n", code);
      result = -1;
    }
    mproc_process_destroy(p);
  }
  mproc_queue_destroy(q);
  mproc_queue_destroy(ctl);
  return result;
}

/* args: queue, go event, control queue, count. Says ready, waits for go
 * (no consumer runs while the producer puts), takes count messages, says
 * done. */
static int child_sdrain(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *q, *ctl;
  mproc_event_t *go;
  int64_t n;
  if (nargs != 4 || mproc_value_as_queue(&args[0], &q) != 0 ||
      mproc_value_as_event(&args[1], &go) != 0 ||
      mproc_value_as_queue(&args[2], &ctl) != 0 ||
      mproc_value_as_int(&args[3], &n) != 0)
    return 2;
  uint8_t buf[64];
  mproc_value_t flag = mproc_int(1);
  if (mproc_queue_put(ctl, &flag, 1, MPROC_FOREVER) != 0)
    return 3;
  if (mproc_event_wait(go, MPROC_FOREVER) != 0)
    return 4;
  for (int64_t i = 0; i < n; i++) {
    size_t len;
    if (mproc_queue_get_bytes(q, buf, sizeof buf, &len, MPROC_FOREVER) != 0)
      return 5;
  }
  return mproc_queue_put(ctl, &flag, 1, MPROC_FOREVER) == 0 ? 0 : 6;
}

/*
 * queue.64b.spill: n 64-byte puts into a queue without maxsize (the
 * default 256 KiB ring: past ~3,600 items the rest spills) with no
 * consumer running, then a child that was waiting drains them all. The
 * figure is both phases together; each phase is noted on stderr.
 */
static int64_t s_run(void *ctx, long n) {
  (void)ctx;
  mproc_queue_t *q = NULL, *ctl = NULL;
  mproc_event_t *go = NULL;
  mproc_process_t *p = NULL;
  int64_t result = -1;
  int rc = mproc_queue_create(&q, NULL);
  if (rc == 0)
    rc = mproc_queue_create(&ctl, NULL);
  if (rc == 0)
    rc = mproc_event_create(&go);
  if (rc != 0) {
    qfail("creating a queue or event", rc);
    goto out;
  }
  mproc_value_t args[4] = {mproc_obj(q), mproc_obj(go), mproc_obj(ctl),
                           mproc_int(n)};
  rc = mproc_process_start(&p, child_sdrain, args, 4, NULL);
  if (rc != 0) {
    qfail("mproc_process_start", rc);
    goto out;
  }
  mproc_value_t *v;
  size_t nv;
  if ((rc = mproc_queue_get(ctl, &v, &nv, 60)) != 0) {
    qfail("waiting for the drainer", rc);
    goto out;
  }
  mproc_values_free(v, nv);
  uint8_t msg[64];
  memset(msg, 'x', sizeof msg);
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_queue_put_bytes(q, msg, sizeof msg, MPROC_FOREVER)) != 0) {
      qfail("mproc_queue_put_bytes", rc);
      goto out;
    }
  }
  int64_t t1 = bench_now_ns();
  if ((rc = mproc_event_set(go)) != 0 ||
      (rc = mproc_queue_get(ctl, &v, &nv, 600)) != 0) {
    qfail("waiting for the drainer", rc);
    goto out;
  }
  int64_t t2 = bench_now_ns();
  mproc_values_free(v, nv);
  result = t2 - t0;
  if (n >= 100000)
    fprintf(stderr,
            "# queue.64b.spill.mproc: put %.1f ns/item, drain %.1f ns/item\n",
            (double)(t1 - t0) / (double)n, (double)(t2 - t1) / (double)n);
out:
  if (p) {
    int code = -1;
    if (mproc_process_join(p, 60) != 0) {
      mproc_process_kill(p);
      mproc_process_join(p, MPROC_FOREVER);
    }
    mproc_process_exitcode(p, &code);
    if (code != 0) {
      fprintf(stderr, "mproc-bench: a drainer exited with %d\n", code);
      result = -1;
    }
    mproc_process_destroy(p);
  }
  mproc_queue_destroy(q);
  mproc_queue_destroy(ctl);
  mproc_event_destroy(go);
  return result;
}

static void *s_setup(void) {
  return &cfg_64;
}

/* args: connection. Echoes raw messages until end of file. */
static int child_pecho(const mproc_value_t *args, size_t nargs) {
  mproc_connection_t *c;
  if (nargs != 1 || mproc_value_as_connection(&args[0], &c) != 0)
    return 2;
  for (;;) {
    void *d;
    size_t len;
    int rc = mproc_connection_recv_bytes(c, &d, &len);
    if (rc == MPROC_E_CLOSED)
      return 0;
    if (rc != 0)
      return 3;
    rc = mproc_connection_send_bytes(c, d, len);
    mproc_free(d);
    if (rc != 0)
      return 4;
  }
}

static void *p_setup(void) {
  return &cfg_64;
}

static int64_t p_run(void *ctx, long n) {
  (void)ctx;
  mproc_connection_t *a = NULL, *b = NULL;
  mproc_process_t *p = NULL;
  int64_t result = -1;
  int rc = mproc_pipe(&a, &b, true);
  if (rc != 0)
    return qfail("mproc_pipe", rc);
  mproc_value_t arg = mproc_obj(b);
  rc = mproc_process_start(&p, child_pecho, &arg, 1, NULL);
  if (rc != 0) {
    qfail("mproc_process_start", rc);
    goto out;
  }
  mproc_connection_close(b);
  uint8_t msg[64];
  memset(msg, 'x', sizeof msg);
  /* One untimed round trip: the child is up. */
  void *d;
  size_t len;
  if (mproc_connection_send_bytes(a, msg, 64) != 0 ||
      mproc_connection_recv_bytes(a, &d, &len) != 0)
    goto out;
  mproc_free(d);
  int64_t t0 = bench_now_ns();
  for (long i = 0; i < n; i++) {
    if ((rc = mproc_connection_send_bytes(a, msg, 64)) != 0 ||
        (rc = mproc_connection_recv_bytes(a, &d, &len)) != 0) {
      qfail("a round trip", rc);
      goto out;
    }
    mproc_free(d);
  }
  result = bench_now_ns() - t0;
out:
  mproc_connection_close(a);
  if (p) {
    if (mproc_process_join(p, 60) != 0) {
      mproc_process_kill(p);
      mproc_process_join(p, MPROC_FOREVER);
    }
    mproc_process_destroy(p);
  }
  mproc_connection_destroy(a);
  mproc_connection_destroy(b);
  return result;
}

const bench_case_t bench_mproc_queue_64b[] = {
    {"queue.64b.mproc", q_setup_64, q_run, NULL},
    {"queue.64b.mproc_ring", q_setup_64r, q_run, NULL},
    {NULL, NULL, NULL, NULL}};
const bench_case_t bench_mproc_queue_4k[] = {
    {"queue.4k.mproc", q_setup_4k, q_run, NULL}, {NULL, NULL, NULL, NULL}};
const bench_case_t bench_mproc_simplequeue_64b[] = {
    {"simplequeue.64b.mproc", q_setup_s64, q_run, NULL},
    {NULL, NULL, NULL, NULL}};
const bench_case_t bench_mproc_queue_spill[] = {
    {"queue.64b.spill.mproc", s_setup, s_run, NULL}, {NULL, NULL, NULL, NULL}};
const bench_case_t bench_mproc_pipe_roundtrip[] = {
    {"pipe.roundtrip.mproc", p_setup, p_run, NULL}, {NULL, NULL, NULL, NULL}};

void bench_queue_register(void) {
  mproc_register("bench.qconsumer", child_qconsumer);
  mproc_register("bench.pecho", child_pecho);
  mproc_register("bench.sdrain", child_sdrain);
}
