/* SPDX-License-Identifier: MIT */
/*
 * mproc-manager-state: shared state under a Manager and a worker killed
 * mid-way, the C twin of manager_state.py.
 *
 * Four workers update objects a manager hosts: under the manager's Lock,
 * each update adds one to totals[key], records progress[name] = (updates
 * done, last key) and appends (name, i) to a log list. Worker w2 stops
 * after exactly 25 updates, sets an Event and blocks on another that is
 * never set; the parent then terminates it. The others finish, and the
 * state shows all of their updates and exactly the victim's 25: a worker
 * that dies costs what it had not done, nothing it had. Every call to the
 * manager returns once the server has applied it, so nothing the victim
 * did is in flight when it dies.
 *
 *   mproc-manager-state [--start-method fork|spawn] [--small]
 */
#include <mproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = {"red", "green", "blue", "cyan", "magenta"};
#define NKEYS (sizeof KEYS / sizeof KEYS[0])
#define WORKERS 4
#define VICTIM 2
#define KILL_AFTER 25
/* The bound of the parent's joins of workers that have done their work. */
#define PATIENCE 300.0

typedef struct shared {
  mproc_proxy_t *lock, *totals, *progress, *log, *reached, *hold;
} shared_t;

/* One update, under the lock (Python's `with lock:` block). */
static int update(const shared_t *s, const char *name, int64_t i,
                  const char *key) {
  int rc = mproc_proxy_acquire(s->lock, MPROC_FOREVER);
  if (rc != 0)
    return rc;
  mproc_value_t k = mproc_str(key), *old = NULL;
  int64_t n = 0;
  if ((rc = mproc_proxy_dict_get(s->totals, &k, &old)) == 0 &&
      (rc = mproc_value_as_int(old, &n)) == 0) {
    mproc_value_t total = mproc_int(n + 1);
    mproc_value_t who = mproc_str(name);
    mproc_value_t done = MPROC_TUPLE(mproc_int(i + 1), k);
    mproc_value_t entry = MPROC_TUPLE(who, mproc_int(i));
    if ((rc = mproc_proxy_dict_set(s->totals, &k, &total)) == 0 &&
        (rc = mproc_proxy_dict_set(s->progress, &who, &done)) == 0)
      rc = mproc_proxy_list_append(s->log, &entry);
  }
  mproc_values_free(old, 1);
  int rc2 = mproc_proxy_release(s->lock);
  return rc != 0 ? rc : rc2;
}

/* (name, index, updates, kill_after, lock, totals, progress, log, reached,
 * hold): `updates` updates; with kill_after (not None) it stops after that
 * many, says so through `reached`, and waits on `hold` until it is killed. */
static int worker(const mproc_value_t *args, size_t nargs) {
  const char *name;
  int64_t index, updates, kill_after = -1;
  const mproc_value_t *kill;
  shared_t s;
  if (mproc_args_parse(args, nargs,
                       "s[name]i[index]i[updates]O[kill_after]"
                       "{Proxy}[lock]{Proxy}[totals]{Proxy}[progress]"
                       "{Proxy}[log]{Proxy}[reached]{Proxy}[hold]:worker",
                       &name, &index, &updates, &kill, &s.lock, &s.totals,
                       &s.progress, &s.log, &s.reached, &s.hold) != 0 ||
      (!mproc_value_is_none(kill) &&
       mproc_value_as_int(kill, &kill_after) != 0)) {
    fprintf(stderr, "worker: %s\n", mproc_last_error());
    return 2;
  }
  for (int64_t i = 0; i < updates; i++) {
    if (i == kill_after) {
      mproc_proxy_event_set(s.reached);
      mproc_proxy_event_wait(s.hold, MPROC_FOREVER);
      return 3; /* not reached: hold is never set */
    }
    int rc = update(&s, name, i, KEYS[(index + i * i) % (int64_t)NKEYS]);
    if (rc != 0) {
      fprintf(stderr, "worker %s: %s\n", name, mproc_last_error());
      return 1;
    }
  }
  return 0;
}

static int print_repr(const char *before, const mproc_value_t *v) {
  char *r = mproc_value_repr(v);
  if (!r)
    return MPROC_E_NOMEM;
  printf("%s%s\n", before, r);
  mproc_free(r);
  return 0;
}

/* {key: d[key] for key in keys}, read from a manager dict into a plain dict
 * (*out, owned by the caller). */
static int snapshot(mproc_proxy_t *d, const mproc_value_t *keys, size_t n,
                    mproc_value_t **out) {
  mproc_builder_t *b;
  int rc = mproc_builder_new(&b, MPROC_VALUE_DICT);
  for (size_t i = 0; i < n && rc == 0; i++) {
    mproc_value_t *v;
    if ((rc = mproc_proxy_dict_get(d, &keys[i], &v)) == 0) {
      rc = mproc_builder_set(b, &keys[i], v); /* copies */
      mproc_values_free(v, 1);
    }
  }
  if (rc != 0) {
    mproc_builder_free(b);
    return rc;
  }
  return mproc_builder_finish(b, out);
}

