/* SPDX-License-Identifier: MIT */
/*
 * mproc-wordcount: a word count over a Pool, the C twin of wordcount.py.
 *
 * The text is cut into chunks of lines; each task counts the words of its
 * chunk and returns a dict word -> count (built with a dict builder); the
 * parent merges the dicts and prints the 20 most frequent words, count
 * descending then word, as Python's sorted() ranks them, and the totals.
 * The text is generated, not read: a fixed word list and a 64-bit LCG that
 * wordcount.py implements identically, so the two programs print the same
 * bytes (tests/examples compares them).
 *
 *   mproc-wordcount [--start-method fork|spawn] [--small]
 */
#include <mproc.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const WORDS[] = {
    "the",   "of",   "and",   "to",     "a",     "in",   "is",    "it",
    "you",   "that", "he",    "was",    "for",   "it's", "on",    "are",
    "with",  "as",   "I",     "his",    "they",  "be",   "at",    "one",
    "have",  "this", "don't", "from",   "or",    "had",  "by",    "hot",
    "word",  "but",  "what",  "some",   "we",    "can",  "out",   "other",
    "were",  "all",  "there", "when",   "up",    "use",  "your",  "how",
    "said",  "an",   "each",  "she",    "which", "do",   "their", "time",
    "if",    "will", "way",   "about",  "many",  "then", "them",  "write",
    "would", "like", "so",    "these",  "her",   "long", "make",  "thing",
    "see",   "him",  "two",   "has",    "look",  "more", "day",   "could",
    "go",    "come", "did",   "number", "sound", "no",   "most",  "people",
    "my",    "over", "know",  "water",  "than",  "call", "first", "who",
    "may",   "down", "side",  "been",   "now",   "find"};
#define NWORDS (sizeof WORDS / sizeof WORDS[0])

#define PROCESSES 4
#define LINES_PER_CHUNK 250
#define TOP 20

/* Knuth's MMIX LCG; the top 31 bits of each state are the draw. Unsigned
 * arithmetic wraps modulo 2^64, which is the `& MASK64` of the twin. */
static uint64_t lcg_state;
static uint64_t lcg_next(void) {
  lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
  return lcg_state >> 33;
}

/* A growing string, for the generated text. */
typedef struct text {
  char *s;
  size_t len, cap;
} text_t;

static int text_add(text_t *t, const char *s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1 << 16;
    while (cap < t->len + n + 1)
      cap *= 2;
    char *p = realloc(t->s, cap);
    if (!p)
      return MPROC_E_NOMEM;
    t->s = p;
    t->cap = cap;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
  return 0;
}

/* One sentence a line, as make_text() in the twin: 4 to 12 words, skewed
 * towards the list's start (the smallest of three draws), capitalised, the
 * odd comma, a full stop. Draws happen in the twin's order. */
static int make_text(size_t lines, text_t *t) {
  lcg_state = 2024;
  for (size_t l = 0; l < lines; l++) {
    uint64_t n = 4 + lcg_next() % 9;
    for (uint64_t i = 0; i < n; i++) {
      uint64_t a = lcg_next() % NWORDS, b = lcg_next() % NWORDS,
               c = lcg_next() % NWORDS;
      uint64_t k = a < b ? a : b;
      const char *w = WORDS[k < c ? k : c];
      char word[32];
      size_t len = strlen(w);
      memcpy(word, w, len);
      if (i == 0)
        word[0] = (char)toupper((unsigned char)word[0]);
      if (i == n - 1)
        word[len++] = '.';
      else if (lcg_next() % 10 == 0)
        word[len++] = ',';
      int rc = i > 0 ? text_add(t, " ", 1) : 0;
      if (rc == 0)
        rc = text_add(t, word, len);
      if (rc != 0)
        return rc;
    }
    int rc = text_add(t, "\n", 1);
    if (rc != 0)
      return rc;
  }
  return 0;
}

static bool is_strip(char c) {
  return c != '\0' && strchr(".,;:!?", c);
}

