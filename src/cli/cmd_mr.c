/*
 * cmd_mr.c - `myohep mr`: Mendelian randomization from GWAS summary
 * statistics (cli layer). Reads and harmonises the file (analysis/
 * summary_stats.h), runs every estimator (analysis/mr.h), then draws the
 * figure and writes the report; nothing is written unless everything worked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mr_report.h"
#include "core/error.h"
#include "core/file.h"
#include "plot/plot.h" /* mh_plot_format_known */

static void mr_help(void)
{
    printf("Usage: myohep mr FILE [OPTIONS]\n"
           "\n"
           "Two-sample Mendelian randomization from GWAS summary statistics: the causal\n"
           "effect of an exposure on an outcome from variants' associations with both.\n"
           "FILE is CSV or TSV with a header naming the columns, either TwoSampleMR's\n"
           "harmonised data (SNP, effect_allele.exposure, other_allele.exposure,\n"
           "eaf.exposure, beta.exposure, se.exposure and the same for .outcome;\n"
           "optional samplesize.exposure, samplesize.outcome) or the short form bx,\n"
           "bxse, by, byse (optional snp, nx, ny), which is taken as already aligned.\n"
           "\n"
           "Alleles are harmonised to the exposure's effect allele as TwoSampleMR does\n"
           "(action 2): swapped alleles and the other strand are aligned, palindromic\n"
           "variants (A/T, C/G) are aligned by allele frequency, or dropped when a\n"
           "frequency lies between 0.42 and 0.58 or is missing, and variants whose\n"
           "alleles do not match are dropped; each change is reported on stderr.\n"
           "\n"
           "Reports IVW (fixed and multiplicative random effects), MR-Egger with its\n"
           "intercept, simple and weighted median and weighted mode (bootstrap SEs),\n"
           "Cochran's Q, Rucker's Q', I2_GX, leave-one-out IVW, the Steiger\n"
           "directionality test (when sample sizes are given) and each variant's F\n"
           "statistic, with the definitions and defaults of the R package\n"
           "MendelianRandomization (95 %% normal intervals, two-sided normal p-values).\n"
           "Methods that need more variants than there are are shown as not computable.\n"
           "\n"
           "Options:\n"
           "  --format text|json  report format (default text); json is one object whose\n"
           "                      \"methods\" array holds {method, estimate, se, ci_low,\n"
           "                      ci_high, p}, with \"heterogeneity\" {Q, df, p} and n_snps\n"
           "  -o, --output FILE   write the report to FILE (atomically; default standard\n"
           "                      output)\n"
           "  --plot FILE         draw the scatter plot with fitted lines, the forest,\n"
           "                      funnel and leave-one-out plots (.png, .svg or .pdf)\n"
           "  --bootstrap N       bootstrap replicates for the median and mode standard\n"
           "                      errors (default %ld, at least 100)\n"
           "  --seed N            seed of the bootstrap's random stream (default %u); the\n"
           "                      same seed gives the same numbers on every machine\n"
           "  -h, --help          this help\n"
           "\n"
           "Examples:\n"
           "  myohep mr data/mr/ldlc_chd.csv\n"
           "  myohep mr harmonised.tsv --format json --plot mr.png\n",
           MH_MR_DEFAULT_BOOTSTRAP, (unsigned)MH_MR_DEFAULT_SEED);
}

typedef struct mr_options {
    const char *path, *output, *plot;
    int json;
    mh_mr_bootstrap bootstrap;
} mr_options;

