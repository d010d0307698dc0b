/*
 * insilico_mr_file.c - reading an in-silico Mendelian randomization file
 * (scenario layer); the format is in insilico_mr_file.h and README.md.
 */
#include "scenario/insilico_mr_file.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/file.h"
#include "scenario/yaml.h"

static const char *const covariate_names[] = {
#define MH_INSILICO_COVARIATE_NAME(id, name) name,
    MH_INSILICO_COVARIATES(MH_INSILICO_COVARIATE_NAME)
#undef MH_INSILICO_COVARIATE_NAME
};

const char *mh_insilico_covariate_name(mh_insilico_covariate c)
{
    return c >= 0 && c < MH_INSILICO_COVARIATE_COUNT ? covariate_names[c] : "?";
}

/* A short name (an SNP id, an allele, an intervention) copied into out. */
static mh_status read_name(mh_yaml *y, struct fy_node *node, const char *key, char *out, size_t size)
{
    const char *text;
    mh_status st = mh_yaml_string(y, node, key, &text);
    if (st == MH_OK && (strlen(text) >= size || strpbrk(text, ",\t\"\n") != NULL))
        st = mh_yaml_fail(y, node, MH_ERR_INVALID,
                          "%s: expected a name of at most %zu characters without commas, tabs or "
                          "quotes, found '%s'",
                          key, size - 1, text);
    if (st == MH_OK)
        snprintf(out, size, "%s", text);
    return st;
}

/* {parameter: fraction, ...}: each parameter multiplied by (1 + fraction). */
static mh_status read_shifts(mh_yaml *y, struct fy_node *node, const char *what,
                             mh_parameter_shift *shifts, int *n)
{
    mh_status st = mh_yaml_expect_mapping(y, node, what);
    void *iter = NULL;
    struct fy_node_pair *pair;
    *n = 0;
    while (st == MH_OK && (pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair);
        int index;
        if ((st = mh_yaml_param(y, key, &index)) != MH_OK)
            return st;
        if (*n == MH_INSILICO_MAX_EFFECTS)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "%s: at most %d parameters", what,
                                MH_INSILICO_MAX_EFFECTS);
        for (int i = 0; i < *n; i++)
            if (shifts[i].param == index)
                return mh_yaml_fail(y, key, MH_ERR_INVALID, "%s: %s given twice", what,
                                    mh_param_at(index)->name);
        double fraction;
        if ((st = mh_yaml_number(y, fy_node_pair_value(pair), mh_param_at(index)->name, -0.9, 9,
                                 "(fractional change)", &fraction)) != MH_OK)
            return st;
        /* a homozygote (or one intervention on top of the default) must stay within bounds */
        const mh_param_info *info = mh_param_at(index);
        double extreme = info->default_value * (1.0 + fraction) * (1.0 + fraction);
        if (extreme < info->lower || extreme > info->upper)
            return mh_yaml_fail(y, fy_node_pair_value(pair), MH_ERR_INVALID,
                                "%s: a fractional change of %g twice takes %s from its default %g "
                                "to %g, outside its bounds %g to %g",
                                what, fraction, info->name, info->default_value, extreme,
                                info->lower, info->upper);
        shifts[(*n)++] = (mh_parameter_shift){index, fraction};
    }
    if (st == MH_OK && *n == 0)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: expected at least one parameter", what);
    return st;
}

