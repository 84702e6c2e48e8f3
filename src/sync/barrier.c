/* SPDX-License-Identifier: MIT */
/*
 * Barrier: a small internal mutex, a generation word to sleep on, and
 * per-generation outcomes (passed or broken), in a region of its own.
 */
#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

/*
 * State changes happen under a small internal mutex (three-state futex
 * mutex, Drepper's "mutex 2"), held only for a few instructions: never
 * while sleeping and never while the action runs. Waiters sleep on `gen`,
 * which is bumped once per generation, whether it ended by passing or by
 * breaking (abort, reset, timeout, failed action); `broken_bits` keeps the
 * outcome of the last 32 generations, so a waiter that wakes late reads the
 * outcome of its own generation, not of a later one.
 */
#define ACTION_NAME_MAX 128

/*
 * The action's arguments and the default timeout live in the region, not
 * in the process's struct: the last party, which runs the action, may be
 * a spawned child that got only the region. The arguments are stored
 * encoded (mproc_encode()) right after this header, so a child decodes its
 * own copy for each run; a function pointer and a void * (the fork-only
 * shape) would mean nothing in a spawned child.
 */
typedef struct barrier_shared {
  volatile uint32_t mutex; /* 0 free, 1 held, 2 held with waiters */
  volatile uint32_t gen;
  volatile uint32_t broken_bits;
  volatile uint32_t broken; /* broken until reset */
  volatile uint32_t arrived;
  volatile uint32_t park;
  uint32_t parties;
  uint32_t args_len;            /* bytes of encoded arguments; 0: none */
  double timeout;               /* for MPROC_DEFAULT_TIMEOUT waits */
  char action[ACTION_NAME_MAX]; /* registered name, or "" */
} barrier_shared_t;

#define ARGS_AT(sh) ((const uint8_t *)(sh) + sizeof(barrier_shared_t))

struct mproc_barrier {
  mproc__robj_t o;
};

#define BA_SH(b) ((barrier_shared_t *)(b)->o.addr)
#define BARRIER_GET(p)                                                         \
  ((mproc_barrier_t *)mproc__robj_get(p, MPROC__T_BARRIER, __func__))

static void mtx_lock(mproc_barrier_t *b) {
  volatile uint32_t *m = &BA_SH(b)->mutex;
  uint32_t v = 0;
  if (mproc__cas32(m, &v, 1))
    return;
  if (v != 2)
    v = mproc__xchg32(m, 2);
  while (v != 0) {
    mproc__park_wait(b->o.pk, m, 2, MPROC__NO_DEADLINE);
    v = mproc__xchg32(m, 2);
  }
}

static void mtx_unlock(mproc_barrier_t *b) {
  volatile uint32_t *m = &BA_SH(b)->mutex;
  if (mproc__xchg32(m, 0) == 2)
    mproc__park_wake(b->o.pk, m, 1);
}

/* Ends generation @p g (under the mutex): passed or broken. */
static void end_generation(mproc_barrier_t *b, uint32_t g, bool broken) {
  barrier_shared_t *sh = BA_SH(b);
  uint32_t bit = 1u << (g % 32);
  uint32_t bits = mproc__load32(&sh->broken_bits);
  mproc__store32(&sh->broken_bits, broken ? bits | bit : bits & ~bit);
  mproc__store32(&sh->arrived, 0);
  mproc__store32(&sh->gen, g + 1);
  mproc__park_wake(b->o.pk, &sh->gen, INT32_MAX);
}

/* Whether the action's arguments can be decoded anew by any process, in
 * any generation: no object at any depth (a Lock is inherit-only, and a
 * proxy or a connection reduced once is redeemed once). */
static int args_plain(const mproc_value_t *v, size_t n, int depth) {
  if (depth > 64)
    return mproc__err(MPROC_E_TOOBIG,
                      "the Barrier action's arguments nest too deep");
  for (size_t i = 0; i < n; i++) {
    int rc = 0;
    switch (v[i].type) {
    case MPROC_VALUE_OBJECT:
      return mproc__err(
          MPROC_E_TYPE,
          "a Barrier action's arguments cannot hold objects "
          "(argument %zu is a %s): give them to each process "
          "as its arguments instead",
          i, v[i].u.obj ? mproc_object_type_name(v[i].u.obj) : "NULL object");
    case MPROC_VALUE_TUPLE:
    case MPROC_VALUE_LIST:
      rc = args_plain(v[i].u.seq.items, v[i].u.seq.n, depth + 1);
      break;
    case MPROC_VALUE_DICT:
      rc = v[i].u.dict.n > SIZE_MAX / 2
               ? mproc__err(MPROC_E_TOOBIG, "a dict of %zu entries",
                            v[i].u.dict.n)
               : args_plain(v[i].u.dict.items, 2 * v[i].u.dict.n, depth + 1);
      break;
    default:
      break;
    }
    if (rc < 0)
      return rc;
  }
  return 0;
}

