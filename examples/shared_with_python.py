# SPDX-License-Identifier: MIT
"""The Python side of mproc-shared-with-python (shared_with_python.c).

    python3 shared_with_python.py ADDRESS KEYHEX

A plain CPython client of the manager a C program started: it reaches the
objects that manager shares by name as it would reach a Python manager's
(BaseManager.register(name) with no callable on the client side), takes
(n, n*n) pairs a C process squared from one queue and records a line for
each in a dict, until the None the C process puts at the end.
"""
import sys
from multiprocessing.managers import BaseManager, DictProxy


class Shared(BaseManager):
    pass


Shared.register("squares")
Shared.register("results", proxytype=DictProxy)


def main():
    m = Shared(address=sys.argv[1], authkey=bytes.fromhex(sys.argv[2]))
    m.connect()
    squares, results = m.squares(), m.results()
    while True:
        item = squares.get(timeout=60)  # the C side gave up otherwise
        if item is None:
            break
        n, sq = item
        results[n] = "%d squared is %d" % (n, sq)


if __name__ == "__main__":
    main()
