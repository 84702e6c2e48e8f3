/* SPDX-License-Identifier: MIT */
/*
 * The manager's wire (private to src/manager/): what a manager hosts, the
 * methods it answers, and the protocol that carries requests and replies,
 * behind a small table of functions so that a connection can speak mproc's
 * own protocol (proto_native.c) or another, the server and the client
 * never knowing which.
 *
 * Every message is a frame (frame.h). A connection first authenticates
 * both ways (auth.h), then is bound to one object by its first request
 * (CREATE or ATTACH; SHUTDOWN and PING need no object); each later request
 * is one method call on that object and gets one reply.
 */
#ifndef MPROC_MANAGER_WIRE_H
#define MPROC_MANAGER_WIRE_H

#include "buf.h"
#include "internal.h"

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
  K_NAMESPACE, /* a dict of attributes (hosted.c's dict) */
  K_ARRAY,     /* array.c; CREATE's param is the typecode */
  K_USER,      /* a user-defined type (registry.c) */
  K_ITERATOR,  /* over a dict's keys (M_DICT_ITER), for CPython's proxies */
  K_MAX
};
/* Their names, as CPython's proxies are named (manager.c). */
extern const char *const mproc__kind_names[K_MAX];

/* Requests. */
enum {
  OP_CREATE = 1, /* int kind, int param, [initial: a Value's bytes; a
                  * list's list [bytes, ...]; a dict's list [key, bytes,
                  * ...]] */
  OP_ATTACH,     /* int id, int kind, [bool leased: the copy was encoded
                  * with a lease, which this attach releases] */
  OP_SHUTDOWN,
  OP_PING,
  OP_DETACH, /* the proxy is destroyed: drop the reference now */
  /* For a protocol whose clients count their references themselves
   * (mproc__wire_t.client_refs): on the request's target. */
  OP_INCREF,
  OP_DECREF,
  OP_OBJECTS, /* : int number of live objects, list [int id, int refs,
               * str kind name, ...] */
  OP_CALL,    /* a method by name (rq->target), which the protocol's
               * request_bind() turns into one of the methods below */
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
  /* A dict's keys travel as values (the server compares them as Python
   * does, so it holds them decoded: hosted.c); every stored value as its
   * encoding, which the server keeps as opaque bytes. */
  M_DICT_SET, /* key, bytes value */
  M_DICT_GET, /* key, [bool missing_ok]: bytes, or None when missing_ok */
  M_DICT_DEL, /* key */
  M_DICT_LEN,
  M_LIST_APPEND, /* bytes */
  M_LIST_GET,    /* int index */
  M_LIST_SET,    /* int index, bytes */
  M_LIST_LEN,
  M_QUEUE_FULL,      /* appended: the numbers above are the wire's */
  M_DICT_CONTAINS,   /* key: bool */
  M_DICT_POP,        /* key, [bool missing_ok]: bytes, or None */
  M_DICT_POPITEM,    /* : key, bytes */
  M_DICT_SETDEFAULT, /* key, bytes default: bytes */
  M_DICT_UPDATE,     /* list [key, bytes, key, bytes, ...] */
  M_DICT_CLEAR,
  M_DICT_ITEMS,     /* int what (DICT_KEYS, DICT_VALUES, DICT_ITEMS): list */
  M_DICT_NEXT,      /* int pos, int version (-1: a new cursor), int len at the
                     * start, [int most items]: int next pos, int version,
                     * int len, list [key, bytes, ...] (empty at the end) */
  M_LIST_EXTEND,    /* list [bytes, ...] */
  M_LIST_INSERT,    /* int index, bytes */
  M_LIST_POP,       /* int index: bytes */
  M_LIST_REMOVE,    /* bytes (the value compared with) */
  M_LIST_INDEX,     /* bytes, int start, int stop: int */
  M_LIST_COUNT,     /* bytes: int */
  M_LIST_REVERSE,   /* */
  M_LIST_SORT,      /* bool reverse */
  M_LIST_DEL,       /* int index */
  M_LIST_SLICE_GET, /* int start, int stop, int step: list [bytes, ...] */
  M_LIST_SLICE_SET, /* int start, int stop, int step, list [bytes, ...] */
  M_LIST_SLICE_DEL, /* int start, int stop, int step */
  M_LIST_CLEAR,
  M_LIST_NEXT, /* int pos: list [bytes, ...] (empty at the end) */
  M_ARRAY_LEN,
  M_ARRAY_GET,       /* int index: the item (int or float) */
  M_ARRAY_SET,       /* int index, value (not encoded: checked here) */
  M_ARRAY_SLICE_GET, /* int start, int stop, int step: list of items */
  M_BARRIER_STATE,   /* : int parties, int n_waiting, bool broken */
  M_LEASE,           /* any kind: a lease on the object (a proxy is being
                      * encoded); released by an ATTACH that says it
                      * carries one, or after MPROC_PROXY_LEASE_SECONDS */
  M_DICT_ITER,       /* (client_refs only): int id of a new Iterator over
                      * the dict's keys, with one counted reference */
  M_ITER_NEXT,       /* : bool more, [the next key] */
  M_END
};
/* Named objects and user-defined types (registry.c). Numbered apart from
 * the methods above, which keep growing at their end. */
enum {
  OP_GET_NAMED = 12, /* str name: int id, int kind, str type name; binds
                      * the connection to that object */
  OP_CREATE_USER,    /* str type name, bytes encoded args: int id */
  M_USER_CALL        /* str method, bytes encoded args: bytes result */
};

/* M_DICT_ITEMS's what. */
enum { DICT_KEYS = 1, DICT_VALUES, DICT_ITEMS };

