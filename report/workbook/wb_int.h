/*
 * wb_int.h — inside the forum workbook: the shared state of the sheet
 * writers (wb_<sheet>.c) and the small kit they all use: cells and sheets
 * (workbook.c), words (wb_text.c, doc_labels.h), charts and pictures
 * (wb_draw.c), the county tables of Crime, Disputes, Cooperation
 * (wb_table.c).
 *
 * One fs_wb per workbook holds the libxlsxwriter workbook, the report
 * context, the formats and the first error.  One fs_wb_sheet per sheet
 * tracks the widest content of every column (widths are computed, CJK
 * characters count double), the header cells (their row grows to fit a
 * wrapped label) and the rows repeated on printed pages.
 *
 * Rules every sheet writer follows:
 *   - text goes through fs_wb_text (valid UTF-8, never a formula or URL:
 *     county text starting with = + - @ stays text), numbers through
 *     fs_wb_number / fs_wb_fig, dates through fs_wb_date;
 *   - formulas (fs_wb_formula) are built only from cell references and
 *     always carry their computed value;
 *   - labels come from fs_wb_l (doc_labels.h, the one label table of the documents), never
 * literals;
 *   - errors are recorded once in the fs_wb (fs_wb_fail) and checked by
 *     the caller of the sheet writer; writers keep going harmlessly after
 *     a failure, so the code reads straight.
 */
#ifndef FS_WB_INT_H
#define FS_WB_INT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xlsxwriter.h>

#include "figures.h"
#include "report_charts.h"
#include "report_ctx.h"
#include "sbuf.h"
#include "doc_labels.h"

/* The workbook's name of the document labels (doc_labels.h): FS_WB_L_X
 * is FS_L_X. */
typedef fs_doc_label fs_wb_label;

#define FS_WB_MAX_COLS 80          /* columns tracked per sheet (> 64 counties) */
#define FS_WB_MAX_HEADS 512        /* header cells per sheet (wrap heights)    */
#define FS_WB_TEXT_CAP 48.0        /* text wider than this wraps (characters)  */
#define FS_WB_HEAD_CAP 14.0        /* a header label may widen its column to this */
#define FS_WB_ONE_PAGE_ROWS 48     /* sheets up to this long print on one page */
#define FS_WB_PRINT_WIDTH 1045     /* printable width of A4 landscape, pixels   */
#define FS_WB_MIN_PRINT_SCALE 0.85 /* 10-point cells print at 8.5 pt or more */
#define FS_WB_REGISTER_MAX 20000   /* register rows at most (size bound)      */

/*
 * The workbook's font, named in every cell format and chart.  Calibri
 * (libxlsxwriter's default) has no Chinese glyphs: Excel and WPS then pick
 * a face per character.  Chinese workbooks name 微软雅黑 (Microsoft YaHei,
 * GB2312 charset), the Chinese UI face of every Windows since Vista and of
 * WPS, so what the clerk sees is what is named.  LibreOffice on Linux has
 * no YaHei and draws the Chinese with fonts-noto-cjk in its simplified
 * Chinese forms (checked: the full-width colon sits low left as in SC, not
 * centred as in JP) and Latin with DejaVu.  Its PDFs name the collection's
 * first face ("NotoSansCJKjp") whatever face is used, even with "Noto Sans
 * CJK SC" named: that name is not a sign of Japanese glyphs.  Naming Noto
 * would suit LibreOffice only and leave Windows users a substitute face.
 */
#define FS_WB_FONT_ZH "Microsoft YaHei"
#define FS_WB_FONT_EN "Calibri"

