/*
 * summary_stats.c - reading GWAS summary statistics for Mendelian
 * randomization (analysis layer); the format is in summary_stats.h.
 *
 * Reading runs in three passes over what was read: split and check every
 * line (any error stops with its line and column, and nothing is returned),
 * look for duplicate SNP ids, then harmonise each variant's alleles and keep
 * those that can be aligned.
 */
#include "analysis/summary_stats.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/file.h"

#define MAX_FILE_BYTES ((size_t)256 << 20)

enum { QUOTE_CHARS = 40 }; /* how much of a bad field a message shows */

/* How a column's fields are read. */
typedef enum rule {
    TEXT,      /* SNP ids and alleles */
    REAL,      /* a number */
    NONZERO,   /* a number other than 0 */
    POSITIVE,  /* a number above 0 */
    FREQUENCY, /* optional (NA or empty): a number from 0 to 1 */
    COUNT      /* optional: a number above 0 */
} rule;

/* The columns: id, short-form name, TwoSampleMR name, how it is read. */
#define COLUMNS(X)                                                                                 \
    X(SNP, "snp", "SNP", TEXT)                                                                     \
    X(BX, "bx", "beta.exposure", NONZERO)                                                          \
    X(BXSE, "bxse", "se.exposure", POSITIVE)                                                       \
    X(BY, "by", "beta.outcome", REAL)                                                              \
    X(BYSE, "byse", "se.outcome", POSITIVE)                                                        \
    X(EA_X, "effect_allele.exposure", "effect_allele.exposure", TEXT)                              \
    X(OA_X, "other_allele.exposure", "other_allele.exposure", TEXT)                                \
    X(EAF_X, "eaf.exposure", "eaf.exposure", FREQUENCY)                                            \
    X(EA_Y, "effect_allele.outcome", "effect_allele.outcome", TEXT)                                \
    X(OA_Y, "other_allele.outcome", "other_allele.outcome", TEXT)                                  \
    X(EAF_Y, "eaf.outcome", "eaf.outcome", FREQUENCY)                                              \
    X(NX, "nx", "samplesize.exposure", COUNT)                                                      \
    X(NY, "ny", "samplesize.outcome", COUNT)                                                       \
    X(N, "n", "n", COUNT)

typedef enum column {
#define COLUMN_ENUM(id, short_name, long_name, how) COL_##id,
    COLUMNS(COLUMN_ENUM)
#undef COLUMN_ENUM
        N_COLUMNS
} column;

static const struct {
    const char *short_name, *long_name;
    rule how;
} column_info[N_COLUMNS] = {
#define COLUMN_INFO(id, short_name, long_name, how) [COL_##id] = {short_name, long_name, how},
    COLUMNS(COLUMN_INFO)
#undef COLUMN_INFO
};

/* The columns each form needs. */
static const column SHORT_REQUIRED[] = {COL_BX, COL_BXSE, COL_BY, COL_BYSE};
static const column LONG_REQUIRED[] = {COL_SNP,  COL_EA_X, COL_OA_X, COL_BX,  COL_BXSE,
                                       COL_EA_Y, COL_OA_Y, COL_BY,   COL_BYSE};

/* One field of a line, unescaped in place. */
typedef struct field {
    char *start;
    size_t length;
    size_t col; /* 1-based byte column of its first character */
} field;

/* One variant as read. */
typedef struct row {
    long line;
    size_t snp_col;
    const char *text[N_COLUMNS]; /* SNP and alleles, NUL-terminated in the text; or "" */
    double value[N_COLUMNS];     /* numbers; NAN where absent */
} row;

typedef struct reader {
    const char *path;
    mh_error *err;
    char delimiter;
    size_t n_fields;                       /* in the header */
    int where[N_COLUMNS];                  /* field index of each column, -1 when absent */
    char name[N_COLUMNS][QUOTE_CHARS + 8]; /* each column's name as the header writes it */
    bool long_form;
    long header_line;
    field *fields; /* of the line being read */
    size_t fields_capacity;
    row *rows;
    size_t n_rows, rows_capacity;
} reader;

static mh_status located(const reader *r, mh_status status, long line, size_t col, const char *fmt,
                         ...) MH_PRINTF(5, 6);

/* An error at path:line:col. */
static mh_status located(const reader *r, mh_status status, long line, size_t col, const char *fmt,
                         ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return mh_error_raise(r->err, status, "%s:%ld:%zu: %s", r->path, line, col, what);
}

