/*
 * test_solver.c - sampling, events, the report of a solver failure, and the
 * solver's vectors (one block each on one shared operations table) and
 * matrices (one block each, a clone sharing its original's pattern).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "model/model.h"
#include "solver/kernels.h"
#include "solver/solver.h"

typedef struct recorder {
    int n;
    double t[64];
} recorder;

static mh_status record(double t, const double *y, void *user, mh_error *err)
{
    (void)y;
    (void)err;
    recorder *r = user;
    if (r->n < 64)
        r->t[r->n] = t;
    r->n++;
    return MH_OK;
}

static void samples_fall_on_the_grid_and_the_end(void **state)
{
    (void)state;
    assert_int_equal(mh_solver_sample_count(60.0, 7.0), 10); /* 0, 7, ..., 56, then 60 */
    assert_int_equal(mh_solver_sample_count(60.0, 6.0), 11);
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    double *y = calloc((size_t)mh_model_state_count(m), sizeof *y);
    mh_model_basal_guess(m, y);
    mh_event meal = {.time_min = 23.5, .kind = MH_EVENT_MEAL, .carbs_g = 48.3};
    recorder r = {0};
    mh_solver_plan plan = {.t_end_min = 60.0, .every_min = 7.0, .events = &meal, .n_events = 1,
                           .sample = record, .sample_user = &r};
    assert_int_equal(mh_solver_run(s, y, &plan, NULL), MH_OK);
    assert_int_equal(r.n, 10);
    assert_float_equal(r.t[3], 21.0, 1e-12);
    assert_float_equal(r.t[9], 60.0, 1e-12);
    mh_solver_stats st;
    mh_solver_get_stats(s, &st);
    assert_true(st.steps > 0 && st.rhs_evals >= st.steps);
    assert_int_equal(st.reinits, 2); /* the start and the meal */
    free(y);
    mh_solver_free(s);
    mh_model_free(m);
}

/* A state that is not a number makes the right-hand side fail; the report
 * must say when and which state. */
static void failure_names_time_and_state(void **state)
{
    (void)state;
    mh_model *m;
    mh_solver *s;
    assert_int_equal(mh_model_create(&m, NULL), MH_OK);
    assert_int_equal(mh_solver_create(m, NULL, &s, NULL), MH_OK);
    int n = mh_model_state_count(m);
    double *y = calloc((size_t)n, sizeof *y);
    mh_model_basal_guess(m, y);
    y[1] = NAN; /* circulation.insulin_plasma */
    recorder r = {0};
    mh_solver_plan plan = {.t_end_min = 30.0, .every_min = 10.0, .sample = record, .sample_user = &r};
    mh_error err = {0};
    assert_int_equal(mh_solver_run(s, y, &plan, &err), MH_ERR_SOLVER);
    assert_non_null(strstr(err.message, "day 0 00:00"));
    assert_non_null(strstr(err.message, "circulation.insulin_plasma"));
    free(y);
    mh_solver_free(s);
    mh_model_free(m);
}

/* All of a solver's vectors point at the one table the solver owns: clones,
 * empty clones and CVODE-style vector arrays alike, and destroying any of them
 * leaves the table and the others intact (the sanitizer build would also catch
 * a double free or a leak here). */
