/*
 * test_csv_source.c — unit tests of the CSV row source (report/read/csv_source.c).
 *
 * Every test writes its input to a temporary file (mkstemp), opens it with
 * fs_csv_open and checks rows, record line numbers, the detected encoding
 * and the diagnostics (rule and line).  Large inputs are generated here so
 * block boundaries of the reader (256 KiB) fall inside multi-byte
 * characters, CRLF pairs and quoted fields.
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

#include "csv_source.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

/* A temporary file; the test unlinks it with tmp_done. */
static char *tmp_path(void)
{
    const char *dir = getenv("TMPDIR");
    char *path = malloc(4096);
    assert_non_null(path);
    snprintf(path, 4096, "%s/fs_csv_test_XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

static char *write_tmp(const void *data, size_t n)
{
    char *path = tmp_path();
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static char *write_str(const char *s)
{
    return write_tmp(s, strlen(s));
}

static void tmp_done(char *path)
{
    unlink(path);
    free(path);
}

/* Rows read from a file: each row's fields joined with '|'. */
typedef struct rows {
    size_t n;
    long line[64];
    long row[64];      /* spreadsheet row (fs_diags_set_row) */
    char *text[64];
    fs_status end;     /* status that ended reading (FS_OK at EOF) */
    fs_encoding enc;
} rows;

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n && i < 64; i++)
        free(r->text[i]);
}

static char *join(const fs_row *row)
{
    size_t len = 1;
    for (size_t i = 0; i < row->nfields; i++)
        len += row->fields[i].len + 1;
    char *t = malloc(len), *p = t;
    assert_non_null(t);
    for (size_t i = 0; i < row->nfields; i++) {
        assert_int_equal(row->fields[i].type, FS_V_TEXT);
        if (i)
            *p++ = '|';
        memcpy(p, row->fields[i].s, row->fields[i].len);
        p += row->fields[i].len;
    }
    *p = '\0';
    return t;
}

/* Open `path` and read every row; the open must succeed. */
static void read_rows(const char *path, rows *r, fs_diags *d)
{
    memset(r, 0, sizeof *r);
    fs_source *src = NULL;
    fs_status st = fs_csv_open(path, "t.csv", &src, &r->enc, d);
    assert_int_equal(st, FS_OK);
    assert_non_null(src);
    assert_int_equal(src->loc_kind, FS_LOC_LINE);
    assert_string_equal(src->file, "t.csv");
    assert_null(src->table);
    for (;;) {
        fs_row row;
        bool eof = false;
        st = fs_source_next(src, &row, &eof, d);
        if (st != FS_OK || eof)
            break;
        if (r->n < 64) {
            r->line[r->n] = row.line;
            r->row[r->n] = d->row_line == row.line ? d->row_row : row.line;
            r->text[r->n] = join(&row);
        }
        r->n++;
    }
    r->end = st;
    if (st != FS_OK) { /* a failed source keeps failing */
        fs_row row;
        bool eof = false;
        assert_int_equal(fs_source_next(src, &row, &eof, d), st);
    }
    fs_source_free(src);
}

/* Write `data`, read it, expect success with `n` rows. */
static void read_str(const char *data, rows *r, fs_diags *d)
{
    char *path = write_str(data);
    read_rows(path, r, d);
    tmp_done(path);
}

/* Open must fail with FS_ERR_DATA and exactly one diagnostic `rule`;
 * returns its line. */
static long open_refused(const void *data, size_t n, fs_rule rule)
{
    char *path = write_tmp(data, n);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src = (fs_source *)1;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_ERR_DATA);
    assert_null(src);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, rule);
    long line = d.items[0].line;
    fs_diags_free(&d);
    tmp_done(path);
    return line;
}

/* Reading stops with FS_ERR_DATA and one diagnostic `rule` after `nrows`
 * good rows; returns the diagnostic's line. */
static long read_refused(const char *data, size_t nrows, fs_rule rule, char **where)
{
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str(data, &r, &d);
    assert_int_equal(r.end, FS_ERR_DATA);
    assert_int_equal(r.n, nrows);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, rule);
    long line = d.items[0].line;
    if (where)
        *where = strdup(d.items[0].where);
    rows_free(&r);
    fs_diags_free(&d);
    return line;
}

/* ------------------------------------------------------------------ */
/* encodings                                                           */
/* ------------------------------------------------------------------ */

static void test_encoding_names(void **state)
{
    (void)state;
    assert_string_equal(fs_encoding_name(FS_ENC_UTF8), "UTF-8");
    assert_string_equal(fs_encoding_name(FS_ENC_UTF8_BOM), "UTF-8 with BOM");
    assert_string_equal(fs_encoding_name(FS_ENC_GB18030), "GB18030");
}

