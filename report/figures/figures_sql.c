/*
 * figures_sql.c — read what the figures need from the warehouse (the only
 * SQL of the figures module; see figures_int.h for the data model).
 *
 * A handful of queries per table, each over the live records of all the
 * years asked for at once, grouped by county and year:
 *
 *   cube       records grouped by the cube's dimensions, with count and sums
 *              (for incidents and disputes: the cells the store kept, cube.h,
 *              grouped in C; with the disputes' days to close)
 *   shared     incidents with a cross_ref, one by one (with what the
 *              register of cross-regional cases lists); disputes with a
 *              counterpart or joint_ref, per joint_ref; joint cooperation
 *              records one by one (all of these are few)
 *   pairs      solo cooperation records per (partners, lead), for the matrix
 *   assist     incidents per assisted_by list, for the assistance matrix
 *   closing    closed disputes per days to close (from the cube's scan), for
 *              medians
 *
 * The live records are those of live_slices (warehouse.h); the queries
 * spell out the join of the live_<table> views so that the same join can
 * run over a table's records or over its stored cube cells (cube_<table>),
 * and so that SQLite reads the few shared records through the partial
 * indexes of migration 2.  Dates stay ISO text and day differences are
 * taken in C or by the store; string order is never asked of SQL (C sorts
 * by code point), so PostgreSQL can run the same statements.  Records of a
 * county that is no longer in the zone are skipped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "grow.h"
#include "i18n.h"
#include "parse.h"

/* --------------------------------------------------------------- helpers */

struct fs_fig_arena_block {
    fs_fig_arena_block *next;
    size_t used, size;
    char data[];
};

static const char *arena_strdup(fs_fig_data *d, const char *s)
{
    size_t n = strlen(s) + 1;
    fs_fig_arena_block *b = d->arena;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = d->arena;
        b->used = 0;
        b->size = size;
        d->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    return p;
}

char *fs_fig_strdupf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

bool fs_fig_iso_days(const char *s, int64_t *days)
{
    /* The warehouse stores "YYYY-MM-DD"; anything else goes through the
     * general parser. */
    fs_date d;
    if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
        int v[8], k = 0;
        for (int i = 0; i < 10; i++) {
            if (i == 4 || i == 7)
                continue;
            if (s[i] < '0' || s[i] > '9')
                goto general;
            v[k++] = s[i] - '0';
        }
        d.year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        d.month = v[4] * 10 + v[5];
        d.day = v[6] * 10 + v[7];
        if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31) {
            *days = fs_date_days(d);
            return true;
        }
    }
general:
    if (fs_parse_date(s, strlen(s), &d) != FS_PARSE_OK)
        return false;
    *days = fs_date_days(d);
    return true;
}

const char *fs_fig_county_en(const fs_zone *z, int c)
{
    return c >= 0 && (size_t)c < z->ncounties ? z->counties[c].name_en : "?";
}

const char *fs_fig_county_zh(const fs_zone *z, int c)
{
    return c >= 0 && (size_t)c < z->ncounties ? z->counties[c].name_zh : "?";
}

/* ----------------------------------------------------------- query runs */

typedef struct loader {
    fs_db *db;
    fs_fig_data *d;
    char years_in[1024];    /* "?, ?, ?" */
    fs_table table;         /* the table of the cube being read */
    int kind_dim;           /* cooperation cube dimension of `kind`, or -1 */
    int bind0, nbind;       /* the years bound to years_in (0, 0: all)    */
    struct cube_grid *grid; /* a stored cube being grouped (load_cube) */
} loader;

typedef fs_status (*row_fn)(loader *L, fs_stmt *st, int county, int yi);

/* Run `sql` (the years bound to its placeholders, in order) and hand each
 * row whose county is a member to fn.  Column 0 is the county code,
 * column 1 the year. */
static fs_status run(loader *L, const char *sql, row_fn fn)
{
    fs_stmt *st;
    fs_status s = fs_db_prepare(L->db, sql, &st);
    if (s != FS_OK)
        return s;
    int y = L->nbind ? L->bind0 : L->d->y0, n = L->nbind ? L->nbind : L->d->nyears;
    for (int i = 0; i < n; i++)
        fs_stmt_bind_int(st, i + 1, y + i);
    bool row;
    while ((s = fs_stmt_step(st, &row)) == FS_OK && row) {
        int county = fs_zone_by_code(L->d->zone, fs_stmt_text(st, 0));
        int64_t year = fs_stmt_int(st, 1);
        if (county < 0 || year < L->d->y0 || year >= L->d->y0 + L->d->nyears)
            continue;
        if ((s = fn(L, st, county, (int)(year - L->d->y0))) != FS_OK)
            break;
    }
    fs_stmt_free(st);
    return s;
}

/* "SELECT s.county, s.year, <cols> FROM live <table> WHERE <years> AND <cond>
 *  [GROUP BY s.county, s.year, <group>]" */
