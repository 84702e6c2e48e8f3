/*
 * Managers: a server process hosting objects, and the proxies that reach
 * them from anywhere.
 *
 * Wire: every message is a frame, a 4-byte big-endian length then a value
 * encoding (value.c). A connection first authenticates both ways, then is
 * bound to one object by its first request (CREATE or ATTACH; SHUTDOWN and
 * PING need no object); each later request is one method call on that
 * object and gets one reply:
 *   request := [int op, int owner, double timeout, args...]
 *   reply   := [int status, str message, results...]
 * The owner is (pid << 32 | thread id) of the caller, which names the owner
 * of an RLock or a Condition's lock. A connection holds one reference to
 * its object; the object is freed when its last connection ends, so a
 * process that dies releases its references with its sockets.
 *
 * The server keeps user values as their encodings (opaque bytes): it never
 * rebuilds them, so hosting a value costs no decoding and no trust.
 *
 * Concurrency: one thread per connection; all hosted state is under one
 * mutex, and every wait is on one condition variable that each state change
 * broadcasts. Simple, and waits are rare compared with calls.
 */
#include "object.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANAGER_MAGIC 0x6d6e6772u /* "mngr" */
#define SERVER_FN_NAME "mproc.manager-server"
#define HANDSHAKE_MAX 256
#define CHALLENGE "#CHALLENGE#"
#define WELCOME "#WELCOME#"
#define FAILURE "#FAILURE#"
#define DIGEST "{sha256}"
#define NONCE_LEN 40
/* Connections still authenticating, at most: beyond, new ones are closed at
 * once, so that what unauthenticated clients can make the server hold (a
 * thread, a 4 KiB read buffer and a 256-byte message each) stays bounded. */
#define UNAUTH_MAX 64
/* ... and each has this long to authenticate (sockets; see
 * mproc__net_set_timeout()), so that idle connections cannot hold those
 * places forever. */
#define HANDSHAKE_MS 10000
/* A client gives a server this long to answer its handshake (sockets): a
 * server that is alive but stuck must not hang the client's connect. The
 * server's own bound is shorter; the client's includes its wait in the
 * listen backlog, behind other clients. */
#define CLIENT_HANDSHAKE_MS 60000

/* Hosted kinds (on the wire). */
enum {
  K_LOCK = 1,
  K_RLOCK,
  K_SEMAPHORE,
  K_BOUNDED_SEMAPHORE,
  K_CONDITION,
  K_EVENT,
  K_BARRIER,
  K_QUEUE,
  K_JOINABLE_QUEUE,
  K_VALUE,
  K_DICT,
  K_LIST,
  K_MAX
};

static const char *const kind_names[K_MAX] = {
    NULL,        "Lock",  "RLock",   "Semaphore", "BoundedSemaphore",
    "Condition", "Event", "Barrier", "Queue",     "JoinableQueue",
    "Value",     "dict",  "list"};

/* Requests. */
enum {
  OP_CREATE = 1, /* int kind, int param, [bytes initial] */
  OP_ATTACH,     /* int id, int kind */
  OP_SHUTDOWN,
  OP_PING,
  OP_DETACH, /* the proxy is destroyed: drop the reference now */
  M_ACQUIRE = 16,
  M_RELEASE,
  M_LOCK_VALUE,
  M_COND_WAIT,
  M_COND_NOTIFY, /* int n (-1: all) */
  M_EVENT_SET,
  M_EVENT_CLEAR,
  M_EVENT_IS_SET,
  M_EVENT_WAIT,
  M_BARRIER_WAIT,
  M_BARRIER_ABORT,
  M_BARRIER_RESET,
  M_QUEUE_PUT, /* bytes */
  M_QUEUE_GET,
  M_QUEUE_SIZE,
  M_QUEUE_TASK_DONE,
  M_QUEUE_JOIN,
  M_VALUE_GET,
  M_VALUE_SET, /* bytes */
  M_DICT_SET,  /* bytes key, bytes value */
  M_DICT_GET,  /* bytes key */
  M_DICT_DEL,  /* bytes key */
  M_DICT_LEN,
  M_LIST_APPEND, /* bytes */
  M_LIST_GET,    /* int index */
  M_LIST_SET,    /* int index, bytes */
  M_LIST_LEN
};

/* ------------------------------------------------------------------------ */
/* The process auth key                                                     */
/* ------------------------------------------------------------------------ */

/* Made once by the first process that needs it, before any child exists
 * (mproc_process_start() makes sure), so fork children share it; spawn
 * children receive it in their start record. */
static uint8_t process_key[MPROC_AUTHKEY_LEN];
static bool process_key_set;

int mproc__authkey_ensure(void) {
  if (process_key_set)
    return 0;
  int rc = mproc__random_bytes(process_key, sizeof process_key);
  if (rc == 0)
    process_key_set = true;
  return rc;
}

const uint8_t *mproc__authkey_get(void) {
  return process_key_set ? process_key : NULL;
}

void mproc__authkey_set(const uint8_t key[MPROC_AUTHKEY_LEN]) {
  memcpy(process_key, key, MPROC_AUTHKEY_LEN);
  process_key_set = true;
}

int mproc_authkey(uint8_t out[MPROC_AUTHKEY_LEN]) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "mproc_authkey: NULL output");
  int rc = mproc__authkey_ensure();
  if (rc == 0)
    memcpy(out, process_key, MPROC_AUTHKEY_LEN);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Frames and the handshake                                                 */
/* ------------------------------------------------------------------------ */

static int frame_send(mproc__net_t *c, const void *payload, size_t len) {
  if (len > MPROC_MANAGER_MAX_FRAME)
    return mproc__err(MPROC_E_TOOBIG,
                      "a message of %zu bytes exceeds the manager's frame "
                      "limit",
                      len);
  uint8_t *buf = malloc(len + 4);
  if (!buf)
    return mproc__err(MPROC_E_NOMEM, "sending %zu bytes", len);
  buf[0] = (uint8_t)(len >> 24);
  buf[1] = (uint8_t)(len >> 16);
  buf[2] = (uint8_t)(len >> 8);
  buf[3] = (uint8_t)len;
  if (len)
    memcpy(buf + 4, payload, len);
  int rc = mproc__net_send(c, buf, len + 4);
  free(buf);
  return rc;
}

/* A frame's length from its 4-byte header, if at most @p max. */
static int frame_length(const uint8_t h[4], size_t max, size_t *n) {
  *n = ((size_t)h[0] << 24) | ((size_t)h[1] << 16) | ((size_t)h[2] << 8) |
       (size_t)h[3];
  if (*n > max)
    return mproc__err(MPROC_E_TOOBIG, "a frame of %zu bytes (limit %zu)", *n,
                      max);
  return 0;
}

/* Receives one frame of at most @p max bytes: the length is checked before
 * anything is allocated. */
static int frame_recv(mproc__net_t *c, size_t max, uint8_t **out, size_t *len) {
  uint8_t h[4];
  size_t n = 0;
  int rc = mproc__net_recv(c, h, 4);
  if (rc == 0)
    rc = frame_length(h, max, &n);
  if (rc < 0)
    return rc;
  uint8_t *buf = malloc(n ? n : 1);
  if (!buf)
    return mproc__err(MPROC_E_NOMEM, "receiving %zu bytes", n);
  rc = mproc__net_recv(c, buf, n);
  if (rc < 0) {
    free(buf);
    return rc;
  }
  *out = buf;
  *len = n;
  return 0;
}

static bool same_bytes(const uint8_t *a, const uint8_t *b, size_t n) {
  uint8_t d = 0; /* constant time: no early exit on the first difference */
  for (size_t i = 0; i < n; i++)
    d |= (uint8_t)(a[i] ^ b[i]);
  return d == 0;
}

/* Whether @p resp answers a challenge whose digest is @p expect. */
static bool response_ok(const uint8_t *resp, size_t rlen,
                        const uint8_t expect[32]) {
  return rlen == sizeof DIGEST - 1 + 32 &&
         memcmp(resp, DIGEST, sizeof DIGEST - 1) == 0 &&
         same_bytes(resp + sizeof DIGEST - 1, expect, 32);
}

/* Challenges the peer to prove it knows @p key (CPython's
 * deliver_challenge). */
static int deliver_challenge(mproc__net_t *c, const uint8_t *key,
                             size_t keylen) {
  uint8_t msg[sizeof CHALLENGE - 1 + sizeof DIGEST - 1 + NONCE_LEN];
  size_t pre = sizeof CHALLENGE - 1;
  memcpy(msg, CHALLENGE, pre);
  memcpy(msg + pre, DIGEST, sizeof DIGEST - 1);
  int rc = mproc__random_bytes(msg + pre + sizeof DIGEST - 1, NONCE_LEN);
  if (rc < 0)
    return rc;
  uint8_t expect[32];
  rc = mproc__hmac_sha256(key, keylen, msg + pre, sizeof msg - pre, expect);
  if (rc == 0)
    rc = frame_send(c, msg, sizeof msg);
  uint8_t *resp = NULL;
  size_t rlen = 0;
  if (rc == 0)
    rc = frame_recv(c, HANDSHAKE_MAX, &resp, &rlen);
  if (rc < 0)
    return rc;
  bool ok = response_ok(resp, rlen, expect);
  free(resp);
  if (!ok) {
    frame_send(c, FAILURE, sizeof FAILURE - 1);
    return mproc__err(MPROC_E_PERM, "authentication failed: the peer does "
                                    "not know the key");
  }
  return frame_send(c, WELCOME, sizeof WELCOME - 1);
}

