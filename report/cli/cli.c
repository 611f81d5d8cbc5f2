/*
 * cli.c — shared command-line helpers (see cli.h).
 */
#include "cli.h"
#include "db.h"
#include "doctime.h"
#include "exe.h"
#include "i18n.h"
#include "sbuf.h"
#include "schema.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

/* The zone file next to the binary: templates/zone.conf of a source tree
 * (build/forumstat, build-san/forumstat), else share/forumstat/zone.conf
 * of an installation (PREFIX/bin/forumstat), so `make install
 * PREFIX=...` works for any prefix without rebuilding. */
static bool tree_zone(fs_sbuf *b)
{
    static const char *const dirs[] = {"../templates", "../share/forumstat"};
    if (!fs_exe_find_dir(b, dirs, 2, "zone.conf"))
        return false;
    fs_sbuf_add(b, "/zone.conf");
    return !b->failed;
}

/* Load the zone (fs_cli_load_zone); quiet: no word when it cannot be
 * loaded (the return is then nonzero all the same). */
static int load_zone(fs_cli *cli, bool quiet)
{
    fs_sbuf path = {0};
    const char *p = cli->zone_path;
    if (!p)
        p = getenv("FORUMSTAT_ZONE");
    if (!p || !*p) {
        if (tree_zone(&path))
            p = path.s;
        else
            p = FS_DATADIR "/zone.conf";
    }
    fs_sbuf err = {0};
    fs_status st = fs_zone_load(p, &cli->zone, &err);
    if (st != FS_OK) {
        if (!quiet) {
            fprintf(stderr, "forumstat %s: %s\n", cli->cmd, fs_err_text(&err, st));
            fprintf(stderr,
                    _("forumstat %s: give the zone file with --zone FILE (see "
                      "templates/zone.conf)\n"),
                    cli->cmd);
        }
        fs_sbuf_free(&err);
        fs_sbuf_free(&path);
        cli->zone = NULL;
        return fs_status_exit(st);
    }
    if (cli->verbose)
        fprintf(stderr, _("%s: zone %s: %s, %zu member counties\n"), cli->cmd, p,
                fs_i18n_zh() ? cli->zone->name_zh : cli->zone->name_en, cli->zone->ncounties);
    fs_sbuf_free(&err);
    fs_sbuf_free(&path);
    return 0;
}

int fs_cli_load_zone(fs_cli *cli)
{
    return load_zone(cli, false);
}

void fs_cli_names_zone(fs_cli *cli)
{
    if (fs_labels_zh())
        load_zone(cli, true);
}

void fs_cli_free(fs_cli *cli)
{
    fs_zone_free(cli->zone);
    cli->zone = NULL;
}

/* The warehouse as messages show it (fs_db_redact), whole; kept until the
 * process ends (one command runs per process), or "" when memory ran out. */
static const char *shown_db(const char *target)
{
    static fs_sbuf shown;
    fs_sbuf_clear(&shown);
    return fs_db_redact(target, &shown);
}

/* A command's help; with_lang: --lang (every command takes it) listed
 * after the help's last option, before the paragraphs that follow them
 * (exit status), as if the help had listed it. */
static void print_help(const char *help, bool with_lang)
{
    const char *lang =
        _("  --lang zh|en  language of messages (default: from LC_ALL, LC_MESSAGES or\n"
          "                LANG, the first one set; zh... gives Chinese)\n");
    const char *after = NULL; /* the end of the last option's lines */
    for (const char *line = help; with_lang && *line;) {
        const char *nl = strchr(line, '\n');
        const char *next = nl ? nl + 1 : line + strlen(line);
        bool option = strncmp(line, "  -", 3) == 0;
        bool continued = after == line && strncmp(line, "    ", 4) == 0; /* its wrapped text */
        if (option || continued)
            after = next;
        line = next;
    }
    if (!with_lang) {
        fputs(help, stdout);
    } else if (after) {
        fwrite(help, 1, (size_t)(after - help), stdout);
        fputs(lang, stdout);
        fputs(after, stdout);
    } else {
        fputs(help, stdout);
        fputs("\n", stdout);
        fputs(lang, stdout);
    }
}

