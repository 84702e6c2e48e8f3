/* SPDX-License-Identifier: MIT */
/*
 * lock_demo: the first thing to run.
 *
 * Three worker processes print a few lines each while holding one mproc
 * Lock, so their lines never interleave; the Lock reaches the workers the
 * one way it may, as a process argument. Then the program shows the sharing
 * rule: encoding the same Lock outside process creation fails with CPython's
 * message.
 *
 *   mproc-lock-demo [--start-method fork|spawn]
 */
#include <mproc.h>

#include <stdio.h>
#include <string.h>

static int worker(const mproc_value_t *args, size_t nargs) {
  mproc_lock_t *lock;
  int64_t idx;
  if (nargs != 2 || mproc_value_as_int(&args[0], &idx) != 0 ||
      mproc_value_as_lock(&args[1], &lock) != 0)
    return 2;
  if (mproc_lock_acquire(lock, MPROC_FOREVER) != 0)
    return 3;
  printf("worker %lld (pid %lld): I\n", (long long)idx,
         (long long)mproc_getpid());
  printf("worker %lld: was\n", (long long)idx);
  printf("worker %lld: here\n", (long long)idx);
  fflush(stdout);
  mproc_lock_release(lock);
  return 0;
}

static int usage(const char *prog, int code) {
  fprintf(code ? stderr : stdout,
          "usage: %s [--start-method fork|spawn]\n"
          "Starts three processes that print under one shared Lock.\n",
          prog);
  return code;
}

int main(int argc, char **argv) {
  MPROC_REGISTER(worker);
  mproc_boot(argc, argv);

  mproc_process_options_t opts = {.start_method = MPROC_START_DEFAULT,
                                  .daemon = false};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return usage(argv[0], 0);
    if (strcmp(argv[i], "--start-method") == 0 && i + 1 < argc) {
      const char *m = argv[++i];
      if (strcmp(m, "fork") == 0)
        opts.start_method = MPROC_START_FORK;
      else if (strcmp(m, "spawn") == 0)
        opts.start_method = MPROC_START_SPAWN;
      else
        return usage(argv[0], 2);
      continue;
    }
    return usage(argv[0], 2);
  }

  mproc_lock_t *lock;
  int rc = mproc_lock_create(&lock);
  if (rc != 0) {
    fprintf(stderr, "lock: %s\n", mproc_last_error());
    return 1;
  }
  mproc_process_t *procs[3];
  int started = 0, failed = 0;
  for (int i = 0; i < 3; i++) {
    mproc_value_t args[] = {mproc_int(i), mproc_obj(lock)};
    rc = mproc_process_start(&procs[i], worker, args, 2, &opts);
    if (rc != 0) {
      fprintf(stderr, "start: %s: %s\n", mproc_err_name(rc),
              mproc_last_error());
      failed = 1;
      break;
    }
    started++;
  }
  for (int i = 0; i < started; i++) {
    int code = -1;
    mproc_process_join(procs[i], MPROC_FOREVER);
    mproc_process_exitcode(procs[i], &code);
    if (code != 0)
      failed = 1;
    mproc_process_destroy(procs[i]);
  }

  mproc_value_t v = mproc_obj(lock);
  void *buf;
  size_t len;
  rc = mproc_encode(&v, 1, &buf, &len);
  printf("encoding the Lock outside process creation: %s: %s\n",
         mproc_err_name(rc), mproc_last_error());
  mproc_lock_destroy(lock);
  if (rc != MPROC_E_INHERITANCE)
    failed = 1;
  printf("%s\n", failed ? "FAILED" : "OK");
  return failed;
}