/* sorted(log) == [(name, i) for name in names for i in range(done)]: every
 * update each worker made is in the log exactly once, and nothing else. */
static int check_log(mproc_proxy_t *log, const int64_t done[WORKERS],
                     size_t *len, bool *ok) {
  int rc = mproc_proxy_list_len(log, len);
  if (rc != 0)
    return rc;
  unsigned char *seen = calloc(*len ? *len : 1, WORKERS);
  if (!seen)
    return MPROC_E_NOMEM;
  size_t expected = 0;
  for (int w = 0; w < WORKERS; w++)
    expected += (size_t)done[w];
  *ok = *len == expected;
  for (size_t j = 0; j < *len && rc == 0; j++) {
    mproc_value_t *e;
    const char *name;
    int64_t i;
    if ((rc = mproc_proxy_list_get(log, (int64_t)j, &e)) != 0)
      break;
    if ((rc = mproc_args_parse(e, 1, "(s[name]i[update])[entry]:log", &name,
                               &i)) == 0) {
      int w = name[0] == 'w' ? atoi(name + 1) : -1;
      if (w < 0 || w >= WORKERS || i < 0 || i >= done[w] ||
          seen[(size_t)i * WORKERS + (size_t)w]++)
        *ok = false;
    }
    mproc_values_free(e, 1);
  }
  free(seen);
  return rc;
}

