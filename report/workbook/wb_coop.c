/*
 * wb_coop.c — the Cooperation sheet: activities by county × kind (with
 * fugitives caught, clues verified, participants), the cooperation matrix
 * (activities in which both counties took part) and the assistance matrix
 * (case records of the column county in which the row county assisted),
 * both with a colour scale, and a native chart of activities by county.
 *
 * A county's activities are those it reported; the zone counts a joint
 * activity once, so the zone row of every cooperation figure is the zone's
 * own figure (marked †), while the row totals (activities = sum of the
 * kinds) stay formulas.
 */
#include <stdio.h>
#include <string.h>

#include "chart_palette.h"
#include "wb_int.h"

static fs_wb_table_rows by_kind(fs_wb_sheet *s, lxw_col_t *total_col, lxw_col_t *last_col)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    int col = fs_column_index(FS_T_COOPERATION, "kind");
    const fs_column *kc = &fs_tables[FS_T_COOPERATION].columns[col];
    fs_wb_col cols[FS_WB_MAX_COLS];
    size_t n = 0;
    /* Headers name the figures as every sheet does (fs_wb_metric_label): the
     * value's name, or the figure's own where the value's name alone could be
     * taken for another figure (M_JOINT_MED: a kind and a level are both "联合调解"). */
    char name[96], heads[FS_WB_MAX_COLS][96];
    for (size_t i = 0; i < kc->nvalues && n + 5 < FS_WB_MAX_COLS; i++) {
        snprintf(name, sizeof name, "%s%s", FS_MN(activities_), kc->values[i].code);
        int m = fs_fig_metric_index(f, name);
        if (m < 0)
            continue;
        const char *head = fs_wb_metric_label(w, f, m, heads[n], sizeof heads[n]);
        cols[n++] =
            (fs_wb_col){.head = head, .metric = m, .num = FS_WB_N_INT, .part = true, .dedup = true};
    }
    *total_col = (lxw_col_t)(1 + n);
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_TOTAL),
                            .metric = fs_fig_metric_index(f, FS_MN(activities)),
                            .num = FS_WB_N_INT,
                            .total = true};
    static const struct {
        const char *metric;
        fs_wb_label label;
    } extra[] = {{FS_MN(fugitives_caught), FS_WB_L_M_FUGITIVES},
                 {FS_MN(clues_verified), FS_WB_L_M_CLUES},
                 {FS_MN(participants), FS_WB_L_M_PARTICIPANTS}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        cols[n++] = (fs_wb_col){.head = fs_wb_l(w, extra[i].label),
                                .metric = fs_fig_metric_index(f, extra[i].metric),
                                .num = FS_WB_N_INT,
                                .dedup = true};
    fs_wb_table_rows rows;
    fs_wb_county_table(s, fs_wb_l(w, FS_WB_L_CP_BY_KIND), cols, n, &rows);
    *last_col = (lxw_col_t)n;
    fs_wb_paragraph(s, fs_wb_l(w, FS_WB_L_CP_KIND_NOTE), (lxw_col_t)n);
    fs_wb_paragraph(s, fs_wb_l(w, FS_WB_L_CO_NOTE_DEDUP), (lxw_col_t)n);
    return rows;
}

/* A county × county matrix of the family "PREFIX<code>" (coop_, assist_);
 * with_totals adds a row-total column and a column-total row. */
