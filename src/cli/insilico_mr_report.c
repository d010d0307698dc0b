/*
 * insilico_mr_report.c - the report of `myohep insilico-mr` (cli layer): for
 * each analysis, every MR method's estimate against the true effect measured
 * by intervention, with the flags that explain a miss (pleiotropy, weak
 * instruments); the GWAS of every instrument; summary statistics for
 * `myohep mr`; and a forest figure. JSON numbers carry 17 digits, text 5.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/insilico_mr_report.h"
#include "cli/mr_report.h"
#include "core/error.h"
#include "plot/plot.h"

/* The estimate the verdict reads: IVW with the MendelianRandomization
 * package's default model (fixed effects below 4 variants, multiplicative
 * random effects from 4). */
static mh_mr_method primary_method(const mh_insilico_mr_finding *f)
{
    return f->n_variants >= 4 ? MH_MR_IVW_RANDOM : MH_MR_IVW_FIXED;
}

/* What may bias the estimate, as a short phrase per reason (p < 0.05 tests). */
typedef struct flags {
    bool heterogeneity, directional, weak, few;
} flags;

static flags flags_of(const mh_insilico_mr_finding *f)
{
    const mh_mr_report *r = &f->report;
    return (flags){.heterogeneity = r->cochran_q.p < 0.05,
                   .directional = r->methods[MH_MR_EGGER_INTERCEPT].p < 0.05,
                   .weak = f->n_weak > 0,
                   .few = f->n_variants < 3};
}

static const char *dimension(const mh_insilico_mr_spec *spec, int trait, const char **unit)
{
    const mh_var_info *v = mh_var_at(spec->cohort->endpoints[trait]);
    *unit = v->unit;
    return v->name;
}

/* ---- text ---------------------------------------------------------------------- */

static void text_row(FILE *fp, const char *label, const mh_mr_estimate *e, const mh_mr_estimate *truth)
{
    if (!isfinite(e->estimate)) {
        fprintf(fp, "  %-34s %11s\n", label, "-");
        return;
    }
    fprintf(fp, "  %-34s %11.4g %11.4g %11.4g %11.4g %9.3g", label, e->estimate, e->se, e->ci_low,
            e->ci_high, e->p);
    if (isfinite(truth->estimate))
        fprintf(fp, " %11.4g  %s", e->estimate - truth->estimate,
                mh_insilico_mr_covers(e, truth) ? "yes" : "NO");
    fputc('\n', fp);
}

static void text_verdict(FILE *fp, const mh_insilico_mr_finding *f)
{
    flags fl = flags_of(f);
    const mh_mr_estimate *ivw = &f->report.methods[primary_method(f)];
    if (isfinite(f->truth.estimate))
        fprintf(fp, "  verdict: %s recovers the true effect: %s\n",
                mh_mr_method_label(primary_method(f)),
                mh_insilico_mr_covers(ivw, &f->truth) ? "yes (its 95 % CI covers it)"
                                                      : "NO (its 95 % CI misses it)");
    if (fl.heterogeneity || fl.directional || fl.weak || fl.few) {
        fputs("  flags:", fp);
        if (fl.heterogeneity)
            fprintf(fp, " heterogeneity (Cochran's Q p = %.3g: pleiotropy or unequal pathways);",
                    f->report.cochran_q.p);
        if (fl.directional)
            fprintf(fp, " directional pleiotropy (MR-Egger intercept p = %.3g);",
                    f->report.methods[MH_MR_EGGER_INTERCEPT].p);
        if (fl.weak)
            fprintf(fp, " weak instruments (%d with F < 10: bias towards the observational "
                        "association in one sample, towards 0 in two);",
                    f->n_weak);
        if (fl.few)
            fputs(" fewer than 3 instruments (no pleiotropy-robust method);", fp);
        fputc('\n', fp);
    }
}

