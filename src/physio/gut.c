/*
 * gut.c - oral carbohydrate absorption (physio layer).
 *
 * Dalla Man, Camilleri, Cobelli 2006 IEEE TBME 53:2472 and Dalla Man, Rizza,
 * Cobelli 2007: a two-compartment stomach (solid Qsto1, triturated Qsto2) and
 * a gut compartment Qgut, all in mg of glucose:
 *   dQsto1/dt = -kgri Qsto1                     (+ D at ingestion)
 *   dQsto2/dt = -kempt(Qsto) Qsto2 + kgri Qsto1
 *   dQgut/dt  = -kabs Qgut + kempt(Qsto) Qsto2
 *   Ra        = f kabs Qgut / BW                                [mg/kg/min]
 * Gastric emptying slows as the stomach empties below the meal load D:
 *   kempt(Qsto) = kmin + (kmax - kmin)/2 { tanh[a (Qsto - b D)] - tanh[c' (Qsto - d D)] + 2 }
 *   a = 5 / (2 D (1 - b)),  c' = 5 / (2 D d)
 * D is the stomach content right after the latest ingestion (several meals in a
 * row sum, as in the UVA/Padova simulator's handling of consecutive meals).
 *
 * The other nutrients of a meal (mg in the gut, first-order transit):
 *   fat:      two compartments in series at k_fat; f_fat absorbed and secreted as
 *             chylomicron triglyceride (1 mg = 1.13 umol TG), peaking 3-4 h after
 *             a meal;                      chylo = f_fat k_fat Qfat2 x 1.13 / BW
 *   protein:  two compartments (stomach, gut) at k_prot, absorbed into
 *             gluconeogenic amino acids (y_aa umol alanine equivalents per mg)
 *   fructose: two compartments at k_fru, absorbed and taken up by the liver on
 *             first pass (signal)
 *   alcohol:  absorbed at k_alc into body-water ethanol
 * Day-resolved mode: a steady feed (g/day / 1440 min) enters each chain's first
 * compartment instead of meals (docs/MODEL.md section 8).
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "gut"

#define STATES(X)                                                                                \
    X(QSTO1, "qsto1", "mg", 1e4, MH_FAST, "Qsto1: solid glucose in the stomach")              \
    X(QSTO2, "qsto2", "mg", 1e4, MH_FAST, "Qsto2: triturated glucose in the stomach")         \
    X(QGUT, "qgut", "mg", 1e4, MH_FAST, "Qgut: glucose in the intestine")                    \
    X(QFAT1, "fat_stomach", "mg", 1e4, MH_FAST, "meal fat in stomach and upper gut")         \
    X(QFAT2, "fat_enterocyte", "mg", 1e4, MH_FAST, "meal fat being packed into chylomicrons") \
    X(QPROT1, "protein_stomach", "mg", 1e4, MH_FAST, "meal protein in the stomach")          \
    X(QPROT, "protein", "mg", 1e4, MH_FAST, "meal protein in the gut")                       \
    X(QFRU1, "fructose_stomach", "mg", 1e4, MH_FAST, "meal fructose in the stomach")         \
    X(QFRU, "fructose", "mg", 1e4, MH_FAST, "meal fructose in the gut")                      \
    X(QALC, "alcohol", "mg", 1e4, MH_FAST, "alcohol in stomach and gut")

#define PARAMS(X)                                                                                \
    X(KMAX, "kmax", "1/min", 0.0558, 0.01, 0.2, 0.3, MH_SRC_DALLA_MAN_2007,                    \
      "maximal rate constant of gastric emptying")                                            \
    X(KMIN, "kmin", "1/min", 0.0080, 0.001, 0.05, 0.3, MH_SRC_DALLA_MAN_2007,                  \
      "minimal rate constant of gastric emptying")                                            \
    X(KGRI, "kgri", "1/min", 0.0558, 0.01, 0.2, 0.3, MH_SRC_DALLA_MAN_2007 " (kgri = kmax)",    \
      "rate of grinding (solid to triturated)")                                               \
    X(KABS, "kabs", "1/min", 0.057, 0.005, 0.5, 0.3, MH_SRC_DALLA_MAN_2007,                    \
      "rate constant of intestinal absorption")                                               \
    X(F, "f", "1", 0.90, 0.5, 1.0, 0.05, MH_SRC_DALLA_MAN_2007,                                \
      "fraction of intestinal absorption that appears in plasma")                             \
    X(B, "b", "1", 0.82, 0.5, 0.95, 0.1, MH_SRC_DALLA_MAN_2007,                                \
      "fraction of the load at which emptying has fallen halfway to kmin")                    \
    X(D, "d", "1", 0.010, 0.001, 0.3, 0.3, MH_SRC_DALLA_MAN_2007 " (c in the 2007 table)",      \
      "fraction of the load at which emptying is back halfway to kmax")                       \
    X(KFAT, "k_fat", "1/min", 0.0065, 0.002, 0.05, 0.3,                                        \
      "calibrated: plasma triglyceride rises to a plateau from 2.5 to 4 h after a 40 g fat "  \
      "meal (MODEL-BRIEF: peak about 3-4 h; Cohn 1988 J Lipid Res 29:469)",                    \
      "transit rate of meal fat (each of two compartments)")                                  \
    X(FFAT, "f_fat", "1", 0.95, 0.5, 1.0, 0.05, "dietary fat about 95 % absorbed",            \
      "fraction of meal fat absorbed")                                                        \
    X(KPROT, "k_prot", "1/min", 0.012, 0.003, 0.1, 0.3,                                        \
      "calibrated: plasma amino acids peak 1-2 h after a protein meal (Groen 2015 AJP "        \
      "308:E1091)",                                                                            \
      "transit rate of meal protein (each of two compartments)")                                                      \
    X(YAA, "y_aa", "umol/mg", 3.0, 0.5, 8.0, 0.3,                                              \
      "assumed: 1 g protein = about 8.5 mmol amino acids, of which about a third reach "      \
      "plasma as gluconeogenic 3-carbon units after splanchnic use",                           \
      "gluconeogenic amino acids appearing per mg of meal protein")                           \
    X(KFRU, "k_fru", "1/min", 0.025, 0.005, 0.2, 0.3,                                          \
      "assumed: fructose absorbed somewhat slower than glucose (GLUT5); peak about 40 min",   \
      "transit rate of meal fructose (each of two compartments)")                                                     \
    X(KALC, "k_alc", "1/min", 0.05, 0.01, 0.3, 0.3,                                            \
      "peak blood alcohol 30-60 min after drinking on an empty stomach",                      \
      "absorption rate of alcohol")

#define FLUXES(X)                                                                                \
    X(RA, "ra", "mg/kg/min", MH_POOL_NONE, MH_POOL_GLUCOSE,                                    \
      "rate of appearance of meal glucose in plasma")                                         \
    X(EMPTYING, "gastric_emptying", "mg/min", MH_POOL_NONE, MH_POOL_NONE,                      \
      "stomach to intestine transfer, kempt Qsto2")                                           \
    X(CHYLO, "chylomicron_secretion", "umol/kg/min", MH_POOL_NONE, MH_POOL_CHYLOMICRON_TG,     \
      "meal fat entering plasma as chylomicron triglyceride")                                 \
    X(AA_ABSORPTION, "amino_acid_absorption", "umol/kg/min", MH_POOL_NONE, MH_POOL_AMINO_ACIDS, \
      "gluconeogenic amino acids from meal protein")                                          \
    X(FRU_ABSORPTION, "fructose_absorption", "mg/kg/min", MH_POOL_NONE, MH_POOL_NONE,          \
      "fructose absorbed to the portal vein (taken up by the liver)")                         \
    X(ALC_ABSORPTION, "alcohol_absorption", "mg/kg/min", MH_POOL_NONE, MH_POOL_ETHANOL,        \
      "alcohol absorbed into body water")

#define OUTPUTS(X)                                                                               \
    X(RA_MEAL, "ra_meal_mg_kg_min", "mg/kg/min", "rate of appearance of meal glucose in plasma") \
    X(STOMACH_G, "stomach_glucose_g", "g", "carbohydrate (as glucose) still in the stomach")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

/* kempt(Qsto) of Dalla Man 2006; with nothing eaten yet the stomach empties at kmax. */
static double emptying_rate(const double *p, double qsto, double load_mg)
{
    if (load_mg <= 0.0)
        return p[KMAX];
    double a = 5.0 / (2.0 * load_mg * (1.0 - p[B]));
    double c = 5.0 / (2.0 * load_mg * p[D]);
    return p[KMIN] + 0.5 * (p[KMAX] - p[KMIN]) *
                         (tanh(a * (qsto - p[B] * load_mg)) - tanh(c * (qsto - p[D] * load_mg)) +
                          2.0);
}

