/*
 * mr.c - two-sample Mendelian randomization estimators (analysis layer).
 *
 * Notation: variant j has bx_j (SE sx_j) on the exposure and by_j (SE sy_j)
 * on the outcome; its ratio (Wald) estimate is r_j = by_j / bx_j. Sums run
 * over the n variants. z = 1.959964 (the 97.5 % normal quantile); every
 * interval is estimate +- z SE and every p = 2 (1 - Phi(|estimate / SE|)).
 * Definitions and defaults follow the R package MendelianRandomization
 * 0.10.0, checked against its source and its example data (tests/mr/).
 *
 * IVW (Burgess, Butterworth and Thompson 2013, Genet Epidemiol 37:658): the
 *   weighted regression of by on bx through the origin, weights sy^-2:
 *     theta = sum(bx by sy^-2) / sum(bx^2 sy^-2),  SE_fixed = sum(bx^2 sy^-2)^-1/2.
 *   Cochran's Q = sum((by - theta bx)^2 sy^-2), df n-1. Multiplicative random
 *   effects: SE_random = SE_fixed max(1, sqrt(Q / (n-1))).
 * MR-Egger (Bowden, Davey Smith and Burgess 2015, Int J Epidemiol 44:512):
 *   variants oriented so that bx > 0 (by -> sign(bx) by, bx -> |bx|), then the
 *   weighted regression by = b0 + b1 bx with weights sy^-2. With the residual
 *   standard error sigma = sqrt(Q' / (n-2)), SE = unscaled SE x max(1, sigma)
 *   (under-dispersion is not allowed to shrink the SE). Rucker's Q' (Rucker et
 *   al. 2011) = sum((by - b0 - b1 bx)^2 sy^-2), df n-2.
 * I2_GX (Bowden et al. 2016, Int J Epidemiol 45:1961), as the package computes
 *   it for the oriented variants: with g_j = |bx_j| / sy_j and w_j = (sx_j / sy_j)^-2,
 *   Q_GX = sum(w (g - gbar_w)^2), I2_GX = max(0, (Q_GX - (n-1)) / Q_GX).
 * Median (Bowden, Davey Smith, Haycock and Burgess 2016, Genet Epidemiol
 *   40:304): the weighted median of the r_j with weights 1 (simple) or
 *   (bx / sy)^2 (weighted: inverse first-order variances). Sorted values with
 *   normalised weights w, cumulative p_j = sum_{k<=j} w_k - w_j / 2; the
 *   median interpolates linearly between the two values whose p_j straddle
 *   0.5. SE: the standard deviation over bootstrap replicates drawing
 *   bx* ~ N(bx, sx), by* ~ N(by, sy), weights held fixed.
 * Weighted mode (Hartwig, Davey Smith and Bowden 2017, Int J Epidemiol
 *   46:1985), the package's mr_mbe defaults (weighting = "weighted",
 *   stderror = "delta", phi = 1): SE_j = sqrt(sy^2 / bx^2 + by^2 sx^2 / bx^4)
 *   (second order), weights SE_j^-2 normalised, bandwidth
 *   h = phi 0.9 min(sd(r), mad(r)) / n^(1/5) (modified Silverman rule); the
 *   estimate is the mode of the weighted Gaussian kernel density of the r_j as
 *   R's density() evaluates it (below), so the grid point R picks is the one
 *   picked here. SE: the median absolute deviation (x 1.4826) over bootstrap
 *   replicates r* ~ N(r, SE), weights held fixed.
 * Steiger directionality (Hemani, Tilling and Davey Smith 2017, PLoS Genet
 *   13:e1007081), as TwoSampleMR computes it: per variant r2 = F / (F + N - 2)
 *   with F = (beta / SE)^2 (a continuous-trait approximation), summed over
 *   variants for each trait; z = (atanh(R_x) - atanh(R_y)) /
 *   sqrt(1/(Nx - 3) + 1/(Ny - 3)) with the mean sample sizes.
 * F statistic of variant j: (bx_j / sx_j)^2.
 */
