/*
 * wb_draw.c — what the forum workbook draws rather than writes: native
 * Excel charts (style, one colour per series: county colours only where
 * the county is not on an axis), the finished pictures of the chart set
 * (report_charts.h, rendered to PNG in memory at 1.5 times the size they
 * show), and colour scales on rates and matrices.
 * Colours come from charts/chart_palette.h, so a county has the same
 * colour in the workbook, the PNG charts and the briefing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chart_palette.h"
#include "wb_int.h"

void fs_wb_series_color(lxw_chart_series *ser, lxw_color_t color, bool line)
{
    if (!ser)
        return;
    lxw_chart_line ln = {.color = color, .width = line ? 2.25 : 0.75};
    lxw_chart_fill fill = {.color = color};
    chart_series_set_line(ser, &ln);
    if (line) {
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(ser, 6);
        chart_series_set_marker_fill(ser, &fill);
        chart_series_set_marker_line(ser, &ln);
    } else {
        chart_series_set_fill(ser, &fill);
    }
}

void fs_wb_series_values(fs_wb_sheet *s, lxw_chart *ch, lxw_chart_series *ser, lxw_row_t r1,
                         lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const double *v, size_t n)
{
    if (!s->ws || !ch || !ser)
        return;
    bool gap = false;
    for (size_t i = 0; i < n; i++)
        gap = gap || !isfinite(v[i]);
    if (!gap) {
        chart_series_set_values(ser, s->name, r1, c1, r2, c2);
        return;
    }
    lxw_col_t hc = (lxw_col_t)(FS_WB_MAX_COLS + s->nchartcols++);
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            fs_wb_check(s->wb,
                        worksheet_write_number(s->ws, (lxw_row_t)(r1 + i), hc, v[i],
                                               s->wb->num[FS_WB_R_BODY][FS_WB_N_TEXT]),
                        s->name); /* the workbook's font, no number format */
    lxw_row_col_options opt = {.hidden = 1};
    fs_wb_check(s->wb, worksheet_set_column_opt(s->ws, hc, hc, LXW_DEF_COL_WIDTH, NULL, &opt),
                s->name);
    chart_show_hidden_data(ch);
    chart_series_set_values(ser, s->name, r1, hc, (lxw_row_t)(r1 + n - 1), hc);
}

void fs_wb_color_scale(fs_wb_sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                       lxw_color_t low, lxw_color_t high)
{
    if (!s->ws || s->wb->st != FS_OK || r2 < r1 || c2 < c1)
        return;
    lxw_conditional_format cf = {
        .type = LXW_CONDITIONAL_2_COLOR_SCALE,
        .min_color = low,
        .max_color = high,
    };
    fs_wb_check(s->wb, worksheet_conditional_format_range(s->ws, r1, c1, r2, c2, &cf), s->name);
}

void fs_wb_chart_style(fs_wb *w, lxw_chart *ch, const char *title)
{
    if (!ch)
        return;
    char buf[512];
    fs_wb_clean_utf8(title, buf, sizeof buf);
    chart_title_set_name(ch, buf);
    /* The workbook's font (wb_int.h), so chart text matches the cells. */
    char *font = (char *)(w->lang == FS_LANG_ZH ? FS_WB_FONT_ZH : FS_WB_FONT_EN);
    lxw_chart_font tf = {.name = font, .size = 12, .bold = LXW_TRUE, .color = FSC_RGB_TEXT};
    chart_title_set_name_font(ch, &tf);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_font lf = {.name = font, .size = 9, .color = FSC_RGB_TEXT2};
    chart_legend_set_font(ch, &lf);
    lxw_chart_line grid = {.color = FSC_RGB_GRID, .width = 0.75};
    lxw_chart_axis *y = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
    lxw_chart_axis *x = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
    chart_axis_major_gridlines_set_visible(y, LXW_TRUE);
    chart_axis_major_gridlines_set_line(y, &grid);
    chart_axis_set_num_font(x, &lf);
    chart_axis_set_num_font(y, &lf);
}

void fs_wb_insert_chart(fs_wb_sheet *s, lxw_row_t r, int x_px, lxw_chart *ch, double xs, double ys)
{
    if (!s->ws || !ch || s->wb->st != FS_OK)
        return;
    lxw_chart_options o = {.x_offset = x_px,
                           .x_scale = xs,
                           .y_scale = ys,
                           .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    lxw_row_t end = r + (lxw_row_t)ceil(FS_WB_CHART_ROWS * ys / 1.25);
    if (end > s->chart_end)
        s->chart_end = end;
    fs_wb_check(s->wb, worksheet_insert_chart_opt(s->ws, r, 0, ch, &o), s->name);
}

/* Picture `which` at row r, column A, width_px wide on screen (16:9),
 * rendered at 1.5 times that (the PNG says 144 dpi). */
static void picture(fs_wb_sheet *s, lxw_row_t r, int width_px, fs_rc_chart which)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    fs_sbuf err = {0};
    fs_status st = FS_OK;
    if (!w->rc) /* our own renderer: the chart step may be drawing beside us */
        st = w->ctx->charts ? fs_rc_open_beside(&w->rc, w->ctx->charts, &err)
                            : fs_rc_open(&w->rc, w->ctx, &err);
    unsigned char *png = NULL;
    size_t len = 0;
    if (st == FS_OK)
        st = fs_rc_png(w->rc, which, width_px * 3 / 2, width_px * 9 / 16 * 3 / 2, 144, &png, &len,
                       &err);
    if (st != FS_OK) {
        fs_sbuf msg = {0};
        fs_sbuf_addf(&msg, "chart %s: %s", fs_rc_chart_name(which), fs_err_text(&err, st));
        fs_wb_fail(w, st, fs_sbuf_str(&msg));
        fs_sbuf_free(&msg);
        fs_sbuf_free(&err);
        return;
    }
    fs_sbuf_free(&err);
    char alt[300];
    fs_wb_clean_utf8(fs_rc_chart_title(which, w->lang), alt, sizeof alt);
    lxw_image_options o = {
        .y_offset = 4, .description = alt, .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    fs_wb_check(w, worksheet_insert_image_buffer_opt(s->ws, r, 0, png, len, &o), s->name);
    free(png);
}

void fs_wb_picture_page(fs_wb_sheet *s, fs_rc_chart which)
{
    if (s->npics == 0)
        s->pic_row = s->row;
    if (s->npics < sizeof s->pics / sizeof s->pics[0])
        s->pics[s->npics++] = which;
}

void fs_wb_pictures_place(fs_wb_sheet *s, double sheet_px)
{
    /* The sheet prints one page wide: a picture as wide as the widest of
     * its tables prints as wide as the page, never shrunk by them. */
    int width = sheet_px > FS_WB_PICTURE_W ? (int)ceil(sheet_px) : FS_WB_PICTURE_W;
    if (width > 3 * FS_WB_PICTURE_W)
        width = 3 * FS_WB_PICTURE_W;
    int rows = (int)ceil((double)width * 9 / 16 / 20.0) + 1; /* 20 px rows */
    lxw_row_t r = s->pic_row;
    for (size_t i = 0; i < s->npics; i++) {
        fs_wb_page_break(s, r);
        picture(s, r, width, s->pics[i]);
        r += (lxw_row_t)rows;
    }
    if (s->npics && r > s->chart_end)
        s->chart_end = r;
    /* the font pages these pictures touched go back before the next
     * sheets' cells and the workbook's assembly (the step's peak); not
     * while the chart step draws beside us (fs_rc_trim) */
    if (s->npics && !s->wb->ctx->beside)
        fs_rc_trim(s->wb->rc);
}
