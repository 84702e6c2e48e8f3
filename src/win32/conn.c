/* SPDX-License-Identifier: MIT */
/*
 * Windows connections: a named pipe pair ("\\.\pipe\mproc-<pid>-<n>"), one
 * instance, byte mode, connected at once and never reachable by name
 * again (FILE_FLAG_FIRST_PIPE_INSTANCE, one instance, remote clients
 * rejected). Both ends are opened for reading and writing; a one-way Pipe
 * is enforced by the common code. Reads and writes are synchronous; poll
 * looks at the pipe with PeekNamedPipe, backing off from yields to 1 ms
 * sleeps (a pipe handle is not a waitable object).
 *
 * Handing a handle to a process that is not being spawned works as
 * CPython's DupHandle: the sender duplicates it within itself and sends
 * its pid and the duplicate's value; the receiver opens the sender and
 * steals the duplicate with DUPLICATE_CLOSE_SOURCE. The sender must be
 * alive when the ticket is redeemed, and a ticket never redeemed keeps its
 * duplicate open in the sender until it exits.
 *
 * Unlike CPython, a ticket also carries a random 64-bit key that the sender
 * writes into its ledger ("Local\mproc-tickets-<pid>", a small file
 * mapping) next to the duplicate's value. The receiver redeems a ticket
 * only by claiming that ledger entry: without it, bytes from anywhere (a
 * queue item, mproc_decode) could name any handle of any process of the
 * user and make the receiver steal it, closing it in its owner.
 */
#include "win32.h"

#include <stdio.h>
#include <string.h>

int mproc__conn_pipe(mproc__handle_t h[2], bool duplex) {
  (void)duplex;
  static volatile uint32_t counter;
  wchar_t name[128];
  swprintf(name, 128, L"\\\\.\\pipe\\mproc-%lu-%lu-%llx",
           (unsigned long)GetCurrentProcessId(),
           (unsigned long)mproc__fetch_add32(&counter, 1),
           (unsigned long long)mproc__now_ns());
  HANDLE s = MPROC__FAIL(CREATE_NAMED_PIPE)
                 ? INVALID_HANDLE_VALUE
                 : CreateNamedPipeW(
                       name, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE,
                       PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT |
                           PIPE_REJECT_REMOTE_CLIENTS,
                       1, 65536, 65536, 0, NULL);
  if (s == INVALID_HANDLE_VALUE)
    return mproc__err_os("creating a pipe");
  HANDLE c = MPROC__FAIL(CREATE_FILE)
                 ? INVALID_HANDLE_VALUE
                 : CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL,
                               OPEN_EXISTING, 0, NULL);
  if (c == INVALID_HANDLE_VALUE) {
    int rc = mproc__err_os("opening a pipe");
    CloseHandle(s);
    return rc;
  }
  if ((MPROC__FAIL(CONNECT_NAMED_PIPE) || !ConnectNamedPipe(s, NULL)) &&
      GetLastError() != ERROR_PIPE_CONNECTED) {
    int rc = mproc__err_os("connecting a pipe");
    CloseHandle(s);
    CloseHandle(c);
    return rc;
  }
  h[0] = s;
  h[1] = c;
  return 0;
}

void mproc__conn_adopt(mproc__handle_t h) {
  (void)h;
}

static bool is_closed_error(DWORD e) {
  return e == ERROR_BROKEN_PIPE || e == ERROR_NO_DATA ||
         e == ERROR_PIPE_NOT_CONNECTED;
}

int mproc__conn_write(mproc__handle_t h, const void *p, size_t n) {
  const uint8_t *b = p;
  while (n > 0) {
    DWORD chunk = n > (1u << 30) ? (1u << 30) : (DWORD)n, done = 0;
    if (MPROC__FAIL(WRITE) || !WriteFile(h, b, chunk, &done, NULL)) {
      if (is_closed_error(GetLastError()))
        return mproc__err(MPROC_E_CLOSED, "the other end is closed");
      return mproc__err_os("writing to a connection");
    }
    b += done;
    n -= done;
  }
  return 0;
}

int mproc__conn_read(mproc__handle_t h, void *p, size_t n) {
  uint8_t *b = p;
  while (n > 0) {
    DWORD chunk = n > (1u << 30) ? (1u << 30) : (DWORD)n, done = 0;
    if (MPROC__FAIL(READ) || !ReadFile(h, b, chunk, &done, NULL)) {
      if (is_closed_error(GetLastError()))
        return mproc__err(MPROC_E_CLOSED,
                          "end of file: the other end is closed");
      return mproc__err_os("reading from a connection");
    }
    if (done == 0)
      continue; /* a zero-byte message: not EOF on a pipe */
    b += done;
    n -= done;
  }
  return 0;
}

