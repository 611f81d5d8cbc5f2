/*
 * db.h — the one place forumstat talks SQL to its warehouse.
 *
 * A thin layer over SQLite today, shaped so a PostgreSQL backend can sit
 * behind the same calls later: open, exec, prepared statements with
 * positional parameters, transactions.  Every SQLite result code is turned
 * into an fs_status here, with the engine's message kept for context
 * (fs_db_errmsg); callers never see sqlite3 types.
 */
#ifndef FS_DB_H
#define FS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct fs_db fs_db;
typedef struct fs_stmt fs_stmt;

typedef enum fs_db_mode { FS_DB_READ, FS_DB_WRITE, FS_DB_CREATE } fs_db_mode;

/* Open the database at path.  FS_DB_CREATE creates it when missing.
 * On failure *out is NULL and err holds a one-line reason. */
fs_status fs_db_open(const char *path, fs_db_mode mode, fs_db **out, char *err, size_t errsz);
void fs_db_close(fs_db *db);

/* Run SQL without results (may hold several statements). */
fs_status fs_db_exec(fs_db *db, const char *sql);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
fs_status fs_db_begin(fs_db *db);
fs_status fs_db_commit(fs_db *db);
void fs_db_rollback(fs_db *db);

/* Message of the last failure (engine text with context). */
const char *fs_db_errmsg(const fs_db *db);

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

/* One integer from a query with up to one int parameter (or none when
 * has_param is false); *out untouched when no row. */
fs_status fs_db_query_int(fs_db *db, const char *sql, bool has_param, int64_t param, int64_t *out);

#endif
