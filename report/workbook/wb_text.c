/*
 * wb_text.c — the words of the forum workbook: the label table in two
 * languages (doc_labels.h, shared with the charts), templates, names of counties, provinces, enum
 * values and figures, display widths, and the UTF-8 cleaning every string
 * goes through before it reaches libxlsxwriter (which checks nothing).
 */
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "wb_int.h"

const char *fs_wb_label_text(fs_lang lang, fs_wb_label id)
{
    return fs_doc_label_text(lang, id);
}

const char *fs_wb_l(const fs_wb *w, fs_wb_label id)
{
    return fs_wb_label_text(w->lang, id);
}

/* Length of the longest prefix of s (n bytes) that fits `room` bytes
 * without cutting a UTF-8 sequence. */
static size_t utf8_fit(const char *s, size_t n, size_t room)
{
    if (n <= room)
        return n;
    size_t k = room;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

char *fs_wb_fill(char *buf, size_t size, const char *tmpl, const char *const *args, size_t nargs)
{
    if (size == 0)
        return buf;
    size_t k = 0;
    for (const char *p = tmpl; *p && k + 1 < size;) {
        const char *piece = p;
        size_t n = 1;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t a = (size_t)(p[1] - '1');
            piece = a < nargs && args[a] ? args[a] : "";
            n = strlen(piece);
            p += 3;
        } else {
            p++;
        }
        size_t fit = utf8_fit(piece, n, size - 1 - k);
        memcpy(buf + k, piece, fit);
        k += fit;
        if (fit < n)
            break;
    }
    /* A template cut inside a character: drop the partial sequence. */
    while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80) {
        size_t j = k - 1;
        while (j > 0 && ((unsigned char)buf[j] & 0xC0) == 0x80)
            j--;
        uint32_t cp;
        if (fs_utf8_decode(buf + j, k - j, &cp) == k - j)
            break;
        k = j;
    }
    buf[k] = '\0';
    return buf;
}

char *fs_wb_lf(const fs_wb *w, char *buf, size_t size, fs_wb_label id, const char *a1,
               const char *a2)
{
    const char *args[2] = {a1, a2};
    return fs_wb_fill(buf, size, fs_wb_l(w, id), args, 2);
}

const char *fs_wb_county(const fs_wb *w, int c)
{
    if (c < 0 || (size_t)c >= w->zone->ncounties)
        return "?";
    return w->lang == FS_LANG_ZH ? w->zone->counties[c].name_zh : w->zone->counties[c].name_en;
}

const char *fs_wb_secretariat(const fs_wb *w)
{
    const fs_zone *z = w->zone;
    const char *mine = w->lang == FS_LANG_ZH ? z->secretariat_zh : z->secretariat_en;
    const char *other = w->lang == FS_LANG_ZH ? z->secretariat_en : z->secretariat_zh;
    const char *name = w->lang == FS_LANG_ZH ? z->name_zh : z->name_en;
    return mine && *mine ? mine : other && *other ? other : name ? name : "";
}

const char *fs_wb_province(const fs_wb *w, int p)
{
    if (p < 0 || (size_t)p >= w->zone->nprovinces)
        return "?";
    return w->lang == FS_LANG_ZH ? w->zone->provinces[p].name_zh : w->zone->provinces[p].name_en;
}

const char *fs_wb_enum(const fs_wb *w, const fs_enum_value *v)
{
    return w->lang == FS_LANG_ZH ? v->zh : v->en;
}

const char *fs_wb_table_name(const fs_wb *w, fs_table t)
{
    static const fs_wb_label ids[FS_T_COUNT] = {
        [FS_T_INDICATORS] = FS_WB_L_T_INDICATORS,
        [FS_T_INCIDENTS] = FS_WB_L_T_INCIDENTS,
        [FS_T_DISPUTES] = FS_WB_L_T_DISPUTES,
        [FS_T_COOPERATION] = FS_WB_L_T_COOPERATION,
    };
    return (int)t >= 0 && t < FS_T_COUNT ? fs_wb_l(w, ids[t]) : "?";
}

char *fs_wb_county_list(const fs_wb *w, fs_county_set set, char *buf, size_t size)
{
    const char *sep = fs_wb_l(w, FS_WB_L_LIST_SEP);
    size_t k = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < w->zone->ncounties && k + 1 < size; c++) {
        if (!(set >> c & 1))
            continue;
        int n = snprintf(buf + k, size - k, "%s%s", k ? sep : "", fs_wb_county(w, (int)c));
        if (n < 0 || (size_t)n >= size - k) {
            buf[k] = '\0';
            break;
        }
        k += (size_t)n;
    }
    return buf;
}

