/*
 * bars.c — FSC_BARS: vertical grouped bars with value labels and an
 * optional reference line (e.g. offences per 10 000 residents, this year
 * beside last year; mediation rate with the zone rate as reference).
 *
 * This file is the model for a chart kind: a check function (spec only,
 * no drawing) and a draw function that lays out the plot area top-down —
 * legend, axis title, bars, category labels — in multiples of x->u.
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

fsc_status fsc_bars_check(const fsc_chart *c)
{
    const fsc_bars *b = &c->bars;
    fsc_status st = fsc_check_cats(&b->cats);
    if (st == FSC_OK) st = fsc_check_series(b->series, b->nseries, b->cats.n);
    if (st != FSC_OK) return st;
    if ((unsigned)b->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
    if (b->color_by_category && b->cats.n > 0 && !b->cats.colors) return FSC_ERR_ARG;
    if (!g_utf8_validate(b->axis_title ? b->axis_title : "", -1, NULL) ||
        !g_utf8_validate(b->ref_label ? b->ref_label : "", -1, NULL))
        return FSC_ERR_UTF8;
    return FSC_OK;
}

/* Colour of bar (category i, series s). */
static fsc_rgb bar_color(const fsc_bars *b, size_t i, size_t s)
{
    fsc_rgb c = b->color_by_category ? b->cats.colors[i] : b->series[s].color;
    return b->last_is_total && i + 1 == b->cats.n ? fsc_shade(c, 0.6) : c;
}

/* Left edge of category i's slot: the total (last_is_total) stands half
 * a slot apart from the counties. */
static double slot_x(const fsc_bars *b, double x0, double slot, size_t i)
{
    return x0 + slot * ((double)i + (b->last_is_total && i + 1 == b->cats.n ? 0.5 : 0));
}

static double bar_font(fsc_ctx *x, const fsc_bars *b, double maxw)
{
    /* one size for all value labels: the largest that fits the bars */
    fsc_tstyle t = {.size = x->u * 0.85};
    double size = t.size;
    for (size_t s = 0; s < b->nseries; s++) {
        for (size_t i = 0; i < b->cats.n; i++) {
            char buf[48];
            fsc_format_value(buf, sizeof buf, b->series[s].values[i], b->format, x->na);
            double w, h;
            fsc_text_measure(x, buf, &t, &w, &h);
            if (w > maxw && w > 0) {
                double fit = t.size * maxw / w;
                if (fit < size) size = fit;
            }
        }
    }
    return size;
}

