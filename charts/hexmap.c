/*
 * hexmap.c — FSC_HEXMAP: a schematic tile map.  Each area is a hexagon
 * at the caller's axial coordinates (q, r) — layout is data, so another
 * zone only passes other coordinates — shaded in value classes of a ramp,
 * with its name and value inside and a class legend on the right.  Areas
 * without data are grey and hatched.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_impl.h"

#define SQRT3 1.7320508075688772

fsc_status fsc_hexmap_check(const fsc_chart *c)
{
    const fsc_hexmap *k = &c->hexmap;
    if (k->n > 256 || (k->n > 0 && !k->hexes)) return FSC_ERR_ARG;
    if ((unsigned)k->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
    for (size_t i = 0; i < k->n; i++) {
        if (abs(k->hexes[i].q) > 1000 || abs(k->hexes[i].r) > 1000) return FSC_ERR_ARG;
        if (!g_utf8_validate(k->hexes[i].label ? k->hexes[i].label : "", -1, NULL))
            return FSC_ERR_UTF8;
    }
    if (!g_utf8_validate(k->legend_title ? k->legend_title : "", -1, NULL) ||
        !g_utf8_validate(k->north_label ? k->north_label : "", -1, NULL))
        return FSC_ERR_UTF8;
    return FSC_OK;
}

/* Centre of hex (q, r) for unit size (centre to corner = 1). */
static void centre(const fsc_hexmap *k, int q, int r, double *cx, double *cy)
{
    if (k->pointy_top) {
        *cx = SQRT3 * (q + r / 2.0);
        *cy = 1.5 * r;
    } else {
        *cx = 1.5 * q;
        *cy = SQRT3 * (r + q / 2.0);
    }
}

