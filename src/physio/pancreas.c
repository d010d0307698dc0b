/*
 * pancreas.c - beta-cell insulin and alpha-cell glucagon secretion (physio layer).
 *
 * Dalla Man, Rizza, Cobelli 2007, secretion subsystem (after Toffolo 1995):
 *   dY/dt   = -alpha [Y - beta (G - h)]     if beta (G - h) >= -Sb
 *           = -alpha Y - alpha Sb           otherwise          [pmol/kg/min per min]
 *   Spo     = Y + K dG/dt + Sb  if dG/dt > 0,  Y + Sb otherwise   [pmol/kg/min]
 *   dIpo/dt = -gamma Ipo + Spo                                    [pmol/kg/min]
 *   S       = gamma Ipo       (secretion reaching the liver)      [pmol/kg/min]
 * Y is the static (glucose level) provision of new insulin, K dG/dt the dynamic
 * (rate of rise) release; h is the glucose threshold, set to the cohort's basal
 * glucose. dG/dt is the plasma glucose rate assembled from every module's
 * fluxes, which is why it is read in derivatives(), where pool rates are complete.
 * Below the threshold the static response is flatter (beta x beta_low): the
 * secretion dose-response is sigmoid, and a slope as steep as above basal would
 * stop secretion entirely after a small fall of glucose in a long fast.
 *
 * Glucagon (alpha cells), suppressed by glucose and insulin:
 *   SG = SGb (h / G)^ag (Iref / I)^bg (C_aa / C_aa,b)^c_aa            [pmol/kg/min]
 * (amino acids from a protein meal raise glucagon: Muller 1970 NEJM 283:109)
 * Exercise (effort E, recent volume L) restrains insulin release through
 * sympathetic (alpha-adrenergic) drive and raises glucagon the longer it lasts
 * (Galbo 1975; Wasserman 1989):
 *   Spo x (1 - s_ex E / (E + 0.3)),   SG x (1 + g_ex E L / (L + 60 min))
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "pancreas"

#define STATES(X)                                                                                \
    X(Y, "y", "pmol/kg/min", 1.0, MH_FAST, "Y: static secretion above basal")                 \
    X(IPO, "ipo", "pmol/kg", 3.0, MH_FAST, "Ipo: insulin in the portal vein")

#define PARAMS(X)                                                                                \
    X(ALPHA, "alpha", "1/min", 0.10, 0.005, 0.5, 0.3,                                         \
      "calibrated: full model to the Dalla Man 2007 mean insulin plateau 30-90 min (T1: 0.050)",  \
      "delay between glucose and static secretion")                                           \
    X(BETA, "beta", "pmol/kg/min per mg/dL", 0.11, 0.01, 1.0, 0.4, MH_SRC_DALLA_MAN_2007,      \
      "static beta-cell responsivity to glucose")                                             \
    X(K, "K", "pmol/kg per mg/dL", 2.30, 0.1, 10.0, 0.4, MH_SRC_DALLA_MAN_2007,                \
      "dynamic beta-cell responsivity to the rate of rise of glucose")                        \
    X(GAMMA, "gamma", "1/min", 0.5, 0.05, 2.0, 0.2, MH_SRC_DALLA_MAN_2007,                     \
      "transfer rate from portal vein to liver")                                              \
    X(H, "h", "mg/dL", 91.76, 60.0, 130.0, 0.1,                                                \
      MH_SRC_DALLA_MAN_2007 " (h = Gb, cohort basal glucose)", "glucose threshold of secretion") \
    X(SB, "Sb", "pmol/kg/min", 1.544, 0.3, 6.0, 0.3,                                           \
      "derived from " MH_SRC_DALLA_MAN_2007                                                   \
      " basal relations: Sb = (m1 + m30) Ilb - m2 Ipb with HEb 0.6, Ib 25.49 pmol/L",         \
      "basal insulin secretion")                                                              \
    X(BETA_LOW, "beta_low", "1", 0.15, 0.05, 1.0, 0.3,                                         \
      "calibrated: insulin 15-20 pmol/L after 42 h of fasting (Landau 1996 JCI 98:378)",       \
      "static responsivity below the threshold, as a fraction of beta")                       \
    X(SGB, "SGb", "pmol/kg/min", 0.328, 0.05, 1.5, 0.3,                                         \
      "derived: 12 pmol/L basal glucagon x V 0.19 L/kg x clearance 0.144/min",                 \
      "basal glucagon secretion")                                                             \
    X(AG, "ag", "1", 1.0, 0.0, 4.0, 0.3,                                                       \
      "calibrated: glucagon about halved at the peak of an OGTT (Unger 1970s; Gerich review)", \
      "suppression of glucagon secretion by glucose")                                         \
    X(BG, "bg", "1", 0.1, 0.0, 1.0, 0.3, "calibrated: as ag",                                 \
      "suppression of glucagon secretion by insulin")                                         \
    X(SEX, "s_ex", "1", 0.6, 0.0, 1.0, 0.3,                                                    \
      "calibrated: insulin falls 30-50 % during prolonged moderate exercise (Galbo 1975)",    \
      "largest restraint of insulin release by exercise")                                     \
    X(GEX, "g_ex", "1", 3.0, 0.0, 10.0, 0.4,                                                   \
      "calibrated: glucagon about doubles after 2-3 h of moderate exercise (research notes;"  \
      " unverified in humans)",                                                                \
      "glucagon rise with exercise effort and duration")                                      \
    X(CAA, "c_aa", "1", 1.0, 0.0, 3.0, 0.4,                                                    \
      "calibrated: a protein meal raises glucagon about 70 % (Muller 1970 NEJM 283:109)",     \
      "stimulation of glucagon by gluconeogenic amino acids")

#define FLUXES(X)                                                                                \
    X(SECRETION, "insulin_secretion", "pmol/kg/min", MH_POOL_NONE, MH_POOL_INSULIN_LIVER,     \
      "S = gamma Ipo: insulin delivered from the portal vein to the liver")                   \
    X(GLUCAGON_SECRETION, "glucagon_secretion", "pmol/kg/min", MH_POOL_NONE, MH_POOL_GLUCAGON, \
      "SG: glucagon secreted by alpha cells")

#define OUTPUTS(X)                                                                               \
    X(SECRETION_OUT, "insulin_secretion_pmol_kg_min", "pmol/kg/min",                           \
      "insulin secretion reaching the liver")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_PORTAL_INSULIN] = c->x[IPO];
    signals[MH_SIGNAL_INSULIN_SECRETION] = c->p[GAMMA] * c->x[IPO];
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *p = c->p;
    f[SECRETION] = p[GAMMA] * c->x[IPO];
    double glucose = fmax(c->shared->conc[MH_POOL_GLUCOSE], 10.0); /* mg/dL, guarded */
    double insulin = fmax(c->shared->conc[MH_POOL_INSULIN], 1.0);  /* pmol/L, guarded */
    double effort = c->shared->signal[MH_SIGNAL_EXERCISE_DRIVE];
    double volume = c->shared->signal[MH_SIGNAL_EXERCISE_LOAD];
    f[GLUCAGON_SECRETION] = p[SGB] * pow(p[H] / glucose, p[AG]) * pow(c->shared->ref[MH_POOL_INSULIN] / insulin, p[BG]) *
                            (1.0 + p[GEX] * effort * volume / (volume + 60.0)) *
                            pow(fmax(c->shared->conc[MH_POOL_AMINO_ACIDS], 1.0) / c->shared->ref[MH_POOL_AMINO_ACIDS], p[CAA]);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    double glucose = c->shared->conc[MH_POOL_GLUCOSE];
    double glucose_rise = c->shared->conc_rate[MH_POOL_GLUCOSE]; /* mg/dL/min */
    double drive = p[BETA] * (glucose - p[H]) * (glucose < p[H] ? p[BETA_LOW] : 1.0);
    if (drive >= -p[SB])
        dx[Y] = -p[ALPHA] * (x[Y] - drive);
    else
        dx[Y] = -p[ALPHA] * x[Y] - p[ALPHA] * p[SB];
    double release = x[Y] + p[SB];
    if (glucose_rise > 0.0)
        release += p[K] * glucose_rise;
    double effort = c->shared->signal[MH_SIGNAL_EXERCISE_DRIVE];
    release *= 1.0 - p[SEX] * effort / (effort + 0.3);
    dx[IPO] = -f[SECRETION] + release;
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)c;
    out[SECRETION_OUT] = f[SECRETION];
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[Y] = 0.0;
    x[IPO] = p[SB] / p[GAMMA];
}

const mh_module mh_pancreas_module = {
    .name = MODULE_NAME,
    .summary = "insulin secretion: static and dynamic beta-cell response to glucose",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
