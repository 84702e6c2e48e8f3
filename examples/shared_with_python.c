/* SPDX-License-Identifier: MIT */
/*
 * mproc-shared-with-python: a C program and a Python script sharing one
 * manager, which this program starts (its server is mproc's; the Python
 * side is CPython's own multiprocessing.managers client).
 *
 * The manager shares three objects by name, as a Python manager would with
 * BaseManager.register(name, callable=...): a "jobs" queue, a "squares"
 * queue and a "results" dict. This program puts 1..N into jobs; a C worker
 * process squares each and puts (n, n*n) into squares; the Python script
 * (shared_with_python.py, given the manager's address and key on its
 * command line) writes results[n] = "n squared is n*n" for each; this
 * program then prints the dict in key order and the sum of the squares.
 *
 *   mproc-shared-with-python [--start-method fork|spawn] [--small]
 *                            [--python PYTHON] [--script PATH]
 *
 * PYTHON defaults to python3, PATH to examples/shared_with_python.py (run
 * it from the source tree's root).
 */
#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const mproc_manager_shared_t SHARED[] = {{"jobs", "Queue", 0, false},
                                                {"squares", "Queue", 0, false},
                                                {"results", "dict", 0, false}};

/* (jobs, squares): squares numbers until None, which it passes on. */
static int squarer(const mproc_value_t *args, size_t nargs) {
  mproc_proxy_t *jobs, *squares;
  if (mproc_args_parse(args, nargs, "{Proxy}[jobs]{Proxy}[squares]:squarer",
                       &jobs, &squares) != 0) {
    fprintf(stderr, "squarer: %s\n", mproc_last_error());
    return 2;
  }
  for (;;) {
    mproc_value_t *v = NULL;
    int64_t n;
    int rc = mproc_proxy_queue_get(jobs, &v, MPROC_FOREVER);
    if (rc != 0)
      return 3;
    if (mproc_value_is_none(v)) {
      mproc_values_free(v, 1);
      break;
    }
    rc = mproc_value_as_int(v, &n);
    mproc_values_free(v, 1);
    mproc_value_t pair = MPROC_TUPLE(mproc_int(n), mproc_int(n * n));
    if (rc != 0 || mproc_proxy_queue_put(squares, &pair, MPROC_FOREVER) != 0)
      return 3;
  }
  mproc_value_t end = mproc_none();
  return mproc_proxy_queue_put(squares, &end, MPROC_FOREVER) == 0 ? 0 : 3;
}

static int run(mproc_start_method_t method, int64_t count, const char *python,
               const char *script) {
  uint8_t key[MPROC_AUTHKEY_LEN];
  char hex[2 * MPROC_AUTHKEY_LEN + 1], cmd[2048];
  mproc_manager_t *m = NULL;
  mproc_proxy_t *jobs = NULL, *squares = NULL, *results = NULL;
  mproc_process_t *p = NULL;
  int rc = mproc_authkey(key);
  for (size_t i = 0; i < sizeof key; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  mproc_manager_options_t o = {method, NULL, key, sizeof key};
  mproc_manager_setup_t setup = {SHARED, 3, NULL, NULL, 0};
  if (rc != 0 || (rc = mproc_manager_start_with(&m, &o, &setup)) != 0 ||
      (rc = mproc_manager_get(m, "jobs", &jobs)) != 0 ||
      (rc = mproc_manager_get(m, "squares", &squares)) != 0 ||
      (rc = mproc_manager_get(m, "results", &results)) != 0)
    goto out;
  mproc_process_options_t po = {.start_method = method};
  mproc_value_t args[2] = {mproc_obj(jobs), mproc_obj(squares)};
  if ((rc = mproc_process_start(&p, squarer, args, 2, &po)) != 0)
    goto out;
  for (int64_t n = 1; n <= count + 1 && rc == 0; n++) {
    mproc_value_t v = n <= count ? mproc_int(n) : mproc_none();
    rc = mproc_proxy_queue_put(jobs, &v, MPROC_FOREVER);
  }
  /* The Python side, as any program would run it. */
  snprintf(cmd, sizeof cmd, "%s %s %s %s", python, script,
           mproc_manager_address(m), hex);
  if (rc == 0 && system(cmd) != 0) {
    fprintf(stderr, "%s failed\n", cmd);
    rc = MPROC_E_STATE;
  }
  int code = -1;
  if (rc == 0 && (rc = mproc_process_join(p, MPROC_FOREVER)) == 0 &&
      (rc = mproc_process_exitcode(p, &code)) == 0 && code != 0)
    rc = MPROC_E_STATE;
  int64_t sum = 0;
  for (int64_t n = 1; n <= count && rc == 0; n++) {
    mproc_value_t k = mproc_int(n), *v = NULL;
    const char *line;
    if ((rc = mproc_proxy_dict_get(results, &k, &v)) == 0 &&
        (rc = mproc_value_as_str(v, &line)) == 0)
      printf("%s\n", line);
    mproc_values_free(v, 1);
    sum += n * n;
  }
  if (rc == 0)
    printf("sum of squares: %lld\n", (long long)sum);
out:
  if (rc != 0)
    fprintf(stderr, "mproc-shared-with-python: %s\n", mproc_last_error());
  if (p)
    mproc_process_destroy(p);
  mproc_proxy_destroy(jobs);
  mproc_proxy_destroy(squares);
  mproc_proxy_destroy(results);
  if (m)
    mproc_manager_shutdown(m);
  return rc == 0 ? 0 : 1;
}

static int usage(const char *argv0, int status) {
  fprintf(status ? stderr : stdout,
          "usage: %s [--start-method fork|spawn] [--small] [--python PYTHON] "
          "[--script PATH]\n",
          argv0);
  return status;
}

int main(int argc, char **argv) {
  mproc_register("squarer", squarer);
  mproc_boot(argc, argv);
  mproc_start_method_t method = MPROC_START_DEFAULT;
  int64_t count = 10;
  const char *python = "python3", *script = "examples/shared_with_python.py";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return usage(argv[0], 0);
    if (strcmp(argv[i], "--small") == 0) {
      count = 5;
    } else if (strcmp(argv[i], "--python") == 0 && i + 1 < argc) {
      python = argv[++i];
    } else if (strcmp(argv[i], "--script") == 0 && i + 1 < argc) {
      script = argv[++i];
    } else if (strcmp(argv[i], "--start-method") == 0 && i + 1 < argc) {
      const char *s = argv[++i];
      if (strcmp(s, "fork") == 0)
        method = MPROC_START_FORK;
      else if (strcmp(s, "spawn") == 0)
        method = MPROC_START_SPAWN;
      else
        return usage(argv[0], 2);
      if (!mproc_start_method_available(method)) {
        fprintf(stderr, "%s: the %s start method is not available here\n",
                argv[0], s);
        return 2;
      }
    } else {
      return usage(argv[0], 2);
    }
  }
  return run(method, count, python, script);
}
