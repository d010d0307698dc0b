/*
 * test_scores.c - the clinical scores of analysis/scores.c (TARGETS.md section B) against
 * hand-computed values, class boundaries on both sides of every cut-off, and NAN (or
 * MH_CLASS_INVALID) for invalid inputs.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/scores.h"

static void fib4(void **state)
{
    (void)state;
    /* TARGETS B: 55 x 40 / (200 x sqrt 50) = 2200 / 1414.214 = 1.5556 (TARGETS: 1.56). */
    assert_float_equal(mh_fib4(55.0, 40.0, 50.0, 200.0), 2200.0 / (200.0 * sqrt(50.0)), 1e-12);
    assert_float_equal(mh_fib4(55.0, 40.0, 50.0, 200.0), 1.5556, 1e-4);
    /* 67.3 x 52 / (143 x sqrt 38.5) = 3499.6 / (143 x 6.20484) = 3499.6 / 887.292 = 3.9441. */
    assert_float_equal(mh_fib4(67.3, 52.0, 38.5, 143.0), 3.9441, 1e-4);
    assert_true(isnan(mh_fib4(55.0, 40.0, 50.0, 0.0)));
    assert_true(isnan(mh_fib4(55.0, 40.0, -50.0, 200.0)));
    assert_true(isnan(mh_fib4(55.0, 0.0, 50.0, 200.0)));
    assert_true(isnan(mh_fib4(NAN, 40.0, 50.0, 200.0)));
    assert_true(isnan(mh_fib4(55.0, 40.0, INFINITY, 200.0)));
}

