/*
 * wb_trends.c — the Trends sheet: the zone's headline figures for every
 * year from the first to the last held (ctx->trend; a year without
 * records shows as such rather than vanishing), offences per 10 000
 * residents by county and year, losses and recovered amounts in 万元, and
 * native Excel charts over the tables (counts, rates, money in 万元, and
 * one line per county in its colour).
 */
#include <stdio.h>
#include <string.h>

#include "chart_palette.h"
#include "wb_int.h"

/*
 * The years whose zone figure of metric covers fewer than all counties
 * (standard v2 §4): "2023年矛盾纠纷：6/7县（缺永城市）", joined with "；"
 * (the words of the briefing's trend charts), in buf; "" when every year
 * held covers every county.  partial[t] (ctx->ntrend entries, or NULL)
 * receives each year's answer.
 */
static char *partial_years(const fs_wb *w, const char *metric, bool *partial, char *buf,
                           size_t size)
{
    const fs_report_ctx *ctx = w->ctx;
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    for (size_t t = 0; t < ctx->ntrend; t++) {
        const fs_figures *f = ctx->trend[t];
        int zone = fs_wb_scope_zone(f), m = fs_fig_metric_index(f, metric);
        bool p = zone >= 0 && m >= 0 &&
                 fs_fig_value_at(f, (size_t)zone, (size_t)m)->state != FS_FIG_ABSENT &&
                 fs_fig_metric_partial(f, (size_t)zone, (size_t)m);
        if (partial)
            partial[t] = p;
        if (!p)
            continue;
        char cov[512], y[16], item[768];
        fs_wb_cover_note(w, f, zone, fs_fig_metric_counties(f, (size_t)zone, (size_t)m), cov,
                         sizeof cov);
        snprintf(y, sizeof y, "%d", f->year);
        const char *args[] = {y, fs_wb_table_name(w, f->metrics[m].table), cov};
        fs_wb_fill(item, sizeof item, fs_wb_l(w, FS_WB_L_TR_COVERAGE_ITEM), args, 3);
        if (n && n < size) {
            const char *sa[] = {"", ""};
            char sep[32];
            fs_wb_fill(sep, sizeof sep, fs_wb_l(w, FS_WB_L_TR_COVERAGE_SEP), sa, 2);
            n += (size_t)snprintf(buf + n, size - n, "%s", sep);
        }
        if (n < size)
            n += (size_t)snprintf(buf + n, size - n, "%s", item);
    }
    return buf;
}

/* Does the year's result hold any figure at all? */
static bool has_data(const fs_figures *f)
{
    for (int t = 0; t < FS_T_COUNT; t++)
        if (f->present[t])
            return true;
    return false;
}

/* The cells of metric in scope (county -1: the zone; else a county
 * index) by year held, divided by div (money in 万元: 10000), NaN where the table shows text ("no
 * records", "no data", "–"): the values fs_wb_series_values needs.  n <= 64. */
static size_t year_values(const fs_report_ctx *ctx, const char *metric, int county, double div,
                          double *v)
{
    size_t n = ctx->ntrend < 64 ? ctx->ntrend : 64;
    for (size_t t = 0; t < n; t++) {
        const fs_figures *f = ctx->trend[t];
        int scope = county < 0 ? fs_wb_scope_zone(f) : fs_wb_scope_county(f, county);
        v[t] = has_data(f) ? fs_wb_fig_cell(f, scope, fs_fig_metric_index(f, metric)) / div : NAN;
    }
    return n;
}

typedef struct trend_layout {
    lxw_row_t head;                    /* zone table: header row         */
    lxw_row_t row[32];                 /* row of fs_wb_headline[i]       */
    lxw_col_t firstcol, lastcol;       /* the year columns               */
    lxw_row_t c_head, c_first, c_last; /* county table                   */
    lxw_col_t c_lastcol;
    lxw_row_t m_head, m_row[2]; /* money in 万元 (m_head 0: none)  */
} trend_layout;

