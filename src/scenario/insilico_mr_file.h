/*
 * insilico_mr_file.h - an in-silico Mendelian randomization file: a virtual
 * cohort, synthetic genetic instruments that shift named model parameters, the
 * covariates of the GWAS, the interventions that measure the true effect, and
 * the analyses (exposure, outcome, instruments) to run (scenario layer).
 *
 *   name: liver-muscle-mr
 *   cohort: {...}             # a population file's mapping (population_file.h)
 *   adjust_for: [age_y, sex, bmi]
 *   instruments:
 *     - {snp: rs_lipolysis, alleles: [G, C], frequency: 0.3,
 *        effects: {liver_fat.k_lip: -0.15}}   # x (1 - 0.15) per effect allele
 *   truth: {subjects: 200, interventions: {hepatic: {liver_fat.k_lip: -0.2}}}
 *   analyses:
 *     - {name: liver fat on muscle, exposure: liver_fat_pct, outcome: muscle_mass_kg,
 *        instruments: [rs_lipolysis, ...], truth: hepatic}
 *
 * Read with the located errors of every other input: unknown keys and names,
 * values out of range, an instrument's effect that would take a parameter out
 * of its bounds in a homozygote of default value, analyses naming endpoints
 * the cohort does not record.
 */
#ifndef MH_SCENARIO_INSILICO_MR_FILE_H
#define MH_SCENARIO_INSILICO_MR_FILE_H

#include <stdbool.h>

#include "scenario/population_file.h"

enum {
    MH_INSILICO_MAX_INSTRUMENTS = 64,
    MH_INSILICO_MAX_EFFECTS = 4,      /* parameters one instrument or intervention shifts */
    MH_INSILICO_MAX_INTERVENTIONS = 8,
    MH_INSILICO_MAX_ANALYSES = 16,
    MH_INSILICO_MAX_TRAITS = 8,       /* cohort endpoints the GWAS studies */
    MH_INSILICO_NAME = 48
};

/* The covariates a GWAS may adjust for: the subject's draws, and the trait's
 * own value at the start of the run (set from the covariates alone, before the
 * genotype has acted: a pre-randomisation baseline, as in a trial's ANCOVA). */
#define MH_INSILICO_COVARIATES(X)                                                                  \
    X(AGE, "age_y")                                                                                \
    X(SEX, "sex")                                                                                  \
    X(BMI, "bmi")                                                                                  \
    X(HEIGHT, "height_cm")                                                                         \
    X(PAL, "physical_activity_level")                                                              \
    X(BASELINE, "baseline")

typedef enum mh_insilico_covariate {
#define MH_INSILICO_COVARIATE_ENUM(id, name) MH_INSILICO_COVARIATE_##id,
    MH_INSILICO_COVARIATES(MH_INSILICO_COVARIATE_ENUM)
#undef MH_INSILICO_COVARIATE_ENUM
        MH_INSILICO_COVARIATE_COUNT
} mh_insilico_covariate;

const char *mh_insilico_covariate_name(mh_insilico_covariate c);

/* A parameter multiplied by (1 + fraction): per effect allele for an instrument,
 * once for an intervention. */
typedef struct mh_parameter_shift {
    int param; /* mh_param_at index */
    double fraction;
} mh_parameter_shift;

typedef struct mh_instrument {
    char snp[MH_INSILICO_NAME];
    char effect_allele[16], other_allele[16];
    double frequency; /* of the effect allele; Hardy-Weinberg */
    int n_effects;
    mh_parameter_shift effects[MH_INSILICO_MAX_EFFECTS];
} mh_instrument;

/* A direct intervention on every subject of the truth subset. */
typedef struct mh_truth_intervention {
    char name[MH_INSILICO_NAME];
    int n_effects;
    mh_parameter_shift effects[MH_INSILICO_MAX_EFFECTS];
} mh_truth_intervention;

typedef struct mh_insilico_analysis {
    char name[96];
    int exposure, outcome; /* indices into the cohort's endpoints */
    int n_instruments;     /* 0: select every instrument with exposure p below select_p */
    int instruments[MH_INSILICO_MAX_INSTRUMENTS];
    double select_p;
    int truth;             /* index into interventions, -1 for none */
    bool one_sample;       /* outcome associations from sample A too (default: sample B) */
} mh_insilico_analysis;

typedef struct mh_insilico_mr_spec {
    char source[256];
    char name[128];
    mh_population_spec *cohort;
    int n_adjust;
    mh_insilico_covariate adjust[MH_INSILICO_COVARIATE_COUNT];
    int n_instruments;
    mh_instrument instruments[MH_INSILICO_MAX_INSTRUMENTS];
    long truth_subjects; /* the size of the subset measured by intervention */
    int n_interventions;
    mh_truth_intervention interventions[MH_INSILICO_MAX_INTERVENTIONS];
    int n_analyses;
    mh_insilico_analysis analyses[MH_INSILICO_MAX_ANALYSES];
} mh_insilico_mr_spec;

mh_status mh_insilico_mr_spec_load(const char *path, mh_insilico_mr_spec **out, mh_error *err);
mh_status mh_insilico_mr_spec_parse(const char *text, size_t length, const char *name,
                                    mh_insilico_mr_spec **out, mh_error *err);
void mh_insilico_mr_spec_free(mh_insilico_mr_spec *spec);

#endif
