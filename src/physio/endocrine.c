/*
 * endocrine.c - testosterone, growth hormone drive and glucocorticoid activity
 * (physio layer). No states: each hormone is the subject's age- and
 * sex-typical level, changed by the scenario's interventions, and published
 * for the tissues it acts on (body.c, liver_fat.c, liver.c, muscle.c, adipose.c).
 *
 * Testosterone (total, nmol/L):
 *   T = T_sex (1 - d_t max(0, age - 40)) (1 - low) + k_dose dose
 * with T_sex 15 nmol/L in men and 1 nmol/L in women, low the scenario's
 * hypogonadism fraction and dose in mg/week of testosterone ester (Bhasin 2001
 * AJP Endo 281:E1172: 125 mg/week gives mid-normal, 600 mg/week about 80 nmol/L).
 * The signal is T relative to the typical level for the subject's sex and age
 * (ageing itself acts on muscle through anabolic resistance, body.c).
 * Growth hormone drive relative to the age-typical: GH-releasing therapy
 * (tesamorelin 2 mg/day = 1) raises it:  GH = 1 + a_ther therapy.
 * (The fall of GH secretion with age shows in IGF-1, messengers.c.)
 * Glucocorticoid activity: 1 + dose / D_gc (prednisolone-equivalent mg/day).
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "endocrine"

#define PARAMS(X)                                                                                \
    X(TMALE, "testosterone_male", "nmol/L", 15.0, 5.0, 35.0, 0.3,                               \
      "men of about 40: mean 13-15 nmol/L (Kelsey 2014 PLoS One 9:e109346)",                   \
      "total testosterone of a man of 40")                                                    \
    X(TFEMALE, "testosterone_female", "nmol/L", 1.0, 0.2, 3.0, 0.3,                             \
      "women: 0.5-2 nmol/L", "total testosterone of a woman")                                 \
    X(DT, "d_t", "1/year", 0.005, 0.0, 0.03, 0.5,                                              \
      "assumed: slow decline after 40 (cross-sectional means nearly flat, Kelsey 2014; "     \
      "longitudinal about 1 %/yr, Feldman 2002 JCEM 87:589)",                                  \
      "fractional fall of testosterone per year after 40")                                    \
    X(KDOSE, "k_dose", "nmol/L per mg/week", 0.13, 0.05, 0.3, 0.3,                              \
      "Bhasin 2001 AJP Endo 281:E1172 dose-response (600 mg/week about 80 nmol/L)",           \
      "rise of total testosterone per mg/week of testosterone ester")                         \
    X(ATHER, "a_therapy", "1", 0.8, 0.0, 3.0, 0.4,                                             \
      "tesamorelin 2 mg/day about doubles IGF-1 (Stanley 2014 JAMA 312:380)",                 \
      "rise of the GH drive under GH-releasing therapy")                                      \
    X(DGC, "D_gc", "mg/day", 10.0, 2.0, 50.0, 0.3,                                             \
      "assumed: prednisolone 10 mg/day doubles glucocorticoid activity (physiological "      \
      "cortisol output is equivalent to about 5-7.5 mg)",                                      \
      "prednisolone-equivalent dose that doubles glucocorticoid activity")

#define OUTPUTS(X)                                                                               \
    X(T_OUT, "testosterone_nmol_l", "nmol/L", "total testosterone")                            \
    X(GH_OUT, "gh_drive", "1", "growth hormone secretion relative to the age-typical")         \
    X(GC_OUT, "glucocorticoid_activity", "1", "glucocorticoid activity relative to normal")  \
    X(AGE_OUT, "age_y", "years", "age of the subject")                                        \
    X(FEMALE_OUT, "female", "0/1", "1 for a woman, 0 for a man")                              \
    X(HEIGHT_OUT, "height_m", "m", "height")

MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

/* The sex- and age-typical level; ageing acts on muscle through anabolic
 * resistance (body.c), so the signals below are relative to this. */
static double typical_testosterone(const mh_module_ctx *c)
{
    const double *p = c->p;
    double age = mh_age_at(c->in, c->t_min);
    return (c->in->female ? p[TFEMALE] : p[TMALE]) * fmax(1.0 - p[DT] * fmax(age - 40.0, 0.0), 0.1);
}

static double testosterone(const mh_module_ctx *c)
{
    const mh_inputs *in = c->in;
    return typical_testosterone(c) * (1.0 - in->intervention[MH_INTERVENTION_LOW_TESTOSTERONE]) +
           c->p[KDOSE] * in->intervention[MH_INTERVENTION_TESTOSTERONE];
}

/* GH secretion relative to the age-typical (its fall with age shows in IGF-1, messengers.c). */
static double gh_drive(const mh_module_ctx *c)
{
    return 1.0 + c->p[ATHER] * c->in->intervention[MH_INTERVENTION_GH_THERAPY];
}

static double glucocorticoid(const mh_module_ctx *c)
{
    return 1.0 + c->in->intervention[MH_INTERVENTION_GLUCOCORTICOID] / c->p[DGC];
}

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_TESTOSTERONE_RATIO] = testosterone(c) / typical_testosterone(c);
    signals[MH_SIGNAL_GH_DRIVE] = gh_drive(c);
    signals[MH_SIGNAL_GLUCOCORTICOID] = glucocorticoid(c);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    out[T_OUT] = testosterone(c);
    out[GH_OUT] = gh_drive(c);
    out[GC_OUT] = glucocorticoid(c);
    out[AGE_OUT] = mh_age_at(c->in, c->t_min);
    out[FEMALE_OUT] = c->in->female;
    out[HEIGHT_OUT] = c->in->height_m;
}

const mh_module mh_endocrine_module = {
    .name = MODULE_NAME,
    .summary = "testosterone, growth hormone drive and glucocorticoid activity (age, sex, therapy)",
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_outputs = compute_outputs,
};
