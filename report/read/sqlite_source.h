/*
 * sqlite_source.h — SQLite submission files, read as hostile input.
 *
 * A county's .db file comes from outside.  It is copied (main file only,
 * never a -wal or -journal) into a private temporary folder, opened
 * read-only with triggers, views and untrusted schema functions disabled,
 * tight limits and cell size checks, and `PRAGMA quick_check` must answer a
 * single "ok" before anything is read.  Only the four standard tables are
 * read, and only when they are ordinary tables; each is exposed as an
 * fs_source whose first row holds the column names and whose values keep
 * their SQLite storage types for the validator to judge.
 */
#ifndef FS_SQLITE_SOURCE_H
#define FS_SQLITE_SOURCE_H

#include "source.h"

typedef struct fs_sqlite_sub fs_sqlite_sub;

/* True when the first 16 bytes are the SQLite header string. */
bool fs_is_sqlite_header(const unsigned char *head, size_t n);

/*
 * Open a submission.  FS_OK: *out owns the opened copy.  FS_ERR_DATA: the
 * file is refused (damaged, WAL mode, a standard name that is a view, …)
 * with diagnostics in d.  Warnings (unknown tables, no standard tables) are
 * added too.  Other statuses: environment failures.
 */
fs_status fs_sqlite_sub_open(const char *path, const char *display, fs_sqlite_sub **out,
                             fs_diags *d);

/* The standard tables present, in fs_table order. */
size_t fs_sqlite_sub_ntables(const fs_sqlite_sub *s);
/* fs_table id (schema.h) of the i-th present table. */
int fs_sqlite_sub_table_id(const fs_sqlite_sub *s, size_t i);

/* A row source over the i-th present table: first row = column names as
 * TEXT, then one row per record in rowid order.  Owned by the caller; must
 * be freed before fs_sqlite_sub_free. */
fs_status fs_sqlite_sub_table(fs_sqlite_sub *s, size_t i, fs_source **out, fs_diags *d);

void fs_sqlite_sub_free(fs_sqlite_sub *s);

#endif
