/*
 * figures.c — from the data read by figures_sql.c to the values of every
 * figure in every scope (see figures.h for the result, figures_int.h for
 * the data model, figdefs.c for the catalogue).
 *
 * The catalogue is expanded once per result into metrics (families over
 * enum codes or member counties, each followed by its _yoy_pct), each with
 * a small "plan" saying which cube measure and filter it sums.  Then, for
 * every year read and every scope, each metric is evaluated by its method:
 * sums run over the cube cells of the scope's counties (plus, for
 * cooperation, one chosen record per joint activity that touches the
 * scope); shared references count once per scope; ratios divide two
 * values of the same scope.  Year on year compares the same scope and
 * metric across consecutive years.  Work is proportional to scopes ×
 * metrics × (cells + shared references): no step is quadratic in records.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "figures_register.h"
#include "grow.h"
#include "i18n.h"

/* How the engine evaluates one metric (derived from its catalogue line). */
typedef struct plan {
    fs_fig_method method;
    fs_table table;
    int measure; /* index into fs_fig_cell.m                    */
    int ncond;
    int cond_dim[2];       /* cube dimension index                        */
    uint32_t cond_mask[2]; /* accepted enum indices                       */
    bool sparse, plus_solo;
    int num, den; /* RATIO, PER_POP: metric indices (den: RATIO)  */
    int pop;      /* PER_POP: indicator enum index               */
    double scale;
    int county; /* matrices: county B                          */
} plan;

typedef struct catalogue {
    fs_fig_metric *metrics;
    plan *plans;
    size_t n, cap;
} catalogue;

/* ------------------------------------------------------------ catalogue */

/* Replace the first "%s" of pattern by value. */
static void subst(char *out, size_t size, const char *pattern, const char *value)
{
    const char *p = strstr(pattern, "%s");
    if (!p) {
        snprintf(out, size, "%s", pattern);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(p - pattern), pattern, value, p + 2);
}

static int dim_index(fs_table t, const char *name)
{
    for (int k = 0; k < FS_CUBE_MAX_DIMS && fs_cubes[t].dims[k]; k++)
        if (strcmp(fs_cubes[t].dims[k], name) == 0)
            return k;
    return -1;
}

static int measure_index(fs_table t, const char *name)
{
    if (!name || strcmp(name, "rows") == 0)
        return 0;
    for (int k = 0; k < FS_CUBE_MAX_MEASURES - 1 && fs_cubes[t].measures[k]; k++)
        if (strcmp(fs_cubes[t].measures[k], name) == 0)
            return k + 1;
    return -1;
}

static int find_metric(const catalogue *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->metrics[i].name, name) == 0)
            return (int)i;
    return -1;
}

static fs_fig_metric *add_metric(catalogue *c, plan **p)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 128;
        fs_fig_metric *m = realloc(c->metrics, cap * sizeof *m);
        if (!m)
            return NULL;
        c->metrics = m;
        plan *pl = realloc(c->plans, cap * sizeof *pl);
        if (!pl)
            return NULL;
        c->plans = pl;
        c->cap = cap;
    }
    fs_fig_metric *m = &c->metrics[c->n];
    memset(m, 0, sizeof *m);
    *p = &c->plans[c->n];
    memset(*p, 0, sizeof **p);
    c->n++;
    return m;
}

static void free_metrics(fs_fig_metric *m, size_t n)
{
    for (size_t i = 0; m && i < n; i++) {
        free(m[i].doc_en);
        free(m[i].doc_zh);
    }
    free(m);
}

/* Add one metric (and its _yoy_pct) for catalogue line def and family
 * value `value` (code/label strings for the name and descriptions). */
