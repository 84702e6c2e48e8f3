/* SPDX-License-Identifier: MIT */
/*
 * Pool: worker processes running registered tasks (CPython's
 * multiprocessing.Pool), on mproc's queues and processes.
 *
 * Shape. Each worker has its own task queue; all share one result queue.
 * A result thread in the parent (the "handler") hands chunks to workers
 * (an adaptive credit of them queued per worker, below), reads results,
 * and watches the workers. Because the parent knows exactly which chunks each
 * worker was given, and a queue's qsize() is exact, a worker that dies tells
 * the handler precisely which chunk it held (the one missing from its queue):
 * that chunk fails with MPROC_E_WORKER_DIED, the others go to other workers,
 * and a replacement starts. CPython's Pool hangs forever there (gh-66587).
 *
 * The sharing rule. Task arguments are encoded with mproc_encode() in the
 * caller, outside process creation, so a Lock among them fails there with
 * MPROC_E_INHERITANCE; initializer arguments are process arguments of each
 * worker, so they are inherited. Results come back encoded the same way.
 *
 * Messages (values):
 *   to a worker   [job id, chunk index, task name, layout, width, ntasks,
 *                 bytes], bytes being the chunk's arguments:
 *                   LAYOUT_FLAT     the mproc_encode() of ntasks * width
 *                                   values, width per task (map, apply)
 *                   LAYOUT_STAR     the mproc_encode() of ntasks tuples or
 *                                   lists, one task's arguments each
 *                                   (starmap; width unused)
 *                   LAYOUT_RECORDS  ntasks raw records of width bytes each,
 *                                   not encoded (map_records)
 *                 [STOP] ends the worker
 *   to the parent [worker slot, job id, chunk index, status, message, bytes]
 *                 where bytes is the values encoding of the chunk's results;
 *                 [WAKE] only wakes the handler
 */
#include "auth.h"
#include "codec/codec.h"
#include "pool.h"
#include "pool_transport.h"
#include "queue.h"
#include "spare.h"
#include "value/value.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HANDLER_POLL 0.05   /* seconds between worker checks */
#define INIT_FAILURES_MAX 3 /* initializer failures in a row */
#define TASK_QUEUE_CAPACITY (64 * 1024)
/*
 * Credit: how many chunks a worker has queued ahead of the one it runs.
 *
 * A fixed count (2, once) made every task of imap(chunksize=1) wait for a
 * round trip through this thread (~20 us a wake-up) while the worker sat
 * idle; a fixed large count instead lets one worker hoard the tail of a
 * call of long tasks while the other idles (a worker's ring cannot be
 * taken back). So the credit is measured in time: enough chunks to cover
 * CREDIT_AHEAD_NS of the worker's work, from the rate at which it answers
 * while busy; at least CREDIT_MIN, and never more bytes than
 * CREDIT_BYTES_MAX in its ring, so that the handler's puts always fit and
 * never wait (the handler is the only reader of the result queue, so it
 * must never block on a worker that may itself be blocked writing
 * results). Trivial tasks get hundreds of chunks queued; 100 us tasks
 * about ten; a chunk longer than CREDIT_AHEAD_NS, none ahead of it
 * (CREDIT_MIN, 1): with one queued behind a long chunk, the last chunks of
 * a call waited in a busy worker's ring while the other worker idled (up
 * to a chunk of the 8 of pool.cpu, 2 workers against 1), and the round
 * trip a free worker waits instead is under 5% of such a chunk. A new
 * worker starts at
 * CREDIT_MAX (bytes permitting): dispatch is round-robin, so a first call
 * is spread evenly, and its first answers measure the rate.
 *
 * The caller that submits a call hands out what credit allows itself,
 * rather than waking this thread to do it: that wake-up was the latency
 * every short call paid, and while a callback runs here, nothing else
 * would reach the workers.
 */
#define CREDIT_MIN 1u
#define CREDIT_MAX 4096u
#define CREDIT_AHEAD_NS 1000000  /* 1 ms of a worker's work queued */
#define CREDIT_WINDOW_NS 2000000 /* the rate is re-measured this often */
#define CREDIT_BYTES_MAX (TASK_QUEUE_CAPACITY / 2)
#define FRAME_COST 16 /* a frame header and alignment, at most */
/*
 * Chunks are split at submission until their message is at most
 * CHUNK_MSG_MAX, so two always fit in CREDIT_BYTES_MAX. A single task
 * whose arguments alone are larger is "large": it goes only to a worker
 * with nothing outstanding, which is waiting in get() and so drains the
 * message while the handler streams it.
 */
#define CHUNK_MSG_MAX (CREDIT_BYTES_MAX / 2 - FRAME_COST)
#define RESULT_QUEUE_CAPACITY (256 * 1024)
/* The smallest buffer whose pages are asked for in one call
 * (mproc__mem_prefault()) rather than faulted in one by one. */
#define PREFAULT_MIN (256 * 1024)
#define MSG_STOP (-1)
#define MSG_WAKE (-2)
enum { LAYOUT_FLAT, LAYOUT_STAR, LAYOUT_RECORDS };
/* What a worker gives a task's records: malloc's alignment on every
 * platform mproc builds for (16 on 64-bit glibc and mingw). A record is
 * realigned only when the message landed elsewhere. */
#define RECORD_ALIGN 16
/* The largest record: one message, less room for the rest of it. */
#define RECORD_MAX (MPROC_QUEUE_MSG_MAX - 4096)
#define EXIT_INIT_FAILED MPROC__POOL_EXIT_INIT_FAILED
#define EXIT_BAD_ARGS 5
/*
 * The longest task error message carried, in bytes: what fits in one
 * result queue message with the rest of the reply. CPython delivers a
 * worker's exception message whole, however long; cutting at a fixed
 * buffer (511 bytes, once) loses what a caller needs to see. Longer ones
 * are cut here rather than failing the reply (which would lose all of it).
 */
#define TASK_MESSAGE_MAX (MPROC_QUEUE_MSG_MAX - 4096)
#define NO_MEMORY_MESSAGE "(out of memory copying the task's error message)"

/* ------------------------------------------------------------------------ */
/* Task registry                                                            */
/* ------------------------------------------------------------------------ */

/* One registry for tasks and process functions: process.c. */
static const char *task_name(mproc_task_fn fn) {
  return mproc__registry_task_name(fn);
}

static mproc_task_fn task_fn(const char *name) {
  return mproc__registry_task_fn(name);
}

/* ------------------------------------------------------------------------ */
/* Running a task (in the worker)                                           */
/* ------------------------------------------------------------------------ */

struct mproc_task {
  /* The chunk's results so far; this task's result goes at out->p + mark.
   * Written straight there: a buffer per task (encode, copy, free) was a
   * third of a trivial task's cost in the worker. */
  mproc__wbuf_t *out;
  size_t mark;
  bool has_result;
  char *message; /* mproc_task_set_error(), whole; NULL if none */
};

/* A heap copy of @p s, cut at @p max bytes; NULL if out of memory. */
static char *dup_max(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n > max)
    n = max;
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* Sets *msg to a heap string formatted from @p fmt (NULL if out of
 * memory), freeing the one it held. */
