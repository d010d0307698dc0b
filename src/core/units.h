/*
 * units.h - durations, clock times, moments and unit conversions (core layer).
 *
 * Internal units: time in minutes, glucose in mg (per kg body weight in pools),
 * insulin in pmol. Conversions to reporting units happen only at the edges,
 * with the factors below (TARGETS.md states them).
 *
 * Text forms (SCENARIO.md):
 *   duration  "90 min", "36 h", "10 days", "12 weeks", "2 years" (year = 365.25 days)
 *   clock     "07:30" (00:00 to 23:59)
 *   moment    "day 3 08:00", "day 3" (= 00:00), "week 2" (= day 14 00:00); counts from 0
 * The parsers write a reason without location into `why`; the caller adds file:line:col.
 */
#ifndef MH_CORE_UNITS_H
#define MH_CORE_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#define MH_MIN_PER_HOUR 60.0
#define MH_MIN_PER_DAY 1440.0
#define MH_MIN_PER_WEEK (7.0 * MH_MIN_PER_DAY)
#define MH_MIN_PER_YEAR (365.25 * MH_MIN_PER_DAY)

/* Glucose: 1 mmol/L = 18.0 mg/dL (molar mass 180.16 g/mol, rounded as in TARGETS.md). */
#define MH_GLUCOSE_MGDL_PER_MMOLL 18.0
/* Insulin: 1 uU/mL = 6.0 pmol/L (Heinemann 2010 Diabetes Care 33:e83 recommends 6.00). */
#define MH_INSULIN_PMOLL_PER_UUML 6.0
/* Glycogen: 1 mmol glucosyl unit = 0.162 g (anhydroglucose 162 g/mol). */
#define MH_GLYCOGEN_G_PER_MMOL 0.162
/* Glycogen mass per glucose mass: 162 / 180.16 (one water lost per glucosyl unit). */
#define MH_GLYCOGEN_PER_GLUCOSE (162.14 / 180.16)
/* Carbohydrate and protein 4 kcal/g, fat 9 kcal/g (Atwater general factors). */
#define MH_KCAL_PER_G_CARB 4.0
#define MH_KCAL_PER_G_FAT 9.0
#define MH_KCAL_PER_G_ALCOHOL 7.0
/* Triglyceride (tripalmitoyl-like mixed TG, about 885 g/mol): 1 mg = 1.13 umol. */
#define MH_TG_UMOL_PER_MG 1.13
/* Fatty acid (palmitate 256.4 g/mol): 1 umol = 0.2564 mg. */
#define MH_FA_MG_PER_UMOL 0.2564
/* Glucose molar mass 180.16 g/mol: 1 umol = 0.18016 mg. */
#define MH_GLUCOSE_MG_PER_UMOL 0.18016

bool mh_parse_duration(const char *text, double *minutes, char *why, size_t why_size);
bool mh_parse_clock(const char *text, double *minute_of_day, char *why, size_t why_size);
bool mh_parse_moment(const char *text, double *minutes, char *why, size_t why_size);

/* "day 1 08:03" (minutes rounded to the nearest minute; seconds when below one). */
void mh_format_moment(double minutes, char *buf, size_t size);
/* "90 min", "36 h", "10 days": the largest unit that divides exactly, else minutes. */
void mh_format_duration(double minutes, char *buf, size_t size);

double mh_glucose_mmol_l_from_mg_dl(double mg_dl);
double mh_insulin_uu_ml_from_pmol_l(double pmol_l);

#endif
