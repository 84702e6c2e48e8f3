/* SPDX-License-Identifier: MIT */
/*
 * The seam between mproc's common code (src/ and its folders) and its
 * backends (src/posix/, src/win32/).
 *
 * The common code owns the public API, argument checks, the value encoding,
 * the sharing rule and every synchronisation algorithm:
 *
 *   error.c timeout.c     codes and per-thread details; timeouts as deadlines
 *   buf.c object.c        byte buffers; the object model and sharing rule
 *   builtins.c            the type table, the library's own child functions
 *   value/                key.c (Python's key equality, dict indexes),
 *                         access.c, repr.c, builder.c, args.c
 *   codec/                value.c (mproc's encoding), record.c (start record)
 *   process.c             registry, mproc_boot(), start methods, processes
 *   auth.c frame.c        the auth key and HMAC handshake; socket framing
 *   sync/                 semlock.c (Lock, RLock, Semaphore), event.c,
 *                         condition.c, barrier.c, acquire.c
 *   conn.c queue.c        Connections (pipes); queues
 *   shared.c pool.c       Value, Array, SharedMemory; the Pool
 *   manager/              wire.h, proto_native.c, handshake.c (the
 *                         server's non-blocking handshakes), server.c,
 *                         hosted.c (dict, list), registry.c (user
 *                         types, shared names), keepalive.c, client.c,
 *                         proxy.c, manager.c, fuzz.c
 *   fault.c fault.h       fault injection of the backends' OS calls
 *
 * A backend provides only the OS operations listed here, one file per
 * subsystem, with the same names on both sides:
 *
 *   core.c         error translation, clock, ids, CPU count
 *   pid.c          process liveness (owner-death detection)
 *   shm.c          anonymous shared memory that survives fork and can be
 *                  sent to a spawned child
 *   shmname.c      named shared memory
 *   spill.c        queue spill segments, reached by name
 *   park_*.c       futex-like sleep/wake on a 32-bit word in shared memory:
 *                  posix/park_futex.c (Linux) or posix/park_sem.c (sem_t:
 *                  the portable build, macOS and the BSDs), win32/park.c
 *   thread.c       process-local threads, mutexes, condition variables
 *   process.c      waiting for and signalling children, their exit
 *   start_*.c      the start methods, as CPython's popen_*.py:
 *                  posix/start_fork.c, start_spawn.c, start_forkserver.c
 *                  (with forkserver_server.c, the server's loop);
 *                  win32/start_spawn.c
 *   conn.c         pipes, descriptor passing for Connections
 *   net.c          sockets and named pipes for managers
 *   crypto.c       HMAC-SHA256, HMAC-MD5 and OS randomness
 *   fault.c        the fault-injection switch of the backend's calls
 *
 * CMake lists each file (CMakeLists.txt), so options pick the variants.
 * This is the only header with platform conditionals; nothing above it
 * (src/ outside posix/ and win32/) may test _WIN32.
 */
#ifndef MPROC_INTERNAL_H
#define MPROC_INTERNAL_H

#include "mproc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#endif

#if defined(_MSC_VER)
#include <intrin.h>
#define MPROC__TLS __declspec(thread)
#define MPROC__UNUSED
#define MPROC__NOINLINE __declspec(noinline)
#define MPROC__PRINTF(f, a)
#else
#define MPROC__TLS _Thread_local
#define MPROC__UNUSED __attribute__((unused))
/* Keeps a slow path out of a fast one, whose frame it would otherwise set
 * up on every call (sync/semlock.c). */
#define MPROC__NOINLINE __attribute__((noinline))
#if defined(__MINGW32__)
/* mingw's "printf" format is msvcrt's, which lacks %zu; mproc is built with
 * __USE_MINGW_ANSI_STDIO, whose vsnprintf is C99's. */
#define MPROC__PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#else
#define MPROC__PRINTF(f, a) __attribute__((format(printf, f, a)))
#endif
#endif

/* ------------------------------------------------------------------------ */
/* Atomics on plain 32-bit words, usable in shared memory. All sequentially */
/* consistent: the sync algorithms rely on store-load ordering between the  */
/* value and the waiter count.                                              */
/* ------------------------------------------------------------------------ */
#if defined(_MSC_VER)
static inline uint32_t mproc__load32(volatile uint32_t *p) {
  return (uint32_t)_InterlockedOr((volatile long *)p, 0);
}
static inline void mproc__store32(volatile uint32_t *p, uint32_t v) {
  _InterlockedExchange((volatile long *)p, (long)v);
}
static inline bool mproc__cas32(volatile uint32_t *p, uint32_t *expected,
                                uint32_t desired) {
  long old = _InterlockedCompareExchange((volatile long *)p, (long)desired,
                                         (long)*expected);
  if ((uint32_t)old == *expected)
    return true;
  *expected = (uint32_t)old;
  return false;
}
static inline uint32_t mproc__xchg32(volatile uint32_t *p, uint32_t v) {
  return (uint32_t)_InterlockedExchange((volatile long *)p, (long)v);
}
/* A store with release ordering only (no full barrier). */
static inline void mproc__store32_release(volatile uint32_t *p, uint32_t v) {
#if defined(_M_ARM64)
  __stlr32((volatile unsigned __int32 *)p, v);
#else
  *p = v; /* x86/x64: every store is a release store (/volatile:ms) */
#endif
}
static inline uint32_t mproc__fetch_add32(volatile uint32_t *p, uint32_t v) {
  return (uint32_t)_InterlockedExchangeAdd((volatile long *)p, (long)v);
}
static inline void mproc__cpu_relax(void) {
  _mm_pause();
}
#else
static inline uint32_t mproc__load32(volatile uint32_t *p) {
  return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}
