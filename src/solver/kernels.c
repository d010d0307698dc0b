/*
 * kernels.c - compiled vector and sparse-matrix operations for CVODE (solver
 * layer).
 *
 * Why: Debian 12's SUNDIALS 6.4.1 libraries are built without optimisation
 * (their disassembly keeps every loop variable in memory), and with a 58-state
 * model CVODE's time goes to its N_Vector and sparse-matrix operations, not to
 * the right-hand side: a ten-year day-resolved subject spent about a third of
 * its time in them (bench/README.md). SUNDIALS lets a program replace any
 * operation of a vector or matrix object through its ops table, and clones
 * inherit the table, so the solver puts these in its vectors' table and on its
 * template matrix, and CVODE's work vectors and matrices follow.
 *
 * Vectors are also laid out here, for memory (issue 5 d): the library's serial
 * vector is four allocations (the vector, a private copy of the ~450-byte ops
 * table, the content, the data), and CVODE clones some eighteen of them per
 * solver. These vectors are one block each (vector, content, data) and all of
 * one solver's point at a single ops table that the solver owns and that
 * outlives them; their clone, empty clone and destroy keep it that way.
 *
 * Matrices likewise: the library's sparse matrix is six allocations (the
 * matrix, its ops table, the content, values, row indices, column starts, the
 * last two 64-bit), and CVODE keeps two of the same pattern, its Newton matrix
 * and a saved Jacobian cloned from it. Here each is one block, and the clone
 * points at its original's pattern (the original must outlive it, as CVODE's
 * saved Jacobian does the solver's matrix): the pattern never changes, so the
 * zero and copy below move values only where the library's move the structure
 * too.
 *
 * Each operation does the same floating-point operations in the same order as
 * the serial vector and sparse matrix of SUNDIALS 6.4 (their documented
 * definitions; linear sums keep the a == b and a == -b forms, which round
 * differently from a*x + b*y), so results are bit-identical to the library's
 * own: the golden run does not move (built with -ffp-contract=off, CMakeLists.txt,
 * so that no multiply-add is fused). Operations CVODE does not call in this
 * driver (constraints, local reductions, fused operations) keep the library's;
 * the matrix cases the library would meet by reallocating (a missing diagonal,
 * a copy into a smaller matrix) are errors, never met with the driver's one
 * pattern.
 */
#include "solver/kernels.h"

#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdlib.h>
#include <sunmatrix/sunmatrix_sparse.h>

static sunindextype length(N_Vector v) { return NV_LENGTH_S(v); }
static double *data(N_Vector v) { return NV_DATA_S(v); }

/* z = a x + b y, rounding as the library does in each of its cases. */
static void linear_sum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z)
{
    const double *xd = data(x), *yd = data(y);
    double *zd = data(z);
    sunindextype n = length(z);
    if (a == b) {
        for (sunindextype i = 0; i < n; i++)
            zd[i] = a * (xd[i] + yd[i]);
    } else if (a == 1.0 && b == -1.0) {
        for (sunindextype i = 0; i < n; i++)
            zd[i] = xd[i] - yd[i];
    } else if (a == -1.0 && b == 1.0) {
        /* y - x, not -(x - y): equal values give +0, as the library's do */
        for (sunindextype i = 0; i < n; i++)
            zd[i] = yd[i] - xd[i];
    } else if (a == -b) {
        for (sunindextype i = 0; i < n; i++)
            zd[i] = a * (xd[i] - yd[i]);
    } else {
        /* the library's special cases (a or b = +-1, z aliasing x or y) are
         * exact rewrites of this form: multiplying by +-1 does not round */
        for (sunindextype i = 0; i < n; i++)
            zd[i] = a * xd[i] + b * yd[i];
    }
}

static void constant(sunrealtype c, N_Vector z)
{
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = c;
}

static void product(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = data(x), *yd = data(y);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = xd[i] * yd[i];
}

static void quotient(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = data(x), *yd = data(y);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = xd[i] / yd[i];
}

