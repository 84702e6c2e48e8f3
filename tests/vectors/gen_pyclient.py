#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes tests/vectors/pyclient_vectors.h (and seeds of the manager's fuzz
corpus, tests/fuzz/corpus/manager/, made of its requests): a CPython client's session with
a manager server, as the bytes its proxies send (ForkingPickler.dumps() of
the request tuples, as Connection.send() pickles them; managers.py's
BaseProxy._callmethod, _incref, BaseManager._create) and the replies
CPython's own Server gives them, pickled the same way.

tests/test_python_client.c replays the requests into mproc's server (on
every platform: under wine no Python can run) and compares each reply
with the one here: the same kind, and for #RETURN the same object; for
#ERROR the same exception type. Object idents are the ids mproc's server
gives, in order of creation ('1', '2', ...), as CPython's would be its own.

Run it from the repository root: python3 tests/vectors/gen_pyclient.py
"""
import fractions
import hashlib
import os
import queue
import sys
from multiprocessing.managers import (DictProxy, IteratorProxy, ListProxy,
                                      Token)
from multiprocessing.reduction import ForkingPickler

QUEUE = ('empty', 'full', 'get', 'get_nowait', 'join', 'put', 'put_nowait',
         'qsize', 'task_done')
ACQ = ('acquire', 'release')
PLAIN = [None, True, False, 0, -7, 2**62, 1.5, "h\u00e9llo", b"\x00\xff",
         (1, "a"), [1, [2, 3]], {"k": 1, 2: "v"}]
OPAQUE = [{1, 2}, 2**100, fractions.Fraction(1, 3)]


def ret(x):
    return ('#RETURN', x)


def err(e):
    return ('#ERROR', e)


TB = ('#TRACEBACK', '')

# (connection, request, reply)
S = []
S.append((0, (None, 'dummy', (), {}), ret(None)))
S.append((0, (None, 'create', ('Queue',), {}), ret(('1', QUEUE))))
S.append((1, (None, 'incref', ('1',), {}), ret(None)))
S.append((2, (None, 'decref', ('1',), {}), ret(None)))
S.append((3, (None, 'accept_connection', ('MainProcess',), {}), ret(None)))
for v in PLAIN + OPAQUE:
    S.append((3, ('1', 'put', (v,), {}), ret(None)))
S.append((3, ('1', 'qsize', (), {}), ret(len(PLAIN + OPAQUE))))
for v in PLAIN + OPAQUE:
    S.append((3, ('1', 'get', (), {}), ret(v)))
S.append((3, ('1', 'get', (True, 0.05), {}), err(queue.Empty())))
S.append((3, ('1', 'empty', (), {}), ret(True)))
S.append((0, (None, 'create', ('dict', {'a': 1}), {'b': 2}),
          ret(('2', DictProxy._exposed_))))
S.append((3, ('2', '__setitem__', ('c', (1, 2)), {}), ret(None)))
S.append((3, ('2', '__getitem__', ('zz',), {}), err(KeyError('zz'))))
S.append((3, ('2', 'get', ('zz', 5), {}), ret(5)))
S.append((3, ('2', 'keys', (), {}), ret(['a', 'b', 'c'])))
S.append((3, ('2', 'items', (), {}), ret([('a', 1), ('b', 2), ('c', (1, 2))])))
S.append((3, ('2', '__len__', (), {}), ret(3)))
S.append((3, ('2', '__contains__', ('b',), {}), ret(True)))
S.append((0, (None, 'create', ('list', [3, 1, 2]), {}),
          ret(('3', ListProxy._exposed_))))
S.append((3, ('3', 'sort', (), {}), ret(None)))
S.append((3, ('3', '__getitem__', (slice(None, None, None),), {}),
          ret([1, 2, 3])))
S.append((3, ('3', '__getitem__', (10,), {}), err(IndexError('list index '
                                                            'out of range'))))
S.append((3, ('3', 'pop', (), {}), ret(3)))
S.append((0, (None, 'create', ('Lock',), {}), ret(('4', ACQ))))
S.append((3, ('4', 'acquire', (True,), {}), ret(True)))
S.append((3, ('4', 'acquire', (False,), {}), ret(False)))
S.append((3, ('4', 'release', (), {}), ret(None)))
S.append((3, ('4', 'release', (), {}),
          err(RuntimeError('release unlocked lock'))))
S.append((0, (None, 'create', ('Event',), {}),
          ret(('5', ('is_set', 'set', 'clear', 'wait')))))
S.append((3, ('5', 'wait', (0.01,), {}), ret(False)))
S.append((3, ('5', 'set', (), {}), ret(None)))
S.append((3, ('5', 'is_set', (), {}), ret(True)))
S.append((0, (None, 'create', ('Value', 'i', 5), {}), ret(('6', ('get',
                                                                  'set')))))
S.append((3, ('6', 'set', (fractions.Fraction(2, 3),), {}), ret(None)))
S.append((3, ('6', 'get', (), {}), ret(fractions.Fraction(2, 3))))
S.append((0, (None, 'number_of_objects', (), {}), ret(6)))
# A dict's __iter__: a proxy of a new 'Iterator' (DictProxy's
# _method_to_typeid_), which the client increfs and whose creation's
# reference it drops; StopIteration at the end.
S.append((3, ('2', '__iter__', (), {}),
          ('#PROXY', (IteratorProxy._exposed_,
                      Token('Iterator', None, '7')))))
S.append((1, (None, 'incref', ('7',), {}), ret(None)))
S.append((2, (None, 'decref', ('7',), {}), ret(None)))
for k in ('a', 'b', 'c'):
    S.append((3, ('7', '__next__', (), {}), ret(k)))
S.append((3, ('7', '__next__', (), {}), err(StopIteration())))
S.append((2, (None, 'decref', ('7',), {}), ret(None)))
S.append((3, ('999', 'get', (), {}), TB))
S.append((3, ('1', 'no_such_method', (), {}), TB))
S.append((0, (None, 'create', ('NoSuchType',), {}), TB))
# Every proxy goes: the objects with them.
for i in range(1, 7):
    S.append((2, (None, 'decref', (str(i),), {}), ret(None)))
S.append((2, (None, 'number_of_objects', (), {}), ret(0)))


def carray(name, b):
    rows = [", ".join(str(x) for x in b[i:i + 16])
            for i in range(0, len(b), 16)]
    return ("static const unsigned char %s[] = {\n    %s,\n};\n"
            % (name, ",\n    ".join(rows) if rows else "0"))


def main():
    out = ["/* SPDX-License-Identifier: MIT */",
           "/* Written by tests/vectors/gen_pyclient.py (CPython %d.%d); do "
           "not edit. */" % sys.version_info[:2],
           "/* clang-format off */",
           "typedef struct pyclient_vector {",
           "  int conn;",
           "  const unsigned char *request;",
           "  size_t request_len;",
           "  const unsigned char *reply;",
           "  size_t reply_len;",
           "} pyclient_vector_t;",
           ""]
    table = []
    for i, (conn, rq, rp) in enumerate(S):
        a = bytes(ForkingPickler.dumps(rq))
        b = bytes(ForkingPickler.dumps(rp))
        out.append(carray("pc_rq_%d" % i, a))
        out.append(carray("pc_rp_%d" % i, b))
        table.append("    {%d, pc_rq_%d, %d, pc_rp_%d, %d}," %
                     (conn, i, len(a), i, len(b)))
    out.append("static const pyclient_vector_t pc_vectors[] = {")
    out.extend(table)
    out.append("};")
    with open("tests/vectors/pyclient_vectors.h", "w") as f:
        f.write("\n".join(out) + "\n")
    seeds()


def seeds():
    """The session's requests as fuzz_manager's steps (tests/fuzz/
    fuzz_manager.c: selector 3 | client << 3, then the frame), whole and
    in parts."""
    corpus = "tests/fuzz/corpus/manager"
    steps = [bytes([3 | conn << 3]) + len(a).to_bytes(4, "big") + a
             for conn, rq, _ in S
             for a in [bytes(ForkingPickler.dumps(rq))]]
    names = []
    for lo, hi in ((0, len(steps)), (0, 20), (20, 45), (45, len(steps))):
        data = b"".join(steps[lo:hi])
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(data)
        names.append(name)
    with open(os.path.join(corpus, "INDEX")) as f:
        index = set(f.read().split())
    with open(os.path.join(corpus, "INDEX"), "w") as f:
        f.write("\n".join(sorted(index | set(names))) + "\n")


if __name__ == "__main__":
    main()
