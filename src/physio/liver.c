/*
 * liver.c - hepatic glucose production from glycogen and gluconeogenesis,
 * hepatic glycogen, substrate uptake, and hepatic insulin handling (physio layer).
 *
 * Demand for glucose output (Dalla Man, Rizza, Cobelli 2007), modulated by glucagon:
 *   D = max(0, kp1 - kp2 Gp - kp3 Id - kp4 Ipo) (Gcg / Gcgb)^g_gcg
 *       x (1 + h_ex E) (1 + k_il6 ln max(1, IL6 / IL6_rest))             [mg/kg/min]
 * (exercise: sympathetic drive with effort E; IL-6 from working muscle raises
 * glucose output, Febbraio 2004 Diabetes 53:1643)
 *   dI1/dt = -ki (I1 - I),  dId/dt = -ki (Id - I1)                       [pmol/L/min]
 * Gluconeogenesis is supplied by hepatic uptake of lactate, glycerol and
 * gluconeogenic amino acids (two 3-carbon units per glucose), stimulated by
 * glucagon and restrained by insulin:
 *   H   = (Gcg / Gcgb)^a_gng (Iref / I)^b_gng, bounded to [0.2, 5]
 *   U_s = k_s C_s H   for s = lactate, glycerol, amino acids            [umol/kg/min]
 *   GNG = 0.5 (U_lac + U_gly + U_aa) x 0.18016                           [mg/kg/min]
 * Glycogenolysis covers the rest of the demand, as far as glycogen allows:
 *   phi(Gly) = [Gly^2 / (Gly^2 + K^2)] / [Gly0^2 / (Gly0^2 + K^2)]
 *   GLY = max(0, D - GNG) phi(Gly)
 *   EGP = min(D, GNG) + GLY
 * Glycogen gains the meal glucose the liver retains on first pass ((1 - f) of
 * absorption), glucose taken up from plasma when glucose and insulin are above
 * basal (both direct pathway), and gluconeogenesis beyond the demand (indirect
 * pathway); it loses glycogenolysis:
 *   HGU = k_hgu max(0, Gp - Gpb) (Id / Iref)                             [mg/kg/min]
 *   room    = max(0, 1 - (Gly / Gly_max)^3)     (glycogen restrains its own synthesis)
 *   dGly/dt = room [first_pass + HGU + max(0, GNG - D)] - GLY            [mg/kg/min]
 * What a full store cannot take is released: the first-pass share is oxidised in
 * the liver, the gluconeogenic surplus is not made (its substrates, like those
 * ethanol's NADH keeps from conversion, are oxidised in the liver), and the
 * hepatic uptake from plasma is not made.
 * Insulin kinetics through the liver (Dalla Man 2007):
 *   dIl/dt = -(m1 + m3) Il + m2 Ip + S,   dIp/dt = -(m2 + m4) Ip + m1 Il
 *   m3 = HE m1 / (1 - HE),   HE = -m5 S + m6, kept within [0, 0.95]
 * Glycogen is held in mg glucose per kg body weight and reported in grams of
 * glycogen (162/180 of the glucose mass).
 *
 * Fructose (all taken up on first pass) is converted to glucose (f_fg, added to
 * glucose output), lactate (f_fl, two per fructose), glycogen (f_fy) and fatty
 * acids by de novo lipogenesis (f_fd; 1 mg fructose gives 0.33 mg fatty acid by
 * carbon, about 1/3 of carbon lost as CO2 in lipogenesis); the rest is oxidised
 * (Sun and Empie 2012 Nutr Metab 9:89).
 * Ethanol is oxidised first (alcohol dehydrogenase, nearly zero order):
 *   ox_eth = V_eth C_eth / (C_eth + K_eth)                             [mg/kg/min]
 * and its NADH restrains gluconeogenesis and fatty acid oxidation by
 *   z = 1 / (1 + C_eth / K_z)
 * (Fatty acids, lipogenesis and the triglyceride store: liver_fat.c.)
 * Hepatic insulin sensitivity H_s scales insulin's suppression of the demand
 * (kp3, kp4 terms): lipotoxicity, inflammation and glucocorticoids lower it,
 * adiponectin raises it:
 *   H_s = adiponectin^a_adipo / ((1 + a_lf sat(max(0, LF - 2) / 10; lf_ir_plateau))
 *         (1 + c_infl A) (1 + b_gc (GC - 1)))
 * (sat levels the lipotoxic load off above lf_ir_plateau, module.h: hepatic
 * insulin resistance stops worsening as fat keeps gathering, Bril 2017.)
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "liver"

#define STATES(X)                                                                                \
    X(I1, "i1", "pmol/L", 25.0, MH_FAST, "I1: first delay of the insulin signal to the liver") \
    X(ID, "id", "pmol/L", 25.0, MH_FAST, "Id: delayed insulin signal to the liver")           \
    X(GLY, "glycogen", "mg/kg", 700.0, MH_STORE, "liver glycogen, as glucose per kg body weight")

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
      "hepatic insulin extraction at zero secretion")                                         \
    X(AHE, "a_he", "1", 0.5, 0.0, 2.0, 0.5,                                                     \
      "calibrated: fasting insulin of obese adults about twice lean (Fabbrini 2009 PNAS "      \
      "106:15430); hepatic insulin extraction follows adiponectin and insulin resistance, "    \
      "not liver fat ('Hepatic insulin extraction in NAFLD is related to insulin resistance "  \
      "rather than liver fat content', JCEM)",                                                 \
      "fall of hepatic insulin extraction with low adiponectin (log-log)")                    \
    X(GGCG, "g_gcg", "1", 0.15, 0.0, 2.0, 0.3,                                                  \
      "calibrated: glucagon's share of the fasting rise and postprandial fall of EGP",        \
      "effect of glucagon on the demand for glucose output")                                 \
    X(HEX, "h_ex", "1", 3.0, 0.0, 10.0, 0.4,                                                   \
      "calibrated: glucose output rises 2-4 fold to match uptake in moderate exercise, "      \
      "keeping glucose near fasting (Wasserman 2009 AJP 296:E11 review)",                      \
      "exercise drive on the demand for glucose output, per unit effort")                     \
    X(KIL6, "k_il6", "1", 0.1, 0.0, 1.0, 0.5,                                                  \
      "calibrated: IL-6 at strenuous-exercise levels raises glucose Ra by about a quarter "   \
      "(Febbraio 2004 Diabetes 53:1643; absolute values unverified)",                          \
      "rise of glucose output per log IL-6 ratio")                                            \
    X(AGNG, "a_gng", "1", 0.5, 0.0, 2.0, 0.3,                                                  \
      "calibrated: GNG fraction 47/67/93 % at 14/22/42 h of fasting (Landau 1996 JCI 98:378)", \
      "stimulation of gluconeogenic uptake by glucagon")                                      \
    X(BGNG, "b_gng", "1", 0.1, 0.0, 1.0, 0.3, "calibrated: as a_gng",                         \
      "restraint of gluconeogenic uptake by insulin")                                         \
    X(KLAC, "k_lac", "L/kg/min", 0.005, 0.0005, 0.03, 0.3,                                     \
      "calibrated: lactate about 40 % of gluconeogenesis after an overnight fast "            \
      "(Consoli 1990 AJP 259:E677)",                                                           \
      "hepatic lactate uptake clearance")                                                     \
    X(KGLYC, "k_glycerol", "L/kg/min", 0.03125, 0.005, 0.1, 0.3,                               \
      "calibrated: about three quarters of glycerol turnover to hepatic gluconeogenesis",     \
      "hepatic glycerol uptake clearance")                                                    \
    X(KAA, "k_aa", "L/kg/min", 0.015, 0.002, 0.06, 0.3,                                        \
      "calibrated: amino acids (alanine, glutamine and others) about 45 % of fasting GNG",    \
      "hepatic uptake clearance of gluconeogenic amino acids")                                \
    X(KHGU, "k_hgu", "1/min", 0.004, 0.0, 0.05, 0.4,                                             \
      "calibrated: liver glycogen +28 g after a 139 g liquid meal (Taylor 1996 JCI 97:126)",   \
      "insulin-dependent hepatic glucose uptake per glucose excess")                          \
    X(GPB, "Gpb", "mg/kg", 172.5, 100.0, 300.0, 0.1,                                           \
      MH_SRC_DALLA_MAN_2007 " (91.76 mg/dL x VG 1.88 dL/kg)",                                 \
      "plasma glucose amount above which the liver takes up glucose")                         \
    X(GLY0, "glycogen0", "g", 50.0, 10.0, 150.0, 0.3,                                          \
      "overnight-fasted liver glycogen 207 mmol/L x about 1.5 L (Taylor 1996 JCI 97:126)",     \
      "liver glycogen after an overnight fast (initial value and phi reference)")             \
    X(FFG, "f_fg", "1", 0.41, 0.0, 1.0, 0.2,                                                   \
      "fructose to glucose about 41 % within 3-6 h (Sun and Empie 2012 Nutr Metab 9:89)",     \
      "share of fructose released as glucose")                                                \
    X(FFL, "f_fl", "1", 0.28, 0.0, 1.0, 0.3, "fructose to lactate about 25-30 % (Sun and Empie 2012)", \
      "share of fructose released as lactate")                                                \
    X(FFY, "f_fy", "1", 0.17, 0.0, 1.0, 0.3, "fructose to glycogen about 15-18 % (Sun and Empie 2012)", \
      "share of fructose stored as liver glycogen")                                           \
    X(VETH, "V_eth", "mg/kg/min", 1.6, 0.5, 4.0, 0.25,                                         \
      "ethanol elimination about 0.1 g/kg/h (7-8 g/h for 78 kg; Norberg 2003 Clin "          \
      "Pharmacokinet 42:1)",                                                                   \
      "maximal hepatic ethanol oxidation")                                                    \
    X(KETH, "K_eth", "mg/L", 80.0, 10.0, 500.0, 0.4, "alcohol dehydrogenase Km about 0.05-0.1 g/L", \
      "ethanol at half-maximal oxidation")                                                    \
    X(KZ, "K_z", "mg/L", 500.0, 50.0, 5000.0, 0.5,                                             \
      "assumed: 0.5 g/L ethanol halves gluconeogenesis and fat oxidation (Krebs 1969; "       \
      "Siler 1999 AJCN 70:928 for the fall of fat oxidation)",                                 \
      "ethanol at which NADH halves gluconeogenesis and fat oxidation")                       \
    X(GLYMAX, "glycogen_max", "g", 110.0, 50.0, 250.0, 0.2,                                     \
      "liver glycogen rarely exceeds about 450-500 mmol/L x 1.5 L (Nilsson 1973 Scand J Clin "  \
      "Lab Invest 32:325)",                                                                    \
      "liver glycogen at which synthesis stops")                                              \
    X(KGLY, "K_glycogen", "g", 40.0, 2.0, 100.0, 0.3, "calibrated: as a_gng",                 \
      "liver glycogen at which glycogenolysis is half-available")                            \
    X(ALF, "a_lf", "1", 0.55, 0.0, 3.0, 0.4,                                                   \
      "calibrated: hepatic insulin sensitivity about halved at liver fat 20 % (Korenblat "    \
      "2008 Gastroenterology 134:1369; Seppala-Lindroos 2002 JCEM 87:3023)",                   \
      "fall of hepatic insulin sensitivity per 10 points of liver fat above 2 %")             \
    X(LFPLATEAU, "lf_ir_plateau", "%", 20.0, 3.0, 60.0, 0.3,                                    \
      "calibrated: hepatic insulin sensitivity stays 40-45 % impaired however much fat the "  \
      "liver gathers (Bril 2017 Hepatology 65:1132, 352 clamps with MRS); with a_lf it levels " \
      "off near 0.55 (Bril saw the plateau from a few % on; the model reaches it later)",     \
      "liver fat above which hepatic insulin resistance no longer worsens")                   \
    X(CINFLHIS, "c_infl", "1", 0.1, 0.0, 1.0, 0.5,                                             \
      "assumed: inflammation adds hepatic insulin resistance",                                \
      "fall of hepatic insulin sensitivity per unit inflammatory activity")                   \
    X(AADIPO, "a_adipo", "1", 0.2, 0.0, 1.0, 0.5,                                              \
      "assumed: adiponectin sensitises the liver to insulin (Yamauchi 2002)",                 \
      "rise of hepatic insulin sensitivity with adiponectin (log-log)")                       \
    X(BGC, "b_gc", "1", 0.3, 0.0, 1.0, 0.4,                                                    \
      "prednisolone 30 mg/day cuts insulin suppression of glucose output 46 % (van Raalte "  \
      "2011 research notes)",                                                                  \
      "fall of hepatic insulin sensitivity per unit glucocorticoid excess")

#define FLUXES(X)                                                                                \
    X(EGP, "egp", "mg/kg/min", MH_POOL_NONE, MH_POOL_GLUCOSE, "endogenous glucose production") \
    X(GNG, "gluconeogenesis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,                         \
      "glucose made from lactate, glycerol and amino acids")                                  \
    X(GLYCOGENOLYSIS, "glycogenolysis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,               \
      "glucose released from glycogen")                                                       \
    X(GLYCOGEN_SYNTHESIS, "glycogen_synthesis", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,       \
      "glucose stored as glycogen (first pass, uptake and indirect pathway)")                 \
    X(HGU, "hepatic_glucose_uptake", "mg/kg/min", MH_POOL_GLUCOSE, MH_POOL_NONE,               \
      "glucose taken up from plasma into glycogen")                                           \
    X(LAC_UPTAKE, "lactate_uptake", "umol/kg/min", MH_POOL_LACTATE, MH_POOL_NONE,              \
      "lactate taken up for gluconeogenesis")                                                 \
    X(GLYC_UPTAKE, "glycerol_uptake", "umol/kg/min", MH_POOL_GLYCEROL, MH_POOL_NONE,           \
      "glycerol taken up for gluconeogenesis")                                                \
    X(SUBSTRATE_OX, "substrate_oxidation", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,         \
      "gluconeogenic substrate taken up but oxidised (not made into glucose)")               \
    X(AA_UPTAKE, "amino_acid_uptake", "umol/kg/min", MH_POOL_AMINO_ACIDS, MH_POOL_NONE,        \
      "gluconeogenic amino acids taken up")                                                   \
    X(FRU_GLUCOSE, "fructose_to_glucose", "mg/kg/min", MH_POOL_NONE, MH_POOL_GLUCOSE,          \
      "glucose made from fructose")                                                           \
    X(FRU_LACTATE, "fructose_to_lactate", "umol/kg/min", MH_POOL_NONE, MH_POOL_LACTATE,        \
      "lactate made from fructose")                                                           \
    X(ETH_OX, "ethanol_oxidation", "mg/kg/min", MH_POOL_ETHANOL, MH_POOL_NONE,                 \
      "ethanol oxidised by the liver")                                                        \
    X(INS_OUT, "insulin_liver_to_plasma", "pmol/kg/min", MH_POOL_INSULIN_LIVER,                \
      MH_POOL_INSULIN, "m1 Il")                                                               \
    X(INS_IN, "insulin_plasma_to_liver", "pmol/kg/min", MH_POOL_INSULIN,                       \
      MH_POOL_INSULIN_LIVER, "m2 Ip")                                                         \
    X(INS_DEGRADED, "hepatic_insulin_degradation", "pmol/kg/min", MH_POOL_INSULIN_LIVER,       \
      MH_POOL_NONE, "m3 Il")

#define OUTPUTS(X)                                                                               \
    X(EGP_OUT, "egp_mg_kg_min", "mg/kg/min", "endogenous (hepatic) glucose production")       \
    X(HE_OUT, "hepatic_insulin_extraction", "1", "fraction of insulin extracted by the liver") \
    X(GLYCOGEN_G, "liver_glycogen_g", "g", "liver glycogen")                                   \
    X(GNG_FRACTION, "gng_fraction", "1", "share of glucose production from gluconeogenesis")  \
    X(GNG_OUT, "gng_mg_kg_min", "mg/kg/min", "gluconeogenesis")                               \
    X(GLYCOGENOLYSIS_OUT, "glycogenolysis_mg_kg_min", "mg/kg/min", "hepatic glycogenolysis")  \
    X(HIS_OUT, "hepatic_insulin_sensitivity", "1",                                            \
      "insulin suppression of glucose output relative to a healthy liver")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

static double hepatic_extraction(const mh_module_ctx *c)
{
    const mh_shared *s = c->shared;
    double adiponectin = fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05);
    double he = c->p[M6] * pow(fmin(adiponectin, 1.5), c->p[AHE]) -
                c->p[M5] * s->signal[MH_SIGNAL_INSULIN_SECRETION];
    return he < 0.0 ? 0.0 : (he > 0.95 ? 0.95 : he);
}

/* Glycogen as glucose per kg body weight, from grams of glycogen. */
static double glycogen_mg_kg(double grams, const mh_inputs *in)
{
    return grams * 1000.0 / in->body_weight_kg / MH_GLYCOGEN_PER_GLUCOSE;
}

