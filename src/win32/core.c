/* SPDX-License-Identifier: MIT */
/*
 * Windows core: error translation, clock, process and thread ids.
 */
#include "internal.h"

#include <string.h>

/* Win32 error codes become mproc codes here and nowhere else. */
static int status_of(DWORD code) {
  switch (code) {
  case ERROR_NOT_ENOUGH_MEMORY:
  case ERROR_OUTOFMEMORY:
  case ERROR_COMMITMENT_LIMIT:
    return MPROC_E_NOMEM;
  case ERROR_ACCESS_DENIED:
  case ERROR_PRIVILEGE_NOT_HELD:
    return MPROC_E_PERM;
  case ERROR_INVALID_HANDLE:
  case ERROR_INVALID_PARAMETER:
  case ERROR_BAD_LENGTH:
  case ERROR_INVALID_NAME:
    return MPROC_E_INVAL;
  case ERROR_TOO_MANY_OPEN_FILES:
  case ERROR_NO_SYSTEM_RESOURCES:
  case ERROR_NOT_ENOUGH_QUOTA:
  case ERROR_TOO_MANY_SEMAPHORES:
  case ERROR_TOO_MANY_POSTS:
    return MPROC_E_LIMIT;
  case ERROR_BROKEN_PIPE:
  case ERROR_NO_DATA:
  case ERROR_PIPE_NOT_CONNECTED:
    return MPROC_E_CLOSED;
  case WAIT_TIMEOUT:
  case ERROR_TIMEOUT:
  case ERROR_SEM_TIMEOUT:
    return MPROC_E_TIMEOUT;
  case ERROR_FILE_NOT_FOUND:
  case ERROR_PATH_NOT_FOUND:
    return MPROC_E_NOTFOUND;
  case ERROR_NOT_SUPPORTED:
  case ERROR_CALL_NOT_IMPLEMENTED:
    return MPROC_E_NOTSUP;
  case ERROR_PIPE_BUSY:
    return MPROC_E_BUSY;
  default:
    return MPROC_E_SYS;
  }
}

/* The system's text for @p code as UTF-8 without the trailing newline, or
 * "" when there is none. */
static void os_text(DWORD code, char *out, size_t cap) {
  wchar_t wbuf[512];
  /* English first, so that messages do not depend on the machine's UI
   * language; any language if the English text is not installed. */
  DWORD flags = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
  DWORD n = FormatMessageW(flags, NULL, code,
                           MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), wbuf,
                           (DWORD)(sizeof wbuf / sizeof wbuf[0]), NULL);
  if (n == 0)
    n = FormatMessageW(flags, NULL, code, 0, wbuf,
                       (DWORD)(sizeof wbuf / sizeof wbuf[0]), NULL);
  while (n > 0 && (wbuf[n - 1] == L'\r' || wbuf[n - 1] == L'\n' ||
                   wbuf[n - 1] == L' ' || wbuf[n - 1] == L'.'))
    n--;
  out[0] = '\0';
  if (n == 0)
    return;
  int m = WideCharToMultiByte(CP_UTF8, 0, wbuf, (int)n, out, (int)cap - 1, NULL,
                              NULL);
  out[m > 0 ? m : 0] = '\0';
}

int mproc__err_os_code(long code, const char *what) {
  DWORD c = (DWORD)code;
  int status = status_of(c);
  char text[1024];
  os_text(c, text, sizeof text);
  if (text[0])
    mproc__err(status, "%s: %s", what, text);
  else
    mproc__err(status, "%s: Win32 error %lu", what, (unsigned long)c);
  mproc__err_set_os(code);
  return status;
}

int mproc__err_os(const char *what) {
  return mproc__err_os_code((long)GetLastError(), what);
}

int64_t mproc__now_ns(void) {
  /* QueryPerformanceFrequency is fixed at boot and reading it costs no
   * system call, so it is not cached. */
  LARGE_INTEGER f, c;
  QueryPerformanceFrequency(&f);
  QueryPerformanceCounter(&c);
  int64_t q = c.QuadPart / f.QuadPart;
  int64_t r = c.QuadPart % f.QuadPart;
  return q * 1000000000 + r * 1000000000 / f.QuadPart;
}

/* Both read the thread environment block: no system call, nothing to
 * cache, and there is no fork to invalidate them. */
int64_t mproc__getpid(void) {
  return (int64_t)GetCurrentProcessId();
}

uint32_t mproc__thread_id(void) {
  /* Thread ids are never 0 and are unique machine-wide while the thread
   * lives (they share one namespace with process ids). */
  return (uint32_t)GetCurrentThreadId();
}

void mproc__mem_prefault(void *p, size_t n) {
  /* Windows commits a page on its first touch; nothing to ask for. */
  (void)p;
  (void)n;
}

unsigned mproc__cpu_count(void) {
  DWORD_PTR proc_mask, sys_mask;
  if (GetProcessAffinityMask(GetCurrentProcess(), &proc_mask, &sys_mask)) {
    unsigned n = 0;
    for (; proc_mask; proc_mask &= proc_mask - 1)
      n++;
    if (n)
      return n;
  }
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  return si.dwNumberOfProcessors ? (unsigned)si.dwNumberOfProcessors : 1;
}
