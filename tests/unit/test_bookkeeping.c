/*
 * test_bookkeeping.c - mass balance over a day with meals.
 *
 * The fluxes are integrated (trapezoid, 0.25-min samples) over a day of three
 * meals and a 50-min run, and compared with the change of what they fill or drain:
 *   every pool:      delta amount = integral of the signed fluxes naming it
 *   meal glucose:    ingested = absorbed (to plasma + first pass) + still in the gut
 *   meal fat:        ingested = absorbed as chylomicrons + still in the gut
 *   liver glycogen:  delta = integral(synthesis - glycogenolysis)
 *   muscle glycogen: delta = integral(synthesis - glycogenolysis)
 * Each must close to 0.5 % of the largest term (the integration error of the
 * sampled fluxes is far smaller). Events fall midway between samples, where the
 * trapezoid rule integrates their step changes exactly.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"
#include "physio/registry.h"
#include "solver/solver.h"

typedef struct ledger {
    mh_model *model;
    int n_fluxes;
    double *integral, *previous, previous_t;
    int started;
    double *out;
} ledger;

static mh_status accumulate(double t, const double *y, void *user, mh_error *err)
{
    (void)err;
    ledger *l = user;
    mh_model_outputs(l->model, t, y, l->out); /* evaluates the fluxes at (t, y) */
    const double *f = mh_model_fluxes(l->model);
    for (int i = 0; i < l->n_fluxes; i++) {
        if (l->started)
            l->integral[i] += 0.5 * (f[i] + l->previous[i]) * (t - l->previous_t);
        l->previous[i] = f[i];
    }
    l->previous_t = t;
    l->started = 1;
    return MH_OK;
}

static int flux_index(const mh_model *m, const char *module, const char *name)
{
    for (int i = 0; i < mh_model_flux_count(m); i++) {
        const mh_module *owner;
        const mh_flux_def *d = mh_model_flux_def(m, i, &owner);
        if (strcmp(owner->name, module) == 0 && strcmp(d->name, name) == 0)
            return i;
    }
    fail_msg("no flux %s.%s", module, name);
    return -1;
}

static int state_index(const mh_model *m, const char *name)
{
    char buf[96];
    for (int i = 0; i < mh_model_state_count(m); i++) {
        mh_model_state_name(m, i, buf, sizeof buf);
        if (strcmp(buf, name) == 0)
            return i;
    }
    fail_msg("no state %s", name);
    return -1;
}

static void check_closes(const char *what, double change, double sum, double scale)
{
    if (fabs(change - sum) > 0.005 * scale)
        fail_msg("%s does not close: change %.6g, fluxes %.6g (scale %.6g)", what, change, sum,
                 scale);
}

