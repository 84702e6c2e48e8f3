/* SPDX-License-Identifier: MIT */
/*
 * Windows processes: what every start method shares (waiting for and
 * terminating children, exit codes, the end of a child). Windows has one
 * start method, spawn (start_spawn.c); the file names mirror the POSIX
 * backend's, as CPython's popen_*.py.
 */
#include "win32.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool mproc__start_method_supported(mproc_start_method_t method) {
  return method == MPROC_START_SPAWN;
}

int mproc__proc_start(mproc_process_t *p, const mproc__child_spec_t *spec) {
  return mproc__start_spawn(p, spec);
}

/* No fork, so no fork server (mproc_start_method_available() says so, and
 * process.c refuses the method with MPROC_E_NOTSUP before any of this):
 * no server to stop, no function of the backend's own for a child. */
void mproc__forkserver_stop(void) {}

int64_t mproc__forkserver_pid(void) {
  return 0;
}

int mproc_forkserver_stats(mproc_forkserver_stats_t *out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  memset(out, 0, sizeof *out);
  return mproc__err(MPROC_E_NOTSUP, "the forkserver start method is not "
                                    "available on this platform");
}

mproc_fn mproc__backend_builtin_fn(const char *name) {
  (void)name;
  return NULL;
}

const char *mproc__backend_builtin_name(mproc_fn fn) {
  (void)fn;
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Exit codes                                                               */
/* ------------------------------------------------------------------------ */

/*
 * The exit code as mproc reports it: what TerminateProcess(0x10000 + N)
 * gave as -N, an unhandled exception as the nearest POSIX signal, a small
 * negative exit() as POSIX would report it (its low byte), anything else as
 * is.
 */
int mproc__win_exitcode(DWORD code, int terminated_by) {
  if (terminated_by != 0 && code > MPROC__WIN_TERMINATE_BASE &&
      code <= MPROC__WIN_TERMINATE_BASE + 64)
    return -(int)(code - MPROC__WIN_TERMINATE_BASE);
  switch (code) {
  case 0xC0000005: /* STATUS_ACCESS_VIOLATION */
  case 0xC0000006: /* STATUS_IN_PAGE_ERROR */
  case 0xC00000FD: /* STATUS_STACK_OVERFLOW */
  case 0xC0000374: /* STATUS_HEAP_CORRUPTION */
    return -11;    /* SIGSEGV */
  case 0xC000001D: /* STATUS_ILLEGAL_INSTRUCTION */
  case 0xC0000096: /* STATUS_PRIVILEGED_INSTRUCTION */
    return -4;     /* SIGILL */
  case 0xC000008D: /* STATUS_FLOAT_DENORMAL_OPERAND */
  case 0xC000008E: /* STATUS_FLOAT_DIVIDE_BY_ZERO */
  case 0xC000008F: /* STATUS_FLOAT_INEXACT_RESULT */
  case 0xC0000090: /* STATUS_FLOAT_INVALID_OPERATION */
  case 0xC0000091: /* STATUS_FLOAT_OVERFLOW */
  case 0xC0000092: /* STATUS_FLOAT_STACK_CHECK */
  case 0xC0000093: /* STATUS_FLOAT_UNDERFLOW */
  case 0xC0000094: /* STATUS_INTEGER_DIVIDE_BY_ZERO */
  case 0xC0000095: /* STATUS_INTEGER_OVERFLOW */
    return -8;     /* SIGFPE */
  case 0x80000002: /* STATUS_DATATYPE_MISALIGNMENT */
    return -7;     /* SIGBUS */
  case 0x80000003: /* STATUS_BREAKPOINT */
    return -5;     /* SIGTRAP */
  default:
    break;
  }
  if (code <= (DWORD)INT_MAX)
    return (int)code;
  if (code >= 0xFFFF0000u) /* exit(-1) ... exit(-65536) */
    return (int)(code & 0xff);
  return -6; /* another exception (fail-fast, C++ throw, ...): SIGABRT */
}

void mproc__child_set_daemon(bool daemon) {
  /* The parent put a daemon child in its kill-on-close job before it ran a
   * single instruction. */
  (void)daemon;
}

void mproc__child_exit(int code, bool quick) {
  /* exit() as on POSIX spawn children: atexit handlers run and stdio is
   * flushed; _Exit() for a quick end (see internal.h). */
  fflush(NULL);
  if (quick)
    _Exit(code);
  exit(code);
}

/* ------------------------------------------------------------------------ */
/* Waiting and signalling                                                   */
/* ------------------------------------------------------------------------ */

static int collect(mproc_process_t *p) {
  DWORD code = 0;
  if (!GetExitCodeProcess(p->h, &code))
    return mproc__err_os("reading the child's exit code");
  p->exitcode = mproc__win_exitcode(code, p->terminated_by);
  p->exited = true;
  return 0;
}

int mproc__proc_wait(mproc_process_t *p, int64_t deadline_ns) {
  for (;;) {
    DWORD r = WaitForSingleObject(p->h, mproc__win_ms_until(deadline_ns));
    if (r == WAIT_OBJECT_0)
      return collect(p);
    if (r != WAIT_TIMEOUT)
      return mproc__err_os("waiting for the child");
    if (mproc__win_expired(deadline_ns))
      return MPROC_E_TIMEOUT;
  }
}

int mproc__proc_signal(mproc_process_t *p, int sig) {
  if (p->exited)
    return 0;
  /* Set first, so that a thread that collects the exit meanwhile reads
   * the code as the signal. */
  p->terminated_by = sig;
  if (TerminateProcess(p->h, MPROC__WIN_TERMINATE_BASE + (UINT)sig))
    return 0;
  DWORD e = GetLastError();
  /* Access is denied once the process has exited (or is exiting). */
  if (WaitForSingleObject(p->h, 0) == WAIT_OBJECT_0)
    return 0;
  return mproc__err_os_code((long)e, "terminating the child");
}

void mproc__proc_close(mproc_process_t *p) {
  if (p->h != MPROC__INVALID_HANDLE)
    CloseHandle(p->h);
  p->h = MPROC__INVALID_HANDLE;
}

int mproc__proc_sentinel(mproc_process_t *p, mproc_os_handle_t *out) {
  if (p->h == MPROC__INVALID_HANDLE)
    return mproc__err(MPROC_E_STATE, "the process handle is closed");
  *out = (mproc_os_handle_t)(intptr_t)p->h;
  return 0;
}