static bool palindromic(const char *a, const char *b)
{
    static const char *const pairs[][2] = {{"A", "T"}, {"T", "A"}, {"C", "G"}, {"G", "C"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strcasecmp(a, pairs[i][0]) == 0 && strcasecmp(b, pairs[i][1]) == 0)
            return true;
    return false;
}

static mh_status read_instrument(mh_yaml *y, struct fy_node *node, mh_instrument *ins)
{
    enum { SNP, ALLELES, FREQUENCY, EFFECTS, N };
    static const char *const keys[N] = {"snp", "alleles", "frequency", "effects"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "an instrument", keys, N, v, k);
    for (int i = 0; i < N && st == MH_OK; i++)
        if (!v[i] && i != ALLELES)
            return mh_yaml_fail(y, node, MH_ERR_INVALID, "an instrument needs '%s'", keys[i]);
    if (st == MH_OK)
        st = read_name(y, v[SNP], "snp", ins->snp, sizeof ins->snp);
    snprintf(ins->effect_allele, sizeof ins->effect_allele, "A");
    snprintf(ins->other_allele, sizeof ins->other_allele, "G");
    if (st == MH_OK && v[ALLELES]) {
        struct fy_node *a = v[ALLELES];
        if ((st = mh_yaml_expect_sequence(y, a, "alleles")) != MH_OK)
            return st;
        if (fy_node_sequence_item_count(a) != 2)
            return mh_yaml_fail(y, a, MH_ERR_INVALID,
                                "alleles: expected [effect, other], two alleles, found %d",
                                fy_node_sequence_item_count(a));
        st = read_name(y, fy_node_sequence_get_by_index(a, 0), "alleles", ins->effect_allele,
                       sizeof ins->effect_allele);
        if (st == MH_OK)
            st = read_name(y, fy_node_sequence_get_by_index(a, 1), "alleles", ins->other_allele,
                           sizeof ins->other_allele);
        if (st == MH_OK && strcmp(ins->effect_allele, ins->other_allele) == 0)
            return mh_yaml_fail(y, a, MH_ERR_INVALID, "alleles: the two alleles must differ");
        /* `myohep mr` drops palindromic variants with frequencies near 0.5, and
         * the summary statistics written here must read back whole */
        if (st == MH_OK && palindromic(ins->effect_allele, ins->other_allele))
            return mh_yaml_fail(y, a, MH_ERR_INVALID,
                                "alleles: %s/%s is palindromic (its strand cannot be told); "
                                "choose a pair such as A/G or C/T",
                                ins->effect_allele, ins->other_allele);
    }
    /* both alleles present in a half of a few hundred people */
    if (st == MH_OK)
        st = mh_yaml_number(y, v[FREQUENCY], "frequency", 0.01, 0.99, "", &ins->frequency);
    if (st == MH_OK)
        st = read_shifts(y, v[EFFECTS], "effects", ins->effects, &ins->n_effects);
    return st;
}

static mh_status read_instruments(mh_yaml *y, struct fy_node *node, mh_insilico_mr_spec *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "instruments");
    void *iter = NULL;
    struct fy_node *item;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        if (s->n_instruments == MH_INSILICO_MAX_INSTRUMENTS)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "instruments: at most %d",
                                MH_INSILICO_MAX_INSTRUMENTS);
        mh_instrument *ins = &s->instruments[s->n_instruments];
        if ((st = read_instrument(y, item, ins)) != MH_OK)
            return st;
        for (int i = 0; i < s->n_instruments; i++)
            if (strcmp(s->instruments[i].snp, ins->snp) == 0)
                return mh_yaml_fail(y, mh_yaml_get(item, "snp"), MH_ERR_INVALID,
                                    "instruments: snp '%s' given twice", ins->snp);
        s->n_instruments++;
    }
    if (st == MH_OK && s->n_instruments == 0)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "instruments: expected at least one");
    return st;
}

static mh_status read_adjust(mh_yaml *y, struct fy_node *node, mh_insilico_mr_spec *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "adjust_for");
    void *iter = NULL;
    struct fy_node *item;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        int c;
        if ((st = mh_yaml_choice(y, item, "adjust_for", covariate_names,
                                 MH_INSILICO_COVARIATE_COUNT, &c)) != MH_OK)
            return st;
        for (int i = 0; i < s->n_adjust; i++)
            if (s->adjust[i] == (mh_insilico_covariate)c)
                return mh_yaml_fail(y, item, MH_ERR_INVALID, "adjust_for: '%s' given twice",
                                    covariate_names[c]);
        s->adjust[s->n_adjust++] = (mh_insilico_covariate)c;
    }
    return st;
}

static mh_status read_truth(mh_yaml *y, struct fy_node *node, mh_insilico_mr_spec *s)
{
    enum { SUBJECTS, INTERVENTIONS, N };
    static const char *const keys[N] = {"subjects", "interventions"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "truth", keys, N, v, k);
    if (st == MH_OK && (!v[SUBJECTS] || !v[INTERVENTIONS]))
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "truth needs '%s'",
                            v[SUBJECTS] ? "interventions" : "subjects");
    double subjects = 0;
    if (st == MH_OK &&
        (st = mh_yaml_number(y, v[SUBJECTS], "subjects", 2, (double)s->cohort->size, "subjects",
                             &subjects)) == MH_OK &&
        subjects != floor(subjects))
        return mh_yaml_fail(y, v[SUBJECTS], MH_ERR_INVALID,
                            "subjects: expected a whole number, found %g", subjects);
    s->truth_subjects = (long)subjects;
    if (st == MH_OK)
        st = mh_yaml_expect_mapping(y, v[INTERVENTIONS], "interventions");
    void *iter = NULL;
    struct fy_node_pair *pair;
    while (st == MH_OK && (pair = fy_node_mapping_iterate(v[INTERVENTIONS], &iter))) {
        if (s->n_interventions == MH_INSILICO_MAX_INTERVENTIONS)
            return mh_yaml_fail(y, fy_node_pair_key(pair), MH_ERR_INVALID,
                                "interventions: at most %d", MH_INSILICO_MAX_INTERVENTIONS);
        mh_truth_intervention *t = &s->interventions[s->n_interventions];
        if ((st = read_name(y, fy_node_pair_key(pair), "interventions", t->name,
                            sizeof t->name)) != MH_OK ||
            (st = read_shifts(y, fy_node_pair_value(pair), t->name, t->effects, &t->n_effects)) !=
                MH_OK)
            return st;
        s->n_interventions++;
    }
    if (st == MH_OK && s->n_interventions == 0)
        st = mh_yaml_fail(y, v[INTERVENTIONS], MH_ERR_INVALID,
                          "interventions: expected at least one");
    return st;
}

