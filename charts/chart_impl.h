/*
 * chart_impl.h — the library's internal drawing kit (not for callers).
 *
 * Every chart kind is drawn by a `draw` function that receives a
 * chart_ctx (cairo context, pango context, base text size `u`, collected
 * label boxes, first error) and the plot rectangle left after the common
 * frame (title, subtitle, note, source line) is drawn by chart.c.
 *
 * Units: everything is in the cairo user space of the target; `u` is the
 * body text size, derived from the chart's rectangle, and every length in
 * a chart is a multiple of u — so charts scale with the page.
 *
 * Errors inside drawing are not returned from each helper: the first one
 * is stored in ctx->st (helpers become no-ops afterwards where it matters)
 * and chart_draw returns it.
 */
#ifndef CHART_IMPL_H
#define CHART_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "atomic.h" /* report/: the one atomic writer, the library's only outside module */
#include "chart.h"
#include "chart_render.h"

/* ---- fonts.c ------------------------------------------------------------ */

struct chart_fonts {
    PangoFontMap *map;         /* pangocairo (fontconfig) font map, owned  */
    char *family;              /* e.g. "Noto Sans CJK SC"                   */
};

/* A new pango context with the fixed font options, resolution 96,
 * unrounded glyph positions and language lang (NULL = zh-cn).  The caller
 * unrefs it.  NULL on failure. */
PangoContext *chart_fonts_context(chart_fonts *f, const char *lang);

/*
 * Layers (one way; tests/e2e/t45-layers.sh checks the objects):
 *   ctx.c (context, errors, colours)  <-  text.c  <-  legend.c, axis.c
 *   <-  the kinds (bars.c …; check.c)  <-  chart.c (frame, kind table)
 *   <-  render.c, doc.c (files).
 */

/* ---- ctx.c: the drawing context ----------------------------------------- */

typedef struct chart_ctx {
    cairo_t *cr;
    PangoContext *pc;
    PangoFontDescription *font; /* family set; size set per layout         */
    const char *na;             /* text for no data                         */
    double u;                   /* body text size                           */
    chart_labels *log;          /* optional, every text drawn               */
    chart_rect *boxes;          /* boxes of texts drawn (collisions)        */
    size_t nboxes, capboxes;
    struct chart_fillrec {      /* fills drawn, in order (text backgrounds) */
        chart_rect r;
        chart_rgb c;
    } *fills;
    size_t nfills, capfills;
    chart_segment *segs;        /* lines texts must not cross               */
    size_t nsegs, capsegs;
    chart_status st;            /* first error                              */
} chart_ctx;

/* Set up / tear down a context for drawing into cr with base size u. */
chart_status chart_ctx_init(chart_ctx *x, chart_fonts *f, cairo_t *cr,
                            const char *lang, const char *na, double u,
                            chart_labels *log);
void chart_ctx_free(chart_ctx *x);

/* Record the first error. */
void chart_fail(chart_ctx *x, chart_status st);
/* A cairo status as a chart status: out of memory stays out of memory. */
chart_status chart_from_cairo(cairo_status_t cs);

/* The base text size for a rectangle of w × h. */
double chart_base_size(double w, double h);

/* Set the cairo source colour. */
void chart_set_rgb(cairo_t *cr, chart_rgb c);
void chart_set_rgba(cairo_t *cr, chart_rgb c, double alpha);

/* ---- text.c ------------------------------------------------------------- */

/* Smallest text size as a fraction of the body size u (u = 22.2 px on a
 * 1920 × 1080 slide, so 17.7 px; the chart grammar in README.md). */
#define CHART_MIN_TEXT 0.8

typedef enum chart_anchor {      /* which point of the text box is (x, y) */
    CHART_TL, CHART_TC, CHART_TR,
    CHART_ML, CHART_MC, CHART_MR,
    CHART_BL, CHART_BC, CHART_BR
} chart_anchor;

typedef struct chart_tstyle {
    double size;                /* text size in user units                  */
    bool bold;
    chart_rgb color;
    double width;               /* wrap width; <= 0: one line, no wrapping  */
    int lines;                  /* max lines when wrapping, 0 = no limit;   */
                                /*   the last line is ellipsized            */
    PangoAlignment align;       /* of lines inside the box                  */
    bool halo;                  /* white box behind (text over lines)       */
} chart_tstyle;

/* A layout for s in style t (NULL s = ""); NULL on error (recorded).
 * The caller unrefs it (g_object_unref). */
PangoLayout *chart_text_layout(chart_ctx *x, const char *s, const chart_tstyle *t);

/* Logical size of a layout (0 × 0 for NULL). */
void chart_text_size(PangoLayout *l, double *w, double *h);

/* True when l was shortened with an ellipsis. */
bool chart_text_ellipsized(PangoLayout *l);

/* The box a layout of size w × h takes when anchored at (ax, ay). */
chart_rect chart_anchor_box(double ax, double ay, double w, double h, chart_anchor a);

/* Draw l anchored at (ax, ay) in colour c; records the box (and the text
 * when logging).  Returns the box. */
