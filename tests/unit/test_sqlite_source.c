/*
 * test_sqlite_source.c — unit tests for report/read/sqlite_source.c (SQLite
 * submissions read as hostile input, §2.2 of the submission standard).
 *
 * Every fixture database is built at run time with the sqlite3 C API in a
 * private mkdtemp folder, so nothing binary is committed.  TMPDIR is
 * pointed at an empty folder of our own for the whole run: after every
 * open/free the tests check it is empty again (no temporary copy or folder
 * left behind, whatever went wrong), and that the submitted file kept its
 * bytes and its modification time.
 *
 * Layout of the work folder:  ROOT/in  fixtures,  ROOT/tmp  TMPDIR.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "schema.h"
#include "sqlite_source.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct ctx {
    char root[PATH_MAX / 2];
    char in[PATH_MAX];
    char tmp[PATH_MAX];
} ctx;

/* ---- work folder ---------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    int n = snprintf(c->root, sizeof c->root, "%s/test-sqlite-source-XXXXXX", base);
    if (n < 0 || (size_t)n >= sizeof c->root || !mkdtemp(c->root))
        return -1;
    snprintf(c->in, sizeof c->in, "%s/in", c->root);
    snprintf(c->tmp, sizeof c->tmp, "%s/tmp", c->root);
    if (mkdir(c->in, 0700) != 0 || mkdir(c->tmp, 0700) != 0)
        return -1;
    /* The code under test makes its private copies here. */
    if (setenv("TMPDIR", c->tmp, 1) != 0)
        return -1;
    *state = c;
    return 0;
}

static int group_teardown(void **state)
{
    ctx *c = *state;
    nftw(c->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(c);
    return 0;
}

/* After each test: empty TMPDIR, so that a failed test (which skipped its
 * own cleanup) does not make the following ones fail too. */
static int clear_tmp(void **state)
{
    ctx *c = *state;
    DIR *dh = opendir(c->tmp);
    if (!dh)
        return -1;
    struct dirent *e;
    char path[PATH_MAX + 256];
    while ((e = readdir(dh)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", c->tmp, e->d_name);
        if (n > 0 && (size_t)n < sizeof path)
            nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    closedir(dh);
    return 0;
}

static void fixture_path(const ctx *c, const char *name, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%s", c->in, name);
    assert_true(n > 0 && (size_t)n < size);
}

static size_t dir_entries(const char *dir)
{
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(dh);
    return n;
}

/* Nothing of ours is left in TMPDIR. */
static void assert_tmp_empty(const ctx *c)
{
    assert_int_equal(dir_entries(c->tmp), 0);
}

/* ---- building fixtures ---------------------------------------------- */

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("fixture SQL failed: %s\n  in: %s", err ? err : "?", sql);
    sqlite3_free(err);
}

static sqlite3 *db_create(const char *path)
{
    unlink(path);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    assert_int_equal(rc, SQLITE_OK);
    return db;
}

static void db_close(sqlite3 *db)
{
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A database at path made by running sql. */
static void build_db(const char *path, const char *sql)
{
    sqlite3 *db = db_create(path);
    exec_ok(db, sql);
    db_close(db);
}

static void write_file(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static unsigned char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    unsigned char *p = malloc((size_t)len + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

/* ---- the submitted file must not change ----------------------------- */

typedef struct snapshot {
    unsigned char *bytes;
    size_t n;
    struct timespec mtime;
} snapshot;

static snapshot take_snapshot(const char *path)
{
    snapshot s;
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    s.mtime = sb.st_mtim;
    s.bytes = read_file(path, &s.n);
    return s;
}

static void assert_unchanged(const char *path, snapshot *s)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mtim.tv_sec, s->mtime.tv_sec);
    assert_int_equal(sb.st_mtim.tv_nsec, s->mtime.tv_nsec);
    size_t n;
    unsigned char *now = read_file(path, &n);
    assert_int_equal(n, s->n);
    assert_memory_equal(now, s->bytes, n);
    free(now);
    free(s->bytes);
    s->bytes = NULL;
}

/* ---- diagnostics ---------------------------------------------------- */

static size_t count_rule(const fs_diags *d, fs_rule r)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++)
        n += d->items[i].rule == r;
    return n;
}

static bool message_has(const fs_diags *d, fs_rule r, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].rule == r &&
            (strstr(d->items[i].message, needle) || strstr(d->items[i].hint, needle)))
            return true;
    return false;
}

static void dump_diags(const fs_diags *d)
{
    fs_diags_print(d, stderr);
}

/* ---- reading a whole table ------------------------------------------ */

typedef struct cell {
    fs_vtype type;
    char *s; /* TEXT / BLOB bytes (own copy, NUL added) */
    size_t len;
    int64_t i;
    double r;
} cell;

typedef struct got_row {
    long line;
    size_t n;
    cell *f;
} got_row;

typedef struct got {
    fs_status st;      /* status that ended the reading       */
    const char *table; /* fs_source.table                      */
    fs_loc_kind kind;
    size_t n;
    got_row *rows; /* rows[0] is the header               */
} got;

