/* SPDX-License-Identifier: MIT */
/*
 * The process auth key, and the mutual HMAC challenge that proves a peer
 * knows a key (CPython's deliver_challenge() and answer_challenge(), in
 * their 3.12+ form: a "{sha256}" digest name and HMAC-SHA256, and the
 * HMAC-MD5 of 3.8-3.11, which 3.12+ still speaks with old peers).
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

/* Whether @p resp answers a challenge as @p expect says: "{sha256}" and
 * the HMAC-SHA256, or (a CPython 3.8-3.11 client) the raw HMAC-MD5. */
bool mproc__auth_response_ok(const uint8_t *resp, size_t rlen,
                             const mproc__auth_expect_t *expect) {
  if (rlen == MPROC__AUTH_LEGACY_RESPONSE_LEN)
    return expect->md5_ok && same_bytes(resp, expect->md5, rlen);
  return rlen == sizeof MPROC__AUTH_DIGEST - 1 + 32 &&
         memcmp(resp, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1) == 0 &&
         same_bytes(resp + sizeof MPROC__AUTH_DIGEST - 1, expect->sha256, 32);
}

static void put_be32(uint8_t *p, size_t n) {
  p[0] = (uint8_t)(n >> 24);
  p[1] = (uint8_t)(n >> 16);
  p[2] = (uint8_t)(n >> 8);
  p[3] = (uint8_t)n;
}

int mproc__auth_challenge_make(const uint8_t *key, size_t keylen,
                               const uint8_t *nonce,
                               uint8_t msg[MPROC__AUTH_CHALLENGE_LEN],
                               mproc__auth_expect_t *expect) {
  size_t pre = sizeof MPROC__AUTH_CHALLENGE - 1;
  size_t dig = sizeof MPROC__AUTH_DIGEST - 1;
  memcpy(msg, MPROC__AUTH_CHALLENGE, pre);
  memcpy(msg + pre, MPROC__AUTH_DIGEST, dig);
  int rc = 0;
  if (nonce)
    memcpy(msg + pre + dig, nonce, MPROC__AUTH_NONCE_LEN);
  else
    rc = mproc__random_bytes(msg + pre + dig, MPROC__AUTH_NONCE_LEN);
  if (rc == 0)
    rc = mproc__hmac_sha256(key, keylen, msg + pre,
                            MPROC__AUTH_CHALLENGE_LEN - pre, expect->sha256);
  /* A legacy client's answer is an HMAC-MD5 of the same bytes. Without
   * MD5 (a FIPS build of the crypto library: MPROC_E_NOTSUP) only 3.12+
   * clients get in; any other failure is the handshake's, as a failed
   * HMAC-SHA256 is. */
  expect->md5_ok = false;
  if (rc == 0) {
    int mrc = mproc__hmac_md5(key, keylen, msg + pre,
                              MPROC__AUTH_CHALLENGE_LEN - pre, expect->md5);
    expect->md5_ok = mrc == 0;
    if (mrc < 0 && mrc != MPROC_E_NOTSUP)
      rc = mrc;
  }
  return rc;
}

/* Challenges the peer to prove it knows @p key (CPython's
 * deliver_challenge). */
int mproc__auth_deliver_challenge(mproc__net_t *c, const uint8_t *key,
                                  size_t keylen) {
  uint8_t msg[MPROC__AUTH_CHALLENGE_LEN];
  mproc__auth_expect_t expect;
  int rc = mproc__auth_challenge_make(key, keylen, NULL, msg, &expect);
  if (rc == 0)
    rc = mproc__frame_send(c, msg, sizeof msg);
  uint8_t *resp = NULL;
  size_t rlen = 0;
  if (rc == 0)
    rc = mproc__frame_recv(c, MPROC__AUTH_MSG_MAX, &resp, &rlen);
  if (rc < 0)
    return rc;
  bool ok = mproc__auth_response_ok(resp, rlen, &expect);
  free(resp);
  if (!ok) {
    mproc__frame_send(c, MPROC__AUTH_FAILURE, sizeof MPROC__AUTH_FAILURE - 1);
    return mproc__err(MPROC_E_PERM, "authentication failed: the peer does "
                                    "not know the key");
  }
  return mproc__frame_send(c, MPROC__AUTH_WELCOME,
                           sizeof MPROC__AUTH_WELCOME - 1);
}

