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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "core/error.h"
#include "core/units.h"
#include "solver/kernels.h"

struct mh_solver {
    mh_model *model;
    SUNContext ctx;
    void *cvode;
    /* The one operations table of all this solver's vectors, CVODE's clones
     * included (kernels.h): it outlives every one of them. */
    struct _generic_N_Vector_Ops vector_ops;
    N_Vector y;
    SUNMatrix jac;
    SUNLinearSolver ls;
    int n;
    /* The Jacobian's sparsity (compressed columns) and its column groups: columns
     * that share no row are perturbed together, one right-hand side per group.
     * One block of ints (the matrix holds the pattern as 64-bit indices; the
     * Jacobian routine widens it). */
    int *column_start; /* n + 1 */
    int *row;          /* the nonzeros' rows, column by column */
    int *group_start;  /* n_groups + 1 (at most n + 1) */
    int *group_column; /* the columns, group by group */
    int n_groups;
    double rtol, atol_factor; /* the tolerances in force */
    long jacobian_rhs_evals;
    mh_solver_stats totals;
    char cvode_message[512]; /* last message from CVODE's error handler */
};

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user)
{
    mh_solver *s = user;
    return mh_model_rhs(s->model, t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
}

/* Finite-difference Jacobian for the Newton iteration with CVODE's own increment
 * rule, but sparse: the columns of one group share no row, so one right-hand
 * side perturbed in all of them at once gives each its column (Curtis, Powell
 * and Reid 1974). With ~270 nonzeros among 58 x 58 entries this takes ~15
 * right-hand sides instead of 58, and KLU factors the Newton matrix in a small
 * fraction of a dense LU's time. */
static int jacobian(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user, N_Vector tmp1,
                    N_Vector tmp2, N_Vector tmp3)
{
    mh_solver *s = user;
    double h = 0.0;
    CVodeGetCurrentStep(s->cvode, &h);
    /* CVODE's three work vectors: the perturbed right-hand side, the error
     * weights, each column's increment */
    N_Vector ewt = tmp2;
    if (CVodeGetErrWeights(s->cvode, ewt) != CV_SUCCESS)
        return -1;
    const double *w = N_VGetArrayPointer(ewt), *f0 = N_VGetArrayPointer(fy);
    double *x = N_VGetArrayPointer(y), *f1 = N_VGetArrayPointer(tmp1);
    double *increment = N_VGetArrayPointer(tmp3);
    double *values = SUNSparseMatrix_Data(J);
    /* The pattern is written on every call, not once at creation: the matrix CVODE
     * hands over is not always the one given it (setting it once changed results). */
    sunindextype *starts = SUNSparseMatrix_IndexPointers(J), *rows = SUNSparseMatrix_IndexValues(J);
    for (int j = 0; j <= s->n; j++)
        starts[j] = s->column_start[j];
    for (int k = 0; k < s->column_start[s->n]; k++)
        rows[k] = s->row[k];
    const double uround = 2.220446049250313e-16, srur = sqrt(uround);
    double fnorm = N_VWrmsNorm(fy, ewt);
    double min_inc = fnorm != 0.0 ? 1000.0 * fabs(h) * uround * s->n * fnorm : 1.0;
    for (int g = 0; g < s->n_groups; g++) {
        for (int c = s->group_start[g]; c < s->group_start[g + 1]; c++) {
            int j = s->group_column[c];
            increment[j] = fmax(srur * fabs(x[j]), min_inc / w[j]);
            x[j] += increment[j];
        }
        int flag = mh_model_rhs(s->model, t, x, f1);
        s->jacobian_rhs_evals++;
        for (int c = s->group_start[g]; c < s->group_start[g + 1]; c++) {
            int j = s->group_column[c];
            x[j] -= increment[j];
        }
        if (flag != 0)
            return 1; /* recoverable: CVODE retries with a smaller step */
        for (int c = s->group_start[g]; c < s->group_start[g + 1]; c++) {
            int j = s->group_column[c];
            for (int k = s->column_start[j]; k < s->column_start[j + 1]; k++)
                values[k] = (f1[s->row[k]] - f0[s->row[k]]) / increment[j];
        }
    }
    return 0;
}

/* The Jacobian's sparsity: which states each derivative reads, found once per
 * solver by perturbing every state in turn at the basal guess and at two
 * deterministic spreads of it (so that a term that vanishes at one point, say a
 * flux proportional to an empty gut compartment, still shows at another), plus
 * the diagonal, which the Newton matrix I - gamma J always needs. An entry missed
 * here (a branch inactive at every point) only weakens the Newton iteration,
 * which CVODE's convergence test catches; it never changes the solution. */
static int detect_pattern(mh_solver *s, unsigned char *seen, double *base, double *x, double *f0,
                          double *f1)
{
    const int n = s->n;
    memset(seen, 0, (size_t)n * (size_t)n);
    mh_model_basal_guess(s->model, base);
    int points = 0;
    for (int p = 0; p < 3; p++) {
        for (int j = 0; j < n; j++) {
            double size = fmax(fabs(base[j]), mh_model_state_def(s->model, j)->scale);
            /* spreads of +-30 % that differ from state to state */
            x[j] = p == 0 ? base[j] : size * (1.0 + 0.3 * sin(1.7 * (j + 1) * p));
        }
        if (mh_model_rhs(s->model, 0.0, x, f0) != 0)
            continue;
        points++;
        for (int j = 0; j < n; j++) {
            double saved = x[j];
            x[j] = saved + 1e-4 * fmax(fabs(saved), mh_model_state_def(s->model, j)->scale);
            int flag = mh_model_rhs(s->model, 0.0, x, f1);
            x[j] = saved;
            for (int i = 0; flag == 0 && i < n; i++)
                if (f1[i] != f0[i])
                    seen[(size_t)j * (size_t)n + (size_t)i] = 1;
        }
    }
    int nnz = 0;
    for (int j = 0; j < n; j++) {
        seen[(size_t)j * (size_t)n + (size_t)j] = 1;
        for (int i = 0; i < n; i++)
            nnz += seen[(size_t)j * (size_t)n + (size_t)i];
    }
    return points > 0 ? nnz : -1;
}

/* Compress the pattern into columns and group the columns greedily: each joins
 * the first group none of whose columns reads a row it reads. Scratch:
 * row_taken (n x n) and group_of (n). */
static int build_pattern(mh_solver *s, const unsigned char *seen, int nnz, unsigned char *row_taken,
                         int *group_of)
{
    const size_t n = (size_t)s->n;
    s->column_start = malloc(sizeof(int) * ((n + 1) + (size_t)nnz + (n + 1) + n));
    if (!s->column_start)
        return -1;
    s->row = s->column_start + n + 1;
    s->group_start = s->row + nnz;
    s->group_column = s->group_start + n + 1;
    int k = 0;
    for (size_t j = 0; j < n; j++) {
        s->column_start[j] = k;
        for (size_t i = 0; i < n; i++)
            if (seen[j * n + i])
                s->row[k++] = (int)i;
    }
    s->column_start[n] = k;
    memset(row_taken, 0, n * n); /* [g * n + i]: a column of group g reads row i */
    int groups = 0;
    for (size_t j = 0; j < n; j++) {
        int g = 0, clash = 1;
        for (; clash; g += clash) {
            clash = 0;
            for (int q = s->column_start[j]; q < s->column_start[j + 1] && !clash; q++)
                clash = row_taken[(size_t)g * n + (size_t)s->row[q]];
        }
        for (int q = s->column_start[j]; q < s->column_start[j + 1]; q++)
            row_taken[(size_t)g * n + (size_t)s->row[q]] = 1;
        group_of[j] = g;
        if (g + 1 > groups)
            groups = g + 1;
    }
    int c = 0;
    for (int g = 0; g < groups; g++) {
        s->group_start[g] = c;
        for (size_t j = 0; j < n; j++)
            if (group_of[j] == g)
                s->group_column[c++] = (int)j;
    }
    s->group_start[groups] = c;
    s->n_groups = groups;
    return 0;
}

/* Find the Jacobian's pattern and column groups (scratch freed before return). */
static int prepare_jacobian(mh_solver *s)
{
    const size_t n = (size_t)s->n;
    unsigned char *seen = malloc(2 * n * n);
    double *vectors = malloc(sizeof(double) * 4 * n);
    int *group_of = malloc(sizeof(int) * n);
    int nnz = -1;
    if (seen && vectors && group_of)
        nnz = detect_pattern(s, seen, vectors, vectors + n, vectors + 2 * n, vectors + 3 * n);
    if (nnz > 0 && build_pattern(s, seen, nnz, seen + n * n, group_of) != 0)
        nnz = -1;
    free(seen);
    free(vectors);
    free(group_of);
    return nnz;
}

/* The next factorisation's L and U, sized to this one's. KLU gives a block
 * initmem_amd x Lnz + its size entries for L and as many for U, and after the
 * first factorisation makes Lnz the larger of the block's L and U: with its
 * default initmem_amd 1.2, 10 KB for factors that fill 5.7 KB, trimmed after
 * each factorisation (massif counts the trimmed tail as held: ~4.5 KB a subject).
 * Here Lnz is what this factorisation filled plus one dense column, the
 * headroom below which KLU's kernel grows the block as it starts a column
 * (initmem_amd 1, create_linear_solver). The fill is the same from one
 * factorisation to the next (measured: 718 8-byte units in every run); if
 * pivoting ever needs more, KLU grows the block as it would anyway. Memory
 * only: the factors are the same. */
static void fit_next_factorisation(SUNLinearSolverContent_KLU klu)
{
    const double units_per_entry = (sizeof(SuiteSparse_long) + sizeof(double)) / sizeof(double);
    const SuiteSparse_long *block_start = klu->symbolic->R;
    for (SuiteSparse_long b = 0; b < klu->symbolic->nblocks; b++) {
        double size = (double)(block_start[b + 1] - block_start[b]);
        if (size < 2.0) /* a singleton has no L and U block */
            continue;
        double filled = (double)klu->numeric->LUsize[b];
        double entries = ceil((filled + units_per_entry * size) / (2.0 * units_per_entry));
        klu->symbolic->Lnz[b] = entries - size;
    }
}

/* KLU's first factorisation after each CVodeReInit (every meal, bout, probe)
 * starts with a fresh analysis, its block triangular form and COLAMD ordering,
 * which takes ~13 KB of workspace for the moment (with many subjects in flight,
 * their analyses add up in the peak). Both depend on the pattern alone, and the
 * Newton matrix's pattern never changes: it is the Jacobian's (written on every
 * call, diagonal included) and the matrix kernels keep it. So the analysis
 * made at the solver's first factorisation is kept, and only the numeric
 * factorisation is done afresh, with its own pivoting, exactly as the library
 * does after its analysis: results do not move. A matrix of another size or
 * nonzero count goes to the library's setup, which analyses it anew. */
static int factor_keeping_analysis(SUNLinearSolver ls, SUNMatrix a)
{
    SUNLinearSolverContent_KLU klu = ls->content;
    SuiteSparse_long *starts = (SuiteSparse_long *)SUNSparseMatrix_IndexPointers(a);
    sunindextype n = SUNSparseMatrix_Columns(a);
    if (!klu->first_factorize || !klu->symbolic || klu->symbolic->n != n ||
        klu->symbolic->nz != starts[n] || SUNSparseMatrix_SparseType(a) != CSC_MAT) {
        int flag = SUNLinSolSetup_KLU(ls, a);
        if (flag == SUNLS_SUCCESS && klu->symbolic && klu->numeric)
            fit_next_factorisation(klu);
        return flag;
    }
    sun_klu_free_numeric(&klu->numeric, &klu->common);
    klu->numeric = sun_klu_factor(starts, (SuiteSparse_long *)SUNSparseMatrix_IndexValues(a),
                                  SUNSparseMatrix_Data(a), klu->symbolic, &klu->common);
    if (!klu->numeric)
        return klu->last_flag = SUNLS_PACKAGE_FAIL_UNREC;
    klu->first_factorize = 0;
    fit_next_factorisation(klu);
    return klu->last_flag = SUNLS_SUCCESS;
}

/* The linear solver: KLU on the Jacobian's pattern, keeping its analysis
 * (factor_keeping_analysis) and starting small. Under COLAMD, which estimates
 * no fill, KLU gives a block's L and U initmem x its nonzeros (+ its size) each
 * at first, default 10, grows them by reallocation when short and trims them
 * after: ~10 KB per factorisation that is mostly given back at once. Ours fill
 * about 0.6 of what initmem 1 (the least KLU takes) gives at the first, and the
 * later ones are sized to the fill (fit_next_factorisation, with initmem_amd 1,
 * the least). The size is memory only, the arithmetic is the same. */
static SUNLinearSolver create_linear_solver(mh_solver *s)
{
    SUNLinearSolver ls = SUNLinSol_KLU(s->y, s->jac, s->ctx);
    if (ls) {
        SUNLinSol_KLUGetCommon(ls)->initmem = 1.0;
        SUNLinSol_KLUGetCommon(ls)->initmem_amd = 1.0;
        ls->ops->setup = factor_keeping_analysis;
    }
    return ls;
}

/* CVODE reports through this handler instead of printing to stderr. */
static void error_handler(int code, const char *module, const char *function, char *msg, void *user)
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

/* Relative tolerance rtol, absolute atol_factor x each state's typical scale:
 * a CVODE flag. CVODE keeps its own copy of the absolute ones, so the vector
 * that hands them over is let go at once. */
static int set_tolerances(mh_solver *s, double rtol, double atol_factor)
{
    N_Vector atol = N_VClone(s->y);
    if (!atol)
        return CV_MEM_FAIL;
    double *a = N_VGetArrayPointer(atol);
    for (int i = 0; i < s->n; i++)
        a[i] = atol_factor * mh_model_state_def(s->model, i)->scale;
    int flag = CVodeSVtolerances(s->cvode, rtol, atol);
    N_VDestroy(atol);
    if (flag == CV_SUCCESS) {
        s->rtol = rtol;
        s->atol_factor = atol_factor;
    }
    return flag;
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
    if (!mh_kernels_vector_ops(&s->vector_ops, s->ctx))
        goto fail;
    /* CVODE's work vectors are clones of y */
    s->y = mh_kernels_vector_new(s->n, &s->vector_ops, s->ctx);
    if (!s->y)
        goto fail;
    int nnz = prepare_jacobian(s);
    if (nnz <= 0)
        goto fail;
    mh_model_basal_guess(model, N_VGetArrayPointer(s->y));
    s->cvode = CVodeCreate(CV_BDF, s->ctx);
    if (!s->cvode || CVodeSetErrHandlerFn(s->cvode, error_handler, s) != CV_SUCCESS ||
        CVodeInit(s->cvode, rhs, 0.0, s->y) != CV_SUCCESS ||
        set_tolerances(s, o.rtol, o.atol_factor) != CV_SUCCESS ||
        CVodeSetUserData(s->cvode, s) != CV_SUCCESS ||
        CVodeSetMaxNumSteps(s->cvode, o.max_steps) != CV_SUCCESS)
        goto fail;
    /* CVODE's saved Jacobian is a clone of this, sharing its pattern */
    s->jac = mh_kernels_matrix_new(s->n, nnz, s->ctx);
    s->ls = s->jac ? create_linear_solver(s) : NULL;
    if (!s->jac || !s->ls || CVodeSetLinearSolver(s->cvode, s->ls, s->jac) != CV_SUCCESS ||
        CVodeSetJacFn(s->cvode, jacobian) != CV_SUCCESS)
        goto fail;
    *out = s;
    return MH_OK;
fail:
    mh_solver_free(s);
    return mh_error_raise(err, MH_ERR_NOMEM, "cannot set up the CVODE solver");
}

mh_status mh_solver_set_tolerances(mh_solver *s, double rtol, double atol_factor, mh_error *err)
{
    if (set_tolerances(s, rtol, atol_factor) != CV_SUCCESS)
        return mh_error_raise(err, MH_ERR_SOLVER, "cannot set the tolerances: %s",
                              s->cvode_message);
    return MH_OK;
}

void mh_solver_free(mh_solver *s)
{
    if (!s)
        return;
    if (s->cvode)
        CVodeFree(&s->cvode); /* and its saved Jacobian, which shares jac's pattern, first */
    if (s->ls)
        SUNLinSolFree(s->ls);
    if (s->jac)
        SUNMatDestroy(s->jac);
    if (s->y)
        N_VDestroy(s->y);
    free(s->column_start); /* the pattern's one block */
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
    if (flag != CV_RHSFUNC_FAIL && flag != CV_REPTD_RHSFUNC_ERR && flag != CV_FIRST_RHSFUNC_ERR) {
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
        err, MH_ERR_SOLVER,
        "solver failed at %s (t = %.6g min) with %s: %s; %s in state %s = %g %s", when, t,
        flag_name ? flag_name : "unknown flag", s->cvode_message, why, state, value,
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

/* The way from the basal guess to the steady state need not be followed closely,
 * only where it ends: the first approach runs at this loose tolerance, and the
 * settle after the slow states' steady guess ends it at the run's own, to the
 * same steadiness test (a minute-resolved day: a third fewer steps settling). */
static const double SETTLE_APPROACH_RTOL = 1e-4, SETTLE_APPROACH_ATOL_FACTOR = 1e-5;

mh_status mh_solver_settle(mh_solver *s, double *y, mh_error *err)
{
    const double rtol = s->rtol, atol_factor = s->atol_factor;
    mh_status st = mh_solver_set_tolerances(s, fmax(rtol, SETTLE_APPROACH_RTOL),
                                            fmax(atol_factor, SETTLE_APPROACH_ATOL_FACTOR), err);
    if (st == MH_OK)
        st = settle_fast(s, y, err);
    if (st == MH_OK)
        st = mh_solver_set_tolerances(s, rtol, atol_factor, err);
    if (st != MH_OK)
        return st;
    mh_model_steady_guess(s->model, y);
    return settle_fast(s, y, err);
}

/* The next observation after t and before t_stop, if any: a sample (*is_sample)
 * and/or a tick (*is_tick), whichever comes first. Both are read off CVODE's
 * interpolant, so neither limits its step. */
static int next_observation(const mh_solver_plan *plan, size_t k, size_t samples, double t,
                            double t_stop, double *when, int *is_sample, int *is_tick)
{
    double sample =
        k < samples ? sample_time(plan->every_min, k, samples, plan->t_end_min) : INFINITY;
    double tick = INFINITY;
    if (plan->tick_min > 0.0 && plan->after_event) {
        tick = plan->tick_min * (floor(t / plan->tick_min + 1e-9) + 1.0);
        if (tick >= plan->t_end_min - 1e-9)
            tick = INFINITY;
    }
    *when = fmin(sample, tick);
    if (*when >= t_stop - 1e-9)
        return 0;
    *is_sample = sample <= *when + 1e-9;
    *is_tick = tick <= *when + 1e-9;
    return 1;
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
            if (plan->after_event && (st = plan->after_event(&plan->events[e], y, plan->event_user,
                                                             &changed, err)) != MH_OK)
                return st;
            e++;
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
        if (t_stop > t_end)
            t_stop = t_end;
        if (CVodeSetStopTime(s->cvode, t_stop) != CV_SUCCESS)
            return mh_error_raise(err, MH_ERR_SOLVER, "cannot set the stop time %g min", t_stop);
        double when = t;
        int is_sample = 0, is_tick = 0;
        while (next_observation(plan, k, samples, when, t_stop, &when, &is_sample, &is_tick)) {
            if ((st = advance(s, when, y, err)) != MH_OK)
                return st;
            if (is_tick) {
                /* a tick that changes something (the hook may have run this very solver)
                 * restarts the integration here */
                mh_event tick = {.time_min = when, .kind = MH_EVENT_PROBE, .level = 0.0};
                int changed = 0;
                if ((st = plan->after_event(&tick, y, plan->event_user, &changed, err)) != MH_OK)
                    return st;
                if (changed && ((st = restart(s, when, y, err)) != MH_OK ||
                                CVodeSetStopTime(s->cvode, t_stop) != CV_SUCCESS))
                    return st != MH_OK ? st
                                       : mh_error_raise(err, MH_ERR_SOLVER,
                                                        "cannot set the stop time %g min", t_stop);
                if (plan->progress)
                    plan->progress(when / t_end, plan->progress_user);
            }
            if (is_sample) {
                if ((st = plan->sample(when, y, plan->sample_user, err)) != MH_OK)
                    return st;
                k++;
            }
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
