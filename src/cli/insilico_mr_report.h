/*
 * insilico_mr_report.h - what `myohep insilico-mr` writes: the report (text or
 * JSON), the per-analysis summary statistics for `myohep mr`, and the figure
 * (cli layer). The numbers come from population/insilico_mr.h.
 */
#ifndef MH_CLI_INSILICO_MR_REPORT_H
#define MH_CLI_INSILICO_MR_REPORT_H

#include <stdio.h>

#include "population/insilico_mr.h"

typedef struct mh_insilico_mr_run {
    const char *path;
    const mh_insilico_mr_spec *spec;
    const mh_insilico_mr_result *result;
    const mh_insilico_subject *subjects; /* for the failures' reasons */
    mh_mr_bootstrap bootstrap;
    double seconds_simulating, seconds_analysing;
} mh_insilico_mr_run;

void mh_insilico_mr_write_text(FILE *fp, const mh_insilico_mr_run *run);
void mh_insilico_mr_write_json(FILE *fp, const mh_insilico_mr_run *run);
/* Analysis a's instruments as TwoSampleMR harmonised summary statistics, which
 * `myohep mr` reads unchanged (the estimates agree with this report's). */
void mh_insilico_mr_write_sumstats(FILE *fp, const mh_insilico_mr_run *run, int a);
/* One forest panel per analysis: each method's estimate and 95 % interval,
 * the true effect as a vertical line, and the observational association. */
mh_status mh_insilico_mr_write_figure(const char *path, const mh_insilico_mr_run *run,
                                      mh_error *err);

#endif
