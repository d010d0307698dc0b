/*
 * units.c - parsing of durations, clock times and moments; unit conversions.
 *
 * Parsing is strict on purpose: a scenario that says "2 month" or "day 1.5"
 * is rejected with the accepted forms listed, never guessed at.
 */
#include "core/units.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    double minutes;
} duration_units[] = {
    {"min", 1.0},  {"mins", 1.0},  {"minute", 1.0},  {"minutes", 1.0},
    {"h", 60.0},   {"hr", 60.0},   {"hour", 60.0},   {"hours", 60.0},
    {"day", MH_MIN_PER_DAY},       {"days", MH_MIN_PER_DAY},
    {"week", MH_MIN_PER_WEEK},     {"weeks", MH_MIN_PER_WEEK},
    {"year", MH_MIN_PER_YEAR},     {"years", MH_MIN_PER_YEAR},
};

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* A plain non-negative decimal number (no sign, no exponent, no hex, no inf). */
static bool read_decimal(const char **s, double *value)
{
    const char *p = *s;
    const char *start = p;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (p == start || (p == start + 1 && *start == '.'))
        return false;
    char buf[64];
    size_t n = (size_t)(p - start);
    if (n >= sizeof buf)
        return false;
    memcpy(buf, start, n);
    buf[n] = '\0';
    errno = 0;
    *value = strtod(buf, NULL);
    if (errno != 0 || !isfinite(*value))
        return false;
    *s = p;
    return true;
}

/* A non-negative integer of at most 9 digits. */
static bool read_count(const char **s, long *value)
{
    const char *p = *s;
    long v = 0;
    int digits = 0;
    while (isdigit((unsigned char)*p) && digits < 10) {
        v = v * 10 + (*p - '0');
        p++;
        digits++;
    }
    if (digits == 0 || digits > 9)
        return false;
    *value = v;
    *s = p;
    return true;
}

bool mh_parse_duration(const char *text, double *minutes, char *why, size_t why_size)
{
    const char *p = skip_space(text);
    double number;
    if (!read_decimal(&p, &number)) {
        snprintf(why, why_size,
                 "expected a duration such as '90 min', '36 h', '10 days', '12 weeks' or "
                 "'2 years', found '%s'",
                 text);
        return false;
    }
    p = skip_space(p);
    const char *unit = p;
    while (isalpha((unsigned char)*p))
        p++;
    size_t unit_len = (size_t)(p - unit);
    p = skip_space(p);
    if (unit_len == 0 || *p != '\0') {
        snprintf(why, why_size,
                 "expected a number followed by a unit (min, h, days, weeks, years), found '%s'",
                 text);
        return false;
    }
    for (size_t i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++) {
        if (strlen(duration_units[i].name) == unit_len &&
            strncmp(unit, duration_units[i].name, unit_len) == 0) {
            *minutes = number * duration_units[i].minutes;
            return true;
        }
    }
    snprintf(why, why_size, "unknown time unit '%.*s' in '%s' (use min, h, days, weeks or years)",
             (int)unit_len, unit, text);
    return false;
}

static bool parse_clock_at(const char **s, double *minute_of_day, const char *text, char *why,
                           size_t why_size)
{
    const char *p = *s;
    long hours, mins;
    const char *h_start = p;
    if (!read_count(&p, &hours) || p - h_start > 2 || *p != ':') {
        snprintf(why, why_size, "expected a clock time HH:MM such as '07:30', found '%s'", text);
        return false;
    }
    p++;
    const char *m_start = p;
    if (!read_count(&p, &mins) || p - m_start != 2) {
        snprintf(why, why_size, "expected a clock time HH:MM such as '07:30', found '%s'", text);
        return false;
    }
    if (hours > 23 || mins > 59) {
        snprintf(why, why_size, "clock time '%s' out of range (00:00 to 23:59)", text);
        return false;
    }
    *minute_of_day = (double)(hours * 60 + mins);
    *s = p;
    return true;
}

bool mh_parse_clock(const char *text, double *minute_of_day, char *why, size_t why_size)
{
    const char *p = skip_space(text);
    if (!parse_clock_at(&p, minute_of_day, text, why, why_size))
        return false;
    if (*skip_space(p) != '\0') {
        snprintf(why, why_size, "expected a clock time HH:MM such as '07:30', found '%s'", text);
        return false;
    }
    return true;
}

bool mh_parse_moment(const char *text, double *minutes, char *why, size_t why_size)
{
    const char *p = skip_space(text);
    static const char expected[] =
        "expected a moment such as 'day 3 08:00', 'day 3' or 'week 2' (counts start at 0)";
    bool is_day = strncmp(p, "day", 3) == 0 && (p[3] == ' ' || p[3] == '\t');
    bool is_week = strncmp(p, "week", 4) == 0 && (p[4] == ' ' || p[4] == '\t');
    if (!is_day && !is_week) {
        snprintf(why, why_size, "%s, found '%s'", expected, text);
        return false;
    }
    p = skip_space(p + (is_day ? 3 : 4));
    long count;
    if (!read_count(&p, &count) || (*p != '\0' && *p != ' ' && *p != '\t')) {
        snprintf(why, why_size, "%s; the %s count must be a whole number, found '%s'", expected,
                 is_day ? "day" : "week", text);
        return false;
    }
    p = skip_space(p);
    double clock = 0.0;
    if (*p != '\0') {
        if (is_week) {
            snprintf(why, why_size,
                     "ambiguous moment '%s': a week takes no clock time; write 'day %ld HH:MM'",
                     text, count * 7);
            return false;
        }
        if (!parse_clock_at(&p, &clock, text, why, why_size))
            return false;
        if (*skip_space(p) != '\0') {
            snprintf(why, why_size, "%s, found '%s'", expected, text);
            return false;
        }
    }
    *minutes = (double)count * (is_day ? MH_MIN_PER_DAY : MH_MIN_PER_WEEK) + clock;
    return true;
}

void mh_format_moment(double minutes, char *buf, size_t size)
{
    if (!isfinite(minutes)) {
        snprintf(buf, size, "t=%g min", minutes);
        return;
    }
    double day = floor(minutes / MH_MIN_PER_DAY);
    double rest = minutes - day * MH_MIN_PER_DAY;
    double whole_min = floor(rest);
    int seconds = (int)lround((rest - whole_min) * 60.0);
    if (seconds == 60) {
        seconds = 0;
        whole_min += 1.0;
    }
    int h = (int)(whole_min / 60.0), m = (int)fmod(whole_min, 60.0);
    if (seconds != 0)
        snprintf(buf, size, "day %.0f %02d:%02d:%02d", day, h, m, seconds);
    else
        snprintf(buf, size, "day %.0f %02d:%02d", day, h, m);
}

void mh_format_duration(double minutes, char *buf, size_t size)
{
    static const struct {
        double minutes;
        const char *unit;
    } units[] = {{MH_MIN_PER_WEEK, "weeks"}, {MH_MIN_PER_DAY, "days"}, {60.0, "h"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        double n = minutes / units[i].minutes;
        if (n >= 1.0 && fabs(n - round(n)) < 1e-9) {
            snprintf(buf, size, "%.0f %s", n, units[i].unit);
            return;
        }
    }
    snprintf(buf, size, "%g min", minutes);
}

double mh_glucose_mmol_l_from_mg_dl(double mg_dl) { return mg_dl / MH_GLUCOSE_MGDL_PER_MMOLL; }

double mh_insulin_uu_ml_from_pmol_l(double pmol_l) { return pmol_l / MH_INSULIN_PMOLL_PER_UUML; }
