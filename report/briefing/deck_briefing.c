/*
 * deck_briefing.c — the briefing PDF (chart_doc.h): the cover (forum,
 * host, dates), one page per chart with its takeaway in the order of
 * fs_rc_briefing_pages, the county table (dedup totals marked † ‡), the
 * data-quality page and the definitions.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart_doc.h"
#include "deck_int.h"
#include "doctime.h"
#include "text.h"

/* Chart pages of the briefing, in order (the tiles are on the cover):
 * the trends first, then crime, money, the means of prevention (grid
 * members, video devices), cross-regional work, cooperation, disputes. */
const fs_rc_chart fs_rc_briefing_pages[] = {
    FS_RC_TRENDS,   FS_RC_OFFENCES,       FS_RC_CHANGE,      FS_RC_CATEGORIES,
    FS_RC_HEXMAP,   FS_RC_CLEARANCE,      FS_RC_LOSSES,      FS_RC_RESOURCES,
    FS_RC_CROSS,    FS_RC_ASSISTANCE,     FS_RC_COOPERATION, FS_RC_ACTIVITIES,
    FS_RC_DISPUTES, FS_RC_DISPUTES_SHARE, FS_RC_MEDIATION,   FS_RC_LEVELS,
};
const size_t fs_rc_nbriefing_pages = sizeof fs_rc_briefing_pages / sizeof fs_rc_briefing_pages[0];

/* The document date of ctx->epoch where the zone is (its utc_offset):
 * "2024年11月28日" / "28 November 2024". */
