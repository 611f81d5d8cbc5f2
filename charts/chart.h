/*
 * chart.h — the chart library's data model: what a chart shows.
 *
 * Pure data, no cairo or pango, so forumstat's report module can fill chart
 * specs without knowing how they are drawn (drawing: chart_render.h; PDF
 * briefings: chart_doc.h; colours: chart_palette.h).
 *
 * A chart is an `fsc_chart`: common texts (title, subtitle, note, source line)
 * plus one data block per kind in an anonymous union.  Zero-initialised
 * fields mean "default", so designated initialisers stay short:
 *
 *     fsc_chart c = { .kind = FSC_BARS, .title = "…", .source = "…",
 *                 .bars = { .cats = { names, colors, 7 },
 *                           .series = yrs, .nseries = 2 } };
 *
 * Every string is UTF-8 and already translated: the library has no
 * language of its own (`lang` only tells pango how to shape CJK text).
 * Values are doubles; NaN (or ±inf) means "no data" and is drawn as a gap
 * or as the `na_label` text.  Percentages are given as fractions
 * (0.123 = 12.3 %).  The library reads a spec only during a call and never
 * keeps a pointer to it.
 *
 * To add a chart kind: an FSC_… value and a data struct here, a file
 * <kind>.c with a check and a draw function, and one line in the kind table
 * in chart.c — see charts/README.md.
 *
 * Names: every type, function and constant of the library starts with
 * fsc_ / FSC_ (forumstat charts); chart_ is libxlsxwriter's, and the
 * workbook code uses both libraries side by side.
 */
#ifndef FSC_H
#define FSC_H

#include <stdbool.h>
#include <stddef.h>

#include "chart_palette.h"

/* Result of every library call that can fail. */
typedef enum fsc_status {
    FSC_OK = 0,
    FSC_ERR_ARG,       /* invalid spec or argument (NULL, counts, kind)  */
    FSC_ERR_UTF8,      /* a label is not valid UTF-8                    */
    FSC_ERR_NOMEM,     /* out of memory                                 */
    FSC_ERR_FONT,      /* no font covering Chinese (Noto Sans CJK SC)    */
    FSC_ERR_GLYPH,     /* a text has a character the font cannot show   */
    FSC_ERR_IO,        /* open/write/fsync/rename failed (see errno)    */
    FSC_ERR_DISK_FULL, /* ENOSPC, EDQUOT or EFBIG while writing         */
    FSC_ERR_CAIRO,     /* cairo reported an error while drawing         */
    FSC_STATUS_COUNT
} fsc_status;

/* Short English description of a status; never NULL. */
const char *fsc_strerror(fsc_status st);

/* How numbers are printed (value labels, ticks, tiles). */
typedef enum fsc_fmt {
    FSC_FMT_INTEGER = 0, /* 12,345 — rounded, thousands separators        */
    FSC_FMT_PERCENT,     /* fraction in, one decimal out: 0.1234 → 12.3%  */
    FSC_FMT_DECIMAL1,    /* 1,234.5 — e.g. offences per 10 000 residents  */
    FSC_FMT_DECIMAL2     /* 3.66 — small rates whose first decimal ties   */
} fsc_fmt;

/*
 * Format v into buf (always NUL-terminated when size > 0) and return the
 * length the full text needs (like snprintf).  NaN and ±inf print `na`
 * (NULL: "n/a").  Locale-independent: '.' and ',' whatever LC_NUMERIC says.
 */
size_t fsc_format_value(char *buf, size_t size, double v, fsc_fmt f, const char *na);

/* How a bar or segment is filled: the second cue besides colour. */
typedef enum fsc_fill {
    FSC_FILL_SOLID = 0, /* full colour                                  */
    FSC_FILL_LIGHT,     /* pale tint with a coloured outline            */
    FSC_FILL_HATCH      /* diagonal hatching in the colour              */
} fsc_fill;

typedef enum fsc_marker {
    FSC_MARKER_CIRCLE = 0,
    FSC_MARKER_SQUARE,
    FSC_MARKER_DIAMOND,
    FSC_MARKER_TRIANGLE,
    FSC_MARKER_NONE
} fsc_marker;

typedef enum fsc_dash {
    FSC_DASH_SOLID = 0,
    FSC_DASH_DASHED,
    FSC_DASH_DOTTED,
    FSC_DASH_DASHDOT
} fsc_dash;

/* One data series: a value per category (or per x label for lines). */
typedef struct fsc_series {
    const char *name;     /* legend / direct label                        */
    const double *values; /* the values; NaN = no data                    */
    fsc_rgb color;        /* 0xRRGGBB (0 is black)                        */
    fsc_fill fill;        /* bars and stacks                              */
    fsc_marker marker;    /* lines and dots                               */
    fsc_dash dash;        /* lines                                        */
    bool emphasis;        /* lines: thicker line, bold label (zone total) */
    const bool *hollow;   /* lines and dots: NULL, or per point: a hollow
                             marker (a value not comparable with the
                             others, e.g. a year covering fewer
                             counties); a dot row with a hollow marker
                             has no line joining its markers             */
} fsc_series;

