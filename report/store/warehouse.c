/*
 * warehouse.c — schema, migrations, import runs, revert and history (see
 * warehouse.h for the model).
 *
 * The record tables are generated from schema.c: one column per standard
 * column (the indicators' `year` becomes the common `year` column), typed
 * for both SQLite and PostgreSQL: codes, dates (ISO) and text as TEXT,
 * whole numbers and money (hundredths) as INTEGER (BIGINT on PostgreSQL,
 * see exec_ddl).
 *
 * Both drivers of db.h run the same statements; where the engines differ
 * (identity columns, PRAGMAs, the catalogue, day arithmetic, COPY, advisory
 * locks) the code asks fs_db_kind.  PostgreSQL's record tables carry a
 * `rowid` identity column standing for SQLite's rowid (insertion order).
 */
#include "warehouse.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cube.h"
#include "grow.h"
#include "i18n.h"
#include "shquote.h"

#define YEAR_MIN 2000
#define YEAR_MAX 2100
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)

struct fs_warehouse {
    fs_db *db;
    const fs_zone *zone;
    char *path; /* as given, for the commands hints spell out */
};

/* The cube cells of the current file for one stored cube (cube.h): an
 * open-addressing table keyed by county, year, dimension values and days,
 * packed into 64 bits (bit 63 marks a used slot). */
typedef struct cube_cell {
    uint64_t key;
    int64_t m[FS_CUBE_MAX_MEASURES];
} cube_cell;

typedef struct cube_acc {
    const fs_cube_def *def;        /* NULL: this table's cube is not stored */
    int dim_col[FS_CUBE_MAX_DIMS]; /* schema column of each dimension       */
    int ndims;
    int measure_col[FS_CUBE_MAX_MEASURES - 1];
    int nmeasures;
    int from_col, to_col; /* days dimension, -1 when none          */
    cube_cell *slots;
    size_t cap, count;
    fs_stmt *insert;
} cube_acc;

/* A growing byte buffer for COPY rows. */
typedef struct rowbuf {
    char *p;
    size_t len, cap;
} rowbuf;

static bool rb_put(rowbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return true;
}

/* n bytes of text in COPY's text format: backslash, tab, newline and
 * carriage return escaped. */
static bool rb_text(rowbuf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *esc = s[i] == '\\'   ? "\\\\"
                          : s[i] == '\t' ? "\\t"
                          : s[i] == '\n' ? "\\n"
                          : s[i] == '\r' ? "\\r"
                                         : NULL;
        if (!esc)
            continue;
        if (!rb_put(b, s + from, i - from) || !rb_put(b, esc, 2))
            return false;
        from = i + 1;
    }
    return rb_put(b, s + from, n - from);
}

struct fs_wh_run {
    fs_warehouse *wh;
    char time_iso[32];
    int64_t import_id; /* 0 until the first accepted file         */
    int64_t file_id;
    bool in_run; /* the run's transaction is open            */
    bool in_file;
    long file_records;
    fs_stmt *insert[FS_T_COUNT];
    /* records of the current file per slice */
    long (*counts)[FS_ZONE_MAX][NYEARS];
    cube_acc cubes[FS_T_COUNT];
    int64_t run_mark[FS_T_COUNT]; /* highest rowid per table before the run */
    /* PostgreSQL: ids taken from the sequences for a file that was then
     * refused, given to the next file (as SQLite reuses them), 0 when none */
    int64_t spare_import_id, spare_file_id;
    char *copy_sql[FS_T_COUNT]; /* PostgreSQL: COPY of each record table */
    rowbuf row;                 /* PostgreSQL: one COPY row being built   */
};

static const char *const base_ddl =
    "CREATE TABLE imports(\n"
    "  import_id INTEGER PRIMARY KEY,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  reverted_at TEXT);\n"
    "CREATE TABLE import_files(\n"
    "  file_id INTEGER PRIMARY KEY,\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(import_id),\n"
    "  name TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  format TEXT NOT NULL,\n"
    "  encoding TEXT,\n"
    "  size INTEGER NOT NULL,\n"
    "  records INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE import_slices(\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(import_id),\n"
    "  tbl TEXT NOT NULL,\n"
    "  county TEXT NOT NULL,\n"
    "  year INTEGER NOT NULL,\n"
    "  records INTEGER NOT NULL,\n"
    "  superseded_import INTEGER,\n"
    "  superseded_records INTEGER,\n"
    "  PRIMARY KEY(import_id, tbl, county, year));\n"
    "CREATE TABLE live_slices(\n"
    "  tbl TEXT NOT NULL,\n"
    "  county TEXT NOT NULL,\n"
    "  year INTEGER NOT NULL,\n"
    "  import_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY(tbl, county, year));\n";

/* Does this standard column become the common `year` column? */
static bool is_year_column(const fs_column *c)
{
    return c->type == FS_CT_YEAR && strcmp(c->name, "year") == 0;
}

static const char *sql_type(fs_coltype t)
{
    switch (t) {
    case FS_CT_YEAR:
    case FS_CT_INT:
    case FS_CT_MONEY: return "INTEGER";
    default: return "TEXT";
    }
}

/* Append printf-formatted text to a fixed buffer. */
static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

/* Run DDL written for SQLite; on PostgreSQL its INTEGER columns become
 * BIGINT, and INTEGER PRIMARY KEY (SQLite's rowid alias) an identity
 * column. */
