/* SPDX-License-Identifier: MIT */
/*
 * POSIX threads, mutexes and condition variables for the manager's server.
 * The condition variable waits on CLOCK_MONOTONIC, the clock of
 * mproc__now_ns(), so a wall-clock step never stretches a timeout.
 */
#define _GNU_SOURCE
#include "fault.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

struct mproc__mutex {
  pthread_mutex_t m;
};

struct mproc__cond {
  pthread_cond_t c;
};

typedef struct thread_start {
  void (*fn)(void *);
  void *arg;
} thread_start_t;

static void *thread_main(void *p) {
  thread_start_t st = *(thread_start_t *)p;
  free(p);
  st.fn(st.arg);
  return NULL;
}

struct mproc__thread {
  pthread_t t;
};

static int thread_start(pthread_t *t, bool detached, void (*fn)(void *),
                        void *arg) {
  thread_start_t *st = malloc(sizeof *st);
  if (!st)
    return mproc__err(MPROC_E_NOMEM, "starting a thread");
  st->fn = fn;
  st->arg = arg;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (detached)
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int e = MPROC__FAIL(THREAD_CREATE)
              ? errno
              : pthread_create(t, &attr, thread_main, st);
  pthread_attr_destroy(&attr);
  if (e != 0) {
    free(st);
    return mproc__err_os_code(e, "pthread_create");
  }
  return 0;
}

int mproc__thread_start_detached(void (*fn)(void *), void *arg) {
  pthread_t t;
  return thread_start(&t, true, fn, arg);
}

int mproc__thread_start(mproc__thread_t **out, void (*fn)(void *), void *arg) {
  mproc__thread_t *t = malloc(sizeof *t);
  if (!t)
    return mproc__err(MPROC_E_NOMEM, "starting a thread");
  int rc = thread_start(&t->t, false, fn, arg);
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
  pthread_join(t->t, NULL);
  free(t);
}

void mproc__thread_yield(void) {
  (void)sched_yield(); /* fails only where it is not implemented */
}

int mproc__mutex_create(mproc__mutex_t **out) {
  mproc__mutex_t *m = malloc(sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "creating a mutex");
  int e = MPROC__FAIL(MUTEX_INIT) ? errno : pthread_mutex_init(&m->m, NULL);
  if (e != 0) {
    free(m);
    return mproc__err_os_code(e, "pthread_mutex_init");
  }
  *out = m;
  return 0;
}

void mproc__mutex_lock(mproc__mutex_t *m) {
  pthread_mutex_lock(&m->m);
}

void mproc__mutex_unlock(mproc__mutex_t *m) {
  pthread_mutex_unlock(&m->m);
}

void mproc__mutex_destroy(mproc__mutex_t *m) {
  if (!m)
    return;
  pthread_mutex_destroy(&m->m);
  free(m);
}

int mproc__cond_create(mproc__cond_t **out) {
  mproc__cond_t *c = malloc(sizeof *c);
  if (!c)
    return mproc__err(MPROC_E_NOMEM, "creating a condition variable");
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  int e = MPROC__FAIL(MUTEX_INIT) ? errno : pthread_cond_init(&c->c, &attr);
  pthread_condattr_destroy(&attr);
  if (e != 0) {
    free(c);
    return mproc__err_os_code(e, "pthread_cond_init");
  }
  *out = c;
  return 0;
}

int mproc__cond_wait(mproc__cond_t *c, mproc__mutex_t *m, int64_t deadline_ns) {
  if (deadline_ns == MPROC__NO_DEADLINE) {
    pthread_cond_wait(&c->c, &m->m);
    return 0;
  }
  if (mproc__now_ns() >= deadline_ns)
    return MPROC_E_TIMEOUT;
  struct timespec ts;
  ts.tv_sec = (time_t)(deadline_ns / 1000000000);
  ts.tv_nsec = (long)(deadline_ns % 1000000000);
  int e = pthread_cond_timedwait(&c->c, &m->m, &ts);
  return e == ETIMEDOUT ? MPROC_E_TIMEOUT : 0;
}

void mproc__cond_broadcast(mproc__cond_t *c) {
  pthread_cond_broadcast(&c->c);
}

void mproc__cond_destroy(mproc__cond_t *c) {
  if (!c)
    return;
  pthread_cond_destroy(&c->c);
  free(c);
}
