# SPDX-License-Identifier: MIT
"""manager_state.py: the Python twin of manager_state.c (mproc-manager-state).

Shared state under a Manager, and a worker killed mid-way. Four workers
update objects a manager hosts: under the manager's Lock, each update adds
one to totals[key], records progress[name] = (updates done, last key) and
appends (name, i) to a log list. Worker w2 stops after exactly 25 updates,
sets an Event and blocks; the parent then terminates it. The others finish,
and the state shows all of their updates and exactly the victim's 25: a
dead worker costs what it had not done, nothing it had.

    python3 manager_state.py [--start-method fork|spawn] [--small]
"""
import argparse
import multiprocessing as mp

KEYS = ("red", "green", "blue", "cyan", "magenta")
WORKERS = 4
VICTIM = 2
KILL_AFTER = 25


def worker(name, index, updates, kill_after, lock, totals, progress, log,
           reached, hold):
    """`updates` updates; with kill_after (not None) it stops after that
    many, says so through `reached`, and waits on `hold` (never set) until
    it is killed."""
    for i in range(updates):
        if i == kill_after:
            reached.set()
            hold.wait()
        key = KEYS[(index + i * i) % len(KEYS)]
        with lock:
            totals[key] = totals[key] + 1
            progress[name] = (i + 1, key)
            log.append((name, i))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--start-method", choices=("fork", "spawn"))
    parser.add_argument("--small", action="store_true",
                        help="60 updates a worker (the tests' size)")
    args = parser.parse_args()
    ctx = mp.get_context(args.start_method)
    updates = 60 if args.small else 1000
    names = [f"w{i}" for i in range(WORKERS)]
    print(f"{WORKERS} workers, {updates} updates each; "
          f"{names[VICTIM]} is killed after {KILL_AFTER}")

    with ctx.Manager() as manager:
        lock = manager.Lock()
        totals = manager.dict()
        progress = manager.dict()
        log = manager.list()
        reached = manager.Event()
        hold = manager.Event()
        for key in KEYS:
            totals[key] = 0
        procs = [ctx.Process(target=worker, args=(
            name, i, updates, KILL_AFTER if i == VICTIM else None, lock,
            totals, progress, log, reached, hold))
            for i, name in enumerate(names)]
        for p in procs:
            p.start()

        if not reached.wait(timeout=300):
            raise SystemExit("the victim never reached its point")
        victim = procs[VICTIM]
        victim.terminate()
        victim.join()
        print(f"{names[VICTIM]} stopped after {KILL_AFTER} updates and was "
              f"terminated: exit code {victim.exitcode}")
        others = [p for p in procs if p is not victim]
        for p in others:
            p.join()
        print("the others' exit codes:", [p.exitcode for p in others])
        free = lock.acquire(timeout=5)
        print("the manager's lock is free:", free)
        if free:
            lock.release()

        done = {name: progress[name] for name in names}
        print("progress:", done)
        print("totals:", {key: totals[key] for key in KEYS})
        entries = list(log)
        expected = [(name, i) for name in names for i in range(done[name][0])]
        print(f"log: {len(entries)} entries, each update once:",
              sorted(entries) == expected)
        print("sum of totals:", sum(totals[key] for key in KEYS))


if __name__ == "__main__":
    main()
