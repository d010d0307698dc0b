/*
 * test_plot.c - unit tests of the plotting layer: figures (PNG, SVG, PDF) and
 * the result-CSV reader.
 *
 * Every test works in a fresh temporary folder made by the group setup and
 * removed by the group teardown.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "plot/plot.h"
#include "plot/series.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
/* cairo's toy fonts keep process-lifetime caches (font faces, fontconfig
 * patterns) that are freed only by cairo_debug_reset_static_data() and
 * FcFini(), which this test cannot call (cairo stays inside src/plot/).
 * LeakSanitizer reports them as leaks; they are bounded, not per call. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libcairo.so\n";
}
#endif

typedef struct fixture {
    char dir[256];
} fixture;

static int group_setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    const char *base = getenv("TMPDIR");
    snprintf(fx->dir, sizeof fx->dir, "%s/test_plot.XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    if (d) {
        struct dirent *e;
        char path[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", fx->dir, e->d_name);
            remove(path);
        }
        closedir(d);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static void path_in(void **state, const char *name, char *buf, size_t size)
{
    const fixture *fx = *state;
    snprintf(buf, size, "%s/%s", fx->dir, name);
}

static int file_exists(const char *path) { return access(path, F_OK) == 0; }

/* Number of entries in the test folder (to see that nothing was left behind). */
static int entries_in(void **state)
{
    const fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static char *slurp(const char *path, size_t *length)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *length = (size_t)n;
    return buf;
}

static void write_text(const char *path, const char *text, size_t length)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, length, fp), length);
    assert_int_equal(fclose(fp), 0);
}

/* ---- figures ------------------------------------------------------------ */

enum { N_POINTS = 97 };

typedef struct figure_data {
    double t[N_POINTS], glucose[N_POINTS], insulin[N_POINTS];
    double ref_t[4], ref_y[4], ref_low[4], ref_high[4];
    mh_plot_panel panels[2];
} figure_data;

/* A 24 h glucose and insulin course with reference points and a target band. */
static void make_figure(figure_data *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < N_POINTS; i++) {
        f->t[i] = 15.0 * i;
        double meal = exp(-pow((f->t[i] - 487.5) / 63.2, 2.0));
        f->glucose[i] = 5.137 + 3.385 * meal;
        f->insulin[i] = 41.27 + 287.3 * meal;
    }
    f->insulin[40] = NAN; /* a gap in the line */
    const double rt[4] = {432.5, 497.3, 561.8, 1213.4};
    const double ry[4] = {5.482, 8.271, 6.934, 5.219};
    for (int i = 0; i < 4; i++) {
        f->ref_t[i] = rt[i];
        f->ref_y[i] = ry[i];
        f->ref_low[i] = ry[i] - 0.613;
        f->ref_high[i] = ry[i] + 0.587;
    }
    f->panels[0] = (mh_plot_panel){.name = "glucose_mmol_l",
                                   .unit = "mmol/L",
                                   .t_min = f->t,
                                   .y = f->glucose,
                                   .n = N_POINTS,
                                   .ref_t_min = f->ref_t,
                                   .ref_y = f->ref_y,
                                   .ref_low = f->ref_low,
                                   .ref_high = f->ref_high,
                                   .n_ref = 4,
                                   .has_band = 1,
                                   .band_low = 3.9,
                                   .band_high = 7.8,
                                   .has_window = 1,
                                   .window_from_min = 420.0,
                                   .window_to_min = 660.0};
    f->panels[1] = (mh_plot_panel){.name = "insulin_pmol_l",
                                   .unit = "pmol/L",
                                   .t_min = f->t,
                                   .y = f->insulin,
                                   .n = N_POINTS};
}

static void test_png_and_svg(void **state)
{
    figure_data f;
    make_figure(&f);
    char png[512], svg[512], pdf[512];
    path_in(state, "course.png", png, sizeof png);
    path_in(state, "course.SVG", svg, sizeof svg);
    path_in(state, "course.pdf", pdf, sizeof pdf);
    mh_error err = {0};

    assert_int_equal(mh_plot_write(png, "mixed meal, 24 h", f.panels, 2, &err), MH_OK);
    size_t n;
    char *bytes = slurp(png, &n);
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    assert_true(n > 1000);
    assert_memory_equal(bytes, signature, sizeof signature);
    free(bytes);

    assert_int_equal(mh_plot_write(svg, "mixed meal, 24 h", f.panels, 2, &err), MH_OK);
    bytes = slurp(svg, &n);
    assert_non_null(strstr(bytes, "<svg"));
    assert_non_null(strstr(bytes, "</svg>"));
    free(bytes);

    assert_int_equal(mh_plot_write(pdf, NULL, f.panels, 2, &err), MH_OK);
    bytes = slurp(pdf, &n);
    assert_memory_equal(bytes, "%PDF", 4);
    free(bytes);

    /* Only the three figures: no temporary file is left over. */
    assert_int_equal(entries_in(state), 3);
    remove(png);
    remove(svg);
    remove(pdf);
}

