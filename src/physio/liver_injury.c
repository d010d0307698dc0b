/*
 * liver_injury.c - steatohepatitis activity, fibrosis and the blood markers of
 * liver injury (physio layer).
 *
 * Necro-inflammation A (lobular inflammation 0-3 plus ballooning 0-2 of the
 * NAFLD activity score, Kleiner 2005 Hepatology 41:1313) follows a lipotoxic
 * drive over months:
 *   D   = (sat(liver fat; lf_plateau) / LF50) CCL2^a_ccl2 (1 + p_pnpla3 n_PNPLA3)
 *         / (adiponectin^a_adipo FGF21^a_fgf21 liver_mito^a_mito)
 * (sat(v; c) = v / (1 + (v / c)^4)^(1/4): liver fat drives activity up to the
 * upper steatosis grades and no further; Bril 2017 Hepatology 65:1132 found
 * histological severity unrelated to the amount of liver fat within NAFLD)
 *   A*  = 5 D^n / (D^n + 1),   dA/dt = (A* - A) / tau_a
 * The steatosis grade is read from liver fat on the PDFF scale (grade 1, 2, 3
 * from 6.4, 17.4, 22.1 %; Tang 2013 Radiology 267:422), linear in between, and
 * the NAFLD activity score is steatosis + A (0-8).
 * Fibrosis (stage 0-4, continuous) progresses with activity and regresses slowly
 * when activity is low (Singh 2015 CGH 13:643: 0.07 stage/yr in NAFL, 0.14 in
 * NASH; Vilar-Gomez 2015 Gastroenterology 149:367: regression after weight loss):
 *   dF/dt = k_f A^a_f (1 - F / 4.2) - k_r F max(0, 1 - A / A_r)
 * Markers (U/L): ALT = ALT0 (1 + 0.25 steatosis + 0.35 A);
 *   AST = AST0 (1 + 0.12 steatosis + 0.25 A + 0.3 F)   (AST/ALT rises with fibrosis)
 * Platelets 260 (1 - 0.1 F) x10^9/L; albumin 4.4 - 0.15 max(0, F - 2) g/dL.
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "liver_injury"


#define STATES(X)                                                                                \
    X(A, "inflammation", "0-5", 1.0, MH_SLOW,                                                  \
      "A: lobular inflammation plus ballooning (NAFLD activity score without steatosis)")      \
    X(FIB, "fibrosis", "stage", 1.0, MH_SLOW, "F: fibrosis stage, continuous 0-4")

#define PARAMS(X)                                                                                \
    X(LF50, "LF50", "%", 25.0, 3.0, 60.0, 0.4,                                                 \
      "calibrated: NASH (activity >= 3) in a minority of subjects with liver fat 10-20 %; an " \
      "obese man with 22 % liver fat and low adiponectin sits at activity about 2 (NAFL to "   \
      "borderline NASH)",                                                                      \
      "liver fat at which the lipotoxic drive gives half-maximal activity")                   \
    X(LFPLATEAU, "lf_plateau", "%", 20.0, 5.0, 60.0, 0.3,                                       \
      "calibrated: once NAFLD is present, inflammation, ballooning and fibrosis are not "      \
      "associated with the amount of liver fat (Bril 2017 Hepatology 65:1132, 352 biopsies "  \
      "with MRS); the drive stops rising near 20 %, the upper steatosis grades",               \
      "liver fat above which the lipotoxic drive no longer rises")                            \
    X(NA_, "n_a", "1", 3.0, 0.5, 6.0, 0.3, "assumed: NAFL (activity 1-2) at liver fat about 15 %, NASH (>= 3) above about 25 %", "steepness of activity with the drive")  \
    X(TAUA, "tau_a", "min", 86400.0, 14400.0, 525960.0, 0.4,                                   \
      "assumed: histological activity changes over months (trial biopsies at 6-12 months)",   \
      "time constant of inflammatory activity")                                               \
    X(ACCL2, "a_ccl2", "1", 0.5, 0.0, 2.0, 0.5,                                                \
      "assumed (seed text): muscle CCL2 drives liver inflammation",                           \
      "rise of the lipotoxic drive with CCL2 (log-log)")                                      \
    X(AADIPO, "a_adipo", "1", 0.3, 0.0, 1.0, 0.5, "assumed: adiponectin is anti-inflammatory", \
      "relief by adiponectin (log-log)")                                                      \
    X(AFGF, "a_fgf21", "1", 0.2, 0.0, 1.0, 0.5, "assumed: FGF21 relieves steatohepatitis",     \
      "relief by FGF21 (log-log)")                                                            \
    X(AMITO, "a_mito", "1", 0.5, 0.0, 3.0, 0.5,                                                \
      "assumed: exercise relieves liver inflammation beyond liver fat",                       \
      "relief by hepatic oxidative capacity (log-log)")                                       \
    X(PPNPLA3, "p_pnpla3", "1", 0.25, 0.0, 1.0, 0.5,                                           \
      "PNPLA3 I148M raises NASH and fibrosis risk beyond liver fat (Sookoian 2011 "           \
      "Hepatology 53:1883)",                                                                   \
      "rise of the lipotoxic drive per I148M allele")                                         \
    X(KF, "k_f", "stage/year", 0.07, 0.0, 0.5, 0.4,                                            \
      "calibrated: 0.07 stage/yr in NAFL (activity about 1) and 0.14 in NASH (about 3) "      \
      "(Singh 2015)",                                                                          \
      "fibrosis progression at activity 1")                                                   \
    X(AF, "a_f", "1", 0.63, 0.0, 2.0, 0.3, "calibrated: as k_f (0.14 / 0.07 = 3^0.63)",         \
      "rise of progression with activity (log-log)")                                          \
    X(KR, "k_r", "1/year", 0.15, 0.0, 1.0, 0.5,                                                \
      "calibrated: fibrosis regressed in 45 % within a year of >= 10 % weight loss "          \
      "(Vilar-Gomez 2015)",                                                                    \
      "fibrosis regression rate at no activity")                                              \
    X(AR, "A_r", "0-5", 1.0, 0.2, 3.0, 0.4, "assumed: regression needs activity below 1",     \
      "activity above which fibrosis does not regress")                                       \
    X(ALT0, "ALT0", "U/L", 20.0, 8.0, 40.0, 0.3,                                               \
      "healthy men 20-25 U/L (upper limit 30; Prati 2002 Ann Intern Med 137:1)",              \
      "ALT of a healthy liver")                                                               \
    X(AST0, "AST0", "U/L", 20.0, 8.0, 40.0, 0.3, "healthy adults about 20 U/L",               \
      "AST of a healthy liver")

#define OUTPUTS(X)                                                                               \
    X(NAS, "nash_activity", "0-8", "NAFLD activity score (steatosis + inflammation + ballooning)") \
    X(INFL, "liver_inflammation", "0-5", "lobular inflammation plus ballooning")              \
    X(FIB_OUT, "fibrosis_stage", "0-4", "liver fibrosis stage (continuous)")                  \
    X(ALT, "alt_u_l", "U/L", "alanine aminotransferase")                                      \
    X(AST, "ast_u_l", "U/L", "aspartate aminotransferase")                                    \
    X(PLT, "platelets_1e9_l", "10^9/L", "platelet count")                                      \
    X(ALB, "albumin_g_dl", "g/dL", "serum albumin")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

/* Steatosis grade 0-3 from liver fat on the PDFF scale (Tang 2013 thresholds). */
static double steatosis_grade(double pct)
{
    static const double at[] = {0.0, 6.4, 17.4, 22.1};
    if (pct <= 0.0)
        return 0.0;
    for (int g = 1; g < 4; g++)
        if (pct < at[g])
            return (g - 1) + (pct - at[g - 1]) / (at[g] - at[g - 1]);
    return 3.0;
}

