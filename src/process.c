/* SPDX-License-Identifier: MIT */
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
#define REGISTRY_MAX 2048         /* both kinds: 1024 of each before */
#define NAME_MAX_LEN 200

/* ------------------------------------------------------------------------ */
/* Registry                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * One table for both kinds of registered function, process functions
 * (mproc_register) and pool tasks (mproc_register_task), so that a name
 * means one function whatever asks for it. Two tables (as before) let
 * "work" name a process function and a task at once: a spawn child and a
 * pool worker would then run different code for the same name, and
 * nothing said so.
 *
 * Registration happens at the start of main(), before any child exists and,
 * in practice, before threads: the table is written then and only read
 * afterwards, so it takes no lock.
 */
typedef enum { KIND_PROCESS, KIND_TASK } fn_kind_t;
typedef void (*any_fn)(void);
static struct {
  const char *name;
  fn_kind_t kind;
  any_fn fn; /* converted back to the kind's type before any call */
} registry[REGISTRY_MAX];
static size_t registry_len;
static bool booted;
static mproc_start_method_t default_method;
static char *executable;

static char *concat(const char *a, const char *sep, const char *b);

static const char *kind_text(fn_kind_t kind) {
  return kind == KIND_TASK ? "a pool task (mproc_register_task)"
                           : "a process function (mproc_register)";
}

static int registry_add(const char *what, const char *name, fn_kind_t kind,
                        any_fn fn) {
  if (!name || !fn)
    return mproc__err(MPROC_E_INVAL, "%s: NULL name or function", what);
  size_t len = strlen(name);
  if (len == 0 || len > NAME_MAX_LEN)
    return mproc__err(MPROC_E_INVAL, "%s: name must have 1 to %d bytes", what,
                      NAME_MAX_LEN);
  /* The library's own names are found first in every process: a user
   * function under one would never run. The whole prefix, so that a later
   * version's new name cannot take over a program's function. */
  if (strncmp(name, "mproc.", 6) == 0)
    return mproc__err(MPROC_E_STATE, "%s: \"%s\" is reserved by mproc", what,
                      name);
  /* The name first: its clash is the one to report. */
  for (size_t i = 0; i < registry_len; i++) {
    if (strcmp(registry[i].name, name) != 0)
      continue;
    if (registry[i].kind != kind)
      return mproc__err(MPROC_E_STATE,
                        "%s: \"%s\" is already registered as %s; process "
                        "functions and pool tasks share one namespace",
                        what, name, kind_text(registry[i].kind));
    if (registry[i].fn == fn)
      return 0;
    return mproc__err(MPROC_E_STATE,
                      "%s: \"%s\" is already registered for another function",
                      what, name);
  }
  for (size_t i = 0; i < registry_len; i++)
    if (registry[i].fn == fn && registry[i].kind == kind)
      return mproc__err(MPROC_E_STATE,
                        "%s: \"%s\" is already registered as \"%s\"", what,
                        name, registry[i].name);
  if (registry_len == REGISTRY_MAX)
    return mproc__err(MPROC_E_LIMIT, "%s: more than %d functions", what,
                      REGISTRY_MAX);
  registry[registry_len].name = name;
  registry[registry_len].kind = kind;
  registry[registry_len].fn = fn;
  registry_len++;
  return 0;
}

static const char *registry_name_of(fn_kind_t kind, any_fn fn) {
  for (size_t i = 0; i < registry_len; i++)
    if (registry[i].kind == kind && registry[i].fn == fn)
      return registry[i].name;
  return NULL;
}

static any_fn registry_fn_of(fn_kind_t kind, const char *name) {
  for (size_t i = 0; i < registry_len; i++)
    if (registry[i].kind == kind && strcmp(registry[i].name, name) == 0)
      return registry[i].fn;
  return NULL;
}

int mproc_register(const char *name, mproc_fn fn) {
  return registry_add("mproc_register", name, KIND_PROCESS, (any_fn)fn);
}

int mproc_register_task(const char *name, mproc_task_fn fn) {
  return registry_add("mproc_register_task", name, KIND_TASK, (any_fn)fn);
}

