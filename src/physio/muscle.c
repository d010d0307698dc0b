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
 * The sink scales with muscle mass: Vm(X) = (m_frac / m_frac_ref) (Vm0 + Vmx (1 + S) X),
 * and its basal part (the Vm0 term) is reported apart from the insulin-stimulated one.
 *
 * Muscle glycogen is held in two stores: the locomotor muscle that works in
 * aerobic exercise (a share w of muscle mass; the vastus lateralis of biopsies)
 * and the rest. Each stores part of the glucose taken up beyond glycolysis, in
 * proportion to its mass, when insulin action is up and less as it fills, and
 * turns over slowly at rest (inside the muscle: muscle has no
 * glucose-6-phosphatase, so its glycogen never returns to plasma):
 *   s_j     = s_max X+ / (X+ + X50) (1 - c_j / c_max)     (c_j: mmol per kg muscle)
 *   dGj/dt  = m_j Uid (1 - f_lac) s_j - k_rest Gj - use_j                [mg/kg/min]
 * Exercise (exercise.c) asks for CHO (mg/kg/min) from the working muscle; resistance
 * work draws on all muscle. Glycogen covers the share g(c) and blood glucose the
 * rest, insulin-independently (contraction uptake), in proportion to glucose:
 *   g(c)    = g_max c^2 / (c^2 + K_g^2)
 *   U_c     = min(CHO, (1 - g) CHO (G / Gb)^2),   use = CHO - U_c
 *   lactate from exercise = 2 use / 0.18016 f_ex(E),
 *   f_ex(E) = 0.03 + 0.3 / (1 + exp(-(E - 0.8) / 0.05))    (lactate threshold)
 * Exercise fat: plasma FFA supply a share that grows with their concentration,
 * the rest comes from intramuscular triglyceride:
 *   FFA_ex = FAT min(0.7, 0.35 C_ffa / C_ffa,b)
 * After exercise, insulin sensitivity rises by S (exercise.c): Vmx (1 + S).
 *
 * Fuels and substrates exchanged with plasma (umol/kg/min, C in umol/L):
 *   lactate release   = 2 f_lac Uid / 0.18016   (glycolysis of part of the uptake)
 *   lactate oxidation = k_lac_ox C_lac          (muscle and heart)
 *   FFA uptake        = k_ffa C_ffa
 *   amino acid release (proteolysis) = R_aa (Ib / I)^b_aa B, insulin-restrained, and
 *                                      B the slow protein breakdown (body.c)
 *   amino acid uptake (synthesis, other tissues) = k_aa C_aa
 */
#include <math.h>
#include <stdbool.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "muscle"

