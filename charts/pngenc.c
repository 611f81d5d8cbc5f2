/*
 * pngenc.c — a small PNG encoder for chart images (render.c uses it
 * instead of cairo_surface_write_to_png).
 *
 * Why it is kept rather than cairo_surface_write_to_png (libpng + zlib):
 *  - speed: libpng at zlib level 6 with adaptive filters spends ~50 ms on a
 *    1920×1080 chart, against about 2 ms here (44 ms for the 24 pictures of
 *    a sample-sized report; 112 before the shortcut for repeated rows and
 *    zlib's CRC-32), and a report writes dozens of charts.  Charts are flat
 *    colours and white space, so the PNG "Up" filter turns most bytes into
 *    zeros and a greedy LZ77 with fixed Huffman codes compresses them well
 *    at a fraction of the cost;
 *  - reproducibility: the bytes depend only on the pixels, never on the
 *    zlib version or its tuning, so the same data gives byte-identical
 *    PNGs on every machine (a requirement of the reports).
 * What it costs: files ~1.5× larger than libpng's, and code of our own to
 * keep correct.  fuzz/fuzz_png.c round-trips random images through this
 * encoder and libpng's decoder (through cairo) and compares every pixel;
 * the match search is endian-neutral.
 *
 * Output: 8-bit RGB, one IDAT chunk, optional pHYs (dpi).
 *
 * Memory: the filtered scanlines are made row by row as the compressor
 * reaches them, in a window of a few hundred kilobytes (the 32 KiB that
 * LZ77 may refer back to, the 258 bytes it may look ahead, whole rows),
 * never as a whole-image copy (6 MB for a 1920×1080 chart), and the
 * compressed stream is written straight into the PNG's IDAT chunk.  The
 * bytes are those of the whole-image encoder it replaced (the match
 * search sees exactly the same data); t40 and fuzz_png hold it to that.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "chart_impl.h"

/* ---- a growing byte buffer ---------------------------------------------- */

typedef struct obuf {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} obuf;

static bool ob_reserve(obuf *o, size_t more)
{
    if (o->failed) return false;
    if (more <= o->cap - o->n) return true;
    size_t cap = o->cap ? o->cap : 65536;
    while (cap - o->n < more) {
        if (cap > SIZE_MAX / 2) return !(o->failed = true);
        cap *= 2;
    }
    unsigned char *np = realloc(o->p, cap);
    if (!np) return !(o->failed = true);
    o->p = np;
    o->cap = cap;
    return true;
}

static void ob_put(obuf *o, const void *d, size_t n)
{
    if (!ob_reserve(o, n)) return;
    memcpy(o->p + o->n, d, n);
    o->n += n;
}

static void ob_byte(obuf *o, unsigned char b) { ob_put(o, &b, 1); }

static void ob_be32(obuf *o, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    ob_put(o, b, 4);
}

/* ---- checksums ---------------------------------------------------------- */

/* The chunks' CRC-32 is zlib's crc32_z (slicing tables; the same value as
 * any CRC-32, so the bytes do not depend on zlib).  A byte-at-a-time
 * table of our own spent 14 % of the encoder's time on the IDAT chunk. */

/* Adler-32 in blocks of 16 bytes (the compiler vectorises the two sums):
 * per block b += 16 a + Σ (16 - i) p[i] and a += Σ p[i] — the same values
 * as byte by byte, which never overflow within 5552 bytes (zlib's NMAX). */
typedef struct adler {
    uint32_t a, b; /* start: 1, 0 */
} adler;

