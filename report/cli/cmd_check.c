/*
 * cmd_check.c — `forumstat check [--db PATH] --year Y`: list the
 * reconciliation findings of a year (section 4 of the standard): shared
 * references whose records in the counties do not fit together.
 *
 * The findings are those of the report (figures.h computes them once);
 * one per line on stdout, exit 1 when there is any.  --lang (the language
 * of messages) is taken by main.c.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "figures_cli.h"
#include "i18n.h"

static const char *const help =
    N_("usage: forumstat check [--db PATH] [--zone FILE] [--lang zh|en] [-q] --year Y\n"
       "\n"
       "List the reconciliation findings of year Y, one per line:\n"
       "  REFERENCE: KIND: explanation\n"
       "KIND is one of\n"
       "  unconfirmed  a cross-regional case (cross_ref) names a county that has\n"
       "               incident records for Y but none with that cross_ref\n"
       "  category     the counties' records of a cross_ref disagree on category\n"
       "  kind         the records of a joint activity (joint_ref) disagree on kind\n"
       "  dates        the records of a joint activity are more than 3 days apart\n"
       "and, with declared_incidents, declared_disputes or declared_cooperation as\n"
       "REFERENCE (a county's declared record count, indicators):\n"
       "  incomplete     it declared more records of the table than it sent\n"
       "  surplus        it declared fewer records than it sent\n"
       "  declared_zero  it declared 0 (a zero report) but sent records\n"
       "On stderr: how many findings, the forum's host and the counties that sent\n"
       "no records of a table (not findings; -q leaves these out).\n"
       "\n"
       "  --db PATH     the warehouse (default: ./forumstat.db)\n"
       "  --zone FILE   zone configuration (default: templates/zone.conf)\n"
       "  --year Y      the year, 2000-2100\n"
       "  --lang zh|en  language of messages (default: from LC_ALL, LC_MESSAGES or\n"
       "                LANG, the first one set; zh... gives Chinese)\n"
       "  -q, --quiet   print the findings only\n"
       "\n"
       "Exit status: 0 no findings; 1 findings (or the warehouse holds no records\n"
       "for Y: a message says so); 2 wrong usage; 3 environment failure.\n");

int cmd_check(int argc, char **argv)
{
    fs_cli cli = {.cmd = "check", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"zone", required_argument, NULL, 'z'},
        {"year", required_argument, NULL, 'y'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    const char *year_arg = NULL;
    int c;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        int rc;
        if (c == 'y')
            year_arg = optarg;
        else if ((rc = fs_cli_option(&cli, c, argv, help)) >= 0)
            return rc;
    }
    if (optind < argc)
        return fs_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind]);
    long year;
    int rc = fs_cli_year(&cli, year_arg, &year);
    if (rc == 0)
        rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;
    fs_figures *f;
    rc = fs_fig_cli_compute(&cli, (int)year, &f);
    if (rc) {
        fs_cli_free(&cli);
        return rc;
    }
    fs_status st = fs_fig_print_findings(f, stdout);
    if (fflush(stdout) != 0)
        st = FS_ERR_IO;
    if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "cannot print the findings");
    } else {
        rc = f->nfindings ? 1 : 0;
        if (!cli.quiet) {
            if (f->nfindings)
                fprintf(stderr,
                        P_("check %ld: %zu finding\n", "check %ld: %zu findings\n", f->nfindings),
                        year, f->nfindings);
            else
                fprintf(stderr, _("check %ld: no findings\n"), year);
            fs_fig_cli_print_coverage(f, stderr);
        }
    }
    fs_figures_free(f);
    fs_cli_free(&cli);
    return rc;
}