/* How a number looks. */
typedef enum fs_wb_num {
    FS_WB_N_TEXT,     /* text                                            */
    FS_WB_N_INT,      /* 12,345                                          */
    FS_WB_N_MONEY,    /* 12,345.60 yuan (the unit is in the header)      */
    FS_WB_N_PCT,      /* 12.3% (the cell holds the fraction 0.123)       */
    FS_WB_N_DEC1,     /* 12.3                                            */
    FS_WB_N_DEC2,     /* 12.35                                           */
    FS_WB_N_DATE,     /* 2024-05-20 (a real date)                        */
    FS_WB_N_DATETIME, /* 2024-05-20 08:00                                */
    FS_WB_N_PP,       /* +1.7个百分点 / +1.7 pp: a change of a percentage
                         (the cell holds the points, as the metrics file) */
    FS_WB_N_COUNT
} fs_wb_num;

/* Where a row stands in a table. */
typedef enum fs_wb_row {
    FS_WB_R_BODY,  /* a county, a register entry                         */
    FS_WB_R_SUB,   /* a province subtotal                                */
    FS_WB_R_TOTAL, /* the zone / a grand total                           */
    FS_WB_R_COUNT
} fs_wb_row;

/* Other formats. */
typedef enum fs_wb_fmt {
    FS_WB_F_TITLE,     /* sheet heading                                  */
    FS_WB_F_SUBTITLE,  /* forum line under the heading                   */
    FS_WB_F_SECTION,   /* a table's title                                */
    FS_WB_F_NOTE,      /* footnote, grey, no wrap                        */
    FS_WB_F_PARA,      /* paragraph note, grey, wrapped                  */
    FS_WB_F_HEAD,      /* column header, wrapped, centred                */
    FS_WB_F_HEAD_LEFT, /* column header over text                        */
    FS_WB_F_ID,        /* metric code under a header                     */
    FS_WB_F_CODE,      /* a code in a table body, small and grey         */
    FS_WB_F_LABEL,     /* bold label of a key/value pair                 */
    FS_WB_F_WRAP,      /* long text, wrapped                             */
    FS_WB_F_CENTER,    /* short text, centred, wrapped (status)          */
    FS_WB_F_MONO,      /* SHA-256, small monospace                       */
    FS_WB_F_MISSING,   /* "no data" in the coverage table                */
    FS_WB_F_DIAG,      /* matrix diagonal                                */
    FS_WB_F_YOY_GOOD,  /* change in the good direction                   */
    FS_WB_F_YOY_BAD,   /* change in the bad direction                    */
    FS_WB_F_YOY_FLAT,  /* change without a direction                     */
    FS_WB_F_PP_GOOD,   /* the same for a change in percentage points     */
    FS_WB_F_PP_BAD,
    FS_WB_F_PP_FLAT,
    FS_WB_F_DIFF_GOOD, /* the same for a count below 100: the difference */
    FS_WB_F_DIFF_BAD,
    FS_WB_F_DIFF_FLAT,
    FS_WB_F_FINDING, /* a finding's kind, highlighted, wrapped         */
    FS_WB_F_ALERT,   /* a warning line, highlighted, spilling right    */
    FS_WB_F_PARTIAL, /* "6/7县": a figure covering fewer than all counties */
    FS_WB_F_BLOCK,   /* one grey statement over a merged block, centred */
    FS_WB_F_COUNT
} fs_wb_fmt;

typedef struct fs_wb {
    lxw_workbook *book;
    const fs_report_ctx *ctx;
    const fs_figures *fig;
    const fs_zone *zone;
    fs_lang lang;
    lxw_format *num[FS_WB_R_COUNT][FS_WB_N_COUNT];
    lxw_format *muted[FS_WB_R_COUNT]; /* "no data", "–"                     */
    lxw_format *fmt[FS_WB_F_COUNT];
    lxw_format *county_fmt[FS_ZONE_MAX]; /* county name with its colour     */
    char title[512];                     /* the forum title                   */
    char forum_line[512];                /* ordinal, year, host               */
    char hf_header[256], hf_footer[256];
    fs_rc *rc;    /* the pictures' renderer, opened at the
                     first (fs_rc_open_beside ctx->charts) */
    fs_status st; /* first failure                     */
    fs_sbuf err;  /* its reason (without the file name) */
} fs_wb;

