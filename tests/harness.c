/* SPDX-License-Identifier: MIT */
/*
 * The test harness. This file is the one place tests touch platform APIs
 * (environment, clock, yield), so that the tests themselves compile
 * unchanged everywhere.
 */
#if !defined(_WIN32)
#define _GNU_SOURCE
#endif
#include "harness.h"

#if defined(__SANITIZE_ADDRESS__)
#define HARNESS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HARNESS_ASAN 1
#endif
#endif
#ifdef HARNESS_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
/* After windows.h. */
#include <tlhelp32.h>
#include <winternl.h>
#else
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#endif

const mproc_start_method_t harness_method_fork = MPROC_START_FORK;
const mproc_start_method_t harness_method_spawn = MPROC_START_SPAWN;
const mproc_start_method_t harness_method_forkserver = MPROC_START_FORKSERVER;

/* ------------------------------------------------------------------------ */
/* Leak check: what a test program holds after its groups ran must be what  */
/* it held before, less what the library keeps for the process's life.      */
/* ------------------------------------------------------------------------ */

#define HARNESS_MAX_RES 4096

typedef struct harness_res {
  int n;
  long id[HARNESS_MAX_RES]; /* descriptors, or handle values */
} harness_res_t;

#ifdef _WIN32
/*
 * The open handles, by probing handle values with GetHandleInformation (it
 * succeeds exactly for an open handle of this process). Rather than
 * GetProcessHandleCount, because wine's is a stub that answers 0, and
 * because a list can name what leaked. Handle values are multiples of 4,
 * handed out lowest free first: the probe stops 1024 values past the
 * highest open one.
 */
static void harness_resources(harness_res_t *r) {
  r->n = 0;
  long last = 0;
  for (long v = 4; v <= last + 4 * 1024 && r->n < HARNESS_MAX_RES; v += 4) {
    DWORD flags;
    if (GetHandleInformation((HANDLE)(intptr_t)v, &flags)) {
      r->id[r->n++] = v;
      last = v;
    }
  }
}

/* The handle's type and name, from NtQueryObject (looked up at run time:
 * the tests do not link ntdll). */
typedef LONG(NTAPI *harness_ntqueryobject)(HANDLE, int, void *, ULONG, ULONG *);

static void harness_object_string(HANDLE h, int cls, char *out, size_t size) {
  static harness_ntqueryobject q;
  union {
    UNICODE_STRING s; /* both answers start with one */
    char buf[2048];
  } u;
  out[0] = '\0';
  if (!q)
    q = (harness_ntqueryobject)(void (*)(void))GetProcAddress(
        GetModuleHandleA("ntdll.dll"), "NtQueryObject");
  ULONG len = 0;
  if (!q || q(h, cls, &u, sizeof u, &len) < 0 || !u.s.Buffer)
    return;
  int n = WideCharToMultiByte(CP_UTF8, 0, u.s.Buffer, u.s.Length / 2, out,
                              (int)size - 1, NULL, NULL);
  out[n > 0 ? n : 0] = '\0';
}

static void harness_describe(long id, char *buf, size_t size) {
  HANDLE h = (HANDLE)(intptr_t)id;
  char type[128], name[160];
  harness_object_string(h, 2 /* ObjectTypeInformation */, type, sizeof type);
  harness_object_string(h, 1 /* ObjectNameInformation */, name, sizeof name);
  snprintf(buf, size, "handle 0x%lx (%s%s%s)", id, type[0] ? type : "?",
           name[0] ? " " : "", name);
}

/*
 * What mproc keeps for the process's life on Windows: the job object that
 * kills daemon children with their parent (src/win32/start_spawn.c, made at
 * the first start and never closed, so that it closes when the process dies).
 * IsProcessInJob succeeds only on a job handle (wine's
 * QueryInformationJobObject succeeds on any handle, so it cannot tell).
 */
static int harness_lifetime_resource(long id) {
  BOOL in;
  if (IsProcessInJob(GetCurrentProcess(), (HANDLE)(intptr_t)id, &in))
    return 1;
  /* The ledger of connections sent (src/win32/conn.c), made at the first
   * send and kept, as the POSIX resource sharer's socket is. */
  char name[160];
  harness_object_string((HANDLE)(intptr_t)id, 1 /* ObjectNameInformation */,
                        name, sizeof name);
  return strstr(name, "mproc-tickets-") != NULL;
}

/*
 * wine's ws2_32 gives each thread an event for its blocking socket calls,
 * made at the first such call and kept until the thread ends: one blocking
 * loopback connect here makes the main thread's before the count.
 */
static void harness_warm_sockets(void) {
  WSADATA d;
  if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
    return;
  SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  struct sockaddr_in a;
  int alen = sizeof a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (l != INVALID_SOCKET && c != INVALID_SOCKET &&
      bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 1) == 0 &&
      getsockname(l, (struct sockaddr *)&a, &alen) == 0 &&
      connect(c, (struct sockaddr *)&a, sizeof a) == 0) {
    SOCKET s = accept(l, NULL, NULL);
    if (s != INVALID_SOCKET)
      closesocket(s);
  }
  if (c != INVALID_SOCKET)
    closesocket(c);
  if (l != INVALID_SOCKET)
    closesocket(l);
  WSACleanup();
}

/* Children still running: processes whose parent is this one and that were
 * created after it (a process id can be reused, a creation time cannot). */
static int harness_children_left(void) {
  int left = 0;
  FILETIME mine, c, e, k, u;
  if (!GetProcessTimes(GetCurrentProcess(), &mine, &e, &k, &u))
    return 0;
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snap == INVALID_HANDLE_VALUE)
    return 0;
  PROCESSENTRY32 pe;
  pe.dwSize = sizeof pe;
  for (BOOL ok = Process32First(snap, &pe); ok; ok = Process32Next(snap, &pe)) {
    if (pe.th32ParentProcessID != GetCurrentProcessId())
      continue;
    HANDLE h =
        OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pe.th32ProcessID);
    if (!h)
      continue;
    if (GetProcessTimes(h, &c, &e, &k, &u) && CompareFileTime(&c, &mine) >= 0) {
      print_error("[ LEAK     ] child process %lu (%s) still running\n",
                  (unsigned long)pe.th32ProcessID, pe.szExeFile);
      left++;
    }
    CloseHandle(h);
  }
  CloseHandle(snap);
  return left;
}
#else
/* The open descriptors: /proc/self/fd on Linux (without the descriptor
 * that reads it), else every descriptor fcntl knows, up to a bound no test
 * program comes near. */
