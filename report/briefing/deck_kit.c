/*
 * deck_kit.c — the kit every chart builder uses (deck_int.h): the arena
 * of an fs_rc (everything a spec points to), texts filled from the table,
 * numbers formatted as the chart library prints them, figures looked up by
 * scope and metric (NaN when not set), coverage and comparability notes of
 * the standard's v2 presentation rules, orders and formats.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_int.h"

void *fs_rc_alloc(fs_rc *rc, size_t n)
{
    if (rc->oom)
        return NULL;
    if (rc->nblocks == rc->capblocks) {
        size_t cap = rc->capblocks ? rc->capblocks * 2 : 64;
        void **nb = realloc(rc->blocks, cap * sizeof *nb);
        if (!nb) {
            rc->oom = true;
            return NULL;
        }
        rc->blocks = nb;
        rc->capblocks = cap;
    }
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        rc->oom = true;
        return NULL;
    }
    rc->blocks[rc->nblocks++] = p;
    return p;
}

double *fs_rc_doubles(fs_rc *rc, size_t n)
{
    double *d = fs_rc_alloc(rc, n * sizeof *d);
    for (size_t i = 0; d && i < n; i++)
        d[i] = NAN;
    return d;
}

const char *fs_rc_str(fs_rc *rc, const char *s)
{
    size_t n = strlen(s);
    char *p = fs_rc_alloc(rc, n + 1);
    if (!p)
        return "";
    memcpy(p, s, n + 1);
    return p;
}

const char *fs_rc_tr(const fs_rc *rc, fs_doc_label k)
{
    return fs_doc_label_text(rc->lang, k);
}

/*
 * Label k with {1}…{9} replaced by the arguments (const char *, NULL-
 * terminated list), in the arena.  A placeholder without argument stays
 * empty.
 */
const char *fs_rc_tpl(fs_rc *rc, fs_doc_label k, ...)
{
    const char *args[9] = {0};
    size_t na = 0;
    va_list ap;
    va_start(ap, k);
    for (const char *a; na < 9 && (a = va_arg(ap, const char *)) != NULL;)
        args[na++] = a;
    va_end(ap);
    const char *t = fs_rc_tr(rc, k);
    size_t len = 0;
    for (const char *p = t; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            const char *a = args[p[1] - '1'];
            len += a ? strlen(a) : 0;
            p += 2;
        } else {
            len++;
        }
    }
    char *out = fs_rc_alloc(rc, len + 1);
    if (!out)
        return "";
    char *o = out;
    for (const char *p = t; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            const char *a = args[p[1] - '1'];
            if (a) {
                size_t n = strlen(a);
                memcpy(o, a, n);
                o += n;
            }
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Two lines "a\nb" (either may be NULL or empty). */
const char *fs_rc_lines2(fs_rc *rc, const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    char *p = fs_rc_alloc(rc, na + nb + 2);
    if (!p)
        return "";
    if (na)
        memcpy(p, a, na);
    if (na && nb)
        p[na++] = '\n';
    if (nb)
        memcpy(p + na, b, nb);
    p[na + nb] = '\0';
    return p;
}

/* Two sentences on one line ("a b" in English, "ab" in Chinese). */
const char *fs_rc_join(fs_rc *rc, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = fs_rc_alloc(rc, na + nb + 2);
    if (!p)
        return a;
    snprintf(p, na + nb + 2, "%s%s%s", a, rc->lang == FS_LANG_ZH ? "" : " ", b);
    return p;
}

/* v formatted as the chart library prints it. */
const char *fs_rc_num(fs_rc *rc, double v, fsc_fmt f)
{
    char buf[64];
    fsc_format_value(buf, sizeof buf, v, f, fs_rc_tr(rc, FS_L_NA));
    return fs_rc_str(rc, buf);
}

const char *fs_rc_inum(fs_rc *rc, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return fs_rc_str(rc, buf);
}

/* ------------------------------------------------------------ figures */

/* Value of metric in scope, NaN when not set (absent or empty). */
double fs_rc_fig(const fs_figures *f, const char *scope, const char *metric)
{
    if (!f)
        return NAN;
    int s = fs_fig_scope_index(f, scope), m = fs_fig_metric_index(f, metric);
    if (s < 0 || m < 0)
        return NAN;
    const fs_fig_value *v = fs_fig_value_at(f, (size_t)s, (size_t)m);
    return v->state == FS_FIG_SET && isfinite(v->d) ? v->d : NAN;
}

/* The metric per county (zone order) times scale; NaN where unset. */
double *fs_rc_per_county(fs_rc *rc, const fs_figures *f, const char *metric, double scale)
{
    double *v = fs_rc_doubles(rc, rc->nc);
    for (size_t i = 0; v && i < rc->nc; i++)
        v[i] = fs_rc_fig(f, rc->z->counties[i].code, metric) * scale;
    return v;
}

/* Index of the largest / smallest finite value, -1 when none. */
int fs_rc_arg_best(const double *v, size_t n, bool largest)
{
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && (best < 0 || (largest ? v[i] > v[best] : v[i] < v[best])))
            best = (int)i;
    return best;
}

