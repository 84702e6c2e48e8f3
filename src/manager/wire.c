/* SPDX-License-Identifier: MIT */
/*
 * The manager's protocols, as a table: which one a connection speaks. A
 * server tells them apart by a connection's first request, so that clients
 * of every protocol share one address; a connection keeps the protocol of
 * its first request (a second protocol mid-stream is malformed input).
 */
#include "manager/wire.h"

static const mproc__wire_t *const wires[] = {&mproc__wire_native,
                                             &mproc__wire_pickle};

const mproc__wire_t *mproc__wire_detect(const uint8_t *buf, size_t len) {
  for (size_t i = 0; i < sizeof wires / sizeof wires[0]; i++)
    if (wires[i]->claims(buf, len))
      return wires[i];
  return NULL;
}

const mproc__wire_t *mproc__wire_client(void) {
  return &mproc__wire_native;
}

/* mproc's client: the native codec, with the op and kind unused (a
 * connection is bound to its object by OP_CREATE or OP_ATTACH). */
static bool native_one_shot(int64_t op) {
  (void)op;
  return false;
}

static bool native_claims_reply(const uint8_t *buf, size_t len) {
  return mproc__wire_native.claims(buf, len);
}

static int native_request_encode(const mproc__request_t *rq, int kind,
                                 mproc__wbuf_t *b) {
  (void)kind;
  return mproc__wire_native.request_encode(rq, b);
}

static int native_reply_decode(const mproc__request_t *rq, int kind,
                               const uint8_t *buf, size_t len,
                               mproc_value_t **res, size_t *nres) {
  (void)rq;
  (void)kind;
  return mproc__wire_native.reply_decode(buf, len, res, nres);
}

const mproc__cwire_t mproc__cwire_native = {
    .name = "mproc",
    .protocol = MPROC_MANAGER_PROTOCOL_MPROC,
    .client_refs = false,
    .one_shot = native_one_shot,
    .claims_reply = native_claims_reply,
    .request_encode = native_request_encode,
    .reply_decode = native_reply_decode};

static const mproc__cwire_t *const cwires[] = {&mproc__cwire_native,
                                               &mproc__cwire_pickle};

const mproc__cwire_t *mproc__cwire_of(int protocol) {
  for (size_t i = 0; i < sizeof cwires / sizeof cwires[0]; i++)
    if (cwires[i]->protocol == protocol)
      return cwires[i];
  return NULL;
}

const mproc__cwire_t *mproc__cwire_detect(const uint8_t *buf, size_t len) {
  for (size_t i = 0; i < sizeof cwires / sizeof cwires[0]; i++)
    if (cwires[i]->claims_reply(buf, len))
      return cwires[i];
  return NULL;
}
