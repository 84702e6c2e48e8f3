/* SPDX-License-Identifier: MIT */
/*
 * Private to src/manager/: the manager's parts and what they share.
 *
 *   wire.h          hosted kinds, methods, the protocol interface
 *   proto_native.c  mproc's own protocol
 *   proto_pickle.c  CPython's protocol, server side
 *   client_pickle.c CPython's protocol, client side
 *   handshake.c     the server's handshakes, all in one non-blocking loop
 *   server.c        the server process
 *   hosted.c        the hosted containers (dict, list): state and methods
 *   array.c         the hosted typed array (manager.Array)
 *   namespace.c     Namespace and Array: creating them, their proxies
 *   proxy_sync.c    Condition.wait_for; a Barrier's action, state, timeout
 *   refs.c          the references proxies stored in a dict or list hold
 *   registry.c      user-defined types; the server's objects shared by name
 *   keepalive.c     TCP keepalive settings of manager connections
 *   client.c        connections to a server; a proxy's connection cache
 *   proxy.c         proxies and their operations
 *   manager.c       starting, connecting to and shutting down a manager
 *   fuzz.c          the fuzz entry over the parsers and the server
 */
#ifndef MPROC_MANAGER_H
#define MPROC_MANAGER_H

#include "auth.h"
#include "frame.h"
#include "manager/wire.h"
#include "object.h"

#define MANAGER_MAGIC 0x6d6e6772u /* "mngr" */

struct mproc_manager {
  uint32_t magic;
  bool owner; /* this process started the server */
  mproc_process_t *server;
  char address[MPROC__ADDR_MAX];
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen;
  /* The protocol its server speaks (wire.h): learnt on connect. */
  const mproc__cwire_t *wire;
  /* Stops the server when the process ends (process.c), as CPython's
   * manager finalizer. */
  mproc__exit_hook_t at_exit;
};

/* A connection of a proxy (attached to its object). */
typedef struct pconn {
  mproc__net_t *c;
  /* Its request and reply buffers, kept from call to call so that a call
   * allocates only its results (client.c). Zeroed with a new connection. */
  mproc__wbuf_t tx, rx;
  /* (wire->client_refs) The thread that opened it, the only one that
   * uses it: CPython's server owns an RLock by the thread serving the
   * connection, so each caller thread keeps its own, as CPython's proxies
   * keep one per thread. */
  uint32_t thread;
} pconn_t;

/* The longest user-defined type name (registry.c). */
#define MPROC__TYPENAME_MAX 64

struct mproc_proxy {
  mproc_object_t hdr;
  int kind;
  char tname[MPROC__TYPENAME_MAX]; /* K_USER: the type's name */
  uint64_t id;
  char address[MPROC__ADDR_MAX];
  uint8_t key[MPROC_AUTHKEY_MAX];
  size_t keylen;
  /* The protocol of its manager's server; it crosses with the proxy. */
  const mproc__cwire_t *wire;
  /* (wire->client_refs) This process holds a counted reference on the
   * object for the proxy (under mu): taken by create, by the first
   * connection of a copy (or taken over from its lease), dropped by
   * mproc_proxy_destroy(). */
  bool refd;
  /* (wire->client_refs) While this process holds that reference or owns
   * a lease (a child's argument: proxy.c): drops it when the process ends, if
   * the proxy was never destroyed (a fork child's, a spawned child's argument),
   * as CPython's proxy finalizers do. Hooks are this process's: a fork child
   * resets it. */
  bool hooked;
  mproc__exit_hook_t at_exit;
  /* Idle connections, each attached to the object. A thread in a call
   * takes one (or opens one), so threads never wait for each other's
   * blocking calls. After fork the child opens its own. */
  int64_t pid;
  /* Decoded from bytes encoded with a lease on the object (M_LEASE): the
   * first attach releases it (under mu). */
  bool leased;
  mproc__mutex_t *mu;
  pconn_t *idle;
  size_t nidle, cap;
};

/* ------------------------------------------------------------------------ */
/* For the rest of the library                                              */
/* ------------------------------------------------------------------------ */

extern const mproc__type_t mproc__proxy_type;
/* The server process's function, which children find by name without
 * registration (builtins.c). */
int mproc__manager_server_main(const mproc_value_t *args, size_t nargs);
/* Fuzzing: the manager's wire parsers over @p data (see fuzz.c). */
int mproc__manager_fuzz(const uint8_t *data, size_t size, const uint8_t *key,
                        size_t keylen);