static void harness_resources(harness_res_t *r) {
  r->n = 0;
#if defined(__linux__)
  DIR *d = opendir("/proc/self/fd");
  if (d) {
    struct dirent *de;
    while ((de = readdir(d)) && r->n < HARNESS_MAX_RES) {
      if (de->d_name[0] == '.')
        continue;
      long fd = strtol(de->d_name, NULL, 10);
      if (fd != dirfd(d))
        r->id[r->n++] = fd;
    }
    closedir(d);
    return;
  }
#endif
  for (long fd = 0; fd < HARNESS_MAX_RES && r->n < HARNESS_MAX_RES; fd++)
    if (fcntl((int)fd, F_GETFD) != -1)
      r->id[r->n++] = fd;
}

static void harness_describe(long id, char *buf, size_t size) {
  char path[64], target[256] = "?";
  snprintf(path, sizeof path, "/proc/self/fd/%ld", id);
  ssize_t n = readlink(path, target, sizeof target - 1);
  if (n >= 0)
    target[n] = '\0';
  snprintf(buf, size, "fd %ld -> %s", id, target);
}

/*
 * What mproc keeps for the process's life on POSIX: the resource sharer's
 * listening socket (src/posix/conn.c, Linux), opened the first time a
 * connection is sent to a process that is not being spawned, and served by
 * a thread until the process ends, as CPython's resource sharer. It is the
 * abstract socket "@mproc-sharer-<pid>-..." in /proc/net/unix; the
 * descriptor is found by the socket's inode.
 */
static int harness_lifetime_resource(long id) {
#if defined(__linux__)
  char path[64], target[64], prefix[64], line[512];
  snprintf(path, sizeof path, "/proc/self/fd/%ld", id);
  ssize_t n = readlink(path, target, sizeof target - 1);
  if (n < 0)
    return 0;
  target[n] = '\0';
  unsigned long inode;
  if (sscanf(target, "socket:[%lu]", &inode) != 1)
    return 0;
  snprintf(prefix, sizeof prefix, "@mproc-sharer-%lld-",
           (long long)mproc_getpid());
  FILE *f = fopen("/proc/net/unix", "r");
  if (!f)
    return 0;
  int found = 0;
  while (!found && fgets(line, sizeof line, f)) {
    /* Num RefCount Protocol Flags Type St Inode Path */
    unsigned long ino;
    char name[256];
    if (sscanf(line, "%*s %*s %*s %*s %*s %*s %lu %255s", &ino, name) == 2 &&
        ino == inode && strncmp(name, prefix, strlen(prefix)) == 0)
      found = 1;
  }
  fclose(f);
  return found;
#else
  (void)id;
  return 0;
#endif
}

/* Children not reaped: zombies (reaped here, so that they are reported
 * once) and children still running. */
static int harness_children_left(void) {
  int left = 0, status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    print_error("[ LEAK     ] child %ld was left unreaped\n", (long)pid);
    left++;
  }
  if (pid == 0) {
    print_error("[ LEAK     ] a child process is still running\n");
    left++;
  }
  return left;
}
#endif

static int harness_has(const harness_res_t *r, long id) {
  for (int i = 0; i < r->n; i++)
    if (r->id[i] == id)
      return 1;
  return 0;
}

/* src/slab.h: a slab the library keeps mapped with no object in it. */
int mproc__slab_idle_handle(intptr_t id);

/* Counts (and, when @p report, prints) what is open now and was not before,
 * less the library's lifetime resources. */
static int harness_new_resources(const harness_res_t *before, int report) {
  static harness_res_t now;
  harness_resources(&now);
  int leaked = 0;
  for (int i = 0; i < now.n; i++) {
    if (harness_has(before, now.id[i]) ||
        harness_lifetime_resource(now.id[i]) ||
        mproc__slab_idle_handle((intptr_t)now.id[i]))
      continue;
    if (report) {
      char what[320];
      harness_describe(now.id[i], what, sizeof what);
      print_error("[ LEAK     ] %s opened and never closed\n", what);
    }
    leaked++;
  }
  return leaked;
}

/*
 * Returns the number of leaks found. A descriptor can close a moment after
 * a test ends (the resource sharer's thread closes its side of a transfer
 * after the receiver has the descriptor), so the count is retried for a
 * while before anything is called a leak: a real leak stays.
 */
static int kept_on_purpose;

void harness_expect_kept(int n) {
  kept_on_purpose += n;
}

static int harness_check_leaks(const char *name, const harness_res_t *before) {
  int leaked = 0;
  for (int tries = 0; tries < 60; tries++) {
    leaked = harness_new_resources(before, 0);
    if (leaked <= kept_on_purpose)
      break;
    harness_sleep(0.05);
  }
  if (leaked > kept_on_purpose) {
    leaked = harness_new_resources(before, 1);
  } else {
    if (leaked)
      print_message("[ KEPT     ] %s: %d descriptor(s) or handle(s) the test "
                    "made the library keep on purpose\n",
                    name, leaked);
    leaked = 0;
  }
  leaked += harness_children_left();
  if (leaked)
    print_error("[ LEAK     ] %s: %d leaked descriptor(s), handle(s) or "
                "process(es)\n",
                name, leaked);
  else
    print_message("[ NO LEAKS ] %s: descriptors/handles and children as "
                  "before\n",
                  name);
  return leaked;
}

int harness_count_handles(void) {
  static harness_res_t now;
  harness_resources(&now);
  return now.n;
}

void harness_print_handles(void) {
  static harness_res_t now;
  harness_resources(&now);
  for (int i = 0; i < now.n; i++) {
    char what[320];
    harness_describe(now.id[i], what, sizeof what);
    print_message("  %s\n", what);
  }
}