static fs_status exec_ddl(fs_db *db, const char *sql)
{
    if (fs_db_kind(db) != FS_DB_PG)
        return fs_db_exec(db, sql);
    static const char key[] = "INTEGER PRIMARY KEY",
                      identity[] = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    size_t n = strlen(sql);
    char *out = malloc(n * 3 + 1);
    if (!out)
        return FS_ERR_NOMEM;
    char *o = out;
    for (const char *p = sql; *p;) {
        if (strncmp(p, key, sizeof key - 1) == 0) {
            o = stpcpy(o, identity);
            p += sizeof key - 1;
        } else if (strncmp(p, "INTEGER", 7) == 0) {
            o = stpcpy(o, "BIGINT");
            p += 7;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    fs_status st = fs_db_exec(db, out);
    free(out);
    return st;
}

static fs_status create_record_tables(fs_db *db)
{
    char sql[4096];
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_table_def *td = &fs_tables[t];
        sql[0] = '\0';
        append(sql, sizeof sql,
               "CREATE TABLE %s(\n  import_id INTEGER NOT NULL,\n  file_id INTEGER NOT NULL,\n"
               "  line INTEGER NOT NULL,\n  year INTEGER NOT NULL",
               td->name);
        if (fs_db_kind(db) == FS_DB_PG)
            append(sql, sizeof sql, ",\n  rowid BIGINT GENERATED BY DEFAULT AS IDENTITY");
        for (size_t c = 0; c < td->ncolumns; c++) {
            const fs_column *col = &td->columns[c];
            if (is_year_column(col))
                continue;
            append(sql, sizeof sql, ",\n  %s %s%s", col->name, sql_type(col->type),
                   col->required ? " NOT NULL" : "");
        }
        /* Schema 1's guard of unique identifiers, dropped by schema 3
         * (idcheck.h says why and what replaced it). */
        append(sql, sizeof sql,
               ");\nCREATE UNIQUE INDEX %s_identity ON %s(%s, county, year, import_id);\n",
               td->name, td->name, td->columns[td->id_col].name);
        /* PostgreSQL: the run's records (rowid above the run's mark, see
         * fs_wh_report_repeats) found through a block-range index, tiny
         * and cheap to keep (rows are only appended, in rowid order);
         * SQLite has its rowid b-tree. */
        if (fs_db_kind(db) == FS_DB_PG)
            append(sql, sizeof sql, "CREATE INDEX %s_rowid ON %s USING brin (rowid);\n", td->name,
                   td->name);
        /* Tables the figures read record by record (small ones: the big
         * ones have stored cubes, cube.h) are read by slice. */
        if (!fs_cubes[t].stored)
            append(sql, sizeof sql, "CREATE INDEX %s_slice ON %s(import_id, county, year);\n",
                   td->name, td->name);
        /* The live view: records of the slices' current holders. */
        append(sql, sizeof sql,
               "CREATE VIEW live_%s AS SELECT r.* FROM %s r JOIN live_slices s\n"
               "  ON s.tbl = '%s' AND s.county = r.county AND s.year = r.year AND s.import_id = "
               "r.import_id;\n",
               td->name, td->name, td->name);
        fs_status st = exec_ddl(db, sql);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

/* Migrations: migrate[v] brings a database at user_version v to v+1. */
static fs_status migrate_0_to_1(fs_db *db)
{
    fs_status st = exec_ddl(db, base_ddl);
    return st == FS_OK ? create_record_tables(db) : st;
}

/* Version 2: indexes for the figures (report/figures/figures.c).  Each one lets a
 * figure query read one live slice (import_id, county, year) in the order
 * of its GROUP BY, from the index alone, instead of sorting every record of
 * the year: the cubes of incidents and disputes, the days to close, and
 * partial indexes over the few records that carry a shared reference or
 * assisting counties.  Plain and partial B-tree indexes: PostgreSQL runs
 * the same statements. */
/* The stored cubes (cube.h): one table per cube, generated from its
 * definition, filled from the records already held (days between ISO
 * dates with julianday: SQLite only, like every migration of this engine). */
static fs_status create_cube_tables(fs_db *db)
{
    char sql[4096];
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_cube_def *cd = &fs_cubes[t];
        if (!cd->stored)
            continue;
        const char *name = fs_tables[t].name;
        char dims[256] = "", sums[256] = "", cols[512] = "", days[200] = "";
        for (int k = 0; k < FS_CUBE_MAX_DIMS && cd->dims[k]; k++) {
            append(dims, sizeof dims, ", %s", cd->dims[k]);
            append(cols, sizeof cols, ",\n  %s TEXT", cd->dims[k]);
        }
        if (cd->days_from) {
            append(cols, sizeof cols, ",\n  " FS_CUBE_DAYS_COLUMN " INTEGER");
            if (fs_db_kind(db) == FS_DB_PG)
                snprintf(days, sizeof days, ", (CAST(%s AS DATE) - CAST(%s AS DATE))", cd->days_to,
                         cd->days_from);
            else
                snprintf(days, sizeof days, ", CAST(julianday(%s) - julianday(%s) AS INTEGER)",
                         cd->days_to, cd->days_from);
        }
        append(cols, sizeof cols, ",\n  n INTEGER NOT NULL");
        for (int k = 0; k < FS_CUBE_MAX_MEASURES - 1 && cd->measures[k]; k++) {
            append(cols, sizeof cols, ",\n  %s INTEGER NOT NULL", cd->measures[k]);
            append(sums, sizeof sums, ", sum(%s)", cd->measures[k]);
        }
        snprintf(sql, sizeof sql,
                 "CREATE TABLE cube_%s(\n  import_id INTEGER NOT NULL,\n  county TEXT NOT NULL,\n"
                 "  year INTEGER NOT NULL%s);\n"
                 "CREATE INDEX cube_%s_slice ON cube_%s(import_id, county, year);\n"
                 "INSERT INTO cube_%s SELECT import_id, county, year%s%s, count(*)%s FROM %s\n"
                 "  GROUP BY import_id, county, year%s%s;\n",
                 name, cols, name, name, name, dims, days, sums, name, dims, days[0] ? days : "");
        fs_status st = exec_ddl(db, sql);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

/* Schema 2: stored cubes, and partial indexes over the few records that
 * carry shared references or assistance (the figures read those one by
 * one).  Indexes over every record would slow each import down. */
static fs_status migrate_1_to_2(fs_db *db)
{
    fs_status st = create_cube_tables(db);
    if (st != FS_OK)
        return st;
    return fs_db_exec(
        db,
        "CREATE INDEX incidents_cross ON incidents(import_id, county, year, cross_ref, category,"
        " case_id, counties_involved) WHERE cross_ref IS NOT NULL;\n"
        "CREATE INDEX incidents_assist ON incidents(import_id, county, year, assisted_by)"
        " WHERE assisted_by IS NOT NULL;\n"
        "CREATE INDEX disputes_shared ON disputes(import_id, county, year, joint_ref)"
        " WHERE counterpart IS NOT NULL OR joint_ref IS NOT NULL;\n");
}

/* Schema 3: no unique index over every record's identifier.  Keeping it
 * made every insert about 40 % dearer; fingerprints checked while
 * importing (idcheck.h) and an exact query when they match
 * (fs_wh_report_repeats) do its job.  Nothing read records through it. */
static fs_status migrate_2_to_3(fs_db *db)
{
    char sql[512] = "";
    for (int t = 0; t < FS_T_COUNT; t++)
        append(sql, sizeof sql, "DROP INDEX IF EXISTS %s_identity;\n", fs_tables[t].name);
    return fs_db_exec(db, sql);
}

/* Schema 4 (issue 12, import safety): an interrupted run is on record
 * (imports.interrupted: the signal's name), so is a redone revert
 * (imports.redone_at); the slices each file holds (import_file_slices,
 * filled from the records already held) tell whether a file sent again is
 * still current for all it holds; files are found by SHA-256. */
static fs_status migrate_3_to_4(fs_db *db)
{
    /* Each step only when not done yet (a warehouse set back to an older
     * user_version by hand still upgrades). */
    int64_t has = 0;
    fs_status st = fs_db_query_int(
        db,
        fs_db_kind(db) == FS_DB_PG
            ? "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
              "current_schema()"
              " AND table_name = 'imports' AND column_name = 'interrupted'"
            : "SELECT count(*) FROM pragma_table_info('imports') WHERE name = 'interrupted'",
        false, 0, &has);
    if (st == FS_OK && !has)
        st = fs_db_exec(db,
                        "ALTER TABLE imports ADD COLUMN interrupted TEXT;\n"
                        "ALTER TABLE imports ADD COLUMN redone_at TEXT;\n");
    char sql[2048] =
        "CREATE TABLE IF NOT EXISTS import_file_slices(\n"
        "  file_id INTEGER NOT NULL,\n"
        "  tbl TEXT NOT NULL,\n"
        "  county TEXT NOT NULL,\n"
        "  year INTEGER NOT NULL,\n"
        "  records INTEGER NOT NULL,\n"
        "  PRIMARY KEY(file_id, tbl, county, year));\n"
        "CREATE INDEX IF NOT EXISTS import_files_sha256 ON import_files(sha256);\n";
    for (int t = 0; t < FS_T_COUNT; t++)
        append(sql, sizeof sql,
               "INSERT INTO import_file_slices SELECT file_id, '%s', county, year, count(*)"
               " FROM %s GROUP BY file_id, county, year ON CONFLICT DO NOTHING;\n",
               fs_tables[t].name, fs_tables[t].name);
    return st == FS_OK ? exec_ddl(db, sql) : st;
}

/* Schema 5 (issue 14): read-only views of the current records for
 * analysts, current_<table>: the records of the live slices only (never a
 * superseded or reverted one), money columns (FS_CT_MONEY: loss_yuan,
 * recovered_yuan, an indicator's value) in yuan instead of the stored
 * integer fen, then the provenance (import_id, file_id, line).  Generated
 * from schema.c; a later migration that adds a column calls
 * create_current_views again (it replaces the views).  docs/warehouse.md
 * documents them.  Views are never written to by forumstat. */
static fs_status create_current_views(fs_db *db)
{
    char sql[8192];
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_table_def *td = &fs_tables[t];
        sql[0] = '\0';
        append(sql, sizeof sql, "DROP VIEW IF EXISTS current_%s;\n", td->name);
        append(sql, sizeof sql,
               "CREATE VIEW current_%s AS SELECT r.county AS county, r.year AS year", td->name);
        for (size_t c = 0; c < td->ncolumns; c++) {
            const fs_column *col = &td->columns[c];
            if (is_year_column(col) || strcmp(col->name, "county") == 0)
                continue;
            if (col->type == FS_CT_MONEY)
                append(sql, sizeof sql, ",\n  CAST(r.%s AS DOUBLE PRECISION) / 100 AS %s",
                       col->name, col->name);
            else
                append(sql, sizeof sql, ",\n  r.%s AS %s", col->name, col->name);
        }
        append(sql, sizeof sql,
               ",\n  r.import_id AS import_id, r.file_id AS file_id, r.line AS line\n"
               "FROM %s r JOIN live_slices s ON s.tbl = '%s' AND s.county = r.county"
               " AND s.year = r.year AND s.import_id = r.import_id;\n",
               td->name, td->name);
        fs_status st = fs_db_exec(db, sql);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

static fs_status migrate_4_to_5(fs_db *db)
{
    return create_current_views(db);
}

static fs_status (*const migrations[FS_WH_SCHEMA_VERSION])(fs_db *) = {
    migrate_0_to_1, migrate_1_to_2, migrate_2_to_3, migrate_3_to_4, migrate_4_to_5};

static fs_status migrate(fs_warehouse *wh, fs_sbuf *err)
{
    int64_t version = 0;
    fs_status st = fs_db_user_version(wh->db, &version);
    if (st != FS_OK) {
        fs_sbuf_setf(err, _("cannot read the warehouse: %s"), fs_db_errmsg(wh->db));
        return st == FS_ERR_BUSY || st == FS_ERR_NOMEM ? st : FS_ERR_DB;
    }
    if (version > FS_WH_SCHEMA_VERSION) {
        fs_sbuf_setf(
            err, _("the warehouse was made by a newer forumstat (schema %lld, this one knows %d)"),
            (long long)version, FS_WH_SCHEMA_VERSION);
        return FS_ERR_DB;
    }
    if (version == FS_WH_SCHEMA_VERSION)
        return FS_OK;
    if ((st = fs_db_begin(wh->db)) != FS_OK)
        goto fail;
    /* PostgreSQL: concurrent first opens wait for one another here */
    if (fs_db_kind(wh->db) == FS_DB_PG && ((st = fs_db_lock(wh->db, 0x4653)) != FS_OK ||
                                           (st = fs_db_user_version(wh->db, &version)) != FS_OK))
        goto fail;
    for (int64_t v = version; v < FS_WH_SCHEMA_VERSION; v++)
        if ((st = migrations[v](wh->db)) != FS_OK)
            goto fail;
    if ((st = fs_db_set_user_version(wh->db, FS_WH_SCHEMA_VERSION)) != FS_OK ||
        (st = fs_db_commit(wh->db)) != FS_OK)
        goto fail;
    return FS_OK;
fail:
    fs_sbuf_setf(err, _("cannot set up the warehouse: %s"), fs_db_errmsg(wh->db));
    fs_db_rollback(wh->db);
    return st;
}

/* Does the database hold things but no import history (a county's SQLite
 * submission given as --db, another program's file)?  Then it is not ours
 * to change: not even WAL mode is set before this is known. */
static fs_status is_foreign(fs_db *db, bool *foreign)
{
    int64_t objects = 0, ours = 0;
    bool pg = fs_db_kind(db) == FS_DB_PG;
    fs_status st = fs_db_query_int(db,
                                   pg ? "SELECT count(*) FROM information_schema.tables"
                                        " WHERE table_schema = current_schema()"
                                      : "SELECT count(*) FROM sqlite_schema",
                                   false, 0, &objects);
    if (st == FS_OK)
        st = fs_db_query_int(
            db,
            pg ? "SELECT count(*) FROM information_schema.tables WHERE table_schema ="
                 " current_schema() AND table_name = 'imports'"
               : "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'imports'",
            false, 0, &ours);
    *foreign = st == FS_OK && objects > 0 && ours == 0;
    return st;
}

/* A --db that names a folder, or a new file in a folder that does not
 * exist, gets a message saying what to pass instead (SQLite would only say
 * "unable to open database file").  FS_OK when the path may be opened. */
static fs_status check_path(const char *path, bool create, fs_sbuf *err)
{
    fs_sbuf q = {0}; /* a path quoted for the shell, whole */
    struct stat sb;
    fs_status st = FS_OK;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            fs_sbuf inside = {0};
            fs_sbuf_addf(&inside, "%s%sforumstat.db", path,
                         path[0] && path[strlen(path) - 1] == '/' ? "" : "/");
            fs_sbuf_setf(err,
                         _("%s is a folder, not a warehouse: --db wants the warehouse's file name, "
                           "for example --db %s"),
                         path, fs_sbuf_shquote(&q, fs_sbuf_str(&inside)));
            fs_sbuf_free(&inside);
            st = FS_ERR_IO;
        }
        fs_sbuf_free(&q);
        return st;
    }
    if (errno != ENOENT)
        return FS_OK;                 /* SQLite says why */
    if (fs_db_is_unknown_uri(path)) { /* a mistyped URI, not a file to make */
        fs_sbuf_setf(err,
                     _("--db %s looks like a database URI, but forumstat knows only "
                       "postgresql:// and postgres:// (check the spelling), or a file name"),
                     path);
        return FS_ERR_USAGE;
    }
    if (!create) {
        fs_sbuf_setf(
            err,
            _("there is no warehouse %s: name the warehouse the files were imported into "
              "with --db PATH, or import some first (forumstat import --db %s FILE|DIR...)"),
            path, fs_sbuf_shquote(&q, path));
        fs_sbuf_free(&q);
        return FS_ERR_IO;
    }
    const char *slash = strrchr(path, '/');
    if (!slash)
        return FS_OK;
    /* the folder, whatever its length ("/" for a file at the root) */
    char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
    if (!dir) {
        fs_sbuf_setf(err, "%s", fs_strerror(FS_ERR_NOMEM));
        return FS_ERR_NOMEM;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fs_sbuf_setf(err,
                     _("cannot create the warehouse %s: %s is not an existing folder; create it "
                       "first (mkdir -p %s) or give --db a file in a folder that exists"),
                     path, dir, fs_sbuf_shquote(&q, dir));
        st = FS_ERR_IO;
    }
    fs_sbuf_free(&q);
    free(dir);
    return st;
}

fs_status fs_wh_open(const char *target, bool create, bool readonly, const fs_zone *zone,
                     fs_warehouse **out, fs_sbuf *err)
{
    *out = NULL;
    bool pg = fs_db_is_pg(target);
    fs_status st = pg ? FS_OK : check_path(target, create && !readonly, err);
    if (st != FS_OK)
        return st;
    /* What messages show, a password never: the target redacted, whole. */
    fs_sbuf shown = {0};
    fs_db_redact(target, &shown);
    fs_warehouse *wh = calloc(1, sizeof *wh);
    if (!wh || !(wh->path = fs_sbuf_take(&shown))) {
        free(wh);
        fs_sbuf_free(&shown);
        fs_sbuf_setf(err, "%s", fs_strerror(FS_ERR_NOMEM)); /* no target: a password */
        return FS_ERR_NOMEM;
    }
    const char *path = wh->path;
    wh->zone = zone;
    fs_sbuf why = {0};
    st = fs_db_open(target,
                    readonly ? FS_DB_READ
                    : create ? FS_DB_CREATE
                             : FS_DB_WRITE,
                    &wh->db, &why);
    if (st != FS_OK) {
        fs_sbuf_setf(err, _("cannot open the warehouse %s: %s"), path, fs_err_text(&why, st));
        fs_sbuf_free(&why);
        free(wh->path);
        free(wh);
        return st;
    }
    /* WAL: readers see a consistent snapshot while an import runs; FULL
     * sync: a committed file survives power loss, not only kill -9.  An
     * 8 MiB page cache: records are appended, so a bigger one only costs
     * memory (bench/bench-import.sh: 16 MiB was slower, 2 MiB a little). */
    if (!readonly) {
        bool foreign = false;
        st = is_foreign(wh->db, &foreign);
        if (st == FS_OK && foreign && pg) {
            fs_sbuf_setf(
                err,
                _("the PostgreSQL database %s holds tables but no forumstat warehouse; it was "
                  "left as it was (give forumstat a database of its own)"),
                path);
            fs_db_close(wh->db);
            free(wh->path);
            free(wh);
            return FS_ERR_DB;
        }
        if (st == FS_OK && foreign) {
            fs_sbuf q = {0};
            fs_sbuf_setf(err,
                         _("%s is an SQLite database but not a forumstat warehouse; it was left as "
                           "it was (a county's SQLite file is imported with: forumstat import --db "
                           "WAREHOUSE %s, WAREHOUSE being your warehouse's file)"),
                         path, fs_sbuf_shquote(&q, path));
            fs_sbuf_free(&q);
            fs_db_close(wh->db);
            free(wh->path);
            free(wh);
            return FS_ERR_DB;
        }
        /* page_size: for a new warehouse only (SQLite ignores it once the
         * file holds a page).  16 KiB pages: a quarter of the WAL frames,
         * reads and writes of 4 KiB ones (an import's CPU -9 %, the
         * records being appended in rowid order; 64 KiB -2 % more). */
        if (st == FS_OK && !pg)
            st = fs_db_exec(wh->db,
                            "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;"
                            " PRAGMA synchronous=FULL; PRAGMA cache_size=-8192;");
        if (st == FS_OK)
            st = migrate(wh, err);
        else if (fs_db_file_readonly(wh->db) && st != FS_ERR_DISK_FULL)
            fs_wh_check_writable(wh, target, err); /* it says why */
        else
            fs_sbuf_setf(err, _("cannot open the warehouse %s: %s"), path,
                         st == FS_ERR_DISK_FULL ? _("disk full") : fs_db_errmsg(wh->db));
    } else {
        int64_t version = -1;
        st = fs_db_user_version(wh->db, &version);
        if (st == FS_ERR_DISK_FULL || st == FS_ERR_BUSY || st == FS_ERR_NOMEM)
            fs_sbuf_setf(err, _("cannot read the warehouse %s: %s"), path, fs_strerror(st));
        else if (st == FS_ERR_IO) /* not the file's content: say what */
            fs_sbuf_setf(err, _("cannot read the warehouse %s: %s"), path, fs_db_errmsg(wh->db));
        else if (st != FS_OK || version != FS_WH_SCHEMA_VERSION) {
            if (st != FS_OK)
                fs_sbuf_setf(err, _("%s is not a forumstat warehouse (or it is damaged)"), path);
            else
                fs_sbuf_setf(err, _("%s is not a forumstat warehouse"), path);
            st = st != FS_OK ? st : FS_ERR_DB;
        }
    }
    if (st != FS_OK) {
        if (st == FS_ERR_DB && strstr(fs_db_errmsg(wh->db), "not a database"))
            fs_sbuf_setf(err, _("%s is not a forumstat warehouse (or it is damaged)"), path);
        fs_db_close(wh->db);
        free(wh->path);
        free(wh);
        return st;
    }
    *out = wh;
    return FS_OK;
}

fs_status fs_wh_check_writable(const fs_warehouse *wh, const char *target, fs_sbuf *err)
{
    if (!fs_db_file_readonly(wh->db))
        return FS_OK;
    if (fs_db_on_readonly_fs(target))
        fs_sbuf_setf(err,
                     _("cannot write to the warehouse %s: it lies on a read-only file system (a "
                       "disc, or a share mounted read-only); reports can be made from it, "
                       "imports only into the warehouse where it can be written"),
                     wh->path);
    else
        fs_sbuf_setf(err,
                     _("cannot write to the warehouse %s: you may not write the file; ask whoever "
                       "manages it for write permission (reports can be made from it as it is)"),
                     wh->path);
    return FS_ERR_IO;
}

void fs_wh_close(fs_warehouse *wh)
{
    if (!wh)
        return;
    fs_db_close(wh->db);
    free(wh->path);
    free(wh);
}

fs_db *fs_wh_db(fs_warehouse *wh)
{
    return wh->db;
}

const char *fs_wh_errmsg(const fs_warehouse *wh)
{
    return fs_db_errmsg(wh->db);
}

/* ------------------------------------------------------------ import run */

/* An insert binds import_id, file_id, line, year and a table's other
 * columns (at most FS_MAX_COLUMNS, a record's room): fs_rows must have a
 * column for each. */
_Static_assert(4 + FS_MAX_COLUMNS <= FS_DB_ROWS_COLUMNS,
               "fs_rows (db.h) has fewer columns than an insert binds");

static fs_status prepare_inserts(fs_wh_run *run)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_table_def *td = &fs_tables[t];
        char sql[2048] = "";
        append(sql, sizeof sql, "INSERT INTO %s(import_id, file_id, line, year", td->name);
        int params = 4;
        for (size_t c = 0; c < td->ncolumns; c++)
            if (!is_year_column(&td->columns[c])) {
                append(sql, sizeof sql, ", %s", td->columns[c].name);
                params++;
            }
        append(sql, sizeof sql, ")");
        if (fs_db_kind(run->wh->db) == FS_DB_PG) {
            /* the same columns, through COPY (fs_wh_file_add_many) */
            char *cols = strchr(sql, '('), *end = strchr(sql, ')');
            size_t n = (size_t)(end - cols) + 1;
            char copy[2048];
            snprintf(copy, sizeof copy, "COPY %s%.*s FROM STDIN", td->name, (int)n, cols);
            if (!(run->copy_sql[t] = strdup(copy)))
                return FS_ERR_NOMEM;
            continue;
        }
        /* SQLite: a batch of records per step (fs_wh_file_add_many) */
        append(sql, sizeof sql, " SELECT c1");
        for (int i = 2; i <= params; i++)
            append(sql, sizeof sql, ", c%d", i);
        append(sql, sizeof sql, " FROM fs_rows(?)");
        fs_status st = fs_db_prepare(run->wh->db, sql, &run->insert[t]);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

/* Resolve the stored cubes' columns and prepare their inserts. */
static fs_status cubes_prepare(fs_wh_run *run)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        cube_acc *a = &run->cubes[t];
        const fs_cube_def *cd = &fs_cubes[t];
        a->from_col = a->to_col = -1;
        if (!cd->stored)
            continue;
        a->def = cd;
        char cols[512], vals[128] = "?, ?, ?";
        snprintf(cols, sizeof cols, "import_id, county, year");
        for (a->ndims = 0; a->ndims < FS_CUBE_MAX_DIMS && cd->dims[a->ndims]; a->ndims++) {
            a->dim_col[a->ndims] = fs_column_index((fs_table)t, cd->dims[a->ndims]);
            append(cols, sizeof cols, ", %s", cd->dims[a->ndims]);
            append(vals, sizeof vals, ", ?");
        }
        if (cd->days_from) {
            a->from_col = fs_column_index((fs_table)t, cd->days_from);
            a->to_col = fs_column_index((fs_table)t, cd->days_to);
            append(cols, sizeof cols, ", " FS_CUBE_DAYS_COLUMN);
            append(vals, sizeof vals, ", ?");
        }
        append(cols, sizeof cols, ", n");
        append(vals, sizeof vals, ", ?");
        for (a->nmeasures = 0;
             a->nmeasures < FS_CUBE_MAX_MEASURES - 1 && cd->measures[a->nmeasures];
             a->nmeasures++) {
            a->measure_col[a->nmeasures] = fs_column_index((fs_table)t, cd->measures[a->nmeasures]);
            append(cols, sizeof cols, ", %s", cd->measures[a->nmeasures]);
            append(vals, sizeof vals, ", ?");
        }
        char sql[1024];
        snprintf(sql, sizeof sql, "INSERT INTO cube_%s(%s) VALUES (%s)", fs_tables[t].name, cols,
                 vals);
        fs_status st = fs_db_prepare(run->wh->db, sql, &a->insert);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

/* Key of a record's cell: county 6 bits, year 8, each dimension 5 (enum
 * index + 1), days + 1 in 17 (0: no days), bit 63 set. */
static uint64_t cube_key(const cube_acc *a, const fs_record *rec)
{
    uint64_t key = (uint64_t)1 << 63;
    key |= (uint64_t)rec->county;
    key |= (uint64_t)(rec->year - YEAR_MIN) << 6;
    for (int k = 0; k < a->ndims; k++) {
        const fs_value *v = &rec->v[a->dim_col[k]];
        key |= (uint64_t)(v->present ? v->i + 1 : 0) << (14 + 5 * k);
    }
    if (a->from_col >= 0) {
        const fs_value *f = &rec->v[a->from_col], *t = &rec->v[a->to_col];
        if (f->present && t->present && t->i >= f->i && t->i - f->i < (1 << 17) - 1)
            key |= (uint64_t)(t->i - f->i + 1) << 29;
    }
    return key;
}

static fs_status cube_grow(cube_acc *a)
{
    size_t cap = a->cap ? a->cap * 2 : 256;
    cube_cell *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < a->cap; i++) {
        if (!a->slots[i].key)
            continue;
        size_t j = (size_t)(a->slots[i].key * 0x9E3779B97F4A7C15u >> 17) & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = a->slots[i];
    }
    free(a->slots);
    a->slots = slots;
    a->cap = cap;
    return FS_OK;
}

/* Count a stored record into its cube cell. */
static fs_status cube_add(cube_acc *a, const fs_record *rec)
{
    if (a->count * 2 >= a->cap) {
        fs_status st = cube_grow(a);
        if (st != FS_OK)
            return st;
    }
    uint64_t key = cube_key(a, rec);
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15u >> 17) & (a->cap - 1);
    while (a->slots[j].key && a->slots[j].key != key)
        j = (j + 1) & (a->cap - 1);
    cube_cell *c = &a->slots[j];
    if (!c->key) {
        c->key = key;
        a->count++;
    }
    c->m[0]++;
    for (int k = 0; k < a->nmeasures; k++)
        c->m[k + 1] += rec->v[a->measure_col[k]].i;
    return FS_OK;
}

/* Write the current file's cells into cube_<table>. */
static fs_status cubes_flush(fs_wh_run *run)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        cube_acc *a = &run->cubes[t];
        if (!a->def)
            continue;
        const fs_table_def *td = &fs_tables[t];
        for (size_t i = 0; i < a->cap; i++) {
            const cube_cell *c = &a->slots[i];
            if (!c->key)
                continue;
            fs_stmt *st = a->insert;
            int p = 1;
            const char *county = run->wh->zone->counties[c->key & 63].code;
            fs_stmt_bind_int(st, p++, run->import_id);
            fs_stmt_bind_text(st, p++, county, 6);
            fs_stmt_bind_int(st, p++, YEAR_MIN + (int64_t)((c->key >> 6) & 255));
            for (int k = 0; k < a->ndims; k++) {
                unsigned v = (unsigned)(c->key >> (14 + 5 * k)) & 31;
                const fs_column *col = &td->columns[a->dim_col[k]];
                if (v)
                    fs_stmt_bind_text(st, p++, col->values[v - 1].code,
                                      strlen(col->values[v - 1].code));
                else
                    fs_stmt_bind_null(st, p++);
            }
            if (a->from_col >= 0) {
                int64_t days = (int64_t)((c->key >> 29) & ((1 << 17) - 1));
                if (days)
                    fs_stmt_bind_int(st, p++, days - 1);
                else
                    fs_stmt_bind_null(st, p++);
            }
            for (int k = 0; k <= a->nmeasures; k++)
                fs_stmt_bind_int(st, p++, c->m[k]);
            bool row;
            fs_status s = fs_stmt_step(st, &row);
            fs_stmt_reset(st);
            if (s != FS_OK)
                return s;
        }
    }
    return FS_OK;
}

