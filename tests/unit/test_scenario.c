/*
 * test_scenario.c - scenario reading: values, defaults, the timeline,
 * overrides and located errors; atomic output.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "scenario/scenario.h"

static mh_scenario *parse(const char *text, mh_error *err)
{
    mh_scenario *s = NULL;
    mh_scenario_parse(text, strlen(text), "t.yaml", &s, err);
    return s;
}

/* The result of simulating a scenario text that must parse and run. */
static mh_result *simulated(const char *text)
{
    mh_scenario *s = parse(text, NULL);
    assert_non_null(s);
    mh_result *r = NULL;
    assert_int_equal(mh_simulate(s, NULL, &r, NULL), MH_OK);
    mh_scenario_free(s);
    return r;
}

static void reads_subject_diet_and_events(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = parse("name: demo\n"
                           "seed: 42\n"
                           "subject: {sex: female, age_y: 52.5, height_cm: 163, weight_kg: 71.3}\n"
                           "duration: 2 days\n"
                           "diet:\n"
                           "  energy_kcal_per_day: 2385\n"
                           "  carbs_pct: 48\n"
                           "  meals: ['07:30', '12:30', '19:00']\n"
                           "events:\n"
                           "  - at: day 1 10:15\n"
                           "    meal: {carbs_g: 75}\n",
                           &err);
    assert_non_null(s);
    assert_string_equal(mh_scenario_name(s), "demo");
    assert_true(s->seed == 42);
    assert_int_equal(s->subject.sex, MH_SEX_FEMALE);
    assert_float_equal(s->subject.weight_kg, 71.3, 1e-12);
    assert_float_equal(mh_scenario_duration_min(s), 2880.0, 1e-12);
    assert_int_equal(s->n_daily_meals, 3);
    /* 2385 kcal x 48 % / 4 kcal/g / 3 meals = 95.4 g */
    assert_float_equal(s->daily_meals[1].carbs_g, 95.4, 1e-9);
    assert_float_equal(s->daily_meals[2].minute_of_day, 1140.0, 1e-12);
    assert_int_equal((int)s->n_events, 1);
    assert_float_equal(s->events[0].time_min, 1440.0 + 615.0, 1e-12);
    mh_event *events;
    size_t n;
    assert_int_equal(mh_timeline_build(s, &events, &n, NULL), MH_OK);
    assert_int_equal((int)n, 7);
    for (size_t i = 1; i < n; i++)
        assert_true(events[i].time_min >= events[i - 1].time_min);
    assert_float_equal(events[4].carbs_g, 75.0, 1e-12);
    free(events);
    assert_float_equal(s->every_min, 5.0, 1e-12); /* default for a 2-day run */
    mh_scenario_free(s);
}

static void default_intake_keeps_weight_stable(void **state)
{
    (void)state;
    /* Mifflin-St Jeor as bw writes it: 9.99 x 78 + 625 x 1.76 - 4.92 x 40 + 5 = 1687.42 kcal;
     * x PAL 1.55 = 2615.501 */
    assert_float_equal(mh_weight_stable_kcal_per_day(MH_SEX_MALE, 40, 176, 78, 1.55), 2615.501, 1e-9);
    /* a woman: 9.99 x 60 + 625 x 1.65 - 4.92 x 30 - 161 = 1322.05 kcal; x 1.4 = 1850.87 */
    assert_float_equal(mh_weight_stable_kcal_per_day(MH_SEX_FEMALE, 30, 165, 60, 1.4), 1850.87, 1e-9);
    mh_scenario *s = parse("duration: 1 day\ndiet: {pattern: western}\n", NULL);
    assert_non_null(s);
    assert_float_equal(s->daily_meals[0].carbs_g, 2615.501 * 0.5 / 4.0 / 3.0, 1e-9);
    mh_scenario_free(s);
}

/* Subject keys reach the model inputs; interventions become level changes at
 * their start and end (a block sets the messenger's factor to 1 - efficacy). */
