/*
 * test_slices.c — unit tests for report/read/slices.c: the run's slices, the
 * stray-record thresholds (under 1 % of a file's records and at most 10,
 * beside a county-year holding more than half), declared counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "slices.h"

static fs_zone *zone;

static int setup(void **state)
{
    (void)state;
    fs_sbuf err = {0};
    fs_status st = fs_zone_load("templates/zone.conf", &zone, &err);
    fs_sbuf_free(&err);
    return st == FS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fs_zone_free(zone);
    return 0;
}

static fs_record rec(fs_table t, int county, int year, long line)
{
    fs_record r;
    memset(&r, 0, sizeof r);
    r.table = t;
    r.county = county;
    r.year = year;
    r.line = line;
    return r;
}

/* One CSV file of `main` records of county 0 / 2024 and `strays` of
 * county 1 / 2024; returns the records.stray warnings. */
static size_t strays_of(long main, long strays, bool accept, fs_tally **out)
{
    fs_tally *t = fs_tally_new(zone);
    assert_non_null(t);
    fs_diags d;
    fs_diags_init(&d);
    assert_int_equal(fs_tally_file_begin(t, "f.csv"), FS_OK);
    long line = 2;
    for (long i = 0; i < main; i++) {
        fs_record r = rec(FS_T_INCIDENTS, 0, 2024, line++);
        assert_int_equal(fs_tally_add(t, &r, NULL, 0), FS_OK);
    }
    for (long i = 0; i < strays; i++) {
        fs_record r = rec(FS_T_INCIDENTS, 1, 2024, line++);
        assert_int_equal(fs_tally_add(t, &r, NULL, 0), FS_OK);
    }
    fs_tally_file_end(t, accept, &d);
    size_t n = 0;
    for (size_t i = 0; i < d.count; i++)
        n += d.items[i].rule == R_RECORDS_STRAY;
    if (strays && n)
        assert_int_equal(d.items[0].line, main + 2); /* the first stray's line */
    fs_diags_free(&d);
    if (out)
        *out = t;
    else
        fs_tally_free(t);
    return n;
}

static void test_stray_thresholds(void **state)
{
    (void)state;
    assert_int_equal(strays_of(218, 1, true, NULL), 1);
    assert_int_equal(strays_of(1000, 10, true, NULL), 10); /* 10 of 1010: under 1 % */
    assert_int_equal(strays_of(2000, 11, true, NULL), 0);  /* more than 10          */
    assert_int_equal(strays_of(198, 2, true, NULL), 0);    /* 2 of 200: exactly 1 %   */
    assert_int_equal(strays_of(199, 2, true, NULL), 2);    /* 2 of 201: under 1 %     */
    assert_int_equal(strays_of(3, 1, true, NULL), 0);      /* 1 of 4: 25 %            */
    assert_int_equal(strays_of(300, 0, true, NULL), 0);
    /* refused files are looked at too */
    assert_int_equal(strays_of(218, 1, false, NULL), 1);
}

static void test_run_slices(void **state)
{
    (void)state;
    fs_tally *t;
    strays_of(218, 1, true, &t);
    fs_diags d;
    fs_diags_init(&d);
    /* a second file, refused: its records do not count */
    assert_int_equal(fs_tally_file_begin(t, "g.csv"), FS_OK);
    fs_record r = rec(FS_T_INCIDENTS, 0, 2024, 2);
    assert_int_equal(fs_tally_add(t, &r, NULL, 0), FS_OK);
    fs_tally_file_end(t, false, &d);
    assert_int_equal(fs_tally_nslices(t), 2);
    const fs_tally_slice *s = fs_tally_slices(t);
    assert_int_equal(s[0].county, 0);
    assert_int_equal(s[0].records, 218);
    assert_int_equal(s[0].nlocs, FS_TALLY_LOCS);
    assert_int_equal(s[1].county, 1);
    assert_int_equal(s[1].records, 1);
    assert_int_equal(s[1].locs[0].line, 220);
    assert_string_equal(fs_tally_file_name(t, s[1].locs[0].file), "f.csv");
    assert_null(fs_tally_find(t, FS_T_DISPUTES, 0, 2024));
    assert_ptr_equal(fs_tally_find(t, FS_T_INCIDENTS, 1, 2024), &s[1]);
    fs_diags_free(&d);
    fs_tally_free(t);
}

