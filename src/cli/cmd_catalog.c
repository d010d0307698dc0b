/*
 * cmd_catalog.c - `myohep vars` and `myohep params`: the catalogue (cli layer).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "model/species.h"

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
    mh_species species = MH_SPECIES_HUMAN;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            printf("Usage: myohep params [--species human|mouse]\n\n"
                   "List every parameter of a species' set (default human): name, unit,\n"
                   "default, bounds, population CV and source. The mouse set keeps the human\n"
                   "structure; its source column says which values are allometric, measured\n"
                   "or calibrated. Override one with 'myohep run --set NAME=VALUE' or a\n"
                   "scenario's 'parameters:' mapping.\n");
            return MH_EXIT_OK;
        } else if ((v = mh_cli_option(argc, argv, &i, "--species", &missing))) {
            if (mh_species_find(v, &species) != MH_OK)
                return mh_cli_usage_error("params", "--species: expected 'human' or 'mouse', found '%s'", v);
        } else {
            return mh_cli_usage_error("params", missing ? "option %s needs a value" : "unexpected argument '%s'",
                                      argv[i]);
        }
    }
    printf("%-22s %-24s %10s %10s %10s %5s  %s | %s\n", "name", "unit", "default", "lower", "upper", "cv",
           "description", "source");
    for (int i = 0; i < mh_param_count(); i++) {
        mh_species_param sp;
        mh_species_param_at(species, i, &sp);
        const mh_param_info *p = &sp.info;
        printf("%-22s %-24s %10.4g %10.4g %10.4g %5.2f  %s | %s\n", p->name, p->unit, p->default_value,
               p->lower, p->upper, p->population_cv, p->description, p->source);
    }
    return MH_EXIT_OK;
}
