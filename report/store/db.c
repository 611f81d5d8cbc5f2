/*
 * db.c — the fs_db interface (see db.h): which driver a target selects,
 * the SQLite driver, and the calls that hand over to the PostgreSQL
 * driver (db_pg.c) for a PostgreSQL connection.
 */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "db_int.h"
#include "i18n.h"
#include "sqlite_lib.h"

/* ---------------------------------------------------------- targets */

static bool conn_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The next keyword = value pair of a libpq keyword string at *p, as libpq
 * reads it: spaces allowed around '=', the value single-quoted (with \
 * escapes) or up to the next space.  Sets the keyword's and the value's
 * spans and moves *p past the value; false at the end, or where the text
 * is not such a pair (a keyword is lower-case letters and '_'). */
static bool conn_pair(const char **p, const char **k, size_t *kn, const char **v, size_t *vn)
{
    const char *s = *p;
    while (conn_space(*s))
        s++;
    *k = s;
    while ((*s >= 'a' && *s <= 'z') || *s == '_')
        s++;
    *kn = (size_t)(s - *k);
    while (conn_space(*s))
        s++;
    if (*kn == 0 || *s != '=')
        return false;
    for (s++; conn_space(*s); s++)
        ;
    *v = s;
    if (*s == '\'') {
        for (s++; *s && *s != '\''; s++)
            if (*s == '\\' && s[1])
                s++;
        if (*s)
            s++;
    } else {
        for (; *s && !conn_space(*s); s++)
            if (*s == '\\' && s[1])
                s++;
    }
    *vn = (size_t)(s - *v);
    *p = s;
    return true;
}

static bool is_uri(const char *t)
{
    return strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0;
}

bool fs_db_is_pg(const char *t)
{
    if (!t)
        return false;
    if (is_uri(t))
        return true;
    /* keyword=value ...: the whole text pairs, one naming the server */
    const char *p = t, *k, *v;
    size_t kn, vn;
    bool server = false, any = false;
    while (conn_pair(&p, &k, &kn, &v, &vn)) {
        any = true;
        server = server || (kn == 4 && memcmp(k, "host", 4) == 0) ||
                 (kn == 6 && memcmp(k, "dbname", 6) == 0) ||
                 (kn == 8 && memcmp(k, "hostaddr", 8) == 0) ||
                 (kn == 7 && memcmp(k, "service", 7) == 0);
    }
    while (conn_space(*p))
        p++;
    return any && !*p && server;
}

bool fs_db_is_unknown_uri(const char *t)
{
    const char *scheme = t ? strstr(t, "://") : NULL;
    return scheme && scheme > t && !memchr(t, '/', (size_t)(scheme - t)) && !is_uri(t);
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Is the URI query key k (n bytes, percent-encoded as libpq decodes it)
 * "password"? */
static bool uri_key_is_password(const char *k, size_t n)
{
    static const char want[] = "password";
    size_t o = 0;
    for (size_t i = 0; i < n; i++, o++) {
        int c = (unsigned char)k[i], hi, lo;
        if (c == '%' && i + 2 < n && (hi = hex_digit(k[i + 1])) >= 0 &&
            (lo = hex_digit(k[i + 2])) >= 0) {
            c = hi << 4 | lo;
            i += 2;
        }
        if (o >= sizeof want - 1 || c != want[o])
            return false;
    }
    return o == sizeof want - 1;
}

const char *fs_db_redact(const char *t, fs_sbuf *out)
{
    if (!fs_db_is_pg(t)) {
        fs_sbuf_add(out, t);
        return fs_sbuf_str(out);
    }
    if (!is_uri(t)) {
        /* every password = VALUE pair's value, however it is spaced or quoted */
        const char *p = t, *k, *v;
        size_t kn, vn;
        while (conn_pair(&p, &k, &kn, &v, &vn)) {
            bool pw = kn == 8 && memcmp(k, "password", 8) == 0;
            fs_sbuf_addn(out, t, (size_t)(v - t));
            if (pw)
                fs_sbuf_add(out, "***");
            else
                fs_sbuf_addn(out, v, vn);
            t = p;
        }
        fs_sbuf_add(out, t);
        return fs_sbuf_str(out);
    }
    /* scheme://[user[:password]@]host...[?key=value&...]: the password of
     * the user part, and every query parameter named password (its key
     * percent-encoded or not) */
    const char *auth = strstr(t, "://") + 3, *p = t;
    const char *end = auth + strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *q = auth; q < end; q++)
        if (*q == '@')
            at = q;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon) {
        fs_sbuf_addn(out, t, (size_t)(colon - t) + 1);
        fs_sbuf_add(out, "***");
        p = at;
    }
    const char *query = strchr(p, '?');
    if (!query) {
        fs_sbuf_add(out, p);
        return fs_sbuf_str(out);
    }
    fs_sbuf_addn(out, p, (size_t)(query - p) + 1);
    for (p = query + 1; *p && *p != '#';) {
        size_t n = strcspn(p, "&#");
        const char *eq = memchr(p, '=', n);
        if (eq && uri_key_is_password(p, (size_t)(eq - p))) {
            fs_sbuf_addn(out, p, (size_t)(eq - p) + 1);
            fs_sbuf_add(out, "***");
        } else {
            fs_sbuf_addn(out, p, n);
        }
        p += n;
        if (*p == '&')
            fs_sbuf_add(out, "&"), p++;
    }
    fs_sbuf_add(out, p);
    return fs_sbuf_str(out);
}