#define STATES(X)                                                                                \
    X(GT, "gt", "mg/kg", 130.0, MH_FAST, "Gt: glucose in slowly equilibrating tissue")        \
    X(XI, "x", "pmol/L", 10.0, MH_FAST, "X: insulin action on glucose utilization")         \
    X(GM, "glycogen", "mg/kg", 5000.0, MH_STORE,                                               \
      "glycogen of the muscle not working in aerobic exercise, as glucose per kg body weight")  \
    X(IMCL, "imcl", "1", 1.0, MH_STORE,                                                          \
      "intramyocellular lipid relative to the reference adult's daily mean")                  \
    X(MITO, "mitochondria", "1", 1.0, MH_SLOW,                                                  \
      "oxidative (mitochondrial) capacity relative to a sedentary adult")                     \
    X(NEURAL, "neural_drive", "1", 1.0, MH_SLOW,                                                \
      "neural component of strength (motor unit recruitment, coordination)")                  \
    X(GW, "glycogen_working", "mg/kg", 3000.0, MH_STORE,                                        \
      "glycogen of the locomotor (working) muscle, as glucose per kg body weight")

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
    X(MFRACREF, "m_frac_ref", "1", 0.384, 0.2, 0.55, 0.12,                                     \
      "assumed: the Dalla Man 2007 cohort had the average muscle share of Janssen 2000",      \
      "muscle share of body weight at which Vm0 and Vmx apply as published")                  \
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
    X(WFRAC, "w", "1", 0.45, 0.1, 0.8, 0.2,                                                     \
      "calibrated: vastus glycogen falls 70-90 % in 2 h at 70-75 % VO2max (GL-5; Spencer "    \
      "1992, Casey 2000)",                                                                     \
      "share of muscle mass working in aerobic exercise (locomotor muscle)")                  \
    X(GMAXX, "g_max", "1", 0.8, 0.2, 1.0, 0.2,                                                 \
      "muscle glycogen supplies most exercise carbohydrate at 65-75 % VO2max (Romijn 1993; "  \
      "van Loon 2001 J Physiol 536:295)",                                                      \
      "largest share of exercise carbohydrate from muscle glycogen")                          \
    X(KG, "K_g", "mmol/kg", 15.0, 5.0, 100.0, 0.3,                                              \
      "calibrated: blood glucose uptake rises as glycogen runs low (Coyle 1986 JAP 61:165)",  \
      "glycogen at which its share is half of g_max")                                         \
    X(KREST, "k_rest", "1/min", 5.0e-5, 0.0, 2.0e-4, 0.4,                                      \
      "calibrated: resting glycogen stays 80-105 mmol/kg over a week of ordinary meals",      \
      "resting glycogen turnover rate")                                                       \
    X(KIMCL, "k_imcl", "1/min", 3.5e-4, 1e-5, 1e-2, 0.4,                                        \
      "IMCL turns over in about 2 days; depleted by long exercise and refilled within 1-2 "   \
      "days (Boesch 1999; research notes)",                                                    \
      "intramyocellular lipid turnover rate")                                                 \
    X(FFAREF, "ffa_uptake_ref", "umol/kg/min", 2.4, 0.5, 10.0, 0.3,                             \
      "calibrated: the reference adult's daily mean muscle FFA uptake on ordinary meals",     \
      "FFA uptake at which IMCL stays at its reference")                                      \
    X(IMCLREF, "imcl_ref", "mmol/kg", 4.0, 1.0, 20.0, 0.4,                                      \
      "lean sedentary adults about 3-6 mmol/kg wet weight by MRS (Krssak 1999 Diabetologia "  \
      "42:113)",                                                                               \
      "intramyocellular lipid of the reference adult")                                        \
    X(AIMCL, "a_imcl", "1", 0.6, 0.0, 3.0, 0.4,                                                 \
      "calibrated: insulin sensitivity falls with IMCL unless oxidative capacity keeps pace " \
      "(Goodpaster 2001 JCEM 86:5755, athlete's paradox)",                                     \
      "fall of insulin sensitivity per unit IMCL above oxidative capacity")                   \
    X(AMITO, "a_mito", "1/min", 9.3e-4, 0.0, 0.01, 0.4,                                         \
      "calibrated: oxidative capacity +35 % after weeks of 3 x 45 min/week at 70 % VO2max "   \
      "(citrate synthase +30-50 %, research notes)",                                           \
      "mitochondrial biogenesis per unit aerobic stimulus")                                   \
    X(MITOMAX, "mito_max", "1", 2.0, 1.2, 4.0, 0.3,                                             \
      "assumed: endurance athletes about twice sedentary oxidative capacity",                 \
      "ceiling of trained oxidative capacity")                                                \
    X(TAUMITO, "tau_mito", "min", 43200.0, 7200.0, 259200.0, 0.3,                               \
      "detraining: gains mostly lost in 4-8 weeks (research notes)",                          \
      "time constant of return to untrained oxidative capacity")                              \
    X(DMITO, "d_mito", "1/year", 0.01, 0.0, 0.03, 0.4,                                          \
      "calibrated: VO2max -0.8 %/yr with ageing together with muscle loss (Fleg 2005 "        \
      "Circulation 112:674)",                                                                   \
      "fall of untrained oxidative capacity per year of age")                                 \
    X(CMITOADM, "c_mito_adm", "1", 0.1, 0.0, 1.0, 0.5,                                          \
      "assumed (seed text): adrenomedullin impairs muscle mitochondria",                      \
      "fall of oxidative capacity per unit adrenomedullin excess")                            \
    X(CMITODIS, "c_mito_disuse", "1", 0.3, 0.0, 0.8, 0.4,                                       \
      "assumed: bed rest lowers oxidative capacity about 20-30 % in weeks",                   \
      "fall of oxidative capacity with complete disuse")                                      \
    X(AFFAMITO, "a_ffa_mito", "1", 0.35, 0.0, 2.0, 0.4,                                         \
      "calibrated: endurance training lowers fasting FFA while raising fat oxidation "        \
      "(Horowitz 2003 Am J Physiol; seed claim C1); 0.7 drained a held fatty liver 3.2 "      \
      "points in 12 weeks of training at constant weight, against 2.2 (Sargeant 2018)",       \
      "rise of muscle FFA uptake with oxidative capacity (log-log)")                          \
    X(AFGF, "a_fgf21", "1", 0.1, 0.0, 1.0, 0.5,                                                 \
      "assumed: FGF21 is insulin-sensitising (research notes)",                               \
      "rise of insulin sensitivity with FGF21 (log-log)")                                     \
    X(AADIPOIS, "a_adipo_is", "1", 0.5, 0.0, 2.0, 0.5,                                          \
      "calibrated: obese adults' muscle insulin sensitivity about 0.6-0.8 of lean (Amaro 2010 " \
      "Gastroenterology 139:149); adiponectin sensitises muscle through AMPK (Yamauchi 2002 "  \
      "Nat Med 8:1288)",                                                                       \
      "rise of insulin sensitivity with adiponectin (log-log)")                               \
    X(ALFIS, "a_lf_is", "1", 0.3, 0.0, 2.0, 0.5,                                                \
      "calibrated: muscle insulin action falls with liver fat independent of BMI (Korenblat "  \
      "2008 Gastroenterology 134:1369; hepatokines such as fetuin-A)",                         \
      "fall of insulin sensitivity per 10 points of liver fat above 2 %")                     \
    X(LFPLATEAUIS, "lf_is_plateau", "%", 20.0, 3.0, 60.0, 0.3,                                   \
      "calibrated: muscle insulin sensitivity stops falling as liver fat rises (Bril 2017 "    \
      "Hepatology 65:1132: above about 6 +- 2 %); at 8 % the NAFLD adult's insulin, and with "  \
      "it the DNL share of Smith 2020 (38 %), fell to 26 %, so the model levels off later",    \
      "liver fat above which muscle insulin resistance no longer worsens")                    \
    X(BGCIS, "b_gc_is", "1", 0.2, 0.0, 1.0, 0.4,                                                \
      "prednisolone 30 mg/day lowers peripheral glucose uptake 34 % (van Raalte 2011)",       \
      "fall of insulin sensitivity per unit glucocorticoid excess")                           \
    X(ANEURAL, "a_neural", "1/min", 2.7e-5, 0.0, 1e-3, 0.4,                                     \
      "calibrated: strength gains precede hypertrophy, +20 % neural in 4-8 weeks (Moritani "  \
      "and deVries 1979; Seynnes 2007 JAP 102:368)",                                           \
      "neural adaptation per unit resistance stimulus")                                       \
    X(NEURALMAX, "neural_max", "1", 1.3, 1.0, 2.0, 0.3, "assumed: neural gains plateau near +30 %", \
      "ceiling of the neural component")                                                      \
    X(TAUNEURAL, "tau_neural", "min", 86400.0, 7200.0, 525600.0, 0.4,                           \
      "assumed: neural gains fade over about two months of detraining",                       \
      "time constant of neural detraining")                                                   \
    X(DNEURALDIS, "d_neural_disuse", "1/min", 1.0e-5, 0.0, 1e-4, 0.4,                           \
      "calibrated: strength falls about 4 times faster than size early in disuse (Marusic "   \
      "2021)",                                                                                 \
      "loss of neural drive per minute of complete disuse")                                   \
    X(GSPEC, "grip_per_kg", "kg/kg", 1.55, 0.8, 2.5, 0.15,                                      \
      "peak grip 51 kg men, 31 kg women (Dodds 2014 PLoS One 9:e113637) over skeletal muscle "\
      "33 and 21 kg (Janssen 2000)",                                                           \
      "grip strength per kg of skeletal muscle at 40")                                       \
    X(CQ, "c_q", "1/year^2", 3.7e-4, 0.0, 1e-3, 0.4,                                            \
      "calibrated: strength -2.5 to -4 %/yr at 70-80 (Mitchell 2012; Goodpaster 2006) with "  \
      "muscle -0.8 %/yr",                                                                      \
      "loss of muscle quality (force per mass) with age after 40")                            \
    X(AIMCLS, "a_imcl_strength", "1", 0.05, 0.0, 0.5, 0.5,                                      \
      "assumed: fatty infiltration lowers specific force (myosteatosis)",                      \
      "fall of strength per unit IMCL above reference")                                       \
    X(AINFS, "a_infl_strength", "1", 0.15, 0.0, 1.0, 0.5,                                       \
      "assumed: liver disease lowers strength beyond mass (seed text)",                        \
      "fall of strength at maximal liver inflammation")

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
    X(STORE_OTHER, "glycogen_synthesis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,              \
      "glucose stored as glycogen in muscle not working in aerobic exercise")                 \
    X(STORE_WORKING, "glycogen_synthesis_working", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,    \
      "glucose stored as glycogen in the working (locomotor) muscle")                         \
    X(SPENT_OTHER, "glycogenolysis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                  \
      "glycogen used in muscle not working in aerobic exercise")                              \
    X(SPENT_WORKING, "glycogenolysis_working", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,        \
      "glycogen used in the working muscle (resting turnover and exercise)")                  \
    X(CONTRACTION, "contraction_uptake", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,           \
      "insulin-independent glucose uptake by working muscle")                                 \
    X(LAC_EXERCISE, "exercise_lactate_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_LACTATE, \
      "lactate from glycogen breakdown in exercise")                                          \
    X(FFA_EXERCISE, "exercise_ffa_uptake", "umol/kg/min", MH_POOL_FFA, MH_POOL_NONE,           \
      "plasma FFA oxidised by working muscle")                                                \
    X(UID_BASAL, "basal_uptake", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                      \
      "the part of Uid taken up at zero insulin action (Vm0 term); part of Uid, not added")  \
    X(IMTG_USE, "imtg_oxidation", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,                    \
      "fatty acids oxidised in exercise from intramuscular triglyceride")

#define OUTPUTS(X)                                                                               \
    X(UID_OUT, "glucose_uptake_insulin_mg_kg_min", "mg/kg/min",                                \
      "glucose uptake by muscle and adipose at rest (Uid: basal plus insulin-stimulated)")    \
    X(UID_BASAL_OUT, "glucose_uptake_basal_mg_kg_min", "mg/kg/min",                           \
      "the basal (zero insulin action) part of resting uptake")                               \
    X(GM_G, "muscle_glycogen_g", "g", "skeletal muscle glycogen, whole body")                 \
    X(GM_MMOL, "muscle_glycogen_mmol_kg", "mmol/kg",                                          \
      "glycogen of the working (vastus) muscle per kg wet muscle, as in a biopsy")           \
    X(UC_OUT, "contraction_uptake_mg_kg_min", "mg/kg/min",                                    \
      "insulin-independent glucose uptake by working muscle")                                 \
    X(IMCL_OUT, "imcl_mmol_kg", "mmol/kg", "intramyocellular lipid per kg wet muscle")         \
    X(MITO_OUT, "muscle_mitochondria", "1", "muscle oxidative capacity relative to sedentary") \
    X(GRIP_OUT, "grip_strength_kg", "kg", "grip strength (dominant hand)")                    \
    X(IS_OUT, "muscle_insulin_sensitivity", "1",                                               \
      "chronic insulin sensitivity of muscle glucose uptake relative to the reference adult") \
    X(AA_OUT, "muscle_aa_release_umol_kg_min", "umol/kg/min",                                  \
      "gluconeogenic amino acids released by muscle proteolysis")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

/* Skeletal muscle as a share of the starting body weight (the per-kg basis):
 * at the start from the subject, later as the body module reports it. */
static double start_share(const mh_inputs *in) { return in->muscle_mass_kg / in->body_weight_kg; }

static double current_share(const mh_module_ctx *c)
{
    return c->shared->signal[MH_SIGNAL_MUSCLE_MASS] / c->in->body_weight_kg;
}

/* Glycogen per kg wet muscle (mmol glucosyl) as glucose per kg body weight (mg):
 * mmol/kg muscle x muscle share x 180.16 mg/mmol. */
static double glycogen_mg_kg(double mmol_per_kg_muscle, double mass_share, double muscle_share)
{
    return mmol_per_kg_muscle * muscle_share * mass_share * 180.16;
}

/* mmol glycogen per kg of the store's own muscle, from mg glucose per kg body weight. */
static double concentration(double mg_kg, double mass_share, double muscle_share)
{
    return fmax(mg_kg, 0.0) / (muscle_share * mass_share * 180.16);
}

/* Chronic insulin sensitivity of uptake: oxidative capacity helps, lipid the
 * mitochondria cannot keep up with hurts, FGF21 and adiponectin help, liver fat
 * (hepatokines; levelled off above lf_is_plateau, Bril 2017) and glucocorticoids
 * hurt. */
static double chronic_sensitivity(const mh_module_ctx *c)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double mito = fmax(x[MITO], 0.1);
    double lipid_excess = mh_excess(fmax(x[IMCL], 0.0) / mito);
    return (1.0 + 0.3 * (mito - 1.0)) / (1.0 + p[AIMCL] * lipid_excess) *
           pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_FGF21), 0.05), p[AFGF]) *
           pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05), p[AADIPOIS]) /
           ((1.0 + p[ALFIS] * mh_liver_fat_excess_levelled(s, p[LFPLATEAUIS])) *
            (1.0 + p[BGCIS] * (s->signal[MH_SIGNAL_GLUCOCORTICOID] - 1.0)));
}

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_MUSCLE_MITO] = fmax(c->x[MITO], 0.1);
    signals[MH_SIGNAL_IMCL_RATIO] = fmax(c->x[IMCL], 0.0);
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    double gt = x[GT] > 0.0 ? x[GT] : 0.0;
    f[TRANSFER] = p[K1] * c->shared->amount[MH_POOL_GLUCOSE] - p[K2] * x[GT];
    /* The sink scales with muscle mass relative to the Dalla Man cohort's. */
    double muscle_share = current_share(c);
    double mass = muscle_share / p[MFRACREF];
    double vm_basal = mass * p[VM0];
    double vm_insulin = mass * p[VMX] * chronic_sensitivity(c) *
                        (1.0 + c->shared->signal[MH_SIGNAL_INSULIN_SENSITIZATION]) * x[XI];
    const mh_shared *s = c->shared;
    double ffa_excess = fmax(s->conc[MH_POOL_FFA] / s->ref[MH_POOL_FFA] - 1.0, 0.0);
    double saturation = gt / (p[KM0] + gt) / (1.0 + p[RFFA] * ffa_excess);
    f[UID] = fmax(vm_basal + vm_insulin, 0.0) * saturation;
    f[UID_BASAL] = fmin(vm_basal * saturation, f[UID]);
    f[LAC_RELEASE] = 2.0 * p[FLAC] * f[UID] / MH_GLUCOSE_MG_PER_UMOL;
    f[LAC_OX] = p[KLACOX] * fmax(s->conc[MH_POOL_LACTATE], 0.0);
    /* trained muscle takes up and oxidises more fatty acids (FAT/CD36, oxidative capacity) */
    f[FFA_UPTAKE] = p[KFFA] * fmax(s->conc[MH_POOL_FFA], 0.0) * pow(fmax(x[MITO], 0.1), p[AFFAMITO]);
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0);
    /* proteolysis also follows the slow protein turnover (disuse, glucocorticoids,
     * adrenomedullin, liver inflammation: body.c) */
    f[AA_RELEASE] = p[RAA] * pow(p[IB] / insulin, p[BAA]) * s->signal[MH_SIGNAL_MUSCLE_PROTEOLYSIS];
    f[AA_UPTAKE] = p[KAA] * fmax(s->conc[MH_POOL_AMINO_ACIDS], 0.0);
    /* Exercise: carbohydrate from glycogen and blood glucose, fat from plasma FFA. */
    double cho = s->signal[MH_SIGNAL_EXERCISE_CHO], effort = s->signal[MH_SIGNAL_EXERCISE_DRIVE];
    bool whole_body = c->in->exercise_type == MH_EXERCISE_RESISTANCE;
    double share_working = whole_body ? p[WFRAC] : 1.0;
    double working = concentration(x[GW], p[WFRAC], muscle_share);
    double other = concentration(x[GM], 1.0 - p[WFRAC], muscle_share);
    double c_used = whole_body ? (working * p[WFRAC] + other * (1.0 - p[WFRAC])) : working;
    double share = p[GMAXX] * c_used * c_used / (c_used * c_used + p[KG] * p[KG]);
    double glucose_ratio = fmax(s->conc[MH_POOL_GLUCOSE], 0.0) / s->ref[MH_POOL_GLUCOSE];
    f[CONTRACTION] = fmin(cho, (1.0 - share) * cho * glucose_ratio * glucose_ratio);
    double use = fmax(cho - f[CONTRACTION], 0.0);
    /* An empty store cannot be used (half-rate at 1 mmol/kg). */
    double use_working = use * share_working * working / (working + 1.0);
    double use_other = use * (1.0 - share_working) * other / (other + 1.0);
    f[LAC_EXERCISE] = 2.0 * (use_working + use_other) / MH_GLUCOSE_MG_PER_UMOL *
                      (0.03 + 0.3 / (1.0 + exp(-(effort - 0.8) / 0.05)));
    double ffa = fmax(s->conc[MH_POOL_FFA], 0.0);
    f[FFA_EXERCISE] = s->signal[MH_SIGNAL_EXERCISE_FAT] * fmin(0.7, 0.35 * ffa / s->ref[MH_POOL_FFA]);
    f[IMTG_USE] = s->signal[MH_SIGNAL_EXERCISE_FAT] - f[FFA_EXERCISE];
    /* Storage after meals and resting turnover, per store in proportion to its mass. */
    double action = fmax(x[XI], 0.0);
    double stored = f[UID] * (1.0 - p[FLAC]) * p[SMAX] * action / (action + p[X50]);
    f[STORE_OTHER] = stored * (1.0 - p[WFRAC]) * fmax(1.0 - other / p[GMMAX], 0.0);
    f[STORE_WORKING] = stored * p[WFRAC] * fmax(1.0 - working / p[GMMAX], 0.0);
    f[SPENT_OTHER] = p[KREST] * fmax(x[GM], 0.0) + use_other;
    f[SPENT_WORKING] = p[KREST] * fmax(x[GW], 0.0) + use_working;
}

