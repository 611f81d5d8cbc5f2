/*
 * chart_impl.h — the library's internal drawing kit (not for callers).
 *
 * Every chart kind is drawn by a `draw` function that receives a
 * fsc_ctx (cairo context, pango context, base text size `u`, collected
 * label boxes, first error) and the plot rectangle left after the common
 * frame (title, subtitle, note, source line) is drawn by chart.c.
 *
 * Units: everything is in the cairo user space of the target; `u` is the
 * body text size, derived from the chart's rectangle, and every length in
 * a chart is a multiple of u — so charts scale with the page.
 *
 * Errors inside drawing are not returned from each helper: the first one
 * is stored in ctx->st (helpers become no-ops afterwards where it matters)
 * and fsc_draw returns it.
 */
#ifndef FSC_IMPL_H
#define FSC_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "atomic.h" /* report/: the one atomic writer, the library's only outside module */
#include "chart.h"
#include "chart_render.h"

/* ---- fonts.c ------------------------------------------------------------ */

struct fsc_fonts {
    PangoFontMap *map; /* pangocairo (fontconfig) font map, owned  */
    char *family;      /* e.g. "Noto Sans CJK SC"                   */
    FcConfig *cfg;     /* the private configuration (a reference)  */
    bool subsets;      /* texts draw from the subsets first         */
};

/* A new pango context with the fixed font options, resolution 96,
 * unrounded glyph positions and language lang (NULL = zh-cn).  The caller
 * unrefs it.  NULL on failure. */
PangoContext *fsc_fonts_context(fsc_fonts *f, const char *lang);

/*
 * Layers (one way; tests/e2e/t45-layers.sh checks the objects):
 *   ctx.c (context, errors, colours)  <-  text.c  <-  legend.c, axis.c
 *   <-  the kinds (bars.c …; check.c)  <-  chart.c (frame, kind table)
 *   <-  render.c, doc.c (files).
 */

/* ---- ctx.c: the drawing context ----------------------------------------- */

typedef struct fsc_ctx {
    cairo_t *cr;
    PangoContext *pc;
    PangoFontDescription *font; /* family set; size set per layout         */
    const char *na;             /* text for no data                         */
    double u;                   /* body text size                           */
    fsc_labels *log;            /* optional, every text drawn               */
    fsc_rect *boxes;            /* boxes of texts drawn (collisions)        */
    size_t nboxes, capboxes;
    struct fsc_fillrec { /* fills drawn, in order (text backgrounds) */
        fsc_rect r;
        fsc_rgb c;
    } * fills;
    size_t nfills, capfills;
    fsc_segment *segs; /* lines texts must not cross               */
    size_t nsegs, capsegs;
    fsc_status st; /* first error                              */
} fsc_ctx;

/* Set up / tear down a context for drawing into cr with base size u. */
fsc_status fsc_ctx_init(fsc_ctx *x, fsc_fonts *f, cairo_t *cr, const char *lang, const char *na,
                        double u, fsc_labels *log);
void fsc_ctx_free(fsc_ctx *x);

/* Record the first error. */
void fsc_fail(fsc_ctx *x, fsc_status st);
/* A cairo status as a chart status: out of memory stays out of memory. */
fsc_status fsc_from_cairo(cairo_status_t cs);

/* The base text size for a rectangle of w × h. */
double fsc_base_size(double w, double h);

/* Set the cairo source colour. */
void fsc_set_rgb(cairo_t *cr, fsc_rgb c);
void fsc_set_rgba(cairo_t *cr, fsc_rgb c, double alpha);

/* ---- text.c ------------------------------------------------------------- */

/* Smallest text size as a fraction of the body size u (u = 22.2 px on a
 * 1920 × 1080 slide, so 17.7 px; the chart grammar in README.md). */
#define FSC_MIN_TEXT 0.8

typedef enum fsc_anchor { /* which point of the text box is (x, y) */
                          FSC_TL,
                          FSC_TC,
                          FSC_TR,
                          FSC_ML,
                          FSC_MC,
                          FSC_MR,
                          FSC_BL,
                          FSC_BC,
                          FSC_BR
} fsc_anchor;