static got read_table(fs_sqlite_sub *s, size_t i, fs_diags *d)
{
    got g = {0};
    fs_source *src = NULL;
    g.st = fs_sqlite_sub_table(s, i, &src, d);
    if (g.st != FS_OK)
        return g;
    g.table = src->table;
    g.kind = src->loc_kind;
    assert_string_equal(src->file, "county.db");
    for (;;) {
        fs_row row;
        bool eof = true;
        g.st = fs_source_next(src, &row, &eof, d);
        if (g.st != FS_OK || eof)
            break;
        got_row *rows = realloc(g.rows, (g.n + 1) * sizeof *rows);
        assert_non_null(rows);
        g.rows = rows;
        got_row *r = &g.rows[g.n++];
        r->line = row.line;
        r->n = row.nfields;
        r->f = calloc(row.nfields ? row.nfields : 1, sizeof *r->f);
        assert_non_null(r->f);
        for (size_t k = 0; k < row.nfields; k++) {
            const fs_field *f = &row.fields[k];
            cell *c = &r->f[k];
            c->type = f->type;
            c->i = f->i;
            c->r = f->r;
            if (f->type == FS_V_TEXT || f->type == FS_V_BLOB) {
                c->len = f->len;
                c->s = malloc(f->len + 1);
                assert_non_null(c->s);
                if (f->len)
                    memcpy(c->s, f->s, f->len);
                c->s[f->len] = '\0';
            }
        }
    }
    fs_source_free(src);
    return g;
}

static void got_free(got *g)
{
    for (size_t r = 0; r < g->n; r++) {
        for (size_t k = 0; k < g->rows[r].n; k++)
            free(g->rows[r].f[k].s);
        free(g->rows[r].f);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

static void assert_text(const cell *c, const char *want)
{
    assert_int_equal(c->type, FS_V_TEXT);
    assert_int_equal(c->len, strlen(want));
    assert_memory_equal(c->s, want, c->len);
}

static void assert_header(const got *g, const char *const *names, size_t n)
{
    assert_true(g->n >= 1);
    assert_int_equal(g->rows[0].n, n);
    for (size_t k = 0; k < n; k++)
        assert_text(&g->rows[0].f[k], names[k]);
}

/* ---- opening -------------------------------------------------------- */

/* Open path (shown as "county.db"), expecting status want. */
static fs_sqlite_sub *open_expect(const char *path, fs_status want, fs_diags *d)
{
    fs_sqlite_sub *s = (fs_sqlite_sub *)(uintptr_t)1; /* must be reset */
    fs_status st = fs_sqlite_sub_open(path, "county.db", &s, d);
    if (st != want) {
        dump_diags(d);
        fail_msg("fs_sqlite_sub_open: status %d (%s), wanted %d", st, fs_strerror(st), want);
    }
    if (want == FS_OK)
        assert_non_null(s);
    else
        assert_null(s);
    return s;
}

/* ---- the fixtures --------------------------------------------------- */

static const char FOUR_TABLES_SQL[] =
    "CREATE TABLE indicators(county TEXT, year INTEGER, indicator TEXT, value REAL);"
    "INSERT INTO indicators VALUES('341321', 2024, 'population', 1000000);"
    "CREATE TABLE incidents(case_id TEXT, county INTEGER, date_reported TEXT, iccs TEXT,"
    "  status TEXT, loss_yuan REAL, note TEXT);"
    "INSERT INTO incidents VALUES('A-1', 341321, '2024-05-20', '05', 'solved', 2300.1, NULL);"
    "INSERT INTO incidents VALUES('A-2', 341321, '2024-06-01', '07', 'open', 12, 'x');"
    "CREATE TABLE disputes(dispute_id TEXT, county TEXT, date_received TEXT, type TEXT);"
    "CREATE TABLE cooperation(activity_id TEXT, county TEXT, date TEXT, lead TEXT);"
    "INSERT INTO cooperation VALUES('C1', '320321', '2024-03-01', '320321');";

/* ---- tests ---------------------------------------------------------- */

static void test_header_detection(void **state)
{
    (void)state;
    static const unsigned char ok[] = "SQLite format 3\0rest";
    assert_true(fs_is_sqlite_header(ok, 16));
    assert_true(fs_is_sqlite_header(ok, sizeof ok));
    assert_false(fs_is_sqlite_header(ok, 15));
    assert_false(fs_is_sqlite_header((const unsigned char *)"SQLite format 3x", 16));
    assert_false(fs_is_sqlite_header((const unsigned char *)"county,year\r\n123", 16));
}

static void test_four_tables(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "four.db", path, sizeof path);
    build_db(path, FOUR_TABLES_SQL);
    snapshot snap = take_snapshot(path);

    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(d.errors + d.warnings, 0);
    assert_int_equal(fs_sqlite_sub_ntables(s), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(fs_sqlite_sub_table_id(s, i), (int)i); /* fs_table order */
    assert_int_equal(fs_sqlite_sub_table_id(s, 4), -1);

    got g = read_table(s, 1, &d);
    assert_int_equal(g.st, FS_OK);
    assert_string_equal(g.table, "incidents");
    assert_int_equal(g.kind, FS_LOC_ROWID);
    static const char *const cols[] = {"case_id", "county",    "date_reported", "iccs",
                                       "status",  "loss_yuan", "note"};
    assert_header(&g, cols, COUNT(cols));
    assert_int_equal(g.rows[0].line, 0);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[1].line, 1);
    assert_int_equal(g.rows[2].line, 2);
    assert_text(&g.rows[1].f[0], "A-1");
    assert_int_equal(g.rows[1].f[1].type, FS_V_INT); /* county code as a number */
    assert_int_equal(g.rows[1].f[1].i, 341321);
    assert_text(&g.rows[1].f[3], "05");
    assert_int_equal(g.rows[1].f[5].type, FS_V_REAL);
    assert_true(g.rows[1].f[5].r == 2300.1);
    assert_int_equal(g.rows[1].f[6].type, FS_V_NULL);
    assert_int_equal(g.rows[2].f[5].type, FS_V_REAL); /* REAL affinity: 12 -> 12.0 */
    got_free(&g);

    g = read_table(s, 2, &d); /* disputes: header only */
    assert_int_equal(g.st, FS_OK);
    assert_string_equal(g.table, "disputes");
    assert_int_equal(g.n, 1);
    got_free(&g);

    g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_string_equal(g.table, "indicators");
    assert_int_equal(g.n, 2);
    got_free(&g);

    fs_source *src = (fs_source *)(uintptr_t)1;
    assert_int_equal(fs_sqlite_sub_table(s, 4, &src, &d), FS_ERR_USAGE);
    assert_null(src);

    assert_int_equal(d.errors + d.warnings, 0);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);
}

