/*
 * error.h - raising errors (core layer).
 *
 * Every error in the library goes through mh_error_raise, so one breakpoint
 * catches them all. A NULL mh_error is allowed: the status is still returned.
 */
#ifndef MH_CORE_ERROR_H
#define MH_CORE_ERROR_H

#include "myohep/myohep.h"

#if defined(__GNUC__)
#define MH_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define MH_PRINTF(fmt_index, first_arg)
#endif

/* Fill `err` (if any) with `status` and a formatted message; return `status`. */
mh_status mh_error_raise(mh_error *err, mh_status status, const char *fmt, ...) MH_PRINTF(3, 4);

/* Prefix an existing message with context ("reading targets: ..."). */
mh_status mh_error_prefix(mh_error *err, const char *fmt, ...) MH_PRINTF(2, 3);

void mh_error_clear(mh_error *err);

#endif
