/*
 * experiment_file.c - reading an in-silico experiment file (scenario layer).
 *
 *   name: seed-replay-human
 *   seed: 2026                       # with the arm and the subject id, fixes every draw
 *   design: independent              # independent | paired
 *   population: ../populations/nafld-cohort.yaml   # or {subjects:, genotypes:, variability:}
 *   protocol: {diet: {...}}          # what every arm lives through (a scenario, no subject)
 *   factors:
 *     liver: {healthy: {}, fatty: {diet: {...}, population: {genotypes: {...}}}}
 *     muscle: {intact: {}, disuse: {interventions: [{type: disuse}]}}
 *   arms: [{liver: fatty, muscle: disuse}, ...]   # optional: the full factorial otherwise
 *   group_size: 10                   # subjects per arm
 *   duration: 12 weeks
 *   every: 1 week                    # time courses
 *   endpoints: [liver_fat_pct, muscle_mass_kg]
 *   outcome: end                     # end | change (end minus start)
 *
 * An arm's scenario is the protocol with its levels merged in, built as nodes
 * of the experiment's own document (libfyaml copies keep their marks), so
 * the scenario reader's errors about an arm point at the line of the protocol
 * or level that caused them. Full reference: docs/EXPERIMENTS.md.
 */
#include "scenario/experiment_file.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "core/random.h"
#include "scenario/scenario.h"
#include "scenario/yaml.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* What the reader holds while it reads: the level fragments stay nodes of the
 * document until every arm is built. */
typedef struct reading {
    mh_yaml *y;
    mh_experiment_spec *e;
    mh_population_spec base; /* the population every arm starts from */
    struct fy_node *protocol, *duration, *species, *population;
    struct fy_node *level_node[MH_EXPERIMENT_MAX_FACTORS][MH_EXPERIMENT_MAX_LEVELS];
    long default_group_size;
    long group_size[MH_EXPERIMENT_MAX_ARMS];
    struct fy_node *arm_node[MH_EXPERIMENT_MAX_ARMS]; /* for errors (NULL: generated arm) */
} reading;

/* Keys a protocol or a level may not hold, and why. */
static const struct {
    const char *key, *why;
} RESERVED[] = {
    {"subject", "an experiment draws its subjects from its population"},
    {"duration", "every arm runs for the experiment's top-level duration"},
    {"output", "the experiment's endpoints and every say what is read"},
    {"species", "the species is the experiment's, set at its top level"},
};

static mh_status check_fragment(mh_yaml *y, struct fy_node *node, const char *what)
{
    mh_status st = mh_yaml_expect_mapping(y, node, what);
    for (int i = 0; i < COUNT(RESERVED) && st == MH_OK; i++) {
        struct fy_node *value = mh_yaml_get(node, RESERVED[i].key);
        if (value)
            st = mh_yaml_fail(y, value, MH_ERR_INVALID, "%s: no '%s' here: %s", what,
                              RESERVED[i].key, RESERVED[i].why);
    }
    return st;
}

/* Names become CSV columns and command-line words: letters, digits, _ . - */
static mh_status read_name(mh_yaml *y, struct fy_node *node, const char *what, char *out)
{
    const char *text;
    mh_status st = mh_yaml_string(y, node, what, &text);
    if (st != MH_OK)
        return st;
    size_t n = strlen(text);
    bool plain = n > 0 && n < MH_EXPERIMENT_NAME_SIZE;
    for (size_t i = 0; i < n && plain; i++)
        plain = isalnum((unsigned char)text[i]) || strchr("_.-", text[i]);
    if (!plain)
        return mh_yaml_fail(y, node, MH_ERR_INVALID,
                            "%s: expected a name of 1 to %d letters, digits, '_', '.' or '-', "
                            "found '%s'",
                            what, MH_EXPERIMENT_NAME_SIZE - 1, text);
    snprintf(out, MH_EXPERIMENT_NAME_SIZE, "%s", text);
    return MH_OK;
}

/* ---- factors ---------------------------------------------------------------------- */

