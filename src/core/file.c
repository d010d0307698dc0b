/*
 * file.c - reading whole files and writing files atomically.
 */
#include "core/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"

mh_status mh_file_read_all(const char *path, size_t limit, char **text, size_t *length,
                           mh_error *err)
{
    *text = NULL;
    *length = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return mh_error_raise(err, MH_ERR_IO, "%s: is a directory, expected a file", path);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        fclose(fp);
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (n == cap) {
            if (cap >= limit) {
                free(buf);
                fclose(fp);
                return mh_error_raise(err, MH_ERR_IO, "%s: file larger than %zu bytes", path,
                                      limit);
            }
            cap *= 2;
            char *bigger = realloc(buf, cap + 1);
            if (!bigger) {
                free(buf);
                fclose(fp);
                return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory", path);
            }
            buf = bigger;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    int read_error = ferror(fp);
    fclose(fp);
    if (read_error) {
        free(buf);
        return mh_error_raise(err, MH_ERR_IO, "%s: read error", path);
    }
    if (n > limit) {
        free(buf);
        return mh_error_raise(err, MH_ERR_IO, "%s: file larger than %zu bytes", path, limit);
    }
    buf[n] = '\0';
    *text = buf;
    *length = n;
    return MH_OK;
}

void mh_atomic_temp_name(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s.tmp.%ld", path, (long)getpid());
}

mh_status mh_atomic_open(mh_atomic_file *f, const char *path, mh_error *err)
{
    memset(f, 0, sizeof *f);
    if (strcmp(path, "-") == 0) {
        f->to_stdout = 1;
        f->fp = open_memstream(&f->buffer, &f->buffer_size);
        if (!f->fp)
            return mh_error_raise(err, MH_ERR_NOMEM, "out of memory buffering output");
        return MH_OK;
    }
    if (strlen(path) >= sizeof f->final_path)
        return mh_error_raise(err, MH_ERR_IO, "%s: path too long", path);
    /* A device or pipe (/dev/null, a FIFO) is written directly: renaming a
     * temporary file over it would replace the device itself. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return mh_error_raise(err, MH_ERR_IO, "%s: is a directory", path);
        f->fp = fopen(path, "wb");
        if (!f->fp)
            return mh_error_raise(err, MH_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
        f->direct = 1;
        return MH_OK;
    }
    strcpy(f->final_path, path);
    mh_atomic_temp_name(path, f->temp_path, sizeof f->temp_path);
    f->fp = fopen(f->temp_path, "wb");
    if (!f->fp)
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
    return MH_OK;
}

mh_status mh_atomic_commit(mh_atomic_file *f, mh_error *err)
{
    if (!f->fp)
        return mh_error_raise(err, MH_ERR_IO, "output file was not open");
    int failed = ferror(f->fp);
    if (fclose(f->fp) != 0)
        failed = 1;
    f->fp = NULL;
    if (f->to_stdout) {
        if (!failed && f->buffer_size > 0 &&
            (fwrite(f->buffer, 1, f->buffer_size, stdout) != f->buffer_size || fflush(stdout)))
            failed = 1;
        free(f->buffer);
        f->buffer = NULL;
        return failed ? mh_error_raise(err, MH_ERR_IO, "cannot write to standard output")
                      : MH_OK;
    }
    if (f->direct)
        return failed ? mh_error_raise(err, MH_ERR_IO, "%s: write error", f->final_path) : MH_OK;
    if (failed || rename(f->temp_path, f->final_path) != 0) {
        int saved = errno;
        remove(f->temp_path);
        return mh_error_raise(err, MH_ERR_IO, "%s: cannot write: %s", f->final_path,
                              failed ? "write error" : strerror(saved));
    }
    return MH_OK;
}

void mh_atomic_abort(mh_atomic_file *f)
{
    if (f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
    if (f->to_stdout) {
        free(f->buffer);
        f->buffer = NULL;
    } else if (f->temp_path[0] && !f->direct) {
        remove(f->temp_path);
    }
}
