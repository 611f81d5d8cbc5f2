/*
 * ingest.c — the read → validate → store pipeline (see ingest.h).
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_source.h"
#include "idcheck.h"
#include "sqlite_source.h"
#include "xlsx_source.h"

typedef struct file_entry {
    char *path;
    const char *base;
} file_entry;

typedef struct file_list {
    file_entry *items;
    size_t count, cap;
} file_list;

static fs_status list_add(file_list *l, const char *path)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        file_entry *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return FS_ERR_NOMEM;
        l->items = items;
        l->cap = cap;
    }
    char *p = strdup(path);
    if (!p)
        return FS_ERR_NOMEM;
    const char *slash = strrchr(p, '/');
    l->items[l->count].path = p;
    l->items[l->count].base = slash ? slash + 1 : p;
    l->count++;
    return FS_OK;
}

static void list_free(file_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i].path);
    free(l->items);
}

/* Office lock files, hidden files and Windows droppings are not data. */
static bool skipped_name(const char *name)
{
    return name[0] == '.' || strncmp(name, "~$", 2) == 0 || strcasecmp(name, "Thumbs.db") == 0 ||
           strcasecmp(name, "desktop.ini") == 0;
}

static int cmp_entry(const void *a, const void *b)
{
    const file_entry *x = a, *y = b;
    int c = strcmp(x->base, y->base);
    return c ? c : strcmp(x->path, y->path);
}

/* Close a refused file's problems with one import.refused line (the
 * summary counts those lines apart from the problems themselves). */
static void refuse(const fs_ingest_opts *o, const char *path, size_t errors, fs_diags *d,
                   fs_ingest_result *res)
{
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL};
    res->refused++;
    fs_diag_add(d, R_IMPORT_REFUSED, &l, NULL, "fix the errors listed for this file and send it again",
                "file refused: %zu error%s; nothing from it was imported", errors,
                errors == 1 ? "" : "s");
    if (o->log)
        fprintf(o->log, "%s: refused (%zu error%s)\n", path, errors, errors == 1 ? "" : "s");
}

/* Is sb the warehouse or one of its companion files?  A folder of
 * submissions may hold the warehouse itself (`forumstat import .` with the
 * default forumstat.db): it is not a county's file. */
static bool is_warehouse_file(const fs_ingest_opts *o, const struct stat *sb)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    if (!o->db_path)
        return false;
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char p[4200];
        struct stat w;
        snprintf(p, sizeof p, "%s%s", o->db_path, suffix[i]);
        if (stat(p, &w) == 0 && w.st_dev == sb->st_dev && w.st_ino == sb->st_ino)
            return true;
    }
    return false;
}

/* Expand folders; unreadable paths become diagnostics. */
static fs_status collect(const fs_ingest_opts *o, char *const *paths, size_t n, file_list *out,
                         fs_diags *d, fs_ingest_result *res)
{
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        fs_loc l = {FS_LOC_FILE, paths[i], NULL, 0, 0, NULL};
        if (stat(paths[i], &sb) != 0) {
            fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, "check the path", "cannot open: %s",
                        strerror(errno));
            res->files++;
            refuse(o, paths[i], 1, d, res);
            continue;
        }
        if (!S_ISDIR(sb.st_mode)) {
            fs_status st = list_add(out, paths[i]);
            if (st != FS_OK)
                return st;
            continue;
        }
        DIR *dir = opendir(paths[i]);
        if (!dir) {
            fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, "check the folder's permissions",
                        "cannot read the folder: %s", strerror(errno));
            res->files++;
            refuse(o, paths[i], 1, d, res);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (skipped_name(e->d_name))
                continue;
            size_t len = strlen(paths[i]) + strlen(e->d_name) + 2;
            char *p = malloc(len);
            if (!p) {
                closedir(dir);
                return FS_ERR_NOMEM;
            }
            snprintf(p, len, "%s%s%s", paths[i],
                     paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/", e->d_name);
            struct stat fb;
            fs_status st = FS_OK;
            if (lstat(p, &fb) == 0 && S_ISREG(fb.st_mode) && !is_warehouse_file(o, &fb))
                st = list_add(out, p);
            free(p);
            if (st != FS_OK) {
                closedir(dir);
                return st;
            }
        }
        closedir(dir);
    }
    if (out->count > 1)
        qsort(out->items, out->count, sizeof *out->items, cmp_entry);
    return FS_OK;
}

