/*
 * test_target.c - validation targets: arms (inline, from a file, with
 * parameter overrides), the compares between arms, shares (divided_by), the
 * window statistics, and located errors for malformed targets.
 *
 * The targets here run one-day scenarios of a fasting subject, so the
 * statistics have values known without the model: age grows by exactly one
 * year per year, glucose in mmol/L is glucose in mg/dL over 18, and an arm
 * compared with an identical arm differs by exactly zero.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arms_compares_and_shares),
        cmocka_unit_test(known_misses_are_reported_not_failed),
        cmocka_unit_test(malformed_targets_get_located_errors),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
