/*
 * doc.c — multi-page A4 landscape PDF documents (the forum briefing):
 * cover, chart pages with a takeaway, table pages, footers with page
 * numbers.  Pages are drawn with the same pieces as single charts
 * (fsc_draw, the text helpers) onto one cairo PDF surface whose bytes
 * stream into a temporary file (atomic.c) renamed into place on close.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "chart_doc.h"
#include "chart_impl.h"

#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 36.0
#define FOOT_SIZE 8.0
#define BODY 10.0 /* base text size on pages */

struct fsc_doc {
    fsc_fonts *fonts;
    fs_atomic file;
    int write_errno;
    cairo_surface_t *surface;
    cairo_t *cr;
    fsc_status st; /* first sticky error */
    int pages;
    char *footer, *prefix, *suffix, *lang;
};

static cairo_status_t doc_write(void *closure, const unsigned char *data, unsigned int len)
{
    fsc_doc *d = closure;
    if (d->st != FSC_OK) return CAIRO_STATUS_WRITE_ERROR;
    fsc_status st = fsc_file_write(&d->file, data, len);
    if (st != FSC_OK) {
        d->st = st;
        d->write_errno = errno;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static char *dup_or_empty(const char *s) { return strdup(s ? s : ""); }

static void doc_free(fsc_doc *d)
{
    if (d->cr) cairo_destroy(d->cr);
    if (d->surface) cairo_surface_destroy(d->surface);
    free(d->footer);
    free(d->prefix);
    free(d->suffix);
    free(d->lang);
    free(d);
}

fsc_status fsc_doc_open(fsc_doc **out, fsc_fonts *f, const fsc_doc_options *o)
{
    if (!out) return FSC_ERR_ARG;
    *out = NULL;
    if (!f || !o || !o->path || !*o->path) return FSC_ERR_ARG;
    const char *texts[] = {o->title, o->footer, o->page_prefix, o->page_suffix, o->lang};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i] && !g_utf8_validate(texts[i], -1, NULL)) return FSC_ERR_UTF8;

    fsc_doc *d = calloc(1, sizeof *d);
    if (!d) return FSC_ERR_NOMEM;
    d->fonts = f;
    d->footer = dup_or_empty(o->footer);
    d->prefix = dup_or_empty(o->page_prefix);
    d->suffix = dup_or_empty(o->page_suffix);
    d->lang = dup_or_empty(o->lang ? o->lang : "zh-cn");
    if (!d->footer || !d->prefix || !d->suffix || !d->lang) {
        doc_free(d);
        return FSC_ERR_NOMEM;
    }
    fsc_status st = fsc_file_begin(&d->file, o->path);
    if (st != FSC_OK) {
        doc_free(d);
        return st;
    }
    d->surface = cairo_pdf_surface_create_for_stream(doc_write, d, PAGE_W, PAGE_H);
    char date[32];
    fsc_pdf_date(o->epoch, date);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "forumstat charts");
    if (o->title) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, o->title);
    d->cr = cairo_create(d->surface);
    if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
        fsc_file_abort(&d->file);
        doc_free(d);
        return FSC_ERR_NOMEM;
    }
    *out = d;
    return FSC_OK;
}

int fsc_doc_pages(const fsc_doc *d) { return d ? d->pages : 0; }

/* Start drawing a page: a text context on the page's cairo context. */
static fsc_status page_begin(fsc_doc *d, fsc_ctx *x)
{
    if (d->st != FSC_OK) return d->st;
    fsc_status st = fsc_ctx_init(x, d->fonts, d->cr, d->lang, NULL, BODY, NULL);
    if (st != FSC_OK) return d->st = st;
    fsc_set_rgb(d->cr, FSC_RGB_BG);
    cairo_paint(d->cr);
    return FSC_OK;
}

/* Footer (numbered pages), show the page, record errors. */
static fsc_status page_end(fsc_doc *d, fsc_ctx *x, bool footer)
{
    d->pages++;
    if (footer) {
        fsc_tstyle t = {
            .size = FOOT_SIZE, .color = FSC_RGB_MUTED, .width = PAGE_W * 0.6, .lines = 1};
        double y = PAGE_H - MARGIN * 0.6;
        cairo_move_to(d->cr, MARGIN, y - FOOT_SIZE * 1.6);
        cairo_line_to(d->cr, PAGE_W - MARGIN, y - FOOT_SIZE * 1.6);
        fsc_set_rgb(d->cr, FSC_RGB_GRID);
        cairo_set_line_width(d->cr, 0.5);
        cairo_stroke(d->cr);
        fsc_text(x, d->footer, &t, MARGIN, y, FSC_BL);
        char num[512];
        snprintf(num, sizeof num, "%s%d%s", d->prefix, d->pages, d->suffix);
        t.width = 0;
        fsc_text(x, num, &t, PAGE_W - MARGIN, y, FSC_BR);
    }
    cairo_show_page(d->cr);
    fsc_status st = x->st;
    fsc_ctx_free(x);
    if (st == FSC_OK) st = fsc_from_cairo(cairo_status(d->cr));
    if (d->st == FSC_OK) d->st = st;
    return d->st;
}

