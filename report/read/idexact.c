/*
 * idexact.c — repeated identifiers named exactly, without a database
 * (see idexact.h).
 *
 * The check reads the run's parts of the table in order, numbering their
 * records as an import would store them (seq), and keeps those whose
 * fingerprint is wanted: one of the collisions idcheck reports, or, when
 * fingerprints were dropped, one of a range of fingerprints (a pass; more
 * passes, each over a narrower range, when one would hold too many).  The
 * kept records are sorted by identity then seq: in each run of equal
 * identities the first is the original, and every later one from the
 * current part is a repeat, reported in seq order.
 */
#include "idexact.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "csv_source.h"
#include "grow.h"
#include "i18n.h"
#include "sqlite_source.h"
#include "validate.h"
#include "xlsx_source.h"

/* Records kept at once by one pass when every fingerprint is wanted. */
#define PASS_CAP ((size_t)1 << 21)

typedef struct part {
    char *path;
    int sqlite_index; /* -1: a CSV file; FS_IDEXACT_XLSX_PART(i): a sheet */
    fs_table table;
} part;

struct fs_idexact {
    const fs_zone *zone;
    part *p;
    size_t n, cap;
    size_t file_first; /* p[file_first..n): the current file's parts */
    long file_records;
    size_t pass_cap; /* PASS_CAP unless a test says otherwise */
};

fs_idexact *fs_idexact_new(const fs_zone *zone)
{
    fs_idexact *x = calloc(1, sizeof *x);
    if (x) {
        x->zone = zone;
        x->pass_cap = PASS_CAP;
    }
    return x;
}

void fs_idexact_set_pass_cap(fs_idexact *x, size_t cap)
{
    x->pass_cap = cap ? cap : 1;
}

static void drop_parts(fs_idexact *x, size_t from)
{
    for (size_t i = from; i < x->n; i++)
        free(x->p[i].path);
    x->n = from;
}

void fs_idexact_free(fs_idexact *x)
{
    if (!x)
        return;
    drop_parts(x, 0);
    free(x->p);
    free(x);
}

fs_status fs_idexact_part(fs_idexact *x, const char *path, int sqlite_index, fs_table table)
{
    if (!fs_grow((void **)&x->p, &x->cap, x->n, sizeof *x->p))
        return FS_ERR_NOMEM;
    char *copy = strdup(path);
    if (!copy)
        return FS_ERR_NOMEM;
    part *np = &x->p[x->n++];
    np->path = copy;
    np->sqlite_index = sqlite_index;
    np->table = table;
    return FS_OK;
}

void fs_idexact_count(fs_idexact *x, long n)
{
    x->file_records += n;
}

long fs_idexact_file_end(fs_idexact *x, bool accepted)
{
    long n = x->file_records;
    if (!accepted)
        drop_parts(x, x->file_first);
    x->file_first = x->n;
    x->file_records = 0;
    return n;
}

/* ------------------------------------------------------------ one pass */

typedef struct entry {
    uint64_t key;
    uint64_t seq; /* order in which an import would store it */
    size_t part;  /* index into fs_idexact.p                  */
    long line;
    long row; /* spreadsheet row when it differs from line, else 0 */
    int county, year;
    size_t id, idlen; /* the identifier: text[id .. id + idlen)  */
} entry;

typedef struct pass {
    const uint64_t *keys; /* wanted fingerprints (sorted), or NULL: a range */
    size_t nkeys;
    uint64_t lo, hi; /* the range [lo, hi], when keys is NULL          */
    entry *e;
    size_t n, cap;
    char *text;
    size_t used, tcap;
    size_t limit; /* a range pass keeps at most this many records   */
    bool full;    /* it did: the range is made narrower             */
} pass;

static bool wanted(const pass *ps, uint64_t key)
{
    if (!ps->keys)
        return key >= ps->lo && key <= ps->hi;
    size_t lo = 0, hi = ps->nkeys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ps->nkeys && ps->keys[lo] == key;
}

static bool keep(pass *ps, const fs_record *rec, long row, uint64_t key, uint64_t seq, size_t pi,
                 const fs_value *id)
{
    if (!fs_grow((void **)&ps->e, &ps->cap, ps->n, sizeof *ps->e))
        return false;
    if (ps->used + id->len > ps->tcap) {
        size_t cap = ps->tcap ? ps->tcap : 4096;
        while (cap < ps->used + id->len)
            cap *= 2;
        char *t = realloc(ps->text, cap);
        if (!t)
            return false;
        ps->text = t;
        ps->tcap = cap;
    }
    if (id->len)
        memcpy(ps->text + ps->used, id->s, id->len);
    ps->e[ps->n++] =
        (entry){key, seq, pi, rec->line, row, rec->county, rec->year, ps->used, id->len};
    ps->used += id->len;
    return true;
}

/* Read part i again, keeping its wanted records of table t; *seq counts
 * the records of t read so far.  Its own problems were reported when it was
 * first read: the ones found again are dropped. */
