/*
 * plot.c - figures with cairo (plotting layer): time courses, distributions
 * (histograms) and x-y panels (scatter, forest and funnel plots).
 *
 * Time courses, top to bottom: the title, then for each panel a strip for its
 * legend and its plot area, then the shared time axis (histograms and x-y
 * panels have their own value axes under each panel instead). A panel's lines are
 * numbered from 0 (the panel's own) through its overlays; line i is drawn in
 * PALETTE[i], dashed once the palette has been used up. All sizes are device
 * units: pixels for PNG, points for SVG and PDF, so every format looks the
 * same. Drawing happens in one function for all formats; only the surface
 * differs. Times arrive in minutes and are divided by 60 (hours) or 1440
 * (days) for display only.
 *
 * cairo's toy text API is enough here (one font, short ASCII-ish labels); all
 * text is made valid UTF-8 first because cairo refuses anything else and would
 * fail the whole figure over one bad byte in a column name.
 */
#include "plot/plot.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/file.h"
#include "core/units.h"

/* Layout, in device units. */
enum {
    FIG_WIDTH = 900,
    PANEL_HEIGHT = 220,    /* legend strip plus plot area */
    LEGEND_STRIP = 26,     /* above each plot area */
    TITLE_HEIGHT = 38,
    TOP_WITHOUT_TITLE = 8,
    BOTTOM_MARGIN = 56,    /* time tick labels and the axis label */
    RIGHT_MARGIN = 28,
    MAX_FIG_HEIGHT = 32000, /* cairo image surfaces stop at 32767 */
    MAX_TICKS = 64,
    X_TICK_TARGET = 9,
    Y_TICK_TARGET = 5,
    TEXT_MAX = 512
};

#define FONT_FAMILY "DejaVu Sans"
#define FONT_TITLE 16.0
#define FONT_AXIS_LABEL 13.0
#define FONT_TICK 11.0
#define FONT_LEGEND 11.0
#define FONT_MIN 9.0 /* smaller axis labels are cut short instead */

/* Legend entries: a swatch, a gap, the text, then spacing before the next entry. */
#define LEGEND_SWATCH 18.0
#define LEGEND_GAP 5.0
#define LEGEND_SPACING 16.0
#define LEGEND_LABEL_MIN 24.0 /* line labels are never cut shorter than this */

/* Spans up to 72 h are shown in hours, longer ones in days. */
#define HOURS_MAX_SPAN_MIN (72.0 * MH_MIN_PER_HOUR)
/* Magnitudes beyond this are treated like non-finite values: skipped. */
#define PLOTTABLE_MAX 1e300
/* Pixel coordinates are clamped to this so cairo's fixed-point maths never overflows. */
#define PIXEL_LIMIT 1e6

typedef struct rgba {
    double r, g, b, a;
} rgba;

static const rgba COLOR_TEXT = {0.10, 0.10, 0.10, 1.0};
static const rgba COLOR_MUTED = {0.45, 0.45, 0.45, 1.0};
static const rgba COLOR_GRID = {0.88, 0.88, 0.88, 1.0};
static const rgba COLOR_FRAME = {0.35, 0.35, 0.35, 1.0};
static const rgba COLOR_REF = {0.80, 0.25, 0.10, 1.0};
static const rgba COLOR_BAND = {0.20, 0.65, 0.30, 0.16};
static const rgba COLOR_WINDOW = {0.45, 0.50, 0.70, 0.14};

/* Line colours: first the blue of a single line, then the colour-blind-safe
 * palette of Okabe & Ito (Color Universal Design, 2008) without its yellow
 * (too pale on white) and its blue (too close to the first). */
static const rgba PALETTE[] = {
    {0.12, 0.35, 0.65, 1.0},                      /* single-line blue */
    {230 / 255.0, 159 / 255.0, 0 / 255.0, 1.0},   /* orange */
    {0 / 255.0, 158 / 255.0, 115 / 255.0, 1.0},   /* bluish green */
    {204 / 255.0, 121 / 255.0, 167 / 255.0, 1.0}, /* reddish purple */
    {86 / 255.0, 180 / 255.0, 233 / 255.0, 1.0},  /* sky blue */
    {213 / 255.0, 94 / 255.0, 0 / 255.0, 1.0},    /* vermillion */
    {0.0, 0.0, 0.0, 1.0},                         /* black */
};
enum { N_PALETTE = sizeof PALETTE / sizeof PALETTE[0] };

typedef enum plot_format { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } plot_format;

/* One axis in display units, with "nice" ticks (steps of 1, 2 or 5 times a power of ten). */
typedef struct axis {
    double lo, hi;
    double first, step; /* ticks at first + i * step, i < n_ticks */
    int n_ticks;
    int decimals; /* digits after the point in labels; -1 for %g */
} axis;

typedef struct panel_layout {
    axis y;
    int has_data; /* at least one plottable point on the line */
} panel_layout;

typedef struct layout {
    double width, height;
    double left, right, top;
    double minutes_per_unit; /* 60 (hours) or 1440 (days) */
    const char *x_label;
    axis x;
    panel_layout *panels;
    int legend_rows;     /* rows of legend above each plot area: 1, more for many lines */
    double panel_height; /* legend rows plus plot area */
} layout;

/* ---- small helpers ------------------------------------------------------ */

static int plottable(double v) { return isfinite(v) && fabs(v) <= PLOTTABLE_MAX; }

static int format_of(const char *path, plot_format *fmt)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return 0;
    if (strcasecmp(dot, ".png") == 0)
        *fmt = FORMAT_PNG;
    else if (strcasecmp(dot, ".svg") == 0)
        *fmt = FORMAT_SVG;
    else if (strcasecmp(dot, ".pdf") == 0)
        *fmt = FORMAT_PDF;
    else
        return 0;
    return 1;
}

/* Replace every byte that is not part of a well-formed UTF-8 sequence with '?'. */
static void make_utf8(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        size_t len = 0;
        unsigned int cp = 0, min = 0;
        if (*p < 0x80) {
            p++;
            continue;
        } else if ((*p & 0xE0) == 0xC0) {
            len = 2, cp = *p & 0x1F, min = 0x80;
        } else if ((*p & 0xF0) == 0xE0) {
            len = 3, cp = *p & 0x0F, min = 0x800;
        } else if ((*p & 0xF8) == 0xF0) {
            len = 4, cp = *p & 0x07, min = 0x10000;
        }
        size_t i = 1;
        for (; len && i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                break;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (len && i == len && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            p += len;
        } else {
            *p = '?';
            p++;
        }
    }
}

/* Copy `s` into buf (cut to size) as text cairo accepts. */
static void copy_utf8(char *buf, size_t size, const char *s)
{
    snprintf(buf, size, "%s", s);
    make_utf8(buf);
}

