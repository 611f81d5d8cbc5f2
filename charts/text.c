/*
 * text.c — every text of every chart goes through here (pango only, never
 * cairo's toy text API): layouts with wrapping and ellipsis, anchoring,
 * fitting labels into a width, and the record of drawn text boxes that
 * keeps optional labels from overlapping and feeds fsc_labels.  A text
 * with a character the font lacks is not drawn (FSC_ERR_GLYPH): a chart
 * never shows empty boxes.
 */
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"

#define EPS 0.01

static PangoLayout *make_layout(fsc_ctx *x, const char *s, const fsc_tstyle *t, PangoWrapMode wrap)
{
    if (x->st != FSC_OK) return NULL;
    if (!s) s = "";
    if (!g_utf8_validate(s, -1, NULL)) {
        fsc_fail(x, FSC_ERR_UTF8);
        return NULL;
    }
    PangoLayout *l = pango_layout_new(x->pc);
    if (!l) {
        fsc_fail(x, FSC_ERR_NOMEM);
        return NULL;
    }
    /* the projector floor: no text below FSC_MIN_TEXT of the body size */
    double size = t->size > x->u * FSC_MIN_TEXT ? t->size : x->u * FSC_MIN_TEXT;
    pango_font_description_set_absolute_size(x->font, size * PANGO_SCALE);
    pango_font_description_set_weight(x->font, t->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, x->font);
    if (t->width > 0) {
        pango_layout_set_width(l, (int)(t->width * PANGO_SCALE));
        pango_layout_set_wrap(l, wrap);
        if (t->lines > 0) {
            pango_layout_set_height(l, -t->lines);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        }
    }
    pango_layout_set_alignment(l, t->align);
    pango_layout_set_text(l, s, -1);
    return l;
}

PangoLayout *fsc_text_layout(fsc_ctx *x, const char *s, const fsc_tstyle *t)
{
    return make_layout(x, s, t, PANGO_WRAP_WORD_CHAR);
}

void fsc_text_size(PangoLayout *l, double *w, double *h)
{
    PangoRectangle lr = {0, 0, 0, 0};
    if (l) pango_layout_get_extents(l, NULL, &lr);
    if (w) *w = (double)lr.width / PANGO_SCALE;
    if (h) *h = (double)lr.height / PANGO_SCALE;
}

bool fsc_text_ellipsized(PangoLayout *l) { return l && pango_layout_is_ellipsized(l); }

fsc_rect fsc_anchor_box(double ax, double ay, double w, double h, fsc_anchor a)
{
    double fx = (a == FSC_TL || a == FSC_ML || a == FSC_BL)   ? 0
                : (a == FSC_TC || a == FSC_MC || a == FSC_BC) ? 0.5
                                                              : 1;
    double fy = (a == FSC_TL || a == FSC_TC || a == FSC_TR)   ? 0
                : (a == FSC_ML || a == FSC_MC || a == FSC_MR) ? 0.5
                                                              : 1;
    return (fsc_rect){ax - fx * w, ay - fy * h, w, h};
}

bool fsc_rect_overlap(fsc_rect a, fsc_rect b)
{
    return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS &&
           b.y < a.y + a.h - EPS;
}

void fsc_occupy(fsc_ctx *x, fsc_rect a)
{
    if (x->nboxes == x->capboxes) {
        size_t cap = x->capboxes ? x->capboxes * 2 : 64;
        fsc_rect *nb = realloc(x->boxes, cap * sizeof *nb);
        if (!nb) {
            fsc_fail(x, FSC_ERR_NOMEM);
            return;
        }
        x->boxes = nb;
        x->capboxes = cap;
    }
    x->boxes[x->nboxes++] = a;
}

bool fsc_text_collides(const fsc_ctx *x, fsc_rect a)
{
    for (size_t i = 0; i < x->nboxes; i++)
        if (fsc_rect_overlap(a, x->boxes[i])) return true;
    for (size_t i = 0; i < x->nsegs; i++)
        if (fsc_segment_hits(x->segs[i], a)) return true;
    return false;
}

void fsc_note_fill(fsc_ctx *x, fsc_rect r, fsc_rgb c)
{
    if (x->nfills == x->capfills) {
        size_t cap = x->capfills ? x->capfills * 2 : 64;
        struct fsc_fillrec *nf = realloc(x->fills, cap * sizeof *nf);
        if (!nf) {
            fsc_fail(x, FSC_ERR_NOMEM);
            return;
        }
        x->fills = nf;
        x->capfills = cap;
    }
    x->fills[x->nfills++] = (struct fsc_fillrec){r, c};
}

