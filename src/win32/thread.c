/* SPDX-License-Identifier: MIT */
/*
 * Windows threads, mutexes and condition variables: slim reader/writer
 * locks and condition variables (no kernel object until contended).
 */
#include "fault.h"

#include <process.h>
#include <stdlib.h>

struct mproc__mutex {
  SRWLOCK l;
};

struct mproc__cond {
  CONDITION_VARIABLE c;
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

struct mproc__thread {
  HANDLE h;
};

/* _beginthreadex, not CreateThread: the thread uses the C runtime. */
static int thread_start(HANDLE *out, void (*fn)(void *), void *arg) {
  *out = NULL;
  thread_start_t *st = malloc(sizeof *st);
  if (!st)
    return mproc__err(MPROC_E_NOMEM, "starting a thread");
  st->fn = fn;
  st->arg = arg;
  uintptr_t h = MPROC__FAIL(THREAD_CREATE)
                    ? 0
                    : _beginthreadex(NULL, 0, thread_main, st, 0, NULL);
  if (!h) {
    free(st);
    return mproc__err_os("starting a thread");
  }
  *out = (HANDLE)h;
  return 0;
}

int mproc__thread_start_detached(void (*fn)(void *), void *arg) {
  HANDLE h;
  int rc = thread_start(&h, fn, arg);
  if (rc == 0)
    CloseHandle(h);
  return rc;
}

int mproc__thread_start(mproc__thread_t **out, void (*fn)(void *), void *arg) {
  mproc__thread_t *t = malloc(sizeof *t);
  if (!t)
    return mproc__err(MPROC_E_NOMEM, "starting a thread");
  int rc = thread_start(&t->h, fn, arg);
  if (rc < 0) {
    free(t);
    return rc;
  }
  *out = t;
  return 0;
}

void mproc__thread_join(mproc__thread_t *t) {
  if (!t)
    return;
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
  free(t);
}

void mproc__thread_yield(void) {
  (void)SwitchToThread(); /* FALSE: nothing else was ready to run */
}

int mproc__mutex_create(mproc__mutex_t **out) {
  mproc__mutex_t *m = malloc(sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "creating a mutex");
  InitializeSRWLock(&m->l);
  *out = m;
  return 0;
}

void mproc__mutex_lock(mproc__mutex_t *m) {
  AcquireSRWLockExclusive(&m->l);
}

void mproc__mutex_unlock(mproc__mutex_t *m) {
  ReleaseSRWLockExclusive(&m->l);
}

void mproc__mutex_destroy(mproc__mutex_t *m) {
  free(m);
}

int mproc__cond_create(mproc__cond_t **out) {
  mproc__cond_t *c = malloc(sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "creating a condition variable");
  InitializeConditionVariable(&c->c);
  *out = c;
  return 0;
}

int mproc__cond_wait(mproc__cond_t *c, mproc__mutex_t *m, int64_t deadline_ns) {
  DWORD ms = INFINITE;
  if (deadline_ns != MPROC__NO_DEADLINE) {
    int64_t left = deadline_ns - mproc__now_ns();
    if (left <= 0)
      return MPROC_E_TIMEOUT;
    int64_t l = (left + 999999) / 1000000;
    ms = l >= (int64_t)INFINITE ? INFINITE - 1 : (DWORD)l;
  }
  if (!SleepConditionVariableSRW(&c->c, &m->l, ms, 0) &&
      GetLastError() == ERROR_TIMEOUT)
    return mproc__now_ns() >= deadline_ns ? MPROC_E_TIMEOUT : 0;
  return 0;
}

void mproc__cond_broadcast(mproc__cond_t *c) {
  WakeAllConditionVariable(&c->c);
}

void mproc__cond_destroy(mproc__cond_t *c) {
  free(c);
}