/* The pid of the server process of a manager this process started, 0 for a
 * connected one: a test hook, so that the crash suite can kill the server. */
int64_t mproc__manager_server_pid(const mproc_manager_t *m);

/* ------------------------------------------------------------------------ */
/* Client (client.c)                                                        */
/* ------------------------------------------------------------------------ */

/* Connects to @p address and authenticates both ways. */
int mproc__mclient_open(const char *address, const uint8_t *key, size_t keylen,
                        mproc__net_t **out);
/* The 4-byte length that starts a frame (frame.h). */
#define MPROC__FRAME_HEADER 4
/* Starts a message in @p b: room for the frame header, which
 * mproc__mframe_send() fills in; the encoder appends the payload. */
void mproc__mframe_begin(mproc__wbuf_t *b);
/* Starts a new message in @p b, a buffer begun before, keeping its memory
 * (a connection's reply buffer); clears an earlier encoding failure. */
void mproc__mframe_restart(mproc__wbuf_t *b);
/* Sends the message in @p b (header and payload in one write); frees
 * nothing. MPROC_E_TOOBIG, before anything is written, past
 * MPROC_MANAGER_MAX_FRAME. */
int mproc__mframe_send(mproc__net_t *c, mproc__wbuf_t *b);
/* A request of @p op with arguments, on no object in particular. */
mproc__request_t mproc__mrequest(int64_t op, double timeout,
                                 const mproc_value_t *args, size_t nargs);
/* Sends one request on @p c in protocol @p w, on an object of @p kind
 * (rq->target names it for a protocol whose requests do). */
int mproc__mclient_send(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq);
/* Reads the reply to @p rq: its status, and its results in *res (owned by
 * the caller) when @p res is not NULL. */
int mproc__mclient_recv(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres);
/* One request and its reply on @p c. */
int mproc__mclient_call(mproc__net_t *c, const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres);
/* One request and its reply on a connection of its own to @p address,
 * closed after it. */
int mproc__mclient_once(const char *address, const uint8_t *key, size_t keylen,
                        const mproc__cwire_t *w, int kind,
                        const mproc__request_t *rq, mproc_value_t **res,
                        size_t *nres);
/* Connects and learns the protocol of the server at @p address from its
 * reply to mproc's ping (the ping an mproc client sends anyway: a CPython
 * server answers it with a pickled traceback). */
int mproc__mclient_detect(const char *address, const uint8_t *key,
                          size_t keylen, const mproc__cwire_t **out);
/* Whether an error leaves the stream unusable. */
bool mproc__mclient_broken(int rc);

/* Closes a proxy's idle connections; @p detach says goodbye on each first
 * (never on a fork parent's connections), so that the server has dropped
 * the references when this returns. */
void mproc__proxy_drop_idle(mproc_proxy_t *p, bool detach);
/* (client_refs) Makes sure the process drops the proxy's reference or
 * lease when it ends (under p->mu, or before the proxy is shared). */
void mproc__proxy_hook(mproc_proxy_t *p);
/* Closes a proxy's connection and frees its buffers. */
void mproc__pconn_close(pconn_t *pc);
/* Gives a connection back to the proxy's idle set. */
void mproc__proxy_conn_put(mproc_proxy_t *p, pconn_t pc);
/* A call on the proxy's object, checked against @p kind_mask (1 << kind):
 * one request and its reply. */
int mproc__proxy_call(mproc_proxy_t *p, const char *what, int kind_mask,
                      int64_t op, double timeout, const mproc_value_t *args,
                      size_t nargs, mproc_value_t **res, size_t *nres);

/* ------------------------------------------------------------------------ */
/* Proxies (proxy.c)                                                        */
/* ------------------------------------------------------------------------ */

/* The items of a list or tuple value as the wire carries them, each
 * encoded ([bytes, ...]: mproc__wlist_items()), or the entries of a dict
 * value (or of a list of pairs) with keys as they are and values encoded
 * ([key, bytes, ...]: mproc__wlist_entries()). vals[0, n) is the list's
 * items; free with mproc__wlist_free() (also done on failure). */
typedef struct mproc__wlist {
  mproc_value_t *vals;
  void **bufs;
  size_t n, nbufs;
} mproc__wlist_t;
int mproc__wlist_items(mproc__wlist_t *w, const mproc_value_t *seq,
                       const char *what);
int mproc__wlist_entries(mproc__wlist_t *w, const mproc_value_t *src,
                         const char *what);
void mproc__wlist_free(mproc__wlist_t *w);