#ifdef _WIN32
int harness_count_children(void) {
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snap == INVALID_HANDLE_VALUE)
    return -1;
  PROCESSENTRY32 pe;
  pe.dwSize = sizeof pe;
  int n = 0;
  DWORD me = GetCurrentProcessId();
  for (BOOL ok = Process32First(snap, &pe); ok; ok = Process32Next(snap, &pe))
    if (pe.th32ParentProcessID == me)
      n++;
  CloseHandle(snap);
  return n;
}

int harness_count_shm(const char *prefix) {
  (void)prefix;
  return 0;
}

int harness_count_threads(void) {
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
  if (snap == INVALID_HANDLE_VALUE)
    return -1;
  THREADENTRY32 te;
  te.dwSize = sizeof te;
  int n = 0;
  DWORD me = GetCurrentProcessId();
  for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te))
    if (te.th32OwnerProcessID == me)
      n++;
  CloseHandle(snap);
  return n;
}
#else
int harness_count_children(void) {
  siginfo_t si;
  memset(&si, 0, sizeof si);
  if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
    return errno == ECHILD ? 0 : -1;
  return 1;
}

int harness_count_shm(const char *prefix) {
  char mine[128];
  snprintf(mine, sizeof mine, "%s%lld-", prefix, (long long)getpid());
  DIR *d = opendir("/dev/shm");
  if (!d)
    return 0;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, mine, strlen(mine)) == 0)
      n++;
  closedir(d);
  return n;
}

int harness_count_threads(void) {
#if defined(__linux__)
  DIR *d = opendir("/proc/self/task");
  if (!d)
    return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      n++;
  closedir(d);
  return n;
#else
  return -1;
#endif
}
#endif

#if defined(_MSC_VER) && !defined(__clang__)
int64_t harness_atomic_load64(volatile int64_t *p) {
  return InterlockedCompareExchange64((volatile LONG64 *)p, 0, 0);
}
void harness_atomic_store64(volatile int64_t *p, int64_t v) {
  InterlockedExchange64((volatile LONG64 *)p, v);
}
void harness_atomic_add64(volatile int64_t *p, int64_t v) {
  InterlockedExchangeAdd64((volatile LONG64 *)p, v);
}
int harness_atomic_test_and_set(volatile uint8_t *p) {
  return InterlockedExchange8((volatile char *)p, 1) != 0;
}
#else
int64_t harness_atomic_load64(volatile int64_t *p) {
  return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}
void harness_atomic_store64(volatile int64_t *p, int64_t v) {
  __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}
void harness_atomic_add64(volatile int64_t *p, int64_t v) {
  __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
int harness_atomic_test_and_set(volatile uint8_t *p) {
  return __atomic_exchange_n(p, 1, __ATOMIC_SEQ_CST) != 0;
}
#endif

/* With MPROC_TEST_LEAKS_EACH=1 in the environment, what each test leaves
 * open is printed after it (to find which test leaks). */
static harness_res_t *leaks_before;
static int harness_leaks_teardown(void **state) {
  (void)state;
  harness_new_resources(leaks_before, 1);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The command line: which cases, under which start method                  */
/* ------------------------------------------------------------------------ */

#define HARNESS_MAX_NAMES 32

typedef struct harness_args {
  const char *prog; /* argv[0] without its directory, for messages */
  const char *names[HARNESS_MAX_NAMES];
  int n_names;
  bool found[HARNESS_MAX_NAMES];
  mproc_start_method_t method; /* MPROC_START_DEFAULT: every method */
  bool help;
} harness_args_t;

static const char *harness_method_name(mproc_start_method_t m) {
  return m == MPROC_START_FORK    ? "fork"
         : m == MPROC_START_SPAWN ? "spawn"
                                  : "forkserver";
}

/* A start method's name as the command line and MPROC_TEST_START_METHODS
 * spell it; MPROC_START_DEFAULT for none. */
static mproc_start_method_t harness_method_parse(const char *s, size_t len) {
  static const mproc_start_method_t all[] = {
      MPROC_START_FORK, MPROC_START_SPAWN, MPROC_START_FORKSERVER};
  for (size_t i = 0; i < 3; i++) {
    const char *name = harness_method_name(all[i]);
    if (strlen(name) == len && strncmp(s, name, len) == 0)
      return all[i];
  }
  return MPROC_START_DEFAULT;
}

/* A case given on the command line may leave out cmocka's "test_" prefix,
 * which every case name has: "rlock" is test_rlock. */
static bool harness_name_matches(const char *arg, const char *test) {
  return strcmp(arg, test) == 0 ||
         (strncmp(test, "test_", 5) == 0 && strcmp(arg, test + 5) == 0);
}

/* The start method a test runs under: @p m, unless its initial_state names
 * one method only (HARNESS_TEST_ONLY) and that is another. */
static bool harness_test_runs_under(const struct CMUnitTest *t,
                                    mproc_start_method_t m) {
  return !t->initial_state ||
         *(const mproc_start_method_t *)t->initial_state == m;
}

static void harness_usage(FILE *f, const harness_args_t *a,
                          const struct CMUnitTest *tests, size_t n) {
  fprintf(f,
          "usage: %s [CASE...] [fork|spawn|forkserver]\n"
          "Runs the cases named (with or without their \"test_\" prefix), "
          "under the start\nmethod named; with neither, every case under "
          "every method this platform has\n(or those that "
          "MPROC_TEST_START_METHODS lists, as \"fork spawn\").\n"
          "The cases:\n",
          a->prog);
  for (size_t i = 0; i < n; i++) {
    const char *only = "";
    if (tests[i].initial_state)
      only = harness_method_name(
          *(const mproc_start_method_t *)tests[i].initial_state);
    fprintf(f, "  %s%s%s%s\n", tests[i].name, only[0] ? " (" : "", only,
            only[0] ? " only)" : "");
  }
}

/*
 * Reads the command line. It runs after mproc_boot(), which has already
 * run and ended a spawned child (whose arguments are the library's own), so
 * every argument here is the developer's. Returns 0, or -1 when the
 * arguments make no sense here (reported; the program must then fail: a
 * misspelt case that silently ran nothing would read as a pass).
 */
static int harness_parse_args(harness_args_t *a, int argc, char **argv,
                              const struct CMUnitTest *tests, size_t n) {
  memset(a, 0, sizeof *a);
  a->method = MPROC_START_DEFAULT;
  a->prog = argc > 0 && argv[0] ? argv[0] : "test";
  for (const char *p = a->prog; *p; p++)
    if (*p == '/' || *p == '\\')
      a->prog = p + 1;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 ||
        strcmp(arg, "--list") == 0) {
      a->help = true;
    } else if (harness_method_parse(arg, strlen(arg)) != MPROC_START_DEFAULT) {
      mproc_start_method_t m = harness_method_parse(arg, strlen(arg));
      if (a->method != MPROC_START_DEFAULT && a->method != m) {
        fprintf(stderr, "%s: give one start method, not both\n", a->prog);
        return -1;
      }
      if (!mproc_start_method_available(m)) {
        fprintf(stderr, "%s: start method %s is not available here\n", a->prog,
                arg);
        return -1;
      }
      a->method = m;
    } else if (a->n_names < HARNESS_MAX_NAMES) {
      a->names[a->n_names++] = arg;
    } else {
      fprintf(stderr, "%s: at most %d case names\n", a->prog,
              HARNESS_MAX_NAMES);
      return -1;
    }
  }
  if (a->help) {
    harness_usage(stdout, a, tests, n);
    return 0;
  }
  int bad = 0;
  for (int k = 0; k < a->n_names; k++) {
    bool named = false, runs = false;
    for (size_t i = 0; i < n; i++) {
      if (!harness_name_matches(a->names[k], tests[i].name))
        continue;
      named = true;
      runs = a->method == MPROC_START_DEFAULT ||
             harness_test_runs_under(&tests[i], a->method);
    }
    if (!named)
      fprintf(stderr, "%s: no case named \"%s\"\n", a->prog, a->names[k]);
    else if (!runs)
      fprintf(stderr, "%s: case \"%s\" does not run under %s\n", a->prog,
              a->names[k], harness_method_name(a->method));
    bad += !named || !runs;
  }
  if (bad) {
    harness_usage(stderr, a, tests, n);
    return -1;
  }
  return 0;
}