/* Field text for a message: cut to QUOTE_CHARS with "..." after. */
static void quote_field(const field *f, char *buf, size_t size)
{
    if (f->length > QUOTE_CHARS)
        snprintf(buf, size, "%.*s...", (int)QUOTE_CHARS, f->start);
    else
        snprintf(buf, size, "%.*s", (int)f->length, f->start);
}

/* ---- splitting lines ----------------------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static mh_status add_field(reader *r, size_t n, field f)
{
    if (n == r->fields_capacity) {
        size_t bigger = r->fields_capacity ? 2 * r->fields_capacity : 32;
        field *grown = realloc(r->fields, bigger * sizeof *grown);
        if (!grown)
            return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
        r->fields = grown;
        r->fields_capacity = bigger;
    }
    r->fields[n] = f;
    return MH_OK;
}

/* A quoted field starting at the quote *p: its text, unescaped in place
 * ("" is one "); *p moves past the closing quote. */
static mh_status quoted_field(reader *r, long line, const char *line_start, char **p,
                              const char *end, field *f)
{
    char *open = *p, *in = *p + 1, *out = *p + 1;
    for (;;) {
        if (in >= end)
            return located(r, MH_ERR_PARSE, line, (size_t)(open - line_start) + 1,
                           "a quote opened here is not closed on this line");
        if (*in == '"') {
            if (in + 1 < end && in[1] == '"') {
                *out++ = '"';
                in += 2;
                continue;
            }
            break;
        }
        *out++ = *in++;
    }
    f->start = open + 1;
    f->length = (size_t)(out - (open + 1));
    f->col = (size_t)(open - line_start) + 1;
    *p = in + 1;
    return MH_OK;
}

/* Split [start, end) at the delimiter into r->fields; *count gets their number. */
static mh_status split_line(reader *r, long line, char *start, const char *end, size_t *count)
{
    size_t n = 0;
    char *p = start;
    for (;;) {
        while (p < end && *p != r->delimiter && is_blank(*p))
            p++;
        field f = {p, 0, (size_t)(p - start) + 1};
        mh_status st = MH_OK;
        if (p < end && *p == '"') {
            st = quoted_field(r, line, start, &p, end, &f);
            while (st == MH_OK && p < end && *p != r->delimiter && is_blank(*p))
                p++;
            if (st == MH_OK && p < end && *p != r->delimiter)
                return located(r, MH_ERR_PARSE, line, (size_t)(p - start) + 1,
                               "unexpected text after a closing quote");
        } else {
            size_t left = p < end ? (size_t)(end - p) : 0;
            char *stop = left ? memchr(p, r->delimiter, left) : NULL;
            stop = stop ? stop : (char *)end;
            char *last = stop;
            while (last > p && is_blank(last[-1]))
                last--;
            f.length = (size_t)(last - p);
            p = stop;
        }
        if (st == MH_OK)
            st = add_field(r, n++, f);
        if (st != MH_OK)
            return st;
        if (p >= end)
            break;
        p++; /* past the delimiter */
    }
    *count = n;
    return MH_OK;
}

/* ---- the header ------------------------------------------------------------------ */

static bool field_is(const field *f, const char *name)
{
    return strlen(name) == f->length && strncasecmp(name, f->start, f->length) == 0;
}

static int column_of(const field *f)
{
    for (int c = 0; c < N_COLUMNS; c++)
        if (field_is(f, column_info[c].short_name) || field_is(f, column_info[c].long_name))
            return c;
    return -1;
}

/* TwoSampleMR's form when any of its beta or se names is used or alleles are given. */
static bool is_long_form(const reader *r)
{
    static const column marks[] = {COL_BX, COL_BXSE, COL_BY, COL_BYSE};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (r->where[marks[k]] >= 0 &&
            strcasecmp(r->name[marks[k]], column_info[marks[k]].long_name) == 0)
            return true;
    return r->where[COL_EA_X] >= 0 || r->where[COL_EA_Y] >= 0;
}

static mh_status check_required(const reader *r)
{
    const column *need = r->long_form ? LONG_REQUIRED : SHORT_REQUIRED;
    size_t n_need = r->long_form ? sizeof LONG_REQUIRED / sizeof LONG_REQUIRED[0]
                                 : sizeof SHORT_REQUIRED / sizeof SHORT_REQUIRED[0];
    char missing[256] = "";
    for (size_t k = 0; k < n_need; k++) {
        if (r->where[need[k]] >= 0)
            continue;
        size_t used = strlen(missing);
        snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "",
                 r->long_form ? column_info[need[k]].long_name : column_info[need[k]].short_name);
    }
    if (!missing[0])
        return MH_OK;
    return located(r, MH_ERR_PARSE, r->header_line, 1, "missing required column(s) %s%s", missing,
                   r->long_form ? " (TwoSampleMR's harmonised data needs SNP, effect_allele, "
                                  "other_allele, beta and se for .exposure and .outcome)"
                                : " (expected bx, bxse, by and byse, or TwoSampleMR's "
                                  "beta.exposure, se.exposure, beta.outcome and se.outcome "
                                  "with SNP and alleles)");
}