/* The first bytes of a file tell its kind (sniff, below). */
#define HEAD_BYTES 16

/* The first bytes of a file (at most cap). */
static fs_status read_head(const char *path, unsigned char *head, size_t cap, size_t *headlen,
                           int *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *err = 0;
    *headlen = 0;
    if (fd < 0) {
        *err = errno;
        return FS_ERR_IO;
    }
    while (*headlen < cap) {
        ssize_t r = read(fd, head + *headlen, cap - *headlen);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *err = errno;
            close(fd);
            return fs_status_from_errno(*err);
        }
        if (r == 0)
            break;
        *headlen += (size_t)r;
    }
    close(fd);
    return FS_OK;
}

/* SHA-256 (hex) and size of a file; also returns its first bytes. */
static fs_status hash_file(const char *path, char hex[65], int64_t *size, unsigned char *head,
                           size_t *headlen, int *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *err = 0;
    if (fd < 0) {
        *err = errno;
        return FS_ERR_IO;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[65536];
    ssize_t r;
    *size = 0;
    *headlen = 0;
    while ((r = read(fd, buf, sizeof buf)) > 0) {
        if (*headlen < HEAD_BYTES) {
            size_t k = (size_t)r < HEAD_BYTES - *headlen ? (size_t)r : HEAD_BYTES - *headlen;
            memcpy(head + *headlen, buf, k);
            *headlen += k;
        }
        sha256_update(&ctx, (size_t)r, buf);
        *size += r;
    }
    int e = errno;
    close(fd);
    if (r < 0) {
        *err = e;
        return fs_status_from_errno(e);
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return FS_OK;
}

/* ------------------------------------------------------------ pipeline
 *
 * Reading and validating (the producer thread) and storing (this thread,
 * which owns the warehouse connection) overlap: the producer fills batches
 * of records, copying their text into the batch, and hands them over
 * through a queue of BATCHES slots, so memory stays bounded whatever the
 * file size.  The producer also fingerprints each record's identity
 * (idcheck.h).  It writes diagnostics into the caller's list; the store
 * writes its own (repeated identifiers, found once the producer has
 * finished) into a second list, merged after them.
 */
#define BATCH_RECORDS 1024
#define BATCHES 3

typedef struct batch {
    size_t n;
    int id_column;                       /* file column of the identifier */
    fs_record recs[BATCH_RECORDS];
    size_t off[BATCH_RECORDS][FS_MAX_COLUMNS]; /* text offsets into text   */
    char *text;
    size_t used, cap;
} batch;

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch slots[BATCHES];
    size_t head, count;           /* full batches: slots[head .. head+count) */
    bool done;                    /* the producer has finished               */
    bool abort;                   /* the store failed: producer, stop        */
    /* producer side */
    const fs_ingest_opts *o;
    fs_source *src;
    int forced;
    fs_diags *d;
    fs_idcheck *ids;
    fs_status status;             /* the producer's environment failure      */
} pipeline;

/* Copy the record's text into the batch so it outlives the source's row. */
static bool batch_put(batch *b, const fs_record *rec, int id_column)
{
    const fs_table_def *td = &fs_tables[rec->table];
    size_t need = 0;
    for (size_t c = 0; c < td->ncolumns; c++)
        if (rec->v[c].present || rec->v[c].len)
            need += rec->v[c].len;
    if (b->used + need > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->used + need)
            cap *= 2;
        char *text = realloc(b->text, cap);
        if (!text)
            return false;
        b->text = text;
        b->cap = cap;
    }
    fs_record *r = &b->recs[b->n];
    *r = *rec;
    for (size_t c = 0; c < td->ncolumns; c++) {
        size_t len = rec->v[c].len;
        b->off[b->n][c] = b->used;
        if (len)
            memcpy(b->text + b->used, rec->v[c].s, len);
        b->used += len;
    }
    b->id_column = id_column;
    b->n++;
    return true;
}

/* Point the records' text at the batch's (final) buffer. */
static void batch_seal(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        fs_record *r = &b->recs[i];
        const fs_table_def *td = &fs_tables[r->table];
        for (size_t c = 0; c < td->ncolumns; c++)
            r->v[c].s = r->v[c].len ? b->text + b->off[i][c] : "";
    }
}

