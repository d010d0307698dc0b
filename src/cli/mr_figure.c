/*
 * mr_figure.c - the figure of `myohep mr` (cli layer): four x-y panels drawn
 * by the plotting layer (plot/plot.h, mh_plot_xy_write).
 *
 *   scatter   variants oriented so that bx >= 0 (as MR-Egger fits them), with
 *             95 % error bars both ways, and the fitted lines: IVW, MR-Egger
 *             (with its intercept), weighted median and weighted mode;
 *   forest    each variant's ratio estimate by/bx with its first-order 95 %
 *             interval (by +- 1.96 byse) / bx, then the methods' estimates;
 *   funnel    ratio estimates against their precision |bx| / byse, with the
 *             IVW and MR-Egger estimates marked;
 *   leave-one-out  IVW without each variant in turn, then with all of them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/distributions.h"
#include "cli/mr_report.h"
#include "core/error.h"
#include "plot/plot.h"

/* The methods the forest plot shows under the variants, and its fitted lines. */
static const mh_mr_method SUMMARY_METHODS[] = {MH_MR_IVW_RANDOM, MH_MR_EGGER, MH_MR_MEDIAN_WEIGHTED,
                                               MH_MR_MODE_WEIGHTED};
static const char *const SUMMARY_LABELS[] = {"IVW (random effects)", "MR-Egger", "weighted median",
                                             "weighted mode"};
enum { N_SUMMARY = sizeof SUMMARY_METHODS / sizeof SUMMARY_METHODS[0] };

/* Arrays of the figure: each variant's numbers and the rows of the two forests. */
typedef struct figure_data {
    double *x, *y, *x_low, *x_high, *y_low, *y_high;          /* scatter, n each */
    double *ratio, *ratio_low, *ratio_high, *precision, *row; /* n each */
    double *loo, *loo_low, *loo_high;                         /* n each */
    double summary[N_SUMMARY], summary_low[N_SUMMARY], summary_high[N_SUMMARY];
    double summary_row[N_SUMMARY];
    double all, all_low, all_high, all_row;
    const char **forest_labels, **loo_labels;
    double *block;
} figure_data;

static mh_status figure_data_make(figure_data *f, const mh_mr_run *run, mh_error *err)
{
    int n = run->data->n;
    size_t un = (size_t)n;
    f->block = malloc(sizeof(double) * 14 * un);
    f->forest_labels = malloc(sizeof *f->forest_labels * (un + N_SUMMARY));
    f->loo_labels = malloc(sizeof *f->loo_labels * (un + 1));
    if (!f->block || !f->forest_labels || !f->loo_labels)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for the figure");
    double **arrays[] = {&f->x,      &f->y,     &f->x_low,     &f->x_high,     &f->y_low,
                         &f->y_high, &f->ratio, &f->ratio_low, &f->ratio_high, &f->precision,
                         &f->row,    &f->loo,   &f->loo_low,   &f->loo_high};
    for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
        *arrays[k] = f->block + k * un;
    return MH_OK;
}

static void figure_data_free(figure_data *f)
{
    free(f->block);
    free(f->forest_labels);
    free(f->loo_labels);
}

static void fill_figure_data(figure_data *f, const mh_mr_run *run)
{
    const mh_summary_stats *d = run->data;
    const mh_mr_report *r = run->report;
    double z = mh_dist_normal_quantile(0.975);
    for (int j = 0; j < d->n; j++) {
        double sign = copysign(1.0, d->bx[j]);
        f->x[j] = fabs(d->bx[j]);
        f->y[j] = sign * d->by[j];
        f->x_low[j] = f->x[j] - z * d->bxse[j];
        f->x_high[j] = f->x[j] + z * d->bxse[j];
        f->y_low[j] = f->y[j] - z * d->byse[j];
        f->y_high[j] = f->y[j] + z * d->byse[j];
        f->ratio[j] = r->ratio[j];
        f->ratio_low[j] = r->ratio[j] - z * r->ratio_se[j];
        f->ratio_high[j] = r->ratio[j] + z * r->ratio_se[j];
        f->precision[j] = 1.0 / r->ratio_se[j];
        f->row[j] = j;
        f->loo[j] = r->leave_one_out[j].estimate;
        f->loo_low[j] = r->leave_one_out[j].ci_low;
        f->loo_high[j] = r->leave_one_out[j].ci_high;
        f->forest_labels[j] = f->loo_labels[j] = d->snp[j];
    }
    for (int k = 0; k < N_SUMMARY; k++) {
        const mh_mr_estimate *e = &r->methods[SUMMARY_METHODS[k]];
        f->summary[k] = e->estimate;
        f->summary_low[k] = e->ci_low;
        f->summary_high[k] = e->ci_high;
        f->summary_row[k] = d->n + k;
        f->forest_labels[d->n + k] = SUMMARY_LABELS[k];
    }
    const mh_mr_estimate *ivw = &r->methods[MH_MR_IVW_RANDOM];
    if (isnan(ivw->estimate))
        ivw = &r->methods[MH_MR_IVW_FIXED];
    f->all = ivw->estimate;
    f->all_low = ivw->ci_low;
    f->all_high = ivw->ci_high;
    f->all_row = d->n;
    f->loo_labels[d->n] = "all variants (IVW)";
}