/* Whether the command line asked for @p t (every case, when it named none). */
static bool harness_selected(const harness_args_t *a,
                             const struct CMUnitTest *t) {
  if (a->n_names == 0)
    return true;
  for (int k = 0; k < a->n_names; k++)
    if (harness_name_matches(a->names[k], t->name))
      return true;
  return false;
}

/* ------------------------------------------------------------------------ */
/* The watchdog: a case that runs too long is named, and the program ends   */
/* ------------------------------------------------------------------------ */

/*
 * Why: ctest's limit is for the whole program, so a hung case used to die
 * unnamed, and its children (which hold ctest's output pipe) kept ctest
 * waiting. A thread of the test program watches the running case instead.
 *
 * The case is published as a seqlock of atomic words rather than under a
 * mutex, because fork children copy this memory: a mutex the watchdog held
 * at the fork would stay locked in the child, and harness_expect_exit(),
 * which children may call, reads the case too.
 */
typedef struct harness_case {
  mproc_start_method_t method; /* first: TEST_METHOD(state) reads it */
  const char *name;
  CMUnitTestFunction fn;
} harness_case_t;

static volatile int64_t wd_seq;     /* odd while the case is being changed */
static volatile int64_t wd_case;    /* (intptr_t) harness_case_t *, or 0 */
static volatile int64_t wd_start;   /* when it started, microseconds */
static volatile int64_t wd_running; /* the thread has started */
static double wd_case_limit;        /* seconds; 0: no limit */
static double wd_program_limit;     /* seconds; 0: no limit */
static double wd_program_start;
static const char *wd_prog = "test";

static void harness_case_publish(const harness_case_t *c) {
  harness_atomic_add64(&wd_seq, 1);
  harness_atomic_store64(&wd_case, (int64_t)(intptr_t)c);
  harness_atomic_store64(&wd_start, (int64_t)(harness_now() * 1e6));
  harness_atomic_add64(&wd_seq, 1);
}

/* The running case (NULL: none) and when it started. */
static const harness_case_t *harness_case_current(double *start) {
  for (;;) {
    int64_t seq = harness_atomic_load64(&wd_seq);
    if (seq & 1) {
      harness_yield();
      continue;
    }
    int64_t c = harness_atomic_load64(&wd_case);
    int64_t t = harness_atomic_load64(&wd_start);
    if (harness_atomic_load64(&wd_seq) == seq) {
      *start = (double)t / 1e6;
      return (const harness_case_t *)(intptr_t)c;
    }
  }
}

/* Every test runs through this, which tells the watchdog. A failed
 * assert longjmps past the end: the next case, or the end of the group,
 * then replaces it. */
static void harness_case_main(void **state) {
  const harness_case_t *c = *state;
  harness_case_publish(c);
  c->fn(state);
  harness_case_publish(NULL);
}

/* Descriptors or handles opened since the program's count, for the
 * report: a hang is often a wait on one of them. */
static void harness_print_new_handles(void) {
  static harness_res_t now;
  if (!leaks_before)
    return;
  harness_resources(&now);
  for (int i = 0; i < now.n; i++) {
    if (harness_has(leaks_before, now.id[i]))
      continue;
    char what[320];
    harness_describe(now.id[i], what, sizeof what);
    fprintf(stderr, "  open since the start: %s\n", what);
  }
}

/* Kills this process's descendants, listing them: a child left running
 * would keep ctest's output pipe open, and ctest waiting, after this
 * program has gone. */
