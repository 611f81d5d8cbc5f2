/*
 * test_workbook.c — unit tests of the forum workbook's kit (report/workbook/wb_*.c,
 * report/workbook/workbook.c): the label table in both languages (complete, same
 * placeholders, valid sheet names), templates, UTF-8 cleaning, display
 * widths, ordinals, and the cell writers themselves: county text that
 * looks like a formula (= + - @, a tab) or holds invalid UTF-8 is written
 * through fs_wb_text into a real workbook, which is then unzipped (libzip)
 * to check every such cell is a shared string, never a formula or link,
 * and that the XML is valid UTF-8.  The whole workbook is tested end to
 * end by tests/e2e/t50-workbook.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "text.h"
#include "wb_int.h"

/* ------------------------------------------------------------ labels */

/* The one label table of the documents (doc_labels.h: the workbook's,
 * the charts' and the briefing's words): every label in both languages,
 * valid UTF-8; only the page-number suffix is empty in English ("Page 3"
 * against "第3页"). */
static void test_labels_complete(void **state)
{
    (void)state;
    assert_int_equal(FS_WB_L_COUNT, FS_L_COUNT);
    assert_string_equal(fs_doc_label_text(FS_LANG_ZH, FS_L_BR_PAGE_SUF), "页");
    for (int id = 0; id < FS_WB_L_COUNT; id++) {
        const char *en = fs_wb_label_text(FS_LANG_EN, (fs_wb_label)id);
        const char *zh = fs_wb_label_text(FS_LANG_ZH, (fs_wb_label)id);
        assert_non_null(en);
        assert_non_null(zh);
        assert_true(en[0] != '\0' || id == FS_L_BR_PAGE_SUF);
        assert_true(zh[0] != '\0');
        assert_true(fs_utf8_valid(en, strlen(en)));
        assert_true(fs_utf8_valid(zh, strlen(zh)));
    }
    assert_string_equal(fs_wb_label_text(FS_LANG_EN, FS_WB_L_COUNT), "");
}

/* Which of {1}..{9} a template uses, as a bit set. */
static unsigned placeholders(const char *s)
{
    unsigned set = 0;
    for (; *s; s++)
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}')
            set |= 1u << (s[1] - '0');
    return set;
}

static void test_labels_same_placeholders(void **state)
{
    (void)state;
    for (int id = 0; id < FS_WB_L_COUNT; id++) {
        unsigned en = placeholders(fs_wb_label_text(FS_LANG_EN, (fs_wb_label)id));
        unsigned zh = placeholders(fs_wb_label_text(FS_LANG_ZH, (fs_wb_label)id));
        if (en != zh)
            fail_msg("label %d: placeholders differ (en %x, zh %x): %s", id, en, zh,
                     fs_wb_label_text(FS_LANG_EN, (fs_wb_label)id));
    }
}

static const fs_wb_label sheet_ids[] = {
    FS_WB_L_SHEET_OVERVIEW, FS_WB_L_SHEET_COUNTIES, FS_WB_L_SHEET_CRIME,
    FS_WB_L_SHEET_DISPUTES, FS_WB_L_SHEET_COOP,     FS_WB_L_SHEET_TRENDS,
    FS_WB_L_SHEET_RECON,    FS_WB_L_SHEET_SOURCES,  FS_WB_L_SHEET_DEFS,
};
#define NSHEETS (sizeof sheet_ids / sizeof sheet_ids[0])

static void test_sheet_names_valid(void **state)
{
    (void)state;
    char path[] = "/tmp/fs_wb_names_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *book = workbook_new(path);
    assert_non_null(book);
    for (int lang = FS_LANG_ZH; lang <= FS_LANG_EN; lang++) {
        for (size_t i = 0; i < NSHEETS; i++) {
            const char *name = fs_wb_label_text((fs_lang)lang, sheet_ids[i]);
            size_t n = strlen(name);
            assert_true(n > 0);
            assert_true(fs_utf8_count(name, n) <= 31);
            assert_null(strpbrk(name, "[]:*?/\\"));
            assert_true(name[0] != '\'' && name[n - 1] != '\'');
            for (size_t j = 0; j < i; j++)
                assert_true(strcasecmp(name, fs_wb_label_text((fs_lang)lang, sheet_ids[j])) != 0);
            assert_int_equal(workbook_validate_sheet_name(book, name), LXW_NO_ERROR);
        }
    }
    workbook_close(book);
    unlink(path);
}

