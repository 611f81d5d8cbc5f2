/*
 * test_db.c — unit tests for the driver choice and the helpers of
 * report/db.c and report/db_pg.c (issue 17): which --db values select
 * PostgreSQL, that a password never survives fs_db_redact, and how `?`
 * placeholders become PostgreSQL's `$n`.  The drivers themselves are
 * tested end to end (tests/e2e/t90-postgresql.sh, every SQLite suite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_pg),
        cmocka_unit_test(test_redact),
        cmocka_unit_test(test_placeholders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
