/*
 * workbook.c — the forum workbook (workbook.h): opening and closing the
 * file atomically, document properties, formats, sheet set-up (widths,
 * print set-up) and the cell writers the sheet files (wb_*.c) share (see
 * wb_int.h for the rules they follow).  Charts, pictures and colour
 * scales are in wb_draw.c, words in wb_text.c and doc_labels.h.
 *
 * libxlsxwriter writes straight to the name it is given and does no
 * checking of its own, so: the file name is a temporary one reserved next
 * to the final file (atomic.h) and renamed only after workbook_close
 * succeeded; every string is cleaned to valid UTF-8 first; sheet names are
 * validated; the document time comes from ctx->epoch so identical data
 * gives identical bytes.
 */
#include "workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic.h"
#include "doctime.h"
#include "i18n.h"
#include "sbuf.h"
#include "chart_palette.h"
#include "wb_int.h"

/* ------------------------------------------------------------- errors */

void fs_wb_fail(fs_wb *w, fs_status st, const char *what)
{
    if (w->st != FS_OK || st == FS_OK)
        return;
    w->st = st;
    if (st == FS_ERR_NOMEM && !strstr(what, "out of memory"))
        fs_sbuf_setf(&w->err, "out of memory (%s)", what);
    else
        fs_sbuf_setf(&w->err, "%s", what);
}

bool fs_wb_check(fs_wb *w, lxw_error e, const char *what)
{
    if (e == LXW_NO_ERROR)
        return true;
    fs_sbuf msg = {0};
    fs_sbuf_addf(&msg, "%s: %s", what, lxw_strerror(e));
    fs_wb_fail(w, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? FS_ERR_NOMEM : FS_ERR_IO,
               fs_sbuf_str(&msg));
    fs_sbuf_free(&msg);
    return false;
}

/* ------------------------------------------------------------ formats */

static const char *const num_formats[FS_WB_N_COUNT] = {
    [FS_WB_N_TEXT] = NULL,         [FS_WB_N_INT] = "#,##0",
    [FS_WB_N_MONEY] = "#,##0.00",  [FS_WB_N_PCT] = "0.0%",
    [FS_WB_N_DEC1] = "#,##0.0",    [FS_WB_N_DEC2] = "#,##0.00",
    [FS_WB_N_DATE] = "yyyy-mm-dd", [FS_WB_N_DATETIME] = "yyyy-mm-dd hh:mm",
    [FS_WB_N_PP] = NULL, /* in the workbook's language: pp_format() */
};

/* Percentage points in the workbook's language: "+1.7个百分点", "+1.7 pp". */
static const char *pp_format(const fs_wb *w, bool arrows)
{
    if (w->lang == FS_LANG_ZH)
        return arrows ? "\"▲ \"0.0\"个百分点\";\"▼ \"0.0\"个百分点\";\"= \"0.0\"个百分点\""
                      : "+0.0\"个百分点\";-0.0\"个百分点\";0.0\"个百分点\"";
    return arrows ? "\"▲ \"0.0\" pp\";\"▼ \"0.0\" pp\";\"= \"0.0\" pp\""
                  : "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"";
}

#define RGB_HEAD_FILL 0xDDEBF7u
#define RGB_HEAD_LINE 0x1F4E79u
#define RGB_TITLE 0x1F4E79u
#define RGB_RULE 0xD9D9D9u
#define RGB_SUB_FILL 0xF2F2F2u
#define RGB_TOTAL_FILL 0xE2EAF3u

/* The look of a row style on a format. */
static void row_style(lxw_format *f, fs_wb_row style)
{
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    switch (style) {
    case FS_WB_R_BODY:
        format_set_bottom(f, LXW_BORDER_HAIR);
        format_set_bottom_color(f, RGB_RULE);
        break;
    case FS_WB_R_SUB:
        format_set_bg_color(f, RGB_SUB_FILL);
        format_set_top(f, LXW_BORDER_THIN);
        format_set_top_color(f, 0xBFBFBFu);
        format_set_bottom(f, LXW_BORDER_THIN);
        format_set_bottom_color(f, 0xBFBFBFu);
        format_set_italic(f);
        break;
    case FS_WB_R_TOTAL:
        format_set_bold(f);
        format_set_bg_color(f, RGB_TOTAL_FILL);
        format_set_top(f, LXW_BORDER_THIN);
        format_set_top_color(f, 0x404040u);
        format_set_bottom(f, LXW_BORDER_DOUBLE);
        format_set_bottom_color(f, 0x404040u);
        break;
    default: break;
    }
}

/* A new format in the workbook's font (every cell format has it: cells
 * without a format would show Calibri, which has no Chinese glyphs). */
static lxw_format *add_format(fs_wb *w)
{
    lxw_format *f = workbook_add_format(w->book);
    format_set_font_name(f, w->lang == FS_LANG_ZH ? FS_WB_FONT_ZH : FS_WB_FONT_EN);
    if (w->lang == FS_LANG_ZH)
        format_set_font_charset(f, 134); /* GB2312: a Chinese face */
    return f;
}