/* Feed n more bytes; any split of the data gives the same sums. */
static void adler_feed(adler *st, const unsigned char *p, size_t n)
{
    uint32_t a = st->a, b = st->b;
    while (n > 0) {
        size_t k = n < 5552 ? n : 5552; /* 5552 = 16 × 347 */
        n -= k;
        for (; k >= 16; k -= 16, p += 16) {
            uint32_t s = 0, w = 0;
            for (int i = 0; i < 16; i++) {
                s += p[i];
                w += (uint32_t)(16 - i) * p[i];
            }
            b += 16 * a + w;
            a += s;
        }
        while (k--) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    st->a = a;
    st->b = b;
}

/* Feed n zero bytes: a stays, b grows by n a (mod 65521). */
static void adler_zeros(adler *st, size_t n)
{
    st->b = (uint32_t)((st->b + (uint64_t)(n % 65521) * st->a) % 65521);
}

/* ---- deflate with fixed Huffman codes ----------------------------------- */

typedef struct bits {
    obuf *o;
    uint64_t acc;
    int n;
} bits;

static void put_bits(bits *w, uint32_t v, int n)
{
    w->acc |= (uint64_t)v << w->n;
    w->n += n;
    while (w->n >= 8) {
        ob_byte(w->o, (unsigned char)w->acc);
        w->acc >>= 8;
        w->n -= 8;
    }
}

static uint32_t reverse(uint32_t v, int n)
{
    uint32_t r = 0;
    for (int i = 0; i < n; i++) r |= ((v >> i) & 1u) << (n - 1 - i);
    return r;
}

/* Fixed literal/length codes, stored bit-reversed (deflate sends Huffman
 * codes most significant bit first). */
static uint16_t lit_code[288];
static uint8_t lit_len[288];
static uint8_t len_sym[259]; /* match length → symbol - 257 */
static uint8_t dist_sym[32769 / 128 + 256];

static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static void tables_init(void)
{
    for (int v = 0; v < 288; v++) {
        uint32_t code;
        int n;
        if (v < 144) {
            code = 0x30u + (uint32_t)v;
            n = 8;
        } else if (v < 256) {
            code = 0x190u + (uint32_t)(v - 144);
            n = 9;
        } else if (v < 280) {
            code = (uint32_t)(v - 256);
            n = 7;
        } else {
            code = 0xC0u + (uint32_t)(v - 280);
            n = 8;
        }
        lit_code[v] = (uint16_t)reverse(code, n);
        lit_len[v] = (uint8_t)n;
    }
    for (int l = 3, s = 0; l <= 258; l++) {
        while (s < 28 && l >= len_base[s + 1]) s++;
        len_sym[l] = (uint8_t)s;
    }
    /* distance → code: exact for d ≤ 256, by (d - 1) >> 7 above */
    for (int d = 1, s = 0; d <= 256; d++) {
        while (s < 29 && d >= dist_base[s + 1]) s++;
        dist_sym[d - 1] = (uint8_t)s;
    }
    for (int q = 2; q < 256; q++) { /* q = (d - 1) >> 7 for d > 256 */
        int d = (q << 7) + 1, s = 0;
        while (s < 29 && d >= dist_base[s + 1]) s++;
        dist_sym[256 + q] = (uint8_t)s;
    }
}

static int dcode(int d) { return d <= 256 ? dist_sym[d - 1] : dist_sym[256 + ((d - 1) >> 7)]; }

static void put_lit(bits *w, int v) { put_bits(w, lit_code[v], lit_len[v]); }

static void put_match(bits *w, int len, int dist)
{
    int s = len_sym[len];
    put_lit(w, 257 + s);
    if (len_extra[s]) put_bits(w, (uint32_t)(len - len_base[s]), len_extra[s]);
    int d = dcode(dist);
    put_bits(w, reverse((uint32_t)d, 5), 5);
    if (dist_extra[d]) put_bits(w, (uint32_t)(dist - dist_base[d]), dist_extra[d]);
}

#define HASH_BITS 15
#define WINDOW 32768
#define MAX_MATCH 258

static uint32_t hash3(const unsigned char *p)
{
    return ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) * 2654435761u >> (32 - HASH_BITS);
}

/* Length of the common prefix of a and b, at most max (8 bytes a step). */
static size_t match_len(const unsigned char *a, const unsigned char *b, size_t max)
{
    size_t n = 0;
    while (n + 8 <= max) {
        uint64_t x, y;
        memcpy(&x, a + n, 8);
        memcpy(&y, b + n, 8);
        if (x != y) /* the first differing byte in memory order */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            return n + (size_t)(__builtin_clzll(x ^ y) >> 3);
#else
            return n + (size_t)(__builtin_ctzll(x ^ y) >> 3);
#endif
        n += 8;
    }
    while (n < max && a[n] == b[n]) n++;
    return n;
}