static mh_status read_header(reader *r, long line, char *start, const char *end)
{
    r->header_line = line;
    r->delimiter = memchr(start, '\t', (size_t)(end - start)) ? '\t' : ',';
    mh_status st = split_line(r, line, start, end, &r->n_fields);
    if (st != MH_OK)
        return st;
    for (int c = 0; c < N_COLUMNS; c++)
        r->where[c] = -1;
    for (size_t i = 0; i < r->n_fields; i++) {
        int c = column_of(&r->fields[i]);
        if (c < 0)
            continue;
        char here[sizeof r->name[0]];
        quote_field(&r->fields[i], here, sizeof here);
        if (r->where[c] >= 0)
            return located(r, MH_ERR_PARSE, line, r->fields[i].col,
                           "column '%s' gives what column '%s' already gives; keep one", here,
                           r->name[c]);
        r->where[c] = (int)i;
        memcpy(r->name[c], here, sizeof here);
    }
    r->long_form = is_long_form(r);
    return check_required(r);
}

/* ---- rows ----------------------------------------------------------------------- */

static bool is_missing(const field *f)
{
    return f->length == 0 || field_is(f, "NA");
}

/* A finite decimal number filling the field (no hex, inf or nan). */
static bool parse_number(const field *f, double *value)
{
    char buf[128];
    if (f->length == 0 || f->length >= sizeof buf)
        return false;
    for (size_t i = 0; i < f->length; i++) {
        char c = f->start[i];
        if (!(isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.' || c == 'e' ||
              c == 'E'))
            return false;
        buf[i] = c;
    }
    buf[f->length] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end != buf + f->length || !isfinite(v))
        return false;
    *value = v;
    return true;
}

/* Why a number breaks its column's rule, or NULL. */
static const char *rule_broken(rule how, double v)
{
    if (how == NONZERO && v == 0.0)
        return "a variant with no association with the exposure cannot instrument it";
    if (how == POSITIVE && !(v > 0.0))
        return "a standard error must be above 0";
    if (how == FREQUENCY && !(v >= 0.0 && v <= 1.0))
        return "an allele frequency must be from 0 to 1";
    if (how == COUNT && !(v > 0.0))
        return "a sample size must be above 0";
    return NULL;
}

/* Read one numeric field by its column's rule. */
static mh_status read_value(const reader *r, long line, column c, const field *f, double *out)
{
    rule how = column_info[c].how;
    char text[QUOTE_CHARS + 8];
    quote_field(f, text, sizeof text);
    *out = NAN;
    if ((how == FREQUENCY || how == COUNT) && is_missing(f))
        return MH_OK;
    if (is_missing(f))
        return located(r, MH_ERR_PARSE, line, f->col, "%s: a value is required, found '%s'",
                       r->name[c], text);
    if (!parse_number(f, out))
        return located(r, MH_ERR_PARSE, line, f->col, "%s: expected a number, found '%s'",
                       r->name[c], text);
    const char *why = rule_broken(how, *out);
    if (why)
        return located(r, MH_ERR_INVALID, line, f->col, "%s: found '%s'; %s", r->name[c], text,
                       why);
    return MH_OK;
}

static mh_status add_row(reader *r, const row *x)
{
    if (r->n_rows == r->rows_capacity) {
        size_t bigger = r->rows_capacity ? 2 * r->rows_capacity : 64;
        row *grown = realloc(r->rows, bigger * sizeof *grown);
        if (!grown)
            return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
        r->rows = grown;
        r->rows_capacity = bigger;
    }
    r->rows[r->n_rows++] = *x;
    return MH_OK;
}

