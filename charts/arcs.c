/*
 * arcs.c — FSC_ARCS: directed flows between categories as an arc
 * diagram (which county helped which on cases).  The categories sit on a
 * horizontal line as labelled boxes in the caller's order.  A flow i → j
 * is an arc from i to j: above the line when j is right of i, below when
 * it is left (so every arc turns clockwise), width ∝ value, colour = the
 * source, arrowhead at the target.  At each box, arcs attach to ports
 * ordered by distance so nested arcs never cross at their ends.  Values
 * are printed at arc tops where they fit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_impl.h"

typedef struct flow {
    size_t from, to;
    double v, w;   /* value, line width              */
    double x0, x1; /* start and end x (ports)        */
} flow;

/* Order for drawing: wide arcs first, narrow ones on top. */
static int by_width(const void *a, const void *b)
{
    const flow *p = a, *q = b;
    if (p->w != q->w) return p->w > q->w ? -1 : 1;
    if (p->from != q->from) return p->from < q->from ? -1 : 1;
    return p->to < q->to ? -1 : p->to > q->to;
}

static size_t dist(size_t a, size_t b) { return a > b ? a - b : b - a; }

/*
 * Assign port x positions on one half-edge of node `node` for the flows
 * selected by (is_from, above).  Ports run from `edge` toward `centre`,
 * the flow to the nearest node at the edge: then the longer arcs enclose
 * the shorter ones and no two arcs cross where they meet the box.
 */
static void ports(flow *f, size_t nf, size_t node, bool is_from, bool above, double edge,
                  double centre)
{
    size_t idx[64], k = 0;
    for (size_t i = 0; i < nf && k < 64; i++) {
        bool up = f[i].to > f[i].from;
        if (up != above) continue;
        if ((is_from ? f[i].from : f[i].to) != node) continue;
        idx[k++] = i;
    }
    /* sort by distance (insertion sort, k ≤ 63) */
    for (size_t a = 1; a < k; a++)
        for (size_t b = a; b > 0; b--) {
            size_t da = dist(f[idx[b]].from, f[idx[b]].to),
                   db = dist(f[idx[b - 1]].from, f[idx[b - 1]].to);
            if (!(da < db)) break;
            size_t t = idx[b];
            idx[b] = idx[b - 1];
            idx[b - 1] = t;
        }
    for (size_t a = 0; a < k; a++) {
        double t = ((double)a + 0.5) / (double)k;
        double px = edge + (centre - edge) * t * 0.9;
        if (is_from)
            f[idx[a]].x0 = px;
        else
            f[idx[a]].x1 = px;
    }
}

