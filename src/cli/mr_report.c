/*
 * mr_report.c - the report of `myohep mr`, as text for people or as one JSON
 * object (cli layer). Numbers in JSON are written with 17 significant digits
 * (they read back to the same double); a value that could not be computed is
 * null. Text shows 5 significant digits.
 */
#include <math.h>
#include <stdio.h>

#include "cli/json_out.h"
#include "cli/mr_report.h"

/* ---- JSON ------------------------------------------------------------------------ */

void mh_json_estimate_fields(FILE *fp, const mh_mr_estimate *e)
{
    static const char *const keys[] = {"estimate", "se", "ci_low", "ci_high", "p"};
    const double values[] = {e->estimate, e->se, e->ci_low, e->ci_high, e->p};
    mh_json_fields(fp, keys, values, 5);
}

void mh_json_q(FILE *fp, const char *key, const mh_mr_q *q)
{
    fprintf(fp, "  \"%s\": {", key);
    mh_json_field(fp, "Q", q->q);
    fprintf(fp, ", \"df\": %d, ", q->df);
    mh_json_field(fp, "p", q->p);
    fputs("},\n", fp);
}

static void json_methods(FILE *fp, const mh_mr_report *r)
{
    fputs("  \"methods\": [\n", fp);
    for (int m = 0; m < MH_MR_METHOD_COUNT; m++) {
        fputs("    {\"method\": ", fp);
        mh_json_string(fp, mh_mr_method_name((mh_mr_method)m));
        fputs(", ", fp);
        mh_json_estimate_fields(fp, &r->methods[m]);
        const char *why = mh_mr_why_not(r, (mh_mr_method)m);
        if (why) {
            fputs(", \"not_computable\": ", fp);
            mh_json_string(fp, why);
        }
        fprintf(fp, "}%s\n", m + 1 < MH_MR_METHOD_COUNT ? "," : "");
    }
    fputs("  ],\n", fp);
}

static void json_harmonisation(FILE *fp, const mh_summary_stats *d)
{
    fprintf(fp, "  \"harmonisation\": {\"applied\": %s, \"changed\": [",
            d->harmonised ? "true" : "false");
    for (int pass = 0; pass < 2; pass++) { /* changed, then dropped */
        int written = 0;
        for (int k = 0; k < d->n_notes; k++) {
            const mh_harmonise_note *note = &d->notes[k];
            if (mh_allele_action_keeps(note->action) != (pass == 0))
                continue;
            fputs(written++ ? ", " : "", fp);
            fputs("{\"snp\": ", fp);
            mh_json_string(fp, note->snp);
            fprintf(fp, ", \"line\": %ld, \"%s\": ", note->line, pass ? "reason" : "action");
            mh_json_string(fp, mh_allele_action_name(note->action));
            fputc('}', fp);
        }
        fputs(pass ? "]},\n" : "], \"dropped\": [", fp);
    }
}

static void json_steiger(FILE *fp, const mh_mr_steiger *s)
{
    fputs("  \"steiger\": {", fp);
    if (!s->computable) {
        fputs("\"computable\": false, \"reason\": ", fp);
        mh_json_string(fp, s->why_not);
        fputs("},\n", fp);
        return;
    }
    static const char *const keys[] = {"r2_exposure", "r2_outcome", "z", "p"};
    const double values[] = {s->r2_exposure, s->r2_outcome, s->z, s->p};
    fputs("\"computable\": true, ", fp);
    mh_json_fields(fp, keys, values, 4);
    fprintf(fp, ", \"exposure_causes_outcome\": %s},\n",
            s->exposure_causes_outcome ? "true" : "false");
}

static void json_variants(FILE *fp, const mh_summary_stats *d, const mh_mr_report *r)
{
    fprintf(fp, "  \"leave_one_out\": {\"model\": \"%s\", \"estimates\": [",
            r->leave_one_out_random ? "ivw_random" : "ivw_fixed");
    for (int j = 0; j < d->n && d->n >= 2; j++) {
        fputs(j ? ",\n    {\"snp\": " : "\n    {\"snp\": ", fp);
        mh_json_string(fp, d->snp[j]);
        fputs(", ", fp);
        mh_json_estimate_fields(fp, &r->leave_one_out[j]);
        fputc('}', fp);
    }
    fputs("]},\n  \"snps\": [\n", fp);
    for (int j = 0; j < d->n; j++) {
        fputs("    {\"snp\": ", fp);
        mh_json_string(fp, d->snp[j]);
        static const char *const keys[] = {"bx", "bxse", "by", "byse", "ratio", "ratio_se", "f"};
        const double values[] = {d->bx[j],    d->bxse[j],     d->by[j], d->byse[j],
                                 r->ratio[j], r->ratio_se[j], r->f[j]};
        fputs(", ", fp);
        mh_json_fields(fp, keys, values, 7);
        fprintf(fp, "}%s\n", j + 1 < d->n ? "," : "");
    }
    fputs("  ]\n", fp);
}

