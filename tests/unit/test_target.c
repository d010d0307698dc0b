/*
 * test_target.c - validation targets: arms (inline, from a file, with
 * parameter overrides), the compares between arms, shares (divided_by), the
 * window statistics, and located errors for malformed targets.
 *
 * The targets here run one-day scenarios of a fasting subject, so the
 * statistics have values known without the model: age grows by exactly one
 * year per year, glucose in mmol/L is glucose in mg/dL over 18, and an arm
 * compared with an identical arm differs by exactly zero. Population targets
 * read the drawn ages and BMIs, which the test draws again itself.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "population/population.h"
#include "scenario/target.h"
#include "validation/validate.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/myohep-target-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char sub[128];
    snprintf(sub, sizeof sub, "%s/scenarios", dir);
    return mkdir(sub, 0700);
}

static int remove_dir(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command);
}

/* A fasting subject for one day; `extra` adds keys (events) to the scenario. */
#define FASTING_DAY(extra)                                                                        \
    "{name: fasting, duration: 1 day, " extra                                                     \
    "output: {every: 10 min, variables: [age_y, glucose_mmol_l, glucose_mg_dl]}}"

static const char *const arms_target =
    "id: T-arms\n"
    "title: arms and compares\n"
    "source: test\n"
    "scenario: scenarios/fasting.yaml\n"
    "versus: {parameters: {circulation.VG: 1.88}}\n"
    "arms:\n"
    "  fed: {scenario: " FASTING_DAY("events: [{at: day 0 08:00, meal: {carbs_g: 75}}], ") "}\n"
    "  again: {scenario: scenarios/fasting.yaml}\n"
    "checks:\n"
    "  - {what: age per year, variable: age_y, stat: change_per_year, window: [0 min, 1 day],"
    " range: [0.999999, 1.000001]}\n"
    "  - {what: a day of age, variable: age_y, stat: change, window: [0 min, 1 day],"
    " range: [0.0027378, 0.0027379]}\n"
    /* a straight line covers 63.2 % of its change at 0.632 of the window: 379.3 min, and the
     * first 10-min sample past it is at 380 min */
    "  - {what: time constant of a ramp, variable: age_y, stat: time_constant,"
    " window: [0 min, 600 min], range: [380, 380]}\n"
    "  - {what: share, variable: glucose_mmol_l, stat: mean, window: [0 min, 1 day],"
    " divided_by: glucose_mg_dl, range: [0.0555555, 0.0555556]}\n"
    "  - {what: identical arms, variable: glucose_mmol_l, stat: value, at: 9 h, compare: difference,"
    " arms: [main, again], range: [0, 0]}\n"
    "  - {what: versus arm reads its overrides, variable: glucose_mmol_l, stat: value, at: 9 h,"
    " compare: difference, range: [0, 0]}\n"
    "  - {what: meal raises glucose, variable: glucose_mmol_l, stat: max, window: [8 h, 11 h],"
    " compare: difference, arms: [fed, main], above: 0.5}\n"
    "  - {what: the whole excess removed, variable: glucose_mmol_l, stat: max, window: [8 h, 11 h],"
    " compare: excess_removed, arms: [again, fed, main], range: [0.999999, 1.000001]}\n"
    "  - {what: no interaction, variable: glucose_mmol_l, stat: max, window: [8 h, 11 h],"
    " compare: difference_in_difference, arms: [fed, main, fed, again], range: [0, 0]}\n"
    "  - {what: ratio of identical arms, variable: glucose_mmol_l, stat: max, window: [8 h, 11 h],"
    " compare: ratio, arms: [again, main], range: [1, 1]}\n"
    "  - {what: no relative interaction, variable: glucose_mmol_l, stat: max, window: [8 h, 11 h],"
    " compare: ratio_in_ratio, arms: [fed, main, fed, again], range: [0.999999, 1.000001]}\n"
    /* must miss: the excess removed is exactly 1 */
    "  - {what: a band that excludes the value, variable: glucose_mmol_l, stat: max,"
    " window: [8 h, 11 h], compare: excess_removed, arms: [again, fed, main], range: [1.01, 2]}\n";

/* A target marked known_miss: its miss is counted apart and does not fail;
 * once it passes, the stale mark is a failure. */
static void known_misses_are_reported_not_failed(void **state)
{
    (void)state;
    write_file("scenarios/fasting.yaml", FASTING_DAY(""));
    const char *text = "id: T-known\ntitle: t\nsource: s\nknown_miss: not modelled\n"
                       "scenario: scenarios/fasting.yaml\n"
                       "checks: [{what: x, variable: age_y, stat: value, at: 0 min, above: %d}]\n";
    char buf[512];
    mh_validate_options opt = {.targets_dir = dir, .only = "T-known"};
    mh_validate_summary sum;
    mh_error err = {0};
    snprintf(buf, sizeof buf, text, 1000);
    write_file("T-known.yaml", buf);
    assert_int_equal(mh_validate(&opt, &sum, &err), MH_OK);
    assert_int_equal(sum.failed_checks, 0);
    assert_int_equal(sum.known_missed_checks, 1);
    assert_int_equal(sum.stale_known_misses, 0);
    snprintf(buf, sizeof buf, text, 0);
    write_file("T-known.yaml", buf);
    assert_int_equal(mh_validate(&opt, &sum, &err), MH_OK);
    assert_int_equal(sum.known_missed_checks, 0);
    assert_int_equal(sum.stale_known_misses, 1);
}