chart_rect chart_text_show(chart_ctx *x, PangoLayout *l, double ax, double ay,
                           chart_anchor a, chart_rgb c);

/* Layout + show + unref in one go; returns the box (0-size on error). */
chart_rect chart_text(chart_ctx *x, const char *s, const chart_tstyle *t,
                      double ax, double ay, chart_anchor a);

/* Like chart_text, but only when the box would not overlap a text drawn
 * before (nor leave `within`, if its w > 0).  Returns whether it drew. */
bool chart_text_try(chart_ctx *x, const char *s, const chart_tstyle *t,
                    double ax, double ay, chart_anchor a, chart_rect within);

/* Size + height of s in style t without drawing. */
void chart_text_measure(chart_ctx *x, const char *s, const chart_tstyle *t,
                        double *w, double *h);

/*
 * The largest size in [min_size, size] at which every label fits `width`
 * in at most `lines` lines without ellipsis (min_size if none does).
 * *height receives the tallest label's height at that size.
 */
double chart_text_fit(chart_ctx *x, const char *const *labels, size_t n,
                      const chart_tstyle *t, double min_size, double *height);

/* Does box a overlap any text box drawn so far? */
bool chart_text_collides(const chart_ctx *x, chart_rect a);

/* Record a fill of colour c covering r (the background of texts drawn
 * over it later; chart_fill_rect records its own). */
void chart_note_fill(chart_ctx *x, chart_rect r, chart_rgb c);

/* Record a line text must not cross (into the label log, if any). */
void chart_note_line(chart_ctx *x, double x0, double y0, double x1, double y1);

/* Remember a box as occupied (e.g. a legend swatch) without text. */
void chart_occupy(chart_ctx *x, chart_rect a);

bool chart_rect_overlap(chart_rect a, chart_rect b);

/* ---- axis.c ------------------------------------------------------------- */

/* A value axis: lo..hi in steps of `step` (1-2-5 × 10^k). */
typedef struct chart_scale {
    double lo, hi, step;
    int nticks;                 /* (hi - lo) / step + 1                     */
    chart_fmt fmt;
} chart_scale;

/*
 * Nice scale covering [dmin, dmax] with about max_ticks ticks.  NaNs are
 * the caller's business (pass finite numbers; dmin > dmax means "no data"
 * and gives 0..1).  include_zero forces 0 into the range.  Integer scales
 * step at least 1; percent scales whose data stay within 0..100 % end at
 * 100 % at most.
 */
chart_scale chart_nice_scale(double dmin, double dmax, int max_ticks,
                             chart_fmt fmt, bool include_zero);

/* Value of tick i. */
double chart_scale_tick(const chart_scale *s, int i);

/* Map v from [s->lo, s->hi] onto [a, b] (no clamping). */
double chart_scale_map(const chart_scale *s, double v, double a, double b);

/* Tick label: the scale's format with only the decimals the step needs. */
size_t chart_format_tick(char *buf, size_t size, double v, const chart_scale *s);

/* Format with an explicit number of decimals (used by the above). */
size_t chart_format_fixed(char *buf, size_t size, double v, int decimals,
                          const char *suffix);

/* Min and max of the finite values in v[0..n) (false if there are none). */
bool chart_finite_range(const double *v, size_t n, double *lo, double *hi);

/* ---- draw helpers (legend.c) -------------------------------------------- */

/* Fill a rectangle with colour c in fill style f (outline included). */
void chart_fill_rect(chart_ctx *x, chart_rect r, chart_rgb c, chart_fill f);

/* Stroke the current path (consumed) in colour c with width lw and alpha.
 * Colours too pale to see on white (contrast < 2:1, e.g. Okabe–Ito yellow)
 * get a darker casing underneath (and are drawn opaque).  Dash and cap
 * are the caller's. */
void chart_stroke(chart_ctx *x, chart_rgb c, double alpha, double lw);

/* A ring colour for markers of colour c: white, or a dark shade for pale c. */
chart_rgb chart_ring_color(chart_rgb c);

/* Diagonal hatching inside the current path (the path is consumed). */
void chart_hatch_path(chart_ctx *x, chart_rgb c, double spacing, double width);

/* Path of a marker of radius r centred at (cx, cy). */
void chart_marker_path(cairo_t *cr, chart_marker m, double cx, double cy, double r);

/* Set the dash pattern for d with line width lw. */
void chart_set_dash(cairo_t *cr, chart_dash d, double lw);

/* Draw the no-data text centred in r (empty charts). */
void chart_draw_empty(chart_ctx *x, chart_rect r);

typedef enum chart_key {          /* what a legend item shows              */
    CHART_KEY_BOX,                /* a filled box (bars, stacks)           */
    CHART_KEY_MARKER,             /* a marker (dots)                       */
    CHART_KEY_LINE                /* a short line with marker (lines)      */
} chart_key;

