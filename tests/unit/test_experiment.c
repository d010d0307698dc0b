/*
 * test_experiment.c - in-silico experiments: the Student t distribution and
 * the comparisons against R, the factorial expansion and merging of an
 * experiment file, its located errors, and runs that do not depend on the
 * thread count.
 *
 * Reference figures come from R 4.x (stats package); the commands that
 * produced them are written beside each.
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

#include "analysis/comparisons.h"
#include "analysis/distributions.h"
#include "population/experiment.h"

static void assert_close(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fmax(fabs(want), 1e-300))) {
        print_error("got %.17g, want %.17g (relative tolerance %g)\n", got, want, rel);
        fail();
    }
}

/* ---- Student t ----------------------------------------------------------------------- */

static void t_quantiles_match_r(void **state)
{
    (void)state;
    /* R: qt(c(0.975,0.975,0.975,0.975,0.975,0.95,0.025,0.995), c(1,2,3,7,29.5,12,4,100)) */
    static const struct {
        double p, df, q;
    } cases[] = {
        {0.975, 1, 12.7062047361746941}, {0.975, 2, 4.3026527297494619},
        {0.975, 3, 3.1824463052837078},  {0.975, 7, 2.3646242515927844},
        {0.975, 29.5, 2.0437249667721229}, {0.95, 12, 1.7822875556493196},
        {0.025, 4, -2.7764451051977943}, {0.995, 100, 2.6258905214380182},
        /* R: qt(0.975, 1e6); qt(1e-10, 2.5) */
        {0.975, 1e6, 1.9599663568141066}, {1e-10, 2.5, -8765.4377713645972},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_close(mh_dist_t_quantile(cases[i].p, cases[i].df), cases[i].q, 1e-10);
    assert_true(isnan(mh_dist_t_quantile(1.0, 3)));
    assert_true(isnan(mh_dist_t_quantile(0.5, 0)));
}

static void t_probabilities_match_r(void **state)
{
    (void)state;
    /* R: pt(c(2.385,-2.385,0.5,10,-8.7,1.2), c(3,3,17.25,5,40,1)); pt(-40, 3) */
    static const struct {
        double t, df, p;
    } cdf[] = {
        {2.385, 3, 9.5141079754140456e-01},   {-2.385, 3, 4.8589202458595486e-02},
        {0.5, 17.25, 6.8830338761916421e-01}, {10, 5, 9.9991452621212851e-01},
        {-8.7, 40, 4.5631794623564434e-11},   {1.2, 1, 7.7885793837630457e-01},
        {-40, 3, 1.719034039457927e-05},
    };
    for (size_t i = 0; i < sizeof cdf / sizeof cdf[0]; i++)
        assert_close(mh_dist_t_cdf(cdf[i].t, cdf[i].df), cdf[i].p, 1e-11);
    /* R: 2*pt(-abs(c(2.385,0.5,6.1)), c(3,17.25,22)) */
    assert_close(mh_dist_t_two_sided(2.385, 3), 9.7178404917190972e-02, 1e-11);
    assert_close(mh_dist_t_two_sided(-0.5, 17.25), 6.2339322476167169e-01, 1e-11);
    assert_close(mh_dist_t_two_sided(6.1, 22), 3.8619984703808211e-06, 1e-10);
}

/* ---- comparisons ------------------------------------------------------------------- */

/* A 2 x 2 design of unequal groups (high-entropy values). */
static const double Y00[] = {2.385, 3.118, 1.972, 2.704, 3.391};
static const double Y10[] = {4.127, 3.856, 5.013, 4.472};
static const double Y01[] = {2.911, 3.604, 2.258, 3.377, 2.840, 3.152};
static const double Y11[] = {6.214, 5.489, 7.031, 6.602, 5.877};

static void summary_and_welch_match_r(void **state)
{
    (void)state;
    mh_group_summary s;
    /* R: t.test(y00)$conf.int */
    mh_compare_summary(Y00, 5, 0.95, &s);
    assert_int_equal(s.n, 5);
    assert_close(s.ci_low, 2.0114853171738591, 1e-12);
    assert_close(s.ci_high, 3.4165146828261412, 1e-12);
    /* a failed subject (NAN) is left out */
    double with_gap[] = {2.385, NAN, 3.118, 1.972, 2.704, 3.391};
    mh_group_summary g;
    mh_compare_summary(with_gap, 6, 0.95, &g);
    assert_int_equal(g.n, 5);
    assert_close(g.mean, s.mean, 1e-15);
    /* R: t.test(y10, y00): t, df, p, conf.int */
    mh_estimate w;
    mh_compare_welch(Y00, 5, Y10, 4, 0.95, &w);
    assert_close(w.statistic, 4.6516773049427682, 1e-12);
    assert_close(w.df, 6.8833192208175653, 1e-12);
    assert_close(w.p, 0.0024430492197972044, 1e-9);
    assert_close(w.ci_low, 0.8098211949831441991, 1e-11);
    assert_close(w.ci_high, 2.4961788050168558506, 1e-11);
}

static void paired_difference_matches_r(void **state)
{
    (void)state;
    /* R: t.test(y01[1:5], y00, paired = TRUE) */
    const double *groups[2] = {Y00, Y01};
    static const double minus_plus[2] = {-1, 1};
    mh_estimate p;
    mh_compare_contrast_paired(groups, 5, 2, minus_plus, 0.95, &p);
    assert_close(p.statistic, 1.30451162254762232, 1e-12);
    assert_close(p.df, 4, 0);
    assert_close(p.p, 0.26205315549315361, 1e-10);
    assert_close(p.ci_low, -0.32044874253881017, 1e-11);
    assert_close(p.ci_high, 0.88844874253881012, 1e-11);
}

/* The saturated model's coefficients: R lm(y ~ A * B) with treatment contrasts. */
static void contrasts_match_the_linear_model_in_r(void **state)
{
    (void)state;
    const double *groups[4] = {Y00, Y10, Y01, Y11};
    const long n[4] = {5, 4, 6, 5};
    static const struct {
        double coef[4];
        double estimate, se, p, low, high;
    } terms[] = {
        /* A1 */
        {{-1, 1, 0, 0}, 1.65300000000000202, 0.35935185925496488, 2.9579511712876904e-04,
         0.89120808928039175, 2.41479191071961230},
        /* B1 */
        {{-1, 0, 1, 0}, 0.30966666666666809, 0.32437647837385214, 3.5395561228577055e-01,
         -0.37798074878078958, 0.99731408211412576},
        /* A1:B1 = AB - A - B + reference */
        {{1, -1, -1, 1}, 1.56593333333333140, 0.48410108290750825, 5.1850036921823181e-03,
         0.53968488231895706, 2.59218178434770596},
    };
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        mh_estimate e;
        mh_compare_contrast(groups, n, 4, terms[i].coef, 0.95, &e);
        assert_close(e.estimate, terms[i].estimate, 1e-12);
        assert_close(e.se, terms[i].se, 1e-12);
        assert_close(e.df, 16, 0);
        assert_close(e.p, terms[i].p, 1e-9);
        assert_close(e.ci_low, terms[i].low, 1e-11);
        assert_close(e.ci_high, terms[i].high, 1e-11);
    }
}

