/*
 * report_charts.h — the forum's charts and the briefing PDF (issue 5).
 *
 * Maps the figures of the report context (report_ctx.h) onto chart specs of
 * the chart library (charts/chart.h) and writes
 *
 *   DIR/charts/NN-name.png / .svg / .pdf   every chart of the set, 3 formats
 *   DIR/briefing-Y.pdf                     A4 landscape: cover, one page per
 *                                          chart with a two-line takeaway,
 *                                          the county table (dedup totals
 *                                          marked † ‡ with their note), a
 *                                          data-quality page, definitions,
 *                                          page numbers
 *
 * The chart set (fs_rc_chart, in file order; the grammar they follow is
 * charts/README.md "Chart grammar"):
 *   01-offences          offences per 10 000 residents, Y beside Y-1, the
 *                        zone as the last pair of bars
 *   02-cross-regional    cross-regional cases and share of the zone over
 *                        the years ≤ Y (provinces in the note)
 *   03a-disputes         disputes by type per county (absolute)
 *   03b-disputes-share   the same as 100 % bars
 *   04-mediation         resolution rate by county (dot plot, zoomed axis,
 *                        zone reference line)
 *   05-cooperation       county × county cooperation, lower half (pairs)
 *   06-assistance        who helped whom on cases: 7 × 7 matrix
 *   07-clearance         clearance rate by county (dot plot, zone line)
 *   08-tiles             headline tiles with year-on-year changes
 *   09-hexmap            the seven counties as hexagons (zone.conf "hex"
 *                        lines), shaded by offences per 10 000
 *   10-offence-categories  offences by ICCS category, largest first
 *   11-trends            headline figures of the zone over the years ≤ Y
 *   12-change            offences per 10 000 per county, Y-1 → Y
 *   13-losses            losses and amounts recovered per county, 万元
 *   14-activities        cooperation activities by kind, largest first
 *   15-mediation-levels  disputes by mediation level (village → court)
 *   16-grid-video        grid members and video devices added per 10 000
 *                        residents by county, the zone as the last pair
 *
 * Built in report/deck*.c (deck_int.h: one file per chart or family, the
 * shared kit once, as the workbook is in wb_*.c).  Every text comes from
 * one table of strings in deck_texts.c (zh, en);
 * county, province and zone names come from the zone, dispute type names
 * from the schema.  A county without data shows "no data" (never 0); a
 * zero denominator gives no value; a year without a prior year shows this
 * year only.  Output is deterministic (ctx->epoch is the PDF date and the
 * cover's "data as of" date; the forum's date comes only from the zone
 * file's forum_date lines) and atomic.  Standard v2 §4 presentation rules:
 * money in 万元, changes of percentages in percentage points, zone figures
 * covering fewer counties say so (counties_T of the figures), changes the
 * figures leave empty as not comparable are shown so, with why.
 *
 * Colours: county index i of the zone (code order, fs_zone.counties) has
 * fsc_county_color(i) (charts/chart_palette.h) in every chart; the
 * workbook uses the same function so a county keeps its colour everywhere.
 */
#ifndef FS_REPORT_CHARTS_H
#define FS_REPORT_CHARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report_ctx.h"
#include "sbuf.h"
#include "status.h"

typedef enum fs_rc_chart {
    FS_RC_OFFENCES = 0,
    FS_RC_CROSS,
    FS_RC_DISPUTES,
    FS_RC_DISPUTES_SHARE,
    FS_RC_MEDIATION,
    FS_RC_COOPERATION,
    FS_RC_ASSISTANCE,
    FS_RC_CLEARANCE,
    FS_RC_TILES,
    FS_RC_HEXMAP,
    FS_RC_CATEGORIES,
    FS_RC_TRENDS,
    FS_RC_CHANGE,
    FS_RC_LOSSES,
    FS_RC_ACTIVITIES,
    FS_RC_LEVELS,
    FS_RC_RESOURCES,
    FS_RC_COUNT
} fs_rc_chart;

/* File stem of a chart ("01-offences"); "?" when out of range. */
const char *fs_rc_chart_name(fs_rc_chart which);

/* The chart's title in `lang` (e.g. for a workbook caption); "" when out
 * of range.  Static storage. */
const char *fs_rc_chart_title(fs_rc_chart which, fs_lang lang);

/* 0xRRGGBB colour of county index `county` of the zone (same as
 * fsc_county_color; lxw_color_t-compatible). */
uint32_t fs_rc_county_color(int county);

/*
 * Report step (report_out.h): writes DIR/charts/ (17 charts × PNG, SVG,
 * PDF; PNGs ctx->opts.width × height at ctx->opts.dpi, SVG/PDF 960 pt wide
 * in the same shape) and DIR/briefing-Y.pdf.  Every file is first written
 * complete under a temporary name; the final names appear only when all 52
 * are (on failure the temporaries are removed and earlier outputs stay as
 * they were).  Renders on two threads when the machine has two cores (each
 * thread with its own fonts; the bytes do not depend on which thread drew
 * a file).  Errors: FS_ERR_FONT when no CJK font is installed (the message
 * names the package fonts-noto-cjk), FS_ERR_IO / FS_ERR_DISK_FULL,
 * FS_ERR_NOMEM — all exit 3.
 */
