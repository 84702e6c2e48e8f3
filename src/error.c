/* SPDX-License-Identifier: MIT */
/*
 * Status codes and the per-thread detail message.
 *
 * The codes, their names and their messages come from one list,
 * MPROC_ERRNO_MAP in mproc.h. The backends translate OS error numbers at
 * the edge (mproc__err_os), so that EAGAIN, EMFILE and ENOSPC are all
 * MPROC_E_LIMIT to a portable caller; the number itself is kept beside the
 * detail message for the caller who needs it (mproc_last_os_error(), as
 * SQLite keeps sqlite3_system_errno()).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MPROC__DETAIL_MAX 512

/*
 * The detail: in `detail` when it fits, else in `long_detail`, a heap copy
 * owned by the thread (`current` says which). A task's error message can
 * be a megabyte (CPython delivers it whole), so a fixed buffer alone would
 * cut it; a heap buffer alone would cost every failing call an allocation,
 * and an allocation failure would lose the message it was to hold. The long
 * buffer lives only while the detail is long: the next short detail (or a
 * clear) frees it, so a thread that ends keeps at most that one buffer,
 * which no thread-exit hook (there is none portable for plain TLS) frees.
 */
static MPROC__TLS char detail[MPROC__DETAIL_MAX];
static MPROC__TLS char *long_detail;
static MPROC__TLS const char *current;
/* The OS error number behind the detail, 0 when it came from no OS call. */
static MPROC__TLS long os_error;

const char *mproc_version(void) {
  return MPROC_VERSION_STRING;
}

const char *mproc_strerror(int status) {
  switch (status) {
  case MPROC_OK:
    return "success";
#define MPROC__XX(name, num, msg)                                              \
  case MPROC_##name:                                                           \
    return msg;
    MPROC_ERRNO_MAP(MPROC__XX)
#undef MPROC__XX
  default:
    return "unknown mproc status";
  }
}

const char *mproc_err_name(int status) {
  switch (status) {
  case MPROC_OK:
    return "MPROC_OK";
#define MPROC__XX(name, num, msg)                                              \
  case MPROC_##name:                                                           \
    return "MPROC_" #name;
    MPROC_ERRNO_MAP(MPROC__XX)
#undef MPROC__XX
  default:
    return "MPROC_E_UNKNOWN";
  }
}

const char *mproc_last_error(void) {
  return current ? current : detail;
}

long mproc_last_os_error(void) {
  return os_error;
}

/* Makes the detail the short one, freeing a long one. */
static void detail_short(void) {
  free(long_detail);
  long_detail = NULL;
  current = detail;
}

/* Formats into the detail. Through a copy: the arguments may be the detail
 * itself (a message that wraps the previous one, short or long), and
 * vsnprintf() into its own argument is undefined; so the old long buffer
 * is freed only once the new text is formatted. */
static void detail_vset(const char *fmt, va_list ap) {
  char now[MPROC__DETAIL_MAX];
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(now, sizeof now, fmt, ap);
  char *big = NULL;
  if (n >= (int)sizeof now) {
    big = malloc((size_t)n + 1);
    if (big)
      vsnprintf(big, (size_t)n + 1, fmt, again);
    /* Out of memory: keep the first MPROC__DETAIL_MAX - 1 bytes. */
  }
  va_end(again);
  if (big) {
    free(long_detail);
    long_detail = big;
    current = long_detail;
    return;
  }
  memcpy(detail, now, sizeof detail);
  detail_short();
}

int mproc__err(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  detail_vset(fmt, ap);
  va_end(ap);
  os_error = 0;
  return status;
}

int mproc__err_wrap(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  detail_vset(fmt, ap);
  va_end(ap);
  return status;
}

void mproc__err_set_os(long code) {
  os_error = code;
}

void mproc__err_clear(void) {
  detail[0] = '\0';
  /* No free(NULL) call: a pool's worker clears before every task. */
  if (long_detail)
    detail_short();
  else
    current = detail;
  os_error = 0;
}
