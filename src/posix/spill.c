/* SPDX-License-Identifier: MIT */
/*
 * POSIX queue spill segments: shm_open("/<name>", O_CREAT | O_EXCL, 0600),
 * so that a process which inherited the queue before the segment existed
 * reaches it by name (a memfd would need a descriptor passed after the
 * fact, which fork and spawn children cannot receive). The space is
 * reserved with posix_fallocate() at creation: ftruncate() alone makes a
 * sparse file, and on a full tmpfs the first store into a hole raises
 * SIGBUS in whichever process touches it, long after the put returned.
 */
#define _GNU_SOURCE /* with -std=c11, POSIX and Linux interfaces */
#include "posix.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Segments are mapped with their pages in place (Linux): a 4 MiB segment
 * is written and read whole, and faulting it in a page at a time cost
 * more than the copies of the 64-byte messages it holds (1,024 faults per
 * segment on each side, each a trap to a hypervisor on a virtual
 * machine); one populating mmap is a single walk over pages that
 * posix_fallocate() has already allocated. */
#ifdef MAP_POPULATE
#define SEG_MAP_FLAGS (MAP_SHARED | MAP_POPULATE)
#else
#define SEG_MAP_FLAGS MAP_SHARED
#endif

static int os_name(char *buf, size_t cap, const char *name) {
  return mproc__posix_shm_path(buf, cap, name, "spill segment");
}

/* Out of space or descriptors is the queue's limit, not a system error. */
static int space_err(int e, const char *what, const char *name, size_t size) {
  mproc__err(MPROC_E_LIMIT,
             "%s '%s' (%zu bytes): %s; the queue cannot spill further", what,
             name, size, strerror(e));
  mproc__err_set_os(e);
  return MPROC_E_LIMIT;
}

int mproc__spill_create(mproc__shm_t *shm, const char *name, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = -1;
  char path[300];
  int rc = os_name(path, sizeof path, name);
  if (rc < 0)
    return rc;
  int fd = MPROC__FAIL(SHM_OPEN)
               ? -1
               : shm_open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int e = errno;
    if (e == ENOSPC || e == EMFILE || e == ENFILE || e == ENOMEM)
      return space_err(e, "creating spill segment", name, size);
    return mproc__err_os("creating spill segment");
  }
  int e = MPROC__FAIL(FTRUNCATE) ? ENOSPC : posix_fallocate(fd, 0, (off_t)size);
  if (e != 0) {
    close(fd);
    shm_unlink(path);
    return space_err(e, "reserving spill segment", name, size);
  }
  void *addr = MPROC__FAIL(MMAP) ? MAP_FAILED
                                 : mmap(NULL, size, PROT_READ | PROT_WRITE,
                                        SEG_MAP_FLAGS, fd, 0);
  if (addr == MAP_FAILED) {
    e = errno;
    close(fd);
    shm_unlink(path);
    return space_err(e, "mapping spill segment", name, size);
  }
  /* The mapping keeps the memory; a descriptor per segment would only use
   * up the process's table. */
  close(fd);
  shm->addr = addr;
  shm->size = size;
  return 0;
}

int mproc__spill_open(mproc__shm_t *shm, const char *name, size_t size) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = -1;
  char path[300];
  int rc = os_name(path, sizeof path, name);
  if (rc < 0)
    return rc;
  int fd = MPROC__FAIL(SHM_OPEN) ? -1 : shm_open(path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0) {
    if (errno == ENOENT) {
      mproc__err(MPROC_E_NOTFOUND, "spill segment '%s' is gone", name);
      mproc__err_set_os(ENOENT);
      return MPROC_E_NOTFOUND;
    }
    return mproc__err_os("opening spill segment");
  }
  /* Never map past the end of the file: a shorter file (not ours, or
   * truncated by someone) would SIGBUS on access instead of failing here. */
  struct stat st;
  if (MPROC__FAIL(FSTAT) || fstat(fd, &st) < 0 || st.st_size < 0 ||
      (size_t)st.st_size < size) {
    close(fd);
    return mproc__err(MPROC_E_DECODE, "spill segment '%s' is too small", name);
  }
  void *addr = MPROC__FAIL(MMAP) ? MAP_FAILED
                                 : mmap(NULL, size, PROT_READ | PROT_WRITE,
                                        SEG_MAP_FLAGS, fd, 0);
  if (addr == MAP_FAILED) {
    rc = mproc__err_os("mapping spill segment");
    close(fd);
    return rc;
  }
  close(fd);
  shm->addr = addr;
  shm->size = size;
  return 0;
}

void mproc__spill_unlink(const char *name, const char *gone) {
  /* shm_unlink removes the name at once, mapped or not: nothing to rename
   * out of the way. */
  (void)gone;
  char path[300];
  if (os_name(path, sizeof path, name) == 0)
    shm_unlink(path);
}

void mproc__spill_reap(const char *gone) {
  (void)gone;
}

void mproc__spill_sweep(const char *prefix, bool (*stale)(const char *name)) {
  /* shm_open names live in /dev/shm on Linux (glibc and musl); elsewhere
   * there is no portable listing, and nothing is swept. */
  DIR *d = opendir("/dev/shm");
  if (!d)
    return;
  size_t plen = strlen(prefix);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, plen) == 0 && stale(e->d_name))
      mproc__spill_unlink(e->d_name, NULL);
  }
  closedir(d);
}
