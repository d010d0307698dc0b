/*
 * test_day_mode.c - the day-resolved mode: its timeline (the day's meals as one
 * feed, the week's bouts as shares of the time, probes where the daily effect is
 * measured), and its agreement with the minute-resolved reference over weeks of
 * training in a fatty liver, in far fewer solver steps, and in a liver fat held
 * as habitual.
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

#include "core/units.h"

#define assert_double_equal(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))
#include "scenario/scenario.h"

static const char *const TRAINING =
    "name: day-mode\n"
    "subject: {sex: male, age_y: 50, height_cm: 176, weight_kg: 90, liver_fat_pct: 12}\n"
    "duration: 8 weeks\n"
    "diet: {pattern: western, carbs_pct: 50, meals: ['07:30', '12:30', '19:00']}\n"
    "exercise:\n"
    "  - {type: aerobic, days: [mon, wed, fri], at: '17:00', duration_min: 45, intensity: 0.6}\n"
    "  - {type: hiit, days: [sat], at: '10:00', duration_min: 28, intensity: 0.9, from: 'day 7'}\n"
    "events:\n"
    "  - {at: 'day 3 15:00', meal: {carbs_g: 60}}\n"
    "output: {every: 4 weeks, variables: [weight_kg, liver_fat_pct, muscle_mass_kg, fibrosis_stage]}\n";

static mh_scenario *parse(const char *text)
{
    mh_scenario *sc = NULL;
    mh_error err = {0};
    mh_status st = mh_scenario_parse(text, strlen(text), "day-mode.yaml", &sc, &err);
    if (st != MH_OK)
        fail_msg("%s", err.message);
    return sc;
}

static void the_timeline_feeds_the_day_and_shares_the_week(void **state)
{
    (void)state;
    mh_scenario *sc = parse(TRAINING);
    mh_event *ev = NULL;
    size_t n = 0;
    mh_error err = {0};
    assert_int_equal(mh_timeline_build_daily(sc, &ev, &n, &err), MH_OK);
    double meal_carbs = 0.0;
    for (int m = 0; m < sc->n_daily_meals; m++)
        meal_carbs += sc->daily_meals[m].carbs_g;
    double fed_at_0 = 0.0, snack = 0.0, snack_end = 0.0, aerobic = 0.0, hiit_work = 0.0;
    double hiit_rest = 0.0, hiit_from = -1.0;
    int probes_at_0 = 0, probes_at_hiit = 0, meals = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(ev[i].time_min >= ev[i - 1].time_min);
        meals += ev[i].kind == MH_EVENT_MEAL || ev[i].kind == MH_EVENT_EXERCISE;
        if (ev[i].kind == MH_EVENT_FEED && ev[i].time_min == 0.0)
            fed_at_0 += ev[i].carbs_g;
        if (ev[i].kind == MH_EVENT_FEED && ev[i].time_min == 3 * MH_MIN_PER_DAY + 900.0)
            snack = ev[i].carbs_g;
        if (ev[i].kind == MH_EVENT_FEED && ev[i].time_min == 4 * MH_MIN_PER_DAY + 900.0)
            snack_end = ev[i].carbs_g;
        if (ev[i].kind == MH_EVENT_EXERCISE_SHARE && ev[i].exercise == MH_EXERCISE_AEROBIC)
            aerobic += ev[i].level;
        if (ev[i].kind == MH_EVENT_EXERCISE_SHARE && ev[i].exercise == MH_EXERCISE_HIIT) {
            if (ev[i].intensity == 0.9)
                hiit_work += ev[i].level;
            else
                hiit_rest += ev[i].level;
            hiit_from = ev[i].time_min;
        }
        if (ev[i].kind == MH_EVENT_PROBE) {
            probes_at_0 += ev[i].time_min == 0.0 && ev[i].level == 1.0;
            probes_at_hiit += ev[i].time_min == MH_MIN_PER_WEEK && ev[i].level == 1.0;
        }
    }
    assert_int_equal(meals, 0); /* no meal or bout is an event of its own */
    assert_double_equal(fed_at_0, meal_carbs, 1e-9);
    assert_double_equal(snack, 60.0, 1e-12);
    assert_double_equal(snack_end, -60.0, 1e-12);
    assert_double_equal(aerobic, 3.0 * 45.0 / MH_MIN_PER_WEEK, 1e-12);
    /* 28 min of 4-min work and 3-min recovery: 16 min of work, 12 of recovery */
    assert_double_equal(hiit_work, 28.0 * 4.0 / 7.0 / MH_MIN_PER_WEEK, 1e-12);
    assert_double_equal(hiit_rest, 28.0 * 3.0 / 7.0 / MH_MIN_PER_WEEK, 1e-12);
    assert_double_equal(hiit_from, MH_MIN_PER_WEEK, 1e-9);
    assert_int_equal(probes_at_0, 1);   /* the start */
    assert_true(probes_at_hiit >= 1); /* and where the HIIT begins */
    free(ev);
    mh_scenario_free(sc);
}