static void fib4_classes(void **state)
{
    (void)state;
    assert_int_equal(mh_fib4_class(1.2999, 55.0), MH_CLASS_LOW);
    assert_int_equal(mh_fib4_class(1.30, 55.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fib4_class(1.5556, 55.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fib4_class(2.67, 55.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fib4_class(2.6701, 55.0), MH_CLASS_HIGH);
    /* From 65 y the low cut-off is 2.0 (McPherson 2017); the high one stays 2.67. */
    assert_int_equal(mh_fib4_class(1.9999, 65.0), MH_CLASS_LOW);
    assert_int_equal(mh_fib4_class(2.0, 65.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fib4_class(1.9999, 64.9), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fib4_class(2.6701, 67.3), MH_CLASS_HIGH);
    assert_int_equal(mh_fib4_class(NAN, 55.0), MH_CLASS_INVALID);
    assert_int_equal(mh_fib4_class(1.5556, NAN), MH_CLASS_INVALID);
    assert_int_equal(mh_fib4_class(1.5556, 0.0), MH_CLASS_INVALID);
    assert_int_equal(mh_fib4_class(mh_fib4(55.0, 40.0, 50.0, 0.0), 55.0), MH_CLASS_INVALID);
}

static void nafld_fibrosis(void **state)
{
    (void)state;
    /* age 52, BMI 31.4, IFG, AST 38, ALT 47, platelets 212, albumin 4.3 g/dL:
     * -1.675 + 1.924 + 2.9516 + 1.13 + 0.99 x 0.808511 (0.800426) - 2.756 - 2.838
     * = -0.462974 */
    double nfs = mh_nafld_fibrosis_score(52.0, 31.4, true, 38.0, 47.0, 212.0, 4.3);
    assert_float_equal(nfs, -0.462974, 1e-6);
    assert_int_equal(mh_nafld_fibrosis_class(nfs), MH_CLASS_INDETERMINATE);
    /* Same without IFG/diabetes: 1.13 lower = -1.592974, excludes advanced fibrosis. */
    nfs = mh_nafld_fibrosis_score(52.0, 31.4, false, 38.0, 47.0, 212.0, 4.3);
    assert_float_equal(nfs, -1.592974, 1e-6);
    assert_int_equal(mh_nafld_fibrosis_class(nfs), MH_CLASS_LOW);
    /* age 68.2, BMI 33.7, no IFG, AST 61, ALT 43, platelets 118, albumin 3.6:
     * -1.675 + 2.5234 + 3.1678 + 0 + 0.99 x 1.418605 (1.404419) - 1.534 - 2.376 = 1.510619 */
    nfs = mh_nafld_fibrosis_score(68.2, 33.7, false, 61.0, 43.0, 118.0, 3.6);
    assert_float_equal(nfs, 1.510619, 1e-6);
    assert_int_equal(mh_nafld_fibrosis_class(nfs), MH_CLASS_HIGH);

    assert_int_equal(mh_nafld_fibrosis_class(-1.4551), MH_CLASS_LOW);
    assert_int_equal(mh_nafld_fibrosis_class(-1.455), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_nafld_fibrosis_class(0.676), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_nafld_fibrosis_class(0.6761), MH_CLASS_HIGH);
    assert_int_equal(mh_nafld_fibrosis_class(NAN), MH_CLASS_INVALID);

    assert_true(isnan(mh_nafld_fibrosis_score(52.0, 31.4, true, 38.0, 0.0, 212.0, 4.3)));
    assert_true(isnan(mh_nafld_fibrosis_score(52.0, 31.4, true, 38.0, 47.0, -212.0, 4.3)));
    assert_true(isnan(mh_nafld_fibrosis_score(52.0, 31.4, true, 38.0, 47.0, 212.0, 0.0)));
    assert_true(isnan(mh_nafld_fibrosis_score(52.0, NAN, true, 38.0, 47.0, 212.0, 4.3)));
    assert_true(isnan(mh_nafld_fibrosis_score(0.0, 31.4, true, 38.0, 47.0, 212.0, 4.3)));
}

static void hepatic_steatosis_index(void **state)
{
    (void)state;
    /* ALT 47, AST 38, BMI 31.4, female, diabetes: 8 x 1.236842 + 31.4 + 2 + 2 = 45.294737 */
    double hsi = mh_hsi(47.0, 38.0, 31.4, MH_SCORE_FEMALE, true);
    assert_float_equal(hsi, 45.294737, 1e-6);
    assert_int_equal(mh_hsi_class(hsi), MH_CLASS_HIGH);
    /* Male without diabetes: the 4 points go: 41.294737. */
    assert_float_equal(mh_hsi(47.0, 38.0, 31.4, MH_SCORE_MALE, false), 41.294737, 1e-6);
    /* Each addition alone is 2 points. */
    assert_float_equal(mh_hsi(47.0, 38.0, 31.4, MH_SCORE_FEMALE, false), 43.294737, 1e-6);
    assert_float_equal(mh_hsi(47.0, 38.0, 31.4, MH_SCORE_MALE, true), 43.294737, 1e-6);
    /* ALT 23.5, AST 31.2, BMI 24.3, male: 8 x 0.753205 + 24.3 = 30.325641 */
    hsi = mh_hsi(23.5, 31.2, 24.3, MH_SCORE_MALE, false);
    assert_float_equal(hsi, 30.325641, 1e-6);
    assert_int_equal(mh_hsi_class(hsi), MH_CLASS_INDETERMINATE);

    assert_int_equal(mh_hsi_class(29.999), MH_CLASS_LOW);
    assert_int_equal(mh_hsi_class(30.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_hsi_class(36.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_hsi_class(36.001), MH_CLASS_HIGH);
    assert_int_equal(mh_hsi_class(NAN), MH_CLASS_INVALID);

    assert_true(isnan(mh_hsi(47.0, 0.0, 31.4, MH_SCORE_MALE, false)));
    assert_true(isnan(mh_hsi(-47.0, 38.0, 31.4, MH_SCORE_MALE, false)));
    assert_true(isnan(mh_hsi(47.0, 38.0, NAN, MH_SCORE_MALE, false)));
    assert_true(isnan(mh_hsi(47.0, 38.0, 31.4, (mh_score_sex)7, false)));
}

static void fatty_liver_index(void **state)
{
    (void)state;
    /* TG 150 mg/dL, BMI 28, GGT 40, waist 95:
     * y = 0.953 x 5.010635 (4.775135) + 3.892 + 0.718 x 3.688879 (2.648615) + 5.035 - 15.745
     *   = 0.605751; FLI = 100 / (1 + e^-0.605751) = 100 / 1.545678 = 64.6971 */
    double fli = mh_fli(150.0, 28.0, 40.0, 95.0);
    assert_float_equal(fli, 64.6971, 1e-4);
    assert_int_equal(mh_fli_class(fli), MH_CLASS_HIGH);
    /* TG 1.23 mmol/L = 108.9411 mg/dL, BMI 23.1, GGT 18.5, waist 81.5:
     * y = 0.953 x 4.690806 (4.470338) + 3.2109 + 0.718 x 2.917771 (2.094960) + 4.3195
     *     - 15.745 = -1.649301; FLI = 100 / (1 + 5.203378) = 16.1203 */
    double tg_mg_dl = mh_tg_mg_dl_from_mmol_l(1.23);
    assert_float_equal(tg_mg_dl, 108.9411, 1e-9);
    fli = mh_fli(tg_mg_dl, 23.1, 18.5, 81.5);
    assert_float_equal(fli, 16.1203, 1e-4);
    assert_int_equal(mh_fli_class(fli), MH_CLASS_LOW);
    /* Extreme inputs stay in [0, 100] rather than overflowing. */
    assert_float_equal(mh_fli(1e300, 28.0, 1e300, 95.0), 100.0, 1e-12);
    assert_true(mh_fli(1e-300, 1e-3, 1e-300, 1e-3) >= 0.0);

    assert_int_equal(mh_fli_class(29.999), MH_CLASS_LOW);
    assert_int_equal(mh_fli_class(30.0), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fli_class(59.999), MH_CLASS_INDETERMINATE);
    assert_int_equal(mh_fli_class(60.0), MH_CLASS_HIGH);
    assert_int_equal(mh_fli_class(NAN), MH_CLASS_INVALID);
    assert_int_equal(mh_fli_class(-0.1), MH_CLASS_INVALID);
    assert_int_equal(mh_fli_class(100.1), MH_CLASS_INVALID);

    assert_true(isnan(mh_fli(0.0, 28.0, 40.0, 95.0)));
    assert_true(isnan(mh_fli(150.0, 28.0, -40.0, 95.0)));
    assert_true(isnan(mh_fli(150.0, 28.0, 40.0, NAN)));
    assert_true(isnan(mh_fli(150.0, 0.0, 40.0, 95.0)));

    /* TG 1.70 mmol/L x 88.57 = 150.569 mg/dL; 0 converts to 0. */
    assert_float_equal(mh_tg_mg_dl_from_mmol_l(1.70), 150.569, 1e-9);
    assert_float_equal(mh_tg_mg_dl_from_mmol_l(0.0), 0.0, 0.0);
    assert_true(isnan(mh_tg_mg_dl_from_mmol_l(-0.1)));
    assert_true(isnan(mh_tg_mg_dl_from_mmol_l(NAN)));
}

static void adag(void **state)
{
    (void)state;
    /* 28.7 x 7.0 - 46.7 = 154.2 mg/dL (ADAG table: 154). */
    assert_float_equal(mh_adag_glucose_mg_dl_from_hba1c_pct(7.0), 154.2, 1e-9);
    /* 28.7 x 6.385 - 46.7 = 183.2495 - 46.7 = 136.5495 */
    assert_float_equal(mh_adag_glucose_mg_dl_from_hba1c_pct(6.385), 136.5495, 1e-9);
    /* (136.5495 + 46.7) / 28.7 = 183.2495 / 28.7 = 6.385 */
    assert_float_equal(mh_adag_hba1c_pct_from_glucose_mg_dl(136.5495), 6.385, 1e-9);
    /* (100 + 46.7) / 28.7 = 5.111498 */
    assert_float_equal(mh_adag_hba1c_pct_from_glucose_mg_dl(100.0), 5.111498, 1e-6);
    assert_float_equal(
        mh_adag_hba1c_pct_from_glucose_mg_dl(mh_adag_glucose_mg_dl_from_hba1c_pct(5.437)), 5.437,
        1e-12);
    /* 46.7 / 28.7 = 1.627 %: at or below it the glucose would not be positive. */
    assert_true(isnan(mh_adag_glucose_mg_dl_from_hba1c_pct(1.6)));
    assert_true(mh_adag_glucose_mg_dl_from_hba1c_pct(1.65) > 0.0);
    assert_true(isnan(mh_adag_glucose_mg_dl_from_hba1c_pct(0.0)));
    assert_true(isnan(mh_adag_glucose_mg_dl_from_hba1c_pct(NAN)));
    assert_true(isnan(mh_adag_hba1c_pct_from_glucose_mg_dl(0.0)));
    assert_true(isnan(mh_adag_hba1c_pct_from_glucose_mg_dl(-5.0)));
    assert_true(isnan(mh_adag_hba1c_pct_from_glucose_mg_dl(INFINITY)));
}

static void ewgsop2_men(void **state)
{
    (void)state;
    const mh_score_sex m = MH_SCORE_MALE;
    /* Normal: grip 35.2 kg, ASM 22.4 kg at 1.78 m (22.4 / 3.1684 = 7.07 kg/m^2), 1.12 m/s. */
    assert_int_equal(mh_ewgsop2_class(m, 35.2, NAN, 22.4, 1.78, 1.12), MH_SARCOPENIA_NONE);
    /* Low quantity and slow gait without low strength is still none (strength leads). */
    assert_int_equal(mh_ewgsop2_class(m, 35.2, NAN, 17.3, 1.78, 0.61), MH_SARCOPENIA_NONE);
    /* Grip cut-off 27 kg: 27.0 is normal, 26.99 low. */
    assert_int_equal(mh_ewgsop2_class(m, 27.0, NAN, 22.4, 1.72, 1.12), MH_SARCOPENIA_NONE);
    /* Probable: 22.4 / 1.72^2 = 22.4 / 2.9584 = 7.57 kg/m^2, quantity normal. */
    assert_int_equal(mh_ewgsop2_class(m, 26.99, NAN, 22.4, 1.72, 1.12), MH_SARCOPENIA_PROBABLE);
    /* Chair-stand route (grip normal or not measured): 15.0 s normal, 15.01 s low. */
    assert_int_equal(mh_ewgsop2_class(m, 35.2, 15.0, 22.4, 1.72, 1.12), MH_SARCOPENIA_NONE);
    assert_int_equal(mh_ewgsop2_class(m, 35.2, 15.01, 22.4, 1.72, 1.12), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(m, NAN, 16.3, 22.4, 1.72, 1.12), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(m, NAN, 11.8, 22.4, 1.72, 1.12), MH_SARCOPENIA_NONE);
    /* Absolute ASM route: 20.0 kg normal, 19.99 low (ASMI at 1.62 m: 19.99 / 2.6244 = 7.62). */
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 20.0, 1.62, 0.93), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 19.99, 1.62, 0.93), MH_SARCOPENIA_CONFIRMED);
    /* ASM/height^2 route at 1.75 m (3.0625 m^2): 21.4375 kg = 7.0 kg/m^2 normal,
     * 21.4 kg = 6.988 kg/m^2 low although ASM >= 20 kg. */
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 21.4375, 1.75, 0.93), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 21.4, 1.75, 0.93), MH_SARCOPENIA_CONFIRMED);
    /* ASMI route at 1.81 m: 21.3 / 3.2761 = 6.50 kg/m^2. */
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 21.3, 1.81, 0.93), MH_SARCOPENIA_CONFIRMED);
    /* Severe: gait speed 0.8 m/s counts as low (<=), 0.81 does not. */
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 19.99, 1.62, 0.8), MH_SARCOPENIA_SEVERE);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 19.99, 1.62, 0.81), MH_SARCOPENIA_CONFIRMED);
    assert_int_equal(mh_ewgsop2_class(m, NAN, 17.4, 21.3, 1.81, 0.62), MH_SARCOPENIA_SEVERE);
}