/* A level: a scenario fragment, with an optional `population:` of draws to change. */
static mh_status check_level(reading *r, struct fy_node *node, const char *what)
{
    mh_status st = check_fragment(r->y, node, what);
    struct fy_node *population = st == MH_OK ? mh_yaml_get(node, "population") : NULL;
    if (population) {
        static const char *const keys[] = {"subjects", "genotypes", "variability"};
        struct fy_node *v[3], *k[3];
        st = mh_yaml_map(r->y, population, "population", keys, 3, v, k);
    }
    return st;
}

static mh_status read_factors(reading *r, struct fy_node *node)
{
    mh_yaml *y = r->y;
    mh_experiment_spec *e = r->e;
    mh_status st = mh_yaml_expect_mapping(y, node, "factors");
    void *iter = NULL;
    struct fy_node_pair *pair;
    while (st == MH_OK && (pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair), *levels = fy_node_pair_value(pair);
        if (e->n_factors == MH_EXPERIMENT_MAX_FACTORS)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "factors: at most %d factors",
                                MH_EXPERIMENT_MAX_FACTORS);
        mh_experiment_factor *f = &e->factors[e->n_factors];
        if ((st = read_name(y, key, "factor", f->name)) != MH_OK)
            return st;
        if (strcmp(f->name, "name") == 0 || strcmp(f->name, "group_size") == 0)
            return mh_yaml_fail(y, key, MH_ERR_INVALID,
                                "factor '%s': the name is taken by a key of 'arms'", f->name);
        char what[160];
        snprintf(what, sizeof what, "factor '%s'", f->name);
        if ((st = mh_yaml_expect_mapping(y, levels, what)) != MH_OK)
            return st;
        void *level_iter = NULL;
        struct fy_node_pair *level;
        while ((level = fy_node_mapping_iterate(levels, &level_iter))) {
            if (f->n_levels == MH_EXPERIMENT_MAX_LEVELS)
                return mh_yaml_fail(y, fy_node_pair_key(level), MH_ERR_INVALID,
                                    "%s: at most %d levels", what, MH_EXPERIMENT_MAX_LEVELS);
            char *name = f->levels[f->n_levels];
            if ((st = read_name(y, fy_node_pair_key(level), "level", name)) != MH_OK)
                return st;
            char level_what[256];
            snprintf(level_what, sizeof level_what, "factor '%s', level '%s'", f->name, name);
            struct fy_node *fragment = fy_node_pair_value(level);
            if ((st = check_level(r, fragment, level_what)) != MH_OK)
                return st;
            r->level_node[e->n_factors][f->n_levels++] = fragment;
        }
        if (f->n_levels < 2)
            return mh_yaml_fail(y, levels, MH_ERR_INVALID,
                                "%s: expected at least two levels (the first is the reference), "
                                "found %d",
                                what, f->n_levels);
        e->n_factors++;
    }
    if (st == MH_OK && e->n_factors == 0)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "factors: expected at least one factor");
    return st;
}

/* ---- arms ------------------------------------------------------------------------- */

int mh_experiment_find_arm(const mh_experiment_spec *e, const int *level)
{
    for (int a = 0; a < e->n_arms; a++)
        if (memcmp(e->arms[a].level, level, sizeof(int) * (size_t)e->n_factors) == 0)
            return a;
    return -1;
}

static mh_status read_group_size(mh_yaml *y, struct fy_node *node, long *out)
{
    double size;
    mh_status st = mh_yaml_number(y, node, "group_size", 2, 1e6, "subjects", &size);
    if (st == MH_OK && size != floor(size))
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "group_size: expected a whole number, found %g",
                          size);
    *out = (long)size;
    return st;
}

