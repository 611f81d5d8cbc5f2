/*
 * findings.c — reconciliation findings of section 4 (not figures): where
 * the counties' records of one shared reference do not fit together.
 *
 *   unconfirmed  a cross_ref of year Y whose records name (as reporter or
 *                in counties_involved) a county that has incident records
 *                for Y but none with that cross_ref
 *   category     the records of a cross_ref disagree on category
 *   kind         the records of a cooperation joint_ref disagree on kind
 *   dates        ... or their earliest and latest dates are more than
 *                FS_FIG_MAX_GAP_DAYS days apart
 *
 *   incomplete     (v2, §2.3) a county declared more records of a table
 *                  (indicator declared_<table>) than the warehouse holds
 *   surplus        ... fewer than it holds (a positive count)
 *   declared_zero  ... declared 0 (a zero report) while records are held
 *
 * Only records of year Y count (a reference spanning New Year belongs to
 * each year by its own records).  Each finding names the reference, the
 * counties and records involved, and says in one line (English and
 * Chinese) what a county clerk should check.  Findings come out sorted by
 * table (incidents, then cooperation), reference (code point order), kind;
 * then the declared-count findings by table and county code order.
 */
#include <stdlib.h>
#include <string.h>

#include "figures_int.h"
#include "grow.h"
#include "sbuf.h"

const char *fs_finding_kind_name(fs_finding_kind k)
{
    switch (k) {
    case FS_FINDING_UNCONFIRMED: return "unconfirmed";
    case FS_FINDING_CATEGORY: return "category";
    case FS_FINDING_KIND: return "kind";
    case FS_FINDING_DATES: return "dates";
    case FS_FINDING_INCOMPLETE: return "incomplete";
    case FS_FINDING_SURPLUS: return "surplus";
    case FS_FINDING_DECLARED_ZERO: return "declared_zero";
    }
    return "?";
}

typedef struct ctx {
    const fs_fig_data *d;
    const fs_zone *z;
    int year;
    fs_figures *f;
    size_t cap;
    struct ref_keys *keys; /* year_keys: the year's normalised cross_refs, or NULL */
} ctx;

/* Room for one more finding. */
static fs_status grow(ctx *c)
{
    return fs_grow((void **)&c->f->findings, &c->cap, c->f->nfindings, sizeof *c->f->findings)
               ? FS_OK
               : FS_ERR_NOMEM;
}

static fs_status add(ctx *c, fs_finding_kind kind, const fs_fig_ref *r, fs_county_set missing,
                     fs_sbuf *en, fs_sbuf *zh)
{
    if (grow(c) != FS_OK) {
        free(fs_sbuf_take(en));
        free(fs_sbuf_take(zh));
        return FS_ERR_NOMEM;
    }
    fs_sbuf recs = {0};
    for (size_t k = r->first; k < r->first + r->n; k++) {
        const fs_fig_srow *row = &c->d->srows[k];
        fs_sbuf_addf(&recs, "%s%s:%s", k > r->first ? ";" : "", c->z->counties[row->county].code,
                     row->id);
    }
    fs_finding *f = &c->f->findings[c->f->nfindings];
    memset(f, 0, sizeof *f);
    f->county = -1;
    f->kind = kind;
    f->table = r->table;
    f->ref = strdup(r->ref);
    f->counties = r->involved;
    f->missing = missing;
    f->records = fs_sbuf_take(&recs);
    f->text_en = fs_sbuf_take(en);
    f->text_zh = fs_sbuf_take(zh);
    c->f->nfindings++; /* counted even when incomplete, so free sees it */
    return f->ref && f->records && f->text_en && f->text_zh ? FS_OK : FS_ERR_NOMEM;
}

/* "Yongcheng City, Dangshan County" / "永城市、砀山县": names only, in
 * both languages (the codes are in the records column). */
