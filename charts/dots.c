/*
 * dots.c — CHART_DOTS: a dot plot, a row per category with one marker per
 * series joined by a thin line (clearance and recovery rates by county).
 * Marker shape tells the series, colour the county (or the series); the
 * outer markers carry their values.  The axis hugs the data (it need not
 * start at 0, unlike bars).
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

chart_status chart_dots_check(const chart *c)
{
    const chart_dots *k = &c->dots;
    chart_status st = chart_check_cats(&k->cats);
    if (st == CHART_OK) st = chart_check_series(k->series, k->nseries, k->cats.n);
    if (st != CHART_OK) return st;
    if ((unsigned)k->format > CHART_FMT_DECIMAL2) return CHART_ERR_ARG;
    if (k->color_by_category && k->cats.n > 0 && !k->cats.colors) return CHART_ERR_ARG;
    if (!g_utf8_validate(k->axis_title ? k->axis_title : "", -1, NULL) ||
        !g_utf8_validate(k->ref_label ? k->ref_label : "", -1, NULL))
        return CHART_ERR_UTF8;
    return CHART_OK;
}

void chart_dots_draw(chart_ctx *x, const chart *c, chart_rect plot)
{
    const chart_dots *k = &c->dots;
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t n = k->cats.n, ns = k->nseries;
    if (n == 0 || ns == 0) {
        chart_draw_empty(x, plot);
        return;
    }

    chart_legend_item it[16];
    for (size_t s = 0; s < ns; s++)
        it[s] = (chart_legend_item){k->series[s].name, CHART_KEY_MARKER,
                                    k->color_by_category ? 0x8A8A8Au : k->series[s].color,
                                    CHART_FILL_SOLID, k->series[s].marker, CHART_DASH_SOLID};
    /* one series needs no legend: the axis title names it */
    double top = plot.y + (ns > 1 ? chart_legend(x, it, ns, plot, true) + u * 0.9 : 0);
    double bottom = plot.y + plot.h;
    chart_tstyle at = {.size = u * 0.85, .color = CHART_RGB_TEXT2, .width = plot.w, .lines = 2};
    if (k->axis_title && *k->axis_title) {
        double w, h;
        chart_text_measure(x, k->axis_title, &at, &w, &h);
        bottom -= h + u * 0.3;
        chart_text(x, k->axis_title, &at, plot.x + plot.w, bottom + u * 0.3, CHART_TR);
    }

    double lo = 0, hi = 0;
    bool any = false;
    for (size_t s = 0; s < ns; s++) {
        double a, z;
        if (!chart_finite_range(k->series[s].values, n, &a, &z)) continue;
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
    chart_tstyle rt = {.size = u * 0.85, .bold = true, .color = CHART_RGB_TEXT};
    if (has_ref) {
        char v[48];
        chart_format_value(v, sizeof v, k->ref_value, k->format, x->na);
        snprintf(refbuf, sizeof refbuf, "%s %s", k->ref_label, v);
        double w, h;
        chart_text_measure(x, refbuf, &rt, &w, &h);
        top += h + u * 0.3;
    }
    int max_ticks = (int)(plot.w / (u * 6));
    chart_scale sc = chart_nice_scale(any || fixed ? lo : 1, any || fixed ? hi : 0,
                                      max_ticks < 3 ? 3 : max_ticks > 9 ? 9 : max_ticks,
                                      k->format, !any);
    double axh = chart_axis_x(x, &sc, plot, false);
    double row_h = (bottom - axh - top) / (double)n;
    double lsize;
    double labw = chart_row_labels_width(x, &k->cats, plot.w * 0.22, row_h, &lsize);

    /* room for a value label left of the lowest and right of the highest */
    chart_tstyle vt = {.size = u * 0.8, .color = CHART_RGB_TEXT2, .halo = true};
    char buf[48];
    double valw;
    chart_format_value(buf, sizeof buf, sc.hi, k->format, x->na);
    chart_text_measure(x, buf, &vt, &valw, NULL);
    chart_rect area = {plot.x + labw + u * 0.6 + valw + u * 0.8, top, 0, bottom - axh - top};
    area.w = plot.x + plot.w - valw - u * 1.2 - area.x;
    chart_axis_x(x, &sc, area, true);

    chart_tstyle lt = {.size = lsize, .color = CHART_RGB_TEXT, .width = labw,
                       .lines = 3, .align = PANGO_ALIGN_RIGHT};
    if (labw < plot.w * 0.22 - 0.01) lt.width = 0;
    chart_tstyle nt = {.size = u * 0.8, .color = CHART_RGB_MUTED};
    double r = fmin(u * 0.5, row_h * 0.3);
    for (size_t i = 0; i < n; i++) { /* guide lines across the rows */
        double cy = area.y + row_h * ((double)i + 0.5);
        cairo_move_to(cr, area.x, cy);
        cairo_line_to(cr, area.x + area.w, cy);
    }
    chart_set_rgb(cr, CHART_RGB_GRID);
    cairo_set_line_width(cr, u * 0.05);
    cairo_stroke(cr);
    if (has_ref) { /* under the markers, over the grid */
        double rx = chart_scale_map(&sc, k->ref_value, area.x, area.x + area.w);
        cairo_save(cr);
        cairo_move_to(cr, rx, area.y - u * 0.2);
        cairo_line_to(cr, rx, area.y + area.h);
        chart_set_rgb(cr, CHART_RGB_TEXT);
        cairo_set_line_width(cr, u * 0.1);
        chart_set_dash(cr, CHART_DASH_DASHED, u * 0.1);
        cairo_stroke(cr);
        cairo_restore(cr);
        chart_note_line(x, rx, area.y - u * 0.2, rx, area.y + area.h);
        double w, h;
        chart_text_measure(x, refbuf, &rt, &w, &h);
        double lx = fmin(fmax(rx, area.x + w / 2), plot.x + plot.w - w / 2);
        chart_text(x, refbuf, &rt, lx, area.y - u * 0.3, CHART_BC);
    }

    for (size_t i = 0; i < n; i++) {
        double cy = area.y + row_h * ((double)i + 0.5);
        chart_text(x, k->cats.labels[i], &lt, plot.x + labw, cy, CHART_MR);

        size_t smin = ns, smax = ns;
        for (size_t s = 0; s < ns; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v)) continue;
            if (smin == ns || v < k->series[smin].values[i]) smin = s;
            if (smax == ns || v >= k->series[smax].values[i]) smax = s;
        }
        if (smin == ns) { /* no data in this row */
            chart_text(x, x->na, &nt, area.x + u * 0.3, cy, CHART_ML);
            continue;
        }
        double x0 = chart_scale_map(&sc, k->series[smin].values[i], area.x, area.x + area.w);
        double x1 = chart_scale_map(&sc, k->series[smax].values[i], area.x, area.x + area.w);
        if (!k->no_join && x1 > x0) {
            cairo_move_to(cr, x0, cy);
            cairo_line_to(cr, x1, cy);
            chart_set_rgb(cr, CHART_RGB_AXIS);
            cairo_set_line_width(cr, u * 0.12);
            cairo_stroke(cr);
            chart_note_line(x, x0, cy, x1, cy);
        }
        for (size_t s = 0; s < ns; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v)) continue;
            chart_rgb col = k->color_by_category ? k->cats.colors[i] : k->series[s].color;
            double px = chart_scale_map(&sc, v, area.x, area.x + area.w);
            chart_marker_path(cr, k->series[s].marker, px, cy, r);
            chart_set_rgb(cr, col);
            cairo_fill_preserve(cr);
            chart_set_rgb(cr, chart_shade(col, 0.45));
            cairo_set_line_width(cr, u * 0.06);
            cairo_stroke(cr);
        }
        /* value labels beside their marks, never across a line: the
         * highest right of its mark, the lowest left of its mark; a single
         * value whose right side is crossed by the reference line goes left */
        chart_rect none = {0, 0, 0, 0};
        chart_tstyle lv = vt;
        lv.halo = false;
        bool two = smin != smax && k->series[smin].values[i] < k->series[smax].values[i];
        chart_format_value(buf, sizeof buf, k->series[smax].values[i], k->format, x->na);
        if (!chart_text_try(x, buf, &lv, x1 + r + u * 0.35, cy, CHART_ML, none) && !two)
            chart_text_try(x, buf, &lv, x0 - r - u * 0.35, cy, CHART_MR, none);
        if (two) {
            chart_format_value(buf, sizeof buf, k->series[smin].values[i], k->format, x->na);
            chart_text_try(x, buf, &lv, x0 - r - u * 0.35, cy, CHART_MR, none);
        }
    }
}