/* The response to the peer's challenge @p msg. */
static int challenge_answer(const uint8_t *msg, size_t len, const uint8_t *key,
                            size_t keylen,
                            uint8_t resp[sizeof DIGEST - 1 + 32]) {
  size_t pre = sizeof CHALLENGE - 1;
  if (len < pre + sizeof DIGEST - 1 || memcmp(msg, CHALLENGE, pre) != 0 ||
      memcmp(msg + pre, DIGEST, sizeof DIGEST - 1) != 0)
    return mproc__err(MPROC_E_PERM, "authentication failed: no challenge");
  memcpy(resp, DIGEST, sizeof DIGEST - 1);
  return mproc__hmac_sha256(key, keylen, msg + pre, len - pre,
                            resp + sizeof DIGEST - 1);
}

static bool welcome_ok(const uint8_t *reply, size_t len) {
  return len == sizeof WELCOME - 1 && memcmp(reply, WELCOME, len) == 0;
}

/* Answers the peer's challenge (CPython's answer_challenge). */
static int answer_challenge(mproc__net_t *c, const uint8_t *key,
                            size_t keylen) {
  uint8_t *msg = NULL;
  size_t len = 0;
  int rc = frame_recv(c, HANDSHAKE_MAX, &msg, &len);
  if (rc < 0)
    return rc;
  uint8_t resp[sizeof DIGEST - 1 + 32];
  rc = challenge_answer(msg, len, key, keylen, resp);
  free(msg);
  uint8_t *reply = NULL;
  if (rc == 0)
    rc = frame_send(c, resp, sizeof resp);
  if (rc == 0)
    rc = frame_recv(c, HANDSHAKE_MAX, &reply, &len);
  if (rc < 0)
    return rc;
  bool ok = welcome_ok(reply, len);
  free(reply);
  if (!ok)
    return mproc__err(MPROC_E_PERM,
                      "authentication failed: the manager refused the key");
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The server                                                               */
/* ------------------------------------------------------------------------ */

typedef struct blob {
  uint8_t *p;
  size_t n;
} blob_t;

typedef struct cwaiter {
  struct cwaiter *next;
  bool notified;
} cwaiter_t;

typedef struct sconn sconn_t;

typedef struct sobj {
  uint64_t id;
  int kind;
  int64_t refs;
  /* Lock, RLock, Condition's lock */
  bool held, dead;
  uint64_t owner;
  int64_t count;
  sconn_t *holder;
  /* Semaphore */
  int64_t value, maxv;
  /* Event */
  bool flag;
  /* Condition */
  cwaiter_t *waiters;
  /* Barrier */
  int64_t parties, arrived;
  uint64_t gen, resets;
  bool broken;
  /* Queue, list (items), dict (keys + items) */
  blob_t *items, *keys;
  size_t len, cap, head;
  int64_t maxsize, unfinished;
  /* Value */
  blob_t val;
} sobj_t;

struct sconn {
  mproc__net_t *conn;
  sobj_t *obj;
  /* The client's pid (from its requests' owner ids; 0 before the first),
   * and the list of open connections (S.conns) it is in. */
  uint32_t pid;
  sconn_t *prev, *next;
};

static struct {
  mproc__mutex_t *mu;
  mproc__cond_t *cv;
  sobj_t **objs; /* by id - 1; ids are never reused */
  size_t nobjs, cap;
  bool closing;
  int unauth;     /* connections in the handshake */
  int busy;       /* requests between being read and their reply being sent */
  sconn_t *conns; /* the open connections */
  const char *address;
  const uint8_t *key;
  size_t keylen;
  bool nowait; /* fuzzing: one thread plays every client, nothing waits */
} S;

static void blob_free(blob_t *b) {
  free(b->p);
  b->p = NULL;
  b->n = 0;
}

static int blob_copy(blob_t *dst, const void *p, size_t n) {
  uint8_t *q = malloc(n ? n : 1);
  if (!q)
    return mproc__err(MPROC_E_NOMEM, "storing %zu bytes", n);
  if (n)
    memcpy(q, p, n);
  dst->p = q;
  dst->n = n;
  return 0;
}

static void sobj_free(sobj_t *o) {
  for (size_t i = o->head; i < o->len; i++) {
    blob_free(&o->items[i]);
    if (o->keys)
      blob_free(&o->keys[i]);
  }
  free(o->items);
  free(o->keys);
  blob_free(&o->val);
  S.objs[o->id - 1] = NULL;
  free(o);
}

static void sobj_unref(sobj_t *o) {
  if (--o->refs == 0)
    sobj_free(o);
}

/* Makes room for one more item at the end (compacting a queue's head). */
static int items_grow(sobj_t *o, bool with_keys) {
  if (o->head && o->head == o->len) {
    o->head = o->len = 0;
  } else if (o->head > 64 && o->head >= o->len / 2) {
    memmove(o->items, o->items + o->head,
            (o->len - o->head) * sizeof *o->items);
    o->len -= o->head;
    o->head = 0;
  }
  if (o->len < o->cap)
    return 0;
  size_t cap = o->cap ? o->cap * 2 : 8;
  blob_t *items = realloc(o->items, cap * sizeof *items);
  if (!items)
    return mproc__err(MPROC_E_NOMEM, "growing a container");
  o->items = items;
  if (with_keys) {
    blob_t *keys = realloc(o->keys, cap * sizeof *keys);
    if (!keys)
      return mproc__err(MPROC_E_NOMEM, "growing a dict");
    o->keys = keys;
  }
  o->cap = cap;
  return 0;
}

/* Waits on the server's condition variable (S.mu held). */
static int swait(int64_t deadline) {
  if (S.closing)
    return mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  int rc = mproc__cond_wait(S.cv, S.mu, deadline);
  if (S.closing)
    return mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  return rc == MPROC_E_TIMEOUT ? mproc__err(rc, "timed out") : 0;
}

static void swake(void) {
  mproc__cond_broadcast(S.cv);
}

/* Whether process @p pid still has a connection open. */
static bool pid_connected(uint32_t pid) {
  for (sconn_t *c = S.conns; c; c = c->next)
    if (c->pid == pid)
      return true;
  return false;
}

/* A Lock or RLock (or a Condition's lock) acquisition. */
static int lock_acquire(sconn_t *sc, sobj_t *o, uint64_t owner,
                        int64_t deadline) {
  bool recursive = o->kind != K_LOCK;
  if (recursive && o->held && !o->dead && o->owner == owner) {
    o->count++;
    return 0;
  }
  int rc = 0;
  /* A lock whose holder died is given to the next acquirer only once every
   * connection of the dead process has closed: each connection has its own
   * server thread, and a request the holder sent just before it died (a
   * dict update it made under the lock, say) may still be in another
   * connection's socket. Applied after the heir's repair, it would undo
   * it; the crash suite saw counters protected by a manager Lock lose
   * updates that way. A connection closes once it has read all it holds. */
  while (o->held && (!o->dead || pid_connected((uint32_t)(o->owner >> 32)))) {
    rc = swait(deadline);
    if (rc < 0)
      return rc;
  }
  bool dead = o->held && o->dead;
  o->held = true;
  o->dead = false;
  o->owner = owner;
  o->count = 1;
  o->holder = sc;
  if (dead)
    return mproc__err(MPROC_E_OWNER_DEAD,
                      "the previous holder's process died holding it");
  return 0;
}

static int lock_release(sobj_t *o, uint64_t owner) {
  if (o->kind == K_LOCK) {
    if (!o->held)
      return mproc__err(MPROC_E_VALUE, "release of an unlocked lock");
  } else if (!o->held || o->dead || o->owner != owner) {
    return mproc__err(MPROC_E_PERM, "cannot release un-acquired lock");
  } else if (--o->count > 0) {
    return 0;
  }
  o->held = o->dead = false;
  o->holder = NULL;
  o->count = 0;
  swake();
  return 0;
}

static bool arg_int(const mproc_value_t *a, size_t n, size_t i, int64_t *v) {
  return i < n && mproc_value_as_int(&a[i], v) == 0;
}

static bool arg_bytes(const mproc_value_t *a, size_t n, size_t i,
                      const void **p, size_t *len) {
  return i < n && mproc_value_as_bytes(&a[i], p, len) == 0;
}

static sobj_t *dict_find(sobj_t *o, const void *k, size_t klen, size_t *at) {
  for (size_t i = 0; i < o->len; i++)
    if (o->keys[i].n == klen && memcmp(o->keys[i].p, k, klen) == 0) {
      *at = i;
      return o;
    }
  return NULL;
}

/*
 * One method call, with S.mu held. Results go to @p res (pointing into the
 * object, or into @p out, which the caller frees after replying).
 */
static int smethod(sconn_t *sc, int64_t op, uint64_t owner, int64_t deadline,
                   const mproc_value_t *a, size_t n, mproc_value_t *res,
                   size_t *nres, blob_t *out) {
  sobj_t *o = sc->obj;
  int k = o->kind;
  const void *p = NULL, *p2 = NULL;
  size_t len = 0, len2 = 0;
  int64_t i = 0;
  int rc = 0;
  bool is_lock = k == K_LOCK || k == K_RLOCK || k == K_CONDITION;
  bool is_sem = k == K_SEMAPHORE || k == K_BOUNDED_SEMAPHORE;
  bool is_queue = k == K_QUEUE || k == K_JOINABLE_QUEUE;

  switch (op) {
  case M_ACQUIRE:
    if (is_lock)
      return lock_acquire(sc, o, owner, deadline);
    if (!is_sem)
      break;
    while (o->value == 0)
      if ((rc = swait(deadline)) < 0)
        return rc;
    o->value--;
    return 0;
  case M_RELEASE:
    if (is_lock)
      return lock_release(o, owner);
    if (!is_sem)
      break;
    if (k == K_BOUNDED_SEMAPHORE && o->value >= o->maxv)
      return mproc__err(MPROC_E_VALUE, "Semaphore released too many times");
    if (o->value >= MPROC_SEM_VALUE_MAX)
      return mproc__err(MPROC_E_VALUE, "semaphore value overflow");
    o->value++;
    swake();
    return 0;
  case M_LOCK_VALUE:
    if (!is_lock && !is_sem)
      break;
    res[(*nres)++] = mproc_int(is_sem ? o->value : (o->held ? 1 : 0));
    return 0;
  case M_COND_WAIT: {
    if (k != K_CONDITION)
      break;
    if (!o->held || o->dead || o->owner != owner)
      return mproc__err(MPROC_E_PERM, "cannot wait on un-acquired lock");
    int64_t saved = o->count;
    cwaiter_t w = {NULL, false}, **pp;
    for (pp = &o->waiters; *pp; pp = &(*pp)->next)
      ;
    *pp = &w;
    o->held = false;
    o->holder = NULL;
    o->count = 0;
    swake();
    while (!w.notified && rc == 0)
      rc = swait(deadline);
    if (!w.notified)
      for (pp = &o->waiters; *pp; pp = &(*pp)->next)
        if (*pp == &w) {
          *pp = w.next;
          break;
        }
    /* Take the lock back whatever happened, as threading.Condition does;
     * only a shutdown ends the wait without it. */
    int rc2 = lock_acquire(sc, o, owner, MPROC__NO_DEADLINE);
    if (rc2 == MPROC_E_CLOSED)
      return rc2;
    o->count = saved;
    return w.notified ? 0 : rc;
  }
  case M_COND_NOTIFY:
    if (k != K_CONDITION || !arg_int(a, n, 0, &i))
      break;
    if (!o->held || o->dead || o->owner != owner)
      return mproc__err(MPROC_E_PERM, "cannot notify on un-acquired lock");
    while (o->waiters && (i < 0 || i-- > 0)) {
      o->waiters->notified = true;
      o->waiters = o->waiters->next;
    }
    swake();
    return 0;
  case M_EVENT_SET:
  case M_EVENT_CLEAR:
    if (k != K_EVENT)
      break;
    o->flag = op == M_EVENT_SET;
    swake();
    return 0;
  case M_EVENT_IS_SET:
    if (k != K_EVENT)
      break;
    res[(*nres)++] = mproc_bool(o->flag);
    return 0;
  case M_EVENT_WAIT:
    if (k != K_EVENT)
      break;
    while (!o->flag)
      if ((rc = swait(deadline)) < 0)
        return rc;
    return 0;
  case M_BARRIER_WAIT: {
    if (k != K_BARRIER)
      break;
    if (o->broken)
      return mproc__err(MPROC_E_BROKEN, "the barrier is broken");
    uint64_t gen = o->gen, resets = o->resets;
    int64_t index = o->arrived++;
    res[(*nres)++] = mproc_int(index);
    if (o->arrived == o->parties) {
      o->gen++;
      o->arrived = 0;
      swake();
      return 0;
    }
    while (o->gen == gen && !o->broken && o->resets == resets) {
      rc = swait(deadline);
      if (rc == MPROC_E_TIMEOUT) {
        o->broken = true; /* as threading.Barrier: a timeout breaks it */
        swake();
      }
      if (rc < 0)
        return rc == MPROC_E_TIMEOUT
                   ? mproc__err(MPROC_E_BROKEN, "timed out: barrier broken")
                   : rc;
    }
    if (o->gen != gen)
      return 0;
    return mproc__err(MPROC_E_BROKEN, "the barrier was aborted or reset");
  }
  case M_BARRIER_ABORT:
  case M_BARRIER_RESET:
    if (k != K_BARRIER)
      break;
    if (op == M_BARRIER_ABORT) {
      o->broken = true;
    } else {
      o->resets++;
      o->broken = false;
      o->arrived = 0;
    }
    swake();
    return 0;
  case M_QUEUE_PUT:
    if (!is_queue || !arg_bytes(a, n, 0, &p, &len))
      break;
    while (o->maxsize > 0 && (int64_t)(o->len - o->head) >= o->maxsize)
      if ((rc = swait(deadline)) < 0)
        return rc;
    if ((rc = items_grow(o, false)) < 0)
      return rc;
    if ((rc = blob_copy(&o->items[o->len], p, len)) < 0)
      return rc;
    o->len++;
    o->unfinished++;
    swake();
    return 0;
  case M_QUEUE_GET:
    if (!is_queue)
      break;
    while (o->len == o->head)
      if ((rc = swait(deadline)) < 0)
        return rc;
    *out = o->items[o->head++];
    res[(*nres)++] = mproc_bytes(out->p, out->n);
    swake();
    return 0;
  case M_QUEUE_SIZE:
    if (!is_queue)
      break;
    res[(*nres)++] = mproc_int((int64_t)(o->len - o->head));
    return 0;
  case M_QUEUE_TASK_DONE:
    if (k != K_JOINABLE_QUEUE)
      break;
    if (o->unfinished <= 0)
      return mproc__err(MPROC_E_VALUE, "task_done() called too many times");
    if (--o->unfinished == 0)
      swake();
    return 0;
  case M_QUEUE_JOIN:
    if (k != K_JOINABLE_QUEUE)
      break;
    while (o->unfinished > 0)
      if ((rc = swait(deadline)) < 0)
        return rc;
    return 0;
  case M_VALUE_GET:
    if (k != K_VALUE)
      break;
    res[(*nres)++] = mproc_bytes(o->val.p, o->val.n);
    return 0;
  case M_VALUE_SET: {
    blob_t b;
    if (k != K_VALUE || !arg_bytes(a, n, 0, &p, &len))
      break;
    if ((rc = blob_copy(&b, p, len)) < 0)
      return rc;
    blob_free(&o->val);
    o->val = b;
    return 0;
  }
  case M_DICT_SET: {
    size_t at;
    blob_t kb, vb;
    if (k != K_DICT || !arg_bytes(a, n, 0, &p, &len) ||
        !arg_bytes(a, n, 1, &p2, &len2))
      break;
    if ((rc = blob_copy(&vb, p2, len2)) < 0)
      return rc;
    if (dict_find(o, p, len, &at)) {
      blob_free(&o->items[at]);
      o->items[at] = vb;
      return 0;
    }
    if ((rc = items_grow(o, true)) < 0 || (rc = blob_copy(&kb, p, len)) < 0) {
      blob_free(&vb);
      return rc;
    }
    o->keys[o->len] = kb;
    o->items[o->len++] = vb;
    return 0;
  }
  case M_DICT_GET:
  case M_DICT_DEL: {
    size_t at;
    if (k != K_DICT || !arg_bytes(a, n, 0, &p, &len))
      break;
    if (!dict_find(o, p, len, &at))
      return mproc__err(MPROC_E_NOTFOUND, "no such key");
    if (op == M_DICT_GET) {
      res[(*nres)++] = mproc_bytes(o->items[at].p, o->items[at].n);
      return 0;
    }
    blob_free(&o->keys[at]);
    blob_free(&o->items[at]);
    o->len--;
    o->keys[at] = o->keys[o->len];
    o->items[at] = o->items[o->len];
    return 0;
  }
  case M_DICT_LEN:
  case M_LIST_LEN:
    if (k != (op == M_DICT_LEN ? K_DICT : K_LIST))
      break;
    res[(*nres)++] = mproc_int((int64_t)o->len);
    return 0;
  case M_LIST_APPEND:
    if (k != K_LIST || !arg_bytes(a, n, 0, &p, &len))
      break;
    if ((rc = items_grow(o, false)) < 0 ||
        (rc = blob_copy(&o->items[o->len], p, len)) < 0)
      return rc;
    o->len++;
    return 0;
  case M_LIST_GET:
  case M_LIST_SET: {
    if (k != K_LIST || !arg_int(a, n, 0, &i) ||
        (op == M_LIST_SET && !arg_bytes(a, n, 1, &p, &len)))
      break;
    if (i < 0)
      i += (int64_t)o->len;
    if (i < 0 || i >= (int64_t)o->len)
      return mproc__err(MPROC_E_VALUE, "list index out of range");
    if (op == M_LIST_GET) {
      res[(*nres)++] = mproc_bytes(o->items[i].p, o->items[i].n);
      return 0;
    }
    blob_t b;
    if ((rc = blob_copy(&b, p, len)) < 0)
      return rc;
    blob_free(&o->items[i]);
    o->items[i] = b;
    return 0;
  }
  default:
    return mproc__err(MPROC_E_NOTSUP, "unknown method %lld", (long long)op);
  }
  return mproc__err(MPROC_E_TYPE,
                    "method %lld is not one of %s's, or bad "
                    "arguments",
                    (long long)op, kind_names[k]);
}

/* Binds a connection to a new object (CREATE). */
static int screate(sconn_t *sc, const mproc_value_t *a, size_t n,
                   mproc_value_t *res, size_t *nres) {
  int64_t kind, param = 0;
  const void *p = NULL;
  size_t len = 0;
  if (!arg_int(a, n, 0, &kind) || kind <= 0 || kind >= K_MAX ||
      !arg_int(a, n, 1, &param) || param < 0 ||
      (kind == K_VALUE && !arg_bytes(a, n, 2, &p, &len)))
    return mproc__err(MPROC_E_TYPE, "bad CREATE request");
  if (kind == K_BARRIER && param == 0)
    return mproc__err(MPROC_E_VALUE, "a barrier needs at least one party");
  if (S.nobjs == S.cap) {
    size_t cap = S.cap ? S.cap * 2 : 64;
    sobj_t **objs = realloc(S.objs, cap * sizeof *objs);
    if (!objs)
      return mproc__err(MPROC_E_NOMEM, "growing the object table");
    S.objs = objs;
    S.cap = cap;
  }
  sobj_t *o = calloc(1, sizeof *o);
  if (!o)
    return mproc__err(MPROC_E_NOMEM, "creating an object");
  if (kind == K_VALUE && blob_copy(&o->val, p, len) < 0) {
    free(o);
    return MPROC_E_NOMEM;
  }
  o->kind = (int)kind;
  o->value = o->maxv = param;
  o->parties = param;
  o->maxsize = param;
  o->refs = 1;
  o->id = ++S.nobjs;
  S.objs[o->id - 1] = o;
  sc->obj = o;
  res[(*nres)++] = mproc_int((int64_t)o->id);
  return 0;
}

static int sattach(sconn_t *sc, const mproc_value_t *a, size_t n,
                   mproc_value_t *res, size_t *nres) {
  int64_t id, kind;
  if (!arg_int(a, n, 0, &id) || !arg_int(a, n, 1, &kind))
    return mproc__err(MPROC_E_TYPE, "bad ATTACH request");
  sobj_t *o = id > 0 && (uint64_t)id <= S.nobjs ? S.objs[id - 1] : NULL;
  if (!o)
    return mproc__err(MPROC_E_NOTFOUND,
                      "object %lld no longer exists in the manager",
                      (long long)id);
  if (o->kind != kind)
    return mproc__err(MPROC_E_TYPE, "object %lld is a %s, not a %s",
                      (long long)id, kind_names[o->kind],
                      kind > 0 && kind < K_MAX ? kind_names[kind] : "?");
  o->refs++;
  sc->obj = o;
  res[(*nres)++] = mproc_int(o->maxsize);
  return 0;
}

static void swake_accept(void) {
  mproc__net_t *c = NULL;
  if (mproc__connect(S.address, &c) == 0)
    mproc__net_close(c);
}

/* A request's deadline; when fuzzing, no request waits (one thread plays
 * every client, so nothing could end the wait). */
static int request_deadline(double timeout, int64_t *deadline) {
  int rc = mproc__deadline(timeout, deadline);
  if (rc == 0 && S.nowait)
    *deadline = mproc__now_ns();
  return rc;
}

/* Handles one request; returns the encoded reply or an error that ends the
 * connection (a malformed request). */
static int srequest(sconn_t *sc, const uint8_t *buf, size_t len, void **reply,
                    size_t *rlen, bool *shutdown, bool *busy) {
  mproc_value_t *a = NULL;
  size_t n = 0;
  int64_t op, owner;
  double timeout;
  int rc = mproc_decode(buf, len, &a, &n);
  if (rc < 0)
    return rc;
  if (n < 3 || !arg_int(a, n, 0, &op) || !arg_int(a, n, 1, &owner) ||
      mproc_value_as_double(&a[2], &timeout) != 0) {
    mproc_values_free(a, n);
    return mproc__err(MPROC_E_DECODE, "malformed request");
  }
  mproc_value_t res[3];
  size_t nres = 2;
  blob_t out = {NULL, 0};
  int64_t deadline;
  mproc__err_clear();
  mproc__mutex_lock(S.mu);
  sc->pid = (uint32_t)((uint64_t)owner >> 32);
  S.busy++;
  *busy = true;
  if (S.closing) {
    rc = mproc__err(MPROC_E_CLOSED, "the manager is shutting down");
  } else if ((rc = request_deadline(timeout, &deadline)) < 0) {
  } else if (op == OP_PING) {
  } else if (op == OP_DETACH) {
    /* A clean goodbye: a lock this connection took stays held (anyone may
     * release a Lock), but its holder did not die. */
    if (sc->obj) {
      if (sc->obj->holder == sc)
        sc->obj->holder = NULL;
      sobj_unref(sc->obj);
      sc->obj = NULL;
    }
  } else if (op == OP_SHUTDOWN) {
    S.closing = true;
    *shutdown = true;
    swake();
  } else if (op == OP_CREATE || op == OP_ATTACH) {
    if (sc->obj)
      rc = mproc__err(MPROC_E_STATE, "the connection already has an object");
    else if (op == OP_CREATE)
      rc = screate(sc, a + 3, n - 3, res, &nres);
    else
      rc = sattach(sc, a + 3, n - 3, res, &nres);
  } else if (!sc->obj) {
    rc = mproc__err(MPROC_E_STATE, "no object bound to this connection");
  } else {
    rc = smethod(sc, op, (uint64_t)owner, deadline, a + 3, n - 3, res, &nres,
                 &out);
  }
  res[0] = mproc_int(rc);
  res[1] = mproc_str(rc < 0 ? mproc_last_error() : "");
  int erc = mproc_encode(res, rc < 0 ? 2 : nres, reply, rlen);
  mproc__mutex_unlock(S.mu);
  blob_free(&out);
  mproc_values_free(a, n);
  return erc;
}

/* The client is gone (or misbehaved): drop its reference, and a lock it
 * holds is now held by a dead owner. */
static void sconn_drop(sconn_t *sc) {
  mproc__mutex_lock(S.mu);
  sobj_t *o = sc->obj;
  if (o) {
    if (o->held && o->holder == sc) {
      o->dead = true;
      o->holder = NULL;
    }
    sobj_unref(o);
    sc->obj = NULL;
  }
  if (sc->prev || S.conns == sc) { /* in the list of open connections */
    if (sc->prev)
      sc->prev->next = sc->next;
    else
      S.conns = sc->next;
    if (sc->next)
      sc->next->prev = sc->prev;
    sc->prev = sc->next = NULL;
  }
  /* Waiters for a lock of a dead process look again (see lock_acquire()):
   * this may have been the dead holder's last connection. */
  swake();
  mproc__mutex_unlock(S.mu);
}

static void sconn_main(void *arg) {
  sconn_t *sc = arg;
  bool shutdown = false;
  mproc__net_set_timeout(sc->conn, HANDSHAKE_MS);
  int rc = deliver_challenge(sc->conn, S.key, S.keylen);
  if (rc == 0)
    rc = answer_challenge(sc->conn, S.key, S.keylen);
  if (rc == 0)
    mproc__net_set_timeout(sc->conn, 0); /* requests may wait as long as
                                             they like */
  mproc__mutex_lock(S.mu);
  S.unauth--;
  sc->next = S.conns;
  if (S.conns)
    S.conns->prev = sc;
  S.conns = sc;
  mproc__mutex_unlock(S.mu);
  while (rc == 0 && !shutdown) {
    uint8_t *buf = NULL;
    size_t len = 0;
    void *reply = NULL;
    size_t rlen = 0;
    rc = frame_recv(sc->conn, MPROC_MANAGER_MAX_FRAME, &buf, &len);
    if (rc < 0)
      break;
    bool busy = false;
    rc = srequest(sc, buf, len, &reply, &rlen, &shutdown, &busy);
    free(buf);
    if (rc == 0)
      rc = frame_send(sc->conn, reply, rlen);
    free(reply);
    if (busy) {
      mproc__mutex_lock(S.mu);
      if (--S.busy == 0 && S.closing)
        swake(); /* the server waits for the last reply to go out */
      mproc__mutex_unlock(S.mu);
    }
  }
  if (shutdown)
    swake_accept();
  sconn_drop(sc);
  mproc__net_close(sc->conn);
  free(sc);
}

/* The server process: args are the address, the key and a semaphore to
 * release once it listens. */
static int server_main(const mproc_value_t *args, size_t nargs) {
  const char *address;
  const void *key;
  size_t keylen;
  mproc_semaphore_t *ready;
  mproc__listener_t *l = NULL;
  if (nargs != 3 || mproc_value_as_str(&args[0], &address) != 0 ||
      mproc_value_as_bytes(&args[1], &key, &keylen) != 0 ||
      mproc_value_as_semaphore(&args[2], &ready) != 0)
    return 2;
  S.address = address;
  S.key = key;
  S.keylen = keylen;
  if (mproc__mutex_create(&S.mu) < 0 || mproc__cond_create(&S.cv) < 0)
    return 3;
  if (mproc__listen(address, &l) < 0) {
    fprintf(stderr, "mproc manager: %s\n", mproc_last_error());
    return 4;
  }
  mproc_semaphore_release(ready);
  for (;;) {
    mproc__net_t *c = NULL;
    int rc = mproc__accept(l, &c);
    mproc__mutex_lock(S.mu);
    bool closing = S.closing, full = S.unauth >= UNAUTH_MAX;
    if (rc == 0 && !closing && !full)
      S.unauth++;
    mproc__mutex_unlock(S.mu);
    if (closing) {
      mproc__net_close(c);
      break;
    }
    if (rc < 0)
      continue; /* out of descriptors, for instance: keep serving */
    if (full) {
      mproc__net_close(c);
      continue;
    }
    sconn_t *sc = calloc(1, sizeof *sc);
    if (!sc) {
      mproc__net_close(c);
      mproc__mutex_lock(S.mu);
      S.unauth--;
      mproc__mutex_unlock(S.mu);
      continue;
    }
    sc->conn = c;
    if (mproc__thread_start_detached(sconn_main, sc) < 0) {
      mproc__net_close(c);
      free(sc);
      mproc__mutex_lock(S.mu);
      S.unauth--;
      mproc__mutex_unlock(S.mu);
    }
  }
  mproc__listener_close(l);
  mproc__address_cleanup(address);
  /* Let the replies being sent go out (waiters were woken with
   * MPROC_E_CLOSED), so that a client sees its answer rather than the end
   * of the stream; a client that does not read gets 5 seconds. */
  int64_t deadline = mproc__now_ns() + (int64_t)5 * 1000000000;
  mproc__mutex_lock(S.mu);
  while (S.busy > 0 && mproc__cond_wait(S.cv, S.mu, deadline) == 0)
    ;
  mproc__mutex_unlock(S.mu);
  /* Connection threads may still run (clients that have not hung up, one
   * in its handshake's HMAC). The process ends without atexit handlers,
   * as a fork child always does: in a spawn child they include OpenSSL's
   * cleanup, which freed what a thread still used or was freeing (a double
   * free and leak reports under ASan, in the crash suite's manager runs). */
  mproc__child_exit(0, true);
  return 0; /* not reached */
}

int mproc__manager_register(void) {
  return mproc_register(SERVER_FN_NAME, server_main);
}

/* ------------------------------------------------------------------------ */
/* Clients                                                                  */
/* ------------------------------------------------------------------------ */

struct mproc_manager {
  uint32_t magic;
  bool owner; /* this process started the server */
  mproc_process_t *server;
  char address[MPROC__ADDR_MAX];
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen;
};

/* A connection of a proxy, and the replies still to read on it (of puts
 * that did not wait for theirs). */
typedef struct pconn {
  mproc__net_t *c;
  int pending;
  /* A Queue's maxsize, learnt when attaching (kept per connection, so that
   * threads share nothing mutable). A put on an unbounded queue does not
   * wait for its reply (see mproc_proxy_queue_put()). */
  int64_t qmax;
} pconn_t;

struct mproc_proxy {
  mproc_object_t hdr;
  int kind;
  uint64_t id;
  char address[MPROC__ADDR_MAX];
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen;
  /* Idle connections, each attached to the object. A thread in a call
   * takes one (or opens one), so threads never wait for each other's
   * blocking calls. After fork the child opens its own. */
  int64_t pid;
  mproc__mutex_t *mu;
  pconn_t *idle;
  size_t nidle, cap;
};

static uint64_t owner_id(void) {
  return ((uint64_t)mproc__getpid() << 32) ^ mproc__thread_id();
}

/* Sends one request on @p c. */
static int send_request(mproc__net_t *c, int64_t op, double timeout,
                        const mproc_value_t *args, size_t nargs) {
  mproc_value_t req[6];
  void *buf = NULL;
  size_t len = 0;
  if (nargs > 3)
    return mproc__err(MPROC_E_INVAL, "too many arguments");
  req[0] = mproc_int(op);
  req[1] = mproc_int((int64_t)owner_id());
  req[2] = mproc_double(timeout);
  for (size_t i = 0; i < nargs; i++)
    req[3 + i] = args[i];
  int rc = mproc_encode(req, 3 + nargs, &buf, &len);
  if (rc == 0)
    rc = frame_send(c, buf, len);
  free(buf);
  if (rc == MPROC_E_CLOSED)
    rc = mproc__err(rc, "the manager went away (%s)", mproc_last_error());
  return rc;
}

/* Decodes one reply: its status, and the results (after status and
 * message) in *res (owned by the caller) when wanted. */
static int reply_decode(const uint8_t *rbuf, size_t rlen, mproc_value_t **res,
                        size_t *nres) {
  mproc_value_t *rv = NULL;
  size_t rn = 0;
  int64_t status;
  const char *msg;
  int rc = mproc_decode(rbuf, rlen, &rv, &rn);
  if (rc < 0)
    return rc;
  if (rn < 2 || mproc_value_as_int(&rv[0], &status) != 0 ||
      mproc_value_as_str(&rv[1], &msg) != 0 || status > 0 || status < -1000) {
    mproc_values_free(rv, rn);
    return mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  }
  if (status < 0) {
    rc = mproc__err((int)status, "%s", msg);
    mproc_values_free(rv, rn);
    return rc;
  }
  if (res) {
    *res = rv;
    *nres = rn;
  } else {
    mproc_values_free(rv, rn);
  }
  return 0;
}

/* Reads one reply (see reply_decode()). */
static int recv_reply(mproc__net_t *c, mproc_value_t **res, size_t *nres) {
  uint8_t *rbuf = NULL;
  size_t rlen = 0;
  int rc = frame_recv(c, MPROC_MANAGER_MAX_FRAME, &rbuf, &rlen);
  if (rc < 0)
    return rc == MPROC_E_CLOSED ? mproc__err(rc, "the manager went away (%s)",
                                             mproc_last_error())
                                : rc;
  rc = reply_decode(rbuf, rlen, res, nres);
  free(rbuf);
  return rc;
}

/* One request and its reply on @p c. */
static int call_on(mproc__net_t *c, int64_t op, double timeout,
                   const mproc_value_t *args, size_t nargs, mproc_value_t **res,
                   size_t *nres) {
  int rc = send_request(c, op, timeout, args, nargs);
  return rc < 0 ? rc : recv_reply(c, res, nres);
}

/* Whether an error leaves the stream unusable. */
static bool stream_broken(int rc) {
  /* Not MPROC_E_TOOBIG: frame_send() refuses an oversized message before
   * writing anything. (Closing a proxy's last connection would also drop
   * its reference.) */
  return rc == MPROC_E_CLOSED || rc == MPROC_E_DECODE;
}

/* Reads the replies still pending on @p pc: the first error among them
 * (an earlier put that failed) is returned. */
static int drain(pconn_t *pc) {
  int first = 0;
  while (pc->pending > 0) {
    int rc = recv_reply(pc->c, NULL, NULL);
    if (stream_broken(rc))
      return rc;
    pc->pending--;
    if (rc < 0 && first == 0)
      first = mproc__err(rc, "an earlier put failed: %s", mproc_last_error());
  }
  return first;
}

/* Connects and authenticates both ways. */
static int open_conn(const char *address, const uint8_t *key, size_t keylen,
                     mproc__net_t **out) {
  mproc__net_t *c = NULL;
  int rc = mproc__connect(address, &c);
  if (rc < 0)
    return rc;
  mproc__net_set_timeout(c, CLIENT_HANDSHAKE_MS);
  rc = answer_challenge(c, key, keylen);
  if (rc == 0)
    rc = deliver_challenge(c, key, keylen);
  if (rc == 0)
    mproc__net_set_timeout(c, 0); /* replies may take as long as requests */
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  *out = c;
  return 0;
}

static bool proxy_ok(const mproc_proxy_t *p, const char *what) {
  if (!p) {
    mproc__err(MPROC_E_INVAL, "%s: NULL proxy", what);
    return false;
  }
  if (p->hdr.magic != MPROC__OBJ_MAGIC || p->hdr.type_id != MPROC__T_PROXY) {
    mproc__err(MPROC_E_TYPE, "%s: not a live proxy", what);
    return false;
  }
  return true;
}

/* Closes the idle connections; @p detach says goodbye on each first (never
 * on a fork parent's connections), so that the server has dropped the
 * references when this returns. */
static void proxy_drop_idle(mproc_proxy_t *p, bool detach) {
  for (size_t i = 0; i < p->nidle; i++) {
    if (detach && !stream_broken(drain(&p->idle[i])))
      call_on(p->idle[i].c, OP_DETACH, 0, NULL, 0, NULL, NULL);
    mproc__net_close(p->idle[i].c);
  }
  p->nidle = 0;
}

/* Takes an idle connection or opens one attached to the object. */
static int proxy_conn_get(mproc_proxy_t *p, pconn_t *out) {
  if (p->pid != mproc__getpid()) {
    /* A fork child: the connections are the parent's (their descriptors
     * are closed here, which leaves the parent's intact), and so may be the
     * mutex, in whatever state another parent thread left it. */
    mproc__mutex_t *mu = NULL;
    int rc = mproc__mutex_create(&mu);
    if (rc < 0)
      return rc;
    p->mu = mu;
    proxy_drop_idle(p, false);
    p->pid = mproc__getpid();
  }
  bool found = false;
  mproc__mutex_lock(p->mu);
  if (p->nidle) {
    *out = p->idle[--p->nidle];
    found = true;
  }
  mproc__mutex_unlock(p->mu);
  if (found)
    return 0;
  mproc__net_t *c = NULL;
  int rc = open_conn(p->address, p->key, p->keylen, &c);
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_int((int64_t)p->id), mproc_int(p->kind)};
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t qmax = -1;
  rc = call_on(c, OP_ATTACH, 0, a, 2, &res, &nres);
  if (rc == 0 && nres >= 3)
    mproc_value_as_int(&res[2], &qmax);
  mproc_values_free(res, nres);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  out->c = c;
  out->pending = 0;
  out->qmax = qmax;
  return 0;
}