static void counties_en(fs_sbuf *b, const fs_zone *z, fs_county_set set)
{
    for (fs_county_set s = set; s; s &= s - 1) {
        int c = __builtin_ctzll(s);
        fs_sbuf_addf(b, "%s%s", s == set ? "" : ", ", z->counties[c].name_en);
    }
}

static void counties_zh(fs_sbuf *b, const fs_zone *z, fs_county_set set)
{
    for (fs_county_set s = set; s; s &= s - 1)
        fs_sbuf_addf(b, "%s%s", s == set ? "" : "、", z->counties[__builtin_ctzll(s)].name_zh);
}

/* A reference as clerks' tools may rewrite it: ASCII letters upper-cased,
 * the leading zeros of each run of digits and every other ASCII character
 * dropped ("KQ-2024-001" and "kq 2024 1" both "KQ20241"), at most size - 1
 * bytes. */
static void ref_norm(const char *s, char *out, size_t size)
{
    size_t o = 0;
    bool lead = true; /* at the start of a run of digits */
    for (; *s && o + 1 < size; s++) {
        unsigned char ch = (unsigned char)*s;
        bool digit = ch >= '0' && ch <= '9';
        if (digit) {
            bool next_digit = s[1] >= '0' && s[1] <= '9';
            if (lead && ch == '0' && next_digit)
                continue;
            lead = false;
            out[o++] = (char)ch;
            continue;
        }
        lead = true;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
            out[o++] = (char)(ch & ~0x20);
        else if (ch >= 0x80)
            out[o++] = (char)ch;
    }
    out[o] = '\0';
}

/* The normalised references of the year's cross-regional cases
 * (refs[lo..hi)), and their indices sorted by them, so that each
 * unconfirmed case finds its near-identical ones by a binary search, not a
 * scan of the year. */
typedef struct ref_keys {
    size_t lo, n;
    char (*key)[64]; /* key[k - lo]: refs[k]'s */
    size_t *order;   /* the k - lo, sorted by key */
} ref_keys;

static int cmp_by_key(const void *a, const void *b, void *arg)
{
    const ref_keys *rk = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(rk->key[x], rk->key[y]);
    return c ? c : (x > y) - (x < y); /* equal keys in refs' order: the same text each run */
}

/* Made on the first unconfirmed case that needs them; NULL when out of
 * memory (the reasons are then left out). */
static const ref_keys *year_keys(ctx *c, size_t lo, size_t hi)
{
    if (c->keys)
        return c->keys;
    ref_keys *rk = calloc(1, sizeof *rk);
    size_t n = hi > lo ? hi - lo : 0;
    if (!rk || !(rk->key = malloc((n ? n : 1) * sizeof *rk->key)) ||
        !(rk->order = malloc((n ? n : 1) * sizeof *rk->order))) {
        if (rk)
            free(rk->key);
        free(rk);
        return NULL;
    }
    rk->lo = lo;
    rk->n = n;
    for (size_t i = 0; i < n; i++) {
        ref_norm(c->d->refs[lo + i].ref ? c->d->refs[lo + i].ref : "", rk->key[i],
                 sizeof rk->key[i]);
        rk->order[i] = i;
    }
    qsort_r(rk->order, n, sizeof *rk->order, cmp_by_key, rk);
    return c->keys = rk;
}

static void ref_keys_free(ref_keys *rk)
{
    if (rk) {
        free(rk->key);
        free(rk->order);
        free(rk);
    }
}

/* The first position in rk->order whose key is not below `key`. */
static size_t first_at(const ref_keys *rk, const char *key)
{
    size_t a = 0, b = rk->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strcmp(rk->key[rk->order[m]], key) < 0)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* Why a county named by case k (refs[k]) may hold no record of it: it holds
 * the case in the year before or after (a date across New Year), or one
 * of the year's cases whose reference differs only in punctuation or
 * leading zeros.  Appends the reasons to en and zh; returns the counties
 * of `missing` it found one for. */