static fs_status read_part(const fs_idexact *x, size_t i, fs_table t, pass *ps, uint64_t *seq)
{
    const part *p = &x->p[i];
    fs_diags junk;
    fs_diags_init(&junk);
    fs_source *src = NULL;
    fs_sqlite_sub *sub = NULL;
    fs_xlsx_book *book = NULL;
    fs_encoding enc;
    int forced = -1;
    fs_status st;
    if (p->sqlite_index == -1) {
        st = fs_csv_open(p->path, p->path, &src, &enc, &junk);
    } else if (p->sqlite_index < -1) {
        size_t sheet = (size_t)(-2 - p->sqlite_index);
        st = fs_xlsx_open(p->path, p->path, &book, &junk);
        if (st == FS_OK && sheet < fs_xlsx_nsheets(book))
            st = fs_xlsx_sheet_source(book, sheet, &src, &junk);
        else if (st == FS_OK)
            st = FS_ERR_DATA;
    } else {
        st = fs_sqlite_sub_open(p->path, p->path, &sub, &junk);
        if (st == FS_OK && (size_t)p->sqlite_index < fs_sqlite_sub_ntables(sub)) {
            forced = fs_sqlite_sub_table_id(sub, (size_t)p->sqlite_index);
            st = fs_sqlite_sub_table(sub, (size_t)p->sqlite_index, &src, &junk);
        } else if (st == FS_OK) {
            st = FS_ERR_DATA;
        }
    }
    if (st == FS_ERR_DATA)
        st = FS_ERR_IO; /* it was read before: it changed since */
    fs_validator *v = st == FS_OK ? fs_validator_new(x->zone, src, forced) : NULL;
    if (st == FS_OK && !v)
        st = FS_ERR_NOMEM;
    const fs_table_def *td = &fs_tables[t];
    for (long rows = 0; st == FS_OK && !ps->full; rows++) {
        fs_row row;
        bool eof;
        fs_record rec;
        st = fs_source_next(src, &row, &eof, &junk);
        if (st == FS_ERR_DATA) { /* where the first reading stopped too */
            st = FS_OK;
            break;
        }
        if (st != FS_OK || eof)
            break;
        fs_row_kind k = fs_validator_row(v, &row, &rec, &junk);
        if (k == FS_ROW_STOP)
            break;
        /* a rejected row with a valid identity counts, as when first read */
        if (!fs_validator_identity(v) || rec.table != t)
            continue;
        const fs_value *id = &rec.v[td->id_col];
        uint64_t key = fs_idcheck_key(rec.table, rec.county, rec.year, id->s, id->len);
        if (wanted(ps, key)) {
            /* the spreadsheet row the source gave the record's line (a
             * CSV record after quoted line breaks), for its message */
            long srow = junk.row_line > 0 && junk.row_line == rec.line ? junk.row_row : 0;
            if (!keep(ps, &rec, srow, key, *seq, i, id))
                st = FS_ERR_NOMEM;
            else if (!ps->keys && ps->n > ps->limit && ps->lo != ps->hi)
                ps->full = true;
        }
        (*seq)++;
        if (rows % 4096 == 4095) { /* the dropped problems: memory stays flat */
            fs_diags_free(&junk);
            fs_diags_init(&junk);
        }
    }
    fs_validator_free(v);
    fs_source_free(src);
    fs_sqlite_sub_free(sub);
    fs_xlsx_free(book);
    fs_diags_free(&junk);
    return st;
}

static int by_identity(const void *a, const void *b, void *text)
{
    const entry *x = a, *y = b;
    const char *pass_text = text;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->idlen != y->idlen)
        return x->idlen < y->idlen ? -1 : 1;
    int c = memcmp(pass_text + x->id, pass_text + y->id, x->idlen);
    if (c)
        return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static bool same_identity(const pass *ps, const entry *a, const entry *b)
{
    return a->key == b->key && a->county == b->county && a->year == b->year &&
           a->idlen == b->idlen && memcmp(ps->text + a->id, ps->text + b->id, a->idlen) == 0;
}

/* The repeats found, reported in the order stored once all passes ran. */
typedef struct repeat {
    uint64_t seq;
    long line, first_line;
    long row; /* spreadsheet row of line when it differs, else 0 */
    int county, year;
    char *id; /* the identifier (its bytes, NUL added) */
    size_t idlen;
    const char *first_file; /* borrowed from fs_idexact.p            */
} repeat;

typedef struct found {
    repeat *r;
    size_t n, cap;
} found;

static bool found_add(found *f, const entry *a, const char *id, const char *first_file,
                      long first_line)
{
    if (!fs_grow((void **)&f->r, &f->cap, f->n, sizeof *f->r))
        return false;
    char *copy = malloc(a->idlen + 1);
    if (!copy)
        return false;
    memcpy(copy, id, a->idlen);
    copy[a->idlen] = '\0';
    repeat *r = &f->r[f->n++];
    r->seq = a->seq;
    r->line = a->line;
    r->row = a->row;
    r->first_line = first_line;
    r->county = a->county;
    r->year = a->year;
    r->id = copy;
    r->idlen = a->idlen;
    r->first_file = first_file;
    return true;
}

