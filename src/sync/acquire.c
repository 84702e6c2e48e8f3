/* SPDX-License-Identifier: MIT */
/*
 * mproc_acquire() / mproc_release(): one pair of calls over every object
 * that has CPython's acquire() and release(), so that code handed
 * "whichever lock" (as CPython code takes any object with those methods)
 * needs no dispatcher of its own.
 *
 * The dispatch reads the object header (object.h) and calls the type's own
 * function, which checks again: the second check costs one load and two
 * compares, and keeps each type's rules (and its error messages) in one
 * place. A proxy is asked its hosted type by name rather than through the
 * manager's private kinds, so this file depends on the public API only.
 */
#include "sync/sync.h"

#include <string.h>

/* The lock-like types a manager hosts (CPython's BaseManager registers
 * AcquirerProxy for exactly these). */
static bool proxy_acquirable(const void *obj) {
  static const char *const names[] = {"Lock", "RLock", "Semaphore",
                                      "BoundedSemaphore", "Condition"};
  const char *name = mproc_proxy_type_name(obj);
  for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0)
      return true;
  return false;
}

int mproc__acquirable(const void *obj, const char *method, const char *what) {
  mproc_object_t *o = mproc__object_check(obj, what);
  if (!o)
    return mproc__bad_object(obj);
  const char *name = mproc__type_of(o->type_id)->name;
  switch (o->type_id) {
  case MPROC__T_LOCK:
  case MPROC__T_RLOCK:
  case MPROC__T_SEMAPHORE:
  case MPROC__T_BOUNDED_SEMAPHORE:
  case MPROC__T_CONDITION:
    return 0;
  case MPROC__T_PROXY:
    if (proxy_acquirable(obj))
      return 0;
    name = mproc_proxy_type_name(obj);
    /* CPython's AutoProxy has no such method either: the same message. */
    return mproc__err(MPROC_E_TYPE,
                      "%s: 'AutoProxy[%s]' object has no attribute '%s'", what,
                      name ? name : "?", method);
  default:
    return mproc__err(MPROC_E_TYPE, "%s: '%s' object has no attribute '%s'",
                      what, name, method);
  }
}

int mproc_acquire(const void *obj, double timeout) {
  int rc = mproc__acquirable(obj, "acquire", __func__);
  if (rc < 0)
    return rc;
  /* The casts drop const: the object is shared state by nature, and
   * taking `const void *` lets callers pass what a value holds. */
  void *p = (void *)(uintptr_t)obj;
  switch (((const mproc_object_t *)obj)->type_id) {
  case MPROC__T_LOCK:
    return mproc_lock_acquire(p, timeout);
  case MPROC__T_RLOCK:
    return mproc_rlock_acquire(p, timeout);
  case MPROC__T_SEMAPHORE:
  case MPROC__T_BOUNDED_SEMAPHORE:
    return mproc_semaphore_acquire(p, timeout);
  case MPROC__T_CONDITION:
    return mproc_condition_acquire(p, timeout);
  default:
    return mproc_proxy_acquire(p, timeout);
  }
}

int mproc_release(const void *obj) {
  int rc = mproc__acquirable(obj, "release", __func__);
  if (rc < 0)
    return rc;
  void *p = (void *)(uintptr_t)obj;
  switch (((const mproc_object_t *)obj)->type_id) {
  case MPROC__T_LOCK:
    return mproc_lock_release(p);
  case MPROC__T_RLOCK:
    return mproc_rlock_release(p);
  case MPROC__T_SEMAPHORE:
  case MPROC__T_BOUNDED_SEMAPHORE:
    return mproc_semaphore_release(p);
  case MPROC__T_CONDITION:
    return mproc_condition_release(p);
  default:
    return mproc_proxy_release(p);
  }
}
