/*
 * cmd_revert.c — `forumstat revert [--db PATH] IMPORT`: undo an import.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "warehouse.h"

static const char help[] =
    "usage: forumstat revert [--db PATH] IMPORT\n"
    "\n"
    "Undo import number IMPORT (see 'forumstat history'): for every table,\n"
    "county and year it held, the records of the previous import become\n"
    "current again.  Nothing is deleted; the revert is itself on record.\n"
    "\n"
    "  --db PATH   the warehouse (default: ./forumstat.db)\n"
    "\n"
    "Exit status: 0 reverted, 1 no such import or already reverted,\n"
    "2 wrong usage, 3 environment failure.\n";

int cmd_revert(int argc, char **argv)
{
    fs_cli cli = {.cmd = "revert", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
    int c, r;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1)
        if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    long id;
    if (optind + 1 != argc || !fs_cli_parse_long(argv[optind], &id) || id <= 0)
        return fs_cli_usage_error(&cli, "give one import number (see 'forumstat history')");
    char err[600];
    fs_warehouse *wh;
    fs_status st = fs_wh_open(cli.db_path, false, false, NULL, &wh, err, sizeof err);
    if (st != FS_OK)
        return fs_cli_fail(&cli, st, "%s", err);
    char now[32];
    fs_cli_now(now);
    st = fs_wh_revert(wh, id, now, err, sizeof err);
    fs_wh_close(wh);
    if (st == FS_ERR_DATA) {
        fprintf(stderr, "forumstat revert: %s\n", err);
        return 1;
    }
    if (st != FS_OK)
        return fs_cli_fail(&cli, st, "%s", err);
    printf("revert: import %ld reverted; what it replaced is current again\n", id);
    return 0;
}
