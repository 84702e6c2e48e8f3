/* SPDX-License-Identifier: MIT */
/*
 * Fault injection: the counters behind MPROC__FAIL() (see fault.h). Only
 * the mproc_fault library, built with the tests, compiles this; in the
 * shipped libraries the file is empty.
 *
 * The state is process-wide, not per thread: a fault armed by a test must
 * also reach the library's own threads (the pool's result handler, the
 * resource sharer), whose error paths are tested that way too. Counters
 * are atomic; arming and disarming are done by the test between
 * operations.
 */
#include "fault.h"

#ifdef MPROC_FAULT_INJECTION

/* The process whose calls count (0: none yet). */
static volatile uint32_t armed_pid;
/* Whether matching calls fail now. */
static volatile uint32_t failing;
static mproc__fault_call_t target;
static uint32_t nth;
static bool persistent;
static long error;
/* Calls per kind since the last arm; [MPROC__FC_ANY] is the total. */
static volatile uint32_t counts[MPROC__FC_COUNT];
static volatile uint32_t fired;
static volatile uint32_t last;
static volatile uint32_t last_thread;

static const char *const names[MPROC__FC_COUNT] = {
    "any",
#define MPROC__FC_NAME(id, name) name,
    MPROC__FAULT_CALLS(MPROC__FC_NAME)
#undef MPROC__FC_NAME
};

bool mproc__fault_hit(mproc__fault_call_t call) {
  uint32_t pid = mproc__load32(&armed_pid);
  if (pid == 0 || pid != (uint32_t)mproc__getpid())
    return false;
  uint32_t total = mproc__fetch_add32(&counts[MPROC__FC_ANY], 1) + 1;
  uint32_t own = mproc__fetch_add32(&counts[call], 1) + 1;
  if (!mproc__load32(&failing))
    return false;
  uint32_t k = target == MPROC__FC_ANY ? total : call == target ? own : 0;
  if (k == 0 || !(k == nth || (persistent && k > nth)))
    return false;
  mproc__fetch_add32(&fired, 1);
  mproc__store32(&last, (uint32_t)call);
  mproc__store32(&last_thread, mproc__thread_id());
  mproc__fault_set_os_error(error ? error : mproc__fault_default_error(call));
  return true;
}

void mproc__fault_arm(mproc__fault_call_t call, uint32_t n, long err,
                      bool persist) {
  mproc__store32(&armed_pid, 0);
  mproc__store32(&failing, 0);
  target = call;
  nth = n;
  persistent = persist;
  error = err;
  for (int i = 0; i < MPROC__FC_COUNT; i++)
    mproc__store32(&counts[i], 0);
  mproc__store32(&fired, 0);
  mproc__store32(&last, MPROC__FC_ANY);
  mproc__store32(&failing, n > 0);
  mproc__store32(&armed_pid, (uint32_t)mproc__getpid());
}

void mproc__fault_disarm(void) {
  mproc__store32(&failing, 0);
}

uint32_t mproc__fault_calls(mproc__fault_call_t call) {
  return (unsigned)call < MPROC__FC_COUNT ? mproc__load32(&counts[call]) : 0;
}

uint32_t mproc__fault_fired(void) {
  return mproc__load32(&fired);
}

mproc__fault_call_t mproc__fault_last(void) {
  return (mproc__fault_call_t)mproc__load32(&last);
}

uint32_t mproc__fault_last_thread(void) {
  return mproc__load32(&last_thread);
}

const char *mproc__fault_name(mproc__fault_call_t call) {
  return (unsigned)call < MPROC__FC_COUNT ? names[call] : "?";
}

#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int mproc__fault_unused_t;
#endif
