/* SPDX-License-Identifier: MIT */
/*
 * Managers: a server process hosting objects (server.c), and the proxies
 * that reach them from anywhere (proxy.c, through client.c). This file is
 * the manager itself: starting its server or connecting to one, creating
 * hosted objects, and shutting down.
 */
#include "manager/manager.h"

#include <stdlib.h>
#include <string.h>

const char *const mproc__kind_names[K_MAX] = {
    NULL,        "Lock",    "RLock",   "Semaphore", "BoundedSemaphore",
    "Condition", "Event",   "Barrier", "Queue",     "JoinableQueue",
    "Value",     "dict",    "list",    "Namespace", "Array",
    "user type", "Iterator"};

static bool manager_ok(const mproc_manager_t *m, const char *what) {
  if (!m) {
    mproc__err(MPROC_E_INVAL, "%s: NULL manager", what);
    return false;
  }
  if (m->magic != MANAGER_MAGIC) {
    mproc__err(MPROC_E_TYPE, "%s: not a live manager", what);
    return false;
  }
  return true;
}

static int key_check(const void *key, size_t keylen) {
  if (!key || keylen == 0 || keylen > MPROC_AUTHKEY_MAX)
    return mproc__err(MPROC_E_INVAL, "an auth key must have 1 to %d bytes",
                      MPROC_AUTHKEY_MAX);
  return 0;
}

/* Asks the server to stop; *sent tells whether the request went out (a
 * server that never got it will not exit on its own). */
static int manager_stop(mproc_manager_t *m, bool *sent) {
  mproc__net_t *c = NULL;
  *sent = false;
  mproc__request_t rq = mproc__mrequest(OP_SHUTDOWN, 0, NULL, 0);
  int rc = mproc__mclient_open(m->address, m->key, m->keylen, &c);
  if (rc == 0) {
    rc = mproc__mclient_send(c, m->wire, 0, &rq);
    if (rc == 0) {
      *sent = true;
      rc = mproc__mclient_recv(c, m->wire, 0, &rq, NULL, NULL);
    }
    mproc__net_close(c);
  }
  return rc;
}

/* Stops and reaps the server this process started; 0 or the stop's error. */
static int manager_end_server(mproc_manager_t *m) {
  int rc = 0;
  if (m->owner) {
    bool sent = true;
    /* A server that has exited already (mproc_manager_join() saw it) is
     * only reaped. */
    if (mproc_process_is_alive(m->server) != 0)
      rc = manager_stop(m, &sent);
    /* A server that never got the request (no connection, a failed
     * handshake or send) does not exit on its own: it is killed at once,
     * not after the 10 s a stopping server is given. */
    if (mproc_process_join(m->server, sent ? 10.0 : 0.0) != 0) {
      mproc_process_kill(m->server);
      mproc_process_join(m->server, MPROC_FOREVER);
    }
    mproc_process_destroy(m->server);
    m->server = NULL;
    mproc__address_cleanup(m->address);
    m->owner = false;
  }
  return rc;
}

static void manager_at_exit(void *arg) {
  manager_end_server(arg);
}

int mproc_manager_start(mproc_manager_t **out,
                        const mproc_manager_options_t *opts) {
  return mproc_manager_start_with(out, opts, NULL);
}

