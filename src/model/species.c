/*
 * species.c - the mouse parameter set, derived from the human one (model layer).
 *
 * The mouse (C57BL/6 male) keeps the human model's structure. Its values come
 * from two places, in this order:
 *   1. an explicit row below (a mouse measurement, or "calibrated: to what");
 *   2. otherwise an allometric rule chosen by the parameter's unit, scaling the
 *      human value between the reference weights W_h = 78 kg and W_m = 0.028 kg:
 *        rate  (unit per min, h, day or year):  x (W_m / W_h)^-0.25   (about x7.27)
 *        time  (unit min, h or day):            x (W_m / W_h)^+0.25   (about /7.27)
 *        mass  (unit g or kg, whole body):      x (W_m / W_h)^1
 *        else  (concentrations, volumes per kg, ratios, energy densities): unchanged
 *      Mass-specific rates and physiological times scale with the quarter power
 *      of body mass (Lindstedt and Calder 1981 Q Rev Biol 56:1; West, Brown,
 *      Enquist 1997 Science 276:122); per-kg volumes and concentrations do not.
 * Rates per year of age are not scaled: the mouse's age clock is mapped onto a
 * human-equivalent age instead (physio/module.h, mh_age_at).
 */
#include "model/species.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/catalog.h"

#define SRC_ALLOMETRY "Lindstedt and Calder 1981 Q Rev Biol 56:1; West 1997 Science 276:122"
#define SRC_AGE_MAP "unchanged: a rate per year of age, read at the mouse's human-equivalent age"
/* Mouse liver 1.4 g (about 5 % of 28 g) against 1.8 kg in the human set. */
#define LIVER_RATIO (1.4 / 1800.0)
#define SRC_LIVER_SIZE                                                                           \
    "scaled with liver mass: human value x 1.4 g / 1.8 kg (mouse liver about 5 % of body "     \
    "weight, see liver_fat.liver_lean_fraction)"

/* The mouse's glucose set point: fasted (5-6 h) glucose of chow-fed C57BL/6
 * males is about 8 mmol/L (Andrikopoulos 2008 AJP Endo 295:E1323: 7.9 mmol/L;
 * Kohli 2010 Hepatology 52:934: 160 mg/dL), against 5.1 in the human set. Every
 * glucose threshold is multiplied, and every coefficient per unit of glucose
 * divided, by the same factor, so that the glucose system keeps its shape about
 * a higher level; the factor is calibrated so that the default chow-fed mouse
 * settles at 6-h fasted glucose of about 145 mg/dL (the chow arms of MO-1 and
 * MO-2 therefore test it only loosely; their high-fat arms are predictions). */
#define GLUCOSE_SET_POINT 2.1
#define SRC_GLUCOSE_UP "calibrated: glucose threshold x2.1 to the mouse set point (6-h fasted glucose about 145 mg/dL; species.c)"
#define SRC_GLUCOSE_DOWN "calibrated: per-glucose coefficient /2.1 with the mouse set point (species.c)"

/* Glucose leaves a mouse's stomach and gut about 2.2 times as fast as a person's,
 * not 7: oral glucose peaks at 15-30 min in mice against 30-60 min in people. */
#define GUT_GLUCOSE_SLOWER 0.3
#define SRC_GUT                                                                                  \
    "calibrated: x0.3 on the rate rule (about x2.2 the human rate), so that a 2 g/kg oral "     \
    "glucose load peaks at 15-30 min as in C57BL/6 tolerance tests (Andrikopoulos 2008 AJP "    \
    "Endo 295:E1323)"

/* Mouse rows, X(name, kind, value or factor, lower, upper, source):
 *   EXPLICIT  value and bounds as given;
 *   HUMAN     the human value and bounds, with the stated source;
 *   SCALED    the unit's allometric rule times `factor` (bounds likewise). */
typedef enum row_kind { EXPLICIT, HUMAN, SCALED } row_kind;

