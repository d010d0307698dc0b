/*
 * solver.c - CVODE driver: tolerances, events, sampling and failure reports.
 *
 * Why stop-and-reinit: a meal is an impulse into the stomach and (later) a bout
 * switches exercise inputs on and off; integrating across such jumps would make
 * BDF shrink its step blindly. Stopping exactly at each event (CVodeSetStopTime,
 * set again after every CVodeReInit, since SUNDIALS 6.4 cannot clear it),
 * applying it to the state, and re-initialising keeps every segment smooth.
 */
#include "solver/solver.h"

#include <cvode/cvode.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "core/error.h"
#include "core/units.h"

struct mh_solver {
    mh_model *model;
    SUNContext ctx;
    void *cvode;
    N_Vector y;
    N_Vector atol;
    SUNMatrix jac;
    SUNLinearSolver ls;
    int n;
    int *jacobian_columns; /* states whose Jacobian column is computed (not slow) */
    int n_jacobian_columns;
    long jacobian_rhs_evals;
    N_Vector ewt;          /* error weights, read when forming the Jacobian */
    mh_solver_stats totals;
    char cvode_message[512]; /* last message from CVODE's error handler */
};

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user)
{
    mh_solver *s = user;
    return mh_model_rhs(s->model, t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
}

/* Finite-difference Jacobian for the Newton iteration, column by column as
 * CVODE's own dense difference quotient does (same increment rule), but only
 * for fast and store states. Slow states (liver fat, muscle mass, fibrosis)
 * move by a negligible fraction within one step, so their columns are left
 * zero: this changes the Newton matrix, not the solution (the local error test
 * still uses the full right-hand side), and saves one right-hand-side
 * evaluation per slow state each time the Jacobian is formed. */
static int jacobian(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user,
                    N_Vector tmp1, N_Vector tmp2, N_Vector tmp3)
{
    (void)tmp2;
    (void)tmp3;
    mh_solver *s = user;
    SUNMatZero(J);
    double h = 0.0;
    CVodeGetCurrentStep(s->cvode, &h);
    if (CVodeGetErrWeights(s->cvode, s->ewt) != CV_SUCCESS)
        return -1;
    const double *w = N_VGetArrayPointer(s->ewt), *f0 = N_VGetArrayPointer(fy);
    double *x = N_VGetArrayPointer(y), *f1 = N_VGetArrayPointer(tmp1);
    const double uround = 2.220446049250313e-16, srur = sqrt(uround);
    double fnorm = N_VWrmsNorm(fy, s->ewt);
    double min_inc = fnorm != 0.0 ? 1000.0 * fabs(h) * uround * s->n * fnorm : 1.0;
    for (int c = 0; c < s->n_jacobian_columns; c++) {
        int j = s->jacobian_columns[c];
        double saved = x[j];
        double inc = fmax(srur * fabs(saved), min_inc / w[j]);
        x[j] = saved + inc;
        int flag = mh_model_rhs(s->model, t, x, f1);
        s->jacobian_rhs_evals++;
        x[j] = saved;
        if (flag != 0)
            return 1; /* recoverable: CVODE retries with a smaller step */
        double *column = SUNDenseMatrix_Column(J, j);
        for (int i = 0; i < s->n; i++)
            column[i] = (f1[i] - f0[i]) / inc;
    }
    return 0;
}

/* CVODE reports through this handler instead of printing to stderr. */
static void error_handler(int code, const char *module, const char *function, char *msg,
                          void *user)
{
    mh_solver *s = user;
    (void)module;
    snprintf(s->cvode_message, sizeof s->cvode_message, "%s (code %d): %s", function, code, msg);
}

size_t mh_solver_sample_count(double t_end_min, double every_min)
{
    size_t k = (size_t)floor(t_end_min / every_min + 1e-9);
    double last = (double)k * every_min;
    return k + 1 + (t_end_min - last > 1e-9 * (1.0 + t_end_min) ? 1 : 0);
}

static double sample_time(double every, size_t k, size_t count, double t_end)
{
    double t = (double)k * every;
    return (k + 1 == count || t > t_end) ? t_end : t;
}

mh_status mh_solver_create(mh_model *model, const mh_solver_options *options, mh_solver **out,
                           mh_error *err)
{
    *out = NULL;
    mh_solver_options o = {.rtol = 1e-7, .atol_factor = 1e-7, .max_steps = 500000};
    if (options)
        o = *options;
    mh_solver *s = calloc(1, sizeof *s);
    if (!s)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory creating the solver");
    s->model = model;
    s->n = mh_model_state_count(model);
    if (SUNContext_Create(NULL, &s->ctx) != 0)
        goto fail;
    s->y = N_VNew_Serial(s->n, s->ctx);
    s->atol = N_VNew_Serial(s->n, s->ctx);
    s->ewt = N_VNew_Serial(s->n, s->ctx);
    s->jacobian_columns = malloc(sizeof(int) * (size_t)s->n);
    if (!s->y || !s->atol || !s->ewt || !s->jacobian_columns)
        goto fail;
    for (int i = 0; i < s->n; i++)
        if (mh_model_state_def(model, i)->timescale != MH_SLOW)
            s->jacobian_columns[s->n_jacobian_columns++] = i;
    double *atol = N_VGetArrayPointer(s->atol);
    for (int i = 0; i < s->n; i++)
        atol[i] = o.atol_factor * mh_model_state_def(model, i)->scale;
    mh_model_basal_guess(model, N_VGetArrayPointer(s->y));
    s->cvode = CVodeCreate(CV_BDF, s->ctx);
    if (!s->cvode || CVodeSetErrHandlerFn(s->cvode, error_handler, s) != CV_SUCCESS ||
        CVodeInit(s->cvode, rhs, 0.0, s->y) != CV_SUCCESS ||
        CVodeSVtolerances(s->cvode, o.rtol, s->atol) != CV_SUCCESS ||
        CVodeSetUserData(s->cvode, s) != CV_SUCCESS ||
        CVodeSetMaxNumSteps(s->cvode, o.max_steps) != CV_SUCCESS)
        goto fail;
    s->jac = SUNDenseMatrix(s->n, s->n, s->ctx);
    s->ls = SUNLinSol_Dense(s->y, s->jac, s->ctx);
    if (!s->jac || !s->ls || CVodeSetLinearSolver(s->cvode, s->ls, s->jac) != CV_SUCCESS ||
        CVodeSetJacFn(s->cvode, jacobian) != CV_SUCCESS)
        goto fail;
    *out = s;
    return MH_OK;
fail:
    mh_solver_free(s);
    return mh_error_raise(err, MH_ERR_NOMEM, "cannot set up the CVODE solver");
}

void mh_solver_free(mh_solver *s)
{
    if (!s)
        return;
    if (s->cvode)
        CVodeFree(&s->cvode);
    if (s->ls)
        SUNLinSolFree(s->ls);
    if (s->jac)
        SUNMatDestroy(s->jac);
    if (s->y)
        N_VDestroy(s->y);
    if (s->atol)
        N_VDestroy(s->atol);
    if (s->ewt)
        N_VDestroy(s->ewt);
    free(s->jacobian_columns);
    if (s->ctx)
        SUNContext_Free(&s->ctx);
    free(s);
}

/* CVODE's counters since its last (re)initialisation. */
static void read_counters(const mh_solver *s, mh_solver_stats *c)
{
    memset(c, 0, sizeof *c);
    long fd_evals = 0;
    CVodeGetNumSteps(s->cvode, &c->steps);
    CVodeGetNumRhsEvals(s->cvode, &c->rhs_evals);
    CVodeGetNumLinRhsEvals(s->cvode, &fd_evals); /* right-hand sides of the linear solver */
    c->rhs_evals += fd_evals + s->jacobian_rhs_evals;
    CVodeGetNumJacEvals(s->cvode, &c->jac_evals);
    CVodeGetNumErrTestFails(s->cvode, &c->error_test_fails);
    CVodeGetNumNonlinSolvConvFails(s->cvode, &c->nonlinear_conv_fails);
}

static void add_stats(mh_solver_stats *to, const mh_solver_stats *from)
{
    to->steps += from->steps;
    to->rhs_evals += from->rhs_evals;
    to->jac_evals += from->jac_evals;
    to->error_test_fails += from->error_test_fails;
    to->nonlinear_conv_fails += from->nonlinear_conv_fails;
    to->reinits += from->reinits;
}

/* CVodeReInit zeroes CVODE's counters, so they are folded into the totals first. */
static mh_status restart(mh_solver *s, double t, const double *y, mh_error *err)
{
    mh_solver_stats since;
    read_counters(s, &since);
    add_stats(&s->totals, &since);
    s->jacobian_rhs_evals = 0;
    memcpy(N_VGetArrayPointer(s->y), y, sizeof(double) * (size_t)s->n);
    if (CVodeReInit(s->cvode, t, s->y) != CV_SUCCESS)
        return mh_error_raise(err, MH_ERR_SOLVER, "CVODE could not restart at t = %g min: %s", t,
                              s->cvode_message);
    s->totals.reinits++;
    return MH_OK;
}

/* Turn a CVODE failure into a message naming the time and the state to blame:
 * a non-finite state if the model flagged one, else the state with the largest
 * weighted local error estimate. */
static mh_status failure(mh_solver *s, int flag, mh_error *err)
{
    double t = 0.0;
    CVodeGetCurrentTime(s->cvode, &t);
    char when[64];
    mh_format_moment(t, when, sizeof when);
    int worst = mh_model_last_bad_state(s->model);
    const char *why = "non-finite value";
    if (flag != CV_RHSFUNC_FAIL && flag != CV_REPTD_RHSFUNC_ERR &&
        flag != CV_FIRST_RHSFUNC_ERR) {
        N_Vector ele = N_VClone(s->y), ewt = N_VClone(s->y);
        if (ele && ewt && CVodeGetEstLocalErrors(s->cvode, ele) == CV_SUCCESS &&
            CVodeGetErrWeights(s->cvode, ewt) == CV_SUCCESS) {
            double *e = N_VGetArrayPointer(ele), *w = N_VGetArrayPointer(ewt), largest = -1.0;
            for (int i = 0; i < s->n; i++) {
                double weighted = fabs(e[i] * w[i]);
                if (weighted > largest) {
                    largest = weighted;
                    worst = i;
                }
            }
            why = "largest local error";
        }
        if (ele)
            N_VDestroy(ele);
        if (ewt)
            N_VDestroy(ewt);
    }
    char state[96] = "unknown state";
    double value = NAN;
    if (worst >= 0 && worst < s->n) {
        mh_model_state_name(s->model, worst, state, sizeof state);
        N_Vector now = N_VClone(s->y);
        if (now && CVodeGetDky(s->cvode, t, 0, now) == CV_SUCCESS)
            value = N_VGetArrayPointer(now)[worst];
        if (now)
            N_VDestroy(now);
    }
    char *flag_name = CVodeGetReturnFlagName(flag);
    mh_status st = mh_error_raise(
        err, MH_ERR_SOLVER, "solver failed at %s (t = %.6g min) with %s: %s; %s in state %s = %g %s",
        when, t, flag_name ? flag_name : "unknown flag", s->cvode_message, why, state, value,
        worst >= 0 && worst < s->n ? mh_model_state_def(s->model, worst)->unit : "");
    free(flag_name);
    return st;
}

/* Advance to tout (never beyond the stop time already set); y receives the state. */
static mh_status advance(mh_solver *s, double tout, double *y, mh_error *err)
{
    double tret = 0.0;
    s->cvode_message[0] = '\0';
    int flag = CVode(s->cvode, tout, s->y, &tret, CV_NORMAL);
    if (flag < 0)
        return failure(s, flag, err);
    memcpy(y, N_VGetArrayPointer(s->y), sizeof(double) * (size_t)s->n);
    return MH_OK;
}

static mh_status settle_fast(mh_solver *s, double *y, mh_error *err)
{
    enum { MAX_ROUNDS = 20 };
    const double round_min = 3.0 * MH_MIN_PER_DAY;
    double *dy = malloc(sizeof(double) * (size_t)s->n);
    if (!dy)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory settling the basal state");
    mh_model_freeze(s->model, MH_FREEZE_STORES_AND_SLOW);
    mh_status st = MH_OK;
    double worst = INFINITY;
    int worst_state = -1;
    for (int round = 0; round < MAX_ROUNDS; round++) {
        if ((st = restart(s, 0.0, y, err)) != MH_OK ||
            CVodeSetStopTime(s->cvode, round_min) != CV_SUCCESS ||
            (st = advance(s, round_min, y, err)) != MH_OK)
            break;
        /* Steady when no fast state would move by more than 1e-7 of its scale per minute. */
        if (mh_model_rhs(s->model, 0.0, y, dy) != 0) {
            st = mh_error_raise(err, MH_ERR_SOLVER, "basal state is not finite");
            break;
        }
        worst = 0.0;
        for (int i = 0; i < s->n; i++) {
            double r = fabs(dy[i]) / mh_model_state_def(s->model, i)->scale;
            if (r > worst) {
                worst = r;
                worst_state = i;
            }
        }
        if (worst < 1e-7)
            break;
    }
    if (st == MH_OK && !(worst < 1e-7)) {
        char name[96];
        mh_model_state_name(s->model, worst_state, name, sizeof name);
        st = mh_error_raise(err, MH_ERR_SOLVER,
                            "no post-absorptive steady state: %s still moves by %g of its scale "
                            "per min after %d days",
                            name, worst, (int)(MAX_ROUNDS * round_min / MH_MIN_PER_DAY));
    }
    mh_model_freeze(s->model, MH_FREEZE_NONE);
    free(dy);
    return st;
}

mh_status mh_solver_settle(mh_solver *s, double *y, mh_error *err)
{
    mh_status st = settle_fast(s, y, err);
    if (st != MH_OK)
        return st;
    mh_model_steady_guess(s->model, y);
    return settle_fast(s, y, err);
}

mh_status mh_solver_run(mh_solver *s, double *y, const mh_solver_plan *plan, mh_error *err)
{
    const double t_end = plan->t_end_min, every = plan->every_min;
    const size_t samples = mh_solver_sample_count(t_end, every);
    size_t k = 0, e = 0;
    double t = 0.0;
    mh_status st = MH_OK;
    int started = 0;
    for (;;) {
        /* Events at the current time act before the sample there (right-continuous output). */
        int jumped = 0;
        while (e < plan->n_events && plan->events[e].time_min <= t + 1e-9) {
            mh_model_apply_event(s->model, &plan->events[e], y);
            int changed = plan->events[e].kind != MH_EVENT_PROBE;
            if (plan->after_event &&
                (st = plan->after_event(&plan->events[e], y, plan->event_user, &changed, err)) !=
                    MH_OK)
                return st;
            e++;
            jumped |= changed;
        }
        if (plan->tick_min > 0.0 && plan->after_event && t > 0.0 && t < t_end &&
            fabs(t - plan->tick_min * round(t / plan->tick_min)) < 1e-9 * (1.0 + t)) {
            mh_event tick = {.time_min = t, .kind = MH_EVENT_PROBE, .level = 0.0};
            int changed = 0;
            if ((st = plan->after_event(&tick, y, plan->event_user, &changed, err)) != MH_OK)
                return st;
            jumped |= changed;
        }
        if (jumped || !started) {
            if ((st = restart(s, t, y, err)) != MH_OK)
                return st;
            started = 1;
        }
        while (k < samples && sample_time(every, k, samples, t_end) <= t + 1e-9) {
            if ((st = plan->sample(sample_time(every, k, samples, t_end), y, plan->sample_user,
                                   err)) != MH_OK)
                return st;
            k++;
        }
        if (t >= t_end)
            break;
        double t_stop = e < plan->n_events ? plan->events[e].time_min : t_end;
        if (plan->tick_min > 0.0)
            t_stop = fmin(t_stop, plan->tick_min * (floor(t / plan->tick_min + 1e-9) + 1.0));
        if (t_stop > t_end)
            t_stop = t_end;
        if (CVodeSetStopTime(s->cvode, t_stop) != CV_SUCCESS)
            return mh_error_raise(err, MH_ERR_SOLVER, "cannot set the stop time %g min", t_stop);
        while (k < samples && sample_time(every, k, samples, t_end) < t_stop - 1e-9) {
            double ts = sample_time(every, k, samples, t_end);
            if ((st = advance(s, ts, y, err)) != MH_OK)
                return st;
            if ((st = plan->sample(ts, y, plan->sample_user, err)) != MH_OK)
                return st;
            k++;
        }
        if ((st = advance(s, t_stop, y, err)) != MH_OK)
            return st;
        t = t_stop;
        if (plan->progress)
            plan->progress(t / t_end, plan->progress_user);
    }
    return MH_OK;
}

void mh_solver_get_stats(const mh_solver *s, mh_solver_stats *stats)
{
    mh_solver_stats since;
    read_counters(s, &since);
    *stats = s->totals;
    add_stats(stats, &since);
}