typedef struct fs_wb_head_cell {
    lxw_row_t row;
    lxw_col_t col;
    double width;
} fs_wb_head_cell;

typedef struct fs_wb_sheet {
    fs_wb *wb;
    lxw_worksheet *ws;
    const char *name;
    double width[FS_WB_MAX_COLS]; /* widest content, character units   */
    double cap[FS_WB_MAX_COLS];   /* wrap beyond (0 = FS_WB_TEXT_CAP);
                                     set before writing wrapped text  */
    double min[FS_WB_MAX_COLS];   /* at least this wide                */
    fs_wb_head_cell heads[FS_WB_MAX_HEADS];
    size_t nheads;
    struct {
        lxw_row_t row;
        lxw_col_t first, last;
        double width;
    } paras[32];            /* wrapped paragraphs (row heights)  */
    char heading[512];      /* the sheet's title (row 0)         */
    lxw_row_t repeat_first; /* wide sheets printing across: the
                               table header's first row; the print
                               starts there (the title moves to
                               the page header, never cut)      */
    size_t nparas;
    lxw_row_t grow_row; /* the row last grown for wrapped text */
    int grow_lines;
    lxw_row_t row;         /* next free row                     */
    lxw_row_t repeat_last; /* rows 0..repeat_last print on every page */
    lxw_row_t chart_end;   /* first row below every chart       */
    fs_rc_chart pics[4];   /* pictures, placed at the end       */
    size_t npics;
    lxw_row_t pic_row;   /* row of the first picture          */
    bool wide;           /* may print on several pages across
                            (column A repeated) rather than
                            shrink below FS_WB_MIN_PRINT_SCALE */
    lxw_row_t breaks[8]; /* manual page breaks (rows)         */
    size_t nbreaks;
    size_t nchartcols; /* hidden chart-data columns used     */
} fs_wb_sheet;

/* --------------------------------------------------------------- text */

/* The label in the workbook's language. */
const char *fs_wb_l(const fs_wb *w, fs_wb_label id);
/* The label in a given language (tests). */
const char *fs_wb_label_text(fs_lang lang, fs_wb_label id);

/* Copy tmpl into buf replacing "{1}".."{9}" by args[0..]; a placeholder
 * without an argument is left out.  Always NUL-terminates (truncating at
 * a UTF-8 boundary).  Returns buf. */
char *fs_wb_fill(char *buf, size_t size, const char *tmpl, const char *const *args, size_t nargs);
/* fs_wb_fill with a label as template and one or two arguments. */
char *fs_wb_lf(const fs_wb *w, char *buf, size_t size, fs_wb_label id, const char *a1,
               const char *a2);

/* Names in the workbook's language. */
const char *fs_wb_county(const fs_wb *w, int county);
const char *fs_wb_province(const fs_wb *w, int province);
const char *fs_wb_enum(const fs_wb *w, const fs_enum_value *v);
const char *fs_wb_table_name(const fs_wb *w, fs_table t);
/* The zone's secretariat (the author of the workbook); the other
 * language's name or the zone's name when the zone file names none. */
const char *fs_wb_secretariat(const fs_wb *w);

/* A set of counties as names joined by the list separator, in zone order. */
char *fs_wb_county_list(const fs_wb *w, fs_county_set set, char *buf, size_t size);

/* The short label of a metric for headers ("Clearance rate"); family
 * members use their value's label, matrices the county's name. */
const char *fs_wb_metric_label(const fs_wb *w, const fs_figures *f, int m, char *buf, size_t size);
/* Cut a unit in brackets off a label in place: "损失金额（元）" ->
 * "损失金额", "Loss (yuan)" -> "Loss" (money shown in 万元). */
void fs_wb_strip_unit(char *label);
/* +1 when a rise is good news, -1 when it is bad news, 0 when neither. */
int fs_wb_metric_direction(const char *name);

/* Display width of UTF-8 text in Excel character units (East Asian wide
 * and full-width characters count about 2); the longest line. */