const char *mproc__registry_name(mproc_fn fn) {
  const char *builtin = mproc__builtin_name(fn);
  return builtin ? builtin : registry_name_of(KIND_PROCESS, (any_fn)fn);
}

mproc_fn mproc__registry_fn(const char *name) {
  mproc_fn builtin = mproc__builtin_fn(name);
  return builtin ? builtin : (mproc_fn)registry_fn_of(KIND_PROCESS, name);
}

const char *mproc__registry_task_name(mproc_task_fn fn) {
  return registry_name_of(KIND_TASK, (any_fn)fn);
}

mproc_task_fn mproc__registry_task_fn(const char *name) {
  return (mproc_task_fn)registry_fn_of(KIND_TASK, name);
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
/* Who this process is                                                      */
/* ------------------------------------------------------------------------ */

/*
 * CPython's _current_process, _parent_process and _process_counter. Set
 * once, before the child's function runs (fork: mproc__child_run(); spawn:
 * boot_child()), and only read afterwards, so they take no lock. A fork
 * child finds its parent's values here and replaces them.
 *
 * The handles are static and belong to the library: process_ok() accepts
 * them, and each call on a handle checks its role before it reaches a
 * backend, which only knows children.
 */
static mproc_process_t self_proc = {
    .magic = PROCESS_MAGIC,
    .role = MPROC__PROC_SELF,
    .name = (char *)"MainProcess",
    .error_shm = {NULL, 0, MPROC__INVALID_HANDLE},
    .h = MPROC__INVALID_HANDLE,
};
static mproc_process_t parent_proc = {
    .magic = PROCESS_MAGIC,
    .role = MPROC__PROC_PARENT,
    .error_shm = {NULL, 0, MPROC__INVALID_HANDLE},
    .h = MPROC__INVALID_HANDLE,
};
static bool has_parent;
/* CPython's _identity, "1:2" for the second child of the first child of
 * the main process ("" there), from which children's names follow. */
static const char *self_identity = "";
/* Where this process's mproc_process_fail() writes: nowhere (addr NULL, h
 * INVALID), mapped without its handle (a fork child's, inherited), or a
 * handle only (a spawn or forkserver child's), mapped at the first failure
 * reported: most children never report one, and the mapping is two system
 * calls and page faults on every child's way to its function.
 * self_error_once: 0 as set, 1 being mapped, 2 final. */
static mproc__shm_t self_error = {NULL, 0, MPROC__INVALID_HANDLE};
static volatile uint32_t self_error_once;
/* Processes started so far (CPython's _process_counter). */
static volatile uint32_t started_count;

/* Closes the handle of a region and keeps its mapping: shm.c's close
 * closes only the handle of a struct without an address. */
static void shm_drop_handle(mproc__shm_t *shm) {
  mproc__shm_t h_only = *shm;
  h_only.addr = NULL;
  h_only.size = 0;
  mproc__shm_close(&h_only);
  shm->h = MPROC__INVALID_HANDLE;
}

/*
 * Makes this process the child described. @p error is mapped already (fork)
 * or only a handle (spawn, forkserver: see self_error). A fork child holds
 * its parent's region mapped (its parent's own child state, copied):
 * unmapped first, so that it can only ever write its own.
 */
static void become_child(const char *name, const char *identity, bool daemon,
                         int64_t parent_pid, const char *parent_name,
                         bool parent_daemon, mproc__shm_t error) {
  mproc__shm_close(&self_error);
  self_error = error;
  if (self_error.addr)
    shm_drop_handle(&self_error);
  mproc__store32(&self_error_once, 0);
  parent_proc.name = (char *)(parent_name ? parent_name : "");
  parent_proc.daemon = parent_daemon;
  parent_proc.pid = parent_pid;
  has_parent = parent_pid > 0;
  self_proc.name = (char *)(name ? name : "");
  self_proc.daemon = daemon;
  self_identity = identity ? identity : "";
  mproc__store32(&started_count, 0);
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

  /* A spawned child may start children of its own. */
  int rc = mproc__boot_init(argc, argv);
  booted = rc == 0;
  rc = mproc__child_bootstrap(argc, argv, &record, &len, &chan);
  if (rc < 0) {
    /* No channel to the parent: it sees the exit before a boot status. */
    fprintf(stderr, "mproc: child bootstrap failed: %s\n", mproc_last_error());
    mproc__child_exit(70, false);
  }
  mproc__boot_record(record, len, chan, false);
}

void mproc__boot_record(uint8_t *record, size_t len, mproc__boot_chan_t *chan,
                        bool quick) {
  mproc__record_t rec;
  memset(&rec, 0, sizeof rec);
  rec.exit_join = true;
  mproc_fn fn = NULL;
  int rc = mproc__record_decode(record, len, &rec);
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
    mproc__shm_t error = {NULL, 0, MPROC__INVALID_HANDLE};
    if (rec.error_wire)
      mproc__shm_adopt(&error, mproc__handle_from_wire(rec.error_wire));
    /* Kept for the process's life, as the parent's handle is. */
    if (rc == 0 && rec.name)
      become_child(rec.name, rec.identity, rec.daemon, rec.parent_pid,
                   rec.parent_name, rec.parent_daemon, error);
    fn = mproc__registry_fn(rec.fn_name);
    if (rc == 0 && !fn)
      rc = mproc__err(MPROC_E_NOTFOUND,
                      "function \"%s\" is not registered in the child; "
                      "register it before mproc_boot()",
                      rec.fn_name);
  }
  mproc__child_boot_status(chan, rc, mproc_last_error());
  if (rc < 0)
    mproc__child_exit(70, quick);
  free(rec.fn_name);
  mproc__err_clear();
  int code = fn(rec.vals, rec.n);
  mproc_values_free(rec.vals, rec.n);
  /* As CPython's _bootstrap, before exit(): the atexit handler would do
   * the same, but only if this child started a process, and a function
   * that leaves by exit() itself still gets it there. */
  mproc__process_end();
  mproc__slab_exit();
  mproc__child_exit(code, quick);
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

static bool method_known(mproc_start_method_t method) {
  return method == MPROC_START_FORK || method == MPROC_START_SPAWN ||
         method == MPROC_START_FORKSERVER;
}

/* CPython's names for the methods. */
static const char *method_name(mproc_start_method_t method) {
  return method == MPROC_START_FORK    ? "fork"
         : method == MPROC_START_SPAWN ? "spawn"
                                       : "forkserver";
}

int mproc_start_method_available(mproc_start_method_t method) {
  if (method == MPROC_START_DEFAULT)
    return 1;
  return method_known(method) && mproc__start_method_supported(method);
}

int mproc_set_start_method(mproc_start_method_t method) {
  if (method != MPROC_START_DEFAULT && !method_known(method))
    return mproc__err(MPROC_E_INVAL, "unknown start method %d", (int)method);
  if (!mproc_start_method_available(method))
    return mproc__err(MPROC_E_NOTSUP,
                      "the %s start method is not available on this "
                      "platform",
                      method_name(method));
  default_method = method;
  return 0;
}

/* The names of mproc_set_forkserver_preload(), each malloc'ed, read by the
 * backend when it starts a server (under its own lock; the setting is
 * made before other threads start processes, as documented). */
static char **preload;
static size_t preload_n;

int mproc_set_forkserver_preload(const char *const *names, size_t n) {
  if (!mproc__start_method_supported(MPROC_START_FORKSERVER))
    return mproc__err(MPROC_E_NOTSUP, "the forkserver start method is not "
                                      "available on this platform");
  if (n && !names)
    return mproc__err(MPROC_E_INVAL, "%s: NULL names", __func__);
  for (size_t i = 0; i < n; i++)
    if (!names[i] || !names[i][0] || strlen(names[i]) > NAME_MAX_LEN)
      return mproc__err(MPROC_E_INVAL,
                        "%s: name %zu is NULL, empty or longer "
                        "than %d bytes",
                        __func__, i, NAME_MAX_LEN);
  char **copy = n ? calloc(n, sizeof *copy) : NULL;
  if (n && !copy)
    return mproc__err(MPROC_E_NOMEM, "%s: copying %zu names", __func__, n);
  for (size_t i = 0; i < n; i++) {
    copy[i] = concat(names[i], "", "");
    if (!copy[i]) {
      while (i > 0)
        free(copy[--i]);
      free(copy);
      return mproc__err(MPROC_E_NOMEM, "%s: copying the names", __func__);
    }
  }
  for (size_t i = 0; i < preload_n; i++)
    free(preload[i]);
  free(preload);
  preload = copy;
  preload_n = n;
  return 0;
}

const char *const *mproc__forkserver_preload(size_t *n) {
  *n = preload_n;
  return (const char *const *)preload;
}

mproc_start_method_t mproc_get_start_method(void) {
  return default_method == MPROC_START_DEFAULT ? platform_default()
                                               : default_method;
}

/* ------------------------------------------------------------------------ */
/* Processes                                                                */
/* ------------------------------------------------------------------------ */

int mproc__child_run(const mproc__child_spec_t *spec) {
  mproc__parent_reset();
  become_child(spec->name, spec->identity, spec->daemon, spec->parent_pid,
               spec->parent_name, spec->parent_daemon, *spec->error);
  mproc__err_clear();
  mproc__builtin_fork_child(spec->args, spec->nargs);
  int code = spec->fn(spec->args, spec->nargs);
  /* Here and not from atexit: a fork child leaves with _exit() (the atexit
   * handlers are its parent's), as CPython's _bootstrap calls
   * _exit_function() itself before os._exit(). */
  mproc__process_end();
  mproc__builtin_fork_child_end(spec->args, spec->nargs);
  /* Then the slots this child holds, which include every object it
   * inherited: otherwise each fork would pin them for good. */
  mproc__slab_exit();
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

void mproc__process_end_before_now(void) {
  /* atexit() runs the newest first; the end runs once (kids.ended). */
  (void)atexit(at_exit);
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
  /* Last, once no child of this process needs it any more. */
  mproc__forkserver_stop();
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

/* A malloc'ed copy of @p a followed by @p b, or NULL. */
static char *concat(const char *a, const char *sep, const char *b) {
  size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
  char *s = malloc(na + ns + nb + 1);
  if (s) {
    memcpy(s, a, na);
    memcpy(s + na, sep, ns);
    memcpy(s + na + ns, b, nb + 1);
  }
  return s;
}

/*
 * Numbers the child and names it (CPython's BaseProcess.__init__): its
 * identity is this process's followed by the count of processes this one
 * has started, the library's own included, and its default name is
 * "Process-" and the identity. The number is taken even if the start then
 * fails, as CPython takes it when the Process object is made.
 */
static int name_child(mproc_process_t *p, mproc_fn fn, const char *given,
                      char **identity) {
  char num[16];
  snprintf(num, sizeof num, "%u",
           (unsigned)(mproc__fetch_add32(&started_count, 1) + 1));
  *identity =
      self_identity[0] ? concat(self_identity, ":", num) : concat("", "", num);
  if (!*identity)
    return mproc__err(MPROC_E_NOMEM, "naming a process");
  const char *prefix = mproc__builtin_process_name(fn, p->method);
  p->name = given ? concat(given, "", "")
                  : concat(prefix ? prefix : "Process", "-", *identity);
  if (!p->name)
    return mproc__err(MPROC_E_NOMEM, "naming a process");
  return 0;
}

int mproc_process_start(mproc_process_t **out, mproc_fn fn,
                        const mproc_value_t *args, size_t nargs,
                        const mproc_process_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  if (!fn)
    return mproc__err(MPROC_E_INVAL, "%s: NULL function", __func__);
  mproc__child_spec_t spec;
  memset(&spec, 0, sizeof spec);
  spec.fn = fn;
  spec.args = args;
  spec.nargs = nargs;
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
  if (!method_known(method))
    return mproc__err(MPROC_E_INVAL, "unknown start method %d", (int)method);
  if (!mproc__start_method_supported(method))
    return mproc__err(MPROC_E_NOTSUP,
                      "the %s start method is not available on this platform",
                      method_name(method));
  /* The fork server is itself a spawned program. */
  if (method != MPROC_START_FORK && !booted)
    return mproc__err(MPROC_E_STATE,
                      "the %s start method needs mproc_boot(argc, argv) "
                      "at the start of main()",
                      method_name(method));
  spec.daemon = opts ? opts->daemon : false;
  const char *given = opts ? opts->name : NULL;
  if (given && strlen(given) > MPROC_PROCESS_NAME_MAX)
    return mproc__err(MPROC_E_INVAL, "%s: a name of more than %d bytes",
                      __func__, MPROC_PROCESS_NAME_MAX);
  /* The auth key exists before the first child, so that every child of
   * this process, fork or spawn, inherits the same one. */
  rc = mproc__authkey_ensure();
  if (rc < 0)
    return rc;

  mproc_process_t *p = calloc(1, sizeof *p);
  if (!p)
    return mproc__err(MPROC_E_NOMEM, "allocating a process");
  p->magic = PROCESS_MAGIC;
  p->role = MPROC__PROC_CHILD;
  p->method = method;
  p->daemon = spec.daemon;
  p->internal = mproc__builtin_name(fn) != NULL;
  p->h = MPROC__INVALID_HANDLE;
  p->error_shm.h = MPROC__INVALID_HANDLE;
  char *identity = NULL;
  rc = name_child(p, fn, given, &identity);
  /* The library's own children report through their objects (a task's
   * error travels with its result). The region is mapped lazily by the
   * kernel: a child that never fails costs address space, not memory. */
  if (rc == 0 && !p->internal)
    rc = mproc__shm_create(&p->error_shm, MPROC__ERROR_SHM_SIZE);
  if (rc == 0) {
    spec.name = p->name;
    spec.identity = identity;
    spec.parent_pid = mproc__getpid();
    spec.parent_name = self_proc.name;
    spec.parent_daemon = self_proc.daemon;
    spec.error = &p->error_shm;
    rc = mproc__proc_start(p, &spec);
  }
  free(identity);
  if (rc < 0) {
    mproc__shm_close(&p->error_shm);
    free(p->name);
    free(p);
    return rc;
  }
  /* The child has its own handle (fork: a copy; spawn: one duplicated into
   * it); the parent keeps only the mapping, so that children started
   * later do not inherit one descriptor per sibling. */
  shm_drop_handle(&p->error_shm);
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

/* What may be done to this process or its parent: CPython asserts "can
 * only join a child process"; its other calls fail on a missing Popen. */
static int not_a_child(const mproc_process_t *p, const char *verb) {
  return mproc__err(MPROC_E_STATE, "can only %s a child process (this is %s)",
                    verb,
                    p->role == MPROC__PROC_SELF ? "the current process"
                                                : "the parent process");
}

int mproc_process_join(mproc_process_t *p, double timeout) {
  PROCESS_CHECK(p);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  if (p->role == MPROC__PROC_PARENT)
    return mproc__parent_wait(p->pid, deadline);
  if (p->role != MPROC__PROC_CHILD)
    return not_a_child(p, "join");
  if (p->exited)
    return 0;
  return mproc__proc_wait(p, deadline);
}

int mproc_process_exitcode(mproc_process_t *p, int *code) {
  PROCESS_CHECK(p);
  if (!code)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  if (p->role == MPROC__PROC_SELF ||
      (p->role == MPROC__PROC_PARENT &&
       mproc__parent_wait(p->pid, 0) == MPROC_E_TIMEOUT))
    return mproc__err(MPROC_E_BUSY, "the process is still running");
  if (p->role == MPROC__PROC_PARENT)
    return mproc__err(MPROC_E_STATE,
                      "the exit code of the parent process is not known "
                      "to its child");
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
  if (p->role == MPROC__PROC_SELF)
    return 1;
  if (p->exited)
    return 0;
  int rc = p->role == MPROC__PROC_PARENT ? mproc__parent_wait(p->pid, 0)
                                         : mproc__proc_wait(p, 0);
  if (rc == MPROC_E_TIMEOUT)
    return 1;
  return rc < 0 ? rc : 0;
}

int mproc_process_terminate(mproc_process_t *p) {
  PROCESS_CHECK(p);
  if (p->role != MPROC__PROC_CHILD)
    return not_a_child(p, "terminate");
  return p->exited ? 0 : mproc__proc_signal(p, MPROC_SIGTERM);
}

int mproc_process_kill(mproc_process_t *p) {
  PROCESS_CHECK(p);
  if (p->role != MPROC__PROC_CHILD)
    return not_a_child(p, "kill");
  return p->exited ? 0 : mproc__proc_signal(p, MPROC_SIGKILL);
}

int64_t mproc_process_pid(const mproc_process_t *p) {
  if (!process_ok(p, __func__))
    return 0;
  return p->role == MPROC__PROC_SELF ? mproc__getpid() : p->pid;
}

int mproc_process_sentinel(mproc_process_t *p, mproc_os_handle_t *out) {
  PROCESS_CHECK(p);
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  if (p->role == MPROC__PROC_PARENT)
    return mproc__parent_sentinel(p->pid, out);
  if (p->role != MPROC__PROC_CHILD)
    return not_a_child(p, "wait for");
  return mproc__proc_sentinel(p, out);
}

/* mproc_process_error() when its copy could not be made. */
static char error_no_memory[] =
    "(out of memory copying the child's error message)";

/* Frees a child's handle, which has exited or is left running. */
static void process_free(mproc_process_t *p) {
  mproc__proc_close(p);
  mproc__shm_close(&p->error_shm);
  if (p->error != error_no_memory)
    free(p->error);
  free(p->name);
  p->magic = 0;
  free(p);
}

int mproc_process_destroy(mproc_process_t *p) {
  if (!p)
    return 0;
  PROCESS_CHECK(p);
  if (p->role != MPROC__PROC_CHILD)
    return 0; /* the library's */
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
  process_free(p);
  return 0;
}

int mproc_process_detach(mproc_process_t *p) {
  if (!p)
    return 0;
  PROCESS_CHECK(p);
  if (p->role != MPROC__PROC_CHILD)
    return 0;
  kids_remove(p); /* first: the end of this process must not join it */
  if (!p->exited)
    mproc__proc_wait(p, 0); /* reap it now if it already exited */
  process_free(p);
  return 0;
}

int64_t mproc_getpid(void) {
  return mproc__getpid();
}

/* ------------------------------------------------------------------------ */
/* Who a process is                                                         */
/* ------------------------------------------------------------------------ */

const char *mproc_process_name(const mproc_process_t *p) {
  return process_ok(p, __func__) ? p->name : NULL;
}

int mproc_process_daemon(const mproc_process_t *p) {
  PROCESS_CHECK(p);
  return p->daemon ? 1 : 0;
}

mproc_process_t *mproc_current_process(void) {
  return &self_proc;
}

mproc_process_t *mproc_parent_process(void) {
  return has_parent ? &parent_proc : NULL;
}

int mproc_cpu_count(void) {
  unsigned n = mproc__cpu_count();
  return n > (unsigned)INT32_MAX ? INT32_MAX : (int)n;
}

int mproc_active_children(mproc_process_t ***out, size_t *n) {
  if (!out || !n)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  *n = 0;
  mproc__mutex_t *mu = kids_lock(false);
  if (!mu)
    return 0; /* this process has started no child */
  /* CPython's _cleanup(): a child seen exited leaves the list. */
  size_t live = 0;
  mproc_process_t *next;
  for (mproc_process_t *p = kids.head; p; p = next) {
    next = p->next;
    if (p->internal)
      continue;
    if (!p->exited && mproc__proc_wait(p, 0) == MPROC_E_TIMEOUT) {
      live++;
      continue;
    }
    if (!p->exited)
      continue; /* the wait failed: keep it listed, not reported */
    if (p->prev)
      p->prev->next = p->next;
    else
      kids.head = p->next;
    if (p->next)
      p->next->prev = p->prev;
    p->next = p->prev = NULL;
  }
  mproc_process_t **arr = NULL;
  if (live) {
    arr = malloc(live * sizeof *arr);
    if (!arr) {
      mproc__mutex_unlock(mu);
      return mproc__err(MPROC_E_NOMEM, "%s: listing %zu children", __func__,
                        live);
    }
    /* Newest first in the list: filled from the end, oldest first. */
    size_t i = live;
    for (mproc_process_t *p = kids.head; p; p = p->next)
      if (!p->internal && !p->exited)
        arr[--i] = p;
  }
  mproc__mutex_unlock(mu);
  *out = arr;
  *n = live;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* A child's error message for its parent                                   */
/* ------------------------------------------------------------------------ */

/* The region's layout (MPROC__ERROR_SHM_SIZE). */
typedef struct {
  volatile uint32_t state; /* 0 empty, 1 being written, 2 set */
  volatile uint32_t len;
  char text[MPROC_PROCESS_ERROR_MAX + 1];
} error_region_t;

enum { ERR_EMPTY = 0, ERR_WRITING = 1, ERR_SET = 2 };

/* This process's region, mapped at the first call; NULL: none, or another
 * thread maps it right now (its message then stands, as if it came after
 * this one; waiting for it instead could wait for ever in a fork child
 * made while the mapping was under way). */
static error_region_t *self_region(void) {
  uint32_t cur = 0;
  if (mproc__cas32(&self_error_once, &cur, 1)) {
    if (!self_error.addr && self_error.h != MPROC__INVALID_HANDLE) {
      mproc__shm_t m;
      /* A region that cannot be mapped now loses the message, not the
       * exit code. */
      if (mproc__shm_attach(&m, self_error.h, MPROC__ERROR_SHM_SIZE) == 0) {
        self_error = m;
        shm_drop_handle(&self_error);
      } else {
        self_error.h = MPROC__INVALID_HANDLE; /* attach closed it */
      }
    }
    mproc__store32_release(&self_error_once, 2);
  } else if (cur != 2) {
    return NULL;
  }
  return self_error.addr;
}

/*
 * Why shared memory and not a pipe to the parent or the exit status: a
 * pipe fills (64 KiB on Linux, less in a Windows pipe's quota) and a child
 * writing more than that, or writing to a parent that stopped reading,
 * blocks or loses it; the exit status carries a byte. A region shared by
 * both sides before the child runs takes the message whole, with no system
 * call but the mapping at a spawned child's first message, whatever the
 * parent is doing, and the parent reads it once the child is gone.
 */
int mproc_process_fail(int exit_code, const char *message) {
  error_region_t *r = self_region();
  if (!r)
    return exit_code;
  /* Threads of the child that fail at once take turns; the parent reads
   * only after the exit, so it never sees a half-written text as set. */
  uint32_t cur;
  for (;;) {
    cur = mproc__load32(&r->state);
    if (cur != ERR_WRITING && mproc__cas32(&r->state, &cur, ERR_WRITING))
      break;
    mproc__cpu_relax();
  }
  if (!message) {
    mproc__store32_release(&r->state, ERR_EMPTY);
    return exit_code;
  }
  size_t len = strlen(message);
  if (len > MPROC_PROCESS_ERROR_MAX) {
    len = MPROC_PROCESS_ERROR_MAX;
    /* Not inside a UTF-8 sequence: back to the start of the character. */
    while (len > 0 && ((unsigned char)message[len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(r->text, message, len);
  r->text[len] = '\0';
  mproc__store32(&r->len, (uint32_t)len);
  mproc__store32_release(&r->state, ERR_SET);
  return exit_code;
}

/* Copies the message out of an exited child's region, once, and unmaps it:
 * a fork grandchild of the child (of the program's own fork()) still maps
 * it and could change a string the caller is reading. */
static void error_take(mproc_process_t *p) {
  uint32_t cur = 0;
  if (!mproc__cas32(&p->error_once, &cur, 1)) {
    while (mproc__load32(&p->error_once) != 2)
      mproc__cpu_relax();
    return;
  }
  error_region_t *r = p->error_shm.addr;
  if (r && mproc__load32(&r->state) == ERR_SET) {
    uint32_t len = mproc__load32(&r->len);
    if (len <= MPROC_PROCESS_ERROR_MAX) {
      char *copy = malloc((size_t)len + 1);
      if (copy) {
        memcpy(copy, r->text, len);
        copy[len] = '\0';
        p->error = copy;
      } else {
        /* A failure here would look like "no message": say what it was. */
        p->error = error_no_memory;
      }
    }
  }
  mproc__shm_close(&p->error_shm);
  mproc__store32_release(&p->error_once, 2);
}

const char *mproc_process_error(mproc_process_t *p) {
  if (!process_ok(p, __func__) || p->role != MPROC__PROC_CHILD)
    return NULL;
  if (!p->exited && mproc__proc_wait(p, 0) != 0)
    return NULL;
  error_take(p);
  return p->error;
}