/* One of the cohort's endpoints, by name. */
static mh_status read_endpoint(mh_yaml *y, struct fy_node *node, const char *key,
                               const mh_population_spec *cohort, int *out)
{
    const char *names[MH_POPULATION_MAX_ENDPOINTS];
    for (int e = 0; e < cohort->n_endpoints; e++)
        names[e] = mh_var_at(cohort->endpoints[e])->name;
    return mh_yaml_choice(y, node, key, names, cohort->n_endpoints, out);
}

static mh_status read_analysis(mh_yaml *y, struct fy_node *node, mh_insilico_mr_spec *s,
                               mh_insilico_analysis *a)
{
    enum { NAME, EXPOSURE, OUTCOME, INSTRUMENTS, SELECT_P, TRUTH, SAMPLES, N };
    static const char *const keys[N] = {"name",     "exposure", "outcome", "instruments",
                                        "select_p", "truth",    "samples"};
    static const char *const samples[] = {"two", "one"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "an analysis", keys, N, v, k);
    if (st == MH_OK && (!v[EXPOSURE] || !v[OUTCOME]))
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "an analysis needs '%s'",
                            v[EXPOSURE] ? "outcome" : "exposure");
    if (st == MH_OK)
        st = read_endpoint(y, v[EXPOSURE], "exposure", s->cohort, &a->exposure);
    if (st == MH_OK)
        st = read_endpoint(y, v[OUTCOME], "outcome", s->cohort, &a->outcome);
    if (st == MH_OK && a->exposure == a->outcome)
        return mh_yaml_fail(y, v[OUTCOME], MH_ERR_INVALID,
                            "outcome: the exposure and the outcome must differ");
    int one = 0;
    if (st == MH_OK && v[SAMPLES])
        st = mh_yaml_choice(y, v[SAMPLES], "samples", samples, 2, &one);
    a->one_sample = one == 1;
    a->select_p = 5e-8; /* genome-wide significance */
    if (st == MH_OK && v[SELECT_P])
        st = mh_yaml_number(y, v[SELECT_P], "select_p", 1e-300, 1, "", &a->select_p);
    if (st == MH_OK && v[INSTRUMENTS]) {
        const char *snps[MH_INSILICO_MAX_INSTRUMENTS];
        for (int i = 0; i < s->n_instruments; i++)
            snps[i] = s->instruments[i].snp;
        if ((st = mh_yaml_expect_sequence(y, v[INSTRUMENTS], "instruments")) != MH_OK)
            return st;
        if (v[SELECT_P])
            return mh_yaml_fail(y, v[SELECT_P], MH_ERR_INVALID,
                                "select_p: instruments are either listed or selected by p, not both");
        void *iter = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(v[INSTRUMENTS], &iter))) {
            int j;
            if ((st = mh_yaml_choice(y, item, "instruments", snps, s->n_instruments, &j)) != MH_OK)
                return st;
            for (int i = 0; i < a->n_instruments; i++)
                if (a->instruments[i] == j)
                    return mh_yaml_fail(y, item, MH_ERR_INVALID, "instruments: '%s' given twice",
                                        snps[j]);
            a->instruments[a->n_instruments++] = j;
        }
        if (a->n_instruments == 0)
            return mh_yaml_fail(y, v[INSTRUMENTS], MH_ERR_INVALID,
                                "instruments: expected at least one (or leave the key out to "
                                "select by select_p)");
    }
    a->truth = -1;
    if (st == MH_OK && v[TRUTH]) {
        const char *names[MH_INSILICO_MAX_INTERVENTIONS];
        for (int i = 0; i < s->n_interventions; i++)
            names[i] = s->interventions[i].name;
        if (s->n_interventions == 0)
            return mh_yaml_fail(y, v[TRUTH], MH_ERR_INVALID,
                                "truth: the file has no 'truth: {interventions: ...}' to name");
        st = mh_yaml_choice(y, v[TRUTH], "truth", names, s->n_interventions, &a->truth);
    }
    const char *text;
    if (st == MH_OK && v[NAME] && (st = mh_yaml_string(y, v[NAME], "name", &text)) == MH_OK)
        snprintf(a->name, sizeof a->name, "%s", text);
    else if (st == MH_OK)
        snprintf(a->name, sizeof a->name, "%s -> %s", mh_var_at(s->cohort->endpoints[a->exposure])->name,
                 mh_var_at(s->cohort->endpoints[a->outcome])->name);
    return st;
}

