/*
 * atomic.c — writing a file so that readers see either the old file or the
 * complete new one: bytes go to a temporary file in the target directory
 * (created with O_EXCL, mode 0666 minus umask), which is fsync'ed and then
 * renamed over the target; the directory is fsync'ed best-effort.  On any
 * failure the temporary file is removed.  errno is kept for the caller.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart_impl.h"

chart_status chart_status_from_errno(int err)
{
    switch (err) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
        return CHART_ERR_DISK_FULL;
    case ENOMEM:
        return CHART_ERR_NOMEM;
    default:
        return CHART_ERR_IO;
    }
}

/* The directory part of path ("." when there is none); malloc'ed. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

chart_status chart_afile_open(chart_afile *a, const char *path)
{
    static unsigned counter;
    a->fd = -1;
    a->tmp = a->path = NULL;
    if (!path || !*path || path[strlen(path) - 1] == '/') {
        errno = EINVAL;
        return CHART_ERR_ARG;
    }
    char *dir = dir_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t len = (dir ? strlen(dir) : 0) + strlen(base) + 64;
    a->path = strdup(path);
    a->tmp = malloc(len);
    if (!dir || !a->path || !a->tmp) {
        free(dir);
        free(a->path);
        free(a->tmp);
        a->tmp = a->path = NULL;
        errno = ENOMEM;
        return CHART_ERR_NOMEM;
    }
    for (int tries = 0; tries < 100; tries++) {
        snprintf(a->tmp, len, "%s/.%s.%ld.%u.tmp", dir, base, (long)getpid(), counter++);
        a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (a->fd >= 0 || errno != EEXIST) break;
    }
    free(dir);
    if (a->fd < 0) {
        int e = errno;
        free(a->path);
        free(a->tmp);
        a->tmp = a->path = NULL;
        errno = e;
        return chart_status_from_errno(e);
    }
    return CHART_OK;
}

chart_status chart_afile_write(chart_afile *a, const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n > 0) {
        ssize_t k = write(a->fd, b, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            return chart_status_from_errno(errno);
        }
        if (k == 0) {
            errno = ENOSPC;
            return CHART_ERR_DISK_FULL;
        }
        b += k;
        n -= (size_t)k;
    }
    return CHART_OK;
}

void chart_afile_abort(chart_afile *a)
{
    int e = errno;
    if (a->fd >= 0) close(a->fd);
    if (a->tmp) unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    a->fd = -1;
    a->tmp = a->path = NULL;
    errno = e;
}

chart_status chart_afile_commit(chart_afile *a)
{
    if (fsync(a->fd) != 0) {
        chart_status st = chart_status_from_errno(errno);
        chart_afile_abort(a);
        return st;
    }
    int rc = close(a->fd);
    a->fd = -1;
    if (rc != 0 || rename(a->tmp, a->path) != 0) {
        chart_status st = chart_status_from_errno(errno);
        chart_afile_abort(a);
        return st;
    }
    /* make the rename durable; failure here leaves a complete file */
    char *dir = dir_of(a->path);
    if (dir) {
        int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (d >= 0) {
            (void)fsync(d);
            close(d);
        }
        free(dir);
    }
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    return CHART_OK;
}