static void set_color(cairo_t *cr, rgba c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

/* Pen of line `index` of a panel: its palette colour, dashed after the first round. */
static void set_line_pen(cairo_t *cr, int index)
{
    static const double dash[] = {7.0, 4.0};
    set_color(cr, PALETTE[index % N_PALETTE]);
    cairo_set_line_width(cr, 1.6);
    cairo_set_dash(cr, dash, index < N_PALETTE ? 0 : 2, 0.0);
}

static int n_lines(const mh_plot_panel *p) { return 1 + p->n_more; }

/* Line `index` of a panel: 0 is the panel's own, then its overlays. */
static mh_plot_line line_of(const mh_plot_panel *p, int index)
{
    if (index == 0)
        return (mh_plot_line){.label = p->label,
                              .t_min = p->t_min,
                              .y = p->y,
                              .n = p->n,
                              .y_low = p->y_low,
                              .y_high = p->y_high};
    return p->more[index - 1];
}

static int has_label(const char *s) { return s && s[0]; }

static void set_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Draw `s` anchored at (x, y): ax 0/0.5/1 = left/centre/right, ay 0/0.5/1 = top/middle/bottom. */
static void text_at(cairo_t *cr, double x, double y, const char *s, double ax, double ay)
{
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    double baseline = y + fe.ascent - ay * (fe.ascent + fe.descent);
    cairo_move_to(cr, x - ax * text_width(cr, s), baseline);
    cairo_show_text(cr, s);
}

/* Centre of a 1-unit line on the pixel grid, so PNG lines stay crisp. */
static double crisp(double v) { return floor(v) + 0.5; }

static double clamp_pixel(double v)
{
    return v < -PIXEL_LIMIT ? -PIXEL_LIMIT : v > PIXEL_LIMIT ? PIXEL_LIMIT : v;
}

/* ---- axes and ticks ----------------------------------------------------- */

/* A step of 1, 2 or 5 times a power of ten whose tick count is closest (by
 * ratio) to `target`. */
static double nice_step(double span, int target)
{
    double raw = span / target;
    if (!(raw > 0) || !isfinite(raw))
        return 0;
    double magnitude = pow(10.0, floor(log10(raw)));
    static const double factors[] = {0.5, 1.0, 2.0, 5.0, 10.0, 20.0};
    double best = 0, best_miss = INFINITY;
    for (size_t i = 0; i < sizeof factors / sizeof factors[0]; i++) {
        double step = factors[i] * magnitude;
        double miss = fabs(log((span / step) / target));
        if (step > 0 && isfinite(step) && miss < best_miss) {
            best = step;
            best_miss = miss;
        }
    }
    return best;
}

static void axis_make(axis *a, double lo, double hi, int target)
{
    a->lo = lo;
    a->hi = hi;
    a->first = lo;
    a->step = 0;
    a->n_ticks = 0;
    a->decimals = 0;
    double step = nice_step(hi - lo, target);
    if (step == 0)
        return;
    double first = ceil(lo / step - 1e-9) * step;
    double count = floor((hi - first) / step + 1e-9) + 1;
    if (!(count >= 1) || count > MAX_TICKS)
        return;
    a->first = first;
    a->step = step;
    a->n_ticks = (int)count;
    double exponent = floor(log10(step) + 1e-9);
    double biggest = fmax(fabs(lo), fabs(hi));
    if (exponent < -6 || biggest >= 1e7)
        a->decimals = -1;
    else
        a->decimals = exponent >= 0 ? 0 : (int)-exponent;
}

static double tick_value(const axis *a, int i)
{
    double v = a->first + i * a->step;
    return fabs(v) < 1e-9 * a->step ? 0.0 : v; /* no "-0" */
}

static void tick_label(const axis *a, int i, char *buf, size_t size)
{
    double v = tick_value(a, i);
    if (a->decimals < 0)
        snprintf(buf, size, "%g", v);
    else
        snprintf(buf, size, "%.*f", a->decimals, v);
}

/* Widen [*lo, *hi] to the plottable points of a line: their times (with
 * `times` set) or their values. Returns whether the line has any. */
static int widen_to_line(mh_plot_line ln, int times, double *lo, double *hi)
{
    int any = 0;
    for (size_t i = 0; i < ln.n; i++) {
        if (plottable(ln.t_min[i]) && plottable(ln.y[i])) {
            double v = times ? ln.t_min[i] : ln.y[i];
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
            any = 1;
            if (!times && ln.y_low && ln.y_high && plottable(ln.y_low[i]) && plottable(ln.y_high[i])) {
                *lo = fmin(*lo, ln.y_low[i]);
                *hi = fmax(*hi, ln.y_high[i]);
            }
        }
    }
    return any;
}

/* Value range of a panel's y axis: lines, reference points with their error
 * bars and the band, padded 5 % each side. A flat series gets +-10 % of its
 * value (or +-1 around zero) so it sits mid-panel with readable ticks. */
static void panel_y_axis(const mh_plot_panel *p, panel_layout *pl)
{
    double lo = INFINITY, hi = -INFINITY;
    pl->has_data = 0;
    for (int k = 0; k < n_lines(p); k++)
        pl->has_data |= widen_to_line(line_of(p, k), 0, &lo, &hi);
    for (size_t i = 0; i < p->n_ref; i++) {
        if (!plottable(p->ref_t_min[i]) || !plottable(p->ref_y[i]))
            continue;
        lo = fmin(lo, p->ref_y[i]);
        hi = fmax(hi, p->ref_y[i]);
        if (p->ref_low && plottable(p->ref_low[i]))
            lo = fmin(lo, p->ref_low[i]);
        if (p->ref_high && plottable(p->ref_high[i]))
            hi = fmax(hi, p->ref_high[i]);
    }
    if (p->has_band && plottable(p->band_low) && plottable(p->band_high)) {
        lo = fmin(lo, p->band_low);
        hi = fmax(hi, p->band_high);
    }
    if (lo > hi) {
        lo = 0.0;
        hi = 1.0;
    } else if (hi - lo <= 1e-9 * fmax(fabs(lo), fabs(hi))) {
        double centre = 0.5 * (lo + hi);
        double half = centre == 0.0 ? 1.0 : 0.1 * fabs(centre);
        lo = centre - half;
        hi = centre + half;
    } else {
        double pad = 0.05 * (hi - lo);
        lo -= pad;
        hi += pad;
    }
    axis_make(&pl->y, lo, hi, Y_TICK_TARGET);
}

/* The shared time axis: all plottable line and reference times, unpadded. */
static void time_axis(const mh_plot_panel *panels, int n_panels, layout *L)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < n_panels; k++) {
        const mh_plot_panel *p = &panels[k];
        for (int j = 0; j < n_lines(p); j++)
            widen_to_line(line_of(p, j), 1, &lo, &hi);
        for (size_t i = 0; i < p->n_ref; i++) {
            if (plottable(p->ref_t_min[i]) && plottable(p->ref_y[i])) {
                lo = fmin(lo, p->ref_t_min[i]);
                hi = fmax(hi, p->ref_t_min[i]);
            }
        }
    }
    if (lo > hi) {
        lo = 0.0;
        hi = MH_MIN_PER_HOUR;
    } else if (hi - lo <= 1e-9 * fmax(fabs(lo), fabs(hi))) {
        lo -= 0.5 * MH_MIN_PER_HOUR;
        hi += 0.5 * MH_MIN_PER_HOUR;
    }
    int hours = hi - lo <= HOURS_MAX_SPAN_MIN;
    L->minutes_per_unit = hours ? MH_MIN_PER_HOUR : MH_MIN_PER_DAY;
    L->x_label = hours ? "time (h)" : "time (days)";
    axis_make(&L->x, lo / L->minutes_per_unit, hi / L->minutes_per_unit, X_TICK_TARGET);
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct area {
    double x0, y0, x1, y1; /* plot area in device units */
    const axis *x, *y;
    double minutes_per_unit;
} area;

static double px_of(const area *a, double t_min)
{
    double u = t_min / a->minutes_per_unit;
    return clamp_pixel(a->x0 + (u - a->x->lo) / (a->x->hi - a->x->lo) * (a->x1 - a->x0));
}

static double py_of(const area *a, double v)
{
    return clamp_pixel(a->y1 - (v - a->y->lo) / (a->y->hi - a->y->lo) * (a->y1 - a->y0));
}

/* A polyline that merges points falling in the same pixel column into their
 * lowest, highest and last values: the drawn envelope is unchanged, and a year
 * sampled every minute still makes an SVG of modest size. */
typedef struct polyline {
    cairo_t *cr;
    size_t points; /* in the current unbroken run */
    double column;
    double lo, hi, last_x, last_y;
    int merged;
} polyline;

static void poly_start_column(polyline *pl, double x, double y)
{
    pl->column = floor(x);
    pl->lo = pl->hi = pl->last_y = y;
    pl->last_x = x;
    pl->merged = 0;
}

static void poly_flush_column(polyline *pl)
{
    if (pl->merged) {
        cairo_line_to(pl->cr, pl->last_x, pl->lo);
        cairo_line_to(pl->cr, pl->last_x, pl->hi);
        cairo_line_to(pl->cr, pl->last_x, pl->last_y);
    }
    pl->merged = 0;
}

static void poly_add(polyline *pl, double x, double y)
{
    if (pl->points == 0) {
        cairo_move_to(pl->cr, x, y);
        poly_start_column(pl, x, y);
    } else if (floor(x) == pl->column) {
        pl->lo = fmin(pl->lo, y);
        pl->hi = fmax(pl->hi, y);
        pl->last_x = x;
        pl->last_y = y;
        pl->merged = 1;
    } else {
        poly_flush_column(pl);
        cairo_line_to(pl->cr, x, y);
        poly_start_column(pl, x, y);
    }
    pl->points++;
}

/* End the current run: stroke it, or mark a lone point with a dot. */
static void poly_end(polyline *pl)
{
    if (pl->points == 1) {
        cairo_new_path(pl->cr);
        cairo_arc(pl->cr, pl->last_x, pl->last_y, 2.2, 0.0, 2.0 * M_PI);
        cairo_fill(pl->cr);
    } else if (pl->points > 1) {
        poly_flush_column(pl);
        cairo_stroke(pl->cr);
    }
    pl->points = 0;
}

/* Line `index` of panel `p`, over the lines before it. */
static void draw_line(cairo_t *cr, const area *a, const mh_plot_panel *p, int index)
{
    mh_plot_line ln = line_of(p, index);
    set_line_pen(cr, index);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    polyline pl = {.cr = cr};
    for (size_t i = 0; i < ln.n; i++) {
        if (plottable(ln.t_min[i]) && plottable(ln.y[i]))
            poly_add(&pl, px_of(a, ln.t_min[i]), py_of(a, ln.y[i]));
        else
            poly_end(&pl); /* a gap in the data breaks the line */
    }
    poly_end(&pl);
    cairo_set_dash(cr, NULL, 0, 0.0);
}

