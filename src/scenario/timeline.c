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
    /* An intervention acts from its start to its end, where its level returns to none
     * (a messenger's production factor to 1). */
    for (int i = 0; i < s->n_interventions; i++) {
        const mh_intervention_plan *v = &s->interventions[i];
        double none = v->kind == MH_EVENT_MESSENGER ? 1.0 : 0.0;
        list[n++] = (mh_event){.time_min = v->from, .kind = v->kind, .target = v->target, .level = v->level};
        if (v->until < s->duration_min)
            list[n++] = (mh_event){.time_min = v->until, .kind = v->kind, .target = v->target, .level = none};
    }
    qsort(list, n, sizeof *list, by_time);
    *events = list;
    *n_events = n;
    return MH_OK;
}
