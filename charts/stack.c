/*
 * stack.c — CHART_STACK: horizontal stacked bars, a row per category and
 * a segment per series (disputes by type per county), as absolute numbers
 * or as the 100 % variant.  Segments carry their value when it fits; the
 * row total is printed after the bar in both variants (a 100 % bar hides
 * how many cases it stands for).
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

chart_status chart_stack_check(const chart *c)
{
    const chart_stack *k = &c->stack;
    chart_status st = chart_check_cats(&k->cats);
    if (st == CHART_OK) st = chart_check_series(k->series, k->nseries, k->cats.n);
    if (st != CHART_OK) return st;
    if ((unsigned)k->format > CHART_FMT_DECIMAL2) return CHART_ERR_ARG;
    if (!g_utf8_validate(k->axis_title ? k->axis_title : "", -1, NULL) ||
        !g_utf8_validate(k->total_label ? k->total_label : "", -1, NULL))
        return CHART_ERR_UTF8;
    return CHART_OK;
}

/* Sum of the row's finite, positive values; *any = some value present. */
static double row_total(const chart_stack *k, size_t i, bool *any)
{
    double t = 0;
    *any = false;
    for (size_t s = 0; s < k->nseries; s++) {
        double v = k->series[s].values[i];
        if (!isfinite(v)) continue;
        *any = true;
        if (v > 0) t += v;
    }
    return t;
}

void chart_stack_draw(chart_ctx *x, const chart *c, chart_rect plot)
{
    const chart_stack *k = &c->stack;
    double u = x->u;
    size_t n = k->cats.n, ns = k->nseries;
    if (n == 0 || ns == 0) {
        chart_draw_empty(x, plot);
        return;
    }

    /* legend in stacking order; a single series of absolute values is a
     * plain bar chart: no legend, the value only at the bar's end */
    bool single = ns == 1 && !k->percent;
    chart_legend_item it[16];
    for (size_t s = 0; s < ns; s++)
        it[s] = (chart_legend_item){k->series[s].name, CHART_KEY_BOX, k->series[s].color,
                                    k->series[s].fill, CHART_MARKER_NONE, CHART_DASH_SOLID};
    double top = plot.y + (single ? 0 : chart_legend(x, it, ns, plot, true) + u * 0.9);
    double bottom = plot.y + plot.h;
    chart_tstyle at = {.size = u * 0.85, .color = CHART_RGB_TEXT2, .width = plot.w, .lines = 2};
    if (k->axis_title && *k->axis_title) {
        double w, h;
        chart_text_measure(x, k->axis_title, &at, &w, &h);
        bottom -= h + u * 0.3;
        chart_text(x, k->axis_title, &at, plot.x + plot.w, bottom + u * 0.3, CHART_TR);
    }

    /* scale and the totals column */
    double maxtotal = 0;
    char buf[64];
    chart_tstyle tt = {.size = u * 0.85, .color = CHART_RGB_TEXT2};
    double totw = 0;
    for (size_t i = 0; i < n; i++) {
        bool any;
        double t = row_total(k, i, &any);
        if (t > maxtotal) maxtotal = t;
        chart_format_value(buf, sizeof buf, any ? t : NAN, k->format, x->na);
        double w, h;
        chart_text_measure(x, buf, &tt, &w, &h);
        if (w > totw) totw = w;
    }
    bool header = k->percent && k->total_label && *k->total_label;
    chart_tstyle ht = {.size = u * 0.8, .bold = true, .color = CHART_RGB_TEXT2,
                       .width = plot.w * 0.12, .lines = 2};
    if (header) {
        double w, h;
        chart_text_measure(x, k->total_label, &ht, &w, &h);
        if (w > totw) totw = w;
    }
    chart_scale sc = k->percent ? chart_nice_scale(0, 1, 6, CHART_FMT_PERCENT, true)
                                : chart_nice_scale(0, maxtotal, 6, k->format, true);
    double axh = chart_axis_x(x, &sc, plot, false);
    double row_h = (bottom - axh - top) / (double)n;

    double lsize;
    double labw = chart_row_labels_width(x, &k->cats, plot.w * 0.22, row_h, &lsize);
    chart_rect area = {plot.x + labw + u * 0.6, top, 0, bottom - axh - top};
    area.w = plot.x + plot.w - totw - u * 0.6 - area.x;
    chart_axis_x(x, &sc, area, true);

    chart_tstyle lt = {.size = lsize, .color = CHART_RGB_TEXT, .width = labw,
                       .lines = 3, .align = PANGO_ALIGN_RIGHT};
    if (labw < plot.w * 0.22 - 0.01) lt.width = 0; /* natural width: one line */
    chart_tstyle vt = {.size = u * 0.8};
    double bh = fmin(row_h * 0.64, u * 2.4);
    if (header)
        chart_text(x, k->total_label, &ht, area.x + area.w + u * 0.4,
                   area.y + (row_h - bh) / 2 - u * 0.15, CHART_BL);

    for (size_t i = 0; i < n; i++) {
        double cy = area.y + row_h * ((double)i + 0.5);
        chart_text(x, k->cats.labels[i], &lt, area.x - u * 0.6, cy, CHART_MR);
        bool any;
        double total = row_total(k, i, &any);
        double scale = k->percent ? (total > 0 ? 1.0 / total : 0) : 1.0;
        double acc = 0;
        for (size_t s = 0; s < ns && total > 0; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v) || v <= 0) continue;
            double x0 = chart_scale_map(&sc, acc * scale, area.x, area.x + area.w);
            double x1 = chart_scale_map(&sc, (acc + v) * scale, area.x, area.x + area.w);
            acc += v;
            chart_rect seg = {x0, cy - bh / 2, x1 - x0, bh};
            chart_rgb col = k->series[s].color;
            chart_fill_rect(x, seg, col, k->series[s].fill);
            if (single) continue;
            chart_format_value(buf, sizeof buf, k->percent ? v / total : v,
                               k->percent ? CHART_FMT_PERCENT : k->format, x->na);
            chart_rgb bg = k->series[s].fill == CHART_FILL_SOLID ? col : chart_tint(col, 0.7);
            vt.color = chart_text_on(bg);
            chart_rect inner = {seg.x + u * 0.15, seg.y, seg.w - u * 0.3, seg.h};
            chart_text_try(x, buf, &vt, seg.x + seg.w / 2, cy, CHART_MC, inner);
        }
        /* total (or n/a) after the bar */
        chart_format_value(buf, sizeof buf, any ? total : NAN, k->format, x->na);
        double endx = chart_scale_map(&sc, k->percent ? (total > 0 ? 1 : 0) : total,
                                      area.x, area.x + area.w);
        tt.color = any ? CHART_RGB_TEXT2 : CHART_RGB_MUTED;
        chart_text(x, buf, &tt, endx + u * 0.4, cy, CHART_ML);
    }
}
