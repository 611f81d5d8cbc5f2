/*
 * template.c — the county templates' texts: file names and what every
 * writer shares (headers, allowed values, labels); see template.h.
 *
 * The writers themselves are template_csv.c (CSV templates and the
 * dictionary CSV), template_xlsx.c (the workbook) and template_doc.c (the
 * Markdown reference).  All of them describe a column only through the
 * functions here, so a CSV, a drop-down and a documentation table always
 * say the same thing about it.
 */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* -------------------------------------------------------------- texts */

static const char *const labels[FS_TL_COUNT][2] = {
    /* None of these may be a column name or alias of a table: a dictionary
     * passed to validate by mistake must not look like a submission. */
    [FS_TL_TABLE] = {"table", "表名"},
    [FS_TL_COLUMN] = {"column (header)", "列名（表头）"},
    [FS_TL_OTHER_NAME] = {"Chinese alias (also accepted)", "英文列名（同样可用）"},
    [FS_TL_MEANING] = {"meaning", "含义"},
    [FS_TL_TYPE] = {"data type", "数据类型"},
    [FS_TL_REQUIRED] = {"required", "是否必填"},
    [FS_TL_ALLOWED] = {"allowed values", "允许值"},
    [FS_TL_EXAMPLE] = {"example", "示例"},
};

const char *fs_tpl_label_text(fs_tpl_label l, bool zh)
{
    return l < FS_TL_COUNT ? labels[l][zh] : "";
}

const char *fs_tpl_header(const fs_column *c, bool zh)
{
    return zh ? c->alias : c->name;
}

const char *fs_tpl_enum_entry(const fs_column *c, size_t i, bool zh)
{
    if (i >= c->nvalues)
        return "";
    return zh && !c->leading_zero_optional ? c->values[i].zh : c->values[i].code;
}

/* schema.c's examples are written for this year; a county's template
 * shows its own. */
#define EXAMPLE_YEAR "2024"

