/*
 * catalog.c - parameters and outputs of every module, by index and by name.
 */
#include "model/catalog.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "analysis/scores.h"
#include "physio/registry.h"

static double homa_ir(const double *args) { return mh_homa_ir(args[0], args[1]); }

static double hba1c(const double *args) { return mh_adag_hba1c_pct_from_glucose_mg_dl(args[0]); }

static double fib4(const double *args) { return mh_fib4(args[0], args[1], args[2], args[3]); }

/* Impaired fasting glucose or diabetes, read from HbA1c >= 5.7 % (ADA prediabetes). */
static bool dysglycaemia(double hba1c_pct) { return hba1c_pct >= 5.7; }

static double nafld_fibrosis(const double *args)
{
    bool ifg = dysglycaemia(mh_adag_hba1c_pct_from_glucose_mg_dl(args[2]));
    return mh_nafld_fibrosis_score(args[0], args[1], ifg, args[3], args[4], args[5], args[6]);
}

/* Sources of the fatty acids entering the liver from outside its store, as Donnelly
 * 2005 labelled them: dietary fat arrives in remnants and as spillover FFA.
 * args: plasma FFA uptake, remnant fatty acids, DNL, all entering (g/day), dietary
 * share of FFA appearance. */
static double entering_pct(double part, const double *args)
{
    return args[3] > 0.0 ? 100.0 * part / args[3] : 0.0;
}

static double from_ffa(const double *args) { return entering_pct(args[0] * (1.0 - args[4]), args); }

static double from_dnl(const double *args) { return entering_pct(args[2], args); }

static double from_diet(const double *args) { return entering_pct(args[1] + args[0] * args[4], args); }

static double steatosis_index(const double *args)
{
    return mh_hsi(args[0], args[1], args[2], args[3] > 0.5 ? MH_SCORE_FEMALE : MH_SCORE_MALE,
                  mh_adag_hba1c_pct_from_glucose_mg_dl(args[4]) >= 6.5);
}

/* MASLD: liver fat >= 5.56 % with a cardiometabolic criterion (BMI, glycaemia from
 * HbA1c, plasma triglyceride); waist, blood pressure and HDL are not modelled. */
static double masld(const double *args)
{
    mh_masld_input in = MH_MASLD_UNKNOWN;
    in.sex = args[4] > 0.5 ? MH_SCORE_FEMALE : MH_SCORE_MALE;
    in.ihtg_pct = args[0];
    in.bmi_kg_m2 = args[1];
    in.hba1c_pct = mh_adag_hba1c_pct_from_glucose_mg_dl(args[2]);
    in.tg_mmol_l = args[3] > 0.0 ? args[3] : NAN;
    return mh_masld(&in) == 1 ? 1.0 : 0.0;
}

/* EWGSOP2 from grip, ASM and height; gait speed is not modelled, so the severe
 * class (3) is not reached. */
static double sarcopenia(const double *args)
{
    int c = mh_ewgsop2_class(args[0] > 0.5 ? MH_SCORE_FEMALE : MH_SCORE_MALE, args[1], NAN, args[2],
                             args[3], NAN);
    return c < 0 ? 0.0 : c;
}

/* Mouse conventions (SCENARIO.md): masses in g, grip in g-force, insulin in ng/mL
 * (mouse insulin, 5.8 kDa: 1 ng/mL = 172 pmol/L), liver triglyceride per g of liver
 * (10 x the liver fat percentage: both are triglyceride over liver weight). */
static double in_grams(const double *args) { return 1000.0 * args[0]; }

static double mouse_insulin_ng_ml(const double *args) { return args[0] / 172.0; }

static double liver_tg_mg_per_g(const double *args) { return 10.0 * args[0]; }

/* Lean liver plus its triglyceride: TG (g) / fat share. */
static double liver_weight_g(const double *args)
{
    return args[1] > 0.0 ? args[0] * 100.0 / args[1] : 0.0;
}

#define FA_SOURCES                                                                               \
    "liver_ffa_uptake_g_per_day", "liver_remnant_fa_g_per_day", "dnl_g_per_day",                  \
        "liver_fa_influx_g_per_day", "dietary_ffa_share"