static void msg_printf(char **msg, const char *fmt, ...) MPROC__PRINTF(2, 3);
static void msg_printf(char **msg, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[1];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  char *d = n < 0 ? NULL : malloc((size_t)n + 1);
  if (d) {
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  free(*msg);
  *msg = d;
}

int mproc_task_set_result(mproc_task_t *task, const mproc_value_t *result) {
  if (!task || !result)
    return mproc__err(MPROC_E_INVAL, "mproc_task_set_result: NULL argument");
  mproc__wbuf_t *out = task->out;
  if (out->err) /* an earlier task's result is already lost */
    return mproc__err(MPROC_E_NOMEM, "collecting results: out of memory");
  /* A second call replaces the first; a failed one leaves none. The value
   * goes in as an item of the chunk's one encoding of results. */
  out->len = task->mark;
  int rc = mproc__value_encode_fast(out, result, 0);
  if (rc < 0) {
    out->len = task->mark;
    out->err = 0;
    task->has_result = false;
    return rc;
  }
  task->has_result = true;
  return 0;
}

int mproc_task_set_error(mproc_task_t *task, const char *message) {
  if (!task || !message)
    return mproc__err(MPROC_E_INVAL, "mproc_task_set_error: NULL argument");
  char *copy = dup_max(message, TASK_MESSAGE_MAX);
  if (!copy)
    return mproc__err(MPROC_E_NOMEM, "copying a task's error message");
  free(task->message);
  task->message = copy;
  return 0;
}

/* What a worker keeps from one chunk to the next, so that a chunk costs
 * no allocation once these have grown to its size: the message as it
 * arrived, the reply being built, and the arguments when they are all
 * scalars (decoded in place of mproc_decode()'s block per chunk). */
typedef struct worker_io {
  uint8_t *in;
  size_t in_cap;
  mproc__wbuf_t out;
  mproc_value_t *args;
  size_t args_cap;
} worker_io_t;

static void worker_io_free(worker_io_t *io) {
  free(io->in);
  free(io->out.p);
  free(io->args);
}

/* A chunk's arguments in the worker, as each task sees them. */
typedef struct chunk_args {
  int layout;
  size_t width, ntasks;
  mproc_value_t *vals; /* FLAT, STAR: decoded */
  size_t nvals;
  bool borrowed;          /* ... into the worker's io->args, not a block */
  const uint8_t *records; /* RECORDS: ntasks * width bytes */
  uint8_t *realigned;     /* ... when they had to be moved; else NULL */
  mproc_value_t record;   /* ... the current task's one argument */
} chunk_args_t;

/* Flat arguments that are all scalars, straight into io->args; 1 if some
 * are not (then mproc_decode() reads them). */
static int chunk_args_scalars(chunk_args_t *a, const uint8_t *buf, size_t len,
                              worker_io_t *io) {
  size_t n = a->ntasks * a->width;
  if (n > io->args_cap) {
    mproc_value_t *v = realloc(io->args, n * sizeof *v);
    if (!v)
      return 1; /* the general path says out of memory in its words */
    io->args = v;
    io->args_cap = n;
  }
  int rc = mproc__values_decode_scalars(buf, len, io->args, n);
  if (rc == 0) {
    a->vals = io->args;
    a->nvals = n;
    a->borrowed = true;
  }
  return rc;
}

/* Reads a chunk's arguments; the failure's message goes into *msg. */
static int chunk_args_open(chunk_args_t *a, const uint8_t *buf, size_t len,
                           worker_io_t *io, char **msg) {
  if (a->layout == LAYOUT_RECORDS) {
    if (a->width == 0 || len / a->width != a->ntasks || len % a->width) {
      msg_printf(msg, "malformed task records");
      return MPROC_E_DECODE;
    }
    a->records = buf;
    /* Where the message landed in the decoded block is the codec's
     * business; the header promises malloc's alignment, so that a task
     * may read a struct in place. Copying every chunk costs a memcpy;
     * copying only a misaligned one costs nothing when it is not. */
    if ((uintptr_t)buf % RECORD_ALIGN != 0 && len) {
      a->realigned = malloc(len);
      if (!a->realigned) {
        msg_printf(msg, "out of memory copying %zu bytes of records", len);
        return MPROC_E_NOMEM;
      }
      memcpy(a->realigned, buf, len);
      a->records = a->realigned;
    }
    return 0;
  }
  if (a->layout == LAYOUT_FLAT && a->width &&
      a->ntasks > MPROC_VALUE_MAX_COUNT / a->width) {
    msg_printf(msg, "malformed task arguments");
    return MPROC_E_DECODE;
  }
  int rc = a->layout == LAYOUT_FLAT ? chunk_args_scalars(a, buf, len, io) : 1;
  if (rc == 1)
    rc = mproc_decode(buf, len, &a->vals, &a->nvals);
  size_t want = a->layout == LAYOUT_STAR ? a->ntasks : a->ntasks * a->width;
  if (rc < 0 || a->nvals != want) {
    msg_printf(msg, "malformed task arguments");
    return rc < 0 ? rc : MPROC_E_DECODE;
  }
  if (a->layout == LAYOUT_STAR)
    for (size_t i = 0; i < a->ntasks; i++)
      if (a->vals[i].type != MPROC_VALUE_TUPLE &&
          a->vals[i].type != MPROC_VALUE_LIST) {
        msg_printf(msg, "malformed task arguments");
        return MPROC_E_DECODE;
      }
  return 0;
}

/* Task @p i's arguments. */
static const mproc_value_t *chunk_args_at(chunk_args_t *a, size_t i,
                                          size_t *nargs) {
  switch (a->layout) {
  case LAYOUT_RECORDS:
    a->record = mproc_bytes(a->records + i * a->width, a->width);
    *nargs = 1;
    return &a->record;
  case LAYOUT_STAR:
    *nargs = a->vals[i].u.seq.n;
    return a->vals[i].u.seq.items;
  default:
    *nargs = a->width;
    return a->vals + i * a->width;
  }
}

static void chunk_args_close(chunk_args_t *a) {
  if (!a->borrowed)
    mproc_values_free(a->vals, a->nvals);
  free(a->realigned);
}

/* Runs one chunk; writes the results into @p out, or the failure's
 * message into *msg (a heap string, NULL if out of memory). */
static int run_chunk(const char *name, const uint8_t *args, size_t args_len,
                     int64_t layout, int64_t width, int64_t ntasks,
                     worker_io_t *io, char **msg) {
  mproc__wbuf_t *out = &io->out;
  mproc_task_fn fn = task_fn(name);
  if (!fn) {
    msg_printf(msg,
               "task \"%s\" is not registered in the worker; register it "
               "before mproc_boot()",
               name);
    return MPROC_E_NOTFOUND;
  }
  if (layout < LAYOUT_FLAT || layout > LAYOUT_RECORDS || width < 0 ||
      ntasks < 0 || (uint64_t)ntasks > MPROC_VALUE_MAX_COUNT) {
    msg_printf(msg, "malformed task message");
    return MPROC_E_DECODE;
  }
  chunk_args_t a;
  memset(&a, 0, sizeof a);
  a.layout = (int)layout;
  a.width = (size_t)width;
  a.ntasks = (size_t)ntasks;
  int rc = chunk_args_open(&a, args, args_len, io, msg);
  if (rc < 0) {
    chunk_args_close(&a);
    return rc;
  }
  mproc__put_raw(out, "MPV\x01", 4);
  mproc__put_u32(out, (uint32_t)ntasks);
  for (int64_t i = 0; i < ntasks; i++) {
    mproc_task_t task = {out, out->len, false, NULL};
    size_t nargs = a.width;
    /* apply() with no arguments has vals NULL: NULL + 0 is undefined */
    const mproc_value_t *targs = a.layout != LAYOUT_FLAT
                                     ? chunk_args_at(&a, (size_t)i, &nargs)
                                 : a.vals ? a.vals + (size_t)i * a.width
                                          : NULL;
    mproc__err_clear();
    rc = fn(targs, nargs, &task);
    if (rc == 0) {
      if (!task.has_result) {
        out->len = task.mark;
        mproc__put_u8(out, 0); /* None */
      }
    } else {
      if (rc > 0)
        rc = MPROC_E_VALUE;
      free(*msg);
      *msg = task.message ? task.message
                          : dup_max(mproc_last_error(), TASK_MESSAGE_MAX);
      task.message = NULL;
    }
    if (task.message) /* set, then the task succeeded after all */
      free(task.message);
    if (rc < 0)
      break; /* a failed task fails its chunk, as in CPython */
  }
  chunk_args_close(&a);
  if (rc == 0 && out->err) {
    msg_printf(msg, "out of memory collecting results");
    rc = out->err;
  }
  return rc;
}

/* Overwrites the int encoded at @p at (MPROC__INT_ENCODED bytes, written
 * there before) with @p v. */
static void int_at(mproc__wbuf_t *b, size_t at, int64_t v) {
  size_t len = b->len;
  mproc_value_t x = mproc_int(v);
  b->len = at;
  (void)mproc__value_encode_one(b, &x, 0); /* the room is there */
  b->len = len;
}

/* Sets the length of the bytes value whose head is at @p at to what was
 * written after it. */
static void bytes_end(mproc__wbuf_t *b, size_t at) {
  if (b->err)
    return;
  uint32_t n = (uint32_t)(b->len - at - MPROC__BYTES_HEAD);
  for (int i = 0; i < 4; i++)
    b->p[at + 1 + (size_t)i] = (uint8_t)(n >> (8 * i));
}

/* Starts a bytes value to be filled by the caller; its head's offset. */
static size_t bytes_begin(mproc__wbuf_t *b) {
  size_t at = b->len;
  mproc_value_t x = mproc_bytes(NULL, 0);
  (void)mproc__value_encode_one(b, &x, 0);
  return at;
}

static void put_int(mproc__wbuf_t *b, int64_t v) {
  mproc_value_t x = mproc_int(v);
  (void)mproc__value_encode_one(b, &x, 0);
}

/*
 * A worker's answer, built in io->out and sent as it is (put_bytes), the
 * chunk's results written in place by its tasks (mproc_task_set_result):
 * the values [slot, job id, chunk index, status, results, message], where
 * results is the bytes of one values encoding of the chunk's results.
 * Status and results come before the message, which is known last: an
 * int has a fixed size, so its place is kept and filled in.
 */
typedef struct reply {
  size_t status_at, results_at;
} reply_t;

static void reply_begin(mproc__wbuf_t *out, reply_t *r, int64_t slot,
                        int64_t job, int64_t chunk) {
  out->len = 0;
  mproc__put_raw(out, "MPV\x01", 4);
  mproc__put_u32(out, 6);
  put_int(out, slot);
  put_int(out, job);
  put_int(out, chunk);
  r->status_at = out->len;
  put_int(out, 0);
  r->results_at = bytes_begin(out);
}

/* Ends the reply: the results written since reply_begin() if @p rc is 0,
 * else none and @p text. False if out of memory. */
static bool reply_end(mproc__wbuf_t *out, const reply_t *r, int rc,
                      const char *text) {
  if (rc != 0 && !out->err)
    out->len = r->results_at + MPROC__BYTES_HEAD;
  bytes_end(out, r->results_at);
  int_at(out, r->status_at, rc);
  mproc_value_t m = mproc_str(text);
  return mproc__value_encode_one(out, &m, 0) == 0;
}

/* A reply of failure @p rc alone, in a fresh buffer when @p out failed. */
static bool reply_failure(mproc__wbuf_t *out, int64_t slot, int64_t job,
                          int64_t chunk, int rc, const char *text) {
  if (out->err) {
    free(out->p);
    *out = (mproc__wbuf_t){0};
  }
  reply_t r;
  reply_begin(out, &r, slot, job, chunk);
  return reply_end(out, &r, rc, text);
}

/* The chunk message's fields (see the top of this file), read in place. */
enum { M_JOB, M_CHUNK, M_NAME, M_LAYOUT, M_WIDTH, M_NTASKS, M_ARGS, M_COUNT };

/*
 * Runs one chunk message of @p len bytes at io->in for worker @p slot and
 * builds its answer in io->out. 1 for the pool's STOP, 0 when the answer
 * is there, MPROC_E_DECODE for a message that is not the pool's,
 * MPROC_E_NOMEM when no answer could be built. Shared by the local worker
 * and a remote one (mproc__pool_remote_chunk), so the two answer alike.
 */
static int serve_message(worker_io_t *io, size_t len, int64_t slot) {
  mproc__view_t m[M_COUNT];
  if (mproc__values_view(io->in, len, m, 1) == 0 &&
      m[0].type == MPROC_VALUE_INT && m[0].i == MSG_STOP)
    return 1;
  if (mproc__values_view(io->in, len, m, M_COUNT) != 0 ||
      m[M_JOB].type != MPROC_VALUE_INT || m[M_CHUNK].type != MPROC_VALUE_INT ||
      m[M_NAME].type != MPROC_VALUE_STR ||
      m[M_LAYOUT].type != MPROC_VALUE_INT ||
      m[M_WIDTH].type != MPROC_VALUE_INT ||
      m[M_NTASKS].type != MPROC_VALUE_INT ||
      m[M_ARGS].type != MPROC_VALUE_BYTES)
    return MPROC_E_DECODE;
  /* The name as a C string: registered names are short. */
  char small[128];
  char *name = m[M_NAME].len < sizeof small ? small : malloc(m[M_NAME].len + 1);
  if (!name)
    return MPROC_E_NOMEM;
  memcpy(name, m[M_NAME].p, m[M_NAME].len);
  name[m[M_NAME].len] = '\0';
  char *msg = NULL;
  reply_t r;
  reply_begin(&io->out, &r, slot, m[M_JOB].i, m[M_CHUNK].i);
  int rc = run_chunk(name, m[M_ARGS].p, m[M_ARGS].len, m[M_LAYOUT].i,
                     m[M_WIDTH].i, m[M_NTASKS].i, io, &msg);
  if (name != small)
    free(name);
  const char *text = rc == 0 ? "" : msg ? msg : NO_MEMORY_MESSAGE;
  bool ok = reply_end(&io->out, &r, rc, text) ||
            reply_failure(&io->out, slot, m[M_JOB].i, m[M_CHUNK].i,
                          MPROC_E_NOMEM, "out of memory collecting results");
  free(msg);
  return ok ? 0 : MPROC_E_NOMEM;
}

/* Replaces the answer in io->out, whose results cannot travel (@p rc), by
 * one that says so; false if out of memory. */
static bool reply_unsendable(worker_io_t *io, int rc) {
  mproc__view_t m[6];
  if (mproc__values_view(io->out.p, io->out.len, m, 6) != 0)
    return false;
  char *msg = NULL;
  msg_printf(&msg, "the results could not be sent: %s", mproc_last_error());
  mproc__wbuf_t out = {0};
  bool ok = reply_failure(&out, m[0].i, m[1].i, m[2].i, rc,
                          msg ? msg : "the results could not be sent");
  free(msg);
  free(io->out.p);
  io->out = out;
  return ok;
}

/* Takes the next message from @p q into *buf (*cap bytes, kept from call
 * to call), growing it to fit with a byte to spare; its length in *len. */
static int recv_into(mproc_queue_t *q, double timeout, uint8_t **buf,
                     size_t *cap, size_t *len) {
  for (;;) {
    size_t room = *cap ? *cap - 1 : 0;
    int rc = mproc_queue_get_bytes(q, *buf, room, len, timeout);
    if (rc != MPROC_E_TOOBIG || *len < room)
      return rc;
    /* Too large for the buffer: it stays in the queue until this grows. */
    size_t want = *len + 1 > 2 * *cap ? *len + 1 : 2 * *cap;
    uint8_t *p = realloc(*buf, want);
    if (!p)
      return mproc__err(MPROC_E_NOMEM, "receiving a message of %zu bytes",
                        *len);
    *buf = p;
    *cap = want;
  }
}

/*
 * The worker process: args are [result queue, task queue, slot,
 * initializer name or None, maxtasks, initargs...].
 */
int mproc__pool_worker(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *results, *queue;
  int64_t slot, maxtasks;
  if (nargs < 5 || mproc_value_as_queue(&args[0], &results) != 0 ||
      mproc_value_as_queue(&args[1], &queue) != 0 ||
      mproc_value_as_int(&args[2], &slot) != 0 ||
      mproc_value_as_int(&args[4], &maxtasks) != 0)
    return EXIT_BAD_ARGS;
  if (args[3].type == MPROC_VALUE_STR) {
    mproc_fn init = mproc__registry_fn(args[3].u.s);
    if (!init || init(args + 5, nargs - 5) != 0)
      return EXIT_INIT_FAILED;
  }
  worker_io_t io = {0};
  int code = 0;
  for (int64_t done = 0; maxtasks == 0 || done < maxtasks; done++) {
    size_t len = 0;
    if (recv_into(queue, MPROC_FOREVER, &io.in, &io.in_cap, &len) != 0)
      break; /* the pool closed or broke our queue: nothing to do */
    int rc = serve_message(&io, len, slot);
    if (rc != 0) {
      code = rc == 1 ? 0 : EXIT_BAD_ARGS;
      break;
    }
    int prc =
        mproc_queue_put_bytes(results, io.out.p, io.out.len, MPROC_FOREVER);
    if ((prc == MPROC_E_TOOBIG || prc == MPROC_E_NOMEM) &&
        reply_unsendable(&io, prc))
      prc = mproc_queue_put_bytes(results, io.out.p, io.out.len, MPROC_FOREVER);
    if (prc != 0)
      break;
  }
  worker_io_free(&io);
  return code; /* 0 at maxtasksperchild: the pool starts a replacement */
}

int mproc__pool_remote_init(const char *name, const mproc_value_t *args,
                            size_t nargs) {
  if (!name)
    return 0;
  mproc_fn init = mproc__registry_fn(name);
  return !init || init(args, nargs) != 0 ? EXIT_INIT_FAILED : 0;
}

int mproc__pool_remote_chunk(const void *msg, size_t len, int64_t slot,
                             void **reply, size_t *reply_len) {
  *reply = NULL;
  *reply_len = 0;
  /* The message is read in place; only the view's buffer is borrowed. */
  worker_io_t io = {0};
  io.in = (uint8_t *)(uintptr_t)msg;
  int rc = serve_message(&io, len, slot);
  io.in = NULL;
  if (rc == 0 && io.out.len > MPROC_QUEUE_MSG_MAX &&
      !reply_unsendable(&io, MPROC_E_TOOBIG))
    rc = MPROC_E_NOMEM;
  if (rc == 0) {
    *reply = io.out.p;
    *reply_len = io.out.len;
    io.out.p = NULL;
  } else if (rc < 0) {
    rc = mproc__err(rc, "not a message of a pool");
  }
  worker_io_free(&io);
  return rc;
}

void mproc__pool_set_authkey(const uint8_t key[MPROC_AUTHKEY_LEN]) {
  mproc__authkey_set(key);
}

int mproc__pool_err(int status, const char *detail) {
  return mproc__err(status, "%s", detail);
}

/* ------------------------------------------------------------------------ */
/* Parent-side state                                                        */
/* ------------------------------------------------------------------------ */

/* The mutex and condition variable shared by a pool and its calls; freed
 * by whichever of them lets go last, so a call's handle outlives its pool. */
typedef struct hub {
  mproc__mutex_t *mu;
  mproc__cond_t *cond;
  int refs;      /* under mu */
  int64_t owner; /* the pid of the process that created the pool */
  /* mproc__thread_id() of the pool's thread while it runs, else 0 (under
   * mu): the thread that runs callbacks, and the only one that finishes
   * calls, so it must never wait for one. */
  uint32_t handler_tid;
} hub_t;

/* A pool and its calls belong to the process that created them. A fork
 * child has copies, but not the pool's thread, and the mutex may be in
 * whatever state another thread of the parent left it: in the child every
 * call is refused, and destroying a copy does nothing (as in CPython, where
 * a Pool works only in the process that made it). */
static int hub_here(const hub_t *h, const char *what) {
  if (h->owner == mproc__getpid())
    return 0;
  return mproc__err(MPROC_E_STATE,
                    "%s: a pool and its calls can be used only by the "
                    "process that created them",
                    what);
}

typedef struct chunk {
  struct job *job;
  size_t index, first, count;
  uint8_t *msg; /* the worker message, encoded: inside the job's enc, or
                   (a lazy job) its own allocation */
  size_t msg_len, msg_off; /* ... its offset in enc, while that grows */
  uint8_t *result;         /* the values encoding of its results, once done */
  size_t result_len;
  int status; /* 0, or the chunk's failure */
  char *message;
  bool done;
  bool live;          /* a lazy job's slot holds a chunk not yet handed back */
  int64_t given_ns;   /* when given to a worker with credit 1, else 0 */
  struct chunk *next; /* pending FIFO or a worker's outstanding list */
} chunk_t;

typedef enum { JOB_APPLY, JOB_MAP, JOB_IMAP, JOB_IMAP_UNORDERED } job_kind_t;

typedef struct job {
  hub_t *hub;
  int refs; /* the pool's and the user's, under hub->mu */
  int64_t id;
  job_kind_t kind;
  size_t ntasks, nchunks, chunks_done;
  chunk_t *chunks;
  bool done;
  int status; /* the first failure */
  char *message;
  mproc_callbacks_t cb;
  /* The messages of a job with its items up front, one after the other in
   * one buffer: one allocation per call, not two per chunk. Of enc_cap
   * bytes, and kept for the next call when large (spare.c). */
  uint8_t *enc;
  size_t enc_cap;
  /* map and apply: the results, decoded straight here by the pool's thread
   * as each chunk answers, when they are all scalars; the array handed to
   * the caller of a blocking call as it is. A chunk with any other kind of
   * result keeps its encoding instead (chunk->result) and sets general.
   * vals_cap: its size in bytes, for the spare blocks (spare.c). */
  mproc_value_t *vals;
  size_t vals_cap;
  bool general;
  /* iteration */
  size_t it_chunk, it_pos;  /* ordered: next chunk, next task in it */
  size_t *arrived;          /* unordered: chunks in completion order */
  size_t narrived, it_next; /* ... how many, and the next to give */
  mproc_value_t *it_vals;   /* the decoded results of the current chunk */
  size_t it_nvals;
  struct job *next; /* the pool's list of unfinished jobs */
  /*
   * Lazy input (the _gen calls). chunks[] is then a ring of cap slots, a
   * chunk's slot freed once the caller has been handed its results; cap is
   * bound + 1, as every chunk in flight holds at least one task (and one
   * more may hold a generator's failure). Ordered: chunk i is in slot
   * i % cap, since the chunks in flight are consecutive; unordered, they
   * are not, so slots come from a free list (free_slots) and arrived[]
   * holds slots, as a ring too.
   */
  bool lazy;
  bool gen_open;           /* the generator may be called (under hub->mu); false
                              once it ended or failed, the iterator was destroyed,
                              or the pool failed the job (fail_all) */
  bool gen_busy;           /* a caller is running it (outside the mutex) */
  struct mproc_pool *pool; /* alive while gen_open (fail_all clears it) */
  mproc_task_gen_fn gen;
  void *gen_ctx;
  const char *name; /* the task's registered name */
  size_t cap, bound, chunk_size;
  size_t inflight;  /* tasks in chunks not yet handed back */
  size_t next_task; /* the index of the next item */
  size_t *free_slots, nfree;
} job_t;

struct mproc_async {
  job_t job;
};
struct mproc_iter {
  job_t job;
};

typedef struct worker {
  bool up;                      /* started, not yet reaped */
  mproc_process_t *proc;        /* the local transport's: its process */
  mproc_queue_t *queue;         /* ... and its task queue */
  chunk_t *out_head, *out_tail; /* given, not answered, in order */
  unsigned nout;                /* chunks given, not answered */
  size_t bytes;      /* ... their messages' bytes in its ring, at most */
  unsigned credit;   /* chunks it may have outstanding (see CREDIT_MIN) */
  uint64_t given;    /* chunks this process was given (maxtasksperchild) */
  int64_t win_start; /* the credit's measuring window: since when, */
  unsigned win_done; /* ... and how many answers came meanwhile */
} worker_t;

typedef enum { POOL_RUNNING, POOL_CLOSED, POOL_TERMINATED } pool_state_t;

struct mproc_pool {
  mproc_object_t base;
  hub_t *hub;
  mproc_queue_t *results;
  worker_t *workers;
  unsigned nworkers;
  uint8_t *rx; /* the pool's thread's receive buffer, rx_cap bytes */
  size_t rx_cap;
  const mproc__pool_transport_t *tp; /* where the workers run */
  void *tp_ctx;
  mproc_start_method_t method;
  const char *init_name;
  mproc_value_t *initargs; /* copied */
  size_t ninitargs;
  unsigned maxtasks;
  chunk_t *pending_head, *pending_tail;
  job_t *jobs;
  int64_t next_job;
  pool_state_t state;
  int broken; /* a status once the pool cannot go on */
  char broken_msg[256];
  unsigned init_failures;
  bool handler_started, handler_done;
  /* The handler thread, until someone joins it: the first mproc_pool_join
   * that sees handler_done, or mproc_pool_destroy. Joined, not detached,
   * so that no code of the pool runs once destroy returns (a fork then
   * would copy an allocator lock the exiting thread holds). */
  mproc__thread_t *handler;
  /* Terminates the pool when the process ends (process.c), before its
   * children are joined, as CPython's Pool finalizer (exitpriority 15). */
  mproc__exit_hook_t at_exit;
  bool spare_held; /* one of the spare blocks' holds (spare.c) is this one's */
  int start_status;
  char start_msg[256];
};

static void hub_release(hub_t *h) {
  mproc__mutex_lock(h->mu);
  bool last = --h->refs == 0;
  mproc__mutex_unlock(h->mu);
  if (last) {
    mproc__cond_destroy(h->cond);
    mproc__mutex_destroy(h->mu);
    free(h);
  }
}

static void job_free(job_t *j) {
  size_t nslots = j->lazy ? j->cap : j->nchunks;
  for (size_t i = 0; i < nslots; i++) {
    if (j->lazy)
      free(j->chunks[i].msg);
    free(j->chunks[i].result);
    free(j->chunks[i].message);
  }
  free(j->chunks);
  mproc__spare_keep(j->enc, j->enc_cap);
  mproc__spare_keep(j->vals, j->vals_cap);
  free(j->message);
  free(j->arrived);
  free(j->free_slots);
  mproc_values_free(j->it_vals, j->it_nvals);
  hub_t *h = j->hub;
  free(j);
  hub_release(h);
}

/* Drops one reference; the caller holds hub->mu, which this releases. */
static void job_unref_unlock(job_t *j) {
  bool last = --j->refs == 0;
  mproc__mutex_unlock(j->hub->mu);
  if (last)
    job_free(j);
}

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

/* Where the @p k th chunk (ordered) or arrival (unordered) is kept. */
static size_t ring_at(const job_t *j, size_t k) {
  return j->lazy ? k % j->cap : k;
}

/* Records a chunk's outcome; the caller holds the mutex. Returns true when
 * that was the job's last chunk: the caller then settles the job
 * (job_complete), which runs its callbacks and only then marks it done. */
static bool chunk_finish(chunk_t *c, int status, const char *msg,
                         uint8_t *result, size_t result_len) {
  job_t *j = c->job;
  if (c->done) {
    free(result);
    return false;
  }
  c->done = true;
  c->status = status;
  c->result = result;
  c->result_len = result_len;
  if (status < 0) {
    c->message = dup_str(msg ? msg : "");
    if (j->status == 0) {
      j->status = status;
      j->message = dup_str(msg ? msg : "");
    }
  }
  if (j->arrived)
    j->arrived[ring_at(j, j->narrived++)] = (size_t)(c - j->chunks);
  j->chunks_done++;
  return j->chunks_done == j->nchunks && !j->gen_open;
}

/* ------------------------------------------------------------------------ */
/* Results                                                                  */
/* ------------------------------------------------------------------------ */

/* The results of a finished, successful job as one values array: the
 * chunks' encodings joined under one header, decoded once. A chunk decoded
 * into j->vals already is encoded again here: this is the path of calls
 * with results of other kinds than scalars (strings, containers). */
static int job_results_general(job_t *j, mproc_value_t **out, size_t *n) {
  mproc__wbuf_t b = {0};
  mproc__put_raw(&b, "MPV\x01", 4);
  mproc__put_u32(&b, (uint32_t)j->ntasks);
  int rc = 0;
  for (size_t i = 0; i < j->nchunks && rc == 0; i++) {
    const chunk_t *c = &j->chunks[i];
    if (c->result_len > 8)
      mproc__put_raw(&b, c->result + 8, c->result_len - 8);
    else if (j->vals && !c->result)
      for (size_t k = 0; k < c->count && rc == 0; k++)
        rc = mproc__value_encode_one(&b, &j->vals[c->first + k], k);
  }
  if (rc == 0 && b.err)
    rc = mproc__err(MPROC_E_NOMEM, "collecting results");
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  rc = mproc_decode(b.p, b.len, out, n);
  free(b.p);
  /* The chunks decoded one by one in their workers' replies; together
   * they can pass the one-block limit, and that is all that fails here. */
  if (rc == MPROC_E_DECODE)
    return mproc__err(MPROC_E_TOOBIG, "the call's results together: %s",
                      mproc_last_error());
  return rc;
}

/* The results of a finished, successful job for its caller. With @p take
 * (a blocking call, whose only reader this is) the decoded array itself,
 * else a copy. */
static int job_results(job_t *j, mproc_value_t **out, size_t *n, bool take) {
  if (!j->vals || j->general)
    return job_results_general(j, out, n);
  if (take) {
    *out = j->vals;
    j->vals = NULL;
  } else {
    *out = malloc(j->ntasks * sizeof **out);
    if (!*out)
      return mproc__err(MPROC_E_NOMEM, "collecting results");
    memcpy(*out, j->vals, j->ntasks * sizeof **out);
  }
  *n = j->ntasks;
  return 0;
}

static void run_callbacks(job_t *j) {
  if (j->status < 0) {
    if (j->cb.on_error)
      j->cb.on_error(j->cb.userdata, j->status, j->message ? j->message : "");
    return;
  }
  if (!j->cb.on_result)
    return;
  if (j->vals && !j->general) { /* lent to the callback, not copied */
    j->cb.on_result(j->cb.userdata, j->vals, j->ntasks);
    return;
  }
  mproc_value_t *vals = NULL;
  size_t n = 0;
  if (job_results(j, &vals, &n, false) == 0) {
    j->cb.on_result(j->cb.userdata, vals, n);
    mproc_values_free(vals, n);
  } else if (j->cb.on_error) {
    j->cb.on_error(j->cb.userdata, MPROC_E_NOMEM, mproc_last_error());
  }
}

/*
 * Runs the callbacks of a job whose every chunk has finished, then marks it
 * done and wakes its waiters; the caller must not hold the mutex.
 *
 * Callbacks first, as CPython's ApplyResult._set (callback, then
 * _event.set()): a get() or wait() that returned may rely on the callback
 * having finished, so callback data may live in the caller's frame. The
 * other order (done, then callbacks) let get() return while the callback
 * still wrote into that frame. The mutex is not held during the callbacks,
 * so a callback may call back into the pool: ready() on its own call says
 * 0 (not yet set, as CPython's event), and waiting for a call from there is
 * refused (wait_done), since this thread is the one that would finish it.
 */
static void job_settle(job_t *j) {
  run_callbacks(j);
  mproc__mutex_lock(j->hub->mu);
  j->done = true;
  mproc__cond_broadcast(j->hub->cond);
  mproc__mutex_unlock(j->hub->mu);
}

/* ------------------------------------------------------------------------ */
/* The handler thread                                                       */
/* ------------------------------------------------------------------------ */

/*
 * A nudge, never a wait: the handler polls every HANDLER_POLL and re-reads
 * the state after any message, so a lost wake-up costs at most that. When
 * the result queue's producer lock is taken, a worker's answer is on its
 * way and wakes the handler as well; when the ring is full, the handler
 * has reading to do. A timeout-0 mproc_queue_put() waited out another
 * process's hold of that lock (up to half a second, a descheduled worker
 * on a loaded machine), so close() or apply_async() parked on the
 * caller's thread, and a failure of that park was dropped here: an OS
 * error swallowed, which the fault walk (tests/test_fault.c) caught as a
 * flake under load.
 */
static void wake_handler(mproc_pool_t *p) {
  mproc_value_t v = mproc_int(MSG_WAKE);
  mproc__queue_put_hint(p->results, &v, 1);
}

/* Resets worker @p w's accounting for a new process or after fail_all. */
static void worker_reset(worker_t *w) {
  w->out_head = w->out_tail = NULL;
  w->nout = 0;
  w->bytes = 0;
}

/* The local transport: worker processes of this machine, each with its
 * own task queue. */
static int local_start(void *ctx, const mproc__pool_start_t *s) {
  mproc_pool_t *p = ctx;
  worker_t *w = &p->workers[s->slot];
  mproc_queue_options_t qo = {0, TASK_QUEUE_CAPACITY};
  int rc = mproc_queue_create(&w->queue, &qo);
  if (rc < 0)
    return rc;
  size_t nargs = 5 + s->ninitargs;
  mproc_value_t *args = calloc(nargs, sizeof *args);
  if (!args) {
    mproc_queue_destroy(w->queue);
    w->queue = NULL;
    return mproc__err(MPROC_E_NOMEM, "starting a worker");
  }
  args[0] = mproc_obj(s->results);
  args[1] = mproc_obj(w->queue);
  args[2] = mproc_int(s->slot);
  args[3] = s->init_name ? mproc_str(s->init_name) : mproc_none();
  args[4] = mproc_int(s->maxtasks);
  for (size_t i = 0; i < s->ninitargs; i++)
    args[5 + i] = s->initargs[i];
  mproc_process_options_t po = {.start_method = p->method, .daemon = true};
  rc = mproc_process_start(&w->proc, mproc__pool_worker, args, nargs, &po);
  free(args);
  if (rc < 0) {
    mproc_queue_destroy(w->queue);
    w->queue = NULL;
    w->proc = NULL;
  }
  return rc;
}

static int local_give(void *ctx, unsigned slot, const void *msg, size_t len) {
  mproc_pool_t *p = ctx;
  return mproc_queue_put_bytes(p->workers[slot].queue, msg, len, 0);
}

static int local_alive(void *ctx, unsigned slot) {
  mproc_pool_t *p = ctx;
  return mproc_process_is_alive(p->workers[slot].proc) != 0;
}

static void local_reap(void *ctx, unsigned slot, mproc__pool_end_t *end) {
  mproc_pool_t *p = ctx;
  worker_t *w = &p->workers[slot];
  int64_t pid = mproc_process_pid(w->proc);
  end->code = 0;
  mproc_process_exitcode(w->proc, &end->code);
  mproc_process_destroy(w->proc);
  w->proc = NULL;
  /* A queue's qsize() is exact: the chunks it never took are still there. */
  if (mproc_queue_qsize(w->queue, &end->unread) != 0)
    end->unread = SIZE_MAX;
  mproc_queue_destroy(w->queue);
  w->queue = NULL;
  snprintf(end->who, sizeof end->who, "the worker process (pid %lld)",
           (long long)pid);
}

static void local_stop(void *ctx, unsigned slot, bool terminate) {
  mproc_pool_t *p = ctx;
  worker_t *w = &p->workers[slot];
  mproc_value_t stop = mproc_int(MSG_STOP);
  if (terminate || mproc_queue_put(w->queue, &stop, 1, 1.0) != 0)
    mproc_process_terminate(w->proc);
}

static void local_join(void *ctx, unsigned slot, bool terminate) {
  mproc_pool_t *p = ctx;
  worker_t *w = &p->workers[slot];
  if (mproc_process_join(w->proc, terminate ? 5.0 : 30.0) != 0) {
    mproc_process_kill(w->proc);
    mproc_process_join(w->proc, MPROC_FOREVER);
  }
  mproc_process_destroy(w->proc);
  w->proc = NULL;
  mproc_queue_destroy(w->queue);
  w->queue = NULL;
}

static void local_release(void *ctx) {
  (void)ctx;
}

static const mproc__pool_transport_t local_transport = {
    "local",    local_start, local_give, local_alive,
    local_reap, local_stop,  local_join, local_release};

/* Starts worker @p slot; the caller holds the mutex. */
static int worker_start(mproc_pool_t *p, unsigned slot) {
  worker_t *w = &p->workers[slot];
  worker_reset(w);
  w->credit = CREDIT_MAX; /* until its rate is known (see CREDIT_MIN) */
  w->given = 0;
  w->win_start = mproc__now_ns();
  w->win_done = 0;
  mproc__pool_start_t s = {slot,         p->init_name, p->initargs,
                           p->ninitargs, p->maxtasks,  p->results};
  int rc = p->tp->start(p->tp_ctx, &s);
  w->up = rc == 0;
  return rc;
}

/* Whether worker @p w may be given chunk @p c now. */
static bool worker_takes(const mproc_pool_t *p, const worker_t *w,
                         const chunk_t *c) {
  if (!w->up)
    return false;
  if (p->maxtasks && w->given >= p->maxtasks)
    return false; /* it exits after those: more would only come back */
  if (w->nout == 0)
    return true; /* a large chunk streams into an idle worker */
  return w->nout < w->credit &&
         w->bytes + c->msg_len + FRAME_COST <= CREDIT_BYTES_MAX;
}

/* Gives the first pending chunk to @p w, if it takes it; the caller holds
 * the mutex. A large chunk is streamed, so only the handler may give it
 * (@p large): a submitting caller's put must not wait. */
static bool give_one(mproc_pool_t *p, worker_t *w, bool large) {
  chunk_t *c = p->pending_head;
  if (!c || !worker_takes(p, w, c) || (!large && c->msg_len > CHUNK_MSG_MAX))
    return false;
  if (p->tp->give(p->tp_ctx, (unsigned)(w - p->workers), c->msg, c->msg_len) !=
      0)
    return false;
  p->pending_head = c->next;
  if (!p->pending_head)
    p->pending_tail = NULL;
  c->next = NULL;
  if (w->out_tail)
    w->out_tail->next = c;
  else
    w->out_head = c;
  w->out_tail = c;
  w->nout++;
  w->bytes += c->msg_len + FRAME_COST;
  w->given++;
  /* Alone in the worker's ring: its answer times its work (credit_update) */
  c->given_ns = w->credit == 1 ? mproc__now_ns() : 0;
  return true;
}

/* Hands queued chunks to workers with credit, one each in turn, so that a
 * short call is spread over the workers instead of filling the first
 * one's ring; the caller holds the mutex. */
static void dispatch(mproc_pool_t *p, bool large) {
  bool progress = true;
  while (progress && p->pending_head) {
    progress = false;
    for (unsigned i = 0; i < p->nworkers && p->pending_head; i++)
      progress |= give_one(p, &p->workers[i], large);
  }
}

/* Sets worker @p w's credit from @p per, its ns per chunk. */
static void credit_set(worker_t *w, int64_t per) {
  int64_t want = per > 0 ? CREDIT_AHEAD_NS / per + 1 : CREDIT_MAX;
  if (want < (int64_t)CREDIT_MIN)
    want = CREDIT_MIN;
  if (want > (int64_t)CREDIT_MAX)
    want = CREDIT_MAX;
  w->credit = (unsigned)want;
}

/* Re-measures worker @p w's credit on the answer to chunk @p c; @p busy:
 * it had another chunk queued, so the time since its last answer was all
 * work. */
static void credit_update(worker_t *w, const chunk_t *c, bool busy) {
  int64_t now = mproc__now_ns();
  if (!busy) { /* it goes idle: the next window starts with its work */
    /* With credit 1 it is never busy, and this is its only measure: the
     * chunk was alone from given to answered (work and a round trip).
     * Without it, a worker whose credit fell to 1 once (a slow first
     * window) kept it for good: imap with chunksize 1 then waited a round
     * trip per task (pool.imap1 went from 1.4 to 3.7 us a task). */
    if (c->given_ns)
      credit_set(w, now - c->given_ns);
    w->win_start = now;
    w->win_done = 0;
    return;
  }
  w->win_done++;
  int64_t span = now - w->win_start;
  if (span < CREDIT_WINDOW_NS)
    return;
  /* ns per chunk over the window; a window with idle time in it
   * overestimates, which only errs towards the smaller credit. */
  credit_set(w, span / w->win_done);
  w->win_start = now;
  w->win_done = 0;
}

/* Removes a job whose chunks have all finished from the pool's list,
 * settles it (callbacks, then done), and drops the pool's reference; the
 * caller holds the mutex, which is released meanwhile and held again on
 * return. */
static void job_complete(mproc_pool_t *p, job_t *j) {
  for (job_t **pp = &p->jobs; *pp; pp = &(*pp)->next) {
    if (*pp == j) {
      *pp = j->next;
      break;
    }
  }
  mproc__cond_broadcast(p->hub->cond); /* its last chunk, for iterators */
  mproc__mutex_unlock(p->hub->mu);
  job_settle(j);
  mproc__mutex_lock(p->hub->mu);
  if (--j->refs == 0) {
    mproc__mutex_unlock(p->hub->mu);
    job_free(j);
    mproc__mutex_lock(p->hub->mu);
  }
}

/* Where a successful chunk's results go: decoded straight into its job's
 * array when they are all scalars, else kept encoded (a copy). 0, or the
 * failure that replaces the chunk's status (with *msg). */
static int chunk_store(chunk_t *c, const uint8_t *res, size_t len,
                       uint8_t **copy, const char **msg) {
  job_t *j = c->job;
  *copy = NULL;
  if (j->vals && !c->done) {
    int rc =
        mproc__values_decode_scalars(res, len, j->vals + c->first, c->count);
    if (rc == 0)
      return 0;
    if (rc < 0) {
      *msg = "the worker's results are malformed";
      return MPROC_E_DECODE;
    }
  }
  if (!len)
    return 0;
  *copy = malloc(len);
  if (!*copy) {
    *msg = "out of memory storing results";
    return MPROC_E_NOMEM;
  }
  memcpy(*copy, res, len);
  if (j->vals && !c->done)
    j->general = true;
  return 0;
}

/* The reply's fields (see reply_begin()). */
enum { R_SLOT, R_JOB, R_CHUNK, R_STATUS, R_RESULTS, R_MESSAGE, R_COUNT };

/* One message of @p len bytes from the result queue, at p->rx (with a
 * spare byte after it); the caller holds the mutex. Read in place. */
static void handle_message(mproc_pool_t *p, size_t len) {
  mproc__view_t m[R_COUNT];
  if (mproc__values_view(p->rx, len, m, R_COUNT) != 0 ||
      m[R_SLOT].type != MPROC_VALUE_INT || m[R_JOB].type != MPROC_VALUE_INT ||
      m[R_CHUNK].type != MPROC_VALUE_INT ||
      m[R_STATUS].type != MPROC_VALUE_INT ||
      m[R_RESULTS].type != MPROC_VALUE_BYTES ||
      m[R_MESSAGE].type != MPROC_VALUE_STR || m[R_SLOT].i < 0 ||
      (uint64_t)m[R_SLOT].i >= p->nworkers)
    return; /* a wake-up, or nothing we sent */
  /* The message ends the reply: a C string once the spare byte is 0. */
  p->rx[len] = 0;
  const char *msg = (const char *)m[R_MESSAGE].p;
  if (!msg)
    msg = "";
  int64_t status = m[R_STATUS].i;
  worker_t *w = &p->workers[m[R_SLOT].i];
  /* Answers come in the order the chunks were given. */
  chunk_t *c = w->out_head;
  if (!c || c->job->id != m[R_JOB].i || c->index != (uint64_t)m[R_CHUNK].i)
    return;
  w->out_head = c->next;
  if (!w->out_head)
    w->out_tail = NULL;
  credit_update(w, c, w->nout > 1);
  w->nout--;
  w->bytes -= c->msg_len + FRAME_COST;
  c->next = NULL;
  /* Topped up now rather than after the whole drain: a drain of many
   * answers would otherwise let the worker's ring run dry. Only once it
   * is down to half its credit, so that a worker with a small credit
   * (long chunks) gets its chunks in batches, not one put per answer. */
  if (w->nout * 2 <= w->credit)
    while (give_one(p, w, true))
      ;
  uint8_t *copy = NULL;
  if (status == 0) {
    int rc = chunk_store(c, m[R_RESULTS].p, m[R_RESULTS].len, &copy, &msg);
    if (rc < 0)
      status = rc;
  }
  job_t *j = c->job;
  if (chunk_finish(c, (int)status, msg, copy, copy ? m[R_RESULTS].len : 0))
    job_complete(p, j);
  else if (j->kind == JOB_IMAP || j->kind == JOB_IMAP_UNORDERED)
    /* An iteration (or a lazy call's generator) goes on with each chunk;
     * the caller of map or apply waits for the whole call, and waking it
     * for every chunk only made it fight this thread for the mutex. */
    mproc__cond_broadcast(p->hub->cond);
}

/* Takes one message from the result queue into p->rx. */
static int results_recv(mproc_pool_t *p, double timeout, size_t *len) {
  return recv_into(p->results, timeout, &p->rx, &p->rx_cap, len);
}

/* Drains the result queue without waiting; the caller holds the mutex. */
static void drain_results(mproc_pool_t *p) {
  size_t len;
  while (results_recv(p, 0, &len) == 0)
    handle_message(p, len);
}

/* Fails every unfinished job (terminate, a broken pool); the caller holds
 * the mutex. */
static void fail_all(mproc_pool_t *p, int status, const char *msg) {
  /* Generators first: job_complete() lets go of the mutex, and a caller
   * must not add chunks meanwhile (terminate stops the generator). */
  for (job_t *j = p->jobs; j; j = j->next)
    j->gen_open = false;
  while (p->jobs) {
    job_t *j = p->jobs;
    size_t nslots = j->lazy ? j->cap : j->nchunks;
    for (size_t i = 0; i < nslots; i++)
      if (!j->lazy || j->chunks[i].live)
        chunk_finish(&j->chunks[i], status, msg, NULL, 0);
    job_complete(p, j);
  }
  p->pending_head = p->pending_tail = NULL;
  for (unsigned i = 0; i < p->nworkers; i++)
    worker_reset(&p->workers[i]);
}

/* A worker has exited: settle its chunks, replace it. Caller holds mutex. */
static void worker_exited(mproc_pool_t *p, unsigned slot) {
  worker_t *w = &p->workers[slot];
  mproc__pool_end_t end;
  p->tp->reap(p->tp_ctx, slot, &end);
  w->up = false;
  int code = end.code;
  /* Whatever it answered before dying is in the result queue already. */
  drain_results(p);
  size_t given = 0;
  for (chunk_t *c = w->out_head; c; c = c->next)
    given++;
  bool held = end.unread == SIZE_MAX ? given > 0 : end.unread < given;
  chunk_t *rest = w->out_head;
  worker_reset(w);
  if (held && rest) {
    chunk_t *c = rest;
    rest = c->next;
    c->next = NULL;
    char msg[200];
    snprintf(msg, sizeof msg, "%s running this task died (exit code %d)",
             end.who, code);
    job_t *j = c->job;
    if (chunk_finish(c, MPROC_E_WORKER_DIED, msg, NULL, 0))
      job_complete(p, j);
    else
      /* An iteration may wait for this very chunk, with nothing else to
       * come: a lazy call whose other chunks in flight were all answered
       * (and woke it) before this thread saw the death, its generator not
       * called again until the iteration moves on. test_pool_lazy's
       * worker_killed case waited out its 60 s that way once, under load. */
      mproc__cond_broadcast(p->hub->cond);
  }
  /* Chunks it had not started go back to the front of the line. */
  if (rest) {
    chunk_t *last = rest;
    while (last->next)
      last = last->next;
    last->next = p->pending_head;
    p->pending_head = rest;
    if (!p->pending_tail)
      p->pending_tail = last;
  }
  if (code == EXIT_INIT_FAILED) {
    if (++p->init_failures >= INIT_FAILURES_MAX) {
      p->broken = MPROC_E_BROKEN;
      snprintf(p->broken_msg, sizeof p->broken_msg,
               "the pool's initializer failed in %u workers in a row",
               p->init_failures);
      fail_all(p, p->broken, p->broken_msg);
      return;
    }
  } else {
    p->init_failures = 0;
  }
  if (p->state == POOL_TERMINATED)
    return;
  int rc = worker_start(p, slot);
  if (rc < 0 && !p->broken) {
    p->broken = rc;
    snprintf(p->broken_msg, sizeof p->broken_msg,
             "a replacement worker could not start: %s", mproc_last_error());
  }
}

static bool work_left(mproc_pool_t *p) {
  if (p->jobs || p->pending_head)
    return true;
  for (unsigned i = 0; i < p->nworkers; i++)
    if (p->workers[i].nout)
      return true;
  return false;
}

static void handler_main(void *arg) {
  mproc_pool_t *p = arg;
  mproc__mutex_lock(p->hub->mu);
  p->hub->handler_tid = mproc__thread_id();
  for (unsigned i = 0; i < p->nworkers; i++) {
    int rc = worker_start(p, i);
    if (rc < 0) {
      p->start_status = rc;
      snprintf(p->start_msg, sizeof p->start_msg, "%s", mproc_last_error());
      p->state = POOL_TERMINATED;
      break;
    }
  }
  p->handler_started = true;
  mproc__cond_broadcast(p->hub->cond);

  int64_t last_check = mproc__now_ns();
  while (p->state != POOL_TERMINATED) {
    if (p->broken) {
      fail_all(p, p->broken, p->broken_msg);
      if (p->state == POOL_CLOSED)
        break;
    }
    dispatch(p, true);
    if (p->state == POOL_CLOSED && !work_left(p))
      break;
    mproc__mutex_unlock(p->hub->mu);
    size_t len = 0;
    int rc = results_recv(p, HANDLER_POLL, &len);
    mproc__mutex_lock(p->hub->mu);
    if (rc == 0) {
      handle_message(p, len);
      drain_results(p);
    } else if (rc != MPROC_E_EMPTY && rc != MPROC_E_TIMEOUT && !p->broken) {
      p->broken = rc;
      snprintf(p->broken_msg, sizeof p->broken_msg,
               "the pool's result queue failed: %s", mproc_last_error());
    }
    /* Worker checks are system calls (a wineserver round trip on wine):
     * do them when the queue went quiet or every HANDLER_POLL. */
    int64_t now = mproc__now_ns();
    if (rc != 0 || now - last_check >= (int64_t)(HANDLER_POLL * 1e9)) {
      last_check = now;
      for (unsigned i = 0; i < p->nworkers; i++)
        if (p->workers[i].up && p->tp->alive(p->tp_ctx, i) == 0)
          worker_exited(p, i);
    }
  }

  /* Closing: workers end after a STOP; terminating: now. */
  bool terminate = p->state == POOL_TERMINATED;
  for (unsigned i = 0; i < p->nworkers; i++)
    if (p->workers[i].up)
      p->tp->stop(p->tp_ctx, i, terminate);
  mproc__mutex_unlock(p->hub->mu);
  for (unsigned i = 0; i < p->nworkers; i++)
    if (p->workers[i].up)
      p->tp->join(p->tp_ctx, i, terminate);
  mproc__mutex_lock(p->hub->mu);
  for (unsigned i = 0; i < p->nworkers; i++)
    p->workers[i].up = false;
  fail_all(p, MPROC_E_CLOSED, "the pool was terminated");
  p->handler_done = true;
  p->hub->handler_tid = 0; /* the id may go to another thread once this ends */
  mproc__cond_broadcast(p->hub->cond);
  mproc__mutex_unlock(p->hub->mu);
}

/* ------------------------------------------------------------------------ */
/* Creating and ending a pool                                               */
/* ------------------------------------------------------------------------ */

static int pool_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  (void)o;
  (void)ctx;
  (void)b;
  return mproc__err(MPROC_E_NOTSUP, "pool objects cannot be passed between "
                                    "processes or pickled");
}