static void text_finding(FILE *fp, const mh_insilico_mr_run *run, int a)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_analysis *an = &spec->analyses[a];
    const mh_insilico_mr_finding *f = &run->result->findings[a];
    const char *ux, *uy;
    const char *x = dimension(spec, an->exposure, &ux), *y = dimension(spec, an->outcome, &uy);
    fprintf(fp, "\n[%d] %s\n  exposure %s (%s) in sample A, outcome %s (%s) in sample %s; effect in "
                "%s per %s\n",
            a + 1, an->name, x, ux, y, uy, an->one_sample ? "A (one-sample MR)" : "B", uy, ux);
    if (f->status != MH_OK) {
        fprintf(fp, "  no MR estimate: %s\n", f->why);
        return;
    }
    fprintf(fp, "  %d instruments:", f->n_variants);
    for (int k = 0; k < f->n_variants; k++)
        fprintf(fp, " %s (F %.3g)", spec->instruments[f->variants[k]].snp, f->report.f[k]);
    fprintf(fp, "\n  mean F %.4g, %d weak (F < 10); Cochran's Q p = %.3g\n", f->report.mean_f,
            f->n_weak, f->report.cochran_q.p);
    fprintf(fp, "  %-34s %11s %11s %11s %11s %9s %11s  %s\n", "method", "estimate", "se", "ci_low",
            "ci_high", "p", "bias", "covers truth");
    if (an->truth >= 0) {
        char label[96];
        snprintf(label, sizeof label, "TRUTH ('%s', n = %ld)", spec->interventions[an->truth].name,
                 f->truth_n);
        mh_mr_estimate none = mh_mr_normal_estimate(NAN, NAN);
        text_row(fp, label, &f->truth, &none);
    }
    for (int m = 0; m < MH_MR_METHOD_COUNT; m++)
        if (m != MH_MR_EGGER_INTERCEPT)
            text_row(fp, mh_mr_method_label((mh_mr_method)m), &f->report.methods[m], &f->truth);
    mh_mr_estimate obs = mh_mr_normal_estimate(f->observational.beta, f->observational.se);
    text_row(fp, "observational (whole cohort, OLS)", &obs, &f->truth);
    mh_mr_estimate none = mh_mr_normal_estimate(NAN, NAN);
    text_row(fp, "MR-Egger intercept (outcome units)", &f->report.methods[MH_MR_EGGER_INTERCEPT], &none);
    text_verdict(fp, f);
}

static void text_gwas(FILE *fp, const mh_insilico_mr_run *run)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_mr_result *r = run->result;
    fputs("\nGWAS, sample A: beta per effect allele (F = (beta/se)^2)\n", fp);
    fprintf(fp, "  %-16s %6s", "snp", "eaf");
    for (int e = 0; e < spec->cohort->n_endpoints; e++) {
        const char *unit;
        const char *name = dimension(spec, e, &unit);
        fprintf(fp, " %16.16s %7s", name, "F");
    }
    fputc('\n', fp);
    for (int j = 0; j < spec->n_instruments; j++) {
        fprintf(fp, "  %-16s %6.3f", spec->instruments[j].snp,
                r->gwas[MH_INSILICO_SAMPLE_A][0][j].eaf);
        for (int e = 0; e < spec->cohort->n_endpoints; e++) {
            const mh_gwas_association *g = &r->gwas[MH_INSILICO_SAMPLE_A][e][j];
            fprintf(fp, " %16.4g %7.3g", g->beta, (g->beta / g->se) * (g->beta / g->se));
        }
        fputc('\n', fp);
    }
}

void mh_insilico_mr_write_text(FILE *fp, const mh_insilico_mr_run *run)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_mr_result *r = run->result;
    fprintf(fp, "In-silico Mendelian randomization: %s (%s)\n", spec->name[0] ? spec->name : "-",
            run->path);
    fprintf(fp,
            "Cohort: %ld subjects (%ld failed), sample A %ld (exposure GWAS), sample B %ld (outcome "
            "GWAS); truth measured by intervention on %ld of them\n",
            r->n_subjects, r->n_failed, r->n_sample[0], r->n_sample[1], r->n_truth);
    fputs("GWAS adjusted for:", fp);
    for (int k = 0; k < spec->n_adjust; k++)
        fprintf(fp, " %s", mh_insilico_covariate_name(spec->adjust[k]));
    fputs(spec->n_adjust ? "\n" : " nothing (intercept only)\n", fp);
    for (int e = 0; e < spec->cohort->n_endpoints; e++)
        if (r->baseline_left_out[e])
            fprintf(fp, "  (%s: its start value depends on the genotypes (%s moves it), so its "
                        "baseline is not adjusted for: it would take out genetic effect)\n",
                    mh_var_at(spec->cohort->endpoints[e])->name,
                    spec->instruments[r->baseline_instrument[e]].snp);
    for (int e = 0; e < spec->cohort->n_endpoints; e++)
        for (int c = 0; c < MH_INSILICO_COVARIATE_COUNT; c++)
            if (r->dropped[e][c] && !(c == MH_INSILICO_COVARIATE_BASELINE && r->baseline_left_out[e]))
                fprintf(fp, "  (%s: covariate %s is constant or collinear, left out)\n",
                        mh_var_at(spec->cohort->endpoints[e])->name,
                        mh_insilico_covariate_name((mh_insilico_covariate)c));
    text_gwas(fp, run);
    for (int a = 0; a < r->n_findings; a++)
        text_finding(fp, run, a);
    fprintf(fp,
            "\nTime: %.3g s simulating (CPU: %.3g s the cohort, %.3g s the truth runs), %.3g s for "
            "the GWAS and MR\n",
            run->seconds_simulating, r->cpu_seconds_cohort, r->cpu_seconds_truth,
            run->seconds_analysing);
}