/* The response to the peer's challenge @p msg: as CPython 3.12+ answers,
 * in MD5 to a legacy challenge (by its length), else in the digest the
 * challenge names, which must be ours. */
int mproc__auth_challenge_answer(const uint8_t *msg, size_t len,
                                 const uint8_t *key, size_t keylen,
                                 uint8_t resp[MPROC__AUTH_RESPONSE_LEN],
                                 size_t *rlen) {
  size_t pre = sizeof MPROC__AUTH_CHALLENGE - 1;
  if (len < pre || memcmp(msg, MPROC__AUTH_CHALLENGE, pre) != 0)
    return mproc__err(MPROC_E_PERM, "authentication failed: no challenge");
  if (len - pre == MPROC__AUTH_LEGACY_NONCE_LEN ||
      len - pre == MPROC__AUTH_LEGACY_RESPONSE_LEN) {
    *rlen = MPROC__AUTH_LEGACY_RESPONSE_LEN;
    return mproc__hmac_md5(key, keylen, msg + pre, len - pre, resp);
  }
  if (len < pre + sizeof MPROC__AUTH_DIGEST - 1 ||
      memcmp(msg + pre, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1) != 0)
    return mproc__err(MPROC_E_PERM,
                      "authentication failed: a challenge in a digest other "
                      "than sha256 or legacy md5");
  memcpy(resp, MPROC__AUTH_DIGEST, sizeof MPROC__AUTH_DIGEST - 1);
  *rlen = MPROC__AUTH_RESPONSE_LEN;
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
  uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
  size_t rlen = 0;
  rc = mproc__auth_challenge_answer(msg, len, key, keylen, resp, &rlen);
  free(msg);
  uint8_t *reply = NULL;
  if (rc == 0)
    rc = mproc__frame_send(c, resp, rlen);
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

/* A proxy's tag is an HMAC of this and the address: a prefix that no
 * challenge has ("{sha256}" starts those), so that no tag can ever serve as
 * the response to a challenge, nor a response as a tag. */
#define TAG_DOMAIN "mproc proxy address"

int mproc__auth_address_tag(const uint8_t *key, size_t keylen,
                            const char *address, size_t alen,
                            uint8_t tag[MPROC__AUTH_TAG_LEN]) {
  uint8_t msg[sizeof TAG_DOMAIN + MPROC__ADDR_MAX];
  if (alen >= MPROC__ADDR_MAX)
    return mproc__err(MPROC_E_TOOBIG, "address too long");
  memcpy(msg, TAG_DOMAIN, sizeof TAG_DOMAIN); /* with its NUL */
  memcpy(msg + sizeof TAG_DOMAIN, address, alen);
  return mproc__hmac_sha256(key, keylen, msg, sizeof TAG_DOMAIN + alen, tag);
}

bool mproc__auth_address_tag_ok(const uint8_t *key, size_t keylen,
                                const char *address, size_t alen,
                                const uint8_t tag[MPROC__AUTH_TAG_LEN]) {
  uint8_t want[MPROC__AUTH_TAG_LEN];
  return mproc__auth_address_tag(key, keylen, address, alen, want) == 0 &&
         same_bytes(want, tag, sizeof want);
}

/* ------------------------------------------------------------------------ */
/* The server's side as a machine without I/O                               */
/* ------------------------------------------------------------------------ */
/*
 * The same exchange as mproc__auth_deliver_challenge() followed by
 * mproc__auth_answer_challenge(), byte by byte: the caller moves the bytes
 * (manager/handshake.c, without ever waiting; fuzz.c, from the fuzzer's
 * input). Each frame is read exactly, header then payload, so that nothing
 * the client sends after the handshake is taken from the stream.
 */
enum {
  HS_SEND_CHALLENGE,
  HS_RECV_RESPONSE,
  HS_SEND_VERDICT, /* WELCOME, or FAILURE (then HS_FAILED) */
  HS_RECV_CHALLENGE,
  HS_SEND_ANSWER,
  HS_RECV_WELCOME,
  HS_DONE,
  HS_FAILED
};

static void hs_queue(mproc__auth_server_t *s, const void *p, size_t n,
                     int step) {
  put_be32(s->out, n);
  memcpy(s->out + 4, p, n);
  s->outlen = n + 4;
  s->outpos = 0;
  s->inlen = 0;
  s->step = step;
}

int mproc__auth_server_begin(mproc__auth_server_t *s, const uint8_t *key,
                             size_t keylen, const uint8_t *nonce) {
  uint8_t msg[MPROC__AUTH_CHALLENGE_LEN];
  memset(s, 0, sizeof *s);
  s->key = key;
  s->keylen = keylen;
  int rc = mproc__auth_challenge_make(key, keylen, nonce, msg, &s->expect);
  if (rc < 0) {
    s->step = HS_FAILED;
    return rc;
  }
  hs_queue(s, msg, sizeof msg, HS_SEND_CHALLENGE);
  return 0;
}

size_t mproc__auth_server_output(const mproc__auth_server_t *s,
                                 const uint8_t **p) {
  bool sending = s->step == HS_SEND_CHALLENGE || s->step == HS_SEND_VERDICT ||
                 s->step == HS_SEND_ANSWER;
  *p = s->out + s->outpos;
  return sending ? s->outlen - s->outpos : 0;
}

int mproc__auth_server_sent(mproc__auth_server_t *s, size_t n) {
  s->outpos += n;
  if (s->outpos < s->outlen)
    return 0;
  switch (s->step) {
  case HS_SEND_CHALLENGE:
    s->step = HS_RECV_RESPONSE;
    return 0;
  case HS_SEND_VERDICT:
    if (s->failed) {
      s->step = HS_FAILED;
      return mproc__err(MPROC_E_PERM, "authentication failed: the peer does "
                                      "not know the key");
    }
    s->step = HS_RECV_CHALLENGE;
    return 0;
  case HS_SEND_ANSWER:
    s->step = HS_RECV_WELCOME;
    return 0;
  default:
    return 0;
  }
}

size_t mproc__auth_server_input(mproc__auth_server_t *s, uint8_t **p) {
  *p = s->in + s->inlen;
  if (s->step != HS_RECV_RESPONSE && s->step != HS_RECV_CHALLENGE &&
      s->step != HS_RECV_WELCOME)
    return 0;
  return s->inlen < 4 ? 4 - s->inlen : 4 + s->need - s->inlen;
}

int mproc__auth_server_received(mproc__auth_server_t *s, size_t n) {
  s->inlen += n;
  if (s->inlen == 4) {
    int rc = mproc__frame_length(s->in, MPROC__AUTH_MSG_MAX, &s->need);
    if (rc < 0) {
      s->step = HS_FAILED;
      return rc;
    }
  }
  if (s->inlen < 4 || s->inlen < 4 + s->need)
    return 0;
  const uint8_t *msg = s->in + 4;
  size_t len = s->need;
  s->need = 0;
  switch (s->step) {
  case HS_RECV_RESPONSE:
    s->failed = !mproc__auth_response_ok(msg, len, &s->expect);
    if (s->failed)
      hs_queue(s, MPROC__AUTH_FAILURE, sizeof MPROC__AUTH_FAILURE - 1,
               HS_SEND_VERDICT);
    else
      hs_queue(s, MPROC__AUTH_WELCOME, sizeof MPROC__AUTH_WELCOME - 1,
               HS_SEND_VERDICT);
    return 0;
  case HS_RECV_CHALLENGE: {
    uint8_t resp[MPROC__AUTH_RESPONSE_LEN];
    size_t rlen = 0;
    int rc =
        mproc__auth_challenge_answer(msg, len, s->key, s->keylen, resp, &rlen);
    if (rc < 0) {
      s->step = HS_FAILED;
      return rc;
    }
    hs_queue(s, resp, rlen, HS_SEND_ANSWER);
    return 0;
  }
  case HS_RECV_WELCOME:
    if (!mproc__auth_welcome_ok(msg, len)) {
      s->step = HS_FAILED;
      return mproc__err(MPROC_E_PERM,
                        "authentication failed: the client refused the key");
    }
    s->step = HS_DONE;
    return 1;
  default:
    return 0;
  }
}