int fs_rc_hi_lo(const double *v, size_t n, int *hi, int *lo)
{
    int k = 0;
    *hi = fs_rc_arg_best(v, n, true);
    *lo = fs_rc_arg_best(v, n, false);
    for (size_t i = 0; i < n; i++)
        k += isfinite(v[i]);
    if (k > 1 && *lo == *hi) /* all equal: the last of them */
        for (size_t i = n; i-- > 0;)
            if (isfinite(v[i]) && (int)i != *hi) {
                *lo = (int)i;
                break;
            }
    return k;
}

/* "A、B" list of the counties whose value is NaN, or NULL when none. */
const char *fs_rc_missing_list(fs_rc *rc, const double *v)
{
    size_t len = 0;
    for (size_t i = 0; i < rc->nc; i++)
        if (!isfinite(v[i]))
            len += strlen(rc->county[i]) + strlen(fs_rc_tr(rc, FS_L_LIST_SEP));
    if (len == 0)
        return NULL;
    char *p = fs_rc_alloc(rc, len + 1);
    if (!p)
        return NULL;
    for (size_t i = 0; i < rc->nc; i++)
        if (!isfinite(v[i])) {
            if (*p)
                strcat(p, fs_rc_tr(rc, FS_L_LIST_SEP));
            strcat(p, rc->county[i]);
        }
    return p;
}

/* "Highest: A (v); lowest: B (v)[; zone z]" for per-county values. */
const char *fs_rc_high_low(fs_rc *rc, const double *v, fsc_fmt f, double zone, const char *metric)
{
    const char *cov = metric ? fs_rc_metric_cov_suffix(rc, metric, false) : "";
    int hi, lo;
    int k = fs_rc_hi_lo(v, rc->nc, &hi, &lo);
    if (hi < 0)
        return fs_rc_tr(rc, FS_L_NO_FIGURES);
    if (k == 1)
        return isfinite(zone)
                   ? fs_rc_tpl(rc, FS_L_TAKE_ONE_ZONE, rc->county[hi], fs_rc_num(rc, v[hi], f),
                               fs_rc_num(rc, zone, f), cov, NULL)
                   : fs_rc_tpl(rc, FS_L_TAKE_ONE, rc->county[hi], fs_rc_num(rc, v[hi], f), NULL);
    if (isfinite(zone))
        return fs_rc_tpl(rc, FS_L_TAKE_HIGH_LOW_ZONE, rc->county[hi], fs_rc_num(rc, v[hi], f),
                         rc->county[lo], fs_rc_num(rc, v[lo], f), fs_rc_num(rc, zone, f), cov,
                         NULL);
    return fs_rc_tpl(rc, FS_L_TAKE_HIGH_LOW, rc->county[hi], fs_rc_num(rc, v[hi], f),
                     rc->county[lo], fs_rc_num(rc, v[lo], f), NULL);
}

/* The common part of every chart: source line, language, no-data text. */
fsc_chart fs_rc_base_chart(const fs_rc *rc, fsc_kind kind, const char *title)
{
    return (fsc_chart){.kind = kind,
                       .title = title,
                       .source = rc->source,
                       .lang = rc->lang == FS_LANG_ZH ? "zh-cn" : "en",
                       .na_label = fs_rc_tr(rc, FS_L_NA)};
}