static fs_county_set explain_missing(ctx *c, size_t k, fs_county_set missing, fs_sbuf *en,
                                     fs_sbuf *zh)
{
    const fs_fig_data *d = c->d;
    const fs_fig_ref *r = &d->refs[k];
    const fs_zone *z = c->z;
    fs_county_set found = 0;
    /* d->elsewhere is in the order of refs: the entries of k by a search */
    size_t a = 0, b = d->nelsewhere;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (d->elsewhere[m].ref < k)
            a = m + 1;
        else
            b = m;
    }
    for (size_t e = a; e < d->nelsewhere && d->elsewhere[e].ref == k; e++) {
        const fs_fig_elsewhere *w = &d->elsewhere[e];
        if (!(missing & (fs_county_set)1 << w->county))
            continue;
        found |= (fs_county_set)1 << w->county;
        fs_sbuf_addf(en,
                     "%s has it among its %d incident records (if it is the same case, check "
                     "that record's date: a case counts in the year of each county's own "
                     "record); ",
                     z->counties[w->county].name_en, w->year);
        fs_sbuf_addf(zh,
                     "%s%d年的刑事案件中有该案件（如果是同一案件，请核对该记录的日期：案件按各县"
                     "自己记录的日期计入年度）；",
                     z->counties[w->county].name_zh, w->year);
    }
    size_t slot = (size_t)r->yi * FS_T_COUNT + FS_T_INCIDENTS;
    size_t lo = d->ref_lo[slot], hi = d->ref_hi[slot];
    const ref_keys *rk = year_keys(c, lo, hi);
    const char *mine = rk ? rk->key[k - lo] : NULL;
    for (size_t p = rk ? first_at(rk, mine) : 0; rk && p < rk->n; p++) {
        size_t j = lo + rk->order[p];
        if (strcmp(rk->key[rk->order[p]], mine) != 0)
            break;
        const fs_fig_ref *o = &d->refs[j];
        fs_county_set who = o->reporters & missing;
        if (j == k || !who)
            continue;
        found |= who;
        counties_en(en, z, who);
        fs_sbuf_addf(en,
                     " reported a case with the reference %s, which differs from %s only in "
                     "punctuation or leading zeros (if it is the same case, correct one of the "
                     "two references); ",
                     o->ref, r->ref);
        counties_zh(zh, z, who);
        fs_sbuf_addf(zh,
                     "报送的案件编号为%s，与%s仅标点或前导零不同（如果是同一案件，请更正其中一个"
                     "编号）；",
                     o->ref, r->ref);
    }
    return found;
}

static fs_status unconfirmed(ctx *c, size_t k)
{
    const fs_fig_ref *r = &c->d->refs[k];
    fs_county_set missing = fs_fig_unconfirmed(c->d, r);
    if (!missing)
        return FS_OK;
    const fs_zone *z = c->z;
    bool one = (missing & (missing - 1)) == 0;
    fs_sbuf en = {0}, zh = {0}, namers_en = {0}, namers_zh = {0};
    bool first = true;
    for (size_t i = r->first; i < r->first + r->n; i++) {
        const fs_fig_srow *row = &c->d->srows[i];
        if (!(row->named & missing))
            continue;
        fs_sbuf_addf(&namers_en, "%s%s (case %s)", first ? "" : ", ",
                     z->counties[row->county].name_en, row->id);
        fs_sbuf_addf(&namers_zh, "%s%s（案件编号%s）", first ? "" : "、",
                     z->counties[row->county].name_zh, row->id);
        first = false;
    }
    char *ne = fs_sbuf_take(&namers_en), *nz = fs_sbuf_take(&namers_zh);
    fs_sbuf_addf(&en, "cross-regional case %s: ", r->ref);
    counties_en(&en, z, missing);
    fs_sbuf_addf(
        &en, " %s named by %s but %s no %d incident record with this cross-regional reference; ",
        one ? "is" : "are", ne ? ne : "", one ? "has" : "have", c->year);
    fs_sbuf_addf(&zh, "跨区案件%s：%s在“涉及县区”中列明了", r->ref, nz ? nz : "");
    counties_zh(&zh, z, missing);
    fs_sbuf_add(&zh, "，但");
    counties_zh(&zh, z, missing);
    fs_sbuf_addf(&zh, "%d年的刑事案件中没有该跨区案件编号的记录；", c->year);
    fs_county_set explained = explain_missing(c, k, missing, &en, &zh);
    fs_county_set rest = missing & ~explained;
    if (rest) {
        bool one_rest = (rest & (rest - 1)) == 0;
        if (explained) {
            fs_sbuf_add(&en, "otherwise ");
            counties_en(&en, z, rest);
        } else {
            fs_sbuf_add(&en, one_rest ? "that county" : "those counties");
        }
        fs_sbuf_addf(&en,
                     " should add %s record, or the reporting county should correct \"counties "
                     "involved\"",
                     one_rest ? "its" : "their");
        if (explained) {
            fs_sbuf_add(&zh, "其余的");
            counties_zh(&zh, z, rest);
        }
        fs_sbuf_add(&zh, "请补报该记录，或由报送县更正“涉及县区”。");
    } else {
        fs_sbuf_add(&en, "correct the record that is wrong rather than adding one");
        fs_sbuf_add(&zh, "请更正有误的记录，不要另行补报。");
    }
    free(ne);
    free(nz);
    return add(c, FS_FINDING_UNCONFIRMED, r, missing, &en, &zh);
}