int mproc__conn_poll(mproc__handle_t h, int64_t deadline_ns) {
  for (unsigned spins = 0;; spins++) {
    DWORD avail = 0;
    if (!PeekNamedPipe(h, NULL, 0, NULL, &avail, NULL)) {
      if (is_closed_error(GetLastError()))
        return 1; /* EOF is ready: recv reports it */
      return mproc__err_os("polling a connection");
    }
    if (avail > 0)
      return 1;
    if (mproc__win_expired(deadline_ns) ||
        (deadline_ns != MPROC__NO_DEADLINE && spins > 0 &&
         mproc__now_ns() >= deadline_ns))
      return 0;
    if (spins < 50)
      SwitchToThread();
    else
      Sleep(1);
  }
}

void mproc__conn_close(mproc__handle_t h) {
  if (h != MPROC__INVALID_HANDLE && h != INVALID_HANDLE_VALUE)
    CloseHandle(h);
}

/* The ledger: one slot per ticket not yet redeemed. A slot is free while
 * its key is 0; the sender fills value then key, the receiver claims the
 * slot by swapping the key back to 0. */
#define LEDGER_SLOTS 4096
typedef struct {
  volatile LONG64 key;
  volatile LONG64 value;
} ledger_slot_t;

static SRWLOCK ledger_lock = SRWLOCK_INIT;
static ledger_slot_t *ledger; /* this process's, kept for its life */
static size_t ledger_next;

static void ledger_name(wchar_t *buf, size_t cap, DWORD pid) {
  swprintf(buf, cap, L"Local\\mproc-tickets-%lu", (unsigned long)pid);
}

/* Maps @p pid's ledger: created for this process, opened for another. */
static ledger_slot_t *ledger_map(DWORD pid, bool create, HANDLE *map) {
  wchar_t name[64];
  ledger_name(name, 64, pid);
  size_t size = LEDGER_SLOTS * sizeof(ledger_slot_t);
  if (MPROC__FAIL(CREATE_FILE_MAPPING)) {
    *map = NULL;
  } else if (create) {
    *map = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                              (DWORD)size, name);
  } else {
    *map = OpenFileMappingW(FILE_MAP_READ | FILE_MAP_WRITE, FALSE, name);
  }
  if (!*map)
    return NULL;
  bool existed = create && GetLastError() == ERROR_ALREADY_EXISTS;
  ledger_slot_t *v =
      MPROC__FAIL(MAP_VIEW)
          ? NULL
          : MapViewOfFile(*map, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
  if (!v) {
    DWORD e = GetLastError();
    CloseHandle(*map);
    *map = NULL;
    SetLastError(e);
    return NULL;
  }
  /* A dead process with our pid whose ledger a receiver still has open:
   * its tickets must not redeem our handles. */
  if (existed)
    for (size_t i = 0; i < LEDGER_SLOTS; i++)
      InterlockedExchange64(&v[i].key, 0);
  return v;
}

int mproc__handle_export(mproc__handle_t h, uint8_t *ticket, size_t *len) {
  uint64_t key = 0;
  int rc = mproc__random_bytes(&key, sizeof key);
  if (rc < 0)
    return rc;
  key |= 1; /* never 0, the free mark */
  HANDLE dup = NULL;
  if (MPROC__FAIL(DUPLICATE_HANDLE) ||
      !DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, 0,
                       FALSE, DUPLICATE_SAME_ACCESS))
    return mproc__err_os("duplicating a handle to send");
  uint64_t v = (uint64_t)(uintptr_t)dup;
  AcquireSRWLockExclusive(&ledger_lock);
  if (!ledger) {
    HANDLE map; /* kept open: the ledger lives as long as the process */
    ledger = ledger_map(GetCurrentProcessId(), true, &map);
    if (!ledger)
      rc = mproc__err_os("creating the handle ledger");
  }
  size_t i = 0;
  for (; rc == 0 && i < LEDGER_SLOTS; i++) {
    ledger_slot_t *sl = &ledger[(ledger_next + i) % LEDGER_SLOTS];
    if (sl->key != 0)
      continue;
    InterlockedExchange64(&sl->value, (LONG64)v);
    InterlockedExchange64(&sl->key, (LONG64)key); /* publishes value */
    ledger_next = (ledger_next + i + 1) % LEDGER_SLOTS;
    break;
  }
  if (rc == 0 && i == LEDGER_SLOTS)
    rc = mproc__err(MPROC_E_BUSY,
                    "%d connections were sent and not yet "
                    "received",
                    LEDGER_SLOTS);
  ReleaseSRWLockExclusive(&ledger_lock);
  if (rc < 0) {
    CloseHandle(dup);
    return rc;
  }
  uint32_t pid = (uint32_t)GetCurrentProcessId();
  memcpy(ticket, &pid, 4);
  memcpy(ticket + 4, &v, 8);
  memcpy(ticket + 12, &key, 8);
  *len = 20;
  return 0;
}

