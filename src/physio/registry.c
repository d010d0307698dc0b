/*
 * registry.c - the modules in evaluation order, and the pool names (physio layer).
 */
#include "physio/registry.h"

/* Signals are published in this order, and a publish() may read only signals
 * published before it (most read only their own state). */
const mh_module *const mh_modules[] = {
    &mh_circulation_module, /* first: owns the pools */
    &mh_gut_module,
    &mh_pancreas_module,
    &mh_liver_module,
    &mh_liver_fat_module,
    &mh_liver_injury_module,
    &mh_muscle_module,
    &mh_kidney_module,
    &mh_brain_module,
    &mh_exercise_module,
    &mh_messengers_module,
    &mh_endocrine_module,
    &mh_body_module,
    &mh_adipose_module,
};

const int mh_module_count = MH_COUNT(mh_modules);

static const char *const pool_names[] = {
#define POOL_NAME(id, name, amount_unit, conc_unit, description) #name,
    MH_POOL_LIST(POOL_NAME)
#undef POOL_NAME
};

static const char *const pool_units[] = {
#define POOL_UNIT(id, name, amount_unit, conc_unit, description) amount_unit,
    MH_POOL_LIST(POOL_UNIT)
#undef POOL_UNIT
};

const char *mh_pool_name(mh_pool pool) { return pool == MH_POOL_NONE ? "none" : pool_names[pool]; }

const char *mh_pool_amount_unit(mh_pool pool)
{
    return pool == MH_POOL_NONE ? "" : pool_units[pool];
}
