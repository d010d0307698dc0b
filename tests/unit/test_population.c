/*
 * test_population.c - virtual populations: the file's located errors, draws
 * fixed by (seed, subject id), covariates inside their bounds, genotype
 * frequencies, and results that do not depend on the thread count.
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

#include "population/population.h"

static const char *const ONE_DAY =
    "size: 4\n"
    "seed: 11\n"
    "genotypes: {pnpla3_risk_allele_frequency: 0.4}\n"
    "variability: {parameters: [liver_fat.f_ox]}\n"
    "scenario: {duration: 1 day, diet: {pattern: western, meals: ['08:00', '13:00', '19:00']}}\n"
    "endpoints: [liver_fat_pct, glucose_mmol_l]\n";

static mh_population_spec *parse(const char *text, mh_error *err)
{
    mh_population_spec *p = NULL;
    mh_population_spec_parse(text, strlen(text), "pop.yaml", &p, err);
    return p;
}

static void reads_a_population(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_population_spec *p = parse(ONE_DAY, &err);
    assert_non_null(p);
    assert_int_equal(p->size, 4);
    assert_int_equal(p->n_endpoints, 2);
    assert_int_equal(p->n_varied, 1);
    assert_true(fabs(p->duration_min - 1440.0) < 1e-9);
    assert_true(fabs(p->pnpla3_risk_allele_frequency - 0.4) < 1e-12);
    assert_int_equal(p->protocol_flow[0], '{');
    mh_population_spec_free(p);
}

/* Each malformed file fails with the error at its line and column. */
static void malformed_files_get_located_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *where, *what;
    } cases[] = {
        {"size: 4\nscenario: {duration: 1 day}\nendpoints: [liver_fat_pct]\nsexes: 2\n",
         "pop.yaml:4:1", "unknown key"},
        {"size: 4.5\nscenario: {duration: 1 day}\nendpoints: [liver_fat_pct]\n", "pop.yaml:1:7",
         "whole number"},
        {"size: 4\nscenario: {duration: 1 day}\nendpoints: [liver_fat_pc]\n", "pop.yaml:3:13",
         "unknown name"},
        {"size: 4\nscenario: {duration: 1 day, subject: {age_y: 40}}\nendpoints: [weight_kg]\n",
         "pop.yaml:2:39", "draws its subjects"},
        {"size: 4\nscenario: {duration: 2 fortnights}\nendpoints: [weight_kg]\n", "pop.yaml:2:22",
         "duration"},
        {"size: 4\nsubjects: {age_y: {mean: 50, min: 60}}\nscenario: {duration: 1 day}\n"
         "endpoints: [weight_kg]\n",
         "pop.yaml:2:20", "min <= mean <= max"},
        {"size: 4\nscenario: {duration: 1 day}\n", "pop.yaml:1:1", "needs 'endpoints'"},
        {"size: 4\nvariability: {parameters: [muscle.Vmx], correlations: [{between: "
         "[muscle.Vmx, liver.kp3], r: 0.3}]}\nscenario: {duration: 1 day}\nendpoints: [weight_kg]\n",
         "pop.yaml:2:79", "not among variability.parameters"},
        {"size: 4\nvariability: {parameters: [muscle.Vmx, liver.kp3], correlations: [{between: "
         "[muscle.Vmx, liver.kp3], r: 1.3}]}\nscenario: {duration: 1 day}\nendpoints: [weight_kg]\n",
         "pop.yaml:2:105", "out of range"},
        {"size: 4\nvariability: {parameters: [muscle.Vmx, liver.kp3], correlations: [{between: "
         "[muscle.Vmx]}]}\nscenario: {duration: 1 day}\nendpoints: [weight_kg]\n",
         "pop.yaml:2:68", "needs 'between"},
        {"size: 4\nvariability: {parameters: [muscle.Vmx, liver.kp3, liver.kp4], correlations: "
         "[{between: [muscle.Vmx, liver.kp4], r: -0.9}, {between: [liver.kp3, liver.kp4], r: 0.9}]}\n"
         "scenario: {duration: 1 day}\nendpoints: [weight_kg]\n",
         "pop.yaml:2:79", "not positive definite"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mh_error err = {0};
        mh_population_spec *p = parse(cases[i].text, &err);
        if (p || !strstr(err.message, cases[i].where) || !strstr(err.message, cases[i].what))
            fail_msg("case %zu: got '%s'", i, err.message);
    }
}

static void draws_depend_on_seed_and_id_only(void **state)
{
    (void)state;
    mh_population_spec *p = parse(ONE_DAY, NULL);
    assert_non_null(p);
    mh_population_subject a, b, c;
    mh_population_draw(p, 3, &a);
    mh_population_draw(p, 2, &c);
    mh_population_draw(p, 3, &b);
    assert_memory_equal(&a, &b, sizeof a);
    assert_true(a.age_y != c.age_y && a.varied[0] != c.varied[0]);
    p->seed = 12;
    mh_population_draw(p, 3, &b);
    assert_true(a.age_y != b.age_y);
    mh_population_spec_free(p);
}