int mproc__handle_import(const uint8_t *ticket, size_t len,
                         mproc__handle_t *out) {
  *out = MPROC__INVALID_HANDLE;
  uint32_t pid;
  uint64_t v, key;
  if (len != 20)
    return mproc__err(MPROC_E_DECODE, "malformed handle ticket");
  memcpy(&pid, ticket, 4);
  memcpy(&v, ticket + 4, 8);
  memcpy(&key, ticket + 12, 8);
  if (key == 0)
    return mproc__err(MPROC_E_DECODE, "malformed handle ticket");
  /* Claim the sender's ledger entry first: only a ticket the sender made,
   * and only once. */
  HANDLE map;
  ledger_slot_t *lg = ledger_map(pid, false, &map);
  if (!lg)
    return mproc__err(MPROC_E_CLOSED,
                      "the process that sent the connection is gone");
  bool claimed = false;
  for (size_t i = 0; i < LEDGER_SLOTS && !claimed; i++)
    if ((uint64_t)lg[i].key == key && (uint64_t)lg[i].value == v)
      claimed = InterlockedCompareExchange64(&lg[i].key, 0, (LONG64)key) ==
                (LONG64)key;
  UnmapViewOfFile(lg);
  CloseHandle(map);
  if (!claimed)
    return mproc__err(MPROC_E_NOTFOUND,
                      "no connection was sent under this ticket (or it was "
                      "received already)");
  HANDLE src = MPROC__FAIL(OPEN_PROCESS)
                   ? NULL
                   : OpenProcess(PROCESS_DUP_HANDLE, FALSE, pid);
  if (!src)
    return mproc__err(MPROC_E_CLOSED,
                      "the process that sent the connection is gone");
  HANDLE mine = NULL;
  BOOL ok =
      !MPROC__FAIL(DUPLICATE_HANDLE) &&
      DuplicateHandle(src, (HANDLE)(uintptr_t)v, GetCurrentProcess(), &mine, 0,
                      FALSE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
  DWORD e = GetLastError();
  CloseHandle(src);
  if (!ok)
    return mproc__err_os_code((long)e, "receiving a handle");
  *out = mine;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* wait()                                                                   */
/* ------------------------------------------------------------------------ */

/* Process handles are waitable; pipes are not, so with any connection in
 * the set the wait is cut into 1 ms slices (the caller looks again). */
int mproc__wait_handles(const mproc__handle_t *hs, const bool *is_conn,
                        size_t n, int64_t deadline_ns) {
  HANDLE procs[MAXIMUM_WAIT_OBJECTS];
  DWORD np = 0;
  bool any_conn = false;
  for (size_t i = 0; i < n; i++) {
    if (is_conn[i])
      any_conn = true;
    else if (np < MAXIMUM_WAIT_OBJECTS)
      procs[np++] = hs[i];
    else
      any_conn = true; /* too many to wait on: poll them too */
  }
  DWORD ms = mproc__win_ms_until(deadline_ns);
  if (any_conn && ms > 1)
    ms = 1;
  if (np == 0) {
    Sleep(ms == INFINITE ? INFINITE - 1 : ms);
    return 0;
  }
  DWORD r = WaitForMultipleObjects(np, procs, FALSE, ms);
  if (r == WAIT_FAILED)
    return mproc__err_os("waiting on handles");
  return 0;
}

int mproc__conn_read_some(mproc__handle_t h, void *p, size_t n, size_t *got) {
  DWORD chunk = n > (1u << 30) ? (1u << 30) : (DWORD)n;
  for (;;) {
    DWORD done = 0;
    if (MPROC__FAIL(READ) || !ReadFile(h, p, chunk, &done, NULL)) {
      DWORD e = GetLastError();
      if (e == ERROR_MORE_DATA && done > 0) {
        *got = done;
        return 0;
      }
      if (is_closed_error(e))
        return mproc__err(MPROC_E_CLOSED,
                          "end of file: the other end is closed");
      return mproc__err_os("reading from a connection");
    }
    if (done > 0) {
      *got = done;
      return 0;
    }
  }
}
