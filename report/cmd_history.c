/*
 * cmd_history.c — `forumstat history [--db PATH]`: list the imports.
 */
#include <getopt.h>

#include "cli.h"
#include "commands.h"
#include "warehouse.h"

static const char help[] =
    "usage: forumstat history [--db PATH]\n"
    "\n"
    "List every import held by the warehouse: its time, its files (format,\n"
    "encoding, records, SHA-256) and, per table, county and year, how many\n"
    "records it holds and which import it superseded.\n"
    "\n"
    "  --db PATH   the warehouse (default: ./forumstat.db)\n";

int cmd_history(int argc, char **argv)
{
    fs_cli cli = {.cmd = "history", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
    int c, r;
    opterr = 0;
    optind = 1;
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
    fs_wh_close(wh);
    return rc;
}