static void subject_and_interventions_become_inputs_and_events(void **state)
{
    (void)state;
    mh_scenario *s = parse("duration: 10 days\n"
                           "subject: {sex: female, age_y: 50, height_cm: 165, weight_kg: 75,\n"
                           "  body_fat_pct: 40, liver_fat_pct: 12, genotype: {PNPLA3: GG, TM6SF2: CT}}\n"
                           "interventions:\n"
                           "  - {type: block, target: ccl2, efficacy: 0.8, from: day 2, until: day 5}\n"
                           "  - {type: testosterone, dose_mg_per_week: 100}\n",
                           NULL);
    assert_non_null(s);
    mh_inputs in = {0};
    mh_scenario_subject_inputs(s, &in);
    assert_int_equal(in.female, 1);
    assert_float_equal(in.fat_mass_kg, 30.0, 1e-12);  /* 40 % of 75 kg */
    assert_float_equal(in.muscle_mass_kg, 0.46 * 45.0, 1e-12);
    assert_float_equal(in.liver_fat_pct, 12.0, 1e-12);
    assert_float_equal(in.pnpla3_risk_alleles, 2.0, 0.0);
    assert_float_equal(in.tm6sf2_risk_alleles, 1.0, 0.0);
    assert_int_equal(s->n_interventions, 2);
    mh_event *ev = NULL;
    size_t n = 0;
    mh_error err = {0};
    assert_int_equal(mh_timeline_build(s, &ev, &n, &err), MH_OK);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (ev[i].kind == MH_EVENT_MESSENGER) {
            assert_int_equal(ev[i].target, MH_MESSENGER_CCL2);
            if (ev[i].time_min == 2 * 1440.0)
                found += ev[i].level == 1.0 - 0.8 ? 1 : 100; /* blocked */
            else if (ev[i].time_min == 5 * 1440.0)
                found += ev[i].level == 1.0 ? 10 : 100; /* released */
        }
        if (ev[i].kind == MH_EVENT_INTERVENTION) {
            assert_int_equal(ev[i].target, MH_INTERVENTION_TESTOSTERONE);
            assert_float_equal(ev[i].time_min, 0.0, 0.0); /* the whole run: no end event */
            found += ev[i].level == 100.0 ? 1000 : 100;
        }
    }
    assert_int_equal(found, 1011);
    free(ev);
    mh_scenario_free(s);
}

static void json_is_accepted(void **state)
{
    (void)state;
    mh_scenario *s = parse("{\"duration\": \"6 h\", \"events\": [{\"at\": \"day 0 01:00\", "
                           "\"meal\": {\"carbs_g\": 61.7}}]}",
                           NULL);
    assert_non_null(s);
    assert_float_equal(s->events[0].carbs_g, 61.7, 1e-12);
    mh_scenario_free(s);
}

static void errors_are_located(void **state)
{
    (void)state;
    mh_error err = {0};
    assert_null(parse("duration: 1 day\nsubject:\n  weigth_kg: 80\n", &err));
    assert_string_equal(err.message,
                        "t.yaml:3:3: unknown key 'weigth_kg' in subject (did you mean 'weight_kg'?)");
    assert_int_equal(err.status, MH_ERR_PARSE);
    assert_null(parse("duration: 1 day\nsubject: {weight_kg: 300}\n", &err));
    assert_non_null(strstr(err.message, "t.yaml:2:22: weight_kg = 300 is out of range: allowed 30 to 250 kg"));
    assert_null(parse("duration: 1 day\nsubject: {liver_fat_pct: 75}\n", &err));
    assert_non_null(strstr(err.message, "t.yaml:2:26: liver_fat_pct = 75 is out of range"));
    assert_null(parse("duration: 1 day\ninterventions: [{type: hindlimb_unloading}]\n", &err));
    assert_int_equal(err.status, MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "t.yaml:2:24: intervention 'hindlimb_unloading' is a mouse "
                                        "model (add 'species: mouse'); a human scenario uses 'disuse'"));
}

/* Exercise entries become bouts on their weekdays (day 0 is a Monday); HIIT a
 * train of work and recovery intervals. */
