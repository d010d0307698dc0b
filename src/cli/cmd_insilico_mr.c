/*
 * cmd_insilico_mr.c - `myohep insilico-mr`: in-silico Mendelian randomization
 * on a virtual cohort, checked against the model's true causal effects (cli
 * layer). Simulates the cohort (OpenMP threads, MPI ranks with --mpi; rank 0
 * gathers one compact record per subject), then runs the GWAS and MR
 * (population/insilico_mr.h) and writes the report; nothing is written unless
 * everything worked.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/insilico_mr_report.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/file.h"
#include "plot/plot.h" /* mh_plot_format_known */
#include "population/distributed.h"

static void insilico_mr_help(void)
{
    printf("Usage: myohep insilico-mr FILE [OPTIONS]\n"
           "\n"
           "In-silico Mendelian randomization. FILE (YAML) describes a virtual cohort\n"
           "(a population file's mapping under 'cohort'), synthetic genetic instruments\n"
           "(each an allele frequency and per-allele fractional shifts of named model\n"
           "parameters), the covariates of the GWAS, interventions that measure the\n"
           "true causal effect, and the analyses (exposure, outcome, instruments).\n"
           "Every subject is drawn and simulated with its genotype; the cohort's even\n"
           "ids (sample A) give the exposure GWAS, the odd ids (sample B) the outcome\n"
           "GWAS (OLS per instrument, adjusted for the covariates; an analysis with\n"
           "'samples: one' takes both from sample A); every analysis runs\n"
           "the estimators of 'myohep mr' on them, and is compared with the true effect:\n"
           "the change of the outcome per unit change of the exposure when the truth\n"
           "subset is re-run under the named intervention. The report flags where\n"
           "pleiotropy or weak instruments (F < 10) bias MR.\n"
           "\n"
           "Options:\n"
           "  --format text|json  report format (default text)\n"
           "  -o, --output FILE   write the report to FILE (atomically; default standard\n"
           "                      output)\n"
           "  --plot FILE         one forest panel per analysis: the methods' estimates\n"
           "                      with 95 %% intervals against the true effect (.png, .svg\n"
           "                      or .pdf)\n"
           "  --sumstats DIR      write each analysis's summary statistics as\n"
           "                      DIR/analysis-K.csv (TwoSampleMR form), which 'myohep mr'\n"
           "                      reads unchanged\n"
           "  --size N            run N subjects instead of the file's cohort size (the\n"
           "                      truth subset keeps its share of the cohort)\n"
           "  --threads N         OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
           "  --resolution minute|day  every subject's run (default day: cohorts are\n"
           "                      large and long)\n"
           "  --mpi               split the subjects across the MPI ranks (mpirun); rank 0\n"
           "                      gathers them and alone writes; results are identical\n"
           "  --bootstrap N       replicates for the median and mode SEs (default 1000)\n"
           "  --seed N            seed of the bootstrap stream (default %u)\n"
           "  -h, --help          this help\n"
           "\n"
           "Example:\n"
           "  myohep insilico-mr data/mr/insilico-liver-muscle.yaml --plot mr.png\n",
           (unsigned)MH_MR_DEFAULT_SEED);
}

typedef struct options {
    const char *path, *output, *plot, *sumstats;
    int json, threads, mpi;
    long size;
    mh_resolution resolution;
    mh_mr_bootstrap bootstrap;
} options;

