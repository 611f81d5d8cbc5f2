/*
 * wb_overview.c — the Overview sheet of the forum workbook: the forum
 * (title, ordinal, host from the rotation, year), the zone's headline
 * figures with last year's value and the change (arrow and colour: blue
 * when the change is good news, orange when it is bad news), who has not
 * submitted what (records received per county and table), and the number
 * of reconciliation findings.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "doctime.h"
#include "wb_int.h"

/* The data's date where the zone is (doctime.h), "2024-11-28", in buf. */
static const char *asof_date(const fs_wb *w, char *buf, size_t size)
{
    struct tm tm;
    if (!fs_doc_tm(w->ctx->epoch, w->zone->utc_offset_min, &tm) ||
        !strftime(buf, size, "%Y-%m-%d", &tm))
        buf[0] = '\0';
    return buf;
}

/* Records of (county, table) live for the year, from the import history;
 * -1 when the county sent none. */
static void live_records(const fs_wb *w, int year, long long counts[][FS_T_COUNT])
{
    for (size_t c = 0; c < w->zone->ncounties; c++)
        for (int t = 0; t < FS_T_COUNT; t++)
            counts[c][t] = -1;
    const fs_wh_history *h = w->ctx->history;
    for (size_t i = 0; h && i < h->nslices; i++) {
        const fs_wh_slice_rec *sl = &h->slices[i];
        if (!sl->live || sl->year != year)
            continue;
        int c = fs_zone_by_code(w->zone, sl->county);
        int t = fs_table_by_name(sl->tbl, strlen(sl->tbl));
        if (c < 0 || t < 0)
            continue;
        counts[c][t] = (counts[c][t] < 0 ? 0 : counts[c][t]) + sl->records;
    }
}

/* Key facts: label in A, value spilling to the right from B. */
static void fact(fs_wb_sheet *s, fs_wb_label label, const char *value)
{
    fs_wb *w = s->wb;
    fs_wb_text(s, s->row, 0, fs_wb_l(w, label), w->fmt[FS_WB_F_LABEL]);
    fs_wb_text_free(s, s->row, 1, value, w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
    s->row++;
}

static void facts(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    char buf[1024], n[32], y[16];
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_OV_FACTS));
    if (f->ordinal > 0) {
        fs_wb_ordinal(w, f->ordinal, n, sizeof n);
        fact(s, FS_WB_L_OV_ORDINAL, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_ORDINAL_VAL, n, NULL));
    }
    snprintf(y, sizeof y, "%d", f->year);
    fact(s, FS_WB_L_OV_YEAR, y);
    if (f->host >= 0)
        fact(s, FS_WB_L_OV_HOST, fs_wb_county(w, f->host));
    fs_county_set all =
        w->zone->ncounties >= 64 ? ~(fs_county_set)0 : ((fs_county_set)1 << w->zone->ncounties) - 1;
    fact(s, FS_WB_L_OV_MEMBERS, fs_wb_county_list(w, all, buf, sizeof buf));
    snprintf(n, sizeof n, "%zu", f->nfindings);
    fact(s, FS_WB_L_OV_FINDINGS,
         fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_FINDINGS_VAL, n, fs_wb_l(w, FS_WB_L_SHEET_RECON)));
    fact(s, FS_WB_L_OV_ASOF, asof_date(w, y, sizeof y));
    fact(s, FS_WB_L_OV_PREPARED, fs_wb_secretariat(w));
}

/* A headline figure: as fs_wb_fig, money in 万元 (the cell holds yuan /
 * 10 000, unrounded, shown with two decimals). */
static void headline_value(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const fs_figures *f, int scope,
                           int m, bool wan)
{
    double v = wan ? fs_wb_fig_cell(f, scope, m) : NAN;
    if (isfinite(v))
        fs_wb_number(s, r, c, v / 10000.0, FS_WB_R_BODY, FS_WB_N_DEC2);
    else
        fs_wb_fig(s, r, c, f, scope, m, FS_WB_R_BODY);
}

/* Whether the warehouse holds anything of the year before f's (a record
 * or a zero report of any table, of any county).  Without it there is
 * nothing to compare with: the first year of data, or a year after a gap. */
static bool held_before(const fs_figures *f)
{
    for (int t = 0; t < FS_T_COUNT; t++)
        if (f->present_prev[t])
            return true;
    return false;
}

