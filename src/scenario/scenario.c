/*
 * scenario.c - reading and validating scenario files (scenario layer).
 *
 * The contract is ../shared/design/SCENARIO.md. Every key it lists is parsed
 * and validated here; keys whose physiology does not exist yet are validated
 * in full and then rejected as "not supported yet", never ignored. Values out
 * of range cite the allowed range; unknown keys suggest the nearest known one.
 */
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "core/suggest.h"
#include "core/units.h"
#include "model/catalog.h"
#include "model/species.h"
#include "physio/registry.h"
#include "scenario/yaml.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum { MAX_EVENTS = 100000, MAX_VARS = 256 };

/* Subject limits: adults only; bounds wide enough for any real adult. */
static const double AGE_MIN = 18, AGE_MAX = 110, HEIGHT_MIN = 120, HEIGHT_MAX = 230;
static const double WEIGHT_MIN = 30, WEIGHT_MAX = 250, BMI_MIN = 12, BMI_MAX = 70;
/* A mouse: weaned and growing up to very old (C57BL/6 median lifespan about 29
 * months), from a lean 15 g to a diet-induced or genetically obese 70 g. */
static const double MOUSE_AGE_WEEKS_MIN = 6, MOUSE_AGE_WEEKS_MAX = 130;
static const double MOUSE_WEIGHT_G_MIN = 15, MOUSE_WEIGHT_G_MAX = 70;
/* The default mouse: a C57BL/6J male of 16 weeks, 28 g (JAX phenotype data),
 * about 12 % body fat on chow (assumed: NMR and DEXA reports of 10-15 %), nose to
 * rump about 9.5 cm (only BMI reads a height, and a mouse run does not report it),
 * housed at 20-22 C (physical activity level 2.5, physio/body.c). */
static const double MOUSE_WEIGHT_G = 28, MOUSE_AGE_WEEKS = 16, MOUSE_BODY_FAT_PCT = 12;
static const double MOUSE_LENGTH_CM = 9.5, MOUSE_ACTIVITY_LEVEL = 2.5;
/* Liver triglyceride of chow-fed males about 10-20 mg/g (assumed from typical
 * reports); 15 mg/g (1.5 %) is also where the model's chow-fed mouse settles. */
static const double MOUSE_LIVER_FAT_PCT = 1.5;
static const double WEEKS_PER_MONTH = 365.25 / 12.0 / 7.0;
static const double MAX_DURATION_MIN = 100.0 * MH_MIN_PER_YEAR;

static const char *const messengers[] = {"il6",       "irisin",    "fgf21", "adiponectin", "follistatin",
                                         "myostatin", "ccl2",      "adm",   "igf1"};
static const char *const weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"};

double mh_weight_stable_kcal_per_day(mh_sex sex, double age_y, double height_cm,
                                     double weight_kg, double physical_activity_level)
{
    /* Mifflin et al. 1990 Am J Clin Nutr 51:241, as the body module's energy balance uses it. */
    return physical_activity_level * mh_body_resting_kcal_per_day(sex == MH_SEX_FEMALE, age_y,
                                                                  height_cm / 100.0, weight_kg);
}

double mh_scenario_weight_stable_kcal_per_day(const mh_scenario *s)
{
    if (s->species == MH_SPECIES_MOUSE)
        return s->subject.physical_activity_level *
               mh_body_mouse_resting_kcal_per_day(s->subject.weight_kg);
    return mh_weight_stable_kcal_per_day(s->subject.sex, s->subject.age_y, s->subject.height_cm,
                                         s->subject.weight_kg, s->subject.physical_activity_level);
}

double mh_mouse_age_equivalent_y(double age_weeks)
{
    return MH_MOUSE_AGE_Y_AT_3_MONTHS +
           (age_weeks / WEEKS_PER_MONTH - 3.0) * MH_MOUSE_HUMAN_YEARS_PER_MONTH;
}

double mh_mouse_age_weeks(double equivalent_y)
{
    return ((equivalent_y - MH_MOUSE_AGE_Y_AT_3_MONTHS) / MH_MOUSE_HUMAN_YEARS_PER_MONTH + 3.0) *
           WEEKS_PER_MONTH;
}

/* VO2max of an untrained adult from age and sex when the scenario gives none
 * (about 40 mL/kg/min in men of 40, 32 in women, falling about 0.35 per year;
 * Fleg 2005 Circulation 112:674 cross-sectional means). */
static double vo2max_estimate(mh_sex sex, double age_y)
{
    double at40 = sex == MH_SEX_MALE ? 40.0 : 32.0;
    return fmax(at40 - 0.35 * (age_y - 40.0), 12.0);
}

void mh_scenario_subject_inputs(const mh_scenario *s, mh_inputs *in)
{
    int female = s->subject.sex == MH_SEX_FEMALE;
    double w = s->subject.weight_kg, h = s->subject.height_cm / 100.0;
    in->species = s->species;
    in->body_weight_kg = w;
    in->female = female;
    in->age_y = s->subject.age_y;
    in->height_m = h;
    in->fat_mass_kg = isnan(s->subject.body_fat_pct)
                          ? mh_body_fat_estimate_kg(female, s->subject.age_y, h, w)
                          : w * s->subject.body_fat_pct / 100.0;
    in->muscle_mass_kg = mh_body_muscle_estimate_kg(female, w - in->fat_mass_kg);
    in->physical_activity_level = s->subject.physical_activity_level;
    in->vo2max_ml_kg_min = isnan(s->subject.vo2max_ml_kg_min)
                               ? vo2max_estimate(s->subject.sex, s->subject.age_y)
                               : s->subject.vo2max_ml_kg_min;
    in->pnpla3_risk_alleles = s->subject.pnpla3_risk_alleles;
    in->tm6sf2_risk_alleles = s->subject.tm6sf2_risk_alleles;
    in->liver_fat_pct = isnan(s->subject.liver_fat_pct) ? 2.5 : s->subject.liver_fat_pct;
    in->fibrosis_stage = s->subject.fibrosis_stage;
    in->intake_kcal_day = s->diet_energy_kcal_per_day;
    in->protein_g_per_kg_day = s->n_daily_meals > 0 ? s->diet_protein_g_per_day / w : 1.0;
}

double mh_default_every_min(double duration_min)
{
    if (duration_min <= 3.0 * MH_MIN_PER_DAY)
        return 5.0;
    if (duration_min <= 60.0 * MH_MIN_PER_DAY)
        return 60.0;
    return MH_MIN_PER_DAY;
}

/* ---- subject ---------------------------------------------------------------- */

/* Genetic fatty liver. People: risk alleles of PNPLA3 I148M (rs738409 G) and
 * TM6SF2 E167K (rs58542926 T). Mice carry the same two lesions as engineered
 * alleles the model's structure already holds: the Pnpla3 148M knock-in
 * (Smagris et al. 2015 Hepatology 61:108: 2-3-fold liver triglyceride on a
 * high-sucrose diet, none on chow; the variant protein escapes degradation and
 * stalls lipolysis of stored triglyceride) and the Tm6sf2 knockout (Smagris et
 * al. 2016 Hepatology 64:1: less VLDL secretion, fatty liver). Obese leptin-
 * deficient ob/ob mice are not offered: their fatty liver comes from
 * hyperphagia and leptin loss, which the model does not represent. */
static mh_status read_genotype(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    bool mouse = s->species == MH_SPECIES_MOUSE;
    static const char *const human_keys[] = {"PNPLA3", "TM6SF2"};
    static const char *const mouse_keys[] = {"Pnpla3", "Tm6sf2"};
    const char *const *keys = mouse ? mouse_keys : human_keys;
    const char *const *pnpla3 = mouse ? (const char *const[]){"wt", "148I/M", "148M/M"}
                                      : (const char *const[]){"CC", "CG", "GG"};
    const char *const *tm6sf2 = mouse ? (const char *const[]){"wt", "+/-", "-/-"}
                                      : (const char *const[]){"CC", "CT", "TT"};
    struct fy_node *v[2];
    mh_status st = mh_yaml_map(y, node, "genotype", keys, 2, v, NULL);
    /* risk alleles: PNPLA3 I148M is G (rs738409), TM6SF2 E167K is T (rs58542926) */
    if (st == MH_OK && v[0])
        st = mh_yaml_choice(y, v[0], keys[0], pnpla3, 3, &s->subject.pnpla3_risk_alleles);
    if (st == MH_OK && v[1])
        st = mh_yaml_choice(y, v[1], keys[1], tm6sf2, 3, &s->subject.tm6sf2_risk_alleles);
    return st;
}