static void scale(sunrealtype c, N_Vector x, N_Vector z)
{
    const double *xd = data(x);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = c * xd[i];
}

static void absolute(N_Vector x, N_Vector z)
{
    const double *xd = data(x);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = fabs(xd[i]);
}

static void inverse(N_Vector x, N_Vector z)
{
    const double *xd = data(x);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = 1.0 / xd[i];
}

static void add_constant(N_Vector x, sunrealtype b, N_Vector z)
{
    const double *xd = data(x);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = xd[i] + b;
}

static sunrealtype dot_product(N_Vector x, N_Vector y)
{
    const double *xd = data(x), *yd = data(y);
    double sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; i++)
        sum += xd[i] * yd[i];
    return sum;
}

static sunrealtype max_norm(N_Vector x)
{
    const double *xd = data(x);
    double max = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; i++)
        if (fabs(xd[i]) > max)
            max = fabs(xd[i]);
    return max;
}

static double weighted_square_sum(N_Vector x, N_Vector w)
{
    const double *xd = data(x), *wd = data(w);
    double sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; i++) {
        double p = xd[i] * wd[i];
        sum += p * p;
    }
    return sum;
}

static sunrealtype wrms_norm(N_Vector x, N_Vector w)
{
    return sqrt(weighted_square_sum(x, w) / (double)length(x));
}

static sunrealtype wrms_norm_mask(N_Vector x, N_Vector w, N_Vector id)
{
    const double *xd = data(x), *wd = data(w), *idd = data(id);
    double sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; i++) {
        if (idd[i] > 0.0) {
            double p = xd[i] * wd[i];
            sum += p * p;
        }
    }
    return sqrt(sum / (double)length(x));
}

static sunrealtype minimum(N_Vector x)
{
    const double *xd = data(x);
    double min = xd[0];
    for (sunindextype i = 1, n = length(x); i < n; i++)
        if (xd[i] < min)
            min = xd[i];
    return min;
}

static sunrealtype wl2_norm(N_Vector x, N_Vector w) { return sqrt(weighted_square_sum(x, w)); }

static sunrealtype l1_norm(N_Vector x)
{
    const double *xd = data(x);
    double sum = 0.0;
    for (sunindextype i = 0, n = length(x); i < n; i++)
        sum += fabs(xd[i]);
    return sum;
}

static void compare(sunrealtype c, N_Vector x, N_Vector z)
{
    const double *xd = data(x);
    double *zd = data(z);
    for (sunindextype i = 0, n = length(z); i < n; i++)
        zd[i] = fabs(xd[i]) >= c ? 1.0 : 0.0;
}

/* ---- vectors: one block each, one shared ops table ---- */

/* The library's serial content, its data right behind it: one allocation. */
typedef struct block_vector {
    struct _generic_N_Vector vector;
    struct _N_VectorContent_Serial content;
    double data[];
} block_vector;

/* A vector of length n on this table, its data uninitialised (as the
 * library's clone leaves it), or without data at all (an empty clone, whose
 * user sets an array of its own). own_data is false either way: the data, if
 * any, go with the block, and the library reads the flag only to free them. */
static N_Vector new_block(sunindextype n, int with_data, N_Vector_Ops ops, SUNContext ctx)
{
    size_t data_bytes = with_data ? sizeof(double) * (size_t)n : 0;
    block_vector *b = malloc(sizeof *b + data_bytes);
    if (!b)
        return NULL;
    b->vector = (struct _generic_N_Vector){.content = &b->content, .ops = ops, .sunctx = ctx};
    b->content = (struct _N_VectorContent_Serial){
        .length = n, .own_data = SUNFALSE, .data = with_data ? b->data : NULL};
    return &b->vector;
}

static N_Vector clone_vector(N_Vector w)
{
    return w ? new_block(length(w), 1, w->ops, w->sunctx) : NULL;
}

static N_Vector clone_vector_empty(N_Vector w)
{
    return w ? new_block(length(w), 0, w->ops, w->sunctx) : NULL;
}