static void cubes_clear(fs_wh_run *run)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        cube_acc *a = &run->cubes[t];
        if (a->slots)
            memset(a->slots, 0, a->cap * sizeof *a->slots);
        a->count = 0;
    }
}

static void run_free(fs_wh_run *run)
{
    fs_db_writeback_stop(run->wh->db);
    for (int t = 0; t < FS_T_COUNT; t++) {
        fs_stmt_free(run->insert[t]);
        fs_stmt_free(run->cubes[t].insert);
        free(run->cubes[t].slots);
        free(run->copy_sql[t]);
    }
    free(run->row.p);
    free(run->counts);
    free(run);
}

fs_status fs_wh_run_begin(fs_warehouse *wh, const char *time_iso, fs_wh_run **out)
{
    *out = NULL;
    fs_wh_run *run = calloc(1, sizeof *run);
    if (!run)
        return FS_ERR_NOMEM;
    run->wh = wh;
    snprintf(run->time_iso, sizeof run->time_iso, "%s", time_iso);
    run->counts = calloc(FS_T_COUNT, sizeof *run->counts);
    fs_status st = run->counts ? prepare_inserts(run) : FS_ERR_NOMEM;
    if (st == FS_OK)
        st = cubes_prepare(run);
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++)
        st = fs_wh_mark(run, (fs_table)t, &run->run_mark[t]);
    if (st != FS_OK) {
        run_free(run);
        return st;
    }
    /* the run's pages (WAL, then the checkpoint's) written back while it
     * goes on, not all at its syncs */
    fs_db_writeback_start(wh->db);
    *out = run;
    return FS_OK;
}

