/*
 * timeline.c - the events of a run in time order (scenario layer).
 *
 * Daily diet meals are repeated every day from day 0 up to the end of the run
 * and merged with the scenario's one-off events; exercise entries become a
 * start and an end event on each scheduled day (day 0 is a Monday), HIIT a
 * train of work and recovery intervals (default 4 min at the stated intensity,
 * 3 min of active recovery at 30 % of VO2max, the Norwegian 4x4 pattern; Helgerud
 * 2007 MSSE 39:665). Every event is a discontinuity: the solver stops and
 * re-initialises there.
 *
 * The day-resolved timeline (mh_timeline_build_daily) has no meals and no bouts:
 * the daily meals become one steady feed from day 0, a one-off meal a feed of its
 * nutrients over the day it starts, and each exercise entry its share of the week
 * (sessions per week x session length / week; HIIT split into its work and
 * recovery efforts) from its first week to its last. Interventions are the same
 * in both timelines.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/units.h"
#include "scenario/scenario.h"

static const double HIIT_WORK_MIN = 4.0, HIIT_REST_MIN = 3.0, HIIT_REST_INTENSITY = 0.3;

/* Time order; at equal times meals before exercise changes, so the order never
 * depends on qsort's instability. */
static int by_time(const void *a, const void *b)
{
    const mh_event *x = a, *y = b;
    if (x->time_min != y->time_min)
        return (x->time_min > y->time_min) - (x->time_min < y->time_min);
    return (int)x->kind - (int)y->kind;
}

static size_t bout_events(const mh_exercise_plan *e, double start, mh_event *out)
{
    size_t n = 0;
    double end = start + (e->end - e->start);
    if (e->type != MH_EXERCISE_HIIT) {
        out[n++] = (mh_event){.time_min = start, .kind = MH_EVENT_EXERCISE,
                              .intensity = e->intensity, .exercise = e->type};
    } else {
        double work = e->work_min > 0.0 ? e->work_min : HIIT_WORK_MIN;
        double rest = e->rest_min > 0.0 ? e->rest_min : HIIT_REST_MIN;
        for (double t = start; t < end - 1e-9; t += work + rest) {
            out[n++] = (mh_event){.time_min = t, .kind = MH_EVENT_EXERCISE,
                                  .intensity = e->intensity, .exercise = e->type};
            if (t + work < end - 1e-9)
                out[n++] = (mh_event){.time_min = t + work, .kind = MH_EVENT_EXERCISE,
                                      .intensity = HIIT_REST_INTENSITY, .exercise = e->type};
        }
    }
    out[n++] = (mh_event){.time_min = end, .kind = MH_EVENT_EXERCISE, .intensity = 0.0,
                          .exercise = MH_EXERCISE_NONE};
    return n;
}

/* Events one scheduled session can produce (HIIT: two per interval, plus the end). */
static size_t bout_event_bound(const mh_exercise_plan *e)
{
    if (e->type != MH_EXERCISE_HIIT)
        return 2;
    double work = e->work_min > 0.0 ? e->work_min : HIIT_WORK_MIN;
    double rest = e->rest_min > 0.0 ? e->rest_min : HIIT_REST_MIN;
    return 2 * (size_t)ceil((e->end - e->start) / (work + rest)) + 3;
}

mh_event mh_daily_meal_event(const mh_daily_meal *meal, double time_min, double scale)
{
    return (mh_event){.time_min = time_min,
                      .kind = MH_EVENT_MEAL,
                      .carbs_g = scale * meal->carbs_g,
                      .fat_g = scale * meal->fat_g,
                      .protein_g = scale * meal->protein_g,
                      .fructose_g = scale * meal->fructose_g,
                      .alcohol_g = scale * meal->alcohol_g};
}

/* An intervention acts from its start to its end, where its level returns to none
 * (a messenger's production factor to 1). */
static size_t intervention_events(const mh_scenario *s, mh_event *out)
{
    size_t n = 0;
    for (int i = 0; i < s->n_interventions; i++) {
        const mh_intervention_plan *v = &s->interventions[i];
        double none = v->kind == MH_EVENT_MESSENGER ? 1.0 : 0.0;
        out[n++] = (mh_event){.time_min = v->from, .kind = v->kind, .target = v->target, .level = v->level};
        if (v->until < s->duration_min)
            out[n++] = (mh_event){.time_min = v->until, .kind = v->kind, .target = v->target, .level = none};
    }
    return n;
}

mh_status mh_timeline_build(const mh_scenario *s, mh_event **events, size_t *n_events,
                            mh_error *err)
{
    size_t days = (size_t)(s->duration_min / MH_MIN_PER_DAY) + 1;
    size_t capacity = days * (size_t)s->n_daily_meals + s->n_events + 2 * (size_t)s->n_interventions + 1;
    for (int k = 0; k < s->n_exercise; k++)
        capacity += days * bout_event_bound(&s->exercise[k]);
    mh_event *list = malloc(capacity * sizeof *list);
    if (!list)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory building the timeline");
    size_t n = 0;
    for (size_t d = 0; d < days; d++) {
        for (int m = 0; m < s->n_daily_meals; m++) {
            double t = (double)d * MH_MIN_PER_DAY + s->daily_meals[m].minute_of_day;
            if (t <= s->duration_min)
                list[n++] = mh_daily_meal_event(&s->daily_meals[m], t, 1.0);
        }
    }
    for (size_t i = 0; i < s->n_events; i++)
        list[n++] = s->events[i];
    for (int k = 0; k < s->n_exercise; k++) {
        const mh_exercise_plan *e = &s->exercise[k];
        for (size_t d = 0; d < days; d++) {
            double start = (double)d * MH_MIN_PER_DAY + e->start;
            bool scheduled = (e->days >> (d % 7)) & 1u;
            if (scheduled && start >= e->from && start < e->until && start < s->duration_min)
                n += bout_events(e, start, list + n);
        }
    }
    n += intervention_events(s, list + n);
    qsort(list, n, sizeof *list, by_time);
    *events = list;
    *n_events = n;
    return MH_OK;
}

