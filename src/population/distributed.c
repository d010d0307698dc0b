/*
 * distributed.c - the MPI runner for virtual populations (population layer).
 *
 * Static block decomposition: subjects of one population cost about the same
 * (same protocol and duration), so blocks of equal size keep ranks equally
 * busy without a work queue, and each rank balances its own block over its
 * threads dynamically. Subjects travel as raw bytes: every rank is the same
 * build on the same kind of machine, which mpirun of one binary guarantees.
 */
#include "population/distributed.h"

#include <stdlib.h>

#include "core/error.h"

#ifdef MYOHEP_MPI
#include <mpi.h>
#endif

static bool mpi_started;

void mh_distributed_block(long size, int rank, int ranks, long *first, long *count)
{
    long base = size / ranks, extra = size % ranks;
    *first = (long)rank * base + (rank < extra ? rank : extra);
    *count = base + (rank < extra ? 1 : 0);
}

#ifdef MYOHEP_MPI

mh_status mh_distributed_start(int *argc, char ***argv, mh_error *err)
{
    (void)err;
    int provided;
    /* FUNNELED: only the main thread calls MPI; OpenMP threads run subjects */
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    mpi_started = true;
    return MH_OK;
}

void mh_distributed_stop(void)
{
    if (mpi_started)
        MPI_Finalize();
    mpi_started = false;
}

int mh_distributed_rank(void)
{
    int rank = 0;
    if (mpi_started)
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int mh_distributed_ranks(void)
{
    int ranks = 1;
    if (mpi_started)
        MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    return ranks;
}

/* Every rank's block as bytes, for MPI_Gatherv; NULL when out of memory. */
static int *block_bytes(long size, size_t item_size, int ranks, int **displacements)
{
    int *counts = malloc(sizeof(int) * (size_t)ranks);
    *displacements = malloc(sizeof(int) * (size_t)ranks);
    if (!counts || !*displacements) {
        free(counts);
        free(*displacements);
        *displacements = NULL;
        return NULL;
    }
    for (int r = 0; r < ranks; r++) {
        long first, count;
        mh_distributed_block(size, r, ranks, &first, &count);
        counts[r] = (int)(count * (long)item_size);
        (*displacements)[r] = (int)(first * (long)item_size);
    }
    return counts;
}

mh_status mh_distributed_check_size(long size, size_t item_size, mh_error *err)
{
    /* MPI_Gatherv counts bytes in an int */
    if (mh_distributed_ranks() > 1 && (double)size * (double)item_size > 2147483647.0)
        return mh_error_raise(err, MH_ERR_UNSUPPORTED,
                              "%ld subjects are too many to gather on one rank (at most %ld)", size,
                              2147483647L / (long)item_size);
    return MH_OK;
}

mh_status mh_distributed_gather(const void *block, void *all, size_t item_size, long size,
                                mh_status st, mh_error *err)
{
    int rank = mh_distributed_rank(), ranks = mh_distributed_ranks();
    if (ranks == 1)
        return st;
    long first, count;
    mh_distributed_block(size, rank, ranks, &first, &count);
    int *displacements = NULL;
    int *counts = rank == 0 ? block_bytes(size, item_size, ranks, &displacements) : NULL;
    /* every rank reaches the gather, whatever happened, so none is left waiting */
    int ok = st == MH_OK && (rank != 0 || counts), all_ok = 0;
    MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (all_ok && rank == 0) /* rank 0's block (the first) is already in place */
        MPI_Gatherv(MPI_IN_PLACE, 0, MPI_BYTE, all, counts, displacements, MPI_BYTE, 0,
                    MPI_COMM_WORLD);
    else if (all_ok)
        MPI_Gatherv(block, (int)(count * (long)item_size), MPI_BYTE, NULL, NULL, NULL, MPI_BYTE, 0,
                    MPI_COMM_WORLD);
    free(counts);
    free(displacements);
    if (!all_ok && st == MH_OK)
        return mh_error_raise(err, MH_ERR_NOMEM, "a rank failed or ran out of memory gathering on rank 0");
    return st;
}

mh_status mh_population_run_distributed(const mh_population_spec *spec, int threads,
                                        mh_population_subject *subjects, mh_progress_fn progress,
                                        void *progress_user, mh_error *err)
{
    int rank = mh_distributed_rank(), ranks = mh_distributed_ranks();
    if (ranks == 1)
        return mh_population_run(spec, 0, spec->size, threads, subjects, progress, progress_user,
                                 err);
    mh_status st = mh_distributed_check_size(spec->size, sizeof(mh_population_subject), err);
    if (st != MH_OK)
        return st;
    long first, count;
    mh_distributed_block(spec->size, rank, ranks, &first, &count);
    st = mh_population_run(spec, first, count, threads, subjects + first,
                           rank == 0 ? progress : NULL, progress_user, err);
    return mh_distributed_gather(subjects + first, subjects, sizeof(mh_population_subject),
                                 spec->size, st, err);
}

#else /* built without MPI: one process */

mh_status mh_distributed_start(int *argc, char ***argv, mh_error *err)
{
    (void)argc;
    (void)argv;
    return mh_error_raise(err, MH_ERR_UNSUPPORTED,
                          "this myohep was built without MPI (install libopenmpi-dev and "
                          "openmpi-bin, then rebuild)");
}

void mh_distributed_stop(void) { mpi_started = false; }

mh_status mh_distributed_check_size(long size, size_t item_size, mh_error *err)
{
    (void)size;
    (void)item_size;
    (void)err;
    return MH_OK;
}

mh_status mh_distributed_gather(const void *block, void *all, size_t item_size, long size,
                                mh_status st, mh_error *err)
{
    (void)block;
    (void)all;
    (void)item_size;
    (void)size;
    (void)err;
    return st;
}

int mh_distributed_rank(void) { return 0; }

int mh_distributed_ranks(void) { return 1; }

mh_status mh_population_run_distributed(const mh_population_spec *spec, int threads,
                                        mh_population_subject *subjects, mh_progress_fn progress,
                                        void *progress_user, mh_error *err)
{
    return mh_population_run(spec, 0, spec->size, threads, subjects, progress, progress_user, err);
}

#endif