/* ---- JSON ---------------------------------------------------------------------- */

static void json_association(FILE *fp, const mh_gwas_association *g)
{
    static const char *const keys[] = {"beta", "se", "p", "eaf"};
    const double values[] = {g->beta, g->se, g->p, g->eaf};
    fputs("{", fp);
    mh_json_fields(fp, keys, values, 4);
    fprintf(fp, ", \"n\": %ld}", g->n);
}

static void json_instruments(FILE *fp, const mh_insilico_mr_run *run)
{
    const mh_insilico_mr_spec *spec = run->spec;
    fputs("  \"instruments\": [\n", fp);
    for (int j = 0; j < spec->n_instruments; j++) {
        const mh_instrument *ins = &spec->instruments[j];
        fputs("    {\"snp\": ", fp);
        mh_json_string(fp, ins->snp);
        fputs(", \"effect_allele\": ", fp);
        mh_json_string(fp, ins->effect_allele);
        fputs(", \"other_allele\": ", fp);
        mh_json_string(fp, ins->other_allele);
        fputs(", ", fp);
        mh_json_field(fp, "frequency", ins->frequency);
        fputs(", \"effects\": {", fp);
        for (int k = 0; k < ins->n_effects; k++) {
            fputs(k ? ", " : "", fp);
            mh_json_field(fp, mh_param_at(ins->effects[k].param)->name, ins->effects[k].fraction);
        }
        fputs("},\n     \"gwas\": {", fp);
        for (int e = 0; e < spec->cohort->n_endpoints; e++) {
            fprintf(fp, "%s\n       ", e ? "," : "");
            mh_json_string(fp, mh_var_at(spec->cohort->endpoints[e])->name);
            fputs(": {\"sample_a\": ", fp);
            json_association(fp, &run->result->gwas[MH_INSILICO_SAMPLE_A][e][j]);
            fputs(", \"sample_b\": ", fp);
            json_association(fp, &run->result->gwas[MH_INSILICO_SAMPLE_B][e][j]);
            fputs("}", fp);
        }
        fprintf(fp, "}}%s\n", j + 1 < spec->n_instruments ? "," : "");
    }
    fputs("  ],\n", fp);
}

static void json_estimate(FILE *fp, const char *key, const mh_mr_estimate *e)
{
    fprintf(fp, "\"%s\": {", key);
    mh_json_estimate_fields(fp, e);
    fputs("}", fp);
}

