/*
 * slices.c — the run's slices, stray records and declared counts (see
 * slices.h).
 *
 * Slices are found through a dense index over (table, county, year), one
 * for the current file and one for the run; the file's index is cleared
 * entry by entry at the end of each file, so a file costs what it holds.
 */
#include "slices.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "i18n.h"

#define YEAR_MIN 2000
#define NYEARS 101
#define NINDEX (FS_T_COUNT * FS_ZONE_MAX * NYEARS)

typedef struct file_info {
    char *name;
    fs_loc_kind kind;
    char *table[FS_T_COUNT]; /* SQLite table or sheet names, NULL for CSV */
} file_info;

/* A declared record count (an indicators record). */
typedef struct declared {
    fs_table table; /* the table it counts */
    int county, year;
    long value;
    fs_tally_loc loc; /* the indicators record */
    int column;       /* file column of its value, 0 unknown */
} declared;

typedef struct slice_vec {
    fs_tally_slice *items;
    size_t count, cap;
    int *index; /* NINDEX entries: item index or -1 */
} slice_vec;

struct fs_tally {
    const fs_zone *zone;
    file_info *files;
    size_t nfiles, capfiles;
    slice_vec file, run;
    declared *fdecl, *rdecl;
    size_t nfdecl, capfdecl, nrdecl, caprdecl;
    bool sorted;
    bool empty[FS_T_COUNT];      /* an accepted file or sheet of the table held
                                    a header and no records */
    bool file_empty[FS_T_COUNT]; /* ... in the current file (fs_tally_note_empty) */
};

static size_t index_of(fs_table table, int county, int year)
{
    return ((size_t)table * FS_ZONE_MAX + (size_t)county) * NYEARS + (size_t)(year - YEAR_MIN);
}

static bool vec_init(slice_vec *v)
{
    v->index = malloc(NINDEX * sizeof *v->index);
    if (!v->index)
        return false;
    for (size_t i = 0; i < NINDEX; i++)
        v->index[i] = -1;
    return true;
}

/* The slice of v for (table, county, year), added when missing. */
static fs_tally_slice *vec_get(slice_vec *v, fs_table table, int county, int year)
{
    size_t k = index_of(table, county, year);
    if (v->index[k] >= 0)
        return &v->items[v->index[k]];
    if (!fs_grow((void **)&v->items, &v->cap, v->count, sizeof *v->items))
        return NULL;
    fs_tally_slice *s = &v->items[v->count];
    memset(s, 0, sizeof *s);
    s->table = table;
    s->county = county;
    s->year = year;
    v->index[k] = (int)v->count++;
    return s;
}

fs_tally *fs_tally_new(const fs_zone *zone)
{
    fs_tally *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->zone = zone;
    if (!vec_init(&t->file) || !vec_init(&t->run)) {
        fs_tally_free(t);
        return NULL;
    }
    return t;
}

void fs_tally_free(fs_tally *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nfiles; i++) {
        free(t->files[i].name);
        for (int k = 0; k < FS_T_COUNT; k++)
            free(t->files[i].table[k]);
    }
    free(t->files);
    free(t->file.items);
    free(t->file.index);
    free(t->run.items);
    free(t->run.index);
    free(t->fdecl);
    free(t->rdecl);
    free(t);
}

fs_status fs_tally_file_begin(fs_tally *t, const char *file)
{
    if (!fs_grow((void **)&t->files, &t->capfiles, t->nfiles, sizeof *t->files))
        return FS_ERR_NOMEM;
    file_info *f = &t->files[t->nfiles];
    memset(f, 0, sizeof *f);
    f->kind = FS_LOC_LINE;
    if (!(f->name = strdup(file)))
        return FS_ERR_NOMEM;
    memset(t->file_empty, 0, sizeof t->file_empty);
    t->nfiles++;
    for (size_t i = 0; i < t->file.count; i++) {
        const fs_tally_slice *s = &t->file.items[i];
        t->file.index[index_of(s->table, s->county, s->year)] = -1;
    }
    t->file.count = 0;
    t->nfdecl = 0;
    return FS_OK;
}

/* Which table an indicator code declares a count of, or -1. */
static int declared_table(const char *code)
{
    static const struct {
        const char *code;
        fs_table table;
    } map[] = {
        {"declared_incidents", FS_T_INCIDENTS},
        {"declared_disputes", FS_T_DISPUTES},
        {"declared_cooperation", FS_T_COOPERATION},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(code, map[i].code) == 0)
            return (int)map[i].table;
    return -1;
}