/* Chinese column names in free order, the table name in another letter
 * case, a column named like the rowid (the real rowid is still used). */
static void test_chinese_columns_any_order(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "zh.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE \"INCIDENTS\"(\"备注\" TEXT, \"损失金额（元）\" REAL,"
             "  \"县\" TEXT, \"案件编号\" TEXT, rowid TEXT);"
             "INSERT INTO INCIDENTS(_rowid_, \"备注\", \"县\", \"案件编号\", rowid)"
             "  VALUES(7, '无', '砀山县', 'A-9', 'r');"
             "INSERT INTO INCIDENTS(_rowid_, \"县\") VALUES(3, '萧县');");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 1);
    assert_int_equal(fs_sqlite_sub_table_id(s, 0), FS_T_INCIDENTS);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_string_equal(g.table, "incidents"); /* the standard spelling */
    static const char *const cols[] = {"备注", "损失金额（元）", "县", "案件编号", "rowid"};
    assert_header(&g, cols, COUNT(cols));
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[1].line, 3); /* rowid order, real rowids */
    assert_text(&g.rows[1].f[2], "萧县");
    assert_int_equal(g.rows[2].line, 7);
    assert_text(&g.rows[2].f[0], "无");
    assert_text(&g.rows[2].f[4], "r");
    got_free(&g);
    assert_int_equal(d.errors + d.warnings, 0);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Columns named rowid, _rowid_ and oid hide the rowid: rows are numbered. */
static void test_all_rowid_names_taken(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "rowidnames.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE disputes(rowid TEXT, _rowid_ TEXT, oid TEXT, county TEXT);"
             "INSERT INTO disputes VALUES('a','b','c','341321');"
             "INSERT INTO disputes VALUES('d','e','f','341322');");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    static const char *const cols[] = {"rowid", "_rowid_", "oid", "county"};
    assert_header(&g, cols, COUNT(cols));
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[1].line, 1);
    assert_text(&g.rows[1].f[0], "a");
    assert_int_equal(g.rows[2].line, 2);
    assert_text(&g.rows[2].f[3], "341322");
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* The widest table SQLite allows (SQLITE_LIMIT_COLUMN, 2000 here) is read
 * whole: one more result column for the rowid would not fit, so its rows
 * are numbered. */
static void test_widest_table(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "wide.db", path, sizeof path);
    sqlite3 *db = db_create(path);
    int width = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
    size_t cap = (size_t)width * 8 + 64;
    char *sql = malloc(cap);
    assert_non_null(sql);
    size_t o = (size_t)snprintf(sql, cap, "CREATE TABLE cooperation(");
    for (int k = 0; k < width; k++)
        o += (size_t)snprintf(sql + o, cap - o, "%sc%d", k ? "," : "", k);
    snprintf(sql + o, cap - o, ")");
    exec_ok(db, sql);
    free(sql);
    exec_ok(db,
            "INSERT INTO cooperation(c0) VALUES('first');"
            "INSERT INTO cooperation(c1) VALUES('second');");
    db_close(db);

    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.rows[0].n, (size_t)width);
    char last[16];
    snprintf(last, sizeof last, "c%d", width - 1);
    assert_text(&g.rows[0].f[width - 1], last);
    assert_int_equal(g.rows[1].line, 1);
    assert_text(&g.rows[1].f[0], "first");
    assert_int_equal(g.rows[2].line, 2);
    assert_text(&g.rows[2].f[1], "second");
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* A UTF-16 database: text arrives converted to UTF-8. */
static void test_utf16_database(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "utf16.db", path, sizeof path);
    build_db(path,
             "PRAGMA encoding='UTF-16le';"
             "CREATE TABLE indicators(\"县\" TEXT, \"年份\" INTEGER);"
             "INSERT INTO indicators VALUES('砀山县', 2024);");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    static const char *const cols[] = {"县", "年份"};
    assert_header(&g, cols, COUNT(cols));
    assert_text(&g.rows[1].f[0], "砀山县");
    assert_int_equal(g.rows[1].f[1].i, 2024);
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Every storage type arrives as it is stored. */
static void test_storage_types(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "types.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE indicators(county, year, value, extra);"
             "INSERT INTO indicators VALUES(341321, 2024.0, -9223372036854775808, x'00ff10');"
             "INSERT INTO indicators VALUES('341321', '2024', 1.5, NULL);"
             "INSERT INTO indicators VALUES(NULL, 2024, 9223372036854775807, x'');");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 4);
    cell *r1 = g.rows[1].f, *r2 = g.rows[2].f, *r3 = g.rows[3].f;
    assert_int_equal(r1[0].type, FS_V_INT);
    assert_int_equal(r1[0].i, 341321);
    assert_int_equal(r1[1].type, FS_V_REAL);
    assert_true(r1[1].r == 2024.0);
    assert_int_equal(r1[2].type, FS_V_INT);
    assert_true(r1[2].i == INT64_MIN);
    assert_int_equal(r1[3].type, FS_V_BLOB);
    assert_int_equal(r1[3].len, 3);
    assert_memory_equal(r1[3].s, "\x00\xff\x10", 3);
    assert_text(&r2[0], "341321");
    assert_text(&r2[1], "2024");
    assert_int_equal(r2[3].type, FS_V_NULL);
    assert_int_equal(r3[0].type, FS_V_NULL);
    assert_true(r3[2].i == INT64_MAX);
    assert_int_equal(r3[3].type, FS_V_BLOB);
    assert_int_equal(r3[3].len, 0);
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* TEXT holding NUL bytes and invalid UTF-8 is passed on byte for byte;
 * judging it is the validator's job. */