static int run(mproc_start_method_t method, bool small) {
  int64_t updates = small ? 60 : 1000;
  char names[WORKERS][8];
  mproc_value_t name_vals[WORKERS], key_vals[NKEYS];
  mproc_manager_t *m = NULL;
  shared_t s = {NULL, NULL, NULL, NULL, NULL, NULL};
  mproc_process_t *procs[WORKERS] = {NULL};
  mproc_value_t *done = NULL, *totals = NULL;
  int rc;

  for (int w = 0; w < WORKERS; w++) {
    snprintf(names[w], sizeof names[w], "w%d", w);
    name_vals[w] = mproc_str(names[w]);
  }
  for (size_t k = 0; k < NKEYS; k++)
    key_vals[k] = mproc_str(KEYS[k]);
  printf("%d workers, %lld updates each; %s is killed after %d\n", WORKERS,
         (long long)updates, names[VICTIM], KILL_AFTER);
  fflush(stdout); /* a fork child must not inherit unwritten output */

  mproc_manager_options_t mo = {method, NULL, NULL, 0};
  if ((rc = mproc_manager_start(&m, &mo)) != 0 ||
      (rc = mproc_manager_lock(m, &s.lock)) != 0 ||
      (rc = mproc_manager_dict(m, &s.totals)) != 0 ||
      (rc = mproc_manager_dict(m, &s.progress)) != 0 ||
      (rc = mproc_manager_list(m, &s.log)) != 0 ||
      (rc = mproc_manager_event(m, &s.reached)) != 0 ||
      (rc = mproc_manager_event(m, &s.hold)) != 0)
    goto out;
  mproc_value_t zero = mproc_int(0);
  for (size_t k = 0; k < NKEYS && rc == 0; k++)
    rc = mproc_proxy_dict_set(s.totals, &key_vals[k], &zero);
  mproc_process_options_t po = {.start_method = method};
  for (int w = 0; w < WORKERS && rc == 0; w++) {
    mproc_value_t args[10] = {
        name_vals[w],
        mproc_int(w),
        mproc_int(updates),
        w == VICTIM ? mproc_int(KILL_AFTER) : mproc_none(),
        mproc_obj(s.lock),
        mproc_obj(s.totals),
        mproc_obj(s.progress),
        mproc_obj(s.log),
        mproc_obj(s.reached),
        mproc_obj(s.hold)};
    rc = mproc_process_start(&procs[w], worker, args, 10, &po);
  }
  if (rc != 0)
    goto out;

  /* reached.wait(), looking at the workers twice a second: one that died
   * before its point would leave the twin waiting forever. */
  int code = 0;
  while ((rc = mproc_proxy_event_wait(s.reached, 0.5)) == MPROC_E_TIMEOUT) {
    for (int w = 0; w < WORKERS; w++) {
      if (mproc_process_exitcode(procs[w], &code) == 0 &&
          (code != 0 || w == VICTIM)) {
        fprintf(stderr, "mproc-manager-state: %s ended early, exit code %d\n",
                names[w], code);
        rc = MPROC_E_WORKER_DIED;
        goto out;
      }
    }
  }
  if (rc != 0)
    goto out;
  if ((rc = mproc_process_terminate(procs[VICTIM])) != 0 ||
      (rc = mproc_process_join(procs[VICTIM], PATIENCE)) != 0 ||
      (rc = mproc_process_exitcode(procs[VICTIM], &code)) != 0)
    goto out;
  printf("%s stopped after %d updates and was terminated: exit code %d\n",
         names[VICTIM], KILL_AFTER, code);
  mproc_value_t codes[WORKERS - 1];
  for (int w = 0, j = 0; w < WORKERS; w++) {
    if (w == VICTIM)
      continue;
    if ((rc = mproc_process_join(procs[w], PATIENCE)) != 0 ||
        (rc = mproc_process_exitcode(procs[w], &code)) != 0)
      goto out;
    codes[j++] = mproc_int(code);
  }
  mproc_value_t others = mproc_list(codes, WORKERS - 1);
  if ((rc = print_repr("the others' exit codes: ", &others)) != 0)
    goto out;
  bool free_lock = mproc_proxy_acquire(s.lock, 5.0) == 0;
  printf("the manager's lock is free: %s\n", free_lock ? "True" : "False");
  if (free_lock && (rc = mproc_proxy_release(s.lock)) != 0)
    goto out;

  if ((rc = snapshot(s.progress, name_vals, WORKERS, &done)) != 0 ||
      (rc = print_repr("progress: ", done)) != 0 ||
      (rc = snapshot(s.totals, key_vals, NKEYS, &totals)) != 0 ||
      (rc = print_repr("totals: ", totals)) != 0)
    goto out;
  int64_t done_n[WORKERS], sum = 0;
  for (int w = 0; w < WORKERS && rc == 0; w++) {
    const mproc_value_t *v;
    const char *last;
    if ((rc = mproc_value_dict_get(done, &name_vals[w], &v)) == 0)
      rc = mproc_args_parse(v, 1, "(is)[progress]:main", &done_n[w], &last);
  }
  for (size_t k = 0; k < NKEYS && rc == 0; k++) {
    const mproc_value_t *v;
    int64_t n;
    if ((rc = mproc_value_dict_get(totals, &key_vals[k], &v)) == 0 &&
        (rc = mproc_value_as_int(v, &n)) == 0)
      sum += n;
  }
  size_t len;
  bool ok;
  if (rc != 0 || (rc = check_log(s.log, done_n, &len, &ok)) != 0)
    goto out;
  printf("log: %zu entries, each update once: %s\n", len,
         ok ? "True" : "False");
  printf("sum of totals: %lld\n", (long long)sum);

out:
  if (rc != 0 && rc != MPROC_E_WORKER_DIED)
    fprintf(stderr, "mproc-manager-state: %s (%s)\n", mproc_last_error(),
            mproc_err_name(rc));
  for (int w = 0; w < WORKERS; w++) {
    if (procs[w] && mproc_process_is_alive(procs[w]) == 1) {
      mproc_process_kill(procs[w]);
      mproc_process_join(procs[w], MPROC_FOREVER);
    }
    mproc_process_destroy(procs[w]);
  }
  mproc_values_free(done, 1);
  mproc_values_free(totals, 1);
  mproc_proxy_destroy(s.lock);
  mproc_proxy_destroy(s.totals);
  mproc_proxy_destroy(s.progress);
  mproc_proxy_destroy(s.log);
  mproc_proxy_destroy(s.reached);
  mproc_proxy_destroy(s.hold);
  mproc_manager_shutdown(m);
  return rc == 0 ? 0 : 1;
}

static int usage(const char *prog, int code) {
  fprintf(code ? stderr : stdout,
          "usage: %s [--start-method fork|spawn] [--small]\n"
          "%d workers update a manager's dicts and list (1,000 updates "
          "each;\n--small: 60); one is killed after %d.\n",
          prog, WORKERS, KILL_AFTER);
  return code;
}

int main(int argc, char **argv) {
  mproc_register("worker", worker);
  mproc_boot(argc, argv);

  mproc_start_method_t method = MPROC_START_DEFAULT;
  bool small = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return usage(argv[0], 0);
    if (strcmp(argv[i], "--small") == 0) {
      small = true;
    } else if (strcmp(argv[i], "--start-method") == 0 && i + 1 < argc) {
      const char *m = argv[++i];
      if (strcmp(m, "fork") == 0)
        method = MPROC_START_FORK;
      else if (strcmp(m, "spawn") == 0)
        method = MPROC_START_SPAWN;
      else
        return usage(argv[0], 2);
      if (!mproc_start_method_available(method)) {
        fprintf(stderr, "%s: the %s start method is not available here\n",
                argv[0], m);
        return 2;
      }
    } else {
      return usage(argv[0], 2);
    }
  }
  return run(method, small);
}
