/*
 * db_int.h — what the two warehouse drivers behind db.h share (db.c: the
 * dispatch and SQLite; db_pg.c: PostgreSQL through libpq).  Nothing but
 * db.c and db_pg.c includes this file.
 */
#ifndef FS_DB_INT_H
#define FS_DB_INT_H

#include <pthread.h>

#include "db.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

/* One parameter of a PostgreSQL statement: text is sent in binary format
 * (its bytes, no terminating NUL needed), numbers as decimal text. */
typedef struct fs_pg_param {
    const char *v; /* NULL: SQL NULL */
    int len;
    unsigned type; /* an Oid: 20 int8, 701 float8, 25 text, 0 unknown */
    int format;    /* 0 text, 1 binary */
    char *owned;   /* a copy the statement frees */
    char num[32];
} fs_pg_param;

/* SQLite: the thread that writes the files back ahead of their syncs
 * (fs_db_writeback_start). */
typedef struct fs_writeback {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop;
    char *db_path; /* the database file's path, owned */
    /* The thread's own descriptors of the database file and its WAL, -1
     * until opened (fds_set says they were set to -1).  They stay open
     * until after sqlite3_close: closing any descriptor of a file drops
     * every POSIX lock the process holds on it, SQLite's SHARED lock on
     * the database included (another process could then take it for the
     * last connection, checkpoint and delete the WAL under us). */
    int dbfd, walfd;
    bool fds_set;
} fs_writeback;

/* SQLite statements kept for the next fs_db_prepare of the same SQL (an
 * import prepares the same dozen for every file): fs_stmt_free resets
 * and keeps them, fs_db_close finalizes them. */
#define FS_DB_KEPT 32

typedef struct fs_db_kept {
    char *sql;   /* owned */
    fs_stmt *st; /* owned */
    bool lent;   /* handed out, not yet given back by fs_stmt_free */
} fs_db_kept;

struct fs_db {
    fs_db_dialect dialect;
    sqlite3 *h;
    fs_writeback wb;
    PGconn *pg;
    const char *copy_sql; /* the COPY in progress (PostgreSQL), or NULL */
    fs_sbuf msg;          /* the last failure's message, whole */
    bool reader;          /* opened FS_DB_READ                  */
    fs_db_kept kept[FS_DB_KEPT];
    size_t nkept;
};

struct fs_stmt {
    fs_db *db;
    sqlite3_stmt *h;
    fs_db_kept *kept; /* SQLite: its slot in db->kept, or NULL */
    int bind_rc;      /* first failed bind since the last step, else SQLITE_OK */
    /* PostgreSQL */
    char *sql; /* with $n placeholders */
    int nparams;
    fs_pg_param *params;
    unsigned *types; /* PQexecParams' arrays, one slot per parameter */
    const char **vals;
    int *lens, *fmts;
    PGresult *res;
    int row, nrows;
    bool nomem;
};

/* The PostgreSQL driver (db_pg.c): the functions of db.h for a
 * connection whose dialect is FS_DB_PG. */
fs_status fs_pg_open(fs_db *db, const char *conninfo, fs_db_mode mode, fs_sbuf *err);
void fs_pg_close(fs_db *db);
fs_status fs_pg_exec(fs_db *db, const char *sql);
bool fs_pg_in_transaction(fs_db *db);
fs_status fs_pg_prepare(fs_db *db, const char *sql, fs_stmt *st);
void fs_pg_stmt_free(fs_stmt *st);
void fs_pg_reset(fs_stmt *st);
void fs_pg_bind(fs_stmt *st, int i, unsigned type, const char *v, size_t n, bool copy);
fs_status fs_pg_step(fs_stmt *st, bool *row);
const char *fs_pg_text(fs_stmt *st, int col);
bool fs_pg_is_null(fs_stmt *st, int col);
fs_status fs_pg_copy_row(fs_db *db, const char *copy_sql, const char *row, size_t n);
fs_status fs_pg_copy_end(fs_db *db);

/* "?" and "?N" placeholders to "$k" and "$N" (string literals and quoted
 * names left alone); *nparams receives the highest number.  NULL when out
 * of memory; the caller frees. */
char *fs_pg_placeholders(const char *sql, int *nparams);

#endif
