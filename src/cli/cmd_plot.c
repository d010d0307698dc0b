/*
 * cmd_plot.c - `myohep plot`: time courses from a result CSV (cli layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plot/plot.h"
#include "plot/series.h"

static int plot_help(void)
{
    printf("Usage: myohep plot RESULT.csv -o FILE.png|svg|pdf [--vars A,B] [--title TEXT]\n"
           "\n"
           "Draw the time courses of a result written by 'myohep run': one panel per\n"
           "variable, units on the axes, time in hours (or days for long runs).\n");
    return MH_EXIT_OK;
}

int mh_cmd_plot(int argc, char **argv)
{
    const char *input = NULL, *output = NULL, *vars = NULL, *title = NULL;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i]))
            return plot_help();
        else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                 (v = mh_cli_option(argc, argv, &i, "-o", &missing)))
            output = v;
        else if ((v = mh_cli_option(argc, argv, &i, "--vars", &missing)))
            vars = v;
        else if ((v = mh_cli_option(argc, argv, &i, "--title", &missing)))
            title = v;
        else if (missing)
            return mh_cli_usage_error("plot", "option %s needs a value", argv[i]);
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return mh_cli_usage_error("plot", "unknown option '%s'", argv[i]);
        else if (input)
            return mh_cli_usage_error("plot", "one result file at a time");
        else
            input = argv[i];
    }
    if (!input || !output)
        return mh_cli_usage_error("plot", "need RESULT.csv and -o FILE");
    mh_error err = {0};
    mh_series s;
    if (mh_series_read(input, &s, &err) != MH_OK)
        return mh_cli_report(&err);
    mh_plot_panel *panels = calloc((size_t)s.n_columns, sizeof *panels);
    double *columns = malloc(sizeof(double) * s.n_rows * (size_t)s.n_columns);
    int n_panels = 0, code = MH_EXIT_OK;
    if (!panels || !columns) {
        fprintf(stderr, "myohep: out of memory\n");
        code = MH_EXIT_FAILED;
        goto done;
    }
    /* Column-major copies: the plot wants one contiguous array per variable. */
    for (int c = 0; c < s.n_columns; c++)
        for (size_t r = 0; r < s.n_rows; r++)
            columns[(size_t)c * s.n_rows + r] = s.data[r * (size_t)s.n_columns + (size_t)c];
    for (int c = 1; c < s.n_columns; c++) {
        if (vars) {
            const char *p = strstr(vars, s.names[c]);
            size_t len = strlen(s.names[c]);
            bool listed = false;
            for (; p; p = strstr(p + 1, s.names[c]))
                listed |= (p == vars || p[-1] == ',') && (p[len] == ',' || p[len] == '\0');
            if (!listed)
                continue;
        }
        panels[n_panels++] = (mh_plot_panel){.name = s.names[c], .unit = s.units[c],
                                             .t_min = columns, .y = columns + (size_t)c * s.n_rows,
                                             .n = s.n_rows};
    }
    if (vars) {
        /* Every requested name must exist in the file. */
        char list[1024];
        snprintf(list, sizeof list, "%s", vars);
        for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
            if (mh_series_find(&s, name) < 1) {
                fprintf(stderr, "myohep: %s has no column '%s'\n", input, name);
                code = MH_EXIT_USAGE;
                goto done;
            }
        }
    }
    if (n_panels == 0) {
        fprintf(stderr, "myohep: %s: nothing to plot\n", input);
        code = MH_EXIT_USAGE;
        goto done;
    }
    if (mh_plot_write(output, title ? title : input, panels, n_panels, &err) != MH_OK)
        code = mh_cli_report(&err);
    else
        fprintf(stderr, "myohep: wrote %s\n", output);
done:
    free(panels);
    free(columns);
    mh_series_free(&s);
    return code;
}
