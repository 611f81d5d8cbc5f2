/*
 * zone.c — loading and querying the zone configuration (see zone.h).
 *
 * The file format is deliberately plain (key = value, "|"-separated county
 * rows) so a secretariat can edit it in Notepad; every mistake is reported
 * with its line number.  Keys: name_zh, name_en, secretariat_zh,
 * secretariat_en, first_forum_year, county (one per member), rotation, and
 * the optional hex (one per county: "hex = CODE Q R", the county's tile on
 * the charts' schematic map; see templates/zone.conf) and forum_date (one
 * per forum: "forum_date = 2025-11-28", the day it is held; the briefing's
 * cover names it).
 */
#include "zone.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "i18n.h"
#include "sbuf.h"
#include "schema.h"
#include "text.h"

typedef struct parse_state {
    const char *path;
    int line;
    fs_sbuf *err;
} parse_state;

/* Report a mistake in the zone file; fail() also gives the status to return.
 * fail() is a macro so that FS_ERR_ZONE is visible at every call: the static
 * analyzer does not follow calls into variadic functions, and without it
 * took every failed parse for a successful one. */
static void fail_msg(parse_state *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail_msg(parse_state *ps, const char *fmt, ...)
{
    if (ps->line > 0)
        fs_sbuf_setf(ps->err, "%s:%d: ", ps->path, ps->line);
    else
        fs_sbuf_setf(ps->err, "%s: ", ps->path);
    va_list ap;
    va_start(ap, fmt);
    fs_sbuf_vaddf(ps->err, fmt, ap);
    va_end(ap);
}
#define fail(...) (fail_msg(__VA_ARGS__), FS_ERR_ZONE)

/* Trim a NUL-terminated string in place; returns the start. */
static char *trim(char *s)
{
    const char *p = s;
    size_t n = strlen(s);
    fs_trim(&p, &n);
    memmove(s, p, n);
    s[n] = '\0';
    return s;
}

static bool is_code(const char *s)
{
    if (strlen(s) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

void fs_zone_free(fs_zone *z)
{
    if (!z)
        return;
    for (size_t i = 0; i < z->ncounties; i++) {
        free(z->counties[i].name_zh);
        free(z->counties[i].name_en);
        free(z->counties[i].prefecture_zh);
        free(z->counties[i].prefecture_en);
    }
    for (size_t i = 0; i < z->nprovinces; i++) {
        free(z->provinces[i].name_zh);
        free(z->provinces[i].name_en);
    }
    free(z->counties);
    free(z->provinces);
    free(z->rotation);
    free(z->forum_dates);
    free(z->name_zh);
    free(z->name_en);
    free(z->secretariat_zh);
    free(z->secretariat_en);
    free(z);
}

static int cmp_county(const void *a, const void *b)
{
    return strcmp(((const fs_county *)a)->code, ((const fs_county *)b)->code);
}

static int cmp_province(const void *a, const void *b)
{
    return strcmp(((const fs_province *)a)->code, ((const fs_province *)b)->code);
}

/* Parse "code | zh | en | prov_zh | prov_en | pref_zh | pref_en". */
static fs_status parse_county(parse_state *ps, fs_zone *z, char *value, char **prov_zh,
                              char **prov_en)
{
    char *fields[7];
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(value, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        if (n == 7)
            return fail(ps, _("a county line has more than 7 fields"));
        fields[n++] = trim(tok);
    }
    if (n != 7)
        return fail(ps, _("a county line needs 7 fields separated by |, found %d"), n);
    if (!is_code(fields[0]))
        return fail(ps, _("county code '%s' is not six digits"), fields[0]);
    for (int i = 1; i < 7; i++)
        if (!fields[i][0] || !fs_utf8_valid(fields[i], strlen(fields[i])))
            return fail(ps, _("county %s: field %d is empty or not UTF-8"), fields[0], i + 1);
    if (z->ncounties == FS_ZONE_MAX)
        return fail(ps, _("more than %d counties"), FS_ZONE_MAX);
    fs_county *c = &z->counties[z->ncounties];
    memset(c, 0, sizeof *c);
    memcpy(c->code, fields[0], 7);
    snprintf(c->province_code, sizeof c->province_code, "%.2s0000", fields[0]);
    c->name_zh = strdup(fields[1]);
    c->name_en = strdup(fields[2]);
    c->prefecture_zh = strdup(fields[5]);
    c->prefecture_en = strdup(fields[6]);
    prov_zh[z->ncounties] = strdup(fields[3]);
    prov_en[z->ncounties] = strdup(fields[4]);
    z->ncounties++;
    if (!c->name_zh || !c->name_en || !c->prefecture_zh || !c->prefecture_en ||
        !prov_zh[z->ncounties - 1] || !prov_en[z->ncounties - 1])
        return FS_ERR_NOMEM;
    return FS_OK;
}

/* A "hex = CODE Q R" line, kept until the counties are sorted. */
typedef struct hex_line {
    char code[7];
    int q, r;
    int line;
} hex_line;

/* Parse "CODE Q R" (|Q|, |R| <= 99). */
static fs_status parse_hex(parse_state *ps, char *value, hex_line *out)
{
    char code[16], extra[2];
    int q, r;
    if (sscanf(value, "%15s %d %d %1s", code, &q, &r, extra) != 3 || !is_code(code))
        return fail(ps,
                    _("a hex line needs a county code and two whole numbers: 'hex = 341321 0 -1'"));
    if (q < -99 || q > 99 || r < -99 || r > 99)
        return fail(ps, _("hex position %d %d is out of range (-99..99)"), q, r);
    memcpy(out->code, code, 7);
    out->q = q;
    out->r = r;
    out->line = ps->line;
    return FS_OK;
}

/* Put the hex lines on the (sorted) counties. */
static fs_status apply_hex(parse_state *ps, fs_zone *z, const hex_line *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ps->line = h[i].line;
        int c = fs_zone_by_code(z, h[i].code);
        if (c < 0)
            return fail(ps, _("hex names %s, which is not a county of the zone"), h[i].code);
        if (z->counties[c].has_hex)
            return fail(ps, _("county %s has two hex lines"), h[i].code);
        for (size_t k = 0; k < z->ncounties; k++)
            if (z->counties[k].has_hex && z->counties[k].hex_q == h[i].q &&
                z->counties[k].hex_r == h[i].r)
                return fail(ps, _("counties %s and %s are on the same hex %d %d"),
                            z->counties[k].code, h[i].code, h[i].q, h[i].r);
        z->counties[c].has_hex = true;
        z->counties[c].hex_q = h[i].q;
        z->counties[c].hex_r = h[i].r;
    }
    return FS_OK;
}

/* Build the province list from the county rows and check consistency. */
static fs_status build_provinces(parse_state *ps, fs_zone *z, char **prov_zh, char **prov_en)
{
    z->provinces = calloc(z->ncounties ? z->ncounties : 1, sizeof *z->provinces);
    if (!z->provinces)
        return FS_ERR_NOMEM;
    z->nprovinces = 0; /* the list is built afresh here, from the county rows */
    for (size_t i = 0; i < z->ncounties; i++) {
        size_t p;
        for (p = 0; p < z->nprovinces; p++)
            if (strcmp(z->provinces[p].code, z->counties[i].province_code) == 0)
                break;
        if (p == z->nprovinces) {
            memcpy(z->provinces[p].code, z->counties[i].province_code, 7);
            z->provinces[p].name_zh = prov_zh[i];
            z->provinces[p].name_en = prov_en[i];
            prov_zh[i] = prov_en[i] = NULL;
            z->nprovinces++;
        } else if (strcmp(z->provinces[p].name_zh, prov_zh[i]) != 0 ||
                   strcmp(z->provinces[p].name_en, prov_en[i]) != 0) {
            ps->line = 0;
            return fail(ps, _("province %s is named differently on two county lines"),
                        z->provinces[p].code);
        }
    }
    qsort(z->provinces, z->nprovinces, sizeof *z->provinces, cmp_province);
    for (size_t i = 0; i < z->ncounties; i++)
        z->counties[i].province = fs_zone_province_by_code(z, z->counties[i].province_code);
    return FS_OK;
}

static fs_status finish(parse_state *ps, fs_zone *z, char *rotation, int rotation_line)
{
    ps->line = 0;
    if (z->ncounties == 0)
        return fail(ps, _("no county lines"));
    if (!z->name_zh || !z->name_en)
        return fail(ps, _("name_zh and name_en are required"));
    if (z->first_year < 2000 || z->first_year > 2100)
        return fail(ps, _("first_forum_year must be a year between 2000 and 2100"));
    qsort(z->counties, z->ncounties, sizeof *z->counties, cmp_county);
    for (size_t i = 1; i < z->ncounties; i++)
        if (strcmp(z->counties[i - 1].code, z->counties[i].code) == 0)
            return fail(ps, _("county %s is listed twice"), z->counties[i].code);
    for (size_t i = 0; i < z->ncounties; i++)
        for (size_t j = i + 1; j < z->ncounties; j++)
            if (strcmp(z->counties[i].name_zh, z->counties[j].name_zh) == 0 ||
                fs_eq_nocase(z->counties[i].name_en, strlen(z->counties[i].name_en),
                             z->counties[j].name_en))
                return fail(ps, _("counties %s and %s have the same name"), z->counties[i].code,
                            z->counties[j].code);
    if (!rotation)
        return fail(ps, _("rotation is required"));
    ps->line = rotation_line;
    z->rotation = calloc(z->ncounties, sizeof *z->rotation);
    if (!z->rotation)
        return FS_ERR_NOMEM;
    char *save = NULL;
    fs_county_set seen = 0;
    for (char *tok = strtok_r(rotation, " \t,;", &save); tok;
         tok = strtok_r(NULL, " \t,;", &save)) {
        int idx = fs_zone_by_code(z, tok);
        if (idx < 0)
            return fail(ps, _("rotation names %s, which is not a county of the zone"), tok);
        if (seen & ((fs_county_set)1 << idx))
            return fail(ps, _("rotation names %s twice"), tok);
        seen |= (fs_county_set)1 << idx;
        z->rotation[z->nrotation++] = idx;
    }
    if (z->nrotation != z->ncounties)
        return fail(ps, _("rotation must name every county once (%zu of %zu named)"), z->nrotation,
                    z->ncounties);
    return FS_OK;
}

/* "forum_date = YYYY-MM-DD": a real calendar date, one per year. */
static fs_status parse_forum_date(parse_state *ps, fs_zone *z, const char *value)
{
    int y, m, d, n = 0;
    if (sscanf(value, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || value[n] != '\0' || y < 2000 ||
        y > 2100 || m < 1 || m > 12 || d < 1)
        return fail(ps, _("forum_date must be a date like 2025-11-28"));
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
        return fail(ps, _("forum_date %s is not a real calendar date"), value);
    for (size_t i = 0; i < z->nforum_dates; i++)
        if (z->forum_dates[i].year == y)
            return fail(ps, _("a second forum_date for %d: give one date per year"), y);
    if (!fs_grow((void **)&z->forum_dates, &z->cap_forum_dates, z->nforum_dates,
                 sizeof *z->forum_dates))
        return FS_ERR_NOMEM;
    z->forum_dates[z->nforum_dates++] = (struct fs_forum_date){y, m, d};
    return FS_OK;
}

/* "utc_offset = +08:00": the sign, hours 00-14, minutes 00, 15, 30 or 45. */
static fs_status parse_utc_offset(parse_state *ps, fs_zone *z, const char *v)
{
    int h, m, n = 0;
    if ((v[0] != '+' && v[0] != '-') || sscanf(v + 1, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 ||
        v[6] != '\0' || h > 14 || m % 15 != 0 || m > 45)
        return fail(ps,
                    _("utc_offset wants the zone's offset from UTC as +HH:MM, such as "
                      "+08:00 (China Standard Time), not '%s'"),
                    v);
    z->utc_offset_min = (v[0] == '-' ? -1 : 1) * (h * 60 + m);
    return FS_OK;
}

bool fs_zone_forum_date(const fs_zone *z, int year, int *month, int *day)
{
    for (size_t i = 0; z && i < z->nforum_dates; i++)
        if (z->forum_dates[i].year == year) {
            *month = z->forum_dates[i].month;
            *day = z->forum_dates[i].day;
            return true;
        }
    return false;
}

fs_status fs_zone_load(const char *path, fs_zone **out, fs_sbuf *err)
{
    parse_state ps = {path, 0, err};
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(&ps, _("cannot open the zone file: %s"), strerror(errno));
    fs_zone *z = calloc(1, sizeof *z);
    char *prov_zh[FS_ZONE_MAX] = {0}, *prov_en[FS_ZONE_MAX] = {0};
    char *line = NULL, *rotation = NULL;
    hex_line hexes[FS_ZONE_MAX];
    size_t nhex = 0;
    size_t cap = 0;
    int rotation_line = 0;
    fs_status st = FS_OK;
    if (!z || !(z->counties = calloc(FS_ZONE_MAX, sizeof *z->counties))) {
        st = FS_ERR_NOMEM;
        goto done;
    }
    while (getline(&line, &cap, f) >= 0) {
        ps.line++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            st = fail(&ps, _("expected 'key = value'"));
            goto done;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        if (!fs_utf8_valid(value, strlen(value))) {
            st = fail(&ps, _("the value is not UTF-8 text"));
            goto done;
        }
        char **slot = NULL;
        if (strcmp(key, "county") == 0) {
            if ((st = parse_county(&ps, z, value, prov_zh, prov_en)) != FS_OK)
                goto done;
            continue;
        } else if (strcmp(key, "rotation") == 0) {
            slot = &rotation;
            rotation_line = ps.line;
        } else if (strcmp(key, "hex") == 0) {
            if (nhex == FS_ZONE_MAX) {
                st = fail(&ps, _("more than %d hex lines"), FS_ZONE_MAX);
                goto done;
            }
            if ((st = parse_hex(&ps, value, &hexes[nhex++])) != FS_OK)
                goto done;
            continue;
        } else if (strcmp(key, "forum_date") == 0) {
            if ((st = parse_forum_date(&ps, z, value)) != FS_OK)
                goto done;
            continue;
        } else if (strcmp(key, "utc_offset") == 0) {
            if ((st = parse_utc_offset(&ps, z, value)) != FS_OK)
                goto done;
            continue;
        } else if (strcmp(key, "first_forum_year") == 0) {
            z->first_year = atoi(value);
            continue;
        } else if (strcmp(key, "name_zh") == 0) {
            slot = &z->name_zh;
        } else if (strcmp(key, "name_en") == 0) {
            slot = &z->name_en;
        } else if (strcmp(key, "secretariat_zh") == 0) {
            slot = &z->secretariat_zh;
        } else if (strcmp(key, "secretariat_en") == 0) {
            slot = &z->secretariat_en;
        } else {
            st = fail(&ps, _("unknown key '%s'"), key);
            goto done;
        }
        free(*slot);
        if (!(*slot = strdup(value))) {
            st = FS_ERR_NOMEM;
            goto done;
        }
    }
    if (ferror(f)) {
        st = fail(&ps, _("read error"));
        goto done;
    }
    /* Provinces first: prov_zh/prov_en are in file order, finish() sorts. */
    if ((st = build_provinces(&ps, z, prov_zh, prov_en)) != FS_OK)
        goto done;
    if ((st = finish(&ps, z, rotation, rotation_line)) != FS_OK)
        goto done;
    if ((st = apply_hex(&ps, z, hexes, nhex)) != FS_OK)
        goto done;
    if (!z->secretariat_zh && !(z->secretariat_zh = strdup(z->name_zh)))
        st = FS_ERR_NOMEM;
    if (st == FS_OK && !z->secretariat_en && !(z->secretariat_en = strdup(z->name_en)))
        st = FS_ERR_NOMEM;
done:
    for (int i = 0; i < FS_ZONE_MAX; i++) {
        free(prov_zh[i]);
        free(prov_en[i]);
    }
    free(line);
    free(rotation);
    fclose(f);
    if (st != FS_OK) {
        if (st == FS_ERR_NOMEM)
            fs_sbuf_setf(err, _("%s: out of memory"), path);
        fs_zone_free(z);
        return st;
    }
    *out = z;
    return FS_OK;
}

int fs_zone_by_code(const fs_zone *z, const char *code)
{
    for (size_t i = 0; i < z->ncounties; i++)
        if (strcmp(z->counties[i].code, code) == 0)
            return (int)i;
    return -1;
}

const char *fs_zone_county_label(const fs_zone *z, const char *code, fs_sbuf *b)
{
    int c = z && fs_labels_zh() ? fs_zone_by_code(z, code) : -1;
    if (c >= 0)
        fs_sbuf_setf(b, "%s %s", code, z->counties[c].name_zh);
    else
        fs_sbuf_setf(b, "%s", code);
    return fs_sbuf_str(b);
}

int fs_zone_province_by_code(const fs_zone *z, const char *code)
{
    for (size_t i = 0; i < z->nprovinces; i++)
        if (strcmp(z->provinces[i].code, code) == 0)
            return (int)i;
    return -1;
}

fs_county_set fs_zone_code_list(const fs_zone *z, const char *s)
{
    fs_county_set set = 0;
    while (s && *s) {
        const char *e = strchr(s, ';');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        for (size_t i = 0; n && i < z->ncounties && i < FS_ZONE_MAX; i++)
            if (fs_eq(s, n, z->counties[i].code)) {
                set |= (fs_county_set)1 << i;
                break;
            }
        s = e ? e + 1 : NULL;
    }
    return set;
}

int fs_zone_find(const fs_zone *z, const char *s, size_t n)
{
    int first = n ? (unsigned char)s[0] : -1;
    int lower = first >= 'A' && first <= 'Z' ? first + ('a' - 'A') : first;
    for (size_t i = 0; i < z->ncounties; i++) {
        const fs_county *c = &z->counties[i];
        /* a county whose code and names start otherwise cannot match:
         * every record's county goes through here */
        int en = (unsigned char)c->name_en[0];
        en = en >= 'A' && en <= 'Z' ? en + ('a' - 'A') : en;
        if (n && (unsigned char)c->code[0] != first && (unsigned char)c->name_zh[0] != first &&
            en != lower)
            continue;
        if (fs_eq(s, n, c->code) || fs_eq(s, n, c->name_zh) || fs_eq_nocase(s, n, c->name_en))
            return (int)i;
    }
    return -1;
}

const char *fs_zone_suggest(const fs_zone *z, const char *s, size_t n)
{
    const char *best = NULL;
    int best_d = 3;
    for (size_t i = 0; i < z->ncounties; i++) {
        const fs_county *c = &z->counties[i];
        int d = fs_edit_distance(s, n, c->code, 6, 1);
        if (d <= 1 && d < best_d) {
            best_d = d;
            best = c->code;
        }
        d = fs_edit_distance(s, n, c->name_en, strlen(c->name_en), 2);
        if (d <= 2 && d < best_d) {
            best_d = d;
            best = c->name_en;
        }
        /* "砀山" for "砀山县", "永城" for "永城市": a name without its suffix;
         * "dangshan" for "Dangshan County" likewise (a word, any case). */
        size_t zl = strlen(c->name_zh), el = strlen(c->name_en);
        if (n >= 3 && n < zl && memcmp(c->name_zh, s, n) == 0 && best_d > 1) {
            best_d = 1;
            best = c->name_zh;
        }
        if (n >= 3 && n < el && c->name_en[n] == ' ' && strncasecmp(c->name_en, s, n) == 0 &&
            best_d > 1) {
            best_d = 1;
            best = c->name_en;
        }
    }
    return best;
}

int fs_zone_host(const fs_zone *z, int year, int *ordinal)
{
    if (year < z->first_year || z->nrotation == 0)
        return -1;
    int k = year - z->first_year;
    if (ordinal)
        *ordinal = k + 1;
    return z->rotation[k % (int)z->nrotation];
}