static mh_result *simulated(const mh_scenario *sc, mh_resolution resolution)
{
    mh_result *r = NULL;
    mh_error err = {0};
    mh_run_options options = {.resolution = resolution};
    if (mh_simulate(sc, &options, &r, &err) != MH_OK)
        fail_msg("%s", err.message);
    return r;
}

/* One scenario run in both modes, and its last sample row. */
typedef struct twins {
    mh_scenario *sc;
    mh_result *minute, *day;
    size_t last;
} twins;

static twins run_twins(const char *text)
{
    twins t = {.sc = parse(text)};
    t.minute = simulated(t.sc, MH_RESOLUTION_MINUTE);
    t.day = simulated(t.sc, MH_RESOLUTION_DAY);
    t.last = mh_result_rows(t.minute) - 1;
    assert_int_equal(mh_result_rows(t.day), mh_result_rows(t.minute));
    return t;
}

static void free_twins(twins *t)
{
    mh_result_free(t->minute);
    mh_result_free(t->day);
    mh_scenario_free(t->sc);
}

/* Eight weeks in which liver fat falls from 12 to under 3 %: the day mode follows
 * weight, muscle and liver fat within issue 5's 2 % (checked at 1 and 10 years by
 * `myohep validate --resolutions`) even on so steep a fall, and fibrosis (near
 * stage 0) within 0.01 of a stage. */
static void the_day_mode_follows_the_minute_mode(void **state)
{
    (void)state;
    twins t = run_twins(TRAINING);
    mh_result *minute = t.minute, *day = t.day;
    size_t last = t.last;
    const char *names[] = {"weight_kg", "liver_fat_pct", "muscle_mass_kg"};
    const double tolerance[] = {0.02, 0.02, 0.02};
    for (int k = 0; k < 3; k++) {
        int c = mh_result_find_column(minute, names[k]);
        double m = mh_result_value(minute, last, c), d = mh_result_value(day, last, c);
        double start = mh_result_value(minute, 0, c);
        printf("%-15s start %.4g, minute %.4g, day %.4g (%+.2f %%)\n", names[k], start, m, d,
               100.0 * (d - m) / m);
        assert_true(fabs(d - m) <= tolerance[k] * fabs(m));
    }
    /* liver fat moves a long way in these weeks, so agreement is not the start's */
    int lf = mh_result_find_column(minute, "liver_fat_pct");
    assert_true(mh_result_value(minute, last, lf) < 0.7 * mh_result_value(minute, 0, lf));
    int fib = mh_result_find_column(minute, "fibrosis_stage");
    assert_true(fabs(mh_result_value(day, last, fib) - mh_result_value(minute, last, fib)) < 0.01);
    long steps_minute = mh_result_stats(minute)->steps, steps_day = mh_result_stats(day)->steps;
    printf("solver steps: minute %ld, day %ld\n", steps_minute, steps_day);
    assert_true(steps_day < steps_minute);
    free_twins(&t);
}

/* A liver fat held as habitual: the day mode fits the same liver oxidation trait
 * as the minute mode (its habitual days have their meals, since the run after them
 * follows the minute-resolved rates), so the liver stays where it was declared. */
static const char *const HELD =
    "name: day-mode-held\n"
    "subject: {sex: male, age_y: 62.4, height_cm: 178.9, weight_kg: 89.9, liver_fat_pct: 9.71,\n"
    "          liver_fat_habitual: true}\n"
    "duration: 6 weeks\n"
    "diet: {pattern: western, carbs_pct: 50, meals: ['07:30', '12:30', '19:00']}\n"
    "output: {every: 3 weeks, variables: [liver_fat_pct, liver_oxidation_trait]}\n";

static void a_held_liver_fat_is_held_day_resolved(void **state)
{
    (void)state;
    twins t = run_twins(HELD);
    mh_result *minute = t.minute, *day = t.day;
    size_t last = t.last;
    int lf = mh_result_find_column(minute, "liver_fat_pct");
    int trait = mh_result_find_column(minute, "liver_oxidation_trait");
    double m = mh_result_value(minute, last, lf), d = mh_result_value(day, last, lf);
    printf("held 9.71 %%: minute %.4g %% (trait %.4g), day %.4g %% (trait %.4g)\n", m,
           mh_result_value(minute, 0, trait), d, mh_result_value(day, 0, trait));
    assert_double_equal(mh_result_value(day, 0, trait), mh_result_value(minute, 0, trait), 1e-3);
    assert_true(fabs(d - m) <= 0.02 * m);
    assert_true(fabs(d - 9.71) <= 0.05 * 9.71);
    free_twins(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_timeline_feeds_the_day_and_shares_the_week),
        cmocka_unit_test(the_day_mode_follows_the_minute_mode),
        cmocka_unit_test(a_held_liver_fat_is_held_day_resolved),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
