/*
 * heatmap.c — FSC_HEATMAP: an n × n matrix (cooperation cases between
 * counties) as shaded cells with the number in each, rows and columns in
 * the caller's order, and a class legend.  Also holds the matrix check
 * shared with arcs.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_impl.h"

fsc_status fsc_matrix_check(const fsc_chart *c)
{
    const fsc_matrix *m = &c->matrix;
    fsc_status st = fsc_check_cats(&m->cats);
    if (st != FSC_OK) return st;
    if (m->cats.n > 0 && !m->values) return FSC_ERR_ARG;
    if ((unsigned)m->format > FSC_FMT_DECIMAL2) return FSC_ERR_ARG;
    if (c->kind == FSC_ARCS && m->cats.n > 0 && !m->cats.colors) return FSC_ERR_ARG;
    const char *t[] = {m->row_title, m->col_title, m->legend_title};
    for (size_t i = 0; i < 3; i++)
        if (!g_utf8_validate(t[i] ? t[i] : "", -1, NULL)) return FSC_ERR_UTF8;
    return FSC_OK;
}

void fsc_heatmap_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot)
{
    const fsc_matrix *m = &c->matrix;
    double u = x->u;
    cairo_t *cr = x->cr;
    size_t n = m->cats.n;
    if (n == 0) {
        fsc_draw_empty(x, plot);
        return;
    }

    /* a pair matrix shown below its diagonal needs neither the first row
     * nor the last column (they hold only the blank diagonal) */
    size_t r0 = m->lower_only && m->skip_diagonal && n > 1 ? 1 : 0, nd = n - r0;

    /* classes over the non-zero cells that are shown, from the data (no
     * empty class, the top class ends at the largest value); a zero cell
     * is white, a class of its own (charts/README.md) */
    double *pos = malloc(n * n * sizeof *pos);
    size_t npos = 0;
    double lo = 0, hi = 0;
    bool has_na = false, has_zero = false;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if ((m->skip_diagonal && i == j) || (m->lower_only && j > i)) continue;
            double v = m->values[i * n + j];
            if (!isfinite(v)) {
                has_na = true;
                continue;
            }
            if (v == 0) {
                has_zero = true;
                continue;
            }
            if (npos == 0 || v < lo) lo = v;
            if (npos == 0 || v > hi) hi = v;
            if (pos) pos[npos++] = v;
        }
    fsc_scale sc =
        npos ? fsc_class_scale(pos, npos, m->format) : fsc_nice_scale(0, 1, 6, m->format, true);
    free(pos);
    if (npos) {
        sc.ends = true;
        sc.first = lo;
        sc.last = hi;
    }
    sc.zero_class = has_zero;

    /* legend column on the right */
    fsc_rect lg = {0, plot.y, plot.w * 0.2, plot.h};
    double legw = fsc_class_legend(x, &sc, m->ramp, m->legend_title, has_na, lg, false, NULL);
    if (legw > plot.w * 0.2) legw = plot.w * 0.2;

    /* row labels left, column labels on top */
    fsc_tstyle tt = {.size = u * 0.85, .color = FSC_RGB_TEXT2, .width = plot.w * 0.5, .lines = 2};
    double toph = 0, w, h;
    if (m->col_title && *m->col_title) {
        fsc_text_measure(x, m->col_title, &tt, &w, &h);
        toph = h + u * 0.3;
    }
    double avail_w = plot.w - legw - u * 1.5;
    double guess = fmin(avail_w * 0.8 / (double)nd, (plot.h - toph) * 0.85 / (double)nd);
    if (guess > u * 7) guess = u * 7;
    fsc_tstyle ct = {.size = u * 0.9,
                     .color = FSC_RGB_TEXT,
                     .width = guess * 0.96,
                     .lines = 4,
                     .align = PANGO_ALIGN_CENTER};
    double colh;
    ct.size = fsc_text_fit(x, m->cats.labels, nd, &ct, u * 0.65, &colh);
    double grid_h = plot.h - toph - colh - u * 0.4;
    double lsize;
    fsc_categories rows = {m->cats.labels + r0, NULL, nd};
    double labw = fsc_row_labels_width(x, &rows, plot.w * 0.2, grid_h / (double)nd, &lsize);
    double cell = fmin((avail_w - labw - u * 0.6) / (double)nd, grid_h / (double)nd);
    if (cell > u * 7) cell = u * 7; /* a 1 × 1 matrix is no wall */
    if (cell < u) cell = u;
    if (cell < guess * 0.999) { /* the cells came out smaller: refit the column labels */
        ct.width = cell * 0.96;
        ct.size = fsc_text_fit(x, m->cats.labels, nd, &ct, u * 0.65, &colh);
    }
    double gw = cell * (double)nd;
    double block = labw + u * 0.6 + gw + u * 1.5 + legw; /* centred in the plot */
    double gx = plot.x + fmax(0, (plot.w - block) / 2) + labw + u * 0.6;
    double gy = plot.y + toph + colh + u * 0.4;

    if (m->col_title && *m->col_title) fsc_text(x, m->col_title, &tt, gx + gw / 2, plot.y, FSC_TC);
    if (m->row_title && *m->row_title) {
        fsc_tstyle rt = tt; /* may use all the room left of the grid */
        rt.width = fmax(labw, gx - u * 0.6 - plot.x);
        rt.lines = 2;
        rt.align = PANGO_ALIGN_RIGHT;
        fsc_text_try(x, m->row_title, &rt, gx - u * 0.6, gy - u * 0.3, FSC_BR,
                     (fsc_rect){0, 0, 0, 0});
    }
    for (size_t j = 0; j < nd; j++)
        fsc_text(x, m->cats.labels[j], &ct, gx + cell * ((double)j + 0.5), gy - u * 0.3, FSC_BC);

    fsc_tstyle lt = {.size = lsize,
                     .color = FSC_RGB_TEXT,
                     .width = labw,
                     .lines = 3,
                     .align = PANGO_ALIGN_RIGHT};
    if (labw < plot.w * 0.2 - 0.01) lt.width = 0;
    fsc_tstyle vt = {.size = fmin(u * 0.95, cell * 0.32), .bold = true}; /* large: ≥ 3:1 */
    for (size_t i = r0; i < n; i++) {
        double cy = gy + cell * ((double)(i - r0) + 0.5);
        fsc_text(x, m->cats.labels[i], &lt, gx - u * 0.6, cy, FSC_MR);
        for (size_t j = 0; j < nd; j++) {
            fsc_rect r = {gx + cell * (double)j, gy + cell * (double)(i - r0), cell, cell};
            double v = m->values[i * n + j];
            bool diag = m->skip_diagonal && i == j;
            if (m->lower_only && (j > i || (diag && j == i))) continue; /* a pair once */
            fsc_rgb fill = diag ? 0xF4F4F4u : fsc_class_color(&sc, m->ramp, v);
            fsc_note_fill(x, r, fill);
            cairo_rectangle(cr, r.x, r.y, r.w, r.h);
            fsc_set_rgb(cr, fill);
            cairo_fill_preserve(cr);
            if (!diag && !isfinite(v))
                fsc_hatch_path(x, FSC_RGB_AXIS, u * 0.35, u * 0.05);
            else
                cairo_new_path(cr);
            cairo_rectangle(cr, r.x, r.y, r.w, r.h);
            fsc_set_rgb(cr, FSC_RGB_BG);
            cairo_set_line_width(cr, u * 0.1);
            cairo_stroke(cr);
            if (diag) continue;
            char buf[48];
            fsc_format_value(buf, sizeof buf, v, m->format, x->na);
            vt.color = isfinite(v) ? fsc_text_on(fill) : FSC_RGB_TEXT2;
            vt.halo = !isfinite(v);
            fsc_rect in = {r.x + u * 0.1, r.y, r.w - u * 0.2, r.h};
            fsc_text_try(x, buf, &vt, r.x + r.w / 2, r.y + r.h / 2, FSC_MC, in);
        }
    }
    fsc_rect la = {gx + gw + u * 1.5, gy, legw, plot.h};
    fsc_class_legend(x, &sc, m->ramp, m->legend_title, has_na, la, true, NULL);
}
