/*
 * test_idcheck.c — unit tests for report/read/idcheck.c: fingerprints of record
 * identities, repeats within a file and against the run's accepted files,
 * refused files forgotten, and the memory cap falling back to "suspect".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "idcheck.h"

static uint64_t key_of(fs_table t, int county, int year, const char *id)
{
    return fs_idcheck_key(t, county, year, id, strlen(id));
}

static uint64_t nth(unsigned i)
{
    char id[32];
    snprintf(id, sizeof id, "C-%07u", i);
    return key_of(FS_T_INCIDENTS, 1, 2024, id);
}

static void test_key_tells_identities_apart(void **state)
{
    (void)state;
    uint64_t k = key_of(FS_T_INCIDENTS, 1, 2024, "A-1");
    assert_true(k == key_of(FS_T_INCIDENTS, 1, 2024, "A-1"));
    assert_true(k != key_of(FS_T_DISPUTES, 1, 2024, "A-1"));
    assert_true(k != key_of(FS_T_INCIDENTS, 2, 2024, "A-1"));
    assert_true(k != key_of(FS_T_INCIDENTS, 1, 2023, "A-1"));
    assert_true(k != key_of(FS_T_INCIDENTS, 1, 2024, "A-2"));
    assert_true(k != key_of(FS_T_INCIDENTS, 1, 2024, "A-1 "));
    /* lengths around the 8-byte step; a trailing NUL is no match */
    assert_true(key_of(FS_T_INCIDENTS, 1, 2024, "ABCDEFGH") !=
                key_of(FS_T_INCIDENTS, 1, 2024, "ABCDEFG"));
    assert_true(fs_idcheck_key(FS_T_INCIDENTS, 1, 2024, "AB\0", 3) !=
                fs_idcheck_key(FS_T_INCIDENTS, 1, 2024, "AB", 2));
    /* 200 000 identifiers of one slice: no two fingerprints alike */
    size_t n = 200000;
    fs_idcheck *c = fs_idcheck_new(n);
    assert_non_null(c);
    for (unsigned i = 0; i < n; i++)
        fs_idcheck_add(c, FS_T_INCIDENTS, nth(i));
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_free(c);
}

/* Small files (sorted by qsort) and large ones (radix): a single repeat,
 * wherever it stands, is seen. */
static void test_repeat_within_a_file(void **state)
{
    (void)state;
    static const unsigned sizes[] = {2, 100, 5000, 100000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        unsigned n = sizes[s];
        fs_idcheck *c = fs_idcheck_new(FS_IDCHECK_CAP);
        assert_non_null(c);
        for (unsigned i = 0; i < n; i++) /* a scrambled order */
            fs_idcheck_add(c, FS_T_INCIDENTS, nth((i * 7919u) % n));
        assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
        fs_idcheck_add(c, FS_T_INCIDENTS, nth(n / 2));
        assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
        assert_false(fs_idcheck_suspect(c, FS_T_DISPUTES)); /* other tables: nothing */
        fs_idcheck_free(c);
    }
}

static void add_range(fs_idcheck *c, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++)
        fs_idcheck_add(c, FS_T_INCIDENTS, nth(i));
}

/* Accepted files join the run; a refused file is forgotten. */
static void test_repeat_across_files(void **state)
{
    (void)state;
    fs_idcheck *c = fs_idcheck_new(FS_IDCHECK_CAP);
    assert_non_null(c);
    add_range(c, 0, 6000); /* file 1 */
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    add_range(c, 10000, 10100); /* file 2 */
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    add_range(c, 20000, 20010); /* file 3, refused */
    fs_idcheck_file_end(c, false);

    add_range(c, 20000, 20010); /* the refused file's identifiers are free */
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    fs_idcheck_add(c, FS_T_INCIDENTS, nth(5999)); /* last of file 1 */
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    fs_idcheck_add(c, FS_T_INCIDENTS, nth(10050)); /* middle of file 2 */
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    fs_idcheck_add(c, FS_T_INCIDENTS, nth(0)); /* first of file 1 */
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    /* a part of a file (a sheet) checked, then another part appended */
    add_range(c, 30000, 30005);
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    add_range(c, 30004, 30006);
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_free(c);
}