static void ewgsop2_women(void **state)
{
    (void)state;
    const mh_score_sex f = MH_SCORE_FEMALE;
    /* Normal: grip 24.3 kg, ASM 17.2 kg at 1.65 m (17.2 / 2.7225 = 6.32 kg/m^2), 1.05 m/s. */
    assert_int_equal(mh_ewgsop2_class(f, 24.3, NAN, 17.2, 1.65, 1.05), MH_SARCOPENIA_NONE);
    /* A grip of 20 kg is low for a man but normal for a woman. */
    assert_int_equal(mh_ewgsop2_class(f, 20.0, NAN, 17.2, 1.65, 1.05), MH_SARCOPENIA_NONE);
    assert_int_equal(mh_ewgsop2_class(MH_SCORE_MALE, 20.0, NAN, 22.4, 1.72, 1.05),
                     MH_SARCOPENIA_PROBABLE);
    /* Grip cut-off 16 kg. */
    assert_int_equal(mh_ewgsop2_class(f, 16.0, NAN, 17.2, 1.65, 1.05), MH_SARCOPENIA_NONE);
    assert_int_equal(mh_ewgsop2_class(f, 15.99, NAN, 17.2, 1.65, 1.05), MH_SARCOPENIA_PROBABLE);
    /* Chair-stand route. */
    assert_int_equal(mh_ewgsop2_class(f, 24.3, 15.0, 17.2, 1.65, 1.05), MH_SARCOPENIA_NONE);
    assert_int_equal(mh_ewgsop2_class(f, 24.3, 15.01, 17.2, 1.65, 1.05), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(f, NAN, 18.6, 17.2, 1.65, 1.05), MH_SARCOPENIA_PROBABLE);
    /* Absolute ASM route at 1.52 m (2.3104 m^2): 15.0 kg normal, 14.99 kg low, although
     * ASM/height^2 is 6.49 kg/m^2 (>= 5.5) for both. */
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 15.0, 1.52, 0.92), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 14.99, 1.52, 0.92), MH_SARCOPENIA_CONFIRMED);
    /* ASM/height^2 route at 1.75 m (3.0625 m^2): 16.84375 kg = 5.5 kg/m^2 normal,
     * 16.8 kg = 5.486 kg/m^2 low although ASM >= 15 kg. */
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 16.84375, 1.75, 0.92), MH_SARCOPENIA_PROBABLE);
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 16.8, 1.75, 0.92), MH_SARCOPENIA_CONFIRMED);
    /* Severe: gait <= 0.8 m/s. */
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 14.99, 1.52, 0.8), MH_SARCOPENIA_SEVERE);
    assert_int_equal(mh_ewgsop2_class(f, 14.2, NAN, 14.99, 1.52, 0.81), MH_SARCOPENIA_CONFIRMED);
    assert_int_equal(mh_ewgsop2_class(f, NAN, 21.4, 16.8, 1.75, 0.57), MH_SARCOPENIA_SEVERE);
}