#ifdef _WIN32
static void harness_kill_descendants(void) {
  DWORD ids[256];
  int n = 1;
  ids[0] = GetCurrentProcessId();
  FILETIME mine, c, e, k, u;
  if (!GetProcessTimes(GetCurrentProcess(), &mine, &e, &k, &u))
    return;
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snap == INVALID_HANDLE_VALUE)
    return;
  /* Parents before children in no particular order: pass until nothing
   * is added. A process created before this one is not ours, whatever
   * its recorded parent (process ids are reused). */
  for (int added = 1; added && n < 256;) {
    added = 0;
    PROCESSENTRY32 pe;
    pe.dwSize = sizeof pe;
    for (BOOL ok = Process32First(snap, &pe); ok && n < 256;
         ok = Process32Next(snap, &pe)) {
      bool parent = false, known = false;
      for (int i = 0; i < n; i++) {
        parent |= ids[i] == pe.th32ParentProcessID;
        known |= ids[i] == pe.th32ProcessID;
      }
      if (!parent || known)
        continue;
      HANDLE h =
          OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE,
                      FALSE, pe.th32ProcessID);
      if (!h)
        continue;
      if (GetProcessTimes(h, &c, &e, &k, &u) &&
          CompareFileTime(&c, &mine) >= 0) {
        ids[n++] = pe.th32ProcessID;
        added = 1;
        fprintf(stderr, "  process %lu (%s, child of %lu): killed\n",
                (unsigned long)pe.th32ProcessID, pe.szExeFile,
                (unsigned long)pe.th32ParentProcessID);
        TerminateProcess(h, 9);
      }
      CloseHandle(h);
    }
  }
  CloseHandle(snap);
}
#elif defined(__linux__)
static void harness_kill_descendants(void) {
  pid_t ids[256];
  int n = 1;
  ids[0] = getpid();
  /* Pass over /proc until nothing is added, then kill: killing first
   * would hand grandchildren to init before they were found. */
  for (int added = 1; added && n < 256;) {
    added = 0;
    DIR *d = opendir("/proc");
    if (!d)
      break;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256) {
      char path[64], stat[512];
      long pid = strtol(de->d_name, NULL, 10);
      if (pid <= 0)
        continue;
      snprintf(path, sizeof path, "/proc/%ld/stat", pid);
      FILE *f = fopen(path, "r");
      if (!f)
        continue;
      size_t len = fread(stat, 1, sizeof stat - 1, f);
      fclose(f);
      stat[len] = '\0';
      /* "pid (comm) state ppid ...": comm may hold spaces and parens. */
      char *close = strrchr(stat, ')');
      long ppid = 0;
      if (!close || sscanf(close + 1, " %*c %ld", &ppid) != 1)
        continue;
      bool parent = false, known = false;
      for (int i = 0; i < n; i++) {
        parent |= ids[i] == (pid_t)ppid;
        known |= ids[i] == (pid_t)pid;
      }
      if (parent && !known) {
        ids[n++] = (pid_t)pid;
        added = 1;
        *close = '\0';
        char *open = strchr(stat, '(');
        fprintf(stderr, "  process %ld (%s, child of %ld): killed\n", pid,
                open ? open + 1 : "?", ppid);
      }
    }
    closedir(d);
  }
  for (int i = 1; i < n; i++)
    kill(ids[i], SIGKILL);
  /* Reap ours, briefly: a zombie handed to init stays until init reaps
   * it, which a container's init may do late, and CI counts zombies. */
  for (int tries = 0; tries < 200 && waitpid(-1, NULL, WNOHANG) >= 0; tries++)
    harness_sleep(0.01);
}
#else
static void harness_kill_descendants(void) {
  fprintf(stderr, "  (children not listed: no /proc here)\n");
}
#endif

static void harness_watchdog_fire(const harness_case_t *c, double ran,
                                  const char *why) {
  if (c)
    fprintf(stderr, "%s: case %s (%s) hung for %.0f s (%s)\n", wd_prog, c->name,
            harness_method_name(c->method), ran, why);
  else
    fprintf(stderr, "%s: hung between cases (%s)\n", wd_prog, why);
  harness_print_new_handles();
  harness_kill_descendants();
  fflush(stderr);
  fflush(stdout);
  _Exit(124); /* as timeout(1) */
}

static void harness_watchdog(void *arg) {
  (void)arg;
  harness_atomic_store64(&wd_running, 1);
  for (;;) {
    harness_sleep(0.25);
    double start = 0, now = harness_now();
    const harness_case_t *c = harness_case_current(&start);
    char why[160];
    if (c && wd_case_limit > 0 && now - start > wd_case_limit) {
      snprintf(why, sizeof why,
               "limit %.0f s per case; MPROC_TEST_CASE_TIMEOUT sets it, 0 "
               "turns it off",
               wd_case_limit);
      harness_watchdog_fire(c, now - start, why);
    }
    if (wd_program_limit > 0 && now - wd_program_start > wd_program_limit) {
      snprintf(why, sizeof why,
               "the program ran %.0f s, past MPROC_TEST_PROGRAM_TIMEOUT=%.0f, "
               "set by ctest's TIMEOUT",
               now - wd_program_start, wd_program_limit);
      harness_watchdog_fire(c, c ? now - start : 0, why);
    }
  }
}

/* A limit in seconds from the environment: @p dflt when unset or not a
 * number, 0 (no limit) when 0. */
static double harness_env_seconds(const char *name, double dflt) {
  const char *v = getenv(name);
  if (!v || !*v)
    return dflt;
  char *end;
  double d = strtod(v, &end);
  if (*end || d < 0) {
    fprintf(stderr, "%s: %s=%s is not a number of seconds; using %.0f\n",
            wd_prog, name, v, dflt);
    return dflt;
  }
  return d;
}

/*
 * Starts the watchdog, once per program. Not under ThreadSanitizer: there a
 * fork child of a process with threads may not start threads of its own
 * (die_after_fork), and the manager's server and the resource sharer, forked
 * from the test program, do; their tests would die for the watchdog.
 */
static void harness_watchdog_start(const char *prog) {
  static harness_thread_t *thread;
  wd_prog = prog;
  wd_program_start = harness_now();
  /* Cases take seconds; a minute is a hang, also on a loaded machine.
   * wine starts processes some ten times slower. */
  wd_case_limit = harness_env_seconds("MPROC_TEST_CASE_TIMEOUT",
                                      harness_slow_processes() ? 150 : 60);
  wd_program_limit = harness_env_seconds("MPROC_TEST_PROGRAM_TIMEOUT", 0);
#ifdef HARNESS_TSAN
  return;
#endif
  if (thread || (wd_case_limit == 0 && wd_program_limit == 0))
    return;
  thread = harness_thread_start(harness_watchdog, NULL);
  /* No fork before the thread runs: a thread still starting may hold an
   * allocator lock (clang 14's ASan takes one in its thread set-up and
   * not around fork), and a child forked then deadlocks in its first
   * malloc (mproc-crash's lesson). Once running, it only sleeps. */
  while (!harness_atomic_load64(&wd_running))
    harness_sleep(0.001);
}