/* A whole number from min to max; 0 when it is one, -1 otherwise. */
static int parse_count(const char *text, unsigned long long min, unsigned long long max,
                       unsigned long long *out)
{
    char *end;
    errno = 0;
    if (text[0] == '-' || text[0] == '+')
        return -1;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Parses the arguments; returns -1 when they are fine, else the exit status. */
static int parse_options(int argc, char **argv, mr_options *o)
{
    *o = (mr_options){.output = "-", .bootstrap = {MH_MR_DEFAULT_BOOTSTRAP, MH_MR_DEFAULT_SEED}};
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        unsigned long long n;
        if (mh_cli_is_help(argv[i])) {
            mr_help();
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            o->output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
                return mh_cli_usage_error("mr", "--format: expected text or json, found '%s'", v);
            o->json = strcmp(v, "json") == 0;
        } else if ((v = mh_cli_option(argc, argv, &i, "--plot", &missing))) {
            if (!mh_plot_format_known(v))
                return mh_cli_usage_error("mr",
                                          "--plot: the file name must end in .png, .svg "
                                          "or .pdf, found '%s'",
                                          v);
            o->plot = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--bootstrap", &missing))) {
            if (parse_count(v, 100, 10000000, &n) != 0)
                return mh_cli_usage_error("mr",
                                          "--bootstrap: expected a whole number 100 to "
                                          "10000000, found '%s'",
                                          v);
            o->bootstrap.replicates = (long)n;
        } else if ((v = mh_cli_option(argc, argv, &i, "--seed", &missing))) {
            if (parse_count(v, 0, UINT64_MAX, &n) != 0)
                return mh_cli_usage_error("mr",
                                          "--seed: expected a whole number 0 to %llu, "
                                          "found '%s'",
                                          (unsigned long long)UINT64_MAX, v);
            o->bootstrap.seed = (uint64_t)n;
        } else if (missing) {
            return mh_cli_usage_error("mr", "%s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return mh_cli_usage_error("mr", "unknown option '%s'", argv[i]);
        } else if (!o->path) {
            o->path = argv[i];
        } else {
            return mh_cli_usage_error("mr", "one summary-statistics file at a time");
        }
    }
    if (!o->path)
        return mh_cli_usage_error("mr", "expected a file of summary statistics");
    return -1;
}

/* What harmonising changed or dropped, one line each, and a count. */
static void report_harmonising(const mh_summary_stats *data)
{
    if (!data->harmonised)
        return;
    int dropped = 0;
    for (int k = 0; k < data->n_notes; k++) {
        const mh_harmonise_note *note = &data->notes[k];
        dropped += !mh_allele_action_keeps(note->action);
        fprintf(stderr, "myohep mr: %s (line %ld): %s\n", note->snp, note->line,
                mh_allele_action_name(note->action));
    }
    fprintf(stderr,
            "myohep mr: alleles harmonised: %d variants read, %d swapped, flipped or "
            "checked by frequency, %d dropped, %d used\n",
            data->n_read, data->n_notes - dropped, dropped, data->n);
}

static mh_status write_report(const mr_options *o, const mh_mr_run *run, mh_error *err)
{
    mh_atomic_file f;
    mh_status st = mh_atomic_open(&f, o->output, err);
    if (st != MH_OK)
        return st;
    if (o->json)
        mh_mr_write_json(f.fp, run);
    else
        mh_mr_write_text(f.fp, run);
    return mh_atomic_commit(&f, err);
}

static int run_mr(const mr_options *o)
{
    mh_error err = {0};
    mh_summary_stats data;
    mh_mr_report report = {0};
    mh_status st = mh_summary_stats_read(o->path, &data, &err);
    if (st == MH_OK) {
        report_harmonising(&data);
        mh_mr_variants v = mh_summary_stats_variants(&data);
        st = mh_mr_analyse(&v, &o->bootstrap, &report, &err);
    }
    if (st == MH_OK) {
        mh_mr_variants v = mh_summary_stats_variants(&data);
        mh_mr_run run = {.path = o->path,
                         .data = &data,
                         .report = &report,
                         .steiger = mh_mr_steiger_test(&v, data.n_exposure, data.n_outcome),
                         .bootstrap = o->bootstrap};
        bool plotted = false;
        if (o->plot)
            plotted = (st = mh_mr_write_figure(o->plot, &run, &err)) == MH_OK;
        if (st == MH_OK)
            st = write_report(o, &run, &err);
        if (st != MH_OK && plotted)
            remove(o->plot); /* no half of the output without the other */
    }
    mh_mr_report_free(&report);
    mh_summary_stats_free(&data);
    return st == MH_OK ? MH_EXIT_OK : mh_cli_report(&err);
}

int mh_cmd_mr(int argc, char **argv)
{
    mr_options o;
    int status = parse_options(argc, argv, &o);
    return status >= 0 ? status : run_mr(&o);
}
