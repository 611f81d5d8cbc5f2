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
 * An import run is one transaction, each file a savepoint in it: a
 * refused file is rolled back alone, and the run ends by committing (every
 * accepted file at once) or rolling back (a run refused as a whole, an
 * environment failure): a refused run leaves the database file
 * byte-for-byte as it was.  An interrupted run commits the files finished
 * before the interrupt and is on record as interrupted.
 */
#ifndef FS_WAREHOUSE_H
#define FS_WAREHOUSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "diag.h"
#include "schema.h"
#include "zone.h"

#define FS_WH_SCHEMA_VERSION 5

typedef struct fs_warehouse fs_warehouse;

/* Open (creating when `create`) and migrate the warehouse.  On failure err
 * holds a one-line reason meant for the user. */
fs_status fs_wh_open(const char *path, bool create, bool readonly, const fs_zone *zone,
                     fs_warehouse **out, fs_sbuf *err);
/* For a command that writes (import, revert, migrate --to): FS_OK, or
 * FS_ERR_IO with the reason in err when SQLite opened the file read-only
 * (a file the user may not write, a read-only file system).  target: the
 * --db value fs_wh_open was given. */
fs_status fs_wh_check_writable(const fs_warehouse *wh, const char *target, fs_sbuf *err);

void fs_wh_close(fs_warehouse *wh);
fs_db *fs_wh_db(fs_warehouse *wh);
const char *fs_wh_errmsg(const fs_warehouse *wh);
/* The path the warehouse was opened with (for the commands hints give). */
const char *fs_wh_path(const fs_warehouse *wh);

/* What the caller knows about a submitted file. */
typedef struct fs_wh_file_info {
    const char *name;     /* as given on the command line */
    const char *sha256;   /* hex                           */
    const char *format;   /* "csv", "sqlite"               */
    const char *encoding; /* "UTF-8", "GB18030", or NULL   */
    int64_t size;
} fs_wh_file_info;

typedef struct fs_wh_run fs_wh_run;

/* Start an import run at `time_iso` (UTC).  Writes nothing yet. */
fs_status fs_wh_run_begin(fs_warehouse *wh, const char *time_iso, fs_wh_run **out);

/* Begin one file (a savepoint; the run's transaction opens with the
 * first file). */
fs_status fs_wh_file_begin(fs_wh_run *run, const fs_wh_file_info *info);

/* Store n valid records of the current file, in order (SQLite: each run
 * of records of one table in one step, see fs_rows in db.h; PostgreSQL:
 * COPY rows).  The records are only read, and not kept.  Statuses other
 * than FS_OK are environment failures (then some of the n may be stored:
 * the caller rolls the file back).  Whether identifiers are unique is not
 * checked here: see fs_wh_report_repeats. */
fs_status fs_wh_file_add_many(fs_wh_run *run, const fs_record *recs, size_t n);

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

/* End the file: keep it in the run when `accept` (records, slices,
 * history), else roll it back.  *records receives the number of records
 * kept.  After an environment failure the whole run is rolled back. */
fs_status fs_wh_file_end(fs_wh_run *run, bool accept, long *records);

/* The run's import id so far (0 while no file was kept). */
int64_t fs_wh_run_import(const fs_wh_run *run);

typedef struct fs_wh_slice_rec fs_wh_slice_rec;

/* The slices of the files kept so far in this run, with the records they
 * replace (superseded_*), by year, county, table.  *out is the caller's
 * (free()). */
fs_status fs_wh_run_slices(fs_wh_run *run, fs_wh_slice_rec **out, size_t *n);

/* End the run: commit it when `keep`, else roll it back (nothing of it
 * stays).  `interrupted` (a signal's name, or NULL) puts the run on record
 * as interrupted, even when no file was kept.  *import_id is the run's id,
 * or 0 when nothing was kept.  Frees run. */
fs_status fs_wh_run_end(fs_wh_run *run, bool keep, const char *interrupted, int64_t *import_id);

/* Before asking whether a file is current (fs_wh_current_file): wait for
 * any other run that may be storing the same file (its SHA-256, hex), so
 * that two imports of one file at once store it once.  Opens the run's
 * transaction (SQLite: the write lock) and, on PostgreSQL, takes an
 * advisory lock of the file's hash, both held until the run ends. */
fs_status fs_wh_run_claim_file(fs_wh_run *run, const char *sha256);

/* What the warehouse knows of a file (by its SHA-256). */
typedef enum fs_wh_file_state {
    FS_WH_FILE_NEW,      /* never imported (or nothing of it held now)   */
    FS_WH_FILE_CURRENT,  /* its import holds every slice the file holds  */
    FS_WH_FILE_REPLACED, /* a later import holds some slice of it        */
    FS_WH_FILE_REVERTED  /* its import was reverted (import reads it again) */
} fs_wh_file_state;

typedef struct fs_wh_known_file {
    fs_wh_file_state state;
    int64_t import_id, file_id; /* the file's import and its record there */
    int64_t by;                 /* REPLACED: the latest import holding a slice of it */
    char *name;                 /* the file's name in that import (malloc'ed) */
} fs_wh_known_file;

