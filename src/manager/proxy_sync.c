/* SPDX-License-Identifier: MIT */
/*
 * What the manager's Condition and Barrier proxies add to their plain
 * calls (proxy.c): Condition.wait_for, which CPython's proxy runs in the
 * client, and a Barrier with an action, a default timeout and its state
 * (parties, n_waiting, broken), which CPython's manager holds in the
 * server's threading.Barrier.
 */
#include "manager/manager.h"

#include <math.h>
#include <string.h>

#define KM_COND (1 << K_CONDITION)
#define KM_BARRIER (1 << K_BARRIER)

/*
 * CPython's Condition.wait_for, which the manager's proxy inherits: the
 * predicate runs here, in the caller, between waits in the server, each
 * wait given what remains of the timeout. Run in the server instead, it
 * would need the predicate's code there, which a C function pointer from
 * another process cannot be.
 */
int mproc_proxy_condition_wait_for(mproc_proxy_t *p, mproc_predicate_fn pred,
                                   void *arg, double timeout) {
  static const char what[] = "mproc_proxy_condition_wait_for";
  if (!mproc__proxy_ok(p, what))
    return p ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!pred)
    return mproc__err(MPROC_E_INVAL, "%s: NULL predicate", what);
  if (p->kind != K_CONDITION)
    return mproc__err(MPROC_E_TYPE, "%s: a %s proxy, not a Condition", what,
                      mproc__kind_names[p->kind]);
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  while (!pred(arg)) {
    double wait = MPROC_FOREVER;
    if (deadline != MPROC__NO_DEADLINE) {
      int64_t left = deadline - mproc__now_ns();
      if (left <= 0)
        return mproc__err(MPROC_E_TIMEOUT,
                          "the predicate was still false when the timeout "
                          "passed");
      wait = (double)left / 1e9;
    }
    rc = mproc__proxy_call(p, what, KM_COND, M_COND_WAIT, wait, NULL, 0, NULL,
                           NULL);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      return rc;
  }
  return 0;
}

/* Whether @p v holds no object, however deep (not past 64 levels). */
static bool plain(const mproc_value_t *v, int depth) {
  if (depth > 64)
    return false;
  switch (v->type) {
  case MPROC_VALUE_OBJECT:
    return false;
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
    for (size_t i = 0; i < v->u.seq.n; i++)
      if (!plain(&v->u.seq.items[i], depth + 1))
        return false;
    return true;
  case MPROC_VALUE_DICT:
    for (size_t i = 0; i < 2 * v->u.dict.n; i++)
      if (!plain(&v->u.dict.items[i], depth + 1))
        return false;
    return true;
  default:
    return true;
  }
}

