/*
 * ingest_cli.c — options, output and exit codes of validate and import.
 */
#include "ingest_cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest.h"
#include "warehouse.h"

/* A throw-away warehouse for `validate`, so it applies the import's rules
 * (identifiers repeated across files included) without touching any real
 * database. */
typedef struct scratch {
    char dir[64];
    char path[96];
} scratch;

static bool scratch_make(scratch *s)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(s->dir, sizeof s->dir, "%s/forumstat-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(s->dir))
        return false;
    snprintf(s->path, sizeof s->path, "%s/validate.db", s->dir);
    return true;
}

static void scratch_remove(scratch *s)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", s->path, suffix[i]);
        unlink(p);
    }
    rmdir(s->dir);
}

int fs_ingest_command(int argc, char **argv, bool import, const char *help)
{
    fs_cli cli = {.cmd = import ? "import" : "validate", .db_path = FS_DEFAULT_DB};
    const char *errors_csv = NULL;
    static const struct option opts[] = {FS_CLI_COMMON_OPTIONS,
                                          {"errors", required_argument, NULL, 'e'},
                                          {NULL, 0, NULL, 0}};
    int c, r;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, FS_CLI_COMMON_SHORT, opts, NULL)) != -1) {
        if (c == 'e')
            errors_csv = optarg;
        else if (c == 'd' && !import)
            return fs_cli_usage_error(&cli, "validate writes no database; --db is for import");
        else if ((r = fs_cli_option(&cli, c, argv, help)) >= 0)
            return r;
    }
    if (optind >= argc)
        return fs_cli_usage_error(&cli, "name at least one file or folder");
    int rc = fs_cli_load_zone(&cli);
    if (rc)
        return rc;

    scratch tmp = {{0}, {0}};
    const char *db_path = cli.db_path;
    if (!import) {
        if (!scratch_make(&tmp)) {
            fs_cli_free(&cli);
            return fs_cli_fail(&cli, FS_ERR_IO, "cannot make a temporary folder");
        }
        db_path = tmp.path;
    }
    char err[600];
    fs_warehouse *wh;
    fs_status st = fs_wh_open(db_path, true, false, cli.zone, &wh, err, sizeof err);
    if (st != FS_OK) {
        if (!import)
            scratch_remove(&tmp);
        rc = fs_cli_fail(&cli, st, "%s", err);
        fs_cli_free(&cli);
        return rc;
    }
    char now[32];
    fs_cli_now(now);
    fs_ingest_opts o = {cli.zone, wh, now, cli.quiet ? NULL : stdout, import ? "imported" : "valid"};
    fs_diags d;
    fs_diags_init(&d);
    fs_ingest_result res;
    st = fs_ingest(&o, argv + optind, (size_t)(argc - optind), &d, &res);
    const char *why = st != FS_OK ? fs_wh_errmsg(wh) : "";
    char reason[600];
    snprintf(reason, sizeof reason, "%s", why);
    fs_wh_close(wh);
    if (!import)
        scratch_remove(&tmp);

    fs_diags_print(&d, stderr);
    if (errors_csv) {
        fs_status w = fs_diags_write_csv(&d, errors_csv);
        if (w != FS_OK && st == FS_OK) {
            rc = fs_cli_fail(&cli, w, "cannot write %s", errors_csv);
            fs_diags_free(&d);
            fs_cli_free(&cli);
            return rc;
        }
    }
    if (st != FS_OK) {
        rc = fs_cli_fail(&cli, st, "%s while reading %s (%s); that file was rolled back%s",
                         fs_strerror(st), res.failed[0] ? res.failed : "the files", reason,
                         res.accepted ? ", the files before it stay imported" : "");
    } else {
        if (!cli.quiet) {
            printf("%s: %d file%s, %d %s, %d refused, %ld records, %zu error%s, %zu warning%s",
                   cli.cmd, res.files, res.files == 1 ? "" : "s", res.accepted,
                   import ? "imported" : "valid", res.refused, res.records, d.errors,
                   d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
            if (import && res.import_id)
                printf(" (import %lld into %s)", (long long)res.import_id, cli.db_path);
            if (errors_csv)
                printf("; problems listed in %s", errors_csv);
            printf("\n");
        }
        rc = res.refused ? 1 : 0;
    }
    fs_diags_free(&d);
    fs_cli_free(&cli);
    return rc;
}
