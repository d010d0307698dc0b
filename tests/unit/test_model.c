/*
 * test_model.c - registry-wide invariants. They loop over every module, so a
 * new module or parameter is covered without touching this file.
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

#include "model/model.h"
#include "physio/registry.h"
#include "solver/solver.h"

static void every_parameter_is_documented_and_in_bounds(void **state)
{
    (void)state;
    int n = mh_param_count();
    assert_true(n > 30);
    for (int i = 0; i < n; i++) {
        const mh_param_info *p = mh_param_at(i);
        assert_non_null(strchr(p->name, '.'));
        assert_true(strlen(p->unit) > 0);
        assert_true(strlen(p->source) > 5);
        assert_true(strlen(p->description) > 5);
        assert_true(p->lower < p->upper);
        assert_true(p->default_value >= p->lower && p->default_value <= p->upper);
        assert_true(p->population_cv >= 0.0 && p->population_cv <= 1.0);
        assert_int_equal(mh_param_find(p->name), i);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(mh_param_at(j)->name, p->name);
    }
}

static void every_output_state_and_flux_is_described(void **state)
{
    (void)state;
    for (int i = 0; i < mh_var_count(); i++) {
        const mh_var_info *v = mh_var_at(i);
        assert_true(strlen(v->name) > 2 && strlen(v->unit) > 0 && strlen(v->description) > 5);
        assert_int_equal(mh_var_find(v->name), i);
    }
    for (int m = 0; m < mh_module_count; m++) {
        const mh_module *mod = mh_modules[m];
        assert_true(strlen(mod->summary) > 5);
        for (int s = 0; s < mod->n_states; s++)
            assert_true(mod->states[s].scale > 0.0 && strlen(mod->states[s].unit) > 0);
        for (int f = 0; f < mod->n_fluxes; f++) {
            const mh_flux_def *fd = &mod->fluxes[f];
            assert_true(fd->from_pool >= MH_POOL_NONE && fd->from_pool < MH_POOL_COUNT);
            assert_true(fd->to_pool >= MH_POOL_NONE && fd->to_pool < MH_POOL_COUNT);
            assert_true(fd->from_pool != fd->to_pool || fd->from_pool == MH_POOL_NONE);
            /* A flux moving mass between pools must carry the pools' amount unit per minute. */
            mh_pool p = fd->from_pool != MH_POOL_NONE ? fd->from_pool : fd->to_pool;
            if (p != MH_POOL_NONE) {
                char expected[64];
                snprintf(expected, sizeof expected, "%s/min", mh_pool_amount_unit(p));
                assert_string_equal(fd->unit, expected);
            }
        }
    }
}

/* The healthy default adult settles into a steady post-absorptive state. */
static void healthy_basal_state_is_steady(void **state)
{
    (void)state;
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    int n = mh_model_state_count(m);
    double *y = calloc((size_t)n, sizeof *y), *dy = calloc((size_t)n, sizeof *dy);
    mh_model_basal_guess(m, y);
    assert_int_equal(mh_solver_settle(s, y, NULL), MH_OK);
    assert_int_equal(mh_model_rhs(m, 0.0, y, dy), 0);
    /* Fast states are steady; stores (glycogen) and slow states follow their own course. */
    int fast = 0;
    for (int i = 0; i < n; i++) {
        if (mh_model_state_def(m, i)->timescale != MH_FAST)
            continue;
        assert_true(fabs(dy[i]) / mh_model_state_def(m, i)->scale < 1e-6);
        fast++;
    }
    assert_true(fast > 10);
    free(y);
    free(dy);
    mh_solver_free(s);
    mh_model_free(m);
}

/* Fluxes and outputs stay finite over a spread of states around basal and with
 * every parameter at each of its bounds. */
static void fluxes_are_finite(void **state)
{
    (void)state;
    mh_model *m;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    int n = mh_model_state_count(m);
    double *y0 = calloc((size_t)n, sizeof *y0), *y = calloc((size_t)n, sizeof *y);
    double *dy = calloc((size_t)n, sizeof *dy), *out = calloc((size_t)mh_var_count(), sizeof *out);
    mh_model_basal_guess(m, y0);
    /* Deterministic multipliers from a golden-ratio sequence, 0 to 4 times basal. */
    for (int k = 0; k < 200; k++) {
        for (int i = 0; i < n; i++) {
            double u = fmod(0.6180339887 * (k * n + i + 1), 1.0);
            y[i] = 4.0 * u * (y0[i] != 0.0 ? y0[i] : mh_model_state_def(m, i)->scale);
        }
        assert_int_equal(mh_model_rhs(m, 0.0, y, dy), 0);
        mh_model_outputs(m, 0.0, y, out);
        for (int v = 0; v < mh_var_count(); v++)
            assert_true(isfinite(out[v]));
    }
    for (int p = 0; p < mh_param_count(); p++) {
        const mh_param_info *info = mh_param_at(p);
        double bounds[2] = {info->lower, info->upper};
        for (int b = 0; b < 2; b++) {
            assert_int_equal(mh_model_set_param(m, p, bounds[b], NULL), MH_OK);
            mh_model_basal_guess(m, y);
            assert_int_equal(mh_model_rhs(m, 0.0, y, dy), 0);
        }
        assert_int_equal(mh_model_set_param(m, p, info->default_value, NULL), MH_OK);
    }
    mh_error err;
    assert_int_equal(mh_model_set_param(m, 0, -2.385, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "outside its bounds"));
    free(y0);
    free(y);
    free(dy);
    free(out);
    mh_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_parameter_is_documented_and_in_bounds),
        cmocka_unit_test(every_output_state_and_flux_is_described),
        cmocka_unit_test(healthy_basal_state_is_steady),
        cmocka_unit_test(fluxes_are_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