static void test_text_bytes_pass_through(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "bytes.db", path, sizeof path);
    static const char nul[] = "ab\0cd";           /* 5 bytes */
    static const char bad[] = "\xff\xfe\xc0\x80"; /* invalid UTF-8, 4 bytes */
    sqlite3 *db = db_create(path);
    exec_ok(db, "CREATE TABLE incidents(case_id TEXT, note TEXT)");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO incidents VALUES(?, ?)", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, nul, 5, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, bad, 4, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    db_close(db);

    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.rows[1].f[0].type, FS_V_TEXT);
    assert_int_equal(g.rows[1].f[0].len, 5);
    assert_memory_equal(g.rows[1].f[0].s, nul, 5);
    assert_int_equal(g.rows[1].f[1].type, FS_V_TEXT);
    assert_int_equal(g.rows[1].f[1].len, 4);
    assert_memory_equal(g.rows[1].f[1].s, bad, 4);
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* WITHOUT ROWID is an ordinary table: rows numbered 1, 2, 3 in primary
 * key order, even when a covering index would give another order. */
static void test_without_rowid(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "norowid.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE disputes(dispute_id TEXT PRIMARY KEY, county TEXT, n INT)"
             "  WITHOUT ROWID;"
             "CREATE INDEX disputes_n ON disputes(n, county);"
             "INSERT INTO disputes VALUES('c', '341321', 1), ('a', '341322', 3),"
             "  ('b', '320321', 2);");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 1);
    assert_int_equal(fs_sqlite_sub_table_id(s, 0), FS_T_DISPUTES);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    static const char *const cols[] = {"dispute_id", "county", "n"};
    assert_header(&g, cols, COUNT(cols));
    assert_int_equal(g.n, 4);
    static const char *const ids[] = {"a", "b", "c"};
    for (size_t r = 1; r <= 3; r++) {
        assert_int_equal(g.rows[r].line, (long)r);
        assert_text(&g.rows[r].f[0], ids[r - 1]);
    }
    got_free(&g);
    assert_int_equal(d.errors + d.warnings, 0);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Unknown tables: one warning each (AUTOINCREMENT's sqlite_sequence and
 * indexes are not reported); the standard table is still read. */
static void test_unknown_tables_warned(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "unknown.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE incidents(case_id TEXT);"
             "CREATE TABLE my_notes(id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT);"
             "INSERT INTO my_notes(t) VALUES('x');"
             "CREATE TABLE \"序号表\"(n);"
             "CREATE INDEX my_notes_t ON my_notes(t);");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 1);
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 2);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.errors, 0);
    assert_true(message_has(&d, R_SQLITE_UNKNOWN_TABLE, "my_notes"));
    assert_true(message_has(&d, R_SQLITE_UNKNOWN_TABLE, "序号表"));
    assert_int_equal(d.items[0].severity, FS_SEV_WARNING);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Tables named as the template's sheets (刑事案件, 矛盾纠纷) are the
 * standard tables; a second table for the same one is ignored with a
 * warning naming both, the English name being the one read. */
static void test_chinese_table_names(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "zhnames.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE \"刑事案件\"(\"案件编号\" TEXT);"
             "INSERT INTO \"刑事案件\" VALUES('A1'), ('A2');"
             "CREATE TABLE \"矛盾纠纷\"(\"纠纷编号\" TEXT);");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 2);
    assert_int_equal(fs_sqlite_sub_table_id(s, 0), FS_T_INCIDENTS);
    assert_int_equal(fs_sqlite_sub_table_id(s, 1), FS_T_DISPUTES);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 3); /* the header and two rows */
    got_free(&g);
    assert_int_equal(d.errors + d.warnings, 0);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);

    build_db(path,
             "CREATE TABLE \"刑事案件\"(case_id TEXT);"
             "CREATE TABLE Incidents(case_id TEXT);");
    fs_diags_init(&d);
    s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 1);
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 1);
    assert_true(message_has(&d, R_SQLITE_UNKNOWN_TABLE, "刑事案件"));
    assert_true(message_has(&d, R_SQLITE_UNKNOWN_TABLE, "\"Incidents\", which is the one read"));
    assert_int_equal(d.errors, 0);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* None of the four tables: an error (the file holds nothing to read), and
 * an empty list to read. */