static int pool_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                        mproc_object_t **out) {
  (void)id;
  (void)r;
  (void)out;
  return mproc__err(MPROC_E_DECODE, "a pool cannot be received");
}

static void pool_nodestroy(mproc_object_t *o) {
  (void)o;
}

const mproc__type_t mproc__pool_type = {"Pool", false, pool_reduce,
                                        pool_rebuild, pool_nodestroy};

static unsigned cpu_count(void) {
  unsigned n = mproc__cpu_count();
  return n ? n : 1;
}

static void pool_at_exit(void *arg) {
  mproc_pool_t *p = arg;
  mproc_pool_terminate(p);
  mproc_pool_join(p, MPROC_FOREVER);
}

/* pool_create(); *owned says whether the pool took @p ctx (and so has
 * released it if it failed), else the caller releases it. */
static int pool_create_on(const char *what, mproc_pool_t **out,
                          const mproc_pool_options_t *opts, unsigned nworkers,
                          const mproc__pool_transport_t *tp, void *ctx,
                          bool *owned) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  mproc_pool_options_t o = {0, NULL, NULL, 0, 0, MPROC_START_DEFAULT};
  if (opts)
    o = *opts;
  if (o.ninitargs && !o.initargs)
    return mproc__err(MPROC_E_INVAL, "%s: NULL initargs with a count", what);
  if (o.processes > 4096)
    return mproc__err(MPROC_E_VALUE, "%u processes", o.processes);
  const char *init_name = NULL;
  if (o.initializer) {
    init_name = mproc__registry_name(o.initializer);
    if (!init_name)
      return mproc__err(MPROC_E_NOTFOUND,
                        "the initializer is not registered: call "
                        "mproc_register() before mproc_boot()");
  }
  mproc_start_method_t method =
      o.start_method ? o.start_method : mproc_get_start_method();
  if (!mproc_start_method_available(method))
    return mproc__err(MPROC_E_NOTSUP, "the start method is not available here");

  int rc;
  mproc_pool_t *p = calloc(1, sizeof *p);
  hub_t *hub = calloc(1, sizeof *hub);
  if (!p || !hub) {
    free(p);
    free(hub);
    return mproc__err(MPROC_E_NOMEM, "creating a pool");
  }
  p->base.magic = MPROC__OBJ_MAGIC;
  p->base.type_id = MPROC__T_POOL;
  p->hub = hub;
  hub->owner = mproc__getpid();
  hub->refs = 1;
  p->nworkers = nworkers ? nworkers : o.processes ? o.processes : cpu_count();
  p->tp = tp;
  p->tp_ctx = ctx ? ctx : p; /* the local transport's context: the pool */
  *owned = true;
  p->method = method;
  p->init_name = init_name;
  p->maxtasks = o.maxtasksperchild;
  p->ninitargs = o.ninitargs;
  if ((rc = mproc__mutex_create(&hub->mu)) < 0 ||
      (rc = mproc__cond_create(&hub->cond)) < 0)
    goto fail;
  if (o.ninitargs &&
      (rc = mproc__values_clone(o.initargs, o.ninitargs, &p->initargs)) < 0)
    goto fail;
  p->workers = calloc(p->nworkers, sizeof *p->workers);
  if (!p->workers) {
    rc = mproc__err(MPROC_E_NOMEM, "creating a pool");
    goto fail;
  }
  mproc_queue_options_t qo = {0, RESULT_QUEUE_CAPACITY};
  if ((rc = mproc_queue_create(&p->results, &qo)) < 0)
    goto fail;
  /* The handler starts the workers itself: on Linux a daemon child dies
   * with the thread that started it, and the handler lives as long as the
   * pool. */
  if ((rc = mproc__thread_start(&p->handler, handler_main, p)) < 0)
    goto fail;
  mproc__mutex_lock(hub->mu);
  while (!p->handler_started)
    mproc__cond_wait(hub->cond, hub->mu, MPROC__NO_DEADLINE);
  rc = p->start_status;
  mproc__mutex_unlock(hub->mu);
  if (rc < 0) {
    char msg[256];
    snprintf(msg, sizeof msg, "%s", p->start_msg);
    mproc_pool_destroy(p);
    return mproc__err(rc, "starting the pool's workers: %s", msg);
  }
  mproc__exit_hook_add(&p->at_exit, pool_at_exit, p);
  mproc__spare_hold(); /* its calls' large blocks are kept for the next */
  p->spare_held = true;
  *out = p;
  return 0;