/* The band of line `index` (if it has one), a translucent fill in the line's
 * colour, drawn before every line so no line hides behind another's band.
 * A point without finite limits breaks the band, as a gap breaks the line. */
static void draw_line_band(cairo_t *cr, const area *a, const mh_plot_panel *p, int index)
{
    mh_plot_line ln = line_of(p, index);
    if (!ln.y_low || !ln.y_high)
        return;
    /* the more bands overlap, the lighter each, so that lines and bands stay readable */
    int banded = 0;
    for (int k = 0; k < n_lines(p); k++)
        banded += line_of(p, k).y_low && line_of(p, k).y_high;
    rgba c = PALETTE[index % N_PALETTE];
    c.a = fmax(0.06, fmin(0.18, 0.54 / banded));
    set_color(cr, c);
    for (size_t from = 0; from < ln.n;) {
        size_t to = from;
        while (to < ln.n && plottable(ln.t_min[to]) && plottable(ln.y_low[to]) &&
               plottable(ln.y_high[to]))
            to++;
        if (to > from + 1) {
            cairo_move_to(cr, px_of(a, ln.t_min[from]), py_of(a, ln.y_high[from]));
            for (size_t i = from + 1; i < to; i++)
                cairo_line_to(cr, px_of(a, ln.t_min[i]), py_of(a, ln.y_high[i]));
            for (size_t i = to; i-- > from;)
                cairo_line_to(cr, px_of(a, ln.t_min[i]), py_of(a, ln.y_low[i]));
            cairo_close_path(cr);
            cairo_fill(cr);
        }
        from = to + 1;
    }
}

static void draw_reference(cairo_t *cr, const area *a, const mh_plot_panel *p)
{
    set_color(cr, COLOR_REF);
    cairo_set_line_width(cr, 1.2);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t i = 0; i < p->n_ref; i++) {
        if (!plottable(p->ref_t_min[i]) || !plottable(p->ref_y[i]))
            continue;
        double low = p->ref_low && plottable(p->ref_low[i]) ? p->ref_low[i] : p->ref_y[i];
        double high = p->ref_high && plottable(p->ref_high[i]) ? p->ref_high[i] : p->ref_y[i];
        if (low == p->ref_y[i] && high == p->ref_y[i])
            continue;
        double x = px_of(a, p->ref_t_min[i]);
        double y_low = py_of(a, low), y_high = py_of(a, high);
        cairo_move_to(cr, x, y_low);
        cairo_line_to(cr, x, y_high);
        cairo_move_to(cr, x - 3.5, y_low);
        cairo_line_to(cr, x + 3.5, y_low);
        cairo_move_to(cr, x - 3.5, y_high);
        cairo_line_to(cr, x + 3.5, y_high);
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < p->n_ref; i++) {
        if (!plottable(p->ref_t_min[i]) || !plottable(p->ref_y[i]))
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, px_of(a, p->ref_t_min[i]), py_of(a, p->ref_y[i]), 3.6, 0.0, 2.0 * M_PI);
    }
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_set_line_width(cr, 0.9);
    cairo_stroke(cr);
}

/* Shaded target band and check window, behind the data. */
static void draw_shading(cairo_t *cr, const area *a, const mh_plot_panel *p)
{
    if (p->has_window) {
        double x_from = px_of(a, p->window_from_min), x_to = px_of(a, p->window_to_min);
        if (x_to - x_from < 1.0)
            x_to = x_from + 1.0;
        set_color(cr, COLOR_WINDOW);
        cairo_rectangle(cr, x_from, a->y0, x_to - x_from, a->y1 - a->y0);
        cairo_fill(cr);
    }
    if (p->has_band) {
        double y_low = py_of(a, p->band_low), y_high = py_of(a, p->band_high);
        if (y_low - y_high < 1.0)
            y_high = y_low - 1.0;
        set_color(cr, COLOR_BAND);
        cairo_rectangle(cr, a->x0, y_high, a->x1 - a->x0, y_low - y_high);
        cairo_fill(cr);
    }
}

static void draw_grid(cairo_t *cr, const area *a)
{
    set_color(cr, COLOR_GRID);
    cairo_set_line_width(cr, 1.0);
    for (int i = 0; i < a->x->n_ticks; i++) {
        double x = crisp(a->x0 + (tick_value(a->x, i) - a->x->lo) / (a->x->hi - a->x->lo) *
                                     (a->x1 - a->x0));
        cairo_move_to(cr, x, a->y0);
        cairo_line_to(cr, x, a->y1);
    }
    for (int i = 0; i < a->y->n_ticks; i++) {
        double y = crisp(py_of(a, tick_value(a->y, i)));
        cairo_move_to(cr, a->x0, y);
        cairo_line_to(cr, a->x1, y);
    }
    cairo_stroke(cr);
}

/* Frame, tick marks and tick labels; time labels only under the last panel. */
static void draw_axes(cairo_t *cr, const area *a, int time_labels)
{
    set_color(cr, COLOR_FRAME);
    cairo_set_line_width(cr, 1.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    double fx0 = crisp(a->x0), fy0 = crisp(a->y0), fx1 = crisp(a->x1), fy1 = crisp(a->y1);
    cairo_rectangle(cr, fx0, fy0, fx1 - fx0, fy1 - fy0);
    char label[64];
    for (int i = 0; i < a->y->n_ticks; i++) {
        double y = crisp(py_of(a, tick_value(a->y, i)));
        cairo_move_to(cr, fx0 - 4.0, y);
        cairo_line_to(cr, fx0, y);
    }
    for (int i = 0; i < a->x->n_ticks; i++) {
        double x = crisp(a->x0 + (tick_value(a->x, i) - a->x->lo) / (a->x->hi - a->x->lo) *
                                     (a->x1 - a->x0));
        cairo_move_to(cr, x, fy1);
        cairo_line_to(cr, x, fy1 + 4.0);
    }
    cairo_stroke(cr);

    set_color(cr, COLOR_TEXT);
    set_font(cr, FONT_TICK, 0);
    for (int i = 0; i < a->y->n_ticks; i++) {
        tick_label(a->y, i, label, sizeof label);
        text_at(cr, fx0 - 7.0, py_of(a, tick_value(a->y, i)), label, 1.0, 0.5);
    }
    if (!time_labels)
        return;
    for (int i = 0; i < a->x->n_ticks; i++) {
        double x = a->x0 + (tick_value(a->x, i) - a->x->lo) / (a->x->hi - a->x->lo) *
                               (a->x1 - a->x0);
        tick_label(a->x, i, label, sizeof label);
        text_at(cr, x, fy1 + 7.0, label, 0.5, 0.0);
    }
}

/* Cut `s` (valid UTF-8, in a buffer of `size` bytes) so it fits `room`, ending in an ellipsis. */
static void fit_text(cairo_t *cr, char *s, size_t size, double room)
{
    static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */
    size_t len = strlen(s);
    if (text_width(cr, s) <= room)
        return;
    while (len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
        if (len + sizeof ellipsis > size)
            continue;
        memcpy(s + len, ellipsis, sizeof ellipsis);
        if (text_width(cr, s) <= room)
            return;
    }
}

/* "name (unit)" along the left edge, shrunk (then cut) to fit the panel's height. */
static void draw_y_label(cairo_t *cr, const area *a, const char *name, const char *unit)
{
    char label[TEXT_MAX];
    name = name ? name : "";
    if (unit && unit[0])
        snprintf(label, sizeof label, "%s (%s)", name, unit);
    else
        snprintf(label, sizeof label, "%s", name);
    make_utf8(label);
    double size = FONT_AXIS_LABEL;
    set_font(cr, size, 0);
    double width = text_width(cr, label), room = a->y1 - a->y0 - 4.0;
    if (width > room) {
        size = fmax(FONT_MIN, size * room / width);
        set_font(cr, size, 0);
        fit_text(cr, label, sizeof label, room);
    }
    set_color(cr, COLOR_TEXT);
    cairo_save(cr);
    cairo_translate(cr, 10.0, 0.5 * (a->y0 + a->y1));
    cairo_rotate(cr, -0.5 * M_PI);
    text_at(cr, 0.0, 0.0, label, 0.5, 0.0);
    cairo_restore(cr);
}

typedef enum legend_kind { LEGEND_LINE, LEGEND_POINT, LEGEND_BAND, LEGEND_WINDOW } legend_kind;

/* One legend entry ending at `right`; `line` is the line index for LEGEND_LINE.
 * Returns where the next one must end. */
static double legend_entry(cairo_t *cr, double right, double mid_y, legend_kind kind, int line,
                           const char *text)
{
    double text_w = text_width(cr, text);
    double x = right - text_w - LEGEND_GAP - LEGEND_SWATCH;
    switch (kind) {
    case LEGEND_LINE:
        set_line_pen(cr, line);
        cairo_move_to(cr, x, mid_y);
        cairo_line_to(cr, x + LEGEND_SWATCH, mid_y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0.0);
        break;
    case LEGEND_POINT:
        set_color(cr, COLOR_REF);
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, x + 0.5 * LEGEND_SWATCH, mid_y - 6.0);
        cairo_line_to(cr, x + 0.5 * LEGEND_SWATCH, mid_y + 6.0);
        cairo_stroke(cr);
        cairo_arc(cr, x + 0.5 * LEGEND_SWATCH, mid_y, 3.6, 0.0, 2.0 * M_PI);
        cairo_fill(cr);
        break;
    case LEGEND_BAND:
    case LEGEND_WINDOW:
        set_color(cr, kind == LEGEND_BAND ? COLOR_BAND : COLOR_WINDOW);
        cairo_rectangle(cr, x, mid_y - 5.0, LEGEND_SWATCH, 10.0);
        cairo_fill(cr);
        break;
    }
    set_color(cr, COLOR_TEXT);
    text_at(cr, right - text_w, mid_y, text, 0.0, 0.5);
    return x - LEGEND_SPACING;
}