static void test_no_standard_tables(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "none.db", path, sizeof path);
    build_db(path, "CREATE TABLE incident(case_id TEXT);"); /* singular: not ours */
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 0);
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 1);
    assert_int_equal(count_rule(&d, R_SQLITE_NO_TABLES), 1);
    assert_int_equal(d.errors, 1);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);

    /* A database that holds nothing at all (every table dropped). */
    build_db(path, "CREATE TABLE t(a); DROP TABLE t;");
    fs_diags_init(&d);
    s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 0);
    assert_int_equal(count_rule(&d, R_SQLITE_NO_TABLES), 1);
    assert_int_equal(d.errors + d.warnings, 1);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* A standard name that is a view refuses the whole file, naming it. */
static void test_view_refused(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "view.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE raw(case_id TEXT, county TEXT);"
             "INSERT INTO raw VALUES('A', '341321');"
             "CREATE TABLE disputes(dispute_id TEXT);"
             "CREATE VIEW incidents AS SELECT case_id, county FROM raw;");
    snapshot snap = take_snapshot(path);
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_NOT_TABLE), 1);
    assert_true(message_has(&d, R_SQLITE_NOT_TABLE, "\"incidents\" is a view"));
    assert_true(d.errors >= 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);
}

/* The schema may lie about an object's type (writable_schema): what counts
 * is what SQLite parsed, so a view recorded as type 'table' is refused. */
static void test_schema_type_lie_refused(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "lie.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE raw(case_id TEXT);"
             "CREATE VIEW incidents AS SELECT case_id FROM raw;"
             "PRAGMA writable_schema=ON;"
             "UPDATE sqlite_schema SET type='table' WHERE name='incidents';"
             "PRAGMA writable_schema=OFF;");
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_true(count_rule(&d, R_SQLITE_NOT_TABLE) + count_rule(&d, R_SQLITE_DAMAGED) >= 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* An index or a trigger carrying a standard name, with no such table. */
static void test_index_named_like_table_refused(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "index.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE coop_raw(activity_id TEXT);"
             "CREATE INDEX cooperation ON coop_raw(activity_id);");
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_true(message_has(&d, R_SQLITE_NOT_TABLE, "\"cooperation\" is an index"));
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

static bool have_module(const char *create_sql)
{
    sqlite3 *db = NULL;
    sqlite3_open(":memory:", &db);
    bool ok = sqlite3_exec(db, create_sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

/* A virtual table under a standard name is refused; elsewhere it is an
 * unknown table (its shadow tables are not reported one by one).  Its
 * module never runs: we drop every module on our connection. */
static void test_virtual_table_refused(void **state)
{
    ctx *c = *state;
    const char *module = NULL;
    if (have_module("CREATE VIRTUAL TABLE t USING fts5(x)"))
        module = "fts5(case_id, note)";
    else if (have_module("CREATE VIRTUAL TABLE t USING fts4(x)"))
        module = "fts4(case_id, note)";
    else if (have_module("CREATE VIRTUAL TABLE t USING rtree(id, a, b)"))
        module = "rtree(id, a, b)";
    if (!module) {
        print_message("note: no fts5/fts4/rtree in this SQLite; virtual table test skipped\n");
        skip();
    }
    char path[PATH_MAX], sql[512];
    fixture_path(c, "vtab.db", path, sizeof path);
    snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE incidents USING %s;", module);
    build_db(path, sql);
    snapshot snap = take_snapshot(path);
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_true(message_has(&d, R_SQLITE_NOT_TABLE, "virtual table"));
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 0); /* shadows not listed */
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);

    /* Under another name: a warning, and the standard table is read. */
    snprintf(sql, sizeof sql,
             "CREATE VIRTUAL TABLE search USING %s;"
             "CREATE TABLE incidents(case_id TEXT); INSERT INTO incidents VALUES('A');",
             module);
    build_db(path, sql);
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 1);
    assert_true(message_has(&d, R_SQLITE_UNKNOWN_TABLE, "virtual table \"search\""));
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 2);
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Triggers that would write, views and triggers calling functions: none of
 * it runs, the file does not change, the tables read normally. */
