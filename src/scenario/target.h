/*
 * target.h - a validation target: a published number, the scenario that
 * reproduces its protocol and the checks that compare them (scenario layer).
 *
 * One YAML file per target (data/targets/). Check statistics:
 *   value           the variable at origin + at
 *   max, min        over the window [origin + from, origin + to]
 *   time_of_max, time_of_min   minutes after origin
 *   percent_below_start        (v(origin) - min over window) / v(origin) x 100
 *   ratio_to_start             v(origin + at) / v(origin)
 *   rise_above_start           max over window - v(origin)
 *   peak_ratio_to_start        max over window / v(origin)
 *   time_below                 first time in the window (from origin) the variable
 *                              falls below `threshold` (the window end if never)
 *   mean                       average of the samples in the window (daily means of
 *                              fluxes that swing with meals, for instance)
 * A target may name a counterfactual (`versus:` parameter overrides, another
 * scenario, or both); a check with `compare: difference` then reads its
 * statistic in the main run minus the same statistic in the counterfactual.
 */
#ifndef MH_SCENARIO_TARGET_H
#define MH_SCENARIO_TARGET_H

#include <stdbool.h>

#include "myohep/myohep.h"

typedef enum mh_check_stat {
    MH_STAT_VALUE,
    MH_STAT_MAX,
    MH_STAT_MIN,
    MH_STAT_TIME_OF_MAX,
    MH_STAT_TIME_OF_MIN,
    MH_STAT_PERCENT_BELOW_START,
    MH_STAT_RATIO_TO_START,
    MH_STAT_RISE_ABOVE_START,
    MH_STAT_PEAK_RATIO_TO_START,
    MH_STAT_TIME_BELOW,
    MH_STAT_MEAN,
    MH_STAT_COUNT
} mh_check_stat;

typedef struct mh_check {
    char what[160];
    char variable[64];
    mh_check_stat stat;
    double from_min, to_min; /* relative to the target's origin; equal for point stats */
    bool has_expected;
    double expected;         /* the published value */
    double low, high;        /* pass band (inclusive); -inf / +inf when one-sided */
    bool versus;             /* main run minus the counterfactual run */
    double threshold;        /* time_below */
} mh_check;

typedef struct mh_target {
    char id[32];
    char title[160];
    char source[320];
    char notes[1024];
    char file[512];
    mh_scenario *scenario;
    mh_scenario *versus;     /* counterfactual, or NULL */
    double origin_min;
    mh_check *checks;
    int n_checks;
} mh_target;

mh_status mh_target_load(const char *path, mh_target *target, mh_error *err);
void mh_target_free(mh_target *target);

const char *mh_check_stat_name(mh_check_stat stat);
/* Unit of a check's result given its variable's unit. */
const char *mh_check_unit(const mh_check *check, const char *variable_unit);

#endif