/* A vertical reference line at x = 0. */
static const mh_plot_straight ZERO = {.intercept = 0.0, .vertical = 1, .muted = 1};

mh_status mh_mr_write_figure(const char *path, const mh_mr_run *run, mh_error *err)
{
    const mh_mr_report *r = run->report;
    size_t n = (size_t)run->data->n;
    figure_data f = {0};
    mh_status st = figure_data_make(&f, run, err);
    if (st != MH_OK) {
        figure_data_free(&f);
        return st;
    }
    fill_figure_data(&f, run);
    const mh_mr_estimate *m = r->methods;

    mh_plot_points scatter_points = {"variants", f.x,      f.y, f.x_low,    f.x_high,
                                     f.y_low,    f.y_high, n,   MH_PLOT_DOT};
    mh_plot_straight fits[] = {
        {"IVW", 0.0, m[MH_MR_IVW_FIXED].estimate, 0, 0},
        {"MR-Egger", m[MH_MR_EGGER_INTERCEPT].estimate, m[MH_MR_EGGER].estimate, 0, 0},
        {"weighted median", 0.0, m[MH_MR_MEDIAN_WEIGHTED].estimate, 0, 0},
        {"weighted mode", 0.0, m[MH_MR_MODE_WEIGHTED].estimate, 0, 0},
    };
    mh_plot_points forest_points[] = {
        {"variants (by/bx)", f.ratio, f.row, f.ratio_low, f.ratio_high, NULL, NULL, n, MH_PLOT_DOT},
        {"methods", f.summary, f.summary_row, f.summary_low, f.summary_high, NULL, NULL, N_SUMMARY,
         MH_PLOT_DIAMOND},
    };
    mh_plot_points funnel_points = {"variants", f.ratio, f.precision, f.ratio_low, f.ratio_high,
                                    NULL,       NULL,    n,           MH_PLOT_DOT};
    mh_plot_straight funnel_lines[] = {
        ZERO,
        {"IVW", m[MH_MR_IVW_FIXED].estimate, 0.0, 1, 0},
        {"MR-Egger", m[MH_MR_EGGER].estimate, 0.0, 1, 0},
    };
    mh_plot_points loo_points[] = {
        {"without the variant", f.loo, f.row, f.loo_low, f.loo_high, NULL, NULL, n, MH_PLOT_DOT},
        {"all variants", &f.all, &f.all_row, &f.all_low, &f.all_high, NULL, NULL, 1,
         MH_PLOT_DIAMOND},
    };
    mh_plot_xy panels[] = {
        {.heading = "Scatter: variant associations with fitted lines (oriented to bx >= 0)",
         .x_label = "association with the exposure (bx)",
         .y_label = "association with the outcome (by)",
         .points = &scatter_points,
         .n_points = 1,
         .lines = fits,
         .n_lines = 4,
         .x_from_zero = 1,
         .y_from_zero = 1},
        {.heading = "Forest: ratio estimates with 95 % intervals",
         .x_label = "causal estimate (outcome per exposure unit)",
         .y_label = "",
         .points = forest_points,
         .n_points = 2,
         .lines = &ZERO,
         .n_lines = 1,
         .row_labels = f.forest_labels,
         .n_rows = n + N_SUMMARY},
        {.heading = "Funnel: ratio estimates against their precision",
         .x_label = "ratio estimate by/bx",
         .y_label = "precision |bx| / byse",
         .points = &funnel_points,
         .n_points = 1,
         .lines = funnel_lines,
         .n_lines = 3,
         .y_from_zero = 1},
        {.heading = "Leave-one-out: IVW without each variant",
         .x_label = "causal estimate (outcome per exposure unit)",
         .y_label = "",
         .points = loo_points,
         .n_points = n >= 2 ? 2 : 1,
         .lines = &ZERO,
         .n_lines = 1,
         .row_labels = f.loo_labels,
         .n_rows = n + 1},
    };
    if (n < 2) { /* one variant: nothing left out; the row shows the estimate alone */
        loo_points[0] = loo_points[1];
        f.all_row = 0;
        f.loo_labels[0] = "all variants (IVW)";
        panels[3].n_rows = 1;
    }
    char title[512];
    const char *base = strrchr(run->path, '/');
    snprintf(title, sizeof title, "Mendelian randomization: %s (%zu variants)",
             base ? base + 1 : run->path, n);
    st = mh_plot_xy_write(path, title, panels, 4, err);
    figure_data_free(&f);
    return st;
}
