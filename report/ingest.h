/*
 * ingest.h — read → validate → store, for a list of files and folders.
 *
 * The one pipeline behind both `validate` and `import`: each file is
 * recognised by content (SQLite header, ZIP or OLE file: the workbook
 * reader, which refuses all but .xlsx; else CSV), hashed,
 * read through its row source, validated row by row and stored in one
 * warehouse transaction that commits only when the file has no error.
 * `validate` runs it against a throw-away warehouse, so both commands
 * apply exactly the same rules, including identifiers repeated across
 * files.
 */
#ifndef FS_INGEST_H
#define FS_INGEST_H

#include <stdio.h>

#include "diag.h"
#include "warehouse.h"
#include "zone.h"

typedef struct fs_ingest_result {
    int files;          /* files looked at                */
    int accepted;
    int refused;
    long records;       /* records stored                 */
    int64_t import_id;  /* 0 when nothing was imported    */
    char failed[512];   /* the file being read when the environment failed */
} fs_ingest_result;

typedef struct fs_ingest_opts {
    const fs_zone *zone;
    fs_warehouse *wh;
    const char *time_iso;   /* import time (UTC)                         */
    FILE *log;              /* one line per file, or NULL                */
    const char *verb;       /* "imported" / "valid" for the log lines    */
    const char *db_path;    /* the warehouse: never read from a folder as
                               a submission (nor its -wal, -shm, -journal);
                               NULL when there is none to skip             */
    /* Progress of long work, or NULL: called on the thread that called
     * fs_ingest (the one writing the log) after each batch of records is
     * stored, with the file as named in messages and the number of records
     * in the batch.  ingest_cli.c draws the terminal progress line. */
    void (*progress)(void *arg, const char *file, long records);
    void *progress_arg;
} fs_ingest_opts;

/*
 * Run the pipeline over paths (files, or folders whose regular files are
 * taken in name order).  Data problems go to d and count as refused files;
 * the return value is FS_OK unless the environment failed (then the file
 * being read was rolled back and earlier files stay imported).
 */
fs_status fs_ingest(const fs_ingest_opts *o, char *const *paths, size_t npaths, fs_diags *d,
                    fs_ingest_result *res);

#endif
