/*
 * yaml.c - libfyaml wrapped for located errors (scenario layer).
 *
 * libfyaml gives marks only for tokens, so a mapping or sequence is located
 * at its first key or item, and an empty one at its key.
 */
#include "scenario/yaml.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/file.h"
#include "core/suggest.h"
#include "scenario/scenario.h"
#include "core/units.h"

/* The byte offset and 1-based line/column of the first invalid UTF-8 or NUL byte, if any. */
static bool find_binary(const char *text, size_t length, size_t *at, int *line, int *col,
                        unsigned char *byte)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < length;) {
        unsigned char b = (unsigned char)text[i];
        size_t extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : 9;
        bool bad = b == 0 || extra == 9 || i + extra >= length + (extra == 0);
        if (!bad && b < 0x20 && b != '\n' && b != '\r' && b != '\t')
            bad = true;
        for (size_t k = 1; !bad && k <= extra; k++)
            if (((unsigned char)text[i + k] >> 6) != 2)
                bad = true;
        if (bad) {
            *at = i;
            *line = l;
            *col = c;
            *byte = b;
            return true;
        }
        if (b == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
        i += extra + 1;
    }
    return false;
}

static bool only_blank(const char *text, size_t length)
{
    bool in_comment = false;
    for (size_t i = 0; i < length; i++) {
        char ch = text[i];
        if (ch == '\n')
            in_comment = false;
        else if (ch == '#')
            in_comment = true;
        else if (!in_comment && ch != ' ' && ch != '\t' && ch != '\r')
            return false;
    }
    return true;
}

/* Line (1-based) where a second document begins ('---' after content), or 0. */
static int second_document_line(const char *text, size_t length)
{
    int line = 1;
    bool content = false;
    for (size_t i = 0; i < length; line++) {
        size_t end = i;
        while (end < length && text[end] != '\n')
            end++;
        size_t j = i;
        while (j < end && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
            j++;
        bool marker = end - i >= 3 && strncmp(text + i, "---", 3) == 0 &&
                      (end - i == 3 || text[i + 3] == ' ' || text[i + 3] == '\r');
        if (marker && content)
            return line;
        if (j < end && text[j] != '#' && !marker)
            content = true;
        i = end + 1;
    }
    return 0;
}

/* The key text at a 1-based line and column (up to ':' or a space). */
static void word_at(const char *text, size_t length, int line, int col, char *buf, size_t size)
{
    size_t i = 0;
    for (int l = 1; l < line && i < length; i++)
        if (text[i] == '\n')
            l++;
    i += (size_t)(col > 0 ? col - 1 : 0);
    size_t n = 0;
    while (i < length && n + 1 < size && text[i] != ':' && text[i] != ' ' && text[i] != '\n' &&
           text[i] != '"' && text[i] != '\'')
        buf[n++] = text[i++];
    buf[n] = '\0';
}

mh_status mh_yaml_open(mh_yaml *y, const char *file, const char *text, size_t length,
                       mh_error *err)
{
    memset(y, 0, sizeof *y);
    y->file = file;
    y->err = err;
    size_t at;
    int line, col;
    unsigned char byte;
    if (find_binary(text, length, &at, &line, &col, &byte))
        return mh_error_raise(err, MH_ERR_PARSE,
                              "%s:%d:%d: not a text file: byte 0x%02x is not valid UTF-8 text "
                              "(expected a YAML or JSON scenario)",
                              file, line, col, byte);
    if (only_blank(text, length))
        return mh_error_raise(err, MH_ERR_PARSE,
                              "%s:1:1: empty file: expected a mapping of scenario keys such as "
                              "'subject', 'duration' and 'diet'",
                              file);
    int extra_doc = second_document_line(text, length);
    if (extra_doc > 0)
        return mh_error_raise(err, MH_ERR_PARSE,
                              "%s:%d:1: a second YAML document starts here; a scenario is one "
                              "document (remove the '---' line or what follows it)",
                              file, extra_doc);
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag)
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory", file);
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {
        .flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_RESOLVE_DOCUMENT,
        .diag = diag,
    };
    y->doc = fy_document_build_from_string(&cfg, text, length);
    if (!y->doc) {
        void *iter = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &iter);
        mh_status st;
        char key[64] = "";
        if (e && strstr(e->msg, "duplicate key"))
            word_at(text, length, e->line, e->column, key, sizeof key);
        if (e && key[0])
            st = mh_error_raise(err, MH_ERR_PARSE, "%s:%d:%d: invalid YAML: duplicate key '%s'",
                                file, e->line, e->column, key);
        else if (e && strstr(e->msg, "flow sequence"))
            st = mh_error_raise(err, MH_ERR_PARSE,
                                "%s:%d:%d: invalid YAML: %s (is a '[' above left unclosed?)", file,
                                e->line, e->column, e->msg);
        else if (e && strstr(e->msg, "flow mapping"))
            st = mh_error_raise(err, MH_ERR_PARSE,
                                "%s:%d:%d: invalid YAML: %s (is a '{' above left unclosed?)", file,
                                e->line, e->column, e->msg);
        else if (e)
            st = mh_error_raise(err, MH_ERR_PARSE, "%s:%d:%d: invalid YAML: %s", file, e->line,
                                e->column, e->msg);
        else
            st = mh_error_raise(err, MH_ERR_PARSE, "%s:1:1: invalid YAML", file);
        fy_diag_destroy(diag);
        return st;
    }
    fy_diag_destroy(diag);
    if (!fy_document_root(y->doc)) {
        mh_yaml_close(y);
        return mh_error_raise(err, MH_ERR_PARSE, "%s:1:1: empty document: expected a mapping",
                              file);
    }
    return MH_OK;
}