static fs_status add_figure(catalogue *c, const fs_fig_def *def, const plan *pl, int value,
                            const char *code, const char *label_en, const char *label_zh,
                            fs_sbuf *err)
{
    plan *p;
    fs_fig_metric *m = add_metric(c, &p);
    if (!m)
        return FS_ERR_NOMEM;
    *p = *pl;
    subst(m->name, sizeof m->name, def->name, code);
    m->def = def;
    m->value = value;
    m->base = -1;
    m->kind = def->kind;
    m->table = def->table;
    m->unit_en = def->unit_en ? def->unit_en : "";
    m->unit_zh = def->unit_zh ? def->unit_zh : "";
    if (def->each && strcmp(def->each, "indicator") == 0 && !*m->unit_en)
        fs_fig_indicator_unit(code, &m->unit_en, &m->unit_zh);
    char buf[512];
    subst(buf, sizeof buf, def->doc_en, label_en);
    m->doc_en = strdup(buf);
    subst(buf, sizeof buf, def->doc_zh, label_zh);
    m->doc_zh = strdup(buf);
    if (!m->doc_en || !m->doc_zh)
        return FS_ERR_NOMEM;
    if (def->method == FS_FIG_RATIO) {
        p->num = find_metric(c, def->num);
        p->den = find_metric(c, def->den);
        if (p->num < 0 || p->den < 0) {
            fs_sbuf_setf(err, "figure %s: %s and %s must be defined before it", m->name, def->num,
                         def->den);
            return FS_ERR_DB;
        }
    } else if (def->method == FS_FIG_PER_POP) {
        p->num = find_metric(c, def->num);
        p->pop = fs_enum_index(FS_T_INDICATORS, "indicator", def->den);
        if (p->num < 0 || p->pop < 0) {
            fs_sbuf_setf(err, "figure %s: unknown %s or %s", m->name, def->num, def->den);
            return FS_ERR_DB;
        }
    }
    if (!def->yoy)
        return FS_OK;
    int base = (int)(c->n - 1);
    plan *py;
    fs_fig_metric *y = add_metric(c, &py);
    if (!y)
        return FS_ERR_NOMEM;
    m = &c->metrics[base]; /* add_metric may have moved the array */
    const char *suffix = def->yoy_pp ? "_yoy_pp" : "_yoy_pct";
    size_t len = strlen(m->name);
    if (len + strlen(suffix) + 1 > sizeof y->name) {
        fs_sbuf_setf(err, "figure name %s is too long", m->name);
        return FS_ERR_DB;
    }
    memcpy(y->name, m->name, len);
    memcpy(y->name + len, suffix, strlen(suffix) + 1);
    y->def = def;
    y->value = value;
    y->base = base;
    y->yoy = def->yoy_pp ? FS_FIG_YOY_PP : FS_FIG_YOY_PCT;
    y->kind = FS_FIG_REAL;
    y->table = def->table;
    if (def->yoy_pp) {
        y->unit_en = "percentage points";
        y->unit_zh = "个百分点";
        y->doc_en = fs_fig_strdupf(
            "Year-on-year change of %s in percentage points: "
            "%s(Y) − %s(Y−1); empty when the years are not comparable",
            m->name, m->name, m->name);
        y->doc_zh = fs_fig_strdupf("%s同比增减（个百分点）：%s(Y) − %s(Y−1)；两年不可比时为空",
                                   m->name, m->name, m->name);
    } else {
        y->unit_en = "%";
        y->unit_zh = "%";
        y->doc_en = fs_fig_strdupf(
            "Year-on-year change of %s, %%: (%s(Y) − %s(Y−1)) / %s(Y−1) × "
            "100; empty when the years are not comparable",
            m->name, m->name, m->name, m->name);
        y->doc_zh = fs_fig_strdupf(
            "%s同比增减（%%）：(%s(Y) − %s(Y−1)) / %s(Y−1) × 100；"
            "两年不可比时为空",
            m->name, m->name, m->name, m->name);
    }
    *py = *p;
    return y->doc_en && y->doc_zh ? FS_OK : FS_ERR_NOMEM;
}