static void make_formats(fs_wb *w)
{
    for (int r = 0; r < FS_WB_R_COUNT; r++) {
        for (int k = 0; k < FS_WB_N_COUNT; k++) {
            lxw_format *f = add_format(w);
            row_style(f, (fs_wb_row)r);
            if (num_formats[k])
                format_set_num_format(f, num_formats[k]);
            if (k == FS_WB_N_PP)
                format_set_num_format(f, pp_format(w, false));
            w->num[r][k] = f;
        }
        lxw_format *m = add_format(w);
        row_style(m, (fs_wb_row)r);
        format_set_font_color(m, 0x7F7F7Fu);
        format_set_align(m, LXW_ALIGN_CENTER);
        w->muted[r] = m;
    }
    lxw_format **f = w->fmt;
    for (int i = 0; i < FS_WB_F_COUNT; i++)
        f[i] = add_format(w);
    format_set_bold(f[FS_WB_F_TITLE]);
    format_set_font_size(f[FS_WB_F_TITLE], 15);
    format_set_font_color(f[FS_WB_F_TITLE], RGB_TITLE);
    format_set_font_size(f[FS_WB_F_SUBTITLE], 10);
    format_set_font_color(f[FS_WB_F_SUBTITLE], FSC_RGB_TEXT2);
    format_set_bold(f[FS_WB_F_SECTION]);
    format_set_font_size(f[FS_WB_F_SECTION], 12);
    format_set_font_color(f[FS_WB_F_SECTION], RGB_TITLE);
    format_set_font_size(f[FS_WB_F_NOTE], 9);
    format_set_font_color(f[FS_WB_F_NOTE], FSC_RGB_MUTED);
    format_set_font_size(f[FS_WB_F_PARA], 9);
    format_set_font_color(f[FS_WB_F_PARA], FSC_RGB_MUTED);
    format_set_text_wrap(f[FS_WB_F_PARA]);
    format_set_align(f[FS_WB_F_PARA], LXW_ALIGN_VERTICAL_TOP);
    for (int i = FS_WB_F_HEAD; i <= FS_WB_F_HEAD_LEFT; i++) {
        format_set_bold(f[i]);
        format_set_font_size(f[i], 10);
        format_set_bg_color(f[i], RGB_HEAD_FILL);
        format_set_bottom(f[i], LXW_BORDER_MEDIUM);
        format_set_bottom_color(f[i], RGB_HEAD_LINE);
        format_set_text_wrap(f[i]);
        format_set_align(f[i], LXW_ALIGN_VERTICAL_CENTER);
        format_set_align(f[i], i == FS_WB_F_HEAD ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
    }
    format_set_font_size(f[FS_WB_F_ID], 8);
    format_set_shrink(f[FS_WB_F_ID]);
    format_set_font_color(f[FS_WB_F_ID], FSC_RGB_MUTED);
    format_set_align(f[FS_WB_F_ID], LXW_ALIGN_CENTER);
    format_set_bottom(f[FS_WB_F_ID], LXW_BORDER_THIN);
    format_set_bottom_color(f[FS_WB_F_ID], RGB_HEAD_LINE);
    row_style(f[FS_WB_F_CODE], FS_WB_R_BODY);
    format_set_font_size(f[FS_WB_F_CODE], 8);
    format_set_font_color(f[FS_WB_F_CODE], FSC_RGB_MUTED);
    format_set_shrink(f[FS_WB_F_CODE]);
    row_style(f[FS_WB_F_CENTER], FS_WB_R_BODY);
    format_set_align(f[FS_WB_F_CENTER], LXW_ALIGN_CENTER);
    format_set_align(f[FS_WB_F_CENTER], LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f[FS_WB_F_CENTER]); /* "Open (under investigation)" */
    format_set_bold(f[FS_WB_F_LABEL]);
    format_set_font_size(f[FS_WB_F_LABEL], 10);
    format_set_bottom(f[FS_WB_F_LABEL], LXW_BORDER_HAIR);
    format_set_bottom_color(f[FS_WB_F_LABEL], RGB_RULE);
    format_set_font_size(f[FS_WB_F_WRAP], 10);
    format_set_text_wrap(f[FS_WB_F_WRAP]);
    format_set_align(f[FS_WB_F_WRAP], LXW_ALIGN_VERTICAL_CENTER);
    format_set_bottom(f[FS_WB_F_WRAP], LXW_BORDER_HAIR);
    format_set_bottom_color(f[FS_WB_F_WRAP], RGB_RULE);
    format_set_font_name(f[FS_WB_F_MONO], "Consolas");
    format_set_font_size(f[FS_WB_F_MONO], 8);
    format_set_text_wrap(f[FS_WB_F_MONO]); /* a SHA-256 in two lines (Sources) */
    format_set_align(f[FS_WB_F_MONO], LXW_ALIGN_VERTICAL_CENTER);
    format_set_bottom(f[FS_WB_F_MONO], LXW_BORDER_HAIR);
    format_set_bottom_color(f[FS_WB_F_MONO], RGB_RULE);
    format_set_font_size(f[FS_WB_F_MISSING], 10);
    format_set_font_color(f[FS_WB_F_MISSING], 0x9C0006u);
    format_set_bg_color(f[FS_WB_F_MISSING], 0xFFC7CEu);
    format_set_align(f[FS_WB_F_MISSING], LXW_ALIGN_CENTER);
    format_set_bottom(f[FS_WB_F_MISSING], LXW_BORDER_HAIR);
    format_set_bottom_color(f[FS_WB_F_MISSING], RGB_RULE);
    format_set_font_size(f[FS_WB_F_DIAG], 10);
    format_set_bg_color(f[FS_WB_F_DIAG], 0xEDEDEDu);
    format_set_font_color(f[FS_WB_F_DIAG], 0x7F7F7Fu);
    format_set_align(f[FS_WB_F_DIAG], LXW_ALIGN_CENTER);
    static const lxw_color_t yoy_color[3] = {FSC_RGB_GOOD, FSC_RGB_BAD, FSC_RGB_TEXT2};
    for (int i = 0; i < 3; i++) {
        lxw_format *y = f[FS_WB_F_YOY_GOOD + i];
        row_style(y, FS_WB_R_BODY);
        format_set_bold(y);
        format_set_font_color(y, yoy_color[i]);
        format_set_num_format(y, "\"▲ \"0.0%;\"▼ \"0.0%;\"= \"0.0%");
        lxw_format *p = f[FS_WB_F_PP_GOOD + i];
        row_style(p, FS_WB_R_BODY);
        format_set_bold(p);
        format_set_font_color(p, yoy_color[i]);
        format_set_num_format(p, pp_format(w, true));
        lxw_format *d = f[FS_WB_F_DIFF_GOOD + i];
        row_style(d, FS_WB_R_BODY);
        format_set_bold(d);
        format_set_font_color(d, yoy_color[i]);
        format_set_num_format(d, "\"▲ \"#,##0;\"▼ \"#,##0;\"= \"0");
    }
    row_style(f[FS_WB_F_FINDING], FS_WB_R_BODY);
    format_set_bold(f[FS_WB_F_FINDING]);
    format_set_font_color(f[FS_WB_F_FINDING], FSC_RGB_BAD);
    format_set_text_wrap(f[FS_WB_F_FINDING]);
    format_set_bold(f[FS_WB_F_ALERT]);
    format_set_font_size(f[FS_WB_F_ALERT], 10);
    format_set_font_color(f[FS_WB_F_ALERT], FSC_RGB_BAD);
    format_set_align(f[FS_WB_F_FINDING], LXW_ALIGN_VERTICAL_CENTER);
    row_style(f[FS_WB_F_PARTIAL], FS_WB_R_BODY);
    format_set_bold(f[FS_WB_F_PARTIAL]);
    format_set_font_color(f[FS_WB_F_PARTIAL], FSC_RGB_BAD);
    format_set_align(f[FS_WB_F_PARTIAL], LXW_ALIGN_CENTER);
    row_style(f[FS_WB_F_BLOCK], FS_WB_R_BODY);
    format_set_font_color(f[FS_WB_F_BLOCK], 0x7F7F7Fu); /* as "no data", "–" */
    format_set_align(f[FS_WB_F_BLOCK], LXW_ALIGN_CENTER);
    format_set_align(f[FS_WB_F_BLOCK], LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f[FS_WB_F_BLOCK]);
    /* County names carry their chart colour as a thick left rule. */
    for (size_t c = 0; c < w->zone->ncounties && c < FS_ZONE_MAX; c++) {
        lxw_format *cf = add_format(w);
        row_style(cf, FS_WB_R_BODY);
        format_set_left(cf, LXW_BORDER_THICK);
        format_set_left_color(cf, fsc_county_color(c));
        w->county_fmt[c] = cf;
    }
}

fs_wb_num fs_wb_metric_num(const fs_fig_metric *m)
{
    if (m->yoy == FS_FIG_YOY_PP)
        return FS_WB_N_PP;
    size_t n = strlen(m->name);
    if (n > 4 && strcmp(m->name + n - 4, "_pct") == 0)
        return FS_WB_N_PCT;
    switch (m->kind) {
    case FS_FIG_COUNT: return FS_WB_N_INT;
    case FS_FIG_MONEY: return FS_WB_N_MONEY;
    case FS_FIG_AMOUNT: return FS_WB_N_INT; /* refined per value in fs_wb_fig */
    case FS_FIG_REAL:
        return strcmp(m->name, FS_MN(median_days_to_close)) == 0 ? FS_WB_N_DEC1 : FS_WB_N_DEC2;
    }
    return FS_WB_N_DEC2;
}

/* -------------------------------------------------------------- sheets */

/* "&" is a control character in headers and footers. */
static void hf_escape(const char *s, char *out, size_t size)
{
    size_t k = 0;
    for (; *s && k + 3 < size; s++) {
        if (*s == '&')
            out[k++] = '&';
        out[k++] = *s;
    }
    out[k] = '\0';
}

void fs_wb_sheet_begin(fs_wb *w, fs_wb_sheet *s, fs_wb_label name, const char *heading,
                       const char *subtitle)
{
    memset(s, 0, sizeof *s);
    s->wb = w;
    s->name = fs_wb_l(w, name);
    if (w->st != FS_OK)
        return;
    if (!fs_wb_check(w, workbook_validate_sheet_name(w->book, s->name), s->name))
        return;
    s->ws = workbook_add_worksheet(w->book, s->name);
    if (!s->ws) {
        fs_wb_fail(w, FS_ERR_NOMEM, "cannot add a worksheet");
        return;
    }
    lxw_worksheet *ws = s->ws;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.7);
    worksheet_center_horizontally(ws);
    fs_wb_check(w, worksheet_set_header(ws, w->hf_header), "page header");
    fs_wb_check(w, worksheet_set_footer(ws, w->hf_footer), "page footer");
    worksheet_set_comments_author(ws, fs_wb_secretariat(w));
    worksheet_set_row(ws, 0, 24, NULL);
    fs_wb_text_free(s, 0, 0, heading, w->fmt[FS_WB_F_TITLE]);
    snprintf(s->heading, sizeof s->heading, "%s", heading ? heading : "");
    char line[1100];
    if (!subtitle)
        snprintf(line, sizeof line, "%s · %s", w->title, w->forum_line);
    fs_wb_text_free(s, 1, 0, subtitle ? subtitle : line, w->fmt[FS_WB_F_SUBTITLE]);
    s->row = 3;
    s->repeat_last = 1;
}