static double availability(const mh_module_ctx *c)
{
    double g = fmax(c->x[GLY], 0.0), k = glycogen_mg_kg(c->p[KGLY], c->in);
    double g0 = glycogen_mg_kg(c->p[GLY0], c->in);
    return (g * g / (g * g + k * k)) / (g0 * g0 / (g0 * g0 + k * k));
}

/* Hepatic insulin sensitivity: lipotoxicity (liver fat), inflammation and
 * glucocorticoid excess blunt insulin's suppression of glucose output;
 * adiponectin restores it. 1 in a healthy liver. */
static double insulin_sensitivity(const mh_module_ctx *c)
{
    const double *p = c->p;
    const mh_shared *s = c->shared;
    return pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05), p[AADIPO]) /
           ((1.0 + p[ALF] * mh_liver_fat_excess_levelled(s, p[LFPLATEAU])) *
            (1.0 + p[CINFLHIS] * s->signal[MH_SIGNAL_LIVER_INFLAMMATION]) *
            (1.0 + p[BGC] * (s->signal[MH_SIGNAL_GLUCOCORTICOID] - 1.0)));
}

/* Ethanol's NADH restrains gluconeogenesis here and fat oxidation in liver_fat.c. */
static double nadh_restraint(const mh_module_ctx *c)
{
    return 1.0 / (1.0 + fmax(c->shared->conc[MH_POOL_ETHANOL], 0.0) / c->p[KZ]);
}

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_LIVER_GLYCOGEN_FILL] =
        fmin(fmax(c->x[GLY], 0.0) / glycogen_mg_kg(c->p[GLYMAX], c->in), 1.0);
    signals[MH_SIGNAL_ETHANOL_NADH] = nadh_restraint(c);
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    double glucagon_ratio = fmax(s->conc[MH_POOL_GLUCAGON], 0.0) / s->ref[MH_POOL_GLUCAGON];
    double his = insulin_sensitivity(c);
    double demand = p[KP1] - p[KP2] * s->amount[MH_POOL_GLUCOSE] -
                    his * (p[KP3] * x[ID] + p[KP4] * s->signal[MH_SIGNAL_PORTAL_INSULIN]);
    double effort = s->signal[MH_SIGNAL_EXERCISE_DRIVE];
    demand = fmax(demand, 0.0) * pow(glucagon_ratio, p[GGCG]) * (1.0 + p[HEX] * effort) *
             (1.0 + p[KIL6] * log(fmax(mh_messenger_ratio(s, MH_MESSENGER_IL6), 1.0)));
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0);
    double hormones = pow(glucagon_ratio, p[AGNG]) * pow(s->ref[MH_POOL_INSULIN] / insulin, p[BGNG]);
    hormones = fmin(fmax(hormones, 0.2), 5.0);
    double ethanol = fmax(s->conc[MH_POOL_ETHANOL], 0.0);
    double nadh = nadh_restraint(c);
    f[ETH_OX] = p[VETH] * ethanol / (ethanol + p[KETH]);
    /* Gluconeogenic capacity from substrate supply; what is made is the demand's
     * share plus what the glycogen store has room for (below). */
    f[LAC_UPTAKE] = p[KLAC] * fmax(s->conc[MH_POOL_LACTATE], 0.0) * hormones;
    f[GLYC_UPTAKE] = p[KGLYC] * fmax(s->conc[MH_POOL_GLYCEROL], 0.0) * hormones;
    f[AA_UPTAKE] = p[KAA] * fmax(s->conc[MH_POOL_AMINO_ACIDS], 0.0) * hormones;
    double taken = f[LAC_UPTAKE] + f[GLYC_UPTAKE] + f[AA_UPTAKE];
    double capacity = 0.5 * taken * MH_GLUCOSE_MG_PER_UMOL * nadh;
    double fructose = s->signal[MH_SIGNAL_FRUCTOSE_ABSORPTION];
    f[FRU_GLUCOSE] = p[FFG] * fructose;
    f[FRU_LACTATE] = 2.0 * p[FFL] * fructose / MH_GLUCOSE_MG_PER_UMOL;
    double fill = fmax(x[GLY], 0.0) / glycogen_mg_kg(p[GLYMAX], c->in);
    double room = fmax(1.0 - fill * fill * fill, 0.0);
    double surplus = room * fmax(capacity - demand, 0.0);
    f[GNG] = fmin(demand, capacity) + surplus;
    /* Substrate taken up but not made into glucose is oxidised in the liver
     * (amino acids via ureagenesis, lactate and glycerol through the TCA cycle). */
    f[SUBSTRATE_OX] = fmax(taken - 2.0 * f[GNG] / MH_GLUCOSE_MG_PER_UMOL, 0.0);
    f[GLYCOGENOLYSIS] = fmax(demand - capacity, 0.0) * availability(c);
    f[EGP] = fmin(demand, capacity) + f[GLYCOGENOLYSIS];
    f[HGU] = room * p[KHGU] * fmax(s->amount[MH_POOL_GLUCOSE] - p[GPB], 0.0) *
             fmax(x[ID], 0.0) / s->ref[MH_POOL_INSULIN];
    f[GLYCOGEN_SYNTHESIS] =
        room * (s->signal[MH_SIGNAL_MEAL_FIRST_PASS] + p[FFY] * fructose) + surplus + f[HGU];
    double he = hepatic_extraction(c);
    double il = s->amount[MH_POOL_INSULIN_LIVER];
    f[INS_OUT] = p[M1] * il;
    f[INS_IN] = p[M2] * s->amount[MH_POOL_INSULIN];
    f[INS_DEGRADED] = he * p[M1] / (1.0 - he) * il;
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    double insulin = c->shared->conc[MH_POOL_INSULIN];
    dx[I1] = -p[KI] * (x[I1] - insulin);
    dx[ID] = -p[KI] * (x[ID] - x[I1]);
    dx[GLY] = f[GLYCOGEN_SYNTHESIS] - f[GLYCOGENOLYSIS];
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    out[EGP_OUT] = f[EGP];
    out[HE_OUT] = hepatic_extraction(c);
    out[GLYCOGEN_G] = c->x[GLY] * c->in->body_weight_kg / 1000.0 * MH_GLYCOGEN_PER_GLUCOSE;
    /* Share of glucose output made by gluconeogenesis; 0 when the liver releases nothing. */
    out[GNG_FRACTION] = f[EGP] > 1e-9 ? (f[EGP] - f[GLYCOGENOLYSIS]) / f[EGP] : 0.0;
    out[GNG_OUT] = f[GNG];
    out[GLYCOGENOLYSIS_OUT] = f[GLYCOGENOLYSIS];
    out[HIS_OUT] = insulin_sensitivity(c);
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    x[I1] = x[ID] = 25.49; /* Dalla Man 2007 basal insulin, pmol/L */
    x[GLY] = glycogen_mg_kg(p[GLY0], in);
}

const mh_module mh_liver_module = {
    .name = MODULE_NAME,
    .summary = "glucose production from glycogen and gluconeogenesis, glycogen, insulin extraction",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
