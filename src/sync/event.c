/* SPDX-License-Identifier: MIT */
/*
 * Event: one word in its own region, (generation << 1) | flag; set bumps
 * the generation, so a waiter knows a set happened even if a clear
 * followed. Waiters sleep on the word through the park (internal.h).
 */
#include "sync/sync.h"

#include <stdlib.h>

typedef struct event_shared {
  volatile uint32_t word; /* (generation << 1) | flag */
  volatile uint32_t nwaiters;
  volatile uint32_t park;
} event_shared_t;

struct mproc_event {
  mproc__robj_t o;
};

/* Spins before sleeping (see semlock.c). */
#define SPIN_COUNT 100

#define EV_SH(e) ((event_shared_t *)(e)->o.addr)
#define EVENT_GET(p)                                                           \
  ((mproc_event_t *)mproc__robj_get(p, MPROC__T_EVENT, __func__))

int mproc_event_create(mproc_event_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  mproc_event_t *e = calloc(1, sizeof *e);
  if (!e)
    return mproc__err(MPROC_E_NOMEM, "allocating an Event");
  int rc = mproc__robj_init(&e->o, MPROC__T_EVENT, sizeof(event_shared_t),
                            offsetof(event_shared_t, park));
  if (rc < 0) {
    free(e);
    return rc;
  }
  *out = e;
  return 0;
}

int mproc_event_set(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return mproc__bad_object(e);
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  do {
    if (w & 1)
      return 0;
  } while (!mproc__cas32(&sh->word, &w, (w + 2) | 1));
  /* The word changed before this load of nwaiters, and a waiter registers
   * before its last look at the word: one of the two sees the other. */
  if (mproc__load32(&sh->nwaiters) > 0)
    mproc__park_wake(e->o.pk, &sh->word, INT32_MAX);
  return 0;
}

int mproc_event_clear(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return mproc__bad_object(e);
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  while ((w & 1) && !mproc__cas32(&sh->word, &w, w & ~1u)) {
  }
  return 0;
}

int mproc_event_is_set(mproc_event_t *e) {
  if (!EVENT_GET(e))
    return mproc__bad_object(e);
  return (int)(mproc__load32(&EV_SH(e)->word) & 1);
}

int mproc_event_wait(mproc_event_t *e, double timeout) {
  if (!EVENT_GET(e))
    return mproc__bad_object(e);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  event_shared_t *sh = EV_SH(e);
  uint32_t w = mproc__load32(&sh->word);
  if (w & 1)
    return 0;
  /* A short spin before sleeping, as the Lock family's: a set from a
   * process running on another core often comes within it, and sleeping
   * and waking cost two system calls and a context switch. */
  for (int i = 0; i < SPIN_COUNT && timeout != 0; i++) {
    mproc__cpu_relax();
    uint32_t now = mproc__load32(&sh->word);
    if ((now & 1) || (now >> 1) != (w >> 1))
      return 0;
  }
  mproc__fetch_add32(&sh->nwaiters, 1);
  for (;;) {
    uint32_t now = mproc__load32(&sh->word);
    if ((now & 1) || (now >> 1) != (w >> 1)) {
      rc = 0; /* set, or set and cleared again since the wait began */
      break;
    }
    if (rc == MPROC_E_TIMEOUT)
      break;
    rc = mproc__park_wait(e->o.pk, &sh->word, now, deadline);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      break;
    /* After a timeout, one more look at the word (above). */
  }
  mproc__fetch_add32(&sh->nwaiters, (uint32_t)-1);
  if (rc == MPROC_E_TIMEOUT)
    return mproc__err(MPROC_E_TIMEOUT, "timed out");
  return rc;
}

void mproc_event_destroy(mproc_event_t *e) {
  if (e && EVENT_GET(e)) {
    mproc__robj_fini(&e->o);
    free(e);
  }
}

static int event_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                        mproc__wbuf_t *b) {
  return mproc__robj_reduce((mproc__robj_t *)o, ctx, b);
}

static int event_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                         mproc_object_t **out) {
  mproc__robj_t *o;
  int rc =
      mproc__robj_rebuild(sizeof(mproc_event_t), id, r, sizeof(event_shared_t),
                          offsetof(event_shared_t, park), &o);
  if (rc == 0)
    *out = &o->base;
  return rc;
}

static void event_destroy(mproc_object_t *o) {
  mproc_event_destroy((mproc_event_t *)o);
}

const mproc__type_t mproc__event_type = {"Event", true, event_reduce,
                                         event_rebuild, event_destroy};

int mproc_value_as_event(const mproc_value_t *v, mproc_event_t **out) {
  return mproc__value_robj(v, (void **)out, MPROC__T_EVENT, __func__);
}