fail:
  tp->release(p->tp_ctx);
  mproc_queue_destroy(p->results);
  free(p->workers);
  free(p->initargs);
  if (hub->cond)
    mproc__cond_destroy(hub->cond);
  if (hub->mu)
    mproc__mutex_destroy(hub->mu);
  free(hub);
  free(p);
  return rc;
}

/* mproc_pool_create() with workers on @p tp, which owns @p ctx from here
 * on: it is released with the pool, or now if no pool is made. @p nworkers
 * 0: from the options. */
static int pool_create(const char *what, mproc_pool_t **out,
                       const mproc_pool_options_t *opts, unsigned nworkers,
                       const mproc__pool_transport_t *tp, void *ctx) {
  bool owned = false;
  int rc = pool_create_on(what, out, opts, nworkers, tp, ctx, &owned);
  if (!owned)
    tp->release(ctx);
  return rc;
}

int mproc_pool_create(mproc_pool_t **out, const mproc_pool_options_t *opts) {
  return pool_create(__func__, out, opts, 0, &local_transport, NULL);
}

int mproc__pool_create_on(mproc_pool_t **out, const mproc_pool_options_t *opts,
                          unsigned nworkers, const mproc__pool_transport_t *tp,
                          void *ctx) {
  return pool_create("mproc_pool_create", out, opts, nworkers, tp, ctx);
}