void fsc_note_line(fsc_ctx *x, double x0, double y0, double x1, double y1)
{
    if (x->nsegs == x->capsegs) {
        size_t cap = x->capsegs ? x->capsegs * 2 : 64;
        fsc_segment *ns = realloc(x->segs, cap * sizeof *ns);
        if (!ns) {
            fsc_fail(x, FSC_ERR_NOMEM);
            return;
        }
        x->segs = ns;
        x->capsegs = cap;
    }
    x->segs[x->nsegs++] = (fsc_segment){x0, y0, x1, y1};
    fsc_labels *lg = x->log;
    if (!lg) return;
    if (lg->nlines == lg->caplines) {
        size_t cap = lg->caplines ? lg->caplines * 2 : 64;
        fsc_segment *nl = realloc(lg->lines, cap * sizeof *nl);
        if (!nl) {
            fsc_fail(x, FSC_ERR_NOMEM);
            return;
        }
        lg->lines = nl;
        lg->caplines = cap;
    }
    lg->lines[lg->nlines++] = (fsc_segment){x0, y0, x1, y1};
}

/* Liang–Barsky clipping: does the segment enter the rectangle shrunk by
 * EPS (so a line touching a box edge does not count)? */
bool fsc_segment_hits(fsc_segment s, fsc_rect r)
{
    double x0 = r.x + EPS, x1 = r.x + r.w - EPS, y0 = r.y + EPS, y1 = r.y + r.h - EPS;
    if (x1 <= x0 || y1 <= y0) return false;
    double dx = s.x1 - s.x0, dy = s.y1 - s.y0, t0 = 0, t1 = 1;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {s.x0 - x0, x1 - s.x0, s.y0 - y0, y1 - s.y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0) {
            if (t > t1) return false;
            if (t > t0) t0 = t;
        } else {
            if (t < t0) return false;
            if (t < t1) t1 = t;
        }
    }
    return t0 < t1;
}

/* The colour behind the centre of box: the last fill holding it. */
static fsc_rgb bg_at(const fsc_ctx *x, fsc_rect box)
{
    double cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    for (size_t i = x->nfills; i-- > 0;) {
        fsc_rect r = x->fills[i].r;
        if (cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h) return x->fills[i].c;
    }
    return FSC_RGB_BG;
}

static void log_text(fsc_ctx *x, const char *s, fsc_rect box, PangoLayout *l, fsc_rgb c, bool halo)
{
    fsc_labels *lg = x->log;
    if (!lg) return;
    if (lg->n == lg->cap) {
        size_t cap = lg->cap ? lg->cap * 2 : 64;
        fsc_label *ni = realloc(lg->items, cap * sizeof *ni);
        if (!ni) {
            fsc_fail(x, FSC_ERR_NOMEM);
            return;
        }
        lg->items = ni;
        lg->cap = cap;
    }
    char *copy = strdup(s);
    if (!copy) {
        fsc_fail(x, FSC_ERR_NOMEM);
        return;
    }
    const PangoFontDescription *fd = pango_layout_get_font_description(l);
    double size = fd ? pango_font_description_get_size(fd) / (double)PANGO_SCALE : 0;
    bool bold = fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
    lg->items[lg->n++] = (fsc_label){copy, box, size, bold, c, halo ? FSC_RGB_BG : bg_at(x, box)};
    // cppcheck-suppress memleak ; not a leak: copy is owned by lg->items now (freed with the log)
}

static fsc_rect show(fsc_ctx *x, PangoLayout *l, double ax, double ay, fsc_anchor a, fsc_rgb c,
                     bool halo)
{
    fsc_rect none = {ax, ay, 0, 0};
    if (!l || x->st != FSC_OK) return none;
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    double w = (double)lr.width / PANGO_SCALE, h = (double)lr.height / PANGO_SCALE;
    fsc_rect box = fsc_anchor_box(ax, ay, w, h, a);
    const char *s = pango_layout_get_text(l);
    if (!s || !*s) return box;
    if (pango_layout_get_unknown_glyphs_count(l) > 0) { /* never draw boxes */
        fsc_fail(x, FSC_ERR_GLYPH);
        return none;
    }
    cairo_t *cr = x->cr;
    cairo_save(cr);
    if (halo) {
        double p = h * 0.08;
        cairo_rectangle(cr, box.x - p, box.y, box.w + 2 * p, box.h);
        fsc_set_rgb(cr, FSC_RGB_BG);
        cairo_fill(cr);
    }
    fsc_set_rgb(cr, c);
    cairo_move_to(cr, box.x - (double)lr.x / PANGO_SCALE, box.y - (double)lr.y / PANGO_SCALE);
    pango_cairo_show_layout(cr, l);
    cairo_restore(cr);
    fsc_occupy(x, box);
    log_text(x, s, box, l, c, halo);
    return box;
}

