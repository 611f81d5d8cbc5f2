/*
 * wb_sources.c — the Sources sheet: which submitted files the figures
 * come from, and the import history.
 *
 * "Files behind the figures" has one row per (file, county, year, table)
 * of the live records of every year up to the report's (the Trends sheet
 * uses them all; a report for Y shows years up to Y only): county, table,
 * records, file name, format, encoding, size, SHA-256, import and its
 * time.  The rows are ctx->sources: the import history records the slices
 * each file held (report_ctx.h), so nothing here reads the warehouse and
 * the sheet has the same shape whatever the warehouse's size.
 *
 * "Declared record counts" (§2.3 v2) has one row per county and record
 * table of the report's year: the count the county declared, the records
 * held, and whether they agree (a zero report, or the finding's kind).
 *
 * "Import history" has one row per slice of every import of a year up to
 * the report's (a report for Y shows years up to Y only: slices of later
 * years are left out): when, what it holds now (live, superseded,
 * reverted), and what it replaced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_int.h"

typedef struct src_row {
    fs_report_source src;
    const char *file; /* name, for sorting */
} src_row;

static const fs_wh_file_rec *file_by_id(const fs_wh_history *h, int64_t id)
{
    for (size_t i = 0; i < h->nfiles; i++)
        if (h->files[i].file_id == id)
            return &h->files[i];
    return NULL;
}

static const fs_wh_import_rec *import_by_id(const fs_wh_history *h, int64_t id)
{
    for (size_t i = 0; i < h->nimports; i++)
        if (h->imports[i].import_id == id)
            return &h->imports[i];
    return NULL;
}

static int cmp_rows(const void *a, const void *b)
{
    const fs_report_source *x = &((const src_row *)a)->src, *y = &((const src_row *)b)->src;
    if (x->year != y->year)
        return x->year > y->year ? -1 : 1; /* the report's year first */
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    int c = strcmp(((const src_row *)a)->file, ((const src_row *)b)->file);
    return c ? c : x->file_id < y->file_id ? -1 : x->file_id > y->file_id;
}

static void behind(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_report_ctx *ctx = w->ctx;
    const fs_wh_history *h = ctx->history;
    src_row *rows = malloc((ctx->nsources ? ctx->nsources : 1) * sizeof *rows);
    if (!rows) {
        fs_wb_fail(w, FS_ERR_NOMEM, "the files behind the figures");
        return;
    }
    for (size_t i = 0; i < ctx->nsources; i++) {
        const fs_wh_file_rec *fr = file_by_id(h, ctx->sources[i].file_id);
        rows[i] = (src_row){ctx->sources[i], fr && fr->name ? fr->name : ""};
    }
    size_t nrows = ctx->nsources;
    if (nrows > 1)
        qsort(rows, nrows, sizeof *rows, cmp_rows);

    fs_wb_section(s, fs_wb_l(w, FS_WB_L_SO_BEHIND));
    static const fs_wb_label heads[] = {FS_WB_L_YEAR,        FS_WB_L_COUNTY,  FS_WB_L_RC_TABLE,
                                        FS_WB_L_RECORDS,     FS_WB_L_SO_FILE, FS_WB_L_SO_FORMAT,
                                        FS_WB_L_SO_ENCODING, FS_WB_L_SO_SIZE, FS_WB_L_SO_SHA,
                                        FS_WB_L_SO_IMPORT,   FS_WB_L_SO_TIME};
    lxw_row_t hr = s->row++;
    for (size_t c = 0; c < sizeof heads / sizeof heads[0]; c++)
        fs_wb_head(s, hr, (lxw_col_t)c, fs_wb_l(w, heads[c]),
                   c == 1 || c == 2 || (c >= 4 && c <= 6) || c == 8);
    lxw_format *text = w->num[FS_WB_R_BODY][FS_WB_N_TEXT];
    char y[16];
    for (size_t i = 0; i < nrows; i++) {
        const fs_report_source *sr = &rows[i].src;
        lxw_row_t r = s->row++;
        const fs_wh_file_rec *fr = file_by_id(h, sr->file_id);
        const fs_wh_import_rec *ir = import_by_id(h, sr->import_id);
        snprintf(y, sizeof y, "%d", sr->year);
        fs_wb_text(s, r, 0, y, text);
        fs_wb_text(s, r, 1, fs_wb_county(w, sr->county), w->county_fmt[sr->county]);
        fs_wb_text(s, r, 2, fs_wb_table_name(w, sr->table), text);
        fs_wb_number(s, r, 3, (double)sr->records, FS_WB_R_BODY, FS_WB_N_INT);
        fs_wb_text(s, r, 4, fr ? fr->name : "", w->fmt[FS_WB_F_WRAP]);
        fs_wb_text(s, r, 5, fr ? fr->format : "", text);
        bool enc = fr && fr->encoding && fr->encoding[0];
        fs_wb_text(s, r, 6, enc ? fr->encoding : fs_wb_l(w, FS_WB_L_SO_ENC_NONE), text);
        if (fr)
            fs_wb_number(s, r, 7, (double)fr->size, FS_WB_R_BODY, FS_WB_N_INT);
        else
            fs_wb_blank(s, r, 7, text);
        fs_wb_text(s, r, 8, fr ? fr->sha256 : "", w->fmt[FS_WB_F_MONO]);
        fs_wb_number(s, r, 9, (double)sr->import_id, FS_WB_R_BODY, FS_WB_N_INT);
        fs_wb_date(s, r, 10, ir ? ir->imported_at : "", FS_WB_R_BODY, FS_WB_N_DATETIME);
    }
    lxw_row_t last = nrows ? s->row - 1 : hr;
    worksheet_autofilter(s->ws, hr, 0, last, 10);
    free(rows);
}

