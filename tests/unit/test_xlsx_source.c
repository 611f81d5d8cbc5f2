/*
 * test_xlsx_source.c — unit tests for the xlsx reader (report/read/xlsx_*.c):
 * workbooks as Excel, WPS and other writers make them, the cell types,
 * dates and text rules of SpreadsheetML, which sheets are read, the
 * validator's view of cells (locations SHEET!D14, numeric identifiers,
 * error values, merged cells), and hostile archives and XML.
 *
 * Every fixture is built at run time in a private mkdtemp folder: with
 * libzip from XML written here (so each variant says exactly what it
 * tests), with libxlsxwriter for a template-like workbook, and by patching
 * the bytes of an archive where a writer would refuse (lying sizes,
 * duplicate names).  Nothing binary is committed.
 *
 * XLSX_TEST=PATTERN (cmocka wildcards) runs only some tests.  Run with an
 * argument, the binary is also a small driver:
 *     test_xlsx_source FILE.xlsx   prints the rows of every sheet read and
 *                                  the diagnostics (for trying real files).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "validate.h"
#include "xlsx_int.h"
#include "xlsx_source.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define RT NS_R "/"
#define NS_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_STRICT_R "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static char g_dir[PATH_MAX / 2];

/* ---- small helpers -------------------------------------------------- */

typedef struct sb {
    char *p;
    size_t len, cap;
} sb;

