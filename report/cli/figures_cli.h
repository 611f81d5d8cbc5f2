/*
 * figures_cli.h — what `forumstat report` and `forumstat check` share:
 * open the warehouse read-only, make sure it holds the year, compute the
 * figures in one read transaction, and say clearly what went wrong.
 */
#ifndef FS_FIGURES_CLI_H
#define FS_FIGURES_CLI_H

#include "cli.h"
#include "figures.h"
#include "report_ctx.h"
#include "warehouse.h"

/*
 * Open cli->db_path read-only for figures.  A warehouse of an older schema
 * is migrated first by a writable open (a note says so).  Returns 0, or
 * prints one message and returns the exit code (3: missing or damaged).
 */
int fs_fig_cli_open(const fs_cli *cli, fs_warehouse **wh);

/*
 * The years the warehouse holds (ascending, *years malloc'ed; free it in
 * every case).  Returns 0 when `year` is among them; else prints why (no
 * records at all, or which years are held) and returns 1, or 3 when the
 * warehouse cannot be read.  Call inside the read snapshot.
 */
int fs_fig_cli_years(const fs_cli *cli, fs_warehouse *wh, int year, int **years, size_t *n);

/*
 * Compute the figures of `year` from cli->db_path with cli->zone (loaded).
 * On success returns 0 and *out owns the result (fs_figures_free).  On
 * failure prints one message to stderr and returns the exit code: 1 when
 * the warehouse holds no records for the year (or none at all), 3 when it
 * is missing, unreadable or damaged.  A warehouse of an older schema is
 * upgraded first (that is the only write; a note says so).
 */
int fs_fig_cli_compute(const fs_cli *cli, int year, fs_figures **out);

/* Print the host, ordinal and coverage gaps of a result ("forum no. 2 …",
 * "no disputes records: …"), one per line. */
void fs_fig_cli_print_coverage(const fs_figures *f, FILE *out);

/*
 * Load the context for `year`.  Returns 0, or prints one message and
 * returns the exit code (1: no records for the year; 3: warehouse missing,
 * damaged or unreadable).  ctx is zeroed first; free it with
 * fs_report_ctx_free (report_ctx.h) in every case.
 */
int fs_report_ctx_load(const fs_cli *cli, int year, const char *dir, const fs_report_opts *opts,
                       fs_report_ctx *ctx);

#endif
