/*
 * kidney.c - renal glucose excretion, peripheral insulin degradation and glucagon
 * clearance (physio layer).
 *
 * Dalla Man, Rizza, Cobelli 2007:
 *   E = ke1 (Gp - ke2)  if Gp > ke2, else 0                         [mg/kg/min]
 *   peripheral insulin degradation = m4 Ip                          [pmol/kg/min]
 * m4 lumps renal and peripheral-tissue clearance of plasma insulin.
 *   glucagon clearance = k_gcg x glucagon amount (liver and kidney lumped)  [pmol/kg/min]
 */
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "kidney"

#define PARAMS(X)                                                                                \
    X(KE1, "ke1", "1/min", 0.0005, 0.0, 0.005, 0.3, MH_SRC_DALLA_MAN_2007,                     \
      "glomerular filtration rate constant for glucose")                                      \
    X(KE2, "ke2", "mg/kg", 339.0, 200.0, 600.0, 0.1, MH_SRC_DALLA_MAN_2007,                    \
      "renal threshold of glucose")                                                           \
    X(M4, "m4", "1/min", 0.194, 0.05, 0.6, 0.2, MH_SRC_DALLA_MAN_2007,                         \
      "peripheral insulin degradation")                                                       \
    X(KGCG, "k_glucagon", "1/min", 0.144, 0.05, 0.4, 0.2,                                     \
      "glucagon half-life 4.8 +- 0.2 min, MCR 9 mL/kg/min in normal subjects (research "      \
      "notes; Laurenti et al. give 4.0 min)",                                                  \
      "clearance rate constant of plasma glucagon (liver and kidney lumped)")                 \
    X(KGLYC, "k_glycerol", "L/kg/min", 0.0104, 0.0, 0.05, 0.3,                                 \
      "calibrated: about a quarter of glycerol turnover outside the liver (kidney)",          \
      "glycerol uptake clearance by the kidney and other tissue")

#define FLUXES(X)                                                                                \
    X(EXCRETION, "renal_glucose_excretion", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,        \
      "E: glucose lost in urine above the renal threshold")                                   \
    X(INS_DEGRADED, "peripheral_insulin_degradation", "pmol/kg/min", MH_POOL_INSULIN,          \
      MH_POOL_NONE, "m4 Ip")                                                                  \
    X(GCG_CLEARED, "glucagon_clearance", "pmol/kg/min", MH_POOL_GLUCAGON, MH_POOL_NONE,        \
      "k_glucagon x glucagon")                                                                \
    X(GLYC_UPTAKE, "glycerol_uptake", "umol/kg/min", MH_POOL_GLYCEROL, MH_POOL_NONE,           \
      "glycerol taken up by the kidney")

MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *p = c->p;
    double above = c->shared->amount[MH_POOL_GLUCOSE] - p[KE2];
    f[EXCRETION] = above > 0.0 ? p[KE1] * above : 0.0;
    f[INS_DEGRADED] = p[M4] * c->shared->amount[MH_POOL_INSULIN];
    f[GCG_CLEARED] = p[KGCG] * c->shared->amount[MH_POOL_GLUCAGON];
    f[GLYC_UPTAKE] = p[KGLYC] * c->shared->conc[MH_POOL_GLYCEROL];
}

const mh_module mh_kidney_module = {
    .name = MODULE_NAME,
    .summary = "renal glucose excretion and peripheral insulin degradation",
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    .compute_fluxes = compute_fluxes,
};