static mh_status read_subject(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    enum { SEX, AGE, HEIGHT, WEIGHT, BODY_FAT, LIVER_FAT, HABITUAL, VO2MAX, GENOTYPE, FIBROSIS, PAL,
           AGE_WEEKS, WEIGHT_G, N };
    static const char *const keys[N] = {"sex",          "age_y",         "height_cm",
                                        "weight_kg",    "body_fat_pct",  "liver_fat_pct",
                                        "liver_fat_habitual", "vo2max_ml_kg_min", "genotype",
                                        "fibrosis_stage", "physical_activity_level", "age_weeks",
                                        "weight_g"};
    static const char *const booleans[] = {"false", "true"};
    static const char *const sexes[] = {"male", "female"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "subject", keys, N, v, k);
    if (st != MH_OK)
        return st;
    /* Each species states weight and age in its own convention (SCENARIO.md). */
    bool mouse = s->species == MH_SPECIES_MOUSE;
    static const int human_only[] = {AGE, HEIGHT, WEIGHT, VO2MAX, HABITUAL};
    static const char *const instead[] = {"gives its age as age_weeks", "has no height_cm",
                                          "gives its weight as weight_g", "has no VO2max",
                                          "has no habitual liver fat hold"};
    for (int i = 0; mouse && i < COUNT(human_only); i++)
        if (v[human_only[i]])
            return mh_yaml_fail(y, k[human_only[i]], MH_ERR_INVALID,
                                "'%s' describes a human subject; a mouse %s", keys[human_only[i]],
                                instead[i]);
    if (!mouse && (v[AGE_WEEKS] || v[WEIGHT_G]))
        return mh_yaml_fail(y, k[v[AGE_WEEKS] ? AGE_WEEKS : WEIGHT_G], MH_ERR_INVALID,
                            "'%s' describes a mouse; add 'species: mouse', or give a human's %s",
                            keys[v[AGE_WEEKS] ? AGE_WEEKS : WEIGHT_G],
                            v[AGE_WEEKS] ? "age_y" : "weight_kg");
    int sex = 0;
    if (v[SEX] && (st = mh_yaml_choice(y, v[SEX], "sex", sexes, 2, &sex)) == MH_OK)
        s->subject.sex = sex == 0 ? MH_SEX_MALE : MH_SEX_FEMALE;
    if (st == MH_OK && mouse && sex == 1)
        return mh_yaml_fail(y, v[SEX], MH_ERR_INVALID,
                            "the mouse parameter set is a C57BL/6 male; female mice are not "
                            "modelled");
    double mouse_value;
    if (st == MH_OK && v[AGE_WEEKS] &&
        (st = mh_yaml_number(y, v[AGE_WEEKS], "age_weeks", MOUSE_AGE_WEEKS_MIN, MOUSE_AGE_WEEKS_MAX,
                             "weeks", &mouse_value)) == MH_OK)
        s->subject.age_y = mh_mouse_age_equivalent_y(mouse_value);
    if (st == MH_OK && v[WEIGHT_G] &&
        (st = mh_yaml_number(y, v[WEIGHT_G], "weight_g", MOUSE_WEIGHT_G_MIN, MOUSE_WEIGHT_G_MAX, "g",
                             &mouse_value)) == MH_OK)
        s->subject.weight_kg = mouse_value / 1000.0;
    if (st == MH_OK && v[AGE])
        st = mh_yaml_number(y, v[AGE], "age_y", AGE_MIN, AGE_MAX, "years", &s->subject.age_y);
    if (st == MH_OK && v[HEIGHT])
        st = mh_yaml_number(y, v[HEIGHT], "height_cm", HEIGHT_MIN, HEIGHT_MAX, "cm",
                            &s->subject.height_cm);
    if (st == MH_OK && v[WEIGHT])
        st = mh_yaml_number(y, v[WEIGHT], "weight_kg", WEIGHT_MIN, WEIGHT_MAX, "kg",
                            &s->subject.weight_kg);
    if (st == MH_OK && v[BODY_FAT])
        st = mh_yaml_number(y, v[BODY_FAT], "body_fat_pct", 3, 70, "%", &s->subject.body_fat_pct);
    if (st == MH_OK && v[LIVER_FAT])
        st = mh_yaml_number(y, v[LIVER_FAT], "liver_fat_pct", 0, 60, "%", &s->subject.liver_fat_pct);
    if (st == MH_OK && v[HABITUAL]) {
        if (!v[LIVER_FAT])
            return mh_yaml_fail(y, v[HABITUAL], MH_ERR_INVALID,
                                "liver_fat_habitual needs the subject's liver_fat_pct");
        st = mh_yaml_choice(y, v[HABITUAL], "liver_fat_habitual", booleans, 2,
                            &s->subject.liver_fat_habitual);
    }
    if (st == MH_OK && v[VO2MAX])
        st = mh_yaml_number(y, v[VO2MAX], "vo2max_ml_kg_min", 8, 95, "mL/kg/min",
                            &s->subject.vo2max_ml_kg_min);
    if (st == MH_OK && v[GENOTYPE])
        st = read_genotype(y, v[GENOTYPE], s);
    if (st == MH_OK && v[FIBROSIS])
        st = mh_yaml_number(y, v[FIBROSIS], "fibrosis_stage", 0, 4, "(stage)", &s->subject.fibrosis_stage);
    if (st == MH_OK && v[PAL])
        st = mh_yaml_number(y, v[PAL], "physical_activity_level", 1.2, mouse ? 4.0 : 2.5,
                            "(daily expenditure / resting)", &s->subject.physical_activity_level);
    if (st != MH_OK || mouse)
        return st;
    double h = s->subject.height_cm / 100.0, bmi = s->subject.weight_kg / (h * h);
    if (bmi < BMI_MIN || bmi > BMI_MAX)
        return mh_yaml_fail(y, v[WEIGHT] ? v[WEIGHT] : (v[HEIGHT] ? v[HEIGHT] : node),
                            MH_ERR_INVALID,
                            "impossible subject: BMI %.1f kg/m^2 from weight %g kg and height %g cm "
                            "(allowed %g to %g kg/m^2)",
                            bmi, s->subject.weight_kg, s->subject.height_cm, BMI_MIN, BMI_MAX);
    (void)k;
    return MH_OK;
}

/* ---- meals and diet ----------------------------------------------------------- */

typedef struct meal_list {
    int n;
    double clock[MH_MAX_DAILY_MEALS];
    bool shared[MH_MAX_DAILY_MEALS]; /* a clock time only: takes a share of the diet */
    mh_daily_meal content[MH_MAX_DAILY_MEALS];
} meal_list;

/* One meal's content {carbs_g, fat_g, protein_g, fructose_g, alcohol_g}; `at` is
 * accepted when `with_at` (daily meal lists). */
static mh_status read_meal_content(mh_yaml *y, struct fy_node *node, const char *context,
                                   bool with_at, double *clock, mh_daily_meal *meal)
{
    enum { AT, CARBS, FAT, PROTEIN, FRUCTOSE, ALCOHOL, N };
    static const char *const keys[N] = {"at", "carbs_g", "fat_g", "protein_g", "fructose_g",
                                        "alcohol_g"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, context, keys, N, v, k);
    if (st != MH_OK)
        return st;
    if (v[AT] && !with_at)
        return mh_yaml_fail(y, k[AT], MH_ERR_PARSE,
                            "unknown key 'at' in %s (the event's own 'at' gives the time)",
                            context);
    if (with_at) {
        if (!v[AT])
            return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: missing key 'at' (a clock time such as '07:30')",
                                context);
        if ((st = mh_yaml_clock(y, v[AT], "at", clock)) != MH_OK)
            return st;
    }
    if (!v[CARBS] && !v[FAT] && !v[PROTEIN] && !v[FRUCTOSE] && !v[ALCOHOL])
        return mh_yaml_fail(y, node, MH_ERR_PARSE,
                            "%s: a meal needs at least one of carbs_g, fat_g, protein_g, "
                            "fructose_g, alcohol_g",
                            context);
    double minute = meal->minute_of_day;
    *meal = (mh_daily_meal){.minute_of_day = minute};
    double *amount[] = {NULL, &meal->carbs_g, &meal->fat_g, &meal->protein_g, &meal->fructose_g,
                        &meal->alcohol_g};
    static const double upper[] = {0, 1000, 500, 500, 300, 200};
    for (int i = CARBS; i <= ALCOHOL; i++)
        if (v[i] && (st = mh_yaml_number(y, v[i], keys[i], 0, upper[i], "g", amount[i])) != MH_OK)
            return st;
    return MH_OK;
}

