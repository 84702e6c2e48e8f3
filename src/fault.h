/* SPDX-License-Identifier: MIT */
/*
 * Fault injection: the backends' OS calls, named, so that a test build can
 * make "the Nth call (of one of them, or of any) fail with this error",
 * after SQLite's syscall table (os_unix.c's aSyscall[], test_syscall.c).
 *
 * A backend writes each faultable call as
 *
 *     void *addr = MPROC__FAIL(MMAP) ? MAP_FAILED : mmap(...);
 *
 * In the shipped libraries MPROC_FAULT_INJECTION is not defined and
 * MPROC__FAIL(x) is the constant false: the compiler drops the test and the
 * library is the same as without this header. In the mproc_fault library
 * (built only with the tests) it asks the counter below; when the call is
 * to fail, the OS error (errno, or SetLastError) has been set to the chosen
 * code and the backend takes its ordinary error path with the failure value
 * the real call would have returned.
 *
 * Only the process that armed a fault counts calls and fails them: a fork
 * child inherits the armed state but has another pid (mproc__getpid()),
 * so a test's faults never fire in its children. (An exec failure is
 * decided in the parent before it forks, see src/posix/start_fork.c.)
 */
#ifndef MPROC_FAULT_H
#define MPROC_FAULT_H

#include "internal.h"

/*
 * Every faultable call, with the name tests and reports use. One list for
 * both backends; each uses the ones it makes. Calls are named after what
 * the OS does, so that a test targets the same operation on both sides
 * (WRITE is send() on POSIX, WriteFile() on Windows).
 */
#define MPROC__FAULT_CALLS(X)                                                  \
  X(FORK, "fork")                                                              \
  X(EXEC, "exec")                                                              \
  X(CREATE_PROCESS, "CreateProcess")                                           \
  X(RESUME_THREAD, "ResumeThread")                                             \
  X(JOB, "job object")                                                         \
  X(OPEN_PROCESS, "OpenProcess")                                               \
  X(DUPLICATE_HANDLE, "DuplicateHandle")                                       \
  X(DUP, "dup")                                                                \
  X(WAITPID, "waitpid")                                                        \
  X(PIDFD_OPEN, "pidfd_open")                                                  \
  X(MEMFD, "memfd_create")                                                     \
  X(SHM_OPEN, "shm_open")                                                      \
  X(FTRUNCATE, "ftruncate")                                                    \
  X(FSTAT, "fstat")                                                            \
  X(MMAP, "mmap")                                                              \
  X(SLAB_SLOT, "slab slot")                                                    \
  X(CREATE_FILE_MAPPING, "CreateFileMapping")                                  \
  X(MAP_VIEW, "MapViewOfFile")                                                 \
  X(SEM_CREATE, "semaphore create")                                            \
  X(EVENT_CREATE, "CreateEvent")                                               \
  X(PARK_WAIT, "park wait")                                                    \
  X(PIPE, "pipe")                                                              \
  X(CREATE_NAMED_PIPE, "CreateNamedPipe")                                      \
  X(CONNECT_NAMED_PIPE, "ConnectNamedPipe")                                    \
  X(CREATE_FILE, "CreateFile")                                                 \
  X(SOCKET, "socket")                                                          \
  X(BIND, "bind")                                                              \
  X(LISTEN, "listen")                                                          \
  X(ACCEPT, "accept")                                                          \
  X(CONNECT, "connect")                                                        \
  X(WRITE, "write")                                                            \
  X(READ, "read")                                                              \
  X(SENDMSG, "sendmsg")                                                        \
  X(RECVMSG, "recvmsg")                                                        \
  X(THREAD_CREATE, "thread create")                                            \
  X(MUTEX_INIT, "mutex init")                                                  \
  X(MKDTEMP, "mkdtemp")                                                        \
  X(RANDOM, "random")                                                          \
  X(HMAC, "hmac")

typedef enum mproc__fault_call {
  MPROC__FC_ANY = 0, /* in mproc__fault_arm(): every call counts */
#define MPROC__FC_ENUM(id, name) MPROC__FC_##id,
  MPROC__FAULT_CALLS(MPROC__FC_ENUM)
#undef MPROC__FC_ENUM
      MPROC__FC_COUNT
} mproc__fault_call_t;

#ifdef MPROC_FAULT_INJECTION
/* Counts a call of @p call; true if it is to fail (the OS error is set). */
bool mproc__fault_hit(mproc__fault_call_t call);
#define MPROC__FAIL(id) mproc__fault_hit(MPROC__FC_##id)

/* ---- The test interface (only in the mproc_fault library) ------------- */

/*
 * Arms a fault in the calling process: counting from now, the @p nth call
 * of @p call (MPROC__FC_ANY: of any kind) fails with OS error @p err (0:
 * the call's own typical error, see mproc__fault_default_error()); with
 * @p persistent, every later matching call fails too. @p nth 0 only counts.
 * Resets every counter.
 */
void mproc__fault_arm(mproc__fault_call_t call, uint32_t nth, long err,
                      bool persistent);
/* Stops failing calls (counters keep counting). */
void mproc__fault_disarm(void);
/* Matching calls since the last arm (MPROC__FC_ANY: all of them). */
uint32_t mproc__fault_calls(mproc__fault_call_t call);
/* How many calls failed since the last arm, and the kind of the last one
 * (MPROC__FC_ANY if none). */
uint32_t mproc__fault_fired(void);
mproc__fault_call_t mproc__fault_last(void);
/* The thread (mproc__thread_id()) in which the last one failed: the
 * library's own threads (the resource sharer, the pool's result handler)
 * make calls too. */
uint32_t mproc__fault_last_thread(void);
/* "mmap", "CreateProcess", ...; "any" for MPROC__FC_ANY. */
const char *mproc__fault_name(mproc__fault_call_t call);

/* ---- Backend (fault.c of src/posix, src/win32) ------------------------ */

/* The error a failing @p call reports when the test chose none: a real
 * one that call can return (EMFILE, ERROR_NO_SYSTEM_RESOURCES, ...). */
long mproc__fault_default_error(mproc__fault_call_t call);
/* Sets the calling thread's OS error (errno, SetLastError). */
void mproc__fault_set_os_error(long code);
#else
#define MPROC__FAIL(id) false
#endif

#endif /* MPROC_FAULT_H */
