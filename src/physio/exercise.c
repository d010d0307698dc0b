/*
 * exercise.c - the acute exercise bout: effort, energy demand, fuel selection,
 * and the post-exercise rise of insulin sensitivity (physio layer).
 *
 * Inputs (events): intensity and modality. Aerobic and HIIT intensities are
 * fractions of VO2max; resistance intensity (fraction of 1RM) is converted to
 * an aerobic-equivalent effort by r_res (metabolic demand of lifting sets).
 *   dE/dt = (u - E) / tau_e           u = intensity (x r_res for resistance)
 *   dL/dt = E - L / tau_l             recent volume, effort-minutes
 *   dS/dt = a_s E - S / tau_s         insulin sensitization, lasts 1-2 days
 *   dRS/dt = (u_res / 0.7) / session - RS / tau_rs   anabolic signal of resistance work
 *   aerobic stimulus = (E / 0.7)^2 (0.2 (E / 0.7)^2 in resistance work)
 * Energy above rest and its fuels (crossover: Brooks and Mercier 1994; Romijn
 * 1993 AJP 265:E380):
 *   EE  = E VO2max x 4.9 kcal/L / 1000                            [kcal/kg/min]
 *   VO2max = subject's VO2max x (muscle oxidative capacity)^a_vo2
 *   c   = c_min + (1 - c_min) / (1 + exp(-(x - x_mid) / x_w))   carbohydrate share
 *         (x = E, or the %1RM itself for resistance work, which is glycolytic)
 *   CHO = c EE / 3.74 kcal/g x 1000                                [mg/kg/min]
 *   FAT = (1 - c) EE / 0.0024 kcal/umol (palmitate)                [umol/kg/min]
 * The muscle module decides how CHO splits between glycogen and blood glucose.
 */
#include <math.h>

#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "exercise"

#define STATES(X)                                                                                \
    X(E, "effort", "1", 0.5, MH_FAST, "E: current effort, fraction of VO2max")                 \
    X(L, "load", "min", 60.0, MH_FAST, "L: recent exercise volume (effort-minutes)")          \
    X(S, "sensitization", "1", 0.2, MH_STORE, "S: post-exercise insulin sensitization")      \
    X(RS, "resistance_stimulus", "1", 1.0, MH_STORE,                                            \
      "RS: anabolic signal of recent resistance sessions (one standard session adds 1)")

#define PARAMS(X)                                                                                \
    X(AVO2, "a_vo2", "1", 0.4, 0.0, 1.0, 0.3,                                                  \
      "calibrated: VO2max +10-20 % after endurance training that raises oxidative capacity "  \
      "30-50 % (research notes)",                                                              \
      "rise of VO2max with muscle oxidative capacity (log-log)")                              \
    X(TAURS, "tau_rs", "min", 2880.0, 720.0, 10080.0, 0.3,                                      \
      "muscle protein synthesis stays raised 24-48 h after a resistance session (Phillips "   \
      "1997 AJP 273:E99)",                                                                     \
      "decay time of the resistance stimulus")                                                \
    X(SESSION, "session_min", "min", 45.0, 10.0, 120.0, 0.3,                                   \
      "assumed: a standard session is 45 min at 70 % 1RM", "length of a standard resistance session") \
    X(RRES, "r_res", "1", 0.65, 0.2, 1.0, 0.3,                                                 \
      "assumed: sets at 70 % 1RM with rests average 40-50 % of VO2max",                       \
      "aerobic-equivalent effort per unit of %1RM in resistance work")                        \
    X(TAUE, "tau_e", "min", 2.0, 0.5, 10.0, 0.3, "VO2 on-kinetics time constant 30-60 s to 2 min", \
      "time constant of effort")                                                              \
    X(TAUL, "tau_l", "min", 240.0, 30.0, 1440.0, 0.3, "calibrated: IL-6 rise with duration (EX-1)", \
      "memory of recent exercise volume")                                                     \
    X(CMIN, "c_min", "1", 0.1, 0.0, 0.5, 0.3,                                                  \
      "carbohydrate share near 10-15 % at 25 % VO2max (Romijn 1993 AJP 265:E380)",            \
      "carbohydrate share of exercise energy at low effort")                                  \
    X(XMID, "x_mid", "1", 0.65, 0.4, 0.9, 0.15,                                                \
      "crossover: about half carbohydrate near 65 % VO2max (Romijn 1993; Achten 2002)",       \
      "effort at which carbohydrate supplies half of the extra energy above c_min")           \
    X(XW, "x_w", "1", 0.12, 0.03, 0.3, 0.3, "calibrated: 70-75 % carbohydrate at 85 % VO2max", \
      "width of the crossover")                                                               \
    X(AS, "a_s", "1/min", 0.009, 0.0, 0.1, 0.4,                                                \
      "calibrated: insulin-stimulated uptake about +20-30 % the day after 1 h of exercise "    \
      "(research notes: Mikines 1988; EJCI 1991 21:6)",                                        \
      "insulin sensitization gained per effort-minute")                                       \
    X(TAUS, "tau_s", "min", 2160.0, 360.0, 10080.0, 0.3,                                        \
      "the rise lasts 24-48 h after a bout (Mikines 1988 AJP 254:E248, unverified)",          \
      "decay time of insulin sensitization")