/* A whole number from min to max; 0 when it is one, -1 otherwise. */
static int parse_whole(const char *text, long long min, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Parses the arguments; returns -1 when they are fine, else the exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    static const char *const cmd = "insilico-mr";
    *o = (options){.output = "-",
                   .resolution = MH_RESOLUTION_DAY,
                   .bootstrap = {1000, MH_MR_DEFAULT_SEED}};
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        long long n;
        if (mh_cli_is_help(argv[i])) {
            insilico_mr_help();
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            o->output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
                return mh_cli_usage_error(cmd, "--format: expected text or json, found '%s'", v);
            o->json = strcmp(v, "json") == 0;
        } else if ((v = mh_cli_option(argc, argv, &i, "--plot", &missing))) {
            if (!mh_plot_format_known(v))
                return mh_cli_usage_error(cmd, "--plot: the file name must end in .png, .svg or "
                                               ".pdf, found '%s'", v);
            o->plot = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--sumstats", &missing))) {
            o->sumstats = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--size", &missing))) {
            if (parse_whole(v, 20, 100000000, &n) != 0)
                return mh_cli_usage_error(cmd, "--size: expected a whole number 20 to 100000000, "
                                               "found '%s'", v);
            o->size = (long)n;
        } else if ((v = mh_cli_option(argc, argv, &i, "--threads", &missing))) {
            if (parse_whole(v, 1, 1024, &n) != 0)
                return mh_cli_usage_error(cmd, "--threads: expected a whole number 1 to 1024, "
                                               "found '%s'", v);
            o->threads = (int)n;
        } else if ((v = mh_cli_option(argc, argv, &i, "--resolution", &missing))) {
            if (mh_cli_parse_resolution(v, &o->resolution) != 0)
                return mh_cli_usage_error(cmd, "--resolution: expected minute or day, found '%s'", v);
        } else if ((v = mh_cli_option(argc, argv, &i, "--bootstrap", &missing))) {
            if (parse_whole(v, 100, 10000000, &n) != 0)
                return mh_cli_usage_error(cmd, "--bootstrap: expected a whole number 100 to "
                                               "10000000, found '%s'", v);
            o->bootstrap.replicates = (long)n;
        } else if ((v = mh_cli_option(argc, argv, &i, "--seed", &missing))) {
            if (parse_whole(v, 0, 9007199254740992LL, &n) != 0)
                return mh_cli_usage_error(cmd, "--seed: expected a whole number, found '%s'", v);
            o->bootstrap.seed = (uint64_t)n;
        } else if (strcmp(argv[i], "--mpi") == 0) {
            o->mpi = 1;
        } else if (missing) {
            return mh_cli_usage_error(cmd, "%s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return mh_cli_usage_error(cmd, "unknown option '%s'", argv[i]);
        } else if (!o->path) {
            o->path = argv[i];
        } else {
            return mh_cli_usage_error(cmd, "one in-silico MR file at a time");
        }
    }
    if (!o->path)
        return mh_cli_usage_error(cmd, "expected an in-silico MR file");
    return -1;
}

static mh_status write_report(const options *o, const mh_insilico_mr_run *run, mh_error *err)
{
    mh_atomic_file f;
    mh_status st = mh_atomic_open(&f, o->output, err);
    if (st != MH_OK)
        return st;
    if (o->json)
        mh_insilico_mr_write_json(f.fp, run);
    else
        mh_insilico_mr_write_text(f.fp, run);
    return mh_atomic_commit(&f, err);
}

static mh_status write_sumstats(const char *dir, const mh_insilico_mr_run *run, mh_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot create the folder: %s", dir,
                              strerror(errno));
    mh_status st = MH_OK;
    for (int a = 0; a < run->result->n_findings && st == MH_OK; a++) {
        if (run->result->findings[a].status != MH_OK)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/analysis-%d.csv", dir, a + 1);
        mh_atomic_file f;
        if ((st = mh_atomic_open(&f, path, err)) == MH_OK) {
            mh_insilico_mr_write_sumstats(f.fp, run, a);
            st = mh_atomic_commit(&f, err);
        }
    }
    return st;
}

/* Failures are reported by id (the first ten) and leave the GWAS. */
static void report_failures(const mh_insilico_subject *subjects, long n)
{
    long failed = 0;
    for (long i = 0; i < n; i++)
        if (subjects[i].status != MH_OK && failed++ < 10)
            fprintf(stderr, "myohep: subject %ld failed: %s\n", subjects[i].id, subjects[i].reason);
    if (failed)
        fprintf(stderr, "myohep: %ld of %ld subjects failed and are left out of the GWAS\n", failed,
                n);
}