static void json_finding(FILE *fp, const mh_insilico_mr_run *run, int a)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_analysis *an = &spec->analyses[a];
    const mh_insilico_mr_finding *f = &run->result->findings[a];
    fputs("    {\"name\": ", fp);
    mh_json_string(fp, an->name);
    fputs(", \"exposure\": ", fp);
    mh_json_string(fp, mh_var_at(spec->cohort->endpoints[an->exposure])->name);
    fputs(", \"outcome\": ", fp);
    mh_json_string(fp, mh_var_at(spec->cohort->endpoints[an->outcome])->name);
    fprintf(fp, ", \"samples\": %d", an->one_sample ? 1 : 2);
    fputs(",\n     \"truth\": {\"intervention\": ", fp);
    if (an->truth >= 0)
        mh_json_string(fp, spec->interventions[an->truth].name);
    else
        fputs("null", fp);
    fprintf(fp, ", \"n\": %ld, ", f->truth_n);
    mh_json_estimate_fields(fp, &f->truth);
    fputs("},\n     ", fp);
    json_estimate(fp, "observational",
                  &(mh_mr_estimate){f->observational.beta, f->observational.se,
                                    f->observational.beta - 1.959963984540054 * f->observational.se,
                                    f->observational.beta + 1.959963984540054 * f->observational.se,
                                    f->observational.p});
    if (f->status != MH_OK) {
        fputs(",\n     \"not_computable\": ", fp);
        mh_json_string(fp, f->why);
        fputs("}", fp);
        return;
    }
    fprintf(fp, ",\n     \"n_snps\": %d, \"snps\": [", f->n_variants);
    for (int k = 0; k < f->n_variants; k++) {
        fputs(k ? ", " : "", fp);
        mh_json_string(fp, spec->instruments[f->variants[k]].snp);
    }
    fputs("], \"f\": [", fp);
    for (int k = 0; k < f->n_variants; k++) {
        fputs(k ? ", " : "", fp);
        mh_json_number(fp, f->report.f[k]);
    }
    fputs("], ", fp);
    mh_json_field(fp, "mean_f", f->report.mean_f);
    fprintf(fp, ", \"n_weak\": %d,\n     \"methods\": [\n", f->n_weak);
    for (int m = 0; m < MH_MR_METHOD_COUNT; m++) {
        const mh_mr_estimate *e = &f->report.methods[m];
        fputs("       {\"method\": ", fp);
        mh_json_string(fp, mh_mr_method_name((mh_mr_method)m));
        fputs(", ", fp);
        mh_json_estimate_fields(fp, e);
        if (m != MH_MR_EGGER_INTERCEPT) {
            fputs(", ", fp);
            mh_json_field(fp, "bias", e->estimate - f->truth.estimate);
            fprintf(fp, ", \"covers_truth\": %s", mh_insilico_mr_covers(e, &f->truth) ? "true" : "false");
        }
        fprintf(fp, "}%s\n", m + 1 < MH_MR_METHOD_COUNT ? "," : "");
    }
    fputs("     ],\n  ", fp);
    mh_json_q(fp, "heterogeneity", &f->report.cochran_q);
    flags fl = flags_of(f);
    mh_mr_method primary = primary_method(f);
    fputs("     \"primary\": ", fp);
    mh_json_string(fp, mh_mr_method_name(primary));
    fprintf(fp, ", \"recovers_truth\": %s,\n",
            isfinite(f->truth.estimate)
                ? (mh_insilico_mr_covers(&f->report.methods[primary], &f->truth) ? "true" : "false")
                : "null");
    fprintf(fp,
            "     \"flags\": {\"heterogeneity\": %s, \"directional_pleiotropy\": %s, "
            "\"weak_instruments\": %s, \"fewer_than_3\": %s}}",
            fl.heterogeneity ? "true" : "false", fl.directional ? "true" : "false",
            fl.weak ? "true" : "false", fl.few ? "true" : "false");
}

