/*
 * report_out.c — the CSV outputs of `report` (see report_out.h).
 */
#include "report_out.h"

#include <errno.h>
#include <string.h>

#include "atomic.h"

typedef fs_status (*csv_writer)(const fs_figures *f, FILE *out);

/* Write DIR/STEM-Y.csv (DIR/STEM.csv when year is 0) atomically with `write`. */
static fs_status write_csv_year(const fs_report_ctx *ctx, const char *stem, int year,
                                csv_writer write, char *wrote, size_t wrotesz, char *err,
                                size_t errsz)
{
    char path[4096];
    if (year)
        snprintf(path, sizeof path, "%s/%s-%d.csv", ctx->dir, stem, year);
    else
        snprintf(path, sizeof path, "%s/%s.csv", ctx->dir, stem);
    fs_atomic a;
    errno = 0;
    fs_status st = fs_atomic_begin(&a, path);
    if (st == FS_OK) {
        st = write(ctx->fig, a.fp);
        if (st == FS_ERR_IO && errno)
            st = fs_status_from_errno(errno); /* EFBIG, ENOSPC: disk full */
        if (st == FS_OK)
            st = fs_atomic_commit(&a);
        else
            fs_atomic_abort(&a);
    }
    if (st != FS_OK)
        snprintf(err, errsz, "cannot write %s: %s", path, errno ? strerror(errno) : fs_strerror(st));
    else
        snprintf(wrote, wrotesz, "%s", path);
    return st;
}

static fs_status write_csv(const fs_report_ctx *ctx, const char *stem, csv_writer write,
                           char *wrote, size_t wrotesz, char *err, size_t errsz)
{
    return write_csv_year(ctx, stem, ctx->year, write, wrote, wrotesz, err, errsz);
}

fs_status fs_report_write_metrics(const fs_report_ctx *ctx, char *wrote, size_t wrotesz, char *err,
                                  size_t errsz)
{
    return write_csv(ctx, "metrics", fs_fig_write_metrics, wrote, wrotesz, err, errsz);
}

fs_status fs_report_write_findings(const fs_report_ctx *ctx, char *wrote, size_t wrotesz, char *err,
                                   size_t errsz)
{
    return write_csv(ctx, "findings", fs_fig_write_findings, wrote, wrotesz, err, errsz);
}

fs_status fs_report_write_dictionary(const fs_report_ctx *ctx, char *wrote, size_t wrotesz,
                                     char *err, size_t errsz)
{
    return write_csv_year(ctx, "metrics-dictionary", 0, fs_fig_write_dictionary, wrote, wrotesz,
                          err, errsz);
}
