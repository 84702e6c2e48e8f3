/* SPDX-License-Identifier: MIT */
/*
 * The process auth key and the HMAC handshake (auth.c). The key is made
 * once, before the first child exists, so fork children share it; spawn
 * children receive it in their start record (codec/record.c). Whoever
 * holds it is fully trusted, as in CPython.
 */
#ifndef MPROC_AUTH_H
#define MPROC_AUTH_H

#include "internal.h"

/* The handshake's messages, as CPython 3.12+ sends them. */
#define MPROC__AUTH_CHALLENGE "#CHALLENGE#"
#define MPROC__AUTH_WELCOME "#WELCOME#"
#define MPROC__AUTH_FAILURE "#FAILURE#"
#define MPROC__AUTH_DIGEST "{sha256}"
#define MPROC__AUTH_NONCE_LEN 40
/* No handshake message is longer (CPython's limit too). */
#define MPROC__AUTH_MSG_MAX 256
/* A challenge: MPROC__AUTH_CHALLENGE, MPROC__AUTH_DIGEST, the nonce; and a
 * response: MPROC__AUTH_DIGEST and the HMAC. */
#define MPROC__AUTH_CHALLENGE_LEN                                              \
  (sizeof MPROC__AUTH_CHALLENGE - 1 + sizeof MPROC__AUTH_DIGEST - 1 +          \
   MPROC__AUTH_NONCE_LEN)
#define MPROC__AUTH_RESPONSE_LEN (sizeof MPROC__AUTH_DIGEST - 1 + 32)
/*
 * CPython 3.8-3.11's handshake ("legacy"): a challenge is the marker and
 * 20 random bytes, a response the raw 16-byte HMAC-MD5 of what follows
 * the marker. 3.12+ tells them apart by length (no {digest} message is 16
 * or 20 bytes long), and so does mproc: it answers a legacy challenge in
 * MD5, and accepts a legacy client's MD5 answer to its own {sha256}
 * challenge (an old client hashes the whole message, digest name and
 * all, as 3.12+ verifies it).
 */
#define MPROC__AUTH_LEGACY_NONCE_LEN 20
#define MPROC__AUTH_LEGACY_RESPONSE_LEN 16

/* What a response to one of our challenges must be, in either form. */
typedef struct mproc__auth_expect {
  uint8_t sha256[32];
  uint8_t md5[16];
  bool md5_ok; /* false where the platform has no MD5 (then only 3.12+) */
} mproc__auth_expect_t;

/* The process auth key: made on first need (before any child is started),
 * carried to spawn children in their start record. */
int mproc__authkey_ensure(void);
const uint8_t *mproc__authkey_get(void); /* NULL until made */
void mproc__authkey_set(const uint8_t key[MPROC_AUTHKEY_LEN]);

/* Challenges the peer to prove it knows @p key; MPROC_E_PERM if not. */
int mproc__auth_deliver_challenge(mproc__net_t *c, const uint8_t *key,
                                  size_t keylen);
/* Answers the peer's challenge; MPROC_E_PERM if the peer refuses. */
int mproc__auth_answer_challenge(mproc__net_t *c, const uint8_t *key,
                                 size_t keylen);

/* The parsers of the handshake, for the fuzz target: whether @p resp
 * answers a challenge as @p expect says; the response to the challenge
 * @p msg (*rlen bytes: {sha256} and an HMAC-SHA256, or a legacy
 * challenge's raw HMAC-MD5); whether @p reply is a welcome. */
bool mproc__auth_response_ok(const uint8_t *resp, size_t rlen,
                             const mproc__auth_expect_t *expect);
int mproc__auth_challenge_answer(const uint8_t *msg, size_t len,
                                 const uint8_t *key, size_t keylen,
                                 uint8_t resp[MPROC__AUTH_RESPONSE_LEN],
                                 size_t *rlen);
bool mproc__auth_welcome_ok(const uint8_t *reply, size_t len);
/* A challenge with @p nonce (NULL: a random one, as always but in the fuzz
 * target), and what its response must be. */
int mproc__auth_challenge_make(const uint8_t *key, size_t keylen,
                               const uint8_t *nonce,
                               uint8_t msg[MPROC__AUTH_CHALLENGE_LEN],
                               mproc__auth_expect_t *expect);

/*
 * The tag that binds a proxy's address to a key (manager/proxy.c): a
 * process connects to a decoded proxy's address, and answers its challenge
 * with its own key, only if the tag verifies under that key, so that bytes
 * from someone without the key cannot point it at a foreign manager (which
 * would relay that manager's challenges through it, and log in). A tag
 * never serves as a challenge's response (a prefix of its own). tag_ok
 * compares in constant time; false also when the HMAC cannot be made.
 */
#define MPROC__AUTH_TAG_LEN 32
int mproc__auth_address_tag(const uint8_t *key, size_t keylen,
                            const char *address, size_t alen,
                            uint8_t tag[MPROC__AUTH_TAG_LEN]);
bool mproc__auth_address_tag_ok(const uint8_t *key, size_t keylen,
                                const char *address, size_t alen,
                                const uint8_t tag[MPROC__AUTH_TAG_LEN]);

/*
 * The server's side of the handshake (deliver, then answer) as a machine
 * that does no I/O, for a loop that must never wait on one client
 * (manager/handshake.c) and for the fuzz target. About 400 bytes, all of
 * what a connection costs until it has proved it knows the key. Use:
 * begin; then while output() has bytes, send some and report them with
 * sent(); else read at most input() bytes into its buffer and report them
 * with received(). sent() and received() return 0 to go on, 1 once the
 * peer is authenticated both ways (received() only), or a negative error
 * (MPROC_E_PERM, MPROC_E_TOOBIG for an oversized frame): close then.
 * Exactly the handshake's bytes are read, never what follows it.
 */
typedef struct mproc__auth_server {
  int step;
  bool failed;
  const uint8_t *key;
  size_t keylen;
  mproc__auth_expect_t expect;
  uint8_t out[4 + MPROC__AUTH_CHALLENGE_LEN];
  size_t outlen, outpos;
  uint8_t in[4 + MPROC__AUTH_MSG_MAX];
  size_t inlen, need;
} mproc__auth_server_t;
int mproc__auth_server_begin(mproc__auth_server_t *s, const uint8_t *key,
                             size_t keylen, const uint8_t *nonce);
size_t mproc__auth_server_output(const mproc__auth_server_t *s,
                                 const uint8_t **p);
int mproc__auth_server_sent(mproc__auth_server_t *s, size_t n);
size_t mproc__auth_server_input(mproc__auth_server_t *s, uint8_t **p);
int mproc__auth_server_received(mproc__auth_server_t *s, size_t n);

#endif /* MPROC_AUTH_H */
