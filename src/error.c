/*
 * Status codes and the per-thread detail message.
 *
 * The codes, their names and their messages come from one list,
 * MPROC_ERRNO_MAP in mproc.h. OS error numbers never reach the caller: the
 * backends translate them at the edge (mproc__err_os).
 */
#include "internal.h"

#include <stdio.h>

#define MPROC__DETAIL_MAX 512

static MPROC__TLS char detail[MPROC__DETAIL_MAX];

const char *mproc_version(void) {
  return "0.1.0";
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
  return detail;
}

int mproc__err(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  return status;
}

void mproc__err_clear(void) {
  detail[0] = '\0';
}
