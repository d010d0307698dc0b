/*
 * test_mr.c - unit tests of the Mendelian randomization module: the
 * estimators against the R package MendelianRandomization 0.10.0 on its own
 * example data, allele harmonising against TwoSampleMR's rules, the reader of
 * summary statistics and its located errors, and the distribution functions.
 *
 * Reference numbers: tests/mr/reference.R prints every one of them (how the R
 * packages were built: tests/mr/README.md). The R expression behind each is
 * named beside it, with o = mr_input(bx = ldlc, bxse = ldlcse, by = chdlodds,
 * byse = chdloddsse) for the package's example data (data/mr/
 * ldlc_chd.csv), oh = the same for the variants TwoSampleMR's harmonise_22
 * keeps from data/mr/ldlc_chd_twosamplemr.csv, and o3 = the first three
 * variants of o.
 *
 * Tolerances. Deterministic quantities (point estimates, fixed SEs, Q) agree
 * with R to about 1e-15 here; they are tested to 1e-9 relative, and p-values
 * to 1e-6 (R computes some as 1 - pnorm, which loses digits). Bootstrap SEs
 * (medians, mode) come from a different random generator than R's, so they
 * can agree only to Monte Carlo precision: each tolerance is 4 standard
 * deviations of the difference between two independent bootstrap SEs, that
 * is 4 sqrt(2) times the relative SD of myohep's SE over 40 seeds (measured:
 * main data 0.97 %, 0.70 %, 1.17 % for simple median, weighted median,
 * mode; harmonised 0.80 %, 0.66 %, 1.53 %; three variants 0.71 %, 0.63 %,
 * 1.06 %); R's SEs lay within 1.5 SD of the mean over those seeds in all
 * nine cases.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/distributions.h"
#include "analysis/harmonise.h"
#include "analysis/mr.h"
#include "analysis/summary_stats.h"

#define REL 1e-9   /* deterministic numbers */
#define REL_P 1e-6 /* p-values */

static void assert_close(double got, double want, double rel, const char *what)
{
    double err = fabs(got - want), allowed = rel * fmax(fabs(want), 1e-300);
    if (!(err <= allowed)) {
        print_error("%s: got %.17g, R gives %.17g (relative error %.3g, allowed %.3g)\n", what, got,
                    want, err / fabs(want), rel);
        fail();
    }
}

/* ---- reference numbers --------------------------------------------------------- */

/* What MendelianRandomization reports for one data set; estimates are
 * {estimate, se, ci_low, ci_high, p}, Q statistics {Q, p}, bootstrap methods
 * {estimate, R's bootstrap SE}. */
typedef struct expected {
    const char *file;     /* under data/mr/ */
    int first_n;          /* use only the first n variants; 0 for all */
    double ivw_fixed[5];  /* mr_ivw(o, model = "fixed"): $Estimate $StdError $CILower $CIUpper
                             $Pvalue */
    double ivw_random[5]; /* mr_ivw(o, model = "random"): the same */
    double
        egger[5]; /* mr_egger(o): $Estimate $StdError.Est $CILower.Est $CIUpper.Est $Pvalue.Est */
    double egger_intercept[5]; /* mr_egger(o): $Intercept $StdError.Int $CILower.Int $CIUpper.Int
                                  $Pvalue.Int */
    double cochran_q[2];       /* mr_ivw(o, model = "fixed")$Heter.Stat */
    double mean_f;             /* mr_ivw(o, model = "fixed")$Fstat */
    double rucker_q[2];        /* mr_egger(o)$Heter.Stat */
    double i2_gx;              /* mr_egger(o)$I.sq */
    double median_simple[2];   /* mr_median(o, weighting = "simple"): $Estimate $StdError */
    double median_weighted[2]; /* mr_median(o, weighting = "weighted"): the same */
    double mode_weighted[2];   /* mr_mbe(o, weighting = "weighted", stderror = "delta"): the same */
    double mc_tolerance[3];    /* relative, for the three bootstrap SEs (see the top) */
} expected;

static const expected MAIN = {
    .file = "ldlc_chd.csv",
    .ivw_fixed = {2.8342139388788894, 0.27594052505722921, 2.2933804478916482, 3.3750474298661306,
                  9.5109561694391115e-25},
    .ivw_random = {2.8342139388788894, 0.52979948855643033, 1.7958260222805458, 3.872601855477233,
                   8.8150134849004842e-08},
    .egger = {3.2528901319408088, 0.77012916139398235, 1.743464712164569, 4.7623155517170481,
              2.4019151524168336e-05},
    .egger_intercept = {-0.011460665651289569, 0.015188320519035473, -0.04122922685424979,
                        0.018307895551670651, 0.45050645128399158},
    .cochran_q = {99.530425548498755, 3.0736953905861285e-10},
    .mean_f = 28.009311022027855,
    .rucker_q = {97.397505075692621, 3.4636917992987657e-10},
    .i2_gx = 0.91936538831956993,
    .median_simple = {1.7551383399209488, 0.73997605120403775},
    .median_weighted = {2.6828834648981079, 0.41890646975030338},
    .mode_weighted = {2.9463005720951259, 1.0048348434761523},
    .mc_tolerance = {0.055, 0.040, 0.070},
};