#include "analysis/mr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/distributions.h"
#include "core/error.h"
#include "core/random.h"

/* R's mad(): median absolute deviation scaled to the normal SD. */
#define MAD_CONSTANT 1.4826
/* R's density(): grid points, and how far the grid reaches past the data (in bandwidths). */
enum { DENSITY_POINTS = 512 };
#define DENSITY_CUT 3.0
#define DENSITY_EXTEND 4.0

static const struct {
    const char *name, *label;
    int min_snps;
} method_info[MH_MR_METHOD_COUNT] = {
#define MH_MR_INFO(id, name, label, min_snps) [MH_MR_##id] = {name, label, min_snps},
    MH_MR_METHODS(MH_MR_INFO)
#undef MH_MR_INFO
};

const char *mh_mr_method_name(mh_mr_method m)
{
    return method_info[m].name;
}
const char *mh_mr_method_label(mh_mr_method m)
{
    return method_info[m].label;
}
int mh_mr_method_min_snps(mh_mr_method m)
{
    return method_info[m].min_snps;
}

static const mh_mr_estimate NOT_COMPUTED = {NAN, NAN, NAN, NAN, NAN};

mh_mr_estimate mh_mr_normal_estimate(double estimate, double se)
{
    double z = mh_dist_normal_quantile(0.975);
    return (mh_mr_estimate){.estimate = estimate,
                            .se = se,
                            .ci_low = estimate - z * se,
                            .ci_high = estimate + z * se,
                            .p = mh_dist_normal_two_sided(estimate / se)};
}

static mh_mr_q q_test(double q, int df)
{
    return (mh_mr_q){.q = q, .df = df, .p = df > 0 ? mh_dist_chisq_upper(q, df) : NAN};
}

/* ---- small sample statistics ------------------------------------------------------ */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n values; sorts them in place. */
static double median_in_place(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, compare_doubles);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

static double mean_of(const double *x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    return sum / n;
}