/* 4000 draws: covariates within bounds, means and allele frequency near the spec. */
static void draws_follow_the_distributions(void **state)
{
    (void)state;
    mh_population_spec *p = parse(ONE_DAY, NULL);
    assert_non_null(p);
    enum { N = 4000 };
    double age = 0, alleles = 0, males = 0, f_ox = 0;
    for (long id = 0; id < N; id++) {
        mh_population_subject s;
        mh_population_draw(p, id, &s);
        assert_true(s.age_y >= p->age_y.min && s.age_y <= p->age_y.max);
        double bmi = s.weight_kg / pow(s.height_cm / 100.0, 2);
        assert_true(bmi >= p->bmi.min - 1e-9 && bmi <= p->bmi.max + 1e-9);
        age += s.age_y;
        alleles += s.pnpla3_risk_alleles;
        males += !s.female;
        f_ox += s.varied[0];
    }
    const mh_param_info *info = mh_param_at(p->varied[0]);
    assert_true(fabs(age / N - p->age_y.mean) < 1.0);
    assert_true(fabs(alleles / (2.0 * N) - 0.4) < 0.02);
    assert_true(fabs(males / N - 0.5) < 0.03);
    /* the mean is kept, less what the upper bound clips */
    assert_true(f_ox / N < info->default_value + 0.01 && f_ox / N > info->default_value - 0.05);
    mh_population_spec_free(p);
}

/* Pearson correlation of the logs of two varied parameters over 4000 draws. */
static double log_correlation(const mh_population_spec *p, int a, int b)
{
    enum { N = 4000 };
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (long id = 0; id < N; id++) {
        mh_population_subject s;
        mh_population_draw(p, id, &s);
        double x = log(s.varied[a]), y = log(s.varied[b]);
        sa += x, sb += y, saa += x * x, sbb += y * y, sab += x * y;
    }
    double cov = sab / N - sa / N * sb / N;
    return cov / sqrt((saa / N - sa / N * sa / N) * (sbb / N - sb / N * sb / N));
}

/* Muscle and hepatic insulin sensitivity are correlated by default (the built-in
 * r 0.68), a file can set that pair otherwise (r 0 turns it off), and a declared
 * correlation shows in the draws; parameters outside any correlation draw as if
 * none were declared. */
static void correlated_parameters_draw_together(void **state)
{
    (void)state;
    static const char *const head = "size: 4\nseed: 5\nscenario: {duration: 1 day}\n"
                                    "endpoints: [weight_kg]\nvariability: {cv_scale: 0.5, "
                                    "parameters: [liver_fat.f_ox, muscle.Vmx, liver.kp3, liver.kp4]";
    static const struct {
        const char *correlations;
        double vmx_kp3, kp3_kp4;
    } cases[] = {
        {"}", 0.68, 0.0},
        {", correlations: [{between: [liver.kp3, muscle.Vmx], r: 0}]}", 0.0, 0.0},
        {", correlations: [{between: [liver.kp3, liver.kp4], r: -0.5}]}", 0.68, -0.5},
    };
    double f_ox = -1.0; /* subject 7's, the same in every case */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s\n", head, cases[i].correlations);
        mh_error err = {0};
        mh_population_spec *p = parse(text, &err);
        if (!p)
            fail_msg("case %zu: %s", i, err.message);
        /* the bounds clip a few draws, which lowers the correlation a little */
        assert_true(fabs(log_correlation(p, 1, 2) - cases[i].vmx_kp3) < 0.05);
        assert_true(fabs(log_correlation(p, 2, 3) - cases[i].kp3_kp4) < 0.05);
        /* f_ox takes part in no correlation: its draw never changes */
        mh_population_subject drawn;
        mh_population_draw(p, 7, &drawn);
        assert_true(f_ox < 0.0 || drawn.varied[0] == f_ox);
        f_ox = drawn.varied[0];
        mh_population_spec_free(p);
    }
}

static void thread_count_does_not_change_results(void **state)
{
    (void)state;
    mh_population_spec *p = parse(ONE_DAY, NULL);
    assert_non_null(p);
    mh_population_subject one[4], two[4];
    assert_int_equal(mh_population_run(p, 0, 4, 1, one, NULL, NULL, NULL), MH_OK);
    assert_int_equal(mh_population_run(p, 0, 4, 2, two, NULL, NULL, NULL), MH_OK);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(one[i].status, MH_OK);
        assert_true(isfinite(one[i].endpoints[0]) && one[i].endpoints[0] > 0.0);
        assert_memory_equal(&one[i], &two[i], sizeof one[i]);
    }
    /* a part of the population (as an MPI rank runs it) gives the same subjects */
    mh_population_subject part[2];
    assert_int_equal(mh_population_run(p, 2, 2, 1, part, NULL, NULL, NULL), MH_OK);
    assert_memory_equal(&part[0], &one[2], sizeof part[0]);
    assert_memory_equal(&part[1], &one[3], sizeof part[1]);
    mh_population_spec_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_a_population),
        cmocka_unit_test(malformed_files_get_located_errors),
        cmocka_unit_test(draws_depend_on_seed_and_id_only),
        cmocka_unit_test(draws_follow_the_distributions),
        cmocka_unit_test(correlated_parameters_draw_together),
        cmocka_unit_test(thread_count_does_not_change_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
