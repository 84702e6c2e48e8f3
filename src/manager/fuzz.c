/* SPDX-License-Identifier: MIT */
/*
 * The manager's fuzz entry (tests/fuzz/fuzz_manager.c): the handshake's
 * parsers, the protocol's and the server's request handling, fed with
 * bytes as a hostile peer would send them.
 */
#include "manager/manager.h"

#include <stdlib.h>
#include <string.h>

#define FUZZ_CONNS 4

/* Requests whose replies the client of CPython's servers reads
 * (client_pickle.c), each reply read in its own way. */
static const struct {
  int64_t op;
  int kind;
  bool missing_ok;
} creqs[] = {
    {OP_PING, 0, false},
    {OP_CREATE, K_QUEUE, false},
    {OP_GET_NAMED, 0, false},
    {M_ACQUIRE, K_LOCK, false},
    {M_RELEASE, K_RLOCK, false},
    {M_QUEUE_GET, K_QUEUE, false},
    {M_QUEUE_SIZE, K_QUEUE, false},
    {M_DICT_GET, K_DICT, true},
    {M_DICT_POPITEM, K_DICT, false},
    {M_DICT_ITEMS, K_DICT, false},
    {M_DICT_NEXT, K_DICT, false},
    {M_LIST_SLICE_GET, K_LIST, false},
    {M_LIST_NEXT, K_LIST, false},
    {M_ARRAY_GET, K_ARRAY, false},
    {M_EVENT_IS_SET, K_EVENT, false},
    {M_USER_CALL, K_USER, false},
};
#define NCREQ (sizeof creqs / sizeof creqs[0])

static void creply_decode(const uint8_t *buf, size_t n, unsigned which) {
  mproc_value_t a[2] = {mproc_str("name"), mproc_bool(true)}, *res = NULL;
  size_t nres = 0;
  mproc__request_t rq = {creqs[which % NCREQ].op, 0, 0, a, 2, 1};
  if (rq.op == M_DICT_ITEMS || rq.op == M_DICT_NEXT)
    a[0] = mproc_int(which % 4); /* what: DICT_KEYS.., or a cursor's pos */
  a[1] = mproc_bool(creqs[which % NCREQ].missing_ok);
  if (mproc__cwire_pickle.reply_decode(&rq, creqs[which % NCREQ].kind, buf, n,
                                       &res, &nres) == 0)
    mproc_values_free(res, nres);
}

/*
 * For tests/fuzz/fuzz_manager.c: the wire parsers, fed with @p data as a
 * hostile peer would send it. The input is a sequence of steps, each a
 * selector byte then (but for 5) one frame as on the wire (4-byte
 * big-endian length, payload), which mproc__frame_length() checks against the
 * limit of the step; a frame cut short ends the input as the end of a
 * stream would. Selector % 8:
 *   0  the next frame the server's handshake reads, fed (header and
 *      payload, (selector >> 3) + 1 bytes at a time) to the machine that
 *      manager/handshake.c drives (mproc__auth_server_*(), auth.c): the
 *      response to its challenge, then the client's challenge, then the
 *      client's verdict. The challenge is MPROC__AUTH_CHALLENGE,
 *      MPROC__AUTH_DIGEST and MPROC__AUTH_NONCE_LEN bytes 'n', the key
 *      @p key; a handshake that ends (either way) is followed by a new one;
 *   1  a challenge to answer (mproc__auth_answer_challenge());
 *   2  the reply to our response (mproc__auth_answer_challenge());
 *   4  a reply to a client's request, as mproc's client reads it, then
 *      as its client of CPython's servers reads the reply to request
 *      (selector >> 3) % NCREQ of creqs[] below;
 *   5  client (selector >> 3) % FUZZ_CONNS goes away;
 *   3, 6, 7  a request from client (selector >> 3) % FUZZ_CONNS, handled
 *      as the server does (server.c), against the server's state;
 *      its reply must then decode as a reply. A request that ends its
 *      connection (malformed, or shutdown) ends that client; a new one
 *      takes its place.
 * Requests never wait. At the end every client goes away, which frees
 * everything the server holds, and the server is fresh for the next call.
 * Returns 0, or MPROC_E_STATE when the server broke one of its own rules.
 */
/* Reports everything the machine has to send as sent, @p chunk bytes at a
 * time: 0, or what sent() returned to end the handshake. */
static int hs_drain(mproc__auth_server_t *hs, size_t chunk) {
  const uint8_t *o;
  size_t k;
  while ((k = mproc__auth_server_output(hs, &o)) > 0) {
    int rc = mproc__auth_server_sent(hs, k < chunk ? k : chunk);
    if (rc != 0)
      return rc;
  }
  return 0;
}

/* Feeds @p n bytes the server's handshake reads, @p chunk at a time, to
 * @p hs (begun when *live is false); *live is false again once the
 * handshake is over, the rest of the bytes being what would follow it. 0,
 * or MPROC_E_STATE when the machine neither sends nor reads mid-way. */