/* Sample standard deviation (denominator n-1), two passes. */
static double sd_of(const double *x, int n)
{
    double mean = mean_of(x, n), ss = 0.0;
    for (int i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    return sqrt(ss / (n - 1));
}

/* Median absolute deviation from the median, x 1.4826; scratch holds n doubles. */
static double mad_of(const double *x, int n, double *scratch)
{
    memcpy(scratch, x, sizeof *x * (size_t)n);
    double centre = median_in_place(scratch, n);
    for (int i = 0; i < n; i++)
        scratch[i] = fabs(x[i] - centre);
    return MAD_CONSTANT * median_in_place(scratch, n);
}

/* ---- IVW and MR-Egger -------------------------------------------------------------- */

void mh_mr_ivw(const mh_mr_variants *v, mh_mr_estimate *fixed, mh_mr_estimate *random, mh_mr_q *q)
{
    double sxy = 0.0, sxx = 0.0;
    for (int j = 0; j < v->n; j++) {
        double w = 1.0 / (v->byse[j] * v->byse[j]);
        sxy += w * v->bx[j] * v->by[j];
        sxx += w * v->bx[j] * v->bx[j];
    }
    double theta = sxy / sxx, se = 1.0 / sqrt(sxx), qsum = 0.0;
    for (int j = 0; j < v->n; j++) {
        double r = (v->by[j] - theta * v->bx[j]) / v->byse[j];
        qsum += r * r;
    }
    *fixed = mh_mr_normal_estimate(theta, se);
    if (v->n < 2) {
        *random = NOT_COMPUTED;
        *q = (mh_mr_q){NAN, 0, NAN};
        return;
    }
    *random = mh_mr_normal_estimate(theta, se * fmax(1.0, sqrt(qsum / (v->n - 1))));
    *q = q_test(qsum, v->n - 1);
}

/* I2_GX of the oriented variants (|bx|), as MendelianRandomization computes it. */
static double i2_gx(const mh_mr_variants *v)
{
    double sw = 0.0, swg = 0.0;
    for (int j = 0; j < v->n; j++) {
        double w = pow(v->bxse[j] / v->byse[j], -2.0);
        sw += w;
        swg += w * fabs(v->bx[j]) / v->byse[j];
    }
    double gbar = swg / sw, q = 0.0;
    for (int j = 0; j < v->n; j++) {
        double d = fabs(v->bx[j]) / v->byse[j] - gbar;
        q += pow(v->bxse[j] / v->byse[j], -2.0) * d * d;
    }
    return fmax(0.0, (q - (v->n - 1)) / q);
}

/* Weighted least squares with an intercept, on centred sums for accuracy:
 * slope = Sxy / Sxx about the weighted means; unscaled variances 1 / Sxx and
 * 1 / sum(w) + xbar^2 / Sxx. */
void mh_mr_egger(const mh_mr_variants *v, mh_mr_estimate *slope, mh_mr_estimate *intercept,
                 mh_mr_q *rucker, double *i2)
{
    int n = v->n;
    if (n < 3) {
        *slope = *intercept = NOT_COMPUTED;
        *rucker = (mh_mr_q){NAN, 0, NAN};
        *i2 = NAN;
        return;
    }
    double sw = 0.0, swx = 0.0, swy = 0.0;
    for (int j = 0; j < n; j++) {
        double w = 1.0 / (v->byse[j] * v->byse[j]);
        sw += w;
        swx += w * fabs(v->bx[j]);
        swy += w * copysign(1.0, v->bx[j]) * v->by[j];
    }
    double xbar = swx / sw, ybar = swy / sw, sxx = 0.0, sxy = 0.0;
    for (int j = 0; j < n; j++) {
        double w = 1.0 / (v->byse[j] * v->byse[j]);
        double dx = fabs(v->bx[j]) - xbar, dy = copysign(1.0, v->bx[j]) * v->by[j] - ybar;
        sxx += w * dx * dx;
        sxy += w * dx * dy;
    }
    double b1 = sxy / sxx, b0 = ybar - b1 * xbar, q = 0.0;
    for (int j = 0; j < n; j++) {
        double r = (copysign(1.0, v->bx[j]) * v->by[j] - b0 - b1 * fabs(v->bx[j])) / v->byse[j];
        q += r * r;
    }
    double scale = fmax(1.0, sqrt(q / (n - 2)));
    *slope = mh_mr_normal_estimate(b1, sqrt(1.0 / sxx) * scale);
    *intercept = mh_mr_normal_estimate(b0, sqrt(1.0 / sw + xbar * xbar / sxx) * scale);
    *rucker = q_test(q, n - 2);
    *i2 = i2_gx(v);
}

/* ---- medians ------------------------------------------------------------------------ */

/* Ascending value, ties in the original order (R's order() is stable). */
static int compare_ranked(const void *a, const void *b)
{
    const mh_mr_ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

double mh_mr_weighted_median(const double *values, const double *weights, int n,
                             mh_mr_ranked *order)
{
    for (int i = 0; i < n; i++)
        order[i] = (mh_mr_ranked){values[i], i};
    qsort(order, (size_t)n, sizeof *order, compare_ranked);
    double total = 0.0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    /* p_k = (cumulative weight up to k - half of weight k) / total, ascending */
    double cumulative = 0.0, p_prev = 0.0;
    for (int k = 0; k < n; k++) {
        double w = weights[order[k].index];
        cumulative += w;
        double p = (cumulative - 0.5 * w) / total;
        if (p >= 0.5 && k == 0)
            return order[0].value;
        if (p >= 0.5) {
            double lo = order[k - 1].value, hi = order[k].value;
            return lo + (hi - lo) * (0.5 - p_prev) / (p - p_prev);
        }
        p_prev = p;
    }
    return order[n - 1].value; /* not reached with positive weights */
}

/* Scratch of the bootstrap estimators, allocated once per estimator: arrays
 * of n (variants) and of `replicates`. */
typedef struct work {
    double *ratio, *se, *weight, *draw, *scratch; /* n each; scratch 2n */
    double *estimates, *sorted;                   /* replicates each */
    mh_mr_ranked *order;                          /* n */
} work;

static void work_free(work *w)
{
    free(w->ratio);
    free(w->se);
    free(w->weight);
    free(w->draw);
    free(w->scratch);
    free(w->estimates);
    free(w->sorted);
    free(w->order);
}

static mh_status work_make(work *w, int n, long replicates, const char *what, mh_error *err)
{
    size_t d = sizeof(double), un = (size_t)n, ur = (size_t)replicates;
    *w = (work){.ratio = malloc(d * un),
                .se = malloc(d * un),
                .weight = malloc(d * un),
                .draw = malloc(d * un),
                .scratch = malloc(d * 2 * un),
                .estimates = malloc(d * ur),
                .sorted = malloc(d * ur),
                .order = malloc(sizeof(mh_mr_ranked) * un)};
    if (w->ratio && w->se && w->weight && w->draw && w->scratch && w->estimates && w->sorted &&
        w->order)
        return MH_OK;
    work_free(w);
    return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for the %s bootstrap", what);
}

mh_status mh_mr_median(const mh_mr_variants *v, bool weighted, const mh_mr_bootstrap *b,
                       mh_mr_estimate *out, mh_error *err)
{
    *out = NOT_COMPUTED;
    if (v->n < 3)
        return MH_OK;
    work w;
    mh_status st = work_make(&w, v->n, b->replicates, "median", err);
    if (st != MH_OK)
        return st;
    for (int j = 0; j < v->n; j++) {
        w.ratio[j] = v->by[j] / v->bx[j];
        w.weight[j] = weighted ? pow(v->bx[j] / v->byse[j], 2.0) : 1.0 / v->n;
    }
    double estimate = mh_mr_weighted_median(w.ratio, w.weight, v->n, w.order);
    for (long i = 0; i < b->replicates; i++) {
        mh_random r = mh_random_stream(b->seed, i);
        for (int j = 0; j < v->n; j++) {
            double bx = v->bx[j] + v->bxse[j] * mh_random_normal(&r);
            double by = v->by[j] + v->byse[j] * mh_random_normal(&r);
            w.ratio[j] = by / bx;
        }
        w.estimates[i] = mh_mr_weighted_median(w.ratio, w.weight, v->n, w.order);
    }
    *out = mh_mr_normal_estimate(estimate, sd_of(w.estimates, (int)b->replicates));
    work_free(&w);
    return MH_OK;
}

/* ---- the weighted mode -------------------------------------------------------------- */

/* Point i of R's seq.int(from, to, length.out = n): filled from both ends. */
static double seq_point(double from, double to, int n, int i)
{
    if (i == 0)
        return from;
    if (i == n - 1)
        return to;
    double by = (to - from) / (n - 1);
    return i < n / 2 ? from + i * by : to - (n - 1 - i) * by;
}

/* R's approx(): linear interpolation in (x, y), x ascending, v inside [x0, x_{n-1}]. */
static double interpolate(const double *x, const double *y, int n, double v)
{
    int i = 0, j = n - 1;
    while (i < j - 1) {
        int mid = (i + j) / 2;
        if (v < x[mid])
            j = mid;
        else
            i = mid;
    }
    if (v == x[j])
        return y[j];
    if (v == x[i])
        return y[i];
    return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}

/* The x of the highest point of a weighted Gaussian kernel density, computed
 * as R's density(x, weights, bw) does with its defaults (n = 512, cut = 3):
 * the weights are binned linearly onto 2 x 512 points, the first 512 of which
 * span [min - 7 bw, max + 7 bw] (the rest is zero padding), then convolved
 * circularly with a kernel sampled on its own, slightly different, grid
 * (2 x 512 points over twice the span); the result on the first 512 points is
 * interpolated onto 512 points over [min - 3 bw, max + 3 bw], and the
 * highest of those is the mode. R convolves by FFT; the sum is taken directly
 * here, over the few non-zero bins, which is the same sum. */
static double density_mode(const double *x, const double *weight, int n, double bw)
{
    enum { N = DENSITY_POINTS, N2 = 2 * DENSITY_POINTS };
    double bins[N2] = {0}, kernel[N2], smooth[N], grid[N];
    double lo_x = x[0], hi_x = x[0];
    for (int i = 1; i < n; i++) {
        lo_x = fmin(lo_x, x[i]);
        hi_x = fmax(hi_x, x[i]);
    }
    double from = lo_x - DENSITY_CUT * bw, to = hi_x + DENSITY_CUT * bw;
    double lo = from - DENSITY_EXTEND * bw, up = to + DENSITY_EXTEND * bw;
    double delta = (up - lo) / (N - 1);
    for (int i = 0; i < n; i++) {
        double pos = (x[i] - lo) / delta;
        int k = (int)floor(pos);
        double f = pos - k;
        if (k >= 0 && k <= N - 2) {
            bins[k] += weight[i] * (1.0 - f);
            bins[k + 1] += weight[i] * f;
        }
    }
    int nonzero[N2], n_nonzero = 0;
    for (int k = 0; k < N2; k++)
        if (bins[k] != 0.0)
            nonzero[n_nonzero++] = k;
    for (int m = 0; m <= N; m++) {
        double u = seq_point(0.0, 2.0 * (up - lo), N2, m) / bw;
        kernel[m] = exp(-0.5 * u * u) / (bw * sqrt(2.0 * M_PI));
    }
    for (int m = N + 1; m < N2; m++)
        kernel[m] = kernel[N2 - m];
    for (int k = 0; k < N; k++) {
        double sum = 0.0;
        for (int i = 0; i < n_nonzero; i++)
            sum += bins[nonzero[i]] * kernel[(nonzero[i] - k + N2) % N2];
        smooth[k] = fmax(0.0, sum);
        grid[k] = seq_point(lo, up, N, k);
    }
    double best_x = from, best_y = -1.0;
    for (int i = 0; i < N; i++) {
        double at = seq_point(from, to, N, i), y = interpolate(grid, smooth, N, at);
        if (y > best_y) {
            best_y = y;
            best_x = at;
        }
    }
    return best_x;
}

double mh_mr_mode_point(const double *beta, const double *se, int n, double phi, double *scratch)
{
    double *weight = scratch, *sorted = scratch + n, total = 0.0;
    for (int i = 0; i < n; i++) {
        weight[i] = 1.0 / (se[i] * se[i]);
        total += weight[i];
    }
    for (int i = 0; i < n; i++)
        weight[i] /= total;
    double bw = phi * 0.9 * fmin(sd_of(beta, n), mad_of(beta, n, sorted)) / pow(n, 0.2);
    if (!(bw > 0.0) || !isfinite(bw))
        return NAN;
    return density_mode(beta, weight, n, bw);
}

mh_status mh_mr_mode(const mh_mr_variants *v, const mh_mr_bootstrap *b, mh_mr_estimate *out,
                     mh_error *err)
{
    *out = NOT_COMPUTED;
    if (v->n < 3)
        return MH_OK;
    work w;
    mh_status st = work_make(&w, v->n, b->replicates, "mode", err);
    if (st != MH_OK)
        return st;
    for (int j = 0; j < v->n; j++) {
        double bx = v->bx[j], by = v->by[j];
        w.ratio[j] = by / bx;
        w.se[j] = sqrt(v->byse[j] * v->byse[j] / (bx * bx) +
                       by * by * v->bxse[j] * v->bxse[j] / (bx * bx * bx * bx));
    }
    double estimate = mh_mr_mode_point(w.ratio, w.se, v->n, 1.0, w.scratch);
    for (long i = 0; i < b->replicates && isfinite(estimate); i++) {
        mh_random r = mh_random_stream(b->seed, i);
        for (int j = 0; j < v->n; j++)
            w.draw[j] = w.ratio[j] + w.se[j] * mh_random_normal(&r);
        w.estimates[i] = mh_mr_mode_point(w.draw, w.se, v->n, 1.0, w.scratch);
    }
    if (isfinite(estimate))
        *out = mh_mr_normal_estimate(estimate, mad_of(w.estimates, (int)b->replicates, w.sorted));
    work_free(&w);
    return MH_OK;
}

/* ---- Steiger directionality -------------------------------------------------------- */

/* Variance explained by one variant from its t statistic: F / (F + N - 2). */
static double r2_of(double beta, double se, double n)
{
    double f = (beta / se) * (beta / se);
    return f / (f + n - 2.0);
}

mh_mr_steiger mh_mr_steiger_test(const mh_mr_variants *v, const double *n_exposure,
                                 const double *n_outcome)
{
    mh_mr_steiger t = {
        .computable = false, .r2_exposure = NAN, .r2_outcome = NAN, .z = NAN, .p = NAN};
    if (!n_exposure || !n_outcome) {
        t.why_not = "needs the sample sizes of the exposure and the outcome studies "
                    "(columns samplesize.exposure and samplesize.outcome, or nx and ny)";
        return t;
    }
    double sum_nx = 0.0, sum_ny = 0.0, r2x = 0.0, r2y = 0.0;
    for (int j = 0; j < v->n; j++) {
        if (!(n_exposure[j] > 3.0) || !(n_outcome[j] > 3.0)) {
            t.why_not = "needs a sample size above 3 for every variant in both studies";
            return t;
        }
        sum_nx += n_exposure[j];
        sum_ny += n_outcome[j];
        r2x += r2_of(v->bx[j], v->bxse[j], n_exposure[j]);
        r2y += r2_of(v->by[j], v->byse[j], n_outcome[j]);
    }
    t.r2_exposure = r2x;
    t.r2_outcome = r2y;
    if (!(r2x < 1.0) || !(r2y < 1.0)) {
        t.why_not = "the variants' r2 add up to 1 or more: the sample sizes look too small";
        return t;
    }
    double nx = sum_nx / v->n, ny = sum_ny / v->n;
    t.z = (atanh(sqrt(r2x)) - atanh(sqrt(r2y))) / sqrt(1.0 / (nx - 3.0) + 1.0 / (ny - 3.0));
    t.p = mh_dist_normal_two_sided(t.z);
    t.exposure_causes_outcome = r2x > r2y;
    t.computable = true;
    return t;
}

/* ---- everything at once ------------------------------------------------------------ */

static mh_status check_variants(const mh_mr_variants *v, mh_error *err)
{
    if (v->n < 1)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "no variants: Mendelian randomization "
                              "needs at least one");
    for (int j = 0; j < v->n; j++) {
        double values[4] = {v->bx[j], v->bxse[j], v->by[j], v->byse[j]};
        for (int k = 0; k < 4; k++)
            if (!isfinite(values[k]))
                return mh_error_raise(err, MH_ERR_INVALID, "variant %d: a value is not finite",
                                      j + 1);
        if (!(v->bxse[j] > 0.0) || !(v->byse[j] > 0.0))
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "variant %d: standard errors must be positive", j + 1);
        if (v->bx[j] == 0.0)
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "variant %d: no association with the exposure (bx = 0), so "
                                  "it cannot instrument it",
                                  j + 1);
    }
    return MH_OK;
}

