/*
 * catalog.h - the catalogue of parameters and output variables (model layer).
 *
 * Outputs are the modules' outputs in registry order followed by derived
 * outputs: quantities computed from other outputs (clinical indices).
 */
#ifndef MH_MODEL_CATALOG_H
#define MH_MODEL_CATALOG_H

#include "myohep/myohep.h"

enum { MH_DERIVED_MAX_INPUTS = 8 };

typedef struct mh_derived_def {
    mh_var_info info;
    const char *inputs[MH_DERIVED_MAX_INPUTS]; /* output names, NULL-terminated */
    double (*compute)(const double *args);
} mh_derived_def;

int mh_derived_count(void);
const mh_derived_def *mh_derived_at(int index);

/* Number of outputs the modules themselves declare (derived ones follow). */
int mh_module_output_count(void);

#endif
