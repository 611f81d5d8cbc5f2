/*
 * chart_render.h — drawing charts: fonts, drawing onto a cairo context,
 * writing PNG / SVG / PDF files atomically.
 *
 * Typical use (one font set per process, reused for every chart):
 *
 *     fsc_fonts *fonts;
 *     if (fsc_fonts_open(&fonts, NULL) != FSC_OK) …  // no CJK font
 *     fsc_output o = { .path = "out/bars.png", .type = FSC_PNG,
 *                        .epoch = source_date_epoch };
 *     fsc_status st = fsc_write(fonts, &c, &o);
 *     …
 *     fsc_fonts_close(fonts);
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
 * Not thread-safe: use one fsc_fonts per thread.  Nothing here prints or
 * exits; every failure is a fsc_status.
 */
#ifndef FSC_RENDER_H
#define FSC_RENDER_H

#include <cairo.h>

#include "chart.h"

/* The fonts (a private fontconfig set and a pango font map). */
typedef struct fsc_fonts fsc_fonts;

typedef struct fsc_fonts_options {
    const char *family;       /* NULL = "Noto Sans CJK SC"                 */
    const char *const *files; /* font files to use; NULL = ask the system  */
    size_t nfiles;            /*   fontconfig where `family` lives         */
    /* Smaller copies of faces of `family` (charts/tools/fontsubset: its
     * common characters), put before the full faces: a text draws from a
     * copy what it holds and from the full face the rest, with the same
     * glyphs either way, while each PDF then embeds its glyphs from a 4 MB
     * font instead of a 16 MB one (cairo copies the whole CFF table per
     * PDF).  The copies are left out, silently, when one cannot be read,
     * when one's family, weight or version matches no face of `family`
     * here (the system's fonts were updated after the build) or when a
     * weight has none; copies that fit and still cannot be added fail the
     * open with FSC_ERR_NOMEM (never other PDFs without a word).  NULL:
     * none. */
    const char *const *subsets;
    size_t nsubsets;
} fsc_fonts_options;

/*
 * Load the fonts.  opt may be NULL for the defaults.  Fails with
 * FSC_ERR_FONT when `family` does not resolve to a font covering Chinese
 * (checked: U+53BF 县 and U+5E02 市), so charts never show empty boxes;
 * FSC_ERR_NOMEM.  On success *out owns the fonts (fsc_fonts_close); on
 * failure *out is NULL.  Takes about 50 ms (the CJK collections are
 * parsed once).
 */
fsc_status fsc_fonts_open(fsc_fonts **out, const fsc_fonts_options *opt);

/*
 * A second font set for another thread, sharing f's fontconfig
 * configuration (the files are not parsed again: about 1 ms instead of
 * fsc_fonts_open's 50): its own pango font map, so each thread keeps to
 * its own fsc_fonts as below.  f must stay open until the clone is
 * closed; the clone draws exactly as f does.  FSC_ERR_NOMEM or
 * FSC_ERR_FONT; *out is NULL on failure.
 */
fsc_status fsc_fonts_clone(const fsc_fonts *f, fsc_fonts **out);

/*
 * Give back the resident pages of the font files mapped into the process
 * (FreeType maps each file whole).  Finishing a PDF subsets the CJK fonts
 * from their whole CFF table (16 MB each for Noto Sans CJK regular and
 * bold), so after PDFs the mapped files count 30+ MB in the resident set,
 * though the bytes are in the page cache anyway.  Only f's files, only
 * read-only private mappings (MADV_DONTNEED: a later read maps the same
 * bytes again, from the page cache).  Best effort; safe while other
 * threads draw.
 */
void fsc_fonts_trim(const fsc_fonts *f);

/* Do f's texts draw from the subsets (fsc_fonts_options.subsets were
 * added; a clone says what its original says)?  Without them, finishing a
 * PDF copies the full CJK tables (the memory note of fsc_fonts_trim). */
bool fsc_fonts_has_subsets(const fsc_fonts *f);

