/* SPDX-License-Identifier: MIT */
/*
 * POSIX shared memory: an anonymous file (memfd on Linux; elsewhere, and
 * in the portable backend, shm_open with the name unlinked at once) mapped
 * MAP_SHARED. Fork children inherit the mapping; spawn children receive the
 * descriptor. Nothing is ever left in /dev/shm.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "fault.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t page_round(size_t size) {
  long page = sysconf(_SC_PAGESIZE);
  size_t p = page > 0 ? (size_t)page : 4096;
  return (size + p - 1) / p * p;
}

static int anon_fd(void) {
  int fd;
#if defined(__linux__) && defined(MFD_CLOEXEC) && !defined(MPROC_POSIX_PORTABLE)
  fd = MPROC__FAIL(MEMFD) ? -1 : memfd_create("mproc", MFD_CLOEXEC);
  if (fd >= 0 || errno != ENOSYS)
    return fd;
#endif
  static volatile uint32_t counter;
  char name[64];
  for (int tries = 0; tries < 100; tries++) {
    snprintf(name, sizeof name, "/mproc-%lld-%u-%lld", (long long)getpid(),
             (unsigned)mproc__fetch_add32(&counter, 1),
             (long long)(mproc__now_ns() & 0xffffff));
    fd = MPROC__FAIL(SHM_OPEN)
             ? -1
             : shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {
      shm_unlink(name);
      fcntl(fd, F_SETFD, FD_CLOEXEC);
      return fd;
    }
    if (errno != EEXIST)
      return -1;
  }
  return -1;
}

int mproc__shm_create(mproc__shm_t *shm, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = -1;
  size = page_round(size);
  int fd = anon_fd();
  if (fd < 0)
    return mproc__err_os("creating shared memory");
  if (MPROC__FAIL(FTRUNCATE) || ftruncate(fd, (off_t)size) < 0) {
    int rc = mproc__err_os("sizing shared memory");
    close(fd);
    return rc;
  }
  void *addr = MPROC__FAIL(MMAP) ? MAP_FAILED
                                 : mmap(NULL, size, PROT_READ | PROT_WRITE,
                                        MAP_SHARED, fd, 0);
  if (addr == MAP_FAILED) {
    int rc = mproc__err_os("mapping shared memory");
    close(fd);
    return rc;
  }
  shm->addr = addr;
  shm->size = size;
  shm->h = fd;
  return 0;
}

int mproc__shm_attach(mproc__shm_t *shm, mproc__handle_t h, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = h;
  /* The descriptor arrived without close-on-exec; later spawn children get
   * it only if it is passed to them. */
  fcntl(h, F_SETFD, FD_CLOEXEC);
  struct stat st;
  if (MPROC__FAIL(FSTAT) || fstat(h, &st) < 0 || st.st_size < 0 ||
      (size_t)st.st_size < size) {
    int rc = mproc__err(MPROC_E_DECODE,
                        "received shared memory is missing or too small");
    mproc__shm_close(shm);
    return rc;
  }
  void *addr = MPROC__FAIL(MMAP)
                   ? MAP_FAILED
                   : mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, h, 0);
  if (addr == MAP_FAILED) {
    int rc = mproc__err_os("mapping received shared memory");
    mproc__shm_close(shm);
    return rc;
  }
  shm->addr = addr;
  shm->size = size;
  return 0;
}

void mproc__shm_adopt(mproc__shm_t *shm, mproc__handle_t h) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = h;
  /* As in attach: the descriptor arrived without close-on-exec. */
  if (h >= 0)
    fcntl(h, F_SETFD, FD_CLOEXEC);
}

void mproc__shm_close(mproc__shm_t *shm) {
  if (shm->addr)
    munmap(shm->addr, shm->size);
  if (shm->h >= 0)
    close(shm->h);
  shm->addr = NULL;
  shm->size = 0;
  shm->h = -1;
}
