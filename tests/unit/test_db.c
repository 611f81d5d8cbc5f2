/*
 * test_db.c — unit tests for the driver choice and the helpers of
 * report/db.c and report/db_pg.c (issue 17): which --db values select
 * PostgreSQL, that a password never survives fs_db_redact, and how `?`
 * placeholders become PostgreSQL's `$n`; on a real SQLite file, the
 * table-valued function fs_rows (many rows per INSERT step), the
 * writeback thread and the statements kept for reuse (issue 16).  The drivers themselves are tested
 * end to end (tests/e2e/t90-postgresql.sh, every SQLite suite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "db_int.h"

static void test_is_pg(void **state)
{
    (void)state;
    assert_true(fs_db_is_pg("postgresql://u@db.example/forum"));
    assert_true(fs_db_is_pg("postgres:///forum?host=/run/postgresql"));
    assert_true(fs_db_is_pg("host=/tmp dbname=forum"));
    assert_true(fs_db_is_pg("dbname=forum"));
    assert_true(fs_db_is_pg("  user=x host=db1"));
    assert_false(fs_db_is_pg("forumstat.db"));
    assert_false(fs_db_is_pg("/srv/postgresql://x.db"));
    assert_false(fs_db_is_pg("out/host=1.db"));
    assert_false(fs_db_is_pg("my dbname=x.db"));
    assert_false(fs_db_is_pg(""));
    /* libpq's spacing: spaces around '=', a quoted value with spaces */
    assert_true(fs_db_is_pg("host = db  dbname =forum password= 'a b'"));
    assert_false(fs_db_is_pg("host=db and more"));
    /* a mistyped scheme is no file name either */
    assert_true(fs_db_is_unknown_uri("postgressql:///forum?host=/tmp"));
    assert_true(fs_db_is_unknown_uri("mysql://db/forum"));
    assert_false(fs_db_is_unknown_uri("postgresql:///forum"));
    assert_false(fs_db_is_unknown_uri("out/a://b.db")); /* a folder named "a:" */
    assert_false(fs_db_is_unknown_uri("forum.db"));
    assert_false(fs_db_is_unknown_uri("://x"));
}

/* t redacted, alone in b */
static const char *redact(fs_sbuf *b, const char *t)
{
    fs_sbuf_clear(b);
    return fs_db_redact(t, b);
}

static void test_redact(void **state)
{
    (void)state;
    fs_sbuf b = {0};
    assert_string_equal(redact(&b, "postgresql://clerk:s3cr%40t@db:5432/forum?sslmode=require"),
                        "postgresql://clerk:***@db:5432/forum?sslmode=require");
    assert_string_equal(redact(&b, "postgres://clerk@db/forum"), "postgres://clerk@db/forum");
    assert_string_equal(redact(&b, "postgresql:///forum?host=/tmp&password=pw&user=u"),
                        "postgresql:///forum?host=/tmp&password=***&user=u");
    assert_string_equal(redact(&b, "postgresql://a:b@h/d?password=c"),
                        "postgresql://a:***@h/d?password=***");
    assert_string_equal(redact(&b, "host=db dbname=forum password=pw user=u"),
                        "host=db dbname=forum password=*** user=u");
    assert_string_equal(redact(&b, "host=db password='p w\\' x' dbname=f"),
                        "host=db password=*** dbname=f");
    assert_string_equal(redact(&b, "host=db oldpassword=x"), "host=db oldpassword=x");
    assert_string_equal(redact(&b, "forum:pw@x.db"), "forum:pw@x.db");
    /* as libpq reads them (a reviewer's trial): spaces around '=', a
     * percent-encoded key, a value with an escaped quote */
    assert_string_equal(redact(&b, "host=127.0.0.1 dbname=forum user=postgres password = S3cretPW"),
                        "host=127.0.0.1 dbname=forum user=postgres password = ***");
    assert_string_equal(redact(&b, "password ='x y' host=h"), "password =*** host=h");
    assert_string_equal(redact(&b, "host=h password=a\\ b"), "host=h password=***"); /* "a b" */
    assert_string_equal(
        redact(&b, "postgresql://127.0.0.1:55433/forum?user=postgres&pass%77ord=S3cretPW"),
        "postgresql://127.0.0.1:55433/forum?user=postgres&pass%77ord=***");
    assert_string_equal(redact(&b, "postgresql://h/d?%70assword=W&sslmode=require#x"),
                        "postgresql://h/d?%70assword=***&sslmode=require#x");
    assert_string_equal(redact(&b, "postgresql://h/d?passwords=x"), "postgresql://h/d?passwords=x");
    /* appended whole, after what b held */
    fs_sbuf_clear(&b);
    fs_sbuf_add(&b, "db ");
    assert_string_equal(fs_db_redact("postgresql://u:secretsecret@h/d", &b),
                        "db postgresql://u:***@h/d");
    fs_sbuf_free(&b);
}