int mproc_manager_start_with(mproc_manager_t **out,
                             const mproc_manager_options_t *opts,
                             const mproc_manager_setup_t *setup) {
  mproc_semaphore_t *ready = NULL;
  mproc_manager_t *m = NULL;
  mproc_value_t *names = NULL;
  size_t nnames = 0;
  const char *init = NULL;
  int rc;
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", __func__);
  *out = NULL;
  if (opts && opts->authkey &&
      (rc = key_check(opts->authkey, opts->authkey_len)) < 0)
    return rc;
  if (setup && setup->initializer &&
      !(init = mproc__registry_name(setup->initializer)))
    return mproc__err(MPROC_E_INVAL,
                      "%s: the initializer must be registered "
                      "(mproc_register()): a spawned server finds it by name",
                      __func__);
  if (setup && setup->ninitargs && !setup->initargs)
    return mproc__err(MPROC_E_INVAL, "%s: ninitargs %zu with NULL initargs",
                      __func__, setup->ninitargs);
  if (setup && (rc = mproc__names_encode(setup->shared, setup->nshared, &names,
                                         &nnames)) < 0)
    return rc;
  if ((rc = mproc__authkey_ensure()) < 0)
    return rc;
  m = calloc(1, sizeof *m);
  if (!m) {
    free(names);
    return mproc__err(MPROC_E_NOMEM, "allocating a manager");
  }
  m->magic = MANAGER_MAGIC;
  m->owner = true;
  m->wire = &mproc__cwire_native;
  if (opts && opts->authkey) {
    memcpy(m->key, opts->authkey, opts->authkey_len);
    m->keylen = opts->authkey_len;
  } else {
    memcpy(m->key, mproc__authkey_get(), MPROC_AUTHKEY_LEN);
    m->keylen = MPROC_AUTHKEY_LEN;
  }
  if (opts && opts->address) {
    if (strlen(opts->address) >= sizeof m->address) {
      rc = mproc__err(MPROC_E_TOOBIG, "address too long");
      goto fail;
    }
    strcpy(m->address, opts->address);
    const char *colon = strrchr(m->address, ':');
    if (colon && strcmp(colon, ":0") == 0 &&
        (rc = mproc__tcp_pick_port(m->address, sizeof m->address)) < 0)
      goto fail;
  } else if ((rc = mproc__local_address(m->address, sizeof m->address)) < 0) {
    goto fail;
  }
  if ((rc = mproc_semaphore_create(&ready, 0)) < 0)
    goto fail;
  mproc_value_t args[6] = {
      mproc_str(m->address),
      mproc_bytes(m->key, m->keylen),
      mproc_obj(ready),
      mproc_list(names, nnames),
      init ? mproc_str(init) : mproc_none(),
      mproc_list(setup ? setup->initargs : NULL, setup ? setup->ninitargs : 0)};
  mproc_process_options_t po = {.start_method = opts ? opts->start_method
                                                     : MPROC_START_DEFAULT,
                                .daemon = true};
  if ((rc = mproc_process_start(&m->server, mproc__manager_server_main, args, 6,
                                &po)) < 0)
    goto fail;
  /* Waits for the server to listen, watching that it is still alive (and
   * giving up after a minute, however slow the machine). */
  int64_t give_up = mproc__now_ns() + (int64_t)60 * 1000000000;
  for (;;) {
    rc = mproc_semaphore_acquire(ready, 0.05);
    if (rc == 0)
      break;
    if (rc != MPROC_E_TIMEOUT)
      goto fail;
    if (mproc__now_ns() > give_up) {
      rc = mproc__err(MPROC_E_SPAWN,
                      "the manager's server did not listen on %s within a "
                      "minute",
                      m->address);
      goto fail;
    }
    if (mproc_process_is_alive(m->server) == 0) {
      int code = -1;
      mproc_process_exitcode(m->server, &code);
      rc = mproc__err(MPROC_E_SPAWN,
                      "the manager's server exited with code %d before "
                      "listening on %s",
                      code, m->address);
      goto fail;
    }
  }
  mproc_semaphore_destroy(ready);
  free(names);
  mproc__exit_hook_add(&m->at_exit, manager_at_exit, m);
  *out = m;
  return 0;
fail:
  free(names);
  if (m->server) {
    mproc_process_kill(m->server);
    mproc_process_join(m->server, MPROC_FOREVER);
    mproc_process_destroy(m->server);
  }
  mproc_semaphore_destroy(ready);
  if (!(opts && opts->address))
    mproc__address_cleanup(m->address);
  free(m);
  return rc;
}

