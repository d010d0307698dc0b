/*
 * target.c - reading validation target files (scenario layer).
 *
 *   id: GI-1
 *   title: ...
 *   source: ...
 *   notes: ...                  (optional: protocol choices, known deviations)
 *   known_miss: ...             (optional: why the model misses this target)
 *   scenario: {...}             (an inline scenario, SCENARIO.md format, or the
 *                                path of a scenario file relative to this file)
 *   versus: {scenario: ..., parameters: {...}}        (optional arm "versus")
 *   arms: {NAME: {scenario: ..., parameters: {...}}}  (optional further arms)
 *   origin: day 0 08:00         (optional: check times count from here)
 *   checks:
 *     - what: fasting glucose
 *       variable: glucose_mmol_l
 *       stat: value             (see target.h)
 *       at: 0 min               (point stats) | window: ["30 min", "60 min"]
 *       expected: 5.1           (optional: the published value)
 *       range: [4.7, 5.5]       | below: 7.8 | above: 0
 *       compare: difference     (optional, with arms: [A, B]; see target.h)
 *       divided_by: VARIABLE    (optional)
 *
 * A population target instead (see target.h):
 *   population: ../populations/FILE.yaml   (relative to this file)
 *   resolution: day             (optional: day (default) or minute)
 *   checks:
 *     - {what: ..., variable: liver_fat_pct, stat: percentile, percentile: 95,
 *        among: {bmi_start: [18.5, 25]}, expected: 5.56, range: [4.5, 6.5]}
 */
#include "scenario/target.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "model/catalog.h"
#include "scenario/scenario.h"
#include "scenario/yaml.h"

static const char *const stat_names[MH_STAT_COUNT] = {
    "value", "max", "min", "time_of_max", "time_of_min", "percent_below_start", "ratio_to_start", "rise_above_start", "peak_ratio_to_start", "time_below", "mean",
    "change", "change_per_year", "time_constant", "percentile", "share_above"};

const char *mh_check_stat_name(mh_check_stat stat) { return stat_names[stat]; }

void mh_check_unit(const mh_check *check, const char *variable_unit, char *buf, size_t size)
{
    const char *unit = variable_unit;
    switch (check->stat) {
    case MH_STAT_TIME_OF_MAX:
    case MH_STAT_TIME_OF_MIN:
    case MH_STAT_TIME_BELOW:
    case MH_STAT_TIME_CONSTANT:
        unit = "min";
        break;
    case MH_STAT_PERCENT_BELOW_START:
        unit = "%";
        break;
    case MH_STAT_RATIO_TO_START:
    case MH_STAT_PEAK_RATIO_TO_START:
    case MH_STAT_SHARE_ABOVE:
        unit = "1";
        break;
    case MH_STAT_CHANGE_PER_YEAR:
        snprintf(buf, size, "%s/year", variable_unit);
        return;
    default:
        break;
    }
    /* Shares and ratios of like quantities (divided_by goes only with the level
     * statistics value, max, min and mean). */
    bool relative = check->compare == MH_COMPARE_EXCESS_REMOVED ||
                    check->compare == MH_COMPARE_RATIO || check->compare == MH_COMPARE_RATIO_IN_RATIO;
    if (relative || check->divided_by[0])
        unit = "1";
    snprintf(buf, size, "%s", unit);
}

static mh_status copy_text(mh_yaml *y, struct fy_node *node, const char *key, char *buf, size_t size)
{
    const char *text;
    mh_status st = mh_yaml_string(y, node, key, &text);
    if (st == MH_OK)
        snprintf(buf, size, "%s", text);
    return st;
}

static int find_arm(const mh_target *t, const char *name)
{
    for (int i = 0; i < t->n_arms; i++)
        if (strcmp(t->arms[i].name, name) == 0)
            return i;
    return -1;
}

static bool lists_output(const mh_scenario *sc, const char *variable)
{
    for (int i = 0; i < sc->n_vars; i++)
        if (strcmp(mh_var_at(sc->vars[i])->name, variable) == 0)
            return true;
    return false;
}