static mh_status new_arm(reading *r, struct fy_node *where, const int *level, mh_experiment_arm **out)
{
    mh_experiment_spec *e = r->e;
    if (e->n_arms == MH_EXPERIMENT_MAX_ARMS)
        return mh_yaml_fail(r->y, where, MH_ERR_INVALID, "at most %d arms", MH_EXPERIMENT_MAX_ARMS);
    int same = mh_experiment_find_arm(e, level);
    if (same >= 0)
        return mh_yaml_fail(r->y, where, MH_ERR_INVALID,
                            "arms: this arm has the same levels as arm %d", same + 1);
    mh_experiment_arm *arm = &e->arms[e->n_arms];
    memcpy(arm->level, level, sizeof arm->level);
    r->arm_node[e->n_arms] = where;
    r->group_size[e->n_arms] = r->default_group_size;
    e->n_arms++;
    *out = arm;
    return MH_OK;
}

/* Every combination of levels, the first factor varying slowest. */
static mh_status full_factorial(reading *r, struct fy_node *factors)
{
    mh_experiment_spec *e = r->e;
    long combinations = 1;
    for (int f = 0; f < e->n_factors; f++)
        combinations *= e->factors[f].n_levels;
    if (combinations > MH_EXPERIMENT_MAX_ARMS)
        return mh_yaml_fail(r->y, factors, MH_ERR_INVALID,
                            "factors: the full factorial has %ld arms, at most %d run; list the "
                            "arms wanted under 'arms'",
                            combinations, MH_EXPERIMENT_MAX_ARMS);
    for (long c = 0; c < combinations; c++) {
        int level[MH_EXPERIMENT_MAX_FACTORS] = {0};
        long rest = c;
        for (int f = e->n_factors - 1; f >= 0; f--) {
            level[f] = (int)(rest % e->factors[f].n_levels);
            rest /= e->factors[f].n_levels;
        }
        mh_experiment_arm *arm;
        mh_status st = new_arm(r, NULL, level, &arm);
        if (st != MH_OK)
            return st;
        arm->name[0] = '\0';
    }
    return MH_OK;
}

/* `arms: [{factor: level, ..., name: TEXT, group_size: N}, ...]`; a factor left out
 * is at its reference level. */
static mh_status read_arms(reading *r, struct fy_node *node)
{
    mh_yaml *y = r->y;
    mh_experiment_spec *e = r->e;
    mh_status st = mh_yaml_expect_sequence(y, node, "arms");
    const char *keys[MH_EXPERIMENT_MAX_FACTORS + 2];
    for (int f = 0; f < e->n_factors; f++)
        keys[f] = e->factors[f].name;
    int NAME = e->n_factors, SIZE = e->n_factors + 1;
    keys[NAME] = "name";
    keys[SIZE] = "group_size";
    void *iter = NULL;
    struct fy_node *item;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter))) {
        struct fy_node *v[MH_EXPERIMENT_MAX_FACTORS + 2], *k[MH_EXPERIMENT_MAX_FACTORS + 2];
        if ((st = mh_yaml_map(y, item, "arm", keys, e->n_factors + 2, v, k)) != MH_OK)
            return st;
        int level[MH_EXPERIMENT_MAX_FACTORS] = {0};
        for (int f = 0; f < e->n_factors && st == MH_OK; f++) {
            const char *options[MH_EXPERIMENT_MAX_LEVELS];
            for (int l = 0; l < e->factors[f].n_levels; l++)
                options[l] = e->factors[f].levels[l];
            if (v[f])
                st = mh_yaml_choice(y, v[f], e->factors[f].name, options, e->factors[f].n_levels,
                                    &level[f]);
        }
        mh_experiment_arm *arm = NULL;
        if (st == MH_OK)
            st = new_arm(r, item, level, &arm);
        if (st == MH_OK && v[SIZE])
            st = read_group_size(y, v[SIZE], &r->group_size[e->n_arms - 1]);
        if (st == MH_OK && v[SIZE] && e->design == MH_DESIGN_PAIRED &&
            r->group_size[e->n_arms - 1] != r->default_group_size)
            st = mh_yaml_fail(y, v[SIZE], MH_ERR_INVALID,
                              "group_size: a paired design runs the same %ld subjects in every "
                              "arm",
                              r->default_group_size);
        if (st == MH_OK && v[NAME])
            st = read_name(y, v[NAME], "name", arm->name);
    }
    if (st == MH_OK && e->n_arms < 2)
        st = mh_yaml_fail(y, node, MH_ERR_INVALID, "arms: expected at least two arms");
    return st;
}

