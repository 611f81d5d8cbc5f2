/*
 * idcheck.c — fingerprints of record identities (see idcheck.h).
 *
 * Per table, the current file's fingerprints sit in chunks of at most
 * CHUNK, each sorted (radix) as soon as it is full, so the validating
 * thread does the sorting while the store catches up.  A check is one
 * k-way merge of the chunks (a small heap of chunk heads): two equal
 * fingerprints in a row make the table suspect.
 *
 * The run's accepted fingerprints: the first accepted file simply keeps its
 * chunks (they join the merge above: an import of one file never copies
 * anything); from the second accepted file on, everything is folded into
 * one sorted array (mmap'd, grown by mremap: no copy, no second array),
 * merged from the back, and each later file's fingerprints are looked up
 * in it by binary search.  So a file costs in proportion to its own size
 * (times a logarithm), not to the run's: many files are no quadratic
 * work.  Refusing a file frees its chunks.  A fold that would need more
 * than FOLD_MAX fingerprints of memory at once gives up proving for the
 * rest of the run (the exact check takes over).  Memory: 8 bytes per
 * fingerprint plus 512 KiB of sorting space.
 */
#include "idcheck.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "grow.h"

#define CHUNK ((size_t)1 << 16)
/* Fingerprints a fold may hold at once: the run, its result, and the
 * chunks until they are freed (8 bytes each: 32 MiB). */
#define FOLD_MAX ((size_t)4 << 20)
/* fs_idcheck_compact sorts at most this many of a file's fingerprints
 * into one chunk (16 MiB at once); more stay in their chunks. */
#define COMPACT_MAX ((size_t)1 << 20)
/* The radix sort of a chunk: 6 passes of 11 bits. */
enum { BITS = 11, PASSES = 6, BUCKETS = 1 << BITS };

typedef struct chunk {
    uint64_t *v;
    size_t n;
    bool sorted;
} chunk;

typedef struct idtable {
    chunk *c;
    size_t nc, capc;
    size_t file_first; /* c[0..file_first): the run's; the rest: the file's */
    uint64_t *run;     /* the run's, folded and sorted (mmap'd), or NULL    */
    size_t nrun, run_bytes;
    bool file_over; /* some of the file's fingerprints are missing       */
    bool run_over;  /* some of the run's are missing: nothing is proved  */
} idtable;

