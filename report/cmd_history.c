/*
 * cmd_history.c — `forumstat history [--db PATH]`: list the imports.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "shquote.h"
#include "warehouse.h"

static const char help[] =
    "usage: forumstat history [--db PATH] [-q]\n"
    "\n"
    "List every import held by the warehouse: its time, its files (format,\n"
    "encoding, records, SHA-256) and, per table, county and year, how many\n"
    "records it holds and which import it superseded.  A last line sums up:\n"
    "imports (how many reverted), files and records.\n"
    "\n"
    "  --db PATH     the warehouse (default: ./forumstat.db)\n"
    "  -q, --quiet   leave out the summary line\n"
    "\n"
    "Exit status: 0 listed, 2 wrong usage, 3 environment failure (no warehouse,\n"
    "damaged warehouse).\n";

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
    char q[4200];
    if (h->nimports == 0)
        printf("history: no imports yet in %s (forumstat import --db %s FILE|DIR... adds some)\n",
               cli->db_path, fs_shquote(cli->db_path, q, sizeof q));
    else
        printf("history: %zu import%s (%zu reverted), %zu file%s, %lld records in %s\n", h->nimports,
               h->nimports == 1 ? "" : "s", reverted, h->nfiles, h->nfiles == 1 ? "" : "s", records,
               cli->db_path);
    fs_wh_history_free(h);
    return fflush(stdout) == 0 ? 0 : fs_cli_fail(cli, FS_ERR_IO, "cannot print the history");
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
    char err[600];
    fs_warehouse *wh;
    fs_status st = fs_wh_open(cli.db_path, false, true, NULL, &wh, err, sizeof err);
    if (st != FS_OK)
        return fs_cli_fail(&cli, st, "%s", err);
    st = fs_wh_print_history(wh, stdout);
    int rc = st == FS_OK ? 0 : fs_cli_fail(&cli, st, "cannot read the history: %s", fs_wh_errmsg(wh));
    if (rc == 0 && !cli.quiet)
        rc = summary(&cli, wh);
    fs_wh_close(wh);
    return rc;
}