static void hex_path(cairo_t *cr, bool pointy, double cx, double cy, double s)
{
    for (int i = 0; i < 6; i++) {
        double a = (pointy ? 30.0 : 0.0) + 60.0 * i;
        double px = cx + s * cos(a * M_PI / 180), py = cy + s * sin(a * M_PI / 180);
        if (i == 0)
            cairo_move_to(cr, px, py);
        else
            cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
}

void fsc_hexmap_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_hexmap *k = &c->hexmap;
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t n = k->n;
    if (n == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    double lo = 0, hi = 0;
    bool any = false, has_na = false;
    for (size_t i = 0; i < n; i++) {
        double v = k->hexes[i].value;
        if (!isfinite(v)) {
            has_na = true;
            continue;
        }
        if (!any || v < lo) lo = v;
        if (!any || v > hi) hi = v;
        any = true;
    }
    /* at most five classes, none of them empty (legend.c) */
    double vals[256];
    size_t nv = 0;
    for (size_t i = 0; i < n && nv < 256; i++)
        if (isfinite(k->hexes[i].value)) vals[nv++] = k->hexes[i].value;
    fsc_scale sc =
        any ? fsc_class_scale(vals, nv, k->format) : fsc_nice_scale(1, 0, 6, k->format, true);

    /* legend on the right, vertically centred later */
    fsc_rect lg = {0, 0, plot.w * 0.25, plot.h};
    double legw = fsc_class_legend(x, &sc, k->ramp, k->legend_title, has_na, lg, false, NULL);
    if (legw > plot.w * 0.25) legw = plot.w * 0.25;

    /* fit the tiles into the rest */
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    double ex = k->pointy_top ? SQRT3 / 2 : 1.0, ey = k->pointy_top ? 1.0 : SQRT3 / 2;
    for (size_t i = 0; i < n; i++) {
        double cx, cy;
        centre(k, k->hexes[i].q, k->hexes[i].r, &cx, &cy);
        if (i == 0 || cx - ex < x0) x0 = cx - ex;
        if (i == 0 || cx + ex > x1) x1 = cx + ex;
        if (i == 0 || cy - ey < y0) y0 = cy - ey;
        if (i == 0 || cy + ey > y1) y1 = cy + ey;
    }
    double gap = u * 2.5;
    fsc_rect map = {plot.x, plot.y, plot.w - legw - gap, plot.h};
    double s = fmin(fmin(map.w / (x1 - x0), map.h / (y1 - y0)), u * 10);
    /* centre map + legend as one block */
    double block = s * (x1 - x0) + gap + legw;
    double ox = plot.x + fmax(0, (plot.w - block) / 2) - s * x0;
    double oy = map.y + (map.h - s * (y1 - y0)) / 2 - s * y0;
    double legx = ox + s * x1 + gap;

    /* text inside a hexagon: the inscribed box is about 1.5 s × 1.2 s */
    const char *names[256];
    for (size_t i = 0; i < n; i++) names[i] = k->hexes[i].label;
    fsc_tstyle nt = {.size = fmin(u * 1.25, s * 0.28),
                     .width = s * 1.35,
                     .lines = 2,
                     .align = PANGO_ALIGN_CENTER};
    double nh, small = fmin(u * 0.6, nt.size);
    /* one size for all names, unless one very long name would shrink the
     * rest: then that name alone gets smaller */
    nt.size = fsc_text_fit(x, names, n, &nt, fmin(u * 0.9, nt.size), &nh);
    fsc_tstyle vt = {.size = fmin(u * 1.6, s * 0.36), .bold = true};

    for (size_t i = 0; i < n; i++) {
        const fsc_hex *h = &k->hexes[i];
        double cx, cy;
        centre(k, h->q, h->r, &cx, &cy);
        cx = ox + s * cx;
        cy = oy + s * cy;
        fsc_rgb fill = fsc_class_color(&sc, k->ramp, h->value);
        fsc_note_fill(x, (fsc_rect){cx - s * 0.75, cy - s * 0.6, s * 1.5, s * 1.2}, fill);
        hex_path(cr, k->pointy_top, cx, cy, s * 0.965);
        fsc_set_rgb(cr, fill);
        cairo_fill_preserve(cr);
        if (!isfinite(h->value))
            fsc_hatch_path(x, FSC_RGB_AXIS, u * 0.4, u * 0.06);
        else
            cairo_new_path(cr);
        hex_path(cr, k->pointy_top, cx, cy, s * 0.965);
        fsc_set_rgb(cr, fsc_shade(fill, 0.25));
        cairo_set_line_width(cr, u * 0.06);
        cairo_stroke(cr);

        char buf[48];
        fsc_format_value(buf, sizeof buf, h->value, k->format, x->na);
        fsc_tstyle lt = nt, wt = vt;
        lt.color = wt.color = isfinite(h->value) ? fsc_text_on(fill) : FSC_RGB_TEXT;
        lt.halo = wt.halo = !isfinite(h->value);
        const char *one[1] = {h->label};
        double fh;
        lt.size = fsc_text_fit(x, one, 1, &lt, small, &fh);
        if (!isfinite(h->value)) { /* "no data" is not a number: plain, smaller */
            wt.size = fmax(lt.size, fmin(u * 0.9, wt.size));
            wt.bold = false;
            wt.color = FSC_RGB_TEXT2;
        }
        double lw, lh, vw, vh;
        fsc_text_measure(x, h->label, &lt, &lw, &lh);
        fsc_text_measure(x, buf, &wt, &vw, &vh);
        double ty = cy - (lh + vh) / 2;
        fsc_text(x, h->label, &lt, cx, ty, FSC_TC);
        fsc_text(x, buf, &wt, cx, ty + lh, FSC_TC);
    }

    double legh;
    lg.w = legw;
    fsc_class_legend(x, &sc, k->ramp, k->legend_title, has_na, lg, false, &legh);
    fsc_rect la = {legx, plot.y + fmax(0, (plot.h - legh) / 2), legw, legh};
    fsc_class_legend(x, &sc, k->ramp, k->legend_title, has_na, la, true, NULL);

    if (k->north_label) { /* north arrow above the legend */
        fsc_tstyle at = {.size = u * 0.9, .bold = true, .color = FSC_RGB_TEXT2};
        double ax = legx + u * 0.7, ay = la.y - u * 1.2;
        double ah = u * 2.2;
        cairo_move_to(cr, ax, ay - ah);
        cairo_line_to(cr, ax + u * 0.55, ay);
        cairo_line_to(cr, ax, ay - u * 0.6);
        cairo_line_to(cr, ax - u * 0.55, ay);
        cairo_close_path(cr);
        fsc_set_rgb(cr, FSC_RGB_TEXT2);
        cairo_fill(cr);
        fsc_occupy(x, (fsc_rect){ax - u * 0.55, ay - ah, u * 1.1, ah});
        fsc_text(x, k->north_label, &at, ax + u * 0.9, ay - ah / 2, FSC_ML);
    }
}