double fs_wb_text_width(const char *s);

/* Copy s into out as valid XML-safe UTF-8: invalid bytes become U+FFFD,
 * control characters other than tab and newline become a space, and the
 * text is cut (at a character boundary) to fit out and Excel's 32 767
 * character limit.  Returns out. */
char *fs_wb_clean_utf8(const char *s, char *out, size_t size);

/* Fill w->title and w->forum_line from the zone and the figures. */
void fs_wb_titles(fs_wb *w);
/* An ordinal in the workbook's language: "2nd", "二" (for 第二届). */
void fs_wb_ordinal(const fs_wb *w, int n, char *buf, size_t size);

/* ----------------------------------------------------------- workbook */

/* Record the first failure (st != FS_OK) with a message; returns false
 * when e is an error so callers can stop early if they like. */
bool fs_wb_check(fs_wb *w, lxw_error e, const char *what);
void fs_wb_fail(fs_wb *w, fs_status st, const char *what);

/* How a metric's values are shown. */
fs_wb_num fs_wb_metric_num(const fs_fig_metric *m);

/* Start a sheet: add it, write the heading (row 0) and the forum line
 * (row 1: `subtitle`, or NULL for the forum title and line), set up
 * printing (A4 landscape, one page wide, header and footer, rows 0-1
 * repeated).  s->row is the next free row (3). */
void fs_wb_sheet_begin(fs_wb *w, fs_wb_sheet *s, fs_wb_label name, const char *heading,
                       const char *subtitle);
/* Finish a sheet: column widths, header row heights, repeated rows. */
void fs_wb_sheet_end(fs_wb_sheet *s);

/* Cell writers (track widths).  Text is always a string cell. */
void fs_wb_text(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f);
/* Text that does not widen its column (titles, notes spilling right). */
void fs_wb_text_free(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f);
void fs_wb_number(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, double v, fs_wb_row style,
                  fs_wb_num kind);
void fs_wb_blank(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, lxw_format *f);
/* A formula made of cell references with its computed value. */
void fs_wb_formula(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *formula, double value,
                   fs_wb_row style, fs_wb_num kind);
/* A date "YYYY-MM-DD…" (the time part of "YYYY-MM-DDTHH:MM:SSZ" is kept
 * with FS_WB_N_DATETIME); unparsable text is written as text. */
void fs_wb_date(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *iso, fs_wb_row style,
                fs_wb_num kind);
/* A column header (wraps; its row grows to fit).  left: over text. */
void fs_wb_head(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, bool left);
/* Freeze the panes below the sheet's first header row (written with
 * fs_wb_head) and right of `cols` columns: the labels of the first table
 * stay on screen while scrolling. */
void fs_wb_freeze_below_head(fs_wb_sheet *s, lxw_col_t cols);
/* A note (comment) on a cell. */
void fs_wb_comment(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const char *text);
/* A section title at s->row (then s->row moves past it). */
void fs_wb_section(fs_wb_sheet *s, const char *title);
/* A short footnote at s->row, one line (then s->row moves on). */
void fs_wb_footnote(fs_wb_sheet *s, const char *text);
/* A longer note at s->row, wrapped across columns 0..last (merged; the
 * row grows to fit when the sheet ends). */
void fs_wb_paragraph(fs_wb_sheet *s, const char *text, lxw_col_t last);
/* The same, merged over columns first..last (a note under a table that
 * prints across pages: from column B it never shows cut in the repeated
 * column A). */
void fs_wb_paragraph_at(fs_wb_sheet *s, const char *text, lxw_col_t first, lxw_col_t last);

/* One statement over the cells r1,c1 .. r2,c2, merged (centred, grey,
 * wrapped: FS_WB_F_BLOCK), in place of values that cannot exist (no
 * previous year to compare with); it does not widen the columns. */
void fs_wb_block(fs_wb_sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                 const char *text);

