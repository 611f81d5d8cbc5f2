/*
 * fuzz_parse.c — libFuzzer harness: the value parsers of report/common/parse.c
 * and the text helpers of report/common/text.c, with their contracts as
 * invariants (parse.h, text.h): no reading past n (the input is an exact
 * heap copy, so ASan sees any overread), outputs only on success, results
 * in range, the written forms read back the same, integer and money
 * parsing agree.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "parse.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define E15 INT64_C(1000000000000000)

static void check_numbers(const char *s, size_t n)
{
    int64_t iv = 0x5A5A, cv = 0x5A5A;
    fs_parse_result ri = fs_parse_int(s, n, &iv);
    fs_parse_result rc = fs_parse_cents(s, n, &cv);
    FZ_ASSERT(ri <= FS_PARSE_YEAR_RANGE && rc <= FS_PARSE_YEAR_RANGE, "results %d %d", ri, rc);
    if (ri != FS_PARSE_OK)
        FZ_ASSERT(iv == 0x5A5A, "%s", "fs_parse_int wrote its output on failure");
    if (rc != FS_PARSE_OK)
        FZ_ASSERT(cv == 0x5A5A, "%s", "fs_parse_cents wrote its output on failure");
    if (ri == FS_PARSE_OK) {
        FZ_ASSERT(iv > -E15 && iv < E15, "int out of range: %" PRId64, iv);
        /* A whole number is a money amount too, a hundred times over. */
        FZ_ASSERT(rc == FS_PARSE_OK && cv == iv * 100,
                  "int %" PRId64 " but cents result %d value %" PRId64, iv, rc, cv);
        /* The plain decimal form of the value reads back the same. */
        char buf[32];
        int k = snprintf(buf, sizeof buf, "%" PRId64, iv);
        int64_t back;
        FZ_ASSERT(fs_parse_int(buf, (size_t)k, &back) == FS_PARSE_OK && back == iv,
                  "%s does not read back", buf);
    }
    if (rc == FS_PARSE_OK) {
        FZ_ASSERT(cv > -E15 * 100 && cv < E15 * 100, "cents out of range: %" PRId64, cv);
        char buf[40];
        int64_t a = cv < 0 ? -cv : cv;
        int k = snprintf(buf, sizeof buf, "%s%" PRId64 ".%02" PRId64, cv < 0 ? "-" : "", a / 100,
                         a % 100);
        int64_t back;
        FZ_ASSERT(fs_parse_cents(buf, (size_t)k, &back) == FS_PARSE_OK && back == cv,
                  "%s does not read back", buf);
    }
    if (ri == FS_PARSE_SCIENTIFIC || rc == FS_PARSE_SCIENTIFIC)
        FZ_ASSERT(ri == rc, "int %d and cents %d disagree on the form", ri, rc);
}

static void check_date(const char *s, size_t n)
{
    fs_date d = {-7, -7, -7};
    fs_parse_result r = fs_parse_date(s, n, &d);
    FZ_ASSERT(r <= FS_PARSE_YEAR_RANGE, "date result %d", r);
    if (r != FS_PARSE_OK) {
        FZ_ASSERT(d.year == -7 && d.month == -7 && d.day == -7, "%s",
                  "fs_parse_date wrote its output on failure");
        return;
    }
    FZ_ASSERT(d.year >= 2000 && d.year <= 2100 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
                  d.day <= 31,
              "date %d-%d-%d", d.year, d.month, d.day);
    char iso[11];
    fs_date_iso(d, iso);
    fs_date back;
    FZ_ASSERT(fs_parse_date(iso, 10, &back) == FS_PARSE_OK && back.year == d.year &&
                  back.month == d.month && back.day == d.day,
              "%s does not read back", iso);
    /* Days are consecutive: the next calendar day is one more. */
    long days = fs_date_days(d);
    fs_date next = d;
    next.day++;
    char nbuf[11];
    fs_date_iso(next, nbuf);
    fs_date nd;
    if (fs_parse_date(nbuf, 10, &nd) == FS_PARSE_OK)
        FZ_ASSERT(fs_date_days(nd) == days + 1, "day after %s", iso);
}