static void build_sql_from(const loader *L, char *sql, size_t size, fs_table t, const char *from,
                           const char *cols, const char *cond, const char *group)
{
    const char *name = fs_tables[t].name;
    snprintf(sql, size,
             "SELECT s.county, s.year, %s FROM live_slices s JOIN %s%s r"
             " ON r.import_id = s.import_id AND r.county = s.county AND r.year = s.year"
             " WHERE s.tbl = '%s' AND s.year IN (%s)%s%s%s%s",
             cols, from, name, name, L->years_in, cond ? " AND " : "", cond ? cond : "",
             group ? " GROUP BY s.county, s.year" : "", group ? group : "");
}

/* Over the table's records. */
static void build_sql(const loader *L, char *sql, size_t size, fs_table t, const char *cols,
                      const char *cond, const char *group)
{
    build_sql_from(L, sql, size, t, "", cols, cond, group);
}

static fs_status push_cell(fs_fig_cy *cy, fs_table t, const fs_fig_cell *cell)
{
    if (!fs_grow((void **)&cy->cells[t], &cy->capcells[t], cy->ncells[t], sizeof *cy->cells[t]))
        return FS_ERR_NOMEM;
    cy->cells[t][cy->ncells[t]++] = *cell;
    return FS_OK;
}

static fs_status push_srow(fs_fig_data *d, const fs_fig_srow *r)
{
    if (!fs_grow((void **)&d->srows, &d->capsrows, d->nsrows, sizeof *d->srows))
        return FS_ERR_NOMEM;
    d->srows[d->nsrows++] = *r;
    return FS_OK;
}

/* ----------------------------------------------------------------- cubes */

/* Read a cube cell from the columns at *col: the dimensions, then (when
 * `counted`) count(*), then the measures.  An uncounted row is one record. */
static void read_cell(fs_table t, fs_stmt *st, int *col, bool counted, fs_fig_cell *cell)
{
    const fs_cube_def *cd = &fs_cubes[t];
    memset(cell, 0, sizeof *cell);
    memset(cell->dim, -1, sizeof cell->dim);
    int k;
    for (k = 0; k < FS_CUBE_MAX_DIMS && cd->dims[k]; k++)
        cell->dim[k] = (int8_t)fs_enum_index(t, cd->dims[k], fs_stmt_text(st, (*col)++));
    cell->m[0] = counted ? fs_stmt_int(st, (*col)++) : 1;
    for (k = 0; k < FS_CUBE_MAX_MEASURES - 1 && cd->measures[k]; k++)
        cell->m[k + 1] = fs_stmt_int(st, (*col)++);
}

/* ", r.dim1, r.dim2" (dims) or ", sum(r.m1), ..." / ", r.m1, ..." (measures). */
static void cube_columns(fs_table t, bool dims, bool summed, char *buf, size_t size)
{
    const fs_cube_def *cd = &fs_cubes[t];
    size_t n = strlen(buf);
    if (dims)
        for (int k = 0; k < FS_CUBE_MAX_DIMS && cd->dims[k] && n < size; k++)
            n += (size_t)snprintf(buf + n, size - n, ", r.%s", cd->dims[k]);
    else
        for (int k = 0; k < FS_CUBE_MAX_MEASURES - 1 && cd->measures[k] && n < size; k++)
            n += (size_t)snprintf(buf + n, size - n, summed ? ", sum(r.%s)" : ", r.%s",
                                  cd->measures[k]);
}

static fs_status cube_row(loader *L, fs_stmt *st, int county, int yi)
{
    fs_fig_cell cell;
    int col = 2;
    read_cell(L->table, st, &col, true, &cell);
    if (cell.m[0] <= 0)
        return FS_OK;
    L->d->has[yi * FS_T_COUNT + L->table] |= (fs_county_set)1 << county;
    return push_cell(fs_fig_cy_at(L->d, yi, county), L->table, &cell);
}

static fs_status push_closing(fs_fig_cy *cy, int64_t days, int64_t count)
{
    if (!fs_grow((void **)&cy->close, &cy->capclose, cy->nclose, sizeof *cy->close))
        return FS_ERR_NOMEM;
    cy->close[cy->nclose++] = (fs_fig_daycount){days, count};
    return FS_OK;
}

/* A stored cube is grouped here, not by SQL: its cells are read as the
 * store kept them (a cell per file, county, year, dimensions and, for
 * disputes, days to close) and added up per county and year in a grid
 * indexed by the dimensions' enum indices (the last index of each: a code
 * the schema does not know), so memory follows the enumerations, not the
 * records.  The same scan hands the days to close to the closing medians
 * (merge_closing).  Measured at 1 M records (60 858 disputes cube rows):
 * SQL's GROUP BY 37.6 ms plus 8.9 ms to read the days again, this one scan
 * 17 ms; the whole report 0.92x the time (farm-bench, 11 paired runs). */
