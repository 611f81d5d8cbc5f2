/*
 * cmd_history.c — `forumstat history [--db PATH]`: list the imports.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "figures_cli.h"
#include "i18n.h"
#include "schema.h"
#include "shquote.h"
#include "warehouse.h"

static const char *const help =
    N_("usage: forumstat history [--db PATH] [-q]\n"
       "\n"
       "List every import held by the warehouse: its time, its files (format,\n"
       "encoding, records, SHA-256) and, per table, county and year, how many\n"
       "records it holds and which import it superseded; \"[not live]\" marks such\n"
       "records that are no longer current (a later import replaced them, or the\n"
       "import was reverted: see forumstat revert).  Then the declared record\n"
       "counts (indicators declared_incidents, declared_disputes,\n"
       "declared_cooperation) against the records held, per county, year and table.\n"
       "A last line sums up: imports (how many reverted), files and records.\n"
       "\n"
       "  --db PATH     the warehouse (default: ./forumstat.db)\n"
       "  -q, --quiet   leave out the summary line\n"
       "\n"
       "Exit status: 0 listed, 2 wrong usage, 3 environment failure (no warehouse,\n"
       "damaged warehouse).\n");

/* "history: 3 imports (1 reverted), 75 files, 11000 records in DB". */
static int summary(const fs_cli *cli, fs_warehouse *wh)
{
    fs_wh_history *h;
    fs_status st = fs_wh_history_load(wh, &h);
    if (st != FS_OK)
        return fs_cli_fail(cli, st, "cannot read the history: %s", fs_wh_errmsg(wh));
    size_t reverted = 0;
    long long records = 0;
    for (size_t i = 0; i < h->nimports; i++)
        reverted += h->imports[i].reverted_at[0] != '\0';
    for (size_t i = 0; i < h->nfiles; i++)
        records += h->files[i].records;
    fs_sbuf q = {0};
    if (h->nimports == 0)
        printf(
            _("history: no imports yet in %s (forumstat import --db %s FILE|DIR... adds some)\n"),
            cli->db_path, fs_sbuf_shquote(&q, cli->db_path));
    else {
        /* one message per count: each has its own plural form */
        printf(P_("history: %zu import (%zu reverted)", "history: %zu imports (%zu reverted)",
                  h->nimports),
               h->nimports, reverted);
        printf(P_(", %zu file", ", %zu files", h->nfiles), h->nfiles);
        printf(_(", %lld records in %s\n"), records, cli->db_path);
    }
    fs_sbuf_free(&q);
    fs_wh_history_free(h);
    return fflush(stdout) == 0 ? 0 : fs_cli_fail(cli, FS_ERR_IO, "cannot print the history");
}

/*
 * Declared record counts (standard §2.3 v2) against the records held, per
 * county, year and table, from the current records:
 *   "  2025 341322 incidents: declared 284, held 281 (3 fewer than declared)",
 * in Chinese "  2025 年 341322 萧县 刑事案件：申报 284，…" (the county
 * named when the zone knows it).  Prints nothing when no county declared a
 * count.
 */
static fs_status declared(fs_warehouse *wh, const fs_zone *zone, const char *db_path, FILE *out)
{
    static const char sql[] =
        "SELECT i.year, i.county, substr(i.indicator, 10), i.value,"
        " (SELECT sl.records FROM live_slices l JOIN import_slices sl ON sl.import_id = l.import_id"
        "   AND sl.tbl = l.tbl AND sl.county = l.county AND sl.year = l.year"
        "   WHERE l.tbl = substr(i.indicator, 10) AND l.county = i.county AND l.year = i.year)"
        " FROM indicators i JOIN live_slices s ON s.tbl = 'indicators' AND s.county = i.county"
        "  AND s.year = i.year AND s.import_id = i.import_id"
        " WHERE i.indicator IN ('declared_incidents', 'declared_disputes', 'declared_cooperation')"
        " ORDER BY i.year, i.county, i.indicator";
    fs_stmt *st;
    fs_status rc = fs_db_prepare(fs_wh_db(wh), sql, &st);
    if (rc != FS_OK)
        return rc;
    bool row, first = true;
    fs_sbuf q = {0}; /* the warehouse as the shell takes it, in the hints */
    fs_sbuf cl = {0};
    const char *qdb = fs_sbuf_shquote(&q, db_path);
    while ((rc = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (first)
            fputs(_("declared record counts (indicators declared_*) against the records held:\n"),
                  out);
        first = false;
        int64_t d = fs_stmt_int(st, 3), held = fs_stmt_is_null(st, 4) ? 0 : fs_stmt_int(st, 4);
        char dec[32];
        if (d % 100)
            snprintf(dec, sizeof dec, "%lld.%02lld", (long long)(d / 100), (long long)(d % 100));
        else
            snprintf(dec, sizeof dec, "%lld", (long long)(d / 100));
        fprintf(out, _("  %lld %s %s: declared %s, held %lld"), (long long)fs_stmt_int(st, 0),
                fs_zone_county_label(zone, fs_stmt_text(st, 1), &cl),
                fs_table_word_of(fs_stmt_text(st, 2)), dec, (long long)held);
        if (d == 0 && held == 0)
            fputs(_(" (zero report)\n"), out);
        else if (d == 0 || d != held * 100)
            fprintf(out,
                    d == 0 ? _(" (a zero report with records: a finding, see forumstat check --db "
                               "%s --year %lld)\n")
                    : d > held * 100 ? _(" (fewer than declared: a finding, see forumstat check "
                                         "--db %s --year %lld)\n")
                                     : _(" (more than declared: a finding, see forumstat check "
                                         "--db %s --year %lld)\n"),
                    qdb, (long long)fs_stmt_int(st, 0));
        else
            fputs("\n", out);
    }
    fs_sbuf_free(&q);
    fs_sbuf_free(&cl);
    fs_stmt_free(st);
    return rc;
}

int cmd_history(int argc, char **argv)
{
    fs_cli cli = {.cmd = "history", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
    int c, r;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1)
        if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    if (optind < argc)
        return fs_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind]);
    /* the zone names the counties of Chinese messages */
    fs_cli_names_zone(&cli);
    /* Opened as report and check open it: a warehouse of an older schema
     * is upgraded once (with a note) instead of refused. */
    fs_warehouse *wh;
    int orc = fs_fig_cli_open(&cli, &wh);
    if (orc) {
        fs_cli_free(&cli);
        return orc;
    }
    fs_status st = fs_wh_print_history(wh, stdout);
    if (st == FS_OK)
        st = declared(wh, cli.zone, cli.db_path, stdout);
    int rc =
        st == FS_OK ? 0 : fs_cli_fail(&cli, st, "cannot read the history: %s", fs_wh_errmsg(wh));
    if (rc == 0 && !cli.quiet)
        rc = summary(&cli, wh);
    fs_wh_close(wh);
    fs_cli_free(&cli);
    return rc;
}
