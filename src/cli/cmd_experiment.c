/*
 * cmd_experiment.c - `myohep experiment`: run an in-silico experiment and
 * report its arms (cli layer).
 *
 * Nothing is written until every subject has run and the analysis is done;
 * then the per-subject CSV, then the figures (a failed figure removes the
 * CSV: no half of the output without the rest), and last the report on
 * standard output. Text shows 4 significant digits; JSON shows 17.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json_out.h"
#include "core/error.h"
#include "core/file.h"
#include "core/units.h"
#include "plot/plot.h" /* mh_plot_format_known */
#include "population/experiment.h"

static const double LEVEL = 0.95;

static void experiment_help(void)
{
    printf("Usage: myohep experiment FILE [OPTIONS]\n"
           "\n"
           "Run an in-silico experiment: the arms of a factorial design (each factor's\n"
           "levels merged into a shared protocol), each a group of virtual subjects\n"
           "drawn from the file's population, and report per arm: n, mean, SD and 95 %%\n"
           "CI of each endpoint; each arm against the reference arm (difference with\n"
           "its 95 %% CI and p-value, Hedges' g with its 95 %% CI); and the factorial\n"
           "main effects and interactions (coefficients of the linear model with every\n"
           "interaction) with 95 %% CI and p-value. The file format and the statistics\n"
           "are described in docs/EXPERIMENTS.md. Results are fixed by the file's seed\n"
           "and do not depend on the thread count. A subject that fails to integrate\n"
           "is reported by arm and id with the reason and left out (exit status 1).\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE   per-subject CSV: arm, subject, factor levels, what was\n"
           "                      drawn, each endpoint at the start and the end\n"
           "  --format text|json  the report on standard output (default text); json is\n"
           "                      one object with the design, every statistic and the\n"
           "                      arms' time courses\n"
           "  --plot FILE         figures (.png, .svg or .pdf): FILE shows each endpoint\n"
           "                      per arm (subjects, mean and CI); FILE with '-time'\n"
           "                      before the extension shows the arms' time courses\n"
           "                      (means with CI bands)\n"
           "  --threads N         OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
           "  --resolution minute|day  every subject's run: minute-resolved (default) or\n"
           "                      day-resolved (see myohep run --help)\n"
           "  -h, --help          this help\n"
           "\n"
           "Examples:\n"
           "  myohep experiment data/experiments/seed-replay-human.yaml --resolution day\n"
           "  myohep experiment data/experiments/seed-replay-human.yaml --resolution day \\\n"
           "      -o subjects.csv --plot replay.svg\n");
}

/* ---- text --------------------------------------------------------------------------- */

static const char *design_name(const mh_experiment_spec *e)
{
    return e->design == MH_DESIGN_PAIRED ? "paired" : "independent";
}

static const char *outcome_name(const mh_experiment_spec *e)
{
    return e->outcome == MH_OUTCOME_CHANGE ? "change from the start" : "value at the end";
}

/* A statistic in a column of `width`; "n/a" where it does not exist (an arm with
 * fewer than two subjects left has no SD, interval or test; a paired Hedges' g
 * needs three pairs, its small-sample factor J(n - 1) being 0 at two), never
 * "nan". */
static void text_number(FILE *fp, int width, int digits, double v)
{
    if (isfinite(v))
        fprintf(fp, "%*.*g", width, digits, v);
    else
        fprintf(fp, "%*s", width, "n/a");
}

static void text_interval(FILE *fp, double low, double high)
{
    fputs(" [", fp);
    text_number(fp, 10, 4, low);
    fputs(", ", fp);
    text_number(fp, 10, 4, high);
    fputc(']', fp);
}

static void text_estimate(FILE *fp, const mh_estimate *x, bool with_p)
{
    fputc(' ', fp);
    text_number(fp, 11, 4, x->estimate);
    text_interval(fp, x->ci_low, x->ci_high);
    if (with_p) {
        fputc(' ', fp);
        text_number(fp, 9, 3, x->p);
    }
}