typedef struct cube_grid {
    const fs_column *dim[FS_CUBE_MAX_DIMS];
    size_t span[FS_CUBE_MAX_DIMS]; /* the dimension's values + 1 */
    size_t size;                   /* cells per county and year  */
    int ndims, nmeasures;
    bool days;        /* the last column: days to close */
    fs_fig_cell **at; /* per fs_fig_cy, NULL until a row */
} cube_grid;

static fs_status grid_row(loader *L, fs_stmt *st, int county, int yi)
{
    cube_grid *g = L->grid;
    size_t i = (size_t)yi * L->d->ncounties + (size_t)county;
    if (!g->at[i] && !(g->at[i] = calloc(g->size, sizeof *g->at[i])))
        return FS_ERR_NOMEM;
    size_t key = 0;
    int col = 2;
    for (int k = 0; k < g->ndims; k++) {
        const char *code = fs_stmt_text(st, col++);
        int idx = code && g->dim[k] ? fs_enum_find(g->dim[k], code, strlen(code)) : -1;
        key = key * g->span[k] + (idx < 0 ? g->span[k] - 1 : (size_t)idx);
    }
    fs_fig_cell *cell = &g->at[i][key]; /* its dimensions: from key, when kept */
    int64_t n = fs_stmt_int(st, col++);
    cell->m[0] += n;
    for (int k = 1; k <= g->nmeasures; k++)
        cell->m[k] += fs_stmt_int(st, col++);
    if (g->days && !fs_stmt_is_null(st, col))
        return push_closing(fs_fig_cy_at(L->d, yi, county), fs_stmt_int(st, col), n);
    return FS_OK;
}

/* Scan stored cube t into grids, then keep each county and year's cells
 * (in index order) as the SQL-grouped cube would have given them. */
static fs_status load_stored_cube(loader *L, fs_table t)
{
    const fs_cube_def *cd = &fs_cubes[t];
    cube_grid g = {.size = 1, .days = cd->days_from != NULL};
    char cols[512] = "", sql[2048];
    for (g.ndims = 0; g.ndims < FS_CUBE_MAX_DIMS && cd->dims[g.ndims]; g.ndims++) {
        int c = fs_column_index(t, cd->dims[g.ndims]); /* -1: every value unknown */
        g.dim[g.ndims] = c < 0 ? NULL : &fs_tables[t].columns[c];
        g.span[g.ndims] = (c < 0 ? 0 : g.dim[g.ndims]->nvalues) + 1;
        g.size *= g.span[g.ndims];
    }
    while (g.nmeasures < FS_CUBE_MAX_MEASURES - 1 && cd->measures[g.nmeasures])
        g.nmeasures++;
    cube_columns(t, true, false, cols, sizeof cols);
    size_t n = strlen(cols);
    snprintf(cols + n, sizeof cols - n, ", r.n");
    cube_columns(t, false, false, cols, sizeof cols);
    if (g.days) {
        n = strlen(cols);
        snprintf(cols + n, sizeof cols - n, ", r." FS_CUBE_DAYS_COLUMN);
    }
    build_sql_from(L, sql, sizeof sql, t, "cube_", cols + 2, NULL, NULL);
    size_t ncy = (size_t)L->d->nyears * L->d->ncounties;
    g.at = calloc(ncy ? ncy : 1, sizeof(fs_fig_cell *));
    if (!g.at)
        return FS_ERR_NOMEM;
    L->grid = &g;
    fs_status s = run(L, sql, grid_row);
    L->grid = NULL;
    for (size_t i = 0; i < ncy; i++) {
        for (size_t key = 0; s == FS_OK && g.at[i] && key < g.size; key++) {
            const fs_fig_cell *cell = &g.at[i][key];
            if (cell->m[0] <= 0)
                continue;
            int yi = (int)(i / L->d->ncounties), county = (int)(i % L->d->ncounties);
            L->d->has[yi * FS_T_COUNT + t] |= (fs_county_set)1 << county;
            fs_fig_cell c = *cell;
            memset(c.dim, -1, sizeof c.dim);
            for (size_t k = (size_t)g.ndims, rest = key; k-- > 0; rest /= g.span[k]) {
                size_t v = rest % g.span[k]; /* the last slot: unknown code */
                c.dim[k] = v == g.span[k] - 1 ? -1 : (int8_t)v;
            }
            s = push_cell(&L->d->cy[i], t, &c);
        }
        free(g.at[i]);
    }
    free(g.at);
    return s;
}

/* SELECT s.county, s.year, dims..., count(*), sum(measures)... GROUP BY dims,
 * from the records; a stored cube (cube.h) is grouped by load_stored_cube. */