int mproc_manager_barrier_ex(mproc_manager_t *m, unsigned int parties,
                             const mproc_barrier_options_t *opts,
                             mproc_proxy_t **out) {
  static const char what[] = "mproc_manager_barrier_ex";
  mproc_barrier_options_t none;
  if (out)
    *out = NULL;
  if (!opts) {
    memset(&none, 0, sizeof none);
    opts = &none;
  }
  if (parties == 0)
    return mproc__err(MPROC_E_VALUE, "a barrier needs at least one party");
  if (!(opts->timeout >= 0) || isinf(opts->timeout))
    return mproc__err(MPROC_E_INVAL,
                      "%s: a default timeout must be 0 (none) "
                      "or positive seconds",
                      what);
  if (opts->action_nargs && !opts->action_args)
    return mproc__err(MPROC_E_INVAL, "%s: NULL action_args", what);
  if (opts->action_nargs && !opts->action)
    return mproc__err(MPROC_E_INVAL, "%s: action_args without an action", what);
  const char *name = NULL;
  if (opts->action && !(name = mproc__registry_name(opts->action)))
    return mproc__err(MPROC_E_INVAL,
                      "%s: the Barrier action is not registered: call "
                      "mproc_register() for it before mproc_boot()",
                      what);
  /* The arguments are encoded once here and decoded for each run in the
   * server: plain values only, as a local Barrier's (an object's
   * reduction, a proxy's included, is redeemed once). */
  for (size_t i = 0; i < opts->action_nargs; i++)
    if (!plain(&opts->action_args[i], 0))
      return mproc__err(MPROC_E_TYPE,
                        "a Barrier action's arguments cannot hold objects "
                        "(give them to the parties instead)");
  void *enc = NULL;
  size_t elen = 0;
  int rc = 0;
  if (opts->action_nargs &&
      (rc = mproc_encode(opts->action_args, opts->action_nargs, &enc, &elen)) <
          0)
    return rc;
  if (elen > MPROC_BARRIER_ARGS_MAX) {
    mproc_free(enc);
    return mproc__err(MPROC_E_TOOBIG,
                      "the Barrier action's arguments take %zu bytes "
                      "(at most %d)",
                      elen, MPROC_BARRIER_ARGS_MAX);
  }
  mproc_value_t spec[3] = {name ? mproc_str(name) : mproc_none(),
                           mproc_bytes(enc, elen), mproc_double(opts->timeout)};
  mproc_value_t l = mproc_list(spec, 3);
  rc = mproc__manager_create(m, what, K_BARRIER, parties, NULL, &l, out);
  mproc_free(enc);
  return rc;
}

/* The Barrier's state, as one reply carries it. */
typedef struct {
  int64_t parties, waiting;
  bool broken;
  double timeout; /* the default, 0 when it has none */
} barrier_state_t;

static int barrier_state(mproc_proxy_t *p, const char *what,
                         barrier_state_t *st) {
  mproc_value_t *res = NULL;
  size_t nres = 0;
  *st = (barrier_state_t){0, 0, false, 0};
  int rc = mproc__proxy_call(p, what, KM_BARRIER, M_BARRIER_STATE, 0, NULL, 0,
                             &res, &nres);
  if (rc < 0)
    return rc;
  if (nres < 4 || mproc_value_as_int(&res[0], &st->parties) != 0 ||
      mproc_value_as_int(&res[1], &st->waiting) != 0 ||
      mproc_value_as_bool(&res[2], &st->broken) != 0 ||
      mproc_value_as_double(&res[3], &st->timeout) != 0)
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  return rc;
}

int mproc_proxy_barrier_parties(mproc_proxy_t *p) {
  barrier_state_t st;
  int rc = barrier_state(p, "mproc_proxy_barrier_parties", &st);
  return rc < 0 ? rc : (int)st.parties;
}

int mproc_proxy_barrier_n_waiting(mproc_proxy_t *p) {
  barrier_state_t st;
  int rc = barrier_state(p, "mproc_proxy_barrier_n_waiting", &st);
  return rc < 0 ? rc : (int)st.waiting;
}

int mproc_proxy_barrier_broken(mproc_proxy_t *p) {
  barrier_state_t st;
  int rc = barrier_state(p, "mproc_proxy_barrier_broken", &st);
  return rc < 0 ? rc : (st.broken ? 1 : 0);
}

/* For mproc_proxy_barrier_wait() given MPROC_DEFAULT_TIMEOUT (proxy.c):
 * the Barrier's default, MPROC_FOREVER when it has none. */
int mproc__proxy_barrier_default_timeout(mproc_proxy_t *p, double *out) {
  barrier_state_t st;
  if (mproc__proxy_ok(p, "mproc_proxy_barrier_wait") &&
      p->wire->protocol == MPROC_MANAGER_PROTOCOL_CPYTHON) {
    /* BarrierProxy.wait(None) waits for the Barrier's own default. */
    *out = MPROC_FOREVER;
    return 0;
  }
  int rc = barrier_state(p, "mproc_proxy_barrier_wait", &st);
  if (rc == 0)
    *out = st.timeout > 0 ? st.timeout : MPROC_FOREVER;
  return rc;
}
