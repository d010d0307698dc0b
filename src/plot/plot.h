/*
 * plot.h - figures (plotting layer; the only user of cairo): time courses,
 * distributions, and x-y panels (scatter, forest and funnel plots).
 *
 * One figure holds panels stacked vertically that share the time axis. The
 * same drawing code writes PNG, SVG and PDF; the format comes from the output
 * path's extension. Times enter in minutes and are shown in hours when the
 * whole figure spans at most 72 h, in days otherwise. Values are plotted in
 * the unit the caller names; nothing is converted here.
 *
 * A panel holds one line, and optionally more lines overlaid on it (the arms
 * of an experiment, one per result file): each has its own time grid and
 * length, and its own colour, from a colour-blind-safe palette (Okabe & Ito)
 * whose first colour is the blue of a single line. The time axis spans every
 * line of every panel, each panel's value axis all of its lines. A line with
 * a label gets a legend entry; a panel with one unlabelled line and nothing
 * else has no legend, exactly as before overlays existed. When the labels of
 * many lines would not fit one row they wrap onto more (up to six), and every
 * panel of the figure grows by the same rows; beyond that they are cut short.
 * A line may carry a band (its confidence interval), shaded in its colour,
 * lighter the more bands share the panel.
 */
#ifndef MH_PLOT_PLOT_H
#define MH_PLOT_PLOT_H

#include <stddef.h>

#include "myohep/myohep.h"

/* One more line overlaid on a panel. */
typedef struct mh_plot_line {
    const char *label;   /* legend text; NULL or "" for no legend entry */
    const double *t_min; /* x values in minutes */
    const double *y;
    size_t n;
    /* optional band around the line (a confidence interval), shaded in the line's
     * colour; both NULL for none */
    const double *y_low, *y_high;
} mh_plot_line;

typedef struct mh_plot_panel {
    const char *name;        /* variable name, e.g. "glucose_mmol_l" */
    const char *unit;        /* e.g. "mmol/L"; y-axis label reads "name (unit)" */
    const double *t_min;     /* x values in minutes */
    const double *y;
    size_t n;
    /* optional reference data drawn as points with vertical error bars (NULL/0 when none) */
    const double *ref_t_min, *ref_y, *ref_low, *ref_high; /* ref_low/ref_high may be NULL */
    size_t n_ref;
    /* optional horizontal band (target range) shaded behind the line */
    int has_band;
    double band_low, band_high;
    /* optional vertical window (e.g. the time window a check reads) shaded lightly */
    int has_window;
    double window_from_min, window_to_min;
    /* optional legend text of the line above (NULL: none, or "simulated" when the panel
     * also has reference data, a band or a window) */
    const char *label;
    /* optional further lines drawn over it, each in the next colour (NULL/0 when none) */
    const mh_plot_line *more;
    int n_more;
    /* optional band around the panel's own line, as mh_plot_line's (both NULL for none) */
    const double *y_low, *y_high;
} mh_plot_panel;

/* Writes one figure with the panels stacked vertically, sharing the time axis.
 * The format follows the extension of `path`: .png, .svg or .pdf (any case);
 * anything else is MH_ERR_INVALID. `title` may be NULL. Non-finite values are
 * skipped (the line breaks there). Errors: MH_ERR_INVALID for a panel or line
 * with no points, inconsistent arguments or a band/window given upside down; MH_ERR_IO
 * when cairo cannot render or write.
 * Atomic: render to mh_atomic_temp_name(path) then rename(); on any failure
 * nothing is left at path. */
mh_status mh_plot_write(const char *path, const char *title, const mh_plot_panel *panels,
                        int n_panels, mh_error *err);

/* Whether path's extension names a format the plots write (.png, .svg, .pdf),
 * so a command can refuse a bad name before it runs anything. */
int mh_plot_format_known(const char *path);

/* One panel of a distribution figure: a histogram of one quantity across
 * subjects (a population's endpoints), optionally split into groups drawn over
 * each other in the palette's colours, each with its median marked. */
typedef struct mh_plot_distribution {
    const char *name;    /* e.g. "liver_fat_pct"; the x-axis label reads "name (unit)" */
    const char *unit;
    const double *values; /* non-finite values are left out */
    size_t n;
    const int *group;                /* group of each value, 0 .. n_groups-1; NULL: one group */
    const char *const *group_labels; /* legend text of each group (NULL: no legend) */
    int n_groups;                    /* 0 or 1 for one group */
} mh_plot_distribution;

/* Writes one figure of histograms stacked vertically, each panel with its own
 * value axis and a count axis ("subjects"). Format, atomicity and errors as
 * mh_plot_write; a panel with no finite value says so instead of bars. */
mh_status mh_plot_distributions(const char *path, const char *title,
                                const mh_plot_distribution *panels, int n_panels, mh_error *err);

/* ---- x-y figures -------------------------------------------------------------- */

/* One x-y panel holds sets of points, each with optional error bars, and
 * straight lines, under a heading of its own; each panel has its own axes.
 * Point sets and lines take the palette's colours in order (points first);
 * a muted line (a reference such as x = 0) is grey and dashed and takes no
 * colour. With row labels the panel is a forest plot: row i (0 at the top) is
 * at y = i, and the labels stand where the y tick labels would; its height
 * grows with the number of rows. */

typedef enum mh_plot_marker { MH_PLOT_DOT, MH_PLOT_DIAMOND } mh_plot_marker;

typedef struct mh_plot_points {
    const char *label; /* legend text; NULL or "" for none */
    const double *x, *y;
    const double *x_low, *x_high; /* horizontal error bars; both NULL for none */
    const double *y_low, *y_high; /* vertical error bars; both NULL for none */
    size_t n;
    mh_plot_marker marker;
} mh_plot_points;

/* y = intercept + slope x across the panel; or, when vertical, x = intercept. */
typedef struct mh_plot_straight {
    const char *label; /* legend text; NULL or "" for none */
    double intercept, slope;
    int vertical;
    int muted;
} mh_plot_straight;

typedef struct mh_plot_xy {
    const char *heading; /* above the panel; NULL for none */
    const char *x_label, *y_label;
    const mh_plot_points *points; /* n_points sets */
    int n_points;
    const mh_plot_straight *lines; /* n_lines lines; NULL/0 for none */
    int n_lines;
    int x_from_zero, y_from_zero;  /* stretch the axis to include 0 */
    const char *const *row_labels; /* forest plot: n_rows labels; NULL for a numeric y axis */
    size_t n_rows;
} mh_plot_xy;

/* Writes one figure of x-y panels stacked vertically. Format, atomicity and
 * errors as mh_plot_write; non-finite values are skipped. MH_ERR_INVALID for
 * a point set without points or arrays, a forest point outside its rows
 * (-0.5 .. n_rows - 0.5: a row is a band, so its points may be spread),
 * or a figure too tall for one image (about 2000 forest rows in all). */
mh_status mh_plot_xy_write(const char *path, const char *title, const mh_plot_xy *panels,
                           int n_panels, mh_error *err);

#endif
