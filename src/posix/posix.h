/* SPDX-License-Identifier: MIT */
/*
 * Private to the POSIX backend: what its process files share.
 *
 *   process.c      waiting, signalling, the end of a child; the dispatch
 *   start_fork.c   the fork start method
 *   start_spawn.c  the spawn start method (fork + exec), both sides
 */
#ifndef MPROC_POSIX_H
#define MPROC_POSIX_H

#include "fault.h"

#include <sys/types.h>

/* The start methods, as mproc__proc_start(). */
int mproc__start_fork(mproc_process_t *p, const mproc__child_spec_t *spec);
int mproc__start_spawn(mproc_process_t *p, const mproc__child_spec_t *spec);

/* A wait status as an exit code: the code, or -signal. */
int mproc__posix_exitcode(int status);
/* In a daemon child: dies with its parent (Linux: PR_SET_PDEATHSIG), and
 * at once if the parent @p parent is already gone. */
void mproc__posix_daemon_child(pid_t parent);

#endif /* MPROC_POSIX_H */