/* Free the fonts (NULL is fine).  Waits (at most 2 s, normally far less)
 * until pango's fontconfig threads have let go of the font map, then
 * shuts it down and frees it on the calling thread (shutting it down
 * under them can crash), so that everything is really freed.  After the
 * last close a program may call cairo_debug_reset_static_data() and
 * FcFini() to free the libraries' own caches (leak checkers); no chart
 * call may follow those. */
void fsc_fonts_close(fsc_fonts *f);

typedef struct fsc_rect {
    double x, y, w, h;
} fsc_rect;

/* A text the chart drew, with its box in the user space of the cairo
 * context, its size, weight and colour and the colour of the fill behind
 * it (the topmost fill drawn before it whose box holds the text's centre,
 * white when none; white for texts on a halo).  For alt text and tests:
 * labels present, none overlapping, sizes and contrast (WCAG). */
typedef struct fsc_label {
    char *text;
    fsc_rect box;
    double size; /* font size in user units                   */
    bool bold;
    fsc_rgb color, bg;
} fsc_label;

/* A straight line the chart drew that text must not cross (data lines,
 * reference lines, joins of a dot plot; not grid lines, which sit under
 * halos of tick labels by design). */
typedef struct fsc_segment {
    double x0, y0, x1, y1;
} fsc_segment;

typedef struct fsc_labels {
    fsc_label *items;
    size_t n, cap;
    fsc_segment *lines;
    size_t nlines, caplines;
} fsc_labels;

/* Does segment s pass through rectangle r (more than touching)? */
bool fsc_segment_hits(fsc_segment s, fsc_rect r);

/* Free the texts and the arrays; leaves *l empty and reusable. */
void fsc_labels_free(fsc_labels *l);

/*
 * Draw chart c into rectangle r of cr (white background first).  The
 * cairo state is saved and restored.  labels, if not NULL, receives every
 * text drawn (appended; the caller frees with fsc_labels_free).
 * Errors: FSC_ERR_ARG (spec invalid: nothing drawn), FSC_ERR_UTF8,
 * FSC_ERR_GLYPH (a character the font cannot show, e.g. an emoji),
 * FSC_ERR_NOMEM, FSC_ERR_CAIRO (cr in an error state).
 */
fsc_status fsc_draw(fsc_fonts *f, const fsc_chart *c, cairo_t *cr, fsc_rect r, fsc_labels *labels);

/* Check a spec without drawing: FSC_OK or FSC_ERR_ARG / _UTF8. */
fsc_status fsc_check(const fsc_chart *c);

typedef enum fsc_file_type { FSC_PNG = 0, FSC_SVG, FSC_PDF } fsc_file_type;

typedef struct fsc_output {
    const char *path; /* final file name (written via a temp file) */
    fsc_file_type type;
    double width, height; /* PNG: pixels, 0 = 1920 × 1080;             */
                          /* SVG/PDF: points, 0 = 960 × 540 (16:9)    */
    double dpi;           /* PNG: stored in pHYs, 0 = 96 (192 makes    */
                          /*   office software place it at half size)  */
    long long epoch;      /* PDF creation date, seconds since 1970 UTC */
                          /*   (pass SOURCE_DATE_EPOCH when set)       */
} fsc_output;

/*
 * Render c and write it to o->path atomically: the bytes go to a temporary
 * file in the same directory, are fsync'ed and renamed over o->path; on any
 * failure the temporary file is removed and an existing o->path is left
 * untouched.  The new file's mode is 0666 minus the umask.  On
 * FSC_ERR_IO / FSC_ERR_DISK_FULL errno tells the cause.  Writing a
 * file bigger than RLIMIT_FSIZE raises SIGXFSZ: ignore it in the caller to
 * get FSC_ERR_DISK_FULL instead.
 */
fsc_status fsc_write(fsc_fonts *f, const fsc_chart *c, const fsc_output *o);

/*
 * Render c into memory (o->path is ignored).  On success *buf (malloc'ed,
 * the caller frees) holds *len bytes; e.g. for
 * worksheet_insert_image_buffer.  On failure *buf is NULL.
 */
fsc_status fsc_render(fsc_fonts *f, const fsc_chart *c, const fsc_output *o, unsigned char **buf,
                      size_t *len);

#endif