struct fs_idcheck {
    size_t cap, held;
    uint64_t *scratch;        /* CHUNK entries for the radix sort, made on first use */
    size_t (*count)[BUCKETS]; /* its counters, made with it */
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

static void drop_run(fs_idcheck *c, idtable *x)
{
    drop_chunks(c, x, 0);
    if (x->run)
        munmap(x->run, x->run_bytes);
    c->held -= x->nrun;
    x->run = NULL;
    x->nrun = x->run_bytes = 0;
}

void fs_idcheck_free(fs_idcheck *c)
{
    if (!c)
        return;
    for (int t = 0; t < FS_T_COUNT; t++) {
        drop_run(c, &c->t[t]);
        free(c->t[t].c);
    }
    free(c->scratch);
    free(c->count);
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

/* Sort a chunk: LSD radix, 6 passes of 11 bits (an even number, so the
 * result ends where it started); qsort for small ones.  False when out of
 * memory for the sorting space. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Is key in x's folded run (sorted ascending)?  For a series of keys
 * asked in ascending order: *at starts at 0 and keeps where the last one
 * ended, and each search gallops forward from there, so a file's keys
 * cost about their number times the log of the run's gap between them,
 * read in order, instead of a binary search each over the whole run
 * (issue 16: 2.3 % of a 1 M-record import, on the storing thread). */
static bool in_run_from(const idtable *x, size_t *at, uint64_t key)
{
    size_t lo = *at, hi = x->nrun;
    if (lo < x->nrun && x->run[lo] < key) { /* gallop: run[lo] < key */
        for (size_t step = 1;; step *= 2) {
            if (step >= x->nrun - lo) {
                lo++;
                break;
            }
            if (x->run[lo + step] >= key) {
                hi = lo + step;
                lo++;
                break;
            }
            lo += step;
        }
        while (lo < hi) { /* the first of [lo, hi) >= key, else hi */
            size_t mid = lo + (hi - lo) / 2;
            if (x->run[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    *at = lo;
    return lo < x->nrun && x->run[lo] == key;
}

/* LSD radix sort of v[0, n) in PASSES passes of BITS bits, through tmp
 * (n entries) and count (PASSES x BUCKETS, overwritten).  PASSES is even,
 * so the sorted values end in v. */
_Static_assert(PASSES % 2 == 0, "radix_sort leaves the result in v");
static void radix_sort(uint64_t *v, uint64_t *tmp, size_t n, size_t (*count)[BUCKETS])
{
    memset(count, 0, PASSES * sizeof *count);
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < PASSES; p++)
            count[p][(v[i] >> (p * BITS)) & (BUCKETS - 1)]++;
    uint64_t *from = v, *to = tmp;
    for (int p = 0; p < PASSES; p++) {
        size_t sum = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            size_t m = count[p][b];
            count[p][b] = sum;
            sum += m;
        }
        for (size_t i = 0; i < n; i++)
            to[count[p][(from[i] >> (p * BITS)) & (BUCKETS - 1)]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
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
    if (!c->count && !(c->count = malloc(PASSES * sizeof *c->count)))
        return false;
    radix_sort(k->v, c->scratch, k->n, c->count); /* count: 96 KiB, not on a stack */
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
    if (!k || k->n >= CHUNK) { /* >: one compacted (fs_idcheck_compact) */
        if (k && !sort_chunk(c, k)) {
            file_overflow(c, x);
            return;
        }
        if (!x->c)
            x->capc = 0;
        if (!fs_grow((void **)&x->c, &x->capc, x->nc, sizeof *x->c)) {
            file_overflow(c, x);
            return;
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

/* The k-way merge: a heap of chunk indexes ordered by their head, the
 * smallest first (a check) or, with desc, the largest first taken from
 * the chunks' ends (a fold, which fills its array from the back). */
typedef struct merge {
    const chunk *c;
    size_t *pos; /* next entry of each chunk; with desc, one past it */
    size_t *heap;
    size_t n;
    bool desc;
} merge;

static uint64_t head(const merge *m, size_t h)
{
    return m->desc ? m->c[h].v[m->pos[h] - 1] : m->c[h].v[m->pos[h]];
}

static bool before(const merge *m, size_t a, size_t b)
{
    return m->desc ? head(m, a) > head(m, b) : head(m, a) < head(m, b);
}

static void sift_down(merge *m, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, s = i;
        if (l < m->n && before(m, m->heap[l], m->heap[s]))
            s = l;
        if (r < m->n && before(m, m->heap[r], m->heap[s]))
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
 * (index >= file_first), or does the folded run hold one of the file's?
 * -1 when out of memory. */
static int merge_finds_repeat(const idtable *x)
{
    merge m = {x->c, calloc(x->nc, sizeof *m.pos), calloc(x->nc, sizeof *m.heap), 0, false};
    int found = m.pos && m.heap ? 0 : -1;
    for (size_t i = 0; i < x->nc && found == 0; i++)
        if (x->c[i].n)
            m.heap[m.n++] = i;
    for (size_t i = m.n / 2; i-- > 0;)
        sift_down(&m, i);
    bool have_prev = false, prev_file = false;
    uint64_t prev = 0;
    size_t at = 0; /* the folded run, walked in step */
    while (m.n && found == 0) {
        size_t h = m.heap[0];
        uint64_t v = head(&m, h);
        bool file = h >= x->file_first;
        if ((have_prev && v == prev && (file || prev_file)) ||
            (file && x->nrun && in_run_from(x, &at, v)))
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

/* Fold the chunks c[0..upto) into the sorted run array, merging from the
 * back, then free them (the others move down); false when memory is short
 * (the caller gives up proving for this table). */
static bool fold(idtable *x, size_t upto)
{
    size_t add = 0;
    for (size_t i = 0; i < upto; i++)
        add += x->c[i].n;
    size_t total = x->nrun + add;
    if (total + add > FOLD_MAX)
        return false;
    size_t page = 4096, bytes = (total * sizeof *x->run + page - 1) / page * page;
    if (bytes == 0) { /* nothing to fold: empty chunks */
        for (size_t i = 0; i < upto; i++)
            free(x->c[i].v);
        memmove(x->c, x->c + upto, (x->nc - upto) * sizeof *x->c);
        x->nc -= upto;
        x->file_first -= upto < x->file_first ? upto : x->file_first;
        return true;
    }
    void *r = x->run
                  ? mremap(x->run, x->run_bytes, bytes, MREMAP_MAYMOVE)
                  : mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r == MAP_FAILED)
        return false;
    x->run = r;
    x->run_bytes = bytes;
    merge m = {x->c, calloc(upto ? upto : 1, sizeof *m.pos),
               calloc(upto ? upto : 1, sizeof *m.heap), 0, true};
    bool ok = m.pos && m.heap;
    for (size_t i = 0; ok && i < upto; i++)
        if ((m.pos[i] = x->c[i].n))
            m.heap[m.n++] = i;
    for (size_t i = m.n / 2; ok && i-- > 0;)
        sift_down(&m, i);
    /* out >= the run's next entry: nothing is overwritten before it is read */
    for (size_t i = x->nrun, out = total; ok && out > 0;) {
        if (m.n && (i == 0 || head(&m, m.heap[0]) > x->run[i - 1])) {
            size_t h = m.heap[0];
            x->run[--out] = head(&m, h);
            if (--m.pos[h] == 0)
                m.heap[0] = m.heap[--m.n];
            sift_down(&m, 0);
        } else {
            x->run[--out] = x->run[--i];
        }
    }
    free(m.pos);
    free(m.heap);
    if (!ok)
        return false;
    x->nrun = total;
    for (size_t i = 0; i < upto; i++)
        free(x->c[i].v);
    memmove(x->c, x->c + upto, (x->nc - upto) * sizeof *x->c);
    x->nc -= upto;
    x->file_first -= upto < x->file_first ? upto : x->file_first;
    return true;
}

bool fs_idcheck_suspect(fs_idcheck *c, fs_table t)
{
    idtable *x = &c->t[t];
    if (x->file_over || x->run_over)
        return true;
    if (x->nc == x->file_first)
        return false; /* nothing of the file */
    /* a later file: the first one's chunks are folded now, once, so no
     * file (refused ones included) merges through them again */
    if (x->file_first > 0 && !fold(x, x->file_first)) {
        file_overflow(c, x);
        x->run_over = true;
        return true;
    }
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

/* A growing array of fingerprints. */
typedef struct keyvec {
    uint64_t *v;
    size_t n, cap;
    bool nomem;
} keyvec;

static void keyvec_push(keyvec *k, uint64_t key)
{
    if (k->n && k->v[k->n - 1] == key)
        return;
    if (!fs_grow((void **)&k->v, &k->cap, k->n, sizeof *k->v)) {
        k->nomem = true;
        return;
    }
    k->v[k->n++] = key;
}

fs_status fs_idcheck_collisions(fs_idcheck *c, fs_table t, uint64_t **keys, size_t *n, bool *all)
{
    idtable *x = &c->t[t];
    *keys = NULL;
    *n = 0;
    *all = x->file_over || x->run_over;
    if (*all || x->nc == x->file_first)
        return FS_OK;
    /* fs_idcheck_suspect folded the run and sorted the file's chunks:
     * equal neighbours of the merge, one of them the file's */
    keyvec k = {0};
    merge m = {x->c, calloc(x->nc, sizeof *m.pos), calloc(x->nc, sizeof *m.heap), 0, false};
    if (!m.pos || !m.heap)
        k.nomem = true;
    for (size_t i = 0; i < x->nc && !k.nomem; i++) {
        if (i >= x->file_first && !x->c[i].sorted)
            k.nomem = !sort_chunk(c, &x->c[i]);
        if (x->c[i].n)
            m.heap[m.n++] = i;
    }
    for (size_t i = m.n / 2; !k.nomem && i-- > 0;)
        sift_down(&m, i);
    bool have_prev = false, prev_file = false;
    uint64_t prev = 0;
    size_t at = 0; /* the folded run, walked in step */
    while (m.n && !k.nomem) {
        size_t h = m.heap[0];
        uint64_t v = head(&m, h);
        bool file = h >= x->file_first;
        if ((have_prev && v == prev && (file || prev_file)) ||
            (file && x->nrun && in_run_from(x, &at, v)))
            keyvec_push(&k, v);
        have_prev = true;
        prev = v;
        prev_file = file;
        if (++m.pos[h] == x->c[h].n)
            m.heap[0] = m.heap[--m.n];
        sift_down(&m, 0);
    }
    free(m.pos);
    free(m.heap);
    if (k.nomem) {
        free(k.v);
        return FS_ERR_NOMEM;
    }
    size_t w = 0; /* pushed in ascending order: drop the repeats */
    for (size_t i = 0; i < k.n; i++)
        if (!w || k.v[w - 1] != k.v[i])
            k.v[w++] = k.v[i];
    k.n = w;
    *keys = k.v;
    *n = k.n;
    return FS_OK;
}

void fs_idcheck_file_end(fs_idcheck *c, bool accepted)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        idtable *x = &c->t[t];
        if (accepted && !x->run_over) {
            bool ok = !x->file_over;
            for (size_t i = x->file_first; i < x->nc && ok; i++)
                ok = sort_chunk(c, &x->c[i]);
            if (ok && x->nc > x->file_first) {
                if (x->file_first == 0 && !x->run) { /* the first: keeps its chunks */
                    chunk *k = &x->c[x->nc - 1];     /* the last one shrunk to fit */
                    uint64_t *v = realloc(k->v, (k->n ? k->n : 1) * sizeof *v);
                    if (v)
                        k->v = v;
                } else {
                    ok = fold(x, x->nc); /* the entries move: held stays */
                }
            }
            if (!ok)
                x->run_over = true;
        }
        if (x->run_over)
            drop_run(c, x); /* nothing more to prove */
        else if (!accepted)
            drop_chunks(c, x, x->file_first);
        x->file_first = x->nc;
        x->file_over = false;
    }
}

void fs_idcheck_absorb(fs_idcheck *c, fs_idcheck *from)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        idtable *x = &c->t[t], *y = &from->t[t];
        size_t n = 0;
        for (size_t i = y->file_first; i < y->nc; i++)
            n += y->c[i].n;
        bool over = y->file_over || c->held + n > c->cap;
        if (over && !x->file_over && !x->run_over)
            file_overflow(c, x);
        for (size_t i = y->file_first; i < y->nc && !x->file_over && !x->run_over; i++) {
            if (!fs_grow((void **)&x->c, &x->capc, x->nc, sizeof *x->c)) {
                file_overflow(c, x);
                break;
            }
            x->c[x->nc++] = y->c[i];
            c->held += y->c[i].n;
            from->held -= y->c[i].n;
            y->c[i].v = NULL;
            y->c[i].n = 0;
        }
        drop_chunks(from, y, y->file_first);
        y->file_over = false;
    }
}

void fs_idcheck_compact(fs_idcheck *c)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        idtable *x = &c->t[t];
        if (x->file_over || x->run_over || x->nc - x->file_first < 2)
            continue;
        size_t n = 0;
        for (size_t i = x->file_first; i < x->nc; i++)
            n += x->c[i].n;
        if (n == 0 || n > COMPACT_MAX)
            continue; /* nothing to sort, or the merge takes them as they are */
        uint64_t *v = malloc(n * sizeof *v), *tmp = NULL;
        size_t(*count)[BUCKETS] = malloc(PASSES * sizeof *count);
        if (!v || !count) { /* nothing changes: the chunks stay */
            free(v);
            free(count);
            continue;
        }
        size_t o = 0;
        for (size_t i = x->file_first; i < x->nc; i++) {
            memcpy(v + o, x->c[i].v, x->c[i].n * sizeof *v);
            o += x->c[i].n;
            free(x->c[i].v); /* before tmp: two copies at most at once */
            x->c[i].v = NULL;
        }
        x->c[x->file_first] = (chunk){v, n, false};
        x->nc = x->file_first + 1;
        if (!(tmp = malloc(n * sizeof *tmp))) { /* sorted in place, slower */
            qsort(v, n, sizeof *v, cmp_u64);
            x->c[x->file_first].sorted = true;
            free(count);
            continue;
        }
        radix_sort(v, tmp, n, count);
        free(tmp);
        free(count);
        x->c[x->file_first].sorted = true;
    }
}
