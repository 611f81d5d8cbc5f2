/*
 * figures_out.c — how figure values are written, and the plain outputs of
 * a figures result: metrics-Y.csv, findings-Y.csv and the findings list
 * of `forumstat check` (see figures.h).
 *
 * Value format (the metrics file's contract, also used by the workbook for
 * text cells): counts as integers; money from its exact hundredths with
 * always two decimals ("1234.50", "0.00"); indicator values from their
 * hundredths in the shortest exact form ("785000", "12.5", "12.25");
 * ratios, percentages, rates and medians with 15 significant digits in
 * plain positional notation, trailing zeros dropped ("72.1518987341772",
 * "3.5", "0.000012"): never an exponent, never NaN or infinity (a value
 * that is not finite is written empty).  No thousands separators.  The C
 * locale is assumed (main sets it).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures_int.h"
#include "csv_out.h"
#include "i18n.h"

static size_t format_hundredths(int64_t v, bool always_two, char *buf, size_t size)
{
    const char *sign = v < 0 ? "-" : "";
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t whole = a / 100, frac = a % 100;
    int n;
    if (always_two)
        n = snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, sign, whole, frac);
    else if (frac == 0)
        n = snprintf(buf, size, "%s%" PRIu64, sign, whole);
    else if (frac % 10 == 0)
        n = snprintf(buf, size, "%s%" PRIu64 ".%" PRIu64, sign, whole, frac / 10);
    else
        n = snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, sign, whole, frac);
    return n < 0 ? 0 : (size_t)n;
}

static size_t format_real(double x, char *buf, size_t size)
{
    if (!isfinite(x) || size < 2) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    if (x == 0) {
        snprintf(buf, size, "0");
        return 1;
    }
    /* 15 significant digits after the decimal exponent of x. */
    int e = (int)floor(log10(fabs(x)));
    int decimals = 14 - e;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 60)
        decimals = 60;
    int n = snprintf(buf, size, "%.*f", decimals, x);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        return 0;
    }
    if (strchr(buf, '.')) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0) {
        snprintf(buf, size, "0");
        n = 1;
    }
    return (size_t)n;
}

size_t fs_fig_format(fs_fig_kind kind, const fs_fig_value *v, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    buf[0] = '\0';
    if (v->state != FS_FIG_SET)
        return 0;
    switch (kind) {
    case FS_FIG_COUNT: {
        int n = snprintf(buf, size, "%" PRId64, v->i);
        return n < 0 ? 0 : (size_t)n;
    }
    case FS_FIG_MONEY: return format_hundredths(v->i, true, buf, size);
    case FS_FIG_AMOUNT: return format_hundredths(v->i, false, buf, size);
    case FS_FIG_REAL: return format_real(v->d, buf, size);
    }
    return 0;
}

bool fs_fig_written(const fs_figures *f, size_t s, size_t m)
{
    fs_fig_method method = f->metrics[m].def->method;
    if (method != FS_FIG_COOP_PAIRS && method != FS_FIG_ASSIST_PAIRS)
        return true;
    /* a matrix: county A's row, every other member county B */
    return f->scopes[s].kind == FS_SCOPE_COUNTY && f->scopes[s].index != f->metrics[m].value;
}

fs_status fs_fig_write_metrics(const fs_figures *f, FILE *out)
{
    fputs("year,scope,metric,value\n", out);
    char buf[FS_FIG_FMT_MAX];
    for (size_t s = 0; s < f->nscopes; s++)
        for (size_t m = 0; m < f->nmetrics; m++) {
            const fs_fig_value *v = fs_fig_value_at(f, s, m);
            if (!fs_fig_written(f, s, m))
                continue;
            fs_fig_format(f->metrics[m].kind, v, buf, sizeof buf);
            fprintf(out, "%d,%s,%s,%s\n", f->year, f->scopes[s].code, f->metrics[m].name, buf);
        }
    return ferror(out) ? FS_ERR_IO : FS_OK;
}

/* The placeholder a family's pattern shows in the dictionary (the
 * standard's own spelling: offenses_cat_NN, disputes_type_T, …). */
