/*
 * mproc: Python's multiprocessing model for C, on POSIX and Windows.
 *
 * This is the one public header. Read it top to bottom:
 *
 *   1. Status codes and error details      (every call returns 0 or MPROC_E_*)
 *   2. Values                              (what crosses into a child)
 *   3. Booting and registered functions    (mproc_boot, mproc_register)
 *   4. Processes and start methods
 *   5. The Lock family                     (Lock, RLock, Semaphore,
 *                                           BoundedSemaphore)
 *
 * The sharing rule. Objects backed by shared memory or kernel objects (every
 * lock and semaphore) may reach another process only while that process is
 * being created: as arguments of mproc_process_start(). Encoding one at any
 * other time fails with MPROC_E_INHERITANCE and the detail message
 * "<Type> objects should only be shared between processes through
 * inheritance", exactly as in CPython.
 *
 * Timeouts are seconds as a double. MPROC_FOREVER (-1) waits without limit,
 * 0 polls, any other negative value or NaN is MPROC_E_INVAL.
 *
 * Thread safety: objects may be used from several threads at once, except
 * that a process handle must not be destroyed while another thread uses it.
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

#define MPROC_VERSION_MAJOR 0
#define MPROC_VERSION_MINOR 1
#define MPROC_VERSION_PATCH 0

/** Returns the library version as "MAJOR.MINOR.PATCH". */
MPROC_API const char *mproc_version(void);

/* ------------------------------------------------------------------------ */
/* 1. Status codes                                                          */
/* ------------------------------------------------------------------------ */

/*
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
  XX(E_SYS, -20, "operating system error")
/* New codes: -21 to -29 for synchronisation, -30 to -39 for queues, pipes and
 * shared memory, -40 to -49 for the pool, -50 to -59 for the manager; keep
 * the list in numeric order. */

/** Status codes. Every call that can fail returns 0 or one of these. */
typedef enum mproc_status {
  MPROC_OK = 0,
#define MPROC__XX(name, num, msg) MPROC_##name = (num),
  MPROC_ERRNO_MAP(MPROC__XX)
#undef MPROC__XX
} mproc_status_t;

/** A short English description of a status code ("timed out"). */
MPROC_API const char *mproc_strerror(int status);

/** The symbolic name of a status code ("MPROC_E_TIMEOUT"). */
MPROC_API const char *mproc_err_name(int status);

/**
 * The detail message of the last failing call made by this thread, for
 * example "Lock objects should only be shared between processes through
 * inheritance". Valid until the thread's next mproc call; never NULL (an
 * empty string when there is none).
 */
MPROC_API const char *mproc_last_error(void);

/* ------------------------------------------------------------------------ */
/* 2. Values                                                                */
/* ------------------------------------------------------------------------ */

/** An mproc object of any type (a lock, a semaphore, ...). */
typedef struct mproc_object mproc_object_t;

typedef enum mproc_value_type {
  MPROC_VALUE_NONE = 0,
  MPROC_VALUE_INT,    /**< int64_t */
  MPROC_VALUE_DOUBLE, /**< double */
  MPROC_VALUE_BOOL,   /**< bool */
  MPROC_VALUE_STR,    /**< NUL-terminated UTF-8 string */
  MPROC_VALUE_BYTES,  /**< bytes with a length */
  MPROC_VALUE_OBJECT  /**< a reference to an mproc object */
} mproc_value_type_t;

/**
 * A value: the C counterpart of a pickled argument. Values do not own what
 * they point to; build them with the constructors below.
 */
typedef struct mproc_value {
  mproc_value_type_t type;
  union {
    int64_t i;
    double d;
    bool b;
    const char *s; /**< NUL-terminated */
    struct {
      const void *ptr;
      size_t len;
    } bytes;
    mproc_object_t *obj;
  } u;
} mproc_value_t;

static inline mproc_value_t mproc_none(void) {
  mproc_value_t v;
  v.type = MPROC_VALUE_NONE;
  v.u.i = 0;
  return v;
}
static inline mproc_value_t mproc_int(int64_t i) {
  mproc_value_t v;
  v.type = MPROC_VALUE_INT;
  v.u.i = i;
  return v;
}
static inline mproc_value_t mproc_double(double d) {
  mproc_value_t v;
  v.type = MPROC_VALUE_DOUBLE;
  v.u.d = d;
  return v;
}
static inline mproc_value_t mproc_bool(bool b) {
  mproc_value_t v;
  v.type = MPROC_VALUE_BOOL;
  v.u.b = b;
  return v;
}
static inline mproc_value_t mproc_str(const char *s) {
  mproc_value_t v;
  v.type = MPROC_VALUE_STR;
  v.u.s = s;
  return v;
}
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
 */