static void write_text(FILE *fp, const mh_experiment_run *run, const mh_experiment_report *r)
{
    const mh_experiment_spec *e = run->spec;
    int n_e = e->n_endpoints;
    char duration[64];
    mh_format_duration(e->duration_min, duration, sizeof duration);
    fprintf(fp, "experiment %s: %d arms, %ld subjects (%s design), %s; outcome: %s\n", e->name,
            e->n_arms, run->n_subjects, design_name(e), duration, outcome_name(e));
    fprintf(fp, "reference arm: %s; intervals are 95 %%; differences: %s; terms: %s\n",
            e->arms[e->reference].name,
            e->design == MH_DESIGN_PAIRED ? "paired t" : "Welch t",
            e->design == MH_DESIGN_PAIRED ? "per-subject contrasts, one-sample t"
                                          : "linear model with interactions, t on the pooled "
                                            "residual variance");
    for (int k = 0; k < n_e; k++) {
        const mh_var_info *var = mh_var_at(e->endpoints[k]);
        fprintf(fp, "\n%s (%s)\n", var->name, var->unit);
        fprintf(fp, "  %-32s %5s %11s %11s %-25s %11s %-25s %9s %11s %-25s\n", "arm", "n", "mean",
                "sd", " [95 % CI]", "vs ref", " [95 % CI]", "p", "Hedges g", " [95 % CI]");
        for (int a = 0; a < e->n_arms; a++) {
            const mh_group_summary *s = &r->summary[a * n_e + k];
            fprintf(fp, "  %-32.32s %5ld ", e->arms[a].name, s->n);
            text_number(fp, 11, 4, s->mean);
            fputc(' ', fp);
            text_number(fp, 11, 4, s->sd);
            text_interval(fp, s->ci_low, s->ci_high);
            if (a != e->reference) {
                text_estimate(fp, &r->difference[a * n_e + k], true);
                text_estimate(fp, &r->effect_size[a * n_e + k], false);
            }
            fputc('\n', fp);
        }
        if (r->n_terms > 0)
            fprintf(fp, "  %-58s %11s %-25s %9s\n", "factorial term", "estimate", " [95 % CI]",
                    "p");
        for (int t = 0; t < r->n_terms; t++) {
            fprintf(fp, "  %-58.58s", r->terms[t].name);
            text_estimate(fp, &r->terms[t].estimate[k], true);
            fputc('\n', fp);
        }
    }
}

/* ---- JSON --------------------------------------------------------------------------- */

static void json_estimate(FILE *fp, const char *key, const mh_estimate *x)
{
    static const char *const keys[] = {"estimate", "se", "df", "ci_low", "ci_high", "statistic", "p"};
    const double values[] = {x->estimate, x->se, x->df, x->ci_low, x->ci_high, x->statistic, x->p};
    fprintf(fp, "\"%s\": {", key);
    mh_json_fields(fp, keys, values, 7);
    fputc('}', fp);
}

static void json_summary(FILE *fp, const mh_group_summary *s)
{
    static const char *const keys[] = {"n", "mean", "sd", "ci_low", "ci_high"};
    const double values[] = {(double)s->n, s->mean, s->sd, s->ci_low, s->ci_high};
    mh_json_fields(fp, keys, values, 5);
}

static void json_design(FILE *fp, const mh_experiment_run *run)
{
    const mh_experiment_spec *e = run->spec;
    fprintf(fp, "  \"myohep_version\": \"%s\",\n  \"experiment\": ", mh_version());
    mh_json_string(fp, e->name);
    fprintf(fp, ",\n  \"design\": \"%s\",\n  \"outcome\": \"%s\",\n  \"level\": %.17g,\n",
            design_name(e), e->outcome == MH_OUTCOME_CHANGE ? "change" : "end", LEVEL);
    fprintf(fp, "  \"seed\": %llu,\n  \"duration_min\": %.17g,\n  \"factors\": [",
            (unsigned long long)e->seed, e->duration_min);
    for (int f = 0; f < e->n_factors; f++) {
        fprintf(fp, "%s\n    {\"name\": ", f ? "," : "");
        mh_json_string(fp, e->factors[f].name);
        fprintf(fp, ", \"levels\": [");
        for (int l = 0; l < e->factors[f].n_levels; l++) {
            fputs(l ? ", " : "", fp);
            mh_json_string(fp, e->factors[f].levels[l]);
        }
        fprintf(fp, "]}");
    }
    fprintf(fp, "\n  ],\n  \"arms\": [");
    for (int a = 0; a < e->n_arms; a++) {
        fprintf(fp, "%s\n    {\"name\": ", a ? "," : "");
        mh_json_string(fp, e->arms[a].name);
        fprintf(fp, ", \"subjects\": %ld, \"reference\": %s, \"levels\": {",
                run->first[a + 1] - run->first[a], a == e->reference ? "true" : "false");
        for (int f = 0; f < e->n_factors; f++) {
            fputs(f ? ", " : "", fp);
            mh_json_string(fp, e->factors[f].name);
            fputs(": ", fp);
            mh_json_string(fp, e->factors[f].levels[e->arms[a].level[f]]);
        }
        fprintf(fp, "}}");
    }
    fprintf(fp, "\n  ],\n");
}

