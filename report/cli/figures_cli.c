/*
 * figures_cli.c — the warehouse-to-figures step shared by `report` and
 * `check` (see figures_cli.h).
 */
#include "figures_cli.h"

#include "shquote.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "doctime.h"
#include "grow.h"
#include "i18n.h"
#include "warehouse.h"

/* The schema version of the file at path, or -1 when it cannot be read. */
static int64_t schema_version(const char *path)
{
    fs_db *db;
    fs_sbuf why = {0}; /* not shown: the caller has its own message */
    int64_t v = -1;
    fs_status st = fs_db_open(path, FS_DB_READ, &db, &why);
    fs_sbuf_free(&why);
    if (st != FS_OK)
        return -1;
    if (fs_db_user_version(db, &v) != FS_OK)
        v = -1;
    fs_db_close(db);
    return v;
}

int fs_fig_cli_open(const fs_cli *cli, fs_warehouse **wh)
{
    struct stat sb;
    const char *db = fs_cli_db((fs_cli *)cli);
    if (!fs_db_is_pg(db) && !fs_db_is_unknown_uri(db) && stat(db, &sb) != 0 &&
        errno == ENOENT) { /* else the open says why */
        fs_sbuf q = {0};
        fprintf(stderr,
                _("forumstat %s: there is no warehouse %s: name the warehouse the files "
                  "were imported into with --db PATH, or import some first (forumstat "
                  "import --db %s FILE|DIR...)\n"),
                cli->cmd, cli->db_path, fs_sbuf_shquote(&q, cli->db_path));
        fs_sbuf_free(&q);
        return 3;
    }
    fs_sbuf err = {0};
    fs_status st = fs_wh_open(db, false, true, cli->zone, wh, &err);
    if (st == FS_OK) {
        fs_sbuf_free(&err);
        return 0;
    }
    int64_t v = schema_version(db);
    if (v > 0 && v < FS_WH_SCHEMA_VERSION) {
        fprintf(stderr,
                _("forumstat %s: note: upgrading the warehouse %s to schema %d "
                  "; this happens once\n"),
                cli->cmd, cli->db_path, FS_WH_SCHEMA_VERSION);
        fs_warehouse *rw;
        st = fs_wh_open(db, false, false, cli->zone, &rw, &err);
        if (st == FS_OK) {
            fs_wh_close(rw);
            st = fs_wh_open(db, false, true, cli->zone, wh, &err);
        }
    }
    int rc = st == FS_OK ? 0 : fs_cli_fail(cli, st, "%s", fs_err_text(&err, st));
    fs_sbuf_free(&err);
    return rc;
}

int fs_fig_cli_years(const fs_cli *cli, fs_warehouse *wh, int year, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    fs_status st = fs_fig_years(fs_wh_db(wh), years, n);
    if (st != FS_OK)
        return fs_cli_fail(cli, st, "cannot read the warehouse %s: %s", cli->db_path,
                           st == FS_ERR_NOMEM ? fs_strerror(st) : fs_wh_errmsg(wh));
    if (*n == 0) {
        fs_sbuf q = {0};
        fprintf(stderr,
                _("forumstat %s: the warehouse %s holds no records yet: import the county "
                  "files first (forumstat import --db %s FILE|DIR...)\n"),
                cli->cmd, cli->db_path, fs_sbuf_shquote(&q, cli->db_path));
        fs_sbuf_free(&q);
        return 1;
    }
    bool held = false;
    for (size_t i = 0; i < *n; i++)
        held |= (*years)[i] == year;
    if (!held) {
        fs_sbuf list = {0};
        for (size_t i = 0; i < *n; i++)
            fs_sbuf_addf(&list, "%s%d", i ? ", " : "", (*years)[i]);
        fprintf(stderr,
                _("forumstat %s: the warehouse %s holds no records for %d (years held: %s)\n"),
                cli->cmd, cli->db_path, year, fs_sbuf_str(&list));
        fs_sbuf_free(&list);
        return 1;
    }
    return 0;
}

int fs_fig_cli_compute(const fs_cli *cli, int year, fs_figures **out)
{
    *out = NULL;
    fs_warehouse *wh;
    int rc = fs_fig_cli_open(cli, &wh);
    if (rc)
        return rc;
    fs_db *db = fs_wh_db(wh);
    int *years = NULL;
    size_t n = 0;
    fs_sbuf err = {0};
    fs_status st = fs_fig_read_begin(db);
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot read the warehouse %s: %s", cli->db_path,
                         fs_wh_errmsg(wh));
        goto done;
    }
    if ((rc = fs_fig_cli_years(cli, wh, year, &years, &n)) != 0)
        goto done;
    st = fs_figures_compute(db, cli->zone, year, out, &err);
    if (st != FS_OK)
        rc = fs_cli_fail(cli, st, "cannot compute the figures for %d: %s", year,
                         fs_err_text(&err, st));
done:
    fs_sbuf_free(&err);
    free(years);
    fs_fig_read_end(db);
    fs_wh_close(wh);
    return rc;
}

/* The counties of set after a message's colon, and the line's end:
 * " 320321 丰县, 341322 萧县" in English, "320321 丰县、341322 萧县" in
 * Chinese. */