static void test_triggers_and_views_inert(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "trigger.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE incidents(case_id TEXT, county TEXT);"
             "CREATE TABLE log(what TEXT);"
             "INSERT INTO incidents VALUES('A-1', '341321'), ('A-2', '341322');"
             "CREATE TRIGGER incidents AFTER INSERT ON incidents BEGIN"
             "  INSERT INTO log VALUES('insert'); END;"
             "CREATE TRIGGER wipe AFTER UPDATE ON incidents BEGIN"
             "  DELETE FROM incidents; INSERT INTO log VALUES(load_extension('/nonexistent/x'));"
             "  END;"
             "CREATE TRIGGER big BEFORE DELETE ON incidents BEGIN"
             "  INSERT INTO log VALUES(zeroblob(1000000000)); END;"
             "CREATE VIEW evil AS SELECT load_extension('/nonexistent/x'), randomblob(2000000000),"
             "  (SELECT count(*) FROM incidents, incidents, incidents) AS slow;"
             "CREATE VIEW disputes_v AS SELECT * FROM evil;");
    snapshot snap = take_snapshot(path);
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(fs_sqlite_sub_ntables(s), 1);
    assert_int_equal(d.errors, 0);
    /* log, evil, disputes_v: ignored with a warning each. */
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 3);
    got g = read_table(s, 0, &d);
    assert_int_equal(g.st, FS_OK);
    assert_int_equal(g.n, 3);
    assert_text(&g.rows[2].f[0], "A-2");
    got_free(&g);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);

    /* The log is still empty when read back independently. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM log", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* WAL mode: refused with the remedy, and the sender's -wal (still holding
 * the data, its writer still open) is neither read nor touched. */
static void test_wal_refused(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX], wal[PATH_MAX + 8];
    fixture_path(c, "wal.db", path, sizeof path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    sqlite3 *db = db_create(path);
    exec_ok(db,
            "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
            "CREATE TABLE incidents(case_id TEXT);"
            "INSERT INTO incidents VALUES('A-1');");
    snapshot snap = take_snapshot(path), wsnap = take_snapshot(wal);
    size_t files_before = dir_entries(c->in);

    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_WAL), 1);
    assert_int_equal(d.errors, 1);
    assert_true(message_has(&d, R_SQLITE_WAL, "PRAGMA journal_mode=DELETE;"));
    assert_true(message_has(&d, R_SQLITE_WAL, "single file"));
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);
    assert_unchanged(wal, &wsnap);
    assert_int_equal(dir_entries(c->in), files_before);
    db_close(db); /* checkpoints; the header still says WAL */

    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_WAL), 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* A database cut in half (an interrupted copy). */
static void test_truncated(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "cut.db", path, sizeof path);
    sqlite3 *db = db_create(path);
    exec_ok(db,
            "PRAGMA page_size=1024; CREATE TABLE incidents(case_id TEXT, note TEXT);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<400)"
            "  INSERT INTO incidents SELECT 'A-' || i, printf('%.40c', 'x') FROM n;");
    db_close(db);
    size_t n;
    unsigned char *bytes = read_file(path, &n);
    assert_true(n >= 8 * 1024);
    size_t cuts[] = {n / 2, n / 2 + 17, 1024, 600, 99, 16, 0};
    for (size_t k = 0; k < COUNT(cuts); k++) {
        write_file(path, bytes, cuts[k]);
        fs_diags d;
        fs_diags_init(&d);
        open_expect(path, FS_ERR_DATA, &d);
        assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
        if (cuts[k] >= 1024)
            assert_true(message_has(&d, R_SQLITE_DAMAGED, "cut off"));
        fs_diags_free(&d);
        assert_tmp_empty(c);
    }
    free(bytes);
}

static uint64_t next_random(uint64_t *x)
{
    /* xorshift64*: deterministic, good enough to scribble bytes. */
    *x ^= *x >> 12;
    *x ^= *x << 25;
    *x ^= *x >> 27;
    return *x * UINT64_C(2685821657736338717);
}

/* A valid 100-byte header followed by garbage; the magic string followed
 * by garbage; a text file; an empty file. */
static void test_garbage_and_not_a_database(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "garbage.db", path, sizeof path);
    build_db(path, FOUR_TABLES_SQL);
    size_t n;
    unsigned char *bytes = read_file(path, &n);
    uint64_t seed = 12345;
    for (size_t i = 100; i < n; i++)
        bytes[i] = (unsigned char)next_random(&seed);
    write_file(path, bytes, n);
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
    assert_true(message_has(&d, R_SQLITE_DAMAGED, "damaged or is not an SQLite database"));
    assert_true(message_has(&d, R_SQLITE_DAMAGED, "export"));
    fs_diags_free(&d);
    assert_tmp_empty(c);

    for (size_t i = 16; i < n; i++)
        bytes[i] = (unsigned char)next_random(&seed);
    write_file(path, bytes, n);
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED) + count_rule(&d, R_SQLITE_WAL), 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
    free(bytes);

    static const char text[] = "county,year,indicator,value\r\n341321,2024,population,1\r\n";
    write_file(path, text, sizeof text - 1);
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
    assert_true(message_has(&d, R_SQLITE_DAMAGED, "not an SQLite database"));
    fs_diags_free(&d);

    write_file(path, "", 0);
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Damage to a page that quick_check finds: the b-tree of a table. */
static void test_corrupt_page_refused(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "corrupt.db", path, sizeof path);
    sqlite3 *db = db_create(path);
    exec_ok(db,
            "PRAGMA page_size=512; CREATE TABLE incidents(case_id TEXT, note TEXT);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<300)"
            "  INSERT INTO incidents SELECT 'A-' || i, printf('%.30c', 'y') FROM n;");
    db_close(db);
    size_t n;
    unsigned char *bytes = read_file(path, &n);
    /* Page 2 is the root of incidents (an interior page with 300 rows):
     * scribble over its header and cell pointers. */
    memset(bytes + 512, 0xA5, 64);
    write_file(path, bytes, n);
    free(bytes);
    snapshot snap = take_snapshot(path);
    fs_diags d;
    fs_diags_init(&d);
    open_expect(path, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
    assert_unchanged(path, &snap);
}

