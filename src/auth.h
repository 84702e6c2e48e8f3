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
 * answers a challenge whose digest is @p expect; the response to the
 * challenge @p msg; whether @p reply is a welcome. */
bool mproc__auth_response_ok(const uint8_t *resp, size_t rlen,
                             const uint8_t expect[32]);
int mproc__auth_challenge_answer(
    const uint8_t *msg, size_t len, const uint8_t *key, size_t keylen,
    uint8_t resp[sizeof MPROC__AUTH_DIGEST - 1 + 32]);
bool mproc__auth_welcome_ok(const uint8_t *reply, size_t len);

#endif /* MPROC_AUTH_H */
