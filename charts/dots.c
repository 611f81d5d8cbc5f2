/*
 * dots.c — FSC_DOTS: a dot plot, a row per category with one marker per
 * series joined by a thin line (clearance and recovery rates by county).
 * Marker shape tells the series, colour the county (or the series); the
 * outer markers carry their values.  The axis hugs the data (it need not
 * start at 0, unlike bars).
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

fsc_status fsc_dots_check(const fsc_chart *c)
{
    const fsc_dots *k = &c->dots;
    fsc_status st = fsc_check_cats(&k->cats);
    if (st == FSC_OK) st = fsc_check_series(k->series, k->nseries, k->cats.n);
    if (st != FSC_OK) return st;
    if ((unsigned)k->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
    if (k->color_by_category && k->cats.n > 0 && !k->cats.colors) return FSC_ERR_ARG;
    if (!g_utf8_validate(k->axis_title ? k->axis_title : "", -1, NULL) ||
        !g_utf8_validate(k->ref_label ? k->ref_label : "", -1, NULL))
        return FSC_ERR_UTF8;
    return FSC_OK;
}

void fsc_dots_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_dots *k = &c->dots;
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t n = k->cats.n, ns = k->nseries;
    if (n == 0 || ns == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    fsc_legend_item it[16];
    for (size_t s = 0; s < ns; s++)
        it[s] = (fsc_legend_item){k->series[s].name,
                                  FSC_KEY_MARKER,
                                  k->color_by_category ? 0x8A8A8Au : k->series[s].color,
                                  FSC_FILL_SOLID,
                                  k->series[s].marker,
                                  FSC_DASH_SOLID};
    /* one series needs no legend: the axis title names it */
    double top = plot.y + (ns > 1 ? fsc_legend(x, it, ns, plot, true) + u * 0.9 : 0);
    double bottom = plot.y + plot.h;
    fsc_tstyle at = {.size = u * 0.85, .color = FSC_RGB_TEXT2, .width = plot.w, .lines = 2};
    if (k->axis_title && *k->axis_title) {
        double w, h;
        fsc_text_measure(x, k->axis_title, &at, &w, &h);
        bottom -= h + u * 0.3;
        fsc_text(x, k->axis_title, &at, plot.x + plot.w, bottom + u * 0.3, FSC_TR);
    }

    double lo = 0, hi = 0;
    bool any = false;
    for (size_t s = 0; s < ns; s++) {
        double a, z;
        if (!fsc_finite_range(k->series[s].values, n, &a, &z)) continue;
        if (!any || a < lo) lo = a;
        if (!any || z > hi) hi = z;
        any = true;
    }
    bool has_ref = k->ref_label && isfinite(k->ref_value);
    if (has_ref) {
        if (!any || k->ref_value < lo) lo = k->ref_value;
        if (!any || k->ref_value > hi) hi = k->ref_value;
        any = true;
    }
    bool fixed = k->axis_min < k->axis_max;
    if (fixed) {
        lo = k->axis_min;
        hi = k->axis_max;
    }
    /* the reference label sits above the rows */
    char refbuf[256] = "";
    fsc_tstyle rt = {.size = u * 0.85, .bold = true, .color = FSC_RGB_TEXT};
    if (has_ref) {
        char v[48];
        fsc_format_value(v, sizeof v, k->ref_value, k->format, x->na);
        snprintf(refbuf, sizeof refbuf, "%s %s", k->ref_label, v);
        double w, h;
        fsc_text_measure(x, refbuf, &rt, &w, &h);
        top += h + u * 0.3;
    }
    int max_ticks = (int)(plot.w / (u * 6));
    fsc_scale sc = fsc_nice_scale(any || fixed ? lo : 1, any || fixed ? hi : 0,
                                  max_ticks < 3   ? 3
                                  : max_ticks > 9 ? 9
                                                  : max_ticks,
                                  k->format, !any);
    double axh = fsc_axis_x(x, &sc, plot, false);
    double row_h = (bottom - axh - top) / (double)n;
    double lsize;
    double labw = fsc_row_labels_width(x, &k->cats, plot.w * 0.22, row_h, &lsize);

    /* room for a value label left of the lowest and right of the highest */
    fsc_tstyle vt = {.size = u * 0.8, .color = FSC_RGB_TEXT2, .halo = true};
    char buf[48];
    double valw;
    fsc_format_value(buf, sizeof buf, sc.hi, k->format, x->na);
    fsc_text_measure(x, buf, &vt, &valw, NULL);
    fsc_rect area = {plot.x + labw + u * 0.6 + valw + u * 0.8, top, 0, bottom - axh - top};
    area.w = plot.x + plot.w - valw - u * 1.2 - area.x;
    fsc_axis_x(x, &sc, area, true);

    fsc_tstyle lt = {.size = lsize,
                     .color = FSC_RGB_TEXT,
                     .width = labw,
                     .lines = 3,
                     .align = PANGO_ALIGN_RIGHT};
    if (labw < plot.w * 0.22 - 0.01) lt.width = 0;
    fsc_tstyle nt = {.size = u * 0.8, .color = FSC_RGB_MUTED};
    double r = fmin(u * 0.5, row_h * 0.3);
    for (size_t i = 0; i < n; i++) { /* guide lines across the rows */
        double cy = area.y + row_h * ((double)i + 0.5);
        cairo_move_to(cr, area.x, cy);
        cairo_line_to(cr, area.x + area.w, cy);
    }
    fsc_set_rgb(cr, FSC_RGB_GRID);
    cairo_set_line_width(cr, u * 0.05);
    cairo_stroke(cr);
    if (has_ref) { /* under the markers, over the grid */
        double rx = fsc_scale_map(&sc, k->ref_value, area.x, area.x + area.w);
        cairo_save(cr);
        cairo_move_to(cr, rx, area.y - u * 0.2);
        cairo_line_to(cr, rx, area.y + area.h);
        fsc_set_rgb(cr, FSC_RGB_TEXT);
        cairo_set_line_width(cr, u * 0.1);
        fsc_set_dash(cr, FSC_DASH_DASHED, u * 0.1);
        cairo_stroke(cr);
        cairo_restore(cr);
        fsc_note_line(x, rx, area.y - u * 0.2, rx, area.y + area.h);
        double w, h;
        fsc_text_measure(x, refbuf, &rt, &w, &h);
        double lx = fmin(fmax(rx, area.x + w / 2), plot.x + plot.w - w / 2);
        fsc_text(x, refbuf, &rt, lx, area.y - u * 0.3, FSC_BC);
    }

    for (size_t i = 0; i < n; i++) {
        double cy = area.y + row_h * ((double)i + 0.5);
        fsc_text(x, k->cats.labels[i], &lt, plot.x + labw, cy, FSC_MR);

        size_t smin = ns, smax = ns;
        for (size_t s = 0; s < ns; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v)) continue;
            if (smin == ns || v < k->series[smin].values[i]) smin = s;
            if (smax == ns || v >= k->series[smax].values[i]) smax = s;
        }
        if (smin == ns) { /* no data in this row */
            fsc_text(x, x->na, &nt, area.x + u * 0.3, cy, FSC_ML);
            continue;
        }
        double x0 = fsc_scale_map(&sc, k->series[smin].values[i], area.x, area.x + area.w);
        double x1 = fsc_scale_map(&sc, k->series[smax].values[i], area.x, area.x + area.w);
        bool any_hollow = false; /* not comparable: no line across the row */
        for (size_t s = 0; s < ns; s++)
            any_hollow = any_hollow || (k->series[s].hollow && k->series[s].hollow[i] &&
                                        isfinite(k->series[s].values[i]));
        if (!k->no_join && !any_hollow && x1 > x0) {
            cairo_move_to(cr, x0, cy);
            cairo_line_to(cr, x1, cy);
            fsc_set_rgb(cr, FSC_RGB_AXIS);
            cairo_set_line_width(cr, u * 0.12);
            cairo_stroke(cr);
            fsc_note_line(x, x0, cy, x1, cy);
        }
        for (size_t s = 0; s < ns; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v)) continue;
            fsc_rgb col = k->color_by_category ? k->cats.colors[i] : k->series[s].color;
            double px = fsc_scale_map(&sc, v, area.x, area.x + area.w);
            fsc_marker_path(cr, k->series[s].marker, px, cy, r);
            if (k->series[s].hollow && k->series[s].hollow[i]) { /* white inside */
                fsc_set_rgb(cr, FSC_RGB_BG);
                cairo_fill_preserve(cr);
                fsc_set_rgb(cr, col);
                cairo_set_line_width(cr, u * 0.1);
                cairo_stroke(cr);
                continue;
            }
            fsc_set_rgb(cr, col);
            cairo_fill_preserve(cr);
            fsc_set_rgb(cr, fsc_shade(col, 0.45));
            cairo_set_line_width(cr, u * 0.06);
            cairo_stroke(cr);
        }
        /* value labels beside their marks, never across a line: the
         * highest right of its mark, the lowest left of its mark; a single
         * value whose right side is crossed by the reference line goes left */
        fsc_rect none = {0, 0, 0, 0};
        fsc_tstyle lv = vt;
        lv.halo = false;
        bool two = smin != smax && k->series[smin].values[i] < k->series[smax].values[i];
        fsc_format_value(buf, sizeof buf, k->series[smax].values[i], k->format, x->na);
        if (!fsc_text_try(x, buf, &lv, x1 + r + u * 0.35, cy, FSC_ML, none) && !two)
            fsc_text_try(x, buf, &lv, x0 - r - u * 0.35, cy, FSC_MR, none);
        if (two) {
            fsc_format_value(buf, sizeof buf, k->series[smin].values[i], k->format, x->na);
            fsc_text_try(x, buf, &lv, x0 - r - u * 0.35, cy, FSC_MR, none);
        }
    }
}