static const char *family_placeholder(const fs_fig_def *d)
{
    static const struct {
        const char *each, *ph;
    } map[] = {{"category", "NN"},
               {"type", "T"},
               {"level", "L"},
               {"outcome", "O"},
               {"kind", "K"},
               {"county", "B"},
               {"indicator", "<indicator>"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].each, d->each) == 0)
            return map[i].ph;
    return "X";
}

/* The name of a catalogue line as a pattern: "offenses_cat_NN". */
static void pattern_name(const fs_fig_def *d, char *buf, size_t size)
{
    const char *p = strstr(d->name, "%s");
    if (!p)
        snprintf(buf, size, "%s", d->name);
    else
        snprintf(buf, size, "%.*s%s%s", (int)(p - d->name), d->name, family_placeholder(d), p + 2);
}

/* The family's values as the metric names use them: "01 02 … 11". */
static void family_values(const fs_figures *f, const fs_fig_def *d, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    const char *last = NULL;
    for (size_t m = 0; m < f->nmetrics && n + 1 < size; m++) {
        const fs_fig_metric *mt = &f->metrics[m];
        if (mt->def != d || mt->base >= 0)
            continue;
        /* the name minus the pattern's fixed parts */
        const char *p = strstr(d->name, "%s");
        size_t pre = (size_t)(p - d->name), post = strlen(p + 2);
        size_t len = strlen(mt->name);
        if (len < pre + post)
            continue;
        int k = snprintf(buf + n, size - n, "%s%.*s", last ? " " : "", (int)(len - pre - post),
                         mt->name + pre);
        if (k < 0 || (size_t)k >= size - n)
            break;
        n += (size_t)k;
        last = mt->name;
    }
}

/* A line's description with the family label left general. */
static void generic_doc(const char *doc, const char *what, char *buf, size_t size)
{
    const char *p = strstr(doc, "%s");
    if (!p)
        snprintf(buf, size, "%s", doc);
    else
        snprintf(buf, size, "%.*s%s%s", (int)(p - doc), doc, what, p + 2);
}

fs_status fs_fig_write_dictionary(const fs_figures *f, FILE *out)
{
    fputs("\xEF\xBB\xBF", out); /* UTF-8 BOM: Excel then reads the Chinese text right */
    static const char *const header[] = {"metric", "values",  "unit",       "unit_zh",
                                         "name",   "name_zh", "definition", "definition_zh"};
    const size_t nh = sizeof header / sizeof header[0];
    for (size_t i = 0; i < nh; i++)
        fs_csv_put(out, header[i], i + 1 == nh ? FS_CSV_LAST : 0);
    for (size_t i = 0; i < fs_fig_ndefs; i++) {
        const fs_fig_def *d = &fs_fig_defs[i];
        char name[96], values[1024] = "", doc_en[600], doc_zh[600], ph[32];
        pattern_name(d, name, sizeof name);
        if (d->each) {
            family_values(f, d, values, sizeof values);
            snprintf(ph, sizeof ph, "%s", family_placeholder(d));
        }
        generic_doc(d->doc_en, d->each ? ph : "", doc_en, sizeof doc_en);
        generic_doc(d->doc_zh, d->each ? ph : "", doc_zh, sizeof doc_zh);
        const char *row[] = {name,
                             values,
                             d->unit_en ? d->unit_en : "",
                             d->unit_zh ? d->unit_zh : "",
                             d->label_en ? d->label_en : "",
                             d->label_zh ? d->label_zh : "",
                             doc_en,
                             doc_zh};
        for (size_t k = 0; k < nh; k++)
            fs_csv_put(out, row[k], FS_CSV_GUARD | (k + 1 == nh ? FS_CSV_LAST : 0));
        if (!d->yoy)
            continue;
        /* its year-on-year metric */
        char yname[128], yen[1024], yzh[1024], len_[200], lzh[200];
        snprintf(yname, sizeof yname, "%s%s", name, d->yoy_pp ? "_yoy_pp" : "_yoy_pct");
        snprintf(len_, sizeof len_, "%s, change on the previous year",
                 d->label_en ? d->label_en : name);
        snprintf(lzh, sizeof lzh, "%s同比", d->label_zh ? d->label_zh : name);
        if (d->yoy_pp) {
            snprintf(yen, sizeof yen,
                     "%s(Y) − %s(Y−1) in percentage points; empty when the scope's counties "
                     "having the table differ between the years (not comparable) or either "
                     "value is empty",
                     name, name);
            snprintf(
                yzh, sizeof yzh,
                "%s(Y) − %s(Y−1)，单位为个百分点；两年有数据的县区不同（不可比）或任一年无值时为空",
                name, name);
        } else {
            snprintf(yen, sizeof yen,
                     "(%s(Y) − %s(Y−1)) / %s(Y−1) × 100; empty when the scope's counties having "
                     "the table%s differ between the years (not comparable), %s(Y−1) is 0 or "
                     "either value is empty",
                     name, name, name, d->table == FS_T_INDICATORS ? " (the indicator)" : "", name);
            snprintf(yzh, sizeof yzh,
                     "(%s(Y) − %s(Y−1)) / %s(Y−1) × 100；两年有数据%s的县区不同（不可比）、"
                     "%s(Y−1)为0或任一年无值时为空",
                     name, name, name, d->table == FS_T_INDICATORS ? "（该指标）" : "", name);
        }
        const char *yrow[] = {yname,
                              values,
                              d->yoy_pp ? "percentage points" : "%",
                              d->yoy_pp ? "个百分点" : "%",
                              len_,
                              lzh,
                              yen,
                              yzh};
        for (size_t k = 0; k < nh; k++)
            fs_csv_put(out, yrow[k], FS_CSV_GUARD | (k + 1 == nh ? FS_CSV_LAST : 0));
    }
    return ferror(out) ? FS_ERR_IO : FS_OK;
}