static mh_status read_row(reader *r, long line, char *start, const char *end)
{
    size_t n = 0;
    mh_status st = split_line(r, line, start, end, &n);
    if (st != MH_OK)
        return st;
    if (n != r->n_fields) {
        size_t col = n > r->n_fields ? r->fields[r->n_fields].col : (size_t)(end - start) + 1;
        return located(r, MH_ERR_PARSE, line, col,
                       "found %zu fields, expected %zu as in the header on line %ld", n,
                       r->n_fields, r->header_line);
    }
    row x = {.line = line};
    for (int c = 0; c < N_COLUMNS; c++) {
        x.text[c] = "";
        x.value[c] = NAN;
        if (r->where[c] < 0)
            continue;
        field *f = &r->fields[r->where[c]];
        if (column_info[c].how == TEXT) {
            f->start[f->length] = '\0'; /* past the field: a delimiter, blank, quote or end */
            x.text[c] = f->start;
        } else if ((st = read_value(r, line, (column)c, f, &x.value[c])) != MH_OK) {
            return st;
        }
    }
    if (r->where[COL_SNP] >= 0) {
        x.snp_col = r->fields[r->where[COL_SNP]].col;
        if (!x.text[COL_SNP][0])
            return located(r, MH_ERR_PARSE, line, x.snp_col, "%s: the SNP id is empty",
                           r->name[COL_SNP]);
    }
    return add_row(r, &x);
}

/* Split the text into lines, skip blank and '#' lines, read the header and rows. */
static mh_status read_lines(reader *r, char *text, size_t length)
{
    char *p = text, *stop = text + length;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a UTF-8 byte-order mark, as spreadsheets write */
    long line = 0;
    bool header = false;
    while (p < stop) {
        char *end = memchr(p, '\n', (size_t)(stop - p));
        char *next = end ? end + 1 : stop;
        end = end ? end : stop;
        line++;
        char *first = p;
        while (first < end && is_blank(*first))
            first++;
        mh_status st = MH_OK;
        if (first < end && *first != '#')
            st = header ? read_row(r, line, p, end) : read_header(r, line, p, end);
        if (st != MH_OK)
            return st;
        header = header || (first < end && *first != '#');
        p = next;
    }
    if (!header)
        return mh_error_raise(r->err, MH_ERR_PARSE,
                              "%s:1:1: empty file: expected a header line naming the columns "
                              "(bx, bxse, by, byse, or TwoSampleMR's SNP, beta.exposure, ...)",
                              r->path);
    if (r->n_rows == 0)
        return mh_error_raise(r->err, MH_ERR_PARSE,
                              "%s:%ld:1: no variants: the header is not followed by any row",
                              r->path, line + 1);
    return MH_OK;
}

/* ---- duplicates ---------------------------------------------------------------------- */