/* oh: the TwoSampleMR-form file after harmonising (snp_25 and snp_bad dropped). */
static const expected HARMONISED = {
    .file = "ldlc_chd_twosamplemr.csv",
    .ivw_fixed = {2.7606094686532123, 0.28095787719955256, 2.209942148169262, 3.3112767891371626,
                  8.7260533955426894e-23},
    .ivw_random = {2.7606094686532123, 0.54432786658057397, 1.6937464543737639, 3.8274724829326607,
                   3.9449912399506396e-07},
    .egger = {3.2431666487432813, 0.77434775267643385, 1.725472941987942, 4.7608603554986209,
              2.8110627733779481e-05},
    .egger_intercept = {-0.013621655017854908, 0.015479879177099263, -0.043961660690000987,
                        0.01671835065429117, 0.37888166019050318},
    .cochran_q = {97.591514758693819, 3.2174904170879681e-10},
    .mean_f = 28.120766985806668,
    .rucker_q = {94.659613504487325, 4.8980392887163624e-10},
    .i2_gx = 0.92194927983973618,
    .median_simple = {1.673913043478261, 0.82747532046843197},
    .median_weighted = {2.6798315459703876, 0.41859897658303158},
    .mode_weighted = {2.6083746335579576, 0.99787408769147601},
    .mc_tolerance = {0.050, 0.040, 0.090},
};

/* o3: the first three variants, the fewest MR-Egger and the medians accept; Q
 * is below its df, so the random-effects SE equals the fixed one. */
static const expected THREE = {
    .file = "ldlc_chd.csv",
    .first_n = 3,
    .ivw_fixed = {3.1838436606978591, 0.47244721547313367, 2.2578641337742829, 4.1098231876214353,
                  1.59429594797871e-11},
    .ivw_random = {3.1838436606978591, 0.47244721547313367, 2.2578641337742829, 4.1098231876214353,
                   1.59429594797871e-11},
    .egger = {4.9472603166051377, 2.2526769660616064, 0.5320945943214328, 9.3624260388888416,
              0.028079817674241614},
    .egger_intercept = {-0.065717482668756377, 0.082083743916428059, -0.22659866446116411,
                        0.095163699123651357, 0.42335452165649556},
    .cochran_q = {1.0888507172849775, 0.58017508016326447},
    .mean_f = 84.5,
    .rucker_q = {0.44786622137054111, 0.50334999736115327},
    .i2_gx = 0.76046709167478821,
    .median_simple = {2.7736842105263158, 0.66928408558850416},
    .median_weighted = {3.1070509216716431, 0.5730242682616109},
    .mode_weighted = {2.7195997184110294, 0.7615132292503014},
    .mc_tolerance = {0.040, 0.040, 0.060},
};

/* Leave-one-out on o, as mr_loo computes it (mr_ivw's default model, here
 * multiplicative random effects):
 * sapply(1:28, function(j) mr_ivw(mr_input(ldlc[-j], ldlcse[-j], chdlodds[-j],
 *                                          chdloddsse[-j]))$Estimate)   (and $StdError) */
static const double LOO_ESTIMATE[28] = {
    2.8496840880038583, 2.6659633304678265, 2.8420340368419841, 2.8446760501699253,
    2.7373904631442048, 2.8126690287915865, 2.8444593732265075, 2.9012830389550781,
    2.9025980264414741, 2.8571425109699513, 2.8576110209040237, 2.8803243320221315,
    2.8476467299418098, 2.6234733200780505, 2.8406629366183687, 2.8439457857883417,
    2.8379434512103479, 2.8498373077460837, 2.886428766257453,  2.9132893125991735,
    2.8456623800183252, 2.8082730399299223, 2.9004820459787619, 2.8315405549612076,
    2.7606094686532123, 2.7835508784035548, 2.8613537728940042, 2.9159183954838506,
};
static const double LOO_SE[28] = {
    0.55759411407471127, 0.58474799498933672, 0.57369032374431361, 0.55924978975179018,
    0.54500530931162172, 0.54338944082203966, 0.54453409401006303, 0.5524180752885044,
    0.63713051034587997, 0.53186303644033028, 0.54154619139183979, 0.47122825622488729,
    0.53389376807073541, 0.49936377714835906, 0.53913945217164438, 0.53046194144577907,
    0.53897832657885092, 0.53290798804143358, 0.53182003203630168, 0.52150146265363206,
    0.54257070408771491, 0.52356799403982368, 0.53051621605613364, 0.51824146168076257,
    0.54432786658057397, 0.53065060165219613, 0.53971062384474988, 0.53631037628449596,
};

