/*
 * test_plot.c - unit tests of the plotting layer: figures (PNG, SVG, PDF),
 * overlays of several runs, the result-CSV reader and the figure built from
 * several series.
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

/* ---- overlays ----------------------------------------------------------- */

/* cairo writes SVG text as glyph outlines, not as strings, so the tests read
 * the figure's structure instead: the stroked paths (found by colour, in
 * percent; the spacing inside rgb() differs between cairo versions) and the
 * number of glyphs drawn. */
static const double RGB_FIRST[3] = {12.0, 35.0, 65.0};           /* a single line's blue */
static const double RGB_SECOND[3] = {90.196078, 62.352941, 0.0}; /* Okabe-Ito orange */
static const double RGB_FRAME[3] = {35.0, 35.0, 35.0};

/* The next <path> after `from` stroked in `rgb`: a pointer to its d="..."
 * data, or NULL. */
static const char *stroked_path(const char *from, const double rgb[3])
{
    for (const char *p = strstr(from, "<path"); p; p = strstr(p + 1, "<path")) {
        const char *end = strstr(p, "/>"), *c = strstr(p, "stroke");
        c = c ? strstr(c, "rgb(") : NULL;
        if (!end || !c || c > end)
            continue;
        char *q = (char *)c + 4;
        int same = 1;
        for (int i = 0; i < 3; i++) {
            same &= fabs(strtod(q, &q) - rgb[i]) < 1e-3;
            q += strspn(q, "%, ");
        }
        const char *d = strstr(p, " d=\"");
        if (same && d && d < end)
            return d + 4;
    }
    return NULL;
}

static int count_paths(const char *svg, const double rgb[3])
{
    int n = 0;
    for (const char *d = stroked_path(svg, rgb); d; d = stroked_path(d, rgb))
        n++;
    return n;
}

static int count_glyphs(const char *svg)
{
    int n = 0;
    for (const char *p = strstr(svg, "<use"); p; p = strstr(p + 1, "<use"))
        n++;
    return n;
}

typedef struct extent {
    double x0, x1, y0, y1;
} extent;

/* Bounding box of the first `max_points` points of path data `d` (M/L/Z only). */
static extent path_extent(const char *d, int max_points)
{
    extent e = {INFINITY, -INFINITY, INFINITY, -INFINITY};
    char *p = (char *)d;
    for (int n = 0; n < max_points && *p && *p != '"';) {
        p += strspn(p, " MLZ");
        if (*p == '"' || !*p)
            break;
        double x = strtod(p, &p), y = strtod(p, &p);
        e.x0 = fmin(e.x0, x), e.x1 = fmax(e.x1, x);
        e.y0 = fmin(e.y0, y), e.y1 = fmax(e.y1, y);
        n++;
    }
    return e;
}

enum { N_SHORT = 97, N_LONG = 61 };

typedef struct overlay_data {
    double t1[N_SHORT], y1[N_SHORT]; /* 24 h every 15 min */
    double t2[N_LONG], y2[N_LONG];   /* 30 h every 30 min, lower and higher than y1 */
    mh_plot_line more[1];
    mh_plot_panel panel;
} overlay_data;

static void make_overlay(overlay_data *o, const char *label1, const char *label2)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < N_SHORT; i++) {
        o->t1[i] = 15.0 * i;
        o->y1[i] = 5.137 + 3.385 * exp(-pow((o->t1[i] - 487.5) / 63.2, 2.0));
    }
    for (int i = 0; i < N_LONG; i++) {
        o->t2[i] = 30.0 * i;
        o->y2[i] = 3.918 + 7.861 * exp(-pow((o->t2[i] - 1261.5) / 97.3, 2.0));
    }
    o->more[0] = (mh_plot_line){.label = label2, .t_min = o->t2, .y = o->y2, .n = N_LONG};
    o->panel = (mh_plot_panel){.name = "glucose_mmol_l",
                               .unit = "mmol/L",
                               .t_min = o->t1,
                               .y = o->y1,
                               .n = N_SHORT,
                               .label = label1,
                               .more = o->more,
                               .n_more = 1};
}

