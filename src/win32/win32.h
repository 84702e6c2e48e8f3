/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the Windows backend, for its .c files only.
 */
#ifndef MPROC_WIN32_H
#define MPROC_WIN32_H

#include "fault.h"

/*
 * The milliseconds to pass to a Wait* function so that it does not return
 * before @p deadline_ns: INFINITE for no deadline, 0 once it has passed,
 * otherwise rounded up. Long waits are capped below INFINITE; the callers
 * loop until the deadline has really passed (a Windows wait may also end a
 * little early, by up to a timer tick).
 */
static inline DWORD mproc__win_ms_until(int64_t deadline_ns) {
  if (deadline_ns == MPROC__NO_DEADLINE)
    return INFINITE;
  int64_t left = deadline_ns - mproc__now_ns();
  if (left <= 0)
    return 0;
  int64_t ms = (left + 999999) / 1000000;
  return ms >= (int64_t)INFINITE ? INFINITE - 1 : (DWORD)ms;
}

/* Whether @p deadline_ns (possibly MPROC__NO_DEADLINE) has passed. */
static inline bool mproc__win_expired(int64_t deadline_ns) {
  return deadline_ns != MPROC__NO_DEADLINE && mproc__now_ns() >= deadline_ns;
}

/* The exit code TerminateProcess gives a child ended with signal N. */
#define MPROC__WIN_TERMINATE_BASE 0x10000u

/* The spawn start method (start_spawn.c), as mproc__proc_start(). */
int mproc__start_spawn(mproc_process_t *p, const mproc__child_spec_t *spec);

/*
 * The exit code as mproc reports it (process.c): what
 * TerminateProcess(MPROC__WIN_TERMINATE_BASE + N) gave as -N when
 * @p terminated_by is set, an unhandled exception as the nearest POSIX
 * signal, a small negative exit() as POSIX would report it (its low byte),
 * anything else as is.
 */
int mproc__win_exitcode(DWORD code, int terminated_by);

#endif /* MPROC_WIN32_H */