/* A bind can fail (out of memory copying text): remember it, so the next
 * step fails instead of running with the parameter's previous value. */
static void bound(fs_stmt *st, int rc)
{
    if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
        st->bind_rc = rc;
}

/* ---------------------------------------------------------- writeback */

#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
/* Start writing back fd's dirty pages (not waiting for them); opens the
 * file first when *fd is -1 (the WAL appears with the first write). */
static void start_write(int *fd, const char *path)
{
    if (*fd < 0)
        *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd >= 0)
        (void)sync_file_range(*fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

static void *writeback_run(void *arg)
{
    fs_writeback *wb = arg;
    size_t n = strlen(wb->db_path);
    char *wal = malloc(n + 5);
    if (wal)
        memcpy(wal, wb->db_path, n), memcpy(wal + n, "-wal", 5);
    pthread_mutex_lock(&wb->lock);
    while (!wb->stop) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += 25 * 1000 * 1000;
        if (t.tv_nsec >= 1000 * 1000 * 1000)
            t.tv_sec++, t.tv_nsec -= 1000 * 1000 * 1000;
        pthread_cond_timedwait(&wb->wake, &wb->lock, &t);
        if (wb->stop)
            break;
        pthread_mutex_unlock(&wb->lock);
        if (wal)
            start_write(&wb->walfd, wal);
        start_write(&wb->dbfd, wb->db_path);
        pthread_mutex_lock(&wb->lock);
    }
    pthread_mutex_unlock(&wb->lock);
    free(wal); /* the descriptors stay open: see fs_writeback */
    return NULL;
}
#endif

void fs_db_writeback_start(fs_db *db)
{
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    fs_writeback *wb = &db->wb;
    if (db->dialect != FS_DB_SQLITE || wb->running)
        return;
    const char *path = sqlite3_db_filename(db->h, "main");
    if (!path || !*path || !(wb->db_path = strdup(path)))
        return;
    if (!wb->fds_set) {
        wb->dbfd = wb->walfd = -1;
        wb->fds_set = true;
    }
    pthread_mutex_init(&wb->lock, NULL);
    pthread_cond_init(&wb->wake, NULL);
    wb->stop = false;
    if (pthread_create(&wb->thread, NULL, writeback_run, wb) != 0) {
        pthread_cond_destroy(&wb->wake);
        pthread_mutex_destroy(&wb->lock);
        free(wb->db_path);
        wb->db_path = NULL;
        return;
    }
    wb->running = true;
#else
    (void)db;
#endif
}

void fs_db_writeback_stop(fs_db *db)
{
    fs_writeback *wb = &db->wb;
    if (!wb->running)
        return;
    pthread_mutex_lock(&wb->lock);
    wb->stop = true;
    pthread_cond_signal(&wb->wake);
    pthread_mutex_unlock(&wb->lock);
    pthread_join(wb->thread, NULL);
    pthread_cond_destroy(&wb->wake);
    pthread_mutex_destroy(&wb->lock);
    free(wb->db_path);
    wb->db_path = NULL;
    wb->running = false;
}

