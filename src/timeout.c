/* SPDX-License-Identifier: MIT */
/*
 * Public timeouts (seconds, or MPROC_FOREVER) as deadlines on the
 * monotonic clock, so that a wait that is interrupted and restarted never
 * extends its timeout.
 */
#include "internal.h"

#include <math.h>

int mproc__deadline(double timeout, int64_t *deadline_ns) {
  if (timeout == MPROC_FOREVER) {
    *deadline_ns = MPROC__NO_DEADLINE;
    return 0;
  }
  if (isnan(timeout) || timeout < 0)
    return mproc__err(MPROC_E_INVAL,
                      "timeout must be >= 0 or MPROC_FOREVER, not %g", timeout);
  /* Beyond ~290 years the nanosecond clock would overflow: treat as none. */
  if (timeout > 9.0e9) {
    *deadline_ns = MPROC__NO_DEADLINE;
    return 0;
  }
  *deadline_ns = mproc__now_ns() + (int64_t)(timeout * 1e9);
  return 0;
}