void mh_insilico_mr_write_json(FILE *fp, const mh_insilico_mr_run *run)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_mr_result *r = run->result;
    fputs("{\n  \"file\": ", fp);
    mh_json_string(fp, run->path);
    fputs(", \"name\": ", fp);
    mh_json_string(fp, spec->name);
    fprintf(fp,
            ",\n  \"cohort\": {\"subjects\": %ld, \"failed\": %ld, \"sample_a\": %ld, "
            "\"sample_b\": %ld, \"truth_subjects\": %ld, \"duration_min\": %.17g},\n",
            r->n_subjects, r->n_failed, r->n_sample[0], r->n_sample[1], r->n_truth,
            spec->cohort->duration_min);
    fputs("  \"adjust_for\": [", fp);
    for (int k = 0; k < spec->n_adjust; k++) {
        fputs(k ? ", " : "", fp);
        mh_json_string(fp, mh_insilico_covariate_name(spec->adjust[k]));
    }
    fputs("],\n  \"baseline_left_out\": [", fp);
    for (int e = 0, first = 1; e < spec->cohort->n_endpoints; e++)
        if (r->baseline_left_out[e]) {
            fputs(first ? "" : ", ", fp);
            mh_json_string(fp, mh_var_at(spec->cohort->endpoints[e])->name);
            first = 0;
        }
    fprintf(fp, "],\n  \"bootstrap\": {\"replicates\": %ld, \"seed\": %llu},\n",
            run->bootstrap.replicates, (unsigned long long)run->bootstrap.seed);
    json_instruments(fp, run);
    fputs("  \"analyses\": [\n", fp);
    for (int a = 0; a < r->n_findings; a++) {
        json_finding(fp, run, a);
        fputs(a + 1 < r->n_findings ? ",\n" : "\n", fp);
    }
    static const char *const keys[] = {"simulating", "analysing", "cpu_cohort", "cpu_truth"};
    const double seconds[] = {run->seconds_simulating, run->seconds_analysing,
                              r->cpu_seconds_cohort, r->cpu_seconds_truth};
    fputs("  ],\n  \"seconds\": {", fp);
    mh_json_fields(fp, keys, seconds, 4);
    fputs("}\n}\n", fp);
}

/* ---- summary statistics ---------------------------------------------------------- */

void mh_insilico_mr_write_sumstats(FILE *fp, const mh_insilico_mr_run *run, int a)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_analysis *an = &spec->analyses[a];
    const mh_insilico_mr_finding *f = &run->result->findings[a];
    fprintf(fp, "# myohep insilico-mr %s, analysis %d: %s\n", run->path, a + 1, an->name);
    fprintf(fp, "# exposure %s (sample A, even ids), outcome %s (%s)\n",
            mh_var_at(spec->cohort->endpoints[an->exposure])->name,
            mh_var_at(spec->cohort->endpoints[an->outcome])->name,
            an->one_sample ? "sample A too: one-sample MR" : "sample B, odd ids");
    fputs("SNP,effect_allele.exposure,other_allele.exposure,eaf.exposure,beta.exposure,"
          "se.exposure,samplesize.exposure,effect_allele.outcome,other_allele.outcome,eaf.outcome,"
          "beta.outcome,se.outcome,samplesize.outcome\n",
          fp);
    for (int k = 0; k < f->n_variants; k++) {
        int j = f->variants[k];
        const mh_instrument *ins = &spec->instruments[j];
        const mh_gwas_association *x = &run->result->gwas[MH_INSILICO_SAMPLE_A][an->exposure][j];
        const mh_gwas_association *y =
            &run->result->gwas[an->one_sample ? MH_INSILICO_SAMPLE_A : MH_INSILICO_SAMPLE_B]
                              [an->outcome][j];
        fprintf(fp, "%s,%s,%s,%.17g,%.17g,%.17g,%ld,%s,%s,%.17g,%.17g,%.17g,%ld\n", ins->snp,
                ins->effect_allele, ins->other_allele, x->eaf, x->beta, x->se, x->n,
                ins->effect_allele, ins->other_allele, y->eaf, y->beta, y->se, y->n);
    }
}

/* ---- figure ------------------------------------------------------------------------ */

/* Rows of one forest panel: the methods (intercept left out), then the
 * observational association. */
enum { N_ROWS = MH_MR_METHOD_COUNT };

typedef struct panel_data {
    double x[N_ROWS], low[N_ROWS], high[N_ROWS], row[N_ROWS];
    double obs_x, obs_low, obs_high, obs_row;
    const char *labels[N_ROWS];
    char heading[200];
    mh_plot_points points[2];
    mh_plot_straight lines[2];
} panel_data;

/* The x range every estimate, the truth and the primary interval need, with a
 * margin; wider intervals (MR-Egger's and the medians' with weak instruments
 * reach hundreds) are cut at its edges, so the estimates stay readable. */
