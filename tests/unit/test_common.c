/*
 * test_common.c — unit tests for the helpers every stage shares, each
 * written once (issue 18, "one way of doing each thing"): the growable
 * string (sbuf.c), ordinals (text.c), county lists (zone.c), enum lookup
 * (schema.c) and SOURCE_DATE_EPOCH (doctime.c); committing many atomic
 * outputs at once (atomic.c, issue 16); where the problems CSV puts each
 * kind of location (diag.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "diag.h"
#include "doctime.h"
#include "sbuf.h"
#include "schema.h"
#include "status.h"
#include "text.h"
#include "zone.h"

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

/* An error message: set (replacing what was there), printed at the edge
 * whole, or the status's description when none was set, or "out of
 * memory" when writing it failed. */
static void test_sbuf_error_message(void **state)
{
    (void)state;
    fs_sbuf err = {0};
    assert_string_equal(fs_err_text(&err, FS_ERR_IO), fs_strerror(FS_ERR_IO));
    fs_sbuf_setf(&err, "first %d", 1);
    fs_sbuf_setf(&err, "cannot write %s: %s", "out", "disk full");
    assert_string_equal(fs_err_text(&err, FS_ERR_DISK_FULL), "cannot write out: disk full");
    err.failed = true; /* as after a failed allocation while writing it */
    assert_string_equal(fs_err_text(&err, FS_ERR_IO), fs_strerror(FS_ERR_NOMEM));
    fs_sbuf_setf(&err, "%s", "again"); /* a new message starts afresh */
    assert_false(err.failed);
    assert_string_equal(fs_err_text(&err, FS_ERR_IO), "again");
    fs_sbuf_free(&err);
}

static void test_ordinals(void **state)
{
    (void)state;
    static const struct {
        int n;
        const char *en, *zh;
    } cases[] = {
        {1, "1st", "一"},       {2, "2nd", "二"},       {3, "3rd", "三"},
        {4, "4th", "四"},       {10, "10th", "十"},     {11, "11th", "十一"},
        {12, "12th", "十二"},   {13, "13th", "十三"},   {20, "20th", "二十"},
        {21, "21st", "二十一"}, {22, "22nd", "二十二"}, {99, "99th", "九十九"},
        {101, "101st", "101"},  {111, "111th", "111"},  {0, "0th", "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32];
        fs_ordinal_en(cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].en);
        fs_number_zh(cases[i].n, buf, sizeof buf);
        assert_string_equal(buf, cases[i].zh);
    }
}

static void test_zone_code_list(void **state)
{
    (void)state;
    fs_zone *z = NULL;
    fs_sbuf err = {0};
    assert_int_equal(fs_zone_load("templates/zone.conf", &z, &err), FS_OK);
    fs_sbuf_free(&err);
    assert_true(z->ncounties >= 3);
    const char *a = z->counties[0].code, *c = z->counties[2].code;
    char list[64];
    snprintf(list, sizeof list, "%s;999999;;%s", c, a);
    assert_true(fs_zone_code_list(z, list) == ((fs_county_set)1 << 0 | (fs_county_set)1 << 2));
    assert_true(fs_zone_code_list(z, "") == 0);
    assert_true(fs_zone_code_list(z, NULL) == 0);
    /* Only the stored form (exact codes): names are validate's business. */
    assert_true(fs_zone_code_list(z, z->counties[1].name_zh) == 0);
    snprintf(list, sizeof list, "%s;", a);
    assert_true(fs_zone_code_list(z, list) == 1);
    fs_zone_free(z);
}

/* One enum lookup: fs_enum_index finds every code as stored, and since it
 * is validate's rule (codes in any letter case), no two values of a column
 * may be equal ignoring case, or the lookup would be ambiguous. */
static void test_enum_lookup_unambiguous(void **state)
{
    (void)state;
    int checked = 0;
    for (int t = 0; t < FS_T_COUNT; t++)
        for (size_t c = 0; c < fs_tables[t].ncolumns; c++) {
            const fs_column *col = &fs_tables[t].columns[c];
            for (size_t i = 0; i < col->nvalues; i++) {
                const char *code = col->values[i].code;
                assert_int_equal(fs_enum_index((fs_table)t, col->name, code), (int)i);
                assert_int_equal(fs_enum_find(col, col->values[i].zh, strlen(col->values[i].zh)),
                                 (int)i);
                for (size_t j = i + 1; j < col->nvalues; j++) {
                    assert_false(fs_eq_nocase(code, strlen(code), col->values[j].code));
                    assert_false(
                        fs_eq(col->values[i].zh, strlen(col->values[i].zh), col->values[j].zh));
                }
                checked++;
            }
        }
    assert_true(checked > 20);
    assert_int_equal(fs_enum_index(FS_T_INCIDENTS, "no_such_column", "x"), -1);
    assert_int_equal(fs_enum_index(FS_T_INCIDENTS, "category", "not a code"), -1);
}

