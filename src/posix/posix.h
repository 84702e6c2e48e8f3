/* SPDX-License-Identifier: MIT */
/*
 * Private to the POSIX backend: what its files share.
 *
 *   process.c      waiting, signalling, the end of a child; the dispatch
 *   start_fork.c   the fork start method
 *   start_spawn.c  the spawn start method (fork + exec), both sides
 *   start_forkserver.c  the forkserver start method, the parent's side
 *   forkserver_server.c the fork server's loop, and its children's start
 *   shmname.c      the shm_open path of a name (also for spill.c)
 */
#ifndef MPROC_POSIX_H
#define MPROC_POSIX_H

#include "fault.h"

#include <sys/types.h>

/* The start methods, as mproc__proc_start(). */
int mproc__start_fork(mproc_process_t *p, const mproc__child_spec_t *spec);
int mproc__start_spawn(mproc_process_t *p, const mproc__child_spec_t *spec);
int mproc__start_forkserver(mproc_process_t *p,
                            const mproc__child_spec_t *spec);

/* A forkserver child's mproc__proc_wait(), _signal(), _sentinel() and
 * _close(): its parent is the server, which reports the exit on the child's
 * status socket (p->h), the sentinel. */
int mproc__forkserver_wait(mproc_process_t *p, int64_t deadline_ns);
int mproc__forkserver_signal(mproc_process_t *p, int sig);

/* The fork server's main function (a spawned child of the library's own,
 * "mproc.forkserver"): its arguments are the control socket and the names
 * to preload. */
int mproc__forkserver_main(const mproc_value_t *args, size_t nargs);

/* The descriptors a spawn child is given, as listed while its record is
 * encoded (mproc__handle_reduce): a forkserver request carries them too. */
struct mproc__spawn_ctx {
  int *fds;
  size_t n, cap;
};

/* A spawned child's boot channel. A forkserver child sends its pid first
 * (@c send_pid), on the status socket the server answers later. */
struct mproc__boot_chan {
  int fd;
  bool send_pid;
  /* Left open once the status is sent: a forkserver child writes its exit
   * code there later (mproc__fs_child_exiting()). */
  bool keep_fd;
};
/* The message a forkserver child's status socket carries first: 'P' and
 * its pid (int64, little endian), then the boot status. */
#define MPROC__FORKSERVER_PID 'P'

/* In a forkserver child: the descriptors its record's wire numbers stand
 * for, in listing order (the spawn child finds them at fixed numbers; a
 * fork of the server has them where SCM_RIGHTS put them). */
void mproc__posix_wire_fds(const int *fds, size_t n);
/* In a forkserver child: its parent (mproc_parent_process()) lives while
 * the process @p link (the server, which ends with the parent) is still
 * this process's parent: getppid() cannot name the real one. */
void mproc__posix_parent_link(pid_t link);

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
