/*
 * cmd_template.c — `forumstat template`: what a county fills in.
 *
 *   forumstat template --county CODE --year Y --out DIR [--lang zh|en]
 *       the CSV templates, the Excel workbook and the data dictionary of
 *       one county and year (template.h lists the files)
 *   forumstat template --dictionary [--lang zh|en]
 *       the reference tables of the submission guide, as Markdown on
 *       stdout (scripts/update-docs pastes them into docs/)
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "doctime.h"
#include "commands.h"
#include "i18n.h"
#include "template_write.h"

static const char *const help =
    N_("usage: forumstat template --county CODE --year Y --out DIR [--lang zh|en]\n"
       "                          [--force] [--zone FILE] [-q] [-v]\n"
       "       forumstat template --dictionary [--lang zh|en] [--zone FILE]\n"
       "\n"
       "Write what a county fills in for its yearly submission, into DIR (created\n"
       "when missing).  A file that exists there is never replaced without --force:\n"
       "then nothing is written at all.\n"
       "\n"
       "  DIR/CODE-Y-TABLE.csv       one per table (indicators, incidents, disputes,\n"
       "                             cooperation): the header row, UTF-8 with BOM; the\n"
       "                             indicators file lists one row per indicator (county,\n"
       "                             year, indicator: fill in the value, delete the rows\n"
       "                             of indicators you do not have); an unfilled record\n"
       "                             table is valid (zero records, a warning)\n"
       "  DIR/template-CODE-Y.xlsx   the same tables as sheets with drop-down lists,\n"
       "                             date and number checks and help on every column,\n"
       "                             instructions in Chinese and English, and the\n"
       "                             dictionary; send the filled workbook as it is, or\n"
       "                             each sheet saved as CSV\n"
       "  DIR/dictionary-CODE-Y.csv  every column: meaning, type, required, allowed\n"
       "                             values, example\n"
       "\n"
       "With --dictionary, print the columns, codes, member counties and validation\n"
       "rules as Markdown on stdout instead (the generated part of\n"
       "docs/submission-guide.*.md).\n"
       "\n"
       "  --county CODE  the reporting county: its code, Chinese or English name\n"
       "  --year Y       the year the data is for, 2000-2100\n"
       "  --out DIR      output folder\n"
       "  --lang zh|en   language of the headers, drop-downs and dictionary (default zh;\n"
       "                 the instructions are always in both)\n"
       "  --force        replace template files that exist in DIR (a filled-in\n"
       "                 template would be emptied)\n"
       "  --dictionary   print the Markdown reference instead of writing templates\n"
       "  --zone FILE    zone configuration (default: templates/zone.conf)\n"
       "  -q, --quiet    print nothing but problems\n"
       "  -v, --verbose  say what is being written\n"
       "\n"
       "Exit status: 0 written, 2 wrong usage (unknown county, bad year, a file exists\n"
       "and no --force), 3 environment failure (cannot write DIR).\n");

/* The document time: SOURCE_DATE_EPOCH when set (reproducible), else now. */
static time_t doc_epoch(void)
{
    time_t t;
    return fs_source_date_epoch(&t) ? t : time(NULL);
}

static const char *what(int i)
{
    static const char *const w[FS_TPL_MAX_FILES] = {N_("CSV template"), N_("CSV template"),
                                                    N_("CSV template"), N_("CSV template"),
                                                    N_("workbook"),     N_("data dictionary")};
    return i >= 0 && i < FS_TPL_MAX_FILES ? _(w[i]) : "";
}

static int dictionary(fs_cli *cli, bool zh)
{
    fs_status st = fs_template_dictionary_md(stdout, cli->zone, zh);
    if (st == FS_OK && fflush(stdout) != 0)
        st = FS_ERR_IO;
    if (st != FS_OK)
        return fs_cli_fail(cli, st, "cannot print the dictionary");
    int n = zh ? fs_template_untranslated_rules(NULL) : 0;
    if (n && !cli->quiet) {
        fprintf(stderr,
                P_("forumstat template: %d rule without a Chinese description, shown in "
                   "English; add it to report/templates/template_doc.c:\n",
                   "forumstat template: %d rules without a Chinese description, shown in "
                   "English; add them to report/templates/template_doc.c:\n",
                   n),
                n);
        fs_template_untranslated_rules(stderr);
    }
    return 0;
}

