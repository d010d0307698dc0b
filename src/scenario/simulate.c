/*
 * simulate.c - running a scenario and holding its result (scenario layer).
 *
 * A run: build the model with the scenario's parameters and subject, settle
 * the post-absorptive steady state of an overnight fast, hold a habitual liver
 * fat in steady state (habituation and trial days), integrate the event
 * timeline, and sample the requested outputs. No NaN ever reaches a result: a
 * non-finite output stops the run with the time and variable named.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "core/units.h"
#include "model/model.h"
#include "scenario/scenario.h"
#include "solver/solver.h"

struct mh_result {
    int n_cols;
    int *vars;      /* catalogue index per column */
    size_t n_rows, capacity;
    double *time;   /* n_rows */
    double *values; /* n_rows x n_cols */
    mh_solver_stats stats;
};

typedef struct sampler {
    mh_model *model;
    mh_result *result;
    double *outputs; /* every catalogue output, reused at each sample */
} sampler;

static mh_status take_sample(double t, const double *y, void *user, mh_error *err)
{
    sampler *s = user;
    mh_result *r = s->result;
    if (r->n_rows >= r->capacity)
        return mh_error_raise(err, MH_ERR_SOLVER, "more samples than planned at t = %g min", t);
    mh_model_outputs(s->model, t, y, s->outputs);
    double *row = r->values + r->n_rows * (size_t)r->n_cols;
    for (int c = 0; c < r->n_cols; c++) {
        double v = s->outputs[r->vars[c]];
        if (!isfinite(v)) {
            char when[64];
            mh_format_moment(t, when, sizeof when);
            return mh_error_raise(err, MH_ERR_SOLVER, "output %s is not finite at %s (t = %g min)",
                                  mh_var_at(r->vars[c])->name, when, t);
        }
        row[c] = v;
    }
    r->time[r->n_rows++] = t;
    return MH_OK;
}

/* A trial day of a habitual liver fat: the mean over the day of the store's
 * net deposition (g/day), read from the model's output. */
typedef struct deposition_mean {
    mh_model *model;
    double *outputs;
    int column;
    double sum;
    int n;
} deposition_mean;

static mh_status add_deposition(double t, const double *y, void *user, mh_error *err)
{
    (void)err;
    deposition_mean *d = user;
    mh_model_outputs(d->model, t, y, d->outputs);
    d->sum += d->outputs[d->column];
    d->n++;
    return MH_OK;
}

/* One trial day from y0 (slow states held) at this oxidation trait: the mean net
 * deposition into the liver's triglyceride store, g/day. */
static mh_status trial_day(mh_solver *solver, deposition_mean *d, const double *y0, double *y,
                           size_t n_states, const mh_solver_plan *plan, double trait,
                           double *rate, mh_error *err)
{
    mh_model_inputs(d->model)->liver_oxidation_trait = trait;
    memcpy(y, y0, sizeof(double) * n_states);
    d->sum = 0.0;
    d->n = 0;
    mh_status st = mh_solver_run(solver, y, plan, err);
    *rate = d->n > 0 ? d->sum / d->n : 0.0;
    return st;
}

/* A subject who declares liver fat as habitual (subject.liver_fat_habitual)
 * holds it in steady state on the habitual diet: the scenario's daily meals
 * scaled to the weight-stable energy (a change of energy is part of the
 * experiment, not of the subject's past), no exercise, no interventions.
 * First HABITUAL_DAYS on that diet with the slow states held (liver fat among
 * them) and the stores free: glycogen and intramyocellular lipid (turnover about
 * two days, filled by the day's FFA rather than the fasting level the settle
 * sees) take the daily rhythm they keep beside that liver; the slow states the
 * subject does not declare (inflammation, oxidative capacities) then move to
 * their steady value there. Then trial days from that midnight, the same way:
 * the liver's oxidation trait (the share of entering fatty acid it oxidises,
 * relative to the reference) is found by false position (Illinois) so that the
 * store's mean net deposition over the day is zero, bounded to [0.3, 1.6] (a
 * liver that still gains fat at the bound starts there and drifts). The run
 * starts from that habituated midnight, the habitual dinner still in the gut,
 * so its first day is the last trial day. The habitual days have their meals in
 * a day-resolved run too: that run follows the minute-resolved slow rates (its
 * probes add what the steady feed loses), so the trait must be the one that
 * holds the liver under meals. (Fitted under the steady feed, which misses the
 * night's lipolysis, it came out too low: a 9.7 % liver, trait 0.54 instead of
 * 0.71, rose to 33 % in a year day-resolved and stayed at 10 % minute-resolved.) */