/* 0 if @p p is a pool this process may use, else the error status. */
static int pool_check(mproc_pool_t *p, const char *what) {
  if (!p)
    return mproc__err(MPROC_E_INVAL, "%s: NULL pool", what);
  if (p->base.magic != MPROC__OBJ_MAGIC || p->base.type_id != MPROC__T_POOL)
    return mproc__err(MPROC_E_TYPE, "%s: not a pool", what);
  return hub_here(p->hub, what);
}

#define POOL_CHECK(p)                                                          \
  do {                                                                         \
    int pool_rc_ = pool_check(p, __func__);                                    \
    if (pool_rc_ < 0)                                                          \
      return pool_rc_;                                                         \
  } while (0)

int mproc_pool_close(mproc_pool_t *p) {
  POOL_CHECK(p);
  mproc__mutex_lock(p->hub->mu);
  if (p->state == POOL_RUNNING)
    p->state = POOL_CLOSED;
  mproc__mutex_unlock(p->hub->mu);
  wake_handler(p);
  return 0;
}

int mproc_pool_terminate(mproc_pool_t *p) {
  POOL_CHECK(p);
  mproc__mutex_lock(p->hub->mu);
  p->state = POOL_TERMINATED;
  mproc__mutex_unlock(p->hub->mu);
  wake_handler(p);
  return 0;
}

int mproc_pool_join(mproc_pool_t *p, double timeout) {
  POOL_CHECK(p);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  mproc__mutex_lock(p->hub->mu);
  if (p->hub->handler_tid == mproc__thread_id()) {
    mproc__mutex_unlock(p->hub->mu);
    return mproc__err(MPROC_E_STATE, "a callback cannot join its own pool: "
                                     "the pool's thread runs it");
  }
  if (p->state == POOL_RUNNING) {
    mproc__mutex_unlock(p->hub->mu);
    return mproc__err(MPROC_E_STATE, "the pool is still running: close or "
                                     "terminate it first");
  }
  while (!p->handler_done && rc == 0)
    rc = mproc__cond_wait(p->hub->cond, p->hub->mu, deadline);
  bool done = p->handler_done;
  mproc__thread_t *handler = done ? p->handler : NULL;
  if (handler)
    p->handler = NULL; /* this call joins it */
  mproc__mutex_unlock(p->hub->mu);
  mproc__thread_join(handler);
  return done ? 0
              : mproc__err(MPROC_E_TIMEOUT, "the pool's workers are "
                                            "still running");
}

void mproc_pool_destroy(mproc_pool_t *p) {
  if (!p || pool_check(p, __func__) < 0)
    return;
  mproc__mutex_lock(p->hub->mu);
  if (p->hub->handler_tid == mproc__thread_id()) {
    /* The pool's own thread is in a callback: it cannot wait for itself,
     * and freeing the pool under it would crash. Refused, as join is. */
    mproc__mutex_unlock(p->hub->mu);
    mproc__err(MPROC_E_STATE, "a callback cannot destroy its own pool: the "
                              "pool's thread runs it");
    return;
  }
  mproc__exit_hook_remove(&p->at_exit);
  bool started = p->handler_started;
  if (p->state == POOL_RUNNING || p->state == POOL_CLOSED)
    p->state = POOL_TERMINATED;
  mproc__mutex_unlock(p->hub->mu);
  if (started) {
    wake_handler(p);
    mproc_pool_join(p, MPROC_FOREVER);
  }
  mproc__thread_join(p->handler); /* if a join could not claim it */
  p->base.magic = 0;
  /* The transport first: a remote one may still be putting answers into
   * the result queue. */
  p->tp->release(p->tp_ctx);
  mproc_queue_destroy(p->results);
  free(p->rx);
  free(p->workers);
  free(p->initargs);
  hub_release(p->hub);
  if (p->spare_held)
    mproc__spare_release();
  free(p);
}