int mproc_barrier_create_ex(mproc_barrier_t **out, unsigned int parties,
                            const mproc_barrier_options_t *opts) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  mproc_barrier_options_t none = {0};
  if (!opts)
    opts = &none;
  if (parties == 0 || parties > 0xffffu)
    return mproc__err(MPROC_E_VALUE,
                      "a Barrier needs 1 to 65535 parties, not %u", parties);
  /* `!(t >= 0)` also catches NaN. */
  if (!(opts->timeout >= 0))
    return mproc__err(MPROC_E_INVAL,
                      "%s: the default timeout must be 0 (none) or more",
                      __func__);
  if (opts->action_nargs && !opts->action_args)
    return mproc__err(MPROC_E_INVAL, "%s: NULL action_args", __func__);
  if (opts->action_nargs && !opts->action)
    return mproc__err(MPROC_E_INVAL, "%s: action_args without an action",
                      __func__);
  const char *name = "";
  if (opts->action) {
    name = mproc__registry_name(opts->action);
    if (!name)
      return mproc__err(MPROC_E_NOTFOUND,
                        "the Barrier action is not registered: call "
                        "mproc_register() before mproc_boot()");
    if (strlen(name) >= ACTION_NAME_MAX)
      return mproc__err(MPROC_E_TOOBIG, "the action's name is too long");
  }
  void *args = NULL;
  size_t args_len = 0;
  if (opts->action_nargs) {
    int rc = args_plain(opts->action_args, opts->action_nargs, 0);
    if (rc < 0)
      return rc;
    rc = mproc_encode(opts->action_args, opts->action_nargs, &args, &args_len);
    if (rc < 0)
      return rc;
    if (args_len > MPROC_BARRIER_ARGS_MAX) {
      mproc_free(args);
      return mproc__err(MPROC_E_TOOBIG,
                        "the Barrier action's arguments take %zu bytes "
                        "encoded (at most %d)",
                        args_len, MPROC_BARRIER_ARGS_MAX);
    }
  }
  mproc_barrier_t *b = calloc(1, sizeof *b);
  if (!b) {
    mproc_free(args);
    return mproc__err(MPROC_E_NOMEM, "allocating a Barrier");
  }
  int rc = mproc__robj_init(&b->o, MPROC__T_BARRIER,
                            sizeof(barrier_shared_t) + args_len,
                            offsetof(barrier_shared_t, park));
  if (rc < 0) {
    mproc_free(args);
    free(b);
    return rc;
  }
  barrier_shared_t *sh = BA_SH(b);
  sh->parties = parties;
  sh->timeout = opts->timeout > 0 ? opts->timeout : MPROC_FOREVER;
  sh->args_len = (uint32_t)args_len;
  if (args_len)
    memcpy((uint8_t *)sh + sizeof(barrier_shared_t), args, args_len);
  mproc_free(args);
  memcpy(sh->action, name, strlen(name) + 1);
  *out = b;
  return 0;
}

int mproc_barrier_create(mproc_barrier_t **out, unsigned int parties,
                         mproc_fn action) {
  mproc_barrier_options_t opts = {0};
  opts.action = action;
  return mproc_barrier_create_ex(out, parties, &opts);
}

/* Runs the action (registered as @p name) with its arguments, decoded from
 * the region into this process, and returns its result; when it could not
 * be run, returns nonzero with *@p why saying why (else *why is NULL). The
 * arguments are copied out first: the decoder must not read bytes that
 * another process could change under it. */
static int run_action(mproc_barrier_t *b, const char *name, const char **why) {
  *why = NULL;
  mproc_fn fn = mproc__registry_fn(name);
  if (!fn) {
    *why = "is not registered in this process";
    return 1;
  }
  barrier_shared_t *sh = BA_SH(b);
  size_t len = sh->args_len;
  if (len == 0)
    return fn(NULL, 0);
  *why = "has malformed arguments";
  if (len > b->o.size - sizeof(barrier_shared_t))
    return 1;
  uint8_t *copy = malloc(len);
  if (!copy) {
    *why = "could not be given its arguments (out of memory)";
    return 1;
  }
  memcpy(copy, ARGS_AT(sh), len);
  mproc_value_t *vals = NULL;
  size_t n = 0;
  int rc = mproc_decode(copy, len, &vals, &n);
  free(copy);
  if (rc < 0)
    return 1;
  *why = NULL;
  rc = fn(vals, n);
  mproc_values_free(vals, n);
  return rc;
}

static int broken_error(void) {
  return mproc__err(MPROC_E_BROKEN, "the Barrier is broken");
}

