/* SPDX-License-Identifier: MIT */
/*
 * Windows queue spill segments: a file "<temp>\<name>" created with
 * CREATE_NEW, sized with SetEndOfFile (which allocates the clusters, so a
 * full disk fails here and not at a later store), and mapped.
 *
 * Why a file and not a named section ("Local\<name>", as shmname.c): a
 * section lives only while some process has a handle to it, and a spill
 * segment must outlive the producer that wrote it: the consumer that will
 * read it may not have opened it yet (a child that puts a million items
 * and exits before its parent drains them). Duplicating the handle into
 * every holder is no better: the creator does not know the holders, and
 * needs to be alive to do it. A file stays until it is deleted, like the
 * POSIX shm_open name, so both platforms release segments the same way
 * and the same creation-time sweep removes those of dead queues.
 */
#include "win32.h"

#include <stdio.h>
#include <string.h>

/* A path in the temporary directory: the directory (with its trailing
 * backslash) is looked up once per operation, and every name of that
 * operation (a segment and its "gone" name, the entries of a listing) is
 * appended to it in place. */
typedef struct seg_path {
  wchar_t buf[MAX_PATH + 200];
  size_t dir; /* characters of the directory */
} seg_path_t;

static int seg_dir(seg_path_t *sp) {
  DWORD n = GetTempPathW(MAX_PATH + 1, sp->buf);
  if (n == 0 || n > MAX_PATH)
    return mproc__err_os("finding the temporary directory");
  sp->dir = n;
  return 0;
}

/* The path of the wide name @p wname (with a "*" after it for a pattern). */
static int seg_join_w(seg_path_t *sp, const wchar_t *wname, bool pattern) {
  size_t cap = sizeof sp->buf / sizeof sp->buf[0];
  if (sp->dir + wcslen(wname) + 2 >= cap)
    return mproc__err(MPROC_E_VALUE, "spill segment path too long");
  wcscpy(sp->buf + sp->dir, wname);
  if (pattern)
    wcscat(sp->buf, L"*");
  return 0;
}

static int seg_join(seg_path_t *sp, const char *name, bool pattern) {
  wchar_t wname[200];
  if (!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name, -1, wname, 200))
    return mproc__err(MPROC_E_VALUE, "spill segment name too long");
  return seg_join_w(sp, wname, pattern);
}

/* The full path of @p name (or of the pattern "<prefix>*"). */
static int spill_path(seg_path_t *sp, const char *name, bool pattern) {
  int rc = seg_dir(sp);
  return rc < 0 ? rc : seg_join(sp, name, pattern);
}

/* Opens segment file @p path: every open shares FILE_SHARE_DELETE, so that
 * the consumer deletes (renames, see mproc__spill_unlink) a drained segment
 * while other processes may still have it mapped. */
static HANDLE seg_file(const wchar_t *path, DWORD disposition, DWORD attrs) {
  return MPROC__FAIL(CREATE_FILE)
             ? INVALID_HANDLE_VALUE
             : CreateFileW(path, GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE |
                               FILE_SHARE_DELETE,
                           NULL, disposition, attrs, NULL);
}

static int space_err(DWORD e, const char *what, const char *name, size_t size) {
  mproc__err(MPROC_E_LIMIT,
             "%s '%s' (%zu bytes): Win32 error %lu; the queue cannot spill "
             "further",
             what, name, size, (unsigned long)e);
  mproc__err_set_os((long)e);
  return MPROC_E_LIMIT;
}

