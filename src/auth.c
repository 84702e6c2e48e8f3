/*
 * The process auth key, and the mutual HMAC challenge that proves a peer
 * knows a key (CPython's deliver_challenge() and answer_challenge(), in
 * their 3.12+ form: a "{sha256}" digest name and HMAC-SHA256).
 */
#include "auth.h"

#include "frame.h"

#include <stdlib.h>
#include <string.h>

/* Made once by the first process that needs it, before any child exists
 * (mproc_process_start() makes sure), so fork children share it; spawn
 * children receive it in their start record. */
static uint8_t process_key[MPROC_AUTHKEY_LEN];
static bool process_key_set;

int mproc__authkey_ensure(void) {
  if (process_key_set)
    return 0;
  int rc = mproc__random_bytes(process_key, sizeof process_key);
  if (rc == 0)
    process_key_set = true;
  return rc;
}

const uint8_t *mproc__authkey_get(void) {
  return process_key_set ? process_key : NULL;
}

void mproc__authkey_set(const uint8_t key[MPROC_AUTHKEY_LEN]) {
  memcpy(process_key, key, MPROC_AUTHKEY_LEN);
  process_key_set = true;
}

int mproc_authkey(uint8_t out[MPROC_AUTHKEY_LEN]) {
  if (!out)
    return mproc__err(MPROC_E_INVAL, "mproc_authkey: NULL output");
  int rc = mproc__authkey_ensure();
  if (rc == 0)
    memcpy(out, process_key, MPROC_AUTHKEY_LEN);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The handshake                                                            */
/* ------------------------------------------------------------------------ */

static bool same_bytes(const uint8_t *a, const uint8_t *b, size_t n) {
  uint8_t d = 0; /* constant time: no early exit on the first difference */
  for (size_t i = 0; i < n; i++)
    d |= (uint8_t)(a[i] ^ b[i]);
  return d == 0;
}

/* Whether @p resp answers a challenge whose digest is @p expect. */
bool mproc__auth_response_ok(const uint8_t *resp, size_t rlen,
                             const uint8_t expect[32]) {
  return rlen == sizeof MPROC__AUTH_DIGEST - 1 + 32 &&
         memcmp(resp, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1) == 0 &&
         same_bytes(resp + sizeof MPROC__AUTH_DIGEST - 1, expect, 32);
}

/* Challenges the peer to prove it knows @p key (CPython's
 * deliver_challenge). */
int mproc__auth_deliver_challenge(mproc__net_t *c, const uint8_t *key,
                                  size_t keylen) {
  uint8_t msg[sizeof MPROC__AUTH_CHALLENGE - 1 + sizeof MPROC__AUTH_DIGEST - 1 +
              MPROC__AUTH_NONCE_LEN];
  size_t pre = sizeof MPROC__AUTH_CHALLENGE - 1;
  memcpy(msg, MPROC__AUTH_CHALLENGE, pre);
  memcpy(msg + pre, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1);
  int rc = mproc__random_bytes(msg + pre + sizeof MPROC__AUTH_DIGEST - 1,
                               MPROC__AUTH_NONCE_LEN);
  if (rc < 0)
    return rc;
  uint8_t expect[32];
  rc = mproc__hmac_sha256(key, keylen, msg + pre, sizeof msg - pre, expect);
  if (rc == 0)
    rc = mproc__frame_send(c, msg, sizeof msg);
  uint8_t *resp = NULL;
  size_t rlen = 0;
  if (rc == 0)
    rc = mproc__frame_recv(c, MPROC__AUTH_MSG_MAX, &resp, &rlen);
  if (rc < 0)
    return rc;
  bool ok = mproc__auth_response_ok(resp, rlen, expect);
  free(resp);
  if (!ok) {
    mproc__frame_send(c, MPROC__AUTH_FAILURE, sizeof MPROC__AUTH_FAILURE - 1);
    return mproc__err(MPROC_E_PERM, "authentication failed: the peer does "
                                    "not know the key");
  }
  return mproc__frame_send(c, MPROC__AUTH_WELCOME,
                           sizeof MPROC__AUTH_WELCOME - 1);
}

/* The response to the peer's challenge @p msg. */
int mproc__auth_challenge_answer(
    const uint8_t *msg, size_t len, const uint8_t *key, size_t keylen,
    uint8_t resp[sizeof MPROC__AUTH_DIGEST - 1 + 32]) {
  size_t pre = sizeof MPROC__AUTH_CHALLENGE - 1;
  if (len < pre + sizeof MPROC__AUTH_DIGEST - 1 ||
      memcmp(msg, MPROC__AUTH_CHALLENGE, pre) != 0 ||
      memcmp(msg + pre, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1) != 0)
    return mproc__err(MPROC_E_PERM, "authentication failed: no challenge");
  memcpy(resp, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1);
  return mproc__hmac_sha256(key, keylen, msg + pre, len - pre,
                            resp + sizeof MPROC__AUTH_DIGEST - 1);
}

bool mproc__auth_welcome_ok(const uint8_t *reply, size_t len) {
  return len == sizeof MPROC__AUTH_WELCOME - 1 &&
         memcmp(reply, MPROC__AUTH_WELCOME, len) == 0;
}

/* Answers the peer's challenge (CPython's answer_challenge). */
int mproc__auth_answer_challenge(mproc__net_t *c, const uint8_t *key,
                                 size_t keylen) {
  uint8_t *msg = NULL;
  size_t len = 0;
  int rc = mproc__frame_recv(c, MPROC__AUTH_MSG_MAX, &msg, &len);
  if (rc < 0)
    return rc;
  uint8_t resp[sizeof MPROC__AUTH_DIGEST - 1 + 32];
  rc = mproc__auth_challenge_answer(msg, len, key, keylen, resp);
  free(msg);
  uint8_t *reply = NULL;
  if (rc == 0)
    rc = mproc__frame_send(c, resp, sizeof resp);
  if (rc == 0)
    rc = mproc__frame_recv(c, MPROC__AUTH_MSG_MAX, &reply, &len);
  if (rc < 0)
    return rc;
  bool ok = mproc__auth_welcome_ok(reply, len);
  free(reply);
  if (!ok)
    return mproc__err(MPROC_E_PERM,
                      "authentication failed: the manager refused the key");
  return 0;
}