static void county_codes(const fs_zone *z, fs_county_set set, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (fs_county_set s = set; s && n + 8 < size; s &= s - 1)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", s == set ? "" : ";",
                              z->counties[__builtin_ctzll(s)].code);
}

fs_status fs_fig_write_findings(const fs_figures *f, FILE *out)
{
    fputs("\xEF\xBB\xBF", out); /* UTF-8 BOM: Excel then reads the Chinese text right */
    static const char *const header[] = {"year",     "finding", "table",       "reference",
                                         "counties", "records", "explanation", "explanation_zh"};
    for (size_t i = 0; i < 8; i++)
        fs_csv_put(out, header[i], i == 7 ? FS_CSV_LAST : 0);
    char year[16], counties[FS_ZONE_MAX * 8];
    snprintf(year, sizeof year, "%d", f->year);
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *x = &f->findings[i];
        county_codes(f->zone, x->counties, counties, sizeof counties);
        fs_csv_put(out, year, FS_CSV_GUARD);
        fs_csv_put(out, fs_finding_kind_name(x->kind), FS_CSV_GUARD);
        fs_csv_put(out, fs_tables[x->table].name, FS_CSV_GUARD);
        fs_csv_put(out, x->ref, FS_CSV_GUARD);
        fs_csv_put(out, counties, FS_CSV_GUARD);
        fs_csv_put(out, x->records, FS_CSV_GUARD);
        fs_csv_put(out, x->text_en, FS_CSV_GUARD);
        fs_csv_put(out, x->text_zh, FS_CSV_GUARD | FS_CSV_LAST);
    }
    return ferror(out) ? FS_ERR_IO : FS_OK;
}

/* Text on one line: control characters (from identifiers) become spaces. */
static void one_line(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
}

fs_status fs_fig_print_findings(const fs_figures *f, FILE *out)
{
    for (size_t i = 0; i < f->nfindings; i++) {
        const fs_finding *x = &f->findings[i];
        one_line(out, x->ref);
        fprintf(out, ": %s: ", fs_finding_kind_name(x->kind));
        one_line(out, fs_i18n_zh() ? x->text_zh : x->text_en); /* the --lang of messages */
        fputc('\n', out);
    }
    return ferror(out) ? FS_ERR_IO : FS_OK;
}
