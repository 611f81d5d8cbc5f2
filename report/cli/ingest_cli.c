/*
 * ingest_cli.c — options, output and exit codes of validate and import.
 *
 * Results (one line per file, the summary) go to stdout, problems to
 * stderr.  When stderr is a terminal and -q is not given, long work also
 * shows one progress line on stderr (file, records done, records/s, time
 * left), redrawn in place at most five times a second after the first
 * second, and cleared before any other output; -v says what is being done.
 *
 * Both end with the slice table (what the files hold per county, year and
 * table; for import also the warehouse's records before and after),
 * aligned on a terminal, tab-separated otherwise.  SIGINT and SIGTERM stop
 * the run at a file boundary (ingest.h); a second one ends the process at
 * once (the run's transaction is then rolled back by SQLite).
 * FORUMSTAT_PROGRESS_AFTER=SECONDS changes that first second (the tests
 * set 0, so a small file shows the line whatever the machine's speed).
 */
#include "ingest_cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "i18n.h"
#include "ingest.h"
#include "shquote.h"
#include "warehouse.h"

/* ------------------------------------------------------------ progress */

typedef struct progress {
    const char *cmd;
    struct timespec start, drawn;
    double after;     /* seconds before the line first shows      */
    bool shown;       /* a progress line is on the terminal       */
    fs_sbuf file;     /* the file being read                      */
    double file_size; /* its size in bytes                        */
    double file_est;  /* its estimated records, 0 when unknown    */
    long file_records, total_records;
    double total_bytes; /* all input files, 0 when unknown          */
    double done_bytes;  /* files finished                           */
} progress;

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Skipped like ingest.c skips them (hidden and Office lock files, Windows
 * thumbnails) — only for the size estimate. */
static bool progress_skipped(const char *name)
{
    return name[0] == '.' || strncmp(name, "~$", 2) == 0 || strcmp(name, "Thumbs.db") == 0 ||
           strcmp(name, "desktop.ini") == 0;
}

/* Total size of the regular files under folder dir, read as ingest.c
 * reads them (sub-folders to depth 8, links not followed). */
static double folder_bytes(const char *dir, int depth)
{
    double total = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        fs_sbuf p = {0};
        struct stat sb;
        if (progress_skipped(e->d_name))
            continue;
        fs_sbuf_addf(&p, "%s/%s", dir, e->d_name);
        if (!p.failed && lstat(p.s, &sb) == 0) {
            if (S_ISREG(sb.st_mode))
                total += (double)sb.st_size;
            else if (S_ISDIR(sb.st_mode) && depth < 8)
                total += folder_bytes(p.s, depth + 1);
        }
        fs_sbuf_free(&p);
    }
    closedir(d);
    return total;
}

/* Total size of the inputs (files, and the files in folders). */
static double input_bytes(char *const *paths, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            continue;
        if (S_ISREG(sb.st_mode))
            total += (double)sb.st_size;
        else if (S_ISDIR(sb.st_mode))
            total += folder_bytes(paths[i], 0);
    }
    return total;
}

/* Estimated records of a CSV file from the line length of its first 64
 * KiB; 0 for an SQLite file or when the file cannot be read. */
static double estimate_records(const char *path, double size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (n >= 16 && memcmp(buf, "SQLite format 3", 16) == 0)
        return 0;
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += buf[i] == '\n';
    if (!lines || !n)
        return 0;
    return size * (double)lines / (double)n;
}

static void progress_clear(progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = false;
    }
}

