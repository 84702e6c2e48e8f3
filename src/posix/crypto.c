/* SPDX-License-Identifier: MIT */
/*
 * Randomness from the kernel (getrandom, /dev/urandom elsewhere) and
 * HMAC-SHA256 and HMAC-MD5 (the handshake of CPython 3.8-3.11) from
 * OpenSSL's libcrypto: the manager's auth keys and challenges never use a
 * hand-written hash or generator.
 *
 * libcrypto is loaded with dlopen() the first time a manager needs an HMAC,
 * not linked: linking it would make every exec of every mproc program (each
 * spawn child) load and relocate its 4.5 MB, about 4 ms here, which would
 * double the cost of starting a spawn child.
 */
#define _GNU_SOURCE
#include "fault.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

int mproc__random_bytes(void *buf, size_t n) {
  uint8_t *p = buf;
#if defined(__linux__)
  while (n) {
    ssize_t r = MPROC__FAIL(RANDOM) ? -1 : getrandom(p, n, 0);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return mproc__err_os("getrandom");
    }
    p += r;
    n -= (size_t)r;
  }
  return 0;
#else
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return mproc__err_os("/dev/urandom");
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) {
      if (r < 0 && errno == EINTR)
        continue;
      close(fd);
      return mproc__err(MPROC_E_SYS, "reading /dev/urandom failed");
    }
    p += r;
    n -= (size_t)r;
  }
  close(fd);
  return 0;
#endif
}

/* OpenSSL's one-shot HMAC(), EVP_sha256() and EVP_md5(), as declared in
 * <openssl/hmac.h> and <openssl/evp.h> (stable since 1.1). */
typedef const void *(*evp_md_fn)(void);
typedef unsigned char *(*hmac_fn)(const void *md, const void *key, int keylen,
                                  const unsigned char *d, size_t n,
                                  unsigned char *out, unsigned int *outlen);

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static evp_md_fn p_evp_sha256, p_evp_md5;
static hmac_fn p_hmac;

static void crypto_load(void) {
  static const char *const names[] = {"libcrypto.so.3", "libcrypto.so.1.1",
                                      "libcrypto.so", "libcrypto.dylib"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h)
      continue;
    /* Through a union: ISO C has no conversion from void * to a function
     * pointer, which dlsym() needs. */
    union {
      void *obj;
      evp_md_fn md;
      hmac_fn hmac;
    } a, b, c;
    a.obj = dlsym(h, "EVP_sha256");
    b.obj = dlsym(h, "HMAC");
    c.obj = dlsym(h, "EVP_md5");
    if (a.obj && b.obj) {
      p_evp_sha256 = a.md;
      p_hmac = b.hmac;
      /* A libcrypto built without MD5 still serves CPython 3.12+ peers. */
      p_evp_md5 = c.obj ? c.md : NULL;
      return; /* stays loaded for the life of the process */
    }
    dlclose(h);
  }
}

static int hmac_with(evp_md_fn *md, const char *name, const void *key,
                     size_t keylen, const void *msg, size_t len, uint8_t *out,
                     unsigned int want) {
  unsigned int outlen = 0;
  if (keylen > 0x7fffffff)
    return mproc__err(MPROC_E_INVAL, "HMAC key of %zu bytes", keylen);
  pthread_once(&crypto_once, crypto_load);
  if (!p_hmac)
    return mproc__err(MPROC_E_NOTSUP,
                      "managers need OpenSSL's libcrypto (libcrypto.so.3), "
                      "which could not be loaded");
  if (!*md)
    return mproc__err(MPROC_E_NOTSUP, "this libcrypto has no %s", name);
  if (MPROC__FAIL(HMAC) ||
      !p_hmac((*md)(), key, (int)keylen, msg, len, out, &outlen) ||
      outlen != want)
    return mproc__err(MPROC_E_SYS, "HMAC-%s failed", name);
  return 0;
}

int mproc__hmac_sha256(const void *key, size_t keylen, const void *msg,
                       size_t len, uint8_t out[32]) {
  return hmac_with(&p_evp_sha256, "SHA256", key, keylen, msg, len, out, 32);
}

int mproc__hmac_md5(const void *key, size_t keylen, const void *msg, size_t len,
                    uint8_t out[16]) {
  return hmac_with(&p_evp_md5, "MD5", key, keylen, msg, len, out, 16);
}
