/*
 * target.c - reading validation target files (scenario layer).
 *
 *   id: GI-1
 *   title: ...
 *   source: ...
 *   notes: ...                  (optional: protocol choices, known deviations)
 *   scenario: {...}             (an inline scenario, SCENARIO.md format)
 *   origin: day 0 08:00         (optional: check times count from here)
 *   checks:
 *     - what: fasting glucose
 *       variable: glucose_mmol_l
 *       stat: value             (see target.h)
 *       at: 0 min               (point stats) | window: ["30 min", "60 min"]
 *       expected: 5.1           (optional: the published value)
 *       range: [4.7, 5.5]       | below: 7.8 | above: 0
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
    "value", "max", "min", "time_of_max", "time_of_min", "percent_below_start", "ratio_to_start", "rise_above_start", "peak_ratio_to_start", "time_below", "mean"};

const char *mh_check_stat_name(mh_check_stat stat) { return stat_names[stat]; }

const char *mh_check_unit(const mh_check *check, const char *variable_unit)
{
    switch (check->stat) {
    case MH_STAT_TIME_OF_MAX:
    case MH_STAT_TIME_OF_MIN:
    case MH_STAT_TIME_BELOW:
        return "min";
    case MH_STAT_PERCENT_BELOW_START:
        return "%";
    case MH_STAT_RATIO_TO_START:
    case MH_STAT_PEAK_RATIO_TO_START:
        return "1";
    default:
        return variable_unit;
    }
}

static mh_status copy_text(mh_yaml *y, struct fy_node *node, const char *key, char *buf, size_t size)
{
    const char *text;
    mh_status st = mh_yaml_string(y, node, key, &text);
    if (st == MH_OK)
        snprintf(buf, size, "%s", text);
    return st;
}

static mh_status read_check(mh_yaml *y, struct fy_node *node, const mh_scenario *sc,
                            mh_check *c)
{
    enum { WHAT, VARIABLE, STAT, AT, WINDOW, EXPECTED, RANGE, BELOW, ABOVE, COMPARE, THRESHOLD, N };
    static const char *const keys[N] = {"what",  "variable", "stat",    "at",       "window",
                                        "expected", "range", "below",   "above",    "compare",
                                        "threshold"};
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
        (st = mh_yaml_choice(y, v[STAT], "stat", stat_names, MH_STAT_COUNT, &stat)) != MH_OK)
        return st;
    c->stat = (mh_check_stat)stat;
    bool listed = false;
    for (int i = 0; i < sc->n_vars; i++)
        listed |= strcmp(mh_var_at(sc->vars[i])->name, c->variable) == 0;
    if (!listed)
        return mh_yaml_fail(y, v[VARIABLE], MH_ERR_INVALID,
                            "variable '%s' is not among the scenario's output variables", c->variable);
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
        if ((st = mh_yaml_expect_sequence(y, v[WINDOW], "window")) != MH_OK)
            return st;
        if (fy_node_sequence_item_count(v[WINDOW]) != 2)
            return mh_yaml_fail(y, v[WINDOW], MH_ERR_PARSE, "window: expected [from, to]");
        if ((st = mh_yaml_duration(y, fy_node_sequence_get_by_index(v[WINDOW], 0), "window",
                                   &c->from_min)) != MH_OK ||
            (st = mh_yaml_duration(y, fy_node_sequence_get_by_index(v[WINDOW], 1), "window",
                                   &c->to_min)) != MH_OK)
            return st;
        if (c->to_min <= c->from_min)
            return mh_yaml_fail(y, v[WINDOW], MH_ERR_INVALID, "window: 'to' must come after 'from'");
    }
    if ((c->stat == MH_STAT_TIME_BELOW) != (v[THRESHOLD] != NULL))
        return mh_yaml_fail(y, v[THRESHOLD] ? v[THRESHOLD] : v[STAT], MH_ERR_PARSE,
                            "'threshold' goes with stat time_below, and only with it");
    if (v[THRESHOLD] &&
        (st = mh_yaml_number(y, v[THRESHOLD], "threshold", -1e12, 1e12, "", &c->threshold)) != MH_OK)
        return st;
    if (v[COMPARE]) {
        static const char *const compares[] = {"difference"};
        int which;
        if ((st = mh_yaml_choice(y, v[COMPARE], "compare", compares, 1, &which)) != MH_OK)
            return st;
        c->versus = true;
    }
    c->has_expected = v[EXPECTED] != NULL;
    if (c->has_expected &&
        (st = mh_yaml_number(y, v[EXPECTED], "expected", -1e12, 1e12, "", &c->expected)) != MH_OK)
        return st;
    int bands = (v[RANGE] != NULL) + (v[BELOW] != NULL || v[ABOVE] != NULL);
    if (bands != 1)
        return mh_yaml_fail(y, node, MH_ERR_PARSE,
                            "check: give the pass band as 'range: [low, high]' or as 'below'/'above'");
    c->low = -INFINITY;
    c->high = INFINITY;
    if (v[RANGE]) {
        if ((st = mh_yaml_expect_sequence(y, v[RANGE], "range")) != MH_OK)
            return st;
        if (fy_node_sequence_item_count(v[RANGE]) != 2)
            return mh_yaml_fail(y, v[RANGE], MH_ERR_PARSE, "range: expected [low, high]");
        if ((st = mh_yaml_number(y, fy_node_sequence_get_by_index(v[RANGE], 0), "range", -1e12, 1e12,
                                 "", &c->low)) != MH_OK ||
            (st = mh_yaml_number(y, fy_node_sequence_get_by_index(v[RANGE], 1), "range", c->low, 1e12,
                                 "", &c->high)) != MH_OK)
            return st;
    }
    if (v[BELOW] && (st = mh_yaml_number(y, v[BELOW], "below", -1e12, 1e12, "", &c->high)) != MH_OK)
        return st;
    if (v[ABOVE] && (st = mh_yaml_number(y, v[ABOVE], "above", -1e12, 1e12, "", &c->low)) != MH_OK)
        return st;
    return MH_OK;
}

/* The counterfactual: the scenario read again from its node with parameter
 * overrides, or another scenario (an arm with a different diet, programme or
 * intervention), optionally with overrides too. */