static void headline(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    const fs_figures *prev = fs_report_ctx_year(w->ctx, f->year - 1);
    if (!held_before(f))
        prev = NULL;
    int zone = fs_wb_scope_zone(f), pzone = prev ? fs_wb_scope_zone(prev) : -1;
    char buf[256], y0[16], y1[16];
    snprintf(y0, sizeof y0, "%d", f->year);
    snprintf(y1, sizeof y1, "%d", f->year - 1);
    s->row++;
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_OV_HEADLINE));
    lxw_row_t hr = s->row++;
    fs_wb_head(s, hr, 0, fs_wb_l(w, FS_WB_L_OV_FIGURE), true);
    fs_wb_head(s, hr, 1, y0, false);
    fs_wb_head(s, hr, 2, y1, false);
    fs_wb_head(s, hr, 3, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_CHANGE, y1, NULL), false);
    fs_wb_head(s, hr, 4, fs_wb_l(w, FS_WB_L_OV_UNIT), true);
    fs_wb_head(s, hr, 5, fs_wb_l(w, FS_WB_L_COVER_HEAD), true);
    lxw_row_t first = s->row;
    for (size_t i = 0; i < fs_wb_nheadline; i++) {
        int m = fs_fig_metric_index(f, fs_wb_headline[i]);
        if (m < 0)
            continue;
        lxw_row_t r = s->row++;
        /* Money is shown in 万元 with two decimals here (§4 v2
         * presentation); the Counties and the county tables keep the
         * exact yuan of the metrics file. */
        bool wan = fs_wb_metric_num(&f->metrics[m]) == FS_WB_N_MONEY;
        fs_wb_metric_label(w, f, m, buf, sizeof buf);
        if (wan)
            fs_wb_strip_unit(buf);
        fs_wb_text(s, r, 0, buf, w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        headline_value(s, r, 1, f, zone, m, wan);
        /* No previous year held: one statement over both columns (below),
         * not "no data" in every row, which read as if every county had
         * failed to send that year. */
        if (prev) {
            int pm = fs_fig_metric_index(prev, fs_wb_headline[i]);
            headline_value(s, r, 2, prev, pzone, pm, wan);
            fs_wb_yoy_cell(s, r, 3, f, zone, fs_wb_yoy_metric(f, fs_wb_headline[i]));
        }
        fs_wb_text(s, r, 4,
                   wan                     ? fs_wb_l(w, FS_WB_L_OV_UNIT_WAN)
                   : w->lang == FS_LANG_ZH ? f->metrics[m].unit_zh
                                           : f->metrics[m].unit_en,
                   w->muted[FS_WB_R_BODY]);
        /* how many of the zone's counties the figure covers: "6/7县" */
        char cover[64];
        if (zone >= 0 && fs_fig_value_at(f, (size_t)zone, (size_t)m)->state != FS_FIG_ABSENT) {
            fs_county_set have = fs_fig_metric_counties(f, (size_t)zone, (size_t)m);
            int h = __builtin_popcountll(have),
                all = __builtin_popcountll(f->scopes[zone].counties);
            snprintf(cover, sizeof cover, w->lang == FS_LANG_ZH ? "%d/%d县" : "%d of %d", h, all);
            fs_wb_text(s, r, 5, cover, h < all ? w->fmt[FS_WB_F_PARTIAL] : w->muted[FS_WB_R_BODY]);
        }
    }
    if (!prev) { /* as the charts' tiles say it: "无2022年数据可比" */
        if (s->row > first)
            fs_wb_block(s, first, 2, s->row - 1, 3,
                        fs_wb_lf(w, buf, sizeof buf, FS_WB_L_TI_NO_PREV, y1, NULL));
        fs_wb_footnote(s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_NO_PREV_NOTE, y1, NULL));
        return;
    }
    fs_wb_footnote(s, fs_wb_l(w, FS_WB_L_OV_CHANGE_NOTE));
    /* Why a change is not comparable, once per table, visible on paper
     * too (the cell's note says it on screen). */
    bool said[FS_T_COUNT] = {false};
    for (size_t i = 0; i < fs_wb_nheadline && zone >= 0; i++) {
        int ym = fs_wb_yoy_metric(f, fs_wb_headline[i]);
        if (ym < 0 || said[f->metrics[ym].table] ||
            fs_fig_value_at(f, (size_t)zone, (size_t)ym)->state != FS_FIG_EMPTY ||
            fs_fig_comparable(f, (size_t)zone, (size_t)ym))
            continue;
        said[f->metrics[ym].table] = true;
        char why[1024], line[1400];
        fs_fig_not_comparable_text(f, (size_t)zone, (size_t)ym, w->lang == FS_LANG_ZH, why,
                                   sizeof why);
        const char *args[] = {fs_wb_table_name(w, f->metrics[ym].table), y1, why};
        fs_wb_fill(line, sizeof line, fs_wb_l(w, FS_WB_L_NOT_COMPARABLE_LINE), args, 3);
        fs_wb_text_free(s, s->row++, 0, line, w->fmt[FS_WB_F_ALERT]);
    }
}

