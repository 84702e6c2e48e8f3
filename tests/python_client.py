# SPDX-License-Identifier: MIT
"""A CPython client of an mproc manager (tests/test_python_client.c).

    python3 python_client.py typeids ADDRESS KEYHEX
        SyncManager's typeids, their methods and errors, values of every
        allow-listed type and opaque ones, and a wrong key refused.
    python3 python_client.py share ADDRESS KEYHEX
        With a C process at the same time: the objects the server shares by
        name (c2py and py2c queues, a dict), values crossing both ways.

Exits 0 when everything went as expected; prints what did not.
"""
import fractions
import queue
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.managers import (BaseManager, DictProxy,
                                      SyncManager)

# Values mproc's own values hold: they cross to C and back.
PLAIN = [None, True, False, 0, -7, 2**62, 1.5, "h\u00e9llo", b"\x00\xff",
         (1, "a"), [1, [2, 3]], {"k": 1, 2: "v"}, ()]
# Values only Python reads: the server keeps their pickles.
OPAQUE = [{1, 2}, frozenset({"x"}), 2**100, fractions.Fraction(1, 3),
          bytearray(b"ab")]


def check(cond, what):
    if not cond:
        sys.exit("FAILED: " + what)


def raises(exc, fn, *args):
    try:
        fn(*args)
    except exc:
        return
    except Exception as e:  # noqa: BLE001
        sys.exit("FAILED: %r raised %r, not %s" % (fn, e, exc.__name__))
    sys.exit("FAILED: %r raised nothing, not %s" % (fn, exc.__name__))


def typeids(m):
    # Queue: every value, FIFO, errors.
    q = m.Queue()
    for v in PLAIN + OPAQUE:
        q.put(v)
    check(q.qsize() == len(PLAIN + OPAQUE), "qsize")
    for v in PLAIN + OPAQUE:
        got = q.get()
        check(got == v and type(got) is type(v), "queue %r -> %r" % (v, got))
    check(q.empty(), "empty")
    raises(queue.Empty, q.get_nowait)
    raises(queue.Empty, q.get, True, 0.05)
    b = m.Queue(1)
    b.put("x")
    check(b.full(), "full")
    raises(queue.Full, b.put, "y", False)
    raises(queue.Full, b.put_nowait, "y")
    jq = m.JoinableQueue()
    jq.put(1)
    jq.get()
    jq.task_done()
    jq.join()
    raises(ValueError, jq.task_done)

    for kind in ("Lock", "RLock"):
        lk = getattr(m, kind)()
        check(lk.acquire() is True, kind + " acquire")
        if kind == "RLock":
            check(lk.acquire(), "RLock again")
            lk.release()
        else:
            check(lk.acquire(False) is False, "Lock held")
            check(lk.acquire(True, 0.05) is False, "Lock timeout")
        lk.release()
        with lk:
            pass
        raises(RuntimeError, lk.release)
    s = m.Semaphore(2)
    check(s.acquire() and s.acquire(), "Semaphore")
    check(s.acquire(False) is False, "Semaphore empty")
    s.release()
    s.release()
    bs = m.BoundedSemaphore(1)
    raises(ValueError, bs.release)
    check(bs.acquire(timeout=1), "BoundedSemaphore")
    bs.release()

    c = m.Condition()
    with c:
        check(c.wait(0.05) is False, "Condition wait timeout")
        c.notify()
        c.notify_all()
    raises(RuntimeError, c.notify)
    woke = []

    def waiter():
        with c:
            woke.append(c.wait(10))
    t = threading.Thread(target=waiter)
    t.start()
    deadline = time.time() + 10
    while not woke and time.time() < deadline:
        with c:
            c.notify()
        time.sleep(0.01)
    t.join()
    check(woke == [True], "Condition notify")

    e = m.Event()
    check(e.is_set() is False and e.wait(0.01) is False, "Event clear")
    e.set()
    check(e.is_set() and e.wait() is True, "Event set")
    e.clear()
    check(not e.is_set(), "Event cleared")

    br = m.Barrier(2)
    check(br.parties == 2 and br.n_waiting == 0 and br.broken is False,
          "Barrier attributes")
    idx = []
    t = threading.Thread(target=lambda: idx.append(br.wait(10)))
    t.start()
    idx.append(br.wait(10))
    t.join()
    check(sorted(idx) == [0, 1], "Barrier indexes %r" % idx)
    br.abort()
    check(br.broken is True, "Barrier broken")
    raises(threading.BrokenBarrierError, br.wait, 1)
    br.reset()
    check(br.broken is False, "Barrier reset")

    for v in PLAIN + OPAQUE:
        val = m.Value("i", v)
        check(val.get() == v, "Value %r" % (v,))
    val.value = "x"
    check(val.value == "x", "Value set")

    a = m.Array("i", [1, 2, 3])
    check(len(a) == 3 and a[1] == 2 and a[-1] == 3, "Array get")
    a[0] = 7
    check(a[0:2] == [7, 2], "Array slice %r" % (a[0:2],))
    raises(IndexError, a.__getitem__, 5)
    fa = m.Array("d", (0.5, 1.5))
    check(fa[1] == 1.5, "Array d")

    ns = m.Namespace(x=1)
    ns.y = [2]
    check(ns.x == 1 and ns.y == [2], "Namespace")
    del ns.x
    raises(AttributeError, getattr, ns, "x")

    d = m.dict({"a": 1}, b=2)
    for i, v in enumerate(PLAIN + OPAQUE):
        d[i] = v
    for i, v in enumerate(PLAIN + OPAQUE):
        check(d[i] == v and type(d[i]) is type(v), "dict %r" % (v,))
    check(len(d) == 2 + len(PLAIN + OPAQUE), "dict len")
    check("a" in d and "zz" not in d, "dict contains")
    check(d.get("zz") is None and d.get("zz", 5) == 5 and d.get("a") == 1,
          "dict get")
    raises(KeyError, d.__getitem__, "zz")
    try:
        d["missing"]
    except KeyError as ke:
        check(ke.args == ("missing",), "KeyError's key %r" % (ke.args,))
    check(d.pop("b") == 2 and d.pop("b", 9) == 9, "dict pop")
    raises(KeyError, d.pop, "b")
    check(d.setdefault("s", [1]) == [1] and d.setdefault("s", 0) == [1],
          "setdefault")
    d.update({"u": 1}, w=2)
    d.update([("v", 3)])
    check(d["u"] == 1 and d["w"] == 2 and d["v"] == 3, "update")
    check(set(d.keys()) >= {"a", "s", "u", "v", "w"}, "keys")
    check(("a", 1) in d.items() and 1 in d.values(), "items, values")
    check(sorted(d, key=str) == sorted(d.keys(), key=str), "iter")
    it = iter(d)
    check(next(it) == "a", "iter next")
    d["new"] = 1
    raises(RuntimeError, next, it)  # changed size during iteration
    del d["new"]
    cp = d.copy()
    check(type(cp) is dict and cp["a"] == 1, "copy")
    del d["a"]
    raises(KeyError, d.__delitem__, "a")
    k, v = d.popitem()
    check(k == "v" and v == 3, "popitem %r" % ((k, v),))
    d.clear()
    check(len(d) == 0, "clear")
    raises(KeyError, d.popitem)
    raises(TypeError, d.__setitem__, {1}, 1)  # unhashable

    lst = m.list([3, 1, 2])
    lst.append("x")
    check(lst[3] == "x" and lst[-1] == "x" and len(lst) == 4, "list append")
    lst.remove("x")
    lst.sort()
    check(lst[:] == [1, 2, 3], "sort %r" % (lst[:],))
    lst.sort(reverse=True)
    lst.reverse()
    lst.extend((4, 5))
    lst.insert(0, 0)
    check(lst[0:6:2] == [0, 2, 4], "slice")
    check(lst.index(3) == 3 and lst.count(5) == 1 and 4 in lst, "index")
    check(lst.pop() == 5 and lst.pop(0) == 0, "pop")
    lst[0] = "one"
    lst[1:3] = ["a", "b", "c"]
    del lst[0]
    del lst[0:1]
    check(list(lst) == ["b", "c", 4], "list %r" % (list(lst),))
    raises(IndexError, lst.__getitem__, 10)
    raises(ValueError, lst.remove, "nope")
    for v in PLAIN + OPAQUE:
        lst.append(v)
        check(lst[-1] == v, "list value %r" % (v,))

    check(m._number_of_objects() >= 1, "number_of_objects")
    check("objects" in m._debug_info(), "debug_info")


