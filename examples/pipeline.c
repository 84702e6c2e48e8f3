/* SPDX-License-Identifier: MIT */
/*
 * mproc-pipeline: a three-stage queue pipeline, the C twin of pipeline.py.
 *
 *   producer --tasks (JoinableQueue)--> 3 workers --results--> collector
 *
 * The producer puts items (id, text) and then one None per worker; each
 * worker takes items until it meets its None, marks every item done with
 * task_done() (its None too), and puts (id, words, longest word, text in
 * capitals) on the results queue, then a None of its own; the collector
 * gathers results until it has seen every worker's None, sorts them by id
 * and puts the whole list on a third queue for the parent. The parent
 * waits with mproc_queue_join() until every item was processed, as
 * CPython's documentation shows for JoinableQueue, then prints the first
 * and last results. Items and results are tuples, one value an item, as a
 * Python program puts one object.
 *
 *   mproc-pipeline [--start-method fork|spawn] [--small]
 */
#include <mproc.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FRUITS[] = {
    "apple",  "banana",   "cherry",    "date",      "elderberry", "fig",
    "grape",  "honeydew", "kiwi",      "lemon",     "mango",      "nectarine",
    "orange", "papaya",   "quince",    "raspberry", "strawberry", "tangerine",
    "ugli",   "vanilla",  "watermelon"};
#define NFRUITS (sizeof FRUITS / sizeof FRUITS[0])

#define WORKERS 3
#define SHOWN 3
/* The bound of the parent's joins of stages that have done their work. */
#define PATIENCE 300.0

/* Knuth's MMIX LCG step (the twin's lcg()); the draw is state >> 33. */
static uint64_t lcg(uint64_t state) {
  return state * 6364136223846793005u + 1442695040888963407u;
}

/* A child's failure: what went wrong on stderr, and its exit code. */
static int child_fail(const char *who, int code) {
  fprintf(stderr, "%s: %s\n", who, mproc_last_error());
  return code;
}

/* (tasks, count, workers): puts count items (id, text of 3 to 10 fruits),
 * then one sentinel per worker. */
static int producer(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *tasks;
  int64_t count, workers;
  if (mproc_args_parse(args, nargs, "{Queue}[tasks]i[count]i[workers]:producer",
                       &tasks, &count, &workers) != 0)
    return child_fail("producer", 2);
  uint64_t state = 7;
  char text[16 * 11];
  for (int64_t id = 0; id < count; id++) {
    state = lcg(state);
    uint64_t n = 3 + (state >> 33) % 8;
    size_t len = 0;
    for (uint64_t i = 0; i < n; i++) {
      state = lcg(state);
      len += (size_t)snprintf(text + len, sizeof text - len, "%s%s",
                              i ? " " : "", FRUITS[(state >> 33) % NFRUITS]);
    }
    mproc_value_t item = MPROC_TUPLE(mproc_int(id), mproc_str(text));
    if (mproc_queue_put(tasks, &item, 1, MPROC_FOREVER) != 0)
      return child_fail("producer", 3);
  }
  mproc_value_t none = mproc_none();
  for (int64_t w = 0; w < workers; w++)
    if (mproc_queue_put(tasks, &none, 1, MPROC_FOREVER) != 0)
      return child_fail("producer", 3);
  return 0;
}

/* One item: (id, text) -> (id, words, longest word, TEXT). The longest word
 * is the first of the greatest length, as Python's max(key=len). */
static int transform(const mproc_value_t *item, size_t n,
                     mproc_queue_t *results) {
  int64_t id;
  const char *text;
  int rc = mproc_args_parse(item, n, "(i[id]s[text])[item]:worker", &id, &text);
  if (rc != 0)
    return rc;
  size_t len = strlen(text), words = 0, best = 0, best_len = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && text[i] == ' ')
      i++;
    size_t start = i;
    while (i < len && text[i] != ' ')
      i++;
    if (i > start) {
      words++;
      if (i - start > best_len) {
        best = start;
        best_len = i - start;
      }
    }
  }
  char *upper = malloc(len + 1), *longest = malloc(best_len + 1);
  if (!upper || !longest) {
    free(upper);
    free(longest);
    return MPROC_E_NOMEM;
  }
  for (size_t i = 0; i <= len; i++)
    upper[i] = (char)toupper((unsigned char)text[i]);
  memcpy(longest, text + best, best_len);
  longest[best_len] = '\0';
  mproc_value_t result = MPROC_TUPLE(mproc_int(id), mproc_int((int64_t)words),
                                     mproc_str(longest), mproc_str(upper));
  rc = mproc_queue_put(results, &result, 1, MPROC_FOREVER);
  free(upper);
  free(longest);
  return rc;
}