/* Category labels, e.g. the seven counties, with optional own colours. */
typedef struct fsc_categories {
    const char *const *labels; /* n labels                                  */
    const fsc_rgb *colors;     /* NULL, or n colours (fsc_county_color)  */
    size_t n;
} fsc_categories;

/*
 * FSC_BARS — vertical grouped bars: a group per category, a bar per
 * series (e.g. last year beside this year).  With color_by_category the
 * bars take the category colours and the series differ by fill (last year
 * FSC_FILL_LIGHT, this year FSC_FILL_SOLID); the legend shows the
 * fills in grey.  An optional dashed reference line (e.g. the zone rate)
 * is labelled in the right margin.
 */
typedef struct fsc_bars {
    fsc_categories cats;
    const fsc_series *series;
    size_t nseries;
    fsc_fmt format;
    const char *axis_title; /* printed above the value axis              */
    bool color_by_category;
    bool hide_values;      /* default: every bar carries its value      */
    const char *ref_label; /* non-NULL: draw a reference line …         */
    double ref_value;      /* … at this value                          */
    double axis_max;       /* 0 = automatic (bars always start at 0)    */
    bool last_is_total;    /* the last category is the zone (a total):
                              a gap before it, its bars near-black (each
                              series' colour shaded 60 %)              */
} fsc_bars;

/*
 * FSC_STACK — horizontal stacked bars: a row per category (top to
 * bottom), a segment per series (left to right, e.g. dispute types).
 * percent = true gives the 100 % variant (each row scaled to its total);
 * otherwise the row total is printed at the bar's end.  NaN segments count
 * as 0; a row without any value shows `na_label`.
 */
typedef struct fsc_stack {
    fsc_categories cats;
    const fsc_series *series;
    size_t nseries;
    fsc_fmt format; /* of the absolute values                    */
    bool percent;
    const char *axis_title;  /* under the value axis                      */
    const char *total_label; /* 100 % variant: heads the totals column    */
} fsc_stack;

/* One panel of a line chart: its own value axis and series. */
typedef struct fsc_panel {
    const char *title; /* e.g. "Cases" / "Share of all cases"       */
    fsc_fmt format;
    const fsc_series *series;
    size_t nseries;
    double axis_min, axis_max; /* equal = automatic (from 0 when data ≥ 0)  */
    bool label_points;         /* every point carries its value (above or
                                  below it, never across a line)            */
    bool hide_direct_labels;   /* no series names beside the panel (one
                                  series, named by the panel title)         */
    bool zoom;                 /* automatic axis over the data only, not
                                  from 0 (a line may; charts/README.md)     */
} fsc_panel;

/*
 * FSC_LINES — lines over x labels (years), in one or more panels side by
 * side (so two measures never need a secondary axis).  Lines carry direct
 * labels at their last value; NaN leaves a gap; a single x label draws
 * points.
 */
typedef struct fsc_lines {
    const char *const *x_labels;
    size_t nx;
    const fsc_panel *panels;
    size_t npanels;
    const char *axis_title; /* under the x axis, may be NULL             */
} fsc_lines;

/*
 * FSC_DOTS — dot plot: a row per category, a marker per series (shape =
 * series, colour = category colour with color_by_category, else series
 * colour), joined by a thin line (not when a marker of the row is hollow:
 * a change that cannot be read is not drawn as one).  The axis need not start at 0, so close
 * rates stay distinguishable; an optional reference line is labelled at
 * its top.
 */
typedef struct fsc_dots {
    fsc_categories cats;
    const fsc_series *series;
    size_t nseries;
    fsc_fmt format;
    const char *axis_title;
    bool color_by_category;
    double axis_min, axis_max; /* equal = automatic                          */
    const char *ref_label;     /* non-NULL: a dashed reference line …       */
    double ref_value;          /* … at this value (e.g. the zone's rate)    */
    bool no_join;              /* the series are different measures: no line
                                  between a row's markers                   */
} fsc_dots;

/*
 * FSC_HEATMAP and FSC_ARCS — an n × n matrix over the categories:
 * values[i * n + j] is the amount from row i to column j (cooperation
 * cases, or cases county i helped county j with).  NaN = no data.
 *
 * Heatmap: cells shaded in classes of the ramp, each with its number; rows
 * and columns keep the caller's order (pass them sorted for an "ordered
 * matrix").  Arcs: the categories on a line, one arc per non-zero flow
 * i → j with width ∝ value and the source's colour; arcs above the line run
 * left to right, arcs below right to left (clockwise), arrowheads at the
 * target.  The diagonal is ignored by arcs.
 */