/* Row height in points for `lines` lines of 10-point text. */
static double row_height(int lines)
{
    return 3.0 + 14.0 * (lines < 1 ? 1 : lines);
}

/* Pixels of a column `chars` wide (Excel: 7 px a character + 5). */
static double column_px(double chars)
{
    return chars > 0 ? chars * 7.0 + 5.0 : 64.0;
}

/* Printed pages across the sheet needs so that no page is scaled below
 * FS_WB_MIN_PRINT_SCALE: the columns in use (final widths, characters)
 * and the pictures; column A is repeated on every page after the first. */
/* Pixels of the columns in use. */
static double sheet_px(const double *final)
{
    lxw_col_t lastc = 0;
    for (lxw_col_t c = 0; c < FS_WB_MAX_COLS; c++)
        if (final[c] > 0)
            lastc = c;
    double total = 0;
    for (lxw_col_t c = 0; c <= lastc; c++)
        total += column_px(final[c]);
    return total;
}

static int print_pages_across(const double *final)
{
    double total = sheet_px(final);
    double room = FS_WB_PRINT_WIDTH / FS_WB_MIN_PRINT_SCALE, first = column_px(final[0]);
    if (total <= room || room <= first * 2)
        return 1;
    int n = (int)ceil((total - first) / (room - first));
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

void fs_wb_sheet_end(fs_wb_sheet *s)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    double final[FS_WB_MAX_COLS];
    double head[FS_WB_MAX_COLS] = {0};
    for (size_t i = 0; i < s->nheads; i++)
        if (s->heads[i].col < FS_WB_MAX_COLS && s->heads[i].width > head[s->heads[i].col])
            head[s->heads[i].col] = s->heads[i].width;
    for (lxw_col_t c = 0; c < FS_WB_MAX_COLS; c++) {
        double cap = s->cap[c] > 0 ? s->cap[c] : FS_WB_TEXT_CAP;
        double width = s->width[c] > cap ? cap : s->width[c];
        /* a header widens its column up to FS_WB_HEAD_CAP, or up to a
         * narrower cap the sheet set (the header then wraps) */
        double hcap = cap < FS_WB_HEAD_CAP ? cap : FS_WB_HEAD_CAP;
        if (head[c] > width)
            width = head[c] < hcap ? head[c] : width > hcap ? width : hcap;
        if (width < s->min[c])
            width = s->min[c];
        final[c] = width > 0 ? width + 2.0 : 0;
        if (final[c] > 0)
            worksheet_set_column(s->ws, c, c, final[c], NULL);
    }
    /* Header rows grow to show their wrapped labels. */
    for (size_t i = 0; i < s->nheads; i++) {
        lxw_row_t r = s->heads[i].row;
        int lines = 1;
        for (size_t j = 0; j < s->nheads; j++) {
            if (s->heads[j].row != r || s->heads[j].col >= FS_WB_MAX_COLS)
                continue;
            double room = final[s->heads[j].col] - 1.5;
            int l = room > 1 ? (int)ceil(s->heads[j].width / room) : 1;
            if (l > lines)
                lines = l;
        }
        worksheet_set_row(s->ws, r, row_height(lines), NULL);
    }
    /* Paragraphs grow to show their wrapped text (9-point: a bit more
     * per line than the column width suggests). */
    for (size_t i = 0; i < s->nparas; i++) {
        double room = 0;
        for (lxw_col_t c = s->paras[i].first; c <= s->paras[i].last && c < FS_WB_MAX_COLS; c++)
            room += final[c] > 0 ? final[c] : 8.43;
        int lines = room > 1 ? (int)ceil(s->paras[i].width * 0.85 / room) : 1;
        worksheet_set_row(s->ws, s->paras[i].row, 2.0 + 12.5 * (lines < 1 ? 1 : lines), NULL);
    }
    /* Pages across: as many as keep the print at FS_WB_MIN_PRINT_SCALE or
     * more, with column A (the county, the label) repeated on each. */
    fs_wb_pictures_place(s, sheet_px(final));
    int across = s->wide ? print_pages_across(final) : 1;
    bool from_head = across > 1 && s->repeat_first > 0 && s->repeat_first <= s->repeat_last;
    fs_wb_check(w, worksheet_repeat_rows(s->ws, from_head ? s->repeat_first : 0, s->repeat_last),
                "repeated rows");
    if (across > 1) {
        worksheet_fit_to_pages(s->ws, (uint16_t)across, 0);
        fs_wb_check(w, worksheet_repeat_columns(s->ws, 0, 0), "repeated columns");
        worksheet_print_across(s->ws); /* the table's right half follows its left */
    }
    if (from_head) {
        /* The title spills from column A: printed across pages, the
         * repeated column A would show it cut ("2025年分").  The print
         * starts at the table header and the title goes to the page
         * header, whole on every page. */
        lxw_col_t lastc = 0;
        for (lxw_col_t c = 0; c < FS_WB_MAX_COLS; c++)
            if (final[c] > 0)
                lastc = c;
        lxw_row_t used = s->row > s->chart_end ? s->row : s->chart_end;
        fs_wb_check(w, worksheet_print_area(s->ws, s->repeat_first, 0, used, lastc), "print area");
        char title[600], hf[1200];
        hf_escape(s->heading, title, sizeof title);
        snprintf(hf, sizeof hf, "&L&10&B%s%s", title, w->hf_header);
        if (strlen(hf) <= 255) /* Excel's limit for a header */
            fs_wb_check(w, worksheet_set_header(s->ws, hf), "page header");
    }
    if (s->nbreaks) {
        s->breaks[s->nbreaks] = 0;
        fs_wb_check(w, worksheet_set_h_pagebreaks(s->ws, s->breaks), "page breaks");
        return;
    }
    /* A sheet a little longer than a page prints on one page (scaled)
     * rather than leaving a few rows alone on a second one. */
    lxw_row_t used = s->row > s->chart_end ? s->row : s->chart_end;
    if (used <= FS_WB_ONE_PAGE_ROWS && across == 1)
        worksheet_fit_to_pages(s->ws, 1, 1);
}

