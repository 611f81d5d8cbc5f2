/*
 * report_ctx.h — what every output of `forumstat report` reads.
 *
 * `report` takes one read snapshot of the warehouse and turns it into
 * in-memory results: the figures of the year (with the register of
 * cross-regional cases, fs_figures.xreg), the figures of every year held
 * (for trends), and the import history with the files behind the live
 * records (for the Sources sheet).  Outputs (metrics and findings CSV,
 * the register CSV, workbook, charts, briefing) only read the context:
 * none computes a figure itself or reads the warehouse
 * (tests/e2e/t05-outputs-render.sh checks that no output module holds
 * SQL or calls the database; ctx->wh and ctx->db are for loading the
 * context only).
 *
 * What the outputs must say about the figures (§4 v2) comes with them:
 * coverage of a scope (fs_fig_cover, fs_fig_partial, fs_fig_cover_text:
 * "6/7县"), whether a year-on-year change may be read and why not
 * (fs_fig_comparable, fs_fig_not_comparable_text), percentage-point
 * changes (metrics F_yoy_pp, fs_fig_metric.yoy == FS_FIG_YOY_PP), zero
 * reports (fig->zero[t]) and declared counts against records held
 * (fs_fig_declared, fs_fig_held, findings of kind incomplete / surplus /
 * declared_zero).  See figures.h.
 */
#ifndef FS_REPORT_CTX_H
#define FS_REPORT_CTX_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "doc_labels.h"
#include "figures.h"
#include "warehouse.h"

typedef struct fs_report_opts {
    fs_lang lang;      /* labels of workbook, charts, briefing      */
    int width, height; /* chart PNG size in pixels (1920x1080)      */
    int dpi;           /* chart PNG resolution (96)                 */
} fs_report_opts;

/* One file behind the live records: the records of one (table, county,
 * year) slice that file held, its import holding the slice now. */
typedef struct fs_report_source {
    int year;
    int county; /* zone index                            */
    fs_table table;
    int64_t records;            /* the file's records of the slice       */
    int64_t file_id, import_id; /* in ctx->history                       */
} fs_report_source;

typedef struct fs_report_ctx {
    const fs_zone *zone;
    int year;
    const char *dir; /* output folder (exists)                */
    fs_report_opts opts;
    time_t epoch;       /* document time: SOURCE_DATE_EPOCH, else
                           the latest import (same data, same time) */
    fs_figures *fig;    /* the year's figures (when loaded by
                           fs_report_ctx_load: trend[ntrend-1]) */
    fs_figures **trend; /* every year from the first held up to
                           `year` (never later), ascending        */
    size_t ntrend;
    int trend_first, trend_last; /* the years of trend[0], trend[ntrend-1];
                                   trend_last == year (charts follow it)  */
    fs_wh_history *history;      /* every import, file and slice          */
    fs_report_source *sources;   /* the files behind the live records of
                                    member counties for years up to `year`,
                                    from the import history (the slices
                                    each file held), in history order     */
    size_t nsources;
    fs_warehouse *wh; /* open, inside the read snapshot        */
    fs_db *db;
    struct fs_rc *charts; /* the chart set (report_charts.h), opened
                             once by `report` for the chart step and
                             the workbook's pictures (the CJK fonts
                             are loaded once); NULL: each step opens
                             its own.  Not freed by
                             fs_report_ctx_free (a later stage's)  */
    /* A step running on a thread beside the later ones (`report`
     * decides), or NULL.  The later steps then draw with renderers of
     * their own (fs_rc_open_beside), never trim, and rename their files
     * into place only after it succeeded (fs_report_wait_beside). */
    struct fs_report_beside *beside;
} fs_report_ctx;

/* A step running beside the later ones, and how it ended. */
typedef struct fs_report_beside {
    pthread_mutex_t m;
    pthread_cond_t c;
    bool done;
    fs_status st;
} fs_report_beside;

/* Wait until the step beside (ctx->beside) is done: FS_OK when there is
 * none or it succeeded, else its status.  A later step calls this before
 * renaming its files into place and, on a failure, leaves its earlier
 * files as they were: the outputs are those of one step after the other
 * (the first failure stops the run). */
fs_status fs_report_wait_beside(const fs_report_ctx *ctx);

/* The step beside is done with status st: wake whoever waits. */
void fs_report_beside_end(fs_report_beside *b, fs_status st);

/* Free what fs_report_ctx_load (figures_cli.h) loaded; ctx is zeroed. */
void fs_report_ctx_free(fs_report_ctx *ctx);

/* Figures of `year` in the trend, or NULL when that year is not held. */
const fs_figures *fs_report_ctx_year(const fs_report_ctx *ctx, int year);

#endif