/* ------------------------------------------------------------ fs_rows
 *
 * An eponymous table-valued function over an fs_db_rows (db.h): columns
 * c1 .. c24 and the hidden argument `src`, an fs_db_rows pointer bound
 * with sqlite3_bind_pointer (type "fs_db_rows"), so SQL text can never
 * forge one.  Without that argument it yields no row; a view or trigger
 * cannot name it (SQLITE_VTAB_DIRECTONLY). */
typedef struct rows_cursor {
    sqlite3_vtab_cursor base;
    const fs_db_rows *rows;
    size_t i;
    fs_db_val v[FS_DB_ROWS_COLUMNS];
} rows_cursor;

static int rows_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **err)
{
    (void)aux, (void)argc, (void)argv, (void)err;
    char decl[400] = "CREATE TABLE x(";
    size_t n = strlen(decl);
    for (int k = 1; k <= FS_DB_ROWS_COLUMNS; k++)
        n += (size_t)snprintf(decl + n, sizeof decl - n, "c%d, ", k);
    snprintf(decl + n, sizeof decl - n, "src HIDDEN)");
    int rc = sqlite3_declare_vtab(h, decl);
    if (rc != SQLITE_OK)
        return rc;
    /* not from a view or trigger of a database's own schema (a county's
     * SQLite file is opened through this driver too) */
    sqlite3_vtab_config(h, SQLITE_VTAB_DIRECTONLY);
    sqlite3_vtab *vt = sqlite3_malloc(sizeof *vt);
    if (!vt)
        return SQLITE_NOMEM;
    memset(vt, 0, sizeof *vt);
    *out = vt;
    return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    (void)vt;
    for (int k = 0; k < info->nConstraint; k++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[k];
        if (c->iColumn != FS_DB_ROWS_COLUMNS || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
            continue;
        if (!c->usable)
            return SQLITE_CONSTRAINT;
        info->aConstraintUsage[k].argvIndex = 1;
        info->aConstraintUsage[k].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 1;
        info->estimatedRows = 1024;
        return SQLITE_OK;
    }
    info->idxNum = 0;
    info->estimatedCost = 1;
    info->estimatedRows = 1;
    return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    (void)vt;
    rows_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

static void rows_load(rows_cursor *c)
{
    if (c->rows && c->i < c->rows->n)
        c->rows->fill(c->rows->arg, c->i, c->v);
}

static int rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                       sqlite3_value **argv)
{
    (void)idxstr;
    rows_cursor *c = (rows_cursor *)cur;
    c->rows = idx == 1 && argc == 1 ? sqlite3_value_pointer(argv[0], "fs_db_rows") : NULL;
    c->i = 0;
    rows_load(c);
    return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *cur)
{
    rows_cursor *c = (rows_cursor *)cur;
    c->i++;
    rows_load(c);
    return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *cur)
{
    const rows_cursor *c = (const rows_cursor *)cur;
    return !c->rows || c->i >= c->rows->n;
}

static int rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    const rows_cursor *c = (const rows_cursor *)cur;
    if (col >= FS_DB_ROWS_COLUMNS)
        return SQLITE_OK; /* src: NULL */
    const fs_db_val *v = &c->v[col];
    switch (v->kind) {
    case FS_DBV_INT: sqlite3_result_int64(ctx, v->i); break;
    case FS_DBV_TEXT: sqlite3_result_text64(ctx, v->s, v->len, SQLITE_STATIC, SQLITE_UTF8); break;
    default: break; /* NULL */
    }
    return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((const rows_cursor *)cur)->i + 1;
    return SQLITE_OK;
}

static const sqlite3_module rows_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE */
    .xConnect = rows_connect,
    .xBestIndex = rows_best_index,
    .xDisconnect = rows_disconnect,
    .xDestroy = rows_disconnect,
    .xOpen = rows_open,
    .xClose = rows_close,
    .xFilter = rows_filter,
    .xNext = rows_next,
    .xEof = rows_eof,
    .xColumn = rows_column,
    .xRowid = rows_rowid,
};

void fs_stmt_bind_rows(fs_stmt *st, int i, const fs_db_rows *rows)
{
    bound(st, sqlite3_bind_pointer(st->h, i, (void *)rows, "fs_db_rows", NULL));
}