static void arms_compares_and_shares(void **state)
{
    (void)state;
    write_file("scenarios/fasting.yaml", FASTING_DAY(""));
    write_file("T-arms.yaml", arms_target);
    mh_validate_options opt = {.targets_dir = dir, .only = "T-arms"};
    mh_validate_summary sum;
    mh_error err = {0};
    assert_int_equal(mh_validate(&opt, &sum, &err), MH_OK);
    assert_int_equal(sum.targets, 1);
    assert_int_equal(sum.checks, 12);
    assert_int_equal(sum.failed_checks, 1);
}

/* The target text with `bad` in place of the checks; the error must name the
 * target file with a line and column and contain `expected`. */
static void expect_error(const char *checks, const char *expected)
{
    char text[4096], path[256];
    snprintf(text, sizeof text,
             "id: T-bad\ntitle: bad\nsource: test\nscenario: fasting.yaml\n"
             "arms: {fed: {scenario: fasting.yaml}}\nchecks:\n%s",
             checks);
    write_file("scenarios/fasting.yaml", FASTING_DAY(""));
    write_file("scenarios/bad.yaml", text);
    snprintf(path, sizeof path, "%s/scenarios/bad.yaml", dir);
    mh_target t;
    mh_error err = {0};
    assert_int_not_equal(mh_target_load(path, &t, &err), MH_OK);
    char located[300];
    snprintf(located, sizeof located, "%s:", path);
    if (!strstr(err.message, located) || !strstr(err.message, expected))
        fail_msg("error '%s' lacks '%s' or '%s'", err.message, located, expected);
}

static void malformed_targets_get_located_errors(void **state)
{
    (void)state;
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, compare: difference,"
                 " arms: [main, fasted], above: 0}\n",
                 "no arm named 'fasted'");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, compare: excess_removed,"
                 " above: 0}\n",
                 "needs 'arms: [treated, untreated, reference]'");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, compare: ratio_in_ratio,"
                 " above: 0}\n",
                 "this compare needs 'arms: [...]' (4 arms)");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, compare: difference,"
                 " arms: [main, fed, fed], above: 0}\n",
                 "expected 2 arm names");
    expect_error("  - {what: x, variable: age_y, stat: time_of_max, window: [0 min, 1 h],"
                 " divided_by: glucose_mg_dl, above: 0}\n",
                 "divided_by goes with");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, divided_by: insulin_pmol_l,"
                 " above: 0}\n",
                 "'insulin_pmol_l' is not among the output variables of arm 'main'");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 2 days, compare: difference,"
                 " arms: [main, fed], above: 0}\n",
                 "reads past the end of the run of arm 'main'");
    expect_error("  - {what: x, variable: age_y, stat: value, at: 1 h, arms: [main], above: 0}\n",
                 "'arms' goes with 'compare'");
    char path[256];
    snprintf(path, sizeof path, "%s/scenarios/missing.yaml", dir);
    write_file("scenarios/missing.yaml", "id: T\ntitle: t\nsource: s\nscenario: nowhere.yaml\n"
                               "checks: [{what: x, variable: age_y, stat: value, at: 0 min, above: 0}]\n");
    mh_target t;
    mh_error err = {0};
    assert_int_not_equal(mh_target_load(path, &t, &err), MH_OK);
    assert_non_null(strstr(err.message, "missing.yaml:4:11"));
    assert_non_null(strstr(err.message, "cannot open the scenario file"));
}

/* ---- population targets ------------------------------------------------------ */

static const char *const fasting_population =
    "name: fasting-people\nsize: 9\nseed: 7\n"
    "subjects:\n  male_share: 0.5\n  age_y: {mean: 50, sd: 12, min: 25, max: 75}\n"
    "  bmi: {mean: 27, sd: 4, min: 18, max: 40}\n"
    "scenario: {duration: 1 day}\n"
    "endpoints: [age_y, bmi]\n";

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Statistics across subjects: the test draws the same people and computes
 * each expected value from their ages and BMIs; every band is that value
 * +/- 1e-6 (and one band that excludes it must miss). */