/* How many arms a check reads. */
static int arms_read(const mh_check *c)
{
    static const int count[] = {[MH_COMPARE_NONE] = 1,
                                [MH_COMPARE_DIFFERENCE] = 2,
                                [MH_COMPARE_DIFFERENCE_IN_DIFFERENCE] = 4,
                                [MH_COMPARE_EXCESS_REMOVED] = 3,
                                [MH_COMPARE_RATIO] = 2,
                                [MH_COMPARE_RATIO_IN_RATIO] = 4};
    return count[c->compare];
}

/* The arms a check reads: `arms: [A, B, ...]`, or main and versus by default. */
static mh_status read_check_arms(mh_yaml *y, struct fy_node *node, struct fy_node *compare,
                                 const mh_target *t, mh_check *c)
{
    int needed = arms_read(c);
    if (!node) {
        if (c->compare == MH_COMPARE_EXCESS_REMOVED)
            return mh_yaml_fail(y, compare, MH_ERR_PARSE,
                                "compare excess_removed needs 'arms: [treated, untreated, reference]'");
        if (c->compare != MH_COMPARE_NONE && c->compare != MH_COMPARE_DIFFERENCE)
            return mh_yaml_fail(y, compare, MH_ERR_PARSE, "this compare needs 'arms: [...]' (%d arms)",
                                arms_read(c));
        c->arms[0] = 0;
        c->arms[1] = c->compare == MH_COMPARE_DIFFERENCE ? find_arm(t, "versus") : 0;
        if (c->compare == MH_COMPARE_DIFFERENCE && c->arms[1] < 0)
            return mh_yaml_fail(y, compare, MH_ERR_INVALID,
                                "check '%s' compares with a counterfactual, but the target has no "
                                "'versus' (or name the arms: 'arms: [A, B]')",
                                c->what);
        return MH_OK;
    }
    mh_status st = mh_yaml_expect_sequence(y, node, "arms");
    if (st != MH_OK)
        return st;
    if (fy_node_sequence_item_count(node) != needed)
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "arms: expected %d arm name%s for this compare, found %d",
                            needed, needed > 1 ? "s" : "", fy_node_sequence_item_count(node));
    for (int i = 0; i < needed; i++) {
        struct fy_node *item = fy_node_sequence_get_by_index(node, i);
        const char *name;
        if ((st = mh_yaml_string(y, item, "arms", &name)) != MH_OK)
            return st;
        if ((c->arms[i] = find_arm(t, name)) < 0)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "arms: no arm named '%s' in this target",
                                name);
    }
    return MH_OK;
}

static mh_status read_window(mh_yaml *y, struct fy_node *node, mh_check *c)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "window");
    if (st != MH_OK)
        return st;
    if (fy_node_sequence_item_count(node) != 2)
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "window: expected [from, to]");
    if ((st = mh_yaml_duration(y, fy_node_sequence_get_by_index(node, 0), "window", &c->from_min)) !=
            MH_OK ||
        (st = mh_yaml_duration(y, fy_node_sequence_get_by_index(node, 1), "window", &c->to_min)) !=
            MH_OK)
        return st;
    if (c->to_min <= c->from_min)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "window: 'to' must come after 'from'");
    return MH_OK;
}

static mh_status read_band(mh_yaml *y, struct fy_node *node, struct fy_node *range,
                           struct fy_node *below, struct fy_node *above, mh_check *c)
{
    int bands = (range != NULL) + (below != NULL || above != NULL);
    if (bands != 1)
        return mh_yaml_fail(y, node, MH_ERR_PARSE,
                            "check: give the pass band as 'range: [low, high]' or as 'below'/'above'");
    c->low = -INFINITY;
    c->high = INFINITY;
    mh_status st = MH_OK;
    if (range) {
        if ((st = mh_yaml_expect_sequence(y, range, "range")) != MH_OK)
            return st;
        if (fy_node_sequence_item_count(range) != 2)
            return mh_yaml_fail(y, range, MH_ERR_PARSE, "range: expected [low, high]");
        if ((st = mh_yaml_number(y, fy_node_sequence_get_by_index(range, 0), "range", -1e12, 1e12,
                                 "", &c->low)) != MH_OK ||
            (st = mh_yaml_number(y, fy_node_sequence_get_by_index(range, 1), "range", c->low, 1e12,
                                 "", &c->high)) != MH_OK)
            return st;
    }
    if (below && (st = mh_yaml_number(y, below, "below", -1e12, 1e12, "", &c->high)) != MH_OK)
        return st;
    if (above && (st = mh_yaml_number(y, above, "above", -1e12, 1e12, "", &c->low)) != MH_OK)
        return st;
    return MH_OK;
}

