/*
 * scores.h - clinical indices and scores from model quantities (analysis layer).
 * Depends only on core. Formulas and their sources: TARGETS.md section B, docs/MODEL.md.
 */
#ifndef MH_ANALYSIS_SCORES_H
#define MH_ANALYSIS_SCORES_H

#include "myohep/myohep.h"

#endif
