/*
 * model.h - model assembly: state layout, parameter set, right-hand side and
 * outputs built from the module registry (model layer).
 *
 * The state vector is the modules' states concatenated in registry order; each
 * state is marked fast or slow. The parameter vector is likewise concatenated.
 * An mh_model owns every workspace the right-hand side needs, allocated once
 * at creation, so evaluating it allocates nothing. One model per thread.
 */
#ifndef MH_MODEL_MODEL_H
#define MH_MODEL_MODEL_H

#include "myohep/myohep.h"
#include "physio/module.h"

typedef struct mh_model mh_model;

mh_status mh_model_create(mh_model **out, mh_error *err);
void mh_model_free(mh_model *m);

int mh_model_state_count(const mh_model *m);
/* "module.state" into buf; unit and metadata from the module's table. */
void mh_model_state_name(const mh_model *m, int index, char *buf, size_t size);
const mh_state_def *mh_model_state_def(const mh_model *m, int index);

/* Switch to a species' parameter set (model/species.c) and mark the inputs with
 * it; call before any mh_model_set_param. A new model holds the human set. */
void mh_model_set_species(mh_model *m, mh_species species);

/* Parameters: index as in the public catalogue (mh_param_find). */
double mh_model_param(const mh_model *m, int index);
/* Rejects values outside the parameter's bounds for the model's species, citing them. */
mh_status mh_model_set_param(mh_model *m, int index, double value, mh_error *err);
mh_inputs *mh_model_inputs(mh_model *m);

/* Freeze states from a timescale up (their derivatives read 0, and the clock the
 * modules see stands at 0): MH_STORE to settle the fast subsystem into its
 * post-absorptive steady state for given stores, MH_SLOW for trial days in which
 * glycogen follows the meals but the slow physiology stands still. */
typedef enum mh_freeze { MH_FREEZE_NONE, MH_FREEZE_STORES_AND_SLOW, MH_FREEZE_SLOW } mh_freeze;
void mh_model_freeze(mh_model *m, mh_freeze freeze);

/* Added to the time the modules see, which sets the subject's age: a window run
 * from 0 that stands for a later stretch of the scenario sees that stretch's age. */
void mh_model_set_clock_offset(mh_model *m, double offset_min);

/* Day-resolved mode: a rate added to each slow state's derivative (NULL: none),
 * the difference between the minute-resolved day's mean slow rates and those of
 * the quasi-steady fast subsystem (scenario/simulate.c measures it), changing by
 * trend per minute since from_min (trend NULL: constant). Only the slow states'
 * entries are kept. */
void mh_model_set_slow_bias(mh_model *m, const double *bias, const double *trend, double from_min);

/* Initial guess of the post-absorptive state from each module. */
void mh_model_basal_guess(mh_model *m, double *y);

/* dy/dt at (t, y). Returns 0, or 1 (recoverable, CVODE convention) when a state
 * or derivative is not finite; mh_model_last_bad_state then names it. */
int mh_model_rhs(mh_model *m, double t, const double *y, double *ydot);
int mh_model_last_bad_state(const mh_model *m);

/* Slow states the subject does not declare to their steady value at the signals
 * of state y (module steady_guess hooks, iterated); mh_solver_settle calls it
 * between two settles of the fast states. */
void mh_model_steady_guess(mh_model *m, double *y);

/* Record what the subject's start state y holds steady (the modules' hold_start:
 * muscle protein turnover), before any event; call it once the start is final. */
void mh_model_hold_start(mh_model *m, const double *y);

/* Evaluate every output (catalogue order, mh_var_at) at (t, y). */
void mh_model_outputs(mh_model *m, double t, const double *y, double *out);

/* Apply a discrete event (meal) to the state and inputs. */
void mh_model_apply_event(mh_model *m, const mh_event *ev, double *y);

/* Flux bookkeeping: fluxes after the last evaluation, catalogue of flux names. */
int mh_model_flux_count(const mh_model *m);
const mh_flux_def *mh_model_flux_def(const mh_model *m, int index, const mh_module **owner);
const double *mh_model_fluxes(const mh_model *m);
const double *mh_model_pool_rates(const mh_model *m);

#endif
