/*
 * ingest.h — read → validate → store, for a list of files and folders.
 *
 * The one pipeline behind both `validate` and `import`: each file is
 * recognised by content (SQLite header, ZIP or OLE file: the workbook
 * reader, which refuses all but .xlsx; else CSV), hashed,
 * read through its row source, validated row by row and stored in the
 * run's warehouse transaction (a savepoint per file, kept only when the
 * file has no error; the run commits at its end, warehouse.h).
 * `validate` runs it without a warehouse (wh NULL): the same reading and
 * rules, identifiers repeated across files included (found by fingerprints
 * and named exactly by idexact.h), but nothing is stored.
 *
 * Import safety (standard v2 §2.2a, §3): folders are read to depth 8, the
 * same file named twice is read once, a file already imported and still
 * current is skipped, the run's slices are tallied (slices.h: stray
 * records, declared counts) and a run that would leave a slice with fewer
 * than half its records is refused as a whole; an interrupt (the caller's
 * `stop` flag) stops at a file boundary.
 */
#ifndef FS_INGEST_H
#define FS_INGEST_H

#include <signal.h>
#include <stdio.h>

#include "diag.h"
#include "warehouse.h"
#include "zone.h"

/* One row of the slice table: what the files hold for a (table, county,
 * year) and, for import, what the warehouse holds before and after. */
typedef struct fs_ingest_row {
    fs_table table;
    int county; /* zone index                                 */
    int year;
    long records;          /* records of the slice in the files          */
    int64_t before, after; /* the warehouse's; -1 for validate           */
    const char *change;    /* "new", "replaced", "unchanged" (a file
                              already imported), "not imported" (the run
                              was refused or rolled back); NULL: validate */
} fs_ingest_row;

/* What became of a file of the run. */
typedef enum fs_ingest_fate {
    FS_FATE_NOT_READ, /* not reached (the run was interrupted)      */
    FS_FATE_ACCEPTED,
    FS_FATE_REFUSED,
    FS_FATE_SKIPPED, /* read already in this run, or imported      */
    FS_FATE_STOPPED  /* being read when the interrupt came         */
} fs_ingest_fate;

typedef struct fs_ingest_file {
    char *name;
    fs_ingest_fate fate;
} fs_ingest_file;

typedef struct fs_ingest_result {
    int files; /* files looked at                */
    int accepted;
    int refused;
    int skipped;         /* read once / already imported   */
    int empty_folders;   /* folders with nothing to read (errors) */
    long records;        /* records stored                 */
    int64_t import_id;   /* 0 when nothing was imported    */
    bool run_refused;    /* refused as a whole (a shrink): nothing kept */
    int interrupted;     /* the signal that stopped the run, or 0 */
    char *failed;        /* the file being read when the environment failed
                            (whole; NULL when none, or memory ran out)      */
    fs_ingest_row *rows; /* the slice table, by year, county, table */
    size_t nrows;
    fs_ingest_file *fates; /* the run's files, in the order read */
    size_t nfates;
} fs_ingest_result;

/* Free what fs_ingest allocated in res. */
void fs_ingest_result_free(fs_ingest_result *res);

typedef struct fs_ingest_opts {
    const fs_zone *zone;
    fs_warehouse *wh;     /* NULL: validate, nothing is stored          */
    const char *time_iso; /* import time (UTC)                         */
    FILE *log;            /* one line per file, or NULL                */
    const char *verb;     /* the log lines' word for a good file: "valid" */
    const char *db_path;  /* the warehouse: never read from a folder as
                             a submission (nor its -wal, -shm, -journal);
                             NULL when there is none to skip             */
    /* Progress of long work, or NULL: called on the thread that called
     * fs_ingest (the one writing the log) after each batch of records is
     * stored, with the file as named in messages and the number of records
     * in the batch.  ingest_cli.c draws the terminal progress line. */
    void (*progress)(void *arg, const char *file, long records);
    void *progress_arg;
    bool has_county;   /* --county given: ...                        */
    int only_county;   /* ... its zone index                         */
    int only_year;     /* --year, or 0                              */
    bool import;       /* a real import: skip files already imported,
                          refuse shrinking runs                       */
    bool allow_shrink; /* --allow-shrink                            */
    bool again;        /* --again: read files imported before too    */
    /* The command that accepts a shrink (hint of import.shrink_refused),
     * spelled out in full. */
    const char *allow_shrink_cmd;
    /* The warehouse's path as a shell word, for the commands hints spell
     * out (import.shrink: how to revert the run). */
    const char *db_quoted;
    /* Set to the signal's number by a signal handler: stop at the next
     * file boundary (the file being read is rolled back).  NULL: none. */
    volatile sig_atomic_t *stop;
} fs_ingest_opts;

/*
 * Run the pipeline over paths (files, or folders whose regular files are
 * taken, to depth 8, in path order).  Data problems go to d and count as
 * refused files; the return value is FS_OK unless the environment failed
 * (then the whole run was rolled back).  res is filled either way; free it
 * with fs_ingest_result_free.
 */
fs_status fs_ingest(const fs_ingest_opts *o, char *const *paths, size_t npaths, fs_diags *d,
                    fs_ingest_result *res);

#endif