/* Legend text of line `index` into buf: its label, else "simulated" for the
 * panel's own line when there are other entries (reference, band, window) to
 * tell it from; returns 0 when the line has no entry. */
static int line_legend(const mh_plot_panel *p, int index, int has_extras, char *buf, size_t size)
{
    const char *label = line_of(p, index).label;
    if (!has_label(label)) {
        if (index > 0 || !has_extras)
            return 0;
        label = "simulated";
    }
    copy_utf8(buf, size, label);
    return 1;
}

/* Legend in the strip above the plot area, read left to right: the lines in
 * order, then reference, target range and check window. None for a lone
 * unlabelled line. When the entries would overflow the strip, line labels are
 * all cut to the same width. */
static void draw_legend_rows(cairo_t *cr, const area *a, const mh_plot_panel *p, int rows);

static void draw_legend(cairo_t *cr, const area *a, const mh_plot_panel *p, int rows)
{
    static const double entry_extra = LEGEND_SWATCH + LEGEND_GAP + LEGEND_SPACING;
    if (rows > 1) {
        draw_legend_rows(cr, a, p, rows);
        return;
    }
    int has_ref = p->n_ref > 0, has_extras = has_ref || p->has_band || p->has_window;
    char text[TEXT_MAX];
    set_font(cr, FONT_LEGEND, 0);
    double room = a->x1 - a->x0, wanted = 0.0; /* for the line labels */
    int n_labelled = 0;
    if (p->has_window)
        room -= text_width(cr, "check window") + entry_extra;
    if (p->has_band)
        room -= text_width(cr, "target range") + entry_extra;
    if (has_ref)
        room -= text_width(cr, "reference") + entry_extra;
    for (int k = 0; k < n_lines(p); k++) {
        if (line_legend(p, k, has_extras, text, sizeof text)) {
            wanted += text_width(cr, text);
            room -= entry_extra;
            n_labelled++;
        }
    }
    if (n_labelled == 0 && !has_extras)
        return;
    double cap = wanted <= room ? INFINITY : fmax(LEGEND_LABEL_MIN, room / n_labelled);
    double mid_y = a->y0 - 0.5 * LEGEND_STRIP;
    double right = a->x1;
    if (p->has_window)
        right = legend_entry(cr, right, mid_y, LEGEND_WINDOW, 0, "check window");
    if (p->has_band)
        right = legend_entry(cr, right, mid_y, LEGEND_BAND, 0, "target range");
    if (has_ref)
        right = legend_entry(cr, right, mid_y, LEGEND_POINT, 0, "reference");
    for (int k = n_lines(p) - 1; k >= 0; k--) {
        if (!line_legend(p, k, has_extras, text, sizeof text))
            continue;
        fit_text(cr, text, sizeof text, cap);
        right = legend_entry(cr, right, mid_y, LEGEND_LINE, k, text);
    }
}

/* A line's legend entry, for a legend of several rows. */
typedef struct legend_item {
    char text[TEXT_MAX];
    double width; /* swatch, gap, text and spacing */
    int line;     /* the line's index in the panel */
} legend_item;

/* The lines' legend entries, each cut to fit one row; returns how many. */
static int legend_items(cairo_t *cr, const mh_plot_panel *p, double room, legend_item *items,
                        int max_items)
{
    static const double entry_extra = LEGEND_SWATCH + LEGEND_GAP + LEGEND_SPACING;
    int has_extras = p->n_ref > 0 || p->has_band || p->has_window, n = 0;
    set_font(cr, FONT_LEGEND, 0);
    for (int k = 0; k < n_lines(p) && n < max_items; k++)
        if (line_legend(p, k, has_extras, items[n].text, sizeof items[n].text)) {
            fit_text(cr, items[n].text, sizeof items[n].text, room - entry_extra);
            items[n].width = text_width(cr, items[n].text) + entry_extra;
            items[n++].line = k;
        }
    return n;
}

enum { LEGEND_MAX_ROWS = 6, LEGEND_MAX_ITEMS = 64 };

/* Rows a panel's line labels need, uncut, in `room` (1 when they fit in one,
 * or when even LEGEND_MAX_ROWS would not hold them: then labels are cut). Only
 * figures of lines alone wrap; one with reference points, a band or a window
 * keeps its single row. */
static int legend_rows_needed(cairo_t *cr, const mh_plot_panel *p, double room)
{
    if (p->n_ref > 0 || p->has_band || p->has_window || n_lines(p) > LEGEND_MAX_ITEMS)
        return 1;
    legend_item items[LEGEND_MAX_ITEMS];
    int n = legend_items(cr, p, room, items, LEGEND_MAX_ITEMS), rows = 1;
    double used = 0.0;
    for (int i = 0; i < n; i++) {
        if (used > 0.0 && used + items[i].width > room) {
            rows++;
            used = 0.0;
        }
        used += items[i].width;
    }
    return rows <= LEGEND_MAX_ROWS ? rows : 1;
}

/* The lines' legend in `rows` rows above the plot area, read left to right. */
static void draw_legend_rows(cairo_t *cr, const area *a, const mh_plot_panel *p, int rows)
{
    legend_item items[LEGEND_MAX_ITEMS];
    double room = a->x1 - a->x0, left = a->x0;
    int n = legend_items(cr, p, room, items, LEGEND_MAX_ITEMS), row = 0;
    for (int i = 0; i < n; i++) {
        if (left > a->x0 && left + items[i].width > a->x1 && row + 1 < rows) {
            row++;
            left = a->x0;
        }
        double mid_y = a->y0 - (rows - row - 0.5) * LEGEND_STRIP;
        /* legend_entry lays out from the right: give it this entry's right end */
        legend_entry(cr, left + items[i].width - LEGEND_SPACING, mid_y, LEGEND_LINE,
                     items[i].line, items[i].text);
        left += items[i].width;
    }
}

static void draw_panel(cairo_t *cr, const layout *L, const mh_plot_panel *p,
                       const panel_layout *pl, double top, int time_labels)
{
    area a = {.x0 = L->left,
              .x1 = L->width - L->right,
              .y0 = top + L->legend_rows * (double)LEGEND_STRIP,
              .y1 = top + L->panel_height,
              .x = &L->x,
              .y = &pl->y,
              .minutes_per_unit = L->minutes_per_unit};
    draw_grid(cr, &a);
    cairo_save(cr);
    cairo_rectangle(cr, a.x0, a.y0, a.x1 - a.x0, a.y1 - a.y0);
    cairo_clip(cr);
    draw_shading(cr, &a, p);
    for (int k = 0; k < n_lines(p); k++)
        draw_line_band(cr, &a, p, k);
    for (int k = 0; k < n_lines(p); k++)
        draw_line(cr, &a, p, k);
    if (p->n_ref > 0)
        draw_reference(cr, &a, p);
    cairo_restore(cr);
    if (!pl->has_data) {
        set_color(cr, COLOR_MUTED);
        set_font(cr, FONT_LEGEND, 0);
        text_at(cr, 0.5 * (a.x0 + a.x1), 0.5 * (a.y0 + a.y1), "no finite values", 0.5, 0.5);
    }
    draw_axes(cr, &a, time_labels);
    draw_y_label(cr, &a, p->name, p->unit);
    draw_legend(cr, &a, p, L->legend_rows);
    if (time_labels) {
        set_color(cr, COLOR_TEXT);
        set_font(cr, FONT_AXIS_LABEL, 0);
        text_at(cr, 0.5 * (a.x0 + a.x1), a.y1 + BOTTOM_MARGIN - 6.0, L->x_label, 0.5, 1.0);
    }
}

/* The width of the widest tick label of an axis, or `widest` if that is wider
 * (the font must be set). */
static double widest_tick(cairo_t *cr, const axis *a, double widest)
{
    char label[64];
    for (int i = 0; i < a->n_ticks; i++) {
        tick_label(a, i, label, sizeof label);
        widest = fmax(widest, text_width(cr, label));
    }
    return widest;
}

