/*
 * cmd_report.c — `forumstat report [--db PATH] --year Y --out DIR`: the
 * forum's figures for a year, written into DIR.
 *
 * Reads the warehouse read-only in one snapshot (figures_cli.c), computes
 * the one in-memory result (figures.h) and writes every output from it:
 * metrics-Y.csv and findings-Y.csv here; the workbook and the charts read
 * the same result.  Each file is written to a temporary name in DIR and
 * renamed when complete (atomic.h), so DIR never holds a half-written file;
 * when an output fails, the run stops there: the outputs written before it
 * are complete and stay, later ones keep their earlier version.  The
 * chart set (fonts, chart specs) is opened once here for the chart step
 * and the workbook (ctx.charts).  The chart step may run on a thread
 * beside the workbook (side_by_side): the workbook renames its file into
 * place only once the charts are (fs_report_wait_beside), so the outputs
 * and the failure reported are those of one step after the other.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "figures_cli.h"
#include "figures_register.h"
#include "i18n.h"
#include "report_ctx.h"
#include "report_charts.h"
#include "report_out.h"
#include "workbook.h"

static const char *const help =
    N_("usage: forumstat report [--db PATH] [--zone FILE] [--lang zh|en] [--size WxH]\n"
       "                        [--dpi N] [-q] --year Y --out DIR\n"
       "\n"
       "Compute the forum's figures for year Y from the warehouse (section 4 of\n"
       "the submission standard) for every member county, every province and the\n"
       "whole zone (ALL), and write them into DIR (created when missing):\n"
       "\n"
       "  DIR/metrics-Y.csv   every figure for every scope: year,scope,metric,value\n"
       "                      (plain decimals; an empty value where a figure has none,\n"
       "                      also where the scope has no data of the figure's table;\n"
       "                      counties_T says how many counties have table T)\n"
       "  DIR/metrics-dictionary.csv  every metric name (families as patterns such as\n"
       "                      offenses_cat_NN): unit, name and definition in en and zh\n"
       "  DIR/findings-Y.csv  reconciliation findings for the counties' clerks, declared\n"
       "                      record counts that differ from the records held included\n"
       "                      (UTF-8 with BOM, opens in Excel)\n"
       "  DIR/cross-cases-Y.csv  the register of cross-regional cases, one per cross_ref\n"
       "  DIR/charts/         the forum's charts as NN-name.png/.svg/.pdf (needs fonts-noto-cjk)\n"
       "  DIR/briefing-Y.pdf  A4 briefing: cover, a page per chart with takeaways, county table,\n"
       "                      data quality, definitions\n"
       "  DIR/forum-Y.xlsx    the forum workbook: overview, counties, crime, disputes,\n"
       "                      cooperation, trends, reconciliation, sources, definitions\n"
       "\n"
       "A year-on-year change (F_yoy_pct; for the four rates F_yoy_pp, in percentage\n"
       "points) is empty when the scope's counties having the data differ between the\n"
       "two years.  Trends show the years up to Y only.  The figures are defined in\n"
       "section 4 of the submission standard and in docs/submission-guide.en.md; the\n"
       "warehouse and its read-only views for analysts in docs/warehouse.md.\n"
       "\n"
       "The warehouse is only read.  Findings do not make the report fail; see\n"
       "'forumstat check'.  Each file appears complete or not at all.\n"
       "\n"
       "  --db PATH     the warehouse (default: ./forumstat.db)\n"
       "  --zone FILE   zone configuration (default: templates/zone.conf)\n"
       "  --year Y      the year of the forum (the data year), 2000-2100\n"
       "  --out DIR     output folder\n"
       "  --lang zh|en  language of the workbook, charts and briefing (default zh) and\n"
       "                of messages (default: from LC_ALL, LC_MESSAGES or LANG)\n"
       "  --size WxH    size of the chart PNGs in pixels (default 1920x1080)\n"
       "  --dpi N       resolution recorded in the chart PNGs (default 96)\n"
       "  -q, --quiet   print nothing but problems\n"
       "\n"
       "Exit status: 0 written (findings or not); 1 the warehouse holds no records\n"
       "for Y (or none at all); 2 wrong usage; 3 environment failure (no warehouse,\n"
       "damaged warehouse, DIR not writable, disk full): nothing is left half-written.\n");

/* The outputs, in the order they are written.  A new output is one line
 * here and one step function (report_out.h).  A step marked `beside` may
 * run on a thread of its own while the steps after it run (side_by_side). */
