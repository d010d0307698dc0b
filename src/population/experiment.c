/*
 * experiment.c - running an experiment's arms and analysing them (population layer).
 *
 * Arms run one after another, each across all threads (the population
 * runner's dynamic schedule), so a run's results never depend on the thread
 * count. The factorial terms are the treatment contrasts of the saturated
 * cell-means model: for factors S at levels l, the coefficient is
 *   sum over subsets T of S of (-1)^(|S| - |T|) mean(arm with T at l, the rest at reference),
 * which for two factors is AB - A - B + reference, and for one factor the
 * arm minus the reference (docs/EXPERIMENTS.md, docs/MODEL.md).
 */
#include "population/experiment.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "plot/plot.h"

/* ---- running ------------------------------------------------------------------------ */

/* The progress of one arm as a share of the whole run. */
typedef struct arm_progress {
    mh_progress_fn progress;
    void *user;
    double done, share; /* fractions of all subjects: before this arm, and this arm's */
} arm_progress;

static void report_arm_progress(double fraction, void *user)
{
    arm_progress *p = user;
    p->progress(p->done + fraction * p->share, p->user);
}

void mh_experiment_run_free(mh_experiment_run *run)
{
    if (!run)
        return;
    free(run->subjects);
    free(run->times_min);
    free(run->courses);
    free(run);
}

mh_status mh_experiment_run_arms(const mh_experiment_spec *spec, int threads,
                                 mh_progress_fn progress, void *progress_user,
                                 mh_experiment_run **out, mh_error *err)
{
    *out = NULL;
    mh_experiment_run *run = calloc(1, sizeof *run);
    if (!run)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    run->spec = spec;
    for (int a = 0; a < spec->n_arms; a++) {
        run->first[a] = run->n_subjects;
        run->n_subjects += spec->arms[a].population->size;
    }
    run->first[spec->n_arms] = run->n_subjects;
    run->n_times = mh_population_course_times(spec->arms[0].population);
    size_t per_subject = run->n_times * (size_t)spec->n_endpoints;
    run->subjects = calloc((size_t)run->n_subjects, sizeof *run->subjects);
    run->times_min = calloc(run->n_times, sizeof *run->times_min);
    run->courses = calloc((size_t)run->n_subjects * per_subject, sizeof *run->courses);
    if (!run->subjects || !run->times_min || !run->courses) {
        long n = run->n_subjects;
        mh_experiment_run_free(run);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for %ld subjects' time courses", n);
    }
    /* the times the solver samples: every `every` from 0, and the end */
    for (size_t k = 0; k < run->n_times; k++)
        run->times_min[k] = fmin((double)k * spec->every_min, spec->duration_min);
    mh_status st = MH_OK;
    for (int a = 0; a < spec->n_arms && st == MH_OK; a++) {
        const mh_population_spec *arm = spec->arms[a].population;
        arm_progress share = {progress, progress_user,
                              (double)run->first[a] / (double)run->n_subjects,
                              (double)arm->size / (double)run->n_subjects};
        st = mh_population_run_courses(arm, 0, arm->size, threads, run->subjects + run->first[a],
                                       run->courses + (size_t)run->first[a] * per_subject,
                                       progress ? report_arm_progress : NULL, &share, err);
    }
    if (st != MH_OK) {
        mh_experiment_run_free(run);
        return st;
    }
    *out = run;
    return MH_OK;
}

double mh_experiment_value(const mh_experiment_run *run, long i, int e)
{
    const mh_population_subject *s = &run->subjects[i];
    if (s->status != MH_OK)
        return NAN;
    return run->spec->outcome == MH_OUTCOME_CHANGE ? s->endpoints[e] - s->start[e]
                                                   : s->endpoints[e];
}

/* ---- analysing ---------------------------------------------------------------------- */

void mh_experiment_report_free(mh_experiment_report *r)
{
    if (!r)
        return;
    free(r->summary);
    free(r->difference);
    free(r->effect_size);
    free(r->terms);
    free(r->course);
    free(r);
}

/* Arm a's outcomes of endpoint e: n_a values at values + first[a] * n_endpoints + e * n_a. */
static const double *arm_values(const mh_experiment_run *run, const double *values, int a, int e)
{
    long n = run->first[a + 1] - run->first[a];
    return values + (size_t)run->first[a] * (size_t)run->spec->n_endpoints + (size_t)e * (size_t)n;
}

/* The coefficients over arms of the term where the factors in `mask` take the
 * levels in `level` (the others their reference); false when an arm it needs
 * is not in the experiment. */