fs_status fs_tally_add(fs_tally *t, const fs_record *rec, const fs_source *src, int value_column)
{
    if (!t->nfiles)
        return FS_OK;
    int cur = (int)t->nfiles - 1;
    file_info *f = &t->files[cur];
    if (src && (src->loc_kind == FS_LOC_ROWID || src->loc_kind == FS_LOC_CELL) &&
        !f->table[rec->table]) {
        f->kind = src->loc_kind;
        if (!(f->table[rec->table] = strdup(src->table ? src->table : fs_tables[rec->table].name)))
            return FS_ERR_NOMEM;
    }
    fs_tally_slice *s = vec_get(&t->file, rec->table, rec->county, rec->year);
    if (!s)
        return FS_ERR_NOMEM;
    if (s->nlocs < FS_TALLY_LOCS)
        s->locs[s->nlocs++] = (fs_tally_loc){cur, rec->line};
    s->records++;
    if (rec->table != FS_T_INDICATORS)
        return FS_OK;
    int ic = fs_column_index(FS_T_INDICATORS, "indicator");
    int vc = fs_column_index(FS_T_INDICATORS, "value");
    const fs_column *col = &fs_tables[FS_T_INDICATORS].columns[ic];
    if (ic < 0 || vc < 0 || rec->v[ic].i < 0 || (size_t)rec->v[ic].i >= col->nvalues)
        return FS_OK;
    int table = declared_table(col->values[rec->v[ic].i].code);
    if (table < 0)
        return FS_OK;
    if (!fs_grow((void **)&t->fdecl, &t->capfdecl, t->nfdecl, sizeof *t->fdecl))
        return FS_ERR_NOMEM;
    /* value: a number column, in hundredths */
    t->fdecl[t->nfdecl++] =
        (declared){(fs_table)table,  rec->county, rec->year, (long)(rec->v[vc].i / 100),
                   {cur, rec->line}, value_column};
    return FS_OK;
}

fs_loc fs_tally_loc_of(const fs_tally *t, const fs_tally_loc *l, fs_table table)
{
    const file_info *f = &t->files[l->file];
    fs_loc loc = {FS_LOC_LINE, f->name, NULL, l->line, 0, NULL, 0};
    if (f->table[table]) {
        loc.kind = f->kind;
        loc.table = f->table[table];
    }
    return loc;
}

const char *fs_tally_file_name(const fs_tally *t, int i)
{
    return t->files[i].name;
}

/* ---------------------------------------------------- the file's name */

/* The first place at or after s where word (wn bytes) stands, ASCII
 * letters compared without case when ascii; NULL when none. */
static const char *strstr_nocase(const char *s, const char *word, size_t wn, bool ascii)
{
    for (; *s; s++)
        if (ascii ? strncasecmp(s, word, wn) == 0 : strncmp(s, word, wn) == 0)
            return s;
    return NULL;
}

/* Does name (a file's base name) hold word, ASCII letters compared without
 * case and not inside a longer run of ASCII letters? */
static bool name_has(const char *name, const char *word, size_t wn)
{
    bool ascii = wn && (unsigned char)word[0] < 0x80;
    for (const char *p = name; wn && (p = strstr_nocase(p, word, wn, ascii)) != NULL; p++) {
        if (!ascii)
            return true;
        bool before = p > name && isalpha((unsigned char)p[-1]);
        bool after = isalpha((unsigned char)p[wn]);
        if (!before && !after)
            return true;
    }
    return false;
}

/* Does name name county c: its Chinese name (砀山县, or 砀山 when that
 * leaves two characters or more), or the first word of its English name
 * (Dangshan)? */
static bool names_county(const char *name, const fs_county *c)
{
    size_t n = strlen(c->name_zh);
    if (name_has(name, c->name_zh, n))
        return true;
    /* without 县, 市 or 区 (three bytes each in UTF-8) */
    if (n >= 9 &&
        (strcmp(c->name_zh + n - 3, "县") == 0 || strcmp(c->name_zh + n - 3, "市") == 0 ||
         strcmp(c->name_zh + n - 3, "区") == 0) &&
        name_has(name, c->name_zh, n - 3))
        return true;
    size_t w = strcspn(c->name_en, " ");
    return w >= 3 && name_has(name, c->name_en, w);
}

/* The years 2000-2100 the name writes as four digits of their own: a bit
 * per year (bit y - 2000), 0 when none. */
static void name_years(const char *name, unsigned char years[(NYEARS + 7) / 8], bool *any)
{
    memset(years, 0, (NYEARS + 7) / 8);
    *any = false;
    for (const char *p = name; *p; p++) {
        if (!isdigit((unsigned char)p[0]) || (p > name && isdigit((unsigned char)p[-1])))
            continue;
        size_t k = strspn(p, "0123456789");
        if (k != 4)
            continue;
        int y = atoi(p) - YEAR_MIN;
        if (y >= 0 && y < NYEARS) {
            years[y / 8] |= (unsigned char)(1u << (y % 8));
            *any = true;
        }
    }
}

