/* SPDX-License-Identifier: MIT */
/*
 * The library's own registrations (see builtins.h).
 */
#include "builtins.h"

#include "conn.h"
#include "manager/manager.h"
#include "pool.h"
#include "queue.h"
#include "shared.h"
#include "sync/sync.h"

#include <string.h>

/* ------------------------------------------------------------------------ */
/* The type table                                                           */
/* ------------------------------------------------------------------------ */

const mproc__type_t *mproc__type_of(mproc__type_id_t id) {
  switch (id) {
  case MPROC__T_LOCK:
    return &mproc__lock_type;
  case MPROC__T_RLOCK:
    return &mproc__rlock_type;
  case MPROC__T_SEMAPHORE:
    return &mproc__semaphore_type;
  case MPROC__T_BOUNDED_SEMAPHORE:
    return &mproc__bounded_semaphore_type;
  case MPROC__T_PROXY:
    return &mproc__proxy_type;
  case MPROC__T_EVENT:
    return &mproc__event_type;
  case MPROC__T_CONDITION:
    return &mproc__condition_type;
  case MPROC__T_BARRIER:
    return &mproc__barrier_type;
  case MPROC__T_QUEUE:
    return &mproc__queue_type;
  case MPROC__T_SIMPLE_QUEUE:
    return &mproc__simple_queue_type;
  case MPROC__T_JOINABLE_QUEUE:
    return &mproc__joinable_queue_type;
  case MPROC__T_POOL:
    return &mproc__pool_type;
  case MPROC__T_CONNECTION:
    return &mproc__connection_type;
  case MPROC__T_VALUE:
    return &mproc__value_type;
  case MPROC__T_ARRAY:
    return &mproc__array_type;
  case MPROC__T_SHARED_MEMORY:
    return &mproc__shared_memory_type;
  default:
    return NULL;
  }
}

/* ------------------------------------------------------------------------ */
/* Child functions                                                          */
/* ------------------------------------------------------------------------ */

/* With the names CPython gives these processes: a pool's workers are
 * "<Context>PoolWorker-N" (Pool renames its context's Process class), a
 * manager's server "<Manager class>-N". */
static const struct {
  const char *name;
  mproc_fn fn;
  const char *fork_name, *spawn_name, *forkserver_name;
} builtin_fns[] = {
    {"mproc.pool.worker", mproc__pool_worker, "ForkPoolWorker",
     "SpawnPoolWorker", "ForkServerPoolWorker"},
    {"mproc.manager-server", mproc__manager_server_main, "SyncManager",
     "SyncManager", "SyncManager"},
};
#define BUILTIN_FNS (sizeof builtin_fns / sizeof builtin_fns[0])

mproc_fn mproc__builtin_fn(const char *name) {
  for (size_t i = 0; i < BUILTIN_FNS; i++)
    if (strcmp(builtin_fns[i].name, name) == 0)
      return builtin_fns[i].fn;
  return mproc__backend_builtin_fn(name);
}

const char *mproc__builtin_name(mproc_fn fn) {
  for (size_t i = 0; i < BUILTIN_FNS; i++)
    if (builtin_fns[i].fn == fn)
      return builtin_fns[i].name;
  return mproc__backend_builtin_name(fn);
}

const char *mproc__builtin_process_name(mproc_fn fn,
                                        mproc_start_method_t method) {
  for (size_t i = 0; i < BUILTIN_FNS; i++)
    if (builtin_fns[i].fn == fn)
      return method == MPROC_START_FORK    ? builtin_fns[i].fork_name
             : method == MPROC_START_SPAWN ? builtin_fns[i].spawn_name
                                           : builtin_fns[i].forkserver_name;
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* After fork                                                               */
/* ------------------------------------------------------------------------ */

void mproc__builtin_fork_child(const mproc_value_t *args, size_t nargs) {
  mproc__conn_fork_child(args, nargs);
  mproc__queue_fork_child(args, nargs);
}

void mproc__builtin_fork_child_end(const mproc_value_t *args, size_t nargs) {
  mproc__queue_fork_child_end(args, nargs);
}