static mh_event feed_event(double time_min, const mh_daily_meal *m, double sign)
{
    mh_event ev = mh_daily_meal_event(m, time_min, sign);
    ev.kind = MH_EVENT_FEED;
    return ev;
}

/* Sessions per week of an exercise entry. */
static int sessions_per_week(unsigned days)
{
    int n = 0;
    for (int d = 0; d < 7; d++)
        n += (days >> d) & 1u;
    return n;
}

/* An exercise entry as shares of the week, added at its first week and taken away
 * after its last (or left to the end of the run). */
static size_t share_events(const mh_exercise_plan *e, double t_end, mh_event *out)
{
    double from = fmax(e->from, 0.0), until = fmin(e->until, t_end);
    if (!(until > from))
        return 0;
    double share = sessions_per_week(e->days) * (e->end - e->start) / MH_MIN_PER_WEEK;
    double parts[2][2] = {{e->intensity, share}, {0.0, 0.0}}; /* {intensity, share} */
    if (e->type == MH_EXERCISE_HIIT) {
        double work = e->work_min > 0.0 ? e->work_min : HIIT_WORK_MIN;
        double rest = e->rest_min > 0.0 ? e->rest_min : HIIT_REST_MIN;
        parts[0][1] = share * work / (work + rest);
        parts[1][0] = HIIT_REST_INTENSITY;
        parts[1][1] = share * rest / (work + rest);
    }
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        if (parts[k][1] <= 0.0)
            continue;
        mh_event ev = {.kind = MH_EVENT_EXERCISE_SHARE, .exercise = e->type,
                       .intensity = parts[k][0]};
        ev.time_min = from;
        ev.level = parts[k][1];
        out[n++] = ev;
        if (until < t_end) {
            ev.time_min = until;
            ev.level = -parts[k][1];
            out[n++] = ev;
        }
    }
    return n;
}

mh_status mh_timeline_build_daily(const mh_scenario *s, mh_event **events, size_t *n_events,
                                  mh_error *err)
{
    size_t changes = 4 * (size_t)s->n_exercise + 2 * (size_t)s->n_interventions;
    size_t capacity = 2 + 2 * s->n_events + 2 * changes;
    if (s->n_exercise * 2 > MH_MAX_EXERCISE_MIX)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "day-resolved mode holds at most %d exercise entries (this run has %d)",
                              MH_MAX_EXERCISE_MIX / 2, s->n_exercise);
    mh_event *list = malloc(capacity * sizeof *list);
    if (!list)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory building the timeline");
    size_t n = 0;
    mh_daily_meal day = {0};
    for (int m = 0; m < s->n_daily_meals; m++) {
        day.carbs_g += s->daily_meals[m].carbs_g;
        day.fat_g += s->daily_meals[m].fat_g;
        day.protein_g += s->daily_meals[m].protein_g;
        day.fructose_g += s->daily_meals[m].fructose_g;
        day.alcohol_g += s->daily_meals[m].alcohol_g;
    }
    if (s->n_daily_meals > 0)
        list[n++] = feed_event(0.0, &day, 1.0);
    for (size_t i = 0; i < s->n_events; i++) {
        const mh_event *meal = &s->events[i];
        mh_daily_meal content = {.carbs_g = meal->carbs_g, .fat_g = meal->fat_g,
                                 .protein_g = meal->protein_g, .fructose_g = meal->fructose_g,
                                 .alcohol_g = meal->alcohol_g};
        list[n++] = feed_event(meal->time_min, &content, 1.0);
        if (meal->time_min + MH_MIN_PER_DAY < s->duration_min)
            list[n++] = feed_event(meal->time_min + MH_MIN_PER_DAY, &content, -1.0);
    }
    size_t first_change = n;
    for (int k = 0; k < s->n_exercise; k++)
        n += share_events(&s->exercise[k], s->duration_min, list + n);
    n += intervention_events(s, list + n);
    /* the daily effect is measured at the start and after each change of exercise
     * or intervention (level 1: must; the run also looks daily whether the slow
     * state has moved enough to measure it again) */
    size_t last_change = n;
    list[n++] = (mh_event){.time_min = 0.0, .kind = MH_EVENT_PROBE, .level = 1.0};
    for (size_t i = first_change; i < last_change; i++)
        if (list[i].time_min > 0.0 && list[i].time_min < s->duration_min)
            list[n++] = (mh_event){.time_min = list[i].time_min, .kind = MH_EVENT_PROBE, .level = 1.0};
    qsort(list, n, sizeof *list, by_time);
    *events = list;
    *n_events = n;
    return MH_OK;
}
