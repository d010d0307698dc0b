/*
 * scores.c - clinical indices from model quantities (analysis layer).
 *
 * Pure functions: no allocation, no I/O. Enzymes (AST, ALT, GGT) in U/L, platelets in
 * 10^9/L. Invalid inputs (see scores.h) give NAN, or MH_CLASS_INVALID from class helpers.
 *
 * HOMA: Matthews et al. 1985 Diabetologia 28:412, with insulin converted from
 * pmol/L to uU/mL at 6.0 pmol/L per uU/mL (core/units.h).
 *   HOMA-IR = FPG [mmol/L] x FPI [uU/mL] / 22.5
 *   HOMA-%B = 20 x FPI [uU/mL] / (FPG [mmol/L] - 3.5)
 *
 * FIB-4: Sterling et al. 2006 Hepatology 43:1317.
 *   FIB-4 = age [y] x AST / (platelets [10^9/L] x sqrt(ALT))
 *   < 1.30 low, > 2.67 high risk of advanced fibrosis; from age 65 the low cut-off is 2.0
 *   (McPherson et al. 2017 Am J Gastroenterol 112:740).
 *
 * NAFLD fibrosis score: Angulo et al. 2007 Hepatology 45:846.
 *   NFS = -1.675 + 0.037 age [y] + 0.094 BMI [kg/m^2] + 1.13 IFG/diabetes [0/1]
 *         + 0.99 AST/ALT - 0.013 platelets [10^9/L] - 0.66 albumin [g/dL]
 *   < -1.455 excludes, > 0.676 suggests advanced fibrosis.
 *
 * Hepatic steatosis index: Lee et al. 2010 Dig Liver Dis 42:503.
 *   HSI = 8 ALT/AST + BMI [kg/m^2] (+2 if female, +2 if diabetes)
 *   < 30 rules out, > 36 rules in steatosis.
 *
 * Fatty liver index: Bedogni et al. 2006 BMC Gastroenterol 6:33.
 *   y   = 0.953 ln TG [mg/dL] + 0.139 BMI [kg/m^2] + 0.718 ln GGT [U/L] + 0.053 waist [cm]
 *         - 15.745
 *   FLI = 100 e^y / (1 + e^y), computed as 100 / (1 + e^-y), which cannot overflow to inf/inf
 *   < 30 rules out, >= 60 rules in steatosis. TG mg/dL = mmol/L x 88.57 (MH_TG_MGDL_PER_MMOLL).
 *
 * ADAG: Nathan et al. 2008 Diabetes Care 31:1473.
 *   estimated mean glucose [mg/dL] = 28.7 HbA1c [%] - 46.7
 *
 * EWGSOP2 sarcopenia: Cruz-Jentoft et al. 2019 Age Ageing 48:16.
 *   low strength:    grip < 27 kg (men) / < 16 kg (women), or 5 chair rises > 15 s
 *   low quantity:    ASM < 20 / < 15 kg, or ASM / height^2 < 7.0 / < 5.5 kg/m^2
 *   low performance: gait speed <= 0.8 m/s
 *   probable = low strength; confirmed = plus low quantity; severe = plus low performance.
 *   Strength leads the algorithm: low quantity or performance alone is no sarcopenia.
 *
 * MASLD: Rinella et al. 2023 Hepatology 78:1966 (multisociety Delphi consensus).
 *   steatosis: IHTG >= 5.56 % (95th percentile of low-risk adults, Szczepaniak et al. 2005
 *   Am J Physiol Endocrinol Metab 288:E462), and at least one of
 *   1. BMI >= 25 kg/m^2, or waist > 94 cm (men) / > 80 cm (women)
 *   2. fasting glucose >= 5.6 mmol/L, or HbA1c >= 5.7 %
 *   3. blood pressure >= 130/85 mmHg (systolic >= 130 or diastolic >= 85)
 *   4. plasma TG >= 1.70 mmol/L
 *   5. HDL <= 1.0 mmol/L (men) / <= 1.3 mmol/L (women)
 *   The consensus writes the waist cut-offs as strict (> 94, > 80); we follow it.
 *   Treatment criteria, 2-h glucose, Asian BMI cut-offs and exclusion of other causes
 *   (alcohol: MetALD) are left to the caller.
 */