void mh_yaml_close(mh_yaml *y)
{
    if (y->doc)
        fy_document_destroy(y->doc);
    y->doc = NULL;
}

struct fy_node *mh_yaml_root(mh_yaml *y) { return fy_document_root(y->doc); }

/* The key under which `value` sits in its parent mapping, or NULL. */
static struct fy_node *key_of(struct fy_node *value)
{
    struct fy_node *parent = fy_node_get_parent(value);
    if (!parent || fy_node_get_type(parent) != FYNT_MAPPING)
        return NULL;
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(parent, &iter)))
        if (fy_node_pair_value(pair) == value)
            return fy_node_pair_key(pair);
    return NULL;
}

static bool locate_token(struct fy_node *node, int *line, int *col);

/* 1-based line and column of a node: its token, or its first key or item; an
 * empty collection or a null value (which carry no token) at its key. */
static void locate(struct fy_node *node, int *line, int *col)
{
    *line = 1;
    *col = 1;
    if (node && !locate_token(node, line, col)) {
        struct fy_node *key = key_of(node);
        if (key)
            locate_token(key, line, col);
    }
}

/* The descent of locate; false when it found no token to point at. */
static bool locate_token(struct fy_node *node, int *line, int *col)
{
    for (int depth = 0; node && depth < 64; depth++) {
        enum fy_node_type type = fy_node_get_type(node);
        if (type == FYNT_SCALAR) {
            struct fy_token *tok = fy_node_get_scalar_token(node);
            const struct fy_mark *m = tok ? fy_token_start_mark(tok) : NULL;
            if (m) {
                enum fy_node_style style = fy_node_get_style(node);
                bool quoted = style == FYNS_SINGLE_QUOTED || style == FYNS_DOUBLE_QUOTED;
                /* libfyaml marks a quoted scalar after its opening quote; point at the quote. */
                *line = m->line + 1;
                *col = m->column + 1 - (quoted && m->column > 0 ? 1 : 0);
            }
            return m != NULL;
        }
        void *iter = NULL;
        if (type == FYNT_MAPPING) {
            struct fy_node_pair *pair = fy_node_mapping_iterate(node, &iter);
            node = pair ? fy_node_pair_key(pair) : NULL;
        } else {
            node = fy_node_sequence_iterate(node, &iter);
        }
    }
    return false;
}

static mh_status vfail(mh_yaml *y, struct fy_node *node, mh_status status, const char *fmt,
                       va_list ap)
{
    char message[MH_ERROR_MESSAGE_SIZE];
    vsnprintf(message, sizeof message, fmt, ap);
    int line, col;
    locate(node, &line, &col);
    return mh_error_raise(y->err, status, "%s:%d:%d: %s", y->file, line, col, message);
}

mh_status mh_yaml_fail(mh_yaml *y, struct fy_node *node, mh_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mh_status st = vfail(y, node, status, fmt, ap);
    va_end(ap);
    return st;
}

mh_status mh_yaml_unsupported(mh_yaml *y, struct fy_node *node, const char *what)
{
    if (y->unsupported != MH_OK)
        return MH_OK;
    int line, col;
    locate(node, &line, &col);
    snprintf(y->unsupported_message, sizeof y->unsupported_message,
             "%s:%d:%d: %s is not supported yet in myohep %s (the physiology it needs is not "
             "modelled yet); remove it to run",
             y->file, line, col, what, MYOHEP_VERSION);
    y->unsupported = MH_ERR_UNSUPPORTED;
    return MH_OK;
}

static const char *kind_of(struct fy_node *node)
{
    if (!node)
        return "nothing";
    switch (fy_node_get_type(node)) {
    case FYNT_MAPPING:
        return "a mapping";
    case FYNT_SEQUENCE:
        return "a list";
    default:
        return "a scalar";
    }
}

