/*
 * test_parse.c — unit tests for report/common/parse.c (value forms of the
 * submission standard, §2.1, and the privacy guards of §2.3).
 *
 * Mostly tables of {input, expected result, expected value}.  Every input
 * is copied into a heap buffer of exactly its length (no NUL after it), so
 * a parser that reads past n is caught by AddressSanitizer (make SAN=1).
 * The tables also pin the choices parse.c made where the standard is
 * silent (".5", "0,123", time-of-day range, separator mixing, ...).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

/* A string literal as (pointer, length): embedded NULs count. */
#define V(lit) lit, sizeof(lit) - 1

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The view (s, n) in a fresh heap buffer of exactly n bytes. */
static char *exact_copy(const char *s, size_t n)
{
    char *p = malloc(n > 0 ? n : 1);
    assert_non_null(p);
    if (n > 0)
        memcpy(p, s, n);
    return p;
}

static const char *result_name(fs_parse_result r)
{
    static const char *const names[] = {
        "OK", "EMPTY", "BAD", "SCIENTIFIC", "DECIMALS", "NOT_INTEGRAL",
        "TOO_LARGE", "DATE_INVALID", "DATE_SERIAL", "YEAR_RANGE",
    };
    return (unsigned)r < COUNT(names) ? names[r] : "?";
}

/* ---- numbers -------------------------------------------------------- */

typedef struct num_case {
    const char *s;
    size_t n;
    fs_parse_result want;
    int64_t value; /* checked when want is OK */
} num_case;

#define SENTINEL INT64_C(0x5A5A5A5A)

typedef fs_parse_result (*num_parser)(const char *, size_t, int64_t *);

