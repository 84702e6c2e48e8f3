/* SPDX-License-Identifier: MIT */
/*
 * The spawn start method on Windows (CreateProcess of the program itself),
 * both sides of its bootstrap.
 *
 * Spawn protocol, after CPython's. The parent creates a duplex named pipe
 * \\.\pipe\mproc-<pid>-<counter>-<random> (first and only instance, local
 * clients only, overlapped) and opens its client end itself, not
 * inheritable. It starts
 *     "<program>" --mproc-child <parent pid> <client handle value>
 * suspended, with bInheritHandles = FALSE, puts a daemon child in the
 * process-wide kill-on-close job, and resumes it. The child opens its parent
 * (SYNCHRONIZE | PROCESS_DUP_HANDLE) and duplicates the client handle into
 * itself. Meanwhile the parent encodes the start record, and every object
 * handle in it is duplicated straight into the child
 * (mproc__handle_reduce); it writes the record (u64 length, bytes) into the
 * pipe and reads the boot status: 'K', or 'E' + status + message. Each wait
 * of the parent is on {the I/O, the child process}, so a child that dies
 * while booting is reported at once (MPROC_E_SPAWN with its exit code), and
 * the whole handshake is bounded by BOOT_TIMEOUT_NS.
 *
 * Unlike CPython, the child copies the client handle without
 * DUPLICATE_CLOSE_SOURCE and the parent closes its own copy when the
 * handshake is over. Were the child to close the parent's copy, a child
 * that dies during boot would leave the parent unable to tell whether its
 * handle value was still its own (it may already have been closed and
 * reused by another thread): closing it would be a race, not closing it a
 * leak. Nothing depends on the pipe breaking when the child dies, since the
 * parent waits on the process itself.
 *
 * Handles duplicated into a child that fails to boot are closed with the
 * child, which is terminated; the parent reaps nothing on Windows.
 */
#include "win32.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* How long a spawn child may take to boot before it is killed. */
#define BOOT_TIMEOUT_NS ((int64_t)60 * 1000000000)
/* The largest start record a child accepts. */
#define RECORD_MAX (((uint64_t)1 << 30) + ((uint64_t)1 << 24))
/* One WriteFile or ReadFile moves at most this much. */
#define IO_CHUNK ((DWORD)1 << 20)
/* L"..." from a narrow string literal macro. */
#define WIDEN_(s) L##s
#define WIDEN(s) WIDEN_(s)

static void set_error_mode(void) {
  /* A crashing spawn child must never hang behind a dialog box: it has no
   * user to click it away. Only children set this; the user's own program
   * keeps its error mode (test programs set theirs). */
  SetErrorMode(GetErrorMode() | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
               SEM_NOOPENFILEERRORBOX);
}