#define MOUSE_PARAMS(X)                                                                          \
    X("body.c_ar", HUMAN, 0, 0, 0, SRC_AGE_MAP)                                                \
    X("muscle.d_mito", HUMAN, 0, 0, 0, SRC_AGE_MAP)                                            \
    X("muscle.c_q", HUMAN, 0, 0, 0, SRC_AGE_MAP)                                               \
    X("messengers.d_igf1", HUMAN, 0, 0, 0, SRC_AGE_MAP)                                        \
    X("endocrine.d_t", HUMAN, 0, 0, 0, SRC_AGE_MAP)                                            \
    X("liver.glycogen0", EXPLICIT, 50.0 * LIVER_RATIO, 0.005, 0.08, SRC_LIVER_SIZE)            \
    X("liver.glycogen_max", EXPLICIT, 110.0 * LIVER_RATIO, 0.04, 0.2, SRC_LIVER_SIZE)          \
    X("liver.K_glycogen", EXPLICIT, 40.0 * LIVER_RATIO, 0.002, 0.08, SRC_LIVER_SIZE)           \
    X("liver_fat.liver_lean_fraction", EXPLICIT, 0.05, 0.035, 0.065,                           \
      "C57BL/6 male liver 4.5-5.5 % of body weight on chow (docs/MODEL.md, the mouse)")        \
    X("circulation.glucose_ref", SCALED, GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_UP)              \
    X("pancreas.h", SCALED, GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_UP)                           \
    X("liver.Gpb", SCALED, GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_UP)                            \
    X("muscle.Km0", SCALED, GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_UP)                           \
    X("kidney.ke2", SCALED, GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_UP)                           \
    X("liver.kp2", SCALED, 1.0 / GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_DOWN)                    \
    X("liver.k_hgu", SCALED, 1.0 / GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_DOWN)                  \
    X("kidney.ke1", SCALED, 1.0 / GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_DOWN)                   \
    X("pancreas.beta", SCALED, 1.0 / GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_DOWN)                \
    X("pancreas.K", SCALED, 1.0 / GLUCOSE_SET_POINT, 0, 0, SRC_GLUCOSE_DOWN)                   \
    X("gut.kmax", SCALED, GUT_GLUCOSE_SLOWER, 0, 0, SRC_GUT)                                   \
    X("gut.kmin", SCALED, GUT_GLUCOSE_SLOWER, 0, 0, SRC_GUT)                                   \
    X("gut.kgri", SCALED, GUT_GLUCOSE_SLOWER, 0, 0, SRC_GUT)                                   \
    X("body.s_disuse", EXPLICIT, 0.18, 0.05, 0.5,                                              \
      "calibrated: gastrocnemius -15 +- 2 % after 14 days of hindlimb unloading in adult male "  \
      "C57BL/6J (Krause, Speacht, Steiner, Lang, Donahue: mechanical loading recovers bone but not muscle lost during unloading); "  \
      "hindlimb unloading is complete disuse of the unloaded muscle, steeper than bed rest")     \
    X("endocrine.D_gc", EXPLICIT, 3.5, 1.0, 20.0,                                                \
      "calibrated: dexamethasone 20 mg/kg/day for 10 days (3.5 mg/day prednisolone-equivalent "  \
      "in a 26 g mouse) costs about the muscle of ageing from 3 to 21 months (Wang et al., "     \
      "dexamethasone-induced versus naturally aged sarcopenia in mice); the human value scaled " \
      "by any dose rule would make mouse doses 20-70-fold excess")                               \
    X("muscle.grip_per_kg", EXPLICIT, 15.5, 8.0, 25.0,                                           \
      "assumed: all-limb grip of young adult C57BL/6 males of the order of 150-200 gf (grip "    \
      "meters differ; only relative changes of grip are validated)")                            \
    X("body.zeta_CI", SCALED, MH_MOUSE_REFERENCE_KG / MH_HUMAN_REFERENCE_KG, 0, 0,             \
      "scaled as a mass too (x 28 g / 78 kg): zeta_CI / zeta_Na is the fluid, in kg, retained "  \
      "per unit change of intake")

typedef struct mouse_row {
    const char *name;
    row_kind kind;
    double value, lower, upper; /* SCALED: value is the factor */
    const char *source;
} mouse_row;

#define MOUSE_ROW(name, kind, value, lower, upper, source) {name, kind, value, lower, upper, source},
static const mouse_row mouse_rows[] = {MOUSE_PARAMS(MOUSE_ROW)};
#undef MOUSE_ROW

static const char *const species_names[] = {"human", "mouse"};

