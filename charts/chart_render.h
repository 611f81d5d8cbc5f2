/*
 * chart_render.h — drawing charts: fonts, drawing onto a cairo context,
 * writing PNG / SVG / PDF files atomically.
 *
 * Typical use (one font set per process, reused for every chart):
 *
 *     chart_fonts *fonts;
 *     if (chart_fonts_open(&fonts, NULL) != CHART_OK) …  // no CJK font
 *     chart_output o = { .path = "out/bars.png", .type = CHART_PNG,
 *                        .epoch = source_date_epoch };
 *     chart_status st = chart_write(fonts, &c, &o);
 *     …
 *     chart_fonts_close(fonts);
 *
 * Layout is proportional: text sizes, margins and line widths follow the
 * size of the target rectangle, so a chart looks the same as a 1920×1080
 * PNG, a 960×540 pt SVG/PDF (a 16:9 slide) or inside an A4 page.
 *
 * Output is deterministic: a private fontconfig configuration holding only
 * the Noto Sans CJK files, fixed font options (grey antialiasing, no
 * hinting, no hint metrics), resolution 96, unrounded glyph positions, the
 * PDF creation date from the caller's epoch, SVG element ids renumbered per
 * file.  The same chart gives the same bytes in one or many processes.
 *
 * Not thread-safe: use one chart_fonts per thread.  Nothing here prints or
 * exits; every failure is a chart_status.
 */
#ifndef CHART_RENDER_H
#define CHART_RENDER_H

#include <cairo.h>

#include "chart.h"

/* The fonts (a private fontconfig set and a pango font map). */
typedef struct chart_fonts chart_fonts;

typedef struct chart_fonts_options {
    const char *family;        /* NULL = "Noto Sans CJK SC"                 */
    const char *const *files;  /* font files to use; NULL = ask the system  */
    size_t nfiles;             /*   fontconfig where `family` lives         */
} chart_fonts_options;

/*
 * Load the fonts.  opt may be NULL for the defaults.  Fails with
 * CHART_ERR_FONT when `family` does not resolve to a font covering Chinese
 * (checked: U+53BF 县 and U+5E02 市), so charts never show empty boxes.
 * On success *out owns the fonts (chart_fonts_close); on failure *out is
 * NULL.  Takes about 50 ms (the CJK collections are parsed once).
 */
chart_status chart_fonts_open(chart_fonts **out, const chart_fonts_options *opt);

/* Free the fonts (NULL is fine).  Waits (at most 2 s, normally far less)
 * until pango's fontconfig thread has let go of the font map, so that
 * everything is really freed.  After the last close a program may call
 * cairo_debug_reset_static_data() and FcFini() to free the libraries'
 * own caches (leak checkers); no chart call may follow those. */
void chart_fonts_close(chart_fonts *f);

typedef struct chart_rect {
    double x, y, w, h;
} chart_rect;

/* A text the chart drew, with its box in the user space of the cairo
 * context, its size, weight and colour and the colour of the fill behind
 * it (the topmost fill drawn before it whose box holds the text's centre,
 * white when none; white for texts on a halo).  For alt text and tests:
 * labels present, none overlapping, sizes and contrast (WCAG). */
typedef struct chart_label {
    char *text;
    chart_rect box;
    double size;               /* font size in user units                   */
    bool bold;
    chart_rgb color, bg;
} chart_label;

/* A straight line the chart drew that text must not cross (data lines,
 * reference lines, joins of a dot plot; not grid lines, which sit under
 * halos of tick labels by design). */
typedef struct chart_segment {
    double x0, y0, x1, y1;
} chart_segment;

typedef struct chart_labels {
    chart_label *items;
    size_t n, cap;
    chart_segment *lines;
    size_t nlines, caplines;
} chart_labels;

/* Does segment s pass through rectangle r (more than touching)? */
bool chart_segment_hits(chart_segment s, chart_rect r);

/* Free the texts and the arrays; leaves *l empty and reusable. */
void chart_labels_free(chart_labels *l);

/*
 * Draw chart c into rectangle r of cr (white background first).  The
 * cairo state is saved and restored.  labels, if not NULL, receives every
 * text drawn (appended; the caller frees with chart_labels_free).
 * Errors: CHART_ERR_ARG (spec invalid: nothing drawn), CHART_ERR_UTF8,
 * CHART_ERR_GLYPH (a character the font cannot show, e.g. an emoji),
 * CHART_ERR_NOMEM, CHART_ERR_CAIRO (cr in an error state).
 */
chart_status chart_draw(chart_fonts *f, const chart *c, cairo_t *cr,
                        chart_rect r, chart_labels *labels);

/* Check a spec without drawing: CHART_OK or CHART_ERR_ARG / _UTF8. */
chart_status chart_check(const chart *c);

typedef enum chart_file_type {
    CHART_PNG = 0,
    CHART_SVG,
    CHART_PDF
} chart_file_type;

typedef struct chart_output {
    const char *path;          /* final file name (written via a temp file) */
    chart_file_type type;
    double width, height;      /* PNG: pixels, 0 = 1920 × 1080;             */
                               /* SVG/PDF: points, 0 = 960 × 540 (16:9)    */
    double dpi;                /* PNG: stored in pHYs, 0 = 96 (192 makes    */
                               /*   office software place it at half size)  */
    long long epoch;           /* PDF creation date, seconds since 1970 UTC */
                               /*   (pass SOURCE_DATE_EPOCH when set)       */
} chart_output;

/*
 * Render c and write it to o->path atomically: the bytes go to a temporary
 * file in the same directory, are fsync'ed and renamed over o->path; on any
 * failure the temporary file is removed and an existing o->path is left
 * untouched.  The new file's mode is 0666 minus the umask.  On
 * CHART_ERR_IO / CHART_ERR_DISK_FULL errno tells the cause.  Writing a
 * file bigger than RLIMIT_FSIZE raises SIGXFSZ: ignore it in the caller to
 * get CHART_ERR_DISK_FULL instead.
 */
chart_status chart_write(chart_fonts *f, const chart *c, const chart_output *o);

/*
 * Render c into memory (o->path is ignored).  On success *buf (malloc'ed,
 * the caller frees) holds *len bytes; e.g. for
 * worksheet_insert_image_buffer.  On failure *buf is NULL.
 */
chart_status chart_render(chart_fonts *f, const chart *c, const chart_output *o,
                          unsigned char **buf, size_t *len);

#endif
