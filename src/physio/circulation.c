/*
 * circulation.c - the shared circulating pools: glucose, insulin, glucagon and
 * the fuels, gluconeogenic substrates, lipoprotein triglyceride and ethanol
 * (physio layer).
 *
 * This module owns the pool states; their derivatives are exactly the net
 * rates that the other modules' flux tables add up (see shared.h). It also
 * owns the distribution volumes that turn amounts into concentrations.
 *
 * Units: glucose mg/kg body weight, concentration mg/dL; insulin and glucagon
 * pmol/kg, concentration pmol/L; lactate, glycerol, amino acids and FFA umol/kg,
 * concentration umol/L. Concentration = amount / distribution volume:
 *   G = Gp / VG   I = Ip / VI   (Dalla Man 2007)   C_x = amount_x / V_x
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
    X(IL, "insulin_liver", "pmol/kg", 4.5, MH_FAST, "Il: insulin mass in the liver")          \
    X(GCG, "glucagon_plasma", "pmol/kg", 2.0, MH_FAST, "glucagon in plasma")                  \
    X(LAC, "lactate", "umol/kg", 300.0, MH_FAST, "lactate in its distribution volume")        \
    X(GLYC, "glycerol", "umol/kg", 15.0, MH_FAST, "free glycerol in its distribution volume") \
    X(AA, "gluconeogenic_amino_acids", "umol/kg", 150.0, MH_FAST,                             \
      "gluconeogenic amino acids (alanine equivalents)")                                      \
    X(FFA, "ffa", "umol/kg", 20.0, MH_FAST, "plasma free fatty acids")                        \
    X(CHY, "chylomicron_tg", "umol/kg", 5.0, MH_FAST, "chylomicron triglyceride")             \
    X(VLDL, "vldl_tg", "umol/kg", 40.0, MH_FAST, "VLDL triglyceride")                         \
    X(ETH, "ethanol", "mg/kg", 100.0, MH_FAST, "ethanol in body water")                       \
    X(GMEAN, "glucose_mean", "mg/dL", 100.0, MH_SLOW,                                          \
      "running mean of plasma glucose over weeks (what HbA1c integrates)")

#define PARAMS(X)                                                                                \
    X(VG, "VG", "dL/kg", 1.88, 1.2, 2.6, 0.15, MH_SRC_DALLA_MAN_2007,                          \
      "distribution volume of glucose")                                                       \
    X(VI, "VI", "L/kg", 0.05, 0.03, 0.08, 0.15, MH_SRC_DALLA_MAN_2007,                         \
      "distribution volume of insulin")                                                       \
    X(V_GCG, "V_glucagon", "L/kg", 0.19, 0.1, 0.4, 0.2,                                       \
      "assumed: extracellular-like volume; with k 0.144/min gives MCR 27 mL/kg/min, above "  \
      "the measured 9-19 mL/kg/min (research notes), a known compromise",                     \
      "distribution volume of glucagon")                                                      \
    X(V_LAC, "V_lactate", "L/kg", 0.4, 0.2, 0.7, 0.2,                                          \
      "assumed: about two thirds of body water (lactate kinetics, Stanley 1985 AJP 249:E595)", \
      "distribution volume of lactate")                                                       \
    X(V_GLYC, "V_glycerol", "L/kg", 0.25, 0.1, 0.6, 0.2,                                       \
      "assumed: extracellular water", "distribution volume of glycerol")                      \
    X(V_AA, "V_amino_acids", "L/kg", 0.5, 0.2, 0.7, 0.2, "assumed: body water",                \
      "distribution volume of gluconeogenic amino acids")                                     \
    X(V_FFA, "V_ffa", "L/kg", 0.05, 0.03, 0.08, 0.15, "assumed: plasma volume (albumin-bound)", \
      "distribution volume of plasma FFA")                                                    \
    X(V_TG, "V_tg", "L/kg", 0.045, 0.03, 0.08, 0.15, "assumed: plasma volume",                 \
      "distribution volume of lipoprotein triglyceride")                                      \
    X(V_ETH, "V_ethanol", "L/kg", 0.6, 0.4, 0.8, 0.1,                                          \
      "total body water about 0.6 L/kg in men (Widmark factor 0.68 for blood)",               \
      "distribution volume of ethanol")                                                       \
    X(REF_GLUCOSE, "glucose_ref", "mg/dL", 91.76, 60.0, 130.0, 0.1,                          \
      MH_SRC_DALLA_MAN_2007 " (Gb, cohort basal glucose)",                                   \
      "overnight-fasted reference glucose (contraction uptake scales with G / G_ref)")        \
    X(REF_INSULIN, "insulin_ref", "pmol/L", 25.5, 5.0, 150.0, 0.3,                            \
      MH_SRC_DALLA_MAN_2007 " (Ib 25.49 pmol/L, rounded)",                                    \
      "overnight-fasted reference insulin (glucagon, gluconeogenesis, lipolysis, hepatokines)") \
    X(REF_GLUCAGON, "glucagon_ref", "pmol/L", 12.0, 3.0, 40.0, 0.3,                           \
      "fasting glucagon about 10-15 pmol/L (35-50 pg/mL); modern specific assays 7-10 pmol/L", \
      "overnight-fasted reference glucagon")                                                  \
    X(REF_AA, "amino_acids_ref", "umol/L", 300.0, 50.0, 1000.0, 0.3,                           \
      "fasting gluconeogenic amino acids (alanine equivalents) about 300 umol/L",             \
      "overnight-fasted reference amino acids (glucagon stimulation)")                        \
    X(REF_FFA, "ffa_ref", "umol/L", 450.0, 100.0, 1500.0, 0.3,                                  \
      "fasting FFA about 0.45 mmol/L after an overnight fast",                                \
      "overnight-fasted reference FFA (Randle restraint, ketone sparing, exercise supply)")   \
    X(TAUHBA1C, "tau_hba1c", "day", 30.0, 10.0, 60.0, 0.2,                                     \
      "HbA1c weights the last 30 days about half of the last 120 (Tahara 1995 Ann Clin "       \
      "Biochem 32:22)",                                                                        \
      "time constant of the glucose mean behind HbA1c")

#define OUTPUTS(X)                                                                               \
    X(GLUCOSE_MMOL_L, "glucose_mmol_l", "mmol/L", "plasma glucose concentration")             \
    X(GLUCOSE_MG_DL, "glucose_mg_dl", "mg/dL", "plasma glucose concentration")                \
    X(INSULIN_PMOL_L, "insulin_pmol_l", "pmol/L", "plasma insulin concentration")             \
    X(GLUCAGON_PMOL_L, "glucagon_pmol_l", "pmol/L", "plasma glucagon concentration")          \
    X(LACTATE_MMOL_L, "lactate_mmol_l", "mmol/L", "blood lactate concentration")              \
    X(GLYCEROL_UMOL_L, "glycerol_umol_l", "umol/L", "plasma glycerol concentration")          \
    X(AA_UMOL_L, "gluconeogenic_aa_umol_l", "umol/L",                                          \
      "gluconeogenic amino acids (alanine equivalents)")                                      \
    X(FFA_MMOL_L, "ffa_mmol_l", "mmol/L", "plasma free fatty acids")                          \
    X(TG_MMOL_L, "tg_mmol_l", "mmol/L", "plasma triglyceride (chylomicrons and VLDL)")        \
    X(ETHANOL_G_L, "ethanol_g_l", "g/L", "ethanol in body water (about blood alcohol)")       \
    X(GMEAN_OUT, "mean_glucose_mg_dl", "mg/dL",                                               \
      "plasma glucose averaged over the last weeks (first order, time constant tau_hba1c)")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

/* The pool enum and this module's states must agree one to one. */
/* The pools come first, in pool order (model.c copies them as a block), then the glucose mean. */
_Static_assert((int)GMEAN == (int)MH_POOL_COUNT && (int)N_STATES == (int)MH_POOL_COUNT + 1,
               "circulation states must mirror the pools");
