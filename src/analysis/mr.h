/*
 * mr.h - two-sample Mendelian randomization from summary statistics
 * (analysis layer). Depends only on core.
 *
 * Input: for each genetic variant j, its association with the exposure
 * (bx_j, standard error bxse_j) and with the outcome (by_j, byse_j), both on
 * the same effect allele (harmonise.h). Output: estimates of the causal effect
 * of the exposure on the outcome (outcome units per exposure unit) by the
 * methods below, with the definitions and defaults of the R package
 * MendelianRandomization 0.10.0 (Yavorska and Burgess 2017; Broadbent et al.
 * 2020), and the diagnostics that go with them. Formulas and sources: the
 * comment at the top of mr.c and docs/MODEL.md section 10.
 *
 * Every confidence interval is a 95 % normal interval (estimate +- 1.96 SE)
 * and every p-value two-sided from the normal distribution, as the package
 * does by default (distribution = "normal"), MR-Egger included.
 *
 * Bootstrap standard errors (medians, mode) come from a seeded splitmix64
 * stream (core/random.h): the same seed gives the same numbers on every
 * machine, but not R's numbers; they agree with R's to Monte Carlo precision.
 */
#ifndef MH_ANALYSIS_MR_H
#define MH_ANALYSIS_MR_H

#include <stdbool.h>
#include <stdint.h>

#include "myohep/myohep.h"

/* Defaults of `myohep mr` (and of MendelianRandomization: 10000 iterations). */
#define MH_MR_DEFAULT_BOOTSTRAP 10000L
#define MH_MR_DEFAULT_SEED 314159265u

/* The methods, in the order they are reported: id, name in JSON, label for
 * people, the fewest variants it needs. X-macro: one line per method. */
#define MH_MR_METHODS(X)                                                                           \
    X(IVW_FIXED, "ivw_fixed", "IVW, fixed effects", 1)                                             \
    X(IVW_RANDOM, "ivw_random", "IVW, multiplicative random effects", 2)                           \
    X(EGGER, "egger", "MR-Egger slope", 3)                                                         \
    X(EGGER_INTERCEPT, "egger_intercept", "MR-Egger intercept", 3)                                 \
    X(MEDIAN_SIMPLE, "median_simple", "simple median", 3)                                          \
    X(MEDIAN_WEIGHTED, "median_weighted", "weighted median", 3)                                    \
    X(MODE_WEIGHTED, "mode_weighted", "weighted mode (MBE)", 3)

typedef enum mh_mr_method {
#define MH_MR_ENUM(id, name, label, min_snps) MH_MR_##id,
    MH_MR_METHODS(MH_MR_ENUM)
#undef MH_MR_ENUM
        MH_MR_METHOD_COUNT
} mh_mr_method;

const char *mh_mr_method_name(mh_mr_method m);  /* "ivw_fixed" */
const char *mh_mr_method_label(mh_mr_method m); /* "IVW, fixed effects" */
int mh_mr_method_min_snps(mh_mr_method m);

/* The variants, already harmonised: n of each array. */
typedef struct mh_mr_variants {
    int n;
    const double *bx, *bxse, *by, *byse;
} mh_mr_variants;

/* One estimate; all NAN when the method could not be computed. */
typedef struct mh_mr_estimate {
    double estimate, se, ci_low, ci_high, p;
} mh_mr_estimate;

/* A heterogeneity statistic against chi-square with df degrees of freedom. */
typedef struct mh_mr_q {
    double q;
    int df;
    double p;
} mh_mr_q;

typedef struct mh_mr_bootstrap {
    long replicates; /* >= 2 */
    uint64_t seed;
} mh_mr_bootstrap;

/* ---- the estimators ---------------------------------------------------------------- */

/* The estimate with its 95 % normal interval and two-sided p from estimate and SE. */
mh_mr_estimate mh_mr_normal_estimate(double estimate, double se);

/* Inverse-variance weighted estimate (n >= 1): fixed effects, multiplicative
 * random effects (SE x max(1, sqrt(Q/(n-1))); NAN for n = 1) and Cochran's Q
 * (df n-1; NAN for n = 1). */