static void sb_addn(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        assert_non_null(b->p);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_add(sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[4096];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if ((size_t)n < sizeof tmp) {
        sb_addn(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    assert_non_null(big);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_addn(b, big, (size_t)n);
    free(big);
}

static const char *path_of(const char *name)
{
    static char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s/%s", g_dir, name);
    return buf;
}

static void write_file(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(path_of(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static unsigned char *read_file(const char *name, size_t *n)
{
    FILE *f = fopen(path_of(name), "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)size);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *n = (size_t)size;
    return p;
}

/* ---- writing archives ------------------------------------------------ */

typedef struct part {
    const char *name;
    const char *data; /* NUL-terminated unless len is set */
    size_t len;
} part;

static void write_zip(const char *name, const part *parts, size_t n, bool store)
{
    int err = 0;
    zip_t *za = zip_open(path_of(name), ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(za, parts[i].data, len, 0);
        assert_non_null(src);
        zip_int64_t idx = zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        assert_true(idx >= 0);
        assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
                                                  store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0),
                         0);
    }
    assert_int_equal(zip_close(za), 0);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static void wr32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Patch an archive written by write_zip: the entry `entry` gets the
 * declared uncompressed size `size` (when not 0) and/or the name
 * `rename` (same length) in both its central and local headers. */
static void patch_zip(const char *name, const char *entry, uint32_t size, const char *rename)
{
    size_t n;
    unsigned char *z = read_file(name, &n);
    size_t eocd = n - 22;
    assert_int_equal(rd32(z + eocd), 0x06054b50);
    size_t cd = rd32(z + eocd + 16), count = rd16(z + eocd + 10);
    bool done = false;
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(rd32(z + cd), 0x02014b50);
        size_t nl = rd16(z + cd + 28), el = rd16(z + cd + 30), cl = rd16(z + cd + 32);
        size_t local = rd32(z + cd + 42);
        if (nl == strlen(entry) && memcmp(z + cd + 46, entry, nl) == 0) {
            if (size) {
                wr32(z + cd + 24, size);
                wr32(z + local + 22, size);
            }
            if (rename) {
                assert_int_equal(strlen(rename), nl);
                memcpy(z + cd + 46, rename, nl);
                memcpy(z + local + 30, rename, nl);
            }
            done = true;
        }
        cd += 46 + nl + el + cl;
    }
    assert_true(done);
    write_file(name, z, n);
    free(z);
}

/* ---- workbooks from parts --------------------------------------------- */

typedef struct sheet_spec {
    const char *name;
    const char *state; /* NULL = visible */
    const char *data;  /* inner XML of <sheetData> */
    const char *tail;  /* after </sheetData> (mergeCells ...), or NULL */
} sheet_spec;

typedef struct book_spec {
    const sheet_spec *sheets;
    size_t nsheets;
    const char *const *sst; /* inner XML of each <si>; NULL = no shared strings */
    size_t nsst;
    const char *wbpr;       /* inserted before <sheets>, or NULL */
    const char *styles;     /* NULL = the default below */
    const part *extra;      /* added, or replacing a part of the same name */
    size_t nextra;
    bool store;
} book_spec;

/* Cell formats: 0 General, 1 built-in 14 (date), 2 "yyyy/m/d", 3 a number
 * format with a colour section, 4 a CJK custom date, 5 Text (@), 6 built-in
 * 31 (CJK date), 7 built-in 22 (date and time), 8 [h]:mm, 9 "0.00E+00".
 * The cellStyleXfs entry with a date format must not count. */
static const char DEFAULT_STYLES[] =
    XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"5\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00_);[Red]\\(#,##0.00\\)\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"[h]:mm\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"0.00E+00\"/>"
    "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"10\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"49\"/>"
    "<xf numFmtId=\"31\"/><xf numFmtId=\"22\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/>"
    "</cellXfs></styleSheet>";

static void build_book(const char *file, const book_spec *b)
{
    sb parts_text[64] = {{0}};
    part parts[64];
    size_t np = 0;
#define PART(nm) (parts[np].name = (nm), parts[np].len = 0, &parts_text[np])
    sb *t = PART("[Content_Types].xml");
    sb_add(t, XML_DECL "<Types xmlns=\"" NS_CT "\">"
              "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
              "</Types>");
    np++;
    t = PART("_rels/.rels");
    sb_add(t, XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" RT
              "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    np++;
    t = PART("xl/workbook.xml");
    sb_add(t, XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">%s<sheets>",
           b->wbpr ? b->wbpr : "");
    for (size_t i = 0; i < b->nsheets; i++)
        sb_add(t, "<sheet name=\"%s\" sheetId=\"%zu\"%s%s%s r:id=\"rId%zu\"/>", b->sheets[i].name,
               i + 1, b->sheets[i].state ? " state=\"" : "",
               b->sheets[i].state ? b->sheets[i].state : "", b->sheets[i].state ? "\"" : "",
               i + 1);
    sb_add(t, "</sheets></workbook>");
    np++;
    t = PART("xl/_rels/workbook.xml.rels");
    sb_add(t, XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">");
    for (size_t i = 0; i < b->nsheets; i++)
        sb_add(t, "<Relationship Id=\"rId%zu\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
               i + 1, i + 1);
    sb_add(t, "<Relationship Id=\"rIdS\" Type=\"" RT "styles\" Target=\"styles.xml\"/>");
    if (b->sst)
        sb_add(t, "<Relationship Id=\"rIdT\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>");
    sb_add(t, "</Relationships>");
    np++;
    t = PART("xl/styles.xml");
    sb_add(t, "%s", b->styles ? b->styles : DEFAULT_STYLES);
    np++;
    if (b->sst) {
        t = PART("xl/sharedStrings.xml");
        sb_add(t, XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"%zu\" uniqueCount=\"%zu\">", b->nsst,
               b->nsst);
        for (size_t i = 0; i < b->nsst; i++)
            sb_add(t, "<si>%s</si>", b->sst[i]);
        sb_add(t, "</sst>");
        np++;
    }
    static char names[16][64];
    for (size_t i = 0; i < b->nsheets; i++) {
        snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%zu.xml", i + 1);
        t = PART(names[i]);
        sb_add(t, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">"
                  "<dimension ref=\"A1:XFD1048576\"/><sheetData>");
        sb_addn(t, b->sheets[i].data, strlen(b->sheets[i].data));
        sb_add(t, "</sheetData>");
        if (b->sheets[i].tail)
            sb_addn(t, b->sheets[i].tail, strlen(b->sheets[i].tail));
        sb_add(t, "</worksheet>");
        np++;
    }
    for (size_t i = 0; i < np; i++) {
        parts[i].data = parts_text[i].p;
        parts[i].len = parts_text[i].len;
    }
    for (size_t k = 0; k < b->nextra; k++) {
        size_t i = 0;
        while (i < np && strcmp(parts[i].name, b->extra[k].name) != 0)
            i++;
        if (i == np)
            np++;
        parts[i] = b->extra[k];
        if (!parts[i].len)
            parts[i].len = strlen(parts[i].data);
    }
    write_zip(file, parts, np, b->store);
    for (size_t i = 0; i < COUNT(parts_text); i++)
        free(parts_text[i].p);
#undef PART
}

/* A one-sheet book "incidents" with these rows. */
static void one_sheet(const char *file, const char *data, const char *const *sst, size_t nsst)
{
    sheet_spec s = {"incidents", NULL, data, NULL};
    book_spec b = {&s, 1, sst, nsst, NULL, NULL, NULL, 0, false};
    build_book(file, &b);
}

/* ---- reading ----------------------------------------------------------- */

/* Rows of sheet i as text: "ROW: T'text' I12 R1.5 E'#N/A' _ _[A3:A5]". */
static char *dump_sheet(fs_xlsx_book *bk, size_t i, fs_diags *d)
{
    fs_source *src = NULL;
    assert_int_equal(fs_xlsx_sheet_source(bk, i, &src, d), FS_OK);
    assert_int_equal(src->loc_kind, FS_LOC_CELL);
    assert_true(src->spreadsheet);
    sb out = {0};
    sb_add(&out, "%s", "");
    for (;;) {
        fs_row r;
        bool eof;
        fs_status st = fs_source_next(src, &r, &eof, d);
        if (st != FS_OK) {
            sb_add(&out, "STATUS %d\n", st);
            break;
        }
        if (eof)
            break;
        sb_add(&out, "%ld:", r.line);
        for (size_t j = 0; j < r.nfields; j++) {
            const fs_field *f = &r.fields[j];
            switch (f->type) {
            case FS_V_NULL:
                if (f->merged)
                    sb_add(&out, " _[%s]", f->merged);
                else
                    sb_add(&out, " _");
                break;
            case FS_V_TEXT:
                sb_add(&out, " T'");
                sb_addn(&out, f->s, f->len);
                sb_add(&out, "'");
                break;
            case FS_V_INT: sb_add(&out, " I%" PRId64, f->i); break;
            case FS_V_REAL: sb_add(&out, " R%.15g", f->r); break;
            case FS_V_ERROR:
                sb_add(&out, " E'");
                sb_addn(&out, f->s, f->len);
                sb_add(&out, "'");
                break;
            default: sb_add(&out, " ?"); break;
            }
        }
        sb_add(&out, "\n");
    }
    fs_source_free(src);
    return out.p;
}

/* Open `file`; the status is checked by the caller. */
static fs_status open_book(const char *file, fs_xlsx_book **bk, fs_diags *d)
{
    fs_diags_init(d);
    return fs_xlsx_open(path_of(file), file, bk, d);
}

/* The first diagnostic with this rule, or NULL. */
static const fs_diag *find_diag(const fs_diags *d, const char *rule)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(fs_rule_id(d->items[i].rule), rule) == 0)
            return &d->items[i];
    return NULL;
}

/* Assert a diagnostic of `rule` at `where` (formatted location) exists. */
static void expect_diag(const fs_diags *d, const char *rule, const char *where)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(fs_rule_id(d->items[i].rule), rule) == 0 &&
            (!where || strcmp(d->items[i].where, where) == 0))
            return;
    for (size_t i = 0; i < d->count; i++)
        print_message("  have: %s [%s] %s\n", d->items[i].where, fs_rule_id(d->items[i].rule),
                      d->items[i].message);
    fail_msg("no %s diagnostic at %s", rule, where ? where : "(any)");
}

/* Open a book expected to be refused with `rule`; returns nothing. */
static void expect_refused(const char *file, const char *rule, const char *where)
{
    fs_diags d;
    fs_xlsx_book *bk = NULL;
    fs_status st = open_book(file, &bk, &d);
    if (st != FS_ERR_DATA)
        fs_diags_print(&d, stderr);
    assert_int_equal(st, FS_ERR_DATA);
    assert_null(bk);
    expect_diag(&d, rule, where);
    fs_diags_free(&d);
}

/* Open, dump sheet 0 and compare. */
static void expect_rows(const char *file, const char *want)
{
    fs_diags d;
    fs_xlsx_book *bk = NULL;
    fs_status st = open_book(file, &bk, &d);
    if (st != FS_OK)
        fs_diags_print(&d, stderr);
    assert_int_equal(st, FS_OK);
    assert_true(fs_xlsx_nsheets(bk) >= 1);
    char *got = dump_sheet(bk, 0, &d);
    if (strcmp(got, want) != 0)
        fs_diags_print(&d, stderr);
    assert_string_equal(got, want);
    free(got);
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ---- setup ------------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *sb_, int flag, struct FTW *ftw)
{
    (void)sb_;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    snprintf(g_dir, sizeof g_dir, "%s/test-xlsx-XXXXXX", base);
    return mkdtemp(g_dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    nftw(g_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

/* ======================================================================
 * Helpers of the reader
 * ==================================================================== */

static void test_refs_and_names(void **state)
{
    (void)state;
    long r;
    int c;
    assert_true(fs_xlsx_parse_ref("A1", &r, &c));
    assert_int_equal(r, 1);
    assert_int_equal(c, 1);
    assert_true(fs_xlsx_parse_ref("XFD1048576", &r, &c));
    assert_int_equal(c, 16384);
    assert_int_equal(r, 1048576);
    assert_true(fs_xlsx_parse_ref("$b$7", &r, &c));
    assert_int_equal(c, 2);
    assert_int_equal(r, 7);
    assert_true(fs_xlsx_parse_ref("AA", &r, &c)); /* a column only */
    assert_int_equal(c, 27);
    assert_int_equal(r, 0);
    assert_false(fs_xlsx_parse_ref("XFE1", &r, &c));
    assert_false(fs_xlsx_parse_ref("A1048577", &r, &c));
    assert_false(fs_xlsx_parse_ref("A0", &r, &c));
    assert_false(fs_xlsx_parse_ref("1A", &r, &c));
    assert_false(fs_xlsx_parse_ref("A1 ", &r, &c));
    assert_false(fs_xlsx_parse_ref("", &r, &c));
    assert_false(fs_xlsx_parse_ref("AAAAAAAAAAAAAAAAAAAA1", &r, &c));
    char buf[16];
    fs_xlsx_cell_name(14, 4, buf, sizeof buf);
    assert_string_equal(buf, "D14");
    fs_xlsx_cell_name(3, 28, buf, sizeof buf);
    assert_string_equal(buf, "AB3");
}

static void test_unescape(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"a_x000D_b", "a\rb"},
        {"_x005F_x0041_", "_x0041_"},           /* an escaped escape stays literal */
        {"_x0041__x0042_", "AB"},
        {"_xD83D__xDE00_", "\xF0\x9F\x98\x80"},  /* a surrogate pair: U+1F600 */
        {"_xD83D_x", "\xEF\xBF\xBDx"},          /* a lone high surrogate */
        {"_xDE00_", "\xEF\xBF\xBD"},
        {"_x0000_", "\xEF\xBF\xBD"},            /* never a NUL byte */
        {"_x4e2d_", "中"},                       /* lower-case hex */
        {"_x00G1_", "_x00G1_"},
        {"_x0041", "_x0041"},
        {"x_", "x_"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char buf[64];
        size_t n = strlen(cases[i].in);
        memcpy(buf, cases[i].in, n);
        n = fs_xlsx_unescape(buf, n);
        buf[n] = '\0';
        assert_string_equal(buf, cases[i].out);
    }
    const char *s = "\n    abc \n  ";
    size_t n = strlen(s);
    fs_xlsx_strip_layout(&s, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "abc", 3);
    s = "  keep  ";
    n = strlen(s);
    fs_xlsx_strip_layout(&s, &n);
    assert_int_equal(n, 8);
}

static void test_format_is_date(void **state)
{
    (void)state;
    int dates[] = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 31, 36, 45, 46, 47, 50, 55, 57, 58};
    int numbers[] = {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 26, 37, 40, 44, 48, 49, 59, 164};
    for (size_t i = 0; i < COUNT(dates); i++)
        assert_true(fs_xlsx_format_is_date(dates[i], NULL));
    for (size_t i = 0; i < COUNT(numbers); i++)
        assert_false(fs_xlsx_format_is_date(numbers[i], NULL));
    const char *yes[] = {"yyyy-mm-dd", "yyyy/m/d;@", "d-mmm-yy", "[$-804]yyyy\"年\"m\"月\"d\"日\"",
                         "[DBNum1][$-804]m\"月\"d\"日\"", "h:mm AM/PM", "[h]:mm:ss", "mm:ss",
                         "ge.m.d", "e/m/d", "B1yyyy", "[Red]yyyy-mm-dd", "dddd"};
    const char *no[] = {"General", "0.00", "#,##0.00_);[Red]\\(#,##0.00\\)", "0.00E+00", "@",
                        "#,##0\"件\"", "0\"d\"", "\\d0", "_d0", "*d0", "[Red]0", "[>=100]0;0",
                        "0;[Red]yyyy", "\"yyyy\"0"};
    for (size_t i = 0; i < COUNT(yes); i++)
        assert_true(fs_xlsx_format_is_date(164, yes[i]));
    for (size_t i = 0; i < COUNT(no); i++)
        assert_false(fs_xlsx_format_is_date(164, no[i]));
    /* A custom code replaces what a built-in id would mean. */
    assert_false(fs_xlsx_format_is_date(14, "0.00"));
}

static void test_serial_dates(void **state)
{
    (void)state;
    struct {
        double serial;
        bool d1904;
        const char *want; /* NULL: not a date */
    } cases[] = {
        {1, false, "1900-01-01"},       {59, false, "1900-02-28"},
        {60, false, "1900-02-29"},      {61, false, "1900-03-01"},
        {45432, false, "2024-05-20"},   {45432.99999, false, "2024-05-20"},
        {2958465, false, "9999-12-31"}, {0, false, NULL},
        {0.5, false, NULL},             {-1, false, NULL},
        {2958466, false, NULL},         {0, true, "1904-01-01"},
        {43970, true, "2024-05-20"},    {36526, false, "2000-01-01"},
        {73051, false, "2100-01-01"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char buf[11] = "";
        bool ok = fs_xlsx_serial_date(cases[i].serial, cases[i].d1904, buf);
        if (!cases[i].want) {
            assert_false(ok);
            continue;
        }
        assert_true(ok);
        assert_string_equal(buf, cases[i].want);
    }
}

/* ======================================================================
 * Cells
 * ==================================================================== */

static void test_cell_types(void **state)
{
    (void)state;
    static const char *const sst[] = {
        "<t>case_id</t>",
        "<r><t>rich </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">text </t></r><r><t>runs</t></r>",
        "<t>砀山</t><rPh sb=\"0\" eb=\"2\"><t>dang shan</t></rPh><phoneticPr fontId=\"1\"/>",
        "<t>a_x000D__x000A_b</t>",
        "<t xml:space=\"preserve\">  padded  </t>",
        "<t>\n      pretty\n    </t>",
        "<t></t>",
    };
    one_sheet("types.xlsx",
              "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
              "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
              "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c>"
              "<c r=\"G1\" t=\"s\"><v>6</v></c></row>"
              "<row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\"><v>-3.25</v></c>"
              "<c r=\"C2\"><v>1.2345678901234567E+17</v></c><c r=\"D2\"><v>1E3</v></c>"
              "<c r=\"E2\" t=\"n\"><v> 7 </v></c><c r=\"F2\"><v>-0</v></c>"
              "<c r=\"G2\"><v>9007199254740993</v></c></row>"
              "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"b\"><v>0</v></c>"
              "<c r=\"C3\" t=\"e\"><v>#N/A</v></c><c r=\"D3\" t=\"str\"><f>A1&amp;\"x\"</f><v>A_x0042_</v></c>"
              "<c r=\"E3\"><f>SUM(A2:B2)</f><v>38.75</v></c><c r=\"F3\"><f>1+1</f></c>"
              "<c r=\"G3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
              "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>inline</t></is></c>"
              "<c r=\"B4\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r>"
              "<rPh><t>x</t></rPh></is></c><c r=\"C4\" t=\"d\"><v>2024-05-20T00:00:00</v></c>"
              "<c r=\"D4\" s=\"3\"/><c r=\"E4\"><v></v></c><c r=\"F4\" t=\"str\"><f>\"\"</f><v></v></c>"
              "<c r=\"G4\"><f>NOW()</f><v/></c></row>"
              "<row r=\"6\" spans=\"1:7\" s=\"2\" customFormat=\"1\"><c r=\"A6\" s=\"2\"/></row>"
              "<row r=\"7\"><c r=\"C7\" t=\"s\"><v>0</v></c></row>",
              sst, COUNT(sst));
    expect_rows("types.xlsx",
                "1: T'case_id' T'rich text runs' T'砀山' T'a\r\nb' T'  padded  ' T'pretty' T''\n"
                "2: I42 R-3.25 R1.23456789012346e+17 I1000 I7 I0 R9.00719925474099e+15\n"
                "3: T'TRUE' T'FALSE' E'#N/A' T'AB' R38.75 E'' E'#DIV/0!'\n"
                "4: T'inline' T'inline' T'2024-05-20' _ _ T'' E''\n"
                "7: _ _ T'case_id' _ _ _ _\n");
}

static void test_dates_by_style(void **state)
{
    (void)state;
    one_sheet("dates.xlsx",
              "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45432</v></c><c r=\"B1\" s=\"2\"><v>45432.5</v></c>"
              "<c r=\"C1\" s=\"3\"><v>45432</v></c><c r=\"D1\" s=\"4\"><v>45433</v></c>"
              "<c r=\"E1\" s=\"5\"><v>45432</v></c><c r=\"F1\" s=\"6\"><v>45434</v></c>"
              "<c r=\"G1\" s=\"7\"><v>45435.75</v></c><c r=\"H1\" s=\"8\"><v>1.5</v></c>"
              "<c r=\"I1\" s=\"9\"><v>45432</v></c><c r=\"J1\"><v>45432</v></c>"
              "<c r=\"K1\" s=\"99\"><v>45432</v></c><c r=\"L1\" s=\"1\"><v>60</v></c>"
              "<c r=\"M1\" s=\"1\"><v>0</v></c><c r=\"N1\" s=\"1\"><v>-5</v></c>"
              "<c r=\"O1\" s=\"1\" t=\"s\"><v>0</v></c></row>",
              (const char *const[]){"<t>2024/5/20</t>"}, 1);
    expect_rows("dates.xlsx",
                "1: T'2024-05-20' T'2024-05-20' I45432 T'2024-05-21' I45432 T'2024-05-22' "
                "T'2024-05-23' T'1900-01-01' I45432 I45432 I45432 T'1900-02-29' I0 I-5 "
                "T'2024/5/20'\n");
    /* The 1904 date system (old Mac workbooks). */
    sheet_spec s = {"incidents", NULL,
                    "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43970</v></c><c r=\"B1\" s=\"1\"><v>0</v></c></row>",
                    NULL};
    book_spec b = {&s, 1, NULL, 0, "<workbookPr date1904=\"true\"/>", NULL, NULL, 0, false};
    build_book("d1904.xlsx", &b);
    expect_rows("d1904.xlsx", "1: T'2024-05-20' T'1904-01-01'\n");
}

static void test_missing_references(void **state)
{
    (void)state;
    /* Cells without r follow the previous cell; rows without r the
     * previous row; a row without r takes its number from its first
     * cell's reference when it has one.  Out-of-order and repeated cells
     * land where their reference says. */
    one_sheet("nor.xlsx",
              "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E1\"><v>5</v></c><c><v>6</v></c></row>"
              "<row><c><v>21</v></c></row>"
              "<row r=\"5\"><c r=\"C5\"><v>53</v></c><c r=\"A5\"><v>51</v></c><c r=\"A5\"><v>52</v></c></row>"
              "<row><c r=\"B9\"><v>92</v></c></row>"
              "<row><c><v>101</v></c></row>"
              "<row r=\"3\"><c r=\"A3\"><v>31</v></c></row>",
              NULL, 0);
    expect_rows("nor.xlsx", "1: I1 I2 _ _ I5 I6\n"
                            "2: I21 _ _ _ _ _\n"
                            "5: I52 _ I53 _ _ _\n"
                            "9: _ I92 _ _ _ _\n"
                            "10: I101 _ _ _ _ _\n"
                            "3: I31 _ _ _ _ _\n");
}

static void test_merged_cells(void **state)
{
    (void)state;
    sheet_spec s = {"incidents", NULL,
                    "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c>"
                    "<c r=\"D1\"><v>4</v></c></row>"
                    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>"
                    "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>"
                    "<row r=\"4\"><c r=\"A4\"><v>1</v></c></row>",
                    "<mergeCells count=\"3\"><mergeCell ref=\"B2:B4\"/><mergeCell ref=\"D3:C2\"/>"
                    "<mergeCell ref=\"Z9\"/><mergeCell ref=\"junk\"/></mergeCells>"};
    book_spec b = {&s, 1, NULL, 0, NULL, NULL, NULL, 0, false};
    build_book("merged.xlsx", &b);
    expect_rows("merged.xlsx", "1: I1 I2 I3 I4\n"
                               "2: I1 I2 _ _[C2:D3]\n"
                               "3: I1 _[B2:B4] _[C2:D3] _[C2:D3]\n"
                               "4: I1 _[B2:B4] _ _\n");
    /* A prefixed namespace: <x:mergeCell> is found too. */
    sheet_spec p = {"incidents", NULL, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"B2\"><v>1</v></c></row>",
                    "<x:mergeCells xmlns:x=\"" NS_MAIN "\"><x:mergeCell ref=\"A1:A2\"/></x:mergeCells>"};
    book_spec pb = {&p, 1, NULL, 0, NULL, NULL, NULL, 0, false};
    build_book("merged2.xlsx", &pb);
    expect_rows("merged2.xlsx", "1: I1\n2: _[A1:A2] I1\n");
}

static void test_big_and_sparse_positions(void **state)
{
    (void)state;
    /* <dimension> claims the whole sheet and a cell sits at the last row:
     * nothing is sized from either. */
    one_sheet("far.xlsx",
              "<row r=\"1048576\"><c r=\"IV1048576\"><v>1</v></c></row>", NULL, 0);
    fs_diags d;
    fs_xlsx_book *bk = NULL;
    assert_int_equal(open_book("far.xlsx", &bk, &d), FS_OK);
    fs_source *src;
    assert_int_equal(fs_xlsx_sheet_source(bk, 0, &src, &d), FS_OK);
    fs_row r;
    bool eof;
    assert_int_equal(fs_source_next(src, &r, &eof, &d), FS_OK);
    assert_false(eof);
    assert_int_equal(r.line, 1048576);
    assert_int_equal(r.nfields, 256);
    assert_int_equal(r.fields[255].type, FS_V_INT);
    fs_source_free(src);
    fs_xlsx_free(bk);
    fs_diags_free(&d);

    /* A value right of column IV is reported once, and not read. */
    one_sheet("wide.xlsx",
              "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"IW1\"><v>2</v></c></row>"
              "<row r=\"2\"><c r=\"XFD2\"><v>3</v></c><c r=\"A2\"><v>4</v></c></row>",
              NULL, 0);
    assert_int_equal(open_book("wide.xlsx", &bk, &d), FS_OK);
    char *got = dump_sheet(bk, 0, &d);
    assert_string_equal(got, "1: I1\n2: I4\n");
    free(got);
    expect_diag(&d, "xlsx.too_many_columns", "wide.xlsx:incidents!IW1");
    assert_int_equal(d.errors, 1);
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ======================================================================
 * Packages as writers make them
 * ==================================================================== */

/* A workbook with prefixed namespaces everywhere (x:), absolute targets,
 * the workbook in a folder of its own, and a sheet whose rels target
 * climbs with "../". */
static void test_prefixes_and_targets(void **state)
{
    (void)state;
    part parts[] = {
        {"[Content_Types].xml",
         XML_DECL "<ct:Types xmlns:ct=\"" NS_CT "\"><ct:Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                  "<ct:Override PartName=\"/Book/WB.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></ct:Types>", 0},
        {"_rels/.rels",
         XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"a\" Type=\"" RT "extended-properties\" Target=\"docProps/app.xml\"/>"
                  "<Relationship Id=\"b\" Type=\"" RT "officeDocument\" Target=\"/book/wb.xml\"/></Relationships>", 0},
        {"Book/WB.xml",
         XML_DECL "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:rr=\"" NS_R "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                  "<mc:AlternateContent><mc:Choice Requires=\"x15\"><x:sheets><x:sheet name=\"bogus\" rr:id=\"r9\"/></x:sheets></mc:Choice></mc:AlternateContent>"
                  "<x:sheets><x:sheet name=\"incidents\" sheetId=\"1\" rr:id=\"r1\"/><x:sheet name=\"ext\" sheetId=\"2\" state=\"hidden\" rr:id=\"r2\"/></x:sheets></x:workbook>", 0},
        {"Book/_rels/WB.xml.rels",
         XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">"
                  "<Relationship Id=\"r1\" Type=\"" RT "worksheet\" Target=\"./sheets/../sheets/s1.xml\"/>"
                  "<Relationship Id=\"r2\" Type=\"" RT "worksheet\" Target=\"http://example.com/x.xml\" TargetMode=\"External\"/>"
                  "<Relationship Id=\"r3\" Type=\"" RT "sharedStrings\" Target=\"/Shared/SST.xml\"/>"
                  "<Relationship Id=\"r4\" Type=\"" RT "styles\" Target=\"../book/st.xml\"/></Relationships>", 0},
        {"book/sheets/s1.xml",
         XML_DECL "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row x:r=\"1\" r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
                  "<x:c r=\"B1\" s=\"1\"><x:v>45432</x:v></x:c><x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>in</x:t></x:is></x:c></x:row></x:sheetData>"
                  "<x:extLst><x:ext uri=\"{1}\" xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
                  "<x14:dataValidations><x14:dataValidation><xm:f xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">lists!A1</xm:f>"
                  "</x14:dataValidation></x14:dataValidations></x:ext></x:extLst></x:worksheet>", 0},
        {"shared/sst.xml", XML_DECL "<s:sst xmlns:s=\"" NS_MAIN "\"><s:si><s:t>prefixed</s:t></s:si></s:sst>", 0},
        {"book/st.xml", XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\"><cellXfs><xf/><xf numFmtId=\"14\"/></cellXfs></styleSheet>", 0},
    };
    write_zip("prefixed.xlsx", parts, COUNT(parts), false);
    expect_rows("prefixed.xlsx", "1: T'prefixed' T'2024-05-20' T'in'\n");
}

/* Strict Open XML: other namespaces and relationship types. */
static void test_strict_ooxml(void **state)
{
    (void)state;
    part parts[] = {
        {"[Content_Types].xml",
         XML_DECL "<Types xmlns=\"" NS_CT "\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                  "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>", 0},
        {"_rels/.rels",
         XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", 0},
        {"xl/workbook.xml",
         XML_DECL "<workbook xmlns=\"" NS_STRICT "\" xmlns:r=\"" NS_STRICT_R "\" conformance=\"strict\"><workbookPr date1904=\"1\"/>"
                  "<sheets><sheet name=\"disputes\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0},
        {"xl/_rels/workbook.xml.rels",
         XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                  "<Relationship Id=\"rId2\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                  "<Relationship Id=\"rId3\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/styles\" Target=\"styles.xml\"/></Relationships>", 0},
        {"xl/worksheets/sheet1.xml",
         XML_DECL "<worksheet xmlns=\"" NS_STRICT "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43970</v></c></row></sheetData></worksheet>", 0},
        {"xl/sharedStrings.xml", XML_DECL "<sst xmlns=\"" NS_STRICT "\"><si><t>strict</t></si></sst>", 0},
        {"xl/styles.xml", XML_DECL "<styleSheet xmlns=\"" NS_STRICT "\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>", 0},
    };
    write_zip("strict.xlsx", parts, COUNT(parts), true);
    expect_rows("strict.xlsx", "1: T'strict' T'2024-05-20'\n");
}

/* A workbook made the way the template is: libxlsxwriter with an
 * instructions sheet, table sheets with Text-formatted identifiers and
 * date-formatted dates, a formula with its cached result, and a hidden
 * list sheet. */
static void test_libxlsxwriter_template(void **state)
{
    (void)state;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = g_dir};
    lxw_workbook *wb = workbook_new_opt(path_of("lxw.xlsx"), &opt);
    assert_non_null(wb);
    lxw_format *text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *cn = workbook_add_format(wb);
    format_set_num_format(cn, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_worksheet *ins = workbook_add_worksheet(wb, "填写说明 Instructions");
    worksheet_write_string(ins, 0, 0, "case_id county date_reported", NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "刑事案件");
    const char *head[] = {"案件编号", "县区代码", "立案日期", "案件类别", "起数", "状态", "破案日期", "损失金额（元）"};
    for (int c = 0; c < 8; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_set_column(ws, 0, 0, 14, text);
    worksheet_write_string(ws, 1, 0, "DS-0001", text);
    worksheet_write_number(ws, 1, 1, 341321, NULL);
    lxw_datetime dt = {2024, 5, 20, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &dt, date);
    worksheet_write_string(ws, 1, 3, "05", text);
    worksheet_write_number(ws, 1, 4, 2, NULL);
    worksheet_write_string(ws, 1, 5, "已破", NULL);
    lxw_datetime dt2 = {2024, 6, 1, 9, 30, 0};
    worksheet_write_datetime(ws, 1, 6, &dt2, cn);
    worksheet_write_formula_num(ws, 1, 7, "=1200.5*2", NULL, 2401);
    lxw_worksheet *lists = workbook_add_worksheet(wb, "lists");
    worksheet_write_string(lists, 0, 0, "county", NULL);
    worksheet_hide(lists);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    fs_diags d;
    fs_xlsx_book *bk = NULL;
    assert_int_equal(open_book("lxw.xlsx", &bk, &d), FS_OK);
    assert_int_equal(fs_xlsx_nsheets(bk), 1);
    assert_string_equal(fs_xlsx_sheet_name(bk, 0), "刑事案件");
    char *got = dump_sheet(bk, 0, &d);
    assert_string_equal(got, "1: T'案件编号' T'县区代码' T'立案日期' T'案件类别' T'起数' T'状态' T'破案日期' T'损失金额（元）'\n"
                             "2: T'DS-0001' I341321 T'2024-05-20' T'05' I2 T'已破' T'2024-06-01' I2401\n");
    free(got);
    assert_int_equal(d.count, 0);
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ======================================================================
 * Which sheets are read
 * ==================================================================== */

static void test_sheet_selection(void **state)
{
    (void)state;
    static const char header[] = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>case_id</t></is></c>"
                                 "<c r=\"B1\" t=\"inlineStr\"><is><t>county</t></is></c></row>";
    static const char dheader[] = "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>dispute_id</t></is></c></row>";
    sheet_spec s[] = {
        {"Instructions", NULL, header, NULL},            /* ignored by name      */
        {"incidents", "hidden", header, NULL},           /* hidden, named: warn  */
        {"lists", "veryHidden", header, NULL},           /* hidden: silent       */
        {"Sheet1", NULL, "", NULL},                      /* empty: silent        */
        {"notes", NULL, "<row r=\"1\"><c t=\"inlineStr\"><is><t>hello</t></is></c></row>", NULL},
        {"incidents 2024", NULL, header, NULL},          /* read                  */
        {"disputes", NULL, "<row r=\"1\"><c t=\"inlineStr\"><is><t>title</t></is></c></row>", NULL},
        {"cooperation", NULL, dheader, NULL},            /* read as disputes     */
        {"README", NULL, header, NULL},                  /* ignored by name      */
        {"字段说明 Dictionary", NULL, header, NULL},      /* ignored by name      */
        {"lists", NULL, header, NULL},                   /* unhidden lists: name */
        /* one standard name (日期) is no header: a notes sheet, warn */
        {"汇总", NULL, "<row r=\"1\"><c t=\"inlineStr\"><is><t>日期</t></is></c>"
                      "<c t=\"inlineStr\"><is><t>合计</t></is></c></row>", NULL},
    };
    book_spec b = {s, COUNT(s), NULL, 0, NULL, NULL, NULL, 0, false};
    build_book("sel.xlsx", &b);
    fs_diags d;
    fs_xlsx_book *bk = NULL;
    assert_int_equal(open_book("sel.xlsx", &bk, &d), FS_OK);
    assert_int_equal(fs_xlsx_nsheets(bk), 3);
    assert_string_equal(fs_xlsx_sheet_name(bk, 0), "incidents 2024");
    assert_string_equal(fs_xlsx_sheet_name(bk, 1), "disputes");
    assert_string_equal(fs_xlsx_sheet_name(bk, 2), "cooperation");
    expect_diag(&d, "xlsx.sheet_ignored", "sel.xlsx:incidents");
    expect_diag(&d, "xlsx.sheet_ignored", "sel.xlsx:notes");
    expect_diag(&d, "xlsx.sheet_ignored", "sel.xlsx:汇总");
    expect_diag(&d, "xlsx.sheet_name", "sel.xlsx:cooperation");
    assert_int_equal(d.count, 4);
    assert_int_equal(d.errors, 0);
    fs_source *src = NULL;
    assert_int_equal(fs_xlsx_sheet_source(bk, 3, &src, &d), FS_ERR_USAGE);
    assert_null(src);
    fs_xlsx_free(bk);
    fs_diags_free(&d);

    /* Nothing to read at all (the tables hidden or deleted): refused. */
    sheet_spec e[] = {{"Sheet1", NULL, "", NULL}, {"incidents", "hidden", header, NULL}};
    book_spec eb = {e, 2, NULL, 0, NULL, NULL, NULL, 0, false};
    build_book("empty.xlsx", &eb);
    expect_refused("empty.xlsx", "xlsx.no_tables", "empty.xlsx");
}

/* ======================================================================
 * What the validator makes of cells
 * ==================================================================== */

static void test_validator_view(void **state)
{
    (void)state;
    static const char *const sst[] = {"<t>case_id</t>", "<t>county</t>", "<t>date_reported</t>",
                                      "<t>category</t>", "<t>offenses</t>", "<t>status</t>",
                                      "<t>open</t>", "<t>DS-1</t>", "<t>subcategory</t>"};
#define ROW_OK(n, id) "<row r=\"" #n "\">" id "<c r=\"B" #n "\"><v>341321</v></c><c r=\"C" #n "\" s=\"1\"><v>45432</v></c>" \
    "<c r=\"D" #n "\"><v>5</v></c><c r=\"E" #n "\"><v>1</v></c><c r=\"F" #n "\" t=\"s\"><v>6</v></c></row>"
    /* Row 2 is valid (county and category typed as numbers, date as a
     * date); 3: an 18-digit case_id typed as a number; 4: #N/A; 5: a
     * formula never calculated; 6-7: B6:B7 merged, so B7 is empty; F7
     * empty too, E7 an error value. */
    sheet_spec sm = {"incidents", NULL,
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
        "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c>"
        "<c r=\"G1\" t=\"s\"><v>8</v></c></row>"
        ROW_OK(2, "<c r=\"A2\" t=\"s\"><v>7</v></c>")
        ROW_OK(3, "<c r=\"A3\"><v>123456789012345678</v></c>")
        ROW_OK(4, "<c r=\"A4\" t=\"e\"><v>#N/A</v></c>")
        ROW_OK(5, "<c r=\"A5\"><f>VLOOKUP(1,lists!A:B,2,0)</f></c>")
        "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>DS-6</t></is></c><c r=\"B6\"><v>341321</v></c>"
        "<c r=\"C6\" s=\"1\"><v>45432</v></c><c r=\"D6\"><v>5</v></c><c r=\"E6\"><v>1</v></c>"
        "<c r=\"F6\" t=\"s\"><v>6</v></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>DS-7</t></is></c><c r=\"C7\" s=\"1\"><v>45432</v></c>"
        "<c r=\"D7\"><v>5</v></c><c r=\"E7\" t=\"e\"><v>#REF!</v></c></row>"
        /* 8: a number with decimals in a text column is its text; 9: a
         * date typed as a number under General; 10: a REAL identifier */
        "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>DS-8</t></is></c><c r=\"B8\"><v>341321</v></c>"
        "<c r=\"C8\" s=\"1\"><v>45432</v></c><c r=\"D8\"><v>5</v></c><c r=\"E8\"><v>1</v></c>"
        "<c r=\"F8\" t=\"s\"><v>6</v></c><c r=\"G8\"><v>3.5</v></c></row>"
        "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>DS-9</t></is></c><c r=\"B9\"><v>341321</v></c>"
        "<c r=\"C9\"><v>45432</v></c><c r=\"D9\"><v>5</v></c><c r=\"E9\"><v>1</v></c>"
        "<c r=\"F9\" t=\"s\"><v>6</v></c></row>"
        ROW_OK(10, "<c r=\"A10\"><v>1.2345678901234567E+15</v></c>"),
        "<mergeCells><mergeCell ref=\"B6:B7\"/></mergeCells>"};
#undef ROW_OK
    book_spec b = {&sm, 1, sst, COUNT(sst), NULL, NULL, NULL, 0, false};
    build_book("valid.xlsx", &b);
    static fs_zone zone;
    static fs_county counties[1];
    memcpy(counties[0].code, "341321", 7);
    counties[0].name_zh = (char *)"砀山县";
    counties[0].name_en = (char *)"Dangshan County";
    zone.counties = counties;
    zone.ncounties = 1;

    fs_diags d;
    fs_xlsx_book *bk = NULL;
    assert_int_equal(open_book("valid.xlsx", &bk, &d), FS_OK);
    fs_source *src;
    assert_int_equal(fs_xlsx_sheet_source(bk, 0, &src, &d), FS_OK);
    fs_validator *v = fs_validator_new(&zone, src, -1);
    assert_non_null(v);
    fs_record rec;
    int kinds[12] = {0};
    long line = 0;
    for (;;) {
        fs_row r;
        bool eof;
        assert_int_equal(fs_source_next(src, &r, &eof, &d), FS_OK);
        if (eof)
            break;
        line = r.line;
        kinds[line] = (int)fs_validator_row(v, &r, &rec, &d);
        if (line == 2)
            assert_string_equal(rec.v[fs_tables[FS_T_INCIDENTS].year_col].s, "2024-05-20");
        if (line == 8) {
            int sub = fs_column_index(FS_T_INCIDENTS, "subcategory");
            assert_int_equal(rec.v[sub].len, 3);
            assert_memory_equal(rec.v[sub].s, "3.5", 3);
        }
    }
    assert_int_equal(line, 10);
    assert_int_equal(kinds[1], FS_ROW_HEADER);
    assert_int_equal(kinds[2], FS_ROW_RECORD);
    assert_int_equal(kinds[6], FS_ROW_RECORD);
    for (int k = 3; k <= 5; k++)
        assert_int_equal(kinds[k], FS_ROW_REJECTED);
    assert_int_equal(kinds[7], FS_ROW_REJECTED);
    assert_int_equal(kinds[8], FS_ROW_RECORD);
    assert_int_equal(kinds[9], FS_ROW_REJECTED);
    assert_int_equal(kinds[10], FS_ROW_REJECTED);
    expect_diag(&d, "value.date_serial", "valid.xlsx:incidents!C9");
    expect_diag(&d, "xlsx.numeric_id", "valid.xlsx:incidents!A10");
    expect_diag(&d, "xlsx.numeric_id", "valid.xlsx:incidents!A3");
    expect_diag(&d, "xlsx.error_value", "valid.xlsx:incidents!A4");
    expect_diag(&d, "xlsx.formula_no_value", "valid.xlsx:incidents!A5");
    expect_diag(&d, "xlsx.error_value", "valid.xlsx:incidents!E7");
    expect_diag(&d, "value.required", "valid.xlsx:incidents!B7");
    expect_diag(&d, "value.required", "valid.xlsx:incidents!F7");
    const fs_diag *m = NULL;
    for (size_t i = 0; i < d.count; i++)
        if (strcmp(d.items[i].where, "valid.xlsx:incidents!B7") == 0)
            m = &d.items[i];
    assert_non_null(m);
    assert_non_null(strstr(m->message, "merged range B6:B7"));
    const fs_diag *e = find_diag(&d, "xlsx.error_value");
    assert_non_null(strstr(e->message, "#N/A"));
    for (size_t i = 0; i < d.count; i++)
        if (strcmp(d.items[i].where, "valid.xlsx:incidents!A10") == 0)
            m = &d.items[i];
    assert_non_null(strstr(m->message, "1234567890123460")); /* the digits Excel kept */
    fs_validator_free(v);
    fs_source_free(src);
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ======================================================================
 * Refused files
 * ==================================================================== */

static void write_ole(const char *file, const char *const *names, size_t n)
{
    unsigned char buf[512 + 512] = {0};
    memcpy(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    buf[0x1E] = 9; /* 512-byte sectors */
    for (size_t i = 0; i < n && i < 4; i++) {
        unsigned char *slot = buf + 512 + 128 * i;
        size_t len = strlen(names[i]);
        for (size_t k = 0; k < len; k++)
            slot[2 * k] = (unsigned char)names[i][k];
        slot[64] = (unsigned char)((len + 1) * 2);
        slot[66] = i == 0 ? 5 : 2;
    }
    write_file(file, buf, sizeof buf);
}

static void test_ole_files(void **state)
{
    (void)state;
    write_ole("legacy.xls", (const char *const[]){"Root Entry", "Workbook", "\x05SummaryInformation"}, 3);
    expect_refused("legacy.xls", "file.spreadsheet", "legacy.xls");
    write_ole("old95.xls", (const char *const[]){"Root Entry", "Book"}, 2);
    expect_refused("old95.xls", "file.spreadsheet", "old95.xls");
    write_ole("enc.xlsx", (const char *const[]){"Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06" "DataSpaces"}, 4);
    expect_refused("enc.xlsx", "file.spreadsheet", "enc.xlsx");
    write_ole("doc.doc", (const char *const[]){"Root Entry", "WordDocument"}, 2);
    expect_refused("doc.doc", "file.binary", "doc.doc");
    write_ole("cut.xls", NULL, 0);
    expect_refused("cut.xls", "file.spreadsheet", "cut.xls");
    /* Messages say what to do. */
    fs_diags d;
    fs_xlsx_book *bk;
    open_book("legacy.xls", &bk, &d);
    assert_non_null(strstr(d.items[0].hint, "Save As > Excel Workbook (*.xlsx)"));
    assert_non_null(strstr(d.items[0].hint, "CSV UTF-8"));
    fs_diags_free(&d);
    open_book("enc.xlsx", &bk, &d);
    assert_non_null(strstr(d.items[0].hint, "remove the password"));
    assert_non_null(strstr(d.items[0].hint, "*.xlsx"));
    fs_diags_free(&d);
}

static void test_other_archives(void **state)
{
    (void)state;
    part zip[] = {{"data/a.csv", "case_id\n", 0}};
    write_zip("plain.zip", zip, 1, false);
    expect_refused("plain.zip", "file.binary", "plain.zip");
    part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0},
                  {"content.xml", "<x/>", 0}};
    write_zip("sheet.ods", ods, 2, true);
    expect_refused("sheet.ods", "file.spreadsheet", "sheet.ods");
    part xlsb[] = {
        {"[Content_Types].xml", XML_DECL "<Types xmlns=\"" NS_CT "\"><Override PartName=\"/xl/workbook.bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/></Types>", 0},
        {"_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"r\" Type=\"" RT "officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>", 0},
        {"xl/workbook.bin", "\x83\x01\x00", 3}};
    write_zip("book.xlsb", xlsb, 3, false);
    expect_refused("book.xlsb", "file.spreadsheet", "book.xlsb");
    part docx[] = {
        {"[Content_Types].xml", XML_DECL "<Types xmlns=\"" NS_CT "\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>", 0},
        {"_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"r\" Type=\"" RT "officeDocument\" Target=\"word/document.xml\"/></Relationships>", 0},
        {"word/document.xml", "<w/>", 0}};
    write_zip("letter.docx", docx, 3, false);
    expect_refused("letter.docx", "file.binary", "letter.docx");
    write_file("text.xlsx", "case_id,county\n", 15);
    expect_refused("text.xlsx", "xlsx.damaged", "text.xlsx");
    write_file("cut.xlsx", "PK\x03\x04\x14\x00\x06\x00", 8);
    expect_refused("cut.xlsx", "xlsx.damaged", "cut.xlsx");
    /* A real workbook cut in half. */
    one_sheet("whole.xlsx", "<row r=\"1\"><c><v>1</v></c></row>", NULL, 0);
    size_t n;
    unsigned char *z = read_file("whole.xlsx", &n);
    write_file("half.xlsx", z, n / 2);
    free(z);
    expect_refused("half.xlsx", "xlsx.damaged", "half.xlsx");
    fs_diags d;
    fs_xlsx_book *bk;
    assert_int_equal(fs_xlsx_open(path_of("missing.xlsx"), NULL, &bk, (fs_diags_init(&d), &d)),
                     FS_ERR_IO);
    expect_diag(&d, "file.unreadable", NULL);
    fs_diags_free(&d);
}

static void test_damaged_parts(void **state)
{
    (void)state;
    one_sheet("badxml.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL, 0);
    expect_refused("badxml.xlsx", "xlsx.damaged", "badxml.xlsx:incidents");
    one_sheet("badref.xlsx", "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", NULL, 0);
    expect_refused("badref.xlsx", "xlsx.damaged", "badref.xlsx:incidents!1:1");
    one_sheet("badrow.xlsx", "<row r=\"0\"><c><v>1</v></c></row>", NULL, 0);
    expect_refused("badrow.xlsx", "xlsx.damaged", NULL);
    /* A missing sheet part. */
    sheet_spec s = {"incidents", NULL, "", NULL};
    part gone = {"xl/_rels/workbook.xml.rels",
                 XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/nothere.xml\"/></Relationships>", 0};
    book_spec b = {&s, 1, NULL, 0, NULL, NULL, &gone, 1, false};
    build_book("gone.xlsx", &b);
    expect_refused("gone.xlsx", "xlsx.damaged", "gone.xlsx:incidents");
    /* Two sheets on one part (which would be read again and again). */
    sheet_spec two[] = {{"incidents", NULL, "<row><c><v>1</v></c></row>", NULL},
                        {"again", NULL, "", NULL}};
    part same = {"xl/_rels/workbook.xml.rels",
                 XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\"><Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>", 0};
    book_spec b2 = {two, 2, NULL, 0, NULL, NULL, &same, 1, false};
    build_book("shared.xlsx", &b2);
    expect_refused("shared.xlsx", "xlsx.damaged", "shared.xlsx:again");
    /* Cell-level damage: reported at the cell, the rest is read. */
    one_sheet("badcell.xlsx",
              "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c><c r=\"B1\"><v>1,5</v></c><c r=\"C1\"><v>3</v></c></row>",
              (const char *const[]){"<t>x</t>"}, 1);
    fs_diags d;
    fs_xlsx_book *bk;
    assert_int_equal(open_book("badcell.xlsx", &bk, &d), FS_OK);
    char *got = dump_sheet(bk, 0, &d);
    assert_string_equal(got, "1: _ _ I3\n");
    free(got);
    expect_diag(&d, "xlsx.damaged", "badcell.xlsx:incidents!A1");
    expect_diag(&d, "xlsx.damaged", "badcell.xlsx:incidents!B1");
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ======================================================================
 * Hostile files: refused quickly, memory bounded
 * ==================================================================== */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_zip_bomb(void **state)
{
    (void)state;
    /* 256 MiB of whitespace inside sheetData deflates to about 256 KiB;
     * the entry then claims 2000 bytes. */
    size_t big = (size_t)256 << 20;
    char *xml = malloc(big);
    assert_non_null(xml);
    const char head[] = XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>";
    const char tail[] = "</sheetData></worksheet>";
    memcpy(xml, head, sizeof head - 1);
    memset(xml + sizeof head - 1, ' ', big - (sizeof head - 1) - (sizeof tail - 1));
    memcpy(xml + big - (sizeof tail - 1), tail, sizeof tail - 1);
    sheet_spec s = {"incidents", NULL, "", NULL};
    part p = {"xl/worksheets/sheet1.xml", xml, big};
    book_spec b = {&s, 1, NULL, 0, NULL, NULL, &p, 1, false};
    build_book("bomb.xlsx", &b);
    free(xml);
    patch_zip("bomb.xlsx", "xl/worksheets/sheet1.xml", 2000, NULL);
    double t0 = now();
    expect_refused("bomb.xlsx", "xlsx.too_big", "bomb.xlsx:incidents");
    assert_true(now() - t0 < 2.0);
    /* Declared honestly but beyond the limit: refused before inflating. */
    one_sheet("huge.xlsx", "<row r=\"1\"><c><v>1</v></c></row>", NULL, 0);
    patch_zip("huge.xlsx", "xl/worksheets/sheet1.xml", 0xF0000000u, NULL);
    t0 = now();
    expect_refused("huge.xlsx", "xlsx.too_big", "huge.xlsx:incidents");
    assert_true(now() - t0 < 1.0);
    /* A small part lying about its size is caught as well. */
    one_sheet("lie.xlsx", "<row r=\"1\"><c><v>1</v></c></row>", NULL, 0);
    patch_zip("lie.xlsx", "xl/workbook.xml", 20, NULL);
    expect_refused("lie.xlsx", "xlsx.too_big", "lie.xlsx");
}

static void test_duplicate_entries(void **state)
{
    (void)state;
    sheet_spec s = {"incidents", NULL, "<row r=\"1\"><c><v>1</v></c></row>", NULL};
    part twin = {"xl/worksheets/sheetX.xml", XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c><v>666</v></c></row></sheetData></worksheet>", 0};
    book_spec b = {&s, 1, NULL, 0, NULL, NULL, &twin, 1, false};
    build_book("dup.xlsx", &b);
    patch_zip("dup.xlsx", "xl/worksheets/sheetX.xml", 0, "xl/worksheets/sheet1.xml");
    expect_refused("dup.xlsx", "xlsx.duplicate_entry", "dup.xlsx");
    /* OPC names are case-insensitive: these two are one part. */
    part twin2 = {"XL/Worksheets/Sheet1.xml", "<worksheet/>", 0};
    book_spec b2 = {&s, 1, NULL, 0, NULL, NULL, &twin2, 1, false};
    build_book("dupcase.xlsx", &b2);
    expect_refused("dupcase.xlsx", "xlsx.duplicate_entry", "dupcase.xlsx");
}

static void test_doctype_refused(void **state)
{
    (void)state;
    static const char laughs[] =
        XML_DECL "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
        "<sst xmlns=\"" NS_MAIN "\"><si><t>&lol9;</t></si></sst>";
    sheet_spec s = {"incidents", NULL, "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", NULL};
    part p1 = {"xl/sharedStrings.xml", laughs, 0};
    book_spec b = {&s, 1, (const char *const[]){"<t>x</t>"}, 1, NULL, NULL, &p1, 1, false};
    build_book("laughs.xlsx", &b);
    double t0 = now();
    expect_refused("laughs.xlsx", "xlsx.doctype", "laughs.xlsx");
    assert_true(now() - t0 < 1.0);

    static const char xxe[] =
        XML_DECL "<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>";
    part p2 = {"xl/worksheets/sheet1.xml", xxe, 0};
    book_spec b2 = {&s, 1, NULL, 0, NULL, NULL, &p2, 1, false};
    build_book("xxe.xlsx", &b2);
    expect_refused("xxe.xlsx", "xlsx.doctype", "xxe.xlsx:incidents");

    static const char dtd[] = XML_DECL "<!DOCTYPE Types SYSTEM \"http://example.com/x.dtd\"><Types xmlns=\"" NS_CT "\"/>";
    part p3 = {"[Content_Types].xml", dtd, 0};
    book_spec b3 = {&s, 1, NULL, 0, NULL, NULL, &p3, 1, false};
    build_book("dtd.xlsx", &b3);
    expect_refused("dtd.xlsx", "xlsx.doctype", "dtd.xlsx");
    /* An entity reference without a DOCTYPE is plain damage. */
    part p4 = {"xl/worksheets/sheet1.xml", XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>", 0};
    book_spec b4 = {&s, 1, NULL, 0, NULL, NULL, &p4, 1, false};
    build_book("ent.xlsx", &b4);
    expect_refused("ent.xlsx", "xlsx.damaged", "ent.xlsx:incidents");
}

static void test_shared_string_limits(void **state)
{
    (void)state;
    /* One string more than the count limit. */
    size_t n = FS_XLSX_MAX_SST_COUNT + 1;
    sb x = {0};
    sb_add(&x, XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"1\" uniqueCount=\"1\">");
    for (size_t i = 0; i < n; i++)
        sb_addn(&x, "<si><t>a</t></si>", 17);
    sb_add(&x, "</sst>");
    sheet_spec s = {"incidents", NULL, "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", NULL};
    part p = {"xl/sharedStrings.xml", x.p, x.len};
    book_spec b = {&s, 1, (const char *const[]){"<t>x</t>"}, 1, NULL, NULL, &p, 1, false};
    build_book("sstcount.xlsx", &b);
    free(x.p);
    double t0 = now();
    expect_refused("sstcount.xlsx", "xlsx.too_big", "sstcount.xlsx");
    print_message("  %zu shared strings refused in %.2f s\n", n, now() - t0);

    /* More text than the byte limit, in strings of 100 KiB. */
    char *chunk = malloc(100 * 1024 + 1);
    assert_non_null(chunk);
    memset(chunk, 'z', 100 * 1024);
    chunk[100 * 1024] = '\0';
    sb y = {0};
    sb_add(&y, XML_DECL "<sst xmlns=\"" NS_MAIN "\">");
    for (size_t i = 0; i < FS_XLSX_MAX_SST_BYTES / (100 * 1024) + 2; i++) {
        sb_addn(&y, "<si><t>", 7);
        sb_addn(&y, chunk, 100 * 1024);
        sb_addn(&y, "</t></si>", 9);
    }
    sb_add(&y, "</sst>");
    part q = {"xl/sharedStrings.xml", y.p, y.len};
    book_spec b2 = {&s, 1, (const char *const[]){"<t>x</t>"}, 1, NULL, NULL, &q, 1, false};
    build_book("sstbytes.xlsx", &b2);
    free(y.p);
    expect_refused("sstbytes.xlsx", "xlsx.too_big", "sstbytes.xlsx");

    /* One string longer than a cell may be. */
    char *huge = malloc(FS_XLSX_MAX_CELL + 100);
    assert_non_null(huge);
    memcpy(huge, "<t>", 3);
    memset(huge + 3, 'q', FS_XLSX_MAX_CELL + 10);
    memcpy(huge + 3 + FS_XLSX_MAX_CELL + 10, "</t>", 5);
    book_spec b3 = {&s, 1, (const char *const[]){huge}, 1, NULL, NULL, NULL, 0, false};
    build_book("sstlong.xlsx", &b3);
    expect_refused("sstlong.xlsx", "xlsx.too_big", "sstlong.xlsx");
    free(huge);
    free(chunk);
}

static void test_giant_element(void **state)
{
    (void)state;
    /* A 24 MiB attribute: expat's memory limit stops it. */
    size_t big = (size_t)24 << 20;
    char *xml = malloc(big + 200);
    assert_non_null(xml);
    int k = snprintf(xml, 200, "<row r=\"1\"><c r=\"A1\" x=\"");
    memset(xml + k, 'a', big);
    strcpy(xml + k + big, "\"><v>1</v></c></row>");
    one_sheet("giant.xlsx", xml, NULL, 0);
    free(xml);
    expect_refused("giant.xlsx", "xlsx.too_big", "giant.xlsx:incidents");

    /* A cell with more text than allowed: an error at the cell. */
    size_t cl = FS_XLSX_MAX_CELL + 5;
    char *cell = malloc(cl + 200);
    assert_non_null(cell);
    k = snprintf(cell, 200, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
    memset(cell + k, 'b', cl);
    strcpy(cell + k + cl, "</t></is></c><c r=\"B1\"><v>2</v></c></row>");
    one_sheet("longcell.xlsx", cell, NULL, 0);
    free(cell);
    fs_diags d;
    fs_xlsx_book *bk;
    assert_int_equal(open_book("longcell.xlsx", &bk, &d), FS_OK);
    char *got = dump_sheet(bk, 0, &d);
    assert_string_equal(got, "1: _ I2\n");
    free(got);
    expect_diag(&d, "xlsx.too_big", "longcell.xlsx:incidents!A1");
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* Many sheets worth of rows stream with one row in memory. */
static void test_many_rows(void **state)
{
    (void)state;
    sb x = {0};
    for (int r = 1; r <= 100000; r++)
        sb_add(&x, "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>ID-%d</t></is></c><c r=\"B%d\"><v>%d</v></c></row>", r, r, r, r, r);
    one_sheet("rows.xlsx", x.p, NULL, 0);
    free(x.p);
    fs_diags d;
    fs_xlsx_book *bk;
    assert_int_equal(open_book("rows.xlsx", &bk, &d), FS_OK);
    fs_source *src;
    assert_int_equal(fs_xlsx_sheet_source(bk, 0, &src, &d), FS_OK);
    long rows = 0, sum = 0;
    for (;;) {
        fs_row r;
        bool eof;
        assert_int_equal(fs_source_next(src, &r, &eof, &d), FS_OK);
        if (eof)
            break;
        rows++;
        assert_int_equal(r.line, rows);
        sum += (long)r.fields[1].i;
        char want[32];
        snprintf(want, sizeof want, "ID-%ld", rows);
        assert_int_equal(r.fields[0].len, strlen(want));
        assert_memory_equal(r.fields[0].s, want, strlen(want));
    }
    assert_int_equal(rows, 100000);
    assert_int_equal(sum, 100000L * 100001L / 2);
    /* After the end, the end again. */
    fs_row r;
    bool eof;
    assert_int_equal(fs_source_next(src, &r, &eof, &d), FS_OK);
    assert_true(eof);
    fs_source_free(src);
    fs_xlsx_free(bk);
    fs_diags_free(&d);
}

/* ---- driver ------------------------------------------------------------ */

static int dump_file(const char *file)
{
    fs_diags d;
    fs_diags_init(&d);
    fs_xlsx_book *bk = NULL;
    fs_status st = fs_xlsx_open(file, NULL, &bk, &d);
    if (st == FS_OK) {
        for (size_t i = 0; i < fs_xlsx_nsheets(bk); i++) {
            printf("== %s\n", fs_xlsx_sheet_name(bk, i));
            char *rows = dump_sheet(bk, i, &d);
            fputs(rows, stdout);
            free(rows);
        }
        fs_xlsx_free(bk);
    }
    fs_diags_print(&d, stdout);
    fs_diags_free(&d);
    return st == FS_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 2)
        return dump_file(argv[1]);
    /* XLSX_TEST=PATTERN runs only the matching tests (e.g. under valgrind,
     * leaving out the big ones). */
    if (getenv("XLSX_TEST"))
        cmocka_set_test_filter(getenv("XLSX_TEST"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refs_and_names),
        cmocka_unit_test(test_unescape),
        cmocka_unit_test(test_format_is_date),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_cell_types),
        cmocka_unit_test(test_dates_by_style),
        cmocka_unit_test(test_missing_references),
        cmocka_unit_test(test_merged_cells),
        cmocka_unit_test(test_big_and_sparse_positions),
        cmocka_unit_test(test_prefixes_and_targets),
        cmocka_unit_test(test_strict_ooxml),
        cmocka_unit_test(test_libxlsxwriter_template),
        cmocka_unit_test(test_sheet_selection),
        cmocka_unit_test(test_validator_view),
        cmocka_unit_test(test_ole_files),
        cmocka_unit_test(test_other_archives),
        cmocka_unit_test(test_damaged_parts),
        cmocka_unit_test(test_zip_bomb),
        cmocka_unit_test(test_duplicate_entries),
        cmocka_unit_test(test_doctype_refused),
        cmocka_unit_test(test_shared_string_limits),
        cmocka_unit_test(test_giant_element),
        cmocka_unit_test(test_many_rows),
    };
    return cmocka_run_group_tests_name("xlsx_source", tests, group_setup, group_teardown);
}
