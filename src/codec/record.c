/*
 * The start record: what a spawned child is started with, whatever the
 * start method, in the value encoding:
 *
 *   record  := "MPR" 0x01, u8 daemon, u32 length, function name,
 *              u8 key length (0 or 32), the process auth key, values
 *
 * Encoding it is the only time the sharing rule lets inherit-only objects
 * through (the spawning context of object.c); decoding it the only time
 * they are rebuilt.
 */
#include "auth.h"
#include "codec/codec.h"

#include <stdlib.h>
#include <string.h>

int mproc__record_encode(mproc__spawn_ctx_t *ctx,
                         const mproc__child_spec_t *spec, uint8_t **buf,
                         size_t *len) {
  mproc__wbuf_t b = {0};
  size_t name_len = strlen(spec->fn_name);
  mproc__put_raw(&b, "MPR\x01", 4);
  mproc__put_u8(&b, spec->daemon ? 1 : 0);
  mproc__put_u32(&b, (uint32_t)name_len);
  mproc__put_raw(&b, spec->fn_name, name_len);
  /* The process auth key, which children inherit (CPython's
   * current_process().authkey): 0 or MPROC_AUTHKEY_LEN bytes. */
  const uint8_t *key = mproc__authkey_get();
  mproc__put_u8(&b, key ? MPROC_AUTHKEY_LEN : 0);
  if (key)
    mproc__put_raw(&b, key, MPROC_AUTHKEY_LEN);
  /* The spawning context is set only for the duration of this encoding,
   * like CPython's set_spawning_popen(). */
  mproc__spawn_ctx_t *prev = mproc__spawning_set(ctx);
  int rc = mproc__values_encode(&b, spec->args, spec->nargs);
  mproc__spawning_set(prev);
  if (rc < 0) {
    free(b.p);
    return rc;
  }
  *buf = b.p;
  *len = b.len;
  return 0;
}

int mproc__record_decode(const uint8_t *buf, size_t len, char **fn_name,
                         bool *daemon, mproc_value_t **vals, size_t *n) {
  mproc__rbuf_t r = {buf, len, 0, false};
  const uint8_t *magic = mproc__get_raw(&r, 4);
  uint8_t d = mproc__get_u8(&r);
  uint32_t name_len = mproc__get_u32(&r);
  const uint8_t *name = mproc__get_raw(&r, name_len);
  uint8_t key_len = mproc__get_u8(&r);
  const uint8_t *key = mproc__get_raw(&r, key_len);
  if (!r.err && key_len == MPROC_AUTHKEY_LEN)
    mproc__authkey_set(key);
  if (r.err || (key_len != 0 && key_len != MPROC_AUTHKEY_LEN) ||
      memcmp(magic, "MPR\x01", 4) != 0 || d > 1 || name_len == 0 ||
      memchr(name, 0, name_len))
    return mproc__err(MPROC_E_DECODE, "malformed start record");
  char *s = malloc((size_t)name_len + 1);
  if (!s)
    return mproc__err(MPROC_E_NOMEM, "decoding the start record");
  memcpy(s, name, name_len);
  s[name_len] = '\0';
  mproc__decoding_start_set(true);
  int rc = mproc__values_decode(&r, true, vals, n);
  mproc__decoding_start_set(false);
  if (rc < 0) {
    free(s);
    return rc;
  }
  *fn_name = s;
  *daemon = d == 1;
  return 0;
}