static inline void mproc__store32(volatile uint32_t *p, uint32_t v) {
  __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}
static inline bool mproc__cas32(volatile uint32_t *p, uint32_t *expected,
                                uint32_t desired) {
  return __atomic_compare_exchange_n(p, expected, desired, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline uint32_t mproc__xchg32(volatile uint32_t *p, uint32_t v) {
  return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
/* A store with release ordering only (no full barrier). */
static inline void mproc__store32_release(volatile uint32_t *p, uint32_t v) {
  __atomic_store_n(p, v, __ATOMIC_RELEASE);
}
static inline uint32_t mproc__fetch_add32(volatile uint32_t *p, uint32_t v) {
  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
static inline void mproc__cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}
#endif

/* Hints that memory about to be written or read be brought into the cache
 * now: a queue's spill segments stream through memory that is not cached,
 * and each put's barriers would otherwise wait for its line's fetch in turn
 * (queue_spill.c). Only a hint: no effect on what the program does. */
#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
static inline void mproc__prefetch_write(const void *p) {
  _mm_prefetch((const char *)p, _MM_HINT_T0);
}
static inline void mproc__prefetch_read(const void *p) {
  _mm_prefetch((const char *)p, _MM_HINT_T0);
}
#elif defined(_MSC_VER)
static inline void mproc__prefetch_write(const void *p) {
  (void)p;
}
static inline void mproc__prefetch_read(const void *p) {
  (void)p;
}
#else
static inline void mproc__prefetch_write(const void *p) {
  __builtin_prefetch(p, 1, 3);
}
static inline void mproc__prefetch_read(const void *p) {
  __builtin_prefetch(p, 0, 3);
}
#endif

/* ------------------------------------------------------------------------ */
/* Errors (common: src/error.c)                                             */
/* ------------------------------------------------------------------------ */

/* Sets the calling thread's detail message and returns @p status. */
int mproc__err(int status, const char *fmt, ...) MPROC__PRINTF(2, 3);
/* The same, for a message that wraps the previous detail (which it may
 * take as an argument): the OS error number behind it is kept. */
int mproc__err_wrap(int status, const char *fmt, ...) MPROC__PRINTF(2, 3);
/* Backend: records the OS error number behind the detail just set
 * (mproc_last_os_error()). */
void mproc__err_set_os(long code);
/* Clears the calling thread's detail message and OS error number. */
void mproc__err_clear(void);

/*
 * Backend: translates the calling thread's last OS error (errno, or
 * GetLastError()) into an MPROC_E_* code and sets a detail message
 * "<what>: <OS text>". The one place OS error codes become mproc codes.
 */
int mproc__err_os(const char *what);
/* Same, for an explicit OS error number (errno value or Win32 error). */
int mproc__err_os_code(long code, const char *what);

/* ------------------------------------------------------------------------ */
/* Core (backend core.c)                                                    */
/* ------------------------------------------------------------------------ */

/* Monotonic clock, nanoseconds. */
int64_t mproc__now_ns(void);
/* The process id (cached; correct in fork children). */
int64_t mproc__getpid(void);
/* Forgets the cached pid and thread id: in a child made without fork()
 * (the fork server's clone), where no atfork handler ran. */
void mproc__pid_cache_reset(void);
/*
 * A nonzero id of the calling thread, unique across all processes of the
 * machine while the thread lives (gettid on Linux, GetCurrentThreadId on
 * Windows). Cached per thread, and correct in a fork child.
 */
uint32_t mproc__thread_id(void);

/* The number of CPUs this process may use (at least 1). */
unsigned mproc__cpu_count(void);

/*
 * Asks the OS to back the whole pages of [p, p + n) with memory now,
 * writable, without changing what they hold: one call instead of a page
 * fault per 4 KiB on first use (Linux 5.14's MADV_POPULATE_WRITE; nothing
 * on other systems or older kernels). A hint: another thread may be
 * writing the memory meanwhile.
 */
void mproc__mem_prefault(void *p, size_t n);

/* The absolute deadline for a public timeout; -1 means none. */
#define MPROC__NO_DEADLINE ((int64_t)-1)

/* ------------------------------------------------------------------------ */
/* OS handles as carried across process creation.                           */
/* ------------------------------------------------------------------------ */
#ifdef _WIN32
typedef HANDLE mproc__handle_t;
#define MPROC__INVALID_HANDLE NULL
#else
typedef int mproc__handle_t;
#define MPROC__INVALID_HANDLE (-1)
#endif

/*
 * The context of a child being created with the spawn method. Backend-
 * defined: on POSIX the list of descriptors the child will inherit, on
 * Windows the child's process handle. The common encoder only passes it to
 * mproc__handle_reduce().
 */
typedef struct mproc__spawn_ctx mproc__spawn_ctx_t;

/*
 * Makes @p h available to the child of @p ctx and returns the number by
 * which the child will know it (POSIX: the descriptor number it will have
 * after exec; Windows: the value of the handle DuplicateHandle() created in
 * the child).
 */
int mproc__handle_reduce(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         uint64_t *wire);
/* In the child: the handle a wire number stands for. */
mproc__handle_t mproc__handle_from_wire(uint64_t wire);

/* ------------------------------------------------------------------------ */
/* Shared memory (backend shm.c)                                            */
/* ------------------------------------------------------------------------ */
typedef struct mproc__shm {
  void *addr;
  size_t size;
  mproc__handle_t h; /* memfd / file mapping; kept to send to spawn children */
} mproc__shm_t;

/* Creates a zero-filled region of @p size bytes, shared with fork children
 * (the mapping is inherited) and sendable to spawn children through @p h. */
int mproc__shm_create(mproc__shm_t *shm, size_t size);
/* In a spawn child: maps a region received as handle @p h. Takes ownership
 * of @p h, also on failure. */
int mproc__shm_attach(mproc__shm_t *shm, mproc__handle_t h, size_t size);
/* In a spawn child: keeps a received handle @p h unmapped, for an attach
 * later, and out of the children this process spawns. */
void mproc__shm_adopt(mproc__shm_t *shm, mproc__handle_t h);
/* Unmaps and closes. Safe on a struct whose create or attach failed, on an
 * already closed one, and on one with addr NULL and h INVALID. */
void mproc__shm_close(mproc__shm_t *shm);

/* ------------------------------------------------------------------------ */
/* Parking (backend park_*.c): the futex contract.                         */
/* ------------------------------------------------------------------------ */
/*
 * A park sleeps and wakes threads of any process on 32-bit words inside one
 * shared-memory region. Linux: futex, no OS object at all. Windows: one
 * kernel semaphore per park plus a waiter count in shared memory.
 *
 * mproc__park_wait() returns 0 when woken, when *addr != expected on entry,
 * or spuriously; MPROC_E_TIMEOUT once @p deadline_ns (mproc__now_ns()
 * clock, MPROC__NO_DEADLINE for none) has passed. Callers re-check their
 * condition in a loop. mproc__park_wake() wakes up to @p n waiters of @p addr
 * (INT32_MAX: all); it may also wake waiters of other words of the same park.
 */
typedef struct mproc__park {
  mproc__handle_t h;         /* Windows: semaphore; POSIX: unused (-1) */
  volatile uint32_t *shared; /* a word in shared memory for the backend's
                                own bookkeeping (Windows: waiter count) */
  void *os;                  /* backend-private (NULL where unused) */
} mproc__park_t;

int mproc__park_init(mproc__park_t *pk, volatile uint32_t *shared);
/* In a spawn child: rebuilds a park from the handle received. Takes
 * ownership of @p h, also on failure. */
int mproc__park_attach(mproc__park_t *pk, volatile uint32_t *shared,
                       mproc__handle_t h);
void mproc__park_close(mproc__park_t *pk);
int mproc__park_wait(mproc__park_t *pk, volatile uint32_t *addr,
                     uint32_t expected, int64_t deadline_ns);
void mproc__park_wake(mproc__park_t *pk, volatile uint32_t *addr, int n);

/* ------------------------------------------------------------------------ */
/* Processes (common process.c; backend process.c and start_*.c)          */
/* ------------------------------------------------------------------------ */

/* What a child is started with: the same for every start method. */
typedef struct mproc__child_spec {
  const char *fn_name;
  mproc_fn fn;
  const mproc_value_t *args;
  size_t nargs;
  bool daemon;
  const char *name;     /* the child's mproc_process_name() */
  const char *identity; /* CPython's _identity, as "1:2" */
  int64_t parent_pid;   /* this process, as the child's parent: */
  const char *parent_name;
  bool parent_daemon;
  /* Where the child's mproc_process_fail() message goes (process.c); addr
   * NULL for the library's own children, which report otherwise. */
  mproc__shm_t *error;
} mproc__child_spec_t;

/* The region behind mproc_process_fail(): u32 state (0 empty, 1 being
 * written, 2 set), u32 length, the text and its NUL. */
#define MPROC__ERROR_SHM_SIZE ((size_t)8 + MPROC_PROCESS_ERROR_MAX + 1)

/* What a handle stands for: a child this process started, or the handles
 * of mproc_current_process() and mproc_parent_process(). */
typedef enum {
  MPROC__PROC_CHILD = 0,
  MPROC__PROC_SELF,
  MPROC__PROC_PARENT
} mproc__proc_role_t;

struct mproc_process {
  uint32_t magic;
  mproc__proc_role_t role;
  mproc_start_method_t method;
  bool daemon;
  char *name; /* a child's is malloc'ed with the handle */
  /* A child's mproc_process_fail() region, and the message copied out of
   * it once the child has exited (error_once: 0, 1 copying, 2 done). */
  mproc__shm_t error_shm;
  char *error;
  volatile uint32_t error_once;
  /* Started for one of the library's own objects (a pool's worker, a
   * manager's server): the object ends it, not the end of the process. */
  bool internal;
  bool exited; /* exitcode is valid */
  int exitcode;
  int64_t pid;
  /* Backend state. POSIX: pidfd (or -1). Windows: process handle. */
  mproc__handle_t h;
  /* POSIX forkserver: the child is the server's, not this process's, and
   * is followed through its status socket (start_forkserver.c); false for
   * a server that starts its children as ours, which are then waited for,
   * signalled and released as fork children are. */
  bool server_child;
  int terminated_by; /* Windows: the signal number mproc ended it with */
  /* The list of this process's live children (process.c), which the end of
   * the process joins; under its lock. */
  struct mproc_process *next, *prev;
};

/* Whether this backend can start children with @p method. */
bool mproc__start_method_supported(mproc_start_method_t method);

/*
 * Backend: starts the child. For fork, runs mproc__child_main() in the
 * child. For spawn, re-executes the program (mproc__boot_argv0()) with
 * bootstrap arguments that mproc__child_bootstrap() understands, and at the
 * moment it can (POSIX: before fork, to know which descriptors to keep;
 * Windows: after CreateProcess, to duplicate handles into the child) calls
 * mproc__record_encode() with its spawn context. Then it sends the record
 * and waits for the child's boot status (mproc__boot_status_*). On any
 * failure nothing is left behind: the child is killed and reaped.
 */
int mproc__proc_start(mproc_process_t *p, const mproc__child_spec_t *spec);
/* Waits until the child exits or the deadline passes (MPROC_E_TIMEOUT); a
 * deadline of 0 (or any past one) polls. Sets p->exited and p->exitcode. */
int mproc__proc_wait(mproc_process_t *p, int64_t deadline_ns);
/* Sends SIGTERM (@p sig 15) or SIGKILL (9), or TerminateProcess. */
int mproc__proc_signal(mproc_process_t *p, int sig);
/* Releases the backend state of an exited child. */
void mproc__proc_close(mproc_process_t *p);
/* The sentinel handle, or MPROC_E_NOTSUP. */
int mproc__proc_sentinel(mproc_process_t *p, mproc_os_handle_t *out);

/*
 * Common: in a fork child, runs the spec's function with the parent's
 * values, then mproc__process_end(), and returns the exit code. The backend
 * flushes stdio and _exits.
 */
int mproc__child_run(const mproc__child_spec_t *spec);

/*
 * Common: what a process does when it ends (CPython's util._exit_function):
 * runs the exit hooks (below), newest first, then, unless
 * mproc_set_exit_join(false), terminates its daemon children and joins all
 * of its children; children of the library's own objects (p->internal) are
 * left to their hooks. Only children started by this very process: a fork
 * child (mproc's or the user's own fork()) starts with none. Runs once per
 * process: after a child's function returns (mproc__child_run(), the spawn
 * boot) and from the atexit handler that the first start installs.
 */
void mproc__process_end(void);
/* Common: registers the process's end with atexit() again, so that it runs
 * before every atexit handler registered until now (the crypto backend:
 * before a libcrypto's own cleanup, which the end's handshakes need). */
void mproc__process_end_before_now(void);

/*
 * Common (slab.c): the slabs of small objects around fork. prepare takes
 * the registry and a reference to every slot this process holds, for the
 * child (which inherits every object, not only its arguments); parent
 * gives them back if @p forked is false and lets go of the registry; child
 * lets go of its copy. mproc__slab_exit() gives this process's references
 * back as it ends (after mproc__process_end()).
 */
void mproc__slab_fork_prepare(void);
void mproc__slab_fork_parent(bool forked);
void mproc__slab_fork_child(void);
void mproc__slab_exit(void);

/*
 * Common: an exit hook, embedded in the object it shuts down (no
 * allocation, so adding one cannot fail). A pool or a manager adds one when
 * it is created and removes it before it is destroyed; at the end of the
 * process (above) the hook runs, without any lock of process.c held (it may
 * destroy children), before children are terminated and joined, as
 * CPython's finalizers with an exit priority run before its children are
 * joined. Hooks belong to the process that added them: a fork child runs
 * none of its parent's. The object must not be destroyed by another thread
 * while the process ends.
 */
typedef struct mproc__exit_hook {
  void (*fn)(void *arg);
  void *arg;
  struct mproc__exit_hook *next, *prev;
} mproc__exit_hook_t;
void mproc__exit_hook_add(mproc__exit_hook_t *h, void (*fn)(void *), void *arg);
/* Removes @p h if it is still listed (it is unlisted before it runs). */
void mproc__exit_hook_remove(mproc__exit_hook_t *h);

/*
 * Common: the start record of a spawn child: the function name, the daemon
 * flag, what the child inherits from this process (the auth key, the
 * default start method, the exit-join setting) and the encoded arguments,
 * with every object reduced for @p ctx (the thread-local "spawning" context
 * is set while this runs). The buffer is malloc'ed.
 */
int mproc__record_encode(mproc__spawn_ctx_t *ctx,
                         const mproc__child_spec_t *spec, uint8_t **buf,
                         size_t *len);

/*
 * The boot status a spawn child sends back on its bootstrap channel: one
 * byte, then for a failure an int32 status (little endian) and a
 * NUL-terminated message (at most MPROC__BOOT_MSG_MAX bytes with the NUL).
 */
#define MPROC__BOOT_OK 'K'
#define MPROC__BOOT_FAILED 'E'
#define MPROC__BOOT_EXEC_FAILED 'X' /* POSIX: then an int32 errno */
#define MPROC__BOOT_MSG_MAX 512

/* The argument that marks a spawned child's command line. */
#define MPROC__CHILD_FLAG "--mproc-child"

/*
 * Backend, in a spawned child (mproc_boot() saw MPROC__CHILD_FLAG): opens
 * the bootstrap channel named by argv, reads the whole start record into a
 * malloc'ed buffer, sets up parent-death handling for daemons. Returns 0 or
 * an error; *chan is the channel on which to send the boot status.
 */
typedef struct mproc__boot_chan mproc__boot_chan_t;
int mproc__child_bootstrap(int argc, char **argv, uint8_t **record, size_t *len,
                           mproc__boot_chan_t **chan);
/*
 * Common: the rest of a spawned child's boot, from its start record
 * (malloc'ed, freed here) and the channel for its boot status: rebuilds
 * the arguments, runs the function and exits (through mproc__child_exit()
 * with @p quick). Does not return. A forkserver child (a fork of the
 * server, which booted already) enters here too.
 */
void mproc__boot_record(uint8_t *record, size_t len, mproc__boot_chan_t *chan,
                        bool quick);
/* Common: the names given to mproc_set_forkserver_preload(), *n of them;
 * valid until the next call of it. */
const char *const *mproc__forkserver_preload(size_t *n);
/* Backend: ends this process's fork server, if it has one (POSIX; Windows
 * never has one), and reaps it; a later forkserver start starts another.
 * Called at the end of the process, after its children were joined. */
void mproc__forkserver_stop(void);
/* Backend: the pid of this process's fork server, 0 when it has none (for
 * white-box tests). */
int64_t mproc__forkserver_pid(void);
/* POSIX backend: a duplicate of the control channel to this process's fork
 * server (close-on-exec; the caller closes it), -1 when it has none (for
 * the white-box test of a stranger writing there). */
int mproc__forkserver_channel_dup(void);
/*
 * Backend: the library's own child functions that only this backend has
 * (POSIX: the fork server's loop), by name and back; NULL when none. The
 * common table (builtins.c) asks here for names it does not know.
 */
mproc_fn mproc__backend_builtin_fn(const char *name);
const char *mproc__backend_builtin_name(mproc_fn fn);
/* Backend: sends the boot status (see above) and closes the channel. */
void mproc__child_boot_status(mproc__boot_chan_t *chan, int status,
                              const char *msg);
/* Backend: the end of a child, after its function returned: flushes stdio
 * and exits the process with @p code. With @p quick, atexit handlers do not
 * run: in a fork child they are the parent's, and the manager's server ends
 * while connection threads may still run, which a library's exit-time
 * cleanup (OpenSSL's, in a spawn child) must not race with. */
void mproc__child_exit(int code, bool quick);
/* Backend: called by mproc_boot() in an ordinary process. */
int mproc__boot_init(int argc, char **argv);
/* Backend: called by the common code in the spawn child right after it
 * decoded its record, with the daemon flag. */
void mproc__child_set_daemon(bool daemon);
/*
 * Backend: the parent of this child process (mproc_parent_process()), whose
 * pid is @p pid. Waits until it has ended or the deadline passes (0 when it
 * has ended, MPROC_E_TIMEOUT); a deadline of 0 polls. POSIX: the parent has
 * ended once this process has been given another (getppid()), so a reused
 * pid is never mistaken for it; Windows: the parent's process handle that
 * the spawn bootstrap keeps.
 */
int mproc__parent_wait(int64_t pid, int64_t deadline_ns);
/* Backend: a handle that is ready once the parent has ended, or
 * MPROC_E_NOTSUP. Owned by the library. */
int mproc__parent_sentinel(int64_t pid, mproc_os_handle_t *out);
/* Backend: in a fork child, forgets its parent's parent state (the handle
 * above, a copy in the child). */
void mproc__parent_reset(void);

/* Common: the program set by mproc_set_executable(), or NULL for this
 * program itself. */
const char *mproc__spawn_executable(void);
/* Common: whether mproc_boot() ran (spawn needs it). */
bool mproc__booted(void);
/* Common: the registry. NULL if not registered. */
const char *mproc__registry_name(mproc_fn fn);
mproc_fn mproc__registry_fn(const char *name);
/* The same for pool tasks (one namespace with the above). */
const char *mproc__registry_task_name(mproc_task_fn fn);
mproc_task_fn mproc__registry_task_fn(const char *name);

/* Common: converts a public timeout to a deadline; MPROC_E_INVAL if bad. */
int mproc__deadline(double timeout, int64_t *deadline_ns);

/* Common: the shared decoding of a start record, used by mproc_boot(). The
 * auth key is set as it is read; the rest is for the caller to apply. */
typedef struct mproc__record {
  char *fn_name; /* malloc'ed */
  bool daemon;
  /* Version 3; a version 2 record leaves them NULL, 0 and false. */
  char *name;         /* the child's name, malloc'ed */
  char *identity;     /* its identity ("1:2"), malloc'ed */
  int64_t parent_pid; /* 0: not known */
  char *parent_name;  /* malloc'ed */
  bool parent_daemon;
  uint64_t error_wire;         /* the error region's handle (0: none) */
  mproc_start_method_t method; /* the parent's default start method */
  bool exit_join;              /* the parent's mproc_set_exit_join() */
  mproc_value_t *vals;         /* free with mproc_values_free() */
  size_t n;
} mproc__record_t;
int mproc__record_decode(const uint8_t *buf, size_t len, mproc__record_t *out);
/* The function name of a start record, without decoding the rest: copied,
 * NUL-terminated, into @p out of @p cap bytes. MPROC_E_DECODE if the
 * record is not one, MPROC_E_TOOBIG if the name does not fit. */
int mproc__record_fn_name(const uint8_t *buf, size_t len, char *out,
                          size_t cap);
/* Common: the setting of mproc_set_exit_join(), which children inherit. */
bool mproc__exit_join_get(void);

/* ------------------------------------------------------------------------ */
/* Process liveness (backend pid.c), for owner-death detection             */
/* ------------------------------------------------------------------------ */
/*
 * A start token names one process for the life of the machine together
 * with its pid (Linux: start time from /proc; Windows: creation time), so a
 * reused pid is not mistaken for the process that held a lock. 0 means no
 * such process (a zombie counts as dead); 1 means "exists, token unknown".
 */
uint64_t mproc__pid_token(int64_t pid);
/* The calling process's token (cached; correct in a fork child). */
uint64_t mproc__self_token(void);
/* Whether @p pid is alive and, if @p token is not 0, is the process that
 * had that token. True when in doubt, so a live owner is never robbed. Used
 * by the RLock (sync/semlock.c) and the queues (queue.c) to detect a dead
 * holder. */
bool mproc__pid_alive(int64_t pid, uint64_t token);

/* ------------------------------------------------------------------------ */
/* Threads, mutexes, condition variables (backend thread.c). Process-local: */
/* the manager's server uses them; they never live in shared memory.        */
/* ------------------------------------------------------------------------ */
/* Starts a detached thread running fn(arg). */
int mproc__thread_start_detached(void (*fn)(void *), void *arg);

/* Starts a joinable thread running fn(arg). mproc__thread_join waits until
 * it has ended, the C runtime's and the OS's teardown of the thread
 * included, and frees it: an object whose thread is joined runs no code of
 * ours once its destroy returns (a fork or a dlclose may follow). */
typedef struct mproc__thread mproc__thread_t;
int mproc__thread_start(mproc__thread_t **out, void (*fn)(void *), void *arg);
void mproc__thread_join(mproc__thread_t *t);

/* Offers the rest of the calling thread's time slice to another runnable
 * thread (sched_yield, SwitchToThread); returns at once when there is none.
 * For spin loops: on a machine with fewer cores than busy threads, a
 * spinner otherwise holds the core the thread it waits for needs. */
void mproc__thread_yield(void);

typedef struct mproc__mutex mproc__mutex_t;
int mproc__mutex_create(mproc__mutex_t **out);
void mproc__mutex_lock(mproc__mutex_t *m);
void mproc__mutex_unlock(mproc__mutex_t *m);
void mproc__mutex_destroy(mproc__mutex_t *m);

typedef struct mproc__cond mproc__cond_t;
int mproc__cond_create(mproc__cond_t **out);
/* 0 when woken (or spuriously), MPROC_E_TIMEOUT once @p deadline_ns passed. */
int mproc__cond_wait(mproc__cond_t *c, mproc__mutex_t *m, int64_t deadline_ns);
void mproc__cond_broadcast(mproc__cond_t *c);
void mproc__cond_destroy(mproc__cond_t *c);

/* ------------------------------------------------------------------------ */
/* Named shared memory (backend shmname.c)                                  */
/* ------------------------------------------------------------------------ */
/*
 * Creates (exclusively, @p size bytes, zero-filled) or attaches to (@p size
 * ignored; shm->size is at least what was created) the region called
 * @p name (no slashes; the backend adds its namespace: "/" for shm_open,
 * "Local\\" for a file mapping). MPROC_E_BUSY if it exists on create,
 * MPROC_E_NOTFOUND if it does not on attach. Close with mproc__shm_close().
 */
int mproc__named_shm_open(mproc__shm_t *shm, const char *name, size_t size,
                          bool create);
/* Removes the name (POSIX); Windows names vanish with their last handle. */
int mproc__named_shm_unlink(const char *name);

/* ------------------------------------------------------------------------ */
/* Queue spill segments (backend spill.c)                                   */
/* ------------------------------------------------------------------------ */
/*
 * Named segments that a process reaches by name after it inherited the
 * queue (POSIX: shm_open "/<name>", 0600; Windows: a file in the temporary
 * directory). Create is exclusive and reserves all @p size bytes, so a full
 * file system is MPROC_E_LIMIT here and never a fault at a later store.
 * Open maps @p size bytes of an existing one (MPROC_E_NOTFOUND if gone).
 * Neither keeps a descriptor: close with mproc__shm_close(). A name stays
 * until mproc__spill_unlink(), whoever dies.
 */
int mproc__spill_create(mproc__shm_t *shm, const char *name, size_t size);
int mproc__spill_open(mproc__shm_t *shm, const char *name, size_t size);
/* Unlinks @p name at once: a later open of it fails and no listing shows
 * it. Windows keeps a file that is still mapped (wine: delete pending,
 * listed until the last view goes; Windows: the delete is refused), so
 * there the file is first renamed to @p gone, which is deleted now if
 * nobody maps it, else by mproc__spill_reap() from whichever process
 * unmaps it last, or by a later sweep. POSIX ignores @p gone. */
void mproc__spill_unlink(const char *name, const char *gone);
/* Deletes @p gone (see mproc__spill_unlink) if nobody maps it any more;
 * a no-op on POSIX. */
void mproc__spill_reap(const char *gone);
/* Unlinks every segment whose name starts with @p prefix and for which
 * @p stale returns true. */
void mproc__spill_sweep(const char *prefix, bool (*stale)(const char *name));

/* ------------------------------------------------------------------------ */
/* Connections (backend conn.c)                                             */
/* ------------------------------------------------------------------------ */
/*
 * A connected pair of byte streams. Both ends are closed with
 * mproc__conn_close(); @p duplex false makes h[0] the reading end and h[1]
 * the writing end where the OS can say so (the common code enforces it
 * anyway).
 */
int mproc__conn_pipe(mproc__handle_t h[2], bool duplex);
/* A handle received from a spawning parent: make it private again
 * (POSIX: close-on-exec). */
void mproc__conn_adopt(mproc__handle_t h);
/* Writes / reads exactly @p n bytes; MPROC_E_CLOSED when the peer closed
 * or died (for a read, also in the middle). */
int mproc__conn_write(mproc__handle_t h, const void *p, size_t n);
int mproc__conn_read(mproc__handle_t h, void *p, size_t n);
/* Reads what is there, at least 1 byte and at most @p n (blocking until
 * there is some); MPROC_E_CLOSED at end of file. */
int mproc__conn_read_some(mproc__handle_t h, void *p, size_t n, size_t *got);
/* 1 when a read would not block (data or end of file), 0 when @p deadline
 * passed first. */
int mproc__conn_poll(mproc__handle_t h, int64_t deadline_ns);
void mproc__conn_close(mproc__handle_t h);

/*
 * Handing a handle to a process that is not being spawned: export makes a
 * ticket (at most MPROC__TICKET_MAX bytes) that any process may redeem,
 * once, with import, while the exporting process lives (POSIX: a resource
 * sharer thread and SCM_RIGHTS; Windows: DuplicateHandle from the sender).
 */
#define MPROC__TICKET_MAX 128
int mproc__handle_export(mproc__handle_t h, uint8_t *ticket, size_t *len);
int mproc__handle_import(const uint8_t *ticket, size_t len,
                         mproc__handle_t *out);

/*
 * wait(): sleeps until one of @p hs is ready (a connection readable or at
 * end of file, @p is_conn; a process sentinel signalled) or @p deadline
 * passes. May return early; the caller looks again.
 */
int mproc__wait_handles(const mproc__handle_t *hs, const bool *is_conn,
                        size_t n, int64_t deadline_ns);
/* ------------------------------------------------------------------------ */
/* Crypto (backend crypto.c): the platform's own (libcrypto, BCrypt).       */
/* ------------------------------------------------------------------------ */
int mproc__random_bytes(void *buf, size_t n);
int mproc__hmac_sha256(const void *key, size_t keylen, const void *msg,
                       size_t len, uint8_t out[32]);
/* The legacy handshake of CPython 3.8-3.11 (auth.c); MPROC_E_NOTSUP where
 * the platform's crypto has no MD5. */
int mproc__hmac_md5(const void *key, size_t keylen, const void *msg, size_t len,
                    uint8_t out[16]);

/* ------------------------------------------------------------------------ */
/* Transport (backend net.c): byte streams for the manager.                 */
/* ------------------------------------------------------------------------ */
/*
 * An address is "host:port" for TCP; otherwise a local one: a Unix socket
 * path on POSIX, a named pipe name (\\.\pipe\...) on Windows.
 */
#define MPROC__ADDR_MAX 256
typedef struct mproc__net mproc__net_t;
typedef struct mproc__listener mproc__listener_t;

/* A fresh private local address: POSIX makes a mode-0700 directory for the
 * socket (removed by mproc__address_cleanup); Windows picks a random pipe
 * name. */
int mproc__local_address(char *buf, size_t size);
/* Removes what mproc__local_address() created (no-op for TCP/pipes). */
void mproc__address_cleanup(const char *address);
/* For "host:0": a currently free port on host, written back into @p buf. */
int mproc__tcp_pick_port(char *buf, size_t size);
/* Listens on @p address; the local kinds admit only the current user. */
int mproc__listen(const char *address, mproc__listener_t **out);
int mproc__accept(mproc__listener_t *l, mproc__net_t **out);
void mproc__listener_close(mproc__listener_t *l);
int mproc__connect(const char *address, mproc__net_t **out);
/* Sends all @p len bytes; MPROC_E_CLOSED when the peer is gone. */
int mproc__net_send(mproc__net_t *c, const void *buf, size_t len);
/* Receives exactly @p len bytes; MPROC_E_CLOSED at end of stream. */
int mproc__net_recv(mproc__net_t *c, void *buf, size_t len);
void mproc__net_close(mproc__net_t *c);
/* Whether the peer has gone (closed its end, or died), without waiting and
 * without consuming anything. Data the peer sent and the end of the stream
 * after it cannot both be seen without reading: a stream with unread data
 * counts as alive. For a server thread that waits on behalf of a client
 * and must not hand a dead one an item. */
bool mproc__net_peer_gone(mproc__net_t *c);
/* Makes a receive that waits longer than @p ms (0: no limit) fail with
 * MPROC_E_CLOSED. Sockets only: a no-op on Windows named pipes, which only
 * the current user can open. */
void mproc__net_set_timeout(mproc__net_t *c, unsigned ms);

/* TCP keepalive for every manager TCP connection, both ends (common:
 * manager/keepalive.c, mproc_manager_set_keepalive()); the backends apply
 * it when they connect or accept. */
void mproc__keepalive_get(unsigned *idle_s, unsigned *interval_s,
                          unsigned *count);
/* What keepalive @p c has (white-box tests): POSIX reads the socket's
 * options back; Windows, which cannot read SIO_KEEPALIVE_VALS back, says
 * what it applied (count: the system's 10 unless TCP_KEEPCNT took).
 * MPROC_E_NOTSUP for a local connection. */
int mproc__net_keepalive(mproc__net_t *c, bool *on, unsigned *idle_s,
                         unsigned *interval_s, unsigned *count);

/* ------------------------------------------------------------------------ */
/* Transport without waiting (backend net.c): the manager's handshake loop  */
/* ------------------------------------------------------------------------ */
/*
 * The server authenticates new connections in one loop that never waits on
 * any of them (manager/handshake.c), so that a connection that has not
 * proved it knows the key costs a descriptor and a few hundred bytes, not a
 * thread: a thread per handshake let 64 idle strangers lock every client
 * out. POSIX: poll(); Windows: WSAPoll() for TCP. Windows named pipes are
 * not pollable (a pipe tells readiness only through overlapped reads, and
 * WaitForMultipleObjects stops at 64 handles): their DACL admits only the
 * current user, who could read the key anyway, and they keep a thread per
 * handshake.
 */
#define MPROC__NET_IN 1
#define MPROC__NET_OUT 2
typedef struct mproc__net_pollent {
  mproc__net_t *c;
  int want;  /* MPROC__NET_IN and/or MPROC__NET_OUT */
  int ready; /* set by mproc__net_poll(); an error or hangup sets both */
} mproc__net_pollent_t;
/* Whether @p l and its connections work with the calls below. */
bool mproc__listener_pollable(const mproc__listener_t *l);
/* How many connections may be authenticating at once: the descriptor limit
 * (POSIX: the soft RLIMIT_NOFILE, read now) less a reserve for everything
 * else the server holds, so that accept() keeps finding a descriptor. */
size_t mproc__net_pending_max(void);
/* Accepts one waiting connection without waiting: 0 and *out NULL when none
 * waits; MPROC_E_LIMIT (the OS error kept) when out of descriptors. The
 * connection does not block until mproc__net_set_blocking(). */
int mproc__accept_nowait(mproc__listener_t *l, mproc__net_t **out);
int mproc__net_set_blocking(mproc__net_t *c);
/* Sends / receives what goes without waiting, at most @p len bytes: *n
 * bytes (0: it would wait). A receive takes nothing beyond @p len (what
 * follows belongs to whoever gets the connection next) and is
 * MPROC_E_CLOSED at end of stream. */
int mproc__net_send_nowait(mproc__net_t *c, const void *buf, size_t len,
                           size_t *n);
int mproc__net_recv_nowait(mproc__net_t *c, void *buf, size_t len, size_t *n);
/* Waits until a connection is waiting on @p l (*l_ready; @p l NULL: not
 * watched), one of @p ents is ready for what it wants, or @p deadline_ns
 * passes (0 then, nothing ready). May return early. */
int mproc__net_poll(mproc__listener_t *l, bool *l_ready,
                    mproc__net_pollent_t *ents, size_t n, int64_t deadline_ns);

#endif /* MPROC_INTERNAL_H */
