/* SPDX-License-Identifier: MIT */
/*
 * Windows shared memory: an unnamed pagefile-backed file mapping. Nothing is
 * left in the object namespace; a spawn child receives the section handle
 * (duplicated into it by the parent) and maps it. The OS zero-fills it.
 */
#include "fault.h"

static size_t page_round(size_t size) {
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  size_t p = si.dwPageSize ? (size_t)si.dwPageSize : 4096;
  if (size == 0)
    size = 1;
  if (size > SIZE_MAX - p)
    return 0;
  return (size + p - 1) / p * p;
}

int mproc__shm_create(mproc__shm_t *shm, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = MPROC__INVALID_HANDLE;
  size = page_round(size);
  if (size == 0)
    return mproc__err(MPROC_E_TOOBIG, "shared memory size too large");
  uint64_t s64 = (uint64_t)size;
  HANDLE h =
      MPROC__FAIL(CREATE_FILE_MAPPING)
          ? NULL
          : CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                               (DWORD)(s64 >> 32), (DWORD)s64, NULL);
  if (!h)
    return mproc__err_os("creating shared memory");
  void *addr =
      MPROC__FAIL(MAP_VIEW)
          ? NULL
          : MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
  if (!addr) {
    int rc = mproc__err_os("mapping shared memory");
    CloseHandle(h);
    return rc;
  }
  shm->addr = addr;
  shm->size = size;
  shm->h = h;
  return 0;
}

int mproc__shm_attach(mproc__shm_t *shm, mproc__handle_t h, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = h;
  if (h == MPROC__INVALID_HANDLE || h == INVALID_HANDLE_VALUE || size == 0) {
    shm->h = MPROC__INVALID_HANDLE;
    return mproc__err(MPROC_E_DECODE, "received shared memory is missing");
  }
  /* Mapping more than the section holds fails, so a successful mapping of
   * @p size bytes is also the size check. */
  void *addr =
      MPROC__FAIL(MAP_VIEW)
          ? NULL
          : MapViewOfFile(h, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
  if (!addr) {
    DWORD e = GetLastError();
    int rc;
    if (e == ERROR_INVALID_HANDLE || e == ERROR_ACCESS_DENIED ||
        e == ERROR_INVALID_PARAMETER || e == ERROR_NOT_ENOUGH_MEMORY)
      rc = mproc__err(MPROC_E_DECODE,
                      "received shared memory is not valid or too small "
                      "(Win32 error %lu)",
                      (unsigned long)e);
    else
      rc = mproc__err_os_code((long)e, "mapping received shared memory");
    mproc__shm_close(shm);
    return rc;
  }
  shm->addr = addr;
  shm->size = size;
  return 0;
}

void mproc__shm_adopt(mproc__shm_t *shm, mproc__handle_t h) {
  /* Duplicated into this process as not inheritable already. */
  shm->addr = NULL;
  shm->size = 0;
  shm->h = h;
}

void mproc__shm_close(mproc__shm_t *shm) {
  if (shm->addr)
    UnmapViewOfFile(shm->addr);
  if (shm->h != MPROC__INVALID_HANDLE && shm->h != INVALID_HANDLE_VALUE)
    CloseHandle(shm->h);
  shm->addr = NULL;
  shm->size = 0;
  shm->h = MPROC__INVALID_HANDLE;
}