static void test_bad_extension(void **state)
{
    figure_data f;
    make_figure(&f);
    char path[512];
    mh_error err = {0};
    const char *names[] = {"course.txt", "course", "course.png.bak", "png"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_in(state, names[i], path, sizeof path);
        assert_int_equal(mh_plot_write(path, "t", f.panels, 2, &err), MH_ERR_INVALID);
        assert_int_equal(err.status, MH_ERR_INVALID);
        assert_non_null(strstr(err.message, ".png, .svg or .pdf"));
        assert_false(file_exists(path));
    }
    assert_int_equal(entries_in(state), 0);
}

static void test_nothing_to_plot(void **state)
{
    figure_data f;
    make_figure(&f);
    char path[512];
    path_in(state, "empty.png", path, sizeof path);
    mh_error err = {0};
    f.panels[1].n = 0;
    assert_int_equal(mh_plot_write(path, "t", f.panels, 2, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "nothing to plot"));
    assert_int_equal(mh_plot_write(path, "t", f.panels, 0, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "nothing to plot"));

    make_figure(&f);
    f.panels[0].band_low = 8.125; /* above band_high */
    assert_int_equal(mh_plot_write(path, "t", f.panels, 2, &err), MH_ERR_INVALID);
    assert_false(file_exists(path));
}

static void test_unwritable_leaves_nothing(void **state)
{
    figure_data f;
    make_figure(&f);
    char path[512];
    path_in(state, "no/such/folder/course.svg", path, sizeof path);
    mh_error err = {0};
    assert_int_equal(mh_plot_write(path, "t", f.panels, 2, &err), MH_ERR_IO);
    assert_non_null(strstr(err.message, path));
    path_in(state, "no/such/folder/course.png", path, sizeof path);
    assert_int_equal(mh_plot_write(path, "t", f.panels, 2, &err), MH_ERR_IO);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(entries_in(state), 0);
}

/* Awkward inputs: flat, all non-finite, a single point, a span of weeks, bad UTF-8. */
static void test_awkward_series(void **state)
{
    enum { N = 29 };
    double t[N], flat[N], nan_only[N], one[1] = {2.385}, t_one[1] = {731.5}, t_weeks[N];
    for (int i = 0; i < N; i++) {
        t[i] = 60.0 * i;
        t_weeks[i] = 1440.0 * 1.5 * i;
        flat[i] = 0.0;
        nan_only[i] = (i % 2) ? NAN : INFINITY;
    }
    mh_plot_panel panels[4] = {
        {.name = "flat_zero", .unit = "", .t_min = t, .y = flat, .n = N},
        {.name = "nothing\xff\xfe finite", .unit = "mg/dL", .t_min = t, .y = nan_only, .n = N},
        {.name = "one_point", .unit = "U", .t_min = t_one, .y = one, .n = 1},
        {.name = "weeks", .unit = "kg", .t_min = t_weeks, .y = t_weeks, .n = N},
    };
    char long_unit[700];
    memset(long_unit, 'u', sizeof long_unit - 1);
    long_unit[sizeof long_unit - 1] = '\0';
    panels[3].unit = long_unit; /* cut short with an ellipsis */
    char path[512];
    path_in(state, "awkward.png", path, sizeof path);
    mh_error err = {0};
    assert_int_equal(mh_plot_write(path, "awkward \xc3\xa9\xc3", panels, 4, &err), MH_OK);
    assert_true(file_exists(path));
    path_in(state, "awkward.svg", path, sizeof path);
    assert_int_equal(mh_plot_write(path, NULL, panels, 3, &err), MH_OK);
    assert_true(file_exists(path));
    remove(path);
    path_in(state, "awkward.png", path, sizeof path);
    remove(path);
}

/* ---- series ------------------------------------------------------------- */