fs_status fs_report_charts_write(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

/*
 * In-memory PNGs, e.g. for worksheet_insert_image_buffer.  Open once (loads
 * the fonts, ~50 ms), render any number of charts, close:
 *
 *     fs_rc *rc;
 *     fs_sbuf err = {0};
 *     if (fs_rc_open(&rc, ctx, &err) == FS_OK) {
 *         unsigned char *png; size_t len;
 *         if (fs_rc_png(rc, FS_RC_OFFENCES, 960, 540, 96, &png, &len, &err) == FS_OK) {
 *             … use png[0..len) …
 *             free(png);
 *         }
 *         fs_rc_close(rc);
 *     }
 *     fs_sbuf_free(&err);
 *
 * fs_rc borrows ctx (ctx must outlive it).  width/height in pixels (0 =
 * the ctx->opts size), dpi is stored in the PNG's pHYs chunk (0 =
 * ctx->opts.dpi; 192 makes office software place a 2× image at half size).
 * Ownership: on success *png is malloc'ed and belongs to the caller (free
 * it); on failure *png is NULL, *len 0 and err holds one line.  Language
 * is ctx->opts.lang.  Not thread-safe: one fs_rc per thread.
 * fs_rc_open fails with FS_ERR_FONT when no CJK font is installed.
 */
typedef struct fs_rc fs_rc;

fs_status fs_rc_open(fs_rc **out, const fs_report_ctx *ctx, fs_sbuf *err);

/*
 * Opening the fonts is most of fs_rc_open (about 35 ms: fontconfig reads
 * the CJK collections) and needs no figures, so `report` starts it on a
 * thread of its own while it loads them:
 *
 *     fs_rc_fonts *early = fs_rc_fonts_start();   // NULL: no thread
 *     … load the figures into ctx …
 *     st = fs_rc_open_with(&rc, ctx, early, &err);
 *
 * fs_rc_open_with takes early (waits for its thread, uses its fonts or
 * fails as fs_rc_open would, frees it; NULL: fs_rc_open).  An early that
 * is not handed on is given to fs_rc_fonts_stop (waits, frees; NULL is
 * fine).
 */
typedef struct fs_rc_fonts fs_rc_fonts;
fs_rc_fonts *fs_rc_fonts_start(void);
fs_status fs_rc_open_with(fs_rc **out, const fs_report_ctx *ctx, fs_rc_fonts *early, fs_sbuf *err);
void fs_rc_fonts_stop(fs_rc_fonts *early);
fs_status fs_rc_png(fs_rc *rc, fs_rc_chart which, int width, int height, int dpi,
                    unsigned char **png, size_t *len, fs_sbuf *err);
void fs_rc_close(fs_rc *rc); /* NULL is fine */

/* A renderer for another thread, drawing exactly what rc draws: its own
 * fonts (a clone of rc's, about 1 ms), rc's chart specs borrowed.  rc
 * must stay open, and unchanged (no fs_rc_set_map_figure), until the new
 * one is closed with fs_rc_close.  FS_ERR_NOMEM or FS_ERR_FONT. */
fs_status fs_rc_open_beside(fs_rc **out, const fs_rc *rc, fs_sbuf *err);

/* Give back the pages of the CJK font files that drawing touched
 * (fsc_fonts_trim: 10-15 MB after a few pictures; the next drawing reads
 * what it needs again from the page cache).  Only while no other thread
 * draws, with rc or beside it (one may be closing its fonts). */
void fs_rc_trim(const fs_rc *rc);

/* Does drawing with rc take little memory: the charts' font subsets are in
 * use (fsc_fonts_has_subsets), so a PDF does not copy the full CJK fonts? */
bool fs_rc_light(const fs_rc *rc);

/* The chart spec of `which` (charts/chart.h), e.g. to draw it with
 * fsc_draw into a page of one's own, or for alt text; NULL when out of
 * range.  Owned by rc, valid until fs_rc_close. */
struct fsc_chart;
const struct fsc_chart *fs_rc_spec(const fs_rc *rc, fs_rc_chart which);

/* The two-line takeaway of `which` ("line 1\nline 2", generated from the
 * figures), NULL for the tiles.  Owned by rc. */
const char *fs_rc_takeaway(const fs_rc *rc, fs_rc_chart which);

/*
 * Shade the hexagon map (FS_RC_HEXMAP) by another figure of the catalogue
 * (a metric name of figdefs.c, e.g. "resolution_pct"; default
 * "offenses_per_10k").  Percentages are shown as such, counts as whole
 * numbers.  FS_ERR_USAGE when no figure has that name.
 */
fs_status fs_rc_set_map_figure(fs_rc *rc, const char *metric, fs_sbuf *err);

#endif