/* One row per headline figure, one column per year: the zone's values. */
static void zone_table(fs_wb_sheet *s, trend_layout *L)
{
    fs_wb *w = s->wb;
    const fs_report_ctx *ctx = w->ctx;
    char buf[256], y[16];
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_TR_ZONE));
    L->head = s->row++;
    fs_wb_head(s, L->head, 0, fs_wb_l(w, FS_WB_L_OV_FIGURE), true);
    fs_wb_head(s, L->head, 1, fs_wb_l(w, FS_WB_L_DF_METRIC), true);
    L->firstcol = 2;
    L->lastcol = (lxw_col_t)(1 + ctx->ntrend);
    for (size_t t = 0; t < ctx->ntrend; t++) {
        snprintf(y, sizeof y, "%d", ctx->trend[t]->year);
        fs_wb_head(s, L->head, (lxw_col_t)(2 + t), y, false);
    }
    /* the years whose zone figure covers fewer counties, row by row */
    lxw_col_t covcol = (lxw_col_t)(L->lastcol + 1);
    fs_wb_head(s, L->head, covcol, fs_wb_l(w, FS_WB_L_COVER_HEAD), true);
    size_t nh = fs_wb_nheadline < 32 ? fs_wb_nheadline : 32;
    for (size_t i = 0; i < nh; i++) {
        lxw_row_t r = L->row[i] = s->row++;
        int m = fs_fig_metric_index(w->fig, fs_wb_headline[i]);
        fs_wb_text(s, r, 0,
                   m >= 0 ? fs_wb_metric_label(w, w->fig, m, buf, sizeof buf) : fs_wb_headline[i],
                   w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        fs_wb_text(s, r, 1, fs_wb_headline[i], w->fmt[FS_WB_F_CODE]);
        for (size_t t = 0; t < ctx->ntrend; t++) {
            const fs_figures *f = ctx->trend[t];
            lxw_col_t c = (lxw_col_t)(2 + t);
            if (!has_data(f))
                fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_TR_NO_YEAR), w->muted[FS_WB_R_BODY]);
            else
                fs_wb_fig(s, r, c, f, fs_wb_scope_zone(f),
                          fs_fig_metric_index(f, fs_wb_headline[i]), FS_WB_R_BODY);
        }
        char cov[2048];
        if (*partial_years(w, fs_wb_headline[i], NULL, cov, sizeof cov))
            fs_wb_text(s, r, covcol, cov, w->fmt[FS_WB_F_PARTIAL]);
    }
    /* How many counties each year's zone figures cover (§4 v2): a year
     * that covers fewer than the others cannot be compared with them. */
    static const char *const cover[] = {"counties_incidents", "counties_disputes",
                                        "counties_cooperation", "counties_indicators"};
    for (size_t i = 0; i < sizeof cover / sizeof cover[0]; i++) {
        lxw_row_t r = s->row++;
        int m = fs_fig_metric_index(w->fig, cover[i]);
        fs_wb_text(s, r, 0, m >= 0 ? fs_wb_metric_label(w, w->fig, m, buf, sizeof buf) : cover[i],
                   w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        fs_wb_text(s, r, 1, cover[i], w->fmt[FS_WB_F_CODE]);
        for (size_t t = 0; t < ctx->ntrend; t++) {
            const fs_figures *f = ctx->trend[t];
            fs_wb_fig(s, r, (lxw_col_t)(2 + t), f, fs_wb_scope_zone(f),
                      fs_fig_metric_index(f, cover[i]), FS_WB_R_BODY);
        }
    }
    worksheet_autofilter(s->ws, L->head, 0, s->row - 1, covcol);
}

