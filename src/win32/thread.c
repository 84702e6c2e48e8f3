/*
 * Windows threads, mutexes and condition variables for the manager's
 * server: _beginthreadex (the C runtime's own, so that CRT state is set up
 * for the thread), critical sections and condition variables.
 */
#include "win32.h"

#include <process.h>
#include <stdlib.h>

struct mproc__mutex {
  CRITICAL_SECTION cs;
};

struct mproc__cond {
  CONDITION_VARIABLE cv;
};

typedef struct thread_start {
  void (*fn)(void *);
  void *arg;
} thread_start_t;

static unsigned __stdcall thread_main(void *p) {
  thread_start_t st = *(thread_start_t *)p;
  free(p);
  st.fn(st.arg);
  return 0;
}

int mproc__thread_start_detached(void (*fn)(void *), void *arg) {
  thread_start_t *st = malloc(sizeof *st);
  if (!st)
    return mproc__err(MPROC_E_NOMEM, "starting a thread");
  st->fn = fn;
  st->arg = arg;
  uintptr_t h = _beginthreadex(NULL, 0, thread_main, st, 0, NULL);
  if (h == 0) {
    free(st);
    return mproc__err(MPROC_E_LIMIT, "_beginthreadex failed");
  }
  CloseHandle((HANDLE)h);
  return 0;
}

int mproc__mutex_create(mproc__mutex_t **out) {
  mproc__mutex_t *m = malloc(sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "creating a mutex");
  InitializeCriticalSection(&m->cs);
  *out = m;
  return 0;
}

void mproc__mutex_lock(mproc__mutex_t *m) {
  EnterCriticalSection(&m->cs);
}

void mproc__mutex_unlock(mproc__mutex_t *m) {
  LeaveCriticalSection(&m->cs);
}

void mproc__mutex_destroy(mproc__mutex_t *m) {
  if (!m)
    return;
  DeleteCriticalSection(&m->cs);
  free(m);
}

int mproc__cond_create(mproc__cond_t **out) {
  mproc__cond_t *c = malloc(sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "creating a condition variable");
  InitializeConditionVariable(&c->cv);
  *out = c;
  return 0;
}

int mproc__cond_wait(mproc__cond_t *c, mproc__mutex_t *m, int64_t deadline_ns) {
  if (mproc__win_expired(deadline_ns))
    return MPROC_E_TIMEOUT;
  /* A wake-up that comes a tick early is a spurious one: the callers
   * re-check their condition and wait again. */
  SleepConditionVariableCS(&c->cv, &m->cs, mproc__win_ms_until(deadline_ns));
  return 0;
}

void mproc__cond_broadcast(mproc__cond_t *c) {
  WakeAllConditionVariable(&c->cv);
}

void mproc__cond_destroy(mproc__cond_t *c) {
  free(c);
}