/* Untrained oxidative capacity: ageing (relative to the start), disuse and
 * adrenomedullin from an injured liver lower it. */
static double mito_untrained(const mh_module_ctx *c)
{
    const double *p = c->p;
    const mh_inputs *in = c->in;
    double years = mh_age_at(in, c->t_min) - in->age_y;
    double adm_excess = mh_excess(mh_messenger_ratio(c->shared, MH_MESSENGER_ADM));
    return exp(-p[DMITO] * years) * (1.0 - p[CMITODIS] * in->intervention[MH_INTERVENTION_DISUSE]) /
           (1.0 + p[CMITOADM] * adm_excess);
}

static void steady_guess(const mh_module_ctx *c, double *x) { x[MITO] = mito_untrained(c); }

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    /* IMCL (relative to reference): filled by FFA uptake, oxidised in proportion to
     * oxidative capacity, drawn on by exercise (mmol TG per kg muscle). */
    double muscle_kg = fmax(s->signal[MH_SIGNAL_MUSCLE_MASS], 1e-3); /* guard: a 12 g mouse too */
    double exercise_use = f[IMTG_USE] / 3.0 / 1000.0 * c->in->body_weight_kg / muscle_kg / p[IMCLREF];
    dx[IMCL] = p[KIMCL] * (f[FFA_UPTAKE] / p[FFAREF] - fmax(x[MITO], 0.1) * x[IMCL]) -
               exercise_use * fmin(fmax(x[IMCL], 0.0) / 0.1, 1.0);
    dx[MITO] = p[AMITO] * s->signal[MH_SIGNAL_AEROBIC_STIMULUS] * (p[MITOMAX] - x[MITO]) -
               (x[MITO] - mito_untrained(c)) / p[TAUMITO];
    double disuse = c->in->intervention[MH_INTERVENTION_DISUSE];
    dx[NEURAL] = p[ANEURAL] * s->signal[MH_SIGNAL_RESISTANCE_STIMULUS] * (p[NEURALMAX] - x[NEURAL]) -
                 (x[NEURAL] - 1.0) / p[TAUNEURAL] - p[DNEURALDIS] * disuse * x[NEURAL];
    dx[GT] = f[TRANSFER] - f[UID];
    dx[GM] = f[STORE_OTHER] - f[SPENT_OTHER];
    dx[GW] = f[STORE_WORKING] - f[SPENT_WORKING];
    dx[XI] = -p[P2U] * x[XI] + p[P2U] * (c->shared->conc[MH_POOL_INSULIN] - p[IB]);
}