static void test_ascii_is_utf8(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("county,year\n341321,2024\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_UTF8);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[0], "county|year");
    assert_string_equal(r.text[1], "341321|2024");
    assert_int_equal(r.line[0], 1);
    assert_int_equal(r.line[1], 2);
    assert_int_equal(d.count, 0);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_utf8_chinese(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("县区代码,名称\n341321,砀山县\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_UTF8);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[0], "县区代码|名称");
    assert_string_equal(r.text[1], "341321|砀山县");
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_utf8_bom_stripped(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("\xEF\xBB\xBF" "县区代码,年度\r\n341321,2024\r\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_UTF8_BOM);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[0], "县区代码|年度");
    assert_string_equal(r.text[1], "341321|2024");
    assert_int_equal(r.line[1], 2);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_gb18030(void **state)
{
    (void)state;
    /* 砀山县 = ED B8 C9 BD CF D8; 县区代码 = CF D8 C7 F8 B4 FA C2 EB;
     * U+1F600 = 94 39 FC 36 (a four-byte sequence); é = A8 A6 */
    static const char data[] = "\xCF\xD8\xC7\xF8\xB4\xFA\xC2\xEB,name\r\n"
                               "341321,\xED\xB8\xC9\xBD\xCF\xD8\r\n"
                               "1,\"\x94\x39\xFC\x36 caf\xA8\xA6\r\n2\"\r\n";
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str(data, &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_GB18030);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.text[0], "县区代码|name");
    assert_string_equal(r.text[1], "341321|砀山县");
    assert_string_equal(r.text[2], "1|\xF0\x9F\x98\x80 café\n2");
    assert_int_equal(r.line[2], 3);
    assert_int_equal(d.count, 0);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_utf16_refused(void **state)
{
    (void)state;
    static const char le[] = "\xFF\xFE" "a\0,\0b\0\r\0\n\0";
    static const char be[] = "\xFE\xFF" "\0a\0,\0b\0\r\0\n";
    open_refused(le, sizeof le - 1, R_FILE_UTF16);
    open_refused(be, sizeof be - 1, R_FILE_UTF16);

    /* the message says how to save the file again */
    char *path = write_tmp(le, sizeof le - 1);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_ERR_DATA);
    assert_non_null(strstr(d.items[0].hint, "CSV UTF-8 (Comma delimited)"));
    fs_diags_free(&d);
    tmp_done(path);
}

static void test_empty_refused(void **state)
{
    (void)state;
    open_refused("", 0, R_FILE_EMPTY);
    open_refused("\xEF\xBB\xBF", 3, R_FILE_EMPTY);
}

static void test_nul_refused_with_line(void **state)
{
    (void)state;
    static const char data[] = "a,b\r\n1,2\r\n3,\0\n";
    assert_int_equal(open_refused(data, sizeof data - 1, R_FILE_BINARY), 3);
    /* a binary file without line structure */
    static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
    assert_int_equal(open_refused(png, sizeof png - 1, R_FILE_BINARY), 3);
}

static void test_invalid_utf8_line(void **state)
{
    (void)state;
    /* UTF-8 text with one broken byte on line 5: refused as damaged UTF-8
     * (not decoded as GB18030 mojibake) */
    char buf[4096] = "";
    strcat(buf, "县区代码,名称,备注\n");
    for (int i = 0; i < 3; i++)
        strcat(buf, "341321,砀山县,砀山县砀山县砀山县\n");
    strcat(buf, "341321,砀山\xFF县,x\n");
    strcat(buf, "341321,砀山县,y\n");
    char *path = write_str(buf);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_ERR_DATA);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, R_FILE_ENCODING);
    assert_int_equal(d.items[0].line, 5);
    /* byte column: "341321," (7) + 砀山 (6) → byte 14 */
    assert_non_null(strstr(d.items[0].message, "byte 14 of line 5"));
    assert_non_null(strstr(d.items[0].hint, "CSV UTF-8"));
    fs_diags_free(&d);
    tmp_done(path);

    /* Latin text in UTF-8 with one broken sequence: C3 A9 (é) and C3 C3
     * are all valid GB18030 pairs, so only the UTF-8-likeness of the text
     * keeps it from being imported as "caf茅" */
    static const char latin[] = "a,b\n1,caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9\n"
                                "2,caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9\n"
                                "3,x\xC3\xC3y\n"
                                "4,caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9\n"
                                "5,caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9\n";
    assert_int_equal(open_refused(latin, sizeof latin - 1, R_FILE_ENCODING), 4);

    /* a truncated sequence at the very end of the file (E7 A0 alone would
     * be valid GBK; the UTF-8 text around it decides) */
    static const char cut[] = "名称,b\n1,砀山县砀山县\n2,砀山县砀山县\n3,\xE7\xA0";
    assert_int_equal(open_refused(cut, sizeof cut - 1, R_FILE_ENCODING), 4);
}

static void test_invalid_gb18030_line(void **state)
{
    (void)state;
    /* GBK text (never valid UTF-8) with a byte 0xFF on line 3 */
    static const char data[] = "\xCF\xD8\xC7\xF8\xB4\xFA\xC2\xEB,name\n"
                               "341321,\xED\xB8\xC9\xBD\xCF\xD8\n"
                               "341321,\xED\xB8\xFF\xBD\xCF\xD8\n"
                               "341321,\xED\xB8\xC9\xBD\xCF\xD8\n";
    assert_int_equal(open_refused(data, sizeof data - 1, R_FILE_ENCODING), 3);
    /* cut off in the middle of a two-byte character at end of file */
    static const char cut[] = "\xCF\xD8,a\r\n\xED\xB8\xC9";
    assert_int_equal(open_refused(cut, sizeof cut - 1, R_FILE_ENCODING), 2);
}

static void test_open_missing_file(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src = (fs_source *)1;
    fs_encoding enc;
    assert_int_equal(fs_csv_open("/nonexistent/dir/x.csv", "x.csv", &src, &enc, &d), FS_ERR_IO);
    assert_null(src);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, R_FILE_UNREADABLE);
    fs_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* CSV structure                                                       */
/* ------------------------------------------------------------------ */

static void test_crlf_and_blank_lines(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("a,b\r\n1,2\r\n\r\n   \r\n3,4\r\n\r\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    /* blank lines between records: one empty row at the first of them
     * (the validator warns); blank lines at the end: none */
    assert_int_equal(r.n, 4);
    assert_string_equal(r.text[1], "1|2");
    assert_string_equal(r.text[2], "");
    assert_string_equal(r.text[3], "3|4");
    assert_int_equal(r.line[0], 1);
    assert_int_equal(r.line[1], 2);
    assert_int_equal(r.line[2], 3);
    assert_int_equal(r.line[3], 5);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_trailing_lines(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    /* one trailing empty line is not a record, nor are several; blank
     * lines between records are one empty row */
    read_str("a\n\n\nb\n\n\n", &r, &d);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.line[1], 2);
    assert_string_equal(r.text[1], "");
    assert_int_equal(r.line[2], 4);
    rows_free(&r);
    /* no line end after the last record */
    read_str("a,b\n1,2", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[1], "1|2");
    assert_int_equal(r.line[1], 2);
    rows_free(&r);
    /* a row of empty fields is a record (the validator skips it) */
    read_str("a,b\n,,,\n", &r, &d);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[1], "|||");
    rows_free(&r);
    /* old Mac line ends (lone CR) count as lines too */
    read_str("a,b\r1,2\r\r3,4\r", &r, &d);
    assert_int_equal(r.n, 4);
    assert_string_equal(r.text[2], "");
    assert_int_equal(r.line[3], 4);
    rows_free(&r);
    assert_int_equal(d.count, 0);
    fs_diags_free(&d);
}

static void test_quoting(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("id,note\n"
             "1,\"a,b\"\n"
             "2,\"say \"\"hi\"\"\"\n"
             "3,\"multi\nline\r\ntext\"\n"
             "4,\"\"\n"
             "  5 , x y  \t,\"  kept  \"\n"
             "6,\"\n\n\"\n"
             "7,end\n",
             &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.n, 8);
    assert_string_equal(r.text[1], "1|a,b");
    assert_string_equal(r.text[2], "2|say \"hi\"");
    /* CRLF inside a quoted field comes out as LF */
    assert_string_equal(r.text[3], "3|multi\nline\ntext");
    assert_string_equal(r.text[4], "4|");
    /* libcsv trims unquoted fields of spaces and tabs, not quoted ones */
    assert_string_equal(r.text[5], "5|x y|  kept  ");
    assert_string_equal(r.text[6], "6|\n\n");
    assert_string_equal(r.text[7], "7|end");
    static const long lines[] = {1, 2, 3, 4, 7, 8, 9, 12};
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(r.line[i], lines[i]);
    assert_int_equal(d.count, 0);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_record_starts_after_blank_lines_in_quotes(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    /* a record that starts with a multi-line quoted field after blank lines */
    read_str("h\n\n\n\"x\ny\",z\nlast\n", &r, &d);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.line[1], 2); /* the blank lines */
    assert_int_equal(r.line[2], 4);
    assert_string_equal(r.text[2], "x\ny|z");
    assert_int_equal(r.line[3], 6);
    rows_free(&r);
    fs_diags_free(&d);
}

/* The spreadsheet row of a record is its line less the line breaks inside
 * quoted fields of the records before it (standard v2 §2.1); blank lines
 * are rows too.  Diagnostics at a record's line carry its row. */
static void test_spreadsheet_rows(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("h\n\"a\nb\nc\",1\n\n\"x\r\ny\",z\nlast\n", &r, &d);
    assert_int_equal(r.n, 5);
    long lines[] = {1, 2, 5, 6, 8}, want[] = {1, 2, 3, 4, 5};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(r.line[i], lines[i]);
        assert_int_equal(r.row[i], want[i]);
    }
    /* the last row read is line 8, row 5: a diagnostic there says so, one
     * at another line or file does not */
    fs_loc at = {.kind = FS_LOC_LINE, .file = "t.csv", .line = 8, .column = 1};
    fs_diag_add(&d, R_VALUE_DATE, &at, NULL, NULL, "x");
    at.line = 7;
    fs_diag_add(&d, R_VALUE_DATE, &at, NULL, NULL, "y");
    at.line = 8;
    at.file = "other.csv";
    fs_diag_add(&d, R_VALUE_DATE, &at, NULL, NULL, "z");
    assert_int_equal(d.count, 3);
    assert_int_equal(d.items[0].row, 5);
    assert_int_equal(d.items[1].row, 0);
    assert_int_equal(d.items[2].row, 0);
    rows_free(&r);
    fs_diags_free(&d);

    /* no line breaks in quotes: rows are lines, nothing to say */
    fs_diags_init(&d);
    read_str("h\n1\n\n2\n", &r, &d);
    assert_int_equal(r.n, 4);
    assert_int_equal(d.row_line, 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(r.row[i], r.line[i]);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    char *where = NULL;
    /* quote opened on line 3, file ends inside it */
    assert_int_equal(read_refused("a,b\n1,2\n3,\"open\n4,5\n6,7\n", 2, R_CSV_QUOTE, &where), 3);
    assert_string_equal(where, "t.csv:3:2");
    free(where);
    /* on the last line, without a line end */
    assert_int_equal(read_refused("a,b\n1,\"open", 1, R_CSV_QUOTE, NULL), 2);
    /* a multi-line record whose second field never closes */
    assert_int_equal(read_refused("a,b,c\n\"x\ny\",\"z\n\n", 1, R_CSV_QUOTE, NULL), 3);
}

/* Read `data` expecting quote errors only: reading goes on after each
 * (the record is dropped, the next line read); returns the rows read and
 * the "where" of each diagnostic, joined by spaces. */
static size_t read_quote_errors(const char *data, char *where, size_t size)
{
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str(data, &r, &d);
    assert_int_equal(r.end, FS_OK);
    where[0] = '\0';
    for (size_t i = 0; i < d.count; i++) {
        assert_int_equal(d.items[i].rule, R_CSV_QUOTE);
        snprintf(where + strlen(where), size - strlen(where), "%s%s", i ? " " : "",
                 d.items[i].where);
    }
    size_t n = r.n;
    rows_free(&r);
    fs_diags_free(&d);
    return n;
}

static void test_stray_quote(void **state)
{
    (void)state;
    char where[256];
    /* a quote inside an unquoted field: that record is lost, the next read */
    assert_int_equal(read_quote_errors("a,b\n1,x\"y\n2,3\n", where, sizeof where), 2);
    assert_string_equal(where, "t.csv:2:2");
    /* text after the closing quote (an inner quote not doubled) */
    assert_int_equal(read_quote_errors("a,b\n\"ab\"c,1\n", where, sizeof where), 1);
    assert_string_equal(where, "t.csv:2:1");
    assert_int_equal(read_quote_errors("a,b\n1,\"ab\" \"\n", where, sizeof where), 1);
    assert_string_equal(where, "t.csv:2:2");
    /* the bad quote stands on the third line of a record starting on line 2 */
    assert_int_equal(read_quote_errors("a,b\n1,\"x\ny\nz\"q\n", where, sizeof where), 1);
    assert_string_equal(where, "t.csv:4:2");
    /* every bad line is reported, good lines between them are read */
    assert_int_equal(read_quote_errors("a,b\n1,x\"y\n\"ab\"c,1\n3,4\n5,\"z\"z\n6,7", where,
                                       sizeof where),
                     3);
    assert_string_equal(where, "t.csv:2:2 t.csv:3:1 t.csv:5:2");
    /* a long bad line: its rest, fed in pieces, makes no rows */
    char *big = malloc(300000);
    assert_non_null(big);
    strcpy(big, "a,b\n1,x\"y");
    size_t n = strlen(big);
    memset(big + n, 'q', 200000);
    strcpy(big + n + 200000, ",9,9\n2,3\n");
    assert_int_equal(read_quote_errors(big, where, sizeof where), 2);
    assert_string_equal(where, "t.csv:2:2");
    free(big);

    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("a,b\n1,x\"y\n", &r, &d);
    assert_non_null(strstr(d.items[0].hint, "double"));
    rows_free(&r);
    fs_diags_free(&d);
}

/* A file of `head`, then a field of `len` bytes of 'x' (quoted when
 * `quoted`, padded with trailing spaces inside the line), then `tail`. */
static char *long_field_file(const char *head, size_t len, bool quoted, const char *tail)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *buf = malloc(hl + len + tl + 8);
    assert_non_null(buf);
    char *p = buf;
    memcpy(p, head, hl);
    p += hl;
    if (quoted)
        *p++ = '"';
    memset(p, 'x', len);
    p += len;
    if (quoted)
        *p++ = '"';
    memcpy(p, tail, tl);
    p += tl;
    char *path = write_tmp(buf, (size_t)(p - buf));
    free(buf);
    return path;
}

static void test_field_limit(void **state)
{
    (void)state;
    for (int quoted = 0; quoted <= 1; quoted++) {
        /* exactly the limit: fine, even with trailing spaces after it */
        char *path = long_field_file("a,b\n1,", FS_CSV_MAX_FIELD, quoted, "   ,2\n3,4\n");
        fs_diags d;
        fs_diags_init(&d);
        rows r;
        read_rows(path, &r, &d);
        tmp_done(path);
        assert_int_equal(r.end, FS_OK);
        assert_int_equal(r.n, 3);
        assert_int_equal(strlen(r.text[1]), 2 + FS_CSV_MAX_FIELD + 2);
        assert_int_equal(r.line[2], 3);
        assert_int_equal(d.count, 0);
        rows_free(&r);

        /* one byte more: refused at its line */
        path = long_field_file("a,b\n1,2\n3,", FS_CSV_MAX_FIELD + 1, quoted, "\n5,6\n");
        read_rows(path, &r, &d);
        tmp_done(path);
        assert_int_equal(r.end, FS_ERR_DATA);
        assert_int_equal(r.n, 2);
        assert_int_equal(d.count, 1);
        assert_int_equal(d.items[0].rule, R_CSV_FIELD_TOO_LONG);
        assert_int_equal(d.items[0].line, 3);
        assert_string_equal(d.items[0].where, "t.csv:3:2");
        rows_free(&r);

        /* far beyond the limit */
        path = long_field_file("a,b\n", 10 * FS_CSV_MAX_FIELD, quoted, ",1\n");
        read_rows(path, &r, &d);
        tmp_done(path);
        assert_int_equal(r.end, FS_ERR_DATA);
        assert_int_equal(d.items[1].rule, R_CSV_FIELD_TOO_LONG);
        assert_int_equal(d.items[1].line, 2);
        rows_free(&r);
        fs_diags_free(&d);
    }
}

/* Peak resident memory (VmHWM, KiB) after resetting it. */
static long hwm_kib(bool reset)
{
    if (reset) {
        FILE *f = fopen("/proc/self/clear_refs", "w");
        if (!f)
            return -1;
        int ok = fputs("5", f) >= 0;
        if (fclose(f) != 0 || !ok)
            return -1;
    }
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

static void test_unterminated_quote_huge_file_bounded(void **state)
{
    (void)state;
    /* an opening quote on line 2 and then 48 MiB of lines: the field cap
     * stops reading early instead of buffering the rest of the file */
    char *path = tmp_path();
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("a,b\n1,\"opened but never closed\n", f);
    char line[128];
    memset(line, 'y', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    for (int i = 0; i < 48 * 1024 * 1024 / (int)sizeof line; i++)
        assert_int_equal(fwrite(line, 1, sizeof line, f), sizeof line);
    assert_int_equal(fclose(f), 0);

    long before = hwm_kib(true);
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_rows(path, &r, &d);
    long after = hwm_kib(false);
    tmp_done(path);
    assert_int_equal(r.end, FS_ERR_DATA);
    assert_int_equal(r.n, 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, R_CSV_FIELD_TOO_LONG);
    assert_int_equal(d.items[0].line, 2); /* where the quote opened */
    assert_non_null(strstr(d.items[0].message, "closing quote"));
    if (before > 0 && after > 0)
        assert_true(after - before < 24 * 1024);
    rows_free(&r);
    fs_diags_free(&d);
}

static void test_field_count_limit(void **state)
{
    (void)state;
    char buf[4096];
    for (int extra = 0; extra <= 1; extra++) {
        char *p = buf;
        p += sprintf(p, "h\n\n");
        for (int i = 0; i < FS_CSV_MAX_FIELDS + extra; i++)
            p += sprintf(p, "%s%d", i ? "," : "", i);
        sprintf(p, "\nlast\n");
        fs_diags d;
        fs_diags_init(&d);
        rows r;
        read_str(buf, &r, &d);
        if (!extra) {
            assert_int_equal(r.end, FS_OK);
            assert_int_equal(r.n, 4); /* h, the blank line, the row, last */
            assert_int_equal(d.count, 0);
        } else {
            assert_int_equal(r.end, FS_ERR_DATA);
            assert_int_equal(r.n, 1);
            assert_int_equal(d.count, 1);
            assert_int_equal(d.items[0].rule, R_CSV_TOO_MANY_FIELDS);
            assert_int_equal(d.items[0].line, 3);
        }
        rows_free(&r);
        fs_diags_free(&d);
    }
}

/* ------------------------------------------------------------------ */
/* streaming                                                           */
/* ------------------------------------------------------------------ */

/* Write a large file: a header, then `nrec` records "i,<county>,<note>".
 * Every 997th note spans three lines, every 1009th record is followed by
 * a blank line.  expect[i] receives the start line of record i (index 0 =
 * header).  `crlf` picks the line end, `gb` writes GB18030 instead of
 * UTF-8. */
static char *big_file(size_t nrec, bool crlf, bool gb, long *expect)
{
    const char *nl = crlf ? "\r\n" : "\n";
    const char *county = gb ? "\xED\xB8\xC9\xBD\xCF\xD8" : "砀山县";
    const char *smile = gb ? "\x94\x39\xFC\x36" : "\xF0\x9F\x98\x80";
    char *path = tmp_path();
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    long line = 1;
    fprintf(f, "id,county,note%s", nl);
    expect[0] = line++;
    for (size_t i = 1; i <= nrec; i++) {
        expect[i] = line;
        if (i % 997 == 0) {
            fprintf(f, "%zu,%s,\"first%ssecond, %s%sthird\"%s", i, county, nl, smile, nl, nl);
            line += 3;
        } else {
            fprintf(f, "%zu,%s,%s%.*s%s", i, county, smile, (int)(i % 7), "abcdefg", nl);
            line += 1;
        }
        if (i % 1009 == 0) {
            fputs(nl, f);
            line++;
        }
    }
    assert_int_equal(fclose(f), 0);
    return path;
}

static void check_big(bool crlf, bool gb)
{
    const size_t nrec = 200000;
    long *expect = malloc((nrec + 1) * sizeof *expect);
    assert_non_null(expect);
    char *path = big_file(nrec, crlf, gb, expect);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "big.csv", &src, &enc, &d), FS_OK);
    assert_int_equal(enc, gb ? FS_ENC_GB18030 : FS_ENC_UTF8);
    size_t n = 0;
    char want[128];
    for (;;) {
        fs_row row;
        bool eof;
        assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
        if (eof)
            break;
        assert_true(n <= nrec);
        if (row.nfields == 0) { /* the blank line right before record n */
            assert_true(n > 1 && (n - 1) % 1009 == 0);
            assert_int_equal(row.line, expect[n] - 1);
            continue;
        }
        assert_int_equal(row.line, expect[n]);
        assert_int_equal(row.nfields, 3);
        if (n > 0) {
            int k = snprintf(want, sizeof want, "%zu", n);
            assert_int_equal(row.fields[0].len, (size_t)k);
            assert_memory_equal(row.fields[0].s, want, (size_t)k);
            assert_int_equal(row.fields[1].len, strlen("砀山县"));
            assert_memory_equal(row.fields[1].s, "砀山县", strlen("砀山县"));
            if (n % 997 == 0)
                k = snprintf(want, sizeof want, "first\nsecond, \xF0\x9F\x98\x80\nthird");
            else
                k = snprintf(want, sizeof want, "\xF0\x9F\x98\x80%.*s", (int)(n % 7), "abcdefg");
            assert_int_equal(row.fields[2].len, (size_t)k);
            assert_memory_equal(row.fields[2].s, want, (size_t)k);
        }
        n++;
    }
    assert_int_equal(n, nrec + 1);
    assert_int_equal(d.count, 0);
    fs_source_free(src);
    fs_diags_free(&d);
    tmp_done(path);
    free(expect);
}

static void test_big_utf8_lf(void **state)
{
    (void)state;
    check_big(false, false);
}

static void test_big_utf8_crlf(void **state)
{
    (void)state;
    check_big(true, false);
}

static void test_big_gb18030_crlf(void **state)
{
    (void)state;
    check_big(true, true);
}

/* Tiny CRLF or CR lines: block ends fall between CR and LF. */
static void test_many_tiny_lines(void **state)
{
    (void)state;
    for (int mode = 0; mode < 2; mode++) {
        const char *nl = mode ? "\r" : "\r\n";
        char *path = tmp_path();
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        const long n = 400000;
        for (long i = 0; i < n; i++)
            fprintf(f, "%ld%s", i % 10, nl);
        assert_int_equal(fclose(f), 0);
        fs_diags d;
        fs_diags_init(&d);
        fs_source *src;
        fs_encoding enc;
        assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_OK);
        long got = 0;
        for (;;) {
            fs_row row;
            bool eof;
            assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
            if (eof)
                break;
            assert_int_equal(row.line, got + 1);
            assert_int_equal(row.nfields, 1);
            assert_int_equal(row.fields[0].len, 1);
            assert_int_equal(row.fields[0].s[0], '0' + got % 10);
            got++;
        }
        assert_int_equal(got, n);
        fs_source_free(src);
        fs_diags_free(&d);
        tmp_done(path);
    }
}

/* Lines longer than the reader's block, with multi-byte characters cut by
 * the block end (both encodings, two alignments each). */
static void test_lines_longer_than_block(void **state)
{
    (void)state;
    for (int gb = 0; gb <= 1; gb++) {
        for (int shift = 0; shift <= 2; shift++) {
            const char *ch = gb ? "\xCF\xD8" : "县"; /* 县: 2 bytes GB, 3 UTF-8 */
            size_t chl = strlen(ch);
            const size_t per = 20000, nf = 12; /* 60 000 UTF-8 bytes each */
            char *path = tmp_path();
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            fprintf(f, "%s,h\n%.*s", ch, shift + 1, "xyz");
            for (size_t i = 0; i < nf; i++) {
                fputc(',', f);
                for (size_t k = 0; k < per; k++)
                    fwrite(ch, 1, chl, f);
            }
            fputs("\r\nend,", f);
            fputs(ch, f);
            fputs("\r\n", f);
            assert_int_equal(fclose(f), 0);

            fs_diags d;
            fs_diags_init(&d);
            fs_source *src;
            fs_encoding enc;
            assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_OK);
            assert_int_equal(enc, gb ? FS_ENC_GB18030 : FS_ENC_UTF8);
            fs_row row;
            bool eof;
            assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
            assert_false(eof);
            assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
            assert_false(eof);
            assert_int_equal(row.line, 2);
            assert_int_equal(row.nfields, nf + 1);
            assert_int_equal(row.fields[0].len, (size_t)shift + 1);
            for (size_t i = 1; i <= nf; i++) {
                assert_int_equal(row.fields[i].len, per * 3);
                for (size_t k = 0; k < per; k++)
                    assert_memory_equal(row.fields[i].s + 3 * k, "县", 3);
            }
            assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
            assert_false(eof);
            assert_int_equal(row.line, 3);
            assert_int_equal(row.fields[1].len, 3);
            assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
            assert_true(eof);
            assert_int_equal(d.count, 0);
            fs_source_free(src);
            fs_diags_free(&d);
            tmp_done(path);
        }
    }
}