static double activity_target(const double *p, const mh_inputs *in, double liver_fat,
                              double ccl2, double adiponectin, double fgf21, double mito)
{
    double lipotoxic = mh_saturating(liver_fat, p[LFPLATEAU], MH_LEVELLING_KNEE) / p[LF50];
    double drive = lipotoxic * pow(ccl2, p[ACCL2]) *
                   (1.0 + p[PPNPLA3] * in->pnpla3_risk_alleles) /
                   (pow(adiponectin, p[AADIPO]) * pow(fgf21, p[AFGF]) * pow(mito, p[AMITO]));
    double dn = pow(fmax(drive, 0.0), p[NA_]);
    return 5.0 * dn / (dn + 1.0);
}

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_LIVER_INFLAMMATION] = fmin(fmax(c->x[A], 0.0), 5.0);
    signals[MH_SIGNAL_FIBROSIS] = fmin(fmax(c->x[FIB], 0.0), 4.0);
}

/* The activity the current liver fat, messengers and mitochondria lead to. */
static double current_target(const mh_module_ctx *c)
{
    const mh_shared *s = c->shared;
    return activity_target(c->p, c->in, s->signal[MH_SIGNAL_LIVER_FAT_PCT],
                           fmax(mh_messenger_ratio(s, MH_MESSENGER_CCL2), 0.05),
                           fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05),
                           fmax(mh_messenger_ratio(s, MH_MESSENGER_FGF21), 0.05),
                           fmax(s->signal[MH_SIGNAL_LIVER_MITO], 0.1));
}

static void steady_guess(const mh_module_ctx *c, double *x) { x[A] = current_target(c); }

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    double target = current_target(c);
    double a = fmin(fmax(x[A], 0.0), 5.0), fib = fmin(fmax(x[FIB], 0.0), 4.2);
    dx[A] = (target - x[A]) / p[TAUA];
    double progression = p[KF] * pow(a, p[AF]) * (1.0 - fib / 4.2);
    double regression = p[KR] * fib * fmax(1.0 - a / p[AR], 0.0);
    dx[FIB] = (progression - regression) / MH_MIN_PER_YEAR;
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    double steatosis = steatosis_grade(c->shared->signal[MH_SIGNAL_LIVER_FAT_PCT]);
    double a = fmin(fmax(x[A], 0.0), 5.0), fib = fmin(fmax(x[FIB], 0.0), 4.0);
    out[NAS] = steatosis + a;
    out[INFL] = a;
    out[FIB_OUT] = fib;
    out[ALT] = p[ALT0] * (1.0 + 0.25 * steatosis + 0.35 * a);
    out[AST] = p[AST0] * (1.0 + 0.12 * steatosis + 0.25 * a + 0.3 * fib);
    out[PLT] = 260.0 * (1.0 - 0.1 * fib);
    out[ALB] = 4.4 - 0.15 * fmax(fib - 2.0, 0.0);
}

/* Activity starts at its steady level for the starting liver fat (messengers at rest). */
static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    x[A] = activity_target(p, in, in->liver_fat_pct, 1.0, 1.0, 1.0, 1.0);
    x[FIB] = in->fibrosis_stage;
}

const mh_module mh_liver_injury_module = {
    .name = MODULE_NAME,
    .summary = "steatohepatitis activity, fibrosis, ALT, AST, platelets, albumin",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .steady_guess = steady_guess,
};