typedef struct fsc_matrix {
    fsc_categories cats;
    const double *values;
    fsc_fmt format;
    const char *row_title;    /* heatmap: what rows are ("Helping county") */
    const char *col_title;    /* heatmap: what columns are                 */
    const char *legend_title; /* heatmap colour key / arcs width key       */
    fsc_rgb ramp;             /* dark end of the heat ramp; 0 = default    */
    bool skip_diagonal;       /* heatmap: diagonal cells left blank        */
    bool lower_only;          /* heatmap: a symmetric matrix (pairs): only
                                 the cells below the diagonal are drawn    */
} fsc_matrix;

/* Whether a rise is good news (tiles colour the change accordingly). */
typedef enum fsc_trend { FSC_TREND_NEUTRAL = 0, FSC_TREND_UP_GOOD, FSC_TREND_UP_BAD } fsc_trend;

/* One headline tile: big number, label, change against last year. */
typedef struct fsc_tile {
    const char *label;
    double value;
    double previous; /* NaN = no comparison                       */
    fsc_fmt format;  /* PERCENT tiles show the change in points   */
    fsc_trend trend;
    const char *change_text; /* non-NULL: shown instead of the change
                                (e.g. "not comparable: 6 of 7 counties
                                in 2024"), muted                          */
    const char *note;        /* non-NULL: a small line under the change
                                (coverage: "6 of 7 counties")             */
} fsc_tile;

/*
 * FSC_TILES — headline tiles for a title slide: the big value, a ▲/▼
 * arrow with the change (relative %; points for percentages; the plain
 * difference for counts below 100 — "▲ 1" for 16 → 17, not "▲ 6.3%" — and
 * when last year was 0) and compare_label ("vs 2023").
 */
typedef struct fsc_tiles {
    const fsc_tile *tiles;
    size_t n;
    const char *compare_label;   /* e.g. "vs 2023" / "较2023年"; may be NULL  */
    const char *points_unit;     /* e.g. "pp" / "个百分点"; NULL = "pp"       */
    const char *no_change_label; /* instead of the change when a tile has */
                                 /*   no previous value (e.g. "no 2023        */
                                 /*   figures"); NULL = the chart's na_label  */
} fsc_tiles;

/*
 * One tile of a hexagon map, at axial coordinates (q, r).  Flat-topped
 * hexagons (default): (0,-1) north, (1,-1) north-east, (1,0) south-east,
 * (0,1) south, (-1,1) south-west, (-1,0) north-west of (0,0).  Pointy-
 * topped: (1,0) east, (1,-1) north-east, (0,-1) north-west, (-1,0) west,
 * (-1,1) south-west, (0,1) south-east.
 */
typedef struct fsc_hex {
    const char *label;
    int q, r;
    double value; /* NaN = no data (grey, hatched)             */
} fsc_hex;

/*
 * FSC_HEXMAP — a schematic tile map: one hexagon per area placed by the
 * caller's axial coordinates, shaded in value classes of the ramp, with
 * name and value inside and a class legend beside it.
 */
typedef struct fsc_hexmap {
    const fsc_hex *hexes;
    size_t n;
    fsc_fmt format;
    const char *legend_title;
    fsc_rgb ramp; /* 0 = default                               */
    bool pointy_top;
    const char *north_label; /* non-NULL: a north arrow with this text    */
} fsc_hexmap;

typedef enum fsc_kind {
    FSC_BARS = 0,
    FSC_STACK,
    FSC_LINES,
    FSC_DOTS,
    FSC_HEATMAP,
    FSC_ARCS,
    FSC_TILES,
    FSC_HEXMAP,
    FSC_KIND_COUNT
} fsc_kind;

/* A chart: common texts plus the data block named after its kind. */
typedef struct fsc_chart {
    fsc_kind kind;
    const char *title;    /* bold, top left (NULL = none)              */
    const char *subtitle; /* under the title                           */
    const char *note;     /* how to read it, above the source line     */
    const char *source;   /* bottom line: "Source: … · data year 2024" */
    const char *lang;     /* pango language, NULL = "zh-cn"            */
    const char *na_label; /* text for no data, NULL = "n/a"            */
    union {
        fsc_bars bars;     /* FSC_BARS              */
        fsc_stack stack;   /* FSC_STACK             */
        fsc_lines lines;   /* FSC_LINES             */
        fsc_dots dots;     /* FSC_DOTS              */
        fsc_matrix matrix; /* FSC_HEATMAP, FSC_ARCS */
        fsc_tiles tiles;   /* FSC_TILES             */
        fsc_hexmap hexmap; /* FSC_HEXMAP            */
    };
} fsc_chart;

/* Stable lower-case name of a kind ("bars", "hexmap"), "?" if unknown. */
const char *fsc_kind_name(fsc_kind k);

#endif