/* Producer: wait for a free slot; NULL when the store asked to stop. */
static batch *slot_claim(pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == BATCHES && !p->abort)
        pthread_cond_wait(&p->changed, &p->lock);
    batch *b = p->abort ? NULL : &p->slots[(p->head + p->count) % BATCHES];
    pthread_mutex_unlock(&p->lock);
    if (b) {
        b->n = 0;
        b->used = 0;
    }
    return b;
}

static void slot_publish(pipeline *p, batch *b)
{
    batch_seal(b);
    pthread_mutex_lock(&p->lock);
    p->count++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

static void *produce(void *arg)
{
    pipeline *p = arg;
    fs_validator *v = fs_validator_new(p->o->zone, p->src, p->forced);
    fs_status st = v ? FS_OK : FS_ERR_NOMEM;
    size_t errors_before = p->d->errors;
    bool unreadable = false;
    batch *b = st == FS_OK ? slot_claim(p) : NULL;
    fs_record rec;
    while (b) {
        fs_row row;
        bool eof;
        st = fs_source_next(p->src, &row, &eof, p->d);
        if (st == FS_ERR_DATA) {
            st = FS_OK; /* the file is refused; its diagnostic is in d */
            unreadable = true;
            break;
        }
        if (st != FS_OK || eof)
            break;
        fs_row_kind k = fs_validator_row(v, &row, &rec, p->d);
        if (k == FS_ROW_STOP)
            break;
        if (k != FS_ROW_RECORD)
            continue;
        const fs_table_def *td = &fs_tables[rec.table];
        const fs_value *id = &rec.v[td->id_col];
        fs_idcheck_add(p->ids, rec.table,
                       fs_idcheck_key(rec.table, rec.county, rec.year, id->s, id->len));
        if (!batch_put(b, &rec, fs_validator_column(v, fs_tables[rec.table].id_col))) {
            st = FS_ERR_NOMEM;
            break;
        }
        if (b->n == BATCH_RECORDS) {
            slot_publish(p, b);
            b = slot_claim(p);
        }
    }
    if (b && b->n)
        slot_publish(p, b);
    /* "no records" / "no header" only when nothing else was said: rows lost
     * to quote errors are not missing rows */
    if (st == FS_OK && !unreadable && v && p->d->errors == errors_before)
        fs_validator_finish(v, p->d);
    fs_validator_free(v);
    pthread_mutex_lock(&p->lock);
    p->status = st;
    p->done = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Store one batch; FS_OK or an environment failure.  Notes in stored[]
 * the tables stored and the file column of their identifier. */
static fs_status store_batch(fs_wh_run *run, const batch *b, int stored[FS_T_COUNT])
{
    for (size_t i = 0; i < b->n; i++) {
        const fs_record *rec = &b->recs[i];
        fs_status st = fs_wh_file_add(run, rec);
        if (st != FS_OK)
            return st;
        stored[rec->table] = b->id_column;
    }
    return FS_OK;
}

/* Report the repeated identifiers among the records this source stored
 * (those after marks[]), when fingerprints say there may be some. */
static fs_status report_repeats(fs_wh_run *run, fs_idcheck *ids, const fs_source *src,
                                const int64_t marks[FS_T_COUNT], const int stored[FS_T_COUNT],
                                fs_diags *dd)
{
    fs_status st = FS_OK;
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++) {
        if (stored[t] < 0 || !fs_idcheck_suspect(ids, (fs_table)t))
            continue;
        const fs_table_def *td = &fs_tables[t];
        fs_loc idloc = {src->loc_kind, src->file, src->table, 0, stored[t],
                        td->columns[td->id_col].name};
        st = fs_wh_report_repeats(run, (fs_table)t, marks[t], &idloc, dd);
    }
    return st;
}

/* Stream one table through the validator into the open file transaction. */
static fs_status pump(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids, fs_source *src,
                      int forced, fs_diags *d)
{
    pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return FS_ERR_NOMEM;
    p->o = o;
    p->src = src;
    p->forced = forced;
    p->d = d;
    p->ids = ids;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    fs_diags dd;
    fs_diags_init(&dd);
    pthread_t producer;
    int64_t marks[FS_T_COUNT];
    int stored[FS_T_COUNT];
    fs_status st = FS_OK;
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++) {
        stored[t] = -1;
        st = fs_wh_mark(run, (fs_table)t, &marks[t]);
    }
    if (st != FS_OK)
        goto out;
    if (pthread_create(&producer, NULL, produce, p) != 0) {
        st = FS_ERR_NOMEM;
        goto out;
    }
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->count == 0 && !p->done)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->count == 0) { /* done and drained */
            pthread_mutex_unlock(&p->lock);
            break;
        }
        batch *b = &p->slots[p->head];
        pthread_mutex_unlock(&p->lock);
        if (st == FS_OK)
            st = store_batch(run, b, stored);
        if (st == FS_OK && o->progress)
            o->progress(o->progress_arg, src->file, (long)b->n);
        pthread_mutex_lock(&p->lock);
        p->head = (p->head + 1) % BATCHES;
        p->count--;
        if (st != FS_OK)
            p->abort = true;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    pthread_join(producer, NULL);
    if (st == FS_OK)
        st = p->status;
    if (st == FS_OK)
        st = report_repeats(run, ids, src, marks, stored, &dd);
    fs_diags_merge(d, &dd);
