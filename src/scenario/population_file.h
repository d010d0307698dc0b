/*
 * population_file.h - a virtual population file: who the subjects are, what
 * they all live through, and what is read at the end (scenario layer).
 *
 * Read from YAML with the same located errors as a scenario. The shared
 * protocol is an ordinary scenario mapping without `subject` (the population
 * draws each subject); it is validated once here and kept as one-line flow
 * YAML, so the population runner can give each subject its own scenario by
 * putting a drawn `subject:` in front of it.
 */
#ifndef MH_SCENARIO_POPULATION_FILE_H
#define MH_SCENARIO_POPULATION_FILE_H

#include <stdint.h>

#include "myohep/myohep.h"

enum {
    MH_POPULATION_MAX_ENDPOINTS = 32,
    MH_POPULATION_MAX_VARIABLE = 64,
    MH_POPULATION_MAX_CORRELATIONS = 16, /* declared pairs */
    MH_POPULATION_MAX_CORRELATED = 8     /* varied parameters that take part in any pair */
};

/* A correlation between two varied parameters' log-normal draws (of their normal
 * scores), by parameter index (mh_param_at). */
typedef struct mh_param_correlation {
    int a, b;
    double r;
} mh_param_correlation;

/* A covariate drawn from a normal distribution truncated to [min, max]. */
typedef struct mh_covariate {
    double mean, sd, min, max;
} mh_covariate;

typedef struct mh_population_spec {
    char source[256];
    char name[128];
    uint64_t seed;
    long size;                 /* subjects */
    double male_share;         /* 0..1 */
    mh_covariate age_y, bmi, physical_activity_level;
    mh_covariate height_cm[2]; /* male, female */
    /* A mouse protocol (species: mouse) draws C57BL/6 males by weight and age instead
     * (sex, BMI, height and the human genotypes are not drawn). */
    int mouse;
    mh_covariate weight_g, age_weeks;
    /* A person's habitual liver fat (%, MRS/PDFF scale), drawn only when the file gives
     * `liver_fat_pct` (draw_liver_fat): each subject starts at his own value and holds it
     * on the protocol's diet (the scenario's liver_fat_habitual). */
    int draw_liver_fat;
    mh_covariate liver_fat_pct;
    double pnpla3_risk_allele_frequency, tm6sf2_risk_allele_frequency;
    double cv_scale;           /* multiplies each varied parameter's population CV */
    int n_varied;
    int varied[MH_POPULATION_MAX_VARIABLE]; /* parameter indices (mh_param_at) */
    /* declared by the file; the built-in ones (mh_population_correlations) apply
     * to every pair the file does not name */
    int n_correlations;
    mh_param_correlation correlations[MH_POPULATION_MAX_CORRELATIONS];
    int n_endpoints;
    int endpoints[MH_POPULATION_MAX_ENDPOINTS]; /* output indices (mh_var_at) */
    double duration_min;
    char *protocol_flow;       /* the shared scenario as "{...}" flow YAML, no subject */
    mh_resolution resolution;  /* every subject's run (the command line's --resolution) */
    double course_every_min;   /* time courses sampled this often (0: start and end only;
                                  set by experiments, never by a population file) */
} mh_population_spec;

mh_status mh_population_spec_load(const char *path, mh_population_spec **out, mh_error *err);
mh_status mh_population_spec_parse(const char *text, size_t length, const char *name,
                                   mh_population_spec **out, mh_error *err);
/* The same from a mapping node of a document being read (an in-silico MR
 * file's `cohort:`); errors are located in that document. */
struct mh_yaml;
struct fy_node;
mh_status mh_population_spec_read_node(struct mh_yaml *y, struct fy_node *node,
                                       mh_population_spec **out);
void mh_population_spec_free(mh_population_spec *spec);

/* For files that hold a population among other things (experiment files).
 * The defaults of a population file's optional keys; */
void mh_population_spec_defaults(mh_population_spec *spec);
/* its draws, the values of `subjects`, `genotypes` and `variability` (each may be
 * NULL), read over what spec holds, so a later mapping changes only what it names; */
struct mh_yaml;
struct fy_node;
mh_status mh_population_read_draws(struct mh_yaml *y, struct fy_node *subjects,
                                   struct fy_node *genotypes, struct fy_node *variability,
                                   mh_population_spec *spec);
/* The correlated part of the varied parameters' draws: the positions in
 * spec->varied (*n of them, in order) that take part in a correlation, built-in
 * or declared, and the lower Cholesky factor of their correlation matrix (row i,
 * column j <= i). Returns 0 and says why when that matrix is not a correlation
 * matrix (not positive definite) or too many parameters take part. */
int mh_population_correlations(const mh_population_spec *spec,
                               int members[MH_POPULATION_MAX_CORRELATED], int *n,
                               double factor[MH_POPULATION_MAX_CORRELATED]
                                            [MH_POPULATION_MAX_CORRELATED],
                               char *why, size_t why_size);
/* and its `endpoints` list. */
mh_status mh_population_read_endpoints(struct mh_yaml *y, struct fy_node *node,
                                       mh_population_spec *spec);
/* Why subjects drawn by spec cannot live through `protocol` (a protocol read as a
 * scenario without subject), or NULL when they can: a drawn liver fat is held on
 * the habitual diet, which needs daily meals. */
const char *mh_population_protocol_problem(const mh_population_spec *spec,
                                           const mh_scenario *protocol);

#endif
