/*
 * Processes: the registry of functions children may run, mproc_boot(), the
 * choice of start method, and the public process API. The backends do the
 * OS work behind mproc__proc_* (process.c and start_*.c in src/posix and
 * src/win32).
 */
#include "auth.h"
#include "builtins.h"
#include "value/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROCESS_MAGIC 0x70726f63u /* "proc" */
#define REGISTRY_MAX 1024
#define NAME_MAX_LEN 200

/* ------------------------------------------------------------------------ */
/* Registry                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Registration happens at the start of main(), before any child exists and,
 * in practice, before threads: the table is written then and only read
 * afterwards, so it takes no lock.
 */
static struct {
  const char *name;
  mproc_fn fn;
} registry[REGISTRY_MAX];
static size_t registry_len;
static bool booted;
static mproc_start_method_t default_method;
static char *executable;

int mproc_register(const char *name, mproc_fn fn) {
  if (!name || !fn)
    return mproc__err(MPROC_E_INVAL, "mproc_register: NULL name or function");
  size_t len = strlen(name);
  if (len == 0 || len > NAME_MAX_LEN)
    return mproc__err(MPROC_E_INVAL,
                      "mproc_register: name must have 1 to %d bytes",
                      NAME_MAX_LEN);
  for (size_t i = 0; i < registry_len; i++) {
    bool same_name = strcmp(registry[i].name, name) == 0;
    if (same_name && registry[i].fn == fn)
      return 0;
    if (same_name || registry[i].fn == fn)
      return mproc__err(MPROC_E_STATE,
                        "mproc_register: \"%s\" conflicts with \"%s\"", name,
                        registry[i].name);
  }
  if (registry_len == REGISTRY_MAX)
    return mproc__err(MPROC_E_LIMIT, "mproc_register: more than %d functions",
                      REGISTRY_MAX);
  registry[registry_len].name = name;
  registry[registry_len].fn = fn;
  registry_len++;
  return 0;
}

const char *mproc__registry_name(mproc_fn fn) {
  const char *builtin = mproc__builtin_name(fn);
  if (builtin)
    return builtin;
  for (size_t i = 0; i < registry_len; i++)
    if (registry[i].fn == fn)
      return registry[i].name;
  return NULL;
}

mproc_fn mproc__registry_fn(const char *name) {
  mproc_fn builtin = mproc__builtin_fn(name);
  if (builtin)
    return builtin;
  for (size_t i = 0; i < registry_len; i++)
    if (strcmp(registry[i].name, name) == 0)
      return registry[i].fn;
  return NULL;
}

bool mproc__booted(void) {
  return booted;
}

int mproc_set_executable(const char *path) {
  char *copy = NULL;
  if (path) {
    if (!*path)
      return mproc__err(MPROC_E_INVAL, "empty executable path");
    size_t n = strlen(path) + 1;
    copy = malloc(n);
    if (!copy)
      return mproc__err(MPROC_E_NOMEM, "copying the executable path");
    memcpy(copy, path, n);
  }
  free(executable);
  executable = copy;
  return 0;
}

const char *mproc__spawn_executable(void) {
  return executable;
}

/* ------------------------------------------------------------------------ */
/* Boot                                                                     */
/* ------------------------------------------------------------------------ */

/*
 * The spawned child's side: read the start record, rebuild the arguments,
 * find the function, tell the parent how booting went, run, exit. Every
 * failure before the function runs is reported to the parent, whose
 * mproc_process_start() returns it.
 */
