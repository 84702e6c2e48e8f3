/* SPDX-License-Identifier: MIT */
/*
 * Test harness shared by every test program.
 *
 * Each test program is also its own child: main() registers the functions
 * children run, calls mproc_boot() (which, in a spawned child, runs the
 * function and exits), then runs its cmocka tests once per start method the
 * platform has. Children never call cmocka asserts (a failing assert in a
 * fork child would longjmp into the child's copy of the runner): they exit
 * with a code that names the step that failed, and the parent asserts on it.
 */
#ifndef MPROC_TEST_HARNESS_H
#define MPROC_TEST_HARNESS_H

#include <mproc.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* Defined in a ThreadSanitizer build. There a fork child of a process
 * with threads may not start threads of its own (die_after_fork). */
#if defined(__SANITIZE_THREAD__)
#define HARNESS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HARNESS_TSAN 1
#endif
#endif

/*
 * CHECK(cond, code), in a child function (one that returns its exit code):
 * when @p cond is false, prints where and what failed, with the library's
 * last error message, to stderr, and returns @p code from the function. The
 * parent still asserts the exit code; the report says why it is not 0, as
 * libuv's ASSERT does, rather than leaving a bare step number to look up.
 * mproc_last_error() is of the child's last failed call, which is not
 * always the one in @p cond (a call that failed on purpose before it).
 */