static void matrix(fs_wb_sheet *s, fs_wb_label title, const char *prefix, bool with_totals)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    const fs_zone *z = w->zone;
    size_t nc = z->ncounties;
    s->row++;
    fs_wb_section(s, fs_wb_l(w, title));
    lxw_row_t hr = s->row++;
    fs_wb_head(s, hr, 0, fs_wb_l(w, FS_WB_L_COUNTY), true);
    for (size_t b = 0; b < nc; b++)
        fs_wb_head(s, hr, (lxw_col_t)(1 + b), fs_wb_county(w, (int)b), false);
    lxw_col_t tc = (lxw_col_t)(1 + nc);
    if (with_totals)
        fs_wb_head(s, hr, tc, fs_wb_l(w, FS_WB_L_CP_ROW_TOTAL), false);
    lxw_row_t first = s->row;
    double colsum[FS_ZONE_MAX] = {0};
    bool colany[FS_ZONE_MAX] = {false};
    char name[96], formula[96], a[16], bb[16];
    for (size_t r = 0; r < nc; r++) {
        lxw_row_t row = s->row++;
        int scope = fs_wb_scope_county(f, (int)r);
        fs_wb_text(s, row, 0, fs_wb_county(w, (int)r), w->county_fmt[r]);
        double sum = 0;
        bool any = false;
        for (size_t b = 0; b < nc; b++) {
            lxw_col_t c = (lxw_col_t)(1 + b);
            if (b == r) {
                fs_wb_text(s, row, c, "—", w->fmt[FS_WB_F_DIAG]);
                continue;
            }
            snprintf(name, sizeof name, "%s%s", prefix, z->counties[b].code);
            double x = fs_wb_fig(s, row, c, f, scope, fs_fig_metric_index(f, name), FS_WB_R_BODY);
            if (isfinite(x)) {
                sum += x;
                any = true;
                colsum[b] += x;
                colany[b] = true;
            }
        }
        if (with_totals) {
            if (any) {
                snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(row, 1, a),
                         fs_wb_ref(row, (lxw_col_t)nc, bb));
                fs_wb_formula(s, row, tc, formula, sum, FS_WB_R_BODY, FS_WB_N_INT);
            } else {
                fs_wb_text(s, row, tc, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[FS_WB_R_BODY]);
            }
        }
    }
    lxw_row_t last = s->row - 1;
    fs_wb_color_scale(s, first, 1, last, (lxw_col_t)nc, 0xFFFFFFu, 0x6FA8DCu);
    if (!with_totals)
        return;
    lxw_row_t row = s->row++;
    fs_wb_text(s, row, 0, fs_wb_l(w, FS_WB_L_CP_COL_TOTAL), w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
    double all = 0;
    for (size_t b = 0; b <= nc; b++) {
        lxw_col_t c = (lxw_col_t)(1 + b);
        bool any = b < nc ? colany[b] : true;
        double v = b < nc ? colsum[b] : all;
        if (b < nc)
            all += colsum[b];
        if (!any) {
            fs_wb_text(s, row, c, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[FS_WB_R_TOTAL]);
            continue;
        }
        snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(first, c, a),
                 fs_wb_ref(last, c, bb));
        fs_wb_formula(s, row, c, formula, v, FS_WB_R_TOTAL, FS_WB_N_INT);
    }
}

static void chart(fs_wb_sheet *s, const fs_wb_table_rows *rows, lxw_col_t total_col, lxw_row_t at)
{
    fs_wb *w = s->wb;
    size_t nc = w->zone->ncounties;
    if (nc == 0 || nc > FS_WB_MAX_COLS)
        return;
    char title[256], y[16];
    snprintf(y, sizeof y, "%d", w->fig->year);
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_COLUMN);
    lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(ser, s->name, rows->first, 0, rows->last, 0);
    double v[FS_ZONE_MAX];
    int m = fs_fig_metric_index(w->fig, FS_MN(activities));
    for (size_t c = 0; c < nc && c < FS_ZONE_MAX; c++)
        v[c] = fs_wb_fig_cell(w->fig, fs_wb_scope_county(w->fig, (int)c), m);
    fs_wb_series_values(s, ch, ser, rows->first, total_col, rows->last, total_col, v,
                        nc < FS_ZONE_MAX ? nc : FS_ZONE_MAX);
    chart_series_set_name(ser, fs_wb_l(w, FS_WB_L_M_ACTIVITIES));
    /* one colour: the county is on the axis (charts/README.md) */
    fs_wb_series_color(ser, FSC_RGB_GOOD, false);
    chart_series_set_labels(ser);
    fs_wb_chart_style(w, ch, fs_wb_lf(w, title, sizeof title, FS_WB_L_CP_CHART, y, NULL));
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    fs_wb_insert_chart(s, at, 0, ch, 1.25, 1.25);
}

void fs_wb_coop(fs_wb *w)
{
    fs_wb_sheet s;
    char buf[256], y[16];
    snprintf(y, sizeof y, "%d", w->fig->year);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_COOP,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_COOP, y, NULL), NULL);
    if (!s.ws)
        return;
    lxw_col_t total_col = 0, last_col = 0;
    fs_wb_table_rows rows = by_kind(&s, &total_col, &last_col);
    worksheet_autofilter(s.ws, rows.head, 0, rows.last, last_col);
    matrix(&s, FS_WB_L_CP_MATRIX, FS_MN(coop_), false);
    matrix(&s, FS_WB_L_CP_ASSIST, FS_MN(assist_), true);
    s.row += 2;
    fs_wb_page_break(&s, s.row - 1);
    chart(&s, &rows, total_col, s.row);
    s.row += FS_WB_CHART_ROWS + 1;
    fs_wb_picture_page(&s, FS_RC_ASSISTANCE);
    fs_wb_freeze_below_head(&s, 1);
    for (int c = 1; c <= 13; c++)
        s.min[c] = 7;
    fs_wb_sheet_end(&s);
}
