/*
 * cmd_population.c - `myohep population`: run a virtual population (cli layer).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "core/file.h"
#include "plot/plot.h" /* mh_plot_format_known */
#include "population/distributed.h"
#include "population/population.h"

static void population_help(void)
{
    printf("Usage: myohep population FILE [OPTIONS]\n"
           "\n"
           "Draw a virtual population (covariates, genotypes, parameter variability;\n"
           "each subject from its own random stream, fixed by the file's seed and the\n"
           "subject id, so thread counts never change a result) and run every subject\n"
           "through the file's scenario. Writes one row per subject (what was drawn and\n"
           "the endpoints at the end of the run) and prints group summaries on stderr.\n"
           "A subject that fails to integrate is reported by id with the reason and\n"
           "does not stop the run (its endpoints are empty; exit status 1).\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE   per-subject CSV (default standard output; written\n"
           "                      atomically)\n"
           "  --plot FILE         draw each endpoint's distribution across subjects,\n"
           "                      women and men overlaid, medians marked (.png, .svg\n"
           "                      or .pdf)\n"
           "  --threads N         OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
           "  --resolution minute|day  every subject's run: minute-resolved (default) or\n"
           "                      day-resolved (meals as a steady feed; see myohep run --help)\n"
           "  --mpi               split the subjects across the MPI ranks this command\n"
           "                      was started on (mpirun) and gather them on rank 0,\n"
           "                      which alone writes and prints; results are\n"
           "                      byte-identical to a run in one process\n"
           "  -h, --help          this help\n"
           "\n"
           "Examples:\n"
           "  myohep population data/populations/adults-small.yaml -o subjects.csv\n"
           "  mpirun -np 2 myohep population data/populations/adults-small.yaml --mpi \\\n"
           "      --threads 1 -o subjects.csv\n");
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Linear-interpolated quantile of sorted values. */
static double quantile(const double *sorted, long n, double q)
{
    double at = q * (double)(n - 1);
    long lo = (long)floor(at);
    long hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (at - (double)lo) * (sorted[hi] - sorted[lo]);
}

static void print_summary(const mh_population_spec *spec, const mh_population_subject *subjects,
                          long count)
{
    double *values = malloc(sizeof(double) * (size_t)count);
    if (!values)
        return;
    fprintf(stderr, "%-28s %-10s %7s %11s %11s %11s %11s %11s\n", "endpoint (end of run)", "unit",
            "n", "mean", "sd", "p5", "median", "p95");
    for (int e = 0; e < spec->n_endpoints; e++) {
        long n = 0;
        double sum = 0, sum2 = 0;
        for (long i = 0; i < count; i++)
            if (subjects[i].status == MH_OK) {
                values[n++] = subjects[i].endpoints[e];
                sum += subjects[i].endpoints[e];
            }
        const mh_var_info *var = mh_var_at(spec->endpoints[e]);
        if (n == 0) {
            fprintf(stderr, "%-28s %-10s %7d\n", var->name, var->unit, 0);
            continue;
        }
        double mean = sum / (double)n;
        for (long i = 0; i < n; i++)
            sum2 += (values[i] - mean) * (values[i] - mean);
        qsort(values, (size_t)n, sizeof(double), compare_doubles);
        fprintf(stderr, "%-28s %-10s %7ld %11.4g %11.4g %11.4g %11.4g %11.4g\n", var->name,
                var->unit, n, mean, n > 1 ? sqrt(sum2 / (double)(n - 1)) : 0.0,
                quantile(values, n, 0.05), quantile(values, n, 0.5), quantile(values, n, 0.95));
    }
    free(values);
}

/* One histogram per endpoint, women and men as two groups. */
static mh_status plot_distributions(const char *path, const mh_population_spec *spec,
                                    const mh_population_subject *subjects, mh_error *err)
{
    int all[MH_POPULATION_MAX_ENDPOINTS];
    for (int e = 0; e < spec->n_endpoints; e++)
        all[e] = e;
    char title[256];
    snprintf(title, sizeof title, "%s: %ld subjects, endpoints at the end of the run", spec->name,
             spec->size);
    return mh_population_plot(path, title, spec, subjects, all, spec->n_endpoints, err);
}

static mh_status write_subjects(const char *path, const mh_population_spec *spec,
                                const mh_population_subject *subjects, long count, mh_error *err)
{
    mh_atomic_file f;
    mh_status st = mh_atomic_open(&f, path, err);
    if (st != MH_OK)
        return st;
    fputs("id", f.fp);
    mh_population_write_drawn_names(f.fp, spec);
    for (int i = 0; i < spec->n_varied; i++)
        fprintf(f.fp, ",%s", mh_param_at(spec->varied[i])->name);
    for (int e = 0; e < spec->n_endpoints; e++)
        fprintf(f.fp, ",%s_end", mh_var_at(spec->endpoints[e])->name);
    fputs(",status\n# units: 1", f.fp);
    mh_population_write_drawn_units(f.fp, spec);
    for (int i = 0; i < spec->n_varied; i++)
        fprintf(f.fp, ",%s", mh_param_at(spec->varied[i])->unit);
    for (int e = 0; e < spec->n_endpoints; e++)
        fprintf(f.fp, ",%s (at the end)", mh_var_at(spec->endpoints[e])->unit);
    fprintf(f.fp, ",\n");
    for (long i = 0; i < count; i++) {
        const mh_population_subject *s = &subjects[i];
        fprintf(f.fp, "%ld", s->id);
        mh_population_write_drawn(f.fp, spec, s);
        for (int v = 0; v < spec->n_varied; v++)
            fprintf(f.fp, ",%.10g", s->varied[v]);
        for (int e = 0; e < spec->n_endpoints; e++)
            if (s->status == MH_OK)
                fprintf(f.fp, ",%.10g", s->endpoints[e]);
            else
                fprintf(f.fp, ",");
        fprintf(f.fp, ",%s\n", s->status == MH_OK ? "ok" : "failed");
    }
    return mh_atomic_commit(&f, err);
}

/* Loads, runs (across MPI ranks when started) and reports. Only rank 0 writes
 * and prints, so a run on many ranks reads like a run on one; the other ranks
 * meet the same errors in the same file and leave quietly. */
static int run_population(const char *path, const char *output, const char *plot,
                          int threads, mh_resolution resolution, mh_error *err)
{
    bool speaker = mh_distributed_rank() == 0;
    mh_population_spec *spec = NULL;
    if (mh_population_spec_load(path, &spec, err) != MH_OK)
        return speaker ? mh_cli_report(err) : mh_cli_exit_status(err);
    spec->resolution = resolution;
    if (speaker && mh_distributed_ranks() > 1)
        fprintf(stderr, "myohep: %ld subjects split across %d MPI ranks\n", spec->size,
                mh_distributed_ranks());
    mh_population_subject *subjects = calloc((size_t)spec->size, sizeof *subjects);
    mh_status st = subjects ? mh_population_run_distributed(spec, threads, subjects,
                                                            mh_cli_progress, NULL, err)
                            : mh_error_raise(err, MH_ERR_NOMEM, "out of memory for %ld subjects",
                                             spec->size);
    long failed = 0;
    if (speaker) {
        mh_cli_progress_done();
        for (long i = 0; i < spec->size && st == MH_OK; i++)
            if (subjects[i].status != MH_OK) {
                failed++;
                fprintf(stderr, "myohep: subject %ld failed: %s\n", subjects[i].id,
                        subjects[i].reason);
            }
        if (st == MH_OK)
            st = write_subjects(output, spec, subjects, spec->size, err);
        if (st == MH_OK && plot) {
            st = plot_distributions(plot, spec, subjects, err);
            if (st != MH_OK && strcmp(output, "-") != 0)
                remove(output); /* no half of the output without the other */
        }
        if (st == MH_OK)
            print_summary(spec, subjects, spec->size);
    }
    free(subjects);
    mh_population_spec_free(spec);
    if (st != MH_OK)
        return speaker ? mh_cli_report(err) : mh_cli_exit_status(err);
    return failed ? MH_EXIT_FAILED : MH_EXIT_OK;
}

int mh_cmd_population(int argc, char **argv)
{
    const char *path = NULL, *output = "-", *plot = NULL;
    int threads = 0;
    bool mpi = false;
    mh_resolution resolution = MH_RESOLUTION_MINUTE;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            population_help();
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--plot", &missing))) {
            if (!mh_plot_format_known(v))
                return mh_cli_usage_error("population",
                                          "--plot: the file name must end in .png, .svg or .pdf, "
                                          "found '%s'", v);
            plot = v;
        } else if (strcmp(argv[i], "--mpi") == 0) {
            mpi = true;
        } else if ((v = mh_cli_option(argc, argv, &i, "--resolution", &missing))) {
            if (mh_cli_parse_resolution(v, &resolution) != 0)
                return mh_cli_usage_error("population",
                                          "--resolution: expected minute or day, found '%s'", v);
        } else if ((v = mh_cli_option(argc, argv, &i, "--threads", &missing))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end != '\0' || n < 1 || n > 1024)
                return mh_cli_usage_error("population",
                                          "--threads: expected a whole number 1 to 1024, found '%s'", v);
            threads = (int)n;
        } else if (missing) {
            return mh_cli_usage_error("population", "%s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return mh_cli_usage_error("population", "unknown option '%s'", argv[i]);
        } else if (!path) {
            path = argv[i];
        } else {
            return mh_cli_usage_error("population", "one population file at a time");
        }
    }
    if (!path)
        return mh_cli_usage_error("population", "expected a population file");
    mh_error err = {0};
    if (mpi && mh_distributed_start(&argc, &argv, &err) != MH_OK)
        return mh_cli_report(&err);
    int status = run_population(path, output, plot, threads, resolution, &err);
    mh_distributed_stop();
    return status;
}
