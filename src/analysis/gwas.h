/*
 * gwas.h - per-variant association of a quantitative trait with allele counts,
 * adjusted for covariates: the regressions of a genome-wide association study
 * (analysis layer). Depends only on core.
 *
 * For each variant, ordinary least squares of the trait y on the allele count
 * g (0, 1, 2 copies of the effect allele) with an intercept and covariates Z:
 *   y = a + beta g + Z c + e,
 * reported as beta (trait units per effect allele), its standard error and a
 * two-sided p-value: the numbers R's lm(y ~ g + Z) prints for g, except that
 * the p-value is from the normal distribution rather than t with n - p - 1
 * degrees of freedom (they differ by less than 1e-3 relative beyond a few
 * hundred subjects, the only sizes a GWAS has).
 *
 * The work is arranged so that a study of n subjects and m variants costs
 * O(n (p + 1)^2) once per trait and O(n (p + 2)) per variant (Frisch-Waugh-
 * Lovell): the intercept and covariates are made orthonormal once (modified
 * Gram-Schmidt, twice for accuracy), the trait's residual r = M y on them is
 * kept, and for a variant
 *   beta = g'r / g'Mg,   g'Mg = g'g - sum_k (q_k'g)^2,
 *   SE^2 = (r'r - beta^2 g'Mg) / (n - p - 2) / g'Mg,
 * with p the covariates kept. A covariate that is constant, or a combination
 * of the ones before it, adds nothing to the fit and is dropped (reported).
 */
#ifndef MH_ANALYSIS_GWAS_H
#define MH_ANALYSIS_GWAS_H

#include <stdbool.h>

#include "myohep/myohep.h"

enum { MH_GWAS_MAX_COVARIATES = 16 };

/* One trait's design: the orthonormal basis of [1, Z] and the trait's residual. */
typedef struct mh_gwas_trait {
    long n;
    int n_basis;        /* columns kept: the intercept and the independent covariates */
    double *basis;      /* n_basis orthonormal columns of n values */
    double *residual;   /* M y: the trait with the intercept and covariates regressed out */
    double residual_ss; /* r'r */
    bool dropped[MH_GWAS_MAX_COVARIATES]; /* covariate k added nothing and was left out */
} mh_gwas_trait;

typedef struct mh_gwas_association {
    double beta, se, p; /* trait units per effect allele; NAN when g does not vary */
    double eaf;         /* effect allele frequency among the n subjects */
    long n;
} mh_gwas_association;

/* Prepare trait y (n values) with covariates (n_covariates columns of n values,
 * column k at covariates[k * n]); n must exceed n_covariates + 2. Errors:
 * MH_ERR_INVALID for too few subjects or a non-finite value, MH_ERR_NOMEM. On
 * failure `out` is left empty (safe to free). */
mh_status mh_gwas_trait_prepare(mh_gwas_trait *out, long n, const double *y,
                                const double *covariates, int n_covariates, mh_error *err);
void mh_gwas_trait_free(mh_gwas_trait *t);

/* The association of the trait with x (n values: allele counts, or any
 * variable; eaf is mean(x) / 2, meaningful for allele counts). */
mh_gwas_association mh_gwas_test(const mh_gwas_trait *t, const double *x);

#endif