static void ewgsop2_invalid(void **state)
{
    (void)state;
    const mh_score_sex m = MH_SCORE_MALE;
    assert_int_equal(mh_ewgsop2_class(m, NAN, NAN, 22.4, 1.78, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 0.0, NAN, 22.4, 1.78, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, -3.0, 22.4, 1.78, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 0.0, 1.78, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 22.4, -1.78, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 22.4, NAN, 1.12), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 22.4, 1.78, NAN), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class(m, 24.6, NAN, 22.4, 1.78, 0.0), MH_CLASS_INVALID);
    assert_int_equal(mh_ewgsop2_class((mh_score_sex)2, 24.6, NAN, 22.4, 1.78, 1.12),
                     MH_CLASS_INVALID);
}

/* A lean subject with steatosis and no known cardiometabolic criterion. */
static mh_masld_input lean(mh_score_sex sex, double ihtg_pct)
{
    mh_masld_input in = MH_MASLD_UNKNOWN;
    in.sex = sex;
    in.ihtg_pct = ihtg_pct;
    in.bmi_kg_m2 = 22.7;
    return in;
}

static void masld(void **state)
{
    (void)state;
    /* Steatosis at 5.56 % but no criterion met: not MASLD; below 5.56 % never. */
    mh_masld_input in = lean(MH_SCORE_MALE, 5.56);
    assert_int_equal(mh_masld(&in), 0);
    in = lean(MH_SCORE_MALE, 5.559);
    in.bmi_kg_m2 = 31.4;
    assert_int_equal(mh_masld(&in), 0);
    in.ihtg_pct = 5.56;
    assert_int_equal(mh_masld(&in), 1);
    /* All unknown except IHTG: no criterion known to be met. */
    mh_masld_input unknown = MH_MASLD_UNKNOWN;
    unknown.ihtg_pct = 18.3;
    assert_int_equal(mh_masld(&unknown), 0);

    /* 1. BMI >= 25, or waist > 94 (men) / > 80 (women). */
    in = lean(MH_SCORE_MALE, 12.4);
    in.bmi_kg_m2 = 24.99;
    assert_int_equal(mh_masld(&in), 0);
    in.bmi_kg_m2 = 25.0;
    assert_int_equal(mh_masld(&in), 1);
    in = lean(MH_SCORE_MALE, 12.4);
    in.waist_cm = 94.0;
    assert_int_equal(mh_masld(&in), 0);
    in.waist_cm = 94.1;
    assert_int_equal(mh_masld(&in), 1);
    in = lean(MH_SCORE_FEMALE, 12.4);
    in.waist_cm = 80.0;
    assert_int_equal(mh_masld(&in), 0);
    in.waist_cm = 80.1;
    assert_int_equal(mh_masld(&in), 1);
    in = lean(MH_SCORE_MALE, 12.4);
    in.waist_cm = 87.3; /* abdominal obesity for a woman, not for a man */
    assert_int_equal(mh_masld(&in), 0);
    in.sex = MH_SCORE_FEMALE;
    assert_int_equal(mh_masld(&in), 1);

    /* 2. fasting glucose >= 5.6 mmol/L or HbA1c >= 5.7 %. */
    in = lean(MH_SCORE_MALE, 12.4);
    in.glucose_mmol_l = 5.59;
    in.hba1c_pct = 5.69;
    assert_int_equal(mh_masld(&in), 0);
    in.glucose_mmol_l = 5.6;
    assert_int_equal(mh_masld(&in), 1);
    in.glucose_mmol_l = 5.59;
    in.hba1c_pct = 5.7;
    assert_int_equal(mh_masld(&in), 1);

    /* 3. blood pressure >= 130/85: either number; NAN = not measured. */
    in = lean(MH_SCORE_MALE, 12.4);
    in.sbp_mmhg = 129.9;
    in.dbp_mmhg = 84.9;
    assert_int_equal(mh_masld(&in), 0);
    in.sbp_mmhg = 130.0;
    assert_int_equal(mh_masld(&in), 1);
    in.sbp_mmhg = 129.9;
    in.dbp_mmhg = 85.0;
    assert_int_equal(mh_masld(&in), 1);
    in.sbp_mmhg = NAN;
    in.dbp_mmhg = NAN;
    assert_int_equal(mh_masld(&in), 0);

    /* 4. plasma TG >= 1.70 mmol/L. */
    in = lean(MH_SCORE_FEMALE, 12.4);
    in.tg_mmol_l = 1.69;
    assert_int_equal(mh_masld(&in), 0);
    in.tg_mmol_l = 1.70;
    assert_int_equal(mh_masld(&in), 1);

    /* 5. HDL <= 1.0 mmol/L (men) / <= 1.3 (women). */
    in = lean(MH_SCORE_MALE, 12.4);
    in.hdl_mmol_l = 1.01;
    assert_int_equal(mh_masld(&in), 0);
    in.hdl_mmol_l = 1.0;
    assert_int_equal(mh_masld(&in), 1);
    in = lean(MH_SCORE_FEMALE, 12.4);
    in.hdl_mmol_l = 1.31;
    assert_int_equal(mh_masld(&in), 0);
    in.hdl_mmol_l = 1.3;
    assert_int_equal(mh_masld(&in), 1);
    in.hdl_mmol_l = 1.17; /* low for a woman, normal for a man */
    assert_int_equal(mh_masld(&in), 1);
    in.sex = MH_SCORE_MALE;
    assert_int_equal(mh_masld(&in), 0);

    /* Invalid: IHTG missing or out of range, a zero left in an optional field, bad sex. */
    in = lean(MH_SCORE_MALE, NAN);
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    in = lean(MH_SCORE_MALE, -0.1);
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    in = lean(MH_SCORE_MALE, 100.1);
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    in = lean(MH_SCORE_MALE, 12.4);
    in.hdl_mmol_l = 0.0;
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    in = lean(MH_SCORE_MALE, 12.4);
    in.waist_cm = -87.3;
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    in = lean((mh_score_sex)3, 12.4);
    assert_int_equal(mh_masld(&in), MH_CLASS_INVALID);
    assert_int_equal(mh_masld(NULL), MH_CLASS_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fib4),
        cmocka_unit_test(fib4_classes),
        cmocka_unit_test(nafld_fibrosis),
        cmocka_unit_test(hepatic_steatosis_index),
        cmocka_unit_test(fatty_liver_index),
        cmocka_unit_test(adag),
        cmocka_unit_test(ewgsop2_men),
        cmocka_unit_test(ewgsop2_women),
        cmocka_unit_test(ewgsop2_invalid),
        cmocka_unit_test(masld),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