static mh_status read_meal_list(mh_yaml *y, struct fy_node *node, meal_list *meals)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "meals");
    if (st != MH_OK)
        return st;
    int n = fy_node_sequence_item_count(node);
    if (n < 1 || n > MH_MAX_DAILY_MEALS)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "meals: expected 1 to %d meals a day, found %d",
                            MH_MAX_DAILY_MEALS, n);
    void *iter = NULL;
    struct fy_node *item;
    meals->n = 0;
    while ((item = fy_node_sequence_iterate(node, &iter))) {
        int i = meals->n;
        if (fy_node_get_type(item) == FYNT_MAPPING) {
            st = read_meal_content(y, item, "meal", true, &meals->clock[i], &meals->content[i]);
            meals->shared[i] = false;
        } else {
            st = mh_yaml_clock(y, item, "meals", &meals->clock[i]);
            meals->shared[i] = true;
        }
        if (st != MH_OK)
            return st;
        if (i > 0 && meals->clock[i] <= meals->clock[i - 1])
            return mh_yaml_fail(y, item, MH_ERR_INVALID,
                                "meals must be in clock order without repeats: %02d:%02d comes "
                                "after %02d:%02d",
                                (int)meals->clock[i] / 60, (int)meals->clock[i] % 60,
                                (int)meals->clock[i - 1] / 60, (int)meals->clock[i - 1] % 60);
        meals->n++;
    }
    return MH_OK;
}

/* Mouse diets (SCENARIO.md `diet: {preset: ...}`), as shares of metabolizable
 * energy, eaten ad libitum: the weight-stable intake (Kleiber x activity level)
 * times energy_factor.
 *   chow: LabDiet 5001 (protein 28.5, fat 13.5, carbohydrate 58 % of energy,
 *         3.36 kcal/g; its sucrose is a few per cent of weight and is left out).
 *   hfd60: Research Diets D12492 (fat 60, carbohydrate 20, protein 20 % of
 *         energy, 5.24 kcal/g; sucrose 68.8 g of 773.85 g, about 7 % of energy,
 *         half of it fructose). Mice eat more energy on it, most in the first
 *         weeks (Flowers and Mickelson 2010 FASEB J 24:554.6); reports range
 *         10-30 %, the model takes 20 % for the whole run. */
typedef struct mouse_diet {
    double carbs_pct, fat_pct, fructose_pct, energy_factor;
} mouse_diet;

static const mouse_diet mouse_diets[] = {
    {.carbs_pct = 58.0, .fat_pct = 13.5, .fructose_pct = 0.0, .energy_factor = 1.0},
    {.carbs_pct = 20.0, .fat_pct = 60.0, .fructose_pct = 3.5, .energy_factor = 1.2},
};

/* Mice eat in bouts, about three quarters of their food in the dark (Ellacott
 * 2010 Cell Metab 12:10); the model's mouse eats eight equal meals 90 min apart
 * from 19:00 to 05:30 (lights on 07:00), so a test after 6 h of fasting can start
 * at 12:00 without meeting a meal. */
static const meal_list mouse_meals = {
    .n = 8,
    .clock = {60, 150, 240, 330, 1140, 1230, 1320, 1410},
    .shared = {1, 1, 1, 1, 1, 1, 1, 1},
};

/* Daily meals from a diet (or a top-level explicit meal list when diet is NULL). */
static mh_status read_diet(mh_yaml *y, struct fy_node *diet, struct fy_node *top_meals,
                           mh_scenario *s)
{
    enum { ENERGY, CHANGE, CARBS, FAT, PROTEIN, FRUCTOSE, ALCOHOL, PATTERN, MEALS, PRESET, N };
    static const char *const keys[N] = {
        "energy_kcal_per_day", "energy_change_kcal_per_day", "carbs_pct",  "fat_pct",
        "protein_g_per_kg",    "fructose_g_per_day",         "alcohol_g_per_day", "pattern",
        "meals",               "preset"};
    static const char *const patterns[] = {"western", "mediterranean", "custom"};
    static const double pattern_carbs_pct[] = {50.0, 42.0, -1.0}; /* custom: carbs_pct required */
    static const double pattern_fat_pct[] = {35.0, 40.0, 35.0};
    static const char *const presets[] = {"chow", "hfd60"};
    struct fy_node *v[N] = {0}, *k[N] = {0};
    mh_status st = MH_OK;
    if (diet && (st = mh_yaml_map(y, diet, "diet", keys, N, v, k)) != MH_OK)
        return st;
    if (diet && top_meals && v[MEALS])
        return mh_yaml_fail(y, top_meals, MH_ERR_INVALID,
                            "meals are given twice: in diet.meals and in the top-level meals");
    double energy = mh_scenario_weight_stable_kcal_per_day(s);
    double change = 0.0, carbs_pct = 50.0, protein_g_per_kg = -1.0, fructose_g = 0.0, alcohol_g = 0.0;
    int pattern = 0, preset = -1;
    bool mouse = s->species == MH_SPECIES_MOUSE;
    if (v[PRESET] && (st = mh_yaml_choice(y, v[PRESET], "preset", presets, 2, &preset)) != MH_OK)
        return st;
    if (preset >= 0 && !mouse)
        return mh_yaml_fail(y, v[PRESET], MH_ERR_INVALID,
                            "diet preset '%s' is a mouse diet (add 'species: mouse'); a human diet "
                            "gives energy_kcal_per_day, carbs_pct, fat_pct or a pattern",
                            presets[preset]);
    if (mouse && diet && preset < 0)
        return mh_yaml_fail(y, diet, MH_ERR_INVALID,
                            "a mouse diet needs 'preset: chow' or 'preset: hfd60' (with optional "
                            "meals as clock times)");
    if (mouse && top_meals && !diet)
        return mh_yaml_fail(y, top_meals, MH_ERR_INVALID,
                            "a mouse eats a diet preset ('diet: {preset: chow}'); top-level meals "
                            "are for human scenarios (one-off loads go under events)");
    for (int key = 0; preset >= 0 && key < N; key++)
        if (v[key] && key != PRESET && key != MEALS)
            return mh_yaml_fail(y, k[key], MH_ERR_INVALID,
                                "'%s' does not combine with diet.preset: the preset fixes the "
                                "mouse diet's composition and its ad libitum energy",
                                keys[key]);
    if (preset >= 0) {
        const mouse_diet *d = &mouse_diets[preset];
        energy *= d->energy_factor;
        carbs_pct = d->carbs_pct;
        fructose_g = energy * d->fructose_pct / 100.0 / MH_KCAL_PER_G_CARB;
    }
    if (v[ENERGY] && v[CHANGE])
        return mh_yaml_fail(y, k[CHANGE], MH_ERR_INVALID,
                            "give either energy_kcal_per_day or energy_change_kcal_per_day, not both");
    if (v[ENERGY] &&
        (st = mh_yaml_number(y, v[ENERGY], "energy_kcal_per_day", 500, 8000, "kcal/day", &energy)) != MH_OK)
        return st;
    if (v[CHANGE] && (st = mh_yaml_number(y, v[CHANGE], "energy_change_kcal_per_day", -3000, 3000,
                                          "kcal/day", &change)) != MH_OK)
        return st;
    if (v[PATTERN] && (st = mh_yaml_choice(y, v[PATTERN], "pattern", patterns, 3, &pattern)) != MH_OK)
        return st;
    if (preset < 0)
        carbs_pct = pattern_carbs_pct[pattern];
    if (v[CARBS] && (st = mh_yaml_number(y, v[CARBS], "carbs_pct", 0, 100, "%", &carbs_pct)) != MH_OK)
        return st;
    double fat_pct = preset >= 0 ? mouse_diets[preset].fat_pct : pattern_fat_pct[pattern];
    if (v[FAT] && (st = mh_yaml_number(y, v[FAT], "fat_pct", 0, 100, "%", &fat_pct)) != MH_OK)
        return st;
    if (carbs_pct + fat_pct > 100.0)
        return mh_yaml_fail(y, v[FAT] ? v[FAT] : v[CARBS], MH_ERR_INVALID,
                            "carbs_pct + fat_pct = %g %% exceeds 100 %% of energy",
                            carbs_pct + fat_pct);
    if (v[PROTEIN] && (st = mh_yaml_number(y, v[PROTEIN], "protein_g_per_kg", 0.2, 4.0, "g/kg/day",
                                           &protein_g_per_kg)) != MH_OK)
        return st;
    if (v[FRUCTOSE] && (st = mh_yaml_number(y, v[FRUCTOSE], "fructose_g_per_day", 0, 400, "g/day",
                                            &fructose_g)) != MH_OK)
        return st;
    if (v[ALCOHOL] && (st = mh_yaml_number(y, v[ALCOHOL], "alcohol_g_per_day", 0, 300, "g/day",
                                           &alcohol_g)) != MH_OK)
        return st;
    meal_list meals = {.n = 3, .clock = {7.5 * 60, 12.5 * 60, 19.0 * 60}, .shared = {1, 1, 1}};
    if (mouse)
        meals = mouse_meals;
    struct fy_node *meal_node = v[MEALS] ? v[MEALS] : top_meals;
    if (meal_node && (st = read_meal_list(y, meal_node, &meals)) != MH_OK)
        return st;
    int shared = 0;
    for (int i = 0; i < meals.n; i++)
        shared += meals.shared[i];
    if (!diet && shared > 0)
        return mh_yaml_fail(y, top_meals, MH_ERR_INVALID,
                            "top-level meals need their content ({at: '07:30', carbs_g: 60}); "
                            "clock times alone need a diet to split");
    bool splits = v[ENERGY] || v[CHANGE] || v[CARBS] || v[PATTERN] || v[FAT] || v[PROTEIN] ||
                  v[FRUCTOSE] || v[ALCOHOL];
    if (diet && shared == 0 && splits)
        return mh_yaml_fail(y, diet,
                            MH_ERR_INVALID,
                            "this diet key has no effect: every meal lists its own content; "
                            "remove it or give meals as clock times");
    if (shared > 0 && carbs_pct < 0.0)
        return mh_yaml_fail(y, v[PATTERN], MH_ERR_INVALID,
                            "pattern 'custom' needs carbs_pct (share of energy from carbohydrate)");
    energy += change;
    if (shared > 0 && !mouse && energy < 500.0)
        return mh_yaml_fail(y, v[CHANGE] ? v[CHANGE] : v[ENERGY], MH_ERR_INVALID,
                            "daily energy intake would be %.0f kcal; at least 500 kcal/day is needed",
                            energy);
    /* The day's energy splits into carbohydrate (fructose included), fat and protein
     * (the remainder unless protein_g_per_kg is given); alcohol comes on top. */
    double carbs_day = energy * carbs_pct / 100.0 / MH_KCAL_PER_G_CARB;
    double fat_day = energy * fat_pct / 100.0 / MH_KCAL_PER_G_FAT;
    double protein_day = protein_g_per_kg >= 0.0
                             ? protein_g_per_kg * s->subject.weight_kg
                             : energy * (100.0 - carbs_pct - fat_pct) / 100.0 / MH_KCAL_PER_G_CARB;
    if (fructose_g > carbs_day)
        return mh_yaml_fail(y, v[FRUCTOSE], MH_ERR_INVALID,
                            "fructose_g_per_day = %g g exceeds the day's carbohydrate (%.0f g)",
                            fructose_g, carbs_day);
    double split = shared > 0 ? 1.0 / shared : 0.0;
    mh_daily_meal *daily = calloc((size_t)meals.n, sizeof *daily);
    if (!daily)
        return mh_yaml_fail(y, diet ? diet : top_meals, MH_ERR_NOMEM,
                            "out of memory reading the diet");
    free(s->daily_meals);
    s->daily_meals = daily;
    s->n_daily_meals = meals.n;
    s->diet_energy_kcal_per_day = s->diet_protein_g_per_day = 0.0;
    for (int i = 0; i < meals.n; i++) {
        mh_daily_meal *m = &s->daily_meals[i];
        if (meals.shared[i])
            *m = (mh_daily_meal){.carbs_g = (carbs_day - fructose_g) * split,
                                 .fat_g = fat_day * split,
                                 .protein_g = protein_day * split,
                                 .fructose_g = fructose_g * split,
                                 .alcohol_g = alcohol_g * split};
        else
            *m = meals.content[i];
        m->minute_of_day = meals.clock[i];
        /* the day's energy as eaten, explicit meals included */
        s->diet_energy_kcal_per_day +=
            MH_KCAL_PER_G_CARB * (m->carbs_g + m->fructose_g + m->protein_g) +
            MH_KCAL_PER_G_FAT * m->fat_g + MH_KCAL_PER_G_ALCOHOL * m->alcohol_g;
        s->diet_protein_g_per_day += m->protein_g;
    }
    return MH_OK;
}

