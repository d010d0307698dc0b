/*
 * test_insilico_mr.c - in-silico Mendelian randomization: the GWAS regression
 * against R's lm, genotypes fixed by (seed, subject id) and in Hardy-Weinberg
 * proportions, results that do not depend on the thread count, the file's
 * located errors, and the end-to-end claim: MR with valid strong instruments
 * recovers the true effect (measured by intervention) within its interval,
 * while instruments with a direct effect on the outcome bias it.
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

#include "analysis/gwas.h"
#include "population/insilico_mr.h"

/* ---- the GWAS regression ---------------------------------------------------------- */

/* Twelve subjects; the reference numbers are R 4.2's, from tests/mr/gwas_reference.R:
 *   summary(lm(y ~ g + age + sex))$coefficients["g", 1:2]
 *   summary(lm(y ~ g))$coefficients["g", 1:2]                                       */
enum { N12 = 12 };
static const double Y[N12] = {31.25,  28.731, 35.902, 30.118, 26.447, 33.81,
                              29.904, 32.563, 27.382, 34.476, 30.967, 29.115};
static const double G[N12] = {0, 1, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0};
/* covariates column after column: age, sex, and age again times 2.5 plus 7 (collinear) */
static const double Z[3 * N12] = {41.3,   55.8,  38.2,   62.7,   47.1,   50.4,   35.9,   58.6,   44.4,
                                  39.7,   66.1,  52.3,   0,      1,      0,      1,      1,      0,
                                  0,      1,     1,      0,      1,      0,      110.25, 146.5,  102.5,
                                  163.75, 124.75, 133,   96.75,  153.5,  118,    106.25, 172.25, 137.75};

static void assert_relative(double got, double want, double tolerance)
{
    if (!(fabs(got - want) <= tolerance * fabs(want)))
        fail_msg("got %.17g, expected %.17g (relative tolerance %g)", got, want, tolerance);
}

static void gwas_matches_r_lm(void **state)
{
    (void)state;
    mh_gwas_trait t;
    assert_int_equal(mh_gwas_trait_prepare(&t, N12, Y, Z, 2, NULL), MH_OK);
    mh_gwas_association a = mh_gwas_test(&t, G);
    assert_relative(a.beta, 2.5687160929618322, 1e-12);
    assert_relative(a.se, 0.63224536718284929, 1e-12);
    assert_relative(a.eaf, 11.0 / 24.0, 1e-15);
    assert_int_equal(a.n, N12);
    mh_gwas_trait_free(&t);

    assert_int_equal(mh_gwas_trait_prepare(&t, N12, Y, NULL, 0, NULL), MH_OK);
    a = mh_gwas_test(&t, G);
    assert_relative(a.beta, 3.0191927710843345, 1e-12);
    assert_relative(a.se, 0.63417982789998839, 1e-12);
    /* two-sided normal p of t = beta / se (lm's own p uses t with 10 df) */
    assert_relative(a.p, erfc(fabs(a.beta / a.se) / sqrt(2.0)), 1e-12);
    mh_gwas_trait_free(&t);
}

/* A covariate that is a combination of the others adds nothing: it is dropped
 * and the association is the one without it. */
static void gwas_drops_a_collinear_covariate(void **state)
{
    (void)state;
    double z[3 * N12];
    memcpy(z, Z, sizeof z);
    mh_gwas_trait t;
    assert_int_equal(mh_gwas_trait_prepare(&t, N12, Y, z, 3, NULL), MH_OK);
    assert_false(t.dropped[0]);
    assert_false(t.dropped[1]);
    assert_true(t.dropped[2]);
    mh_gwas_association a = mh_gwas_test(&t, G);
    assert_relative(a.beta, 2.5687160929618322, 1e-9);
    assert_relative(a.se, 0.63224536718284929, 1e-9);
    mh_gwas_trait_free(&t);
    /* an allele count that does not vary has no association */
    double constant[N12];
    for (int i = 0; i < N12; i++)
        constant[i] = 1;
    assert_int_equal(mh_gwas_trait_prepare(&t, N12, Y, Z, 2, NULL), MH_OK);
    assert_true(isnan(mh_gwas_test(&t, constant).beta));
    mh_gwas_trait_free(&t);
    /* too few subjects for the covariates, and a value that is not finite */
    mh_error err = {0};
    assert_int_equal(mh_gwas_trait_prepare(&t, 4, Y, Z, 2, &err), MH_ERR_INVALID);
    double y[N12];
    memcpy(y, Y, sizeof y);
    y[5] = NAN;
    assert_int_equal(mh_gwas_trait_prepare(&t, N12, y, Z, 2, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "subject 5"));
}