static fs_status load_cube(loader *L, fs_table t)
{
    if (fs_cubes[t].stored)
        return load_stored_cube(L, t);
    char cols[512] = "", group[256] = "", sql[2048];
    cube_columns(t, true, false, group, sizeof group);
    snprintf(cols, sizeof cols, "%s%scount(*)", group[0] ? group + 2 : "", group[0] ? ", " : "");
    cube_columns(t, false, true, cols, sizeof cols);
    build_sql(L, sql, sizeof sql, t, cols, fs_cubes[t].where, group);
    L->table = t;
    return run(L, sql, cube_row);
}

/* ------------------------------------------------------- shared records */

static fs_status incident_ref_row(loader *L, fs_stmt *st, int county, int yi)
{
    fs_fig_srow r;
    memset(&r, 0, sizeof r);
    r.table = FS_T_INCIDENTS;
    r.yi = yi;
    r.county = county;
    r.ref = arena_strdup(L->d, fs_stmt_text(st, 2));
    r.id = arena_strdup(L->d, fs_stmt_text(st, 3));
    r.code = fs_enum_index(FS_T_INCIDENTS, "category", fs_stmt_text(st, 4));
    r.named = fs_zone_code_list(L->d->zone, fs_stmt_text(st, 5));
    r.lead = -1;
    r.count = 1;
    /* what the register of cross-regional cases lists */
    r.date = arena_strdup(L->d, fs_stmt_text(st, 6));
    r.subcategory = arena_strdup(L->d, fs_stmt_text(st, 7));
    r.offenses = fs_stmt_int(st, 8);
    r.loss = fs_stmt_int(st, 9);
    r.recovered = fs_stmt_int(st, 10);
    r.status = fs_enum_index(FS_T_INCIDENTS, "status", fs_stmt_text(st, 11));
    r.assisted = fs_zone_code_list(L->d->zone, fs_stmt_text(st, 12));
    if (!r.ref || !r.id || !r.date || !r.subcategory)
        return FS_ERR_NOMEM;
    /* A record that counts as part of a shared case, not on its own. */
    fs_fig_cy_at(L->d, yi, county)->solo[FS_T_INCIDENTS] -= 1;
    return push_srow(L->d, &r);
}

static fs_status dispute_ref_row(loader *L, fs_stmt *st, int county, int yi)
{
    if (fs_stmt_is_null(st, 2)) {
        /* counterpart without joint_ref: a cross-border dispute of its own */
        fs_fig_cy_at(L->d, yi, county)->solo[FS_T_DISPUTES] += fs_stmt_int(st, 3);
        return FS_OK;
    }
    fs_fig_srow r;
    memset(&r, 0, sizeof r);
    r.table = FS_T_DISPUTES;
    r.yi = yi;
    r.county = county;
    r.ref = arena_strdup(L->d, fs_stmt_text(st, 2));
    r.id = "";
    r.code = -1;
    r.lead = -1;
    r.count = fs_stmt_int(st, 3);
    return r.ref ? push_srow(L->d, &r) : FS_ERR_NOMEM;
}

/* Columns: joint_ref, activity_id, partners, lead, date, then the
 * cooperation cube's dimensions and measures: the record as a cube cell,
 * so that a joint activity is summed by the same filters as the rest. */
static fs_status coop_joint_row(loader *L, fs_stmt *st, int county, int yi)
{
    const fs_zone *z = L->d->zone;
    fs_fig_srow r;
    memset(&r, 0, sizeof r);
    r.table = FS_T_COOPERATION;
    r.yi = yi;
    r.county = county;
    r.ref = arena_strdup(L->d, fs_stmt_text(st, 2));
    r.id = arena_strdup(L->d, fs_stmt_text(st, 3));
    r.named = fs_zone_code_list(z, fs_stmt_text(st, 4));
    r.lead = fs_stmt_is_null(st, 5) ? county : fs_zone_by_code(z, fs_stmt_text(st, 5));
    if (r.lead < 0)
        r.lead = county;
    r.named |= (fs_county_set)1 << r.lead;
    r.date = arena_strdup(L->d, fs_stmt_text(st, 6));
    if (!r.ref || !r.id || !r.date)
        return FS_ERR_NOMEM;
    if (!fs_fig_iso_days(r.date, &r.days))
        r.days = 0;
    int col = 7;
    read_cell(FS_T_COOPERATION, st, &col, false, &r.cell);
    r.code = L->kind_dim >= 0 ? r.cell.dim[L->kind_dim] : -1;
    r.count = 1;
    L->d->has[yi * FS_T_COUNT + FS_T_COOPERATION] |= (fs_county_set)1 << county;
    return push_srow(L->d, &r);
}

/* ------------------------------------------------------------- matrices */

static void add_pairs(fs_fig_data *d, int yi, fs_county_set set, int64_t n)
{
    size_t nc = d->ncounties;
    for (fs_county_set a = set; a; a &= a - 1)
        for (fs_county_set b = set; b; b &= b - 1) {
            int i = __builtin_ctzll(a), j = __builtin_ctzll(b);
            if (i != j)
                d->coop_pairs[((size_t)yi * nc + (size_t)i) * nc + (size_t)j] += n;
        }
}