#define OUTPUTS(X)                                                                               \
    X(EFFORT, "exercise_effort", "1", "current exercise effort, fraction of VO2max")          \
    X(EE_OUT, "exercise_energy_kcal_min", "kcal/min", "exercise energy expenditure above rest") \
    X(CHO_SHARE, "exercise_cho_fraction", "1", "carbohydrate share of exercise energy")       \
    X(SENS, "insulin_sensitization", "1", "post-exercise rise of muscle insulin sensitivity") \
    X(VO2MAX_OUT, "vo2max_ml_kg_min", "mL/kg/min", "maximal oxygen uptake (trained capacity)")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);

static const double KCAL_PER_L_O2 = 4.9, KCAL_PER_G_CHO = 3.74, KCAL_PER_UMOL_FFA = 0.0024;

/* Carbohydrate share of the energy at effort x (for resistance work, x is the %1RM
 * itself, which is glycolytic). */
static double carbohydrate_share_at(const double *p, double x)
{
    return p[CMIN] + (1.0 - p[CMIN]) / (1.0 + exp(-(x - p[XMID]) / p[XW]));
}

static double carbohydrate_share(const mh_module_ctx *c)
{
    double x = c->in->exercise_type == MH_EXERCISE_RESISTANCE ? c->in->exercise_intensity
                                                               : fmax(c->x[E], 0.0);
    return carbohydrate_share_at(c->p, x);
}

/* The subject's VO2max raised by trained oxidative capacity (muscle signal). */
static double vo2max(const mh_module_ctx *c)
{
    return c->in->vo2max_ml_kg_min *
           pow(fmax(c->shared->signal[MH_SIGNAL_MUSCLE_MITO], 0.1), c->p[AVO2]);
}

static double energy_kcal_kg_min(const mh_module_ctx *c)
{
    return fmax(c->x[E], 0.0) * vo2max(c) * KCAL_PER_L_O2 / 1000.0;
}

/* Mitochondrial biogenesis drive: steeper than linear in effort (AMPK,
 * PGC-1a; Egan 2010 J Physiol 588:1779), so HIIT work counts more per minute.
 * Resistance work drives it little. */
static double aerobic_stimulus_at(mh_exercise_type type, double effort)
{
    double e = fmax(effort, 0.0) / 0.7;
    return type == MH_EXERCISE_RESISTANCE ? 0.2 * e * e : e * e;
}

/* The effort a bout demands: the intensity, or its aerobic equivalent for lifting. */
static double effort_demanded(const double *p, mh_exercise_type type, double intensity)
{
    return type == MH_EXERCISE_RESISTANCE ? intensity * p[RRES] : intensity;
}

/* Day-resolved mode: the week's mean effort and resistance drive, and the means of
 * what is not linear in effort (fuel crossover, biogenesis drive), each bout of
 * the mix taken at its own effort for its share of the time. */
typedef struct weekly_means {
    double effort, lifting, cho_effort, stimulus;
} weekly_means;

static weekly_means mix_means(const double *p, const mh_inputs *in)
{
    weekly_means m = {0};
    for (int k = 0; k < in->n_exercise_mix; k++) {
        const mh_exercise_share *b = &in->exercise_mix[k];
        double effort = effort_demanded(p, b->type, b->intensity);
        double x = b->type == MH_EXERCISE_RESISTANCE ? b->intensity : effort;
        m.effort += b->share * effort;
        m.cho_effort += b->share * carbohydrate_share_at(p, x) * effort;
        m.stimulus += b->share * aerobic_stimulus_at(b->type, effort);
        if (b->type == MH_EXERCISE_RESISTANCE)
            m.lifting += b->share * b->intensity / 0.7 / p[SESSION];
    }
    return m;
}

