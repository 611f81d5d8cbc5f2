/*
 * test_text.c — unit tests for report/common/text.c (UTF-8 checks, trimming,
 * full-width folding, comparisons, edit distance).
 *
 * Inputs are copied into heap buffers of exactly their length so that
 * AddressSanitizer (make SAN=1) catches any read past the view.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

#define V(lit) lit, sizeof(lit) - 1
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *exact_copy(const char *s, size_t n)
{
    char *p = malloc(n > 0 ? n : 1);
    assert_non_null(p);
    if (n > 0)
        memcpy(p, s, n);
    return p;
}

/* ---- UTF-8 ---------------------------------------------------------- */

typedef struct decode_case {
    const char *s;
    size_t n;
    size_t want_len; /* 0: invalid */
    uint32_t want_cp;
} decode_case;

static const decode_case decode_cases[] = {
    {V("A"), 1, 'A'},
    {V("\0"), 1, 0},
    {V("\x7F"), 1, 0x7F},
    {V("\xC2\x80"), 2, 0x80},
    {V("\xC2\xA0"), 2, 0xA0},
    {V("\xDF\xBF"), 2, 0x7FF},
    {V("\xE0\xA0\x80"), 3, 0x800},
    {V("年"), 3, 0x5E74},
    {V("\xEF\xBC\x91"), 3, 0xFF11},
    {V("\xED\x9F\xBF"), 3, 0xD7FF},
    {V("\xEE\x80\x80"), 3, 0xE000},
    {V("\xEF\xBF\xBF"), 3, 0xFFFF},
    {V("\xF0\x90\x80\x80"), 4, 0x10000},
    {V("\xF0\xA0\x80\x80"), 4, 0x20000}, /* CJK Extension B */
    {V("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF},
    /* a longer view decodes only the first character */
    {V("AB"), 1, 'A'},
    {V("\xC2\xA0X"), 2, 0xA0},
    /* invalid */
    {V(""), 0, 0},
    {V("\x80"), 0, 0},            /* lone continuation */
    {V("\xBF"), 0, 0},
    {V("\xC0\x80"), 0, 0},        /* overlong NUL */
    {V("\xC1\xBF"), 0, 0},        /* overlong */
    {V("\xE0\x80\x80"), 0, 0},    /* overlong */
    {V("\xE0\x9F\xBF"), 0, 0},    /* overlong */
    {V("\xF0\x80\x80\x80"), 0, 0},
    {V("\xF0\x8F\xBF\xBF"), 0, 0},
    {V("\xED\xA0\x80"), 0, 0},    /* surrogate D800 */
    {V("\xED\xBF\xBF"), 0, 0},    /* surrogate DFFF */
    {V("\xF4\x90\x80\x80"), 0, 0},/* above U+10FFFF */
    {V("\xF5\x80\x80\x80"), 0, 0},
    {V("\xF8\x88\x80\x80\x80"), 0, 0},
    {V("\xFE"), 0, 0},
    {V("\xFF"), 0, 0},
    {V("\xC2"), 0, 0},            /* cut short */
    {V("\xE5\xB9"), 0, 0},
    {V("\xF0\x90\x80"), 0, 0},
    {V("\xC2\x41"), 0, 0},        /* bad continuation */
    {V("\xE5\x41\xB4"), 0, 0},
    {V("\xE5\xB9\xC0"), 0, 0},
    {V("\xF0\x90\x80\x41"), 0, 0},
};

static void test_utf8_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(decode_cases); i++) {
        const decode_case *c = &decode_cases[i];
        char *buf = exact_copy(c->s, c->n);
        uint32_t cp = 0xDEADBEEF;
        size_t len = fs_utf8_decode(buf, c->n, &cp);
        free(buf);
        if (len != c->want_len)
            print_error("case %zu: length %zu, want %zu\n", i, len, c->want_len);
        assert_int_equal(len, c->want_len);
        assert_int_equal(cp, c->want_len ? c->want_cp : 0xDEADBEEF);
    }
}

