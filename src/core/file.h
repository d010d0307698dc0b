/*
 * file.h - whole-file reading and atomic writing (core layer).
 *
 * Atomic writing: output goes to "<path>.tmp.<pid>" and is renamed over `path`
 * only when complete, so a failed run never leaves a partial file behind.
 */
#ifndef MH_CORE_FILE_H
#define MH_CORE_FILE_H

#include <stdio.h>

#include "myohep/myohep.h"

/* Read a whole file (NUL-terminated; `length` excludes the NUL). Limit in bytes. */
mh_status mh_file_read_all(const char *path, size_t limit, char **text, size_t *length,
                           mh_error *err);

typedef struct mh_atomic_file {
    FILE *fp;
    char final_path[4096];
    char temp_path[4160];
    int to_stdout; /* path "-": buffered in memory and written in one piece */
    int direct;    /* a device or pipe: written in place */
    char *buffer;
    size_t buffer_size;
} mh_atomic_file;

mh_status mh_atomic_open(mh_atomic_file *f, const char *path, mh_error *err);
/* Flush and rename into place (or copy the buffer to stdout). */
mh_status mh_atomic_commit(mh_atomic_file *f, mh_error *err);
/* Discard everything written. Safe to call after a failed commit. */
void mh_atomic_abort(mh_atomic_file *f);
/* A temporary path beside `path` for writers that open files themselves (cairo). */
void mh_atomic_temp_name(const char *path, char *buf, size_t size);

#endif