int fs_cli_option(fs_cli *cli, int c, char **argv, const char *help)
{
    switch (c) {
    case 'd':
        cli->db_target = optarg; /* --db wins over FORUMSTAT_DB, even as ./forumstat.db */
        cli->db_path = shown_db(optarg);
        return -1;
    case 'z': cli->zone_path = optarg; return -1;
    case 'q': cli->quiet = true; return -1;
    case 'v': cli->verbose = true; return -1;
    case 'h': print_help(fs_tr(help), !strstr(help, "--lang")); return 0;
    default:
        return fs_cli_usage_error(cli, N_("unknown or incomplete option '%s'"), argv[optind - 1]);
    }
}

const char *fs_cli_db(fs_cli *cli)
{
    if (cli->db_target)
        return cli->db_target;
    /* no --db (fs_cli_option sets db_target): the environment's, else
     * the command's default */
    const char *env = getenv("FORUMSTAT_DB");
    cli->db_target = env && *env ? env : cli->db_path ? cli->db_path : FS_DEFAULT_DB;
    cli->db_path = shown_db(cli->db_target);
    return cli->db_target;
}

int fs_cli_end_stdout(const fs_cli *cli, int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    int e = errno ? errno : EIO;
    /* FS_ERR_IO: the disk-full hint would say nothing was written, but
     * the command's work (an import, the report's files) is done */
    return fs_cli_fail(cli, FS_ERR_IO,
                       N_("cannot write to standard output (%s); what the command did is done, "
                          "only its messages there were lost"),
                       strerror(e));
}

int fs_cli_year(const fs_cli *cli, const char *arg, long *year)
{
    if (!arg)
        return fs_cli_usage_error(cli, N_("give the year with --year Y"));
    if (!fs_cli_parse_long(arg, year) || *year < 2000 || *year > 2100)
        return fs_cli_usage_error(cli, N_("--year wants a year between 2000 and 2100, not '%s'"),
                                  arg);
    return 0;
}

int fs_cli_county(const fs_cli *cli, const char *arg, int *county)
{
    *county = fs_zone_find(cli->zone, arg, strlen(arg));
    if (*county >= 0)
        return 0;
    const char *near = fs_zone_suggest(cli->zone, arg, strlen(arg));
    if (near)
        return fs_cli_usage_error(cli, N_("'%s' is not a member county; did you mean %s?"), arg,
                                  near);
    return fs_cli_usage_error(
        cli, N_("'%s' is not a member county of the zone (see --zone and templates/zone.conf)"),
        arg);
}

int fs_cli_lang(const fs_cli *cli, const char *arg, bool *zh)
{
    if (!fs_i18n_parse(arg, zh))
        return fs_cli_usage_error(cli, N_("--lang is zh or en, not '%s'"), arg);
    return 0;
}

int fs_cli_usage_error(const fs_cli *cli, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "forumstat %s: ", cli->cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fs_tr(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, _("Try 'forumstat %s --help'.\n"), cli->cmd);
    return 2;
}

int fs_cli_fail(const fs_cli *cli, fs_status st, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "forumstat %s: ", cli->cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fs_tr(fmt), ap);
    va_end(ap);
    if (st == FS_ERR_DISK_FULL)
        fputs(_(" — free some space and run the command again; nothing was half-written"), stderr);
    else if (st == FS_ERR_BUSY)
        fputs(_(" — another forumstat is using the warehouse: wait for it and try again"), stderr);
    else if (st == FS_ERR_DENIED)
        fputs(_(" — import and revert as a user that may write to the warehouse (for PostgreSQL, "
                "the forumstat_importer role that scripts/pg-setup makes)"),
              stderr);
    fputc('\n', stderr);
    return fs_status_exit(st);
}

void fs_cli_now(char buf[32])
{
    time_t t;
    if (!fs_source_date_epoch(&t))
        t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool fs_cli_parse_long(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

bool fs_cli_make_dirs(const char *path)
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
