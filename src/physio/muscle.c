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
 * Muscle glycogen (Gm, glucose per kg body weight) stores part of the glucose
 * taken up beyond glycolysis when insulin action is up, less as the store fills,
 * and turns over slowly at rest (to oxidation inside the muscle: muscle has no
 * glucose-6-phosphatase, so its glycogen never returns to plasma):
 *   s       = s_max X+ / (X+ + X50) (1 - Gm / Gm_max)
 *   dGm/dt  = Uid (1 - f_lac) s - k_rest Gm                         [mg/kg/min]
 * reported per kg of wet muscle (muscle mass = m_frac x body weight).
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
    X(XI, "x", "pmol/L", 10.0, MH_FAST, "X: insulin action on glucose utilization")         \
    X(GM, "glycogen", "mg/kg", 8000.0, MH_STORE, "muscle glycogen, as glucose per kg body weight")

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
      "FFA level above which uptake is restrained")                                           \
    X(MFRAC, "m_frac", "1", 0.384, 0.2, 0.55, 0.12,                                             \
      "skeletal muscle 38.4 % of body mass in men, 30.6 % in women (Janssen 2000 JAP 89:81)",  \
      "skeletal muscle mass as a fraction of body weight")                                    \
    X(GM0, "glycogen0", "mmol/kg", 95.0, 30.0, 200.0, 0.2,                                     \
      "resting vastus lateralis 80-110 mmol/kg wet weight on a mixed diet (Bergstrom 1967)",   \
      "muscle glycogen after an overnight fast (initial value), per kg wet muscle")           \
    X(GMMAX, "glycogen_max", "mmol/kg", 180.0, 100.0, 300.0, 0.2,                               \
      "supercompensated vastus glycogen about 170-200 mmol/kg wet weight (Bergstrom 1967)",    \
      "capacity at which storage stops")                                                      \
    X(SMAX, "s_max", "1", 0.8, 0.0, 1.0, 0.2,                                                  \
      "most postprandial muscle glucose uptake is stored as glycogen (Shulman 1990 NEJM "     \
      "322:223)",                                                                              \
      "maximal stored share of non-glycolytic glucose uptake")                                \
    X(X50, "X50", "pmol/L", 100.0, 10.0, 1000.0, 0.4, "calibrated: as k_rest",                \
      "insulin action giving half of s_max")                                                  \
    X(KREST, "k_rest", "1/min", 5.0e-5, 0.0, 2.0e-4, 0.4,                                      \
      "calibrated: resting glycogen stays 80-105 mmol/kg over a week of ordinary meals",      \
      "resting glycogen turnover rate")

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
      "amino acids taken up outside the liver")                                               \
    X(GM_SYNTHESIS, "glycogen_synthesis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,             \
      "glucose stored as muscle glycogen")                                                    \
    X(GM_BREAKDOWN, "glycogenolysis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                 \
      "muscle glycogen used inside the muscle")

#define OUTPUTS(X)                                                                               \
    X(UID_OUT, "glucose_uptake_insulin_mg_kg_min", "mg/kg/min",                                \
      "insulin-dependent glucose utilization (muscle and adipose)")                           \
    X(GM_G, "muscle_glycogen_g", "g", "skeletal muscle glycogen, whole body")                 \
    X(GM_MMOL, "muscle_glycogen_mmol_kg", "mmol/kg", "muscle glycogen per kg wet muscle")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

/* Glycogen per kg wet muscle (mmol glucosyl) as glucose per kg body weight (mg):
 * mmol/kg muscle x m_frac x 180.16 mg/mmol. */
static double glycogen_mg_kg(double mmol_per_kg_muscle, const double *p)
{
    return mmol_per_kg_muscle * p[MFRAC] * 180.16;
}

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
    double gm = fmax(x[GM], 0.0), action = fmax(x[XI], 0.0);
    double room = fmax(1.0 - gm / glycogen_mg_kg(p[GMMAX], p), 0.0);
    f[GM_SYNTHESIS] = f[UID] * (1.0 - p[FLAC]) * p[SMAX] * action / (action + p[X50]) * room;
    f[GM_BREAKDOWN] = p[KREST] * gm;
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    dx[GT] = f[TRANSFER] - f[UID];
    dx[GM] = f[GM_SYNTHESIS] - f[GM_BREAKDOWN];
    dx[XI] = -p[P2U] * x[XI] + p[P2U] * (c->shared->conc[MH_POOL_INSULIN] - p[IB]);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)c;
    out[UID_OUT] = f[UID];
    double grams = c->x[GM] * c->in->body_weight_kg / 1000.0 * MH_GLYCOGEN_PER_GLUCOSE;
    out[GM_G] = grams;
    out[GM_MMOL] = grams / MH_GLYCOGEN_G_PER_MMOL / (c->p[MFRAC] * c->in->body_weight_kg);
}

/* Gt from dGp/dt = 0 at the Dalla Man basal point (EGPb 1.92, Fcns 1, Gpb 172.5). */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[GT] = (1.0 - 1.92 + p[K1] * 172.5) / p[K2];
    x[XI] = 0.0;
    x[GM] = glycogen_mg_kg(p[GM0], p);
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