int mproc__boot_init(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Spawn context: the child's process handle and what was duplicated there  */
/* ------------------------------------------------------------------------ */

struct mproc__spawn_ctx {
  HANDLE child;
  HANDLE *dups; /* handle values in the child */
  size_t n, cap;
};

int mproc__handle_reduce(mproc__spawn_ctx_t *ctx, mproc__handle_t h,
                         uint64_t *wire) {
  if (ctx->n == ctx->cap) {
    size_t cap = ctx->cap ? ctx->cap * 2 : 8;
    HANDLE *d = realloc(ctx->dups, cap * sizeof *d);
    if (!d)
      return mproc__err(MPROC_E_NOMEM, "listing handles for a child");
    ctx->dups = d;
    ctx->cap = cap;
  }
  /* Not deduplicated: every rebuilt object owns (and closes) its handle. */
  HANDLE h2 = NULL;
  if (MPROC__FAIL(DUPLICATE_HANDLE) ||
      !DuplicateHandle(GetCurrentProcess(), h, ctx->child, &h2, 0, FALSE,
                       DUPLICATE_SAME_ACCESS))
    return mproc__err_os("duplicating a handle into the child");
  ctx->dups[ctx->n++] = h2;
  *wire = (uint64_t)(uintptr_t)h2;
  return 0;
}

mproc__handle_t mproc__handle_from_wire(uint64_t wire) {
  /* Handle values are 32-bit quantities (sign-extended in 64-bit
   * processes); anything else cannot have come from DuplicateHandle. */
  if (wire == 0 || wire > UINT32_MAX)
    return MPROC__INVALID_HANDLE;
  return (HANDLE)(uintptr_t)wire;
}

/* Closes, inside the child, the handles duplicated there. */
static void ctx_close_in_child(struct mproc__spawn_ctx *ctx) {
  for (size_t i = 0; i < ctx->n; i++)
    DuplicateHandle(ctx->child, ctx->dups[i], NULL, NULL, 0, FALSE,
                    DUPLICATE_CLOSE_SOURCE);
  ctx->n = 0;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* UTF-8 to a malloc'ed UTF-16 string. */
static int utf8_to_wide(const char *s, wchar_t **out) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  if (n <= 0)
    return mproc__err(MPROC_E_INVAL, "the executable path is not valid UTF-8");
  wchar_t *w = malloc((size_t)n * sizeof *w);
  if (!w)
    return mproc__err(MPROC_E_NOMEM, "converting the executable path");
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
  *out = w;
  return 0;
}

/* The program to start, malloc'ed: mproc_set_executable()'s or this one. */
static int spawn_program(wchar_t **out) {
  const char *set = mproc__spawn_executable();
  if (set)
    return utf8_to_wide(set, out);
  for (DWORD cap = MAX_PATH;; cap *= 2) {
    wchar_t *w = malloc((size_t)cap * sizeof *w);
    if (!w)
      return mproc__err(MPROC_E_NOMEM, "locating the program");
    DWORD n = GetModuleFileNameW(NULL, w, cap);
    if (n == 0) {
      int rc = mproc__err_os("locating the program");
      free(w);
      return rc;
    }
    if (n < cap) {
      *out = w;
      return 0;
    }
    free(w);
    if (cap >= 32768)
      return mproc__err(MPROC_E_TOOBIG, "the program's path is too long");
  }
}

/* Appends the decimal digits of @p v at @p p; returns the new end. */
static wchar_t *put_decimal(wchar_t *p, uint64_t v) {
  wchar_t tmp[24];
  int n = 0;
  do {
    tmp[n++] = (wchar_t)(L'0' + (int)(v % 10));
    v /= 10;
  } while (v);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

/* "<program>" --mproc-child <ppid> <handle>, malloc'ed. */
static wchar_t *command_line(const wchar_t *program, DWORD ppid,
                             HANDLE client) {
  static const wchar_t flag[] = L" " WIDEN(MPROC__CHILD_FLAG) L" ";
  size_t plen = wcslen(program);
  size_t cap = plen + 2 + (sizeof flag / sizeof flag[0]) + 24 + 1 + 24 + 1;
  wchar_t *cmd = malloc(cap * sizeof *cmd);
  if (!cmd) {
    mproc__err(MPROC_E_NOMEM, "building the command line");
    return NULL;
  }
  wchar_t *p = cmd;
  *p++ = L'"';
  memcpy(p, program, plen * sizeof *p);
  p += plen;
  *p++ = L'"';
  memcpy(p, flag, sizeof flag - sizeof flag[0]);
  p += sizeof flag / sizeof flag[0] - 1;
  p = put_decimal(p, ppid);
  *p++ = L' ';
  p = put_decimal(p, (uint64_t)(uintptr_t)client);
  *p = L'\0';
  return cmd;
}

/* A duplex, overlapped, single-instance local pipe and its client end. */
static int make_pipe(HANDLE *server, HANDLE *client) {
  static volatile uint32_t counter;
  *server = *client = INVALID_HANDLE_VALUE;
  for (int tries = 0;; tries++) {
    wchar_t name[96];
    wchar_t *p = name;
    static const wchar_t prefix[] = L"\\\\.\\pipe\\mproc-";
    memcpy(p, prefix, sizeof prefix - sizeof prefix[0]);
    p += sizeof prefix / sizeof prefix[0] - 1;
    p = put_decimal(p, GetCurrentProcessId());
    *p++ = L'-';
    p = put_decimal(p, mproc__fetch_add32(&counter, 1));
    *p++ = L'-';
    /* Not a secret: FILE_FLAG_FIRST_PIPE_INSTANCE refuses a name someone
     * else created, and only this process opens the client end (the one
     * instance). The randomness only makes collisions unlikely. */
    uint64_t x = (uint64_t)mproc__now_ns() ^ ((uint64_t)(uintptr_t)name << 7);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    p = put_decimal(p, x & 0xffffffffffull);
    *p = L'\0';

    *server = MPROC__FAIL(CREATE_NAMED_PIPE)
                  ? INVALID_HANDLE_VALUE
                  : CreateNamedPipeW(name,
                                     PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED |
                                         FILE_FLAG_FIRST_PIPE_INSTANCE,
                                     PIPE_TYPE_BYTE | PIPE_READMODE_BYTE |
                                         PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
                                     1, 65536, 65536, 0, NULL);
    if (*server == INVALID_HANDLE_VALUE) {
      DWORD e = GetLastError();
      if ((e == ERROR_ACCESS_DENIED || e == ERROR_PIPE_BUSY) && tries < 16)
        continue;
      return mproc__err_os_code((long)e, "creating the bootstrap pipe");
    }
    *client =
        MPROC__FAIL(CREATE_FILE)
            ? INVALID_HANDLE_VALUE
            : CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL,
                          OPEN_EXISTING,
                          SECURITY_SQOS_PRESENT | SECURITY_ANONYMOUS, NULL);
    if (*client == INVALID_HANDLE_VALUE) {
      int rc = mproc__err_os("opening the bootstrap pipe");
      CloseHandle(*server);
      *server = INVALID_HANDLE_VALUE;
      return rc;
    }
    return 0;
  }
}

/* ------------------------------------------------------------------------ */
/* The parent's side of the handshake                                       */
/* ------------------------------------------------------------------------ */

/* I/O results beyond the mproc codes. */
#define IO_DIED 1 /* the child exited */

typedef struct boot_io {
  HANDLE pipe;  /* server end, overlapped */
  HANDLE child; /* the process */
  OVERLAPPED ov;
  int64_t deadline;
  bool child_dead; /* seen exited: only what it left in the pipe remains */
} boot_io_t;

/*
 * Completes the overlapped operation just started (@p ok and the last error
 * are what ReadFile/WriteFile returned). 0 with *n set, IO_DIED, or an
 * error. The operation is always finished (or cancelled and finished) on
 * return, so the OVERLAPPED and the buffer may go.
 */
static int io_finish(boot_io_t *io, BOOL ok, DWORD *n) {
  if (!ok && GetLastError() != ERROR_IO_PENDING)
    return mproc__err_os("bootstrap pipe");
  HANDLE hs[2];
  hs[0] = io->ov.hEvent;
  hs[1] = io->child;
  DWORD nh = io->child_dead ? 1u : 2u;
  for (;;) {
    DWORD ms = mproc__win_ms_until(io->deadline);
    /* The event comes first: if both are signalled, the data wins. */
    DWORD r = WaitForMultipleObjects(nh, hs, FALSE, ms);
    if (r == WAIT_OBJECT_0) {
      if (GetOverlappedResult(io->pipe, &io->ov, n, FALSE))
        return 0;
      return mproc__err_os("bootstrap pipe");
    }
    if (r == WAIT_TIMEOUT && !mproc__win_expired(io->deadline))
      continue;
    int rc;
    if (r == WAIT_OBJECT_0 + 1) {
      io->child_dead = true;
      rc = IO_DIED;
    } else if (r == WAIT_TIMEOUT) {
      rc = mproc__err(MPROC_E_SPAWN, "the child did not boot within %d s",
                      (int)(BOOT_TIMEOUT_NS / 1000000000));
    } else {
      rc = mproc__err_os("waiting for the child to boot");
    }
    CancelIoEx(io->pipe, &io->ov);
    /* The operation may have completed before the cancel took effect. */
    if (GetOverlappedResult(io->pipe, &io->ov, n, TRUE) && *n > 0 &&
        rc == IO_DIED)
      return 0;
    return rc;
  }
}

static int io_write_all(boot_io_t *io, const uint8_t *p, size_t len) {
  while (len > 0) {
    DWORD want = len > IO_CHUNK ? IO_CHUNK : (DWORD)len;
    DWORD n = 0;
    ResetEvent(io->ov.hEvent);
    BOOL ok =
        !MPROC__FAIL(WRITE) && WriteFile(io->pipe, p, want, NULL, &io->ov);
    int rc = io_finish(io, ok, &n);
    if (rc != 0)
      return rc;
    p += n;
    len -= n;
  }
  return 0;
}

/* Reads at least one byte: 0 with *got set, IO_DIED, or an error. */
static int io_read_some(boot_io_t *io, uint8_t *p, size_t cap, size_t *got) {
  DWORD want = cap > IO_CHUNK ? IO_CHUNK : (DWORD)cap;
  if (io->child_dead) {
    /* Only what the child wrote before exiting: never block for more
     * (our own copy of the client end keeps the pipe open). */
    DWORD avail = 0;
    if (!PeekNamedPipe(io->pipe, NULL, 0, NULL, &avail, NULL) || avail == 0)
      return IO_DIED;
    if (avail < want)
      want = avail;
  }
  DWORD n = 0;
  ResetEvent(io->ov.hEvent);
  BOOL ok = !MPROC__FAIL(READ) && ReadFile(io->pipe, p, want, NULL, &io->ov);
  int rc = io_finish(io, ok, &n);
  if (rc == 0 && n == 0)
    return mproc__err(MPROC_E_CLOSED, "bootstrap pipe closed");
  *got = n;
  return rc;
}

/* Reads the boot status. 0 when the child booted, IO_DIED, or an error
 * with the detail set. */
static int read_boot_status(boot_io_t *io) {
  uint8_t buf[1 + 4 + MPROC__BOOT_MSG_MAX];
  size_t got = 0;
  for (;;) {
    if (got >= 1 && buf[0] == MPROC__BOOT_OK)
      return 0;
    if (got >= 5 && buf[0] == MPROC__BOOT_FAILED &&
        memchr(buf + 5, 0, got - 5)) {
      int32_t status =
          (int32_t)((uint32_t)buf[1] | (uint32_t)buf[2] << 8 |
                    (uint32_t)buf[3] << 16 | (uint32_t)buf[4] << 24);
      if (status >= 0 || status < MPROC_E_SYS)
        status = MPROC_E_SPAWN;
      return mproc__err(status, "%s", (const char *)buf + 5);
    }
    if (got == sizeof buf ||
        (got >= 1 && buf[0] != MPROC__BOOT_OK && buf[0] != MPROC__BOOT_FAILED))
      return mproc__err(MPROC_E_SPAWN, "malformed boot status from child");
    size_t n = 0;
    int rc = io_read_some(io, buf + got, sizeof buf - got, &n);
    if (rc != 0)
      return rc;
    got += n;
  }
}

/* The process-wide job that kills daemon children when this process ends:
 * its only handle is never closed, so it closes when the process dies. */
static INIT_ONCE job_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK job_create(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  (void)once;
  DWORD *err = param;
  HANDLE job = MPROC__FAIL(JOB) ? NULL : CreateJobObjectW(NULL, NULL);
  if (!job) {
    *err = GetLastError();
    return FALSE;
  }
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
  memset(&info, 0, sizeof info);
  info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info,
                               sizeof info)) {
    *err = GetLastError();
    CloseHandle(job);
    return FALSE;
  }
  *ctx = job;
  return TRUE;
}