/* ------------------------------------------------------------ figures */

static const struct {
    const char *name;
    fs_wb_label label;
    int direction; /* +1 a rise is good, -1 bad, 0 neither */
} metric_labels[] = {
    {FS_MN(cases), FS_WB_L_M_CASES, -1},
    {FS_MN(incidents), FS_WB_L_M_INCIDENTS, -1},
    {FS_MN(offenses), FS_WB_L_M_OFFENSES, -1},
    {FS_MN(offenses_per_10k), FS_WB_L_M_PER10K, -1},
    {FS_MN(cross_cases), FS_WB_L_M_CROSS, 0},
    {FS_MN(cross_share_pct), FS_WB_L_M_CROSS_SHARE, 0},
    {FS_MN(solved), FS_WB_L_M_SOLVED, +1},
    {FS_MN(clearance_pct), FS_WB_L_M_CLEARANCE, +1},
    {FS_MN(loss_yuan), FS_WB_L_M_LOSS, -1},
    {FS_MN(recovered_yuan), FS_WB_L_M_RECOVERED, +1},
    {FS_MN(recovery_pct), FS_WB_L_M_RECOVERY, +1},
    {FS_MN(suspects), FS_WB_L_M_SUSPECTS, 0},
    {FS_MN(arrested), FS_WB_L_M_ARRESTED, +1},
    {FS_MN(disputes), FS_WB_L_M_DISPUTES, 0},
    {FS_MN(resolved), FS_WB_L_M_RESOLVED, +1},
    {FS_MN(resolution_pct), FS_WB_L_M_RESOLUTION, +1},
    {FS_MN(cross_disputes), FS_WB_L_M_CROSS_DISPUTES, 0},
    {FS_MN(median_days_to_close), FS_WB_L_M_MEDIAN, -1},
    {FS_MMEMBER(disputes_level_, "joint"), FS_WB_L_M_LEVEL_JOINT, 0},
    {FS_MMEMBER(activities_, "joint_mediation"), FS_WB_L_M_JOINT_MED, +1},
    {FS_MN(activities), FS_WB_L_M_ACTIVITIES, +1},
    {FS_MN(fugitives_caught), FS_WB_L_M_FUGITIVES, +1},
    {FS_MN(clues_verified), FS_WB_L_M_CLUES, +1},
    {FS_MN(participants), FS_WB_L_M_PARTICIPANTS, +1},
    {FS_MMEMBER(ind_, "grid_members"), FS_WB_L_COUNT, +1},
    {FS_MMEMBER(ind_, "video_devices_added"), FS_WB_L_COUNT, +1},
    {FS_MMEMBER(ind_, "joint_police_stations"), FS_WB_L_COUNT, +1},
    {FS_MMEMBER(ind_, "risk_alerts"), FS_WB_L_COUNT, +1},
    {FS_MMEMBER(ind_, "mediators"), FS_WB_L_COUNT, +1},
    {FS_MMEMBER(ind_, "mediation_orgs"), FS_WB_L_COUNT, +1},
};

int fs_wb_metric_direction(const char *name)
{
    for (size_t i = 0; i < sizeof metric_labels / sizeof metric_labels[0]; i++)
        if (strcmp(metric_labels[i].name, name) == 0)
            return metric_labels[i].direction;
    if (strncmp(name, FS_MN(activities_), strlen(FS_MN(activities_))) == 0)
        return +1;
    if (strncmp(name, FS_MN(offenses_cat_), strlen(FS_MN(offenses_cat_))) == 0)
        return -1;
    return 0;
}