/* ---- files -------------------------------------------------------------------------- */

static mh_insilico_mr_spec *parse(const char *text, mh_error *err)
{
    mh_insilico_mr_spec *s = NULL;
    mh_insilico_mr_spec_parse(text, strlen(text), "mr.yaml", &s, err);
    return s;
}

#define COHORT(size, duration)                                                                     \
    "cohort:\n"                                                                                    \
    "  size: " #size "\n"                                                                          \
    "  seed: 77\n"                                                                                 \
    "  subjects: {age_y: {mean: 50, sd: 8, min: 35, max: 65}, bmi: {mean: 31, sd: 4, min: 24, "    \
    "max: 40}}\n"                                                                                  \
    "  scenario: {duration: " duration ", diet: {pattern: western, carbs_pct: 50, meals: "         \
    "['07:30', '12:30', '19:00']}}\n"                                                              \
    "  endpoints: [liver_fat_pct, muscle_mass_kg]\n"

static const char *const SMALL = COHORT(24, "4 weeks")
    "adjust_for: [age_y, sex]\n"
    "instruments:\n"
    "  - {snp: rs1, alleles: [G, A], frequency: 0.3, effects: {liver_fat.k_lip: -0.3}}\n"
    "  - {snp: rs2, frequency: 0.1, effects: {body.f_syn: 0.03, liver_fat.V_dnl: 0.2}}\n"
    "truth: {subjects: 4, interventions: {lipolysis: {liver_fat.k_lip: -0.3}}}\n"
    "analyses:\n"
    "  - {exposure: liver_fat_pct, outcome: muscle_mass_kg, instruments: [rs1, rs2], "
    "truth: lipolysis}\n"
    "  - {exposure: muscle_mass_kg, outcome: liver_fat_pct, samples: one}\n";

static void reads_a_file(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_insilico_mr_spec *s = parse(SMALL, &err);
    if (!s)
        fail_msg("%s", err.message);
    assert_int_equal(s->cohort->size, 24);
    assert_int_equal(s->n_instruments, 2);
    assert_string_equal(s->instruments[0].effect_allele, "G");
    assert_string_equal(s->instruments[1].other_allele, "G"); /* default alleles A/G */
    assert_int_equal(s->instruments[1].n_effects, 2);
    assert_int_equal(s->n_adjust, 2);
    assert_int_equal(s->truth_subjects, 4);
    assert_int_equal(s->analyses[0].truth, 0);
    assert_string_equal(s->analyses[0].name, "liver_fat_pct -> muscle_mass_kg");
    assert_false(s->analyses[0].one_sample);
    assert_true(s->analyses[1].one_sample);
    assert_int_equal(s->analyses[1].n_instruments, 0); /* selected by p */
    assert_int_equal(s->analyses[1].truth, -1);
    /* the truth subset: 4 of the 24, two in each sample (even and odd ids) */
    int in_truth[2] = {0, 0};
    for (long id = 0; id < 24; id++)
        in_truth[id % 2] += mh_insilico_mr_in_truth(s, id);
    assert_int_equal(in_truth[0], 2);
    assert_int_equal(in_truth[1], 2);
    mh_insilico_mr_spec_free(s);
}

static void malformed_files_get_located_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *where, *what;
    } cases[] = {
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {liver_fat.k_lipp: "
                               "-0.1}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "muscle_mass_kg}]\n",
         "mr.yaml:7:50", "did you mean 'liver_fat.k_lip'"},
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {liver_fat.k_lip: "
                               "-0.5}}]\nanalyses: [{exposure: liver_fat_pct, outcome: glucose}]\n",
         "mr.yaml:8:47", "unknown value 'glucose'"},
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 1.3, effects: {liver_fat.k_lip: "
                               "-0.5}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "muscle_mass_kg}]\n",
         "mr.yaml:7:35", "out of range"},
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {body.f_syn: "
                               "0.2}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "muscle_mass_kg}]\n",
         "mr.yaml:7:62", "outside its bounds"},
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {body.f_syn: "
                               "0.01}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "liver_fat_pct}]\n",
         "mr.yaml:8:47", "must differ"},
        {COHORT(24, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {body.f_syn: "
                               "0.01}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "muscle_mass_kg, samples: three}]\n",
         "mr.yaml:8:72", "unknown value 'three'"},
        {COHORT(10, "4 weeks") "instruments: [{snp: a, frequency: 0.3, effects: {body.f_syn: "
                               "0.01}}]\nanalyses: [{exposure: liver_fat_pct, outcome: "
                               "muscle_mass_kg}]\n",
         "mr.yaml:2:9", "at least 20"},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mh_error err = {0};
        mh_insilico_mr_spec *s = parse(cases[i].text, &err);
        assert_null(s);
        if (!strstr(err.message, cases[i].where) || !strstr(err.message, cases[i].what)) {
            print_error("case %zu: expected '%s' and '%s' in: %s\n", i, cases[i].where,
                        cases[i].what, err.message);
            failed++;
        }
    }
    assert_int_equal(failed, 0);
}

