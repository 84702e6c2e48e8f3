/* SPDX-License-Identifier: MIT */
/*
 * Randomness, HMAC-SHA256 and HMAC-MD5 (the handshake of CPython 3.8-3.11)
 * from BCrypt (CNG): the manager's auth keys and challenges never use a
 * hand-written hash or generator.
 */
#include "win32.h"

#include <bcrypt.h>

#ifndef BCRYPT_SUCCESS
#define BCRYPT_SUCCESS(s) (((NTSTATUS)(s)) >= 0)
#endif

int mproc__random_bytes(void *buf, size_t n) {
  if (n > 0x7fffffff)
    return mproc__err(MPROC_E_INVAL, "random_bytes: %zu bytes", n);
  NTSTATUS s = MPROC__FAIL(RANDOM)
                   ? (NTSTATUS)0xC0000001L /* STATUS_UNSUCCESSFUL */
                   : BCryptGenRandom(NULL, buf, (ULONG)n,
                                     BCRYPT_USE_SYSTEM_PREFERRED_RNG);
  if (!BCRYPT_SUCCESS(s))
    return mproc__err(MPROC_E_SYS, "BCryptGenRandom failed: 0x%lx",
                      (unsigned long)s);
  return 0;
}

static int hmac_with(LPCWSTR alg_id, const char *name, const void *key,
                     size_t keylen, const void *msg, size_t len, uint8_t *out,
                     ULONG outlen) {
  BCRYPT_ALG_HANDLE alg = NULL;
  BCRYPT_HASH_HANDLE h = NULL;
  int rc = 0;
  if (keylen > 0x7fffffff || len > 0x7fffffff)
    return mproc__err(MPROC_E_INVAL, "HMAC input too large");
  NTSTATUS s = MPROC__FAIL(HMAC)
                   ? (NTSTATUS)0xC0000017L /* STATUS_NO_MEMORY */
                   : BCryptOpenAlgorithmProvider(&alg, alg_id, NULL,
                                                 BCRYPT_ALG_HANDLE_HMAC_FLAG);
  if (BCRYPT_SUCCESS(s))
    s = BCryptCreateHash(alg, &h, NULL, 0, (PUCHAR)key, (ULONG)keylen, 0);
  if (BCRYPT_SUCCESS(s))
    s = BCryptHashData(h, (PUCHAR)msg, (ULONG)len, 0);
  if (BCRYPT_SUCCESS(s))
    s = BCryptFinishHash(h, out, outlen, 0);
  if (!BCRYPT_SUCCESS(s))
    rc = mproc__err(MPROC_E_SYS, "HMAC-%s (BCrypt) failed: 0x%lx", name,
                    (unsigned long)s);
  if (h)
    BCryptDestroyHash(h);
  if (alg)
    BCryptCloseAlgorithmProvider(alg, 0);
  return rc;
}

int mproc__hmac_sha256(const void *key, size_t keylen, const void *msg,
                       size_t len, uint8_t out[32]) {
  return hmac_with(BCRYPT_SHA256_ALGORITHM, "SHA256", key, keylen, msg, len,
                   out, 32);
}

int mproc__hmac_md5(const void *key, size_t keylen, const void *msg, size_t len,
                    uint8_t out[16]) {
  return hmac_with(BCRYPT_MD5_ALGORITHM, "MD5", key, keylen, msg, len, out, 16);
}