/* The rectangle left for content on numbered pages. */
static double content_bottom(void) { return PAGE_H - MARGIN * 0.6 - FOOT_SIZE * 1.6 - 10; }

fsc_status fsc_doc_cover(fsc_doc *d, const fsc_doc_cover_page *p)
{
    if (!d || !p) return FSC_ERR_ARG;
    const char *texts[] = {p->title, p->subtitle, p->date_line};
    for (size_t i = 0; i < 3; i++)
        if (texts[i] && !g_utf8_validate(texts[i], -1, NULL)) return FSC_ERR_UTF8;
    if (p->tiles) {
        fsc_status cst = fsc_check(p->tiles);
        if (cst != FSC_OK) return cst;
    }
    fsc_ctx x;
    fsc_status st = page_begin(d, &x);
    if (st != FSC_OK) return st;
    double w = PAGE_W - 2 * MARGIN;
    double y = p->tiles ? MARGIN + 30 : PAGE_H * 0.33;
    cairo_rectangle(d->cr, 0, 0, PAGE_W, 10);
    fsc_set_rgb(d->cr, FSC_RGB_RAMP);
    cairo_fill(d->cr);
    fsc_tstyle tt = {.size = 30, .bold = true, .color = FSC_RGB_TEXT, .width = w, .lines = 2};
    fsc_tstyle st2 = {.size = 17, .color = FSC_RGB_TEXT2, .width = w, .lines = 2};
    fsc_tstyle dt = {.size = 12, .color = FSC_RGB_MUTED, .width = w, .lines = 1};
    if (p->title && *p->title) y += fsc_text(&x, p->title, &tt, MARGIN, y, FSC_TL).h + 10;
    if (p->subtitle && *p->subtitle) y += fsc_text(&x, p->subtitle, &st2, MARGIN, y, FSC_TL).h + 8;
    if (p->date_line && *p->date_line) y += fsc_text(&x, p->date_line, &dt, MARGIN, y, FSC_TL).h;
    if (p->tiles) {
        fsc_rect r = {MARGIN - 10, y + 14, w + 20, PAGE_H - MARGIN - (y + 14)};
        fsc_status cst = fsc_draw(d->fonts, p->tiles, d->cr, r, NULL);
        if (cst != FSC_OK) fsc_fail(&x, cst);
    }
    return page_end(d, &x, false);
}

fsc_status fsc_doc_chart(fsc_doc *d, const fsc_chart *c, const char *takeaway)
{
    if (!d || !c) return FSC_ERR_ARG;
    fsc_status cst = fsc_check(c);
    if (cst != FSC_OK) return cst;
    if (takeaway && !g_utf8_validate(takeaway, -1, NULL)) return FSC_ERR_UTF8;
    fsc_ctx x;
    fsc_status st = page_begin(d, &x);
    if (st != FSC_OK) return st;
    double w = PAGE_W - 2 * MARGIN, y = MARGIN * 0.8;
    if (takeaway && *takeaway) {
        fsc_tstyle t = {.size = 13, .bold = true, .color = FSC_RGB_TEXT, .width = w, .lines = 2};
        fsc_rect b = fsc_text(&x, takeaway, &t, MARGIN, y, FSC_TL);
        y += b.h + 6;
        cairo_rectangle(d->cr, MARGIN, y, 40, 2.5);
        fsc_set_rgb(d->cr, FSC_RGB_RAMP);
        cairo_fill(d->cr);
        y += 8;
    }
    fsc_rect r = {MARGIN - 12, y, w + 24, content_bottom() - y};
    cst = fsc_draw(d->fonts, c, d->cr, r, NULL);
    if (cst != FSC_OK) fsc_fail(&x, cst);
    return page_end(d, &x, true);
}

/* ---- tables ------------------------------------------------------------- */

/* Where a cell's text is anchored across a column [cx, cx + w) with
 * padding pad: its right edge, centre or left edge. */
static double cell_x(PangoAlignment a, double cx, double w, double pad)
{
    return a == PANGO_ALIGN_RIGHT ? cx + w - pad : a == PANGO_ALIGN_CENTER ? cx + w / 2 : cx + pad;
}