static bool term_coefficients(const mh_experiment_spec *e, unsigned mask, const int *level,
                              double *coef)
{
    for (int a = 0; a < e->n_arms; a++)
        coef[a] = 0.0;
    /* every subset T of mask, as a sub-mask */
    for (unsigned t = mask;; t = (t - 1) & mask) {
        int cell[MH_EXPERIMENT_MAX_FACTORS] = {0};
        int dropped = 0;
        for (int f = 0; f < e->n_factors; f++) {
            if (t & (1u << f))
                cell[f] = level[f];
            else if (mask & (1u << f))
                dropped++;
        }
        int arm = mh_experiment_find_arm(e, cell);
        if (arm < 0)
            return false;
        coef[arm] += dropped % 2 ? -1.0 : 1.0;
        if (t == 0)
            break;
    }
    return true;
}

static void name_term(const mh_experiment_spec *e, unsigned mask, const int *level,
                      mh_experiment_term *term)
{
    size_t used = 0;
    term->order = 0;
    for (int f = 0; f < e->n_factors && used < sizeof term->name; f++)
        if (mask & (1u << f)) {
            used += (size_t)snprintf(term->name + used, sizeof term->name - used, "%s%s=%s",
                                     term->order ? " x " : "", e->factors[f].name,
                                     e->factors[f].levels[level[f]]);
            term->order++;
        }
}