/* The table is the solver's, not the vector's (the library's destroy would free it). */
static void destroy_vector(N_Vector v) { free(v); }

int mh_kernels_vector_ops(N_Vector_Ops ops, SUNContext ctx)
{
    /* the library's serial operations first (identification, array access,
     * the operations not replaced below), copied from a vector of its own */
    N_Vector library = N_VNewEmpty_Serial(0, ctx);
    if (!library)
        return 0;
    *ops = *library->ops;
    N_VDestroy(library);
    ops->nvclone = clone_vector;
    ops->nvcloneempty = clone_vector_empty;
    ops->nvdestroy = destroy_vector;
    ops->nvlinearsum = linear_sum;
    ops->nvconst = constant;
    ops->nvprod = product;
    ops->nvdiv = quotient;
    ops->nvscale = scale;
    ops->nvabs = absolute;
    ops->nvinv = inverse;
    ops->nvaddconst = add_constant;
    ops->nvdotprod = dot_product;
    ops->nvmaxnorm = max_norm;
    ops->nvwrmsnorm = wrms_norm;
    ops->nvwrmsnormmask = wrms_norm_mask;
    ops->nvmin = minimum;
    ops->nvwl2norm = wl2_norm;
    ops->nvl1norm = l1_norm;
    ops->nvcompare = compare;
    return 1;
}

N_Vector mh_kernels_vector_new(sunindextype n, N_Vector_Ops ops, SUNContext ctx)
{
    return new_block(n, 1, ops, ctx);
}

/* ---- compressed-column matrices: one block each, one pattern per solver ---- */

/* The matrix, its operations, its sparse content and its values in one
 * allocation; a matrix made by mh_kernels_matrix_new holds its pattern (row
 * indices, then column starts) behind its values, and its clones point at that
 * pattern instead of holding one of their own. */
typedef struct block_matrix {
    struct _generic_SUNMatrix matrix;
    struct _generic_SUNMatrix_Ops ops;
    struct _SUNMatrixContent_Sparse content;
    double values[];
} block_matrix;

typedef struct csc {
    sunindextype columns, capacity;
    sunindextype *start, *row;
    double *value;
} csc;

static csc view(SUNMatrix a)
{
    return (csc){.columns = SM_COLUMNS_S(a),
                 .capacity = SM_NNZ_S(a),
                 .start = SM_INDEXPTRS_S(a),
                 .row = SM_INDEXVALS_S(a),
                 .value = SM_DATA_S(a)};
}

/* Whether a and b point at one pattern (a matrix and its clone). */
static int share_pattern(SUNMatrix a, SUNMatrix b)
{
    return SM_INDEXVALS_S(a) == SM_INDEXVALS_S(b) && SM_INDEXPTRS_S(a) == SM_INDEXPTRS_S(b);
}

/* The values only. The library's zero clears the structure too, but the pattern
 * here is shared with the clones, and it never changes: the driver's Jacobian
 * writes the same pattern on every call, and nothing reads the matrix between
 * a zero and that call. */
static int zero(SUNMatrix a)
{
    csc m = view(a);
    for (sunindextype k = 0; k < m.capacity; k++)
        m.value[k] = 0.0;
    return 0;
}

/* b = a, structure and values (CVODE's saved Jacobian and its Newton matrix
 * share one pattern, so only the values move). A block matrix cannot grow as
 * the library's copy would grow b: a b without room is an error (never met:
 * they are clones of one matrix). */
static int copy(SUNMatrix a, SUNMatrix b)
{
    csc from = view(a), to = view(b);
    sunindextype nnz = from.start[from.columns];
    if (to.capacity < nnz || to.columns != from.columns || SM_SPARSETYPE_S(a) != CSC_MAT ||
        SM_SPARSETYPE_S(b) != CSC_MAT)
        return SUNMAT_OPERATION_FAIL;
    zero(b);
    for (sunindextype k = 0; k < nnz; k++)
        to.value[k] = from.value[k];
    if (share_pattern(a, b))
        return 0;
    for (sunindextype k = 0; k < to.capacity; k++)
        to.row[k] = k < nnz ? from.row[k] : 0;
    for (sunindextype j = 0; j <= from.columns; j++)
        to.start[j] = from.start[j];
    return 0;
}

