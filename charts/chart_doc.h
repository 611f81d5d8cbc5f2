/*
 * chart_doc.h — multi-page PDF documents (the forum briefing).
 *
 * A4 landscape pages: a cover, a page per chart with a two-line takeaway
 * above it, table pages (split over pages as needed, header repeated), a
 * footer with the caller's text and the page number on every page but the
 * cover.  Charts are drawn by the same code as fsc_write (fsc_draw into
 * the page rectangle).  The file is written atomically like fsc_write:
 * nothing appears at `path` until fsc_doc_close succeeds.
 *
 *     fsc_doc *d;
 *     fsc_doc_options o = { .path = "out/briefing.pdf", .epoch = sde,
 *                             .footer = "…", .page_prefix = "Page " };
 *     if (fsc_doc_open(&d, fonts, &o) == FSC_OK) {
 *         fsc_doc_cover(d, &cover);
 *         fsc_doc_chart(d, &c, "Offences fell in five of seven counties.");
 *         fsc_doc_table(d, &t);
 *         st = fsc_doc_close(d);     // always frees d
 *     }
 *
 * Errors are sticky: after a failure later calls return the same status
 * and fsc_doc_close removes the temporary file and returns it.
 */
#ifndef FSC_DOC_H
#define FSC_DOC_H

#include "chart.h"
#include "chart_render.h"

typedef struct fsc_doc fsc_doc;

typedef struct fsc_doc_options {
    const char *path;        /* final PDF file name                       */
    long long epoch;         /* creation date (SOURCE_DATE_EPOCH)         */
    const char *title;       /* PDF metadata title, may be NULL           */
    const char *footer;      /* left of every footer, e.g. forum name     */
    const char *page_prefix; /* page number text: prefix N suffix,        */
    const char *page_suffix; /*   e.g. "Page " "" or "第 " " 页"          */
    const char *lang;        /* NULL = "zh-cn"                            */
} fsc_doc_options;

/* The cover page. */
typedef struct fsc_doc_cover_page {
    const char *title;      /* forum title, big                          */
    const char *subtitle;   /* e.g. "Annual safety briefing 2024"        */
    const char *date_line;  /* e.g. "Dangshan, 28 November 2024"         */
    const fsc_chart *tiles; /* optional FSC_TILES chart for the lower  */
                            /*   half (its title is drawn too)           */
} fsc_doc_cover_page;

typedef enum fsc_align {
    FSC_ALIGN_AUTO = 0, /* first column left, the others right       */
    FSC_ALIGN_LEFT,
    FSC_ALIGN_RIGHT,
    FSC_ALIGN_CENTER
} fsc_align;

/* A table of ready-formatted texts (fsc_format_value helps). */
typedef struct fsc_table {
    const char *title;
    const char *note;          /* under the table (source), may be NULL     */
    const char *const *header; /* ncols texts                               */
    const char *const *cells;  /* nrows × ncols, row-major; NULL = empty    */
    size_t nrows, ncols;
    const fsc_align *align; /* ncols entries or NULL (all AUTO)          */
    size_t total_rows;      /* the last rows are totals: bold, below a   */
                            /*   rule (0 = none)                         */
    int wrap_lines;         /* > 0: the last column takes the width the  */
                            /*   others leave and its cells wrap into at */
                            /*   most this many lines (text tables: data */
                            /*   quality, definitions); 0 = one line     */
} fsc_table;

/*
 * Start a document.  f must outlive the document.  On success *out owns
 * it: finish with fsc_doc_close.  Errors: FSC_ERR_ARG, _IO, _NOMEM.
 */
fsc_status fsc_doc_open(fsc_doc **out, fsc_fonts *f, const fsc_doc_options *o);

/* Add the cover page (normally first). */
fsc_status fsc_doc_cover(fsc_doc *d, const fsc_doc_cover_page *p);

/* Add a page with chart c below `takeaway` (at most two lines are shown;
 * longer text is ellipsized; NULL = none). */
fsc_status fsc_doc_chart(fsc_doc *d, const fsc_chart *c, const char *takeaway);

/* Add the table on as many pages as its rows need. */
fsc_status fsc_doc_table(fsc_doc *d, const fsc_table *t);

/* Number of pages so far. */
int fsc_doc_pages(const fsc_doc *d);

/*
 * Finish the PDF, fsync, rename it into place and free d (also on error;
 * NULL is FSC_ERR_ARG).  Returns the first error of the document's life.
 */
fsc_status fsc_doc_close(fsc_doc *d);

/* Give up: remove the temporary file and free d (NULL is fine). */
void fsc_doc_discard(fsc_doc *d);

#endif