/* A task: the words of one chunk (a str), as a dict word -> count.
 * Python's token.strip(".,;:!?").lower() on ASCII words. */
static int count_words(const mproc_value_t *args, size_t nargs,
                       mproc_task_t *task) {
  const char *chunk;
  int rc = mproc_args_parse(args, nargs, "s[chunk]:count_words", &chunk);
  if (rc != 0)
    return rc; /* the caller gets its message: "count_words() argument 1
                  (chunk) must be str, not int" */
  mproc_builder_t *b;
  if ((rc = mproc_builder_new(&b, MPROC_VALUE_DICT)) != 0)
    return rc;
  const char *p = chunk;
  char word[256];
  while (rc == 0 && *p) {
    while (isspace((unsigned char)*p))
      p++;
    const char *start = p;
    while (*p && !isspace((unsigned char)*p))
      p++;
    const char *end = p;
    while (start < end && is_strip(*start))
      start++;
    while (end > start && is_strip(end[-1]))
      end--;
    size_t n = (size_t)(end - start);
    if (n == 0)
      continue;
    if (n >= sizeof word) {
      rc = MPROC_E_VALUE;
      mproc_task_set_error(task, "count_words(): a word of 256 bytes or more");
      break;
    }
    for (size_t i = 0; i < n; i++)
      word[i] = (char)tolower((unsigned char)start[i]);
    word[n] = '\0';
    mproc_value_t key = mproc_str(word), one = mproc_int(1);
    mproc_value_t *slot = mproc_builder_lookup(b, &key);
    if (slot)
      slot->u.i++; /* a scalar may change in place */
    else
      rc = mproc_builder_set(b, &key, &one); /* copies word */
  }
  if (rc != 0) {
    mproc_builder_free(b);
    return rc;
  }
  mproc_value_t *counts;
  if ((rc = mproc_builder_finish(b, &counts)) != 0)
    return rc;
  rc = mproc_task_set_result(task, counts); /* copied */
  mproc_values_free(counts, 1);
  return rc;
}

/* sorted(key=lambda kv: (-kv[1], kv[0])): count descending, then the word
 * by code point, which for UTF-8 is byte order (strcmp). */
typedef struct entry {
  const mproc_value_t *word, *count;
} entry_t;

static int by_count_then_word(const void *pa, const void *pb) {
  const entry_t *a = pa, *b = pb;
  if (a->count->u.i != b->count->u.i)
    return a->count->u.i > b->count->u.i ? -1 : 1;
  return strcmp(a->word->u.s, b->word->u.s);
}

/* print(value): its repr and a newline. */
static int print_repr(const mproc_value_t *v) {
  char *r = mproc_value_repr(v);
  if (!r)
    return MPROC_E_NOMEM;
  puts(r);
  mproc_free(r);
  return 0;
}

