/*
 * population_file.c - reading a virtual population file (scenario layer).
 *
 *   name: adults-1y
 *   size: 200                      # subjects
 *   seed: 7                        # with the subject id, fixes every draw
 *   subjects:                      # covariates, normal and truncated to [min, max]
 *     male_share: 0.5
 *     age_y: {mean: 50, sd: 12, min: 25, max: 75}
 *     bmi: {mean: 27, sd: 4.5, min: 18, max: 45}
 *     height_cm: {male: {mean: 176, sd: 7}, female: {mean: 163, sd: 6.5}}
 *     physical_activity_level: {mean: 1.6, sd: 0.12, min: 1.3, max: 2.2}
 *     liver_fat_pct: {mean: 17, sd: 7, min: 5.56, max: 40}  # optional: each subject's
 *                                  # habitual liver fat, held on the protocol's diet
 *     weight_g: {mean: 28, sd: 1.5}  # mice only (scenario species: mouse; the
 *     age_weeks: {mean: 16, sd: 1}   # housing's activity level is the mouse default)
 *   genotypes: {pnpla3_risk_allele_frequency: 0.23, tm6sf2_risk_allele_frequency: 0.07}
 *   variability: {parameters: [liver_fat.f_ox, ...], cv_scale: 1,
 *                 correlations: [{between: [muscle.Vmx, liver.kp3], r: 0.5}]}
 *   scenario: {duration: 1 year, diet: {...}, ...}   # everything but `subject`
 *   endpoints: [liver_fat_pct, weight_kg, muscle_mass_kg]
 *
 * Every key but size, scenario and endpoints has a default (below), except that
 * a drawn liver fat has none: without `liver_fat_pct` each subject's liver fat
 * starts as a scenario subject's without it does (and is not held).
 */
#include "scenario/population_file.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "scenario/scenario.h"
#include "scenario/yaml.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Read {mean, sd, min, max} into c, keeping c's defaults for absent keys (a
 * default of NAN: the key must be given). */
static mh_status read_covariate(mh_yaml *y, struct fy_node *node, const char *what, double lower,
                                double upper, const char *unit, mh_covariate *c)
{
    enum { MEAN, SD, MIN, MAX, N };
    static const char *const keys[N] = {"mean", "sd", "min", "max"};
    const double defaults[N] = {c->mean, c->sd, c->min, c->max};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, what, keys, N, v, k);
    for (int i = 0; i < N && st == MH_OK; i++)
        if (!v[i] && isnan(defaults[i]))
            st = mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: expected '%s' (it has no default)",
                              what, keys[i]);
    if (st == MH_OK && v[MEAN])
        st = mh_yaml_number(y, v[MEAN], "mean", lower, upper, unit, &c->mean);
    if (st == MH_OK && v[SD])
        st = mh_yaml_number(y, v[SD], "sd", 0, upper - lower, unit, &c->sd);
    if (st == MH_OK && v[MIN])
        st = mh_yaml_number(y, v[MIN], "min", lower, upper, unit, &c->min);
    if (st == MH_OK && v[MAX])
        st = mh_yaml_number(y, v[MAX], "max", lower, upper, unit, &c->max);
    if (st == MH_OK && !(c->min <= c->mean && c->mean <= c->max))
        st = mh_yaml_fail(y, node, MH_ERR_INVALID,
                          "%s: expected min <= mean <= max, found %g, %g, %g", what, c->min,
                          c->mean, c->max);
    return st;
}