static mh_status analyse_and_write(const options *o, const mh_insilico_mr_spec *spec,
                                   const mh_insilico_subject *subjects, double seconds_simulating,
                                   mh_error *err)
{
    report_failures(subjects, spec->cohort->size);
    double t0 = mh_wall_seconds();
    mh_insilico_mr_result *result = NULL;
    mh_status st = mh_insilico_mr_analyse(spec, subjects, spec->cohort->size, &o->bootstrap,
                                          &result, err);
    if (st != MH_OK)
        return st;
    mh_insilico_mr_run run = {.path = o->path, .spec = spec, .result = result,
                              .subjects = subjects, .bootstrap = o->bootstrap,
                              .seconds_simulating = seconds_simulating,
                              .seconds_analysing = mh_wall_seconds() - t0};
    bool plotted = false;
    if (o->plot)
        plotted = (st = mh_insilico_mr_write_figure(o->plot, &run, err)) == MH_OK;
    if (st == MH_OK && o->sumstats)
        st = write_sumstats(o->sumstats, &run, err);
    if (st == MH_OK)
        st = write_report(o, &run, err);
    if (st != MH_OK && plotted)
        remove(o->plot); /* no half of the output without the other */
    mh_insilico_mr_result_free(result);
    return st;
}

static int run_insilico_mr(const options *o, mh_error *err)
{
    bool speaker = mh_distributed_rank() == 0;
    mh_insilico_mr_spec *spec = NULL;
    mh_status st = mh_insilico_mr_spec_load(o->path, &spec, err);
    if (st != MH_OK)
        return speaker ? mh_cli_report(err) : mh_cli_exit_status(err);
    spec->cohort->resolution = o->resolution;
    if (o->size && spec->truth_subjects) {
        /* the truth subset keeps its share of the cohort (at least 2 people) */
        double share = (double)spec->truth_subjects / (double)spec->cohort->size;
        spec->truth_subjects = (long)fmax(2.0, floor(share * (double)o->size + 0.5));
    }
    if (o->size)
        spec->cohort->size = o->size;
    long size = spec->cohort->size;
    if (speaker && mh_distributed_ranks() > 1)
        fprintf(stderr, "myohep: %ld subjects split across %d MPI ranks\n", size,
                mh_distributed_ranks());
    st = mh_distributed_check_size(size, sizeof(mh_insilico_subject), err);
    /* rank 0 holds every record (its own block first), the others their block */
    long first, count;
    mh_distributed_block(size, mh_distributed_rank(), mh_distributed_ranks(), &first, &count);
    mh_insilico_subject *subjects = NULL;
    if (st == MH_OK && !(subjects = calloc((size_t)(speaker ? size : count), sizeof *subjects)))
        st = mh_error_raise(err, MH_ERR_NOMEM, "out of memory for %ld subjects", size);
    double t0 = mh_wall_seconds();
    if (st == MH_OK)
        st = mh_insilico_mr_simulate(spec, first, count, o->threads, subjects,
                                     speaker ? mh_cli_progress : NULL, NULL, err);
    /* every rank, whatever happened to it, so that none waits for another */
    st = mh_distributed_gather(subjects, subjects, sizeof *subjects, size, st, err);
    if (speaker) {
        mh_cli_progress_done();
        if (st == MH_OK)
            st = analyse_and_write(o, spec, subjects, mh_wall_seconds() - t0, err);
    }
    free(subjects);
    mh_insilico_mr_spec_free(spec);
    if (st != MH_OK)
        return speaker ? mh_cli_report(err) : mh_cli_exit_status(err);
    return MH_EXIT_OK;
}

int mh_cmd_insilico_mr(int argc, char **argv)
{
    options o;
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    mh_error err = {0};
    if (o.mpi && mh_distributed_start(&argc, &argv, &err) != MH_OK)
        return mh_cli_report(&err);
    status = run_insilico_mr(&o, &err);
    mh_distributed_stop();
    return status;
}
