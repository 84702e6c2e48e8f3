/* SPDX-License-Identifier: MIT */
/*
 * mproc's own manager protocol: requests and replies in the value encoding
 * (codec/value.c), as lists of values:
 *
 *   request := [int op, int owner, double timeout, args...]
 *   reply   := [int status, str message, results...]
 *
 * The server keeps user values as their encodings (opaque bytes inside
 * these): it never rebuilds them, so hosting a value costs no decoding and
 * no trust.
 */
#include "manager/wire.h"

#include "codec/codec.h"

#include <stdlib.h>
#include <string.h>

/* Every encoding starts with this magic (codec/value.c). */
static bool claims(const uint8_t *buf, size_t len) {
  return len >= 4 && memcmp(buf, "MPV\x01", 4) == 0;
}

static int request_encode(const mproc__request_t *rq, mproc__wbuf_t *b) {
  mproc_value_t req[3 + MPROC__REQUEST_ARGS_MAX];
  if (rq->nargs > MPROC__REQUEST_ARGS_MAX)
    return mproc__err(MPROC_E_INVAL, "too many arguments");
  req[0] = mproc_int(rq->op);
  req[1] = mproc_int((int64_t)rq->owner);
  req[2] = mproc_double(rq->timeout);
  for (size_t i = 0; i < rq->nargs; i++)
    req[3 + i] = rq->args[i];
  return mproc__values_encode(b, req, 3 + rq->nargs);
}

static int request_decode(void *cs, const uint8_t *buf, size_t len,
                          mproc__request_t *rq, mproc_value_t **vals,
                          size_t *nvals) {
  (void)cs;
  mproc_value_t *a = NULL;
  size_t n = 0;
  int64_t op, owner;
  double timeout;
  int rc = mproc_decode(buf, len, &a, &n);
  if (rc < 0)
    return rc;
  if (n < 3 || mproc_value_as_int(&a[0], &op) != 0 ||
      mproc_value_as_int(&a[1], &owner) != 0 ||
      mproc_value_as_double(&a[2], &timeout) != 0) {
    mproc_values_free(a, n);
    return mproc__err(MPROC_E_DECODE, "malformed request");
  }
  rq->op = op;
  rq->owner = (uint64_t)owner;
  rq->timeout = timeout;
  rq->args = a + 3;
  rq->nargs = n - 3;
  rq->target = 0;
  *vals = a;
  *nvals = n;
  return 0;
}

static int reply_encode(void *cs, int status, const char *msg,
                        const mproc_value_t *res, size_t nres,
                        mproc__wbuf_t *b) {
  (void)cs;
  mproc_value_t rv[2 + MPROC__REPLY_RESULTS_MAX];
  if (nres > MPROC__REPLY_RESULTS_MAX)
    return mproc__err(MPROC_E_INVAL, "too many results");
  rv[0] = mproc_int(status);
  rv[1] = mproc_str(status < 0 ? msg : "");
  size_t n = 2;
  if (status == 0)
    for (size_t i = 0; i < nres; i++)
      rv[n++] = res[i];
  return mproc__values_encode(b, rv, n);
}

static int reply_decode(const uint8_t *rbuf, size_t rlen, mproc_value_t **res,
                        size_t *nres) {
  mproc_value_t *rv = NULL;
  size_t rn = 0;
  int64_t status;
  const char *msg;
  int rc = mproc_decode(rbuf, rlen, &rv, &rn);
  if (rc < 0)
    return rc;
  if (rn < 2 || mproc_value_as_int(&rv[0], &status) != 0 ||
      mproc_value_as_str(&rv[1], &msg) != 0 || status > 0 || status < -1000) {
    mproc_values_free(rv, rn);
    return mproc__err(MPROC_E_DECODE, "malformed reply from the manager");
  }
  if (status < 0) {
    rc = mproc__err((int)status, "%s", msg);
    mproc_values_free(rv, rn);
    return rc;
  }
  if (res) {
    /* The results, moved to the front of the block: status and message
     * own nothing, and mproc_values_free() frees the block by its start. */
    memmove(rv, rv + 2, (rn - 2) * sizeof *rv);
    *res = rv;
    *nres = rn - 2;
  } else {
    mproc_values_free(rv, rn);
  }
  return 0;
}

const mproc__wire_t mproc__wire_native = {.name = "mproc",
                                          .claims = claims,
                                          .request_encode = request_encode,
                                          .request_decode = request_decode,
                                          .reply_encode = reply_encode,
                                          .reply_decode = reply_decode};