static bool is_empty_scalar(struct fy_node *node)
{
    return !node || (fy_node_get_type(node) == FYNT_SCALAR && fy_node_get_scalar_length(node) == 0 &&
                     fy_node_get_style(node) == FYNS_PLAIN);
}

mh_status mh_yaml_expect_mapping(mh_yaml *y, struct fy_node *node, const char *what)
{
    if (node && fy_node_get_type(node) == FYNT_MAPPING)
        return MH_OK;
    return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: expected a mapping of keys, found %s", what,
                        is_empty_scalar(node) ? "nothing" : kind_of(node));
}

mh_status mh_yaml_expect_sequence(mh_yaml *y, struct fy_node *node, const char *what)
{
    if (node && fy_node_get_type(node) == FYNT_SEQUENCE)
        return MH_OK;
    return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: expected a list, found %s", what,
                        is_empty_scalar(node) ? "nothing" : kind_of(node));
}

mh_status mh_yaml_map(mh_yaml *y, struct fy_node *node, const char *context,
                      const char *const *keys, int n_keys, struct fy_node **values,
                      struct fy_node **key_nodes)
{
    mh_status st = mh_yaml_expect_mapping(y, node, context);
    if (st != MH_OK)
        return st;
    for (int i = 0; i < n_keys; i++) {
        values[i] = NULL;
        if (key_nodes)
            key_nodes[i] = NULL;
    }
    void *iter = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(node, &iter))) {
        struct fy_node *key = fy_node_pair_key(pair);
        const char *name = key && fy_node_get_type(key) == FYNT_SCALAR ? fy_node_get_scalar0(key)
                                                                       : NULL;
        if (!name)
            return mh_yaml_fail(y, key, MH_ERR_PARSE, "%s: keys must be plain names", context);
        int found = -1;
        for (int i = 0; i < n_keys && found < 0; i++)
            if (strcmp(name, keys[i]) == 0)
                found = i;
        if (found < 0) {
            const char *hint = mh_suggest(name, keys, (size_t)n_keys);
            if (hint)
                return mh_yaml_fail(y, key, MH_ERR_PARSE,
                                    "unknown key '%s' in %s (did you mean '%s'?)", name, context,
                                    hint);
            char list[512] = "";
            for (int i = 0; i < n_keys; i++) {
                strncat(list, keys[i], sizeof list - strlen(list) - 3);
                if (i + 1 < n_keys)
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            return mh_yaml_fail(y, key, MH_ERR_PARSE, "unknown key '%s' in %s (expected one of: %s)",
                                name, context, list);
        }
        values[found] = fy_node_pair_value(pair);
        if (key_nodes)
            key_nodes[found] = key;
        if (is_empty_scalar(values[found]))
            return mh_yaml_fail(y, key, MH_ERR_PARSE, "key '%s' in %s has no value", name, context);
    }
    return MH_OK;
}

struct fy_node *mh_yaml_get(struct fy_node *map, const char *key)
{
    return map ? fy_node_mapping_lookup_by_string(map, key, strlen(key)) : NULL;
}

/* A scalar's text, or an error naming what was found instead. */
static mh_status scalar_text(mh_yaml *y, struct fy_node *node, const char *key,
                             const char *expected, const char **text)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR || is_empty_scalar(node))
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: expected %s, found %s", key, expected,
                            is_empty_scalar(node) ? "nothing" : kind_of(node));
    *text = fy_node_get_scalar0(node);
    if (!*text)
        return mh_yaml_fail(y, node, MH_ERR_NOMEM, "%s: out of memory", key);
    return MH_OK;
}

mh_status mh_yaml_string(mh_yaml *y, struct fy_node *node, const char *key, const char **out)
{
    return scalar_text(y, node, key, "a text value", out);
}

mh_status mh_yaml_number(mh_yaml *y, struct fy_node *node, const char *key, double lower,
                         double upper, const char *unit, double *out)
{
    const char *text;
    mh_status st = scalar_text(y, node, key, "a number", &text);
    if (st != MH_OK)
        return st;
    enum fy_node_style style = fy_node_get_style(node);
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    bool numeric = end && end != text && *end == '\0' && errno == 0 && isfinite(v) &&
                   strpbrk(text, "xXnN") == NULL;
    if (!numeric || style != FYNS_PLAIN)
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: expected a number%s%s, found %s'%s'", key,
                            unit && *unit ? " in " : "", unit ? unit : "",
                            style != FYNS_PLAIN ? "the quoted text " : "", text);
    if (v < lower || v > upper)
        return mh_yaml_fail(y, node, MH_ERR_INVALID,
                            "%s = %g is out of range: allowed %g to %g%s%s", key, v, lower, upper,
                            unit && *unit ? " " : "", unit ? unit : "");
    *out = v;
    return MH_OK;
}