/* The current file's name against what it holds: a file whose records are
 * mostly of one county and year, named after another county (and not
 * after its own) or with years none of which is its own, is a file sent
 * under the wrong name, or a file of another county or year sent as a
 * correction: once imported, it replaces that county's year. */
static void check_name(const fs_tally *t, int county, int year, long best, long total, fs_diags *d)
{
    const file_info *f = &t->files[t->nfiles - 1];
    const char *base = strrchr(f->name, '/');
    base = base ? base + 1 : f->name;
    const fs_county *own = &t->zone->counties[county];
    fs_loc loc = {FS_LOC_FILE, f->name, NULL, 0, 0, NULL, 0};
    if (!names_county(base, own))
        for (size_t i = 0; i < t->zone->ncounties; i++) {
            const fs_county *c = &t->zone->counties[i];
            if ((int)i == county || !names_county(base, c))
                continue;
            fs_diag_add(d, R_FILE_NAME_OTHER, &loc, NULL,
                        "check that this is the file meant: once imported, its records replace "
                        "what the secretariat holds for that county and year",
                        "the file's name names %s %s, but its records are of %s %s (%ld of %ld)",
                        c->code, c->name_zh, own->code, own->name_zh, best, total);
            return;
        }
    unsigned char years[(NYEARS + 7) / 8];
    bool any;
    name_years(base, years, &any);
    int y = year - YEAR_MIN;
    if (any && !(years[y / 8] & (1u << (y % 8))))
        fs_diag_add(d, R_FILE_NAME_OTHER, &loc, NULL,
                    "check that this is the file meant: once imported, its records replace what "
                    "the secretariat holds for that county and year",
                    "the file's name gives another year, but its records are of %d (%ld of %ld)",
                    year, best, total);
}

/* Stray records of the current file: a (county, year) holding fewer than
 * 1 % of the file's records and at most FS_TALLY_LOCS, beside one holding
 * more than half of them. */
static void find_strays(const fs_tally *t, bool accept, fs_diags *d)
{
    const slice_vec *v = &t->file;
    long total = 0, best = 0;
    int best_county = -1, best_year = 0;
    for (size_t i = 0; i < v->count; i++)
        total += v->items[i].records;
    /* records per (county, year), over the file's tables */
    for (size_t i = 0; i < v->count; i++) {
        long n = 0;
        for (size_t j = 0; j < v->count; j++)
            if (v->items[j].county == v->items[i].county && v->items[j].year == v->items[i].year)
                n += v->items[j].records;
        if (n > best) {
            best = n;
            best_county = v->items[i].county;
            best_year = v->items[i].year;
        }
    }
    if (best * 2 <= total)
        return;
    if (accept) /* (a refused file: its records counted are not all it holds) */
        check_name(t, best_county, best_year, best, total, d);
    const fs_county *bc = &t->zone->counties[best_county];
    for (size_t i = 0; i < v->count; i++) {
        const fs_tally_slice *s = &v->items[i];
        if (s->county == best_county && s->year == best_year)
            continue;
        long n = 0;
        for (size_t j = 0; j < v->count; j++)
            if (v->items[j].county == s->county && v->items[j].year == s->year)
                n += v->items[j].records;
        if (n * 100 >= total || n > FS_TALLY_LOCS)
            continue;
        const fs_county *c = &t->zone->counties[s->county];
        for (int k = 0; k < s->nlocs; k++) {
            fs_loc loc = fs_tally_loc_of(t, &s->locs[k], s->table);
            char tl[FS_TABLE_LABEL_MAX];
            fs_diag_add(
                d, R_RECORDS_STRAY, &loc, NULL,
                "check its county and date: once imported, a record of another county or "
                "year replaces what the secretariat holds for that county, year and table",
                "a stray record? this %s record is of %s %s for %d, while %ld of the file's "
                "%ld records are of %s %s for %d",
                fs_table_label(s->table, tl, sizeof tl), c->code, c->name_zh, s->year, best, total,
                bc->code, bc->name_zh, best_year);
        }
    }
}