static void proxy_conn_put(mproc_proxy_t *p, pconn_t pc) {
  mproc__mutex_lock(p->mu);
  if (p->nidle == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 4;
    pconn_t *idle = realloc(p->idle, cap * sizeof *idle);
    if (!idle) {
      mproc__mutex_unlock(p->mu);
      /* Closing drops a reference the object still has others of. */
      mproc__net_close(pc.c);
      return;
    }
    p->idle = idle;
    p->cap = cap;
  }
  p->idle[p->nidle++] = pc;
  mproc__mutex_unlock(p->mu);
}

/* A call; with @p oneway set, a put on an unbounded queue is sent without
 * waiting for its reply (read before the next request on the connection). */
static int proxy_call_ex(mproc_proxy_t *p, const char *what, int kind_mask,
                         int64_t op, double timeout, const mproc_value_t *args,
                         size_t nargs, mproc_value_t **res, size_t *nres,
                         bool oneway) {
  if (!proxy_ok(p, what))
    return p ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!(kind_mask & (1 << p->kind)))
    return mproc__err(MPROC_E_TYPE, "%s: not supported by a %s proxy", what,
                      kind_names[p->kind]);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  pconn_t pc;
  rc = proxy_conn_get(p, &pc);
  if (rc < 0)
    return rc;
  /* The request goes out before the pending replies are read: the server
   * answers in order, so a put followed by a get costs one round trip. */
  rc = send_request(pc.c, op, timeout, args, nargs);
  if (rc == 0 && oneway && pc.qmax == 0) {
    pc.pending++;
  } else if (rc == 0) {
    int earlier = drain(&pc);
    if (stream_broken(earlier)) {
      rc = earlier;
    } else {
      rc = recv_reply(pc.c, res, nres);
      /* An earlier put's failure is reported by a call that returns no
       * value (a value taken from the manager must not be lost). */
      if (rc == 0 && earlier < 0 && !res)
        rc = earlier;
    }
  }
  if (stream_broken(rc))
    mproc__net_close(pc.c); /* the stream is unusable */
  else
    proxy_conn_put(p, pc);
  return rc;
}