/* ---- helpers ------------------------------------------------------------------- */

static void read_data(const char *file, mh_summary_stats *data)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/data/mr/%s", MYOHEP_SOURCE_DIR, file);
    mh_error err = {0};
    mh_status st = mh_summary_stats_read(path, data, &err);
    if (st != MH_OK)
        print_error("%s\n", err.message);
    assert_int_equal(st, MH_OK);
}

static void assert_estimate(const mh_mr_estimate *got, const double want[5], const char *what)
{
    char name[128];
    const double values[5] = {got->estimate, got->se, got->ci_low, got->ci_high, got->p};
    static const char *const parts[5] = {"estimate", "se", "ci_low", "ci_high", "p"};
    for (int k = 0; k < 5; k++) {
        snprintf(name, sizeof name, "%s %s", what, parts[k]);
        assert_close(values[k], want[k], k == 4 ? REL_P : REL, name);
    }
}

/* A bootstrap method: the estimate tightly, the SE to Monte Carlo precision,
 * and the interval and p as the estimate and that SE imply. */
static void assert_bootstrapped(const mh_mr_estimate *got, const double want[2], double mc,
                                const char *what)
{
    char name[128];
    snprintf(name, sizeof name, "%s estimate", what);
    assert_close(got->estimate, want[0], REL, name);
    snprintf(name, sizeof name, "%s bootstrap se", what);
    assert_close(got->se, want[1], mc, name);
    mh_mr_estimate implied = mh_mr_normal_estimate(got->estimate, got->se);
    assert_close(got->ci_low, implied.ci_low, 1e-12, what);
    assert_close(got->ci_high, implied.ci_high, 1e-12, what);
    assert_close(got->p, implied.p, 1e-12, what);
}

static void check_against_r(const expected *e)
{
    mh_summary_stats data;
    read_data(e->file, &data);
    mh_mr_variants v = mh_summary_stats_variants(&data);
    if (e->first_n)
        v.n = e->first_n;
    mh_mr_bootstrap b = {MH_MR_DEFAULT_BOOTSTRAP, MH_MR_DEFAULT_SEED};
    mh_mr_report r;
    mh_error err = {0};
    assert_int_equal(mh_mr_analyse(&v, &b, &r, &err), MH_OK);
    assert_estimate(&r.methods[MH_MR_IVW_FIXED], e->ivw_fixed, "ivw_fixed");
    assert_estimate(&r.methods[MH_MR_IVW_RANDOM], e->ivw_random, "ivw_random");
    assert_estimate(&r.methods[MH_MR_EGGER], e->egger, "egger");
    assert_estimate(&r.methods[MH_MR_EGGER_INTERCEPT], e->egger_intercept, "egger_intercept");
    assert_close(r.cochran_q.q, e->cochran_q[0], REL, "Cochran's Q");
    assert_close(r.cochran_q.p, e->cochran_q[1], REL_P, "Cochran's Q p");
    assert_int_equal(r.cochran_q.df, v.n - 1);
    assert_close(r.mean_f, e->mean_f, REL, "mean F");
    assert_close(r.rucker_q.q, e->rucker_q[0], REL, "Rucker's Q'");
    assert_close(r.rucker_q.p, e->rucker_q[1], REL_P, "Rucker's Q' p");
    assert_int_equal(r.rucker_q.df, v.n - 2);
    assert_close(r.i2_gx, e->i2_gx, REL, "I2_GX");
    assert_bootstrapped(&r.methods[MH_MR_MEDIAN_SIMPLE], e->median_simple, e->mc_tolerance[0],
                        "median_simple");
    assert_bootstrapped(&r.methods[MH_MR_MEDIAN_WEIGHTED], e->median_weighted, e->mc_tolerance[1],
                        "median_weighted");
    assert_bootstrapped(&r.methods[MH_MR_MODE_WEIGHTED], e->mode_weighted, e->mc_tolerance[2],
                        "mode_weighted");
    mh_mr_report_free(&r);
    mh_summary_stats_free(&data);
}

/* ---- the estimators against R --------------------------------------------------- */

static void test_example_data(void **state)
{
    (void)state;
    check_against_r(&MAIN);
}

