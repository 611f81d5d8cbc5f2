/*
 * report_out.h — the outputs of `forumstat report`, one step each.
 *
 * Every step reads the report context (report_ctx.h) and writes its files
 * into ctx->dir, each atomically (temporary name, then rename), so a
 * failed run never leaves a half-written file and an earlier complete
 * output stays as it was.  A step names what it wrote in `wrote` for the
 * summary line, or explains a failure in `err`.
 */
#ifndef FS_REPORT_OUT_H
#define FS_REPORT_OUT_H

#include <stddef.h>

#include "report_ctx.h"
#include "sbuf.h"

typedef fs_status (*fs_report_step)(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

/* metrics-Y.csv and findings-Y.csv (figures_out.c formats them). */
fs_status fs_report_write_metrics(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);
fs_status fs_report_write_findings(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

/* metrics-dictionary.csv: every metric name of the metrics file, families
 * as patterns, from the figure catalogue (figdefs.c). */
fs_status fs_report_write_dictionary(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

/* cross-cases-Y.csv: the register of cross-regional cases (one line per
 * cross_ref, figures_register.h) with the findings about each case, so
 * nothing is only in the workbook (UTF-8 with BOM, CRLF, opens in Excel). */
fs_status fs_report_write_cross_cases(const fs_report_ctx *ctx, fs_sbuf *wrote, fs_sbuf *err);

#endif