static int proxy_call(mproc_proxy_t *p, const char *what, int kind_mask,
                      int64_t op, double timeout, const mproc_value_t *args,
                      size_t nargs, mproc_value_t **res, size_t *nres) {
  return proxy_call_ex(p, what, kind_mask, op, timeout, args, nargs, res, nres,
                       false);
}

static int proxy_new(const char *address, const uint8_t *key, size_t keylen,
                     int kind, uint64_t id, mproc_proxy_t **out) {
  mproc_proxy_t *p = calloc(1, sizeof *p);
  if (!p)
    return mproc__err(MPROC_E_NOMEM, "allocating a proxy");
  int rc = mproc__mutex_create(&p->mu);
  if (rc < 0) {
    free(p);
    return rc;
  }
  p->hdr.magic = MPROC__OBJ_MAGIC;
  p->hdr.type_id = MPROC__T_PROXY;
  p->kind = kind;
  p->id = id;
  snprintf(p->address, sizeof p->address, "%s", address);
  memcpy(p->key, key, keylen);
  p->keylen = keylen;
  p->pid = mproc__getpid();
  *out = p;
  return 0;
}

void mproc_proxy_destroy(mproc_proxy_t *p) {
  if (!p || !proxy_ok(p, __func__))
    return;
  if (p->pid == mproc__getpid()) {
    proxy_drop_idle(p, true);
    mproc__mutex_destroy(p->mu);
  } else {
    proxy_drop_idle(p, false); /* the parent's: close our copies only */
  }
  free(p->idle);
  p->hdr.magic = 0;
  free(p);
}

