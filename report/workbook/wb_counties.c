/*
 * wb_counties.c — the Counties sheet: the headline figures of every
 * member county, the province subtotals and the zone total, with native
 * charts (offences per 10 000 residents; clearance and resolution rates).
 *
 * County rows come first (zone order = code order, so the counties of a
 * province are adjacent), then one subtotal row per province, then the
 * zone.  Above each header, in a hidden row, sits the metric's code as in
 * metrics-Y.csv, so a test (or an analyst who unhides it) can match every
 * cell with the metrics file; the reader sees only the labels.
 *
 * Totals: a figure that is a plain sum over records (incidents, disputes,
 * indicators) is a live SUM over the county rows with its computed value
 * cached; a rate whose two operands are columns here is a live division.
 * Figures that count a shared reference once (cross-regional cases,
 * cross-border disputes, cooperation activities) and other rates are the
 * scope's own figure written as a value, marked † and explained in a note.
 * Before writing a formula the sum is checked against the figure, so a
 * formula never disagrees with metrics-Y.csv.
 */
#include <stdio.h>
#include <string.h>

#include "chart_palette.h"
#include "wb_int.h"

#define FIRST_FIG_COL 3

/* How a total cell of a metric is written. */
typedef enum total_kind { T_SUM, T_RATIO, T_DEDUP, T_VALUE } total_kind;

static total_kind total_kind_of(const fs_fig_metric *m)
{
    const fs_fig_def *d = m->def;
    if (m->base >= 0)
        return T_VALUE;
    switch (d->method) {
    case FS_FIG_SUM: return d->table == FS_T_COOPERATION ? T_DEDUP : T_SUM;
    case FS_FIG_SHARED: return T_DEDUP;
    case FS_FIG_RATIO: return T_RATIO;
    default: return T_VALUE;
    }
}

/* Exposed for the Definitions sheet: how the Counties sheet totals m. */
fs_wb_label fs_wb_total_label(const fs_fig_metric *m)
{
    switch (total_kind_of(m)) {
    case T_SUM: return FS_WB_L_DF_T_SUM;
    case T_DEDUP: return FS_WB_L_DF_T_DEDUP;
    case T_RATIO: return FS_WB_L_DF_T_RATIO;
    default: return m->def->method == FS_FIG_PER_POP ? FS_WB_L_DF_T_RATIO : FS_WB_L_DF_T_OTHER;
    }
}

typedef struct layout {
    int metric[32]; /* metric index per figure column, -1 when absent */
    size_t ncols;
    lxw_row_t first; /* first county row                                */
    lxw_row_t county_row[FS_ZONE_MAX];
} layout;

/* Column of metric name in the layout, or -1. */
static int column_of(const fs_figures *f, const layout *L, const char *name)
{
    int m = fs_fig_metric_index(f, name);
    for (size_t i = 0; m >= 0 && i < L->ncols; i++)
        if (L->metric[i] == m)
            return (int)(FIRST_FIG_COL + i);
    return -1;
}

/* Write the total of column i for scope `scope` whose counties' rows are
 * rows[0..n). */
static void total_cell(fs_wb_sheet *s, const layout *L, size_t i, lxw_row_t r, int scope,
                       const lxw_row_t *rows, const int *counties, size_t n, fs_wb_row style,
                       bool comment)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    int m = L->metric[i];
    lxw_col_t c = (lxw_col_t)(FIRST_FIG_COL + i);
    double value = fs_wb_fig_cell(f, scope, m);
    const fs_fig_metric *mt = &f->metrics[m];
    total_kind k = total_kind_of(mt);
    char formula[256], a[16], b[16];
    if (isfinite(value) && k == T_SUM && n > 0) {
        /* A live sum, when it agrees with the figure. */
        double sum = 0;
        bool contiguous = true;
        for (size_t j = 0; j < n; j++) {
            double x = fs_wb_fig_cell(f, fs_wb_scope_county(f, counties[j]), m);
            if (isfinite(x))
                sum += x;
            if (j > 0 && rows[j] != rows[j - 1] + 1)
                contiguous = false;
        }
        if (contiguous && fabs(sum - value) <= 1e-9 * (fabs(value) > 1 ? fabs(value) : 1)) {
            snprintf(formula, sizeof formula, "=SUM(%s:%s)", fs_wb_ref(rows[0], c, a),
                     fs_wb_ref(rows[n - 1], c, b));
            fs_wb_formula(s, r, c, formula, value, style, fs_wb_metric_num(mt));
            return;
        }
    }
    if (isfinite(value) && k == T_RATIO && fs_wb_metric_num(mt) == FS_WB_N_PCT &&
        mt->def->scale == 100) {
        int cn = column_of(f, L, mt->def->num), cd = column_of(f, L, mt->def->den);
        if (cn >= 0 && cd >= 0) {
            snprintf(formula, sizeof formula, "=IF(%s=0,\"\",%s/%s)",
                     fs_wb_ref(r, (lxw_col_t)cd, b), fs_wb_ref(r, (lxw_col_t)cn, a), b);
            fs_wb_formula(s, r, c, formula, value, style, FS_WB_N_PCT);
            return;
        }
    }
    fs_wb_fig(s, r, c, f, scope, m, style);
    if (comment && isfinite(value) && k != T_SUM)
        fs_wb_comment(
            s, r, c,
            fs_wb_l(w, k == T_DEDUP ? FS_WB_L_CO_COMMENT_DEDUP : FS_WB_L_CO_COMMENT_RATIO));
}