/* Random damage anywhere, many times: every outcome is a clean OK or a
 * clean refusal (with a reason), nothing crashes or leaks, and the
 * temporary folder is always emptied.  Run under ASan/valgrind too. */
static void test_random_damage(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "fuzz.db", path, sizeof path);
    sqlite3 *db = db_create(path);
    exec_ok(db, "PRAGMA page_size=512;");
    exec_ok(db, FOUR_TABLES_SQL);
    exec_ok(db,
            "CREATE INDEX inc_county ON incidents(county, case_id);"
            "CREATE TABLE disputes2(a, b) ;"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<120)"
            "  INSERT INTO incidents SELECT 'B-' || i, 341321 + i % 3, '2024-01-02', '05',"
            "  'open', i * 1.5, printf('%.*c', i % 50, 'z') FROM n;"
            "CREATE TABLE x(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
            "INSERT INTO x SELECT case_id, note FROM incidents;");
    db_close(db);
    size_t n;
    unsigned char *base = read_file(path, &n);
    unsigned char *buf = malloc(n);
    assert_non_null(buf);
    uint64_t seed = 0x5EED;
    size_t ok = 0, refused = 0, read_errors = 0;
    const int iterations = 150;
    for (int it = 0; it < iterations; it++) {
        memcpy(buf, base, n);
        int hits = 1 + (int)(next_random(&seed) % 8);
        for (int h = 0; h < hits; h++) {
            /* mostly past the header, sometimes in it */
            size_t at = (next_random(&seed) % 8 == 0) ? next_random(&seed) % 100
                                                      : 100 + next_random(&seed) % (n - 100);
            buf[at] = (unsigned char)next_random(&seed);
        }
        write_file(path, buf, n);
        fs_diags d;
        fs_diags_init(&d);
        fs_sqlite_sub *s = NULL;
        fs_status st = fs_sqlite_sub_open(path, "county.db", &s, &d);
        assert_true(st == FS_OK || st == FS_ERR_DATA);
        if (st == FS_OK) {
            ok++;
            for (size_t i = 0; i < fs_sqlite_sub_ntables(s); i++) {
                size_t errors = d.errors;
                got g = read_table(s, i, &d);
                assert_true(g.st == FS_OK || g.st == FS_ERR_DATA);
                if (g.st == FS_ERR_DATA) {
                    read_errors++;
                    assert_true(d.errors > errors);
                }
                got_free(&g);
            }
            fs_sqlite_sub_free(s);
        } else {
            refused++;
            assert_null(s);
            assert_true(d.errors >= 1);
        }
        fs_diags_free(&d);
        assert_tmp_empty(c);
    }
    print_message("random damage: %zu opened (%zu read errors), %zu refused\n", ok, read_errors,
                  refused);
    assert_true(refused > 0);
    free(buf);
    free(base);
}

/* A value above the length limit is met only while reading: the source
 * reports it once (sqlite.damaged, table location) and then keeps
 * answering FS_ERR_DATA. */
static void test_late_error_while_reading(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "toobig.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE incidents(case_id TEXT, note BLOB);"
             "INSERT INTO incidents VALUES('A-1', 'ok');"
             "INSERT INTO incidents VALUES('A-2', zeroblob(17 * 1024 * 1024));"
             "INSERT INTO incidents VALUES('A-3', 'never reached');");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    fs_source *src = NULL;
    assert_int_equal(fs_sqlite_sub_table(s, 0, &src, &d), FS_OK);
    fs_row row;
    bool eof = true;
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK); /* header */
    assert_false(eof);
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK); /* */
    assert_false(eof);
    assert_int_equal(row.line, 1);
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_ERR_DATA);
    assert_int_equal(count_rule(&d, R_SQLITE_DAMAGED), 1);
    assert_true(message_has(&d, R_SQLITE_DAMAGED, "after rowid 1"));
    assert_string_equal(d.items[0].where, "county.db:incidents");
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_ERR_DATA);
    assert_int_equal(d.errors, 1); /* reported once */
    fs_source_free(src);
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Names from the file are shown without control characters or bidi
 * overrides (they end up on a terminal and in the county's CSV). */
static void test_hostile_names_are_shown_safely(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "names.db", path, sizeof path);
    build_db(path,
             "CREATE TABLE \"evil\x1b]0;pwned\x07\r\nline\xe2\x80\xae"
             "fdp.exe\"(a);"
             "CREATE TABLE incidents(a);");
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = open_expect(path, FS_OK, &d);
    assert_int_equal(count_rule(&d, R_SQLITE_UNKNOWN_TABLE), 1);
    const char *m = d.items[0].message;
    for (const unsigned char *p = (const unsigned char *)m; *p; p++)
        assert_true(*p >= 0x20 && *p != 0x7f);
    assert_null(strstr(m, "\xe2\x80\xae"));
    assert_non_null(strstr(m, "evil?]0;pwned???line?fdp.exe"));
    fs_sqlite_sub_free(s);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* Killed while reading (SIGKILL: no cleanup code runs): TMPDIR is still
 * empty, because the copy's name is removed as soon as SQLite holds it.
 * (Under valgrind the killed child reports the memory it never freed; run
 * with --child-silent-after-fork=yes.) */
static void test_killed_while_reading_leaves_nothing(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "killed.db", path, sizeof path);
    build_db(path, FOUR_TABLES_SQL);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fs_diags d;
        fs_diags_init(&d);
        fs_sqlite_sub *s = NULL;
        if (fs_sqlite_sub_open(path, "county.db", &s, &d) != FS_OK)
            _exit(3);
        fs_source *src = NULL;
        fs_row row;
        bool eof;
        if (fs_sqlite_sub_table(s, 1, &src, &d) != FS_OK ||
            fs_source_next(src, &row, &eof, &d) != FS_OK ||
            fs_source_next(src, &row, &eof, &d) != FS_OK || eof)
            _exit(4);
        raise(SIGKILL);
        _exit(5);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
    assert_tmp_empty(c);
}