int mproc_value_as_proxy(const mproc_value_t *v, mproc_proxy_t **out) {
  if (!v || !out)
    return mproc__err(MPROC_E_INVAL, "NULL argument");
  if (v->type != MPROC_VALUE_OBJECT || !v->u.obj ||
      v->u.obj->magic != MPROC__OBJ_MAGIC ||
      v->u.obj->type_id != MPROC__T_PROXY)
    return mproc__err(MPROC_E_TYPE, "value is not a proxy");
  *out = (mproc_proxy_t *)v->u.obj;
  return 0;
}

const char *mproc_proxy_type_name(const mproc_proxy_t *p) {
  if (!p || p->hdr.magic != MPROC__OBJ_MAGIC ||
      p->hdr.type_id != MPROC__T_PROXY)
    return NULL;
  return kind_names[p->kind];
}

/* A proxy crosses as its address, object id and kind; the key only while a
 * child is being spawned (otherwise the receiver uses its own process key,
 * as CPython does). */
static int proxy_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  mproc_proxy_t *p = (mproc_proxy_t *)o;
  size_t alen = strlen(p->address);
  mproc__put_u8(b, (uint8_t)p->kind);
  mproc__put_u64(b, p->id);
  mproc__put_u32(b, (uint32_t)alen);
  mproc__put_raw(b, p->address, alen);
  if (ctx) {
    mproc__put_u32(b, (uint32_t)p->keylen);
    mproc__put_raw(b, p->key, p->keylen);
  } else {
    mproc__put_u32(b, 0);
  }
  return 0;
}