static void county_table(fs_wb_sheet *s, trend_layout *L)
{
    fs_wb *w = s->wb;
    const fs_report_ctx *ctx = w->ctx;
    char y[16];
    s->row++;
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_TR_COUNTY));
    L->c_head = s->row++;
    fs_wb_head(s, L->c_head, 0, fs_wb_l(w, FS_WB_L_COUNTY), true);
    fs_wb_head(s, L->c_head, 1, fs_wb_l(w, FS_WB_L_CODE), true);
    for (size_t t = 0; t < ctx->ntrend; t++) {
        snprintf(y, sizeof y, "%d", ctx->trend[t]->year);
        fs_wb_head(s, L->c_head, (lxw_col_t)(2 + t), y, false);
    }
    L->c_lastcol = (lxw_col_t)(1 + ctx->ntrend);
    L->c_first = s->row;
    for (size_t c = 0; c < w->zone->ncounties; c++) {
        lxw_row_t r = s->row++;
        fs_wb_text(s, r, 0, fs_wb_county(w, (int)c), w->county_fmt[c]);
        fs_wb_text(s, r, 1, w->zone->counties[c].code, w->fmt[FS_WB_F_CODE]);
        for (size_t t = 0; t < ctx->ntrend; t++) {
            const fs_figures *f = ctx->trend[t];
            fs_wb_fig(s, r, (lxw_col_t)(2 + t), f, fs_wb_scope_county(f, (int)c),
                      fs_fig_metric_index(f, "offenses_per_10k"), FS_WB_R_BODY);
        }
    }
    L->c_last = s->row - 1;
}

/* The zone's losses and amounts recovered by year in 万元 (standard v2
 * §4 presentation; the zone table above keeps the metrics file's exact
 * yuan): the cell holds yuan / 10 000 unrounded, shown with two decimals.
 * The money chart draws these rows. */
static void money_table(fs_wb_sheet *s, trend_layout *L)
{
    fs_wb *w = s->wb;
    const fs_report_ctx *ctx = w->ctx;
    static const char *const money[2] = {"loss_yuan", "recovered_yuan"};
    char buf[256], y[16];
    s->row++;
    fs_wb_section(s, fs_wb_l(w, FS_WB_L_TR_MONEY));
    L->m_head = s->row++;
    fs_wb_head(s, L->m_head, 0, fs_wb_l(w, FS_WB_L_OV_FIGURE), true);
    fs_wb_head(s, L->m_head, 1, fs_wb_l(w, FS_WB_L_OV_UNIT), true);
    for (size_t t = 0; t < ctx->ntrend; t++) {
        snprintf(y, sizeof y, "%d", ctx->trend[t]->year);
        fs_wb_head(s, L->m_head, (lxw_col_t)(2 + t), y, false);
    }
    for (size_t i = 0; i < 2; i++) {
        lxw_row_t r = L->m_row[i] = s->row++;
        int m = fs_fig_metric_index(w->fig, money[i]);
        if (m >= 0) {
            fs_wb_metric_label(w, w->fig, m, buf, sizeof buf);
            fs_wb_strip_unit(buf);
        }
        fs_wb_text(s, r, 0, m >= 0 ? buf : money[i], w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        fs_wb_text(s, r, 1, fs_wb_l(w, FS_WB_L_OV_UNIT_WAN), w->muted[FS_WB_R_BODY]);
        for (size_t t = 0; t < ctx->ntrend; t++) {
            const fs_figures *f = ctx->trend[t];
            lxw_col_t c = (lxw_col_t)(2 + t);
            int fm = fs_fig_metric_index(f, money[i]), scope = fs_wb_scope_zone(f);
            double v = fs_wb_fig_cell(f, scope, fm);
            if (!has_data(f))
                fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_TR_NO_YEAR), w->muted[FS_WB_R_BODY]);
            else if (isfinite(v))
                fs_wb_number(s, r, c, v / 10000.0, FS_WB_R_BODY, FS_WB_N_DEC2);
            else
                fs_wb_fig(s, r, c, f, scope, fm, FS_WB_R_BODY);
        }
    }
}

/* Series of different figures: distinct in hue and, for print in grey,
 * in marker shape. */