/* Validity of a whole view is validity of each of its characters. */
static void test_utf8_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(decode_cases); i++) {
        const decode_case *c = &decode_cases[i];
        if (c->n == 0)
            continue;
        char *buf = exact_copy(c->s, c->n);
        bool want = c->want_len != 0;
        /* "AB" and "\xC2\xA0X" are two valid characters */
        assert_int_equal(fs_utf8_valid(buf, c->n), want);
        free(buf);
    }
    static const struct { const char *s; size_t n; bool want; } more[] = {
        {V(""), true},
        {V("plain ASCII, with NUL \0 inside"), true},
        {V("砀山县 Dangshan County"), true},
        {V("全角１２３　，．－"), true},
        {V("𠀀 (U+20000)"), true},
        {V("ok\x80"), false},
        {V("\xE5\xB9\xB4\xE6\x9C"), false}, /* 年 then a cut-off 月 */
        {V("abc\xED\xA0\x80" "def"), false},
        {V("\xC0\xAF"), false},
        {V("GBK \xCE\xD2"), false},          /* 我 in GBK */
    };
    for (size_t i = 0; i < COUNT(more); i++) {
        char *buf = exact_copy(more[i].s, more[i].n);
        assert_int_equal(fs_utf8_valid(buf, more[i].n), more[i].want);
        free(buf);
    }
}

static void test_utf8_count(void **state)
{
    (void)state;
    static const struct { const char *s; size_t n; size_t want; } cases[] = {
        {V(""), 0},
        {V("abc"), 3},
        {V("砀山县"), 3},
        {V("砀山县 Dangshan"), 12},
        {V("１２３"), 3},
        {V("\xC2\xA0"), 1},
        {V("𠀀𠀁"), 2},
        {V("a\0b"), 3},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char *buf = exact_copy(cases[i].s, cases[i].n);
        assert_int_equal(fs_utf8_count(buf, cases[i].n), cases[i].want);
        free(buf);
    }
    /* 2000 Chinese characters are 6000 bytes but 2000 characters */
    size_t n = 6000;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i += 3)
        memcpy(big + i, "\xE5\x8F\x91", 3);
    assert_int_equal(fs_utf8_count(big, n), 2000);
    free(big);
}

/* ---- trimming ------------------------------------------------------- */

typedef struct trim_case {
    const char *s;
    size_t n;
    size_t off, len; /* expected view: s + off, len */
} trim_case;

static const trim_case trim_cases[] = {
    {V(""), 0, 0},
    {V("abc"), 0, 3},
    {V("  abc  "), 2, 3},
    {V("\t\r\n abc \r\n"), 4, 3},
    {V("a b"), 0, 3},                              /* inner space kept */
    {V("   "), 3, 0},                              /* all space: empty view */
    {V("\xC2\xA0" "abc" "\xC2\xA0"), 2, 3},        /* U+00A0 */
    {V("\xE3\x80\x80" "abc" "\xE3\x80\x80"), 3, 3},/* U+3000 */
    {V("\xE3\x80\x80\xE3\x80\x80"), 6, 0},
    {V(" \xC2\xA0\xE3\x80\x80 x \xE3\x80\x80\xC2\xA0 "), 7, 1},
    {V("砀山县"), 0, 9},
    {V(" 砀山县　"), 1, 9},
    {V("\xA0" "abc"), 0, 4},                       /* a lone A0 byte is data */
    {V("abc" "\x80\x80"), 0, 5},                   /* so are lone 80 bytes */
    {V("\xE3\x80" "abc"), 0, 5},
    {V("abc\xE3\x80"), 0, 5},
    {V("\v\fabc"), 0, 5},                          /* not trimmed */
    {V("abc\0"), 0, 4},
};

static void test_trim(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(trim_cases); i++) {
        const trim_case *c = &trim_cases[i];
        char *buf = exact_copy(c->s, c->n);
        const char *s = buf;
        size_t n = c->n;
        fs_trim(&s, &n);
        if ((size_t)(s - buf) != c->off || n != c->len)
            print_error("case %zu: got (%zu, %zu), want (%zu, %zu)\n", i, (size_t)(s - buf), n,
                        c->off, c->len);
        assert_int_equal(s - buf, c->off);
        assert_int_equal(n, c->len);
        free(buf);
    }
}

