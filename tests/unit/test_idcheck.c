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

#include <stdbool.h>

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

/* One file read by halves (vsplit.c): each half's set compacted, the
 * second's absorbed by the first, says what one set given every
 * fingerprint says: a repeat across the halves, within one, against an
 * accepted file, none; later adds after a compaction go to a new chunk;
 * past the cap the table is suspect. */
static void test_halves(void **state)
{
    (void)state;
    enum { N = 150000 }; /* several chunks each */
    /* cases: 0 none, 1 across the halves, 2 within the second, 3 against
     * the first file of the run */
    for (int kase = 0; kase < 4; kase++) {
        fs_idcheck *a = fs_idcheck_new((size_t)4 * N), *b = fs_idcheck_new((size_t)4 * N);
        assert_non_null(a);
        assert_non_null(b);
        if (kase == 3) { /* an accepted file holding 2N + 7 */
            fs_idcheck_add(a, FS_T_INCIDENTS, nth(2 * N + 7));
            fs_idcheck_file_end(a, true);
        }
        for (unsigned i = 0; i < N; i++)
            fs_idcheck_add(a, FS_T_INCIDENTS, nth(i));
        for (unsigned i = N; i < 2 * N; i++)
            fs_idcheck_add(b, FS_T_INCIDENTS, nth(i));
        if (kase == 1)
            fs_idcheck_add(b, FS_T_INCIDENTS, nth(5));
        if (kase == 2)
            fs_idcheck_add(b, FS_T_INCIDENTS, nth(N + 5));
        fs_idcheck_compact(a);
        fs_idcheck_compact(b);
        fs_idcheck_absorb(a, b);
        if (kase == 3) /* added after the compaction: a new chunk */
            fs_idcheck_add(a, FS_T_INCIDENTS, nth(2 * N + 7));
        assert_int_equal(fs_idcheck_suspect(a, FS_T_INCIDENTS), kase != 0);
        uint64_t *keys;
        size_t n;
        bool all;
        assert_int_equal(fs_idcheck_collisions(a, FS_T_INCIDENTS, &keys, &n, &all), FS_OK);
        assert_false(all);
        assert_int_equal(n, kase != 0);
        if (kase)
            assert_true(keys[0] == nth(kase == 1 ? 5 : kase == 2 ? N + 5 : 2 * N + 7));
        free(keys);
        fs_idcheck_free(a);
        fs_idcheck_free(b);
    }
    /* together past the cap: suspect (the exact check takes over) */
    fs_idcheck *a = fs_idcheck_new(N), *b = fs_idcheck_new(N);
    assert_non_null(a);
    assert_non_null(b);
    for (unsigned i = 0; i < N / 2 + 10; i++) {
        fs_idcheck_add(a, FS_T_INCIDENTS, nth(i));
        fs_idcheck_add(b, FS_T_INCIDENTS, nth(N + i));
    }
    fs_idcheck_absorb(a, b);
    assert_true(fs_idcheck_suspect(a, FS_T_INCIDENTS));
    fs_idcheck_free(a);
    fs_idcheck_free(b);
}

/* Against a model: files of random sizes (a few keys to several chunks)
 * of fresh identifiers, some with a planted repeat of the run's accepted
 * files (anywhere, or the run's first and last) or of the file itself.  After each file: suspect says true exactly
 * when the model finds a repeat, and the collisions are exactly the
 * model's repeated keys, sorted.  The run is walked in step with the
 * file's sorted keys (in_run_from); this checks that walk's every case. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void test_against_a_model(void **state)
{
    (void)state;
    enum { MAXRUN = 2000000 };
    uint64_t seed = 0x9e3779b97f4a7c15u;
    uint64_t *run = malloc(MAXRUN * sizeof *run), *file = malloc(200000 * sizeof *file);
    uint64_t *want = malloc(200000 * sizeof *want);
    assert_non_null(run);
    assert_non_null(file);
    assert_non_null(want);
    size_t nrun = 0;
    fs_idcheck *c = fs_idcheck_new(FS_IDCHECK_CAP);
    assert_non_null(c);
    unsigned repeats = 0, fresh = 0;
    for (int f = 0; f < 40; f++) {
        /* sizes: 1..16, ~1 000, ~150 000 (three chunks) */
        size_t n = f % 3 == 0 ? 1 + rnd(&seed) % 16
                   : f % 3 == 1 ? 500 + rnd(&seed) % 1000
                                : 100000 + rnd(&seed) % 60000;
        /* fresh identifiers, in a shuffled order, and by the file's
         * number: none planted, one of the run's (anywhere, or its first
         * and last), one of the file's own */
        for (size_t i = 0; i < n; i++)
            file[i] = nth(fresh++);
        for (size_t i = n; i > 1; i--) {
            size_t j = rnd(&seed) % i;
            uint64_t t = file[i - 1];
            file[i - 1] = file[j];
            file[j] = t;
        }
        switch (f % 5) {
        case 1:
            if (nrun)
                file[rnd(&seed) % n] = run[rnd(&seed) % nrun];
            break;
        case 2:
            if (nrun)
                file[0] = run[0], file[n - 1] = run[nrun - 1];
            break;
        case 3:
            if (n > 1)
                file[n - 1] = file[rnd(&seed) % (n - 1)];
            break;
        }
        for (size_t i = 0; i < n; i++)
            fs_idcheck_add(c, FS_T_INCIDENTS, file[i]);
        /* the model: sorted file, repeats within it or in the run */
        qsort(file, n, sizeof *file, cmp_key);
        size_t nw = 0;
        for (size_t i = 0; i < n; i++) {
            bool rep = (i && file[i] == file[i - 1]) ||
                       (nrun && bsearch(&file[i], run, nrun, sizeof *run, cmp_key));
            if (rep && (!nw || want[nw - 1] != file[i]))
                want[nw++] = file[i];
        }
        assert_int_equal(fs_idcheck_suspect(c, FS_T_INCIDENTS), nw > 0);
        if (nw) {
            uint64_t *keys;
            size_t nk;
            bool all;
            assert_int_equal(fs_idcheck_collisions(c, FS_T_INCIDENTS, &keys, &nk, &all), FS_OK);
            assert_false(all);
            assert_int_equal(nk, nw);
            assert_memory_equal(keys, want, nw * sizeof *want);
            free(keys);
            repeats++;
        }
        /* accept the files without repeats (while the run has room) */
        bool accept = !nw && nrun + n <= MAXRUN;
        fs_idcheck_file_end(c, accept);
        if (accept) {
            memcpy(run + nrun, file, n * sizeof *file);
            nrun += n;
            qsort(run, nrun, sizeof *run, cmp_key);
        }
    }
    assert_true(repeats >= 20); /* the cases above did happen */
    assert_true(nrun > 500000);
    fs_idcheck_free(c);
    free(run);
    free(file);
    free(want);
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
        cmocka_unit_test(test_halves),
        cmocka_unit_test(test_against_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