/* ---- the filtered scanlines, made as the compressor reaches them ------- */

typedef struct scan {
    const unsigned char *px; /* the surface's xRGB rows */
    int w, h, stride;
    size_t row;         /* bytes of a filtered row: filter byte + 3 w */
    size_t n;           /* bytes of all filtered rows                 */
    int next;           /* next row to filter                         */
    unsigned char *buf; /* bytes [base, base + len) of the stream     */
    size_t base, len, cap;
    adler sum; /* of the bytes filtered so far               */
} scan;

/* Filter row y into out: Up filter (2) on all rows but the first (0),
 * straight from the surface's xRGB words. */
static void filter_row(const scan *z, int y, unsigned char *r)
{
    const uint32_t *src = (const uint32_t *)(const void *)(z->px + (size_t)y * (size_t)z->stride);
    const uint32_t *up =
        y ? (const uint32_t *)(const void *)(z->px + (size_t)(y - 1) * (size_t)z->stride) : NULL;
    r[0] = y == 0 ? 0 : 2;
    unsigned char *o = r + 1;
    for (int x = 0; x < z->w; x++, o += 3) {
        uint32_t p = src[x], q = up ? up[x] : 0;
        if (p == q) { /* most of a chart: the pixel above has the same colour */
            o[0] = o[1] = o[2] = 0;
            continue;
        }
        o[0] = (unsigned char)((p >> 16) - (q >> 16));
        o[1] = (unsigned char)((p >> 8) - (q >> 8));
        o[2] = (unsigned char)(p - q);
    }
}

/* Make the stream's bytes [keep, upto) held (upto capped at the end):
 * rows are filtered into the window, bytes before keep dropped when room
 * is needed. */
static void scan_fill(scan *z, size_t keep, size_t upto)
{
    if (upto > z->n) upto = z->n;
    while (z->base + z->len < upto) {
        if (z->len + z->row > z->cap) { /* slide: keep [keep, end) */
            size_t drop = keep - z->base;
            memmove(z->buf, z->buf + drop, z->len - drop);
            z->base += drop;
            z->len -= drop;
        }
        unsigned char *r = z->buf + z->len;
        int y = z->next++;
        const unsigned char *src = z->px + (size_t)y * (size_t)z->stride;
        if (y > 0 && memcmp(src, src - z->stride, (size_t)z->w * 4) == 0) {
            /* the row above again (margins, bars, blank bands): all
             * zeros once Up-filtered, and the checksum of zeros is a
             * product; this halved the encoder's time in a report (16 %
             * of a sample-sized report's CPU time, now 8 %) */
            r[0] = 2;
            memset(r + 1, 0, z->row - 1);
            adler_feed(&z->sum, r, 1);
            adler_zeros(&z->sum, z->row - 1);
        } else {
            filter_row(z, y, r);
            adler_feed(&z->sum, r, z->row);
        }
        z->len += z->row;
    }
}

/* zlib stream of the filtered scanlines into o: greedy LZ77, one
 * fixed-code block. */
