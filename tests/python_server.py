# SPDX-License-Identifier: MIT
"""A CPython manager server for mproc's C client (tests/test_python_server.c).

    python3 python_server.py serve ADDRESS KEYHEX
        Serves a SyncManager at ADDRESS (a Unix socket path) with the key,
        plus typeids registered by name: get_queue and get_dict (one queue
        and one dict shared by every client), get_adder (an object whose
        methods only show by name). Stops when a client sets
        get_dict()['stop']; then checks what C left in the dict (values
        crossing C -> Python as Python sees them) and exits 0, or exits 1
        after 100 s.
    python3 python_server.py client ADDRESS KEYHEX
        A Python client of that server at the same time as a C process:
        puts values into get_queue() for C and ones C cannot read into
        get_dict(), waits for C's c_done there, and finds a wrong key
        refused.

Exits 0 when everything went as expected; prints what did not.
"""
import queue
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.managers import BaseManager, DictProxy, SyncManager

# Values mproc's own values hold, as test_python_server.c builds them.
PLAIN = [None, True, False, 0, -7, 2**62, 1.5, "h\u00e9llo", b"\x00\xff",
         (1, "a"), [1, [2, 3]], {"k": 1, 2: "v"}, ()]


def check(cond, what):
    if not cond:
        sys.exit("FAILED: " + what)


class Adder:
    """Reached by name: its methods show as themselves only."""

    def __init__(self):
        self.total = 0

    def add(self, a, b):
        self.total += a + b
        return a + b

    def fail(self):
        raise ZeroDivisionError("division by zero")


SHARED_Q = queue.Queue()
SHARED_D = {}


class Server(SyncManager):
    pass


Server.register("get_queue", callable=lambda: SHARED_Q)
Server.register("get_dict", callable=lambda: SHARED_D, proxytype=DictProxy)
Server.register("get_adder", callable=Adder)


class Client(BaseManager):
    pass


Client.register("get_queue")
Client.register("get_dict", proxytype=DictProxy)


def serve(address, key):
    m = Server(address=address, authkey=key)
    server = m.get_server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deadline = time.monotonic() + 100
    while "stop" not in SHARED_D:
        if time.monotonic() > deadline:
            sys.exit("FAILED: nobody stopped the server within 100 s")
        time.sleep(0.02)
    if not SHARED_D.get("check"):
        return
    # What the C client put, as Python reads it.
    for i, v in enumerate(PLAIN):
        got = SHARED_D.get("c%d" % i)
        check(got == v and type(got) is type(v),
              "C -> Python: %r arrived as %r" % (v, got))
    # Values C cannot read stay as they were.
    check(SHARED_D.get("big") == 2**100, "a big int C could not read")
    check(SHARED_D.get("set") == {1, 2}, "a set C could not read")
    check(SHARED_D.get("adder_total") == 5, "the adder's total")


def client(address, key):
    m = Client(address=address, authkey=key)
    m.connect()
    q = m.get_queue()
    d = m.get_dict()
    for v in PLAIN:
        q.put(v)
    d["set"] = {1, 2}  # no value of mproc's: C cannot read them
    d["big"] = 2**100
    d["py_ready"] = True
    deadline = time.monotonic() + 60
    while "c_done" not in d:
        check(time.monotonic() < deadline, "C never said c_done")
        time.sleep(0.01)
    d["py_done"] = True
    bad = Client(address=address, authkey=b"wrong key")
    try:
        bad.connect()
    except AuthenticationError:
        pass
    else:
        sys.exit("FAILED: a wrong key was let in")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("serve", "client"):
        sys.exit(__doc__)
    key = bytes.fromhex(sys.argv[3])
    if sys.argv[1] == "serve":
        serve(sys.argv[2], key)
    else:
        client(sys.argv[2], key)


if __name__ == "__main__":
    main()
