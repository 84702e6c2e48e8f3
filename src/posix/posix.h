/* SPDX-License-Identifier: MIT */
/*
 * Private to the POSIX backend: what its files share.
 *
 *   process.c      waiting, signalling, the end of a child; the dispatch
 *   start_fork.c   the fork start method
 *   start_spawn.c  the spawn start method (fork + exec), both sides
 *   shmname.c      the shm_open path of a name (also for spill.c)
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

/* The shm_open path of @p name ("/<name>") in @p buf; MPROC_E_VALUE
 * ("<what> name too long") if it does not fit in @p cap bytes. One
 * function for named shared memory and queue spill segments, so that both
 * live in the one namespace the spill's sweep lists (/dev/shm on Linux). */
int mproc__posix_shm_path(char *buf, size_t cap, const char *name,
                          const char *what);

#endif /* MPROC_POSIX_H */
