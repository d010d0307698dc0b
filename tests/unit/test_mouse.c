/*
 * test_mouse.c - the mouse parameter set and mouse scenarios: the allometric
 * rule, explicit rows, mouse conventions in scenarios, a weight-stable chow
 * mouse, a fattening high-fat mouse and messenger blockade in a mouse.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/catalog.h"
#include "model/species.h"
#include "scenario/scenario.h"

static mh_scenario *parse(const char *text, mh_error *err)
{
    mh_scenario *s = NULL;
    mh_scenario_parse(text, strlen(text), "m.yaml", &s, err);
    return s;
}

static mh_result *simulated(const char *text)
{
    mh_error err = {0};
    mh_scenario *s = parse(text, &err);
    assert_non_null(s);
    mh_result *r = NULL;
    assert_int_equal(mh_simulate(s, NULL, &r, &err), MH_OK);
    mh_scenario_free(s);
    return r;
}

static double last_value(const mh_result *r, const char *name)
{
    int c = mh_result_find_column(r, name);
    assert_true(c >= 0);
    return mh_result_value(r, mh_result_rows(r) - 1, c);
}

static double first_value(const mh_result *r, const char *name)
{
    int c = mh_result_find_column(r, name);
    assert_true(c >= 0);
    return mh_result_value(r, 0, c);
}

static mh_species_param mouse_param(const char *name)
{
    int index = mh_param_find(name);
    assert_true(index >= 0);
    mh_species_param p;
    mh_species_param_at(MH_SPECIES_MOUSE, index, &p);
    return p;
}

/* Rates x (78 kg / 28 g)^0.25, times divided by it, concentrations kept; explicit
 * rows and the age rates as stated; every row documented and in its bounds. */
static void mouse_parameters_follow_the_stated_rules(void **state)
{
    (void)state;
    double factor = pow(78.0 / 0.028, 0.25); /* 7.265 */
    assert_float_equal(mh_species_mouse_rate_factor(), factor, 1e-12);
    assert_float_equal(mouse_param("body.k_turn").info.default_value, 0.012 * factor, 1e-12);
    assert_float_equal(mouse_param("messengers.adiponectin_half_life").info.default_value,
                       150.0 / factor, 1e-9);
    assert_float_equal(mouse_param("circulation.VG").info.default_value, 1.88, 1e-12);
    assert_float_equal(mouse_param("body.forbes_C").info.default_value, 10.4 * 0.028 / 78.0, 1e-12);
    assert_float_equal(mouse_param("liver_fat.liver_lean_fraction").info.default_value, 0.05, 0.0);
    assert_float_equal(mouse_param("body.c_ar").info.default_value, 1.0e-4, 0.0);
    /* glucose set point: threshold x2.1, coefficient per glucose / 2.1, on top of the rate rule */
    assert_float_equal(mouse_param("pancreas.h").info.default_value, 91.76 * 2.1, 1e-9);
    assert_float_equal(mouse_param("liver.kp2").info.default_value, 0.0021 * factor / 2.1, 1e-12);
    assert_non_null(strstr(mouse_param("body.k_turn").info.source, "allometric from human 0.012 1/day"));
    for (int i = 0; i < mh_param_count(); i++) {
        mh_species_param p, h;
        mh_species_param_at(MH_SPECIES_MOUSE, i, &p);
        assert_true(strlen(p.info.source) > 10);
        assert_true(isfinite(p.info.default_value));
        assert_true(p.info.lower <= p.info.default_value && p.info.default_value <= p.info.upper);
        /* the human set through the same door is the modules' table, untouched */
        mh_species_param_at(MH_SPECIES_HUMAN, i, &h);
        assert_float_equal(h.info.default_value, mh_param_at(i)->default_value, 0.0);
        assert_string_equal(h.info.source, mh_param_at(i)->source);
    }
}

static void mouse_scenarios_read_mouse_conventions(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = parse("species: mouse\n"
                           "subject: {sex: male, age_weeks: 20.5, weight_g: 31.7}\n"
                           "duration: 2 days\n"
                           "diet: {preset: chow}\n",
                           &err);
    assert_non_null(s);
    assert_int_equal(s->species, MH_SPECIES_MOUSE);
    assert_float_equal(s->subject.weight_kg, 0.0317, 1e-15);
    assert_float_equal(mh_mouse_age_weeks(s->subject.age_y), 20.5, 1e-9);
    /* 3 months = 20 human-equivalent years, 24 months = 69 */
    assert_float_equal(mh_mouse_age_equivalent_y(24.0 * 365.25 / 12.0 / 7.0), 69.0, 1e-9);
    assert_int_equal(s->n_daily_meals, 8);
    double energy = 2.5 * 70.0 * pow(0.0317, 0.75); /* Kleiber x housing */
    assert_float_equal(s->diet_energy_kcal_per_day, energy, 1e-9);
    /* chow: 28.5 % of energy as protein, split over 8 meals */
    assert_float_equal(s->daily_meals[3].protein_g, energy * 0.285 / 4.0 / 8.0, 1e-12);
    mh_scenario_free(s);
    s = parse("species: mouse\nsubject: {weight_g: 31.7}\ndiet: {preset: hfd60}\n", &err);
    assert_non_null(s);
    assert_float_equal(s->diet_energy_kcal_per_day, 1.2 * energy, 1e-9);
    assert_float_equal(s->daily_meals[0].fat_g * 8.0 * 9.0 / s->diet_energy_kcal_per_day, 0.6, 1e-9);
    mh_scenario_free(s);
    /* dexamethasone 20 mg/kg/day in 31.7 g: prednisolone-equivalent mg/day */
    s = parse("species: mouse\nsubject: {weight_g: 31.7}\nduration: 3 days\n"
              "interventions: [{type: dexamethasone, dose_mg_per_kg_per_day: 20, from: day 1}]\n",
              &err);
    assert_non_null(s);
    assert_int_equal(s->interventions[0].target, MH_INTERVENTION_GLUCOCORTICOID);
    assert_float_equal(s->interventions[0].level, 20.0 * 0.0317 * 5.0 / 0.75, 1e-12);
    mh_scenario_free(s);
}

