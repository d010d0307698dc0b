/*
 * series.c - reading a result CSV back in (plotting layer).
 *
 * A strict reader for the CSV that mh_result_write produces: plain
 * comma-separated fields without quoting, one header, an optional units
 * comment, rows of finite decimal numbers. Anything else is an error that
 * points at the line and column, so a hand-edited file fails loudly instead
 * of plotting something wrong. Time is in minutes.
 *
 * Then the figure of one or more series: the first series chooses the
 * panels, the others are overlaid variable by variable, each on its own time
 * grid (no interpolation), after checking that every file has each variable
 * in the same unit.
 */
#include "plot/series.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"

#define MAX_FILE_BYTES ((size_t)512 << 20) /* 512 MiB */

enum {
    MAX_COLUMNS = 1 << 20,
    MAX_NUMBER_CHARS = 255,     /* longer than any number a writer produces */
    QUOTE_CHARS = 40            /* how much of a bad field an error message shows */
};

/* One line of the text: [start, end) without the line break. */
typedef struct line {
    const char *start;
    const char *end;
    size_t number; /* 1-based */
} line;

/* One comma-separated field, trimmed of surrounding blanks. */
typedef struct field {
    const char *start;
    size_t length;
    size_t col; /* 1-based byte column of the field's first non-blank character */
} field;

typedef struct reader {
    const char *path;
    mh_error *err;
    mh_series *out;
    size_t row_capacity;
} reader;

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static mh_status parse_error(const reader *r, size_t line_no, size_t col, const char *what)
{
    return mh_error_raise(r->err, MH_ERR_PARSE, "%s:%zu:%zu: %s", r->path, line_no, col, what);
}

/* Split [start, end) at commas into *fields (grown as needed); *count gets the
 * number of fields. Returns 0 on out-of-memory. */
static int split_fields(const line *ln, const char *start, field **fields, size_t *capacity,
                        size_t *count)
{
    size_t n = 0;
    const char *p = start;
    for (;;) {
        const char *stop = memchr(p, ',', (size_t)(ln->end - p));
        if (!stop)
            stop = ln->end;
        const char *a = p, *b = stop;
        while (a < b && is_blank(*a))
            a++;
        while (b > a && is_blank(b[-1]))
            b--;
        if (n == *capacity) {
            size_t bigger = *capacity ? 2 * *capacity : 16;
            field *grown = realloc(*fields, bigger * sizeof *grown);
            if (!grown)
                return 0;
            *fields = grown;
            *capacity = bigger;
        }
        (*fields)[n].start = a;
        (*fields)[n].length = (size_t)(b - a);
        (*fields)[n].col = (size_t)(a - ln->start) + 1;
        n++;
        if (stop == ln->end)
            break;
        p = stop + 1;
    }
    *count = n;
    return 1;
}

static char *copy_field(const field *f)
{
    char *s = malloc(f->length + 1);
    if (s) {
        memcpy(s, f->start, f->length);
        s[f->length] = '\0';
    }
    return s;
}

/* A finite decimal number: digits, sign, point and exponent only (no hex, inf or nan). */
static int parse_number(const field *f, double *value)
{
    if (f->length == 0 || f->length > MAX_NUMBER_CHARS)
        return 0;
    char buf[MAX_NUMBER_CHARS + 1];
    for (size_t i = 0; i < f->length; i++) {
        char c = f->start[i];
        if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' ||
              c == 'E'))
            return 0;
        buf[i] = c;
    }
    buf[f->length] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end != buf + f->length || !isfinite(v))
        return 0;
    *value = v;
    return 1;
}

static mh_status number_error(const reader *r, const line *ln, const field *f)
{
    char what[128];
    if (f->length == 0)
        snprintf(what, sizeof what, "expected a number, found an empty field");
    else if (f->length > QUOTE_CHARS)
        snprintf(what, sizeof what, "expected a number, found '%.*s...'", (int)QUOTE_CHARS,
                 f->start);
    else
        snprintf(what, sizeof what, "expected a number, found '%.*s'", (int)f->length, f->start);
    return parse_error(r, ln->number, f->col, what);
}