/* ------------------------------------------------------------------------ */
/* Running the cases                                                        */
/* ------------------------------------------------------------------------ */

/*
 * The start methods every case runs under: MPROC_TEST_START_METHODS (names
 * separated by spaces or commas, as "fork spawn"), or all three. CI's
 * budget is time: its phases other than the main one run "fork spawn",
 * and forkserver, which costs what fork does per child plus the server,
 * runs in the main phase (ci/test.sh). A method the platform lacks is
 * skipped, so one setting serves Linux and Windows. Returns the count, or
 * -1 for a name that is no method (a typo must not run nothing).
 */
static int harness_methods(const char *prog, mproc_start_method_t out[3]) {
  const char *env = getenv("MPROC_TEST_START_METHODS");
  if (!env || !*env) {
    out[0] = MPROC_START_FORK;
    out[1] = MPROC_START_SPAWN;
    out[2] = MPROC_START_FORKSERVER;
    return 3;
  }
  int k = 0;
  for (const char *p = env; *p;) {
    size_t len = strcspn(p, " ,");
    if (len) {
      mproc_start_method_t m = harness_method_parse(p, len);
      if (m == MPROC_START_DEFAULT) {
        fprintf(stderr,
                "%s: MPROC_TEST_START_METHODS=\"%s\": \"%.*s\" is not fork, "
                "spawn or forkserver\n",
                prog, env, (int)len, p);
        return -1;
      }
      bool dup = false;
      for (int i = 0; i < k; i++)
        dup |= out[i] == m;
      if (!dup && k < 3)
        out[k++] = m;
    }
    p += len;
    p += strspn(p, " ,");
  }
  return k;
}

/* src/posix/start_forkserver.c: ends this process's fork server, whose
 * process and channel are not the test's to leak. */
void mproc__forkserver_stop(void);

int harness_run(int argc, char **argv, const char *name,
                const struct CMUnitTest *tests, size_t n) {
  mproc_start_method_t methods[3];
  harness_args_t args;
  if (harness_parse_args(&args, argc, argv, tests, n) != 0)
    return 2;
  int n_methods = harness_methods(args.prog, methods);
  if (n_methods < 0)
    return 2;
  /* A method named on the command line runs whatever the variable says. */
  if (args.method != MPROC_START_DEFAULT) {
    methods[0] = args.method;
    n_methods = 1;
  }
  if (args.help)
    return 0;
  int failures = 0;
  /*
   * Resources made once for the process's life by what every program uses
   * are made before the count: cmocka's print_message calls
   * OutputDebugString on Windows, which makes wine open its DBWinMutex and
   * BaseNamedObjects directory; the first access to a thread-local variable
   * makes mingw's emulated TLS create its mutex (a semaphore); and wine's
   * per-thread socket event (harness_warm_sockets).
   */
#if defined(_MSC_VER) && !defined(__clang__)
  static __declspec(thread) volatile int tls_touch;
#else
  static _Thread_local volatile int tls_touch;
#endif
  tls_touch++;
#ifdef _WIN32
  harness_warm_sockets();
#endif
  /* Before the count: on Windows the thread is a handle. */
  harness_watchdog_start(args.prog);
  print_message("[ LEAKS    ] %s: counting descriptors and children\n", name);
  static harness_res_t before;
  harness_resources(&before);
  leaks_before = &before;
  struct CMUnitTest *copy = calloc(n, sizeof *copy);
  harness_case_t *cases = calloc(n, sizeof *cases);
  if (!copy || !cases) {
    free(copy);
    free(cases);
    return 1;
  }
  const char *each = getenv("MPROC_TEST_LEAKS_EACH");
  for (int m = 0; m < n_methods; m++) {
    mproc_start_method_t method = methods[m];
    if (!mproc_start_method_available(method) ||
        (args.method != MPROC_START_DEFAULT && args.method != method))
      continue;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (!harness_selected(&args, &tests[i]) ||
          !harness_test_runs_under(&tests[i], method))
        continue;
      cases[k].method = method;
      cases[k].name = tests[i].name;
      cases[k].fn = tests[i].test_func;
      copy[k] = tests[i];
      copy[k].test_func = harness_case_main;
      copy[k].initial_state = &cases[k];
      if (each && strcmp(each, "1") == 0)
        copy[k].teardown_func = harness_leaks_teardown;
      k++;
    }
    if (k == 0)
      continue; /* a group of cases of the other method only */
    char group[128];
    snprintf(group, sizeof group, "%s/%s", name, harness_method_name(method));
    print_message("[ GROUP    ] %s\n", group);
    failures += _cmocka_run_group_tests(group, copy, k, NULL, NULL);
    harness_case_publish(NULL); /* after a failed case's longjmp */
  }
  free(copy);
  free(cases);
  mproc__forkserver_stop();
  if (harness_check_leaks(name, &before) != 0)
    failures++;
  return failures;
}

int harness_check_failed(const char *file, int line, const char *expr,
                         int code) {
  /* Read first: fprintf makes no mproc call, but the message must be the
   * one the failed check left, whatever comes later. */
  const char *why = mproc_last_error();
  /* One fprintf, so that lines of children failing at once do not mix. */
  fprintf(stderr,
          "%s:%d: CHECK(%s) failed in process %lld: exits with %d%s%s%s\n",
          file, line, expr, (long long)mproc_getpid(), code,
          why[0] ? " (last mproc error: " : "", why, why[0] ? ")" : "");
  fflush(stderr);
  return code;
}

mproc_process_t *harness_start(mproc_fn fn, const mproc_value_t *args,
                               size_t nargs, mproc_start_method_t method) {
  mproc_process_options_t opts = {.start_method = method, .daemon = false};
  mproc_process_t *p = NULL;
  int rc = mproc_process_start(&p, fn, args, nargs, &opts);
  if (rc != 0)
    print_error("mproc_process_start: %s: %s\n", mproc_err_name(rc),
                mproc_last_error());
  assert_int_equal(rc, 0);
  assert_non_null(p);
  return p;
}

