#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mproc's pickle codec against the running Python: every case of
tests/vectors/gen_pickle.py, pickled by this Python with protocols 0 to
pickle.HIGHEST_PROTOCOL, goes through tests/pickle_peer (decoded and
re-encoded by mproc) and must load here as what was sent: equal, of the
same type, with shared objects still shared.

  pickle_python.py [EMULATOR...] PEER

(ctest passes wine as the emulator in the Windows cross build.)
"""
import os
import pickle
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "vectors"))
import gen_pickle  # noqa: E402  (the cases, and the Point class)

sys.modules["__main__"].Point = gen_pickle.Point
gen_pickle.Point.__module__ = "__main__"


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and a != a:
        return b != b
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(
            same(a[k], b[k]) for k in a)
    if isinstance(a, BaseException):
        return a.args == b.args
    if isinstance(a, gen_pickle.Point):
        return a.__dict__ == b.__dict__
    if type(a).__name__ == "Token":
        return a.__getstate__() == b.__getstate__()
    return a == b


def main():
    peer = sys.argv[1:]
    if not peer:
        sys.exit(__doc__)
    sent = []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "in.bin"), "wb") as f:
            for name, obj in gen_pickle.CASES:
                for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                    try:
                        data = pickle.dumps(obj, protocol=proto)
                    except Exception:
                        continue
                    f.write(struct.pack(">I", len(data)) + data)
                    sent.append((name, proto, obj))
        subprocess.run(peer[:-1] + [os.path.abspath(peer[-1]), "in.bin",
                                    "out.bin"], cwd=tmp, check=True)
        with open(os.path.join(tmp, "out.bin"), "rb") as f:
            out = f.read()
    failed = 0
    off = 0
    for name, proto, obj in sent:
        (n,) = struct.unpack(">I", out[off:off + 4])
        back = out[off + 4:off + 4 + n]
        off += 4 + n
        try:
            got = pickle.loads(back) if n else "<refused>"
        except Exception as e:
            got = "<%r>" % e
        ok = same(obj, got)
        if ok and name == "shared":
            ok = got[0] is got[1]
        if not ok:
            print("FAIL %s protocol %d: sent %r, got %r" % (name, proto, obj,
                                                           got))
            failed += 1
    if off != len(out):
        print("FAIL: %d bytes left over" % (len(out) - off))
        failed += 1
    print("%d passed, %d failed (Python %d.%d)" % (len(sent) - failed, failed,
                                                  *sys.version_info[:2]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
