/*
 * ingest.c — the read → validate → store pipeline (see ingest.h).
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_source.h"
#include "grow.h"
#include "i18n.h"
#include "idcheck.h"
#include "idexact.h"
#include "sbuf.h"
#include "slices.h"
#include "sqlite_source.h"
#include "vsplit.h"
#include "xlsx_source.h"

typedef struct file_entry {
    char *path;
    const char *base;
    fs_ingest_fate fate;
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
    l->items[l->count].fate = FS_FATE_NOT_READ;
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

/* Path order (standard v2 §2.2a): a folder's files before those of its
 * sub-folders named after them, byte by byte. */
static int cmp_entry(const void *a, const void *b)
{
    const file_entry *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* Close a refused file's problems with one import.refused line (the
 * summary counts those lines apart from the problems themselves). */
static void refuse(const fs_ingest_opts *o, const char *path, size_t errors, fs_diags *d,
                   fs_ingest_result *res)
{
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL, 0};
    res->refused++;
    if (errors == 1)
        fs_diag_add(d, R_IMPORT_REFUSED, &l, NULL,
                    "fix the errors listed for this file and send it again",
                    "file refused: %zu error; nothing from it was imported", errors);
    else
        fs_diag_add(d, R_IMPORT_REFUSED, &l, NULL,
                    "fix the errors listed for this file and send it again",
                    "file refused: %zu errors; nothing from it was imported", errors);
    if (o->log)
        fprintf(o->log, P_("%s: refused (%zu error)\n", "%s: refused (%zu errors)\n", errors), path,
                errors);
}

/* Is sb the warehouse or one of its companion files?  A folder of
 * submissions may hold the warehouse itself (`forumstat import .` with the
 * default forumstat.db): it is not a county's file. */
static bool is_warehouse_file(const fs_ingest_opts *o, const struct stat *sb)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    if (!o->db_path)
        return false;
    bool same = false;
    fs_sbuf p = {0};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix && !same; i++) {
        struct stat w;
        fs_sbuf_clear(&p);
        fs_sbuf_addf(&p, "%s%s", o->db_path, suffix[i]);
        same = !p.failed && stat(fs_sbuf_str(&p), &w) == 0 && w.st_dev == sb->st_dev &&
               w.st_ino == sb->st_ino;
    }
    fs_sbuf_free(&p);
    return same;
}

/* Sub-folders are read to this depth (the folder given is depth 0). */
#define MAX_DEPTH 8

/* Add the regular files under folder `dir` (depth `depth`) to out:
 * hidden and Office lock files skipped, symbolic links not followed.
 * *found counts the files added.  FS_OK or FS_ERR_NOMEM; a folder that
 * cannot be read is a diagnostic. */
static fs_status walk(const fs_ingest_opts *o, const char *dir, int depth, file_list *out,
                      size_t *found, fs_diags *d)
{
    DIR *h = opendir(dir);
    if (!h) {
        fs_loc l = {FS_LOC_FILE, dir, NULL, 0, 0, NULL, 0};
        fs_diag_add(d, R_FILE_UNREADABLE, &l, NULL, "check the folder's permissions",
                    "cannot read the folder: %s", strerror(errno));
        return FS_OK;
    }
    fs_status st = FS_OK;
    struct dirent *e;
    size_t dlen = strlen(dir);
    bool slash = dlen && dir[dlen - 1] == '/';
    while (st == FS_OK && (e = readdir(h))) {
        if (skipped_name(e->d_name))
            continue;
        size_t len = dlen + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p) {
            st = FS_ERR_NOMEM;
            break;
        }
        snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        struct stat fb;
        if (lstat(p, &fb) == 0) {
            if (S_ISREG(fb.st_mode) && !is_warehouse_file(o, &fb)) {
                st = list_add(out, p);
                (*found)++;
            } else if (S_ISDIR(fb.st_mode) && depth < MAX_DEPTH) {
                st = walk(o, p, depth + 1, out, found, d);
            }
        }
        free(p);
    }
    closedir(h);
    return st;
}

/* Expand folders; unreadable paths and folders with nothing to read
 * become diagnostics. */
static fs_status collect(const fs_ingest_opts *o, char *const *paths, size_t n, file_list *out,
                         fs_diags *d, fs_ingest_result *res)
{
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        fs_loc l = {FS_LOC_FILE, paths[i], NULL, 0, 0, NULL, 0};
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
        size_t errors = d->errors, found = 0;
        fs_status st = walk(o, paths[i], 0, out, &found, d);
        if (st != FS_OK)
            return st;
        if (d->errors > errors) { /* unreadable */
            res->files++;
            refuse(o, paths[i], d->errors - errors, d, res);
        } else if (found == 0) {
            res->empty_folders++;
            fs_diag_add(d, R_FOLDER_EMPTY, &l, NULL,
                        "check that this is the folder the files were saved in; hidden files, "
                        "Office lock files (~$...), Thumbs.db, desktop.ini and folders deeper than "
                        "8 levels are not read",
                        "the folder holds no file to read");
            if (o->log)
                fprintf(o->log, _("%s: nothing to read\n"), paths[i]);
        }
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

/* SHA-256 (hex) and size of a file; also returns its first bytes.
 * Hashing the next files ahead on a thread of their own was measured and
 * left out (issue 16: a 1 M-record import 1.122 -> 1.099 s, 0.993x over 9
 * paired runs): the storing thread spends little of its time here, and
 * what it does alone is a file's end (the identity check, the file's
 * statements) and the final commit, while the next file is not read.
 * Measured again once parsing had moved onto the validator's thread
 * (d62d708) and hashing was 3.6 % of the samples: a 110-line hasher two
 * files ahead gave 1.007x (15 paired runs, 1 M records) and 1.006x (the
 * sample zone's 89 files): still nothing. */
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
    int id_column;    /* file column of the identifier */
    int value_column; /* indicators: file column of value */
    fs_record recs[BATCH_RECORDS];
    size_t off[BATCH_RECORDS][FS_MAX_COLUMNS]; /* text offsets into text   */
    char *text;
    size_t used, cap;
} batch;

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t head, count; /* full batches: slots[head .. head+count) */
    bool done;          /* the producer has finished               */
    bool abort;         /* the store failed: producer, stop        */
    /* producer side */
    const fs_ingest_opts *o;
    fs_source *src;
    int64_t size; /* the file's bytes, 0 when not known */
    int forced;
    fs_diags *d;
    fs_idcheck *ids;
    fs_status status; /* the producer's environment failure      */
    /* validate (no warehouse): the producer runs on the caller's thread
     * and tallies each record itself, no batches */
    bool direct;
    fs_tally *tally;
    fs_idexact *ex;
    fs_id_columns *stored; /* per table: its identifier's column and name */
    int no_records;        /* the table whose header came with no record, or -1 */
    /* per table: the identifier's column (1-based) of the rows rejected
     * with a valid identity, 0 for none; the producer's own, merged into
     * *stored once it has finished */
    int rejected_id_col[FS_T_COUNT];
    long counted; /* records tallied since the last count */
    /* last, 2 MB: pipeline_new zeroes what comes before (a small file
     * touches the first records of one slot only) */
    batch slots[BATCHES];
} pipeline;

