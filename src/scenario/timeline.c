/*
 * timeline.c - the events of a run in time order (scenario layer).
 *
 * Daily diet meals are repeated every day from day 0 up to the end of the run
 * and merged with the scenario's one-off events. Every event is a
 * discontinuity: the solver stops and re-initialises there.
 */
#include <stdlib.h>

#include "core/error.h"
#include "core/units.h"
#include "scenario/scenario.h"

static int by_time(const void *a, const void *b)
{
    const mh_event *x = a, *y = b;
    return (x->time_min > y->time_min) - (x->time_min < y->time_min);
}

mh_status mh_timeline_build(const mh_scenario *s, mh_event **events, size_t *n_events,
                            mh_error *err)
{
    size_t days = (size_t)(s->duration_min / MH_MIN_PER_DAY) + 1;
    size_t capacity = days * (size_t)s->n_daily_meals + s->n_events + 1;
    mh_event *list = malloc(capacity * sizeof *list);
    if (!list)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory building the timeline");
    size_t n = 0;
    for (size_t d = 0; d < days; d++) {
        for (int m = 0; m < s->n_daily_meals; m++) {
            double t = (double)d * MH_MIN_PER_DAY + s->daily_meals[m].minute_of_day;
            if (t <= s->duration_min && s->daily_meals[m].carbs_g > 0.0)
                list[n++] = (mh_event){.time_min = t, .kind = MH_EVENT_MEAL,
                                       .carbs_g = s->daily_meals[m].carbs_g};
        }
    }
    for (size_t i = 0; i < s->n_events; i++)
        list[n++] = s->events[i];
    qsort(list, n, sizeof *list, by_time);
    *events = list;
    *n_events = n;
    return MH_OK;
}
