/*
 * sqlite_lib.h — the process-wide SQLite setup, done once.
 *
 * SQLite serves two stages: the reader of counties' SQLite submissions
 * (sqlite_source.c, untrusted files) and the warehouse (db.c).  Whichever
 * opens a database first sets the library up; the setup must precede any
 * other SQLite call, so both call this before opening anything.
 */
#ifndef FS_SQLITE_LIB_H
#define FS_SQLITE_LIB_H

/* Configure and initialise SQLite once per process (thread-safe; later
 * calls do nothing).  No memory statistics: they take a global mutex on
 * every allocation. */
void fs_sqlite_library_init(void);

#endif