/* ---- full-width folding --------------------------------------------- */

typedef struct fold_case {
    const char *s;
    size_t n;
    const char *want;
} fold_case;

static const fold_case fold_cases[] = {
    {V(""), ""},
    {V("abc 123"), "abc 123"},
    {V("１２３"), "123"},
    {V("０９"), "09"},
    {V("－１，２３４．５０"), "-1,234.50"},
    {V("２０２４／５／２０　８：３０"), "2024/5/20 8:30"},
    {V("ＡＢＣｘｙｚ"), "ABCxyz"},
    {V("\xEF\xBC\x81"), "!"},                 /* U+FF01, first folded */
    {V("\xEF\xBD\x9E"), "~"},                 /* U+FF5E, last folded */
    {V("\xEF\xBC\x80"), "\xEF\xBC\x80"},      /* U+FF00 kept */
    {V("\xEF\xBD\x9F"), "\xEF\xBD\x9F"},      /* U+FF5F kept */
    {V("\xEF\xBD\xA1"), "\xEF\xBD\xA1"},      /* U+FF61 half-width 。 kept */
    {V("\xEF\xBF\xA5"), "\xEF\xBF\xA5"},      /* U+FFE5 ￥ kept */
    {V("（万元）"), "(万元)"},
    {V("年月日"), "年月日"},
    {V("a\xE3\x80\x80" "b"), "a b"},          /* U+3000 */
    {V("\xE3\x80\x81"), "\xE3\x80\x81"},      /* U+3001 、 kept */
    {V("１２\xEF\xBC"), "12\xEF\xBC"},        /* cut short at the end: copied */
    {V("\xEF"), "\xEF"},
    {V("\xEF\xBC\x41"), "\xEF\xBC\x41"},      /* not a continuation */
    {V("\xE3\x80"), "\xE3\x80"},
};

static void test_fold_fullwidth(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(fold_cases); i++) {
        const fold_case *c = &fold_cases[i];
        char *in = exact_copy(c->s, c->n);
        char *out = malloc(c->n + 1); /* the documented size, exactly */
        assert_non_null(out);
        size_t len = fs_fold_fullwidth(in, c->n, out);
        if (len != strlen(c->want) || memcmp(out, c->want, len) != 0)
            print_error("case %zu: got \"%.*s\", want \"%s\"\n", i, (int)len, out, c->want);
        assert_int_equal(len, strlen(c->want));
        assert_memory_equal(out, c->want, len);
        assert_int_equal(out[len], '\0');
        free(out);
        free(in);
    }
}

/* Every code point U+FF01..U+FF5E folds to its ASCII counterpart. */
static void test_fold_whole_range(void **state)
{
    (void)state;
    for (uint32_t cp = 0xFF01; cp <= 0xFF5E; cp++) {
        char in[3] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                      (char)(0x80 | (cp & 0x3F))};
        char out[4];
        assert_int_equal(fs_fold_fullwidth(in, 3, out), 1);
        assert_int_equal((unsigned char)out[0], cp - 0xFF01 + 0x21);
    }
}

/* ---- comparisons ---------------------------------------------------- */