static void vectors_share_one_operations_table(void **state)
{
    (void)state;
    SUNContext ctx;
    assert_int_equal(SUNContext_Create(NULL, &ctx), 0);
    struct _generic_N_Vector_Ops ops;
    assert_int_equal(mh_kernels_vector_ops(&ops, ctx), 1);
    N_Vector v = mh_kernels_vector_new(7, &ops, ctx);
    assert_non_null(v);
    N_Vector copy = N_VClone(v), empty = N_VCloneEmpty(copy);
    N_Vector *array = N_VCloneVectorArray(3, copy);
    assert_non_null(copy);
    assert_non_null(empty);
    assert_non_null(array);
    assert_ptr_equal(v->ops, &ops);
    assert_ptr_equal(copy->ops, &ops);
    assert_ptr_equal(empty->ops, &ops);
    for (int k = 0; k < 3; k++)
        assert_ptr_equal(array[k]->ops, &ops);
    /* still a serial vector to the library (KLU accepts no other) */
    assert_int_equal(N_VGetVectorID(copy), SUNDIALS_NVEC_SERIAL);
    assert_int_equal(N_VGetLength(empty), 7);
    assert_null(N_VGetArrayPointer(empty));

    N_VConst(2.385, v);
    N_VScale(-3.0, v, array[2]);
    assert_float_equal(N_VGetArrayPointer(array[2])[6], -7.155, 1e-12);
    /* an empty clone works on an array it is lent and leaves it to its owner,
     * as CVODE's dense difference-quotient Jacobian uses one */
    double lent[7] = {0};
    N_VSetArrayPointer(lent, empty);
    N_VLinearSum(1.0, v, 1.0, array[2], empty);
    assert_float_equal(lent[3], 2.385 - 7.155, 1e-12);
    N_VDestroy(empty);
    N_VDestroyVectorArray(array, 3);
    N_VDestroy(copy);

    /* the table outlives its vectors: the first still clones and computes */
    N_Vector again = N_VClone(v);
    assert_ptr_equal(again->ops, &ops);
    N_VScale(2.0, v, again);
    assert_float_equal(N_VMaxNorm(again), 4.77, 1e-12);
    N_VDestroy(again);

    /* operations not replaced are the library's own */
    N_Vector library = N_VNew_Serial(7, ctx);
    assert_ptr_equal(ops.nvgetvectorid, library->ops->nvgetvectorid);
    assert_ptr_equal(ops.nvgetarraypointer, library->ops->nvgetarraypointer);
    assert_ptr_equal(ops.nvsetarraypointer, library->ops->nvsetarraypointer);
    assert_ptr_equal(ops.nvinvtest, library->ops->nvinvtest);
    assert_ptr_equal(ops.nvconstrmask, library->ops->nvconstrmask);
    N_VDestroy(library);
    N_VDestroy(v);
    SUNContext_Free(&ctx);
}

/* A clone (CVODE's saved Jacobian) points at its original's pattern, and no
 * operation touches that pattern: zero clears values only, copies between the
 * two move values, c A + I keeps the structure; the library still takes them
 * for sparse matrices (KLU accepts no other). Destroying the clone, then the
 * original, frees each block once (the sanitizer build would catch a double
 * free or a leak). */
static void matrices_share_one_pattern(void **state)
{
    (void)state;
    SUNContext ctx;
    assert_int_equal(SUNContext_Create(NULL, &ctx), 0);
    /* [[2, 0], [5, 3]] by columns: rows {0, 1} then {1} */
    SUNMatrix a = mh_kernels_matrix_new(2, 3, ctx);
    assert_non_null(a);
    assert_int_equal(SUNMatGetID(a), SUNMATRIX_SPARSE);
    sunindextype *start = SUNSparseMatrix_IndexPointers(a), *row = SUNSparseMatrix_IndexValues(a);
    double *value = SUNSparseMatrix_Data(a);
    for (int k = 0; k < 3; k++)
        assert_float_equal(value[k], 0.0, 0.0);
    start[0] = 0, start[1] = 2, start[2] = 3;
    row[0] = 0, row[1] = 1, row[2] = 1;
    value[0] = 2.0, value[1] = 5.0, value[2] = 3.0;

    SUNMatrix saved = SUNMatClone(a);
    assert_non_null(saved);
    assert_ptr_equal(SUNSparseMatrix_IndexPointers(saved), start);
    assert_ptr_equal(SUNSparseMatrix_IndexValues(saved), row);
    assert_ptr_not_equal(SUNSparseMatrix_Data(saved), value);
    assert_int_equal(SUNMatCopy(a, saved), 0);
    assert_int_equal(SUNMatZero(a), 0);
    assert_int_equal((int)start[1], 2);
    assert_int_equal((int)row[1], 1);
    assert_float_equal(value[1], 0.0, 0.0);
    assert_int_equal(SUNMatCopy(saved, a), 0);
    assert_int_equal(SUNMatScaleAddI(-0.5, a), 0); /* I - 0.5 A: [[0, 0], [-2.5, -0.5]] */
    assert_float_equal(value[0], 0.0, 1e-15);
    assert_float_equal(value[1], -2.5, 1e-15);
    assert_float_equal(value[2], -0.5, 1e-15);
    assert_float_equal(SUNSparseMatrix_Data(saved)[1], 5.0, 0.0);
    assert_int_equal((int)start[2], 3);

    SUNMatDestroy(saved);
    assert_int_equal((int)row[2], 1); /* the original keeps its pattern */
    SUNMatDestroy(a);
    SUNContext_Free(&ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(samples_fall_on_the_grid_and_the_end),
        cmocka_unit_test(failure_names_time_and_state),
        cmocka_unit_test(vectors_share_one_operations_table),
        cmocka_unit_test(matrices_share_one_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
