/*
 * file.c — the chart library's output files through forumstat's one atomic
 * writer (report/common/atomic.h): fsc_write and the briefing PDF (doc.c) write
 * a file complete under "NAME.tmp-XXXXXX" next to it, fsync it and rename
 * it over NAME (a symbolic link keeps pointing at the file it names, stale
 * temporaries of killed runs are swept), or leave the old file untouched.
 *
 * atomic.h (with status.h, whose fs_status it returns) is the only module
 * outside charts/ the library uses; here its statuses become chart
 * statuses, and errno stays the cause of a failure for the caller's
 * message.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chart_impl.h"

fsc_status fsc_status_from_errno(int err)
{
    switch (err) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG: return FSC_ERR_DISK_FULL;
    case ENOMEM: return FSC_ERR_NOMEM;
    default: return FSC_ERR_IO;
    }
}

/* An fs_status of the writer as a chart status (errno is left alone). */
static fsc_status from_fs(fs_status st)
{
    switch (st) {
    case FS_OK: return FSC_OK;
    case FS_ERR_NOMEM: return FSC_ERR_NOMEM;
    case FS_ERR_DISK_FULL: return FSC_ERR_DISK_FULL;
    default: return FSC_ERR_IO;
    }
}

fsc_status fsc_file_begin(fs_atomic *a, const char *path)
{
    if (!path || !*path || path[strlen(path) - 1] == '/') {
        memset(a, 0, sizeof *a);
        errno = EINVAL;
        return FSC_ERR_ARG;
    }
    return from_fs(fs_atomic_begin(a, path));
}

fsc_status fsc_file_write(fs_atomic *a, const void *p, size_t n)
{
    if (n > 0 && fwrite(p, 1, n, a->fp) != n) {
        int e = errno ? errno : EIO;
        errno = e;
        return fsc_status_from_errno(e);
    }
    return FSC_OK;
}

fsc_status fsc_file_commit(fs_atomic *a) { return from_fs(fs_atomic_commit(a)); }

void fsc_file_abort(fs_atomic *a)
{
    int e = errno;
    fs_atomic_abort(a);
    errno = e;
}