static void test_placeholders(void **state)
{
    (void)state;
    int n = -1;
    char *s = fs_pg_placeholders("SELECT ? , ?, '?' FROM t WHERE \"a?\" = ?", &n);
    assert_string_equal(s, "SELECT $1 , $2, '?' FROM t WHERE \"a?\" = $3");
    assert_int_equal(n, 3);
    free(s);
    s = fs_pg_placeholders("SELECT ?1, ?2 WHERE x = ?2 AND y > ?12", &n);
    assert_string_equal(s, "SELECT $1, $2 WHERE x = $2 AND y > $12");
    assert_int_equal(n, 12);
    free(s);
    s = fs_pg_placeholders("SELECT 1", &n);
    assert_string_equal(s, "SELECT 1");
    assert_int_equal(n, 0);
    free(s);
}

/* A new SQLite database in a fresh temporary folder; *dir receives the
 * folder (the caller removes it with drop_db). */
static fs_db *new_db(char dir[64])
{
    snprintf(dir, 64, "%s", "/tmp/fs-test-db.XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", dir);
    fs_db *db = NULL;
    fs_sbuf err = {0};
    assert_int_equal(fs_db_open(path, FS_DB_CREATE, &db, &err), FS_OK);
    fs_sbuf_free(&err);
    return db;
}

