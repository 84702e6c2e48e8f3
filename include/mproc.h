/* SPDX-License-Identifier: MIT */
/**
 * @file mproc.h
 * @brief mproc: Python's multiprocessing model for C, on POSIX and Windows.
 *
 * This is the one public header. Read it top to bottom (each section is
 * also a page of the reference, under Modules):
 *
 * @verbatim
 *   1. Status codes and error details      (every call returns 0 or MPROC_E_*)
 *   2. Values                              (what crosses into a child)
 *   3. Booting and registered functions    (mproc_boot, MPROC_REGISTER)
 *   4. Processes and start methods
 *   5. The Lock family                     (Lock, RLock, Semaphore,
 *                                           BoundedSemaphore)
 *   6. Event, Condition, Barrier
 *   7. Queues                              (Queue, SimpleQueue,
 *                                           JoinableQueue)
 *   8. Pool
 *   9. Shared values and named shared memory (Value, Array, SharedMemory)
 *  10. Pipes and connections
 *  11. wait()
 *  12. Managers                            (a server process; proxies)
 * @endverbatim
 *
 * The sharing rule. Objects backed by shared memory or kernel objects (every
 * lock and semaphore) may reach another process only while that process is
 * being created: as arguments of mproc_process_start(). Encoding one at any
 * other time fails with MPROC_E_INHERITANCE and the detail message
 * "\<Type\> objects should only be shared between processes through
 * inheritance", exactly as in CPython.
 *
 * Timeouts are seconds as a double. MPROC_FOREVER (-1, defined below)
 * waits without limit, 0 polls, any other negative value or NaN is
 * MPROC_E_INVAL.
 *
 * Thread safety: objects may be used from several threads at once, except
 * that a process handle must not be destroyed while another thread uses it.
 * Each function's documentation says whether it blocks and, where it is
 * not simply safe from several threads, what holds.
 *
 * Linking: define MPROC_STATIC before including this header to use the
 * static library (CMake's mproc::mproc_static target does it for you);
 * on Windows it is required, as the declarations otherwise name the DLL.
 *
 * Ownership: a function that gives back memory or an object says who
 * releases it and with what; what a function takes is borrowed for the
 * call (copied if kept) unless its documentation says otherwise.
 */
#ifndef MPROC_H
#define MPROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Export macro: the shared library exports only what is marked MPROC_API. */
#if defined(MPROC_STATIC)
#define MPROC_API
#elif defined(_WIN32)
#if defined(MPROC_BUILDING)
#define MPROC_API __declspec(dllexport)
#else
#define MPROC_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define MPROC_API __attribute__((visibility("default")))
#else
#define MPROC_API
#endif

/* MPROC_VERSION_MAJOR, _MINOR, _PATCH, _STRING and _HEX, generated from
 * CMakeLists.txt's project() version (installed beside this header). */
#include "mproc_version.h"

/**
 * Returns the version of the library the program runs with, as
 * "MAJOR.MINOR.PATCH" (MPROC_VERSION_STRING is the one it was compiled
 * against). No CPython counterpart.
 * @return A static string, never NULL; not to be freed.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const char *mproc_version(void);

/**
 * Pass to a timeout to wait without limit (CPython's timeout=None, or
 * block=True without a timeout). Every timeout in this API is seconds as a
 * double: MPROC_FOREVER waits without limit, 0 polls (CPython's
 * block=False), any other negative value or NaN is MPROC_E_INVAL.
 */
#define MPROC_FOREVER (-1.0)

/* ------------------------------------------------------------------------ */
/* 1. Status codes                                                          */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup status 1. Status codes
 *
 * CPython: exceptions. Each code stands for the exception CPython raises in the
 * same case: ValueError (MPROC_E_VALUE), TypeError (MPROC_E_TYPE),
 * KeyError (MPROC_E_KEY), IndexError (MPROC_E_INDEX), queue.Empty and
 * queue.Full (MPROC_E_EMPTY, MPROC_E_FULL), TimeoutError and a False
 * return of acquire()/wait() (MPROC_E_TIMEOUT), BrokenBarrierError
 * (MPROC_E_BROKEN), AuthenticationError (MPROC_E_PERM), EOFError and
 * OSError on a closed connection (MPROC_E_CLOSED), RuntimeError
 * "Lock objects should only be shared between processes through
 * inheritance" (MPROC_E_INHERITANCE); the exception's message is
 * mproc_last_error().
 */

/**
 * XX(name, number, message). The one list from which the enum,
 * mproc_strerror() and mproc_err_name() are generated.
 */
#define MPROC_ERRNO_MAP(XX)                                                    \
  XX(E_INVAL, -1, "invalid argument")                                          \
  XX(E_NOMEM, -2, "out of memory")                                             \
  XX(E_NOTSUP, -3, "operation not supported")                                  \
  XX(E_INHERITANCE, -4,                                                        \
     "object may only be shared between processes through inheritance")        \
  XX(E_TIMEOUT, -5, "timed out")                                               \
  XX(E_BUSY, -6, "resource busy")                                              \
  XX(E_NOTFOUND, -7, "not found")                                              \
  XX(E_TYPE, -8, "wrong type")                                                 \
  XX(E_PERM, -9, "operation not permitted")                                    \
  XX(E_VALUE, -10, "value out of range")                                       \
  XX(E_STATE, -11, "invalid state for this operation")                         \
  XX(E_CLOSED, -12, "object or peer closed")                                   \
  XX(E_OWNER_DEAD, -13, "owner died while holding it")                         \
  XX(E_BROKEN, -14, "broken")                                                  \
  XX(E_WORKER_DIED, -15, "worker process died")                                \
  XX(E_DECODE, -16, "malformed data")                                          \
  XX(E_SPAWN, -17, "child process could not be started")                       \
  XX(E_TOOBIG, -18, "too large")                                               \
  XX(E_LIMIT, -19, "system resource limit reached")                            \
  XX(E_SYS, -20, "operating system error")                                     \
  XX(E_EMPTY, -30, "queue empty")                                              \
  XX(E_FULL, -31, "queue full")                                                \
  XX(E_DONE, -40, "no more results")                                           \
  XX(E_REMOTE, -50, "exception in the remote manager")                         \
  XX(E_KEY, -60, "key not found")                                              \
  XX(E_INDEX, -61, "index out of range")                                       \
  XX(E_ATTRIBUTE, -62, "attribute not found")
/* New codes: -21 to -29 for synchronisation, -30 to -39 for queues, pipes and
 * shared memory, -40 to -49 for the pool, -50 to -59 for the manager, -60 to
 * -69 for values; keep the list in numeric order. */

/**
 * Status codes. Every call that can fail returns 0 or one of these; the
 * enumerators MPROC_E_* come from MPROC_ERRNO_MAP, which gives each its
 * number and its message (mproc_strerror()). What each means:
 *
 * - MPROC_E_INVAL: a bad argument: NULL, a bad timeout, an unknown option.
 * - MPROC_E_NOMEM: out of memory.
 * - MPROC_E_NOTSUP: not available on this platform (fork on Windows).
 * - MPROC_E_INHERITANCE: an inherit-only object sent outside process
 *   creation (CPython's RuntimeError, with its message).
 * - MPROC_E_TIMEOUT: the timeout expired.
 * - MPROC_E_BUSY: not free or not finished (a try_acquire, an exit code
 *   of a running child, a name that exists).
 * - MPROC_E_NOTFOUND: no such name (shared memory, a registered function).
 * - MPROC_E_TYPE: the wrong type (CPython's TypeError; AttributeError for
 *   a method a type does not have).
 * - MPROC_E_PERM: not permitted: an RLock not owned, a wrong auth key.
 * - MPROC_E_VALUE: out of range (CPython's ValueError).
 * - MPROC_E_STATE: not in this state (a closed pool, a call from a
 *   callback that would wait for itself, an unregistered function).
 * - MPROC_E_CLOSED: the object or its peer is closed, gone or dead.
 * - MPROC_E_OWNER_DEAD: acquired, but the previous owner died holding it.
 * - MPROC_E_BROKEN: a broken Barrier or queue.
 * - MPROC_E_WORKER_DIED: a pool worker died running the task.
 * - MPROC_E_DECODE: malformed encoded data.
 * - MPROC_E_SPAWN: the child could not be started.
 * - MPROC_E_TOOBIG: larger than a limit or the caller's buffer.
 * - MPROC_E_LIMIT: a system resource limit (descriptors, processes,
 *   memory maps; mproc_last_os_error() tells which).
 * - MPROC_E_SYS: another operating system error.
 * - MPROC_E_EMPTY, MPROC_E_FULL: queue.Empty, queue.Full.
 * - MPROC_E_DONE: an iterator or cursor has no more results.
 * - MPROC_E_KEY, MPROC_E_INDEX: KeyError, IndexError.
 * - MPROC_E_ATTRIBUTE: AttributeError (a Namespace's missing attribute).
 * - MPROC_E_REMOTE: a CPython manager's server raised an exception that no
 *   other code stands for; the detail is its type and its text
 *   ("ZeroDivisionError: division by zero"), or the server's traceback.
 */
typedef enum mproc_status {
  MPROC_OK = 0, /**< success */
#define MPROC__XX(name, num, msg) MPROC_##name = (num),
  MPROC_ERRNO_MAP(MPROC__XX)
#undef MPROC__XX
} mproc_status_t;

/**
 * A short English description of a status code ("timed out").
 * @param status 0 or a MPROC_E_* code (another number gives "unknown mproc
 *   status").
 * @return A static string, never NULL; not to be freed.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const char *mproc_strerror(int status);

/**
 * The symbolic name of a status code ("MPROC_E_TIMEOUT").
 * @param status 0 or a MPROC_E_* code.
 * @return A static string, never NULL ("MPROC_OK" for 0, "MPROC_E_UNKNOWN" for
 *   another number); not to be freed.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const char *mproc_err_name(int status);

/**
 * The detail message of the last failing call made by this thread, for
 * example "Lock objects should only be shared between processes through
 * inheritance". Valid until the thread's next mproc call; never NULL (an
 * empty string when there is none). Whole, however long: a pool task's
 * error message of a megabyte comes back entire, as in CPython.
 * @return A string owned by the library, per thread; never NULL.
 * @par Blocking and threads
 *   Does not wait. Per thread: each thread sees its own last failure.
 */
MPROC_API const char *mproc_last_error(void);

/**
 * The OS error number behind this thread's last failing call: errno on
 * POSIX, GetLastError() on Windows; 0 when that failure did not come from
 * an OS call (a bad argument, a timeout, a peer's refusal). mproc's codes
 * are portable, so EAGAIN, EMFILE and ENOSPC are all MPROC_E_LIMIT: this
 * tells them apart. Valid as long as mproc_last_error().
 * @return errno or GetLastError() of that failure, or 0.
 * @par Blocking and threads
 *   Does not wait. Per thread, as mproc_last_error().
 */
MPROC_API long mproc_last_os_error(void);

/* ------------------------------------------------------------------------ */
/* 2. Values                                                                */
/* ------------------------------------------------------------------------ */

/** An mproc object of any type (a lock, a semaphore, ...): what an
 * MPROC_VALUE_OBJECT value points at. */
typedef struct mproc_object mproc_object_t;

/**
 * @defgroup values 2. Values
 *
 * CPython: pickle: the objects CPython pickles (arguments, results, queue
 * items, messages, manager calls) are mproc_value_t here.
 *
 * Values are what Python passes as pickled objects: arguments of a child or
 * a task, a task's result, queue items, messages, manager calls.
 *
 * Ownership, once for the whole API:
 *  - An mproc_value_t never owns anything. The constructors below copy
 *    scalars and BORROW what they point to (a string, bytes, the items of a
 *    tuple, list or dict): that memory must stay valid while the value is in
 *    use, that is until the call it was given to returns.
 *  - Every value mproc hands back (mproc_decode(), a queue get, a recv, a
 *    task's result, mproc_value_copy(), mproc_builder_finish()) is an array
 *    owned by the caller, nested containers, strings and bytes included, in
 *    one block: release it with ONE mproc_values_free(vals, n).
 *  - To build a container whose size is known, point a view at an array
 *    (mproc_list(items, n), or MPROC_LIST(...) in C). To build one piece by
 *    piece, use a builder (below), which copies what it is given.
 */
/** What a value holds: Python's types that mproc carries. */
typedef enum mproc_value_type {
  MPROC_VALUE_NONE = 0, /**< None */
  MPROC_VALUE_INT,      /**< int64_t */
  MPROC_VALUE_DOUBLE,   /**< double */
  MPROC_VALUE_BOOL,     /**< bool */
  MPROC_VALUE_STR,      /**< NUL-terminated UTF-8 string */
  MPROC_VALUE_BYTES,    /**< bytes with a length */
  MPROC_VALUE_OBJECT,   /**< a reference to an mproc object */
  MPROC_VALUE_TUPLE,    /**< items (u.seq) */
  MPROC_VALUE_LIST,     /**< items (u.seq) */
  MPROC_VALUE_DICT      /**< key, value, key, value, ... (u.dict) */
} mproc_value_type_t;

/**
 * A value: the C counterpart of a pickled object. See the ownership rules
 * above; build values with the constructors, read them with the getters.
 */
typedef struct mproc_value {
  mproc_value_type_t type; /**< which member of u holds the value */
  /** The value itself, as selected by type. */
  union {
    int64_t i;     /**< INT */
    double d;      /**< DOUBLE */
    bool b;        /**< BOOL */
    const char *s; /**< STR: NUL-terminated */
    /** BYTES */
    struct {
      const void *ptr; /**< the bytes */
      size_t len;      /**< their number */
    } bytes;
    mproc_object_t *obj; /**< OBJECT */
    /** TUPLE and LIST: n items */
    struct {
      const struct mproc_value *items; /**< the items */
      size_t n;                        /**< their number */
    } seq;
    /** DICT */
    struct {
      const struct mproc_value *items; /**< 2 * n: key, value, ... */
      size_t n;                        /**< entries */
      const void *index; /**< mproc's hash index; NULL in a view you build */
    } dict;
  } u;
} mproc_value_t;

/**
 * The None value.
 * @return A None value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_none(void) {
  mproc_value_t v;
  v.type = MPROC_VALUE_NONE;
  v.u.i = 0;
  return v;
}
/**
 * An int value (Python's int, limited to 64 bits).
 * @param i The integer.
 * @return An int value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_int(int64_t i) {
  mproc_value_t v;
  v.type = MPROC_VALUE_INT;
  v.u.i = i;
  return v;
}
/**
 * A float value.
 * @param d The number.
 * @return A float value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_double(double d) {
  mproc_value_t v;
  v.type = MPROC_VALUE_DOUBLE;
  v.u.d = d;
  return v;
}
/**
 * A bool value (True or False).
 * @param b The truth value.
 * @return A bool value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_bool(bool b) {
  mproc_value_t v;
  v.type = MPROC_VALUE_BOOL;
  v.u.b = b;
  return v;
}
/**
 * A str value viewing @p s (borrowed, not copied).
 * @param s A NUL-terminated UTF-8 string, borrowed: it must stay valid while
 *   the value is in use.
 * @return A str value pointing at @p s.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_str(const char *s) {
  mproc_value_t v;
  v.type = MPROC_VALUE_STR;
  v.u.s = s;
  return v;
}
/**
 * A bytes value viewing @p len bytes at @p ptr (borrowed, not copied).
 * @param ptr The bytes, borrowed: valid while the value is in use (may be NULL
 *   when @p len is 0).
 * @param len Their number.
 * @return A bytes value pointing at @p ptr.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_bytes(const void *ptr, size_t len) {
  mproc_value_t v;
  v.type = MPROC_VALUE_BYTES;
  v.u.bytes.ptr = ptr;
  v.u.bytes.len = len;
  return v;
}
/**
 * A reference to any mproc object: pass a mproc_lock_t *, mproc_rlock_t *,
 * mproc_semaphore_t *, ... Anything else is rejected with MPROC_E_TYPE when
 * the value is used.
 * @param object The object, borrowed: the value does not keep it alive.
 * @return An object value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_obj(const void *object) {
  mproc_value_t v;
  v.type = MPROC_VALUE_OBJECT;
  v.u.obj = (mproc_object_t *)object;
  return v;
}
/**
 * A tuple viewing @p n items at @p items (borrowed).
 * @param items The items, borrowed: valid while the value is in use.
 * @param n Their number.
 * @return A tuple value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_tuple(const mproc_value_t *items, size_t n) {
  mproc_value_t v;
  v.type = MPROC_VALUE_TUPLE;
  v.u.seq.items = items;
  v.u.seq.n = n;
  return v;
}
/**
 * A list viewing @p n items at @p items (borrowed).
 * @param items The items, borrowed: valid while the value is in use.
 * @param n Their number.
 * @return A list value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_list(const mproc_value_t *items, size_t n) {
  mproc_value_t v;
  v.type = MPROC_VALUE_LIST;
  v.u.seq.items = items;
  v.u.seq.n = n;
  return v;
}
/**
 * A dict viewing @p n entries at @p kv (borrowed): kv[0] is the first key,
 * kv[1] its value, and so on; order is kept, as in Python. Keys must be
 * hashable: None, bool, int, float (not NaN), str, bytes, or tuples of
 * these. Keys compare as Python compares them, so 1, 1.0 and True are one
 * key and a dict that repeats a key is MPROC_E_VALUE when it is used.
 * @param kv 2 * @p n values, key then value, borrowed: valid while the value
 *   is in use.
 * @param n The number of entries (half the number of values at @p kv).
 * @return A dict value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline mproc_value_t mproc_dict(const mproc_value_t *kv, size_t n) {
  mproc_value_t v;
  v.type = MPROC_VALUE_DICT;
  v.u.dict.items = kv;
  v.u.dict.n = n;
  v.u.dict.index = NULL;
  return v;
}
/**
 * Whether a value is None.
 * @param v The value, or NULL.
 * @return true if @p v is not NULL and holds None.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
static inline bool mproc_value_is_none(const mproc_value_t *v) {
  return v && v->type == MPROC_VALUE_NONE;
}

#if !defined(__cplusplus) && !defined(MPROC_NO_LITERALS)
/*
 * Literals in C (compound literals, alive to the end of the enclosing
 * block): MPROC_TUPLE(mproc_str("a"), mproc_int(1)),
 * MPROC_DICT(mproc_str("n"), mproc_int(3)) (key, value, ...).
 */
#define MPROC__ITEMS(...) ((const mproc_value_t[]){__VA_ARGS__})
#define MPROC__NITEMS(...)                                                     \
  (sizeof(MPROC__ITEMS(__VA_ARGS__)) / sizeof(mproc_value_t))
/** A tuple literal: MPROC_TUPLE(mproc_str("a"), mproc_int(1)). */
#define MPROC_TUPLE(...)                                                       \
  mproc_tuple(MPROC__ITEMS(__VA_ARGS__), MPROC__NITEMS(__VA_ARGS__))
/** A list literal, as MPROC_TUPLE(). */
#define MPROC_LIST(...)                                                        \
  mproc_list(MPROC__ITEMS(__VA_ARGS__), MPROC__NITEMS(__VA_ARGS__))
/** A dict literal of key, value, ...: MPROC_DICT(mproc_str("n"), mproc_int(3)).
 */
#define MPROC_DICT(...)                                                        \
  mproc_dict(MPROC__ITEMS(__VA_ARGS__), MPROC__NITEMS(__VA_ARGS__) / 2)
#endif

/* Typed getters: MPROC_E_TYPE when the value holds something else. */
/**
 * Reads an int or a bool out of a value.
 * @param v The value to read.
 * @param out Receives the int64_t.
 * @return 0, MPROC_E_TYPE unless @p v holds an int or a bool, MPROC_E_INVAL
 *   for a NULL argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_int(const mproc_value_t *v, int64_t *out);
/**
 * Reads a float out of a value.
 * @param v The value to read.
 * @param out Receives the double.
 * @return 0, MPROC_E_TYPE unless @p v holds a float, MPROC_E_INVAL for a NULL
 *   argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_double(const mproc_value_t *v, double *out);
/**
 * Reads a bool out of a value.
 * @param v The value to read.
 * @param out Receives the bool.
 * @return 0, MPROC_E_TYPE unless @p v holds a bool, MPROC_E_INVAL for a NULL
 *   argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_bool(const mproc_value_t *v, bool *out);
/**
 * Reads a str out of a value.
 * @param v The value to read.
 * @param out Receives the const char *. The string is borrowed from @p v:
 *   valid while the value is.
 * @return 0, MPROC_E_TYPE unless @p v holds a str, MPROC_E_INVAL for a NULL
 *   argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_str(const mproc_value_t *v, const char **out);
/**
 * Reads bytes out of a value.
 * @param v The value to read.
 * @param ptr Receives a pointer to the bytes, borrowed from @p v.
 * @param len Receives their number.
 * @return 0, MPROC_E_TYPE unless @p v holds bytes, MPROC_E_INVAL for a NULL
 *   argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_bytes(const mproc_value_t *v, const void **ptr,
                                   size_t *len);

/* Containers. A tuple's or a list's items, in order; the items of a
 * dict's entries in insertion order. */
/**
 * Items of a tuple or a list; 0 for any other value.
 * @param v The value.
 * @return The number of items, 0 for any other value (or NULL).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API size_t mproc_value_list_len(const mproc_value_t *v);
/** Item @p i of a tuple or a list; NULL (and MPROC_E_TYPE or MPROC_E_VALUE
 * in mproc_last_error()) when there is none.
 * @param v A tuple or a list.
 * @param i The index, from 0.
 * @return A pointer into @p v (borrowed), or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const mproc_value_t *mproc_value_list_at(const mproc_value_t *v,
                                                   size_t i);
/**
 * Entries of a dict; 0 for any other value.
 * @param v The value.
 * @return The number of entries, 0 for any other value (or NULL).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API size_t mproc_value_dict_len(const mproc_value_t *v);
/** Entry @p i of a dict, in insertion order: the way to iterate.
 * MPROC_E_TYPE if @p v is not a dict, MPROC_E_VALUE past the end.
 * @param v A dict.
 * @param i The entry's index, from 0, in insertion order.
 * @param key Receives the key, borrowed from @p v.
 * @param value Receives the value, borrowed from @p v.
 * @return 0, MPROC_E_TYPE, MPROC_E_VALUE past the end, MPROC_E_INVAL for a
 *   NULL argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_dict_entry(const mproc_value_t *v, size_t i,
                                     const mproc_value_t **key,
                                     const mproc_value_t **value);
/**
 * Looks @p key up in a dict (Python's d[key]): MPROC_E_KEY with a message
 * naming the key as Python's KeyError does when it is absent, MPROC_E_TYPE
 * if @p dict is not a dict or the key is unhashable. Constant time in a
 * dict mproc made (decoded, copied, built); a linear scan in a view.
 * @param dict The dict.
 * @param key The key to look up.
 * @param out Receives the value, borrowed from @p dict.
 * @return 0, MPROC_E_KEY, MPROC_E_TYPE, MPROC_E_INVAL for a NULL argument.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_dict_get(const mproc_value_t *dict,
                                   const mproc_value_t *key,
                                   const mproc_value_t **out);

/**
 * Python's ==, for values: 1 == 1.0 == True, a tuple equals a tuple of equal
 * items, a list a list, a dict a dict with the same entries in any order;
 * objects are equal when they are the same object. NaN is not equal to
 * itself.
 * @param a A value.
 * @param b Another value.
 * @return true if equal as Python's == says.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API bool mproc_value_equal(const mproc_value_t *a,
                                 const mproc_value_t *b);

/**
 * Python's repr() of a value, in a new NUL-terminated string (free it with
 * mproc_free()): None, True, 42, 0.1, 'text', b'\\x00', (1,), [1, 2],
 * {'a': 1}; an object as \<Lock\>. Floats print as Python prints them (the
 * shortest text that reads back), so a C program and its Python twin print
 * the same lines. NULL only when out of memory.
 * @param v The value.
 * @return A new string owned by the caller (mproc_free()), or NULL when out of
 *   memory.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API char *mproc_value_repr(const mproc_value_t *v);

/**
 * A deep copy of @p n values that the caller owns: one block, released with
 * mproc_values_free(*out, n). Objects are copied as they travel between
 * processes (a manager proxy is; an inherit-only object such as a Lock is
 * MPROC_E_INHERITANCE: keep those in a view).
 * @param vals The values to copy.
 * @param n Their number.
 * @param out Receives the copy: @p n values in one block owned by the caller
 *   (mproc_values_free(*out, n)).
 * @return 0, MPROC_E_INHERITANCE for an inherit-only object, MPROC_E_TOOBIG or
 *   MPROC_E_VALUE for a value beyond the limits, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_copy(const mproc_value_t *vals, size_t n,
                               mproc_value_t **out);

/*
 * A builder makes a tuple, list or dict piece by piece, copying what it is
 * given (so strings may be temporaries). Finish gives one owned value.
 *
 *     mproc_builder_t *b;
 *     mproc_builder_new(&b, MPROC_VALUE_DICT);
 *     mproc_value_t *slot = mproc_builder_lookup(b, &key);
 *     if (slot) slot->u.i += 1;                   (scalars may be updated)
 *     else mproc_builder_set(b, &key, &(mproc_value_t){...});
 *     mproc_value_t *d;
 *     mproc_builder_finish(b, &d);      ...      mproc_values_free(d, 1);
 */