/* ---- genotypes and runs -------------------------------------------------------------- */

static void genotypes_depend_on_seed_and_id_only(void **state)
{
    (void)state;
    mh_insilico_mr_spec *s = parse(SMALL, NULL);
    assert_non_null(s);
    enum { N = 40000 };
    long alleles = 0, heterozygotes = 0, same_as_next = 0;
    unsigned char a[MH_INSILICO_MAX_INSTRUMENTS], b[MH_INSILICO_MAX_INSTRUMENTS], c[MH_INSILICO_MAX_INSTRUMENTS];
    for (long id = 0; id < N; id++) {
        mh_insilico_mr_genotype(s, id, a);
        mh_insilico_mr_genotype(s, id, b);
        assert_memory_equal(a, b, (size_t)s->n_instruments);
        mh_insilico_mr_genotype(s, id + 1, c);
        same_as_next += a[0] == c[0];
        alleles += a[0];
        heterozygotes += a[0] == 1;
    }
    /* Hardy-Weinberg at p = 0.3: allele share 0.3, heterozygotes 2pq = 0.42 (4.5 SE) */
    double p = (double)alleles / (2.0 * N), het = (double)heterozygotes / N;
    assert_true(fabs(p - 0.3) < 4.5 * sqrt(0.3 * 0.7 / (2.0 * N)));
    assert_true(fabs(het - 0.42) < 4.5 * sqrt(0.42 * 0.58 / N));
    /* neighbours are independent: P(same) = 0.49^2 + 0.42^2 + 0.09^2 = 0.4246 */
    assert_true(fabs((double)same_as_next / N - 0.4246) < 4.5 * sqrt(0.4246 * 0.5754 / N));
    /* another instrument in front leaves the genotypes at rs1 as they were */
    mh_insilico_mr_spec *more = parse(
        COHORT(24, "4 weeks") "instruments:\n"
        "  - {snp: rs0, frequency: 0.2, effects: {liver_fat.V_dnl: 0.1}}\n"
        "  - {snp: rs1, alleles: [G, A], frequency: 0.3, effects: {liver_fat.k_lip: -0.3}}\n"
        "analyses: [{exposure: liver_fat_pct, outcome: muscle_mass_kg}]\n",
        NULL);
    assert_non_null(more);
    for (long id = 0; id < 500; id++) {
        mh_insilico_mr_genotype(s, id, a);
        mh_insilico_mr_genotype(more, id, b);
        assert_int_equal(a[0], b[1]);
    }
    mh_insilico_mr_spec_free(more);
    /* another seed, other genotypes */
    s->cohort->seed = 78;
    long differ = 0;
    for (long id = 0; id < 200; id++) {
        mh_insilico_mr_genotype(s, id, b);
        s->cohort->seed = 77;
        mh_insilico_mr_genotype(s, id, a);
        s->cohort->seed = 78;
        differ += a[0] != b[0];
    }
    assert_true(differ > 50);
    mh_insilico_mr_spec_free(s);
}

