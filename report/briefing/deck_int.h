/*
 * deck_int.h — inside the forum's chart set (report_charts.h): the state
 * of an fs_rc and the kit the chart builders share, as wb_int.h is for the
 * workbook.
 *
 *   deck.c          open/close, specs, takeaways, PNGs, errors
 *   deck_kit.c      arena, texts filled, numbers, figures, coverage
 *   deck_texts.c    file names and titles (the texts: doc_labels.h)
 *   deck_<chart>.c  one builder per chart or family (01 … 16)
 *   deck_briefing.c the briefing PDF
 *   deck_step.c     the report step (files, threads, atomic renames)
 *
 * Everything a spec points to lives in the fs_rc's arena (fs_rc_alloc)
 * and is freed with it.  Missing values stay NaN all the way to the chart
 * library, which draws them as "no data", never as 0.  All numbers come
 * from the figures; a builder only picks, ranks and divides percentages
 * by 100.
 */
#ifndef FS_DECK_INT_H
#define FS_DECK_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"
#include "chart_doc.h"
#include "chart_render.h"
#include "doc_labels.h"
#include "figures.h"
#include "report_charts.h"
#include "schema.h"

/* ------------------------------------------------------------- texts */

/* Every text comes from the documents' label table (doc_labels.h, shared
 * with the workbook): fs_rc_tr, or fs_rc_tpl with {1}…{9} filled. */

/* File stems of the charts ("01-offences"), in fs_rc_chart order. */
extern const char *const fs_rc_names[FS_RC_COUNT];

/* Chart pages of the briefing, in order (deck_briefing.c). */
extern const fs_rc_chart fs_rc_briefing_pages[];
extern const size_t fs_rc_nbriefing_pages;

/* Colours with a meaning (charts/README.md "Chart grammar"): the report
 * year dark blue, the previous year mid grey (≥ 3:1 on white), money lost
 * a dark orange beside the blue of money recovered. */
#define RGB_YEAR 0x1F5FA8u
#define RGB_PREV 0x8C8C8Cu
#define RGB_LOSS 0xB34700u
#define RGB_ASSIST 0x5B2C83u
#define RGB_VIDEO 0x00796Bu /* video devices beside the blue of grid members */

/* --------------------------------------------------------------- state */

struct fs_rc {
    const fs_report_ctx *ctx;
    const fs_zone *z;
    fs_lang lang;
    fsc_fonts *fonts;
    void **blocks; /* the arena: everything the specs use */
    size_t nblocks, capblocks;
    bool oom;
    size_t nc;              /* counties                            */
    const char **county;    /* county names in the language        */
    fsc_rgb *colors;        /* county colours                      */
    const fs_figures *prev; /* figures of year - 1, or NULL        */
    const char *year_s, *prev_s, *forum, *source;
    fsc_fmt off_fmt; /* offences per 10 000: 1 or 2 decimals */
    fsc_chart c[FS_RC_COUNT];
    const char *take[FS_RC_COUNT];
    fsc_doc_cover_page cover; /* the briefing, ready to write       */
    fsc_table table;
    fsc_table quality; /* data-quality page                   */
    fsc_table defs;    /* definitions page                    */
    fsc_doc_options doc;
};

/* ---------------------------------------------------- the kit (deck_kit.c …) */

void *fs_rc_alloc(fs_rc *rc, size_t n);

double *fs_rc_doubles(fs_rc *rc, size_t n);

const char *fs_rc_str(fs_rc *rc, const char *s);

const char *fs_rc_tr(const fs_rc *rc, fs_doc_label k);

/*
 * Label k with {1}…{9} replaced by the arguments (const char *, NULL-
 * terminated list), in the arena.  A placeholder without argument stays
 * empty.
 */
const char *fs_rc_tpl(fs_rc *rc, fs_doc_label k, ...);

/* Two lines "a\nb" (either may be NULL or empty). */
const char *fs_rc_lines2(fs_rc *rc, const char *a, const char *b);