static mh_status nomem(const reader *r)
{
    return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory reading the series", r->path);
}

static mh_status read_header(reader *r, const line *ln, const field *fields, size_t count)
{
    mh_series *s = r->out;
    char what[160];
    if (count > MAX_COLUMNS) {
        snprintf(what, sizeof what, "too many columns (%zu, at most %d)", count, MAX_COLUMNS);
        return parse_error(r, ln->number, 1, what);
    }
    if (fields[0].length != strlen("time_min") ||
        memcmp(fields[0].start, "time_min", fields[0].length) != 0) {
        snprintf(what, sizeof what, "first column must be 'time_min', found '%.*s'",
                 (int)(fields[0].length > QUOTE_CHARS ? QUOTE_CHARS : fields[0].length),
                 fields[0].start);
        return parse_error(r, ln->number, fields[0].col, what);
    }
    for (size_t i = 1; i < count; i++) {
        if (fields[i].length == 0)
            return parse_error(r, ln->number, fields[i].col, "empty column name");
        for (size_t j = 0; j < i; j++) {
            if (fields[j].length == fields[i].length &&
                memcmp(fields[j].start, fields[i].start, fields[i].length) == 0) {
                snprintf(what, sizeof what, "duplicate column name '%.*s' (also column %zu)",
                         (int)(fields[i].length > QUOTE_CHARS ? QUOTE_CHARS : fields[i].length),
                         fields[i].start, j + 1);
                return parse_error(r, ln->number, fields[i].col, what);
            }
        }
    }
    s->names = calloc(count, sizeof *s->names);
    s->units = calloc(count, sizeof *s->units);
    if (!s->names || !s->units)
        return nomem(r);
    s->n_columns = (int)count;
    for (size_t i = 0; i < count; i++) {
        s->names[i] = copy_field(&fields[i]);
        s->units[i] = calloc(1, 1);
        if (!s->names[i] || !s->units[i])
            return nomem(r);
    }
    return MH_OK;
}

/* `text` points just past "units:" in a "# units: ..." line. */
static mh_status read_units(reader *r, const line *ln, const char *text, field **fields,
                            size_t *capacity)
{
    mh_series *s = r->out;
    size_t count;
    if (!split_fields(ln, text, fields, capacity, &count))
        return nomem(r);
    if (count != (size_t)s->n_columns) {
        char what[96];
        snprintf(what, sizeof what, "expected %d units, found %zu", s->n_columns, count);
        return parse_error(r, ln->number, (*fields)[0].col, what);
    }
    const field *f = *fields;
    if (f[0].length != 3 || memcmp(f[0].start, "min", 3) != 0) {
        char what[96];
        snprintf(what, sizeof what, "the unit of time_min must be 'min', found '%.*s'",
                 (int)(f[0].length > QUOTE_CHARS ? QUOTE_CHARS : f[0].length), f[0].start);
        return parse_error(r, ln->number, f[0].col, what);
    }
    for (size_t i = 0; i < count; i++) {
        char *unit = copy_field(&f[i]);
        if (!unit)
            return nomem(r);
        free(s->units[i]);
        s->units[i] = unit;
    }
    return MH_OK;
}