static mh_status read_check(mh_yaml *y, struct fy_node *node, const mh_target *t, mh_check *c)
{
    enum {
        WHAT, VARIABLE, STAT, AT, WINDOW, EXPECTED, RANGE, BELOW, ABOVE, COMPARE, THRESHOLD, ARMS,
        DIVIDED_BY, N
    };
    static const char *const keys[N] = {"what",  "variable", "stat",    "at",       "window",
                                        "expected", "range", "below",   "above",    "compare",
                                        "threshold", "arms", "divided_by"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "check", keys, N, v, k);
    if (st != MH_OK)
        return st;
    for (int i = 0; i <= STAT; i++)
        if (!v[i])
            return mh_yaml_fail(y, node, MH_ERR_PARSE, "check: missing key '%s'", keys[i]);
    int stat;
    if ((st = copy_text(y, v[WHAT], "what", c->what, sizeof c->what)) != MH_OK ||
        (st = copy_text(y, v[VARIABLE], "variable", c->variable, sizeof c->variable)) != MH_OK ||
        (st = mh_yaml_choice(y, v[STAT], "stat", stat_names, MH_STAT_COUNT, &stat)) != MH_OK ||
        (v[DIVIDED_BY] &&
         (st = copy_text(y, v[DIVIDED_BY], "divided_by", c->divided_by, sizeof c->divided_by)) != MH_OK))
        return st;
    c->stat = (mh_check_stat)stat;
    if (c->stat == MH_STAT_PERCENTILE || c->stat == MH_STAT_SHARE_ABOVE)
        return mh_yaml_fail(y, v[STAT], MH_ERR_PARSE,
                            "stat %s reads a population: it goes with 'population:', not "
                            "'scenario:'",
                            stat_names[stat]);
    if (v[DIVIDED_BY] && c->stat != MH_STAT_VALUE && c->stat != MH_STAT_MAX &&
        c->stat != MH_STAT_MIN && c->stat != MH_STAT_MEAN)
        return mh_yaml_fail(y, v[DIVIDED_BY], MH_ERR_PARSE,
                            "divided_by goes with the stats value, max, min and mean, not %s",
                            stat_names[stat]);
    if (v[COMPARE]) {
        static const char *const compares[] = {"difference", "difference_in_difference",
                                               "excess_removed", "ratio", "ratio_in_ratio"};
        int which;
        if ((st = mh_yaml_choice(y, v[COMPARE], "compare", compares, 5, &which)) != MH_OK)
            return st;
        c->compare = (mh_check_compare)(MH_COMPARE_DIFFERENCE + which);
    } else if (v[ARMS]) {
        return mh_yaml_fail(y, v[ARMS], MH_ERR_PARSE, "'arms' goes with 'compare'");
    }
    if ((st = read_check_arms(y, v[ARMS], v[COMPARE], t, c)) != MH_OK)
        return st;
    for (int i = 0; i < arms_read(c); i++) {
        const mh_target_arm *arm = &t->arms[c->arms[i]];
        if (!lists_output(arm->scenario, c->variable))
            return mh_yaml_fail(y, v[VARIABLE], MH_ERR_INVALID,
                                "variable '%s' is not among the output variables of arm '%s'",
                                c->variable, arm->name);
        if (c->divided_by[0] && !lists_output(arm->scenario, c->divided_by))
            return mh_yaml_fail(y, v[DIVIDED_BY], MH_ERR_INVALID,
                                "variable '%s' is not among the output variables of arm '%s'",
                                c->divided_by, arm->name);
    }
    bool point = c->stat == MH_STAT_VALUE || c->stat == MH_STAT_RATIO_TO_START;
    if (point) {
        if (!v[AT] || v[WINDOW])
            return mh_yaml_fail(y, v[STAT], MH_ERR_PARSE, "stat %s needs 'at' (and no 'window')",
                                stat_names[stat]);
        if ((st = mh_yaml_duration(y, v[AT], "at", &c->from_min)) != MH_OK)
            return st;
        c->to_min = c->from_min;
    } else {
        if (!v[WINDOW] || v[AT])
            return mh_yaml_fail(y, v[STAT], MH_ERR_PARSE,
                                "stat %s needs 'window: [from, to]' (and no 'at')", stat_names[stat]);
        if ((st = read_window(y, v[WINDOW], c)) != MH_OK)
            return st;
    }
    if ((c->stat == MH_STAT_TIME_BELOW) != (v[THRESHOLD] != NULL))
        return mh_yaml_fail(y, v[THRESHOLD] ? v[THRESHOLD] : v[STAT], MH_ERR_PARSE,
                            "'threshold' goes with stat time_below, and only with it");
    if (v[THRESHOLD] &&
        (st = mh_yaml_number(y, v[THRESHOLD], "threshold", -1e12, 1e12, "", &c->threshold)) != MH_OK)
        return st;
    c->has_expected = v[EXPECTED] != NULL;
    if (c->has_expected &&
        (st = mh_yaml_number(y, v[EXPECTED], "expected", -1e12, 1e12, "", &c->expected)) != MH_OK)
        return st;
    return read_band(y, node, v[RANGE], v[BELOW], v[ABOVE], c);
}