static void publish(const mh_module_ctx *c, double *signals)
{
    double ee = energy_kcal_kg_min(c), cho_energy, fat_energy, stimulus;
    if (c->in->n_exercise_mix > 0) {
        /* energy is linear in effort: the mix's mean scaled by E over its target */
        weekly_means m = mix_means(c->p, c->in);
        double lag = m.effort > 0.0 ? fmax(c->x[E], 0.0) / m.effort : 0.0;
        cho_energy = fmin(lag * m.cho_effort * vo2max(c) * KCAL_PER_L_O2 / 1000.0, ee);
        fat_energy = ee - cho_energy;
        stimulus = m.stimulus;
    } else {
        double share = carbohydrate_share(c);
        cho_energy = share * ee;
        fat_energy = (1.0 - share) * ee;
        stimulus = aerobic_stimulus_at(c->in->exercise_type, c->x[E]);
    }
    signals[MH_SIGNAL_EXERCISE_DRIVE] = fmax(c->x[E], 0.0);
    signals[MH_SIGNAL_EXERCISE_LOAD] = fmax(c->x[L], 0.0);
    signals[MH_SIGNAL_EXERCISE_CHO] = cho_energy / KCAL_PER_G_CHO * 1000.0;
    signals[MH_SIGNAL_EXERCISE_FAT] = fat_energy / KCAL_PER_UMOL_FFA;
    signals[MH_SIGNAL_INSULIN_SENSITIZATION] = fmax(c->x[S], 0.0);
    signals[MH_SIGNAL_EXERCISE_ENERGY] = ee * c->in->body_weight_kg;
    signals[MH_SIGNAL_AEROBIC_STIMULUS] = stimulus;
    signals[MH_SIGNAL_RESISTANCE_STIMULUS] = fmax(c->x[RS], 0.0);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    double u = effort_demanded(p, c->in->exercise_type, c->in->exercise_intensity);
    double lifting = c->in->exercise_type == MH_EXERCISE_RESISTANCE
                         ? c->in->exercise_intensity / 0.7 / p[SESSION]
                         : 0.0;
    if (c->in->n_exercise_mix > 0) {
        weekly_means m = mix_means(p, c->in);
        u = m.effort;
        lifting = m.lifting;
    }
    dx[E] = (u - x[E]) / p[TAUE];
    dx[L] = x[E] - x[L] / p[TAUL];
    dx[S] = p[AS] * fmax(x[E], 0.0) - x[S] / p[TAUS];
    dx[RS] = lifting - x[RS] / p[TAURS];
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    out[EFFORT] = fmax(c->x[E], 0.0);
    out[EE_OUT] = energy_kcal_kg_min(c) * c->in->body_weight_kg;
    out[CHO_SHARE] = out[EFFORT] > 1e-6 ? carbohydrate_share(c) : 0.0;
    out[SENS] = fmax(c->x[S], 0.0);
    out[VO2MAX_OUT] = vo2max(c);
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    (void)p;
    (void)in;
    x[E] = x[L] = x[S] = x[RS] = 0.0;
}

/* Day-resolved mode: add a share of the week at this type and intensity to the
 * mix (a negative share ends it; an entry whose share comes to nothing leaves). */
static void add_to_mix(mh_inputs *in, mh_exercise_type type, double intensity, double share)
{
    int k = 0;
    while (k < in->n_exercise_mix &&
           !(in->exercise_mix[k].type == type && in->exercise_mix[k].intensity == intensity))
        k++;
    if (k == in->n_exercise_mix) {
        if (k == MH_MAX_EXERCISE_MIX || share <= 0.0)
            return; /* the timeline builder keeps the mix within its bound */
        in->exercise_mix[in->n_exercise_mix++] = (mh_exercise_share){type, intensity, 0.0};
    }
    in->exercise_mix[k].share += share;
    if (in->exercise_mix[k].share <= 1e-12)
        in->exercise_mix[k] = in->exercise_mix[--in->n_exercise_mix];
}

static void on_event(const mh_event *ev, const double *p, double *x, mh_inputs *in)
{
    (void)p;
    (void)x;
    if (ev->kind == MH_EVENT_EXERCISE_SHARE) {
        add_to_mix(in, ev->exercise, ev->intensity, ev->level);
        return;
    }
    if (ev->kind != MH_EVENT_EXERCISE)
        return;
    in->exercise_intensity = ev->intensity;
    in->exercise_type = ev->intensity > 0.0 ? ev->exercise : MH_EXERCISE_NONE;
}

const mh_module mh_exercise_module = {
    .name = MODULE_NAME,
    .summary = "exercise bouts: effort, energy demand, fuel crossover, insulin sensitization",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .on_event = on_event,
};