void mh_mr_ivw(const mh_mr_variants *v, mh_mr_estimate *fixed, mh_mr_estimate *random, mh_mr_q *q);
/* MR-Egger (n >= 3): slope, intercept, Rucker's Q' (df n-2) and I2_GX. */
void mh_mr_egger(const mh_mr_variants *v, mh_mr_estimate *slope, mh_mr_estimate *intercept,
                 mh_mr_q *rucker, double *i2_gx);
/* Scratch for mh_mr_weighted_median: a value and where it came from. */
typedef struct mh_mr_ranked {
    double value;
    int index;
} mh_mr_ranked;

/* Weighted median of values with positive weights (Bowden 2016's interpolation);
 * n >= 2. `order` is scratch of n entries. */
double mh_mr_weighted_median(const double *values, const double *weights, int n,
                             mh_mr_ranked *order);
/* Simple (weighted = false) or weighted median estimate (n >= 3) with bootstrap
 * SE. MH_ERR_NOMEM is the only failure. */
mh_status mh_mr_median(const mh_mr_variants *v, bool weighted, const mh_mr_bootstrap *b,
                       mh_mr_estimate *out, mh_error *err);
/* Mode of the weighted kernel density of ratio estimates beta (standard errors
 * se), as MendelianRandomization's mbe_est computes it (R's density()), with
 * bandwidth phi x 0.9 min(sd, mad) / n^(1/5); n >= 2. NAN when the bandwidth
 * is zero (more than half of the ratio estimates equal). */
double mh_mr_mode_point(const double *beta, const double *se, int n, double phi,
                        double *scratch /* 2n doubles */);
/* Weighted mode-based estimate (n >= 3): weighted by inverse second-order
 * (delta) variances, phi = 1, bootstrap SE (median absolute deviation).
 * Not computable (all NAN, MH_OK) when the bandwidth is zero. */
mh_status mh_mr_mode(const mh_mr_variants *v, const mh_mr_bootstrap *b, mh_mr_estimate *out,
                     mh_error *err);

/* ---- diagnostics --------------------------------------------------------------- */

/* Steiger directionality test (Hemani 2017) from sample sizes; r2 of each
 * variant from its t statistic, r2 = F / (F + N - 2), F = (beta / se)^2. */
typedef struct mh_mr_steiger {
    bool computable;
    const char *why_not; /* when not computable */
    double r2_exposure, r2_outcome;
    double z, p;
    bool exposure_causes_outcome; /* r2_exposure > r2_outcome */
} mh_mr_steiger;

/* n_exposure, n_outcome: per variant, NAN where unknown (then not computable). */
mh_mr_steiger mh_mr_steiger_test(const mh_mr_variants *v, const double *n_exposure,
                                 const double *n_outcome);

/* ---- everything at once ------------------------------------------------------------ */

typedef struct mh_mr_report {
    int n;
    mh_mr_estimate methods[MH_MR_METHOD_COUNT];
    mh_mr_q cochran_q; /* IVW residual heterogeneity, df n-1 */
    mh_mr_q rucker_q;  /* MR-Egger residual heterogeneity, df n-2 */
    double i2_gx;      /* NAN below 3 variants */
    double mean_f;
    double *f;        /* per variant: (bx / bxse)^2 */
    double *ratio;    /* per variant: by / bx */
    double *ratio_se; /* per variant: byse / |bx| (first order) */
    /* Leave-one-out IVW (n >= 2): variant j left out, with the package's
     * default model (fixed effects below 4 remaining variants, else
     * multiplicative random effects). */
    mh_mr_estimate *leave_one_out;
    bool leave_one_out_random; /* which model it used */
} mh_mr_report;

/* All methods and diagnostics for n >= 1 variants; methods needing more
 * variants than there are are left NAN. Errors: MH_ERR_INVALID for n < 1, a
 * non-finite value, a standard error <= 0 or bx = 0; MH_ERR_NOMEM. On failure
 * `out` is left empty (safe to free). */
mh_status mh_mr_analyse(const mh_mr_variants *v, const mh_mr_bootstrap *b, mh_mr_report *out,
                        mh_error *err);
void mh_mr_report_free(mh_mr_report *r);
/* Why method m has no estimate in r ("needs at least 3 variants", ...), or NULL when it has one. */
const char *mh_mr_why_not(const mh_mr_report *r, mh_mr_method m);

#endif