/* The white page, and the figure's title (if any) centred over [left, right]. */
static void draw_page(cairo_t *cr, const char *title, double left, double right)
{
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
    if (!title || !title[0])
        return;
    char text[TEXT_MAX];
    copy_utf8(text, sizeof text, title);
    set_color(cr, COLOR_TEXT);
    set_font(cr, FONT_TITLE, 1);
    fit_text(cr, text, sizeof text, right - left);
    text_at(cr, 0.5 * (left + right), 0.5 * TITLE_HEIGHT + 2.0, text, 0.5, 0.5);
}

/* The left margin fits the widest y tick label plus the rotated axis label. */
static double left_margin(cairo_t *cr, const layout *L, int n_panels)
{
    set_font(cr, FONT_TICK, 0);
    double widest = 0.0;
    for (int k = 0; k < n_panels; k++)
        widest = widest_tick(cr, &L->panels[k].y, widest);
    set_font(cr, FONT_AXIS_LABEL, 0);
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    return fmax(64.0, 10.0 + fe.ascent + fe.descent + 10.0 + widest + 8.0);
}

/* Legend rows for the figure (the most any panel needs, so panels stay alike),
 * measured on a scratch surface before the figure's own exists; one row when
 * more would make the figure too tall. */
static void legend_layout(layout *L, const mh_plot_panel *panels, int n_panels)
{
    L->legend_rows = 1;
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(scratch);
    if (cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
        double room = L->width - L->right - left_margin(cr, L, n_panels);
        for (int k = 0; k < n_panels; k++) {
            int rows = legend_rows_needed(cr, &panels[k], room);
            L->legend_rows = rows > L->legend_rows ? rows : L->legend_rows;
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
    double extra = (L->legend_rows - 1) * (double)LEGEND_STRIP;
    if (L->top + n_panels * (PANEL_HEIGHT + extra) + BOTTOM_MARGIN > MAX_FIG_HEIGHT) {
        L->legend_rows = 1;
        extra = 0.0;
    }
    L->panel_height = PANEL_HEIGHT + extra;
}

static void draw_figure(cairo_t *cr, layout *L, const char *title, const mh_plot_panel *panels,
                        int n_panels)
{
    L->left = left_margin(cr, L, n_panels);
    draw_page(cr, title, L->left, L->width - L->right);
    for (int k = 0; k < n_panels; k++)
        draw_panel(cr, L, &panels[k], &L->panels[k], L->top + k * L->panel_height,
                   k == n_panels - 1);
}

/* ---- checking and writing ----------------------------------------------- */

static mh_status check_panels(const char *path, const mh_plot_panel *panels, int n_panels,
                              mh_error *err)
{
    int max_panels = (MAX_FIG_HEIGHT - TITLE_HEIGHT - BOTTOM_MARGIN) / PANEL_HEIGHT;
    if (!panels || n_panels <= 0)
        return mh_error_raise(err, MH_ERR_INVALID, "%s: nothing to plot (no panels)", path);
    if (n_panels > max_panels)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "%s: too many panels (%d); one figure holds at most %d", path,
                              n_panels, max_panels);
    for (int k = 0; k < n_panels; k++) {
        const mh_plot_panel *p = &panels[k];
        const char *name = p->name ? p->name : "";
        if (p->n_more < 0)
            return mh_error_raise(err, MH_ERR_INVALID, "%s: panel %d '%.80s': %d more lines",
                                  path, k + 1, name, p->n_more);
        if (p->n_more > 0 && !p->more)
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: panel %d '%.80s': %d more lines but no array of them",
                                  path, k + 1, name, p->n_more);
        for (int j = 0; j < n_lines(p); j++) {
            mh_plot_line ln = line_of(p, j);
            char which[128] = ""; /* names an overlay; empty for the panel's own line */
            if (j > 0)
                snprintf(which, sizeof which, ", line %d '%.80s'", j + 1,
                         ln.label ? ln.label : "");
            if (ln.n == 0)
                return mh_error_raise(err, MH_ERR_INVALID,
                                      "%s: panel %d '%.80s'%s: nothing to plot", path, k + 1, name,
                                      which);
            if (!ln.t_min || !ln.y)
                return mh_error_raise(err, MH_ERR_INVALID,
                                      "%s: panel %d '%.80s'%s: no time or value array", path,
                                      k + 1, name, which);
        }
        if (p->n_ref > 0 && (!p->ref_t_min || !p->ref_y))
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: panel %d '%.80s': %zu reference points but no time or "
                                  "value array",
                                  path, k + 1, name, p->n_ref);
        if (p->has_band && !(p->band_low <= p->band_high))
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: panel %d '%.80s': band from %g to %g; the low end must "
                                  "not be above the high end",
                                  path, k + 1, name, p->band_low, p->band_high);
        if (p->has_window && !(p->window_from_min <= p->window_to_min))
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: panel %d '%.80s': window from %g to %g min; it must not "
                                  "end before it starts",
                                  path, k + 1, name, p->window_from_min, p->window_to_min);
    }
    return MH_OK;
}

static cairo_surface_t *create_surface(plot_format fmt, const char *file, double width,
                                       double height)
{
    switch (fmt) {
    case FORMAT_SVG: {
        cairo_surface_t *s = cairo_svg_surface_create(file, width, height);
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
#endif
        return s;
    }
    case FORMAT_PDF:
        return cairo_pdf_surface_create(file, width, height);
    case FORMAT_PNG:
        break;
    }
    return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)width, (int)height);
}

/* Draws a whole figure on cr; `figure` is the drawing's own description. */
typedef void (*draw_fn)(cairo_t *cr, const void *figure);

/* Renders one figure of width x height to path in its format, atomically:
 * to mh_atomic_temp_name(path), then rename(); on failure nothing is left. */
static mh_status render(const char *path, plot_format fmt, double width, double height,
                        draw_fn draw, const void *figure, mh_error *err)
{
    char temp[4160];
    if (strlen(path) >= 4000)
        return mh_error_raise(err, MH_ERR_IO, "%.200s...: path too long", path);
    mh_atomic_temp_name(path, temp, sizeof temp);
    cairo_surface_t *surface = create_surface(fmt, temp, width, height);
    cairo_status_t cs = cairo_surface_status(surface);
    if (cs == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        draw(cr, figure);
        cs = cairo_status(cr);
        cairo_destroy(cr);
    }
    if (cs == CAIRO_STATUS_SUCCESS) {
        if (fmt == FORMAT_PNG) {
            cs = cairo_surface_write_to_png(surface, temp);
        } else {
            cairo_surface_finish(surface); /* vector formats are written out here */
            cs = cairo_surface_status(surface);
        }
    }
    cairo_surface_destroy(surface);
    if (cs != CAIRO_STATUS_SUCCESS) {
        remove(temp);
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot write the plot: %s", path,
                              cairo_status_to_string(cs));
    }
    if (rename(temp, path) != 0) {
        int saved = errno;
        remove(temp);
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot write the plot: %s", path,
                              strerror(saved));
    }
    return MH_OK;
}

typedef struct time_figure {
    layout *L;
    const char *title;
    const mh_plot_panel *panels;
    int n_panels;
} time_figure;

static void draw_time_figure(cairo_t *cr, const void *figure)
{
    const time_figure *f = figure;
    draw_figure(cr, f->L, f->title, f->panels, f->n_panels);
}

int mh_plot_format_known(const char *path)
{
    plot_format fmt;
    return path && format_of(path, &fmt);
}

/* Checks the output path's name; sets its format. */
static mh_status check_path(const char *path, plot_format *fmt, mh_error *err)
{
    if (!path || !path[0])
        return mh_error_raise(err, MH_ERR_INVALID, "plot: no output path");
    if (!format_of(path, fmt))
        return mh_error_raise(err, MH_ERR_INVALID,
                              "%s: unknown plot format; the file name must end in .png, .svg "
                              "or .pdf",
                              path);
    return MH_OK;
}

mh_status mh_plot_write(const char *path, const char *title, const mh_plot_panel *panels,
                        int n_panels, mh_error *err)
{
    plot_format fmt = FORMAT_PNG;
    mh_status st = check_path(path, &fmt, err);
    if (st == MH_OK)
        st = check_panels(path, panels, n_panels, err);
    if (st != MH_OK)
        return st;

    layout L = {.width = FIG_WIDTH, .right = RIGHT_MARGIN, .legend_rows = 1};
    L.top = title && title[0] ? TITLE_HEIGHT : TOP_WITHOUT_TITLE;
    L.panels = calloc((size_t)n_panels, sizeof *L.panels);
    if (!L.panels)
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
    time_axis(panels, n_panels, &L);
    for (int k = 0; k < n_panels; k++)
        panel_y_axis(&panels[k], &L.panels[k]);
    legend_layout(&L, panels, n_panels);
    L.height = L.top + n_panels * L.panel_height + BOTTOM_MARGIN;
    time_figure figure = {.L = &L, .title = title, .panels = panels, .n_panels = n_panels};
    st = render(path, fmt, L.width, L.height, draw_time_figure, &figure, err);
    free(L.panels);
    return st;
}

