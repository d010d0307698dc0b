/*
 * adipose.c - adipose tissue lipolysis (FFA and glycerol release) and the
 * clearance of lipoprotein triglyceride by lipoprotein lipase (physio layer).
 *
 * Triglyceride hydrolysis releases one glycerol and three fatty acids; part of
 * the fatty acids is re-esterified in the adipocyte. Lipolysis is strongly
 * suppressed by insulin acting with a delay (Ia):
 *   dIa/dt = k_ia (I - Ia)                                          [pmol/L/min]
 *   R_glycerol = L0 (1 + (Ib/IC50)^n) / (1 + (Ia/IC50')^n) min(1.5, (Gcg/Gcgb)^a_cr)
 *                                                                    [umol/kg/min]
 *   R_ffa      = 3 R_glycerol (1 - r_reest)                         [umol/kg/min]
 * normalised so that R_glycerol = L0 at the basal insulin Ib, raised in exercise
 * (catecholamines, effort E) and by IL-6:
 *   x (1 + l_ex E) (1 + k_il6 ln max(1, IL6 / IL6_rest)) Glucagon stands in
 * for the counter-regulatory lipolytic drive (catecholamines, GH, glucagon rise
 * together in a fast), and scaled by the chronic drives: fat mass (F / 17.2 kg)^a_fat,
 * growth hormone GH^a_gh and glucocorticoid excess (1 + a_gc (GC - 1)).
 * Insulin-resistant adipose tissue (low adiponectin, and a fatty liver at the same
 * adiposity: Korenblat 2008, Fabbrini 2008) needs more insulin for the same
 * suppression: the IC50 in the denominator is
 *   IC50 / adiponectin^a_ir x (1 + a_lf max(0, liver fat - 2 %) / 10).
 *
 * Lipoprotein lipase (adipose and muscle capillaries) hydrolyses triglyceride:
 *   clearance = k_chy C_chy V + k_vldl C_vldl V  (first order in each pool)
 * Each triglyceride gives one glycerol (to plasma) and three fatty acids, of
 * which a share f_spill escapes to plasma FFA; the rest is taken up and stored
 * or oxidised by the tissue.
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "adipose"

#define STATES(X)                                                                                \
    X(IA, "insulin_action", "pmol/L", 25.0, MH_FAST, "Ia: insulin signal in adipose tissue")

#define PARAMS(X)                                                                                \
    X(L0, "L0", "umol/kg/min", 2.5, 0.8, 6.0, 0.3,                                             \
      "glycerol Ra after an overnight fast 2-3 umol/kg/min (Jensen 2001 JCI 108:1247 range)",  \
      "lipolysis (glycerol release) at basal insulin")                                        \
    X(IC50, "IC50", "pmol/L", 30.0, 5.0, 200.0, 0.4,                                           \
      "calibrated: lipolysis about 95 % suppressed at postprandial insulin near 300 pmol/L "   \
      "(Jensen 1989 AJP 256:E24; Campbell 1992 AJP 263:E1063)",                                \
      "insulin giving half-maximal suppression of lipolysis")                                 \
    X(NH, "n", "1", 1.5, 0.5, 4.0, 0.2, "calibrated: as IC50", "steepness of insulin suppression") \
    X(KIA, "k_ia", "1/min", 0.05, 0.005, 0.5, 0.3,                                             \
      "assumed: suppression of lipolysis follows insulin with a 15-30 min delay "            \
      "(Jensen 1989 AJP 256:E24)",                                                             \
      "rate of insulin action on adipose tissue")                                             \
    X(REEST, "r_reest", "1", 0.3, 0.0, 0.8, 0.3,                                               \
      "intra-adipocyte re-esterification 20-40 % after an overnight fast (Reshef 2003 JBC "   \
      "278:30413 review)",                                                                    \
      "fraction of released fatty acids re-esterified in the adipocyte")                      \
    X(ACR, "a_cr", "1", 1.0, 0.0, 2.0, 0.4,                                                    \
      "calibrated: glycerol Ra and FFA about doubled after 42-72 h of fasting (Klein 1993 "    \
      "AJP 265:E801)",                                                                         \
      "counter-regulatory lipolytic drive, per glucagon ratio")                               \
    X(LEX, "l_ex", "1", 1.0, 0.0, 10.0, 0.4,                                                   \
      "calibrated: lipolysis about triples in moderate exercise (Romijn 1993 AJP 265:E380)",  \
      "exercise drive on lipolysis, per unit effort")                                         \
    X(KIL6, "k_il6", "1", 0.1, 0.0, 1.0, 0.5,                                                  \
      "assumed: IL-6 infusion raises lipolysis modestly (van Hall 2003 JCEM 88:3005)",        \
      "rise of lipolysis per log IL-6 ratio")                                                 \
    X(KCHY, "k_chy", "1/min", 0.05, 0.005, 0.3, 0.3,                                           \
      "chylomicron triglyceride half-life about 5-15 min (Cortner 1987 J Lipid Res 28:195)",  \
      "fractional clearance of chylomicron triglyceride")                                     \
    X(KVLDL, "k_vldl", "1/min", 0.0043, 0.001, 0.03, 0.3,                                      \
      "calibrated: fasting triglyceride 0.9 mmol/L at VLDL-TG secretion 0.175 umol/kg/min "   \
      "(VLDL-TG residence 2-4 h)",                                                             \
      "fractional clearance of VLDL triglyceride")                                            \
    X(AFAT, "a_fat", "1", 0.6, 0.0, 1.0, 0.3,                                                  \
      "whole-body lipolysis rises less than fat mass (per kg fat it falls; Nielsen 2004 JCI " \
      "113:1582, Mittendorfer 2009 Obesity 17:1872)",                                          \
      "rise of lipolysis with fat mass (log-log, reference 17.2 kg)")                         \
    X(AGH, "a_gh", "1", 0.3, 0.0, 1.0, 0.4, "assumed: GH is lipolytic (Moller 2009 Endocr Rev 30:152)", \
      "rise of lipolysis with the GH drive (log-log)")                                        \
    X(AGC, "a_gc", "1", 0.1, 0.0, 1.0, 0.5, "assumed: glucocorticoid excess raises lipolysis", \
      "rise of lipolysis per unit glucocorticoid excess")                                     \
    X(AIR, "a_ir", "1", 1.0, 0.0, 3.0, 0.5,                                                     \
      "calibrated: adipose insulin resistance rises with liver fat in obesity (Korenblat 2008 " \
      "Gastroenterology 134:1369): palmitate Ra 85 vs 114 umol/min at IHTG 3 vs 23 % "         \
      "(Fabbrini 2008); low adiponectin marks dysfunctional adipose tissue",                  \
      "rise of the antilipolytic IC50 with low adiponectin (log-log)")                        \
    X(ALF, "a_lf", "1", 0.5, 0.0, 2.0, 0.5,                                                     \
      "calibrated: adipose insulin resistance rises with liver fat at the same adiposity "     \
      "(Korenblat 2008 Gastroenterology 134:1369; Fabbrini 2008 Gastroenterology 134:424: "   \
      "palmitate Ra 85 vs 114 umol/min at liver fat 3 vs 23 %, matched on body fat)",          \
      "rise of the antilipolytic IC50 per 10 points of liver fat above 2 %")                  \
    X(FSPILL, "f_spill", "1", 0.25, 0.0, 0.8, 0.3,                                             \
      "spillover of LPL-derived fatty acids to plasma 20-30 % postprandially (Frayn; Evans "  \
      "2002)",                                                                                 \
      "share of LPL fatty acids escaping to plasma FFA")

#define FLUXES(X)                                                                                \
    X(GLYCEROL_RELEASE, "glycerol_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_GLYCEROL,     \
      "glycerol from triglyceride hydrolysis")                                                \
    X(FFA_RELEASE, "ffa_release", "umol/kg/min", MH_POOL_NONE, MH_POOL_FFA,                   \
      "fatty acids released to plasma (net of re-esterification)")                            \
    X(CHY_CLEARANCE, "chylomicron_tg_clearance", "umol/kg/min", MH_POOL_CHYLOMICRON_TG,         \
      MH_POOL_NONE, "chylomicron triglyceride hydrolysed by lipoprotein lipase")              \
    X(VLDL_CLEARANCE, "vldl_tg_clearance", "umol/kg/min", MH_POOL_VLDL_TG, MH_POOL_NONE,       \
      "VLDL triglyceride hydrolysed by lipoprotein lipase")                                   \
    X(LPL_GLYCEROL, "lpl_glycerol", "umol/kg/min", MH_POOL_NONE, MH_POOL_GLYCEROL,             \
      "glycerol from lipoprotein lipase")                                                     \
    X(LPL_SPILLOVER, "lpl_fatty_acid_spillover", "umol/kg/min", MH_POOL_NONE, MH_POOL_FFA,     \
      "LPL fatty acids escaping to plasma")                                                   \
    X(LPL_STORED, "lpl_fatty_acid_uptake", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,          \
      "LPL fatty acids taken up by adipose tissue and muscle")

#define OUTPUTS(X)                                                                               \
    X(LIPOLYSIS, "lipolysis_umol_kg_min", "umol/kg/min",                                      \
      "whole-body lipolysis as glycerol release")                                             \
    X(DIETARY_SHARE, "dietary_ffa_share", "1",                                                 \
      "share of plasma FFA appearance that is dietary (chylomicron spillover)")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

/* Glycerol release by lipolysis (umol/kg/min). */
static double lipolysis(const mh_module_ctx *c)
{
    const double *p = c->p;
    const mh_shared *s = c->shared;
    double ia = fmax(c->x[IA], 0.0);
    double basal = 1.0 + pow(s->ref[MH_POOL_INSULIN] / p[IC50], p[NH]);
    /* The counter-regulatory drive saturates: at most +50 % (exercise, not glucagon
     * itself, carries the large lipolytic rise of a bout). */
    double counter = fmin(pow(fmax(s->conc[MH_POOL_GLUCAGON], 0.0) / s->ref[MH_POOL_GLUCAGON], p[ACR]), 1.5);
    double exercise = (1.0 + p[LEX] * s->signal[MH_SIGNAL_EXERCISE_DRIVE]) *
                      (1.0 + p[KIL6] * log(fmax(mh_messenger_ratio(s, MH_MESSENGER_IL6), 1.0)));
    double chronic = pow(fmax(s->signal[MH_SIGNAL_FAT_MASS_RATIO], 0.02), p[AFAT]) *
                     pow(fmax(s->signal[MH_SIGNAL_GH_DRIVE], 0.05), p[AGH]) *
                     (1.0 + p[AGC] * (s->signal[MH_SIGNAL_GLUCOCORTICOID] - 1.0));
    double ic50 = p[IC50] / pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05), p[AIR]) *
                  (1.0 + p[ALF] * mh_liver_fat_excess(s));
    return p[L0] * basal / (1.0 + pow(ia / ic50, p[NH])) * counter * exercise * chronic;
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *p = c->p;
    const mh_shared *s = c->shared;
    f[GLYCEROL_RELEASE] = lipolysis(c);
    f[CHY_CLEARANCE] = p[KCHY] * fmax(s->amount[MH_POOL_CHYLOMICRON_TG], 0.0);
    f[VLDL_CLEARANCE] = p[KVLDL] * fmax(s->amount[MH_POOL_VLDL_TG], 0.0);
    double hydrolysed = f[CHY_CLEARANCE] + f[VLDL_CLEARANCE];
    f[LPL_GLYCEROL] = hydrolysed;
    f[LPL_SPILLOVER] = 3.0 * hydrolysed * p[FSPILL];
    f[LPL_STORED] = 3.0 * hydrolysed * (1.0 - p[FSPILL]);
    f[FFA_RELEASE] = 3.0 * f[GLYCEROL_RELEASE] * (1.0 - p[REEST]);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    dx[IA] = c->p[KIA] * (c->shared->conc[MH_POOL_INSULIN] - c->x[IA]);
}

/* The dietary share of FFA appearance, for the liver's source accounting (chylomicron
 * spillover counts as dietary; VLDL spillover is recycled hepatic fat, counted with
 * adipose FFA as in Donnelly 2005's labelling). */
static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    out[LIPOLYSIS] = f[GLYCEROL_RELEASE];
    double dietary = 3.0 * f[CHY_CLEARANCE] * c->p[FSPILL];
    double total = f[FFA_RELEASE] + f[LPL_SPILLOVER];
    out[DIETARY_SHARE] = total > 0.0 ? dietary / total : 0.0;
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)p;
    (void)in;
    x[IA] = 25.5; /* a guess: settling finds the exact basal insulin action */
}

const mh_module mh_adipose_module = {
    .name = MODULE_NAME,
    .summary = "adipose lipolysis: FFA and glycerol release, suppressed by insulin",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
};