static void test_three_variants(void **state)
{
    (void)state;
    check_against_r(&THREE);
}

static void test_harmonised_file(void **state)
{
    (void)state;
    check_against_r(&HARMONISED);
}

static void test_leave_one_out(void **state)
{
    (void)state;
    mh_summary_stats data;
    read_data("ldlc_chd.csv", &data);
    mh_mr_variants v = mh_summary_stats_variants(&data);
    mh_mr_bootstrap b = {200, 1};
    mh_mr_report r;
    assert_int_equal(mh_mr_analyse(&v, &b, &r, NULL), MH_OK);
    assert_true(r.leave_one_out_random);
    for (int j = 0; j < 28; j++) {
        assert_close(r.leave_one_out[j].estimate, LOO_ESTIMATE[j], REL, data.snp[j]);
        assert_close(r.leave_one_out[j].se, LOO_SE[j], REL, data.snp[j]);
        /* per-variant numbers: F = (bx / bxse)^2, ratio by / bx */
        assert_close(r.f[j], pow(data.bx[j] / data.bxse[j], 2), 1e-14, "F");
        assert_close(r.ratio[j], data.by[j] / data.bx[j], 1e-14, "ratio");
    }
    mh_mr_report_free(&r);
    mh_summary_stats_free(&data);
}

/* Steiger from the harmonised file's sample sizes (100000 and 80000); the R
 * lines at the end of tests/mr/reference.R write out TwoSampleMR's formulas. */
static void test_steiger(void **state)
{
    (void)state;
    mh_summary_stats data;
    read_data("ldlc_chd_twosamplemr.csv", &data);
    assert_non_null(data.n_exposure);
    mh_mr_variants v = mh_summary_stats_variants(&data);
    mh_mr_steiger s = mh_mr_steiger_test(&v, data.n_exposure, data.n_outcome);
    assert_true(s.computable);
    assert_close(s.r2_exposure, 0.0075846826259478141, REL, "r2 exposure");
    assert_close(s.r2_outcome, 0.002426155889488156, REL, "r2 outcome");
    assert_close(s.z, 8.0142042806860321, REL, "Steiger z");
    assert_close(s.p, 1.1085233186527101e-15, REL_P, "Steiger p");
    assert_true(s.exposure_causes_outcome);
    mh_summary_stats_free(&data);

    read_data("ldlc_chd.csv", &data); /* no sample sizes */
    assert_null(data.n_exposure);
    v = mh_summary_stats_variants(&data);
    s = mh_mr_steiger_test(&v, data.n_exposure, data.n_outcome);
    assert_false(s.computable);
    assert_non_null(strstr(s.why_not, "sample sizes"));
    mh_summary_stats_free(&data);
}

/* What harmonising did to the TwoSampleMR-form file, against harmonise_22:
 * the kept outcome betas (h$beta.outcome[keep] in reference.R) equal the
 * package's chdlodds without variant 25. */
static void test_harmonising_the_file(void **state)
{
    (void)state;
    mh_summary_stats data;
    read_data("ldlc_chd_twosamplemr.csv", &data);
    static const double kept_beta_outcome[27] = {
        0.067699999999999996,
        -0.16250000000000001,
        -0.10539999999999999,
        -0.061899999999999997,
        -0.083400000000000002,
        -0.1278,
        -0.040800000000000003,
        0.076999999999999999,
        0.157,
        -0.030499999999999999,
        0.01,
        0.18229999999999999,
        -0.040800000000000003,
        0.19889999999999999,
        0.01,
        0.048800000000000003,
        0.01,
        -0.040800000000000003,
        -0.030499999999999999,
        -0.040800000000000003,
        -0.020199999999999999,
        -0.061899999999999997,
        0.029600000000000001,
        0.067699999999999996,
        -0.072599999999999998,
        0,
        0.019800000000000002,
    };
    assert_true(data.harmonised);
    assert_int_equal(data.n_read, 29);
    assert_int_equal(data.n, 27);
    for (int j = 0; j < 27; j++)
        assert_true(data.by[j] == kept_beta_outcome[j]);
    /* file order: snp_2 swapped ... snp_25 ambiguous, snp_bad incompatible */
    static const struct {
        const char *snp;
        mh_allele_action action;
    } notes[] = {
        {"snp_2", MH_ALLELES_SWAPPED},
        {"snp_3", MH_ALLELES_STRAND_FLIPPED},
        {"snp_5", MH_ALLELES_SWAPPED},
        {"snp_7", MH_ALLELES_STRAND_FLIPPED},
        {"snp_9", MH_ALLELES_SWAPPED},
        {"snp_11", MH_ALLELES_FLIPPED_SWAPPED},
        {"snp_14", MH_ALLELES_PALINDROMIC_SWAPPED},
        {"snp_16", MH_ALLELES_PALINDROMIC},
        {"snp_19", MH_ALLELES_PALINDROMIC},
        {"snp_20", MH_ALLELES_PALINDROMIC},
        {"snp_25", MH_ALLELES_AMBIGUOUS},
        {"snp_bad", MH_ALLELES_INCOMPATIBLE},
    };
    assert_int_equal(data.n_notes, (int)(sizeof notes / sizeof notes[0]));
    for (int k = 0; k < data.n_notes; k++) {
        assert_string_equal(data.notes[k].snp, notes[k].snp);
        assert_int_equal(data.notes[k].action, notes[k].action);
    }
    assert_int_equal(data.notes[11].line, 30); /* header on line 1, snp_bad the 29th row */
    mh_summary_stats_free(&data);
}

