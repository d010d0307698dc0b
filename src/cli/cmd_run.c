/*
 * cmd_run.c - `myohep run` and `myohep check` (cli layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "scenario/experiment_file.h"
#include "scenario/insilico_mr_file.h"
#include "scenario/population_file.h"
#include "scenario/scenario.h"
#include "scenario/target.h"

mh_status mh_cli_load_scenario(const char *path, mh_scenario **out, mh_error *err)
{
    if (path)
        return mh_scenario_load(path, out, err);
    size_t length;
    const char *text = mh_default_scenario_text(&length);
    return mh_scenario_parse(text, length, "<default scenario>", out, err);
}

static void run_help(void)
{
    printf("Usage: myohep run [SCENARIO] [OPTIONS]\n"
           "\n"
           "Run a scenario (YAML or JSON; without SCENARIO, the built-in default: a healthy\n"
           "adult eating three meals a day for two days) and write its time series.\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE      write to FILE instead of standard output (atomically:\n"
           "                         a failed run leaves no file behind)\n"
           "  --format csv|json      output format (default csv; csv has a header row with\n"
           "                         time_min first and a '# units:' line under it)\n"
           "  --set NAME=VALUE       override a parameter (see 'myohep params'); repeatable\n"
           "  --every DURATION       sampling interval, e.g. '1 min', '1 h', '1 day'\n"
"  --vars A,B,...         output variables (see 'myohep vars')\n"
           "  --resolution minute|day  minute (default, the reference): every meal and bout\n"
           "                         is an event; day: meals become a steady daily feed and\n"
           "                         bouts a weekly mix, for long runs (error against the\n"
           "                         minute mode: 'myohep validate --resolutions',\n"
           "                         docs/MODEL.md section 8)\n"
           "  --stats                print solver statistics and wall time on stderr\n"
           "  -h, --help             this help\n"
           "\n"
           "Example:\n"
           "  myohep run data/scenarios/ogtt-75g.yaml --every '1 min' -o ogtt.csv\n");
}

int mh_cmd_run(int argc, char **argv)
{
    const char *path = NULL, *output = "-", *every = NULL, *vars = NULL;
    const char *sets[64];
    int n_sets = 0;
    bool stats = false;
    mh_format format = MH_FORMAT_CSV;
    mh_resolution resolution = MH_RESOLUTION_MINUTE;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            run_help();
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "csv") == 0)
                format = MH_FORMAT_CSV;
            else if (strcmp(v, "json") == 0)
                format = MH_FORMAT_JSON;
            else
                return mh_cli_usage_error("run", "--format: expected csv or json, found '%s'", v);
        } else if ((v = mh_cli_option(argc, argv, &i, "--set", &missing))) {
            if (n_sets == 64)
                return mh_cli_usage_error("run", "at most 64 --set options");
            sets[n_sets++] = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--every", &missing))) {
            every = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--vars", &missing))) {
            vars = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--resolution", &missing))) {
            if (mh_cli_parse_resolution(v, &resolution) != 0)
                return mh_cli_usage_error("run", "--resolution: expected minute or day, found '%s'", v);
        } else if (strcmp(argv[i], "--stats") == 0) {
            stats = true;
        } else if (missing) {
            return mh_cli_usage_error("run", "option %s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return mh_cli_usage_error("run", "unknown option '%s'", argv[i]);
        } else if (path) {
            return mh_cli_usage_error("run", "one scenario at a time (found '%s' and '%s')", path,
                                      argv[i]);
        } else {
            path = argv[i];
        }
    }
    mh_error err = {0};
    mh_scenario *sc = NULL;
    mh_result *result = NULL;
    mh_status st = mh_cli_load_scenario(path, &sc, &err);
    for (int k = 0; st == MH_OK && k < n_sets; k++) {
        const char *eq = strchr(sets[k], '=');
        char name[128], *end = NULL;
        double value = eq ? strtod(eq + 1, &end) : 0.0;
        if (!eq || eq == sets[k] || (size_t)(eq - sets[k]) >= sizeof name || end == eq + 1 || *end) {
            mh_scenario_free(sc);
            return mh_cli_usage_error("run", "--set: expected NAME=VALUE with a number, found '%s'",
                                      sets[k]);
        }
        memcpy(name, sets[k], (size_t)(eq - sets[k]));
        name[eq - sets[k]] = '\0';
        st = mh_scenario_set_param(sc, name, value, &err);
    }
    if (st == MH_OK && every)
        st = mh_scenario_set_every(sc, every, &err);
    if (st == MH_OK && vars)
        st = mh_scenario_set_vars(sc, vars, &err);
    double t0 = mh_wall_seconds();
    if (st == MH_OK) {
        mh_run_options opts = {.progress = mh_cli_progress, .resolution = resolution};
        st = mh_simulate(sc, &opts, &result, &err);
        mh_cli_progress_done();
    }
    double wall = mh_wall_seconds() - t0;
    if (st == MH_OK)
        st = mh_result_write(result, output, format, &err);
    if (st == MH_OK && stats) {
        const mh_solver_stats *s = mh_result_stats(result);
        double years = mh_scenario_duration_min(sc) / (365.25 * 1440.0);
        fprintf(stderr,
                "stats: simulated %.6g days in %.3f s wall (%.3f s per simulated year); "
                "%ld steps, %ld rhs evaluations, %ld jacobians, %ld restarts, %ld error-test "
                "failures, %ld convergence failures, %zu rows\n",
                mh_scenario_duration_min(sc) / 1440.0, wall, wall / years, s->steps, s->rhs_evals,
                s->jac_evals, s->reinits, s->error_test_fails, s->nonlinear_conv_fails,
                mh_result_rows(result));
    }
    if (st == MH_OK && strcmp(output, "-") != 0)
        fprintf(stderr, "myohep: wrote %zu rows to %s\n", mh_result_rows(result), output);
    mh_result_free(result);
    mh_scenario_free(sc);
    return st == MH_OK ? MH_EXIT_OK : mh_cli_report(&err);
}

/* `check` on the other input files: their own reader, and a one-line summary. */
static int check_other(const char *path, mh_file_kind kind)
{
    mh_error err = {0};
    mh_status st = MH_OK;
    char summary[256] = "";
    if (kind == MH_FILE_POPULATION) {
        mh_population_spec *p = NULL;
        if ((st = mh_population_spec_load(path, &p, &err)) == MH_OK)
            snprintf(summary, sizeof summary,
                     "population, %ld subjects, %.6g days, %d varied parameters, %d endpoints",
                     p->size, p->duration_min / 1440.0, p->n_varied, p->n_endpoints);
        mh_population_spec_free(p);
    } else if (kind == MH_FILE_EXPERIMENT) {
        mh_experiment_spec *e = NULL;
        if ((st = mh_experiment_spec_load(path, &e, &err)) == MH_OK)
            snprintf(summary, sizeof summary, "experiment, %d arms, %.6g days, %d endpoints",
                     e->n_arms, e->duration_min / 1440.0, e->n_endpoints);
        mh_experiment_spec_free(e);
    } else if (kind == MH_FILE_INSILICO_MR) {
        mh_insilico_mr_spec *m = NULL;
        if ((st = mh_insilico_mr_spec_load(path, &m, &err)) == MH_OK)
            snprintf(summary, sizeof summary,
                     "in-silico MR, %ld subjects, %d instruments, %d analyses", m->cohort->size,
                     m->n_instruments, m->n_analyses);
        mh_insilico_mr_spec_free(m);
    } else {
        mh_target t;
        if ((st = mh_target_load(path, &t, &err)) == MH_OK) {
            snprintf(summary, sizeof summary, "validation target %s, %d check%s", t.id, t.n_checks,
                     t.n_checks == 1 ? "" : "s");
            mh_target_free(&t);
        }
    }
    if (st != MH_OK)
        return mh_cli_report(&err);
    printf("%s: ok (%s)\n", path, summary);
    return MH_EXIT_OK;
}

