/*
 * experiment_file.h - an in-silico experiment file: factors and their levels,
 * the arms they make, the population the groups are drawn from, and what is
 * read (scenario layer).
 *
 * Read from YAML with the same located errors as a scenario. Each factor level
 * is a fragment of a scenario merged into the shared protocol (mappings
 * merged key by key, lists such as `interventions` joined, a level's value
 * replacing the protocol's), so an arm is an ordinary scenario without a
 * subject. Every arm's scenario is checked here, errors pointing into the
 * experiment file, and kept as a population spec (population_file.h) whose
 * subjects the population runner draws and runs. The format is documented in
 * docs/EXPERIMENTS.md.
 */
#ifndef MH_SCENARIO_EXPERIMENT_FILE_H
#define MH_SCENARIO_EXPERIMENT_FILE_H

#include <stdint.h>

#include "myohep/myohep.h"
#include "scenario/population_file.h"

enum {
    MH_EXPERIMENT_MAX_FACTORS = 8,
    MH_EXPERIMENT_MAX_LEVELS = 16,
    MH_EXPERIMENT_MAX_ARMS = 256,
    MH_EXPERIMENT_NAME_SIZE = 64
};

/* independent: each arm draws its own subjects (a parallel-group experiment);
 * paired: every arm runs the same subjects (a within-subject comparison). */
typedef enum mh_experiment_design { MH_DESIGN_INDEPENDENT, MH_DESIGN_PAIRED } mh_experiment_design;

/* What each subject contributes to the statistics: the endpoint at the end of
 * the run, or its change from the start. */
typedef enum mh_experiment_outcome { MH_OUTCOME_END, MH_OUTCOME_CHANGE } mh_experiment_outcome;

typedef struct mh_experiment_factor {
    char name[MH_EXPERIMENT_NAME_SIZE];
    int n_levels;
    char levels[MH_EXPERIMENT_MAX_LEVELS][MH_EXPERIMENT_NAME_SIZE]; /* levels[0]: reference */
} mh_experiment_factor;

typedef struct mh_experiment_arm {
    char name[192];
    int level[MH_EXPERIMENT_MAX_FACTORS]; /* the level of each factor */
    mh_population_spec *population;       /* its subjects and scenario; size = group size */
} mh_experiment_arm;

typedef struct mh_experiment_spec {
    char source[256];
    char name[128];
    uint64_t seed;
    mh_experiment_design design;
    mh_experiment_outcome outcome;
    double duration_min, every_min; /* the run, and how often time courses are sampled */
    int n_endpoints;
    int endpoints[MH_POPULATION_MAX_ENDPOINTS]; /* output indices (mh_var_at) */
    int n_factors;
    mh_experiment_factor factors[MH_EXPERIMENT_MAX_FACTORS];
    int n_arms;
    mh_experiment_arm *arms;
    int reference; /* the arm every other is compared with */
} mh_experiment_spec;

mh_status mh_experiment_spec_load(const char *path, mh_experiment_spec **out, mh_error *err);
mh_status mh_experiment_spec_parse(const char *text, size_t length, const char *name,
                                   mh_experiment_spec **out, mh_error *err);
void mh_experiment_spec_free(mh_experiment_spec *spec);

/* Every arm's runs: minute- or day-resolved (the command line's --resolution). */
void mh_experiment_set_resolution(mh_experiment_spec *spec, mh_resolution resolution);

/* The arm with the given level of every factor, or -1. */
int mh_experiment_find_arm(const mh_experiment_spec *spec, const int *level);

#endif