static void drop_db(fs_db *db, const char *dir)
{
    fs_db_close(db);
    char path[128];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(path, sizeof path, "%s/t.db%s", dir, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

typedef struct row3 {
    int64_t n;
    const char *s; /* NULL: SQL NULL */
} row3;

static void fill3(const void *arg, size_t row, fs_db_val v[FS_DB_ROWS_COLUMNS])
{
    const row3 *r = (const row3 *)arg + row;
    v[0] = (fs_db_val){FS_DBV_INT, r->n, NULL, 0};
    v[1] = r->s ? (fs_db_val){FS_DBV_TEXT, 0, r->s, strlen(r->s)}
                : (fs_db_val){FS_DBV_NULL, 0, NULL, 0};
    /* a text given by length: only its first 2 bytes */
    v[2] = (fs_db_val){FS_DBV_TEXT, 0, "abcdef", 2};
}

static void test_rows_insert(void **state)
{
    (void)state;
    char dir[64];
    fs_db *db = new_db(dir);
    assert_int_equal(fs_db_exec(db, "CREATE TABLE t(n INTEGER, s TEXT, c TEXT)"), FS_OK);
    fs_stmt *st;
    assert_int_equal(
        fs_db_prepare(db, "INSERT INTO t(n, s, c) SELECT c1, c2, c3 FROM fs_rows(?)", &st), FS_OK);
    const row3 rows[] = {{7, "seven"}, {-1, NULL}, {INT64_MAX, "中文"}};
    fs_db_rows r = {3, rows, fill3};
    bool row;
    for (int pass = 0; pass < 2; pass++) { /* the statement runs again after a reset */
        fs_stmt_bind_rows(st, 1, &r);
        assert_int_equal(fs_stmt_step(st, &row), FS_OK);
        assert_false(row);
        fs_stmt_reset(st);
    }
    fs_db_rows none = {0, rows, fill3};
    fs_stmt_bind_rows(st, 1, &none);
    assert_int_equal(fs_stmt_step(st, &row), FS_OK);
    fs_stmt_free(st);
    int64_t n = 0;
    assert_int_equal(fs_db_query_int(db, "SELECT count(*) FROM t", false, 0, &n), FS_OK);
    assert_int_equal(n, 6);
    assert_int_equal(
        fs_db_prepare(db, "SELECT n, s, c, typeof(n), typeof(s) FROM t ORDER BY rowid", &st),
        FS_OK);
    for (int k = 0; k < 6; k++) {
        assert_int_equal(fs_stmt_step(st, &row), FS_OK);
        assert_true(row);
        const row3 *want = &rows[k % 3];
        assert_true(fs_stmt_int(st, 0) == want->n);
        assert_string_equal(fs_stmt_text(st, 3), "integer");
        if (want->s) {
            assert_string_equal(fs_stmt_text(st, 1), want->s);
            assert_string_equal(fs_stmt_text(st, 4), "text");
        } else {
            assert_true(fs_stmt_is_null(st, 1));
        }
        assert_string_equal(fs_stmt_text(st, 2), "ab");
    }
    assert_int_equal(fs_stmt_step(st, &row), FS_OK);
    assert_false(row);
    fs_stmt_free(st);
    drop_db(db, dir);
}

/* Without a bound fs_db_rows it yields nothing: SQL text cannot forge
 * one; a view of the database cannot name it. */
static void test_rows_guarded(void **state)
{
    (void)state;
    char dir[64];
    fs_db *db = new_db(dir);
    int64_t n = -1;
    assert_int_equal(fs_db_query_int(db, "SELECT count(*) FROM fs_rows(1234)", false, 0, &n),
                     FS_OK);
    assert_int_equal(n, 0);
    n = -1;
    assert_int_equal(fs_db_query_int(db, "SELECT count(*) FROM fs_rows", false, 0, &n), FS_OK);
    assert_int_equal(n, 0);
    assert_int_equal(fs_db_exec(db, "CREATE VIEW v AS SELECT c1 FROM fs_rows(1)"), FS_OK);
    assert_int_not_equal(fs_db_query_int(db, "SELECT count(*) FROM v", false, 0, &n), FS_OK);
    drop_db(db, dir);
}

/* Whether this process holds a lock on SQLite's SHARED byte range of
 * db's file, as another process sees it (F_GETLK from a child: a process
 * does not see its own locks). */
static bool shared_lock_held(fs_db *db)
{
    const char *path = sqlite3_db_filename(db->h, "main");
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        int fd = open(path, O_RDWR);
        struct flock l = {.l_type = F_WRLCK,
                          .l_whence = SEEK_SET,
                          .l_start = 0x40000000 + 2,
                          .l_len = 510}; /* SHARED_FIRST */
        _exit(fd >= 0 && fcntl(fd, F_GETLK, &l) == 0 && l.l_type != F_UNLCK ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The writeback thread: started twice is one thread, stopped twice is
 * fine, a write transaction with it commits, close stops it. */
static void test_writeback(void **state)
{
    (void)state;
    char dir[64];
    fs_db *db = new_db(dir);
    assert_int_equal(fs_db_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t(x)"), FS_OK);
    fs_db_writeback_start(db);
    fs_db_writeback_start(db);
    assert_int_equal(fs_db_begin(db), FS_OK);
    assert_int_equal(fs_db_exec(db,
                                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
                                " WHERE i < 20000) INSERT INTO t SELECT randomblob(100) FROM c"),
                     FS_OK);
    usleep(60 * 1000); /* the thread runs at least once */
    assert_int_equal(fs_db_commit(db), FS_OK);
    fs_db_writeback_stop(db);
    fs_db_writeback_stop(db);
    int64_t n = 0;
    assert_int_equal(fs_db_query_int(db, "SELECT count(*) FROM t", false, 0, &n), FS_OK);
    assert_int_equal(n, 20000);
    /* The thread opened the database file itself: stopping it must not
     * have closed that descriptor, which would have dropped SQLite's
     * SHARED lock (a WAL connection holds it while open). */
    assert_true(shared_lock_held(db));
    fs_db_writeback_start(db); /* left running: close stops it */
    drop_db(db, dir);
}

/* Statements kept for the next prepare of the same SQL (db_int.h,
 * FS_DB_KEPT): the same one comes back once freed, with its parameters
 * cleared and its results fresh; while lent, the same SQL gets another;
 * past the slots statements are still made, and fs_db_close finalizes
 * what it kept (leak checkers: make SAN=1 check). */
static void test_kept_statements(void **state)
{
    (void)state;
    char dir[64];
    fs_db *db = new_db(dir);
    assert_int_equal(fs_db_exec(db, "CREATE TABLE t(n INTEGER)"), FS_OK);
    const char *ins = "INSERT INTO t(n) VALUES (?)", *sum = "SELECT count(*), sum(n) FROM t";
    fs_stmt *a, *b;
    bool row;
    assert_int_equal(fs_db_prepare(db, ins, &a), FS_OK);
    assert_non_null(a->kept);
    fs_stmt_bind_int(a, 1, 5);
    assert_int_equal(fs_stmt_step(a, &row), FS_OK);
    fs_stmt_free(a);
    assert_int_equal(fs_db_prepare(db, ins, &b), FS_OK);
    assert_ptr_equal(a, b);                         /* kept */
    assert_int_equal(fs_stmt_step(b, &row), FS_OK); /* no bind: NULL, not 5 again */
    fs_stmt_free(b);
    assert_int_equal(fs_db_prepare(db, sum, &a), FS_OK);
    assert_int_equal(fs_stmt_step(a, &row), FS_OK);
    assert_true(row);
    assert_int_equal(fs_stmt_int(a, 0), 2);
    assert_int_equal(fs_stmt_int(a, 1), 5);
    /* lent: the same SQL gets another statement, both usable */
    assert_int_equal(fs_db_prepare(db, sum, &b), FS_OK);
    assert_ptr_not_equal(a, b);
    assert_int_equal(fs_stmt_step(b, &row), FS_OK);
    assert_int_equal(fs_stmt_int(b, 0), 2);
    fs_stmt_free(b);
    fs_stmt_free(a);
    /* fresh results after a change, from the kept statement */
    assert_int_equal(fs_db_exec(db, "INSERT INTO t(n) VALUES (10)"), FS_OK);
    assert_int_equal(fs_db_prepare(db, sum, &a), FS_OK);
    assert_int_equal(fs_stmt_step(a, &row), FS_OK);
    assert_int_equal(fs_stmt_int(a, 0), 3);
    assert_int_equal(fs_stmt_int(a, 1), 15);
    fs_stmt_free(a);
    /* more SQL than slots: every statement still made and right */
    for (int i = 0; i < 2 * FS_DB_KEPT; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT %d + count(*) FROM t", i);
        assert_int_equal(fs_db_prepare(db, sql, &a), FS_OK);
        assert_int_equal(fs_stmt_step(a, &row), FS_OK);
        assert_int_equal(fs_stmt_int(a, 0), i + 3);
        fs_stmt_free(a);
    }
    assert_int_equal(db->nkept, FS_DB_KEPT);
    /* one left lent at the close: finalized with the others */
    assert_int_equal(fs_db_prepare(db, sum, &a), FS_OK);
    drop_db(db, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_pg),           cmocka_unit_test(test_redact),
        cmocka_unit_test(test_placeholders),    cmocka_unit_test(test_rows_insert),
        cmocka_unit_test(test_rows_guarded),    cmocka_unit_test(test_writeback),
        cmocka_unit_test(test_kept_statements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