fsc_categories fs_rc_counties(const fs_rc *rc)
{
    return (fsc_categories){rc->county, rc->colors, rc->nc};
}

/* ------------------------------------ coverage and comparability (v2) */

/*
 * "6/7县" / "6 of 7 counties" when the figures say the zone or province
 * figure of table t in scope covers fewer than all its counties
 * (fs_fig_partial, standard v2 §4), else NULL.
 */
const char *fs_rc_coverage(fs_rc *rc, const char *scope, fs_table t)
{
    const fs_figures *f = rc->ctx->fig;
    int s = fs_fig_scope_index(f, scope);
    if (s < 0 || t >= FS_T_COUNT || !fs_fig_partial(f, (size_t)s, t))
        return NULL;
    char buf[160];
    return fs_rc_str(rc,
                     fs_fig_cover_text(f, (size_t)s, t, rc->lang == FS_LANG_ZH, buf, sizeof buf));
}

const char *fs_rc_cov_suffix(fs_rc *rc, fs_table t, bool inner)
{
    const char *cov = t < FS_T_COUNT ? fs_rc_coverage(rc, "ALL", t) : NULL;
    if (!cov)
        return "";
    return fs_rc_tpl(rc, inner ? FS_L_COV_INNER : FS_L_COV_SHORT, cov, NULL);
}

const char *fs_rc_metric_coverage(fs_rc *rc, const char *scope, const char *metric)
{
    const fs_figures *f = rc->ctx->fig;
    int s = fs_fig_scope_index(f, scope), m = fs_fig_metric_index(f, metric);
    if (s < 0 || m < 0 || !fs_fig_metric_partial(f, (size_t)s, (size_t)m))
        return NULL;
    char buf[160];
    return fs_rc_str(rc, fs_fig_set_cover_text(f, (size_t)s,
                                               fs_fig_metric_counties(f, (size_t)s, (size_t)m),
                                               rc->lang == FS_LANG_ZH, buf, sizeof buf));
}

const char *fs_rc_metric_cov_suffix(fs_rc *rc, const char *metric, bool inner)
{
    const char *cov = fs_rc_metric_coverage(rc, "ALL", metric);
    if (!cov)
        return "";
    return fs_rc_tpl(rc, inner ? FS_L_COV_INNER : FS_L_COV_SHORT, cov, NULL);
}

bool fs_rc_year_partial(const fs_figures *f, const char *scope, const char *metric)
{
    if (!f || !isfinite(fs_rc_fig(f, scope, metric)))
        return false;
    int s = fs_fig_scope_index(f, scope), m = fs_fig_metric_index(f, metric);
    return s >= 0 && m >= 0 && fs_fig_metric_partial(f, (size_t)s, (size_t)m);
}

/*
 * The figures' "not comparable: 2023: 6 of 7 fs_rc_counties (no Yongcheng
 * City); 2024: 7 of 7" when the year-on-year change of metric in scope is
 * not comparable (fs_fig_comparable), else NULL.
 */
const char *fs_rc_not_comparable(fs_rc *rc, const char *scope, const char *metric)
{
    const fs_figures *f = rc->ctx->fig;
    int s = fs_fig_scope_index(f, scope);
    /* no figure last year: there is nothing to compare, not a change that
     * cannot be compared (the tile says "no 2022 figures to compare") */
    if (s < 0 || !isfinite(fs_rc_fig(rc->prev, scope, metric)) ||
        !isfinite(fs_rc_fig(f, scope, metric)))
        return NULL;
    char name[96];
    snprintf(name, sizeof name, "%s_yoy_pp", metric);
    int m = fs_fig_metric_index(f, name);
    if (m < 0) {
        snprintf(name, sizeof name, "%s_yoy_pct", metric);
        m = fs_fig_metric_index(f, name);
    }
    if (m < 0 || fs_fig_comparable(f, (size_t)s, (size_t)m))
        return NULL;
    char buf[512];
    return fs_rc_str(rc, fs_fig_not_comparable_text(f, (size_t)s, (size_t)m, rc->lang == FS_LANG_ZH,
                                                    buf, sizeof buf));
}

/*
 * The note of a trend chart: for every year of figs[0..ny) whose zone
 * figures of table t cover fewer counties, "2023: 6/7县（缺永城市）" (the
 * figures' words), joined; NULL when every year covers every county.
 */