out:
    fs_diags_free(&dd);
    for (int i = 0; i < BATCHES; i++)
        free(p->slots[i].text);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
    return st;
}

/* Stream every standard table of an opened SQLite submission. */
static fs_status pump_sqlite(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids,
                             fs_sqlite_sub *sub, fs_diags *d)
{
    fs_status st = FS_OK;
    for (size_t i = 0; i < fs_sqlite_sub_ntables(sub) && st == FS_OK; i++) {
        fs_source *src;
        st = fs_sqlite_sub_table(sub, i, &src, d);
        if (st == FS_ERR_DATA)
            return FS_OK; /* refused: the diagnostic is in d */
        if (st != FS_OK)
            break;
        st = pump(o, run, ids, src, fs_sqlite_sub_table_id(sub, i), d);
        fs_source_free(src);
    }
    return st;
}

/* Stream every sheet to read of an opened workbook: one file, one
 * transaction, each sheet recognised by its header like a CSV file. */
static fs_status pump_xlsx(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids,
                           fs_xlsx_book *book, fs_diags *d)
{
    fs_status st = FS_OK;
    for (size_t i = 0; i < fs_xlsx_nsheets(book) && st == FS_OK; i++) {
        fs_source *src;
        st = fs_xlsx_sheet_source(book, i, &src, d);
        if (st == FS_ERR_DATA)
            return FS_OK; /* refused: the diagnostic is in d */
        if (st != FS_OK)
            break;
        st = pump(o, run, ids, src, -1, d);
        fs_source_free(src);
    }
    return st;
}

/* What a file is, by its first bytes (never by its name). */
typedef enum sniffed { SNIFF_CSV, SNIFF_SQLITE, SNIFF_ZIP, SNIFF_OLE, SNIFF_EMPTY } sniffed;

static sniffed sniff(const unsigned char *h, size_t n)
{
    if (n == 0)
        return SNIFF_EMPTY;
    if (fs_is_sqlite_header(h, n))
        return SNIFF_SQLITE;
    /* .xlsx, .xlsm, .xlsb, .ods (and any other ZIP archive) */
    if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)
        return SNIFF_ZIP;
    /* OLE compound file: .xls, a password-protected .xlsx, WPS .et */
    if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return SNIFF_OLE;
    return SNIFF_CSV;
}

/* An empty file is refused with one error, before anything else is read
 * from it.  True when refused.  (A ZIP or OLE file goes to the workbook
 * reader, which refuses what is not an .xlsx with its own message.) */
static bool refuse_by_kind(const fs_ingest_opts *o, const char *path, sniffed kind, fs_diags *d,
                           fs_ingest_result *res)
{
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL};
    switch (kind) {
    case SNIFF_EMPTY:
        fs_diag_add(d, R_FILE_EMPTY, &l, NULL, "export the table again", "the file is empty");
        break;
    case SNIFF_ZIP:
    case SNIFF_OLE:
    case SNIFF_CSV:
    case SNIFF_SQLITE:
    default:
        return false;
    }
    refuse(o, path, 1, d, res);
    return true;
}