const char *mh_species_name(mh_species species)
{
    return species >= 0 && species < MH_COUNT(species_names) ? species_names[species] : NULL;
}

mh_status mh_species_find(const char *name, mh_species *out)
{
    for (int i = 0; i < MH_COUNT(species_names); i++) {
        if (strcmp(name, species_names[i]) == 0) {
            *out = (mh_species)i;
            return MH_OK;
        }
    }
    return MH_ERR_NOT_FOUND;
}

double mh_species_mouse_rate_factor(void)
{
    return pow(MH_MOUSE_REFERENCE_KG / MH_HUMAN_REFERENCE_KG, -0.25);
}

typedef enum unit_rule { RULE_KEEP, RULE_RATE, RULE_TIME, RULE_MASS } unit_rule;

/* The allometric rule a unit calls for (see the file header). */
static unit_rule rule_for_unit(const char *unit)
{
    if (strstr(unit, "/min") || strstr(unit, "/h") || strstr(unit, "/day") || strstr(unit, "year"))
        return RULE_RATE;
    if (strcmp(unit, "min") == 0 || strcmp(unit, "h") == 0 || strcmp(unit, "day") == 0)
        return RULE_TIME;
    if (strcmp(unit, "g") == 0 || strcmp(unit, "kg") == 0)
        return RULE_MASS;
    return RULE_KEEP;
}

static const mouse_row *mouse_row_of(const char *name)
{
    for (int i = 0; i < MH_COUNT(mouse_rows); i++)
        if (strcmp(mouse_rows[i].name, name) == 0)
            return &mouse_rows[i];
    return NULL;
}

/* The unit's allometric factor and the law's name (NULL: exponent 0). */
static double unit_factor(const char *unit, const char **law)
{
    double ratio = MH_MOUSE_REFERENCE_KG / MH_HUMAN_REFERENCE_KG;
    switch (rule_for_unit(unit)) {
    case RULE_RATE:
        *law = "a rate, exponent -0.25";
        return pow(ratio, -0.25);
    case RULE_TIME:
        *law = "a time, exponent +0.25";
        return pow(ratio, 0.25);
    case RULE_MASS:
        *law = "a mass, exponent 1";
        return ratio;
    case RULE_KEEP:
        break;
    }
    *law = NULL;
    return 1.0;
}

static void mouse_param(const mh_param_info *human, mh_species_param *out)
{
    const mouse_row *row = mouse_row_of(human->name);
    if (row && row->kind != SCALED) {
        if (row->kind == EXPLICIT) {
            out->info.default_value = row->value;
            out->info.lower = row->lower;
            out->info.upper = row->upper;
        }
        snprintf(out->source, sizeof out->source, "%s", row->source);
        return;
    }
    const char *law;
    double factor = unit_factor(human->unit, &law) * (row ? row->value : 1.0);
    out->info.default_value = human->default_value * factor;
    out->info.lower = human->lower * factor;
    out->info.upper = human->upper * factor;
    if (row && law)
        snprintf(out->source, sizeof out->source,
                 "%s; allometric from human %.4g %s (%s; %s)", row->source,
                 human->default_value, human->unit, law, SRC_ALLOMETRY);
    else if (row)
        snprintf(out->source, sizeof out->source, "%s; human %.4g %s", row->source,
                 human->default_value, human->unit);
    else if (law)
        snprintf(out->source, sizeof out->source,
                 "allometric from human %.4g %s (%s: x%.4g between 78 kg and 28 g; %s)",
                 human->default_value, human->unit, law, factor, SRC_ALLOMETRY);
    else
        snprintf(out->source, sizeof out->source,
                 "as in humans (a concentration, per-kg volume or ratio: allometric exponent 0); "
                 "human source: %s",
                 human->source);
}

void mh_species_param_at(mh_species species, int index, mh_species_param *out)
{
    const mh_param_info *human = mh_param_at(index);
    memset(out, 0, sizeof *out);
    if (!human)
        return;
    out->info = *human; /* the human set: the modules' own row, source included */
    if (species == MH_SPECIES_MOUSE) {
        mouse_param(human, out);
        out->info.source = out->source;
    }
}

void mh_species_param_info_at(mh_species species, int index, mh_param_info *out)
{
    mh_species_param param;
    mh_species_param_at(species, index, &param);
    *out = param.info;
    out->source = NULL;
}
