/*
 * wb_defs.c — the Definitions sheet: one line per figure of the
 * catalogue (figdefs.c, expanded per family value) saying how it is
 * computed, its unit, its table, and how the Counties sheet totals it, so
 * a reader of the printed booklet can check any number.  The general
 * rules (year on year, no data is not zero, scopes) follow the table.
 */
#include <stdio.h>

#include "wb_int.h"

void fs_wb_defs(fs_wb *w)
{
    const fs_figures *f = w->fig;
    fs_wb_sheet s;
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_DEFS, fs_wb_l(w, FS_WB_L_HEAD_DEFS), NULL);
    if (!s.ws)
        return;
    static const fs_wb_label heads[] = {FS_WB_L_DF_METRIC, FS_WB_L_DF_NAME, FS_WB_L_OV_UNIT,
                                        FS_WB_L_DF_TABLE,  FS_WB_L_DF_HOW,  FS_WB_L_DF_TOTALS};
    const lxw_col_t ncols = sizeof heads / sizeof heads[0];
    s.cap[1] = 26;
    s.cap[4] = 60;
    s.cap[5] = 24;
    s.min[4] = 50;
    lxw_row_t hr = s.row++;
    for (lxw_col_t c = 0; c < ncols; c++)
        fs_wb_head(&s, hr, c, fs_wb_l(w, heads[c]), true);
    lxw_format *text = w->num[FS_WB_R_BODY][FS_WB_N_TEXT], *wrap = w->fmt[FS_WB_F_WRAP];
    char buf[512];
    for (size_t m = 0; m < f->nmetrics; m++) {
        const fs_fig_metric *mt = &f->metrics[m];
        if (mt->base >= 0)
            continue; /* year-on-year: one rule below */
        lxw_row_t r = s.row++;
        fs_wb_text(&s, r, 0, mt->name, text);
        fs_wb_text(&s, r, 1, fs_wb_metric_label(w, f, (int)m, buf, sizeof buf), wrap);
        fs_wb_text(&s, r, 2, w->lang == FS_LANG_ZH ? mt->unit_zh : mt->unit_en, text);
        fs_wb_text(&s, r, 3, fs_wb_table_name(w, mt->table), text);
        fs_wb_text(&s, r, 4, w->lang == FS_LANG_ZH ? mt->doc_zh : mt->doc_en, wrap);
        fs_wb_text(&s, r, 5, fs_wb_l(w, fs_wb_total_label(mt)), wrap);
    }
    lxw_row_t last = s.row - 1;
    worksheet_autofilter(s.ws, hr, 0, last, ncols - 1);
    worksheet_freeze_panes(s.ws, hr + 1, 1);
    s.repeat_last = hr;
    s.row++;
    char y[16];
    snprintf(y, sizeof y, "%d", f->year);
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_DF_YOY), ncols - 1);
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_DF_NODATA), ncols - 1);
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_DF_SCOPES), ncols - 1);
    fs_wb_paragraph(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_DEDUP), ncols - 1);
    fs_wb_paragraph(&s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_CR_REG_NOTE, y, NULL), ncols - 1);
    fs_wb_sheet_end(&s);
}