void fs_tally_file_end(fs_tally *t, bool accept, fs_diags *d)
{
    if (!t->nfiles)
        return;
    find_strays(t, accept, d);
    if (!accept)
        return;
    for (int k = 0; k < FS_T_COUNT; k++)
        t->empty[k] = t->empty[k] || t->file_empty[k];
    t->sorted = false;
    for (size_t i = 0; i < t->file.count; i++) {
        const fs_tally_slice *s = &t->file.items[i];
        fs_tally_slice *r = vec_get(&t->run, s->table, s->county, s->year);
        if (!r) {
            d->oom = true;
            return;
        }
        r->records += s->records;
        for (int k = 0; k < s->nlocs && r->nlocs < FS_TALLY_LOCS; k++)
            r->locs[r->nlocs++] = s->locs[k];
    }
    for (size_t i = 0; i < t->nfdecl; i++) {
        if (!fs_grow((void **)&t->rdecl, &t->caprdecl, t->nrdecl, sizeof *t->rdecl)) {
            d->oom = true;
            return;
        }
        t->rdecl[t->nrdecl++] = t->fdecl[i];
    }
}

const fs_tally_slice *fs_tally_find(const fs_tally *t, fs_table table, int county, int year)
{
    if (county < 0 || county >= FS_ZONE_MAX || year < YEAR_MIN || year >= YEAR_MIN + NYEARS)
        return NULL;
    int k = t->run.index[index_of(table, county, year)];
    return k >= 0 ? &t->run.items[k] : NULL;
}

void fs_tally_note_empty(fs_tally *t, fs_table table)
{
    t->file_empty[table] = true;
}

void fs_tally_check_declared(const fs_tally *t, fs_diags *d)
{
    for (size_t i = 0; i < t->nrdecl; i++) {
        const declared *x = &t->rdecl[i];
        const fs_tally_slice *s = fs_tally_find(t, x->table, x->county, x->year);
        long records = s ? s->records : 0;
        if ((!s && !t->empty[x->table]) || records == x->value)
            continue;
        fs_loc loc = fs_tally_loc_of(t, &x->loc, FS_T_INDICATORS);
        loc.colname = "value";
        loc.column = x->column;
        const fs_county *c = &t->zone->counties[x->county];
        /* two counts, each with its own plural form */
        char said[64], held[160], tl[FS_TABLE_LABEL_MAX], il[FS_DECLARED_LABEL_MAX];
        snprintf(said, sizeof said, P_("%ld record", "%ld records", x->value), x->value);
        snprintf(held, sizeof held, P_("%ld %s record", "%ld %s records", records), records,
                 fs_table_label(x->table, tl, sizeof tl));
        fs_diag_add(d, R_IND_DECLARED_MISMATCH, &loc, NULL,
                    "correct the declared count, or send the missing records (or remove the "
                    "surplus ones) so that both agree",
                    "%s of %s %s for %d says %s, but the files hold %s of that county and year",
                    fs_declared_label(x->table, il, sizeof il), c->code, c->name_zh, x->year, said,
                    held);
    }
}

size_t fs_tally_nslices(const fs_tally *t)
{
    return t->run.count;
}

static int cmp_slice(const void *a, const void *b)
{
    const fs_tally_slice *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->county != y->county) /* zone counties are sorted by code */
        return x->county < y->county ? -1 : 1;
    return (int)x->table - (int)y->table;
}

const fs_tally_slice *fs_tally_slices(fs_tally *t)
{
    if (!t->sorted && t->run.count > 1) {
        qsort(t->run.items, t->run.count, sizeof *t->run.items, cmp_slice);
        for (size_t i = 0; i < t->run.count; i++) {
            const fs_tally_slice *s = &t->run.items[i];
            t->run.index[index_of(s->table, s->county, s->year)] = (int)i;
        }
    }
    t->sorted = true;
    return t->run.items;
}

fs_status fs_tally_absorb(fs_tally *t, const fs_tally *from)
{
    if (!t->nfiles || !from->nfiles)
        return FS_OK;
    int cur = (int)t->nfiles - 1;
    for (size_t i = 0; i < from->file.count; i++) {
        const fs_tally_slice *s = &from->file.items[i];
        fs_tally_slice *d = vec_get(&t->file, s->table, s->county, s->year);
        if (!d)
            return FS_ERR_NOMEM;
        for (int k = 0; k < s->nlocs && d->nlocs < FS_TALLY_LOCS; k++)
            d->locs[d->nlocs++] = (fs_tally_loc){cur, s->locs[k].line};
        d->records += s->records;
    }
    for (size_t i = 0; i < from->nfdecl; i++) {
        if (!fs_grow((void **)&t->fdecl, &t->capfdecl, t->nfdecl, sizeof *t->fdecl))
            return FS_ERR_NOMEM;
        t->fdecl[t->nfdecl] = from->fdecl[i];
        t->fdecl[t->nfdecl++].loc.file = cur;
    }
    return FS_OK;
}