fsc_rect fsc_text_show(fsc_ctx *x, PangoLayout *l, double ax, double ay, fsc_anchor a, fsc_rgb c)
{
    return show(x, l, ax, ay, a, c, false);
}

fsc_rect fsc_text(fsc_ctx *x, const char *s, const fsc_tstyle *t, double ax, double ay,
                  fsc_anchor a)
{
    PangoLayout *l = fsc_text_layout(x, s, t);
    fsc_rect box = show(x, l, ax, ay, a, t->color, t->halo);
    if (l) g_object_unref(l);
    return box;
}

static bool inside(fsc_rect in, fsc_rect r)
{
    return r.x >= in.x - EPS && r.y >= in.y - EPS && r.x + r.w <= in.x + in.w + EPS &&
           r.y + r.h <= in.y + in.h + EPS;
}

bool fsc_text_try(fsc_ctx *x, const char *s, const fsc_tstyle *t, double ax, double ay,
                  fsc_anchor a, fsc_rect within)
{
    PangoLayout *l = fsc_text_layout(x, s, t);
    if (!l) return false;
    double w, h;
    fsc_text_size(l, &w, &h);
    fsc_rect box = fsc_anchor_box(ax, ay, w, h, a);
    bool ok = !fsc_text_collides(x, box) && (within.w <= 0 || inside(within, box));
    if (ok) show(x, l, ax, ay, a, t->color, t->halo);
    g_object_unref(l);
    return ok;
}

void fsc_text_measure(fsc_ctx *x, const char *s, const fsc_tstyle *t, double *w, double *h)
{
    PangoLayout *l = fsc_text_layout(x, s, t);
    fsc_text_size(l, w, h);
    if (l) g_object_unref(l);
}

/* Does s fit t->width in t->lines lines, breaking only between words? */
static bool fits(fsc_ctx *x, const char *s, const fsc_tstyle *t, double *h)
{
    PangoLayout *l = make_layout(x, s, t, PANGO_WRAP_WORD);
    if (!l) return true; /* error recorded; stop searching */
    double w;
    fsc_text_size(l, &w, h);
    bool ok = !pango_layout_is_ellipsized(l) && (t->width <= 0 || w <= t->width + EPS);
    g_object_unref(l);
    return ok;
}

double fsc_text_fit(fsc_ctx *x, const char *const *labels, size_t n, const fsc_tstyle *t,
                    double min_size, double *height)
{
    fsc_tstyle s = *t;
    if (min_size > t->size) min_size = t->size;
    for (;;) {
        double maxh = 0;
        bool all = true;
        for (size_t i = 0; i < n && all; i++) {
            double h = 0;
            all = fits(x, labels[i], &s, &h);
            if (h > maxh) maxh = h;
        }
        if (all || s.size <= min_size) {
            if (!all) { /* measure the ellipsized fallback */
                maxh = 0;
                for (size_t i = 0; i < n; i++) {
                    double w, h;
                    fsc_text_measure(x, labels[i], &s, &w, &h);
                    if (h > maxh) maxh = h;
                }
            }
            if (height) *height = maxh;
            return s.size;
        }
        s.size *= 0.92;
        if (s.size < min_size) s.size = min_size;
    }
}

double fsc_row_labels_width(fsc_ctx *x, const fsc_categories *k, double maxw, double row_h,
                            double *size)
{
    fsc_tstyle t = {.size = x->u, .color = FSC_RGB_TEXT, .align = PANGO_ALIGN_RIGHT};
    double natural = 0;
    for (size_t i = 0; i < k->n; i++) {
        double w, h;
        fsc_text_measure(x, k->labels[i], &t, &w, &h);
        if (w > natural) natural = w;
    }
    *size = x->u;
    if (natural <= maxw) return natural;
    /* wrap into the column: as many lines as the row height allows (≤ 3) */
    int lines = (int)(row_h / (x->u * 1.25));
    lines = lines < 1 ? 1 : lines > 3 ? 3 : lines;
    t.width = maxw;
    t.lines = lines;
    double h;
    *size = fsc_text_fit(x, k->labels, k->n, &t, x->u * 0.7, &h);
    return maxw;
}
