/*
 * test_idexact.c — unit tests for report/read/idexact.c: the exact check of
 * repeated identifiers that `validate` runs without a database.  Real CSV
 * files go through the real source and validator, fingerprints through
 * idcheck, as in ingest.c; the diagnostics must name every repeat of the
 * current file with the file and line of its first record, in line order,
 * whether the fingerprints were all kept (collisions only are read again)
 * or dropped past the cap (ranges of fingerprints, over several passes
 * when the pass cap is small), and a refused file's records must not count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv_source.h"
#include "idexact.h"
#include "validate.h"

static char dir[64];
static fs_zone *zone;

static int setup(void **state)
{
    (void)state;
    fs_sbuf err = {0};
    snprintf(dir, sizeof dir, "/tmp/fs-idexact-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    fs_status st = fs_zone_load("templates/zone.conf", &zone, &err);
    fs_sbuf_free(&err);
    return st == FS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    fs_zone_free(zone);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write an incidents file NAME of the given case numbers (ids "K-<n>");
 * a negative number writes a row with an invalid date, a number from
 * REJECTED up one of K-<n - REJECTED> with an invalid count of offenses
 * (the file is then refused). */
#define REJECTED 10000
static const char *write_file(const char *name, const int *ids, size_t n)
{
    static char path[8][128];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, 128, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("case_id,county,date_reported,category,offenses,status\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "K-%d,341321,2024-05-%02d,05,%s,open\n",
                ids[i] < 0 ? -ids[i] : ids[i] % REJECTED, ids[i] < 0 ? 40 : 1 + (int)(i % 28),
                ids[i] >= REJECTED ? "x" : "1");
    fclose(f);
    return p;
}

/* Read one file as ingest.c does: fingerprints, then the exact check when
 * they say so.  Returns whether the file had an error (refused). */
static bool check_file(fs_idcheck *ids, fs_idexact *x, const char *path, fs_diags *d)
{
    fs_source *src;
    fs_encoding enc;
    size_t errors = d->errors;
    assert_int_equal(fs_csv_open(path, path, &src, &enc, d), FS_OK);
    fs_validator *v = fs_validator_new(zone, src, -1);
    assert_non_null(v);
    fs_row row;
    fs_record rec;
    bool eof;
    long n = 0;
    while (fs_source_next(src, &row, &eof, d) == FS_OK && !eof) {
        fs_row_kind k = fs_validator_row(v, &row, &rec, d);
        /* a rejected row with a valid identity counts against repeats */
        if (fs_validator_identity(v)) { /* every record has one */
            const fs_value *id = &rec.v[fs_tables[rec.table].id_col];
            fs_idcheck_add(ids, rec.table,
                           fs_idcheck_key(rec.table, rec.county, rec.year, id->s, id->len));
        }
        n += k == FS_ROW_RECORD;
    }
    fs_validator_free(v);
    fs_source_free(src);
    fs_idexact_count(x, n);
    assert_int_equal(fs_idexact_part(x, path, -1, FS_T_INCIDENTS), FS_OK);
    if (fs_idcheck_suspect(ids, FS_T_INCIDENTS)) {
        fs_loc l = {FS_LOC_LINE, path, NULL, 0, 1, "case_id", 0};
        assert_int_equal(fs_idexact_report(x, ids, FS_T_INCIDENTS, &l, d), FS_OK);
    }
    bool refused = d->errors != errors;
    assert_int_equal(fs_idexact_file_end(x, !refused), n);
    fs_idcheck_file_end(ids, !refused);
    return refused;
}

/* The expected message of a repeat of case K-<id> whose first record
 * stands at FIRST line LINE. */
static void assert_repeat(const fs_diag *g, long line, int id, const char *first, long first_line)
{
    char want[512];
    snprintf(want, sizeof want,
             "case_id 'K-%d' of 341321 in 2024 repeats an identifier (see %s line %ld)", id, first,
             first_line);
    assert_int_equal(g->rule, R_UNIQUE_ID);
    assert_int_equal(g->line, line);
    assert_string_equal(g->message, want);
}

static void run(size_t cap, size_t pass_cap)
{
    fs_idcheck *ids = fs_idcheck_new(cap);
    fs_idexact *x = fs_idexact_new(zone);
    assert_non_null(ids);
    assert_non_null(x);
    fs_idexact_set_pass_cap(x, pass_cap);
    fs_diags d;
    fs_diags_init(&d);
    int a[300];
    for (int i = 0; i < 300; i++)
        a[i] = i;
    const char *pa = write_file("a.csv", a, 300);
    assert_false(check_file(ids, x, pa, &d));
    assert_int_equal(d.count, 0);
    /* b: 7 twice in itself, 3 and 250 of a.csv; 1000 once */
    int b[] = {1000, 7, 3, 7, 250, 7};
    const char *pb = write_file("b.csv", b, 6);
    assert_true(check_file(ids, x, pb, &d));
    assert_int_equal(d.count, 5);
    assert_repeat(&d.items[0], 3, 7, pa, 9); /* line 3 of b: 7, first in a.csv */
    assert_repeat(&d.items[1], 4, 3, pa, 5);
    assert_repeat(&d.items[2], 5, 7, pa, 9);
    assert_repeat(&d.items[3], 6, 250, pa, 252);
    assert_repeat(&d.items[4], 7, 7, pa, 9);
    /* c: refused (a bad date), holding 2000 and 2001 */
    int c[] = {2000, 2001, -5000};
    const char *pc = write_file("c.csv", c, 3);
    size_t before = d.count;
    assert_true(check_file(ids, x, pc, &d));
    assert_int_equal(d.count, before + 1); /* the date only: no repeat */
    /* e: 2000 again (the refused file's records do not count), 2000 twice */
    int e[] = {2000, 5, 2000};
    const char *pe = write_file("e.csv", e, 3);
    before = d.count;
    assert_true(check_file(ids, x, pe, &d));
    assert_int_equal(d.count, before + 2);
    assert_repeat(&d.items[before], 3, 5, pa, 7);
    assert_repeat(&d.items[before + 1], 4, 2000, pe, 2);
    /* f: rows rejected for their count of offenses keep their identity: K-8
     * repeats a.csv's, and the valid K-9000 is repeated by a rejected row */
    int f[] = {REJECTED + 8, 9000, REJECTED + 9000};
    const char *pf = write_file("f.csv", f, 3);
    before = d.count;
    assert_true(check_file(ids, x, pf, &d));
    assert_int_equal(d.count, before + 4); /* two counts, two repeats */
    assert_int_equal(d.items[before].rule, R_VALUE_INTEGER);
    assert_int_equal(d.items[before + 1].rule, R_VALUE_INTEGER);
    assert_repeat(&d.items[before + 2], 2, 8, pa, 10);
    assert_repeat(&d.items[before + 3], 4, 9000, pf, 3);
    fs_diags_free(&d);
    fs_idexact_free(x);
    fs_idcheck_free(ids);
}

/* Every fingerprint kept: only the collisions are read again. */
static void test_collisions(void **state)
{
    (void)state;
    run(1 << 20, 1 << 20);
}

/* Past the cap: every record may repeat; one pass, then many small ones. */
static void test_past_the_cap(void **state)
{
    (void)state;
    run(50, 1 << 20);
    run(50, 64);
    run(50, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collisions),
        cmocka_unit_test(test_past_the_cap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