void mh_mr_write_json(FILE *fp, const mh_mr_run *run)
{
    const mh_mr_report *r = run->report;
    const mh_summary_stats *d = run->data;
    fputs("{\n  \"file\": ", fp);
    mh_json_string(fp, run->path);
    fprintf(fp, ",\n  \"n_snps\": %d,\n  \"n_read\": %d,\n", r->n, d->n_read);
    json_harmonisation(fp, d);
    fprintf(fp, "  \"bootstrap\": {\"replicates\": %ld, \"seed\": %llu},\n",
            run->bootstrap.replicates, (unsigned long long)run->bootstrap.seed);
    fputs("  \"confidence_level\": 0.95,\n", fp);
    json_methods(fp, r);
    mh_json_q(fp, "heterogeneity", &r->cochran_q);
    mh_json_q(fp, "rucker_q", &r->rucker_q);
    fputs("  ", fp);
    mh_json_field(fp, "i2_gx", r->i2_gx);
    fputs(",\n  ", fp);
    mh_json_field(fp, "mean_f", r->mean_f);
    fputs(",\n", fp);
    json_steiger(fp, &run->steiger);
    json_variants(fp, d, r);
    fputs("}\n", fp);
}

/* ---- text ------------------------------------------------------------------------ */

static void text_estimate(FILE *fp, const char *label, const mh_mr_estimate *e, const char *why)
{
    if (isnan(e->estimate))
        fprintf(fp, "%-36s not computable: %s\n", label, why ? why : "too few variants");
    else
        fprintf(fp, "%-36s %11.5g %11.5g %11.5g %11.5g %11.3g\n", label, e->estimate, e->se,
                e->ci_low, e->ci_high, e->p);
}

static void text_q(FILE *fp, const char *label, const mh_mr_q *q)
{
    if (isnan(q->q))
        fprintf(fp, "  %-28s not computable (too few variants)\n", label);
    else
        fprintf(fp, "  %-28s %.5g on %d df, p = %.3g\n", label, q->q, q->df, q->p);
}

static void text_steiger(FILE *fp, const mh_mr_steiger *s)
{
    fputs("\nSteiger directionality test\n", fp);
    if (!s->computable) {
        fprintf(fp, "  not computable: %s\n", s->why_not);
        return;
    }
    fprintf(fp, "  r2 exposure %.5g, r2 outcome %.5g, z = %.4g, p = %.3g\n", s->r2_exposure,
            s->r2_outcome, s->z, s->p);
    fprintf(fp, "  the variants explain more of the %s: %s\n",
            s->exposure_causes_outcome ? "exposure" : "outcome",
            s->exposure_causes_outcome ? "consistent with exposure -> outcome"
                                       : "the assumed direction is in doubt");
}

static void text_header(FILE *fp, const mh_mr_run *run)
{
    const mh_summary_stats *d = run->data;
    fprintf(fp, "Mendelian randomization: %s\n", run->path);
    if (d->harmonised)
        fprintf(fp,
                "%d of %d variants used (TwoSampleMR form; alleles harmonised, %d changed "
                "or dropped: see standard error)\n",
                d->n, d->n_read, d->n_notes);
    else
        fprintf(fp, "%d variants (bx, bxse, by, byse: taken as aligned)\n", d->n);
    fprintf(fp, "Bootstrap SEs (medians, mode): %ld replicates, seed %llu\n",
            run->bootstrap.replicates, (unsigned long long)run->bootstrap.seed);
    fputs("Intervals 95 % normal, p two-sided; estimates in outcome units per exposure unit\n\n",
          fp);
}

static void text_table_head(FILE *fp, const char *first)
{
    fprintf(fp, "%-36s %11s %11s %11s %11s %11s\n", first, "estimate", "SE", "95% CI low",
            "95% CI high", "p");
}

void mh_mr_write_text(FILE *fp, const mh_mr_run *run)
{
    const mh_mr_report *r = run->report;
    const mh_summary_stats *d = run->data;
    text_header(fp, run);
    text_table_head(fp, "method");
    for (int m = 0; m < MH_MR_METHOD_COUNT; m++)
        text_estimate(fp, mh_mr_method_label((mh_mr_method)m), &r->methods[m],
                      mh_mr_why_not(r, (mh_mr_method)m));
    fputs("\nHeterogeneity and pleiotropy\n", fp);
    text_q(fp, "Cochran's Q (IVW)", &r->cochran_q);
    text_q(fp, "Rucker's Q' (MR-Egger)", &r->rucker_q);
    if (isnan(r->i2_gx))
        fprintf(fp, "  %-28s not computable (too few variants)\n", "I2_GX");
    else
        fprintf(fp, "  %-28s %.4g%s\n", "I2_GX", r->i2_gx,
                r->i2_gx < 0.9 ? " (below 0.9: MR-Egger is diluted towards zero)" : "");
    fprintf(fp, "  %-28s %.5g%s\n", "mean F statistic", r->mean_f,
            r->mean_f < 10 ? " (below 10: weak instruments)" : "");
    text_steiger(fp, &run->steiger);
    if (d->n >= 2) {
        fprintf(fp, "\nLeave-one-out IVW (%s; each row without that variant)\n",
                r->leave_one_out_random ? "multiplicative random effects" : "fixed effects");
        text_table_head(fp, "variant left out");
        for (int j = 0; j < d->n; j++)
            text_estimate(fp, d->snp[j], &r->leave_one_out[j], NULL);
    }
    fprintf(fp, "\n%-36s %11s %11s %11s %11s %11s %11s\n", "variant", "bx", "bxse", "by", "byse",
            "ratio", "F");
    for (int j = 0; j < d->n; j++)
        fprintf(fp, "%-36s %11.5g %11.5g %11.5g %11.5g %11.5g %11.4g\n", d->snp[j], d->bx[j],
                d->bxse[j], d->by[j], d->byse[j], r->ratio[j], r->f[j]);
}