/* A pipeline with every field before the slots zeroed and the slots
 * empty; NULL when out of memory.  Records and offsets are written
 * before they are read (batch_put, batch_seal), so they are not zeroed:
 * a calloc of the 2 MB for every file was 3 % of a sample-sized
 * import's time (memset, page faults). */
static pipeline *pipeline_new(void)
{
    pipeline *p = malloc(sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, offsetof(pipeline, slots));
    for (int i = 0; i < BATCHES; i++) {
        batch *b = &p->slots[i];
        b->n = 0;
        b->text = NULL;
        b->used = b->cap = 0;
    }
    return p;
}

/* --county and --year (standard v2 §3): a record of another county or
 * year is an error at its line.  True when the record is outside. */
static bool outside_scope(const fs_ingest_opts *o, const fs_validator *v, const fs_record *rec,
                          fs_diags *d)
{
    const fs_table_def *td = &fs_tables[rec->table];
    bool out = false;
    if (o->has_county && rec->county != o->only_county) {
        const fs_county *c = &o->zone->counties[rec->county],
                        *w = &o->zone->counties[o->only_county];
        fs_loc l = fs_validator_loc(v, rec->line, td->county_col);
        fs_diag_add(d, R_SCOPE_COUNTY, &l, c->code,
                    "correct the county, or take the record out: it belongs in that county's own "
                    "files",
                    "the record is of %s %s, but the files were checked for %s %s (--county)",
                    c->code, c->name_zh, w->code, w->name_zh);
        out = true;
    }
    if (o->only_year && rec->year != o->only_year) {
        fs_loc l = fs_validator_loc(v, rec->line, td->year_col);
        /* the record's year comes from a date, or (indicators) a year */
        fs_diag_add(d, R_SCOPE_YEAR, &l, NULL,
                    td->columns[td->year_col].type == FS_CT_YEAR
                        ? N_("correct the year, or take the record out: it belongs in the files "
                             "of its own year")
                        : N_("correct the date, or take the record out: it belongs in the files "
                             "of its own year"),
                    "the record is of %d, but the files were checked for %d (--year)", rec->year,
                    o->only_year);
        out = true;
    }
    return out;
}

bool fs_ingest_outside_scope(const fs_ingest_opts *o, const fs_validator *v, const fs_record *rec,
                             fs_diags *d)
{
    return outside_scope(o, v, rec, d);
}

void fs_id_columns_init(fs_id_columns *ic)
{
    for (int t = 0; t < FS_T_COUNT; t++) {
        ic->col[t] = -1;
        ic->label[t][0] = '\0';
        ic->label_own[t] = 0;
    }
}

void fs_id_columns_note_label(fs_id_columns *ic, const fs_validator *v, fs_table t)
{
    if (ic->label[t][0])
        return;
    fs_loc l = fs_validator_loc(v, 0, fs_tables[t].id_col);
    snprintf(ic->label[t], sizeof ic->label[t], "%s",
             l.colname ? l.colname : fs_tables[t].columns[fs_tables[t].id_col].name);
    ic->label_own[t] = l.colname ? l.colname_own : 0;
}