static mh_status read_subjects(mh_yaml *y, struct fy_node *node, mh_population_spec *p)
{
    enum { MALE, AGE, BMI, HEIGHT, PAL, LIVER_FAT, WEIGHT_G, AGE_WEEKS, N };
    static const char *const keys[N] = {
        "male_share",    "age_y",    "bmi",      "height_cm", "physical_activity_level",
        "liver_fat_pct", "weight_g", "age_weeks"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "subjects", keys, N, v, k);
    /* a mouse is drawn by weight and age only; a person never by them */
    for (int i = 0; i < N && st == MH_OK; i++) {
        bool mouse_key = i == WEIGHT_G || i == AGE_WEEKS;
        if (v[i] && mouse_key != (p->mouse != 0))
            st = mh_yaml_fail(y, k[i], MH_ERR_INVALID,
                              p->mouse ? "subjects: '%s' is not drawn for mice (C57BL/6 males "
                                         "are drawn by weight_g and age_weeks)"
                                       : "subjects: '%s' describes a mouse, and these subjects "
                                         "are people (species: human)",
                              keys[i]);
    }
    /* The bounds are the scenario reader's for a mouse subject. */
    if (st == MH_OK && v[WEIGHT_G])
        st = read_covariate(y, v[WEIGHT_G], "weight_g", 15, 70, "g", &p->weight_g);
    if (st == MH_OK && v[AGE_WEEKS])
        st = read_covariate(y, v[AGE_WEEKS], "age_weeks", 6, 130, "weeks", &p->age_weeks);
    if (st == MH_OK && v[MALE])
        st = mh_yaml_number(y, v[MALE], "male_share", 0, 1, "", &p->male_share);
    /* The bounds are the scenario reader's: every drawn subject is a valid one. */
    if (st == MH_OK && v[AGE])
        st = read_covariate(y, v[AGE], "age_y", 18, 110, "years", &p->age_y);
    if (st == MH_OK && v[BMI])
        st = read_covariate(y, v[BMI], "bmi", 14, 60, "kg/m2", &p->bmi);
    if (st == MH_OK && v[PAL])
        st = read_covariate(y, v[PAL], "physical_activity_level", 1.2, 2.5, "",
                            &p->physical_activity_level);
    /* A habitual liver fat has no population default: its mean and SD are the
     * cohort's own (the bounds default to the scenario reader's, 0 to 60 %). */
    if (st == MH_OK && v[LIVER_FAT]) {
        st = read_covariate(y, v[LIVER_FAT], "liver_fat_pct", 0, 60, "%", &p->liver_fat_pct);
        p->draw_liver_fat = st == MH_OK;
    }
    if (st == MH_OK && v[HEIGHT]) {
        static const char *const sexes[2] = {"male", "female"};
        struct fy_node *hv[2], *hk[2];
        st = mh_yaml_map(y, v[HEIGHT], "height_cm", sexes, 2, hv, hk);
        for (int s = 0; s < 2 && st == MH_OK; s++)
            if (hv[s])
                st = read_covariate(y, hv[s], sexes[s], 130, 220, "cm", &p->height_cm[s]);
    }
    return st;
}

static mh_status read_genotypes(mh_yaml *y, struct fy_node *node, mh_population_spec *p)
{
    enum { PNPLA3, TM6SF2, N };
    static const char *const keys[N] = {"pnpla3_risk_allele_frequency",
                                        "tm6sf2_risk_allele_frequency"};
    struct fy_node *v[N], *k[N];
    if (p->mouse)
        return mh_yaml_fail(y, node, MH_ERR_INVALID,
                            "genotypes: these are human allele frequencies; mouse genotypes "
                            "cannot be drawn yet (give a level a diet instead)");
    mh_status st = mh_yaml_map(y, node, "genotypes", keys, N, v, k);
    if (st == MH_OK && v[PNPLA3])
        st = mh_yaml_number(y, v[PNPLA3], keys[PNPLA3], 0, 1, "", &p->pnpla3_risk_allele_frequency);
    if (st == MH_OK && v[TM6SF2])
        st = mh_yaml_number(y, v[TM6SF2], keys[TM6SF2], 0, 1, "", &p->tm6sf2_risk_allele_frequency);
    return st;
}

/* A sequence of names, each looked up by find (-1: unknown, reported at the item). */
static mh_status read_names(mh_yaml *y, struct fy_node *node, const char *what, int (*find)(const char *),
                            const char *listing, int max, int *indices, int *n)
{
    mh_status st = mh_yaml_expect_sequence(y, node, what);
    void *iter = NULL;
    struct fy_node *item;
    *n = 0;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        const char *name;
        if ((st = mh_yaml_string(y, item, what, &name)) != MH_OK)
            break;
        int index = find(name);
        if (index < 0)
            return mh_yaml_fail(y, item, MH_ERR_NOT_FOUND, "%s: unknown name '%s' (%s lists them)",
                                what, name, listing);
        for (int i = 0; i < *n; i++)
            if (indices[i] == index)
                return mh_yaml_fail(y, item, MH_ERR_INVALID, "%s: '%s' is listed twice", what,
                                    name);
        if (*n == max)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "%s: at most %d names", what, max);
        indices[(*n)++] = index;
    }
    if (st == MH_OK && *n == 0)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: expected at least one name", what);
    return st;
}

