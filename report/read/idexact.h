/*
 * idexact.h — repeated identifiers named exactly, without a database.
 *
 * `validate` writes no database.  Its pipeline (ingest.c) keeps the
 * fingerprints of record identities like an import (idcheck.h); when they
 * say a table of the current part (a CSV file, an SQLite table) may repeat
 * an identifier, this module finds which records do, exactly: it reads
 * again the parts of the run that hold the table (the accepted files', the
 * current file's), through the same source and validator, keeps the
 * records whose fingerprint collides (or, when fingerprints were dropped
 * past the cap, those of one range of fingerprints per pass, so memory
 * stays bounded), and compares their identities (county, year, identifier
 * text).  It adds the same R_UNIQUE_ID diagnostics, in the same order, as
 * the import's SQL check (fs_wh_report_repeats): one for each record of
 * the current part whose identity an earlier record of the run holds,
 * naming the file and line of the first one.
 *
 * Reading again is paid only when fingerprints collide, i.e. when there is
 * a repeat (a coincidence has chance 2^-64 per pair).
 */
#ifndef FS_IDEXACT_H
#define FS_IDEXACT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "idcheck.h"
#include "zone.h"

typedef struct fs_idexact fs_idexact;

/* A record of the parts of one run; NULL when out of memory.  The zone is
 * borrowed. */
fs_idexact *fs_idexact_new(const fs_zone *zone);
void fs_idexact_free(fs_idexact *x);

/* Records one pass keeps when every fingerprint is wanted (default about
 * two million); tests make it small to exercise several passes. */
void fs_idexact_set_pass_cap(fs_idexact *x, size_t cap);

/* The part number of sheet i (0-based, among the sheets the workbook
 * reader yields) of an .xlsx file. */
#define FS_IDEXACT_XLSX_PART(i) (-2 - (int)(i))

/* A part of the current file has been read: `path` (as opened and named in
 * messages; copied), `sqlite_index` the SQLite table's index among the
 * submission's standard tables, -1 for a CSV file or FS_IDEXACT_XLSX_PART
 * of a workbook's sheet, `table` the standard table its records belong
 * to. */
fs_status fs_idexact_part(fs_idexact *x, const char *path, int sqlite_index, fs_table table);

/* Count n valid records of the current file (what an import would store). */
void fs_idexact_count(fs_idexact *x, long n);

/* The current file is finished: its parts join the run's when accepted.
 * Returns the file's records counted. */
long fs_idexact_file_end(fs_idexact *x, bool accepted);

/* The exact check of table t for the current part (the last one noted),
 * after fs_idcheck_suspect(ids, t) said true: R_UNIQUE_ID diagnostics into
 * d at idloc (its line replaced by each record's).  FS_OK, or an
 * environment failure (memory, a file that cannot be read again). */
fs_status fs_idexact_report(fs_idexact *x, fs_idcheck *ids, fs_table t, const fs_loc *idloc,
                            fs_diags *d);

#endif