/* Whether a level name appears in another factor too (then names say factor=level). */
static bool shared_level_name(const mh_experiment_spec *e, int factor, const char *level)
{
    for (int f = 0; f < e->n_factors; f++)
        for (int l = 0; f != factor && l < e->factors[f].n_levels; l++)
            if (strcmp(e->factors[f].levels[l], level) == 0)
                return true;
    return false;
}

/* An arm without a name is called by its levels other than the reference ones,
 * joined by '+' ("fatty+disuse"), or "reference" when it has none. */
static void name_arm(const mh_experiment_spec *e, mh_experiment_arm *arm)
{
    if (arm->name[0])
        return;
    size_t used = 0;
    for (int f = 0; f < e->n_factors; f++) {
        if (arm->level[f] == 0)
            continue;
        const char *level = e->factors[f].levels[arm->level[f]];
        bool qualify = shared_level_name(e, f, level);
        used += (size_t)snprintf(arm->name + used, sizeof arm->name - used, "%s%s%s%s",
                                 used ? "+" : "", qualify ? e->factors[f].name : "",
                                 qualify ? "=" : "", level);
        if (used >= sizeof arm->name)
            break;
    }
    if (!arm->name[0])
        snprintf(arm->name, sizeof arm->name, "reference");
}

/* ---- an arm's scenario -------------------------------------------------------------- */

/* Nodes made here hang in the document unattached, and the document frees
 * only what is attached: each is freed when done with (fy_node_free accepts NULL). */
static void free_nodes(struct fy_node *a, struct fy_node *b)
{
    fy_node_free(a);
    fy_node_free(b);
}

static mh_status out_of_memory(mh_yaml *y)
{
    return mh_error_raise(y->err, MH_ERR_NOMEM, "%s: out of memory building the arms", y->file);
}

/* Merge mapping `from` into mapping `into` (nodes of one document): a key
 * `into` lacks is added; mappings merge key by key; lists are joined; any
 * other value of `from` replaces the one in `into`, unless `strict`, when two
 * levels setting one value is an error (located at the second). */
static mh_status merge(mh_yaml *y, struct fy_node *into, struct fy_node *from, bool strict,
                       const char *path)
{
    struct fy_document *doc = y->doc;
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(from, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
        const char *name = fy_node_get_scalar0(key);
        if (!name)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "%s: expected a plain key", path);
        struct fy_node_pair *have = fy_node_mapping_lookup_pair_by_string(into, name, FY_NT);
        if (!have) {
            struct fy_node *key_copy = fy_node_copy(doc, key), *value_copy = fy_node_copy(doc, value);
            if (!key_copy || !value_copy || fy_node_mapping_append(into, key_copy, value_copy) != 0) {
                free_nodes(key_copy, value_copy);
                return out_of_memory(y);
            }
            continue;
        }
        struct fy_node *old = fy_node_pair_value(have);
        enum fy_node_type was = fy_node_get_type(old), is = fy_node_get_type(value);
        char inner[256];
        snprintf(inner, sizeof inner, "%s%s%s", path, path[0] ? "." : "", name);
        mh_status st = MH_OK;
        if (was == FYNT_MAPPING && is == FYNT_MAPPING) {
            st = merge(y, old, value, strict, inner);
        } else if (was == FYNT_SEQUENCE && is == FYNT_SEQUENCE) {
            void *item_iter = NULL;
            struct fy_node *item;
            while (st == MH_OK && (item = fy_node_sequence_iterate(value, &item_iter))) {
                struct fy_node *copy = fy_node_copy(doc, item);
                if (!copy || fy_node_sequence_append(old, copy) != 0) {
                    fy_node_free(copy);
                    st = out_of_memory(y);
                }
            }
        } else if (strict) {
            st = mh_yaml_fail(y, value, MH_ERR_INVALID,
                              "'%s' is set by two levels of this arm; one level may set a value "
                              "(lists such as interventions are joined)",
                              inner);
        } else {
            struct fy_node *copy = fy_node_copy(doc, value);
            if (!copy || fy_node_pair_set_value(have, copy) != 0) {
                fy_node_free(copy);
                st = out_of_memory(y);
            }
        }
        if (st != MH_OK)
            return st;
    }
    return MH_OK;
}

