/*
 * warehouse.h — the secretariat's SQLite warehouse of accepted records.
 *
 * Records are never deleted or updated.  Each import run gets an import id;
 * every record carries the id, file and line it came from.  A "slice" is a
 * (table, county, year); the live records of a slice are those of the
 * latest non-reverted import that holds the slice (kept in live_slices, a
 * small derived table).  So an import replaces what it covers, earlier
 * records stay as superseded, and reverting an import makes the previous
 * holder live again.
 *
 * Importing one file is one transaction: begin, add records, end (commit
 * or roll back).  A refused file leaves the database file byte-for-byte as
 * it was: nothing is written before the first accepted file of a run.
 */
#ifndef FS_WAREHOUSE_H
#define FS_WAREHOUSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "diag.h"
#include "validate.h"
#include "zone.h"

#define FS_WH_SCHEMA_VERSION 4

typedef struct fs_warehouse fs_warehouse;

/* Open (creating when `create`) and migrate the warehouse.  On failure err
 * holds a one-line reason meant for the user. */
fs_status fs_wh_open(const char *path, bool create, bool readonly, const fs_zone *zone,
                     fs_warehouse **out, char *err, size_t errsz);
void fs_wh_close(fs_warehouse *wh);
fs_db *fs_wh_db(fs_warehouse *wh);
const char *fs_wh_errmsg(const fs_warehouse *wh);

/* What the caller knows about a submitted file. */
typedef struct fs_wh_file_info {
    const char *name;      /* as given on the command line */
    const char *sha256;    /* hex                           */
    const char *format;    /* "csv", "sqlite"               */
    const char *encoding;  /* "UTF-8", "GB18030", or NULL   */
    int64_t size;
} fs_wh_file_info;

typedef struct fs_wh_run fs_wh_run;

/* Start an import run at `time_iso` (UTC).  Writes nothing yet. */
fs_status fs_wh_run_begin(fs_warehouse *wh, const char *time_iso, fs_wh_run **out);

/* Begin one file's transaction. */
fs_status fs_wh_file_begin(fs_wh_run *run, const fs_wh_file_info *info);

/* Store a valid record of the current file.  Statuses other than FS_OK
 * are environment failures.  Whether its identifier is unique is not
 * checked here: see fs_wh_report_repeats. */
fs_status fs_wh_file_add(fs_wh_run *run, const fs_record *rec);

/* *mark receives the highest rowid of table t (0 when it is empty): the
 * records stored from now on have higher ones. */
fs_status fs_wh_mark(fs_wh_run *run, fs_table t, int64_t *mark);

/* Add a diagnostic R_UNIQUE_ID for each record of table t stored since
 * `mark` whose identifier repeats, within its county and year, a record
 * stored before it in this run; it names where the first one stands.
 * idloc is the location of the identifier column, its line replaced by
 * each record's.  The exact check behind fs_idcheck (idcheck.h): it reads
 * every record of the run, so it is called when fingerprints say it may
 * find something. */
fs_status fs_wh_report_repeats(fs_wh_run *run, fs_table t, int64_t mark, const fs_loc *idloc,
                               fs_diags *d);

/* End the file: commit when `accept` (records, slices, history), else roll
 * back.  *records receives the number of records committed. */
fs_status fs_wh_file_end(fs_wh_run *run, bool accept, long *records);

/* End the run: warn (R_IMPORT_SHRINK) about slices replaced by fewer than
 * half as many records; *import_id is the run's id or 0 when nothing was
 * imported.  Frees run. */
fs_status fs_wh_run_end(fs_wh_run *run, fs_diags *d, int64_t *import_id);

/* Revert an import: its slices fall back to the previous holders.
 * FS_ERR_DATA with a message in err when there is no such import or it was
 * reverted already. */
fs_status fs_wh_revert(fs_warehouse *wh, int64_t import_id, const char *time_iso, char *err,
                       size_t errsz);

/* The import history, as read by fs_wh_history_load. */
typedef struct fs_wh_file_rec {
    int64_t import_id, file_id;
    char *name, *sha256, *format, *encoding; /* encoding "" for SQLite */
    int64_t size, records;
} fs_wh_file_rec;

typedef struct fs_wh_slice_rec {
    int64_t import_id;
    char tbl[16];
    char county[7];
    int year;
    int64_t records;
    int64_t superseded_import;  /* 0 when the slice was new */
    int64_t superseded_records;
    bool live;                  /* this import's records are the current ones */
} fs_wh_slice_rec;

typedef struct fs_wh_import_rec {
    int64_t import_id;
    char imported_at[32];
    char reverted_at[32];       /* "" unless reverted */
} fs_wh_import_rec;

typedef struct fs_wh_history {
    fs_wh_import_rec *imports;  /* by import_id */
    size_t nimports;
    fs_wh_file_rec *files;      /* by import_id, file_id */
    size_t nfiles;
    fs_wh_slice_rec *slices;    /* by import_id, year, county, table */
    size_t nslices;
} fs_wh_history;

/* Read the whole import history.  On success *out is owned by the caller
 * (fs_wh_history_free). */
fs_status fs_wh_history_load(fs_warehouse *wh, fs_wh_history **out);
void fs_wh_history_free(fs_wh_history *h);

/* Print the import history (newest last) to out. */
fs_status fs_wh_print_history(fs_warehouse *wh, FILE *out);

#endif