/* ---- from/until windows, exercise, interventions -------------------------------- */

static mh_status read_window(mh_yaml *y, struct fy_node *from, struct fy_node *until,
                             const mh_scenario *s, const char *context, double *start, double *end)
{
    mh_status st = MH_OK;
    *start = 0.0;
    *end = s->duration_min;
    if (from && (st = mh_yaml_moment(y, from, "from", start)) != MH_OK)
        return st;
    if (until && (st = mh_yaml_moment(y, until, "until", end)) != MH_OK)
        return st;
    if (from && until && *end <= *start)
        return mh_yaml_fail(y, until, MH_ERR_INVALID, "%s: 'until' must come after 'from'", context);
    if (from && *start >= s->duration_min)
        return mh_yaml_fail(y, from, MH_ERR_INVALID, "%s: starts at or after the end of the run",
                            context);
    return MH_OK;
}

static mh_status read_exercise_entry(mh_yaml *y, struct fy_node *node, const mh_scenario *s,
                                     mh_exercise_plan *b)
{
    enum { TYPE, DAYS, AT, DURATION, INTENSITY, WORK, REST, FROM, UNTIL, N };
    static const char *const keys[N] = {"type",     "days", "at",   "duration_min", "intensity",
                                        "work_min", "rest_min", "from", "until"};
    static const char *const types[] = {"aerobic", "resistance", "hiit"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "exercise entry", keys, N, v, k);
    if (st != MH_OK)
        return st;
    static const char *const required[] = {"type", "days", "at", "duration_min", "intensity"};
    for (int i = 0; i < 5; i++)
        if (!v[i])
            return mh_yaml_fail(y, node, MH_ERR_PARSE, "exercise entry: missing key '%s'", required[i]);
    int type, day;
    double duration, intensity;
    if ((st = mh_yaml_choice(y, v[TYPE], "type", types, 3, &type)) != MH_OK ||
        (st = mh_yaml_expect_sequence(y, v[DAYS], "days")) != MH_OK)
        return st;
    void *iter = NULL;
    struct fy_node *item;
    b->days = 0;
    while ((item = fy_node_sequence_iterate(v[DAYS], &iter))) {
        if ((st = mh_yaml_choice(y, item, "days", weekdays, COUNT(weekdays), &day)) != MH_OK)
            return st;
        unsigned bit = day == 7 ? 0x7Fu : 1u << day;
        if (b->days & bit)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "days: '%s' is listed twice", weekdays[day]);
        b->days |= bit;
    }
    if (b->days == 0)
        return mh_yaml_fail(y, v[DAYS], MH_ERR_INVALID, "days: expected at least one day");
    double upper_intensity = type == 2 ? 1.5 : 1.0;
    if ((st = mh_yaml_clock(y, v[AT], "at", &b->start)) != MH_OK ||
        (st = mh_yaml_number(y, v[DURATION], "duration_min", 1, 600, "min", &duration)) != MH_OK ||
        (st = mh_yaml_number(y, v[INTENSITY], "intensity", 0.1, upper_intensity,
                             type == 0   ? "(fraction of VO2max)"
                             : type == 1 ? "(fraction of 1RM)"
                                         : "(work-interval fraction of VO2max)",
                             &intensity)) != MH_OK)
        return st;
    if ((v[WORK] || v[REST]) && type != 2)
        return mh_yaml_fail(y, k[v[WORK] ? WORK : REST], MH_ERR_INVALID,
                            "work_min and rest_min describe intervals; they apply to type hiit only");
    b->work_min = b->rest_min = 0.0;
    if (v[WORK] && (st = mh_yaml_number(y, v[WORK], "work_min", 0.1, 30, "min", &b->work_min)) != MH_OK)
        return st;
    if (v[REST] && (st = mh_yaml_number(y, v[REST], "rest_min", 0.1, 30, "min", &b->rest_min)) != MH_OK)
        return st;
    static const mh_exercise_type kinds[] = {MH_EXERCISE_AEROBIC, MH_EXERCISE_RESISTANCE,
                                             MH_EXERCISE_HIIT};
    b->type = kinds[type];
    b->intensity = intensity;
    b->end = b->start + duration;
    if (b->end > MH_MIN_PER_DAY)
        return mh_yaml_fail(y, v[DURATION], MH_ERR_INVALID,
                            "exercise at %02d:%02d for %g min would run past midnight",
                            (int)b->start / 60, (int)b->start % 60, duration);
    return read_window(y, v[FROM], v[UNTIL], s, "exercise entry", &b->from, &b->until);
}