/* The index of an output among the population's endpoints, or -1. */
static int find_endpoint(const mh_population_spec *spec, const char *name)
{
    for (int i = 0; i < spec->n_endpoints; i++)
        if (strcmp(mh_var_at(spec->endpoints[i])->name, name) == 0)
            return i;
    return -1;
}

/* `among: {NAME: [low, high], ...}`: NAME an endpoint, read at the end of the
 * run, or at its start when written NAME_start. */
static mh_status read_among(mh_yaml *y, struct fy_node *node, const mh_population_spec *spec,
                            mh_check *c)
{
    mh_status st = mh_yaml_expect_mapping(y, node, "among");
    if (st != MH_OK)
        return st;
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair), *band = fy_node_pair_value(pair);
        const char *name;
        if ((st = mh_yaml_string(y, key, "among", &name)) != MH_OK)
            return st;
        if (c->n_among == MH_CHECK_MAX_AMONG)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "among: at most %d conditions",
                                MH_CHECK_MAX_AMONG);
        mh_cohort_filter *f = &c->among[c->n_among];
        snprintf(f->name, sizeof f->name, "%s", name);
        size_t length = strlen(name);
        f->at_start = length > 6 && strcmp(name + length - 6, "_start") == 0;
        char variable[72];
        snprintf(variable, sizeof variable, "%.*s", (int)(f->at_start ? length - 6 : length), name);
        if ((f->endpoint = find_endpoint(spec, variable)) < 0)
            return mh_yaml_fail(y, key, MH_ERR_INVALID,
                                "among: '%s' is not among the population's endpoints", variable);
        if ((st = mh_yaml_expect_sequence(y, band, name)) != MH_OK)
            return st;
        if (fy_node_sequence_item_count(band) != 2)
            return mh_yaml_fail(y, band, MH_ERR_PARSE, "among: %s: expected [low, high]", name);
        if ((st = mh_yaml_number(y, fy_node_sequence_get_by_index(band, 0), name, -1e12, 1e12, "",
                                 &f->low)) != MH_OK ||
            (st = mh_yaml_number(y, fy_node_sequence_get_by_index(band, 1), name, f->low, 1e12,
                                 "", &f->high)) != MH_OK)
            return st;
        c->n_among++;
    }
    return MH_OK;
}