mproc_manager_t *harness_manager_start(mproc_start_method_t method) {
  mproc_manager_options_t o = {method, NULL, NULL, 0};
  mproc_manager_t *mgr = NULL;
  int rc = mproc_manager_start(&mgr, &o);
  if (rc != 0)
    print_error("mproc_manager_start: %s: %s\n", mproc_err_name(rc),
                mproc_last_error());
  assert_int_equal(rc, 0);
  assert_non_null(mgr);
  return mgr;
}

void harness_expect_inheritance_only(const void *obj, const char *type) {
  char want[128];
  snprintf(want, sizeof want,
           "%s objects should only be shared between processes through "
           "inheritance",
           type);
  mproc_value_t v = mproc_obj(obj);
  void *buf = NULL;
  size_t len = 0;
  assert_int_equal(mproc_encode(&v, 1, &buf, &len), MPROC_E_INHERITANCE);
  assert_string_equal(mproc_last_error(), want);
  assert_string_equal(mproc_object_type_name(obj), type);
}

/*
 * How long a join may wait: what is left of the running case's time, less
 * a tenth of it, so that a child that hangs fails its case's join (the case
 * named by cmocka, the child killed, the next case run) before the watchdog
 * would end the whole program. Outside a case (in a child, in
 * mproc-crash), the old fixed bound.
 */
static double harness_join_bound(void) {
  double start = 0;
  const harness_case_t *c = harness_case_current(&start);
  if (!c || wd_case_limit == 0)
    return 120.0;
  double left = start + wd_case_limit * 0.9 - harness_now();
  return left > 1.0 ? left : 1.0;
}

void harness_expect_exit(mproc_process_t *p, int code) {
  double bound = harness_join_bound();
  int rc = mproc_process_join(p, bound);
  if (rc != 0) {
    print_error("harness_expect_exit: the child did not end within %.1f s "
                "(%s): killing it\n",
                bound, mproc_err_name(rc));
    mproc_process_kill(p);
  }
  assert_int_equal(rc, 0);
  int got = -1000;
  assert_int_equal(mproc_process_exitcode(p, &got), 0);
  assert_int_equal(got, code);
  assert_int_equal(mproc_process_destroy(p), 0);
}

void harness_setenv(const char *name, const char *value) {
#ifdef _WIN32
  _putenv_s(name, value);
#else
  setenv(name, value, 1);
#endif
}

void harness_unsetenv(const char *name) {
#ifdef _WIN32
  _putenv_s(name, "");
#else
  unsetenv(name);
#endif
}

void harness_tmpfile(char *buf, size_t size, const char *tag) {
  static unsigned counter;
  const char *dir = getenv("TMPDIR");
#ifdef _WIN32
  char tmp[MAX_PATH];
  if (!dir) {
    GetTempPathA(sizeof tmp, tmp);
    dir = tmp;
  }
  snprintf(buf, size, "%s\\mproc-test-%s-%lld-%u", dir, tag,
           (long long)mproc_getpid(), counter++);
#else
  if (!dir)
    dir = "/tmp";
  snprintf(buf, size, "%s/mproc-test-%s-%lld-%u", dir, tag,
           (long long)mproc_getpid(), counter++);
#endif
}

bool harness_repr_is(const mproc_value_t *v, const char *want) {
  char *r = v ? mproc_value_repr(v) : NULL;
  bool ok = r && strcmp(r, want) == 0;
  if (!ok)
    fprintf(stderr, "repr: got %s, want %s\n", r ? r : "(null)", want);
  mproc_free(r);
  return ok;
}

bool harness_owned_is(mproc_value_t *v, const char *want) {
  bool ok = v && harness_repr_is(v, want);
  mproc_values_free(v, v ? 1 : 0);
  return ok;
}

bool harness_message_is(const char *want) {
  bool ok = strcmp(mproc_last_error(), want) == 0;
  if (!ok)
    fprintf(stderr, "message: got \"%s\", want \"%s\"\n", mproc_last_error(),
            want);
  return ok;
}

double harness_now(void) {
#ifdef _WIN32
  LARGE_INTEGER f, c;
  QueryPerformanceFrequency(&f);
  QueryPerformanceCounter(&c);
  return (double)c.QuadPart / (double)f.QuadPart;
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

double harness_cpu_seconds(void) {
#ifdef _WIN32
  FILETIME c, e, k, u;
  if (!GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u))
    return 0;
  ULARGE_INTEGER kk, uu;
  kk.LowPart = k.dwLowDateTime;
  kk.HighPart = k.dwHighDateTime;
  uu.LowPart = u.dwLowDateTime;
  uu.HighPart = u.dwHighDateTime;
  return (double)(kk.QuadPart + uu.QuadPart) / 1e7;
#else
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

int harness_kill_pid(int64_t pid) {
#ifdef _WIN32
  HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, (DWORD)pid);
  if (!h)
    return -1;
  BOOL ok = TerminateProcess(h, 9);
  CloseHandle(h);
  return ok ? 0 : -1;
#else
  return kill((pid_t)pid, SIGKILL);
#endif
}

int harness_slow_processes(void) {
#ifdef _WIN32
  return 1;
#else
  return 0;
#endif
}

void harness_yield(void) {
#ifdef _WIN32
  Sleep(0);
#else
  sched_yield();
#endif
}

void harness_sleep(double seconds) {
#ifdef _WIN32
  Sleep((DWORD)(seconds * 1000));
#else
  struct timespec ts;
  ts.tv_sec = (time_t)seconds;
  ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
  nanosleep(&ts, NULL);
#endif
}

void harness_early_init(void) {
#ifdef _WIN32
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
               SEM_NOOPENFILEERRORBOX);
#endif
  const char *v = getenv("MPROC_TEST_CRASH_AT_BOOT");
  if (v && strcmp(v, "1") == 0)
    abort();
}

/* Threads, for tests of thread safety. */
struct harness_thread {
  void (*fn)(void *);
  void *arg;
#ifdef _WIN32
  HANDLE h;
#else
  pthread_t t;
#endif
};

#ifdef _WIN32
static DWORD WINAPI harness_thread_main(LPVOID p) {
  harness_thread_t *t = p;
  t->fn(t->arg);
  return 0;
}
#else
static void *harness_thread_main(void *p) {
  harness_thread_t *t = p;
  t->fn(t->arg);
  return NULL;
}
#endif

void harness_command_main(void *arg) {
  harness_command_t *c = arg;
  c->status = system(c->cmd);
}

