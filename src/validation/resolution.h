/*
 * resolution.h - the day-resolved mode measured against the minute-resolved
 * reference on the project's scenarios (validation layer; `myohep validate
 * --resolutions`).
 */
#ifndef MH_VALIDATION_RESOLUTION_H
#define MH_VALIDATION_RESOLUTION_H

#include <stdio.h>

#include "myohep/myohep.h"

typedef struct mh_resolution_options {
    FILE *table;             /* where the table goes (stdout) */
    const char *report_path; /* NULL, or a Markdown file to write */
    int threads;             /* runs in parallel (OpenMP) */
} mh_resolution_options;

typedef struct mh_resolution_summary {
    int checks, failed, known_missed, stale_known_misses;
    double minute_wall_s, day_wall_s, years;
} mh_resolution_summary;

/* Run every comparison in both modes and print the table; fails only on a run
 * that cannot be made (the summary counts the misses). */
mh_status mh_compare_resolutions(const mh_resolution_options *options,
                                 mh_resolution_summary *summary, mh_error *err);

#endif
