/*
 * experiment.h - running an in-silico experiment and analysing its arms
 * (population layer).
 *
 * Each arm is a virtual population (experiment_file.h) run by the population
 * runner with time courses recorded, so an arm's subjects are drawn and run
 * exactly as a population's are: from streams keyed by (the arm's seed,
 * subject id), on any number of threads, with byte-identical results. The
 * analysis turns the subjects' outcomes into per-arm summaries, each arm's
 * difference from the reference arm and its Hedges' g, and the factorial
 * main effects and interactions (analysis/comparisons.h).
 */
#ifndef MH_POPULATION_EXPERIMENT_H
#define MH_POPULATION_EXPERIMENT_H

#include "analysis/comparisons.h"
#include "myohep/myohep.h"
#include "population/population.h"
#include "scenario/experiment_file.h"

/* Every subject of every arm, arm after arm. */
typedef struct mh_experiment_run {
    const mh_experiment_spec *spec;
    long n_subjects;
    long first[MH_EXPERIMENT_MAX_ARMS + 1]; /* arm a holds subjects first[a] .. first[a+1]-1 */
    mh_population_subject *subjects;
    size_t n_times;  /* time-course samples per subject */
    double *times_min;
    double *courses; /* subject i, time k, endpoint e: [(i * n_times + k) * n_endpoints + e] */
} mh_experiment_run;

/* Runs every arm on `threads` threads (0: OpenMP's default); progress (may be
 * NULL) gets the fraction of all subjects done. A subject that fails carries
 * its status and reason and the run goes on; only out of memory fails it all. */
mh_status mh_experiment_run_arms(const mh_experiment_spec *spec, int threads,
                                 mh_progress_fn progress, void *progress_user,
                                 mh_experiment_run **out, mh_error *err);
void mh_experiment_run_free(mh_experiment_run *run);

/* What subject i contributes for endpoint e: its value at the end of the run,
 * or the change from the start (spec->outcome); NAN for a failed subject. */
double mh_experiment_value(const mh_experiment_run *run, long i, int e);

enum { MH_EXPERIMENT_MAX_TERMS = MH_EXPERIMENT_MAX_ARMS };

/* A coefficient of the factorial model: a main effect (one factor at a level
 * other than its reference) or an interaction (several), as a contrast of arm means. */
typedef struct mh_experiment_term {
    char name[384];  /* "liver=fatty" or "liver=fatty x muscle=disuse" */
    int order;       /* how many factors */
    mh_estimate estimate[MH_POPULATION_MAX_ENDPOINTS];
} mh_experiment_term;

typedef struct mh_experiment_report {
    double level; /* of every interval, e.g. 0.95 */
    int n_arms, n_endpoints;
    /* arm a, endpoint e at [a * n_endpoints + e] */
    mh_group_summary *summary;
    mh_estimate *difference;  /* arm minus the reference arm (NAN for the reference) */
    mh_estimate *effect_size; /* Hedges' g of the arm against the reference */
    int n_terms;
    mh_experiment_term *terms;
    /* time courses of the raw endpoint: arm a, time k, endpoint e at
     * [(a * n_times + k) * n_endpoints + e] */
    size_t n_times;
    mh_group_summary *course;
} mh_experiment_report;

mh_status mh_experiment_analyse(const mh_experiment_run *run, double level,
                                mh_experiment_report **out, mh_error *err);
void mh_experiment_report_free(mh_experiment_report *report);

/* Figures: each endpoint's outcome per arm (one row per arm: every subject as a
 * dot, the arm's mean with its interval, the reference mean as a dashed line),
 * and the time courses (each arm's mean with its interval as a band). */
mh_status mh_experiment_plot_arms(const char *path, const mh_experiment_run *run,
                                  const mh_experiment_report *report, mh_error *err);
mh_status mh_experiment_plot_courses(const char *path, const mh_experiment_run *run,
                                     const mh_experiment_report *report, mh_error *err);

#endif