static fs_status exec_bound(fs_db *db, const char *sql, const char *types, ...)
{
    fs_stmt *st;
    fs_status s = fs_db_prepare(db, sql, &st);
    if (s != FS_OK)
        return s;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i') {
            fs_stmt_bind_int(st, i + 1, va_arg(ap, int64_t));
        } else {
            const char *t = va_arg(ap, const char *);
            if (t)
                fs_stmt_bind_text(st, i + 1, t, strlen(t));
            else
                fs_stmt_bind_null(st, i + 1);
        }
    }
    va_end(ap);
    bool row;
    s = fs_stmt_step(st, &row);
    fs_stmt_free(st);
    return s;
}

/* The id the next row of `table` gets: SQLite's next rowid (max + 1: the
 * run's transaction holds the only writer's lock); PostgreSQL's sequence,
 * or the id a refused file left unused (*spare), so that both engines
 * number the same imports alike. */
static fs_status next_id(fs_wh_run *run, const char *table, const char *col, int64_t *spare,
                         int64_t *id)
{
    char sql[160];
    if (fs_db_kind(run->wh->db) != FS_DB_PG) {
        snprintf(sql, sizeof sql, "SELECT coalesce(max(%s), 0) + 1 FROM %s", col, table);
        return fs_db_query_int(run->wh->db, sql, false, 0, id);
    }
    if (*spare) {
        *id = *spare;
        return FS_OK;
    }
    snprintf(sql, sizeof sql, "SELECT nextval(pg_get_serial_sequence('%s', '%s'))", table, col);
    fs_status st = fs_db_query_int(run->wh->db, sql, false, 0, id);
    if (st == FS_OK)
        *spare = *id;
    return st;
}

/* The run's row in imports. */
static fs_status new_import(fs_wh_run *run)
{
    fs_status st = next_id(run, "imports", "import_id", &run->spare_import_id, &run->import_id);
    if (st == FS_OK)
        st = exec_bound(run->wh->db, "INSERT INTO imports(import_id, imported_at) VALUES (?, ?)",
                        "it", run->import_id, run->time_iso);
    return st;
}

/* The run's transaction failed: everything of the run is rolled back. */
static void run_abort(fs_wh_run *run)
{
    if (run->in_run)
        fs_db_rollback(run->wh->db);
    run->in_run = false;
    run->in_file = false;
    run->import_id = 0;
}

fs_status fs_wh_run_claim_file(fs_wh_run *run, const char *sha256)
{
    fs_db *db = run->wh->db;
    if (!run->in_run) {
        fs_status st = fs_db_begin(db);
        if (st != FS_OK)
            return st;
        run->in_run = true;
    }
    /* a key from the hash's first 60 bits, above every slice_lock_key */
    char head[16];
    snprintf(head, sizeof head, "%.15s", sha256);
    return fs_db_lock(db, (int64_t)(strtoull(head, NULL, 16) | (uint64_t)1 << 60));
}

fs_status fs_wh_file_begin(fs_wh_run *run, const fs_wh_file_info *info)
{
    fs_db *db = run->wh->db;
    fs_status st = FS_OK;
    if (!run->in_run) {
        if ((st = fs_db_begin(db)) != FS_OK)
            return st;
        run->in_run = true;
    }
    st = fs_db_exec(db, "SAVEPOINT file");
    if (st == FS_OK && run->import_id == 0)
        st = new_import(run);
    if (st == FS_OK)
        st = next_id(run, "import_files", "file_id", &run->spare_file_id, &run->file_id);
    if (st == FS_OK)
        st = exec_bound(
            db,
            "INSERT INTO import_files(file_id, import_id, name, sha256, format, encoding, size)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            "iitttti", run->file_id, run->import_id, info->name, info->sha256, info->format,
            info->encoding, info->size);
    if (st != FS_OK) {
        run_abort(run);
        return st;
    }
    run->in_file = true;
    run->file_records = 0;
    memset(run->counts, 0, FS_T_COUNT * sizeof *run->counts);
    cubes_clear(run);
    return FS_OK;
}

/* The records of one table handed to its insert in one step (fs_rows,
 * db.h): a record's values in the insert's column order. */
typedef struct rows_of {
    const fs_wh_run *run;
    const fs_table_def *td;
    const fs_record *recs;
} rows_of;

static void fill_record(const void *arg, size_t row, fs_db_val out[FS_DB_ROWS_COLUMNS])
{
    const rows_of *r = arg;
    const fs_record *rec = &r->recs[row];
    out[0] = (fs_db_val){FS_DBV_INT, r->run->import_id, NULL, 0};
    out[1] = (fs_db_val){FS_DBV_INT, r->run->file_id, NULL, 0};
    out[2] = (fs_db_val){FS_DBV_INT, rec->line, NULL, 0};
    out[3] = (fs_db_val){FS_DBV_INT, rec->year, NULL, 0};
    int k = 4;
    for (size_t c = 0; c < r->td->ncolumns; c++) {
        const fs_column *col = &r->td->columns[c];
        const fs_value *v = &rec->v[c];
        if (is_year_column(col))
            continue;
        switch (col->type) {
        case FS_CT_YEAR:
        case FS_CT_INT:
        case FS_CT_MONEY: /* empty optional numbers hold their default */
            out[k].kind = FS_DBV_INT;
            out[k].i = v->i;
            break;
        default:
            out[k].kind = v->present ? FS_DBV_TEXT : FS_DBV_NULL;
            out[k].s = v->s;
            out[k].len = v->len;
        }
        k++;
    }
}

static bool rb_int(rowbuf *b, int64_t v, bool last)
{
    char num[24];
    int n = snprintf(num, sizeof num, "%lld%c", (long long)v, last ? '\n' : '\t');
    return rb_put(b, num, (size_t)n);
}

/* PostgreSQL: the record as one COPY row of its table. */
static fs_status copy_record(fs_wh_run *run, const fs_record *rec)
{
    const fs_table_def *td = &fs_tables[rec->table];
    rowbuf *b = &run->row;
    b->len = 0;
    bool ok = rb_int(b, run->import_id, false) && rb_int(b, run->file_id, false) &&
              rb_int(b, rec->line, false) && rb_int(b, rec->year, false);
    size_t last = td->ncolumns;
    while (last > 0 && is_year_column(&td->columns[last - 1]))
        last--;
    for (size_t c = 0; c < td->ncolumns && ok; c++) {
        const fs_column *col = &td->columns[c];
        const fs_value *v = &rec->v[c];
        if (is_year_column(col))
            continue;
        bool end = c + 1 == last;
        switch (col->type) {
        case FS_CT_YEAR:
        case FS_CT_INT:
        case FS_CT_MONEY: ok = rb_int(b, v->i, end); break;
        default:
            ok = (v->present ? rb_text(b, v->s, v->len) : rb_put(b, "\\N", 2)) &&
                 rb_put(b, end ? "\n" : "\t", 1);
        }
    }
    if (!ok)
        return FS_ERR_NOMEM;
    return fs_db_copy_row(run->wh->db, run->copy_sql[rec->table], b->p, b->len);
}

/* Count stored records into the file's slices and cubes. */
static fs_status count_records(fs_wh_run *run, const fs_record *recs, size_t n)
{
    cube_acc *a = &run->cubes[recs[0].table];
    for (size_t i = 0; i < n; i++) {
        const fs_record *rec = &recs[i];
        run->counts[rec->table][rec->county][rec->year - YEAR_MIN]++;
        if (a->def) {
            fs_status s = cube_add(a, rec);
            if (s != FS_OK)
                return s;
        }
    }
    run->file_records += (long)n;
    return FS_OK;
}

fs_status fs_wh_file_add_many(fs_wh_run *run, const fs_record *recs, size_t n)
{
    for (size_t i = 0; i < n;) {
        /* a run of records of one table */
        size_t k = i + 1;
        while (k < n && recs[k].table == recs[i].table)
            k++;
        fs_status s = FS_OK;
        if (run->copy_sql[recs[i].table]) {
            for (size_t j = i; j < k && s == FS_OK; j++)
                s = copy_record(run, &recs[j]);
        } else {
            fs_stmt *st = run->insert[recs[i].table];
            rows_of arg = {run, &fs_tables[recs[i].table], recs + i};
            fs_db_rows rows = {k - i, &arg, fill_record};
            fs_stmt_bind_rows(st, 1, &rows);
            bool row;
            s = fs_stmt_step(st, &row);
            fs_stmt_reset(st);
            fs_stmt_bind_null(st, 1); /* rows goes out of scope */
        }
        if (s == FS_OK)
            s = count_records(run, recs + i, k - i);
        if (s != FS_OK)
            return s;
        i = k;
    }
    return FS_OK;
}