static char *render_svg(void **state, const mh_plot_panel *panel, int n_panels)
{
    char path[512];
    path_in(state, "overlay.svg", path, sizeof path);
    mh_error err = {0};
    assert_int_equal(mh_plot_write(path, "sedentary vs training", panel, n_panels, &err), MH_OK);
    size_t n;
    char *svg = slurp(path, &n);
    remove(path);
    return svg;
}

static void test_overlay_png_and_svg(void **state)
{
    overlay_data o;
    make_overlay(&o, "sedentary", "training");
    char path[512];
    path_in(state, "overlay.png", path, sizeof path);
    mh_error err = {0};
    assert_int_equal(mh_plot_write(path, "sedentary vs training", &o.panel, 1, &err), MH_OK);
    size_t n;
    char *bytes = slurp(path, &n);
    assert_true(n > 1000);
    assert_memory_equal(bytes, "\x89PNG", 4);
    free(bytes);
    remove(path);

    char *svg = render_svg(state, &o.panel, 1);
    /* Each line in its own colour, once as the line and once in the legend. */
    assert_int_equal(count_paths(svg, RGB_FIRST), 2);
    assert_int_equal(count_paths(svg, RGB_SECOND), 2);
    /* The time axis spans both lines: the 24 h line ends 4/5 of the way
     * across the frame, the 30 h one at its right edge. The value axis spans
     * both: every point lies inside the frame, and the second line reaches
     * both above and below the first. */
    extent frame = path_extent(stroked_path(svg, RGB_FRAME), 4);
    extent first = path_extent(stroked_path(svg, RGB_FIRST), N_SHORT);
    extent second = path_extent(stroked_path(svg, RGB_SECOND), N_LONG);
    double width = frame.x1 - frame.x0;
    assert_true(fabs(first.x0 - frame.x0) < 1.0 && fabs(second.x0 - frame.x0) < 1.0);
    assert_true(fabs(second.x1 - frame.x1) < 1.0);
    assert_true(fabs(first.x1 - (frame.x0 + 0.8 * width)) < 1.5);
    assert_true(second.y0 < first.y0 && second.y1 > first.y1);
    assert_true(second.y0 > frame.y0 && second.y1 < frame.y1);

    /* The legend names both lines: exactly their letters are drawn on top of
     * the same figure without labels, which has no legend at all. */
    overlay_data bare;
    make_overlay(&bare, NULL, NULL);
    char *bare_svg = render_svg(state, &bare.panel, 1);
    assert_int_equal(count_paths(bare_svg, RGB_FIRST), 1);
    assert_int_equal(count_paths(bare_svg, RGB_SECOND), 1);
    assert_int_equal(count_glyphs(svg) - count_glyphs(bare_svg),
                     (int)(strlen("sedentary") + strlen("training")));
    free(svg);
    free(bare_svg);
    assert_int_equal(entries_in(state), 0);
}

/* A lone line draws as before overlays existed: no legend unless labelled. */
static void test_single_line_legend(void **state)
{
    overlay_data o;
    make_overlay(&o, NULL, NULL);
    o.panel.more = NULL;
    o.panel.n_more = 0;
    char *plain = render_svg(state, &o.panel, 1);
    assert_int_equal(count_paths(plain, RGB_FIRST), 1);
    assert_int_equal(count_paths(plain, RGB_SECOND), 0);
    o.panel.label = "sedentary";
    char *labelled = render_svg(state, &o.panel, 1);
    assert_int_equal(count_paths(labelled, RGB_FIRST), 2);
    assert_int_equal(count_glyphs(labelled) - count_glyphs(plain), (int)strlen("sedentary"));
    free(plain);
    free(labelled);
}

/* ---- distributions ------------------------------------------------------ */

/* 25 values make 5 bins (square-root rule) over [0, 10]: men fill the two
 * lowest bins (6 and 4 of them), women the two highest (5 and 10), no one the
 * middle. In the group's colour each bar is a filled path then its outline
 * (cairo's SVG names the colour with "stroke:none" for a fill, which the
 * reader counts alike), then come the median line and the legend swatch. */