static void boot_child(int argc, char **argv) {
  uint8_t *record = NULL;
  size_t len = 0;
  mproc__boot_chan_t *chan = NULL;
  mproc__record_t rec = {NULL, false, MPROC_START_DEFAULT, true, NULL, 0};
  mproc_fn fn = NULL;

  /* A spawned child may start children of its own. */
  int rc = mproc__boot_init(argc, argv);
  booted = rc == 0;
  rc = mproc__child_bootstrap(argc, argv, &record, &len, &chan);
  if (rc < 0) {
    /* No channel to the parent: it sees the exit before a boot status. */
    fprintf(stderr, "mproc: child bootstrap failed: %s\n", mproc_last_error());
    mproc__child_exit(70, false);
  }
  rc = mproc__record_decode(record, len, &rec);
  free(record);
  if (rc == 0) {
    mproc__child_set_daemon(rec.daemon);
    /* What the parent chose travels with the child (CPython's preparation
     * data): its children start as the parent's would, and it ends as the
     * parent would. A method this platform lacks cannot come from a parent
     * of the same program; the default then stays. */
    if (rec.method != MPROC_START_DEFAULT &&
        mproc_start_method_available(rec.method) == 1)
      default_method = rec.method;
    mproc_set_exit_join(rec.exit_join);
    fn = mproc__registry_fn(rec.fn_name);
    if (!fn)
      rc = mproc__err(MPROC_E_NOTFOUND,
                      "function \"%s\" is not registered in the child; "
                      "register it before mproc_boot()",
                      rec.fn_name);
  }
  mproc__child_boot_status(chan, rc, mproc_last_error());
  if (rc < 0)
    mproc__child_exit(70, false);
  free(rec.fn_name);
  mproc__err_clear();
  int code = fn(rec.vals, rec.n);
  mproc_values_free(rec.vals, rec.n);
  /* As CPython's _bootstrap, before exit(): the atexit handler would do
   * the same, but only if this child started a process, and a function
   * that leaves by exit() itself still gets it there. */
  mproc__process_end();
  mproc__child_exit(code, false);
}