/* The counties' values of metric `name` (zone order, the rows of the
 * table), NaN where a county has no figure: what fs_wb_series_values
 * needs. */
static void county_values(const fs_figures *f, const char *name, double *v, size_t nc)
{
    int m = fs_fig_metric_index(f, name);
    for (size_t c = 0; c < nc; c++)
        v[c] = fs_wb_fig_cell(f, fs_wb_scope_county(f, (int)c), m);
}

static void charts(fs_wb_sheet *s, const layout *L, lxw_row_t at)
{
    fs_wb *w = s->wb;
    const fs_figures *f = w->fig;
    size_t nc = w->zone->ncounties;
    if (nc == 0 || nc > FS_WB_MAX_COLS)
        return;
    char title[256], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    lxw_row_t r1 = L->first, r2 = (lxw_row_t)(L->first + nc - 1);
    /* The sheet prints pages across with column A repeated: the charts go
     * on a page of their own, right of column A (a printer repeats what
     * lies in a repeated column, pieces of charts included), at scale 1
     * (480 x 288 px, text in points), one under the other: side by side
     * they ran past the first page's columns. */
    int x0 = (int)((s->width[0] > s->min[0] ? s->width[0] : s->min[0]) + 2.0) * 7 + 5 + 12;
    fs_wb_page_break(s, at);
    double v[FS_WB_MAX_COLS];

    int per10k = column_of(f, L, "offenses_per_10k");
    if (per10k >= 0) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_COLUMN);
        lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(ser, s->name, r1, 0, r2, 0);
        county_values(f, "offenses_per_10k", v, nc);
        fs_wb_series_values(s, ch, ser, r1, (lxw_col_t)per10k, r2, (lxw_col_t)per10k, v, nc);
        chart_series_set_name(ser, fs_wb_l(w, FS_WB_L_M_PER10K));
        /* one colour: the county is on the axis (charts/README.md) */
        fs_wb_series_color(ser, FSC_RGB_GOOD, false);
        chart_series_set_labels(ser);
        chart_series_set_labels_num_format(ser, "0.00");
        chart_axis_set_min(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), 0);
        fs_wb_lf(w, title, sizeof title, FS_WB_L_CO_CHART_PER10K, y, NULL);
        fs_wb_chart_style(w, ch, title);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        fs_wb_insert_chart(s, at, x0, ch, 1.0, 1.0);
    }
    int clear = column_of(f, L, "clearance_pct"), resol = column_of(f, L, "resolution_pct");
    if (clear >= 0 && resol >= 0) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_COLUMN);
        const int cols[2] = {clear, resol};
        static const char *const names[2] = {"clearance_pct", "resolution_pct"};
        const lxw_color_t tint[2] = {FSC_RGB_GOOD, FSC_RGB_AXIS};
        for (int k = 0; k < 2; k++) {
            lxw_chart_series *ser = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(ser, s->name, r1, 0, r2, 0);
            county_values(f, names[k], v, nc);
            fs_wb_series_values(s, ch, ser, r1, (lxw_col_t)cols[k], r2, (lxw_col_t)cols[k], v, nc);
            chart_series_set_name_range(ser, s->name, L->first - 1, (lxw_col_t)cols[k]);
            fs_wb_series_color(ser, tint[k], false);
        }
        lxw_chart_axis *yax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
        chart_axis_set_num_format(yax, "0%");
        chart_axis_set_min(yax, 0);
        chart_axis_set_max(yax, 1);
        fs_wb_chart_style(w, ch, fs_wb_lf(w, title, sizeof title, FS_WB_L_CO_CHART_RATES, y, NULL));
        fs_wb_insert_chart(s, at + FS_WB_CHART_ROWS * 4 / 5 + 1, x0, ch, 1.0, 1.0);
    }
}

