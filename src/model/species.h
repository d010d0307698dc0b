/*
 * species.h - parameter sets per species (model layer).
 *
 * The modules' tables hold the human set. Another species keeps every equation
 * and parameter name and changes values only: by a stated allometric rule that
 * reads the parameter's unit, or by an explicit row with its own source
 * (species.c, docs/MODEL.md section "The mouse").
 */
#ifndef MH_MODEL_SPECIES_H
#define MH_MODEL_SPECIES_H

#include "myohep/myohep.h"
#include "physio/module.h"

/* Reference body weights the allometric rule scales between. */
#define MH_HUMAN_REFERENCE_KG 78.0 /* the Dalla Man 2007 cohort, the human set's subject */
#define MH_MOUSE_REFERENCE_KG 0.028 /* C57BL/6J male at about 16 weeks (JAX phenotype data) */

/* One parameter as a species sees it: the human row with the species' value,
 * bounds and source (a mouse's source text lives in `source`). */
typedef struct mh_species_param {
    mh_param_info info;
    char source[1024];
} mh_species_param;

/* "human" or "mouse"; NULL for an unknown index. */
const char *mh_species_name(mh_species species);
/* MH_OK and the species, or MH_ERR_NOT_FOUND for an unknown name. */
mh_status mh_species_find(const char *name, mh_species *out);

/* Parameter `index` (catalogue order) for a species. */
void mh_species_param_at(mh_species species, int index, mh_species_param *out);
/* The same without its source (info.source NULL): for a caller that needs the
 * value and bounds only, and runs a subject while its frame lives (a population's
 * worker), without a 1 KB source buffer on its stack. */
void mh_species_param_info_at(mh_species species, int index, mh_param_info *out);

/* The rate factor of the mouse set: (W_mouse / W_human)^-0.25, about 7.3. */
double mh_species_mouse_rate_factor(void);

#endif