static int run(mproc_start_method_t method, bool small) {
  text_t text = {NULL, 0, 0};
  mproc_value_t *chunks = NULL, *results = NULL, *merged = NULL;
  mproc_pool_t *pool = NULL;
  mproc_builder_t *b = NULL;
  entry_t *ranked = NULL;
  size_t lines = small ? 2000 : 200000;
  size_t nchunks = (lines + LINES_PER_CHUNK - 1) / LINES_PER_CHUNK;
  int rc;

  if ((rc = make_text(lines, &text)) != 0)
    goto out;
  /* Each chunk is its lines, the last newline turned into the chunk's end:
   * "\n".join(lines[i:i + 250]) without a copy. */
  if (!(chunks = calloc(nchunks, sizeof *chunks))) {
    rc = MPROC_E_NOMEM;
    goto out;
  }
  char *p = text.s;
  for (size_t c = 0; c < nchunks; c++) {
    chunks[c] = mproc_str(p);
    for (size_t l = 0; l < LINES_PER_CHUNK && *p; l++)
      p = strchr(p, '\n') + 1;
    p[-1] = '\0';
  }
  printf("%zu lines in %zu chunks, %d processes\n", lines, nchunks, PROCESSES);

  mproc_pool_options_t po = {PROCESSES, NULL, NULL, 0, 0, method};
  if ((rc = mproc_pool_create(&pool, &po)) != 0 ||
      (rc = mproc_pool_map(pool, count_words, chunks, nchunks, 0, &results)) !=
          0)
    goto out;
  mproc_pool_destroy(pool);
  pool = NULL;

  /* merged[word] = merged.get(word, 0) + n */
  if ((rc = mproc_builder_new(&b, MPROC_VALUE_DICT)) != 0)
    goto out;
  for (size_t c = 0; c < nchunks && rc == 0; c++) {
    size_t n = mproc_value_dict_len(&results[c]);
    for (size_t i = 0; i < n && rc == 0; i++) {
      const mproc_value_t *word, *count;
      if ((rc = mproc_value_dict_entry(&results[c], i, &word, &count)) != 0)
        break;
      mproc_value_t *slot = mproc_builder_lookup(b, word);
      if (slot)
        slot->u.i += count->u.i;
      else
        rc = mproc_builder_set(b, word, count);
    }
  }
  if (rc != 0)
    goto out;
  rc = mproc_builder_finish(b, &merged);
  b = NULL;
  if (rc != 0)
    goto out;

  size_t distinct = mproc_value_dict_len(merged);
  int64_t total = 0;
  if (!(ranked = calloc(distinct ? distinct : 1, sizeof *ranked))) {
    rc = MPROC_E_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < distinct; i++) {
    mproc_value_dict_entry(merged, i, &ranked[i].word, &ranked[i].count);
    total += ranked[i].count->u.i;
  }
  qsort(ranked, distinct, sizeof *ranked, by_count_then_word);
  printf("top %d:\n", TOP);
  for (size_t i = 0; i < TOP && i < distinct && rc == 0; i++) {
    mproc_value_t pair = MPROC_TUPLE(*ranked[i].word, *ranked[i].count);
    rc = print_repr(&pair);
  }
  if (rc != 0)
    goto out;

  /* {word: first[word] for word in ("it's", "don't")}: a missing word is
   * MPROC_E_KEY, with Python's KeyError text in mproc_last_error(). */
  mproc_value_t k1 = mproc_str("it's"), k2 = mproc_str("don't");
  const mproc_value_t *v1, *v2;
  if ((rc = mproc_value_dict_get(&results[0], &k1, &v1)) != 0 ||
      (rc = mproc_value_dict_get(&results[0], &k2, &v2)) != 0)
    goto out;
  mproc_value_t some_words = MPROC_DICT(k1, *v1, k2, *v2);
  char *some = mproc_value_repr(&some_words);
  if (!some) {
    rc = MPROC_E_NOMEM;
    goto out;
  }
  printf("the first chunk's dict holds %zu words, among them %s\n",
         mproc_value_dict_len(&results[0]), some);
  mproc_free(some);
  printf("distinct words: %zu\n", distinct);
  printf("total words: %lld\n", (long long)total);

out:
  if (rc != 0)
    fprintf(stderr, "mproc-wordcount: %s (%s)\n", mproc_last_error(),
            mproc_err_name(rc));
  mproc_pool_destroy(pool);
  mproc_builder_free(b);
  free(ranked);
  mproc_values_free(merged, 1);
  mproc_values_free(results, nchunks);
  free(chunks);
  free(text.s);
  return rc == 0 ? 0 : 1;
}

static int usage(const char *prog, int code) {
  fprintf(code ? stderr : stdout,
          "usage: %s [--start-method fork|spawn] [--small]\n"
          "Counts the words of a generated text over a Pool of %d; --small\n"
          "counts 2,000 lines instead of 200,000.\n",
          prog, PROCESSES);
  return code;
}

int main(int argc, char **argv) {
  mproc_register_task("count_words", count_words);
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
