/*
 * Randomness and HMAC-SHA256 from OpenSSL's libcrypto: the manager's auth
 * keys and challenges never use a hand-written hash or generator.
 */
#include "internal.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

int mproc__random_bytes(void *buf, size_t n) {
  if (n > 0x7fffffff)
    return mproc__err(MPROC_E_INVAL, "random_bytes: %zu bytes", n);
  if (RAND_bytes(buf, (int)n) != 1)
    return mproc__err(MPROC_E_SYS, "RAND_bytes failed");
  return 0;
}

int mproc__hmac_sha256(const void *key, size_t keylen, const void *msg,
                       size_t len, uint8_t out[32]) {
  unsigned int outlen = 0;
  if (keylen > 0x7fffffff)
    return mproc__err(MPROC_E_INVAL, "HMAC key of %zu bytes", keylen);
  if (!HMAC(EVP_sha256(), key, (int)keylen, msg, len, out, &outlen) ||
      outlen != 32)
    return mproc__err(MPROC_E_SYS, "HMAC-SHA256 failed");
  return 0;
}