/* (tasks, results): transforms items until its sentinel, and calls
 * task_done() for each, its sentinel included, so that the parent's
 * mproc_queue_join() returns once all are processed. */
static int worker(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *tasks, *results;
  if (mproc_args_parse(args, nargs, "{Queue}[tasks]{Queue}[results]:worker",
                       &tasks, &results) != 0)
    return child_fail("worker", 2);
  for (;;) {
    mproc_value_t *item;
    size_t n;
    if (mproc_queue_get(tasks, &item, &n, MPROC_FOREVER) != 0)
      return child_fail("worker", 3);
    bool sentinel = n == 1 && mproc_value_is_none(&item[0]);
    int rc = sentinel ? 0 : transform(item, n, results);
    mproc_values_free(item, n);
    if (rc != 0 || mproc_queue_task_done(tasks) != 0)
      return child_fail("worker", 4);
    if (sentinel) {
      mproc_value_t none = mproc_none();
      return mproc_queue_put(results, &none, 1, MPROC_FOREVER) == 0
                 ? 0
                 : child_fail("worker", 3);
    }
  }
}

/* A result as received (checked by the collector): one tuple whose first
 * item is the id. */
static int by_id(const void *pa, const void *pb) {
  int64_t a = (*(mproc_value_t *const *)pa)->u.seq.items[0].u.i;
  int64_t b = (*(mproc_value_t *const *)pb)->u.seq.items[0].u.i;
  return (a > b) - (a < b);
}

/* (results, done, workers): gathers results until every worker's sentinel,
 * sorts them by id and puts them on done as one list. The list is a view
 * over the received tuples: nothing is copied until the put encodes it. */
static int collector(const mproc_value_t *args, size_t nargs) {
  mproc_queue_t *results, *done;
  int64_t workers;
  if (mproc_args_parse(args, nargs,
                       "{Queue}[results]{Queue}[done]i[workers]"
                       ":collector",
                       &results, &done, &workers) != 0)
    return child_fail("collector", 2);
  mproc_value_t **got = NULL, *list = NULL;
  size_t ngot = 0, cap = 0;
  int rc = 0;
  for (int64_t finished = 0; finished < workers && rc == 0;) {
    mproc_value_t *item;
    size_t n;
    if ((rc = mproc_queue_get(results, &item, &n, MPROC_FOREVER)) != 0)
      break;
    if (n == 1 && mproc_value_is_none(&item[0])) {
      finished++;
      mproc_values_free(item, n);
      continue;
    }
    int64_t id, words;
    const char *longest, *upper;
    if ((rc = mproc_args_parse(item, n, "(iiss)[result]:collector", &id, &words,
                               &longest, &upper)) != 0) {
      mproc_values_free(item, n);
      break;
    }
    if (ngot == cap) {
      cap = cap ? 2 * cap : 1024;
      mproc_value_t **more = realloc(got, cap * sizeof *got);
      if (!more) {
        rc = MPROC_E_NOMEM;
        mproc_values_free(item, n);
        break;
      }
      got = more;
    }
    got[ngot++] = item; /* one value: its tuple */
  }
  if (rc == 0 && !(list = malloc((ngot ? ngot : 1) * sizeof *list)))
    rc = MPROC_E_NOMEM;
  if (rc == 0) {
    qsort(got, ngot, sizeof *got, by_id);
    for (size_t i = 0; i < ngot; i++)
      list[i] = *got[i];
    mproc_value_t sorted = mproc_list(list, ngot);
    rc = mproc_queue_put(done, &sorted, 1, MPROC_FOREVER);
  }
  for (size_t i = 0; i < ngot; i++)
    mproc_values_free(got[i], 1);
  free(got);
  free(list);
  return rc == 0 ? 0 : child_fail("collector", 3);
}

/* Whether a stage has ended with a failure: 0 if none has, else
 * MPROC_E_WORKER_DIED with which one in @p why. A stage that died would
 * leave the join below waiting forever (the twin does hang there). */
