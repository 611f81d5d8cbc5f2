/*
 * diag.h — diagnostics about a county's data: collected, then printed once.
 *
 * A diagnostic is one problem found in a submission: where it is (file and
 * line/column, SQLite table and rowid, or spreadsheet cell), which rule it
 * breaks (rules.def), a message a county clerk can act on and, where we can
 * tell, how to fix it.  Library code adds diagnostics to an fs_diags list;
 * only the command edge prints them (stderr) or writes them as CSV for the
 * county.  To keep memory bounded on huge files the list stores at most
 * FS_DIAGS_KEEP entries per file and counts the rest.
 */
#ifndef FS_DIAG_H
#define FS_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sbuf.h"
#include "status.h"

typedef enum fs_severity { FS_SEV_WARNING, FS_SEV_ERROR } fs_severity;

typedef enum fs_rule {
#define RULE(e, id, sev, doc, doc_zh) e,
#include "rules.def"
#undef RULE
    FS_RULE_COUNT
} fs_rule;

/* Rule id string ("value.date"), default severity, documentation line. */
const char *fs_rule_id(fs_rule r);
fs_severity fs_rule_severity(fs_rule r);
const char *fs_rule_doc(fs_rule r);
/* The documentation line in Chinese (rules.def's last column), NULL when
 * it is not written yet. */
const char *fs_rule_doc_zh(fs_rule r);
/* Rule by id string, or FS_RULE_COUNT when unknown. */
fs_rule fs_rule_by_id(const char *id);

/* How a location is written. */
typedef enum fs_loc_kind {
    FS_LOC_FILE,  /* FILE:                                   */
    FS_LOC_LINE,  /* FILE:LINE:COLUMN: (CSV; COLUMN 0 = none) */
    FS_LOC_ROWID, /* FILE:TABLE#ROWID:COLUMN_NAME: (SQLite)   */
    FS_LOC_CELL   /* FILE:SHEET!A1: (spreadsheet; a row: !1:1) */
} fs_loc_kind;

/* A place in a submission.  Strings are borrowed: the diagnostics list
 * copies what it keeps. */
typedef struct fs_loc {
    fs_loc_kind kind;
    const char *file;
    const char *table;   /* SQLite table or sheet name, else NULL        */
    long line;           /* CSV line, SQLite rowid, sheet row (1-based)   */
    int column;          /* 1-based column number, 0 when unknown         */
    const char *colname; /* the column when known, else NULL: as the file's
                            header wrote it with the standard name in
                            brackets ("案件类别 (category)"), or the
                            standard name alone when the two agree       */
    int colname_own;     /* bytes of colname naming the column as the file
                            does, before " (category)"; 0: all of it
                            (an SQLite location gives only these)        */
} fs_loc;

typedef struct fs_diag {
    fs_rule rule;
    fs_severity severity;
    char *where; /* formatted location without trailing colon */
    fs_loc_kind kind;
    char *file;
    char *table; /* SQLite table ("" when none) */
    long line;
    long row;     /* spreadsheet row when it differs from line, else 0 */
    int colno;    /* 1-based column number, 0 when none */
    char *column; /* column name as shown: "案件类别 (category)", the
                     standard name alone, or "" when none */
    char *value;  /* the rejected value, "" when not safe to echo */
    char *message;
    char *hint; /* what to do, "" when nothing to add */
} fs_diag;

#define FS_DIAGS_KEEP 10000

typedef struct fs_diags {
    fs_diag *items;
    size_t count, cap;
    size_t errors, warnings; /* all problems, kept or not           */
    size_t dropped;          /* problems counted but not stored     */
    size_t file_kept;        /* stored for the current file         */
    bool oom;                /* an allocation failed: list is short */
    /* The record being read (fs_diags_set_row): a diagnostic at row_line
     * of row_file gets row_row as its spreadsheet row. */
    const char *row_file;
    long row_line, row_row;
} fs_diags;

void fs_diags_init(fs_diags *d);
void fs_diags_free(fs_diags *d);

/* Say that line `line` of `file` (borrowed until the next call) is
 * spreadsheet row `row`: a CSV record after quoted line breaks starts on
 * a later line than its row.  Diagnostics added at that line then carry
 * the row (printed and in the CSV).  row == line or row <= 0 clears it. */
void fs_diags_set_row(fs_diags *d, const char *file, long line, long row);

/* Start counting a new file (resets the per-file storage cap). */
void fs_diags_begin_file(fs_diags *d);

/*
 * Record a problem.  `value` may be NULL (nothing echoed); `hint` may be
 * NULL.  The message is printf-formatted.  fmt and hint are English and
 * translated here (i18n.h; xgettext finds them as fs_diag_add:5 and :6).
 * Never fails: on allocation failure the problem is still counted and
 * d->oom is set.
 */
void fs_diag_add(fs_diags *d, fs_rule rule, const fs_loc *loc, const char *value, const char *hint,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Move every diagnostic of src to the end of dst (counts included);
 * src is left empty.  Items beyond dst's per-file cap are counted only. */
void fs_diags_merge(fs_diags *dst, fs_diags *src);

/* Move src's stored diagnostics from index *from up to (not including)
 * `upto` to the end of dst in order, counts included, as fs_diags_merge
 * does, and advance *from past them; the moved slots of src are left
 * empty (src can still be freed).  With upto == SIZE_MAX also move the
 * counts of what src counted but did not store (src is then spent).  For
 * a pipeline stage that collects diagnostics in its own list and hands
 * them over record by record, in the order a single thread would have
 * said them. */
void fs_diags_merge_upto(fs_diags *dst, fs_diags *src, size_t *from, size_t upto);

/* Take back a problem said: item i of d, or with i >= d->count one of
 * severity sev that was counted but not stored. */
void fs_diags_unsay(fs_diags *d, size_t i, fs_severity sev);

/* Append a location to b ("f.csv:14:3"), whatever the file name's length. */
void fs_loc_format(const fs_loc *loc, fs_sbuf *b);

/* Print every stored diagnostic to `out`, one per line:
 * "WHERE: error [rule] message — hint", with "spreadsheet row N: " before
 * the message when the row differs from the line. */
void fs_diags_print(const fs_diags *d, FILE *out);

/* Write the diagnostics as a CSV a county can open in Excel (UTF-8 BOM,
 * CRLF), standard §5: file, line (CSV line; empty for SQLite), row
 * (spreadsheet row of a CSV record, equal to line unless quoted line
 * breaks came before; SQLite: TABLE#ROWID), column (number), column_name
 * (as the header wrote it, the standard name in brackets), severity,
 * rule, message (with what to do after " — ").  The header row is
 * English.  Written atomically.  Returns FS_OK or an I/O status. */
fs_status fs_diags_write_csv(const fs_diags *d, const char *path);

/* The labels of that CSV's header row, in order (the validator knows a
 * problem list sent back among the submissions by them). */
#define FS_DIAGS_CSV_COLUMNS 8
extern const char *const fs_diags_csv_columns[FS_DIAGS_CSV_COLUMNS];

/* A value safe and short enough to echo in a message (stderr, the
 * county's error CSV), written into buf (size >= 4): cut at a character
 * boundary with "...", control and invalid bytes as '?', digits masked when
 * it holds an identity or mobile number.  Returns buf. */
const char *fs_diag_echo(const char *s, size_t n, char *buf, size_t size);

#endif