/* ---------------------------------------------------------------- cells */

static void track(fs_wb_sheet *s, lxw_col_t c, double width)
{
    if (c < FS_WB_MAX_COLS && width > s->width[c])
        s->width[c] = width;
}

/* Write clean text; returns its display width. */
static double put_text(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return 0;
    if (!text || !*text) {
        fs_wb_check(w, worksheet_write_blank(s->ws, r, c, f), s->name);
        return 0;
    }
    size_t n = strlen(text);
    size_t size = n * 3 + 4; /* every byte may become U+FFFD */
    char stack[1024], *buf = size <= sizeof stack ? stack : malloc(size);
    if (!buf) {
        fs_wb_fail(w, FS_ERR_NOMEM, "out of memory");
        return 0;
    }
    fs_wb_clean_utf8(text, buf, size);
    /* A string cell: never a formula, a number or a link, whatever the
     * text begins with (= + - @ tab). */
    fs_wb_check(w, worksheet_write_string(s->ws, r, c, buf, f), s->name);
    double width = fs_wb_text_width(buf);
    if (buf != stack)
        free(buf);
    return width;
}

/* Lines that text takes in a column wrapping at `room` characters. */
static int text_lines(const char *text, double room)
{
    int lines = 0;
    const char *p = text;
    char line[2048];
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        int k = (int)ceil(fs_wb_text_width(line) / room);
        lines += k < 1 ? 1 : k;
        if (!nl)
            break;
        p = nl + 1;
    }
    return lines;
}

/* Wrapped text: make its row tall enough (the column wraps at its cap,
 * which the sheet sets before writing; the tallest cell of a row wins). */
static void grow_row(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text)
{
    double cap = c < FS_WB_MAX_COLS && s->cap[c] > 0 ? s->cap[c] : FS_WB_TEXT_CAP;
    int lines = text_lines(text, cap + 1.0); /* the column is cap + 2 wide */
    if (r != s->grow_row || s->grow_lines == 0)
        s->grow_lines = 1;
    s->grow_row = r;
    if (lines > s->grow_lines) {
        s->grow_lines = lines;
        worksheet_set_row(s->ws, r, row_height(lines), NULL);
    }
}

