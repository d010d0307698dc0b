/*
 * module.h - what a physiological module is (physio layer).
 *
 * A module is one .c file that declares, in tables, its states, parameters,
 * fluxes and outputs, and supplies two pure functions:
 *
 *   publish(ctx, signals)   (optional) signals other modules may read, from its own state;
 *   fluxes(ctx, f)          fluxes from its own state, its parameters, the shared
 *                           pools (amounts and concentrations), signals and inputs;
 *   derivatives(ctx, f, dx) its own state derivatives from its fluxes; here the
 *                           pools' net rates (pools->rate) are complete and may be read.
 *
 * A flux that leaves or enters a shared circulating pool names that pool in its
 * table row (from_pool / to_pool); the model assembly adds it to the pool's
 * rate, so no module ever writes another module's state. Both functions run
 * inside the ODE right-hand side: no allocation, no I/O, no mutable statics.
 *
 * Every state is marked fast (minutes: meals, bouts), store (hours to days:
 * glycogen) or slow (weeks to years); the solver can freeze or average a class
 * while integrating the others (MODEL-BRIEF section 2).
 */
#ifndef MH_PHYSIO_MODULE_H
#define MH_PHYSIO_MODULE_H

#include <math.h>

#include "core/units.h"
#include "myohep/myohep.h"
#include "physio/shared.h"

/* FAST: minutes (hormones, plasma pools); STORE: hours to days (glycogen), held at
 * their initial value while the fast states settle; SLOW: weeks to years. */
typedef enum mh_timescale { MH_FAST, MH_STORE, MH_SLOW } mh_timescale;

typedef struct mh_state_def {
    const char *name;
    const char *unit;
    double scale;           /* typical magnitude: absolute tolerance = rtol x scale */
    mh_timescale timescale;
    const char *description;
} mh_state_def;

/* Parameters use the public mh_param_info; `name` is the full "module.symbol". */
typedef mh_param_info mh_param_def;

typedef struct mh_flux_def {
    const char *name;
    const char *unit;
    mh_pool from_pool; /* MH_POOL_NONE: from this module's own states or from outside */
    mh_pool to_pool;   /* MH_POOL_NONE: into this module's own states or out of the body */
    const char *description;
} mh_flux_def;

/* Outputs use the public mh_var_info: name with its unit, unit, description. */
typedef mh_var_info mh_output_def;

typedef enum mh_exercise_type {
    MH_EXERCISE_NONE,
    MH_EXERCISE_AEROBIC,    /* intensity: fraction of VO2max */
    MH_EXERCISE_RESISTANCE, /* intensity: fraction of one-repetition maximum */
    MH_EXERCISE_HIIT        /* intensity: work-interval fraction of VO2max */
} mh_exercise_type;

/* Interventions a scenario switches on and off (SCENARIO.md `interventions:`);
 * each is a level held in the inputs, 0 when absent.
 *   X(ENUM, scenario type, unit of its level, description) */
#define MH_INTERVENTION_LIST(X)                                                                  \
    X(TESTOSTERONE, "testosterone", "mg/week", "testosterone therapy (enanthate/cypionate dose)") \
    X(GH_THERAPY, "gh_therapy", "1",                                                           \
      "growth hormone releasing therapy (tesamorelin 2 mg/day = 1)")                          \
    X(GLUCOCORTICOID, "glucocorticoid", "mg/day",                                              \
      "glucocorticoid excess (prednisolone-equivalent dose)")                                  \
    X(DISUSE, "disuse", "1", "bed rest or limb immobilisation (1: complete)")                   \
    X(LOW_TESTOSTERONE, "low_testosterone", "1",                                               \
      "hypogonadism: fraction of the sex- and age-typical testosterone lost")

typedef enum mh_intervention {
#define MH_INTERVENTION_ENUM(id, name, unit, description) MH_INTERVENTION_##id,
    MH_INTERVENTION_LIST(MH_INTERVENTION_ENUM)
#undef MH_INTERVENTION_ENUM
        MH_INTERVENTION_COUNT
} mh_intervention;

/* The species a parameter set and a subject belong to (MODEL-BRIEF section 6).
 * The mouse is a C57BL/6 male with the human model's structure: the same
 * equations and parameter names, its own values (model/species.c). */
