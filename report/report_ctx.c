/*
 * report_ctx.c — loading the report context (see report_ctx.h).
 */
#include "report_ctx.h"

#include <stdlib.h>
#include <string.h>

#include "doctime.h"
#include "figures_cli.h"

/* The latest import time as a time_t (UTC "YYYY-MM-DDTHH:MM:SSZ"). */
static time_t latest_import(const fs_wh_history *h)
{
    time_t latest = 0;
    for (size_t i = 0; i < h->nimports; i++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        if (strptime(h->imports[i].imported_at, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
            time_t t = timegm(&tm);
            if (t > latest)
                latest = t;
        }
    }
    return latest;
}

int fs_report_ctx_load(const fs_cli *cli, int year, const char *dir, const fs_report_opts *opts,
                       fs_report_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->zone = cli->zone;
    ctx->year = year;
    ctx->dir = dir;
    ctx->opts = *opts;
    int rc = fs_fig_cli_open(cli, &ctx->wh);
    if (rc)
        return rc;
    ctx->db = fs_wh_db(ctx->wh);
    int *years = NULL;
    size_t n = 0;
    char err[600] = "";
    fs_status st = fs_fig_read_begin(ctx->db);
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot read the warehouse %s: %s", cli->db_path,
                         fs_wh_errmsg(ctx->wh));
        goto done;
    }
    if ((rc = fs_fig_cli_years(cli, ctx->wh, year, &years, &n)) != 0)
        goto done;
    /* Every year from the first held to the report's year (a report for
     * Y shows years up to Y only, §4 v2: data of later years may be in
     * the warehouse), so a gap year shows as a gap in the trends rather
     * than vanishing. */
    ctx->trend_first = years[0];
    ctx->trend_last = year;
    st = fs_figures_compute_range(ctx->db, cli->zone, ctx->trend_first, ctx->trend_last,
                                  &ctx->trend, err, sizeof err);
    if (st == FS_OK) {
        ctx->ntrend = (size_t)(ctx->trend_last - ctx->trend_first) + 1;
        st = fs_figures_compute(ctx->db, cli->zone, year, &ctx->fig, err, sizeof err);
    }
    if (st == FS_OK && (st = fs_wh_history_load(ctx->wh, &ctx->history)) != FS_OK)
        snprintf(err, sizeof err, "%s",
                 st == FS_ERR_NOMEM ? fs_strerror(st) : fs_wh_errmsg(ctx->wh));
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot compute the figures for %d: %s", year, err);
        goto done;
    }
    if (!fs_source_date_epoch(&ctx->epoch))
        ctx->epoch = latest_import(ctx->history);
done:
    free(years);
    return rc;
}

void fs_report_ctx_free(fs_report_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ntrend; i++)
        fs_figures_free(ctx->trend[i]);
    free(ctx->trend);
    fs_figures_free(ctx->fig);
    fs_wh_history_free(ctx->history);
    if (ctx->db)
        fs_fig_read_end(ctx->db);
    fs_wh_close(ctx->wh);
    memset(ctx, 0, sizeof *ctx);
}

const fs_figures *fs_report_ctx_year(const fs_report_ctx *ctx, int year)
{
    for (size_t i = 0; i < ctx->ntrend; i++)
        if (ctx->trend[i] && ctx->trend[i]->year == year)
            return ctx->trend[i];
    return NULL;
}