static void zlib_compress(obuf *o, scan *z)
{
    int32_t *head = malloc(sizeof(int32_t) << HASH_BITS);
    /* room for the window behind, the look-ahead and a row, with slack so
     * that sliding (a 32 KiB move) is rare */
    z->cap = 8 * WINDOW + 2 * z->row + MAX_MATCH + 16;
    z->buf = malloc(z->cap);
    if (!head || !z->buf) {
        free(head);
        o->failed = true;
        return;
    }
    for (size_t i = 0; i < (size_t)1 << HASH_BITS; i++) head[i] = -1;
    ob_byte(o, 0x78);
    ob_byte(o, 0x01);
    bits w = {o, 0, 0};
    put_bits(&w, 1, 1); /* BFINAL */
    put_bits(&w, 1, 2); /* BTYPE = fixed Huffman */
    size_t i = 0, n = z->n;
    while (i < n) {
        /* held: from the farthest match a step may refer back to (WINDOW,
         * or the byte before i) to the farthest it may read ahead */
        if (z->base + z->len < n && z->base + z->len < i + MAX_MATCH + 8)
            scan_fill(z, i > WINDOW ? i - WINDOW : 0, i + MAX_MATCH + 8);
        const unsigned char *at = z->buf + (i - z->base); /* data + i */
        size_t best = 0, dist = 0, max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
        if (max >= 3) {
            /* a run of the previous byte (long zero runs after filtering) */
            if (i > 0) {
                size_t l = match_len(at, at - 1, max);
                if (l >= 3) {
                    best = l;
                    dist = 1;
                }
            }
            uint32_t h = hash3(at);
            int32_t cand = head[h];
            head[h] = (int32_t)i;
            if (best < max && cand >= 0 && i - (size_t)cand <= WINDOW && i - (size_t)cand > 1) {
                size_t l = match_len(at, at - (i - (size_t)cand), max);
                if (l >= 3 && l > best) {
                    best = l;
                    dist = i - (size_t)cand;
                }
            }
        }
        if (best >= 3) {
            put_match(&w, (int)best, (int)dist);
            /* index a few positions inside short matches (cheap, helps) */
            if (best <= 8)
                for (size_t k = 1; k < best && i + k + 2 < n; k++)
                    head[hash3(at + k)] = (int32_t)(i + k);
            i += best;
        } else {
            put_lit(&w, *at);
            i++;
        }
    }
    put_lit(&w, 256);
    if (w.n > 0) put_bits(&w, 0, 8 - w.n);
    ob_be32(o, (z->sum.b << 16) | z->sum.a);
    free(head);
}

/* ---- PNG ---------------------------------------------------------------- */

static void chunk(obuf *o, const char *type, const unsigned char *d, size_t n)
{
    ob_be32(o, (uint32_t)n);
    size_t at = o->n;
    ob_put(o, type, 4);
    if (n) ob_put(o, d, n);
    if (o->failed) return;
    ob_be32(o, (uint32_t)crc32_z(0, o->p + at, n + 4));
}

fsc_status fsc_png_encode(cairo_surface_t *s, double dpi, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24) return FSC_ERR_ARG;
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    if (!px || w <= 0 || h <= 0) return FSC_ERR_ARG;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tables_init);

    obuf o = {0};
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ob_put(&o, sig, 8);
    unsigned char ihdr[13] = {0};
    for (int k = 0; k < 4; k++) {
        ihdr[k] = (unsigned char)((uint32_t)w >> (24 - 8 * k));
        ihdr[4 + k] = (unsigned char)((uint32_t)h >> (24 - 8 * k));
    }
    ihdr[8] = 8; /* bit depth */
    ihdr[9] = 2; /* colour type RGB */
    chunk(&o, "IHDR", ihdr, 13);
    if (dpi > 0) {
        unsigned char phys[9];
        uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
        for (int k = 0; k < 4; k++) phys[k] = phys[4 + k] = (unsigned char)(ppm >> (24 - 8 * k));
        phys[8] = 1; /* metre */
        chunk(&o, "pHYs", phys, 9);
    }
    /* IDAT, its length and CRC filled in once the stream is written */
    size_t row = (size_t)w * 3 + 1;
    scan z = {px, w, h, stride, row, row * (size_t)h, 0, NULL, 0, 0, 0, {1, 0}};
    size_t at = o.n;
    ob_be32(&o, 0);
    ob_put(&o, "IDAT", 4);
    zlib_compress(&o, &z);
    free(z.buf);
    if (!o.failed) {
        size_t n = o.n - at - 8;
        for (int k = 0; k < 4; k++)
            o.p[at + (size_t)k] = (unsigned char)((uint32_t)n >> (24 - 8 * k));
        ob_be32(&o, (uint32_t)crc32_z(0, o.p + at + 4, n + 4));
    }
    chunk(&o, "IEND", NULL, 0);
    if (o.failed) {
        free(o.p);
        return FSC_ERR_NOMEM;
    }
    *out = o.p;
    *len = o.n;
    return FSC_OK;
}
