/*
 * lines.c — FSC_LINES: lines over years in one or more panels side by
 * side (cross-regional cases and their share: two panels, no secondary
 * axis).  Each line ends in a direct label "● name value" placed beside the
 * panel; labels that would collide are pushed apart and joined to their
 * line by a thin leader.  NaN leaves a gap; one year draws points.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_impl.h"

fsc_status fsc_lines_check(const fsc_chart *c)
{
    const fsc_lines *k = &c->lines;
    if (k->nx > 200 || (k->nx > 0 && !k->x_labels) || k->npanels > 6 ||
        (k->npanels > 0 && !k->panels))
        return FSC_ERR_ARG;
    for (size_t i = 0; i < k->nx; i++)
        if (!g_utf8_validate(k->x_labels[i] ? k->x_labels[i] : "", -1, NULL)) return FSC_ERR_UTF8;
    for (size_t p = 0; p < k->npanels; p++) {
        const fsc_panel *pn = &k->panels[p];
        if ((unsigned)pn->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
        if (!g_utf8_validate(pn->title ? pn->title : "", -1, NULL)) return FSC_ERR_UTF8;
        fsc_status st = fsc_check_series(pn->series, pn->nseries, k->nx);
        if (st != FSC_OK) return st;
    }
    if (!g_utf8_validate(k->axis_title ? k->axis_title : "", -1, NULL)) return FSC_ERR_UTF8;
    return FSC_OK;
}

typedef struct end_label {
    size_t series, text; /* series index, index into the texts */
    double want, y, h;   /* desired centre, placed centre, height */
} end_label;

static int by_want(const void *a, const void *b)
{
    const end_label *p = a, *q = b;
    if (p->want != q->want) return p->want < q->want ? -1 : 1;
    return p->series < q->series ? -1 : p->series > q->series;
}

/* Spread labels so none overlaps, keeping them inside [lo, hi]. */
static void spread(end_label *l, size_t n, double lo, double hi, double gap)
{
    // cppcheck-suppress uninitvar ; l[0..n) are all set by draw_panel, the rest of labels[] is not
    // used
    qsort(l, n, sizeof *l, by_want);
    for (size_t i = 0; i < n; i++) {
        l[i].y = l[i].want;
        if (l[i].y - l[i].h / 2 < lo) l[i].y = lo + l[i].h / 2;
        if (i > 0 && l[i].y - l[i].h / 2 < l[i - 1].y + l[i - 1].h / 2 + gap)
            l[i].y = l[i - 1].y + (l[i - 1].h + l[i].h) / 2 + gap;
    }
    for (size_t i = n; i-- > 0;) { /* push back up from the bottom */
        double limit = i + 1 < n ? l[i + 1].y - (l[i + 1].h + l[i].h) / 2 - gap : hi - l[i].h / 2;
        if (l[i].y > limit) l[i].y = limit;
    }
}

static double x_at(const fsc_rect *a, size_t nx, size_t i, double pad)
{
    if (nx <= 1) return a->x + a->w / 2;
    return a->x + pad + (a->w - 2 * pad) * (double)i / (double)(nx - 1);
}