static const struct {
    const char *name;
    fs_report_step run;
    bool beside;
} steps[] = {
    {N_("metrics"), fs_report_write_metrics, false},
    {N_("dictionary"), fs_report_write_dictionary, false},
    {N_("findings"), fs_report_write_findings, false},
    {N_("cross-cases"), fs_report_write_cross_cases, false},
    {N_("charts"), fs_report_charts_write, true},
    {N_("workbook"), fs_workbook_write, false},
};

/* A step on its own thread, and what it gave. */
typedef struct side_step {
    const fs_report_ctx *ctx;
    fs_report_step run;
    fs_report_beside end; /* ctx->beside while it runs */
    fs_status st;
    fs_sbuf wrote, err;
} side_step;

static void *side_run(void *arg)
{
    side_step *s = arg;
    s->st = s->run(s->ctx, &s->wrote, &s->err);
    fs_report_beside_end(&s->end, s->st);
    return NULL;
}

/* A register of more cases than this keeps the chart step before the
 * workbook: the workbook holds about 2.5 KB per case (issue 16: side by
 * side, a report of 6 650 cases peaked at 75-85 MB, one of 26 666 at
 * 116-122 MB; one after the other 67 and 96 MB).  8 000 cases side by
 * side would peak near 90 MB. */
#define SIDE_MAX_CASES 8000

/* Does the chart step run beside the workbook (issue 16: a sample-sized
 * report 0.32 -> 0.26-0.28 s, a 1 M-record one 0.52 -> 0.42 s)?  When
 * there are two cores to share, when drawing takes little memory (the
 * font subsets: without them the chart step alone peaks at 93 MB), and
 * when the workbook is small (SIDE_MAX_CASES).  Otherwise one after the
 * other, which keeps every report under 100 MB. */
static bool side_by_side(const fs_report_ctx *ctx)
{
    const fs_xreg *x = ctx->fig->xreg;
    return sysconf(_SC_NPROCESSORS_ONLN) > 1 && fs_rc_light(ctx->charts) &&
           (!x || x->ncases <= SIDE_MAX_CASES);
}

/* "1920x1080" */
static bool parse_size(const char *s, int *w, int *h)
{
    char x;
    return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 320 && *h >= 240 &&
           *w <= 16384 && *h <= 16384;
}