/* Do the records of r disagree on `code` (category / kind)? */
static bool codes_differ(const ctx *c, const fs_fig_ref *r)
{
    for (size_t k = r->first + 1; k < r->first + r->n; k++)
        if (c->d->srows[k].code != c->d->srows[r->first].code)
            return true;
    return false;
}

static const char *code_of(fs_table t, const char *col, int v, bool zh)
{
    int ci = fs_column_index(t, col);
    if (ci < 0 || v < 0 || (size_t)v >= fs_tables[t].columns[ci].nvalues)
        return "?";
    const fs_enum_value *e = &fs_tables[t].columns[ci].values[v];
    return zh && t == FS_T_COOPERATION ? e->zh : e->code;
}

static fs_status category(ctx *c, const fs_fig_ref *r)
{
    if (!codes_differ(c, r))
        return FS_OK;
    const fs_zone *z = c->z;
    fs_sbuf en = {0}, zh = {0};
    fs_sbuf_addf(&en, "cross-regional case %s: the records disagree on the category: ", r->ref);
    fs_sbuf_addf(&zh, "跨区案件%s：各县记录的案件类别不一致：", r->ref);
    for (size_t k = r->first; k < r->first + r->n; k++) {
        const fs_fig_srow *row = &c->d->srows[k];
        fs_sbuf_addf(&en, "%s%s %s (case %s)", k > r->first ? ", " : "",
                     z->counties[row->county].name_en,
                     code_of(FS_T_INCIDENTS, "category", row->code, false), row->id);
        fs_sbuf_addf(&zh, "%s%s %s（案件编号%s）", k > r->first ? "、" : "",
                     z->counties[row->county].name_zh,
                     code_of(FS_T_INCIDENTS, "category", row->code, true), row->id);
    }
    fs_sbuf_add(&en,
                "; the counties should agree on one ICCS section and correct the other records");
    fs_sbuf_add(&zh, "；请各县协商统一ICCS类别并更正记录。");
    return add(c, FS_FINDING_CATEGORY, r, 0, &en, &zh);
}

