/* SPDX-License-Identifier: MIT */
/*
 * The manager's front door: every new connection is authenticated here, in
 * one loop that never waits on any client, and only a connection that has
 * proved it knows the key gets a thread of its own (server.c).
 *
 * Why not a thread per handshake, as before: a thread is too dear to give
 * strangers, so there were only 64 of them, and 64 idle TCP connections (or
 * one byte every few seconds on each, since the limit was per read) locked
 * every client out. Here a connection that has not authenticated costs its
 * descriptor, its mproc__net_t and the handshake's state (under 5 KiB);
 * the descriptor limit bounds how many wait, and when they are that many
 * the oldest is dropped, never the newcomer: an attacker must then open
 * connections faster than a client completes its handshake (a few
 * milliseconds), each a round trip to the server, to keep it out.
 */
#include "manager/manager.h"

#include <stdlib.h>
#include <string.h>

/* accept() out of descriptors with nothing to shed: the listener is left
 * alone this long (a listener with connections waiting stays readable, so
 * polling it again at once would spin). */
#define BACKOFF_MS 100
/* Accepted per turn, so that a stream of newcomers cannot starve the
 * handshakes in progress. */
#define ACCEPT_BURST 64

typedef struct pend {
  mproc__net_t *c;
  int64_t deadline;
  int want; /* MPROC__NET_IN or MPROC__NET_OUT */
  mproc__auth_server_t hs;
} pend_t;

typedef struct loop {
  mproc__listener_t *l;
  const uint8_t *key;
  size_t keylen;
  pend_t **p; /* oldest first */
  size_t n, cap;
  void (*admit)(mproc__net_t *c, void *arg);
  void *arg;
} loop_t;

static void pend_free(pend_t *pd) {
  mproc__net_close(pd->c);
  free(pd);
}

/* Moves @p pd's handshake on as far as it goes without waiting: true when
 * it is over (the connection admitted, or closed), false when it waits for
 * the peer (pd->want says for what). */
static bool drive(loop_t *L, pend_t *pd) {
  for (;;) {
    const uint8_t *out;
    uint8_t *in;
    size_t n = mproc__auth_server_output(&pd->hs, &out), k = 0;
    int rc;
    if (n) {
      rc = mproc__net_send_nowait(pd->c, out, n, &k);
      if (rc == 0 && k == 0) {
        pd->want = MPROC__NET_OUT;
        return false;
      }
      if (rc == 0)
        rc = mproc__auth_server_sent(&pd->hs, k);
    } else {
      n = mproc__auth_server_input(&pd->hs, &in);
      rc = n ? mproc__net_recv_nowait(pd->c, in, n, &k)
             : mproc__err(MPROC_E_STATE, "handshake out of step");
      if (rc == 0 && k == 0) {
        pd->want = MPROC__NET_IN;
        return false;
      }
      if (rc == 0)
        rc = mproc__auth_server_received(&pd->hs, k);
    }
    if (rc == 1 && mproc__net_set_blocking(pd->c) == 0) {
      L->admit(pd->c, L->arg); /* the connection is the server's now */
      free(pd);
      return true;
    }
    if (rc != 0) {
      pend_free(pd);
      return true;
    }
  }
}

static void shed_oldest(loop_t *L) {
  if (L->n == 0)
    return;
  pend_free(L->p[0]);
  memmove(L->p, L->p + 1, --L->n * sizeof *L->p);
}

/* Takes the connections waiting on the listener; sets *backoff_until when
 * accept() fails for want of descriptors (or memory) with nothing left to
 * shed. */
static void accept_some(loop_t *L, int64_t now, int64_t *backoff_until) {
  for (int i = 0; i < ACCEPT_BURST; i++) {
    mproc__net_t *c = NULL;
    int rc = mproc__accept_nowait(L->l, &c);
    if (rc == MPROC_E_LIMIT && L->n > 0) {
      /* Out of descriptors: the oldest stranger gives its one to the
       * newcomer (a client of ours may be in the backlog). */
      shed_oldest(L);
      rc = mproc__accept_nowait(L->l, &c);
    }
    if (rc < 0) {
      *backoff_until = now + (int64_t)BACKOFF_MS * 1000000;
      return;
    }
    if (!c)
      return;
    if (L->n == L->cap)
      shed_oldest(L);
    pend_t *pd = malloc(sizeof *pd);
    if (!pd || mproc__auth_server_begin(&pd->hs, L->key, L->keylen, NULL) < 0) {
      free(pd);
      mproc__net_close(c);
      continue;
    }
    pd->c = c;
    pd->deadline = now + (int64_t)MPROC__SERVER_HANDSHAKE_MS * 1000000;
    if (!drive(L, pd)) /* the challenge goes out at once */
      L->p[L->n++] = pd;
  }
}

int mproc__handshake_serve(mproc__listener_t *l, const uint8_t *key,
                           size_t keylen, bool (*closing)(void *arg),
                           void (*admit)(mproc__net_t *c, void *arg),
                           void *arg) {
  loop_t L = {l, key, keylen, NULL, 0, mproc__net_pending_max(), admit, arg};
  L.p = malloc(L.cap * sizeof *L.p);
  mproc__net_pollent_t *ents = malloc(L.cap * sizeof *ents);
  if (!L.p || !ents) {
    free(L.p);
    free(ents);
    return mproc__err(MPROC_E_NOMEM, "the manager's handshake loop");
  }
  int64_t backoff_until = 0;
  while (!closing(arg)) {
    int64_t now = mproc__now_ns(), deadline = MPROC__NO_DEADLINE;
    size_t m = 0;
    for (size_t i = 0; i < L.n; i++) { /* the deadline is the whole exchange */
      pend_t *pd = L.p[i];
      if (now >= pd->deadline) {
        pend_free(pd);
        continue;
      }
      if (deadline == MPROC__NO_DEADLINE || pd->deadline < deadline)
        deadline = pd->deadline;
      ents[m].c = pd->c;
      ents[m].want = pd->want;
      L.p[m++] = pd;
    }
    L.n = m;
    bool watch = now >= backoff_until, l_ready = false;
    if (!watch && (deadline == MPROC__NO_DEADLINE || backoff_until < deadline))
      deadline = backoff_until;
    if (mproc__net_poll(watch ? l : NULL, &l_ready, ents, L.n, deadline) < 0) {
      /* Out of memory for the poll set: make it smaller, and let the
       * listener be for a while. */
      shed_oldest(&L);
      backoff_until = now + (int64_t)BACKOFF_MS * 1000000;
      continue;
    }
    if (closing(arg))
      break;
    m = 0;
    for (size_t i = 0; i < L.n; i++) {
      pend_t *pd = L.p[i];
      if ((ents[i].ready & pd->want) && drive(&L, pd))
        continue;
      L.p[m++] = pd;
    }
    L.n = m;
    if (l_ready)
      accept_some(&L, mproc__now_ns(), &backoff_until);
  }
  for (size_t i = 0; i < L.n; i++)
    pend_free(L.p[i]);
  free(L.p);
  free(ents);
  return 0;
}
