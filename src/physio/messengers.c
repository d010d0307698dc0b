/*
 * messengers.c - circulating exerkines, hepatokines, adipokines and myokines,
 * one entry each (physio layer).
 *
 * Every messenger is one plasma concentration C with first-order clearance and
 * a production law P normalised to its resting level B (P = 1 at rest):
 *   dC/dt = k (B P f - C),   k = ln 2 / half-life
 * f is the scenario's factor for that messenger (1 untouched, 1 - efficacy when
 * blocked, the fold change when over-expressed; inputs.messenger_factor). The
 * module publishes C / B for every messenger; target tissues read that ratio
 * and nothing else, so adding a messenger means one STATES row, its PARAMS
 * rows, one production law below and the effect in its target module.
 *
 * Production laws (E: effort; L: recent effort-minutes; R: delayed hepatic
 * glucagon-to-insulin ratio; signals as published by their owners):
 *   IL-6         1 + a_il6 E (L / L50)^n_il6           (Steensberg 2000; Fischer 2006)
 *   irisin       mito_muscle^a_irisin x muscle mass ratio    (Jedrychowski 2015)
 *   FGF21        max(R,1)^n_fgf21 x (liver fat / 2 %)^a_fgf21_fat
 *   adiponectin  (fat mass ratio)^-a_adipo_fat x mito_muscle^a_adipo_train
 *                / (1 + c_adipo_infl inflammation)
 *   follistatin  max(R,1)^n_fst                             (Hansen 2011)
 *   myostatin    (1 + a_mstn_disuse disuse) (1 + a_mstn_liver injury)
 *                (1 + a_mstn_gc (glucocorticoid - 1)) / (1 + a_mstn_rt resistance)
 *   CCL2         imcl_ratio^a_ccl2_imcl (1 + a_ccl2_disuse disuse)
 *                muscle mass ratio^-a_ccl2_atrophy mito_muscle^-a_ccl2_inactive
 *   ADM          1 + a_adm injury,  injury = inflammation / 5 + fibrosis / 4
 *   IGF-1        GH drive^a_igf1_gh (1 - c_igf1_liver fibrosis / 4), with a resting
 *                level falling with age, exp(-d_igf1 (age - 40))
 * Follistatin binds myostatin: the myostatin signal is divided by
 * (follistatin ratio)^b_fst_mstn, so a follistatin rise disarms myostatin.
 * Only R above its fasting level drives follistatin and FGF21: with the steep
 * n_fst the mealtime fall of the ratio would otherwise swing follistatin
 * several-fold every day, which is not seen (deviation in docs/MODEL.md).
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "messengers"

#define STATES(X)                                                                                \
    X(IL6, "il6", "pg/mL", 1.0, MH_FAST, "plasma IL-6")                                       \
    X(IRISIN, "irisin", "ng/mL", 3.6, MH_FAST, "plasma irisin")                               \
    X(FGF, "fgf21", "pg/mL", 200.0, MH_FAST, "plasma FGF21")                                  \
    X(ADIPO, "adiponectin", "ug/mL", 10.0, MH_FAST, "plasma adiponectin")                     \
    X(FST, "follistatin", "ng/mL", 1.5, MH_FAST, "plasma follistatin")                        \
    X(MSTN, "myostatin", "ng/mL", 4.0, MH_FAST, "plasma myostatin")                           \
    X(CCL2, "ccl2", "pg/mL", 150.0, MH_FAST, "plasma CCL2 (MCP-1)")                           \
    X(ADM, "adm", "pmol/L", 10.0, MH_FAST, "plasma adrenomedullin")                           \
    X(IGF1, "igf1", "ng/mL", 180.0, MH_FAST, "plasma IGF-1")                                  \
    X(R, "glucagon_insulin_ratio", "1", 1.0, MH_FAST,                                         \
      "R: glucagon-to-insulin ratio sensed by the liver, relative to fasting")

#define PARAMS(X)                                                                                \
    X(IL6B, "il6_rest", "pg/mL", 1.0, 0.2, 10.0, 0.5,                                          \
      "resting plasma IL-6 0.6-1 pg/mL (Steensberg 2001 J Physiol 537:633)",                  \
      "resting IL-6")                                                                         \
    X(IL6T, "il6_half_life", "min", 30.0, 5.0, 180.0, 0.4,                                     \
      "calibrated: back near baseline within a few hours after exercise (Fischer 2006)",      \
      "IL-6 half-life in plasma")                                                             \
    X(AIL6, "a_il6", "1", 9.0, 0.0, 50.0, 0.5,                                                 \
      "calibrated: IL-6 a few-fold after 1 h, 20-50 fold after 3-5 h (EX-1)",                 \
      "IL-6 release per unit effort at volume L50")                                           \
    X(L50, "L50", "min", 35.0, 5.0, 300.0, 0.4, "calibrated: as a_il6",                       \
      "exercise volume at which IL-6 release is a_il6 x effort")                             \
    X(NIL6, "n_il6", "1", 3.0, 0.5, 4.0, 0.3, "calibrated: as a_il6",                         \
      "steepness of IL-6 release with exercise volume")                                       \
    X(IL6TRAIN, "a_il6_train", "1", 1.0, 0.0, 3.0, 0.5,                                        \
      "calibrated: trained muscle releases less IL-6 for the same bout (Fischer 2004 J "     \
      "Physiol 558:633; glycogen-sparing, higher oxidative capacity)",                         \
      "fall of exercise IL-6 release per log mitochondrial capacity")                         \
    X(IRISINB, "irisin_rest", "ng/mL", 3.6, 0.5, 20.0, 0.4,                                    \
      "sedentary plasma irisin 3.6 ng/mL by mass spectrometry (Jedrychowski 2015 Cell Metab " \
      "22:734)",                                                                               \
      "resting irisin")                                                                       \
    X(IRISINT, "irisin_half_life", "min", 60.0, 10.0, 600.0, 0.5,                              \
      "assumed: about an hour (not measured in humans)", "irisin half-life in plasma")        \
    X(AIRISIN, "a_irisin", "1", 0.6, 0.0, 2.0, 0.4,                                            \
      "calibrated: irisin +20 % in trained vs sedentary (4.3 vs 3.6 ng/mL, Jedrychowski "    \
      "2015) with trained oxidative capacity about 1.35",                                      \
      "rise of irisin release with muscle oxidative capacity (PGC-1a)")                       \
    X(FGFB, "fgf21_rest", "pg/mL", 150.0, 20.0, 2000.0, 0.5,                                   \
      "healthy controls about 90-200 pg/mL (docs/research/slow-physiology.md)",                \
      "resting FGF21")                                                                        \
    X(FGFT, "fgf21_half_life", "min", 60.0, 10.0, 600.0, 0.4,                                  \
      "calibrated: raised for about 4 h after a bout (research notes)",                       \
      "FGF21 half-life in plasma")                                                            \
    X(NFGF, "n_fgf21", "1", 0.7, 0.0, 3.0, 0.4,                                                \
      "assumed: FGF21 about 2-3 fold after prolonged exercise (Hansen 2015, unverified)",     \
      "sensitivity of FGF21 release to the glucagon-to-insulin ratio")                        \
    X(AFGFFAT, "a_fgf21_fat", "1", 0.35, 0.0, 1.0, 0.4,                                        \
      "calibrated: FGF21 about twice as high in NAFLD (liver fat about 15 %) as in controls", \
      "rise of hepatic FGF21 release with liver fat (log-log)")                               \
    X(ADIPOB, "adiponectin_rest", "ug/mL", 10.0, 2.0, 30.0, 0.4,                               \
      "lean adults about 8-12 ug/mL, NAFLD about 5 (docs/research/slow-physiology.md)",       \
      "adiponectin of the reference adult")                                                   \
    X(ADIPOT, "adiponectin_half_life", "min", 150.0, 30.0, 1440.0, 0.4,                        \
      "plasma half-life about 2.5 h (Hoffstedt 2004)", "adiponectin half-life in plasma")     \
    X(AADIPOFAT, "a_adipo_fat", "1", 0.5, 0.0, 1.5, 0.4,                                       \
      "calibrated: adiponectin about halves from lean to obese fat mass",                      \
      "fall of adiponectin with fat mass (log-log)")                                          \
    X(AADIPOTRAIN, "a_adipo_train", "1", 0.3, 0.0, 1.0, 0.5,                                   \
      "assumed: training raises adiponectin about 10 % (meta-analyses, modest)",              \
      "rise of adiponectin with muscle oxidative capacity (log-log)")                         \
    X(CADIPOINFL, "c_adipo_infl", "per unit", 0.1, 0.0, 1.0, 0.5,                              \
      "assumed: lower in steatohepatitis than in simple steatosis",                           \
      "fall of adiponectin per unit of liver inflammation (0-5)")                             \
    X(FSTB, "follistatin_rest", "ng/mL", 1.5, 0.3, 10.0, 0.4,                                  \
      "assumed: about 1-2 ng/mL at rest (unverified; assay dependent)", "resting follistatin") \
    X(FSTT, "follistatin_half_life", "min", 200.0, 10.0, 600.0, 0.4,                            \
      "calibrated: peak about 3 h into recovery after 3 h of cycling (Hansen 2011)",          \
      "follistatin half-life in plasma")                                                      \
    X(NFST, "n_fst", "1", 3.0, 0.0, 4.0, 0.4,                                                  \
      "calibrated: peak about 7-fold after 3 h of cycling (Hansen 2011)",                     \
      "sensitivity of follistatin release to the glucagon-to-insulin ratio")                  \
    X(BFSTMSTN, "b_fst_mstn", "1", 0.5, 0.0, 2.0, 0.5,                                         \
      "assumed: follistatin binds and neutralises myostatin (Lee 2001 PNAS 98:9306)",          \
      "neutralisation of myostatin by follistatin (log-log)")                                 \
    X(MSTNB, "myostatin_rest", "ng/mL", 4.0, 0.5, 20.0, 0.5,                                   \
      "assumed: a few ng/mL, assay dependent", "resting myostatin")                           \
    X(MSTNT, "myostatin_half_life", "min", 240.0, 30.0, 2880.0, 0.5,                           \
      "assumed: hours (latent complex)", "myostatin half-life in plasma")                     \
    X(AMSTNDIS, "a_mstn_disuse", "1", 0.5, 0.0, 3.0, 0.5,                                      \
      "assumed: muscle myostatin expression rises with unloading (Reardon 2001 Muscle Nerve)", \
      "rise of myostatin with complete disuse")                                               \
    X(AMSTNLIV, "a_mstn_liver", "1", 1.0, 0.0, 5.0, 0.5,                                       \
      "assumed: myostatin raised in cirrhosis via hyperammonaemia (Qiu 2013 PNAS 110:18162)", \
      "rise of myostatin with liver injury (0-2 scale)")                                      \
    X(AMSTNGC, "a_mstn_gc", "1", 0.3, 0.0, 2.0, 0.5,                                           \
      "assumed: glucocorticoids induce myostatin (Ma 2003 AJP Endo 285:E363)",               \
      "rise of myostatin per unit glucocorticoid excess")                                     \
    X(AMSTNRT, "a_mstn_rt", "1", 0.3, 0.0, 2.0, 0.5,                                           \
      "assumed: resistance exercise lowers myostatin expression",                             \
      "fall of myostatin with the resistance stimulus")                                       \
    X(CCL2B, "ccl2_rest", "pg/mL", 150.0, 20.0, 1000.0, 0.4,                                   \
      "assumed: about 100-250 pg/mL in healthy adults (research notes, recollection)",        \
      "resting CCL2")                                                                         \
    X(CCL2T, "ccl2_half_life", "min", 60.0, 10.0, 600.0, 0.5, "assumed: chemokine, about 1 h", \
      "CCL2 half-life in plasma")                                                             \
    X(ACCL2IMCL, "a_ccl2_imcl", "1", 0.5, 0.0, 2.0, 0.5,                                       \
      "assumed: lipid-laden (palmitate-exposed) myotubes release CCL2 (seed text)",           \
      "rise of muscle CCL2 with intramyocellular lipid (log-log)")                            \
    X(ACCL2DIS, "a_ccl2_disuse", "1", 1.0, 0.0, 5.0, 0.5,                                      \
      "assumed: atrophying, unloaded muscle releases CCL2 (seed text)",                       \
      "rise of CCL2 with complete disuse")                                                    \
    X(ACCL2ATR, "a_ccl2_atrophy", "1", 2.0, 0.0, 6.0, 0.5,                                     \
      "assumed: CCL2 rises as muscle shrinks (seed text)",                                    \
      "rise of CCL2 as muscle mass falls (log-log)")                                          \
    X(ACCL2INACT, "a_ccl2_inactive", "1", 0.5, 0.0, 2.0, 0.5,                                  \
      "assumed: exercise-trained muscle releases less CCL2", "fall of CCL2 with oxidative capacity") \
    X(ADMB, "adm_rest", "pmol/L", 10.0, 1.0, 100.0, 0.4,                                       \
      "assumed: a few to 20 pmol/L (research notes); raised in liver disease",                \
      "resting adrenomedullin")                                                               \
    X(ADMT, "adm_half_life", "min", 20.0, 5.0, 120.0, 0.4,                                     \
      "plasma half-life under 30 min (research notes)", "adrenomedullin half-life")           \
    X(AADM, "a_adm", "1", 2.0, 0.0, 10.0, 0.5,                                                 \
      "assumed: adrenomedullin about doubles in steatohepatitis (seed text; cirrhosis higher)", \
      "rise of hepatic adrenomedullin release with liver injury (0-2 scale)")                \
    X(IGF1B, "igf1_rest", "ng/mL", 180.0, 30.0, 500.0, 0.3,                                    \
      "adults of 40 about 150-200 ng/mL", "IGF-1 of the young-adult reference at the GH drive 1") \
    X(IGF1T, "igf1_half_life", "min", 900.0, 10.0, 2880.0, 0.4,                                \
      "bound IGF-1 (ternary complex) half-life about 12-15 h", "IGF-1 half-life in plasma")   \
    X(DIGF1, "d_igf1", "1/year", 0.014, 0.0, 0.05, 0.4,                                        \
      "IGF-1 falls about 1-1.5 %/yr in adulthood with GH secretion (research notes)",         \
      "fractional fall of resting IGF-1 per year of age from 40")                             \
    X(AIGF1GH, "a_igf1_gh", "1", 0.8, 0.0, 2.0, 0.4,                                           \
      "assumed: IGF-1 follows GH with a slope below one", "IGF-1 response to the GH drive (log-log)") \
    X(CIGF1LIV, "c_igf1_liver", "1", 0.5, 0.0, 0.9, 0.4,                                       \
      "assumed: IGF-1 about halved in cirrhosis", "fall of IGF-1 from no fibrosis to cirrhosis") \
    X(TAUR, "tau_r", "min", 200.0, 5.0, 600.0, 0.4, "calibrated: as follistatin_half_life",    \
      "delay of the hepatic glucagon-to-insulin signal")

#define OUTPUTS(X)                                                                               \
    X(IL6_OUT, "il6_pg_ml", "pg/mL", "plasma interleukin-6")                                  \
    X(IRISIN_OUT, "irisin_ng_ml", "ng/mL", "plasma irisin")                                   \
    X(FGF_OUT, "fgf21_pg_ml", "pg/mL", "plasma fibroblast growth factor 21")                  \
    X(ADIPO_OUT, "adiponectin_ug_ml", "ug/mL", "plasma adiponectin")                          \
    X(FST_OUT, "follistatin_ng_ml", "ng/mL", "plasma follistatin")                            \
    X(MSTN_OUT, "myostatin_ng_ml", "ng/mL", "plasma myostatin")                               \
    X(CCL2_OUT, "ccl2_pg_ml", "pg/mL", "plasma CCL2 (MCP-1)")                                 \
    X(ADM_OUT, "adm_pmol_l", "pmol/L", "plasma adrenomedullin")                               \
    X(IGF1_OUT, "igf1_ng_ml", "ng/mL", "plasma insulin-like growth factor 1")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

/* Each messenger: its state, resting level, half-life; in mh_messenger order. */
static const struct {
    int state, rest, half_life;
} entry[MH_MESSENGER_COUNT] = {
    [MH_MESSENGER_IL6] = {IL6, IL6B, IL6T},
    [MH_MESSENGER_IRISIN] = {IRISIN, IRISINB, IRISINT},
    [MH_MESSENGER_FGF21] = {FGF, FGFB, FGFT},
    [MH_MESSENGER_ADIPONECTIN] = {ADIPO, ADIPOB, ADIPOT},
    [MH_MESSENGER_FOLLISTATIN] = {FST, FSTB, FSTT},
    [MH_MESSENGER_MYOSTATIN] = {MSTN, MSTNB, MSTNT},
    [MH_MESSENGER_CCL2] = {CCL2, CCL2B, CCL2T},
    [MH_MESSENGER_ADM] = {ADM, ADMB, ADMT},
    [MH_MESSENGER_IGF1] = {IGF1, IGF1B, IGF1T},
};