static int daemon_job(HANDLE *job) {
  DWORD err = ERROR_SUCCESS;
  void *ctx = NULL;
  if (!InitOnceExecuteOnce(&job_once, job_create, &err, &ctx))
    return mproc__err_os_code(err != ERROR_SUCCESS ? (long)err
                                                   : (long)GetLastError(),
                              "creating the daemon job object");
  *job = ctx;
  return 0;
}

/* Ends a child that failed to boot and waits (bounded) until it is gone. */
static void discard_child(HANDLE child) {
  TerminateProcess(child, 1);
  WaitForSingleObject(child, 10000);
}

/* The detail for a child that exited while booting. */
static int died_while_booting(HANDLE child) {
  DWORD code = 0;
  WaitForSingleObject(child, 10000);
  if (!GetExitCodeProcess(child, &code) || code == STILL_ACTIVE)
    return mproc__err(MPROC_E_SPAWN, "the child died while booting");
  return mproc__err(MPROC_E_SPAWN,
                    "the child exited with code %d (0x%lx) while booting",
                    mproc__win_exitcode(code, 0), (unsigned long)code);
}

int mproc__start_spawn(mproc_process_t *p, const mproc__child_spec_t *spec) {
  struct mproc__spawn_ctx ctx = {NULL, NULL, 0, 0};
  boot_io_t io;
  memset(&io, 0, sizeof io);
  io.pipe = INVALID_HANDLE_VALUE;
  HANDLE client = INVALID_HANDLE_VALUE;
  PROCESS_INFORMATION pi;
  memset(&pi, 0, sizeof pi);
  wchar_t *program = NULL, *cmd = NULL;
  uint8_t *record = NULL;
  size_t len = 0;
  bool started = false;
  int rc;

  if (p->method != MPROC_START_SPAWN) {
    rc = mproc__err(MPROC_E_NOTSUP, "only the spawn start method exists on "
                                    "Windows");
    goto out;
  }
  rc = spawn_program(&program);
  if (rc < 0)
    goto out;
  if (wcschr(program, L'"')) {
    rc = mproc__err(MPROC_E_INVAL, "the executable path contains a quote");
    goto out;
  }
  rc = make_pipe(&io.pipe, &client);
  if (rc < 0)
    goto out;
  io.ov.hEvent =
      MPROC__FAIL(EVENT_CREATE) ? NULL : CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!io.ov.hEvent) {
    rc = mproc__err_os("creating an event");
    goto out;
  }
  cmd = command_line(program, GetCurrentProcessId(), client);
  if (!cmd) {
    rc = MPROC_E_NOMEM;
    goto out;
  }

  STARTUPINFOW si;
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  /* No STARTF_USESTDHANDLES: with bInheritHandles FALSE, CreateProcess
   * duplicates the parent's standard handles into a console child, so the
   * child writes where the parent does. */
  /* Wine's CreateProcess now and then fails with ERROR_INTERNAL_ERROR
   * ("Internal error") under load: twice in this project's CI runs, in two
   * different tests, never again in dozens of reruns. Windows documents no
   * such failure of CreateProcess. One that failed created nothing, so it
   * is tried again, four times at most, 5 to 40 ms apart. */
  BOOL created = FALSE;
  for (int attempt = 0;; attempt++) {
    created = !MPROC__FAIL(CREATE_PROCESS) &&
              CreateProcessW(program, cmd, NULL, NULL, FALSE, CREATE_SUSPENDED,
                             NULL, NULL, &si, &pi);
    if (created || GetLastError() != ERROR_INTERNAL_ERROR || attempt == 4)
      break;
    Sleep(5u << attempt);
  }
  if (!created) {
    char why[MPROC__BOOT_MSG_MAX];
    mproc__err_os("starting the program");
    snprintf(why, sizeof why, "%s", mproc_last_error());
    rc = mproc__err(MPROC_E_SPAWN, "could not start the child: %s", why);
    goto out;
  }
  started = true;
  if (spec->daemon) {
    HANDLE job = NULL;
    rc = daemon_job(&job);
    if (rc < 0)
      goto out;
    if (MPROC__FAIL(JOB) || !AssignProcessToJobObject(job, pi.hProcess)) {
      rc = mproc__err_os("putting a daemon child in its job object");
      goto out;
    }
  }
  if (MPROC__FAIL(RESUME_THREAD) || ResumeThread(pi.hThread) == (DWORD)-1) {
    rc = mproc__err_os("resuming the child");
    goto out;
  }
  CloseHandle(pi.hThread);
  pi.hThread = NULL;

  /* The child loads while the record is encoded: each object's handles are
   * duplicated into it now. */
  ctx.child = pi.hProcess;
  rc = mproc__record_encode(&ctx, spec, &record, &len);
  if (rc < 0) {
    /* Duplicating into a child that already died fails: say so. */
    if (WaitForSingleObject(pi.hProcess, 0) == WAIT_OBJECT_0)
      rc = died_while_booting(pi.hProcess);
    goto out;
  }

  io.child = pi.hProcess;
  io.deadline = mproc__now_ns() + BOOT_TIMEOUT_NS;
  uint8_t hdr[8];
  for (int i = 0; i < 8; i++)
    hdr[i] = (uint8_t)((uint64_t)len >> (8 * i));
  rc = io_write_all(&io, hdr, sizeof hdr);
  if (rc == 0)
    rc = io_write_all(&io, record, len);
  /* A child that stopped reading may have said why before it exited. */
  if (rc == 0 || rc == IO_DIED)
    rc = read_boot_status(&io);
  if (rc == IO_DIED)
    rc = died_while_booting(pi.hProcess);
  if (rc < 0)
    goto out;

  p->pid = (int64_t)pi.dwProcessId;
  p->h = pi.hProcess;
  pi.hProcess = NULL;
  p->terminated_by = 0;

