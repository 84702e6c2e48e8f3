/* SPDX-License-Identifier: MIT */
/*
 * The start record: what a spawned child is started with, whatever the
 * start method, in the value encoding:
 *
 *   record  := "MPR" 0x03, u8 daemon, u8 start method, u8 exit join,
 *              u32 length, function name,
 *              u8 key length (0 or 32), the process auth key,
 *              str name, str identity, u64 parent pid, str parent name,
 *              u8 parent daemon, u64 error region (a handle, 0 for none),
 *              values
 *   str     := u32 length, bytes (no NUL)
 *
 * Version 3 added who the child is (its name and CPython's _identity, from
 * which its own children's names follow), who its parent is (for
 * mproc_parent_process()) and where mproc_process_fail() writes; a fork
 * child inherits all of it with its memory. A version 2 record still
 * decodes (a child started by an older parent through
 * mproc_set_executable()), and leaves them unknown.
 *
 * The start method (1 fork, 2 spawn, 3 forkserver) is the parent's default,
 * which the child takes as its own, as CPython's spawn preparation data carries
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

static void put_str(mproc__wbuf_t *b, const char *s) {
  size_t n = s ? strlen(s) : 0;
  mproc__put_u32(b, (uint32_t)n);
  mproc__put_raw(b, s, n);
}

/* A malloc'ed copy of a str, or NULL with r->err set (or on no memory,
 * *nomem set). */
static char *get_str(mproc__rbuf_t *r, bool *nomem) {
  uint32_t n = mproc__get_u32(r);
  const uint8_t *p = mproc__get_raw(r, n);
  if (r->err || (n && memchr(p, 0, n))) {
    r->err = true;
    return NULL;
  }
  char *s = malloc((size_t)n + 1);
  if (!s) {
    *nomem = true;
    return NULL;
  }
  if (n)
    memcpy(s, p, n);
  s[n] = '\0';
  return s;
}

int mproc__record_encode(mproc__spawn_ctx_t *ctx,
                         const mproc__child_spec_t *spec, uint8_t **buf,
                         size_t *len) {
  mproc__wbuf_t b = {0};
  size_t name_len = strlen(spec->fn_name);
  mproc__put_raw(&b, "MPR\x03", 4);
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
  put_str(&b, spec->name);
  put_str(&b, spec->identity);
  mproc__put_u64(&b, (uint64_t)spec->parent_pid);
  put_str(&b, spec->parent_name);
  mproc__put_u8(&b, spec->parent_daemon ? 1 : 0);
  uint64_t error_wire = 0;
  if (spec->error && spec->error->addr) {
    int rc = mproc__handle_reduce(ctx, spec->error->h, &error_wire);
    if (rc < 0) {
      free(b.p);
      return rc;
    }
  }
  mproc__put_u64(&b, error_wire);
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

int mproc__record_fn_name(const uint8_t *buf, size_t len, char *out,
                          size_t cap) {
  mproc__rbuf_t r = {buf, len, 0, false};
  const uint8_t *magic = mproc__get_raw(&r, 4);
  uint8_t version = r.err ? 0 : magic[3];
  (void)mproc__get_u8(&r); /* daemon */
  if (version >= 2) {
    (void)mproc__get_u8(&r); /* start method */
    (void)mproc__get_u8(&r); /* exit join */
  }
  uint32_t n = mproc__get_u32(&r);
  const uint8_t *name = mproc__get_raw(&r, n);
  if (r.err || memcmp(magic, "MPR", 3) != 0 || version < 1 || version > 3 ||
      n == 0 || memchr(name, 0, n))
    return mproc__err(MPROC_E_DECODE, "malformed start record");
  if (n >= cap)
    return mproc__err(MPROC_E_TOOBIG, "a function name of %lu bytes",
                      (unsigned long)n);
  memcpy(out, name, n);
  out[n] = '\0';
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
  char *pname = NULL, *ident = NULL, *parent_name = NULL;
  uint64_t parent_pid = 0, error_wire = 0;
  uint8_t parent_daemon = 0;
  bool nomem = false;
  if (version >= 3 && !r.err) {
    pname = get_str(&r, &nomem);
    ident = get_str(&r, &nomem);
    parent_pid = mproc__get_u64(&r);
    parent_name = get_str(&r, &nomem);
    parent_daemon = mproc__get_u8(&r);
    error_wire = mproc__get_u64(&r);
  }
  int rc = 0;
  if (r.err || (key_len != 0 && key_len != MPROC_AUTHKEY_LEN) ||
      memcmp(magic, "MPR", 3) != 0 || version < 1 || version > 3 || d > 1 ||
      method > MPROC_START_FORKSERVER || join > 1 || name_len == 0 ||
      memchr(name, 0, name_len) || parent_daemon > 1 || parent_pid > INT64_MAX)
    rc = mproc__err(MPROC_E_DECODE, "malformed start record");
  else if (nomem)
    rc = mproc__err(MPROC_E_NOMEM, "decoding the start record");
  char *s = rc < 0 ? NULL : malloc((size_t)name_len + 1);
  if (!s && rc == 0)
    rc = mproc__err(MPROC_E_NOMEM, "decoding the start record");
  if (s) {
    memcpy(s, name, name_len);
    s[name_len] = '\0';
    mproc__decoding_start_set(true);
    rc = mproc__values_decode(&r, true, &out->vals, &out->n);
    mproc__decoding_start_set(false);
  }
  if (rc < 0) {
    free(s);
    free(pname);
    free(ident);
    free(parent_name);
    return rc;
  }
  out->fn_name = s;
  out->name = pname;
  out->identity = ident;
  out->parent_pid = (int64_t)parent_pid;
  out->parent_name = parent_name;
  out->parent_daemon = parent_daemon == 1;
  out->error_wire = error_wire;
  out->daemon = d == 1;
  out->method = (mproc_start_method_t)method;
  out->exit_join = join == 1;
  return 0;
}