static fs_status kind(ctx *c, const fs_fig_ref *r)
{
    if (!codes_differ(c, r))
        return FS_OK;
    const fs_zone *z = c->z;
    fs_sbuf en = {0}, zh = {0};
    fs_sbuf_addf(&en, "joint activity %s: the records disagree on the kind: ", r->ref);
    fs_sbuf_addf(&zh, "联合活动%s：各县记录的活动类型不一致：", r->ref);
    for (size_t k = r->first; k < r->first + r->n; k++) {
        const fs_fig_srow *row = &c->d->srows[k];
        fs_sbuf_addf(&en, "%s%s %s (activity %s)", k > r->first ? ", " : "",
                     z->counties[row->county].name_en,
                     code_of(FS_T_COOPERATION, "kind", row->code, false), row->id);
        fs_sbuf_addf(&zh, "%s%s %s（活动编号%s）", k > r->first ? "、" : "",
                     z->counties[row->county].name_zh,
                     code_of(FS_T_COOPERATION, "kind", row->code, true), row->id);
    }
    fs_sbuf_add(&en, "; the counties should agree on one kind and correct the other records");
    fs_sbuf_add(&zh, "；请各县协商统一活动类型并更正记录。");
    return add(c, FS_FINDING_KIND, r, 0, &en, &zh);
}