_Static_assert((int)GP == (int)MH_POOL_GLUCOSE && (int)IP == (int)MH_POOL_INSULIN &&
                   (int)IL == (int)MH_POOL_INSULIN_LIVER && (int)GCG == (int)MH_POOL_GLUCAGON &&
                   (int)LAC == (int)MH_POOL_LACTATE && (int)GLYC == (int)MH_POOL_GLYCEROL &&
                   (int)AA == (int)MH_POOL_AMINO_ACIDS && (int)FFA == (int)MH_POOL_FFA &&
                   (int)CHY == (int)MH_POOL_CHYLOMICRON_TG && (int)VLDL == (int)MH_POOL_VLDL_TG &&
                   (int)ETH == (int)MH_POOL_ETHANOL,
               "circulation state order must follow MH_POOL_LIST");

void mh_circulation_concentrations(const double *p, const double *amount, double *conc)
{
    conc[MH_POOL_GLUCOSE] = amount[MH_POOL_GLUCOSE] / p[VG];
    conc[MH_POOL_INSULIN] = amount[MH_POOL_INSULIN] / p[VI];
    conc[MH_POOL_INSULIN_LIVER] = amount[MH_POOL_INSULIN_LIVER]; /* no volume: amount per kg */
    conc[MH_POOL_GLUCAGON] = amount[MH_POOL_GLUCAGON] / p[V_GCG];
    conc[MH_POOL_LACTATE] = amount[MH_POOL_LACTATE] / p[V_LAC];
    conc[MH_POOL_GLYCEROL] = amount[MH_POOL_GLYCEROL] / p[V_GLYC];
    conc[MH_POOL_AMINO_ACIDS] = amount[MH_POOL_AMINO_ACIDS] / p[V_AA];
    conc[MH_POOL_FFA] = amount[MH_POOL_FFA] / p[V_FFA];
    conc[MH_POOL_CHYLOMICRON_TG] = amount[MH_POOL_CHYLOMICRON_TG] / p[V_TG];
    conc[MH_POOL_VLDL_TG] = amount[MH_POOL_VLDL_TG] / p[V_TG];
    conc[MH_POOL_ETHANOL] = amount[MH_POOL_ETHANOL] / p[V_ETH];
}

