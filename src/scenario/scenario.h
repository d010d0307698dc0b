/*
 * scenario.h - a validated scenario: subject, diet, events, outputs (scenario layer).
 *
 * Built from YAML by scenario.c (the only user of libfyaml besides target
 * files), expanded into a timeline of events by timeline.c and run by
 * simulate.c. Times are minutes from day 0 00:00.
 */
#ifndef MH_SCENARIO_SCENARIO_H
#define MH_SCENARIO_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "myohep/myohep.h"
#include "physio/module.h"

enum { MH_MAX_DAILY_MEALS = 12, MH_MAX_OVERRIDES = 64 };

typedef enum mh_sex { MH_SEX_MALE, MH_SEX_FEMALE } mh_sex;

typedef struct mh_daily_meal {
    double minute_of_day;
    double carbs_g, fat_g, protein_g, fructose_g, alcohol_g;
} mh_daily_meal;

/* A weekly exercise programme entry (SCENARIO.md `exercise:`). */
typedef struct mh_exercise_plan {
    unsigned days;          /* bit per weekday, Monday = bit 0; day 0 of a run is a Monday */
    mh_exercise_type type;  /* beside days: no padding after either */
    double start, end;      /* minutes of the day */
    double from, until;     /* the weeks it runs: minutes from the start of the run */
    double intensity;
    double work_min, rest_min; /* HIIT intervals (0: the default 4 min work, 3 min rest) */
} mh_exercise_plan;

enum { MH_MAX_EXERCISE = 64, MH_MAX_INTERVENTIONS = 32 };

/* An intervention held from `from` to `until` (SCENARIO.md `interventions:`):
 * an intervention level, or a messenger's production factor. */
typedef struct mh_intervention_plan {
    mh_event_kind kind; /* MH_EVENT_INTERVENTION or MH_EVENT_MESSENGER */
    int target;         /* mh_intervention or mh_messenger */
    double level;       /* while active */
    double from, until; /* minutes from the start of the run */
} mh_intervention_plan;

typedef struct mh_param_override {
    int index;
    double value;
} mh_param_override;

/* The lists are sized to what the file declares, not to their limits: a
 * population holds one scenario per subject in flight, and the day-resolved
 * mode a copy of its meals and exercise (issue 5 d). */
struct mh_scenario {
    char *name; /* NULL: the default name, "scenario" (mh_scenario_name) */
    uint64_t seed;
    mh_species species; /* a mouse subject's weight and age are held in kg and in
                           human-equivalent years like a person's (mh_age_at) */
    struct {
        mh_sex sex;
        double age_y, height_cm, weight_kg;
        double body_fat_pct;     /* NAN: estimated from BMI, age and sex */
        double liver_fat_pct;    /* NAN: the model's steady state for this subject */
        int liver_fat_habitual;  /* 1: liver_fat_pct is the subject's steady state on the
                                    habitual diet (the liver's oxidation trait is fitted) */
        double fibrosis_stage;
        double vo2max_ml_kg_min; /* NAN: estimated from age and sex */
        double physical_activity_level;
        int pnpla3_risk_alleles, tm6sf2_risk_alleles;
    } subject;
    double duration_min;
    mh_daily_meal *daily_meals; /* n_daily_meals, at most MH_MAX_DAILY_MEALS */
    int n_daily_meals; /* 0: no diet, a fasting subject apart from events */
    double diet_energy_kcal_per_day; /* the diet's daily energy (0 without a diet) */
    double diet_protein_g_per_day;
    mh_exercise_plan *exercise;           /* n_exercise, at most MH_MAX_EXERCISE */
    mh_intervention_plan *interventions;  /* n_interventions, at most MH_MAX_INTERVENTIONS */
    int n_interventions;
    int n_exercise;
    mh_event *events;                /* one-off events, in time order */
    size_t n_events;
    double every_min;  /* sampling interval */
    int *vars;         /* output indices (catalogue order numbers) */
    int n_vars, vars_capacity;
    mh_param_override *overrides; /* n_overrides, at most MH_MAX_OVERRIDES */
    int n_overrides, overrides_capacity;
};

/* Weight-stable energy intake: Mifflin-St Jeor resting expenditure x PAL. */
double mh_weight_stable_kcal_per_day(mh_sex sex, double age_y, double height_cm,
                                     double weight_kg, double physical_activity_level);
/* The same for the scenario's subject, of either species (a mouse: Kleiber x PAL). */
double mh_scenario_weight_stable_kcal_per_day(const mh_scenario *s);

/* A mouse's age in weeks as a human-equivalent age in years, and back. */
double mh_mouse_age_equivalent_y(double age_weeks);
double mh_mouse_age_weeks(double equivalent_y);

/* The model inputs of the scenario's subject and diet (before any event). */
void mh_scenario_subject_inputs(const mh_scenario *s, mh_inputs *in);

/* Default sampling interval for a run of this length. */
double mh_default_every_min(double duration_min);

/* The compiled-in default scenario (data/scenarios/default.yaml). */
const char *mh_default_scenario_text(size_t *length);

/* The meal event of a daily meal at time_min, every nutrient scaled by scale. */
mh_event mh_daily_meal_event(const mh_daily_meal *meal, double time_min, double scale);

/* Every event of the run, daily meals expanded, sorted; caller frees. */
mh_status mh_timeline_build(const mh_scenario *s, mh_event **events, size_t *n_events,
                            mh_error *err);
/* The day-resolved timeline: a steady feed and weekly exercise shares instead of
 * meals and bouts, with probe events where the daily effect of the fast subsystem
 * is to be measured (timeline.c). */
mh_status mh_timeline_build_daily(const mh_scenario *s, mh_event **events, size_t *n_events,
                                  mh_error *err);

/* Whether output `index` (mh_var_at) is wrong for the species (a mouse reports
 * masses in g and grip in g-force, and no human clinical index); if so, why. */
bool mh_species_output_problem(mh_species species, int index, char *why, size_t size);

/* Which of myohep's input files a document is, by the top-level keys only
 * (the kind's own reader gives the located errors): a validation target has
 * `checks`, an in-silico MR file `analyses` or `instruments`, an experiment
 * `arms`, `factors` or `group_size`, a population `size`; anything else (a
 * file that does not parse included) is read as a scenario. */
typedef enum mh_file_kind {
    MH_FILE_SCENARIO,
    MH_FILE_POPULATION,
    MH_FILE_EXPERIMENT,
    MH_FILE_INSILICO_MR,
    MH_FILE_TARGET
} mh_file_kind;
mh_file_kind mh_input_file_kind(const char *path);

#endif