void fs_wb_text(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    double width = put_text(s, r, c, text, f);
    track(s, c, width);
    if (s->ws && text &&
        (f == s->wb->fmt[FS_WB_F_WRAP] || f == s->wb->fmt[FS_WB_F_FINDING] ||
         f == s->wb->fmt[FS_WB_F_CENTER]))
        grow_row(s, r, c, text);
}

void fs_wb_text_free(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    put_text(s, r, c, text, f);
}

/* Display width of a number in a format (an estimate: digits, grouping,
 * decimals, sign). */
static double number_width(double v, fs_wb_num kind)
{
    char buf[64];
    switch (kind) {
    case FS_WB_N_PCT: snprintf(buf, sizeof buf, "%.1f%%", v * 100); break;
    case FS_WB_N_DEC1: snprintf(buf, sizeof buf, "%.1f", v); break;
    case FS_WB_N_MONEY:
    case FS_WB_N_DEC2: snprintf(buf, sizeof buf, "%.2f", v); break;
    case FS_WB_N_DATE: return 10;
    case FS_WB_N_DATETIME: return 16;
    case FS_WB_N_PP: snprintf(buf, sizeof buf, "+%.1f", v); return (double)strlen(buf) + 9;
    default: snprintf(buf, sizeof buf, "%.0f", v); break;
    }
    double digits = 0;
    for (char *p = buf; *p && *p != '.'; p++)
        digits += *p >= '0' && *p <= '9';
    return (double)strlen(buf) + floor((digits - 1) / 3) + 0.5;
}

void fs_wb_number(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, double v, fs_wb_row style,
                  fs_wb_num kind)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    if (!isfinite(v)) {
        fs_wb_check(
            w, worksheet_write_string(s->ws, r, c, fs_wb_l(w, FS_WB_L_NO_VALUE), w->muted[style]),
            s->name);
        return;
    }
    fs_wb_check(w, worksheet_write_number(s->ws, r, c, v, w->num[style][kind]), s->name);
    track(s, c, number_width(v, kind));
}

void fs_wb_blank(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, lxw_format *f)
{
    if (s->ws && s->wb->st == FS_OK)
        fs_wb_check(s->wb, worksheet_write_blank(s->ws, r, c, f), s->name);
}

void fs_wb_formula(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *formula, double value,
                   fs_wb_row style, fs_wb_num kind)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    fs_wb_check(w, worksheet_write_formula_num(s->ws, r, c, formula, w->num[style][kind], value),
                s->name);
    track(s, c, number_width(value, kind));
}

void fs_wb_date(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *iso, fs_wb_row style,
                fs_wb_num kind)
{
    fs_wb *w = s->wb;
    lxw_datetime dt = {0};
    int y, mo, d, h = 0, mi = 0, se = 0;
    int n = sscanf(iso ? iso : "", "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se);
    if (n < 3 || mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900) {
        fs_wb_text(s, r, c, iso, w->num[style][FS_WB_N_TEXT]);
        return;
    }
    dt.year = y;
    dt.month = mo;
    dt.day = d;
    if (kind == FS_WB_N_DATETIME && n == 6) {
        dt.hour = h;
        dt.min = mi;
        dt.sec = se;
    }
    if (!s->ws || w->st != FS_OK)
        return;
    fs_wb_check(w, worksheet_write_datetime(s->ws, r, c, &dt, w->num[style][kind]), s->name);
    track(s, c, number_width(0, kind));
}

void fs_wb_head(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, bool left)
{
    fs_wb *w = s->wb;
    double width = put_text(s, r, c, text, w->fmt[left ? FS_WB_F_HEAD_LEFT : FS_WB_F_HEAD]);
    if (s->nheads < FS_WB_MAX_HEADS)
        s->heads[s->nheads++] = (fs_wb_head_cell){r, c, width * 1.1};
}

void fs_wb_freeze_below_head(fs_wb_sheet *s, lxw_col_t cols)
{
    if (!s->ws || s->wb->st != FS_OK)
        return;
    lxw_row_t r = s->nheads ? s->heads[0].row + 1 : 3;
    worksheet_freeze_panes(s->ws, r, cols);
}

void fs_wb_comment(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    char buf[2048];
    fs_wb_clean_utf8(text, buf, sizeof buf);
    lxw_comment_options o = {.width = 300, .height = 90};
    fs_wb_check(w, worksheet_write_comment_opt(s->ws, r, c, buf, &o), s->name);
}

void fs_wb_section(fs_wb_sheet *s, const char *title)
{
    if (s->ws)
        worksheet_set_row(s->ws, s->row, 20, NULL);
    fs_wb_text_free(s, s->row++, 0, title, s->wb->fmt[FS_WB_F_SECTION]);
}

void fs_wb_footnote(fs_wb_sheet *s, const char *text)
{
    fs_wb_text_free(s, s->row++, 0, text, s->wb->fmt[FS_WB_F_NOTE]);
}

void fs_wb_paragraph(fs_wb_sheet *s, const char *text, lxw_col_t last)
{
    fs_wb_paragraph_at(s, text, 0, last);
}

void fs_wb_block(fs_wb_sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                 const char *text)
{
    fs_wb *w = s->wb;
    if (!s->ws || w->st != FS_OK)
        return;
    char buf[4096];
    fs_wb_clean_utf8(text, buf, sizeof buf);
    if (r1 == r2 && c1 == c2)
        fs_wb_check(w, worksheet_write_string(s->ws, r1, c1, buf, w->fmt[FS_WB_F_BLOCK]), s->name);
    else
        fs_wb_check(w, worksheet_merge_range(s->ws, r1, c1, r2, c2, buf, w->fmt[FS_WB_F_BLOCK]),
                    s->name);
}

void fs_wb_paragraph_at(fs_wb_sheet *s, const char *text, lxw_col_t first, lxw_col_t last)
{
    fs_wb *w = s->wb;
    lxw_row_t r = s->row++;
    if (!s->ws || w->st != FS_OK)
        return;
    char buf[4096];
    fs_wb_clean_utf8(text, buf, sizeof buf);
    if (last <= first)
        fs_wb_check(w, worksheet_write_string(s->ws, r, first, buf, w->fmt[FS_WB_F_PARA]), s->name);
    else
        fs_wb_check(w, worksheet_merge_range(s->ws, r, first, r, last, buf, w->fmt[FS_WB_F_PARA]),
                    s->name);
    if (s->nparas < sizeof s->paras / sizeof s->paras[0]) {
        s->paras[s->nparas].row = r;
        s->paras[s->nparas].first = first;
        s->paras[s->nparas].last = last;
        s->paras[s->nparas].width = fs_wb_text_width(buf);
        s->nparas++;
    }
}

double fs_wb_fig_cell(const fs_figures *f, int scope, int m)
{
    if (scope < 0 || m < 0 || (size_t)scope >= f->nscopes || (size_t)m >= f->nmetrics)
        return NAN;
    const fs_fig_value *v = fs_fig_value_at(f, (size_t)scope, (size_t)m);
    if (v->state != FS_FIG_SET)
        return NAN;
    return fs_wb_metric_num(&f->metrics[m]) == FS_WB_N_PCT ? v->d / 100.0 : v->d;
}

double fs_wb_fig(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const fs_figures *f, int scope, int m,
                 fs_wb_row style)
{
    fs_wb *w = s->wb;
    const fs_fig_value *v =
        scope >= 0 && m >= 0 && (size_t)scope < f->nscopes && (size_t)m < f->nmetrics
            ? fs_fig_value_at(f, (size_t)scope, (size_t)m)
            : NULL;
    if (!v || v->state == FS_FIG_ABSENT) {
        fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NO_DATA), w->muted[style]);
        return NAN;
    }
    char note[1024];
    if (v->state == FS_FIG_EMPTY) {
        if (!fs_fig_comparable(f, (size_t)scope, (size_t)m)) {
            fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NOT_COMPARABLE), w->muted[style]);
            fs_wb_comment(s, r, c,
                          fs_fig_not_comparable_text(f, (size_t)scope, (size_t)m,
                                                     w->lang == FS_LANG_ZH, note, sizeof note));
        } else {
            fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NO_VALUE), w->muted[style]);
        }
        return NAN;
    }
    fs_wb_num kind = fs_wb_metric_num(&f->metrics[m]);
    if (f->metrics[m].kind == FS_FIG_AMOUNT && v->i % 100 != 0)
        kind = FS_WB_N_DEC2;
    double x = fs_wb_fig_cell(f, scope, m);
    fs_wb_number(s, r, c, x, style, kind);
    return x;
}

