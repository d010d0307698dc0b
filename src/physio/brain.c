/*
 * brain.c - insulin-independent glucose utilization (physio layer).
 *
 * Brain and erythrocytes use glucose at a rate that does not depend on insulin
 * (Dalla Man 2007: Uii = Fcns). A saturating factor Gp / (Gp + 0.1 mg/kg) keeps
 * plasma glucose from being drained below zero in extreme runs; at any
 * physiological glucose it changes the flux by less than 0.1 %.
 *   Uii = Fcns Gp / (Gp + 0.1)                                      [mg/kg/min]
 */
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "brain"

#define PARAMS(X)                                                                                \
    X(FCNS, "Fcns", "mg/kg/min", 1.0, 0.5, 2.0, 0.15, MH_SRC_DALLA_MAN_2007,                   \
      "insulin-independent glucose utilization (brain, erythrocytes)")

#define FLUXES(X)                                                                                \
    X(UII, "insulin_independent_uptake", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,           \
      "Uii: glucose use by brain and erythrocytes")

MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    double gp = c->shared->amount[MH_POOL_GLUCOSE];
    f[UII] = gp > 0.0 ? c->p[FCNS] * gp / (gp + 0.1) : 0.0;
}

const mh_module mh_brain_module = {
    .name = MODULE_NAME,
    .summary = "insulin-independent glucose use by brain and erythrocytes",
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    .compute_fluxes = compute_fluxes,
};