/* s with every EXAMPLE_YEAR replaced by year, in buf (cut to fit). */
static const char *with_year(const char *s, int year, char *buf, size_t size)
{
    size_t o = 0;
    while (*s && o + 1 < size) {
        if (strncmp(s, EXAMPLE_YEAR, 4) == 0 && o + 5 < size) {
            o += (size_t)snprintf(buf + o, size - o, "%04d", year);
            s += 4;
        } else {
            buf[o++] = *s++;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* schema.c's identifiers are Dangshan's ("DS-2024-0001"); a county's
 * template shows them with its own code ("371722-2024-0001"). */
#define EXAMPLE_ID_PREFIX "DS-"

/* The example list of member counties (schema.c's, written for Dangshan)
 * for `county`'s template: the county itself, when named, replaced by the
 * first other member not named, so that no example names the reporting
 * county (list.self). */
static fs_county_set other_counties(const fs_zone *z, const char *example, int county)
{
    fs_county_set set = fs_zone_code_list(z, example), self = (fs_county_set)1 << county;
    if (!(set & self))
        return set;
    set &= ~self;
    for (size_t i = 0; i < z->ncounties; i++)
        if ((int)i != county && !(set & (fs_county_set)1 << i))
            return set | (fs_county_set)1 << i;
    return set;
}

/* A set of counties as a list's text: codes in zone order, ";" between. */
static const char *county_list_text(const fs_zone *z, fs_county_set set, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (; set && o < size; set &= set - 1)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ";" : "",
                              z->counties[__builtin_ctzll(set)].code);
    return buf;
}

const char *fs_tpl_example(const fs_zone *z, fs_table t, size_t col, int county, int year, bool zh,
                           char *buf, size_t bufsz)
{
    const fs_table_def *td = &fs_tables[t];
    const fs_column *c = &td->columns[col];
    if (county >= 0 && (int)col == td->county_col)
        return z->counties[county].code;
    if (county >= 0 && c->type == FS_CT_YEAR) {
        snprintf(buf, bufsz, "%d", year);
        return buf;
    }
    if (county >= 0 && c->type == FS_CT_COUNTY_LIST)
        return county_list_text(z, other_counties(z, c->example, county), buf, bufsz);
    if (county >= 0 && c->type == FS_CT_COUNTY) {
        /* one county (lead): one of the table's list example (partners),
         * as the rules want it */
        fs_county_set one = other_counties(z, c->example, county);
        for (size_t k = 0; k < td->ncolumns; k++)
            if (td->columns[k].type == FS_CT_COUNTY_LIST) {
                fs_county_set list = other_counties(z, td->columns[k].example, county);
                if (!(one & list))
                    one = list;
                break;
            }
        return county_list_text(z, one & -one, buf, bufsz); /* its first */
    }
    if (county >= 0 && c->type == FS_CT_ID &&
        strncmp(c->example, EXAMPLE_ID_PREFIX, strlen(EXAMPLE_ID_PREFIX)) == 0) {
        const char *rest = c->example + strlen(EXAMPLE_ID_PREFIX);
        char dated[64];
        if (year > 0 && year <= 9999)
            rest = with_year(rest, year, dated, sizeof dated);
        snprintf(buf, bufsz, "%s-%s", z->counties[county].code, rest);
        return buf;
    }
    if (c->type == FS_CT_ENUM) {
        int i = fs_enum_find(c, c->example, strlen(c->example));
        if (i >= 0)
            return fs_tpl_enum_entry(c, (size_t)i, zh);
    }
    if (county >= 0 && year > 0 && year <= 9999 && strstr(c->example, EXAMPLE_YEAR))
        return with_year(c->example, year, buf, bufsz);
    return c->example;
}

const char *fs_tpl_required(const fs_column *c, bool zh)
{
    if (zh)
        return c->required ? "必填" : "选填";
    return c->required ? "required" : "optional";
}

void fs_tpl_file_name(char *buf, size_t size, const char *code, int year, int t)
{
    if (t >= 0 && t < FS_T_COUNT)
        snprintf(buf, size, "%s-%d-%s.csv", code, year, fs_tables[t].name);
    else if (t == -1)
        snprintf(buf, size, "template-%s-%d.xlsx", code, year);
    else
        snprintf(buf, size, "dictionary-%s-%d.csv", code, year);
}

static void add_county(fs_sbuf *b, const fs_county *c, bool zh)
{
    fs_sbuf_addf(b, "%s %s", c->code, zh ? c->name_zh : c->name_en);
}

char *fs_tpl_allowed(const fs_zone *z, fs_table t, size_t col, int county, int year, bool zh,
                     const char *sep)
{
    const fs_table_def *td = &fs_tables[t];
    const fs_column *c = &td->columns[col];
    fs_sbuf b;
    fs_sbuf_init(&b);
    switch (c->type) {
    case FS_CT_ENUM:
        for (size_t i = 0; i < c->nvalues; i++) {
            const fs_enum_value *v = &c->values[i];
            if (i)
                fs_sbuf_add(&b, sep);
            if (c->leading_zero_optional)
                fs_sbuf_addf(&b, "%s %s", v->code, zh ? v->zh : v->en);
            else if (zh)
                fs_sbuf_addf(&b, "%s（%s）", v->zh, v->code);
            else
                fs_sbuf_addf(&b, "%s = %s", v->code, v->en);
        }
        if (c->leading_zero_optional)
            fs_sbuf_addf(&b, "%s%s", sep, zh ? "（5 与 05 相同）" : "(5 is the same as 05)");
        break;
    case FS_CT_COUNTY:
        if (county >= 0 && (int)col == td->county_col) {
            fs_sbuf_add(&b, zh ? "本县：" : "this county: ");
            add_county(&b, &z->counties[county], zh);
            break;
        }
        fs_sbuf_add(&b, zh ? "成员县区的代码或名称：" : "a member county, by code or name:");
        for (size_t i = 0; i < z->ncounties; i++) {
            fs_sbuf_add(&b, i ? sep : (zh ? "" : " "));
            add_county(&b, &z->counties[i], zh);
        }
        break;
    case FS_CT_COUNTY_LIST:
        fs_sbuf_add(&b, zh ? "一个或多个成员县区（代码或名称），用 ; 分隔（也可用 ；、，"
                             "以及加引号的字段中的 ,）"
                           : "one or more member counties (code or name) separated by ; "
                             "(also ； 、 ， and , inside a quoted field)");
        break;
    case FS_CT_YEAR: fs_sbuf_add(&b, "2000–2100"); break;
    case FS_CT_INT:
        fs_sbuf_addf(&b, zh ? "整数，≥ %lld" : "whole number ≥ %lld", (long long)c->min);
        if (!c->required)
            fs_sbuf_addf(&b, zh ? "；空 = %lld" : "; empty = %lld", (long long)c->empty_value);
        break;
    case FS_CT_MONEY:
        fs_sbuf_addf(&b,
                     zh ? "数字，≥ %lld，最多两位小数，不用“万”"
                        : "number ≥ %lld, at most 2 decimals, never in 万",
                     (long long)c->min / 100);
        if (!c->required)
            fs_sbuf_add(&b, zh ? "；空 = 0" : "; empty = 0");
        break;
    case FS_CT_DATE: {
        int y = county >= 0 && year >= 2000 && year <= 2100 ? year : 2024;
        fs_sbuf_addf(&b,
                     zh ? "%d-05-20、%d/5/20、%d.5.20、%d年5月20日 或 %d0520"
                        : "%d-05-20, %d/5/20, %d.5.20, %d年5月20日 or %d0520",
                     y, y, y, y, y);
        break;
    }
    case FS_CT_ID:
        fs_sbuf_add(&b,
                    zh ? "最多 64 个字符，区分大小写" : "at most 64 characters, case-sensitive");
        break;
    case FS_CT_TEXT:
        fs_sbuf_add(&b, zh ? "最多 2000 字；不得填写身份证号码或手机号码"
                           : "at most 2000 characters; no identity or mobile numbers");
        break;
    }
    return fs_sbuf_take(&b);
}

/* East Asian wide ranges, enough for Chinese text and punctuation. */
static bool wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t fs_tpl_width(const char *s)
{
    size_t w = 0, n = strlen(s);
    while (n) {
        uint32_t cp;
        size_t k = fs_utf8_decode(s, n, &cp);
        if (!k) {
            k = 1;
            cp = '?';
        }
        w += wide(cp) ? 2 : 1;
        s += k;
        n -= k;
    }
    return w;
}

char *fs_tpl_cut(const char *s, size_t max)
{
    size_t n = strlen(s), chars = 0, i = 0, cut = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        if (!k)
            k = 1;
        if (chars == (max ? max - 1 : 0))
            cut = i;
        chars++;
        i += k;
    }
    if (chars <= max)
        return strdup(s);
    char *out = malloc(cut + 4);
    if (!out)
        return NULL;
    memcpy(out, s, cut);
    memcpy(out + cut, "\xE2\x80\xA6", 4); /* … */
    return out;
}