/* ------------------------------------------------------------- text */

static void test_fill(void **state)
{
    (void)state;
    char buf[64];
    const char *args[2] = {"丰县", "2024"};
    assert_string_equal(fs_wb_fill(buf, sizeof buf, "{2}年 · 承办：{1}", args, 2),
                        "2024年 · 承办：丰县");
    /* A placeholder without an argument is left out; other braces stay. */
    assert_string_equal(fs_wb_fill(buf, sizeof buf, "a{3}b{x}", args, 2), "ab{x}");
    /* Cut at a character boundary: "丰县" is 6 bytes, room for 5. */
    char small[6];
    fs_wb_fill(small, sizeof small, "{1}", args, 1);
    assert_string_equal(small, "丰");
    assert_true(fs_utf8_valid(small, strlen(small)));
    fs_wb_fill(small, sizeof small, "ab县区", NULL, 0);
    assert_string_equal(small, "ab县");
}

static void test_clean_utf8(void **state)
{
    (void)state;
    char out[128];
    assert_string_equal(fs_wb_clean_utf8("砀山县 =1+2", out, sizeof out), "砀山县 =1+2");
    /* Invalid bytes, overlong forms and surrogates become U+FFFD. */
    assert_string_equal(fs_wb_clean_utf8("a\xff" "b", out, sizeof out), "a\xEF\xBF\xBD" "b");
    assert_string_equal(fs_wb_clean_utf8("\xC0\xAF", out, sizeof out),
                        "\xEF\xBF\xBD\xEF\xBF\xBD");
    fs_wb_clean_utf8("x\xED\xA0\x80y", out, sizeof out);
    assert_true(fs_utf8_valid(out, strlen(out)));
    assert_null(strstr(out, "\xED\xA0"));
    /* Control characters XML cannot hold become spaces; CRLF becomes LF;
     * tab and newline stay. */
    assert_string_equal(fs_wb_clean_utf8("a\x01" "b\x1f" "c", out, sizeof out), "a b c");
    assert_string_equal(fs_wb_clean_utf8("a\r\nb\rc", out, sizeof out), "a\nb c");
    assert_string_equal(fs_wb_clean_utf8("\t=1", out, sizeof out), "\t=1");
    assert_string_equal(fs_wb_clean_utf8("\xEF\xBF\xBE", out, sizeof out), "\xEF\xBF\xBD");
    /* A small buffer never cuts a character. */
    char small[5];
    fs_wb_clean_utf8("县区县", small, sizeof small);
    assert_string_equal(small, "县");
    /* Excel's limit: 32 767 characters. */
    size_t n = 40000;
    char *big = malloc(n + 1), *dst = malloc(n + 1);
    assert_non_null(big);
    assert_non_null(dst);
    memset(big, 'x', n);
    big[n] = '\0';
    fs_wb_clean_utf8(big, dst, n + 1);
    assert_int_equal(strlen(dst), 32767);
    free(big);
    free(dst);
}

static void test_text_width(void **state)
{
    (void)state;
    assert_true(fs_wb_text_width("") == 0);
    assert_true(fs_wb_text_width("abc") == 3);
    /* CJK and full-width characters count (about) double. */
    double cjk = fs_wb_text_width("县区");
    assert_true(cjk >= 3.5 && cjk <= 4.0);
    assert_true(fs_wb_text_width("（元）") > 5);
    /* The longest line of multi-line text. */
    assert_true(fs_wb_text_width("ab\nabcd\nc") == 4);
}

static void test_ordinals(void **state)
{
    (void)state;
    fs_wb w = {.lang = FS_LANG_EN};
    char buf[32];
    static const struct {
        int n;
        const char *en, *zh;
    } cases[] = {{1, "1st", "一"},    {2, "2nd", "二"},     {3, "3rd", "三"},
                 {4, "4th", "四"},    {10, "10th", "十"},   {11, "11th", "十一"},
                 {12, "12th", "十二"}, {13, "13th", "十三"}, {20, "20th", "二十"},
                 {21, "21st", "二十一"}, {22, "22nd", "二十二"}, {99, "99th", "九十九"},
                 {101, "101st", "101"}, {111, "111th", "111"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        w.lang = FS_LANG_EN;
        fs_wb_ordinal(&w, cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].en);
        w.lang = FS_LANG_ZH;
        fs_wb_ordinal(&w, cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].zh);
    }
}

