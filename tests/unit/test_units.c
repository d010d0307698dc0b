/*
 * test_units.c - durations, clock times, moments, unit conversions and the
 * clinical formulas (TARGETS.md section B), against hand-computed values.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/suggest.h"
#include "core/units.h"
#include "myohep/myohep.h"

static void durations(void **state)
{
    (void)state;
    char why[256];
    double m;
    assert_true(mh_parse_duration("90 min", &m, why, sizeof why));
    assert_float_equal(m, 90.0, 1e-12);
    assert_true(mh_parse_duration("36 h", &m, why, sizeof why));
    assert_float_equal(m, 2160.0, 1e-12);
    assert_true(mh_parse_duration("2.385 days", &m, why, sizeof why));
    assert_float_equal(m, 2.385 * 1440.0, 1e-9);
    assert_true(mh_parse_duration("12 weeks", &m, why, sizeof why));
    assert_float_equal(m, 120960.0, 1e-9);
    assert_true(mh_parse_duration("2 years", &m, why, sizeof why));
    assert_float_equal(m, 2.0 * 365.25 * 1440.0, 1e-6);
    assert_false(mh_parse_duration("2 month", &m, why, sizeof why));
    assert_non_null(strstr(why, "unknown time unit 'month'"));
    assert_false(mh_parse_duration("-5 min", &m, why, sizeof why));
    assert_false(mh_parse_duration("5", &m, why, sizeof why));
    assert_false(mh_parse_duration("min", &m, why, sizeof why));
    assert_false(mh_parse_duration("5 min extra", &m, why, sizeof why));
    assert_false(mh_parse_duration("1e3 min", &m, why, sizeof why));
}

static void clocks_and_moments(void **state)
{
    (void)state;
    char why[256];
    double m;
    assert_true(mh_parse_clock("07:30", &m, why, sizeof why));
    assert_float_equal(m, 450.0, 1e-12);
    assert_true(mh_parse_clock("23:59", &m, why, sizeof why));
    assert_float_equal(m, 1439.0, 1e-12);
    assert_false(mh_parse_clock("24:00", &m, why, sizeof why));
    assert_false(mh_parse_clock("7:3", &m, why, sizeof why));
    assert_false(mh_parse_clock("07:60", &m, why, sizeof why));
    assert_true(mh_parse_moment("day 3 08:00", &m, why, sizeof why));
    assert_float_equal(m, 3 * 1440.0 + 480.0, 1e-12);
    assert_true(mh_parse_moment("day 30", &m, why, sizeof why));
    assert_float_equal(m, 30 * 1440.0, 1e-12);
    assert_true(mh_parse_moment("week 2", &m, why, sizeof why));
    assert_float_equal(m, 14 * 1440.0, 1e-12);
    assert_false(mh_parse_moment("week 2 08:00", &m, why, sizeof why));
    assert_non_null(strstr(why, "ambiguous"));
    assert_false(mh_parse_moment("day 1.5", &m, why, sizeof why));
    assert_false(mh_parse_moment("08:00", &m, why, sizeof why));
    assert_false(mh_parse_moment("day -1", &m, why, sizeof why));
    char buf[64];
    mh_format_moment(1440.0 + 483.0, buf, sizeof buf);
    assert_string_equal(buf, "day 1 08:03");
    mh_format_moment(90.5, buf, sizeof buf);
    assert_string_equal(buf, "day 0 01:30:30");
    mh_format_duration(2160.0, buf, sizeof buf);
    assert_string_equal(buf, "36 h");
}

static void conversions_and_formulas(void **state)
{
    (void)state;
    assert_float_equal(mh_glucose_mmol_l_from_mg_dl(91.8), 5.1, 1e-12);
    assert_float_equal(mh_insulin_uu_ml_from_pmol_l(25.5), 4.25, 1e-12);
    /* HOMA-IR: 5.1 mmol/L x (25.5 / 6 uU/mL) / 22.5 = 0.963333... */
    assert_float_equal(mh_homa_ir(5.1, 25.5), 5.1 * 4.25 / 22.5, 1e-12);
    assert_float_equal(mh_homa_ir(6.385, 72.3), 6.385 * 12.05 / 22.5, 1e-12);
    /* HOMA-%B: 20 x 12.05 / (6.385 - 3.5) = 83.5355... */
    assert_float_equal(mh_homa_beta_pct(6.385, 72.3), 20.0 * 12.05 / 2.885, 1e-9);
    assert_true(isnan(mh_homa_beta_pct(3.5, 72.3)));
}

static void suggestions(void **state)
{
    (void)state;
    const char *keys[] = {"weight_kg", "height_cm", "age_y", "sex"};
    assert_string_equal(mh_suggest("weigth_kg", keys, 4), "weight_kg");
    assert_string_equal(mh_suggest("hieght_cm", keys, 4), "height_cm");
    assert_null(mh_suggest("liver_fat_pct", keys, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations),
        cmocka_unit_test(clocks_and_moments),
        cmocka_unit_test(conversions_and_formulas),
        cmocka_unit_test(suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
