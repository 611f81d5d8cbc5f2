/*
 * slices.h — what the files of one validate or import run hold, per slice
 * (table, county, year), and the checks that need more than one row.
 *
 * ingest.c feeds every valid record of a file to the tally
 * (fs_tally_add) between fs_tally_file_begin and fs_tally_file_end.  Per
 * file the tally finds stray records: a few records (under 1 % of the
 * file's, at most FS_TALLY_LOCS) of another county or year in a file that
 * is mostly one county-year (rule records.stray).  Per run it keeps, for
 * each slice, its records in the accepted files and the first locations
 * that make it up (the shrink refusal names them), and the declared record
 * counts (indicators declared_incidents, declared_disputes,
 * declared_cooperation), compared with the records of their table at the
 * end of the run (indicators.declared_mismatch; an empty table counts as
 * 0 records, see fs_tally_check_declared).  Standard v2 §2.3, §3.
 */
#ifndef FS_SLICES_H
#define FS_SLICES_H

#include <stdbool.h>

#include "diag.h"
#include "source.h"
#include "validate.h"
#include "zone.h"

#define FS_TALLY_LOCS 10

/* Where one record of a slice stands. */
typedef struct fs_tally_loc {
    int file;  /* index into the run's files (fs_tally_file_name) */
    long line; /* CSV line or SQLite rowid                        */
} fs_tally_loc;

typedef struct fs_tally_slice {
    fs_table table;
    int county; /* zone index */
    int year;
    long records; /* records of the slice in the accepted files     */
    int nlocs;    /* the first min(records, FS_TALLY_LOCS) of them  */
    fs_tally_loc locs[FS_TALLY_LOCS];
} fs_tally_slice;

typedef struct fs_tally fs_tally;

/* A new, empty tally over the zone (borrowed); NULL when out of memory. */
fs_tally *fs_tally_new(const fs_zone *zone);
void fs_tally_free(fs_tally *t);

/* Start a file (its name as in messages; copied).  FS_OK or FS_ERR_NOMEM. */
fs_status fs_tally_file_begin(fs_tally *t, const char *file);

/* Count a valid record of the current file, read from src (for its
 * location kind and table name); value_column is the file column of an
 * indicators record's value (0 when unknown).  FS_OK or FS_ERR_NOMEM. */
fs_status fs_tally_add(fs_tally *t, const fs_record *rec, const fs_source *src, int value_column);

/* One CSV file read on two threads (vsplit.h): add the current file of
 * `from` (a tally that saw the records after those t saw) to t's current
 * file, as if t had been given its records.  FS_OK or FS_ERR_NOMEM. */
fs_status fs_tally_absorb(fs_tally *t, const fs_tally *from);

/* End the current file: warn about its stray records (whether or not it
 * is accepted), and when `accept` add its slices and declared counts to
 * the run's. */
void fs_tally_file_end(fs_tally *t, bool accept, fs_diags *d);

/* The current file (or sheet) of table `table` held its header and no
 * record (validate.h: fs_validator_finish gave 0): if the file is
 * accepted, a declared count of the table is compared with 0 records. */
void fs_tally_note_empty(fs_tally *t, fs_table table);

/* Warn about each declared record count of the run that differs from the
 * records of its table, county and year in the run's accepted files: when
 * those files hold records of that slice, or an accepted file or sheet of
 * that table holds no records at all (the header-only template sent as
 * "none": fs_tally_note_empty).  An indicators file validated alone is not
 * compared with tables it was not sent with. */
void fs_tally_check_declared(const fs_tally *t, fs_diags *d);

/* The run's slices, in the order year, county code, table. */
size_t fs_tally_nslices(const fs_tally *t);
const fs_tally_slice *fs_tally_slices(fs_tally *t);

/* The run's slice (table, county, year), or NULL when its files hold none. */
const fs_tally_slice *fs_tally_find(const fs_tally *t, fs_table table, int county, int year);

/* Name of the run's file i, and its location kind (FS_LOC_LINE or
 * FS_LOC_ROWID, FS_LOC_CELL) and table or sheet name for a record of
 * `table`. */
const char *fs_tally_file_name(const fs_tally *t, int i);
fs_loc fs_tally_loc_of(const fs_tally *t, const fs_tally_loc *l, fs_table table);

#endif
