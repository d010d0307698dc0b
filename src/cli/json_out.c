/*
 * json_out.c - writing JSON by hand, for the commands' reports (cli layer).
 */
#include "cli/json_out.h"

#include <math.h>

void mh_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(fp, "\\u%04x", *p);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}

void mh_json_number(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, "%.17g", v);
    else
        fputs("null", fp);
}

void mh_json_field(FILE *fp, const char *key, double v)
{
    fprintf(fp, "\"%s\": ", key);
    mh_json_number(fp, v);
}

void mh_json_fields(FILE *fp, const char *const *keys, const double *values, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", " : "", fp);
        mh_json_field(fp, keys[k], values[k]);
    }
}
