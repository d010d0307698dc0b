/*
 * kidney.c - renal glucose excretion and peripheral insulin degradation (physio layer).
 *
 * Dalla Man, Rizza, Cobelli 2007:
 *   E = ke1 (Gp - ke2)  if Gp > ke2, else 0                         [mg/kg/min]
 *   peripheral insulin degradation = m4 Ip                          [pmol/kg/min]
 * m4 lumps renal and peripheral-tissue clearance of plasma insulin.
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
      "peripheral insulin degradation")

#define FLUXES(X)                                                                                \
    X(EXCRETION, "renal_glucose_excretion", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,        \
      "E: glucose lost in urine above the renal threshold")                                   \
    X(INS_DEGRADED, "peripheral_insulin_degradation", "pmol/kg/min", MH_POOL_INSULIN,          \
      MH_POOL_NONE, "m4 Ip")

MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *p = c->p;
    double above = c->shared->amount[MH_POOL_GLUCOSE] - p[KE2];
    f[EXCRETION] = above > 0.0 ? p[KE1] * above : 0.0;
    f[INS_DEGRADED] = p[M4] * c->shared->amount[MH_POOL_INSULIN];
}

const mh_module mh_kidney_module = {
    .name = MODULE_NAME,
    .summary = "renal glucose excretion and peripheral insulin degradation",
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    .compute_fluxes = compute_fluxes,
};
