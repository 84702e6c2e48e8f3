/* SPDX-License-Identifier: MIT */
/*
 * Errors: the detail message names the call, and the OS's own error number
 * stays beside the portable code (mproc_last_os_error()).
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define NOT_FOUND_OS_ERROR ((long)ERROR_FILE_NOT_FOUND)
#else
#include <errno.h>
#include <sys/resource.h>
#define NOT_FOUND_OS_ERROR ((long)ENOENT)
#endif

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A bad argument names the public call, and no OS error is behind it. */
static void test_null_names_the_call(void **state) {
  (void)state;
  assert_int_equal(mproc_lock_create(NULL), MPROC_E_INVAL);
  assert_true(starts_with(mproc_last_error(), "mproc_lock_create: NULL"));
  assert_int_equal(mproc_last_os_error(), 0);

  assert_int_equal(mproc_value_as_lock(NULL, NULL), MPROC_E_INVAL);
  assert_true(starts_with(mproc_last_error(), "mproc_value_as_lock: NULL"));

  mproc_queue_t *q = NULL;
  assert_int_equal(mproc_queue_create(&q, NULL), 0);
  assert_int_equal(mproc_queue_qsize(q, NULL), MPROC_E_INVAL);
  assert_true(starts_with(mproc_last_error(), "mproc_queue_qsize: NULL"));
  mproc_queue_destroy(q);

  assert_int_equal(mproc_value_as_int(NULL, NULL), MPROC_E_INVAL);
  assert_true(starts_with(mproc_last_error(), "mproc_value_as_int: NULL"));
}

/* A failed OS call keeps its number; a later failure that is not an OS
 * call's clears it. */
static void test_os_error_kept(void **state) {
  (void)state;
  char name[96];
  snprintf(name, sizeof name, "mproc_test_missing_%lld",
           (long long)mproc_getpid());
  mproc_shared_memory_t *m = NULL;
  assert_int_equal(mproc_shared_memory_attach(&m, name), MPROC_E_NOTFOUND);
  assert_int_equal(mproc_last_os_error(), NOT_FOUND_OS_ERROR);
  assert_true(mproc_last_error()[0] != '\0');

  assert_int_equal(mproc_lock_create(NULL), MPROC_E_INVAL);
  assert_int_equal(mproc_last_os_error(), 0);
}

#ifndef _WIN32
/* EMFILE and its portable code: at a descriptor limit just above what is
 * open, creating pipes fails with MPROC_E_LIMIT, and the number says why
 * (EMFILE, not ENOSPC or EAGAIN, which map to the same code). Pipes, not
 * locks: locks share slabs (src/slab.c), 4,095 to a descriptor. */
static void test_emfile_is_told_apart(void **state) {
  (void)state;
  struct rlimit old;
  assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
  int open_now = harness_count_handles();
  assert_true(open_now > 0);
  struct rlimit low = old;
  low.rlim_cur = (rlim_t)open_now + 8;
  assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
  mproc_connection_t *ends[64][2];
  int n = 0, rc = 0;
  while (n < 64 && (rc = mproc_pipe(&ends[n][0], &ends[n][1], true)) == 0)
    n++;
  long os = mproc_last_os_error();
  for (int i = 0; i < n; i++) {
    mproc_connection_destroy(ends[i][0]);
    mproc_connection_destroy(ends[i][1]);
  }
  assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
  assert_int_equal(rc, MPROC_E_LIMIT);
  assert_int_equal(os, EMFILE);
}
#endif

int main(int argc, char **argv) {
  harness_early_init();
  mproc_boot(argc, argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_null_names_the_call),
      cmocka_unit_test(test_os_error_kept),
#ifndef _WIN32
      cmocka_unit_test(test_emfile_is_told_apart),
#endif
  };
  return harness_run(argc, argv, "errors", tests,
                     sizeof tests / sizeof tests[0]);
}
