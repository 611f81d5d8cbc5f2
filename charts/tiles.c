/*
 * tiles.c — FSC_TILES: headline tiles for the title slide.  Each tile:
 * its label, the big value, and "▲ 12.3% vs 2023" — the arrow's shape says
 * up or down, its colour whether that is good news (trend).  Percent
 * figures change in points ("▲ 1.9 pp"); when last year was 0 the plain
 * difference is shown; without last year's value the change is n/a.
 * The tiles are arranged in the grid that gives the largest tiles.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_impl.h"

fsc_status fsc_tiles_check(const fsc_chart *c)
{
    const fsc_tiles *k = &c->tiles;
    if (k->n > 32 || (k->n > 0 && !k->tiles)) return FSC_ERR_ARG;
    for (size_t i = 0; i < k->n; i++) {
        if ((unsigned)k->tiles[i].format > FSC_FMT_DECIMAL2 ||
            (unsigned)k->tiles[i].trend > FSC_TREND_UP_BAD)
            return FSC_ERR_ARG;
        if (!g_utf8_validate(k->tiles[i].label ? k->tiles[i].label : "", -1, NULL) ||
            !g_utf8_validate(k->tiles[i].change_text ? k->tiles[i].change_text : "", -1, NULL) ||
            !g_utf8_validate(k->tiles[i].note ? k->tiles[i].note : "", -1, NULL))
            return FSC_ERR_UTF8;
    }
    if (!g_utf8_validate(k->compare_label ? k->compare_label : "", -1, NULL) ||
        !g_utf8_validate(k->no_change_label ? k->no_change_label : "", -1, NULL) ||
        !g_utf8_validate(k->points_unit ? k->points_unit : "", -1, NULL))
        return FSC_ERR_UTF8;
    return FSC_OK;
}

/* The change text and its colour: *text is the tile's own change_text,
 * whole (a "not comparable" reason can be long; the tile wraps it), or
 * "▲ 12.3%" made in buf. */
static fsc_rgb change_text(const fsc_ctx *x, const fsc_tiles *k, const fsc_tile *t, char *buf,
                           size_t size, const char **text)
{
    double v = t->value, p = t->previous;
    *text = buf;
    if (t->change_text) {
        *text = t->change_text;
        return FSC_RGB_MUTED;
    }
    if (!isfinite(v) || !isfinite(p)) {
        snprintf(buf, size, "%s", isfinite(v) && k->no_change_label ? k->no_change_label : x->na);
        return FSC_RGB_MUTED;
    }
    double d = v - p;
    char num[64];
    const char *unit = "";
    if (t->format == FSC_FMT_PERCENT) {
        fsc_format_fixed(num, sizeof num, fabs(d) * 100.0, 1, "");
        unit = k->points_unit ? k->points_unit : "pp";
    } else if (p == 0 || (t->format == FSC_FMT_INTEGER && fabs(p) < 100)) {
        fsc_format_value(num, sizeof num, fabs(d), t->format, x->na);
    } else {
        fsc_format_fixed(num, sizeof num, fabs(d / p) * 100.0, 1, "%");
    }
    /* rounding decides "no change", so the arrow never contradicts "0.0" */
    bool zero = strtod(num, NULL) == 0;
    snprintf(buf, size, "%s %s%s%s", zero ? "=" : d > 0 ? "▲" : "▼", num, *unit ? " " : "", unit);
    if (zero || t->trend == FSC_TREND_NEUTRAL) return FSC_RGB_TEXT2;
    bool good = (d > 0) == (t->trend == FSC_TREND_UP_GOOD);
    return good ? FSC_RGB_GOOD : FSC_RGB_BAD;
}

