/* SPDX-License-Identifier: MIT */
/*
 * The fork server's protocol, shared by its two sides: the parent's
 * (start_forkserver.c) and the server's (forkserver_server.c).
 *
 * The control channel is one end of a socketpair that the parent made and
 * handed to the server as the argument of its spawn: it has no address, in
 * the file system or the abstract namespace, so nobody but the parent can
 * reach the server (CPython 3.14 listens on a named socket and must check
 * every connection; here no stranger can even connect). The server ends
 * when the channel reaches end of file: when the parent has ended however
 * it ended, with no thread to outlive (PR_SET_PDEATHSIG fires when the
 * *thread* that spawned the server exits, which would kill it under a
 * program whose starting thread was a short-lived one).
 *
 * On it, first the auth key handshake of the manager (auth.h), in 4-byte
 * big-endian length frames: the server challenges, the parent answers and
 * gets WELCOME or FAILURE; then the parent challenges the server. Then one
 * ready message from the server, after it ran the preload functions:
 * MPROC__BOOT_OK + u8 mode, or MPROC__BOOT_FAILED + int32 status +
 * NUL-terminated message (as a spawn child's boot status).
 *
 * The mode says whose children the server makes.
 *
 * MPROC__FS_SIBLINGS (Linux with glibc): the parent's. The server makes
 * each child with clone(CLONE_PARENT), so that the child is its own
 * sibling and its parent's child, exactly as a fork child is: the parent
 * waits for it with waitpid(), signals it by pid, and learns its code from
 * the kernel; the server reaps nothing and reports nothing. The parent
 * then sends one more message before any request:
 *
 *   pidpage := u8 MPROC__FS_PIDPAGE, with SCM_RIGHTS one descriptor: a
 *              shared page whose first four bytes each clone writes the
 *              new child's pid into (CLONE_PARENT_SETTID), in the kernel,
 *              before the server runs again
 *
 * and each request is answered on the channel, in order:
 *
 *   answer  := u8 MPROC__FS_STARTED + int64 pid, or
 *              u8 MPROC__FS_NOT_REGISTERED + int64 0 (the record's function
 *              is not registered in the server, so neither in a child), or
 *              u8 MPROC__FS_FORK_FAILED + int64 errno
 *
 * A channel that ends before the answer means the server died: if the
 * page holds a pid, the clone was made and the child runs (it is ours);
 * if not, nothing of the request ran, and it may be sent again.
 *
 * MPROC__FS_CHILDREN (elsewhere): the server's, followed through a status
 * socket per child, which the request carries first (below). A server in
 * sibling mode makes a child of its own too when the request's flags say
 * MPROC__FS_OWN: the parent asks so while the kernel reaps its children
 * for it (SIGCHLD ignored), which would leave a sibling nothing to join.
 *
 * Then requests, one per child, from the parent:
 *
 *   header  := u32 MPROC__FS_MAGIC, u8 flags (MPROC__FS_DAEMON,
 *              MPROC__FS_OWN), 3 zero
 *              bytes, u32 descriptor count, u32 record length;
 *              with SCM_RIGHTS (if the count is not 0), the first
 *              MPROC__FS_FDS_PER_MSG descriptors: in MPROC__FS_CHILDREN
 *              mode the child's status socket, then the record's
 *   more    := u8 MPROC__FS_MORE with the next MPROC__FS_FDS_PER_MSG
 *              descriptors, as often as needed (Linux passes at most
 *              SCM_MAX_FD, 253, in one message)
 *   record  := the start record (codec/record.c), whose wire numbers
 *              stand for the record's descriptors in order
 *
 * and, in MPROC__FS_CHILDREN mode, on each child's status socket (all
 * integers little endian):
 *
 *   from the child   MPROC__FORKSERVER_PID + int64 pid, then its boot
 *                    status (MPROC__BOOT_OK or MPROC__BOOT_FAILED ...);
 *                    later, if it ends through mproc__child_exit(),
 *                    MPROC__FS_CODE + int32 exit code, just before _exit()
 *   from the server  MPROC__FS_EXIT + int64 pid + int32 exit code (the
 *                    code, or -signal), once the child ended; or
 *                    MPROC__FS_FORK_FAILED + int32 errno
 *
 * The server writes only after the child ended, so never in the middle of
 * the child's own messages, and before it reaps the child: while there is
 * no MPROC__FS_EXIT on the socket, the pid is still the child's, and the
 * parent may open a pidfd on it. With that pidfd the parent learns the end
 * from the kernel and the code from MPROC__FS_CODE, and waits for the
 * server only when the child ended otherwise (a signal, _exit()). A status
 * socket that ends without MPROC__FS_EXIT means the server died.
 */
