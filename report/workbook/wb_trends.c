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

/* Does the year's result hold any figure at all? */
static bool has_data(const fs_figures *f)
{
    for (int t = 0; t < FS_T_COUNT; t++)
        if (f->present[t])
            return true;
    return false;
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
    worksheet_autofilter(s->ws, L->head, 0, s->row - 1, L->lastcol);
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
            chart_series_set_values(ser, s->name, L->row[i], L->firstcol, L->row[i], L->lastcol);
            chart_series_set_name_range(ser, s->name, L->row[i], 0);
            fs_wb_series_color(ser, series_colors[k % 3], type == LXW_CHART_LINE);
            if (type == LXW_CHART_LINE)
                chart_series_set_marker_type(ser, markers[k % 3]);
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
        chart_series_set_values(ser, s->name, L->m_row[k], L->firstcol, L->m_row[k], L->lastcol);
        chart_series_set_name_range(ser, s->name, L->m_row[k], 0);
        /* losses orange, recovered blue, as on the chart 13-losses */
        fs_wb_series_color(ser, k == 0 ? FSC_RGB_BAD : FSC_RGB_GOOD, false);
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
        chart_series_set_values(ser, s->name, r, 2, r, L->c_lastcol);
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
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_TRENDS,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_TRENDS, y0, y1), NULL);
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