static inline mproc_value_t mproc_obj(const void *object) {
  mproc_value_t v;
  v.type = MPROC_VALUE_OBJECT;
  v.u.obj = (mproc_object_t *)object;
  return v;
}

/* Typed getters: MPROC_E_TYPE when the value holds something else. */
MPROC_API int mproc_value_as_int(const mproc_value_t *v, int64_t *out);
MPROC_API int mproc_value_as_double(const mproc_value_t *v, double *out);
MPROC_API int mproc_value_as_bool(const mproc_value_t *v, bool *out);
MPROC_API int mproc_value_as_str(const mproc_value_t *v, const char **out);
MPROC_API int mproc_value_as_bytes(const mproc_value_t *v, const void **ptr,
                                   size_t *len);

/**
 * The type name of an object as CPython spells it ("Lock", "RLock",
 * "Semaphore", "BoundedSemaphore"), or NULL if @p object is not a live mproc
 * object.
 */
MPROC_API const char *mproc_object_type_name(const void *object);

/**
 * Encodes @p n values into a newly allocated buffer (free it with
 * mproc_free()). This is the path every value takes to another process
 * other than through process creation, so the sharing rule applies: an
 * object backed by shared memory fails with MPROC_E_INHERITANCE. Strings
 * must be valid NUL-terminated; bytes and strings are limited to
 * MPROC_VALUE_MAX_LEN.
 */
MPROC_API int mproc_encode(const mproc_value_t *vals, size_t n, void **buf,
                           size_t *len);

/**
 * Decodes a buffer made by mproc_encode(). On success *vals is an array of
 * *n values owned by the caller, released with mproc_values_free(); strings
 * and bytes point into it. Malformed input returns MPROC_E_DECODE.
 */
MPROC_API int mproc_decode(const void *buf, size_t len, mproc_value_t **vals,
                           size_t *n);

/** Frees an array returned by mproc_decode(). NULL is allowed. */
MPROC_API void mproc_values_free(mproc_value_t *vals, size_t n);

/** Frees memory returned by mproc (mproc_encode()'s buffer). */
MPROC_API void mproc_free(void *p);

/** The largest string or bytes value, and the most values in one encoding. */
#define MPROC_VALUE_MAX_LEN ((size_t)1 << 30)
#define MPROC_VALUE_MAX_COUNT ((size_t)1 << 20)

/* ------------------------------------------------------------------------ */
/* 3. Booting and registered functions                                      */
/* ------------------------------------------------------------------------ */

/**
 * The function a child process runs. @p args are the values given to
 * mproc_process_start(), with objects usable in this process. The return
 * value is the child's exit code (0 to 255 on POSIX).
 */
typedef int (*mproc_fn)(const mproc_value_t *args, size_t nargs);

/**
 * Registers @p fn under @p name. Functions cannot cross exec, so a spawned
 * child finds the function to run by name: every function a child may run
 * must be registered, in the same way in every run of the program, before
 * mproc_boot(). Registering the same name twice with different functions is
 * MPROC_E_STATE; at most 1024 functions.
 */
MPROC_API int mproc_register(const char *name, mproc_fn fn);

/**
 * The first call of main(), after the mproc_register() calls:
 *
 *     int main(int argc, char **argv) {
 *       mproc_register("worker", worker);
 *       mproc_boot(argc, argv);
 *       ...
 *
 * In a process started with the spawn method it runs the requested function
 * and exits with its result: it does not return. In any other process it
 * records how to re-execute the program and returns 0. Without it, the
 * spawn start method is unavailable (MPROC_E_STATE).
 */
MPROC_API int mproc_boot(int argc, char **argv);

/* ------------------------------------------------------------------------ */
/* 4. Processes                                                             */
/* ------------------------------------------------------------------------ */

typedef enum mproc_start_method {
  MPROC_START_DEFAULT = 0, /**< the process-wide default */
  MPROC_START_FORK = 1,    /**< POSIX only: the child is a copy (fork) */
  MPROC_START_SPAWN = 2    /**< the program is started again (exec or
                                CreateProcess) */
} mproc_start_method_t;

