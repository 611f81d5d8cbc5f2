/*
 * chart_doc.h — multi-page PDF documents (the forum briefing).
 *
 * A4 landscape pages: a cover, a page per chart with a two-line takeaway
 * above it, table pages (split over pages as needed, header repeated), a
 * footer with the caller's text and the page number on every page but the
 * cover.  Charts are drawn by the same code as chart_write (chart_draw into
 * the page rectangle).  The file is written atomically like chart_write:
 * nothing appears at `path` until chart_doc_close succeeds.
 *
 *     chart_doc *d;
 *     chart_doc_options o = { .path = "out/briefing.pdf", .epoch = sde,
 *                             .footer = "…", .page_prefix = "Page " };
 *     if (chart_doc_open(&d, fonts, &o) == CHART_OK) {
 *         chart_doc_cover(d, &cover);
 *         chart_doc_chart(d, &c, "Offences fell in five of seven counties.");
 *         chart_doc_table(d, &t);
 *         st = chart_doc_close(d);     // always frees d
 *     }
 *
 * Errors are sticky: after a failure later calls return the same status
 * and chart_doc_close removes the temporary file and returns it.
 */
#ifndef CHART_DOC_H
#define CHART_DOC_H

#include "chart.h"
#include "chart_render.h"

typedef struct chart_doc chart_doc;

typedef struct chart_doc_options {
    const char *path;          /* final PDF file name                       */
    long long epoch;           /* creation date (SOURCE_DATE_EPOCH)         */
    const char *title;         /* PDF metadata title, may be NULL           */
    const char *footer;        /* left of every footer, e.g. forum name     */
    const char *page_prefix;   /* page number text: prefix N suffix,        */
    const char *page_suffix;   /*   e.g. "Page " "" or "第 " " 页"          */
    const char *lang;          /* NULL = "zh-cn"                            */
} chart_doc_options;

/* The cover page. */
typedef struct chart_doc_cover_page {
    const char *title;         /* forum title, big                          */
    const char *subtitle;      /* e.g. "Annual safety briefing 2024"        */
    const char *date_line;     /* e.g. "Dangshan, 28 November 2024"         */
    const chart *tiles;        /* optional CHART_TILES chart for the lower  */
                               /*   half (its title is drawn too)           */
} chart_doc_cover_page;

typedef enum chart_align {
    CHART_ALIGN_AUTO = 0,      /* first column left, the others right       */
    CHART_ALIGN_LEFT,
    CHART_ALIGN_RIGHT,
    CHART_ALIGN_CENTER
} chart_align;

/* A table of ready-formatted texts (chart_format_value helps). */
typedef struct chart_table {
    const char *title;
    const char *note;          /* under the table (source), may be NULL     */
    const char *const *header; /* ncols texts                               */
    const char *const *cells;  /* nrows × ncols, row-major; NULL = empty    */
    size_t nrows, ncols;
    const chart_align *align;  /* ncols entries or NULL (all AUTO)          */
    size_t total_rows;         /* the last rows are totals: bold, below a   */
                               /*   rule (0 = none)                         */
    int wrap_lines;            /* > 0: the last column takes the width the  */
                               /*   others leave and its cells wrap into at */
                               /*   most this many lines (text tables: data */
                               /*   quality, definitions); 0 = one line     */
} chart_table;

/*
 * Start a document.  f must outlive the document.  On success *out owns
 * it: finish with chart_doc_close.  Errors: CHART_ERR_ARG, _IO, _NOMEM.
 */
chart_status chart_doc_open(chart_doc **out, chart_fonts *f,
                            const chart_doc_options *o);

/* Add the cover page (normally first). */
chart_status chart_doc_cover(chart_doc *d, const chart_doc_cover_page *p);

/* Add a page with chart c below `takeaway` (at most two lines are shown;
 * longer text is ellipsized; NULL = none). */
chart_status chart_doc_chart(chart_doc *d, const chart *c, const char *takeaway);

/* Add the table on as many pages as its rows need. */
chart_status chart_doc_table(chart_doc *d, const chart_table *t);

/* Number of pages so far. */
int chart_doc_pages(const chart_doc *d);

/*
 * Finish the PDF, fsync, rename it into place and free d (also on error;
 * NULL is CHART_ERR_ARG).  Returns the first error of the document's life.
 */
chart_status chart_doc_close(chart_doc *d);

/* Give up: remove the temporary file and free d (NULL is fine). */
void chart_doc_discard(chart_doc *d);

#endif