/*
 * The value of metric m in scope s of f: a number when set, "–" when the
 * figure has no value, "no data" when the scope has no records of its
 * table.  Percentages are written as fractions with a percent format.
 * Returns the number written, or NAN.
 */
double fs_wb_fig(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const fs_figures *f, int scope, int m,
                 fs_wb_row style);
/*
 * fs_wb_fig also says what §4 (v2) asks wherever a figure is shown: a
 * year-on-year change that is not comparable is the text "not comparable"
 * with the reason as a note on the cell; a change of a percentage is in
 * percentage points.  A province or zone figure covering fewer than all
 * its counties is named under its table (fs_wb_coverage_lines: "…：6/7县
 * （缺永城市）"), visible on screen and on paper.
 */
/* Write the coverage of the province and zone scopes for the tables in
 * `tables` (a bit per fs_table) as alert lines at s->row, one per table
 * whose zone or a province covers fewer than all its counties.  Returns
 * the number of lines written. */
int fs_wb_coverage_lines(fs_wb_sheet *s, const fs_figures *f, unsigned tables);
/* One line per figure of `metrics` (n indices, -1 skipped) whose province
 * or zone figure covers fewer counties than its table's line says (a
 * per-10 000 figure over the counties that also gave a population, an
 * indicator not every county gave: fs_fig_metric_counties), naming them:
 * "2024：每万人犯罪起数覆盖的县区少于该类数据——片区合计 5/7县（缺…）".
 * Returns the lines written. */
int fs_wb_metric_coverage_lines(fs_wb_sheet *s, const fs_figures *f, const int *metrics, size_t n);
/* "6/7县（缺永城市）" / "6 of 7 counties (no Yongcheng City)" for scope s
 * whose figure covers the counties `have` (fs_fig_cover of a table, or
 * fs_fig_metric_counties of one figure); "" when the scope is a county or
 * covers all. */
char *fs_wb_cover_note(const fs_wb *w, const fs_figures *f, int scope, fs_county_set have,
                       char *buf, size_t size);
/* Index of the year-on-year metric of figure `name` (F_yoy_pct or F_yoy_pp), or -1. */
int fs_wb_yoy_metric(const fs_figures *f, const char *name);
/* A year-on-year change in the coloured ▲ ▼ style (good / bad by the
 * figure's direction): in % or percentage points, or the difference for a
 * count that was below 100 the year before; "not comparable" (with
 * the reason as a cell note) or "–" when it has no value. */
void fs_wb_yoy_cell(fs_wb_sheet *s, lxw_row_t r, lxw_col_t c, const fs_figures *f, int scope,
                    int ym);

/* The cell value a figure becomes (percent → fraction), NAN when unset. */
double fs_wb_fig_cell(const fs_figures *f, int scope, int m);

/* "D12" (buf >= 16 bytes). */
char *fs_wb_ref(lxw_row_t r, lxw_col_t c, char *buf);

/* A chart series in one colour: a line with round markers (line) or a
 * filled bar. */
void fs_wb_series_color(lxw_chart_series *ser, lxw_color_t color, bool line);

/*
 * The values of a chart series over the cells r1,c1 .. r2,c2 (one row or
 * one column), whose figures are v[0..n) (NaN = no data or no value).
 * Excel and libxlsxwriter's cache draw a text cell ("未报送", "–") in a
 * value range as 0: when any v is NaN the series reads a copy instead, in
 * a hidden column right of every tracked one (rows r1 .. r1+n-1), numbers
 * where set and blank cells where not, so no viewer shows no data as 0
 * (standard v2 §4); the chart then shows hidden data.  When every value
 * is set the series reads the cells themselves.
 */
void fs_wb_series_values(fs_wb_sheet *s, lxw_chart *ch, lxw_chart_series *ser, lxw_row_t r1,
                         lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const double *v, size_t n);