/** Whether @p method is available on this platform (1) or not (0). */
MPROC_API int mproc_start_method_available(mproc_start_method_t method);

/**
 * Sets the process-wide default start method (initially fork on POSIX,
 * spawn on Windows). MPROC_E_NOTSUP for a method this platform lacks.
 */
MPROC_API int mproc_set_start_method(mproc_start_method_t method);

/** The process-wide default start method. */
MPROC_API mproc_start_method_t mproc_get_start_method(void);

/**
 * Sets the program that spawn children run (CPython's set_executable()).
 * NULL restores the default, which is this program itself; the program must
 * call mproc_boot() and register the same functions. The string is copied.
 */
MPROC_API int mproc_set_executable(const char *path);

/** A waitable OS handle: a file descriptor on POSIX, a HANDLE on Windows. */
typedef intptr_t mproc_os_handle_t;

typedef struct mproc_process mproc_process_t;

typedef struct mproc_process_options {
  mproc_start_method_t start_method; /**< 0: the process-wide default */
  /**
   * A daemon child dies with its parent: PR_SET_PDEATHSIG on Linux (note
   * that Linux delivers it when the *thread* that started the child exits),
   * a job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE on Windows.
   */
  bool daemon;
} mproc_process_options_t;

/** Exit codes reported for children ended by mproc_process_terminate() and
 * mproc_process_kill() are -MPROC_SIGTERM and -MPROC_SIGKILL on every
 * platform, as CPython reports them. */
#define MPROC_SIGKILL 9
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
 */
MPROC_API int mproc_process_start(mproc_process_t **out, mproc_fn fn,
                                  const mproc_value_t *args, size_t nargs,
                                  const mproc_process_options_t *opts);

/**
 * Waits for the child to exit. 0 once it has exited, MPROC_E_TIMEOUT if it
 * is still running when @p timeout expires.
 */
MPROC_API int mproc_process_join(mproc_process_t *p, double timeout);

/**
 * The child's exit code once it has exited: >= 0 for a normal exit, -N when
 * it was ended by signal N (POSIX) or by mproc_process_terminate() (-15) /
 * mproc_process_kill() (-9) on either platform; a Windows child that crashed
 * reports its exception as the nearest signal (an access violation as -11).
 * MPROC_E_BUSY while it is still running.
 */
MPROC_API int mproc_process_exitcode(mproc_process_t *p, int *code);

/** 1 if the child is still running, 0 if it has exited, or an error. */
MPROC_API int mproc_process_is_alive(mproc_process_t *p);

/** Asks the child to end (SIGTERM; TerminateProcess on Windows). */
MPROC_API int mproc_process_terminate(mproc_process_t *p);

/** Ends the child at once (SIGKILL; TerminateProcess on Windows). */
MPROC_API int mproc_process_kill(mproc_process_t *p);

/** The child's process id. */
MPROC_API int64_t mproc_process_pid(const mproc_process_t *p);

/**
 * A handle that becomes ready (readable for poll(), signalled for
 * WaitForMultipleObjects()) when the child exits. Owned by @p p. On POSIX
 * systems without pidfd this is MPROC_E_NOTSUP.
 */
MPROC_API int mproc_process_sentinel(mproc_process_t *p,
                                     mproc_os_handle_t *out);

/**
 * Releases the process handle. A child that is still running is not
 * touched and the call fails with MPROC_E_BUSY (as CPython's close()):
 * join, terminate or kill it first. NULL is allowed.
 */
MPROC_API int mproc_process_destroy(mproc_process_t *p);

/**
 * Releases the process handle without waiting for a child that is still
 * running, which then runs on unobserved (CPython's equivalent is dropping
 * the last reference to a Process). On POSIX the child, once it exits,
 * stays a zombie until this process exits or reaps it; prefer join. NULL is
 * allowed.
 */
MPROC_API int mproc_process_detach(mproc_process_t *p);

/** The current process id. */
MPROC_API int64_t mproc_getpid(void);

/* ------------------------------------------------------------------------ */
/* 5. The Lock family                                                       */
/* ------------------------------------------------------------------------ */