/* ------------------------------------------------------------------------ */
/* Submitting calls                                                         */
/* ------------------------------------------------------------------------ */

/* A call's tasks, as the caller gave them. */
typedef struct tasks_src {
  int layout;
  const mproc_value_t *args; /* FLAT: width per task; STAR: one per task */
  const uint8_t *base;       /* RECORDS */
  size_t width;              /* FLAT: arguments per task; RECORDS: stride */
  size_t ntasks;
} tasks_src_t;

/* Where the fields a chunk message gets last are (msg_begin()). */
typedef struct msg_marks {
  size_t start, ntasks_at, bytes_at;
} msg_marks_t;

/* Starts the message of chunk @p index of job @p job in @p b, up to its
 * arguments (see the top of this file): they are encoded next, straight
 * after it, and msg_end() fills in their count and length. */
static void msg_begin(mproc__wbuf_t *b, msg_marks_t *mk, int64_t job,
                      size_t index, const char *name, int layout,
                      size_t width) {
  mk->start = b->len;
  mproc__put_raw(b, "MPV\x01", 4);
  mproc__put_u32(b, M_COUNT);
  put_int(b, job);
  put_int(b, (int64_t)index);
  mproc_value_t s = mproc_str(name);
  (void)mproc__value_encode_one(b, &s, M_NAME); /* b->err says */
  put_int(b, layout);
  put_int(b, (int64_t)width);
  mk->ntasks_at = b->len;
  put_int(b, 0);
  mk->bytes_at = bytes_begin(b);
  if (layout != LAYOUT_RECORDS)
    mproc__put_raw(b, "MPV\x01\0\0\0\0", 8); /* the count: msg_end() */
}

/* @p nvals: the values encoded (FLAT: ntasks * width). */
static void msg_end(mproc__wbuf_t *b, const msg_marks_t *mk, int layout,
                    size_t ntasks, size_t nvals) {
  if (b->err)
    return;
  int_at(b, mk->ntasks_at, (int64_t)ntasks);
  if (layout != LAYOUT_RECORDS) {
    uint8_t *at = b->p + mk->bytes_at + MPROC__BYTES_HEAD + 4;
    for (int i = 0; i < 4; i++)
      at[i] = (uint8_t)((uint32_t)nvals >> (8 * i));
  }
  bytes_end(b, mk->bytes_at);
}

/* Appends task @p i's arguments, the @p k th of its chunk, to a message. */
static int msg_add_task(mproc__wbuf_t *b, const char *what,
                        const tasks_src_t *s, size_t i, size_t k) {
  switch (s->layout) {
  case LAYOUT_RECORDS:
    /* Raw: no value per record, which is the point of map_records. */
    mproc__put_raw(b, s->base + i * s->width, s->width);
    return b->err ? mproc__err(MPROC_E_NOMEM, "%s: out of memory", what) : 0;
  case LAYOUT_STAR: {
    mproc_value_type_t t = s->args[i].type;
    if (t != MPROC_VALUE_TUPLE && t != MPROC_VALUE_LIST)
      return mproc__err(MPROC_E_TYPE,
                        "%s: item %zu: '%s' object is not iterable (each "
                        "item must be a tuple or a list of the task's "
                        "arguments)",
                        what, i, mproc_value_type_name(&s->args[i]));
    return mproc__value_encode_one(b, &s->args[i], k);
  }
  default:
    for (size_t x = 0; x < s->width; x++) {
      int rc = mproc__value_encode_fast(b, &s->args[i * s->width + x],
                                        k * s->width + x);
      if (rc < 0)
        return rc;
    }
    return 0;
  }
}

typedef struct chunk_builder {
  const char *what;
  job_t *job;
  const char *name;
  const tasks_src_t *src;
  size_t cap;
  mproc__wbuf_t enc; /* every chunk's message, one after the other */
} chunk_builder_t;

/* Appends a chunk of at most @p max tasks from @p first: fewer (*got) when
 * more would take its message past CHUNK_MSG_MAX, unless it is a single
 * task. The arguments are encoded once, straight into the message. */
static int add_chunk(chunk_builder_t *b, size_t first, size_t max,
                     size_t *got) {
  job_t *j = b->job;
  const tasks_src_t *src = b->src;
  if (j->nchunks == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 16;
    chunk_t *c = realloc(j->chunks, cap * sizeof *c);
    if (!c)
      return mproc__err(MPROC_E_NOMEM, "submitting a call");
    j->chunks = c;
    b->cap = cap;
  }
  size_t i = j->nchunks;
  msg_marks_t mk;
  msg_begin(&b->enc, &mk, j->id, i, b->name, src->layout, src->width);
  size_t k = 0;
  while (k < max) {
    if (src->layout == LAYOUT_FLAT && src->width) {
      /* Tasks of ints and floats in a batch, as many as surely fit. */
      size_t w = src->width, per = w * MPROC__INT_ENCODED;
      size_t used = b->enc.len - mk.start;
      size_t fit = used < CHUNK_MSG_MAX ? (CHUNK_MSG_MAX - used) / per : 0;
      if (fit > max - k)
        fit = max - k;
      if (fit && mproc__wbuf_reserve(&b->enc, fit * per)) {
        size_t did = mproc__values_encode_scalars(
            &b->enc, src->args + (first + k) * w, fit * w);
        b->enc.len -= (did % w) * MPROC__INT_ENCODED; /* whole tasks only */
        k += did / w;
        if (k == max)
          break;
      }
    }
    /* One task the general way: another kind of value, or the last that
     * may not fit. */
    size_t mark = b->enc.len;
    int rc = msg_add_task(&b->enc, b->what, src, first + k, k);
    if (rc < 0)
      return rc;
    if (k > 0 && b->enc.len - mk.start > CHUNK_MSG_MAX) {
      b->enc.len = mark; /* it starts the next chunk */
      break;
    }
    k++;
  }
  msg_end(&b->enc, &mk, src->layout, k,
          src->layout == LAYOUT_FLAT ? k * src->width : k);
  if (b->enc.err)
    return mproc__err(MPROC_E_NOMEM, "submitting a call");
  chunk_t *c = &j->chunks[i];
  memset(c, 0, sizeof *c);
  c->index = i;
  c->first = first;
  c->count = k;
  c->msg_off = mk.start;
  c->msg_len = b->enc.len - mk.start;
  j->nchunks++;
  *got = k;
  return 0;
}

/*
 * Builds a job of the tasks @p src describes. The chunks' arguments are
 * encoded here, in the caller: that is where the sharing rule refuses a
 * Lock, and starmap an item that is not a tuple, before anything is
 * queued.
 */
static int submit(const char *what, mproc_pool_t *p, job_kind_t kind,
                  mproc_task_fn fn, const tasks_src_t *src, size_t chunksize,
                  const mproc_callbacks_t *cb, job_t **out) {
  *out = NULL;
  int rc = pool_check(p, what);
  if (rc < 0)
    return rc;
  if (!fn)
    return mproc__err(MPROC_E_INVAL, "%s: NULL task function", what);
  const char *name = task_name(fn);
  if (!name)
    return mproc__err(MPROC_E_NOTFOUND,
                      "the task is not registered: call mproc_register_task() "
                      "before mproc_boot()");
  size_t ntasks = src->ntasks, width = src->width;
  if (src->layout == LAYOUT_RECORDS) {
    if (width == 0)
      return mproc__err(MPROC_E_INVAL, "%s: stride 0", what);
    if (ntasks && !src->base)
      return mproc__err(MPROC_E_INVAL, "%s: NULL records", what);
    if (width > RECORD_MAX || (ntasks && width > SIZE_MAX / ntasks))
      return mproc__err(MPROC_E_TOOBIG,
                        "%s: %zu records of %zu bytes (one record may take "
                        "at most %zu bytes)",
                        what, ntasks, width, (size_t)RECORD_MAX);
  } else if ((width || src->layout == LAYOUT_STAR) && ntasks && !src->args) {
    return mproc__err(MPROC_E_INVAL, "%s: NULL arguments", what);
  }
  if (ntasks > MPROC_VALUE_MAX_COUNT ||
      (src->layout == LAYOUT_FLAT && width > MPROC_VALUE_MAX_COUNT))
    return mproc__err(MPROC_E_TOOBIG, "%s: %zu tasks", what, ntasks);
  if (chunksize == 0) {
    if (kind == JOB_IMAP || kind == JOB_IMAP_UNORDERED) {
      chunksize = 1;
    } else {
      /* CPython: about four chunks per worker. */
      size_t per = (size_t)p->nworkers * 4;
      chunksize = ntasks / per + (ntasks % per ? 1 : 0);
      if (chunksize == 0)
        chunksize = 1;
    }
  }
  job_t *j = calloc(1, kind == JOB_IMAP || kind == JOB_IMAP_UNORDERED
                           ? sizeof(struct mproc_iter)
                           : sizeof(struct mproc_async));
  if (!j)
    return mproc__err(MPROC_E_NOMEM, "submitting a call");
  j->kind = kind;
  j->ntasks = ntasks;
  j->refs = 2;
  if (cb)
    j->cb = *cb;
  mproc__mutex_lock(p->hub->mu);
  j->id = p->next_job++;
  p->hub->refs++;
  j->hub = p->hub;
  mproc__mutex_unlock(p->hub->mu);

  chunk_builder_t b = {what, j, name, src, 0, {0}};
  /* About what a call of scalars takes, so that the buffer rarely moves:
   * the arguments, and a head per chunk. */
  size_t guess = src->layout == LAYOUT_RECORDS ? ntasks * width
                 : src->layout == LAYOUT_STAR  ? ntasks * 32
                                               : ntasks * width * 9;
  if (guess < (size_t)1 << 28) {
    guess += (guess / (CHUNK_MSG_MAX / 2) + ntasks / chunksize + 2) *
             (128 + strlen(name));
    /* An earlier call's buffer, its pages backed already, or a new one. */
    if ((b.enc.p = mproc__spare_take(guess, &b.enc.cap)) == NULL &&
        (b.enc.p = malloc(guess)) != NULL) {
      b.enc.cap = guess;
      if (guess >= PREFAULT_MIN) /* written at once: faults one by one */
        mproc__mem_prefault(b.enc.p, guess);
    }
  }
  rc = 0;
  bool vals_fresh = false;
  if (kind == JOB_MAP || kind == JOB_APPLY) {
    size_t need = (ntasks ? ntasks : 1) * sizeof *j->vals;
    j->vals = mproc__spare_take(need, &j->vals_cap);
    if (!j->vals) {
      j->vals = malloc(need);
      j->vals_cap = need;
      vals_fresh = true;
    }
    if (!j->vals)
      rc = mproc__err(MPROC_E_NOMEM, "submitting a call");
  }
  /* Chunks of chunksize tasks, each split where its message would pass
   * CHUNK_MSG_MAX. */
  for (size_t first = 0; first < ntasks && rc == 0; first += chunksize) {
    size_t end = ntasks - first < chunksize ? ntasks : first + chunksize;
    for (size_t at = first, got = 0; at < end && rc == 0; at += got)
      rc = add_chunk(&b, at, end - at, &got);
  }
  j->enc = b.enc.p;
  j->enc_cap = b.enc.cap;
  if (rc == 0 && kind == JOB_IMAP_UNORDERED) {
    j->arrived = calloc(j->nchunks ? j->nchunks : 1, sizeof *j->arrived);
    if (!j->arrived)
      rc = mproc__err(MPROC_E_NOMEM, "submitting a call");
  }
  size_t nchunks = j->nchunks;
  for (size_t i = 0; i < nchunks; i++) { /* the arrays moved as they grew */
    j->chunks[i].job = j;
    j->chunks[i].msg = j->enc + j->chunks[i].msg_off;
  }

  mproc__mutex_lock(p->hub->mu);
  if (rc == 0 && p->state != POOL_RUNNING)
    rc = mproc__err(MPROC_E_STATE, "the pool is not running");
  if (rc == 0 && p->broken)
    rc = mproc__err(p->broken, "%s", p->broken_msg);
  if (rc < 0) {
    /* Nothing was queued: the call fails as a whole, now. The caller
     * settles it (job_settle); no other thread knows of it. */
    j->refs = 1;
    j->status = rc;
    j->message = dup_str(mproc_last_error());
    mproc__mutex_unlock(p->hub->mu);
    *out = j;
    return rc;
  }
  if (nchunks == 0) {
    j->refs = 1; /* settled by the caller, as above */
  } else {
    j->next = p->jobs;
    p->jobs = j;
    for (size_t i = 0; i < nchunks; i++) {
      chunk_t *c = &j->chunks[i];
      if (p->pending_tail)
        p->pending_tail->next = c;
      else
        p->pending_head = c;
      p->pending_tail = c;
    }
    dispatch(p, false);
  }
  mproc__mutex_unlock(p->hub->mu);
  wake_handler(p);
  /* The result array's pages while the workers run, in one call, rather
   * than a fault per page in the pool's thread as it decodes into them:
   * 1,600 faults for 200k results, most of a map's time on this VM. The
   * caller holds its reference, and the pool's thread only writes the
   * values. Not a spare block's: its pages are there. */
  if (nchunks && vals_fresh && ntasks * sizeof *j->vals >= PREFAULT_MIN)
    mproc__mem_prefault(j->vals, ntasks * sizeof *j->vals);
  *out = j;
  return 0;
}

/* The async variants: an error found before queueing is the call's result
 * (and goes to the error callback, in the caller), as in CPython. */