/* The same subjects on 1 and 2 threads, and split in two blocks, are the same bytes. */
static void thread_count_does_not_change_results(void **state)
{
    (void)state;
    mh_insilico_mr_spec *s = parse(SMALL, NULL);
    assert_non_null(s);
    s->cohort->resolution = MH_RESOLUTION_DAY;
    enum { N = 6 };
    mh_insilico_subject *one = calloc(N, sizeof *one), *two = calloc(N, sizeof *two);
    assert_int_equal(mh_insilico_mr_simulate(s, 0, N, 1, one, NULL, NULL, NULL), MH_OK);
    assert_int_equal(mh_insilico_mr_simulate(s, 0, 2, 2, two, NULL, NULL, NULL), MH_OK);
    assert_int_equal(mh_insilico_mr_simulate(s, 2, N - 2, 2, two + 2, NULL, NULL, NULL), MH_OK);
    for (int i = 0; i < N; i++) {
        assert_int_equal(one[i].status, MH_OK);
        assert_int_equal(one[i].id, i);
        /* everything but the CPU time the runs took */
        one[i].cpu_seconds[0] = one[i].cpu_seconds[1] = two[i].cpu_seconds[0] =
            two[i].cpu_seconds[1] = 0;
        assert_memory_equal(&one[i], &two[i], sizeof one[i]);
    }
    /* the truth subset is one in each block of 24 / 4 = 6 ids, by turns the block's
     * first and second: 0, 7, 12, 19 */
    assert_true(one[0].in_truth);
    assert_false(one[1].in_truth);
    assert_true(isfinite(one[0].truth_change[0][0]) && one[0].truth_change[0][0] > 0);
    assert_true(isnan(one[1].truth_change[0][0]));
    free(one);
    free(two);
    mh_insilico_mr_spec_free(s);
}

/* Grip strength starts from grip_per_kg, a parameter a grip instrument shifts:
 * its baseline carries the genetic effect and is left out of the adjustment
 * (adjusting would take the effect out: F collapses); liver fat's is kept. */
static void a_baseline_moved_by_the_genotype_is_left_out(void **state)
{
    (void)state;
    static const char *const text =
        "cohort:\n"
        "  size: 60\n"
        "  seed: 3\n"
        "  scenario: {duration: 4 weeks, diet: {pattern: western, meals: ['07:30', '12:30', '19:00']}}\n"
        "  endpoints: [liver_fat_pct, grip_strength_kg]\n"
        "adjust_for: [age_y, sex, bmi, height_cm, baseline]\n"
        "instruments: [{snp: rs_grip, frequency: 0.4, effects: {muscle.grip_per_kg: 0.1}}]\n"
        "analyses: [{exposure: grip_strength_kg, outcome: liver_fat_pct}]\n";
    mh_error err = {0};
    mh_insilico_mr_spec *s = parse(text, &err);
    if (!s)
        fail_msg("%s", err.message);
    s->cohort->resolution = MH_RESOLUTION_DAY;
    mh_insilico_subject *subjects = calloc(60, sizeof *subjects);
    assert_int_equal(mh_insilico_mr_simulate(s, 0, 60, 0, subjects, NULL, NULL, &err), MH_OK);
    mh_insilico_mr_result *r = NULL;
    mh_mr_bootstrap b = {100, 1};
    assert_int_equal(mh_insilico_mr_analyse(s, subjects, 60, &b, &r, &err), MH_OK);
    assert_false(r->baseline_left_out[0]);
    assert_true(r->baseline_left_out[1]);
    assert_int_equal(r->baseline_instrument[1], 0);
    /* the grip association keeps its strength: about 0.1 x 40 kg per allele */
    const mh_gwas_association *g = &r->gwas[MH_INSILICO_SAMPLE_A][1][0];
    print_message("grip per allele %.3g kg (SE %.3g)\n", g->beta, g->se);
    assert_true(g->beta > 2.0 && g->beta / g->se > 4.0);
    mh_insilico_mr_result_free(r);
    free(subjects);
    mh_insilico_mr_spec_free(s);
}

/* ---- end to end ---------------------------------------------------------------------- */

/* Runs and analyses a whole file; the caller frees. */
static mh_insilico_mr_result *run_file(const char *text, mh_insilico_mr_spec **spec)
{
    mh_error err = {0};
    *spec = parse(text, &err);
    if (!*spec)
        fail_msg("%s", err.message);
    (*spec)->cohort->resolution = MH_RESOLUTION_DAY;
    long n = (*spec)->cohort->size;
    mh_insilico_subject *subjects = calloc((size_t)n, sizeof *subjects);
    assert_non_null(subjects);
    assert_int_equal(mh_insilico_mr_simulate(*spec, 0, n, 0, subjects, NULL, NULL, &err), MH_OK);
    mh_insilico_mr_result *r = NULL;
    mh_mr_bootstrap b = {200, 1};
    if (mh_insilico_mr_analyse(*spec, subjects, n, &b, &r, &err) != MH_OK)
        fail_msg("%s", err.message);
    free(subjects);
    assert_int_equal(r->n_failed, 0);
    return r;
}

#define MR_TRUTH                                                                                   \
    "truth: {subjects: 12, interventions: {lipolysis: {liver_fat.k_lip: -0.3}}}\n"

