/*
 * legend.c — drawing pieces shared by the chart kinds: colours and fills,
 * hatching, markers, dashes, legends (flowing items and value classes),
 * and the value axes with their grid lines.
 *
 * Hatching is drawn as clipped lines, never as a cairo surface pattern, so
 * SVG output has no pattern/image elements (stable ids).
 */
#include <math.h>
#include <stdio.h>

#include "chart_impl.h"

#define HATCH_MAX_LINES (1L << 20)

static bool pale(chart_rgb c) { return chart_contrast(c, CHART_RGB_BG) < 2.0; }

void chart_stroke(chart_ctx *x, chart_rgb c, double alpha, double lw)
{
    cairo_t *cr = x->cr;
    if (pale(c)) { /* opaque, or the casing would show through */
        alpha = 1.0;
        chart_set_rgb(cr, chart_shade(c, 0.45));
        cairo_set_line_width(cr, lw + x->u * 0.09);
        cairo_stroke_preserve(cr);
    }
    chart_set_rgba(cr, c, alpha);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
}

chart_rgb chart_ring_color(chart_rgb c) { return pale(c) ? chart_shade(c, 0.45) : CHART_RGB_BG; }

void chart_hatch_path(chart_ctx *x, chart_rgb c, double spacing, double width)
{
    cairo_t *cr = x->cr;
    cairo_save(cr);
    cairo_clip(cr);
    double x0, y0, x1, y1;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    if (spacing <= 0) spacing = x->u * 0.4;
    double span = (x1 - x0) + (y1 - y0);
    chart_set_rgb(cr, c);
    cairo_set_line_width(cr, width > 0 ? width : x->u * 0.06);
    /* lines of slope -1 at fixed positions in user space (stable pattern).
     * k steps by adding spacing, as it always has (the positions are in the
     * SVG and PDF bytes); the integer i bounds the loop should spacing be
     * too small to move k.  Spacing is at least 1.2 (u >= 4), so a 16384 px
     * page needs fewer than 30000 lines. */
    double start = floor((x0 + y0) / spacing) * spacing, end = x0 + y0 + span + spacing;
    double k = start;
    for (long i = 0; i < HATCH_MAX_LINES && k <= end; i++) {
        cairo_move_to(cr, k - y0 + 1, y0 - 1);
        cairo_line_to(cr, k - y1 - 1, y1 + 1);
        k += spacing;
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

void chart_fill_rect(chart_ctx *x, chart_rect r, chart_rgb c, chart_fill f)
{
    if (!(r.w > 0) || !(r.h > 0)) return;
    cairo_t *cr = x->cr;
    double lw = f == CHART_FILL_SOLID ? x->u * 0.045 : x->u * 0.08;
    if (lw * 2 > r.w) lw = r.w / 2;
    if (lw * 2 > r.h) lw = r.h / 2;
    chart_note_fill(x, r, f == CHART_FILL_LIGHT ? chart_tint(c, 0.68)
                          : f == CHART_FILL_HATCH ? chart_tint(c, 0.85) : c);
    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    switch (f) {
    case CHART_FILL_LIGHT:
        chart_set_rgb(cr, chart_tint(c, 0.68));
        cairo_fill(cr);
        break;
    case CHART_FILL_HATCH:
        chart_set_rgb(cr, chart_tint(c, 0.85));
        cairo_fill_preserve(cr);
        chart_hatch_path(x, chart_shade(c, 0.1), x->u * 0.35, x->u * 0.07);
        break;
    case CHART_FILL_SOLID:
    default:
        chart_set_rgb(cr, c);
        cairo_fill(cr);
        break;
    }
    /* outline inside the rectangle: keeps pale colours (yellow) visible */
    cairo_rectangle(cr, r.x + lw / 2, r.y + lw / 2, r.w - lw, r.h - lw);
    chart_set_rgb(cr, chart_shade(c, f == CHART_FILL_SOLID ? 0.3 : 0.2));
    cairo_set_line_width(cr, lw);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void chart_marker_path(cairo_t *cr, chart_marker m, double cx, double cy, double r)
{
    switch (m) {
    case CHART_MARKER_SQUARE: {
        double h = r * 0.86;
        cairo_rectangle(cr, cx - h, cy - h, 2 * h, 2 * h);
        break;
    }
    case CHART_MARKER_DIAMOND: {
        double h = r * 1.2;
        cairo_move_to(cr, cx, cy - h);
        cairo_line_to(cr, cx + h, cy);
        cairo_line_to(cr, cx, cy + h);
        cairo_line_to(cr, cx - h, cy);
        cairo_close_path(cr);
        break;
    }
    case CHART_MARKER_TRIANGLE: {
        double h = r * 1.3;
        cairo_move_to(cr, cx, cy - h);
        cairo_line_to(cr, cx + h * 0.866, cy + h * 0.5);
        cairo_line_to(cr, cx - h * 0.866, cy + h * 0.5);
        cairo_close_path(cr);
        break;
    }
    case CHART_MARKER_NONE:
        break;
    case CHART_MARKER_CIRCLE:
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_close_path(cr);
        break;
    }
}

void chart_set_dash(cairo_t *cr, chart_dash d, double lw)
{
    double dashed[] = {4 * lw, 2.5 * lw};
    double dotted[] = {0.01, 2 * lw};
    double dashdot[] = {4 * lw, 2 * lw, 0.01, 2 * lw};
    switch (d) {
    case CHART_DASH_DASHED:
        cairo_set_dash(cr, dashed, 2, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        break;
    case CHART_DASH_DOTTED:
        cairo_set_dash(cr, dotted, 2, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    case CHART_DASH_DASHDOT:
        cairo_set_dash(cr, dashdot, 4, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    case CHART_DASH_SOLID:
    default:
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    }
}

void chart_draw_empty(chart_ctx *x, chart_rect r)
{
    chart_tstyle t = {.size = x->u * 1.3, .color = CHART_RGB_MUTED, .width = r.w,
                      .lines = 2, .align = PANGO_ALIGN_CENTER};
    chart_text(x, x->na, &t, r.x + r.w / 2, r.y + r.h / 2, CHART_MC);
}

/* ---- legends ------------------------------------------------------------ */

static double key_width(const chart_ctx *x, chart_key k)
{
    return k == CHART_KEY_LINE ? x->u * 2.2 : x->u * 0.9;
}

static void draw_key(chart_ctx *x, const chart_legend_item *it, double kx, double cy)
{
    cairo_t *cr = x->cr;
    double s = x->u * 0.9;
    switch (it->key) {
    case CHART_KEY_LINE: {
        double lw = x->u * 0.14, w = key_width(x, CHART_KEY_LINE);
        cairo_save(cr);
        chart_set_dash(cr, it->dash, lw);
        cairo_move_to(cr, kx, cy);
        cairo_line_to(cr, kx + w, cy);
        chart_stroke(x, it->color, 1.0, lw);
        cairo_restore(cr);
        if (it->marker != CHART_MARKER_NONE) {
            chart_marker_path(cr, it->marker, kx + w / 2, cy, x->u * 0.3);
            chart_set_rgb(cr, it->color);
            cairo_fill(cr);
        }
        break;
    }
    case CHART_KEY_MARKER:
        chart_marker_path(cr, it->marker, kx + s / 2, cy, x->u * 0.36);
        chart_set_rgb(cr, it->color);
        cairo_fill_preserve(cr);
        chart_set_rgb(cr, chart_shade(it->color, 0.45));
        cairo_set_line_width(cr, x->u * 0.05);
        cairo_stroke(cr);
        break;
    case CHART_KEY_BOX:
    default:
        chart_fill_rect(x, (chart_rect){kx, cy - s / 2, s, s}, it->color, it->fill);
        break;
    }
}

double chart_legend(chart_ctx *x, const chart_legend_item *it, size_t n,
                    chart_rect area, bool draw)
{
    if (n == 0) return 0;
    double gap = x->u * 0.4, sep = x->u * 1.3;
    chart_tstyle t = {.size = x->u * 0.95, .color = CHART_RGB_TEXT};
    double cx = area.x, rowy = area.y, rowh = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        double kw = key_width(x, it[i].key);
        t.width = area.w - kw - gap;
        t.lines = 1;
        PangoLayout *l = chart_text_layout(x, it[i].label, &t);
        double w, h;
        chart_text_size(l, &w, &h);
        double iw = kw + gap + w;
        if (cx > area.x && cx + iw > area.x + area.w) { /* next row */
            rowy += rowh + x->u * 0.3;
            cx = area.x;
            rowh = 0;
        }
        if (h > rowh) rowh = h;
        if (draw) {
            double cy = rowy + h / 2;
            draw_key(x, &it[i], cx, cy);
            chart_occupy(x, (chart_rect){cx, cy - x->u * 0.45, kw, x->u * 0.9});
            chart_text_show(x, l, cx + kw + gap, cy, CHART_ML, t.color);
        }
        if (l) g_object_unref(l);
        cx += iw + sep;
        total = rowy + rowh - area.y;
    }
    return total;
}

/* ---- value classes (heatmap, hexmap) ------------------------------------ */

static int nclasses(const chart_scale *s) { return s->nticks > 2 ? s->nticks - 1 : 1; }

/* The value as printed in format f (classes follow what the reader sees:
 * 3.395 printed "3.40" is in the class starting at 3.40). */
static double as_printed(double v, chart_fmt f)
{
    double k = f == CHART_FMT_DECIMAL2 ? 100 : f == CHART_FMT_DECIMAL1 ? 10
             : f == CHART_FMT_PERCENT ? 1000 : 1;
    return round(v * k) / k;
}

double chart_printed_unit(chart_fmt f)
{
    return f == CHART_FMT_DECIMAL2 ? 0.01 : f == CHART_FMT_DECIMAL1 ? 0.1
         : f == CHART_FMT_PERCENT ? 0.001 : 1;
}

/* Does every class of s hold at least one of v[0..n)? */
static bool no_empty_class(const double *v, size_t n, const chart_scale *s)
{
    int ncls = s->nticks > 2 ? s->nticks - 1 : 1;
    bool used[64] = {false};
    if (ncls > 64) return false;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) used[chart_class_index(s, v[i])] = true;
    for (int j = 0; j < ncls; j++)
        if (!used[j]) return false;
    return true;
}

chart_scale chart_class_scale(const double *v, size_t n, chart_fmt fmt)
{
    double lo = 0, hi = 0;
    bool any = chart_finite_range(v, n, &lo, &hi);
    chart_scale sc = chart_nice_scale(any ? lo : 1, any ? hi : 0, 6, fmt, !any);
    if (!any) return sc;
    int best = 0;
    for (int mt = 6; mt >= 2; mt--) {
        chart_scale t = chart_nice_scale(lo, hi, mt, fmt, false);
        int ncls = t.nticks > 2 ? t.nticks - 1 : 1;
        if (ncls <= 5 && ncls > best && no_empty_class(v, n, &t)) {
            sc = t;
            best = ncls;
        }
    }
    /* fewer than three classes: try steps of 1, 2, 2.5 and 5 × 10^e that
     * the printed values can show (3.00 – 3.24, 3.25 – 3.49, …) */
    double unit = chart_printed_unit(fmt);
    for (int e = -4; hi > lo && best < 3 && e <= 9; e++)
        for (int b = 0; b < 4; b++) {
            static const double bases[4] = {1, 2, 2.5, 5};
            double step = bases[b] * pow(10, e);
            double r = step / unit;
            if (r < 1 - 1e-9 || fabs(r - round(r)) > 1e-6) continue; /* not printable */
            double from = floor(lo / step + 1e-9) * step;
            int ncls = (int)ceil((hi - from) / step - 1e-9);
            if (ncls < 1) ncls = 1;
            if (hi >= from + ncls * step - 1e-12) ncls++; /* hi opens the next class */
            if (ncls < 3 || ncls > 5 || ncls <= best) continue;
            chart_scale t = {from, from + ncls * step, step, ncls + 1, fmt};
            if (no_empty_class(v, n, &t)) {
                sc = t;
                best = ncls;
            }
        }
    return sc;
}

int chart_class_index(const chart_scale *s, double v)
{
    int n = nclasses(s);
    v = as_printed(v, s->fmt);
    int c = (int)floor((v - s->lo) / s->step + 1e-9);
    return c < 0 ? 0 : c >= n ? n - 1 : c;
}

static chart_rgb class_rgb(int c, int n, chart_rgb ramp)
{
    double t = n <= 1 ? 0.08 : 0.08 + 0.92 * c / (n - 1); /* one class: all alike, light */
    chart_rgb col = chart_ramp_color(ramp, t);
    /* a mid tone where neither white nor dark text reaches 4.5:1 (WCAG AA)
     * moves the least it must: lighter for dark text when the lower half of
     * the ramp, darker for white text in the upper half (classes stay apart) */
    bool lighten = 2 * c < n - 1;
    for (int k = 0; k < 12 && chart_contrast(col, 0xFFFFFFu) < 4.5 &&
                    chart_contrast(col, CHART_RGB_TEXT) < 4.5;
         k++)
        col = lighten ? chart_tint(col, 0.06) : chart_shade(col, 0.06);
    return col;
}

chart_rgb chart_class_color(const chart_scale *s, chart_rgb ramp, double v)
{
    if (!isfinite(v)) return CHART_RGB_NODATA;
    return class_rgb(chart_class_index(s, v), nclasses(s), ramp);
}

double chart_class_legend(chart_ctx *x, const chart_scale *s, chart_rgb ramp,
                          const char *title, bool with_na, chart_rect area, bool draw,
                          double *height)
{
    double u = x->u, sw = u * 1.4, sh = u * 1.0, gap = u * 0.5;
    chart_tstyle tt = {.size = u * 0.9, .bold = true, .color = CHART_RGB_TEXT,
                       .width = area.w, .lines = 3};
    chart_tstyle lt = {.size = u * 0.85, .color = CHART_RGB_TEXT2};
    double y = area.y, need = 0, w, h;
    if (title && *title) {
        PangoLayout *l = chart_text_layout(x, title, &tt);
        chart_text_size(l, &w, &h);
        if (draw) chart_text_show(x, l, area.x, y, CHART_TL, tt.color);
        if (l) g_object_unref(l);
        need = w;
        y += h + u * 0.4;
    }
    int n = nclasses(s);
    for (int i = n - 1 + (with_na ? 1 : 0); i >= 0; i--) {
        char a[48], b[48], label[112];
        bool na = with_na && i == n;
        chart_rgb c = na ? CHART_RGB_NODATA : class_rgb(i, n, ramp);
        if (na) {
            snprintf(label, sizeof label, "%s", x->na);
        } else if (n == 1) {
            chart_format_tick(a, sizeof a, s->lo, s);
            chart_format_tick(b, sizeof b, s->hi, s);
            snprintf(label, sizeof label, "%s – %s", a, b);
        } else {
            /* whole numbers: classes are [lo, hi - 1] except the last, so
             * no boundary is in two classes ("20 – 29", not "20 – 30") */
            double lo = chart_scale_tick(s, i), hi = chart_scale_tick(s, i + 1);
            bool whole = s->fmt == CHART_FMT_INTEGER && s->step >= 1 && s->step == floor(s->step);
            if (whole) {
                if (i < n - 1) hi -= 1;
                chart_format_tick(a, sizeof a, lo, s);
                chart_format_tick(b, sizeof b, hi, s);
            } else { /* disjoint at the printed precision: 3.00 – 3.39, 3.40 – 3.79 */
                if (i < n - 1) hi -= chart_printed_unit(s->fmt);
                chart_format_value(a, sizeof a, lo, s->fmt, "");
                chart_format_value(b, sizeof b, hi, s->fmt, "");
            }
            if (whole && hi == lo) snprintf(label, sizeof label, "%s", a);
            else snprintf(label, sizeof label, "%s – %s", a, b);
        }
        chart_text_measure(x, label, &lt, &w, &h);
        if (sw + gap + w > need) need = sw + gap + w;
        if (draw) {
            cairo_t *cr = x->cr;
            cairo_rectangle(cr, area.x, y, sw, sh);
            chart_set_rgb(cr, c);
            cairo_fill_preserve(cr);
            if (na) chart_hatch_path(x, CHART_RGB_AXIS, u * 0.3, u * 0.05);
            else cairo_new_path(cr);
            cairo_rectangle(cr, area.x, y, sw, sh);
            chart_set_rgb(cr, CHART_RGB_AXIS);
            cairo_set_line_width(cr, u * 0.04);
            cairo_stroke(cr);
            chart_text(x, label, &lt, area.x + sw + gap, y + sh / 2, CHART_ML);
        }
        y += sh + u * 0.25;
    }
    if (height) *height = y - area.y;
    return need;
}

/* ---- value axes --------------------------------------------------------- */

double chart_axis_y(chart_ctx *x, const chart_scale *s, chart_rect plot, bool draw)
{
    chart_tstyle t = {.size = x->u * 0.85, .color = CHART_RGB_TEXT2};
    double maxw = 0, gap = x->u * 0.45;
    cairo_t *cr = x->cr;
    for (int i = 0; i < s->nticks; i++) {
        double v = chart_scale_tick(s, i);
        char buf[48];
        chart_format_tick(buf, sizeof buf, v, s);
        double w, h;
        chart_text_measure(x, buf, &t, &w, &h);
        if (w > maxw) maxw = w;
        if (!draw) continue;
        double y = chart_scale_map(s, v, plot.y + plot.h, plot.y);
        cairo_move_to(cr, plot.x, y);
        cairo_line_to(cr, plot.x + plot.w, y);
        chart_set_rgb(cr, v == 0 ? CHART_RGB_AXIS : CHART_RGB_GRID);
        cairo_set_line_width(cr, x->u * (v == 0 ? 0.07 : 0.05));
        cairo_stroke(cr);
        chart_text(x, buf, &t, plot.x - gap, y, CHART_MR);
    }
    return maxw + gap;
}

double chart_axis_x(chart_ctx *x, const chart_scale *s, chart_rect plot, bool draw)
{
    chart_tstyle t = {.size = x->u * 0.85, .color = CHART_RGB_TEXT2};
    double maxh = 0, gap = x->u * 0.35;
    cairo_t *cr = x->cr;
    for (int i = 0; i < s->nticks; i++) {
        double v = chart_scale_tick(s, i);
        char buf[48];
        chart_format_tick(buf, sizeof buf, v, s);
        double w, h;
        chart_text_measure(x, buf, &t, &w, &h);
        if (h > maxh) maxh = h;
        if (!draw) continue;
        double px = chart_scale_map(s, v, plot.x, plot.x + plot.w);
        cairo_move_to(cr, px, plot.y);
        cairo_line_to(cr, px, plot.y + plot.h);
        chart_set_rgb(cr, v == 0 ? CHART_RGB_AXIS : CHART_RGB_GRID);
        cairo_set_line_width(cr, x->u * (v == 0 ? 0.07 : 0.05));
        cairo_stroke(cr);
        chart_text(x, buf, &t, px, plot.y + plot.h + gap, CHART_TC);
    }
    return maxh + gap;
}