/* Copy the record's text into the batch so it outlives the source's row. */
static bool batch_put(batch *b, const fs_record *rec, int id_column, int value_column)
{
    const fs_table_def *td = &fs_tables[rec->table];
    size_t need = 0;
    for (size_t c = 0; c < td->ncolumns; c++)
        if (rec->v[c].present || rec->v[c].len)
            need += rec->v[c].len;
    if (!fs_grow_to((void **)&b->text, &b->cap, b->used + need, 1))
        return false;
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
    b->value_column = value_column;
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

/* ------------------------------------------------------------ reader
 *
 * For a CSV file, where a core is free for it (reads_ahead: validate, or
 * more than two cores; files of 1 MiB or more), parsing (libcsv, the
 * encoding, the quote rules) runs on a thread of its own ahead of the
 * validator: the reader copies each row (fields and text) into row
 * batches handed over through a queue of RBATCHES slots, so the validator
 * thread only validates.  What the
 * source says (quote errors, …) goes into the batch's own diagnostics
 * list with, per row, how many of them came before it; the validator
 * moves them into the file's list just before validating that row, and
 * sets the spreadsheet row the source gave the row (fs_diags_set_row),
 * so the diagnostics come out in the same order and with the same rows as
 * when one thread did both.  SQLite and workbook sources keep reading on
 * the validator's thread (their fields can point into the source).
 */
#define RBATCH_ROWS 512
#define RBATCHES 3
#define RBATCH_DIAGS 1000 /* hand a batch over early past this many */

typedef struct rbatch {
    size_t n;
    fs_row rows[RBATCH_ROWS];
    size_t first[RBATCH_ROWS];         /* index of the row's first field        */
    size_t dmark[RBATCH_ROWS];         /* diagnostics of bd said before the row */
    const char *row_file[RBATCH_ROWS]; /* bd's row context after the row */
    long row_line[RBATCH_ROWS], row_row[RBATCH_ROWS];
    fs_field *fields; /* all rows' fields                      */
    size_t *off;      /* each field's text: offset in text     */
    size_t nf, capf, capo;
    char *text;
    size_t used, cap;
    fs_diags bd;          /* what the source said while reading it */
    size_t dtaken;        /* bd's items already moved on           */
    bool end;             /* the source's last batch               */
    fs_status end_status; /* …and what its last call returned      */
} rbatch;

typedef struct reader {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    rbatch slots[RBATCHES];
    size_t head, count; /* full batches: slots[head .. head+count) */
    bool abort;         /* the validator stopped: reader, stop     */
    fs_source *src;
    pthread_t thread;
    rbatch *cur; /* validator side: the batch being taken   */
    size_t pos;  /* …and its next row                       */
} reader;

static rbatch *rslot_claim(reader *r)
{
    pthread_mutex_lock(&r->lock);
    while (r->count == RBATCHES && !r->abort)
        pthread_cond_wait(&r->changed, &r->lock);
    rbatch *b = r->abort ? NULL : &r->slots[(r->head + r->count) % RBATCHES];
    pthread_mutex_unlock(&r->lock);
    if (b) {
        fs_diags_free(&b->bd);
        b->dtaken = 0;
        b->n = b->nf = b->used = 0;
        b->end = false;
        b->end_status = FS_OK;
    }
    return b;
}

/* Point the rows at the batch's (final) fields and text. */
static void rslot_publish(reader *r, rbatch *b)
{
    for (size_t f = 0; f < b->nf; f++)
        b->fields[f].s = b->fields[f].len ? b->text + b->off[f] : "";
    for (size_t i = 0; i < b->n; i++)
        b->rows[i].fields = b->fields + b->first[i];
    pthread_mutex_lock(&r->lock);
    r->count++;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

/* Copy a row's fields and text into the batch; false when out of memory. */
static bool rbatch_put(rbatch *b, const fs_row *row)
{
    size_t need = 0;
    for (size_t j = 0; j < row->nfields; j++)
        need += row->fields[j].len;
    if (!fs_grow_to((void **)&b->text, &b->cap, b->used + need, 1))
        return false;
    if (!fs_grow_to((void **)&b->fields, &b->capf, b->nf + row->nfields, sizeof *b->fields) ||
        !fs_grow_to((void **)&b->off, &b->capo, b->nf + row->nfields, sizeof *b->off))
        return false;
    b->first[b->n] = b->nf;
    for (size_t j = 0; j < row->nfields; j++) {
        const fs_field *f = &row->fields[j];
        if (f->len)
            memcpy(b->text + b->used, f->s, f->len);
        b->off[b->nf] = b->used;
        b->used += f->len;
        b->fields[b->nf++] = *f;
    }
    b->rows[b->n] = *row;
    b->dmark[b->n] = b->bd.count;
    b->row_file[b->n] = b->bd.row_file;
    b->row_line[b->n] = b->bd.row_line;
    b->row_row[b->n] = b->bd.row_row;
    b->n++;
    return true;
}

static void *read_rows(void *arg)
{
    reader *r = arg;
    rbatch *b = rslot_claim(r);
    const char *row_file = NULL;
    long row_line = 0, row_row = 0;
    while (b) {
        /* the source's row context carries over from batch to batch */
        b->bd.row_file = row_file;
        b->bd.row_line = row_line;
        b->bd.row_row = row_row;
        fs_status st = FS_OK;
        bool eof = false;
        while (b->n < RBATCH_ROWS && b->bd.count < RBATCH_DIAGS) {
            fs_row row;
            st = fs_source_next(r->src, &row, &eof, &b->bd);
            if (st != FS_OK || eof)
                break;
            if (!rbatch_put(b, &row)) {
                st = FS_ERR_NOMEM;
                break;
            }
        }
        row_file = b->bd.row_file;
        row_line = b->bd.row_line;
        row_row = b->bd.row_row;
        b->end = st != FS_OK || eof;
        b->end_status = st;
        bool end = b->end;
        rslot_publish(r, b);
        b = end ? NULL : rslot_claim(r);
    }
    return NULL;
}

/* Validator side: the next row read by the reader thread, as
 * fs_source_next would give it, the source's diagnostics before it moved
 * into d. */
static fs_status reader_next(reader *r, fs_row *row, bool *eof, fs_diags *d)
{
    *eof = false;
    for (;;) {
        rbatch *b = r->cur;
        if (!b) {
            pthread_mutex_lock(&r->lock);
            while (r->count == 0)
                pthread_cond_wait(&r->changed, &r->lock);
            b = r->cur = &r->slots[r->head];
            r->pos = 0;
            pthread_mutex_unlock(&r->lock);
        }
        if (r->pos < b->n) {
            size_t i = r->pos++;
            fs_diags_merge_upto(d, &b->bd, &b->dtaken, b->dmark[i]);
            fs_diags_set_row(d, b->row_file[i], b->row_line[i], b->row_row[i]);
            *row = b->rows[i];
            return FS_OK;
        }
        /* the batch is done: what the source said after its last row */
        fs_diags_merge_upto(d, &b->bd, &b->dtaken, SIZE_MAX);
        if (b->end) {
            fs_diags_set_row(d, b->bd.row_file, b->bd.row_line, b->bd.row_row);
            *eof = b->end_status == FS_OK;
            return b->end_status; /* the batch stays: every later call ends too */
        }
        pthread_mutex_lock(&r->lock);
        r->head = (r->head + 1) % RBATCHES;
        r->count--;
        r->cur = NULL;
        pthread_cond_broadcast(&r->changed);
        pthread_mutex_unlock(&r->lock);
    }
}

/* Start a reader thread over src; NULL when that cannot be (the caller
 * then reads on its own thread). */
static reader *reader_start(fs_source *src)
{
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->src = src;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->changed, NULL);
    if (pthread_create(&r->thread, NULL, read_rows, r) != 0) {
        pthread_cond_destroy(&r->changed);
        pthread_mutex_destroy(&r->lock);
        free(r);
        return NULL;
    }
    return r;
}

/* Stop the reader (wherever it is) and free it; its unread diagnostics
 * are dropped (the validator stopped before those rows). */
static void reader_free(reader *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->lock);
    r->abort = true;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    for (int i = 0; i < RBATCHES; i++) {
        fs_diags_free(&r->slots[i].bd);
        free(r->slots[i].fields);
        free(r->slots[i].off);
        free(r->slots[i].text);
    }
    pthread_cond_destroy(&r->changed);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

/* Direct mode: count the records tallied since the last call (for the
 * exact check of repeats and the progress line). */
static void direct_count(pipeline *p)
{
    if (!p->counted)
        return;
    fs_idexact_count(p->ex, p->counted);
    if (p->o->progress)
        p->o->progress(p->o->progress_arg, p->src->file, p->counted);
    p->counted = 0;
}

/* Files smaller than this are parsed on the validating thread. */
#define READ_AHEAD_MIN ((int64_t)1 << 20)

/* Does a reader thread parse the CSV file ahead of the validator?  Only
 * where a core is free for it: in validate (no storing thread), or with
 * more than two cores; and only for a file of READ_AHEAD_MIN bytes or more
 * (or of unknown size).  Measured on two cores (farm-bench, paired runs,
 * after the privacy prefilter made validating cheaper): with the reader,
 * import was slower at every size, a 1 M-record zone year 1.06x, one
 * 86 MB file 1.05x, the 89 files of a sample-sized zone 1.14x; validate of
 * the sample zone 1.28x, but of the 1 M-record zone's files (2 to 7 MB)
 * 0.94x. */
static bool reads_ahead(const pipeline *p)
{
    return p->src->loc_kind == FS_LOC_LINE && !p->src->spreadsheet &&
           (p->size == 0 || p->size >= READ_AHEAD_MIN) &&
           (p->direct || sysconf(_SC_NPROCESSORS_ONLN) > 2);
}

void fs_ingest_fingerprint(fs_idcheck *ids, const fs_record *rec)
{
    const fs_value *id = &rec->v[fs_tables[rec->table].id_col];
    fs_idcheck_add(ids, rec->table,
                   fs_idcheck_key(rec->table, rec->county, rec->year, id->s, id->len));
}

static void *produce(void *arg)
{
    pipeline *p = arg;
    fs_validator *v = fs_validator_new(p->o->zone, p->src, p->forced);
    fs_status st = v ? FS_OK : FS_ERR_NOMEM;
    size_t errors_before = p->d->errors;
    bool unreadable = false;
    batch *b = st == FS_OK ? slot_claim(p) : NULL;
    reader *rd = b && reads_ahead(p) ? reader_start(p->src) : NULL;
    fs_record rec;
    while (b) {
        fs_row row;
        bool eof;
        st = rd ? reader_next(rd, &row, &eof, p->d) : fs_source_next(p->src, &row, &eof, p->d);
        if (st == FS_ERR_DATA) {
            st = FS_OK; /* the file is refused; its diagnostic is in d */
            unreadable = true;
            break;
        }
        if (st != FS_OK || eof)
            break;
        if (p->o->stop && *p->o->stop) {
            unreadable = true; /* interrupted: the file is rolled back */
            break;
        }
        fs_row_kind k = fs_validator_row(v, &row, &rec, p->d);
        if (k == FS_ROW_STOP)
            break;
        if (k == FS_ROW_REJECTED && fs_validator_identity(v)) {
            /* its identifier still counts against repeats (validate.h) */
            fs_ingest_fingerprint(p->ids, &rec);
            fs_id_columns_note_label(p->stored, v, rec.table);
            p->rejected_id_col[rec.table] = fs_validator_column(v, fs_tables[rec.table].id_col);
            continue;
        }
        if (k != FS_ROW_RECORD || outside_scope(p->o, v, &rec, p->d))
            continue;
        fs_ingest_fingerprint(p->ids, &rec);
        int id_column = fs_validator_column(v, fs_tables[rec.table].id_col);
        int value_column = rec.table == FS_T_INDICATORS
                               ? fs_validator_column(v, fs_column_index(FS_T_INDICATORS, "value"))
                               : 0;
        fs_id_columns_note_label(p->stored, v, rec.table); /* the name, once per table */
        if (p->direct) {
            p->stored->col[rec.table] = id_column;
            st = fs_tally_add(p->tally, &rec, p->src, value_column);
            if (st != FS_OK)
                break;
            if (++p->counted == BATCH_RECORDS)
                direct_count(p);
            continue;
        }
        if (!batch_put(b, &rec, id_column, value_column)) {
            st = FS_ERR_NOMEM;
            break;
        }
        if (b->n == BATCH_RECORDS) {
            slot_publish(p, b);
            b = slot_claim(p);
        }
    }
    reader_free(rd);
    if (p->direct)
        direct_count(p);
    else if (b && b->n)
        slot_publish(p, b);
    if (st == FS_OK && !unreadable && v)
        fs_validator_footers(v, p->d);
    /* "no records" / "no header" only when nothing else was said: rows lost
     * to quote errors are not missing rows */
    if (st == FS_OK && !unreadable && v && p->d->errors == errors_before &&
        fs_validator_finish(v, p->d) == 0)
        p->no_records = fs_validator_table(v);
    fs_validator_free(v);
    pthread_mutex_lock(&p->lock);
    p->status = st;
    p->done = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Store one batch; FS_OK or an environment failure.  Notes in stored
 * the tables stored and the file column of their identifier, and counts
 * each record into the run's tally. */
static fs_status store_batch(fs_wh_run *run, fs_tally *tally, const fs_source *src, const batch *b,
                             fs_id_columns *stored)
{
    fs_status st = fs_wh_file_add_many(run, b->recs, b->n);
    for (size_t i = 0; i < b->n && st == FS_OK; i++) {
        const fs_record *rec = &b->recs[i];
        st = fs_tally_add(tally, rec, src, b->value_column);
        stored->col[rec->table] = b->id_column;
    }
    return st;
}

/* Report the repeated identifiers among the records this source stored
 * (those after marks[]), when fingerprints say there may be some.  The
 * warehouse names them by SQL; when the source rejected rows (`rejected`),
 * whose identifiers count too but were not stored, the exact check reads
 * the run's files again instead (idexact.h: the same messages). */
static fs_status report_repeats(fs_wh_run *run, fs_idcheck *ids, fs_idexact *ex,
                                const fs_source *src, const int64_t marks[FS_T_COUNT],
                                const fs_id_columns *stored, bool rejected, fs_diags *dd)
{
    fs_status st = FS_OK;
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++) {
        if (stored->col[t] < 0 || !fs_idcheck_suspect(ids, (fs_table)t))
            continue;
        /* the label: noted with the column (fs_id_columns_note_label) */
        fs_loc idloc = {src->loc_kind,  src->file,        src->table,          0,
                        stored->col[t], stored->label[t], stored->label_own[t]};
        st = run && !rejected ? fs_wh_report_repeats(run, (fs_table)t, marks[t], &idloc, dd)
                              : fs_idexact_report(ex, ids, (fs_table)t, &idloc, dd);
    }
    return st;
}

/* Stream one table through the validator into the open file transaction;
 * without a warehouse (validate: run NULL), tally and count the records and
 * note the part (`part`: the SQLite table's index, -1 for CSV, FS_XLSX_PART
 * of a sheet) for the exact check of repeats (idexact.h). */
static fs_status pump(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids, fs_idexact *ex,
                      fs_tally *tally, fs_source *src, int64_t size, int forced, int part,
                      fs_diags *d)
{
    pipeline *p = pipeline_new();
    if (!p)
        return FS_ERR_NOMEM;
    size_t errors_before = d->errors;
    p->o = o;
    p->src = src;
    p->size = size;
    p->forced = forced;
    p->d = d;
    p->ids = ids;
    p->no_records = -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    fs_diags dd;
    fs_diags_init(&dd);
    pthread_t producer;
    int64_t marks[FS_T_COUNT];
    fs_id_columns stored; /* the producer notes the labels, this thread the columns */
    fs_id_columns_init(&stored);
    p->stored = &stored;
    fs_status st = FS_OK;
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++) {
        marks[t] = 0;
        if (run)
            st = fs_wh_mark(run, (fs_table)t, &marks[t]);
    }
    if (st != FS_OK)
        goto out;
    if (!run && part == -1) { /* validate of a big CSV file: by halves (vsplit.h) */
        bool done;
        st = fs_vsplit_validate(o, src, ids, ex, tally, &stored, d, &done);
        if (done)
            goto checked;
    }
    if (!run) { /* validate: read on one thread, validate and tally on this one */
        p->direct = true;
        p->tally = tally;
        p->ex = ex;
        produce(p);
        st = p->status;
        goto checked;
    }
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
            st = store_batch(run, tally, src, b, &stored);
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
checked:
    if (st == FS_OK && p->no_records >= 0) /* a declared count compares with 0 */
        fs_tally_note_empty(tally, (fs_table)p->no_records);
    for (int t = 0; t < FS_T_COUNT; t++)
        if (stored.col[t] < 0 && p->rejected_id_col[t] > 0)
            stored.col[t] = p->rejected_id_col[t];
    for (int t = 0; t < FS_T_COUNT && st == FS_OK; t++)
        if (stored.col[t] >= 0)
            st = fs_idexact_part(ex, src->file, part, (fs_table)t);
    if (st == FS_OK)
        st = report_repeats(run, ids, ex, src, marks, &stored, d->errors > errors_before, &dd);
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
                             fs_idexact *ex, fs_tally *tally, fs_sqlite_sub *sub, fs_diags *d)
{
    fs_status st = FS_OK;
    for (size_t i = 0; i < fs_sqlite_sub_ntables(sub) && st == FS_OK && !(o->stop && *o->stop);
         i++) {
        fs_source *src;
        st = fs_sqlite_sub_table(sub, i, &src, d);
        if (st == FS_ERR_DATA)
            return FS_OK; /* refused: the diagnostic is in d */
        if (st != FS_OK)
            break;
        st = pump(o, run, ids, ex, tally, src, 0, fs_sqlite_sub_table_id(sub, i), (int)i, d);
        fs_source_free(src);
    }
    return st;
}

