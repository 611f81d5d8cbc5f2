/*
 * figures_cover.c — coverage and comparability of the figures (§4 of the
 * submission standard, v2), read from a computed result (figures.h).
 *
 * figures.c records, for the year and the year before, which counties have
 * each table (records or a zero report) and each indicator, and every
 * county's declared counts and records held.  The functions here answer
 * the questions every output asks before showing a figure: how many of the
 * scope's counties does it cover ("6 of 7 counties", "6/7县"), and may its
 * year-on-year change be read (and if not, why).  The metric values
 * themselves already follow these rules (a not comparable change is
 * empty); these functions give the words.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "figures_int.h"

fs_county_set fs_fig_cover(const fs_figures *f, size_t s, fs_table t, bool prev)
{
    return (prev ? f->present_prev[t] : f->present[t]) & f->scopes[s].counties;
}

fs_county_set fs_fig_metric_cover(const fs_figures *f, size_t s, size_t m, bool prev)
{
    const fs_fig_metric *mt = &f->metrics[m];
    int k = fs_fig_cover_indicator(mt->def, mt->value);
    if (k >= 0 && (size_t)k < f->nind)
        return f->ind_present[(prev ? f->nind : 0) + (size_t)k] & f->scopes[s].counties;
    return fs_fig_cover(f, s, mt->table, prev);
}

fs_county_set fs_fig_metric_counties(const fs_figures *f, size_t s, size_t m)
{
    fs_county_set have = fs_fig_metric_cover(f, s, m, false);
    /* a per-10k sums only the counties that also gave a population */
    int pop = fs_enum_index(FS_T_INDICATORS, "indicator", "population");
    if (f->metrics[m].def && f->metrics[m].def->method == FS_FIG_PER_POP && pop >= 0 &&
        (size_t)pop < f->nind)
        have &= f->ind_present[pop];
    return have;
}

/* A province or zone scope of which `have` holds some counties, not all. */
static bool partial_set(const fs_figures *f, size_t s, fs_county_set have)
{
    return f->scopes[s].kind != FS_SCOPE_COUNTY && have && have != f->scopes[s].counties;
}

bool fs_fig_partial(const fs_figures *f, size_t s, fs_table t)
{
    return partial_set(f, s, fs_fig_cover(f, s, t, false));
}

bool fs_fig_metric_partial(const fs_figures *f, size_t s, size_t m)
{
    return partial_set(f, s, fs_fig_metric_counties(f, s, m));
}

/* "6 of 7 counties" / "6/7县" for a set within a scope. */
static void count_text(fs_county_set have, fs_county_set all, bool zh, bool words, char *buf,
                       size_t size)
{
    int h = __builtin_popcountll(have), n = __builtin_popcountll(all);
    if (zh)
        snprintf(buf, size, "%d/%d县", h, n);
    else
        snprintf(buf, size, words ? "%d of %d counties" : "%d of %d", h, n);
}

char *fs_fig_set_cover_text(const fs_figures *f, size_t s, fs_county_set have, bool zh, char *buf,
                            size_t size)
{
    if (size)
        buf[0] = '\0';
    if (f->scopes[s].kind == FS_SCOPE_COUNTY)
        return buf;
    count_text(have & f->scopes[s].counties, f->scopes[s].counties, zh, true, buf, size);
    return buf;
}

char *fs_fig_cover_text(const fs_figures *f, size_t s, fs_table t, bool zh, char *buf, size_t size)
{
    return fs_fig_set_cover_text(f, s, fs_fig_cover(f, s, t, false), zh, buf, size);
}

bool fs_fig_comparable(const fs_figures *f, size_t s, size_t m)
{
    if (f->metrics[m].base < 0)
        return true;
    const fs_fig_value *y1 = fs_fig_value_at(f, s, (size_t)f->metrics[m].base);
    if (y1->state == FS_FIG_ABSENT)
        return true; /* no figure: nothing to compare */
    size_t b = (size_t)f->metrics[m].base;
    return fs_fig_metric_cover(f, s, b, false) == fs_fig_metric_cover(f, s, b, true);
}

/* Append printf output to buf at *n (truncating safely). */
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
    if (*n >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *n, size - *n, fmt, ap);
    va_end(ap);
    if (k > 0)
        *n += (size_t)k < size - *n ? (size_t)k : size - *n - 1;
}

/* One year's part: "2023: 6 of 7 counties (no 411481 Yongcheng City)". */
static void year_part(const fs_figures *f, int year, fs_county_set have, fs_county_set all, bool zh,
                      bool first, char *buf, size_t size, size_t *n)
{
    char cnt[64];
    count_text(have, all, zh, first, cnt, sizeof cnt);
    if (zh)
        add(buf, size, n, "%s%d年%s", first ? "" : "；", year, cnt);
    else
        add(buf, size, n, "%s%d: %s", first ? "" : "; ", year, cnt);
    fs_county_set missing = all & ~have;
    if (!missing || !have)
        return;
    add(buf, size, n, zh ? "（缺" : " (no ");
    for (fs_county_set x = missing; x; x &= x - 1) {
        int c = __builtin_ctzll(x);
        if (zh)
            add(buf, size, n, "%s%s", x == missing ? "" : "、", f->zone->counties[c].name_zh);
        else
            add(buf, size, n, "%s%s", x == missing ? "" : ", ", f->zone->counties[c].name_en);
    }
    add(buf, size, n, zh ? "）" : ")");
}

char *fs_fig_not_comparable_text(const fs_figures *f, size_t s, size_t m, bool zh, char *buf,
                                 size_t size)
{
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    if (fs_fig_comparable(f, s, m))
        return buf;
    size_t b = (size_t)f->metrics[m].base;
    fs_county_set all = f->scopes[s].counties;
    add(buf, size, &n, zh ? "不可比：" : "not comparable: ");
    year_part(f, f->year - 1, fs_fig_metric_cover(f, s, b, true), all, zh, true, buf, size, &n);
    year_part(f, f->year, fs_fig_metric_cover(f, s, b, false), all, zh, false, buf, size, &n);
    return buf;
}

int64_t fs_fig_declared(const fs_figures *f, int c, fs_table t)
{
    if (c < 0 || (size_t)c >= f->zone->ncounties || !f->declared)
        return -1;
    return f->declared[(size_t)c * FS_T_COUNT + t];
}

int64_t fs_fig_held(const fs_figures *f, int c, fs_table t)
{
    if (c < 0 || (size_t)c >= f->zone->ncounties || !f->held)
        return 0;
    return f->held[(size_t)c * FS_T_COUNT + t];
}
