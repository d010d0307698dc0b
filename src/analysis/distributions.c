/*
 * distributions.c - normal, chi-square and Student t probabilities (analysis layer).
 *
 * Normal tails from erfc, which keeps full relative precision far out in the
 * tail (2.6e-25 stays 2.6e-25 instead of rounding 1 - 1 to 0). The quantile
 * refines a rough start by Newton steps on that same tail function. The
 * chi-square tail is the regularized incomplete gamma function
 * Q(df/2, x/2), evaluated by its power series for x < a + 1 and by its
 * continued fraction otherwise (Abramowitz and Stegun 1964, 6.5.29 and
 * 6.5.31; the fraction in the modified Lentz form, Press et al. 2007, 6.2).
 * Student t comes from the regularized incomplete beta function,
 * P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2) (Abramowitz and Stegun 26.7.1 with
 * 26.5.27), whose continued fraction (A&S 26.5.8; Press et al. 2007, 6.4)
 * converges fast for x < (a+1)/(a+b+2), the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
 * covering the rest; its quantile is bisection-guarded Newton on that tail.
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

/* The continued fraction of I_x(a, b) / (x^a (1-x)^b / (a B(a, b))), modified Lentz. */
static double beta_fraction(double x, double a, double b)
{
    const double tiny = DBL_MIN / DBL_EPSILON;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < MAX_TERMS; m++) {
        double m2 = 2.0 * m;
        /* even step: d_2m = m (b - m) x / ((a + 2m - 1)(a + 2m)) */
        double an = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + an * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + an / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        h *= d * c;
        /* odd step: d_2m+1 = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) */
        an = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + an * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + an / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < DBL_EPSILON)
            break;
    }
    return h;
}

double mh_dist_beta_i(double x, double a, double b)
{
    if (isnan(x) || !(a > 0.0) || !(b > 0.0) || x < 0.0 || x > 1.0)
        return NAN;
    if (x == 0.0 || x == 1.0)
        return x;
    double log_front = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1.0) / (a + b + 2.0))
        return exp(log_front) * beta_fraction(x, a, b) / a;
    return 1.0 - exp(log_front) * beta_fraction(1.0 - x, b, a) / b;
}

double mh_dist_t_two_sided(double t, double df)
{
    if (isnan(t) || !(df > 0.0))
        return NAN;
    if (isinf(t))
        return 0.0;
    return mh_dist_beta_i(df / (df + t * t), 0.5 * df, 0.5);
}

double mh_dist_t_cdf(double t, double df)
{
    double tail = 0.5 * mh_dist_t_two_sided(t, df); /* P(T > |t|) */
    return t < 0.0 ? tail : 1.0 - tail;
}

/* Solve P(T > t) = tail for t >= 0 (tail <= 1/2) by Newton steps on the tail,
 * each kept inside a bracket that bisection shrinks when Newton would leave it:
 * the t density is log-concave only near 0, so plain Newton can overshoot in
 * the tails of small df. */
double mh_dist_t_quantile(double p, double df)
{
    if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
        return NAN;
    if (p == 0.5)
        return 0.0;
    double tail = fmin(p, 1.0 - p);
    double lo = 0.0, hi = 1.0;
    while (0.5 * mh_dist_t_two_sided(hi, df) > tail && hi < 1e300)
        hi *= 2.0;
    double z = -mh_dist_normal_quantile(tail); /* the normal quantile as a start */
    double t = z > lo && z < hi ? z : 0.5 * (lo + hi);
    double log_norm = lgamma(0.5 * (df + 1.0)) - lgamma(0.5 * df) - 0.5 * log(df * M_PI);
    for (int i = 0; i < 200; i++) {
        double f = 0.5 * mh_dist_t_two_sided(t, df) - tail; /* decreasing in t */
        if (f > 0.0)
            lo = t;
        else
            hi = t;
        double density = exp(log_norm - 0.5 * (df + 1.0) * log1p(t * t / df));
        double next = t + f / density;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - t) <= 4.0 * DBL_EPSILON * fmax(1.0, fabs(t)) || f == 0.0) {
            t = next;
            break;
        }
        t = next;
    }
    return p < 0.5 ? -t : t;
}
