/*
 * test_population.c - virtual populations: the file's located errors, draws
 * fixed by (seed, subject id), covariates inside their bounds, genotype
 * frequencies, and results that do not depend on the thread count; a drawn
 * habitual liver fat (read, located errors, drawn last, held by the subject).
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

/* ---- a drawn habitual liver fat ------------------------------------------------ */

static const char *const HELD =
    "size: 4\n"
    "seed: 11\n"
    "genotypes: {pnpla3_risk_allele_frequency: 0.4}\n"
    "variability: {parameters: [liver_fat.f_ox]}\n"
    "subjects:\n"
    "  liver_fat_pct: {mean: 14.35, sd: 6.15, min: 5.56, max: 31.7}\n"
    "scenario: {duration: 2 days, diet: {pattern: western, meals: ['08:00', '13:00', '19:00']}}\n"
    "endpoints: [liver_fat_pct, liver_oxidation_trait]\n";

static void reads_a_drawn_liver_fat(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_population_spec *p = parse(HELD, &err);
    assert_non_null(p);
    assert_int_equal(p->draw_liver_fat, 1);
    assert_true(fabs(p->liver_fat_pct.mean - 14.35) < 1e-12);
    assert_true(fabs(p->liver_fat_pct.sd - 6.15) < 1e-12);
    assert_true(fabs(p->liver_fat_pct.min - 5.56) < 1e-12);
    assert_true(fabs(p->liver_fat_pct.max - 31.7) < 1e-12);
    mh_population_spec_free(p);
    /* without the key nothing is drawn */
    p = parse(ONE_DAY, &err);
    assert_non_null(p);
    assert_int_equal(p->draw_liver_fat, 0);
    mh_population_spec_free(p);
}

/* Each malformed liver fat fails at its line and column. */
static void malformed_liver_fat_gets_located_errors(void **state)
{
    (void)state;
    static const char *const diet =
        "scenario: {duration: 1 day, diet: {pattern: western, meals: ['08:00', '19:00']}}\n"
        "endpoints: [liver_fat_pct]\n";
    static const char *const fasting = "scenario: {duration: 1 day}\nendpoints: [liver_fat_pct]\n";
    static const char *const mice =
        "scenario: {species: mouse, duration: 1 day}\nendpoints: [liver_fat_pct]\n";
    static const struct {
        const char *subjects, *protocol, *where, *what;
    } cases[] = {
        {"subjects: {liver_fat_pct: {sd: 5}}\n", diet, "pop.yaml:2:28", "expected 'mean'"},
        {"subjects: {liver_fat_pct: {mean: 15}}\n", diet, "pop.yaml:2:28", "expected 'sd'"},
        {"subjects: {liver_fat_pct: {mean: 15, sd: 5, max: 75}}\n", diet, "pop.yaml:2:50",
         "0 to 60"},
        {"subjects: {liver_fat_pct: {mean: -2, sd: 5}}\n", diet, "pop.yaml:2:34", "0 to 60"},
        {"subjects: {liver_fat_pct: {mean: 15, sd: 5, min: 20}}\n", diet, "pop.yaml:2:28",
         "min <= mean <= max"},
        {"subjects: {liver_fat_pct: {mean: 15, sdev: 5}}\n", diet, "pop.yaml:2:38",
         "unknown key 'sdev'"},
        {"subjects: {liver_fat_pct: 15}\n", diet, "pop.yaml:2:27", "mapping"},
        {"subjects: {liver_fat_pct: {mean: 15, sd: 5}}\n", fasting, "pop.yaml:2:28", "daily meals"},
        {"subjects: {liver_fat_pct: {mean: 15, sd: 5}}\n", mice, "pop.yaml:2:12",
         "not drawn for mice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text, "size: 4\n%s%s", cases[i].subjects, cases[i].protocol);
        mh_error err = {0};
        mh_population_spec *p = parse(text, &err);
        if (p || !strstr(err.message, cases[i].where) || !strstr(err.message, cases[i].what))
            fail_msg("case %zu: got '%s'", i, err.message);
    }
}

/* The liver fat is drawn last from the subject's stream: within its bounds, near
 * its mean, and every other draw as without it. */
static void liver_fat_is_drawn_last(void **state)
{
    (void)state;
    mh_population_spec *held = parse(HELD, NULL), *plain = parse(HELD, NULL);
    assert_non_null(held);
    assert_non_null(plain);
    plain->draw_liver_fat = 0;
    enum { N = 2000 };
    double sum = 0;
    for (long id = 0; id < N; id++) {
        mh_population_subject a, b;
        mh_population_draw(held, id, &a);
        mh_population_draw(plain, id, &b);
        assert_true(a.liver_fat_pct >= 5.56 && a.liver_fat_pct <= 31.7);
        assert_true(isnan(b.liver_fat_pct));
        sum += a.liver_fat_pct;
        b.liver_fat_pct = a.liver_fat_pct;
        assert_memory_equal(&a, &b, sizeof a);
    }
    /* truncation at 5.56 (1.4 SD below) lifts the mean a little */
    assert_true(sum / N > 14.35 && sum / N < 15.5);
    mh_population_spec_free(held);
    mh_population_spec_free(plain);
}

/* The drawn value is where the subject starts and what his liver holds: his liver
 * oxidation trait is fitted to it (not the reference 1). */
static void drawn_liver_fat_reaches_the_subject(void **state)
{
    (void)state;
    mh_population_spec *p = parse(HELD, NULL);
    assert_non_null(p);
    mh_population_subject s;
    mh_population_draw(p, 2, &s);
    mh_error err = {0};
    if (mh_population_simulate(p, &s, NULL, 0, &err) != MH_OK)
        fail_msg("%s", err.message);
    assert_true(fabs(s.start[0] - s.liver_fat_pct) < 1e-9);
    assert_true(fabs(s.endpoints[0] - s.liver_fat_pct) < 0.05 * s.liver_fat_pct);
    assert_true(fabs(s.endpoints[1] - 1.0) > 1e-3);
    mh_population_spec_free(p);
}

static void held_liver_fat_does_not_depend_on_threads(void **state)
{
    (void)state;
    mh_population_spec *p = parse(HELD, NULL);
    assert_non_null(p);
    p->resolution = MH_RESOLUTION_DAY;
    mh_population_subject one[4], two[4], part[2];
    assert_int_equal(mh_population_run(p, 0, 4, 1, one, NULL, NULL, NULL), MH_OK);
    assert_int_equal(mh_population_run(p, 0, 4, 2, two, NULL, NULL, NULL), MH_OK);
    assert_int_equal(mh_population_run(p, 2, 2, 1, part, NULL, NULL, NULL), MH_OK);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(one[i].status, MH_OK);
        assert_true(fabs(one[i].start[0] - one[i].liver_fat_pct) < 1e-9);
        assert_memory_equal(&one[i], &two[i], sizeof one[i]);
    }
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
        cmocka_unit_test(reads_a_drawn_liver_fat),
        cmocka_unit_test(malformed_liver_fat_gets_located_errors),
        cmocka_unit_test(liver_fat_is_drawn_last),
        cmocka_unit_test(drawn_liver_fat_reaches_the_subject),
        cmocka_unit_test(held_liver_fat_does_not_depend_on_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
