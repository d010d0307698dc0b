/*
 * test_golden.c - the default two-day scenario against its recorded output.
 *
 * tests/golden/two-day.csv was written by
 *   myohep run data/scenarios/default.yaml --every '30 min' -o tests/golden/two-day.csv
 * Every value must agree to 6 significant digits (relative difference below
 * 5e-6). Regenerate the file only for an intended change of the model, and say
 * why in the commit.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plot/series.h"
#include "scenario/scenario.h"

static void two_days_match_the_golden_run(void **state)
{
    (void)state;
    mh_error err = {0};
    mh_scenario *s = NULL;
    assert_int_equal(mh_scenario_load(MYOHEP_SOURCE_DIR "/data/scenarios/default.yaml", &s, &err), MH_OK);
    assert_int_equal(mh_scenario_set_every(s, "30 min", &err), MH_OK);
    mh_result *r = NULL;
    assert_int_equal(mh_simulate(s, NULL, &r, &err), MH_OK);
    mh_series golden;
    assert_int_equal(mh_series_read(MYOHEP_SOURCE_DIR "/tests/golden/two-day.csv", &golden, &err), MH_OK);
    assert_int_equal((int)golden.n_rows, (int)mh_result_rows(r));
    assert_int_equal(golden.n_columns, mh_result_columns(r) + 1);
    int compared = 0;
    for (size_t i = 0; i < golden.n_rows; i++) {
        assert_float_equal(golden.data[i * (size_t)golden.n_columns], mh_result_time_min(r, i), 1e-9);
        for (int c = 1; c < golden.n_columns; c++) {
            assert_string_equal(golden.names[c], mh_result_column_name(r, c - 1));
            double want = golden.data[i * (size_t)golden.n_columns + (size_t)c];
            double got = mh_result_value(r, i, c - 1);
            double scale = fmax(fabs(want), fabs(got));
            if (fabs(want - got) > 5e-6 * scale + 1e-12)
                fail_msg("row %zu (t = %g min) %s: golden %.10g, simulated %.10g", i,
                         mh_result_time_min(r, i), golden.names[c], want, got);
            compared++;
        }
    }
    assert_true(compared > 400);
    mh_series_free(&golden);
    mh_result_free(r);
    mh_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_days_match_the_golden_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
