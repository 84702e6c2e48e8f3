/*
 * Private declarations shared by the common code (the .c files in src/) only:
 * the object model every shareable type follows, and the byte buffers of the
 * value encoding. The backends never include this; they see only internal.h.
 */
#ifndef MPROC_COMMON_H
#define MPROC_COMMON_H

#include "internal.h"

/* ------------------------------------------------------------------------ */
/* Byte buffers (value.c)                                                   */
/* ------------------------------------------------------------------------ */

/* A growing output buffer. The first failure sticks in err; later puts are
 * no-ops, so a sequence of puts needs one check at the end. */
typedef struct mproc__wbuf {
  uint8_t *p;
  size_t len, cap;
  int err;
} mproc__wbuf_t;

void mproc__put_u8(mproc__wbuf_t *b, uint8_t v);
void mproc__put_u32(mproc__wbuf_t *b, uint32_t v);
void mproc__put_u64(mproc__wbuf_t *b, uint64_t v);
void mproc__put_raw(mproc__wbuf_t *b, const void *p, size_t n);

/* A bounds-checked reader. A read past the end fails, sets err and yields
 * zeros, so a sequence of gets needs one check at the end. */
typedef struct mproc__rbuf {
  const uint8_t *p;
  size_t len, off;
  bool err;
} mproc__rbuf_t;

uint8_t mproc__get_u8(mproc__rbuf_t *r);
uint32_t mproc__get_u32(mproc__rbuf_t *r);
uint64_t mproc__get_u64(mproc__rbuf_t *r);
/* Returns a pointer to @p n bytes inside the buffer, or NULL. */
const uint8_t *mproc__get_raw(mproc__rbuf_t *r, size_t n);

/* ------------------------------------------------------------------------ */
/* Objects                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Every mproc object starts with this header. The type descriptor says how
 * the object crosses into another process:
 *   - inherit_only types (everything backed by shared memory or kernel
 *     objects) may be reduced only while a child is being spawned; at any
 *     other time the encoder refuses them with CPython's message;
 *   - reduce writes what a spawn child needs to rebuild the object, calling
 *     mproc__reduce_handle() for each OS handle;
 *   - rebuild, in the child, makes a new object from that.
 */
#define MPROC__OBJ_MAGIC 0x6d70726fu /* "mpro" */

typedef enum mproc__type_id {
  MPROC__T_LOCK = 1,
  MPROC__T_RLOCK = 2,
  MPROC__T_SEMAPHORE = 3,
  MPROC__T_BOUNDED_SEMAPHORE = 4,
  /* Reserved so that work on separate subsystems never collides:
   * synchronisation (Event, Condition, Barrier) */
  MPROC__T_EVENT = 5,
  MPROC__T_CONDITION = 6,
  MPROC__T_BARRIER = 7,
  /* queues, pipes, shared memory */
  MPROC__T_QUEUE = 8,
  MPROC__T_SIMPLE_QUEUE = 9,
  MPROC__T_JOINABLE_QUEUE = 10,
  MPROC__T_CONNECTION = 11,
  MPROC__T_VALUE = 12,
  MPROC__T_ARRAY = 13,
  MPROC__T_SHARED_MEMORY = 14,
  /* manager proxies */
  MPROC__T_PROXY = 15,
  /* the pool (never crosses: its reduce fails) */
  MPROC__T_POOL = 16,
  MPROC__T_MAX
} mproc__type_id_t;

typedef struct mproc__type {
  const char *name; /* as CPython names it */
  bool inherit_only;
  int (*reduce)(mproc_object_t *o, mproc__spawn_ctx_t *ctx, mproc__wbuf_t *b);
  int (*rebuild)(mproc__type_id_t id, mproc__rbuf_t *r, mproc_object_t **out);
  void (*destroy)(mproc_object_t *o);
} mproc__type_t;

struct mproc_object {
  uint32_t magic;
  mproc__type_id_t type_id;
};

/* The descriptor of a type id, or NULL. */
const mproc__type_t *mproc__type_of(mproc__type_id_t id);

/* The header of a live object, or NULL (then a detail message is set). */
mproc_object_t *mproc__object_check(const void *p, const char *what);

/* Encodes @p h for the child being spawned (invalid handles included). */
int mproc__reduce_handle(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         mproc__wbuf_t *b);
mproc__handle_t mproc__rebuild_handle(mproc__rbuf_t *r);

/* A received frame as values: an encoding is decoded; raw bytes (a queue's
 * or a connection's put_bytes/send_bytes) become one bytes value, in one
 * block that mproc_values_free() releases. */
int mproc__frame_values(const uint8_t *buf, size_t len, bool is_bytes,
                        mproc_value_t **vals, size_t *n);

/*
 * Most shareable objects are one shared-memory region with a park whose word
 * lives in it. Their reduction is the region's size and handle, then the
 * park's handle; region_rebuild reads that back in a spawn child, checks the
 * size is within [min_size, max_size], maps the region and rebuilds the park
 * on the word at @p park_off. It owns both received handles on every path:
 * on failure nothing stays open and *shm, *pk are closed.
 */