enum { HABITUAL_DAYS = 14 };

/* start: the settled post-absorptive state in, the habituated midnight out. */
static mh_status hold_habitual_liver_fat(const mh_scenario *sc, mh_model *model, mh_solver *solver,
                                         double *start, mh_error *err)
{
    if (!sc->subject.liver_fat_habitual)
        return MH_OK;
    /* the scenario reader made sure of a diet with daily meals */
    enum { LOW, HIGH };
    static const double bound[2] = {0.3, 1.6};
    size_t n_states = (size_t)mh_model_state_count(model);
    double *habituated = malloc(sizeof(double) * n_states);
    double *y = malloc(sizeof(double) * n_states);
    double *outputs = malloc(sizeof(double) * (size_t)mh_var_count());
    if (!habituated || !y || !outputs) {
        free(habituated);
        free(y);
        free(outputs);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    }
    double habitual = mh_scenario_weight_stable_kcal_per_day(sc) / sc->diet_energy_kcal_per_day;
    mh_event meals[MH_MAX_DAILY_MEALS];
    for (int m = 0; m < sc->n_daily_meals; m++)
        meals[m] = mh_daily_meal_event(&sc->daily_meals[m], sc->daily_meals[m].minute_of_day,
                                       habitual);
    deposition_mean mean = {.model = model,
                            .outputs = outputs,
                            .column = mh_var_find("liver_tg_net_g_per_day")};
    mh_solver_plan plan = {.t_end_min = MH_MIN_PER_DAY,
                           .every_min = 10.0,
                           .events = meals,
                           .n_events = (size_t)sc->n_daily_meals,
                           .sample = add_deposition,
                           .sample_user = &mean};
    memcpy(habituated, start, sizeof(double) * n_states);
    mh_status st = MH_OK;
    mh_model_freeze(model, MH_FREEZE_SLOW);
    for (int day = 0; day < HABITUAL_DAYS && st == MH_OK; day++)
        st = mh_solver_run(solver, habituated, &plan, err);
    /* The slow states start where that habit leads them (inflammation and the
     * oxidative capacities follow the IMCL through CCL2). */
    mh_model_steady_guess(model, habituated);
    double trait[2] = {bound[LOW], bound[HIGH]}, rate[2], found = 1.0;
    for (int side = LOW; st == MH_OK && side <= HIGH; side++)
        st = trial_day(solver, &mean, habituated, y, n_states, &plan, trait[side], &rate[side], err);
    if (st == MH_OK) {
        if (rate[LOW] <= 0.0 || rate[HIGH] >= 0.0) {
            found = rate[LOW] <= 0.0 ? bound[LOW] : bound[HIGH];
        } else {
            int kept = -1; /* the side kept last time (Illinois: halve its rate if kept again) */
            for (int it = 0; it < 30 && st == MH_OK; it++) {
                found = trait[LOW] - rate[LOW] * (trait[HIGH] - trait[LOW]) / (rate[HIGH] - rate[LOW]);
                double r;
                st = trial_day(solver, &mean, habituated, y, n_states, &plan, found, &r, err);
                if (st != MH_OK || fabs(r) < 0.05 || trait[HIGH] - trait[LOW] < 1e-4)
                    break;
                int side = r > 0.0 ? LOW : HIGH;
                trait[side] = found;
                rate[side] = r;
                if (kept == 1 - side)
                    rate[1 - side] /= 2.0;
                kept = 1 - side;
            }
        }
    }
    mh_model_freeze(model, MH_FREEZE_NONE);
    mh_model_inputs(model)->liver_oxidation_trait = found;
    mh_model_inputs(model)->feed = (mh_feed){0}; /* the run's timeline sets its own */
    if (st == MH_OK) {
        memcpy(start, habituated, sizeof(double) * n_states);
        /* Held in its daily rhythm, the subject's muscle protein turnover is his
         * own steady state too (body.c). */
        mh_model_hold_start(model, start);
    }
    if (st != MH_OK)
        mh_error_prefix(err, "holding the habitual liver fat: ");
    free(habituated);
    free(y);
    free(outputs);
    return st;
}

