/*
 * source.h — a pull interface over the rows of one submitted table.
 *
 * Readers (CSV, SQLite, xlsx) all hand rows to the validator through
 * this interface, so parsing is written once.  A row is a borrowed array of
 * fields valid until the next call to fs_source_next(); text is UTF-8
 * (converted already) but not trimmed or otherwise interpreted.  The first
 * rows are whatever stands in the file: the validator finds the header.
 */
#ifndef FS_SOURCE_H
#define FS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "status.h"

typedef enum fs_vtype {
    FS_V_NULL, /* SQLite NULL                        */
    FS_V_TEXT, /* text (every CSV field)             */
    FS_V_INT,  /* SQLite INTEGER                     */
    FS_V_REAL, /* SQLite REAL                        */
    FS_V_BLOB, /* SQLite BLOB (always rejected)      */
    FS_V_ERROR /* spreadsheet cell without a usable value: s/len hold
                  its error value ("#N/A"), or are empty for a
                  formula that was never calculated (always rejected) */
} fs_vtype;

typedef struct fs_field {
    fs_vtype type;
    const char *s; /* FS_V_TEXT: the bytes (not NUL-terminated) */
    size_t len;
    int64_t i;          /* FS_V_INT  */
    double r;           /* FS_V_REAL */
    const char *merged; /* FS_V_NULL in a spreadsheet: the merged range the
                           empty cell lies in ("A3:A5", value in its top-left
                           cell only), else NULL */
    bool date_shown;    /* FS_V_TEXT from a spreadsheet's number under a date
                           format: s is the date shown, r the number held */
} fs_field;

typedef struct fs_row {
    const fs_field *fields;
    size_t nfields;
    long line; /* CSV: first physical line of the record; SQLite: rowid
                  (or 1-based row number for WITHOUT ROWID tables);
                  xlsx: the sheet's row number (field j = column j+1) */
} fs_row;

typedef struct fs_source fs_source;

typedef struct fs_source_ops {
    /* See fs_source_next. */
    fs_status (*next)(fs_source *src, fs_row *row, bool *eof, fs_diags *d);
    void (*free)(fs_source *src);
} fs_source_ops;

struct fs_source {
    const fs_source_ops *ops;
    fs_loc_kind loc_kind; /* FS_LOC_LINE for CSV, FS_LOC_ROWID for SQLite */
    const char *file;     /* name used in messages (borrowed from caller)  */
    const char *table;    /* SQLite table / sheet name, else NULL          */
    bool text_checked;    /* every TEXT field is valid UTF-8 without NUL
                             (the reader checked the whole file)          */
    bool spreadsheet;     /* cells of a workbook: FS_V_INT/REAL are numbers
                             the clerk typed, refused in identifier columns
                             (Excel keeps 15 digits); FS_LOC_CELL         */
};

/*
 * Fetch the next row.  FS_OK with *eof false: *row is filled.  FS_OK with
 * *eof true: no more rows.  FS_ERR_DATA: the rest of the file cannot be
 * read (a diagnostic saying why was added to d; stop reading).  Other
 * statuses are environment failures (I/O, memory).
 */
static inline fs_status fs_source_next(fs_source *src, fs_row *row, bool *eof, fs_diags *d)
{
    return src->ops->next(src, row, eof, d);
}

static inline void fs_source_free(fs_source *src)
{
    if (src)
        src->ops->free(src);
}

#endif