/* Stream every sheet to read of an opened workbook: one file, one
 * transaction, each sheet recognised by its header like a CSV file. */
static fs_status pump_xlsx(const fs_ingest_opts *o, fs_wh_run *run, fs_idcheck *ids, fs_idexact *ex,
                           fs_tally *tally, fs_xlsx_book *book, fs_diags *d)
{
    fs_status st = FS_OK;
    for (size_t i = 0; i < fs_xlsx_nsheets(book) && st == FS_OK; i++) {
        fs_source *src;
        st = fs_xlsx_sheet_source(book, i, &src, d);
        if (st == FS_ERR_DATA)
            return FS_OK; /* refused: the diagnostic is in d */
        if (st != FS_OK)
            break;
        st = pump(o, run, ids, ex, tally, src, 0, -1, FS_IDEXACT_XLSX_PART(i), d);
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
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL, 0};
    switch (kind) {
    case SNIFF_EMPTY:
        fs_diag_add(d, R_FILE_EMPTY, &l, NULL, "export the table again", "the file is empty");
        break;
    case SNIFF_ZIP:
    case SNIFF_OLE:
    case SNIFF_CSV:
    case SNIFF_SQLITE:
    default: return false;
    }
    refuse(o, path, 1, d, res);
    return true;
}

/* A file of the run already read (by SHA-256). */
typedef struct seen_file {
    char hex[65];
    const char *name;
} seen_file;

