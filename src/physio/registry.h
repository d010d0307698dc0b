/*
 * registry.h - the list of physiological modules (physio layer).
 *
 * Adding a module: write its file, declare it here, add one line to registry.c.
 * The circulation module comes first: it owns the shared pools.
 */
#ifndef MH_PHYSIO_REGISTRY_H
#define MH_PHYSIO_REGISTRY_H

#include "physio/module.h"

extern const mh_module mh_circulation_module;
extern const mh_module mh_gut_module;
extern const mh_module mh_pancreas_module;
extern const mh_module mh_liver_module;
extern const mh_module mh_muscle_module;
extern const mh_module mh_kidney_module;
extern const mh_module mh_brain_module;
extern const mh_module mh_adipose_module;
extern const mh_module mh_exercise_module;
extern const mh_module mh_messengers_module;
extern const mh_module mh_endocrine_module;
extern const mh_module mh_body_module;
extern const mh_module mh_liver_fat_module;
extern const mh_module mh_liver_injury_module;

/* Subject estimates shared by the model's defaults and the scenario (body.c). */
double mh_body_resting_kcal_per_day(int female, double age_y, double height_m, double weight_kg);
double mh_body_mouse_resting_kcal_per_day(double weight_kg);
double mh_body_fat_estimate_kg(int female, double age_y, double height_m, double weight_kg);
double mh_body_muscle_estimate_kg(int female, double fat_free_kg);

extern const mh_module *const mh_modules[];
extern const int mh_module_count;

/* Pool concentrations from amounts, with the circulation module's parameters. */
void mh_circulation_concentrations(const double *circulation_params, const double *amount,
                                   double *conc);
/* Overnight-fasted reference concentrations (0 for pools without one). */
void mh_circulation_references(const double *circulation_params, double *ref);

#endif