/*
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
MPROC_API int mproc_lock_create(mproc_lock_t **out);
MPROC_API int mproc_lock_acquire(mproc_lock_t *l, double timeout);
/** Same as mproc_lock_acquire(l, 0): MPROC_E_BUSY if held. */
MPROC_API int mproc_lock_try_acquire(mproc_lock_t *l);
/** MPROC_E_VALUE if the lock is not held. */
MPROC_API int mproc_lock_release(mproc_lock_t *l);
/** 1 if held by anyone, 0 if free. */
MPROC_API int mproc_lock_locked(mproc_lock_t *l);
MPROC_API void mproc_lock_destroy(mproc_lock_t *l);

/**
 * RLock: recursive; owned by one thread of one process, which must release
 * it as many times as it acquired it. Releasing an RLock the caller does not
 * own is MPROC_E_PERM.
 */
typedef struct mproc_rlock mproc_rlock_t;
MPROC_API int mproc_rlock_create(mproc_rlock_t **out);
MPROC_API int mproc_rlock_acquire(mproc_rlock_t *l, double timeout);
MPROC_API int mproc_rlock_try_acquire(mproc_rlock_t *l);
MPROC_API int mproc_rlock_release(mproc_rlock_t *l);
/** The calling thread's recursion depth (0 if it does not own it). */
MPROC_API int mproc_rlock_count(mproc_rlock_t *l);
MPROC_API void mproc_rlock_destroy(mproc_rlock_t *l);

/**
 * Semaphore and BoundedSemaphore share one type. A bounded semaphore's
 * release past its initial value is MPROC_E_VALUE; an unbounded one's past
 * MPROC_SEM_VALUE_MAX is MPROC_E_VALUE too.
 */
typedef struct mproc_semaphore mproc_semaphore_t;
#define MPROC_SEM_VALUE_MAX 0x7fffffff
MPROC_API int mproc_semaphore_create(mproc_semaphore_t **out,
                                     unsigned int value);
MPROC_API int mproc_bounded_semaphore_create(mproc_semaphore_t **out,
                                             unsigned int value);
MPROC_API int mproc_semaphore_acquire(mproc_semaphore_t *s, double timeout);
MPROC_API int mproc_semaphore_try_acquire(mproc_semaphore_t *s);
MPROC_API int mproc_semaphore_release(mproc_semaphore_t *s);
/** The current value (a snapshot). */
MPROC_API int mproc_semaphore_value(mproc_semaphore_t *s, unsigned int *out);
MPROC_API void mproc_semaphore_destroy(mproc_semaphore_t *s);

/*
 * Getters for objects received as arguments: MPROC_E_TYPE unless @p v holds
 * an object of that type (a semaphore getter accepts both kinds).
 */
MPROC_API int mproc_value_as_lock(const mproc_value_t *v, mproc_lock_t **out);
MPROC_API int mproc_value_as_rlock(const mproc_value_t *v, mproc_rlock_t **out);
MPROC_API int mproc_value_as_semaphore(const mproc_value_t *v,
                                       mproc_semaphore_t **out);

/* ------------------------------------------------------------------------ */
/* 6. Managers                                                              */
/* ------------------------------------------------------------------------ */

/*
 * A manager hosts objects in a server process; a proxy names one of them by
 * the server's address, an object id and its type. Proxies, unlike locks,
 * may cross to another process at any time: as process arguments (any start
 * method), and through any channel that carries encoded values
 * (mproc_encode()/mproc_decode()). A proxy received outside process
 * creation authenticates with the receiving process's own auth key (see
 * mproc_authkey()), which children inherit, as in CPython.
 *
 * Transport: a Unix socket in a private (mode 0700) directory on POSIX, a
 * named pipe admitting only the current user on Windows, or TCP for an
 * address "host:port". Every connection starts with a mutual HMAC-SHA256
 * challenge/response (CPython 3.12's shape): a wrong key is MPROC_E_PERM.
 * Messages are length-prefixed frames of at most MPROC_MANAGER_MAX_FRAME
 * bytes; the server closes a connection that sends anything malformed.
 *
 * Every proxy call is one request and one reply. Blocking operations wait in
 * the server with their timeout. A manager that went away, or shut down, is
 * MPROC_E_CLOSED, never a hang. A proxy keeps its object alive; the object is
 * freed when the last proxy to it (in any process) is destroyed or its
 * process dies. A proxy must stay alive until every process it was sent to
 * has decoded its copy.
 *
 * Proxies are safe to use from several threads (each thread in a call uses
 * its own connection) and, after fork, in the child (which opens its own).
 */
typedef struct mproc_manager mproc_manager_t;
typedef struct mproc_proxy mproc_proxy_t;