/* Correlations physiology demands between parameters drawn together: each
 * applies when both are varied and the file does not give that pair itself (r 0
 * turns it off). On the normal scores of the log-normal draws. */
static const struct {
    const char *a, *b;
    double r;
} PHYSIOLOGICAL_CORRELATIONS[] = {
    /* Peripheral and hepatic insulin sensitivity go together: muscle and hepatic
     * insulin resistance correlate with r 0.68 in 182 non-diabetic adults (clamp
     * with tritiated glucose: Abdul-Ghani 2008 Diabet Med 25:1289); taken for the
     * model's muscle (Vmx) and hepatic (kp3) insulin sensitivities. */
    {"muscle.Vmx", "liver.kp3", 0.68},
};

static int varied_position(const mh_population_spec *p, int param)
{
    for (int i = 0; i < p->n_varied; i++)
        if (p->varied[i] == param)
            return i;
    return -1;
}

/* Position of a varied parameter among the members, added if new (-1: too many). */
static int member(int position, int members[MH_POPULATION_MAX_CORRELATED], int *n)
{
    for (int m = 0; m < *n; m++)
        if (members[m] == position)
            return m;
    if (*n == MH_POPULATION_MAX_CORRELATED)
        return -1;
    members[*n] = position;
    return (*n)++;
}

int mh_population_correlations(const mh_population_spec *p,
                               int members[MH_POPULATION_MAX_CORRELATED], int *n,
                               double factor[MH_POPULATION_MAX_CORRELATED]
                                            [MH_POPULATION_MAX_CORRELATED],
                               char *why, size_t why_size)
{
    enum { MAX = MH_POPULATION_MAX_CORRELATED };
    mh_param_correlation pairs[MH_POPULATION_MAX_CORRELATIONS + COUNT(PHYSIOLOGICAL_CORRELATIONS)];
    int n_pairs = 0;
    for (int c = 0; c < p->n_correlations; c++)
        pairs[n_pairs++] = p->correlations[c];
    for (int c = 0; c < COUNT(PHYSIOLOGICAL_CORRELATIONS); c++) {
        mh_param_correlation built_in = {mh_param_find(PHYSIOLOGICAL_CORRELATIONS[c].a),
                                         mh_param_find(PHYSIOLOGICAL_CORRELATIONS[c].b),
                                         PHYSIOLOGICAL_CORRELATIONS[c].r};
        int declared = 0;
        for (int d = 0; d < p->n_correlations; d++)
            declared |= (p->correlations[d].a == built_in.a && p->correlations[d].b == built_in.b) ||
                        (p->correlations[d].a == built_in.b && p->correlations[d].b == built_in.a);
        if (!declared)
            pairs[n_pairs++] = built_in;
    }
    double matrix[MAX][MAX] = {{0}};
    *n = 0;
    for (int c = 0; c < n_pairs; c++) {
        int a = varied_position(p, pairs[c].a), b = varied_position(p, pairs[c].b);
        if (a < 0 || b < 0 || pairs[c].r == 0.0)
            continue; /* not both drawn, or turned off */
        int i = member(a, members, n), j = member(b, members, n);
        if (i < 0 || j < 0) {
            snprintf(why, why_size, "at most %d varied parameters can take part in correlations",
                     MAX);
            return 0;
        }
        matrix[i][j] = matrix[j][i] = pairs[c].r;
    }
    /* Cholesky: matrix = factor factor' */
    for (int i = 0; i < *n; i++) {
        matrix[i][i] = 1.0;
        for (int j = 0; j <= i; j++) {
            double sum = matrix[i][j];
            for (int k = 0; k < j; k++)
                sum -= factor[i][k] * factor[j][k];
            if (i == j) {
                if (!(sum > 1e-12)) {
                    snprintf(why, why_size,
                             "the correlations (with the built-in ones of the parameters varied) "
                             "are not a correlation matrix: not positive definite");
                    return 0;
                }
                factor[i][i] = sqrt(sum);
            } else {
                factor[i][j] = sum / factor[j][j];
            }
        }
    }
    return 1;
}