void fs_wb_counties(fs_wb *w)
{
    const fs_figures *f = w->fig;
    const fs_zone *z = w->zone;
    fs_wb_sheet s;
    char buf[512], y[16];
    snprintf(y, sizeof y, "%d", f->year);
    fs_wb_sheet_begin(w, &s, FS_WB_L_SHEET_COUNTIES,
                      fs_wb_lf(w, buf, sizeof buf, FS_WB_L_HEAD_COUNTIES, y, NULL), NULL);
    if (!s.ws)
        return;
    layout L;
    memset(&L, 0, sizeof L);
    for (size_t i = 0; i < fs_wb_nheadline && L.ncols < 32; i++) {
        int m = fs_fig_metric_index(f, fs_wb_headline[i]);
        if (m >= 0)
            L.metric[L.ncols++] = m;
    }
    /* Equipment per 10 000 residents, beside the headline counts. */
    static const char *const per_pop[] = {"grid_members_per_10k", "video_devices_per_10k"};
    for (size_t i = 0; i < sizeof per_pop / sizeof per_pop[0] && L.ncols < 32; i++) {
        int m = fs_fig_metric_index(f, per_pop[i]);
        if (m >= 0)
            L.metric[L.ncols++] = m;
    }
    /* The metric codes as in metrics-Y.csv (a hidden row, for tests and
     * analysts matching cells with the metrics file), then the labels the
     * reader sees: hr + 1 is the header the filter and the panes use. */
    lxw_row_t hr = s.row;
    lxw_row_col_options hide = {.hidden = LXW_TRUE};
    worksheet_set_row_opt(s.ws, hr, LXW_DEF_ROW_HEIGHT, NULL, &hide);
    fs_wb_text_free(&s, hr, 1, "scope", w->fmt[FS_WB_F_ID]);
    fs_wb_head(&s, hr + 1, 0, fs_wb_l(w, FS_WB_L_COUNTY), true);
    fs_wb_head(&s, hr + 1, 1, fs_wb_l(w, FS_WB_L_CODE), false);
    fs_wb_head(&s, hr + 1, 2, fs_wb_l(w, FS_WB_L_PROVINCE), true);
    for (size_t i = 0; i < L.ncols; i++) {
        const fs_fig_metric *mt = &f->metrics[L.metric[i]];
        char label[256];
        fs_wb_metric_label(w, f, L.metric[i], label, sizeof label);
        if (total_kind_of(mt) == T_DEDUP)
            strncat(label, fs_wb_l(w, FS_WB_L_CO_DEDUP_MARK), sizeof label - strlen(label) - 1);
        fs_wb_head(&s, hr + 1, (lxw_col_t)(FIRST_FIG_COL + i), label, false);
        fs_wb_text_free(&s, hr, (lxw_col_t)(FIRST_FIG_COL + i), mt->name, w->fmt[FS_WB_F_ID]);
    }
    L.first = hr + 2;
    lxw_row_t r = L.first;
    /* County rows. */
    for (size_t c = 0; c < z->ncounties; c++, r++) {
        L.county_row[c] = r;
        int scope = fs_wb_scope_county(f, (int)c);
        fs_wb_text(&s, r, 0, fs_wb_county(w, (int)c), w->county_fmt[c]);
        fs_wb_text(&s, r, 1, z->counties[c].code, w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        fs_wb_text(&s, r, 2, fs_wb_province(w, z->counties[c].province),
                   w->num[FS_WB_R_BODY][FS_WB_N_TEXT]);
        for (size_t i = 0; i < L.ncols; i++)
            fs_wb_fig(&s, r, (lxw_col_t)(FIRST_FIG_COL + i), f, scope, L.metric[i], FS_WB_R_BODY);
    }
    lxw_row_t last_county = r - 1;
    /* Province subtotals. */
    for (size_t p = 0; p < z->nprovinces; p++, r++) {
        lxw_row_t rows[FS_ZONE_MAX];
        int counties[FS_ZONE_MAX];
        size_t n = 0;
        for (size_t c = 0; c < z->ncounties; c++)
            if (z->counties[c].province == (int)p) {
                rows[n] = L.county_row[c];
                counties[n++] = (int)c;
            }
        int scope = fs_wb_scope_province(f, (int)p);
        fs_wb_lf(w, buf, sizeof buf, FS_WB_L_SUBTOTAL, fs_wb_province(w, (int)p), NULL);
        fs_wb_text(&s, r, 0, buf, w->num[FS_WB_R_SUB][FS_WB_N_TEXT]);
        fs_wb_text(&s, r, 1, z->provinces[p].code, w->num[FS_WB_R_SUB][FS_WB_N_TEXT]);
        fs_wb_text(&s, r, 2, fs_wb_province(w, (int)p), w->num[FS_WB_R_SUB][FS_WB_N_TEXT]);
        for (size_t i = 0; i < L.ncols; i++)
            total_cell(&s, &L, i, r, scope, rows, counties, n, FS_WB_R_SUB, false);
    }
    /* The zone. */
    {
        lxw_row_t rows[FS_ZONE_MAX];
        int counties[FS_ZONE_MAX];
        for (size_t c = 0; c < z->ncounties; c++) {
            rows[c] = L.county_row[c];
            counties[c] = (int)c;
        }
        fs_wb_text(&s, r, 0, fs_wb_l(w, FS_WB_L_ZONE), w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
        fs_wb_text(&s, r, 1, "ALL", w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
        fs_wb_blank(&s, r, 2, w->num[FS_WB_R_TOTAL][FS_WB_N_TEXT]);
        for (size_t i = 0; i < L.ncols; i++)
            total_cell(&s, &L, i, r, fs_wb_scope_zone(f), rows, counties, z->ncounties,
                       FS_WB_R_TOTAL, true);
    }
    lxw_row_t last = r;
    /* Rates: a colour scale over the county rows. */
    for (size_t i = 0; i < L.ncols; i++) {
        const char *name = f->metrics[L.metric[i]].name;
        lxw_col_t c = (lxw_col_t)(FIRST_FIG_COL + i);
        if (fs_wb_metric_num(&f->metrics[L.metric[i]]) == FS_WB_N_PCT)
            fs_wb_color_scale(&s, L.first, c, last_county, c, 0xFFFFFFu, 0x9BC2E6u);
        else if (strcmp(name, "offenses_per_10k") == 0)
            fs_wb_color_scale(&s, L.first, c, last_county, c, 0xFFFFFFu, 0xF4B183u);
    }
    /* The filter covers the county rows only: subtotals and the zone stay
     * put under them whatever is filtered or sorted. */
    worksheet_autofilter(s.ws, hr + 1, 0, last_county, (lxw_col_t)(FIRST_FIG_COL + L.ncols - 1));
    worksheet_freeze_panes(s.ws, hr + 2, 1);
    s.repeat_first = hr;
    s.repeat_last = hr + 1;
    s.row = last + 2;
    /* The notes wrap over columns B–G, on the first page across: written
     * from column A they printed cut in the repeated column of the next
     * pages. */
    fs_wb_paragraph_at(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_DEDUP), 1, 6);
    fs_wb_paragraph_at(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_FORMULA), 1, 6);
    fs_wb_paragraph_at(&s, fs_wb_l(w, FS_WB_L_CO_NOTE_NODATA), 1, 6);
    fs_wb_coverage_lines(&s, w->fig,
                         (1u << FS_T_INCIDENTS) | (1u << FS_T_DISPUTES) | (1u << FS_T_COOPERATION) |
                             (1u << FS_T_INDICATORS));
    fs_wb_metric_coverage_lines(&s, w->fig, L.metric, L.ncols);
    s.row++;
    charts(&s, &L, s.row);
    s.min[1] = 7;
    s.wide = true; /* 21 columns: two pages across at 10 pt, not one at 5 */
    fs_wb_sheet_end(&s);
}
