/*
 * idcheck.c — fingerprints of record identities (see idcheck.h).
 *
 * Per table, a list of chunks of at most CHUNK fingerprints, each sorted
 * (radix) as soon as it is full, so the validating thread does the sorting
 * while the store catches up.  The run's accepted files own the first
 * chunks, the current file the rest; a file never shares a chunk with
 * another.  A check is one k-way merge of every chunk of the table (a
 * small heap of chunk heads): two equal fingerprints in a row, one of them
 * the file's, make the table suspect (the run's are known to differ among
 * themselves).  Accepting a file keeps its chunks (the last one shrunk to
 * fit), refusing it frees them.  Memory: 8 bytes per fingerprint plus one
 * chunk of sorting space, whatever the file size; no array is ever copied
 * to grow.
 */
#include "idcheck.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK ((size_t)1 << 16)

typedef struct chunk {
    uint64_t *v;
    size_t n;
    bool sorted;
} chunk;

typedef struct idtable {
    chunk *c;
    size_t nc, capc;
    size_t file_first;  /* c[0..file_first): the run's; the rest: the file's */
    bool file_over;     /* some of the file's fingerprints are missing       */
    bool run_over;      /* some of the run's are missing: nothing is proved  */
} idtable;

struct fs_idcheck {
    size_t cap, held;
    uint64_t *scratch;  /* CHUNK entries for the radix sort, made on first use */
    idtable t[FS_T_COUNT];
};

fs_idcheck *fs_idcheck_new(size_t cap)
{
    fs_idcheck *c = calloc(1, sizeof *c);
    if (c)
        c->cap = cap;
    return c;
}

static void drop_chunks(fs_idcheck *c, idtable *x, size_t from)
{
    for (size_t i = from; i < x->nc; i++) {
        c->held -= x->c[i].n;
        free(x->c[i].v);
    }
    x->nc = from;
}

void fs_idcheck_free(fs_idcheck *c)
{
    if (!c)
        return;
    for (int t = 0; t < FS_T_COUNT; t++) {
        drop_chunks(c, &c->t[t], 0);
        free(c->t[t].c);
    }
    free(c->scratch);
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

enum { BITS = 11, PASSES = 6, BUCKETS = 1 << BITS };

/* Sort a chunk: LSD radix, 6 passes of 11 bits (an even number, so the
 * result ends where it started); qsort for small ones.  False when out of
 * memory for the sorting space. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static bool sort_chunk(fs_idcheck *c, chunk *k)
{
    if (k->sorted)
        return true;
    if (k->n < 1024) {
        if (k->n > 1)
            qsort(k->v, k->n, sizeof *k->v, cmp_u64);
        k->sorted = true;
        return true;
    }
    if (!c->scratch && !(c->scratch = malloc(CHUNK * sizeof *c->scratch)))
        return false;
    size_t count[PASSES][BUCKETS];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < k->n; i++)
        for (int p = 0; p < PASSES; p++)
            count[p][(k->v[i] >> (p * BITS)) & (BUCKETS - 1)]++;
    uint64_t *from = k->v, *to = c->scratch;
    for (int p = 0; p < PASSES; p++) {
        size_t sum = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            size_t m = count[p][b];
            count[p][b] = sum;
            sum += m;
        }
        for (size_t i = 0; i < k->n; i++)
            to[count[p][(from[i] >> (p * BITS)) & (BUCKETS - 1)]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
    k->sorted = true;
    return true;
}

/* The file's fingerprints of x cannot all be held: the exact check will
 * run, and those held are of no more use (their memory goes back before
 * that check's sorting needs some). */
static void file_overflow(fs_idcheck *c, idtable *x)
{
    x->file_over = true;
    drop_chunks(c, x, x->file_first);
}

void fs_idcheck_add(fs_idcheck *c, fs_table t, uint64_t key)
{
    idtable *x = &c->t[t];
    if (x->file_over || x->run_over)
        return;
    if (c->held >= c->cap) {
        file_overflow(c, x);
        return;
    }
    chunk *k = x->nc > x->file_first ? &x->c[x->nc - 1] : NULL;
    if (!k || k->n == CHUNK) {
        if (k && !sort_chunk(c, k)) {
            file_overflow(c, x);
            return;
        }
        if (x->nc == x->capc || !x->c) {
            size_t capc = x->capc ? x->capc * 2 : 16;
            chunk *nc = realloc(x->c, capc * sizeof *nc);
            if (!nc) {
                file_overflow(c, x);
                return;
            }
            x->c = nc;
            x->capc = capc;
        }
        k = &x->c[x->nc];
        if (!(k->v = malloc(CHUNK * sizeof *k->v))) {
            file_overflow(c, x);
            return;
        }
        k->n = 0;
        k->sorted = false;
        x->nc++;
    }
    k->v[k->n++] = key;
    k->sorted = false;
    c->held++;
}

/* The k-way merge: a min-heap of chunk indexes ordered by their head. */
typedef struct merge {
    const chunk *c;
    size_t *pos;   /* next entry of each chunk */
    size_t *heap;
    size_t n;
} merge;

static uint64_t head(const merge *m, size_t h)
{
    return m->c[h].v[m->pos[h]];
}

static void sift_down(merge *m, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, s = i;
        if (l < m->n && head(m, m->heap[l]) < head(m, m->heap[s]))
            s = l;
        if (r < m->n && head(m, m->heap[r]) < head(m, m->heap[s]))
            s = r;
        if (s == i)
            return;
        size_t tmp = m->heap[i];
        m->heap[i] = m->heap[s];
        m->heap[s] = tmp;
        i = s;
    }
}