static void population_checks_read_the_subjects(void **state)
{
    (void)state;
    write_file("scenarios/people.yaml", fasting_population);
    char path[256];
    snprintf(path, sizeof path, "%s/scenarios/people.yaml", dir);
    mh_population_spec *spec;
    mh_error err = {0};
    assert_int_equal(mh_population_spec_load(path, &spec, &err), MH_OK);
    double year_fraction = 1.0 / 365.25, ages[9], sum = 0.0, lean_sum = 0.0;
    int n_old = 0, n_lean = 0;
    for (long i = 0; i < 9; i++) {
        mh_population_subject s;
        mh_population_draw(spec, i, &s);
        double bmi = s.weight_kg / (s.height_cm * s.height_cm / 1e4);
        ages[i] = s.age_y + year_fraction; /* at the end of the day */
        sum += ages[i];
        n_old += ages[i] > 50.0;
        if (bmi <= 27.0) {
            lean_sum += ages[i];
            n_lean++;
        }
    }
    mh_population_spec_free(spec);
    assert_true(n_lean > 0 && n_lean < 9 && n_old > 0 && n_old < 9); /* the filters bite */
    qsort(ages, 9, sizeof ages[0], compare_doubles);
    double p25 = ages[2]; /* 25th percentile of 9: exactly the third */
    char text[4096];
    snprintf(text, sizeof text,
             "id: T-people\ntitle: people\nsource: test\n"
             "population: scenarios/people.yaml\nresolution: minute\nchecks:\n"
             "  - {what: mean age, variable: age_y, stat: mean, range: [%.9f, %.9f]}\n"
             "  - {what: p25, variable: age_y, stat: percentile, percentile: 25,"
             " range: [%.9f, %.9f]}\n"
             "  - {what: share over 50, variable: age_y, stat: share_above, threshold: 50,"
             " range: [%.9f, %.9f]}\n"
             "  - {what: a year a year, variable: age_y, stat: change_per_year,"
             " range: [0.999999, 1.000001]}\n"
             "  - {what: lean mean age, variable: age_y, stat: mean,"
             " among: {bmi_start: [0, 27]}, range: [%.9f, %.9f]}\n"
             "  - {what: must miss, variable: age_y, stat: mean, above: 1000}\n",
             sum / 9 - 1e-6, sum / 9 + 1e-6, p25 - 1e-6, p25 + 1e-6, n_old / 9.0 - 1e-6,
             n_old / 9.0 + 1e-6, lean_sum / n_lean - 1e-6, lean_sum / n_lean + 1e-6);
    write_file("T-people.yaml", text);
    mh_validate_options opt = {.targets_dir = dir, .only = "T-people"};
    mh_validate_summary sum_out;
    assert_int_equal(mh_validate(&opt, &sum_out, &err), MH_OK);
    assert_int_equal(sum_out.checks, 6);
    assert_int_equal(sum_out.failed_checks, 1);
}

/* A population target's own mistakes, located in the target file. */
static void expect_population_error(const char *rest, const char *expected)
{
    char text[4096], path[256];
    snprintf(text, sizeof text, "id: T-bad\ntitle: bad\nsource: test\n%s", rest);
    write_file("scenarios/people.yaml", fasting_population);
    write_file("scenarios/bad-people.yaml", text);
    snprintf(path, sizeof path, "%s/scenarios/bad-people.yaml", dir);
    mh_target t;
    mh_error err = {0};
    assert_int_not_equal(mh_target_load(path, &t, &err), MH_OK);
    if (!strstr(err.message, "bad-people.yaml:") || !strstr(err.message, expected))
        fail_msg("error '%s' lacks the location or '%s'", err.message, expected);
}

static void malformed_population_targets(void **state)
{
    (void)state;
    expect_population_error("population: people.yaml\nchecks: [{what: x, variable: glucose_mmol_l,"
                            " stat: mean, above: 0}]\n",
                            "'glucose_mmol_l' is not among the population's endpoints");
    expect_population_error("population: people.yaml\nchecks: [{what: x, variable: age_y,"
                            " stat: max, above: 0}]\n",
                            "stat is mean, percentile, share_above or change_per_year");
    expect_population_error("population: people.yaml\nchecks: [{what: x, variable: age_y,"
                            " stat: percentile, above: 0}]\n",
                            "'percentile' goes with stat percentile");
    expect_population_error("population: people.yaml\nchecks: [{what: x, variable: age_y,"
                            " stat: mean, among: {weight_kg_start: [0, 1]}, above: 0}]\n",
                            "'weight_kg' is not among the population's endpoints");
    expect_population_error("population: people.yaml\nversus: {parameters: {}}\n"
                            "checks: [{what: x, variable: age_y, stat: mean, above: 0}]\n",
                            "'versus' goes with a scenario target");
    expect_population_error("population: nobody.yaml\n"
                            "checks: [{what: x, variable: age_y, stat: mean, above: 0}]\n",
                            "cannot open the population file");
    expect_population_error("scenario: fasting.yaml\n"
                            "checks: [{what: x, variable: age_y, stat: share_above, threshold: 1,"
                            " above: 0}]\n",
                            "stat share_above reads a population");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arms_compares_and_shares),
        cmocka_unit_test(known_misses_are_reported_not_failed),
        cmocka_unit_test(malformed_targets_get_located_errors),
        cmocka_unit_test(population_checks_read_the_subjects),
        cmocka_unit_test(malformed_population_targets),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
