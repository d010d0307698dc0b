/*
 * liver.c - endogenous glucose production and hepatic insulin handling (physio layer).
 *
 * Dalla Man, Rizza, Cobelli 2007:
 *   EGP = kp1 - kp2 Gp - kp3 Id - kp4 Ipo, and EGP >= 0            [mg/kg/min]
 *     suppressed by glucose (Gp), delayed plasma insulin (Id) and portal insulin (Ipo)
 *   dI1/dt = -ki (I1 - I),  dId/dt = -ki (Id - I1)                   [pmol/L/min]
 * Insulin kinetics through the liver:
 *   dIl/dt = -(m1 + m3) Il + m2 Ip + S,   dIp/dt = -(m2 + m4) Ip + m1 Il
 *   m3 = HE m1 / (1 - HE),   HE = -m5 S + m6  (hepatic extraction falls as secretion rises)
 * HE is kept within [0, 0.95] so that extreme secretion cannot make it negative.
 */
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "liver"

#define STATES(X)                                                                                \
    X(I1, "i1", "pmol/L", 25.0, MH_FAST, "I1: first delay of the insulin signal to the liver") \
    X(ID, "id", "pmol/L", 25.0, MH_FAST, "Id: delayed insulin signal to the liver")

#define PARAMS(X)                                                                                \
    X(KP1, "kp1", "mg/kg/min", 2.70, 1.0, 6.0, 0.2, MH_SRC_DALLA_MAN_2007,                      \
      "extrapolated EGP at zero glucose and insulin")                                         \
    X(KP2, "kp2", "1/min", 0.0021, 0.0, 0.02, 0.4, MH_SRC_DALLA_MAN_2007,                      \
      "liver glucose effectiveness")                                                          \
    X(KP3, "kp3", "mg/kg/min per pmol/L", 0.009, 0.0005, 0.05, 0.4, MH_SRC_DALLA_MAN_2007,     \
      "suppression of EGP by delayed plasma insulin")                                         \
    X(KP4, "kp4", "mg/kg/min per pmol/kg", 0.0618, 0.0, 0.5, 0.4, MH_SRC_DALLA_MAN_2007,       \
      "suppression of EGP by portal insulin")                                                 \
    X(KI, "ki", "1/min", 0.0079, 0.001, 0.05, 0.3, MH_SRC_DALLA_MAN_2007,                      \
      "rate constant of the delayed insulin action on the liver")                             \
    X(M1, "m1", "1/min", 0.190, 0.05, 0.6, 0.2, MH_SRC_DALLA_MAN_2007,                         \
      "insulin transfer liver to plasma")                                                     \
    X(M2, "m2", "1/min", 0.484, 0.1, 1.5, 0.2, MH_SRC_DALLA_MAN_2007,                          \
      "insulin transfer plasma to liver")                                                     \
    X(M5, "m5", "min kg/pmol", 0.0304, 0.0, 0.1, 0.3, MH_SRC_DALLA_MAN_2007,                   \
      "fall of hepatic extraction with secretion")                                            \
    X(M6, "m6", "1", 0.6471, 0.3, 0.9, 0.1, MH_SRC_DALLA_MAN_2007,                             \
      "hepatic insulin extraction at zero secretion")

#define FLUXES(X)                                                                                \
    X(EGP, "egp", "mg/kg/min", MH_POOL_NONE, MH_POOL_GLUCOSE, "endogenous glucose production") \
    X(INS_OUT, "insulin_liver_to_plasma", "pmol/kg/min", MH_POOL_INSULIN_LIVER,                \
      MH_POOL_INSULIN, "m1 Il")                                                               \
    X(INS_IN, "insulin_plasma_to_liver", "pmol/kg/min", MH_POOL_INSULIN,                       \
      MH_POOL_INSULIN_LIVER, "m2 Ip")                                                         \
    X(INS_DEGRADED, "hepatic_insulin_degradation", "pmol/kg/min", MH_POOL_INSULIN_LIVER,       \
      MH_POOL_NONE, "m3 Il")

#define OUTPUTS(X)                                                                               \
    X(EGP_OUT, "egp_mg_kg_min", "mg/kg/min", "endogenous (hepatic) glucose production")       \
    X(HE_OUT, "hepatic_insulin_extraction", "1", "fraction of insulin extracted by the liver")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

static double hepatic_extraction(const mh_module_ctx *c)
{
    double he = c->p[M6] - c->p[M5] * c->shared->signal[MH_SIGNAL_INSULIN_SECRETION];
    return he < 0.0 ? 0.0 : (he > 0.95 ? 0.95 : he);
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double egp = p[KP1] - p[KP2] * s->amount[MH_POOL_GLUCOSE] - p[KP3] * x[ID] -
                 p[KP4] * s->signal[MH_SIGNAL_PORTAL_INSULIN];
    f[EGP] = egp > 0.0 ? egp : 0.0;
    double he = hepatic_extraction(c);
    double il = s->amount[MH_POOL_INSULIN_LIVER];
    f[INS_OUT] = p[M1] * il;
    f[INS_IN] = p[M2] * s->amount[MH_POOL_INSULIN];
    f[INS_DEGRADED] = he * p[M1] / (1.0 - he) * il;
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    double insulin = c->shared->conc[MH_POOL_INSULIN];
    dx[I1] = -p[KI] * (x[I1] - insulin);
    dx[ID] = -p[KI] * (x[ID] - x[I1]);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    out[EGP_OUT] = f[EGP];
    out[HE_OUT] = hepatic_extraction(c);
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)p;
    (void)in;
    x[I1] = x[ID] = 25.49; /* Dalla Man 2007 basal insulin, pmol/L */
}

const mh_module mh_liver_module = {
    .name = MODULE_NAME,
    .summary = "endogenous glucose production and hepatic insulin extraction",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
