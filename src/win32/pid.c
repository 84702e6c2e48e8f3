/* SPDX-License-Identifier: MIT */
/*
 * Windows: whether a process id still names the process that held
 * something. Ids are reused, so the start token is the process creation
 * time, which with the id names one process. A process is alive while its
 * handle is not signalled (GetExitCodeProcess's STILL_ACTIVE is ambiguous
 * for a process that exited with 259).
 */
#include "win32.h"

uint64_t mproc__pid_token(int64_t pid) {
  if (pid <= 0 || pid > (int64_t)UINT32_MAX)
    return 0;
  HANDLE h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
                         (DWORD)pid);
  if (!h)
    /* No such process; a process we may not open exists. */
    return GetLastError() == ERROR_ACCESS_DENIED ? 1 : 0;
  uint64_t t = 1;
  if (WaitForSingleObject(h, 0) != WAIT_TIMEOUT) {
    t = 0;
  } else {
    FILETIME c, e, k, u;
    if (GetProcessTimes(h, &c, &e, &k, &u))
      t = (((uint64_t)c.dwHighDateTime << 32) | c.dwLowDateTime) + 2;
  }
  CloseHandle(h);
  return t;
}

uint64_t mproc__self_token(void) {
  static volatile uint32_t done;
  static uint64_t cached;
  if (!mproc__load32(&done)) {
    FILETIME c, e, k, u;
    uint64_t t = 1;
    if (GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u))
      t = (((uint64_t)c.dwHighDateTime << 32) | c.dwLowDateTime) + 2;
    cached = t;
    mproc__store32(&done, 1);
  }
  return cached;
}

bool mproc__pid_alive(int64_t pid, uint64_t token) {
  uint64_t t = mproc__pid_token(pid);
  if (t == 0)
    return false;
  return token == 0 || t == 1 || token == 1 || t == token;
}
