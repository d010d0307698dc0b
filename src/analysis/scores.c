/*
 * scores.c - clinical indices from model quantities (analysis layer).
 *
 * HOMA: Matthews et al. 1985 Diabetologia 28:412, with insulin converted from
 * pmol/L to uU/mL at 6.0 pmol/L per uU/mL (core/units.h).
 *   HOMA-IR = FPG [mmol/L] x FPI [uU/mL] / 22.5
 *   HOMA-%B = 20 x FPI [uU/mL] / (FPG [mmol/L] - 3.5)
 */
#include "analysis/scores.h"

#include <math.h>

#include "core/units.h"

double mh_homa_ir(double glucose_mmol_l, double insulin_pmol_l)
{
    return glucose_mmol_l * mh_insulin_uu_ml_from_pmol_l(insulin_pmol_l) / 22.5;
}

double mh_homa_beta_pct(double glucose_mmol_l, double insulin_pmol_l)
{
    if (glucose_mmol_l <= 3.5)
        return NAN; /* undefined at or below 3.5 mmol/L */
    return 20.0 * mh_insulin_uu_ml_from_pmol_l(insulin_pmol_l) / (glucose_mmol_l - 3.5);
}