static fs_status coop_pairs_row(loader *L, fs_stmt *st, int county, int yi)
{
    const fs_zone *z = L->d->zone;
    fs_county_set set = ((fs_county_set)1 << county) | fs_zone_code_list(z, fs_stmt_text(st, 2));
    if (!fs_stmt_is_null(st, 3)) {
        int lead = fs_zone_by_code(z, fs_stmt_text(st, 3));
        if (lead >= 0)
            set |= (fs_county_set)1 << lead;
    }
    add_pairs(L->d, yi, set, fs_stmt_int(st, 4));
    return FS_OK;
}

static fs_status assist_row(loader *L, fs_stmt *st, int county, int yi)
{
    fs_fig_data *d = L->d;
    size_t nc = d->ncounties;
    fs_county_set set = fs_zone_code_list(d->zone, fs_stmt_text(st, 2));
    int64_t n = fs_stmt_int(st, 3);
    for (; set; set &= set - 1) {
        int a = __builtin_ctzll(set);
        d->assist[((size_t)yi * nc + (size_t)a) * nc + (size_t)county] += n;
    }
    return FS_OK;
}

/* -------------------------------------------------------------- closing */

static int cmp_daycount(const void *a, const void *b)
{
    const fs_fig_daycount *x = a, *y = b;
    return (x->days > y->days) - (x->days < y->days);
}

/* Sort each county's closing days and merge equal values (the rows come
 * from the cube as stored, a row per kind of dispute and day count: an
 * SQL GROUP BY sorting them took 27 ms of a 1 M-record report's start,
 * this 3), then give the room the rows took back. */
static void merge_closing(fs_fig_data *d)
{
    for (size_t i = 0; i < (size_t)d->nyears * d->ncounties; i++) {
        fs_fig_cy *cy = &d->cy[i];
        if (cy->nclose == 0)
            continue;
        qsort(cy->close, cy->nclose, sizeof *cy->close, cmp_daycount);
        size_t k = 0;
        for (size_t j = 1; j < cy->nclose; j++) {
            if (cy->close[j].days == cy->close[k].days)
                cy->close[k].count += cy->close[j].count;
            else
                cy->close[++k] = cy->close[j];
        }
        cy->nclose = k + 1;
        fs_fig_daycount *fit = realloc(cy->close, cy->nclose * sizeof *fit);
        if (fit) { /* else the larger block stays: nothing is lost */
            cy->close = fit;
            cy->capclose = cy->nclose;
        }
    }
}

/* ------------------------------------------------------- reference groups */

static int cmp_srow(const void *a, const void *b)
{
    const fs_fig_srow *x = a, *y = b;
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    if (x->yi != y->yi)
        return x->yi < y->yi ? -1 : 1;
    int c = strcmp(x->ref, y->ref);
    if (c)
        return c;
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The shared incident records of one year before detail_from, the last
 * ones read (srows[mark..]): kept as one reference per cross_ref (who
 * reported it, who is involved: all its figures need), the records and
 * their strings (the arena back to block `ab` filled to `aused`) let go.
 * So a report's memory follows the year asked for, not the warehouse. */
static fs_status keep_refs_only(fs_fig_data *d, size_t mark, fs_fig_arena_block *ab, size_t aused)
{
    fs_fig_srow *rows = d->srows + mark;
    size_t n = d->nsrows - mark;
    if (n > 1)
        qsort(rows, n, sizeof *rows, cmp_srow);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(rows[j].ref, rows[i].ref) == 0)
            j++;
        if (!fs_grow((void **)&d->krefs, &d->capkrefs, d->nkrefs, sizeof *d->krefs))
            return FS_ERR_NOMEM;
        fs_fig_ref *r = &d->krefs[d->nkrefs++];
        memset(r, 0, sizeof *r);
        r->table = FS_T_INCIDENTS;
        r->yi = rows[i].yi;
        r->lead = -1;
        for (size_t k = i; k < j; k++) {
            r->reporters |= (fs_county_set)1 << rows[k].county;
            r->involved |= rows[k].named;
        }
        r->involved |= r->reporters;
        i = j;
    }
    d->nsrows = mark;
    while (d->arena && d->arena != ab) {
        fs_fig_arena_block *next = d->arena->next;
        free(d->arena);
        d->arena = next;
    }
    if (d->arena)
        d->arena->used = aused;
    return FS_OK;
}

/* The lead of a joint activity: the lead its records name most often (an
 * empty lead names the reporter), ties to the lowest code. */
static int vote_lead(const fs_fig_srow *rows, size_t n)
{
    int votes[FS_ZONE_MAX] = {0};
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (rows[i].lead >= 0)
            votes[rows[i].lead]++;
    for (int c = 0; c < FS_ZONE_MAX; c++)
        if (votes[c] > 0 && (best < 0 || votes[c] > votes[best]))
            best = c;
    return best;
}

