/*
 * wb_recon.c — the Reconciliation sheet: the year's findings (figures.h:
 * unconfirmed cross-regional cases, category and kind disagreements,
 * joint activities dated too far apart, declared record counts that
 * disagree with the records held), one per row, filterable, with
 * the explanation a county clerk can act on, in the workbook's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_int.h"

static fs_wb_label kind_label(fs_finding_kind k)
{
    switch (k) {
    case FS_FINDING_UNCONFIRMED: return FS_WB_L_RC_K_UNCONFIRMED;
    case FS_FINDING_CATEGORY: return FS_WB_L_RC_K_CATEGORY;
    case FS_FINDING_KIND: return FS_WB_L_RC_K_KIND;
    case FS_FINDING_DATES: return FS_WB_L_RC_K_DATES;
    case FS_FINDING_INCOMPLETE: return FS_WB_L_RC_K_INCOMPLETE;
    case FS_FINDING_SURPLUS: return FS_WB_L_RC_K_SURPLUS;
    case FS_FINDING_DECLARED_ZERO: return FS_WB_L_RC_K_DECLARED_ZERO;
    }
    return FS_WB_L_RC_KIND;
}

void fs_wb_recon(fs_wb *w)
{
    const fs_figures *f = w->fig;
    fs_wb_sheet s;
    char buf[1024], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_RECON,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_RECON, y, NULL), NULL);
    if (!s.ws)
        return;
    static const fs_wb_label heads[] = {FS_WB_L_RC_NO,      FS_WB_L_RC_KIND,     FS_WB_L_RC_TABLE,
                                        FS_WB_L_RC_REF,     FS_WB_L_RC_COUNTIES, FS_WB_L_RC_MISSING,
                                        FS_WB_L_RC_RECORDS, FS_WB_L_RC_TEXT};
    const lxw_col_t ncols = sizeof heads / sizeof heads[0];
    lxw_row_t hr = s.row++;
    for (lxw_col_t c = 0; c < ncols; c++)
        fs_wb_head(&s, hr, c, fs_wb_l(w, heads[c]), c != 0);
    /* Fixed, wrapping widths: one page wide at 8.5 pt or more (the long
     * columns wrap instead of shrinking the page to ~4 pt). */
    s.cap[1] = 14;
    s.cap[2] = 12;
    s.cap[3] = 14;
    s.cap[4] = 18;
    s.cap[5] = 12;
    s.cap[6] = 20;
    s.cap[7] = 50;
    s.min[7] = 40;
    lxw_format *text = w->fmt[FS_WB_F_WRAP];
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *fd = &f->findings[i];
        lxw_row_t r = s.row++;
        fs_wb_number(&s, r, 0, (double)(i + 1), FS_WB_R_BODY, FS_WB_N_INT);
        fs_wb_text(&s, r, 1, fs_wb_l(w, kind_label(fd->kind)), w->fmt[FS_WB_F_FINDING]);
        fs_wb_text(&s, r, 2, fs_wb_table_name(w, fd->table), text);
        /* a declared count has no reference: say what it is, and the two
         * counts in words (the findings file keeps the machine form) */
        bool decl = fd->county >= 0;
        fs_wb_text(&s, r, 3, decl ? fs_wb_l(w, FS_WB_L_DQ_DECL_OBJ) : fd->ref, text);
        fs_wb_text(&s, r, 4, fs_wb_county_list(w, fd->counties, buf, sizeof buf), text);
        fs_wb_text(&s, r, 5, fs_wb_county_list(w, fd->missing, buf, sizeof buf), text);
        /* One record per line: "320321:FX-1\n341321:DS-9". */
        char *records = strdup(fd->records ? fd->records : "");
        if (!records) {
            fs_wb_fail(w, FS_ERR_NOMEM, "out of memory");
            break;
        }
        for (char *p = records; *p; p++)
            if (*p == ';')
                *p = '\n';
        if (decl) {
            char dn[32], hn[32];
            snprintf(dn, sizeof dn, "%lld", (long long)(fd->declared / 100));
            snprintf(hn, sizeof hn, "%lld", (long long)fd->held);
            const char *args[] = {dn, hn, ""};
            fs_wb_fill(buf, sizeof buf, fs_wb_l(w, FS_WB_L_DQ_DECLARED_HELD), args, 3);
            fs_wb_text(&s, r, 6, buf, text);
        } else {
            fs_wb_text(&s, r, 6, records, text);
        }
        free(records);
        fs_wb_text(&s, r, 7, w->lang == FS_LANG_ZH ? fd->text_zh : fd->text_en, text);
    }
    if (f->nfindings == 0)
        fs_wb_text_free(&s, s.row++, 0, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_RC_NONE, y, NULL),
                        w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
    lxw_row_t last = f->nfindings ? s.row - 1 : hr;
    worksheet_autofilter(s.ws, hr, 0, last, ncols - 1);
    worksheet_freeze_panes(s.ws, hr + 1, 0);
    s.repeat_last = hr;
    fs_wb_sheet_end(&s);
}
