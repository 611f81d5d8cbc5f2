/*
 * wb_disputes.c — the Disputes sheet: disputes by county × type, by
 * county × mediation level, and the outcomes (resolved, pending,
 * escalated, litigation) with the resolution rate, cross-border disputes
 * and the median days to close.
 *
 * Types, levels, rates and medians are figures (ctx->fig).  The catalogue
 * has no figure per outcome other than `resolved`, so the outcome counts
 * are read here from the disputes cube of the live slices (ctx->db, same
 * snapshot), and checked against the figures (their sum is `disputes`,
 * their resolved count is `resolved`): a mismatch is a failure, never a
 * workbook that disagrees with metrics-Y.csv.
 */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "wb_int.h"

#define MAX_OUTCOMES 8

/* Dispute records per county and outcome of the year; NAN for counties
 * without disputes records. */
static fs_status load_outcomes(fs_wb *w, double out[][FS_ZONE_MAX], size_t nout)
{
    const fs_zone *z = w->zone;
    for (size_t o = 0; o < nout; o++)
        for (size_t c = 0; c < z->ncounties; c++)
            out[o][c] = w->fig->present[FS_T_DISPUTES] >> c & 1 ? 0 : NAN;
    static const char sql[] =
        "SELECT s.county, r.outcome, sum(r.n) FROM live_slices s JOIN cube_disputes r"
        " ON r.import_id = s.import_id AND r.county = s.county AND r.year = s.year"
        " WHERE s.tbl = 'disputes' AND s.year = ?1 GROUP BY s.county, r.outcome";
    fs_stmt *st;
    fs_status rc = fs_db_prepare(w->ctx->db, sql, &st);
    if (rc != FS_OK)
        return rc;
    fs_stmt_bind_int(st, 1, w->fig->year);
    int col = fs_column_index(FS_T_DISPUTES, "outcome");
    const fs_column *oc = &fs_tables[FS_T_DISPUTES].columns[col];
    bool row;
    while ((rc = fs_stmt_step(st, &row)) == FS_OK && row) {
        int c = fs_zone_by_code(z, fs_stmt_text(st, 0));
        const char *code = fs_stmt_text(st, 1);
        int o = fs_enum_find(oc, code, strlen(code));
        if (c < 0 || o < 0 || (size_t)o >= nout || !isfinite(out[o][c]))
            continue;
        out[o][c] += (double)fs_stmt_int(st, 2);
    }
    fs_stmt_free(st);
    return rc;
}

/* The outcome counts must agree with the figures of the same snapshot. */
static bool outcomes_agree(const fs_wb *w, double out[][FS_ZONE_MAX], size_t nout,
                           int resolved_o, int resolved)
{
    const fs_figures *f = w->fig;
    int disputes = fs_fig_metric_index(f, "disputes");
    for (size_t c = 0; c < w->zone->ncounties; c++) {
        int scope = fs_wb_scope_county(f, (int)c);
        double total = 0;
        for (size_t o = 0; o < nout; o++)
            total += isfinite(out[o][c]) ? out[o][c] : 0;
        double want = fs_wb_fig_cell(f, scope, disputes);
        if (isfinite(want) && total != want)
            return false;
        double want_resolved = fs_wb_fig_cell(f, scope, resolved);
        if (resolved_o >= 0 && isfinite(want_resolved) && out[resolved_o][c] != want_resolved)
            return false;
    }
    return true;
}

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
    char name[96];
    for (size_t i = 0; i < cc->nvalues && n + 2 < FS_WB_MAX_COLS; i++) {
        snprintf(name, sizeof name, "%s%s", prefix, cc->values[i].code);
        int m = fs_fig_metric_index(f, name);
        if (m >= 0)
            cols[n++] = (fs_wb_col){.head = fs_wb_enum(w, &cc->values[i]), .metric = m,
                                    .num = FS_WB_N_INT, .part = true};
    }
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_TOTAL),
                            .metric = fs_fig_metric_index(f, "disputes"), .num = FS_WB_N_INT,
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
    family(&s, FS_WB_L_DI_BY_TYPE, "disputes_type_", "type", &types, &types_last);
    family(&s, FS_WB_L_DI_BY_LEVEL, "disputes_level_", "level", &levels, &levels_last);

    int col = fs_column_index(FS_T_DISPUTES, "outcome");
    const fs_column *oc = &fs_tables[FS_T_DISPUTES].columns[col];
    size_t nout = oc->nvalues < MAX_OUTCOMES ? oc->nvalues : MAX_OUTCOMES;
    double out[MAX_OUTCOMES][FS_ZONE_MAX];
    fs_status st = load_outcomes(w, out, nout);
    if (st != FS_OK) {
        char msg[600];
        snprintf(msg, sizeof msg, _("cannot read the dispute outcomes: %s"),
                 st == FS_ERR_NOMEM ? _("out of memory") : fs_db_errmsg(w->ctx->db));
        fs_wb_fail(w, st, msg);
        return;
    }
    int resolved = fs_fig_metric_index(f, "resolved"), resolved_o = -1;
    for (size_t o = 0; o < nout; o++)
        if (strcmp(oc->values[o].code, "resolved") == 0)
            resolved_o = (int)o;
    if (!outcomes_agree(w, out, nout, resolved_o, resolved)) {
        fs_wb_fail(w, FS_ERR_DB, _("the dispute outcomes disagree with the figures of the same "
                                   "snapshot (the warehouse's disputes cube is inconsistent)"));
        return;
    }
    fs_wb_col cols[MAX_OUTCOMES + 5];
    size_t n = 0;
    for (size_t o = 0; o < nout; o++)
        cols[n++] =
            (fs_wb_col){.head = fs_wb_enum(w, &oc->values[o]),
                        .metric = strcmp(oc->values[o].code, "resolved") == 0 ? resolved : -1,
                        .values = out[o],
                        .num = FS_WB_N_INT,
                        .part = true};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_TOTAL),
                            .metric = fs_fig_metric_index(f, "disputes"), .num = FS_WB_N_INT,
                            .total = true};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_RATE),
                            .metric = fs_fig_metric_index(f, "resolution_pct"), .num = FS_WB_N_PCT};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_CROSS),
                            .metric = fs_fig_metric_index(f, "cross_disputes"), .num = FS_WB_N_INT,
                            .dedup = true};
    cols[n++] = (fs_wb_col){.head = fs_wb_l(w, FS_WB_L_DI_MEDIAN),
                            .metric = fs_fig_metric_index(f, "median_days_to_close"),
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