void fsc_arcs_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_matrix *m = &c->matrix;
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t n = m->cats.n;
    if (n == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    /* the flows */
    flow *f = calloc(n * n, sizeof *f);
    if (!f) {
        fsc_fail(x, FSC_ERR_NOMEM);
        return;
    }
    size_t nf = 0;
    double vmax = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double v = m->values[i * n + j];
            if (i == j || !isfinite(v) || v <= 0) continue;
            f[nf++] = (flow){i, j, v, 0, 0, 0};
            if (v > vmax) vmax = v;
        }

    /* width key at the top left: three sample widths */
    double wmax = fmin(u * 1.1, plot.w / (double)n * 0.12), wmin = u * 0.1;
    double top = plot.y;
    fsc_tstyle kt = {.size = u * 0.85, .color = FSC_RGB_TEXT2};
    if (nf > 0) {
        double kx = plot.x, ky = plot.y, h = 0;
        if (m->legend_title && *m->legend_title) {
            fsc_tstyle tt = {.size = u * 0.85,
                             .bold = true,
                             .color = FSC_RGB_TEXT,
                             .width = plot.w * 0.4,
                             .lines = 2};
            fsc_rect b = fsc_text(x, m->legend_title, &tt, kx, ky, FSC_TL);
            kx += b.w + u * 1.0;
            h = b.h;
        }
        double vmin = vmax;
        for (size_t i = 0; i < nf; i++) vmin = fmin(vmin, f[i].v);
        double mid = (vmin + vmax) / 2;
        if (m->format == FSC_FMT_INTEGER) mid = round(mid);
        double samples[3] = {vmin, mid, vmax};
        for (int s = 0; s < 3; s++) {
            if (s > 0 && samples[s] <= samples[s - 1]) continue;
            double lw = wmin + (wmax - wmin) * samples[s] / vmax;
            double cy = ky + (h > 0 ? h / 2 : u * 0.6);
            cairo_move_to(cr, kx, cy);
            cairo_line_to(cr, kx + u * 1.6, cy);
            fsc_set_rgb(cr, FSC_RGB_AXIS);
            cairo_set_line_width(cr, lw);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
            cairo_stroke(cr);
            char buf[48];
            fsc_format_value(buf, sizeof buf, samples[s], m->format, x->na);
            fsc_rect b = fsc_text(x, buf, &kt, kx + u * 1.9, cy, FSC_ML);
            kx = b.x + b.w + u * 1.2;
            if (b.h > h) h = b.h;
        }
        top += h + u * 0.8;
    }

    /* the nodes: boxes on the middle line */
    double slot = plot.w / (double)n, bw = slot * 0.86;
    fsc_tstyle nt = {.size = u * 0.95,
                     .color = FSC_RGB_TEXT,
                     .width = bw - u * 0.4,
                     .lines = 2,
                     .align = PANGO_ALIGN_CENTER};
    double lh;
    nt.size = fsc_text_fit(x, m->cats.labels, n, &nt, u * 0.6, &lh);
    double bh = lh + u * 0.7;
    double mid = top + (plot.y + plot.h - top) / 2;
    double btop = mid - bh / 2, bbot = mid + bh / 2;

    /* widths and ports */
    for (size_t i = 0; i < nf; i++) f[i].w = vmax > 0 ? wmin + (wmax - wmin) * f[i].v / vmax : wmin;
    for (size_t i = 0; i < n; i++) {
        double cx = plot.x + slot * ((double)i + 0.5), l = cx - bw / 2, r = cx + bw / 2;
        ports(f, nf, i, true, true, r, cx);   /* above: leaving to the right   */
        ports(f, nf, i, false, true, l, cx);  /* above: arriving from the left */
        ports(f, nf, i, true, false, l, cx);  /* below: leaving to the left    */
        ports(f, nf, i, false, false, r, cx); /* below: arriving from the right */
    }

    /* arc heights: the longest arc just fits its half of the plot */
    double room_up = btop - top - u * 0.9, room_down = plot.y + plot.h - bbot - u * 0.9;
    double dmax_up = 0, dmax_down = 0;
    for (size_t i = 0; i < nf; i++) {
        double d = fabs(f[i].x1 - f[i].x0);
        if (f[i].to > f[i].from)
            dmax_up = fmax(dmax_up, d);
        else
            dmax_down = fmax(dmax_down, d);
    }
    double kup = dmax_up > 0 ? fmin(0.5, room_up / dmax_up) : 0.5;
    double kdown = dmax_down > 0 ? fmin(0.5, room_down / dmax_down) : 0.5;

    qsort(f, nf, sizeof *f, by_width);
    double ah = u * 0.55; /* arrowhead length */
    for (size_t i = 0; i < nf; i++) {
        bool up = f[i].to > f[i].from;
        double y0 = up ? btop : bbot, dir = up ? -1 : 1;
        double d = fabs(f[i].x1 - f[i].x0), h = d * (up ? kup : kdown);
        double ye = y0 + dir * ah; /* the arc ends where the arrowhead starts */
        double cyc = y0 + dir * h * 4.0 / 3.0;
        fsc_rgb col = m->cats.colors[f[i].from];
        cairo_move_to(cr, f[i].x0, y0);
        cairo_curve_to(cr, f[i].x0, cyc, f[i].x1, cyc, f[i].x1, ye);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        fsc_stroke(x, col, 0.8, f[i].w);
        double aw = fmax(f[i].w * 1.7, u * 0.5) / 2;
        cairo_move_to(cr, f[i].x1 - aw, ye);
        cairo_line_to(cr, f[i].x1 + aw, ye);
        cairo_line_to(cr, f[i].x1, y0);
        cairo_close_path(cr);
        fsc_set_rgb(cr, fsc_shade(col, 0.15));
        cairo_fill(cr);
    }

    /* node boxes over the arc ends */
    for (size_t i = 0; i < n; i++) {
        double cx = plot.x + slot * ((double)i + 0.5);
        fsc_rect b = {cx - bw / 2, btop, bw, bh};
        fsc_fill_rect(x, b, fsc_tint(m->cats.colors[i], 0.55), FSC_FILL_SOLID);
        fsc_text(x, m->cats.labels[i], &nt, cx, mid, FSC_MC);
    }

    /* values at the tops of the larger arcs, where they do not collide
     * (thin arcs stay unlabelled: the width key gives their size) */
    fsc_tstyle vt = {.size = u * 0.75, .color = FSC_RGB_TEXT, .halo = true};
    for (size_t i = 0; i < nf && f[i].v >= vmax * 0.3; i++) { /* widest first */
        bool up = f[i].to > f[i].from;
        double d = fabs(f[i].x1 - f[i].x0), h = d * (up ? kup : kdown);
        double ax = (f[i].x0 + f[i].x1) / 2, ay = (up ? btop : bbot) + (up ? -h : h);
        char buf[48];
        fsc_format_value(buf, sizeof buf, f[i].v, m->format, x->na);
        fsc_text_try(x, buf, &vt, ax, ay, FSC_MC, plot);
    }
    if (nf == 0) {
        fsc_tstyle et = {.size = u * 1.1, .color = FSC_RGB_MUTED};
        fsc_text(x, x->na, &et, plot.x + plot.w / 2, (top + btop) / 2, FSC_MC);
    }
    free(f);
}