typedef struct chart_legend_item {
    const char *label;
    chart_key key;
    chart_rgb color;
    chart_fill fill;
    chart_marker marker;
    chart_dash dash;
} chart_legend_item;

/*
 * Flow legend items left to right in area, wrapping into rows.  Draws when
 * draw is true; returns the height used either way (0 for no items).
 */
double chart_legend(chart_ctx *x, const chart_legend_item *it, size_t n,
                    chart_rect area, bool draw);

/* Class colour of value v on a classed scale (classes between ticks);
 * NaN gives CHART_RGB_NODATA. */
chart_rgb chart_class_color(const chart_scale *s, chart_rgb ramp, double v);

/* One unit of the printed precision of format f (0.01 for DECIMAL2). */
double chart_printed_unit(chart_fmt f);

/* Value classes for v[0..n) (NaN skipped) in format fmt: the most classes
 * (at most 5) none of which is empty, preferring nice steps; a class
 * legend never shows a colour the reader looks for in vain. */
chart_scale chart_class_scale(const double *v, size_t n, chart_fmt fmt);

/* The class of v (as printed in the scale's format): 0 .. classes-1. */
int chart_class_index(const chart_scale *s, double v);

/*
 * Vertical class legend (swatch + "lo – hi" per class, highest on top,
 * optional n/a entry) with a title, in a column of width area.w starting at
 * area's top left.  Returns the width actually needed and, if height is
 * not NULL, the height; draws when draw is true.
 */
double chart_class_legend(chart_ctx *x, const chart_scale *s, chart_rgb ramp,
                          const char *title, bool with_na, chart_rect area,
                          bool draw, double *height);

/* Horizontal value axis at the bottom of plot: grid lines, ticks, labels
 * below plot.  Returns the height the labels take. */
double chart_axis_x(chart_ctx *x, const chart_scale *s, chart_rect plot, bool draw);

/* Vertical value axis on the left of plot: grid lines and labels to the
 * left.  Returns the width the labels take (measure with draw = false). */
double chart_axis_y(chart_ctx *x, const chart_scale *s, chart_rect plot, bool draw);

/* ---- the chart kinds ---------------------------------------------------- */

/* Each kind has: check (CHART_OK / CHART_ERR_ARG, no drawing) and draw
 * (plot = the area below the title and above the note/source). */
typedef chart_status (*chart_check_fn)(const chart *c);
typedef void (*chart_draw_fn)(chart_ctx *x, const chart *c, chart_rect plot);

chart_status chart_bars_check(const chart *c);
void chart_bars_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_stack_check(const chart *c);
void chart_stack_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_lines_check(const chart *c);
void chart_lines_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_dots_check(const chart *c);
void chart_dots_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_matrix_check(const chart *c);
void chart_heatmap_draw(chart_ctx *x, const chart *c, chart_rect plot);
void chart_arcs_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_tiles_check(const chart *c);
void chart_tiles_draw(chart_ctx *x, const chart *c, chart_rect plot);
chart_status chart_hexmap_check(const chart *c);
void chart_hexmap_draw(chart_ctx *x, const chart *c, chart_rect plot);

/* Shared checks for the kinds (check.c). */
chart_status chart_check_cats(const chart_categories *k);
chart_status chart_check_series(const chart_series *s, size_t ns, size_t nvalues);

/* The category label column for row charts (stack, dots): fits labels
 * into at most `maxw` wide, up to 3 lines; returns the width used and the
 * text size chosen in *size. */
double chart_row_labels_width(chart_ctx *x, const chart_categories *k,
                              double maxw, double row_h, double *size);

/* ---- file.c: files through the one atomic writer (report/atomic.h) ---- */

/* Begin writing path (fs_atomic_begin: a temporary file next to it; a
 * symbolic link is followed and kept; a device or FIFO is written
 * directly).  CHART_ERR_ARG for an empty path or a folder name. */
chart_status chart_file_begin(fs_atomic *a, const char *path);
chart_status chart_file_write(fs_atomic *a, const void *p, size_t n);
/* Flush, fsync, rename into place; on failure the temporary file is
 * removed.  Releases a either way. */
chart_status chart_file_commit(fs_atomic *a);
/* Remove the temporary file and release a.  Keeps errno. */
void chart_file_abort(fs_atomic *a);

/* Map errno to a status (ENOSPC/EDQUOT/EFBIG → DISK_FULL, ENOMEM → NOMEM). */
chart_status chart_status_from_errno(int err);

/* ---- pngenc.c ----------------------------------------------------------- */

/* Encode an RGB24 image surface as PNG (with pHYs when dpi > 0) into *out
 * (malloc'ed, *len bytes).  CHART_OK, CHART_ERR_NOMEM, or CHART_ERR_ARG
 * for another surface format. */
chart_status chart_png_encode(cairo_surface_t *s, double dpi, unsigned char **out, size_t *len);

/* ---- render.c ----------------------------------------------------------- */

/* PDF date string "YYYY-MM-DDThh:mm:ssZ" for an epoch (UTC). */
void chart_pdf_date(long long epoch, char out[32]);

#endif
