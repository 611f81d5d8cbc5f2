/*
 * render.c — charts to files: PNG (pngenc.c, with a pHYs chunk), SVG
 * (element ids renumbered, <title>/<desc> added) and PDF (fixed creation
 * date), rendered in memory and then written atomically (atomic.c).
 *
 * Why renumber SVG ids: cairo names the page group "surfaceN" from a
 * process-wide counter, so the second SVG of a process would differ from
 * the first.  Ids are renumbered in order of first appearance, which makes
 * every SVG of the same chart byte-identical.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "chart_impl.h"

#define PNG_W 1920
#define PNG_H 1080
#define VEC_W 960.0
#define VEC_H 540.0
#define MAX_PX 16384

typedef struct membuf {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} membuf;

static bool mem_put(membuf *m, const void *data, size_t len)
{
    if (m->failed) return false;
    if (len == 0) return true; /* m->p may still be NULL: no memcpy into it */
    if (len > m->cap - m->n) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap - m->n < len) {
            if (cap > SIZE_MAX / 2) {
                m->failed = true;
                return false;
            }
            cap *= 2;
        }
        unsigned char *np = realloc(m->p, cap);
        if (!np) {
            m->failed = true;
            return false;
        }
        m->p = np;
        m->cap = cap;
    }
    memcpy(m->p + m->n, data, len);
    m->n += len;
    return true;
}

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
    return mem_put(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

void fsc_pdf_date(long long epoch, char out[32])
{
    time_t t = (time_t)epoch;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        t = 0;
        gmtime_r(&t, &tm);
    }
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- PNG ---------------------------------------------------------------- */

static fsc_status render_png(fsc_fonts *f, const fsc_chart *c, const fsc_output *o,
                             unsigned char **buf, size_t *len)
{
    double w = o->width > 0 ? round(o->width) : PNG_W, h = o->height > 0 ? round(o->height) : PNG_H;
    double dpi = o->dpi > 0 ? o->dpi : 96.0;
    if (w < 1 || h < 1 || w > MAX_PX || h > MAX_PX || !(dpi < 100000)) return FSC_ERR_ARG;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    cairo_t *cr = cairo_create(s);
    fsc_status st = fsc_draw(f, c, cr, (fsc_rect){0, 0, w, h}, NULL);
    cairo_destroy(cr);
    if (st == FSC_OK) st = fsc_from_cairo(cairo_surface_status(s));
    if (st == FSC_OK) st = fsc_png_encode(s, dpi, buf, len);
    cairo_surface_destroy(s);
    return st;
}

/* ---- SVG post-processing ------------------------------------------------ */

static bool put_escaped(membuf *m, const char *s)
{
    for (; s && *s; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        if (!(e ? mem_put(m, e, strlen(e)) : mem_put(m, s, 1))) return false;
    }
    return true;
}

static bool has_prefix(const unsigned char *p, size_t left, const char *pre)
{
    size_t n = strlen(pre);
    return left >= n && memcmp(p, pre, n) == 0;
}

/* Copy src to dst renumbering ids named surfaceN / imageN (after `id="` or
 * `#`) by order of first appearance, and adding <title>/<desc> after the
 * <svg …> start tag. */
static bool svg_canonical(const membuf *src, membuf *dst, const fsc_chart *c)
{
    static const char *const names[] = {"surface", "image"};
    unsigned long seen[2][256];
    size_t nseen[2] = {0, 0};
    const unsigned char *p = src->p, *end = src->p + src->n;
    bool titled = false;
    char num[32];

    while (p < end) {
        /* <title> and <desc> right after the root start tag */
        if (!titled && has_prefix(p, (size_t)(end - p), "<svg")) {
            const unsigned char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt) return false;
            if (!mem_put(dst, p, (size_t)(gt - p) + 1)) return false;
            p = gt + 1;
            titled = true;
            if (c->title && *c->title) {
                if (!mem_put(dst, "\n<title>", 8) || !put_escaped(dst, c->title) ||
                    !mem_put(dst, "</title>", 8))
                    return false;
            }
            const char *parts[] = {c->subtitle, c->note, c->source};
            bool any = false;
            for (size_t i = 0; i < 3; i++) {
                if (!parts[i] || !*parts[i]) continue;
                if (!mem_put(dst, any ? "\n" : "\n<desc>", any ? 1 : 7) ||
                    !put_escaped(dst, parts[i]))
                    return false;
                any = true;
            }
            if (any && !mem_put(dst, "</desc>", 7)) return false;
            continue;
        }
        bool after_ref =
            p > src->p && (p[-1] == '#' || (p - src->p >= 4 && memcmp(p - 4, "id=\"", 4) == 0));
        int which = -1;
        for (int k = 0; k < 2 && after_ref; k++)
            if (has_prefix(p, (size_t)(end - p), names[k])) which = k;
        if (which >= 0) {
            size_t nl = strlen(names[which]);
            const unsigned char *d = p + nl;
            unsigned long v = 0;
            while (d < end && *d >= '0' && *d <= '9' && v < 100000000UL)
                v = v * 10 + (unsigned long)(*d++ - '0');
            if (d > p + nl) {
                size_t idx = 0;
                while (idx < nseen[which] && seen[which][idx] != v) idx++;
                if (idx == nseen[which]) {
                    if (nseen[which] == 256) return false;
                    seen[which][nseen[which]++] = v;
                }
                int k = snprintf(num, sizeof num, "%s%zu", names[which], idx + 1);
                if (!mem_put(dst, num, (size_t)k)) return false;
                p = d;
                continue;
            }
        }
        if (!mem_put(dst, p, 1)) return false;
        p++;
    }
    return true;
}