static mh_status read_analyses(mh_yaml *y, struct fy_node *node, mh_insilico_mr_spec *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "analyses");
    void *iter = NULL;
    struct fy_node *item;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        if (s->n_analyses == MH_INSILICO_MAX_ANALYSES)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "analyses: at most %d",
                                MH_INSILICO_MAX_ANALYSES);
        st = read_analysis(y, item, s, &s->analyses[s->n_analyses]);
        s->n_analyses += st == MH_OK;
    }
    if (st == MH_OK && s->n_analyses == 0)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "analyses: expected at least one");
    return st;
}

static mh_status read_document(mh_yaml *y, struct fy_node *root, mh_insilico_mr_spec *s)
{
    enum { NAME, COHORT, ADJUST, INSTRUMENTS, TRUTH, ANALYSES, N };
    static const char *const keys[N] = {"name",  "cohort", "adjust_for", "instruments",
                                        "truth", "analyses"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, root, "the in-silico MR file", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const int required[] = {COHORT, INSTRUMENTS, ANALYSES};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!v[required[i]])
            return mh_yaml_fail(y, root, MH_ERR_INVALID, "the in-silico MR file needs '%s'",
                                keys[required[i]]);
    const char *text;
    if (v[NAME] && (st = mh_yaml_string(y, v[NAME], "name", &text)) == MH_OK)
        snprintf(s->name, sizeof s->name, "%s", text);
    if (st == MH_OK)
        st = mh_population_spec_read_node(y, v[COHORT], &s->cohort);
    if (st == MH_OK && s->cohort->n_endpoints > MH_INSILICO_MAX_TRAITS)
        return mh_yaml_fail(y, mh_yaml_get(v[COHORT], "endpoints"), MH_ERR_INVALID,
                            "endpoints: an in-silico MR cohort studies at most %d",
                            MH_INSILICO_MAX_TRAITS);
    /* the hold fits each subject's liver oxidation trait to his drawn liver fat, after
     * his alleles have acted: an instrument could never move it */
    if (st == MH_OK && s->cohort->draw_liver_fat)
        return mh_yaml_fail(y, mh_yaml_get(mh_yaml_get(v[COHORT], "subjects"), "liver_fat_pct"),
                            MH_ERR_INVALID,
                            "subjects: a drawn liver_fat_pct is held whatever a subject's "
                            "alleles do, so no instrument could move liver fat; an MR cohort "
                            "lets liver fat follow the genotype (leave it out)");
    if (st == MH_OK && s->cohort->size < 20)
        return mh_yaml_fail(y, mh_yaml_get(v[COHORT], "size"), MH_ERR_INVALID,
                            "size: two halves of an MR cohort need at least 20 subjects, found %ld",
                            s->cohort->size);
    if (st == MH_OK && v[ADJUST])
        st = read_adjust(y, v[ADJUST], s);
    if (st == MH_OK)
        st = read_instruments(y, v[INSTRUMENTS], s);
    if (st == MH_OK && v[TRUTH])
        st = read_truth(y, v[TRUTH], s);
    if (st == MH_OK)
        st = read_analyses(y, v[ANALYSES], s);
    return st;
}

mh_status mh_insilico_mr_spec_parse(const char *text, size_t length, const char *name,
                                    mh_insilico_mr_spec **out, mh_error *err)
{
    *out = NULL;
    mh_insilico_mr_spec *s = calloc(1, sizeof *s);
    if (!s)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    snprintf(s->source, sizeof s->source, "%s", name);
    mh_yaml y;
    mh_status st = mh_yaml_open(&y, name, text, length, err);
    if (st == MH_OK) {
        st = read_document(&y, mh_yaml_root(&y), s);
        mh_yaml_close(&y);
    }
    if (st != MH_OK) {
        mh_insilico_mr_spec_free(s);
        return st;
    }
    *out = s;
    return MH_OK;
}

mh_status mh_insilico_mr_spec_load(const char *path, mh_insilico_mr_spec **out, mh_error *err)
{
    char *text;
    size_t length;
    *out = NULL;
    mh_status st = mh_file_read_all(path, 16u << 20, &text, &length, err);
    if (st != MH_OK)
        return st;
    st = mh_insilico_mr_spec_parse(text, length, path, out, err);
    free(text);
    return st;
}

void mh_insilico_mr_spec_free(mh_insilico_mr_spec *s)
{
    if (!s)
        return;
    mh_population_spec_free(s->cohort);
    free(s);
}