/* Whether @p p is a live proxy (else a detail message names @p what). */
bool mproc__proxy_ok(const mproc_proxy_t *p, const char *what);
int mproc__proxy_new(const char *address, const uint8_t *key, size_t keylen,
                     const mproc__cwire_t *wire, int kind, uint64_t id,
                     mproc_proxy_t **out);
/* A proxy just made by a create (or a get by name) on connection @p c:
 * the connection keeps the reference (mproc's protocol), or, for a
 * protocol whose proxies count references themselves, the proxy holds
 * the one the create took and @p c is closed (CPython's server ends the
 * connection after its reply). */
void mproc__proxy_adopt(mproc_proxy_t *p, mproc__net_t *c);
/* Decodes one stored value (a bytes item of a reply) into *out, for the
 * caller to free. */
int mproc__proxy_stored_value(const mproc_value_t *r, mproc_value_t **out);
/* A Barrier's default timeout, MPROC_FOREVER if none (proxy_sync.c). */
int mproc__proxy_barrier_default_timeout(mproc_proxy_t *p, double *out);
/* Creates a hosted object of @p kind (manager.c): @p initial a Value's,
 * encoded there; @p items as the wire carries them (may be NULL). */
int mproc__manager_create(mproc_manager_t *m, const char *what, int kind,
                          int64_t param, const mproc_value_t *initial,
                          const mproc_value_t *items, mproc_proxy_t **out);

/* ------------------------------------------------------------------------ */
/* Hosted containers: dict and list (hosted.c)                              */
/* ------------------------------------------------------------------------ */

typedef struct mproc__hosted mproc__hosted_t;
/* What a call leaves for its reply to point into, freed once the reply is
 * encoded (mproc__hscratch_free()). */
typedef struct mproc__hscratch {
  mproc_value_t *arr; /* a result's items */
  mproc_value_t *key; /* a removed key (one block) */
  void *blob;         /* a removed value (hosted.c's prefixed block) */
  void *raw;          /* a user type's encoded result (plain malloc) */
} mproc__hscratch_t;
/* A dict or list (@p kind), filled from @p init (may be NULL): a dict's
 * list [key, bytes, ...], a list's [bytes, ...]. */
int mproc__hosted_new(int kind, const mproc_value_t *init,
                      mproc__hosted_t **out);
void mproc__hosted_free(mproc__hosted_t *h);
/* Whether @p op is a dict's or a list's method. */
bool mproc__hosted_op(int64_t op);
/* One method call: 0 (results in @p res), a negative status, or 1 when
 * @p op is not one of the container's methods or its arguments are bad. */
int mproc__hosted_call(mproc__hosted_t *h, int64_t op, const mproc_value_t *a,
                       size_t n, mproc_value_t *res, size_t *nres,
                       mproc__hscratch_t *s);
void mproc__hscratch_free(mproc__hscratch_t *s);
/* Python's PySlice_AdjustIndices over @p len items: clamps start and stop,
 * gives the slice's number of items; MPROC_E_VALUE for a zero step. */
int mproc__slice_adjust(size_t len, int64_t *start, int64_t *stop,
                        int64_t *step, size_t *count);

/* ------------------------------------------------------------------------ */
/* References held by stored values (refs.c, server.c)                      */
/* ------------------------------------------------------------------------ */

typedef struct mproc__refs mproc__refs_t;
/* The references the stored encoding @p p holds: one to each object of
 * this server a proxy in it names, taken now (S.mu held); *out NULL when
 * none. Drop them with mproc__refs_drop() when the value goes. */
int mproc__refs_take(const void *p, size_t len, mproc__refs_t **out);
void mproc__refs_drop(mproc__refs_t *r);
/* Hands the references to leases instead (a removed value going out in a
 * reply, whose proxies attach later): the object lives until they attach
 * or the leases expire. Frees @p r. */
void mproc__refs_to_leases(mproc__refs_t *r);
/* server.c's side of it (S.mu held): a reference taken, dropped, taken
 * over from a lease on the object if it has one (a stored proxy that was
 * encoded with a lease), or turned into a lease. False if the object no
 * longer exists. */
enum { REF_TAKE, REF_DROP, REF_FROM_LEASE, REF_TO_LEASE };
const char *mproc__server_address(void);
bool mproc__server_ref(uint64_t id, int how);

/* ------------------------------------------------------------------------ */
/* The hosted typed array (array.c)                                         */
/* ------------------------------------------------------------------------ */

typedef struct mproc__harray mproc__harray_t;
/* An array.array(@p typecode, @p init): @p init a list of values (may be
 * NULL), each checked against the typecode as CPython's array does. */