/* Two sentences on one line ("a b" in English, "ab" in Chinese). */
const char *fs_rc_join(fs_rc *rc, const char *a, const char *b);

/* v formatted as the chart library prints it. */
const char *fs_rc_num(fs_rc *rc, double v, fsc_fmt f);

const char *fs_rc_inum(fs_rc *rc, long long v);

/* Value of metric in scope, NaN when not set (absent or empty). */
double fs_rc_fig(const fs_figures *f, const char *scope, const char *metric);

/* The metric per county (zone order) times scale; NaN where unset. */
double *fs_rc_per_county(fs_rc *rc, const fs_figures *f, const char *metric, double scale);

/* Index of the largest / smallest finite value, -1 when none. */
int fs_rc_arg_best(const double *v, size_t n, bool largest);

/*
 * The highest (*hi, the first of ties) and lowest (*lo) of the finite
 * values of v[0..n); returns how many there are.  With two or more, *lo
 * is never *hi (equal values: the last of them), so "highest A, lowest
 * A" is never said; with one, say "only A" (TAKE_ONE).  -1 when none.
 */
int fs_rc_hi_lo(const double *v, size_t n, int *hi, int *lo);

/* "A、B" list of the counties whose value is NaN, or NULL when none. */
const char *fs_rc_missing_list(fs_rc *rc, const double *v);

/* "Highest: A (v); lowest: B (v)[; zone z (6 of 7 counties)]" for
 * per-county values; the zone's coverage is that of the figure `metric`
 * (NULL: none said). */
const char *fs_rc_high_low(fs_rc *rc, const double *v, fsc_fmt f, double zone, const char *metric);

/* The common part of every chart: source line, language, no-data text. */
fsc_chart fs_rc_base_chart(const fs_rc *rc, fsc_kind kind, const char *title);

fsc_categories fs_rc_counties(const fs_rc *rc);

/*
 * "6/7县" / "6 of 7 counties" when the figures say the zone or province
 * figure of table t in scope covers fewer than all its counties
 * (fs_fig_partial, standard v2 §4), else NULL.
 */
const char *fs_rc_coverage(fs_rc *rc, const char *scope, fs_table t);

/*
 * " (6 of 7 counties)" / "（6/7县）" after a zone figure of table t whose
 * coverage is partial (fs_rc_coverage), "" otherwise: what every zone
 * figure in a takeaway carries (standard v2 §4).  `inner` gives the form
 * inside brackets (", 6 of 7 counties" / "，6/7县").  Arena string.
 */
const char *fs_rc_cov_suffix(fs_rc *rc, fs_table t, bool inner);

/*
 * fs_rc_coverage and fs_rc_cov_suffix for one figure, metric of the
 * year's figures: an ind_* or per-10 000 figure may cover fewer counties
 * than its table (fs_fig_metric_partial).  Use these wherever one figure
 * is shown.
 */
const char *fs_rc_metric_coverage(fs_rc *rc, const char *scope, const char *metric);
const char *fs_rc_metric_cov_suffix(fs_rc *rc, const char *metric, bool inner);

/*
 * Whether the figure of metric in scope for the year of f covers fewer
 * than all the scope's counties (fs_fig_metric_partial):
 * the one definition of a hollow point ("not comparable with the other
 * years") of every chart over years (11-trends, 02-cross-regional,
 * 12-change).  False when f is NULL or the figure is not set.
 */
bool fs_rc_year_partial(const fs_figures *f, const char *scope, const char *metric);

/*
 * The figures' "not comparable: 2023: 6 of 7 counties (no Yongcheng
 * City); 2024: 7 of 7" when the year-on-year change of metric in scope is
 * not comparable (fs_fig_comparable), else NULL.
 */
const char *fs_rc_not_comparable(fs_rc *rc, const char *scope, const char *metric);

/*
 * The note of a trend chart: for every year of figs[0..ny) whose zone
 * figures of table t cover fewer counties, "2023: 6/7县（缺永城市）" (the
 * figures' words), joined; NULL when every year covers every county.
 */
