/*
 * distributions.h - normal, chi-square and Student t probabilities (analysis layer).
 * Depends only on the C99 maths library (erfc, lgamma).
 *
 * Enough for the tests the Mendelian randomization module reports (two-sided
 * normal p-values and confidence limits, Cochran's Q against chi-square),
 * without a dependency on a numerics library. Accuracy: about 1e-14 relative
 * for the tails, far below what any reported p-value needs.
 */
#ifndef MH_ANALYSIS_DISTRIBUTIONS_H
#define MH_ANALYSIS_DISTRIBUTIONS_H

/* Standard normal upper tail: P(Z > z). */
double mh_dist_normal_upper(double z);
/* Two-sided normal p-value of a z statistic: P(|Z| > |z|); NAN for NAN. */
double mh_dist_normal_two_sided(double z);
/* Standard normal quantile: z with P(Z <= z) = p, for 0 < p < 1 (NAN otherwise). */
double mh_dist_normal_quantile(double p);
/* Chi-square upper tail: P(X > x) for df > 0 degrees of freedom; 1 for x <= 0. */
double mh_dist_chisq_upper(double x, double df);
/* Regularized upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a), a > 0. */
double mh_dist_gamma_q(double a, double x);

/* Regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double mh_dist_beta_i(double x, double a, double b);
/* Student t with df > 0 degrees of freedom (not necessarily whole: Welch's
 * test): P(T <= t), the two-sided p-value P(|T| > |t|), and the quantile t with
 * P(T <= t) = p for 0 < p < 1. NAN for arguments outside those ranges. */
double mh_dist_t_cdf(double t, double df);
double mh_dist_t_two_sided(double t, double df);
double mh_dist_t_quantile(double p, double df);

#endif
