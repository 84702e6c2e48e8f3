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