/* A check of a population target: a statistic across subjects (target.h). */
static mh_status read_cohort_check(mh_yaml *y, struct fy_node *node,
                                   const mh_population_spec *spec, mh_check *c)
{
    enum { WHAT, VARIABLE, STAT, PERCENTILE, THRESHOLD, AMONG, EXPECTED, RANGE, BELOW, ABOVE, N };
    static const char *const keys[N] = {"what",  "variable", "stat",  "percentile", "threshold",
                                        "among", "expected", "range", "below",      "above"};
    struct fy_node *v[N];
    mh_status st = mh_yaml_map(y, node, "check", keys, N, v, NULL);
    if (st != MH_OK)
        return st;
    for (int i = 0; i <= STAT; i++)
        if (!v[i])
            return mh_yaml_fail(y, node, MH_ERR_PARSE, "check: missing key '%s'", keys[i]);
    int stat;
    if ((st = copy_text(y, v[WHAT], "what", c->what, sizeof c->what)) != MH_OK ||
        (st = copy_text(y, v[VARIABLE], "variable", c->variable, sizeof c->variable)) != MH_OK ||
        (st = mh_yaml_choice(y, v[STAT], "stat", stat_names, MH_STAT_COUNT, &stat)) != MH_OK)
        return st;
    c->stat = (mh_check_stat)stat;
    if (c->stat != MH_STAT_MEAN && c->stat != MH_STAT_PERCENTILE &&
        c->stat != MH_STAT_SHARE_ABOVE && c->stat != MH_STAT_CHANGE_PER_YEAR)
        return mh_yaml_fail(y, v[STAT], MH_ERR_PARSE,
                            "a population check's stat is mean, percentile, share_above or "
                            "change_per_year, not %s",
                            stat_names[stat]);
    if ((c->endpoint = find_endpoint(spec, c->variable)) < 0)
        return mh_yaml_fail(y, v[VARIABLE], MH_ERR_INVALID,
                            "variable '%s' is not among the population's endpoints", c->variable);
    if ((c->stat == MH_STAT_PERCENTILE) != (v[PERCENTILE] != NULL))
        return mh_yaml_fail(y, v[PERCENTILE] ? v[PERCENTILE] : v[STAT], MH_ERR_PARSE,
                            "'percentile' goes with stat percentile, and only with it");
    if ((c->stat == MH_STAT_SHARE_ABOVE) != (v[THRESHOLD] != NULL))
        return mh_yaml_fail(y, v[THRESHOLD] ? v[THRESHOLD] : v[STAT], MH_ERR_PARSE,
                            "'threshold' goes with stat share_above, and only with it");
    if ((v[PERCENTILE] && (st = mh_yaml_number(y, v[PERCENTILE], "percentile", 0, 100, "",
                                               &c->percentile)) != MH_OK) ||
        (v[THRESHOLD] && (st = mh_yaml_number(y, v[THRESHOLD], "threshold", -1e12, 1e12, "",
                                              &c->threshold)) != MH_OK) ||
        (v[AMONG] && (st = read_among(y, v[AMONG], spec, c)) != MH_OK))
        return st;
    c->has_expected = v[EXPECTED] != NULL;
    if (c->has_expected &&
        (st = mh_yaml_number(y, v[EXPECTED], "expected", -1e12, 1e12, "", &c->expected)) != MH_OK)
        return st;
    return read_band(y, node, v[RANGE], v[BELOW], v[ABOVE], c);
}

/* `population: PATH` (relative to the target file) and `resolution:`. */
static mh_status read_population(mh_yaml *y, struct fy_node *node, struct fy_node *resolution,
                                 mh_target *t)
{
    char path[8192];
    mh_status st = mh_yaml_path_beside(y, node, "population", path, sizeof path);
    if (st != MH_OK)
        return st;
    if ((st = mh_population_spec_load(path, &t->population, y->err)) != MH_OK)
        return st;
    t->population->resolution = MH_RESOLUTION_DAY;
    if (resolution) {
        static const char *const resolutions[] = {"minute", "day"};
        int which;
        if ((st = mh_yaml_choice(y, resolution, "resolution", resolutions, 2, &which)) != MH_OK)
            return st;
        t->population->resolution = which ? MH_RESOLUTION_DAY : MH_RESOLUTION_MINUTE;
    }
    return MH_OK;
}