static void a_day_of_meals_closes(void **state)
{
    (void)state;
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    const double weight = 71.3;
    mh_model_inputs(m)->body_weight_kg = weight;
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    int n = mh_model_state_count(m);
    double *y = calloc((size_t)n, sizeof *y), *y0 = calloc((size_t)n, sizeof *y0);
    mh_model_basal_guess(m, y);
    assert_int_equal(mh_solver_settle(s, y, NULL), MH_OK);
    memcpy(y0, y, sizeof(double) * (size_t)n);
    mh_event meals[] = {{.time_min = 450.125, .kind = MH_EVENT_MEAL, .carbs_g = 83.7},
                        {.time_min = 750.125, .kind = MH_EVENT_MEAL, .carbs_g = 61.2,
                         .fat_g = 31.4, .protein_g = 22.7, .fructose_g = 12.3, .alcohol_g = 14.1},
                        {.time_min = 960.125, .kind = MH_EVENT_EXERCISE, .intensity = 0.685,
                         .exercise = MH_EXERCISE_AEROBIC},
                        {.time_min = 1010.125, .kind = MH_EVENT_EXERCISE, .intensity = 0.0},
                        {.time_min = 1140.125, .kind = MH_EVENT_MEAL, .carbs_g = 97.9}};
    ledger l = {.model = m, .n_fluxes = mh_model_flux_count(m)};
    l.integral = calloc((size_t)l.n_fluxes, sizeof(double));
    l.previous = calloc((size_t)l.n_fluxes, sizeof(double));
    l.out = calloc((size_t)mh_var_count(), sizeof(double));
    mh_solver_plan plan = {.t_end_min = 1440.0, .every_min = 0.25, .events = meals, .n_events = 5,
                           .sample = accumulate, .sample_user = &l};
    assert_int_equal(mh_solver_run(s, y, &plan, NULL), MH_OK);

    /* Every pool: the change of its amount against its signed fluxes. */
    for (int p = 0; p < MH_POOL_COUNT; p++) {
        double sum = 0.0, scale = fabs(y0[p]) + fabs(y[p]);
        for (int i = 0; i < l.n_fluxes; i++) {
            const mh_flux_def *d = mh_model_flux_def(m, i, NULL);
            if (d->to_pool == (mh_pool)p)
                sum += l.integral[i];
            if (d->from_pool == (mh_pool)p)
                sum -= l.integral[i];
            if (d->to_pool == (mh_pool)p || d->from_pool == (mh_pool)p)
                scale = fmax(scale, fabs(l.integral[i]));
        }
        check_closes(mh_pool_name((mh_pool)p), y[p] - y0[p], sum, scale);
    }

    /* Meal glucose: 242.8 g eaten = absorbed + what is left in the stomach and gut. */
    double eaten_mg = (83.7 + 61.2 + 97.9) * 1000.0;
    double absorbed_mg = (l.integral[flux_index(m, "gut", "ra")] / 0.9) * weight;
    double left_mg = y[state_index(m, "gut.qsto1")] + y[state_index(m, "gut.qsto2")] +
                     y[state_index(m, "gut.qgut")];
    check_closes("meal glucose", eaten_mg, absorbed_mg + left_mg, eaten_mg);

    /* Liver and muscle glycogen against their synthesis and breakdown. */
    int lg = state_index(m, "liver.glycogen"), mg = state_index(m, "muscle.glycogen");
    int mw = state_index(m, "muscle.glycogen_working");
    double liver_sum = l.integral[flux_index(m, "liver", "glycogen_synthesis")] -
                       l.integral[flux_index(m, "liver", "glycogenolysis")];
    check_closes("liver glycogen", y[lg] - y0[lg], liver_sum,
                 l.integral[flux_index(m, "liver", "glycogen_synthesis")]);
    double muscle_sum = l.integral[flux_index(m, "muscle", "glycogen_synthesis")] -
                        l.integral[flux_index(m, "muscle", "glycogenolysis")];
    check_closes("muscle glycogen", y[mg] - y0[mg], muscle_sum,
                 l.integral[flux_index(m, "muscle", "glycogen_synthesis")]);
    double working_sum = l.integral[flux_index(m, "muscle", "glycogen_synthesis_working")] -
                         l.integral[flux_index(m, "muscle", "glycogenolysis_working")];
    check_closes("working muscle glycogen", y[mw] - y0[mw], working_sum,
                 l.integral[flux_index(m, "muscle", "glycogen_synthesis_working")]);
    /* The day stored glycogen: the test would pass vacuously otherwise. */
    assert_true(l.integral[flux_index(m, "liver", "glycogen_synthesis")] > 100.0);
    assert_true(l.integral[flux_index(m, "muscle", "glycogen_synthesis")] > 100.0);
    assert_true(l.integral[flux_index(m, "muscle", "glycogenolysis_working")] > 100.0);
    assert_true(l.integral[flux_index(m, "muscle", "contraction_uptake")] > 50.0);
    assert_true(l.integral[flux_index(m, "muscle", "exercise_ffa_uptake")] > 50.0);
    assert_true(l.integral[flux_index(m, "gut", "chylomicron_secretion")] > 100.0);
    assert_true(l.integral[flux_index(m, "liver", "ethanol_oxidation")] > 100.0);

    /* Meal fat: 31.4 g eaten = absorbed (chylomicrons / f_fat) + still in the gut. */
    double fat_eaten_umol = 31.4 * 1000.0 * 1.13;
    double fat_absorbed = l.integral[flux_index(m, "gut", "chylomicron_secretion")] / 0.95 * weight;
    double fat_left = (y[state_index(m, "gut.fat_stomach")] + y[state_index(m, "gut.fat_enterocyte")]) * 1.13;
    check_closes("meal fat", fat_eaten_umol, fat_absorbed + fat_left, fat_eaten_umol);

    free(l.integral);
    free(l.previous);
    free(l.out);
    free(y);
    free(y0);
    mh_solver_free(s);
    mh_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_day_of_meals_closes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