int mproc_barrier_wait(mproc_barrier_t *b, double timeout,
                       unsigned int *index) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  barrier_shared_t *sh = BA_SH(b);
  if (timeout == MPROC_DEFAULT_TIMEOUT)
    timeout = sh->timeout; /* checked below, like the caller's */
  int64_t deadline;
  int rc = mproc__deadline(timeout, &deadline);
  if (rc < 0)
    return rc;
  mtx_lock(b);
  if (mproc__load32(&sh->broken)) {
    mtx_unlock(b);
    return broken_error();
  }
  uint32_t g = mproc__load32(&sh->gen);
  uint32_t idx = mproc__load32(&sh->arrived);
  mproc__store32(&sh->arrived, idx + 1);
  if (idx + 1 == sh->parties) {
    /* The last party: run the action (unlocked: it may take long, and
     * nobody can pass meanwhile), then release everyone. */
    int arc = 0;
    const char *why = NULL;
    if (sh->action[0]) {
      char name[ACTION_NAME_MAX];
      memcpy(name, sh->action, sizeof name);
      name[sizeof name - 1] = '\0';
      mtx_unlock(b);
      arc = run_action(b, name, &why);
      mtx_lock(b);
    }
    if (mproc__load32(&sh->gen) != g) {
      mtx_unlock(b); /* aborted or reset while the action ran */
      return broken_error();
    }
    if (arc != 0) {
      mproc__store32(&sh->broken, 1);
      end_generation(b, g, true);
      mtx_unlock(b);
      if (why)
        return mproc__err(MPROC_E_BROKEN, "the Barrier action %s", why);
      return mproc__err(MPROC_E_BROKEN, "the Barrier action failed (%d)", arc);
    }
    end_generation(b, g, false);
    mtx_unlock(b);
    if (index)
      *index = idx;
    return 0;
  }
  mtx_unlock(b);
  rc = 0;
  while (mproc__load32(&sh->gen) == g) {
    if (rc == MPROC_E_TIMEOUT) {
      mtx_lock(b);
      bool mine = mproc__load32(&sh->gen) == g;
      if (mine) {
        mproc__store32(&sh->broken, 1);
        end_generation(b, g, true);
      }
      mtx_unlock(b);
      if (mine)
        return mproc__err(MPROC_E_TIMEOUT,
                          "timed out; the Barrier is now broken");
      break; /* the generation ended meanwhile: its outcome decides */
    }
    rc = mproc__park_wait(b->o.pk, &sh->gen, g, deadline);
    if (rc < 0 && rc != MPROC_E_TIMEOUT)
      rc = MPROC_E_TIMEOUT; /* an OS failure: break rather than hang */
  }
  if (mproc__load32(&sh->broken_bits) & (1u << (g % 32)))
    return broken_error();
  if (index)
    *index = idx;
  return 0;
}

int mproc_barrier_abort(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  barrier_shared_t *sh = BA_SH(b);
  mtx_lock(b);
  if (!mproc__load32(&sh->broken)) {
    mproc__store32(&sh->broken, 1);
    end_generation(b, mproc__load32(&sh->gen), true);
  }
  mtx_unlock(b);
  return 0;
}

int mproc_barrier_reset(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  barrier_shared_t *sh = BA_SH(b);
  mtx_lock(b);
  if (mproc__load32(&sh->arrived) > 0 && !mproc__load32(&sh->broken))
    end_generation(b, mproc__load32(&sh->gen), true);
  mproc__store32(&sh->broken, 0);
  mtx_unlock(b);
  return 0;
}

int mproc_barrier_parties(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  return (int)BA_SH(b)->parties;
}

int mproc_barrier_n_waiting(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  return (int)mproc__load32(&BA_SH(b)->arrived);
}

int mproc_barrier_broken(mproc_barrier_t *b) {
  if (!BARRIER_GET(b))
    return mproc__bad_object(b);
  return mproc__load32(&BA_SH(b)->broken) ? 1 : 0;
}

void mproc_barrier_destroy(mproc_barrier_t *b) {
  if (b && BARRIER_GET(b)) {
    mproc__robj_fini(&b->o);
    free(b);
  }
}

static int barrier_reduce(mproc_object_t *o, mproc__spawn_ctx_t *ctx,
                          mproc__wbuf_t *b) {
  return mproc__robj_reduce((mproc__robj_t *)o, ctx, b);
}

static int barrier_rebuild(mproc__type_id_t id, mproc__rbuf_t *r,
                           mproc_object_t **out) {
  mproc__robj_t *o;
  int rc = mproc__robj_rebuild(sizeof(mproc_barrier_t), id, r,
                               sizeof(barrier_shared_t),
                               offsetof(barrier_shared_t, park), &o);
  if (rc == 0)
    *out = &o->base;
  return rc;
}

static void barrier_destroy(mproc_object_t *o) {
  mproc_barrier_destroy((mproc_barrier_t *)o);
}

const mproc__type_t mproc__barrier_type = {"Barrier", true, barrier_reduce,
                                           barrier_rebuild, barrier_destroy};

int mproc_value_as_barrier(const mproc_value_t *v, mproc_barrier_t **out) {
  return mproc__value_robj(v, (void **)out, MPROC__T_BARRIER, __func__);
}