static int stage_died(mproc_process_t *const *procs, int n, char *why,
                      size_t why_size) {
  for (int i = 0; i < n; i++) {
    int code;
    if (mproc_process_exitcode(procs[i], &code) == 0 && code != 0) {
      snprintf(why, why_size, "%s (pid %lld) ended with exit code %d",
               i == 0       ? "the producer"
               : i == n - 1 ? "the collector"
                            : "a worker",
               (long long)mproc_process_pid(procs[i]), code);
      return MPROC_E_WORKER_DIED;
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

static int run(mproc_start_method_t method, bool small) {
  enum { NPROCS = WORKERS + 2 };
  int64_t count = small ? 1000 : 100000;
  mproc_queue_t *tasks = NULL, *results = NULL, *done = NULL;
  mproc_process_t *procs[NPROCS] = {NULL};
  mproc_value_t *got = NULL;
  size_t ngot = 0;
  char why[128] = "";
  int rc;

  if ((rc = mproc_joinable_queue_create(&tasks, NULL)) != 0 ||
      (rc = mproc_queue_create(&results, NULL)) != 0 ||
      (rc = mproc_queue_create(&done, NULL)) != 0)
    goto out;
  printf("%lld items: producer -> %d workers -> collector\n", (long long)count,
         WORKERS);
  fflush(stdout); /* a fork child must not inherit unwritten output */

  mproc_process_options_t po = {.start_method = method};
  mproc_value_t pargs[3] = {mproc_obj(tasks), mproc_int(count),
                            mproc_int(WORKERS)};
  mproc_value_t wargs[2] = {mproc_obj(tasks), mproc_obj(results)};
  mproc_value_t cargs[3] = {mproc_obj(results), mproc_obj(done),
                            mproc_int(WORKERS)};
  if ((rc = mproc_process_start(&procs[0], producer, pargs, 3, &po)) != 0)
    goto out;
  for (int w = 1; w <= WORKERS; w++)
    if ((rc = mproc_process_start(&procs[w], worker, wargs, 2, &po)) != 0)
      goto out;
  if ((rc = mproc_process_start(&procs[NPROCS - 1], collector, cargs, 3,
                                &po)) != 0)
    goto out;

  /* tasks.join(), then done.get(), looking at the stages twice a second. */
  while ((rc = mproc_queue_join(tasks, 0.5)) == MPROC_E_TIMEOUT)
    if ((rc = stage_died(procs, NPROCS, why, sizeof why)) != 0)
      goto out;
  if (rc != 0)
    goto out;
  printf("tasks.join() returned: every item and sentinel was task_done()\n");
  while ((rc = mproc_queue_get(done, &got, &ngot, 0.5)) == MPROC_E_EMPTY)
    if ((rc = stage_died(procs, NPROCS, why, sizeof why)) != 0)
      goto out;
  if (rc != 0)
    goto out;
  mproc_value_t codes[NPROCS];
  for (int i = 0; i < NPROCS; i++) {
    int code = -1;
    if ((rc = mproc_process_join(procs[i], PATIENCE)) != 0 ||
        (rc = mproc_process_exitcode(procs[i], &code)) != 0)
      goto out;
    codes[i] = mproc_int(code);
  }
  mproc_value_t code_list = mproc_list(codes, NPROCS);
  if ((rc = print_repr("exit codes: ", &code_list)) != 0)
    goto out;

  const mproc_value_t *sorted;
  if ((rc = mproc_args_parse(got, ngot, "L[results]:done", &sorted)) != 0)
    goto out;
  size_t n = mproc_value_list_len(sorted);
  printf("%zu results, sorted by id; the first and last %d:\n", n, SHOWN);
  for (size_t i = 0; i < n && rc == 0; i++)
    if (i < SHOWN || i >= n - SHOWN)
      rc = print_repr("", mproc_value_list_at(sorted, i));
  int64_t words = 0;
  bool complete = n == (size_t)count;
  for (size_t i = 0; i < n && rc == 0; i++) {
    int64_t id, nwords;
    const char *longest, *upper;
    rc =
        mproc_args_parse(mproc_value_list_at(sorted, i), 1,
                         "(iiss)[result]:main", &id, &nwords, &longest, &upper);
    words += nwords;
    complete &= id == (int64_t)i;
  }
  if (rc != 0)
    goto out;
  printf("words: %lld\n", (long long)words);
  printf("ids complete: %s\n", complete ? "True" : "False");

out:
  if (rc != 0)
    fprintf(stderr, "mproc-pipeline: %s (%s)\n",
            why[0] ? why : mproc_last_error(), mproc_err_name(rc));
  mproc_values_free(got, ngot);
  for (int i = 0; i < NPROCS; i++) {
    if (procs[i] && mproc_process_is_alive(procs[i]) == 1) {
      mproc_process_kill(procs[i]);
      mproc_process_join(procs[i], MPROC_FOREVER);
    }
    mproc_process_destroy(procs[i]);
  }
  mproc_queue_destroy(tasks);
  mproc_queue_destroy(results);
  mproc_queue_destroy(done);
  return rc == 0 ? 0 : 1;
}

static int usage(const char *prog, int code) {
  fprintf(code ? stderr : stdout,
          "usage: %s [--start-method fork|spawn] [--small]\n"
          "Runs 100,000 items (--small: 1,000) through producer -> %d "
          "workers -> collector.\n",
          prog, WORKERS);
  return code;
}

int main(int argc, char **argv) {
  mproc_register("producer", producer);
  mproc_register("worker", worker);
  mproc_register("collector", collector);
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