char *fs_wb_cover_note(const fs_wb *w, const fs_figures *f, int scope, fs_county_set have,
                       char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    if (scope < 0 || (size_t)scope >= f->nscopes || f->scopes[scope].kind == FS_SCOPE_COUNTY)
        return buf;
    fs_county_set all = f->scopes[scope].counties;
    have &= all;
    if (!have || have == all)
        return buf;
    bool zh = w->lang == FS_LANG_ZH;
    char cnt[64], list[800];
    fs_fig_set_cover_text(f, (size_t)scope, have, zh, cnt, sizeof cnt);
    fs_county_set missing = all & ~have;
    fs_wb_county_list(w, missing, list, sizeof list);
    snprintf(buf, size, zh ? "%s（缺%s）" : "%s (no %s)", cnt, list);
    return buf;
}

/* Append to parts (at *n) "; Zone 6/7县（缺…）" for province or zone
 * scope k covering the counties `have` (fs_wb_cover_note; nothing when
 * it covers all or none).  A Chinese list separates its items with a
 * full-width semicolon.  False when parts is full. */
static bool add_scope_note(const fs_wb *w, const fs_figures *f, size_t k, fs_county_set have,
                           char *parts, size_t size, size_t *n)
{
    char note[1024];
    fs_wb_cover_note(w, f, (int)k, have, note, sizeof note);
    if (!note[0])
        return true;
    const char *name = f->scopes[k].kind == FS_SCOPE_ZONE ? fs_wb_l(w, FS_WB_L_ZONE)
                                                          : fs_wb_province(w, f->scopes[k].index);
    const char *sep = *n ? (w->lang == FS_LANG_ZH ? "；" : "; ") : "";
    int k2 = snprintf(parts + *n, size - *n, "%s%s %s", sep, name, note);
    if (k2 < 0 || (size_t)k2 >= size - *n)
        return false;
    *n += (size_t)k2;
    return true;
}

/* The alert line `label` ("{1} year, {2} what, {3} parts") at s->row. */
static void cover_alert(fs_wb_sheet *s, const fs_figures *f, fs_wb_label label, const char *what,
                        const char *parts)
{
    char y[16], buf[2600];
    snprintf(y, sizeof y, "%d", f->year);
    const char *args[] = {y, what, parts};
    fs_wb_fill(buf, sizeof buf, fs_wb_l(s->wb, label), args, 3);
    fs_wb_text_free(s, s->row++, 0, buf, s->wb->fmt[FS_WB_F_ALERT]);
}

int fs_wb_coverage_lines(fs_wb_sheet *s, const fs_figures *f, unsigned tables)
{
    int lines = 0;
    for (int t = 0; t < FS_T_COUNT; t++) {
        if (!(tables & (1u << t)))
            continue;
        char parts[2048] = "";
        size_t n = 0;
        for (size_t k = 0; k < f->nscopes; k++)
            if (!add_scope_note(s->wb, f, k, fs_fig_cover(f, k, (fs_table)t, false), parts,
                                sizeof parts, &n))
                break;
        if (!n)
            continue;
        cover_alert(s, f, FS_WB_L_COVER_LINE, fs_wb_table_name(s->wb, (fs_table)t), parts);
        lines++;
    }
    return lines;
}