static int factors_in(unsigned mask)
{
    int n = 0;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

/* Every term whose arms exist: masks in order of size, then of factors. */
static void estimate_terms(const mh_experiment_run *run, const double *values, const long *sizes,
                           mh_experiment_report *r)
{
    const mh_experiment_spec *e = run->spec;
    double coef[MH_EXPERIMENT_MAX_ARMS];
    unsigned n_masks = 1u << e->n_factors;
    for (int order = 1; order <= e->n_factors; order++) {
        for (unsigned mask = 1; mask < n_masks; mask++) {
            if (factors_in(mask) != order)
                continue;
            /* every combination of non-reference levels of the factors in mask */
            int level[MH_EXPERIMENT_MAX_FACTORS] = {0};
            for (int f = 0; f < e->n_factors; f++)
                level[f] = mask & (1u << f) ? 1 : 0;
            for (;;) {
                if (r->n_terms < MH_EXPERIMENT_MAX_TERMS &&
                    term_coefficients(e, mask, level, coef)) {
                    mh_experiment_term *term = &r->terms[r->n_terms++];
                    name_term(e, mask, level, term);
                    for (int k = 0; k < e->n_endpoints; k++) {
                        const double *by_arm[MH_EXPERIMENT_MAX_ARMS];
                        for (int a = 0; a < e->n_arms; a++)
                            by_arm[a] = arm_values(run, values, a, k);
                        if (e->design == MH_DESIGN_PAIRED)
                            mh_compare_contrast_paired(by_arm, sizes[0], e->n_arms, coef,
                                                       r->level, &term->estimate[k]);
                        else
                            mh_compare_contrast(by_arm, sizes, e->n_arms, coef, r->level,
                                                &term->estimate[k]);
                    }
                }
                /* next combination: count up in the mixed radix of the levels */
                int f = 0;
                for (; f < e->n_factors; f++) {
                    if (!(mask & (1u << f)))
                        continue;
                    if (++level[f] < e->factors[f].n_levels)
                        break;
                    level[f] = 1;
                }
                if (f == e->n_factors)
                    break;
            }
        }
    }
}

mh_status mh_experiment_analyse(const mh_experiment_run *run, double level,
                                mh_experiment_report **out, mh_error *err)
{
    *out = NULL;
    const mh_experiment_spec *e = run->spec;
    size_t cells = (size_t)e->n_arms * (size_t)e->n_endpoints;
    mh_experiment_report *r = calloc(1, sizeof *r);
    double *values = malloc(sizeof(double) * (size_t)run->n_subjects * (size_t)e->n_endpoints);
    double *column = malloc(sizeof(double) * (size_t)run->n_subjects);
    if (r) {
        r->summary = calloc(cells, sizeof *r->summary);
        r->difference = calloc(cells, sizeof *r->difference);
        r->effect_size = calloc(cells, sizeof *r->effect_size);
        r->terms = calloc(MH_EXPERIMENT_MAX_TERMS, sizeof *r->terms);
        r->course = calloc(cells * run->n_times, sizeof *r->course);
    }
    if (!r || !values || !column || !r->summary || !r->difference || !r->effect_size ||
        !r->terms || !r->course) {
        free(values);
        free(column);
        mh_experiment_report_free(r);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for the analysis");
    }
    r->level = level;
    r->n_arms = e->n_arms;
    r->n_endpoints = e->n_endpoints;
    r->n_times = run->n_times;
    long sizes[MH_EXPERIMENT_MAX_ARMS];
    for (int a = 0; a < e->n_arms; a++) {
        sizes[a] = run->first[a + 1] - run->first[a];
        for (int k = 0; k < e->n_endpoints; k++) {
            double *v = (double *)arm_values(run, values, a, k);
            for (long i = 0; i < sizes[a]; i++)
                v[i] = mh_experiment_value(run, run->first[a] + i, k);
        }
    }
    int ref = e->reference;
    for (int a = 0; a < e->n_arms; a++)
        for (int k = 0; k < e->n_endpoints; k++) {
            size_t at = (size_t)a * (size_t)e->n_endpoints + (size_t)k;
            const double *x = arm_values(run, values, a, k), *x0 = arm_values(run, values, ref, k);
            mh_compare_summary(x, sizes[a], level, &r->summary[at]);
            if (e->design == MH_DESIGN_PAIRED) {
                const double *pair[2] = {x0, x};
                static const double minus_plus[2] = {-1.0, 1.0};
                mh_compare_contrast_paired(pair, sizes[a], 2, minus_plus, level, &r->difference[at]);
                mh_compare_hedges_g_paired(x0, x, sizes[a], level, &r->effect_size[at]);
            } else {
                mh_compare_welch(x0, sizes[ref], x, sizes[a], level, &r->difference[at]);
                mh_compare_hedges_g(x0, sizes[ref], x, sizes[a], level, &r->effect_size[at]);
            }
            if (a == ref)
                r->difference[at] = r->effect_size[at] =
                    (mh_estimate){NAN, NAN, NAN, NAN, NAN, NAN, NAN};
        }
    estimate_terms(run, values, sizes, r);
    /* the time courses, summarised arm by arm at each time */
    size_t n_e = (size_t)e->n_endpoints;
    for (int a = 0; a < e->n_arms; a++)
        for (size_t t = 0; t < run->n_times; t++)
            for (size_t k = 0; k < n_e; k++) {
                for (long i = 0; i < sizes[a]; i++)
                    column[i] = run->courses[((size_t)(run->first[a] + i) * run->n_times + t) * n_e + k];
                mh_compare_summary(column, sizes[a], level,
                                   &r->course[((size_t)a * run->n_times + t) * n_e + k]);
            }
    free(values);
    free(column);
    *out = r;
    return MH_OK;
}

/* ---- figures ------------------------------------------------------------------------ */

mh_status mh_experiment_plot_arms(const char *path, const mh_experiment_run *run,
                                  const mh_experiment_report *report, mh_error *err)
{
    const mh_experiment_spec *e = run->spec;
    int n_e = e->n_endpoints, n_a = e->n_arms;
    size_t n = (size_t)run->n_subjects;
    double *x = malloc(sizeof(double) * n * (size_t)n_e), *y = malloc(sizeof(double) * n);
    double *mean = malloc(sizeof(double) * (size_t)(n_a * n_e * 4));
    mh_plot_xy *panels = calloc((size_t)n_e, sizeof *panels);
    mh_plot_points *points = calloc((size_t)n_e * 2, sizeof *points);
    mh_plot_straight *lines = calloc((size_t)n_e, sizeof *lines);
    const char **rows = malloc(sizeof(char *) * (size_t)n_a);
    char(*labels)[160] = calloc((size_t)n_e, sizeof *labels);
    mh_status st = MH_OK;
    if (!x || !y || !mean || !panels || !points || !lines || !rows || !labels) {
        st = mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
        goto done;
    }
    for (int a = 0; a < n_a; a++) {
        rows[a] = e->arms[a].name;
        /* subjects spread across their row by a fixed golden-ratio sequence: no
         * random numbers, so the figure is the same on every run */
        for (long i = run->first[a]; i < run->first[a + 1]; i++)
            y[i] = a + 0.56 * (fmod((double)(i - run->first[a]) * 0.6180339887, 1.0) - 0.5);
    }
    double *row = mean + n_a * n_e, *low = row + n_a * n_e, *high = low + n_a * n_e;
    const char *what = e->outcome == MH_OUTCOME_CHANGE ? "change over the run" : "end of the run";
    for (int k = 0; k < n_e; k++) {
        double *xk = x + (size_t)k * n;
        for (long i = 0; i < run->n_subjects; i++)
            xk[i] = mh_experiment_value(run, i, k);
        for (int a = 0; a < n_a; a++) {
            const mh_group_summary *s = &report->summary[a * n_e + k];
            mean[k * n_a + a] = s->mean;
            row[k * n_a + a] = a;
            low[k * n_a + a] = s->ci_low;
            high[k * n_a + a] = s->ci_high;
        }
        const mh_var_info *var = mh_var_at(e->endpoints[k]);
        snprintf(labels[k], sizeof labels[k], "%s (%s), %s", var->name, var->unit, what);
        points[2 * k] = (mh_plot_points){.label = "subjects", .x = xk, .y = y, .n = n};
        points[2 * k + 1] = (mh_plot_points){.label = "mean and 95 % CI",
                                             .x = mean + k * n_a,
                                             .y = row + k * n_a,
                                             .x_low = low + k * n_a,
                                             .x_high = high + k * n_a,
                                             .n = (size_t)n_a,
                                             .marker = MH_PLOT_DIAMOND};
        lines[k] = (mh_plot_straight){.label = "reference mean",
                                      .intercept = report->summary[e->reference * n_e + k].mean,
                                      .vertical = 1,
                                      .muted = 1};
        panels[k] = (mh_plot_xy){.heading = var->name,
                                 .x_label = labels[k],
                                 .points = points + 2 * k,
                                 .n_points = 2,
                                 .lines = isfinite(lines[k].intercept) ? lines + k : NULL,
                                 .n_lines = isfinite(lines[k].intercept) ? 1 : 0,
                                 .row_labels = rows,
                                 .n_rows = (size_t)n_a};
    }
    char title[256];
    snprintf(title, sizeof title, "%s: %d arms, %ld subjects", e->name, n_a, run->n_subjects);
    st = mh_plot_xy_write(path, title, panels, n_e, err);
done:
    free(x);
    free(y);
    free(mean);
    free(panels);
    free(points);
    free(lines);
    free(rows);
    free(labels);
    return st;
}

mh_status mh_experiment_plot_courses(const char *path, const mh_experiment_run *run,
                                     const mh_experiment_report *report, mh_error *err)
{
    const mh_experiment_spec *e = run->spec;
    int n_e = e->n_endpoints, n_a = e->n_arms;
    size_t n_t = run->n_times, block = (size_t)n_a * n_t;
    double *values = malloc(sizeof(double) * block * 3 * (size_t)n_e);
    mh_plot_panel *panels = calloc((size_t)n_e, sizeof *panels);
    mh_plot_line *lines = calloc((size_t)n_e * (size_t)n_a, sizeof *lines);
    if (!values || !panels || !lines) {
        free(values);
        free(panels);
        free(lines);
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
    }
    for (int k = 0; k < n_e; k++) {
        double *mean = values + (size_t)k * 3 * block, *low = mean + block, *high = low + block;
        for (int a = 0; a < n_a; a++) {
            for (size_t t = 0; t < n_t; t++) {
                const mh_group_summary *s = &report->course[((size_t)a * n_t + t) * (size_t)n_e + (size_t)k];
                mean[(size_t)a * n_t + t] = s->mean;
                low[(size_t)a * n_t + t] = s->ci_low;
                high[(size_t)a * n_t + t] = s->ci_high;
            }
            lines[k * n_a + a] = (mh_plot_line){.label = e->arms[a].name,
                                                .t_min = run->times_min,
                                                .y = mean + (size_t)a * n_t,
                                                .n = n_t,
                                                .y_low = low + (size_t)a * n_t,
                                                .y_high = high + (size_t)a * n_t};
        }
        const mh_var_info *var = mh_var_at(e->endpoints[k]);
        const mh_plot_line *first = &lines[k * n_a];
        panels[k] = (mh_plot_panel){.name = var->name,
                                    .unit = var->unit,
                                    .t_min = first->t_min,
                                    .y = first->y,
                                    .n = first->n,
                                    .label = first->label,
                                    .y_low = first->y_low,
                                    .y_high = first->y_high,
                                    .more = first + 1,
                                    .n_more = n_a - 1};
    }
    char title[256];
    snprintf(title, sizeof title, "%s: arm means with 95 %% CI bands", e->name);
    mh_status st = mh_plot_write(path, title, panels, n_e, err);
    free(values);
    free(panels);
    free(lines);
    return st;
}