/*
 * One request: the method, the caller (pid << 32 | thread id, which names
 * the owner of an RLock or a Condition's lock), the timeout the caller
 * gave, and the arguments.
 */
typedef struct mproc__request {
  int64_t op;
  uint64_t owner;
  double timeout;
  const mproc_value_t *args;
  size_t nargs;
  /* The object the request calls, for a protocol whose requests name it
   * (client_refs); 0: the connection's own, as mproc's requests. */
  uint64_t target;
} mproc__request_t;

/* The most results a reply carries. */
#define MPROC__REPLY_RESULTS_MAX 4
/* The most arguments a request carries. */
#define MPROC__REQUEST_ARGS_MAX 4

/*
 * A protocol: the four conversions between requests and replies and their
 * bytes. The encoders append to @p b, behind the frame header its caller
 * reserved, so that a message goes out in one write from the buffer it was
 * encoded in (mproc__mframe_send()): a copy into a second buffer with the
 * header, and two writes, were a good part of a round trip's own cost.
 * Decoded values are one block for mproc_values_free(). request_decode's
 * rq->args point into *vals. reply_decode returns the reply's status (0,
 * or the negative status the server sent, with its message as the detail)
 * and, when @p res is not NULL, the results.
 */
typedef struct mproc__wire {
  const char *name;
  /* Per-connection state, for a protocol that has some (NULL for one that
   * has none): made when a connection's first request claims it, passed
   * to request_decode, request_bind and reply_encode, freed with the
   * connection. */
  void *(*conn_open)(void);
  void (*conn_close)(void *cs);
  /* Whether its clients count references themselves (OP_INCREF,
   * OP_DECREF; OP_CREATE's reference is theirs too) and name the object
   * of each request (rq->target), as CPython's proxies do, rather than
   * holding one reference per connection bound to one object. */
  bool client_refs;
  /* For OP_CALL (client_refs): turns the request into one of the methods
   * of its target, of kind @p kind (the server looked it up); its args
   * are the protocol's, valid until the reply is encoded. 0, or the
   * failure to reply with. */
  int (*request_bind)(void *cs, int kind, mproc__request_t *rq);
  /* Whether a connection's first request, @p buf, is in this protocol: a
   * server learns a connection's protocol from it (mproc__wire_detect()),
   * as both start with bytes no other protocol begins with. */
  bool (*claims)(const uint8_t *buf, size_t len);
  int (*request_encode)(const mproc__request_t *rq, mproc__wbuf_t *b);
  int (*request_decode)(void *cs, const uint8_t *buf, size_t len,
                        mproc__request_t *rq, mproc_value_t **vals,
                        size_t *nvals);
  int (*reply_encode)(void *cs, int status, const char *msg,
                      const mproc_value_t *res, size_t nres, mproc__wbuf_t *b);
  int (*reply_decode)(const uint8_t *buf, size_t len, mproc_value_t **res,
                      size_t *nres);
} mproc__wire_t;

/* mproc's own protocol (proto_native.c). */
extern const mproc__wire_t mproc__wire_native;
/* CPython's, as multiprocessing.managers speaks it (proto_pickle.c). */
extern const mproc__wire_t mproc__wire_pickle;

/* The protocol a connection speaks, from its first request (wire.c): NULL
 * when no protocol claims those bytes. The server calls this once per
 * connection and the protocol's functions after that; it never names one. */
const mproc__wire_t *mproc__wire_detect(const uint8_t *buf, size_t len);
/* The protocol a client speaks to a server of ours (wire.c). */
const mproc__wire_t *mproc__wire_client(void);

/*
 * The client's side of a protocol: a request out, its reply back, in
 * mproc's terms (the ops and argument lists above, stored values as their
 * value encodings), whatever the server speaks. client.c and the proxies
 * hold a pointer to one of these and never ask which it is.
 *
 * request_encode turns @p rq (on an object of kind @p kind, named by
 * rq->target when the protocol's requests name it) into the protocol's
 * message in @p b; reply_decode turns the reply to that same request back
 * into its status and results, as mproc's server would have answered
 * (the results in one block for mproc_values_free()).
 */
typedef struct mproc__cwire {
  const char *name;
  int protocol; /* MPROC_MANAGER_PROTOCOL_* */
  /* The proxy holds one counted reference of its own (OP_INCREF,
   * OP_DECREF on a connection of their own, as CPython's proxies), not
   * one per connection attached (OP_ATTACH, OP_DETACH). */
  bool client_refs;
  /* Whether a server answers @p op on a connection of its own, which the
   * server closes after that one reply (CPython's create, incref, ...). */
  bool (*one_shot)(int64_t op);
  /* Whether the reply to a first request (@p buf) is this protocol's: a
   * client learns its server's protocol from its first reply. */
  bool (*claims_reply)(const uint8_t *buf, size_t len);
  int (*request_encode)(const mproc__request_t *rq, int kind, mproc__wbuf_t *b);
  int (*reply_decode)(const mproc__request_t *rq, int kind, const uint8_t *buf,
                      size_t len, mproc_value_t **res, size_t *nres);
} mproc__cwire_t;

/* mproc's own protocol (wire.c, over proto_native.c's codec). */
extern const mproc__cwire_t mproc__cwire_native;
/* CPython's (client_pickle.c). */
extern const mproc__cwire_t mproc__cwire_pickle;
/* The client protocol of a MPROC_MANAGER_PROTOCOL_* number, NULL if none. */
const mproc__cwire_t *mproc__cwire_of(int protocol);
/* The client protocol whose reply @p buf is, NULL when none claims it. */
const mproc__cwire_t *mproc__cwire_detect(const uint8_t *buf, size_t len);

#endif /* MPROC_MANAGER_WIRE_H */