static void hedges_g_matches_its_formula_in_r(void **state)
{
    (void)state;
    /* R: sp <- sqrt((4*var(y00)+3*var(y10))/7); d <- (mean(y10)-mean(y00))/sp;
     *    J <- exp(lgamma(7/2)-lgamma(6/2))/sqrt(7/2);
     *    se <- J*sqrt(9/20 + d^2/18); J*d + c(0, -1, 1)*qnorm(0.975)*se */
    mh_estimate g;
    mh_compare_hedges_g(Y00, 5, Y10, 4, 0.95, &g);
    assert_close(g.estimate, 2.7280501359729357, 1e-12);
    assert_close(g.ci_low, 1.0099030306971613, 1e-11);
    assert_close(g.ci_high, 4.4461972412487096, 1e-11);
    /* paired (Borenstein et al. 2009 eq. 4.12-4.14), R:
     *    r <- cor(y00, y01[1:5]); d <- mean(y01[1:5]-y00)/(sd(y01[1:5]-y00)/sqrt(2*(1-r)));
     *    J <- exp(lgamma(4/2)-lgamma(3/2))/sqrt(4/2); se <- J*sqrt((1/5+d^2/10)*2*(1-r)) */
    mh_compare_hedges_g_paired(Y00, Y01, 5, 0.95, &g);
    assert_close(g.estimate, 0.41519056648362623, 1e-12);
    assert_close(g.ci_low, -0.24950080870193775, 1e-11);
    assert_close(g.ci_high, 1.07988194166919027, 1e-11);
}