int fs_wb_metric_coverage_lines(fs_wb_sheet *s, const fs_figures *f, const int *metrics, size_t n)
{
    int lines = 0;
    for (size_t i = 0; i < n; i++) {
        int m = metrics[i];
        if (m < 0)
            continue;
        char parts[2048] = "";
        size_t len = 0;
        for (size_t k = 0; k < f->nscopes; k++) {
            fs_county_set have = fs_fig_metric_counties(f, k, (size_t)m);
            if (have == fs_fig_cover(f, k, f->metrics[m].table, false))
                continue; /* the table's line says it */
            if (!add_scope_note(s->wb, f, k, have, parts, sizeof parts, &len))
                break;
        }
        if (!len)
            continue;
        char label[256];
        fs_wb_metric_label(s->wb, f, m, label, sizeof label);
        cover_alert(s, f, FS_WB_L_COVER_FIG_LINE, label, parts);
        lines++;
    }
    return lines;
}

int fs_wb_yoy_metric(const fs_figures *f, const char *name)
{
    char yoy[96];
    snprintf(yoy, sizeof yoy, "%s_yoy_pct", name);
    int m = fs_fig_metric_index(f, yoy);
    if (m >= 0)
        return m;
    snprintf(yoy, sizeof yoy, "%s_yoy_pp", name);
    return fs_fig_metric_index(f, yoy);
}

void fs_wb_yoy_cell(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const fs_figures *f, int scope,
                    int ym)
{
    fs_wb *w = s->wb;
    const fs_fig_value *v = ym >= 0 && scope >= 0 && (size_t)scope < f->nscopes
                                ? fs_fig_value_at(f, (size_t)scope, (size_t)ym)
                                : NULL;
    if (!v || (v->state == FS_FIG_EMPTY && !fs_fig_comparable(f, (size_t)scope, (size_t)ym))) {
        char note[1024];
        if (v) {
            fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NOT_COMPARABLE), w->muted[FS_WB_R_BODY]);
            fs_wb_comment(s, r, c,
                          fs_fig_not_comparable_text(f, (size_t)scope, (size_t)ym,
                                                     w->lang == FS_LANG_ZH, note, sizeof note));
        } else {
            fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NO_VALUE), w->muted[FS_WB_R_BODY]);
        }
        return;
    }
    const fs_fig_metric *mt = &f->metrics[ym];
    bool pp = mt->yoy == FS_FIG_YOY_PP;
    /* A count below 100 changes by its difference (16 → 17 is "▲ 1",
     * not "▲ 6.3%": charts/README.md, the tiles say the same), 0 → 27
     * included, whose change in % has no value (a 0 denominator). */
    double diff = NAN;
    if (!pp && f->metrics[mt->base].kind == FS_FIG_COUNT) {
        const fs_figures *prev = fs_report_ctx_year(w->ctx, f->year - 1);
        int ps = prev ? fs_fig_scope_index(prev, f->scopes[scope].code) : -1;
        int pm = prev ? fs_fig_metric_index(prev, f->metrics[mt->base].name) : -1;
        const fs_fig_value *now = fs_fig_value_at(f, (size_t)scope, (size_t)mt->base);
        const fs_fig_value *was =
            ps >= 0 && pm >= 0 ? fs_fig_value_at(prev, (size_t)ps, (size_t)pm) : NULL;
        if (was && was->state == FS_FIG_SET && now->state == FS_FIG_SET && llabs(was->i) < 100)
            diff = (double)(now->i - was->i);
    }
    if (!isfinite(diff) && v->state != FS_FIG_SET) {
        fs_wb_text(s, r, c, fs_wb_l(w, FS_WB_L_NO_VALUE), w->muted[FS_WB_R_BODY]);
        return;
    }
    int dir = fs_wb_metric_direction(f->metrics[mt->base].name);
    double d = isfinite(diff) ? diff : v->d;
    int sign = d > 0 ? 1 : d < 0 ? -1 : 0;
    int k = dir * sign > 0 ? 0 : dir * sign < 0 ? 1 : 2;
    lxw_format *fmt = w->fmt[(isfinite(diff) ? FS_WB_F_DIFF_GOOD
                              : pp           ? FS_WB_F_PP_GOOD
                                             : FS_WB_F_YOY_GOOD) +
                             k];
    if (s->ws && w->st == FS_OK)
        fs_wb_check(w,
                    worksheet_write_number(s->ws, r, c, pp || isfinite(diff) ? d : d / 100.0, fmt),
                    s->name);
    if (s->width[c] < (pp ? 14 : 9))
        s->width[c] = pp ? 14 : 9;
}

char *fs_wb_ref(lxw_row_t r, lxw_col_t c, char *buf)
{
    lxw_rowcol_to_cell(buf, r, c);
    return buf;
}

void fs_wb_page_break(fs_wb_sheet *s, lxw_row_t r)
{
    if (s->nbreaks + 1 < sizeof s->breaks / sizeof s->breaks[0] && r > 0)
        s->breaks[s->nbreaks++] = r;
}

/* -------------------------------------------------------------- scopes */

int fs_wb_scope_county(const fs_figures *f, int county)
{
    for (size_t s = 0; s < f->nscopes; s++)
        if (f->scopes[s].kind == FS_SCOPE_COUNTY && f->scopes[s].index == county)
            return (int)s;
    return -1;
}

int fs_wb_scope_province(const fs_figures *f, int province)
{
    for (size_t s = 0; s < f->nscopes; s++)
        if (f->scopes[s].kind == FS_SCOPE_PROVINCE && f->scopes[s].index == province)
            return (int)s;
    return -1;
}

int fs_wb_scope_zone(const fs_figures *f)
{
    for (size_t s = 0; s < f->nscopes; s++)
        if (f->scopes[s].kind == FS_SCOPE_ZONE)
            return (int)s;
    return -1;
}

/* The zone's headline figures, in the order of the issue (Overview,
 * Counties, Trends). */
