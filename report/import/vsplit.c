/*
 * vsplit.c — `validate` of a large CSV file by halves (see vsplit.h).
 */
#include "vsplit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_source.h"

/* Records counted between two progress reports. */
#define COUNT_EVERY 1024
/* The second half counts spreadsheet rows from this many line breaks
 * (rows = line + 2^40, never equal to a line) until the first half's
 * are known: then every row said at a record's line can be corrected. */
#define EXTRA_BASE (-((long)1 << 40))

/* One thread's share: its source, validator and what it collects.  Each
 * half starts a cache line of its own: the first half writes its counts
 * at every record while the second reads its own pointers, and on one
 * line the two cores would pass it back and forth (as two validators did:
 * see fs_validator_clone). */
typedef struct half {
    _Alignas(64) const fs_ingest_opts *o;
    fs_source *src;
    fs_validator *v;
    fs_diags *d;
    fs_idcheck *ids;
    fs_tally *tally;
    fs_idexact *ex;       /* the first half's: counted as it goes   */
    fs_id_columns stored; /* each table's identifier in the file     */
    long records;         /* valid records not yet counted into ex  */
    bool unreadable;      /* refused: a source error or a stop      */
    bool stopped;         /* the validator stopped (no header)      */
    bool eof;             /* input ended (or paused at the limit)   */
    fs_status st;         /* an environment failure                 */
    atomic_bool *abort;   /* the second half's: give up             */
} half;

typedef struct split {
    half a, b;
    uint64_t offset; /* where the second half starts */
    long line;       /* ... its line                 */
    bool started;    /* the second thread runs       */
    pthread_t thread;
    atomic_bool abort;
    fs_diags bd;
} split;

static void count(half *h)
{
    if (!h->records || !h->ex)
        return;
    fs_idexact_count(h->ex, h->records);
    if (h->o->progress)
        h->o->progress(h->o->progress_arg, h->src->file, h->records);
    h->records = 0;
}

/* Read and validate rows until the input ends (or pauses), the file is
 * refused, the validator stops or the environment fails.  launch (when
 * not NULL) is called once, right after the row that gave the header. */
static void run(half *h, void (*launch)(split *), split *sp)
{
    fs_record rec;
    while (h->st == FS_OK) {
        fs_row row;
        bool eof;
        fs_status st = fs_source_next(h->src, &row, &eof, h->d);
        if (st == FS_ERR_DATA) {
            h->unreadable = true; /* the diagnostic is in d */
            break;
        }
        if (st != FS_OK) {
            h->st = st;
            break;
        }
        if (eof) {
            h->eof = true;
            break;
        }
        if ((h->o->stop && *h->o->stop) || (h->abort && atomic_load(h->abort))) {
            h->unreadable = true;
            break;
        }
        fs_row_kind k = fs_validator_row(h->v, &row, &rec, h->d);
        if (launch && fs_validator_table(h->v) >= 0) {
            launch(sp);
            launch = NULL;
        }
        if (k == FS_ROW_STOP) {
            h->stopped = true;
            break;
        }
        if (k == FS_ROW_REJECTED && fs_validator_identity(h->v)) {
            fs_ingest_fingerprint(h->ids, &rec); /* it counts against repeats */
            h->stored.col[rec.table] = fs_validator_column(h->v, fs_tables[rec.table].id_col);
            continue;
        }
        if (k != FS_ROW_RECORD || fs_ingest_outside_scope(h->o, h->v, &rec, h->d))
            continue;
        const fs_table_def *td = &fs_tables[rec.table];
        fs_ingest_fingerprint(h->ids, &rec);
        int value_column =
            rec.table == FS_T_INDICATORS
                ? fs_validator_column(h->v, fs_column_index(FS_T_INDICATORS, "value"))
                : 0;
        h->stored.col[rec.table] = fs_validator_column(h->v, td->id_col);
        h->st = fs_tally_add(h->tally, &rec, h->src, value_column);
        if (++h->records == COUNT_EVERY)
            count(h);
    }
    /* the identifiers' names, once: the header gave them */
    for (int t = 0; t < FS_T_COUNT; t++)
        if (h->stored.col[t] >= 0)
            fs_id_columns_note_label(&h->stored, h->v, (fs_table)t);
}