static void species_mismatches_are_located_errors(void **state)
{
    (void)state;
    mh_error err = {0};
    assert_null(parse("duration: 1 day\ndiet: {preset: hfd60}\n", &err));
    assert_non_null(strstr(err.message, "m.yaml:2:16: diet preset 'hfd60' is a mouse diet"));
    assert_null(parse("species: mouse\nsubject: {age_y: 40}\n", &err));
    assert_non_null(strstr(err.message, "m.yaml:2:11: 'age_y' describes a human subject; a mouse "
                                        "gives its age as age_weeks"));
    assert_null(parse("subject: {weight_g: 30}\n", &err));
    assert_non_null(strstr(err.message, "m.yaml:1:11: 'weight_g' describes a mouse"));
    assert_null(parse("species: mouse\noutput: {variables: [grip_strength_kg]}\n", &err));
    assert_non_null(strstr(err.message, "use 'grip_strength_gf' instead of 'grip_strength_kg'"));
    assert_null(parse("species: mouse\nparameters: {body.k_turn: 0.012}\n", &err));
    assert_non_null(strstr(err.message, "m.yaml:2:27: body.k_turn = 0.012 is out of range"));
}

/* The default mouse on chow keeps its weight over four weeks; masses in g. */
static void chow_mouse_keeps_its_weight(void **state)
{
    (void)state;
    mh_result *r = simulated("species: mouse\nduration: 4 weeks\ndiet: {preset: chow}\n"
                             "output: {every: 1 day, variables: [weight_g, muscle_mass_g, "
                             "liver_fat_pct, glucose_mg_dl]}\n");
    int c = mh_result_find_column(r, "weight_g");
    assert_string_equal(mh_result_column_unit(r, c), "g");
    for (size_t row = 0; row < mh_result_rows(r); row++) {
        double w = mh_result_value(r, row, c);
        assert_true(w > 25.0 && w < 30.0);
    }
    assert_true(fabs(last_value(r, "weight_g") - first_value(r, "weight_g")) < 0.5);
    assert_true(fabs(last_value(r, "muscle_mass_g") - first_value(r, "muscle_mass_g")) < 0.5);
    assert_true(fabs(last_value(r, "liver_fat_pct") - 1.5) < 0.5);
    mh_result_free(r);
}

/* Four weeks of 60 % fat: fat mass, weight and liver fat rise. */
static void high_fat_diet_fattens_the_mouse(void **state)
{
    (void)state;
    mh_result *r = simulated("species: mouse\nduration: 4 weeks\ndiet: {preset: hfd60}\n"
                             "output: {every: 1 day, variables: [weight_g, fat_mass_g, "
                             "liver_fat_pct]}\n");
    assert_true(last_value(r, "weight_g") - first_value(r, "weight_g") > 3.0);
    assert_true(last_value(r, "fat_mass_g") > 1.5 * first_value(r, "fat_mass_g"));
    assert_true(last_value(r, "liver_fat_pct") > first_value(r, "liver_fat_pct") + 0.5);
    mh_result_free(r);
}

/* The seed study's crosstalk works in the mouse: unloading raises muscle CCL2,
 * and blocking CCL2 removes most of it. */
static void ccl2_block_works_in_a_mouse(void **state)
{
    (void)state;
    const char *base = "species: mouse\nduration: 10 days\ndiet: {preset: chow}\n"
                       "output: {every: 1 day, variables: [ccl2_pg_ml, muscle_mass_g]}\n"
                       "interventions:\n  - {type: hindlimb_unloading}\n";
    char blocked[512];
    snprintf(blocked, sizeof blocked, "%s  - {type: block, target: ccl2, efficacy: 0.8}\n", base);
    mh_result *free_run = simulated(base), *block_run = simulated(blocked);
    double unloaded = last_value(free_run, "ccl2_pg_ml");
    assert_true(unloaded > first_value(free_run, "ccl2_pg_ml"));
    assert_true(last_value(block_run, "ccl2_pg_ml") < 0.5 * unloaded);
    assert_true(last_value(free_run, "muscle_mass_g") < first_value(free_run, "muscle_mass_g"));
    mh_result_free(free_run);
    mh_result_free(block_run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mouse_parameters_follow_the_stated_rules),
        cmocka_unit_test(mouse_scenarios_read_mouse_conventions),
        cmocka_unit_test(species_mismatches_are_located_errors),
        cmocka_unit_test(chow_mouse_keeps_its_weight),
        cmocka_unit_test(high_fat_diet_fattens_the_mouse),
        cmocka_unit_test(ccl2_block_works_in_a_mouse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