/* A mapping of only the scenario keys of a level (its `population:` left out). */
static mh_status scenario_part(mh_yaml *y, struct fy_node *level, struct fy_node **out)
{
    *out = fy_node_create_mapping(y->doc);
    if (!*out)
        return out_of_memory(y);
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(level, &iter))) {
        const char *name = fy_node_get_scalar0(fy_node_pair_key(pair));
        if (name && strcmp(name, "population") == 0)
            continue;
        struct fy_node *key = fy_node_copy(y->doc, fy_node_pair_key(pair));
        struct fy_node *value = fy_node_copy(y->doc, fy_node_pair_value(pair));
        if (!key || !value || fy_node_mapping_append(*out, key, value) != 0) {
            free_nodes(key, value);
            return out_of_memory(y);
        }
    }
    return MH_OK;
}

static mh_status add_key(mh_yaml *y, struct fy_node *map, const char *key, struct fy_node *value)
{
    struct fy_node *k = fy_node_build_from_string(y->doc, key, FY_NT);
    struct fy_node *v = fy_node_copy(y->doc, value);
    if (!k || !v || fy_node_mapping_append(map, k, v) != 0) {
        free_nodes(k, v);
        return out_of_memory(y);
    }
    return MH_OK;
}

/* Independent arms draw from streams of their own, keyed by the arm's levels
 * (not its place in the file, so adding an arm leaves the others' subjects
 * as they were); paired arms share the experiment's seed, hence its subjects. */