static fs_status dates(ctx *c, const fs_fig_ref *r)
{
    int64_t lo = c->d->srows[r->first].days, hi = lo;
    for (size_t k = r->first + 1; k < r->first + r->n; k++) {
        int64_t v = c->d->srows[k].days;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    if (hi - lo <= FS_FIG_MAX_GAP_DAYS)
        return FS_OK;
    const fs_zone *z = c->z;
    fs_sbuf en = {0}, zh = {0};
    fs_sbuf_addf(
        &en,
        "joint activity %s: the records' dates are %lld days apart, more than the %d allowed: ",
        r->ref, (long long)(hi - lo), FS_FIG_MAX_GAP_DAYS);
    fs_sbuf_addf(&zh, "联合活动%s：各县记录的日期相差%lld天，超过允许的%d天：", r->ref,
                 (long long)(hi - lo), FS_FIG_MAX_GAP_DAYS);
    for (size_t k = r->first; k < r->first + r->n; k++) {
        const fs_fig_srow *row = &c->d->srows[k];
        fs_sbuf_addf(&en, "%s%s %s (activity %s)", k > r->first ? ", " : "",
                     z->counties[row->county].name_en, row->date, row->id);
        fs_sbuf_addf(&zh, "%s%s %s（活动编号%s）", k > r->first ? "、" : "",
                     z->counties[row->county].name_zh, row->date, row->id);
    }
    fs_sbuf_add(&en, "; check the dates and correct the wrong record");
    fs_sbuf_add(&zh, "；请核对日期并更正有误的记录。");
    return add(c, FS_FINDING_DATES, r, 0, &en, &zh);
}

/* The English and Chinese names of a table's records ("incident records"). */
static const char *records_en(fs_table t)
{
    switch (t) {
    case FS_T_INCIDENTS: return "incident";
    case FS_T_DISPUTES: return "dispute";
    case FS_T_COOPERATION: return "cooperation";
    default: return "indicator";
    }
}

static const char *records_zh(fs_table t)
{
    switch (t) {
    case FS_T_INCIDENTS: return "刑事案件";
    case FS_T_DISPUTES: return "矛盾纠纷";
    case FS_T_COOPERATION: return "协作活动";
    default: return "指标";
    }
}

/* A declared count (hundredths) as the clerk wrote it: "12", "12.5". */
static void declared_text(int64_t v, char *buf, size_t size)
{
    fs_fig_value x = {FS_FIG_SET, v, (double)v / 100.0};
    fs_fig_format(FS_FIG_AMOUNT, &x, buf, size);
}

/* A county whose declared count of table t disagrees with its records. */
static fs_status declared_one(ctx *c, int county, fs_table t, int64_t declared, int64_t held)
{
    fs_finding_kind kind;
    if (declared == 0 && held > 0)
        kind = FS_FINDING_DECLARED_ZERO;
    else if (declared > held * 100)
        kind = FS_FINDING_INCOMPLETE;
    else if (declared < held * 100)
        kind = FS_FINDING_SURPLUS;
    else
        return FS_OK;
    if (grow(c) != FS_OK)
        return FS_ERR_NOMEM;
    const fs_zone *z = c->z;
    char dec[64];
    declared_text(declared, dec, sizeof dec);
    fs_sbuf en = {0}, zh = {0}, recs = {0};
    const char *code = z->counties[county].code;
    fs_sbuf_addf(
        &en, "%s declared %s %s records for %d but %lld %s received: ", z->counties[county].name_en,
        dec, records_en(t), c->year, (long long)held, held == 1 ? "was" : "were");
    fs_sbuf_addf(&zh, "%s申报%d年%s记录%s条，实收%lld条：", z->counties[county].name_zh, c->year,
                 records_zh(t), dec, (long long)held);
    switch (kind) {
    case FS_FINDING_DECLARED_ZERO:
        fs_sbuf_addf(&en,
                     "a zero report cannot come with records; correct the declared count, or "
                     "withdraw the records if the county truly had none");
        fs_sbuf_add(&zh, "零报告不应同时有记录；请更正申报数，或确无此类记录时撤回这些记录。");
        break;
    case FS_FINDING_INCOMPLETE:
        fs_sbuf_addf(
            &en, "records are missing; send the whole %s file again, or correct the declared count",
            records_en(t));
        fs_sbuf_addf(&zh, "记录不全；请重新报送完整的%s文件，或更正申报数。", records_zh(t));
        break;
    default:
        fs_sbuf_addf(&en,
                     "more records than declared; check for records sent twice or in the wrong "
                     "year, or correct the declared count");
        fs_sbuf_add(&zh, "记录多于申报数；请检查是否重复报送或年度有误，或更正申报数。");
        break;
    }
    fs_sbuf_addf(&recs, "%s:declared=%s;held=%lld", code, dec, (long long)held);
    fs_finding *f = &c->f->findings[c->f->nfindings];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->table = t;
    f->county = county;
    f->declared = declared;
    f->held = held;
    f->ref = fs_fig_strdupf("declared_%s", fs_tables[t].name);
    f->counties = (fs_county_set)1 << county;
    f->records = fs_sbuf_take(&recs);
    f->text_en = fs_sbuf_take(&en);
    f->text_zh = fs_sbuf_take(&zh);
    c->f->nfindings++; /* counted even when incomplete, so free sees it */
    return f->ref && f->records && f->text_en && f->text_zh ? FS_OK : FS_ERR_NOMEM;
}

static fs_status declared_findings(ctx *c, int yi)
{
    const fs_fig_data *d = c->d;
    size_t nc = d->ncounties;
    fs_status s = FS_OK;
    for (int t = 0; t < FS_T_COUNT && s == FS_OK; t++)
        for (size_t k = 0; k < nc && s == FS_OK; k++) {
            size_t at = ((size_t)yi * nc + k) * FS_T_COUNT + (size_t)t;
            if (d->declared[at] >= 0)
                s = declared_one(c, (int)k, (fs_table)t, d->declared[at], d->held[at]);
        }
    return s;
}

fs_status fs_fig_add_findings(const fs_fig_data *d, int yi, fs_figures *f)
{
    ctx c = {d, d->zone, d->y0 + yi, f, f->nfindings, NULL};
    fs_status s = FS_OK;
    size_t slot = (size_t)yi * FS_T_COUNT + FS_T_INCIDENTS;
    for (size_t k = d->ref_lo[slot]; k < d->ref_hi[slot] && s == FS_OK; k++) {
        s = unconfirmed(&c, k);
        if (s == FS_OK)
            s = category(&c, &d->refs[k]);
    }
    ref_keys_free(c.keys);
    slot = (size_t)yi * FS_T_COUNT + FS_T_COOPERATION;
    for (size_t k = d->ref_lo[slot]; k < d->ref_hi[slot] && s == FS_OK; k++) {
        s = kind(&c, &d->refs[k]);
        if (s == FS_OK)
            s = dates(&c, &d->refs[k]);
    }
    if (s == FS_OK)
        s = declared_findings(&c, yi);
    return s;
}
