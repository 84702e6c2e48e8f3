/*
 * The start record: what a spawned child is started with, whatever the
 * start method, in the value encoding:
 *
 *   record  := "MPR" 0x02, u8 daemon, u8 start method, u8 exit join,
 *              u32 length, function name,
 *              u8 key length (0 or 32), the process auth key, values
 *
 * The start method (1 fork, 2 spawn) is the parent's default, which the
 * child takes as its own, as CPython's spawn preparation data carries
 * get_start_method(): without it a spawned child's own children would be
 * forked whatever the program chose. Exit join (0 or 1) is the parent's
 * mproc_set_exit_join(), which a fork child inherits with its memory. A
 * version 0x01 record (a child started by an older parent, through
 * mproc_set_executable()) has neither byte and means the child's defaults.
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
  mproc__put_raw(&b, "MPR\x02", 4);
  mproc__put_u8(&b, spec->daemon ? 1 : 0);
  mproc__put_u8(&b, (uint8_t)mproc_get_start_method());
  mproc__put_u8(&b, mproc__exit_join_get() ? 1 : 0);
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

int mproc__record_decode(const uint8_t *buf, size_t len, mproc__record_t *out) {
  mproc__rbuf_t r = {buf, len, 0, false};
  const uint8_t *magic = mproc__get_raw(&r, 4);
  uint8_t version = r.err ? 0 : magic[3];
  uint8_t d = mproc__get_u8(&r);
  uint8_t method = MPROC_START_DEFAULT;
  uint8_t join = 1;
  if (version >= 2) {
    method = mproc__get_u8(&r);
    join = mproc__get_u8(&r);
  }
  uint32_t name_len = mproc__get_u32(&r);
  const uint8_t *name = mproc__get_raw(&r, name_len);
  uint8_t key_len = mproc__get_u8(&r);
  const uint8_t *key = mproc__get_raw(&r, key_len);
  if (!r.err && key_len == MPROC_AUTHKEY_LEN)
    mproc__authkey_set(key);
  if (r.err || (key_len != 0 && key_len != MPROC_AUTHKEY_LEN) ||
      memcmp(magic, "MPR", 3) != 0 || version < 1 || version > 2 || d > 1 ||
      method > MPROC_START_SPAWN || join > 1 || name_len == 0 ||
      memchr(name, 0, name_len))
    return mproc__err(MPROC_E_DECODE, "malformed start record");
  char *s = malloc((size_t)name_len + 1);
  if (!s)
    return mproc__err(MPROC_E_NOMEM, "decoding the start record");
  memcpy(s, name, name_len);
  s[name_len] = '\0';
  mproc__decoding_start_set(true);
  int rc = mproc__values_decode(&r, true, &out->vals, &out->n);
  mproc__decoding_start_set(false);
  if (rc < 0) {
    free(s);
    return rc;
  }
  out->fn_name = s;
  out->daemon = d == 1;
  out->method = (mproc_start_method_t)method;
  out->exit_join = join == 1;
  return 0;
}
