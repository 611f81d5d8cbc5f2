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

/* The URI ("file:" + path with every byte outside [A-Za-z0-9/._~-]
 * percent-encoded + "?mode=ro&immutable=1") that opens the file at path
 * read-only and without any lock or -wal/-shm file: for a file nothing can
 * change while it is read (a private copy, a read-only file system).
 * Open it with SQLITE_OPEN_URI.  The caller frees it; NULL when out of
 * memory. */
char *fs_sqlite_immutable_uri(const char *path);

#endif
