/*
 * cmd_plot.c - `myohep plot`: time courses from result CSVs (cli layer).
 *
 * One file gives one line per panel. Several files (the arms of an
 * experiment) are overlaid, one line per file in each panel; the panels are
 * the first file's variables (mh_series_figure_make checks the others).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plot/plot.h"
#include "plot/series.h"

static int plot_help(void)
{
    printf("Usage: myohep plot RESULT.csv [MORE.csv ...] -o FILE.png|svg|pdf [--vars A,B]\n"
           "                  [--labels NAME,NAME,...] [--title TEXT]\n"
           "\n"
           "Draw the time courses of results written by 'myohep run': one panel per\n"
           "variable, units on the axes, time in hours (or days for long runs).\n"
           "\n"
           "Several files are overlaid to compare the arms of an experiment: one line\n"
           "per file in each panel, in colour-blind-safe colours, with a legend. Their\n"
           "time grids may differ; the axes span every line. The panels are the first\n"
           "file's variables; every file must have each of them, in the same unit.\n"
           "\n"
           "  -o, --output FILE  the figure; its extension chooses PNG, SVG or PDF\n"
           "  --vars A,B         plot only these variables\n"
           "  --labels X,Y       legend names, one per file (default: with several files,\n"
           "                     each file's name without folder and extension; with one,\n"
           "                     no legend)\n"
           "  --title TEXT       the figure's title (default: the file names)\n"
           "\n"
           "Example:\n"
           "  myohep plot sedentary.csv training.csv --labels sedentary,training \\\n"
           "              --vars glucose_mmol_l,insulin_pmol_l -o compare.png\n");
    return MH_EXIT_OK;
}

static int out_of_memory(void)
{
    fprintf(stderr, "myohep: out of memory\n");
    return MH_EXIT_FAILED;
}

/* Split a copy of "a,b,c" at the commas into *labels (both malloc'd; free
 * *labels and (*labels)[0]). Empty items stay, for the figure to reject. */
static int split_labels(const char *list, char ***labels, int *n_labels)
{
    int n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    char *copy = malloc(strlen(list) + 1);
    *labels = malloc((size_t)n * sizeof **labels);
    if (!copy || !*labels) {
        free(copy);
        free(*labels);
        *labels = NULL;
        return out_of_memory();
    }
    strcpy(copy, list);
    (*labels)[0] = copy;
    for (int i = 1; i < n; i++) {
        copy = strchr(copy, ',');
        *copy++ = '\0';
        (*labels)[i] = copy;
    }
    *n_labels = n;
    return MH_EXIT_OK;
}

/* "a.csv vs b.csv vs ..." cut to fit: the title when --title is not given. */
static void default_title(const char *const *paths, int n_paths, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n_paths && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? " vs " : "", paths[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Read the files, lay out the panels and write the figure. */
static int plot_files(const char *const *paths, int n_paths, char *const *labels, int n_labels,
                      const char *vars, const char *title, const char *output)
{
    mh_error err = {0};
    mh_series_figure fig = {0};
    mh_series *series = calloc((size_t)n_paths, sizeof *series);
    if (!series)
        return out_of_memory();
    mh_status st = MH_OK;
    for (int i = 0; i < n_paths && st == MH_OK; i++)
        st = mh_series_read(paths[i], &series[i], &err);
    if (st == MH_OK)
        st = mh_series_figure_make(series, paths, n_paths, (const char *const *)labels, n_labels,
                                   vars, &fig, &err);
    if (st == MH_OK) {
        char fallback[1024];
        default_title(paths, n_paths, fallback, sizeof fallback);
        st = mh_plot_write(output, title ? title : fallback, fig.panels, fig.n_panels, &err);
    }
    int code = st == MH_OK ? MH_EXIT_OK : mh_cli_report(&err);
    if (st == MH_OK)
        fprintf(stderr, "myohep: wrote %s\n", output);
    mh_series_figure_free(&fig);
    for (int i = 0; i < n_paths; i++)
        mh_series_free(&series[i]);
    free(series);
    return code;
}

int mh_cmd_plot(int argc, char **argv)
{
    const char *output = NULL, *vars = NULL, *title = NULL, *label_list = NULL;
    const char **paths = malloc((size_t)argc * sizeof *paths); /* at most one per argument */
    if (!paths)
        return out_of_memory();
    int n_paths = 0, code = MH_EXIT_OK;
    for (int i = 1; i < argc && code == MH_EXIT_OK; i++) {
        bool missing = false;
        const char *v;
        if (mh_cli_is_help(argv[i])) {
            free(paths);
            return plot_help();
        } else if ((v = mh_cli_option(argc, argv, &i, "--output", &missing)) ||
                   (v = mh_cli_option(argc, argv, &i, "-o", &missing))) {
            output = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--vars", &missing))) {
            vars = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--labels", &missing))) {
            label_list = v;
        } else if ((v = mh_cli_option(argc, argv, &i, "--title", &missing))) {
            title = v;
        } else if (missing) {
            code = mh_cli_usage_error("plot", "option %s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            code = mh_cli_usage_error("plot", "unknown option '%s'", argv[i]);
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    if (code == MH_EXIT_OK && (n_paths == 0 || !output))
        code = mh_cli_usage_error("plot", "need RESULT.csv and -o FILE");
    char **labels = NULL;
    int n_labels = 0;
    if (code == MH_EXIT_OK && label_list)
        code = split_labels(label_list, &labels, &n_labels);
    if (code == MH_EXIT_OK)
        code = plot_files(paths, n_paths, labels, n_labels, vars, title, output);
    if (labels)
        free(labels[0]);
    free(labels);
    free(paths);
    return code;
}
