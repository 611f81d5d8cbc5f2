/*
 * db.c — SQLite behind the fs_db interface (see db.h).
 */
#include "db.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sqlite_lib.h"

struct fs_db {
    sqlite3 *h;
    char msg[512];
};

struct fs_stmt {
    fs_db *db;
    sqlite3_stmt *h;
    int bind_rc;   /* first failed bind since the last step, else SQLITE_OK */
};

/* A bind can fail (out of memory copying text): remember it, so the next
 * step fails instead of running with the parameter's previous value. */
static void bound(fs_stmt *st, int rc)
{
    if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
        st->bind_rc = rc;
}

static fs_status map_rc(fs_db *db, int rc)
{
    int primary = rc & 0xff;
    snprintf(db->msg, sizeof db->msg, "%s", sqlite3_errmsg(db->h));
    switch (primary) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return FS_OK;
    case SQLITE_FULL: return FS_ERR_DISK_FULL;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: {
        /* What the system said: a write refused for size (ENOSPC,
         * RLIMIT_FSIZE, quota) is a full disk, whichever file it hit. */
        int e = sqlite3_system_errno(db->h);
        if (e == ENOSPC || e == EFBIG || e == EDQUOT)
            return FS_ERR_DISK_FULL;
        return rc == SQLITE_IOERR_WRITE ? FS_ERR_DISK_FULL : FS_ERR_IO;
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return FS_ERR_BUSY;
    case SQLITE_NOMEM: return FS_ERR_NOMEM;
    case SQLITE_CONSTRAINT: return FS_ERR_DATA;
    case SQLITE_PERM:
    case SQLITE_READONLY: return FS_ERR_IO;
    default: return FS_ERR_DB;
    }
}

fs_status fs_db_open(const char *path, fs_db_mode mode, fs_db **out, char *err, size_t errsz)
{
    *out = NULL;
    fs_db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errsz, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    fs_sqlite_library_init();
    int flags = mode == FS_DB_READ ? SQLITE_OPEN_READONLY
              : mode == FS_DB_WRITE ? SQLITE_OPEN_READWRITE
                                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        fs_status st = db->h ? map_rc(db, rc) : FS_ERR_NOMEM;
        snprintf(err, errsz, "%s", st == FS_ERR_DISK_FULL ? _("disk full")
                                   : db->h ? sqlite3_errmsg(db->h) : _("out of memory"));
        sqlite3_close(db->h);
        free(db);
        return st == FS_OK ? FS_ERR_DB : st;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, 10000);
    *out = db;
    return FS_OK;
}

void fs_db_close(fs_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->h);
    free(db);
}

fs_status fs_db_exec(fs_db *db, const char *sql)
{
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    return map_rc(db, rc);
}

fs_status fs_db_begin(fs_db *db)
{
    return fs_db_exec(db, "BEGIN IMMEDIATE");
}

fs_status fs_db_commit(fs_db *db)
{
    fs_status st = fs_db_exec(db, "COMMIT");
    if (st != FS_OK)
        fs_db_rollback(db);
    return st;
}

void fs_db_rollback(fs_db *db)
{
    if (!sqlite3_get_autocommit(db->h)) {
        char keep[sizeof db->msg];
        memcpy(keep, db->msg, sizeof keep);
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        memcpy(db->msg, keep, sizeof keep);
    }
}

const char *fs_db_errmsg(const fs_db *db)
{
    return db->msg;
}

fs_status fs_db_prepare(fs_db *db, const char *sql, fs_stmt **out)
{
    *out = NULL;
    fs_stmt *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(db->msg, sizeof db->msg, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    st->db = db;
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL);
    if (rc != SQLITE_OK) {
        fs_status s = map_rc(db, rc);
        free(st);
        return s == FS_OK ? FS_ERR_DB : s;
    }
    *out = st;
    return FS_OK;
}

void fs_stmt_free(fs_stmt *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->h);
    free(st);
}

void fs_stmt_reset(fs_stmt *st)
{
    sqlite3_reset(st->h); /* bindings stay: every caller rebinds them all */
}

void fs_stmt_bind_int(fs_stmt *st, int i, int64_t v)
{
    bound(st, sqlite3_bind_int64(st->h, i, v));
}

void fs_stmt_bind_double(fs_stmt *st, int i, double v)
{
    bound(st, sqlite3_bind_double(st->h, i, v));
}

void fs_stmt_bind_text(fs_stmt *st, int i, const char *s, size_t n)
{
    bound(st, sqlite3_bind_text64(st->h, i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

void fs_stmt_bind_text_static(fs_stmt *st, int i, const char *s, size_t n)
{
    bound(st, sqlite3_bind_text64(st->h, i, s, n, SQLITE_STATIC, SQLITE_UTF8));
}

void fs_stmt_bind_null(fs_stmt *st, int i)
{
    bound(st, sqlite3_bind_null(st->h, i));
}

fs_status fs_stmt_step(fs_stmt *st, bool *row)
{
    if (st->bind_rc != SQLITE_OK) {
        int rc = st->bind_rc;
        st->bind_rc = SQLITE_OK;
        *row = false;
        fs_status s = map_rc(st->db, rc);
        return s == FS_OK ? FS_ERR_DB : s;
    }
    int rc = sqlite3_step(st->h);
    *row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return FS_OK;
    fs_status s = map_rc(st->db, rc);
    sqlite3_reset(st->h);
    return s == FS_OK ? FS_ERR_DB : s;
}

int64_t fs_stmt_int(fs_stmt *st, int col)
{
    return sqlite3_column_int64(st->h, col);
}

double fs_stmt_double(fs_stmt *st, int col)
{
    return sqlite3_column_double(st->h, col);
}

const char *fs_stmt_text(fs_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st->h, col);
    /* NULL is SQL NULL, or no memory to convert the value: the latter
     * fails the next step like a failed bind. */
    if (!t && sqlite3_column_type(st->h, col) != SQLITE_NULL)
        bound(st, SQLITE_NOMEM);
    return t ? (const char *)t : "";
}

bool fs_stmt_is_null(fs_stmt *st, int col)
{
    return sqlite3_column_type(st->h, col) == SQLITE_NULL;
}

fs_status fs_db_query_int(fs_db *db, const char *sql, bool has_param, int64_t param, int64_t *out)
{
    fs_stmt *st;
    fs_status s = fs_db_prepare(db, sql, &st);
    if (s != FS_OK)
        return s;
    if (has_param)
        fs_stmt_bind_int(st, 1, param);
    bool row;
    s = fs_stmt_step(st, &row);
    if (s == FS_OK && row)
        *out = fs_stmt_int(st, 0);
    fs_stmt_free(st);
    return s;
}