static mh_status read_exercise(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "exercise");
    if (st != MH_OK)
        return st;
    int entries = fy_node_sequence_item_count(node);
    mh_exercise_plan *bouts = NULL;
    if (entries > 0) {
        /* one more than the limit would be refused at that entry, below */
        bouts = calloc((size_t)(entries < MH_MAX_EXERCISE ? entries : MH_MAX_EXERCISE),
                       sizeof *bouts);
        if (!bouts)
            return mh_yaml_fail(y, node, MH_ERR_NOMEM, "out of memory reading exercise");
    }
    free(s->exercise);
    s->exercise = bouts;
    s->n_exercise = 0;
    int n = 0;
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iter))) {
        if (n == MH_MAX_EXERCISE)
            return mh_yaml_fail(y, item, MH_ERR_INVALID, "exercise: at most %d entries",
                                MH_MAX_EXERCISE);
        if ((st = read_exercise_entry(y, item, s, &bouts[n])) != MH_OK)
            return st;
        for (int j = 0; j < n; j++) {
            bool same_days = (bouts[j].days & bouts[n].days) != 0;
            bool same_time = bouts[j].start < bouts[n].end && bouts[n].start < bouts[j].end;
            bool same_weeks = bouts[j].from < bouts[n].until && bouts[n].from < bouts[j].until;
            if (same_days && same_time && same_weeks)
                return mh_yaml_fail(y, item, MH_ERR_INVALID,
                                    "exercise entries overlap: this session and entry %d share a "
                                    "day and a time",
                                    j + 1);
        }
        n++;
    }
    s->n_exercise = n;
    return MH_OK;
}

static mh_status read_intervention(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    enum { TYPE, TARGET, EFFICACY, DOSE, DOSE_DAY, DOSE_KG, FRACTION, FROM, UNTIL, N };
    static const char *const keys[N] = {"type",    "target",   "efficacy", "dose_mg_per_week",
                                        "dose_mg_per_day", "dose_mg_per_kg_per_day", "fraction",
                                        "from", "until"};
    static const char *const types[] = {"block",        "overexpress",    "testosterone",
                                        "low_testosterone", "gh",         "gh_peptide",
                                        "glucocorticoid", "disuse",       "dexamethasone",
                                        "hindlimb_unloading"};
    enum { BLOCK, OVEREXPRESS, TESTOSTERONE, LOW_T, GH, GH_PEPTIDE, GLUCOCORTICOID, DISUSE,
           DEXAMETHASONE, HINDLIMB_UNLOADING };
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, node, "intervention", keys, N, v, k);
    if (st != MH_OK)
        return st;
    if (!v[TYPE])
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "intervention: missing key 'type'");
    int type, target = 0;
    double value = 1.0, start, end;
    if ((st = mh_yaml_choice(y, v[TYPE], "type", types, COUNT(types), &type)) != MH_OK)
        return st;
    bool messenger = type == BLOCK || type == OVEREXPRESS;
    /* which keys each type takes besides type, from and until */
    static const int takes[][2] = {[BLOCK] = {TARGET, EFFICACY}, [OVEREXPRESS] = {TARGET, EFFICACY},
                                   [TESTOSTERONE] = {DOSE, -1},  [LOW_T] = {FRACTION, -1},
                                   [GH] = {-1, -1},              [GH_PEPTIDE] = {-1, -1},
                                   [GLUCOCORTICOID] = {DOSE_DAY, -1}, [DISUSE] = {FRACTION, -1},
                                   [DEXAMETHASONE] = {DOSE_KG, -1}, [HINDLIMB_UNLOADING] = {-1, -1}};
    /* Each species takes its own models of disuse and glucocorticoid excess, and the
     * human hormone therapies carry human doses. */
    bool mouse = s->species == MH_SPECIES_MOUSE;
    bool mouse_model = type == DEXAMETHASONE || type == HINDLIMB_UNLOADING;
    if (mouse_model && !mouse)
        return mh_yaml_fail(y, v[TYPE], MH_ERR_INVALID,
                            "intervention '%s' is a mouse model (add 'species: mouse'); a human "
                            "scenario uses '%s'",
                            types[type], type == DEXAMETHASONE ? "glucocorticoid" : "disuse");
    if (mouse && !mouse_model && !messenger)
        return mh_yaml_fail(y, v[TYPE], MH_ERR_INVALID,
                            "intervention '%s' carries a human dose; a mouse takes 'dexamethasone', "
                            "'hindlimb_unloading', 'block' or 'overexpress'",
                            types[type]);
    for (int key = TARGET; key <= FRACTION; key++)
        if (v[key] && takes[type][0] != key && takes[type][1] != key)
            return mh_yaml_fail(y, k[key], MH_ERR_INVALID, "'%s' does not apply to intervention '%s'",
                                keys[key], types[type]);
    if (messenger) {
        if (!v[TARGET] || !v[EFFICACY])
            return mh_yaml_fail(y, v[TYPE], MH_ERR_PARSE, "intervention '%s' needs 'target' and 'efficacy'",
                                types[type]);
        if ((st = mh_yaml_choice(y, v[TARGET], "target", messengers, COUNT(messengers), &target)) != MH_OK)
            return st;
        if (type == BLOCK)
            st = mh_yaml_number(y, v[EFFICACY], "efficacy", 0, 1, "(fraction removed)", &value);
        else
            st = mh_yaml_number(y, v[EFFICACY], "efficacy", 1, 100, "(fold increase)", &value);
        if (st != MH_OK)
            return st;
        if (type == BLOCK)
            value = 1.0 - value;
    }
    if (type == TESTOSTERONE) {
        if (!v[DOSE])
            return mh_yaml_fail(y, v[TYPE], MH_ERR_PARSE, "testosterone needs 'dose_mg_per_week'");
        if ((st = mh_yaml_number(y, v[DOSE], "dose_mg_per_week", 0, 1000, "mg/week", &value)) != MH_OK)
            return st;
    }
    if (type == GLUCOCORTICOID) {
        if (!v[DOSE_DAY])
            return mh_yaml_fail(y, v[TYPE], MH_ERR_PARSE,
                                "glucocorticoid needs 'dose_mg_per_day' (prednisolone equivalent)");
        if ((st = mh_yaml_number(y, v[DOSE_DAY], "dose_mg_per_day", 0, 200, "mg/day", &value)) != MH_OK)
            return st;
    }
    if (type == LOW_T || type == DISUSE) {
        value = type == LOW_T ? 0.6 : 1.0; /* hypogonadism: total testosterone about 6 nmol/L */
        if (v[FRACTION] && (st = mh_yaml_number(y, v[FRACTION], "fraction", 0, 1, "", &value)) != MH_OK)
            return st;
    }
    if (type == DEXAMETHASONE) {
        /* The glucocorticoid input is a prednisolone-equivalent dose in mg/day:
         * dexamethasone is about 6.7 times as potent (0.75 mg for 5 mg). 20 mg/kg/day
         * is a common atrophy protocol (Wang, Hsiao, Wong, Chen, Lee, Lee: is
         * dexamethasone-induced muscle atrophy an alternative model for naturally aged
         * sarcopenia?). */
        double mg_per_kg = 20.0;
        if (v[DOSE_KG] && (st = mh_yaml_number(y, v[DOSE_KG], "dose_mg_per_kg_per_day", 0, 100,
                                               "mg/kg/day", &mg_per_kg)) != MH_OK)
            return st;
        value = mg_per_kg * s->subject.weight_kg * 5.0 / 0.75;
    }
    if ((st = read_window(y, v[FROM], v[UNTIL], s, "intervention", &start, &end)) != MH_OK)
        return st;
    if (s->n_interventions >= MH_MAX_INTERVENTIONS)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "too many interventions (at most %d)",
                            MH_MAX_INTERVENTIONS);
    static const mh_intervention kinds[] = {
        [TESTOSTERONE] = MH_INTERVENTION_TESTOSTERONE, [LOW_T] = MH_INTERVENTION_LOW_TESTOSTERONE,
        [GH] = MH_INTERVENTION_GH_THERAPY,             [GH_PEPTIDE] = MH_INTERVENTION_GH_THERAPY,
        [GLUCOCORTICOID] = MH_INTERVENTION_GLUCOCORTICOID, [DISUSE] = MH_INTERVENTION_DISUSE,
        [DEXAMETHASONE] = MH_INTERVENTION_GLUCOCORTICOID,
        /* the unloaded hindlimbs' muscle: complete disuse (docs/MODEL.md, the mouse) */
        [HINDLIMB_UNLOADING] = MH_INTERVENTION_DISUSE};
    s->interventions[s->n_interventions++] = (mh_intervention_plan){
        .kind = messenger ? MH_EVENT_MESSENGER : MH_EVENT_INTERVENTION,
        .target = messenger ? target : (int)kinds[type],
        .level = value,
        .from = start,
        .until = end,
    };
    return MH_OK;
}