/* correlations: [{between: [a, b], r: x}, ...], both among the varied parameters */
static mh_status read_correlations(mh_yaml *y, struct fy_node *node, mh_population_spec *p)
{
    enum { BETWEEN, R, N };
    static const char *const keys[N] = {"between", "r"};
    mh_status st = mh_yaml_expect_sequence(y, node, "variability.correlations");
    void *iter = NULL;
    struct fy_node *item;
    p->n_correlations = 0;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        struct fy_node *v[N], *k[N];
        if ((st = mh_yaml_map(y, item, "variability.correlations", keys, N, v, k)) != MH_OK)
            break;
        if (!v[BETWEEN] || !v[R])
            return mh_yaml_fail(y, item, MH_ERR_INVALID,
                                "a correlation needs 'between: [parameter, parameter]' and 'r'");
        if (p->n_correlations == MH_POPULATION_MAX_CORRELATIONS)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "variability.correlations: at most %d",
                                MH_POPULATION_MAX_CORRELATIONS);
        if ((st = mh_yaml_expect_sequence(y, v[BETWEEN], "between")) != MH_OK)
            break;
        if (fy_node_sequence_item_count(v[BETWEEN]) != 2)
            return mh_yaml_fail(y, v[BETWEEN], MH_ERR_INVALID,
                                "between: expected two parameters, found %d",
                                fy_node_sequence_item_count(v[BETWEEN]));
        mh_param_correlation *c = &p->correlations[p->n_correlations];
        int *ends[2] = {&c->a, &c->b};
        for (int e = 0; st == MH_OK && e < 2; e++) {
            struct fy_node *name = fy_node_sequence_get_by_index(v[BETWEEN], e);
            if ((st = mh_yaml_param(y, name, ends[e])) == MH_OK && varied_position(p, *ends[e]) < 0)
                st = mh_yaml_fail(y, name, MH_ERR_INVALID,
                                  "between: '%s' is not among variability.parameters",
                                  fy_node_get_scalar0(name));
        }
        if (st == MH_OK && c->a == c->b)
            st = mh_yaml_fail(y, v[BETWEEN], MH_ERR_INVALID, "between: a parameter with itself");
        for (int d = 0; st == MH_OK && d < p->n_correlations; d++)
            if ((p->correlations[d].a == c->a && p->correlations[d].b == c->b) ||
                (p->correlations[d].a == c->b && p->correlations[d].b == c->a))
                st = mh_yaml_fail(y, v[BETWEEN], MH_ERR_INVALID, "between: this pair is given twice");
        if (st == MH_OK)
            st = mh_yaml_number(y, v[R], "r", -1, 1, "", &c->r);
        if (st == MH_OK)
            p->n_correlations++;
    }
    return st;
}

static mh_status read_variability(mh_yaml *y, struct fy_node *node, mh_population_spec *p)
{
    enum { PARAMETERS, CV_SCALE, CORRELATIONS, N };
    static const char *const keys[N] = {"parameters", "cv_scale", "correlations"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "variability", keys, N, v, k);
    if (st == MH_OK && v[PARAMETERS])
        st = read_names(y, v[PARAMETERS], "variability.parameters", mh_param_find,
                        "'myohep params'", MH_POPULATION_MAX_VARIABLE, p->varied, &p->n_varied);
    if (st == MH_OK && v[CV_SCALE])
        st = mh_yaml_number(y, v[CV_SCALE], "cv_scale", 0, 3, "", &p->cv_scale);
    if (st == MH_OK && v[CORRELATIONS])
        st = read_correlations(y, v[CORRELATIONS], p);
    int members[MH_POPULATION_MAX_CORRELATED], n;
    double factor[MH_POPULATION_MAX_CORRELATED][MH_POPULATION_MAX_CORRELATED];
    char why[160];
    if (st == MH_OK && !mh_population_correlations(p, members, &n, factor, why, sizeof why))
        st = mh_yaml_fail(y, v[CORRELATIONS] ? v[CORRELATIONS] : node, MH_ERR_INVALID,
                          "variability: %s", why);
    return st;
}