def share(addr, key):
    class M(BaseManager):
        pass
    M.register("c2py")
    M.register("py2c")
    M.register("shared", proxytype=DictProxy)
    m = M(address=addr, authkey=key)
    m.connect()
    c2py, py2c, d = m.c2py(), m.py2c(), m.shared()
    # At once: C puts PLAIN and sets c<i>; Python gets, puts, sets py<i>.
    for i, v in enumerate(PLAIN):
        py2c.put(v)
        d["py%d" % i] = v
    for i, v in enumerate(OPAQUE):
        d["opaque%d" % i] = v
    d["py_done"] = True
    for v in PLAIN:
        got = c2py.get(timeout=30)
        check(got == v and type(got) is type(v), "from C %r -> %r" % (v, got))
    deadline = time.time() + 30
    while "c_done" not in d and time.time() < deadline:
        time.sleep(0.01)
    check("c_done" in d, "the C process finished")
    for i, v in enumerate(PLAIN):
        got = d["c%d" % i]
        check(got == v and type(got) is type(v), "C's d[c%d] %r" % (i, got))
    for i, v in enumerate(OPAQUE):
        got = d["opaque%d" % i]
        check(got == v and type(got) is type(v), "opaque %r" % (got,))


def main():
    mode, addr, key = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
    if mode == "share":
        share(addr, key)
    else:
        m = SyncManager(address=addr, authkey=key)
        m.connect()
        typeids(m)
        try:
            SyncManager(address=addr, authkey=b"wrong key").connect()
            sys.exit("FAILED: a wrong key was let in")
        except AuthenticationError:
            pass
    print("python client:", mode, "ok")


if __name__ == "__main__":
    main()