int cmd_report(int argc, char **argv)
{
    fs_cli cli = {.cmd = "report", .db_path = FS_DEFAULT_DB};
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"zone", required_argument, NULL, 'z'},
        {"year", required_argument, NULL, 'y'}, {"out", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'}, {"size", required_argument, NULL, 's'},
        {"dpi", required_argument, NULL, 'r'},  {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    const char *year_arg = NULL, *dir = NULL;
    fs_report_opts ro = {FS_LANG_ZH, 1920, 1080, 96};
    long dpi;
    int c;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        int rc;
        bool zh;
        switch (c) {
        case 'y': year_arg = optarg; break;
        case 'o': dir = optarg; break;
        case 'l':
            if ((rc = fs_cli_lang(&cli, optarg, &zh)) != 0)
                return rc;
            ro.lang = zh ? FS_LANG_ZH : FS_LANG_EN;
            break;
        case 's':
            if (!parse_size(optarg, &ro.width, &ro.height))
                return fs_cli_usage_error(
                    &cli, "--size wants WIDTHxHEIGHT in pixels (e.g. 1920x1080), not '%s'", optarg);
            break;
        case 'r':
            if (!fs_cli_parse_long(optarg, &dpi) || dpi < 48 || dpi > 1200)
                return fs_cli_usage_error(
                    &cli, "--dpi wants a number between 48 and 1200, not '%s'", optarg);
            ro.dpi = (int)dpi;
            break;
        default:
            if ((rc = fs_cli_option(&cli, c, argv, help)) >= 0)
                return rc;
        }
    }
    if (optind < argc)
        return fs_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind]);
    long year;
    int rc = fs_cli_year(&cli, year_arg, &year);
    if (rc)
        return rc;
    if (!dir || !*dir)
        return fs_cli_usage_error(&cli, "give the output folder with --out DIR");
    rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;

    /* Big buffers (a chart's 8 MB image, its PNG) from the heap and kept
     * there for the next chart: mapped afresh for each one, their pages
     * were faulted in again and again.  Issue 16, medians of 9 runs: a
     * sample-sized report -9 % wall, -13 % CPU, the same peak; at 1 M
     * records 0.74 -> 0.66 s, peak 78 -> 81 MB.  Both: the mmap
     * threshold alone (which fixes the trim threshold at 128 KiB) made
     * the report 2x slower; a trim threshold of 8 MiB kept a third of the
     * gain.  malloc_trim between the steps still gives the pages back. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    /* the chart fonts open on a thread while the figures load (35 ms) */
    fs_rc_fonts *early = fs_rc_fonts_start();
    fs_report_ctx ctx = {0};
    rc = fs_report_ctx_load(&cli, (int)year, dir, &ro, &ctx);
    if (rc)
        goto done;
    if (!fs_cli_make_dirs(dir)) {
        int e = errno;
        rc = fs_cli_fail(&cli, fs_status_from_errno(e), "cannot create the folder %s: %s", dir,
                         strerror(e));
        goto done;
    }
    fs_sbuf wrote = {0}, err = {0};
    /* One chart set (and CJK font set) for the charts and the workbook's
     * pictures.  When it cannot be opened (no fonts), each of those steps
     * tries its own and fails there with its message, as before. */
    fs_status open_st = fs_rc_open_with(&ctx.charts, &ctx, early, &err);
    early = NULL; /* taken */
    if (open_st != FS_OK)
        ctx.charts = NULL;
    /* the step beside (if any), and the lines of the steps that finish
     * while it runs: printed after its own, in step order */
    side_step side = {0};
    size_t side_i = 0;
    pthread_t side_th;
    bool side_on = false;
    fs_sbuf held = {0};
    fs_status st = FS_OK;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && st == FS_OK; i++) {
        if (steps[i].beside && !side_on && side_by_side(&ctx)) {
            side = (side_step){
                .ctx = &ctx,
                .run = steps[i].run,
                .end = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, FS_OK},
                .st = FS_OK};
            ctx.beside = &side.end;
            side_on = pthread_create(&side_th, NULL, side_run, &side) == 0;
            side_i = i;
            if (side_on)
                continue;
            ctx.beside = NULL;
        }
        fs_sbuf_clear(&wrote);
        fs_sbuf_clear(&err);
        st = steps[i].run(&ctx, &wrote, &err);
        if (st == FS_OK && !cli.quiet)
            fs_sbuf_addf(&held, _("report %ld: %-11s %s\n"), year, _(steps[i].name),
                         fs_sbuf_str(&wrote));
        if (st == FS_OK && !side_on) {
            fputs(fs_sbuf_str(&held), stdout);
            fs_sbuf_clear(&held);
        }
        /* what a step freed (the chart workers' arenas, image buffers)
         * goes back to the system before the next one allocates: the
         * steps' peaks do not add up (issue 16) */
        malloc_trim(0);
    }
    if (side_on) { /* its line or failure comes first: an earlier step's */
        pthread_join(side_th, NULL);
        ctx.beside = NULL;
        if (side.st != FS_OK)
            rc = fs_cli_fail(&cli, side.st, "%s", fs_err_text(&side.err, side.st));
        else if (!cli.quiet)
            printf(_("report %ld: %-11s %s\n"), year, _(steps[side_i].name),
                   fs_sbuf_str(&side.wrote));
        if (!rc)
            fputs(fs_sbuf_str(&held), stdout);
    }
    if (st != FS_OK && !rc)
        rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
    fs_sbuf_free(&side.wrote);
    fs_sbuf_free(&side.err);
    fs_sbuf_free(&held);
    fs_sbuf_free(&wrote);
    fs_sbuf_free(&err);
    if (rc)
        goto done;
    if (!cli.quiet) {
        const fs_figures *f = ctx.fig;
        size_t written = 0;
        for (size_t s = 0; s < f->nscopes; s++)
            for (size_t m = 0; m < f->nmetrics; m++)
                written += fs_fig_value_at(f, s, m)->state != FS_FIG_ABSENT;
        printf(P_("report %ld: %zu figures for %zu scopes, %zu finding\n",
                  "report %ld: %zu figures for %zu scopes, %zu findings\n", f->nfindings),
               year, written, f->nscopes, f->nfindings);
        fs_fig_cli_print_coverage(f, stdout);
    }
done:
    fs_rc_fonts_stop(early);
    fs_rc_close(ctx.charts);
    ctx.charts = NULL;
    fs_report_ctx_free(&ctx);
    rc = fs_cli_end_stdout(&cli, rc);
    fs_cli_free(&cli);
    return rc;
}
