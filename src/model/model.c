/*
 * model.c - assembling modules into one ODE system (model layer).
 *
 * One evaluation at (t, y):
 *   1. pool amounts from the circulation states, concentrations from volumes;
 *   2. every module publishes its signals from its own state;
 *   3. every module computes its fluxes;
 *   4. each flux naming a pool is added to (or taken from) that pool's rate;
 *   5. every module computes its derivatives (pool rates are complete here).
 */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "model/catalog.h"
#include "model/species.h"
#include "physio/registry.h"

enum { MAX_MODULES = 32 };

struct mh_model {
    int n_states, n_params, n_fluxes, n_outputs;
    int state_at[MAX_MODULES + 1]; /* offsets of each module's block */
    int param_at[MAX_MODULES + 1];
    int flux_at[MAX_MODULES + 1];
    int output_at[MAX_MODULES + 1];
    double *params;
    double *flux;
    double *slow_bias; /* day-resolved mode: added to the slow derivatives (0 otherwise), */
    double *slow_bias_trend; /* plus this per minute since bias_from_min */
    double bias_from_min;
    double clock_offset_min; /* added to the time the modules see (their age) */
    mh_species species;      /* whose parameter set (and bounds) the model holds */
    mh_inputs inputs;
    mh_shared shared;
    mh_freeze freeze;
    int last_bad_state;
    int *derived_inputs; /* output index of each derived output's arguments */
};

/* The default subject (scenarios set their own): the Dalla Man 2007 cohort's
 * mean body weight, a man of 40 of 176 cm, 20 % body fat, reference genotypes,
 * no interventions. The weight-stable intake is Mifflin-St Jeor x PAL. */
static void set_default_inputs(mh_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->body_weight_kg = 78.0;
    in->age_y = 40.0;
    in->height_m = 1.76;
    in->fat_mass_kg = mh_body_fat_estimate_kg(0, 40.0, 1.76, 78.0);
    in->muscle_mass_kg = mh_body_muscle_estimate_kg(0, 78.0 - in->fat_mass_kg);
    in->physical_activity_level = 1.55;
    in->vo2max_ml_kg_min = 40.0;
    in->liver_fat_pct = 2.5;
    in->liver_oxidation_trait = 1.0;
    in->muscle_synthesis_start = in->muscle_breakdown_start = 1.0;
    in->protein_g_per_kg_day = 1.0;
    in->intake_kcal_day =
        in->physical_activity_level * mh_body_resting_kcal_per_day(0, 40.0, 1.76, 78.0);
    for (int k = 0; k < MH_MESSENGER_COUNT; k++)
        in->messenger_factor[k] = 1.0;
}

mh_status mh_model_create(mh_model **out, mh_error *err)
{
    *out = NULL;
    if (mh_module_count > MAX_MODULES)
        return mh_error_raise(err, MH_ERR_INVALID, "too many modules (%d > %d)", mh_module_count,
                              MAX_MODULES);
    mh_model *m = calloc(1, sizeof *m);
    if (!m)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory creating the model");
    for (int i = 0; i < mh_module_count; i++) {
        const mh_module *mod = mh_modules[i];
        m->state_at[i] = m->n_states;
        m->param_at[i] = m->n_params;
        m->flux_at[i] = m->n_fluxes;
        m->output_at[i] = m->n_outputs;
        m->n_states += mod->n_states;
        m->n_params += mod->n_params;
        m->n_fluxes += mod->n_fluxes;
        m->n_outputs += mod->n_outputs;
    }
    m->state_at[mh_module_count] = m->n_states;
    m->param_at[mh_module_count] = m->n_params;
    m->flux_at[mh_module_count] = m->n_fluxes;
    m->output_at[mh_module_count] = m->n_outputs;
    m->params = calloc((size_t)m->n_params, sizeof(double));
    m->flux = calloc((size_t)m->n_fluxes + 1, sizeof(double));
    m->slow_bias = calloc(2 * (size_t)m->n_states, sizeof(double));
    if (m->slow_bias)
        m->slow_bias_trend = m->slow_bias + m->n_states;
    if (!m->params || !m->flux || !m->slow_bias) {
        mh_model_free(m);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory creating the model");
    }
    for (int i = 0; i < m->n_params; i++)
        m->params[i] = mh_param_at(i)->default_value;
    int n_derived = mh_derived_count();
    m->derived_inputs = calloc((size_t)n_derived * MH_DERIVED_MAX_INPUTS + 1, sizeof(int));
    if (!m->derived_inputs) {
        mh_model_free(m);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory creating the model");
    }
    for (int d = 0; d < n_derived; d++) {
        const mh_derived_def *def = mh_derived_at(d);
        for (int a = 0; a < MH_DERIVED_MAX_INPUTS && def->inputs[a]; a++) {
            int index = mh_var_find(def->inputs[a]);
            if (index < 0 || index >= m->n_outputs) {
                mh_model_free(m);
                return mh_error_raise(err, MH_ERR_NOT_FOUND,
                                      "derived output %s needs %s, which no module provides",
                                      def->info.name, def->inputs[a]);
            }
            m->derived_inputs[d * MH_DERIVED_MAX_INPUTS + a] = index;
        }
    }
    set_default_inputs(&m->inputs);
    m->last_bad_state = -1;
    *out = m;
    return MH_OK;
}