void mh_circulation_references(const double *p, double *ref)
{
    for (int i = 0; i < MH_POOL_COUNT; i++)
        ref[i] = 0.0;
    ref[MH_POOL_GLUCOSE] = p[REF_GLUCOSE];
    ref[MH_POOL_INSULIN] = p[REF_INSULIN];
    ref[MH_POOL_GLUCAGON] = p[REF_GLUCAGON];
    ref[MH_POOL_AMINO_ACIDS] = p[REF_AA];
    ref[MH_POOL_FFA] = p[REF_FFA];
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    memcpy(dx, c->shared->rate, sizeof(double) * MH_POOL_COUNT);
    dx[GMEAN] = (c->shared->conc[MH_POOL_GLUCOSE] - c->x[GMEAN]) / (c->p[TAUHBA1C] * 1440.0);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    double glucose_mg_dl = c->shared->conc[MH_POOL_GLUCOSE];
    out[GLUCOSE_MG_DL] = glucose_mg_dl;
    out[GLUCOSE_MMOL_L] = mh_glucose_mmol_l_from_mg_dl(glucose_mg_dl);
    out[INSULIN_PMOL_L] = c->shared->conc[MH_POOL_INSULIN];
    out[GLUCAGON_PMOL_L] = c->shared->conc[MH_POOL_GLUCAGON];
    out[LACTATE_MMOL_L] = c->shared->conc[MH_POOL_LACTATE] / 1000.0;
    out[GLYCEROL_UMOL_L] = c->shared->conc[MH_POOL_GLYCEROL];
    out[AA_UMOL_L] = c->shared->conc[MH_POOL_AMINO_ACIDS];
    out[FFA_MMOL_L] = c->shared->conc[MH_POOL_FFA] / 1000.0;
    out[TG_MMOL_L] =
        (c->shared->conc[MH_POOL_CHYLOMICRON_TG] + c->shared->conc[MH_POOL_VLDL_TG]) / 1000.0;
    out[ETHANOL_G_L] = c->shared->conc[MH_POOL_ETHANOL] / 1000.0;
    out[GMEAN_OUT] = c->x[GMEAN];
}

/* Dalla Man 2007 basal values of the normal cohort: Gb 91.76 mg/dL, Ib 25.49 pmol/L,
 * Ilb from dIp/dt = 0 with m1 0.190, m2 0.484, m4 0.194. */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)in;
    x[GP] = 91.76 * p[VG];
    x[IP] = 25.49 * p[VI];
    x[IL] = x[IP] * (0.484 + 0.194) / 0.190;
    x[GMEAN] = 105.0; /* daily mean glucose of a healthy adult on three meals (about 5.8 mmol/L) */
    /* Overnight-fasted concentrations (docs/MODEL.md): the references, and lactate
     * 800, glycerol 60 umol/L. */
    x[GCG] = p[REF_GLUCAGON] * p[V_GCG];
    x[LAC] = 800.0 * p[V_LAC];
    x[GLYC] = 60.0 * p[V_GLYC];
    x[AA] = p[REF_AA] * p[V_AA];
    x[FFA] = p[REF_FFA] * p[V_FFA];
    x[CHY] = 0.0;
    x[VLDL] = 900.0 * p[V_TG]; /* fasting triglyceride about 0.9 mmol/L */
    x[ETH] = 0.0;
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