/* ---- day-resolved mode: the daily effect of the fast subsystem ----------------
 *
 * With meals as a steady feed and bouts as a weekly mix, the fast subsystem sits
 * at a quasi-steady state, and nonlinear responses are lost in the averaging (a
 * night's low insulin frees far more fatty acid from fat than a steady feed's
 * constant insulin ever does). So at each probe the run measures the difference, a
 * heterogeneous-multiscale step: from the current state, over the coming window (a
 * day, or a week when there is exercise), the slow states' mean rates under the
 * minute-resolved meals and bouts and under the run's own steady feed; their
 * difference is added to the slow derivatives until the next probe (docs/MODEL.md
 * section 8). */
enum {
    PROBE_CHECK_DAYS = 1,   /* how often the run looks whether to probe */
    PROBE_EVERY_DAYS = 730, /* the longest a bias (with its trend) is used */
    TREND_MIN_DAYS = 60,    /* the shortest span between probes a trend is drawn from */
    BIAS_ROUNDS = 6         /* the most quasi-steady twins a probe runs to fit its bias */
};
/* A slow state that moved by this share of its size (or its typical scale, when
 * larger) since the last probe calls for a new one. */
static const double PROBE_DRIFT = 0.05;
/* Day-resolved: the fast states sit at their quasi-steady state, so the slow ones
 * set the step; a looser tolerance suits them. The probes' twins need less still:
 * what they measure is the slow states' change over the window, whose error
 * follows their rates, not their size (tightening the probes to the run's own
 * tolerance moves ten-year liver fat by 0.01 %). The error against the minute mode
 * is measured, docs/MODEL.md section 8. */
static const mh_solver_options DAY_TOLERANCES = {.rtol = 1e-5, .atol_factor = 1e-6,
                                                 .max_steps = 500000};
static const double PROBE_RTOL = 1e-4, PROBE_ATOL_FACTOR = 1e-5;

static mh_status no_sample(double t, const double *y, void *user, mh_error *err)
{
    (void)t, (void)y, (void)user, (void)err;
    return MH_OK;
}

typedef struct day_mode {
    const mh_scenario *scenario;
    mh_scenario *window; /* the scenario's meals and exercise from the probe's day on */
    mh_exercise_plan *window_exercise; /* the window's own exercise, shifted (its block) */
    mh_model *model;
    mh_solver *solver;
    double *y;           /* workspace: the twin being run */
    double *minute_mean; /* the minute twin's mean rates */
    double *steady_mean; /* the steady twin's mean rates */
    double *probed;      /* the state at the last probe */
    double *rhythm;      /* the minute twin's state at the end of the last probe */
    double *bias;        /* the bias being measured */
    double *earlier_bias; /* the bias the last probe measured */
    double *trend;       /* the bias's change per minute between the last two probes */
    double *slow_scale;  /* each slow state's typical scale; -1 for the others */
    int has_rhythm;
    double last_probe_min;
} day_mode;

/* A slow state's size at y: its value, or its typical scale when larger (so that
 * a state near zero is not judged by its relative change). */
static double slow_size(const day_mode *d, const double *y, int k)
{
    return fmax(fabs(y[k]), d->slow_scale[k]);
}

/* Whether the slow state has moved enough since the last probe to call for another. */
static int drifted(const day_mode *d, const double *y, double t)
{
    if (t - d->last_probe_min >= PROBE_EVERY_DAYS * MH_MIN_PER_DAY)
        return 1;
    for (int k = 0; k < mh_model_state_count(d->model); k++) {
        if (d->slow_scale[k] < 0.0)
            continue;
        if (fabs(y[k] - d->probed[k]) > PROBE_DRIFT * slow_size(d, d->probed, k))
            return 1;
    }
    return 0;
}

/* The meals and exercise of the window starting at t0 (whole days), as a
 * minute-resolved scenario starting at 0: exercise weeks shifted, weekdays
 * rotated; one-off meals and interventions left out (the inputs already hold the
 * interventions in force). */
