/*
 * muscle.c - insulin-sensitive peripheral tissue, muscle first (physio layer).
 *
 * Dalla Man, Rizza, Cobelli 2007 utilization subsystem. Gt is glucose in
 * slowly equilibrating tissue; skeletal muscle is most of it, adipose tissue
 * the rest (issue 3 splits them and scales the sink with muscle mass).
 *   transfer  = k1 Gp - k2 Gt                                       [mg/kg/min]
 *   Uid       = Vm(X) Gt / (Km0 + Gt),   Vm(X) = Vm0 + Vmx X        [mg/kg/min]
 *   dGt/dt    = transfer - Uid
 *   dX/dt     = -p2U X + p2U (I - Ib)       remote insulin action   [pmol/L/min]
 * Ib is the insulin level at which remote action is zero (the cohort's basal).
 */
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "muscle"

#define STATES(X)                                                                                \
    X(GT, "gt", "mg/kg", 130.0, MH_FAST, "Gt: glucose in slowly equilibrating tissue")        \
    X(XI, "x", "pmol/L", 10.0, MH_FAST, "X: insulin action on glucose utilization")

#define PARAMS(X)                                                                                \
    X(K1, "k1", "1/min", 0.065, 0.01, 0.3, 0.3, MH_SRC_DALLA_MAN_2007,                         \
      "glucose transfer plasma to tissue")                                                    \
    X(K2, "k2", "1/min", 0.079, 0.01, 0.3, 0.3, MH_SRC_DALLA_MAN_2007,                         \
      "glucose transfer tissue to plasma")                                                    \
    X(VM0, "Vm0", "mg/kg/min", 2.50, 0.5, 10.0, 0.3, MH_SRC_DALLA_MAN_2007,                    \
      "basal maximal insulin-dependent utilization")                                          \
    X(VMX, "Vmx", "mg/kg/min per pmol/L", 0.047, 0.001, 0.3, 0.5, MH_SRC_DALLA_MAN_2007,       \
      "peripheral insulin sensitivity (rise of Vm with insulin action)")                      \
    X(KM0, "Km0", "mg/kg", 225.59, 50.0, 600.0, 0.2, MH_SRC_DALLA_MAN_2007,                    \
      "Michaelis constant of utilization")                                                    \
    X(P2U, "p2U", "1/min", 0.0331, 0.005, 0.2, 0.3, MH_SRC_DALLA_MAN_2007,                     \
      "rate constant of insulin action on utilization")                                       \
    X(IB, "Ib", "pmol/L", 25.49, 5.0, 150.0, 0.4, MH_SRC_DALLA_MAN_2007 " (basal insulin)",    \
      "insulin level of zero remote action")

#define FLUXES(X)                                                                                \
    X(TRANSFER, "glucose_plasma_to_tissue", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,        \
      "k1 Gp - k2 Gt: net glucose moving into slowly equilibrating tissue")                   \
    X(UID, "insulin_dependent_uptake", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                \
      "Uid: insulin-dependent utilization, from Gt")

#define OUTPUTS(X)                                                                               \
    X(UID_OUT, "glucose_uptake_insulin_mg_kg_min", "mg/kg/min",                                \
      "insulin-dependent glucose utilization (muscle and adipose)")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    double gt = x[GT] > 0.0 ? x[GT] : 0.0;
    f[TRANSFER] = p[K1] * c->shared->amount[MH_POOL_GLUCOSE] - p[K2] * x[GT];
    double vm = p[VM0] + p[VMX] * x[XI];
    f[UID] = (vm > 0.0 ? vm : 0.0) * gt / (p[KM0] + gt);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    dx[GT] = f[TRANSFER] - f[UID];
    dx[XI] = -p[P2U] * x[XI] + p[P2U] * (c->shared->conc[MH_POOL_INSULIN] - p[IB]);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)c;
    out[UID_OUT] = f[UID];
}

/* Gt from dGp/dt = 0 at the Dalla Man basal point (EGPb 1.92, Fcns 1, Gpb 172.5). */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[GT] = (1.0 - 1.92 + p[K1] * 172.5) / p[K2];
    x[XI] = 0.0;
}

const mh_module mh_muscle_module = {
    .name = MODULE_NAME,
    .summary = "insulin-dependent glucose uptake by skeletal muscle (and adipose, for now)",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