/* ---- small and broken inputs ------------------------------------------------------ */

static void test_few_variants(void **state)
{
    (void)state;
    double bx[2] = {0.0263, -0.0417}, bxse[2] = {0.0041, 0.0038};
    double by[2] = {0.0711, -0.1549}, byse[2] = {0.0287, 0.0301};
    mh_mr_bootstrap b = {200, 7};
    mh_mr_report r;
    for (int n = 1; n <= 2; n++) {
        mh_mr_variants v = {n, bx, bxse, by, byse};
        assert_int_equal(mh_mr_analyse(&v, &b, &r, NULL), MH_OK);
        for (int m = 0; m < MH_MR_METHOD_COUNT; m++)
            assert_true(isnan(r.methods[m].estimate) == (n < mh_mr_method_min_snps(m)));
        assert_true(isnan(r.i2_gx) && isnan(r.rucker_q.q));
        mh_mr_report_free(&r);
    }
    /* one variant: the IVW estimate is its ratio, SE byse / |bx| */
    mh_mr_variants one = {1, bx, bxse, by, byse};
    assert_int_equal(mh_mr_analyse(&one, &b, &r, NULL), MH_OK);
    assert_close(r.methods[MH_MR_IVW_FIXED].estimate, by[0] / bx[0], 1e-14, "one ratio");
    assert_close(r.methods[MH_MR_IVW_FIXED].se, byse[0] / bx[0], 1e-14, "one SE");
    mh_mr_report_free(&r);

    mh_error err = {0};
    mh_mr_variants none = {0, bx, bxse, by, byse};
    assert_int_equal(mh_mr_analyse(&none, &b, &r, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "no variants"));
    double zero_se[2] = {0.0041, 0.0};
    mh_mr_variants bad = {2, bx, zero_se, by, byse};
    assert_int_equal(mh_mr_analyse(&bad, &b, &r, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "variant 2"));
}

static void test_bootstrap_is_seeded(void **state)
{
    (void)state;
    mh_summary_stats data;
    read_data("ldlc_chd.csv", &data);
    mh_mr_variants v = mh_summary_stats_variants(&data);
    mh_mr_estimate a, b, c;
    mh_mr_bootstrap seed1 = {500, 1}, seed2 = {500, 2};
    assert_int_equal(mh_mr_median(&v, true, &seed1, &a, NULL), MH_OK);
    assert_int_equal(mh_mr_median(&v, true, &seed1, &b, NULL), MH_OK);
    assert_int_equal(mh_mr_median(&v, true, &seed2, &c, NULL), MH_OK);
    assert_true(a.se == b.se);
    assert_true(a.se != c.se);
    assert_true(a.estimate == c.estimate);
    mh_summary_stats_free(&data);
}

/* Known answers worked by hand: sorted values 1, 2, 4 with weights 1, 1, 2
 * (total 4): cumulative p = 0.125, 0.375, 0.75; 0.5 lies between 2 and 4,
 * a third of the way: 2 + 2 (0.5 - 0.375) / 0.375 = 2.6667. */
static void test_weighted_median(void **state)
{
    (void)state;
    double values[3] = {4.0, 1.0, 2.0}, weights[3] = {2.0, 1.0, 1.0};
    mh_mr_ranked order[3];
    assert_close(mh_mr_weighted_median(values, weights, 3, order), 2.0 + 2.0 / 3.0, 1e-15,
                 "hand-worked weighted median");
    double equal[4] = {1.0, 1.0, 1.0, 1.0}, four[4] = {3.0, 1.0, 7.0, 5.0};
    mh_mr_ranked order4[4];
    /* equal weights, even count: p = 1/8, 3/8, 5/8, 7/8: halfway between 3 and 5 */
    assert_close(mh_mr_weighted_median(four, equal, 4, order4), 4.0, 1e-15, "even median");
}