static void shift_window(day_mode *d, double t0, double days)
{
    mh_scenario *w = d->window;
    *w = *d->scenario; /* the meals are read only, so shared; the exercise is shifted */
    w->exercise = d->window_exercise;
    if (w->n_exercise > 0)
        memcpy(w->exercise, d->scenario->exercise, sizeof *w->exercise * (size_t)w->n_exercise);
    w->n_events = 0;
    w->events = NULL;
    w->n_interventions = 0;
    w->duration_min = days * MH_MIN_PER_DAY;
    int weekday = (int)fmod(floor(t0 / MH_MIN_PER_DAY + 0.5), 7.0);
    for (int k = 0; k < w->n_exercise; k++) {
        mh_exercise_plan *e = &w->exercise[k];
        e->from -= t0;
        e->until -= t0;
        unsigned rotated = 0;
        for (int j = 0; j < 7; j++)
            rotated |= ((e->days >> ((j + weekday) % 7)) & 1u) << j;
        e->days = rotated;
    }
}

/* The states' mean rates over the plan's window, run from d->y with every state
 * free: their change over it by its length, integrated by the solver itself (a
 * sampled mean would alias short bouts). The clock starts at 0 in both the
 * minute window and its quasi-steady twin, so both see the same age. */
static mh_status mean_rates(day_mode *d, const mh_solver_plan *plan, double *mean, mh_error *err)
{
    size_t n = (size_t)mh_model_state_count(d->model);
    memcpy(mean, d->y, sizeof(double) * n);
    mh_status st = mh_solver_run(d->solver, d->y, plan, err);
    for (size_t k = 0; k < n; k++)
        mean[k] = (d->y[k] - mean[k]) / plan->t_end_min;
    return st;
}

/* Copy the slow states of `from` into `to`. */
static void take_slow_states(const mh_model *m, const double *from, double *to)
{
    for (int k = 0; k < mh_model_state_count(m); k++)
        if (mh_model_state_def(m, k)->timescale == MH_SLOW)
            to[k] = from[k];
}

/* The window a probe measures over: a week while an exercise entry is in force
 * within it (bouts recur weekly) or was in the week before, else a day: a week of
 * meals alone measures nothing a day does not, at seven times the cost. The week
 * after a programme ends stays weekly because the stores its bouts leave behind
 * (insulin sensitization, the resistance stimulus) fade over days, and the next
 * probe's shadow would start from a one-day window's end with them still high
 * (measured: muscle mass +2.6 % off the minute mode months after 12 weeks of
 * lifting). */
static double window_days(const mh_scenario *sc, double t)
{
    for (int k = 0; k < sc->n_exercise; k++) {
        const mh_exercise_plan *e = &sc->exercise[k];
        if (e->until > t - MH_MIN_PER_WEEK && e->from < t + MH_MIN_PER_WEEK)
            return 7.0;
    }
    return 1.0;
}

/* The bias in force at t: the last probe's, carried along its trend. */
static void bias_in_force(const day_mode *d, double t, double *bias)
{
    size_t n = (size_t)mh_model_state_count(d->model);
    for (size_t k = 0; k < n; k++)
        bias[k] = d->last_probe_min >= 0.0
                      ? d->earlier_bias[k] + d->trend[k] * (t - d->last_probe_min)
                      : 0.0;
}

