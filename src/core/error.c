/*
 * error.c - the single place where errors are raised (core layer).
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[MH_STATUS_COUNT] = {
    [MH_OK] = "ok",
    [MH_ERR_NOMEM] = "out of memory",
    [MH_ERR_IO] = "input/output error",
    [MH_ERR_PARSE] = "parse error",
    [MH_ERR_INVALID] = "invalid input",
    [MH_ERR_UNSUPPORTED] = "not supported yet",
    [MH_ERR_NOT_FOUND] = "not found",
    [MH_ERR_SOLVER] = "solver failure",
    [MH_ERR_VALIDATION] = "validation target missed",
};

const char *mh_status_name(mh_status status)
{
    if ((int)status < 0 || status >= MH_STATUS_COUNT)
        return "unknown status";
    return status_names[status];
}

const char *mh_version(void) { return MYOHEP_VERSION; }

mh_status mh_error_raise(mh_error *err, mh_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

mh_status mh_error_prefix(mh_error *err, const char *fmt, ...)
{
    if (!err)
        return MH_OK;
    char prefix[MH_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* Shift the message right to make room for the prefix; truncate at the end. */
    size_t room = sizeof err->message - 1;
    size_t p = strlen(prefix), m = strlen(err->message);
    if (p > room)
        p = room;
    if (p + m > room)
        m = room - p;
    memmove(err->message + p, err->message, m);
    memcpy(err->message, prefix, p);
    err->message[p + m] = '\0';
    return err->status;
}

void mh_error_clear(mh_error *err)
{
    if (err) {
        err->status = MH_OK;
        err->message[0] = '\0';
    }
}
