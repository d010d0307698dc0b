/*
 * messengers.c - circulating exerkines and hepatokines of the fast time scale:
 * IL-6 from contracting muscle, follistatin and FGF21 from the liver (physio layer).
 *
 * Each messenger is one concentration with first-order clearance and a
 * production law normalised to its resting level B:
 *   dC/dt = k (B P - C),   k = ln 2 / half-life
 * IL-6 (Steensberg 2000 J Physiol 529:237; Fischer 2006 EIR 12:6): released by
 * working muscle, more the longer the bout (L: recent effort-minutes):
 *   P_il6 = 1 + a_il6 E (L / L50)^n_il6
 * Follistatin and FGF21 (Hansen 2011 Endocrinology 152:164; Hansen 2015 Mol
 * Metab 4:551) follow the glucagon-to-insulin ratio, sensed by the liver with
 * a delay:
 *   Q = (Gcg / Gcgb) / (I / Ib),   dR/dt = (Q - R) / tau_r
 *   P_fst = max(R, 1)^n_fst,   P_fgf21 = max(R, 1)^n_fgf21
 * Only a ratio above the fasting level drives them: with the steep n_fst the
 * mealtime fall of the ratio would otherwise swing follistatin several-fold
 * every day, which is not seen (deviation in docs/MODEL.md).
 * The messengers' targets read them as signals (IL-6: hepatic glucose output
 * and lipolysis). Blockade and over-expression arrive with the slow physiology.
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "messengers"

#define STATES(X)                                                                                \
    X(IL6, "il6", "pg/mL", 1.0, MH_FAST, "plasma IL-6")                                       \
    X(FST, "follistatin", "ng/mL", 1.5, MH_FAST, "plasma follistatin")                        \
    X(FGF, "fgf21", "pg/mL", 200.0, MH_FAST, "plasma FGF21")                                  \
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
    X(FSTB, "follistatin_rest", "ng/mL", 1.5, 0.3, 10.0, 0.4,                                  \
      "assumed: about 1-2 ng/mL at rest (unverified; assay dependent)", "resting follistatin") \
    X(FSTT, "follistatin_half_life", "min", 200.0, 10.0, 600.0, 0.4,                            \
      "calibrated: peak about 3 h into recovery after 3 h of cycling (Hansen 2011)",          \
      "follistatin half-life in plasma")                                                      \
    X(NFST, "n_fst", "1", 3.0, 0.0, 4.0, 0.4,                                                  \
      "calibrated: peak about 7-fold after 3 h of cycling (Hansen 2011)",                     \
      "sensitivity of follistatin release to the glucagon-to-insulin ratio")                  \
    X(FGFB, "fgf21_rest", "pg/mL", 200.0, 20.0, 2000.0, 0.5,                                   \
      "assumed: a few hundred pg/mL at rest, assay dependent (Cuevas-Ramos 2012)",            \
      "resting FGF21")                                                                        \
    X(FGFT, "fgf21_half_life", "min", 60.0, 10.0, 600.0, 0.4,                                  \
      "calibrated: raised for about 4 h after a bout (research notes)",                       \
      "FGF21 half-life in plasma")                                                            \
    X(NFGF, "n_fgf21", "1", 0.7, 0.0, 3.0, 0.4,                                                \
      "assumed: FGF21 about 2-3 fold after prolonged exercise (Hansen 2015, unverified)",     \
      "sensitivity of FGF21 release to the glucagon-to-insulin ratio")                        \
    X(TAUR, "tau_r", "min", 200.0, 5.0, 600.0, 0.4, "calibrated: as follistatin_half_life",    \
      "delay of the hepatic glucagon-to-insulin signal")

#define OUTPUTS(X)                                                                               \
    X(IL6_OUT, "il6_pg_ml", "pg/mL", "plasma interleukin-6")                                  \
    X(FST_OUT, "follistatin_ng_ml", "ng/mL", "plasma follistatin")                            \
    X(FGF_OUT, "fgf21_pg_ml", "pg/mL", "plasma fibroblast growth factor 21")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

static double rate(double half_life_min) { return log(2.0) / half_life_min; }

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_IL6_RATIO] = fmax(c->x[IL6], 0.0) / c->p[IL6B];
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double effort = s->signal[MH_SIGNAL_EXERCISE_DRIVE];
    double volume = s->signal[MH_SIGNAL_EXERCISE_LOAD];
    double il6_release = 1.0 + p[AIL6] * effort * pow(volume / p[L50], p[NIL6]);
    dx[IL6] = rate(p[IL6T]) * (p[IL6B] * il6_release - x[IL6]);
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0);
    double ratio = (fmax(s->conc[MH_POOL_GLUCAGON], 0.0) / s->ref[MH_POOL_GLUCAGON]) / (insulin / s->ref[MH_POOL_INSULIN]);
    dx[R] = (ratio - x[R]) / p[TAUR];
    double r = fmax(x[R], 1.0);
    dx[FST] = rate(p[FSTT]) * (p[FSTB] * pow(r, p[NFST]) - x[FST]);
    dx[FGF] = rate(p[FGFT]) * (p[FGFB] * pow(r, p[NFGF]) - x[FGF]);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    out[IL6_OUT] = fmax(c->x[IL6], 0.0);
    out[FST_OUT] = fmax(c->x[FST], 0.0);
    out[FGF_OUT] = fmax(c->x[FGF], 0.0);
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[IL6] = p[IL6B];
    x[FST] = p[FSTB];
    x[FGF] = p[FGFB];
    x[R] = 1.0;
}

const mh_module mh_messengers_module = {
    .name = MODULE_NAME,
    .summary = "exerkines and hepatokines: IL-6, follistatin, FGF21",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
