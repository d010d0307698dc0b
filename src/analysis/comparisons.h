/*
 * comparisons.h - group means, differences between groups, standardized
 * effect sizes and linear contrasts, each with a confidence interval
 * (analysis layer; depends only on distributions.h and the maths library).
 *
 * What an experiment reports about its arms. Groups are arrays of values; a
 * non-finite value (a subject that failed) is left out, so n counts only
 * what was measured. Every interval is two-sided at `level` (0.95 for 95 %).
 * Sources and formulas: docs/MODEL.md, "Experiments: the statistics".
 */
#ifndef MH_ANALYSIS_COMPARISONS_H
#define MH_ANALYSIS_COMPARISONS_H

typedef struct mh_group_summary {
    long n;
    double mean, sd;         /* sd with n - 1 (NAN for n < 2) */
    double ci_low, ci_high;  /* mean +- t(level, n - 1) sd / sqrt(n) (NAN for n < 2) */
} mh_group_summary;

/* An estimate with its standard error, degrees of freedom (INFINITY for a
 * normal approximation), interval, test statistic and two-sided p-value
 * (NAN where a quantity does not apply or cannot be computed). */
typedef struct mh_estimate {
    double estimate, se, df, ci_low, ci_high, statistic, p;
} mh_estimate;

void mh_compare_summary(const double *x, long n, double level, mh_group_summary *out);

/* mean(x) - mean(ref) of independent groups, Welch's t (unequal variances,
 * Welch-Satterthwaite degrees of freedom). */
void mh_compare_welch(const double *ref, long n_ref, const double *x, long n_x, double level,
                      mh_estimate *out);

/* Hedges' g of x against ref: (mean(x) - mean(ref)) / pooled SD, times the
 * exact small-sample correction J; interval g +- z se from the large-sample
 * variance of d (Hedges and Olkin 1985; Borenstein et al. 2009, ch. 4).
 * Paired: the same subjects in both groups (ref[i] and x[i]), d standardized
 * by the within-group SD and its variance from the correlation of the pairs. */
void mh_compare_hedges_g(const double *ref, long n_ref, const double *x, long n_x, double level,
                         mh_estimate *out);
void mh_compare_hedges_g_paired(const double *ref, const double *x, long n, double level,
                                mh_estimate *out);

/* The contrast sum_j coef[j] mean(group j) of k independent groups in the
 * cell-means linear model (one mean per group, one residual variance):
 * se = s_pooled sqrt(sum_j coef[j]^2 / n_j), t test on N - k degrees of
 * freedom. With groups the cells of a factorial design and coef the treatment
 * contrasts, this is the coefficient of the saturated model with every
 * interaction, lm(y ~ A * B) in R. */
void mh_compare_contrast(const double *const *groups, const long *n, int k, const double *coef,
                         double level, mh_estimate *out);

/* The same contrast when every group holds the same subjects (groups[j][i] is
 * subject i in group j): each subject's own contrast, then a one-sample t test
 * on n - 1 degrees of freedom; a subject missing from any group with a
 * non-zero coefficient is left out. The paired difference is coef {-1, 1}. */
void mh_compare_contrast_paired(const double *const *groups, long n, int k, const double *coef,
                                double level, mh_estimate *out);

#endif