int mh_cmd_check(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (mh_cli_is_help(argv[i])) {
            printf("Usage: myohep check FILE\n"
                   "\n"
                   "Validate an input file without running it: a scenario, or a population,\n"
                   "experiment, in-silico MR or validation-target file (told apart by their\n"
                   "top-level keys: size, arms or factors, analyses or instruments, checks).\n"
                   "Errors read file:line:col: message, with what was expected and what was\n"
                   "found. Exit status 0 when valid, 2 otherwise.\n");
            return MH_EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return mh_cli_usage_error("check", "unknown option '%s'", argv[i]);
        if (path)
            return mh_cli_usage_error("check", "one file at a time");
        path = argv[i];
    }
    if (!path)
        return mh_cli_usage_error("check", "missing FILE");
    mh_file_kind kind = mh_input_file_kind(path);
    if (kind != MH_FILE_SCENARIO)
        return check_other(path, kind);
    mh_error err = {0};
    mh_scenario *sc = NULL;
    if (mh_scenario_load(path, &sc, &err) != MH_OK)
        return mh_cli_report(&err);
    printf("%s: ok (%s, %.6g days)\n", path, mh_scenario_name(sc),
           mh_scenario_duration_min(sc) / 1440.0);
    mh_scenario_free(sc);
    return MH_EXIT_OK;
}