static void *second(void *arg)
{
    split *sp = arg;
    run(&sp->b, NULL, NULL);
    fs_idcheck_compact(sp->b.ids);
    return NULL;
}

static void half_free(half *h)
{
    fs_validator_free(h->v);
    fs_source_free(h->src);
    fs_idcheck_free(h->ids);
    fs_tally_free(h->tally);
    memset(h, 0, sizeof *h);
}

/* Start the second half (the first has just found the header).  Any
 * failure leaves it unstarted: the first half then reads on. */
static void launch(split *sp)
{
    half *b = &sp->b;
    b->o = sp->a.o;
    b->d = &sp->bd;
    b->abort = &sp->abort;
    fs_id_columns_init(&b->stored);
    if (fs_csv_open_at(sp->a.src, sp->a.src->file, sp->offset, sp->line, EXTRA_BASE, &b->src) !=
        FS_OK)
        return;
    b->v = fs_validator_clone(sp->a.v, b->src);
    b->ids = fs_idcheck_new(FS_IDCHECK_CAP);
    b->tally = fs_tally_new(b->o->zone);
    if (!b->v || !b->ids || !b->tally || fs_tally_file_begin(b->tally, sp->a.src->file) != FS_OK ||
        pthread_create(&sp->thread, NULL, second, sp) != 0) {
        half_free(b);
        return;
    }
    sp->started = true;
}

/* A spreadsheet row the second half said, corrected by the first half's
 * line breaks inside quoted fields (`extra`); 0 stays 0 (no record's). */
static long true_row(long row, long line, long extra)
{
    if (row == 0)
        return 0;
    long r = row + EXTRA_BASE - extra;
    return r == line ? 0 : r;
}

/* Add the second half's work to the first's. */
static fs_status join(split *sp, fs_diags *d, long extra)
{
    half *a = &sp->a, *b = &sp->b;
    for (size_t i = 0; i < sp->bd.count; i++) {
        fs_diag *g = &sp->bd.items[i];
        if (g->kind == FS_LOC_LINE)
            g->row = true_row(g->row, g->line, extra);
    }
    const char *row_file = sp->bd.row_file;
    long row_line = sp->bd.row_line;
    long row = row_file ? true_row(sp->bd.row_row, row_line, extra) : 0;
    fs_diags_merge(d, &sp->bd);
    if (row_file) /* the second half's last row (its rows always differ
                     from their lines until corrected); none read: the
                     first half's last row stays the record being read */
        fs_diags_set_row(d, row_file, row_line, row);
    fs_idcheck_absorb(a->ids, b->ids);
    fs_status st = fs_tally_absorb(a->tally, b->tally);
    a->records += b->records;
    for (int t = 0; t < FS_T_COUNT; t++)
        if (b->stored.col[t] >= 0) {
            a->stored.col[t] = b->stored.col[t];
            if (!a->stored.label[t][0]) {
                memcpy(a->stored.label[t], b->stored.label[t], sizeof a->stored.label[t]);
                a->stored.label_own[t] = b->stored.label_own[t];
            }
        }
    a->unreadable = b->unreadable;
    a->stopped = b->stopped;
    return st;
}

/* For the tests: FORUMSTAT_SPLIT_TRACE names a file that gets one line
 * per file read by halves: "joined LINE" (the second half, from LINE, was
 * used) or "resumed LINE" (dropped: one thread read on). */