/* ---- SVG and PDF -------------------------------------------------------- */

static fsc_status render_vector(fsc_fonts *f, const fsc_chart *c, const fsc_output *o, membuf *m)
{
    double w = o->width > 0 ? o->width : VEC_W, h = o->height > 0 ? o->height : VEC_H;
    if (!(w <= 14400) || !(h <= 14400)) return FSC_ERR_ARG;
    membuf raw = {0};
    cairo_surface_t *s;
    if (o->type == FSC_PDF) {
        char date[32];
        fsc_pdf_date(o->epoch, date);
        s = cairo_pdf_surface_create_for_stream(mem_write, m, w, h);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "forumstat charts");
        if (c && c->title && g_utf8_validate(c->title, -1, NULL))
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title);
    } else {
        s = cairo_svg_surface_create_for_stream(mem_write, &raw, w, h);
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    }
    cairo_t *cr = cairo_create(s);
    fsc_status st = fsc_draw(f, c, cr, (fsc_rect){0, 0, w, h}, NULL);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    /* our buffers out of memory show up in cairo as a write error */
    if (m->failed || raw.failed) st = FSC_ERR_NOMEM;
    if (st == FSC_OK) st = fsc_from_cairo(cairo_surface_status(s));
    cairo_surface_destroy(s);
    if (st == FSC_OK && o->type == FSC_SVG && !svg_canonical(&raw, m, c))
        st = m->failed ? FSC_ERR_NOMEM : FSC_ERR_CAIRO;
    free(raw.p);
    return st;
}

fsc_status fsc_render(fsc_fonts *f, const fsc_chart *c, const fsc_output *o, unsigned char **buf,
                      size_t *len)
{
    if (buf) *buf = NULL;
    if (len) *len = 0;
    if (!f || !c || !o || !buf || !len || (unsigned)o->type > FSC_PDF) return FSC_ERR_ARG;
    if (!(o->width >= 0) || !(o->height >= 0) || !(o->dpi >= 0)) return FSC_ERR_ARG;
    if (o->type == FSC_PNG) return render_png(f, c, o, buf, len);
    membuf m = {0};
    fsc_status st = render_vector(f, c, o, &m);
    if (st != FSC_OK) {
        free(m.p);
        return st;
    }
    *buf = m.p;
    *len = m.n;
    return FSC_OK;
}

fsc_status fsc_write(fsc_fonts *f, const fsc_chart *c, const fsc_output *o)
{
    if (!o || !o->path || !*o->path) return FSC_ERR_ARG;
    unsigned char *buf;
    size_t len;
    fsc_status st = fsc_render(f, c, o, &buf, &len);
    if (st != FSC_OK) return st;
    fs_atomic a;
    st = fsc_file_begin(&a, o->path);
    if (st == FSC_OK) {
        st = fsc_file_write(&a, buf, len);
        if (st == FSC_OK)
            st = fsc_file_commit(&a);
        else
            fsc_file_abort(&a);
    }
    int e = errno;
    free(buf);
    errno = e;
    return st;
}
