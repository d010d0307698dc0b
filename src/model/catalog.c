/*
 * catalog.c - parameters and outputs of every module, by index and by name.
 */
#include "model/catalog.h"

#include <string.h>

#include "analysis/scores.h"
#include "physio/registry.h"

static double homa_ir(const double *args) { return mh_homa_ir(args[0], args[1]); }

static const mh_derived_def derived[] = {
    {{"homa_ir", "1",
      "HOMA-IR from the current glucose and insulin (Matthews 1985); a fasting index, "
      "read it at fasting times"},
     {"glucose_mmol_l", "insulin_pmol_l", NULL},
     homa_ir},
};

int mh_derived_count(void) { return MH_COUNT(derived); }

const mh_derived_def *mh_derived_at(int index)
{
    return index >= 0 && index < MH_COUNT(derived) ? &derived[index] : NULL;
}

int mh_module_output_count(void)
{
    int n = 0;
    for (int i = 0; i < mh_module_count; i++)
        n += mh_modules[i]->n_outputs;
    return n;
}

int mh_param_count(void)
{
    int n = 0;
    for (int i = 0; i < mh_module_count; i++)
        n += mh_modules[i]->n_params;
    return n;
}

const mh_param_info *mh_param_at(int index)
{
    for (int i = 0; i < mh_module_count && index >= 0; i++) {
        if (index < mh_modules[i]->n_params)
            return &mh_modules[i]->params[index];
        index -= mh_modules[i]->n_params;
    }
    return NULL;
}

int mh_param_find(const char *name)
{
    int n = mh_param_count();
    for (int i = 0; i < n; i++)
        if (strcmp(mh_param_at(i)->name, name) == 0)
            return i;
    return -1;
}

int mh_var_count(void) { return mh_module_output_count() + MH_COUNT(derived); }

const mh_var_info *mh_var_at(int index)
{
    for (int i = 0; i < mh_module_count && index >= 0; i++) {
        if (index < mh_modules[i]->n_outputs)
            return &mh_modules[i]->outputs[index];
        index -= mh_modules[i]->n_outputs;
    }
    return index >= 0 && index < MH_COUNT(derived) ? &derived[index].info : NULL;
}

int mh_var_find(const char *name)
{
    int n = mh_var_count();
    for (int i = 0; i < n; i++)
        if (strcmp(mh_var_at(i)->name, name) == 0)
            return i;
    return -1;
}
