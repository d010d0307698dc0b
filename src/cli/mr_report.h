/*
 * mr_report.h - what `myohep mr` writes: the report (text or JSON) and the
 * figure (cli layer). The numbers come from the analysis layer (analysis/mr.h);
 * these files only lay them out.
 */
#ifndef MH_CLI_MR_REPORT_H
#define MH_CLI_MR_REPORT_H

#include <stdio.h>

#include "analysis/mr.h"
#include "analysis/summary_stats.h"
#include "cli/json_out.h"

/* Everything one run of `myohep mr` found. */
typedef struct mh_mr_run {
    const char *path;
    const mh_summary_stats *data;
    const mh_mr_report *report;
    mh_mr_steiger steiger;
    mh_mr_bootstrap bootstrap;
} mh_mr_run;

/* JSON pieces, shared with `myohep insilico-mr`'s report (the generic ones are in
 * cli/json_out.h): an estimate's fields ("estimate", "se", "ci_low", "ci_high",
 * "p") and a heterogeneity statistic as a line "key": {Q, df, p}. */
void mh_json_estimate_fields(FILE *fp, const mh_mr_estimate *e);
void mh_json_q(FILE *fp, const char *key, const mh_mr_q *q);

void mh_mr_write_text(FILE *fp, const mh_mr_run *run);
void mh_mr_write_json(FILE *fp, const mh_mr_run *run);
/* Scatter with fitted lines, forest, funnel and leave-one-out panels in one figure. */
mh_status mh_mr_write_figure(const char *path, const mh_mr_run *run, mh_error *err);

#endif