static int repeat_by_seq(const void *a, const void *b)
{
    const repeat *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* One pass: read, sort, note the repeats of the current part in f. */
static fs_status run_pass(const fs_idexact *x, fs_table t, pass *ps, found *f)
{
    uint64_t seq = 0;
    fs_status st = FS_OK;
    for (size_t i = 0; i < x->n && st == FS_OK && !ps->full; i++)
        if (x->p[i].table == t)
            st = read_part(x, i, t, ps, &seq);
    if (st != FS_OK || ps->full || ps->n < 2)
        return st;
    qsort_r(ps->e, ps->n, sizeof *ps->e, by_identity, ps->text);
    /* the repeats of the current part (the last), each with its first */
    size_t cur = x->n - 1;
    fs_status st2 = FS_OK;
    for (size_t g = 0; g < ps->n;) {
        size_t e = g + 1;
        while (e < ps->n && same_identity(ps, &ps->e[g], &ps->e[e]))
            e++;
        for (size_t j = g + 1; j < e && st2 == FS_OK; j++) {
            const entry *a = &ps->e[j], *first = &ps->e[g];
            if (a->part == cur &&
                !found_add(f, a, ps->text + a->id, x->p[first->part].path, first->line))
                st2 = FS_ERR_NOMEM;
        }
        g = e;
    }
    return st2;
}

static void pass_reset(pass *ps)
{
    ps->n = 0;
    ps->used = 0;
    ps->full = false;
}

fs_status fs_idexact_report(fs_idexact *x, fs_idcheck *ids, fs_table t, const fs_loc *idloc,
                            fs_diags *d)
{
    if (x->n == 0)
        return FS_OK;
    uint64_t *keys;
    size_t nkeys;
    bool all;
    fs_status st = fs_idcheck_collisions(ids, t, &keys, &nkeys, &all);
    if (st != FS_OK || (!all && nkeys == 0))
        return st;
    pass ps = {0};
    found f = {0};
    if (!all) {
        ps.keys = keys;
        ps.nkeys = nkeys;
        st = run_pass(x, t, &ps, &f);
    } else {
        /* ranges of fingerprints, as many as it takes to keep each pass
         * within the pass cap: a pass that overflows is done again over
         * half its range, the next range is twice as wide */
        uint64_t lo = 0, width = UINT64_MAX; /* the range: [lo, lo + width] */
        for (;;) {
            pass_reset(&ps);
            ps.limit = x->pass_cap;
            ps.lo = lo;
            ps.hi = lo + width;
            if ((st = run_pass(x, t, &ps, &f)) != FS_OK)
                break;
            if (ps.full) {
                width /= 2;
                continue;
            }
            if (ps.hi == UINT64_MAX)
                break;
            lo = ps.hi + 1;
            if (width < UINT64_MAX / 2) /* the next range: wider again */
                width = width * 2 + 1;
            if (width > UINT64_MAX - lo)
                width = UINT64_MAX - lo;
        }
    }
    if (st == FS_OK) {
        if (f.n > 1)
            qsort(f.r, f.n, sizeof *f.r, repeat_by_seq);
        const fs_table_def *td = &fs_tables[t];
        /* the column as the file's header named it (idloc), as the
         * import's check (warehouse.c) says it */
        const char *idname = idloc->colname ? idloc->colname : td->columns[td->id_col].name;
        const char *row_file = d->row_file; /* restored below */
        long row_line = d->row_line, row_row = d->row_row;
        fs_sbuf cl = {0}; /* a county as the messages name it */
        for (size_t r = 0; r < f.n; r++) {
            const repeat *a = &f.r[r];
            fs_loc loc = *idloc;
            loc.line = a->line;
            /* the message gives the spreadsheet row too, as the record's
             * other problems do (standard v2 §2.1) */
            fs_diags_set_row(d, loc.file, a->line, a->row);
            char value[264], where[600];
            fs_diag_echo(a->id, a->idlen, value, sizeof value);
            /* The words of the import's SQL check (warehouse.c), so both
             * commands say the same in either language. */
            snprintf(where, sizeof where, _("%s line %lld"), a->first_file,
                     (long long)a->first_line);
            /* the county: its code, and its name in Chinese */
            const char *county =
                fs_zone_county_label(x->zone, x->zone->counties[a->county].code, &cl);
            if (t == FS_T_INDICATORS)
                fs_diag_add(d, R_UNIQUE_ID, &loc, value,
                            "give each record its own identifier; if both rows are the same "
                            "record, delete one",
                            "%s '%s' of %s in %lld repeats an indicator (see %s)", idname, value,
                            county, (long long)a->year, where);
            else
                fs_diag_add(d, R_UNIQUE_ID, &loc, value,
                            "give each record its own identifier; if both rows are the same "
                            "record, delete one",
                            "%s '%s' of %s in %lld repeats an identifier (see %s)", idname, value,
                            county, (long long)a->year, where);
        }
        fs_diags_set_row(d, row_file, row_line, row_row);
        fs_sbuf_free(&cl);
    }
    for (size_t r = 0; r < f.n; r++)
        free(f.r[r].id);
    free(f.r);
    free(ps.e);
    free(ps.text);
    free(keys);
    return st;
}
