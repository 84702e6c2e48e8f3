# SPDX-License-Identifier: MIT
"""pipeline.py: the Python twin of pipeline.c (mproc-pipeline).

A three-stage pipeline of processes: a producer puts items (id, text) on a
JoinableQueue, then one None per worker; each worker takes items until it
meets its None, marks every item done with task_done(), and puts
(id, words, longest word, text in capitals) on a results queue, then a None
of its own; the collector gathers results until it has seen every worker's
None, sorts them by id and hands the list to the parent. The parent waits
with tasks.join() until every item (sentinels included) was processed, as
CPython's documentation shows, then prints the first and last results.

    python3 pipeline.py [--start-method fork|spawn] [--small]
"""
import argparse
import multiprocessing as mp

FRUITS = ("apple banana cherry date elderberry fig grape honeydew kiwi lemon "
          "mango nectarine orange papaya quince raspberry strawberry "
          "tangerine ugli vanilla watermelon").split()
MASK64 = (1 << 64) - 1
WORKERS = 3
SHOWN = 3


def lcg(state):
    """Knuth's MMIX LCG step; the draw is state >> 33."""
    return (state * 6364136223846793005 + 1442695040888963407) & MASK64


def producer(tasks, count, workers):
    """Puts `count` items (id, text of 3 to 10 fruits), then one sentinel
    per worker."""
    state = 7
    for ident in range(count):
        state = lcg(state)
        words = []
        for _ in range(3 + (state >> 33) % 8):
            state = lcg(state)
            words.append(FRUITS[(state >> 33) % len(FRUITS)])
        tasks.put((ident, " ".join(words)))
    for _ in range(workers):
        tasks.put(None)


def worker(tasks, results):
    """Transforms items until its sentinel; task_done() for each, sentinel
    included, so that tasks.join() returns once all are processed."""
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            results.put(None)
            break
        ident, text = item
        words = text.split()
        results.put((ident, len(words), max(words, key=len), text.upper()))
        tasks.task_done()


def collector(results, done, workers):
    """Gathers results until every worker's sentinel, sorts them by id."""
    got = []
    finished = 0
    while finished < workers:
        item = results.get()
        if item is None:
            finished += 1
        else:
            got.append(item)
    got.sort()
    done.put(got)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--start-method", choices=("fork", "spawn"))
    parser.add_argument("--small", action="store_true",
                        help="1,000 items (the tests' size)")
    args = parser.parse_args()
    ctx = mp.get_context(args.start_method)
    count = 1000 if args.small else 100000

    tasks = ctx.JoinableQueue()
    results = ctx.Queue()
    done = ctx.Queue()
    procs = [ctx.Process(target=producer, args=(tasks, count, WORKERS))]
    procs += [ctx.Process(target=worker, args=(tasks, results))
              for _ in range(WORKERS)]
    procs.append(ctx.Process(target=collector, args=(results, done, WORKERS)))
    print(f"{count} items: producer -> {WORKERS} workers -> collector")
    for p in procs:
        p.start()

    tasks.join()
    print("tasks.join() returned: every item and sentinel was task_done()")
    got = done.get()
    for p in procs:
        p.join()
    print("exit codes:", [p.exitcode for p in procs])
    print(f"{len(got)} results, sorted by id; the first and last {SHOWN}:")
    for result in got[:SHOWN] + got[-SHOWN:]:
        print(result)
    print("words:", sum(r[1] for r in got))
    print("ids complete:", [r[0] for r in got] == list(range(count)))


if __name__ == "__main__":
    main()