/* ---- harmonising one variant ----------------------------------------------------------- */

static mh_allele_action harmonise(const char *a1, const char *a2, double fa, const char *b1,
                                  const char *b2, double fb)
{
    mh_allele_pair p = {a1, a2, fa, b1, b2, fb};
    return mh_harmonise_alleles(&p);
}

static void test_harmonise_rules(void **state)
{
    (void)state;
    assert_int_equal(harmonise("A", "G", 0.3, "A", "G", 0.31), MH_ALLELES_ALIGNED);
    assert_int_equal(harmonise("A", "G", 0.3, "g", "a", 0.69), MH_ALLELES_SWAPPED);
    assert_int_equal(harmonise("A", "G", 0.3, "T", "C", NAN), MH_ALLELES_STRAND_FLIPPED);
    assert_int_equal(harmonise("A", "G", 0.3, "C", "T", NAN), MH_ALLELES_FLIPPED_SWAPPED);
    assert_int_equal(harmonise("A", "G", 0.3, "A", "C", 0.3), MH_ALLELES_INCOMPATIBLE);
    assert_int_equal(harmonise("A", "G", 0.3, "", "", 0.3), MH_ALLELES_INCOMPATIBLE);
    /* indels as sequences: matched as text, never flipped */
    assert_int_equal(harmonise("AT", "A", 0.2, "A", "AT", 0.8), MH_ALLELES_SWAPPED);
    assert_int_equal(harmonise("AT", "A", 0.2, "TA", "T", 0.2), MH_ALLELES_STRAND_FLIPPED);
    assert_int_equal(harmonise("I", "D", 0.2, "AT", "A", 0.2), MH_ALLELES_INCOMPATIBLE);
    /* palindromic: the frequencies decide */
    assert_int_equal(harmonise("A", "T", 0.2, "A", "T", 0.21), MH_ALLELES_PALINDROMIC);
    assert_int_equal(harmonise("A", "T", 0.2, "A", "T", 0.79), MH_ALLELES_PALINDROMIC_SWAPPED);
    assert_int_equal(harmonise("A", "T", 0.2, "T", "A", 0.79), MH_ALLELES_PALINDROMIC_SWAPPED);
    assert_int_equal(harmonise("A", "T", 0.2, "T", "A", 0.21), MH_ALLELES_PALINDROMIC);
    assert_int_equal(harmonise("C", "G", 0.2, "A", "T", 0.2), MH_ALLELES_INCOMPATIBLE);
    /* ambiguous: strictly between 0.42 and 0.58 (TwoSampleMR's bounds; in
     * doubles 0.5 -+ 0.08 are exactly 0.42 and 0.58), or unknown */
    assert_int_equal(harmonise("G", "C", 0.42, "G", "C", 0.3), MH_ALLELES_PALINDROMIC);
    assert_int_equal(harmonise("G", "C", 0.4201, "G", "C", 0.3), MH_ALLELES_AMBIGUOUS);
    assert_int_equal(harmonise("G", "C", 0.58, "G", "C", 0.7), MH_ALLELES_PALINDROMIC);
    assert_int_equal(harmonise("G", "C", 0.5799, "G", "C", 0.7), MH_ALLELES_AMBIGUOUS);
    assert_int_equal(harmonise("G", "C", 0.3, "G", "C", NAN), MH_ALLELES_AMBIGUOUS);
    assert_int_equal(harmonise("G", "C", NAN, "G", "C", 0.3), MH_ALLELES_AMBIGUOUS);
    /* a non-palindromic variant needs no frequencies */
    assert_int_equal(harmonise("A", "C", NAN, "C", "A", NAN), MH_ALLELES_SWAPPED);
    for (int a = 0; a < MH_ALLELE_ACTION_COUNT; a++) {
        assert_true(mh_allele_action_keeps(a) ==
                    (a != MH_ALLELES_AMBIGUOUS && a != MH_ALLELES_INCOMPATIBLE));
        assert_non_null(mh_allele_action_name(a));
    }
}

/* ---- the reader ---------------------------------------------------------------------- */

/* Parse text (copied: the parser writes into it); returns the status, the
 * message in err. */
static mh_status parse(const char *text, mh_summary_stats *out, mh_error *err)
{
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, text, n + 1);
    mh_status st = mh_summary_stats_parse(copy, n, "in.csv", out, err);
    free(copy);
    return st;
}