const char *fs_wb_metric_label(const fs_wb *w, const fs_figures *f, int m, char *buf, size_t size)
{
    if (m < 0 || (size_t)m >= f->nmetrics)
        return "?";
    const fs_fig_metric *mt = &f->metrics[m];
    if (mt->base >= 0) {
        char base[160];
        fs_wb_metric_label(w, f, mt->base, base, sizeof base);
        return fs_wb_lf(w, buf, size, FS_WB_L_M_YOY, base, NULL);
    }
    for (size_t i = 0; i < sizeof metric_labels / sizeof metric_labels[0]; i++)
        if (metric_labels[i].label != FS_WB_L_COUNT && strcmp(metric_labels[i].name, mt->name) == 0)
            return fs_wb_fill(buf, size, fs_wb_l(w, metric_labels[i].label), NULL, 0);
    const fs_fig_def *d = mt->def;
    if (d->each && mt->value >= 0) {
        if (d->method == FS_FIG_COOP_PAIRS)
            return fs_wb_lf(w, buf, size, FS_WB_L_M_COOP_WITH, fs_wb_county(w, mt->value), NULL);
        if (d->method == FS_FIG_ASSIST_PAIRS)
            return fs_wb_lf(w, buf, size, FS_WB_L_M_ASSIST_OF, fs_wb_county(w, mt->value), NULL);
        if (strcmp(d->each, "category") == 0 && mt->value < 11)
            return fs_wb_fill(buf, size, fs_wb_l(w, (fs_wb_label)(FS_WB_L_ICCS_01 + mt->value)),
                              NULL, 0);
        int c = fs_column_index(d->table, d->each);
        if (c >= 0 && (size_t)mt->value < fs_tables[d->table].columns[c].nvalues)
            return fs_wb_fill(buf, size,
                              fs_wb_enum(w, &fs_tables[d->table].columns[c].values[mt->value]),
                              NULL, 0);
    }
    if (!d->each && d->label_en && d->label_zh) /* the catalogue's short name */
        return fs_wb_fill(buf, size, w->lang == FS_LANG_ZH ? d->label_zh : d->label_en, NULL, 0);
    return fs_wb_fill(buf, size, mt->name, NULL, 0);
}

/* ------------------------------------------------------------- widths */

/* East Asian Wide and Fullwidth blocks (Unicode UAX #11, simplified). */
static bool is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

double fs_wb_text_width(const char *s)
{
    double w = 0, line = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            k = 1;
            cp = '?';
        }
        i += k;
        if (cp == '\n') {
            line = 0;
            continue;
        }
        /* 10-point text: a CJK character is about 1.85 digit widths of
         * the 11-point default font, capitals and m/w about 1.2. */
        line += is_wide(cp) ? 1.85 : (cp >= 'A' && cp <= 'Z') || cp == 'm' || cp == 'w' ? 1.2 : 1.0;
        if (line > w)
            w = line;
    }
    return w;
}

/* ---------------------------------------------------------------- UTF-8 */

#define EXCEL_MAX_CHARS 32767

char *fs_wb_clean_utf8(const char *s, char *out, size_t size)
{
    static const char repl[] = "\xEF\xBF\xBD"; /* U+FFFD */
    size_t n = strlen(s), k = 0, chars = 0;
    if (size == 0)
        return out;
    for (size_t i = 0; i < n && chars < EXCEL_MAX_CHARS;) {
        uint32_t cp;
        size_t used = fs_utf8_decode(s + i, n - i, &cp);
        const char *piece = s + i;
        size_t len = used;
        if (used == 0) {
            piece = repl; /* an invalid byte */
            len = 3;
            used = 1;
        } else if (cp == '\r') {
            len = i + 1 < n && s[i + 1] == '\n' ? 0 : 1;
            piece = " ";
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) {
            piece = " "; /* XML 1.0 cannot hold C0 controls */
            len = 1;
        } else if (cp == 0xFFFE || cp == 0xFFFF) {
            piece = repl;
            len = 3;
        }
        if (k + len + 1 > size)
            break;
        memcpy(out + k, piece, len);
        k += len;
        i += used;
        chars += len > 0;
    }
    out[k] = '\0';
    return out;
}

/* ------------------------------------------------------------- titles */

void fs_wb_titles(fs_wb *w)
{
    const fs_figures *f = w->fig;
    const char *zone = w->lang == FS_LANG_ZH ? w->zone->name_zh : w->zone->name_en;
    char ord[32], year[16];
    snprintf(year, sizeof year, "%d", f->year);
    if (f->ordinal > 0) {
        fs_wb_ordinal(w, f->ordinal, ord, sizeof ord);
        fs_wb_lf(w, w->title, sizeof w->title, FS_WB_L_FORUM_TITLE, zone, ord);
    } else {
        fs_wb_lf(w, w->title, sizeof w->title, FS_WB_L_FORUM_TITLE_NONE, zone, year);
    }
    if (f->host >= 0)
        fs_wb_lf(w, w->forum_line, sizeof w->forum_line, FS_WB_L_FORUM_LINE, year,
                 fs_wb_county(w, f->host));
    else
        fs_wb_lf(w, w->forum_line, sizeof w->forum_line, FS_WB_L_FORUM_LINE_NOHOST, year, NULL);
}

void fs_wb_ordinal(const fs_wb *w, int n, char *buf, size_t size)
{
    if (w->lang == FS_LANG_ZH)
        fs_number_zh(n, buf, size);
    else
        fs_ordinal_en(n, buf, size);
}

void fs_wb_strip_unit(char *label)
{
    char *p = strstr(label, "（");
    if (!p)
        p = strstr(label, " (");
    if (p && p != label)
        *p = '\0';
}