static void draw_panel(fsc_ctx *x, const fsc_lines *k, const fsc_panel *pn, fsc_rect r)
{
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t nx = k->nx, ns = pn->nseries;
    fsc_tstyle pt = {
        .size = u * 1.0, .bold = true, .color = FSC_RGB_TEXT, .width = r.w, .lines = 2};
    double top = r.y;
    if (pn->title && *pn->title) top += fsc_text(x, pn->title, &pt, r.x, top, FSC_TL).h + u * 0.8;

    /* scale */
    double lo = 0, hi = 0;
    bool any = false;
    for (size_t s = 0; s < ns; s++) {
        double a, z;
        if (!fsc_finite_range(pn->series[s].values, nx, &a, &z)) continue;
        if (!any || a < lo) lo = a;
        if (!any || z > hi) hi = z;
        any = true;
    }
    bool fixed = pn->axis_min < pn->axis_max;
    if (fixed) {
        lo = pn->axis_min;
        hi = pn->axis_max;
    } else if (pn->zoom && any) { /* room above and below for point labels */
        double span = hi > lo ? hi - lo : fabs(hi) * 0.1 + 1e-9;
        lo = lo >= 0 && lo - span * 0.25 < 0 ? 0 : lo - span * 0.25;
        hi += span * 0.25;
    }
    int max_ticks = (int)((r.y + r.h - top) / (u * 2.6));
    fsc_scale sc = fsc_nice_scale(any || fixed ? lo : 1, any || fixed ? hi : 0,
                                  max_ticks < 3   ? 3
                                  : max_ticks > 7 ? 7
                                                  : max_ticks,
                                  pn->format, !fixed && lo >= 0 && !pn->zoom);

    /* end labels: texts and the gutter they need */
    fsc_tstyle lt = {.size = u * 0.85, .color = FSC_RGB_TEXT, .width = r.w * 0.3, .lines = 2};
    char texts[16][160];
    end_label labels[16];
    size_t nl = 0;
    double gutter = 0, keyw = u * 0.9;
    for (size_t s = 0; s < ns && !pn->hide_direct_labels; s++) {
        const double *v = pn->series[s].values;
        size_t last = nx;
        for (size_t i = nx; i-- > 0;)
            if (isfinite(v[i])) {
                last = i;
                break;
            }
        if (last == nx) continue;
        char val[48];
        fsc_format_value(val, sizeof val, v[last], pn->format, x->na);
        snprintf(texts[nl], sizeof texts[nl], "%s %s", pn->series[s].name ? pn->series[s].name : "",
                 val);
        lt.bold = pn->series[s].emphasis;
        double w, h;
        fsc_text_measure(x, texts[nl], &lt, &w, &h);
        if (w + keyw > gutter) gutter = w + keyw;
        labels[nl] = (end_label){s, nl, 0, 0, h};
        nl++;
    }

    double xlab_h;
    fsc_tstyle xt = {.size = u * 0.85, .color = FSC_RGB_TEXT2};
    fsc_text_measure(x, nx > 0 ? k->x_labels[0] : "0", &xt, NULL, &xlab_h);
    fsc_rect area = {r.x, top, r.w - gutter - u * 0.8, r.y + r.h - top - xlab_h - u * 0.4};
    double axw = fsc_axis_y(x, &sc, area, false);
    area.x += axw;
    area.w -= axw;
    if (area.w < u) area.w = u;
    fsc_axis_y(x, &sc, area, true);

    /* x labels, thinned out when they would collide */
    double pad = pn->label_points ? u * 2.2 : u * 0.8, maxw = 0;
    for (size_t i = 0; i < nx; i++) {
        double w, h;
        fsc_text_measure(x, k->x_labels[i], &xt, &w, &h);
        if (w > maxw) maxw = w;
    }
    double dx = nx > 1 ? (area.w - 2 * pad) / (double)(nx - 1) : area.w;
    size_t every = dx > 0 ? (size_t)ceil((maxw + u * 0.6) / dx) : 1;
    if (every < 1) every = 1;
    for (size_t i = 0; i < nx; i++) {
        double px = x_at(&area, nx, i, pad), py = area.y + area.h + u * 0.4;
        if (i % every == 0)
            fsc_text(x, k->x_labels[i], &xt, px, py, FSC_TC);
        else if (i == nx - 1) /* the latest year, when there is room */
            fsc_text_try(x, k->x_labels[i], &xt, px, py, FSC_TC, (fsc_rect){0, 0, 0, 0});
    }

    /* lines: emphasised series last, so they lie on top */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < ns; s++) {
            const fsc_series *se = &pn->series[s];
            if ((int)se->emphasis != pass) continue;
            double lw = u * (se->emphasis ? 0.22 : 0.13);
            /* two strokes: the series' own line, then dotted the segments
             * that reach a hollow (not comparable) point, which are no
             * change to read */
            for (int dotted = 0; dotted < 2; dotted++) {
                cairo_save(cr);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                fsc_set_dash(cr, dotted ? FSC_DASH_DOTTED : se->dash, lw);
                bool pen = false, drawn = false;
                for (size_t i = 0; i < nx; i++) {
                    double v = se->values[i];
                    if (!isfinite(v)) {
                        pen = false;
                        continue;
                    }
                    double px = x_at(&area, nx, i, pad),
                           py = fsc_scale_map(&sc, v, area.y + area.h, area.y);
                    bool hollow = se->hollow && i > 0 && (se->hollow[i] || se->hollow[i - 1]);
                    if (pen && hollow == (bool)dotted) {
                        double qx, qy;
                        cairo_get_current_point(cr, &qx, &qy);
                        fsc_note_line(x, qx, qy, px, py);
                        cairo_line_to(cr, px, py);
                        drawn = true;
                    } else {
                        cairo_move_to(cr, px, py);
                    }
                    pen = true;
                }
                if (drawn)
                    fsc_stroke(x, se->color, 1.0, lw);
                else
                    cairo_new_path(cr);
                cairo_restore(cr);
            }
            for (size_t i = 0; i < nx; i++) { /* markers, with a white ring */
                double v = se->values[i];
                if (!isfinite(v) || se->marker == FSC_MARKER_NONE) continue;
                double px = x_at(&area, nx, i, pad),
                       py = fsc_scale_map(&sc, v, area.y + area.h, area.y);
                fsc_marker_path(cr, se->marker, px, py, u * (se->emphasis ? 0.36 : 0.3));
                if (se->hollow && se->hollow[i]) { /* not comparable: white inside */
                    fsc_set_rgb(cr, FSC_RGB_BG);
                    cairo_fill_preserve(cr);
                    fsc_set_rgb(cr, se->color);
                    cairo_set_line_width(cr, u * 0.1);
                    cairo_stroke(cr);
                    continue;
                }
                fsc_set_rgb(cr, se->color);
                cairo_fill_preserve(cr);
                fsc_set_rgb(cr, fsc_ring_color(se->color));
                cairo_set_line_width(cr, u * 0.06);
                cairo_stroke(cr);
            }
        }
    }

    /* values at the points: above, or below when a line or text is there */
    fsc_tstyle vt = {.size = u * 0.85, .bold = true, .color = FSC_RGB_TEXT};
    for (size_t s = 0; pn->label_points && s < ns; s++) {
        const fsc_series *se = &pn->series[s];
        for (size_t i = 0; i < nx; i++) {
            double v = se->values[i];
            if (!isfinite(v)) continue;
            double px = x_at(&area, nx, i, pad),
                   py = fsc_scale_map(&sc, v, area.y + area.h, area.y);
            char val[48];
            fsc_format_value(val, sizeof val, v, pn->format, x->na);
            fsc_rect in = {r.x, r.y, r.w, r.h};
            /* above, below, then beside the point: every year keeps its
             * value in every panel, whatever way the line runs */
            if (!fsc_text_try(x, val, &vt, px, py - u * 0.55, FSC_BC, in) &&
                !fsc_text_try(x, val, &vt, px, py + u * 0.55, FSC_TC, in) &&
                !fsc_text_try(x, val, &vt, px + u * 0.55, py, FSC_ML, in))
                fsc_text_try(x, val, &vt, px - u * 0.55, py, FSC_MR, in);
        }
    }

    /* direct labels beside the panel */
    for (size_t j = 0; j < nl; j++) {
        const double *v = pn->series[labels[j].series].values;
        for (size_t i = nx; i-- > 0;)
            if (isfinite(v[i])) {
                labels[j].want = fsc_scale_map(&sc, v[i], area.y + area.h, area.y);
                break;
            }
    }
    spread(labels, nl, area.y - u * 0.4, area.y + area.h + xlab_h, u * 0.1);
    double lx = area.x + area.w + u * 0.8;
    for (size_t j = 0; j < nl; j++) {
        const fsc_series *se = &pn->series[labels[j].series];
        const double *v = se->values;
        size_t last = 0;
        for (size_t i = nx; i-- > 0;)
            if (isfinite(v[i])) {
                last = i;
                break;
            }
        double px = x_at(&area, nx, last, pad), py = labels[j].want;
        /* leader from the last point to the label */
        cairo_move_to(cr, px + u * 0.45, py);
        cairo_line_to(cr, lx - u * 0.15, labels[j].y);
        fsc_stroke(x, se->color, 0.8, u * 0.05);
        fsc_marker_path(cr, se->marker == FSC_MARKER_NONE ? FSC_MARKER_CIRCLE : se->marker,
                        lx + u * 0.3, labels[j].y, u * 0.28);
        fsc_set_rgb(cr, se->color);
        cairo_fill_preserve(cr);
        fsc_set_rgb(cr, fsc_ring_color(se->color));
        cairo_set_line_width(cr, u * 0.05);
        cairo_stroke(cr);
        lt.bold = se->emphasis;
        fsc_text(x, texts[labels[j].text], &lt, lx + keyw, labels[j].y, FSC_ML);
    }
}

void fsc_lines_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_lines *k = &c->lines;
    double u = x->u;
    size_t np = k->npanels;
    if (np == 0 || k->nx == 0) {
        fsc_draw_empty(x, plot);
        return;
    }
    fsc_tstyle at = {.size = u * 0.85,
                     .color = FSC_RGB_TEXT2,
                     .width = plot.w,
                     .lines = 1,
                     .align = PANGO_ALIGN_CENTER};
    if (k->axis_title && *k->axis_title) {
        double h = fsc_text(x, k->axis_title, &at, plot.x + plot.w / 2, plot.y + plot.h, FSC_BC).h;
        plot.h -= h + u * 0.3;
    }
    double gap = u * 2.2, pw = (plot.w - gap * (double)(np - 1)) / (double)np;
    for (size_t p = 0; p < np; p++)
        draw_panel(x, k, &k->panels[p],
                   (fsc_rect){plot.x + (pw + gap) * (double)p, plot.y, pw, plot.h});
}
