/*
 * kernels.h - compiled vector and sparse-matrix operations installed into
 * CVODE's objects (solver layer; why: kernels.c).
 */
#ifndef MH_SOLVER_KERNELS_H
#define MH_SOLVER_KERNELS_H

#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

/* Replace a serial vector's arithmetic operations; its clones inherit them. */
void mh_kernels_install_vector(N_Vector v);

/* Replace a compressed-column matrix's zero, copy and c A + I; clones inherit them. */
void mh_kernels_install_matrix(SUNMatrix a);

#endif