static int hs_feed(mproc__auth_server_t *hs, bool *live, const uint8_t *key,
                   size_t keylen, const uint8_t *p, size_t n, size_t chunk) {
  static const uint8_t nonce[MPROC__AUTH_NONCE_LEN] = {
      'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n',
      'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n',
      'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n'};
  if (!*live) {
    if (mproc__auth_server_begin(hs, key, keylen, nonce) < 0)
      return 0; /* out of memory for the HMAC: nothing to check */
    *live = true;
  }
  if (hs_drain(hs, chunk) != 0) {
    *live = false;
    return 0;
  }
  while (n > 0) {
    uint8_t *in;
    size_t want = mproc__auth_server_input(hs, &in);
    if (want == 0 || want > sizeof hs->in)
      return MPROC_E_STATE;
    size_t k = want < chunk ? want : chunk;
    if (k > n)
      k = n;
    /* Into the machine's own buffer, exactly as much as it asked for. */
    memcpy(in, p, k);
    p += k;
    n -= k;
    if (mproc__auth_server_received(hs, k) != 0 || hs_drain(hs, chunk) != 0) {
      *live = false;
      return 0;
    }
  }
  return 0;
}

int mproc__manager_fuzz(const uint8_t *data, size_t size, const uint8_t *key,
                        size_t keylen) {
  const mproc__wire_t *wire = mproc__wire_client();
  if (mproc__server_fuzz_begin(key, keylen) < 0)
    return MPROC_E_NOMEM;
  uint8_t challenge[MPROC__AUTH_CHALLENGE_LEN], nonce[MPROC__AUTH_NONCE_LEN];
  mproc__auth_expect_t expect;
  memset(nonce, 'n', sizeof nonce);
  if (mproc__auth_challenge_make(key, keylen, nonce, challenge, &expect) < 0)
    return MPROC_E_NOMEM;
  mproc__sconn_t *conns[FUZZ_CONNS];
  int status = 0;
  for (int i = 0; i < FUZZ_CONNS; i++) {
    conns[i] = mproc__server_fuzz_conn();
    if (!conns[i])
      status = MPROC_E_NOMEM;
  }
  mproc__auth_server_t hs;
  bool hs_live = false;
  size_t off = 0;
  while (off < size && status == 0) {
    uint8_t sel = data[off++];
    int step = sel % 8, ci = (sel >> 3) % FUZZ_CONNS;
    if (step == 5) {
      mproc__server_fuzz_drop(conns[ci]);
      continue;
    }
    size_t n = 0;
    if (size - off < 4 ||
        mproc__frame_length(
            data + off,
            step < 3 ? MPROC__AUTH_MSG_MAX : MPROC_MANAGER_MAX_FRAME, &n) < 0 ||
        size - off - 4 < n) {
      /* The end of the input; the handshake reads what there is (an
       * oversized frame's header, a frame cut short). */
      if (step == 0 && status == 0)
        status = hs_feed(&hs, &hs_live, key, keylen, data + off, size - off,
                         (size_t)(sel >> 3) + 1);
      break;
    }
    /* A buffer of its own, as mproc__frame_recv() makes: reading past the
     * frame is then caught. */
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf)
      break;
    memcpy(buf, data + off + 4, n);
    off += 4 + n;
    uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
    size_t resplen = 0;
    mproc_value_t *res = NULL;
    size_t nres = 0;
    switch (step) {
    case 0:
      mproc__auth_response_ok(buf, n, &expect);
      status = hs_feed(&hs, &hs_live, key, keylen, data + off - 4 - n, 4 + n,
                       (size_t)(sel >> 3) + 1);
      break;
    case 1:
      mproc__auth_challenge_answer(buf, n, key, keylen, resp, &resplen);
      break;
    case 2:
      mproc__auth_welcome_ok(buf, n);
      break;
    case 4:
      if (wire->reply_decode(buf, n, &res, &nres) == 0)
        mproc_values_free(res, nres);
      creply_decode(buf, n, (unsigned)(sel >> 3));
      break;
    default: {
      void *reply = NULL;
      size_t rlen = 0;
      bool shutdown = false;
      int rc = mproc__server_fuzz_request(conns[ci], buf, n, &reply, &rlen,
                                          &shutdown);
      if (rc == 0) {
        /* What the server sends must be a reply its clients can read,
         * in the protocol the request spoke (the replies of each start
         * as its requests do). */
        const mproc__wire_t *rw = mproc__wire_detect(reply, rlen);
        int drc =
            rw ? rw->reply_decode(reply, rlen, &res, &nres) : MPROC_E_DECODE;
        if (drc == 0)
          mproc_values_free(res, nres);
        else if (drc == MPROC_E_DECODE)
          status = MPROC_E_STATE;
      }
      free(reply);
      /* A malformed request or a shutdown ends the connection. */
      if (rc < 0 || shutdown)
        mproc__server_fuzz_drop(conns[ci]);
      break;
    }
    }
    free(buf);
  }
  for (int i = 0; i < FUZZ_CONNS; i++) {
    if (conns[i])
      mproc__server_fuzz_drop(conns[i]);
    free(conns[i]);
  }
  int end = mproc__server_fuzz_end();
  return status ? status : end;
}