static mh_status read_interventions(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "interventions");
    if (st != MH_OK)
        return st;
    int entries = fy_node_sequence_item_count(node);
    free(s->interventions);
    s->interventions = NULL;
    s->n_interventions = 0;
    if (entries > 0) {
        /* one more than the limit is refused at that entry (read_intervention) */
        s->interventions = calloc(
            (size_t)(entries < MH_MAX_INTERVENTIONS ? entries : MH_MAX_INTERVENTIONS),
            sizeof *s->interventions);
        if (!s->interventions)
            return mh_yaml_fail(y, node, MH_ERR_NOMEM, "out of memory reading interventions");
    }
    void *iter = NULL;
    struct fy_node *item;
    while (st == MH_OK && (item = fy_node_sequence_iterate(node, &iter)))
        st = read_intervention(y, item, s);
    return st;
}

/* ---- events -------------------------------------------------------------------- */

static mh_status read_events(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    mh_status st = mh_yaml_expect_sequence(y, node, "events");
    if (st != MH_OK)
        return st;
    int n = fy_node_sequence_item_count(node);
    if (n > MAX_EVENTS)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "events: at most %d events", MAX_EVENTS);
    s->events = calloc((size_t)n + 1, sizeof *s->events);
    if (!s->events)
        return mh_yaml_fail(y, node, MH_ERR_NOMEM, "out of memory reading events");
    static const char *const keys[] = {"at", "meal"};
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iter))) {
        struct fy_node *v[2], *k[2];
        if ((st = mh_yaml_map(y, item, "event", keys, 2, v, k)) != MH_OK)
            return st;
        if (!v[0])
            return mh_yaml_fail(y, item, MH_ERR_PARSE, "event: missing key 'at' (a moment such as 'day 0 08:00')");
        if (!v[1])
            return mh_yaml_fail(y, item, MH_ERR_PARSE, "event: missing what happens (expected 'meal')");
        mh_event *ev = &s->events[s->n_events];
        ev->kind = MH_EVENT_MEAL;
        double unused_clock;
        mh_daily_meal content = {0};
        if ((st = mh_yaml_moment(y, v[0], "at", &ev->time_min)) != MH_OK ||
            (st = read_meal_content(y, v[1], "meal", false, &unused_clock, &content)) != MH_OK)
            return st;
        ev->carbs_g = content.carbs_g;
        ev->fat_g = content.fat_g;
        ev->protein_g = content.protein_g;
        ev->fructose_g = content.fructose_g;
        ev->alcohol_g = content.alcohol_g;
        if (ev->time_min > s->duration_min) {
            char end[64];
            mh_format_moment(s->duration_min, end, sizeof end);
            return mh_yaml_fail(y, v[0], MH_ERR_INVALID,
                                "event at '%s' is after the end of the run (%s)",
                                fy_node_get_scalar0(v[0]), end);
        }
        if (s->n_events > 0) {
            double previous = s->events[s->n_events - 1].time_min;
            if (ev->time_min < previous) {
                char before[64];
                mh_format_moment(previous, before, sizeof before);
                return mh_yaml_fail(y, v[0], MH_ERR_INVALID,
                                    "events must be in time order: '%s' comes before the previous "
                                    "event at %s",
                                    fy_node_get_scalar0(v[0]), before);
            }
            if (ev->time_min == previous)
                return mh_yaml_fail(y, v[0], MH_ERR_INVALID,
                                    "two events at '%s': combine them into one meal",
                                    fy_node_get_scalar0(v[0]));
        }
        for (int m = 0; m < s->n_daily_meals; m++)
            if (fmod(ev->time_min, MH_MIN_PER_DAY) == s->daily_meals[m].minute_of_day)
                return mh_yaml_fail(y, v[0], MH_ERR_INVALID,
                                    "event at '%s' coincides with a daily diet meal; combine them or "
                                    "move one",
                                    fy_node_get_scalar0(v[0]));
        s->n_events++;
    }
    return MH_OK;
}

/* ---- output and parameters ------------------------------------------------------ */

static const char *var_name(int i) { return mh_var_at(i)->name; }

/* A list that grows on demand (output variables, parameter overrides) with room
 * for its count + 1 items: the list, moved if it had to grow, or NULL when out
 * of memory (the list is then as it was). */
static void *room_for_one_more(void *items, int *capacity, int count, size_t size)
{
    if (count < *capacity)
        return items;
    int more = *capacity > 0 ? 2 * *capacity : 4;
    void *grown = realloc(items, (size_t)more * size);
    if (grown)
        *capacity = more;
    return grown;
}

static mh_status find_var(mh_yaml *y, struct fy_node *node, const char *name, int *index,
                          mh_error *err)
{
    *index = mh_var_find(name);
    if (*index >= 0)
        return MH_OK;
    int n = mh_var_count();
    const char **names = malloc(sizeof(char *) * (size_t)n);
    const char *hint = NULL;
    if (names) {
        for (int i = 0; i < n; i++)
            names[i] = var_name(i);
        hint = mh_suggest(name, names, (size_t)n);
    }
    mh_status st;
    if (y && hint)
        st = mh_yaml_fail(y, node, MH_ERR_NOT_FOUND,
                          "unknown output variable '%s' (did you mean '%s'? 'myohep vars' lists them)",
                          name, hint);
    else if (y)
        st = mh_yaml_fail(y, node, MH_ERR_NOT_FOUND,
                          "unknown output variable '%s' ('myohep vars' lists them)", name);
    else if (hint)
        st = mh_error_raise(err, MH_ERR_NOT_FOUND,
                            "unknown output variable '%s' (did you mean '%s'? 'myohep vars' lists them)",
                            name, hint);
    else
        st = mh_error_raise(err, MH_ERR_NOT_FOUND,
                            "unknown output variable '%s' ('myohep vars' lists them)", name);
    free(names);
    return st;
}

/* Mouse runs report masses in g and grip in g-force (SCENARIO.md): the name a
 * mouse uses for a human output in kg, or NULL. */
static const char *mouse_spelling(const char *name)
{
    static const char *const pairs[][2] = {{"weight_kg", "weight_g"},
                                           {"fat_mass_kg", "fat_mass_g"},
                                           {"lean_mass_kg", "lean_mass_g"},
                                           {"muscle_mass_kg", "muscle_mass_g"},
                                           {"grip_strength_kg", "grip_strength_gf"}};
    for (int i = 0; i < COUNT(pairs); i++)
        if (strcmp(name, pairs[i][0]) == 0)
            return pairs[i][1];
    return NULL;
}

/* Human clinical indices read human anthropometry and cut-offs (BMI, EWGSOP2,
 * FIB-4 with platelets): not meaningful in a mouse. */