static void check_text_helpers(const char *s, size_t n)
{
    bool valid = fs_utf8_valid(s, n);
    /* fs_utf8_valid agrees with decoding code point by code point. */
    size_t i = 0, count = 0;
    uint32_t cp;
    size_t k = 1;
    while (i < n && (k = fs_utf8_decode(s + i, n - i, &cp)) > 0) {
        FZ_ASSERT(k <= 4 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF), "decode %zu", k);
        i += k;
        count++;
    }
    FZ_ASSERT(valid == (i == n), "%s", "fs_utf8_valid and fs_utf8_decode disagree");
    if (valid)
        FZ_ASSERT(fs_utf8_count(s, n) == count, "%s", "fs_utf8_count");

    const char *t = s;
    size_t tn = n;
    fs_trim(&t, &tn);
    FZ_ASSERT(t >= s && t + tn <= s + n, "%s", "fs_trim left the view");
    const char *t2 = t;
    size_t tn2 = tn;
    fs_trim(&t2, &tn2);
    FZ_ASSERT(t2 == t && tn2 == tn, "%s", "fs_trim is not idempotent");

    char *out = malloc(n + 1);
    if (out) {
        size_t m = fs_fold_fullwidth(s, n, out);
        FZ_ASSERT(m <= n && out[m] == '\0', "fold %zu -> %zu", n, m);
        if (valid)
            FZ_ASSERT(fs_utf8_valid(out, m), "%s", "folding broke UTF-8");
        free(out);
    }
    int dist = fs_edit_distance(s, n / 2, s + n / 2, n - n / 2, 3);
    FZ_ASSERT(dist >= 0 && dist <= 4, "edit distance %d", dist);
    FZ_ASSERT(fs_edit_distance(s, n < 64 ? n : 64, s, n < 64 ? n : 64, 2) == 0, "%s",
              "edit distance to itself");
    (void)fs_is_scientific(s, n);
    (void)fs_eq_nocase(s, n, "total");
}

/* The privacy guards on the text and on the text with separators changed,
 * and their contract on the digit strings they are about. */
static void check_privacy(const char *s, size_t n)
{
    bool id = fs_has_id_number(s, n), mobile = fs_has_mobile_number(s, n);
    (void)id;
    (void)mobile;
    /* A number on its own between other text is always found. */
    char buf[64];
    int k = snprintf(buf, sizeof buf, "x 110105194912310021 y");
    FZ_ASSERT(fs_has_id_number(buf, (size_t)k), "%s", "id number not found");
    k = snprintf(buf, sizeof buf, "x 110105 19491231 002X y");
    FZ_ASSERT(fs_has_id_number(buf, (size_t)k), "%s", "grouped id number not found");
    k = snprintf(buf, sizeof buf, "x110105491231002y");
    FZ_ASSERT(fs_has_id_number(buf, (size_t)k), "%s", "15-digit id number not found");
    if (n >= 11) {
        /* Eleven digits 1[3-9]xxxxxxxxx taken from the input. */
        char m[24];
        m[0] = ' ';
        m[1] = '1';
        m[2] = (char)('3' + (unsigned char)s[0] % 7);
        for (int j = 3; j < 12; j++)
            m[j] = (char)('0' + (unsigned char)s[j - 1] % 10);
        m[12] = ' ';
        FZ_ASSERT(fs_has_mobile_number(m, 13), "mobile %.13s not found", m);
    }
}

/* Header names: the split stays inside the view, the name is trimmed and
 * never empty when the cell is not; near misses never hold for the alias
 * itself and read no more than the view. */
static void check_header(const char *s, size_t n)
{
    const char *name, *unit;
    size_t nl, ul;
    bool has_unit = fs_header_split(s, n, &name, &nl, &unit, &ul);
    FZ_ASSERT(name >= s && name + nl <= s + n, "%s", "header name left the view");
    FZ_ASSERT(unit >= s && unit + ul <= s + n, "%s", "header unit left the view");
    if (has_unit)
        FZ_ASSERT(nl > 0 && unit >= name + nl, "%s", "a unit with no name before it");
    static const char *const aliases[] = {"抓获人数", "破案日期", "日期", "跨区案件编号"};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        (void)fs_header_near_alias(s, n, aliases[i]);
        FZ_ASSERT(!fs_header_near_alias(aliases[i], strlen(aliases[i]), aliases[i]), "%s",
                  "a name is a near miss of itself");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy: reading past n is a heap overflow ASan reports. */
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    check_numbers(s, size);
    check_date(s, size);
    check_text_helpers(s, size);
    check_privacy(s, size);
    check_header(s, size);
    free(s);
    return 0;
}
