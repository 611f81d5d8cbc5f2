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

static void test_redact(void **state)
{
    (void)state;
    char b[256];
    assert_string_equal(fs_db_redact("postgresql://clerk:s3cr%40t@db:5432/forum?sslmode=require", b, sizeof b),
                        "postgresql://clerk:***@db:5432/forum?sslmode=require");
    assert_string_equal(fs_db_redact("postgres://clerk@db/forum", b, sizeof b), "postgres://clerk@db/forum");
    assert_string_equal(fs_db_redact("postgresql:///forum?host=/tmp&password=pw&user=u", b, sizeof b),
                        "postgresql:///forum?host=/tmp&password=***&user=u");
    assert_string_equal(fs_db_redact("postgresql://a:b@h/d?password=c", b, sizeof b),
                        "postgresql://a:***@h/d?password=***");
    assert_string_equal(fs_db_redact("host=db dbname=forum password=pw user=u", b, sizeof b),
                        "host=db dbname=forum password=*** user=u");
    assert_string_equal(fs_db_redact("host=db password='p w\\' x' dbname=f", b, sizeof b),
                        "host=db password=*** dbname=f");
    assert_string_equal(fs_db_redact("host=db oldpassword=x", b, sizeof b), "host=db oldpassword=x");
    assert_string_equal(fs_db_redact("forum:pw@x.db", b, sizeof b), "forum:pw@x.db");
    /* a short buffer truncates, and still hides the password */
    char s[20];
    fs_db_redact("postgresql://u:secretsecret@h/d", s, sizeof s);
    assert_null(strstr(s, "secret"));
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
