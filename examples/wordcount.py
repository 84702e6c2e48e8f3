# SPDX-License-Identifier: MIT
"""wordcount.py: the Python twin of wordcount.c (mproc-wordcount).

Counts the words of a text over a Pool: the text is cut into chunks of
lines, each task counts its chunk and returns a dict word -> count, and the
parent merges the dicts and prints the 20 most frequent words (count
descending, then word) and the totals. The text is generated, not read: a
fixed word list and a 64-bit LCG that wordcount.c implements identically, so
both programs count the same words and print the same bytes.

    python3 wordcount.py [--start-method fork|spawn] [--small]
"""
import argparse
import multiprocessing as mp

WORDS = (
    "the of and to a in is it you that he was for it's on are with as I his "
    "they be at one have this don't from or had by hot word but what some "
    "we can out other were all there when up use your how said an each she "
    "which do their time if will way about many then them write would like "
    "so these her long make thing see him two has look more day could go "
    "come did number sound no most people my over know water than call "
    "first who may down side been now find").split()

MASK64 = (1 << 64) - 1
PROCESSES = 4
LINES_PER_CHUNK = 250
TOP = 20


class Lcg:
    """Knuth's MMIX LCG; the top 31 bits of each state are the draw."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005
                      + 1442695040888963407) & MASK64
        return self.state >> 33


def make_text(lines):
    """One sentence a line: 4 to 12 words, skewed towards the list's start
    (the smallest of three draws), capitalised, the odd comma, a full
    stop."""
    rng = Lcg(2024)
    out = []
    for _ in range(lines):
        n = 4 + rng.next() % 9
        words = []
        for i in range(n):
            word = WORDS[min(rng.next() % len(WORDS), rng.next() % len(WORDS),
                             rng.next() % len(WORDS))]
            if i == 0:
                word = word[0].upper() + word[1:]
            if i == n - 1:
                word += "."
            elif rng.next() % 10 == 0:
                word += ","
            words.append(word)
        out.append(" ".join(words))
    return out


def count_words(chunk):
    """A task: the words of one chunk, as a dict word -> count."""
    counts = {}
    for token in chunk.split():
        word = token.strip(".,;:!?").lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--start-method", choices=("fork", "spawn"))
    parser.add_argument("--small", action="store_true",
                        help="a small text (the tests' size)")
    args = parser.parse_args()
    ctx = mp.get_context(args.start_method)

    lines = make_text(2000 if args.small else 200000)
    chunks = ["\n".join(lines[i:i + LINES_PER_CHUNK])
              for i in range(0, len(lines), LINES_PER_CHUNK)]
    print(f"{len(lines)} lines in {len(chunks)} chunks, "
          f"{PROCESSES} processes")

    with ctx.Pool(PROCESSES) as pool:
        results = pool.map(count_words, chunks)

    merged = {}
    for counts in results:
        for word, n in counts.items():
            merged[word] = merged.get(word, 0) + n
    ranked = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    print(f"top {TOP}:")
    for entry in ranked[:TOP]:
        print(entry)
    first = results[0]
    print(f"the first chunk's dict holds {len(first)} words, among them",
          {word: first[word] for word in ("it's", "don't")})
    print("distinct words:", len(merged))
    print("total words:", sum(merged.values()))


if __name__ == "__main__":
    main()