static int submit_async(const char *what, mproc_pool_t *p, job_kind_t kind,
                        mproc_task_fn fn, const tasks_src_t *src,
                        size_t chunksize, const mproc_callbacks_t *cb,
                        job_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  job_t *j;
  int rc = submit(what, p, kind, fn, src, chunksize, cb, &j);
  if (!j)
    return rc; /* bad arguments: no call at all */
  /* A call that failed before queueing, or has no tasks, is finished
   * already, and the pool's thread never sees it: it is settled here, in
   * the caller, callbacks first as for any call. Any other may be
   * finishing in that thread right now: its fields are not read here. */
  if (rc < 0 || j->nchunks == 0)
    job_settle(j);
  *out = j;
  return 0;
}

int mproc_pool_apply_async(mproc_pool_t *pool, mproc_task_fn fn,
                           const mproc_value_t *args, size_t nargs,
                           const mproc_callbacks_t *callbacks,
                           mproc_async_t **out) {
  tasks_src_t src = {LAYOUT_FLAT, args, NULL, nargs, 1};
  return submit_async(__func__, pool, JOB_APPLY, fn, &src, 1, callbacks,
                      (job_t **)out);
}

int mproc_pool_map_async(mproc_pool_t *pool, mproc_task_fn fn,
                         const mproc_value_t *items, size_t n, size_t chunksize,
                         const mproc_callbacks_t *callbacks,
                         mproc_async_t **out) {
  tasks_src_t src = {LAYOUT_FLAT, items, NULL, 1, n};
  return submit_async(__func__, pool, JOB_MAP, fn, &src, chunksize, callbacks,
                      (job_t **)out);
}

int mproc_pool_starmap_async(mproc_pool_t *pool, mproc_task_fn fn,
                             const mproc_value_t *tuples, size_t n,
                             size_t chunksize,
                             const mproc_callbacks_t *callbacks,
                             mproc_async_t **out) {
  tasks_src_t src = {LAYOUT_STAR, tuples, NULL, 0, n};
  return submit_async(__func__, pool, JOB_MAP, fn, &src, chunksize, callbacks,
                      (job_t **)out);
}

int mproc_pool_map_records_async(mproc_pool_t *pool, mproc_task_fn fn,
                                 const void *base, size_t count, size_t stride,
                                 size_t chunksize,
                                 const mproc_callbacks_t *callbacks,
                                 mproc_async_t **out) {
  tasks_src_t src = {LAYOUT_RECORDS, NULL, base, stride, count};
  return submit_async(__func__, pool, JOB_MAP, fn, &src, chunksize, callbacks,
                      (job_t **)out);
}

/* ------------------------------------------------------------------------ */
/* Results of asynchronous calls                                            */
/* ------------------------------------------------------------------------ */

static job_t *async_get(mproc_async_t *r) {
  return r ? &r->job : NULL;
}

/* Whether the caller is the pool's thread (in a callback); the caller
 * holds the mutex. */
static bool on_pool_thread(const hub_t *h) {
  return h->handler_tid != 0 && h->handler_tid == mproc__thread_id();
}

#define CALLBACK_WAIT_MSG                                                      \
  "%s: a callback cannot wait for a call of its own pool: the pool's "         \
  "thread runs it, and only that thread finishes calls"

/* 0 once the job is done, MPROC_E_TIMEOUT (no detail) if not by
 * @p deadline. MPROC_E_STATE from a callback of the pool, unless @p poll
 * (timeout 0): it would wait for the very thread it runs in, as CPython's
 * get() in a callback does (forever, or until its timeout). */
static int wait_done(const char *what, job_t *j, int64_t deadline, bool poll) {
  int rc = 0;
  mproc__mutex_lock(j->hub->mu);
  if (!j->done && !poll && on_pool_thread(j->hub)) {
    mproc__mutex_unlock(j->hub->mu);
    return mproc__err(MPROC_E_STATE, CALLBACK_WAIT_MSG, what);
  }
  while (!j->done && rc == 0)
    rc = mproc__cond_wait(j->hub->cond, j->hub->mu, deadline);
  bool done = j->done;
  mproc__mutex_unlock(j->hub->mu);
  return done ? 0 : MPROC_E_TIMEOUT;
}

int mproc_async_ready(mproc_async_t *r) {
  job_t *j = async_get(r);
  if (!j)
    return mproc__err(MPROC_E_INVAL, "%s: NULL result", __func__);
  int rc = hub_here(j->hub, __func__);
  if (rc < 0)
    return rc;
  mproc__mutex_lock(j->hub->mu);
  bool done = j->done;
  mproc__mutex_unlock(j->hub->mu);
  return done ? 1 : 0;
}

/* mproc_async_wait(), naming @p what in its errors. */
static int async_wait(const char *what, job_t *j, double timeout) {
  int rc = hub_here(j->hub, what);
  if (rc < 0)
    return rc;
  int64_t deadline;
  if ((rc = mproc__deadline(timeout, &deadline)) < 0)
    return rc;
  rc = wait_done(what, j, deadline, timeout == 0);
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(rc, "the call has not finished");
  return rc;
}

int mproc_async_wait(mproc_async_t *r, double timeout) {
  job_t *j = async_get(r);
  if (!j)
    return mproc__err(MPROC_E_INVAL, "%s: NULL result", __func__);
  return async_wait(__func__, j, timeout);
}

/* mproc_async_get(); @p take: the caller is a blocking call, the one and
 * only reader of the results (see job_results()). */