static void trace(const char *what, long line)
{
    const char *path = getenv("FORUMSTAT_SPLIT_TRACE");
    FILE *f = path && *path ? fopen(path, "a") : NULL;
    if (f) {
        fprintf(f, "%s %ld\n", what, line);
        fclose(f);
    }
}

/* The size from which files are read by halves: FS_VSPLIT_MIN, or
 * FORUMSTAT_SPLIT_MIN (0: never). */
static uint64_t split_min(void)
{
    const char *e = getenv("FORUMSTAT_SPLIT_MIN");
    if (!e || !*e)
        return FS_VSPLIT_MIN;
    if (strcmp(e, "off") == 0)
        return 0;
    char *end;
    unsigned long long n = strtoull(e, &end, 10);
    return *end ? FS_VSPLIT_MIN : n ? (uint64_t)n : 1;
}

fs_status fs_vsplit_validate(const fs_ingest_opts *o, fs_source *src, fs_idcheck *ids,
                             fs_idexact *ex, fs_tally *tally, fs_id_columns *stored, fs_diags *d,
                             bool *done)
{
    *done = false;
    uint64_t min = split_min();
    struct stat sb;
    if (!min || !fs_csv_is(src) || stat(src->file, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (uint64_t)sb.st_size < min)
        return FS_OK;
    split *sp = aligned_alloc(_Alignof(split), sizeof *sp); /* its halves' cache lines */
    if (!sp)
        return FS_OK; /* not tried: the usual way reads it */
    memset(sp, 0, sizeof *sp);
    if (!fs_csv_split_point(src, &sp->offset, &sp->line)) {
        free(sp);
        return FS_OK;
    }
    *done = true;
    fs_diags_init(&sp->bd);
    half *a = &sp->a;
    *a = (half){.o = o, .src = src, .d = d, .ids = ids, .tally = tally, .ex = ex};
    fs_id_columns_init(&a->stored);
    a->v = fs_validator_new(o->zone, src, -1);
    if (!a->v) {
        free(sp);
        return FS_ERR_NOMEM;
    }
    size_t errors_before = d->errors;
    fs_csv_set_limit(src, sp->offset);
    run(a, launch, sp);
    fs_idcheck_compact(ids); /* while the second half may still run */
    bool joined = false;
    if (sp->started) {
        bool use = a->st == FS_OK && !a->unreadable && !a->stopped && a->eof;
        if (!use)
            atomic_store(&sp->abort, true);
        pthread_join(sp->thread, NULL);
        long line, extra;
        use = use && sp->b.st == FS_OK && fs_csv_paused_clean(src, &line, &extra) &&
              line == sp->line && fs_validator_join(a->v, sp->b.v, &sp->bd);
        if (use) {
            a->st = join(sp, d, extra);
            joined = true;
        }
    }
    trace(joined ? "joined" : "resumed", sp->line);
    if (!joined && a->st == FS_OK && !a->unreadable && !a->stopped && a->eof) {
        fs_csv_resume(src); /* one thread reads on to the end */
        a->eof = false;
        run(a, NULL, NULL);
    }
    count(a);
    if (a->st == FS_OK && !a->unreadable)
        fs_validator_footers(a->v, d);
    /* "no records" / "no header" only when nothing else was said */
    if (a->st == FS_OK && !a->unreadable && d->errors == errors_before &&
        fs_validator_finish(a->v, d) == 0 && fs_validator_table(a->v) >= 0)
        fs_tally_note_empty(tally, (fs_table)fs_validator_table(a->v));
    for (int t = 0; t < FS_T_COUNT; t++)
        if (a->stored.col[t] >= 0) {
            stored->col[t] = a->stored.col[t];
            memcpy(stored->label[t], a->stored.label[t], sizeof stored->label[t]);
            stored->label_own[t] = a->stored.label_own[t];
        }
    fs_status st = a->st;
    fs_validator_free(a->v);
    half_free(&sp->b);
    fs_diags_free(&sp->bd);
    free(sp);
    return st;
}
