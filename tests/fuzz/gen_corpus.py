#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed inputs of the queue_frame, manager and value fuzz targets.

    python3 tests/fuzz/gen_corpus.py [CORPUS_DIR]   (default tests/fuzz/corpus)

Each seed is a well-formed exchange of one kind, or an edge case, in the
input format that tests/fuzz/fuzz_queue_frame.c and mproc__manager_fuzz()
(src/manager.c) read; files are named by the SHA-1 of their content, as
libFuzzer names what it finds, and each corpus's INDEX is rewritten. The
fuzzers start from these seeds and so reach the deep paths (streamed
messages, every hosted kind's methods) at once.
"""
import hashlib
import hmac
import os
import struct
import sys

# --- The value encoding (src/value.c) -------------------------------------

NONE, INT, DOUBLE, BOOL, STR, BYTES, OBJ, TUPLE, LIST, DICT = range(10)


class Dbl(float):
    pass


def val(v):
    if v is None:
        return bytes([NONE])
    if isinstance(v, bool):
        return bytes([BOOL, int(v)])
    if isinstance(v, Dbl):
        return bytes([DOUBLE]) + struct.pack("<d", v)
    if isinstance(v, int):
        return bytes([INT]) + struct.pack("<q", v)
    if isinstance(v, str):
        b = v.encode()
        return bytes([STR]) + struct.pack("<I", len(b)) + b
    if isinstance(v, (bytes, bytearray)):
        return bytes([BYTES]) + struct.pack("<I", len(v)) + bytes(v)
    if isinstance(v, (tuple, list)):
        tag = TUPLE if isinstance(v, tuple) else LIST
        return bytes([tag]) + struct.pack("<I", len(v)) + b"".join(
            val(x) for x in v)
    if isinstance(v, dict):
        return bytes([DICT]) + struct.pack("<I", len(v)) + b"".join(
            val(k) + val(x) for k, x in v.items())
    raise TypeError(v)


def values(*vs):
    return b"MPV\x01" + struct.pack("<I", len(vs)) + b"".join(val(v) for v in vs)


# --- queue_frame ------------------------------------------------------------

(Q_PUT_BYTES, Q_PUT_VALUES, Q_GET, Q_GET_BYTES, Q_SIZE, Q_SET_WORD,
 Q_ADD_WORD, Q_SCRIBBLE, Q_FRAME, Q_CHUNK, Q_CLOSE, Q_JOINABLE) = range(12)
PEER_CHUNK, PEER_SET_WORD, PEER_ADD_WORD, PEER_SCRIBBLE = range(4)
# mproc__queue_word_t (src/common.h)
(W_KIND, W_MAXSIZE, W_CLOSED, W_BROKEN, W_UNFINISHED, W_PLOCK, W_PTOK_LO,
 W_PMID, W_HEAD, W_PRODUCED, W_PCOUNT, W_TAIL_SEEN, W_CLOCK, W_CTOK_LO,
 W_CMID, W_TAIL, W_CONSUMED, W_CCOUNT, W_HEAD_SEEN) = range(19)
FRAME_MAGIC = 0x51A7E000
# config byte: kind % 3 (Queue, SimpleQueue, JoinableQueue), maxsize bits 2-3
QUEUE, SIMPLE, JOINABLE = 0, 1, 2


def u16(v):
    return struct.pack("<H", v & 0xFFFF)


def u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def put_bytes(data):
    return bytes([Q_PUT_BYTES]) + u16(len(data)) + data


def put_values(data, i):
    return bytes([Q_PUT_VALUES, len(data)]) + data + u32(i)


def get():
    return bytes([Q_GET])


def get_bytes(cap):
    return bytes([Q_GET_BYTES]) + u16(cap)


def set_word(w, v):
    return bytes([Q_SET_WORD, w]) + u32(v)


def add_word(w, d):
    return bytes([Q_ADD_WORD, w, d & 0xFF])


def scribble(off, data):
    return bytes([Q_SCRIBBLE]) + u16(off) + bytes([len(data)]) + data


def frame(kind, len16, prefix=b"", scaled=False, whole=False, check=None,
          first_max=None):
    """A peer's frame: kind 1 values, 2 bytes, 0 a bad kind, 3 a check word
    from the input; scaled multiplies the length by 64 (streamed)."""
    flags = kind | (4 if scaled else 0) | (8 if whole else 0)
    flags |= 16 if first_max is not None else 0
    out = bytes([Q_FRAME, flags]) + u16(len16)
    if whole:
        out += bytes([0]) + prefix
    else:
        out += bytes([len(prefix)]) + prefix
    if kind == 3:
        out += u32(check)
    if first_max is not None:
        out += u16(first_max)
    return out


def peer_chunk(n):
    return bytes([PEER_CHUNK]) + u16(n)


def queue_seeds():
    enc = values(b"hello", 42, "text", Dbl(1.5), None, True)
    s = {}
    s["put-get-bytes"] = bytes([QUEUE]) + put_bytes(b"abc") + get_bytes(16)
    s["put-get-values"] = (bytes([SIMPLE]) + put_values(b"xyz", 7) + get() +
                           bytes([Q_SIZE]))
    s["get-bytes-too-small"] = (bytes([QUEUE]) + put_bytes(b"0123456789") +
                                get_bytes(4) + get_bytes(10))
    s["empty-zero-message"] = (bytes([QUEUE]) + put_bytes(b"") + get_bytes(0) +
                               get() + bytes([Q_SIZE]))
    # Many puts and gets: the ring wraps.
    wrap = bytes([SIMPLE])
    for i in range(12):
        wrap += put_bytes(bytes([i]) * 900) + get_bytes(1000)
    s["wrap-around"] = wrap
    s["maxsize-full"] = (bytes([QUEUE | (1 << 2)]) + put_bytes(b"a") +
                         put_bytes(b"b") + bytes([Q_SIZE]) + get() + get())
    s["joinable"] = (bytes([JOINABLE]) + put_values(b"t", 1) + get() +
                     bytes([Q_JOINABLE, Q_JOINABLE]))
    s["close-drain"] = (bytes([QUEUE]) + put_bytes(b"last") +
                        bytes([Q_CLOSE]) + get() + get() + put_bytes(b"no"))
    # A peer's well-formed frames, written straight into the ring.
    s["peer-values"] = bytes([QUEUE]) + frame(1, len(enc), enc) + get()
    s["peer-bytes"] = (bytes([QUEUE]) + frame(2, 5, b"12345") + get() +
                       get_bytes(8))
    # Streamed: 6400 bytes through a 4096-byte ring, the rest written by the
    # producer while the consumer waits (peer hook), in one or many chunks.
    s["stream-bytes"] = (bytes([QUEUE]) + frame(2, 100, scaled=True) +
                         get() + peer_chunk(0))
    s["stream-chunks"] = (bytes([SIMPLE]) + frame(2, 200, scaled=True) +
                          get_bytes(0xFFFF) +
                          b"".join(peer_chunk(700) for _ in range(20)))
    big = values(b"v" * 9011)  # 9024 bytes: a multiple of 64
    s["stream-values"] = (bytes([QUEUE]) + frame(1, len(big) >> 6, big,
                                                 scaled=True, whole=True) +
                          get() + peer_chunk(0) + peer_chunk(0))
    s["stream-small-first"] = (bytes([QUEUE]) +
                               frame(2, 100, scaled=True, first_max=100) +
                               get_bytes(0xFFFF) + peer_chunk(0) +
                               peer_chunk(0))
    # The producer dies in the middle (the input ends inside the hook).
    s["stream-producer-dies"] = (bytes([QUEUE]) + frame(2, 100, scaled=True) +
                                 get() + get())
    s["stream-producer-free"] = (bytes([QUEUE]) + frame(2, 100, scaled=True) +
                                 get() + bytes([PEER_SET_WORD, W_PLOCK]) +
                                 u32(0) + bytes([PEER_SET_WORD, W_PMID]) +
                                 u32(0) + get())
    # Regression: head scribbled far beyond tail in the middle of a streamed
    # message; the consumer used to copy that much out of a 4 KiB ring.
    s["stream-head-beyond-ring"] = (bytes([QUEUE]) +
                                    frame(2, 1000, scaled=True) + get() +
                                    bytes([PEER_SET_WORD, W_HEAD]) +
                                    u32(0x21000))
    # Regression: a header claiming a streamed message that no producer is
    # writing; the consumer used to allocate it and then wait forever.
    hdr = u32(100000) + u32(FRAME_MAGIC ^ 100000 ^ 2)
    s["scribbled-big-header"] = (bytes([QUEUE]) + scribble(0, hdr) +
                                 set_word(W_HEAD, 4096) + get() +
                                 set_word(W_BROKEN, 0) +
                                 set_word(W_PMID, 1) +
                                 set_word(W_PLOCK, 0x7FFFFFF0) + get())
    s["scribbled-max-header"] = (bytes([QUEUE]) +
                                 scribble(0, u32(1 << 28) +
                                          u32(FRAME_MAGIC ^ (1 << 28) ^ 1)) +
                                 set_word(W_HEAD, 8) + get_bytes(16) + get())
    # Corruptions of the shared words and of frames.
    s["bad-kind"] = (bytes([QUEUE]) + frame(0, 4, b"abcd") +
                     add_word(W_PCOUNT, 1) + get() + set_word(W_BROKEN, 0) +
                     get_bytes(4))
    s["bad-check"] = (bytes([QUEUE]) + frame(3, 4, b"abcd", check=0x12345678) +
                      get())
    s["short-frame"] = (bytes([QUEUE]) + frame(2, 64, b"x" * 8) +
                        add_word(W_HEAD, -40) + get())
    s["head-behind-tail"] = (bytes([QUEUE]) + put_bytes(b"abc") +
                             set_word(W_HEAD, 0xFFFFFFF0) + get() +
                             bytes([Q_SIZE]))
    s["head-seen-stale"] = (bytes([QUEUE]) + put_bytes(b"abc") + get() +
                            set_word(W_HEAD_SEEN, 0x10000) + get() +
                            get_bytes(8))
    s["tail-scribbled"] = (bytes([SIMPLE]) + put_bytes(b"abcdef") +
                           set_word(W_TAIL, 3) + get() + get_bytes(64))
    s["counts-scribbled"] = (bytes([QUEUE | (2 << 2)]) +
                             set_word(W_PCOUNT, 5) + set_word(W_CCOUNT, 9) +
                             bytes([Q_SIZE]) + put_bytes(b"q") +
                             set_word(W_CCOUNT, 0x80000000) + bytes([Q_SIZE]))
    s["consumer-lock-held"] = (bytes([QUEUE]) + put_bytes(b"abc") +
                               set_word(W_CLOCK, 0x7FFFFFF0) +
                               set_word(W_CMID, 1) + get() + get_bytes(4))
    s["producer-lock-held"] = (bytes([QUEUE]) + set_word(W_PLOCK, 1) +
                               put_bytes(b"abc") + put_values(b"v", 1))
    s["kind-scribbled"] = (bytes([QUEUE]) + set_word(W_KIND, 10) +
                           put_bytes(b"abc") + get() + bytes([Q_JOINABLE]))
    s["ring-scribbled"] = (bytes([QUEUE]) + put_values(b"abc", 1) +
                           scribble(12, b"\xff\xff\xff\xff") + get())
    return s


# --- manager ----------------------------------------------------------------

KEY = b"mproc fuzz key"
CHALLENGE, WELCOME, FAILURE, DIGEST = (b"#CHALLENGE#", b"#WELCOME#",
                                       b"#FAILURE#", b"{sha256}")
(K_LOCK, K_RLOCK, K_SEMAPHORE, K_BOUNDED_SEMAPHORE, K_CONDITION, K_EVENT,
 K_BARRIER, K_QUEUE, K_JOINABLE_QUEUE, K_VALUE, K_DICT, K_LIST) = range(1, 13)
OP_CREATE, OP_ATTACH, OP_SHUTDOWN, OP_PING, OP_DETACH = range(1, 6)
(M_ACQUIRE, M_RELEASE, M_LOCK_VALUE, M_COND_WAIT, M_COND_NOTIFY, M_EVENT_SET,
 M_EVENT_CLEAR, M_EVENT_IS_SET, M_EVENT_WAIT, M_BARRIER_WAIT, M_BARRIER_ABORT,
 M_BARRIER_RESET, M_QUEUE_PUT, M_QUEUE_GET, M_QUEUE_SIZE, M_QUEUE_TASK_DONE,
 M_QUEUE_JOIN, M_VALUE_GET, M_VALUE_SET, M_DICT_SET, M_DICT_GET, M_DICT_DEL,
 M_DICT_LEN, M_LIST_APPEND, M_LIST_GET, M_LIST_SET,
 M_LIST_LEN, M_QUEUE_FULL, M_DICT_CONTAINS, M_DICT_POP, M_DICT_POPITEM,
 M_DICT_SETDEFAULT, M_DICT_UPDATE, M_DICT_CLEAR, M_DICT_ITEMS, M_DICT_NEXT,
 M_LIST_EXTEND, M_LIST_INSERT, M_LIST_POP, M_LIST_REMOVE, M_LIST_INDEX,
 M_LIST_COUNT, M_LIST_REVERSE, M_LIST_SORT, M_LIST_DEL, M_LIST_SLICE_GET,
 M_LIST_SLICE_SET, M_LIST_SLICE_DEL, M_LIST_CLEAR,
 M_LIST_NEXT) = range(16, 66)
DICT_KEYS, DICT_VALUES, DICT_ITEMS = 1, 2, 3
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
S_RESPONSE, S_CHALLENGE, S_WELCOME, S_REQUEST, S_REPLY, S_END = range(6)


def wire(payload):
    return struct.pack(">I", len(payload)) + payload


def step(sel, payload, conn=0):
    return bytes([sel | (conn << 3)]) + wire(payload)


def req(op, *args, conn=0, owner=0x1234_0000_0001, timeout=1.0):
    return step(S_REQUEST, values(op, owner, Dbl(timeout), *args), conn)


def end(conn):
    return bytes([S_END | (conn << 3)])


def manager_seeds():
    nonce_msg = DIGEST + b"n" * 40
    good = DIGEST + hmac.new(KEY, nonce_msg, "sha256").digest()
    s = {}
    s["handshake-ok"] = (step(S_RESPONSE, good) +
                         step(S_CHALLENGE, CHALLENGE + DIGEST + b"k" * 40) +
                         step(S_WELCOME, WELCOME) + req(OP_PING))
    s["handshake-bad"] = (step(S_RESPONSE, DIGEST + b"\0" * 32) +
                          step(S_RESPONSE, good[:-1]) +
                          step(S_CHALLENGE, CHALLENGE + b"{md5}") +
                          step(S_CHALLENGE, CHALLENGE + DIGEST) +
                          step(S_WELCOME, FAILURE))
    # The server's handshake machine (step 0, fed (sel >> 3) + 1 bytes at a
    # time): the whole exchange, byte by byte, 7 and 32 at a time; a wrong
    # response; a bad client challenge; a refusal; an oversized frame.
    for chunk in (1, 7, 32):
        s["server-handshake-%d" % chunk] = b"".join(
            bytes([S_RESPONSE | ((chunk - 1) << 3)]) + w
            for w in (wire(good), wire(CHALLENGE + DIGEST + b"k" * 40),
                      wire(WELCOME))) + req(OP_PING)
    s["server-handshake-bad"] = (step(S_RESPONSE, good[:-1] + b"x") +
                                 step(S_RESPONSE, good) +
                                 step(S_RESPONSE, CHALLENGE + b"{md5}") +
                                 step(S_RESPONSE, good) +
                                 step(S_RESPONSE, CHALLENGE + DIGEST) +
                                 step(S_RESPONSE, FAILURE))
    s["server-handshake-too-big"] = (step(S_RESPONSE, good) +
                                     bytes([S_RESPONSE]) +
                                     struct.pack(">I", 257) + b"x" * 8)
    s["handshake-too-big"] = (bytes([S_CHALLENGE]) + struct.pack(">I", 257) +
                              b"x" * 257)
    s["lock"] = (req(OP_CREATE, K_LOCK, 0) + req(M_ACQUIRE) +
                 req(M_LOCK_VALUE) + req(M_ACQUIRE) + req(M_RELEASE) +
                 req(M_RELEASE))
    s["rlock-two-clients"] = (req(OP_CREATE, K_RLOCK, 0) + req(M_ACQUIRE) +
                              req(M_ACQUIRE) +
                              req(OP_ATTACH, 1, K_RLOCK, conn=1) +
                              req(M_ACQUIRE, conn=1, owner=99) +
                              req(M_RELEASE, conn=1, owner=99) + end(0) +
                              req(M_ACQUIRE, conn=1, owner=99) +
                              req(M_RELEASE, conn=1, owner=99))
    s["semaphore"] = (req(OP_CREATE, K_BOUNDED_SEMAPHORE, 1) + req(M_ACQUIRE) +
                      req(M_ACQUIRE) + req(M_RELEASE) + req(M_RELEASE) +
                      req(M_LOCK_VALUE) +
                      req(OP_CREATE, K_SEMAPHORE, 0, conn=1) +
                      req(M_RELEASE, conn=1) + req(M_ACQUIRE, conn=1))
    s["condition"] = (req(OP_CREATE, K_CONDITION, 0) + req(M_ACQUIRE) +
                      req(M_COND_NOTIFY, -1) + req(M_COND_WAIT, timeout=0.0) +
                      req(M_RELEASE) + req(M_COND_WAIT) +
                      req(M_COND_NOTIFY, 1))
    s["event"] = (req(OP_CREATE, K_EVENT, 0) + req(M_EVENT_WAIT) +
                  req(M_EVENT_SET) + req(M_EVENT_IS_SET) + req(M_EVENT_WAIT) +
                  req(M_EVENT_CLEAR) + req(M_EVENT_IS_SET))
    s["barrier"] = (req(OP_CREATE, K_BARRIER, 2) + req(M_BARRIER_WAIT) +
                    req(M_BARRIER_RESET) +
                    req(OP_ATTACH, 1, K_BARRIER, conn=2) +
                    req(M_BARRIER_WAIT, conn=2) + req(M_BARRIER_ABORT) +
                    req(M_BARRIER_WAIT) +
                    req(OP_CREATE, K_BARRIER, 1, conn=1) +
                    req(M_BARRIER_WAIT, conn=1) + req(OP_CREATE, K_BARRIER, 0,
                                                      conn=3))
    q = req(OP_CREATE, K_JOINABLE_QUEUE, 2)
    for i in range(3):
        q += req(M_QUEUE_PUT, values(i))
    q += (req(M_QUEUE_SIZE) + req(M_QUEUE_GET) + req(M_QUEUE_TASK_DONE) +
          req(M_QUEUE_JOIN) + req(M_QUEUE_GET) + req(M_QUEUE_GET) +
          req(M_QUEUE_TASK_DONE) + req(M_QUEUE_TASK_DONE) +
          req(M_QUEUE_JOIN))
    s["joinable-queue"] = q
    q = req(OP_CREATE, K_QUEUE, 0)
    for i in range(80):  # the head is compacted past 64
        q += req(M_QUEUE_PUT, bytes([i])) + req(M_QUEUE_GET)
    s["queue-compact"] = q + req(M_QUEUE_PUT, b"x") + req(M_QUEUE_SIZE)
    s["value"] = (req(OP_CREATE, K_VALUE, 0, values(Dbl(1.5))) + req(M_VALUE_GET) +
                  req(M_VALUE_SET, values("new")) + req(M_VALUE_GET) +
                  req(OP_ATTACH, 1, K_VALUE, conn=1) +
                  req(M_VALUE_GET, conn=1))
    s["dict"] = (req(OP_CREATE, K_DICT, 0) + req(M_DICT_SET, b"k1", b"v1") +
                 req(M_DICT_SET, b"k2", b"v2") + req(M_DICT_SET, b"k1", b"v3") +
                 req(M_DICT_GET, b"k1") + req(M_DICT_LEN) +
                 req(M_DICT_DEL, b"k1") + req(M_DICT_DEL, b"k1") +
                 req(M_DICT_GET, b"nope") + req(M_DICT_LEN))
    # dict keys travel as values and compare as Python's (1, 1.0, True);
    # values as encodings.
    s["dict-python-keys"] = (
        req(OP_CREATE, K_DICT, 0, [1, values("one"), "k", values(2)]) +
        req(M_DICT_SET, Dbl(1.0), values("uno")) +
        req(M_DICT_SET, True, values("vrai")) + req(M_DICT_GET, 1) +
        req(M_DICT_GET, "missing") + req(M_DICT_GET, "missing", True) +
        req(M_DICT_CONTAINS, (1, "t")) + req(M_DICT_SET, [1], b"x") +
        req(M_DICT_SET, Dbl(float("nan")), b"x") +
        req(M_DICT_SETDEFAULT, None, values(None)) +
        req(M_DICT_POP, "k") + req(M_DICT_POP, "k", True) +
        req(M_DICT_UPDATE, [(1, 2), values(3), b"b", values(4)]) +
        req(M_DICT_UPDATE, [1]) + req(M_DICT_UPDATE, [[], b"x"]) +
        req(M_DICT_ITEMS, DICT_KEYS) + req(M_DICT_ITEMS, DICT_VALUES) +
        req(M_DICT_ITEMS, DICT_ITEMS) + req(M_DICT_ITEMS, 9) +
        req(M_DICT_POPITEM) + req(M_DICT_LEN) + req(M_DICT_CLEAR) +
        req(M_DICT_POPITEM))
    many = req(OP_CREATE, K_DICT, 0)
    for i in range(40):  # deletions past the compaction threshold
        many += req(M_DICT_SET, i, values(i))
    for i in range(0, 40, 2):
        many += req(M_DICT_DEL, i)
    s["dict-holes-iterate"] = (
        many + req(M_DICT_NEXT, 0, -1, 0) + req(M_DICT_NEXT, 3, 0, 20) +
        req(M_DICT_SET, "new", b"x") + req(M_DICT_NEXT, 0, 60, 20) +
        req(M_DICT_NEXT, -1, -1, 0) + req(M_DICT_NEXT, 1 << 40, -1, 0))
    s["list-ops"] = (
        req(OP_CREATE, K_LIST, 0, [values(5), values(Dbl(1.5)),
                                   values(True), values("s")]) +
        req(M_LIST_EXTEND, [values(7), values(b"b")]) +
        req(M_LIST_EXTEND, [1]) + req(M_LIST_INSERT, -100, values(9)) +
        req(M_LIST_INSERT, 100, values(8)) + req(M_LIST_POP, -1) +
        req(M_LIST_POP, 100) + req(M_LIST_REMOVE, values(Dbl(1.0))) +
        req(M_LIST_REMOVE, values("zz")) + req(M_LIST_REMOVE, b"junk") +
        req(M_LIST_INDEX, values(7), -3, I64_MAX) +
        req(M_LIST_INDEX, values(7), 0, 1) + req(M_LIST_COUNT, values(5)) +
        req(M_LIST_SORT, False) + req(M_LIST_SORT, True) +
        req(M_LIST_REVERSE) + req(M_LIST_DEL, 0) + req(M_LIST_DEL, -100) +
        req(M_LIST_SLICE_GET, I64_MAX, I64_MIN, -1) +
        req(M_LIST_SLICE_GET, 0, 5, 0) +
        req(M_LIST_SLICE_GET, I64_MIN, I64_MAX, I64_MIN) +
        req(M_LIST_SLICE_SET, 1, 2, 1, [values(1), values(2), values(3)]) +
        req(M_LIST_SLICE_SET, I64_MIN, I64_MAX, 2, [values(1)]) +
        req(M_LIST_SLICE_SET, 4, 1, -1, [values(0), values(0), values(0)]) +
        req(M_LIST_SLICE_DEL, I64_MIN, I64_MAX, 3) +
        req(M_LIST_SLICE_DEL, I64_MAX, I64_MIN, -2) + req(M_LIST_NEXT, 0) +
        req(M_LIST_NEXT, 1 << 40) + req(M_LIST_CLEAR) + req(M_LIST_POP, -1))
    s["list-sort"] = (
        req(OP_CREATE, K_LIST, 0, [values((2, "b")), values((1,)),
                                   values(Dbl(-0.5)), values(0)]) +
        req(M_LIST_SORT, False) + req(M_LIST_SLICE_DEL, 0, 2, 1) +
        req(M_LIST_SORT, True) + req(M_LIST_APPEND, values(None)) +
        req(M_LIST_SORT, False) + req(M_LIST_APPEND, b"not an encoding") +
        req(M_LIST_SORT, False))
    s["queue-full"] = (req(OP_CREATE, K_QUEUE, 1) + req(M_QUEUE_FULL) +
                       req(M_QUEUE_PUT, values(1)) + req(M_QUEUE_FULL) +
                       req(M_QUEUE_PUT, values(2), timeout=0.0) +
                       req(M_QUEUE_GET) + req(M_QUEUE_GET, timeout=0.0))
    s["list"] = (req(OP_CREATE, K_LIST, 0) + req(M_LIST_APPEND, b"a") +
                 req(M_LIST_APPEND, b"b") + req(M_LIST_GET, -1) +
                 req(M_LIST_SET, 0, b"c") + req(M_LIST_GET, 5) +
                 req(M_LIST_LEN) + req(M_LIST_SET, -3, b"d"))
    s["attach-detach"] = (req(OP_CREATE, K_EVENT, 0) +
                          req(OP_ATTACH, 1, K_EVENT, conn=1) +
                          req(OP_ATTACH, 1, K_LOCK, conn=2) +
                          req(OP_ATTACH, 7, K_EVENT, conn=3) +
                          req(OP_DETACH) + req(M_EVENT_SET, conn=1) +
                          req(OP_DETACH, conn=1) +
                          req(OP_ATTACH, 1, K_EVENT, conn=2))
    s["lock-holder-gone"] = (req(OP_CREATE, K_LOCK, 0) + req(M_ACQUIRE) +
                             req(OP_ATTACH, 1, K_LOCK, conn=1) + end(0) +
                             req(M_ACQUIRE, conn=1) + req(M_LOCK_VALUE, conn=1))
    s["wrong-methods"] = (req(M_ACQUIRE) + req(OP_CREATE, K_LIST, 0) +
                          req(OP_CREATE, K_LIST, 0) + req(M_ACQUIRE) +
                          req(M_LIST_GET, "x") + req(99) + req(M_COND_NOTIFY))
    s["bad-create"] = (req(OP_CREATE, 0, 0) + req(OP_CREATE, 13, 0) +
                       req(OP_CREATE, K_LOCK, -1) + req(OP_CREATE, K_VALUE, 0) +
                       req(OP_CREATE))
    s["bad-timeouts"] = (req(OP_PING, timeout=-1.0) +
                         req(OP_PING, timeout=float("nan")) +
                         req(OP_PING, timeout=float("inf")) +
                         req(OP_PING, timeout=1e300))
    s["malformed-requests"] = (step(S_REQUEST, values(OP_PING, 1)) +
                               step(S_REQUEST, values("x", 1, Dbl(0)), 1) +
                               step(S_REQUEST, b"MPV\x01\xff\xff\xff\xff", 2) +
                               step(S_REQUEST, b"", 3) + req(OP_PING))
    s["shutdown"] = (req(OP_CREATE, K_LOCK, 0) + req(OP_SHUTDOWN, conn=1) +
                     req(M_ACQUIRE) + req(OP_PING, conn=2))
    s["replies"] = (step(S_REPLY, values(0, "")) +
                    step(S_REPLY, values(0, "", 5, b"x")) +
                    step(S_REPLY, values(-4, "not found")) +
                    step(S_REPLY, values(-5000, "odd")) +
                    step(S_REPLY, values(3, "")) +
                    step(S_REPLY, values(0)) +
                    step(S_REPLY, values("x", "")) + step(S_REPLY, b"junk"))
    s["frame-too-big"] = bytes([S_REQUEST]) + struct.pack(">I", 0xFFFFFFFF)
    s["frame-cut-short"] = (req(OP_PING) + bytes([S_REQUEST]) +
                            struct.pack(">I", 100) + b"MPV")
    return s


# --- value -------------------------------------------------------------------

def value_seeds():
    """Containers for the value decoder: nesting, every key type, a dict's
    index, and the edges it must refuse (a repeated key, 1 and 1.0 as two
    keys, an unhashable key, nesting past the limit)."""
    s = {}
    s["containers"] = values((1, "a"), [None, True, Dbl(0.5)], {}, [], ())
    s["dict-keys"] = values({None: 1, False: 2, 7: 3, Dbl(1.5): 4, "s": 5,
                             b"s": 6, (1, ("x", b"y")): 7})
    s["nested"] = values({"k": [{"a": (1, 2)}, [b"z", {"b": []}]]})
    s["big-dict"] = values({"k%d" % i: [i, Dbl(i / 4)] for i in range(300)})
    s["dup-key"] = (b"MPV\x01" + struct.pack("<I", 1) + bytes([DICT]) +
                    struct.pack("<I", 2) + val(1) + val(None) + val(1) +
                    val(None))
    s["int-float-key"] = (b"MPV\x01" + struct.pack("<I", 1) + bytes([DICT]) +
                          struct.pack("<I", 2) + val(1) + val(None) +
                          val(Dbl(1.0)) + val(None))
    s["list-key"] = (b"MPV\x01" + struct.pack("<I", 1) + bytes([DICT]) +
                     struct.pack("<I", 1) + val([]) + val(None))
    deep = 1
    for _ in range(65):
        deep = [deep]
    s["too-deep"] = values(deep)
    deep = 1
    for _ in range(64):
        deep = [deep]
    s["deepest"] = values(deep)
    s["huge-count"] = b"MPV\x01" + struct.pack("<I", 1) + bytes(
        [LIST]) + struct.pack("<I", 0x7fffffff)
    return s


def write(corpus, seeds):
    os.makedirs(corpus, exist_ok=True)
    for data in seeds.values():
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(data)
    names = sorted(n for n in os.listdir(corpus) if n != "INDEX")
    with open(os.path.join(corpus, "INDEX"), "w") as f:
        f.write("".join(n + "\n" for n in names))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus")
    write(os.path.join(root, "queue_frame"), queue_seeds())
    write(os.path.join(root, "manager"), manager_seeds())
    write(os.path.join(root, "value"), value_seeds())


if __name__ == "__main__":
    main()