static void exercise_becomes_bouts(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = parse("duration: 2 weeks\n"
                           "exercise:\n"
                           "  - {type: aerobic, days: [mon, thu], at: '18:00', duration_min: 45,"
                           " intensity: 0.65, from: day 3}\n"
                           "  - {type: hiit, days: [sat], at: '09:00', duration_min: 25, intensity: 0.9,"
                           " work_min: 4, rest_min: 3}\n",
                           &err);
    assert_non_null(s);
    assert_int_equal(s->n_exercise, 2);
    mh_event *events;
    size_t n;
    assert_int_equal(mh_timeline_build(s, &events, &n, NULL), MH_OK);
    /* aerobic from day 3: thu 3, mon 7, thu 10 -> 3 bouts x 2 events; hiit on days 5 and 12:
     * work at 0, 7, 14, 21 min (recovery after the first three), end at 25 -> 8 events each. */
    assert_int_equal((int)n, 3 * 2 + 2 * 8);
    assert_float_equal(events[0].time_min, 3 * 1440.0 + 1080.0, 1e-9);
    assert_float_equal(events[0].intensity, 0.65, 1e-12);
    assert_float_equal(events[1].time_min, 3 * 1440.0 + 1125.0, 1e-9);
    assert_float_equal(events[1].intensity, 0.0, 1e-12);
    assert_float_equal(events[2].time_min, 5 * 1440.0 + 540.0, 1e-9);
    assert_float_equal(events[3].intensity, 0.3, 1e-12); /* recovery after 4 min */
    assert_float_equal(events[3].time_min, 5 * 1440.0 + 544.0, 1e-9);
    free(events);
    mh_scenario_free(s);
}

static void overrides_are_checked(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = parse("duration: 1 day\n", NULL);
    assert_int_equal(mh_scenario_set_param(s, "liver.kp1", 2.385, &err), MH_OK);
    assert_int_equal(mh_scenario_set_param(s, "liver.kp1", 99.0, &err), MH_ERR_INVALID);
    assert_int_equal(mh_scenario_set_param(s, "liver.kpp1", 2.0, &err), MH_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "did you mean 'liver.kp1'"));
    assert_int_equal(mh_scenario_set_vars(s, "insulin_pmol_l,glucose_mmol_l", &err), MH_OK);
    assert_int_equal(s->n_vars, 2);
    assert_int_equal(mh_scenario_set_vars(s, "insulin_pmol_l,glucose", &err), MH_ERR_NOT_FOUND);
    assert_int_equal(s->n_vars, 2); /* unchanged after a failed call */
    assert_int_equal(mh_scenario_set_every(s, "2 month", &err), MH_ERR_PARSE);
    assert_int_equal(mh_scenario_set_every(s, "15 min", &err), MH_OK);
    assert_float_equal(s->every_min, 15.0, 1e-12);
    mh_scenario_free(s);
}

static void output_is_atomic(void **state)
{
    (void)state;
    mh_scenario *s = parse("duration: 2 h\noutput: {every: 30 min}\n", NULL);
    mh_result *r = NULL;
    assert_int_equal(mh_simulate(s, NULL, &r, NULL), MH_OK);
    assert_int_equal((int)mh_result_rows(r), 5);
    mh_error err = {0};
    assert_int_equal(mh_result_write(r, "/nonexistent-dir/x.csv", MH_FORMAT_CSV, &err), MH_ERR_IO);
    assert_int_equal(access("/nonexistent-dir/x.csv", F_OK), -1);
    char path[] = "/tmp/myohep-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(mh_result_write(r, path, MH_FORMAT_JSON, &err), MH_OK);
    FILE *fp = fopen(path, "r");
    char head[64] = {0};
    assert_non_null(fgets(head, sizeof head, fp));
    fclose(fp);
    remove(path);
    assert_string_equal(head, "{\n");
    mh_result_free(r);
    mh_scenario_free(s);
}

/* A subject declared with fatty liver starts with the inflammation its liver fat
 * and messengers lead to (steady guesses), not a healthy adult's, and with the
 * hepatic and muscle oxidative capacity that inflammation and adrenomedullin leave:
 * over the first day they barely move. */
static void declared_fatty_liver_starts_steady(void **state)
{
    (void)state;
    mh_result *r = simulated("subject: {sex: male, age_y: 45, height_cm: 176, weight_kg: 105, "
                             "liver_fat_pct: 22}\n"
                             "duration: 1 day\n"
                             "diet: {pattern: western, meals: ['07:30', '12:30', '19:00']}\n"
                             "output: {every: 1 day, variables: [liver_inflammation, "
                             "liver_mitochondria, muscle_mitochondria]}\n");
    double a0 = mh_result_value(r, 0, 0), mito0 = mh_result_value(r, 0, 1);
    assert_true(a0 > 1.0); /* fatty liver with the low adiponectin of obesity is inflamed */
    double c_infl = mh_param_at(mh_param_find("liver_fat.c_infl"))->default_value;
    assert_float_equal(mito0, 1.0 / (1.0 + c_infl * a0 / 5.0), 1e-3);
    assert_true(mh_result_value(r, 0, 2) < 1.0); /* adrenomedullin from the injured liver */
    for (int c = 0; c <= 2; c++) /* a day's drift is a fraction of a percent */
        assert_true(fabs(mh_result_value(r, 1, c) - mh_result_value(r, 0, c)) <
                    0.005 * mh_result_value(r, 0, c));
    mh_result_free(r);
}