void mh_model_free(mh_model *m)
{
    if (!m)
        return;
    free(m->params);
    free(m->flux);
    free(m->slow_bias);
    free(m->derived_inputs);
    free(m);
}

int mh_model_state_count(const mh_model *m) { return m->n_states; }

static int module_of_state(const mh_model *m, int index)
{
    int i = 0;
    while (i + 1 < mh_module_count && m->state_at[i + 1] <= index)
        i++;
    return i;
}

const mh_state_def *mh_model_state_def(const mh_model *m, int index)
{
    int i = module_of_state(m, index);
    return &mh_modules[i]->states[index - m->state_at[i]];
}

void mh_model_state_name(const mh_model *m, int index, char *buf, size_t size)
{
    if (index < 0 || index >= m->n_states) {
        snprintf(buf, size, "(state %d)", index);
        return;
    }
    int i = module_of_state(m, index);
    snprintf(buf, size, "%s.%s", mh_modules[i]->name, mh_model_state_def(m, index)->name);
}

double mh_model_param(const mh_model *m, int index) { return m->params[index]; }

void mh_model_set_species(mh_model *m, mh_species species)
{
    m->species = species;
    m->inputs.species = species;
    for (int i = 0; i < m->n_params; i++) {
        mh_species_param p;
        mh_species_param_at(species, i, &p);
        m->params[i] = p.info.default_value;
    }
}

mh_status mh_model_set_param(mh_model *m, int index, double value, mh_error *err)
{
    if (index < 0 || index >= m->n_params)
        return mh_error_raise(err, MH_ERR_NOT_FOUND, "no parameter with index %d", index);
    mh_species_param bounds;
    mh_species_param_at(m->species, index, &bounds);
    const mh_param_info *info = &bounds.info;
    if (!isfinite(value) || value < info->lower || value > info->upper)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "parameter %s = %g %s is outside its bounds [%g, %g] %s",
                              info->name, value, info->unit, info->lower, info->upper,
                              info->unit);
    m->params[index] = value;
    return MH_OK;
}

mh_inputs *mh_model_inputs(mh_model *m) { return &m->inputs; }

void mh_model_set_clock_offset(mh_model *m, double offset_min) { m->clock_offset_min = offset_min; }

void mh_model_freeze(mh_model *m, mh_freeze freeze) { m->freeze = freeze; }

void mh_model_set_slow_bias(mh_model *m, const double *bias, const double *trend, double from_min)
{
    for (int k = 0; k < m->n_states; k++) {
        int slow = mh_model_state_def(m, k)->timescale == MH_SLOW;
        m->slow_bias[k] = bias && slow ? bias[k] : 0.0;
        m->slow_bias_trend[k] = bias && trend && slow ? trend[k] : 0.0;
    }
    m->bias_from_min = from_min;
}

static mh_module_ctx context(const mh_model *m, int i, double t, const double *y)
{
    /* While the slow states are frozen (settling), so is the clock of ageing. */
    mh_module_ctx c = {
        .t_min = m->freeze != MH_FREEZE_NONE ? 0.0 : t + m->clock_offset_min,
        .x = y + m->state_at[i],
        .p = m->params + m->param_at[i],
        .shared = &m->shared,
        .in = &m->inputs,
    };
    return c;
}

void mh_model_basal_guess(mh_model *m, double *y)
{
    for (int i = 0; i < mh_module_count; i++)
        if (mh_modules[i]->basal_guess)
            mh_modules[i]->basal_guess(m->params + m->param_at[i], &m->inputs,
                                       y + m->state_at[i]);
}

/* Steps 1-4 of an evaluation: pools, signals, fluxes, pool rates. */
static void evaluate_fluxes(mh_model *m, double t, const double *y)
{
    mh_shared *s = &m->shared;
    const double *circulation_params = m->params + m->param_at[0];
    memcpy(s->amount, y + m->state_at[0], sizeof s->amount);
    mh_circulation_concentrations(circulation_params, s->amount, s->conc);
    mh_circulation_references(circulation_params, s->ref);
    for (int i = 0; i < mh_module_count; i++) {
        if (mh_modules[i]->publish) {
            mh_module_ctx c = context(m, i, t, y);
            mh_modules[i]->publish(&c, s->signal);
        }
    }
    memset(s->rate, 0, sizeof s->rate);
    for (int i = 0; i < mh_module_count; i++) {
        const mh_module *mod = mh_modules[i];
        if (!mod->compute_fluxes)
            continue;
        mh_module_ctx c = context(m, i, t, y);
        double *f = m->flux + m->flux_at[i];
        mod->compute_fluxes(&c, f);
        for (int k = 0; k < mod->n_fluxes; k++) {
            if (mod->fluxes[k].from_pool != MH_POOL_NONE)
                s->rate[mod->fluxes[k].from_pool] -= f[k];
            if (mod->fluxes[k].to_pool != MH_POOL_NONE)
                s->rate[mod->fluxes[k].to_pool] += f[k];
        }
    }
    mh_circulation_concentrations(circulation_params, s->rate, s->conc_rate);
}

