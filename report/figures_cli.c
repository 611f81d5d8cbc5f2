/*
 * figures_cli.c — the warehouse-to-figures step shared by `report` and
 * `check` (see figures_cli.h).
 */
#include "figures_cli.h"

#include "shquote.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "warehouse.h"

/* The schema version of the file at path, or -1 when it cannot be read. */
static int64_t schema_version(const char *path)
{
    fs_db *db;
    char why[256];
    int64_t v = -1;
    if (fs_db_open(path, FS_DB_READ, &db, why, sizeof why) != FS_OK)
        return -1;
    if (fs_db_user_version(db, &v) != FS_OK)
        v = -1;
    fs_db_close(db);
    return v;
}

int fs_fig_cli_open(const fs_cli *cli, fs_warehouse **wh)
{
    char err[1400];
    struct stat sb;
    const char *db = fs_cli_db((fs_cli *)cli);
    if (!fs_db_is_pg(db) && stat(db, &sb) != 0 && errno == ENOENT) { /* else the open says why */
        char q[1024];
        fprintf(stderr, _("forumstat %s: there is no warehouse %s: name the warehouse the files "
                        "were imported into with --db PATH, or import some first (forumstat "
                        "import --db %s FILE|DIR...)\n"),
                cli->cmd, cli->db_path, fs_shquote(cli->db_path, q, sizeof q));
        return 3;
    }
    fs_status st = fs_wh_open(db, false, true, cli->zone, wh, err, sizeof err);
    if (st == FS_OK)
        return 0;
    int64_t v = schema_version(db);
    if (v > 0 && v < FS_WH_SCHEMA_VERSION) {
        fprintf(stderr, _("forumstat %s: note: upgrading the warehouse %s to schema %d "
                        "; this happens once\n"),
                cli->cmd, cli->db_path, FS_WH_SCHEMA_VERSION);
        fs_warehouse *rw;
        st = fs_wh_open(db, false, false, cli->zone, &rw, err, sizeof err);
        if (st == FS_OK) {
            fs_wh_close(rw);
            st = fs_wh_open(db, false, true, cli->zone, wh, err, sizeof err);
        }
    }
    return st == FS_OK ? 0 : fs_cli_fail(cli, st, "%s", err);
}

int fs_fig_cli_years(const fs_cli *cli, fs_warehouse *wh, int year, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    fs_status st = fs_fig_years(fs_wh_db(wh), years, n);
    if (st != FS_OK)
        return fs_cli_fail(cli, st, "cannot read the warehouse %s: %s", cli->db_path,
                           st == FS_ERR_NOMEM ? fs_strerror(st) : fs_wh_errmsg(wh));
    if (*n == 0) {
        char q[1024];
        fprintf(stderr, _("forumstat %s: the warehouse %s holds no records yet: import the county "
                        "files first (forumstat import --db %s FILE|DIR...)\n"),
                cli->cmd, cli->db_path, fs_shquote(cli->db_path, q, sizeof q));
        return 1;
    }
    bool held = false;
    for (size_t i = 0; i < *n; i++)
        held |= (*years)[i] == year;
    if (!held) {
        char list[512] = "";
        size_t k = 0;
        for (size_t i = 0; i < *n && k + 8 < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%d", i ? ", " : "", (*years)[i]);
        fprintf(stderr, _("forumstat %s: the warehouse %s holds no records for %d (years held: %s)\n"),
                cli->cmd, cli->db_path, year, list);
        return 1;
    }
    return 0;
}

int fs_fig_cli_compute(const fs_cli *cli, int year, fs_figures **out)
{
    *out = NULL;
    fs_warehouse *wh;
    int rc = fs_fig_cli_open(cli, &wh);
    if (rc)
        return rc;
    fs_db *db = fs_wh_db(wh);
    int *years = NULL;
    size_t n = 0;
    char err[600];
    fs_status st = fs_fig_read_begin(db);
    if (st != FS_OK) {
        rc = fs_cli_fail(cli, st, "cannot read the warehouse %s: %s", cli->db_path,
                         fs_wh_errmsg(wh));
        goto done;
    }
    if ((rc = fs_fig_cli_years(cli, wh, year, &years, &n)) != 0)
        goto done;
    st = fs_figures_compute(db, cli->zone, year, out, err, sizeof err);
    if (st != FS_OK)
        rc = fs_cli_fail(cli, st, "cannot compute the figures for %d: %s", year, err);
done:
    free(years);
    fs_fig_read_end(db);
    fs_wh_close(wh);
    return rc;
}

void fs_fig_cli_print_coverage(const fs_figures *f, FILE *out)
{
    const fs_zone *z = f->zone;
    if (f->host >= 0)
        fprintf(out, _("forum %d: no. %d, hosted by %s %s %s\n"), f->year, f->ordinal,
                z->counties[f->host].code, z->counties[f->host].name_zh,
                z->counties[f->host].name_en);
    else
        fprintf(out, _("forum %d: before the first forum (%d)\n"), f->year, z->first_year);
    fs_county_set all = 0;
    for (size_t c = 0; c < z->ncounties; c++)
        all |= (fs_county_set)1 << c;
    for (int t = 0; t < FS_T_COUNT; t++) {
        fs_county_set missing = all & ~f->present[t];
        if (!missing)
            continue;
        fprintf(out, _("no %s records for %d from:"), fs_tables[t].name, f->year);
        for (fs_county_set s = missing; s; s &= s - 1) {
            int c = __builtin_ctzll(s);
            fprintf(out, " %s %s%s", z->counties[c].code, z->counties[c].name_zh,
                    (s & (s - 1)) ? "," : "");
        }
        fputc('\n', out);
    }
    /* Zero reports (declared 0, §2.3 v2) are data, not gaps: say so. */
    for (int t = 0; t < FS_T_COUNT; t++) {
        if (!f->zero[t])
            continue;
        fprintf(out, _("zero report (declared_%s 0) for %d from:"), fs_tables[t].name, f->year);
        for (fs_county_set s = f->zero[t]; s; s &= s - 1) {
            int c = __builtin_ctzll(s);
            fprintf(out, " %s %s%s", z->counties[c].code, z->counties[c].name_zh,
                    (s & (s - 1)) ? "," : "");
        }
        fputc('\n', out);
    }
}