static void test_distributions(void **state)
{
    double values[25];
    int group[25];
    for (int i = 0; i < 25; i++) {
        group[i] = i >= 10;
        values[i] = i < 6 ? 0.0 + 0.3 * i : i < 10 ? 2.5 + 0.3 * (i - 6)
                    : i < 15                      ? 6.5 + 0.2 * (i - 10)
                                                  : 8.5 + 0.15 * (i - 15);
    }
    values[24] = 10.0;
    static const char *const labels[] = {"men", "women"};
    mh_plot_distribution d = {.name = "liver_fat_pct",
                              .unit = "%",
                              .values = values,
                              .n = 25,
                              .group = group,
                              .group_labels = labels,
                              .n_groups = 2};
    char path[512];
    path_in(state, "dist.svg", path, sizeof path);
    mh_error err = {0};
    assert_int_equal(mh_plot_distributions(path, "population", &d, 1, &err), MH_OK);
    size_t n;
    char *svg = slurp(path, &n);
    remove(path);
    assert_int_equal(count_paths(svg, RGB_FIRST), 2 * 2 + 1 + 1);
    assert_int_equal(count_paths(svg, RGB_SECOND), 2 * 2 + 1 + 1);
    /* The value axis spans the data: the first bin starts at the frame's
     * left edge, the last ends at its right, the empty middle fifth has no
     * bar; heights are in proportion to counts. */
    extent frame = path_extent(stroked_path(svg, RGB_FRAME), 4);
    double width = frame.x1 - frame.x0;
    const char *men = stroked_path(svg, RGB_FIRST);
    const char *men_second = stroked_path(stroked_path(men, RGB_FIRST), RGB_FIRST);
    const char *women = stroked_path(svg, RGB_SECOND);
    const char *women_second = stroked_path(stroked_path(women, RGB_SECOND), RGB_SECOND);
    extent men0 = path_extent(men, 4), men1 = path_extent(men_second, 4);
    extent women0 = path_extent(women, 4), women1 = path_extent(women_second, 4);
    assert_true(fabs(men0.x0 - frame.x0) < 1.0);
    assert_true(fabs(men0.x1 - (frame.x0 + 0.2 * width)) < 1.0);
    assert_true(fabs(women1.x1 - frame.x1) < 1.0);
    assert_true(fabs(women0.x0 - (frame.x0 + 0.6 * width)) < 1.0);
    double base = men0.y1, h6 = base - men0.y0, h4 = base - men1.y0, h5 = base - women0.y0,
           h10 = base - women1.y0;
    assert_true(fabs(h4 / h6 - 4.0 / 6.0) < 0.01);
    assert_true(fabs(h5 / h10 - 0.5) < 0.01);
    free(svg);

    /* a value in a group that does not exist, and a bad name: errors, no file */
    group[3] = 2;
    assert_int_equal(mh_plot_distributions(path, NULL, &d, 1, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "group 2 of 2"));
    group[3] = 0;
    path_in(state, "dist.txt", path, sizeof path);
    assert_int_equal(mh_plot_distributions(path, NULL, &d, 1, &err), MH_ERR_INVALID);
    assert_false(mh_plot_format_known(path));
    /* no finite value at all still draws (it says so) */
    double nothing[2] = {NAN, INFINITY};
    mh_plot_distribution empty = {.name = "x", .values = nothing, .n = 2};
    path_in(state, "empty.png", path, sizeof path);
    assert_int_equal(mh_plot_distributions(path, NULL, &empty, 1, &err), MH_OK);
    assert_true(file_exists(path));
    remove(path);
    assert_int_equal(entries_in(state), 0);
}

/* x-y panels: a scatter with error bars and a fitted line, and a forest plot
 * with labelled rows and a muted reference line at x = 0. */
