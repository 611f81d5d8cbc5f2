/*
 * test_shquote.c — unit tests for report/common/shquote.c: plain words stay as
 * they are, anything else is single-quoted, and every quoted word reads
 * back unchanged through a real /bin/sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "shquote.h"

static void test_plain(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(fs_shquote("forum.db", buf, sizeof buf), "forum.db");
    assert_string_equal(fs_shquote("/srv/data/2025-forum_v2.db", buf, sizeof buf),
                        "/srv/data/2025-forum_v2.db");
    assert_string_equal(fs_shquote("砀山县.db", buf, sizeof buf), "砀山县.db");
}

static void test_quoted(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(fs_shquote("my forum.db", buf, sizeof buf), "'my forum.db'");
    assert_string_equal(fs_shquote("", buf, sizeof buf), "''");
    assert_string_equal(fs_shquote("it's", buf, sizeof buf), "'it'\\''s'");
    assert_string_equal(fs_shquote("$HOME", buf, sizeof buf), "'$HOME'");
}

static void test_short_buffer(void **state)
{
    (void)state;
    char buf[8];
    const char *q = fs_shquote("a b c d e f g h", buf, sizeof buf);
    assert_true(strlen(q) < sizeof buf);
    assert_int_equal(q[0], '\'');
    assert_int_equal(q[strlen(q) - 1], '\'');
}

/* The shell gives back exactly the word quoted. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const words[] = {"a b", "it's", "x'y'z", "$(rm -rf /)", "`id`", "a\\b",
                                        "tab\there", "semi;colon", "star*", "--db", "萧县 文件"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char q[256], cmd[400], out[256] = "";
        fs_shquote(words[i], q, sizeof q);
        snprintf(cmd, sizeof cmd, "printf '%%s' %s", q);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        size_t n = fread(out, 1, sizeof out - 1, p);
        out[n] = '\0';
        assert_int_equal(pclose(p), 0);
        assert_string_equal(out, words[i]);
    }
}

/* The growable form gives the same words, whole at any length. */
static void test_sbuf_form(void **state)
{
    (void)state;
    static const char *const words[] = {"forum.db", "", "my forum.db", "it's", "x'y'z", "'",
                                        "$HOME", "萧县 文件", "a\\b"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char q[256];
        fs_sbuf b = {0};
        assert_string_equal(fs_sbuf_shquote(&b, words[i]), fs_shquote(words[i], q, sizeof q));
        fs_sbuf_free(&b);
    }
    char *longp = malloc(6001);
    assert_non_null(longp);
    for (int i = 0; i < 6000; i++)
        longp[i] = i % 100 == 50 ? ' ' : 'a';
    longp[6000] = '\0';
    fs_sbuf b = {0};
    fs_sbuf_add(&b, "--db ");
    const char *q = fs_sbuf_shquote(&b, longp);
    assert_int_equal(strlen(q), 5 + 6000 + 2);
    assert_memory_equal(q + 6, longp, 6000);
    assert_int_equal(q[6006], '\'');
    fs_sbuf_free(&b);
    free(longp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_quoted),
        cmocka_unit_test(test_short_buffer),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_sbuf_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
