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

/* Everything one run of `myohep mr` found. */
typedef struct mh_mr_run {
    const char *path;
    const mh_summary_stats *data;
    const mh_mr_report *report;
    mh_mr_steiger steiger;
    mh_mr_bootstrap bootstrap;
} mh_mr_run;

void mh_mr_write_text(FILE *fp, const mh_mr_run *run);
void mh_mr_write_json(FILE *fp, const mh_mr_run *run);
/* Scatter with fitted lines, forest, funnel and leave-one-out panels in one figure. */
mh_status mh_mr_write_figure(const char *path, const mh_mr_run *run, mh_error *err);

#endif