static void test_declared(void **state)
{
    (void)state;
    int ic = fs_column_index(FS_T_INDICATORS, "indicator");
    int vc = fs_column_index(FS_T_INDICATORS, "value");
    const fs_column *col = &fs_tables[FS_T_INDICATORS].columns[ic];
    int k = -1;
    for (size_t i = 0; i < col->nvalues; i++)
        if (strcmp(col->values[i].code, "declared_incidents") == 0)
            k = (int)i;
    assert_true(k >= 0);
    for (int declared = 2; declared <= 3; declared++) {
        fs_tally *t = fs_tally_new(zone);
        fs_diags d;
        fs_diags_init(&d);
        assert_int_equal(fs_tally_file_begin(t, "i.csv"), FS_OK);
        fs_record r = rec(FS_T_INDICATORS, 0, 2024, 2);
        r.v[ic].i = k;
        r.v[vc].i = declared * 100; /* hundredths */
        assert_int_equal(fs_tally_add(t, &r, NULL, 4), FS_OK);
        fs_tally_file_end(t, true, &d);
        assert_int_equal(fs_tally_file_begin(t, "n.csv"), FS_OK);
        for (int i = 0; i < 3; i++) {
            fs_record x = rec(FS_T_INCIDENTS, 0, 2024, 2 + i);
            assert_int_equal(fs_tally_add(t, &x, NULL, 0), FS_OK);
        }
        fs_tally_file_end(t, true, &d);
        fs_tally_check_declared(t, &d);
        assert_int_equal(d.warnings, declared == 3 ? 0 : 1);
        if (declared == 2)
            assert_string_equal(d.items[0].where, "i.csv:2:4");
        fs_diags_free(&d);
        fs_tally_free(t);
    }
}

/* A file's records tallied by halves (vsplit.c): the second half's tally
 * absorbed by the first gives the slices, first lines and strays one
 * tally given every record gives. */
static void test_absorb(void **state)
{
    (void)state;
    fs_tally *one = fs_tally_new(zone), *a = fs_tally_new(zone), *b = fs_tally_new(zone);
    assert_non_null(one);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(fs_tally_file_begin(one, "f.csv"), FS_OK);
    assert_int_equal(fs_tally_file_begin(a, "f.csv"), FS_OK);
    assert_int_equal(fs_tally_file_begin(b, "f.csv"), FS_OK);
    for (long line = 2; line < 2000; line++) {
        /* county 0 throughout, county 1 on lines 5 and 1500 (strays), a
         * slice of 2025 only in the second half */
        int county = line == 5 || line == 1500 ? 1 : 0;
        fs_record r = rec(FS_T_INCIDENTS, county, line > 1800 ? 2025 : 2024, line);
        assert_int_equal(fs_tally_add(one, &r, NULL, 0), FS_OK);
        assert_int_equal(fs_tally_add(line < 1000 ? a : b, &r, NULL, 0), FS_OK);
    }
    assert_int_equal(fs_tally_absorb(a, b), FS_OK);
    fs_diags d1, d2;
    fs_diags_init(&d1);
    fs_diags_init(&d2);
    fs_tally_file_end(one, true, &d1);
    fs_tally_file_end(a, true, &d2);
    assert_int_equal(d1.count, d2.count);
    for (size_t i = 0; i < d1.count; i++) {
        assert_string_equal(d1.items[i].message, d2.items[i].message);
        assert_int_equal(d1.items[i].line, d2.items[i].line);
    }
    assert_int_equal(fs_tally_nslices(one), 3);
    assert_int_equal(fs_tally_nslices(a), 3);
    const fs_tally_slice *x = fs_tally_slices(one), *y = fs_tally_slices(a);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(x[i].records, y[i].records);
        assert_int_equal(x[i].nlocs, y[i].nlocs);
        for (int k = 0; k < x[i].nlocs; k++)
            assert_int_equal(x[i].locs[k].line, y[i].locs[k].line);
    }
    fs_diags_free(&d1);
    fs_diags_free(&d2);
    fs_tally_free(one);
    fs_tally_free(a);
    fs_tally_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stray_thresholds),
        cmocka_unit_test(test_run_slices),
        cmocka_unit_test(test_declared),
        cmocka_unit_test(test_absorb),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