static fs_status group_refs(fs_fig_data *d)
{
    if (d->nsrows > 1)
        qsort(d->srows, d->nsrows, sizeof *d->srows, cmp_srow);
    d->refs = malloc((d->nsrows + d->nkrefs ? d->nsrows + d->nkrefs : 1) * sizeof *d->refs);
    if (!d->refs)
        return FS_ERR_NOMEM;
    d->nrefs = 0; /* d->refs is filled afresh from d->srows */
    bool kept = d->nkrefs == 0;
    for (size_t i = 0; i < d->nsrows;) {
        /* the kept incident references (years before detail_from) go
         * before the records' incident references (later years) */
        if (!kept && d->srows[i].table >= FS_T_INCIDENTS) {
            memcpy(&d->refs[d->nrefs], d->krefs, d->nkrefs * sizeof *d->krefs);
            d->nrefs += d->nkrefs;
            kept = true;
        }
        size_t j = i + 1;
        while (j < d->nsrows && d->srows[j].table == d->srows[i].table &&
               d->srows[j].yi == d->srows[i].yi && strcmp(d->srows[j].ref, d->srows[i].ref) == 0)
            j++;
        fs_fig_ref *r = &d->refs[d->nrefs++];
        memset(r, 0, sizeof *r);
        r->table = d->srows[i].table;
        r->yi = d->srows[i].yi;
        r->ref = d->srows[i].ref;
        r->first = i;
        r->n = j - i;
        for (size_t k = i; k < j; k++) {
            r->reporters |= (fs_county_set)1 << d->srows[k].county;
            r->involved |= d->srows[k].named;
        }
        r->involved |= r->reporters;
        r->lead = r->table == FS_T_COOPERATION ? vote_lead(&d->srows[i], j - i) : -1;
        if (r->table == FS_T_COOPERATION)
            add_pairs(d, r->yi, r->involved, 1);
        i = j;
    }
    if (!kept) {
        memcpy(&d->refs[d->nrefs], d->krefs, d->nkrefs * sizeof *d->krefs);
        d->nrefs += d->nkrefs;
    }
    free(d->krefs);
    d->krefs = NULL;
    d->nkrefs = d->capkrefs = 0;
    /* Ranges per (year, table). */
    for (size_t k = 0; k < d->nrefs; k++) {
        size_t slot = (size_t)d->refs[k].yi * FS_T_COUNT + d->refs[k].table;
        if (d->ref_hi[slot] == 0)
            d->ref_lo[slot] = k;
        d->ref_hi[slot] = k + 1;
    }
    return FS_OK;
}

/* ------------------------------------------------------ declared counts */

/*
 * Records held and declared counts (§2.3 v2) of every county and year,
 * then the zero reports: a county that declared 0 records of a table and
 * holds none has the table (its figures are 0, not missing).  The
 * declared count of table T is the indicator "declared_T".
 */
static void declared_counts(fs_fig_data *d)
{
    size_t nc = d->ncounties;
    int code[FS_T_COUNT];
    for (int t = 0; t < FS_T_COUNT; t++) {
        char name[64];
        snprintf(name, sizeof name, "declared_%s", fs_tables[t].name);
        code[t] = fs_enum_index(FS_T_INDICATORS, "indicator", name);
    }
    for (size_t i = 0; i < (size_t)d->nyears * nc * FS_T_COUNT; i++)
        d->declared[i] = -1;
    for (int yi = 0; yi < d->nyears; yi++)
        for (size_t c = 0; c < nc; c++) {
            const fs_fig_cy *cy = fs_fig_cy_at(d, yi, (int)c);
            int64_t *held = &d->held[((size_t)yi * nc + c) * FS_T_COUNT];
            int64_t *decl = &d->declared[((size_t)yi * nc + c) * FS_T_COUNT];
            for (int t = 0; t < FS_T_COUNT; t++)
                for (size_t k = 0; k < cy->ncells[t]; k++)
                    held[t] += cy->cells[t][k].m[0];
            for (size_t k = 0; k < cy->ncells[FS_T_INDICATORS]; k++)
                for (int t = 0; t < FS_T_COUNT; t++)
                    if (code[t] >= 0 && cy->cells[FS_T_INDICATORS][k].dim[0] == code[t])
                        decl[t] = cy->cells[FS_T_INDICATORS][k].m[1];
        }
    /* joint cooperation records are held one by one, not in the cube */
    for (size_t k = 0; k < d->nsrows; k++)
        if (d->srows[k].table == FS_T_COOPERATION)
            d->held[((size_t)d->srows[k].yi * nc + (size_t)d->srows[k].county) * FS_T_COUNT +
                    FS_T_COOPERATION]++;
    for (int yi = 0; yi < d->nyears; yi++)
        for (int t = 0; t < FS_T_COUNT; t++) {
            size_t slot = (size_t)yi * FS_T_COUNT + (size_t)t;
            d->rec[slot] = d->has[slot];
            for (size_t c = 0; c < nc; c++) {
                size_t at = ((size_t)yi * nc + c) * FS_T_COUNT + (size_t)t;
                if (d->declared[at] == 0 && d->held[at] == 0)
                    d->has[slot] |= (fs_county_set)1 << c;
            }
        }
}

