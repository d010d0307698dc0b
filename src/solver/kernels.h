/*
 * kernels.h - compiled vector and sparse-matrix operations installed into
 * CVODE's objects (solver layer; why: kernels.c).
 */
#ifndef MH_SOLVER_KERNELS_H
#define MH_SOLVER_KERNELS_H

#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

/* Fill ops, the one table all of a solver's vectors share (it must outlive
 * them): the library's serial vector operations with the arithmetic replaced,
 * and a clone and destroy that keep each vector one block on this same table.
 * Returns 0 when out of memory. */
int mh_kernels_vector_ops(N_Vector_Ops ops, SUNContext ctx);

/* A serial vector of length n (data uninitialised) on a table filled by
 * mh_kernels_vector_ops; N_VDestroy frees it, and N_VClone makes more like it. */
N_Vector mh_kernels_vector_new(sunindextype n, N_Vector_Ops ops, SUNContext ctx);

/* A compressed-column matrix of columns x columns with room for nnz nonzeros,
 * all zero, one block with its pattern, on compiled zero, copy and c A + I.
 * Its clones (SUNMatClone) are one block each that share its pattern: they
 * must be destroyed before it. The pattern is the caller's to write, and no
 * operation changes it (zero clears the values only). NULL when out of memory. */
SUNMatrix mh_kernels_matrix_new(sunindextype columns, sunindextype nnz, SUNContext ctx);

#endif