/* ---- distribution figures ------------------------------------------------ */

enum {
    HIST_PLOT_HEIGHT = 200, /* legend strip plus plot area */
    HIST_X_LABELS = 50,     /* tick labels and the value-axis label under each panel */
    HIST_MIN_BINS = 5,
    HIST_MAX_BINS = 40,
    HIST_MAX_GROUPS = 8
};

typedef struct histogram {
    axis x, y;
    int n_bins, n_groups, has_data;
    double bin_lo, bin_width;
    double counts[HIST_MAX_GROUPS][HIST_MAX_BINS];
    double median[HIST_MAX_GROUPS];
    long n_in_group[HIST_MAX_GROUPS];
} histogram;

typedef struct distribution_figure {
    const char *title;
    const mh_plot_distribution *panels;
    histogram *hists;
    int n_panels;
    double width, top;
} distribution_figure;

static int group_of(const mh_plot_distribution *d, size_t i) { return d->group ? d->group[i] : 0; }

static int compare_values(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Bins of equal width over the finite values' range, about sqrt(n) of them
 * (Hald's square-root rule), and each group's median from its sorted values
 * (scratch holds n doubles). */
static void histogram_make(const mh_plot_distribution *d, double *scratch, histogram *h)
{
    double lo = INFINITY, hi = -INFINITY;
    long n_finite = 0;
    h->n_groups = d->n_groups > 1 ? d->n_groups : 1;
    for (size_t i = 0; i < d->n; i++)
        if (plottable(d->values[i])) {
            lo = fmin(lo, d->values[i]);
            hi = fmax(hi, d->values[i]);
            n_finite++;
        }
    h->has_data = n_finite > 0;
    if (!h->has_data) {
        axis_make(&h->x, 0.0, 1.0, X_TICK_TARGET);
        axis_make(&h->y, 0.0, 1.0, Y_TICK_TARGET);
        return;
    }
    if (hi - lo <= 1e-12 * fmax(1.0, fabs(lo))) { /* one value: a bin around it */
        double pad = fmax(0.5, 0.05 * fabs(lo));
        lo -= pad;
        hi += pad;
    }
    h->n_bins = (int)ceil(sqrt((double)n_finite));
    h->n_bins = h->n_bins < HIST_MIN_BINS ? HIST_MIN_BINS
                : h->n_bins > HIST_MAX_BINS ? HIST_MAX_BINS
                                            : h->n_bins;
    h->bin_lo = lo;
    h->bin_width = (hi - lo) / h->n_bins;
    double top = 0.0;
    for (int g = 0; g < h->n_groups; g++) {
        long m = 0;
        for (size_t i = 0; i < d->n; i++)
            if (group_of(d, i) == g && plottable(d->values[i])) {
                int b = (int)((d->values[i] - lo) / h->bin_width);
                h->counts[g][b < h->n_bins ? b : h->n_bins - 1] += 1.0;
                scratch[m++] = d->values[i];
            }
        h->n_in_group[g] = m;
        qsort(scratch, (size_t)m, sizeof(double), compare_values);
        h->median[g] = m == 0 ? NAN
                       : m % 2 ? scratch[m / 2]
                               : 0.5 * (scratch[m / 2 - 1] + scratch[m / 2]);
        for (int b = 0; b < h->n_bins; b++)
            top = fmax(top, h->counts[g][b]);
    }
    axis_make(&h->x, lo, hi, X_TICK_TARGET);
    axis_make(&h->y, 0.0, fmax(top * 1.08, 4.0), Y_TICK_TARGET); /* counts: steps of 1 or more */
}

static void set_median_pen(cairo_t *cr, int group)
{
    static const double dash[] = {5.0, 3.0};
    set_color(cr, PALETTE[group % N_PALETTE]);
    cairo_set_line_width(cr, 1.6);
    cairo_set_dash(cr, dash, 2, 0.0);
}

/* Each group's bars, translucent so overlaps show, outlined as a step line. */
static void draw_bars(cairo_t *cr, const area *a, const histogram *h)
{
    for (int g = 0; g < h->n_groups; g++) {
        rgba fill = PALETTE[g % N_PALETTE];
        fill.a = 0.28;
        for (int b = 0; b < h->n_bins; b++) {
            if (h->counts[g][b] <= 0)
                continue;
            double x0 = px_of(a, h->bin_lo + b * h->bin_width);
            double x1 = px_of(a, h->bin_lo + (b + 1) * h->bin_width);
            double y = py_of(a, h->counts[g][b]);
            set_color(cr, fill);
            cairo_rectangle(cr, x0, y, x1 - x0, a->y1 - y);
            cairo_fill(cr);
            set_line_pen(cr, g);
            cairo_move_to(cr, x0, a->y1);
            cairo_line_to(cr, x0, y);
            cairo_line_to(cr, x1, y);
            cairo_line_to(cr, x1, a->y1);
            cairo_stroke(cr);
        }
        if (isfinite(h->median[g])) {
            set_median_pen(cr, g);
            cairo_move_to(cr, px_of(a, h->median[g]), a->y0);
            cairo_line_to(cr, px_of(a, h->median[g]), a->y1);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0.0);
        }
    }
}

/* Legend: each group with its count, then what the dashed line means. */
static void draw_distribution_legend(cairo_t *cr, const area *a, const mh_plot_distribution *d,
                                     const histogram *h)
{
    double mid_y = a->y0 - 0.5 * LEGEND_STRIP, right = a->x1;
    set_font(cr, FONT_LEGEND, 0);
    set_color(cr, COLOR_MUTED);
    double w = text_width(cr, "dashed: median");
    text_at(cr, right - w, mid_y, "dashed: median", 0.0, 0.5);
    right -= w + LEGEND_SPACING;
    for (int g = h->n_groups - 1; g >= 0; g--) {
        char text[TEXT_MAX];
        const char *label = d->group_labels && d->group_labels[g] ? d->group_labels[g] : "";
        snprintf(text, sizeof text, "%s%sn = %ld", label, label[0] ? ", " : "", h->n_in_group[g]);
        make_utf8(text);
        right = legend_entry(cr, right, mid_y, LEGEND_LINE, g, text);
    }
}

static void draw_distributions(cairo_t *cr, const void *figure)
{
    const distribution_figure *f = figure;
    double left = 0.0;
    set_font(cr, FONT_TICK, 0);
    for (int k = 0; k < f->n_panels; k++)
        left = widest_tick(cr, &f->hists[k].y, left);
    left = fmax(64.0, 10.0 + FONT_AXIS_LABEL * 1.3 + 10.0 + left + 8.0);
    draw_page(cr, f->title, left, f->width - RIGHT_MARGIN);
    for (int k = 0; k < f->n_panels; k++) {
        const histogram *h = &f->hists[k];
        const mh_plot_distribution *d = &f->panels[k];
        double top = f->top + k * (double)(HIST_PLOT_HEIGHT + HIST_X_LABELS);
        area a = {.x0 = left,
                  .x1 = f->width - RIGHT_MARGIN,
                  .y0 = top + LEGEND_STRIP,
                  .y1 = top + HIST_PLOT_HEIGHT,
                  .x = &h->x,
                  .y = &h->y,
                  .minutes_per_unit = 1.0};
        draw_grid(cr, &a);
        if (h->has_data) {
            cairo_save(cr);
            cairo_rectangle(cr, a.x0, a.y0, a.x1 - a.x0, a.y1 - a.y0);
            cairo_clip(cr);
            draw_bars(cr, &a, h);
            cairo_restore(cr);
            draw_distribution_legend(cr, &a, d, h);
        } else {
            set_color(cr, COLOR_MUTED);
            set_font(cr, FONT_LEGEND, 0);
            text_at(cr, 0.5 * (a.x0 + a.x1), 0.5 * (a.y0 + a.y1), "no finite values", 0.5, 0.5);
        }
        draw_axes(cr, &a, 1);
        draw_y_label(cr, &a, "subjects", NULL);
        char label[TEXT_MAX];
        if (d->unit && d->unit[0])
            snprintf(label, sizeof label, "%s (%s)", d->name ? d->name : "", d->unit);
        else
            snprintf(label, sizeof label, "%s", d->name ? d->name : "");
        make_utf8(label);
        set_color(cr, COLOR_TEXT);
        set_font(cr, FONT_AXIS_LABEL, 0);
        fit_text(cr, label, sizeof label, a.x1 - a.x0);
        text_at(cr, 0.5 * (a.x0 + a.x1), a.y1 + HIST_X_LABELS - 8.0, label, 0.5, 1.0);
    }
}

mh_status mh_plot_distributions(const char *path, const char *title,
                                const mh_plot_distribution *panels, int n_panels, mh_error *err)
{
    plot_format fmt = FORMAT_PNG;
    mh_status st = check_path(path, &fmt, err);
    if (st != MH_OK)
        return st;
    int max_panels = (MAX_FIG_HEIGHT - TITLE_HEIGHT) / (HIST_PLOT_HEIGHT + HIST_X_LABELS);
    if (!panels || n_panels <= 0 || n_panels > max_panels)
        return mh_error_raise(err, MH_ERR_INVALID,
                              "%s: %d distributions; one figure holds 1 to %d", path, n_panels,
                              max_panels);
    size_t most = 0;
    for (int k = 0; k < n_panels; k++) {
        const mh_plot_distribution *d = &panels[k];
        if (d->n > 0 && !d->values)
            return mh_error_raise(err, MH_ERR_INVALID, "%s: distribution %d: no value array",
                                  path, k + 1);
        if (d->n_groups < 0 || d->n_groups > HIST_MAX_GROUPS || (d->n_groups > 1 && !d->group))
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: distribution %d: %d groups; give 0 to %d groups, and a "
                                  "group for each value when more than one",
                                  path, k + 1, d->n_groups, HIST_MAX_GROUPS);
        for (size_t i = 0; d->group && i < d->n; i++)
            if (d->group[i] < 0 || d->group[i] >= (d->n_groups > 1 ? d->n_groups : 1))
                return mh_error_raise(err, MH_ERR_INVALID,
                                      "%s: distribution %d: value %zu in group %d of %d", path,
                                      k + 1, i + 1, d->group[i], d->n_groups);
        most = d->n > most ? d->n : most;
    }
    histogram *hists = calloc((size_t)n_panels, sizeof *hists);
    double *scratch = malloc(sizeof(double) * (most > 0 ? most : 1));
    if (!hists || !scratch) {
        free(hists);
        free(scratch);
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
    }
    for (int k = 0; k < n_panels; k++)
        histogram_make(&panels[k], scratch, &hists[k]);
    free(scratch);
    distribution_figure figure = {.title = title,
                                  .panels = panels,
                                  .hists = hists,
                                  .n_panels = n_panels,
                                  .width = FIG_WIDTH,
                                  .top = title && title[0] ? TITLE_HEIGHT : TOP_WITHOUT_TITLE};
    double height = figure.top + n_panels * (double)(HIST_PLOT_HEIGHT + HIST_X_LABELS) + 8.0;
    st = render(path, fmt, figure.width, height, draw_distributions, &figure, err);
    free(hists);
    return st;
}