static void test_directions(void **state)
{
    (void)state;
    assert_int_equal(fs_wb_metric_direction("offenses"), -1);
    assert_int_equal(fs_wb_metric_direction("clearance_pct"), +1);
    assert_int_equal(fs_wb_metric_direction("disputes"), 0);
    assert_int_equal(fs_wb_metric_direction("activities_meeting"), +1);
}

/* ------------------------------------------------------ cell writers */

/* The bytes of a member of a zip file (NUL-terminated; the caller frees). */
static char *zip_member(const char *path, const char *name)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *buf = malloc(st.size + 1);
    assert_non_null(buf);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    buf[st.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    return buf;
}

static void test_county_text_stays_text(void **state)
{
    (void)state;
    char path[] = "/tmp/fs_wb_text_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    fs_zone zone = {.secretariat_zh = "秘书处", .secretariat_en = "Secretariat"};
    fs_wb w = {.zone = &zone, .lang = FS_LANG_EN};
    w.book = workbook_new(path);
    assert_non_null(w.book);
    fs_wb_sheet s;
    fs_wb_sheet_begin(&w, &s, FS_WB_L_SHEET_CRIME, "heading", "subtitle");
    assert_non_null(s.ws);
    static const char *const texts[] = {
        "=1+2", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1+2",
        "=HYPERLINK(\"http://example.com/\",\"x\")", "http://example.com/", "\xff=bad",
    };
    const size_t n = sizeof texts / sizeof texts[0];
    for (size_t i = 0; i < n; i++)
        fs_wb_text(&s, (lxw_row_t)(3 + i), 0, texts[i], NULL);
    fs_wb_sheet_end(&s);
    assert_int_equal(w.st, FS_OK);
    assert_int_equal(workbook_close(w.book), LXW_NO_ERROR);

    char *sheet = zip_member(path, "xl/worksheets/sheet1.xml");
    char *sst = zip_member(path, "xl/sharedStrings.xml");
    assert_null(strstr(sheet, "<f>"));
    assert_null(strstr(sheet, "<hyperlink"));
    /* Every written cell is a shared string: t="s", one per text (plus
     * the heading and subtitle). */
    size_t strings = 0;
    for (const char *p = sheet; (p = strstr(p, "t=\"s\"")); p++)
        strings++;
    assert_int_equal(strings, n + 2);
    assert_non_null(strstr(sst, ">=1+2<"));
    assert_non_null(strstr(sst, ">@SUM(A1)<"));
    assert_non_null(strstr(sst, ">-2+3<"));
    assert_true(fs_utf8_valid(sst, strlen(sst)));
    assert_non_null(strstr(sst, "\xEF\xBF\xBD=bad"));
    free(sheet);
    free(sst);
    unlink(path);
}

/* Writers record the first failure and keep going harmlessly. */
static void test_first_failure_kept(void **state)
{
    (void)state;
    fs_wb w = {.lang = FS_LANG_EN};
    assert_true(fs_wb_check(&w, LXW_NO_ERROR, "fine"));
    assert_false(fs_wb_check(&w, LXW_ERROR_MEMORY_MALLOC_FAILED, "first"));
    assert_int_equal(w.st, FS_ERR_NOMEM);
    fs_wb_fail(&w, FS_ERR_IO, "second");
    assert_int_equal(w.st, FS_ERR_NOMEM);
    assert_non_null(strstr(fs_sbuf_str(&w.err), "first"));
    assert_null(strstr(fs_sbuf_str(&w.err), "second"));
    fs_sbuf_free(&w.err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_complete),
        cmocka_unit_test(test_labels_same_placeholders),
        cmocka_unit_test(test_sheet_names_valid),
        cmocka_unit_test(test_fill),
        cmocka_unit_test(test_clean_utf8),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_directions),
        cmocka_unit_test(test_county_text_stays_text),
        cmocka_unit_test(test_first_failure_kept),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