static mh_status read_row(reader *r, const line *ln, const field *fields, size_t count)
{
    mh_series *s = r->out;
    size_t want = (size_t)s->n_columns;
    if (count != want) {
        char what[96];
        snprintf(what, sizeof what, "expected %zu fields, found %zu", want, count);
        /* Point at the first extra field, or just past the end when fields are missing. */
        size_t col = count > want ? fields[want].col : (size_t)(ln->end - ln->start) + 1;
        return parse_error(r, ln->number, col, what);
    }
    if (s->n_rows == r->row_capacity) {
        size_t bigger = r->row_capacity ? 2 * r->row_capacity : 256;
        if (bigger > SIZE_MAX / sizeof(double) / want)
            return nomem(r);
        double *grown = realloc(s->data, bigger * want * sizeof *grown);
        if (!grown)
            return nomem(r);
        s->data = grown;
        r->row_capacity = bigger;
    }
    double *row = s->data + s->n_rows * want;
    for (size_t i = 0; i < count; i++) {
        if (!parse_number(&fields[i], &row[i]))
            return number_error(r, ln, &fields[i]);
    }
    s->n_rows++;
    return MH_OK;
}

/* "# units:" (blanks allowed after '#'); returns the text after the colon or NULL. */
static const char *units_payload(const line *ln)
{
    const char *p = ln->start + 1;
    while (p < ln->end && is_blank(*p))
        p++;
    size_t len = strlen("units:");
    if ((size_t)(ln->end - p) >= len && memcmp(p, "units:", len) == 0)
        return p + len;
    return NULL;
}

static mh_status parse_text(reader *r, const char *text, size_t length)
{
    const char *nul = memchr(text, '\0', length);
    if (nul) {
        size_t line_no = 1;
        const char *line_start = text;
        for (const char *p = text; p < nul; p++) {
            if (*p == '\n') {
                line_no++;
                line_start = p + 1;
            }
        }
        return parse_error(r, line_no, (size_t)(nul - line_start) + 1,
                           "NUL byte in the file (not a text CSV)");
    }

    field *fields = NULL;
    size_t capacity = 0, count = 0;
    int have_header = 0, have_units = 0;
    mh_status st = MH_OK;
    const char *end = text + length;
    line ln = {text, text, 0};
    for (const char *p = text; p < end && st == MH_OK;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        ln.start = p;
        ln.end = nl ? nl : end;
        ln.number++;
        p = nl ? nl + 1 : end;
        if (ln.end > ln.start && ln.end[-1] == '\r')
            ln.end--;

        const char *q = ln.start;
        while (q < ln.end && is_blank(*q))
            q++;
        if (q == ln.end)
            continue; /* blank */
        if (*q == '#') {
            /* Only the line right after the header may carry units; elsewhere a comment. */
            const char *payload = units_payload(&(line){q, ln.end, ln.number});
            if (payload && have_header && !have_units && r->out->n_rows == 0) {
                st = read_units(r, &ln, payload, &fields, &capacity);
                have_units = 1;
            }
            continue;
        }
        if (!split_fields(&ln, ln.start, &fields, &capacity, &count)) {
            st = nomem(r);
            break;
        }
        if (!have_header) {
            st = read_header(r, &ln, fields, count);
            have_header = 1;
        } else {
            st = read_row(r, &ln, fields, count);
        }
    }
    free(fields);
    if (st != MH_OK)
        return st;
    if (!have_header)
        return parse_error(r, 1, 1, "empty file: expected a header line 'time_min,...'");
    if (r->out->n_rows == 0) {
        size_t eof_line = ln.number + (length > 0 && text[length - 1] == '\n');
        return parse_error(r, eof_line, 1, "no data rows after the header");
    }
    return MH_OK;
}

mh_status mh_series_read(const char *path, mh_series *out, mh_error *err)
{
    memset(out, 0, sizeof *out);
    char *text;
    size_t length;
    mh_status st = mh_file_read_all(path, MAX_FILE_BYTES, &text, &length, err);
    if (st != MH_OK)
        return st;
    reader r = {path, err, out, 0};
    st = parse_text(&r, text, length);
    free(text);
    if (st != MH_OK) {
        mh_series_free(out);
        return st;
    }
    /* Give back the unused tail of the row buffer. */
    double *fitted = realloc(out->data, out->n_rows * (size_t)out->n_columns * sizeof *fitted);
    if (fitted)
        out->data = fitted;
    return MH_OK;
}