/** A builder of a tuple, list or dict (above); owned by one thread. */
typedef struct mproc_builder mproc_builder_t;
/**
 * @p type: MPROC_VALUE_TUPLE, MPROC_VALUE_LIST or MPROC_VALUE_DICT.
 * @param out Receives the new builder, owned by the caller: release it with
 *   mproc_builder_finish() or mproc_builder_free().
 * @param type MPROC_VALUE_TUPLE, MPROC_VALUE_LIST or MPROC_VALUE_DICT.
 * @return 0, MPROC_E_INVAL for another type, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API int mproc_builder_new(mproc_builder_t **out, mproc_value_type_t type);
/**
 * Appends a copy of @p v to a tuple or list builder.
 * @param b A tuple or list builder.
 * @param v The item, copied (strings may be temporaries).
 * @return 0, MPROC_E_TYPE for a dict builder, MPROC_E_INHERITANCE for an
 *   inherit-only object, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API int mproc_builder_append(mproc_builder_t *b, const mproc_value_t *v);
/** Sets key to a copy of @p v in a dict builder (a new key goes last, an
 * existing one keeps its place, as in Python).
 * @param b A dict builder.
 * @param key The key, copied; hashable.
 * @param v The value, copied.
 * @return 0, MPROC_E_TYPE for another builder or an unhashable key,
 *   MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API int mproc_builder_set(mproc_builder_t *b, const mproc_value_t *key,
                                const mproc_value_t *v);
/** The value stored under @p key in a dict builder, or NULL. Its scalar
 * fields may be changed in place; never its pointers.
 * @param b A dict builder.
 * @param key The key.
 * @return A pointer into the builder (valid until its next call), or NULL when
 *   absent.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API mproc_value_t *mproc_builder_lookup(mproc_builder_t *b,
                                              const mproc_value_t *key);
/**
 * Items (or entries) so far.
 * @param b The builder.
 * @return The number of items or entries.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API size_t mproc_builder_len(const mproc_builder_t *b);
/** One owned value (mproc_values_free(*out, 1)); frees the builder, also on
 * failure.
 * @param b The builder, freed by this call whatever it returns.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API int mproc_builder_finish(mproc_builder_t *b, mproc_value_t **out);
/**
 * Frees a builder that will not be finished. NULL is allowed.
 * @param b The builder, or NULL.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API void mproc_builder_free(mproc_builder_t *b);

/**
 * Checks and unpacks a function's arguments in one call, in the spirit of
 * CPython's PyArg_ParseTuple:
 *
 *     int64_t n; const char *word; mproc_queue_t *q; double scale = 1.0;
 *     if (mproc_args_parse(args, nargs, "i{Queue}s|d:worker", &n, &q, &word,
 *                          &scale) != 0)
 *       return mproc_process_fail(2, mproc_last_error());
 *
 * Codes, each followed by its outputs:
 *   i  int64_t *       an int (or a bool, as in Python)
 *   d  double *        a float, an int or a bool
 *   ?  bool *          a bool
 *   s  const char **   a str
 *   z  const char **   a str, or None (gives NULL)
 *   y  const void **, size_t *   bytes
 *   O  const mproc_value_t **    any value
 *   T  const mproc_value_t **    a tuple (L a list, D a dict)
 *   (...)              a tuple or list of exactly these items, unpacked
 *   {Type}  Type **    an object of that type, by CPython's name: Lock,
 *                      RLock, Semaphore, BoundedSemaphore, Event, Condition,
 *                      Barrier, Queue (any of the three kinds),
 *                      Connection, Value, Array, Proxy
 *   |                  the arguments after it are optional: outputs of
 *                      missing ones are left as they are
 *   *  const mproc_value_t **, size_t *   the remaining arguments
 *   :name              (at the end) the function's name, for messages
 * A code may be followed by a name in brackets, "i[count]", used in the
 * message. Errors: MPROC_E_TYPE "worker() argument 2 (count) must be int,
 * not str", or MPROC_E_VALUE "worker() takes at least 2 arguments (1
 * given)", as CPython words them. MPROC_E_INVAL for a bad format.
 * @param args The arguments (as a child function or task receives them).
 * @param nargs Their number.
 * @param format The format, as above.
 * @param ... One or two output pointers per code, as listed.
 * @return 0, MPROC_E_TYPE or MPROC_E_VALUE with CPython's message,
 *   MPROC_E_INVAL for a bad format. Outputs point into @p args (borrowed).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_args_parse(const mproc_value_t *args, size_t nargs,
                               const char *format, ...);

/** The Python type name of a value: "NoneType", "int", "float", "bool",
 * "str", "bytes", "tuple", "list", "dict", or the object's type name.
 * @param v The value.
 * @return A static string, never NULL for a valid value.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const char *mproc_value_type_name(const mproc_value_t *v);

/**
 * The type name of an object as CPython spells it ("Lock", "RLock",
 * "Semaphore", "BoundedSemaphore"), or NULL if @p object is not a live mproc
 * object.
 * @param object Any pointer.
 * @return A static string, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API const char *mproc_object_type_name(const void *object);

/**
 * Encodes @p n values into a newly allocated buffer (free it with
 * mproc_free()). This is the path every value takes to another process
 * other than through process creation, so the sharing rule applies: an
 * object backed by shared memory fails with MPROC_E_INHERITANCE. Strings
 * must be valid NUL-terminated; bytes and strings are limited to
 * MPROC_VALUE_MAX_LEN.
 * @param vals The values to encode.
 * @param n Their number.
 * @param buf Receives the buffer, owned by the caller (mproc_free()).
 * @param len Receives its length.
 * @return 0, MPROC_E_INHERITANCE, MPROC_E_TOOBIG, MPROC_E_TYPE for a bad
 *   value, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_encode(const mproc_value_t *vals, size_t n, void **buf,
                           size_t *len);

/**
 * Decodes a buffer made by mproc_encode(). On success *vals is an array of
 * *n values owned by the caller, released with mproc_values_free(); strings
 * and bytes point into it. Malformed input returns MPROC_E_DECODE.
 *
 * Manager proxies: a proxy's encoding carries a tag, HMAC-SHA256 of its
 * address under the auth key the receiver will use (this process's
 * mproc_authkey(), shared by the whole process family; in a start record,
 * the key that travels with the proxy). A proxy whose tag does not verify
 * is refused with MPROC_E_PERM and a message naming its address, so bytes
 * from anyone without the key cannot make this process connect to an
 * address of their choosing and answer its challenge with our key (CPython
 * has that flaw). Proxies still reach any process of the family: started
 * before the manager, pool workers, queue consumers. Addresses given to
 * mproc_manager_start() or mproc_manager_connect() need no tag.
 * @param buf The encoding (only read).
 * @param len Its length.
 * @param vals Receives the values, owned by the caller
 *   (mproc_values_free(*vals, *n)).
 * @param n Receives their number.
 * @return 0, MPROC_E_DECODE for malformed input, MPROC_E_PERM for a proxy
 *   whose tag does not verify, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Never blocks without a bound: objects in the input are attached, not
 *   waited for. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_decode(const void *buf, size_t len, mproc_value_t **vals,
                           size_t *n);

/**
 * Frees an array returned by mproc_decode(). NULL is allowed.
 *
 * While a pool lives in this process, a large array (128 KiB or more: a
 * pool map's results) may be kept by the library for a later pool call
 * instead of going back to the allocator: at most 4 blocks and 64 MiB in
 * all, freed when the process's last pool is destroyed.
 * @param vals The array, or NULL.
 * @param n Its number of values, as returned with it.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API void mproc_values_free(mproc_value_t *vals, size_t n);

/**
 * Frees memory returned by mproc (mproc_encode()'s buffer).
 * @param p The memory, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API void mproc_free(void *p);

/**
 * Limits, enforced by the encoder (MPROC_E_TOOBIG) and the decoder
 * (MPROC_E_DECODE): the largest string or bytes value; the most values in
 * one encoding, counting every item and key of every container at any
 * depth; the deepest nesting of containers (the top level is depth 0).
 * One encoding is also limited by what carries it (a queue item or a
 * message: MPROC_VALUE_MAX_LEN bytes).
 */
#define MPROC_VALUE_MAX_LEN ((size_t)1 << 30)
/** The most values in one encoding, at any depth: 2^20 (see above). */
#define MPROC_VALUE_MAX_COUNT ((size_t)1 << 20)
/** The deepest nesting of containers (see above). */
#define MPROC_VALUE_MAX_DEPTH 64

/* ------------------------------------------------------------------------ */
/* 3. Booting and registered functions                                      */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup boot 3. Booting and registered functions
 *
 * CPython: freeze_support() and the `if __name__ == "__main__":` guard (a
 * spawned child re-runs the program; mproc_boot() is where it stops and
 * runs its function), and pickling a function by its qualified name (a
 * spawned child finds it by its registered name).
 */

/**
 * The function a child process runs. @p args are the values given to
 * mproc_process_start(), with objects usable in this process. The return
 * value is the child's exit code (0 to 255 on POSIX).
 */
typedef int (*mproc_fn)(const mproc_value_t *args, size_t nargs);

/** A running pool task: where it puts its result and its error message
 * (section 8). */
typedef struct mproc_task mproc_task_t;

/**
 * A pool task: reads its arguments, may set its result with
 * mproc_task_set_result() (None otherwise), returns 0, or a negative
 * MPROC_E_* status for a failure (with a message set by
 * mproc_task_set_error()).
 */
typedef int (*mproc_task_fn)(const mproc_value_t *args, size_t nargs,
                             mproc_task_t *task);

/**
 * Registers @p fn under @p name. Functions cannot cross exec, so a spawned
 * child finds the function to run by name: every function a child or a
 * pool worker may run must be registered, in the same way in every run of
 * the program, before mproc_boot(). Usually through MPROC_REGISTER() below.
 *
 * Process functions (mproc_register) and pool tasks (mproc_register_task)
 * share one namespace of at most 2048 names. MPROC_E_STATE, with a message
 * naming both, for a name already given to another function (of either
 * kind), for a function already registered under another name, and for
 * the library's own names ("mproc." ...). Registering the same function
 * under the same name again does nothing and returns 0. @p name is not
 * copied: a string literal, as MPROC_REGISTER() passes.
 * @param name The name, not copied (a string literal).
 * @param fn The function.
 * @return 0, MPROC_E_STATE for a conflicting registration, MPROC_E_LIMIT
 *   beyond 2048 names, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Call from main() before mproc_boot(), before other threads
 *   exist.
 */
MPROC_API int mproc_register(const char *name, mproc_fn fn);
/**
 * Registers a pool task @p fn under @p name: as mproc_register(), for pool
 *   tasks.
 * @param name The name, not copied (a string literal).
 * @param fn The pool task.
 * @return As mproc_register().
 * @par Blocking and threads
 *   Does not wait. As mproc_register().
 */
MPROC_API int mproc_register_task(const char *name, mproc_task_fn fn);

/**
 * Registers a function under its own name, as a process function or a pool
 * task according to its type, so that the name is typed once:
 *
 *     MPROC_REGISTER(worker);      -> mproc_register("worker", worker)
 *     MPROC_REGISTER(count_words); -> mproc_register_task("count_words", ...)
 *
 * A function of neither type does not compile. In C it needs C11
 * (_Generic); in C++ it is an inline overload. MPROC_REGISTER_PROCESS() and
 * MPROC_REGISTER_TASK() name the kind and work with any C or C++ compiler.
 * The name is the expression's spelling: pass a function's name, not a
 * pointer variable or a cast.
 */
#define MPROC_REGISTER_PROCESS(fn) mproc_register(#fn, (fn))
/** Registers the pool task @p fn under its own name (see MPROC_REGISTER()). */
#define MPROC_REGISTER_TASK(fn) mproc_register_task(#fn, (fn))
#if defined(__cplusplus)
extern "C++" {
inline int mproc__register_any(const char *name, mproc_fn fn) {
  return mproc_register(name, fn);
}
inline int mproc__register_any(const char *name, mproc_task_fn fn) {
  return mproc_register_task(name, fn);
}
}
#define MPROC_REGISTER(fn) mproc__register_any(#fn, (fn))
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
/* clang-format off */
/** Registers @p fn under its own name, as a process function or a pool
 * task according to its type (see MPROC_REGISTER_PROCESS()). */
