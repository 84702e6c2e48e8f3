/* SPDX-License-Identifier: MIT */
/*
 * Windows side of fault injection (see src/fault.h): the Win32 error each
 * call reports when a test fails it without choosing one: an error the
 * real call returns when the system runs short. Empty in the shipped
 * libraries.
 */
#include "fault.h"

#ifdef MPROC_FAULT_INJECTION

long mproc__fault_default_error(mproc__fault_call_t call) {
  switch (call) {
  case MPROC__FC_CREATE_PROCESS:
    return ERROR_ACCESS_DENIED;
  case MPROC__FC_MAP_VIEW:
  case MPROC__FC_SLAB_SLOT:
  case MPROC__FC_CREATE_FILE_MAPPING:
    return ERROR_NOT_ENOUGH_MEMORY;
  case MPROC__FC_OPEN_PROCESS:
    return ERROR_INVALID_PARAMETER; /* the process is gone */
  case MPROC__FC_WRITE:
  case MPROC__FC_READ:
  case MPROC__FC_CONNECT_NAMED_PIPE:
    return ERROR_BROKEN_PIPE;
  case MPROC__FC_CONNECT:
  case MPROC__FC_ACCEPT:
  case MPROC__FC_SOCKET:
  case MPROC__FC_BIND:
  case MPROC__FC_LISTEN:
    return WSAENOBUFS;
  case MPROC__FC_PARK_WAIT:
    return ERROR_INVALID_HANDLE;
  default:
    /* CreateNamedPipe, CreateSemaphore, DuplicateHandle, threads, ...:
     * out of kernel resources. */
    return ERROR_NO_SYSTEM_RESOURCES;
  }
}

void mproc__fault_set_os_error(long code) {
  /* WSAGetLastError() reads the same per-thread value. */
  SetLastError((DWORD)code);
}

#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int mproc__fault_unused_t;
#endif
