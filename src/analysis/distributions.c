/*
 * distributions.c - normal and chi-square probabilities (analysis layer).
 *
 * Normal tails from erfc, which keeps full relative precision far out in the
 * tail (2.6e-25 stays 2.6e-25 instead of rounding 1 - 1 to 0). The quantile
 * refines a rough start by Newton steps on that same tail function. The
 * chi-square tail is the regularized incomplete gamma function
 * Q(df/2, x/2), evaluated by its power series for x < a + 1 and by its
 * continued fraction otherwise (Abramowitz and Stegun 1964, 6.5.29 and
 * 6.5.31; the fraction in the modified Lentz form, Press et al. 2007, 6.2).
 */
#include "analysis/distributions.h"

#include <float.h>
#include <math.h>

enum { MAX_TERMS = 1000 };

double mh_dist_normal_upper(double z)
{
    return 0.5 * erfc(z / M_SQRT2);
}

double mh_dist_normal_two_sided(double z)
{
    return erfc(fabs(z) / M_SQRT2);
}

/* Newton on the tail P(Z > z) = q, from Tukey's logistic-type start; each step
 * roughly doubles the correct digits, and six are far more than needed. */
double mh_dist_normal_quantile(double p)
{
    if (!(p > 0.0 && p < 1.0))
        return NAN;
    double q = 1.0 - p;       /* upper tail wanted */
    double tail = fmin(p, q); /* solve in the smaller tail, then mirror */
    double t = sqrt(-2.0 * log(tail));
    double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                       (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    for (int i = 0; i < 6; i++) {
        double density = exp(-0.5 * z * z) / sqrt(2.0 * M_PI);
        double step = (mh_dist_normal_upper(z) - tail) / density;
        z += step;
        if (fabs(step) <= 1e-16 * fmax(1.0, fabs(z)))
            break;
    }
    return p < 0.5 ? -z : z;
}

/* P(a, x) by its series: x^a e^-x / Gamma(a+1) * sum x^k / ((a+1)...(a+k)). */
static double gamma_p_series(double a, double x)
{
    double term = 1.0 / a, sum = term;
    for (int k = 1; k < MAX_TERMS; k++) {
        term *= x / (a + k);
        sum += term;
        if (fabs(term) < fabs(sum) * DBL_EPSILON)
            break;
    }
    return sum * exp(-x + a * log(x) - lgamma(a));
}

/* Q(a, x) by its continued fraction e^-x x^a / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- ...)). */
static double gamma_q_fraction(double a, double x)
{
    const double tiny = DBL_MIN / DBL_EPSILON;
    double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
    for (int i = 1; i < MAX_TERMS; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < DBL_EPSILON)
            break;
    }
    return exp(-x + a * log(x) - lgamma(a)) * h;
}

double mh_dist_gamma_q(double a, double x)
{
    if (isnan(a) || isnan(x) || a <= 0.0)
        return NAN;
    if (x <= 0.0)
        return 1.0;
    if (isinf(x))
        return 0.0;
    if (x < a + 1.0)
        return 1.0 - gamma_p_series(a, x);
    return gamma_q_fraction(a, x);
}

double mh_dist_chisq_upper(double x, double df)
{
    if (!(df > 0.0))
        return NAN;
    return mh_dist_gamma_q(0.5 * df, 0.5 * x);
}
