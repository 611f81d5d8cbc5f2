/*
 * wb_disputes.c — the Disputes sheet: disputes by county × type, by
 * county × mediation level, and the outcomes (resolved, pending,
 * escalated, litigation) with the resolution rate, cross-border disputes
 * and the median days to close.
 *
 * Every column is a figure of ctx->fig (types, levels and outcomes are
 * the families disputes_type_*, disputes_level_* and disputes_outcome_*
 * of the catalogue), so the sheet always agrees with metrics-Y.csv.
 */
#include <stdio.h>
#include <string.h>

#include "wb_int.h"

/* A county table of a family of figures ("disputes_type_%s") + total. */
static void family(fs_wb_sheet *s, fs_wb_label title, const char *prefix, const char *dim,
                   fs_wb_table_rows *rows, lxw_col_t *last)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    int col = fs_column_index(FS_T_DISPUTES, dim);
    if (col < 0)
        return;
    const fs_column *cc = &fs_tables[FS_T_DISPUTES].columns[col];
    fs_wb_col cols[FS_WB_MAX_COLS];
    size_t n = 0;
    /* Headers name the figures as every sheet does (fs_wb_metric_label): the
     * value's name, or the figure's own where the value's name alone could be
     * taken for another figure (M_LEVEL_JOINT: a level and a kind are both "联合调解"). */
    char name[96], heads[FS_WB_MAX_COLS][96];
    for (size_t i = 0; i < cc->nvalues && n + 2 < FS_WB_MAX_COLS; i++) {
        snprintf(name, sizeof name, "%s%s", prefix, cc->values[i].code);
        int m = fs_fig_metric_index(f, name);
        if (m < 0)
            continue;
        const char *head = fs_wb_metric_label(w, f, m, heads[n], sizeof heads[n]);
        cols[n++] = (fs_wb_col){.head = head, .metric = m, .num = FS_WB_N_INT, .part = true};
    }
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_TOTAL),
                            .metric = fs_fig_metric_index(f, FS_MN(disputes)),
                            .num = FS_WB_N_INT,
                            .total = true};
    fs_wb_county_table(s, fs_wb_l(w, title), cols, n, rows);
    *last = (lxw_col_t)n;
    s->row++;
}

void fs_wb_disputes(fs_wb *w)
{
    const fs_figures *f = w->fig;
    fs_wb_sheet s;
    char buf[256], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_DISPUTES,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_DISPUTES, y, NULL), NULL);
    if (!s.ws)
        return;
    fs_wb_table_rows types = {0}, levels;
    lxw_col_t types_last = 0, levels_last;
    family(&s, FS_WB_L_DI_BY_TYPE, FS_MN(disputes_type_), "type", &types, &types_last);
    family(&s, FS_WB_L_DI_BY_LEVEL, FS_MN(disputes_level_), "level", &levels, &levels_last);

    /* Outcomes: one column per outcome figure, then the total. */
    int col = fs_column_index(FS_T_DISPUTES, "outcome");
    const fs_column *oc = col >= 0 ? &fs_tables[FS_T_DISPUTES].columns[col] : NULL;
    fs_wb_col cols[FS_WB_MAX_COLS];
    size_t n = 0;
    char name[96];
    for (size_t o = 0; oc && o < oc->nvalues && n + 5 < FS_WB_MAX_COLS; o++) {
        snprintf(name, sizeof name, "%s%s", FS_MN(disputes_outcome_), oc->values[o].code);
        int m = fs_fig_metric_index(f, name);
        if (m >= 0)
            cols[n++] = (fs_wb_col){.head = fs_wb_enum(w, &oc->values[o]),
                                    .metric = m,
                                    .num = FS_WB_N_INT,
                                    .part = true};
    }
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_TOTAL),
                            .metric = fs_fig_metric_index(f, FS_MN(disputes)),
                            .num = FS_WB_N_INT,
                            .total = true};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_RATE),
                            .metric = fs_fig_metric_index(f, FS_MN(resolution_pct)),
                            .num = FS_WB_N_PCT};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_CROSS),
                            .metric = fs_fig_metric_index(f, FS_MN(cross_disputes)),
                            .num = FS_WB_N_INT,
                            .dedup = true};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_MEDIAN),
                            .metric = fs_fig_metric_index(f, FS_MN(median_days_to_close)),
                            .num = FS_WB_N_DEC1};
    fs_wb_county_table(&s, fs_wb_l(w, FS_WB_L_DI_OUTCOMES), cols, n, NULL);
    if (types_last > 0)
        worksheet_autofilter(s.ws, types.head, 0, types.last, types_last);
    s.row++;
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_DEDUP), (lxw_col_t)n);
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_NODATA), (lxw_col_t)n);
    s.row += 1;
    fs_wb_picture_page(&s, FS_RC_DISPUTES);
    fs_wb_picture_page(&s, FS_RC_MEDIATION);
    fs_wb_freeze_below_head(&s, 1);
    for (int c = 1; c <= 10; c++)
        s.min[c] = 7;
    fs_wb_sheet_end(&s);
}