/* ------------------------------------------------------------------ load */

void fs_fig_data_free(fs_fig_data *d)
{
    if (!d)
        return;
    if (d->cy)
        for (size_t i = 0; i < (size_t)d->nyears * d->ncounties; i++) {
            for (int t = 0; t < FS_T_COUNT; t++)
                free(d->cy[i].cells[t]);
            free(d->cy[i].close);
        }
    free(d->cy);
    free(d->has);
    free(d->rec);
    free(d->declared);
    free(d->held);
    free(d->coop_pairs);
    free(d->assist);
    free(d->srows);
    free(d->refs);
    free(d->krefs);
    free(d->ref_lo);
    free(d->ref_hi);
    free(d->elsewhere);
    while (d->arena) {
        fs_fig_arena_block *next = d->arena->next;
        free(d->arena);
        d->arena = next;
    }
    free(d);
}

/* For each unconfirmed county of a detail year's cross-regional case,
 * the years before and after in which it holds the case (d->elsewhere):
 * one indexed lookup per such county (incidents_cross), so nothing is
 * read when every case is confirmed. */
static fs_status load_elsewhere(loader *L)
{
    fs_fig_data *d = L->d;
    fs_stmt *st = NULL;
    fs_status s = FS_OK;
    int from = d->detail_from > d->y0 ? d->detail_from - d->y0 : 0;
    for (int yi = from; yi < d->nyears && s == FS_OK; yi++) {
        size_t slot = (size_t)yi * FS_T_COUNT + FS_T_INCIDENTS;
        for (size_t k = d->ref_lo[slot]; k < d->ref_hi[slot] && s == FS_OK; k++) {
            const fs_fig_ref *r = &d->refs[k];
            fs_county_set miss = r->ref ? fs_fig_unconfirmed(d, r) : 0;
            if (miss && !st)
                s = fs_db_prepare(L->db,
                                  "SELECT DISTINCT s.year FROM live_slices s JOIN incidents r"
                                  " ON r.import_id = s.import_id AND r.county = s.county"
                                  " AND r.year = s.year WHERE s.tbl = 'incidents'"
                                  " AND s.county = ? AND s.year IN (?, ?) AND r.cross_ref = ?"
                                  " ORDER BY s.year",
                                  &st);
            for (; miss && s == FS_OK; miss &= miss - 1) {
                int m = __builtin_ctzll(miss), year = d->y0 + yi;
                const char *code = d->zone->counties[m].code;
                fs_stmt_reset(st);
                fs_stmt_bind_text(st, 1, code, strlen(code));
                fs_stmt_bind_int(st, 2, year - 1);
                fs_stmt_bind_int(st, 3, year + 1);
                fs_stmt_bind_text(st, 4, r->ref, strlen(r->ref));
                bool row;
                while ((s = fs_stmt_step(st, &row)) == FS_OK && row) {
                    if (!fs_grow((void **)&d->elsewhere, &d->capelsewhere, d->nelsewhere,
                                 sizeof *d->elsewhere)) {
                        s = FS_ERR_NOMEM;
                        break;
                    }
                    d->elsewhere[d->nelsewhere++] =
                        (fs_fig_elsewhere){k, m, (int)fs_stmt_int(st, 0)};
                }
            }
        }
    }
    fs_stmt_free(st);
    return s;
}

