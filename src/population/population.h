/*
 * population.h - running a virtual population (population layer).
 *
 * Each subject's covariates, genotypes and parameter draws come from its own
 * random stream, seeded from (population seed, subject id) alone, so a subject
 * is the same person whichever thread (or, later, MPI rank) runs it and in
 * whatever order. Subjects run in parallel on OpenMP threads, each with its
 * own scenario and solver; a subject that fails to integrate is recorded with
 * its reason and the run goes on.
 */
#ifndef MH_POPULATION_POPULATION_H
#define MH_POPULATION_POPULATION_H

#include <stdio.h>

#include "myohep/myohep.h"
#include "scenario/population_file.h"

/* One subject: who was drawn and what was read at the end of the run. */
typedef struct mh_population_subject {
    long id;
    int female;
    double age_y, height_cm, weight_kg, physical_activity_level;
    double weight_g, age_weeks; /* a mouse's draws (its other covariates stay 0) */
    double liver_fat_pct;       /* the habitual liver fat drawn (NAN when not drawn) */
    int pnpla3_risk_alleles, tm6sf2_risk_alleles;
    double varied[MH_POPULATION_MAX_VARIABLE];    /* drawn parameter values */
    double start[MH_POPULATION_MAX_ENDPOINTS];     /* the endpoints at the start of the run */
    double endpoints[MH_POPULATION_MAX_ENDPOINTS]; /* values at the end of the run */
    mh_status status;                             /* MH_OK, or why the subject failed */
    char reason[MH_ERROR_MESSAGE_SIZE];
} mh_population_subject;

/* CSV columns of what was drawn for each subject, each written after a comma: the
 * names, their units (the second header line), a subject's values. A mouse's
 * weight and age, or a person's covariates and genotypes, and his habitual liver
 * fat where the spec draws it (empty for a subject drawn without). */
void mh_population_write_drawn_names(FILE *fp, const mh_population_spec *spec);
void mh_population_write_drawn_units(FILE *fp, const mh_population_spec *spec);
void mh_population_write_drawn(FILE *fp, const mh_population_spec *spec,
                               const mh_population_subject *s);

/* Draw subject `id` (covariates, genotypes, parameters; no simulation). */
void mh_population_draw(const mh_population_spec *spec, long id, mh_population_subject *subject);

/* A parameter multiplied by a factor in one subject's run (a genotype's or an
 * intervention's effect). */
typedef struct mh_param_factor {
    int param; /* mh_param_at index */
    double factor;
} mh_param_factor;

/* Simulate drawn subject s and read its endpoints (start and end), with each
 * listed parameter set to the subject's drawn value (or else the protocol's
 * `parameters:` value, or the default) times its factors, kept within the
 * parameter's bounds. Errors as the scenario's. */
mh_status mh_population_simulate(const mh_population_spec *spec, mh_population_subject *s,
                                 const mh_param_factor *factors, int n_factors, mh_error *err);

/* Runs work(i, user) for every i in [0, count) on `threads` OpenMP threads
 * (0: OpenMP's default), handed out one at a time (subjects differ in cost).
 * progress (may be NULL) is called from one thread with the fraction done. */
typedef void (*mh_population_work)(long i, void *user);
void mh_population_parallel(long count, int threads, mh_population_work work, void *user,
                            mh_progress_fn progress, void *progress_user);

/* Draw and simulate subjects [first, first + count) into subjects[0..count) on
 * `threads` threads (0: OpenMP's default). progress (may be NULL) is called
 * from one thread with the fraction done. Returns MH_OK: a subject that cannot
 * be built or integrated (out of memory included) carries its own status and
 * reason, and the others go on. err is for the distributed runner to come. */
mh_status mh_population_run(const mh_population_spec *spec, long first, long count, int threads,
                            mh_population_subject *subjects, mh_progress_fn progress,
                            void *progress_user, mh_error *err);

/* The number of times each subject's endpoints are sampled when the spec asks
 * for time courses (course_every_min > 0): every course_every_min from 0, and
 * the end of the run; 0 when it does not. */
size_t mh_population_course_times(const mh_population_spec *spec);

/* mh_population_run that also records each subject's time courses: subject i's
 * endpoint e at sample time k is courses[(i * n_times + k) * n_endpoints + e],
 * n_times = mh_population_course_times(spec) (NAN for a failed subject). With
 * courses NULL, or no course_every_min, exactly mh_population_run. */
mh_status mh_population_run_courses(const mh_population_spec *spec, long first, long count,
                                    int threads, mh_population_subject *subjects, double *courses,
                                    mh_progress_fn progress, void *progress_user, mh_error *err);

/* Draws the distributions of the endpoints listed in `endpoints` (indices
 * into spec->endpoints, each once) across subjects at the end of the run, one
 * histogram each, women and men overlaid (mh_plot_distributions). */
mh_status mh_population_plot(const char *path, const char *title, const mh_population_spec *spec,
                             const mh_population_subject *subjects, const int *endpoints,
                             int n_endpoints, mh_error *err);

#endif