#include "analysis/scores.h"

#include <math.h>

#include "core/units.h"

/* A usable measured quantity: finite and strictly positive. NAN fails too. */
static bool pos(double x)
{
    return isfinite(x) && x > 0.0;
}

/* Unknown (NAN) or a usable quantity: for optional inputs. */
static bool opt(double x)
{
    return isnan(x) || pos(x);
}

static bool sex_ok(mh_score_sex sex)
{
    return sex == MH_SCORE_MALE || sex == MH_SCORE_FEMALE;
}

/* Three-way class with cut-offs low and high; strict_high: HIGH needs score > high,
 * otherwise score >= high. LOW is always score < low. */
static int three_way(double score, double low, double high, bool strict_high)
{
    if (!isfinite(score))
        return MH_CLASS_INVALID;
    if (score < low)
        return MH_CLASS_LOW;
    if (strict_high ? score > high : score >= high)
        return MH_CLASS_HIGH;
    return MH_CLASS_INDETERMINATE;
}

double mh_homa_ir(double glucose_mmol_l, double insulin_pmol_l)
{
    return glucose_mmol_l * mh_insulin_uu_ml_from_pmol_l(insulin_pmol_l) / 22.5;
}

double mh_homa_beta_pct(double glucose_mmol_l, double insulin_pmol_l)
{
    if (glucose_mmol_l <= 3.5)
        return NAN; /* undefined at or below 3.5 mmol/L */
    return 20.0 * mh_insulin_uu_ml_from_pmol_l(insulin_pmol_l) / (glucose_mmol_l - 3.5);
}

double mh_fib4(double age_y, double ast_u_l, double alt_u_l, double platelets_1e9_l)
{
    if (!pos(age_y) || !pos(ast_u_l) || !pos(alt_u_l) || !pos(platelets_1e9_l))
        return NAN;
    return age_y * ast_u_l / (platelets_1e9_l * sqrt(alt_u_l));
}

int mh_fib4_class(double fib4, double age_y)
{
    if (!pos(age_y))
        return MH_CLASS_INVALID;
    /* The 1.30 cut-off loses specificity in the elderly (McPherson 2017). */
    return three_way(fib4, age_y >= 65.0 ? 2.0 : 1.30, 2.67, true);
}

double mh_nafld_fibrosis_score(double age_y, double bmi_kg_m2, bool ifg_or_diabetes, double ast_u_l,
                               double alt_u_l, double platelets_1e9_l, double albumin_g_dl)
{
    if (!pos(age_y) || !pos(bmi_kg_m2) || !pos(ast_u_l) || !pos(alt_u_l) || !pos(platelets_1e9_l) ||
        !pos(albumin_g_dl))
        return NAN;
    return -1.675 + 0.037 * age_y + 0.094 * bmi_kg_m2 + 1.13 * (ifg_or_diabetes ? 1.0 : 0.0) +
           0.99 * ast_u_l / alt_u_l - 0.013 * platelets_1e9_l - 0.66 * albumin_g_dl;
}

int mh_nafld_fibrosis_class(double nfs)
{
    return three_way(nfs, -1.455, 0.676, true);
}

double mh_hsi(double alt_u_l, double ast_u_l, double bmi_kg_m2, mh_score_sex sex, bool diabetes)
{
    if (!pos(alt_u_l) || !pos(ast_u_l) || !pos(bmi_kg_m2) || !sex_ok(sex))
        return NAN;
    return 8.0 * alt_u_l / ast_u_l + bmi_kg_m2 + (sex == MH_SCORE_FEMALE ? 2.0 : 0.0) +
           (diabetes ? 2.0 : 0.0);
}

int mh_hsi_class(double hsi)
{
    return three_way(hsi, 30.0, 36.0, true);
}