#define CHECK(cond, code)                                                      \
  do {                                                                         \
    if (!(cond))                                                               \
      return harness_check_failed(__FILE__, __LINE__, #cond, (code));          \
  } while (0)
int harness_check_failed(const char *file, int line, const char *expr,
                         int code);

/* The start method of the running test (its cmocka state). */
#define TEST_METHOD(state) (*(const mproc_start_method_t *)*(state))

/*
 * Runs @p tests once per available start method (their initial_state is
 * set to the method), as groups named "<name>/fork", "<name>/spawn" and
 * "<name>/forkserver" (MPROC_TEST_START_METHODS="fork spawn" narrows the
 * list: harness.c),
 * and then checks that the program holds what it held before (descriptors,
 * handles, children). Returns the number of failures, for main() to
 * return.
 *
 * The command line (argc, argv from main(), after mproc_boot()) picks what
 * runs: "test_sync rlock spawn" runs test_rlock under spawn only. Any
 * number of case names (with or without "test_"), and one method, in any
 * order; none: everything. A name that matches no case, or a method the
 * platform lacks, fails the program with the list of cases; --help lists
 * them.
 *
 * A watchdog thread ends the program (exit status 124) when one case runs
 * longer than MPROC_TEST_CASE_TIMEOUT seconds (default 60, 150 on Windows;
 * 0: no limit, for a debugger), or the program longer than
 * MPROC_TEST_PROGRAM_TIMEOUT (set by ctest, just under its TIMEOUT). It
 * prints "<program>: case <name> (<method>) hung for N s", the descriptors
 * or handles opened since the start, and the descendants it kills. Not
 * under ThreadSanitizer (harness.c says why).
 */
int harness_run(int argc, char **argv, const char *name,
                const struct CMUnitTest *tests, size_t n);

/* A test that runs under one start method only, named by its initial_state:
 * HARNESS_TEST_ONLY(test_spawn_failures, spawn) in the table of tests. */
extern const mproc_start_method_t harness_method_fork;
extern const mproc_start_method_t harness_method_spawn;
extern const mproc_start_method_t harness_method_forkserver;
#define HARNESS_TEST_ONLY(f, method)                                           \
  { #f, f, NULL, NULL, (void *)&harness_method_##method }

/* In a child that ends on purpose with live objects (it calls exit()
 * itself, or leaves a manager or a pool for the end-of-process hooks):
 * what this thread allocates from now on is not reported by
 * LeakSanitizer's check at exit. A no-op without AddressSanitizer. */
void harness_no_leak_check(void);

/* Starts fn with args under @p method; asserts the start succeeded. */
mproc_process_t *harness_start(mproc_fn fn, const mproc_value_t *args,
                               size_t nargs, mproc_start_method_t method);

/* Starts a manager server under @p method with default options; asserts
 * the start succeeded. */
mproc_manager_t *harness_manager_start(mproc_start_method_t method);

/* Asserts that @p obj (of type name @p type, "Event") may only be passed to
 * a child at its start, as CPython's synchronisation objects: encoding it
 * fails with MPROC_E_INHERITANCE and CPython's message. */
void harness_expect_inheritance_only(const void *obj, const char *type);

/* Joins, asserts the exit code, destroys. The join waits until shortly
 * before the running case's limit (below), so that a hung child fails its
 * case, and is killed, before the watchdog would end the program. */
void harness_expect_exit(mproc_process_t *p, int code);

/* Environment variables, portably. */
void harness_setenv(const char *name, const char *value);
void harness_unsetenv(const char *name);

/* A temporary file path unique to this process and call (static buffer
 * per call is returned in @p buf). */
void harness_tmpfile(char *buf, size_t size, const char *tag);

/* Whether repr(@p v) is @p want (prints both to stderr when not). */
bool harness_repr_is(const mproc_value_t *v, const char *want);
/* The same for a value the caller owned, which it frees (NULL: false). */
bool harness_owned_is(mproc_value_t *v, const char *want);
/* Whether the hosted dict @p d has the str key @p key by @p deadline (a
 * harness_now() time), looked at every 10 ms: what a peer process set. */
bool harness_dict_has_by(mproc_proxy_t *d, const char *key, double deadline);
/* Whether mproc_last_error() is @p want (prints both when not). */
bool harness_message_is(const char *want);

/* Seconds on a monotonic clock. */
double harness_now(void);

/* The CPU time this process has used, user and system, in seconds. */
double harness_cpu_seconds(void);
/* Kills process @p pid at once (SIGKILL / TerminateProcess): 0 or -1. */
int harness_kill_pid(int64_t pid);

/*
 * Leak probes, for tests that check that one operation leaves nothing
 * behind (test_fault); every test program also gets the whole-program check
 * of harness_run(). Counts are of this process only.
 */
/* Open descriptors (POSIX) or handles (Windows), or -1. */
int harness_count_handles(void);
/* Prints each open descriptor or handle, with what it is, for a report. */
void harness_print_handles(void);
/* Children not yet reaped, running or exited, without reaping any: 0, or 1
 * for "at least one" on POSIX (waitid WNOWAIT cannot count), or -1. */
int harness_count_children(void);
/* /dev/shm entries whose names start with @p prefix followed by this
 * process's pid and '-' (0 on Windows, whose named mappings vanish with
 * their last handle). */
int harness_count_shm(const char *prefix);
/* Threads of this process, or -1 where there is no way to count them
 * (POSIX but Linux). A thread is counted until it has fully ended. */
int harness_count_threads(void);

/* Tells the whole-program leak check that the test made the library keep
 * @p n more descriptors or handles for the process's life, on purpose (a
 * connection ticket that was never redeemed: test_fault). */
void harness_expect_kept(int n);

/* Sequentially consistent atomics on plain words, usable in shared memory
 * (GCC/clang builtins, or MSVC's Interlocked functions). */
int64_t harness_atomic_load64(volatile int64_t *p);
void harness_atomic_store64(volatile int64_t *p, int64_t v);
void harness_atomic_add64(volatile int64_t *p, int64_t v);
/* Sets *p to 1 and returns what it was. */
int harness_atomic_test_and_set(volatile uint8_t *p);

/* 1 on a platform where starting a process is slow (Windows, wine): tests
 * scale their process counts, never their checks, by it. */
int harness_slow_processes(void);

/* Lets another thread or process run (sched_yield / Sleep(0)). */
void harness_yield(void);

/* Sleeps for about @p seconds. */
void harness_sleep(double seconds);

/*
 * Test programs call this at the very start of main(). On Windows it turns
 * off crash dialogs (a crashing child must fail the test, not hang it). If
 * the environment asks for it (MPROC_TEST_CRASH_AT_BOOT=1), the process then
 * crashes before mproc_boot(), to test a child that dies while booting.
 */
void harness_early_init(void);

/* 1 if the directory holding @p path is mode 0700 and ours, 0 if not, -1
 * where the question does not apply (Windows). */
int harness_private_dir_of(const char *path);

/* A thread running fn(arg), and waiting for it to end. */
typedef struct harness_thread harness_thread_t;
harness_thread_t *harness_thread_start(void (*fn)(void *), void *arg);
/* A shell command (a python3 peer), run by harness_command_main(&c) on
 * this thread or on one of its own: system()'s status in c.status. */
typedef struct harness_command {
  char cmd[1024];
  int status;
} harness_command_t;
void harness_command_main(void *arg);
void harness_thread_join(harness_thread_t *t);

/* The Python interpreters the live interop tests run against, as commands
 * (at most max of them into out; their count returned). CI size: python3,
 * if it runs. Full size (MPROC_TEST_FULL=1): also every python3.X (3.8 to
 * 3.14) that runs and is of a version not listed yet, each absent one
 * noted. Probed once per process (a pyenv shim costs a second a call). */
int harness_pythons(const char **out, int max);
/* The interpreter command of the running live case (HARNESS_EACH_PYTHON). */
extern const char *harness_python;
/* test_<body>: body once per interpreter of harness_pythons(), named in
 * harness_python while it runs; without one, skipped with a note that
 * names @p what. */
#define HARNESS_EACH_PYTHON(body, what)                                        \
  static void test_##body(void **state) {                                      \
    const char *list[8];                                                       \
    int n = harness_pythons(list, 8);                                          \
    if (n == 0)                                                                \
      print_message("python3 not found: %s is skipped\n", what);               \
    for (int i = 0; i < n; i++) {                                              \
      harness_python = list[i];                                                \
      print_message("with %s\n", harness_python);                              \
      body(state);                                                             \
    }                                                                          \
  }
/* The values tests/python_client.py and tests/python_server.py call PLAIN
 * (those of Python's that mproc's values hold), in order: *n of them
 * into v (room for 16), pointing into static storage. */
void harness_python_plain(mproc_value_t *v, size_t *n);

/* A process-local mutex (pthread, or a critical section); trylock returns 1
 * when it took the lock, 0 when another thread holds it. */
typedef struct harness_mutex harness_mutex_t;
harness_mutex_t *harness_mutex_create(void);
void harness_mutex_lock(harness_mutex_t *m);
int harness_mutex_trylock(harness_mutex_t *m);
void harness_mutex_unlock(harness_mutex_t *m);
void harness_mutex_destroy(harness_mutex_t *m);

#endif
