/* SPDX-License-Identifier: MIT */
/*
 * Queue and pipe figures (qbench.c, portable) and their raw peers
 * (qpeers_posix.c, qpeers_win32.c):
 *
 *   queue.64b      one producer process, one consumer process, 64-byte
 *                  messages: ns per message. Peers: .cpython (python3's
 *                  multiprocessing.Queue, timed inside python), .pipe (a
 *                  raw pipe, one write per message). The 1 MiB ring
 *                  fills when the consumer falls behind, and the rest of
 *                  the round then goes through the spill.
 *                  .mproc_ring: the same with a ring that holds a whole
 *                  round, so nothing spills (the ring path's own cost).
 *   queue.4k       the same with 4096-byte messages (MB/s = 4096000 / ns).
 *   simplequeue.64b  mproc's SimpleQueue, as queue.64b.
 *   queue.64b.spill  n 64-byte puts into a queue without maxsize with no
 *                  consumer running (mproc: past the ring they spill),
 *                  then another process, waiting until then, drains them
 *                  all: ns per item for both phases together (each phase
 *                  noted on stderr). Peer: .cpython, the same with
 *                  multiprocessing.Queue (see qpeers_posix.c for what its
 *                  put phase does and does not include).
 *   pipe.roundtrip 64 bytes there and back between two processes: ns per
 *                  round trip. Peer: .raw (a socketpair, one write and one
 *                  read each way).
 */
#ifndef MPROC_BENCH_QBENCH_H
#define MPROC_BENCH_QBENCH_H

#include "peers.h"

extern const bench_case_t bench_mproc_queue_64b[];
extern const bench_case_t bench_mproc_queue_4k[];
extern const bench_case_t bench_mproc_simplequeue_64b[];
extern const bench_case_t bench_mproc_pipe_roundtrip[];
extern const bench_case_t bench_mproc_queue_spill[];
extern const bench_case_t bench_peers_queue_spill[];
extern const bench_case_t bench_peers_queue_64b[];
extern const bench_case_t bench_peers_queue_4k[];
extern const bench_case_t bench_peers_pipe_roundtrip[];
extern const bench_case_t bench_no_peers[];

/* The raw peers' child: this program run with this flag first (Windows;
 * on POSIX the peers fork instead and this is never used). */
#define BENCH_PIPE_CHILD_FLAG "--pipe-child"
int bench_pipe_child(int argc, char **argv);

/* Registers the children of these figures (before mproc_boot()). */
void bench_queue_register(void);

#endif
