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

static fs_sbuf sqb;

/* s quoted, alone in sqb (valid until the next call). */
static const char *sq(const char *s)
{
    fs_sbuf_clear(&sqb);
    return fs_sbuf_shquote(&sqb, s);
}

static int teardown(void **state)
{
    (void)state;
    fs_sbuf_free(&sqb);
    return 0;
}

static void test_plain(void **state)
{
    (void)state;
    assert_string_equal(sq("forum.db"), "forum.db");
    assert_string_equal(sq("/srv/data/2025-forum_v2.db"), "/srv/data/2025-forum_v2.db");
    assert_string_equal(sq("砀山县.db"), "砀山县.db");
}

static void test_quoted(void **state)
{
    (void)state;
    assert_string_equal(sq("my forum.db"), "'my forum.db'");
    assert_string_equal(sq(""), "''");
    assert_string_equal(sq("it's"), "'it'\\''s'");
    assert_string_equal(sq("$HOME"), "'$HOME'");
}

/* The shell gives back exactly the word quoted. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const words[] = {"a b", "it's", "x'y'z", "$(rm -rf /)", "`id`", "a\\b",
                                        "tab\there", "semi;colon", "star*", "--db", "萧县 文件"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char cmd[400], out[256] = "";
        snprintf(cmd, sizeof cmd, "printf '%%s' %s", sq(words[i]));
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        size_t n = fread(out, 1, sizeof out - 1, p);
        out[n] = '\0';
        assert_int_equal(pclose(p), 0);
        assert_string_equal(out, words[i]);
    }
}

/* Appended after what the buffer holds, whole at any length. */
static void test_long(void **state)
{
    (void)state;
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
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_long),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