static const char *doc_date(fs_rc *rc)
{
    static const char *const months[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
    time_t t = rc->ctx->epoch;
    struct tm tm;
    char buf[64];
    if (!fs_doc_tm(t, rc->ctx->zone->utc_offset_min, &tm))
        return "";
    if (rc->lang == FS_LANG_ZH)
        snprintf(buf, sizeof buf, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else
        snprintf(buf, sizeof buf, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
    return fs_rc_str(rc, buf);
}

/* The forum's ordinal in the language ("二" / "2nd"), NULL when none. */
const char *fs_rc_ordinal(fs_rc *rc)
{
    int n = rc->ctx->fig->ordinal;
    if (n <= 0)
        return NULL;
    char buf[32];
    if (rc->lang == FS_LANG_ZH)
        fs_number_zh(n, buf, sizeof buf);
    else
        fs_ordinal_en(n, buf, sizeof buf);
    return fs_rc_str(rc, buf);
}

/* The county table of the briefing: one row per county and the zone.
 * Zone totals that are not the sum of the rows (a case or joint activity
 * counted once for the zone, once in every county involved) carry † / ‡
 * and their note; zone figures covering fewer counties say so. */
static void build_table(fs_rc *rc, fsc_table *t)
{
    static const struct {
        fs_doc_label head;
        const char *metric;
        double scale;
        fsc_fmt fmt;
        const char *mark; /* dedup total: its mark in the zone row */
    } cols[] = {
        {FS_L_HX_LEGEND, "offenses_per_10k", 1, FSC_FMT_DECIMAL2, NULL},
        {FS_L_M_CROSS, "cross_cases", 1, FSC_FMT_INTEGER, "†"},
        {FS_L_BR_H_DISP, "disputes", 1, FSC_FMT_INTEGER, NULL},
        {FS_L_DI_RATE, "resolution_pct", 0.01, FSC_FMT_PERCENT, NULL},
        {FS_L_M_CLEARANCE, "clearance_pct", 0.01, FSC_FMT_PERCENT, NULL},
        {FS_L_M_RECOVERY, "recovery_pct", 0.01, FSC_FMT_PERCENT, NULL},
        {FS_L_BR_H_ACT, "activities", 1, FSC_FMT_INTEGER, "‡"},
    };
    size_t nc = sizeof cols / sizeof cols[0] + 1, nr = rc->nc + 1;
    const char **head = fs_rc_alloc(rc, nc * sizeof *head);
    const char **cells = fs_rc_alloc(rc, nc * nr * sizeof *cells);
    if (!head || !cells)
        return;
    head[0] = fs_rc_tr(rc, FS_L_CO_ROWS);
    for (size_t j = 1; j < nc; j++)
        head[j] = fs_rc_tr(rc, cols[j - 1].head);
    for (size_t i = 0; i < nr; i++) {
        bool zone = i == rc->nc;
        const char *scope = zone ? "ALL" : rc->z->counties[i].code;
        cells[i * nc] = zone ? fs_rc_tr(rc, FS_L_ZONE) : rc->county[i];
        for (size_t j = 1; j < nc; j++) {
            const char *v = fs_rc_num(
                rc, fs_rc_fig(rc->ctx->fig, scope, cols[j - 1].metric) * cols[j - 1].scale,
                cols[j - 1].fmt == FSC_FMT_DECIMAL2 ? rc->off_fmt : cols[j - 1].fmt);
            if (zone && cols[j - 1].mark) {
                v = fs_rc_tpl(rc, FS_L_VALUE_MARK, v, cols[j - 1].mark, NULL);
            }
            if (zone)
                v = fs_rc_with_cov(rc, v, fs_rc_metric_coverage(rc, "ALL", cols[j - 1].metric));
            cells[i * nc + j] = v;
        }
    }
    const char *note =
        fs_rc_lines2(rc, fs_rc_tr(rc, FS_L_BR_TAB_NOTE),
                     fs_rc_lines2(rc, fs_rc_tr(rc, FS_L_DAGGER_XR), fs_rc_tr(rc, FS_L_DAGGER_ACT)));
    *t = (fsc_table){.title = fs_rc_tpl(rc, FS_L_BR_TAB_TITLE, rc->year_s, NULL),
                     .note = note,
                     .header = head,
                     .cells = cells,
                     .nrows = nr,
                     .ncols = nc,
                     .total_rows = 1};
}

/* "A、B" of the member counties in set s (zone order). */
static const char *county_list(fs_rc *rc, fs_county_set s)
{
    size_t len = 1;
    for (size_t i = 0; i < rc->nc; i++)
        if (s >> i & 1)
            len += strlen(rc->county[i]) + 4;
    char *p = fs_rc_alloc(rc, len);
    if (!p)
        return "";
    for (size_t i = 0; i < rc->nc; i++)
        if (s >> i & 1) {
            if (*p)
                strcat(p, fs_rc_tr(rc, FS_L_LIST_SEP));
            strcat(p, rc->county[i]);
        }
    return p;
}

/*
 * The data-quality page: which counties sent which table (the figures'
 * present sets), every reconciliation finding of the figures, and the
 * record counts counties declared beside what the figures hold.
 */
/* A table's name as the documents print it (the workbook's words too). */
static const char *table_label(fs_rc *rc, fs_table t)
{
    static const fs_doc_label l[FS_T_COUNT] = {[FS_T_INDICATORS] = FS_L_T_INDICATORS,
                                               [FS_T_INCIDENTS] = FS_L_T_INCIDENTS,
                                               [FS_T_DISPUTES] = FS_L_T_DISPUTES,
                                               [FS_T_COOPERATION] = FS_L_T_COOPERATION};
    return fs_rc_tr(rc, l[t]);
}

static void build_quality(fs_rc *rc, fsc_table *t)
{
    const fs_figures *f = rc->ctx->fig;
    size_t cap = FS_T_COUNT + f->nfindings + rc->nc * 3 + 4, nr = 0;
    const char **cells = fs_rc_alloc(rc, 3 * cap * sizeof *cells);
    const char **head = fs_rc_alloc(rc, 3 * sizeof *head);
    if (!cells || !head)
        return;
    head[0] = fs_rc_tr(rc, FS_L_DQ_H_ITEM);
    head[1] = fs_rc_tr(rc, FS_L_DQ_H_WHAT);
    head[2] = fs_rc_tr(rc, FS_L_DQ_H_DETAIL);
    int all = (int)rc->nc;
    fs_county_set members = all >= 64 ? ~(fs_county_set)0 : (((fs_county_set)1 << all) - 1);
    for (int tb = 0; tb < FS_T_COUNT; tb++) {
        fs_county_set have = f->present[tb] & members;
        int n = __builtin_popcountll(have);
        const char *tname = table_label(rc, (fs_table)tb);
        cells[3 * nr] = fs_rc_tr(rc, FS_L_DQ_COVERAGE);
        cells[3 * nr + 1] = tname;
        cells[3 * nr + 2] =
            n == all ? fs_rc_tpl(rc, FS_L_DQ_ALL, fs_rc_inum(rc, all), NULL)
                     : fs_rc_tpl(rc, FS_L_DQ_MISSING, fs_rc_inum(rc, n), fs_rc_inum(rc, all),
                                 county_list(rc, members & ~have), NULL);
        if (f->zero[tb] & members)
            cells[3 * nr + 2] = fs_rc_tpl(rc, FS_L_DQ_ZERO, cells[3 * nr + 2],
                                          county_list(rc, f->zero[tb] & members), NULL);
        nr++;
    }
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *fd = &f->findings[i];
        cells[3 * nr] = fs_rc_tr(rc, FS_L_DQ_FINDING);
        cells[3 * nr + 1] = fd->ref ? fd->ref : "";
        if (fd->county >= 0 && (size_t)fd->county < rc->nc) /* a declared count: county · table */
            cells[3 * nr + 1] = fs_rc_tpl(rc, FS_L_DOT_JOIN, rc->county[fd->county],
                                          table_label(rc, fd->table), NULL);
        cells[3 * nr + 2] = rc->lang == FS_LANG_ZH ? fd->text_zh : fd->text_en;
        nr++;
    }
    if (f->nfindings == 0) {
        cells[3 * nr] = fs_rc_tr(rc, FS_L_DQ_FINDING);
        cells[3 * nr + 1] = fs_rc_tr(rc, FS_L_DQ_ALL_REFS);
        cells[3 * nr + 2] = fs_rc_tr(rc, FS_L_DQ_NO_FINDINGS);
        nr++;
    }
    static const fs_table decl[] = {FS_T_INCIDENTS, FS_T_DISPUTES, FS_T_COOPERATION};
    bool any = false;
    int agree = 0, declared = 0; /* the counts that agree: one line, not one each */
    for (size_t i = 0; i < rc->nc; i++)
        for (size_t k = 0; k < 3; k++) {
            int64_t d = fs_fig_declared(f, (int)i, decl[k]), h = fs_fig_held(f, (int)i, decl[k]);
            if (d < 0)
                continue;
            any = true;
            declared++;
            agree += d == h * 100; /* a count that differs is a finding above */
        }
    if (any) {
        cells[3 * nr] = fs_rc_tr(rc, FS_L_DQ_DECLARED);
        cells[3 * nr + 1] = fs_rc_tr(rc, FS_L_DQ_DECL_OBJ);
        cells[3 * nr + 2] =
            fs_rc_tpl(rc, FS_L_DQ_AGREE, fs_rc_inum(rc, agree), fs_rc_inum(rc, declared), NULL);
        nr++;
    }
    if (!any) {
        cells[3 * nr] = fs_rc_tr(rc, FS_L_DQ_DECLARED);
        cells[3 * nr + 1] = fs_rc_tr(rc, FS_L_DQ_DECL_OBJ);
        cells[3 * nr + 2] = fs_rc_tr(rc, FS_L_DQ_DECL_NONE);
        nr++;
    }
    static const fsc_align al[3] = {FSC_ALIGN_LEFT, FSC_ALIGN_LEFT, FSC_ALIGN_LEFT};
    *t = (fsc_table){.title = fs_rc_tpl(rc, FS_L_DQ_TITLE, rc->year_s, NULL),
                     .note = fs_rc_tr(rc, FS_L_DQ_NOTE),
                     .header = head,
                     .cells = cells,
                     .nrows = nr,
                     .ncols = 3,
                     .align = al,
                     .wrap_lines = 4};
}

/* The definitions page: the headline figures in plain words (the
 * catalogue's technical definitions are in the workbook and
 * metrics-dictionary.csv) and the presentation conventions. */
static void build_defs(fs_rc *rc, fsc_table *t)
{
    /* each row: the term and its definition (doc_labels.h, DF_*) */
    static const fs_doc_label rows[][2] = {
        {FS_L_DF_OFFENCES_TERM, FS_L_DF_OFFENCES},
        {FS_L_DF_CLEARANCE_TERM, FS_L_DF_CLEARANCE},
        {FS_L_DF_RECOVERY_TERM, FS_L_DF_RECOVERY},
        {FS_L_DF_CROSS_TERM, FS_L_DF_CROSS},
        {FS_L_DF_CROSS_SHARE_TERM, FS_L_DF_CROSS_SHARE},
        {FS_L_DF_MEDIATION_TERM, FS_L_DF_MEDIATION},
        {FS_L_DF_ACTIVITIES_TERM, FS_L_DF_ACTIVITIES},
        {FS_L_DF_PP_TERM, FS_L_DF_PP},
        {FS_L_DF_WAN_TERM, FS_L_DF_WAN},
        {FS_L_DF_COVERAGE_TERM, FS_L_DF_COVERAGE},
        {FS_L_DF_NOT_COMPARABLE_TERM, FS_L_DF_NOT_COMPARABLE},
        {FS_L_DF_NO_DATA_TERM, FS_L_DF_NO_DATA},
    };
    size_t nr = sizeof rows / sizeof rows[0];
    const char **cells = fs_rc_alloc(rc, 2 * nr * sizeof *cells);
    const char **head = fs_rc_alloc(rc, 2 * sizeof *head);
    if (!cells || !head)
        return;
    head[0] = fs_rc_tr(rc, FS_L_OV_FIGURE);
    head[1] = fs_rc_tr(rc, FS_L_DF_H_DEF);
    for (size_t i = 0; i < nr; i++) {
        cells[2 * i] = fs_rc_tr(rc, rows[i][0]);
        cells[2 * i + 1] = fs_rc_tr(rc, rows[i][1]);
    }
    static const fsc_align al[2] = {FSC_ALIGN_LEFT, FSC_ALIGN_LEFT};
    *t = (fsc_table){.title = fs_rc_tr(rc, FS_L_DF_TITLE),
                     .note = fs_rc_tpl(rc, FS_L_DF_NOTE, fs_rc_tr(rc, FS_L_SHEET_DEFS), NULL),
                     .header = head,
                     .cells = cells,
                     .nrows = nr,
                     .ncols = 2,
                     .align = al,
                     .wrap_lines = 3};
}

/* "2025年11月28日" / "28 November 2025". */
static const char *ymd(fs_rc *rc, int y, int m, int d)
{
    static const char *const months[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
    char buf[64];
    if (rc->lang == FS_LANG_ZH)
        snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
    else
        snprintf(buf, sizeof buf, "%d %s %d", d, months[(m - 1) % 12], y);
    return fs_rc_str(rc, buf);
}

/* Cover, table and document options of the briefing (the path is set
 * when it is written).  The cover names the host, the forum's date when
 * the zone file gives one (never the clock's), and the data's date
 * labelled as such. */
void fs_rc_build_briefing(fs_rc *rc)
{
    const fs_figures *f = rc->ctx->fig;
    const char *ord = fs_rc_ordinal(rc);
    const char *zone = rc->lang == FS_LANG_ZH ? rc->z->name_zh : rc->z->name_en;
    const char *date = fs_rc_tpl(rc, FS_L_BR_DATA_AS_OF, doc_date(rc), NULL);
    int fm, fd;
    if (fs_zone_forum_date(rc->z, rc->ctx->year, &fm, &fd)) {
        date = fs_rc_tpl(rc, FS_L_DOT_JOIN,
                         fs_rc_tpl(rc, FS_L_BR_FORUM_DATE, ymd(rc, rc->ctx->year, fm, fd), NULL),
                         date, NULL);
    }
    const char *host = f->host >= 0 && (size_t)f->host < rc->nc ? rc->county[f->host] : NULL;
    rc->cover = (fsc_doc_cover_page){
        .title = zone,
        .subtitle = ord ? fs_rc_tpl(rc, FS_L_BR_SUBTITLE, ord, rc->year_s, NULL)
                        : fs_rc_tpl(rc, FS_L_BR_SUBTITLE_NO_ORD, rc->year_s, NULL),
        .date_line = host ? fs_rc_tpl(rc, FS_L_BR_DATE, host, date, NULL)
                          : fs_rc_tpl(rc, FS_L_BR_DATE_NO_HOST, date, NULL),
        .tiles = &rc->c[FS_RC_TILES],
    };
    build_table(rc, &rc->table);
    build_quality(rc, &rc->quality);
    build_defs(rc, &rc->defs);
    const char *footer = fs_rc_tpl(rc, FS_L_FOOTER, rc->forum, rc->year_s, NULL);
    rc->doc = (fsc_doc_options){.epoch = rc->ctx->epoch,
                                .title = footer,
                                .footer = footer,
                                .page_prefix = fs_rc_tr(rc, FS_L_BR_PAGE_PRE),
                                .page_suffix = fs_rc_tr(rc, FS_L_BR_PAGE_SUF),
                                .lang = rc->lang == FS_LANG_ZH ? "zh-cn" : "en"};
}

/* Write the briefing to `path` (atomically, by the chart library). */
fs_status fs_rc_write_briefing(const fs_rc *rc, fsc_fonts *fonts, const char *path, int *pages,
                               fs_sbuf *err)
{
    fsc_doc_options o = rc->doc;
    o.path = path;
    fsc_doc *d;
    fsc_status cs = fsc_doc_open(&d, fonts, &o);
    if (cs != FSC_OK)
        return fs_rc_chart_error(cs, path, err);
    fsc_doc_cover(d, &rc->cover);
    for (size_t i = 0; i < fs_rc_nbriefing_pages; i++)
        fsc_doc_chart(d, &rc->c[fs_rc_briefing_pages[i]], rc->take[fs_rc_briefing_pages[i]]);
    fsc_doc_table(d, &rc->table);
    fsc_doc_table(d, &rc->quality);
    fsc_doc_table(d, &rc->defs);
    *pages = fsc_doc_pages(d);
    cs = fsc_doc_close(d); /* the first error of any page */
    if (cs != FSC_OK)
        return fs_rc_chart_error(cs, path, err);
    return FS_OK;
}