static fs_status map_rc(fs_db *db, int rc)
{
    int primary = rc & 0xff;
    if (rc == SQLITE_READONLY_DIRECTORY && db->reader) /* the folder: not writable */
        fs_sbuf_setf(&db->msg, "%s",
                     _("its folder is not writable for you, and SQLite must make two files "
                       "there (-wal, -shm) to read it: copy the warehouse into a folder you can "
                       "write (a report from the copy is the same), or ask for write "
                       "permission on its folder"));
    else if (rc == SQLITE_READONLY_DIRECTORY)
        fs_sbuf_setf(&db->msg, "%s",
                     _("its folder is not writable for you, and SQLite must make two files "
                       "there (-wal, -shm): ask whoever manages it for write permission on the "
                       "folder"));
    else
        fs_sbuf_setf(&db->msg, "%s", sqlite3_errmsg(db->h));
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

fs_status fs_db_open(const char *path, fs_db_mode mode, fs_db **out, fs_sbuf *err)
{
    *out = NULL;
    fs_db *db = calloc(1, sizeof *db);
    if (!db) {
        fs_sbuf_setf(err, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    if (fs_db_is_pg(path)) {
        db->dialect = FS_DB_PG;
        fs_status st = fs_pg_open(db, path, mode, err);
        if (st != FS_OK) {
            fs_sbuf_free(&db->msg);
            free(db);
            return st;
        }
        *out = db;
        return FS_OK;
    }
    fs_sqlite_library_init();
    db->reader = mode == FS_DB_READ;
    /* A reader opens read-only: it never writes, not even a checkpoint of
     * a WAL or the rollback of a hot journal into a file that may not be
     * a warehouse at all.  (So in WAL mode it may leave the empty -wal
     * and -shm files beside the warehouse: the next import removes them.) */
    int flags = mode == FS_DB_READ    ? SQLITE_OPEN_READONLY
                : mode == FS_DB_WRITE ? SQLITE_OPEN_READWRITE
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    /* On a read-only file system (a CD, a share mounted read-only) nothing
     * can change the file while it is read, and SQLite could not make the
     * -shm file a WAL database needs: read it as immutable. */
    char *uri = NULL;
    if (mode == FS_DB_READ && fs_db_on_readonly_fs(path)) {
        if (!(uri = fs_sqlite_immutable_uri(path))) {
            fs_sbuf_setf(err, "%s", _("out of memory"));
            free(db);
            return FS_ERR_NOMEM;
        }
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(uri ? uri : path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        fs_status st = db->h ? map_rc(db, rc) : FS_ERR_NOMEM;
        fs_sbuf_setf(err, "%s",
                     st == FS_ERR_DISK_FULL ? _("disk full")
                     : db->h                ? sqlite3_errmsg(db->h)
                                            : _("out of memory"));
        sqlite3_close(db->h);
        fs_sbuf_free(&db->msg);
        free(db);
        return st == FS_OK ? FS_ERR_DB : st;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, 10000);
    rc = sqlite3_create_module_v2(db->h, "fs_rows", &rows_module, NULL, NULL);
    if (rc != SQLITE_OK) {
        fs_status st = map_rc(db, rc);
        fs_sbuf_setf(err, "%s", st == FS_ERR_NOMEM ? _("out of memory") : sqlite3_errmsg(db->h));
        sqlite3_close(db->h);
        fs_sbuf_free(&db->msg);
        free(db);
        return st == FS_OK ? FS_ERR_DB : st;
    }
    *out = db;
    return FS_OK;
}

static void stmt_finalize(fs_stmt *st);

void fs_db_close(fs_db *db)
{
    if (!db)
        return;
    if (db->dialect == FS_DB_PG)
        fs_pg_close(db);
    else {
        fs_db_writeback_stop(db);
        for (size_t i = 0; i < db->nkept; i++) { /* lent or not: the caller is done */
            stmt_finalize(db->kept[i].st);
            free(db->kept[i].sql);
        }
        sqlite3_close(db->h);
        /* only now: their close drops the process's locks on the files */
        if (db->wb.fds_set && db->wb.dbfd >= 0)
            close(db->wb.dbfd);
        if (db->wb.fds_set && db->wb.walfd >= 0)
            close(db->wb.walfd);
    }
    fs_sbuf_free(&db->msg);
    free(db);
}

void fs_db_release_memory(fs_db *db)
{
    if (db && db->dialect == FS_DB_SQLITE)
        sqlite3_db_release_memory(db->h);
}

bool fs_db_on_readonly_fs(const char *path)
{
    struct statvfs vfs;
    return statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

bool fs_db_file_readonly(const fs_db *db)
{
    return db->dialect == FS_DB_SQLITE && sqlite3_db_readonly(db->h, "main") == 1;
}

fs_db_dialect fs_db_kind(const fs_db *db)
{
    return db->dialect;
}

fs_status fs_db_exec(fs_db *db, const char *sql)
{
    if (db->dialect == FS_DB_PG)
        return fs_pg_exec(db, sql);
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    return map_rc(db, rc);
}

fs_status fs_db_begin(fs_db *db)
{
    return fs_db_exec(db, db->dialect == FS_DB_PG ? "BEGIN" : "BEGIN IMMEDIATE");
}

fs_status fs_db_begin_read(fs_db *db)
{
    return fs_db_exec(
        db, db->dialect == FS_DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

fs_status fs_db_user_version(fs_db *db, int64_t *version)
{
    *version = 0;
    if (db->dialect == FS_DB_SQLITE)
        return fs_db_query_int(db, "PRAGMA user_version", false, 0, version);
    int64_t has = 0;
    /* the catalogue read with a snapshot (to_regclass reads a cache that
     * may not yet know a table created while this session waited) */
    fs_status st = fs_db_query_int(db,
                                   "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname"
                                   " = current_schema() AND tablename = 'forumstat_schema'",
                                   false, 0, &has);
    if (st == FS_OK && has)
        st = fs_db_query_int(db, "SELECT version FROM forumstat_schema", false, 0, version);
    return st;
}

fs_status fs_db_set_user_version(fs_db *db, int64_t version)
{
    char sql[160];
    if (db->dialect == FS_DB_SQLITE) {
        snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", (long long)version);
        return fs_db_exec(db, sql);
    }
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS forumstat_schema(version BIGINT NOT NULL);"
             " DELETE FROM forumstat_schema; INSERT INTO forumstat_schema VALUES (%lld)",
             (long long)version);
    return fs_db_exec(db, sql);
}

fs_status fs_db_lock(fs_db *db, int64_t key)
{
    if (db->dialect == FS_DB_SQLITE)
        return FS_OK;
    int64_t ignored = 0;
    return fs_db_query_int(db, "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS l", true, key,
                           &ignored);
}

fs_status fs_db_copy_row(fs_db *db, const char *copy_sql, const char *row, size_t n)
{
    if (db->dialect != FS_DB_PG) {
        fs_sbuf_setf(&db->msg, "COPY needs PostgreSQL");
        return FS_ERR_DB;
    }
    return fs_pg_copy_row(db, copy_sql, row, n);
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
    if (db->dialect == FS_DB_PG) {
        if (fs_pg_in_transaction(db)) {
            fs_sbuf keep = db->msg; /* the failure's message, not the rollback's */
            fs_sbuf_init(&db->msg);
            fs_pg_exec(db, "ROLLBACK");
            fs_sbuf_free(&db->msg);
            db->msg = keep;
        }
        return;
    }
    if (!sqlite3_get_autocommit(db->h)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL); /* db->msg stays the failure's */
    }
}

const char *fs_db_errmsg(const fs_db *db)
{
    return db->msg.failed ? _("out of memory") : fs_sbuf_str(&db->msg);
}

fs_status fs_db_prepare(fs_db *db, const char *sql, fs_stmt **out)
{
    *out = NULL;
    if (db->dialect == FS_DB_SQLITE)
        for (size_t i = 0; i < db->nkept; i++) {
            fs_db_kept *k = &db->kept[i];
            if (!k->lent && strcmp(k->sql, sql) == 0) {
                k->lent = true;
                k->st->bind_rc = SQLITE_OK;
                *out = k->st;
                return FS_OK;
            }
        }
    fs_stmt *st = calloc(1, sizeof *st);
    if (!st) {
        fs_sbuf_setf(&db->msg, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    st->db = db;
    if (db->dialect == FS_DB_PG) {
        fs_status s = fs_pg_prepare(db, sql, st);
        if (s != FS_OK) {
            free(st);
            return s;
        }
        *out = st;
        return FS_OK;
    }
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL);
    if (rc != SQLITE_OK) {
        fs_status s = map_rc(db, rc);
        free(st);
        return s == FS_OK ? FS_ERR_DB : s;
    }
    /* kept for the next caller when there is room (out of memory for the
     * copy of the SQL: not kept, nothing else changes) */
    char *copy = db->nkept < FS_DB_KEPT ? strdup(sql) : NULL;
    if (copy) {
        fs_db_kept *k = &db->kept[db->nkept++];
        *k = (fs_db_kept){copy, st, true};
        st->kept = k;
    }
    *out = st;
    return FS_OK;
}

/* Finalize and free a statement, kept or not. */
static void stmt_finalize(fs_stmt *st)
{
    if (st->db->dialect == FS_DB_PG)
        fs_pg_stmt_free(st);
    else
        sqlite3_finalize(st->h);
    free(st);
}

void fs_stmt_free(fs_stmt *st)
{
    if (!st)
        return;
    if (st->kept) { /* back to its slot, as a new one would be */
        sqlite3_reset(st->h);
        sqlite3_clear_bindings(st->h);
        st->kept->lent = false;
        return;
    }
    stmt_finalize(st);
}

void fs_stmt_reset(fs_stmt *st)
{
    if (st->db->dialect == FS_DB_PG) {
        fs_pg_reset(st);
        return;
    }
    sqlite3_reset(st->h); /* bindings stay: every caller rebinds them all */
}

void fs_stmt_bind_int(fs_stmt *st, int i, int64_t v)
{
    if (st->db->dialect == FS_DB_PG) {
        char num[24];
        int n = snprintf(num, sizeof num, "%lld", (long long)v);
        fs_pg_bind(st, i, 20, num, (size_t)n, true);
        return;
    }
    bound(st, sqlite3_bind_int64(st->h, i, v));
}

void fs_stmt_bind_double(fs_stmt *st, int i, double v)
{
    if (st->db->dialect == FS_DB_PG) {
        char num[32];
        int n = snprintf(num, sizeof num, "%.17g", v);
        fs_pg_bind(st, i, 701, num, (size_t)n, true);
        return;
    }
    bound(st, sqlite3_bind_double(st->h, i, v));
}

void fs_stmt_bind_text(fs_stmt *st, int i, const char *s, size_t n)
{
    if (st->db->dialect == FS_DB_PG) {
        fs_pg_bind(st, i, 25, s, n, true);
        return;
    }
    bound(st, sqlite3_bind_text64(st->h, i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

void fs_stmt_bind_text_static(fs_stmt *st, int i, const char *s, size_t n)
{
    if (st->db->dialect == FS_DB_PG) {
        fs_pg_bind(st, i, 25, s, n, false);
        return;
    }
    bound(st, sqlite3_bind_text64(st->h, i, s, n, SQLITE_STATIC, SQLITE_UTF8));
}

void fs_stmt_bind_null(fs_stmt *st, int i)
{
    if (st->db->dialect == FS_DB_PG) {
        fs_pg_bind(st, i, 0, NULL, 0, false);
        return;
    }
    bound(st, sqlite3_bind_null(st->h, i));
}

fs_status fs_stmt_step(fs_stmt *st, bool *row)
{
    if (st->db->dialect == FS_DB_PG)
        return fs_pg_step(st, row);
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
    if (st->db->dialect == FS_DB_PG) {
        const char *t = fs_pg_text(st, col);
        return t[0] == 't' ? 1 : strtoll(t, NULL, 10); /* a boolean is 't' or 'f' */
    }
    return sqlite3_column_int64(st->h, col);
}

double fs_stmt_double(fs_stmt *st, int col)
{
    if (st->db->dialect == FS_DB_PG)
        return strtod(fs_pg_text(st, col), NULL);
    return sqlite3_column_double(st->h, col);
}

const char *fs_stmt_text(fs_stmt *st, int col)
{
    if (st->db->dialect == FS_DB_PG)
        return fs_pg_text(st, col);
    const unsigned char *t = sqlite3_column_text(st->h, col);
    /* NULL is SQL NULL, or no memory to convert the value: the latter
     * fails the next step like a failed bind. */
    if (!t && sqlite3_column_type(st->h, col) != SQLITE_NULL)
        bound(st, SQLITE_NOMEM);
    return t ? (const char *)t : "";
}

bool fs_stmt_is_null(fs_stmt *st, int col)
{
    if (st->db->dialect == FS_DB_PG)
        return fs_pg_is_null(st, col);
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