/* Grip strength: muscle mass x neural drive x muscle quality (falling with age
 * after 40, with fatty infiltration and with liver disease). */
static double grip_strength(const mh_module_ctx *c)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double over = fmax(mh_age_at(c->in, c->t_min) - 40.0, 0.0);
    return p[GSPEC] * s->signal[MH_SIGNAL_MUSCLE_MASS] * fmax(x[NEURAL], 0.0) *
           exp(-p[CQ] * over * over) / (1.0 + p[AIMCLS] * mh_excess(x[IMCL])) /
           (1.0 + p[AINFS] * s->signal[MH_SIGNAL_LIVER_INFLAMMATION] / 5.0);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    out[UID_OUT] = f[UID];
    out[UID_BASAL_OUT] = f[UID_BASAL];
    out[AA_OUT] = f[AA_RELEASE];
    out[GM_G] = (c->x[GM] + c->x[GW]) * c->in->body_weight_kg / 1000.0 * MH_GLYCOGEN_PER_GLUCOSE;
    out[GM_MMOL] = concentration(c->x[GW], c->p[WFRAC], current_share(c));
    out[UC_OUT] = f[CONTRACTION];
    out[IMCL_OUT] = fmax(c->x[IMCL], 0.0) * c->p[IMCLREF];
    out[MITO_OUT] = c->x[MITO];
    out[GRIP_OUT] = grip_strength(c);
    out[IS_OUT] = chronic_sensitivity(c);
}

/* Gt from dGp/dt = 0 at the Dalla Man basal point (EGPb 1.92, Fcns 1, Gpb 172.5). */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    x[GT] = (1.0 - 1.92 + p[K1] * 172.5) / p[K2];
    x[XI] = 0.0;
    x[GM] = glycogen_mg_kg(p[GM0], 1.0 - p[WFRAC], start_share(in));
    x[GW] = glycogen_mg_kg(p[GM0], p[WFRAC], start_share(in));
    x[IMCL] = x[MITO] = x[NEURAL] = 1.0;
}

const mh_module mh_muscle_module = {
    .name = MODULE_NAME,
    .summary = "insulin-dependent glucose uptake by skeletal muscle (and adipose, for now)",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .steady_guess = steady_guess,
};