static void json_endpoint(FILE *fp, const mh_experiment_run *run, const mh_experiment_report *r,
                          int k)
{
    const mh_experiment_spec *e = run->spec;
    int n_e = e->n_endpoints;
    const mh_var_info *var = mh_var_at(e->endpoints[k]);
    fprintf(fp, "    {\"name\": \"%s\", \"unit\": \"%s\",\n      \"arms\": [", var->name, var->unit);
    for (int a = 0; a < e->n_arms; a++) {
        fprintf(fp, "%s\n        {\"arm\": ", a ? "," : "");
        mh_json_string(fp, e->arms[a].name);
        fputs(", ", fp);
        json_summary(fp, &r->summary[a * n_e + k]);
        fputs(",\n         ", fp);
        json_estimate(fp, "difference", &r->difference[a * n_e + k]);
        fputs(",\n         ", fp);
        json_estimate(fp, "hedges_g", &r->effect_size[a * n_e + k]);
        fputs(",\n         \"course\": {\"mean\": [", fp);
        for (int pass = 0; pass < 3; pass++) {
            static const char *const names[] = {"mean", "ci_low", "ci_high"};
            if (pass)
                fprintf(fp, "], \"%s\": [", names[pass]);
            for (size_t t = 0; t < r->n_times; t++) {
                const mh_group_summary *s = &r->course[((size_t)a * r->n_times + t) * (size_t)n_e + (size_t)k];
                fputs(t ? ", " : "", fp);
                mh_json_number(fp, pass == 0 ? s->mean : pass == 1 ? s->ci_low : s->ci_high);
            }
        }
        fputs("]}}", fp);
    }
    fprintf(fp, "\n      ],\n      \"terms\": [");
    for (int t = 0; t < r->n_terms; t++) {
        fprintf(fp, "%s\n        {\"term\": ", t ? "," : "");
        mh_json_string(fp, r->terms[t].name);
        fprintf(fp, ", \"order\": %d, ", r->terms[t].order);
        json_estimate(fp, "estimate", &r->terms[t].estimate[k]);
        fputc('}', fp);
    }
    fprintf(fp, "\n      ]}");
}

static void write_json(FILE *fp, const mh_experiment_run *run, const mh_experiment_report *r)
{
    fputs("{\n", fp);
    json_design(fp, run);
    fputs("  \"times_min\": [", fp);
    for (size_t t = 0; t < run->n_times; t++) {
        fputs(t ? ", " : "", fp);
        mh_json_number(fp, run->times_min[t]);
    }
    fputs("],\n  \"endpoints\": [\n", fp);
    for (int k = 0; k < run->spec->n_endpoints; k++) {
        json_endpoint(fp, run, r, k);
        fputs(k + 1 < run->spec->n_endpoints ? ",\n" : "\n", fp);
    }
    fputs("  ]\n}\n", fp);
}

/* ---- files -------------------------------------------------------------------------- */

static mh_status write_subjects(const char *path, const mh_experiment_run *run, mh_error *err)
{
    const mh_experiment_spec *e = run->spec;
    mh_atomic_file f;
    mh_status st = mh_atomic_open(&f, path, err);
    if (st != MH_OK)
        return st;
    fprintf(f.fp, "arm,subject");
    for (int k = 0; k < e->n_factors; k++)
        fprintf(f.fp, ",%s", e->factors[k].name);
    /* every arm draws the same covariates, but a level may add a drawn liver fat */
    const mh_population_spec *drawn = e->arms[0].population;
    for (int a = 0; a < e->n_arms; a++)
        if (e->arms[a].population->draw_liver_fat) {
            drawn = e->arms[a].population;
            break;
        }
    mh_population_write_drawn_names(f.fp, drawn);
    for (int k = 0; k < e->n_endpoints; k++)
        fprintf(f.fp, ",%s_start,%s_end", mh_var_at(e->endpoints[k])->name,
                mh_var_at(e->endpoints[k])->name);
    fprintf(f.fp, ",status\n# units: ,1");
    for (int k = 0; k < e->n_factors; k++)
        fprintf(f.fp, ",");
    mh_population_write_drawn_units(f.fp, drawn);
    for (int k = 0; k < e->n_endpoints; k++)
        fprintf(f.fp, ",%s,%s", mh_var_at(e->endpoints[k])->unit, mh_var_at(e->endpoints[k])->unit);
    fprintf(f.fp, ",\n");
    for (int a = 0; a < e->n_arms; a++)
        for (long i = run->first[a]; i < run->first[a + 1]; i++) {
            const mh_population_subject *s = &run->subjects[i];
            /* arm names come from the file: quoted, as CSV quotes ("" for ") */
            fputc('"', f.fp);
            for (const char *c = e->arms[a].name; *c; c++)
                fputs(*c == '"' ? "\"\"" : (char[2]){*c, 0}, f.fp);
            fprintf(f.fp, "\",%ld", s->id);
            for (int k = 0; k < e->n_factors; k++)
                fprintf(f.fp, ",%s", e->factors[k].levels[e->arms[a].level[k]]);
            mh_population_write_drawn(f.fp, drawn, s);
            for (int k = 0; k < e->n_endpoints; k++)
                if (s->status == MH_OK)
                    fprintf(f.fp, ",%.10g,%.10g", s->start[k], s->endpoints[k]);
                else
                    fprintf(f.fp, ",,");
            fprintf(f.fp, ",%s\n", s->status == MH_OK ? "ok" : "failed");
        }
    return mh_atomic_commit(&f, err);
}