typedef enum mh_species { MH_SPECIES_HUMAN, MH_SPECIES_MOUSE } mh_species;

/* Mouse age runs against a human-equivalent age: 3 months of a C57BL/6 match 20
 * human years and 24 months 69 (Dutta and Sengupta 2016 Life Sci 152:244;
 * Flurkey, Currer, Harrison 2007 The Mouse in Biomedical Research, ch. 20), about
 * 2.33 human years per mouse month, so the age laws calibrated on people (anabolic
 * resistance, muscle quality, IGF-1) read the mouse's human-equivalent age. */
#define MH_MOUSE_AGE_Y_AT_3_MONTHS 20.0
#define MH_MOUSE_HUMAN_YEARS_PER_MONTH (49.0 / 21.0)

/* Day-resolved mode (MODEL-BRIEF section 2): the day's meals become a steady
 * feed of their nutrients, and the week's exercise a mix of efforts, each held
 * for its share of the time; the fast subsystem then sits at its quasi-steady
 * state under those daily means and the solver steps across days. */
typedef struct mh_feed {
    double carbs_g_day, fat_g_day, protein_g_day, fructose_g_day, alcohol_g_day;
} mh_feed;

enum { MH_MAX_EXERCISE_MIX = 16 };

typedef struct mh_exercise_share {
    mh_exercise_type type;
    double intensity; /* as in a bout */
    double share;     /* fraction of the week spent at it */
} mh_exercise_share;

/* Exogenous inputs: piecewise constant, changed only at events (never in the RHS).
 * The subject block is fixed for a run; the fast physiology is expressed per kg
 * of the starting body weight, the slow physiology (body.c) tracks the weight. */
typedef struct mh_inputs {
    mh_species species;          /* human unless the scenario says mouse */
    double body_weight_kg;       /* at the start of the run: the per-kg basis */
    double meal_load_mg;         /* gut: stomach content right after the last ingestion (D) */
    double exercise_intensity;   /* 0 at rest; see mh_exercise_type for its meaning */
    mh_exercise_type exercise_type;
    /* subject */
    int female;
    double age_y;                   /* at the start of the run (a mouse: human-equivalent) */
    double height_m;
    double fat_mass_kg;             /* at the start */
    double muscle_mass_kg;          /* skeletal muscle at the start */
    double physical_activity_level; /* daily expenditure / resting, without exercise bouts */
    double vo2max_ml_kg_min;
    double pnpla3_risk_alleles;     /* PNPLA3 I148M (G alleles): 0, 1 or 2 */
    double tm6sf2_risk_alleles;     /* TM6SF2 E167K (T alleles): 0, 1 or 2 */
    double liver_fat_pct;           /* at the start (MRS scale) */
    double liver_oxidation_trait;   /* the subject's hepatic oxidised share relative to the
                                       reference: 1, or fitted so that a declared liver fat
                                       is the subject's steady state (scenario/simulate.c) */
    double fibrosis_stage;          /* at the start */
    double muscle_synthesis_start;  /* muscle protein synthesis and breakdown at the start, */
    double muscle_breakdown_start;  /* relative to a healthy adult: the subject's own steady
                                       turnover when held habitual (else 1, 1) */
    double intake_kcal_day;         /* the diet's daily energy (0: no diet) */
    double protein_g_per_kg_day;    /* habitual protein intake (anabolic drive) */
    /* interventions */
    double intervention[MH_INTERVENTION_COUNT];
    double messenger_factor[MH_MESSENGER_COUNT]; /* production multiplier: 1 untouched,
                                                    1 - efficacy blocked, fold over-expressed */
    /* day-resolved mode: the steady feed and the exercise mix (both empty otherwise) */
    mh_feed feed;
    int n_exercise_mix;
    mh_exercise_share exercise_mix[MH_MAX_EXERCISE_MIX];
} mh_inputs;

/* The subject's age at time t of the run. */
/* The subject's age at time t of the run (a mouse: human-equivalent years, whose
 * clock runs 12 x 2.33 = 28 times faster than the calendar). */