/* The absorbed glucose that does not reach plasma ((1 - f) of it) is taken up by
 * the liver on first pass and feeds its glycogen (direct pathway). Protein
 * counts at the carbohydrate factor (4 kcal/g). */
static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_MEAL_FIRST_PASS] =
        (1.0 - c->p[F]) * c->p[KABS] * c->x[QGUT] / c->in->body_weight_kg;
    signals[MH_SIGNAL_FRUCTOSE_ABSORPTION] = c->p[KFRU] * c->x[QFRU] / c->in->body_weight_kg;
    /* Energy by Atwater factors on what leaves the gut (the factors already allow
     * for incomplete digestion, so the meal's energy is counted in full). */
    const double *x = c->x, *p = c->p;
    double carbohydrate_mg = p[KABS] * x[QGUT] + p[KPROT] * x[QPROT] + p[KFRU] * x[QFRU];
    signals[MH_SIGNAL_ENERGY_ABSORPTION] =
        (MH_KCAL_PER_G_CARB * carbohydrate_mg + MH_KCAL_PER_G_FAT * p[KFAT] * x[QFAT2] +
         MH_KCAL_PER_G_ALCOHOL * p[KALC] * x[QALC]) /
        1000.0;
}

static void fluxes_fn(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    double qsto = x[QSTO1] + x[QSTO2];
    f[EMPTYING] = emptying_rate(p, qsto, c->in->meal_load_mg) * x[QSTO2];
    double bw = c->in->body_weight_kg;
    f[RA] = p[F] * p[KABS] * x[QGUT] / bw;
    f[CHYLO] = p[FFAT] * p[KFAT] * x[QFAT2] * MH_TG_UMOL_PER_MG / bw;
    f[AA_ABSORPTION] = p[KPROT] * x[QPROT] * p[YAA] / bw;
    f[FRU_ABSORPTION] = p[KFRU] * x[QFRU] / bw;
    f[ALC_ABSORPTION] = p[KALC] * x[QALC] / bw;
}

