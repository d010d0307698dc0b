/*
 * distributed.h - running a virtual population across MPI ranks (population layer).
 *
 * The only place that knows about MPI. Built with MPI (MYOHEP_MPI), it splits
 * the subjects into one contiguous block per rank, runs each block with
 * mh_population_run (OpenMP threads inside the rank) and gathers every subject
 * on rank 0. Because a subject is a function of (seed, id) alone, the gathered
 * rows are byte-identical to a single-process run. Built without MPI, the same
 * calls run in one process, and asking for MPI is an error that says so.
 * libmyohep does not contain this module: an embedding application never
 * links MPI; only the `myohep` command does.
 */
#ifndef MH_POPULATION_DISTRIBUTED_H
#define MH_POPULATION_DISTRIBUTED_H

#include <stdbool.h>
#include <stddef.h>

#include "population/population.h"

/* Starts MPI (MPI_Init) when built with it. Returns MH_ERR_UNSUPPORTED when
 * this build has no MPI. Call once, before anything else uses the ranks. */
mh_status mh_distributed_start(int *argc, char ***argv, mh_error *err);

/* Ends MPI if it was started; safe to call when it was not. */
void mh_distributed_stop(void);

/* This process's rank and the number of ranks (0 and 1 when MPI is not running). */
int mh_distributed_rank(void);
int mh_distributed_ranks(void);

/* The block [*first, *first + *count) of `size` subjects that `rank` of
 * `ranks` runs: contiguous, sizes differing by at most one. */
void mh_distributed_block(long size, int rank, int ranks, long *first, long *count);

/* Gathers fixed-size records on rank 0: one per item of `size`, split into
 * blocks as mh_distributed_block does. Each rank passes its own block; rank 0
 * passes `all` (room for `size` records), whose first block is its own, already
 * in place (block == all), and ends with every record; other ranks' `all` is
 * not used (they need room for their block only). `st` is this rank's own
 * status; every rank must call, and each returns its own status, or an error
 * when another rank failed. A no-op returning st in one process. */
mh_status mh_distributed_gather(const void *block, void *all, size_t item_size, long size,
                                mh_status st, mh_error *err);
/* MH_ERR_UNSUPPORTED when `size` records of item_size bytes are too many to
 * gather (MPI counts bytes in an int); MH_OK in one process. */
mh_status mh_distributed_check_size(long size, size_t item_size, mh_error *err);

/* Runs every subject of the population across the ranks and gathers them into
 * subjects[0..spec->size) on rank 0 (other ranks' arrays hold only their own
 * block, at its offset). progress is called on rank 0 with its own block's
 * fraction done. Every rank must call it. */
mh_status mh_population_run_distributed(const mh_population_spec *spec, int threads,
                                        mh_population_subject *subjects, mh_progress_fn progress,
                                        void *progress_user, mh_error *err);

#endif