static uint64_t arm_seed(const mh_experiment_spec *e, const mh_experiment_arm *arm)
{
    if (e->design == MH_DESIGN_PAIRED)
        return e->seed;
    uint64_t h = 1469598103934665603ull; /* FNV-1a 64 of "factor=level;..." */
    for (int f = 0; f < e->n_factors; f++) {
        char part[2 * MH_EXPERIMENT_NAME_SIZE + 2];
        snprintf(part, sizeof part, "%s=%s;", e->factors[f].name,
                 e->factors[f].levels[arm->level[f]]);
        for (const char *c = part; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ull;
    }
    mh_random stream = mh_random_stream(e->seed, (long)(h >> 1));
    return mh_random_u64(&stream);
}

/* The arm's levels merged into one fragment, and its population's draws changed. */
static mh_status merge_levels(reading *r, const mh_experiment_arm *arm, mh_population_spec *p,
                              struct fy_node *levels)
{
    mh_yaml *y = r->y;
    mh_status st = MH_OK;
    for (int f = 0; f < r->e->n_factors && st == MH_OK; f++) {
        struct fy_node *level = r->level_node[f][arm->level[f]], *part = NULL;
        struct fy_node *draws = mh_yaml_get(level, "population");
        if (draws)
            st = mh_population_read_draws(y, mh_yaml_get(draws, "subjects"),
                                          mh_yaml_get(draws, "genotypes"),
                                          mh_yaml_get(draws, "variability"), p);
        if (st == MH_OK)
            st = scenario_part(y, level, &part);
        if (st == MH_OK)
            st = merge(y, levels, part, true, "");
        fy_node_free(part);
    }
    return st;
}

/* Where the arm's drawn liver fat was asked for, for errors: the level that draws
 * it, else the experiment's population (a file's path, or its inline draws). */
static struct fy_node *liver_fat_source(const reading *r, const mh_experiment_arm *arm)
{
    for (int f = 0; f < r->e->n_factors; f++) {
        struct fy_node *draws = mh_yaml_get(r->level_node[f][arm->level[f]], "population");
        struct fy_node *at = mh_yaml_get(mh_yaml_get(draws, "subjects"), "liver_fat_pct");
        if (at)
            return at;
    }
    struct fy_node *at = r->population && fy_node_get_type(r->population) == FYNT_MAPPING
                             ? mh_yaml_get(mh_yaml_get(r->population, "subjects"), "liver_fat_pct")
                             : NULL;
    return at ? at : r->population ? r->population : mh_yaml_root(r->y);
}

/* Merge the arm's levels into the protocol, check the result as a scenario
 * and keep it, with the arm's population, as the arm's population spec. */
static mh_status build_arm(reading *r, int index)
{
    mh_yaml *y = r->y;
    mh_experiment_spec *e = r->e;
    mh_experiment_arm *arm = &e->arms[index];
    mh_population_spec *p = malloc(sizeof *p);
    if (!p)
        return out_of_memory(y);
    *p = r->base;
    p->protocol_flow = NULL;
    arm->population = p;
    struct fy_node *levels = fy_node_create_mapping(y->doc);
    struct fy_node *scenario = r->protocol ? fy_node_copy(y->doc, r->protocol)
                                           : fy_node_create_mapping(y->doc);
    mh_status st = levels && scenario ? merge_levels(r, arm, p, levels) : out_of_memory(y);
    if (st == MH_OK)
        st = merge(y, scenario, levels, false, "");
    if (st == MH_OK)
        st = add_key(y, scenario, "duration", r->duration);
    if (st == MH_OK && r->species)
        st = add_key(y, scenario, "species", r->species);
    mh_scenario *check = NULL;
    if (st == MH_OK)
        st = mh_scenario_read_node(y, scenario, &check);
    if (st == MH_OK)
        p->mouse = check->species == MH_SPECIES_MOUSE;
    name_arm(e, arm);
    const char *problem = st == MH_OK ? mh_population_protocol_problem(p, check) : NULL;
    if (problem)
        st = mh_yaml_fail(y, liver_fat_source(r, arm), MH_ERR_INVALID, "%s (arm '%s')", problem,
                          arm->name);
    mh_scenario_free(check);
    if (st == MH_OK) {
        p->protocol_flow =
            fy_emit_node_to_string(scenario, FYECF_MODE_FLOW_ONELINE | FYECF_WIDTH_INF);
        if (!p->protocol_flow || p->protocol_flow[0] != '{')
            st = out_of_memory(y);
    }
    free_nodes(levels, scenario);
    if (st != MH_OK)
        return st;
    snprintf(p->name, sizeof p->name, "%.127s", arm->name);
    p->size = r->group_size[index];
    p->seed = arm_seed(e, arm);
    p->duration_min = e->duration_min;
    p->course_every_min = e->every_min;
    p->n_endpoints = e->n_endpoints;
    memcpy(p->endpoints, e->endpoints, sizeof p->endpoints);
    return MH_OK;
}

/* ---- the whole document ------------------------------------------------------------- */

/* `population:` the path of a population file (its draws are used; its size,
 * seed, scenario and endpoints are not) or a mapping of draws. */
static mh_status read_population(reading *r, struct fy_node *node)
{
    mh_yaml *y = r->y;
    if (fy_node_get_type(node) == FYNT_SCALAR) {
        char path[8192];
        mh_population_spec *file = NULL;
        mh_status st = mh_yaml_path_beside(y, node, "population", path, sizeof path);
        if (st == MH_OK)
            st = mh_population_spec_load(path, &file, y->err);
        if (st == MH_OK && file->mouse != r->base.mouse)
            st = mh_yaml_fail(y, node, MH_ERR_INVALID,
                              "population: '%s' draws %s, but the experiment's species is %s",
                              path, file->mouse ? "mice" : "people",
                              r->base.mouse ? "mouse" : "human");
        if (st != MH_OK)
            mh_population_spec_free(file);
        else {
            free(file->protocol_flow);
            file->protocol_flow = NULL;
            r->base = *file;
            free(file);
        }
        return st;
    }
    static const char *const keys[] = {"subjects", "genotypes", "variability"};
    struct fy_node *v[3], *k[3];
    mh_status st = mh_yaml_map(y, node, "population", keys, 3, v, k);
    if (st == MH_OK)
        st = mh_population_read_draws(y, v[0], v[1], v[2], &r->base);
    return st;
}

static mh_status read_every(reading *r, struct fy_node *node)
{
    mh_experiment_spec *e = r->e;
    e->every_min = fmin(e->duration_min >= 2.0 * 1440.0 ? 1440.0 : 60.0, e->duration_min);
    if (!node)
        return MH_OK;
    mh_status st = mh_yaml_duration(r->y, node, "every", &e->every_min);
    if (st == MH_OK && (e->every_min < 1.0 || e->every_min > e->duration_min))
        st = mh_yaml_fail(r->y, node, MH_ERR_INVALID,
                          "every: the time courses' sampling interval must be between 1 min and "
                          "the duration");
    if (st == MH_OK && e->duration_min / e->every_min > 10000.0)
        st = mh_yaml_fail(r->y, node, MH_ERR_INVALID,
                          "every: at most 10000 samples per subject; sample less often");
    return st;
}

static mh_status read_document(reading *r, struct fy_node *root)
{
    enum { NAME, SPECIES, SEED, DESIGN, OUTCOME, POPULATION, PROTOCOL, FACTORS, ARMS, GROUP_SIZE,
           DURATION, EVERY, ENDPOINTS, N };
    static const char *const keys[N] = {"name",     "species",  "seed",       "design",
                                        "outcome",  "population", "protocol", "factors",
                                        "arms",     "group_size", "duration", "every",
                                        "endpoints"};
    mh_yaml *y = r->y;
    mh_experiment_spec *e = r->e;
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, root, "the experiment", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const int required[] = {FACTORS, GROUP_SIZE, DURATION, ENDPOINTS};
    for (int i = 0; i < COUNT(required); i++)
        if (!v[required[i]])
            return mh_yaml_fail(y, root, MH_ERR_INVALID, "the experiment needs '%s'",
                                keys[required[i]]);
    const char *text;
    if (v[NAME] && (st = mh_yaml_string(y, v[NAME], "name", &text)) == MH_OK)
        snprintf(e->name, sizeof e->name, "%s", text);
    int choice = 0;
    static const char *const species[] = {"human", "mouse"};
    if (st == MH_OK && v[SPECIES])
        st = mh_yaml_choice(y, v[SPECIES], "species", species, 2, &choice);
    r->species = v[SPECIES];
    int mouse = choice == 1;
    r->base.mouse = mouse; /* before any draws are read: they are the species' */
    if (st == MH_OK && v[SEED])
        st = mh_yaml_uint(y, v[SEED], "seed", &e->seed);
    static const char *const designs[] = {"independent", "paired"};
    if (st == MH_OK && v[DESIGN] && (st = mh_yaml_choice(y, v[DESIGN], "design", designs, 2, &choice)) == MH_OK)
        e->design = choice ? MH_DESIGN_PAIRED : MH_DESIGN_INDEPENDENT;
    static const char *const outcomes[] = {"end", "change"};
    if (st == MH_OK && v[OUTCOME] && (st = mh_yaml_choice(y, v[OUTCOME], "outcome", outcomes, 2, &choice)) == MH_OK)
        e->outcome = choice ? MH_OUTCOME_CHANGE : MH_OUTCOME_END;
    r->population = v[POPULATION];
    if (st == MH_OK && v[POPULATION])
        st = read_population(r, v[POPULATION]);
    if (st == MH_OK && (st = mh_yaml_duration(y, v[DURATION], "duration", &e->duration_min)) == MH_OK &&
        (e->duration_min < 1.0 || e->duration_min > 100.0 * 365.25 * 1440.0))
        st = mh_yaml_fail(y, v[DURATION], MH_ERR_INVALID,
                          "duration '%s' is out of range: allowed 1 min to 100 years",
                          fy_node_get_scalar0(v[DURATION]));
    r->duration = v[DURATION];
    if (st == MH_OK)
        st = read_every(r, v[EVERY]);
    if (st == MH_OK)
        st = read_group_size(y, v[GROUP_SIZE], &r->default_group_size);
    if (st == MH_OK) {
        mh_population_spec endpoints = {.mouse = mouse};
        if ((st = mh_population_read_endpoints(y, v[ENDPOINTS], &endpoints)) == MH_OK) {
            e->n_endpoints = endpoints.n_endpoints;
            memcpy(e->endpoints, endpoints.endpoints, sizeof e->endpoints);
        }
    }
    r->protocol = v[PROTOCOL];
    if (st == MH_OK && r->protocol)
        st = check_fragment(y, r->protocol, "protocol");
    if (st == MH_OK)
        st = read_factors(r, v[FACTORS]);
    if (st == MH_OK)
        st = v[ARMS] ? read_arms(r, v[ARMS]) : full_factorial(r, v[FACTORS]);
    for (int a = 0; a < e->n_arms && st == MH_OK; a++)
        st = build_arm(r, a);
    /* rows of the table, the CSV and the figures are told apart by name */
    for (int a = 1; a < e->n_arms && st == MH_OK; a++)
        for (int b = 0; b < a && st == MH_OK; b++)
            if (strcmp(e->arms[a].name, e->arms[b].name) == 0)
                st = mh_yaml_fail(y, r->arm_node[a] ? r->arm_node[a] : r->arm_node[b] ? r->arm_node[b] : v[FACTORS],
                                  MH_ERR_INVALID, "arms: two arms are called '%s'",
                                  e->arms[a].name);
    if (st == MH_OK) {
        int all_reference[MH_EXPERIMENT_MAX_FACTORS] = {0};
        int reference = mh_experiment_find_arm(e, all_reference);
        e->reference = reference >= 0 ? reference : 0;
    }
    return st;
}

mh_status mh_experiment_spec_parse(const char *text, size_t length, const char *name,
                                   mh_experiment_spec **out, mh_error *err)
{
    *out = NULL;
    mh_experiment_spec *e = calloc(1, sizeof *e);
    reading *r = calloc(1, sizeof *r);
    if (e)
        e->arms = calloc(MH_EXPERIMENT_MAX_ARMS, sizeof *e->arms);
    if (!e || !r || !e->arms) {
        free(r);
        mh_experiment_spec_free(e);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    }
    snprintf(e->source, sizeof e->source, "%s", name);
    snprintf(e->name, sizeof e->name, "experiment");
    e->seed = 1;
    mh_population_spec_defaults(&r->base);
    mh_yaml y;
    mh_status st = mh_yaml_open(&y, name, text, length, err);
    if (st == MH_OK) {
        r->y = &y;
        r->e = e;
        st = read_document(r, mh_yaml_root(&y));
        mh_yaml_close(&y);
    }
    free(r);
    if (st != MH_OK) {
        mh_experiment_spec_free(e);
        return st;
    }
    *out = e;
    return MH_OK;
}

mh_status mh_experiment_spec_load(const char *path, mh_experiment_spec **out, mh_error *err)
{
    char *text;
    size_t length;
    *out = NULL;
    mh_status st = mh_file_read_all(path, 16u << 20, &text, &length, err);
    if (st != MH_OK)
        return st;
    st = mh_experiment_spec_parse(text, length, path, out, err);
    free(text);
    return st;
}

void mh_experiment_set_resolution(mh_experiment_spec *e, mh_resolution resolution)
{
    for (int a = 0; a < e->n_arms; a++)
        e->arms[a].population->resolution = resolution;
}

void mh_experiment_spec_free(mh_experiment_spec *e)
{
    if (!e)
        return;
    for (int a = 0; e->arms && a < e->n_arms; a++)
        mh_population_spec_free(e->arms[a].population);
    free(e->arms);
    free(e);
}