static const lxw_color_t series_colors[3] = {FSC_RGB_GOOD, FSC_RGB_BAD, FSC_RGB_TEXT2};
static const uint8_t markers[3] = {LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE,
                                   LXW_CHART_MARKER_DIAMOND};

/*
 * The points of ser (one per year held) whose zone figure of metric covers
 * fewer counties carry "6/7县" / "6 of 7 counties" as their label, the
 * others none: a native chart says what the table's coverage column says
 * (standard v2 §4).
 */
static void partial_labels(fs_wb_sheet *s, lxw_chart_series *ser, const char *metric)
{
    fs_wb *w = s->wb;
    const fs_report_ctx *ctx = w->ctx;
    bool partial[64] = {false};
    char cov[2048];
    if (!ser || ctx->ntrend > 64 || !*partial_years(w, metric, partial, cov, sizeof cov))
        return;
    lxw_chart_data_label lab[64];
    lxw_chart_data_label *list[65];
    char text[64][64];
    for (size_t t = 0; t < ctx->ntrend; t++) {
        const fs_figures *f = ctx->trend[t];
        int zone = fs_wb_scope_zone(f), m = fs_fig_metric_index(f, metric);
        lab[t] = (lxw_chart_data_label){.hide = !partial[t]};
        if (partial[t]) {
            fs_fig_set_cover_text(f, (size_t)zone,
                                  fs_fig_metric_counties(f, (size_t)zone, (size_t)m),
                                  w->lang == FS_LANG_ZH, text[t], sizeof text[t]);
            lab[t].value = text[t];
        }
        list[t] = &lab[t];
    }
    list[ctx->ntrend] = NULL;
    chart_series_set_labels(ser);
    chart_series_set_labels_position(ser, LXW_CHART_LABEL_POSITION_ABOVE);
    fs_wb_check(w, chart_series_set_labels_custom(ser, list), s->name); /* copied */
}

/* A chart over rows of the zone table, one series per metric. */
static lxw_chart *zone_chart(fs_wb_sheet *s, const trend_layout *L, uint8_t type, fs_wb_label title,
                             const char *const *metrics, size_t n)
{
    fs_wb *w = s->wb;
    lxw_chart *ch = workbook_add_chart(w->book, type);
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < fs_wb_nheadline && i < 32; i++) {
            if (strcmp(fs_wb_headline[i], metrics[k]) != 0)
                continue;
            lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(ser, s->name, L->head, L->firstcol, L->head, L->lastcol);
            double v[64];
            size_t nv = year_values(w->ctx, metrics[k], -1, 1, v);
            fs_wb_series_values(s, ch, ser, L->row[i], L->firstcol, L->row[i], L->lastcol, v, nv);
            chart_series_set_name_range(ser, s->name, L->row[i], 0);
            fs_wb_series_color(ser, series_colors[k % 3], type == LXW_CHART_LINE);
            if (type == LXW_CHART_LINE)
                chart_series_set_marker_type(ser, markers[k % 3]);
            partial_labels(s, ser, metrics[k]);
        }
    }
    fs_wb_chart_style(w, ch, fs_wb_l(w, title));
    return ch;
}