static mh_status probe(const mh_event *ev, double *y_now, void *user, int *changed,
                       mh_error *err)
{
    day_mode *d = user;
    double days = window_days(d->scenario, ev->time_min);
    if (ev->kind != MH_EVENT_PROBE || ev->time_min == d->last_probe_min ||
        (ev->level == 0.0 && (ev->time_min - d->last_probe_min < days * MH_MIN_PER_DAY ||
                              !drifted(d, y_now, ev->time_min))))
        return MH_OK;
    *changed = 1;
    size_t n = (size_t)mh_model_state_count(d->model);
    memcpy(d->probed, y_now, sizeof(double) * n);
    mh_inputs *in = mh_model_inputs(d->model), kept = *in;
    mh_event *events = NULL;
    size_t n_events = 0;
    double earlier_min = d->last_probe_min;
    bias_in_force(d, ev->time_min, d->bias);
    mh_model_set_slow_bias(d->model, NULL, NULL, 0.0);
    /* both twins run from 0 but at the subject's age now */
    mh_model_set_clock_offset(d->model, ev->time_min);
    mh_status st = mh_solver_set_tolerances(d->solver, PROBE_RTOL, PROBE_ATOL_FACTOR, err);
    /* The minute twin is a shadow of the minute-resolved run: each window continues
     * from where its last one ended (the first from the run's start, as the minute
     * run itself does), with today's slow states, so that it carries the same store
     * transients the minute run goes through (after the start, after a change). */
    in->feed = (mh_feed){0};
    in->n_exercise_mix = 0;
    shift_window(d, ev->time_min, days);
    if (st == MH_OK)
        st = mh_timeline_build(d->window, &events, &n_events, err);
    memcpy(d->y, d->has_rhythm ? d->rhythm : y_now, sizeof(double) * n);
    take_slow_states(d->model, y_now, d->y);
    mh_solver_plan plan = {.t_end_min = days * MH_MIN_PER_DAY, .every_min = days * MH_MIN_PER_DAY,
                           .events = events, .n_events = n_events, .sample = no_sample};
    if (st == MH_OK)
        st = mean_rates(d, &plan, d->minute_mean, err);
    memcpy(d->rhythm, d->y, sizeof(double) * n);
    d->has_rhythm = st == MH_OK;
    free(events);
    *in = kept;
    /* The quasi-steady twin is the run's own model (steady feed and mix, and the
     * bias) from where the run stands, so it does not settle first. Over the window
     * its slow states drift from the minute twin's as soon as its bias is wrong (a
     * liver whose store relaxes in days follows its own derivative back within the
     * window, and a bias read off the two changes comes out short: by ~5 % over a
     * day, ~30 % over a week). So the bias is the one with which the run's model
     * reproduces the minute twin's change over the window: from the bias in force,
     * each round adds what the twins' mean rates still differ by. The bias enters
     * the slow derivatives nearly linearly, so the shortfall shrinks by that same
     * factor each round. */
    plan = (mh_solver_plan){.t_end_min = days * MH_MIN_PER_DAY,
                            .every_min = days * MH_MIN_PER_DAY, .sample = no_sample};
    for (int round = 0; st == MH_OK && round < BIAS_ROUNDS; round++) {
        mh_model_set_slow_bias(d->model, d->bias, NULL, 0.0);
        memcpy(d->y, y_now, sizeof(double) * n);
        st = mean_rates(d, &plan, d->steady_mean, err);
        int settled = 1;
        for (size_t k = 0; k < n; k++) {
            if (d->slow_scale[k] < 0.0)
                continue;
            double shortfall = d->minute_mean[k] - d->steady_mean[k];
            d->bias[k] += shortfall;
            /* what is left would move the state by less than the twins resolve */
            if (fabs(shortfall) * plan.t_end_min > PROBE_RTOL * slow_size(d, y_now, (int)k))
                settled = 0;
        }
        if (settled)
            break;
    }
    mh_model_set_clock_offset(d->model, 0.0);
    if (st == MH_OK)
        st = mh_solver_set_tolerances(d->solver, DAY_TOLERANCES.rtol, DAY_TOLERANCES.atol_factor,
                                      err);
    /* A bias measured after a change, or too soon after the last one, carries
     * transients: no trend is drawn from it. */
    double span = ev->time_min - earlier_min;
    int trended = ev->level == 0.0 && earlier_min >= 0.0 && span >= TREND_MIN_DAYS * MH_MIN_PER_DAY;
    for (size_t k = 0; k < n; k++) {
        d->trend[k] = trended ? (d->bias[k] - d->earlier_bias[k]) / span : 0.0;
        d->earlier_bias[k] = d->bias[k];
    }
    d->last_probe_min = ev->time_min;
    if (st == MH_OK)
        mh_model_set_slow_bias(d->model, d->bias, d->trend, ev->time_min);
    else
        mh_error_prefix(err, "measuring the daily effect of meals and exercise (day-resolved mode): ");
    return st;
}

static void day_mode_free(day_mode *d)
{
    free(d->window);
    free(d->y); /* the one block of the state vectors */
}