/* Do two chunks hold an equal fingerprint, one of them a file's chunk
 * (index >= file_first)?  -1 when out of memory. */
static int merge_finds_repeat(const idtable *x)
{
    merge m = {x->c, calloc(x->nc, sizeof *m.pos), calloc(x->nc, sizeof *m.heap), 0};
    int found = m.pos && m.heap ? 0 : -1;
    for (size_t i = 0; i < x->nc && found == 0; i++)
        if (x->c[i].n)
            m.heap[m.n++] = i;
    for (size_t i = m.n / 2; i-- > 0;)
        sift_down(&m, i);
    bool have_prev = false, prev_file = false;
    uint64_t prev = 0;
    while (m.n && found == 0) {
        size_t h = m.heap[0];
        uint64_t v = head(&m, h);
        bool file = h >= x->file_first;
        if (have_prev && v == prev && (file || prev_file))
            found = 1;
        have_prev = true;
        prev = v;
        prev_file = file;
        if (++m.pos[h] == x->c[h].n)
            m.heap[0] = m.heap[--m.n];
        sift_down(&m, 0);
    }
    free(m.pos);
    free(m.heap);
    return found;
}

bool fs_idcheck_suspect(fs_idcheck *c, fs_table t)
{
    idtable *x = &c->t[t];
    if (x->file_over || x->run_over)
        return true;
    if (x->nc == x->file_first)
        return false; /* nothing of the file */
    for (size_t i = x->file_first; i < x->nc; i++)
        if (!sort_chunk(c, &x->c[i])) {
            file_overflow(c, x);
            return true;
        }
    int r = merge_finds_repeat(x);
    if (r < 0)
        file_overflow(c, x);
    return r != 0;
}

void fs_idcheck_file_end(fs_idcheck *c, bool accepted)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        idtable *x = &c->t[t];
        if (accepted && !x->run_over) {
            bool ok = !x->file_over;
            for (size_t i = x->file_first; i < x->nc && ok; i++)
                ok = sort_chunk(c, &x->c[i]);
            if (ok && x->nc > x->file_first) { /* the last chunk shrunk to fit */
                chunk *k = &x->c[x->nc - 1];
                uint64_t *v = realloc(k->v, (k->n ? k->n : 1) * sizeof *v);
                if (v)
                    k->v = v;
            }
            if (!ok)
                x->run_over = true;
        }
        if (!accepted || x->run_over)
            drop_chunks(c, x, x->run_over ? 0 : x->file_first); /* nothing more to prove */
        x->file_first = x->nc;
        x->file_over = false;
    }
}