/* ---- experiment files -------------------------------------------------------------- */

static const char *const TWO_BY_THREE =
    "name: small\n"
    "seed: 17\n"
    "population: {subjects: {age_y: {mean: 50, sd: 5, min: 40, max: 60}}}\n"
    "protocol:\n"
    "  diet: {pattern: western, meals: ['08:00', '13:00', '19:00']}\n"
    "  interventions: [{type: block, target: il6, efficacy: 0.1}]\n"
    "factors:\n"
    "  liver:\n"
    "    healthy: {}\n"
    "    fatty: {diet: {fructose_g_per_day: 90}, population: {genotypes: {pnpla3_risk_allele_frequency: 1}}}\n"
    "  blockade:\n"
    "    none: {}\n"
    "    ccl2: {interventions: [{type: block, target: ccl2, efficacy: 0.8}]}\n"
    "    adm: {interventions: [{type: block, target: adm, efficacy: 0.7}]}\n"
    "group_size: 3\n"
    "duration: 3 days\n"
    "every: 1 day\n"
    "endpoints: [liver_fat_pct, muscle_mass_kg]\n";

static mh_experiment_spec *parse(const char *text, mh_error *err)
{
    mh_experiment_spec *e = NULL;
    mh_experiment_spec_parse(text, strlen(text), "exp.yaml", &e, err);
    return e;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

static void expands_the_full_factorial(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_experiment_spec *e = parse(TWO_BY_THREE, &err);
    assert_non_null(e);
    assert_int_equal(e->n_factors, 2);
    int levels = e->factors[0].n_levels * e->factors[1].n_levels;
    assert_int_equal(e->n_arms, levels);
    /* every combination once, the reference arm at the reference levels */
    for (int a = 0; a < e->n_arms; a++) {
        assert_int_equal(mh_experiment_find_arm(e, e->arms[a].level), a);
        assert_int_equal(e->arms[a].population->size, 3);
    }
    assert_int_equal(e->arms[e->reference].level[0], 0);
    assert_int_equal(e->arms[e->reference].level[1], 0);
    assert_string_equal(e->arms[e->reference].name, "reference");
    int fatty_ccl2[2] = {1, 1};
    int a = mh_experiment_find_arm(e, fatty_ccl2);
    assert_string_equal(e->arms[a].name, "fatty+ccl2");
    /* lists joined: the protocol's block and the level's; mappings merged */
    const char *flow = e->arms[a].population->protocol_flow;
    assert_int_equal(count(flow, "type: block"), 2);
    assert_non_null(strstr(flow, "ccl2"));
    assert_non_null(strstr(flow, "fructose_g_per_day: 90"));
    assert_non_null(strstr(flow, "pattern: western"));
    /* the level's population changes that arm's draws only */
    assert_close(e->arms[a].population->pnpla3_risk_allele_frequency, 1, 0);
    assert_close(e->arms[e->reference].population->pnpla3_risk_allele_frequency, 0, 0);
    assert_close(e->arms[a].population->age_y.mean, 50, 0);
    assert_null(strstr(e->arms[e->reference].population->protocol_flow, "ccl2"));
    /* independent arms draw their own subjects */
    assert_true(e->arms[a].population->seed != e->arms[e->reference].population->seed);
    mh_experiment_spec_free(e);
}

static void lists_arms_and_pairs_subjects(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text,
             "%sdesign: paired\narms: [{}, {liver: fatty, name: FL}, {liver: fatty, blockade: adm}]\n",
             TWO_BY_THREE);
    mh_error err = {0};
    mh_experiment_spec *e = parse(text, &err);
    assert_non_null(e);
    assert_int_equal(e->n_arms, 3);
    assert_int_equal(e->reference, 0);
    assert_string_equal(e->arms[1].name, "FL");
    assert_string_equal(e->arms[2].name, "fatty+adm");
    for (int a = 1; a < e->n_arms; a++)
        assert_true(e->arms[a].population->seed == e->arms[0].population->seed);
    mh_experiment_spec_free(e);
}