static inline double mh_age_at(const mh_inputs *in, double t_min)
{
    if (in->species == MH_SPECIES_MOUSE)
        return in->age_y + t_min / MH_MIN_PER_YEAR * 12.0 * MH_MOUSE_HUMAN_YEARS_PER_MONTH;
    return in->age_y + t_min / MH_MIN_PER_YEAR;
}

/* How far a ratio lies above 1, smoothly: about max(0, ratio - 1), rounded over
 * +-0.05 around 1 and exactly 0 at 1. The slow drives sit at a ratio of 1 in
 * health, where a sharp kink would make the stiff solver stumble every step. */
static inline double mh_excess(double ratio)
{
    const double eps = 0.1;
    double d = ratio - 1.0;
    return 0.5 * (d + sqrt(d * d + eps * eps) - eps);
}

/* Liver fat above a healthy 2 %, per 10 points: the lipotoxic load that blunts
 * insulin action in liver and, through hepatokines, in muscle (Korenblat 2008). */
static inline double mh_liver_fat_excess(const mh_shared *s)
{
    return fmax(s->signal[MH_SIGNAL_LIVER_FAT_PCT] - 2.0, 0.0) / 10.0;
}

/* A quantity that follows its demand until close to a capacity, approached with
 * a knee of sharpness n (n large: a hard ceiling; n = 1: Michaelis-Menten-like). */
static inline double mh_saturating(double demand, double capacity, double n)
{
    return demand / pow(1.0 + pow(demand / capacity, n), 1.0 / n);
}

/* Sharpness of the knee where a liver-fat effect levels off. */
#define MH_LEVELLING_KNEE 4.0

/* The lipotoxic load for an effect that stops worsening once liver fat passes a
 * plateau (%): insulin resistance does so in liver and muscle (Bril 2017
 * Hepatology 65:1132); a load without bound would let a fatty liver feed on its
 * own hyperinsulinaemia. */
static inline double mh_liver_fat_excess_levelled(const mh_shared *s, double plateau_pct)
{
    return mh_saturating(mh_liver_fat_excess(s), fmax(plateau_pct - 2.0, 0.1) / 10.0,
                         MH_LEVELLING_KNEE);
}

/* A discrete event applied between integration segments. An exercise event sets
 * the current intensity (0 ends a bout; HIIT alternates work and rest events);
 * an intervention event sets an intervention level or a messenger's factor.
 * Day-resolved mode: a feed event adds its nutrients (g/day, negative to take
 * them away) to the steady feed; an exercise-share event adds `level` (a
 * fraction of the time, negative to end it) to the mix at that type and intensity;
 * a probe event changes nothing and marks where the run re-measures the daily
 * effect of the fast subsystem (it sorts last among events at the same time). */
typedef enum mh_event_kind { MH_EVENT_MEAL, MH_EVENT_EXERCISE, MH_EVENT_INTERVENTION,
                             MH_EVENT_MESSENGER, MH_EVENT_FEED, MH_EVENT_EXERCISE_SHARE,
                             MH_EVENT_PROBE } mh_event_kind;

typedef struct mh_event {
    double time_min;
    mh_event_kind kind;
    double carbs_g;            /* meal: glucose-yielding carbohydrate (feed: g/day) */
    double fat_g, protein_g, fructose_g, alcohol_g; /* meal (feed: g/day) */
    double intensity;          /* exercise */
    mh_exercise_type exercise; /* exercise */
    int target;                /* intervention: mh_intervention; messenger: mh_messenger */
    double level;              /* intervention level or messenger production factor */
} mh_event;

typedef struct mh_module_ctx {
    double t_min;
    const double *x;        /* this module's states */
    const double *p;        /* this module's parameters */
    const mh_shared *shared; /* circulating pools and published signals */
    const mh_inputs *in;
} mh_module_ctx;