/* IVW with variant `left_out` removed, with the package's default model. */
static mh_mr_estimate leave_out(const mh_mr_variants *v, int left_out, double *buffer)
{
    int m = v->n - 1;
    double *bx = buffer, *bxse = buffer + m, *by = buffer + 2 * m, *byse = buffer + 3 * m;
    for (int j = 0, k = 0; j < v->n; j++) {
        if (j == left_out)
            continue;
        bx[k] = v->bx[j];
        bxse[k] = v->bxse[j];
        by[k] = v->by[j];
        byse[k] = v->byse[j];
        k++;
    }
    mh_mr_variants rest = {m, bx, bxse, by, byse};
    mh_mr_estimate fixed, random;
    mh_mr_q q;
    mh_mr_ivw(&rest, &fixed, &random, &q);
    return m < 4 ? fixed : random;
}

static mh_status per_variant(const mh_mr_variants *v, mh_mr_report *out, mh_error *err)
{
    int n = v->n;
    out->f = malloc(sizeof(double) * (size_t)n);
    out->ratio = malloc(sizeof(double) * (size_t)n);
    out->ratio_se = malloc(sizeof(double) * (size_t)n);
    out->leave_one_out = malloc(sizeof *out->leave_one_out * (size_t)n);
    double *buffer = malloc(sizeof(double) * 4 * (size_t)n);
    if (!out->f || !out->ratio || !out->ratio_se || !out->leave_one_out || !buffer) {
        free(buffer);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for %d variants", n);
    }
    double sum_f = 0.0;
    for (int j = 0; j < n; j++) {
        out->f[j] = pow(v->bx[j] / v->bxse[j], 2.0);
        sum_f += out->f[j];
        out->ratio[j] = v->by[j] / v->bx[j];
        out->ratio_se[j] = v->byse[j] / fabs(v->bx[j]);
        out->leave_one_out[j] = n >= 2 ? leave_out(v, j, buffer) : NOT_COMPUTED;
    }
    out->mean_f = sum_f / n;
    out->leave_one_out_random = n - 1 >= 4;
    free(buffer);
    return MH_OK;
}