/* A file identical to one of an earlier import still current for all it
 * holds: skipped at the end of the run unless the run touched one of its
 * slices (then its records are needed: it is read after all). */
typedef struct deferred {
    file_entry *file;
    fs_wh_known_file known; /* CURRENT: read if the run touches its slices;
                               REPLACED: never read */
    fs_wh_slice_rec *slices;
    size_t nslices;
    bool done;
    bool unread; /* skipped as imported already: its slices are unchanged */
} deferred;

/* What one run carries from file to file. */
typedef struct run_ctx {
    fs_wh_run *run; /* NULL for validate: nothing is stored */
    fs_idcheck *ids;
    fs_idexact *ex; /* repeats named exactly: validate's, and an import's
                       in a file with rejected rows (report_repeats) */
    fs_tally *tally;
    seen_file *seen;
    size_t nseen, capseen;
    deferred *def;
    size_t ndef, capdef;
    bool one_file; /* validate of a single file: its hash would be
                      compared with nothing, so it is not made */
} run_ctx;

static bool stopped(const fs_ingest_opts *o)
{
    return o->stop && *o->stop;
}

/* Is path the companion of an SQLite database beside it (NAME-wal,
 * NAME-shm, NAME-journal next to the database NAME)?  Then *suffix is its
 * suffix and base the database's path. */
static bool sqlite_part(const char *path, char *base, size_t size, const char **suffix)
{
    static const char *const parts[] = {"-wal", "-shm", "-journal"};
    size_t n = strlen(path);
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        size_t s = strlen(parts[k]);
        if (n <= s || n - s >= size || strcmp(path + n - s, parts[k]) != 0)
            continue;
        memcpy(base, path, n - s);
        base[n - s] = '\0';
        unsigned char h[100];
        size_t hl;
        int e;
        if (read_head(base, h, sizeof h, &hl, &e) == FS_OK && fs_is_sqlite_header(h, hl)) {
            *suffix = parts[k];
            return true;
        }
    }
    return false;
}

/* Are all these slices (of a file imported before) of the county and year
 * --county and --year allow? */
static bool in_scope(const fs_ingest_opts *o, const fs_wh_slice_rec *sl, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (o->only_year && sl[k].year != o->only_year)
            return false;
        if (o->has_county && fs_zone_by_code(o->zone, sl[k].county) != o->only_county)
            return false;
    }
    return true;
}

/* Read, check and store one file.  may_defer: a file already imported is
 * put aside (deferred) rather than read. */