/* a = c a + I when every diagonal entry is stored (the driver's pattern always
 * holds the diagonal). The library would insert a missing one by reallocating,
 * which a block matrix cannot do: an error (never met). */
static int scale_add_identity(sunrealtype c, SUNMatrix a)
{
    csc m = view(a);
    if (SM_SPARSETYPE_S(a) != CSC_MAT || SM_ROWS_S(a) != m.columns)
        return SUNMAT_OPERATION_FAIL;
    for (sunindextype j = 0; j < m.columns; j++) {
        int found = 0;
        for (sunindextype k = m.start[j]; k < m.start[j + 1] && !found; k++)
            found = m.row[k] == j;
        if (!found)
            return SUNMAT_OPERATION_FAIL;
    }
    for (sunindextype j = 0; j < m.columns; j++)
        for (sunindextype k = m.start[j]; k < m.start[j + 1]; k++)
            m.value[k] = m.row[k] == j ? 1.0 + c * m.value[k] : c * m.value[k];
    return 0;
}

static void destroy_matrix(SUNMatrix a) { free(a); }

static SUNMatrix clone(SUNMatrix a);

/* A block of columns x columns with room for nnz values, all zero as the
 * library's are; pattern_bytes more behind the values for a pattern of its own.
 * Its operations are the library's sparse ones with these in place. */
static block_matrix *new_block_matrix(const struct _generic_SUNMatrix_Ops *library,
                                      sunindextype columns, sunindextype nnz,
                                      size_t pattern_bytes, SUNContext ctx)
{
    block_matrix *b = calloc(1, sizeof *b + sizeof(double) * (size_t)nnz + pattern_bytes);
    if (!b)
        return NULL;
    b->ops = *library;
    b->ops.clone = clone;
    b->ops.destroy = destroy_matrix;
    b->ops.zero = zero;
    b->ops.copy = copy;
    b->ops.scaleaddi = scale_add_identity;
    b->ops.scaleadd = NULL; /* CVODE does not add matrices; the library's would reallocate */
    b->matrix = (struct _generic_SUNMatrix){.content = &b->content, .ops = &b->ops, .sunctx = ctx};
    b->content = (struct _SUNMatrixContent_Sparse){.M = columns, .N = columns, .NNZ = nnz,
                                                   .NP = columns, .data = b->values,
                                                   .sparsetype = CSC_MAT};
    b->content.rowvals = &b->content.indexvals;
    b->content.colptrs = &b->content.indexptrs;
    return b;
}

/* A clone (CVODE's saved Jacobian is one): values of its own, the pattern of a. */
static SUNMatrix clone(SUNMatrix a)
{
    block_matrix *b = new_block_matrix(a->ops, SM_COLUMNS_S(a), SM_NNZ_S(a), 0, a->sunctx);
    if (!b)
        return NULL;
    b->content.indexvals = SM_INDEXVALS_S(a);
    b->content.indexptrs = SM_INDEXPTRS_S(a);
    return &b->matrix;
}

SUNMatrix mh_kernels_matrix_new(sunindextype columns, sunindextype nnz, SUNContext ctx)
{
    /* the library's sparse operations (identification, product, space) first,
     * copied from a small matrix of its own */
    SUNMatrix library = SUNSparseMatrix(1, 1, 1, CSC_MAT, ctx);
    if (!library)
        return NULL;
    struct _generic_SUNMatrix_Ops ops = *library->ops;
    SUNMatDestroy(library);
    block_matrix *b = new_block_matrix(&ops, columns, nnz,
                                       sizeof(sunindextype) * (size_t)(nnz + columns + 1), ctx);
    if (!b)
        return NULL;
    b->content.indexvals = (sunindextype *)(b->values + nnz);
    b->content.indexptrs = b->content.indexvals + nnz;
    return &b->matrix;
}
