/*
 * series.h - reading a result CSV back in (plotting layer).
 *
 * The format is the one `myohep run` writes (mh_result_write):
 *
 *   time_min,glucose_mmol_l,insulin_pmol_l      header; column 0 is always time_min
 *   # units: min,mmol/L,pmol/L                  optional, right after the header
 *   0,5.12,42.7                                 one row of finite numbers per sample
 *
 * Other lines starting with '#' and blank lines are ignored. Time is in
 * minutes. Errors read "path:line:col: message" (1-based, col in bytes).
 * Depends only on core.
 */
#ifndef MH_PLOT_SERIES_H
#define MH_PLOT_SERIES_H

#include <stddef.h>

#include "myohep/myohep.h"

typedef struct mh_series {
    int n_columns;  /* including time, column 0 is time_min */
    char **names;   /* n_columns names */
    char **units;   /* n_columns units; "" when the file has no units line */
    size_t n_rows;
    double *data;   /* row-major n_rows x n_columns; value (r, c) at data[r * n_columns + c] */
} mh_series;

/* Read a whole result CSV (at most 512 MiB). On failure `out` is left empty
 * (safe to pass to mh_series_free). */
mh_status mh_series_read(const char *path, mh_series *out, mh_error *err);

/* Free everything `s` owns and empty it; safe on an empty or zeroed series. */
void mh_series_free(mh_series *s);

/* Index of the column called `name` (0 is time_min), or -1 if absent. */
int mh_series_find(const mh_series *s, const char *name);

#endif