static void charts(fs_wb_sheet *s, const trend_layout *L, lxw_row_t at)
{
    fs_wb *w = s->wb;
    static const char *const counts[] = {"cases", "disputes", "activities"};
    static const char *const rates[] = {"clearance_pct", "resolution_pct", "recovery_pct"};
    lxw_chart *c1 = zone_chart(s, L, LXW_CHART_LINE, FS_WB_L_TR_CHART_COUNTS, counts, 3);
    fs_wb_insert_chart(s, at, 0, c1, 1.25, 1.25);
    lxw_chart *c2 = zone_chart(s, L, LXW_CHART_LINE, FS_WB_L_TR_CHART_RATES, rates, 3);
    chart_axis_set_num_format(chart_axis_get(c2, LXW_CHART_AXIS_TYPE_Y), "0%");
    fs_wb_insert_chart(s, at, FS_WB_CHART_X2, c2, 1.25, 1.25);
    /* Money in 万元: the rows of the money table, one series each. */
    lxw_chart *c3 = workbook_add_chart(w->book, LXW_CHART_COLUMN);
    for (size_t k = 0; k < 2 && L->m_head; k++) {
        lxw_chart_series *ser = chart_add_series(c3, NULL, NULL);
        chart_series_set_categories(ser, s->name, L->m_head, L->firstcol, L->m_head, L->lastcol);
        double v[64];
        size_t n = year_values(w->ctx, k == 0 ? "loss_yuan" : "recovered_yuan", -1, 10000.0, v);
        fs_wb_series_values(s, c3, ser, L->m_row[k], L->firstcol, L->m_row[k], L->lastcol, v, n);
        chart_series_set_name_range(ser, s->name, L->m_row[k], 0);
        /* losses orange, recovered blue, as on the chart 13-losses */
        fs_wb_series_color(ser, k == 0 ? FSC_RGB_BAD : FSC_RGB_GOOD, false);
        partial_labels(s, ser, k == 0 ? "loss_yuan" : "recovered_yuan");
    }
    fs_wb_chart_style(w, c3, fs_wb_l(w, FS_WB_L_TR_CHART_MONEY));
    chart_axis_set_num_format(chart_axis_get(c3, LXW_CHART_AXIS_TYPE_Y), "#,##0");
    fs_wb_insert_chart(s, at + FS_WB_CHART_ROWS, 0, c3, 1.25, 1.25);
    /* One line per county, in its colour. */
    lxw_chart *c4 = workbook_add_chart(w->book, LXW_CHART_LINE);
    for (size_t c = 0; c < w->zone->ncounties; c++) {
        lxw_row_t r = (lxw_row_t)(L->c_first + c);
        lxw_chart_series *ser = chart_add_series(c4, NULL, NULL);
        chart_series_set_categories(ser, s->name, L->c_head, 2, L->c_head, L->c_lastcol);
        double v[64];
        size_t n = year_values(w->ctx, "offenses_per_10k", (int)c, 1, v);
        fs_wb_series_values(s, c4, ser, r, 2, r, L->c_lastcol, v, n);
        chart_series_set_name_range(ser, s->name, r, 0);
        fs_wb_series_color(ser, fsc_county_color(c), true);
    }
    fs_wb_chart_style(w, c4, fs_wb_l(w, FS_WB_L_TR_CHART_COUNTY));
    fs_wb_insert_chart(s, at + FS_WB_CHART_ROWS, FS_WB_CHART_X2, c4, 1.25, 1.25);
}

void fs_wb_trends(fs_wb *w)
{
    const fs_report_ctx *ctx = w->ctx;
    fs_wb_sheet s;
    char buf[256], y0[16], y1[16];
    int first = ctx->ntrend ? ctx->trend[0]->year : w->fig->year;
    int last = ctx->ntrend ? ctx->trend[ctx->ntrend - 1]->year : w->fig->year;
    snprintf(y0, sizeof y0, "%d", first);
    snprintf(y1, sizeof y1, "%d", last);
    /* one year held (the first report): "历年趋势（2023年）", not "2023—2023年" */
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_TRENDS,
                      first == last
                          ? fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_TRENDS_ONE, y0, NULL)
                          : fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_TRENDS, y0, y1),
                      NULL);
    if (!s.ws)
        return;
    trend_layout L;
    memset(&L, 0, sizeof L);
    zone_table(&s, &L);
    county_table(&s, &L);
    money_table(&s, &L);
    s.row += 2;
    fs_wb_page_break(&s, s.row - 1);
    charts(&s, &L, s.row);
    /* The years of the first table and the figure column stay. */
    fs_wb_freeze_below_head(&s, 1);
    for (int c = 2; c <= 20; c++)
        s.min[c] = 12;
    fs_wb_sheet_end(&s);
}
