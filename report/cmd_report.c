/*
 * cmd_report.c — `forumstat report [--db PATH] --year Y --out DIR`: the
 * forum's figures for a year, written into DIR.
 *
 * Reads the warehouse read-only in one snapshot (figures_cli.c), computes
 * the one in-memory result (figures.h) and writes every output from it:
 * metrics-Y.csv and findings-Y.csv here; the workbook and the charts read
 * the same result.  Each file is written to a temporary name in DIR and
 * renamed when complete (atomic.h); when any output fails, the outputs of
 * this run are removed again, so DIR never holds a half-written file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "cli.h"
#include "commands.h"
#include "figures_cli.h"

static const char help[] =
    "usage: forumstat report [--db PATH] [--zone FILE] [-q] --year Y --out DIR\n"
    "\n"
    "Compute the forum's figures for year Y from the warehouse (section 4 of\n"
    "the submission standard) for every member county, every province and the\n"
    "whole zone (ALL), and write them into DIR (created when missing):\n"
    "\n"
    "  DIR/metrics-Y.csv   every figure: year,scope,metric,value (plain decimals;\n"
    "                      an empty value where a figure has none)\n"
    "  DIR/findings-Y.csv  reconciliation findings for the counties' clerks\n"
    "                      (UTF-8 with BOM, opens in Excel)\n"
    "\n"
    "The warehouse is only read.  Findings do not make the report fail; see\n"
    "'forumstat check'.  Each file appears complete or not at all.\n"
    "\n"
    "  --db PATH     the warehouse (default: ./forumstat.db)\n"
    "  --zone FILE   zone configuration (default: templates/zone.conf)\n"
    "  --year Y      the year of the forum (the data year), 2000-2100\n"
    "  --out DIR     output folder\n"
    "  -q, --quiet   print nothing but problems\n"
    "\n"
    "Exit status: 0 written (findings or not); 1 the warehouse holds no records\n"
    "for Y (or none at all); 2 wrong usage; 3 environment failure (no warehouse,\n"
    "damaged warehouse, DIR not writable, disk full): nothing is left half-written.\n";

/* mkdir -p; false with errno set on failure. */
static bool make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return false;
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char keep = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            ok = false;
        *s = keep;
        if (!ok || keep == '\0')
            break;
    }
    struct stat sb;
    if (ok && (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        ok = false;
        if (errno == 0)
            errno = ENOTDIR;
    }
    int e = errno;
    free(p);
    errno = e;
    return ok;
}

typedef fs_status (*writer)(const fs_figures *f, FILE *out);

typedef struct output {
    const char *stem;  /* "metrics" */
    writer write;
    char path[4096];
    fs_atomic a;
    bool committed;
} output;

int cmd_report(int argc, char **argv)
{
    fs_cli cli = {.cmd = "report", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                          {"zone", required_argument, NULL, 'z'},
                                          {"year", required_argument, NULL, 'y'},
                                          {"out", required_argument, NULL, 'o'},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *year_arg = NULL, *dir = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': cli.db_path = optarg; break;
        case 'z': cli.zone_path = optarg; break;
        case 'y': year_arg = optarg; break;
        case 'o': dir = optarg; break;
        case 'q': cli.quiet = true; break;
        case 'h': fputs(help, stdout); return 0;
        default: return fs_cli_usage_error(&cli, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return fs_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind]);
    long year;
    if (!year_arg)
        return fs_cli_usage_error(&cli, "give the year with --year Y");
    if (!fs_cli_parse_long(year_arg, &year) || year < 2000 || year > 2100)
        return fs_cli_usage_error(&cli, "--year wants a year between 2000 and 2100, not '%s'", year_arg);
    if (!dir || !*dir)
        return fs_cli_usage_error(&cli, "give the output folder with --out DIR");
    int rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;

    fs_figures *f;
    rc = fs_fig_cli_compute(&cli, (int)year, &f);
    if (rc) {
        fs_cli_free(&cli);
        return rc;
    }
    if (!make_dirs(dir)) {
        int e = errno;
        rc = fs_cli_fail(&cli, fs_status_from_errno(e), "cannot create the folder %s: %s", dir,
                         strerror(e));
        goto done;
    }
    output outs[] = {{.stem = "metrics", .write = fs_fig_write_metrics},
                     {.stem = "findings", .write = fs_fig_write_findings}};
    size_t nouts = sizeof outs / sizeof outs[0];
    fs_status st = FS_OK;
    size_t i;
    /* Write every file under its temporary name first ... */
    for (i = 0; i < nouts && st == FS_OK; i++) {
        snprintf(outs[i].path, sizeof outs[i].path, "%s/%s-%ld.csv", dir, outs[i].stem, year);
        errno = 0;
        st = fs_atomic_begin(&outs[i].a, outs[i].path);
        if (st == FS_OK)
            st = outs[i].write(f, outs[i].a.fp);
        if (st != FS_OK) {
            int e = errno;
            if (e && st == FS_ERR_IO)
                st = fs_status_from_errno(e); /* EFBIG, ENOSPC: disk full */
            rc = fs_cli_fail(&cli, st, "cannot write %s: %s", outs[i].path,
                             e ? strerror(e) : fs_strerror(st));
        }
    }
    /* ... then put them in place. */
    for (i = 0; i < nouts && st == FS_OK; i++) {
        st = fs_atomic_commit(&outs[i].a);
        if (st != FS_OK)
            rc = fs_cli_fail(&cli, st, "cannot write %s: %s", outs[i].path, fs_strerror(st));
        else
            outs[i].committed = true;
    }
    for (i = 0; i < nouts; i++) {
        if (st != FS_OK && outs[i].committed)
            remove(outs[i].path);
        else if (!outs[i].committed)
            fs_atomic_abort(&outs[i].a);
    }
    if (st == FS_OK && !cli.quiet) {
        size_t written = 0;
        for (size_t s = 0; s < f->nscopes; s++)
            for (size_t m = 0; m < f->nmetrics; m++)
                written += fs_fig_value_at(f, s, m)->state != FS_FIG_ABSENT;
        printf("report %ld: %zu figures for %zu scopes in %s, %zu finding%s in %s\n", year,
               written, f->nscopes, outs[0].path, f->nfindings, f->nfindings == 1 ? "" : "s",
               outs[1].path);
        fs_fig_cli_print_coverage(f, stdout);
    }
done:
    fs_figures_free(f);
    fs_cli_free(&cli);
    return rc;
}