static void draw_tile(fsc_ctx *x, const fsc_tiles *k, const fsc_tile *t, fsc_rect r)
{
    double u = x->u;
    cairo_t *cr = x->cr;
    double rad = u * 0.5;
    cairo_new_sub_path(cr);
    cairo_arc(cr, r.x + r.w - rad, r.y + rad, rad, -M_PI / 2, 0);
    cairo_arc(cr, r.x + r.w - rad, r.y + r.h - rad, rad, 0, M_PI / 2);
    cairo_arc(cr, r.x + rad, r.y + r.h - rad, rad, M_PI / 2, M_PI);
    cairo_arc(cr, r.x + rad, r.y + rad, rad, M_PI, 1.5 * M_PI);
    cairo_close_path(cr);
    fsc_set_rgb(cr, 0xF3F4F6u);
    cairo_fill(cr);
    fsc_note_fill(x, r, 0xF3F4F6u);

    double pad = fmin(u * 1.0, r.w * 0.08), w = r.w - 2 * pad;
    fsc_tstyle lt = {.size = u * 1.15, .bold = true, .color = FSC_RGB_TEXT, .width = w, .lines = 2};
    char value[64], made[160];
    const char *change;
    fsc_format_value(value, sizeof value, t->value, t->format, x->na);
    fsc_rgb cc = change_text(x, k, t, made, sizeof made, &change);
    fsc_tstyle vt = {.size = fmin(u * 5.6, r.h * 0.4),
                     .bold = true,
                     .color = isfinite(t->value) ? FSC_RGB_TEXT : FSC_RGB_MUTED};
    double vw, vh;
    fsc_text_measure(x, value, &vt, &vw, &vh);
    if (vw > w) { /* shrink the big number to the tile */
        vt.size *= w / vw;
        fsc_text_measure(x, value, &vt, &vw, &vh);
    }
    fsc_tstyle ct = {.size = u * 1.05, .bold = true, .color = cc, .width = w, .lines = 2};
    fsc_tstyle kt = {.size = u * 1.05, .color = FSC_RGB_TEXT2, .width = w, .lines = 2};
    fsc_tstyle nt = {.size = u * 0.95, .color = FSC_RGB_TEXT2, .width = w, .lines = 2};
    double nw = 0, nh = 0;
    if (t->note && *t->note) fsc_text_measure(x, t->note, &nt, &nw, &nh);

    double lw, lh, cw, ch, kw = 0, kh = 0;
    fsc_text_measure(x, t->label, &lt, &lw, &lh);
    fsc_text_measure(x, change, &ct, &cw, &ch);
    bool has_cmp = k->compare_label && *k->compare_label && isfinite(t->previous) &&
                   isfinite(t->value) && !t->change_text;
    if (has_cmp) fsc_text_measure(x, k->compare_label, &kt, &kw, &kh);
    bool inline_cmp = has_cmp && cw + u * 0.4 + kw <= w; /* "▲ 4.8% vs 2023" */
    double total = lh + u * 0.3 + vh + u * 0.2 + ch + (has_cmp && !inline_cmp ? kh : 0) +
                   (nh > 0 ? nh + u * 0.2 : 0);
    double y = r.y + (r.h - total) / 2;
    if (y < r.y + pad * 0.5) y = r.y + pad * 0.5;
    y += fsc_text(x, t->label, &lt, r.x + pad, y, FSC_TL).h + u * 0.3;
    y += fsc_text(x, value, &vt, r.x + pad, y, FSC_TL).h + u * 0.2;
    fsc_rect cb = fsc_text(x, change, &ct, r.x + pad, y, FSC_TL);
    if (inline_cmp) {
        kt.width = 0;
        fsc_text(x, k->compare_label, &kt, cb.x + cb.w + u * 0.4, y, FSC_TL);
    } else if (has_cmp) {
        cb.h += fsc_text(x, k->compare_label, &kt, r.x + pad, y + cb.h, FSC_TL).h;
    }
    if (nh > 0) fsc_text(x, t->note, &nt, r.x + pad, y + cb.h + u * 0.2, FSC_TL);
}

void fsc_tiles_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_tiles *k = &c->tiles;
    double u = x->u, gap = u * 1.0;
    size_t n = k->n;
    if (n == 0) {
        fsc_draw_empty(x, plot);
        return;
    }
    /* the column count giving the largest tiles of aspect about 1.6 */
    size_t best = 1;
    double best_score = -1;
    for (size_t cols = 1; cols <= n; cols++) {
        size_t rows = (n + cols - 1) / cols;
        double tw = (plot.w - gap * (double)(cols - 1)) / (double)cols;
        double th = (plot.h - gap * (double)(rows - 1)) / (double)rows;
        double score = fmin(tw / 1.6, th);
        if (score > best_score + 1e-9) {
            best_score = score;
            best = cols;
        }
    }
    size_t cols = best, rows = (n + cols - 1) / cols;
    double tw = (plot.w - gap * (double)(cols - 1)) / (double)cols;
    double th = (plot.h - gap * (double)(rows - 1)) / (double)rows;
    if (th > tw * 0.75) th = tw * 0.75; /* no towers … */
    if (tw > th * 2.2) tw = th * 2.2;   /* … and no banners: the grid is centred */
    double y0 = plot.y + (plot.h - (th * (double)rows + gap * (double)(rows - 1))) / 2;
    for (size_t i = 0; i < n; i++) {
        size_t row = i / cols, col = i % cols;
        size_t in_row = row == rows - 1 ? n - row * cols : cols;
        double x0 = plot.x + (plot.w - (tw * (double)in_row + gap * (double)(in_row - 1))) / 2;
        fsc_rect r = {x0 + (tw + gap) * (double)col, y0 + (th + gap) * (double)row, tw, th};
        draw_tile(x, k, &k->tiles[i], r);
    }
}
