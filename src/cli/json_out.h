/*
 * json_out.h - writing JSON by hand, for the commands' reports (cli layer).
 * Numbers carry 17 significant digits (they read back to the same double); a
 * value that could not be computed (NAN, infinite) is written as null.
 */
#ifndef MH_CLI_JSON_OUT_H
#define MH_CLI_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string: quotes, backslashes and control characters escaped; other
 * bytes as they are (UTF-8 passes through). */
void mh_json_string(FILE *fp, const char *s);
void mh_json_number(FILE *fp, double v);
/* "key": number */
void mh_json_field(FILE *fp, const char *key, double v);
/* "key": number, ... for n keys */
void mh_json_fields(FILE *fp, const char *const *keys, const double *values, size_t n);

#endif
