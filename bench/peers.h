/* SPDX-License-Identifier: MIT */
/*
 * The seam between the benchmark driver (bench.c, portable) and the raw
 * peers of one platform (peers_posix.c or peers_win32.c): what mproc is
 * measured against, written with the OS interfaces directly, plus the few
 * OS services the driver needs (a clock, a start line for races).
 */
#ifndef MPROC_BENCH_PEERS_H
#define MPROC_BENCH_PEERS_H

#include <stdint.h>

/*
 * One figure. setup() makes what the runs share (a lock, a path) and
 * returns it, BENCH_SKIP when the figure does not exist here (after a note
 * on stderr), or NULL on failure (after a message on stderr). run() does
 * @p n operations and returns the nanoseconds they took, timing itself so
 * that it can leave out what is not the operation, or -1 on failure.
 * teardown() (may be NULL) releases what setup() made.
 */
typedef struct bench_case {
  const char *name; /* the figure's name, e.g. "lock.pair.futex" */
  void *(*setup)(void);
  int64_t (*run)(void *ctx, long n);
  void (*teardown)(void *ctx);
} bench_case_t;

extern char bench_skip_token;
#define BENCH_SKIP ((void *)&bench_skip_token)

/*
 * The peers of this platform, each list ending with a NULL name. A peer
 * named "<group>.<x>" is compared with mproc's "<group>.mproc" as the
 * ratio line "<group>.ratio_vs_<x>".
 *
 *   lock.pair       one uncontended acquire + release (n pairs)
 *   lock.contended  two processes alternating on one lock (n pairs in all)
 *   lock.pingpong   two processes handing a token back and forth (n round
 *                   trips, the child already running)
 *   process.fork    fork a child that exits at once, and reap it (n times)
 *   process.spawn   start a program that exits at once, and reap it
 *   process.forkserver  the raw fork again (the yardstick: the
 *                   forkserver costs at most 1.5 times it) and CPython's
 *                   forkserver Process start + join
 */
extern const bench_case_t bench_peers_lock_pair[];
/*   lock.create_destroy  n Locks created and destroyed (batches of 1,000) */
extern const bench_case_t bench_peers_lock_create_destroy[];
extern const bench_case_t bench_peers_lock_contended[];
extern const bench_case_t bench_peers_lock_pingpong[];
extern const bench_case_t bench_peers_process_fork[];
extern const bench_case_t bench_peers_process_spawn[];
extern const bench_case_t bench_peers_process_forkserver[];
/*
 *   manager.lockpair  acquire + release of a manager Lock (n pairs); the
 *                     raw floor is two request/reply round trips between
 *                     two processes over a Unix socketpair
 *   manager.queue64b  put + get of a 64-byte message on a manager Queue
 *   manager.dictset   d['k'] = 64 bytes, then d['k'], on a manager dict
 * The "cpython" peers run CPython's multiprocessing.Manager (python3 on
 * PATH) in a coprocess that times itself.
 */
extern const bench_case_t bench_peers_manager_lockpair[];
extern const bench_case_t bench_peers_manager_queue64b[];
extern const bench_case_t bench_peers_manager_dictset[];

/* Pool throughput (bench_pool.c): mproc's cases and CPython's, per task.
 *   pool.map      Pool(2).map of trivial tasks, automatic chunks
 *   pool.imap1    Pool(2).imap of trivial tasks, chunksize 1
 *   pool.records  Pool(2).map_records over an array of 24-byte structs;
 *                 its peer map_bytes is mproc_pool_map over a bytes value
 *                 per struct (mproc against itself: what the call saves)
 *   pool.lifecycle  Pool(2) created, map of 100 trivial tasks, close, join
 *   pool.cpu      Pool(2).map of ~100 us arithmetic tasks; its peer
 *                 1worker is Pool(1) (the ratio is 1 / the speed-up)
 * Every pool figure is the median of warm calls (bench_pool.c). */
extern const bench_case_t bench_mproc_pool_map[];
extern const bench_case_t bench_peers_pool_map[];
extern const bench_case_t bench_mproc_pool_imap1[];
extern const bench_case_t bench_peers_pool_imap1[];
extern const bench_case_t bench_mproc_pool_lifecycle[];
extern const bench_case_t bench_peers_pool_lifecycle[];
extern const bench_case_t bench_mproc_pool_cpu[];
extern const bench_case_t bench_peers_pool_cpu[];
extern const bench_case_t bench_mproc_pool_records[];
extern const bench_case_t bench_peers_pool_records[];
void bench_pool_register(void);

/* mproc-bench run with this one argument exits at once (after
 * mproc_boot()): process.spawn.raw_self starts it so. */
#define BENCH_EXIT_FLAG "--exit-at-once"

/* The process's resident set in bytes (Linux: /proc/self/statm; Windows:
 * the working set), or -1. */
int64_t bench_resident_bytes(void);

/* A monotonic clock in nanoseconds, comparable between processes. */
int64_t bench_now_ns(void);

/*
 * A start line for processes that race, in shared memory that fork
 * children inherit (NULL where there is no fork):
 *   parent: bench_race_reset(); start the children;
 *           t0 = bench_race_start(r, n)   waits until n children are at
 *                                         the line, then lets them go;
 *           join the children; t1 = bench_race_end(r, n).
 *   child i: bench_race_enter(r); the work; bench_race_finish(r, i).
 * bench_race_start() returns -1 if the children do not show up within
 * 10 seconds (and lets any that did go, so that none hangs).
 */
typedef struct bench_race bench_race_t;
#define BENCH_RACE_MAX 8
bench_race_t *bench_race_create(void);
void bench_race_destroy(bench_race_t *r);
void bench_race_reset(bench_race_t *r);
int64_t bench_race_start(bench_race_t *r, int n);
int64_t bench_race_end(bench_race_t *r, int n);
void bench_race_enter(bench_race_t *r);
void bench_race_finish(bench_race_t *r, int who);

#endif /* MPROC_BENCH_PEERS_H */