/* The checks of a population target. */
static mh_status read_cohort_checks(mh_yaml *y, struct fy_node *checks, mh_target *t)
{
    void *iter = NULL;
    struct fy_node *item;
    mh_status st = MH_OK;
    while ((item = fy_node_sequence_iterate(checks, &iter)) && st == MH_OK)
        if ((st = read_cohort_check(y, item, t->population, &t->checks[t->n_checks])) == MH_OK)
            t->n_checks++;
    return st;
}

/* A scenario written inline, or the path of a scenario file relative to the
 * target file. */
static mh_status read_scenario(mh_yaml *y, struct fy_node *node, mh_scenario **out)
{
    if (fy_node_get_type(node) != FYNT_SCALAR)
        return mh_scenario_read_node(y, node, out);
    char path[8192];
    mh_status st = mh_yaml_path_beside(y, node, "scenario", path, sizeof path);
    return st == MH_OK ? mh_scenario_load(path, out, y->err) : st;
}

/* An arm besides the main one: the main scenario read again with parameter
 * overrides, or another scenario (a different diet, programme or
 * intervention), optionally with overrides too. */
static mh_status read_arm(mh_yaml *y, struct fy_node *node, const char *context,
                          struct fy_node *main_scenario, mh_target *t, const char *name)
{
    static const char *const keys[] = {"parameters", "scenario"};
    struct fy_node *v[2];
    mh_status st = mh_yaml_map(y, node, context, keys, 2, v, NULL);
    if (st != MH_OK)
        return st;
    if (!v[0] && !v[1])
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: needs 'parameters' or 'scenario'", context);
    if (t->n_arms == MH_MAX_ARMS)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: at most %d arms in a target", context,
                            MH_MAX_ARMS);
    mh_target_arm *arm = &t->arms[t->n_arms];
    snprintf(arm->name, sizeof arm->name, "%s", name);
    if ((st = read_scenario(y, v[1] ? v[1] : main_scenario, &arm->scenario)) != MH_OK)
        return st;
    t->n_arms++;
    return v[0] ? mh_scenario_read_parameters(y, v[0], arm->scenario) : MH_OK;
}

static mh_status read_named_arms(mh_yaml *y, struct fy_node *node, struct fy_node *main_scenario,
                                 mh_target *t)
{
    mh_status st = mh_yaml_expect_mapping(y, node, "arms");
    if (st != MH_OK)
        return st;
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair);
        const char *name;
        if ((st = mh_yaml_string(y, key, "arms", &name)) != MH_OK)
            return st;
        if (strlen(name) == 0 || strlen(name) >= sizeof t->arms[0].name)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "arms: a name of 1-%zu characters",
                                sizeof t->arms[0].name - 1);
        if (find_arm(t, name) >= 0)
            return mh_yaml_fail(y, key, MH_ERR_INVALID, "arms: '%s' is already an arm of this target",
                                name);
        char context[64];
        snprintf(context, sizeof context, "arm '%s'", name);
        if ((st = read_arm(y, fy_node_pair_value(pair), context, main_scenario, t, name)) != MH_OK)
            return st;
    }
    return MH_OK;
}

