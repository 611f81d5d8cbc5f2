/*
 * report_ctx.c — loading the report context (see report_ctx.h).
 */
#include "report_ctx.h"

#include <stdlib.h>
#include <string.h>

#include "figures_cli.h"
#include "grow.h"

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

/*
 * The files behind the live records (ctx->sources): for every file of the
 * history, the slices it held (the warehouse records them per file,
 * fs_wh_file_slices) whose records are live, that is whose import still
 * holds the slice (history slice marked live), of a member county and a
 * year up to the report's.  One short query per file, none over records.
 */
static fs_status load_sources(fs_report_ctx *ctx)
{
    const fs_wh_history *h = ctx->history;
    /* The live slices of the history (at most tables x counties x years). */
    size_t *live = malloc((h->nslices ? h->nslices : 1) * sizeof *live); /* indices */
    if (!live)
        return FS_ERR_NOMEM;
    size_t nlive = 0;
    for (size_t i = 0; i < h->nslices; i++)
        if (h->slices[i].live)
            live[nlive++] = i;
    fs_status st = FS_OK;
    size_t cap = 0;
    for (size_t f = 0; f < h->nfiles && st == FS_OK; f++) {
        const fs_wh_file_rec *fr = &h->files[f];
        fs_wh_slice_rec *sl = NULL;
        size_t n = 0;
        if ((st = fs_wh_file_slices(ctx->wh, fr->file_id, &sl, &n)) != FS_OK)
            break;
        for (size_t k = 0; k < n && st == FS_OK; k++) {
            int c = fs_zone_by_code(ctx->zone, sl[k].county);
            int t = fs_table_by_name(sl[k].tbl, strlen(sl[k].tbl));
            if (c < 0 || t < 0 || sl[k].year > ctx->year)
                continue;
            bool is_live = false;
            for (size_t q = 0; q < nlive && !is_live; q++) {
                const fs_wh_slice_rec *l = &h->slices[live[q]];
                is_live = l->import_id == fr->import_id && l->year == sl[k].year &&
                          strcmp(l->county, sl[k].county) == 0 && strcmp(l->tbl, sl[k].tbl) == 0;
            }
            if (!is_live)
                continue;
            if (!fs_grow((void **)&ctx->sources, &cap, ctx->nsources, sizeof *ctx->sources)) {
                st = FS_ERR_NOMEM;
                break;
            }
            ctx->sources[ctx->nsources++] = (fs_report_source){
                sl[k].year, c, (fs_table)t, sl[k].records, fr->file_id, fr->import_id};
        }
        free(sl);
    }
    free(live);
    return st;
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
    if (st == FS_OK && (st = fs_wh_history_load(ctx->wh, &ctx->history)) == FS_OK)
        st = load_sources(ctx);
    if (st != FS_OK && !err[0])
        snprintf(err, sizeof err, "%s",
                 st == FS_ERR_NOMEM ? fs_strerror(st) : fs_wh_errmsg(ctx->wh));
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot compute the figures for %d: %s", year, err);
        goto done;
    }
    long sde;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    ctx->epoch = env && fs_cli_parse_long(env, &sde) && sde > 0 ? (time_t)sde
                                                                : latest_import(ctx->history);
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
    free(ctx->sources);
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