/** The largest frame (request or reply) a manager accepts: 64 MiB. */
#define MPROC_MANAGER_MAX_FRAME ((size_t)64 << 20)
/** The length of the process auth key; keys given explicitly may have 1 to
 * MPROC_AUTHKEY_MAX bytes. */
#define MPROC_AUTHKEY_LEN 32
#define MPROC_AUTHKEY_MAX 256

/**
 * This process's auth key (CPython's current_process().authkey): 32 random
 * bytes made by the main process and inherited by every child, whatever the
 * start method. Copies MPROC_AUTHKEY_LEN bytes to @p out.
 */
MPROC_API int mproc_authkey(uint8_t out[MPROC_AUTHKEY_LEN]);

typedef struct mproc_manager_options {
  mproc_start_method_t start_method; /**< of the server process */
  /**
   * NULL: a private local address. "host:port": TCP, for remote clients
   * (port 0 picks a free port; see mproc_manager_address()).
   */
  const char *address;
  const void *authkey; /**< NULL: the process auth key */
  size_t authkey_len;
} mproc_manager_options_t;

/**
 * Starts a manager's server process (CPython's Manager().start()). @p opts
 * may be NULL. Returns once the server accepts connections.
 */
MPROC_API int mproc_manager_start(mproc_manager_t **out,
                                  const mproc_manager_options_t *opts);

/**
 * Connects to a running manager by address and key (the remote case). The
 * key is checked now: a wrong key is MPROC_E_PERM.
 */
MPROC_API int mproc_manager_connect(mproc_manager_t **out, const char *address,
                                    const void *authkey, size_t keylen);

/** The address clients connect to (valid while @p m lives). */
MPROC_API const char *mproc_manager_address(const mproc_manager_t *m);

/**
 * For a manager this process started: stops the server (waiting clients get
 * MPROC_E_CLOSED), waits for it and removes its socket. For a connected
 * one: disconnects. Frees @p m either way. NULL is allowed.
 */
MPROC_API int mproc_manager_shutdown(mproc_manager_t *m);

/* Creating hosted objects. Each returns a new proxy (destroy it with
 * mproc_proxy_destroy()). */
MPROC_API int mproc_manager_lock(mproc_manager_t *m, mproc_proxy_t **out);
MPROC_API int mproc_manager_rlock(mproc_manager_t *m, mproc_proxy_t **out);
MPROC_API int mproc_manager_semaphore(mproc_manager_t *m, unsigned int value,
                                      mproc_proxy_t **out);
MPROC_API int mproc_manager_bounded_semaphore(mproc_manager_t *m,
                                              unsigned int value,
                                              mproc_proxy_t **out);
/** A Condition with its own RLock. */
MPROC_API int mproc_manager_condition(mproc_manager_t *m, mproc_proxy_t **out);
MPROC_API int mproc_manager_event(mproc_manager_t *m, mproc_proxy_t **out);
MPROC_API int mproc_manager_barrier(mproc_manager_t *m, unsigned int parties,
                                    mproc_proxy_t **out);
/** @p maxsize 0: unbounded. */
MPROC_API int mproc_manager_queue(mproc_manager_t *m, size_t maxsize,
                                  mproc_proxy_t **out);
MPROC_API int mproc_manager_joinable_queue(mproc_manager_t *m, size_t maxsize,
                                           mproc_proxy_t **out);
/** A Value holding @p initial (any value that mproc_encode() accepts). */
MPROC_API int mproc_manager_value(mproc_manager_t *m,
                                  const mproc_value_t *initial,
                                  mproc_proxy_t **out);
MPROC_API int mproc_manager_dict(mproc_manager_t *m, mproc_proxy_t **out);
MPROC_API int mproc_manager_list(mproc_manager_t *m, mproc_proxy_t **out);

/**
 * Releases the proxy and its connections; the object is freed once no
 * proxy refers to it. NULL is allowed.
 */
MPROC_API void mproc_proxy_destroy(mproc_proxy_t *p);

/** MPROC_E_TYPE unless @p v holds a proxy. The proxy belongs to @p v. */
MPROC_API int mproc_value_as_proxy(const mproc_value_t *v, mproc_proxy_t **out);

/** The hosted type's name ("Lock", "Queue", "dict", ...), or NULL. */
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
MPROC_API int mproc_proxy_acquire(mproc_proxy_t *p, double timeout);
MPROC_API int mproc_proxy_release(mproc_proxy_t *p);
/** Lock: 1 if held, 0 if not. Semaphore: the value. */
MPROC_API int mproc_proxy_lock_value(mproc_proxy_t *p, int64_t *out);

