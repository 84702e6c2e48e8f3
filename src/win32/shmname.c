/* SPDX-License-Identifier: MIT */
/*
 * Windows named shared memory: a pagefile-backed file mapping named
 * "Local\<name>". The kernel deletes it when its last handle closes, so
 * nothing outlives the processes that use it, crashed or not; unlink has
 * nothing to remove.
 */
#include "win32.h"

#include <stdio.h>

static int wide_name(wchar_t *buf, size_t cap, const char *name) {
  char tmp[300];
  int n = snprintf(tmp, sizeof tmp, "Local\\%s", name);
  if (n < 0 || (size_t)n >= sizeof tmp)
    return mproc__err(MPROC_E_VALUE, "shared memory name too long");
  if (!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, tmp, -1, buf,
                           (int)cap))
    return mproc__err(MPROC_E_VALUE, "shared memory name is not UTF-8");
  return 0;
}

int mproc__named_shm_open(mproc__shm_t *shm, const char *name, size_t size,
                          bool create) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = MPROC__INVALID_HANDLE;
  wchar_t wname[300];
  int rc = wide_name(wname, 300, name);
  if (rc < 0)
    return rc;
  HANDLE h;
  if (create) {
    uint64_t s64 = (uint64_t)size;
    h = MPROC__FAIL(CREATE_FILE_MAPPING)
            ? NULL
            : CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                                 (DWORD)(s64 >> 32), (DWORD)s64, wname);
    if (h && GetLastError() == ERROR_ALREADY_EXISTS) {
      CloseHandle(h);
      mproc__err(MPROC_E_BUSY, "shared memory '%s' already exists", name);
      mproc__err_set_os(ERROR_ALREADY_EXISTS);
      return MPROC_E_BUSY;
    }
    if (!h)
      return mproc__err_os("creating named shared memory");
  } else {
    h = MPROC__FAIL(CREATE_FILE_MAPPING)
            ? NULL
            : OpenFileMappingW(FILE_MAP_READ | FILE_MAP_WRITE, FALSE, wname);
    if (!h) {
      if (GetLastError() == ERROR_FILE_NOT_FOUND) {
        mproc__err(MPROC_E_NOTFOUND, "no shared memory named '%s'", name);
        mproc__err_set_os(ERROR_FILE_NOT_FOUND);
        return MPROC_E_NOTFOUND;
      }
      return mproc__err_os("opening named shared memory");
    }
  }
  void *addr = MPROC__FAIL(MAP_VIEW)
                   ? NULL
                   : MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0,
                                   create ? size : 0);
  if (!addr) {
    rc = mproc__err_os("mapping named shared memory");
    CloseHandle(h);
    return rc;
  }
  if (!create) {
    /* The view covers the whole section, rounded up to a page. */
    MEMORY_BASIC_INFORMATION mbi;
    if (!VirtualQuery(addr, &mbi, sizeof mbi)) {
      rc = mproc__err_os("sizing named shared memory");
      UnmapViewOfFile(addr);
      CloseHandle(h);
      return rc;
    }
    size = mbi.RegionSize;
  }
  shm->addr = addr;
  shm->size = size;
  shm->h = h;
  return 0;
}

int mproc__named_shm_unlink(const char *name) {
  (void)name;
  return 0;
}