void mh_series_free(mh_series *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_columns; i++) {
        if (s->names)
            free(s->names[i]);
        if (s->units)
            free(s->units[i]);
    }
    free(s->names);
    free(s->units);
    free(s->data);
    memset(s, 0, sizeof *s);
}

int mh_series_find(const mh_series *s, const char *name)
{
    if (!s || !name)
        return -1;
    for (int i = 0; i < s->n_columns; i++) {
        if (strcmp(s->names[i], name) == 0)
            return i;
    }
    return -1;
}

/* ---- figures comparing series ------------------------------------------ */

/* The next item of a comma-separated list: its start and length; advances
 * *list. Returns 0 at the end of the list. */
static int next_item(const char **list, const char **item, size_t *len)
{
    if (!*list)
        return 0;
    *item = *list;
    *len = strcspn(*list, ",");
    *list = (*list)[*len] ? *list + *len + 1 : NULL;
    return 1;
}

/* Column of `s` named by the `len` bytes at `name`, or -1. */
static int column_named(const mh_series *s, const char *name, size_t len)
{
    for (int c = 0; c < s->n_columns; c++)
        if (strlen(s->names[c]) == len && memcmp(s->names[c], name, len) == 0)
            return c;
    return -1;
}

static int listed(const char *list, const char *name)
{
    const char *item;
    size_t len;
    while (next_item(&list, &item, &len))
        if (len == strlen(name) && memcmp(item, name, len) == 0)
            return 1;
    return 0;
}

/* "runs/training.csv" -> "training" */
static char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return copy_field(&(field){.start = base, .length = len});
}

/* Check the labels given, before anything is allocated. */
static mh_status check_labels(const char *const *labels, int n_labels, int n_series,
                              mh_error *err)
{
    if (n_labels != 0 && n_labels != n_series)
        return mh_error_raise(err, MH_ERR_INVALID, "%d label%s for %d file%s: give one per file",
                              n_labels, n_labels == 1 ? "" : "s", n_series,
                              n_series == 1 ? "" : "s");
    for (int i = 0; i < n_labels; i++)
        if (!labels[i] || !labels[i][0])
            return mh_error_raise(err, MH_ERR_INVALID, "label %d is empty", i + 1);
    return MH_OK;
}

/* Every variable named in `vars` must be a column (other than time) of `s`. */
static mh_status check_vars(const mh_series *s, const char *path, const char *vars,
                            mh_error *err)
{
    const char *item;
    size_t len;
    while (next_item(&vars, &item, &len)) {
        if (len > 0 && column_named(s, item, len) < 1)
            return mh_error_raise(err, MH_ERR_NOT_FOUND, "%s has no column '%.*s'", path,
                                  (int)len, item);
    }
    return MH_OK;
}

/* Labels and column-major copies (one contiguous array per variable, as the
 * plot wants) of every series; 0 on out-of-memory. */
static int copy_series(mh_series_figure *f, const mh_series *series, const char *const *paths,
                       const char *const *labels, int n_labels)
{
    for (int i = 0; i < f->n_series; i++) {
        const mh_series *s = &series[i];
        size_t rows = s->n_rows, cols = (size_t)s->n_columns;
        if (n_labels > 0)
            f->labels[i] = copy_field(&(field){.start = labels[i], .length = strlen(labels[i])});
        else if (f->n_series > 1)
            f->labels[i] = base_name(paths[i]);
        f->columns[i] = malloc(rows * cols * sizeof(double));
        int wants_label = n_labels > 0 || f->n_series > 1;
        if (!f->columns[i] || (wants_label && !f->labels[i]))
            return 0;
        for (size_t c = 0; c < cols; c++)
            for (size_t r = 0; r < rows; r++)
                f->columns[i][c * rows + r] = s->data[r * cols + c];
    }
    return 1;
}

