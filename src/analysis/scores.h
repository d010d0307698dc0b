/*
 * scores.h - clinical indices and scores from model quantities (analysis layer).
 * Depends only on core. Formulas and their sources: TARGETS.md section B, docs/MODEL.md,
 * and the comment at the top of scores.c.
 *
 * All functions are pure: no allocation, no I/O, no state. Units are in the argument
 * names; enzymes (AST, ALT, GGT) are in U/L and platelets in 10^9/L throughout.
 * Scores return NAN for invalid inputs (a required value that is NAN, infinite, zero or
 * negative, or a sex that is neither value of mh_score_sex). Class helpers return
 * MH_CLASS_INVALID (-1) for such inputs, including a NAN score, so a score can be passed
 * straight to its class helper.
 */
#ifndef MH_ANALYSIS_SCORES_H
#define MH_ANALYSIS_SCORES_H

#include <math.h>
#include <stdbool.h>

#include "myohep/myohep.h"

/* Sex for the sex-specific cut-offs. Same values as the scenario layer's mh_sex, which sits
 * above this layer and cannot be included here; merge the two once one lives in myohep.h. */
typedef enum mh_score_sex { MH_SCORE_MALE = 0, MH_SCORE_FEMALE = 1 } mh_score_sex;

/* Three-way classes of the risk scores: LOW = rules out / excludes, HIGH = rules in. */
enum { MH_CLASS_INVALID = -1, MH_CLASS_LOW = 0, MH_CLASS_INDETERMINATE = 1, MH_CLASS_HIGH = 2 };

/* EWGSOP2 sarcopenia classes (mh_ewgsop2_class). */
enum {
    MH_SARCOPENIA_NONE = 0,
    MH_SARCOPENIA_PROBABLE = 1,
    MH_SARCOPENIA_CONFIRMED = 2,
    MH_SARCOPENIA_SEVERE = 3
};

/* Triglyceride: 1 mmol/L = 88.57 mg/dL (triolein 885.7 g/mol, the usual clinical factor).
 * Kept here rather than in core/units.h, whose MH_TG_UMOL_PER_MG (1.13, about 885 g/mol)
 * serves the model's internal TG pools. */
#define MH_TG_MGDL_PER_MMOLL 88.57

/* ---- liver fibrosis -------------------------------------------------------- */

/* FIB-4 = age [y] x AST / (platelets [10^9/L] x sqrt(ALT)) (Sterling 2006). */
double mh_fib4(double age_y, double ast_u_l, double alt_u_l, double platelets_1e9_l);
/* FIB-4 class: LOW < 1.30 (< 2.0 at age >= 65, McPherson 2017), HIGH > 2.67. */
int mh_fib4_class(double fib4, double age_y);

/* NAFLD fibrosis score (Angulo 2007); albumin in g/dL. */
double mh_nafld_fibrosis_score(double age_y, double bmi_kg_m2, bool ifg_or_diabetes, double ast_u_l,
                               double alt_u_l, double platelets_1e9_l, double albumin_g_dl);
/* NAFLD fibrosis score class: LOW < -1.455 (excludes), HIGH > 0.676 (advanced fibrosis). */
int mh_nafld_fibrosis_class(double nfs);

/* ---- steatosis ------------------------------------------------------------- */

/* Hepatic steatosis index = 8 ALT/AST + BMI (+2 female, +2 diabetes) (Lee 2010). */
double mh_hsi(double alt_u_l, double ast_u_l, double bmi_kg_m2, mh_score_sex sex, bool diabetes);
/* HSI class: LOW < 30 (rules out), HIGH > 36 (rules in). */
int mh_hsi_class(double hsi);

/* Fatty liver index, 0-100 (Bedogni 2006); TG in mg/dL (see mh_tg_mg_dl_from_mmol_l). */
double mh_fli(double tg_mg_dl, double bmi_kg_m2, double ggt_u_l, double waist_cm);
/* FLI class: LOW < 30 (rules out), HIGH >= 60 (rules in). */
int mh_fli_class(double fli);

/* Triglyceride mg/dL = mmol/L x 88.57; NAN for a negative or non-finite value. */
double mh_tg_mg_dl_from_mmol_l(double tg_mmol_l);

/* ---- glycaemia ------------------------------------------------------------- */

/* ADAG (Nathan 2008): estimated mean glucose [mg/dL] = 28.7 x HbA1c [%] - 46.7.
 * NAN unless HbA1c gives a positive glucose (HbA1c > 46.7 / 28.7 = 1.63 %). */
double mh_adag_glucose_mg_dl_from_hba1c_pct(double hba1c_pct);
/* ADAG inverse: HbA1c [%] = (mean glucose [mg/dL] + 46.7) / 28.7. */
double mh_adag_hba1c_pct_from_glucose_mg_dl(double glucose_mg_dl);

/* ---- muscle ---------------------------------------------------------------- */

/* EWGSOP2 (Cruz-Jentoft 2019): MH_SARCOPENIA_NONE / PROBABLE / CONFIRMED / SEVERE.
 * chair_stand_s (time for 5 rises) is NAN when not measured; grip_kg may be NAN when
 * chair_stand_s is given. asm_kg (appendicular skeletal muscle mass), height_m and
 * gait_m_s are required. MH_CLASS_INVALID (-1) for invalid inputs. */
int mh_ewgsop2_class(mh_score_sex sex, double grip_kg, double chair_stand_s, double asm_kg,
                     double height_m, double gait_m_s);

/* ---- MASLD ----------------------------------------------------------------- */

/* Inputs of mh_masld. ihtg_pct is required; every other number is NAN when unknown, and an
 * unknown criterion counts as not met. Start from MH_MASLD_UNKNOWN so that fields not set are
 * NAN rather than 0 (a 0 is an invalid value, reported as MH_CLASS_INVALID). */
typedef struct mh_masld_input {
    mh_score_sex sex;
    double ihtg_pct; /* intrahepatic triglyceride, % (1H-MRS / MRI-PDFF) */
    double bmi_kg_m2;
    double waist_cm;
    double glucose_mmol_l; /* fasting plasma glucose */
    double hba1c_pct;
    double sbp_mmhg;   /* systolic blood pressure */
    double dbp_mmhg;   /* diastolic blood pressure */
    double tg_mmol_l;  /* fasting plasma triglyceride */
    double hdl_mmol_l; /* HDL cholesterol */
} mh_masld_input;

#define MH_MASLD_UNKNOWN                                                                           \
    {                                                                                              \
        MH_SCORE_MALE, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN                                 \
    }

/* MASLD (Rinella 2023): 1 when IHTG >= 5.56 % and at least one cardiometabolic criterion is
 * met, 0 otherwise, MH_CLASS_INVALID (-1) for invalid input. Exclusion of other causes
 * (alcohol, drugs, other liver disease) and drug-treatment criteria are the caller's. */
int mh_masld(const mh_masld_input *in);

#endif