/* The shared protocol: a valid scenario without `subject`, kept as flow YAML, and
 * read into *check for the draws to be checked against (caller frees). */
static mh_status read_protocol(mh_yaml *y, struct fy_node *node, mh_population_spec *p,
                               mh_scenario **check)
{
    mh_status st = mh_yaml_expect_mapping(y, node, "scenario");
    if (st != MH_OK)
        return st;
    struct fy_node *subject = mh_yaml_get(node, "subject");
    if (subject)
        return mh_yaml_fail(y, subject, MH_ERR_INVALID,
                            "scenario: a population draws its subjects; describe them under "
                            "'subjects' instead of 'subject'");
    if ((st = mh_scenario_read_node(y, node, check)) != MH_OK)
        return st;
    p->duration_min = mh_scenario_duration_min(*check);
    p->mouse = (*check)->species == MH_SPECIES_MOUSE;
    p->protocol_flow = fy_emit_node_to_string(node, FYECF_MODE_FLOW_ONELINE | FYECF_WIDTH_INF);
    if (!p->protocol_flow || p->protocol_flow[0] != '{')
        return mh_error_raise(y->err, MH_ERR_NOMEM, "%s: could not restate the scenario", y->file);
    return MH_OK;
}

static mh_status read_document(mh_yaml *y, struct fy_node *root, mh_population_spec *p)
{
    enum { NAME, SIZE, SEED, SUBJECTS, GENOTYPES, VARIABILITY, SCENARIO, ENDPOINTS, N };
    static const char *const keys[N] = {"name",        "size",     "seed",     "subjects",
                                        "genotypes",   "variability", "scenario", "endpoints"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, root, "the population", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const int required[] = {SIZE, SCENARIO, ENDPOINTS};
    for (int i = 0; i < COUNT(required); i++)
        if (!v[required[i]])
            return mh_yaml_fail(y, root, MH_ERR_INVALID, "the population needs '%s'",
                                keys[required[i]]);
    const char *text;
    if (v[NAME] && (st = mh_yaml_string(y, v[NAME], "name", &text)) == MH_OK)
        snprintf(p->name, sizeof p->name, "%s", text);
    double size = 0;
    if (st == MH_OK && (st = mh_yaml_number(y, v[SIZE], "size", 1, 1e8, "subjects", &size)) == MH_OK &&
        size != floor(size))
        st = mh_yaml_fail(y, v[SIZE], MH_ERR_INVALID, "size: expected a whole number, found %g", size);
    p->size = (long)size;
    if (st == MH_OK && v[SEED])
        st = mh_yaml_uint(y, v[SEED], "seed", &p->seed);
    /* the protocol first: its species says how subjects are drawn and endpoints named */
    mh_scenario *protocol = NULL;
    if (st == MH_OK)
        st = read_protocol(y, v[SCENARIO], p, &protocol);
    if (st == MH_OK)
        st = mh_population_read_draws(y, v[SUBJECTS], v[GENOTYPES], v[VARIABILITY], p);
    const char *problem = st == MH_OK ? mh_population_protocol_problem(p, protocol) : NULL;
    if (problem)
        st = mh_yaml_fail(y, mh_yaml_get(v[SUBJECTS], "liver_fat_pct"), MH_ERR_INVALID, "%s",
                          problem);
    mh_scenario_free(protocol);
    if (st == MH_OK)
        st = mh_population_read_endpoints(y, v[ENDPOINTS], p);
    return st;
}

const char *mh_population_protocol_problem(const mh_population_spec *p, const mh_scenario *protocol)
{
    /* as the scenario reader's rule for liver_fat_habitual */
    if (p->draw_liver_fat &&
        !(protocol->n_daily_meals > 0 && protocol->diet_energy_kcal_per_day > 0.0))
        return "subjects: a drawn liver_fat_pct is each subject's habitual liver fat, held on "
               "the protocol's diet, and the protocol has no diet with daily meals";
    return NULL;
}

mh_status mh_population_read_draws(mh_yaml *y, struct fy_node *subjects, struct fy_node *genotypes,
                                   struct fy_node *variability, mh_population_spec *p)
{
    mh_status st = MH_OK;
    if (subjects)
        st = read_subjects(y, subjects, p);
    if (st == MH_OK && genotypes)
        st = read_genotypes(y, genotypes, p);
    if (st == MH_OK && variability)
        st = read_variability(y, variability, p);
    return st;
}

mh_status mh_population_read_endpoints(mh_yaml *y, struct fy_node *node, mh_population_spec *p)
{
    mh_status st = read_names(y, node, "endpoints", mh_var_find, "'myohep vars'",
                              MH_POPULATION_MAX_ENDPOINTS, p->endpoints, &p->n_endpoints);
    /* each endpoint in the species' own units, found at its item */
    char why[160];
    for (int i = 0; st == MH_OK && i < p->n_endpoints; i++)
        if (mh_species_output_problem(p->mouse ? MH_SPECIES_MOUSE : MH_SPECIES_HUMAN,
                                      p->endpoints[i], why, sizeof why))
            st = mh_yaml_fail(y, fy_node_sequence_get_by_index(node, i), MH_ERR_INVALID, "%s", why);
    return st;
}

/* Defaults: an adult population of mixed sex (NHANES-like means), no genotype
 * risk alleles, no parameter variability. */
void mh_population_spec_defaults(mh_population_spec *p)
{
    p->seed = 1;
    p->male_share = 0.5;
    p->age_y = (mh_covariate){50, 12, 25, 75};
    p->bmi = (mh_covariate){27, 4.5, 18, 45};
    p->physical_activity_level = (mh_covariate){1.6, 0.12, 1.3, 2.2};
    p->height_cm[0] = (mh_covariate){176, 7, 150, 205};
    p->height_cm[1] = (mh_covariate){163, 6.5, 140, 190};
    /* Mice about the mouse scenario's default subject (28 g at 16 weeks, scenario.c);
     * SD 1.5 g, as within a C57BL/6J male cohort of one age (assumed); truncated
     * only at the scenario reader's bounds, so any mean within them may be given */
    p->weight_g = (mh_covariate){28, 1.5, 15, 70};
    p->age_weeks = (mh_covariate){16, 1, 6, 130};
    /* A habitual liver fat is a cohort's own (biopsied NAFLD and a general population
     * differ several-fold): mean and SD must be given; bounds as the scenario reader's */
    p->liver_fat_pct = (mh_covariate){NAN, NAN, 0, 60};
    p->cv_scale = 1.0;
}

mh_status mh_population_spec_read_node(struct mh_yaml *y, struct fy_node *node,
                                       mh_population_spec **out)
{
    *out = NULL;
    mh_population_spec *p = calloc(1, sizeof *p);
    if (!p)
        return mh_error_raise(y->err, MH_ERR_NOMEM, "out of memory");
    snprintf(p->source, sizeof p->source, "%s", y->file);
    mh_population_spec_defaults(p);
    mh_status st = read_document(y, node, p);
    if (st != MH_OK) {
        mh_population_spec_free(p);
        return st;
    }
    *out = p;
    return MH_OK;
}

mh_status mh_population_spec_parse(const char *text, size_t length, const char *name,
                                   mh_population_spec **out, mh_error *err)
{
    *out = NULL;
    mh_yaml y;
    mh_status st = mh_yaml_open(&y, name, text, length, err);
    if (st == MH_OK) {
        st = mh_population_spec_read_node(&y, mh_yaml_root(&y), out);
        mh_yaml_close(&y);
    }
    return st;
}

mh_status mh_population_spec_load(const char *path, mh_population_spec **out, mh_error *err)
{
    char *text;
    size_t length;
    *out = NULL;
    mh_status st = mh_file_read_all(path, 16u << 20, &text, &length, err);
    if (st != MH_OK)
        return st;
    st = mh_population_spec_parse(text, length, path, out, err);
    free(text);
    return st;
}

void mh_population_spec_free(mh_population_spec *p)
{
    if (!p)
        return;
    free(p->protocol_flow);
    free(p);
}
