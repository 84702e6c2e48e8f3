/* SPDX-License-Identifier: MIT */
/*
 * POSIX side of fault injection (see src/fault.h): the errno each call
 * reports when a test fails it without choosing one. Each is an error the
 * real call returns under resource pressure, the case error paths exist
 * for. Empty in the shipped libraries.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "fault.h"

#ifdef MPROC_FAULT_INJECTION
#include <errno.h>

long mproc__fault_default_error(mproc__fault_call_t call) {
  switch (call) {
  case MPROC__FC_FORK:
  case MPROC__FC_THREAD_CREATE:
  case MPROC__FC_MUTEX_INIT:
    return EAGAIN;
  case MPROC__FC_EXEC:
    return EACCES;
  case MPROC__FC_MMAP:
  case MPROC__FC_SLAB_SLOT:
  case MPROC__FC_HMAC:
    return ENOMEM;
  case MPROC__FC_FTRUNCATE:
    return ENOSPC;
  case MPROC__FC_CONNECT:
    return ECONNREFUSED;
  case MPROC__FC_WRITE:
  case MPROC__FC_SENDMSG:
    return ENOBUFS;
  /* Not ECONNRESET: the library reads that as the peer's death (a child
   * that died while booting), which an injected error would only fake. */
  case MPROC__FC_READ:
  case MPROC__FC_RECVMSG:
    return ENOMEM;
  case MPROC__FC_ACCEPT:
    return EMFILE;
  /* The calls the library must ride out: an interrupted wait. */
  case MPROC__FC_PARK_WAIT:
  case MPROC__FC_WAITPID:
    return EINTR;
  case MPROC__FC_RANDOM:
    return EIO;
  default:
    /* memfd, shm_open, socket, pipe, dup, pidfd_open, ...: out of
     * descriptors. */
    return EMFILE;
  }
}

void mproc__fault_set_os_error(long code) {
  errno = (int)code;
}

#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int mproc__fault_unused_t;
#endif