/* Look a file up by its SHA-256 (hex): the latest file with it that is
 * current (as fs_wh_known_file.state says), else the latest one of all.
 * A slice the running import (0: none) holds already does not make the
 * file REPLACED: the run replaces it, and may need the file with it (a
 * year split in two files, one of them new).  k->name is the caller's
 * (free()); NEW leaves it NULL. */
fs_status fs_wh_file_known(fs_warehouse *wh, const char *sha256, int64_t running,
                           fs_wh_known_file *k);

/* The slices a file of an earlier import holds (records: the file's own;
 * import_id: its import).  *out is the caller's (free()). */
fs_status fs_wh_file_slices(fs_warehouse *wh, int64_t file_id, fs_wh_slice_rec **out, size_t *n);

/* A slice a file held whose records are live: the file's import holds the
 * slice now. */
typedef struct fs_wh_live_file_slice {
    int64_t import_id, file_id;
    char tbl[16];
    char county[7];
    int year;
    int64_t records; /* the file's own */
} fs_wh_live_file_slice;

/* Every live slice of every file, of the years up to max_year, in one
 * query: by import, file (the history's order), then year, county,
 * table.  *out is the caller's (free()). */
fs_status fs_wh_live_file_slices(fs_warehouse *wh, int max_year, fs_wh_live_file_slice **out,
                                 size_t *n);

/* The files of import import_id that hold a slice: their number in *n and
 * their names, ", "-separated, appended to names (a year a county split
 * into several files). */
fs_status fs_wh_slice_files(fs_warehouse *wh, int64_t import_id, const char *tbl,
                            const char *county, int year, fs_sbuf *names, int *n);

/* The import holding a slice now and its records (0 and 0 when none). */
fs_status fs_wh_live_records(fs_warehouse *wh, const char *tbl, const char *county, int year,
                             int64_t *import_id, int64_t *records);

/* A slice touched by a revert or a redo. */
typedef struct fs_wh_revert_slice {
    char tbl[16];
    char county[7];
    int year;
    bool changed;    /* false: a later import holds it, left as it was */
    int64_t holder;  /* the import holding it now, 0 when none          */
    int64_t records; /* the holder's records                            */
    int64_t earlier; /* revert, no holder left: the latest earlier import
                        that held it (reverted too), 0 when none           */
} fs_wh_revert_slice;

/* Revert an import (its slices fall back to the previous holders), or with
 * `redo` make a reverted import current again for the slices no later
 * import holds.  *slices (the caller's, free()) says what became of each
 * slice of the import.  FS_ERR_DATA with a message in err when there is no
 * such import, or it was reverted already (not reverted, for a redo). */
fs_status fs_wh_revert(fs_warehouse *wh, int64_t import_id, bool redo, const char *time_iso,
                       fs_wh_revert_slice **slices, size_t *nslices, fs_sbuf *err);

/* The import history, as read by fs_wh_history_load. */
typedef struct fs_wh_file_rec {
    int64_t import_id, file_id;
    char *name, *sha256, *format, *encoding; /* encoding "" for SQLite */
    int64_t size, records;
} fs_wh_file_rec;

struct fs_wh_slice_rec {
    int64_t import_id;
    char tbl[16];
    char county[7];
    int year;
    int64_t records;
    int64_t superseded_import; /* 0 when the slice was new */
    int64_t superseded_records;
    bool live; /* this import's records are the current ones */
};

typedef struct fs_wh_import_rec {
    int64_t import_id;
    char imported_at[32];
    char reverted_at[32]; /* "" unless reverted */
    char interrupted[16]; /* the signal that stopped the run, or "" */
    char redone_at[32];   /* "" unless a revert of it was undone */
} fs_wh_import_rec;

typedef struct fs_wh_history {
    fs_wh_import_rec *imports; /* by import_id */
    size_t nimports;
    fs_wh_file_rec *files; /* by import_id, file_id */
    size_t nfiles;
    fs_wh_slice_rec *slices; /* by import_id, year, county, table */
    size_t nslices;
} fs_wh_history;

/* Read the whole import history.  On success *out is owned by the caller
 * (fs_wh_history_free). */
fs_status fs_wh_history_load(fs_warehouse *wh, fs_wh_history **out);
void fs_wh_history_free(fs_wh_history *h);

/* Copy the whole warehouse src into dst (issue 17, `forumstat migrate`):
 * the import history, every record of every import (current, superseded
 * and reverted, in the order they were stored), the slices and the stored
 * cubes, in one transaction of dst read from one snapshot of src; dst's
 * id sequences continue after the copied ids.  dst must hold no import:
 * else FS_ERR_DATA with a message in err.  progress (may be NULL) gets
 * each table's name and rows copied. */
fs_status fs_wh_copy(fs_warehouse *src, fs_warehouse *dst,
                     void (*progress)(void *arg, const char *table, int64_t rows), void *arg,
                     fs_sbuf *err);

/* Print the import history (newest last) to out; in Chinese messages a
 * county is named by its code and name when the warehouse was opened with
 * a zone that knows it (fs_zone_county_label). */
fs_status fs_wh_print_history(fs_warehouse *wh, FILE *out);

#endif
