/* SPDX-License-Identifier: MIT */
/**
 * @file mproc_mpi.h
 * A Pool across machines: its workers are MPI ranks (libmproc_mpi).
 *
 * The same program runs on one machine with processes, or across a cluster
 * under `mpirun`, with the same pool calls. Under `mpirun -np N prog`,
 * every rank runs `prog`: rank 0 runs `main` past mproc_mpi_boot(); ranks 1
 * to N-1 become pool workers inside mproc_mpi_boot() and never return from
 * it (they leave with exit(0) once rank 0 ends). A pool made with
 * mproc_mpi_pool_create() on rank 0 has those ranks as its workers, and
 * every mproc_pool_* call works on it as on a local pool: map, starmap,
 * imap, imap_unordered, apply, the async forms, callbacks, chunksize,
 * maxtasksperchild, and an initializer that runs once on each rank.
 *
 * What crosses between machines: task arguments and results (values), by
 * name the task and the initializer (register them before
 * mproc_mpi_boot(), as for spawn), and manager proxies, whose manager must
 * listen on TCP (`"host:port"`) to be reached from another machine. Locks,
 * queues and every other object that may cross only at process creation
 * fail at submission with MPROC_E_INHERITANCE and CPython's message, as a
 * task argument of a local pool does, and so do they as initializer
 * arguments: a rank is not a child of rank 0 and inherits nothing. For the
 * same reason each rank would have its own auth key: mproc_mpi_boot() hands
 * rank 0's key to every rank over MPI, inside the job, so that the ranks
 * can decode rank 0's proxies and authenticate to its managers.
 *
 * Failure: Open MPI (Debian's) ends the whole job when a rank dies, rank 0
 * included, and mpirun says which rank died and how; nothing hangs. Where
 * an MPI implementation lets the job go on, a send to or a receive from the
 * dead rank fails, and its chunk fails with MPROC_E_WORKER_DIED as in the
 * local pool.
 *
 * Threads: rank 0 asks for MPI_THREAD_SERIALIZED; libmproc_mpi serializes
 * its own MPI calls, so a program that makes MPI calls of its own while an
 * MPI pool runs needs MPI_THREAD_MULTIPLE and must call MPI_Init_thread()
 * itself before mproc_mpi_boot().
 */
#ifndef MPROC_MPI_H
#define MPROC_MPI_H

#include "mproc.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Boots the program under MPI: mproc_boot(), then MPI, then the workers.
 *
 * Call it from main() where mproc_boot() would go, after registering every
 * task and initializer. It first calls mproc_boot() (so a process that
 * mproc spawned runs its function and exits, without touching MPI), then
 * MPI_Init_thread() unless MPI is initialized already, then hands rank 0's
 * auth key to every rank. On ranks other than 0 it serves MPI pools until
 * rank 0 ends and then calls exit(0): it never returns there. On rank 0 it
 * returns 0, and MPI is finalized at exit (or by mproc_mpi_finalize()).
 * Without mpirun the program is a job of one rank, and
 * mproc_mpi_pool_create() makes a local pool.
 *
 * @param argc &argc of main(), as MPI_Init() takes it.
 * @param argv &argv of main().
 * @return 0 on rank 0; MPROC_E_INVAL for NULL arguments; MPROC_E_NOTSUP
 *         when the MPI library cannot give MPI_THREAD_SERIALIZED;
 *         MPROC_E_STATE when called twice or after MPI was finalized;
 *         MPROC_E_SYS when an MPI call fails.
 */
MPROC_API int mproc_mpi_boot(int *argc, char ***argv);

/**
 * Creates a pool whose workers are the job's other ranks (CPython: Pool()).
 *
 * On rank 0, after mproc_mpi_boot(). opts->processes is the number of
 * worker ranks (ranks 1 to processes), 0 for all of them; the start method
 * is not used. One MPI pool at a time: destroy one before making the next
 * (the ranks serve one pool at a time). In a job of one rank (no mpirun)
 * this is mproc_pool_create(), with local processes. Blocks until the
 * ranks were sent their start (an initializer runs on each rank
 * meanwhile, not before this returns). The pool belongs to the caller:
 * close or terminate it, join and mproc_pool_destroy() it, as any pool.
 *
 * @param out Receives the pool.
 * @param opts Options, or NULL for the defaults.
 * @return 0, or MPROC_E_INVAL for a NULL @p out; MPROC_E_STATE before
 *         mproc_mpi_boot(), on a rank other than 0, or while another MPI
 *         pool exists; MPROC_E_VALUE when opts->processes exceeds the
 *         job's worker ranks; MPROC_E_INHERITANCE when an initializer
 *         argument may cross only at process creation (a rank is not
 *         created by rank 0); MPROC_E_NOTFOUND for an unregistered
 *         initializer; MPROC_E_NOMEM.
 */
MPROC_API int mproc_mpi_pool_create(mproc_pool_t **out,
                                    const mproc_pool_options_t *opts);

/**
 * This process's rank in the job (MPI_Comm_rank), 0 before
 * mproc_mpi_boot() or without mpirun. Does not block.
 *
 * @return The rank.
 */
MPROC_API int mproc_mpi_rank(void);

/**
 * The number of ranks in the job (MPI_Comm_size), 1 before
 * mproc_mpi_boot() or without mpirun. Does not block.
 *
 * @return The number of ranks, rank 0 included.
 */
MPROC_API int mproc_mpi_size(void);

/**
 * Ends the job on rank 0: terminates an MPI pool still running, tells
 * every rank to exit, and finalizes MPI (MPI_Finalize()).
 *
 * Optional: it runs at exit otherwise. Blocks until the ranks have been
 * told; a rank still inside a task ends when that task returns. Nothing
 * MPI may be used afterwards; calling it again does nothing.
 */
MPROC_API void mproc_mpi_finalize(void);

#ifdef __cplusplus
}
#endif

#endif /* MPROC_MPI_H */