int cmd_template(int argc, char **argv)
{
    fs_cli cli = {.cmd = "template"};
    static const struct option opts[] = {{"county", required_argument, NULL, 'c'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"dictionary", no_argument, NULL, 'D'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"zone", required_argument, NULL, 'z'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"verbose", no_argument, NULL, 'v'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *county_arg = NULL, *year_arg = NULL, *dir = NULL;
    bool zh = true, dict = false, force = false;
    int c;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, "qvh", opts, NULL)) != -1) {
        int rc;
        switch (c) {
        case 'c': county_arg = optarg; break;
        case 'y': year_arg = optarg; break;
        case 'o': dir = optarg; break;
        case 'l':
            if ((rc = fs_cli_lang(&cli, optarg, &zh)) != 0)
                return rc;
            break;
        case 'D': dict = true; break;
        case 'f': force = true; break;
        default:
            if ((rc = fs_cli_option(&cli, c, argv, help)) >= 0)
                return rc;
        }
    }
    if (optind < argc)
        return fs_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind]);
    if (dict && (county_arg || year_arg || dir))
        return fs_cli_usage_error(
            &cli, "--dictionary prints to stdout and takes no --county, --year or --out");
    long year = 0;
    if (!dict) {
        if (!county_arg)
            return fs_cli_usage_error(&cli, "give the county with --county CODE");
        int rc = fs_cli_year(&cli, year_arg, &year);
        if (rc)
            return rc;
        if (!dir || !*dir)
            return fs_cli_usage_error(&cli, "give the output folder with --out DIR");
    }
    int rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;
    if (dict) {
        rc = dictionary(&cli, zh);
        fs_cli_free(&cli);
        return rc;
    }
    int county;
    if ((rc = fs_cli_county(&cli, county_arg, &county)) != 0) {
        fs_cli_free(&cli);
        return rc;
    }
    const fs_county *me = &cli.zone->counties[county];
    if (cli.verbose)
        fprintf(
            stderr,
            zh ? _("template: %s %s / %s, year %ld, headers and drop-downs in Chinese, into %s\n")
               : _("template: %s %s / %s, year %ld, headers and drop-downs in English, into %s\n"),
            me->code, me->name_zh, me->name_en, year, dir);
    if (!fs_cli_make_dirs(dir)) {
        int e = errno;
        rc = fs_cli_fail(&cli, fs_status_from_errno(e), "cannot create the folder %s: %s", dir,
                         strerror(e));
        fs_cli_free(&cli);
        return rc;
    }
    fs_tpl_opts o = {.zone = cli.zone,
                     .county = county,
                     .year = (int)year,
                     .zh = zh,
                     .dir = dir,
                     .epoch = doc_epoch(),
                     .force = force};
    fs_tpl_result *res = malloc(sizeof *res);
    if (!res) {
        rc = fs_cli_fail(&cli, FS_ERR_NOMEM, "out of memory");
        fs_cli_free(&cli);
        return rc;
    }
    fs_sbuf err = {0};
    fs_status st = fs_template_write(&o, res, &err);
    if (!cli.quiet)
        for (int i = 0; i < res->nfiles; i++)
            printf(_("template: %-12s %s\n"), what(i), res->files[i]);
    if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "%s", fs_sbuf_str(&err));
    } else {
        if (!cli.quiet)
            printf(_("template: %s %s %ld (%s): %d files written to %s; fill in the workbook (or "
                     "the CSV "
                     "files) and send it to the secretariat, which checks it on receipt (with "
                     "forumstat: forumstat validate --county %s --year %ld FILES)\n"),
                   me->code, zh ? me->name_zh : me->name_en, year, zh ? "zh" : "en", res->nfiles,
                   dir, me->code, year);
        if (fflush(stdout) != 0)
            rc = fs_cli_fail(&cli, FS_ERR_IO, "cannot print the summary");
    }
    fs_sbuf_free(&err);
    fs_tpl_result_free(res);
    free(res);
    fs_cli_free(&cli);
    return rc;
}