int mh_model_rhs(mh_model *m, double t, const double *y, double *ydot)
{
    for (int k = 0; k < m->n_states; k++) {
        if (!isfinite(y[k])) {
            m->last_bad_state = k;
            return 1;
        }
    }
    evaluate_fluxes(m, t, y);
    mh_timescale frozen_from = m->freeze == MH_FREEZE_SLOW ? MH_SLOW : MH_STORE;
    for (int i = 0; i < mh_module_count; i++) {
        const mh_module *mod = mh_modules[i];
        double *dx = ydot + m->state_at[i];
        if (mod->compute_derivatives) {
            mh_module_ctx c = context(m, i, t, y);
            mod->compute_derivatives(&c, m->flux + m->flux_at[i], dx);
        } else {
            for (int k = 0; k < mod->n_states; k++)
                dx[k] = 0.0;
        }
        for (int k = 0; k < mod->n_states; k++)
            dx[k] += m->slow_bias[m->state_at[i] + k] +
                     m->slow_bias_trend[m->state_at[i] + k] * (t - m->bias_from_min);
        if (m->freeze != MH_FREEZE_NONE)
            for (int k = 0; k < mod->n_states; k++)
                if (mod->states[k].timescale >= frozen_from)
                    dx[k] = 0.0;
    }
    for (int k = 0; k < m->n_states; k++) {
        if (!isfinite(ydot[k])) {
            m->last_bad_state = k;
            return 1;
        }
    }
    return 0;
}

int mh_model_last_bad_state(const mh_model *m) { return m->last_bad_state; }

void mh_model_steady_guess(mh_model *m, double *y)
{
    /* A few rounds: the guesses feed one another (inflammation and hepatic mitochondria). */
    for (int round = 0; round < 5; round++) {
        evaluate_fluxes(m, 0.0, y);
        for (int i = 0; i < mh_module_count; i++) {
            if (mh_modules[i]->steady_guess) {
                mh_module_ctx c = context(m, i, 0.0, y);
                mh_modules[i]->steady_guess(&c, y + m->state_at[i]);
            }
        }
    }
}

void mh_model_hold_start(mh_model *m, const double *y)
{
    evaluate_fluxes(m, 0.0, y);
    for (int i = 0; i < mh_module_count; i++) {
        if (mh_modules[i]->hold_start) {
            mh_module_ctx c = context(m, i, 0.0, y);
            mh_modules[i]->hold_start(&c, &m->inputs);
        }
    }
}

void mh_model_outputs(mh_model *m, double t, const double *y, double *out)
{
    evaluate_fluxes(m, t, y);
    for (int i = 0; i < mh_module_count; i++) {
        const mh_module *mod = mh_modules[i];
        if (mod->compute_outputs) {
            mh_module_ctx c = context(m, i, t, y);
            mod->compute_outputs(&c, m->flux + m->flux_at[i], out + m->output_at[i]);
        }
    }
    for (int d = 0; d < mh_derived_count(); d++) {
        const mh_derived_def *def = mh_derived_at(d);
        double args[MH_DERIVED_MAX_INPUTS] = {0};
        for (int a = 0; a < MH_DERIVED_MAX_INPUTS && def->inputs[a]; a++)
            args[a] = out[m->derived_inputs[d * MH_DERIVED_MAX_INPUTS + a]];
        out[m->n_outputs + d] = def->compute(args);
    }
}

void mh_model_apply_event(mh_model *m, const mh_event *ev, double *y)
{
    /* Interventions and messenger factors are inputs every module may read. */
    if (ev->kind == MH_EVENT_INTERVENTION && ev->target >= 0 &&
        ev->target < MH_INTERVENTION_COUNT) {
        m->inputs.intervention[ev->target] = ev->level;
        return;
    }
    if (ev->kind == MH_EVENT_MESSENGER && ev->target >= 0 && ev->target < MH_MESSENGER_COUNT) {
        m->inputs.messenger_factor[ev->target] = ev->level;
        return;
    }
    for (int i = 0; i < mh_module_count; i++)
        if (mh_modules[i]->on_event)
            mh_modules[i]->on_event(ev, m->params + m->param_at[i], y + m->state_at[i],
                                    &m->inputs);
}

int mh_model_flux_count(const mh_model *m) { return m->n_fluxes; }

const mh_flux_def *mh_model_flux_def(const mh_model *m, int index, const mh_module **owner)
{
    for (int i = 0; i < mh_module_count; i++) {
        if (index < m->flux_at[i + 1]) {
            if (owner)
                *owner = mh_modules[i];
            return &mh_modules[i]->fluxes[index - m->flux_at[i]];
        }
    }
    return NULL;
}

const double *mh_model_fluxes(const mh_model *m) { return m->flux; }

const double *mh_model_pool_rates(const mh_model *m) { return m->shared.rate; }
