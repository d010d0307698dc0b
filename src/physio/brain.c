/*
 * brain.c - insulin-independent glucose utilization (physio layer).
 *
 * Brain and erythrocytes use glucose at a rate that does not depend on insulin
 * (Dalla Man 2007: Uii = Fcns). A saturating factor Gp / (Gp + 0.1 mg/kg) keeps
 * plasma glucose from being drained below zero in extreme runs; at any
 * physiological glucose it changes the flux by less than 0.1 %.
 *   Uii = Fcns Gp / (Gp + 0.1) / (1 + r_k max(0, C_ffa / C_ffa,b - 1))   [mg/kg/min]
 * The last factor stands in for ketone bodies, which replace part of the brain's
 * glucose as fatty acid flux to the liver rises in a fast (ketones are not
 * modelled yet; Owen 1967 JCI 46:1589 for the prolonged-fast extreme).
 * Erythrocytes, skin and the brain release part of that glucose as lactate at a
 * steady rate (the peripheral half of the Cori cycle):
 *   lactate release = P_lac                                          [umol/kg/min]
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "brain"

#define PARAMS(X)                                                                                \
    X(FCNS, "Fcns", "mg/kg/min", 1.0, 0.5, 2.0, 0.15, MH_SRC_DALLA_MAN_2007,                   \
      "insulin-independent glucose utilization (brain, erythrocytes)")                        \
    X(PLAC, "P_lac", "umol/kg/min", 6.0, 1.0, 11.0, 0.25,                                      \
      "calibrated: with muscle release, whole-body lactate Ra about 10 umol/kg/min "          \
      "after an overnight fast (Consoli 1990 AJP 259:E677 range 9-15)",                        \
      "lactate release by erythrocytes, brain and skin (at most 2 per glucose of Uii)")       \
    X(RK, "r_k", "1", 0.5, 0.0, 1.0, 0.4,                                                     \
      "calibrated: brain glucose use about a fifth lower when FFA have doubled in a 2-day "   \
      "fast (ketone supply; Owen 1967 JCI 46:1589)",                                           \
      "ketone sparing of brain glucose, per FFA rise above fasting")

#define FLUXES(X)                                                                                \
    X(UII, "insulin_independent_uptake", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,           \
      "Uii: glucose use by brain and erythrocytes")                                           \
    X(LAC_RELEASE, "lactate_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_LACTATE,            \
      "lactate from glycolysis of part of Uii")

MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    double gp = c->shared->amount[MH_POOL_GLUCOSE];
    double ffa_excess = fmax(c->shared->conc[MH_POOL_FFA] / c->shared->ref[MH_POOL_FFA] - 1.0, 0.0);
    f[UII] = gp > 0.0 ? c->p[FCNS] * gp / (gp + 0.1) / (1.0 + c->p[RK] * ffa_excess) : 0.0;
    /* Never more lactate than two per glucose taken up (1 mg glucose = 5.55 umol). */
    f[LAC_RELEASE] = fmin(c->p[PLAC], 2.0 * f[UII] / MH_GLUCOSE_MG_PER_UMOL);
}

const mh_module mh_brain_module = {
    .name = MODULE_NAME,
    .summary = "insulin-independent glucose use by brain and erythrocytes",
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    .compute_fluxes = compute_fluxes,
};
