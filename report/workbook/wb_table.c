/*
 * wb_table.c — the county table shared by the Crime, Disputes and
 * Cooperation sheets: one row per member county and a zone row, columns
 * that are figures (from ctx->fig) or values the sheet read itself, a
 * total column that sums the "part" columns of its row.
 *
 * Totals are formulas carrying their computed value whenever the sum of
 * the cells equals the figure the standard defines for the scope; where it
 * does not (a figure that counts shared references once, a rate, a
 * median), the scope's own figure is written as a value with a note.  So
 * a viewer that does not recalculate shows the right number, and a
 * formula never disagrees with metrics-Y.csv.
 */
#include <stdio.h>
#include <string.h>

#include "wb_int.h"

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

/* The cell value of column c for county k (NAN when none). */
static double cell_value(const fs_wb *w, const fs_wb_col *c, size_t k)
{
    if (c->metric >= 0)
        return fs_wb_fig_cell(w->fig, fs_wb_scope_county(w->fig, (int)k), c->metric);
    return c->values ? c->values[k] : NAN;
}

static void county_cell(fs_wb_sheet *s, const fs_wb_col *c, lxw_row_t r, lxw_col_t col, size_t k)
{
    fs_wb *w = s->wb;
    if (c->metric >= 0) {
        fs_wb_fig(s, r, col, w->fig, fs_wb_scope_county(w->fig, (int)k), c->metric, FS_WB_R_BODY);
        return;
    }
    double v = c->values ? c->values[k] : NAN;
    if (isfinite(v))
        fs_wb_number(s, r, col, v, FS_WB_R_BODY, c->num);
    else
        fs_wb_text(s, r, col, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[FS_WB_R_BODY]);
}

/* The total column of row r: a SUM over the part columns, when it gives
 * the expected value (the figure, if the column has one). */
static void total_cell(fs_wb_sheet *s, const fs_wb_col *cols, size_t n, size_t t, lxw_row_t r,
                       int scope, const double *row, fs_wb_row style)
{
    fs_wb *w = s->wb;
    const fs_wb_col *tc = &cols[t];
    double sum = 0;
    bool any = false;
    lxw_col_t lo = 0, hi = 0;
    bool contiguous = true, started = false;
    for (size_t i = 0; i < n; i++) {
        if (!cols[i].part)
            continue;
        if (!started) {
            lo = hi = (lxw_col_t)(1 + i);
            started = true;
        } else {
            contiguous &= (lxw_col_t)(1 + i) == hi + 1;
            hi = (lxw_col_t)(1 + i);
        }
        if (isfinite(row[i])) {
            sum += row[i];
            any = true;
        }
    }
    double expect = tc->metric >= 0 ? fs_wb_fig_cell(w->fig, scope, tc->metric) : sum;
    lxw_col_t col = (lxw_col_t)(1 + t);
    if (any && started && contiguous && isfinite(expect) && same(sum, expect)) {
        char formula[96], a[16], b[16];
        snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(r, lo, a), fs_wb_ref(r, hi, b));
        fs_wb_formula(s, r, col, formula, expect, style, tc->num);
    } else if (tc->metric >= 0) {
        fs_wb_fig(s, r, col, w->fig, scope, tc->metric, style);
    } else {
        fs_wb_text(s, r, col, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[style]);
    }
}

void fs_wb_county_table(fs_wb_sheet *s, const char *title, const fs_wb_col *cols, size_t n,
                        fs_wb_table_rows *out)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    const fs_zone *z = w->zone;
    if (n == 0 || n + 1 >= FS_WB_MAX_COLS)
        return;
    if (title)
        fs_wb_section(s, title);
    lxw_row_t hr = s->row++;
    fs_wb_head(s, hr, 0, fs_wb_l(w, FS_WB_L_COUNTY), true);
    for (size_t i = 0; i < n; i++) {
        char label[256];
        snprintf(label, sizeof label, "%s", cols[i].head);
        if (cols[i].dedup)
            strncat(label, fs_wb_l(w, FS_WB_L_CO_DEDUP_MARK), sizeof label - strlen(label) - 1);
        fs_wb_head(s, hr, (lxw_col_t)(1 + i), label, false);
    }
    lxw_row_t first = s->row;
    double row[FS_WB_MAX_COLS];
    for (size_t k = 0; k < z->ncounties; k++) {
        lxw_row_t r = s->row++;
        int scope = fs_wb_scope_county(f, (int)k);
        fs_wb_text(s, r, 0, fs_wb_county(w, (int)k), w->county_fmt[k]);
        for (size_t i = 0; i < n; i++) {
            row[i] = cell_value(w, &cols[i], k);
            if (!cols[i].total)
                county_cell(s, &cols[i], r, (lxw_col_t)(1 + i), k);
        }
        for (size_t i = 0; i < n; i++)
            if (cols[i].total)
                total_cell(s, cols, n, i, r, scope, row, FS_WB_R_BODY);
    }
    lxw_row_t last = s->row - 1, r = s->row++;
    int zone = fs_wb_scope_zone(f);
    fs_wb_text(s, r, 0, fs_wb_l(w, FS_WB_L_ZONE), w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
    char formula[96], a[16], b[16];
    for (size_t i = 0; i < n; i++) {
        const fs_wb_col *c = &cols[i];
        lxw_col_t col = (lxw_col_t)(1 + i);
        double sum = 0;
        bool any = false;
        for (size_t k = 0; k < z->ncounties; k++) {
            double x = cell_value(w, c, k);
            if (isfinite(x)) {
                sum += x;
                any = true;
            }
        }
        double zv = c->metric >= 0 ? fs_wb_fig_cell(f, zone, c->metric) : any ? sum : NAN;
        row[i] = zv;
        if (c->total)
            continue;
        if (any && isfinite(zv) && same(sum, zv) && !c->dedup && c->num != FS_WB_N_PCT) {
            snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(first, col, a),
                     fs_wb_ref(last, col, b));
            fs_wb_formula(s, r, col, formula, zv, FS_WB_R_TOTAL, c->num);
        } else if (c->metric >= 0) {
            fs_wb_fig(s, r, col, f, zone, c->metric, FS_WB_R_TOTAL);
            if (isfinite(zv))
                fs_wb_comment(
                    s, r, col,
                    fs_wb_l(w, c->dedup ? FS_WB_L_CO_COMMENT_DEDUP : FS_WB_L_CO_COMMENT_RATIO));
        } else {
            fs_wb_text(s, r, col, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[FS_WB_R_TOTAL]);
        }
    }
    for (size_t i = 0; i < n; i++)
        if (cols[i].total)
            total_cell(s, cols, n, i, r, zone, row, FS_WB_R_TOTAL);
    for (size_t i = 0; i < n; i++)
        if (cols[i].num == FS_WB_N_PCT)
            fs_wb_color_scale(s, first, (lxw_col_t)(1 + i), last, (lxw_col_t)(1 + i), 0xFFFFFFu,
                              0x9BC2E6u);
    if (out) {
        out->head = hr;
        out->first = first;
        out->last = last;
        out->zone = r;
    }
    /* The zone or a province covering fewer than all its counties says so
     * under the table (§4 v2). */
    unsigned tables = 0;
    for (size_t i = 0; i < n; i++)
        if (cols[i].metric >= 0)
            tables |= 1u << f->metrics[cols[i].metric].table;
    fs_wb_coverage_lines(s, f, tables);
}