/* FILE.svg -> FILE-time.svg (the time-course figure beside the per-arm one). */
static void courses_path(const char *plot, char *out, size_t size)
{
    const char *dot = strrchr(plot, '.');
    const char *slash = strrchr(plot, '/');
    if (!dot || (slash && dot < slash))
        dot = plot + strlen(plot);
    snprintf(out, size, "%.*s-time%s", (int)(dot - plot), plot, dot);
}

typedef struct options {
    const char *path, *output, *plot;
    bool json;
    int threads;
    mh_resolution resolution;
} options;

static mh_status write_files(const options *o, const mh_experiment_run *run,
                             const mh_experiment_report *report, mh_error *err)
{
    mh_status st = MH_OK;
    if (o->output)
        st = write_subjects(o->output, run, err);
    if (st == MH_OK && o->plot) {
        char courses[4096];
        courses_path(o->plot, courses, sizeof courses);
        st = mh_experiment_plot_arms(o->plot, run, report, err);
        if (st == MH_OK && (st = mh_experiment_plot_courses(courses, run, report, err)) != MH_OK)
            remove(o->plot);
        if (st == MH_OK)
            fprintf(stderr, "myohep: wrote %s and %s\n", o->plot, courses);
    }
    if (st != MH_OK && o->output)
        remove(o->output);
    return st;
}

static int run_experiment(const options *o)
{
    mh_error err = {0};
    mh_experiment_spec *spec = NULL;
    if (mh_experiment_spec_load(o->path, &spec, &err) != MH_OK)
        return mh_cli_report(&err);
    mh_experiment_set_resolution(spec, o->resolution);
    mh_experiment_run *run = NULL;
    mh_experiment_report *report = NULL;
    mh_status st = mh_experiment_run_arms(spec, o->threads, mh_cli_progress, NULL, &run, &err);
    mh_cli_progress_done();
    long failed = 0;
    for (int a = 0; st == MH_OK && a < spec->n_arms; a++)
        for (long i = run->first[a]; i < run->first[a + 1]; i++)
            if (run->subjects[i].status != MH_OK) {
                failed++;
                fprintf(stderr, "myohep: arm '%s', subject %ld failed: %s\n", spec->arms[a].name,
                        run->subjects[i].id, run->subjects[i].reason);
            }
    if (st == MH_OK)
        st = mh_experiment_analyse(run, LEVEL, &report, &err);
    if (st == MH_OK)
        st = write_files(o, run, report, &err);
    if (st == MH_OK) {
        if (o->json)
            write_json(stdout, run, report);
        else
            write_text(stdout, run, report);
    }
    mh_experiment_report_free(report);
    mh_experiment_run_free(run);
    mh_experiment_spec_free(spec);
    if (st != MH_OK)
        return mh_cli_report(&err);
    return failed ? MH_EXIT_FAILED : MH_EXIT_OK;
}

int mh_cmd_experiment(int argc, char **argv)
{
    options o = {.resolution = MH_RESOLUTION_MINUTE};
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            experiment_help();
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            o.output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
                return mh_cli_usage_error("experiment", "--format: expected text or json, found '%s'", v);
            o.json = strcmp(v, "json") == 0;
        } else if ((v = mh_cli_option(argc, argv, &i, "--plot", &missing))) {
            if (!mh_plot_format_known(v))
                return mh_cli_usage_error("experiment",
                                          "--plot: the file name must end in .png, .svg or .pdf, "
                                          "found '%s'", v);
            o.plot = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--resolution", &missing))) {
            if (mh_cli_parse_resolution(v, &o.resolution) != 0)
                return mh_cli_usage_error("experiment",
                                          "--resolution: expected minute or day, found '%s'", v);
        } else if ((v = mh_cli_option(argc, argv, &i, "--threads", &missing))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end != '\0' || n < 1 || n > 1024)
                return mh_cli_usage_error("experiment",
                                          "--threads: expected a whole number 1 to 1024, found '%s'", v);
            o.threads = (int)n;
        } else if (missing) {
            return mh_cli_usage_error("experiment", "%s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return mh_cli_usage_error("experiment", "unknown option '%s'", argv[i]);
        } else if (!o.path) {
            o.path = argv[i];
        } else {
            return mh_cli_usage_error("experiment", "one experiment file at a time");
        }
    }
    if (!o.path)
        return mh_cli_usage_error("experiment", "expected an experiment file");
    return run_experiment(&o);
}
