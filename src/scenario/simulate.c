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
 * so its first day is the last trial day. */
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
    double habitual = mh_weight_stable_kcal_per_day(sc->subject.sex, sc->subject.age_y,
                                                    sc->subject.height_cm, sc->subject.weight_kg,
                                                    sc->subject.physical_activity_level) /
                      sc->diet_energy_kcal_per_day;
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
    mh_status st = mh_model_create(&model, err);
    for (int i = 0; st == MH_OK && i < sc->n_overrides; i++)
        st = mh_model_set_param(model, sc->overrides[i].index, sc->overrides[i].value, err);
    if (st == MH_OK) {
        mh_scenario_subject_inputs(sc, mh_model_inputs(model));
        st = mh_solver_create(model, NULL, &solver, err);
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
    if (st == MH_OK)
        st = mh_timeline_build(sc, &events, &n_events, err);
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
        };
        st = mh_solver_run(solver, y, &plan, err);
        mh_solver_get_stats(solver, &r->stats);
    }
    free(events);
    free(y);
    free(smp.outputs);
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