fs_status fs_wh_mark(fs_wh_run *run, fs_table t, int64_t *mark)
{
    char sql[160];
    /* PostgreSQL: the rowid sequence's last value (max(rowid) would read
     * the whole table; rows stored later get higher values all the same) */
    if (fs_db_kind(run->wh->db) == FS_DB_PG)
        snprintf(
            sql, sizeof sql,
            "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('%s', 'rowid')), 0)",
            fs_tables[t].name);
    else
        snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid), 0) FROM %s", fs_tables[t].name);
    return fs_db_query_int(run->wh->db, sql, false, 0, mark);
}

fs_status fs_wh_report_repeats(fs_wh_run *run, fs_table t, int64_t since, const fs_loc *idloc,
                               fs_diags *d)
{
    const fs_table_def *td = &fs_tables[t];
    const char *name = td->name, *id = td->columns[td->id_col].name;
    /* Only the run's records are read (rowids above the run's mark),
     * sorted by SQLite's sorter, which spills to disk rather than grow:
     * this runs only when fingerprints matched, or there were too many to
     * hold.  First whether any identity repeats at all (a plain GROUP BY:
     * 2 s for 3M records, the numbering below 5 s). */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM %s WHERE rowid > ?1 AND import_id = ?2 GROUP BY %s, county, year"
             " HAVING count(*) > 1 AND max(rowid) > ?3 LIMIT 1",
             name, id);
    fs_stmt *st;
    fs_status s = fs_db_prepare(run->wh->db, sql, &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, run->run_mark[t]);
    fs_stmt_bind_int(st, 2, run->import_id);
    fs_stmt_bind_int(st, 3, since);
    bool row;
    s = fs_stmt_step(st, &row);
    fs_stmt_free(st);
    if (s != FS_OK || !row)
        return s;
    /* Each record of the run numbered within its identity in the order
     * stored; the ones after the first that were stored since `since`,
     * with the file and line of the first. */
    snprintf(sql, sizeof sql,
             "SELECT r.line, r.%s, r.county, r.year, f.name, o.line FROM (\n"
             "  SELECT rowid AS rid, line, %s, county, year,\n"
             "    first_value(rowid) OVER (PARTITION BY %s, county, year ORDER BY rowid) AS first\n"
             "  FROM %s WHERE rowid > ?1 AND import_id = ?2) r\n"
             " JOIN %s o ON o.rowid = r.first\n"
             " JOIN import_files f ON f.file_id = o.file_id\n"
             " WHERE r.rid > ?3 AND r.rid <> r.first ORDER BY r.rid",
             id, id, id, name, name);
    if ((s = fs_db_prepare(run->wh->db, sql, &st)) != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, run->run_mark[t]);
    fs_stmt_bind_int(st, 2, run->import_id);
    fs_stmt_bind_int(st, 3, since);
    fs_sbuf cl = {0}; /* a county as the messages name it */
    while ((s = fs_stmt_step(st, &row)) == FS_OK && row) {
        fs_loc loc = *idloc;
        loc.line = fs_stmt_int(st, 0);
        char value[264], first[600]; /* an identifier: at most 64 characters */
        const char *idtext = fs_stmt_text(st, 1);
        /* the county: its code, and its name in Chinese */
        const char *county = fs_zone_county_label(run->wh->zone, fs_stmt_text(st, 2), &cl);
        fs_diag_echo(idtext, strlen(idtext), value, sizeof value);
        snprintf(first, sizeof first, _("%s line %lld"), fs_stmt_text(st, 4),
                 (long long)fs_stmt_int(st, 5));
        /* the column as the file's header named it (idloc), else its name */
        const char *said = idloc->colname ? idloc->colname : id;
        if (t == FS_T_INDICATORS)
            fs_diag_add(
                d, R_UNIQUE_ID, &loc, value,
                "give each record its own identifier; if both rows are the same record, delete one",
                "%s '%s' of %s in %lld repeats an indicator (see %s)", said, value, county,
                (long long)fs_stmt_int(st, 3), first);
        else
            fs_diag_add(
                d, R_UNIQUE_ID, &loc, value,
                "give each record its own identifier; if both rows are the same record, delete one",
                "%s '%s' of %s in %lld repeats an identifier (see %s)", said, value, county,
                (long long)fs_stmt_int(st, 3), first);
    }
    fs_sbuf_free(&cl);
    fs_stmt_free(st);
    return s;
}

/* The advisory lock (PostgreSQL) of a slice: importers of one slice, and a
 * revert of it, wait for one another.  Taken in the order commit_slices
 * takes them (table, the county's place in the zone, year), so that two
 * of them never wait for each other. */
static int64_t slice_lock_key(const char *county, int year, fs_table t)
{
    return (strtoll(county, NULL, 10) * 1000 + (year - YEAR_MIN)) * 8 + t;
}

/* Record the file's slices: import_slices (with what they supersede) and
 * live_slices. */
static fs_status commit_slices(fs_wh_run *run)
{
    fs_db *db = run->wh->db;
    static const char *upsert_slice =
        "INSERT INTO import_slices(import_id, tbl, county, year, records, superseded_import,"
        " superseded_records)\n"
        " SELECT ?1, ?2, ?3, ?4, ?5, l.import_id, p.records FROM (SELECT 1) AS one\n"
        " LEFT JOIN live_slices l ON l.tbl = ?2 AND l.county = ?3 AND l.year = ?4\n"
        " LEFT JOIN import_slices p ON p.import_id = l.import_id AND p.tbl = ?2 AND p.county = ?3"
        " AND p.year = ?4\n"
        " WHERE true\n"
        " ON CONFLICT(import_id, tbl, county, year) DO UPDATE SET records = import_slices.records"
        " + excluded.records";
    static const char *upsert_live =
        "INSERT INTO live_slices(tbl, county, year, import_id) VALUES (?1, ?2, ?3, ?4)\n"
        " ON CONFLICT(tbl, county, year) DO UPDATE SET import_id = excluded.import_id";
    static const char *insert_file_slice =
        "INSERT INTO import_file_slices(file_id, tbl, county, year, records) VALUES (?, ?, ?, ?, "
        "?)";
    fs_stmt *a = NULL, *b = NULL, *f = NULL;
    fs_status s = fs_db_prepare(db, upsert_slice, &a);
    if (s == FS_OK)
        s = fs_db_prepare(db, upsert_live, &b);
    if (s == FS_OK)
        s = fs_db_prepare(db, insert_file_slice, &f);
    for (int t = 0; t < FS_T_COUNT && s == FS_OK; t++)
        for (size_t c = 0; c < run->wh->zone->ncounties && s == FS_OK; c++)
            for (int y = 0; y < NYEARS && s == FS_OK; y++) {
                long n = run->counts[t][c][y];
                if (!n)
                    continue;
                const char *tbl = fs_tables[t].name, *county = run->wh->zone->counties[c].code;
                bool row;
                /* Importers of one slice wait for one another (PostgreSQL;
                 * SQLite has one writer at a time): county, year, table. */
                if ((s = fs_db_lock(db, slice_lock_key(county, YEAR_MIN + y, (fs_table)t))) !=
                    FS_OK)
                    break;
                fs_stmt_bind_int(a, 1, run->import_id);
                fs_stmt_bind_text(a, 2, tbl, strlen(tbl));
                fs_stmt_bind_text(a, 3, county, 6);
                fs_stmt_bind_int(a, 4, YEAR_MIN + y);
                fs_stmt_bind_int(a, 5, n);
                if ((s = fs_stmt_step(a, &row)) != FS_OK)
                    break;
                fs_stmt_reset(a);
                fs_stmt_bind_text(b, 1, tbl, strlen(tbl));
                fs_stmt_bind_text(b, 2, county, 6);
                fs_stmt_bind_int(b, 3, YEAR_MIN + y);
                fs_stmt_bind_int(b, 4, run->import_id);
                s = fs_stmt_step(b, &row);
                fs_stmt_reset(b);
                if (s != FS_OK)
                    break;
                fs_stmt_bind_int(f, 1, run->file_id);
                fs_stmt_bind_text(f, 2, tbl, strlen(tbl));
                fs_stmt_bind_text(f, 3, county, 6);
                fs_stmt_bind_int(f, 4, YEAR_MIN + y);
                fs_stmt_bind_int(f, 5, n);
                s = fs_stmt_step(f, &row);
                fs_stmt_reset(f);
            }
    fs_stmt_free(a);
    fs_stmt_free(b);
    fs_stmt_free(f);
    return s;
}

fs_status fs_wh_file_end(fs_wh_run *run, bool accept, long *records)
{
    fs_db *db = run->wh->db;
    *records = 0;
    if (!run->in_file)
        return FS_OK;
    run->in_file = false;
    fs_status s = FS_OK;
    if (!accept) {
        s = fs_db_exec(db, "ROLLBACK TO file; RELEASE file");
        if (s != FS_OK) {
            run_abort(run);
            return s;
        }
        /* The import row may have been created by this file only. */
        int64_t exists = 0;
        s = fs_db_query_int(db, "SELECT count(*) FROM imports WHERE import_id = ?", true,
                            run->import_id, &exists);
        if (s != FS_OK)
            run_abort(run);
        else if (!exists)
            run->import_id = 0;
        return s;
    }
    s = exec_bound(db, "UPDATE import_files SET records = ? WHERE file_id = ?", "ii",
                   (int64_t)run->file_records, run->file_id);
    if (s == FS_OK)
        s = commit_slices(run);
    if (s == FS_OK)
        s = cubes_flush(run);
    if (s == FS_OK)
        s = fs_db_exec(db, "RELEASE file");
    if (s != FS_OK) {
        run_abort(run);
        return s;
    }
    run->spare_import_id = run->spare_file_id = 0;
    *records = run->file_records;
    return FS_OK;
}

int64_t fs_wh_run_import(const fs_wh_run *run)
{
    return run->import_id;
}

/* ------------------------------------------------------ lists of rows */

/* Step st (prepared and bound; freed here) and collect one element of
 * `size` bytes per row into a malloc'ed array *out of *n: each is zeroed,
 * then fill(st, element, arg) sets it from the row.  On failure *out is
 * freed, NULL and *n 0; the caller frees *out otherwise. */