/* A line of exactly one reader block before its CRLF: the CR is the last
 * byte of the block and the LF comes with the next read. */
static void test_cr_at_block_end(void **state)
{
    (void)state;
    const size_t block = 256 * 1024, fl = 1023;
    char *buf = malloc(block + 16);
    assert_non_null(buf);
    size_t n = 0;
    for (size_t i = 0; i < 256; i++) {
        if (i)
            buf[n++] = ',';
        memset(buf + n, 'x', fl);
        n += fl;
    }
    assert_int_equal(n, block - 1);
    memcpy(buf + n, "\r\nnext\r\n", 8);
    char *path = write_tmp(buf, n + 8);
    free(buf);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_OK);
    fs_row row;
    bool eof;
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
    assert_false(eof);
    assert_int_equal(row.nfields, 256);
    assert_int_equal(row.fields[255].len, fl);
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
    assert_false(eof);
    assert_int_equal(row.line, 2);
    assert_int_equal(row.nfields, 1);
    assert_memory_equal(row.fields[0].s, "next", 4);
    assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
    assert_true(eof);
    assert_int_equal(d.count, 0);
    fs_source_free(src);
    fs_diags_free(&d);
    tmp_done(path);
}

/* A GB18030 file may start with the GB18030 form of U+FEFF. */
static void test_gb18030_bom(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    read_str("\x84\x31\x95\x33\xCF\xD8,b\n1,2\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_GB18030);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.text[0], "县|b");
    rows_free(&r);
    fs_diags_free(&d);
}

/* Open (pass 1 checks the file), change the file, then read. */
static void changed_after_open(const char *data, long at, const char *patch, bool append,
                               size_t nrows, fs_rule rule, long line)
{
    char *path = write_str(data);
    fs_diags d;
    fs_diags_init(&d);
    fs_source *src;
    fs_encoding enc;
    assert_int_equal(fs_csv_open(path, "t.csv", &src, &enc, &d), FS_OK);
    FILE *f = fopen(path, append ? "ab" : "r+b");
    assert_non_null(f);
    if (!append)
        assert_int_equal(fseek(f, at, SEEK_SET), 0);
    assert_int_equal(fputs(patch, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    size_t n = 0;
    fs_status st;
    for (;;) {
        fs_row row;
        bool eof;
        st = fs_source_next(src, &row, &eof, &d);
        if (st != FS_OK || eof)
            break;
        n++;
    }
    assert_int_equal(st, FS_ERR_DATA);
    assert_int_equal(n, nrows);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].rule, rule);
    assert_int_equal(d.items[0].line, line);
    fs_source_free(src);
    fs_diags_free(&d);
    tmp_done(path);
}

static void test_file_changed_after_open(void **state)
{
    (void)state;
    /* a byte of a GB18030 file made undecodable: found while parsing */
    changed_after_open("\xCF\xD8,a\n1,\xED\xB8\n2,x\n", 7, "\xFF", false, 1, R_FILE_ENCODING, 2);
    /* a file that grew: refused at the end (after its rows, which the
     * caller discards with the refused file) */
    changed_after_open("a,b\n1,2\n", 0, "3,4\n", true, 3, R_FILE_UNREADABLE, 0);
}

/* Big files whose encoding problem lies far from the start: the damaged
 * UTF-8 byte is found in a later block and judged by the text around it;
 * a GBK file whose first megabytes are ASCII is still GB18030. */
static void test_encoding_far_from_start(void **state)
{
    (void)state;
    const long nlines = 100000; /* ~3 MB */
    for (int gb = 0; gb <= 1; gb++) {
        char *path = tmp_path();
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        for (long i = 1; i <= nlines; i++) {
            if (gb)
                fprintf(f, "%ld,341321,%s\r\n", i, i > nlines - 10 ? "\xED\xB8\xC9\xBD\xCF\xD8" : "Dangshan");
            else if (i == nlines - 5)
                fprintf(f, "%ld,砀山县,\xE5\xBF\r\n", i); /* a cut character */
            else
                fprintf(f, "%ld,砀山县,备注\r\n", i);
        }
        assert_int_equal(fclose(f), 0);
        fs_diags d;
        fs_diags_init(&d);
        fs_source *src = NULL;
        fs_encoding enc;
        fs_status st = fs_csv_open(path, "t.csv", &src, &enc, &d);
        if (gb) {
            assert_int_equal(st, FS_OK);
            assert_int_equal(enc, FS_ENC_GB18030);
            long n = 0;
            for (;;) {
                fs_row row;
                bool eof;
                assert_int_equal(fs_source_next(src, &row, &eof, &d), FS_OK);
                if (eof)
                    break;
                n++;
                assert_int_equal(row.line, n);
                if (n > nlines - 10)
                    assert_memory_equal(row.fields[2].s, "砀山县", strlen("砀山县"));
            }
            assert_int_equal(n, nlines);
            fs_source_free(src);
        } else {
            assert_int_equal(st, FS_ERR_DATA);
            assert_int_equal(d.count, 1);
            assert_int_equal(d.items[0].rule, R_FILE_ENCODING);
            assert_int_equal(d.items[0].line, nlines - 5);
            assert_non_null(strstr(d.items[0].message, "UTF-8 text with invalid bytes"));
        }
        assert_int_equal(d.count, gb ? 0 : 1);
        fs_diags_free(&d);
        tmp_done(path);
    }
}

/* GB18030 details: a trail byte in the ASCII range, a lead byte cut off
 * by the line end. */
static void test_gb18030_edges(void **state)
{
    (void)state;
    fs_diags d;
    fs_diags_init(&d);
    rows r;
    /* 丂 = 81 40 (second byte '@'); 县 = CF D8 */
    read_str("\xCF\xD8,\x81\x40@\x81\x40\n", &r, &d);
    assert_int_equal(r.end, FS_OK);
    assert_int_equal(r.enc, FS_ENC_GB18030);
    assert_string_equal(r.text[0], "县|丂@丂");
    rows_free(&r);
    fs_diags_free(&d);
    static const char cut[] = "\xCF\xD8,a\n\xCF\xD8,\x81\nx,y\n";
    assert_int_equal(open_refused(cut, sizeof cut - 1, R_FILE_ENCODING), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unterminated_quote_huge_file_bounded),
        cmocka_unit_test(test_encoding_names),
        cmocka_unit_test(test_ascii_is_utf8),
        cmocka_unit_test(test_utf8_chinese),
        cmocka_unit_test(test_utf8_bom_stripped),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_utf16_refused),
        cmocka_unit_test(test_empty_refused),
        cmocka_unit_test(test_nul_refused_with_line),
        cmocka_unit_test(test_invalid_utf8_line),
        cmocka_unit_test(test_invalid_gb18030_line),
        cmocka_unit_test(test_open_missing_file),
        cmocka_unit_test(test_crlf_and_blank_lines),
        cmocka_unit_test(test_spreadsheet_rows),
        cmocka_unit_test(test_trailing_lines),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_record_starts_after_blank_lines_in_quotes),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_field_count_limit),
        cmocka_unit_test(test_big_utf8_lf),
        cmocka_unit_test(test_big_utf8_crlf),
        cmocka_unit_test(test_big_gb18030_crlf),
        cmocka_unit_test(test_many_tiny_lines),
        cmocka_unit_test(test_lines_longer_than_block),
        cmocka_unit_test(test_cr_at_block_end),
        cmocka_unit_test(test_gb18030_bom),
        cmocka_unit_test(test_file_changed_after_open),
        cmocka_unit_test(test_encoding_far_from_start),
        cmocka_unit_test(test_gb18030_edges),
    };
    return cmocka_run_group_tests_name("csv_source", tests, NULL, NULL);
}