typedef struct fsc_tstyle {
    double size; /* text size in user units                  */
    bool bold;
    fsc_rgb color;
    double width;         /* wrap width; <= 0: one line, no wrapping  */
    int lines;            /* max lines when wrapping, 0 = no limit;   */
                          /*   the last line is ellipsized            */
    PangoAlignment align; /* of lines inside the box                  */
    bool halo;            /* white box behind (text over lines)       */
} fsc_tstyle;

/* A layout for s in style t (NULL s = ""); NULL on error (recorded).
 * The caller unrefs it (g_object_unref). */
PangoLayout *fsc_text_layout(fsc_ctx *x, const char *s, const fsc_tstyle *t);

/* Logical size of a layout (0 × 0 for NULL). */
void fsc_text_size(PangoLayout *l, double *w, double *h);

/* True when l was shortened with an ellipsis. */
bool fsc_text_ellipsized(PangoLayout *l);

/* The box a layout of size w × h takes when anchored at (ax, ay). */
fsc_rect fsc_anchor_box(double ax, double ay, double w, double h, fsc_anchor a);

/* Draw l anchored at (ax, ay) in colour c; records the box (and the text
 * when logging).  Returns the box. */
fsc_rect fsc_text_show(fsc_ctx *x, PangoLayout *l, double ax, double ay, fsc_anchor a, fsc_rgb c);

/* Layout + show + unref in one go; returns the box (0-size on error). */
fsc_rect fsc_text(fsc_ctx *x, const char *s, const fsc_tstyle *t, double ax, double ay,
                  fsc_anchor a);

/* Like fsc_text, but only when the box would not overlap a text drawn
 * before (nor leave `within`, if its w > 0).  Returns whether it drew. */
bool fsc_text_try(fsc_ctx *x, const char *s, const fsc_tstyle *t, double ax, double ay,
                  fsc_anchor a, fsc_rect within);

/* Size + height of s in style t without drawing. */
void fsc_text_measure(fsc_ctx *x, const char *s, const fsc_tstyle *t, double *w, double *h);

/*
 * The largest size in [min_size, size] at which every label fits `width`
 * in at most `lines` lines without ellipsis (min_size if none does).
 * *height receives the tallest label's height at that size.
 */
double fsc_text_fit(fsc_ctx *x, const char *const *labels, size_t n, const fsc_tstyle *t,
                    double min_size, double *height);

/* Does box a overlap any text box drawn so far? */
bool fsc_text_collides(const fsc_ctx *x, fsc_rect a);

/* Record a fill of colour c covering r (the background of texts drawn
 * over it later; fsc_fill_rect records its own). */
void fsc_note_fill(fsc_ctx *x, fsc_rect r, fsc_rgb c);

/* Record a line text must not cross (into the label log, if any). */
void fsc_note_line(fsc_ctx *x, double x0, double y0, double x1, double y1);

/* Remember a box as occupied (e.g. a legend swatch) without text. */
void fsc_occupy(fsc_ctx *x, fsc_rect a);

bool fsc_rect_overlap(fsc_rect a, fsc_rect b);

/* ---- axis.c ------------------------------------------------------------- */

/* A value axis: lo..hi in steps of `step` (1-2-5 × 10^k). */
typedef struct fsc_scale {
    double lo, hi, step;
    int nticks; /* (hi - lo) / step + 1                     */
    fsc_fmt fmt;
    /* value classes only (fsc_class_*): when `ends` is set the legend's
     * lowest class starts at `first` and the top one ends at `last` (the
     * data's min and max, not the nice bounds: "30 – 35", not "30 – 40");
     * `zero_class`: 0 is a class of its own, white, listed as "0". */
    bool ends, zero_class;
    double first, last;
} fsc_scale;