/* g/day of a steady feed (day-resolved mode) as mg/min into a first compartment. */
static double fed(double g_per_day) { return g_per_day * 1000.0 / MH_MIN_PER_DAY; }

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    const mh_feed *feed = &c->in->feed;
    dx[QSTO1] = -p[KGRI] * x[QSTO1];
    dx[QSTO2] = -f[EMPTYING] + p[KGRI] * x[QSTO1];
    dx[QGUT] = -p[KABS] * x[QGUT] + f[EMPTYING];
    dx[QFAT1] = -p[KFAT] * x[QFAT1];
    dx[QFAT2] = p[KFAT] * (x[QFAT1] - x[QFAT2]);
    dx[QPROT1] = -p[KPROT] * x[QPROT1];
    dx[QPROT] = p[KPROT] * (x[QPROT1] - x[QPROT]);
    dx[QFRU1] = -p[KFRU] * x[QFRU1];
    dx[QFRU] = p[KFRU] * (x[QFRU1] - x[QFRU]);
    dx[QALC] = -p[KALC] * x[QALC];
    /* A steady feed passes the same chain: at its quasi-steady state what is absorbed
     * equals what is fed, whatever the chain's rates (the stomach empties at kmax,
     * no meal being in it). */
    dx[QSTO1] += fed(feed->carbs_g_day);
    dx[QFAT1] += fed(feed->fat_g_day);
    dx[QPROT1] += fed(feed->protein_g_day);
    dx[QFRU1] += fed(feed->fructose_g_day);
    dx[QALC] += fed(feed->alcohol_g_day);
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    out[RA_MEAL] = f[RA];
    out[STOMACH_G] = (c->x[QSTO1] + c->x[QSTO2]) / 1000.0;
}

/* Post-absorptive: the gut is empty. */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)p;
    (void)in;
    x[QSTO1] = x[QSTO2] = x[QGUT] = 0.0;
    x[QFAT1] = x[QFAT2] = x[QPROT1] = x[QPROT] = x[QFRU1] = x[QFRU] = x[QALC] = 0.0;
}

/* Ingestion is an impulse into the solid stomach compartment (D delta(t)). */
static void on_event(const mh_event *ev, const double *p, double *x, mh_inputs *in)
{
    (void)p;
    if (ev->kind == MH_EVENT_FEED) {
        in->feed.carbs_g_day += ev->carbs_g;
        in->feed.fat_g_day += ev->fat_g;
        in->feed.protein_g_day += ev->protein_g;
        in->feed.fructose_g_day += ev->fructose_g;
        in->feed.alcohol_g_day += ev->alcohol_g;
        return;
    }
    if (ev->kind != MH_EVENT_MEAL)
        return;
    x[QFAT1] += ev->fat_g * 1000.0;
    x[QPROT1] += ev->protein_g * 1000.0;
    x[QFRU1] += ev->fructose_g * 1000.0;
    x[QALC] += ev->alcohol_g * 1000.0;
    if (ev->carbs_g <= 0.0)
        return;
    x[QSTO1] += ev->carbs_g * 1000.0;
    in->meal_load_mg = x[QSTO1] + x[QSTO2];
}

const mh_module mh_gut_module = {
    .name = MODULE_NAME,
    .summary = "gastric emptying and intestinal absorption of meal carbohydrate",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_fluxes = fluxes_fn,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .on_event = on_event,
};