static int proxy_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  (void)id;
  uint8_t kind = mproc__get_u8(r);
  uint64_t oid = mproc__get_u64(r);
  uint32_t alen = mproc__get_u32(r);
  const uint8_t *addr = mproc__get_raw(r, alen);
  uint32_t klen = mproc__get_u32(r);
  const uint8_t *key = mproc__get_raw(r, klen);
  if (r->err || kind == 0 || kind >= K_MAX || alen == 0 ||
      alen >= MPROC__ADDR_MAX || memchr(addr, 0, alen) ||
      klen > MPROC_AUTHKEY_MAX)
    return mproc__err(MPROC_E_DECODE, "malformed proxy");
  /* The encoder writes a key only into a start record (proxy_reduce); one
   * anywhere else is not ours, and must not choose the key we answer
   * challenges with. */
  if (klen != 0 && !mproc__decoding_start_record())
    return mproc__err(MPROC_E_DECODE, "a proxy's key outside a start record");
  char address[MPROC__ADDR_MAX];
  memcpy(address, addr, alen);
  address[alen] = '\0';
  if (klen == 0) {
    int rc = mproc__authkey_ensure();
    if (rc < 0)
      return rc;
    key = process_key;
    klen = MPROC_AUTHKEY_LEN;
  }
  mproc_proxy_t *p = NULL;
  int rc = proxy_new(address, key, klen, kind, oid, &p);
  if (rc < 0)
    return rc;
  *out = &p->hdr;
  return 0;
}

static void proxy_destroy_obj(mproc_object_t *o) {
  mproc_proxy_destroy((mproc_proxy_t *)o);
}

const mproc__type_t mproc__proxy_type = {"Proxy", false, proxy_reduce,
                                         proxy_rebuild, proxy_destroy_obj};

/* ------------------------------------------------------------------------ */
/* Managers                                                                 */
/* ------------------------------------------------------------------------ */

static bool manager_ok(const mproc_manager_t *m, const char *what) {
  if (!m) {
    mproc__err(MPROC_E_INVAL, "%s: NULL manager", what);
    return false;
  }
  if (m->magic != MANAGER_MAGIC) {
    mproc__err(MPROC_E_TYPE, "%s: not a live manager", what);
    return false;
  }
  return true;
}

static int key_check(const void *key, size_t keylen) {
  if (!key || keylen == 0 || keylen > MPROC_AUTHKEY_MAX)
    return mproc__err(MPROC_E_INVAL, "an auth key must have 1 to %d bytes",
                      MPROC_AUTHKEY_MAX);
  return 0;
}

/* Asks the server to shut down. */
/* Asks the server to stop; *sent tells whether the request went out (a
 * server that never got it will not exit on its own). */
static int manager_stop(mproc_manager_t *m, bool *sent) {
  mproc__net_t *c = NULL;
  *sent = false;
  int rc = open_conn(m->address, m->key, m->keylen, &c);
  if (rc == 0) {
    rc = send_request(c, OP_SHUTDOWN, 0, NULL, 0);
    if (rc == 0) {
      *sent = true;
      rc = recv_reply(c, NULL, NULL);
    }
    mproc__net_close(c);
  }
  return rc;
}

int mproc_manager_start(mproc_manager_t **out,
                        const mproc_manager_options_t *opts) {
  mproc_semaphore_t *ready = NULL;
  mproc_manager_t *m = NULL;
  int rc;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  *out = NULL;
  if (opts && opts->authkey &&
      (rc = key_check(opts->authkey, opts->authkey_len)) < 0)
    return rc;
  if ((rc = mproc__manager_register()) < 0)
    return rc;
  if ((rc = mproc__authkey_ensure()) < 0)
    return rc;
  m = calloc(1, sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "allocating a manager");
  m->magic = MANAGER_MAGIC;
  m->owner = true;
  if (opts && opts->authkey) {
    memcpy(m->key, opts->authkey, opts->authkey_len);
    m->keylen = opts->authkey_len;
  } else {
    memcpy(m->key, process_key, MPROC_AUTHKEY_LEN);
    m->keylen = MPROC_AUTHKEY_LEN;
  }
  if (opts && opts->address) {
    if (strlen(opts->address) >= sizeof m->address) {
      rc = mproc__err(MPROC_E_TOOBIG, "address too long");
      goto fail;
    }
    strcpy(m->address, opts->address);
    const char *colon = strrchr(m->address, ':');
    if (colon && strcmp(colon, ":0") == 0 &&
        (rc = mproc__tcp_pick_port(m->address, sizeof m->address)) < 0)
      goto fail;
  } else if ((rc = mproc__local_address(m->address, sizeof m->address)) < 0) {
    goto fail;
  }
  if ((rc = mproc_semaphore_create(&ready, 0)) < 0)
    goto fail;
  mproc_value_t args[3] = {mproc_str(m->address),
                           mproc_bytes(m->key, m->keylen), mproc_obj(ready)};
  mproc_process_options_t po = {opts ? opts->start_method : MPROC_START_DEFAULT,
                                true};
  if ((rc = mproc_process_start(&m->server, server_main, args, 3, &po)) < 0)
    goto fail;
  /* Waits for the server to listen, watching that it is still alive (and
   * giving up after a minute, however slow the machine). */
  int64_t give_up = mproc__now_ns() + (int64_t)60 * 1000000000;
  for (;;) {
    rc = mproc_semaphore_acquire(ready, 0.05);
    if (rc == 0)
      break;
    if (rc != MPROC_E_TIMEOUT)
      goto fail;
    if (mproc__now_ns() > give_up) {
      rc = mproc__err(MPROC_E_SPAWN,
                      "the manager's server did not listen on %s within a "
                      "minute",
                      m->address);
      goto fail;
    }
    if (mproc_process_is_alive(m->server) == 0) {
      int code = -1;
      mproc_process_exitcode(m->server, &code);
      rc = mproc__err(MPROC_E_SPAWN,
                      "the manager's server exited with code %d before "
                      "listening on %s",
                      code, m->address);
      goto fail;
    }
  }
  mproc_semaphore_destroy(ready);
  *out = m;
  return 0;
fail:
  if (m->server) {
    mproc_process_kill(m->server);
    mproc_process_join(m->server, MPROC_FOREVER);
    mproc_process_destroy(m->server);
  }
  mproc_semaphore_destroy(ready);
  if (!(opts && opts->address))
    mproc__address_cleanup(m->address);
  free(m);
  return rc;
}

int mproc_manager_connect(mproc_manager_t **out, const char *address,
                          const void *authkey, size_t keylen) {
  if (!out || !address)
    return mproc__err(MPROC_E_INVAL, "NULL argument");
  *out = NULL;
  int rc = key_check(authkey, keylen);
  if (rc < 0)
    return rc;
  if (!*address || strlen(address) >= MPROC__ADDR_MAX)
    return mproc__err(MPROC_E_INVAL, "bad address");
  mproc_manager_t *m = calloc(1, sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "allocating a manager");
  m->magic = MANAGER_MAGIC;
  strcpy(m->address, address);
  memcpy(m->key, authkey, keylen);
  m->keylen = keylen;
  mproc__net_t *c = NULL;
  rc = open_conn(m->address, m->key, m->keylen, &c);
  if (rc == 0) {
    rc = call_on(c, OP_PING, 0, NULL, 0, NULL, NULL);
    mproc__net_close(c);
  }
  if (rc < 0) {
    free(m);
    return rc;
  }
  *out = m;
  return 0;
}

