/* SPDX-License-Identifier: MIT */
/*
 * POSIX named shared memory: shm_open("/<name>"), so the segment appears
 * as /dev/shm/<name> on Linux until it is unlinked.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "posix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int mproc__posix_shm_path(char *buf, size_t cap, const char *name,
                          const char *what) {
  int n = snprintf(buf, cap, "/%s", name);
  if (n < 0 || (size_t)n >= cap)
    return mproc__err(MPROC_E_VALUE, "%s name too long", what);
  return 0;
}

static int os_name(char *buf, size_t cap, const char *name) {
  return mproc__posix_shm_path(buf, cap, name, "shared memory");
}

int mproc__named_shm_open(mproc__shm_t *shm, const char *name, size_t size,
                          bool create) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = -1;
  char path[300];
  int rc = os_name(path, sizeof path, name);
  if (rc < 0)
    return rc;
  int fd =
      MPROC__FAIL(SHM_OPEN)
          ? -1
          : shm_open(path, create ? O_RDWR | O_CREAT | O_EXCL : O_RDWR, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      mproc__err(MPROC_E_BUSY, "shared memory '%s' already exists", name);
      mproc__err_set_os(EEXIST);
      return MPROC_E_BUSY;
    }
    return mproc__err_os(create ? "creating named shared memory"
                                : "opening named shared memory");
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (create) {
    if (MPROC__FAIL(FTRUNCATE) || ftruncate(fd, (off_t)size) < 0) {
      rc = mproc__err_os("sizing named shared memory");
      close(fd);
      shm_unlink(path);
      return rc;
    }
  } else {
    struct stat st;
    if (MPROC__FAIL(FSTAT) || fstat(fd, &st) < 0 || st.st_size <= 0) {
      rc = mproc__err(MPROC_E_DECODE, "shared memory '%s' is empty", name);
      close(fd);
      return rc;
    }
    size = (size_t)st.st_size;
  }
  void *addr = MPROC__FAIL(MMAP) ? MAP_FAILED
                                 : mmap(NULL, size, PROT_READ | PROT_WRITE,
                                        MAP_SHARED, fd, 0);
  if (addr == MAP_FAILED) {
    rc = mproc__err_os("mapping named shared memory");
    close(fd);
    if (create)
      shm_unlink(path);
    return rc;
  }
  shm->addr = addr;
  shm->size = size;
  shm->h = fd;
  return 0;
}

int mproc__named_shm_unlink(const char *name) {
  char path[300];
  int rc = os_name(path, sizeof path, name);
  if (rc < 0)
    return rc;
  if (shm_unlink(path) < 0)
    return mproc__err_os("unlinking named shared memory");
  return 0;
}
