/*
 * main.c - the `myohep` command line: dispatch to subcommands (cli layer).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/suggest.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"run", mh_cmd_run, "run a scenario and write its time series (CSV or JSON)"},
    {"check", mh_cmd_check, "validate an input file (scenario, population, ...) without running it"},
    {"vars", mh_cmd_vars, "list every output variable with its unit"},
    {"params", mh_cmd_params, "list every parameter with unit, default, bounds and source"},
    {"plot", mh_cmd_plot, "draw time courses from a result CSV (PNG, SVG or PDF)"},
    {"validate", mh_cmd_validate, "run the validation set against published data"},
    {"population", mh_cmd_population, "run a virtual population and summarise its endpoints"},
    {"mr", mh_cmd_mr, "Mendelian randomization from GWAS summary statistics"},
    {"experiment", mh_cmd_experiment, "run a factorial in-silico experiment and compare its arms"},
    {"insilico-mr", mh_cmd_insilico_mr, "Mendelian randomization in a virtual cohort, against the true effects"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "myohep %s - simulator of the liver-muscle metabolic axis\n"
            "\n"
            "Usage: myohep COMMAND [OPTIONS]\n"
            "       myohep COMMAND --help\n"
            "\n"
            "Commands:\n",
            mh_version());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Quick start:\n"
            "  myohep run -o out.csv          # the default scenario: two days of meals\n"
            "  myohep plot out.csv -o out.png\n"
            "\n"
            "Exit status: 0 success, 1 the run failed, 2 bad input or usage.\n"
            "myohep is a research and education tool, not medical advice.\n");
}

int mh_cli_report(const mh_error *err)
{
    fprintf(stderr, "myohep: %s\n", err->message[0] ? err->message : mh_status_name(err->status));
    return mh_cli_exit_status(err);
}

int mh_cli_exit_status(const mh_error *err)
{
    switch (err->status) {
    case MH_OK:
        return MH_EXIT_OK;
    case MH_ERR_PARSE:
    case MH_ERR_INVALID:
    case MH_ERR_UNSUPPORTED:
    case MH_ERR_NOT_FOUND:
        return MH_EXIT_USAGE;
    default:
        return MH_EXIT_FAILED;
    }
}

int mh_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "myohep %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'myohep %s --help')\n", command);
    va_end(ap);
    return MH_EXIT_USAGE;
}

bool mh_cli_is_help(const char *arg) { return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0; }

int mh_cli_parse_resolution(const char *text, mh_resolution *out)
{
    if (strcmp(text, "minute") == 0)
        *out = MH_RESOLUTION_MINUTE;
    else if (strcmp(text, "day") == 0)
        *out = MH_RESOLUTION_DAY;
    else
        return -1;
    return 0;
}

const char *mh_cli_option(int argc, char **argv, int *i, const char *name, bool *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

static int progress_shown;

void mh_cli_progress(double fraction, void *user)
{
    (void)user;
    static const int width = 40;
    if (!isatty(STDERR_FILENO))
        return;
    int filled = (int)(fraction * width + 0.5);
    fprintf(stderr, "\r[");
    for (int k = 0; k < width; k++)
        fputc(k < filled ? '#' : ' ', stderr);
    fprintf(stderr, "] %3.0f %%", fraction * 100.0);
    progress_shown = 1;
}

void mh_cli_progress_done(void)
{
    if (progress_shown)
        fprintf(stderr, "\r%60s\r", "");
    progress_shown = 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return MH_EXIT_USAGE;
    }
    if (mh_cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return MH_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("myohep %s\n", mh_version());
        return MH_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    const char *names[sizeof commands / sizeof commands[0]];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        names[i] = commands[i].name;
    const char *hint = mh_suggest(argv[1], names, sizeof names / sizeof names[0]);
    if (hint)
        fprintf(stderr, "myohep: unknown command '%s' (did you mean '%s'?)\n", argv[1], hint);
    else
        fprintf(stderr, "myohep: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return MH_EXIT_USAGE;
}
