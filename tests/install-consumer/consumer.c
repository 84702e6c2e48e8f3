/* SPDX-License-Identifier: MIT */
/*
 * Uses an installed mproc: a lock handed to a child process under every
 * start method the platform has. Exits 0 when everything worked.
 */
#include <mproc.h>

#include <stdio.h>
#include <string.h>

static int fail(const char *what, int rc) {
  fprintf(stderr, "consumer: %s: %s (%s)\n", what, mproc_err_name(rc),
          mproc_last_error());
  return 1;
}

/* The child: takes the lock it was given, releases it, exits 7. */
static int child(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  if (nargs != 1 || mproc_value_as_lock(&args[0], &lock) != 0)
    return 2;
  if (mproc_lock_acquire(lock, 10.0) != 0)
    return 3;
  if (mproc_lock_release(lock) != 0)
    return 4;
  return 7;
}

static int run(mproc_start_method_t method, const char *name) {
  mproc_lock_t *lock = NULL;
  mproc_process_t *proc = NULL;
  mproc_process_options_t opts;
  mproc_value_t arg;
  int rc, code = -1;

  memset(&opts, 0, sizeof opts);
  opts.start_method = method;
  if ((rc = mproc_lock_create(&lock)) != 0)
    return fail("mproc_lock_create", rc);
  arg = mproc_obj(lock);
  if ((rc = mproc_process_start(&proc, child, &arg, 1, &opts)) != 0)
    return fail("mproc_process_start", rc);
  if ((rc = mproc_process_join(proc, 60.0)) != 0)
    return fail("mproc_process_join", rc);
  if ((rc = mproc_process_exitcode(proc, &code)) != 0)
    return fail("mproc_process_exitcode", rc);
  mproc_process_destroy(proc);
  mproc_lock_destroy(lock);
  printf("consumer: %s child exited with %d\n", name, code);
  return code == 7 ? 0 : 1;
}

int main(int argc, char **argv) {
  int rc, failed = 0;

  if ((rc = mproc_register("child", child)) != 0)
    return fail("mproc_register", rc);
  if ((rc = mproc_boot(argc, argv)) != 0)
    return fail("mproc_boot", rc);

  printf("consumer: mproc %s\n", mproc_version());
  /* The installed header (mproc_version.h beside mproc.h) and the library
   * the loader found must be one release: a stale header or library left
   * by an earlier install shows here. */
  if (strcmp(mproc_version(), MPROC_VERSION_STRING) != 0) {
    fprintf(stderr, "consumer: library %s, header %s\n", mproc_version(),
            MPROC_VERSION_STRING);
    return 1;
  }
  if (mproc_start_method_available(MPROC_START_FORK))
    failed |= run(MPROC_START_FORK, "fork");
  if (mproc_start_method_available(MPROC_START_SPAWN))
    failed |= run(MPROC_START_SPAWN, "spawn");
  return failed;
}