static fs_status ingest_one(const fs_ingest_opts *o, run_ctx *x, file_entry *fe, bool may_defer,
                            fs_diags *d, fs_ingest_result *res)
{
    const char *path = fe->path;
    fs_diags_begin_file(d);
    size_t errors_before = d->errors;
    fs_loc l = {FS_LOC_FILE, path, NULL, 0, 0, NULL, 0};
    char hex[65] = "";
    int64_t size = 0;
    unsigned char head[HEAD_BYTES];
    size_t headlen;
    int err;
    res->files++;
    fe->fate = FS_FATE_REFUSED;
    /* The kind first, from the first bytes only: an empty file is refused
     * before it is hashed. */
    fs_status st = read_head(path, head, sizeof head, &headlen, &err);
    char base[4096];
    const char *suffix;
    if (st == FS_OK && sqlite_part(path, base, sizeof base, &suffix)) {
        /* a database's -wal (or -shm, -journal) sent with it: not a file
         * of its own (the database, in WAL mode, is refused for it) */
        fs_diag_add(d, R_FILE_SQLITE_PART, &l, NULL,
                    "nothing to do for this file; send the database alone, after the program "
                    "that wrote it has closed it",
                    "this is the %s file of the SQLite database %s, part of that database and "
                    "not a table: it is not read",
                    suffix, base);
        fe->fate = FS_FATE_NOT_READ;
        res->files--;
        if (o->log)
            fprintf(o->log, _("%s: not read, part of the database %s\n"), path, base);
        return FS_OK;
    }
    if (st == FS_OK && refuse_by_kind(o, path, sniff(head, headlen), d, res))
        return FS_OK;
    /* The hash: the warehouse keeps it, and both commands read a file
     * named twice (same SHA-256) once; validate of one file needs none. */
    if (st == FS_OK && !x->one_file)
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
    /* The same file twice in one run (named twice, or reached twice
     * through folders) is read once. */
    for (size_t i = 0; i < x->nseen; i++)
        if (strcmp(x->seen[i].hex, hex) == 0) {
            fe->fate = FS_FATE_SKIPPED;
            res->skipped++;
            if (o->log)
                fprintf(o->log, _("%s: skipped, the same file as %s (same SHA-256), read once\n"),
                        path, x->seen[i].name);
            return FS_OK;
        }
    /* Imported before: put aside (see deferred), unless --again, or
     * unless it holds a county or year --county or --year excludes (then
     * read, its records are errors as validate says). */
    if (o->import && may_defer && !o->again) {
        fs_wh_known_file k;
        st = fs_wh_run_claim_file(x->run, hex); /* another run storing it: its result first */
        if (st == FS_OK)
            st = fs_wh_file_known(o->wh, hex, fs_wh_run_import(x->run), &k);
        if (st != FS_OK)
            return st;
        /* (a reverted import's file is read again: reverting and
         * importing again was the way to redo before revert --redo) */
        bool before = k.state == FS_WH_FILE_CURRENT || k.state == FS_WH_FILE_REPLACED;
        if (before && k.import_id != fs_wh_run_import(x->run)) {
            fs_wh_slice_rec *sl;
            size_t nsl;
            st = fs_wh_file_slices(o->wh, k.file_id, &sl, &nsl);
            if (st == FS_OK && in_scope(o, sl, nsl)) {
                if (fs_grow((void **)&x->def, &x->capdef, x->ndef, sizeof *x->def)) {
                    x->def[x->ndef++] =
                        (deferred){.file = fe, .known = k, .slices = sl, .nslices = nsl};
                    fe->fate = FS_FATE_NOT_READ;
                    res->files--; /* counted when decided */
                    return FS_OK;
                }
                st = FS_ERR_NOMEM;
            }
            free(sl);
            if (st != FS_OK) {
                free(k.name);
                return st;
            }
        }
        free(k.name);
    }
    if (!fs_grow((void **)&x->seen, &x->capseen, x->nseen, sizeof *x->seen))
        return FS_ERR_NOMEM;
    memcpy(x->seen[x->nseen].hex, hex, sizeof hex);
    x->seen[x->nseen++].name = path;
    fs_encoding enc = FS_ENC_UTF8;
    bool is_csv = kind == SNIFF_CSV, tallied = false;
    bool is_xlsx = kind == SNIFF_ZIP || kind == SNIFF_OLE; /* OLE: .xls or encrypted, refused */
    fs_source *src = NULL;
    fs_sqlite_sub *sub = NULL;
    fs_xlsx_book *book = NULL;
    st = is_csv    ? fs_csv_open(path, path, &src, &enc, d)
         : is_xlsx ? fs_xlsx_open(path, path, &book, d)
                   : fs_sqlite_sub_open(path, path, &sub, d);
    if (st == FS_OK) {
        fs_wh_file_info info = {path, hex,
                                is_csv    ? "csv"
                                : is_xlsx ? "xlsx"
                                          : "sqlite",
                                is_csv ? fs_encoding_name(enc) : NULL, size};
        st = x->run ? fs_wh_file_begin(x->run, &info) : FS_OK;
        if (st == FS_OK)
            st = fs_tally_file_begin(x->tally, path);
        tallied = st == FS_OK;
        if (st == FS_OK)
            st = is_csv    ? pump(o, x->run, x->ids, x->ex, x->tally, src, size, -1, -1, d)
                 : is_xlsx ? pump_xlsx(o, x->run, x->ids, x->ex, x->tally, book, d)
                           : pump_sqlite(o, x->run, x->ids, x->ex, x->tally, sub, d);
    } else if (st == FS_ERR_DATA) {
        st = FS_OK; /* refused before reading: nothing was begun */
    }
    fs_source_free(src);
    fs_sqlite_sub_free(sub);
    fs_xlsx_free(book);
    long records = 0;
    bool stop = stopped(o);
    bool accept = st == FS_OK && d->errors == errors_before && !stop;
    fs_status end = FS_OK;
    long counted = fs_idexact_file_end(x->ex, accept);
    if (x->run)
        end = fs_wh_file_end(x->run, accept, &records);
    else
        records = counted;
    if (st == FS_OK)
        st = end;
    if (tallied && !stop)
        fs_tally_file_end(x->tally, accept && st == FS_OK, d);
    fs_idcheck_file_end(x->ids, accept && st == FS_OK);
    if (st != FS_OK)
        return st;
    if (stop) {
        fe->fate = FS_FATE_STOPPED;
        if (o->log)
            fprintf(o->log, _("%s: interrupted, rolled back\n"), path);
    } else if (accept) {
        fe->fate = FS_FATE_ACCEPTED;
        res->accepted++;
        res->records += records;
        if (o->log)
            fprintf(o->log,
                    P_("%s: %s, %ld record (%s%s%s)\n", "%s: %s, %ld records (%s%s%s)\n", records),
                    path, fs_tr(o->verb), records,
                    is_csv    ? "CSV"
                    : is_xlsx ? "xlsx"
                              : "SQLite",
                    is_csv ? ", " : "", is_csv ? fs_encoding_name(enc) : "");
    } else {
        refuse(o, path, d->errors - errors_before, d, res);
    }
    return FS_OK;
}

/* A table named by its standard name (as the warehouse stores it), or
 * FS_T_COUNT (fs_tally_find finds nothing of it). */
static fs_table table_by_name(const char *name)
{
    int t = fs_table_by_name(name, strlen(name));
    return t >= 0 ? (fs_table)t : FS_T_COUNT;
}

/* The deferred files: read those holding a slice the run touched (until
 * nothing changes: a file read may touch another's), skip the others with
 * a notice naming their import. */
static fs_status resolve_deferred(const fs_ingest_opts *o, run_ctx *x, fs_diags *d,
                                  fs_ingest_result *res)
{
    fs_status st = FS_OK;
    for (bool again = true; again && st == FS_OK;) {
        again = false;
        for (size_t i = 0; i < x->ndef && st == FS_OK && !stopped(o); i++) {
            deferred *df = &x->def[i];
            if (df->done || df->known.state != FS_WH_FILE_CURRENT)
                continue;
            bool touched = false;
            for (size_t k = 0; k < df->nslices && !touched; k++) {
                const fs_wh_slice_rec *r = &df->slices[k];
                touched = fs_tally_find(x->tally, table_by_name(r->tbl),
                                        fs_zone_by_code(o->zone, r->county), r->year) != NULL;
            }
            if (!touched)
                continue;
            df->done = again = true;
            st = ingest_one(o, x, df->file, false, d, res);
        }
    }
    for (size_t i = 0; i < x->ndef && st == FS_OK; i++) {
        deferred *df = &x->def[i];
        if (df->done || stopped(o))
            continue;
        df->done = df->unread = true;
        df->file->fate = FS_FATE_SKIPPED;
        res->files++;
        res->skipped++;
        if (!o->log)
            continue;
        const fs_wh_known_file *k = &df->known;
        if (k->state == FS_WH_FILE_CURRENT)
            fprintf(o->log,
                    _("%s: skipped, already imported in import %lld and still current "
                      "(same SHA-256); nothing changes for it\n"),
                    df->file->path, (long long)k->import_id);
        else
            fprintf(o->log,
                    _("%s: skipped, imported in import %lld (as %s) and replaced since by "
                      "import %lld (same SHA-256): a file sent again does not undo a later "
                      "one; to make it current again, import it with --again\n"),
                    df->file->path, (long long)k->import_id, k->name, (long long)k->by);
    }
    return st;
}

