/*
 * insilico_mr.h - in-silico Mendelian randomization: a virtual cohort with
 * synthetic genotypes, two-sample GWAS in its two halves, MR on the summary
 * statistics, and the true causal effect measured by intervening on the same
 * virtual people (population layer).
 *
 * Each subject is drawn as `myohep population` draws it (covariates and
 * parameter variability from the stream (cohort seed, id)); its genotype at
 * each instrument comes from a stream of its own, (cohort seed ^ hash of the
 * SNP's name, -1 - id), Hardy-Weinberg at the instrument's frequency, so a
 * subject's genotype and results never depend on threads, ranks or order, nor
 * on which other instruments the file lists. Each effect allele multiplies the parameters its
 * instrument shifts by (1 + fraction). A subject of the truth subset (one in
 * each block of k ids, k = size / truth subjects, even and odd ids by turns)
 * runs again once per truth intervention, with the intervention's
 * shifts on top of its genotype's: the change of every endpoint at the end is
 * kept. Subjects with even ids form sample A (exposure GWAS), odd ids sample B
 * (outcome GWAS): two independent samples of the same population.
 *
 * The true effect of an analysis is sum(dY) / sum(dX) over the truth subset:
 * the change of the mean outcome per unit change of the mean exposure when
 * every subject's exposure is moved by the intervention (a population-average
 * causal effect along that intervention's pathway, at the end of follow-up).
 * A Wald ratio of an instrument acting through the same pathway estimates
 * exactly this quantity, which is why it is the yardstick.
 */
#ifndef MH_POPULATION_INSILICO_MR_H
#define MH_POPULATION_INSILICO_MR_H

#include <stdbool.h>

#include "analysis/gwas.h"
#include "analysis/mr.h"
#include "scenario/insilico_mr_file.h"

/* What one virtual person contributes: fixed size and self-contained, so MPI
 * ranks gather it as bytes, and 100,000 of them fit in 64 MB (640 bytes each). */
typedef struct mh_insilico_subject {
    long id;
    mh_status status; /* MH_OK, or why the cohort run failed (reason) */
    bool in_truth;
    unsigned char alleles[MH_INSILICO_MAX_INSTRUMENTS]; /* effect alleles, 0..2 */
    double covariates[MH_INSILICO_COVARIATE_COUNT];     /* BASELINE unused: per trait in start */
    double start[MH_INSILICO_MAX_TRAITS], end[MH_INSILICO_MAX_TRAITS];
    /* end under each truth intervention minus end; NAN outside the subset or on failure */
    float truth_change[MH_INSILICO_MAX_INTERVENTIONS][MH_INSILICO_MAX_TRAITS];
    float cpu_seconds[2]; /* the cohort run and the truth runs: the pipeline's own cost */
    char reason[120];
} mh_insilico_subject;

/* The genotype of subject `id` (spec->n_instruments allele counts). */
void mh_insilico_mr_genotype(const mh_insilico_mr_spec *spec, long id, unsigned char *alleles);
/* Whether subject `id` is one of the truth subset. */
bool mh_insilico_mr_in_truth(const mh_insilico_mr_spec *spec, long id);

/* Draw and simulate subjects [first, first + count) into out[0..count) on
 * `threads` OpenMP threads (0: the default); a subject that fails keeps its
 * status and reason and the others go on. progress as mh_population_run. */
mh_status mh_insilico_mr_simulate(const mh_insilico_mr_spec *spec, long first, long count,
                                  int threads, mh_insilico_subject *out, mh_progress_fn progress,
                                  void *progress_user, mh_error *err);

enum { MH_INSILICO_SAMPLE_A = 0, MH_INSILICO_SAMPLE_B = 1 };

/* One analysis's findings. */
typedef struct mh_insilico_mr_finding {
    mh_status status;   /* MH_OK, or why there is no MR estimate (why) */
    char why[256];
    int n_variants;     /* the instruments used */
    int variants[MH_INSILICO_MAX_INSTRUMENTS];
    double bx[MH_INSILICO_MAX_INSTRUMENTS], bxse[MH_INSILICO_MAX_INSTRUMENTS];
    double by[MH_INSILICO_MAX_INSTRUMENTS], byse[MH_INSILICO_MAX_INSTRUMENTS];
    double nx[MH_INSILICO_MAX_INSTRUMENTS], ny[MH_INSILICO_MAX_INSTRUMENTS];
    mh_mr_report report;
    mh_mr_steiger steiger;
    int n_weak;                /* instruments with F < 10 */
    mh_mr_estimate truth;      /* sum dY / sum dX with its linearised SE; NAN without truth */
    long truth_n;
    mh_gwas_association observational; /* outcome on exposure, whole cohort, same covariates */
} mh_insilico_mr_finding;

typedef struct mh_insilico_mr_result {
    long n_subjects, n_failed, n_sample[2], n_truth;
    double cpu_seconds_cohort, cpu_seconds_truth; /* summed over subjects */
    /* [sample][trait][instrument]: the GWAS of every cohort endpoint in both samples */
    mh_gwas_association gwas[2][MH_INSILICO_MAX_TRAITS][MH_INSILICO_MAX_INSTRUMENTS];
    bool dropped[MH_INSILICO_MAX_TRAITS][MH_INSILICO_COVARIATE_COUNT]; /* covariates left out */
    /* `baseline` is a pre-genotype covariate only where the endpoint's start value
     * does not depend on the shifted parameters (liver fat and muscle mass start
     * from covariates; grip strength starts from grip_per_kg, a parameter).
     * Where an instrument moves it (checked exactly on subject 0), adjusting for
     * it would take out the genetic effect it carries, so it is left out for
     * that endpoint; the first such instrument is kept (-1: none). */
    int baseline_instrument[MH_INSILICO_MAX_TRAITS];
    bool baseline_left_out[MH_INSILICO_MAX_TRAITS];
    int n_findings;
    mh_insilico_mr_finding findings[MH_INSILICO_MAX_ANALYSES];
} mh_insilico_mr_result;

/* GWAS in both samples, MR for every analysis, truth and observational
 * association, from the n subjects (in id order) of the whole cohort. Errors:
 * MH_ERR_INVALID when a sample has too few subjects left, MH_ERR_NOMEM. An
 * analysis that cannot be estimated carries its own status. Free with
 * mh_insilico_mr_result_free. */
mh_status mh_insilico_mr_analyse(const mh_insilico_mr_spec *spec, const mh_insilico_subject *subjects,
                                 long n, const mh_mr_bootstrap *bootstrap,
                                 mh_insilico_mr_result **out, mh_error *err);
void mh_insilico_mr_result_free(mh_insilico_mr_result *result);

/* Whether the truth lies inside the method's 95 % interval (false when either is missing). */
bool mh_insilico_mr_covers(const mh_mr_estimate *estimate, const mh_mr_estimate *truth);

#endif
