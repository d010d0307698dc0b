/*
 * test_solver.c - sampling, events and the report of a solver failure.
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
#include "solver/solver.h"

typedef struct recorder {
    int n;
    double t[64];
} recorder;

static mh_status record(double t, const double *y, void *user, mh_error *err)
{
    (void)y;
    (void)err;
    recorder *r = user;
    if (r->n < 64)
        r->t[r->n] = t;
    r->n++;
    return MH_OK;
}

static void samples_fall_on_the_grid_and_the_end(void **state)
{
    (void)state;
    assert_int_equal(mh_solver_sample_count(60.0, 7.0), 10); /* 0, 7, ..., 56, then 60 */
    assert_int_equal(mh_solver_sample_count(60.0, 6.0), 11);
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    double *y = calloc((size_t)mh_model_state_count(m), sizeof *y);
    mh_model_basal_guess(m, y);
    mh_event meal = {.time_min = 23.5, .kind = MH_EVENT_MEAL, .carbs_g = 48.3};
    recorder r = {0};
    mh_solver_plan plan = {.t_end_min = 60.0, .every_min = 7.0, .events = &meal, .n_events = 1,
                           .sample = record, .sample_user = &r};
    assert_int_equal(mh_solver_run(s, y, &plan, NULL), MH_OK);
    assert_int_equal(r.n, 10);
    assert_float_equal(r.t[3], 21.0, 1e-12);
    assert_float_equal(r.t[9], 60.0, 1e-12);
    mh_solver_stats st;
    mh_solver_get_stats(s, &st);
    assert_true(st.steps > 0 && st.rhs_evals >= st.steps);
    assert_int_equal(st.reinits, 2); /* the start and the meal */
    free(y);
    mh_solver_free(s);
    mh_model_free(m);
}

/* A state that is not a number makes the right-hand side fail; the report
 * must say when and which state. */
static void failure_names_time_and_state(void **state)
{
    (void)state;
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    int n = mh_model_state_count(m);
    double *y = calloc((size_t)n, sizeof *y);
    mh_model_basal_guess(m, y);
    y[1] = NAN; /* circulation.insulin_plasma */
    recorder r = {0};
    mh_solver_plan plan = {.t_end_min = 30.0, .every_min = 10.0, .sample = record, .sample_user = &r};
    mh_error err = {0};
    assert_int_equal(mh_solver_run(s, y, &plan, &err), MH_ERR_SOLVER);
    assert_non_null(strstr(err.message, "day 0 00:00"));
    assert_non_null(strstr(err.message, "circulation.insulin_plasma"));
    free(y);
    mh_solver_free(s);
    mh_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(samples_fall_on_the_grid_and_the_end),
        cmocka_unit_test(failure_names_time_and_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