#ifndef MPROC_POSIX_FORKSERVER_H
#define MPROC_POSIX_FORKSERVER_H

#include "internal.h"

#define MPROC__FS_MAGIC 0x5346504du /* "MPFS" */
#define MPROC__FS_DAEMON 1
#define MPROC__FS_OWN 2
#define MPROC__FS_MORE 'M'
#define MPROC__FS_HEADER_LEN 16
#define MPROC__FS_FDS_PER_MSG 250
/* At most this many descriptors for one child (the record's limit on
 * objects is larger, but a process has no more to give). */
#define MPROC__FS_FDS_MAX 65536
#define MPROC__FS_RECORD_MAX ((uint32_t)1 << 31)
#define MPROC__FS_EXIT 'W'
#define MPROC__FS_EXIT_LEN 13
#define MPROC__FS_FORK_FAILED 'F'
/* The modes of the ready message, and the sibling mode's messages. */
#define MPROC__FS_SIBLINGS 'S'
#define MPROC__FS_CHILDREN 'C'
#define MPROC__FS_PIDPAGE 'G'
#define MPROC__FS_STARTED 'P'
#define MPROC__FS_NOT_REGISTERED 'N'
#define MPROC__FS_ANSWER_LEN 9
/* Whether this build's server can make siblings: Linux's clone() flags,
 * and glibc's thread id and robust list, which a child made without
 * fork() must be given by hand (forkserver_server.c). The portable
 * backend keeps to POSIX: its servers' children are their own. */
#if defined(__linux__) && defined(__GLIBC__) && !defined(MPROC_POSIX_PORTABLE)
#define MPROC__FS_CAN_SIBLINGS 1
#else
#define MPROC__FS_CAN_SIBLINGS 0
#endif
#define MPROC__FS_CODE 'X'
#define MPROC__FS_CODE_LEN 5
/* The server's exit code when it stopped on something it refused on its
 * channel (a wrong answer to its challenge, a malformed request). */
#define MPROC__FS_EXIT_REFUSED 74

/* Exactly @p n bytes to / from a socket, retrying EINTR, never raising
 * SIGPIPE. Receive: MPROC_E_CLOSED at end of file (or a reset),
 * MPROC_E_TIMEOUT once @p deadline_ns passed (MPROC__NO_DEADLINE: none). */
int mproc__fs_send(int fd, const void *buf, size_t n);
int mproc__fs_recv(int fd, void *buf, size_t n, int64_t deadline_ns);
/* The handshake's frames: a 4-byte big-endian length, then the bytes;
 * a received frame longer than @p max is MPROC_E_TOOBIG. */
int mproc__fs_send_frame(int fd, const void *buf, size_t n);
int mproc__fs_recv_frame(int fd, void *buf, size_t max, size_t *n,
                         int64_t deadline_ns);

/* In a forkserver child, from mproc__child_exit(): the exit code on the
 * status socket (MPROC__FS_CODE), if this process is the server's child
 * (not a fork of it). */
void mproc__fs_child_exiting(int code);
/* In a fork child: a forkserver child's status socket is its parent's. */
void mproc__fs_child_forget(void);
/* Whether this process's server (if one runs) makes its children ours
 * (MPROC__FS_SIBLINGS), and whether this build's servers can (as the
 * library was compiled); for tests. */
bool mproc__forkserver_siblings(void);
bool mproc__forkserver_can_siblings(void);
/* Releases what the parent holds for a forkserver child besides p->h. */
void mproc__forkserver_close(mproc_process_t *p);

/* The function name of the server, as the spawn record carries it. */
#define MPROC__FS_FN_NAME "mproc.forkserver"

#endif /* MPROC_POSIX_FORKSERVER_H */
