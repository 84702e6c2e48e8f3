#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes tests/vectors/handshake_vectors.h: CPython's manager handshake
(multiprocessing.connection's deliver_challenge() and answer_challenge())
recorded against mproc's side of it, for tests/test_handshake.c, with
fixed keys and nonces so that the exchange is the same on every run.

Two handshakes exist: 3.8-3.11 send "#CHALLENGE#" and 20 random bytes and
answer with a raw HMAC-MD5; 3.12+ send "{sha256}" and 40 bytes and answer
"{sha256}" and an HMAC-SHA256 (and still answer a 20-byte challenge, and
accept a 16-byte answer, in MD5). Each interpreter named on the command
line (default: python3) records its own, in a process of its own:

  python3 tests/vectors/gen_handshake.py python3.11 python3.12 python3.13

Per interpreter, the frames (payloads without the 4-byte length):
  r1  its client's response to mproc's server challenge C1
  c2  its client's challenge to mproc's server, a2 the right answer
  c3  its server's challenge to mproc's client, a3 the right answer
  a4  its server's answer to mproc's client challenge C4
The right answers are what that Python's own answer_challenge() sends,
and its deliver_challenge() accepted each.
"""
import json
import os
import subprocess
import sys
import threading
from multiprocessing import Pipe, connection

KEY = bytes(range(32))
NONCE_S = bytes(0x53 ^ i for i in range(40))  # mproc server's nonce
NONCE_C = bytes(0x43 ^ i for i in range(40))  # mproc client's nonce
C1 = b"#CHALLENGE#{sha256}" + NONCE_S
C4 = b"#CHALLENGE#{sha256}" + NONCE_C


def fixed_urandom(n):
    return bytes((0xA5 + 7 * i) & 0xFF for i in range(n))


def run(fn, *args):
    err = []

    def target():
        try:
            fn(*args)
        except Exception as e:  # reported by the caller
            err.append(e)
    t = threading.Thread(target=target)
    t.start()
    return t, err


def answer_of(funcs, challenge):
    """What this Python's answer_challenge() sends for @challenge."""
    a, b = Pipe()
    t, err = run(funcs["answer_challenge"], a, KEY)
    b.send_bytes(challenge)
    ans = b.recv_bytes()
    b.send_bytes(b"#WELCOME#")
    t.join()
    assert not err, err
    return ans


def record(funcs):
    out = {}
    # Its client against mproc's server.
    a, b = Pipe()

    def client(conn):
        funcs["answer_challenge"](conn, KEY)
        funcs["deliver_challenge"](conn, KEY)
    t, err = run(client, a)
    b.send_bytes(C1)
    out["r1"] = b.recv_bytes()
    b.send_bytes(b"#WELCOME#")
    out["c2"] = b.recv_bytes()
    out["a2"] = answer_of(funcs, out["c2"])
    b.send_bytes(out["a2"])
    assert b.recv_bytes() == b"#WELCOME#"
    t.join()
    assert not err, err
    # Its server against mproc's client.
    a, b = Pipe()

    def server(conn):
        funcs["deliver_challenge"](conn, KEY)
        funcs["answer_challenge"](conn, KEY)
    t, err = run(server, a)
    out["c3"] = b.recv_bytes()
    out["a3"] = answer_of(funcs, out["c3"])
    b.send_bytes(out["a3"])
    assert b.recv_bytes() == b"#WELCOME#"
    b.send_bytes(C4)
    out["a4"] = b.recv_bytes()
    b.send_bytes(b"#WELCOME#")
    t.join()
    assert not err, err
    return out


def c_array(name, b):
    body = ", ".join("0x%02x" % c for c in b)
    lines, line = [], "   "
    for it in body.split(" "):
        if len(line) + len(it) > 78:
            lines.append(line)
            line = "   "
        line += " " + it
    lines.append(line)
    return "static const unsigned char %s[] = {\n%s\n};" % (name, "\n".join(lines))


def main():
    if sys.argv[1:] == ["--record"]:
        os.urandom = fixed_urandom
        rec = record({"deliver_challenge": connection.deliver_challenge,
                      "answer_challenge": connection.answer_challenge})
        rec = {k: v.hex() for k, v in rec.items()}
        rec["version"] = "%d.%d.%d" % sys.version_info[:3]
        print(json.dumps(rec))
        return
    pythons = sys.argv[1:] or ["python3"]
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    out = ["/* SPDX-License-Identifier: MIT */",
           "/* Written by tests/vectors/gen_handshake.py; do not edit. */",
           "/* clang-format off */"]
    out.append(c_array("hs_key", KEY))
    out.append(c_array("hs_nonce_s", NONCE_S))
    out.append(c_array("hs_nonce_c", NONCE_C))
    entries = []
    for i, py in enumerate(pythons):
        rec = json.loads(subprocess.run(
            [py, os.path.abspath(__file__), "--record"], check=True,
            stdout=subprocess.PIPE).stdout)
        for k in ("r1", "c2", "a2", "c3", "a3", "a4"):
            out.append(c_array("hs_%d_%s" % (i, k), bytes.fromhex(rec[k])))
        entries.append((i, "CPython " + rec["version"]))
    out += ["typedef struct hs_vector {",
            "  const char *name;",
            "  const unsigned char *r1, *c2, *a2, *c3, *a3, *a4;",
            "  size_t r1n, c2n, a2n, c3n, a3n, a4n;",
            "} hs_vector_t;",
            "static const hs_vector_t hs_vectors[] = {"]
    for i, label in entries:
        f = ["hs_%d_%s" % (i, k) for k in ("r1", "c2", "a2", "c3", "a3", "a4")]
        out.append('  {"%s",\n   %s,\n   %s},' % (
            label, ", ".join(f), ", ".join("sizeof %s" % x for x in f)))
    out.append("};")
    out.append("/* clang-format on */")
    with open(os.path.join(root, "tests", "vectors", "handshake_vectors.h"),
              "w") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
