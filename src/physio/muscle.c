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
 * Fatty acids above their fasting level restrain insulin-dependent uptake
 * (glucose-fatty acid cycle, Randle 1963), so that prolonged fasting spares
 * glucose; below it nothing changes, which leaves the meal response as fitted:
 *   Uid = Vm(X) Gt / (Km0 + Gt) / (1 + r_ffa max(0, C_ffa / C_ffa,b - 1))
 *
 * Fuels and substrates exchanged with plasma (umol/kg/min, C in umol/L):
 *   lactate release   = 2 f_lac Uid / 0.18016   (glycolysis of part of the uptake)
 *   lactate oxidation = k_lac_ox C_lac          (muscle and heart)
 *   FFA uptake        = k_ffa C_ffa
 *   amino acid release (proteolysis) = R_aa (Iref / I)^b_aa, insulin-restrained
 *   amino acid uptake (synthesis, other tissues) = k_aa C_aa
 */
#include <math.h>

#include "core/units.h"
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
      "insulin level of zero remote action")                                                  \
    X(FLAC, "f_lac", "1", 0.3, 0.0, 0.8, 0.3,                                                   \
      "calibrated: forearm and leg lactate release 2-4 umol/kg/min after an overnight fast "  \
      "and its postprandial rise (Consoli 1990 AJP 259:E677)",                                 \
      "fraction of insulin-dependent glucose uptake released as lactate")                     \
    X(KLACOX, "k_lac_ox", "L/kg/min", 0.0063, 0.001, 0.03, 0.3,                                \
      "calibrated: with hepatic uptake, lactate 0.8 mmol/L at Ra about 9 umol/kg/min",         \
      "lactate oxidation clearance (muscle, heart)")                                          \
    X(KFFA, "k_ffa", "L/kg/min", 0.007, 0.001, 0.03, 0.3,                                      \
      "calibrated: FFA 0.45 mmol/L at Ra 5.3 umol/kg/min, muscle about 60 % of uptake",        \
      "FFA uptake clearance by muscle and other peripheral tissue")                           \
    X(RAA, "R_aa", "umol/kg/min", 5.0, 1.0, 15.0, 0.3,                                          \
      "alanine Ra about 4-6 umol/kg/min after an overnight fast (Consoli 1990; Felig 1970)",   \
      "release of gluconeogenic amino acids by proteolysis at basal insulin")                 \
    X(BAA, "b_aa", "1", 0.5, 0.0, 1.0, 0.3,                                                    \
      "calibrated: amino acid supply to GNG in a 42-h fast (Landau 1996); restrains "         \
      "proteolysis more after meals than measured, 30-50 % (Gelfand 1987 JCI 80:1)",           \
      "insulin restraint of amino acid release")                                              \
    X(KAA, "k_aa", "L/kg/min", 0.00167, 0.0, 0.02, 0.3,                                        \
      "calibrated: the tenth of amino acid release not taken up by the liver",                \
      "amino acid uptake clearance outside the liver")                                        \
    X(RFFA, "r_ffa", "1", 1.0, 0.0, 3.0, 0.4,                                                  \
      "calibrated: fasting glucose about 4 mmol/L at 42 h (Landau 1996 JCI 98:378); FFA "     \
      "elevation lowers glucose uptake (Roden 1996 JCI 97:2859)",                              \
      "restraint of insulin-dependent uptake by FFA above their fasting level")               \
    X(FFAB, "C_ffa_b", "umol/L", 450.0, 100.0, 1500.0, 0.3,                                    \
      "fasting FFA about 0.45 mmol/L after an overnight fast",                                \
      "FFA level above which uptake is restrained")

#define FLUXES(X)                                                                                \
    X(TRANSFER, "glucose_plasma_to_tissue", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,        \
      "k1 Gp - k2 Gt: net glucose moving into slowly equilibrating tissue")                   \
    X(UID, "insulin_dependent_uptake", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                \
      "Uid: insulin-dependent utilization, from Gt")                                          \
    X(LAC_RELEASE, "lactate_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_LACTATE,            \
      "lactate from glycolysis of part of Uid")                                               \
    X(LAC_OX, "lactate_oxidation", "umol/kg/min", MH_POOL_LACTATE, MH_POOL_NONE,               \
      "lactate oxidised by muscle and heart")                                                 \
    X(FFA_UPTAKE, "ffa_uptake", "umol/kg/min", MH_POOL_FFA, MH_POOL_NONE,                      \
      "FFA taken up (oxidised or stored) by muscle")                                          \
    X(AA_RELEASE, "amino_acid_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_AMINO_ACIDS,      \
      "gluconeogenic amino acids released by proteolysis")                                    \
    X(AA_UPTAKE, "amino_acid_uptake", "umol/kg/min", MH_POOL_AMINO_ACIDS, MH_POOL_NONE,        \
      "amino acids taken up outside the liver")

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
    const mh_shared *s = c->shared;
    double ffa_excess = fmax(s->conc[MH_POOL_FFA] / p[FFAB] - 1.0, 0.0);
    f[UID] = (vm > 0.0 ? vm : 0.0) * gt / (p[KM0] + gt) / (1.0 + p[RFFA] * ffa_excess);
    f[LAC_RELEASE] = 2.0 * p[FLAC] * f[UID] / MH_GLUCOSE_MG_PER_UMOL;
    f[LAC_OX] = p[KLACOX] * fmax(s->conc[MH_POOL_LACTATE], 0.0);
    f[FFA_UPTAKE] = p[KFFA] * fmax(s->conc[MH_POOL_FFA], 0.0);
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0);
    f[AA_RELEASE] = p[RAA] * pow(p[IB] / insulin, p[BAA]);
    f[AA_UPTAKE] = p[KAA] * fmax(s->conc[MH_POOL_AMINO_ACIDS], 0.0);
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