static void history(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_wh_history *h = w->ctx->history;
    s->row++;
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_SO_HISTORY));
    static const fs_wb_label heads[] = {FS_WB_L_SO_IMPORT, FS_WB_L_SO_TIME,    FS_WB_L_SO_STATE,
                                        FS_WB_L_RC_TABLE,  FS_WB_L_COUNTY,     FS_WB_L_YEAR,
                                        FS_WB_L_RECORDS,   FS_WB_L_SO_REPLACED};
    lxw_row_t hr = s->row++;
    for (size_t c = 0; c < sizeof heads / sizeof heads[0]; c++)
        fs_wb_head(s, hr, (lxw_col_t)c, fs_wb_l(w, heads[c]), c >= 2 && c <= 4);
    lxw_format *text = w->num[FS_WB_R_BODY][FS_WB_N_TEXT];
    char buf[256], a[32], b[32];
    for (size_t i = 0; i < h->nslices; i++) {
        const fs_wh_slice_rec *sl = &h->slices[i];
        if (sl->year > w->fig->year)
            continue; /* a later year: not in this report (§4 v2) */
        const fs_wh_import_rec *ir = import_by_id(h, sl->import_id);
        lxw_row_t r = s->row++;
        fs_wb_number(s, r, 0, (double)sl->import_id, FS_WB_R_BODY, FS_WB_N_INT);
        fs_wb_date(s, r, 1, ir ? ir->imported_at : "", FS_WB_R_BODY, FS_WB_N_DATETIME);
        if (ir && ir->reverted_at[0]) {
            char when[32];
            snprintf(when, sizeof when, "%.10s", ir->reverted_at);
            fs_wb_text(s, r, 2, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_SO_REVERTED, when, NULL),
                       w->muted[FS_WB_R_BODY]);
        } else {
            fs_wb_text(s, r, 2, fs_wb_l(w, sl->live ? FS_WB_L_SO_LIVE : FS_WB_L_SO_SUPERSEDED),
                       sl->live ? text : w->muted[FS_WB_R_BODY]);
        }
        int t = fs_table_by_name(sl->tbl, strlen(sl->tbl));
        fs_wb_text(s, r, 3, t >= 0 ? fs_wb_table_name(w, (fs_table)t) : sl->tbl, text);
        int c = fs_zone_by_code(w->zone, sl->county);
        fs_wb_text(s, r, 4, c >= 0 ? fs_wb_county(w, c) : sl->county,
                   c >= 0 ? w->county_fmt[c] : text);
        snprintf(a, sizeof a, "%d", sl->year);
        fs_wb_text(s, r, 5, a, text);
        fs_wb_number(s, r, 6, (double)sl->records, FS_WB_R_BODY, FS_WB_N_INT);
        if (sl->superseded_import > 0) {
            snprintf(a, sizeof a, "%lld", (long long)sl->superseded_import);
            snprintf(b, sizeof b, "%lld", (long long)sl->superseded_records);
            fs_wb_text(s, r, 7, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_SO_REPLACED_VAL, a, b), text);
        } else {
            fs_wb_blank(s, r, 7, text);
        }
    }
}