mh_status mh_mr_analyse(const mh_mr_variants *v, const mh_mr_bootstrap *b, mh_mr_report *out,
                        mh_error *err)
{
    memset(out, 0, sizeof *out);
    mh_status st = check_variants(v, err);
    if (st == MH_OK && b->replicates < 2)
        st = mh_error_raise(err, MH_ERR_INVALID, "bootstrap: %ld replicates; at least 2 needed",
                            b->replicates);
    if (st != MH_OK)
        return st;
    out->n = v->n;
    mh_mr_estimate *m = out->methods;
    mh_mr_ivw(v, &m[MH_MR_IVW_FIXED], &m[MH_MR_IVW_RANDOM], &out->cochran_q);
    mh_mr_egger(v, &m[MH_MR_EGGER], &m[MH_MR_EGGER_INTERCEPT], &out->rucker_q, &out->i2_gx);
    st = mh_mr_median(v, false, b, &m[MH_MR_MEDIAN_SIMPLE], err);
    if (st == MH_OK)
        st = mh_mr_median(v, true, b, &m[MH_MR_MEDIAN_WEIGHTED], err);
    if (st == MH_OK)
        st = mh_mr_mode(v, b, &m[MH_MR_MODE_WEIGHTED], err);
    if (st == MH_OK)
        st = per_variant(v, out, err);
    if (st != MH_OK)
        mh_mr_report_free(out);
    return st;
}

void mh_mr_report_free(mh_mr_report *r)
{
    if (!r)
        return;
    free(r->f);
    free(r->ratio);
    free(r->ratio_se);
    free(r->leave_one_out);
    memset(r, 0, sizeof *r);
}

const char *mh_mr_why_not(const mh_mr_report *r, mh_mr_method m)
{
    static const char *const too_few[] = {"", "needs at least 1 variant",
                                          "needs at least 2 variants", "needs at least 3 variants"};
    if (!isnan(r->methods[m].estimate))
        return NULL;
    if (r->n < mh_mr_method_min_snps(m))
        return too_few[mh_mr_method_min_snps(m)];
    return "the bandwidth is zero: more than half of the ratio estimates are equal";
}