double mh_fli(double tg_mg_dl, double bmi_kg_m2, double ggt_u_l, double waist_cm)
{
    if (!pos(tg_mg_dl) || !pos(bmi_kg_m2) || !pos(ggt_u_l) || !pos(waist_cm))
        return NAN;
    double y = 0.953 * log(tg_mg_dl) + 0.139 * bmi_kg_m2 + 0.718 * log(ggt_u_l) + 0.053 * waist_cm -
               15.745;
    return 100.0 / (1.0 + exp(-y));
}

int mh_fli_class(double fli)
{
    if (fli < 0.0 || fli > 100.0)
        return MH_CLASS_INVALID;
    return three_way(fli, 30.0, 60.0, false);
}

double mh_tg_mg_dl_from_mmol_l(double tg_mmol_l)
{
    if (!isfinite(tg_mmol_l) || tg_mmol_l < 0.0)
        return NAN;
    return tg_mmol_l * MH_TG_MGDL_PER_MMOLL;
}

double mh_adag_glucose_mg_dl_from_hba1c_pct(double hba1c_pct)
{
    if (!isfinite(hba1c_pct))
        return NAN;
    double glucose_mg_dl = 28.7 * hba1c_pct - 46.7;
    return glucose_mg_dl > 0.0 ? glucose_mg_dl : NAN;
}

double mh_adag_hba1c_pct_from_glucose_mg_dl(double glucose_mg_dl)
{
    if (!pos(glucose_mg_dl))
        return NAN;
    return (glucose_mg_dl + 46.7) / 28.7;
}

int mh_ewgsop2_class(mh_score_sex sex, double grip_kg, double chair_stand_s, double asm_kg,
                     double height_m, double gait_m_s)
{
    if (!sex_ok(sex) || !opt(grip_kg) || !opt(chair_stand_s) ||
        (isnan(grip_kg) && isnan(chair_stand_s)) || !pos(asm_kg) || !pos(height_m) ||
        !pos(gait_m_s))
        return MH_CLASS_INVALID;
    bool male = sex == MH_SCORE_MALE;
    /* Comparisons with NAN are false: an absent test never counts as low. */
    bool low_strength = grip_kg < (male ? 27.0 : 16.0) || chair_stand_s > 15.0;
    if (!low_strength)
        return MH_SARCOPENIA_NONE;
    double asm_index_kg_m2 = asm_kg / (height_m * height_m);
    bool low_quantity = asm_kg < (male ? 20.0 : 15.0) || asm_index_kg_m2 < (male ? 7.0 : 5.5);
    if (!low_quantity)
        return MH_SARCOPENIA_PROBABLE;
    return gait_m_s <= 0.8 ? MH_SARCOPENIA_SEVERE : MH_SARCOPENIA_CONFIRMED;
}

int mh_masld(const mh_masld_input *in)
{
    if (!in || !sex_ok(in->sex) || !isfinite(in->ihtg_pct) || in->ihtg_pct < 0.0 ||
        in->ihtg_pct > 100.0 || !opt(in->bmi_kg_m2) || !opt(in->waist_cm) ||
        !opt(in->glucose_mmol_l) || !opt(in->hba1c_pct) || !opt(in->sbp_mmhg) ||
        !opt(in->dbp_mmhg) || !opt(in->tg_mmol_l) || !opt(in->hdl_mmol_l))
        return MH_CLASS_INVALID;
    if (in->ihtg_pct < 5.56)
        return 0;
    bool male = in->sex == MH_SCORE_MALE;
    /* Each comparison with an unknown (NAN) value is false: the criterion is not met. */
    bool adiposity = in->bmi_kg_m2 >= 25.0 || in->waist_cm > (male ? 94.0 : 80.0);
    bool glycaemia = in->glucose_mmol_l >= 5.6 || in->hba1c_pct >= 5.7;
    bool pressure = in->sbp_mmhg >= 130.0 || in->dbp_mmhg >= 85.0;
    bool triglyceride = in->tg_mmol_l >= 1.70;
    bool low_hdl = in->hdl_mmol_l <= (male ? 1.0 : 1.3);
    return adiposity || glycaemia || pressure || triglyceride || low_hdl;
}