static bool human_index(const char *name)
{
    static const char *const names[] = {"bmi", "asm_kg", "fib4", "nafld_fibrosis_score",
                                        "hsi", "masld", "sarcopenia", "hba1c_pct",
                                        /* a mouse's age is held as a human-equivalent one,
                                         * and its length only feeds BMI */
                                        "age_y", "height_m"};
    for (int i = 0; i < COUNT(names); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

bool mh_species_output_problem(mh_species species, int index, char *why, size_t size)
{
    if (species != MH_SPECIES_MOUSE)
        return false;
    const char *name = var_name(index), *instead = mouse_spelling(name);
    if (human_index(name))
        snprintf(why, size, "'%s' is a human clinical index; a mouse run does not report it", name);
    else if (instead)
        snprintf(why, size,
                 "mouse runs report masses in g and grip in g-force: use '%s' instead of '%s'",
                 instead, name);
    else
        return false;
    return true;
}

static mh_status add_var(mh_scenario *s, int index, mh_yaml *y, struct fy_node *node, mh_error *err)
{
    char why[160];
    if (mh_species_output_problem(s->species, index, why, sizeof why))
        return y ? mh_yaml_fail(y, node, MH_ERR_INVALID, "%s", why)
                 : mh_error_raise(err, MH_ERR_INVALID, "%s", why);
    for (int i = 0; i < s->n_vars; i++) {
        if (s->vars[i] == index) {
            if (y)
                return mh_yaml_fail(y, node, MH_ERR_INVALID, "output variable '%s' is listed twice",
                                    var_name(index));
            return mh_error_raise(err, MH_ERR_INVALID, "output variable '%s' is listed twice",
                                  var_name(index));
        }
    }
    if (s->n_vars >= MAX_VARS)
        return mh_error_raise(err, MH_ERR_INVALID, "at most %d output variables", MAX_VARS);
    int *vars = room_for_one_more(s->vars, &s->vars_capacity, s->n_vars, sizeof *vars);
    if (!vars)
        return y ? mh_yaml_fail(y, node, MH_ERR_NOMEM, "out of memory")
                 : mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    s->vars = vars;
    s->vars[s->n_vars++] = index;
    return MH_OK;
}

static mh_status read_output(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    static const char *const keys[] = {"every", "variables"};
    struct fy_node *v[2];
    mh_status st = mh_yaml_map(y, node, "output", keys, 2, v, NULL);
    if (st != MH_OK)
        return st;
    if (v[0]) {
        if ((st = mh_yaml_duration(y, v[0], "every", &s->every_min)) != MH_OK)
            return st;
        if (s->every_min < 1.0 / 60.0 || s->every_min > s->duration_min)
            return mh_yaml_fail(y, v[0], MH_ERR_INVALID,
                                "every: the sampling interval must be between 1 s and the run's "
                                "duration");
    }
    if (v[1]) {
        if ((st = mh_yaml_expect_sequence(y, v[1], "variables")) != MH_OK)
            return st;
        s->n_vars = 0;
        void *iter = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(v[1], &iter))) {
            const char *name;
            int index;
            if ((st = mh_yaml_string(y, item, "variables", &name)) != MH_OK ||
                (st = find_var(y, item, name, &index, NULL)) != MH_OK ||
                (st = add_var(s, index, y, item, NULL)) != MH_OK)
                return st;
        }
        if (s->n_vars == 0)
            return mh_yaml_fail(y, v[1], MH_ERR_INVALID, "variables: expected at least one name");
    }
    return MH_OK;
}

/* The nearest parameter name to an unknown one, or NULL. */
static const char *param_hint(const char *name)
{
    enum { MAX_PARAMS = 512 };
    const char *names[MAX_PARAMS];
    int n = mh_param_count() < MAX_PARAMS ? mh_param_count() : MAX_PARAMS;
    for (int i = 0; i < n; i++)
        names[i] = mh_param_at(i)->name;
    return name ? mh_suggest(name, names, (size_t)n) : NULL;
}

/* Set an override, replacing an earlier one of the same parameter: MH_OK, or
 * MH_ERR_INVALID past MH_MAX_OVERRIDES, MH_ERR_NOMEM out of memory. */
static mh_status add_override(mh_scenario *s, int index, double value)
{
    for (int i = 0; i < s->n_overrides; i++) {
        if (s->overrides[i].index == index) {
            s->overrides[i].value = value;
            return MH_OK;
        }
    }
    if (s->n_overrides >= MH_MAX_OVERRIDES)
        return MH_ERR_INVALID;
    mh_param_override *overrides =
        room_for_one_more(s->overrides, &s->overrides_capacity, s->n_overrides, sizeof *overrides);
    if (!overrides)
        return MH_ERR_NOMEM;
    s->overrides = overrides;
    s->overrides[s->n_overrides++] = (mh_param_override){index, value};
    return MH_OK;
}

mh_status mh_yaml_param(mh_yaml *y, struct fy_node *node, int *index)
{
    const char *name = fy_node_get_scalar0(node);
    *index = name ? mh_param_find(name) : -1;
    if (*index >= 0)
        return MH_OK;
    const char *hint = param_hint(name);
    return mh_yaml_fail(y, node, MH_ERR_NOT_FOUND,
                        "unknown parameter '%s'%s%s%s ('myohep params' lists them)",
                        name ? name : "?", hint ? " (did you mean '" : "", hint ? hint : "",
                        hint ? "'?)" : "");
}

mh_status mh_scenario_read_parameters(mh_yaml *y, struct fy_node *node, mh_scenario *s)
{
    mh_status st = mh_yaml_expect_mapping(y, node, "parameters");
    void *iter = NULL;
    struct fy_node_pair *pair;
    while (st == MH_OK && (pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair);
        const char *name = fy_node_get_scalar0(key);
        int index;
        if ((st = mh_yaml_param(y, key, &index)) != MH_OK)
            return st;
        mh_species_param bounds; /* the species' own value range */
        mh_species_param_at(s->species, index, &bounds);
        const mh_param_info *info = &bounds.info;
        double value;
        if ((st = mh_yaml_number(y, fy_node_pair_value(pair), name, info->lower, info->upper,
                                 info->unit, &value)) != MH_OK)
            return st;
        mh_status added = add_override(s, index, value);
        if (added == MH_ERR_NOMEM)
            return mh_yaml_fail(y, key, added, "out of memory");
        if (added != MH_OK)
            return mh_yaml_fail(y, key, added, "at most %d parameter overrides", MH_MAX_OVERRIDES);
    }
    return st;
}

/* ---- the whole document ---------------------------------------------------------- */

static void set_mouse_defaults(mh_scenario *s)
{
    s->species = MH_SPECIES_MOUSE;
    s->subject.age_y = mh_mouse_age_equivalent_y(MOUSE_AGE_WEEKS);
    s->subject.weight_kg = MOUSE_WEIGHT_G / 1000.0;
    s->subject.height_cm = MOUSE_LENGTH_CM;
    s->subject.body_fat_pct = MOUSE_BODY_FAT_PCT;
    s->subject.physical_activity_level = MOUSE_ACTIVITY_LEVEL;
    s->subject.liver_fat_pct = MOUSE_LIVER_FAT_PCT;
}