const char *fs_rc_trend_coverage(fs_rc *rc, const fs_figures *const *figs, size_t ny,
                                 const fs_table *tables, size_t nt)
{
    const char *list = NULL; /* "2023年矛盾纠纷：6/7县；…", in the arena */
    for (size_t k = 0; k < ny; k++)
        for (size_t i = 0; i < nt; i++) {
            const fs_figures *f = figs[k];
            int s = fs_fig_scope_index(f, "ALL");
            bool seen = false; /* a table listed twice is said once */
            for (size_t j = 0; j < i; j++)
                seen = seen || tables[j] == tables[i];
            if (s < 0 || seen || !fs_fig_partial(f, (size_t)s, tables[i]))
                continue;
            char cov[256];
            fs_fig_cover_text(f, (size_t)s, tables[i], rc->lang == FS_LANG_ZH, cov, sizeof cov);
            const char *tname =
                rc->lang == FS_LANG_ZH ? fs_tables[tables[i]].name_zh : fs_tables[tables[i]].name;
            const char *item =
                fs_rc_tpl(rc, FS_L_TR_COVERAGE_ITEM, fs_rc_inum(rc, f->year), tname, cov, NULL);
            list = list ? fs_rc_tpl(rc, FS_L_TR_COVERAGE_SEP, list, item, NULL) : item;
        }
    return list ? fs_rc_tpl(rc, FS_L_TR_COVERAGE, list, NULL) : NULL;
}

/* s followed by "（6/7县）" when cov is not NULL. */
const char *fs_rc_with_cov(fs_rc *rc, const char *s, const char *cov)
{
    if (!cov)
        return s;
    size_t n = strlen(s) + strlen(cov) + 16;
    char *p = fs_rc_alloc(rc, n);
    if (!p)
        return s;
    snprintf(p, n, "%s%s", s, fs_rc_tpl(rc, FS_L_COV_SHORT, cov, NULL));
    return p;
}

/* Money of the figures (yuan) in 万元, the unit of every chart and table
 * (standard v2 §4); NaN stays NaN. */
double fs_rc_wan(double yuan)
{
    return yuan / 10000.0;
}

/* Indices 0..n-1 ordered by v descending (NaN last, ties in zone order). */
size_t *fs_rc_order_desc(fs_rc *rc, const double *v, size_t n)
{
    size_t *o = fs_rc_alloc(rc, (n ? n : 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        o[i] = i;
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0; b--) {
            double x = v[o[b - 1]], y = v[o[b]];
            bool swap = isfinite(y) && (!isfinite(x) || y > x);
            if (!swap)
                break;
            size_t t = o[b];
            o[b] = o[b - 1];
            o[b - 1] = t;
        }
    return o;
}

/* DECIMAL1 values all below 10 (e.g. 3.62 and 3.66 offences per 10 000)
 * would tie at one decimal: give them two. */
fsc_fmt fs_rc_decimals_for(const double *v, size_t n, fsc_fmt fmt)
{
    if (fmt != FSC_FMT_DECIMAL1)
        return fmt;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && fabs(v[i]) >= 10)
            return fmt;
    return FSC_FMT_DECIMAL2;
}

/* How a metric is shown: format and the factor from its unit. */
fsc_fmt fs_rc_metric_format(const fs_fig_metric *m, double *scale)
{
    *scale = 1;
    if (strcmp(m->unit_en, "%") == 0) {
        *scale = 0.01;
        return FSC_FMT_PERCENT;
    }
    return m->kind == FS_FIG_COUNT || m->kind == FS_FIG_MONEY ? FSC_FMT_INTEGER : FSC_FMT_DECIMAL1;
}

/* s with its first letter in lower case when the document is in English
 * (a category name mid-sentence: "at village level"); s itself in
 * Chinese or when it does not start with A–Z.  Arena string. */
const char *fs_rc_lower1(fs_rc *rc, const char *s)
{
    if (!s || rc->lang != FS_LANG_EN || s[0] < 'A' || s[0] > 'Z')
        return s;
    char *low = (char *)fs_rc_str(rc, s);
    if (*low)
        low[0] = (char)(low[0] - 'A' + 'a');
    return low;
}