/* The interpreter's major*100+minor, or -1 when it does not run. */
static int python_version(const char *py) {
  char cmd[128];
  snprintf(cmd, sizeof cmd,
           "%s -c \"import sys; print(sys.version_info[0] * 100 + "
           "sys.version_info[1])\" 2>/dev/null",
           py);
#ifdef _WIN32
  FILE *f = _popen(cmd, "r");
#else
  FILE *f = popen(cmd, "r");
#endif
  if (!f)
    return -1;
  int v = -1;
  if (fscanf(f, "%d", &v) != 1)
    v = -1;
#ifdef _WIN32
  int st = _pclose(f);
#else
  int st = pclose(f);
#endif
  return st == 0 ? v : -1;
}

int harness_pythons(const char **out, int max) {
  static const char *const versions[] = {
      "python3.8",  "python3.9",  "python3.10", "python3.11",
      "python3.12", "python3.13", "python3.14"};
  static const char *found[1 + sizeof versions / sizeof versions[0]];
  static int n_found = -1;
  if (n_found < 0) {
    int seen[1 + sizeof versions / sizeof versions[0]];
    n_found = 0;
    int v = python_version("python3");
    if (v > 0) {
      seen[n_found] = v;
      found[n_found++] = "python3";
    }
    const char *full = getenv("MPROC_TEST_FULL");
    for (size_t i = 0; full && strcmp(full, "1") == 0 &&
                       i < sizeof versions / sizeof *versions;
         i++) {
      v = python_version(versions[i]);
      bool dup = false;
      for (int k = 0; k < n_found; k++)
        dup = dup || seen[k] == v;
      if (v < 0)
        print_message("%s not found: its live run is skipped\n", versions[i]);
      else if (dup)
        print_message("%s: a version already run, not run again\n",
                      versions[i]);
      else {
        seen[n_found] = v;
        found[n_found++] = versions[i];
      }
    }
  }
  int n = n_found < max ? n_found : max;
  for (int i = 0; i < n; i++)
    out[i] = found[i];
  return n;
}

const char *harness_python = "python3";

bool harness_dict_has_by(mproc_proxy_t *d, const char *key, double deadline) {
  mproc_value_t k = mproc_str(key);
  for (;;) {
    if (mproc_proxy_dict_contains(d, &k) == 1)
      return true;
    if (harness_now() >= deadline)
      return false;
    harness_sleep(0.01);
  }
}

void harness_python_plain(mproc_value_t *v, size_t *n) {
  static const uint8_t b[2] = {0, 0xff};
  static mproc_value_t t[2], l2[2], l[2], d[4];
  size_t k = 0;
  t[0] = mproc_int(1);
  t[1] = mproc_str("a");
  l2[0] = mproc_int(2);
  l2[1] = mproc_int(3);
  l[0] = mproc_int(1);
  l[1] = mproc_list(l2, 2);
  d[0] = mproc_str("k");
  d[1] = mproc_int(1);
  d[2] = mproc_int(2);
  d[3] = mproc_str("v");
  v[k++] = mproc_none();
  v[k++] = mproc_bool(true);
  v[k++] = mproc_bool(false);
  v[k++] = mproc_int(0);
  v[k++] = mproc_int(-7);
  v[k++] = mproc_int((int64_t)1 << 62);
  v[k++] = mproc_double(1.5);
  v[k++] = mproc_str("h\xc3\xa9llo");
  v[k++] = mproc_bytes(b, 2);
  v[k++] = mproc_tuple(t, 2);
  v[k++] = mproc_list(l, 2);
  v[k++] = mproc_dict(d, 2);
  v[k++] = mproc_tuple(NULL, 0);
  *n = k;
}

harness_thread_t *harness_thread_start(void (*fn)(void *), void *arg) {
  harness_thread_t *t = calloc(1, sizeof *t);
  assert_non_null(t);
  t->fn = fn;
  t->arg = arg;
#ifdef _WIN32
  t->h = CreateThread(NULL, 0, harness_thread_main, t, 0, NULL);
  assert_non_null(t->h);
#else
  assert_int_equal(pthread_create(&t->t, NULL, harness_thread_main, t), 0);
#endif
  return t;
}

void harness_thread_join(harness_thread_t *t) {
#ifdef _WIN32
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
#else
  pthread_join(t->t, NULL);
#endif
  free(t);
}

/* A process-local mutex, for a test that plays a library's own lock. */
struct harness_mutex {
#ifdef _WIN32
  CRITICAL_SECTION cs;
#else
  pthread_mutex_t m;
#endif
};

harness_mutex_t *harness_mutex_create(void) {
  harness_mutex_t *m = calloc(1, sizeof *m);
  assert_non_null(m);
#ifdef _WIN32
  InitializeCriticalSection(&m->cs);
#else
  assert_int_equal(pthread_mutex_init(&m->m, NULL), 0);
#endif
  return m;
}

void harness_mutex_lock(harness_mutex_t *m) {
#ifdef _WIN32
  EnterCriticalSection(&m->cs);
#else
  pthread_mutex_lock(&m->m);
#endif
}

int harness_mutex_trylock(harness_mutex_t *m) {
#ifdef _WIN32
  return TryEnterCriticalSection(&m->cs) ? 1 : 0;
#else
  return pthread_mutex_trylock(&m->m) == 0;
#endif
}

void harness_mutex_unlock(harness_mutex_t *m) {
#ifdef _WIN32
  LeaveCriticalSection(&m->cs);
#else
  pthread_mutex_unlock(&m->m);
#endif
}

void harness_mutex_destroy(harness_mutex_t *m) {
  if (!m)
    return;
#ifdef _WIN32
  DeleteCriticalSection(&m->cs);
#else
  pthread_mutex_destroy(&m->m);
#endif
  free(m);
}

int harness_private_dir_of(const char *path) {
#ifdef _WIN32
  (void)path;
  return -1;
#else
  char dir[512];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash)
    return 0;
  *slash = '\0';
  struct stat st;
  if (stat(dir, &st) != 0)
    return 0;
  return S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700 &&
         st.st_uid == getuid();
#endif
}

void harness_no_leak_check(void) {
#ifdef HARNESS_ASAN
  __lsan_disable();
#endif
}