static double rate(double half_life_min) { return log(2.0) / half_life_min; }

/* Resting level; IGF-1's falls with age, so its ratio compares with the age-typical. */
static double rest_level(const mh_module_ctx *c, mh_messenger m)
{
    double rest = c->p[entry[m].rest];
    if (m == MH_MESSENGER_IGF1)
        rest *= exp(-c->p[DIGF1] * (mh_age_at(c->in, c->t_min) - 40.0));
    return rest;
}

static double level_ratio(const mh_module_ctx *c, mh_messenger m)
{
    return fmax(c->x[entry[m].state], 0.0) / rest_level(c, m);
}

static void publish(const mh_module_ctx *c, double *signals)
{
    for (int m = 0; m < MH_MESSENGER_COUNT; m++)
        signals[MH_SIGNAL_MESSENGER(m)] = level_ratio(c, (mh_messenger)m);
    signals[MH_SIGNAL_MESSENGER(MH_MESSENGER_MYOSTATIN)] /=
        pow(fmax(level_ratio(c, MH_MESSENGER_FOLLISTATIN), 0.05), c->p[BFSTMSTN]);
}

/* Liver injury on a 0-2 scale: inflammation (0-5) and fibrosis (0-4) at their maxima. */
static double liver_injury(const mh_shared *s)
{
    return s->signal[MH_SIGNAL_LIVER_INFLAMMATION] / 5.0 + s->signal[MH_SIGNAL_FIBROSIS] / 4.0;
}