/* A two-colour scale over a range (rates, matrices). */
void fs_wb_color_scale(fs_wb_sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                       lxw_color_t low, lxw_color_t high);
/* Title, legend at the bottom, light grid, small axis labels. */
void fs_wb_chart_style(fs_wb *w, lxw_chart *ch, const char *title);
/* Place a chart at row r, x_px pixels right of column A's left edge,
 * scaled (1 = 480 × 288 px).  Native charts (text in points, readable at
 * any size) sit side by side at x 0 and FS_WB_CHART_X2: 600 px wide at
 * scale 1.25, they never overlap. */
void fs_wb_insert_chart(fs_wb_sheet *s, lxw_row_t r, int x_px, lxw_chart *ch, double xs, double ys);
#define FS_WB_CHART_X2 640
#define FS_WB_CHART_ROWS 20 /* rows a chart of scale 1.25 covers */

/* ------------------------------------------------------- county tables */

/* A column of a county table (wb_table.c). */
typedef struct fs_wb_col {
    const char *head;     /* header label                                 */
    int metric;           /* a figure of ctx->fig, or -1: values[]        */
    const double *values; /* metric < 0: one value per county (NAN none)  */
    fs_wb_num num;        /* number format (for values[] and totals)      */
    bool part;            /* summed into the total column of the row      */
    bool total;           /* the row total: SUM of the part columns       */
    bool dedup;           /* the zone figure counts shared references once */
} fs_wb_col;

typedef struct fs_wb_table_rows {
    lxw_row_t head, first, last, zone; /* header, county rows, zone row    */
} fs_wb_table_rows;

/* A table at s->row: optional section title, header, one row per member
 * county (zone order), the zone row.  Totals as described in wb_table.c;
 * rates get a colour scale over the county rows. */
void fs_wb_county_table(fs_wb_sheet *s, const char *title, const fs_wb_col *cols, size_t n,
                        fs_wb_table_rows *out);

/* A finished chart of the chart set (report_charts.h) as a picture on a
 * printed page of its own, in column A from s->row on (pictures come last
 * on a sheet: nothing is written below them).  They are placed when the
 * sheet ends (fs_wb_pictures_place), one under the other with a page
 * break above each, so they never overlap.  A picture is at least
 * FS_WB_PICTURE_W px wide on screen and as wide as the sheet's columns,
 * so on the printed page (one page wide) it fills the printable width
 * (784 pt between 0.4-inch margins): the chart's body text, 1/87 of its
 * width (charts/README.md), prints at 9 pt and shows at 12 px or more. */
void fs_wb_picture_page(fs_wb_sheet *s, fs_rc_chart which);
/* Place the pictures of fs_wb_picture_page for a sheet whose columns are
 * sheet_px pixels wide (called by fs_wb_sheet_end). */
void fs_wb_pictures_place(fs_wb_sheet *s, double sheet_px);
#define FS_WB_PICTURE_W 1040

/* Start a new printed page at row r (charts below tables). */
void fs_wb_page_break(fs_wb_sheet *s, lxw_row_t r);

/* ------------------------------------------------------------- sheets */

/* The zone's headline figures (metric names), in display order. */
extern const char *const fs_wb_headline[];
extern const size_t fs_wb_nheadline;

void fs_wb_overview(fs_wb *w);
void fs_wb_counties(fs_wb *w);
void fs_wb_crime(fs_wb *w);
void fs_wb_disputes(fs_wb *w);
void fs_wb_coop(fs_wb *w);
void fs_wb_trends(fs_wb *w);
void fs_wb_recon(fs_wb *w);
void fs_wb_sources(fs_wb *w);
void fs_wb_defs(fs_wb *w);

/* How the Counties sheet totals a metric (a DF_T_* label). */
fs_wb_label fs_wb_total_label(const fs_fig_metric *m);

/* Scope index of a county / province / the zone in f (or -1). */
int fs_wb_scope_county(const fs_figures *f, int county);
int fs_wb_scope_province(const fs_figures *f, int province);
int fs_wb_scope_zone(const fs_figures *f);

#endif