static int compare_rows_by_snp(const void *a, const void *b)
{
    const row *x = *(const row *const *)a, *y = *(const row *const *)b;
    int c = strcmp(x->text[COL_SNP], y->text[COL_SNP]);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The first line (in file order) whose SNP id an earlier line already has. */
static mh_status check_duplicates(reader *r)
{
    if (r->where[COL_SNP] < 0)
        return MH_OK;
    const row **sorted = malloc(sizeof *sorted * r->n_rows);
    if (!sorted)
        return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
    for (size_t i = 0; i < r->n_rows; i++)
        sorted[i] = &r->rows[i];
    qsort(sorted, r->n_rows, sizeof *sorted, compare_rows_by_snp);
    /* runs of one id, in line order: the second of a run repeats the first */
    const row *again = NULL, *first = NULL;
    for (size_t i = 1, run = 0; i < r->n_rows; i++) {
        if (strcmp(sorted[i]->text[COL_SNP], sorted[run]->text[COL_SNP]) != 0)
            run = i;
        else if (i == run + 1 && (!again || sorted[i]->line < again->line))
            again = sorted[i], first = sorted[run];
    }
    free(sorted);
    if (!again)
        return MH_OK;
    return located(r, MH_ERR_INVALID, again->line, again->snp_col,
                   "duplicate SNP '%s' (first on line %ld)", again->text[COL_SNP], first->line);
}

/* ---- harmonising and the result ------------------------------------------------------ */

static mh_allele_action action_of(const reader *r, const row *x)
{
    if (!r->long_form)
        return MH_ALLELES_ALIGNED;
    mh_allele_pair alleles = {x->text[COL_EA_X], x->text[COL_OA_X], x->value[COL_EAF_X],
                              x->text[COL_EA_Y], x->text[COL_OA_Y], x->value[COL_EAF_Y]};
    return mh_harmonise_alleles(&alleles);
}

/* Sample size of one study for a row: its own column, else the shared n. */
static double sample_size(const row *x, column own)
{
    return isnan(x->value[own]) ? x->value[COL_N] : x->value[own];
}

static mh_status allocate_result(mh_summary_stats *s, size_t n_rows)
{
    size_t d = sizeof(double);
    s->snp = calloc(n_rows, sizeof *s->snp);
    s->line = malloc(sizeof *s->line * n_rows);
    s->bx = malloc(d * n_rows);
    s->bxse = malloc(d * n_rows);
    s->by = malloc(d * n_rows);
    s->byse = malloc(d * n_rows);
    s->n_exposure = malloc(d * n_rows);
    s->n_outcome = malloc(d * n_rows);
    s->notes = calloc(n_rows, sizeof *s->notes);
    bool ok = s->snp && s->line && s->bx && s->bxse && s->by && s->byse && s->n_exposure &&
              s->n_outcome && s->notes;
    return ok ? MH_OK : MH_ERR_NOMEM;
}

static char *snp_id(const reader *r, const row *x, size_t index)
{
    char made[32];
    if (r->where[COL_SNP] < 0)
        snprintf(made, sizeof made, "snp_%zu", index + 1);
    return strdup(r->where[COL_SNP] < 0 ? made : x->text[COL_SNP]);
}

/* Sample sizes are kept only when every kept variant has both. */
static void drop_partial_sample_sizes(mh_summary_stats *s)
{
    for (int j = 0; j < s->n; j++)
        if (isnan(s->n_exposure[j]) || isnan(s->n_outcome[j])) {
            free(s->n_exposure);
            free(s->n_outcome);
            s->n_exposure = s->n_outcome = NULL;
            return;
        }
}

static mh_status build_result(const reader *r, mh_summary_stats *s)
{
    if (allocate_result(s, r->n_rows) != MH_OK)
        return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
    s->harmonised = r->long_form;
    s->n_read = (int)r->n_rows;
    for (size_t i = 0; i < r->n_rows; i++) {
        const row *x = &r->rows[i];
        mh_allele_action action = action_of(r, x);
        char *id = snp_id(r, x, i);
        if (!id)
            return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
        if (action != MH_ALLELES_ALIGNED) {
            s->notes[s->n_notes++] = (mh_harmonise_note){strdup(id), x->line, action};
            if (!s->notes[s->n_notes - 1].snp) {
                free(id);
                return mh_error_raise(r->err, MH_ERR_NOMEM, "%s: out of memory", r->path);
            }
        }
        if (!mh_allele_action_keeps(action)) {
            free(id);
            continue;
        }
        int j = s->n++;
        double sign = mh_allele_action_negates(action) ? -1.0 : 1.0;
        s->snp[j] = id;
        s->line[j] = x->line;
        s->bx[j] = x->value[COL_BX];
        s->bxse[j] = x->value[COL_BXSE];
        s->by[j] = sign * x->value[COL_BY];
        s->byse[j] = x->value[COL_BYSE];
        s->n_exposure[j] = sample_size(x, COL_NX);
        s->n_outcome[j] = sample_size(x, COL_NY);
    }
    drop_partial_sample_sizes(s);
    if (s->n == 0)
        return mh_error_raise(r->err, MH_ERR_INVALID,
                              "%s: no variant left after harmonising the alleles (%d read, all "
                              "dropped: alleles that do not match, or palindromic with a "
                              "frequency near 0.5 or none)",
                              r->path, s->n_read);
    return MH_OK;
}

mh_status mh_summary_stats_parse(char *text, size_t length, const char *name, mh_summary_stats *out,
                                 mh_error *err)
{
    memset(out, 0, sizeof *out);
    reader r = {.path = name, .err = err};
    mh_status st = read_lines(&r, text, length);
    if (st == MH_OK)
        st = check_duplicates(&r);
    if (st == MH_OK)
        st = build_result(&r, out);
    free(r.fields);
    free(r.rows);
    if (st != MH_OK)
        mh_summary_stats_free(out);
    return st;
}

mh_status mh_summary_stats_read(const char *path, mh_summary_stats *out, mh_error *err)
{
    memset(out, 0, sizeof *out);
    char *text = NULL;
    size_t length = 0;
    mh_status st = mh_file_read_all(path, MAX_FILE_BYTES, &text, &length, err);
    if (st == MH_OK)
        st = mh_summary_stats_parse(text, length, path, out, err);
    free(text);
    return st;
}

void mh_summary_stats_free(mh_summary_stats *s)
{
    if (!s)
        return;
    for (int j = 0; s->snp && j < s->n; j++)
        free(s->snp[j]);
    for (int k = 0; s->notes && k < s->n_notes; k++)
        free(s->notes[k].snp);
    free(s->snp);
    free(s->line);
    free(s->bx);
    free(s->bxse);
    free(s->by);
    free(s->byse);
    free(s->n_exposure);
    free(s->n_outcome);
    free(s->notes);
    memset(s, 0, sizeof *s);
}

mh_mr_variants mh_summary_stats_variants(const mh_summary_stats *s)
{
    return (mh_mr_variants){s->n, s->bx, s->bxse, s->by, s->byse};
}