#define MPROC_REGISTER(fn)                                                     \
  _Generic((fn), mproc_fn: mproc_register,                                     \
                 mproc_task_fn: mproc_register_task)(#fn, (fn))
/* clang-format on */
#endif

/**
 * The first call of main(), after the registrations:
 *
 *     int main(int argc, char **argv) {
 *       MPROC_REGISTER(worker);
 *       mproc_boot(argc, argv);
 *       ...
 *
 * In a process started with the spawn method it runs the requested function
 * and exits with its result: it does not return. In any other process it
 * records how to re-execute the program and returns 0. Without it, the
 * spawn start method is unavailable (MPROC_E_STATE).
 * @param argc main()'s argc.
 * @param argv main()'s argv (kept, not copied).
 * @return 0 in a process that was not spawned by mproc; a spawned child does
 *   not return (it exits with its function's result).
 * @par Blocking and threads
 *   Does not wait. Call from main() before any other thread exists.
 */
MPROC_API int mproc_boot(int argc, char **argv);

/* ------------------------------------------------------------------------ */
/* 4. Processes                                                             */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup process 4. Processes
 *
 * CPython: multiprocessing.Process (start(), join(), exitcode, is_alive(),
 * terminate(), kill(), pid, sentinel, close(), name, daemon),
 * set_start_method(), get_start_method(), set_executable(),
 * current_process(), parent_process(), active_children(), cpu_count().
 */

/** How a child is started (CPython's start methods "fork", "spawn" and
 * "forkserver"). */
typedef enum mproc_start_method {
  MPROC_START_DEFAULT = 0, /**< the process-wide default */
  MPROC_START_FORK = 1,    /**< POSIX only: the child is a copy (fork) */
  MPROC_START_SPAWN = 2,   /**< the program is started again (exec or
                                CreateProcess) */
  /** POSIX only (CPython's "forkserver"): on first use this process spawns
   * a server (a fresh exec, one thread, see mproc_set_forkserver_preload());
   * each child is then a fork of that server, sent its start record and
   * the descriptors of its arguments over a private socket. A threaded
   * parent never forks, yet a start costs a fork of a small process, not an
   * exec. Arguments cross as under spawn; the child's pid is its own, and
   * join, exit code, sentinel, terminate, kill and daemon behave as under
   * the other methods. On Linux with glibc the server makes the child this
   * process's own (clone with CLONE_PARENT), as a fork child is; elsewhere
   * it is the server's. The server ends with this process, however it
   * ends; a fork child of this process starts a server of its own. Needs
   * mproc_boot(), as spawn does. */
  MPROC_START_FORKSERVER = 3
} mproc_start_method_t;

/**
 * Whether @p method is available on this platform (1) or not (0).
 * @param method A start method.
 * @return 1 or 0.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_start_method_available(mproc_start_method_t method);

/**
 * Sets the process-wide default start method (initially fork on POSIX,
 * spawn on Windows). MPROC_E_NOTSUP for a method this platform lacks.
 * Children inherit the default in force when they are started, whatever
 * method starts them (a spawned child's own children start as its parent's
 * would, as CPython's context travels with a spawned child).
 * @param method MPROC_START_FORK, MPROC_START_SPAWN, MPROC_START_FORKSERVER,
 *   or MPROC_START_DEFAULT for the platform's.
 * @return 0, MPROC_E_NOTSUP, MPROC_E_INVAL for an unknown method.
 * @par Blocking and threads
 *   Does not wait. A process-wide setting: make it before other threads start
 *   processes.
 */
MPROC_API int mproc_set_start_method(mproc_start_method_t method);

/**
 * The process-wide default start method.
 * @return MPROC_START_FORK, MPROC_START_SPAWN or MPROC_START_FORKSERVER.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API mproc_start_method_t mproc_get_start_method(void);

/**
 * Names registered process functions (mproc_register()) that the fork
 * server runs once, in order, before it forks any child (CPython's
 * set_forkserver_preload(), which imports modules there): whatever they set
 * up (tables, caches, loaded libraries) every forkserver child finds ready.
 * Each is called with no arguments and must return 0; if one fails (an
 * unregistered name, a nonzero return), the server does not start and
 * mproc_process_start() with MPROC_START_FORKSERVER fails with
 * MPROC_E_SPAWN naming it. Takes effect when the next server starts: call
 * it before the first forkserver child (a running server keeps its own).
 *
 * On Linux with glibc the children are made with clone(), not fork()
 * (MPROC_START_FORKSERVER): pthread_atfork() handlers that these functions
 * (or libraries initialised before mproc_boot()) register do not run in
 * them, where a fork's would.
 * @param names The function names, copied; NULL (with @p n 0) for none.
 * @param n How many.
 * @return 0, MPROC_E_INVAL for a NULL or empty name (nothing changes then),
 *   MPROC_E_NOMEM, MPROC_E_NOTSUP where there is no forkserver (Windows).
 * @par Blocking and threads
 *   Does not wait. A process-wide setting: make it before other threads
 *   start processes.
 */
MPROC_API int mproc_set_forkserver_preload(const char *const *names, size_t n);

/** What this process's fork servers did (mproc_forkserver_stats()). */
typedef struct mproc_forkserver_stats {
  /** Servers this process started, the running one included: the first
   * forkserver start starts one, and a start after a server died (killed,
   * or ended by a request it refused) starts the next. */
  uint64_t servers;
  /**
   * Requests the servers refused, over all of them: an answer to the
   * server's auth key challenge that is wrong, or bytes on its channel that
   * are no request of this process (a malformed header, descriptors
   * missing). The channel has no address, so only a process that was
   * handed its descriptor can write there; a server logs a refusal to
   * nothing but this count, and then ends (a stream out of step cannot be
   * trusted again): the next start starts another.
   */
  uint64_t refused;
} mproc_forkserver_stats_t;

/**
 * What this process's fork servers did so far (see
 * mproc_forkserver_stats_t). A fork child starts from zero, with servers of
 * its own. A server that ended after a refusal is reaped here, so that the
 * refusal counts at once.
 * @param out Receives the counts (zeros where no server ever started).
 * @return 0, MPROC_E_INVAL for a NULL @p out, MPROC_E_NOTSUP where there is
 *   no forkserver (Windows).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_forkserver_stats(mproc_forkserver_stats_t *out);

/**
 * Sets the program that spawn children run (CPython's set_executable()).
 * NULL restores the default, which is this program itself; the program must
 * call mproc_boot() and register the same functions. The string is copied.
 * @param path The program's path, copied; NULL for this program.
 * @return 0, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. A process-wide setting: make it before other threads start
 *   processes.
 */
MPROC_API int mproc_set_executable(const char *path);

/** A waitable OS handle: a file descriptor on POSIX, a HANDLE on Windows. */
typedef intptr_t mproc_os_handle_t;

/** A process handle: a child, or this process or its parent (CPython's
 * Process object). */
typedef struct mproc_process mproc_process_t;

/** How mproc_process_start() starts a child; zero-initialised (or NULL)
 * is CPython's Process() default. */
typedef struct mproc_process_options {
  mproc_start_method_t start_method; /**< 0: the process-wide default */
  /**
   * A daemon child dies with its parent: PR_SET_PDEATHSIG on Linux (note
   * that Linux delivers it when the *thread* that started the child exits),
   * a job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE on Windows.
   */
  bool daemon;
  /**
   * The child's name (mproc_process_name()), copied; NULL for CPython's
   * default, "Process-N", N counting the processes this process has
   * started, from 1; in a child, its children are "Process-N:M" (CPython's
   * _identity). The library's own children count too and are named as
   * CPython's: "ForkPoolWorker-N" (or Spawn...), "SyncManager-N"; a start
   * that fails after its arguments were checked uses up its number, as a
   * CPython Process object takes one when it is made. At most
   * MPROC_PROCESS_NAME_MAX bytes.
   */
  const char *name;
} mproc_process_options_t;

/** The longest process name, in bytes. */
#define MPROC_PROCESS_NAME_MAX 4096

/** Exit codes reported for children ended by mproc_process_terminate() and
 * mproc_process_kill() are -MPROC_SIGTERM and -MPROC_SIGKILL on every
 * platform, as CPython reports them. */
#define MPROC_SIGKILL 9
/** See MPROC_SIGKILL. */
#define MPROC_SIGTERM 15

/**
 * Starts @p fn (which must be registered) in a new process with @p nargs
 * arguments. Objects among the arguments are inherited by the child; that is
 * the one way they may cross (see the sharing rule). With the spawn method
 * the call returns once the child has received its arguments and found its
 * function, so an exec failure or a child that dies while booting is
 * reported here (MPROC_E_SPAWN), never as a mysterious exit code.
 *
 * @p opts may be NULL for the defaults.
 * @param out Receives the new process handle, owned by the caller: release it
 *   with mproc_process_destroy().
 * @param fn The registered function the child runs.
 * @param args The child's arguments (borrowed for the call; objects among them
 *   are inherited).
 * @param nargs Their number.
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_NOTFOUND for an unregistered function, MPROC_E_STATE for
 *   spawn without mproc_boot(), MPROC_E_NOTSUP for a method this platform
 *   lacks, MPROC_E_SPAWN when the child could not be started, MPROC_E_TYPE for
 *   a bad argument, MPROC_E_LIMIT, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Until the child is started; with spawn, until it has received its
 *   arguments and found its function. Safe from several threads at once.
 */
MPROC_API int mproc_process_start(mproc_process_t **out, mproc_fn fn,
                                  const mproc_value_t *args, size_t nargs,
                                  const mproc_process_options_t *opts);

/**
 * Waits for the child to exit. 0 once it has exited, MPROC_E_TIMEOUT if it
 * is still running when @p timeout expires.
 * @param p The process handle.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0 once exited, MPROC_E_TIMEOUT, MPROC_E_STATE for
 *   mproc_current_process()'s handle, MPROC_E_INVAL for a NULL handle or a bad
 *   timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_process_join(mproc_process_t *p, double timeout);

/**
 * The child's exit code once it has exited: >= 0 for a normal exit, -N when
 * it was ended by signal N (POSIX) or by mproc_process_terminate() (-15) /
 * mproc_process_kill() (-9) on either platform; a Windows child that crashed
 * reports its exception as the nearest signal (an access violation as -11).
 * MPROC_E_BUSY while it is still running.
 * @param p The process handle.
 * @param code Receives the exit code.
 * @return 0, MPROC_E_BUSY while running, MPROC_E_STATE for a parent's handle
 *   once it has ended.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_exitcode(mproc_process_t *p, int *code);

/**
 * 1 if the child is still running, 0 if it has exited, or an error.
 * @param p The process handle.
 * @return 1, 0, or MPROC_E_INVAL for a bad handle.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_is_alive(mproc_process_t *p);

/**
 * Asks the child to end (SIGTERM; TerminateProcess on Windows).
 * @param p The process handle.
 * @return 0, MPROC_E_STATE for the current or parent process's handle.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_terminate(mproc_process_t *p);

/**
 * Ends the child at once (SIGKILL; TerminateProcess on Windows).
 * @param p The process handle.
 * @return 0, MPROC_E_STATE for the current or parent process's handle.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_kill(mproc_process_t *p);

/**
 * The child's process id.
 * @param p The process handle.
 * @return The pid, or 0 for a bad handle (with a detail in
 *   mproc_last_error()).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int64_t mproc_process_pid(const mproc_process_t *p);

/**
 * A handle that becomes ready (readable for poll(), signalled for
 * WaitForMultipleObjects()) when the child exits. Owned by @p p. On POSIX
 * systems without pidfd this is MPROC_E_NOTSUP.
 * @param p The process handle.
 * @param out Receives the handle, owned by @p p: do not close it.
 * @return 0, MPROC_E_NOTSUP without pidfd, MPROC_E_STATE for
 *   mproc_current_process().
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_sentinel(mproc_process_t *p,
                                     mproc_os_handle_t *out);

/**
 * Releases the process handle. A child that is still running is not
 * touched and the call fails with MPROC_E_BUSY (as CPython's close()):
 * join, terminate or kill it first. NULL is allowed.
 * @param p The process handle, or NULL.
 * @return 0, or MPROC_E_BUSY while the child runs (the handle is kept).
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API int mproc_process_destroy(mproc_process_t *p);

/**
 * Releases the process handle without waiting for a child that is still
 * running, which then runs on unobserved: the end of this process (below)
 * neither joins nor terminates it. CPython has no equivalent: a Process
 * whose last reference is dropped stays among its parent's children and is
 * still joined at exit. On POSIX the child, once it exits, stays a zombie
 * until this process exits or reaps it; prefer join. A daemon child still
 * dies with this process (see mproc_process_options_t). NULL is allowed.
 * @param p The process handle, or NULL.
 * @return 0.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API int mproc_process_detach(mproc_process_t *p);

/**
 * The end of a process, as in CPython (util._exit_function): when a child's
 * function returns, and when any process calls exit() (or returns from
 * main()) after it started a child, mproc terminates its daemon children
 * and then joins all of its children, daemons included, before the process
 * ends. So a child that started a non-daemon child and returned ends only
 * once that child has ended, and a daemon child does not outlive the
 * function of its parent. Pools and managers this process created and has
 * not destroyed are shut down first, by their own shutdown; their workers
 * and servers are never signalled by this rule.
 *
 * Which children: only those started with mproc_process_start() by this
 * very process, and neither destroyed nor detached. A fork child, of mproc
 * or of the program's own fork(), never waits on or signals its parent's
 * children, whatever it calls. The atexit handler is installed by the first
 * mproc_process_start() of a process, so a process that leaves by _exit()
 * (or _Exit(), or a signal) joins nothing; a child's function that returns
 * is always followed by the joins, whatever the start method. While they
 * run, other threads that start, destroy or detach processes wait, and no
 * other thread may destroy a handle meanwhile. A child that never ends
 * keeps its parent from ending, as in CPython: terminate it, detach it, or
 * make it a daemon.
 *
 * mproc_set_exit_join(false) turns the joins and terminations off, for
 * programs that manage their children themselves: every child left running
 * at the end is left running, as a detached one. Process-wide, initially
 * true; children inherit the setting in force when they start (fork and
 * spawn alike). Pools and managers are still shut down.
 * @param join true (the default) to join at exit, false not to.
 * @par Blocking and threads
 *   Does not wait. A process-wide setting: make it before other threads start
 *   processes.
 */
MPROC_API void mproc_set_exit_join(bool join);

/**
 * The current process id.
 * @return The pid.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int64_t mproc_getpid(void);

/* Who a process is: CPython's current_process(), parent_process(),
 * active_children(), cpu_count(), Process.name and Process.daemon. */

/**
 * The child's name (see mproc_process_options_t.name), owned by the handle;
 * NULL for a bad handle. "MainProcess" for mproc_current_process() in a
 * process that mproc did not start.
 * @param p The process handle.
 * @return A string owned by @p p, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API const char *mproc_process_name(const mproc_process_t *p);

/**
 * 1 if the process is a daemon, 0 if not, or an error.
 * @param p The process handle.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_daemon(const mproc_process_t *p);

/**
 * This process, as CPython's current_process(): its name, its pid and its
 * daemon flag, as its parent started it (whatever the start method). The
 * handle belongs to the library and lives as long as the process: with it,
 * mproc_process_is_alive() is 1; join, terminate, kill and the sentinel are
 * MPROC_E_STATE ("can only join a child process"); exitcode is
 * MPROC_E_BUSY; mproc_process_destroy() and mproc_process_detach() do
 * nothing and return 0.
 * @return A handle owned by the library, never NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API mproc_process_t *mproc_current_process(void);

/**
 * The process that started this one, as CPython's parent_process(), or
 * NULL in a process that mproc did not start. Its name, its pid and its
 * daemon flag are those it had when it started this one. mproc_process_join()
 * waits until the parent has ended (0, or MPROC_E_TIMEOUT),
 * mproc_process_is_alive() tells whether it still runs, and the sentinel
 * (POSIX: with pidfd) becomes ready when it ends. Its exit code is not
 * known to a child: mproc_process_exitcode() is MPROC_E_BUSY while it runs,
 * then MPROC_E_STATE. Terminate and kill are MPROC_E_STATE. The handle
 * belongs to the library, as mproc_current_process()'s.
 * @return A handle owned by the library, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API mproc_process_t *mproc_parent_process(void);

/**
 * The children of this process that are still running, as CPython's
 * active_children(): those it started with mproc_process_start() and has
 * neither destroyed nor detached. Like CPython's, it reaps the children
 * that have exited (their exit codes are then known without a join) and
 * drops them from the list, so the end of the process no longer joins them.
 * Unlike CPython's, the workers of pools and the servers of managers are
 * not listed: they belong to their objects. *out is a malloc'ed array of *n
 * handles, oldest first, NULL when *n is 0, freed with mproc_free(); the
 * handles themselves stay owned by whoever started them.
 * @param out Receives an array owned by the caller (mproc_free()); the handles
 *   in it are not.
 * @param n Receives the number of handles.
 * @return 0, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_active_children(mproc_process_t ***out, size_t *n);

/**
 * The number of CPUs this process may use (on Linux its CPU affinity, as
 * CPython 3.13's os.process_cpu_count(); CPython's cpu_count() counts the
 * machine's), at least 1. A pool of 0 workers starts this many.
 * @return The number of CPUs, at least 1.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_cpu_count(void);

/**
 * In a child: records @p message for its parent, which reads it with
 * mproc_process_error() once the child has exited, and returns
 * @p exit_code, so that a child function can say why it failed:
 *
 *     if (mproc_args_parse(args, nargs, "is:worker", &n, &word) != 0)
 *       return mproc_process_fail(2, mproc_last_error());
 *
 * The message is copied into memory shared with the parent at once: the
 * call never blocks, whether the parent reads it, is busy or has died. It
 * is cut at MPROC_PROCESS_ERROR_MAX bytes (at a UTF-8 character boundary).
 * A later call replaces the message; @p message NULL removes it. In a
 * process that mproc did not start (and in pool workers, whose tasks report
 * with mproc_task_set_error()) it only returns @p exit_code.
 * @param exit_code The child's exit code, returned.
 * @param message The message, copied; NULL removes it.
 * @return @p exit_code.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_process_fail(int exit_code, const char *message);
/** The longest message mproc_process_fail() keeps, in bytes. */
#define MPROC_PROCESS_ERROR_MAX 65535

/**
 * The message the child recorded with mproc_process_fail(), once it has
 * exited (after mproc_process_join(), or an exit code or is_alive that saw
 * it exit; the call itself checks, without waiting). NULL while the child
 * runs, when it recorded none (whatever its exit code), and for the
 * handles of mproc_current_process() and mproc_parent_process(). Owned by
 * @p p: valid until the handle is destroyed.
 * @param p The process handle.
 * @return A string owned by @p p, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API const char *mproc_process_error(mproc_process_t *p);

/* ------------------------------------------------------------------------ */
/* 5. The Lock family                                                       */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup locks 5. The Lock family
 *
 * CPython: multiprocessing.Lock, RLock, Semaphore, BoundedSemaphore
 * (multiprocessing.synchronize).
 *
 * All four live in shared memory; an uncontended acquire or release is a few
 * atomic operations and never enters the kernel (the kernel is used only to
 * sleep and wake: futex on Linux, a semaphore handle on Windows). The same
 * object serves fork and spawn children. Destroy an object after every
 * process that uses it is done with it; a child's copies are released when
 * the child exits.
 *
 * acquire(timeout): 0 when acquired, MPROC_E_TIMEOUT when the timeout
 * expired (with timeout 0, when it was not free), MPROC_E_INVAL for a bad
 * timeout.
 */

/** Lock: a binary semaphore. Any process may release it, as in CPython. */
typedef struct mproc_lock mproc_lock_t;
/**
 * Creates a Lock (CPython's multiprocessing.Lock()).
 * @param out Receives the new Lock, owned by the caller: release it with
 *   mproc_lock_destroy().
 * @return 0, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_lock_create(mproc_lock_t **out);
/**
 * Acquires the Lock (CPython's acquire(timeout=...)).
 * @param l The Lock.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0 when acquired, MPROC_E_TIMEOUT, MPROC_E_INVAL for a NULL handle or
 *   a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_lock_acquire(mproc_lock_t *l, double timeout);
/**
 * Same as mproc_lock_acquire(l, 0): MPROC_E_BUSY if held.
 * @param l The Lock.
 * @return 0 when acquired, MPROC_E_BUSY when it was not free.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_lock_try_acquire(mproc_lock_t *l);
/**
 * MPROC_E_VALUE if the lock is not held.
 * @param l The Lock.
 * @return 0, MPROC_E_VALUE if not held.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_lock_release(mproc_lock_t *l);
/**
 * 1 if held by anyone, 0 if free.
 * @param l The Lock.
 * @return 1 if held, 0 if free, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_lock_locked(mproc_lock_t *l);
/**
 * Releases this process's handle on the Lock.
 * @param l The Lock, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_lock_destroy(mproc_lock_t *l);

/**
 * RLock: recursive; owned by one thread of one process, which must release
 * it as many times as it acquired it. Releasing an RLock the caller does not
 * own is MPROC_E_PERM.
 */
typedef struct mproc_rlock mproc_rlock_t;
/**
 * Creates a RLock (CPython's multiprocessing.RLock()).
 * @param out Receives the new RLock, owned by the caller: release it with
 *   mproc_rlock_destroy().
 * @return 0, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_rlock_create(mproc_rlock_t **out);
/**
 * Acquires the RLock (CPython's acquire(timeout=...)).
 * @param l The RLock.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0 when acquired, MPROC_E_TIMEOUT, MPROC_E_OWNER_DEAD (acquired; the
 *   owner died holding it), MPROC_E_INVAL for a NULL handle or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_rlock_acquire(mproc_rlock_t *l, double timeout);
/**
 * Acquires the RLock if it is free (acquire(block=False)).
 * @param l The RLock.
 * @return 0 when acquired, MPROC_E_BUSY when it was not free,
 *   MPROC_E_OWNER_DEAD.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_rlock_try_acquire(mproc_rlock_t *l);
/**
 * Releases one level of the RLock.
 * @param l The RLock.
 * @return 0, MPROC_E_PERM if the caller does not own it.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_rlock_release(mproc_rlock_t *l);
/**
 * The calling thread's recursion depth (0 if it does not own it).
 * @param l The RLock.
 * @return The depth, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_rlock_count(mproc_rlock_t *l);
/**
 * Releases this process's handle on the RLock.
 * @param l The RLock, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_rlock_destroy(mproc_rlock_t *l);

/**
 * Semaphore and BoundedSemaphore share one type. A bounded semaphore's
 * release past its initial value is MPROC_E_VALUE; an unbounded one's past
 * MPROC_SEM_VALUE_MAX is MPROC_E_VALUE too.
 */
typedef struct mproc_semaphore mproc_semaphore_t;
/** The largest value of a Semaphore. */
#define MPROC_SEM_VALUE_MAX 0x7fffffff
/**
 * Creates a Semaphore (CPython's Semaphore(value)).
 * @param out Receives the new Semaphore, owned by the caller: release it with
 *   mproc_semaphore_destroy().
 * @param value The initial value, at most MPROC_SEM_VALUE_MAX.
 * @return 0, MPROC_E_VALUE above MPROC_SEM_VALUE_MAX, MPROC_E_LIMIT or
 *   MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_semaphore_create(mproc_semaphore_t **out,
                                     unsigned int value);
/**
 * Creates a BoundedSemaphore (CPython's BoundedSemaphore(value)).
 * @param out Receives the new BoundedSemaphore, owned by the caller: release
 *   it with mproc_semaphore_destroy().
 * @param value The initial value, also the bound.
 * @return As mproc_semaphore_create().
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_bounded_semaphore_create(mproc_semaphore_t **out,
                                             unsigned int value);
/**
 * Takes one unit (CPython's acquire(timeout=...)).
 * @param s The semaphore.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0 when a unit was taken, MPROC_E_TIMEOUT, MPROC_E_INVAL for a NULL
 *   handle or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_semaphore_acquire(mproc_semaphore_t *s, double timeout);
/**
 * Takes one unit if there is one (acquire(block=False)).
 * @param s The semaphore.
 * @return 0, or MPROC_E_BUSY when its value is 0.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_semaphore_try_acquire(mproc_semaphore_t *s);
/**
 * Gives one unit back and wakes a waiter.
 * @param s The semaphore.
 * @return 0, MPROC_E_VALUE past the bound (or MPROC_SEM_VALUE_MAX).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_semaphore_release(mproc_semaphore_t *s);
/**
 * The current value (a snapshot).
 * @param s The semaphore.
 * @param out Receives the value.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_semaphore_value(mproc_semaphore_t *s, unsigned int *out);
/**
 * Releases this process's handle on the semaphore.
 * @param s The semaphore, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_semaphore_destroy(mproc_semaphore_t *s);

/*
 * Getters for objects received as arguments: MPROC_E_TYPE unless @p v holds
 * an object of that type (a semaphore getter accepts both kinds).
 */
/**
 * The Lock a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Lock, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Lock, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_lock(const mproc_value_t *v, mproc_lock_t **out);
/**
 * The RLock a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the RLock, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a RLock, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_rlock(const mproc_value_t *v, mproc_rlock_t **out);
/**
 * The Semaphore or BoundedSemaphore a value holds (a process argument,
 *   typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Semaphore or BoundedSemaphore, borrowed from @p v:
 *   valid while the value is (a child's arguments: for the whole child); do
 *   not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Semaphore or BoundedSemaphore,
 *   MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_semaphore(const mproc_value_t *v,
                                       mproc_semaphore_t **out);

/*
 * Owner death and the Lock family. An RLock records its owner (thread and
 * process). If the owner's process dies while holding it (killed, crashed,
 * exited without releasing), the next acquirer receives MPROC_E_OWNER_DEAD
 * instead of waiting forever (CPython hangs: gh-88304): that caller now
 * owns the RLock at depth 1, exactly as after a successful acquire, and is
 * expected to make the protected state consistent before releasing it (the
 * POSIX robust-mutex contract). A waiter notices the death within about
 * 0.1 s. The same holds for the RLock inside a Condition.
 *
 * Lock, Semaphore and BoundedSemaphore have no owner (any process may
 * release them, as in CPython), so mproc cannot know that a count taken by
 * a dead process will never be given back: a Lock held by a process that
 * died stays held, exactly as in CPython. Acquire it with a timeout where a
 * peer may die; the timeout is honoured (MPROC_E_TIMEOUT), nothing hangs.
 */

/* ------------------------------------------------------------------------ */
/* 6. Event, Condition, Barrier                                             */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup sync 6. Event, Condition, Barrier
 *
 * CPython: multiprocessing.Event, Condition, Barrier.
 *
 * Like the Lock family these live in shared memory, follow the sharing rule
 * (inheritance only), serve fork and spawn children alike, and sleep in the
 * kernel while they wait.
 */

/** Event: a flag that processes wait for. */
typedef struct mproc_event mproc_event_t;
/**
 * Creates an Event, initially clear (CPython's multiprocessing.Event()).
 * @param out Receives the new Event, owned by the caller: release it with
 *   mproc_event_destroy().
 * @return 0, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_event_create(mproc_event_t **out);
/**
 * Sets the flag and wakes every waiter.
 * @param e The Event.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_event_set(mproc_event_t *e);
/**
 * Clears the flag.
 * @param e The Event.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_event_clear(mproc_event_t *e);
/**
 * 1 if set, 0 if not.
 * @param e The Event.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_event_is_set(mproc_event_t *e);
/**
 * Waits until the flag is set: 0 once it is (or was set at some moment
 * during the wait, even if cleared again since), MPROC_E_TIMEOUT if not.
 * @param e The Event.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_INVAL for a NULL handle or a bad
 *   timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_event_wait(mproc_event_t *e, double timeout);
/**
 * Releases this process's handle on the Event.
 * @param e The Event, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_event_destroy(mproc_event_t *e);

/**
 * Condition: a condition variable over a Lock or an RLock.
 *
 * mproc_condition_create(&c, lock): @p lock is an mproc_lock_t * or an
 * mproc_rlock_t * that the caller keeps alive longer than the Condition, or
 * NULL for a Condition with its own new RLock (as CPython's Condition()).
 * A spawned child that receives the Condition gets its lock with it.
 *
 * wait and notify require the caller to hold the lock (for an RLock: to own
 * it; for a Lock, which has no owner, only that it is held): otherwise
 * MPROC_E_PERM.
 *
 * A notify wakes only waiters that were waiting when it was called, as in
 * CPython: a process (or thread) that begins to wait afterwards, the
 * notifier itself included, cannot take the wake-up, so a notifier that
 * then waits never leaves the waiter it notified asleep. Unlike CPython's,
 * the notify does not wait for its waiters to wake: it never blocks. Its
 * waiters are chosen in the order they began to wait. A waiter whose
 * process dies while waiting never costs a live waiter its wake-up: one
 * chosen by a notify passes it on, within about 0.2 s, to the earliest
 * live waiter that was present at that notify. Waiters still have to
 * re-check what they wait for (another thread may have changed it before
 * they got the lock back): mproc_condition_wait_for() loops for you. At
 * most 1024 waiters wait on one Condition at a time (MPROC_E_LIMIT).
 */
typedef struct mproc_condition mproc_condition_t;
/**
 * Creates a Condition (CPython's Condition(lock=None)).
 * @param out Receives the new Condition, owned by the caller: release it with
 *   mproc_condition_destroy().
 * @param lock An mproc_lock_t * or mproc_rlock_t *, borrowed (it must outlive
 *   the Condition), or NULL for a new RLock.
 * @return 0, MPROC_E_TYPE for another kind of lock, MPROC_E_LIMIT or
 *   MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_condition_create(mproc_condition_t **out, void *lock);
/**
 * Acquires / releases the underlying lock (see its own functions).
 * @param c The Condition.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return As the lock's acquire.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_condition_acquire(mproc_condition_t *c, double timeout);
/**
 * Releases the underlying lock.
 * @param c The Condition.
 * @return As the lock's release.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_condition_release(mproc_condition_t *c);
/**
 * Releases the lock, waits for a notify or the timeout, and takes the lock
 * back (always, even on a timeout; an RLock at its former depth). 0 when
 * notified, MPROC_E_TIMEOUT, or MPROC_E_OWNER_DEAD when the RLock's owner
 * died meanwhile (the lock is held all the same). A waiter whose timeout
 * expires as a notify chooses it returns 0: that notify's wake-up is its
 * own and goes to no other waiter (CPython counts it as woken too).
 * @param c The Condition, its lock held by the caller.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_OWNER_DEAD, MPROC_E_PERM when the lock
 *   is not held, MPROC_E_LIMIT beyond 1024 waiters.
 * @par Blocking and threads
 *   Up to @p timeout, then until the lock is taken back. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_condition_wait(mproc_condition_t *c, double timeout);
/** A predicate for mproc_condition_wait_for(), called with the lock held. */
typedef bool (*mproc_predicate_fn)(void *arg);
/**
 * Waits until @p pred(@p arg) is true: 0 when it is, MPROC_E_TIMEOUT when
 * it is still false at the end of @p timeout (for the whole call).
 * @param c The Condition, its lock held by the caller.
 * @param pred The predicate.
 * @param arg Passed to @p pred.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll. For
 *   the whole call.
 * @return 0, MPROC_E_TIMEOUT, or mproc_condition_wait()'s errors.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_condition_wait_for(mproc_condition_t *c,
                                       mproc_predicate_fn pred, void *arg,
                                       double timeout);
/** Wakes up to @p n of the waiters present (n >= 0), those that have
 * waited longest; notify_all wakes every waiter present.
 * @param c The Condition, its lock held by the caller.
 * @param n How many waiters to wake, >= 0.
 * @return 0, MPROC_E_PERM when the lock is not held, MPROC_E_VALUE for n < 0.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_condition_notify(mproc_condition_t *c, int n);
/**
 * Wakes every waiter present.
 * @param c The Condition, its lock held by the caller.
 * @return 0, MPROC_E_PERM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_condition_notify_all(mproc_condition_t *c);
/**
 * Releases this process's handle on the Condition.
 * @param c The Condition, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_condition_destroy(mproc_condition_t *c);

/**
 * Barrier: @p parties processes (or threads) wait until all have arrived.
 *
 * @p action, if not NULL, must be registered (mproc_register()); the last
 * party to arrive runs it (with no arguments, or those given to
 * mproc_barrier_create_ex()) before anyone is released. The Barrier stores
 * the action's registered name, so a spawned child runs its own copy of
 * the function. An action that returns nonzero breaks the barrier, and
 * its caller's wait returns MPROC_E_BROKEN ("the Barrier action failed
 * (<its return value>)").
 *
 * mproc_barrier_wait(): 0 and the arrival index (0 .. parties-1) in
 * *@p index (may be NULL); MPROC_E_BROKEN if the barrier is or becomes
 * broken (abort, reset while waiting, a failed action, another party's
 * timeout); MPROC_E_TIMEOUT for the party whose timeout expired, which also
 * breaks the barrier for the others, as in CPython. A broken barrier stays
 * broken until mproc_barrier_reset(). A party that dies while waiting
 * leaves the others waiting for it: use timeouts where that can happen.
 */
typedef struct mproc_barrier mproc_barrier_t;
/**
 * Creates a Barrier (CPython's Barrier(parties, action)); see mproc_barrier_t.
 * @param out Receives the new Barrier, owned by the caller: release it with
 *   mproc_barrier_destroy().
 * @param parties The number of parties, 1 to 65535.
 * @param action A registered function, or NULL.
 * @return 0, MPROC_E_VALUE for 0 or more than 65535 parties, MPROC_E_NOTFOUND
 *   for an unregistered action, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_create(mproc_barrier_t **out, unsigned int parties,
                                   mproc_fn action);

/** The most bytes a Barrier action's arguments take encoded. */
#define MPROC_BARRIER_ARGS_MAX 65536

/**
 * CPython's Barrier(parties, action, timeout), with arguments for the
 * action. A zero-initialised struct is mproc_barrier_create(.., NULL).
 */
typedef struct mproc_barrier_options {
  /** Registered (mproc_register()), or NULL: as mproc_barrier_create(). */
  mproc_fn action;
  /**
   * The action's arguments (it is called as action(action_args,
   * action_nargs) in whichever process arrives last, a spawned child
   * included). They are copied at creation, encoded (at most
   * MPROC_BARRIER_ARGS_MAX bytes, else MPROC_E_TOOBIG), and each run
   * receives a fresh decoded copy that it must not keep. Plain values only
   * (None, bool, int, float, str, bytes, and containers of them): an
   * object anywhere inside is MPROC_E_TYPE, since each run decodes them
   * anew and an object cannot be (a Lock crosses only at a process's
   * start; a proxy's or a connection's reduction is redeemed once). Give
   * objects to the processes as their arguments instead, where the action
   * can reach them. NULL and 0: the action gets (NULL, 0).
   */
  const mproc_value_t *action_args;
  size_t action_nargs; /**< the number of action_args */
  /**
   * The default timeout, in seconds, of a wait given MPROC_DEFAULT_TIMEOUT
   * (CPython's Barrier(timeout=) for wait(None)). 0: none, such a wait
   * waits without limit (CPython's timeout=None); a default of "poll" is
   * not expressible (pass 0 to the wait itself). Negative or NaN:
   * MPROC_E_INVAL.
   */
  double timeout;
} mproc_barrier_options_t;

/**
 * As mproc_barrier_create(), with @p opts (NULL: all defaults).
 * @param out Receives the new Barrier, owned by the caller: release it with
 *   mproc_barrier_destroy().
 * @param parties The number of parties, at least 1.
 * @param opts Options, or NULL; copied.
 * @return As mproc_barrier_create(), and MPROC_E_TOOBIG or MPROC_E_TYPE for
 *   the action's arguments, MPROC_E_INVAL for a bad default timeout.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_create_ex(mproc_barrier_t **out,
                                      unsigned int parties,
                                      const mproc_barrier_options_t *opts);

/**
 * @p timeout: seconds, MPROC_FOREVER (no limit, whatever the Barrier's
 * default), or MPROC_DEFAULT_TIMEOUT for the default given at creation
 * (without limit if none was).
 * @param b The Barrier.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll,
 *   MPROC_DEFAULT_TIMEOUT for the Barrier's default.
 * @param index Receives the arrival index, or NULL.
 * @return 0, MPROC_E_BROKEN, MPROC_E_TIMEOUT, MPROC_E_INVAL for a NULL handle
 *   or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_wait(mproc_barrier_t *b, double timeout,
                                 unsigned int *index);
/**
 * Breaks the barrier: current and future waiters get MPROC_E_BROKEN.
 * @param b The Barrier.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_abort(mproc_barrier_t *b);
/**
 * Back to empty and not broken; current waiters get MPROC_E_BROKEN.
 * @param b The Barrier.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_reset(mproc_barrier_t *b);
/**
 * The number of parties the Barrier was made for.
 * @param b The Barrier.
 * @return The number of parties, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_parties(mproc_barrier_t *b);
/**
 * The number of parties waiting now.
 * @param b The Barrier.
 * @return The count, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_n_waiting(mproc_barrier_t *b);
/**
 * 1 if broken, 0 if not.
 * @param b The Barrier.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_barrier_broken(mproc_barrier_t *b);
/**
 * Releases this process's handle on the Barrier.
 * @param b The Barrier, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_barrier_destroy(mproc_barrier_t *b);

/**
 * The Event a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Event, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Event, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_event(const mproc_value_t *v, mproc_event_t **out);
/**
 * The Condition a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Condition, borrowed from @p v: valid while the value
 *   is (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Condition, MPROC_E_INVAL for
 *   NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_condition(const mproc_value_t *v,
                                       mproc_condition_t **out);
/**
 * The Barrier a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Barrier, borrowed from @p v: valid while the value
 *   is (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Barrier, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_barrier(const mproc_value_t *v,
                                     mproc_barrier_t **out);

/**
 * Pass to mproc_barrier_wait() to use the Barrier's default timeout (see
 * mproc_barrier_options_t). Only a Barrier has a default: any other call
 * given it fails with MPROC_E_INVAL, as for any other negative timeout.
 */
#define MPROC_DEFAULT_TIMEOUT (-2.0)

/**
 * One acquire and one release for every lock (CPython code calls
 * acquire() on whatever it was given). @p obj is an mproc_lock_t *,
 * mproc_rlock_t *, mproc_semaphore_t * (bounded or not), an
 * mproc_condition_t * (its lock is taken, as CPython's
 * Condition.acquire()), or an mproc_proxy_t * of a manager Lock, RLock,
 * Semaphore, BoundedSemaphore or Condition; what an mproc_value_t holds
 * (v.u.obj) may be passed as it is. Each call does what the type's own
 * call does and returns the same codes (acquire: 0, MPROC_E_TIMEOUT,
 * MPROC_E_OWNER_DEAD for an RLock whose owner died; release: MPROC_E_VALUE
 * for a Lock not held, MPROC_E_PERM for an RLock not owned, ...).
 *
 * Any other mproc object (an Event, a Queue, a Barrier, a proxy of a dict)
 * is MPROC_E_TYPE with CPython's AttributeError message naming its type
 * ("'Event' object has no attribute 'acquire'"); NULL is MPROC_E_INVAL.
 * A pointer to readable memory that is not an mproc object is
 * MPROC_E_TYPE ("not a live mproc object"); the first 8 bytes at @p obj
 * are read to tell.
 * @param obj A lock of any kind, or a proxy of one.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return As the type's own acquire; MPROC_E_TYPE for another object,
 *   MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Up to @p timeout (a proxy: plus a round trip). Safe from several threads
 *   at once.
 */
MPROC_API int mproc_acquire(const void *obj, double timeout);
/**
 * Releases any lock (see mproc_acquire()).
 * @param obj As for mproc_acquire().
 * @return As the type's own release; MPROC_E_TYPE, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_release(const void *obj);

/* ------------------------------------------------------------------------ */
/* 7. Queues                                                                */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup queues 7. Queues
 *
 * CPython: multiprocessing.Queue, SimpleQueue, JoinableQueue (put(), get(),
 * put_nowait()/get_nowait() as timeout 0, qsize(), empty(), full(),
 * close(), task_done(), join()).
 *
 * Queue, SimpleQueue and JoinableQueue live in shared memory: a byte ring
 * with framed messages. mproc_queue_put() has copied the message into the
 * ring when it returns (no feeder thread), so qsize(), empty() and full()
 * are exact, and a parent may join a child that put items nobody took
 * (CPython's gh-73983 deadlock does not exist here). An uncontended put or
 * get makes no system call.
 *
 * Items are values: mproc_queue_put() encodes them with mproc_encode() in
 * the caller, so the sharing rule applies there, synchronously: an item
 * holding a Lock (or a queue, a shared Value, ...) fails with
 * MPROC_E_INHERITANCE and nothing is enqueued.
 *
 * Messages may be larger than the ring, up to MPROC_QUEUE_MSG_MAX bytes
 * (encoded): they stream through the ring while the producer keeps the
 * queue's producer side, so they are never interleaved or truncated. The
 * timeout of such a put or get bounds the wait for the first chunk; once a
 * message is under way it is finished (the peer is alive) or the queue
 * breaks (the peer died).
 *
 * Crashes. A producer or consumer killed between messages, or while
 * copying a message that fits in the ring, leaves the queue usable: the
 * others take its place after at most a fraction of a second. One killed in
 * the middle of a streamed message marks the queue broken: every call then
 * fails with MPROC_E_BROKEN. A half message is never delivered. A frame
 * found corrupt in the ring (another process scribbled on the shared
 * memory) breaks the queue the same way.
 *
 * Timeouts: a get that finds no message in time returns MPROC_E_EMPTY, a
 * put that finds no room in time MPROC_E_FULL (CPython's queue.Empty and
 * queue.Full), timeout 0 included.
 *
 * Without maxsize a put never waits, as in CPython. When the ring is full
 * the message spills into extra shared segments, taken in order after
 * the ring; a put past the queue's spill limit (default 2 GiB), or one
 * that finds no room for a segment (a full /dev/shm), fails with
 * MPROC_E_LIMIT and a message naming the spill limit, never a fault later:
 * each segment's space is reserved when it is made. A message larger
 * than the ring goes to the spill whole, so it too never waits; one that
 * the spill cannot take is MPROC_E_LIMIT (it does not stream through the
 * ring, which would wait for a consumer): keep the spill limit above the
 * largest message. Such a put never returns MPROC_E_FULL; it may wait
 * for another put in progress (a copy), past its timeout if need be, and
 * returns MPROC_E_TIMEOUT only when the process holding the producer side
 * keeps it past the timeout and half a second more (stopped, say).
 * Segments are named: on POSIX "/dev/shm/mpq-<creator pid>-
 * <token>-<id>-<n>", mode 0600; on Windows files of the same names in the
 * temporary directory (a drained one that some process still maps waits
 * there as "mpqd-..." until that process lets go of it: Windows does not
 * delete a mapped file). They are removed as they drain, and the rest when
 * the last live process holding the queue destroys it. If every holder
 * is killed at once they stay behind, until the next queue creation (in
 * any program) removes those whose creating process is dead; a queue
 * whose creator died while other processes still use its spill can lose
 * it that way (MPROC_E_BROKEN).
 *
 *
 * Queues are inherit_only objects: pass them to children as process
 * arguments. Destroy a queue in each process when done with it.
 */

/** The largest message (encoded size) a queue carries: 256 MiB. */
#define MPROC_QUEUE_MSG_MAX ((size_t)1 << 28)

/** A Queue, SimpleQueue or JoinableQueue. */
typedef struct mproc_queue mproc_queue_t;

/** How a queue is made; zero-initialised (or NULL) is the default. */
typedef struct mproc_queue_options {
  /**
   * The most items the queue holds; a put waits for room (0: no maxsize:
   * puts never wait: see mproc_queue_set_spill_limit()).
   */
  size_t maxsize;
  /**
   * The ring's size in bytes, rounded up to a power of two between 4 KiB
   * and 1 GiB (0: 256 KiB). The queue's shared memory is this plus 2048
   * bytes, rounded up to a page. Each message takes 8 bytes more than its
   * encoding. The capacity only sizes the ring, the point past which a
   * queue without maxsize spills; it never bounds the queue.
   */
  size_t capacity;
} mproc_queue_options_t;

/**
 * Creates a Queue. @p opts may be NULL.
 * @param out Receives the new Queue, owned by the caller: release it with
 *   mproc_queue_destroy().
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_VALUE for a bad capacity, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_create(mproc_queue_t **out,
                                 const mproc_queue_options_t *opts);
/**
 * Creates a SimpleQueue (the same operations; CPython's lighter type).
 * @param out Receives the new SimpleQueue, owned by the caller: release it
 *   with mproc_queue_destroy().
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_VALUE for a bad capacity, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_simple_queue_create(mproc_queue_t **out,
                                        const mproc_queue_options_t *opts);
/**
 * Creates a JoinableQueue (adds task_done and join).
 * @param out Receives the new JoinableQueue, owned by the caller: release it
 *   with mproc_queue_destroy().
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_VALUE for a bad capacity, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_joinable_queue_create(mproc_queue_t **out,
                                          const mproc_queue_options_t *opts);

/**
 * Puts one item made of @p n values. MPROC_E_FULL when there was no room
 * before @p timeout (a queue with maxsize), MPROC_E_LIMIT when a queue
 * without maxsize would pass its spill limit or the system has no room
 * for another spill segment, MPROC_E_CLOSED on a closed queue,
 * MPROC_E_TOOBIG above MPROC_QUEUE_MSG_MAX, MPROC_E_INHERITANCE for an
 * inherit-only object. A queue without maxsize never gives MPROC_E_FULL
 * and never waits for a consumer.
 * @param q The queue.
 * @param vals The item's values, encoded (copied) before the call returns.
 * @param n Their number.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_FULL (maxsize only), MPROC_E_LIMIT (no maxsize),
 *   MPROC_E_TIMEOUT when another process held the queue's producer lock
 *   past @p timeout (plus at most half a second), MPROC_E_CLOSED,
 *   MPROC_E_TOOBIG, MPROC_E_INHERITANCE, MPROC_E_BROKEN, MPROC_E_INVAL for
 *   a NULL handle or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout for room (a queue with maxsize); a streamed message
 *   until it is all in. Safe from several threads at once.
 */
MPROC_API int mproc_queue_put(mproc_queue_t *q, const mproc_value_t *vals,
                              size_t n, double timeout);
/**
 * Takes one item. On success *vals holds *n values owned by the caller
 * (release them with mproc_values_free()). An item put with
 * mproc_queue_put_bytes() arrives as one bytes value. MPROC_E_EMPTY when
 * nothing came before @p timeout; MPROC_E_CLOSED when the queue is closed
 * and empty.
 * @param q The queue.
 * @param vals Receives the values, owned by the caller.
 * @param n Receives their number.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_EMPTY, MPROC_E_CLOSED, MPROC_E_BROKEN, MPROC_E_DECODE,
 *   MPROC_E_INVAL for a NULL handle or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout for an item; a streamed message until it is all out. Safe
 *   from several threads at once.
 */
MPROC_API int mproc_queue_get(mproc_queue_t *q, mproc_value_t **vals, size_t *n,
                              double timeout);
/**
 * Puts raw bytes as one message (no encoding).
 * @param q The queue.
 * @param data The bytes, copied.
 * @param len Their number.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return As mproc_queue_put().
 * @par Blocking and threads
 *   As mproc_queue_put(). Safe from several threads at once.
 */
MPROC_API int mproc_queue_put_bytes(mproc_queue_t *q, const void *data,
                                    size_t len, double timeout);
/**
 * Takes one message into @p buf as raw bytes (an item put with
 * mproc_queue_put() arrives as its mproc_encode() buffer). If the message
 * is larger than @p cap it stays in the queue, *len is its size and the
 * call returns MPROC_E_TOOBIG.
 * @param q The queue.
 * @param buf The caller's buffer.
 * @param cap Its size.
 * @param len Receives the message's size.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TOOBIG (the message stays), and mproc_queue_get()'s
 *   errors.
 * @par Blocking and threads
 *   As mproc_queue_get(). Safe from several threads at once.
 */
MPROC_API int mproc_queue_get_bytes(mproc_queue_t *q, void *buf, size_t cap,
                                    size_t *len, double timeout);
/**
 * The exact number of items in the queue.
 * @param q The queue.
 * @param out Receives the count.
 * @return 0, MPROC_E_BROKEN, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_qsize(mproc_queue_t *q, size_t *out);
/**
 * 1 if the queue holds no item, 0 if it holds some, or an error.
 * @param q The queue.
 * @return 1, 0, or a negative status.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_empty(mproc_queue_t *q);
/**
 * 1 if the queue holds maxsize items, else 0, or an error.
 * @param q The queue.
 * @return 1, 0, or a negative status.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_full(mproc_queue_t *q);
/**
 * Sets the most bytes of spill segments @p q may use (rounded down to
 * 64 KiB; 0: the default, 2 GiB), for every process holding it; no
 * CPython counterpart. A setter and not a field of mproc_queue_options_t,
 * so that positional initialisers of that struct keep compiling
 * warning-free. Segments already in use stay; later puts past the
 * limit fail with MPROC_E_LIMIT. Does not block.
 * @param q a queue
 * @param bytes the limit in bytes
 * @return 0, or MPROC_E_VALUE when @p bytes is below 64 KiB but not 0,
 * MPROC_E_TYPE or MPROC_E_INVAL when @p q is not a queue.
 */
MPROC_API int mproc_queue_set_spill_limit(mproc_queue_t *q, size_t bytes);
/**
 * Closes the queue for every process: later puts fail with MPROC_E_CLOSED,
 * gets drain what is left and then return MPROC_E_CLOSED; blocked callers
 * wake up.
 * @param q The queue.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_close(mproc_queue_t *q);
/** JoinableQueue: one item taken has been processed. MPROC_E_VALUE when
 * called more times than items were put.
 * @param q A JoinableQueue.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for another kind of queue.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_queue_task_done(mproc_queue_t *q);
/** JoinableQueue: waits until every item put has been task_done()'d;
 * MPROC_E_TIMEOUT if not before @p timeout.
 * @param q A JoinableQueue.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_TYPE for another kind of queue.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_queue_join(mproc_queue_t *q, double timeout);
/**
 * Releases this process's handle on the queue. NULL is allowed.
 * @param q The queue, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_queue_destroy(mproc_queue_t *q);
/**
 * The queue (of any of the three kinds) a value holds.
 * @param v The value, usually a process argument.
 * @param out Receives the queue, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a queue, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_queue(const mproc_value_t *v, mproc_queue_t **out);

/* ------------------------------------------------------------------------ */
/* 8. Pool                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup pool 8. Pool
 *
 * CPython: multiprocessing.Pool (apply, apply_async, map, map_async, starmap,
 * starmap_async, imap, imap_unordered, close, terminate, join) and
 * AsyncResult (get, wait, ready, successful).
 *
 * A pool of worker processes running registered tasks, as CPython's
 * multiprocessing.Pool.
 *
 * The sharing rule, exactly as in CPython: initializer arguments are process
 * arguments, so locks, queues and other inherited objects may be among them
 * and reach every worker, replacements included. Task arguments are encoded
 * outside process creation, so a Lock among them fails with
 * MPROC_E_INHERITANCE ("Lock objects should only be shared between processes
 * through inheritance"), returned to the caller of map/apply (and given to
 * the error callback). Manager proxies may be task arguments.
 *
 * A task that fails (returns a negative status) fails its call or its chunk;
 * the other tasks keep running and the pool stays usable. A worker that dies
 * while running a chunk (killed, crashed) fails exactly that chunk with
 * MPROC_E_WORKER_DIED within a fraction of a second; chunks it had queued
 * but not started run elsewhere, and a replacement worker (with the
 * initializer) takes its place. Nothing waits forever on a dead worker.
 *
 * Dispatch: each worker has chunks queued ahead of the one it runs, about
 * a millisecond of its measured work (none behind a chunk that takes
 * longer, so that a call's last chunks go to whichever worker is free;
 * 32 KiB of arguments at most, but for one larger chunk given to an idle
 * worker), handed out by the submitting call itself and then by the pool's
 * thread as answers come, so with chunksize 1 a worker does not wait on
 * the parent between tasks while tasks remain.
 *
 * Results: a task's result is any value, a tuple, list or dict included,
 * nested as deep as MPROC_VALUE_MAX_DEPTH; it reaches every call shape
 * whole (apply, map, starmap, map_records, imap, the async calls and their
 * callbacks). Map-like calls give an array of one value per task, in
 * order, owned by the caller (release with mproc_values_free(results, n)).
 * One call's results are one block, so they count together against
 * MPROC_VALUE_MAX_COUNT (every item and key at every depth): a map of 1,000
 * tasks each returning a dict of 500 entries is about the most one call
 * gives back (beyond, the call fails with MPROC_E_TOOBIG); split larger
 * work into several calls, or use imap, whose results are handed out one
 * task at a time.
 *
 * A pool, its call handles and its iterators belong to the process that
 * created them; they cannot be passed to another process. A fork child's
 * copies refuse every call with MPROC_E_STATE, and destroying them there
 * does nothing. The pool runs one thread of its own (it starts workers and
 * collects results; callbacks run there); once mproc_pool_destroy()
 * returns, that thread has ended.
 */

/* mproc_task_t, mproc_task_fn and mproc_register_task(): section 3, with
 * the other registered functions. */

/**
 * Sets the task's result (copied now). The result crosses back to the
 * caller as a value, so the sharing rule applies: an inherit-only object
 * fails with MPROC_E_INHERITANCE.
 * @param task The running task (its third argument).
 * @param result The result, copied.
 * @return 0, MPROC_E_INHERITANCE, MPROC_E_TOOBIG, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Call from the task's own thread.
 */
MPROC_API int mproc_task_set_result(mproc_task_t *task,
                                    const mproc_value_t *result);
/**
 * Sets the message the caller gets with the task's failure status (copied
 * now). It reaches the caller whole, byte for byte, as CPython delivers a
 * worker's exception message: in the error callback, and in
 * mproc_last_error() after mproc_async_get(), mproc_iter_next() or a
 * blocking call. Only a message longer than MPROC_QUEUE_MSG_MAX - 4096
 * bytes (what one result message carries) is cut there. A task that fails
 * without setting one passes on its thread's mproc_last_error().
 * @param task The running task.
 * @param message The message, copied.
 * @return 0, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Call from the task's own thread.
 */
MPROC_API int mproc_task_set_error(mproc_task_t *task, const char *message);

/** A pool of worker processes (CPython's Pool). */
typedef struct mproc_pool mproc_pool_t;

/** How a pool is made; zero-initialised (or NULL) is CPython's Pool()
 * default. */
typedef struct mproc_pool_options {
  /** Worker processes; 0: the number of CPUs. */
  unsigned processes;
  /**
   * Run by each worker before its first task (registered with
   * mproc_register()); a non-zero return means the worker failed to start.
   * NULL for none.
   */
  mproc_fn initializer;
  /** The initializer's arguments, inherited by every worker (objects in it
   * must outlive the pool; scalars and strings are copied). */
  const mproc_value_t *initargs;
  size_t ninitargs; /**< the number of initargs */
  /** Chunks a worker runs before it is replaced; 0: no limit. */
  unsigned maxtasksperchild;
  /** MPROC_START_DEFAULT: the process-wide default. */
  mproc_start_method_t start_method;
} mproc_pool_options_t;

/**
 * Starts a pool. @p opts may be NULL.
 * @param out Receives the new pool, owned by the caller: release it with
 *   mproc_pool_destroy().
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_SPAWN or MPROC_E_WORKER_DIED when workers cannot start,
 *   MPROC_E_NOTFOUND for an unregistered initializer, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   While the pool's thread and workers are started. Safe from several threads
 *   at once.
 */
MPROC_API int mproc_pool_create(mproc_pool_t **out,
                                const mproc_pool_options_t *opts);

/** Runs fn(args) in a worker; *result is one value (mproc_values_free(
 * *result, 1)). The task's failure status is returned with its message.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param args The task's arguments (encoded before the call returns).
 * @param nargs Their number.
 * @param result Receives one value owned by the caller.
 * @return 0, the first failing task's status (with its message),
 *   MPROC_E_WORKER_DIED, MPROC_E_INHERITANCE for an argument, MPROC_E_TOOBIG
 *   for more than MPROC_VALUE_MAX_COUNT tasks or results, MPROC_E_NOTFOUND for
 *   an unregistered task, MPROC_E_STATE after close, from a callback of this
 *   pool or in another process, MPROC_E_CLOSED when terminated.
 * @par Blocking and threads
 *   Until the task is done. Safe from several threads at once.
 */
MPROC_API int mproc_pool_apply(mproc_pool_t *pool, mproc_task_fn fn,
                               const mproc_value_t *args, size_t nargs,
                               mproc_value_t **result);
/**
 * fn(items[i]) for each item, in chunks of @p chunksize tasks (0: chosen
 * as CPython does, about four chunks per worker). *results holds n values.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param items One argument per task.
 * @param n Their number, at most MPROC_VALUE_MAX_COUNT.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param results Receives the results: one value per task, one block owned by
 *   the caller (mproc_values_free(*results, n)).
 * @return 0, the first failing task's status (with its message),
 *   MPROC_E_WORKER_DIED, MPROC_E_INHERITANCE for an argument, MPROC_E_TOOBIG
 *   for more than MPROC_VALUE_MAX_COUNT tasks or results, MPROC_E_NOTFOUND for
 *   an unregistered task, MPROC_E_STATE after close, from a callback of this
 *   pool or in another process, MPROC_E_CLOSED when terminated.
 * @par Blocking and threads
 *   Until every task is done. Safe from several threads at once.
 */
MPROC_API int mproc_pool_map(mproc_pool_t *pool, mproc_task_fn fn,
                             const mproc_value_t *items, size_t n,
                             size_t chunksize, mproc_value_t **results);
/**
 * CPython's starmap: @p tuples holds @p n items, each a tuple (or a list)
 * whose items are one task's arguments, so tasks may take different
 * numbers of arguments: fn(tuples[i].items, tuples[i].n) for each i.
 *
 *     mproc_value_t pairs[] = {MPROC_TUPLE(mproc_int(2), mproc_int(5)),
 *                              MPROC_TUPLE(mproc_int(3), mproc_int(4))};
 *     mproc_pool_starmap(pool, mul, pairs, 2, 0, &results);    [10, 12]
 *
 * An item that is neither is MPROC_E_TYPE, "item 3: 'int' object is not
 * iterable" (CPython's TypeError), the call's failure as CPython's is
 * (returned here; for the async call, its result and its error callback),
 * before any task runs. (Before issue 14 this call took a flat array of
 * ntasks * nargs values; build a tuple per task instead.)
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param tuples One tuple or list of arguments per task.
 * @param n Their number.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param results Receives the results: one value per task, one block owned by
 *   the caller (mproc_values_free(*results, n)).
 * @return 0, the first failing task's status (with its message),
 *   MPROC_E_WORKER_DIED, MPROC_E_INHERITANCE for an argument, MPROC_E_TOOBIG
 *   for more than MPROC_VALUE_MAX_COUNT tasks or results, MPROC_E_NOTFOUND for
 *   an unregistered task, MPROC_E_STATE after close, from a callback of this
 *   pool or in another process, MPROC_E_CLOSED when terminated.
 * @par Blocking and threads
 *   Until every task is done. Safe from several threads at once.
 */
MPROC_API int mproc_pool_starmap(mproc_pool_t *pool, mproc_task_fn fn,
                                 const mproc_value_t *tuples, size_t n,
                                 size_t chunksize, mproc_value_t **results);

/**
 * map over a C array of fixed-size records, without a value per record:
 * task i gets ONE argument, a bytes value of @p stride bytes, the record at
 * (const char *)base + i * stride. The records of a chunk travel as one
 * message (one copy in, nothing per record), which takes about half the
 * time per task of mproc_pool_map() over a bytes value per record
 * (mproc-bench's pool.records, 24-byte records).
 *
 * Alignment: in the task, record i of a chunk starts at an address
 * aligned as malloc() aligns plus a multiple of @p stride. With stride =
 * sizeof(struct rec) that is an address aligned for struct rec, so the task
 * may read it in place:
 *
 *     const struct rec *r = args[0].u.bytes.ptr;     (stride = sizeof *r)
 *
 * With any other stride (packed records), memcpy the record out.
 *
 * Chunks are as mproc_pool_map()'s (@p chunksize 0: about four per
 * worker); a chunk larger than a worker's queue takes is split, as map's
 * are. MPROC_E_INVAL for stride 0 or a NULL base with records;
 * MPROC_E_TOOBIG when one record is larger than a message
 * (MPROC_QUEUE_MSG_MAX less 4 KiB) or count * stride overflows.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param base The first record (copied before the call returns).
 * @param count The number of records.
 * @param stride The size of one record.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param results Receives the results: one value per task, one block owned by
 *   the caller (mproc_values_free(*results, n)).
 * @return 0, the first failing task's status (with its message),
 *   MPROC_E_WORKER_DIED, MPROC_E_INHERITANCE for an argument, MPROC_E_TOOBIG
 *   for more than MPROC_VALUE_MAX_COUNT tasks or results, MPROC_E_NOTFOUND for
 *   an unregistered task, MPROC_E_STATE after close, from a callback of this
 *   pool or in another process, MPROC_E_CLOSED when terminated.
 * @par Blocking and threads
 *   Until every task is done. Safe from several threads at once.
 */
MPROC_API int mproc_pool_map_records(mproc_pool_t *pool, mproc_task_fn fn,
                                     const void *base, size_t count,
                                     size_t stride, size_t chunksize,
                                     mproc_value_t **results);

/** The result of an asynchronous call. */
typedef struct mproc_async mproc_async_t;

/**
 * Callbacks of an asynchronous call, run in the pool's thread (or, for a
 * call that fails before any task is queued or has no tasks, in the caller,
 * before the submitting call returns): keep them short, as they hold up
 * every other call's results.
 *
 * Order, as CPython's ApplyResult: the callback runs to its end first, and
 * only then is the call finished. Once mproc_async_get() or
 * mproc_async_wait() has returned, or mproc_async_ready() said 1, the
 * callback has returned, so its userdata may live in the caller's stack
 * frame. From inside a callback, its own call is not finished yet
 * (ready() is 0, successful() MPROC_E_STATE). A callback may submit more
 * async calls to its pool, but not wait for one: mproc_async_wait() and
 * mproc_async_get() with a timeout other than 0, mproc_iter_next() that
 * would block, and the blocking calls (apply, map, starmap) return
 * MPROC_E_STATE there, since the thread running the callback is the one
 * that finishes calls (CPython hangs, or times out).
 */
typedef struct mproc_callbacks {
  /** Success: the results (valid during the call only). */
  void (*on_result)(void *userdata, const mproc_value_t *results, size_t n);
  /** Failure: the status and message. */
  void (*on_error)(void *userdata, int status, const char *message);
  void *userdata; /**< passed to both callbacks */
} mproc_callbacks_t;

/**
 * mproc_pool_apply() without waiting (CPython's apply_async).
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param args The task's arguments.
 * @param nargs Their number.
 * @param callbacks Callbacks, or NULL; copied.
 * @param out Receives the call's handle, owned by the caller
 *   (mproc_async_destroy()); the arguments are copied before the call returns,
 *   so the caller may free them at once.
 * @return 0 with a handle, also when the call fails before any task is queued
 *   (an argument refused by the sharing rule, starmap's item that is not a
 *   tuple, a closed pool): as in CPython that failure is the call's result,
 *   given to the error callback and by mproc_async_get(). No handle, and a
 *   negative status, only for arguments no call can be made of: MPROC_E_INVAL
 *   (NULL), MPROC_E_NOTFOUND (an unregistered task), MPROC_E_TOOBIG (more than
 *   MPROC_VALUE_MAX_COUNT tasks), MPROC_E_STATE (a pool of another process).
 * @par Blocking and threads
 *   Never for the tasks; only while the arguments are handed to the pool. Safe
 *   from several threads at once.
 */
MPROC_API int mproc_pool_apply_async(mproc_pool_t *pool, mproc_task_fn fn,
                                     const mproc_value_t *args, size_t nargs,
                                     const mproc_callbacks_t *callbacks,
                                     mproc_async_t **out);
/**
 * mproc_pool_map() without waiting (map_async).
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param items One argument per task.
 * @param n Their number.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param callbacks Callbacks, or NULL; copied.
 * @param out Receives the call's handle, owned by the caller
 *   (mproc_async_destroy()); the arguments are copied before the call returns,
 *   so the caller may free them at once.
 * @return 0 with a handle, also when the call fails before any task is queued
 *   (an argument refused by the sharing rule, starmap's item that is not a
 *   tuple, a closed pool): as in CPython that failure is the call's result,
 *   given to the error callback and by mproc_async_get(). No handle, and a
 *   negative status, only for arguments no call can be made of: MPROC_E_INVAL
 *   (NULL), MPROC_E_NOTFOUND (an unregistered task), MPROC_E_TOOBIG (more than
 *   MPROC_VALUE_MAX_COUNT tasks), MPROC_E_STATE (a pool of another process).
 * @par Blocking and threads
 *   Never for the tasks. Safe from several threads at once.
 */
MPROC_API int mproc_pool_map_async(mproc_pool_t *pool, mproc_task_fn fn,
                                   const mproc_value_t *items, size_t n,
                                   size_t chunksize,
                                   const mproc_callbacks_t *callbacks,
                                   mproc_async_t **out);
/**
 * mproc_pool_starmap() without waiting (starmap_async).
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param tuples One tuple or list of arguments per task.
 * @param n Their number.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param callbacks Callbacks, or NULL; copied.
 * @param out Receives the call's handle, owned by the caller
 *   (mproc_async_destroy()); the arguments are copied before the call returns,
 *   so the caller may free them at once.
 * @return 0 with a handle, also when the call fails before any task is queued
 *   (an argument refused by the sharing rule, starmap's item that is not a
 *   tuple, a closed pool): as in CPython that failure is the call's result,
 *   given to the error callback and by mproc_async_get(). No handle, and a
 *   negative status, only for arguments no call can be made of: MPROC_E_INVAL
 *   (NULL), MPROC_E_NOTFOUND (an unregistered task), MPROC_E_TOOBIG (more than
 *   MPROC_VALUE_MAX_COUNT tasks), MPROC_E_STATE (a pool of another process).
 * @par Blocking and threads
 *   Never for the tasks. Safe from several threads at once.
 */
MPROC_API int mproc_pool_starmap_async(mproc_pool_t *pool, mproc_task_fn fn,
                                       const mproc_value_t *tuples, size_t n,
                                       size_t chunksize,
                                       const mproc_callbacks_t *callbacks,
                                       mproc_async_t **out);
/**
 * mproc_pool_map_records() without waiting.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param base The first record.
 * @param count The number of records.
 * @param stride The size of one record.
 * @param chunksize Tasks per chunk; 0 lets mproc choose.
 * @param callbacks Callbacks, or NULL; copied.
 * @param out Receives the call's handle, owned by the caller
 *   (mproc_async_destroy()); the arguments are copied before the call returns,
 *   so the caller may free them at once.
 * @return 0 with a handle, also when the call fails before any task is queued
 *   (an argument refused by the sharing rule, starmap's item that is not a
 *   tuple, a closed pool): as in CPython that failure is the call's result,
 *   given to the error callback and by mproc_async_get(). No handle, and a
 *   negative status, only for arguments no call can be made of: MPROC_E_INVAL
 *   (NULL), MPROC_E_NOTFOUND (an unregistered task), MPROC_E_TOOBIG (more than
 *   MPROC_VALUE_MAX_COUNT tasks), MPROC_E_STATE (a pool of another process).
 * @par Blocking and threads
 *   Never for the tasks. Safe from several threads at once.
 */
MPROC_API int mproc_pool_map_records_async(mproc_pool_t *pool, mproc_task_fn fn,
                                           const void *base, size_t count,
                                           size_t stride, size_t chunksize,
                                           const mproc_callbacks_t *callbacks,
                                           mproc_async_t **out);

/** 1 if the call has finished (successfully or not, its callback
 * returned), else 0.
 * @param r The call's handle.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_async_ready(mproc_async_t *r);
/**
 * Waits for the call to finish: 0, or MPROC_E_TIMEOUT.
 * @param r The call's handle.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_STATE from a callback.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_async_wait(mproc_async_t *r, double timeout);
/**
 * Waits, then gives the results (a copy owned by the caller: *n values, one
 * per task; one for apply) or the call's failure status and message.
 * MPROC_E_TIMEOUT if not finished in time.
 * @param r The call's handle.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @param results Receives the results, owned by the caller
 *   (mproc_values_free(*results, *n)).
 * @param n Receives their number.
 * @return 0, the call's failure status, MPROC_E_TIMEOUT, MPROC_E_STATE from a
 *   callback.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_async_get(mproc_async_t *r, double timeout,
                              mproc_value_t **results, size_t *n);
/**
 * 1 if finished successfully, 0 if it failed, MPROC_E_STATE if not done.
 * @param r The call's handle.
 * @return 1, 0, or MPROC_E_STATE.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_async_successful(mproc_async_t *r);
/**
 * Releases the handle (the call itself goes on). NULL is allowed.
 * @param r The handle, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_async_destroy(mproc_async_t *r);

/** Results of imap / imap_unordered, one at a time. */
typedef struct mproc_iter mproc_iter_t;

/** fn(items[i]) for each item; results come back in order. chunksize 0
 * means 1, as in CPython.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param items One argument per task, copied before the call returns.
 * @param n Their number.
 * @param chunksize Tasks per chunk; 0 means 1.
 * @param out Receives the iterator, owned by the caller
 *   (mproc_iter_destroy()).
 * @return 0, MPROC_E_STATE after close or in another process,
 *   MPROC_E_INHERITANCE for an argument, MPROC_E_NOTFOUND for an unregistered
 *   task, MPROC_E_TOOBIG for more than MPROC_VALUE_MAX_COUNT tasks.
 * @par Blocking and threads
 *   Never for the tasks. Safe from several threads at once.
 */
MPROC_API int mproc_pool_imap(mproc_pool_t *pool, mproc_task_fn fn,
                              const mproc_value_t *items, size_t n,
                              size_t chunksize, mproc_iter_t **out);
/**
 * The same, results in the order they complete.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param items One argument per task, copied.
 * @param n Their number.
 * @param chunksize Tasks per chunk; 0 means 1.
 * @param out Receives the iterator, owned by the caller
 *   (mproc_iter_destroy()).
 * @return As mproc_pool_imap().
 * @par Blocking and threads
 *   Never for the tasks. Safe from several threads at once.
 */
MPROC_API int mproc_pool_imap_unordered(mproc_pool_t *pool, mproc_task_fn fn,
                                        const mproc_value_t *items, size_t n,
                                        size_t chunksize, mproc_iter_t **out);
/**
 * The next result: *value is one value owned by the caller
 * (mproc_values_free(*value, 1)), *index (may be NULL) the task's index.
 * MPROC_E_DONE once every result was given; MPROC_E_TIMEOUT if none came in
 * time; a failed chunk gives its status once, at its first task's place.
 * @param it The iterator.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @param value Receives one value owned by the caller.
 * @param index Receives the task's index, or NULL.
 * @return 0, MPROC_E_DONE, MPROC_E_TIMEOUT, a chunk's failure status,
 *   MPROC_E_STATE from a callback that would block.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_iter_next(mproc_iter_t *it, double timeout,
                              mproc_value_t **value, size_t *index);
/**
 * Releases the iterator; tasks not yet run still run.
 * @param it The iterator, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_iter_destroy(mproc_iter_t *it);

/**
 * The tasks of one lazy call in flight by default: given to the pool and
 * not yet handed back to the caller (see mproc_pool_imap_gen()).
 */
#define MPROC_POOL_INFLIGHT_DEFAULT 1024

/**
 * A generator of a call's items: the C form of the Python iterable given to
 * imap, imap_unordered or map. Each call produces the next item.
 *
 * The item is borrowed, as every mproc_value_t given to mproc: the pool
 * copies it before it calls the generator again, so *item (and what it
 * points to) needs to stay valid only until then; the generator may reuse
 * one buffer for every item. Nothing it produces is left for the caller to
 * free, whatever becomes of the call.
 *
 * It is called only by the calls that consume the call, in their caller's
 * thread (the lazy imap/map call itself, then mproc_iter_next()), one call
 * at a time however many threads consume; never by the pool's own thread
 * (unless a callback consumes the iterator) nor in a worker. It must not
 * consume its own iterator (that would wait for itself). It is never
 * called again once it returned 0 or an error, once the iterator was
 * destroyed (or mproc_pool_map_gen() returned), or once the pool was
 * terminated: after any of those the caller may free @p ctx.
 * @param ctx The caller's context, as given to the lazy call.
 * @param item Receives the next item (one task's argument), borrowed.
 * @return 1 with *item set, 0 at the end (*item unread), or a negative
 *   MPROC_E_* status: the call fails there, as a Python generator that
 *   raises (mproc_last_error() set by the generator becomes the message).
 */
typedef int (*mproc_task_gen_fn)(void *ctx, mproc_value_t *item);

/**
 * fn(item) for each item @p gen produces, consumed lazily; results come
 * back in order (CPython's imap over a generator).
 *
 * Unlike CPython, whose imap reads its input as fast as the workers go and
 * keeps every result until it is asked for, the tasks in flight (items
 * taken from the generator whose results mproc_iter_next() has not handed
 * back yet) are at most @p max_inflight: the generator is called ahead of
 * the consumer by that much and no further, so a consumer that stops
 * calling mproc_iter_next() stops the generator, and memory stays bounded
 * however long the input. Items are taken in the caller's thread: up to
 * the bound by this call, then by mproc_iter_next() as results are handed
 * back (a chunk's worth at a time). The pool's thread never calls it: it
 * must never wait on the caller's code, and a generator called from
 * another thread than the caller's would need locks of its own.
 *
 * A generator that fails (or an item that cannot travel, such as a Lock)
 * fails the call at that item's chunk, as CPython's imap: the results of
 * the chunks before come out, then the failure at the failing chunk's
 * place (the items taken for that chunk are dropped), then MPROC_E_DONE.
 * There is no limit on the number of items (CPython has none either).
 *
 * With the pool closed, the call goes on as the caller consumes it, and
 * mproc_pool_join() waits for it: consume it or destroy its iterator
 * (which ends it) before joining. mproc_pool_terminate() ends it: the
 * generator is not called again and the unfinished tasks fail with
 * MPROC_E_CLOSED.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param fn The registered task.
 * @param gen The generator of the tasks' arguments, one item per task.
 * @param ctx Its context, the caller's (never freed by the pool).
 * @param chunksize Tasks per chunk; 0 means 1. A chunk is cut at
 *   @p max_inflight tasks.
 * @param max_inflight The bound on tasks in flight; 0 means
 *   MPROC_POOL_INFLIGHT_DEFAULT; at most MPROC_VALUE_MAX_COUNT.
 * @param out Receives the iterator, owned by the caller
 *   (mproc_iter_destroy(), which stops the generator).
 * @return 0, MPROC_E_INVAL, MPROC_E_VALUE for @p max_inflight too large,
 *   MPROC_E_STATE after close or in another process, MPROC_E_NOTFOUND for
 *   an unregistered task, MPROC_E_NOMEM. A failure of the generator is not
 *   returned here but by mproc_iter_next(), at its place.
 * @par Blocking and threads
 *   Runs the generator up to the bound; never waits for the tasks. Safe
 *   from several threads at once.
 */
MPROC_API int mproc_pool_imap_gen(mproc_pool_t *pool, mproc_task_fn fn,
                                  mproc_task_gen_fn gen, void *ctx,
                                  size_t chunksize, size_t max_inflight,
                                  mproc_iter_t **out);
/**
 * mproc_pool_imap_gen() with results in the order they complete
 * (CPython's imap_unordered over a generator). A failure of the generator
 * is handed back as soon as it happens, among the results in completion
 * order; then the results already under way, then MPROC_E_DONE.
 * @param pool The pool; only in the process that created it.
 * @param fn The registered task.
 * @param gen The generator of the tasks' arguments.
 * @param ctx Its context.
 * @param chunksize Tasks per chunk; 0 means 1.
 * @param max_inflight The bound on tasks in flight; 0 for the default.
 * @param out Receives the iterator, owned by the caller.
 * @return As mproc_pool_imap_gen().
 * @par Blocking and threads
 *   As mproc_pool_imap_gen().
 */
MPROC_API int mproc_pool_imap_unordered_gen(
    mproc_pool_t *pool, mproc_task_fn fn, mproc_task_gen_fn gen, void *ctx,
    size_t chunksize, size_t max_inflight, mproc_iter_t **out);
/**
 * fn(item) for each item @p gen produces; waits for all results (CPython's
 * map over a generator). The generator runs in the caller's thread, at
 * most @p max_inflight tasks ahead of the results collected.
 *
 * The results are one array in one block, so they count together against
 * MPROC_VALUE_MAX_COUNT (every item and key at every depth): beyond, the
 * call stops the generator and fails with MPROC_E_TOOBIG, which names that
 * limit; mproc_pool_imap_gen() has no such limit.
 * @param pool The pool; only in the process that created it.
 * @param fn The registered task.
 * @param gen The generator of the tasks' arguments.
 * @param ctx Its context.
 * @param chunksize Tasks per chunk; 0 means 1 (the number of items is not
 *   known ahead, so CPython's automatic size cannot be computed).
 * @param max_inflight The bound on tasks in flight; 0 for the default.
 * @param results Receives one result per item, in order, owned by the
 *   caller (mproc_values_free(*results, *n)).
 * @param n Receives their number.
 * @return 0, the first failure in item order (a task's, the generator's or
 *   MPROC_E_WORKER_DIED), MPROC_E_TOOBIG, or as mproc_pool_imap_gen().
 * @par Blocking and threads
 *   Until every task has finished. Not from a callback of this pool
 *   (MPROC_E_STATE). Safe from several threads at once.
 */
MPROC_API int mproc_pool_map_gen(mproc_pool_t *pool, mproc_task_fn fn,
                                 mproc_task_gen_fn gen, void *ctx,
                                 size_t chunksize, size_t max_inflight,
                                 mproc_value_t **results, size_t *n);

/**
 * No more calls will be submitted; workers exit once everything is done.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @return 0, MPROC_E_STATE.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_pool_close(mproc_pool_t *pool);
/**
 * Stops the workers now; unfinished calls fail with MPROC_E_CLOSED.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @return 0, MPROC_E_STATE.
 * @par Blocking and threads
 *   Until the workers are signalled. Safe from several threads at once.
 */
MPROC_API int mproc_pool_terminate(mproc_pool_t *pool);
/** Waits for the workers to exit, after close or terminate (MPROC_E_STATE
 * before, and from a callback of this pool, which runs in the pool's own
 * thread). MPROC_E_TIMEOUT if they have not in time.
 * @param pool The pool; only in the process that created it (elsewhere
 *   MPROC_E_STATE).
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_STATE, MPROC_E_TIMEOUT.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_pool_join(mproc_pool_t *pool, double timeout);
/** Terminates (if still running), joins and frees; once it returns, no
 * thread of the pool is left. NULL is allowed. Refused from a callback of
 * this pool (the error state says so; the pool is left as it was). The
 * last pool of the process to go also frees the large blocks the pools
 * kept for reuse (see mproc_values_free()).
 * @param pool The pool, or NULL.
 * @par Blocking and threads
 *   Until the workers and the pool's thread have ended. Not while another
 *   thread still uses the object: destroy it once every thread is done with
 *   it.
 */
MPROC_API void mproc_pool_destroy(mproc_pool_t *pool);
/* 9. Shared values and named shared memory                                 */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup shared 9. Shared values and named shared memory
 *
 * CPython: multiprocessing.Value, Array, RawValue, RawArray (the ctypes
 * typecodes as mproc_ctype_t) and multiprocessing.shared_memory.SharedMemory.
 *
 * Value and Array (CPython's multiprocessing.Value and Array) live in
 * shared memory, with a new RLock (CPython's default, lock=True), a lock
 * the caller supplies, or none. They follow the sharing rule: pass them to
 * children as process arguments. Their type names, in the inheritance
 * error, are CPython's "Synchronized" and "SynchronizedArray" (raw ones
 * too).
 */
/** The C type of a Value's or an Array's elements (CPython's typecodes). */
typedef enum mproc_ctype {
  MPROC_C_INT8 = 1, /**< int8_t ('b') */
  MPROC_C_UINT8,    /**< uint8_t ('B') */
  MPROC_C_INT16,    /**< int16_t ('h') */
  MPROC_C_UINT16,   /**< uint16_t ('H') */
  MPROC_C_INT32,    /**< int32_t ('i') */
  MPROC_C_UINT32,   /**< uint32_t ('I') */
  MPROC_C_INT64,    /**< int64_t ('q') */
  MPROC_C_UINT64,   /**< uint64_t ('Q') */
  MPROC_C_FLOAT,    /**< float ('f') */
  MPROC_C_DOUBLE    /**< double ('d') */
} mproc_ctype_t;

/**
 * How a Value or an Array is made (CPython's Value(typecode, *args,
 * lock=...) and Array(typecode, size_or_initializer, lock=...)). A
 * zero-initialised struct (or NULL) is CPython's default: a new RLock, and
 * zero-filled contents.
 */
typedef struct mproc_shared_options {
  /**
   * CPython's lock=. NULL: a new RLock, owned by the value (lock=True or
   * None). Otherwise a lock the caller made and keeps alive longer than
   * the value (and than every child it is given to): anything that
   * mproc_acquire() takes (a Lock, an RLock, a Semaphore, a Condition, or
   * a manager's proxy of one), so several values can share one lock. It
   * goes to a spawned child with the value. Anything else is
   * MPROC_E_TYPE, with CPython's message ("'Event' object has no
   * attribute 'acquire'").
   */
  const void *lock;
  /** true: no lock at all (lock=False; CPython's RawValue, RawArray).
   * Giving a lock too is MPROC_E_INVAL. */
  bool raw;
  /**
   * The initial contents, copied: one element of the value's C type (an
   * int32_t for MPROC_C_INT32, ...), or an Array's @p count elements
   * (CPython's initializer sequence). NULL: zeros.
   */
  const void *init;
} mproc_shared_options_t;

/** A Value (CPython's multiprocessing.Value). */
typedef struct mproc_shared_value mproc_shared_value_t;
/**
 * A scalar of @p type; @p opts may be NULL (see mproc_shared_options_t).
 * @param out Receives the new Value, owned by the caller: release it with
 *   mproc_shared_value_destroy().
 * @param type The C type.
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_INVAL for an unknown type or raw with a lock,
 *   MPROC_E_TYPE for a lock of another kind, MPROC_E_LIMIT or MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_create_ex(mproc_shared_value_t **out,
                                           mproc_ctype_t type,
                                           const mproc_shared_options_t *opts);
/** A zero-initialised scalar of @p type, with a new RLock if @p lock (the
 * first API; the same as _ex with {.raw = !lock}).
 * @param out Receives the new Value, owned by the caller: release it with
 *   mproc_shared_value_destroy().
 * @param type The C type.
 * @param lock true for a new RLock.
 * @return As mproc_shared_value_create_ex().
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_create(mproc_shared_value_t **out,
                                        mproc_ctype_t type, bool lock);
/**
 * Reads or writes the scalar, converting from or to the C type as a C
 * assignment does, under the lock if there is one (as CPython's .value).
 * The lock is taken and given back within the call, whatever it returns
 * (so a caller that holds a non-recursive Lock given as lock= must not
 * call these: it would wait for itself, as in CPython). If the holder of
 * an RLock died holding it (see the Lock family, section 5), the call
 * still reads or writes the value, releases the lock, and returns
 * MPROC_E_OWNER_DEAD: the value (in *out, for a get) may be inconsistent,
 * as the dead holder may have been half-way through an update; the lock
 * is free and usable, and the next call returns 0. (CPython hangs there,
 * gh-88304.)
 * @param v The shared Value.
 * @param out Receives the value, converted to int64_t.
 * @return 0, MPROC_E_OWNER_DEAD (done; see above), MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_get_int(mproc_shared_value_t *v, int64_t *out);
/**
 * Writes the scalar from an int64_t (see mproc_shared_value_get_int()).
 * @param v The shared Value.
 * @param x The new value, converted to the C type.
 * @return 0, MPROC_E_OWNER_DEAD (done; see above), MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_set_int(mproc_shared_value_t *v, int64_t x);
/**
 * Reads the scalar as a double (see mproc_shared_value_get_int()).
 * @param v The shared Value.
 * @param out Receives the value, converted to double.
 * @return 0, MPROC_E_OWNER_DEAD (done; see above), MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_get_double(mproc_shared_value_t *v,
                                            double *out);
/**
 * Writes the scalar from a double (see mproc_shared_value_get_int()).
 * @param v The shared Value.
 * @param x The new value, converted to the C type.
 * @return 0, MPROC_E_OWNER_DEAD (done; see above), MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_set_double(mproc_shared_value_t *v, double x);
/**
 * The scalar itself (for atomic or locked access by the caller).
 * @param v The shared Value.
 * @return A pointer into shared memory, valid while @p v lives; NULL for a bad
 *   handle.
 * @par Blocking and threads
 *   Does not wait. The pointer is not synchronised: take the lock or use
 *   atomics.
 */
MPROC_API void *mproc_shared_value_ptr(mproc_shared_value_t *v);
/**
 * The value's lock (CPython's get_lock()), whatever its type: pass it to
 * mproc_acquire() / mproc_release() to make several operations one. It
 * belongs to the value (or to the caller who supplied it). MPROC_E_STATE
 * if the value is raw.
 * @param v The shared Value.
 * @param out Receives the lock, borrowed from @p v.
 * @return 0, MPROC_E_STATE if raw.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_lock(mproc_shared_value_t *v, void **out);
/** The same, typed, for a value whose lock is an RLock (the default);
 * MPROC_E_TYPE if it is another kind of lock.
 * @param v The shared Value.
 * @param out Receives the RLock, borrowed from @p v.
 * @return 0, MPROC_E_STATE if raw, MPROC_E_TYPE.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_value_get_lock(mproc_shared_value_t *v,
                                          mproc_rlock_t **out);
/**
 * Releases this process's handle on the Value.
 * @param v The Value, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_shared_value_destroy(mproc_shared_value_t *v);
/**
 * The Value a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Value, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Value, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_shared_value(const mproc_value_t *v,
                                          mproc_shared_value_t **out);

/** An Array (CPython's multiprocessing.Array). */
typedef struct mproc_shared_array mproc_shared_array_t;
/**
 * @p count elements of C type @p type; @p opts may be NULL (see
 * mproc_shared_options_t: the lock, and an initializer of @p count
 * elements).
 * @param out Receives the new Array, owned by the caller: release it with
 *   mproc_shared_array_destroy().
 * @param type The C type.
 * @param count The number of elements.
 * @param opts Options, or NULL.
 * @return As mproc_shared_value_create_ex(), and MPROC_E_TOOBIG for a size
 *   that overflows.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_create_ex(mproc_shared_array_t **out,
                                           mproc_ctype_t type, size_t count,
                                           const mproc_shared_options_t *opts);
/** @p count zero-filled elements of @p elem_size bytes, with no C type,
 * with a new RLock if @p lock (the first API).
 * @param out Receives the new Array, owned by the caller: release it with
 *   mproc_shared_array_destroy().
 * @param elem_size The size of one element.
 * @param count The number of elements.
 * @param lock true for a new RLock.
 * @return As mproc_shared_array_create_ex().
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_create(mproc_shared_array_t **out,
                                        size_t elem_size, size_t count,
                                        bool lock);
/**
 * Element access under the array's lock, as CPython's arr[i] and
 * arr[i:j]. Indexes are Python's: @p index (or @p start) may be negative,
 * counting from the end (-1 is the last element); an element outside the
 * array is MPROC_E_VALUE ("invalid index", CPython's IndexError).
 *
 * get/set of one element convert from or to the array's C type as the
 * Value getters and setters do; an array made without a C type
 * (mproc_shared_array_create()) is MPROC_E_TYPE for them.
 *
 * read/write copy @p n whole elements from @p start to or from the
 * caller's buffer, which holds elements of the array's own type (or of
 * its elem_size). Unlike a Python slice, which clips, every element of the
 * range must be within the array (MPROC_E_VALUE otherwise, and nothing is
 * copied); n = 0 at start = length is an empty range.
 *
 * Each call takes the lock and gives it back, with MPROC_E_OWNER_DEAD as
 * for a Value. Through mproc_shared_array_ptr() the elements are reached
 * without the lock: a caller that takes it itself gets MPROC_E_OWNER_DEAD
 * from mproc_acquire() if its holder died, and then holds it, as section
 * 5 says.
 * @param a The shared Array.
 * @param index The element's index; negative counts from the end.
 * @param out Receives the element as int64_t.
 * @return 0, MPROC_E_VALUE for an index outside, MPROC_E_TYPE for an array
 *   without a C type, MPROC_E_OWNER_DEAD, MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_get_int(mproc_shared_array_t *a, int64_t index,
                                         int64_t *out);
/**
 * arr[index] = x from an int64_t (see mproc_shared_array_get_int()).
 * @param a The shared Array.
 * @param index The element's index; negative counts from the end.
 * @param x The new value.
 * @return 0, MPROC_E_VALUE for an index outside, MPROC_E_TYPE for an array
 *   without a C type, MPROC_E_OWNER_DEAD, MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_set_int(mproc_shared_array_t *a, int64_t index,
                                         int64_t x);
/**
 * arr[index] as a double (see mproc_shared_array_get_int()).
 * @param a The shared Array.
 * @param index The element's index; negative counts from the end.
 * @param out Receives the element as double.
 * @return 0, MPROC_E_VALUE for an index outside, MPROC_E_TYPE for an array
 *   without a C type, MPROC_E_OWNER_DEAD, MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_get_double(mproc_shared_array_t *a,
                                            int64_t index, double *out);
/**
 * arr[index] = x from a double (see mproc_shared_array_get_int()).
 * @param a The shared Array.
 * @param index The element's index; negative counts from the end.
 * @param x The new value.
 * @return 0, MPROC_E_VALUE for an index outside, MPROC_E_TYPE for an array
 *   without a C type, MPROC_E_OWNER_DEAD, MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_set_double(mproc_shared_array_t *a,
                                            int64_t index, double x);
/**
 * Copies arr[start:start+n] out (see mproc_shared_array_get_int()).
 * @param a The shared Array.
 * @param start The first element; negative counts from the end.
 * @param n How many elements.
 * @param out The caller's buffer of @p n elements.
 * @return 0, MPROC_E_VALUE for a range outside, MPROC_E_OWNER_DEAD,
 *   MPROC_E_INVAL.
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_read(mproc_shared_array_t *a, int64_t start,
                                      size_t n, void *out);
/**
 * Copies @p n elements into arr[start:start+n] (see
 *   mproc_shared_array_get_int()).
 * @param a The shared Array.
 * @param start The first element; negative counts from the end.
 * @param n How many elements.
 * @param in The caller's @p n elements.
 * @return As mproc_shared_array_read().
 * @par Blocking and threads
 *   While another process holds the lock. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_write(mproc_shared_array_t *a, int64_t start,
                                       size_t n, const void *in);
/**
 * The elements themselves, without the lock.
 * @param a The shared Array.
 * @return A pointer into shared memory, valid while @p a lives; NULL for a bad
 *   handle.
 * @par Blocking and threads
 *   Does not wait. The elements are not synchronised: take the lock yourself.
 */
MPROC_API void *mproc_shared_array_ptr(mproc_shared_array_t *a);
/**
 * The number of elements (len(arr)).
 * @param a The shared Array.
 * @return The number of elements (0 for a bad handle).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API size_t mproc_shared_array_length(mproc_shared_array_t *a);
/**
 * The size of one element.
 * @param a The shared Array.
 * @return The size in bytes (0 for a bad handle).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API size_t mproc_shared_array_elem_size(mproc_shared_array_t *a);
/**
 * As mproc_shared_value_lock() and _get_lock().
 * @param a The shared Array.
 * @param out Receives the lock, borrowed from @p a.
 * @return 0, MPROC_E_STATE if raw.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_lock(mproc_shared_array_t *a, void **out);
/**
 * As mproc_shared_value_get_lock().
 * @param a The shared Array.
 * @param out Receives the RLock, borrowed from @p a.
 * @return 0, MPROC_E_STATE if raw, MPROC_E_TYPE.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_array_get_lock(mproc_shared_array_t *a,
                                          mproc_rlock_t **out);
/**
 * Releases this process's handle on the Array.
 * @param a The Array, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_shared_array_destroy(mproc_shared_array_t *a);
/**
 * The Array a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Array, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Array, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_shared_array(const mproc_value_t *v,
                                          mproc_shared_array_t **out);

/*
 * Named shared memory (CPython's shared_memory.SharedMemory). It crosses
 * anywhere, as a value in a queue or a message too: it travels as its
 * name and the receiver attaches by name. Names are 1 to 200 bytes without
 * slashes. POSIX: shm_open("/<name>") (on Linux /dev/shm/<name>); Windows:
 * the file mapping "Local\<name>".
 *
 * Lifetime. POSIX: the name lasts until mproc_shared_memory_unlink(); names
 * a process created and did not unlink are unlinked when it exits normally
 * (exit() or return from main), as CPython's resource tracker does. A
 * process that crashes or is killed leaves its names in /dev/shm, and so
 * does a fork child (it leaves with _exit()): unlink them explicitly.
 * Windows: the kernel removes the mapping with its last handle, crash or
 * not; unlink does nothing there.
 */
/** Named shared memory (see above). */
typedef struct mproc_shared_memory mproc_shared_memory_t;
/** Creates @p size zero-filled bytes named @p name (NULL: a fresh
 * "mproc_..." name). MPROC_E_BUSY if the name exists.
 * @param out Receives the new handle, owned by the caller: release it with
 *   mproc_shared_memory_close().
 * @param name The name, or NULL.
 * @param size The size in bytes, > 0.
 * @return 0, MPROC_E_BUSY, MPROC_E_INVAL for a bad name or size 0,
 *   MPROC_E_LIMIT, MPROC_E_SYS.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_memory_create(mproc_shared_memory_t **out,
                                         const char *name, size_t size);
/**
 * Attaches to existing shared memory; MPROC_E_NOTFOUND if none.
 * @param out Receives the new handle, owned by the caller: release it with
 *   mproc_shared_memory_close().
 * @param name The name.
 * @return 0, MPROC_E_NOTFOUND, MPROC_E_INVAL for a bad name, MPROC_E_SYS.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_memory_attach(mproc_shared_memory_t **out,
                                         const char *name);
/**
 * The memory (CPython's .buf).
 * @param m The shared memory handle.
 * @return The mapped bytes, valid until mproc_shared_memory_close(); NULL for
 *   a bad handle.
 * @par Blocking and threads
 *   Does not wait. The bytes are not synchronised.
 */
MPROC_API void *mproc_shared_memory_buf(mproc_shared_memory_t *m);
/**
 * The size given at creation.
 * @param m The shared memory handle.
 * @return The size (0 for a bad handle).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API size_t mproc_shared_memory_size(mproc_shared_memory_t *m);
/**
 * The name (CPython's .name), without a leading slash.
 * @param m The shared memory handle.
 * @return A string owned by @p m.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API const char *mproc_shared_memory_name(mproc_shared_memory_t *m);
/** Unmaps and frees this process's handle (the name stays). NULL is
 * allowed.
 * @param m The handle, or NULL.
 * @return 0, MPROC_E_SYS.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API int mproc_shared_memory_close(mproc_shared_memory_t *m);
/** Removes the name (call once, from any process); the memory lives on
 * while attached.
 * @param m The shared memory handle.
 * @return 0, or MPROC_E_NOTFOUND, MPROC_E_SYS from the OS (POSIX).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_shared_memory_unlink(mproc_shared_memory_t *m);
/**
 * The SharedMemory a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the SharedMemory, borrowed from @p v: valid while the
 *   value is (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a SharedMemory, MPROC_E_INVAL for
 *   NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_shared_memory(const mproc_value_t *v,
                                           mproc_shared_memory_t **out);

/* ------------------------------------------------------------------------ */
/* 10. Pipes and connections                                                */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup conn 10. Pipes and connections
 *
 * CPython: multiprocessing.Pipe() and multiprocessing.connection.Connection
 * (send, recv, send_bytes, recv_bytes, recv_bytes_into, poll, close,
 * fileno, readable, writable, closed).
 *
 * mproc_pipe() (CPython's Pipe) gives two connected ends. Duplex: both
 * send and receive. One-way: @p a only receives and @p b only sends
 * (CPython's (r, w)); the wrong direction is MPROC_E_STATE.
 *
 * A message is one item of values (send/recv) or raw bytes
 * (send_bytes/recv_bytes), up to MPROC_VALUE_MAX_LEN bytes. recv blocks;
 * use mproc_connection_poll() or mproc_wait() for a timeout. When the peer
 * has closed its end or died, recv returns MPROC_E_CLOSED (also if it died
 * in the middle of a message: never a short message) and send returns
 * MPROC_E_CLOSED. Close the ends you do not use, in every process: a
 * process that keeps a copy of the other end keeps the pipe open. A child
 * holds only the connections it was given as arguments, whatever the
 * start method (a fork child closes the others as it starts, so that the
 * parent closing its end gives the child end of file, as with spawn).
 *
 * Connections cross anywhere, as in CPython: as process arguments, and as
 * values sent through a queue or another connection (the OS handle is
 * passed with SCM_RIGHTS on Linux, DuplicateHandle on Windows). For the
 * latter the sender must still be running when the receiver gets the
 * item (otherwise the receiver's get or recv fails with MPROC_E_CLOSED and
 * that item is lost), and a duplicate of the handle stays open in the
 * sender until the item is received or the sender exits. Sending a
 * connection does not close the sender's end. A receiving end reads ahead
 * (several small messages may arrive in one read): one that holds messages
 * read ahead but not yet received cannot be sent (MPROC_E_STATE), since
 * they would not go with it; mproc_connection_handle() shows the OS handle,
 * not those messages.
 *
 * POSIX: a socketpair. Windows: a named pipe pair; poll and wait look at it
 * in 1 ms slices (a pipe handle is not waitable).
 */
/** One end of a pipe (CPython's Connection). */
typedef struct mproc_connection mproc_connection_t;
/**
 * Makes two connected ends (CPython's Pipe(duplex)).
 * @param a Receives the new first end, owned by the caller: release it with
 *   mproc_connection_destroy().
 * @param b Receives the new second end, owned by the caller: release it with
 *   mproc_connection_destroy().
 * @param duplex true for two-way ends, false for a receiving @p a and a
 *   sending @p b.
 * @return 0, MPROC_E_LIMIT, MPROC_E_SYS, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_pipe(mproc_connection_t **a, mproc_connection_t **b,
                         bool duplex);
/**
 * Sends one item of @p n values (the sharing rule applies).
 * @param c The connection.
 * @param vals The item's values, encoded before the call returns.
 * @param n Their number.
 * @return 0, MPROC_E_CLOSED when the peer closed or died (or @p c is closed),
 *   MPROC_E_STATE for the wrong direction, MPROC_E_INHERITANCE,
 *   MPROC_E_TOOBIG.
 * @par Blocking and threads
 *   While the pipe is full. Safe from several threads at once.
 */
MPROC_API int mproc_connection_send(mproc_connection_t *c,
                                    const mproc_value_t *vals, size_t n);
/** Receives one item (release with mproc_values_free()); raw bytes arrive
 * as one bytes value.
 * @param c The connection.
 * @param vals Receives the values, owned by the caller.
 * @param n Receives their number.
 * @return 0, MPROC_E_CLOSED when the peer closed or died (or @p c is closed),
 *   MPROC_E_STATE for the wrong direction, MPROC_E_DECODE.
 * @par Blocking and threads
 *   Until a message comes or the peer closes (use mproc_connection_poll() for
 *   a timeout). Safe from several threads at once.
 */
MPROC_API int mproc_connection_recv(mproc_connection_t *c, mproc_value_t **vals,
                                    size_t *n);
/**
 * Sends raw bytes as one message (CPython's send_bytes).
 * @param c The connection.
 * @param data The bytes, copied out before the call returns.
 * @param len Their number.
 * @return 0, MPROC_E_CLOSED when the peer closed or died (or @p c is closed),
 *   MPROC_E_STATE for the wrong direction, MPROC_E_TOOBIG.
 * @par Blocking and threads
 *   While the pipe is full. Safe from several threads at once.
 */
MPROC_API int mproc_connection_send_bytes(mproc_connection_t *c,
                                          const void *data, size_t len);
/** Receives one message as bytes into a new buffer (free with
 * mproc_free()); a value item arrives as its mproc_encode() buffer.
 * @param c The connection.
 * @param data Receives the buffer, owned by the caller (mproc_free()).
 * @param len Receives its length.
 * @return 0, MPROC_E_CLOSED when the peer closed or died (or @p c is closed),
 *   MPROC_E_STATE for the wrong direction.
 * @par Blocking and threads
 *   As mproc_connection_recv(). Safe from several threads at once.
 */
MPROC_API int mproc_connection_recv_bytes(mproc_connection_t *c, void **data,
                                          size_t *len);
/**
 * Receives one message into the caller's buffer (CPython's
 * recv_bytes_into(buf, offset)): its bytes go to @p buf at @p offset, and
 * *@p len is its length. A value item arrives as its mproc_encode()
 * buffer, as with recv_bytes. @p offset past @p size is MPROC_E_VALUE
 * ("offset too large"), and nothing is received.
 *
 * When the message does not fit (offset + its length > size) it is still
 * consumed, and handed over whole, as CPython's BufferTooShort carries it:
 * the call returns MPROC_E_TOOBIG, *@p len is the message's length, and
 * *@p whole (if @p whole is not NULL) is a new buffer holding all of it,
 * which the caller frees with mproc_free(); @p buf is left untouched. With
 * @p whole NULL such a message is dropped. *@p whole is NULL on every other
 * outcome. Other errors are those of mproc_connection_recv_bytes().
 * @param c The connection.
 * @param buf The caller's buffer.
 * @param size Its size.
 * @param offset Where the message goes in @p buf.
 * @param len Receives the message's length.
 * @param whole Receives the whole message when it does not fit (owned by the
 *   caller), or NULL.
 * @return 0, MPROC_E_TOOBIG, MPROC_E_VALUE, and
 *   mproc_connection_recv_bytes()'s errors.
 * @par Blocking and threads
 *   As mproc_connection_recv(). Safe from several threads at once.
 */
MPROC_API int mproc_connection_recv_bytes_into(mproc_connection_t *c, void *buf,
                                               size_t size, size_t offset,
                                               size_t *len, void **whole);
/**
 * CPython's Connection.readable, .writable and .closed: 1 or 0 (or an
 * error for a bad @p c). readable and writable say what the end was made
 * for, and keep saying it after it is closed (as CPython's do): a duplex
 * end is both, a one-way Pipe's first end only readable and its second
 * only writable. closed is 1 after mproc_connection_close(), and in a fork
 * child for a connection it was not given (see above).
 * @param c The connection.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_connection_readable(mproc_connection_t *c);
/**
 * CPython's Connection.writable (see mproc_connection_readable()).
 * @param c The connection.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_connection_writable(mproc_connection_t *c);
/**
 * CPython's Connection.closed (see mproc_connection_readable()).
 * @param c The connection.
 * @return 1, 0, or MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_connection_closed(mproc_connection_t *c);
/** 1 if a recv would not block (a message, or the peer's end of file), 0
 * if nothing came before @p timeout.
 * @param c The connection.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 1, 0, MPROC_E_CLOSED for a closed @p c, MPROC_E_INVAL for a NULL
 *   handle or a bad timeout.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_connection_poll(mproc_connection_t *c, double timeout);
/**
 * Closes the handle; later calls on @p c return MPROC_E_CLOSED.
 * @param c The connection.
 * @return 0, MPROC_E_INVAL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_connection_close(mproc_connection_t *c);
/**
 * Closes (if open) and frees. NULL is allowed.
 * @param c The connection, or NULL.
 * @par Blocking and threads
 *   Does not wait. Not while another thread still uses the object: destroy it
 *   once every thread is done with it.
 */
MPROC_API void mproc_connection_destroy(mproc_connection_t *c);
/**
 * The OS handle (fd / HANDLE), owned by @p c.
 * @param c The connection.
 * @param out Receives the handle, owned by @p c: do not close it.
 * @return 0, MPROC_E_CLOSED.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_connection_handle(mproc_connection_t *c,
                                      mproc_os_handle_t *out);
/**
 * The Connection a value holds (a process argument, typically).
 * @param v The value, usually a process argument.
 * @param out Receives the Connection, borrowed from @p v: valid while the
 *   value is (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a Connection, MPROC_E_INVAL for
 *   NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_connection(const mproc_value_t *v,
                                        mproc_connection_t **out);

/* ------------------------------------------------------------------------ */
/* 11. wait()                                                               */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup wait 11. wait()
 *
 * CPython: multiprocessing.connection.wait().
 */

/** What a mproc_wait_item_t points at. */
typedef enum mproc_wait_kind {
  MPROC_WAIT_PROCESS = 1, /**< ready when the process has exited */
  MPROC_WAIT_CONNECTION,  /**< ready when recv would not block */
  MPROC_WAIT_QUEUE        /**< ready when get would find an item (or the
                               queue is closed or broken) */
} mproc_wait_kind_t;

/** One object for mproc_wait(). */
typedef struct mproc_wait_item {
  mproc_wait_kind_t kind; /**< what object points at */
  void *object; /**< mproc_process_t *, mproc_connection_t *, mproc_queue_t * */
  bool ready;   /**< set by mproc_wait() */
} mproc_wait_item_t;

/**
 * Waits until at least one item is ready or @p timeout passes (CPython's
 * multiprocessing.connection.wait). Returns the number of ready items (each
 * has .ready set), 0 on timeout, or an error. Processes and connections are
 * waited on by the OS (poll() on pidfds and sockets; WaitForMultipleObjects
 * on process handles); queues live in shared memory and are looked at in
 * slices growing from 1 to 10 ms, so a queue's readiness may be seen up to
 * 10 ms late.
 * @param items The objects to wait on; each item's ready is set.
 * @param n Their number.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return The number of ready items, 0 on timeout, MPROC_E_INVAL for a bad
 *   item.
 * @par Blocking and threads
 *   Up to @p timeout. Safe from several threads at once.
 */
MPROC_API int mproc_wait(mproc_wait_item_t *items, size_t n, double timeout);

/* ------------------------------------------------------------------------ */
/* 12. Managers                                                             */
/* ------------------------------------------------------------------------ */

/**
 * @defgroup manager 12. Managers
 *
 * CPython: multiprocessing.Manager() / managers.SyncManager (start, connect,
 * shutdown, address; Lock, RLock, Semaphore, BoundedSemaphore,
 * Condition, Event, Barrier, Queue, JoinableQueue, Value, dict, list)
 * and its proxies (BaseProxy, AcquirerProxy, ConditionProxy,
 * EventProxy, BarrierProxy, ValueProxy, DictProxy, ListProxy).
 *
 * A manager hosts objects in a server process; a proxy names one of them by
 * the server's address, an object id and its type. Proxies, unlike locks,
 * may cross to another process at any time: as process arguments (any start
 * method), and through any channel that carries encoded values
 * (mproc_encode()/mproc_decode()). A proxy received outside process
 * creation authenticates with the receiving process's own auth key (see
 * mproc_authkey()), which children inherit, as in CPython; its bytes must
 * also carry a tag that verifies under that key (see mproc_decode()).
 *
 * Transport: a Unix socket in a private (mode 0700) directory on POSIX, a
 * named pipe admitting only the current user on Windows, or TCP for an
 * address "host:port". Every connection starts with a mutual HMAC-SHA256
 * challenge/response (CPython 3.12's shape): a wrong key is MPROC_E_PERM.
 * Messages are length-prefixed frames of at most MPROC_MANAGER_MAX_FRAME
 * bytes; the server closes a connection that sends anything malformed.
 *
 * Peers without the key (anyone who can reach a TCP address): the server
 * authenticates new connections in one event loop, without a thread each,
 * so a connection that has not authenticated costs it a descriptor and a
 * few KiB. Each has 10 s from accept() for the whole handshake. As many
 * may wait as the descriptor limit allows (POSIX: the soft RLIMIT_NOFILE
 * less a reserve of 64 plus 1/16; Windows: 1,024); beyond, and whenever
 * accept() runs out of descriptors, the oldest waiting connection is
 * dropped, never the newcomer; with none to drop the server stops
 * accepting for 100 ms instead of spinning, and serves its clients
 * meanwhile. Windows named pipes, which only the current user can open,
 * keep a thread per handshake, at most 64 at once.
 *
 * Every proxy call is one request and one reply, and returns once the
 * server has applied it (a put, a set, an append, a release are never left
 * in flight when the caller exits). Blocking operations wait in the server
 * with their timeout; a waiter whose process dies is noticed before it is
 * handed anything, so an item, a permit or a lock it was waiting for goes
 * to the next waiter (a dead waiter for a Lock leaves no
 * MPROC_E_OWNER_DEAD behind: it never held it). A manager that went away,
 * or shut down, is MPROC_E_CLOSED, never a hang. A proxy keeps its object
 * alive; the object is freed when the last proxy to it (in any process) is
 * destroyed or its process dies. A proxy stored in a manager dict or list
 * (anywhere inside the stored value) also keeps its object alive, as in
 * CPython, until the entry is removed or overwritten or the container is
 * freed; the proxy that stored it may be destroyed at once. (Proxies are
 * recognised by the manager's address as the server was started with;
 * a container that holds a proxy of itself, directly or through others,
 * lives until the manager shuts down.)
 *
 * A proxy in flight: encoding a proxy (mproc_encode(), a put into any
 * queue, a pipe, a process's or a pool task's arguments) takes a lease on
 * its object, one round trip to the manager, and the copy decoded from
 * those bytes releases it when it first reaches the manager (its first
 * call). So the sender may destroy its proxy as soon as the encoding
 * returns: the object waits for the receiver, up to
 * MPROC_PROXY_LEASE_SECONDS (a lease not claimed by then is released at
 * the manager's next request; one set of bytes decoded by several
 * receivers releases one lease per receiver, the later ones finding the
 * object alive only while another proxy holds it). A copy that attaches
 * after that, to an object every proxy of which is gone, fails with
 * MPROC_E_NOTFOUND naming the object, its type and the expired lease;
 * never another object. A value popped from a manager dict or list hands
 * the references it held to leases the same way. CPython instead needs
 * the sender's proxy alive until the receiver unpickles its copy (a
 * RemoteError otherwise). Under fork, a process's arguments are not
 * encoded: keep the proxy alive until the child has made its first call.
 */
/** How long the lease taken by encoding a proxy keeps its object alive for
 * a receiver that has not attached yet: 60 seconds. */
#define MPROC_PROXY_LEASE_SECONDS 60
/*
 * Proxies are safe to use from several threads (each thread in a call uses
 * its own connection) and, after fork, in the child (which opens its own).
 */
/** A manager: one this process started, or one it connected to. */
typedef struct mproc_manager mproc_manager_t;
/** A proxy of an object hosted by a manager. */
typedef struct mproc_proxy mproc_proxy_t;

/** The largest frame (request or reply) a manager accepts: 64 MiB. */
#define MPROC_MANAGER_MAX_FRAME ((size_t)64 << 20)
/** The length of the process auth key; keys given explicitly may have 1 to
 * MPROC_AUTHKEY_MAX bytes. */
#define MPROC_AUTHKEY_LEN 32
/** The longest auth key given explicitly, in bytes. */
#define MPROC_AUTHKEY_MAX 256

/**
 * This process's auth key (CPython's current_process().authkey): 32 random
 * bytes made by the main process and inherited by every child, whatever the
 * start method. Copies MPROC_AUTHKEY_LEN bytes to @p out.
 * @param out Receives the key.
 * @return 0.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_authkey(uint8_t out[MPROC_AUTHKEY_LEN]);

/** How mproc_manager_start() starts a manager; zero-initialised (or NULL)
 * is CPython's Manager() default. */
typedef struct mproc_manager_options {
  mproc_start_method_t start_method; /**< of the server process */
  /**
   * NULL: a private local address. "host:port": TCP, for remote clients
   * (port 0 picks a free port; see mproc_manager_address()).
   */
  const char *address;
  const void *authkey; /**< NULL: the process auth key */
  size_t authkey_len;  /**< its length, 1 to MPROC_AUTHKEY_MAX */
} mproc_manager_options_t;

/**
 * An object that a manager's server exposes by name, so that any client
 * holding only the address and the key reaches it (CPython's
 * BaseManager.register(typeid, callable=...) with a client that calls
 * manager.TYPEID() after connect()).
 */
typedef struct mproc_manager_shared {
  const char *name; /**< what clients ask mproc_manager_get() for */
  /**
   * A hosted type as mproc_proxy_type_name() names it ("Queue",
   * "JoinableQueue", "dict", "list", "Lock", "RLock", "Semaphore",
   * "BoundedSemaphore", "Condition", "Event", "Barrier"), or a user type's
   * name (mproc_manager_register_type(), created without arguments).
   */
  const char *type;
  /** A queue's maxsize, a semaphore's value, a barrier's parties; else 0. */
  int64_t param;
  /**
   * false: one object, made when the server starts, that every client
   * shares (register('get_queue', callable=lambda: queue)); it lives as
   * long as the server. true: each mproc_manager_get() makes a new one
   * (register('Foo', callable=Foo)).
   */
  bool per_call;
} mproc_manager_shared_t;

/**
 * Starts a manager's server process (CPython's Manager().start()). @p opts
 * may be NULL. Returns once the server accepts connections.
 * @param out Receives the new manager, owned by the caller: release it with
 *   mproc_manager_shutdown().
 * @param opts Options, or NULL.
 * @return 0, MPROC_E_SPAWN, MPROC_E_INVAL for a bad address or key,
 *   MPROC_E_SYS, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   Until the server accepts connections. Safe from several threads at once.
 */
MPROC_API int mproc_manager_start(mproc_manager_t **out,
                                  const mproc_manager_options_t *opts);

/**
 * What a server is given to do before it accepts connections (kept apart
 * from mproc_manager_options_t, whose positional initializers in existing
 * programs must keep compiling warning-free). Zero-initialise it.
 */
typedef struct mproc_manager_setup {
  /** Objects the server exposes by name (see mproc_manager_shared_t);
   * copied by mproc_manager_start_with(). */
  const struct mproc_manager_shared *shared;
  size_t nshared; /**< entries in @p shared */
  /**
   * Run in the server process before it accepts connections, with
   * @p initargs (CPython's start(initializer, initargs)). It must be
   * registered (mproc_register()), as the server may be spawned; a non-zero
   * return ends the server, and mproc_manager_start_with() fails with
   * MPROC_E_SPAWN naming the exit code. NULL: none.
   */
  mproc_fn initializer;
  const mproc_value_t *initargs; /**< crosses as process arguments do */
  size_t ninitargs;              /**< values in @p initargs */
} mproc_manager_setup_t;

/**
 * mproc_manager_start() with a setup: objects shared by name (CPython's
 * BaseManager.register(typeid, callable=...) before start()) and an
 * initializer (CPython's start(initializer, initargs)). Returns once the
 * initializer has run and the shared objects exist, and the server accepts
 * connections.
 * @param out the manager, owned by the caller (mproc_manager_shutdown())
 * @param opts as mproc_manager_start()'s; may be NULL
 * @param setup may be NULL (then this is mproc_manager_start())
 * @return 0; MPROC_E_INVAL for an unregistered initializer or NULL arrays
 *   with counts; MPROC_E_TYPE for a shared entry whose type is not hosted
 *   (nor registered with mproc_manager_register_type()); MPROC_E_VALUE for
 *   a name given twice or a param out of range; MPROC_E_SPAWN when the
 *   server exits first (the initializer's non-zero return is the exit
 *   code the message names); mproc_manager_start()'s errors.
 */
MPROC_API int mproc_manager_start_with(mproc_manager_t **out,
                                       const mproc_manager_options_t *opts,
                                       const mproc_manager_setup_t *setup);

/**
 * Connects to a running manager by address and key (the remote case). The
 * key is checked now: a wrong key is MPROC_E_PERM. The server may be an
 * mproc manager's or a CPython SyncManager's or BaseManager's (3.8 and
 * later): which one, the first reply tells (mproc_manager_protocol(),
 * which also lists what differs with CPython's).
 * @param out Receives the new manager, owned by the caller: release it with
 *   mproc_manager_shutdown().
 * @param address The server's address.
 * @param authkey The key.
 * @param keylen Its length, 1 to MPROC_AUTHKEY_MAX.
 * @return 0, MPROC_E_PERM for a wrong key, MPROC_E_INVAL for a bad address or
 *   key, a connection error (MPROC_E_CLOSED, MPROC_E_SYS) when nothing
 *   answers.
 * @par Blocking and threads
 *   For the connection and the handshake. Safe from several threads at once.
 */
MPROC_API int mproc_manager_connect(mproc_manager_t **out, const char *address,
                                    const void *authkey, size_t keylen);

/** The manager protocols a connected manager may speak
 * (mproc_manager_protocol()). */
#define MPROC_MANAGER_PROTOCOL_MPROC 1   /**< an mproc server */
#define MPROC_MANAGER_PROTOCOL_CPYTHON 2 /**< CPython's BaseManager */

/**
 * The protocol a manager's server speaks: MPROC_MANAGER_PROTOCOL_MPROC for
 * one started by mproc_manager_start() or an mproc server connected to,
 * MPROC_MANAGER_PROTOCOL_CPYTHON for a CPython SyncManager or BaseManager
 * server that mproc_manager_connect() reached (it tells them apart by the
 * server's answer to its first request, which it sends anyway).
 *
 * With a CPython server the same calls work, with these differences: a
 * proxy holds one reference on the server, dropped by
 * mproc_proxy_destroy() or when the process ends, as CPython's proxies
 * do (an encoded copy holds one from its encoding: a child's argument
 * drops it when the child ends, used or not; a copy decoded elsewhere, a
 * queue's item say, once it has been used, so one never used keeps the
 * object until the server ends); each thread calls through connections
 * of its own, since CPython's server owns an RLock by the thread serving
 * the connection; mproc_manager_get()
 * calls the typeid registered under that name (BaseManager.register(name,
 * callable)) and makes a proxy of the kind its exposed methods show (a
 * queue.Queue, a dict, a Lock, ...), or a proxy whose methods
 * mproc_proxy_call() calls by name when they show none; an exception no
 * code stands for is MPROC_E_REMOTE, whose message is its type and text.
 * What CPython's server cannot do is MPROC_E_NOTSUP with a message:
 * mproc_proxy_lock_value(), a Barrier's parties, n_waiting and broken
 * (BarrierProxy's attributes), a Barrier action, a join() with a timeout,
 * an Array's slices, mproc_manager_create() of a user type. Values cross
 * as pickles: what mproc's values hold arrives as such; anything else (a
 * set, an int beyond 64 bits, an instance) stays a pickle that Python
 * reads back unchanged, and that mproc_decode() refuses in C.
 * @param m The manager.
 * @return A MPROC_MANAGER_PROTOCOL_* number, or MPROC_E_INVAL for NULL
 *   (MPROC_E_TYPE for a manager no longer live).
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API int mproc_manager_protocol(const mproc_manager_t *m);

/**
 * The address clients connect to (valid while @p m lives).
 * @param m The manager.
 * @return A string owned by @p m, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API const char *mproc_manager_address(const mproc_manager_t *m);

/**
 * For a manager this process started: stops the server (waiting clients get
 * MPROC_E_CLOSED), waits for it and removes its socket. For a connected
 * one: disconnects. Frees @p m either way. NULL is allowed.
 * @param m The manager, or NULL.
 * @return 0, MPROC_E_SYS.
 * @par Blocking and threads
 *   Until the server has exited. Not while another thread still uses the
 *   object: destroy it once every thread is done with it.
 */
MPROC_API int mproc_manager_shutdown(mproc_manager_t *m);

/* Creating hosted objects. Each returns a new proxy (destroy it with
 * mproc_proxy_destroy()). */
/**
 * A new Lock hosted by the manager (manager.Lock()).
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_lock(mproc_manager_t *m, mproc_proxy_t **out);
/**
 * A new RLock hosted by the manager (manager.RLock()).
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_rlock(mproc_manager_t *m, mproc_proxy_t **out);
/**
 * A new Semaphore hosted by the manager (manager.Semaphore()).
 * @param m The manager.
 * @param value The initial value.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_semaphore(mproc_manager_t *m, unsigned int value,
                                      mproc_proxy_t **out);
/**
 * A new BoundedSemaphore hosted by the manager (manager.BoundedSemaphore()).
 * @param m The manager.
 * @param value The initial value, also the bound.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_bounded_semaphore(mproc_manager_t *m,
                                              unsigned int value,
                                              mproc_proxy_t **out);
/**
 * A Condition with its own RLock.
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_condition(mproc_manager_t *m, mproc_proxy_t **out);
/**
 * A new Event hosted by the manager (manager.Event()).
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_event(mproc_manager_t *m, mproc_proxy_t **out);
/**
 * A new Barrier hosted by the manager (manager.Barrier()).
 * @param m The manager.
 * @param parties The number of parties.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_barrier(mproc_manager_t *m, unsigned int parties,
                                    mproc_proxy_t **out);
/**
 * @p maxsize 0: unbounded.
 * @param m The manager.
 * @param maxsize The most items; 0: unbounded.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_queue(mproc_manager_t *m, size_t maxsize,
                                  mproc_proxy_t **out);
/**
 * A new JoinableQueue hosted by the manager (manager.JoinableQueue()).
 * @param m The manager.
 * @param maxsize The most items; 0: unbounded.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_joinable_queue(mproc_manager_t *m, size_t maxsize,
                                           mproc_proxy_t **out);
/**
 * A Value holding @p initial (any value that mproc_encode() accepts).
 * @param m The manager.
 * @param initial The initial value, encoded (copied).
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_value(mproc_manager_t *m,
                                  const mproc_value_t *initial,
                                  mproc_proxy_t **out);
/**
 * An empty dict (manager.dict()) and list (manager.list()).
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_dict(mproc_manager_t *m, mproc_proxy_t **out);
/**
 * A new list hosted by the manager (manager.list()).
 * @param m The manager.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_list(mproc_manager_t *m, mproc_proxy_t **out);
/** manager.dict(mapping): filled from a dict value, or a list or tuple of
 * (key, value) pairs, as mproc_proxy_dict_update() takes them.
 * @param m The manager.
 * @param init A dict, or a list or tuple of (key, value) pairs; copied.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_dict_from(mproc_manager_t *m,
                                      const mproc_value_t *init,
                                      mproc_proxy_t **out);
/**
 * manager.list(sequence): filled from a list or tuple value.
 * @param m The manager.
 * @param init A list or tuple value; copied.
 * @param out Receives a new proxy, owned by the caller
 *   (mproc_proxy_destroy()).
 * @return 0, MPROC_E_CLOSED when the manager is gone, MPROC_E_NOMEM.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_manager_list_from(mproc_manager_t *m,
                                      const mproc_value_t *init,
                                      mproc_proxy_t **out);

/**
 * A proxy to the object the server exposes as @p name (CPython:
 * manager.get_queue() for a typeid registered with a callable; see
 * mproc_manager_setup_t.shared). Works on a started and on a connected
 * manager alike; one request and its reply.
 * @param m the manager (started or connected)
 * @param name the name the server registered
 * @param out a new proxy, owned by the caller (mproc_proxy_destroy())
 * @return 0; MPROC_E_KEY, with CPython's message "KeyError: 'name'", when
 *   the server exposes no such name; MPROC_E_CLOSED when the manager is
 *   gone; MPROC_E_INVAL for NULL arguments.
 */
MPROC_API int mproc_manager_get(mproc_manager_t *m, const char *name,
                                mproc_proxy_t **out);

/**
 * The pid of the server process of a manager this process started
 * (CPython's manager._process.pid).
 * @param m the manager
 * @return the pid, or 0 for a connected manager (its server is another
 *   program's), for NULL and for a manager whose server has been reaped.
 */
MPROC_API int64_t mproc_manager_pid(const mproc_manager_t *m);

/**
 * Waits for the server process of a manager this process started to exit
 * (CPython's BaseManager.join(timeout)); it does not ask it to (see
 * mproc_manager_shutdown()). Blocks up to @p timeout.
 * @param m the manager
 * @param timeout seconds; MPROC_FOREVER waits as long as it takes
 * @return 0 once the server has exited (mproc_manager_shutdown() still
 *   frees @p m); MPROC_E_TIMEOUT if it still runs; MPROC_E_STATE for a
 *   connected manager, whose server is not this process's child.
 */
MPROC_API int mproc_manager_join(mproc_manager_t *m, double timeout);

/**
 * Sets the TCP keepalive of manager connections over TCP ("host:port"),
 * so that a call to a manager whose machine vanished (no FIN, no RST: a
 * power cut, a pulled cable) fails with MPROC_E_CLOSED instead of waiting
 * forever (CPython's remote managers have no such bound). Applies, in this
 * process, to connections opened afterwards, clients' and a server's alike;
 * a spawned server has the setting of its program's run up to mproc_boot()
 * (set it before mproc_boot() for both ends), a fork server this process's.
 *
 * The bound: a call waiting for its reply fails at most
 * @p idle_s + @p interval_s × @p count seconds after the peer's last sign
 * of life (60 s by default: 30 + 10 × 3). On Linux the same bound covers a
 * request still unacknowledged when the peer vanished (TCP_USER_TIMEOUT)
 * and a connect() to a peer that never answers; on Windows the count is
 * the system's (10) unless it has TCP_KEEPCNT (Windows 10 1703), and
 * TCP_MAXRT bounds the unacknowledged request. A local manager (Unix
 * socket, named pipe) needs none: its peer's death closes the connection.
 * Blocks nothing; not thread-safe with connections being opened.
 * @param idle_s seconds of silence before the first probe (1 to 32767)
 * @param interval_s seconds between probes (1 to 32767)
 * @param count unanswered probes that end the connection (1 to 127)
 * @return 0, or MPROC_E_VALUE for a value out of range.
 */
MPROC_API int mproc_manager_set_keepalive(unsigned idle_s, unsigned interval_s,
                                          unsigned count);

/**
 * A method of a user-defined hosted type. It runs in the server, under the
 * lock that every hosted object shares, so it must not block.
 * @param self what the type's create function made
 * @param args the caller's arguments, decoded in the server
 * @param nargs how many
 * @param result None on entry; set it to the value to return, which may
 *   point into @p self or static storage (the server encodes it as soon as
 *   the method returns)
 * @return 0, or a negative MPROC_E_* status that the caller receives (with
 *   the last error message set in the server, if any)
 */
typedef int (*mproc_method_fn)(void *self, const mproc_value_t *args,
                               size_t nargs, mproc_value_t *result);

/** One named method of a user-defined hosted type. */
typedef struct mproc_manager_method {
  const char *name;   /**< what mproc_proxy_call() names */
  mproc_method_fn fn; /**< runs it */
} mproc_manager_method_t;

/**
 * A user-defined type that a manager hosts (CPython's
 * BaseManager.register(typeid, callable, exposed=...)). The table is not
 * copied: give static storage.
 */
typedef struct mproc_manager_type {
  const char *name; /**< the type's name: mproc_manager_create()'s @p type */
  /** Makes an object from the creator's arguments (decoded in the
   * server); 0, or a negative MPROC_E_* status that the creator receives. */
  int (*create)(const mproc_value_t *args, size_t nargs, void **self);
  /** Frees it once no proxy refers to it (may be NULL). */
  void (*destroy)(void *self);
  const mproc_manager_method_t *methods; /**< its methods */
  size_t nmethods;                       /**< entries in @p methods */
  /**
   * The names proxies may call (CPython's exposed=); calling any other is
   * MPROC_E_PERM with CPython's message "method 'x' of 'Type' object is
   * not in exposed=(...)". NULL: every method whose name does not start
   * with '_' (CPython's public_methods()).
   */
  const char *const *exposed;
  size_t nexposed; /**< entries in @p exposed */
} mproc_manager_type_t;

/**
 * Registers a user-defined hosted type, in every program that starts a
 * manager hosting it, before mproc_boot() (a spawned server is the program
 * again and finds the type by name, as children find functions). Clients
 * need no registration: they name the type and its methods.
 * @param t the type (not copied)
 * @return 0 (also for the same table registered again); MPROC_E_STATE when
 *   the name is a built-in type's or another table's, or past 64 types;
 *   MPROC_E_INVAL for a NULL or incomplete table.
 */
MPROC_API int mproc_manager_register_type(const mproc_manager_type_t *t);

/**
 * Creates an object of a registered user type in the server (CPython:
 * manager.Foo(*args) for register('Foo', Foo)). One request and its reply.
 * @param m the manager
 * @param type the registered type's name (registered in the server's
 *   program)
 * @param args arguments for the type's create function (encoded as
 *   mproc_encode() does; may be NULL when @p nargs is 0)
 * @param nargs how many
 * @param out a new proxy, owned by the caller (mproc_proxy_destroy())
 * @return 0; MPROC_E_KEY ("KeyError: 'Type'") when the server has no such
 *   type; the create function's status when it fails.
 */
MPROC_API int mproc_manager_create(mproc_manager_t *m, const char *type,
                                   const mproc_value_t *args, size_t nargs,
                                   mproc_proxy_t **out);

/**
 * Calls a method of a user-defined hosted object (CPython's
 * proxy._callmethod(name, args)). Blocks for one request and its reply.
 * @param p a proxy of a user type (else MPROC_E_TYPE)
 * @param method the method's name; one not exposed is MPROC_E_PERM
 *   ("method 'x' of 'Type' object is not in exposed=(...)")
 * @param args its arguments (may be NULL when @p nargs is 0)
 * @param nargs how many
 * @param result the method's result (None if it set none), one value owned
 *   by the caller (mproc_values_free(*result, 1)); may be NULL to drop it
 * @return 0, or the method's negative status with its message.
 */
MPROC_API int mproc_proxy_call(mproc_proxy_t *p, const char *method,
                               const mproc_value_t *args, size_t nargs,
                               mproc_value_t **result);

/**
 * Releases the proxy and its connections; the object is freed once no
 * proxy refers to it. NULL is allowed.
 * @param p The proxy, or NULL.
 * @par Blocking and threads
 *   One message to the server (not waited for when it is gone). Not while
 *   another thread still uses the object: destroy it once every thread is done
 *   with it.
 */
MPROC_API void mproc_proxy_destroy(mproc_proxy_t *p);

/**
 * MPROC_E_TYPE unless @p v holds a proxy. The proxy belongs to @p v.
 * @param v The value, usually a process argument.
 * @param out Receives the proxy, borrowed from @p v: valid while the value is
 *   (a child's arguments: for the whole child); do not destroy it.
 * @return 0, MPROC_E_TYPE unless @p v holds a proxy, MPROC_E_INVAL for NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads: it only reads its arguments.
 */
MPROC_API int mproc_value_as_proxy(const mproc_value_t *v, mproc_proxy_t **out);

/**
 * The hosted type's name ("Lock", "Queue", "dict", ...), or NULL.
 * @param p The proxy.
 * @return A static string, or NULL.
 * @par Blocking and threads
 *   Does not wait. Safe from several threads at once.
 */
MPROC_API const char *mproc_proxy_type_name(const mproc_proxy_t *p);

/*
 * Operations. A proxy of the wrong type is MPROC_E_TYPE. Values returned
 * through `mproc_value_t **out` are one value owned by the caller: free it
 * with mproc_values_free(*out, 1).
 *
 * Lock, RLock: acquire(timeout) is 0 or MPROC_E_TIMEOUT, or
 * MPROC_E_OWNER_DEAD when the previous holder's process died holding it:
 * the caller then holds the lock, and should repair what it protects.
 * Releasing a Lock that is not held is MPROC_E_VALUE; an RLock the calling
 * thread does not own, MPROC_E_PERM. These also serve Semaphore,
 * BoundedSemaphore (release past the initial value: MPROC_E_VALUE) and
 * Condition (its lock).
 */
/**
 * Acquires a hosted Lock, RLock, Semaphore, BoundedSemaphore or Condition (see
 *   above).
 * @param p The proxy.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_OWNER_DEAD, MPROC_E_TYPE for a proxy of
 *   another type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_acquire(mproc_proxy_t *p, double timeout);
/**
 * Releases a hosted lock (see mproc_proxy_acquire()).
 * @param p The proxy.
 * @return 0, MPROC_E_VALUE, MPROC_E_PERM, MPROC_E_TYPE for a proxy of another
 *   type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_release(mproc_proxy_t *p);
/**
 * Lock: 1 if held, 0 if not. Semaphore: the value.
 * @param p The proxy.
 * @param out Receives the value.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_lock_value(mproc_proxy_t *p, int64_t *out);

/** Condition. wait: 0 when notified, MPROC_E_TIMEOUT; the caller must hold
 * the condition's lock (MPROC_E_PERM otherwise), and holds it again on
 * return.
 * @param p The proxy.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_PERM, MPROC_E_TYPE for a proxy of
 *   another type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_condition_wait(mproc_proxy_t *p, double timeout);
/**
 * Wakes up to @p n waiters of a hosted Condition.
 * @param p The proxy.
 * @param n How many waiters to wake.
 * @return 0, MPROC_E_PERM, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_condition_notify(mproc_proxy_t *p, unsigned int n);
/**
 * Wakes every waiter of a hosted Condition.
 * @param p The proxy.
 * @return 0, MPROC_E_PERM, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_condition_notify_all(mproc_proxy_t *p);
/**
 * cond.wait_for(predicate, timeout) (CPython's Condition.wait_for, which
 * the manager's Condition proxy runs in the client): calls @p pred(@p arg)
 * here, in the caller, and while it is false waits in the manager
 * (mproc_proxy_condition_wait()) for what remains of @p timeout, then
 * calls it again. The caller must hold the condition's lock, and holds it
 * again on return; @p pred runs with it held and may call other proxies.
 * Blocks up to @p timeout.
 * @param p a Condition proxy
 * @param pred the predicate; its last result is the call's
 * @param arg passed to @p pred
 * @param timeout seconds for the whole call, or MPROC_FOREVER
 * @return 0 when @p pred returned true, MPROC_E_TIMEOUT when it was still
 *   false at the end of @p timeout (CPython returns the last result, False),
 *   MPROC_E_PERM when the lock is not held, MPROC_E_CLOSED when the manager
 *   is gone
 */
MPROC_API int mproc_proxy_condition_wait_for(mproc_proxy_t *p,
                                             mproc_predicate_fn pred, void *arg,
                                             double timeout);

/**
 * Event. wait: 0 once set, MPROC_E_TIMEOUT if it was not set in time.
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_event_set(mproc_proxy_t *p);
/**
 * Clears a hosted Event.
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_event_clear(mproc_proxy_t *p);
/**
 * 1 if set, 0 if not.
 * @param p The proxy.
 * @return 1, 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when
 *   the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_event_is_set(mproc_proxy_t *p);
/**
 * Waits for a hosted Event (see mproc_proxy_event_set()).
 * @param p The proxy.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_event_wait(mproc_proxy_t *p, double timeout);

/** Barrier. wait: 0 with the arrival index in @p index (may be NULL), or
 * MPROC_E_BROKEN (aborted, reset, or a waiter timed out, which breaks it).
 * @param p The proxy.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll, or
 *   MPROC_DEFAULT_TIMEOUT for the default given to mproc_manager_barrier_ex()
 *   (one more round trip to learn it).
 * @param index Receives the arrival index, or NULL.
 * @return 0, MPROC_E_BROKEN (also when this wait timed out, as CPython's
 *   BrokenBarrierError), MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_barrier_wait(mproc_proxy_t *p, double timeout,
                                       int64_t *index);
/**
 * Breaks a hosted Barrier.
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_barrier_abort(mproc_proxy_t *p);
/**
 * Resets a hosted Barrier.
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_barrier_reset(mproc_proxy_t *p);
/**
 * manager.Barrier(parties, action, timeout): a Barrier whose action runs
 * in the manager's server process, as CPython's manager Barrier (a
 * threading.Barrier in the server) runs its action there, once per
 * generation, when the last party arrives and before any party is
 * released. The action is a function registered with mproc_register()
 * (the server is started from this program, so it finds it by name; a
 * manager another program started must have registered it under the same
 * name); it is called as action(action_args, action_nargs), and a nonzero
 * result breaks the barrier: every waiter gets MPROC_E_BROKEN, as when
 * CPython's action raises. While it runs the rest of the manager serves
 * other requests. opts->timeout is the default of a wait given
 * MPROC_DEFAULT_TIMEOUT (0: none). The options are those of
 * mproc_barrier_create_ex(), with the same rules for the arguments.
 * @param m the manager
 * @param parties the number of parties, at least 1
 * @param opts NULL, or the action, its arguments (copied) and the default
 *   timeout
 * @param out the new proxy, owned by the caller (mproc_proxy_destroy())
 * @return 0, MPROC_E_VALUE for 0 parties, MPROC_E_INVAL for an action
 *   not registered or a bad timeout, MPROC_E_TYPE for an object among the
 *   arguments, MPROC_E_TOOBIG past MPROC_BARRIER_ARGS_MAX bytes
 */
MPROC_API int mproc_manager_barrier_ex(mproc_manager_t *m, unsigned int parties,
                                       const mproc_barrier_options_t *opts,
                                       mproc_proxy_t **out);
/**
 * b.parties (the Barrier proxy's parties property): one round trip.
 * @param p a Barrier proxy
 * @return the number of parties, or a negative status
 */
MPROC_API int mproc_proxy_barrier_parties(mproc_proxy_t *p);
/**
 * b.n_waiting: the parties waiting now (0 while the action runs, as
 * threading.Barrier's, whose waiters are then being released).
 * @param p a Barrier proxy
 * @return the count, or a negative status
 */
MPROC_API int mproc_proxy_barrier_n_waiting(mproc_proxy_t *p);
/**
 * b.broken.
 * @param p a Barrier proxy
 * @return 1 if broken, 0 if not, or a negative status
 */
MPROC_API int mproc_proxy_barrier_broken(mproc_proxy_t *p);

/** Queue, JoinableQueue (both are CPython's queue.Queue: each has
 * task_done and join). put (put()) on a full queue and get (get()) on an
 * empty one wait up to @p timeout, then fail as a local queue's do:
 * MPROC_E_FULL (queue.Full) and MPROC_E_EMPTY (queue.Empty). size is
 * qsize(). task_done (task_done()) past the number of items put is
 * MPROC_E_VALUE ("task_done() called too many times"); join (join()) waits
 * until every item put has been marked done, MPROC_E_TIMEOUT when
 * @p timeout passes first (CPython's join has no timeout). full (full()):
 * 1 if the queue has a maxsize and holds that many items, else 0.
 *
 * A put, like every proxy call, returns once the manager has stored the
 * item: the item is there even if the caller exits or is killed right
 * after. A get or put that waits in the manager and whose caller dies
 * takes nothing: an item it could not hand over goes back to the front of
 * the queue (on a TCP manager, an item taken in the instant its caller
 * dies may be lost with it, as one taken just before).
 * @param p The proxy.
 * @param v The item, encoded (copied) before the call returns.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_FULL, MPROC_E_TOOBIG, MPROC_E_TYPE for a proxy of another
 *   type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_queue_put(mproc_proxy_t *p, const mproc_value_t *v,
                                    double timeout);
/**
 * Takes an item from a hosted queue (see mproc_proxy_queue_put()).
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_EMPTY, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_queue_get(mproc_proxy_t *p, mproc_value_t **out,
                                    double timeout);
/**
 * qsize() of a hosted queue.
 * @param p The proxy.
 * @param out Receives the count.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_queue_size(mproc_proxy_t *p, size_t *out);
/**
 * full() of a hosted queue.
 * @param p The proxy.
 * @return 1, 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when
 *   the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_queue_full(mproc_proxy_t *p);
/**
 * task_done() of a hosted queue.
 * @param p The proxy.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_queue_task_done(mproc_proxy_t *p);
/**
 * join() of a hosted queue, with a timeout.
 * @param p The proxy.
 * @param timeout Seconds to wait: MPROC_FOREVER for no limit, 0 to poll.
 * @return 0, MPROC_E_TIMEOUT, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   Up to @p timeout in the server, plus a round trip. Safe from several
 *   threads at once.
 */
MPROC_API int mproc_proxy_queue_join(mproc_proxy_t *p, double timeout);

/**
 * Value.
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_value_get(mproc_proxy_t *p, mproc_value_t **out);
/**
 * Sets a hosted Value (value.set(v)).
 * @param p The proxy.
 * @param v The new value, encoded (copied).
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_value_set(mproc_proxy_t *p, const mproc_value_t *v);

/*
 * dict (CPython's DictProxy). Keys are hashable values (None, bool, int,
 * float, str, bytes, tuples of these) and compare as Python's do: 1, 1.0
 * and True are one key, and the key first stored stays (setting 1.0 over
 * 1 changes the value, not the key). An unhashable key is MPROC_E_TYPE
 * ("unhashable type: 'list'"). A missing key is MPROC_E_KEY with
 * CPython's message naming it: "KeyError: 'x'". Order is insertion
 * order, as in Python. Values are any value mproc_encode() accepts.
 */
/**
 * d[key] = v (__setitem__).
 * @param p The proxy.
 * @param key The key (hashable).
 * @param v The value, copied.
 * @return 0, MPROC_E_TYPE for an unhashable key, MPROC_E_TYPE for a proxy of
 *   another type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_set(mproc_proxy_t *p, const mproc_value_t *key,
                                   const mproc_value_t *v);
/**
 * d[key] (__getitem__): MPROC_E_KEY when missing.
 * @param p The proxy.
 * @param key The key (hashable).
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_KEY, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_get(mproc_proxy_t *p, const mproc_value_t *key,
                                   mproc_value_t **out);
/** d.get(key, default) (get): a copy of @p dflt when missing (None when
 * @p dflt is NULL, as Python's default).
 * @param p The proxy.
 * @param key The key (hashable).
 * @param dflt The default, or NULL for None.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_get_default(mproc_proxy_t *p,
                                           const mproc_value_t *key,
                                           const mproc_value_t *dflt,
                                           mproc_value_t **out);
/**
 * del d[key] (__delitem__): MPROC_E_KEY when missing.
 * @param p The proxy.
 * @param key The key (hashable).
 * @return 0, MPROC_E_KEY, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_del(mproc_proxy_t *p, const mproc_value_t *key);
/**
 * key in d (__contains__): 1 or 0, or a negative status.
 * @param p The proxy.
 * @param key The key (hashable).
 * @return 1, 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when
 *   the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_contains(mproc_proxy_t *p,
                                        const mproc_value_t *key);
/**
 * len(d) (__len__).
 * @param p The proxy.
 * @param out Receives the number of entries.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_len(mproc_proxy_t *p, size_t *out);
/** d.pop(key[, default]) (pop): removes the key and gives its value in
 * *@p out (may be NULL). When missing: a copy of @p dflt, or MPROC_E_KEY
 * when @p dflt is NULL (Python's pop without a default).
 * @param p The proxy.
 * @param key The key (hashable).
 * @param dflt The default, or NULL for none.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)), or NULL.
 * @return 0, MPROC_E_KEY, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_pop(mproc_proxy_t *p, const mproc_value_t *key,
                                   const mproc_value_t *dflt,
                                   mproc_value_t **out);
/** d.popitem() (popitem): removes the entry inserted last and gives it as
 * a (key, value) tuple; MPROC_E_KEY "KeyError: 'popitem(): dictionary is
 * empty'" on an empty dict.
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_KEY, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_popitem(mproc_proxy_t *p, mproc_value_t **out);
/** d.setdefault(key, default) (setdefault): the value of @p key, which is
 * set to @p dflt (None when NULL) first if missing. @p out may be NULL.
 * @param p The proxy.
 * @param key The key (hashable).
 * @param dflt The default, or NULL for None.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)), or NULL.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_setdefault(mproc_proxy_t *p,
                                          const mproc_value_t *key,
                                          const mproc_value_t *dflt,
                                          mproc_value_t **out);
/** d.update(other) (update): @p other is a dict, or a list or tuple of
 * (key, value) pairs (MPROC_E_VALUE "dictionary update sequence element #1
 * has length 3; 2 is required" as CPython). Applied in one request: other
 * processes see all of it or none; a bad key changes nothing.
 * @param p The proxy.
 * @param other A dict, or a list or tuple of pairs.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_update(mproc_proxy_t *p,
                                      const mproc_value_t *other);
/**
 * d.clear() (clear).
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_clear(mproc_proxy_t *p);
/** list(d.keys()), list(d.values()), list(d.items()) (keys, values, items:
 * the views' contents as one list value; items are (key, value) tuples),
 * and d.copy() (copy: a dict value). One request each, so the whole dict
 * travels in one reply: one larger than MPROC_MANAGER_MAX_FRAME, or of
 * more than MPROC_VALUE_MAX_COUNT values, is MPROC_E_TOOBIG (the proxy
 * stays usable): iterate over such a dict instead.
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TOOBIG, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_keys(mproc_proxy_t *p, mproc_value_t **out);
/**
 * d.values() of a hosted dict (see mproc_proxy_dict_keys()).
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TOOBIG, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_values(mproc_proxy_t *p, mproc_value_t **out);
/**
 * d.items() of a hosted dict (see mproc_proxy_dict_keys()).
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TOOBIG, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_items(mproc_proxy_t *p, mproc_value_t **out);
/**
 * d.copy() of a hosted dict (see mproc_proxy_dict_keys()).
 * @param p The proxy.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_TOOBIG, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_dict_copy(mproc_proxy_t *p, mproc_value_t **out);

/**
 * Iteration without a copy of the whole container: for key, value in
 * d.items() (__iter__), for item in l. A cursor fetches entries in
 * batches (up to 1,024 entries or about 1 MiB of values per round trip):
 *
 *     mproc_proxy_cursor_t *cur = NULL;
 *     const mproc_value_t *k, *v;
 *     while ((rc = mproc_proxy_dict_next(d, &cur, &k, &v)) == 0)
 *       ...                      (k and v are valid until the next call)
 *     if (rc != MPROC_E_DONE) ...an error
 *
 * Start with *cursor NULL; each call gives the next entry and returns 0.
 * At the end the call returns MPROC_E_DONE, and on any error that error:
 * either way the cursor is freed and *cursor is NULL again. A loop left
 * early frees it with mproc_proxy_cursor_free().
 *
 * A dict that gains or loses a key while it is iterated fails the next
 * fetch with MPROC_E_STATE and CPython's message, "dictionary changed size
 * during iteration" (or "dictionary keys changed during iteration" when
 * its size is the same again); the final call, which finds the end, is
 * one more fetch, so a change after the last entry is reported too, as in
 * CPython. Entries already fetched are still delivered before it: a
 * change is seen at the next batch boundary, not at the next entry.
 * Changing the value of a present key is allowed, as in Python.
 * A list iterates by position, as CPython's list proxy does (index 0, 1,
 * ... until one is out of range): items added or removed meanwhile shift
 * what later batches see, and nothing fails.
 */
typedef struct mproc_proxy_cursor mproc_proxy_cursor_t;
/**
 * The next entry of a hosted dict (see mproc_proxy_cursor_t).
 * @param p The proxy.
 * @param cursor The cursor: NULL to start; freed and set to NULL at the end or
 *   on an error.
 * @param key Receives the key, owned by the cursor (valid until the next
 *   call).
 * @param value Receives the value, owned by the cursor (valid until the next
 *   call).
 * @return 0, MPROC_E_DONE at the end, MPROC_E_STATE when the dict changed
 *   size, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip per batch. Safe from several threads at once.
 */
MPROC_API int mproc_proxy_dict_next(mproc_proxy_t *p,
                                    mproc_proxy_cursor_t **cursor,
                                    const mproc_value_t **key,
                                    const mproc_value_t **value);
/**
 * The next item of a hosted list (see mproc_proxy_dict_next()).
 * @param p The proxy.
 * @param cursor The cursor: NULL to start; freed and set to NULL at the end or
 *   on an error.
 * @param item Receives the item, owned by the cursor (valid until the next
 *   call).
 * @return 0, MPROC_E_DONE at the end, MPROC_E_TYPE for a proxy of another
 *   type, MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip per batch. Safe from several threads at once.
 */
MPROC_API int mproc_proxy_list_next(mproc_proxy_t *p,
                                    mproc_proxy_cursor_t **cursor,
                                    const mproc_value_t **item);
/**
 * Frees a cursor a loop did not finish. NULL is allowed.
 * @param cursor The cursor, or NULL.
 * @par Blocking and threads
 *   Does not wait. One thread at a time: the object has a single user.
 */
MPROC_API void mproc_proxy_cursor_free(mproc_proxy_cursor_t *cursor);

/*
 * list (CPython's ListProxy). Indexes are Python's: negative ones count
 * from the end. An index out of range is MPROC_E_INDEX with CPython's
 * message ("list index out of range", "list assignment index out of
 * range", "pop from empty list", "pop index out of range"). Values compare
 * as Python's == (mproc_value_equal(): 1 == 1.0 == True).
 *
 * Slices take start, stop and step as Python's slice() does, and clamp as
 * it does; for a bound left out pass MPROC_SLICE_MIN or MPROC_SLICE_MAX:
 * l[2:] is (2, MPROC_SLICE_MAX, 1), l[::-1] is (MPROC_SLICE_MAX,
 * MPROC_SLICE_MIN, -1). A step of 0 is MPROC_E_VALUE ("slice step cannot
 * be zero").
 */
/** A slice bound left out, at the start of the list (see above). */
#define MPROC_SLICE_MIN INT64_MIN
/** A slice bound left out, at the end of the list (see above). */
#define MPROC_SLICE_MAX INT64_MAX
/**
 * l.append(v) (append).
 * @param p The proxy.
 * @param v The value, copied.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_append(mproc_proxy_t *p, const mproc_value_t *v);
/** l.extend(items) (extend): @p items is a list or tuple value, appended in
 * one request; anything else is MPROC_E_TYPE ("'int' object is not
 * iterable").
 * @param p The proxy.
 * @param items A list or tuple value, copied.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_extend(mproc_proxy_t *p,
                                      const mproc_value_t *items);
/**
 * l.insert(index, v) (insert): an index past either end inserts there.
 * @param p The proxy.
 * @param index Where; negative counts from the end.
 * @param v The value, copied.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_insert(mproc_proxy_t *p, int64_t index,
                                      const mproc_value_t *v);
/** l.pop(index) (pop; pass -1 for Python's default): removes the item and
 * gives it in *@p out (may be NULL).
 * @param p The proxy.
 * @param index Which; -1 for the last.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)), or NULL.
 * @return 0, MPROC_E_INDEX, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_pop(mproc_proxy_t *p, int64_t index,
                                   mproc_value_t **out);
/** l.remove(v) (remove): the first item equal to @p v; MPROC_E_VALUE
 * "list.remove(x): x not in list" if none.
 * @param p The proxy.
 * @param v The value to compare with.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_remove(mproc_proxy_t *p, const mproc_value_t *v);
/** l.index(v, start, stop) (index): the position of the first equal item
 * in l[start:stop] (pass 0 and MPROC_SLICE_MAX for the whole list);
 * MPROC_E_VALUE "3 is not in list" if none.
 * @param p The proxy.
 * @param v The value to find.
 * @param start Where to start.
 * @param stop Where to stop.
 * @param out Receives the index.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_index(mproc_proxy_t *p, const mproc_value_t *v,
                                     int64_t start, int64_t stop, size_t *out);
/**
 * l.count(v) (count).
 * @param p The proxy.
 * @param v The value to count.
 * @param out Receives the count.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_count(mproc_proxy_t *p, const mproc_value_t *v,
                                     size_t *out);
/**
 * l.reverse() (reverse).
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_reverse(mproc_proxy_t *p);
/**
 * l.sort(reverse=...) (sort, without key=): stable, as Python's, also with
 * @p reverse. Orders numbers (int, float and bool by value), str, bytes,
 * and tuples or lists of these; items that do not order are MPROC_E_TYPE
 * with CPython's message, "'<' not supported between instances of 'str'
 * and 'int'", and leave the list as it was.
 * @param p The proxy.
 * @param reverse true for descending order.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_sort(mproc_proxy_t *p, bool reverse);
/**
 * len(l) (__len__).
 * @param p The proxy.
 * @param out Receives the length.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_len(mproc_proxy_t *p, size_t *out);
/**
 * l[index] (__getitem__).
 * @param p The proxy.
 * @param index The index; negative counts from the end.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_INDEX, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_get(mproc_proxy_t *p, int64_t index,
                                   mproc_value_t **out);
/**
 * l[index] = v (__setitem__).
 * @param p The proxy.
 * @param index The index; negative counts from the end.
 * @param v The value, copied.
 * @return 0, MPROC_E_INDEX, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_set(mproc_proxy_t *p, int64_t index,
                                   const mproc_value_t *v);
/**
 * del l[index] (__delitem__).
 * @param p The proxy.
 * @param index The index; negative counts from the end.
 * @return 0, MPROC_E_INDEX, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_del(mproc_proxy_t *p, int64_t index);
/**
 * l[start:stop:step] (__getitem__ with a slice): a new list value.
 * @param p The proxy.
 * @param start The slice's start (or MPROC_SLICE_MIN / MPROC_SLICE_MAX).
 * @param stop Its stop (likewise).
 * @param step Its step, not 0.
 * @param out Receives one value owned by the caller (mproc_values_free(*out,
 *   1)).
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_get_slice(mproc_proxy_t *p, int64_t start,
                                         int64_t stop, int64_t step,
                                         mproc_value_t **out);
/** l[start:stop:step] = items (__setitem__ with a slice): @p items is a
 * list or tuple value. With step 1 it replaces the range, whatever the
 * lengths; otherwise the lengths must match (MPROC_E_VALUE "attempt to
 * assign sequence of size 2 to extended slice of size 3").
 * @param p The proxy.
 * @param start The slice's start (or MPROC_SLICE_MIN / MPROC_SLICE_MAX).
 * @param stop Its stop (likewise).
 * @param step Its step, not 0.
 * @param items A list or tuple value, copied.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_set_slice(mproc_proxy_t *p, int64_t start,
                                         int64_t stop, int64_t step,
                                         const mproc_value_t *items);
/**
 * del l[start:stop:step] (__delitem__ with a slice).
 * @param p The proxy.
 * @param start The slice's start (or MPROC_SLICE_MIN / MPROC_SLICE_MAX).
 * @param stop Its stop (likewise).
 * @param step Its step, not 0.
 * @return 0, MPROC_E_VALUE, MPROC_E_TYPE for a proxy of another type,
 *   MPROC_E_CLOSED when the manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_del_slice(mproc_proxy_t *p, int64_t start,
                                         int64_t stop, int64_t step);
/**
 * l.clear() (clear; CPython's ListProxy gained it in 3.13).
 * @param p The proxy.
 * @return 0, MPROC_E_TYPE for a proxy of another type, MPROC_E_CLOSED when the
 *   manager is gone.
 * @par Blocking and threads
 *   One round trip to the manager's server: blocks until it replies. Safe from
 *   several threads at once.
 */
MPROC_API int mproc_proxy_list_clear(mproc_proxy_t *p);

/**
 * Creates a Namespace (CPython's manager.Namespace(**attrs)): an object of
 * named attributes. Does not block beyond the one round trip.
 * @param m the manager
 * @param attrs NULL, or a dict value whose keys are str: the initial
 *   attributes (copied; the caller keeps it)
 * @param out the new proxy, owned by the caller (mproc_proxy_destroy())
 * @return 0, MPROC_E_TYPE when @p attrs is not a dict or a key is not a
 *   str, MPROC_E_CLOSED when the manager is gone
 */
MPROC_API int mproc_manager_namespace(mproc_manager_t *m,
                                      const mproc_value_t *attrs,
                                      mproc_proxy_t **out);
/**
 * getattr(ns, name) (NamespaceProxy.__getattr__).
 * @param p a Namespace proxy
 * @param name the attribute's name, a non-empty NUL-terminated string
 * @param out a copy of its value, owned by the caller
 *   (mproc_values_free(*out, 1))
 * @return 0, MPROC_E_ATTRIBUTE with CPython's message "'Namespace' object
 *   has no attribute 'x'" when missing, MPROC_E_TYPE for another proxy
 */
MPROC_API int mproc_proxy_namespace_get(mproc_proxy_t *p, const char *name,
                                        mproc_value_t **out);
/**
 * setattr(ns, name, v) (NamespaceProxy.__setattr__).
 * @param p a Namespace proxy
 * @param name the attribute's name
 * @param v any value mproc_encode() accepts (copied)
 * @return 0, or MPROC_E_TYPE for another proxy
 */
MPROC_API int mproc_proxy_namespace_set(mproc_proxy_t *p, const char *name,
                                        const mproc_value_t *v);
/**
 * delattr(ns, name) (NamespaceProxy.__delattr__).
 * @param p a Namespace proxy
 * @param name the attribute's name
 * @return 0, or MPROC_E_ATTRIBUTE ("'Namespace' object has no attribute
 *   'x'") when missing
 */
MPROC_API int mproc_proxy_namespace_del(mproc_proxy_t *p, const char *name);
/**
 * str(ns) (the server's Namespace.__repr__): "Namespace(a=1, b='x')",
 * attributes whose names start with '_' left out, sorted as CPython sorts
 * them (by the "name=value" text).
 * @param p a Namespace proxy
 * @param out a new NUL-terminated string, owned by the caller (mproc_free())
 * @return 0, or a negative status
 */
MPROC_API int mproc_proxy_namespace_repr(mproc_proxy_t *p, char **out);

/**
 * Creates an Array (CPython's manager.Array(typecode, sequence), an
 * array.array in the server). The typecode is enforced in the server for
 * every write, with array.array's checks: an int typecode (b, B, h, H, i,
 * I, l, L, q, Q, with C's sizes on the server's platform) takes int and
 * bool (else MPROC_E_TYPE "'float' object cannot be interpreted as an
 * integer"), and a value out of its range is MPROC_E_VALUE with CPython's
 * OverflowError message ("signed char is greater than maximum"); f and d
 * take int, bool and float (else MPROC_E_TYPE "must be real number, not
 * str"), f rounding to a C float as array.array does. 'u' (characters) is
 * MPROC_E_NOTSUP; any other typecode MPROC_E_VALUE "bad typecode (must be
 * b, B, u, h, H, i, I, l, L, q, Q, f or d)".
 * @param m the manager
 * @param typecode the item type, as array.array's
 * @param items a list or tuple value of the initial items (copied)
 * @param out the new proxy, owned by the caller (mproc_proxy_destroy())
 * @return 0, or one of the statuses above
 */
MPROC_API int mproc_manager_array(mproc_manager_t *m, char typecode,
                                  const mproc_value_t *items,
                                  mproc_proxy_t **out);
/**
 * len(a) (ArrayProxy.__len__).
 * @param p an Array proxy
 * @param out the number of items
 * @return 0, or a negative status
 */
MPROC_API int mproc_proxy_array_len(mproc_proxy_t *p, size_t *out);
/**
 * a[index] (ArrayProxy.__getitem__); negative indexes count from the end.
 * @param p an Array proxy
 * @param index the position
 * @param out the item, an int or a float value owned by the caller
 *   (mproc_values_free(*out, 1))
 * @return 0, or MPROC_E_INDEX "array index out of range"
 */
MPROC_API int mproc_proxy_array_get(mproc_proxy_t *p, int64_t index,
                                    mproc_value_t **out);
/**
 * a[index] = v (ArrayProxy.__setitem__), checked against the typecode
 * (see mproc_manager_array()).
 * @param p an Array proxy
 * @param index the position; negative ones count from the end
 * @param v the new item
 * @return 0, MPROC_E_INDEX "array assignment index out of range",
 *   MPROC_E_TYPE or MPROC_E_VALUE as mproc_manager_array() says
 */
MPROC_API int mproc_proxy_array_set(mproc_proxy_t *p, int64_t index,
                                    const mproc_value_t *v);
/**
 * a[start:stop:step] (ArrayProxy.__getitem__ with a slice; CPython gives
 * an array.array). Bounds as mproc_proxy_list_get_slice() takes them.
 * @param p an Array proxy
 * @param start, stop, step as Python's slice(); MPROC_SLICE_MIN and
 *   MPROC_SLICE_MAX for a bound left out
 * @param out a new list value of the items, owned by the caller
 * @return 0, or MPROC_E_VALUE "slice step cannot be zero"
 */
MPROC_API int mproc_proxy_array_get_slice(mproc_proxy_t *p, int64_t start,
                                          int64_t stop, int64_t step,
                                          mproc_value_t **out);

#ifdef __cplusplus
}
#endif
#endif /* MPROC_H */