static void test_eq(void **state)
{
    (void)state;
    char *v = exact_copy(V("Solved"));
    assert_true(fs_eq(v, 6, "Solved"));
    assert_false(fs_eq(v, 6, "solved"));
    assert_false(fs_eq(v, 5, "Solved"));
    assert_true(fs_eq(v, 5, "Solve"));
    assert_false(fs_eq(v, 6, "Solved!"));
    assert_true(fs_eq(v, 0, ""));
    assert_true(fs_eq_nocase(v, 6, "solved"));
    assert_true(fs_eq_nocase(v, 6, "SOLVED"));
    assert_false(fs_eq_nocase(v, 6, "solves"));
    assert_false(fs_eq_nocase(v, 6, "solved "));
    assert_false(fs_eq_nocase(v, 5, "solved"));
    assert_true(fs_eq_nocase(v, 0, ""));
    free(v);
    /* only ASCII letters fold */
    char *w = exact_copy(V("ÄB"));
    assert_true(fs_eq_nocase(w, 3, "Äb"));
    assert_false(fs_eq_nocase(w, 3, "äb"));
    free(w);
    char *z = exact_copy(V("@[`{"));
    assert_false(fs_eq_nocase(z, 4, "`{@["));
    assert_true(fs_eq_nocase(z, 4, "@[`{"));
    free(z);
    char *cn = exact_copy(V("砀山县"));
    assert_true(fs_eq(cn, 9, "砀山县"));
    assert_true(fs_eq_nocase(cn, 9, "砀山县"));
    assert_false(fs_eq(cn, 9, "萧县"));
    free(cn);
}

typedef struct dist_case {
    const char *a, *b;
    int max, want;
} dist_case;

static const dist_case dist_cases[] = {
    {"kitten", "sitting", 5, 3},
    {"kitten", "sitting", 3, 3},
    {"kitten", "sitting", 2, 3},            /* max + 1 */
    {"offenses", "offences", 2, 1},
    {"offenses", "offenses", 2, 0},
    {"recoverd_yuan", "recovered_yuan", 2, 1},
    {"recovered", "RECOVERED", 2, 0},        /* case-insensitive */
    {"Date_Solved", "date_solved", 0, 0},
    {"status", "stats", 2, 1},
    {"abc", "cba", 5, 2},
    {"", "", 2, 0},
    {"", "abc", 5, 3},
    {"abc", "", 5, 3},
    {"", "abcdef", 2, 3},                    /* length gap alone exceeds */
    {"counterpart", "county", 2, 3},
    {"participants", "partners", 2, 3},
    {"flaw", "lawn", 2, 2},
    {"ab", "ba", 1, 2},                      /* transposition costs two */
};

static void test_edit_distance(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(dist_cases); i++) {
        const dist_case *c = &dist_cases[i];
        size_t na = strlen(c->a), nb = strlen(c->b);
        char *a = exact_copy(c->a, na), *b = exact_copy(c->b, nb);
        int got = fs_edit_distance(a, na, b, nb, c->max);
        if (got != c->want)
            print_error("case %zu (%s, %s, max %d): got %d, want %d\n", i, c->a, c->b, c->max,
                        got, c->want);
        assert_int_equal(got, c->want);
        /* symmetric */
        assert_int_equal(fs_edit_distance(b, nb, a, na, c->max), c->want);
        free(a);
        free(b);
    }
}

static void test_edit_distance_long(void **state)
{
    (void)state;
    char x[64], y[64];
    memset(x, 'a', sizeof x);
    memset(y, 'a', sizeof y);
    y[63] = 'b';
    assert_int_equal(fs_edit_distance(x, 64, y, 64, 2), 1);
    assert_int_equal(fs_edit_distance(x, 64, x, 64, 2), 0);
    /* the row minimum exits early without a wrong answer */
    memset(y, 'b', sizeof y);
    assert_int_equal(fs_edit_distance(x, 64, y, 64, 2), 3);
    /* beyond 64 characters the function answers "too far" (max + 1) */
    char big[65];
    memset(big, 'a', sizeof big);
    assert_int_equal(fs_edit_distance(big, 65, x, 64, 2), 3);
}

static void test_strndup(void **state)
{
    (void)state;
    char *src = exact_copy(V("abcdef"));
    char *d = fs_strndup(src, 3);
    assert_non_null(d);
    assert_string_equal(d, "abc");
    free(d);
    d = fs_strndup(src, 0);
    assert_non_null(d);
    assert_string_equal(d, "");
    free(d);
    d = fs_strndup(src, 6);
    assert_string_equal(d, "abcdef");
    free(d);
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_fold_fullwidth),
        cmocka_unit_test(test_fold_whole_range),
        cmocka_unit_test(test_eq),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_edit_distance_long),
        cmocka_unit_test(test_strndup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