/* Liver fat raised through hepatic lipolysis only (valid for liver fat ->
 * muscle): the IVW interval covers the true effect, and both are clearly
 * negative (the test fails if MR misses the effect, or finds one of the wrong
 * size). */
static void valid_instruments_recover_the_true_effect(void **state)
{
    (void)state;
    static const char *const text = COHORT(120, "1 year")
        "adjust_for: [age_y, sex, bmi, height_cm, baseline]\n"
        "instruments:\n"
        "  - {snp: rs1, frequency: 0.4, effects: {liver_fat.k_lip: -0.5}}\n"
        "  - {snp: rs2, frequency: 0.3, effects: {liver_fat.k_lip: -0.45}}\n"
        "  - {snp: rs3, frequency: 0.35, effects: {liver_fat.k_lip: -0.4}}\n" MR_TRUTH
        "analyses: [{exposure: liver_fat_pct, outcome: muscle_mass_kg, truth: lipolysis, "
        "instruments: [rs1, rs2, rs3]}]\n";
    mh_insilico_mr_spec *spec;
    mh_insilico_mr_result *r = run_file(text, &spec);
    const mh_insilico_mr_finding *f = &r->findings[0];
    assert_int_equal(f->status, MH_OK);
    const mh_mr_estimate *ivw = &f->report.methods[MH_MR_IVW_FIXED];
    print_message("valid: truth %.5g (SE %.3g), IVW %.5g (%.5g to %.5g), mean F %.3g\n",
                  f->truth.estimate, f->truth.se, ivw->estimate, ivw->ci_low, ivw->ci_high,
                  f->report.mean_f);
    assert_true(f->truth.estimate < 0 && f->truth.p < 0.01);
    assert_true(mh_insilico_mr_covers(ivw, &f->truth));
    assert_true(ivw->p < 0.01);
    assert_true(f->report.mean_f > 10);
    mh_insilico_mr_result_free(r);
    mh_insilico_mr_spec_free(spec);
}

/* The same liver-fat instruments, each with a direct effect on muscle protein
 * synthesis (horizontal pleiotropy): IVW misses the true effect by far. */
static void pleiotropic_instruments_bias_mr(void **state)
{
    (void)state;
    static const char *const text = COHORT(120, "1 year")
        "adjust_for: [age_y, sex, bmi, height_cm, baseline]\n"
        "instruments:\n"
        "  - {snp: rs1, frequency: 0.4, effects: {liver_fat.k_lip: -0.3, body.f_syn: -0.03}}\n"
        "  - {snp: rs2, frequency: 0.3, effects: {liver_fat.k_lip: -0.25, body.f_syn: -0.025}}\n"
        "  - {snp: rs3, frequency: 0.35, effects: {liver_fat.k_lip: -0.2, body.f_syn: -0.02}}\n"
        MR_TRUTH
        "analyses: [{exposure: liver_fat_pct, outcome: muscle_mass_kg, truth: lipolysis, "
        "instruments: [rs1, rs2, rs3]}]\n";
    mh_insilico_mr_spec *spec;
    mh_insilico_mr_result *r = run_file(text, &spec);
    const mh_insilico_mr_finding *f = &r->findings[0];
    assert_int_equal(f->status, MH_OK);
    const mh_mr_estimate *ivw = &f->report.methods[MH_MR_IVW_FIXED];
    print_message("pleiotropic: truth %.5g (SE %.3g), IVW %.5g (%.5g to %.5g)\n", f->truth.estimate,
                  f->truth.se, ivw->estimate, ivw->ci_low, ivw->ci_high);
    assert_false(mh_insilico_mr_covers(ivw, &f->truth));
    assert_true(fabs(ivw->estimate - f->truth.estimate) > 10 * fabs(f->truth.estimate));
    mh_insilico_mr_result_free(r);
    mh_insilico_mr_spec_free(spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gwas_matches_r_lm),
        cmocka_unit_test(gwas_drops_a_collinear_covariate),
        cmocka_unit_test(reads_a_file),
        cmocka_unit_test(malformed_files_get_located_errors),
        cmocka_unit_test(genotypes_depend_on_seed_and_id_only),
        cmocka_unit_test(thread_count_does_not_change_results),
        cmocka_unit_test(a_baseline_moved_by_the_genotype_is_left_out),
        cmocka_unit_test(valid_instruments_recover_the_true_effect),
        cmocka_unit_test(pleiotropic_instruments_bias_mr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