static fs_status ingest_one(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids,
                            const char *path, fs_diags *d, fs_ingest_result *res)
{
    fs_diags_begin_file(d);
    size_t errors_before = d->errors;
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL};
    char hex[65];
    int64_t size;
    unsigned char head[HEAD_BYTES];
    size_t headlen;
    int err;
    res->files++;
    /* The kind first, from the first bytes only: an empty file is refused
     * before it is hashed. */
    fs_status st = read_head(path, head, sizeof head, &headlen, &err);
    if (st == FS_OK && refuse_by_kind(o, path, sniff(head, headlen), d, res))
        return FS_OK;
    if (st == FS_OK)
        st = hash_file(path, hex, &size, head, &headlen, &err);
    if (st != FS_OK) {
        fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, "check the file's permissions",
                    "cannot read the file: %s", strerror(err));
        refuse(o, path, 1, d, res);
        return FS_OK;
    }
    /* Again from the bytes hashed, should the file have changed since. */
    sniffed kind = sniff(head, headlen);
    if (refuse_by_kind(o, path, kind, d, res))
        return FS_OK;
    fs_encoding enc = FS_ENC_UTF8;
    bool is_csv = kind == SNIFF_CSV;
    bool is_xlsx = kind == SNIFF_ZIP || kind == SNIFF_OLE; /* OLE: .xls or encrypted, refused */
    fs_source *src = NULL;
    fs_sqlite_sub *sub = NULL;
    fs_xlsx_book *book = NULL;
    st = is_csv    ? fs_csv_open(path, path, &src, &enc, d)
         : is_xlsx ? fs_xlsx_open(path, path, &book, d)
                   : fs_sqlite_sub_open(path, path, &sub, d);
    if (st == FS_OK) {
        fs_wh_file_info info = {path, hex, is_csv ? "csv" : is_xlsx ? "xlsx" : "sqlite",
                                is_csv ? fs_encoding_name(enc) : NULL, size};
        st = fs_wh_file_begin(run, &info);
        if (st == FS_OK)
            st = is_csv    ? pump(o, run, ids, src, -1, d)
                 : is_xlsx ? pump_xlsx(o, run, ids, book, d)
                           : pump_sqlite(o, run, ids, sub, d);
    } else if (st == FS_ERR_DATA) {
        st = FS_OK; /* refused before reading: nothing was begun */
    }
    fs_source_free(src);
    fs_sqlite_sub_free(sub);
    fs_xlsx_free(book);
    long records = 0;
    bool accept = st == FS_OK && d->errors == errors_before;
    fs_status end = fs_wh_file_end(run, accept, &records);
    if (st == FS_OK)
        st = end;
    fs_idcheck_file_end(ids, accept && st == FS_OK);
    if (st != FS_OK)
        return st;
    if (accept) {
        res->accepted++;
        res->records += records;
        if (o->log)
            fprintf(o->log, "%s: %s, %ld record%s (%s%s%s)\n", path, o->verb, records,
                    records == 1 ? "" : "s",
                    is_csv ? "CSV" : is_xlsx ? "xlsx" : "SQLite", is_csv ? ", " : "",
                    is_csv ? fs_encoding_name(enc) : "");
    } else {
        refuse(o, path, d->errors - errors_before, d, res);
    }
    return FS_OK;
}

fs_status fs_ingest(const fs_ingest_opts *o, char *const *paths, size_t npaths, fs_diags *d,
                    fs_ingest_result *res)
{
    memset(res, 0, sizeof *res);
    file_list files = {0};
    fs_status st = collect(o, paths, npaths, &files, d, res);
    fs_wh_run *run = NULL;
    fs_idcheck *ids = NULL;
    if (st == FS_OK)
        st = (ids = fs_idcheck_new(FS_IDCHECK_CAP)) ? FS_OK : FS_ERR_NOMEM;
    if (st == FS_OK)
        st = fs_wh_run_begin(o->wh, o->time_iso, &run);
    for (size_t i = 0; i < files.count && st == FS_OK; i++) {
        st = ingest_one(o, run, ids, files.items[i].path, d, res);
        if (st != FS_OK)
            snprintf(res->failed, sizeof res->failed, "%s", files.items[i].path);
    }
    if (run) {
        fs_status e = fs_wh_run_end(run, d, &res->import_id);
        if (st == FS_OK)
            st = e;
    }
    fs_idcheck_free(ids);
    list_free(&files);
    return st;
}