int mproc_boot(int argc, char **argv) {
  if (argc >= 2 && argv && argv[1] && strcmp(argv[1], MPROC__CHILD_FLAG) == 0)
    boot_child(argc, argv); /* does not return */
  int rc = mproc__boot_init(argc, argv);
  if (rc == 0)
    booted = true;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Start methods                                                            */
/* ------------------------------------------------------------------------ */

static mproc_start_method_t platform_default(void) {
  return mproc__start_method_supported(MPROC_START_FORK) ? MPROC_START_FORK
                                                         : MPROC_START_SPAWN;
}

int mproc_start_method_available(mproc_start_method_t method) {
  if (method == MPROC_START_DEFAULT)
    return 1;
  return (method == MPROC_START_FORK || method == MPROC_START_SPAWN) &&
         mproc__start_method_supported(method);
}

int mproc_set_start_method(mproc_start_method_t method) {
  if (method != MPROC_START_DEFAULT && method != MPROC_START_FORK &&
      method != MPROC_START_SPAWN)
    return mproc__err(MPROC_E_INVAL, "unknown start method %d", (int)method);
  if (!mproc_start_method_available(method))
    return mproc__err(MPROC_E_NOTSUP,
                      "the fork start method is not available on this "
                      "platform");
  default_method = method;
  return 0;
}

mproc_start_method_t mproc_get_start_method(void) {
  return default_method == MPROC_START_DEFAULT ? platform_default()
                                               : default_method;
}

/* ------------------------------------------------------------------------ */
/* Processes                                                                */
/* ------------------------------------------------------------------------ */

int mproc__child_run(const mproc__child_spec_t *spec) {
  mproc__err_clear();
  mproc__builtin_fork_child(spec->args, spec->nargs);
  int code = spec->fn(spec->args, spec->nargs);
  /* Here and not from atexit: a fork child leaves with _exit() (the atexit
   * handlers are its parent's), as CPython's _bootstrap calls
   * _exit_function() itself before os._exit(). */
  mproc__process_end();
  return code;
}

/* ------------------------------------------------------------------------ */
/* The children of this process, and its end                                */
/* ------------------------------------------------------------------------ */

/*
 * The list of children this process started and has not destroyed or
 * detached (CPython's process._children), and the exit hooks of its pools
 * and managers. Both are intrusive (no allocation: adding cannot fail).
 *
 * The state belongs to one process, named by kids.pid: a fork child, of
 * mproc or of the user's own fork(), sees its parent's pid there and starts
 * afresh, so it never waits on or signals its parent's children, nor runs
 * its parent's hooks. The parent's nodes are only forgotten there, never
 * touched.
 *
 * Two locks. The mutex guards the lists and is held while the end of the
 * process terminates and joins children, so that no handle is destroyed
 * under it (other threads starting, destroying or detaching processes
 * meanwhile wait until it is done: the process is ending). Creating it
 * needs a lock itself, and it may be inherited locked by a fork child, so
 * the pid check and its creation are under a spin word holding the pid of
 * the process whose thread holds it: a word holding another pid was taken
 * by a thread of the process this one was forked from, which does not
 * exist here, and is taken over. A static pthread mutex would need
 * pthread_atfork to be reset, and an atfork handler that takes it would
 * deadlock a fork made while another thread holds it.
 */
static struct {
  int64_t pid;
  mproc__mutex_t *mu;
  mproc_process_t *head;
  mproc__exit_hook_t *hooks;
  bool ended;
} kids;
static volatile uint32_t kids_spin;
static bool atexit_installed; /* inherited by a fork child with the handler */
static volatile uint32_t exit_join_off;

static void spin_acquire(uint32_t me) {
  for (;;) {
    uint32_t cur = 0;
    if (mproc__cas32(&kids_spin, &cur, me))
      return;
    if (cur != me && mproc__cas32(&kids_spin, &cur, me))
      return;
    mproc__cpu_relax();
  }
}

static void spin_release(void) {
  mproc__store32(&kids_spin, 0);
}

static void at_exit(void) {
  mproc__process_end();
}

/*
 * Locks this process's state and returns its mutex. With @p make, a state
 * left by the parent is replaced and the atexit handler installed; without,
 * NULL when this process has no state of its own (it started nothing, so
 * there is nothing to do), or when its mutex could not be created.
 */
static mproc__mutex_t *inherited_mu;

static mproc__mutex_t *kids_lock(bool make) {
  int64_t me = mproc__getpid();
  spin_acquire((uint32_t)me);
  if (kids.pid != me) {
    if (!make) {
      spin_release();
      return NULL;
    }
    /* The parent's mutex may have been held by one of its other threads
     * at the fork: never ours to take. Kept reachable, not freed: it is the
     * parent's memory, copied. */
    inherited_mu = kids.mu;
    kids.pid = me;
    kids.mu = NULL;
    kids.head = NULL;
    kids.hooks = NULL;
    kids.ended = false;
  }
  if (!kids.mu && make && mproc__mutex_create(&kids.mu) < 0)
    kids.mu = NULL;
  /* Registered once per program image: a fork child inherits it, and it
   * does nothing there until the child starts children of its own. If
   * atexit() fails (no room), children are still joined when a child's
   * function returns, only not at the main program's exit(). */
  if (make && !atexit_installed && kids.mu)
    atexit_installed = atexit(at_exit) == 0;
  mproc__mutex_t *mu = kids.mu;
  spin_release();
  if (mu)
    mproc__mutex_lock(mu);
  return mu;
}

static void kids_add(mproc_process_t *p) {
  mproc__mutex_t *mu = kids_lock(true);
  if (!mu)
    return; /* no mutex: the child is only not joined at the end */
  p->prev = NULL;
  p->next = kids.head;
  if (kids.head)
    kids.head->prev = p;
  kids.head = p;
  mproc__mutex_unlock(mu);
}

static void kids_remove(mproc_process_t *p) {
  mproc__mutex_t *mu = kids_lock(false);
  if (!mu)
    return;
  bool listed = p->prev || kids.head == p;
  if (listed) {
    if (p->prev)
      p->prev->next = p->next;
    else
      kids.head = p->next;
    if (p->next)
      p->next->prev = p->prev;
  }
  p->next = p->prev = NULL;
  mproc__mutex_unlock(mu);
}

void mproc__exit_hook_add(mproc__exit_hook_t *h, void (*fn)(void *),
                          void *arg) {
  h->fn = fn;
  h->arg = arg;
  h->next = h->prev = NULL;
  mproc__mutex_t *mu = kids_lock(true);
  if (!mu)
    return;
  h->next = kids.hooks;
  if (kids.hooks)
    kids.hooks->prev = h;
  kids.hooks = h;
  mproc__mutex_unlock(mu);
}

void mproc__exit_hook_remove(mproc__exit_hook_t *h) {
  mproc__mutex_t *mu = kids_lock(false);
  if (!mu)
    return;
  if (h->prev || kids.hooks == h) {
    if (h->prev)
      h->prev->next = h->next;
    else
      kids.hooks = h->next;
    if (h->next)
      h->next->prev = h->prev;
  }
  h->next = h->prev = NULL;
  mproc__mutex_unlock(mu);
}

void mproc__process_end(void) {
  mproc__mutex_t *mu = kids_lock(false);
  if (!mu)
    return;
  if (kids.ended) { /* the child's end, then its atexit handler */
    mproc__mutex_unlock(mu);
    return;
  }
  kids.ended = true;
  /* Pools and managers first, each by its own shutdown (a pool's workers
   * get the pool's terminate, not a stranger's signal): CPython runs its
   * finalizers with an exit priority before it joins children. Unlocked
   * while a hook runs: it destroys its children, which takes the lock. */
  mproc__exit_hook_t *h;
  while ((h = kids.hooks) != NULL) {
    kids.hooks = h->next;
    if (kids.hooks)
      kids.hooks->prev = NULL;
    h->next = h->prev = NULL;
    mproc__mutex_unlock(mu);
    h->fn(h->arg);
    mproc__mutex_lock(mu);
  }
  /* Then CPython's order: terminate every daemon, then join every child
   * (daemons too, so that none outlives this process). A child of a
   * library object is left to that object: its pool may still be running
   * and would replace a worker killed under it. */
  if (!mproc__load32(&exit_join_off)) {
    for (mproc_process_t *p = kids.head; p; p = p->next)
      if (p->daemon && !p->internal && !p->exited)
        mproc__proc_signal(p, MPROC_SIGTERM);
    for (mproc_process_t *p = kids.head; p; p = p->next)
      if (!p->internal && !p->exited)
        mproc__proc_wait(p, MPROC__NO_DEADLINE);
  }
  mproc__mutex_unlock(mu);
}

void mproc_set_exit_join(bool join) {
  mproc__store32(&exit_join_off, join ? 0 : 1);
}

bool mproc__exit_join_get(void) {
  return !mproc__load32(&exit_join_off);
}

/* Arguments must be what a spawn could encode, under fork too, where they
 * travel by memory: a program must not work with one start method only. */
static int check_values(const mproc_value_t *args, size_t nargs) {
  return mproc__values_check(args, nargs, "argument", NULL);
}

int mproc_process_start(mproc_process_t **out, mproc_fn fn,
                        const mproc_value_t *args, size_t nargs,
                        const mproc_process_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  if (!fn)
    return mproc__err(MPROC_E_INVAL, "%s: NULL function", __func__);
  mproc__child_spec_t spec = {NULL, fn, args, nargs, false};
  spec.fn_name = mproc__registry_name(fn);
  if (!spec.fn_name)
    return mproc__err(MPROC_E_NOTFOUND,
                      "the function is not registered: call mproc_register() "
                      "before mproc_boot()");
  int rc = check_values(args, nargs);
  if (rc < 0)
    return rc;

  mproc_start_method_t method = opts ? opts->start_method : MPROC_START_DEFAULT;
  if (method == MPROC_START_DEFAULT)
    method = mproc_get_start_method();
  if (method != MPROC_START_FORK && method != MPROC_START_SPAWN)
    return mproc__err(MPROC_E_INVAL, "unknown start method %d", (int)method);
  if (!mproc__start_method_supported(method))
    return mproc__err(MPROC_E_NOTSUP,
                      "the %s start method is not available on this platform",
                      method == MPROC_START_FORK ? "fork" : "spawn");
  if (method == MPROC_START_SPAWN && !booted)
    return mproc__err(MPROC_E_STATE,
                      "the spawn start method needs mproc_boot(argc, argv) "
                      "at the start of main()");
  spec.daemon = opts ? opts->daemon : false;
  /* The auth key exists before the first child, so that every child of
   * this process, fork or spawn, inherits the same one. */
  rc = mproc__authkey_ensure();
  if (rc < 0)
    return rc;

  mproc_process_t *p = calloc(1, sizeof *p);
  if (!p)
    return mproc__err(MPROC_E_NOMEM, "allocating a process");
  p->magic = PROCESS_MAGIC;
  p->method = method;
  p->daemon = spec.daemon;
  p->internal = mproc__builtin_name(fn) != NULL;
  p->h = MPROC__INVALID_HANDLE;
  rc = mproc__proc_start(p, &spec);
  if (rc < 0) {
    free(p);
    return rc;
  }
  kids_add(p);
  *out = p;
  return 0;
}

static bool process_ok(const mproc_process_t *p, const char *what) {
  if (!p) {
    mproc__err(MPROC_E_INVAL, "%s: NULL process", what);
    return false;
  }
  if (p->magic != PROCESS_MAGIC) {
    mproc__err(MPROC_E_TYPE, "%s: not a live process handle", what);
    return false;
  }
  return true;
}

#define PROCESS_CHECK(p)                                                       \
  do {                                                                         \
    if (!process_ok(p, __func__))                                              \
      return (p) ? MPROC_E_TYPE : MPROC_E_INVAL;                               \
  } while (0)

int mproc_process_join(mproc_process_t *p, double timeout) {
  PROCESS_CHECK(p);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  if (p->exited)
    return 0;
  return mproc__proc_wait(p, deadline);
}

int mproc_process_exitcode(mproc_process_t *p, int *code) {
  PROCESS_CHECK(p);
  if (!code)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  if (!p->exited) {
    int rc = mproc__proc_wait(p, 0);
    if (rc == MPROC_E_TIMEOUT)
      return mproc__err(MPROC_E_BUSY, "the process is still running");
    if (rc < 0)
      return rc;
  }
  *code = p->exitcode;
  return 0;
}

int mproc_process_is_alive(mproc_process_t *p) {
  PROCESS_CHECK(p);
  if (p->exited)
    return 0;
  int rc = mproc__proc_wait(p, 0);
  if (rc == MPROC_E_TIMEOUT)
    return 1;
  return rc < 0 ? rc : 0;
}

int mproc_process_terminate(mproc_process_t *p) {
  PROCESS_CHECK(p);
  return p->exited ? 0 : mproc__proc_signal(p, MPROC_SIGTERM);
}

int mproc_process_kill(mproc_process_t *p) {
  PROCESS_CHECK(p);
  return p->exited ? 0 : mproc__proc_signal(p, MPROC_SIGKILL);
}

int64_t mproc_process_pid(const mproc_process_t *p) {
  return process_ok(p, __func__) ? p->pid : 0;
}

int mproc_process_sentinel(mproc_process_t *p, mproc_os_handle_t *out) {
  PROCESS_CHECK(p);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  return mproc__proc_sentinel(p, out);
}

int mproc_process_destroy(mproc_process_t *p) {
  if (!p)
    return 0;
  PROCESS_CHECK(p);
  if (!p->exited) {
    int rc = mproc__proc_wait(p, 0);
    if (rc == MPROC_E_TIMEOUT)
      return mproc__err(MPROC_E_BUSY,
                        "the process is still running: join, terminate or "
                        "kill it before destroying its handle");
    if (rc < 0)
      return rc;
  }
  kids_remove(p);
  mproc__proc_close(p);
  p->magic = 0;
  free(p);
  return 0;
}

int mproc_process_detach(mproc_process_t *p) {
  if (!p)
    return 0;
  PROCESS_CHECK(p);
  kids_remove(p); /* first: the end of this process must not join it */
  if (!p->exited)
    mproc__proc_wait(p, 0); /* reap it now if it already exited */
  mproc__proc_close(p);
  p->magic = 0;
  free(p);
  return 0;
}

int64_t mproc_getpid(void) {
  return mproc__getpid();
}