const char *const fs_wb_headline[] = {
    FS_MN(cases),
    FS_MN(offenses),
    FS_MN(offenses_per_10k),
    FS_MN(cross_cases),
    FS_MN(cross_share_pct),
    FS_MN(clearance_pct),
    FS_MN(loss_yuan),
    FS_MN(recovered_yuan),
    FS_MN(recovery_pct),
    FS_MN(disputes),
    FS_MN(resolution_pct),
    FS_MN(cross_disputes),
    FS_MN(activities),
    FS_MMEMBER(activities_, "joint_mediation"), /* one kind of the activities */
    FS_MN(fugitives_caught),
    FS_MN(clues_verified),
    FS_MMEMBER(ind_, "grid_members"),
    FS_MMEMBER(ind_, "video_devices_added"),
};
const size_t fs_wb_nheadline = sizeof fs_wb_headline / sizeof fs_wb_headline[0];

/* ----------------------------------------------------------- the file */

static void set_properties(fs_wb *w)
{
    const fs_report_ctx *ctx = w->ctx;
    char year[16], subject[256], keywords[256], comments[512], title[512], author[256];
    snprintf(year, sizeof year, "%d", ctx->year);
    fs_wb_lf(w, subject, sizeof subject, FS_WB_L_SUBJECT, year, NULL);
    fs_wb_lf(w, keywords, sizeof keywords, FS_WB_L_KEYWORDS, year, NULL);
    fs_wb_lf(w, comments, sizeof comments, FS_WB_L_COMMENTS, FS_VERSION, NULL);
    fs_wb_clean_utf8(w->title, title, sizeof title);
    fs_wb_clean_utf8(fs_wb_secretariat(w), author, sizeof author);
    lxw_doc_properties p = {
        .title = title,
        .subject = subject,
        .author = author,
        .company = author,
        .keywords = keywords,
        .comments = comments,
        .created = fs_xlsx_created(ctx->epoch),
    };
    fs_wb_check(w, workbook_set_properties(w->book, &p), "document properties");
}

static void set_header_footer(fs_wb *w)
{
    char title[300], year[16];
    hf_escape(w->title, title, sizeof title);
    snprintf(year, sizeof year, "%d", w->ctx->year);
    /* The title is cut to keep the header within Excel's 255 characters. */
    char clean[200];
    fs_wb_clean_utf8(title, clean, sizeof clean);
    snprintf(w->hf_header, sizeof w->hf_header, "&C&9%s", clean);
    snprintf(w->hf_footer, sizeof w->hf_footer, "&L&8&A&C&8%s&R&8%s", fs_wb_l(w, FS_WB_L_PAGE_OF),
             year);
}

/* Close the workbook (writing the temporary file) and record why it
 * failed: a full disk (ENOSPC, EFBIG under a file size limit, EDQUOT) is
 * FS_ERR_DISK_FULL. */
static void close_book(fs_wb *w)
{
    errno = 0;
    lxw_error e = workbook_close(w->book);
    int saved = errno;
    w->book = NULL;
    if (e == LXW_NO_ERROR)
        return;
    if (saved == ENOSPC || saved == EFBIG || saved == EDQUOT) {
        fs_wb_fail(w, FS_ERR_DISK_FULL, "disk full");
        return;
    }
    fs_sbuf msg = {0};
    fs_sbuf_addf(&msg, "%s%s%s", lxw_strerror(e), saved ? ": " : "", saved ? strerror(saved) : "");
    fs_wb_fail(w, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? FS_ERR_NOMEM : FS_ERR_IO,
               fs_sbuf_str(&msg));
    fs_sbuf_free(&msg);
}

fs_status fs_workbook_write(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err)
{
    fs_sbuf pb = {0};
    fs_sbuf_addf(&pb, "%s/forum-%d.xlsx", ctx->dir, ctx->year);
    const char *path = fs_sbuf_str(&pb);
    fs_atomic a;
    errno = 0;
    fs_status st = fs_atomic_begin_path(&a, path);
    if (st != FS_OK) {
        fs_sbuf_setf(err, _("cannot write %s: %s"), path,
                     st == FS_ERR_NOMEM ? _("out of memory")
                     : errno            ? strerror(errno)
                                        : fs_strerror(st));
        fs_sbuf_free(&pb);
        return st;
    }
    fs_wb *w = calloc(1, sizeof *w);
    if (!w) {
        fs_atomic_abort(&a);
        fs_sbuf_setf(err, _("cannot write %s: out of memory"), path);
        fs_sbuf_free(&pb);
        return FS_ERR_NOMEM;
    }
    w->ctx = ctx;
    w->fig = ctx->fig;
    w->zone = ctx->zone;
    w->lang = ctx->opts.lang;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    w->book = workbook_new_opt(a.tmp_path, &opt);
    if (!w->book) {
        fs_wb_fail(w, FS_ERR_NOMEM, "cannot start the workbook");
    } else {
        fs_wb_titles(w);
        set_header_footer(w);
        set_properties(w);
        make_formats(w);
        void (*const sheets[])(fs_wb *) = {fs_wb_overview, fs_wb_counties, fs_wb_crime,
                                           fs_wb_disputes, fs_wb_coop,     fs_wb_trends,
                                           fs_wb_recon,    fs_wb_sources,  fs_wb_defs};
        for (size_t i = 0; i < sizeof sheets / sizeof sheets[0] && w->st == FS_OK; i++)
            sheets[i](w);
        if (w->st == FS_OK)
            close_book(w);
    }
    if (w->book) /* failed before closing: free it (this writes the temp file) */
        workbook_close(w->book);
    fs_rc_close(w->rc);
    /* the chart step may be running beside us: the file goes into place
     * only once it has (report_ctx.h) */
    if (w->st == FS_OK && fs_report_wait_beside(ctx) != FS_OK)
        fs_wb_fail(w, FS_ERR_IO, _("an earlier output failed"));
    st = w->st;
    if (st == FS_OK) {
        errno = 0;
        st = fs_atomic_commit(&a);
        if (st != FS_OK)
            fs_wb_fail(w, st,
                       st == FS_ERR_DISK_FULL ? "disk full"
                       : errno                ? strerror(errno)
                                              : fs_strerror(st));
    } else {
        fs_atomic_abort(&a);
    }
    if (st == FS_OK)
        fs_sbuf_setf(wrote, "%s", path);
    else
        fs_sbuf_setf(err, _("cannot write %s: %s"), path, fs_err_text(&w->err, st));
    fs_sbuf_free(&w->err);
    free(w);
    fs_sbuf_free(&pb);
    return st;
}