/* The finding about county c's table t, or NULL. */
static const fs_finding *declared_finding(const fs_figures *f, int c, fs_table t)
{
    for (size_t i = 0; i < f->nfindings; i++)
        if (f->findings[i].county == c && f->findings[i].table == t)
            return &f->findings[i];
    return NULL;
}

static void declared(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    char buf[512], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    fs_wb_section(s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_SO_DECLARED_HEAD, y, NULL));
    static const fs_wb_label heads[] = {FS_WB_L_COUNTY, FS_WB_L_RC_TABLE, FS_WB_L_SO_DECLARED,
                                        FS_WB_L_SO_HELD, FS_WB_L_SO_DECL_STATE};
    lxw_row_t hr = s->row++;
    for (size_t c = 0; c < sizeof heads / sizeof heads[0]; c++)
        fs_wb_head(s, hr, (lxw_col_t)c, fs_wb_l(w, heads[c]), c < 2 || c == 4);
    static const fs_table tables[] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION};
    lxw_format *text = w->num[FS_WB_R_BODY][FS_WB_N_TEXT];
    for (size_t c = 0; c < w->zone->ncounties; c++)
        for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
            fs_table t = tables[k];
            int64_t d = fs_fig_declared(f, (int)c, t), held = fs_fig_held(f, (int)c, t);
            lxw_row_t r = s->row++;
            fs_wb_text(s, r, 0, fs_wb_county(w, (int)c), w->county_fmt[c]);
            fs_wb_text(s, r, 1, fs_wb_table_name(w, t), text);
            if (d >= 0)
                fs_wb_number(s, r, 2, (double)d / 100.0, FS_WB_R_BODY,
                             d % 100 ? FS_WB_N_DEC2 : FS_WB_N_INT);
            else
                fs_wb_text(s, r, 2, fs_wb_l(w, FS_WB_L_SO_DECL_NONE), w->muted[FS_WB_R_BODY]);
            fs_wb_number(s, r, 3, (double)held, FS_WB_R_BODY, FS_WB_N_INT);
            const fs_finding *x = declared_finding(f, (int)c, t);
            if (x) {
                fs_wb_label kl = x->kind == FS_FINDING_INCOMPLETE ? FS_WB_L_RC_K_INCOMPLETE
                                 : x->kind == FS_FINDING_SURPLUS  ? FS_WB_L_RC_K_SURPLUS
                                                                  : FS_WB_L_RC_K_DECLARED_ZERO;
                fs_wb_text(s, r, 4, fs_wb_l(w, kl), w->fmt[FS_WB_F_FINDING]);
            } else if (d == 0) {
                fs_wb_text(s, r, 4, fs_wb_l(w, FS_WB_L_SO_DECL_ZERO), text);
            } else if (d > 0) {
                fs_wb_text(s, r, 4, fs_wb_l(w, FS_WB_L_SO_DECL_OK), text);
            } else {
                fs_wb_blank(s, r, 4, text);
            }
        }
    fs_wb_footnote(s, fs_wb_l(w, FS_WB_L_SO_DECL_NOTE));
    s->row++;
}

void fs_wb_sources(fs_wb *w)
{
    fs_wb_sheet s;
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_SOURCES, fs_wb_l(w, FS_WB_L_HEAD_SOURCES), NULL);
    if (!s.ws)
        return;
    /* fixed widths: the file column and the SHA-256 wrap (two lines of
     * 32 digits) so the sheet prints one page wide at a readable size */
    s.cap[4] = 36;
    s.cap[8] = 24;
    declared(&s);
    behind(&s);
    history(&s);
    fs_wb_freeze_below_head(&s, 0);
    fs_wb_sheet_end(&s);
}