/** Condition. wait: 0 when notified, MPROC_E_TIMEOUT; the caller must hold
 * the condition's lock (MPROC_E_PERM otherwise), and holds it again on
 * return. */
MPROC_API int mproc_proxy_condition_wait(mproc_proxy_t *p, double timeout);
MPROC_API int mproc_proxy_condition_notify(mproc_proxy_t *p, unsigned int n);
MPROC_API int mproc_proxy_condition_notify_all(mproc_proxy_t *p);

/** Event. wait: 0 once set, MPROC_E_TIMEOUT if it was not set in time. */
MPROC_API int mproc_proxy_event_set(mproc_proxy_t *p);
MPROC_API int mproc_proxy_event_clear(mproc_proxy_t *p);
/** 1 if set, 0 if not. */
MPROC_API int mproc_proxy_event_is_set(mproc_proxy_t *p);
MPROC_API int mproc_proxy_event_wait(mproc_proxy_t *p, double timeout);

/** Barrier. wait: 0 with the arrival index in @p index (may be NULL), or
 * MPROC_E_BROKEN (aborted, reset, or a waiter timed out, which breaks it). */
MPROC_API int mproc_proxy_barrier_wait(mproc_proxy_t *p, double timeout,
                                       int64_t *index);
MPROC_API int mproc_proxy_barrier_abort(mproc_proxy_t *p);
MPROC_API int mproc_proxy_barrier_reset(mproc_proxy_t *p);

/** Queue, JoinableQueue. put on a full queue and get on an empty one wait up
 * to @p timeout, then MPROC_E_TIMEOUT. task_done past the number of items
 * put is MPROC_E_VALUE; join waits until every item is done.
 *
 * A put on an unbounded queue (maxsize 0) returns once the item is sent,
 * without waiting for the manager's reply, as a multiprocessing Queue's put
 * does: a get by another thread or process may briefly not see it yet (a
 * blocking get waits for it; a program with one thread sees it in its next
 * call on the same proxy). The rare failure to
 * store it (the manager is out of memory) is returned by the next call on
 * the proxy that returns no value. */
MPROC_API int mproc_proxy_queue_put(mproc_proxy_t *p, const mproc_value_t *v,
                                    double timeout);
MPROC_API int mproc_proxy_queue_get(mproc_proxy_t *p, mproc_value_t **out,
                                    double timeout);
MPROC_API int mproc_proxy_queue_size(mproc_proxy_t *p, size_t *out);
MPROC_API int mproc_proxy_queue_task_done(mproc_proxy_t *p);
MPROC_API int mproc_proxy_queue_join(mproc_proxy_t *p, double timeout);

/** Value. */
MPROC_API int mproc_proxy_value_get(mproc_proxy_t *p, mproc_value_t **out);
MPROC_API int mproc_proxy_value_set(mproc_proxy_t *p, const mproc_value_t *v);

/** dict: keys compare by their encoding (so the int 1 and the double 1.0
 * are different keys). A missing key is MPROC_E_NOTFOUND. */
MPROC_API int mproc_proxy_dict_set(mproc_proxy_t *p, const mproc_value_t *key,
                                   const mproc_value_t *v);
MPROC_API int mproc_proxy_dict_get(mproc_proxy_t *p, const mproc_value_t *key,
                                   mproc_value_t **out);
MPROC_API int mproc_proxy_dict_del(mproc_proxy_t *p, const mproc_value_t *key);
MPROC_API int mproc_proxy_dict_len(mproc_proxy_t *p, size_t *out);

/** list: negative indexes count from the end; out of range is
 * MPROC_E_VALUE. */
MPROC_API int mproc_proxy_list_append(mproc_proxy_t *p, const mproc_value_t *v);
MPROC_API int mproc_proxy_list_get(mproc_proxy_t *p, int64_t index,
                                   mproc_value_t **out);
MPROC_API int mproc_proxy_list_set(mproc_proxy_t *p, int64_t index,
                                   const mproc_value_t *v);
MPROC_API int mproc_proxy_list_len(mproc_proxy_t *p, size_t *out);

/** Pass to a timeout to wait without limit. */
#define MPROC_FOREVER (-1.0)

#ifdef __cplusplus
}
#endif
#endif /* MPROC_H */
