/*
 * comparisons.c - group means, differences, Hedges' g and linear contrasts
 * with confidence intervals (analysis layer).
 *
 * Sums in two passes (mean first, then squared deviations) for accuracy when
 * values are large and close, as endpoints of similar subjects are.
 */
#include "analysis/comparisons.h"

#include <math.h>

#include "analysis/distributions.h"

static const mh_estimate NOTHING = {NAN, NAN, NAN, NAN, NAN, NAN, NAN};

/* Mean and sum of squared deviations of the finite values. */
static long moments(const double *x, long n, double *mean, double *ss)
{
    long m = 0;
    double sum = 0.0;
    for (long i = 0; i < n; i++)
        if (isfinite(x[i])) {
            sum += x[i];
            m++;
        }
    *mean = m ? sum / (double)m : NAN;
    *ss = 0.0;
    for (long i = 0; i < n; i++)
        if (isfinite(x[i]))
            *ss += (x[i] - *mean) * (x[i] - *mean);
    return m;
}

/* Interval, statistic and p-value of an estimate with se and df (INFINITY: normal). */
static void finish_t(mh_estimate *e, double level)
{
    double upper = 0.5 + 0.5 * level;
    double q = isinf(e->df) ? mh_dist_normal_quantile(upper) : mh_dist_t_quantile(upper, e->df);
    e->ci_low = e->estimate - q * e->se;
    e->ci_high = e->estimate + q * e->se;
    e->statistic = e->se > 0.0 ? e->estimate / e->se : NAN;
    e->p = isinf(e->df) ? mh_dist_normal_two_sided(e->statistic)
                        : mh_dist_t_two_sided(e->statistic, e->df);
}

void mh_compare_summary(const double *x, long n, double level, mh_group_summary *out)
{
    double mean, ss;
    out->n = moments(x, n, &mean, &ss);
    out->mean = mean;
    out->sd = out->ci_low = out->ci_high = NAN;
    if (out->n < 2)
        return;
    out->sd = sqrt(ss / (double)(out->n - 1));
    double half = mh_dist_t_quantile(0.5 + 0.5 * level, (double)(out->n - 1)) * out->sd /
                  sqrt((double)out->n);
    out->ci_low = mean - half;
    out->ci_high = mean + half;
}

void mh_compare_welch(const double *ref, long n_ref, const double *x, long n_x, double level,
                      mh_estimate *out)
{
    *out = NOTHING;
    double m0, ss0, m1, ss1;
    long k0 = moments(ref, n_ref, &m0, &ss0), k1 = moments(x, n_x, &m1, &ss1);
    if (k0 < 2 || k1 < 2)
        return;
    /* Welch 1947: se^2 = v0/n0 + v1/n1, df = se^4 / sum (v_j/n_j)^2 / (n_j - 1) */
    double a = ss0 / (double)(k0 - 1) / (double)k0, b = ss1 / (double)(k1 - 1) / (double)k1;
    out->estimate = m1 - m0;
    out->se = sqrt(a + b);
    out->df = (a + b) * (a + b) / (a * a / (double)(k0 - 1) + b * b / (double)(k1 - 1));
    if (!(out->se > 0.0))
        return;
    finish_t(out, level);
}

/* Hedges' exact small-sample correction J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))
 * (Hedges 1981), about 1 - 3 / (4 df - 1). */
static double hedges_j(double df)
{
    return exp(lgamma(0.5 * df) - lgamma(0.5 * (df - 1.0))) / sqrt(0.5 * df);
}

/* g = J d and its interval from the variance of d (Borenstein et al. 2009, eq. 4.20-4.24). */
static void finish_g(mh_estimate *out, double d, double var_d, double df, double level)
{
    double j = hedges_j(df);
    out->estimate = j * d;
    out->se = j * sqrt(var_d);
    out->df = INFINITY;
    finish_t(out, level);
    out->statistic = out->p = NAN; /* g is described, not tested: the difference carries the test */
}