static void county_list(const fs_zone *z, fs_county_set set, FILE *out)
{
    bool zh = fs_labels_zh();
    for (fs_county_set s = set; s; s &= s - 1) {
        int c = __builtin_ctzll(s);
        fprintf(out, "%s%s %s", s == set ? (zh ? "" : " ") : (zh ? "、" : ", "),
                z->counties[c].code, z->counties[c].name_zh);
    }
    fputc('\n', out);
}

void fs_fig_cli_print_coverage(const fs_figures *f, FILE *out)
{
    const fs_zone *z = f->zone;
    if (f->host >= 0)
        fprintf(out, _("forum %d: no. %d, hosted by %s %s %s\n"), f->year, f->ordinal,
                z->counties[f->host].code, z->counties[f->host].name_zh,
                z->counties[f->host].name_en);
    else
        fprintf(out, _("forum %d: before the first forum (%d)\n"), f->year, z->first_year);
    fs_county_set all = 0;
    for (size_t c = 0; c < z->ncounties; c++)
        all |= (fs_county_set)1 << c;
    for (int t = 0; t < FS_T_COUNT; t++) {
        fs_county_set missing = all & ~f->present[t];
        if (!missing)
            continue;
        fprintf(out, _("no %s records for %d from:"), fs_table_word((fs_table)t), f->year);
        county_list(z, missing, out);
    }
    /* Zero reports (declared 0, §2.3 v2) are data, not gaps: say so. */
    for (int t = 0; t < FS_T_COUNT; t++) {
        if (!f->zero[t])
            continue;
        char il[FS_DECLARED_LABEL_MAX]; /* 报送协作活动数 (declared_cooperation) */
        fprintf(out, _("zero report (%s 0) for %d from:"),
                fs_declared_label((fs_table)t, il, sizeof il), f->year);
        county_list(z, f->zero[t], out);
    }
}

/* Whether import id holds a file the report rests on (ctx->sources). */
static bool is_source_import(const fs_report_ctx *ctx, int64_t id)
{
    for (size_t k = 0; k < ctx->nsources; k++)
        if (ctx->sources[k].import_id == id)
            return true;
    return false;
}

/* The data's date: the latest time (UTC "YYYY-MM-DDTHH:MM:SSZ") of the
 * imports holding the files the report rests on, so that an import of a
 * later year, or one reverted since, does not change the documents of
 * the same data. */
static time_t latest_import(const fs_report_ctx *ctx)
{
    const fs_wh_history *h = ctx->history;
    time_t latest = 0;
    for (size_t i = 0; i < h->nimports; i++) {
        if (!is_source_import(ctx, h->imports[i].import_id))
            continue;
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
 * The files behind the live records (ctx->sources): every slice a file of
 * the history held whose records are live (its import still holds the
 * slice), of a member county and a year up to the report's, from one query
 * (fs_wh_live_file_slices), none over records.
 */
static fs_status load_sources(fs_report_ctx *ctx)
{
    fs_wh_live_file_slice *sl = NULL;
    size_t n = 0;
    fs_status st = fs_wh_live_file_slices(ctx->wh, ctx->year, &sl, &n);
    size_t cap = 0;
    for (size_t k = 0; k < n && st == FS_OK; k++) {
        int c = fs_zone_by_code(ctx->zone, sl[k].county);
        int t = fs_table_by_name(sl[k].tbl, strlen(sl[k].tbl));
        if (c < 0 || t < 0)
            continue;
        if (!fs_grow((void **)&ctx->sources, &cap, ctx->nsources, sizeof *ctx->sources)) {
            st = FS_ERR_NOMEM;
            break;
        }
        ctx->sources[ctx->nsources++] = (fs_report_source){
            sl[k].year, c, (fs_table)t, sl[k].records, sl[k].file_id, sl[k].import_id};
    }
    free(sl);
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
    fs_sbuf err = {0};
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
    st = fs_figures_compute_trend(ctx->db, cli->zone, ctx->trend_first, ctx->trend_last,
                                  &ctx->trend, &err);
    if (st == FS_OK) { /* the year's figures are the last of the range: not computed again */
        ctx->ntrend = (size_t)(ctx->trend_last - ctx->trend_first) + 1;
        ctx->fig = ctx->trend[ctx->ntrend - 1];
    }
    if (st == FS_OK && (st = fs_wh_history_load(ctx->wh, &ctx->history)) == FS_OK)
        st = load_sources(ctx);
    if (st != FS_OK && !err.len && !err.failed)
        fs_sbuf_setf(&err, "%s", st == FS_ERR_NOMEM ? fs_strerror(st) : fs_wh_errmsg(ctx->wh));
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot compute the figures for %d: %s", year,
                         fs_err_text(&err, st));
        goto done;
    }
    if (!fs_source_date_epoch(&ctx->epoch))
        ctx->epoch = latest_import(ctx);
    fs_db_release_memory(ctx->db); /* all is loaded: the page cache (8 MB) goes */
done:
    fs_sbuf_free(&err);
    free(years);
    return rc;
}
