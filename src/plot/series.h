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
 *
 * mh_series_figure_make turns one or more series into the panels of a
 * figure, overlaying the runs to compare (the arms of an experiment).
 * Depends on core, and on plot.h for the panel types only (no cairo).
 */
#ifndef MH_PLOT_SERIES_H
#define MH_PLOT_SERIES_H

#include <stddef.h>

#include "myohep/myohep.h"
#include "plot/plot.h"

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

/* The panels of a figure drawn from series, ready for mh_plot_write. Owns
 * everything except the series, which must outlive it. */
typedef struct mh_series_figure {
    mh_plot_panel *panels;
    int n_panels;
    mh_plot_line *lines; /* the overlays: n_panels x (n_series - 1) */
    double **columns;    /* per series, a column-major copy of its data */
    char **labels;       /* per series, its legend text or NULL */
    int n_series;
} mh_series_figure;

/* One panel per variable of series[0] (those named in `vars`, a comma-separated
 * list, or all; in the file's order), the same variable of each further series
 * overlaid on it. The series may have different time grids and lengths.
 * `paths[i]` names series i in errors and gives its default label. `labels`
 * holds n_labels legend names, one per series; with n_labels 0, several series
 * are labelled by their file's base name (no folder, no extension) and a
 * single series has no label (its figure has no legend).
 * Errors: MH_ERR_INVALID for a label count other than n_series, an empty
 * label, a variable in different units in two files, or nothing to plot;
 * MH_ERR_NOT_FOUND for a variable missing from a series ("path has no column
 * 'name'"); MH_ERR_NOMEM. On failure `out` is left empty. */
mh_status mh_series_figure_make(const mh_series *series, const char *const *paths, int n_series,
                                const char *const *labels, int n_labels, const char *vars,
                                mh_series_figure *out, mh_error *err);

/* Free everything `f` owns and empty it; safe on an empty or zeroed figure. */
void mh_series_figure_free(mh_series_figure *f);

#endif
