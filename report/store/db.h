/*
 * db.h — the one place forumstat talks SQL to its warehouse.
 *
 * One interface, two drivers (issue 17): SQLite (db.c, the embedded
 * default) and PostgreSQL through libpq (db_pg.c), chosen by the target
 * string given to fs_db_open (fs_db_is_pg).  The same SQL text runs on
 * both: parameters are written `?` or `?N` (the PostgreSQL driver turns
 * them into `$k`/`$N`); the few statements that must differ ask
 * fs_db_kind.  Every engine result code is turned into an fs_status here,
 * with the engine's one-line message kept for context (fs_db_errmsg);
 * callers never see sqlite3 or libpq types.
 */
#ifndef FS_DB_H
#define FS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"
#include "status.h"

typedef struct fs_db fs_db;
typedef struct fs_stmt fs_stmt;

typedef enum fs_db_mode { FS_DB_READ, FS_DB_WRITE, FS_DB_CREATE } fs_db_mode;
typedef enum fs_db_dialect { FS_DB_SQLITE, FS_DB_PG } fs_db_dialect;

/* Does `target` (a --db value) name a PostgreSQL database?  Yes for a
 * libpq URI (postgresql:// or postgres://) and for a libpq keyword string
 * (keyword = value pairs, one of them host, hostaddr, dbname or service,
 * spaced and quoted as libpq reads them); anything else is an SQLite
 * file's path. */
bool fs_db_is_pg(const char *target);

/* Is `target` a URI of a scheme forumstat does not know (SCHEME:// with no
 * '/' before it, "postgressql:///forum")?  Such a --db is a mistake, not a
 * file name to create. */
bool fs_db_is_unknown_uri(const char *target);

/* `target` fit to show: a PostgreSQL target's password (the URI's
 * user:PASSWORD@, a password=... parameter or keyword) replaced by ***;
 * an SQLite path as it is.  Appends it, whole, to out and returns out's
 * text (fs_sbuf_str). */
const char *fs_db_redact(const char *target, fs_sbuf *out);

/* Open the database at path (an SQLite file, or a PostgreSQL target, see
 * fs_db_is_pg).  FS_DB_CREATE creates an SQLite file when missing (a
 * PostgreSQL database must exist).  On failure *out is NULL and err holds
 * a one-line reason in the user's language; a PostgreSQL server that is
 * not there is FS_ERR_DB. */
fs_status fs_db_open(const char *path, fs_db_mode mode, fs_db **out, fs_sbuf *err);
void fs_db_close(fs_db *db);
fs_db_dialect fs_db_kind(const fs_db *db);
/* Did SQLite open the file read-only although asked to write (a file the
 * user may not write)?  Always false for PostgreSQL. */
bool fs_db_file_readonly(const fs_db *db);

/* Does path lie on a file system mounted read-only (a disc, a share)? */
bool fs_db_on_readonly_fs(const char *path);

/* Give back the memory the engine keeps for speed (SQLite: the page
 * cache, up to cache_size; PostgreSQL: nothing to do).  Safe inside a
 * read snapshot, which stays; later queries read the pages again. */
void fs_db_release_memory(fs_db *db);

/* Run SQL without results (may hold several statements). */
fs_status fs_db_exec(fs_db *db, const char *sql);
/* Begin a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN,
 * read committed), COMMIT, ROLLBACK (keeps the last message). */
fs_status fs_db_begin(fs_db *db);
/* Begin a read of one snapshot (SQLite: a deferred BEGIN, fixed by the
 * first query; PostgreSQL: REPEATABLE READ READ ONLY).  End it with
 * fs_db_rollback. */
fs_status fs_db_begin_read(fs_db *db);
fs_status fs_db_commit(fs_db *db);
void fs_db_rollback(fs_db *db);

/* Message of the last failure (engine text with context). */
const char *fs_db_errmsg(const fs_db *db);

/* A statement for sql in *out; the caller gives it back with
 * fs_stmt_free, before fs_db_close.  SQLite statements are kept (up to
 * FS_DB_KEPT of them): a later prepare of the same SQL gets the same
 * statement back, reset, its parameters cleared. */
fs_status fs_db_prepare(fs_db *db, const char *sql, fs_stmt **out);
void fs_stmt_free(fs_stmt *st);
/* Ready the statement to run again; parameters keep their values. */
void fs_stmt_reset(fs_stmt *st);
/* Parameters are 1-based.  bind_text copies the text; bind_text_static
 * does not: the bytes must stay valid until the statement is reset. */