/* ---- x-y figures --------------------------------------------------------------- */

enum {
    XY_PLOT_HEIGHT = 300, /* legend strip plus plot area of a numeric panel */
    XY_HEADING = 30,      /* the panel's heading above its legend strip */
    XY_X_LABELS = 50,     /* tick labels and the x-axis label under each panel */
    XY_ROW = 15,          /* one forest row */
    XY_GAP = 14           /* between panels */
};
#define MARKER_RADIUS 3.2

typedef struct xy_layout {
    axis x, y;
    double height; /* legend strip plus plot area */
    int has_data;
} xy_layout;

typedef struct xy_figure {
    const char *title;
    const mh_plot_xy *panels;
    xy_layout *layouts;
    int n_panels;
    double width, top;
} xy_figure;

static int has_bars(const double *low, const double *high)
{
    return low && high;
}

/* Widen [*lo, *hi] by v when v can be plotted. */
static void widen(double v, double *lo, double *hi)
{
    if (plottable(v)) {
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

/* Widen the x or y range over the points of a set, error bars included, the
 * bars only where the point itself can be plotted. */
static int widen_to_points(const mh_plot_points *s, int along_x, double *lo, double *hi)
{
    const double *v = along_x ? s->x : s->y;
    const double *low = along_x ? s->x_low : s->y_low, *high = along_x ? s->x_high : s->y_high;
    int any = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!plottable(s->x[i]) || !plottable(s->y[i]))
            continue;
        any = 1;
        widen(v[i], lo, hi);
        if (has_bars(low, high)) {
            widen(low[i], lo, hi);
            widen(high[i], lo, hi);
        }
    }
    return any;
}

/* A range padded 5 % each side; an empty or flat one is opened up as panel_y_axis does. */
static void padded_axis(axis *a, double lo, double hi, int target)
{
    if (lo > hi) {
        lo = 0.0;
        hi = 1.0;
    } else if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
        double half = lo == 0.0 ? 1.0 : 0.1 * fabs(lo);
        lo -= half;
        hi += half;
    } else {
        double pad = 0.05 * (hi - lo);
        lo -= pad;
        hi += pad;
    }
    axis_make(a, lo, hi, target);
}

static void xy_layout_make(const mh_plot_xy *p, xy_layout *L)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    L->has_data = 0;
    for (int k = 0; k < p->n_points; k++) {
        L->has_data |= widen_to_points(&p->points[k], 1, &xlo, &xhi);
        widen_to_points(&p->points[k], 0, &ylo, &yhi);
    }
    for (int k = 0; k < p->n_lines; k++)
        if (p->lines[k].vertical)
            widen(p->lines[k].intercept, &xlo, &xhi);
    if (p->x_from_zero && L->has_data)
        widen(0.0, &xlo, &xhi);
    if (p->y_from_zero && L->has_data)
        widen(0.0, &ylo, &yhi);
    padded_axis(&L->x, xlo, xhi, X_TICK_TARGET);
    if (p->row_labels) {
        /* rows top to bottom: the axis runs from the last row up to the first */
        L->y = (axis){.lo = (double)p->n_rows - 0.5, .hi = -0.5};
        L->height = LEGEND_STRIP + (double)p->n_rows * XY_ROW + 8.0;
    } else {
        padded_axis(&L->y, ylo, yhi, Y_TICK_TARGET);
        L->height = XY_PLOT_HEIGHT;
    }
}

static double xy_panel_height(const xy_layout *L)
{
    return XY_HEADING + L->height + XY_X_LABELS + XY_GAP;
}

static void draw_marker(cairo_t *cr, double x, double y, mh_plot_marker marker)
{
    if (marker == MH_PLOT_DIAMOND) {
        double r = 1.6 * MARKER_RADIUS;
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + r, y);
        cairo_line_to(cr, x, y + r);
        cairo_line_to(cr, x - r, y);
        cairo_close_path(cr);
    } else {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, MARKER_RADIUS, 0.0, 2.0 * M_PI);
    }
    cairo_fill(cr);
}

/* Error bars (where given and plottable), then the markers, in colour `index`. */
static void draw_points(cairo_t *cr, const area *a, const mh_plot_points *s, int index)
{
    set_color(cr, PALETTE[index % N_PALETTE]);
    cairo_set_line_width(cr, 1.1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t i = 0; i < s->n; i++) {
        if (!plottable(s->x[i]) || !plottable(s->y[i]))
            continue;
        double x = px_of(a, s->x[i]), y = py_of(a, s->y[i]);
        if (has_bars(s->x_low, s->x_high) && plottable(s->x_low[i]) && plottable(s->x_high[i])) {
            cairo_move_to(cr, px_of(a, s->x_low[i]), y);
            cairo_line_to(cr, px_of(a, s->x_high[i]), y);
        }
        if (has_bars(s->y_low, s->y_high) && plottable(s->y_low[i]) && plottable(s->y_high[i])) {
            cairo_move_to(cr, x, py_of(a, s->y_low[i]));
            cairo_line_to(cr, x, py_of(a, s->y_high[i]));
        }
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < s->n; i++)
        if (plottable(s->x[i]) && plottable(s->y[i]))
            draw_marker(cr, px_of(a, s->x[i]), py_of(a, s->y[i]), s->marker);
}

static void set_muted_pen(cairo_t *cr)
{
    static const double dash[] = {4.0, 3.0};
    set_color(cr, COLOR_MUTED);
    cairo_set_line_width(cr, 1.0);
    cairo_set_dash(cr, dash, 2, 0.0);
}

static void draw_straight(cairo_t *cr, const area *a, const mh_plot_straight *l, int index)
{
    if (!plottable(l->intercept) || (!l->vertical && !plottable(l->slope)))
        return;
    if (l->muted)
        set_muted_pen(cr);
    else
        set_line_pen(cr, index);
    if (l->vertical) {
        cairo_move_to(cr, px_of(a, l->intercept), a->y0);
        cairo_line_to(cr, px_of(a, l->intercept), a->y1);
    } else {
        cairo_move_to(cr, a->x0, py_of(a, l->intercept + l->slope * a->x->lo));
        cairo_line_to(cr, a->x1, py_of(a, l->intercept + l->slope * a->x->hi));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0.0);
}

/* The palette colour of point set k, and of line k after all the point sets
 * (muted lines take none). */
static int line_colour(const mh_plot_xy *p, int k)
{
    int index = p->n_points;
    for (int i = 0; i < k; i++)
        index += !p->lines[i].muted;
    return index;
}