/* Add a row to the slice table (merging rows of the same slice). */
static fs_ingest_row *add_row(fs_ingest_result *res, size_t *cap, fs_table t, int county, int year)
{
    for (size_t i = 0; i < res->nrows; i++)
        if (res->rows[i].table == t && res->rows[i].county == county && res->rows[i].year == year)
            return &res->rows[i];
    if (!fs_grow((void **)&res->rows, cap, res->nrows, sizeof *res->rows))
        return NULL;
    fs_ingest_row *r = &res->rows[res->nrows++];
    *r = (fs_ingest_row){t, county, year, 0, -1, -1, NULL};
    return r;
}

static int cmp_row(const void *a, const void *b)
{
    const fs_ingest_row *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    return (int)x->table - (int)y->table;
}

/* "a.csv line 57, b.csv line 3": where the records of a small slice stand. */
static void slice_lines(const fs_tally *tally, const fs_tally_slice *ts, fs_sbuf *b)
{
    for (int k = 0; ts && k < ts->nlocs; k++) {
        fs_loc l = fs_tally_loc_of(tally, &ts->locs[k], ts->table);
        if (l.kind == FS_LOC_ROWID)
            fs_sbuf_addf(b, "%s%s %s#%ld", k ? ", " : "", l.file, l.table, l.line);
        else {
            if (k)
                fs_sbuf_add(b, _(", "));
            fs_sbuf_addf(b, _("%s line %lld"), l.file, (long long)l.line);
        }
    }
}

/* The rows of a skipped file's slices (see judge_import): current, its
 * records added to the row's; else only for a slice that has no row yet. */
static fs_status unchanged_rows(const fs_ingest_opts *o, run_ctx *x, const deferred *df,
                                bool current, fs_ingest_result *res, size_t *cap)
{
    fs_status st = FS_OK;
    for (size_t k = 0; k < df->nslices && st == FS_OK; k++) {
        const fs_wh_slice_rec *r = &df->slices[k];
        fs_table t = table_by_name(r->tbl);
        int county = fs_zone_by_code(o->zone, r->county);
        /* (a file never read, of a slice the run replaces: the run's) */
        if (t == FS_T_COUNT || county < 0 || fs_tally_find(x->tally, t, county, r->year))
            continue;
        size_t n = res->nrows;
        fs_ingest_row *row = add_row(res, cap, t, county, r->year);
        if (!row)
            return FS_ERR_NOMEM;
        if (!current && res->nrows == n)
            continue; /* the slice has its row: a current file's */
        int64_t holder;
        row->records += r->records;
        st = fs_wh_live_records(o->wh, r->tbl, r->county, r->year, &holder, &row->before);
        row->after = row->before;
        row->change = N_("unchanged");
    }
    return st;
}

/* The shrink rule (standard v2 §3) over the run's slices, and the slice
 * table of an import.  *refuse: some slice would keep fewer than half its
 * records (and --allow-shrink was not given). */