void fsc_bars_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_bars *b = &c->bars;
    double u = x->u;
    size_t n = b->cats.n, ns = b->nseries;
    if (n == 0 || ns == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    /* legend (only when there is more than one series) */
    double top = plot.y;
    if (ns > 1) {
        fsc_legend_item it[16];
        for (size_t s = 0; s < ns; s++)
            it[s] = (fsc_legend_item){b->series[s].name,
                                      FSC_KEY_BOX,
                                      b->color_by_category ? 0x8A8A8Au : b->series[s].color,
                                      b->series[s].fill,
                                      FSC_MARKER_NONE,
                                      FSC_DASH_SOLID};
        top += fsc_legend(x, it, ns, plot, true) + u * 0.8;
    }

    /* value scale over the data (and the reference), always from 0 */
    double lo = 0, hi = 0;
    for (size_t s = 0; s < ns; s++) {
        double a, z;
        if (fsc_finite_range(b->series[s].values, n, &a, &z)) {
            if (a < lo) lo = a;
            if (z > hi) hi = z;
        }
    }
    bool has_ref = b->ref_label && isfinite(b->ref_value);
    if (has_ref && b->ref_value > hi) hi = b->ref_value;
    if (has_ref && b->ref_value < lo) lo = b->ref_value;
    if (b->axis_max > 0 && b->axis_max > hi) hi = b->axis_max;
    int max_ticks = (int)((plot.y + plot.h - top) / (u * 2.6));
    fsc_scale sc = fsc_nice_scale(lo, hi,
                                  max_ticks < 3   ? 3
                                  : max_ticks > 8 ? 8
                                                  : max_ticks,
                                  b->format, true);

    /* axis title above the value axis */
    fsc_tstyle at = {.size = u * 0.85, .color = FSC_RGB_TEXT2, .width = plot.w, .lines = 2};
    if (b->axis_title && *b->axis_title)
        top += fsc_text(x, b->axis_title, &at, plot.x, top, FSC_TL).h + u * 0.5;

    /* reference label column on the right */
    char refbuf[256] = "";
    fsc_tstyle rt = {
        .size = u * 0.85, .bold = true, .color = FSC_RGB_TEXT, .width = plot.w * 0.16, .lines = 4};
    double refw = 0;
    if (has_ref) {
        char v[48];
        fsc_format_value(v, sizeof v, b->ref_value, b->format, x->na);
        snprintf(refbuf, sizeof refbuf, "%s %s", b->ref_label, v);
        double h;
        fsc_text_measure(x, refbuf, &rt, &refw, &h);
        refw += u * 0.5;
    }

    /* category labels: the largest size that fits the slots (≤ 3 lines) */
    double axw = fsc_axis_y(x, &sc, plot, false);
    double pw = plot.w - axw - refw;
    double slot = pw / ((double)n + (b->last_is_total && n > 1 ? 0.5 : 0));
    fsc_tstyle ct = {.size = u * 0.95,
                     .color = FSC_RGB_TEXT,
                     .width = slot * 0.94,
                     .lines = 3,
                     .align = PANGO_ALIGN_CENTER};
    double cath = 0;
    ct.size = fsc_text_fit(x, b->cats.labels, n, &ct, u * 0.62, &cath);

    /* the bar area: room above for value labels, below for category labels */
    fsc_rect area = {plot.x + axw, top + u * 1.3, pw, 0};
    area.h = plot.y + plot.h - cath - u * 0.5 - area.y;
    if (area.h < u) area.h = u;
    fsc_axis_y(x, &sc, area, true);

    double group = fmin(slot * (ns > 1 ? 0.8 : 0.62), u * 5.0 * (double)ns); /* no slabs */
    double bw = group / (double)ns;
    double inner = ns > 1 ? bw * 0.08 : 0;
    fsc_tstyle vt = {.size = bar_font(x, b, bw + inner), .color = FSC_RGB_TEXT};
    bool values = !b->hide_values && vt.size >= u * 0.6;
    fsc_tstyle nt = {.size = u * 0.75, .color = FSC_RGB_MUTED};
    double y0 = fsc_scale_map(&sc, 0, area.y + area.h, area.y);

    /* pass 1: bars and category labels */
    for (size_t i = 0; i < n; i++) {
        double gx = slot_x(b, area.x, slot, i) + (slot - group) / 2;
        for (size_t s = 0; s < ns; s++) {
            double v = b->series[s].values[i];
            if (!isfinite(v)) continue;
            double y = fsc_scale_map(&sc, v, area.y + area.h, area.y);
            fsc_rect bar = {gx + bw * (double)s + inner / 2, fmin(y, y0), bw - inner, fabs(y0 - y)};
            fsc_fill_rect(x, bar, bar_color(b, i, s), b->series[s].fill);
        }
        fsc_text(x, b->cats.labels[i], &ct, slot_x(b, area.x, slot, i) + slot * 0.5,
                 area.y + area.h + u * 0.4, FSC_TC);
    }

    /* pass 2: value labels, always outside the bar's end */
    for (size_t i = 0; i < n; i++) {
        double gx = slot_x(b, area.x, slot, i) + (slot - group) / 2;
        for (size_t s = 0; s < ns; s++) {
            double v = b->series[s].values[i];
            double cx = gx + bw * (double)s + bw / 2;
            fsc_rect any = {0, 0, 0, 0};
            if (!isfinite(v)) { /* no data: a note at the baseline instead of a bar */
                fsc_text_try(x, x->na, &nt, cx, y0 - u * 0.2, FSC_BC, any);
                continue;
            }
            if (!values) continue;
            char buf[48];
            fsc_format_value(buf, sizeof buf, v, b->format, x->na);
            double y = fsc_scale_map(&sc, v, area.y + area.h, area.y);
            double dir = v >= 0 ? -1 : 1;
            fsc_text_try(x, buf, &vt, cx, y + dir * u * 0.15, v >= 0 ? FSC_BC : FSC_TC, any);
        }
    }

    /* the reference line over the bars, broken where a label stands (no
     * text is crossed by a line), its label in the right margin */
    if (has_ref) {
        cairo_t *cr = x->cr;
        double y = fsc_scale_map(&sc, b->ref_value, area.y + area.h, area.y);
        double xa = area.x, xe = area.x + area.w + u * 0.3, pad = u * 0.15;
        size_t nb = x->nboxes;
        cairo_save(cr);
        fsc_set_rgb(cr, FSC_RGB_TEXT);
        cairo_set_line_width(cr, u * 0.1);
        fsc_set_dash(cr, FSC_DASH_DASHED, u * 0.1);
        while (xa < xe) {
            double stop = xe, next = xe; /* the first label box crossing [xa, xe) */
            for (size_t k = 0; k < nb; k++) {
                fsc_rect r = x->boxes[k];
                if (y < r.y - pad || y > r.y + r.h + pad || r.x + r.w + pad <= xa ||
                    r.x - pad >= xe)
                    continue;
                if (r.x - pad < stop) {
                    stop = fmax(xa, r.x - pad);
                    next = r.x + r.w + pad;
                }
            }
            if (stop > xa) {
                cairo_move_to(cr, xa, y);
                cairo_line_to(cr, stop, y);
                fsc_note_line(x, xa, y, stop, y);
            }
            xa = next > xa ? next : xe;
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        double w, h;
        fsc_text_measure(x, refbuf, &rt, &w, &h);
        if (y - h / 2 < plot.y) y = plot.y + h / 2;
        fsc_text(x, refbuf, &rt, area.x + area.w + u * 0.5, y, FSC_ML);
    }
}