mh_status mh_yaml_uint(mh_yaml *y, struct fy_node *node, const char *key, uint64_t *out)
{
    const char *text;
    mh_status st = scalar_text(y, node, key, "a whole number", &text);
    if (st != MH_OK)
        return st;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || !end || *end != '\0' || errno != 0 ||
        fy_node_get_style(node) != FYNS_PLAIN)
        return mh_yaml_fail(y, node, MH_ERR_PARSE,
                            "%s: expected a whole number from 0 to 18446744073709551615, found '%s'",
                            key, text);
    *out = (uint64_t)v;
    return MH_OK;
}

mh_status mh_yaml_choice(mh_yaml *y, struct fy_node *node, const char *key,
                         const char *const *options, int n_options, int *out)
{
    const char *text;
    mh_status st = scalar_text(y, node, key, "a name", &text);
    if (st != MH_OK)
        return st;
    for (int i = 0; i < n_options; i++) {
        if (strcmp(text, options[i]) == 0) {
            *out = i;
            return MH_OK;
        }
    }
    char list[512] = "";
    for (int i = 0; i < n_options; i++) {
        strncat(list, options[i], sizeof list - strlen(list) - 4);
        if (i + 1 < n_options)
            strncat(list, " | ", sizeof list - strlen(list) - 1);
    }
    const char *hint = mh_suggest(text, options, (size_t)n_options);
    if (hint)
        return mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: unknown value '%s' (did you mean '%s'?)",
                            key, text, hint);
    return mh_yaml_fail(y, node, MH_ERR_INVALID, "%s: unknown value '%s' (expected %s)", key, text,
                        list);
}

typedef bool (*text_parser)(const char *, double *, char *, size_t);

static mh_status parse_with(mh_yaml *y, struct fy_node *node, const char *key, const char *what,
                            text_parser parse, double *out)
{
    const char *text;
    mh_status st = scalar_text(y, node, key, what, &text);
    if (st != MH_OK)
        return st;
    char why[256];
    if (!parse(text, out, why, sizeof why))
        return mh_yaml_fail(y, node, MH_ERR_PARSE, "%s: %s", key, why);
    return MH_OK;
}

mh_status mh_yaml_duration(mh_yaml *y, struct fy_node *node, const char *key, double *minutes)
{
    return parse_with(y, node, key, "a duration such as '90 min'", mh_parse_duration, minutes);
}

mh_status mh_yaml_clock(mh_yaml *y, struct fy_node *node, const char *key, double *minute_of_day)
{
    return parse_with(y, node, key, "a clock time such as '07:30'", mh_parse_clock, minute_of_day);
}

mh_status mh_yaml_moment(mh_yaml *y, struct fy_node *node, const char *key, double *minutes)
{
    return parse_with(y, node, key, "a moment such as 'day 3 08:00'", mh_parse_moment, minutes);
}

mh_status mh_yaml_path_beside(mh_yaml *y, struct fy_node *node, const char *key, char *path,
                              size_t size)
{
    const char *name;
    mh_status st = mh_yaml_string(y, node, key, &name);
    if (st != MH_OK)
        return st;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", y->file);
    snprintf(path, size, "%s/%s", dirname(dir), name);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return mh_yaml_fail(y, node, MH_ERR_NOT_FOUND, "%s: cannot open the %s file '%s'", key,
                            key, path);
    fclose(fp);
    return MH_OK;
}

mh_file_kind mh_input_file_kind(const char *path)
{
    static const struct {
        const char *key;
        mh_file_kind kind;
    } telling[] = {
        {"checks", MH_FILE_TARGET},         {"analyses", MH_FILE_INSILICO_MR},
        {"instruments", MH_FILE_INSILICO_MR}, {"arms", MH_FILE_EXPERIMENT},
        {"factors", MH_FILE_EXPERIMENT},    {"group_size", MH_FILE_EXPERIMENT},
        {"size", MH_FILE_POPULATION},
    };
    char *text;
    size_t length;
    mh_error ignored = {0};
    if (mh_file_read_all(path, 16u << 20, &text, &length, &ignored) != MH_OK)
        return MH_FILE_SCENARIO;
    mh_file_kind kind = MH_FILE_SCENARIO;
    mh_yaml y;
    if (mh_yaml_open(&y, path, text, length, &ignored) == MH_OK) {
        struct fy_node *root = mh_yaml_root(&y);
        if (root && fy_node_is_mapping(root))
            for (size_t i = 0; i < sizeof telling / sizeof telling[0]; i++)
                if (mh_yaml_get(root, telling[i].key)) {
                    kind = telling[i].kind;
                    break;
                }
        mh_yaml_close(&y);
    }
    free(text);
    return kind;
}