static mh_status read_document(mh_yaml *y, struct fy_node *root, mh_scenario *s)
{
    enum { NAME, SPECIES, SEED, SUBJECT, DURATION, DIET, MEALS, EXERCISE, EVENTS, INTERVENTIONS,
           OUTPUT, PARAMETERS, N };
    static const char *const keys[N] = {"name",     "species", "seed",   "subject",
                                        "duration", "diet",    "meals",  "exercise",
                                        "events",   "interventions", "output", "parameters"};
    static const char *const species[] = {"human", "mouse"};
    struct fy_node *v[N], *k[N];
    mh_status st = mh_yaml_map(y, root, "the scenario", keys, N, v, k);
    if (st != MH_OK)
        return st;
    const char *text;
    int sp = 0;
    if (v[NAME]) {
        if ((st = mh_yaml_string(y, v[NAME], "name", &text)) != MH_OK)
            return st;
        /* at most 127 characters, as names always were */
        size_t length = strlen(text) < 127 ? strlen(text) : 127;
        free(s->name);
        if (!(s->name = malloc(length + 1)))
            return mh_yaml_fail(y, v[NAME], MH_ERR_NOMEM, "out of memory");
        memcpy(s->name, text, length);
        s->name[length] = '\0';
    }
    if (v[SPECIES] && (st = mh_yaml_choice(y, v[SPECIES], "species", species, 2, &sp)) != MH_OK)
        return st;
    if (sp == 1)
        set_mouse_defaults(s);
    if (v[SEED] && (st = mh_yaml_uint(y, v[SEED], "seed", &s->seed)) != MH_OK)
        return st;
    if (v[SUBJECT] && (st = read_subject(y, v[SUBJECT], s)) != MH_OK)
        return st;
    if (v[DURATION]) {
        if ((st = mh_yaml_duration(y, v[DURATION], "duration", &s->duration_min)) != MH_OK)
            return st;
        if (s->duration_min < 1.0 || s->duration_min > MAX_DURATION_MIN)
            return mh_yaml_fail(y, v[DURATION], MH_ERR_INVALID,
                                "duration '%s' is out of range: allowed 1 min to 100 years",
                                fy_node_get_scalar0(v[DURATION]));
    }
    if ((v[DIET] || v[MEALS]) && (st = read_diet(y, v[DIET], v[MEALS], s)) != MH_OK)
        return st;
    int has_daily_diet = s->n_daily_meals > 0 && s->diet_energy_kcal_per_day > 0.0;
    if (s->subject.liver_fat_habitual && !has_daily_diet)
        return mh_yaml_fail(y, mh_yaml_get(v[SUBJECT], "liver_fat_habitual"), MH_ERR_INVALID,
                            "liver_fat_habitual needs a diet with daily meals (the habitual diet "
                            "on which that liver fat is held)");
    if (v[EVENTS] && (st = read_events(y, v[EVENTS], s)) != MH_OK)
        return st;
    if (v[EXERCISE] && (st = read_exercise(y, v[EXERCISE], s)) != MH_OK)
        return st;
    if (v[INTERVENTIONS] && (st = read_interventions(y, v[INTERVENTIONS], s)) != MH_OK)
        return st;
    if (v[OUTPUT] && (st = read_output(y, v[OUTPUT], s)) != MH_OK)
        return st;
    if (v[PARAMETERS] && (st = mh_scenario_read_parameters(y, v[PARAMETERS], s)) != MH_OK)
        return st;
    if (y->unsupported != MH_OK)
        return mh_error_raise(y->err, y->unsupported, "%s", y->unsupported_message);
    return MH_OK;
}

static const char *const default_vars[] = {"glucose_mmol_l", "insulin_pmol_l", "egp_mg_kg_min",
                                           "ra_meal_mg_kg_min", "homa_ir"};
static const char *const default_mouse_vars[] = {"weight_g", "glucose_mg_dl", "insulin_ng_ml",
                                                 "liver_fat_pct", "muscle_mass_g"};

static mh_status scenario_new(mh_scenario **out, mh_error *err)
{
    mh_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    s->subject.sex = MH_SEX_MALE;
    s->subject.age_y = 40.0;
    s->subject.height_cm = 176.0;
    s->subject.weight_kg = 78.0; /* Dalla Man 2007 cohort mean body weight */
    s->subject.body_fat_pct = NAN;
    s->subject.liver_fat_pct = NAN;
    s->subject.vo2max_ml_kg_min = NAN;
    s->subject.physical_activity_level = 1.55; /* FAO/WHO/UNU 2004: light activity */
    s->duration_min = MH_MIN_PER_DAY;
    *out = s;
    return MH_OK;
}

/* Defaults that depend on what the file said. */
static mh_status finish(mh_scenario *s, mh_error *err)
{
    if (s->every_min <= 0.0)
        s->every_min = mh_default_every_min(s->duration_min);
    bool mouse = s->species == MH_SPECIES_MOUSE;
    const char *const *defaults = mouse ? default_mouse_vars : default_vars;
    int n_defaults = mouse ? COUNT(default_mouse_vars) : COUNT(default_vars);
    if (s->n_vars == 0)
        for (int i = 0; i < n_defaults; i++)
            if (add_var(s, mh_var_find(defaults[i]), NULL, NULL, err) != MH_OK)
                return err ? err->status : MH_ERR_INVALID;
    return MH_OK;
}

mh_status mh_scenario_read_node(mh_yaml *y, struct fy_node *root, mh_scenario **out)
{
    *out = NULL;
    mh_scenario *s = NULL;
    mh_status st = scenario_new(&s, y->err);
    if (st != MH_OK)
        return st;
    /* The duration bounds everything else; read it first so checks can use it. */
    struct fy_node *duration =
        root && fy_node_get_type(root) == FYNT_MAPPING ? mh_yaml_get(root, "duration") : NULL;
    if (duration)
        st = mh_yaml_duration(y, duration, "duration", &s->duration_min);
    if (st == MH_OK)
        st = read_document(y, root, s);
    if (st == MH_OK)
        st = finish(s, y->err);
    if (st != MH_OK) {
        mh_scenario_free(s);
        return st;
    }
    *out = s;
    return MH_OK;
}

mh_status mh_scenario_parse(const char *text, size_t length, const char *name,
                            mh_scenario **out, mh_error *err)
{
    *out = NULL;
    mh_yaml y;
    mh_status st = mh_yaml_open(&y, name, text, length, err);
    if (st != MH_OK)
        return st;
    st = mh_scenario_read_node(&y, mh_yaml_root(&y), out);
    mh_yaml_close(&y);
    return st;
}

mh_status mh_scenario_load(const char *path, mh_scenario **out, mh_error *err)
{
    char *text;
    size_t length;
    *out = NULL;
    mh_status st = mh_file_read_all(path, 16u << 20, &text, &length, err);
    if (st != MH_OK)
        return st;
    st = mh_scenario_parse(text, length, path, out, err);
    free(text);
    return st;
}

void mh_scenario_free(mh_scenario *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->daily_meals);
    free(s->exercise);
    free(s->interventions);
    free(s->events);
    free(s->vars);
    free(s->overrides);
    free(s);
}

mh_status mh_scenario_set_param(mh_scenario *s, const char *name, double value, mh_error *err)
{
    int index = mh_param_find(name);
    if (index < 0) {
        const char *hint = param_hint(name);
        return mh_error_raise(err, MH_ERR_NOT_FOUND, "unknown parameter '%s'%s%s%s ('myohep params' lists them)",
                              name, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    }
    mh_species_param bounds;
    mh_species_param_at(s->species, index, &bounds);
    const mh_param_info *info = &bounds.info;
    if (!isfinite(value) || value < info->lower || value > info->upper)
        return mh_error_raise(err, MH_ERR_INVALID, "parameter %s = %g is out of range: allowed %g to %g %s",
                              name, value, info->lower, info->upper, info->unit);
    mh_status added = add_override(s, index, value);
    if (added == MH_ERR_NOMEM)
        return mh_error_raise(err, added, "out of memory");
    if (added != MH_OK)
        return mh_error_raise(err, added, "at most %d parameter overrides", MH_MAX_OVERRIDES);
    return MH_OK;
}

mh_status mh_scenario_set_every(mh_scenario *s, const char *duration, mh_error *err)
{
    char why[256];
    double every;
    if (!mh_parse_duration(duration, &every, why, sizeof why))
        return mh_error_raise(err, MH_ERR_PARSE, "--every: %s", why);
    if (every < 1.0 / 60.0 || every > s->duration_min)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "--every: the sampling interval must be between 1 s and the run's duration");
    s->every_min = every;
    return MH_OK;
}

mh_status mh_scenario_set_vars(mh_scenario *s, const char *comma_list, mh_error *err)
{
    int saved_n = s->n_vars;
    int saved[MAX_VARS];
    memcpy(saved, s->vars, sizeof(int) * (size_t)saved_n);
    s->n_vars = 0;
    const char *p = comma_list;
    mh_status st = MH_OK;
    while (st == MH_OK && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[128];
        if (len == 0 || len >= sizeof name) {
            st = mh_error_raise(err, MH_ERR_PARSE, "--vars: expected names separated by commas, found '%s'",
                                comma_list);
            break;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        int index;
        if ((st = find_var(NULL, NULL, name, &index, err)) == MH_OK)
            st = add_var(s, index, NULL, NULL, err);
        p += len + (end ? 1 : 0);
        if (end && *p == '\0')
            st = mh_error_raise(err, MH_ERR_PARSE, "--vars: trailing comma in '%s'", comma_list);
    }
    if (st == MH_OK && s->n_vars == 0)
        st = mh_error_raise(err, MH_ERR_PARSE, "--vars: expected at least one name");
    if (st != MH_OK) {
        s->n_vars = saved_n;
        memcpy(s->vars, saved, sizeof(int) * (size_t)saved_n);
    }
    return st;
}

const char *mh_scenario_name(const mh_scenario *s) { return s->name ? s->name : "scenario"; }

double mh_scenario_duration_min(const mh_scenario *s) { return s->duration_min; }