static fs_status judge_import(const fs_ingest_opts *o, run_ctx *x, fs_diags *d,
                              fs_ingest_result *res, size_t *cap, bool *refuse)
{
    fs_wh_slice_rec *sl = NULL;
    size_t n = 0;
    *refuse = false;
    fs_status st = fs_wh_run_slices(x->run, &sl, &n);
    for (size_t i = 0; i < n && !o->allow_shrink; i++)
        *refuse =
            *refuse || (sl[i].superseded_import && sl[i].records * 2 < sl[i].superseded_records);
    for (size_t i = 0; i < n && st == FS_OK; i++) {
        const fs_wh_slice_rec *r = &sl[i];
        fs_table t = table_by_name(r->tbl);
        int county = fs_zone_by_code(o->zone, r->county);
        fs_ingest_row *row =
            t < FS_T_COUNT && county >= 0 ? add_row(res, cap, t, county, r->year) : NULL;
        if (!row) {
            st = t < FS_T_COUNT && county >= 0 ? FS_ERR_NOMEM : FS_ERR_DB;
            break;
        }
        char tl[FS_TABLE_LABEL_MAX]; /* the table as messages name it */
        row->records = r->records;
        row->before = r->superseded_import ? r->superseded_records : 0;
        row->after = r->records;
        row->change = r->superseded_import ? N_("replaced") : N_("new");
        if (!r->superseded_import || r->records >= r->superseded_records)
            continue;
        const fs_tally_slice *ts = fs_tally_find(x->tally, t, county, r->year);
        const fs_county *c = &o->zone->counties[county];
        fs_loc l = {FS_LOC_FILE,
                    ts ? fs_tally_file_name(x->tally, ts->locs[0].file) : "import",
                    NULL,
                    0,
                    0,
                    NULL,
                    0};
        if (r->records * 2 < r->superseded_records && !o->allow_shrink) {
            fs_sbuf lines = {0}, hint = {0}, msg = {0}; /* whole, whatever the paths */
            if (ts && ts->records <= FS_TALLY_LOCS) {
                slice_lines(x->tally, ts, &lines);
                if (ts->records == 1)
                    l = fs_tally_loc_of(x->tally, &ts->locs[0], t);
            }
            fs_sbuf_addf(
                &hint,
                _("if a record's county or date is wrong, correct it; if part of the year was "
                  "sent, send the whole year (all its files together); if the shrink is meant: "
                  "%s"),
                o->allow_shrink_cmd ? o->allow_shrink_cmd : _("import again with --allow-shrink"));
            /* plural by the records held before; the new records listed
             * when they are few */
            fs_sbuf_addf(&msg,
                         lines.len
                             ? P_("%s of %s %s for %d: the %lld record of import %lld would be "
                                  "replaced by %lld (fewer than half), so nothing of this run was "
                                  "imported; the new records: %s",
                                  "%s of %s %s for %d: the %lld records of import %lld would be "
                                  "replaced by %lld (fewer than half), so nothing of this run was "
                                  "imported; the new records: %s",
                                  r->superseded_records)
                             : P_("%s of %s %s for %d: the %lld record of import %lld would be "
                                  "replaced by %lld (fewer than half), so nothing of this run was "
                                  "imported%s",
                                  "%s of %s %s for %d: the %lld records of import %lld would be "
                                  "replaced by %lld (fewer than half), so nothing of this run was "
                                  "imported%s",
                                  r->superseded_records),
                         fs_table_label(t, tl, sizeof tl), c->code, c->name_zh, r->year,
                         (long long)r->superseded_records, (long long)r->superseded_import,
                         (long long)r->records, fs_sbuf_str(&lines));
            fs_diag_add(d, R_IMPORT_SHRINK_REFUSED, &l, NULL, fs_sbuf_str(&hint), "%s",
                        fs_sbuf_str(&msg));
            fs_sbuf_free(&lines);
            fs_sbuf_free(&hint);
            fs_sbuf_free(&msg);
        } else if (!*refuse) { /* a refused run replaces nothing */
            fs_sbuf hint = {0}, msg = {0};
            if (!o->db_quoted)
                fs_sbuf_add(&hint, _("if this is not what you meant, undo it"));
            else
                fs_sbuf_addf(
                    &hint,
                    _("if this is not what you meant, undo it with: forumstat revert --db %s %lld"),
                    o->db_quoted, (long long)fs_wh_run_import(x->run));
            /* the slice came in several files (a year split in halves):
             * say that they go together */
            fs_sbuf names = {0};
            int nfiles = 0;
            if (fs_wh_slice_files(o->wh, r->superseded_import, r->tbl, r->county, r->year, &names,
                                  &nfiles) == FS_OK &&
                nfiles > 1)
                fs_sbuf_addf(&hint,
                             _("; import %lld had it in %d files (%s): a county's year split in "
                               "several files is sent again whole, all of them together"),
                             (long long)r->superseded_import, nfiles, fs_sbuf_str(&names));
            fs_sbuf_free(&names);
            bool half = r->records * 2 < r->superseded_records;
            fs_sbuf_addf(
                &msg,
                half ? P_("%s of %s %s for %d: %lld record replaces the %lld of import %lld "
                          "(fewer than half: --allow-shrink)",
                          "%s of %s %s for %d: %lld records replace the %lld of import %lld "
                          "(fewer than half: --allow-shrink)",
                          r->records)
                     : P_("%s of %s %s for %d: %lld record replaces the %lld of import %lld",
                          "%s of %s %s for %d: %lld records replace the %lld of import %lld",
                          r->records),
                fs_table_label(t, tl, sizeof tl), c->code, c->name_zh, r->year,
                (long long)r->records, (long long)r->superseded_records,
                (long long)r->superseded_import);
            fs_diag_add(d, R_IMPORT_SHRINK, &l, NULL, fs_sbuf_str(&hint), "%s", fs_sbuf_str(&msg));
            fs_sbuf_free(&hint);
            fs_sbuf_free(&msg);
        }
    }
    free(sl);
    if (st != FS_OK || *refuse)
        for (size_t i = 0; i < res->nrows; i++) {
            res->rows[i].after = res->rows[i].before;
            res->rows[i].change = N_("not imported");
        }
    /* Slices of the files skipped as already imported: unchanged.  (Not a
     * deferred file read after all and then skipped as the same file as
     * another of the run: the run holds its slices.)  The current files
     * first, their records added up (a year split in two files); then a
     * replaced or reverted file's slice that no row has yet. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < x->ndef && st == FS_OK; i++) {
            const deferred *df = &x->def[i];
            if (!df->unread || (df->known.state == FS_WH_FILE_CURRENT) != (pass == 0))
                continue;
            st = unchanged_rows(o, x, df, pass == 0, res, cap);
        }
    return st;
}

/* The slice table of validate: what the valid files hold. */
static fs_status table_of_validate(run_ctx *x, fs_ingest_result *res, size_t *cap)
{
    size_t n = fs_tally_nslices(x->tally);
    const fs_tally_slice *ts = fs_tally_slices(x->tally);
    for (size_t i = 0; i < n; i++) {
        fs_ingest_row *row = add_row(res, cap, ts[i].table, ts[i].county, ts[i].year);
        if (!row)
            return FS_ERR_NOMEM;
        row->records = ts[i].records;
    }
    return FS_OK;
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

void fs_ingest_result_free(fs_ingest_result *res)
{
    for (size_t i = 0; i < res->nfates; i++)
        free(res->fates[i].name);
    free(res->fates);
    free(res->rows);
    free(res->failed);
    res->fates = NULL;
    res->rows = NULL;
    res->failed = NULL;
    res->nfates = res->nrows = 0;
}

fs_status fs_ingest(const fs_ingest_opts *o, char *const *paths, size_t npaths, fs_diags *d,
                    fs_ingest_result *res)
{
    memset(res, 0, sizeof *res);
    file_list files = {0};
    run_ctx x = {0};
    fs_status st = collect(o, paths, npaths, &files, d, res);
    if (st == FS_OK)
        st = (x.ids = fs_idcheck_new(FS_IDCHECK_CAP)) ? FS_OK : FS_ERR_NOMEM;
    if (st == FS_OK)
        st = (x.tally = fs_tally_new(o->zone)) ? FS_OK : FS_ERR_NOMEM;
    if (st == FS_OK) /* repeats named exactly without the warehouse (idexact.h) */
        st = (x.ex = fs_idexact_new(o->zone)) ? FS_OK : FS_ERR_NOMEM;
    if (st == FS_OK && o->wh)
        st = fs_wh_run_begin(o->wh, o->time_iso, &x.run);
    x.one_file = !o->wh && files.count == 1;
    for (size_t i = 0; i < files.count && st == FS_OK && !stopped(o); i++) {
        st = ingest_one(o, &x, &files.items[i], true, d, res);
        if (st != FS_OK)
            res->failed = strdup(files.items[i].path);
    }
    if (st == FS_OK && !stopped(o))
        st = resolve_deferred(o, &x, d, res);
    size_t cap = 0;
    bool keep = st == FS_OK, refuse = false;
    if (keep) {
        fs_tally_check_declared(x.tally, d);
        st = o->import ? judge_import(o, &x, d, res, &cap, &refuse)
                       : table_of_validate(&x, res, &cap);
        keep = st == FS_OK && !refuse;
        if (res->nrows > 1)
            qsort(res->rows, res->nrows, sizeof *res->rows, cmp_row);
    }
    res->run_refused = refuse;
    res->interrupted = o->stop ? (int)*o->stop : 0;
    if (x.run) {
        fs_status e = fs_wh_run_end(
            x.run, keep, res->interrupted ? signal_name(res->interrupted) : NULL, &res->import_id);
        if (st == FS_OK)
            st = e;
    }
    if (!keep) {
        res->import_id = 0;
        for (size_t i = 0; i < files.count; i++)
            if (files.items[i].fate == FS_FATE_ACCEPTED)
                files.items[i].fate = FS_FATE_REFUSED;
    }
    /* What became of each file, for the last line of an interrupted run. */
    if ((res->fates = calloc(files.count ? files.count : 1, sizeof *res->fates)))
        for (size_t i = 0; i < files.count; i++) {
            res->fates[res->nfates].fate = files.items[i].fate;
            res->fates[res->nfates++].name = files.items[i].path;
            files.items[i].path = NULL;
        }
    for (size_t i = 0; i < x.ndef; i++) {
        free(x.def[i].slices);
        free(x.def[i].known.name);
    }
    free(x.def);
    free(x.seen);
    fs_tally_free(x.tally);
    fs_idcheck_free(x.ids);
    fs_idexact_free(x.ex);
    list_free(&files);
    return st;
}