static void check_numbers(num_parser parse, const num_case *cases, size_t count)
{
    int failures = 0;
    for (size_t i = 0; i < count; i++) {
        const num_case *c = &cases[i];
        char *buf = exact_copy(c->s, c->n);
        int64_t v = SENTINEL;
        fs_parse_result r = parse(buf, c->n, &v);
        free(buf);
        int64_t want_v = c->want == FS_PARSE_OK ? c->value : SENTINEL;
        if (r != c->want || v != want_v) {
            print_error("case %zu \"%.*s\": got %s %lld, want %s %lld\n", i, (int)c->n, c->s,
                        result_name(r), (long long)v, result_name(c->want), (long long)want_v);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* 64 bytes of digits (the longest number looked at) and 65. */
#define DIGITS_64 "0000000000000000000000000000000000000000000000000000000000000042"
#define DIGITS_65 "0" DIGITS_64

static const num_case int_cases[] = {
    /* plain forms */
    {V("0"), FS_PARSE_OK, 0},
    {V("7"), FS_PARSE_OK, 7},
    {V("123"), FS_PARSE_OK, 123},
    {V("-45"), FS_PARSE_OK, -45},
    {V("+45"), FS_PARSE_OK, 45},
    {V("007"), FS_PARSE_OK, 7},
    {V("-0"), FS_PARSE_OK, 0},
    /* thousands separators */
    {V("1,234"), FS_PARSE_OK, 1234},
    {V("12,345,678"), FS_PARSE_OK, 12345678},
    {V("-1,234"), FS_PARSE_OK, -1234},
    {V("100,000"), FS_PARSE_OK, 100000},
    {V("1,23"), FS_PARSE_BAD, 0},
    {V("1,2345"), FS_PARSE_BAD, 0},
    {V("1234,567"), FS_PARSE_BAD, 0},
    {V("12,34,567"), FS_PARSE_BAD, 0},
    {V(",123"), FS_PARSE_BAD, 0},
    {V("1,"), FS_PARSE_BAD, 0},
    {V("1,,234"), FS_PARSE_BAD, 0},
    {V("0,123"), FS_PARSE_BAD, 0},
    {V("1,234,"), FS_PARSE_BAD, 0},
    /* zero fractions */
    {V("2.00"), FS_PARSE_OK, 2},
    {V("2.0"), FS_PARSE_OK, 2},
    {V("1,234.000"), FS_PARSE_OK, 1234},
    {V("-3.0"), FS_PARSE_OK, -3},
    {V(".0"), FS_PARSE_OK, 0},
    {V("2.5"), FS_PARSE_NOT_INTEGRAL, 0},
    {V("2.01"), FS_PARSE_NOT_INTEGRAL, 0},
    {V("2.0000001"), FS_PARSE_NOT_INTEGRAL, 0},
    {V(".5"), FS_PARSE_NOT_INTEGRAL, 0},
    {V("2."), FS_PARSE_BAD, 0},
    {V("."), FS_PARSE_BAD, 0},
    {V("-."), FS_PARSE_BAD, 0},
    {V("1.2.3"), FS_PARSE_BAD, 0},
    {V("1.2,3"), FS_PARSE_BAD, 0},
    /* lone dash and signs */
    {V("-"), FS_PARSE_OK, 0},
    {V("+"), FS_PARSE_BAD, 0},
    {V("--"), FS_PARSE_BAD, 0},
    {V("+-5"), FS_PARSE_BAD, 0},
    {V("- 5"), FS_PARSE_BAD, 0},
    {V("5-"), FS_PARSE_BAD, 0},
    /* empty, trimming */
    {V(""), FS_PARSE_EMPTY, 0},
    {V("   "), FS_PARSE_EMPTY, 0},
    {V("\t\xE3\x80\x80"), FS_PARSE_EMPTY, 0}, /* tab, U+3000 */
    {V(" 12 "), FS_PARSE_OK, 12},
    {V("\xE3\x80\x80" "12\xC2\xA0"), FS_PARSE_OK, 12},
    {V("1 234"), FS_PARSE_BAD, 0},
    /* magnitude */
    {V("999999999999999"), FS_PARSE_OK, INT64_C(999999999999999)},
    {V("-999999999999999"), FS_PARSE_OK, -INT64_C(999999999999999)},
    {V("999,999,999,999,999"), FS_PARSE_OK, INT64_C(999999999999999)},
    {V("999999999999999.00"), FS_PARSE_OK, INT64_C(999999999999999)},
    {V("000999999999999999"), FS_PARSE_OK, INT64_C(999999999999999)},
    {V("1000000000000000"), FS_PARSE_TOO_LARGE, 0},
    {V("-1000000000000000"), FS_PARSE_TOO_LARGE, 0},
    {V("1,000,000,000,000,000"), FS_PARSE_TOO_LARGE, 0},
    {V("99999999999999999999999999"), FS_PARSE_TOO_LARGE, 0},
    {V("10000000000000000.5"), FS_PARSE_TOO_LARGE, 0},
    {V("1000000000000000x"), FS_PARSE_BAD, 0},
    {V(DIGITS_64), FS_PARSE_OK, 42},
    {V(DIGITS_65), FS_PARSE_BAD, 0},
    /* scientific */
    {V("1.23E+11"), FS_PARSE_SCIENTIFIC, 0},
    {V("1E5"), FS_PARSE_SCIENTIFIC, 0},
    {V("1.5e-3"), FS_PARSE_SCIENTIFIC, 0},
    {V("-1.2E+3"), FS_PARSE_SCIENTIFIC, 0},
    {V("1e20"), FS_PARSE_SCIENTIFIC, 0},
    {V("12345678901234567890E+2"), FS_PARSE_SCIENTIFIC, 0},
    {V("E5"), FS_PARSE_BAD, 0},
    {V("1E"), FS_PARSE_BAD, 0},
    {V("1E+"), FS_PARSE_BAD, 0},
    {V("1E+5x"), FS_PARSE_BAD, 0},
    {V("1.23E+11.5"), FS_PARSE_BAD, 0},
    {V("1.E5"), FS_PARSE_BAD, 0},
    /* other junk */
    {V("12a"), FS_PARSE_BAD, 0},
    {V("a12"), FS_PARSE_BAD, 0},
    {V("0x10"), FS_PARSE_BAD, 0},
    {V("NaN"), FS_PARSE_BAD, 0},
    {V("inf"), FS_PARSE_BAD, 0},
    {V("(123)"), FS_PARSE_BAD, 0},
    {V("12\0" "3"), FS_PARSE_BAD, 0},
    {V("12\xFF"), FS_PARSE_BAD, 0},
    {V("\xE2\x88\x92" "5"), FS_PARSE_BAD, 0}, /* U+2212 MINUS SIGN */
    {V("五"), FS_PARSE_BAD, 0},
    {V("1万"), FS_PARSE_BAD, 0},
    /* full-width */
    {V("１２３"), FS_PARSE_OK, 123},
    {V("－１，２３４．００"), FS_PARSE_OK, -1234},
    {V("１2３"), FS_PARSE_OK, 123},
    {V("－"), FS_PARSE_OK, 0},
    {V("１２３４５６７８９０１２３４５"), FS_PARSE_OK, INT64_C(123456789012345)},
    {V("１２３４５６７８９０１２３４５６"), FS_PARSE_TOO_LARGE, 0},
    {V("１．２３Ｅ＋１１"), FS_PARSE_SCIENTIFIC, 0},
    {V("１２\xEF\xBC"), FS_PARSE_BAD, 0}, /* cut-off full-width char */
};

static const num_case cents_cases[] = {
    {V("2300.10"), FS_PARSE_OK, 230010},
    {V("2300.1"), FS_PARSE_OK, 230010},
    {V("2300.100"), FS_PARSE_OK, 230010},
    {V("2300.1000000"), FS_PARSE_OK, 230010},
    {V("2300"), FS_PARSE_OK, 230000},
    {V("2300.00"), FS_PARSE_OK, 230000},
    {V("2300.125"), FS_PARSE_DECIMALS, 0},
    {V("2300.001"), FS_PARSE_DECIMALS, 0},
    {V("0.0000001"), FS_PARSE_DECIMALS, 0},
    {V("0.5"), FS_PARSE_OK, 50},
    {V("0.05"), FS_PARSE_OK, 5},
    {V("0.01"), FS_PARSE_OK, 1},
    {V("-0.01"), FS_PARSE_OK, -1},
    {V(".5"), FS_PARSE_OK, 50},
    {V("-.5"), FS_PARSE_OK, -50},
    {V("-0.5"), FS_PARSE_OK, -50},
    {V("1,234.50"), FS_PARSE_OK, 123450},
    {V("-1,234.5"), FS_PARSE_OK, -123450},
    {V("+12.34"), FS_PARSE_OK, 1234},
    {V("-"), FS_PARSE_OK, 0},
    {V("0"), FS_PARSE_OK, 0},
    {V("999999999999999.99"), FS_PARSE_OK, INT64_C(99999999999999999)},
    {V("-999999999999999.99"), FS_PARSE_OK, -INT64_C(99999999999999999)},
    {V("1000000000000000"), FS_PARSE_TOO_LARGE, 0},
    {V("1000000000000000.00"), FS_PARSE_TOO_LARGE, 0},
    {V("1.23E+11"), FS_PARSE_SCIENTIFIC, 0},
    {V("1.5e-3"), FS_PARSE_SCIENTIFIC, 0},
    {V("2."), FS_PARSE_BAD, 0},
    {V("."), FS_PARSE_BAD, 0},
    {V("1,23.50"), FS_PARSE_BAD, 0},
    {V("1,234.5,6"), FS_PARSE_BAD, 0},
    {V("12.3.4"), FS_PARSE_BAD, 0},
    {V("¥12.30"), FS_PARSE_BAD, 0},
    {V("12.30元"), FS_PARSE_BAD, 0},
    {V("12,30"), FS_PARSE_BAD, 0}, /* decimal comma */
    {V(""), FS_PARSE_EMPTY, 0},
    {V("１２．３４"), FS_PARSE_OK, 1234},
    {V("１，２３４．５"), FS_PARSE_OK, 123450},
    {V(" 7.5 "), FS_PARSE_OK, 750},
};

static void test_int_table(void **state)
{
    (void)state;
    check_numbers(fs_parse_int, int_cases, COUNT(int_cases));
}

static void test_cents_table(void **state)
{
    (void)state;
    check_numbers(fs_parse_cents, cents_cases, COUNT(cents_cases));
}

/* Every integer form is a money form with the value times 100. */
static void test_int_forms_are_cents(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(int_cases); i++) {
        const num_case *c = &int_cases[i];
        if (c->want != FS_PARSE_OK)
            continue;
        char *buf = exact_copy(c->s, c->n);
        int64_t v = 0;
        assert_int_equal(fs_parse_cents(buf, c->n, &v), FS_PARSE_OK);
        assert_true(v == c->value * 100);
        free(buf);
    }
}

/* Every value in a range, written with and without separators, reads back. */
static void test_int_roundtrip(void **state)
{
    (void)state;
    static const int64_t samples[] = {
        0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 123456, 1000000,
        INT64_C(12345678901234), INT64_C(999999999999999),
    };
    for (size_t i = 0; i < COUNT(samples); i++) {
        for (int sign = -1; sign <= 1; sign += 2) {
            int64_t want = samples[i] * sign;
            char plain[32], grouped[48];
            int len = snprintf(plain, sizeof plain, "%lld", (long long)want);
            /* insert commas every three digits from the right */
            size_t digits_at = plain[0] == '-' ? 1 : 0, nd = (size_t)len - digits_at, o = 0;
            for (size_t j = 0; j < digits_at; j++)
                grouped[o++] = plain[j];
            for (size_t j = 0; j < nd; j++) {
                if (j > 0 && (nd - j) % 3 == 0)
                    grouped[o++] = ',';
                grouped[o++] = plain[digits_at + j];
            }
            const char *forms[] = {plain, grouped};
            size_t lens[] = {(size_t)len, o};
            for (int f = 0; f < 2; f++) {
                char *buf = exact_copy(forms[f], lens[f]);
                int64_t v = 0;
                assert_int_equal(fs_parse_int(buf, lens[f], &v), FS_PARSE_OK);
                assert_true(v == want);
                assert_int_equal(fs_parse_cents(buf, lens[f], &v), FS_PARSE_OK);
                assert_true(v == want * 100);
                free(buf);
            }
        }
    }
}

/* A number inside a longer buffer: only the view counts. */
static void test_number_view(void **state)
{
    (void)state;
    const char text[] = "12345";
    int64_t v = 0;
    assert_int_equal(fs_parse_int(text, 2, &v), FS_PARSE_OK);
    assert_true(v == 12);
    assert_int_equal(fs_parse_cents(text + 1, 3, &v), FS_PARSE_OK);
    assert_true(v == 23400);
    /* "1.25" cut to "1.2" */
    assert_int_equal(fs_parse_cents("1.25", 3, &v), FS_PARSE_OK);
    assert_true(v == 120);
}

/* Long inputs are refused quickly and without overflowing the fold buffer. */
static void test_number_long_input(void **state)
{
    (void)state;
    size_t n = 10000;
    char *buf = malloc(n);
    assert_non_null(buf);
    memset(buf, '1', n);
    int64_t v = SENTINEL;
    assert_int_equal(fs_parse_int(buf, n, &v), FS_PARSE_BAD);
    assert_int_equal(fs_parse_cents(buf, n, &v), FS_PARSE_BAD);
    assert_true(v == SENTINEL);
    /* 65 full-width digits: 195 bytes, folds to 65 > 64 */
    size_t fw = 65 * 3;
    char *wide = malloc(fw);
    assert_non_null(wide);
    for (size_t i = 0; i < fw; i += 3)
        memcpy(wide + i, "\xEF\xBC\x90", 3); /* U+FF10 */
    assert_int_equal(fs_parse_int(wide, fw, &v), FS_PARSE_BAD);
    /* 64 of them fit */
    assert_int_equal(fs_parse_int(wide, fw - 3, &v), FS_PARSE_OK);
    assert_true(v == 0);
    free(wide);
    free(buf);
}

/* ---- dates ---------------------------------------------------------- */

typedef struct date_case {
    const char *s;
    size_t n;
    fs_parse_result want;
    int y, m, d; /* checked when want is OK */
} date_case;

static const date_case date_cases[] = {
    /* the five forms */
    {V("2024-05-20"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-5-20"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-5-2"), FS_PARSE_OK, 2024, 5, 2},
    {V("2024/5/20"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024/05/02"), FS_PARSE_OK, 2024, 5, 2},
    {V("2024.5.20"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024.12.31"), FS_PARSE_OK, 2024, 12, 31},
    {V("2024年5月20日"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024年05月02日"), FS_PARSE_OK, 2024, 5, 2},
    {V("20240520"), FS_PARSE_OK, 2024, 5, 20},
    {V("20000101"), FS_PARSE_OK, 2000, 1, 1},
    /* times of day, ignored */
    {V("2024/5/20 0:00"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024/5/20 0:00:00"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-05-20T08:30:00"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-05-20T08:30"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-05-20 23:59:59"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024.5.20 9:05"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024年5月20日 8:30"), FS_PARSE_OK, 2024, 5, 20},
    {V("20240520 08:30"), FS_PARSE_OK, 2024, 5, 20},
    {V("20240520T08:30:15"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-05-20 24:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:60"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:00:60"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:0"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:000"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 123:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:00:"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:00:00:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 12:00:00.000"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20T08:30:00Z"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20  12:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20t12:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20 "), FS_PARSE_OK, 2024, 5, 20}, /* trailing space trimmed */
    {V("2024-05-20T"), FS_PARSE_BAD, 0, 0, 0},
    /* malformed */
    {V("2024-05/20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024/05-20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-5-"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024--5"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20-"), FS_PARSE_BAD, 0, 0, 0},
    {V("24-5-20"), FS_PARSE_BAD, 0, 0, 0},
    {V("02024-5-20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-005-20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-5-020"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024 5 20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024年5月20"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024年5月20号"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024年5月"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024年 5月20日"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024\xE5\xB9"), FS_PARSE_BAD, 0, 0, 0}, /* 年 cut short */
    {V("20-05-2024"), FS_PARSE_BAD, 0, 0, 0},
    {V("5/20/2024"), FS_PARSE_BAD, 0, 0, 0},
    {V("May 20, 2024"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024520"), FS_PARSE_BAD, 0, 0, 0},
    {V("202405201"), FS_PARSE_BAD, 0, 0, 0},
    {V("1234567"), FS_PARSE_BAD, 0, 0, 0},
    {V("-45432"), FS_PARSE_BAD, 0, 0, 0},
    {V("45,432"), FS_PARSE_BAD, 0, 0, 0},
    {V("45432."), FS_PARSE_BAD, 0, 0, 0},
    {V("45432 0:00"), FS_PARSE_BAD, 0, 0, 0},
    {V("2024-05-20\0"), FS_PARSE_BAD, 0, 0, 0},
    {V("x"), FS_PARSE_BAD, 0, 0, 0},
    /* Excel serials */
    {V("45432"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("0"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("1"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("999999"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("45432.5"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("45432.333333"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("2024"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("2024.5"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    {V("４５４３２"), FS_PARSE_DATE_SERIAL, 0, 0, 0},
    /* year range: only when the form is right, and before the calendar */
    {V("2000-01-01"), FS_PARSE_OK, 2000, 1, 1},
    {V("2100-12-31"), FS_PARSE_OK, 2100, 12, 31},
    {V("1999-12-31"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("2101-01-01"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("19991231"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("1999年1月1日"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("0000-00-00"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("1999-02-30"), FS_PARSE_YEAR_RANGE, 0, 0, 0},
    {V("9999/9/9 9:99"), FS_PARSE_BAD, 0, 0, 0},
    /* calendar */
    {V("2024-02-29"), FS_PARSE_OK, 2024, 2, 29},
    {V("2000-02-29"), FS_PARSE_OK, 2000, 2, 29},
    {V("2023-02-28"), FS_PARSE_OK, 2023, 2, 28},
    {V("2024-01-31"), FS_PARSE_OK, 2024, 1, 31},
    {V("2024-12-31"), FS_PARSE_OK, 2024, 12, 31},
    {V("2023-02-29"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2100-02-29"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-02-30"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-04-31"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-13-01"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-00-10"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-1-0"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024-1-32"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("20241301"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("20240230"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("20230229 10:00"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    {V("2024年2月30日"), FS_PARSE_DATE_INVALID, 0, 0, 0},
    /* empty */
    {V(""), FS_PARSE_EMPTY, 0, 0, 0},
    {V(" \t"), FS_PARSE_EMPTY, 0, 0, 0},
    /* full-width */
    {V("２０２４－０５－２０"), FS_PARSE_OK, 2024, 5, 20},
    {V("２０２４年５月２０日"), FS_PARSE_OK, 2024, 5, 20},
    {V("２０２４／５／２０"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024．5．20"), FS_PARSE_OK, 2024, 5, 20},
    {V("２０２４０５２０"), FS_PARSE_OK, 2024, 5, 20},
    {V("2024-05-20　08：30"), FS_PARSE_OK, 2024, 5, 20}, /* U+3000, U+FF1A */
    {V("\xE3\x80\x80" "2024-05-20" "\xE3\x80\x80"), FS_PARSE_OK, 2024, 5, 20},
};

static void test_date_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < COUNT(date_cases); i++) {
        const date_case *c = &date_cases[i];
        char *buf = exact_copy(c->s, c->n);
        fs_date d = {-1, -1, -1};
        fs_parse_result r = fs_parse_date(buf, c->n, &d);
        free(buf);
        fs_date want = c->want == FS_PARSE_OK ? (fs_date){c->y, c->m, c->d} : (fs_date){-1, -1, -1};
        if (r != c->want || d.year != want.year || d.month != want.month || d.day != want.day) {
            print_error("case %zu \"%.*s\": got %s %d-%d-%d, want %s %d-%d-%d\n", i, (int)c->n,
                        c->s, result_name(r), d.year, d.month, d.day, result_name(c->want),
                        want.year, want.month, want.day);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_date_long_input(void **state)
{
    (void)state;
    size_t n = 5000;
    char *buf = malloc(n);
    assert_non_null(buf);
    memset(buf, '0', n);
    memcpy(buf, "2024-05-20 ", 11);
    fs_date d = {-1, -1, -1};
    assert_int_equal(fs_parse_date(buf, n, &d), FS_PARSE_BAD);
    assert_int_equal(d.year, -1);
    free(buf);
}

/* A date inside a longer buffer: only the view counts. */
static void test_date_view(void **state)
{
    (void)state;
    const char text[] = "2024-05-201999";
    fs_date d;
    assert_int_equal(fs_parse_date(text, 10, &d), FS_PARSE_OK);
    assert_int_equal(d.day, 20);
    assert_int_equal(fs_parse_date(text, 9, &d), FS_PARSE_OK);
    assert_int_equal(d.day, 2);
}

static void test_date_days_fixed(void **state)
{
    (void)state;
    static const struct { fs_date d; long days; } cases[] = {
        {{1970, 1, 1}, 0},
        {{1970, 1, 2}, 1},
        {{1969, 12, 31}, -1},
        {{2000, 1, 1}, 10957},
        {{2000, 2, 29}, 11016},
        {{2000, 3, 1}, 11017},
        {{2024, 5, 20}, 19863},
        {{2100, 12, 31}, 47846},
        {{1600, 2, 29}, -135081},
        {{1, 1, 1}, -719162},
        {{9999, 12, 31}, 2932896},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        assert_int_equal(fs_date_days(cases[i].d), cases[i].days);
}

static int test_days_in_month(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

/* Every day 2000-01-01..2100-12-31: the day count rises by one, and
 * fs_date_iso writes what fs_parse_date reads back; the day after the last
 * of each month is invalid. */
static void test_date_every_day(void **state)
{
    (void)state;
    long prev = fs_date_days((fs_date){1999, 12, 31});
    for (int y = 2000; y <= 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            int last = test_days_in_month(y, m);
            for (int d = 1; d <= last; d++) {
                fs_date in = {y, m, d}, back = {0, 0, 0};
                long days = fs_date_days(in);
                assert_int_equal(days, prev + 1);
                prev = days;
                char iso[11];
                fs_date_iso(in, iso);
                char *buf = exact_copy(iso, 10);
                assert_int_equal(fs_parse_date(buf, 10, &back), FS_PARSE_OK);
                free(buf);
                assert_int_equal(back.year, y);
                assert_int_equal(back.month, m);
                assert_int_equal(back.day, d);
            }
            char bad[48];
            int len = snprintf(bad, sizeof bad, "%d-%d-%d", y, m, last + 1);
            fs_date out;
            assert_int_equal(fs_parse_date(bad, (size_t)len, &out), FS_PARSE_DATE_INVALID);
        }
    }
}

static void test_date_iso(void **state)
{
    (void)state;
    char buf[11];
    fs_date_iso((fs_date){2024, 5, 20}, buf);
    assert_string_equal(buf, "2024-05-20");
    fs_date_iso((fs_date){2000, 1, 1}, buf);
    assert_string_equal(buf, "2000-01-01");
    fs_date_iso((fs_date){2100, 12, 31}, buf);
    assert_string_equal(buf, "2100-12-31");
    fs_date_iso((fs_date){7, 1, 9}, buf);
    assert_string_equal(buf, "0007-01-09");
    /* out-of-range fields are clamped, never overflowing the buffer */
    fs_date_iso((fs_date){-5, 123, -1}, buf);
    assert_string_equal(buf, "0000-99-00");
    fs_date_iso((fs_date){123456, 0, 0}, buf);
    assert_string_equal(buf, "9999-00-00");
}

/* ---- scientific form of identifiers ---------------------------------- */

typedef struct bool_case {
    const char *s;
    size_t n;
    bool want;
} bool_case;

static void check_bools(bool (*fn)(const char *, size_t), const bool_case *cases, size_t count)
{
    int failures = 0;
    for (size_t i = 0; i < count; i++) {
        char *buf = exact_copy(cases[i].s, cases[i].n);
        bool got = fn(buf, cases[i].n);
        free(buf);
        if (got != cases[i].want) {
            print_error("case %zu \"%.*s\": got %d, want %d\n", i, (int)cases[i].n, cases[i].s,
                        got, cases[i].want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static const bool_case sci_cases[] = {
    {V("1.23457E+17"), true},
    {V("1E+5"), true},
    {V("1e-3"), true},
    {V("12.5e+10"), true},
    {V("0.0E+00"), true},
    {V("１．２３Ｅ＋１７"), true},
    {V(" 1.2E+3 "), true},
    {V("1E5"), false},
    {V("1.2E3"), false},
    {V("E+5"), false},
    {V("1.E+5"), false},
    {V(".5E+5"), false},
    {V("-1.2E+3"), false},
    {V("+1.2E+3"), false},
    {V("1.2E+"), false},
    {V("1.2E"), false},
    {V("1.2"), false},
    {V("1."), false},
    {V("1"), false},
    {V("1.2E+3x"), false},
    {V("1.2E+3.4"), false},
    {V("1.2.3E+4"), false},
    {V("1.2 E+3"), false},
    {V("1,234E+3"), false},
    {V("A1.2E+3"), false},
    {V("CASE-2024-001"), false},
    {V("2024E+"), false},
    {V(""), false},
    {V("1.2E+3\0"), false},
    {V("1.2E+3\xE5\xB9"), false}, /* cut-off character at the end */
    {V("1\xEF\xBC"), false},
};

static void test_scientific(void **state)
{
    (void)state;
    check_bools(fs_is_scientific, sci_cases, COUNT(sci_cases));
}

/* ---- privacy guards -------------------------------------------------- */

static const bool_case id_cases[] = {
    {V("110101199003071234"), true},
    {V("11010119900307123X"), true},
    {V("11010119900307123x"), true},
    {V("身份证号110101199003071234。"), true},
    {V("ID: 110101199003071234"), true},
    {V("a110101199003071234b"), true},
    {V("11010119900307123X,其他"), true},
    {V("xx 11010119900307123X"), true},
    {V("X110101199003071234"), true}, /* an X before a digit run is a letter */
    {V("１１０１０１１９９００３０７１２３４"), true},
    {V("１１０１０１１９９００３０７１２３Ｘ"), true},
    {V("1101011990030712３4"), true},
    {V("\xFF" "110101199003071234" "\xFF"), true},
    {V("110101199003071234 110101199003071235"), true},
    {V("12 110101199003071234"), true},
    {V("110101199003071234\n"), true},
    {V("110101199003071234\xE5\xB9"), true}, /* cut-off character at the end */
    /* v2: 6-8-4 groups, the old 15-digit form, with a label */
    {V("341321 19850312 451X"), true},
    {V("身份证342401-19850312-4519"), true},
    {V("身份证号：342401-19850312-4519。"), true},
    {V("110101 19900307 1234"), true},
    {V("110101-19900307-123x"), true},
    {V("110101 - 19900307 - 1234"), true}, /* spaces around hyphens */
    {V("110101   19900307  1234"), true},
    {V("110101　19900307　1234"), true},   /* U+3000 */
    {V("１１０１０１－１９９００３０７－１２３４"), true},
    {V("341321850312451"), true},          /* 15 digits, 1985-03-12 */
    {V("身份证341321850312451"), true},
    {V("旧证号 110101960229123，"), true},   /* 1996-02-29 */
    /* not identity numbers */
    {V("1101011990030712345"), false},   /* 19 digits */
    {V("11010119900307123"), false},     /* 17 digits */
    {V("1101011990030712"), false},
    {V("110101199003071234X"), false},   /* X continues an 18-digit run */
    {V("11010119900307123X5"), false},   /* followed by a digit */
    {V("5X11010119900307123X"), false},  /* X continuing a run before it */
    {V("12X110101199003071234"), false},
    {V("1X0101199003071234"), false},    /* X inside */
    {V("1101011990030712X4"), false},
    {V("622202123456789012345"), false}, /* bank card */
    {V("1101011 9900307 1234"), false},  /* groups 7-7-4 */
    {V("110101 19900307 12345"), false},  /* last group of 5 */
    {V("110101 19900307 1234 5"), true},  /* 6-8-4, then other text */
    {V("110101    19900307 1234"), false}, /* four spaces */
    {V("110101--19900307-1234"), false},  /* two hyphens */
    {V("110101_19900307_1234"), false},
    {V("341321850312451X"), false},       /* 15 digits and an X */
    {V("3413218503124512"), false},       /* 16 digits */
    {V("991321850312451"), false},        /* 99: no province */
    {V("341321851312451"), false},        /* month 13 */
    {V("341321850230451"), false},        /* 30 February */
    {V("110101000229123"), false},        /* 1900 was no leap year */
    {V("008613812345678"), false},        /* a mobile with 0086 */
    {V("1341321850312451"), false},       /* inside a 16-digit run */
    {V("13812345678"), false},
    {V("20240520"), false},
    {V("案件编号2024-0001"), false},
    {V(""), false},
    {V("X"), false},
    {V("１１０１０１１９９００３０７１２３４５"), false},
    {V("341321-2025-0000001"), false}, /* 17 digits, in runs of 6, 4, 7 */
    {V("341321-20250312-4512"), true},  /* 6-8-4: the run of 8 */
    /* full-width punctuation (EF BC xx, like the full-width digits) is
     * not a digit: 14 digits are too few, 18 among it are a number */
    {V("（一）、（二）：，；！？（三）（四）１２３４５６７８９０１２３４"), false},
    {V("身份证：１１０１０１１９９００３０７１２３４，住址（略）"), true},
};

static const bool_case mobile_cases[] = {
    {V("13812345678"), true},
    {V("19912345678"), true},
    {V("13012345678"), true},
    {V("电话13812345678"), true},
    {V("tel:13812345678,"), true},
    {V("+86 13812345678"), true},
    {V("+8613812345678"), true},          /* the country code in the run */
    {V("电话8613812345678"), true},
    {V("008613812345678"), true},
    {V("＋８６１３８１２３４５６７８"), true},
    {V("+86-138-1234-5678"), true},
    {V("138 1234 5678"), true},
    {V("138-1234-5678"), true},
    {V("138 1234-5678"), true},
    {V("联系人138-1234-5678。"), true},
    {V("010-138-1234-5678"), true},
    {V("１３８１２３４５６７８"), true},
    {V("１３８－１２３４－５６７８"), true},
    {V("１３８　１２３４　５６７８"), true}, /* U+3000 */
    {V("13812345678X"), true},
    {V("\xFF" "13812345678"), true},
    {V("138 1234 5678 9"), true},
    {V("13812345678\xE5\xB9"), true},
    /* not mobile numbers */
    {V("12812345678"), false},
    {V("10812345678"), false},
    {V("23812345678"), false},
    {V("138123456789"), false},          /* 12 digits */
    {V("1381234567"), false},            /* 10 digits */
    {V("9913812345678"), false},         /* inside a 13-digit run */
    {V("8623812345678"), false},         /* 86, then no mobile */
    {V("00861381234567"), false},        /* 0086 and 10 digits */
    {V("110101199003071234"), false},    /* identity number */
    {V("20240520"), false},
    {V("2024-05-20"), false},
    {V("138  1234 5678"), false},        /* two spaces */
    {V("138 1234  5678"), false},
    {V("138--1234-5678"), false},
    {V("138 12345 678"), false},
    {V("1381 234 5678"), false},
    {V("138_1234_5678"), false},
    {V("138.1234.5678"), false},
    {V("138 1234 56789"), false},
    {V("0138 1234 5678"), false},
    {V("128 1234 5678"), false},
    {V("138 1234"), false},
    {V("138 1234 567"), false},
    {V("1 3812345678"), false},
    {V("0551-12345678"), false},         /* landline */
    {V("损失13812元"), false},
    {V(""), false},
    {V("１"), false},
    {V("1381234567\xEF\xBC"), false},        /* cut-off character at the end */
    {V("\xE5"), false},
};

static void test_id_number(void **state)
{
    (void)state;
    check_bools(fs_has_id_number, id_cases, COUNT(id_cases));
}

static void test_mobile_number(void **state)
{
    (void)state;
    check_bools(fs_has_mobile_number, mobile_cases, COUNT(mobile_cases));
}

/* Free text of 2000 characters (6000+ bytes): numbers are found anywhere,
 * and long digit runs are not numbers. */
static void test_privacy_long_text(void **state)
{
    (void)state;
    const char *han = "\xE5\x8F\x91"; /* 发 */
    size_t chars = 2000, n = chars * 3;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i += 3)
        memcpy(text + i, han, 3);
    assert_false(fs_has_id_number(text, n));
    assert_false(fs_has_mobile_number(text, n));

    /* a mobile at the very end, one at the very start */
    memcpy(text + n - 11, "13812345678", 11);
    assert_true(fs_has_mobile_number(text, n));
    assert_false(fs_has_id_number(text, n));
    memcpy(text + n - 18, "110101199003071234", 18);
    assert_true(fs_has_id_number(text, n));
    assert_false(fs_has_mobile_number(text, n));
    for (size_t i = n - 18; i < n; i += 3)
        memcpy(text + i, han, 3);
    memcpy(text, "138-1234-5678", 13);
    text[13] = '\xE5'; /* leaves a broken character behind: must not matter */
    assert_true(fs_has_mobile_number(text, n));

    /* 2000 full-width digits: one long run, neither */
    for (size_t i = 0; i < n; i += 3)
        memcpy(text + i, "\xEF\xBC\x91", 3); /* U+FF11 */
    assert_false(fs_has_id_number(text, n));
    assert_false(fs_has_mobile_number(text, n));
    free(text);
}

/* Only the view counts: a digit just past n does not extend a run. */
static void test_privacy_view(void **state)
{
    (void)state;
    const char text[] = "1101011990030712345";
    assert_true(fs_has_id_number(text, 18));
    assert_false(fs_has_id_number(text, 19));
    assert_true(fs_has_mobile_number("138123456789", 11));
    assert_false(fs_has_mobile_number("138123456789", 12));
}

/* ---- header names ----------------------------------------------------- */

typedef struct split_case {
    const char *in;
    const char *name, *unit; /* unit NULL: none found */
} split_case;

static const split_case split_cases[] = {
    {"损失金额（元）", "损失金额", "元"},
    {"损失金额(元)", "损失金额", "元"},
    {"损失金额 （万元） ", "损失金额", "万元"},
    {"损失金额【万元】", "损失金额", "万元"},
    {"损失金额【元】", "损失金额", "元"},
    {"损失金额/元", "损失金额", "元"},
    {"损失金额 / 元", "损失金额", "元"},
    {"损失金额／万元", "损失金额", "万元"},
    {"loss_yuan (yuan)", "loss_yuan", "yuan"},
    {"loss_yuan/yuan", "loss_yuan", "yuan"},
    {"loss_yuan[yuan]", "loss_yuan", "yuan"},
    {"\xEF\xBB\xBF案件编号", "案件编号", NULL},
    {" 案件编号 ", "案件编号", NULL},
    {"（元）", "（元）", NULL},
    {"/元", "/元", NULL},
    {"金额/", "金额/", NULL},
    {"a/very long unit text", "a/very long unit text", NULL},
    {"", "", NULL},
};

static void test_header_split(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(split_cases); i++) {
        const split_case *c = &split_cases[i];
        const char *name, *unit;
        size_t nl, ul;
        bool got = fs_header_split(c->in, strlen(c->in), &name, &nl, &unit, &ul);
        if (got != (c->unit != NULL) || nl != strlen(c->name) || memcmp(name, c->name, nl) != 0 ||
            (c->unit && (ul != strlen(c->unit) || memcmp(unit, c->unit, ul) != 0)))
            fail_msg("fs_header_split(\"%s\"): got %d \"%.*s\" \"%.*s\"", c->in, got, (int)nl, name,
                     got ? (int)ul : 0, got ? unit : "");
    }
}

typedef struct near_case {
    const char *name, *alias;
    bool near;
} near_case;

static const near_case near_cases[] = {
    {"抓获人员数", "抓获人数", true},   /* one inserted */
    {"挽回金额", "挽损金额", true},     /* one changed */
    {"协作县区", "协助县区", true},
    {"破案时间", "破案日期", true},     /* 时间 for 日期 */
    {"时间", "日期", true},             /* ... whatever the alias length */
    {"受理时间", "受理日期", true},
    {"损失金", "损失金额", true},       /* one deleted */
    {"案件编", "案件编号", true},
    {"跨区案件编码", "跨区案件编号", true},
    {"破案单位", "破案日期", false},     /* two changed */
    {"破案日期", "破案日期", false},     /* the same */
    {"挽回损失", "挽损金额", false},
    {"起次", "起数", false},             /* alias of two characters */
    {"类别", "类型", false},
    {"序号", "案件编号", false},
    {"时间日期", "破案日期", false},
    {"破案时刻", "破案日期", false},
    {"抓获的人员数", "抓获人数", false},
    {"", "抓获人数", false},
    {"\xFF获人数", "抓获人数", false},      /* invalid bytes never match */
};

static void test_header_near_alias(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(near_cases); i++) {
        const near_case *c = &near_cases[i];
        if (fs_header_near_alias(c->name, strlen(c->name), c->alias) != c->near)
            fail_msg("fs_header_near_alias(\"%s\", \"%s\") should be %d", c->name, c->alias, c->near);
    }
    /* 33 characters: never */
    char longname[33 * 3 + 1] = "";
    for (int i = 0; i < 33; i++)
        strcat(longname, "抓");
    assert_false(fs_header_near_alias(longname, strlen(longname), "抓获人数"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_table),
        cmocka_unit_test(test_cents_table),
        cmocka_unit_test(test_int_forms_are_cents),
        cmocka_unit_test(test_int_roundtrip),
        cmocka_unit_test(test_number_view),
        cmocka_unit_test(test_number_long_input),
        cmocka_unit_test(test_date_table),
        cmocka_unit_test(test_date_long_input),
        cmocka_unit_test(test_date_view),
        cmocka_unit_test(test_date_days_fixed),
        cmocka_unit_test(test_date_every_day),
        cmocka_unit_test(test_date_iso),
        cmocka_unit_test(test_scientific),
        cmocka_unit_test(test_id_number),
        cmocka_unit_test(test_mobile_number),
        cmocka_unit_test(test_privacy_long_text),
        cmocka_unit_test(test_privacy_view),
        cmocka_unit_test(test_header_split),
        cmocka_unit_test(test_header_near_alias),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
