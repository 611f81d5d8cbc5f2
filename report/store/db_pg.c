/*
 * db_pg.c — the PostgreSQL driver behind db.h (issue 17), through libpq.
 *
 * Statements are written for both engines (db.h): `?`/`?N` placeholders
 * become `$k`/`$N` here, and each step of a statement runs it with
 * PQexecParams, its parameters typed by how they were bound (int8,
 * float8, text; text goes in binary format, so it needs no terminating
 * NUL).  A result set is held whole: forumstat's queries return cube
 * cells and history rows, never a table's records.  Records go in through
 * COPY ... FROM STDIN (fs_db_copy_row); the COPY in progress ends before
 * any other statement of the connection.
 *
 * Errors keep the server's one-line primary message (never libpq's
 * multi-line text); a connection that went away (the server stopped, the
 * backend terminated) marks the connection lost and is FS_ERR_IO.
 */
#include <libpq-fe.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "i18n.h"

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* The status and message of a failed result (res may be NULL). */
static fs_status fail(fs_db *db, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (PQstatus(db->pg) == CONNECTION_BAD ||
        (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0))) {
        fs_sbuf_setf(&db->msg, "%s", _("the connection to the PostgreSQL server was lost"));
        return FS_ERR_IO;
    }
    if (primary)
        fs_sbuf_setf(&db->msg, "%s", primary);
    else { /* the first line */
        const char *m = PQerrorMessage(db->pg);
        fs_sbuf_clear(&db->msg);
        fs_sbuf_addn(&db->msg, m, strcspn(m, "\n"));
    }
    if (!state)
        return FS_ERR_DB;
    if (strcmp(state, "53100") == 0)
        return FS_ERR_DISK_FULL;
    if (strcmp(state, "53200") == 0)
        return FS_ERR_NOMEM;
    if (strcmp(state, "40P01") == 0 || strcmp(state, "40001") == 0 || strcmp(state, "55P03") == 0)
        return FS_ERR_BUSY;
    if (strncmp(state, "23", 2) == 0)
        return FS_ERR_DATA;
    if (strcmp(state, "42501") == 0 || strcmp(state, "25006") == 0)
        return FS_ERR_DENIED; /* no privilege, a read-only transaction */
    return FS_ERR_DB;
}