static int async_results(const char *what, mproc_async_t *r, double timeout,
                         mproc_value_t **results, size_t *n, bool take) {
  job_t *j = async_get(r);
  if (!j || !results || !n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", what);
  *results = NULL;
  *n = 0;
  int rc = async_wait(what, j, timeout);
  if (rc < 0)
    return rc;
  /* Done: the job is no longer written to. */
  if (j->status < 0)
    return mproc__err(j->status, "%s", j->message ? j->message : "");
  return job_results(j, results, n, take);
}

int mproc_async_get(mproc_async_t *r, double timeout, mproc_value_t **results,
                    size_t *n) {
  return async_results(__func__, r, timeout, results, n, false);
}

int mproc_async_successful(mproc_async_t *r) {
  job_t *j = async_get(r);
  if (!j)
    return mproc__err(MPROC_E_INVAL, "%s: NULL result", __func__);
  if (mproc_async_ready(r) != 1)
    return mproc__err(MPROC_E_STATE, "the call has not finished");
  return j->status == 0 ? 1 : 0;
}

void mproc_async_destroy(mproc_async_t *r) {
  job_t *j = async_get(r);
  if (!j || hub_here(j->hub, __func__) < 0)
    return;
  mproc__mutex_lock(j->hub->mu);
  job_unref_unlock(j);
}

/* ------------------------------------------------------------------------ */
/* Blocking calls                                                           */
/* ------------------------------------------------------------------------ */

/* The blocking calls wait for their call, so a callback of the pool may not
 * make them: refused before anything is queued (CPython deadlocks). */
static int blocking_check(mproc_pool_t *p, const char *what) {
  int rc = pool_check(p, what);
  if (rc < 0)
    return rc;
  mproc__mutex_lock(p->hub->mu);
  bool refused = on_pool_thread(p->hub);
  mproc__mutex_unlock(p->hub->mu);
  return refused ? mproc__err(MPROC_E_STATE, CALLBACK_WAIT_MSG, what) : 0;
}

static int run_blocking(int rc, mproc_async_t *r, mproc_value_t **results,
                        size_t *n) {
  if (rc < 0)
    return rc;
  rc = async_results("mproc_async_get", r, MPROC_FOREVER, results, n, true);
  /* The detail is the call's message, whole (mproc_async_destroy() sets
   * none here: the handle is this process's). */
  mproc_async_destroy(r);
  return rc;
}

int mproc_pool_apply(mproc_pool_t *pool, mproc_task_fn fn,
                     const mproc_value_t *args, size_t nargs,
                     mproc_value_t **result) {
  if (!result)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *result = NULL;
  mproc_async_t *r = NULL;
  size_t n;
  int rc = blocking_check(pool, __func__);
  if (rc < 0)
    return rc;
  rc = mproc_pool_apply_async(pool, fn, args, nargs, NULL, &r);
  return run_blocking(rc, r, result, &n);
}

int mproc_pool_map(mproc_pool_t *pool, mproc_task_fn fn,
                   const mproc_value_t *items, size_t n, size_t chunksize,
                   mproc_value_t **results) {
  if (!results)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *results = NULL;
  mproc_async_t *r = NULL;
  size_t got;
  int rc = blocking_check(pool, __func__);
  if (rc < 0)
    return rc;
  rc = mproc_pool_map_async(pool, fn, items, n, chunksize, NULL, &r);
  return run_blocking(rc, r, results, &got);
}

int mproc_pool_starmap(mproc_pool_t *pool, mproc_task_fn fn,
                       const mproc_value_t *tuples, size_t n, size_t chunksize,
                       mproc_value_t **results) {
  if (!results)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *results = NULL;
  mproc_async_t *r = NULL;
  size_t got;
  int rc = blocking_check(pool, __func__);
  if (rc < 0)
    return rc;
  rc = mproc_pool_starmap_async(pool, fn, tuples, n, chunksize, NULL, &r);
  return run_blocking(rc, r, results, &got);
}

int mproc_pool_map_records(mproc_pool_t *pool, mproc_task_fn fn,
                           const void *base, size_t count, size_t stride,
                           size_t chunksize, mproc_value_t **results) {
  if (!results)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *results = NULL;
  mproc_async_t *r = NULL;
  size_t got;
  int rc = blocking_check(pool, __func__);
  if (rc < 0)
    return rc;
  rc = mproc_pool_map_records_async(pool, fn, base, count, stride, chunksize,
                                    NULL, &r);
  return run_blocking(rc, r, results, &got);
}

/* ------------------------------------------------------------------------ */
/* Iterators                                                                */
/* ------------------------------------------------------------------------ */

static int submit_iter(const char *what, mproc_pool_t *pool, job_kind_t kind,
                       mproc_task_fn fn, const mproc_value_t *items, size_t n,
                       size_t chunksize, mproc_iter_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  job_t *j;
  tasks_src_t src = {LAYOUT_FLAT, items, NULL, 1, n};
  int rc = submit(what, pool, kind, fn, &src, chunksize, NULL, &j);
  if (rc < 0) {
    if (j) {
      mproc__mutex_lock(j->hub->mu);
      job_unref_unlock(j);
    }
    return rc;
  }
  if (j->nchunks == 0)
    job_settle(j); /* no tasks: finished already (no callbacks) */
  *out = (mproc_iter_t *)j;
  return 0;
}

int mproc_pool_imap(mproc_pool_t *pool, mproc_task_fn fn,
                    const mproc_value_t *items, size_t n, size_t chunksize,
                    mproc_iter_t **out) {
  return submit_iter(__func__, pool, JOB_IMAP, fn, items, n, chunksize, out);
}

int mproc_pool_imap_unordered(mproc_pool_t *pool, mproc_task_fn fn,
                              const mproc_value_t *items, size_t n,
                              size_t chunksize, mproc_iter_t **out) {
  return submit_iter(__func__, pool, JOB_IMAP_UNORDERED, fn, items, n,
                     chunksize, out);
}

/* One value, copied into its own allocation for the caller. */
static int copy_one(const mproc_value_t *v, mproc_value_t **out) {
  void *buf;
  size_t len, n;
  int rc = mproc_encode(v, 1, &buf, &len);
  if (rc < 0)
    return rc;
  rc = mproc_decode(buf, len, out, &n);
  mproc_free(buf);
  return rc;
}

/* The chunk iteration hands back next, if it is known yet: ordered, the
 * next chunk (done or not); unordered, the next that arrived. */
static chunk_t *iter_chunk(job_t *j) {
  if (j->kind == JOB_IMAP)
    return j->it_chunk < j->nchunks ? &j->chunks[ring_at(j, j->it_chunk)]
                                    : NULL;
  return j->it_next < j->narrived
             ? &j->chunks[j->arrived[ring_at(j, j->it_next)]]
             : NULL;
}

/* Whether every chunk was handed back (no more will come). */
static bool iter_over(const job_t *j) {
  size_t pos = j->kind == JOB_IMAP ? j->it_chunk : j->it_next;
  return pos >= j->nchunks && !j->gen_open && !j->gen_busy;
}

/* The iteration is past chunk @p c: a lazy job frees its slot, which
 * makes room for the generator; the caller holds the mutex. */
static void iter_advance(job_t *j, chunk_t *c) {
  if (j->kind == JOB_IMAP)
    j->it_chunk++;
  else
    j->it_next++;
  if (!j->lazy)
    return;
  j->inflight -= c->count;
  free(c->msg);
  free(c->result);
  free(c->message);
  memset(c, 0, sizeof *c);
  if (j->kind == JOB_IMAP_UNORDERED)
    j->free_slots[j->nfree++] = (size_t)(c - j->chunks);
}

/* A free slot of lazy job @p j for chunk j->nchunks. */
static chunk_t *slot_take(job_t *j) {
  size_t slot =
      j->kind == JOB_IMAP ? j->nchunks % j->cap : j->free_slots[--j->nfree];
  chunk_t *c = &j->chunks[slot];
  memset(c, 0, sizeof *c);
  c->live = true;
  c->job = j;
  c->index = j->nchunks;
  c->first = j->next_task;
  return c;
}

/* Appends 4-byte header and count to an item encoding being built. */
static void payload_header(mproc__wbuf_t *b, size_t count) {
  mproc__wbuf_t h = {0};
  mproc__put_raw(&h, "MPV\x01", 4);
  mproc__put_u32(&h, (uint32_t)count);
  if (!h.err && b->len >= 8)
    memcpy(b->p, h.p, 8);
  free(h.p);
}

/*
 * Takes items from a lazy job's generator until the tasks in flight reach
 * its bound (or the generator ends), one chunk at a time; the caller holds
 * the mutex, which is let go while the generator runs, so that the pool's
 * thread goes on meanwhile. Only one caller runs it at a time (gen_busy);
 * others wait for it as for a result.
 */
static void gen_fill(job_t *j) {
  hub_t *h = j->hub;
  while (j->gen_open && !j->gen_busy && j->inflight < j->bound) {
    size_t want = j->bound - j->inflight;
    if (want > j->chunk_size)
      want = j->chunk_size;
    size_t index = j->nchunks; /* only this caller adds chunks now */
    j->gen_busy = true;
    mproc__mutex_unlock(h->mu);

    mproc__wbuf_t pl = {0};
    msg_marks_t mk;
    msg_begin(&pl, &mk, j->id, index, j->name, LAYOUT_FLAT, 1);
    size_t k = 0;
    int st = 0;
    bool ended = false;
    char *emsg = NULL;
    while (k < want) {
      mproc_value_t item = mproc_none();
      mproc__err_clear();
      int g = j->gen(j->gen_ctx, &item);
      if (g == 0) {
        ended = true;
        break;
      }
      if (g != 1) {
        st = g < 0 ? g : MPROC_E_VALUE;
        const char *le = mproc_last_error();
        msg_printf(&emsg,
                   "the generator of the call's items failed at item %zu "
                   "(status %d)%s%s",
                   j->next_task + k, g, le && *le ? ": " : "", le ? le : "");
        break;
      }
      int rc = mproc__value_encode_one(&pl, &item, 0);
      if (rc < 0) {
        st = rc;
        msg_printf(&emsg, "item %zu: %s", j->next_task + k, mproc_last_error());
        break;
      }
      k++;
      /* Past this, the chunk is sent as it is (a "large" one, streamed
       * to an idle worker by the pool's thread), not split. */
      if (pl.len - mk.start > CHUNK_MSG_MAX - 256)
        break;
    }
    void *msg = NULL;
    size_t msg_len = 0;
    if (st == 0 && k > 0) {
      msg_end(&pl, &mk, LAYOUT_FLAT, k, k);
      if (pl.err) {
        st = MPROC_E_NOMEM;
        msg_printf(&emsg, "item %zu: out of memory", j->next_task);
      } else {
        msg = pl.p;
        msg_len = pl.len;
        pl.p = NULL;
      }
    }
    free(pl.p);

    mproc__mutex_lock(h->mu);
    j->gen_busy = false;
    mproc__cond_broadcast(h->cond);
    if (!j->gen_open) {
      /* The pool failed the job meanwhile (terminate): the items go. */
      mproc_free(msg);
      free(emsg);
      return;
    }
    mproc_pool_t *p = j->pool;
    if (st == 0 && k > 0) {
      chunk_t *c = slot_take(j);
      c->count = k;
      c->msg = msg;
      c->msg_len = msg_len;
      j->nchunks++;
      j->next_task += k;
      j->inflight += k;
      if (p->pending_tail)
        p->pending_tail->next = c;
      else
        p->pending_head = c;
      p->pending_tail = c;
      dispatch(p, false);
      /* Only for a chunk left pending (no credit, or large: only the
       * pool's thread streams those). One given to a worker needs no
       * nudge, its answer wakes that thread; a wake-up per chunk was a
       * put into the result queue and a read of it per item of
       * imap(chunksize=1). Under the mutex: p is alive while gen_open. */
      if (p->pending_head)
        wake_handler(p);
    }
    bool complete = false;
    if (st < 0) {
      /* As CPython's imap: the failure takes the place of the chunk it
       * was filling, whose items are dropped; nothing follows it. */
      j->gen_open = false;
      chunk_t *c = slot_take(j);
      j->nchunks++;
      complete =
          chunk_finish(c, st, emsg ? emsg : "the generator failed", NULL, 0);
    } else if (ended) {
      j->gen_open = false;
      complete = j->chunks_done == j->nchunks;
    }
    free(emsg);
    if (complete)
      job_complete(p, j);
    mproc__cond_broadcast(h->cond);
  }
}

int mproc_iter_next(mproc_iter_t *it, double timeout, mproc_value_t **value,
                    size_t *index) {
  if (!it || !value)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  *value = NULL;
  job_t *j = &it->job;
  int rc = hub_here(j->hub, __func__);
  if (rc < 0)
    return rc;
  int64_t deadline;
  if ((rc = mproc__deadline(timeout, &deadline)) < 0)
    return rc;
  mproc__mutex_lock(j->hub->mu);
  for (;;) {
    if (j->lazy)
      gen_fill(j);
    /* The chunk to read from next, once it is there. */
    chunk_t *c = NULL;
    if (!j->it_vals) {
      if (iter_over(j))
        break;
      c = iter_chunk(j);
      if (c && !c->done)
        c = NULL;
      if (!c) {
        if (j->done && j->kind == JOB_IMAP_UNORDERED &&
            j->narrived < j->nchunks) {
          /* Failed as a whole before running (terminate): report once. */
          rc = mproc__err(j->status, "%s", j->message ? j->message : "");
          j->it_next = j->nchunks;
          mproc__mutex_unlock(j->hub->mu);
          return rc;
        }
        if (timeout != 0 && on_pool_thread(j->hub)) {
          mproc__mutex_unlock(j->hub->mu);
          return mproc__err(MPROC_E_STATE, CALLBACK_WAIT_MSG, __func__);
        }
        rc = mproc__cond_wait(j->hub->cond, j->hub->mu, deadline);
        if (rc == MPROC_E_TIMEOUT) {
          mproc__mutex_unlock(j->hub->mu);
          return mproc__err(MPROC_E_TIMEOUT, "no result yet");
        }
        continue;
      }
      if (c->status < 0) {
        rc = mproc__err(c->status, "%s", c->message ? c->message : "");
        if (index)
          *index = c->first;
        iter_advance(j, c);
        if (j->lazy)
          gen_fill(j);
        mproc__mutex_unlock(j->hub->mu);
        return rc;
      }
      rc = mproc_decode(c->result, c->result_len, &j->it_vals, &j->it_nvals);
      if (rc < 0) {
        mproc__mutex_unlock(j->hub->mu);
        return rc;
      }
      j->it_pos = 0;
    }
    chunk_t *cur = iter_chunk(j);
    if (j->it_pos < j->it_nvals) {
      rc = copy_one(&j->it_vals[j->it_pos], value);
      if (rc == 0 && index)
        *index = cur->first + j->it_pos;
      j->it_pos++;
      mproc__mutex_unlock(j->hub->mu);
      return rc;
    }
    mproc_values_free(j->it_vals, j->it_nvals);
    j->it_vals = NULL;
    j->it_nvals = 0;
    iter_advance(j, cur);
  }
  mproc__mutex_unlock(j->hub->mu);
  return mproc__err(MPROC_E_DONE, "no more results");
}

void mproc_iter_destroy(mproc_iter_t *it) {
  if (!it || hub_here(it->job.hub, __func__) < 0)
    return;
  job_t *j = &it->job;
  mproc__mutex_lock(j->hub->mu);
  if (j->lazy && j->gen_open) {
    /* No one will ask for more: the generator ends here (the tasks given
     * still run), and the job ends with its last chunk. */
    j->gen_open = false;
    if (j->chunks_done == j->nchunks)
      job_complete(j->pool, j);
  }
  job_unref_unlock(j);
}

/* ------------------------------------------------------------------------ */
/* Lazy input                                                               */
/* ------------------------------------------------------------------------ */

/* Starts a lazy job (an ordered or unordered iteration) and takes its
 * first items, up to its bound, in the caller's thread. */
static int submit_gen(const char *what, mproc_pool_t *p, job_kind_t kind,
                      mproc_task_fn fn, mproc_task_gen_fn gen, void *ctx,
                      size_t chunksize, size_t max_inflight, job_t **out) {
  *out = NULL;
  int rc = pool_check(p, what);
  if (rc < 0)
    return rc;
  if (!fn || !gen)
    return mproc__err(MPROC_E_INVAL, "%s: NULL task or generator", what);
  const char *name = task_name(fn);
  if (!name)
    return mproc__err(MPROC_E_NOTFOUND,
                      "the task is not registered: call mproc_register_task() "
                      "before mproc_boot()");
  if (max_inflight == 0)
    max_inflight = MPROC_POOL_INFLIGHT_DEFAULT;
  if (max_inflight > MPROC_VALUE_MAX_COUNT)
    return mproc__err(MPROC_E_VALUE,
                      "%s: max_inflight %zu (at most MPROC_VALUE_MAX_COUNT, "
                      "%zu)",
                      what, max_inflight, (size_t)MPROC_VALUE_MAX_COUNT);
  if (chunksize == 0)
    chunksize = 1;
  if (chunksize > max_inflight)
    chunksize = max_inflight;
  job_t *j = calloc(1, sizeof(struct mproc_iter));
  if (!j)
    return mproc__err(MPROC_E_NOMEM, "submitting a call");
  j->kind = kind;
  j->refs = 2;
  j->lazy = true;
  j->gen = gen;
  j->gen_ctx = ctx;
  j->name = name;
  j->bound = max_inflight;
  j->cap = max_inflight + 1;
  j->chunk_size = chunksize;
  j->chunks = calloc(j->cap, sizeof *j->chunks);
  bool ok = j->chunks != NULL;
  if (ok && kind == JOB_IMAP_UNORDERED) {
    j->arrived = calloc(j->cap, sizeof *j->arrived);
    j->free_slots = malloc(j->cap * sizeof *j->free_slots);
    ok = j->arrived && j->free_slots;
    for (size_t i = 0; ok && i < j->cap; i++)
      j->free_slots[i] = j->cap - 1 - i;
    j->nfree = j->cap;
  }
  if (!ok) {
    free(j->chunks);
    free(j->arrived);
    free(j->free_slots);
    free(j);
    return mproc__err(MPROC_E_NOMEM, "submitting a call");
  }
  mproc__mutex_lock(p->hub->mu);
  if (p->state != POOL_RUNNING || p->broken) {
    rc = p->broken ? mproc__err(p->broken, "%s", p->broken_msg)
                   : mproc__err(MPROC_E_STATE, "the pool is not running");
    mproc__mutex_unlock(p->hub->mu);
    free(j->chunks);
    free(j->arrived);
    free(j->free_slots);
    free(j);
    return rc;
  }
  j->id = p->next_job++;
  p->hub->refs++;
  j->hub = p->hub;
  j->pool = p;
  j->gen_open = true;
  j->next = p->jobs;
  p->jobs = j;
  gen_fill(j);
  mproc__mutex_unlock(p->hub->mu);
  *out = j;
  return 0;
}

int mproc_pool_imap_gen(mproc_pool_t *pool, mproc_task_fn fn,
                        mproc_task_gen_fn gen, void *ctx, size_t chunksize,
                        size_t max_inflight, mproc_iter_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return submit_gen(__func__, pool, JOB_IMAP, fn, gen, ctx, chunksize,
                    max_inflight, (job_t **)out);
}

int mproc_pool_imap_unordered_gen(mproc_pool_t *pool, mproc_task_fn fn,
                                  mproc_task_gen_fn gen, void *ctx,
                                  size_t chunksize, size_t max_inflight,
                                  mproc_iter_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return submit_gen(__func__, pool, JOB_IMAP_UNORDERED, fn, gen, ctx, chunksize,
                    max_inflight, (job_t **)out);
}

int mproc_pool_map_gen(mproc_pool_t *pool, mproc_task_fn fn,
                       mproc_task_gen_fn gen, void *ctx, size_t chunksize,
                       size_t max_inflight, mproc_value_t **results,
                       size_t *n) {
  if (!results || !n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *results = NULL;
  *n = 0;
  int rc = blocking_check(pool, __func__);
  if (rc < 0)
    return rc;
  job_t *j;
  rc = submit_gen(__func__, pool, JOB_IMAP, fn, gen, ctx, chunksize,
                  max_inflight, &j);
  if (rc < 0)
    return rc;
  /* The chunks' result encodings, joined under one header as
   * job_results() does, and decoded once: one block for the caller. */
  mproc__wbuf_t acc = {0};
  mproc__put_raw(&acc, "MPV\x01\0\0\0\0", 8);
  size_t count = 0;
  mproc__mutex_lock(j->hub->mu);
  for (;;) {
    gen_fill(j);
    if (iter_over(j))
      break;
    chunk_t *c = iter_chunk(j);
    if (!c || !c->done) {
      mproc__cond_wait(j->hub->cond, j->hub->mu, MPROC__NO_DEADLINE);
      continue;
    }
    if (c->status < 0) {
      rc = mproc__err(c->status, "%s", c->message ? c->message : "");
      break;
    }
    if (count + c->count > MPROC_VALUE_MAX_COUNT) {
      rc = mproc__err(MPROC_E_TOOBIG,
                      "%s: more than MPROC_VALUE_MAX_COUNT (%zu) results: a "
                      "map's results are one block; mproc_pool_imap_gen() "
                      "has no such limit",
                      __func__, (size_t)MPROC_VALUE_MAX_COUNT);
      break;
    }
    if (c->result_len > 8)
      mproc__put_raw(&acc, c->result + 8, c->result_len - 8);
    count += c->count;
    iter_advance(j, c);
  }
  mproc__mutex_unlock(j->hub->mu);
  mproc_iter_destroy((mproc_iter_t *)j); /* stops the generator if not done */
  if (rc == 0 && acc.err)
    rc = mproc__err(MPROC_E_NOMEM, "%s: collecting results", __func__);
  if (rc == 0) {
    payload_header(&acc, count);
    rc = mproc_decode(acc.p, acc.len, results, n);
    if (rc == MPROC_E_DECODE)
      rc = mproc__err(MPROC_E_TOOBIG,
                      "%s: the call's results together: %s (a map's results "
                      "are one block, within MPROC_VALUE_MAX_COUNT)",
                      __func__, mproc_last_error());
  }
  free(acc.p);
  return rc;
}