/*
 * Nice scale covering [dmin, dmax] with about max_ticks ticks.  NaNs are
 * the caller's business (pass finite numbers; dmin > dmax means "no data"
 * and gives 0..1).  include_zero forces 0 into the range.  Integer scales
 * step at least 1; percent scales whose data stay within 0..100 % end at
 * 100 % at most.
 */
fsc_scale fsc_nice_scale(double dmin, double dmax, int max_ticks, fsc_fmt fmt, bool include_zero);

/* Value of tick i. */
double fsc_scale_tick(const fsc_scale *s, int i);

/* Map v from [s->lo, s->hi] onto [a, b] (no clamping). */
double fsc_scale_map(const fsc_scale *s, double v, double a, double b);

/* Tick label: the scale's format with only the decimals the step needs. */
size_t fsc_format_tick(char *buf, size_t size, double v, const fsc_scale *s);

/* Format with an explicit number of decimals (used by the above). */
size_t fsc_format_fixed(char *buf, size_t size, double v, int decimals, const char *suffix);

/* Min and max of the finite values in v[0..n) (false if there are none). */
bool fsc_finite_range(const double *v, size_t n, double *lo, double *hi);

/* ---- draw helpers (legend.c) -------------------------------------------- */

/* Fill a rectangle with colour c in fill style f (outline included). */
void fsc_fill_rect(fsc_ctx *x, fsc_rect r, fsc_rgb c, fsc_fill f);

/* Stroke the current path (consumed) in colour c with width lw and alpha.
 * Colours too pale to see on white (contrast < 2:1, e.g. Okabe–Ito yellow)
 * get a darker casing underneath (and are drawn opaque).  Dash and cap
 * are the caller's. */
void fsc_stroke(fsc_ctx *x, fsc_rgb c, double alpha, double lw);

/* A ring colour for markers of colour c: white, or a dark shade for pale c. */
fsc_rgb fsc_ring_color(fsc_rgb c);

/* Diagonal hatching inside the current path (the path is consumed). */
void fsc_hatch_path(fsc_ctx *x, fsc_rgb c, double spacing, double width);

/* Path of a marker of radius r centred at (cx, cy). */
void fsc_marker_path(cairo_t *cr, fsc_marker m, double cx, double cy, double r);

/* Set the dash pattern for d with line width lw. */
void fsc_set_dash(cairo_t *cr, fsc_dash d, double lw);

/* Draw the no-data text centred in r (empty charts). */
void fsc_draw_empty(fsc_ctx *x, fsc_rect r);

typedef enum fsc_key {                 /* what a legend item shows              */
                       FSC_KEY_BOX,    /* a filled box (bars, stacks)           */
                       FSC_KEY_MARKER, /* a marker (dots)                       */
                       FSC_KEY_LINE    /* a short line with marker (lines)      */
} fsc_key;

typedef struct fsc_legend_item {
    const char *label;
    fsc_key key;
    fsc_rgb color;
    fsc_fill fill;
    fsc_marker marker;
    fsc_dash dash;
} fsc_legend_item;

/*
 * Flow legend items left to right in area, wrapping into rows.  Draws when
 * draw is true; returns the height used either way (0 for no items).
 */
double fsc_legend(fsc_ctx *x, const fsc_legend_item *it, size_t n, fsc_rect area, bool draw);

/* Class colour of value v on a classed scale (classes between ticks);
 * NaN gives FSC_RGB_NODATA. */
fsc_rgb fsc_class_color(const fsc_scale *s, fsc_rgb ramp, double v);

/* One unit of the printed precision of format f (0.01 for DECIMAL2). */
double fsc_printed_unit(fsc_fmt f);

/* Value classes for v[0..n) (NaN skipped) in format fmt: the most classes
 * (at most 5) none of which is empty, preferring nice steps; a class
 * legend never shows a colour the reader looks for in vain. */
fsc_scale fsc_class_scale(const double *v, size_t n, fsc_fmt fmt);

/* The class of v (as printed in the scale's format): 0 .. classes-1. */
int fsc_class_index(const fsc_scale *s, double v);