int mproc_manager_connect(mproc_manager_t **out, const char *address,
                          const void *authkey, size_t keylen) {
  if (!out || !address)
    return mproc__err(MPROC_E_INVAL, "%s: NULL argument", __func__);
  *out = NULL;
  int rc = key_check(authkey, keylen);
  if (rc < 0)
    return rc;
  if (!*address || strlen(address) >= MPROC__ADDR_MAX)
    return mproc__err(MPROC_E_INVAL, "bad address");
  mproc_manager_t *m = calloc(1, sizeof *m);
  if (!m)
    return mproc__err(MPROC_E_NOMEM, "allocating a manager");
  m->magic = MANAGER_MAGIC;
  strcpy(m->address, address);
  memcpy(m->key, authkey, keylen);
  m->keylen = keylen;
  /* The ping an mproc client sends anyway says which protocol the server
   * speaks: no round trip more for an mproc server. */
  rc = mproc__mclient_detect(m->address, m->key, m->keylen, &m->wire);
  if (rc < 0) {
    free(m);
    return rc;
  }
  *out = m;
  return 0;
}

int mproc_manager_protocol(const mproc_manager_t *m) {
  if (!manager_ok(m, __func__))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  return m->wire->protocol;
}

const char *mproc_manager_address(const mproc_manager_t *m) {
  return manager_ok(m, __func__) ? m->address : NULL;
}

int64_t mproc__manager_server_pid(const mproc_manager_t *m) {
  return m && m->magic == MANAGER_MAGIC && m->owner
             ? mproc_process_pid(m->server)
             : 0;
}

int64_t mproc_manager_pid(const mproc_manager_t *m) {
  return m && m->magic == MANAGER_MAGIC && m->owner && m->server
             ? mproc_process_pid(m->server)
             : 0;
}

int mproc_manager_join(mproc_manager_t *m, double timeout) {
  if (!manager_ok(m, __func__))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  if (!m->owner || !m->server)
    return mproc__err(MPROC_E_STATE,
                      "%s: a connected manager's server is not this "
                      "process's child",
                      __func__);
  return mproc_process_join(m->server, timeout);
}

int mproc_manager_shutdown(mproc_manager_t *m) {
  if (!m)
    return 0;
  if (!manager_ok(m, __func__))
    return MPROC_E_TYPE;
  mproc__exit_hook_remove(&m->at_exit);
  int rc = manager_end_server(m);
  m->magic = 0;
  free(m);
  return rc == MPROC_E_CLOSED ? 0 : rc;
}

/* @p initial: a Value's, encoded here; @p items: a list's or a dict's, as
 * the wire carries them already (mproc__wlist_items(), _entries()). */
static int manager_create_with(mproc_manager_t *m, const char *what, int kind,
                               int64_t param, const mproc_value_t *initial,
                               const mproc_value_t *items,
                               mproc_proxy_t **out) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "%s: NULL output pointer", what);
  *out = NULL;
  if (!manager_ok(m, what))
    return m ? MPROC_E_TYPE : MPROC_E_INVAL;
  mproc_value_t a[3] = {mproc_int(kind), mproc_int(param), mproc_none()};
  size_t na = 2;
  void *enc = NULL;
  size_t elen = 0;
  int rc;
  if (initial) {
    if ((rc = mproc_encode(initial, 1, &enc, &elen)) < 0)
      return rc;
    a[na++] = mproc_bytes(enc, elen);
  } else if (items) {
    a[na++] = *items;
  }
  mproc__net_t *c = NULL;
  mproc_value_t *res = NULL;
  size_t nres = 0;
  int64_t id = 0;
  mproc_proxy_t *p = NULL;
  mproc__request_t rq = mproc__mrequest(OP_CREATE, 0, a, na);
  rc = mproc__mclient_open(m->address, m->key, m->keylen, &c);
  if (rc == 0)
    rc = mproc__mclient_call(c, m->wire, kind, &rq, &res, &nres);
  free(enc);
  if (rc == 0 && (nres < 1 || mproc_value_as_int(&res[0], &id) != 0))
    rc = mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  mproc_values_free(res, nres);
  if (rc == 0)
    rc = mproc__proxy_new(m->address, m->key, m->keylen, m->wire, kind,
                          (uint64_t)id, &p);
  if (rc < 0) {
    mproc__net_close(c);
    return rc;
  }
  /* The creating connection holds the reference (or the proxy does). */
  mproc__proxy_adopt(p, c);
  *out = p;
  return 0;
}