/* SOURCE_DATE_EPOCH: 0 is a date like any other (1970-01-01), honoured by
 * every command; anything but plain digits is ignored (the caller's own
 * time then). */
static void test_source_date_epoch(void **state)
{
    (void)state;
    time_t t = 42;
    assert_true(fs_parse_epoch("0", &t));
    assert_int_equal(t, 0);
    assert_true(fs_parse_epoch("1732752000", &t));
    assert_int_equal(t, 1732752000);
    assert_true(fs_parse_epoch("253402300799", &t)); /* 9999-12-31T23:59:59Z */
    assert_int_equal(t, 253402300799);
    t = 42;
    static const char *const bad[] = {
        "", "-1", "+5", " 5", "5 ", "1e9", "0x10", "253402300800", "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(fs_parse_epoch(bad[i], &t));
        assert_int_equal(t, 42);
    }
    assert_false(fs_parse_epoch(NULL, &t));

    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
    t = 42;
    assert_true(fs_source_date_epoch(&t));
    assert_int_equal(t, 0);
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "soon", 1), 0);
    assert_false(fs_source_date_epoch(&t));
    assert_int_equal(t, 0);
    assert_int_equal(unsetenv("SOURCE_DATE_EPOCH"), 0);
    assert_false(fs_source_date_epoch(&t));

    /* libxlsxwriter reads 0 as "now": 1970 is written one second later. */
    assert_int_equal(fs_xlsx_created(0), 1);
    assert_int_equal(fs_xlsx_created(1732752000), 1732752000);
}