static mh_status read_target(mh_yaml *y, mh_target *t)
{
    enum {
        ID, TITLE, SOURCE, NOTES, KNOWN_MISS, SCENARIO, VERSUS, ARMS, ORIGIN, CHECKS, POPULATION,
        RESOLUTION, N
    };
    static const char *const keys[N] = {"id",     "title",  "source",     "notes",
                                        "known_miss", "scenario", "versus", "arms",
                                        "origin", "checks", "population", "resolution"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, mh_yaml_root(y), "the target", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const int required[] = {ID, TITLE, SOURCE, CHECKS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!v[required[i]])
            return mh_yaml_fail(y, mh_yaml_root(y), MH_ERR_PARSE, "target: missing key '%s'",
                                keys[required[i]]);
    if (!v[SCENARIO] == !v[POPULATION])
        return mh_yaml_fail(y, mh_yaml_root(y), MH_ERR_PARSE,
                            "target: give either 'scenario' or 'population'");
    static const int scenario_only[] = {VERSUS, ARMS, ORIGIN};
    for (size_t i = 0; i < sizeof scenario_only / sizeof scenario_only[0]; i++)
        if (v[POPULATION] && v[scenario_only[i]])
            return mh_yaml_fail(y, k[scenario_only[i]], MH_ERR_PARSE,
                                "'%s' goes with a scenario target, not a population",
                                keys[scenario_only[i]]);
    if (v[SCENARIO] && v[RESOLUTION])
        return mh_yaml_fail(y, k[RESOLUTION], MH_ERR_PARSE,
                            "'resolution' goes with a population target");
    if ((st = copy_text(y, v[ID], "id", t->id, sizeof t->id)) != MH_OK ||
        (st = copy_text(y, v[TITLE], "title", t->title, sizeof t->title)) != MH_OK ||
        (st = copy_text(y, v[SOURCE], "source", t->source, sizeof t->source)) != MH_OK ||
        (v[NOTES] && (st = copy_text(y, v[NOTES], "notes", t->notes, sizeof t->notes)) != MH_OK) ||
        (v[KNOWN_MISS] && (st = copy_text(y, v[KNOWN_MISS], "known_miss", t->known_miss,
                                          sizeof t->known_miss)) != MH_OK) ||
        (st = mh_yaml_expect_sequence(y, v[CHECKS], "checks")) != MH_OK)
        return st;
    int n = fy_node_sequence_item_count(v[CHECKS]);
    if (n < 1)
        return mh_yaml_fail(y, v[CHECKS], MH_ERR_INVALID, "checks: expected at least one check");
    t->checks = calloc((size_t)n, sizeof *t->checks);
    if (!t->checks)
        return mh_yaml_fail(y, v[CHECKS], MH_ERR_NOMEM, "out of memory");
    if (v[POPULATION]) {
        if ((st = read_population(y, v[POPULATION], v[RESOLUTION], t)) != MH_OK)
            return st;
        return read_cohort_checks(y, v[CHECKS], t);
    }
    snprintf(t->arms[0].name, sizeof t->arms[0].name, "main");
    t->n_arms = 1; /* freed by mh_target_free whatever happens next */
    if ((st = read_scenario(y, v[SCENARIO], &t->arms[0].scenario)) != MH_OK)
        return st;
    if ((v[VERSUS] && (st = read_arm(y, v[VERSUS], "versus", v[SCENARIO], t, "versus")) != MH_OK) ||
        (v[ARMS] && (st = read_named_arms(y, v[ARMS], v[SCENARIO], t)) != MH_OK) ||
        (v[ORIGIN] && (st = mh_yaml_moment(y, v[ORIGIN], "origin", &t->origin_min)) != MH_OK))
        return st;
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(v[CHECKS], &iter))) {
        mh_check *c = &t->checks[t->n_checks];
        if ((st = read_check(y, item, t, c)) != MH_OK)
            return st;
        for (int i = 0; i < arms_read(c); i++) {
            const mh_target_arm *arm = &t->arms[c->arms[i]];
            if (t->origin_min + c->to_min > arm->scenario->duration_min)
                return mh_yaml_fail(y, item, MH_ERR_INVALID,
                                    "check '%s' reads past the end of the run of arm '%s'", c->what,
                                    arm->name);
        }
        t->n_checks++;
    }
    return MH_OK;
}

mh_status mh_target_load(const char *path, mh_target *t, mh_error *err)
{
    memset(t, 0, sizeof *t);
    snprintf(t->file, sizeof t->file, "%s", path);
    char *text;
    size_t length;
    mh_status st = mh_file_read_all(path, 1u << 20, &text, &length, err);
    if (st != MH_OK)
        return st;
    mh_yaml y;
    st = mh_yaml_open(&y, path, text, length, err);
    if (st == MH_OK) {
        st = read_target(&y, t);
        mh_yaml_close(&y);
    }
    free(text);
    if (st != MH_OK)
        mh_target_free(t);
    return st;
}

void mh_target_free(mh_target *t)
{
    for (int i = 0; i < t->n_arms; i++) {
        mh_scenario_free(t->arms[i].scenario);
        t->arms[i].scenario = NULL;
    }
    t->n_arms = 0;
    mh_population_spec_free(t->population);
    t->population = NULL;
    free(t->checks);
    t->checks = NULL;
    t->n_checks = 0;
}
