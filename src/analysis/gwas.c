/*
 * gwas.c - per-variant association tests adjusted for covariates (analysis
 * layer); the method and its formulas are in gwas.h.
 */
#include "analysis/gwas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/distributions.h"
#include "core/error.h"

/* A column whose norm falls below this share of its own norm once the columns
 * before it are taken out lies (to rounding) in their span. */
#define MH_GWAS_COLLINEAR 1e-9

static double dot(const double *a, const double *b, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* v minus its projection on the k orthonormal columns of basis, twice: one
 * pass of modified Gram-Schmidt loses orthogonality when v is nearly in the
 * span ("twice is enough", Giraud et al. 2005 Numer Math 101:87). */
static void project_out(const double *basis, int k, long n, double *v)
{
    for (int pass = 0; pass < 2; pass++)
        for (int j = 0; j < k; j++) {
            const double *q = basis + (size_t)j * (size_t)n;
            double c = dot(q, v, n);
            for (long i = 0; i < n; i++)
                v[i] -= c * q[i];
        }
}

void mh_gwas_trait_free(mh_gwas_trait *t)
{
    if (!t)
        return;
    free(t->basis);
    free(t->residual);
    memset(t, 0, sizeof *t);
}

mh_status mh_gwas_trait_prepare(mh_gwas_trait *t, long n, const double *y,
                                const double *covariates, int n_covariates, mh_error *err)
{
    memset(t, 0, sizeof *t);
    if (n_covariates < 0 || n_covariates > MH_GWAS_MAX_COVARIATES)
        return mh_error_raise(err, MH_ERR_INVALID, "association test: %d covariates (at most %d)",
                              n_covariates, MH_GWAS_MAX_COVARIATES);
    if (n < n_covariates + 3L)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "association test: %ld subjects for %d covariates (at least %d)", n,
                              n_covariates, n_covariates + 3);
    for (long i = 0; i < n; i++) {
        bool finite = isfinite(y[i]);
        for (int k = 0; k < n_covariates && finite; k++)
            finite = isfinite(covariates[(size_t)k * (size_t)n + (size_t)i]);
        if (!finite)
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "association test: subject %ld has a value that is not finite", i);
    }
    t->n = n;
    t->basis = malloc(sizeof(double) * (size_t)n * (size_t)(n_covariates + 1));
    t->residual = malloc(sizeof(double) * (size_t)n);
    if (!t->basis || !t->residual) {
        mh_gwas_trait_free(t);
        return mh_error_raise(err, MH_ERR_NOMEM, "association test: out of memory for %ld subjects", n);
    }
    /* the intercept, then each covariate made orthogonal to the columns kept */
    for (long i = 0; i < n; i++)
        t->basis[i] = 1.0 / sqrt((double)n);
    t->n_basis = 1;
    for (int k = 0; k < n_covariates; k++) {
        double *q = t->basis + (size_t)t->n_basis * (size_t)n;
        memcpy(q, covariates + (size_t)k * (size_t)n, sizeof(double) * (size_t)n);
        double before = sqrt(dot(q, q, n));
        project_out(t->basis, t->n_basis, n, q);
        double after = sqrt(dot(q, q, n));
        if (!(after > MH_GWAS_COLLINEAR * before)) {
            t->dropped[k] = true;
            continue;
        }
        for (long i = 0; i < n; i++)
            q[i] /= after;
        t->n_basis++;
    }
    memcpy(t->residual, y, sizeof(double) * (size_t)n);
    project_out(t->basis, t->n_basis, n, t->residual);
    t->residual_ss = dot(t->residual, t->residual, n);
    return MH_OK;
}

mh_gwas_association mh_gwas_test(const mh_gwas_trait *t, const double *x)
{
    long n = t->n;
    mh_gwas_association a = {NAN, NAN, NAN, NAN, n};
    double sum = 0, xx = 0, xr = 0;
    for (long i = 0; i < n; i++) {
        sum += x[i];
        xx += x[i] * x[i];
        xr += x[i] * t->residual[i];
    }
    a.eaf = sum / (2.0 * (double)n);
    /* x'Mx = x'x - sum_k (q_k'x)^2 */
    double xmx = xx;
    for (int k = 0; k < t->n_basis; k++) {
        double c = dot(t->basis + (size_t)k * (size_t)n, x, n);
        xmx -= c * c;
    }
    if (!(xmx > MH_GWAS_COLLINEAR * xx))
        return a; /* x does not vary once the covariates are accounted for */
    long df = n - t->n_basis - 1;
    a.beta = xr / xmx;
    double rss = fmax(t->residual_ss - a.beta * a.beta * xmx, 0.0);
    a.se = sqrt(rss / (double)df / xmx);
    a.p = mh_dist_normal_two_sided(a.beta / a.se);
    return a;
}