int mproc__manager_create(mproc_manager_t *m, const char *what, int kind,
                          int64_t param, const mproc_value_t *initial,
                          const mproc_value_t *items, mproc_proxy_t **out) {
  return manager_create_with(m, what, kind, param, initial, items, out);
}

static int manager_create(mproc_manager_t *m, const char *what, int kind,
                          int64_t param, const mproc_value_t *initial,
                          mproc_proxy_t **out) {
  return manager_create_with(m, what, kind, param, initial, NULL, out);
}

int mproc_manager_lock(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_LOCK, 0, NULL, out);
}
int mproc_manager_rlock(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_RLOCK, 0, NULL, out);
}
int mproc_manager_semaphore(mproc_manager_t *m, unsigned int value,
                            mproc_proxy_t **out) {
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u too large", value);
  return manager_create(m, __func__, K_SEMAPHORE, value, NULL, out);
}
int mproc_manager_bounded_semaphore(mproc_manager_t *m, unsigned int value,
                                    mproc_proxy_t **out) {
  if (value > MPROC_SEM_VALUE_MAX)
    return mproc__err(MPROC_E_VALUE, "semaphore value %u too large", value);
  return manager_create(m, __func__, K_BOUNDED_SEMAPHORE, value, NULL, out);
}
int mproc_manager_condition(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_CONDITION, 0, NULL, out);
}
int mproc_manager_event(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_EVENT, 0, NULL, out);
}
int mproc_manager_barrier(mproc_manager_t *m, unsigned int parties,
                          mproc_proxy_t **out) {
  if (parties == 0)
    return mproc__err(MPROC_E_VALUE, "a barrier needs at least one party");
  return manager_create(m, __func__, K_BARRIER, parties, NULL, out);
}
int mproc_manager_queue(mproc_manager_t *m, size_t maxsize,
                        mproc_proxy_t **out) {
  if (maxsize > INT64_MAX)
    return mproc__err(MPROC_E_VALUE, "maxsize too large");
  return manager_create(m, __func__, K_QUEUE, (int64_t)maxsize, NULL, out);
}
int mproc_manager_joinable_queue(mproc_manager_t *m, size_t maxsize,
                                 mproc_proxy_t **out) {
  if (maxsize > INT64_MAX)
    return mproc__err(MPROC_E_VALUE, "maxsize too large");
  return manager_create(m, __func__, K_JOINABLE_QUEUE, (int64_t)maxsize, NULL,
                        out);
}
int mproc_manager_value(mproc_manager_t *m, const mproc_value_t *initial,
                        mproc_proxy_t **out) {
  if (!initial)
    return mproc__err(MPROC_E_INVAL, "%s: NULL initial value", __func__);
  return manager_create(m, __func__, K_VALUE, 0, initial, out);
}
int mproc_manager_dict(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_DICT, 0, NULL, out);
}
int mproc_manager_list(mproc_manager_t *m, mproc_proxy_t **out) {
  return manager_create(m, __func__, K_LIST, 0, NULL, out);
}

/* dict(mapping) and list(iterable): the contents travel in the request
 * that creates the object, so no other process ever sees it half filled. */
static int manager_create_from(mproc_manager_t *m, const char *what, int kind,
                               const mproc_value_t *init, mproc_proxy_t **out) {
  mproc__wlist_t w;
  if (out)
    *out = NULL;
  int rc = kind == K_DICT ? mproc__wlist_entries(&w, init, what)
                          : mproc__wlist_items(&w, init, what);
  if (rc < 0)
    return rc;
  mproc_value_t items = mproc_list(w.vals, w.n);
  rc = manager_create_with(m, what, kind, 0, NULL, &items, out);
  mproc__wlist_free(&w);
  return rc;
}
int mproc_manager_dict_from(mproc_manager_t *m, const mproc_value_t *init,
                            mproc_proxy_t **out) {
  return manager_create_from(m, __func__, K_DICT, init, out);
}
int mproc_manager_list_from(mproc_manager_t *m, const mproc_value_t *init,
                            mproc_proxy_t **out) {
  return manager_create_from(m, __func__, K_LIST, init, out);
}
