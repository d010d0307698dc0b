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
 *   change                     v(to) - v(from)
 *   change_per_year            (v(to) - v(from)) / (to - from), per year
 *   time_constant              minutes from the window start until the variable has
 *                              covered 1 - 1/e (63 %) of its change over the window
 * `divided_by: VARIABLE` divides the statistic by the same statistic of another
 * variable (a flux-weighted share: mean of one flux over mean of the total).
 *
 * `known_miss: REASON` marks a target the model does not reproduce yet: its
 * misses are reported with the reason and do not fail the run, and a known
 * miss that passes fails it (so the mark is removed as soon as it is stale).
 *
 * Arms: the main `scenario` is arm "main"; `versus:` (parameter overrides,
 * another scenario, or both) is arm "versus"; `arms:` names more. A scenario is
 * written inline or as the path of a scenario file (relative to the target
 * file), so example scenarios in data/scenarios serve as protocols. Compares:
 *   difference      stat(A) - stat(B), arms [A, B] (default [main, versus])
 *   difference_in_difference   (stat(A) - stat(B)) - (stat(C) - stat(D)),
 *                   arms [A, B, C, D]: how one factor changes another's effect
 *   ratio           stat(A) / stat(B), arms [A, B]
 *   ratio_in_ratio  (stat(A) / stat(B)) / (stat(C) / stat(D)), arms [A, B, C, D]:
 *                   the same for relative effects
 *   excess_removed  (stat(U) - stat(T)) / (stat(U) - stat(R)), arms [T, U, R]:
 *                   the share of the excess of an untreated arm U over a
 *                   reference R that a treatment T removes (1 = all of it)
 *
 * Population targets (published distributions and cohort figures) name a
 * population file instead of a scenario (`population: PATH`, relative to the
 * target file; `resolution: day|minute`, default day) and read its endpoints
 * across subjects. Their checks take no time window: each statistic is over
 * the subjects that pass `among` (all by default):
 *   mean            mean of the variable at the end of the run
 *   percentile      the `percentile: P` (0-100) percentile at the end
 *   share_above     share of subjects whose variable ends above `threshold`
 *   change_per_year mean of each subject's (end - start) / run length in years
 * `among: {NAME: [low, high], ...}` keeps subjects whose endpoint NAME lies in
 * [low, high] at the end of the run, or at its start when NAME ends in _start.
 */
#ifndef MH_SCENARIO_TARGET_H
#define MH_SCENARIO_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "myohep/myohep.h"
#include "scenario/population_file.h"

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
    MH_STAT_CHANGE,
    MH_STAT_CHANGE_PER_YEAR,
    MH_STAT_TIME_CONSTANT,
    MH_STAT_PERCENTILE,  /* population targets only */
    MH_STAT_SHARE_ABOVE, /* population targets only */
    MH_STAT_COUNT
} mh_check_stat;

typedef enum mh_check_compare {
    MH_COMPARE_NONE,       /* the statistic of the main arm */
    MH_COMPARE_DIFFERENCE, /* arm[0] - arm[1] */
    MH_COMPARE_DIFFERENCE_IN_DIFFERENCE, /* (arm[0] - arm[1]) - (arm[2] - arm[3]) */
    MH_COMPARE_EXCESS_REMOVED, /* (arm[1] - arm[0]) / (arm[1] - arm[2]) */
    MH_COMPARE_RATIO,          /* arm[0] / arm[1] */
    MH_COMPARE_RATIO_IN_RATIO  /* (arm[0] / arm[1]) / (arm[2] / arm[3]) */
} mh_check_compare;

enum { MH_MAX_ARMS = 8, MH_CHECK_MAX_ARMS = 4, MH_CHECK_MAX_AMONG = 4 };

/* Which subjects a population check reads: an endpoint within [low, high]. */
typedef struct mh_cohort_filter {
    int endpoint;   /* index into the population's endpoints */
    bool at_start;  /* read at the start of the run (NAME_start), else at the end */
    double low, high;
    char name[72];  /* as written */
} mh_cohort_filter;

typedef struct mh_check {
    char what[160];
    char variable[64];
    mh_check_stat stat;
    double from_min, to_min; /* relative to the target's origin; equal for point stats */
    bool has_expected;
    double expected;         /* the published value */
    double low, high;        /* pass band (inclusive); -inf / +inf when one-sided */
    mh_check_compare compare;
    int arms[MH_CHECK_MAX_ARMS]; /* indices into the target's arms */
    char divided_by[64];     /* "" or the variable whose statistic divides */
    double threshold;        /* time_below, share_above */
    double percentile;       /* percentile: 0-100 */
    int endpoint;            /* population targets: the variable's index among the endpoints */
    mh_cohort_filter among[MH_CHECK_MAX_AMONG];
    int n_among;
} mh_check;

typedef struct mh_target_arm {
    char name[32];
    mh_scenario *scenario;
} mh_target_arm;

typedef struct mh_target {
    char id[32];
    char title[160];
    char source[320];
    char notes[1024];
    char known_miss[1024];   /* "" or why the model does not reproduce this target yet */
    char file[512];
    mh_population_spec *population;  /* a population target (then no arms), or NULL */
    mh_target_arm arms[MH_MAX_ARMS]; /* arms[0] is "main" */
    int n_arms;
    double origin_min;
    mh_check *checks;
    int n_checks;
} mh_target;

mh_status mh_target_load(const char *path, mh_target *target, mh_error *err);
void mh_target_free(mh_target *target);

const char *mh_check_stat_name(mh_check_stat stat);
/* Unit of a check's result given its variable's unit. */
void mh_check_unit(const mh_check *check, const char *variable_unit, char *buf, size_t size);

#endif
