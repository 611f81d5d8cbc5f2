/*
 * validate.h — from raw rows to typed, checked records.
 *
 * The validator sits between a row source (CSV, SQLite, …) and the store.
 * It finds the header (skipping up to five title rows), recognises the
 * table from the column names, then turns each row into an fs_record,
 * adding a diagnostic for every rule of the standard the row breaks.  It
 * checks everything that one row can tell; what needs several rows
 * (unique identifiers across a run) is checked by the store.
 *
 * Lifetime: an fs_validator is made per table-in-a-file; records it
 * returns borrow from the row and from the validator and stay valid until
 * the next call.
 */
#ifndef FS_VALIDATE_H
#define FS_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "schema.h"
#include "source.h"
#include "zone.h"

typedef enum fs_row_kind {
    FS_ROW_HEADER,   /* consumed: a title row or the header             */
    FS_ROW_SKIPPED,  /* a blank row (warning added)                     */
    FS_ROW_RECORD,   /* *rec holds a valid record (warnings possible)   */
    FS_ROW_REJECTED, /* the row has errors (diagnostics added)          */
    FS_ROW_STOP      /* the header cannot be used: stop reading         */
} fs_row_kind;

typedef struct fs_validator fs_validator;

/*
 * New validator for one table of one file.  `forced_table` is the table an
 * SQLite table name fixes (its first row is then the header, no title rows
 * allowed), or -1 to recognise the table from the header (CSV).  The zone is
 * borrowed.  Returns NULL on allocation failure.
 */
fs_validator *fs_validator_new(const fs_zone *zone, const fs_source *src, int forced_table);
void fs_validator_free(fs_validator *v);

/* Judge one row; see fs_row_kind.  Diagnostics go to d. */
fs_row_kind fs_validator_row(fs_validator *v, const fs_row *row, fs_record *rec, fs_diags *d);

/* Does the last row judged have a valid identity in *rec (its table,
 * county, year and identifier)?  True for every record (FS_ROW_RECORD),
 * and for a row rejected for its other values only: its identifier still
 * counts against repeats (idcheck.h), so a clerk learns of a repeat in the
 * same round as the row's other problems.  False for a row whose values
 * may stand in the wrong columns (extra fields) or of a file whose header
 * lacks a required column. */
bool fs_validator_identity(const fs_validator *v);

/* The recognised table, or -1 while no header has been found. */
int fs_validator_table(const fs_validator *v);

/* 1-based file column of standard column c, 0 when the file lacks it. */
int fs_validator_column(const fs_validator *v, int c);

/* Where standard column c of the record at `line` is: the file's column
 * (0 when it lacks it) and the column as messages name it (colname: as
 * the file's header wrote it with the standard name in brackets, "年度
 * (year)", or the standard name alone; colname_own: the bytes of the
 * file's own name); strings owned by v, colname NULL for no such column. */
fs_loc fs_validator_loc(const fs_validator *v, long line, int c);

/* At the end of a table read to its end: a warning for each signature
 * line (填表人, 审核人, …) below the last record, skipped.  One between
 * records is an error instead, said when the record after it comes, and
 * never also a warning. */
void fs_validator_footers(fs_validator *v, fs_diags *d);

/* Call at end of input: reports a missing header or a file without
 * records.  Returns the number of records accepted. */
long fs_validator_finish(fs_validator *v, fs_diags *d);

/*
 * One file on two threads (vsplit.h).  fs_validator_clone: a copy of v
 * (which has found its header) to validate the rows of the file's second
 * half on another thread, reading from src; free it with
 * fs_validator_free.  NULL when out of memory.
 *
 * fs_validator_join: once a has validated the rows before b's, fold b
 * (the clone) into a, as if a had validated b's rows too: bd holds what b
 * said, from which the warnings said once per file that a said already
 * are taken back.  False when b's diagnostics would not be exactly what a
 * would have said (a signature line of a's stands before b's records, the
 * records' extra fields differ across the halves, ...): then nothing was
 * changed and the caller validates b's rows again with a.
 */
fs_validator *fs_validator_clone(const fs_validator *v, const fs_source *src);
bool fs_validator_join(fs_validator *a, fs_validator *b, fs_diags *bd);

#endif