void fs_stmt_bind_int(fs_stmt *st, int i, int64_t v);
void fs_stmt_bind_double(fs_stmt *st, int i, double v);
void fs_stmt_bind_text(fs_stmt *st, int i, const char *s, size_t n);
void fs_stmt_bind_text_static(fs_stmt *st, int i, const char *s, size_t n);
void fs_stmt_bind_null(fs_stmt *st, int i);
/* Step: FS_OK with *row true (a row is ready) or false (done). */
fs_status fs_stmt_step(fs_stmt *st, bool *row);
int64_t fs_stmt_int(fs_stmt *st, int col);
double fs_stmt_double(fs_stmt *st, int col);
/* Column text, "" for NULL; valid until the next step. */
const char *fs_stmt_text(fs_stmt *st, int col);
bool fs_stmt_is_null(fs_stmt *st, int col);

/* Many rows handed to one statement (SQLite only): the table-valued
 * function fs_rows(?) yields the rows bound to its parameter with
 * fs_stmt_bind_rows, as columns c1 .. c24 (FS_DB_ROWS_COLUMNS), so that
 * "INSERT INTO t(a, b) SELECT c1, c2 FROM fs_rows(?)" stores a whole batch
 * in one step: the statement's cursors are opened, positioned and closed
 * once per batch instead of once per row, and no parameter is bound per
 * value.  `fill` is called once per row, in order, and sets the values of
 * the columns the statement reads (values[k] is column c(k+1)); text is
 * not copied: it must stay valid until the statement is reset. */
#define FS_DB_ROWS_COLUMNS 24
typedef enum fs_db_kind_of { FS_DBV_NULL, FS_DBV_INT, FS_DBV_TEXT } fs_db_kind_of;
typedef struct fs_db_val {
    fs_db_kind_of kind;
    int64_t i;
    const char *s;
    size_t len;
} fs_db_val;
typedef struct fs_db_rows {
    size_t n;
    const void *arg;
    void (*fill)(const void *arg, size_t row, fs_db_val values[FS_DB_ROWS_COLUMNS]);
} fs_db_rows;
/* rows must stay valid until the statement is reset. */
void fs_stmt_bind_rows(fs_stmt *st, int i, const fs_db_rows *rows);

/* SQLite: while a long write transaction runs, a background thread asks
 * the kernel every 25 ms to start writing the database file and its WAL
 * back to disk (sync_file_range, Linux), so the syncs SQLite makes at
 * COMMIT and at the checkpoint after it find most pages already written
 * instead of writing the whole transaction then.  Durability is SQLite's
 * alone and unchanged: this only starts writes earlier.  Best effort: a
 * thread that cannot be started, another engine or another system leave
 * it off (FS_OK all the same).  Stop (idempotent) before closing; close
 * stops it too.  Stopping keeps the thread's descriptors of the files
 * open until fs_db_close, after SQLite's: closing one earlier would drop
 * the process's POSIX locks on the database, SQLite's included. */
void fs_db_writeback_start(fs_db *db);
void fs_db_writeback_stop(fs_db *db);

/* One integer from a query with up to one int parameter (or none when
 * has_param is false); *out untouched when no row. */
fs_status fs_db_query_int(fs_db *db, const char *sql, bool has_param, int64_t param, int64_t *out);

/* The schema version (SQLite: PRAGMA user_version; PostgreSQL: the
 * one-row table forumstat_schema, 0 when it does not exist). */
fs_status fs_db_user_version(fs_db *db, int64_t *version);
fs_status fs_db_set_user_version(fs_db *db, int64_t version);

/* Serialise writers of one key until the transaction ends (PostgreSQL:
 * pg_advisory_xact_lock; SQLite: nothing, BEGIN IMMEDIATE serialises
 * every writer). */
fs_status fs_db_lock(fs_db *db, int64_t key);

/* PostgreSQL only: add one row (COPY text format, ending in a newline)
 * to `copy_sql` ("COPY t(cols) FROM STDIN"), started when it is not the
 * COPY in progress.  The COPY in progress ends before any other statement
 * of the connection runs (an error in it is that statement's). */
fs_status fs_db_copy_row(fs_db *db, const char *copy_sql, const char *row, size_t n);

#endif