const char *mproc_manager_address(const mproc_manager_t *m) {
  return manager_ok(m, __func__) ? m->address : NULL;
}

int64_t mproc__manager_server_pid(const mproc_manager_t *m) {
  return m && m->magic == MANAGER_MAGIC && m->owner
             ? mproc_process_pid(m->server)
             : 0;
}

int mproc_manager_shutdown(mproc_manager_t *m) {
  if (!m)
    return 0;
  if (!manager_ok(m, __func__))
    return MPROC_E_TYPE;
  int rc = 0;
  if (m->owner) {
    bool sent;
    rc = manager_stop(m, &sent);
    /* A server that never got the request (no connection, a failed
     * handshake or send) does not exit on its own: it is killed at once,
     * not after the 10 s a stopping server is given. */
    if (mproc_process_join(m->server, sent ? 10.0 : 0.0) != 0) {
      mproc_process_kill(m->server);
      mproc_process_join(m->server, MPROC_FOREVER);
    }
    mproc_process_destroy(m->server);
    mproc__address_cleanup(m->address);
  }
  m->magic = 0;
  free(m);
  return rc == MPROC_E_CLOSED ? 0 : rc;
}

static int manager_create(mproc_manager_t *m, const char *what, int kind,
                          int64_t param, const mproc_value_t *initial,
                          mproc_proxy_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  if (!manager_ok(m, what))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  mproc_value_t a[3] = {mproc_int(kind), mproc_int(param), mproc_none()};
  size_t na = 2;
  void *enc = NULL;
  size_t elen = 0;
  int rc;
  if (initial) {
    if ((rc = mproc_encode(initial, 1, &enc, &elen)) < 0)
      return rc;
    a[na++] = mproc_bytes(enc, elen);
  }
  mproc__net_t *c = NULL;
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t id = 0;
  mproc_proxy_t *p = NULL;
  rc = open_conn(m->address, m->key, m->keylen, &c);
  if (rc == 0)
    rc = call_on(c, OP_CREATE, 0, a, na, &res, &nres);
  free(enc);
  if (rc == 0 && (nres < 3 || mproc_value_as_int(&res[2], &id) != 0))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  if (rc == 0)
    rc = proxy_new(m->address, m->key, m->keylen, kind, (uint64_t)id, &p);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  /* The creating connection holds the reference. */
  pconn_t pc = {c, 0, kind == K_QUEUE || kind == K_JOINABLE_QUEUE ? param : -1};
  proxy_conn_put(p, pc);
  *out = p;
  return 0;
}

int mproc_manager_lock(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_LOCK, 0, NULL, out);
}
int mproc_manager_rlock(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_RLOCK, 0, NULL, out);
}
int mproc_manager_semaphore(mproc_manager_t *m, unsigned int value,
                            mproc_proxy_t **out) {
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u too large", value);
  return manager_create(m, __func__, K_SEMAPHORE, value, NULL, out);
}
int mproc_manager_bounded_semaphore(mproc_manager_t *m, unsigned int value,
                                    mproc_proxy_t **out) {
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u too large", value);
  return manager_create(m, __func__, K_BOUNDED_SEMAPHORE, value, NULL, out);
}
int mproc_manager_condition(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_CONDITION, 0, NULL, out);
}
int mproc_manager_event(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_EVENT, 0, NULL, out);
}
int mproc_manager_barrier(mproc_manager_t *m, unsigned int parties,
                          mproc_proxy_t **out) {
  if (parties == 0)
    return mproc__err(MPROC_E_VALUE, "a barrier needs at least one party");
  return manager_create(m, __func__, K_BARRIER, parties, NULL, out);
}
int mproc_manager_queue(mproc_manager_t *m, size_t maxsize,
                        mproc_proxy_t **out) {
  if (maxsize > INT64_MAX)
    return mproc__err(MPROC_E_VALUE, "maxsize too large");
  return manager_create(m, __func__, K_QUEUE, (int64_t)maxsize, NULL, out);
}
int mproc_manager_joinable_queue(mproc_manager_t *m, size_t maxsize,
                                 mproc_proxy_t **out) {
  if (maxsize > INT64_MAX)
    return mproc__err(MPROC_E_VALUE, "maxsize too large");
  return manager_create(m, __func__, K_JOINABLE_QUEUE, (int64_t)maxsize, NULL,
                        out);
}
int mproc_manager_value(mproc_manager_t *m, const mproc_value_t *initial,
                        mproc_proxy_t **out) {
  if (!initial)
    return mproc__err(MPROC_E_INVAL, "NULL initial value");
  return manager_create(m, __func__, K_VALUE, 0, initial, out);
}
int mproc_manager_dict(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_DICT, 0, NULL, out);
}
int mproc_manager_list(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_LIST, 0, NULL, out);
}

/* ------------------------------------------------------------------------ */
/* Proxy operations                                                         */
/* ------------------------------------------------------------------------ */

#define KM(k) (1 << (k))
#define KM_LOCKS (KM(K_LOCK) | KM(K_RLOCK) | KM(K_CONDITION))
#define KM_SEMS (KM(K_SEMAPHORE) | KM(K_BOUNDED_SEMAPHORE))
#define KM_QUEUES (KM(K_QUEUE) | KM(K_JOINABLE_QUEUE))

/* A call whose one result is an encoded value, decoded for the caller. */
static int call_value(mproc_proxy_t *p, const char *what, int mask, int64_t op,
                      double timeout, const mproc_value_t *args, size_t nargs,
                      mproc_value_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  mproc_value_t *res = NULL;
  size_t nres = 0, n = 0;
  const void *b;
  size_t blen;
  int rc = proxy_call(p, what, mask, op, timeout, args, nargs, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 3 || mproc_value_as_bytes(&res[2], &b, &blen) != 0)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  else if ((rc = mproc_decode(b, blen, out, &n)) == 0 && n != 1) {
    mproc_values_free(*out, n);
    *out = NULL;
    rc = mproc__err(MPROC_E_DECODE, "a stored value is not one value");
  }
  mproc_values_free(res, nres);
  return rc;
}

/* A call whose one result is an int (or bool). */
static int call_int(mproc_proxy_t *p, const char *what, int mask, int64_t op,
                    double timeout, int64_t *out) {
  mproc_value_t *res = NULL;
  size_t nres = 0;
  bool bv;
  int rc = proxy_call(p, what, mask, op, timeout, NULL, 0, &res, &nres);
  if (rc < 0)
    return rc;
  if (nres >= 3 && mproc_value_as_int(&res[2], out) == 0)
    rc = 0;
  else if (nres >= 3 && mproc_value_as_bool(&res[2], &bv) == 0)
    *out = bv;
  else
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  return rc;
}

/* Encodes @p v for the server, into @p enc (freed by the caller). */
static int encode_one(const mproc_value_t *v, void **enc, size_t *len) {
  *enc = NULL;
  if (!v)
    return mproc__err(MPROC_E_INVAL, "NULL value");
  return mproc_encode(v, 1, enc, len);
}

int mproc_proxy_acquire(mproc_proxy_t *p, double timeout) {
  return proxy_call(p, __func__, KM_LOCKS | KM_SEMS, M_ACQUIRE, timeout, NULL,
                    0, NULL, NULL);
}
int mproc_proxy_release(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM_LOCKS | KM_SEMS, M_RELEASE, 0, NULL, 0,
                    NULL, NULL);
}
int mproc_proxy_lock_value(mproc_proxy_t *p, int64_t *out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  return call_int(p, __func__, KM_LOCKS | KM_SEMS, M_LOCK_VALUE, 0, out);
}

int mproc_proxy_condition_wait(mproc_proxy_t *p, double timeout) {
  return proxy_call(p, __func__, KM(K_CONDITION), M_COND_WAIT, timeout, NULL, 0,
                    NULL, NULL);
}
int mproc_proxy_condition_notify(mproc_proxy_t *p, unsigned int n) {
  mproc_value_t a = mproc_int(n);
  return proxy_call(p, __func__, KM(K_CONDITION), M_COND_NOTIFY, 0, &a, 1, NULL,
                    NULL);
}
int mproc_proxy_condition_notify_all(mproc_proxy_t *p) {
  mproc_value_t a = mproc_int(-1);
  return proxy_call(p, __func__, KM(K_CONDITION), M_COND_NOTIFY, 0, &a, 1, NULL,
                    NULL);
}

int mproc_proxy_event_set(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM(K_EVENT), M_EVENT_SET, 0, NULL, 0, NULL,
                    NULL);
}
int mproc_proxy_event_clear(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM(K_EVENT), M_EVENT_CLEAR, 0, NULL, 0, NULL,
                    NULL);
}
int mproc_proxy_event_is_set(mproc_proxy_t *p) {
  int64_t v = 0;
  int rc = call_int(p, __func__, KM(K_EVENT), M_EVENT_IS_SET, 0, &v);
  return rc < 0 ? rc : (v ? 1 : 0);
}
int mproc_proxy_event_wait(mproc_proxy_t *p, double timeout) {
  return proxy_call(p, __func__, KM(K_EVENT), M_EVENT_WAIT, timeout, NULL, 0,
                    NULL, NULL);
}

int mproc_proxy_barrier_wait(mproc_proxy_t *p, double timeout, int64_t *index) {
  int64_t v = 0;
  int rc = call_int(p, __func__, KM(K_BARRIER), M_BARRIER_WAIT, timeout, &v);
  if (rc == 0 && index)
    *index = v;
  return rc;
}
int mproc_proxy_barrier_abort(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM(K_BARRIER), M_BARRIER_ABORT, 0, NULL, 0,
                    NULL, NULL);
}
int mproc_proxy_barrier_reset(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM(K_BARRIER), M_BARRIER_RESET, 0, NULL, 0,
                    NULL, NULL);
}