/* Environment failures of the sender's side: a missing file, a folder. */
static void test_unreadable_inputs(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX];
    fixture_path(c, "does-not-exist.db", path, sizeof path);
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = (fs_sqlite_sub *)(uintptr_t)1;
    assert_int_equal(fs_sqlite_sub_open(path, "county.db", &s, &d), FS_ERR_IO);
    assert_null(s);
    assert_int_equal(count_rule(&d, R_FILE_UNREADABLE), 1);
    fs_diags_free(&d);

    fs_diags_init(&d);
    open_expect(c->in, FS_ERR_DATA, &d);
    assert_int_equal(count_rule(&d, R_FILE_UNREADABLE), 1);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

/* No room for the private copy: an environment failure, nothing left. */
static void test_tmpdir_unusable(void **state)
{
    ctx *c = *state;
    char path[PATH_MAX], bad[PATH_MAX + 16];
    fixture_path(c, "fine.db", path, sizeof path);
    build_db(path, FOUR_TABLES_SQL);
    snprintf(bad, sizeof bad, "%s/missing", c->tmp);
    assert_int_equal(setenv("TMPDIR", bad, 1), 0);
    fs_diags d;
    fs_diags_init(&d);
    fs_sqlite_sub *s = (fs_sqlite_sub *)(uintptr_t)1;
    fs_status st = fs_sqlite_sub_open(path, "county.db", &s, &d);
    assert_int_equal(setenv("TMPDIR", c->tmp, 1), 0);
    assert_int_equal(st, FS_ERR_IO);
    assert_null(s);
    assert_int_equal(d.errors, 0); /* not the county's fault */
    fs_diags_free(&d);
    assert_tmp_empty(c);

    /* A full disk, simulated with a file size limit: the copy fails with
     * EFBIG (SIGXFSZ ignored), which is a disk-full status. */
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {.rlim_cur = 4096, .rlim_max = old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    fs_diags_init(&d);
    s = (fs_sqlite_sub *)(uintptr_t)1;
    st = fs_sqlite_sub_open(path, "county.db", &s, &d);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(st, FS_ERR_DISK_FULL);
    assert_null(s);
    assert_int_equal(d.errors, 0);
    fs_diags_free(&d);
    assert_tmp_empty(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_header_detection, clear_tmp),
        cmocka_unit_test_teardown(test_four_tables, clear_tmp),
        cmocka_unit_test_teardown(test_chinese_columns_any_order, clear_tmp),
        cmocka_unit_test_teardown(test_all_rowid_names_taken, clear_tmp),
        cmocka_unit_test_teardown(test_widest_table, clear_tmp),
        cmocka_unit_test_teardown(test_utf16_database, clear_tmp),
        cmocka_unit_test_teardown(test_storage_types, clear_tmp),
        cmocka_unit_test_teardown(test_text_bytes_pass_through, clear_tmp),
        cmocka_unit_test_teardown(test_without_rowid, clear_tmp),
        cmocka_unit_test_teardown(test_unknown_tables_warned, clear_tmp),
        cmocka_unit_test_teardown(test_chinese_table_names, clear_tmp),
        cmocka_unit_test_teardown(test_no_standard_tables, clear_tmp),
        cmocka_unit_test_teardown(test_view_refused, clear_tmp),
        cmocka_unit_test_teardown(test_schema_type_lie_refused, clear_tmp),
        cmocka_unit_test_teardown(test_index_named_like_table_refused, clear_tmp),
        cmocka_unit_test_teardown(test_virtual_table_refused, clear_tmp),
        cmocka_unit_test_teardown(test_triggers_and_views_inert, clear_tmp),
        cmocka_unit_test_teardown(test_wal_refused, clear_tmp),
        cmocka_unit_test_teardown(test_truncated, clear_tmp),
        cmocka_unit_test_teardown(test_garbage_and_not_a_database, clear_tmp),
        cmocka_unit_test_teardown(test_corrupt_page_refused, clear_tmp),
        cmocka_unit_test_teardown(test_random_damage, clear_tmp),
        cmocka_unit_test_teardown(test_late_error_while_reading, clear_tmp),
        cmocka_unit_test_teardown(test_hostile_names_are_shown_safely, clear_tmp),
        cmocka_unit_test_teardown(test_killed_while_reading_leaves_nothing, clear_tmp),
        cmocka_unit_test_teardown(test_unreadable_inputs, clear_tmp),
        cmocka_unit_test_teardown(test_tmpdir_unusable, clear_tmp),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