/* Relative production P of every messenger (1 at rest). */
static void production(const mh_module_ctx *c, double *P)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    const double *in_level = c->in->intervention;
    double effort = s->signal[MH_SIGNAL_EXERCISE_DRIVE];
    double volume = s->signal[MH_SIGNAL_EXERCISE_LOAD];
    double mito = fmax(s->signal[MH_SIGNAL_MUSCLE_MITO], 0.1);
    double muscle = fmax(s->signal[MH_SIGNAL_MUSCLE_MASS_RATIO], 0.1);
    double disuse = in_level[MH_INTERVENTION_DISUSE];
    double injury = liver_injury(s);
    double r = fmax(x[R], 1.0);
    P[MH_MESSENGER_IL6] =
        1.0 + p[AIL6] * effort * pow(volume / p[L50], p[NIL6]) / pow(mito, p[IL6TRAIN]);
    P[MH_MESSENGER_IRISIN] = pow(mito, p[AIRISIN]) * muscle;
    P[MH_MESSENGER_FGF21] = pow(r, p[NFGF]) *
                            pow(fmax(s->signal[MH_SIGNAL_LIVER_FAT_PCT], 0.5) / 2.0, p[AFGFFAT]);
    P[MH_MESSENGER_ADIPONECTIN] =
        pow(fmax(s->signal[MH_SIGNAL_FAT_MASS_RATIO], 0.05), -p[AADIPOFAT]) *
        pow(mito, p[AADIPOTRAIN]) / (1.0 + p[CADIPOINFL] * s->signal[MH_SIGNAL_LIVER_INFLAMMATION]);
    P[MH_MESSENGER_FOLLISTATIN] = pow(r, p[NFST]);
    P[MH_MESSENGER_MYOSTATIN] = (1.0 + p[AMSTNDIS] * disuse) * (1.0 + p[AMSTNLIV] * injury) *
                                (1.0 + p[AMSTNGC] * (s->signal[MH_SIGNAL_GLUCOCORTICOID] - 1.0)) /
                                (1.0 + p[AMSTNRT] * s->signal[MH_SIGNAL_RESISTANCE_STIMULUS]);
    P[MH_MESSENGER_CCL2] = pow(fmax(s->signal[MH_SIGNAL_IMCL_RATIO], 0.05), p[ACCL2IMCL]) *
                           (1.0 + p[ACCL2DIS] * disuse) * pow(muscle, -p[ACCL2ATR]) *
                           pow(mito, -p[ACCL2INACT]);
    P[MH_MESSENGER_ADM] = 1.0 + p[AADM] * injury;
    P[MH_MESSENGER_IGF1] = pow(fmax(s->signal[MH_SIGNAL_GH_DRIVE], 0.01), p[AIGF1GH]) *
                           (1.0 - p[CIGF1LIV] * s->signal[MH_SIGNAL_FIBROSIS] / 4.0);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double P[MH_MESSENGER_COUNT];
    production(c, P);
    for (int m = 0; m < MH_MESSENGER_COUNT; m++) {
        int k = entry[m].state;
        double target = rest_level(c, (mh_messenger)m) * P[m] * c->in->messenger_factor[m];
        dx[k] = rate(p[entry[m].half_life]) * (target - x[k]);
    }
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0);
    double ratio = (fmax(s->conc[MH_POOL_GLUCAGON], 0.0) / s->ref[MH_POOL_GLUCAGON]) /
                   (insulin / s->ref[MH_POOL_INSULIN]);
    dx[R] = (ratio - x[R]) / p[TAUR];
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    for (int m = 0; m < MH_MESSENGER_COUNT; m++)
        out[m] = fmax(c->x[entry[m].state], 0.0); /* outputs are in mh_messenger order */
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    for (int m = 0; m < MH_MESSENGER_COUNT; m++)
        x[entry[m].state] = p[entry[m].rest];
    x[IGF1] *= exp(-p[DIGF1] * (in->age_y - 40.0));
    x[R] = 1.0;
}

const mh_module mh_messengers_module = {
    .name = MODULE_NAME,
    .summary = "messengers: IL-6, irisin, FGF21, adiponectin, follistatin, myostatin, CCL2, "
               "adrenomedullin, IGF-1 (blockable, over-expressible)",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