static int map_file(mproc__shm_t *shm, HANDLE f, const char *name, size_t size,
                    bool create) {
  uint64_t s64 = (uint64_t)size;
  HANDLE m = MPROC__FAIL(CREATE_FILE_MAPPING)
                 ? NULL
                 : CreateFileMappingW(f, NULL, PAGE_READWRITE,
                                      (DWORD)(s64 >> 32), (DWORD)s64, NULL);
  if (!m) {
    DWORD e = GetLastError();
    return create ? space_err(e, "mapping spill segment", name, size)
                  : mproc__err_os_code((long)e, "mapping spill segment");
  }
  void *addr =
      MPROC__FAIL(MAP_VIEW)
          ? NULL
          : MapViewOfFile(m, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
  DWORD e = GetLastError();
  /* The view keeps the section and the file open. */
  CloseHandle(m);
  if (!addr)
    return create ? space_err(e, "mapping spill segment", name, size)
                  : mproc__err_os_code((long)e, "mapping spill segment");
  shm->addr = addr;
  shm->size = size;
  return 0;
}

/* The start of create and open: an empty @p shm, and the path of @p name. */
static int seg_begin(mproc__shm_t *shm, seg_path_t *sp, const char *name) {
  shm->addr = NULL;
  shm->size = 0;
  shm->h = MPROC__INVALID_HANDLE;
  return spill_path(sp, name, false);
}

int mproc__spill_create(mproc__shm_t *shm, const char *name, size_t size) {
  seg_path_t sp;
  int rc = seg_begin(shm, &sp, name);
  if (rc < 0)
    return rc;
  const wchar_t *path = sp.buf;
  HANDLE f =
      seg_file(path, CREATE_NEW,
               FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_NOT_CONTENT_INDEXED);
  if (f == INVALID_HANDLE_VALUE)
    return mproc__err_os("creating spill segment");
  LARGE_INTEGER end;
  end.QuadPart = (LONGLONG)size;
  if (!SetFilePointerEx(f, end, NULL, FILE_BEGIN) || !SetEndOfFile(f)) {
    DWORD e = GetLastError();
    CloseHandle(f);
    DeleteFileW(path);
    return space_err(e, "reserving spill segment", name, size);
  }
  rc = map_file(shm, f, name, size, true);
  CloseHandle(f);
  if (rc < 0)
    DeleteFileW(path);
  return rc;
}

int mproc__spill_open(mproc__shm_t *shm, const char *name, size_t size) {
  seg_path_t sp;
  int rc = seg_begin(shm, &sp, name);
  if (rc < 0)
    return rc;
  HANDLE f = seg_file(sp.buf, OPEN_EXISTING, 0);
  if (f == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND || e == ERROR_ACCESS_DENIED) {
      mproc__err(MPROC_E_NOTFOUND, "spill segment '%s' is gone", name);
      mproc__err_set_os((long)e);
      return MPROC_E_NOTFOUND;
    }
    return mproc__err_os_code((long)e, "opening spill segment");
  }
  /* Never map more than the file holds (mapping would grow it). */
  LARGE_INTEGER sz;
  if (!GetFileSizeEx(f, &sz) || (uint64_t)sz.QuadPart < (uint64_t)size) {
    CloseHandle(f);
    return mproc__err(MPROC_E_DECODE, "spill segment '%s' is too small", name);
  }
  rc = map_file(shm, f, name, size, false);
  CloseHandle(f);
  return rc;
}

/*
 * A file still mapped by some process is not deleted by DeleteFileW: under
 * wine it becomes delete-pending and stays listed (and openable by no one)
 * until the last view is unmapped; Windows refuses the delete of a file
 * with a mapped data section outright. Neither may leave the segment
 * under its name, where the sweep and the tests count it as live. A
 * rename is allowed while mapped (every open shared FILE_SHARE_DELETE and
 * no handle stays open: views keep no share access), so the name goes at
 * once, and the file under @p gone is deleted now or by whoever unmaps it
 * last (mproc__spill_reap), or by the next sweep. FILE_FLAG_DELETE_ON_CLOSE
 * was no answer: it deletes the segment with the creator's handle, before
 * a consumer that has not opened it yet could.
 */
void mproc__spill_unlink(const char *name, const char *gone) {
  seg_path_t sp, to;
  if (spill_path(&sp, name, false) < 0)
    return;
  to.dir = sp.dir;
  wcsncpy(to.buf, sp.buf, sp.dir);
  if (gone && seg_join(&to, gone, false) == 0 &&
      MoveFileExW(sp.buf, to.buf, 0)) {
    DeleteFileW(to.buf);
    return;
  }
  DeleteFileW(sp.buf);
}

void mproc__spill_reap(const char *gone) {
  seg_path_t sp;
  if (spill_path(&sp, gone, false) == 0)
    DeleteFileW(sp.buf);
}

void mproc__spill_sweep(const char *prefix, bool (*stale)(const char *name)) {
  seg_path_t sp;
  if (spill_path(&sp, prefix, true) < 0)
    return;
  WIN32_FIND_DATAW fd;
  HANDLE h = FindFirstFileW(sp.buf, &fd);
  if (h == INVALID_HANDLE_VALUE)
    return;
  do {
    /* The entry's own wide name, in the directory already looked up. */
    char name[200];
    if (WideCharToMultiByte(CP_UTF8, 0, fd.cFileName, -1, name, sizeof name,
                            NULL, NULL) &&
        stale(name) && seg_join_w(&sp, fd.cFileName, false) == 0)
      DeleteFileW(sp.buf);
  } while (FindNextFileW(h, &fd));
  FindClose(h);
}
