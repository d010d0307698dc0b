/*
 * cmd_catalog.c - `myohep vars` and `myohep params`: the catalogue (cli layer).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int mh_cmd_vars(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (mh_cli_is_help(argv[i])) {
            printf("Usage: myohep vars\n\nList every output variable: name, unit, description.\n");
            return MH_EXIT_OK;
        }
        return mh_cli_usage_error("vars", "unexpected argument '%s'", argv[i]);
    }
    printf("%-36s %-14s %s\n", "name", "unit", "description");
    for (int i = 0; i < mh_var_count(); i++) {
        const mh_var_info *v = mh_var_at(i);
        printf("%-36s %-14s %s\n", v->name, v->unit, v->description);
    }
    return MH_EXIT_OK;
}

int mh_cmd_params(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            printf("Usage: myohep params [--species human]\n\n"
                   "List every parameter: name, unit, default, bounds, population CV and\n"
                   "source. Override one with 'myohep run --set NAME=VALUE' or a scenario's\n"
                   "'parameters:' mapping.\n");
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--species", &missing))) {
            if (strcmp(v, "human") != 0)
                return mh_cli_usage_error("params", "--species: only 'human' exists yet, found '%s'", v);
        } else {
            return mh_cli_usage_error("params", missing ? "option %s needs a value" : "unexpected argument '%s'",
                                      argv[i]);
        }
    }
    printf("%-22s %-24s %10s %10s %10s %5s  %s | %s\n", "name", "unit", "default", "lower", "upper", "cv",
           "description", "source");
    for (int i = 0; i < mh_param_count(); i++) {
        const mh_param_info *p = mh_param_at(i);
        printf("%-22s %-24s %10.4g %10.4g %10.4g %5.2f  %s | %s\n", p->name, p->unit, p->default_value,
               p->lower, p->upper, p->population_cv, p->description, p->source);
    }
    return MH_EXIT_OK;
}
