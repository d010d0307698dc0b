/*
 * cli.h - the `myohep` command: shared helpers of the subcommands (cli layer).
 *
 * Exit codes: 0 success; 1 the run failed (solver failure, I/O error, a
 * validation target missed); 2 bad input or usage (malformed or unsupported
 * scenario, unknown name, bad option).
 */
#ifndef MH_CLI_CLI_H
#define MH_CLI_CLI_H

#include <stdbool.h>

#include "myohep/myohep.h"

enum { MH_EXIT_OK = 0, MH_EXIT_FAILED = 1, MH_EXIT_USAGE = 2 };

/* Print "myohep: <message>" on stderr and return the exit code for the status. */
int mh_cli_report(const mh_error *err);
/* The exit code for the status, printing nothing. */
int mh_cli_exit_status(const mh_error *err);
int mh_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool mh_cli_is_help(const char *arg);

/* Value of "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. NULL if not this option. */
const char *mh_cli_option(int argc, char **argv, int *i, const char *name, bool *missing);
/* "minute" or "day" (--resolution); 0 when recognised, -1 otherwise. */
int mh_cli_parse_resolution(const char *text, mh_resolution *out);

/* A progress bar on stderr when it is a terminal. */
void mh_cli_progress(double fraction, void *user);
void mh_cli_progress_done(void);

/* Load a scenario file, or the compiled-in default scenario when path is NULL. */
mh_status mh_cli_load_scenario(const char *path, mh_scenario **out, mh_error *err);

int mh_cmd_run(int argc, char **argv);
int mh_cmd_check(int argc, char **argv);
int mh_cmd_vars(int argc, char **argv);
int mh_cmd_params(int argc, char **argv);
int mh_cmd_plot(int argc, char **argv);
int mh_cmd_validate(int argc, char **argv);
int mh_cmd_population(int argc, char **argv);
int mh_cmd_mr(int argc, char **argv);
int mh_cmd_experiment(int argc, char **argv);
int mh_cmd_insilico_mr(int argc, char **argv);

#endif
