/*
 * idcheck.c — fingerprints of record identities (see idcheck.h).
 *
 * Per table, one array: the run's accepted fingerprints, sorted, then the
 * current file's, appended as they come and sorted (radix) when a part of
 * the file ends.  Accepting a file merges its sorted tail into the run's
 * part in place; refusing it truncates the array.
 */
#include "idcheck.h"

#include <stdlib.h>
#include <string.h>

typedef struct idtable {
    uint64_t *v;
    size_t n, cap;
    size_t file_start;  /* v[0..file_start): the run's, sorted; the rest: the file's */
    bool file_sorted;   /* v[file_start..n) is sorted                               */
    bool file_over;     /* some of the file's fingerprints are missing              */
    bool run_over;      /* some of the run's are missing: nothing can be proved     */
} idtable;

struct fs_idcheck {
    size_t cap, held;
    idtable t[FS_T_COUNT];
};

fs_idcheck *fs_idcheck_new(size_t cap)
{
    fs_idcheck *c = calloc(1, sizeof *c);
    if (c)
        c->cap = cap;
    return c;
}

void fs_idcheck_free(fs_idcheck *c)
{
    if (!c)
        return;
    for (int t = 0; t < FS_T_COUNT; t++)
        free(c->t[t].v);
    free(c);
}

/* A bijective 64-bit mixer (the finaliser of splitmix64's kind). */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93u;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93u;
    x ^= x >> 32;
    return x;
}

uint64_t fs_idcheck_key(fs_table t, int county, int year, const char *id, size_t len)
{
    uint64_t h = mix(0x9e3779b97f4a7c15u ^ ((uint64_t)t << 56) ^ ((uint64_t)(county & 0xff) << 48) ^
                     ((uint64_t)(year & 0xffff) << 32) ^ (uint64_t)len);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t k;
        memcpy(&k, id + i, 8);
        h = mix(h ^ k);
    }
    uint64_t k = 0;
    memcpy(&k, id + i, len - i);
    return mix(h ^ k ^ 0x5851f42d4c957f2du);
}

void fs_idcheck_add(fs_idcheck *c, fs_table t, uint64_t key)
{
    idtable *x = &c->t[t];
    if (x->file_over || x->run_over)
        return;
    if (c->held >= c->cap) {
        x->file_over = true;
        return;
    }
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 1024;
        uint64_t *v = realloc(x->v, cap * sizeof *v);
        if (!v) {
            x->file_over = true;
            return;
        }
        x->v = v;
        x->cap = cap;
    }
    x->v[x->n++] = key;
    x->file_sorted = false;
    c->held++;
}

enum { BITS = 11, PASSES = 6, BUCKETS = 1 << BITS };

/* Sort v[0..n) with the help of tmp[0..n) and zeroed counters: LSD radix,
 * 6 passes of 11 bits (an even number, so the result ends in v). */
static void radix_sort(uint64_t *v, uint64_t *tmp, size_t (*count)[BUCKETS], size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < PASSES; p++)
            count[p][(v[i] >> (p * BITS)) & (BUCKETS - 1)]++;
    uint64_t *from = v, *to = tmp;
    for (int p = 0; p < PASSES; p++) {
        size_t sum = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            size_t k = count[p][b];
            count[p][b] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            to[count[p][(from[i] >> (p * BITS)) & (BUCKETS - 1)]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sort the file's part; false when out of memory. */
static bool sort_file(idtable *x)
{
    size_t n = x->n - x->file_start;
    uint64_t *f = n ? x->v + x->file_start : NULL; /* v is NULL before the first */
    if (n < 2) {
        /* sorted already */
    } else if (n < 4096) {
        qsort(f, n, sizeof *f, cmp_u64);
    } else {
        uint64_t *tmp = malloc(n * sizeof *tmp);
        size_t(*count)[BUCKETS] = calloc(PASSES, sizeof *count);
        if (tmp && count)
            radix_sort(f, tmp, count, n);
        free(tmp);
        free(count);
        if (!tmp || !count)
            return false;
    }
    x->file_sorted = true;
    return true;
}

bool fs_idcheck_suspect(fs_idcheck *c, fs_table t)
{
    idtable *x = &c->t[t];
    if (x->file_over || x->run_over)
        return true;
    if (!x->v)
        return false; /* no fingerprint at all */
    if (!x->file_sorted && !sort_file(x)) {
        x->file_over = true;
        return true;
    }
    const uint64_t *f = x->v + x->file_start, *r = x->v;
    size_t nf = x->n - x->file_start, nr = x->file_start;
    for (size_t i = 1; i < nf; i++)
        if (f[i] == f[i - 1])
            return true;
    for (size_t i = 0, j = 0; i < nf && j < nr;) {
        if (f[i] == r[j])
            return true;
        if (f[i] < r[j])
            i++;
        else
            j++;
    }
    return false;
}

/* Merge the sorted file part into the sorted run part, in place from the
 * back, with a copy of the file part; false when out of memory. */
static bool merge_file(idtable *x)
{
    size_t nf = x->n - x->file_start;
    if (!nf || !x->file_start)
        return true;
    uint64_t *f = malloc(nf * sizeof *f);
    if (!f)
        return false;
    memcpy(f, x->v + x->file_start, nf * sizeof *f);
    size_t i = x->file_start, j = nf, k = x->n;
    while (j > 0)
        x->v[--k] = i > 0 && x->v[i - 1] > f[j - 1] ? x->v[--i] : f[--j];
    free(f);
    return true;
}

void fs_idcheck_file_end(fs_idcheck *c, bool accepted)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        idtable *x = &c->t[t];
        if (accepted && !x->run_over) {
            bool ok = !x->file_over && (x->file_sorted || sort_file(x)) && merge_file(x);
            if (!ok)
                x->run_over = true;
        }
        if (!accepted || x->run_over) {
            c->held -= x->n - (x->run_over ? 0 : x->file_start);
            x->n = x->run_over ? 0 : x->file_start;
        }
        if (x->run_over && x->v) {
            free(x->v); /* nothing more can be proved for this table */
            x->v = NULL;
            x->cap = 0;
        }
        x->file_start = x->n;
        x->file_sorted = true;
        x->file_over = false;
    }
}