static void test_xy_figure(void **state)
{
    double x[4] = {0.0263, 0.0417, 0.0112, 0.0389}, y[4] = {0.0711, 0.1549, 0.0215, 0.0972};
    double lo[4], hi[4], rows[4] = {0, 1, 2, 3}, ratio[4], ratio_lo[4], ratio_hi[4];
    for (int i = 0; i < 4; i++) {
        lo[i] = y[i] - 0.0562;
        hi[i] = y[i] + 0.0562;
        ratio[i] = y[i] / x[i];
        ratio_lo[i] = ratio[i] - 1.37;
        ratio_hi[i] = ratio[i] + 1.37;
    }
    static const char *const labels[] = {"rs7412", "rs429358", "rs\xff bad", "IVW"};
    mh_plot_points scatter = {"variants", x, y, NULL, NULL, lo, hi, 4, MH_PLOT_DOT};
    mh_plot_straight fit = {"IVW", 0.0, 2.35, 0, 0};
    mh_plot_points forest = {"ratio", ratio, rows, ratio_lo, ratio_hi, NULL, NULL, 4,
                             MH_PLOT_DIAMOND};
    mh_plot_straight zero = {.vertical = 1, .muted = 1};
    mh_plot_xy panels[2] = {
        {.heading = "scatter", .x_label = "bx", .y_label = "by", .points = &scatter,
         .n_points = 1, .lines = &fit, .n_lines = 1, .x_from_zero = 1, .y_from_zero = 1},
        {.heading = "forest", .x_label = "estimate", .points = &forest, .n_points = 1,
         .lines = &zero, .n_lines = 1, .row_labels = labels, .n_rows = 4},
    };
    char path[512];
    mh_error err = {0};
    static const char *const names[] = {"xy.svg", "xy.png", "xy.pdf"};
    for (int k = 0; k < 3; k++) {
        path_in(state, names[k], path, sizeof path);
        assert_int_equal(mh_plot_xy_write(path, "MR", panels, 2, &err), MH_OK);
        assert_true(file_exists(path));
    }
    /* the fitted line (second colour: after the one point set) spans the first frame */
    path_in(state, "xy.svg", path, sizeof path);
    size_t n;
    char *svg = slurp(path, &n);
    extent frame = path_extent(stroked_path(svg, RGB_FRAME), 4);
    extent line = path_extent(stroked_path(svg, RGB_SECOND), 2);
    assert_true(fabs(line.x0 - frame.x0) < 1.0 && fabs(line.x1 - frame.x1) < 1.0);
    free(svg);
    for (int k = 0; k < 3; k++) {
        path_in(state, names[k], path, sizeof path);
        remove(path);
    }
    /* a forest row outside the rows, an empty point set, a figure too tall */
    path_in(state, "bad.svg", path, sizeof path);
    rows[2] = 4;
    assert_int_equal(mh_plot_xy_write(path, NULL, panels, 2, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "row 4 outside -0.5 to 3.5"));
    rows[2] = 2;
    scatter.n = 0;
    assert_int_equal(mh_plot_xy_write(path, NULL, panels, 2, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "nothing to plot"));
    scatter.n = 4;
    static const char *many[3000];
    for (int i = 0; i < 3000; i++)
        many[i] = "rs1";
    panels[1].row_labels = many;
    panels[1].n_rows = 3000;
    assert_int_equal(mh_plot_xy_write(path, NULL, panels, 2, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "too tall"));
    assert_int_equal(entries_in(state), 0);
}