static void progress_draw(progress *p, const struct timespec *now)
{
    double t = since(&p->start, now);
    char left[48] = "";
    if (p->total_bytes > 0) {
        double frac = p->file_est > 0 ? (double)p->file_records / p->file_est : 0;
        double done = p->done_bytes + (frac < 1 ? frac : 1) * p->file_size;
        if (done > 0 && done < p->total_bytes) {
            double s = (p->total_bytes - done) / (done / t);
            if (s >= 1 && s < 360000)
                snprintf(left, sizeof left,
                         s < 120 ? _(", about %.0f s left") : _(", about %.0f min left"),
                         s < 120 ? s : s / 60);
        }
    }
    const char *name = fs_sbuf_str(&p->file);
    struct winsize ws;
    int cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
    char tail[160];
    snprintf(tail, sizeof tail, _(": %ld records, %.0f records/s%s"), p->file_records,
             (double)p->total_records / t, left);
    /* Keep the line within the terminal: the file's base name when the
     * path is too long, then its last characters after "…". */
    int room = cols - 1 - (int)strlen(p->cmd) - 2 - (int)strlen(tail);
    if (room < 8)
        room = 8;
    if ((int)strlen(name) > room) {
        const char *slash = strrchr(name, '/');
        if (slash)
            name = slash + 1;
    }
    const char *dots = "";
    if ((int)strlen(name) > room) {
        name += strlen(name) - (size_t)(room - 1);
        while (((unsigned char)*name & 0xC0) == 0x80) /* not inside a character */
            name++;
        dots = "\xE2\x80\xA6";
    }
    fprintf(stderr, "\r%s: %s%s%s\033[K", p->cmd, dots, name, tail);
    fflush(stderr);
    p->shown = true;
    p->drawn = *now;
}

/* fs_ingest_opts.progress */
static void on_progress(void *arg, const char *file, long records)
{
    progress *p = arg;
    if (strcmp(file, fs_sbuf_str(&p->file)) != 0) {
        p->done_bytes += p->file_size;
        fs_sbuf_clear(&p->file);
        fs_sbuf_add(&p->file, file);
        struct stat sb;
        p->file_size = stat(file, &sb) == 0 ? (double)sb.st_size : 0;
        p->file_est = estimate_records(file, p->file_size);
        p->file_records = 0;
    }
    p->file_records += records;
    p->total_records += records;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&p->start, &now) < p->after || (p->shown && since(&p->drawn, &now) < 0.2))
        return;
    progress_draw(p, &now);
}

/* The per-file log goes to stdout through this stream while progress is
 * shown, so a log line never lands on the end of a progress line. */
static ssize_t log_write(void *cookie, const char *buf, size_t size)
{
    progress_clear(cookie);
    size_t n = fwrite(buf, 1, size, stdout);
    fflush(stdout);
    return n == size ? (ssize_t)n : -1;
}

/* -------------------------------------------------------- interrupts */

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* SIGINT and SIGTERM set stop_signal once; the handler is reset, so a
 * second signal ends the process at once. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = (int)SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static void release_signals(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

/* ------------------------------------------------------- slice table */

/* Columns a UTF-8 string takes on a terminal (CJK: two). */
static int display_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE0 ? 2 : 1; /* three-byte and longer: CJK here */
    }
    return w;
}

static void print_cell(const char *text, int width, bool right)
{
    int pad = width - display_width(text);
    if (right)
        printf("%*s%s", pad > 0 ? pad : 0, "", text);
    else
        printf("%s%*s", text, pad > 0 ? pad : 0, "");
}

/* The slice table on stdout: aligned on a terminal, else one
 * tab-separated line per slice under a header line. */