static mh_status day_mode_new(day_mode *d, const mh_scenario *sc, mh_model *model,
                              mh_solver *solver, mh_error *err)
{
    enum { VECTORS = 9 };
    size_t n = (size_t)mh_model_state_count(model);
    *d = (day_mode){.scenario = sc, .model = model, .solver = solver, .last_probe_min = -1.0};
    /* the window and its exercise in one block */
    d->window = malloc(sizeof *d->window + sizeof *d->window_exercise * (size_t)sc->n_exercise);
    if (d->window)
        d->window_exercise = (mh_exercise_plan *)(d->window + 1);
    d->y = malloc(sizeof(double) * n * VECTORS);
    if (!d->window || !d->y) {
        day_mode_free(d);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for the day-resolved mode");
    }
    d->minute_mean = d->y + n;
    d->steady_mean = d->y + 2 * n;
    d->probed = d->y + 3 * n;
    d->rhythm = d->y + 4 * n;
    d->earlier_bias = d->y + 5 * n;
    d->trend = d->y + 6 * n;
    /* looked at every simulated day (drifted), so read once */
    d->slow_scale = d->y + 7 * n;
    d->bias = d->y + 8 * n;
    for (size_t k = 0; k < n; k++) {
        const mh_state_def *def = mh_model_state_def(model, (int)k);
        d->slow_scale[k] = def->timescale == MH_SLOW ? def->scale : -1.0;
    }
    return MH_OK;
}

static mh_status result_new(const mh_scenario *sc, mh_result **out, mh_error *err)
{
    mh_result *r = calloc(1, sizeof *r);
    if (!r)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    r->n_cols = sc->n_vars;
    r->capacity = mh_solver_sample_count(sc->duration_min, sc->every_min);
    r->vars = malloc(sizeof(int) * (size_t)(r->n_cols > 0 ? r->n_cols : 1));
    r->time = malloc(sizeof(double) * r->capacity);
    r->values = malloc(sizeof(double) * r->capacity * (size_t)(r->n_cols > 0 ? r->n_cols : 1));
    if (!r->vars || !r->time || !r->values) {
        size_t rows = r->capacity;
        mh_result_free(r);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for %zu output rows", rows);
    }
    memcpy(r->vars, sc->vars, sizeof(int) * (size_t)r->n_cols);
    *out = r;
    return MH_OK;
}

mh_status mh_simulate(const mh_scenario *sc, const mh_run_options *options, mh_result **out,
                      mh_error *err)
{
    *out = NULL;
    mh_model *model = NULL;
    mh_solver *solver = NULL;
    mh_result *r = NULL;
    mh_event *events = NULL;
    size_t n_events = 0;
    double *y = NULL;
    sampler smp = {0};
    mh_resolution resolution = options ? options->resolution : MH_RESOLUTION_MINUTE;
    mh_status st = mh_model_create(&model, err);
    if (st == MH_OK)
        mh_model_set_species(model, sc->species);
    for (int i = 0; st == MH_OK && i < sc->n_overrides; i++)
        st = mh_model_set_param(model, sc->overrides[i].index, sc->overrides[i].value, err);
    if (st == MH_OK) {
        mh_scenario_subject_inputs(sc, mh_model_inputs(model));
        st = mh_solver_create(model, resolution == MH_RESOLUTION_DAY ? &DAY_TOLERANCES : NULL,
                              &solver, err);
    }
    if (st == MH_OK) {
        y = malloc(sizeof(double) * (size_t)mh_model_state_count(model));
        smp.outputs = malloc(sizeof(double) * (size_t)mh_var_count());
        if (!y || !smp.outputs)
            st = mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    }
    if (st == MH_OK) {
        mh_model_basal_guess(model, y);
        st = mh_solver_settle(solver, y, err);
        if (st != MH_OK)
            mh_error_prefix(err, "settling the post-absorptive state: ");
    }
    if (st == MH_OK)
        st = hold_habitual_liver_fat(sc, model, solver, y, err);
    day_mode day = {0};
    if (st == MH_OK && resolution == MH_RESOLUTION_DAY) {
        st = day_mode_new(&day, sc, model, solver, err);
        if (st == MH_OK)
            st = mh_timeline_build_daily(sc, &events, &n_events, err);
    } else if (st == MH_OK) {
        st = mh_timeline_build(sc, &events, &n_events, err);
    }
    if (st == MH_OK)
        st = result_new(sc, &r, err);
    if (st == MH_OK) {
        smp.model = model;
        smp.result = r;
        mh_solver_plan plan = {
            .t_end_min = sc->duration_min,
            .every_min = sc->every_min,
            .events = events,
            .n_events = n_events,
            .sample = take_sample,
            .sample_user = &smp,
            .progress = options ? options->progress : NULL,
            .progress_user = options ? options->progress_user : NULL,
            .after_event = resolution == MH_RESOLUTION_DAY ? probe : NULL,
            .event_user = &day,
            .tick_min = resolution == MH_RESOLUTION_DAY ? PROBE_CHECK_DAYS * MH_MIN_PER_DAY : 0.0,
        };
        st = mh_solver_run(solver, y, &plan, err);
        mh_solver_get_stats(solver, &r->stats);
    }
    free(events);
    free(y);
    free(smp.outputs);
    day_mode_free(&day);
    mh_solver_free(solver);
    mh_model_free(model);
    if (st != MH_OK) {
        mh_result_free(r);
        return st;
    }
    *out = r;
    return MH_OK;
}