static void test_overlay_errors(void **state)
{
    overlay_data o;
    make_overlay(&o, "sedentary", "training");
    char path[512];
    path_in(state, "bad-overlay.png", path, sizeof path);
    mh_error err = {0};

    o.more[0].n = 0;
    assert_int_equal(mh_plot_write(path, NULL, &o.panel, 1, &err), MH_ERR_INVALID);
    assert_non_null(
        strstr(err.message, "panel 1 'glucose_mmol_l', line 2 'training': nothing to plot"));
    o.more[0].n = N_LONG;
    o.more[0].y = NULL;
    assert_int_equal(mh_plot_write(path, NULL, &o.panel, 1, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "line 2 'training': no time or value array"));
    o.more[0].y = o.y2;
    o.panel.more = NULL;
    assert_int_equal(mh_plot_write(path, NULL, &o.panel, 1, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "1 more lines but no array"));
    o.panel.more = o.more;
    o.panel.n_more = -1;
    assert_int_equal(mh_plot_write(path, NULL, &o.panel, 1, &err), MH_ERR_INVALID);
    assert_non_null(strstr(err.message, "-1 more lines"));
    assert_int_equal(entries_in(state), 0);
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

/* ---- figures from several series --------------------------------------- */

/* Two runs to compare: different grids and lengths; the second lacks a column. */
static void read_two_runs(void **state, mh_series s[2], const char *second)
{
    char a[512], b[512];
    path_in(state, "sedentary.csv", a, sizeof a);
    path_in(state, "training.csv", b, sizeof b);
    const char *csv_a = "time_min,glucose_mmol_l,insulin_pmol_l\n"
                        "# units: min,mmol/L,pmol/L\n"
                        "0,5.137,41.27\n60,7.482,212.9\n120,6.013,98.61\n";
    write_text(a, csv_a, strlen(csv_a));
    write_text(b, second, strlen(second));
    mh_error err = {0};
    assert_int_equal(mh_series_read(a, &s[0], &err), MH_OK);
    assert_int_equal(mh_series_read(b, &s[1], &err), MH_OK);
    remove(a);
    remove(b);
}

static void test_series_figure(void **state)
{
    mh_series s[2];
    read_two_runs(state, s,
                  "time_min,insulin_pmol_l,glucose_mmol_l\n"
                  "# units: min,pmol/L,mmol/L\n"
                  "0,38.91,4.982\n30,151.3,6.874\n");
    const char *paths[2] = {"runs/sedentary.csv", "training.v2.csv"};
    mh_series_figure f;
    mh_error err = {0};
    assert_int_equal(mh_series_figure_make(s, paths, 2, NULL, 0, NULL, &f, &err), MH_OK);
    assert_int_equal(f.n_panels, 2);
    const mh_plot_panel *p = &f.panels[1];
    assert_string_equal(p->name, "insulin_pmol_l");
    assert_string_equal(p->unit, "pmol/L");
    assert_string_equal(p->label, "sedentary"); /* base names without folder or extension */
    assert_int_equal(p->n, 3);
    assert_true(p->t_min[2] == 120.0 && p->y[1] == 212.9);
    assert_int_equal(p->n_more, 1);
    assert_string_equal(p->more[0].label, "training.v2");
    assert_int_equal(p->more[0].n, 2); /* its own grid: column 1 of the second file */
    assert_true(p->more[0].t_min[1] == 30.0 && p->more[0].y[1] == 151.3);
    assert_true(f.panels[0].more[0].y[0] == 4.982);
    mh_series_figure_free(&f);
    assert_null(f.panels);
    mh_series_figure_free(&f); /* twice is harmless */

    /* Labels given, a selection of variables; a single series has no label. */
    const char *labels[2] = {"sedentary adult", "training"};
    assert_int_equal(mh_series_figure_make(s, paths, 2, labels, 2, "glucose_mmol_l", &f, &err),
                     MH_OK);
    assert_int_equal(f.n_panels, 1);
    assert_string_equal(f.panels[0].label, "sedentary adult");
    assert_string_equal(f.panels[0].more[0].label, "training");
    mh_series_figure_free(&f);
    assert_int_equal(mh_series_figure_make(s, paths, 1, NULL, 0, NULL, &f, &err), MH_OK);
    assert_null(f.panels[0].label);
    assert_int_equal(f.panels[0].n_more, 0);
    assert_null(f.panels[0].more);
    mh_series_figure_free(&f);
    mh_series_free(&s[0]);
    mh_series_free(&s[1]);
}

static void test_series_figure_errors(void **state)
{
    mh_series s[2];
    read_two_runs(state, s, "time_min,glucose_mmol_l\n# units: min,mg/dL\n0,92.5\n");
    const char *paths[2] = {"sedentary.csv", "training.csv"};
    const char *one_label[1] = {"sedentary"};
    const char *empty_label[2] = {"sedentary", ""};
    mh_series_figure f;
    mh_error err = {0};

    assert_int_equal(mh_series_figure_make(s, paths, 2, one_label, 1, NULL, &f, &err),
                     MH_ERR_INVALID);
    assert_string_equal(err.message, "1 label for 2 files: give one per file");
    assert_null(f.panels);
    assert_int_equal(mh_series_figure_make(s, paths, 2, empty_label, 2, NULL, &f, &err),
                     MH_ERR_INVALID);
    assert_string_equal(err.message, "label 2 is empty");

    /* A variable missing from the second file, named with the file. */
    assert_int_equal(mh_series_figure_make(s, paths, 2, NULL, 0, "insulin_pmol_l", &f, &err),
                     MH_ERR_NOT_FOUND);
    assert_string_equal(err.message, "training.csv has no column 'insulin_pmol_l'");
    assert_null(f.panels);
    /* ... or from the first, when asked for by --vars. */
    assert_int_equal(mh_series_figure_make(s, paths, 2, NULL, 0, "glucose_mmol_l,lactate",
                                           &f, &err),
                     MH_ERR_NOT_FOUND);
    assert_string_equal(err.message, "sedentary.csv has no column 'lactate'");
    /* The same variable in two units. */
    assert_int_equal(mh_series_figure_make(s, paths, 2, NULL, 0, "glucose_mmol_l", &f, &err),
                     MH_ERR_INVALID);
    assert_string_equal(err.message,
                        "training.csv has 'glucose_mmol_l' in mg/dL, sedentary.csv has it in "
                        "mmol/L");
    assert_int_equal(mh_series_figure_make(s, paths, 1, NULL, 0, ",", &f, &err),
                     MH_ERR_INVALID);
    assert_string_equal(err.message, "sedentary.csv: nothing to plot");
    mh_series_free(&s[0]);
    mh_series_free(&s[1]);
}

static int occurrences(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static double svg_height(const char *svg)
{
    const char *h = strstr(svg, "height=\"");
    return h ? strtod(h + 8, NULL) : NAN;
}

/* A line's band (a confidence interval) is a translucent fill in its colour;
 * many long labels wrap onto more legend rows instead of being cut, and the
 * panel grows by those rows. */
static void test_bands_and_legend_rows(void **state)
{
    overlay_data o;
    make_overlay(&o, "sedentary", "training");
    char *plain = render_svg(state, &o.panel, 1);
    double low[N_SHORT], high[N_SHORT];
    for (int i = 0; i < N_SHORT; i++) {
        low[i] = o.y1[i] - 0.731;
        high[i] = o.y1[i] + 0.459;
    }
    o.panel.y_low = low;
    o.panel.y_high = high;
    char *banded = render_svg(state, &o.panel, 1);
    assert_true(occurrences(banded, "fill-opacity") > occurrences(plain, "fill-opacity"));
    assert_true(svg_height(banded) == svg_height(plain)); /* two short labels: one row */

    enum { N_ARMS = 12 };
    static const char *const labels[N_ARMS] = {
        "reference",          "anti_ccl2",       "anti_adm",        "disuse",
        "disuse+anti_ccl2",   "disuse+anti_adm", "fatty",           "fatty+anti_ccl2",
        "fatty+anti_adm",     "fatty+disuse",    "fatty+disuse+anti_ccl2",
        "fatty+disuse+anti_adm"};
    mh_plot_line more[N_ARMS - 1];
    size_t letters = strlen(labels[0]);
    for (int k = 1; k < N_ARMS; k++) {
        more[k - 1] = (mh_plot_line){.label = labels[k], .t_min = o.t2, .y = o.y2, .n = N_LONG};
        letters += strlen(labels[k]);
    }
    o.panel.label = labels[0];
    o.panel.more = more;
    o.panel.n_more = N_ARMS - 1;
    char *many = render_svg(state, &o.panel, 1);
    assert_true(svg_height(many) > svg_height(plain));
    /* every label whole (cut labels end in one ellipsis glyph): the figures differ
     * only in their legends, by a glyph per letter */
    size_t plain_letters = strlen("sedentary") + strlen("training");
    assert_int_equal((size_t)(count_glyphs(many) - count_glyphs(plain)), letters - plain_letters);
    free(plain);
    free(banded);
    free(many);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_and_svg),
        cmocka_unit_test(test_bad_extension),
        cmocka_unit_test(test_nothing_to_plot),
        cmocka_unit_test(test_unwritable_leaves_nothing),
        cmocka_unit_test(test_awkward_series),
        cmocka_unit_test(test_overlay_png_and_svg),
        cmocka_unit_test(test_single_line_legend),
        cmocka_unit_test(test_bands_and_legend_rows),
        cmocka_unit_test(test_overlay_errors),
        cmocka_unit_test(test_distributions),
        cmocka_unit_test(test_xy_figure),
        cmocka_unit_test(test_series_read),
        cmocka_unit_test(test_series_without_units),
        cmocka_unit_test(test_series_errors),
        cmocka_unit_test(test_series_figure),
        cmocka_unit_test(test_series_figure_errors),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