out:
  if (rc < 0 && started) {
    ctx_close_in_child(&ctx);
    discard_child(pi.hProcess);
  }
  if (pi.hThread)
    CloseHandle(pi.hThread);
  if (pi.hProcess)
    CloseHandle(pi.hProcess);
  if (client != INVALID_HANDLE_VALUE)
    CloseHandle(client);
  if (io.pipe != INVALID_HANDLE_VALUE)
    CloseHandle(io.pipe);
  if (io.ov.hEvent)
    CloseHandle(io.ov.hEvent);
  free(ctx.dups);
  free(record);
  free(cmd);
  free(program);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* The child's side of spawn                                                */
/* ------------------------------------------------------------------------ */

struct mproc__boot_chan {
  HANDLE pipe;   /* our end of the bootstrap pipe (synchronous) */
  HANDLE parent; /* SYNCHRONIZE | PROCESS_DUP_HANDLE on the parent */
};

static struct mproc__boot_chan the_chan = {NULL, NULL};

/* A strictly decimal argument ("0" or no leading zero, no sign, no space)
 * no larger than @p max. */
static bool parse_decimal(const char *s, uint64_t max, uint64_t *out) {
  uint64_t v = 0;
  if (!s || !*s || (s[0] == '0' && s[1]))
    return false;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return false;
    unsigned d = (unsigned)(*s - '0');
    if (v > (max - d) / 10)
      return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

static bool read_all(HANDLE h, void *buf, size_t len) {
  uint8_t *p = buf;
  while (len > 0) {
    DWORD want = len > IO_CHUNK ? IO_CHUNK : (DWORD)len;
    DWORD n = 0;
    if (!ReadFile(h, p, want, &n, NULL) || n == 0)
      return false;
    p += n;
    len -= n;
  }
  return true;
}

static void write_all(HANDLE h, const void *buf, size_t len) {
  const uint8_t *p = buf;
  while (len > 0) {
    DWORD want = len > IO_CHUNK ? IO_CHUNK : (DWORD)len;
    DWORD n = 0;
    if (!WriteFile(h, p, want, &n, NULL) || n == 0)
      return;
    p += n;
    len -= n;
  }
}

int mproc__child_bootstrap(int argc, char **argv, uint8_t **record, size_t *len,
                           mproc__boot_chan_t **chan) {
  uint64_t ppid = 0, hval = 0;
  set_error_mode();
  *record = NULL;
  *len = 0;
  *chan = NULL;
  if (argc != 4 || strcmp(argv[1], MPROC__CHILD_FLAG) != 0 ||
      !parse_decimal(argv[2], UINT32_MAX, &ppid) || ppid == 0 ||
      !parse_decimal(argv[3], UINT32_MAX, &hval) || hval == 0)
    return mproc__err(MPROC_E_INVAL, "bad bootstrap arguments");

  HANDLE parent =
      OpenProcess(SYNCHRONIZE | PROCESS_DUP_HANDLE, FALSE, (DWORD)ppid);
  if (!parent)
    return mproc__err_os("opening the parent process");
  HANDLE pipe = NULL;
  if (!DuplicateHandle(parent, (HANDLE)(uintptr_t)hval, GetCurrentProcess(),
                       &pipe, 0, FALSE, DUPLICATE_SAME_ACCESS)) {
    int rc = mproc__err_os("taking the bootstrap pipe from the parent");
    CloseHandle(parent);
    return rc;
  }
  the_chan.pipe = pipe;
  the_chan.parent = parent; /* kept: the parent-alive sentinel */
  *chan = &the_chan;

  uint8_t hdr[8];
  if (!read_all(pipe, hdr, sizeof hdr))
    return mproc__err(MPROC_E_CLOSED, "reading the start record");
  uint64_t n = 0;
  for (int i = 0; i < 8; i++)
    n |= (uint64_t)hdr[i] << (8 * i);
  int rc;
  if (n > RECORD_MAX) {
    rc = mproc__err(MPROC_E_DECODE, "start record of %llu bytes",
                    (unsigned long long)n);
    goto fail;
  }
  uint8_t *buf = malloc(n ? (size_t)n : 1);
  if (!buf) {
    rc = mproc__err(MPROC_E_NOMEM, "reading the start record");
    goto fail;
  }
  if (!read_all(pipe, buf, (size_t)n)) {
    free(buf);
    return mproc__err(MPROC_E_CLOSED, "reading the start record");
  }
  *record = buf;
  *len = (size_t)n;
  return 0;
fail:
  /* The parent is still writing: tell it why we stop reading. */
  {
    char msg[MPROC__BOOT_MSG_MAX];
    snprintf(msg, sizeof msg, "%s", mproc_last_error());
    mproc__child_boot_status(&the_chan, rc, msg);
    mproc__err(rc, "%s", msg);
  }
  *chan = NULL;
  return rc;
}

void mproc__child_boot_status(mproc__boot_chan_t *chan, int status,
                              const char *msg) {
  if (!chan || !chan->pipe)
    return;
  uint8_t buf[1 + 4 + MPROC__BOOT_MSG_MAX];
  size_t len = 1;
  if (status == 0) {
    buf[0] = MPROC__BOOT_OK;
  } else {
    uint32_t s = (uint32_t)status;
    buf[0] = MPROC__BOOT_FAILED;
    for (int i = 0; i < 4; i++)
      buf[1 + i] = (uint8_t)(s >> (8 * i));
    size_t m = msg ? strlen(msg) : 0;
    if (m > MPROC__BOOT_MSG_MAX - 1)
      m = MPROC__BOOT_MSG_MAX - 1;
    if (m)
      memcpy(buf + 5, msg, m);
    buf[5 + m] = 0;
    len = 5 + m + 1;
  }
  /* One write: the parent reads it whole, even after we have exited. */
  write_all(chan->pipe, buf, len);
  CloseHandle(chan->pipe);
  chan->pipe = NULL;
}

/* ------------------------------------------------------------------------ */
/* The parent of this process                                               */
/* ------------------------------------------------------------------------ */

/* The handle the bootstrap opened on the parent (SYNCHRONIZE), as CPython's
 * _ParentProcess sentinel on Windows: it names the parent even after its
 * pid is reused. */
int mproc__parent_wait(int64_t pid, int64_t deadline_ns) {
  (void)pid;
  if (!the_chan.parent)
    return mproc__err(MPROC_E_STATE, "no handle on the parent process");
  for (;;) {
    DWORD r =
        WaitForSingleObject(the_chan.parent, mproc__win_ms_until(deadline_ns));
    if (r == WAIT_OBJECT_0)
      return 0;
    if (r != WAIT_TIMEOUT)
      return mproc__err_os("waiting for the parent process");
    if (mproc__win_expired(deadline_ns))
      return MPROC_E_TIMEOUT;
  }
}

int mproc__parent_sentinel(int64_t pid, mproc_os_handle_t *out) {
  (void)pid;
  if (!the_chan.parent)
    return mproc__err(MPROC_E_STATE, "no handle on the parent process");
  *out = (mproc_os_handle_t)(intptr_t)the_chan.parent;
  return 0;
}

void mproc__parent_reset(void) {
  /* No fork on Windows. */
}