/*
 * Vertical class legend (swatch + "lo – hi" per class, highest on top,
 * optional n/a entry) with a title, in a column of width area.w starting at
 * area's top left.  Returns the width actually needed and, if height is
 * not NULL, the height; draws when draw is true.
 */
double fsc_class_legend(fsc_ctx *x, const fsc_scale *s, fsc_rgb ramp, const char *title,
                        bool with_na, fsc_rect area, bool draw, double *height);

/* Horizontal value axis at the bottom of plot: grid lines, ticks, labels
 * below plot.  Returns the height the labels take. */
double fsc_axis_x(fsc_ctx *x, const fsc_scale *s, fsc_rect plot, bool draw);

/* Vertical value axis on the left of plot: grid lines and labels to the
 * left.  Returns the width the labels take (measure with draw = false). */
double fsc_axis_y(fsc_ctx *x, const fsc_scale *s, fsc_rect plot, bool draw);

/* ---- the chart kinds ---------------------------------------------------- */

/* Each kind has: check (FSC_OK / FSC_ERR_ARG, no drawing) and draw
 * (plot = the area below the title and above the note/source). */
typedef fsc_status (*fsc_check_fn)(const fsc_chart *c);
typedef void (*fsc_draw_fn)(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);

fsc_status fsc_bars_check(const fsc_chart *c);
void fsc_bars_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_stack_check(const fsc_chart *c);
void fsc_stack_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_lines_check(const fsc_chart *c);
void fsc_lines_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_dots_check(const fsc_chart *c);
void fsc_dots_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_matrix_check(const fsc_chart *c);
void fsc_heatmap_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
void fsc_arcs_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_tiles_check(const fsc_chart *c);
void fsc_tiles_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);
fsc_status fsc_hexmap_check(const fsc_chart *c);
void fsc_hexmap_draw(fsc_ctx *x, const fsc_chart *c, fsc_rect plot);

/* Shared checks for the kinds (check.c). */
fsc_status fsc_check_cats(const fsc_categories *k);
fsc_status fsc_check_series(const fsc_series *s, size_t ns, size_t nvalues);

/* The category label column for row charts (stack, dots): fits labels
 * into at most `maxw` wide, up to 3 lines; returns the width used and the
 * text size chosen in *size. */
double fsc_row_labels_width(fsc_ctx *x, const fsc_categories *k, double maxw, double row_h,
                            double *size);

/* ---- file.c: files through the one atomic writer (report/common/atomic.h) ---- */

/* Begin writing path (fs_atomic_begin: a temporary file next to it; a
 * symbolic link is followed and kept; a device or FIFO is written
 * directly).  FSC_ERR_ARG for an empty path or a folder name. */
fsc_status fsc_file_begin(fs_atomic *a, const char *path);
fsc_status fsc_file_write(fs_atomic *a, const void *p, size_t n);
/* Flush, fsync, rename into place; on failure the temporary file is
 * removed.  Releases a either way. */
fsc_status fsc_file_commit(fs_atomic *a);
/* Remove the temporary file and release a.  Keeps errno. */
void fsc_file_abort(fs_atomic *a);

/* Map errno to a status (ENOSPC/EDQUOT/EFBIG → DISK_FULL, ENOMEM → NOMEM). */
fsc_status fsc_status_from_errno(int err);

/* ---- pngenc.c ----------------------------------------------------------- */

/* Encode an RGB24 image surface as PNG (with pHYs when dpi > 0) into *out
 * (malloc'ed, *len bytes).  FSC_OK, FSC_ERR_NOMEM, or FSC_ERR_ARG
 * for another surface format. */
fsc_status fsc_png_encode(cairo_surface_t *s, double dpi, unsigned char **out, size_t *len);

/* ---- render.c ----------------------------------------------------------- */

/* PDF date string "YYYY-MM-DDThh:mm:ssZ" for an epoch (UTC). */
void fsc_pdf_date(long long epoch, char out[32]);

#endif