static void coverage(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    long long counts[FS_ZONE_MAX][FS_T_COUNT];
    live_records(w, f->year, counts);
    char buf[1024], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    s->row++;
    fs_wb_section(s, fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_COVERAGE, y, NULL));
    lxw_row_t hr = s->row++;
    static const fs_table order[FS_T_COUNT] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION,
                                               FS_T_INDICATORS};
    fs_wb_head(s, hr, 0, fs_wb_l(w, FS_WB_L_COUNTY), true);
    for (int t = 0; t < FS_T_COUNT; t++)
        fs_wb_head(s, hr, (lxw_col_t)(1 + t), fs_wb_table_name(w, order[t]), false);
    for (size_t c = 0; c < w->zone->ncounties; c++) {
        lxw_row_t r = s->row++;
        fs_wb_text(s, r, 0, fs_wb_county(w, (int)c), w->county_fmt[c]);
        for (int t = 0; t < FS_T_COUNT; t++) {
            bool present = f->present[order[t]] >> c & 1;
            if (f->zero[order[t]] >> c & 1) /* declared 0, none held: data */
                fs_wb_text(s, r, (lxw_col_t)(1 + t), fs_wb_l(w, FS_WB_L_OV_ZERO),
                           w->fmt[FS_WB_F_CENTER]);
            else if (present && counts[c][order[t]] >= 0)
                fs_wb_number(s, r, (lxw_col_t)(1 + t), (double)counts[c][order[t]], FS_WB_R_BODY,
                             FS_WB_N_INT);
            else if (present)
                fs_wb_text(s, r, (lxw_col_t)(1 + t), "✓", w->muted[FS_WB_R_BODY]);
            else
                fs_wb_text(s, r, (lxw_col_t)(1 + t), fs_wb_l(w, FS_WB_L_NO_DATA),
                           w->fmt[FS_WB_F_MISSING]);
        }
    }
    fs_county_set all =
        w->zone->ncounties >= 64 ? ~(fs_county_set)0 : ((fs_county_set)1 << w->zone->ncounties) - 1;
    bool gaps = false;
    for (int t = 0; t < FS_T_COUNT; t++) {
        fs_county_set missing = all & ~f->present[order[t]];
        if (!missing)
            continue;
        char list[800];
        fs_wb_county_list(w, missing, list, sizeof list);
        fs_wb_lf(w, buf, sizeof buf, FS_WB_L_OV_MISSING_LINE, fs_wb_table_name(w, order[t]), list);
        fs_wb_text_free(s, s->row++, 0, buf, w->fmt[FS_WB_F_ALERT]);
        gaps = true;
    }
    if (!gaps)
        fs_wb_footnote(s, fs_wb_l(w, FS_WB_L_OV_ALL_SENT));
}

void fs_wb_overview(fs_wb *w)
{
    fs_wb_sheet s;
    char sub[1200];
    snprintf(sub, sizeof sub, "%s", w->forum_line);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_OVERVIEW, w->title, sub);
    if (!s.ws)
        return;
    char prep[600], asof[32];
    const char *who = fs_wb_secretariat(w);
    asof_date(w, asof, sizeof asof);
    fs_wb_text_free(&s, 2, 0, fs_wb_lf(w, prep, sizeof prep, FS_WB_L_PREPARED_BY, who, asof),
                    w->fmt[FS_WB_F_SUBTITLE]);
    s.row = 4;
    s.repeat_last = 2;
    worksheet_gridlines(s.ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_freeze_panes(s.ws, 3, 0);
    facts(&s);
    headline(&s);
    /* The coverage table on a page of its own: with the facts and the
     * headline figures it ran a row or two over the first page. */
    fs_wb_page_break(&s, s.row + 1);
    coverage(&s);
    /* The finished pictures under the tables, a printed page each (beside
     * the tables they were shrunk to half size to fit one page). */
    s.row++;
    fs_wb_picture_page(&s, FS_RC_TILES);
    fs_wb_picture_page(&s, FS_RC_HEXMAP);
    s.min[0] = 12;
    s.min[1] = 12;
    s.min[2] = 12;
    s.min[3] = 12;
    s.min[4] = 12;
    fs_wb_sheet_end(&s);
}
