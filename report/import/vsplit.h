/*
 * vsplit.h — `validate` of a large CSV file on two threads, by halves.
 *
 * ingest.c validates a file on one thread while another parses it ahead
 * (its reader); the validating thread does most of the work.  For a big
 * regular CSV file `validate` instead cuts the file in two at a record
 * boundary near its middle (csv_source.h: fs_csv_split_point) and reads
 * and validates each half on a thread of its own: the first on the
 * caller's, up to the boundary; the second from there with a copy of the
 * first's validator taken right after the header.  When the first half
 * ends exactly at the boundary (its parser between two records) and the
 * state carried from row to row agrees (validate.h: fs_validator_join),
 * the second half's diagnostics (spreadsheet rows corrected), fingerprints
 * (idcheck.h) and tally (slices.h) are appended to the first's: the same
 * messages in the same order as one thread would give.  Otherwise the
 * second half's work is dropped and the first thread reads on to the end.
 *
 * Files under FS_VSPLIT_MIN bytes, workbooks, SQLite files and imports
 * keep the usual path.  FORUMSTAT_SPLIT_MIN (bytes; "off": never) changes
 * the size, for the tests that compare both paths.
 */
#ifndef FS_VSPLIT_H
#define FS_VSPLIT_H

#include "idcheck.h"
#include "idexact.h"
#include "ingest.h"
#include "slices.h"
#include "validate.h"

#define FS_VSPLIT_MIN ((uint64_t)4 << 20)

/* The identifiers a source's records had, per table: the file column of
 * each table's identifier (-1 while the source holds no record of it) and
 * how the file's header named it ("案件编号 (case_id)", "" until known), for
 * the messages about repeated identifiers (ingest.c). */
#define FS_ID_LABEL_MAX 300
typedef struct fs_id_columns {
    int col[FS_T_COUNT];
    char label[FS_T_COUNT][FS_ID_LABEL_MAX];
    int label_own[FS_T_COUNT]; /* its fs_loc.colname_own */
} fs_id_columns;

/* No table yet. */
void fs_id_columns_init(fs_id_columns *ic);

/* Note that a record of table t came with v's header: its identifier's
 * column is col (label taken from v the first time). */
void fs_id_columns_note_label(fs_id_columns *ic, const fs_validator *v, fs_table t);

/*
 * Validate src (a CSV source just opened by fs_csv_open, nothing read yet)
 * by halves when it is big enough and has a boundary near its middle.
 * *done false: not tried, nothing was read (the caller reads the file its
 * usual way).  Else as ingest.c's validate path: each valid record
 * fingerprinted into ids, tallied and counted into ex (progress reported
 * through o), stored->col[t] set to the file column of table t's
 * identifier when the file holds records of t (and its label), diagnostics
 * into d.  Returns FS_OK or
 * an environment failure; data problems are diagnostics.
 */
fs_status fs_vsplit_validate(const fs_ingest_opts *o, fs_source *src, fs_idcheck *ids,
                             fs_idexact *ex, fs_tally *tally, fs_id_columns *stored, fs_diags *d,
                             bool *done);

/* Note the fingerprint of rec's identity in ids (idcheck.h): a record's,
 * or a rejected row's with a valid identity (fs_validator_identity). */
void fs_ingest_fingerprint(fs_idcheck *ids, const fs_record *rec);

/* --county / --year (ingest.c): a record outside them is an error at its
 * line; true when it is outside. */
bool fs_ingest_outside_scope(const fs_ingest_opts *o, const fs_validator *v, const fs_record *rec,
                             fs_diags *d);

#endif
