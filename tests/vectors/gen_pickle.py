#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes tests/vectors/pickle_vectors.h and tests/fuzz/corpus/pickle/: the
output of CPython's pickle.dumps() for protocols 0-5, with what each must
decode to, so that tests/test_pickle.c checks mproc's pickle codec against
real pickles without a Python at run time.

The expected form ("dump") is a text both sides can write exactly:
  N T F                None, True, False
  i<decimal>           an int of 64 bits
  I<hex>               a larger int: pickle.encode_long()'s bytes
  f<hex>               a float: its IEEE 754 bits, as a 64-bit integer
  s<hex> b<hex> y<hex> str (UTF-8, surrogatepass), bytes, bytearray
  (a,b) [a,b] {k:v,k:v} S{a,b} Z{a,b}
                       tuple, list, dict, set, frozenset (in pickle order)
  g<module>.<name>     a global
  O<how>(callable;args;kwargs;state;items;kv)
                       an object: how 0 REDUCE, 1 NEWOBJ, 2 NEWOBJ_EX;
                       "-" for no kwargs or state, items and kv listed
                       with commas
Run it from the repository root: python3 tests/vectors/gen_pickle.py
"""
import collections
import copyreg
import hashlib
import os
import pickle
import struct
import sys
from multiprocessing.managers import Token


class Point:
    def __init__(self, x):
        self.x = x


def dump(o, proto):
    if o is None:
        return "N"
    if o is True:
        return "T"
    if o is False:
        return "F"
    t = type(o)
    if t is int:
        if -2**63 <= o < 2**63:
            return "i%d" % o
        return "I" + pickle.encode_long(o).hex()
    if t is float:
        return "f%016x" % struct.unpack("<Q", struct.pack("<d", o))[0]
    if t is str:
        return "s" + o.encode("utf-8", "surrogatepass").hex()
    if t is bytes:
        return "b" + o.hex()
    if t is bytearray:
        return "y" + bytes(o).hex()
    if t is tuple:
        return "(" + ",".join(dump(x, proto) for x in o) + ")"
    if t is list:
        return "[" + ",".join(dump(x, proto) for x in o) + "]"
    if t is dict:
        return "{" + ",".join(dump(k, proto) + ":" + dump(v, proto)
                              for k, v in o.items()) + "}"
    if t is set:
        return "S{" + ",".join(dump(x, proto) for x in o) + "}"
    if t is frozenset:
        return "Z{" + ",".join(dump(x, proto) for x in o) + "}"
    if isinstance(o, type):
        return "g%s.%s" % (o.__module__, o.__qualname__)
    rv = o.__reduce_ex__(proto)
    rv = tuple(rv) + (None,) * (5 - len(rv))
    func, args, state, items, kv = rv
    kwargs = None
    how = 0
    if proto >= 2 and getattr(func, "__name__", "") == "__newobj__":
        how, func, args = 1, args[0], args[1:]
    elif proto >= 2 and getattr(func, "__name__", "") == "__newobj_ex__":
        how, func, args, kwargs = 2, args[0], args[1], args[2]
    f = "g%s.%s" % (func.__module__, func.__qualname__)
    items = list(items) if items is not None else []
    kv = list(kv) if kv is not None else []
    return "O%d(%s;%s;%s;%s;%s;%s)" % (
        how, f, dump(tuple(args), proto),
        "-" if kwargs is None else dump(kwargs, proto),
        "-" if state is None else dump(state, proto),
        ",".join(dump(x, proto) for x in items),
        ",".join(dump(k, proto) + "," + dump(v, proto) for k, v in kv))


shared = [1]
CASES = [
    ("none", None), ("true", True), ("false", False),
    ("int0", 0), ("int255", 255), ("int256", 256), ("int65535", 65535),
    ("int65536", 65536), ("int_neg1", -1), ("int32max", 2**31 - 1),
    ("int32min", -2**31), ("int2_31", 2**31), ("int64max", 2**63 - 1),
    ("int64min", -2**63), ("int2_63", 2**63), ("int_below64", -2**63 - 1),
    ("int2_70", 2**70), ("int_neg2_200", -(2**200)), ("int_2_64", 2**64),
    ("float0", 0.0), ("float_neg0", -0.0), ("float1_5", 1.5),
    ("float1e300", 1e300), ("float_tiny", 5e-324), ("float_inf", float("inf")),
    ("float_ninf", float("-inf")), ("float_third", 1 / 3),
    ("str_empty", ""), ("str_abc", "abc"), ("str_unicode", "\xe9\u20ac\U0001f600"),
    ("str_escapes", "a\\b\n\r\x00\x1a\\u0041"), ("str_300", "x" * 300),
    ("str_surrogate", "\ud800"), ("str_latin1", "\xff\x80"),
    ("bytes_empty", b""), ("bytes_bin", b"\x00\xff\x80"), ("bytes_300", b"y" * 300),
    ("bytearray", bytearray(b"ab")), ("bytearray_empty", bytearray()),
    ("tuple0", ()), ("tuple1", (1,)), ("tuple2", (1, 2)), ("tuple3", (1, 2, 3)),
    ("tuple4", (1, 2, 3, 4)), ("tuple_nested", ((), ((1,),), [()])),
    ("list0", []), ("list_mixed", [1, "a", None, 2.5]),
    ("list_1001", list(range(1001))),  # two APPENDS batches
    ("dict0", {}), ("dict_mixed", {"a": 1, 2: (3, 4), (1, 2): [5], None: {}}),
    ("set0", set()), ("set3", {1, 2, 3}), ("frozenset0", frozenset()),
    ("frozenset1", frozenset({"a"})), ("set_nested", {frozenset({1}), (2, 3)}),
    ("shared", (shared, shared)),
    ("request", (None, "create", ("Queue",), {})),
    ("call", ("7f1", "put", ({"k": [1, 2]},), {"block": True})),
    ("reply", ("#RETURN", None)),
    ("object", Point(7)),
    ("exception", ValueError("boom")), ("keyerror", KeyError("k")),
    ("ordereddict", collections.OrderedDict([("a", 1), ("b", 2)])),
    ("token", Token("Queue", "/tmp/pymp-x/listener-1", "7f3a")),
    ("class", Point), ("function", len),
]


def c_array(name, b):
    """A byte array (string literals are limited to 4095 bytes in C99)."""
    items = ["%d," % c for c in b] or ["0"]
    lines, line = [], "   "
    for it in items:
        if len(line) + len(it) > 78:
            lines.append(line)
            line = "   "
        line += " " + it
    lines.append(line)
    return "static const unsigned char %s[] = {\n%s\n};" % (name, "\n".join(lines))


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    corpus = os.path.join(root, "tests", "fuzz", "corpus", "pickle")
    os.makedirs(corpus, exist_ok=True)
    names = []
    entries = []
    for name, obj in CASES:
        for proto in range(6):
            if name == "list_1001" and proto not in (2, 5):
                continue  # large: batches exist from protocol 1 on
            try:
                data = pickle.dumps(obj, protocol=proto)
                d = dump(obj, proto)
            except Exception:
                continue  # e.g. a Token below protocol 2
            entries.append((name, proto, data, d))
            if len(data) < 600 and proto in (0, 2, 4, 5):
                h = hashlib.sha1(data).hexdigest()
                with open(os.path.join(corpus, h), "wb") as f:
                    f.write(data)
                names.append(h)
    with open(os.path.join(corpus, "INDEX"), "w") as f:
        f.write("".join(n + "\n" for n in sorted(set(names))))
    out = [
        "/* SPDX-License-Identifier: MIT */",
        "/* Written by tests/vectors/gen_pickle.py (CPython %d.%d); do not edit. */"
        % sys.version_info[:2],
        "/* clang-format off */",
        "typedef struct pickle_vector {",
        "  const char *name;",
        "  int protocol;",
        "  const unsigned char *data;",
        "  size_t len;",
        "  const unsigned char *dump; /* NUL-terminated */",
        "} pickle_vector_t;",
        "",
    ]
    for i, (name, proto, data, d) in enumerate(entries):
        out.append(c_array("pv_data_%d" % i, data))
        out.append(c_array("pv_dump_%d" % i, d.encode() + b"\0"))
    out.append("")
    out.append("static const pickle_vector_t pickle_vectors[] = {")
    for i, (name, proto, data, d) in enumerate(entries):
        out.append('  {"%s", %d, pv_data_%d, %d, pv_dump_%d},' %
                   (name, proto, i, len(data), i))
    out.append("};")
    out.append("/* clang-format on */")
    with open(os.path.join(root, "tests", "vectors", "pickle_vectors.h"),
              "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
