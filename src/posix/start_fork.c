/* SPDX-License-Identifier: MIT */
/*
 * The fork start method: the child inherits everything and runs its
 * function at once; nothing is encoded.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "posix/posix.h"
#include "posix/forkserver.h"

#include <stdio.h>
#include <unistd.h>

int mproc__start_fork(mproc_process_t *p, const mproc__child_spec_t *spec) {
  pid_t parent = getpid();
  /* Unflushed stdio buffers would be written twice, once by each side. */
  fflush(NULL);
  mproc__slab_fork_prepare();
  pid_t pid = MPROC__FAIL(FORK) ? -1 : fork();
  if (pid != 0)
    mproc__slab_fork_parent(pid > 0);
  if (pid < 0)
    return mproc__err_os("fork");
  if (pid == 0) {
    mproc__slab_fork_child();
    mproc__fs_child_forget();
    if (spec->daemon)
      mproc__posix_daemon_child(parent);
    mproc__child_exit(mproc__child_run(spec), true);
  }
  p->pid = pid;
  /* The pidfd is opened when first needed (a timed join, the sentinel):
   * until we reap the child its pid cannot be reused. */
  p->h = -1;
  return 0;
}