typedef void (*row_fill)(fs_stmt *st, void *element, const void *arg);
static fs_status collect_rows(fs_stmt *st, size_t size, row_fill fill, const void *arg, void **out,
                              size_t *n)
{
    size_t cap = 0;
    bool row;
    fs_status s;
    while ((s = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (!fs_grow(out, &cap, *n, size)) {
            s = FS_ERR_NOMEM;
            break;
        }
        void *e = (char *)*out + (*n)++ * size;
        memset(e, 0, size);
        fill(st, e, arg);
    }
    fs_stmt_free(st);
    if (s != FS_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}

/* Text column col into the fixed field dst (cut at size). */
static void text_col(fs_stmt *st, int col, char *dst, size_t size)
{
    snprintf(dst, size, "%s", fs_stmt_text(st, col));
}

/* A live slice's first columns: tbl, county, year, records. */
static void slice_cols(fs_stmt *st, fs_wh_slice_rec *r)
{
    text_col(st, 0, r->tbl, sizeof r->tbl);
    text_col(st, 1, r->county, sizeof r->county);
    r->year = (int)fs_stmt_int(st, 2);
    r->records = fs_stmt_int(st, 3);
    r->live = true;
}

/* tbl, county, year, records, superseded import and records. */
static void fill_run_slice(fs_stmt *st, void *e, const void *arg)
{
    fs_wh_slice_rec *r = e;
    slice_cols(st, r);
    r->import_id = *(const int64_t *)arg;
    r->superseded_import = fs_stmt_int(st, 4);
    r->superseded_records = fs_stmt_int(st, 5);
}

/* tbl, county, year, records, import_id. */
static void fill_file_slice(fs_stmt *st, void *e, const void *arg)
{
    (void)arg;
    fs_wh_slice_rec *r = e;
    slice_cols(st, r);
    r->import_id = fs_stmt_int(st, 4);
}

/* import_id, file_id, tbl, county, year, records. */
static void fill_live_file_slice(fs_stmt *st, void *e, const void *arg)
{
    (void)arg;
    fs_wh_live_file_slice *r = e;
    r->import_id = fs_stmt_int(st, 0);
    r->file_id = fs_stmt_int(st, 1);
    text_col(st, 2, r->tbl, sizeof r->tbl);
    text_col(st, 3, r->county, sizeof r->county);
    r->year = (int)fs_stmt_int(st, 4);
    r->records = fs_stmt_int(st, 5);
}

/* tbl, county, year, the current holder. */
static void fill_revert_slice(fs_stmt *st, void *e, const void *arg)
{
    (void)arg;
    fs_wh_revert_slice *r = e;
    text_col(st, 0, r->tbl, sizeof r->tbl);
    text_col(st, 1, r->county, sizeof r->county);
    r->year = (int)fs_stmt_int(st, 2);
    r->holder = fs_stmt_int(st, 3);
    r->earlier = 0;
}

fs_status fs_wh_run_slices(fs_wh_run *run, fs_wh_slice_rec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!run->import_id)
        return FS_OK;
    fs_stmt *st;
    fs_status s = fs_db_prepare(run->wh->db,
                                "SELECT tbl, county, year, records, coalesce(superseded_import, 0),"
                                " coalesce(superseded_records, 0) FROM import_slices"
                                " WHERE import_id = ? ORDER BY year, county, tbl",
                                &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, run->import_id);
    return collect_rows(st, sizeof **out, fill_run_slice, &run->import_id, (void **)out, n);
}

fs_status fs_wh_run_end(fs_wh_run *run, bool keep, const char *interrupted, int64_t *import_id)
{
    fs_db *db = run->wh->db;
    fs_status s = FS_OK;
    *import_id = 0;
    if (keep && interrupted) {
        /* On record even when no file was finished. */
        if (!run->in_run) {
            s = fs_db_begin(db);
            run->in_run = s == FS_OK;
        }
        if (s == FS_OK && run->import_id == 0)
            s = new_import(run);
        if (s == FS_OK)
            s = exec_bound(db, "UPDATE imports SET interrupted = ? WHERE import_id = ?", "ti",
                           interrupted, run->import_id);
    }
    if (run->in_run) {
        /* Nothing kept (every file refused): roll back, so that not even
         * the file change counter moves. */
        if (keep && s == FS_OK && run->import_id)
            s = fs_db_commit(db);
        else
            fs_db_rollback(db);
        run->in_run = false;
    }
    if (keep && s == FS_OK)
        *import_id = run->import_id;
    run_free(run);
    return s;
}

fs_status fs_wh_file_known(fs_warehouse *wh, const char *sha256, int64_t running,
                           fs_wh_known_file *k)
{
    *k = (fs_wh_known_file){FS_WH_FILE_NEW, 0, 0, 0, NULL};
    fs_stmt *st;
    /* Each file of that hash with its import's revert and the latest other
     * import holding one of its slices, if any; current ones first. */
    fs_status s = fs_db_prepare(
        wh->db,
        "SELECT import_id, file_id, name, reverted, later, missing FROM (\n"
        " SELECT f.import_id, f.file_id, f.name,\n"
        "  CASE WHEN i.reverted_at IS NULL THEN 0 ELSE 1 END AS reverted,\n"
        "  (SELECT max(l.import_id) FROM import_file_slices x JOIN live_slices l\n"
        "    ON l.tbl = x.tbl AND l.county = x.county AND l.year = x.year\n"
        "   WHERE x.file_id = f.file_id AND l.import_id <> f.import_id AND l.import_id <> ?2)"
        " AS later,\n"
        "  (SELECT count(*) FROM import_file_slices x LEFT JOIN live_slices l\n"
        "    ON l.tbl = x.tbl AND l.county = x.county AND l.year = x.year\n"
        "   WHERE x.file_id = f.file_id AND l.import_id IS NULL) AS missing\n"
        " FROM import_files f JOIN imports i ON i.import_id = f.import_id\n"
        " WHERE f.sha256 = ?1) AS t\n"
        " ORDER BY CASE WHEN reverted = 0 AND later IS NULL AND missing = 0 THEN 1 ELSE 0 END"
        " DESC, file_id DESC LIMIT 1",
        &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_text(st, 1, sha256, strlen(sha256));
    fs_stmt_bind_int(st, 2, running);
    bool row;
    s = fs_stmt_step(st, &row);
    if (s == FS_OK && row) {
        bool reverted = fs_stmt_int(st, 3) != 0, replaced = !fs_stmt_is_null(st, 4);
        k->import_id = fs_stmt_int(st, 0);
        k->file_id = fs_stmt_int(st, 1);
        k->by = replaced ? fs_stmt_int(st, 4) : 0;
        k->state = reverted                  ? FS_WH_FILE_REVERTED
                   : replaced                ? FS_WH_FILE_REPLACED
                   : fs_stmt_int(st, 5) == 0 ? FS_WH_FILE_CURRENT
                                             : FS_WH_FILE_NEW; /* nothing of it held */
        if (k->state != FS_WH_FILE_NEW && !(k->name = strdup(fs_stmt_text(st, 2))))
            s = FS_ERR_NOMEM;
    }
    fs_stmt_free(st);
    return s;
}

fs_status fs_wh_file_slices(fs_warehouse *wh, int64_t file_id, fs_wh_slice_rec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    fs_stmt *st;
    fs_status s =
        fs_db_prepare(wh->db,
                      "SELECT x.tbl, x.county, x.year, x.records, f.import_id"
                      " FROM import_file_slices x JOIN import_files f ON f.file_id = x.file_id"
                      " WHERE x.file_id = ? ORDER BY x.year, x.county, x.tbl",
                      &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, file_id);
    return collect_rows(st, sizeof **out, fill_file_slice, NULL, (void **)out, n);
}

fs_status fs_wh_live_file_slices(fs_warehouse *wh, int max_year, fs_wh_live_file_slice **out,
                                 size_t *n)
{
    *out = NULL;
    *n = 0;
    fs_stmt *st;
    fs_status s = fs_db_prepare(
        wh->db,
        "SELECT f.import_id, f.file_id, x.tbl, x.county, x.year, x.records"
        " FROM import_file_slices x JOIN import_files f ON f.file_id = x.file_id"
        " JOIN live_slices l ON l.tbl = x.tbl AND l.county = x.county AND l.year = x.year"
        "  AND l.import_id = f.import_id"
        " WHERE x.year <= ? ORDER BY f.import_id, f.file_id, x.year, x.county, x.tbl",
        &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, max_year);
    return collect_rows(st, sizeof **out, fill_live_file_slice, NULL, (void **)out, n);
}

fs_status fs_wh_slice_files(fs_warehouse *wh, int64_t import_id, const char *tbl,
                            const char *county, int year, fs_sbuf *names, int *n)
{
    *n = 0;
    fs_stmt *st;
    fs_status s =
        fs_db_prepare(wh->db,
                      "SELECT f.name FROM import_file_slices x"
                      " JOIN import_files f ON f.file_id = x.file_id"
                      " WHERE f.import_id = ? AND x.tbl = ? AND x.county = ? AND x.year = ?"
                      " ORDER BY f.file_id",
                      &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, import_id);
    fs_stmt_bind_text(st, 2, tbl, strlen(tbl));
    fs_stmt_bind_text(st, 3, county, strlen(county));
    fs_stmt_bind_int(st, 4, year);
    bool row;
    while ((s = fs_stmt_step(st, &row)) == FS_OK && row)
        fs_sbuf_addf(names, "%s%s", (*n)++ ? ", " : "", fs_stmt_text(st, 0));
    fs_stmt_free(st);
    return s;
}

fs_status fs_wh_live_records(fs_warehouse *wh, const char *tbl, const char *county, int year,
                             int64_t *import_id, int64_t *records)
{
    *import_id = *records = 0;
    fs_stmt *st;
    fs_status s = fs_db_prepare(wh->db,
                                "SELECT l.import_id, coalesce(p.records, 0) FROM live_slices l"
                                " LEFT JOIN import_slices p ON p.import_id = l.import_id"
                                " AND p.tbl = l.tbl AND p.county = l.county AND p.year = l.year"
                                " WHERE l.tbl = ? AND l.county = ? AND l.year = ?",
                                &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_text(st, 1, tbl, strlen(tbl));
    fs_stmt_bind_text(st, 2, county, strlen(county));
    fs_stmt_bind_int(st, 3, year);
    bool row;
    s = fs_stmt_step(st, &row);
    if (s == FS_OK && row) {
        *import_id = fs_stmt_int(st, 0);
        *records = fs_stmt_int(st, 1);
    }
    fs_stmt_free(st);
    return s;
}

const char *fs_wh_path(const fs_warehouse *wh)
{
    return wh->path;
}

/* --------------------------------------------------------------- revert */

/* The slices of import_id with their current holder and its records. */
static fs_status revert_slices(fs_db *db, int64_t import_id, fs_wh_revert_slice **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    fs_stmt *st;
    fs_status s = fs_db_prepare(db,
                                "SELECT s.tbl, s.county, s.year, coalesce(l.import_id, 0)"
                                " FROM import_slices s LEFT JOIN live_slices l"
                                " ON l.tbl = s.tbl AND l.county = s.county AND l.year = s.year"
                                " WHERE s.import_id = ? ORDER BY s.year, s.county, s.tbl",
                                &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_int(st, 1, import_id);
    return collect_rows(st, sizeof **out, fill_revert_slice, NULL, (void **)out, n);
}

/* qsort_r: slices in the order commit_slices locks them (slice_lock_key):
 * table, the county's place in the zone (arg), year. */
static int cmp_lock_order(const void *a, const void *b, void *arg)
{
    const fs_zone *z = arg;
    const fs_wh_revert_slice *x = a, *y = b;
    int tx = fs_table_by_name(x->tbl, strlen(x->tbl)),
        ty = fs_table_by_name(y->tbl, strlen(y->tbl));
    if (tx != ty)
        return tx < ty ? -1 : 1;
    int cx = z ? fs_zone_by_code(z, x->county) : -1, cy = z ? fs_zone_by_code(z, y->county) : -1;
    if (cx != cy)
        return cx < cy ? -1 : 1;
    int c = strcmp(x->county, y->county);
    if (c)
        return c;
    return (x->year > y->year) - (x->year < y->year);
}

/* PostgreSQL: wait for the importers of import_id's slices (their slice
 * locks), so that what the revert reads next is what they committed. */
static fs_status lock_import_slices(fs_warehouse *wh, int64_t import_id)
{
    fs_wh_revert_slice *sl = NULL;
    size_t n = 0;
    fs_status s = revert_slices(wh->db, import_id, &sl, &n);
    if (s == FS_OK && n > 1)
        qsort_r(sl, n, sizeof *sl, cmp_lock_order, (void *)wh->zone);
    for (size_t i = 0; i < n && s == FS_OK; i++) {
        int t = fs_table_by_name(sl[i].tbl, strlen(sl[i].tbl));
        if (t >= 0)
            s = fs_db_lock(wh->db, slice_lock_key(sl[i].county, sl[i].year, (fs_table)t));
    }
    free(sl);
    return s;
}

/* The latest import before import_id that held slice r (into r->earlier,
 * 0 when none). */
static fs_status earlier_holder(fs_db *db, int64_t import_id, fs_wh_revert_slice *r)
{
    fs_stmt *st;
    fs_status s = fs_db_prepare(db,
                                "SELECT coalesce(max(import_id), 0) FROM import_slices"
                                " WHERE tbl = ? AND county = ? AND year = ? AND import_id < ?",
                                &st);
    if (s != FS_OK)
        return s;
    fs_stmt_bind_text(st, 1, r->tbl, strlen(r->tbl));
    fs_stmt_bind_text(st, 2, r->county, strlen(r->county));
    fs_stmt_bind_int(st, 3, r->year);
    fs_stmt_bind_int(st, 4, import_id);
    bool row;
    s = fs_stmt_step(st, &row);
    r->earlier = s == FS_OK && row ? fs_stmt_int(st, 0) : 0;
    fs_stmt_free(st);
    return s;
}

fs_status fs_wh_revert(fs_warehouse *wh, int64_t import_id, bool redo, const char *time_iso,
                       fs_wh_revert_slice **slices, size_t *nslices, fs_sbuf *err)
{
    fs_db *db = wh->db;
    *slices = NULL;
    *nslices = 0;
    fs_sbuf q = {0}; /* the warehouse quoted for the shell, whole */
    const char *quoted = fs_sbuf_shquote(&q, wh->path);
    fs_status s = fs_db_begin(db);
    if (s != FS_OK) {
        fs_sbuf_setf(err, "%s", fs_db_errmsg(db));
        fs_sbuf_free(&q);
        return s;
    }
    int64_t state = -1;
    s = fs_db_query_int(db, "SELECT reverted_at IS NOT NULL FROM imports WHERE import_id = ?", true,
                        import_id, &state);
    if (s == FS_OK && (state < 0 || state == (redo ? 0 : 1))) {
        fs_db_rollback(db);
        /* "see forumstat history --db WAREHOUSE" */
        fs_sbuf hist = {0};
        fs_sbuf_addf(&hist, "forumstat history --db %s", quoted);
        if (state < 0)
            fs_sbuf_setf(err, _("there is no import %lld (see %s)"), (long long)import_id,
                         fs_sbuf_str(&hist));
        else if (redo)
            fs_sbuf_setf(err, _("import %lld is not reverted: there is nothing to redo (see %s)"),
                         (long long)import_id, fs_sbuf_str(&hist));
        else
            fs_sbuf_setf(err,
                         _("import %lld was reverted already (undo that with: "
                           "forumstat revert --db %s --redo %lld)"),
                         (long long)import_id, quoted, (long long)import_id);
        fs_sbuf_free(&hist);
        fs_sbuf_free(&q);
        return FS_ERR_DATA;
    }
    fs_sbuf_free(&q);
    fs_wh_revert_slice *sl = NULL;
    size_t n = 0;
    /* an import of the same slices still running: its result first (what
     * changes is read after it) */
    if (s == FS_OK && fs_db_kind(db) == FS_DB_PG)
        s = lock_import_slices(wh, import_id);
    if (s == FS_OK)
        s = revert_slices(db, import_id, &sl, &n);
    /* Which slices change: reverting, those the import holds now; redoing,
     * those no later import holds. */
    for (size_t i = 0; i < n; i++)
        sl[i].changed = redo ? sl[i].holder < import_id : sl[i].holder == import_id;
    if (s == FS_OK)
        s = redo ? exec_bound(
                       db,
                       "UPDATE imports SET reverted_at = NULL, redone_at = ? WHERE import_id = ?",
                       "ti", time_iso, import_id)
                 : exec_bound(db, "UPDATE imports SET reverted_at = ? WHERE import_id = ?", "ti",
                              time_iso, import_id);
    if (s == FS_OK && !redo)
        /* Each slice of the import goes back to its latest remaining holder. */
        s = exec_bound(db, "DELETE FROM live_slices WHERE import_id = ?", "i", import_id);
    if (s == FS_OK && !redo)
        s = exec_bound(db,
                       "INSERT INTO live_slices(tbl, county, year, import_id)\n"
                       " SELECT s.tbl, s.county, s.year, max(s.import_id) FROM import_slices s\n"
                       " JOIN imports i ON i.import_id = s.import_id AND i.reverted_at IS NULL\n"
                       " WHERE EXISTS (SELECT 1 FROM import_slices x WHERE x.import_id = ?\n"
                       "   AND x.tbl = s.tbl AND x.county = s.county AND x.year = s.year)\n"
                       "   AND NOT EXISTS (SELECT 1 FROM live_slices l WHERE l.tbl = s.tbl\n"
                       "   AND l.county = s.county AND l.year = s.year)\n"
                       " GROUP BY s.tbl, s.county, s.year",
                       "i", import_id);
    if (s == FS_OK && redo)
        /* The slices no later import holds are the import's again. */
        s = exec_bound(
            db,
            "INSERT INTO live_slices(tbl, county, year, import_id)\n"
            " SELECT s.tbl, s.county, s.year, s.import_id FROM import_slices s\n"
            " LEFT JOIN live_slices l ON l.tbl = s.tbl AND l.county = s.county AND l.year = "
            "s.year\n"
            " WHERE s.import_id = ?1 AND (l.import_id IS NULL OR l.import_id < ?1)\n"
            " ON CONFLICT(tbl, county, year) DO UPDATE SET import_id = excluded.import_id",
            "i", import_id);
    /* What each changed slice holds now. */
    for (size_t i = 0; i < n && s == FS_OK; i++)
        s = fs_wh_live_records(wh, sl[i].tbl, sl[i].county, sl[i].year, &sl[i].holder,
                               &sl[i].records);
    /* A slice a revert leaves empty: the earlier import that held it, if
     * any, is reverted too (the revert says so). */
    for (size_t i = 0; i < n && s == FS_OK; i++)
        if (!redo && sl[i].changed && !sl[i].holder)
            s = earlier_holder(db, import_id, &sl[i]);
    if (s == FS_OK)
        s = fs_db_commit(db);
    else
        fs_db_rollback(db);
    if (s != FS_OK) {
        fs_sbuf_setf(err, redo ? _("cannot redo the import: %s") : _("cannot revert: %s"),
                     fs_db_errmsg(db));
        free(sl);
        return s;
    }
    *slices = sl;
    *nslices = n;
    return FS_OK;
}

/* -------------------------------------------------------------- history */

static char *dup_text(fs_stmt *st, int col)
{
    return strdup(fs_stmt_text(st, col));
}

void fs_wh_history_free(fs_wh_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nfiles; i++) {
        free(h->files[i].name);
        free(h->files[i].sha256);
        free(h->files[i].format);
        free(h->files[i].encoding);
    }
    free(h->imports);
    free(h->files);
    free(h->slices);
    free(h);
}

fs_status fs_wh_history_load(fs_warehouse *wh, fs_wh_history **out)
{
    *out = NULL;
    fs_wh_history *h = calloc(1, sizeof *h);
    if (!h)
        return FS_ERR_NOMEM;
    fs_db *db = wh->db;
    fs_stmt *st = NULL;
    size_t cap = 0;
    bool row;
    fs_status s = fs_db_prepare(db,
                                "SELECT import_id, imported_at, coalesce(reverted_at, ''),"
                                " coalesce(interrupted, ''), coalesce(redone_at, '')"
                                " FROM imports ORDER BY import_id",
                                &st);
    while (s == FS_OK && (s = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (!fs_grow((void **)&h->imports, &cap, h->nimports, sizeof *h->imports)) {
            s = FS_ERR_NOMEM;
            break;
        }
        fs_wh_import_rec *r = &h->imports[h->nimports++];
        r->import_id = fs_stmt_int(st, 0);
        snprintf(r->imported_at, sizeof r->imported_at, "%s", fs_stmt_text(st, 1));
        snprintf(r->reverted_at, sizeof r->reverted_at, "%s", fs_stmt_text(st, 2));
        snprintf(r->interrupted, sizeof r->interrupted, "%s", fs_stmt_text(st, 3));
        snprintf(r->redone_at, sizeof r->redone_at, "%s", fs_stmt_text(st, 4));
    }
    fs_stmt_free(st);
    st = NULL;
    cap = 0;
    if (s == FS_OK)
        s = fs_db_prepare(db,
                          "SELECT import_id, file_id, name, sha256, format, coalesce(encoding, ''),"
                          " size, records FROM import_files ORDER BY import_id, file_id",
                          &st);
    while (s == FS_OK && (s = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (!fs_grow((void **)&h->files, &cap, h->nfiles, sizeof *h->files)) {
            s = FS_ERR_NOMEM;
            break;
        }
        fs_wh_file_rec *r = &h->files[h->nfiles++];
        memset(r, 0, sizeof *r);
        r->import_id = fs_stmt_int(st, 0);
        r->file_id = fs_stmt_int(st, 1);
        r->name = dup_text(st, 2);
        r->sha256 = dup_text(st, 3);
        r->format = dup_text(st, 4);
        r->encoding = dup_text(st, 5);
        r->size = fs_stmt_int(st, 6);
        r->records = fs_stmt_int(st, 7);
        if (!r->name || !r->sha256 || !r->format || !r->encoding)
            s = FS_ERR_NOMEM;
    }
    fs_stmt_free(st);
    st = NULL;
    cap = 0;
    if (s == FS_OK)
        s = fs_db_prepare(db,
                          "SELECT s.import_id, s.tbl, s.county, s.year, s.records,"
                          " coalesce(s.superseded_import, 0), coalesce(s.superseded_records, 0),"
                          " CASE WHEN l.import_id = s.import_id THEN 1 ELSE 0 END"
                          " FROM import_slices s LEFT JOIN live_slices l"
                          " ON l.tbl = s.tbl AND l.county = s.county AND l.year = s.year"
                          " ORDER BY s.import_id, s.year, s.county, s.tbl",
                          &st);
    while (s == FS_OK && (s = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (!fs_grow((void **)&h->slices, &cap, h->nslices, sizeof *h->slices)) {
            s = FS_ERR_NOMEM;
            break;
        }
        fs_wh_slice_rec *r = &h->slices[h->nslices++];
        r->import_id = fs_stmt_int(st, 0);
        snprintf(r->tbl, sizeof r->tbl, "%s", fs_stmt_text(st, 1));
        snprintf(r->county, sizeof r->county, "%s", fs_stmt_text(st, 2));
        r->year = (int)fs_stmt_int(st, 3);
        r->records = fs_stmt_int(st, 4);
        r->superseded_import = fs_stmt_int(st, 5);
        r->superseded_records = fs_stmt_int(st, 6);
        r->live = fs_stmt_int(st, 7) != 0;
    }
    fs_stmt_free(st);
    if (s != FS_OK) {
        fs_wh_history_free(h);
        return s;
    }
    *out = h;
    return FS_OK;
}

fs_status fs_wh_print_history(fs_warehouse *wh, FILE *out)
{
    fs_wh_history *h;
    fs_status s = fs_wh_history_load(wh, &h);
    if (s != FS_OK)
        return s;
    size_t f = 0, sl = 0;
    fs_sbuf cl = {0}; /* a county as a Chinese message names it */
    for (size_t i = 0; i < h->nimports; i++) {
        const fs_wh_import_rec *im = &h->imports[i];
        fprintf(out, _("import %lld  %s"), (long long)im->import_id, im->imported_at);
        if (im->interrupted[0])
            fprintf(out, _("  INTERRUPTED by %s"), im->interrupted);
        if (im->reverted_at[0])
            fprintf(out, _("  REVERTED %s"), im->reverted_at);
        if (im->redone_at[0])
            fprintf(out, _("  REDONE %s"), im->redone_at);
        fputc('\n', out);
        for (; f < h->nfiles && h->files[f].import_id == im->import_id; f++) {
            const fs_wh_file_rec *r = &h->files[f];
            fprintf(out, _("  file  %s  (%s%s%s, %lld records, %lld bytes, sha256 %s)\n"), r->name,
                    r->format, r->encoding[0] ? " " : "", r->encoding, (long long)r->records,
                    (long long)r->size, r->sha256);
        }
        for (; sl < h->nslices && h->slices[sl].import_id == im->import_id; sl++) {
            const fs_wh_slice_rec *r = &h->slices[sl];
            /* in Chinese the table's name and the county's (when the
             * zone is known); in English the line scripts read stays as it
             * was */
            int t = fs_table_by_name(r->tbl, strlen(r->tbl));
            if (fs_labels_zh() && t >= 0)
                fprintf(out, _("  %s %s %d: %lld records"), fs_tables[t].name_zh,
                        fs_zone_county_label(wh->zone, r->county, &cl), r->year,
                        (long long)r->records);
            else
                fprintf(out, _("  %-12s %s %d: %6lld records"), r->tbl, r->county, r->year,
                        (long long)r->records);
            if (r->superseded_import)
                fprintf(out, _(", superseded import %lld (%lld records)"),
                        (long long)r->superseded_import, (long long)r->superseded_records);
            fprintf(out, "%s\n", r->live ? "" : _("  [not live]"));
        }
    }
    if (h->nimports == 0)
        fputs(_("no imports yet\n"), out);
    fs_sbuf_free(&cl);
    fs_wh_history_free(h);
    return FS_OK;
}

/* ------------------------------------------------------------- migrate */

/* printf into a new string (NULL when out of memory); the caller frees. */
static char *strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strdupf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

/* Copy `cols` of table from src to dst, rows in `order`; types says for
 * each column whether it is an integer ('i') or text ('t'). */
static fs_status copy_table(fs_db *src, fs_db *dst, const char *table, const char *cols,
                            const char *types, const char *order, int64_t *rows)
{
    *rows = 0;
    size_t ncols = strlen(types);
    char *sql = strdupf("SELECT %s FROM %s ORDER BY %s", cols, table, order);
    char *ins = NULL;
    fs_stmt *rd = NULL, *wr = NULL;
    rowbuf b = {0};
    bool pg = fs_db_kind(dst) == FS_DB_PG;
    fs_status s = sql ? fs_db_prepare(src, sql, &rd) : FS_ERR_NOMEM;
    if (s == FS_OK) {
        if (pg) {
            ins = strdupf("COPY %s(%s) FROM STDIN", table, cols);
        } else {
            char marks[512] = "?";
            for (size_t i = 1; i < ncols; i++)
                append(marks, sizeof marks, ", ?");
            ins = strdupf("INSERT INTO %s(%s) VALUES (%s)", table, cols, marks);
        }
        if (!ins)
            s = FS_ERR_NOMEM;
        else if (!pg)
            s = fs_db_prepare(dst, ins, &wr);
    }
    bool row;
    while (s == FS_OK && (s = fs_stmt_step(rd, &row)) == FS_OK && row) {
        b.len = 0;
        for (size_t c = 0; c < ncols && s == FS_OK; c++) {
            bool null = fs_stmt_is_null(rd, (int)c);
            if (pg) {
                bool last = c + 1 == ncols, okb;
                if (null) {
                    okb = rb_put(&b, last ? "\\N\n" : "\\N\t", 3);
                } else if (types[c] == 'i') {
                    okb = rb_int(&b, fs_stmt_int(rd, (int)c), last);
                } else {
                    const char *t = fs_stmt_text(rd, (int)c);
                    okb = rb_text(&b, t, strlen(t)) && rb_put(&b, last ? "\n" : "\t", 1);
                }
                if (!okb)
                    s = FS_ERR_NOMEM;
            } else if (null) {
                fs_stmt_bind_null(wr, (int)c + 1);
            } else if (types[c] == 'i') {
                fs_stmt_bind_int(wr, (int)c + 1, fs_stmt_int(rd, (int)c));
            } else {
                const char *t = fs_stmt_text(rd, (int)c);
                fs_stmt_bind_text(wr, (int)c + 1, t, strlen(t));
            }
        }
        if (s != FS_OK)
            break;
        if (pg) {
            s = fs_db_copy_row(dst, ins, b.p, b.len);
        } else {
            bool r2;
            s = fs_stmt_step(wr, &r2);
            fs_stmt_reset(wr);
        }
        (*rows)++;
    }
    if (s == FS_OK && pg) /* end the COPY: its errors are known now */
        s = fs_db_exec(dst, "SELECT 1");
    fs_stmt_free(rd);
    fs_stmt_free(wr);
    free(sql);
    free(ins);
    free(b.p);
    return s;
}

fs_status fs_wh_copy(fs_warehouse *src, fs_warehouse *dst,
                     void (*progress)(void *arg, const char *table, int64_t rows), void *arg,
                     fs_sbuf *err)
{
    fs_db *from = src->db, *to = dst->db;
    int64_t held = 0;
    fs_status s = fs_db_query_int(to, "SELECT count(*) FROM imports", false, 0, &held);
    if (s == FS_OK && held) {
        fs_sbuf_setf(err,
                     _("the warehouse %s holds imports already: migrate copies into a new, empty "
                       "warehouse only"),
                     dst->path);
        return FS_ERR_DATA;
    }
    static const struct {
        const char *table, *cols, *types, *order;
    } base[] = {
        {"imports", "import_id, imported_at, reverted_at, interrupted, redone_at",
         "ittt"
         "t",
         "import_id"},
        {"import_files", "file_id, import_id, name, sha256, format, encoding, size, records",
         "iitttt"
         "ii",
         "file_id"},
        {"import_slices",
         "import_id, tbl, county, year, records, superseded_import, superseded_records", "ittiiii",
         "import_id, tbl, county, year"},
        {"import_file_slices", "file_id, tbl, county, year, records", "ittii",
         "file_id, tbl, county, year"},
        {"live_slices", "tbl, county, year, import_id", "ttii", "tbl, county, year"},
    };
    if (s == FS_OK)
        s = fs_db_begin_read(from);
    if (s == FS_OK && (s = fs_db_begin(to)) != FS_OK)
        fs_db_rollback(from);
    int64_t rows = 0;
    for (size_t i = 0; i < sizeof base / sizeof *base && s == FS_OK; i++) {
        s = copy_table(from, to, base[i].table, base[i].cols, base[i].types, base[i].order, &rows);
        if (s == FS_OK && progress)
            progress(arg, base[i].table, rows);
    }
    for (int t = 0; t < FS_T_COUNT && s == FS_OK; t++) {
        const fs_table_def *td = &fs_tables[t];
        char cols[2048] = "import_id, file_id, line, year", types[128] = "iiii";
        for (size_t c = 0; c < td->ncolumns; c++) {
            const fs_column *col = &td->columns[c];
            if (is_year_column(col))
                continue;
            append(cols, sizeof cols, ", %s", col->name);
            append(types, sizeof types, "%c",
                   strcmp(sql_type(col->type), "INTEGER") == 0 ? 'i' : 't');
        }
        s = copy_table(from, to, td->name, cols, types, "rowid", &rows);
        if (s == FS_OK && progress)
            progress(arg, td->name, rows);
        const fs_cube_def *cd = &fs_cubes[t];
        if (s != FS_OK || !cd->stored)
            continue;
        char ccols[1024] = "import_id, county, year", ctypes[64] = "iti";
        for (int k = 0; k < FS_CUBE_MAX_DIMS && cd->dims[k]; k++) {
            append(ccols, sizeof ccols, ", %s", cd->dims[k]);
            append(ctypes, sizeof ctypes, "t");
        }
        if (cd->days_from) {
            append(ccols, sizeof ccols, ", " FS_CUBE_DAYS_COLUMN);
            append(ctypes, sizeof ctypes, "i");
        }
        append(ccols, sizeof ccols, ", n");
        append(ctypes, sizeof ctypes, "i");
        for (int k = 0; k < FS_CUBE_MAX_MEASURES - 1 && cd->measures[k]; k++) {
            append(ccols, sizeof ccols, ", %s", cd->measures[k]);
            append(ctypes, sizeof ctypes, "i");
        }
        char cube[64];
        snprintf(cube, sizeof cube, "cube_%s", td->name);
        s = copy_table(from, to, cube, ccols, ctypes, ccols, &rows);
        if (s == FS_OK && progress)
            progress(arg, cube, rows);
    }
    /* PostgreSQL: the sequences go on after the ids copied */
    if (s == FS_OK && fs_db_kind(to) == FS_DB_PG) {
        char sql[4096] =
            "SELECT setval(pg_get_serial_sequence('imports', 'import_id'), "
            "coalesce(max(import_id), 0) + 1, false) FROM imports;\n"
            "SELECT setval(pg_get_serial_sequence('import_files', 'file_id'), "
            "coalesce(max(file_id), 0) + 1, false) FROM import_files;\n";
        for (int t = 0; t < FS_T_COUNT; t++)
            append(sql, sizeof sql,
                   "SELECT setval(pg_get_serial_sequence('%s', 'rowid'), coalesce(max(rowid), 0) + "
                   "1, false) FROM %s;\n",
                   fs_tables[t].name, fs_tables[t].name);
        s = fs_db_exec(to, sql);
    }
    if (s == FS_OK)
        s = fs_db_commit(to);
    else
        fs_db_rollback(to);
    fs_db_rollback(from);
    if (s != FS_OK)
        fs_sbuf_setf(err, _("cannot copy the warehouse %s into %s: %s"), src->path, dst->path,
                     s == FS_ERR_NOMEM     ? fs_strerror(s)
                     : fs_db_errmsg(to)[0] ? fs_db_errmsg(to)
                                           : fs_db_errmsg(from));
    return s;
}