void mh_compare_hedges_g(const double *ref, long n_ref, const double *x, long n_x, double level,
                         mh_estimate *out)
{
    *out = NOTHING;
    double m0, ss0, m1, ss1;
    long k0 = moments(ref, n_ref, &m0, &ss0), k1 = moments(x, n_x, &m1, &ss1);
    double df = (double)(k0 + k1 - 2);
    if (k0 < 2 || k1 < 2 || !(ss0 + ss1 > 0.0))
        return;
    double s_within = sqrt((ss0 + ss1) / df);
    double d = (m1 - m0) / s_within;
    /* V_d = (n0 + n1) / (n0 n1) + d^2 / (2 (n0 + n1)) */
    double n0 = (double)k0, n1 = (double)k1;
    finish_g(out, d, (n0 + n1) / (n0 * n1) + d * d / (2.0 * (n0 + n1)), df, level);
}

void mh_compare_hedges_g_paired(const double *ref, const double *x, long n, double level,
                                mh_estimate *out)
{
    *out = NOTHING;
    long m = 0;
    double s0 = 0, s1 = 0;
    for (long i = 0; i < n; i++)
        if (isfinite(ref[i]) && isfinite(x[i])) {
            s0 += ref[i];
            s1 += x[i];
            m++;
        }
    if (m < 3)
        return;
    double m0 = s0 / (double)m, m1 = s1 / (double)m, ss0 = 0, ss1 = 0, sp = 0;
    for (long i = 0; i < n; i++)
        if (isfinite(ref[i]) && isfinite(x[i])) {
            ss0 += (ref[i] - m0) * (ref[i] - m0);
            ss1 += (x[i] - m1) * (x[i] - m1);
            sp += (ref[i] - m0) * (x[i] - m1);
        }
    if (!(ss0 > 0.0 && ss1 > 0.0))
        return;
    /* Borenstein et al. 2009, eq. 4.12-4.14: d = difference / S_within with
     * S_within = S_diff / sqrt(2 (1 - r)), V_d = (1/n + d^2 / (2n)) 2 (1 - r) */
    double r = sp / sqrt(ss0 * ss1);
    double s_diff = sqrt((ss0 + ss1 - 2.0 * sp) / (double)(m - 1));
    if (!(r < 1.0) || !(s_diff > 0.0))
        return;
    double d = (m1 - m0) / (s_diff / sqrt(2.0 * (1.0 - r)));
    double nn = (double)m;
    finish_g(out, d, (1.0 / nn + d * d / (2.0 * nn)) * 2.0 * (1.0 - r), nn - 1.0, level);
}

void mh_compare_contrast(const double *const *groups, const long *n, int k, const double *coef,
                         double level, mh_estimate *out)
{
    *out = NOTHING;
    double estimate = 0.0, ss = 0.0, weight = 0.0;
    long total = 0;
    for (int j = 0; j < k; j++) {
        double mean, ss_j;
        long m = moments(groups[j], n[j], &mean, &ss_j);
        total += m;
        ss += ss_j;
        if (coef[j] == 0.0)
            continue;
        if (m == 0)
            return; /* a group the contrast needs has no value */
        estimate += coef[j] * mean;
        weight += coef[j] * coef[j] / (double)m;
    }
    double df = (double)(total - k);
    if (!(df > 0.0))
        return;
    out->estimate = estimate;
    out->se = sqrt(ss / df * weight);
    out->df = df;
    if (!(out->se > 0.0))
        return;
    finish_t(out, level);
}

void mh_compare_contrast_paired(const double *const *groups, long n, int k, const double *coef,
                                double level, mh_estimate *out)
{
    *out = NOTHING;
    long m = 0;
    double sum = 0.0;
    for (int pass = 0; pass < 2; pass++) {
        double mean = m ? sum / (double)m : 0.0, ss = 0.0;
        for (long i = 0; i < n; i++) {
            double value = 0.0;
            for (int j = 0; j < k; j++)
                if (coef[j] != 0.0)
                    value += coef[j] * groups[j][i];
            if (!isfinite(value))
                continue;
            if (pass == 0) {
                sum += value;
                m++;
            } else {
                ss += (value - mean) * (value - mean);
            }
        }
        if (pass == 1 && m >= 2) {
            out->estimate = mean;
            out->df = (double)(m - 1);
            out->se = sqrt(ss / out->df / (double)m);
            if (out->se > 0.0)
                finish_t(out, level);
        }
    }
}