static fs_status expand_def(catalogue *c, const fs_zone *z, const fs_fig_def *def, fs_sbuf *err)
{
    plan p;
    memset(&p, 0, sizeof p);
    p.method = def->method;
    p.table = def->table;
    p.sparse = def->sparse;
    p.plus_solo = def->plus_solo;
    p.scale = def->scale;
    p.num = p.den = p.pop = p.county = -1;
    p.measure = measure_index(def->table, def->measure);
    if (p.measure < 0) {
        fs_sbuf_setf(err, "figure %s: %s is not a measure of the %s cube", def->name, def->measure,
                     fs_tables[def->table].name);
        return FS_ERR_DB;
    }
    if (def->where_dim) {
        int dim = dim_index(def->table, def->where_dim);
        if (dim < 0) {
            fs_sbuf_setf(err, "figure %s: %s is not a dimension of the %s cube", def->name,
                         def->where_dim, fs_tables[def->table].name);
            return FS_ERR_DB;
        }
        uint32_t mask = 0;
        char codes[256];
        snprintf(codes, sizeof codes, "%s", def->where_codes ? def->where_codes : "");
        char *save = NULL;
        for (char *tok = strtok_r(codes, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            int v = fs_enum_index(def->table, def->where_dim, tok);
            if (v < 0) {
                fs_sbuf_setf(err, "figure %s: %s is not a %s code", def->name, tok, def->where_dim);
                return FS_ERR_DB;
            }
            mask |= 1u << v;
        }
        p.cond_dim[p.ncond] = dim;
        p.cond_mask[p.ncond++] = mask;
    }
    if (!def->each)
        return add_figure(c, def, &p, -1, "", "", "", err);
    if (strcmp(def->each, "county") == 0) {
        for (size_t k = 0; k < z->ncounties; k++) {
            char en[160];
            snprintf(en, sizeof en, "%s %s", z->counties[k].code, z->counties[k].name_en);
            p.county = (int)k;
            fs_status s = add_figure(c, def, &p, (int)k, z->counties[k].code, en,
                                     z->counties[k].name_zh, err);
            if (s != FS_OK)
                return s;
        }
        return FS_OK;
    }
    int dim = dim_index(def->table, def->each);
    int col = fs_column_index(def->table, def->each);
    if (dim < 0 || col < 0) {
        fs_sbuf_setf(err, "figure %s: %s is not a dimension of the %s cube", def->name, def->each,
                     fs_tables[def->table].name);
        return FS_ERR_DB;
    }
    const fs_column *column = &fs_tables[def->table].columns[col];
    int slot = p.ncond++;
    for (size_t v = 0; v < column->nvalues; v++) {
        if (def->except_prefix &&
            strncmp(column->values[v].code, def->except_prefix, strlen(def->except_prefix)) == 0)
            continue;
        char en[256];
        snprintf(en, sizeof en, "%s (%s)", column->values[v].code, column->values[v].en);
        p.cond_dim[slot] = dim;
        p.cond_mask[slot] = 1u << v;
        fs_status s =
            add_figure(c, def, &p, (int)v, column->values[v].code, en, column->values[v].zh, err);
        if (s != FS_OK)
            return s;
    }
    return FS_OK;
}

static fs_status build_catalogue(catalogue *c, const fs_zone *z, fs_sbuf *err)
{
    memset(c, 0, sizeof *c);
    const char *wrong = fs_fig_catalogue_check();
    if (wrong) {
        fs_sbuf_setf(err,
                     "the figure catalogue (figdefs.c) does not follow FS_FIG_LINES "
                     "(figlist.h): no line named %s in its place",
                     wrong);
        return FS_ERR_DB;
    }
    for (size_t i = 0; i < fs_fig_ndefs; i++) {
        fs_status s = expand_def(c, z, &fs_fig_defs[i], err);
        if (s != FS_OK) {
            if (s == FS_ERR_NOMEM)
                fs_sbuf_setf(err, _("out of memory"));
            return s;
        }
    }
    return FS_OK;
}

static void free_catalogue(catalogue *c)
{
    free_metrics(c->metrics, c->n);
    free(c->plans);
    memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------------- scopes */

static fs_status build_scopes(const fs_zone *z, fs_fig_scope **out, size_t *n)
{
    size_t ns = z->ncounties + z->nprovinces + 1;
    fs_fig_scope *s = calloc(ns, sizeof *s);
    if (!s)
        return FS_ERR_NOMEM;
    size_t k = 0;
    for (size_t c = 0; c < z->ncounties; c++, k++) {
        s[k].kind = FS_SCOPE_COUNTY;
        snprintf(s[k].code, sizeof s[k].code, "%s", z->counties[c].code);
        s[k].index = (int)c;
        s[k].counties = (fs_county_set)1 << c;
    }
    for (size_t p = 0; p < z->nprovinces; p++, k++) {
        s[k].kind = FS_SCOPE_PROVINCE;
        snprintf(s[k].code, sizeof s[k].code, "%s", z->provinces[p].code);
        s[k].index = (int)p;
        for (size_t c = 0; c < z->ncounties; c++)
            if (z->counties[c].province == (int)p)
                s[k].counties |= (fs_county_set)1 << c;
    }
    s[k].kind = FS_SCOPE_ZONE;
    snprintf(s[k].code, sizeof s[k].code, "ALL");
    s[k].index = -1;
    for (size_t c = 0; c < z->ncounties; c++)
        s[k].counties |= (fs_county_set)1 << c;
    *out = s;
    *n = ns;
    return FS_OK;
}

/* ------------------------------------------------------------ evaluation */

static bool cell_matches(const plan *p, const fs_fig_cell *cell)
{
    for (int k = 0; k < p->ncond; k++) {
        int v = cell->dim[p->cond_dim[k]]; // NOLINT(bugprone-signed-char-misuse,cert-str34-c): an
                                           // int8_t enum index (-1: none), not a character
        if (v < 0 || !(p->cond_mask[k] & (1u << v)))
            return false;
    }
    return true;
}

/* The record that gives a joint activity its values in a scope: the lead's
 * record when the lead is in the scope and reported it, else the record of
 * the scope's lowest county code; a county's lowest activity_id first. */
static const fs_fig_srow *joint_record(const fs_fig_data *d, const fs_fig_ref *r,
                                       fs_county_set scope)
{
    fs_county_set in = r->reporters & scope;
    if (!in)
        return NULL;
    int pick = r->lead >= 0 && (in & ((fs_county_set)1 << r->lead)) ? r->lead : __builtin_ctzll(in);
    for (size_t k = r->first; k < r->first + r->n; k++)
        if (d->srows[k].county == pick)
            return &d->srows[k];
    return NULL;
}

/* Sum of a SUM plan over the counties `mask` in year yi; *matched tells
 * whether any record or activity matched the filter. */
static int64_t sum_over(const fs_fig_data *d, int yi, const plan *p, fs_county_set mask,
                        bool *matched)
{
    int64_t sum = 0;
    *matched = false;
    for (fs_county_set m = mask; m; m &= m - 1) {
        const fs_fig_cy *cy = fs_fig_cy_at(d, yi, __builtin_ctzll(m));
        for (size_t k = 0; k < cy->ncells[p->table]; k++) {
            const fs_fig_cell *cell = &cy->cells[p->table][k];
            if (cell_matches(p, cell)) {
                sum += cell->m[p->measure];
                *matched = true;
            }
        }
    }
    if (p->table == FS_T_COOPERATION) {
        size_t slot = (size_t)yi * FS_T_COUNT + FS_T_COOPERATION;
        for (size_t k = d->ref_lo[slot]; k < d->ref_hi[slot]; k++) {
            const fs_fig_srow *row = joint_record(d, &d->refs[k], mask);
            if (row && cell_matches(p, &row->cell)) {
                sum += row->cell.m[p->measure];
                *matched = true;
            }
        }
    }
    return sum;
}

static fs_fig_value int_value(fs_fig_kind kind, int64_t v)
{
    fs_fig_value r = {FS_FIG_SET, v, (double)v};
    if (kind == FS_FIG_MONEY || kind == FS_FIG_AMOUNT)
        r.d = (double)v / 100.0;
    return r;
}

static fs_fig_value real_value(double v)
{
    fs_fig_value r = {FS_FIG_SET, 0, v};
    if (!isfinite(v))
        r.state = FS_FIG_EMPTY;
    return r;
}

static const fs_fig_value absent = {FS_FIG_ABSENT, 0, 0};
static const fs_fig_value empty = {FS_FIG_EMPTY, 0, 0};

static int cmp_daycount(const void *a, const void *b)
{
    const fs_fig_daycount *x = a, *y = b;
    return (x->days > y->days) - (x->days < y->days);
}

/* Median of the closing days of the counties in mask (mean of the two
 * middle values for an even count); empty when no dispute was closed. */
static fs_status median_days(const fs_fig_data *d, int yi, fs_county_set mask, fs_fig_value *out)
{
    size_t n = 0;
    for (fs_county_set m = mask; m; m &= m - 1)
        n += fs_fig_cy_at(d, yi, __builtin_ctzll(m))->nclose;
    if (n == 0) {
        *out = empty;
        return FS_OK;
    }
    fs_fig_daycount *all = malloc(n * sizeof *all);
    if (!all)
        return FS_ERR_NOMEM;
    size_t k = 0;
    int64_t total = 0;
    for (fs_county_set m = mask; m; m &= m - 1) {
        const fs_fig_cy *cy = fs_fig_cy_at(d, yi, __builtin_ctzll(m));
        for (size_t i = 0; i < cy->nclose; i++) {
            all[k++] = cy->close[i];
            total += cy->close[i].count;
        }
    }
    qsort(all, n, sizeof *all, cmp_daycount);
    /* 0-based positions of the middle value(s) */
    int64_t lo = (total - 1) / 2, hi = total / 2, seen = 0;
    int64_t vlo = 0, vhi = 0;
    bool got_lo = false;
    for (size_t i = 0; i < n; i++) {
        int64_t next = seen + all[i].count;
        if (!got_lo && lo < next) {
            vlo = all[i].days;
            got_lo = true;
        }
        if (hi < next) {
            vhi = all[i].days;
            break;
        }
        seen = next;
    }
    free(all);
    *out = real_value(((double)vlo + (double)vhi) / 2.0);
    return FS_OK;
}

/* A ratio's operands as numbers: exact integers when both are stored as
 * integers of the same unit, else the values in their units. */
static fs_fig_value ratio(const fs_fig_metric *mn, const fs_fig_value *num, const fs_fig_metric *md,
                          const fs_fig_value *den, double scale)
{
    if (num->state != FS_FIG_SET || den->state != FS_FIG_SET)
        return empty;
    bool ints = mn->kind == md->kind && mn->kind != FS_FIG_REAL;
    double a = ints ? (double)num->i : num->d, b = ints ? (double)den->i : den->d;
    if (b == 0)
        return empty;
    return real_value(a / b * scale);
}

static fs_county_set ind_cover(const fs_fig_data *d, int yi, int k);

static fs_status eval_metric(const fs_fig_data *d, int yi, const catalogue *c, size_t mi,
                             const fs_fig_scope *scope, fs_fig_value *row, fs_fig_value *out)
{
    const plan *p = &c->plans[mi];
    const fs_fig_metric *m = &c->metrics[mi];
    fs_county_set has = d->has[(size_t)yi * FS_T_COUNT + p->table] & scope->counties;
    bool matched;
    *out = absent;
    switch (p->method) {
    case FS_FIG_SUM: {
        if (!has)
            return FS_OK;
        int64_t v = sum_over(d, yi, p, has, &matched);
        /* ind_<indicator>: exists when some county of the scope has it */
        *out = p->sparse && !matched ? absent : int_value(m->kind, v);
        return FS_OK;
    }
    case FS_FIG_SHARED: {
        if (!has)
            return FS_OK;
        int64_t v = 0;
        size_t slot = (size_t)yi * FS_T_COUNT + p->table;
        for (size_t k = d->ref_lo[slot]; k < d->ref_hi[slot]; k++)
            if (d->refs[k].reporters & has)
                v++;
        if (p->plus_solo)
            for (fs_county_set s = has; s; s &= s - 1)
                v += fs_fig_cy_at(d, yi, __builtin_ctzll(s))->solo[p->table];
        *out = int_value(m->kind, v);
        return FS_OK;
    }
    case FS_FIG_RATIO:
        if (has)
            *out = ratio(&c->metrics[p->num], &row[p->num], &c->metrics[p->den], &row[p->den],
                         p->scale);
        return FS_OK;
    case FS_FIG_PER_POP: {
        if (!has)
            return FS_OK;
        /* Counties with the figure's data (records of the table; for a
         * per-10k of an indicator, that indicator) and a population value. */
        int numk = fs_fig_cover_indicator(m->def, m->value);
        if (numk >= 0)
            has &= ind_cover(d, yi, numk);
        fs_county_set with = 0;
        int64_t pop = 0;
        for (fs_county_set s = has; s; s &= s - 1) {
            int cty = __builtin_ctzll(s);
            const fs_fig_cy *cy = fs_fig_cy_at(d, yi, cty);
            for (size_t k = 0; k < cy->ncells[FS_T_INDICATORS]; k++)
                if (cy->cells[FS_T_INDICATORS][k].dim[0] == p->pop) {
                    pop += cy->cells[FS_T_INDICATORS][k].m[1];
                    with |= (fs_county_set)1 << cty;
                }
        }
        if (!with || pop == 0) {
            *out = empty;
            return FS_OK;
        }
        const plan *pn = &c->plans[p->num];
        double num = (double)sum_over(d, yi, pn, with, &matched);
        if (c->metrics[p->num].kind == FS_FIG_MONEY || c->metrics[p->num].kind == FS_FIG_AMOUNT)
            num /= 100.0;
        /* population is stored in hundredths of a person */
        *out = real_value(num * 100.0 * p->scale / (double)pop);
        return FS_OK;
    }
    case FS_FIG_MEDIAN_DAYS: return has ? median_days(d, yi, has, out) : FS_OK;
    case FS_FIG_COVERAGE: *out = int_value(FS_FIG_COUNT, __builtin_popcountll(has)); return FS_OK;
    case FS_FIG_COOP_PAIRS:
    case FS_FIG_ASSIST_PAIRS: {
        /* county scopes only, every other member county, zeros included,
         * when the zone has records of the table */
        if (scope->kind != FS_SCOPE_COUNTY || scope->index == p->county ||
            !d->has[(size_t)yi * FS_T_COUNT + p->table])
            return FS_OK;
        size_t nc = d->ncounties;
        const int64_t *mx = p->method == FS_FIG_COOP_PAIRS ? d->coop_pairs : d->assist;
        *out = int_value(FS_FIG_COUNT,
                         mx[((size_t)yi * nc + (size_t)scope->index) * nc + (size_t)p->county]);
        return FS_OK;
    }
    }
    return FS_OK;
}

/* Values of every metric except the _yoy_pct ones for year index yi. */
static fs_status eval_year(const fs_fig_data *d, int yi, const catalogue *c,
                           const fs_fig_scope *scopes, size_t ns, fs_fig_value *vals)
{
    for (size_t s = 0; s < ns; s++) {
        fs_fig_value *row = &vals[s * c->n];
        for (size_t m = 0; m < c->n; m++) {
            if (c->metrics[m].base >= 0)
                continue;
            fs_status st = eval_metric(d, yi, c, m, &scopes[s], row, &row[m]);
            if (st != FS_OK)
                return st;
        }
    }
    return FS_OK;
}

/* Counties that have indicator k in year index yi (records of it). */
static fs_county_set ind_cover(const fs_fig_data *d, int yi, int k)
{
    fs_county_set set = 0;
    for (size_t c = 0; c < d->ncounties; c++) {
        const fs_fig_cy *cy = fs_fig_cy_at(d, yi, (int)c);
        for (size_t i = 0; i < cy->ncells[FS_T_INDICATORS]; i++)
            if (cy->cells[FS_T_INDICATORS][i].dim[0] == k && cy->cells[FS_T_INDICATORS][i].m[0] > 0)
                set |= (fs_county_set)1 << c;
    }
    return set;
}

/* The counties whose data metric m covers in year index yi (before the
 * scope is applied): those that have its table, or for ind_* and a
 * per-10k of an indicator that indicator. */
static fs_county_set metric_cover(const fs_fig_data *d, int yi, const fs_fig_metric *m)
{
    int k = fs_fig_cover_indicator(m->def, m->value);
    if (k >= 0)
        return ind_cover(d, yi, k);
    return d->has[(size_t)yi * FS_T_COUNT + m->table];
}

/*
 * F_yoy_pct = (F(Y) − F(Y−1)) / F(Y−1) × 100, or for the percentages
 * F_yoy_pp = F(Y) − F(Y−1): written when the scope has F in both years;
 * empty when the scope's counties covered differ between the years (not
 * comparable, §4 v2), when either value is empty, or (pct) F(Y−1) is 0.
 */
static void eval_yoy(const fs_fig_data *d, int yi, const catalogue *c, const fs_fig_scope *scopes,
                     size_t ns, const fs_fig_value *prev, fs_fig_value *cur)
{
    for (size_t s = 0; s < ns; s++)
        for (size_t m = 0; m < c->n; m++) {
            int b = c->metrics[m].base;
            if (b < 0)
                continue;
            const fs_fig_value *y1 = &cur[s * c->n + (size_t)b], *y0 = &prev[s * c->n + (size_t)b];
            fs_fig_value *out = &cur[s * c->n + m];
            if (y1->state == FS_FIG_ABSENT || y0->state == FS_FIG_ABSENT) {
                *out = absent;
                continue;
            }
            fs_county_set now = metric_cover(d, yi, &c->metrics[m]) & scopes[s].counties;
            fs_county_set before = metric_cover(d, yi - 1, &c->metrics[m]) & scopes[s].counties;
            if (now != before || y1->state == FS_FIG_EMPTY || y0->state == FS_FIG_EMPTY) {
                *out = empty;
                continue;
            }
            /* integers (counts, hundredths) exactly; reals as they are */
            bool ints = c->metrics[b].kind != FS_FIG_REAL;
            double change = ints ? (double)(y1->i - y0->i) : y1->d - y0->d;
            if (c->metrics[m].yoy == FS_FIG_YOY_PP) {
                *out = real_value(change);
                continue;
            }
            double prior = ints ? (double)y0->i : y0->d;
            *out = prior == 0 ? empty : real_value(change / prior * 100.0);
        }
}

/* ------------------------------------------------------------------ API */

static fs_status copy_metrics(const catalogue *c, fs_figures *f)
{
    f->metrics = calloc(c->n ? c->n : 1, sizeof *f->metrics);
    if (!f->metrics)
        return FS_ERR_NOMEM;
    f->nmetrics = c->n;
    for (size_t i = 0; i < c->n; i++) {
        f->metrics[i] = c->metrics[i];
        f->metrics[i].doc_en = strdup(c->metrics[i].doc_en);
        f->metrics[i].doc_zh = strdup(c->metrics[i].doc_zh);
        if (!f->metrics[i].doc_en || !f->metrics[i].doc_zh)
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* Coverage, zero reports, declared counts of year index yi into f. */
static fs_status copy_coverage(const fs_fig_data *d, int yi, fs_figures *f)
{
    size_t nc = d->ncounties;
    for (int t = 0; t < FS_T_COUNT; t++) {
        size_t now = (size_t)yi * FS_T_COUNT + (size_t)t, before = now - FS_T_COUNT;
        f->present[t] = d->has[now];
        f->present_prev[t] = d->has[before];
        f->zero[t] = d->has[now] & ~d->rec[now];
    }
    int col = fs_column_index(FS_T_INDICATORS, "indicator");
    f->nind = col >= 0 ? fs_tables[FS_T_INDICATORS].columns[col].nvalues : 0;
    f->ind_present = calloc(2 * f->nind + 1, sizeof *f->ind_present);
    f->declared = malloc((nc ? nc : 1) * FS_T_COUNT * sizeof *f->declared);
    f->held = malloc((nc ? nc : 1) * FS_T_COUNT * sizeof *f->held);
    if (!f->ind_present || !f->declared || !f->held)
        return FS_ERR_NOMEM;
    for (size_t k = 0; k < f->nind; k++) {
        f->ind_present[k] = ind_cover(d, yi, (int)k);
        f->ind_present[f->nind + k] = ind_cover(d, yi - 1, (int)k);
    }
    memcpy(f->declared, &d->declared[(size_t)yi * nc * FS_T_COUNT],
           nc * FS_T_COUNT * sizeof *f->declared);
    memcpy(f->held, &d->held[(size_t)yi * nc * FS_T_COUNT], nc * FS_T_COUNT * sizeof *f->held);
    return FS_OK;
}

void fs_figures_free(fs_figures *f)
{
    if (!f)
        return;
    free(f->scopes);
    free_metrics(f->metrics, f->nmetrics);
    free(f->values);
    free(f->ind_present);
    free(f->declared);
    free(f->held);
    for (size_t i = 0; i < f->nfindings; i++) {
        free(f->findings[i].ref);
        free(f->findings[i].records);
        free(f->findings[i].text_en);
        free(f->findings[i].text_zh);
    }
    free(f->findings);
    fs_xreg_free(f->xreg);
    free(f);
}

/* fs_figures_compute_range, or (all_detail false) fs_figures_compute_trend. */
static fs_status compute_range(fs_db *db, const fs_zone *zone, int first, int last, bool all_detail,
                               fs_figures ***out, fs_sbuf *err)
{
    *out = NULL;
    if (first > last || first < 2000 || last > 2100) {
        fs_sbuf_setf(err, _("no such range of years: %d-%d"), first, last);
        return FS_ERR_USAGE;
    }
    catalogue cat;
    fs_fig_data *d = NULL;
    fs_fig_scope *scopes = NULL;
    fs_fig_value *vals = NULL;
    fs_figures **res = NULL;
    size_t ns = 0, nres = (size_t)(last - first) + 1;
    fs_status s = build_catalogue(&cat, zone, err);
    if (s == FS_OK && (s = build_scopes(zone, &scopes, &ns)) != FS_OK)
        fs_sbuf_setf(err, _("out of memory"));
    if (s == FS_OK)
        s = fs_fig_data_load(db, zone, first - 1, last, all_detail ? first - 1 : last, &d, err);
    size_t per_year = ns * cat.n;
    if (s == FS_OK) {
        size_t nvals = (nres + 1) * per_year; /* 0 without scopes or metrics */
        vals = calloc(nvals ? nvals : 1, sizeof *vals);
        res = calloc(nres, sizeof *res); // NOLINT(bugprone-sizeof-expression): res is an array of
                                         // fs_figures pointers
        if (!vals || !res)
            s = FS_ERR_NOMEM;
    }
    for (int yi = 0; s == FS_OK && yi <= (int)nres; yi++)
        s = eval_year(d, yi, &cat, scopes, ns, &vals[(size_t)yi * per_year]);
    for (size_t r = 0; s == FS_OK && r < nres; r++) {
        int yi = (int)r + 1;
        fs_fig_value *cur = &vals[(size_t)yi * per_year];
        eval_yoy(d, yi, &cat, scopes, ns, &vals[(size_t)(yi - 1) * per_year], cur);
        fs_figures *f = calloc(1, sizeof *f);
        if (!f) {
            s = FS_ERR_NOMEM;
            break;
        }
        res[r] = f;
        f->year = first + (int)r;
        f->zone = zone;
        f->host = fs_zone_host(zone, f->year, &f->ordinal);
        if (f->host < 0)
            f->ordinal = 0;
        if ((s = copy_coverage(d, yi, f)) != FS_OK)
            break;
        f->scopes = malloc(ns * sizeof *f->scopes);
        f->values = malloc((per_year ? per_year : 1) * sizeof *f->values);
        if (!f->scopes || !f->values) {
            s = FS_ERR_NOMEM;
            break;
        }
        memcpy(f->scopes, scopes, ns * sizeof *scopes);
        f->nscopes = ns;
        memcpy(f->values, cur, per_year * sizeof *cur);
        bool detail = all_detail || f->year == last;
        if ((s = copy_metrics(&cat, f)) == FS_OK && detail)
            s = fs_fig_add_findings(d, yi, f);
        if (s == FS_OK && detail)
            s = fs_xreg_build(d, yi, &f->xreg);
    }
    if (s == FS_ERR_NOMEM)
        fs_sbuf_setf(err, _("out of memory while computing the figures"));
    if (s != FS_OK && res) {
        for (size_t r = 0; r < nres; r++)
            fs_figures_free(res[r]);
        free(res);
        res = NULL;
    }
    free(vals);
    free(scopes);
    fs_fig_data_free(d);
    free_catalogue(&cat);
    *out = res;
    return s;
}

fs_status fs_figures_compute_range(fs_db *db, const fs_zone *zone, int first, int last,
                                   fs_figures ***out, fs_sbuf *err)
{
    return compute_range(db, zone, first, last, true, out, err);
}

fs_status fs_figures_compute_trend(fs_db *db, const fs_zone *zone, int first, int last,
                                   fs_figures ***out, fs_sbuf *err)
{
    return compute_range(db, zone, first, last, false, out, err);
}

fs_status fs_figures_compute(fs_db *db, const fs_zone *zone, int year, fs_figures **out,
                             fs_sbuf *err)
{
    *out = NULL;
    fs_figures **res;
    fs_status s = fs_figures_compute_range(db, zone, year, year, &res, err);
    if (s != FS_OK)
        return s;
    *out = res[0];
    free(res);
    return FS_OK;
}

fs_status fs_fig_years(fs_db *db, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    fs_stmt *st;
    fs_status s = fs_db_prepare(db, "SELECT DISTINCT year FROM live_slices ORDER BY year", &st);
    if (s != FS_OK)
        return s;
    size_t cap = 0;
    bool row;
    while ((s = fs_stmt_step(st, &row)) == FS_OK && row) {
        if (!fs_grow((void **)years, &cap, *n, sizeof **years)) {
            s = FS_ERR_NOMEM;
            break;
        }
        (*years)[(*n)++] = (int)fs_stmt_int(st, 0);
    }
    fs_stmt_free(st);
    if (s != FS_OK) {
        free(*years);
        *years = NULL;
        *n = 0;
    }
    return s;
}

fs_status fs_fig_read_begin(fs_db *db)
{
    /* One snapshot for every later query of the transaction (SQLite: a
     * deferred BEGIN, fixed by the first query; PostgreSQL: REPEATABLE
     * READ READ ONLY). */
    return fs_db_begin_read(db);
}

void fs_fig_read_end(fs_db *db)
{
    fs_db_rollback(db); /* nothing was written: ending the read is enough */
}

int fs_fig_metric_index(const fs_figures *f, const char *name)
{
    for (size_t i = 0; i < f->nmetrics; i++)
        if (strcmp(f->metrics[i].name, name) == 0)
            return (int)i;
    return -1;
}

int fs_fig_scope_index(const fs_figures *f, const char *code)
{
    for (size_t i = 0; i < f->nscopes; i++)
        if (strcmp(f->scopes[i].code, code) == 0)
            return (int)i;
    return -1;
}
