/*
 * cmd_migrate.c — `forumstat migrate --from WAREHOUSE --to WAREHOUSE`
 * (issue 17): copy a whole warehouse, its import history included, from
 * SQLite to PostgreSQL or back (or between two of a kind) through
 * fs_wh_copy; the source is only read.  The figures of the copy are the
 * figures of the original, byte for byte.  Without --from it only brings
 * the warehouse's schema up to date (the owner role's job on PostgreSQL,
 * see scripts/pg-setup).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "warehouse.h"

static const char *const help =
    N_("usage: forumstat migrate [--from WAREHOUSE] --to WAREHOUSE\n"
       "\n"
       "Copy a whole warehouse into a new, empty one: the import history\n"
       "(imports, files, slices, reverts), every record of every import, current,\n"
       "superseded or reverted, and the stored cubes, in one transaction.  Either\n"
       "warehouse is an SQLite file or a PostgreSQL database (a postgresql://\n"
       "URI, or a libpq string such as 'host=/run/postgresql dbname=forum'), so\n"
       "an SQLite warehouse moves to PostgreSQL and back.  The source is only\n"
       "read; the target is created (SQLite) or must exist and be empty\n"
       "(PostgreSQL: see scripts/pg-setup).  Reports from the copy are byte for\n"
       "byte the original's.  Without --from, the warehouse --to is only created\n"
       "or brought up to this forumstat's schema (on PostgreSQL, run it as the\n"
       "owner role: importers and readers cannot change the schema).\n"
       "\n"
       "  --from WAREHOUSE  the warehouse to copy\n"
       "  --to WAREHOUSE    the new warehouse\n"
       "  -q, --quiet       no line per table\n"
       "\n"
       "Exit status: 0 copied, 1 the target holds imports already, 2 wrong usage,\n"
       "3 environment failure (nothing is left in the target).\n");

static void progress(void *arg, const char *table, int64_t rows)
{
    (void)arg;
    fprintf(stderr, _("migrate: %-20s %lld rows\n"), table, (long long)rows);
}

int cmd_migrate(int argc, char **argv)
{
    fs_cli cli = {.cmd = "migrate", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS,
                                         {"from", required_argument, NULL, 'F'},
                                         {"to", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *from = NULL, *to = NULL;
    int c, r;
    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1)
        if (c == 'F')
            from = optarg;
        else if (c == 'T')
            to = optarg;
        else if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    if (optind != argc)
        return fs_cli_usage_error(&cli, N_("unexpected argument '%s'"), argv[optind]);
    if (!to)
        return fs_cli_usage_error(&cli,
                                  N_("give the warehouse: --to WAREHOUSE (and --from WAREHOUSE "
                                     "to copy one)"));
    if (from && strcmp(from, to) == 0)
        return fs_cli_usage_error(&cli, N_("--from and --to name the same warehouse"));
    fs_sbuf err = {0}, shown_to = {0};
    fs_db_redact(to, &shown_to);
    fs_warehouse *src = NULL, *dst = NULL;
    fs_status st;
    int rc = 0;
    if (!from) {
        st = fs_wh_open(to, true, false, NULL, &dst, &err);
        if (st == FS_OK)
            st = fs_wh_check_writable(dst, to, &err);
        fs_wh_close(dst);
        if (st != FS_OK)
            rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
        else if (!cli.quiet)
            printf(_("migrate: the warehouse %s is at schema %d\n"), fs_sbuf_str(&shown_to),
                   FS_WH_SCHEMA_VERSION);
        goto done;
    }
    /* the warehouse's own words name --db, which migrate does not have */
    if (fs_db_is_unknown_uri(from)) {
        rc = fs_cli_usage_error(&cli, N_("--from names a database URI forumstat does not know: "
                                         "it knows postgresql:// and postgres:// (check the "
                                         "spelling), or a file name"));
        goto done;
    }
    if (!fs_db_is_pg(from) && access(from, F_OK) != 0 && errno == ENOENT) {
        rc = fs_cli_fail(&cli, FS_ERR_IO,
                         _("there is no warehouse %s to copy: give the one to copy with --from "
                           "PATH (the --db of its imports)"),
                         from);
        goto done;
    }
    st = fs_wh_open(from, false, false, NULL, &src, &err);
    if (st == FS_OK)
        st = fs_wh_open(to, true, false, NULL, &dst, &err);
    if (st == FS_OK)
        st = fs_wh_check_writable(dst, to, &err);
    if (st == FS_OK)
        st = fs_wh_copy(src, dst, cli.quiet ? NULL : progress, NULL, &err);
    fs_wh_close(src);
    fs_wh_close(dst);
    if (st == FS_ERR_DATA) {
        fprintf(stderr, "forumstat migrate: %s\n", fs_err_text(&err, st));
        rc = 1;
    } else if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
    } else if (!cli.quiet) {
        printf(_("migrate: the warehouse is copied into %s\n"), fs_sbuf_str(&shown_to));
    }
done:
    fs_sbuf_free(&err);
    fs_sbuf_free(&shown_to);
    if (rc)
        return rc;
    return fs_cli_end_stdout(&cli, 0);
}