static void print_slices(const fs_zone *zone, const fs_ingest_result *res, bool import)
{
    if (!res->nrows)
        return;
    bool tty = isatty(STDOUT_FILENO);
    /* On a terminal the column names, the table and the change are in the
     * language of messages; into a file or a pipe they stay the English
     * words scripts read. */
    static const char *const head_en[] = {N_("county"), N_("year"),  N_("table"), N_("records"),
                                          N_("before"), N_("after"), N_("change")};
    const char *head[7];
    for (int k = 0; k < 7; k++)
        head[k] = tty ? _(head_en[k]) : head_en[k];
    int ncols = import ? 7 : 4;
    int width[7];
    char cell[7][64];
    for (int k = 0; k < ncols; k++)
        width[k] = display_width(head[k]);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (int k = 0; k < ncols; k++) {
                if (!tty) {
                    printf("%s%s", k ? "\t" : "", head[k]);
                    continue;
                }
                printf("%s", k ? "  " : "");
                print_cell(head[k], k == ncols - 1 ? 0 : width[k], k == 1 || (k >= 3 && k <= 5));
            }
            printf("\n");
        }
        for (size_t i = 0; i < res->nrows; i++) {
            const fs_ingest_row *r = &res->rows[i];
            const fs_county *c = &zone->counties[r->county];
            if (tty)
                snprintf(cell[0], sizeof cell[0], "%s %s", c->code, c->name_zh);
            else
                snprintf(cell[0], sizeof cell[0], "%s", c->code);
            snprintf(cell[1], sizeof cell[1], "%d", r->year);
            snprintf(cell[2], sizeof cell[2], "%s",
                     tty ? fs_table_word(r->table) : fs_tables[r->table].name);
            snprintf(cell[3], sizeof cell[3], "%ld", r->records);
            if (import) {
                snprintf(cell[4], sizeof cell[4], "%lld", (long long)r->before);
                snprintf(cell[5], sizeof cell[5], "%lld", (long long)r->after);
                snprintf(cell[6], sizeof cell[6], "%s",
                         !r->change ? ""
                         : tty      ? fs_tr(r->change)
                                    : r->change);
            }
            for (int k = 0; k < ncols; k++) {
                if (pass == 0) {
                    int w = display_width(cell[k]);
                    width[k] = w > width[k] ? w : width[k];
                } else if (!tty) {
                    printf("%s%s", k ? "\t" : "", cell[k]);
                } else {
                    printf("%s", k ? "  " : "");
                    print_cell(cell[k], k == ncols - 1 ? 0 : width[k],
                               k == 1 || (k >= 3 && k <= 5));
                }
            }
            if (pass == 1)
                printf("\n");
        }
    }
}

/* The counts of the summary line, each a message of its own (each count
 * has its own plural form), joined by the separator of the language. */
static void print_counts(const fs_ingest_result *res, const fs_diags *d, size_t errors, bool import)
{
    char part[6][120];
    int n = 0;
    snprintf(part[n++], sizeof part[0], P_("%d file", "%d files", res->files), res->files);
    if (!res->run_refused) {
        snprintf(part[n++], sizeof part[0], import ? _("%d imported") : _("%d valid"),
                 res->accepted);
        snprintf(part[n++], sizeof part[0], _("%d refused"), res->refused);
    }
    snprintf(part[n++], sizeof part[0], P_("%ld record", "%ld records", res->records),
             res->records);
    snprintf(part[n++], sizeof part[0], P_("%zu error", "%zu errors", errors), errors);
    snprintf(part[n++], sizeof part[0], P_("%zu warning", "%zu warnings", d->warnings),
             d->warnings);
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? _(", ") : "", part[i]);
}

/* The last line of an interrupted run (stderr): the files imported (or,
 * for validate, checked) and those not. */
static void print_interrupted(const fs_cli *cli, const fs_ingest_result *res, bool import)
{
    fprintf(stderr, _("forumstat %s: interrupted by %s; "), cli->cmd,
            res->interrupted == SIGINT    ? "SIGINT"
            : res->interrupted == SIGTERM ? "SIGTERM"
                                          : _("a signal"));
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            fputs(import ? _("imported: ") : _("checked: "), stderr);
        else
            fputs(import ? _("; not imported: ") : _("; not checked: "), stderr);
        int n = 0;
        for (size_t i = 0; i < res->nfates; i++) {
            const fs_ingest_file *f = &res->fates[i];
            bool done = f->fate == FS_FATE_ACCEPTED && (res->import_id || !import);
            if (done != (pass == 0))
                continue;
            fprintf(stderr, "%s%s%s", n++ ? ", " : "", f->name,
                    f->fate == FS_FATE_STOPPED    ? _(" (rolled back)")
                    : f->fate == FS_FATE_REFUSED  ? _(" (refused)")
                    : f->fate == FS_FATE_SKIPPED  ? _(" (skipped)")
                    : f->fate == FS_FATE_NOT_READ ? _(" (not read)")
                                                  : "");
        }
        if (!n)
            fputs(_("none"), stderr);
    }
    fprintf(stderr, "\n");
}