int mproc__harray_new(int64_t typecode, const mproc_value_t *init,
                      mproc__harray_t **out);
void mproc__harray_free(mproc__harray_t *a);
/* Whether @p op is an Array's method. */
bool mproc__harray_op(int64_t op);
/* As mproc__hosted_call(); a slice's items go into s->arr. */
int mproc__harray_call(mproc__harray_t *a, int64_t op, const mproc_value_t *v,
                       size_t n, mproc_value_t *res, size_t *nres,
                       mproc__hscratch_t *s);

/* ------------------------------------------------------------------------ */
/* Named objects and user-defined types (registry.c)                        */
/* ------------------------------------------------------------------------ */

/* A registered user type, or NULL. */
const mproc_manager_type_t *mproc__utype_find(const char *name);
/* The hosted kind a shared entry's type names (K_USER for a user type,
 * then *ut), or 0. */
int mproc__kind_by_name(const char *type, const mproc_manager_type_t **ut);
/* Makes an object of @p ut from its encoded arguments. */
int mproc__utype_new(const mproc_manager_type_t *ut, const void *args,
                     size_t len, void **self);
/* Calls @p method with encoded arguments; *enc is the encoded result
 * (free()). MPROC_E_PERM for a method not exposed. */
int mproc__utype_call(const mproc_manager_type_t *ut, void *self,
                      const char *method, const void *args, size_t len,
                      void **enc, size_t *elen);

/* One entry of a server's table of named objects. */
typedef struct mproc__named {
  char *name;
  int kind;
  const mproc_manager_type_t *ut; /* K_USER */
  int64_t param;
  bool per_call;
  void *obj; /* server.c's shared object (not per_call) */
} mproc__named_t;
/* Client side: @p s as the list value the server is started with (its
 * strings point into @p s; free *vals). Checks every entry. */
int mproc__names_encode(const mproc_manager_shared_t *s, size_t n,
                        mproc_value_t **vals, size_t *nvals);
/* Server side: the table from that list (free with mproc__names_free()). */
int mproc__names_decode(const mproc_value_t *list, mproc__named_t **out,
                        size_t *n);
void mproc__names_free(mproc__named_t *t, size_t n);

/* ------------------------------------------------------------------------ */
/* The server's front door (handshake.c)                                    */
/* ------------------------------------------------------------------------ */

/*
 * Accepts connections on @p l (mproc__listener_pollable()) and
 * authenticates each (@p key) without a thread, until @p closing(@p arg)
 * is true; hands each authenticated connection, blocking again, to
 * @p admit(c, @p arg), which owns it. The listener is polled, so whoever
 * sets closing must then make it readable (connect to it). Each handshake
 * has MPROC__SERVER_HANDSHAKE_MS from accept() (a client of ours needs two
 * round trips and two HMACs; server.c's handshake on a thread, for the
 * listeners this loop does not serve, bounds each read with it); when as many
 * wait as the descriptor limit allows (mproc__net_pending_max()), or
 * accept() fails for want of descriptors, the oldest is dropped; with none
 * to drop, the listener rests 100 ms.
 */
#define MPROC__SERVER_HANDSHAKE_MS 10000
int mproc__handshake_serve(mproc__listener_t *l, const uint8_t *key,
                           size_t keylen, bool (*closing)(void *arg),
                           void (*admit)(mproc__net_t *c, void *arg),
                           void *arg);

/* ------------------------------------------------------------------------ */
/* The server's state driven by hand, for fuzz.c (server.c)                 */
/* ------------------------------------------------------------------------ */

typedef struct mproc__sconn mproc__sconn_t;
/* Sets the server up in this process (once); requests never wait. */
int mproc__server_fuzz_begin(const uint8_t *key, size_t keylen);
/* A connection that has authenticated (free() it after a drop). */
mproc__sconn_t *mproc__server_fuzz_conn(void);
/* One request as the server handles it: the encoded reply, or an error
 * that would end the connection. */
int mproc__server_fuzz_request(mproc__sconn_t *sc, const uint8_t *buf,
                               size_t len, void **reply, size_t *rlen,
                               bool *shutdown);
/* The client goes away; the connection may be used again. */
void mproc__server_fuzz_drop(mproc__sconn_t *sc);
/* Every connection dropped: 0 if the server holds nothing, else
 * MPROC_E_STATE; the server is fresh for the next round. */
int mproc__server_fuzz_end(void);

#endif /* MPROC_MANAGER_H */