static const mh_derived_def derived[] = {
    {{"homa_ir", "1",
      "HOMA-IR from the current glucose and insulin (Matthews 1985); a fasting index, "
      "read it at fasting times"},
     {"glucose_mmol_l", "insulin_pmol_l", NULL},
     homa_ir},
    {{"hba1c_pct", "%", "HbA1c from the weeks' mean glucose (ADAG, Nathan 2008)"},
     {"mean_glucose_mg_dl", NULL},
     hba1c},
    {{"fib4", "1", "FIB-4 index (Sterling 2006): < 1.30 low, > 2.67 high risk of advanced fibrosis"},
     {"age_y", "ast_u_l", "alt_u_l", "platelets_1e9_l", NULL},
     fib4},
    {{"nafld_fibrosis_score", "1", "NAFLD fibrosis score (Angulo 2007): < -1.455 excludes, > 0.676 "
                                   "suggests advanced fibrosis"},
     {"age_y", "bmi", "mean_glucose_mg_dl", "ast_u_l", "alt_u_l", "platelets_1e9_l", "albumin_g_dl",
      NULL},
     nafld_fibrosis},
    {{"hsi", "1", "hepatic steatosis index (Lee 2010): < 30 rules out, > 36 rules in"},
     {"alt_u_l", "ast_u_l", "bmi", "female", "mean_glucose_mg_dl", NULL},
     steatosis_index},
    {{"masld", "0/1", "MASLD: liver fat >= 5.56 % and a cardiometabolic criterion (Rinella 2023)"},
     {"liver_fat_pct", "bmi", "mean_glucose_mg_dl", "tg_mmol_l", "female", NULL},
     masld},
    {{"liver_fa_from_ffa_pct", "%", "share of fatty acids entering the liver from adipose-derived plasma FFA"},
     {FA_SOURCES, NULL},
     from_ffa},
    {{"liver_fa_from_dnl_pct", "%", "share of fatty acids entering the liver from DNL"},
     {FA_SOURCES, NULL},
     from_dnl},
    {{"liver_fa_from_diet_pct", "%", "share of fatty acids entering the liver from the diet (remnants and spillover FFA)"},
     {FA_SOURCES, NULL},
     from_diet},
    {{"sarcopenia", "0-3", "EWGSOP2: 0 none, 1 probable, 2 confirmed, 3 severe (Cruz-Jentoft 2019)"},
     {"female", "grip_strength_kg", "asm_kg", "height_m", NULL},
     sarcopenia},
    {{"weight_g", "g", "body weight in grams (mouse convention)"}, {"weight_kg", NULL}, in_grams},
    {{"fat_mass_g", "g", "body fat mass in grams (mouse convention)"}, {"fat_mass_kg", NULL}, in_grams},
    {{"lean_mass_g", "g", "fat-free mass in grams (mouse convention)"}, {"lean_mass_kg", NULL}, in_grams},
    {{"muscle_mass_g", "g", "skeletal muscle mass in grams (mouse convention)"},
     {"muscle_mass_kg", NULL},
     in_grams},
    {{"grip_strength_gf", "gf", "grip strength in gram-force (mouse convention: all-limb grip meter)"},
     {"grip_strength_kg", NULL},
     in_grams},
    {{"insulin_ng_ml", "ng/mL", "plasma insulin in ng/mL of mouse insulin (1 ng/mL = 172 pmol/L)"},
     {"insulin_pmol_l", NULL},
     mouse_insulin_ng_ml},
    {{"liver_tg_mg_per_g", "mg/g", "liver triglyceride per gram of liver (mouse convention)"},
     {"liver_fat_pct", NULL},
     liver_tg_mg_per_g},
    {{"liver_weight_g", "g", "liver weight: lean liver plus its triglyceride"},
     {"liver_tg_g", "liver_fat_pct", NULL},
     liver_weight_g},
};

int mh_derived_count(void) { return MH_COUNT(derived); }

const mh_derived_def *mh_derived_at(int index)
{
    return index >= 0 && index < MH_COUNT(derived) ? &derived[index] : NULL;
}

int mh_module_output_count(void)
{
    int n = 0;
    for (int i = 0; i < mh_module_count; i++)
        n += mh_modules[i]->n_outputs;
    return n;
}

int mh_param_count(void)
{
    int n = 0;
    for (int i = 0; i < mh_module_count; i++)
        n += mh_modules[i]->n_params;
    return n;
}

const mh_param_info *mh_param_at(int index)
{
    for (int i = 0; i < mh_module_count && index >= 0; i++) {
        if (index < mh_modules[i]->n_params)
            return &mh_modules[i]->params[index];
        index -= mh_modules[i]->n_params;
    }
    return NULL;
}

int mh_param_find(const char *name)
{
    int n = mh_param_count();
    for (int i = 0; i < n; i++)
        if (strcmp(mh_param_at(i)->name, name) == 0)
            return i;
    return -1;
}

int mh_var_count(void) { return mh_module_output_count() + MH_COUNT(derived); }

const mh_var_info *mh_var_at(int index)
{
    for (int i = 0; i < mh_module_count && index >= 0; i++) {
        if (index < mh_modules[i]->n_outputs)
            return &mh_modules[i]->outputs[index];
        index -= mh_modules[i]->n_outputs;
    }
    return index >= 0 && index < MH_COUNT(derived) ? &derived[index].info : NULL;
}

int mh_var_find(const char *name)
{
    int n = mh_var_count();
    for (int i = 0; i < n; i++)
        if (strcmp(mh_var_at(i)->name, name) == 0)
            return i;
    return -1;
}