/* A liver fat declared as habitual is the subject's steady state: the day's mean
 * net deposition is zero, so over two weeks it stays within 0.3 points; declared
 * only as the starting level, the same liver relaxes toward the subject's own
 * steady state. Without its level, or without a diet, the key is an error. */
static void habitual_liver_fat_is_held(void **state)
{
    (void)state;
    const char *head = "subject: {sex: male, age_y: 50, height_cm: 176, weight_kg: 90, "
                       "liver_fat_pct: 12%s}\n"
                       "duration: 14 days\n"
                       "diet: {pattern: western, meals: ['07:30', '12:30', '19:00']}\n"
                       "output: {every: 1 day, variables: [liver_fat_pct, liver_oxidation_trait]}\n";
    double end[2], trait[2];
    for (int held = 0; held <= 1; held++) {
        char text[512];
        snprintf(text, sizeof text, head, held ? ", liver_fat_habitual: true" : "");
        mh_result *r = simulated(text);
        end[held] = mh_result_value(r, mh_result_rows(r) - 1, 0);
        trait[held] = mh_result_value(r, 0, 1);
        mh_result_free(r);
    }
    assert_float_equal(trait[0], 1.0, 0.0);
    assert_true(trait[1] < 0.95); /* this liver oxidises less than the reference */
    assert_float_equal(end[1], 12.0, 0.3);
    assert_true(end[0] < 9.0);
    mh_error err = {0};
    assert_null(parse("subject: {liver_fat_habitual: true}\n", &err));
    assert_non_null(strstr(err.message, "t.yaml:1:"));
    assert_non_null(strstr(err.message, "needs the subject's liver_fat_pct"));
    assert_null(parse("subject: {liver_fat_pct: 9, liver_fat_habitual: yes please}\n", &err));
    assert_non_null(strstr(err.message, "liver_fat_habitual"));
    assert_null(parse("duration: 1 h\nsubject: {liver_fat_pct: 9, liver_fat_habitual: true}\n", &err));
    assert_non_null(strstr(err.message, "t.yaml:2:"));
    assert_non_null(strstr(err.message, "needs a diet with daily meals"));
}

/* The declared muscle is the subject's own steady state: a man whose fatty liver
 * already raises his muscle protein breakdown (inflammation, adrenomedullin,
 * myostatin) keeps his muscle over four weeks, losing only what ageing explains
 * (about 0.1 % a month at 50), not the percent a month that turnover measured
 * against a healthy adult's would take. */
static void declared_muscle_is_steady(void **state)
{
    (void)state;
    mh_result *r = simulated("subject: {sex: male, age_y: 50, height_cm: 176, weight_kg: 95, "
                             "liver_fat_pct: 15, liver_fat_habitual: true}\n"
                             "duration: 28 days\n"
                             "diet: {pattern: western, meals: ['07:30', '12:30', '19:00']}\n"
                             "output: {every: 1 day, variables: [muscle_mass_kg, "
                             "muscle_protein_breakdown_rel, muscle_protein_synthesis_rel]}\n");
    double start = mh_result_value(r, 0, 0), end = mh_result_value(r, mh_result_rows(r) - 1, 0);
    assert_true(mh_result_value(r, 0, 1) > 1.02); /* breakdown above a healthy adult's */
    assert_float_equal(mh_result_value(r, 0, 2), 1.0, 0.01);
    assert_float_equal(end / start, 1.0, 0.003);
    mh_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_subject_diet_and_events),
        cmocka_unit_test(default_intake_keeps_weight_stable),
        cmocka_unit_test(json_is_accepted),
        cmocka_unit_test(subject_and_interventions_become_inputs_and_events),
        cmocka_unit_test(errors_are_located),
        cmocka_unit_test(exercise_becomes_bouts),
        cmocka_unit_test(overrides_are_checked),
        cmocka_unit_test(output_is_atomic),
        cmocka_unit_test(declared_fatty_liver_starts_steady),
        cmocka_unit_test(habitual_liver_fat_is_held),
        cmocka_unit_test(declared_muscle_is_steady),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