static mh_status read_versus(mh_yaml *y, struct fy_node *node, struct fy_node *scenario,
                             mh_target *t)
{
    static const char *const keys[] = {"parameters", "scenario"};
    struct fy_node *v[2];
    mh_status st = mh_yaml_map(y, node, "versus", keys, 2, v, NULL);
    if (st != MH_OK)
        return st;
    if (!v[0] && !v[1])
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "versus: needs 'parameters' or 'scenario'");
    if ((st = mh_scenario_read_node(y, v[1] ? v[1] : scenario, &t->versus)) != MH_OK)
        return st;
    return v[0] ? mh_scenario_read_parameters(y, v[0], t->versus) : MH_OK;
}

static mh_status read_target(mh_yaml *y, mh_target *t)
{
    enum { ID, TITLE, SOURCE, NOTES, SCENARIO, VERSUS, ORIGIN, CHECKS, N };
    static const char *const keys[N] = {"id",       "title",  "source", "notes",
                                        "scenario", "versus", "origin", "checks"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, mh_yaml_root(y), "the target", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const int required[] = {ID, TITLE, SOURCE, SCENARIO, CHECKS};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!v[required[i]])
            return mh_yaml_fail(y, mh_yaml_root(y), MH_ERR_PARSE, "target: missing key '%s'",
                                keys[required[i]]);
    if ((st = copy_text(y, v[ID], "id", t->id, sizeof t->id)) != MH_OK ||
        (st = copy_text(y, v[TITLE], "title", t->title, sizeof t->title)) != MH_OK ||
        (st = copy_text(y, v[SOURCE], "source", t->source, sizeof t->source)) != MH_OK ||
        (v[NOTES] && (st = copy_text(y, v[NOTES], "notes", t->notes, sizeof t->notes)) != MH_OK) ||
        (st = mh_scenario_read_node(y, v[SCENARIO], &t->scenario)) != MH_OK ||
        (v[ORIGIN] && (st = mh_yaml_moment(y, v[ORIGIN], "origin", &t->origin_min)) != MH_OK) ||
        (st = mh_yaml_expect_sequence(y, v[CHECKS], "checks")) != MH_OK)
        return st;
    if (v[VERSUS] && (st = read_versus(y, v[VERSUS], v[SCENARIO], t)) != MH_OK)
        return st;
    int n = fy_node_sequence_item_count(v[CHECKS]);
    if (n < 1)
        return mh_yaml_fail(y, v[CHECKS], MH_ERR_INVALID, "checks: expected at least one check");
    t->checks = calloc((size_t)n, sizeof *t->checks);
    if (!t->checks)
        return mh_yaml_fail(y, v[CHECKS], MH_ERR_NOMEM, "out of memory");
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(v[CHECKS], &iter))) {
        mh_check *c = &t->checks[t->n_checks];
        if ((st = read_check(y, item, t->scenario, c)) != MH_OK)
            return st;
        if (c->versus && !t->versus)
            return mh_yaml_fail(y, item, MH_ERR_INVALID,
                                "check '%s' compares with a counterfactual, but the target has no "
                                "'versus'",
                                c->what);
        if (t->origin_min + c->to_min > t->scenario->duration_min)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "check '%s' reads past the end of the run",
                                c->what);
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
    mh_scenario_free(t->scenario);
    mh_scenario_free(t->versus);
    free(t->checks);
    t->scenario = NULL;
    t->versus = NULL;
    t->checks = NULL;
    t->n_checks = 0;
}