static void clip_intervals(panel_data *d, int n, const mh_insilico_mr_finding *f)
{
    double lo = INFINITY, hi = -INFINITY;
    const double must[] = {d->obs_x, f->truth.estimate, 0.0,
                           f->status == MH_OK ? f->report.methods[primary_method(f)].ci_low : NAN,
                           f->status == MH_OK ? f->report.methods[primary_method(f)].ci_high : NAN};
    for (size_t k = 0; k < sizeof must / sizeof must[0]; k++)
        if (isfinite(must[k])) {
            lo = fmin(lo, must[k]);
            hi = fmax(hi, must[k]);
        }
    for (int k = 0; k < n; k++)
        if (isfinite(d->x[k])) {
            lo = fmin(lo, d->x[k]);
            hi = fmax(hi, d->x[k]);
        }
    double margin = 0.25 * (hi - lo);
    if (!(margin > 0))
        return;
    lo -= margin;
    hi += margin;
    for (int k = 0; k < n; k++) {
        d->low[k] = fmax(d->low[k], lo);
        d->high[k] = fmin(d->high[k], hi);
    }
    d->obs_low = fmax(d->obs_low, lo);
    d->obs_high = fmin(d->obs_high, hi);
}

static void fill_panel(const mh_insilico_mr_run *run, int a, panel_data *d, mh_plot_xy *panel)
{
    const mh_insilico_mr_spec *spec = run->spec;
    const mh_insilico_mr_finding *f = &run->result->findings[a];
    const char *ux, *uy;
    dimension(spec, spec->analyses[a].exposure, &ux);
    dimension(spec, spec->analyses[a].outcome, &uy);
    int n = 0;
    for (int m = 0; m < MH_MR_METHOD_COUNT; m++) {
        if (m == MH_MR_EGGER_INTERCEPT)
            continue;
        const mh_mr_estimate *e = &f->report.methods[m];
        d->labels[n] = mh_mr_method_label((mh_mr_method)m);
        d->x[n] = f->status == MH_OK ? e->estimate : NAN;
        d->low[n] = f->status == MH_OK ? e->ci_low : NAN;
        d->high[n] = f->status == MH_OK ? e->ci_high : NAN;
        d->row[n] = n;
        n++;
    }
    d->labels[n] = "observational (OLS)";
    d->obs_row = n;
    d->obs_x = f->observational.beta;
    d->obs_low = f->observational.beta - 1.959963984540054 * f->observational.se;
    d->obs_high = f->observational.beta + 1.959963984540054 * f->observational.se;
    clip_intervals(d, n, f);
    snprintf(d->heading, sizeof d->heading, "[%d] %s (%s per %s)", a + 1, spec->analyses[a].name,
             uy, ux);
    d->points[0] = (mh_plot_points){.label = "MR estimate, 95 % CI", .x = d->x, .y = d->row,
                                    .x_low = d->low, .x_high = d->high, .n = (size_t)n,
                                    .marker = MH_PLOT_DOT};
    d->points[1] = (mh_plot_points){.label = "observational", .x = &d->obs_x, .y = &d->obs_row,
                                    .x_low = &d->obs_low, .x_high = &d->obs_high, .n = 1,
                                    .marker = MH_PLOT_DIAMOND};
    int lines = 0;
    if (isfinite(f->truth.estimate))
        d->lines[lines++] = (mh_plot_straight){.label = "true effect (intervention)",
                                               .intercept = f->truth.estimate, .vertical = 1};
    d->lines[lines++] = (mh_plot_straight){.intercept = 0, .vertical = 1, .muted = 1};
    *panel = (mh_plot_xy){.heading = d->heading,
                          .x_label = "causal effect estimate (intervals cut at the panel's edges)",
                          .points = d->points, .n_points = 2, .lines = d->lines,
                          .n_lines = lines, .x_from_zero = 1, .row_labels = d->labels,
                          .n_rows = (size_t)n + 1};
}

mh_status mh_insilico_mr_write_figure(const char *path, const mh_insilico_mr_run *run,
                                      mh_error *err)
{
    int n = run->result->n_findings;
    panel_data *data = calloc((size_t)n, sizeof *data);
    mh_plot_xy *panels = calloc((size_t)n, sizeof *panels);
    if (!data || !panels) {
        free(data);
        free(panels);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory for the figure");
    }
    for (int a = 0; a < n; a++)
        fill_panel(run, a, &data[a], &panels[a]);
    char title[256];
    snprintf(title, sizeof title, "In-silico MR: %s, %ld subjects", run->spec->name,
             run->result->n_subjects);
    mh_status st = mh_plot_xy_write(path, title, panels, n, err);
    free(data);
    free(panels);
    return st;
}