static void test_reader_forms(void **state)
{
    (void)state;
    mh_summary_stats s;
    mh_error err = {0};
    /* short form, TSV, comments, blank lines, CRLF, NA sample sizes, n for both */
    const char *tsv = "# exported 2024\r\n"
                      "bx\tbxse\tBY\tbyse\tn\r\n"
                      "\r\n"
                      "0.0263\t0.0041\t0.0711\t0.0287\t120000\r\n"
                      "-0.0417\t0.0038\t-0.1549\t0.0301\t120000\r\n";
    assert_int_equal(parse(tsv, &s, &err), MH_OK);
    assert_int_equal(s.n, 2);
    assert_false(s.harmonised);
    assert_string_equal(s.snp[1], "snp_2");
    assert_true(s.bx[1] == -0.0417 && s.byse[0] == 0.0287);
    assert_non_null(s.n_outcome);
    assert_true(s.n_outcome[1] == 120000.0);
    assert_int_equal(s.line[1], 5);
    mh_summary_stats_free(&s);
    /* quoted fields, an unnamed row-name column, columns not used */
    const char *quoted = "\"\",\"SNP\",\"effect_allele.exposure\",\"other_allele.exposure\","
                         "\"beta.exposure\",\"se.exposure\",\"effect_allele.outcome\","
                         "\"other_allele.outcome\",\"beta.outcome\",\"se.outcome\",\"id\"\n"
                         "\"1\",\"rs7\",\"A\",\"G\",0.0263,0.0041,\"G\",\"A\",-0.0711,0.0287,"
                         "\"say \"\"hi\"\"\"\n";
    assert_int_equal(parse(quoted, &s, &err), MH_OK);
    assert_true(s.harmonised);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.snp[0], "rs7");
    assert_true(s.by[0] == 0.0711); /* swapped */
    assert_null(s.n_exposure);
    mh_summary_stats_free(&s);
}

/* Each malformed input: the status and a fragment of the message, which
 * always starts "in.csv:LINE:COL:" (or "in.csv:" for whole-file problems). */