fs_status fs_fig_data_load(fs_db *db, const fs_zone *zone, int y0, int y1, int detail_from,
                           fs_fig_data **out, fs_sbuf *err)
{
    *out = NULL;
    fs_fig_data *d = calloc(1, sizeof *d);
    if (!d) {
        fs_sbuf_setf(err, _("out of memory"));
        return FS_ERR_NOMEM;
    }
    d->zone = zone;
    d->y0 = y0;
    d->nyears = y1 - y0 + 1;
    d->detail_from = detail_from;
    d->ncounties = zone->ncounties;
    size_t ny = (size_t)d->nyears, nc = d->ncounties ? d->ncounties : 1;
    d->has = calloc(ny * FS_T_COUNT, sizeof *d->has);
    d->rec = calloc(ny * FS_T_COUNT, sizeof *d->rec);
    d->declared = malloc(ny * nc * FS_T_COUNT * sizeof *d->declared);
    d->held = calloc(ny * nc * FS_T_COUNT, sizeof *d->held);
    d->cy = calloc(ny * nc, sizeof *d->cy);
    d->coop_pairs = calloc(ny * nc * nc, sizeof *d->coop_pairs);
    d->assist = calloc(ny * nc * nc, sizeof *d->assist);
    d->ref_lo = calloc(ny * FS_T_COUNT, sizeof *d->ref_lo);
    d->ref_hi = calloc(ny * FS_T_COUNT, sizeof *d->ref_hi);
    fs_status s = FS_OK;
    if (!d->has || !d->rec || !d->declared || !d->held || !d->cy || !d->coop_pairs || !d->assist ||
        !d->ref_lo || !d->ref_hi)
        s = FS_ERR_NOMEM;

    loader L = {.db = db, .d = d};
    size_t n = 0;
    for (int i = 0; i < d->nyears && n + 4 < sizeof L.years_in; i++)
        n += (size_t)snprintf(L.years_in + n, sizeof L.years_in - n, i ? ", ?" : "?");

    char sql[2048];
    for (int t = 0; t < FS_T_COUNT && s == FS_OK; t++)
        s = load_cube(&L, (fs_table)t);
    /* Incidents without cross_ref = records - records with one. */
    for (size_t i = 0; s == FS_OK && i < ny * d->ncounties; i++)
        for (size_t k = 0; k < d->cy[i].ncells[FS_T_INCIDENTS]; k++)
            d->cy[i].solo[FS_T_INCIDENTS] += d->cy[i].cells[FS_T_INCIDENTS][k].m[0];
    /* The shared incident records: the years before detail_from one by
     * one, each kept as references only once read; the rest at once. */
    for (int y = y0; s == FS_OK && y <= y1; y++) {
        bool keep = y < detail_from;
        loader Y = L;
        Y.bind0 = y;
        Y.nbind = keep ? 1 : y1 - y + 1;
        size_t k = 0;
        for (int i = 0; i < Y.nbind && k + 4 < sizeof Y.years_in; i++)
            k += (size_t)snprintf(Y.years_in + k, sizeof Y.years_in - k, i ? ", ?" : "?");
        build_sql(&Y, sql, sizeof sql, FS_T_INCIDENTS,
                  "r.cross_ref, r.case_id, r.category, r.counties_involved, r.date_reported,"
                  " r.subcategory, r.offenses, r.loss_yuan, r.recovered_yuan, r.status,"
                  " r.assisted_by",
                  "r.cross_ref IS NOT NULL", NULL);
        size_t mark = d->nsrows;
        fs_fig_arena_block *ab = d->arena;
        size_t aused = ab ? ab->used : 0;
        s = run(&Y, sql, incident_ref_row);
        if (s == FS_OK && keep)
            s = keep_refs_only(d, mark, ab, aused);
        if (!keep)
            break;
    }
    if (s == FS_OK) {
        build_sql(&L, sql, sizeof sql, FS_T_DISPUTES, "r.joint_ref, count(*)",
                  "(r.counterpart IS NOT NULL OR r.joint_ref IS NOT NULL)", ", r.joint_ref");
        s = run(&L, sql, dispute_ref_row);
    }
    if (s == FS_OK) {
        char cols[512] = "r.joint_ref, r.activity_id, r.partners, r.lead, r.date";
        cube_columns(FS_T_COOPERATION, true, false, cols, sizeof cols);
        cube_columns(FS_T_COOPERATION, false, false, cols, sizeof cols);
        L.kind_dim = -1;
        for (int k = 0; k < FS_CUBE_MAX_DIMS && fs_cubes[FS_T_COOPERATION].dims[k]; k++)
            if (strcmp(fs_cubes[FS_T_COOPERATION].dims[k], "kind") == 0)
                L.kind_dim = k;
        build_sql(&L, sql, sizeof sql, FS_T_COOPERATION, cols, "r.joint_ref IS NOT NULL", NULL);
        s = run(&L, sql, coop_joint_row);
    }
    if (s == FS_OK) {
        build_sql(&L, sql, sizeof sql, FS_T_COOPERATION, "r.partners, r.lead, count(*)",
                  "r.joint_ref IS NULL", ", r.partners, r.lead");
        s = run(&L, sql, coop_pairs_row);
    }
    if (s == FS_OK) {
        build_sql(&L, sql, sizeof sql, FS_T_INCIDENTS, "r.assisted_by, count(*)",
                  "r.assisted_by IS NOT NULL", ", r.assisted_by");
        s = run(&L, sql, assist_row);
    }
    if (s == FS_OK) {
        merge_closing(d); /* the days load_stored_cube read */
        s = group_refs(d);
    }
    if (s == FS_OK)
        s = load_elsewhere(&L);
    if (s == FS_OK)
        declared_counts(d);
    if (s != FS_OK) {
        if (s == FS_ERR_NOMEM)
            fs_sbuf_setf(err, _("out of memory while reading the warehouse"));
        else
            fs_sbuf_setf(err, _("cannot read the warehouse: %s"), fs_db_errmsg(db));
        fs_fig_data_free(d);
        return s;
    }
    *out = d;
    return FS_OK;
}