static double legend_marker(cairo_t *cr, double right, double mid_y, int index,
                            mh_plot_marker marker, const char *label)
{
    char text[TEXT_MAX];
    copy_utf8(text, sizeof text, label);
    double text_w = text_width(cr, text);
    double x = right - text_w - LEGEND_GAP - LEGEND_SWATCH;
    set_color(cr, PALETTE[index % N_PALETTE]);
    draw_marker(cr, x + 0.5 * LEGEND_SWATCH, mid_y, marker);
    set_color(cr, COLOR_TEXT);
    text_at(cr, right - text_w, mid_y, text, 0.0, 0.5);
    return x - LEGEND_SPACING;
}

/* Legend right-aligned in the strip: point sets, then lines, in order. */
static void draw_xy_legend(cairo_t *cr, const area *a, const mh_plot_xy *p)
{
    double mid_y = a->y0 - 0.5 * LEGEND_STRIP, right = a->x1;
    set_font(cr, FONT_LEGEND, 0);
    for (int k = p->n_lines - 1; k >= 0; k--) {
        if (!has_label(p->lines[k].label) || p->lines[k].muted)
            continue;
        char text[TEXT_MAX];
        copy_utf8(text, sizeof text, p->lines[k].label);
        right = legend_entry(cr, right, mid_y, LEGEND_LINE, line_colour(p, k), text);
    }
    for (int k = p->n_points - 1; k >= 0; k--)
        if (has_label(p->points[k].label))
            right = legend_marker(cr, right, mid_y, k, p->points[k].marker, p->points[k].label);
}

/* Forest rows: each label right-aligned left of the plot area, cut to fit. */
static void draw_row_labels(cairo_t *cr, const area *a, const mh_plot_xy *p, double room)
{
    set_color(cr, COLOR_TEXT);
    set_font(cr, FONT_TICK, 0);
    for (size_t i = 0; i < p->n_rows; i++) {
        char text[TEXT_MAX];
        copy_utf8(text, sizeof text, p->row_labels[i] ? p->row_labels[i] : "");
        fit_text(cr, text, sizeof text, room);
        text_at(cr, a->x0 - 7.0, py_of(a, (double)i), text, 1.0, 0.5);
    }
}

static void draw_xy_panel(cairo_t *cr, const mh_plot_xy *p, const xy_layout *L, double left,
                          double width, double top)
{
    area a = {.x0 = left,
              .x1 = width - RIGHT_MARGIN,
              .y0 = top + XY_HEADING + LEGEND_STRIP,
              .y1 = top + XY_HEADING + L->height,
              .x = &L->x,
              .y = &L->y,
              .minutes_per_unit = 1.0};
    if (p->heading && p->heading[0]) {
        char text[TEXT_MAX];
        copy_utf8(text, sizeof text, p->heading);
        set_color(cr, COLOR_TEXT);
        set_font(cr, FONT_AXIS_LABEL, 1);
        fit_text(cr, text, sizeof text, a.x1 - a.x0);
        text_at(cr, a.x0, top + 0.5 * XY_HEADING, text, 0.0, 0.5);
    }
    draw_grid(cr, &a);
    cairo_save(cr);
    cairo_rectangle(cr, a.x0, a.y0, a.x1 - a.x0, a.y1 - a.y0);
    cairo_clip(cr);
    for (int k = 0; k < p->n_lines; k++)
        draw_straight(cr, &a, &p->lines[k], line_colour(p, k));
    for (int k = 0; k < p->n_points; k++)
        draw_points(cr, &a, &p->points[k], k);
    cairo_restore(cr);
    if (!L->has_data) {
        set_color(cr, COLOR_MUTED);
        set_font(cr, FONT_LEGEND, 0);
        text_at(cr, 0.5 * (a.x0 + a.x1), 0.5 * (a.y0 + a.y1), "no finite values", 0.5, 0.5);
    }
    draw_axes(cr, &a, 1);
    if (p->row_labels)
        draw_row_labels(cr, &a, p, left - 12.0 - FONT_AXIS_LABEL * 1.3);
    draw_y_label(cr, &a, p->y_label, NULL);
    draw_xy_legend(cr, &a, p);
    char label[TEXT_MAX];
    copy_utf8(label, sizeof label, p->x_label ? p->x_label : "");
    set_color(cr, COLOR_TEXT);
    set_font(cr, FONT_AXIS_LABEL, 0);
    fit_text(cr, label, sizeof label, a.x1 - a.x0);
    text_at(cr, 0.5 * (a.x0 + a.x1), a.y1 + XY_X_LABELS - 8.0, label, 0.5, 1.0);
}

/* Room on the left for the widest y tick or row label (rows: at most a third
 * of the width) and the rotated axis label. */
static double xy_left_margin(cairo_t *cr, const xy_figure *f)
{
    double widest = 0.0;
    set_font(cr, FONT_TICK, 0);
    for (int k = 0; k < f->n_panels; k++) {
        const mh_plot_xy *p = &f->panels[k];
        widest = widest_tick(cr, &f->layouts[k].y, widest);
        for (size_t i = 0; p->row_labels && i < p->n_rows; i++) {
            char text[TEXT_MAX];
            copy_utf8(text, sizeof text, p->row_labels[i] ? p->row_labels[i] : "");
            widest = fmax(widest, fmin(text_width(cr, text), f->width / 3.0));
        }
    }
    return fmax(64.0, 10.0 + FONT_AXIS_LABEL * 1.3 + 10.0 + widest + 8.0);
}

static void draw_xy_figure(cairo_t *cr, const void *figure)
{
    const xy_figure *f = figure;
    double left = xy_left_margin(cr, f);
    draw_page(cr, f->title, left, f->width - RIGHT_MARGIN);
    double top = f->top;
    for (int k = 0; k < f->n_panels; k++) {
        draw_xy_panel(cr, &f->panels[k], &f->layouts[k], left, f->width, top);
        top += xy_panel_height(&f->layouts[k]);
    }
}

static mh_status check_xy_panel(const char *path, const mh_plot_xy *p, int k, mh_error *err)
{
    if (p->n_points < 0 || (p->n_points > 0 && !p->points) || p->n_lines < 0 ||
        (p->n_lines > 0 && !p->lines) || (p->row_labels == NULL) != (p->n_rows == 0))
        return mh_error_raise(err, MH_ERR_INVALID, "%s: x-y panel %d: inconsistent arguments", path,
                              k + 1);
    for (int s = 0; s < p->n_points; s++) {
        const mh_plot_points *pts = &p->points[s];
        if (pts->n == 0 || !pts->x || !pts->y)
            return mh_error_raise(err, MH_ERR_INVALID,
                                  "%s: x-y panel %d, point set %d: nothing to plot", path, k + 1,
                                  s + 1);
        for (size_t i = 0; p->row_labels && i < pts->n; i++)
            /* within a row's band, so points of one row may be spread (jittered) */
            if (!(pts->y[i] >= -0.5 && pts->y[i] <= (double)p->n_rows - 0.5))
                return mh_error_raise(err, MH_ERR_INVALID,
                                      "%s: x-y panel %d, point set %d: row %g outside -0.5 to %g",
                                      path, k + 1, s + 1, pts->y[i], (double)p->n_rows - 0.5);
    }
    return MH_OK;
}

mh_status mh_plot_xy_write(const char *path, const char *title, const mh_plot_xy *panels,
                           int n_panels, mh_error *err)
{
    plot_format fmt = FORMAT_PNG;
    mh_status st = check_path(path, &fmt, err);
    if (st == MH_OK && (!panels || n_panels <= 0))
        st = mh_error_raise(err, MH_ERR_INVALID, "%s: nothing to plot (no panels)", path);
    for (int k = 0; st == MH_OK && k < n_panels; k++)
        st = check_xy_panel(path, &panels[k], k, err);
    if (st != MH_OK)
        return st;
    xy_layout *layouts = calloc((size_t)n_panels, sizeof *layouts);
    if (!layouts)
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
    xy_figure figure = {.title = title,
                        .panels = panels,
                        .layouts = layouts,
                        .n_panels = n_panels,
                        .width = FIG_WIDTH,
                        .top = title && title[0] ? TITLE_HEIGHT : TOP_WITHOUT_TITLE};
    double height = figure.top;
    for (int k = 0; k < n_panels; k++) {
        xy_layout_make(&panels[k], &layouts[k]);
        height += xy_panel_height(&layouts[k]);
    }
    if (height > MAX_FIG_HEIGHT)
        st = mh_error_raise(err, MH_ERR_INVALID,
                            "%s: the figure is too tall (%.0f units; one image holds %d): "
                            "too many forest rows",
                            path, height, MAX_FIG_HEIGHT);
    else
        st = render(path, fmt, figure.width, height, draw_xy_figure, &figure, err);
    free(layouts);
    return st;
}