static void test_reader_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        mh_status status;
        const char *message;
    } cases[] = {
        {"", MH_ERR_PARSE, "in.csv:1:1: empty file"},
        {"# only a comment\n\n", MH_ERR_PARSE, "in.csv:1:1: empty file"},
        {"bx,bxse,by,byse\n", MH_ERR_PARSE, "in.csv:2:1: no variants"},
        {"bx,bxse,by\n0.1,0.01,0.2\n", MH_ERR_PARSE, "in.csv:1:1: missing required column(s) byse"},
        {"SNP,beta.exposure,se.exposure,beta.outcome,se.outcome\nrs1,0.1,0.01,0.2,0.02\n",
         MH_ERR_PARSE, "missing required column(s) effect_allele.exposure, other_allele"},
        {"bx,bxse,by,byse\n0.1,0.01,0.2,0.02\n0.1,0.01,abc,0.02\n", MH_ERR_PARSE,
         "in.csv:3:10: by: expected a number, found 'abc'"},
        {"bx,bxse,by,byse\n0.1,0.01,0.2,NA\n", MH_ERR_PARSE,
         "in.csv:2:14: byse: a value is required, found 'NA'"},
        {"bx,bxse,by,byse\n0.1,0,0.2,0.02\n", MH_ERR_INVALID,
         "in.csv:2:5: bxse: found '0'; a standard error must be above 0"},
        {"bx,bxse,by,byse\n0.1,0.01,0.2,-0.02\n", MH_ERR_INVALID,
         "in.csv:2:14: byse: found '-0.02'; a standard error must be above 0"},
        {"bx,bxse,by,byse\n0,0.01,0.2,0.02\n", MH_ERR_INVALID,
         "in.csv:2:1: bx: found '0'; a variant with no association"},
        {"bx,bxse,by,byse\n0.1,0.01,0.2,0.02,7\n", MH_ERR_PARSE,
         "in.csv:2:19: found 5 fields, expected 4 as in the header on line 1"},
        {"bx,bxse,by,byse\n0.1,0.01,0.2\n", MH_ERR_PARSE,
         "in.csv:2:13: found 3 fields, expected 4"},
        {"snp,bx,bxse,by,byse\nrs1,0.1,0.01,0.2,0.02\nrs2,0.1,0.01,0.2,0.02\n"
         "rs1,0.1,0.01,0.2,0.02\n",
         MH_ERR_INVALID, "in.csv:4:1: duplicate SNP 'rs1' (first on line 2)"},
        {"snp,bx,bxse,by,byse\n\"rs1,0.1,0.01,0.2,0.02\n", MH_ERR_PARSE,
         "in.csv:2:1: a quote opened here is not closed"},
        {"snp,bx,bxse,by,byse\n\"rs1\"x,0.1,0.01,0.2,0.02\n", MH_ERR_PARSE,
         "in.csv:2:6: unexpected text after a closing quote"},
        {"bx,bxse,by,byse,beta.exposure\n0.1,0.01,0.2,0.02,0.1\n", MH_ERR_PARSE,
         "in.csv:1:17: column 'beta.exposure' gives what column 'bx' already gives"},
        {"bx,bxse,by,byse,nx\n0.1,0.01,0.2,0.02,-5\n", MH_ERR_INVALID,
         "a sample size must be above 0"},
        {"bx,bxse,by,byse\n0x10,0.01,0.2,0.02\n", MH_ERR_PARSE, "expected a number"},
        {"bx,bxse,by,byse\ninf,0.01,0.2,0.02\n", MH_ERR_PARSE, "expected a number"},
        {"SNP,effect_allele.exposure,other_allele.exposure,eaf.exposure,beta.exposure,"
         "se.exposure,effect_allele.outcome,other_allele.outcome,beta.outcome,se.outcome\n"
         "rs1,A,G,1.2,0.1,0.01,A,G,0.2,0.02\n",
         MH_ERR_INVALID, "in.csv:2:9: eaf.exposure: found '1.2'; an allele frequency"},
        {"SNP,effect_allele.exposure,other_allele.exposure,beta.exposure,"
         "se.exposure,effect_allele.outcome,other_allele.outcome,beta.outcome,se.outcome\n"
         "rs1,A,G,0.1,0.01,A,C,0.2,0.02\nrs2,A,T,0.1,0.01,A,T,0.2,0.02\n",
         MH_ERR_INVALID, "in.csv: no variant left after harmonising the alleles (2 read"},
        {"snp,bx,bxse,by,byse\n,0.1,0.01,0.2,0.02\n", MH_ERR_PARSE,
         "in.csv:2:1: snp: the SNP id is empty"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mh_summary_stats s;
        mh_error err = {0};
        mh_status st = parse(cases[k].text, &s, &err);
        if (st != cases[k].status || !strstr(err.message, cases[k].message)) {
            print_error("case %zu: status %d, message '%s'; expected %d and '%s'\n", k, st,
                        err.message, cases[k].status, cases[k].message);
            fail();
        }
        assert_int_equal(s.n, 0); /* nothing returned on failure */
        mh_summary_stats_free(&s);
    }
    mh_summary_stats s;
    mh_error err = {0};
    assert_int_equal(mh_summary_stats_read("/nonexistent/mr.csv", &s, &err), MH_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/mr.csv"));
}

/* ---- distributions ------------------------------------------------------------------ */

/* R: qnorm(0.975), pnorm(-3) * 2, pchisq(x, df, lower.tail = FALSE) */
static void test_distributions(void **state)
{
    (void)state;
    assert_close(mh_dist_normal_quantile(0.975), 1.9599639845400536, 1e-15, "qnorm(0.975)");
    assert_close(mh_dist_normal_quantile(0.025), -1.9599639845400536, 1e-15, "qnorm(0.025)");
    assert_close(mh_dist_normal_quantile(1e-10), -6.3613409024040557, 1e-13, "qnorm(1e-10)");
    assert_close(mh_dist_normal_two_sided(3.0), 0.0026997960632601892, 1e-14, "2 pnorm(-3)");
    assert_close(mh_dist_normal_two_sided(-12.5), 7.4651285977554275e-36, 1e-12, "2 pnorm(-12.5)");
    assert_close(mh_dist_chisq_upper(99.530425548498755, 27), 3.0736953905861285e-10, 1e-12,
                 "pchisq(Q, 27)");
    assert_close(mh_dist_chisq_upper(1.0888507172849775, 2), 0.58017508016326447, 1e-14,
                 "pchisq(Q, 2)");
    assert_close(mh_dist_chisq_upper(0.44786622137054111, 1), 0.50334999736115327, 1e-14,
                 "pchisq(Q', 1)");
    assert_true(mh_dist_chisq_upper(0.0, 3) == 1.0);
    assert_true(isnan(mh_dist_chisq_upper(1.0, 0)));
    assert_true(isnan(mh_dist_normal_quantile(1.0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distributions),
        cmocka_unit_test(test_weighted_median),
        cmocka_unit_test(test_harmonise_rules),
        cmocka_unit_test(test_reader_forms),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_example_data),
        cmocka_unit_test(test_three_variants),
        cmocka_unit_test(test_harmonised_file),
        cmocka_unit_test(test_harmonising_the_file),
        cmocka_unit_test(test_leave_one_out),
        cmocka_unit_test(test_steiger),
        cmocka_unit_test(test_few_variants),
        cmocka_unit_test(test_bootstrap_is_seeded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
