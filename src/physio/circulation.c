/*
 * circulation.c - the shared circulating pools: plasma glucose, plasma and
 * hepatic insulin (physio layer).
 *
 * This module owns the pool states; their derivatives are exactly the net
 * rates that the other modules' flux tables add up (see shared.h). It also
 * owns the distribution volumes that turn amounts into concentrations.
 *
 * Units: glucose mg/kg body weight, concentration mg/dL; insulin pmol/kg,
 * concentration pmol/L. Dalla Man 2007 glucose and insulin subsystems:
 *   G = Gp / VG          I = Ip / VI
 */
#include <string.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "circulation"

/* State order must follow MH_POOL_LIST (the pool enum indexes these states). */
#define STATES(X)                                                                                \
    X(GP, "glucose_plasma", "mg/kg", 170.0, MH_FAST, "Gp: glucose mass in plasma and fast tissues") \
    X(IP, "insulin_plasma", "pmol/kg", 1.3, MH_FAST, "Ip: insulin mass in plasma")            \
    X(IL, "insulin_liver", "pmol/kg", 4.5, MH_FAST, "Il: insulin mass in the liver")

#define PARAMS(X)                                                                                \
    X(VG, "VG", "dL/kg", 1.88, 1.2, 2.6, 0.15, MH_SRC_DALLA_MAN_2007,                          \
      "distribution volume of glucose")                                                       \
    X(VI, "VI", "L/kg", 0.05, 0.03, 0.08, 0.15, MH_SRC_DALLA_MAN_2007,                         \
      "distribution volume of insulin")

#define OUTPUTS(X)                                                                               \
    X(GLUCOSE_MMOL_L, "glucose_mmol_l", "mmol/L", "plasma glucose concentration")             \
    X(GLUCOSE_MG_DL, "glucose_mg_dl", "mg/dL", "plasma glucose concentration")                \
    X(INSULIN_PMOL_L, "insulin_pmol_l", "pmol/L", "plasma insulin concentration")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

/* The pool enum and this module's states must agree one to one. */
_Static_assert((int)N_STATES == (int)MH_POOL_COUNT, "circulation states must mirror the pools");
_Static_assert((int)GP == (int)MH_POOL_GLUCOSE && (int)IP == (int)MH_POOL_INSULIN &&
                   (int)IL == (int)MH_POOL_INSULIN_LIVER,
               "circulation state order must follow MH_POOL_LIST");

void mh_circulation_concentrations(const double *p, const double *amount, double *conc)
{
    conc[MH_POOL_GLUCOSE] = amount[MH_POOL_GLUCOSE] / p[VG];
    conc[MH_POOL_INSULIN] = amount[MH_POOL_INSULIN] / p[VI];
    conc[MH_POOL_INSULIN_LIVER] = amount[MH_POOL_INSULIN_LIVER]; /* no volume: amount per kg */
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    memcpy(dx, c->shared->rate, sizeof(double) * MH_POOL_COUNT);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    double glucose_mg_dl = c->shared->conc[MH_POOL_GLUCOSE];
    out[GLUCOSE_MG_DL] = glucose_mg_dl;
    out[GLUCOSE_MMOL_L] = mh_glucose_mmol_l_from_mg_dl(glucose_mg_dl);
    out[INSULIN_PMOL_L] = c->shared->conc[MH_POOL_INSULIN];
}

/* Dalla Man 2007 basal values of the normal cohort: Gb 91.76 mg/dL, Ib 25.49 pmol/L,
 * Ilb from dIp/dt = 0 with m1 0.190, m2 0.484, m4 0.194. */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[GP] = 91.76 * p[VG];
    x[IP] = 25.49 * p[VI];
    x[IL] = x[IP] * (0.484 + 0.194) / 0.190;
}

const mh_module mh_circulation_module = {
    .name = MODULE_NAME,
    .summary = "circulating pools of glucose and insulin, and their volumes",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