/* The column of series `s` (read from `path`) holding variable `c` of the first. */
static mh_status matching_column(const mh_series *first, const char *first_path, int c,
                                 const mh_series *s, const char *path, int *column,
                                 mh_error *err)
{
    const char *name = first->names[c], *unit = first->units[c];
    int k = mh_series_find(s, name);
    if (k < 1)
        return mh_error_raise(err, MH_ERR_NOT_FOUND, "%s has no column '%s'", path, name);
    if (unit[0] && s->units[k][0] && strcmp(unit, s->units[k]) != 0)
        return mh_error_raise(err, MH_ERR_INVALID, "%s has '%s' in %s, %s has it in %s", path,
                              name, s->units[k], first_path, unit);
    *column = k;
    return MH_OK;
}

/* Panel of variable `c`, its overlays from the further series in `more`. */
static mh_status make_panel(mh_series_figure *f, const mh_series *series,
                            const char *const *paths, int c, mh_plot_line *more,
                            mh_error *err)
{
    const mh_series *first = &series[0];
    for (int i = 1; i < f->n_series; i++) {
        int k = 0;
        mh_status st = matching_column(first, paths[0], c, &series[i], paths[i], &k, err);
        if (st != MH_OK)
            return st;
        more[i - 1] = (mh_plot_line){.label = f->labels[i],
                                     .t_min = f->columns[i],
                                     .y = f->columns[i] + (size_t)k * series[i].n_rows,
                                     .n = series[i].n_rows};
    }
    f->panels[f->n_panels++] =
        (mh_plot_panel){.name = first->names[c],
                        .unit = first->units[c],
                        .t_min = f->columns[0],
                        .y = f->columns[0] + (size_t)c * first->n_rows,
                        .n = first->n_rows,
                        .label = f->labels[0],
                        .more = f->n_series > 1 ? more : NULL,
                        .n_more = f->n_series - 1};
    return MH_OK;
}

mh_status mh_series_figure_make(const mh_series *series, const char *const *paths, int n_series,
                                const char *const *labels, int n_labels, const char *vars,
                                mh_series_figure *out, mh_error *err)
{
    memset(out, 0, sizeof *out);
    if (!series || !paths || n_series < 1 || n_labels < 0 || (n_labels > 0 && !labels))
        return mh_error_raise(err, MH_ERR_INVALID, "plot: no series, or inconsistent arguments");
    mh_status st = check_labels(labels, n_labels, n_series, err);
    if (st == MH_OK)
        st = check_vars(&series[0], paths[0], vars, err);
    if (st != MH_OK)
        return st;

    size_t n_columns = (size_t)series[0].n_columns;
    out->n_series = n_series;
    out->columns = calloc((size_t)n_series, sizeof *out->columns);
    out->labels = calloc((size_t)n_series, sizeof *out->labels);
    out->panels = calloc(n_columns, sizeof *out->panels);
    out->lines = calloc(n_columns * (size_t)(n_series - 1) + 1, sizeof *out->lines);
    if (!out->columns || !out->labels || !out->panels || !out->lines ||
        !copy_series(out, series, paths, labels, n_labels)) {
        mh_series_figure_free(out);
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the figure", paths[0]);
    }
    for (int c = 1; c < (int)n_columns && st == MH_OK; c++) {
        if (!vars || listed(vars, series[0].names[c]))
            st = make_panel(out, series, paths, c,
                            out->lines + (size_t)out->n_panels * (size_t)(n_series - 1), err);
    }
    if (st == MH_OK && out->n_panels == 0)
        st = mh_error_raise(err, MH_ERR_INVALID, "%s: nothing to plot", paths[0]);
    if (st != MH_OK)
        mh_series_figure_free(out);
    return st;
}

void mh_series_figure_free(mh_series_figure *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n_series; i++) {
        if (f->columns)
            free(f->columns[i]);
        if (f->labels)
            free(f->labels[i]);
    }
    free(f->columns);
    free(f->labels);
    free(f->panels);
    free(f->lines);
    memset(f, 0, sizeof *f);
}