size_t mh_result_rows(const mh_result *r) { return r->n_rows; }
int mh_result_columns(const mh_result *r) { return r->n_cols; }

const char *mh_result_column_name(const mh_result *r, int c)
{
    return c >= 0 && c < r->n_cols ? mh_var_at(r->vars[c])->name : NULL;
}

const char *mh_result_column_unit(const mh_result *r, int c)
{
    return c >= 0 && c < r->n_cols ? mh_var_at(r->vars[c])->unit : NULL;
}

double mh_result_time_min(const mh_result *r, size_t row) { return r->time[row]; }

double mh_result_value(const mh_result *r, size_t row, int c)
{
    return r->values[row * (size_t)r->n_cols + (size_t)c];
}

int mh_result_find_column(const mh_result *r, const char *name)
{
    for (int c = 0; c < r->n_cols; c++)
        if (strcmp(mh_result_column_name(r, c), name) == 0)
            return c;
    return -1;
}

const mh_solver_stats *mh_result_stats(const mh_result *r) { return &r->stats; }

void mh_result_free(mh_result *r)
{
    if (!r)
        return;
    free(r->vars);
    free(r->time);
    free(r->values);
    free(r);
}

/* JSON strings here are names and units from our own catalogue (ASCII without quotes). */
static void write_json(const mh_result *r, FILE *fp)
{
    fprintf(fp, "{\n  \"myohep_version\": \"%s\",\n  \"columns\": [\n", MYOHEP_VERSION);
    fprintf(fp, "    {\"name\": \"time_min\", \"unit\": \"min\"}");
    for (int c = 0; c < r->n_cols; c++)
        fprintf(fp, ",\n    {\"name\": \"%s\", \"unit\": \"%s\"}", mh_var_at(r->vars[c])->name,
                mh_var_at(r->vars[c])->unit);
    fprintf(fp, "\n  ],\n  \"rows\": [\n");
    for (size_t i = 0; i < r->n_rows; i++) {
        fprintf(fp, "    [%.10g", r->time[i]);
        for (int c = 0; c < r->n_cols; c++)
            fprintf(fp, ", %.10g", mh_result_value(r, i, c));
        fprintf(fp, "]%s\n", i + 1 < r->n_rows ? "," : "");
    }
    fprintf(fp, "  ]\n}\n");
}

static void write_csv(const mh_result *r, FILE *fp)
{
    fputs("time_min", fp);
    for (int c = 0; c < r->n_cols; c++)
        fprintf(fp, ",%s", mh_var_at(r->vars[c])->name);
    fputs("\n# units: min", fp);
    for (int c = 0; c < r->n_cols; c++)
        fprintf(fp, ",%s", mh_var_at(r->vars[c])->unit);
    fputc('\n', fp);
    for (size_t i = 0; i < r->n_rows; i++) {
        fprintf(fp, "%.10g", r->time[i]);
        for (int c = 0; c < r->n_cols; c++)
            fprintf(fp, ",%.10g", mh_result_value(r, i, c));
        fputc('\n', fp);
    }
}

mh_status mh_result_write(const mh_result *r, const char *path, mh_format format, mh_error *err)
{
    mh_atomic_file f;
    mh_status st = mh_atomic_open(&f, path, err);
    if (st != MH_OK)
        return st;
    if (format == MH_FORMAT_JSON)
        write_json(r, f.fp);
    else
        write_csv(r, f.fp);
    st = mh_atomic_commit(&f, err);
    if (st != MH_OK)
        mh_atomic_abort(&f);
    return st;
}
