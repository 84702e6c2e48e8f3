/* SPDX-License-Identifier: MIT */
/*
 * TCP keepalive of manager connections: how long a call to a manager whose
 * machine vanished (no FIN, no RST: a power cut, a cable, a VM gone) waits
 * before it fails with MPROC_E_CLOSED. Without it such a call waits
 * forever, as CPython's does: the kernel retransmits nothing on an idle
 * connection, and a request answered by nothing is an idle connection once
 * the request was acknowledged.
 *
 * Why keepalive rather than a heartbeat in the protocol: a heartbeat needs
 * the server to send frames while a request waits, which every protocol
 * behind wire.h (CPython's pickles included) would have to carry; the
 * kernel's probes need nothing from the peer but its TCP stack.
 */
#include "internal.h"

/* 30 s of silence, then a probe every 10 s, 3 unanswered: 60 s. */
static volatile uint32_t ka_idle = 30, ka_interval = 10, ka_count = 3;

/* Linux takes at most 32767 s for idle and interval and 127 probes. */
#define KA_SECONDS_MAX 32767u
#define KA_COUNT_MAX 127u

int mproc_manager_set_keepalive(unsigned idle_s, unsigned interval_s,
                                unsigned count) {
  if (idle_s == 0 || idle_s > KA_SECONDS_MAX || interval_s == 0 ||
      interval_s > KA_SECONDS_MAX || count == 0 || count > KA_COUNT_MAX)
    return mproc__err(MPROC_E_VALUE,
                      "%s: idle and interval take 1 to %u s, count 1 to %u",
                      __func__, KA_SECONDS_MAX, KA_COUNT_MAX);
  mproc__store32(&ka_idle, idle_s);
  mproc__store32(&ka_interval, interval_s);
  mproc__store32(&ka_count, count);
  return 0;
}

void mproc__keepalive_get(unsigned *idle_s, unsigned *interval_s,
                          unsigned *count) {
  *idle_s = mproc__load32(&ka_idle);
  *interval_s = mproc__load32(&ka_interval);
  *count = mproc__load32(&ka_count);
}
