/*
 * cmd_revert.c — `forumstat revert [--db PATH] [--redo] IMPORT`: undo an
 * import, or undo that undo.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "schema.h"
#include "shquote.h"
#include "warehouse.h"

static const char *const help =
    N_("usage: forumstat revert [--db PATH] [--redo] IMPORT\n"
       "\n"
       "Undo import number IMPORT (see 'forumstat history'): for every table,\n"
       "county and year it holds, the records of the import before it become\n"
       "current again; a slice a later import replaced stays as it is.  With\n"
       "--redo, a reverted import becomes current again for the slices no later\n"
       "import holds.  Both say, slice by slice, which records are current now\n"
       "and which slices a later import holds.  Nothing is deleted; the revert\n"
       "and the redo are on record ('forumstat history').\n"
       "\n"
       "  --db PATH   the warehouse (default: ./forumstat.db)\n"
       "  --redo      undo the revert of IMPORT\n"
       "\n"
       "Exit status: 0 reverted (or redone), 1 no such import, already reverted\n"
       "(or, with --redo, not reverted), 2 wrong usage, 3 environment failure.\n");

int cmd_revert(int argc, char **argv)
{
    fs_cli cli = {.cmd = "revert", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {
        FS_CLI_COMMON_OPTIONS, {"redo", no_argument, NULL, 'R'}, {NULL, 0, NULL, 0}};
    int c, r;
    bool redo = false;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1)
        if (c == 'R')
            redo = true;
        else if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    const char *db = fs_cli_db(&cli);
    long id;
    if (optind + 1 != argc || !fs_cli_parse_long(argv[optind], &id) || id <= 0) {
        fs_sbuf q = {0};
        int rc = fs_cli_usage_error(&cli, "give one import number (see: forumstat history --db %s)",
                                    fs_sbuf_shquote(&q, cli.db_path));
        fs_sbuf_free(&q);
        return rc;
    }
    fs_sbuf err = {0};
    fs_warehouse *wh;
    fs_status st = fs_wh_open(db, false, false, NULL, &wh, &err);
    if (st == FS_OK && (st = fs_wh_check_writable(wh, db, &err)) != FS_OK)
        fs_wh_close(wh);
    if (st != FS_OK) {
        int rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
        fs_sbuf_free(&err);
        return rc;
    }
    char now[32];
    fs_cli_now(now);
    fs_wh_revert_slice *sl = NULL;
    size_t n = 0;
    st = fs_wh_revert(wh, id, redo, now, &sl, &n, &err);
    fs_wh_close(wh);
    int rc = 0;
    if (st == FS_ERR_DATA) {
        fprintf(stderr, _("forumstat revert: %s\n"), fs_err_text(&err, st));
        rc = 1;
    } else if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
    }
    fs_sbuf_free(&err);
    if (rc)
        return rc;
    fs_cli_names_zone(&cli); /* the counties of Chinese messages */
    size_t changed = 0;
    for (size_t i = 0; i < n; i++)
        changed += sl[i].changed;
    if (redo)
        printf(P_("revert: import %ld redone: current again for %zu of its %zu slice\n",
                  "revert: import %ld redone: current again for %zu of its %zu slices\n", n),
               id, changed, n);
    else
        printf(P_("revert: import %ld reverted: %zu of its %zu slice changed\n",
                  "revert: import %ld reverted: %zu of its %zu slices changed\n", n),
               id, changed, n);
    fs_sbuf cl = {0}; /* a county as the messages name it */
    for (size_t i = 0; i < n; i++) {
        const fs_wh_revert_slice *s = &sl[i];
        /* in Chinese the table's name and the county's, in English the
         * standard name and the code */
        printf(_("  %s of %s for %d: "), fs_table_word_of(s->tbl),
               fs_zone_county_label(cli.zone, s->county, &cl), s->year);
        if (!s->changed)
            printf(P_("not changed: import %lld, a later import, holds it (%lld record)\n",
                      "not changed: import %lld, a later import, holds it (%lld records)\n",
                      s->records),
                   (long long)s->holder, (long long)s->records);
        else if (s->holder)
            printf(P_("import %lld current again (%lld record)\n",
                      "import %lld current again (%lld records)\n", s->records),
                   (long long)s->holder, (long long)s->records);
        else if (s->earlier)
            printf(_("no records now (import %lld, which held it before, is reverted)\n"),
                   (long long)s->earlier);
        else
            fputs(_("no records now (no earlier import held it)\n"), stdout);
    }
    fs_sbuf_free(&cl);
    free(sl);
    rc = fs_cli_end_stdout(&cli, 0);
    fs_cli_free(&cli);
    return rc;
}
