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

static bool pale(fsc_rgb c) { return fsc_contrast(c, FSC_RGB_BG) < 2.0; }

void fsc_stroke(fsc_ctx *x, fsc_rgb c, double alpha, double lw)
{
    cairo_t *cr = x->cr;
    if (pale(c)) { /* opaque, or the casing would show through */
        alpha = 1.0;
        fsc_set_rgb(cr, fsc_shade(c, 0.45));
        cairo_set_line_width(cr, lw + x->u * 0.09);
        cairo_stroke_preserve(cr);
    }
    fsc_set_rgba(cr, c, alpha);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
}

fsc_rgb fsc_ring_color(fsc_rgb c) { return pale(c) ? fsc_shade(c, 0.45) : FSC_RGB_BG; }

void fsc_hatch_path(fsc_ctx *x, fsc_rgb c, double spacing, double width)
{
    cairo_t *cr = x->cr;
    cairo_save(cr);
    cairo_clip(cr);
    double x0, y0, x1, y1;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    if (spacing <= 0) spacing = x->u * 0.4;
    double span = (x1 - x0) + (y1 - y0);
    fsc_set_rgb(cr, c);
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

void fsc_fill_rect(fsc_ctx *x, fsc_rect r, fsc_rgb c, fsc_fill f)
{
    if (!(r.w > 0) || !(r.h > 0)) return;
    cairo_t *cr = x->cr;
    double lw = f == FSC_FILL_SOLID ? x->u * 0.045 : x->u * 0.08;
    if (lw * 2 > r.w) lw = r.w / 2;
    if (lw * 2 > r.h) lw = r.h / 2;
    fsc_note_fill(x, r,
                  f == FSC_FILL_LIGHT   ? fsc_tint(c, 0.68)
                  : f == FSC_FILL_HATCH ? fsc_tint(c, 0.85)
                                        : c);
    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    switch (f) {
    case FSC_FILL_LIGHT:
        fsc_set_rgb(cr, fsc_tint(c, 0.68));
        cairo_fill(cr);
        break;
    case FSC_FILL_HATCH:
        fsc_set_rgb(cr, fsc_tint(c, 0.85));
        cairo_fill_preserve(cr);
        fsc_hatch_path(x, fsc_shade(c, 0.1), x->u * 0.35, x->u * 0.07);
        break;
    case FSC_FILL_SOLID:
    default:
        fsc_set_rgb(cr, c);
        cairo_fill(cr);
        break;
    }
    /* outline inside the rectangle: keeps pale colours (yellow) visible */
    cairo_rectangle(cr, r.x + lw / 2, r.y + lw / 2, r.w - lw, r.h - lw);
    fsc_set_rgb(cr, fsc_shade(c, f == FSC_FILL_SOLID ? 0.3 : 0.2));
    cairo_set_line_width(cr, lw);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void fsc_marker_path(cairo_t *cr, fsc_marker m, double cx, double cy, double r)
{
    switch (m) {
    case FSC_MARKER_SQUARE: {
        double h = r * 0.86;
        cairo_rectangle(cr, cx - h, cy - h, 2 * h, 2 * h);
        break;
    }
    case FSC_MARKER_DIAMOND: {
        double h = r * 1.2;
        cairo_move_to(cr, cx, cy - h);
        cairo_line_to(cr, cx + h, cy);
        cairo_line_to(cr, cx, cy + h);
        cairo_line_to(cr, cx - h, cy);
        cairo_close_path(cr);
        break;
    }
    case FSC_MARKER_TRIANGLE: {
        double h = r * 1.3;
        cairo_move_to(cr, cx, cy - h);
        cairo_line_to(cr, cx + h * 0.866, cy + h * 0.5);
        cairo_line_to(cr, cx - h * 0.866, cy + h * 0.5);
        cairo_close_path(cr);
        break;
    }
    case FSC_MARKER_NONE: break;
    case FSC_MARKER_CIRCLE:
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_close_path(cr);
        break;
    }
}

void fsc_set_dash(cairo_t *cr, fsc_dash d, double lw)
{
    double dashed[] = {4 * lw, 2.5 * lw};
    double dotted[] = {0.01, 2 * lw};
    double dashdot[] = {4 * lw, 2 * lw, 0.01, 2 * lw};
    switch (d) {
    case FSC_DASH_DASHED:
        cairo_set_dash(cr, dashed, 2, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        break;
    case FSC_DASH_DOTTED:
        cairo_set_dash(cr, dotted, 2, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    case FSC_DASH_DASHDOT:
        cairo_set_dash(cr, dashdot, 4, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    case FSC_DASH_SOLID:
    default:
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        break;
    }
}

void fsc_draw_empty(fsc_ctx *x, fsc_rect r)
{
    fsc_tstyle t = {.size = x->u * 1.3,
                    .color = FSC_RGB_MUTED,
                    .width = r.w,
                    .lines = 2,
                    .align = PANGO_ALIGN_CENTER};
    fsc_text(x, x->na, &t, r.x + r.w / 2, r.y + r.h / 2, FSC_MC);
}

/* ---- legends ------------------------------------------------------------ */

static double key_width(const fsc_ctx *x, fsc_key k)
{
    return k == FSC_KEY_LINE ? x->u * 2.2 : x->u * 0.9;
}

static void draw_key(fsc_ctx *x, const fsc_legend_item *it, double kx, double cy)
{
    cairo_t *cr = x->cr;
    double s = x->u * 0.9;
    switch (it->key) {
    case FSC_KEY_LINE: {
        double lw = x->u * 0.14, w = key_width(x, FSC_KEY_LINE);
        cairo_save(cr);
        fsc_set_dash(cr, it->dash, lw);
        cairo_move_to(cr, kx, cy);
        cairo_line_to(cr, kx + w, cy);
        fsc_stroke(x, it->color, 1.0, lw);
        cairo_restore(cr);
        if (it->marker != FSC_MARKER_NONE) {
            fsc_marker_path(cr, it->marker, kx + w / 2, cy, x->u * 0.3);
            fsc_set_rgb(cr, it->color);
            cairo_fill(cr);
        }
        break;
    }
    case FSC_KEY_MARKER:
        fsc_marker_path(cr, it->marker, kx + s / 2, cy, x->u * 0.36);
        fsc_set_rgb(cr, it->color);
        cairo_fill_preserve(cr);
        fsc_set_rgb(cr, fsc_shade(it->color, 0.45));
        cairo_set_line_width(cr, x->u * 0.05);
        cairo_stroke(cr);
        break;
    case FSC_KEY_BOX:
    default: fsc_fill_rect(x, (fsc_rect){kx, cy - s / 2, s, s}, it->color, it->fill); break;
    }
}

double fsc_legend(fsc_ctx *x, const fsc_legend_item *it, size_t n, fsc_rect area, bool draw)
{
    if (n == 0) return 0;
    double gap = x->u * 0.4, sep = x->u * 1.3;
    fsc_tstyle t = {.size = x->u * 0.95, .color = FSC_RGB_TEXT};
    double cx = area.x, rowy = area.y, rowh = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        double kw = key_width(x, it[i].key);
        t.width = area.w - kw - gap;
        t.lines = 1;
        PangoLayout *l = fsc_text_layout(x, it[i].label, &t);
        double w, h;
        fsc_text_size(l, &w, &h);
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
            fsc_occupy(x, (fsc_rect){cx, cy - x->u * 0.45, kw, x->u * 0.9});
            fsc_text_show(x, l, cx + kw + gap, cy, FSC_ML, t.color);
        }
        if (l) g_object_unref(l);
        cx += iw + sep;
        total = rowy + rowh - area.y;
    }
    return total;
}

/* ---- value classes (heatmap, hexmap) ------------------------------------ */

static int nclasses(const fsc_scale *s) { return s->nticks > 2 ? s->nticks - 1 : 1; }

/* The value as printed in format f (classes follow what the reader sees:
 * 3.395 printed "3.40" is in the class starting at 3.40). */
static double as_printed(double v, fsc_fmt f)
{
    double k = f == FSC_FMT_DECIMAL2   ? 100
               : f == FSC_FMT_DECIMAL1 ? 10
               : f == FSC_FMT_PERCENT  ? 1000
                                       : 1;
    return round(v * k) / k;
}

double fsc_printed_unit(fsc_fmt f)
{
    return f == FSC_FMT_DECIMAL2   ? 0.01
           : f == FSC_FMT_DECIMAL1 ? 0.1
           : f == FSC_FMT_PERCENT  ? 0.001
                                   : 1;
}

/* Does every class of s hold at least one of v[0..n)? */
static bool no_empty_class(const double *v, size_t n, const fsc_scale *s)
{
    int ncls = s->nticks > 2 ? s->nticks - 1 : 1;
    bool used[64] = {false};
    if (ncls > 64) return false;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) used[fsc_class_index(s, v[i])] = true;
    for (int j = 0; j < ncls; j++)
        if (!used[j]) return false;
    return true;
}

fsc_scale fsc_class_scale(const double *v, size_t n, fsc_fmt fmt)
{
    double lo = 0, hi = 0;
    bool any = fsc_finite_range(v, n, &lo, &hi);
    fsc_scale sc = fsc_nice_scale(any ? lo : 1, any ? hi : 0, 6, fmt, !any);
    if (!any) return sc;
    int best = 0;
    for (int mt = 6; mt >= 2; mt--) {
        fsc_scale t = fsc_nice_scale(lo, hi, mt, fmt, false);
        int ncls = t.nticks > 2 ? t.nticks - 1 : 1;
        if (ncls <= 5 && ncls > best && no_empty_class(v, n, &t)) {
            sc = t;
            best = ncls;
        }
    }
    /* fewer than three classes: try steps of 1, 2, 2.5 and 5 × 10^e that
     * the printed values can show (3.00 – 3.24, 3.25 – 3.49, …) */
    double unit = fsc_printed_unit(fmt);
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
            fsc_scale t = {
                .lo = from, .hi = from + ncls * step, .step = step, .nticks = ncls + 1, .fmt = fmt};
            if (no_empty_class(v, n, &t)) {
                sc = t;
                best = ncls;
            }
        }
    return sc;
}

int fsc_class_index(const fsc_scale *s, double v)
{
    int n = nclasses(s);
    v = as_printed(v, s->fmt);
    int c = (int)floor((v - s->lo) / s->step + 1e-9);
    return c < 0 ? 0 : c >= n ? n - 1 : c;
}

static fsc_rgb class_rgb(int c, int n, fsc_rgb ramp)
{
    double t = n <= 1 ? 0.08 : 0.08 + 0.92 * c / (n - 1); /* one class: all alike, light */
    fsc_rgb col = fsc_ramp_color(ramp, t);
    /* a mid tone where neither white nor dark text reaches 4.5:1 (WCAG AA)
     * moves the least it must: lighter for dark text when the lower half of
     * the ramp, darker for white text in the upper half (classes stay apart) */
    bool lighten = 2 * c < n - 1;
    for (int k = 0;
         k < 12 && fsc_contrast(col, 0xFFFFFFu) < 4.5 && fsc_contrast(col, FSC_RGB_TEXT) < 4.5; k++)
        col = lighten ? fsc_tint(col, 0.06) : fsc_shade(col, 0.06);
    return col;
}

fsc_rgb fsc_class_color(const fsc_scale *s, fsc_rgb ramp, double v)
{
    if (!isfinite(v)) return FSC_RGB_NODATA;
    if (s->zero_class && v == 0) return FSC_RGB_BG;
    return class_rgb(fsc_class_index(s, v), nclasses(s), ramp);
}

double fsc_class_legend(fsc_ctx *x, const fsc_scale *s, fsc_rgb ramp, const char *title,
                        bool with_na, fsc_rect area, bool draw, double *height)
{
    double u = x->u, sw = u * 1.4, sh = u * 1.0, gap = u * 0.5;
    fsc_tstyle tt = {
        .size = u * 0.9, .bold = true, .color = FSC_RGB_TEXT, .width = area.w, .lines = 3};
    fsc_tstyle lt = {.size = u * 0.85, .color = FSC_RGB_TEXT2};
    double y = area.y, need = 0, w, h;
    if (title && *title) {
        PangoLayout *l = fsc_text_layout(x, title, &tt);
        fsc_text_size(l, &w, &h);
        if (draw) fsc_text_show(x, l, area.x, y, FSC_TL, tt.color);
        if (l) g_object_unref(l);
        need = w;
        y += h + u * 0.4;
    }
    int n = nclasses(s);
    /* from the top: the classes, then "0" (zero_class), then "no data";
     * i = -1 is the zero entry */
    for (int i = n - 1 + (with_na ? 1 : 0); i >= (s->zero_class ? -1 : 0); i--) {
        char a[48], b[48], label[112];
        bool na = with_na && i == n, zero = i < 0;
        fsc_rgb c = na ? FSC_RGB_NODATA : zero ? FSC_RGB_BG : class_rgb(i, n, ramp);
        if (na) {
            snprintf(label, sizeof label, "%s", x->na);
        } else if (zero) {
            fsc_format_value(label, sizeof label, 0, s->fmt, "");
        } else if (n == 1 && !s->ends) {
            fsc_format_tick(a, sizeof a, s->lo, s);
            fsc_format_tick(b, sizeof b, s->hi, s);
            snprintf(label, sizeof label, "%s – %s", a, b);
        } else {
            /* whole numbers: classes are [lo, hi - 1] except the last, so
             * no boundary is in two classes ("20 – 29", not "20 – 30") */
            double lo = n == 1 ? s->lo : fsc_scale_tick(s, i);
            double hi = n == 1 ? s->hi : fsc_scale_tick(s, i + 1);
            bool whole = s->fmt == FSC_FMT_INTEGER && s->step >= 1 && s->step == floor(s->step);
            if (s->ends && i == 0 && s->first > lo) lo = s->first;
            if (s->ends && i == n - 1) hi = s->last;
            if (whole) {
                if (i < n - 1) hi -= 1;
                fsc_format_tick(a, sizeof a, lo, s);
                fsc_format_tick(b, sizeof b, hi, s);
            } else { /* disjoint at the printed precision: 3.00 – 3.39, 3.40 – 3.79 */
                if (i < n - 1) hi -= fsc_printed_unit(s->fmt);
                fsc_format_value(a, sizeof a, lo, s->fmt, "");
                fsc_format_value(b, sizeof b, hi, s->fmt, "");
            }
            if (whole && hi == lo)
                snprintf(label, sizeof label, "%s", a);
            else
                snprintf(label, sizeof label, "%s – %s", a, b);
        }
        fsc_text_measure(x, label, &lt, &w, &h);
        if (sw + gap + w > need) need = sw + gap + w;
        if (draw) {
            cairo_t *cr = x->cr;
            cairo_rectangle(cr, area.x, y, sw, sh);
            fsc_set_rgb(cr, c);
            cairo_fill_preserve(cr);
            if (na)
                fsc_hatch_path(x, FSC_RGB_AXIS, u * 0.3, u * 0.05);
            else
                cairo_new_path(cr);
            cairo_rectangle(cr, area.x, y, sw, sh);
            fsc_set_rgb(cr, FSC_RGB_AXIS);
            cairo_set_line_width(cr, u * 0.04);
            cairo_stroke(cr);
            fsc_text(x, label, &lt, area.x + sw + gap, y + sh / 2, FSC_ML);
        }
        y += sh + u * 0.25;
    }
    if (height) *height = y - area.y;
    return need;
}

/* ---- value axes --------------------------------------------------------- */

double fsc_axis_y(fsc_ctx *x, const fsc_scale *s, fsc_rect plot, bool draw)
{
    fsc_tstyle t = {.size = x->u * 0.85, .color = FSC_RGB_TEXT2};
    double maxw = 0, gap = x->u * 0.45;
    cairo_t *cr = x->cr;
    for (int i = 0; i < s->nticks; i++) {
        double v = fsc_scale_tick(s, i);
        char buf[48];
        fsc_format_tick(buf, sizeof buf, v, s);
        double w, h;
        fsc_text_measure(x, buf, &t, &w, &h);
        if (w > maxw) maxw = w;
        if (!draw) continue;
        double y = fsc_scale_map(s, v, plot.y + plot.h, plot.y);
        cairo_move_to(cr, plot.x, y);
        cairo_line_to(cr, plot.x + plot.w, y);
        fsc_set_rgb(cr, v == 0 ? FSC_RGB_AXIS : FSC_RGB_GRID);
        cairo_set_line_width(cr, x->u * (v == 0 ? 0.07 : 0.05));
        cairo_stroke(cr);
        fsc_text(x, buf, &t, plot.x - gap, y, FSC_MR);
    }
    return maxw + gap;
}

double fsc_axis_x(fsc_ctx *x, const fsc_scale *s, fsc_rect plot, bool draw)
{
    fsc_tstyle t = {.size = x->u * 0.85, .color = FSC_RGB_TEXT2};
    double maxh = 0, gap = x->u * 0.35;
    cairo_t *cr = x->cr;
    for (int i = 0; i < s->nticks; i++) {
        double v = fsc_scale_tick(s, i);
        char buf[48];
        fsc_format_tick(buf, sizeof buf, v, s);
        double w, h;
        fsc_text_measure(x, buf, &t, &w, &h);
        if (h > maxh) maxh = h;
        if (!draw) continue;
        double px = fsc_scale_map(s, v, plot.x, plot.x + plot.w);
        cairo_move_to(cr, px, plot.y);
        cairo_line_to(cr, px, plot.y + plot.h);
        fsc_set_rgb(cr, v == 0 ? FSC_RGB_AXIS : FSC_RGB_GRID);
        cairo_set_line_width(cr, x->u * (v == 0 ? 0.07 : 0.05));
        cairo_stroke(cr);
        fsc_text(x, buf, &t, px, plot.y + plot.h + gap, FSC_TC);
    }
    return maxh + gap;
}