/* The file fails to read with an error naming `where` (file:line:col) and `what`. */
static void fails_at(const char *text, size_t case_number, const char *where, const char *what)
{
    mh_error err = {0};
    mh_experiment_spec *e = parse(text, &err);
    assert_null(e);
    if (!strstr(err.message, where) || !strstr(err.message, what)) {
        print_error("case %zu: %s\n", case_number, err.message);
        fail();
    }
}

/* Each malformed file fails with the error at its line and column. */
static void malformed_files_get_located_errors(void **state)
{
    (void)state;
    static const struct {
        const char *extra, *where, *what;
    } cases[] = {
        {"factor: {}\n", "exp.yaml:19:1", "unknown key"},
        {"arms: [{liver: fatty, blockade: ccl2}, {liver: fatty, blockade: ccl2}]\n",
         "exp.yaml:19:41", "same levels as arm 1"},
        {"arms: [{liver: steatotic}]\n", "exp.yaml:19:16", "liver"},
        {"arms: [{livr: fatty}, {}]\n", "exp.yaml:19:9", "did you mean 'liver'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[4096];
        snprintf(text, sizeof text, "%s%s", TWO_BY_THREE, cases[i].extra);
        fails_at(text, i, cases[i].where, cases[i].what);
    }
}

/* Errors inside an arm's merged scenario point into the level that caused them. */
static void merged_errors_point_at_the_level(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *where, *what;
    } cases[] = {
        /* a level setting what another level of the same arm sets */
        {"    adm: {interventions: [{type: block, target: adm, efficacy: 0.7}]}\n",
         "    adm: {diet: {fructose_g_per_day: 20}}\n", "exp.yaml:14:38", "set by two levels"},
        /* an unknown messenger inside a level */
        {"target: adm,", "target: adn,", "exp.yaml:14:49", "adn"},
        /* a key the experiment sets itself */
        {"    healthy: {}\n", "    healthy: {duration: 2 days}\n", "exp.yaml:9:25", "duration"},
        {"    none: {}\n", "    none: {subject: {age_y: 40}}\n", "exp.yaml:12:22", "draws"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[4096];
        const char *at = strstr(TWO_BY_THREE, cases[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - TWO_BY_THREE), TWO_BY_THREE,
                 cases[i].to, at + strlen(cases[i].from));
        fails_at(text, i, cases[i].where, cases[i].what);
    }
}

/* ---- runs -------------------------------------------------------------------------- */

static void results_do_not_depend_on_threads(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_experiment_spec *e = parse(TWO_BY_THREE, &err);
    assert_non_null(e);
    mh_experiment_set_resolution(e, MH_RESOLUTION_DAY);
    mh_experiment_run *one = NULL, *two = NULL;
    assert_int_equal(mh_experiment_run_arms(e, 1, NULL, NULL, &one, &err), MH_OK);
    assert_int_equal(mh_experiment_run_arms(e, 2, NULL, NULL, &two, &err), MH_OK);
    assert_int_equal(one->n_subjects, 3 * e->n_arms);
    assert_int_equal(one->n_times, 4); /* days 0 to 3 */
    size_t n_values = (size_t)one->n_subjects * one->n_times * (size_t)e->n_endpoints;
    assert_memory_equal(one->courses, two->courses, n_values * sizeof(double));
    for (long i = 0; i < one->n_subjects; i++) {
        assert_int_equal(one->subjects[i].status, MH_OK);
        assert_memory_equal(one->subjects[i].endpoints, two->subjects[i].endpoints,
                            sizeof one->subjects[i].endpoints);
        /* the time course ends where the endpoint is read, and starts at the start */
        for (int k = 0; k < e->n_endpoints; k++) {
            size_t last = ((size_t)i * one->n_times + one->n_times - 1) * (size_t)e->n_endpoints;
            size_t first = (size_t)i * one->n_times * (size_t)e->n_endpoints;
            assert_close(one->courses[last + (size_t)k], one->subjects[i].endpoints[k], 0);
            assert_close(one->courses[first + (size_t)k], one->subjects[i].start[k], 0);
        }
    }
    mh_experiment_run_free(one);
    mh_experiment_run_free(two);
    mh_experiment_spec_free(e);
}

/* The reported terms are the contrasts of the arms' means the docs promise. */
static void terms_are_contrasts_of_arm_means(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_experiment_spec *e = parse(TWO_BY_THREE, &err);
    assert_non_null(e);
    mh_experiment_set_resolution(e, MH_RESOLUTION_DAY);
    mh_experiment_run *run = NULL;
    mh_experiment_report *r = NULL;
    assert_int_equal(mh_experiment_run_arms(e, 0, NULL, NULL, &run, &err), MH_OK);
    assert_int_equal(mh_experiment_analyse(run, 0.95, &r, &err), MH_OK);
    /* 2 x 3 levels: 1 + 2 main effects, 2 interactions (cells - 1) */
    assert_int_equal(r->n_terms, e->n_arms - 1);
    int n_e = e->n_endpoints;
    for (int k = 0; k < n_e; k++) {
        int ref[2] = {0, 0}, f[2] = {1, 0}, b[2] = {0, 2}, fb[2] = {1, 2};
        double m_ref = r->summary[mh_experiment_find_arm(e, ref) * n_e + k].mean;
        double m_f = r->summary[mh_experiment_find_arm(e, f) * n_e + k].mean;
        double m_b = r->summary[mh_experiment_find_arm(e, b) * n_e + k].mean;
        double m_fb = r->summary[mh_experiment_find_arm(e, fb) * n_e + k].mean;
        const mh_experiment_term *main_f = NULL, *inter = NULL;
        for (int t = 0; t < r->n_terms; t++) {
            if (strcmp(r->terms[t].name, "liver=fatty") == 0)
                main_f = &r->terms[t];
            if (strcmp(r->terms[t].name, "liver=fatty x blockade=adm") == 0)
                inter = &r->terms[t];
        }
        assert_non_null(main_f);
        assert_non_null(inter);
        assert_int_equal(inter->order, 2);
        double scale = fabs(m_ref) + fabs(m_f) + fabs(m_b) + fabs(m_fb);
        assert_true(fabs(main_f->estimate[k].estimate - (m_f - m_ref)) <= 1e-12 * scale);
        assert_true(fabs(inter->estimate[k].estimate - (m_fb - m_f - m_b + m_ref)) <= 1e-12 * scale);
        /* and each arm's difference from the reference is the difference of the means */
        int a = mh_experiment_find_arm(e, fb);
        assert_true(fabs(r->difference[a * n_e + k].estimate - (m_fb - m_ref)) <= 1e-12 * scale);
        assert_true(isnan(r->difference[e->reference * n_e + k].estimate));
    }
    mh_experiment_report_free(r);
    mh_experiment_run_free(run);
    mh_experiment_spec_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_quantiles_match_r),
        cmocka_unit_test(t_probabilities_match_r),
        cmocka_unit_test(summary_and_welch_match_r),
        cmocka_unit_test(paired_difference_matches_r),
        cmocka_unit_test(contrasts_match_the_linear_model_in_r),
        cmocka_unit_test(hedges_g_matches_its_formula_in_r),
        cmocka_unit_test(expands_the_full_factorial),
        cmocka_unit_test(lists_arms_and_pairs_subjects),
        cmocka_unit_test(malformed_files_get_located_errors),
        cmocka_unit_test(merged_errors_point_at_the_level),
        cmocka_unit_test(results_do_not_depend_on_threads),
        cmocka_unit_test(terms_are_contrasts_of_arm_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