/* Files spanning several sorted chunks (65 536 fingerprints each): the
 * merge sees repeats between any two chunks, the run's and the file's. */
static void test_many_chunks(void **state)
{
    (void)state;
    fs_idcheck *c = fs_idcheck_new(FS_IDCHECK_CAP);
    assert_non_null(c);
    add_range(c, 0, 150000); /* three chunks */
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    add_range(c, 150000, 290000); /* three more */
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_add(c, FS_T_INCIDENTS, nth(140000)); /* the first file's third chunk */
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    add_range(c, 150000, 290000);
    fs_idcheck_add(c, FS_T_INCIDENTS, nth(150001)); /* its own first chunk */
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, false);
    add_range(c, 150000, 290000);
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS)); /* nothing left of the refused */
    fs_idcheck_free(c);
}

/* From the second accepted file on the run is folded into one sorted
 * array: repeats of any earlier file are still seen, a refused file's
 * identifiers are still free, and a file costs its own size, not the
 * run's (no timing here: bench/ and e2e time the import). */
static void test_many_files(void **state)
{
    (void)state;
    fs_idcheck *c = fs_idcheck_new(FS_IDCHECK_CAP);
    assert_non_null(c);
    const unsigned files = 60, per = 3000;
    for (unsigned f = 0; f < files; f++) {
        add_range(c, f * per, (f + 1) * per);
        assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
        fs_idcheck_file_end(c, true);
        if (f % 10 == 9) { /* now and then a refused file and a repeat */
            add_range(c, 900000 + f, 900001 + f);
            fs_idcheck_file_end(c, false);
            fs_idcheck_add(c, FS_T_INCIDENTS, nth(f * per / 2));
            assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
            fs_idcheck_file_end(c, false);
        }
    }
    static const unsigned seen[] = {0, per - 1, per, 30 * per + 7, files * per - 1};
    for (size_t i = 0; i < sizeof seen / sizeof *seen; i++) {
        add_range(c, 2000000, 2000100);
        fs_idcheck_add(c, FS_T_INCIDENTS, nth(seen[i]));
        assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
        fs_idcheck_file_end(c, false);
    }
    add_range(c, 900009, 900010); /* the refused files' identifiers */
    add_range(c, 900019, 900020);
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    fs_idcheck_free(c);
}

/* Past the cap nothing is proved; a refused file gives the room back,
 * an accepted one leaves its table unprovable for the rest of the run. */
static void test_cap(void **state)
{
    (void)state;
    fs_idcheck *c = fs_idcheck_new(10);
    assert_non_null(c);
    add_range(c, 0, 11);
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    assert_false(fs_idcheck_suspect(c, FS_T_DISPUTES));
    fs_idcheck_file_end(c, false);
    add_range(c, 0, 10);
    assert_false(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    fs_idcheck_add(c, FS_T_DISPUTES, 1); /* the cap counts every table */
    assert_true(fs_idcheck_suspect(c, FS_T_DISPUTES));
    fs_idcheck_file_end(c, true);
    add_range(c, 100, 101);
    assert_true(fs_idcheck_suspect(c, FS_T_INCIDENTS));
    fs_idcheck_file_end(c, true);
    fs_idcheck_add(c, FS_T_DISPUTES, 2);
    assert_true(fs_idcheck_suspect(c, FS_T_DISPUTES)); /* unprovable now */
    fs_idcheck_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_tells_identities_apart),
        cmocka_unit_test(test_repeat_within_a_file),
        cmocka_unit_test(test_repeat_across_files),
        cmocka_unit_test(test_many_chunks),
        cmocka_unit_test(test_many_files),
        cmocka_unit_test(test_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