typedef struct mh_module {
    const char *name;
    const char *summary;
    const mh_state_def *states;
    int n_states;
    const mh_param_def *params;
    int n_params;
    const mh_flux_def *fluxes;
    int n_fluxes;
    const mh_output_def *outputs;
    int n_outputs;
    void (*publish)(const mh_module_ctx *c, double *signals); /* may be NULL */
    void (*compute_fluxes)(const mh_module_ctx *c, double *f);
    void (*compute_derivatives)(const mh_module_ctx *c, const double *f, double *dx);
    /* Outputs in reporting units, from state, fluxes and pools (may be NULL when n_outputs 0). */
    void (*compute_outputs)(const mh_module_ctx *c, const double *f, double *out);
    /* A first guess of the post-absorptive state; the solver settles it exactly. */
    void (*basal_guess)(const double *p, const mh_inputs *in, double *x);
    /* React to an event by changing its own states or inputs (may be NULL). */
    void (*on_event)(const mh_event *ev, const double *p, double *x, mh_inputs *in);
    /* Move slow states the subject does not declare to their steady value at the
     * current signals (inflammation for the declared liver fat, say), so that a run
     * starts near the subject's own steady state (may be NULL). */
    void (*steady_guess)(const mh_module_ctx *c, double *x);
    /* Record in the inputs what the subject's start holds steady (muscle protein
     * turnover, say), once the start state is final (may be NULL). */
    void (*hold_start)(const mh_module_ctx *c, mh_inputs *in);
} mh_module;

#define MH_COUNT(table) ((int)(sizeof(table) / sizeof((table)[0])))

/* Helpers for the X-macro tables every module file declares. A module defines
 * MODULE_NAME before using MH_PARAM_ROW so parameter names read "module.symbol".
 *   STATES(X):  X(ENUM, "name", "unit", typical scale, MH_FAST|MH_SLOW, "description")
 *   PARAMS(X):  X(ENUM, "symbol", "unit", default, lower, upper, population cv, "source", "description")
 *   FLUXES(X):  X(ENUM, "name", "unit", from pool, to pool, "description")
 *   OUTPUTS(X): X(ENUM, "name", "unit", "description")                                      */
#define MH_ENUM_ID(id, ...) id,
#define MH_STATE_ROW(id, name, unit, scale, timescale, desc) {name, unit, scale, timescale, desc},
#define MH_PARAM_ROW(id, sym, unit, value, lower, upper, cv, source, desc)                       \
    {MODULE_NAME "." sym, unit, value, lower, upper, cv, source, desc},
#define MH_FLUX_ROW(id, name, unit, from, to, desc) {name, unit, from, to, desc},
#define MH_OUTPUT_ROW(id, name, unit, desc) {name, unit, desc},

/* One line per table in a module file: the local enum and the static table,
 * and the matching fields of its mh_module. */
#define MH_STATE_TABLE(LIST)                                                                     \
    enum { LIST(MH_ENUM_ID) N_STATES };                                                        \
    static const mh_state_def states[] = {LIST(MH_STATE_ROW)}
#define MH_PARAM_TABLE(LIST)                                                                     \
    enum { LIST(MH_ENUM_ID) N_PARAMS };                                                        \
    static const mh_param_def params[] = {LIST(MH_PARAM_ROW)}
#define MH_FLUX_TABLE(LIST)                                                                      \
    enum { LIST(MH_ENUM_ID) N_FLUXES };                                                        \
    static const mh_flux_def fluxes[] = {LIST(MH_FLUX_ROW)}
#define MH_OUTPUT_TABLE(LIST)                                                                    \
    enum { LIST(MH_ENUM_ID) N_OUTPUTS };                                                       \
    static const mh_output_def outputs[] = {LIST(MH_OUTPUT_ROW)}
#define MH_WITH_STATES .states = states, .n_states = N_STATES
#define MH_WITH_PARAMS .params = params, .n_params = N_PARAMS
#define MH_WITH_FLUXES .fluxes = fluxes, .n_fluxes = N_FLUXES
#define MH_WITH_OUTPUTS .outputs = outputs, .n_outputs = N_OUTPUTS

/* Sources cited by several modules (docs/MODEL.md lists them in full). */
#define MH_SRC_DALLA_MAN_2007 "Dalla Man, Rizza, Cobelli 2007 IEEE TBME 54:1740, Table 1 normal subjects"
#define MH_CV_ASSUMED 0.25 /* placeholder CV until a population study calibrates it (issue 5) */

#endif