const char *fs_rc_trend_coverage(fs_rc *rc, const fs_figures *const *figs, size_t ny,
                                 const fs_table *tables, size_t nt);

/* s followed by "（6/7县）" when cov is not NULL. */
/* s with a lower-case first letter in English (mid-sentence); arena. */
const char *fs_rc_lower1(fs_rc *rc, const char *s);
const char *fs_rc_with_cov(fs_rc *rc, const char *s, const char *cov);

/* Money of the figures (yuan) in 万元, the unit of every chart and table
 * (standard v2 §4); NaN stays NaN. */
double fs_rc_wan(double yuan);

/* Indices 0..n-1 ordered by v descending (NaN last, ties in zone order). */
size_t *fs_rc_order_desc(fs_rc *rc, const double *v, size_t n);

/* DECIMAL1 values all below 10 (e.g. 3.62 and 3.66 offences per 10 000)
 * would tie at one decimal: give them two. */
fsc_fmt fs_rc_decimals_for(const double *v, size_t n, fsc_fmt fmt);

/* How a metric is shown: format and the factor from its unit. */
fsc_fmt fs_rc_metric_format(const fs_fig_metric *m, double *scale);

/* Render chart `which` in memory with `fonts` (reads rc only: safe from
 * several threads, each with its own fonts). */
fs_status fs_rc_render(const fs_rc *rc, fsc_fonts *fonts, fs_rc_chart which, fsc_file_type type,
                       int width, int height, int dpi, unsigned char **buf, size_t *len,
                       fs_sbuf *err);

/* Write the briefing to `path` (atomically, by the chart library). */
fs_status fs_rc_write_briefing(const fs_rc *rc, fsc_fonts *fonts, const char *path, int *pages,
                               fs_sbuf *err);

/* A chart library failure as a status and one line in err; errno (for
 * I/O failures) must be the cause's. */
fs_status fs_rc_chart_error(fsc_status cs, const char *what, fs_sbuf *err);

/* ------------------------------------------- the builders (deck_<chart>.c)
 * Each fills rc->c[its chart] and rc->take[its chart] from the figures;
 * on no memory it leaves them partly empty and rc->oom set. */
void fs_rc_build_offences(fs_rc *rc);
void fs_rc_build_change(fs_rc *rc);
void fs_rc_build_cross(fs_rc *rc);
void fs_rc_build_disputes(fs_rc *rc);
void fs_rc_build_mediation(fs_rc *rc);
void fs_rc_build_clearance(fs_rc *rc);
void fs_rc_build_cooperation(fs_rc *rc);
void fs_rc_build_assistance(fs_rc *rc);
void fs_rc_build_tiles(fs_rc *rc);

/*
 * The map of `metric`: tiles where the zone's "hex" lines put them;
 * counties without a position in a row under the others.  Returns false
 * for an unknown metric.
 */
bool fs_rc_build_hexmap(fs_rc *rc, const char *metric);
void fs_rc_build_categories(fs_rc *rc);
void fs_rc_build_activities(fs_rc *rc);
void fs_rc_build_levels(fs_rc *rc);
void fs_rc_build_trends(fs_rc *rc);
void fs_rc_build_losses(fs_rc *rc);

/*
 * Grid members and video devices added per 10 000 residents by county,
 * the zone as the last pair (magnitudes: bars from 0; one unit, so one
 * axis; the two measures told apart by colour and the legend).
 */
void fs_rc_build_resources(fs_rc *rc);

/* The forum's ordinal in the language ("二" / "2nd"), NULL when none. */
const char *fs_rc_ordinal(fs_rc *rc);

/* Cover, table and document options of the briefing (the path is set
 * when it is written).  The cover names the host, the forum's date when
 * the zone file gives one (never the clock's), and the data's date
 * labelled as such. */
void fs_rc_build_briefing(fs_rc *rc);

#endif