static void test_series_read(void **state)
{
    char path[512];
    path_in(state, "run.csv", path, sizeof path);
    const char *csv = "time_min,glucose_mmol_l,insulin_pmol_l\n"
                      "# units: min,mmol/L,pmol/L\n"
                      "# scenario: mixed meal\n"
                      "0,5.137,41.27\r\n"
                      "\n"
                      "15.5, 6.2381 ,-0.375e-2\n"
                      "30,7.0425,1.985E+2";
    write_text(path, csv, strlen(csv));
    mh_series s;
    mh_error err = {0};
    assert_int_equal(mh_series_read(path, &s, &err), MH_OK);
    assert_int_equal(s.n_columns, 3);
    assert_int_equal(s.n_rows, 3);
    assert_string_equal(s.names[0], "time_min");
    assert_string_equal(s.names[1], "glucose_mmol_l");
    assert_string_equal(s.names[2], "insulin_pmol_l");
    assert_string_equal(s.units[0], "min");
    assert_string_equal(s.units[1], "mmol/L");
    assert_string_equal(s.units[2], "pmol/L");
    const double want[9] = {0, 5.137, 41.27, 15.5, 6.2381, -0.00375, 30, 7.0425, 198.5};
    for (int i = 0; i < 9; i++)
        assert_true(fabs(s.data[i] - want[i]) <= 1e-12 * fabs(want[i]));
    assert_int_equal(mh_series_find(&s, "insulin_pmol_l"), 2);
    assert_int_equal(mh_series_find(&s, "time_min"), 0);
    assert_int_equal(mh_series_find(&s, "insulin"), -1);
    mh_series_free(&s);
    assert_null(s.data);
    mh_series_free(&s); /* twice is harmless */
    remove(path);
}

static void test_series_without_units(void **state)
{
    char path[512];
    path_in(state, "plain.csv", path, sizeof path);
    const char *csv = "time_min,lactate_mmol_l\n0,1.385\n60,2.914\n";
    write_text(path, csv, strlen(csv));
    mh_series s;
    mh_error err = {0};
    assert_int_equal(mh_series_read(path, &s, &err), MH_OK);
    assert_int_equal(s.n_rows, 2);
    assert_string_equal(s.units[0], "");
    assert_string_equal(s.units[1], "");
    assert_true(s.data[3] == 2.914);
    mh_series_free(&s);
    remove(path);
}

static void test_series_errors(void **state)
{
    static const struct {
        const char *text;
        size_t length; /* 0: strlen */
        const char *where;
        const char *message;
    } cases[] = {
        {"time_min,a,b,c\n0,1.5,2.5\n", 0, ":2:10:", "expected 4 fields, found 3"},
        {"time_min,a,b\n0,1.5,2.5,3.5\n", 0, ":2:11:", "expected 3 fields, found 4"},
        {"time_min,a,b\n# units: min,mg\n", 0, ":2:10:", "expected 3 units, found 2"},
        {"time_min,a\n# units: h,mg\n", 0, ":2:10:", "the unit of time_min must be 'min'"},
        {"time_min,a,b\n0,2.385,4.1\n# note\n15,abc,4.2\n", 0, ":4:4:",
         "expected a number, found 'abc'"},
        {"time_min,a\n0,nan\n", 0, ":2:3:", "expected a number, found 'nan'"},
        {"time_min,a\n0,1e999\n", 0, ":2:3:", "expected a number, found '1e999'"},
        {"time_min,a\n0,0x1p3\n", 0, ":2:3:", "expected a number, found '0x1p3'"},
        {"time_min,a\n0,\n", 0, ":2:3:", "expected a number, found an empty field"},
        {"time,a\n0,1\n", 0, ":1:1:", "first column must be 'time_min', found 'time'"},
        {"time_min,a,,b\n", 0, ":1:12:", "empty column name"},
        {"time_min,a,a\n0,1,2\n", 0, ":1:12:", "duplicate column name 'a'"},
        {"", 0, ":1:1:", "empty file"},
        {"# only a comment\n\n", 0, ":1:1:", "empty file"},
        {"time_min,a\n# units: min,mg\n", 0, ":3:1:", "no data rows"},
        {"time_min,a\n0,1\n1,2\0", 20, ":3:4:", "NUL byte"},
    };
    char path[512];
    path_in(state, "bad.csv", path, sizeof path);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t length = cases[i].length ? cases[i].length : strlen(cases[i].text);
        write_text(path, cases[i].text, length);
        mh_series s;
        mh_error err = {0};
        assert_int_equal(mh_series_read(path, &s, &err), MH_ERR_PARSE);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "%s%s ", path, cases[i].where);
        if (strncmp(err.message, prefix, strlen(prefix)) != 0 ||
            !strstr(err.message, cases[i].message))
            fail_msg("case %zu: got \"%s\", want prefix \"%s\" and \"%s\"", i, err.message,
                     prefix, cases[i].message);
        assert_int_equal(s.n_columns, 0);
        assert_null(s.data);
        mh_series_free(&s);
    }
    remove(path);

    mh_series s;
    mh_error err = {0};
    path_in(state, "missing.csv", path, sizeof path);
    assert_int_equal(mh_series_read(path, &s, &err), MH_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_and_svg),
        cmocka_unit_test(test_bad_extension),
        cmocka_unit_test(test_nothing_to_plot),
        cmocka_unit_test(test_unwritable_leaves_nothing),
        cmocka_unit_test(test_awkward_series),
        cmocka_unit_test(test_series_read),
        cmocka_unit_test(test_series_without_units),
        cmocka_unit_test(test_series_errors),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
