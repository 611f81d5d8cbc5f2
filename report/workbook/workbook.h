/*
 * workbook.h — the forum workbook DIR/forum-Y.xlsx (libxlsxwriter), one
 * step of `forumstat report` (report_out.h).
 *
 * Nine sheets, every label in the report's language (--lang zh|en):
 *
 *   Overview        title, ordinal and host, headline figures of the zone
 *                   with year-on-year change, who has not submitted what,
 *                   the number of reconciliation findings
 *   Counties        one row per county, province subtotals, zone total;
 *                   totals are live formulas carrying their value, except
 *                   figures that count shared references once (values with
 *                   a note); native charts
 *   Crime           offences by county × ICCS section; the register of
 *                   cross-regional cases (one row per cross_ref)
 *   Disputes        by county × type, × mediation level, outcomes, days
 *   Cooperation     activities by county × kind; cooperation and assistance
 *                   matrices with a colour scale; native chart
 *   Trends          every year held, headline figures, native charts
 *   Reconciliation  the findings, one per row, filterable
 *   Sources         the imports behind the figures, the import history
 *   Definitions     how every figure is computed (from the catalogue)
 *
 * The workbook only reads the report context (report_ctx.h), never the
 * warehouse: figures and the register of cross-regional cases come from
 * ctx->fig / ctx->trend, provenance from ctx->history and ctx->sources.  Native
 * Excel charts sit on Counties, Cooperation and Trends; the finished
 * pictures of the chart set (report_charts.h) on Overview, Crime,
 * Disputes and Cooperation.  Labels: doc_labels.h.  Memory stays bounded:
 * the register lists at most FS_WB_REGISTER_MAX cases (wb_int.h).
 *
 * Output is deterministic (document time = ctx->epoch) and atomic: the
 * file is written under a temporary name in DIR and renamed when complete;
 * on any failure nothing is left behind and an earlier workbook stays.
 */
#ifndef FS_WORKBOOK_H
#define FS_WORKBOOK_H

#include <stddef.h>

#include "report_ctx.h"
#include "sbuf.h"
#include "status.h"

/* Write DIR/forum-Y.xlsx (a report step, see report_out.h).  On success
 * `wrote` names the file; on failure `err` holds one line and the status
 * is FS_ERR_NOMEM, FS_ERR_IO, FS_ERR_DISK_FULL or a database status. */
fs_status fs_workbook_write(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

#endif
