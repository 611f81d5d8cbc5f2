/*
 * stack.c — FSC_STACK: horizontal stacked bars, a row per category and
 * a segment per series (disputes by type per county), as absolute numbers
 * or as the 100 % variant.  Segments carry their value when it fits; the
 * row total is printed after the bar in both variants (a 100 % bar hides
 * how many cases it stands for).
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

fsc_status fsc_stack_check(const fsc_chart *c)
{
    const fsc_stack *k = &c->stack;
    fsc_status st = fsc_check_cats(&k->cats);
    if (st == FSC_OK) st = fsc_check_series(k->series, k->nseries, k->cats.n);
    if (st != FSC_OK) return st;
    if ((unsigned)k->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
    if (!g_utf8_validate(k->axis_title ? k->axis_title : "", -1, NULL) ||
        !g_utf8_validate(k->total_label ? k->total_label : "", -1, NULL))
        return FSC_ERR_UTF8;
    return FSC_OK;
}

/* Sum of the row's finite, positive values; *any = some value present. */
static double row_total(const fsc_stack *k, size_t i, bool *any)
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

void fsc_stack_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_stack *k = &c->stack;
    double u = x->u;
    size_t n = k->cats.n, ns = k->nseries;
    if (n == 0 || ns == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    /* legend in stacking order; a single series of absolute values is a
     * plain bar chart: no legend, the value only at the bar's end */
    bool single = ns == 1 && !k->percent;
    fsc_legend_item it[16];
    for (size_t s = 0; s < ns; s++)
        it[s] = (fsc_legend_item){k->series[s].name, FSC_KEY_BOX,     k->series[s].color,
                                  k->series[s].fill, FSC_MARKER_NONE, FSC_DASH_SOLID};
    double top = plot.y + (single ? 0 : fsc_legend(x, it, ns, plot, true) + u * 0.9);
    double bottom = plot.y + plot.h;
    fsc_tstyle at = {.size = u * 0.85, .color = FSC_RGB_TEXT2, .width = plot.w, .lines = 2};
    if (k->axis_title && *k->axis_title) {
        double w, h;
        fsc_text_measure(x, k->axis_title, &at, &w, &h);
        bottom -= h + u * 0.3;
        fsc_text(x, k->axis_title, &at, plot.x + plot.w, bottom + u * 0.3, FSC_TR);
    }

    /* scale and the totals column */
    double maxtotal = 0;
    char buf[64];
    fsc_tstyle tt = {.size = u * 0.85, .color = FSC_RGB_TEXT2};
    double totw = 0;
    for (size_t i = 0; i < n; i++) {
        bool any;
        double t = row_total(k, i, &any);
        if (t > maxtotal) maxtotal = t;
        fsc_format_value(buf, sizeof buf, any ? t : NAN, k->format, x->na);
        double w, h;
        fsc_text_measure(x, buf, &tt, &w, &h);
        if (w > totw) totw = w;
    }
    bool header = k->percent && k->total_label && *k->total_label;
    fsc_tstyle ht = {
        .size = u * 0.8, .bold = true, .color = FSC_RGB_TEXT2, .width = plot.w * 0.12, .lines = 2};
    if (header) {
        double w, h;
        fsc_text_measure(x, k->total_label, &ht, &w, &h);
        if (w > totw) totw = w;
    }
    fsc_scale sc = k->percent ? fsc_nice_scale(0, 1, 6, FSC_FMT_PERCENT, true)
                              : fsc_nice_scale(0, maxtotal, 6, k->format, true);
    double axh = fsc_axis_x(x, &sc, plot, false);
    double row_h = (bottom - axh - top) / (double)n;

    double lsize;
    double labw = fsc_row_labels_width(x, &k->cats, plot.w * 0.22, row_h, &lsize);
    fsc_rect area = {plot.x + labw + u * 0.6, top, 0, bottom - axh - top};
    area.w = plot.x + plot.w - totw - u * 0.6 - area.x;
    fsc_axis_x(x, &sc, area, true);

    fsc_tstyle lt = {.size = lsize,
                     .color = FSC_RGB_TEXT,
                     .width = labw,
                     .lines = 3,
                     .align = PANGO_ALIGN_RIGHT};
    if (labw < plot.w * 0.22 - 0.01) lt.width = 0; /* natural width: one line */
    fsc_tstyle vt = {.size = u * 0.8};
    double bh = fmin(row_h * 0.64, u * 2.4);
    if (header)
        fsc_text(x, k->total_label, &ht, area.x + area.w + u * 0.4,
                 area.y + (row_h - bh) / 2 - u * 0.15, FSC_BL);

    for (size_t i = 0; i < n; i++) {
        double cy = area.y + row_h * ((double)i + 0.5);
        fsc_text(x, k->cats.labels[i], &lt, area.x - u * 0.6, cy, FSC_MR);
        bool any;
        double total = row_total(k, i, &any);
        double scale = k->percent ? (total > 0 ? 1.0 / total : 0) : 1.0;
        double acc = 0;
        for (size_t s = 0; s < ns && total > 0; s++) {
            double v = k->series[s].values[i];
            if (!isfinite(v) || v <= 0) continue;
            double x0 = fsc_scale_map(&sc, acc * scale, area.x, area.x + area.w);
            double x1 = fsc_scale_map(&sc, (acc + v) * scale, area.x, area.x + area.w);
            acc += v;
            fsc_rect seg = {x0, cy - bh / 2, x1 - x0, bh};
            fsc_rgb col = k->series[s].color;
            fsc_fill_rect(x, seg, col, k->series[s].fill);
            if (single) continue;
            fsc_format_value(buf, sizeof buf, k->percent ? v / total : v,
                             k->percent ? FSC_FMT_PERCENT : k->format, x->na);
            fsc_rgb bg = k->series[s].fill == FSC_FILL_SOLID ? col : fsc_tint(col, 0.7);
            vt.color = fsc_text_on(bg);
            fsc_rect inner = {seg.x + u * 0.15, seg.y, seg.w - u * 0.3, seg.h};
            fsc_text_try(x, buf, &vt, seg.x + seg.w / 2, cy, FSC_MC, inner);
        }
        /* total (or n/a) after the bar */
        fsc_format_value(buf, sizeof buf, any ? total : NAN, k->format, x->na);
        double endx =
            fsc_scale_map(&sc, k->percent ? (total > 0 ? 1 : 0) : total, area.x, area.x + area.w);
        tt.color = any ? FSC_RGB_TEXT2 : FSC_RGB_MUTED;
        fsc_text(x, buf, &tt, endx + u * 0.4, cy, FSC_ML);
    }
}
