/*
 * solver.h - integration of the model over a timeline of events (solver layer).
 *
 * The only user of CVODE (SUNDIALS 6.4): BDF with KLU on a sparse
 * finite-difference Jacobian, stop-and-reinit at every discontinuity (meal,
 * bout start and end), output sampled at a fixed interval by CVODE's
 * interpolation. One solver per model and per thread.
 */
#ifndef MH_SOLVER_SOLVER_H
#define MH_SOLVER_SOLVER_H

#include <stddef.h>

#include "model/model.h"
#include "myohep/myohep.h"

typedef struct mh_solver mh_solver;

/* Called at each sampling time with the state there (read-only). */
typedef mh_status (*mh_sample_fn)(double t_min, const double *y, void *user, mh_error *err);

/* Called after each event is applied, with the state after it (which it may change,
 * and it may run the same solver itself). A probe event is no discontinuity unless
 * the hook says it changed something (*changed = 1): the run then restarts there. */
typedef mh_status (*mh_event_fn)(const mh_event *event, double *y, void *user, int *changed,
                                 mh_error *err);

typedef struct mh_solver_plan {
    double t_end_min;
    double every_min;          /* sampling interval; t_end is always sampled too */
    const mh_event *events;    /* sorted by time, all within [0, t_end] */
    size_t n_events;
    mh_sample_fn sample;
    void *sample_user;
    mh_progress_fn progress;   /* may be NULL */
    void *progress_user;
    mh_event_fn after_event;   /* may be NULL */
    void *event_user;
    double tick_min;           /* > 0: after_event also hears a probe event (level 0) at every
                                  multiple of it, read off the interpolant (the integration
                                  does not stop there) and no discontinuity unless it says so */
} mh_solver_plan;

typedef struct mh_solver_options {
    double rtol;               /* relative tolerance (default 1e-7) */
    double atol_factor;        /* absolute tolerance = atol_factor x state scale (default 1e-7) */
    long max_steps;            /* per output interval (default 500000) */
} mh_solver_options;

mh_status mh_solver_create(mh_model *model, const mh_solver_options *options,
                           mh_solver **out, mh_error *err);
void mh_solver_free(mh_solver *s);

/* Change the tolerances from the next restart on (relative; absolute = atol_factor
 * x each state's scale). */
mh_status mh_solver_set_tolerances(mh_solver *s, double rtol, double atol_factor, mh_error *err);

/* Replace y by the post-absorptive steady state of the fast states (slow states
 * held), starting from y: integrate with no inputs until every derivative is
 * negligible; then move the slow states the subject does not declare to their
 * steady value at those signals (mh_model_steady_guess) and settle again. */
mh_status mh_solver_settle(mh_solver *s, double *y, mh_error *err);

/* Integrate from y at t = 0 to plan->t_end_min, applying events and sampling.
 * On return y holds the final state. */
mh_status mh_solver_run(mh_solver *s, double *y, const mh_solver_plan *plan, mh_error *err);

/* Counters accumulated over every run and settle of this solver. */
void mh_solver_get_stats(const mh_solver *s, mh_solver_stats *stats);

/* Number of sampling times of a plan (k x every up to t_end, plus t_end). */
size_t mh_solver_sample_count(double t_end_min, double every_min);

#endif