/* A temporary folder with a subfolder "sub" (as a report's charts/). */
static void make_dir(char *dir, size_t size)
{
    snprintf(dir, size, "%s/fs-atomic-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static void remove_tree(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Three files for fs_atomic_commit_all in a new folder dir: sub/a.txt and
 * sub/b.txt through their stream ("alpha", "beta"), c.txt reserved by name
 * (as cairo writes the briefing); p[old] already holds "old". */
static void begin_three(char dir[512], char p[3][600], fs_atomic a[3], int old)
{
    make_dir(dir, 512);
    snprintf(p[0], 600, "%s/sub/a.txt", dir);
    snprintf(p[1], 600, "%s/sub/b.txt", dir);
    snprintf(p[2], 600, "%s/c.txt", dir);
    FILE *f = fopen(p[old], "w");
    assert_non_null(f);
    fputs("old", f);
    fclose(f);
    assert_int_equal(fs_atomic_begin(&a[0], p[0]), FS_OK);
    assert_int_equal(fs_atomic_begin(&a[1], p[1]), FS_OK);
    assert_int_equal(fs_atomic_begin_path(&a[2], p[2]), FS_OK);
    fputs("alpha", a[0].fp);
    fputs("beta", a[1].fp);
}

/* Files through their stream and one reserved by name (as cairo writes
 * the briefing) in two folders: all appear with their bytes, no
 * temporary file stays, an earlier version is replaced. */
static void test_atomic_commit_all_writes_every_file(void **state)
{
    (void)state;
    char dir[512], p[3][600], buf[64];
    fs_atomic a[3], *all[3] = {&a[0], &a[1], &a[2]};
    begin_three(dir, p, a, 1);
    FILE *c = fopen(a[2].tmp_path, "w");
    assert_non_null(c);
    fputs("gamma", c);
    fclose(c);
    slurp(p[1], buf, sizeof buf);
    assert_string_equal(buf, "old"); /* nothing visible before the commit */
    size_t bad = 99;
    assert_int_equal(fs_atomic_commit_all(all, 3, &bad), FS_OK);
    slurp(p[0], buf, sizeof buf);
    assert_string_equal(buf, "alpha");
    slurp(p[1], buf, sizeof buf);
    assert_string_equal(buf, "beta");
    slurp(p[2], buf, sizeof buf);
    assert_string_equal(buf, "gamma");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(count_entries(sub), 2); /* a.txt b.txt */
    assert_int_equal(count_entries(dir), 2); /* sub c.txt */
    assert_null(a[0].tmp_path);              /* released */
    remove_tree(dir);
}

/* A file that cannot be made durable (its temporary file is gone) stops
 * the commit before any rename: no final name appears, the earlier
 * version stays, every temporary file is removed, *failed names it. */
static void test_atomic_commit_all_renames_nothing_on_failure(void **state)
{
    (void)state;
    char dir[512], p[3][600], buf[64];
    fs_atomic a[3], *all[3] = {&a[0], &a[1], &a[2]};
    begin_three(dir, p, a, 0);
    assert_int_equal(unlink(a[2].tmp_path), 0); /* as if removed behind our back */
    size_t bad = 99;
    errno = 0;
    assert_int_not_equal(fs_atomic_commit_all(all, 3, &bad), FS_OK);
    assert_int_equal(bad, 2);
    assert_int_equal(errno, ENOENT);
    slurp(p[0], buf, sizeof buf);
    assert_string_equal(buf, "old");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(count_entries(sub), 1); /* the old a.txt only */
    assert_int_equal(count_entries(dir), 1); /* sub */
    remove_tree(dir);
}

/* The problems CSV (--errors) names a workbook's sheet and cell in its
 * `row` column, as Excel's Name Box takes them ("刑事案件!E3", a whole row
 * "刑事案件!1:1", the sheet alone); a CSV line its line and spreadsheet row,
 * an SQLite record TABLE#ROWID. */
static void test_problems_csv_locations(void **state)
{
    (void)state;
    char dir[] = "/tmp/fs_diag_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/p.csv", dir);
    fs_diags d;
    fs_diags_init(&d);
    fs_loc cell = {FS_LOC_CELL, "w.xlsx", "刑事案件", 3, 5, "起数 (offenses)", 0};
    fs_loc row = {FS_LOC_CELL, "w.xlsx", "刑事案件", 1, 0, NULL, 0};
    fs_loc sheet = {FS_LOC_CELL, "w.xlsx", "矛盾纠纷", 0, 0, NULL, 0};
    fs_loc line = {FS_LOC_LINE, "a.csv", NULL, 14, 3, "date_reported", 0};
    fs_loc rowid = {FS_LOC_ROWID, "s.db", "incidents", 7, 2, "county", 0};
    fs_diag_add(&d, R_VALUE_INTEGER, &cell, "x", NULL, "one");
    fs_diag_add(&d, R_HEADER_PREAMBLE, &row, NULL, NULL, "two");
    fs_diag_add(&d, R_HEADER_MISSING, &sheet, NULL, NULL, "three");
    fs_diag_add(&d, R_VALUE_REQUIRED, &line, NULL, NULL, "four");
    fs_diag_add(&d, R_VALUE_REQUIRED, &rowid, NULL, NULL, "five");
    assert_int_equal(fs_diags_write_csv(&d, path), FS_OK);
    fs_diags_free(&d);
    char buf[2048];
    slurp(path, buf, sizeof buf);
    const char *want =
        "\xEF\xBB\xBF"
        "file,line,row,column,column_name,severity,rule,message\r\n"
        "w.xlsx,3,刑事案件!E3,5,起数 (offenses),error,value.integer,one\r\n"
        "w.xlsx,1,刑事案件!1:1,,,warning,header.preamble,two\r\n"
        "w.xlsx,,矛盾纠纷,,,error,header.missing,three\r\n"
        "a.csv,14,14,3,date_reported,error,value.required,four\r\n"
        "s.db,,incidents#7,,county,error,value.required,five\r\n";
    assert_string_equal(buf, want);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sbuf_zeroed_is_empty),
        cmocka_unit_test(test_sbuf_grows_past_any_fixed_size),
        cmocka_unit_test(test_sbuf_failed_stays_failed),
        cmocka_unit_test(test_sbuf_error_message),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_zone_code_list),
        cmocka_unit_test(test_enum_lookup_unambiguous),
        cmocka_unit_test(test_source_date_epoch),
        cmocka_unit_test(test_atomic_commit_all_writes_every_file),
        cmocka_unit_test(test_atomic_commit_all_renames_nothing_on_failure),
        cmocka_unit_test(test_problems_csv_locations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