int mproc__region_reduce(mproc__spawn_ctx_t *ctx, const mproc__shm_t *shm,
                         const mproc__park_t *pk, mproc__wbuf_t *b);
int mproc__region_rebuild(mproc__rbuf_t *r, size_t min_size, size_t max_size,
                          size_t park_off, const char *what, mproc__shm_t *shm,
                          mproc__park_t *pk);

/* The Lock family (sync.c). */
extern const mproc__type_t mproc__lock_type;
extern const mproc__type_t mproc__rlock_type;
extern const mproc__type_t mproc__semaphore_type;
extern const mproc__type_t mproc__bounded_semaphore_type;

/* Event, Condition, Barrier (sync2.c). */
extern const mproc__type_t mproc__event_type;
extern const mproc__type_t mproc__condition_type;
extern const mproc__type_t mproc__barrier_type;

/* For Condition over an RLock (sync.c): releases the caller's RLock at any
 * depth (MPROC_E_PERM if the caller does not own it), and takes it back at
 * that depth (0 or MPROC_E_OWNER_DEAD, then held too). */
int mproc__rlock_release_save(mproc_rlock_t *l, uint32_t *depth);
int mproc__rlock_acquire_restore(mproc_rlock_t *l, uint32_t depth);
/* Connection (conn.c). */
extern const mproc__type_t mproc__connection_type;
/* Whether the calling thread is decoding a start record (value.c): only
 * then may a reduction carry a raw handle number. */
bool mproc__decoding_start_record(void);
/* In a fork child, before its function runs: closes the connections it was
 * not given as arguments (what a spawn child would not have). */
void mproc__conn_fork_child(const mproc_value_t *args, size_t nargs);

/* Value, Array, SharedMemory (shared.c). */
extern const mproc__type_t mproc__value_type;
extern const mproc__type_t mproc__array_type;
extern const mproc__type_t mproc__shared_memory_type;

/* Queues (queue.c). */
extern const mproc__type_t mproc__queue_type;
extern const mproc__type_t mproc__simple_queue_type;
extern const mproc__type_t mproc__joinable_queue_type;
/* Whether a get would find a message (or the queue closed or broken). */
int mproc__queue_ready(mproc_queue_t *q);
/* Tests: the ring of a queue. */
int mproc__queue_ring(mproc_queue_t *q, void **ring, size_t *cap);
uint32_t mproc__queue_used(mproc_queue_t *q);
uint32_t mproc__queue_holder(mproc_queue_t *q, bool consumer);
bool mproc__queue_mid(mproc_queue_t *q, bool consumer);
void mproc__queue_fake_holder(mproc_queue_t *q, bool consumer, uint32_t pid,
                              bool mid);
void mproc__queue_fake_stealer(mproc_queue_t *q, bool consumer, uint32_t pid);
/* Tests (fuzzing): the words of the shared header, which another process
 * could scribble on, and a hook that a consumer waiting inside a
 * streamed message calls instead of sleeping (the test plays the producer
 * in it). */
typedef enum mproc__queue_word {
  MPROC__QW_KIND,
  MPROC__QW_MAXSIZE,
  MPROC__QW_CLOSED,
  MPROC__QW_BROKEN,
  MPROC__QW_UNFINISHED,
  MPROC__QW_PLOCK,
  MPROC__QW_PTOK_LO,
  MPROC__QW_PMID,
  MPROC__QW_HEAD,
  MPROC__QW_PRODUCED,
  MPROC__QW_PCOUNT,
  MPROC__QW_TAIL_SEEN,
  MPROC__QW_CLOCK,
  MPROC__QW_CTOK_LO,
  MPROC__QW_CMID,
  MPROC__QW_TAIL,
  MPROC__QW_CONSUMED,
  MPROC__QW_CCOUNT,
  MPROC__QW_HEAD_SEEN,
  MPROC__QW_COUNT
} mproc__queue_word_t;
volatile uint32_t *mproc__queue_word(mproc_queue_t *q, mproc__queue_word_t w);
extern void (*mproc__queue_peer_hook)(mproc_queue_t *q);
/* The pool (pool.c): its type, and the function its workers run, which
 * children find by name without registration (process.c). */
extern const mproc__type_t mproc__pool_type;
int mproc__pool_worker(const mproc_value_t *args, size_t nargs);
/* Managers (manager.c). */
extern const mproc__type_t mproc__proxy_type;
/* Registers the manager's server function (mproc_boot() calls it, so that a
 * spawned server finds it). */
int mproc__manager_register(void);
/* Fuzzing: the manager's wire parsers over @p data (see manager.c). */
int mproc__manager_fuzz(const uint8_t *data, size_t size, const uint8_t *key,
                        size_t keylen);
/* The pid of the server process of a manager this process started, 0 for a
 * connected one: a test hook, so that the crash suite can kill the server. */
int64_t mproc__manager_server_pid(const mproc_manager_t *m);
/* The process auth key: made on first need (before any child is started),
 * carried to spawn children in their start record. */
int mproc__authkey_ensure(void);
const uint8_t *mproc__authkey_get(void); /* NULL until made */
void mproc__authkey_set(const uint8_t key[MPROC_AUTHKEY_LEN]);

#endif /* MPROC_COMMON_H */