int mproc_proxy_queue_put(mproc_proxy_t *p, const mproc_value_t *v,
                          double timeout) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = proxy_call_ex(p, __func__, KM_QUEUES, M_QUEUE_PUT, timeout, &a, 1, NULL,
                     NULL, true);
  free(enc);
  return rc;
}
int mproc_proxy_queue_get(mproc_proxy_t *p, mproc_value_t **out,
                          double timeout) {
  return call_value(p, __func__, KM_QUEUES, M_QUEUE_GET, timeout, NULL, 0, out);
}
int mproc_proxy_queue_size(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  int rc = call_int(p, __func__, KM_QUEUES, M_QUEUE_SIZE, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}
int mproc_proxy_queue_task_done(mproc_proxy_t *p) {
  return proxy_call(p, __func__, KM(K_JOINABLE_QUEUE), M_QUEUE_TASK_DONE, 0,
                    NULL, 0, NULL, NULL);
}
int mproc_proxy_queue_join(mproc_proxy_t *p, double timeout) {
  return proxy_call(p, __func__, KM(K_JOINABLE_QUEUE), M_QUEUE_JOIN, timeout,
                    NULL, 0, NULL, NULL);
}

int mproc_proxy_value_get(mproc_proxy_t *p, mproc_value_t **out) {
  return call_value(p, __func__, KM(K_VALUE), M_VALUE_GET, 0, NULL, 0, out);
}
int mproc_proxy_value_set(mproc_proxy_t *p, const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = proxy_call(p, __func__, KM(K_VALUE), M_VALUE_SET, 0, &a, 1, NULL, NULL);
  free(enc);
  return rc;
}

int mproc_proxy_dict_set(mproc_proxy_t *p, const mproc_value_t *key,
                         const mproc_value_t *v) {
  void *ek = NULL, *ev = NULL;
  size_t lk, lv;
  int rc = encode_one(key, &ek, &lk);
  if (rc == 0)
    rc = encode_one(v, &ev, &lv);
  if (rc == 0) {
    mproc_value_t a[2] = {mproc_bytes(ek, lk), mproc_bytes(ev, lv)};
    rc = proxy_call(p, __func__, KM(K_DICT), M_DICT_SET, 0, a, 2, NULL, NULL);
  }
  free(ek);
  free(ev);
  return rc;
}
int mproc_proxy_dict_get(mproc_proxy_t *p, const mproc_value_t *key,
                         mproc_value_t **out) {
  void *ek;
  size_t lk;
  if (out)
    *out = NULL;
  int rc = encode_one(key, &ek, &lk);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(ek, lk);
  rc = call_value(p, __func__, KM(K_DICT), M_DICT_GET, 0, &a, 1, out);
  free(ek);
  return rc;
}
int mproc_proxy_dict_del(mproc_proxy_t *p, const mproc_value_t *key) {
  void *ek;
  size_t lk;
  int rc = encode_one(key, &ek, &lk);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(ek, lk);
  rc = proxy_call(p, __func__, KM(K_DICT), M_DICT_DEL, 0, &a, 1, NULL, NULL);
  free(ek);
  return rc;
}
int mproc_proxy_dict_len(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  int rc = call_int(p, __func__, KM(K_DICT), M_DICT_LEN, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}

int mproc_proxy_list_append(mproc_proxy_t *p, const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len);
  if (rc < 0)
    return rc;
  mproc_value_t a = mproc_bytes(enc, len);
  rc = proxy_call(p, __func__, KM(K_LIST), M_LIST_APPEND, 0, &a, 1, NULL, NULL);
  free(enc);
  return rc;
}
int mproc_proxy_list_get(mproc_proxy_t *p, int64_t index, mproc_value_t **out) {
  mproc_value_t a = mproc_int(index);
  return call_value(p, __func__, KM(K_LIST), M_LIST_GET, 0, &a, 1, out);
}
int mproc_proxy_list_set(mproc_proxy_t *p, int64_t index,
                         const mproc_value_t *v) {
  void *enc;
  size_t len;
  int rc = encode_one(v, &enc, &len);
  if (rc < 0)
    return rc;
  mproc_value_t a[2] = {mproc_int(index), mproc_bytes(enc, len)};
  rc = proxy_call(p, __func__, KM(K_LIST), M_LIST_SET, 0, a, 2, NULL, NULL);
  free(enc);
  return rc;
}
int mproc_proxy_list_len(mproc_proxy_t *p, size_t *out) {
  int64_t v = 0;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "NULL output pointer");
  int rc = call_int(p, __func__, KM(K_LIST), M_LIST_LEN, 0, &v);
  if (rc == 0)
    *out = (size_t)v;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Fuzzing                                                                  */
/* ------------------------------------------------------------------------ */

#define FUZZ_CONNS 4

/*
 * For tests/fuzz/fuzz_manager.c: the wire parsers, fed with @p data as a
 * hostile peer would send it. The input is a sequence of steps, each a
 * selector byte then (but for 5) one frame as on the wire (4-byte
 * big-endian length, payload), which frame_length() checks against the
 * limit of the step; a frame cut short ends the input as the end of a
 * stream would. Selector % 8:
 *   0  the response to the server's challenge (deliver_challenge()), the
 *      challenge being CHALLENGE DIGEST and NONCE_LEN bytes 'n', and the
 *      key @p key;
 *   1  a challenge to answer (answer_challenge());
 *   2  the reply to our response (answer_challenge());
 *   4  a reply to a client's request (recv_reply());
 *   5  client (selector >> 3) % FUZZ_CONNS goes away;
 *   3, 6, 7  a request from client (selector >> 3) % FUZZ_CONNS, handled
 *      by srequest() as the server does, against the server's state;
 *      its reply must then decode as a reply. A request that ends its
 *      connection (malformed, or shutdown) ends that client; a new one
 *      takes its place.
 * Requests never wait. At the end every client goes away, which frees
 * everything the server holds, and the server is fresh for the next call.
 * Returns 0, or MPROC_E_STATE when the server broke one of its own rules.
 */
int mproc__manager_fuzz(const uint8_t *data, size_t size, const uint8_t *key,
                        size_t keylen) {
  if (!S.mu &&
      (mproc__mutex_create(&S.mu) < 0 || mproc__cond_create(&S.cv) < 0))
    return MPROC_E_NOMEM;
  S.key = key;
  S.keylen = keylen;
  S.nowait = true;
  uint8_t challenge[sizeof CHALLENGE - 1 + sizeof DIGEST - 1 + NONCE_LEN];
  size_t pre = sizeof CHALLENGE - 1;
  memcpy(challenge, CHALLENGE, pre);
  memcpy(challenge + pre, DIGEST, sizeof DIGEST - 1);
  memset(challenge + pre + sizeof DIGEST - 1, 'n', NONCE_LEN);
  uint8_t expect[32];
  if (mproc__hmac_sha256(key, keylen, challenge + pre, sizeof challenge - pre,
                         expect) < 0)
    return MPROC_E_NOMEM;
  sconn_t conns[FUZZ_CONNS];
  memset(conns, 0, sizeof conns);
  int status = 0;
  size_t off = 0;
  while (off < size && status == 0) {
    uint8_t sel = data[off++];
    int step = sel % 8, ci = (sel >> 3) % FUZZ_CONNS;
    if (step == 5) {
      sconn_drop(&conns[ci]);
      continue;
    }
    size_t n = 0;
    if (size - off < 4 ||
        frame_length(data + off,
                     step < 3 ? HANDSHAKE_MAX : MPROC_MANAGER_MAX_FRAME,
                     &n) < 0 ||
        size - off - 4 < n)
      break;
    /* A buffer of its own, as frame_recv() makes: reading past the frame
     * is then caught. */
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf)
      break;
    memcpy(buf, data + off + 4, n);
    off += 4 + n;
    uint8_t resp[sizeof DIGEST - 1 + 32];
    mproc_value_t *res = NULL;
    size_t nres = 0;
    switch (step) {
    case 0:
      response_ok(buf, n, expect);
      break;
    case 1:
      challenge_answer(buf, n, key, keylen, resp);
      break;
    case 2:
      welcome_ok(buf, n);
      break;
    case 4:
      if (reply_decode(buf, n, &res, &nres) == 0)
        mproc_values_free(res, nres);
      break;
    default: {
      void *reply = NULL;
      size_t rlen = 0;
      bool shutdown = false, busy = false;
      int rc = srequest(&conns[ci], buf, n, &reply, &rlen, &shutdown, &busy);
      if (busy) { /* the reply went out (sconn_main()) */
        mproc__mutex_lock(S.mu);
        S.busy--;
        mproc__mutex_unlock(S.mu);
      }
      if (rc == 0) {
        /* What the server sends must be a reply its clients can read. */
        int drc = reply_decode(reply, rlen, &res, &nres);
        if (drc == 0)
          mproc_values_free(res, nres);
        else if (drc == MPROC_E_DECODE)
          status = MPROC_E_STATE;
      }
      free(reply);
      /* A malformed request or a shutdown ends the connection. */
      if (rc < 0 || shutdown)
        sconn_drop(&conns[ci]);
      break;
    }
    }
    free(buf);
  }
  for (int i = 0; i < FUZZ_CONNS; i++)
    sconn_drop(&conns[i]);
  /* Every object was held by a client only: all are gone. */
  mproc__mutex_lock(S.mu);
  for (size_t i = 0; i < S.nobjs; i++)
    if (S.objs[i])
      status = MPROC_E_STATE;
  if (status == 0) {
    free(S.objs);
    S.objs = NULL;
    S.nobjs = S.cap = 0;
  }
  S.closing = false;
  if (S.busy != 0 || S.unauth != 0)
    status = MPROC_E_STATE;
  mproc__mutex_unlock(S.mu);
  return status;
}
