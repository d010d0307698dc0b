/*
 * test_stability.c - a healthy adult on ordinary meals for ten simulated years
 * stays physiological (MODEL-BRIEF section 7): weight, liver fat, inflammation
 * and fibrosis stand still; muscle mass and strength fall only as ageing from
 * 40 to 50 explains (muscle about -0.3 %/yr: ageing studies find 0.3-0.5 %/yr in
 * midlife and 0.6-1 %/yr after 70, Mitchell 2012 Front Physiol 3:260).
 * Runs data/scenarios/ten-years-healthy.yaml, minute-resolved (a few minutes in
 * a Release build; labelled "long", and left out of the sanitizer pass).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "myohep/myohep.h"

static double column_at(const mh_result *r, const char *name, size_t row)
{
    int c = mh_result_find_column(r, name);
    assert_true(c >= 0);
    return mh_result_value(r, row, c);
}

/* Largest and smallest value of a column over the run. */
static void column_range(const mh_result *r, const char *name, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < mh_result_rows(r); i++) {
        double v = column_at(r, name, i);
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

static void ten_years_stay_physiological(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = NULL;
    assert_int_equal(
        mh_scenario_load(MYOHEP_SOURCE_DIR "/data/scenarios/ten-years-healthy.yaml", &s, &err), MH_OK);
    mh_result *r = NULL;
    if (mh_simulate(s, NULL, &r, &err) != MH_OK)
        fail_msg("%s", err.message);
    size_t last = mh_result_rows(r) - 1;
    assert_true(mh_result_time_min(r, last) >= 10 * 365 * 1440.0);
    double lo, hi;
    column_range(r, "weight_kg", &lo, &hi);
    if (lo < 78.0 - 1.5 || hi > 78.0 + 1.5)
        fail_msg("weight left 76.5-79.5 kg: %g to %g", lo, hi);
    column_range(r, "liver_fat_pct", &lo, &hi);
    if (lo < 1.5 || hi > 4.5)
        fail_msg("liver fat left 1.5-4.5 %%: %g to %g", lo, hi);
    column_range(r, "nash_activity", &lo, &hi);
    if (hi > 1.5)
        fail_msg("NAFLD activity rose to %g in a healthy liver", hi);
    column_range(r, "fibrosis_stage", &lo, &hi);
    if (hi > 0.2)
        fail_msg("fibrosis rose to stage %g in a healthy liver", hi);
    column_range(r, "hba1c_pct", &lo, &hi);
    if (lo < 4.6 || hi > 5.7)
        fail_msg("HbA1c left 4.6-5.7 %%: %g to %g", lo, hi);
    double muscle = column_at(r, "muscle_mass_kg", last) / column_at(r, "muscle_mass_kg", 0) - 1.0;
    if (muscle < -0.06 || muscle > -0.01)
        fail_msg("muscle mass changed %+.1f %% in ten years (ageing: -1 to -6 %%)", 100.0 * muscle);
    double grip = column_at(r, "grip_strength_kg", last) / column_at(r, "grip_strength_kg", 0) - 1.0;
    if (grip > muscle || grip < -0.15)
        fail_msg("grip changed %+.1f %% (muscle %+.1f %%): strength must fall faster than mass, "
                 "and by less than 15 %% from 40 to 50",
                 100.0 * grip, 100.0 * muscle);
    mh_result_free(r);
    mh_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ten_years_stay_physiological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