/* Append a shell word to a growing command line; false when out of memory. */
static bool cmd_add(fs_sbuf *b, const char *word, bool quote)
{
    if (b->len)
        fs_sbuf_add(b, " ");
    if (quote)
        fs_sbuf_shquote(b, word);
    else
        fs_sbuf_add(b, word);
    return !b->failed;
}

/* Can the problem list (--errors) be written?  Asked before the run, so
 * that an import is never committed and then reported as failed (exit 3)
 * for want of its problem list.  A folder is refused; a temporary file is
 * made and removed next to the list; a FIFO, a device or a link to a file
 * not there yet is written directly at the end, as fs_atomic_begin does. */
static fs_status errors_writable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        errno = EISDIR;
        return FS_ERR_IO;
    }
    fs_atomic probe;
    fs_status st = fs_atomic_begin_path(&probe, path);
    if (st == FS_OK)
        fs_atomic_abort(&probe);
    else if (st == FS_ERR_IO && errno == EINVAL)
        st = FS_OK; /* no regular file: fs_atomic_begin opens it as it is */
    return st;
}

/* ------------------------------------------------------------- command */

int fs_ingest_command(int argc, char **argv, bool import, const char *help)
{
    fs_cli cli = {.cmd = import ? "import" : "validate", .db_path = FS_DEFAULT_DB};
    const char *errors_csv = NULL, *county_arg = NULL, *year_arg = NULL;
    bool allow_shrink = false, read_again = false;
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS,
                                         {"again", no_argument, NULL, 'G'},
                                         {"errors", required_argument, NULL, 'e'},
                                         {"county", required_argument, NULL, 'c'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"allow-shrink", no_argument, NULL, 'A'},
                                         {NULL, 0, NULL, 0}};
    int c, r;
    opterr = 0;
    optind = 0; /* 0: a full restart of GNU getopt, which permutes */
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1) {
        if (c == 'e')
            errors_csv = optarg;
        else if (c == 'c')
            county_arg = optarg;
        else if (c == 'y')
            year_arg = optarg;
        else if (c == 'A' && import)
            allow_shrink = true;
        else if (c == 'A')
            return fs_cli_usage_error(
                &cli, "validate changes no warehouse; --allow-shrink is for import");
        else if (c == 'G' && import)
            read_again = true;
        else if (c == 'G')
            return fs_cli_usage_error(&cli, "validate reads every file; --again is for import");
        else if (c == 'd' && !import)
            return fs_cli_usage_error(&cli, "validate writes no database; --db is for import");
        else if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    }
    if (optind >= argc)
        return fs_cli_usage_error(&cli, "name at least one file or folder");
    long only_year = 0;
    if (year_arg && (r = fs_cli_year(&cli, year_arg, &only_year)) != 0)
        return r;
    int rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;
    int only_county = -1;
    if (county_arg && (rc = fs_cli_county(&cli, county_arg, &only_county)) != 0) {
        fs_cli_free(&cli);
        return rc;
    }

    fs_status wst = errors_csv ? errors_writable(errors_csv) : FS_OK;
    if (wst != FS_OK) {
        rc = fs_cli_fail(&cli, wst, "cannot write %s", errors_csv);
        fs_cli_free(&cli);
        return rc;
    }

    /* validate writes no database: fs_ingest without a warehouse */
    const char *db_path = import ? fs_cli_db(&cli) : NULL;
    if (cli.verbose) {
        if (import)
            fprintf(stderr,
                    fs_db_is_pg(db_path) || access(db_path, F_OK) == 0
                        ? _("import: warehouse %s (existing); the run is one transaction, each "
                            "file kept only when it has no error\n")
                        : _("import: warehouse %s (new, created now); the run is one transaction, "
                            "each file kept only when it has no error\n"),
                    cli.db_path);
        else
            fprintf(stderr, _("validate: checking each file without writing anything; identifiers "
                              "repeated across the files named are found too\n"));
    }
    fs_warehouse *wh = NULL;
    fs_sbuf err = {0};
    fs_status st = import ? fs_wh_open(db_path, true, false, cli.zone, &wh, &err) : FS_OK;
    if (st == FS_OK && wh && (st = fs_wh_check_writable(wh, db_path, &err)) != FS_OK) {
        fs_wh_close(wh);
        wh = NULL;
    }
    if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "%s", fs_err_text(&err, st));
        fs_sbuf_free(&err);
        fs_cli_free(&cli);
        return rc;
    }
    fs_sbuf_free(&err);
    /* The commands hints spell out: the warehouse as a shell word, and
     * the same import with --allow-shrink. */
    fs_sbuf dbq = {0}, again = {0};
    fs_sbuf_shquote(&dbq, cli.db_path);
    bool ok = cmd_add(&again, "forumstat import --db", false) &&
              cmd_add(&again, cli.db_path, true) && cmd_add(&again, "--allow-shrink", false);
    if (ok && cli.zone_path)
        ok = cmd_add(&again, "--zone", false) && cmd_add(&again, cli.zone_path, true);
    if (ok && county_arg)
        ok = cmd_add(&again, "--county", false) && cmd_add(&again, county_arg, true);
    if (ok && year_arg)
        ok = cmd_add(&again, "--year", false) && cmd_add(&again, year_arg, true);
    for (int i = optind; ok && i < argc; i++)
        ok = cmd_add(&again, argv[i], true);
    char now[32];
    fs_cli_now(now);
    fs_ingest_opts o = {.zone = cli.zone,
                        .wh = wh,
                        .time_iso = now,
                        .log = cli.quiet ? NULL : stdout,
                        /* not "imported": the run may still be refused as
                         * a whole (shrink) or fail at its commit; the last
                         * line says what was imported */
                        .verb = N_("valid"),
                        .db_path = db_path,
                        .has_county = only_county >= 0,
                        .only_county = only_county,
                        .only_year = (int)only_year,
                        .import = import,
                        .allow_shrink = allow_shrink,
                        .again = read_again,
                        .allow_shrink_cmd = ok ? fs_sbuf_str(&again) : NULL,
                        .db_quoted = fs_sbuf_str(&dbq),
                        .stop = &stop_signal};
    progress prog = {.cmd = cli.cmd};
    FILE *log = NULL;
    if (!cli.quiet && isatty(STDERR_FILENO)) {
        const char *term = getenv("TERM");
        if (!term || strcmp(term, "dumb") != 0) {
            clock_gettime(CLOCK_MONOTONIC, &prog.start);
            const char *after = getenv("FORUMSTAT_PROGRESS_AFTER");
            prog.after = after && *after ? strtod(after, NULL) : 1.0;
            prog.total_bytes = input_bytes(argv + optind, (size_t)(argc - optind));
            o.progress = on_progress;
            o.progress_arg = &prog;
            log = fopencookie(&prog, "w", (cookie_io_functions_t){.write = log_write});
            if (log) {
                setvbuf(log, NULL, _IOLBF, 0);
                o.log = log;
            }
        }
    }
    /* One line per file as it is done, even into a file or a pipe (a
     * script watching a long import, the last line before an interrupt). */
    setvbuf(stdout, NULL, _IOLBF, 0);
    fs_diags d;
    fs_diags_init(&d);
    fs_ingest_result res;
    stop_signal = 0;
    catch_signals();
    st = fs_ingest(&o, argv + optind, (size_t)(argc - optind), &d, &res);
    if (log)
        fclose(log);
    progress_clear(&prog);
    fs_sbuf_free(&prog.file);
    fs_sbuf_free(&again);
    fs_sbuf_free(&dbq);
    /* The warehouse's own message when the failure was the database's;
     * memory running out anywhere is said as such (SQLite's last message
     * would then be "not an error"). */
    const char *why = st != FS_OK && st != FS_ERR_NOMEM && wh ? fs_wh_errmsg(wh) : "";
    fs_sbuf keep = {0}; /* why, which outlives the warehouse */
    fs_sbuf_add(&keep, why);
    const char *reason = *why && !keep.failed ? fs_sbuf_str(&keep)
                         : st == FS_ERR_NOMEM ? _("the machine has too little free memory: close "
                                                  "other programs, or give fewer files at once")
                                              : fs_strerror(st);
    fs_wh_close(wh);
    /* From here on a signal ends the process as usual. */
    release_signals();

    fs_diags_print(&d, stderr);
    if (errors_csv) {
        if (cli.verbose)
            fprintf(stderr,
                    P_("%s: writing the %zu problem to %s\n",
                       "%s: writing the %zu problems to %s\n", d.count),
                    cli.cmd, d.count, errors_csv);
        fs_status w = fs_diags_write_csv(&d, errors_csv);
        if (w != FS_OK && st == FS_OK) {
            rc = fs_cli_fail(&cli, w, "cannot write %s", errors_csv);
            fs_diags_free(&d);
            fs_ingest_result_free(&res);
            fs_sbuf_free(&keep);
            fs_cli_free(&cli);
            return rc;
        }
    }
    if (st != FS_OK) {
        /* the failure may be the file's or the warehouse's: name both */
        if (import && res.failed)
            rc = fs_cli_fail(&cli, st,
                             "%s while importing %s into %s (%s); nothing of this run was "
                             "imported (a run is one transaction)",
                             fs_strerror(st), res.failed, cli.db_path, reason);
        else if (import)
            rc = fs_cli_fail(&cli, st,
                             "%s while importing the files into %s (%s); nothing of this run was "
                             "imported (a run is one transaction)",
                             fs_strerror(st), cli.db_path, reason);
        else if (res.failed)
            rc = fs_cli_fail(&cli, st, "%s while checking %s (%s); the check stopped there",
                             fs_strerror(st), res.failed, reason);
        else
            rc = fs_cli_fail(&cli, st, "%s while checking the files (%s); the check stopped there",
                             fs_strerror(st), reason);
    } else {
        if (!cli.quiet) {
            print_slices(cli.zone, &res, import);
            /* each refused file has one import.refused line: not a problem */
            size_t errors = d.errors - (size_t)res.refused;
            if (res.run_refused)
                printf(_("%s: refused as a whole, nothing imported (a county, year and table would "
                         "keep fewer than half its records: see import.shrink_refused above): "),
                       cli.cmd);
            else
                printf(_("%s: "), cli.cmd);
            print_counts(&res, &d, errors, import);
            if (res.skipped)
                printf(_(", %d skipped (read already)"), res.skipped);
            if (import && res.import_id)
                printf(_(" (import %lld into %s)"), (long long)res.import_id, cli.db_path);
            if (errors_csv)
                printf(_("; problems listed in %s"), errors_csv);
            printf("\n");
        }
        rc = res.refused || res.run_refused || res.empty_folders ? 1 : 0;
    }
    if (res.interrupted) {
        fflush(stdout);
        print_interrupted(&cli, &res, import);
        if (st == FS_OK)
            rc = 128 + res.interrupted;
    }
    fs_diags_free(&d);
    fs_ingest_result_free(&res);
    fs_sbuf_free(&keep);
    rc = fs_cli_end_stdout(&cli, rc);
    fs_cli_free(&cli);
    return rc;
}