static PangoAlignment col_align(const fsc_table *t, size_t j)
{
    fsc_align a = t->align ? t->align[j] : FSC_ALIGN_AUTO;
    if (a == FSC_ALIGN_AUTO) a = j == 0 ? FSC_ALIGN_LEFT : FSC_ALIGN_RIGHT;
    return a == FSC_ALIGN_RIGHT    ? PANGO_ALIGN_RIGHT
           : a == FSC_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                   : PANGO_ALIGN_LEFT;
}

static const char *cell(const fsc_table *t, size_t i, size_t j)
{
    const char *s = t->cells[i * t->ncols + j];
    return s ? s : "";
}

fsc_status fsc_doc_table(fsc_doc *d, const fsc_table *t)
{
    if (!d || !t || t->ncols == 0 || t->ncols > 64 || !t->header || (t->nrows > 0 && !t->cells) ||
        t->nrows > 100000 || t->total_rows > t->nrows)
        return FSC_ERR_ARG;
    for (size_t j = 0; j < t->ncols; j++) {
        if (!g_utf8_validate(t->header[j] ? t->header[j] : "", -1, NULL)) return FSC_ERR_UTF8;
        if (t->align && (unsigned)t->align[j] > FSC_ALIGN_CENTER) return FSC_ERR_ARG;
    }
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i] && !g_utf8_validate(t->cells[i], -1, NULL)) return FSC_ERR_UTF8;
    if ((t->title && !g_utf8_validate(t->title, -1, NULL)) ||
        (t->note && !g_utf8_validate(t->note, -1, NULL)))
        return FSC_ERR_UTF8;

    double colw[64], avail = PAGE_W - 2 * MARGIN, pad = 9;
    double size = 10.5;
    fsc_ctx x;
    fsc_status st = page_begin(d, &x);
    if (st != FSC_OK) return st;

    /* column widths from the content; shrink the text until they fit */
    for (int attempt = 0; attempt < 8; attempt++) {
        double sum = 0;
        fsc_tstyle ms = {.size = size, .bold = true};
        for (size_t j = 0; j < t->ncols; j++) {
            double w, h;
            ms.bold = true;
            fsc_text_measure(&x, t->header[j], &ms, &w, &h);
            colw[j] = fmin(w, avail * 0.3); /* long headers wrap */
            for (size_t i = 0; i < t->nrows; i++) {
                ms.bold = i >= t->nrows - t->total_rows;
                fsc_text_measure(&x, cell(t, i, j), &ms, &w, &h);
                if (w > colw[j]) colw[j] = w;
            }
            colw[j] += 2 * pad;
            sum += colw[j];
        }
        if (t->wrap_lines > 0 && t->ncols > 1) { /* the last column takes the rest */
            double rest = sum - colw[t->ncols - 1];
            double last = avail - rest;
            if (last >= avail * 0.35 || size <= 6.5) {
                colw[t->ncols - 1] = fmax(last, avail * 0.2);
                break;
            }
            size = fmax(6.5, size * 0.92);
            continue;
        }
        if (sum <= avail || size <= 6.5) {
            double k = sum > avail ? avail / sum : 1; /* last resort: cells ellipsize */
            for (size_t j = 0; j < t->ncols; j++) colw[j] *= k;
            break;
        }
        size = fmax(6.5, size * avail / sum * 0.98);
    }
    double tw = 0;
    for (size_t j = 0; j < t->ncols; j++) tw += colw[j];

    fsc_tstyle ht = {.size = size, .bold = true, .color = FSC_RGB_TEXT, .lines = 3};
    fsc_tstyle ct = {.size = size, .color = FSC_RGB_TEXT, .lines = 1};
    double header_h = 0, row_h = size * 1.75;
    for (size_t j = 0; j < t->ncols; j++) {
        double w, h;
        ht.width = colw[j] - 2 * pad;
        fsc_text_measure(&x, t->header[j], &ht, &w, &h);
        if (h > header_h) header_h = h;
    }
    header_h += 8;

    size_t row = 0;
    bool first = true;
    do {
        if (!first) {
            st = page_end(d, &x, true);
            if (st != FSC_OK) return st;
            st = page_begin(d, &x);
            if (st != FSC_OK) return st;
        }
        double y = MARGIN * 0.8;
        if (t->title && *t->title) {
            fsc_tstyle tt = {
                .size = 14, .bold = true, .color = FSC_RGB_TEXT, .width = avail, .lines = 2};
            y += fsc_text(&x, t->title, &tt, MARGIN, y, FSC_TL).h + 10;
        }
        /* header row */
        double cx = MARGIN;
        for (size_t j = 0; j < t->ncols; j++) {
            ht.width = colw[j] - 2 * pad;
            ht.align = col_align(t, j);
            double ax = cell_x(ht.align, cx, colw[j], pad);
            fsc_anchor an = ht.align == PANGO_ALIGN_RIGHT    ? FSC_BR
                            : ht.align == PANGO_ALIGN_CENTER ? FSC_BC
                                                             : FSC_BL;
            fsc_text(&x, t->header[j], &ht, ax, y + header_h - 4, an);
            cx += colw[j];
        }
        y += header_h;
        cairo_move_to(d->cr, MARGIN, y);
        cairo_line_to(d->cr, MARGIN + tw, y);
        fsc_set_rgb(d->cr, FSC_RGB_TEXT);
        cairo_set_line_width(d->cr, 0.8);
        cairo_stroke(d->cr);

        double limit = content_bottom() - (t->note ? 16 : 0);
        size_t on_page = 0;
        for (; row < t->nrows; row++, on_page++) {
            double rh = row_h; /* a wrapped last cell makes its row taller */
            if (t->wrap_lines > 0) {
                fsc_tstyle ws = ct;
                ws.width = colw[t->ncols - 1] - 2 * pad;
                ws.lines = t->wrap_lines;
                double w, h;
                fsc_text_measure(&x, cell(t, row, t->ncols - 1), &ws, &w, &h);
                if (h + size * 0.75 > rh) rh = h + size * 0.75;
            }
            if (y + rh > limit) break;
            bool total = row >= t->nrows - t->total_rows;
            ct.bold = total;
            if (total && row == t->nrows - t->total_rows && on_page > 0) {
                cairo_move_to(d->cr, MARGIN, y);
                cairo_line_to(d->cr, MARGIN + tw, y);
                fsc_set_rgb(d->cr, FSC_RGB_AXIS);
                cairo_set_line_width(d->cr, 0.6);
                cairo_stroke(d->cr);
            }
            if (row % 2 == 1 && !total) {
                cairo_rectangle(d->cr, MARGIN, y, tw, rh);
                fsc_set_rgb(d->cr, 0xF4F5F7u);
                cairo_fill(d->cr);
            }
            cx = MARGIN;
            for (size_t j = 0; j < t->ncols; j++) {
                ct.width = colw[j] - 2 * pad;
                ct.align = col_align(t, j);
                double ax = cell_x(ct.align, cx, colw[j], pad);
                fsc_anchor an = ct.align == PANGO_ALIGN_RIGHT    ? FSC_MR
                                : ct.align == PANGO_ALIGN_CENTER ? FSC_MC
                                                                 : FSC_ML;
                fsc_tstyle cs = ct;
                if (t->wrap_lines > 0 && j == t->ncols - 1) cs.lines = t->wrap_lines;
                fsc_text(&x, cell(t, row, j), &cs, ax, y + rh / 2, an);
                cx += colw[j];
            }
            y += rh;
        }
        if (on_page == 0 && row < t->nrows) { /* a row taller than a page cannot happen */
            fsc_fail(&x, FSC_ERR_ARG);
            break;
        }
        cairo_move_to(d->cr, MARGIN, y);
        cairo_line_to(d->cr, MARGIN + tw, y);
        fsc_set_rgb(d->cr, FSC_RGB_AXIS);
        cairo_set_line_width(d->cr, 0.5);
        cairo_stroke(d->cr);
        if (row >= t->nrows && t->note && *t->note) {
            fsc_tstyle nt = {.size = 8, .color = FSC_RGB_MUTED, .width = avail, .lines = 2};
            fsc_text(&x, t->note, &nt, MARGIN, y + 5, FSC_TL);
        }
        first = false;
    } while (row < t->nrows);
    return page_end(d, &x, true);
}

/* ---- finishing ---------------------------------------------------------- */

fsc_status fsc_doc_close(fsc_doc *d)
{
    if (!d) return FSC_ERR_ARG;
    cairo_destroy(d->cr);
    d->cr = NULL;
    cairo_surface_finish(d->surface);
    fsc_status st = d->st;
    cairo_status_t cs = cairo_surface_status(d->surface);
    if (st == FSC_OK) st = fsc_from_cairo(cs);
    if (st == FSC_OK && d->pages == 0) st = FSC_ERR_ARG; /* an empty PDF is a bug */
    if (st == FSC_OK) {
        st = fsc_file_commit(&d->file);
    } else {
        if (d->write_errno) errno = d->write_errno;
        fsc_file_abort(&d->file);
    }
    int e = errno;
    doc_free(d);
    errno = e;
    return st;
}

void fsc_doc_discard(fsc_doc *d)
{
    if (!d) return;
    int e = errno;
    cairo_destroy(d->cr);
    d->cr = NULL;
    d->st = FSC_ERR_ARG; /* stop the stream writing while finishing */
    cairo_surface_finish(d->surface);
    fsc_file_abort(&d->file);
    doc_free(d);
    errno = e;
}