fs_status fs_pg_open(fs_db *db, const char *conninfo, fs_db_mode mode, fs_sbuf *err)
{
    /* libpq's own messages in English, whatever the locale: they are
     * read here (and the user gets forumstat's, translated) */
    locale_t c = newlocale(LC_MESSAGES_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    /* a server that does not answer: 10 s, unless the target says
     * connect_timeout (read after ours, it wins) */
    static const char *const keys[] = {"connect_timeout", "dbname", NULL};
    const char *const values[] = {"10", conninfo, NULL};
    db->pg = PQconnectdbParams(keys, values, 1);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    if (!db->pg) {
        fs_sbuf_setf(err, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    if (PQstatus(db->pg) != CONNECTION_OK) {
        const char *m = PQerrorMessage(db->pg);
        /* "connection to server on socket ... failed: REASON" */
        const char *why = strstr(m, "failed: ");
        const char *l = why ? why + 8 : m;
        if (strncmp(l, "FATAL:", 6) == 0) /* the server's severity, not for a clerk */
            l += 6 + strspn(l + 6, " ");
        fs_sbuf lb = {0}; /* its first line, whole */
        fs_sbuf_addn(&lb, l, strcspn(l, "\n"));
        const char *line = fs_sbuf_str(&lb);
        if (PQconnectionNeedsPassword(db->pg) || strstr(m, "authentication failed"))
            fs_sbuf_setf(
                err,
                _("the PostgreSQL server refused the login (%s): check the user name and the "
                  "password (PGPASSWORD or ~/.pgpass)"),
                line);
        else if (strstr(m, "No such file or directory") || strstr(m, "Connection refused") ||
                 strstr(m, "could not translate host name") || strstr(m, "timeout expired") ||
                 strstr(m, "No route to host"))
            fs_sbuf_setf(
                err, _("no PostgreSQL server answers there: start the server, or check the host, "
                       "port or socket folder in --db"));
        else
            fs_sbuf_setf(err, _("cannot connect to the PostgreSQL server: %s"), line);
        fs_sbuf_free(&lb);
        PQfinish(db->pg);
        db->pg = NULL;
        return FS_ERR_DB;
    }
    PQsetNoticeProcessor(db->pg, quiet_notice, NULL);
    fs_status st = PQsetClientEncoding(db->pg, "UTF8") == 0 ? FS_OK : fail(db, NULL);
    if (st == FS_OK && mode == FS_DB_READ)
        st = fs_pg_exec(db, "SET default_transaction_read_only = on");
    if (st != FS_OK) {
        fs_sbuf_setf(err, "%s", fs_db_errmsg(db));
        PQfinish(db->pg);
        db->pg = NULL;
    }
    return st;
}

void fs_pg_close(fs_db *db)
{
    if (db->pg)
        PQfinish(db->pg);
    db->pg = NULL;
}

fs_status fs_pg_copy_end(fs_db *db)
{
    if (!db->copy_sql)
        return FS_OK;
    db->copy_sql = NULL;
    fs_status st = FS_OK;
    if (PQputCopyEnd(db->pg, NULL) != 1)
        st = fail(db, NULL);
    PGresult *res;
    while ((res = PQgetResult(db->pg)) != NULL) {
        if (st == FS_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
            st = fail(db, res);
        PQclear(res);
    }
    return st;
}

fs_status fs_pg_copy_row(fs_db *db, const char *copy_sql, const char *row, size_t n)
{
    if (db->copy_sql != copy_sql) {
        fs_status st = fs_pg_copy_end(db);
        if (st != FS_OK)
            return st;
        PGresult *res = PQexec(db->pg, copy_sql);
        if (PQresultStatus(res) != PGRES_COPY_IN) {
            st = fail(db, res);
            PQclear(res);
            return st;
        }
        PQclear(res);
        db->copy_sql = copy_sql;
    }
    if (PQputCopyData(db->pg, row, (int)n) != 1) {
        fs_status st = fail(db, NULL);
        fs_pg_copy_end(db);
        return st;
    }
    return FS_OK;
}

fs_status fs_pg_exec(fs_db *db, const char *sql)
{
    fs_status st = fs_pg_copy_end(db);
    if (st != FS_OK)
        return st;
    PGresult *res = PQexec(db->pg, sql);
    ExecStatusType rs = PQresultStatus(res);
    if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
        st = fail(db, res);
    PQclear(res);
    return st;
}

bool fs_pg_in_transaction(fs_db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(db->pg);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

char *fs_pg_placeholders(const char *sql, int *nparams)
{
    size_t n = strlen(sql);
    /* each "?" may grow to "$NNNN" */
    char *out = malloc(n * 5 + 1);
    if (!out)
        return NULL;
    int next = 0, max = 0;
    char *o = out;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            *o++ = *p++;
            while (*p && *p != q)
                *o++ = *p++;
            if (*p)
                *o++ = *p++;
            continue;
        }
        if (*p != '?') {
            *o++ = *p++;
            continue;
        }
        p++;
        int k;
        if (*p >= '0' && *p <= '9') {
            k = 0;
            while (*p >= '0' && *p <= '9' && k < 10000)
                k = k * 10 + (*p++ - '0');
        } else {
            k = ++next;
        }
        if (k > max)
            max = k;
        o += sprintf(o, "$%d", k);
    }
    *o = '\0';
    *nparams = max;
    return out;
}

fs_status fs_pg_prepare(fs_db *db, const char *sql, fs_stmt *st)
{
    st->sql = fs_pg_placeholders(sql, &st->nparams);
    size_t n = (size_t)st->nparams;
    if (st->sql && n) {
        st->params = calloc(n, sizeof *st->params);
        st->types = calloc(n, sizeof *st->types);
        st->vals = calloc(n, sizeof *st->vals);
        st->lens = calloc(n, sizeof *st->lens);
        st->fmts = calloc(n, sizeof *st->fmts);
    }
    if (!st->sql || (n && (!st->params || !st->types || !st->vals || !st->lens || !st->fmts))) {
        fs_pg_stmt_free(st);
        fs_sbuf_setf(&db->msg, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    return FS_OK;
}

void fs_pg_reset(fs_stmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->row = st->nrows = 0;
}

void fs_pg_stmt_free(fs_stmt *st)
{
    fs_pg_reset(st);
    for (int i = 0; st->params && i < st->nparams; i++)
        free(st->params[i].owned);
    free(st->params);
    free(st->types);
    free(st->vals);
    free(st->lens);
    free(st->fmts);
    free(st->sql);
}

void fs_pg_bind(fs_stmt *st, int i, unsigned type, const char *v, size_t n, bool copy)
{
    if (i < 1 || i > st->nparams)
        return;
    fs_pg_param *p = &st->params[i - 1];
    free(p->owned);
    p->owned = NULL;
    p->type = type;
    p->format = type == 25 ? 1 : 0;
    p->len = (int)n;
    if (!v) {
        p->v = NULL;
        p->type = 0;
    } else if (!copy) {
        p->v = v;
    } else if (type != 25 && n < sizeof p->num) {
        memcpy(p->num, v, n);
        p->num[n] = '\0';
        p->v = p->num;
    } else if ((p->owned = malloc(n + 1)) != NULL) {
        memcpy(p->owned, v, n);
        p->owned[n] = '\0';
        p->v = p->owned;
    } else {
        p->v = NULL;
        st->nomem = true;
    }
}

fs_status fs_pg_step(fs_stmt *st, bool *row)
{
    fs_db *db = st->db;
    *row = false;
    if (st->nomem) {
        st->nomem = false;
        fs_sbuf_setf(&db->msg, "%s", _("out of memory"));
        return FS_ERR_NOMEM;
    }
    if (!st->res) {
        fs_status s = fs_pg_copy_end(db);
        if (s != FS_OK)
            return s;
        int np = st->nparams;
        Oid *types = st->types;
        const char **vals = st->vals;
        int *lens = st->lens, *fmts = st->fmts;
        for (int i = 0; i < np; i++) {
            types[i] = st->params[i].type;
            vals[i] = st->params[i].v;
            lens[i] = st->params[i].len;
            fmts[i] = st->params[i].format;
        }
        PGresult *res = PQexecParams(db->pg, st->sql, np, types, vals, lens, fmts, 0);
        ExecStatusType rs = PQresultStatus(res);
        if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
            s = fail(db, res);
            PQclear(res);
            return s;
        }
        st->res = res;
        st->nrows = PQntuples(res);
        st->row = -1;
    }
    if (st->row < st->nrows)
        st->row++;
    *row = st->row < st->nrows;
    return FS_OK;
}

const char *fs_pg_text(fs_stmt *st, int col)
{
    if (!st->res || st->row < 0 || st->row >= st->nrows || col >= PQnfields(st->res))
        return "";
    return PQgetvalue(st->res, st->row, col);
}

bool fs_pg_is_null(fs_stmt *st, int col)
{
    if (!st->res || st->row < 0 || st->row >= st->nrows || col >= PQnfields(st->res))
        return true;
    return PQgetisnull(st->res, st->row, col) != 0;
}
