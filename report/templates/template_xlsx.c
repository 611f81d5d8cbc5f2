/*
 * template_xlsx.c — the county's Excel template (libxlsxwriter).
 *
 * Sheets, in tab order:
 *   Instructions   both languages: what to fill; that the filled workbook is
 *                  sent as it is (or each sheet saved as CSV); that the
 *                  secretariat checks it on receipt and sends back the
 *                  problems list (with `forumstat validate --county C
 *                  --year Y FILES` for those who have forumstat); county
 *                  codes; colour key.  Examples use the template's year.
 *   one per table  header row only (frozen, coloured by required/optional,
 *                  an input message on every header and every cell), column
 *                  formats (identifiers and codes as text so Excel keeps
 *                  "01" and long numbers, dates as yyyy-mm-dd, money 0.00),
 *                  data validation with error alerts: drop-downs for every
 *                  enumerated and county column, dates, whole numbers,
 *                  decimals, lengths; the indicators sheet comes pre-filled
 *                  with one row per indicator (county, year, indicator)
 *   Dictionary     every column: meaning, type, required, allowed, example
 *   lists          hidden: the drop-down values
 *
 * Drop-down values live on the hidden sheet and are referenced with
 * LXW_VALIDATION_TYPE_LIST_FORMULA: libxlsxwriter 1.1.4 overflows a buffer
 * on inline lists longer than ~255 bytes, which seven Chinese county names
 * already reach.
 *
 * Decisions (documented in docs/submission-guide.*.md):
 * - The reporting county is fixed: the indicators sheet is pre-filled with
 *   it; in the record sheets its drop-down offers only this county.  Those
 *   sheets are not pre-filled, because a row holding only the county code
 *   would be saved into the CSV as an incomplete record (an error).
 * - A date that gives a record its year gets a *warning* alert outside the
 *   template's year (the record would count for another year, which may be
 *   intended); every other check stops the entry.
 * The output is reproducible: the creation time is o->epoch.
 */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "atomic.h"
#include "doctime.h"
#include "i18n.h"
#include "template_write.h"

#define ROW_LAST 1048575 /* Excel's last row (0-based)            */
#define MSG_MAX 255      /* Excel: input/error message characters */
#define TITLE_MAX 32     /* Excel: input/error title characters   */
#define MAX_LISTS 16

#define COLOR_REQ 0x1F4E79     /* header of a required column           */
#define COLOR_OPT 0xDDEBF7     /* header of an optional column          */
#define COLOR_PREFILL 0xF2F2F2 /* pre-filled cells                      */

typedef struct list_ref {
    const fs_column *col; /* first column using this list          */
    int sheet_col;        /* its column on the lists sheet         */
    char formula[64];     /* "=lists!$D$2:$D$12"                   */
} list_ref;

typedef struct book {
    const fs_tpl_opts *o;
    bool zh;
    lxw_workbook *wb;
    lxw_error err; /* first libxlsxwriter failure           */
    bool oom;
    lxw_format *hdr_req, *hdr_opt, *text, *date, *whole, *year, *money, *prefill_text,
        *prefill_whole, *title, *h2, *para, *para_bold, *cell, *cell_hdr;
    int list_col; /* next free column on the lists sheet   */
    list_ref refs[MAX_LISTS];
    int nrefs;
    char counties_formula[64], own_formula[64];
} book;

static void check(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Column letter(s) of a 0-based column. */
static void col_name(char *buf, int col)
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

static void range_formula(char *buf, size_t size, int col, int first_row, int last_row)
{
    char c[8];
    col_name(c, col);
    snprintf(buf, size, "=lists!$%s$%d:$%s$%d", c, first_row + 1, c, last_row + 1);
}

/* --------------------------------------------------------------- formats */

static lxw_format *fmt(book *b)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f)
        b->oom = true;
    return f;
}

/* workbook_add_format never fails in practice; every setter below is
 * guarded so a NULL format (out of memory) is only noted. */
#define SET(f, call)                                                                               \
    do {                                                                                           \
        if (f)                                                                                     \
            (call);                                                                                \
    } while (0)

static void make_formats(book *b)
{
    b->hdr_req = fmt(b);
    SET(b->hdr_req,
        (format_set_bold(b->hdr_req), format_set_font_color(b->hdr_req, LXW_COLOR_WHITE),
         format_set_bg_color(b->hdr_req, COLOR_REQ), format_set_border(b->hdr_req, LXW_BORDER_THIN),
         format_set_text_wrap(b->hdr_req), format_set_align(b->hdr_req, LXW_ALIGN_VERTICAL_CENTER),
         format_set_num_format(b->hdr_req, "@")));
    b->hdr_opt = fmt(b);
    SET(b->hdr_opt,
        (format_set_bold(b->hdr_opt), format_set_bg_color(b->hdr_opt, COLOR_OPT),
         format_set_border(b->hdr_opt, LXW_BORDER_THIN), format_set_text_wrap(b->hdr_opt),
         format_set_align(b->hdr_opt, LXW_ALIGN_VERTICAL_CENTER),
         format_set_num_format(b->hdr_opt, "@")));
    b->text = fmt(b);
    SET(b->text, format_set_num_format(b->text, "@"));
    b->date = fmt(b);
    SET(b->date, format_set_num_format(b->date, "yyyy-mm-dd"));
    b->whole = fmt(b);
    SET(b->whole, format_set_num_format(b->whole, "0"));
    b->year = fmt(b);
    SET(b->year,
        (format_set_num_format(b->year, "0"), format_set_align(b->year, LXW_ALIGN_CENTER)));
    b->money = fmt(b);
    SET(b->money, format_set_num_format(b->money, "0.00"));
    b->prefill_text = fmt(b);
    SET(b->prefill_text, (format_set_num_format(b->prefill_text, "@"),
                          format_set_bg_color(b->prefill_text, COLOR_PREFILL)));
    b->prefill_whole = fmt(b);
    SET(b->prefill_whole, (format_set_num_format(b->prefill_whole, "0"),
                           format_set_align(b->prefill_whole, LXW_ALIGN_CENTER),
                           format_set_bg_color(b->prefill_whole, COLOR_PREFILL)));
    b->title = fmt(b);
    SET(b->title,
        (format_set_bold(b->title), format_set_font_size(b->title, 14),
         format_set_text_wrap(b->title), format_set_align(b->title, LXW_ALIGN_VERTICAL_TOP)));
    b->h2 = fmt(b);
    SET(b->h2, (format_set_bold(b->h2), format_set_font_size(b->h2, 12),
                format_set_align(b->h2, LXW_ALIGN_VERTICAL_BOTTOM)));
    b->para = fmt(b);
    SET(b->para,
        (format_set_text_wrap(b->para), format_set_align(b->para, LXW_ALIGN_VERTICAL_TOP)));
    b->para_bold = fmt(b);
    SET(b->para_bold,
        (format_set_bold(b->para_bold), format_set_align(b->para_bold, LXW_ALIGN_VERTICAL_TOP),
         format_set_align(b->para_bold, LXW_ALIGN_CENTER)));
    b->cell = fmt(b);
    SET(b->cell,
        (format_set_text_wrap(b->cell), format_set_align(b->cell, LXW_ALIGN_VERTICAL_TOP),
         format_set_border(b->cell, LXW_BORDER_THIN), format_set_num_format(b->cell, "@")));
    b->cell_hdr = fmt(b);
    SET(b->cell_hdr,
        (format_set_bold(b->cell_hdr), format_set_bg_color(b->cell_hdr, COLOR_OPT),
         format_set_border(b->cell_hdr, LXW_BORDER_THIN), format_set_text_wrap(b->cell_hdr),
         format_set_align(b->cell_hdr, LXW_ALIGN_VERTICAL_TOP)));
}

/* Rendered width of a paragraph in column units: a CJK character about
 * two, Latin text (proportional) a little under one. */
static double text_units(const char *s, size_t n)
{
    char *part = strndup(s, n);
    if (!part)
        return (double)n;
    size_t all = fs_tpl_width(part), chars = 0;
    for (const char *p = part; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    free(part);
    size_t wide = all - chars; /* each wide character counted one extra */
    return 2.15 * (double)wide + 0.9 * (double)(chars - wide);
}

/* Height in points of a row whose cells hold `texts` in columns `widths`
 * wide (wrapped): about 15 points a line of Latin text, 17.5 for a line
 * of Chinese (CJK fonts stand taller: Noto Sans CJK, Microsoft YaHei). */
static double row_height(const char *const *texts, const double *widths, int n)
{
    double height = 15.0 + 5;
    for (int i = 0; i < n; i++) {
        if (!texts[i] || widths[i] <= 0)
            continue;
        size_t lines = 0;
        size_t chars = 0;
        for (const char *q = texts[i]; *q; q++)
            chars += ((unsigned char)*q & 0xC0) != 0x80;
        bool cjk = fs_tpl_width(texts[i]) > chars; /* any wide character */
        const char *p = texts[i];
        while (*p) { /* each paragraph wraps on its own */
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            double w = text_units(p, len);
            lines += w > 0 ? (size_t)(w / (widths[i] * 0.95)) + 1 : 1;
            p += len;
            if (*p == '\n')
                p++;
        }
        double h = (cjk ? 17.5 : 15.0) * (double)(lines ? lines : 1) + 5;
        if (h > height)
            height = h;
    }
    return height > 409 ? 409 : height; /* Excel's highest row */
}

/* ------------------------------------------------------------ the lists */

static lxw_worksheet *add_sheet(book *b, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* Lay out the lists sheet (no writing yet: the table sheets, which come
 * first in tab order, need the formulas before the lists sheet exists):
 * A codes of the member counties, B their names, C this county's code,
 * then two columns per distinct enum list (values, other-language labels). */
static void plan_lists(book *b)
{
    const fs_zone *z = b->o->zone;
    range_formula(b->counties_formula, sizeof b->counties_formula, 0, 1, (int)z->ncounties);
    range_formula(b->own_formula, sizeof b->own_formula, 2, 1, 1);
    b->list_col = 3;
    for (int t = 0; t < FS_T_COUNT; t++)
        for (size_t i = 0; i < fs_tables[t].ncolumns; i++) {
            const fs_column *c = &fs_tables[t].columns[i];
            if (c->type != FS_CT_ENUM)
                continue;
            bool seen = false;
            for (int k = 0; k < b->nrefs; k++)
                seen |= b->refs[k].col->values == c->values;
            if (seen || b->nrefs == MAX_LISTS)
                continue;
            list_ref *r = &b->refs[b->nrefs++];
            r->col = c;
            r->sheet_col = b->list_col;
            b->list_col += 2;
            range_formula(r->formula, sizeof r->formula, r->sheet_col, 1, (int)c->nvalues);
        }
}

/* The drop-down formula of an enum column, NULL when it has none. */
static const char *enum_list(const book *b, const fs_column *c)
{
    for (int i = 0; i < b->nrefs; i++)
        if (b->refs[i].col->values == c->values)
            return b->refs[i].formula;
    return NULL;
}

static void lists_sheet(book *b)
{
    const fs_zone *z = b->o->zone;
    lxw_worksheet *ws = add_sheet(b, "lists");
    if (!ws)
        return;
    check(b, worksheet_write_string(ws, 0, 0, "county", NULL));
    check(b, worksheet_write_string(ws, 0, 1, "name", NULL));
    check(b, worksheet_write_string(ws, 0, 2, "reporter", NULL));
    for (size_t i = 0; i < z->ncounties; i++) {
        const fs_county *c = &z->counties[i];
        check(b, worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, c->code, NULL));
        check(b, worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, b->zh ? c->name_zh : c->name_en,
                                        NULL));
    }
    check(b, worksheet_write_string(ws, 1, 2, z->counties[b->o->county].code, NULL));
    for (int k = 0; k < b->nrefs; k++) {
        const fs_column *c = b->refs[k].col;
        lxw_col_t col = (lxw_col_t)b->refs[k].sheet_col;
        check(b, worksheet_write_string(ws, 0, col, c->name, NULL));
        for (size_t i = 0; i < c->nvalues; i++) {
            const fs_enum_value *v = &c->values[i];
            check(b, worksheet_write_string(ws, (lxw_row_t)(i + 1), col,
                                            fs_tpl_enum_entry(c, i, b->zh), NULL));
            check(b, worksheet_write_string(ws, (lxw_row_t)(i + 1), col + 1, b->zh ? v->en : v->zh,
                                            NULL));
        }
    }
    worksheet_hide(ws);
}

/* ------------------------------------------------------ a table's sheet */

/* The input message of a column: meaning, what to enter, example. */
static char *input_message(book *b, fs_table t, size_t col)
{
    const fs_column *c = &fs_tables[t].columns[col];
    bool zh = b->zh;
    fs_sbuf s;
    fs_sbuf_init(&s);
    fs_sbuf_add(&s, zh ? c->doc_zh : c->doc_en);
    fs_sbuf_add(&s, "\n");
    char yb[64];
    const char *example =
        fs_tpl_example(b->o->zone, t, col, b->o->county, b->o->year, zh, yb, sizeof yb);
    if (c->type == FS_CT_ENUM) {
        fs_sbuf_add(&s, zh ? "请从下拉列表中选择。" : "Pick a value from the drop-down list.");
    } else if (c->type == FS_CT_COUNTY_LIST) {
        /* The member counties with their names; Excel allows 255
         * characters, so English names lose a trailing " County". */
        const fs_zone *z = b->o->zone;
        for (size_t i = 0; i < z->ncounties; i++) {
            const char *name = zh ? z->counties[i].name_zh : z->counties[i].name_en;
            size_t n = strlen(name);
            if (!zh && n > 7 && strcmp(name + n - 7, " County") == 0)
                n -= 7;
            fs_sbuf_addf(&s, "%s%s %.*s", i ? (zh ? "；" : "; ") : "", z->counties[i].code, (int)n,
                         name);
        }
        fs_sbuf_addf(&s, zh ? "\n多个用 ; 分隔，如 %s" : "\nSeparate several with ; e.g. %s",
                     example);
        example = "";
    } else {
        char *allowed =
            fs_tpl_allowed(b->o->zone, t, col, b->o->county, b->o->year, zh, zh ? "；" : "; ");
        if (!allowed) {
            free(fs_sbuf_take(&s));
            return NULL;
        }
        fs_sbuf_add(&s, allowed);
        free(allowed);
    }
    if (example[0])
        fs_sbuf_addf(&s, zh ? "\n示例：%s" : "\ne.g. %s", example);
    char *full = fs_sbuf_take(&s);
    if (!full)
        return NULL;
    char *cut = fs_tpl_cut(full, MSG_MAX);
    free(full);
    return cut;
}

static char *input_title(book *b, const fs_column *c)
{
    char buf[160];
    snprintf(buf, sizeof buf, b->zh ? "%s（%s）" : "%s (%s)", fs_tpl_header(c, b->zh),
             fs_tpl_required(c, b->zh));
    return fs_tpl_cut(buf, TITLE_MAX);
}

/* Fill dv with the check of column c and its error alert; false when the
 * column gets no check (a county list: only the input message). */
static bool column_check(book *b, fs_table t, size_t col, lxw_data_validation *dv, char *msg,
                         size_t msgsz, char *title, size_t titlesz)
{
    const fs_table_def *td = &fs_tables[t];
    const fs_column *c = &td->columns[col];
    bool zh = b->zh;
    int y = b->o->year;
    const char *h = fs_tpl_header(c, zh);
    snprintf(title, titlesz, "%s", zh ? "输入有误" : "Not accepted");
    dv->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    switch (c->type) {
    case FS_CT_COUNTY:
        dv->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        if ((int)col == td->county_col) {
            dv->value_formula = b->own_formula;
            snprintf(msg, msgsz,
                     zh ? "“%s”只能填本县代码 %s。" : "%s must be this county's code, %s.", h,
                     b->o->zone->counties[b->o->county].code);
        } else {
            dv->value_formula = b->counties_formula;
            snprintf(msg, msgsz,
                     zh ? "请从下拉列表中选择成员县区代码。"
                        : "Pick a member county's code from the drop-down list.");
        }
        return true;
    case FS_CT_ENUM: {
        const char *f = enum_list(b, c);
        if (!f)
            return false;
        dv->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv->value_formula = (char *)f;
        snprintf(msg, msgsz,
                 zh ? "“%s”只能取下拉列表中的值。"
                    : "%s takes one of the values of the drop-down list.",
                 h);
        return true;
    }
    case FS_CT_YEAR:
        dv->validate = LXW_VALIDATION_TYPE_INTEGER;
        dv->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv->minimum_number = 2000;
        dv->maximum_number = 2100;
        snprintf(msg, msgsz,
                 zh ? "年度为 2000 到 2100 之间的整数，如 %d。"
                    : "A year between 2000 and 2100, e.g. %d.",
                 y);
        return true;
    case FS_CT_INT:
        dv->validate = LXW_VALIDATION_TYPE_INTEGER;
        dv->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv->minimum_number = (double)c->min;
        dv->maximum_number = 999999999999999.0;
        snprintf(msg, msgsz,
                 zh ? "“%s”为不小于 %lld 的整数。" : "%s is a whole number of at least %lld.", h,
                 (long long)c->min);
        return true;
    case FS_CT_MONEY:
        dv->validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv->minimum_number = (double)c->min / 100.0;
        dv->maximum_number = 9999999999999.99;
        snprintf(msg, msgsz,
                 zh ? "“%s”为不小于 %lld 的数字，最多两位小数，单位为元或人（不用万）。"
                    : "%s is a number of at least %lld with at most 2 decimals, in yuan or persons "
                      "(never 万).",
                 h, (long long)c->min / 100);
        return true;
    case FS_CT_DATE:
        dv->validate = LXW_VALIDATION_TYPE_DATE;
        dv->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        if ((int)col == td->year_col) {
            /* The record counts for the year of this date: outside the
             * template's year is unusual, not wrong. */
            dv->minimum_datetime = (lxw_datetime){y, 1, 1, 0, 0, 0};
            dv->maximum_datetime = (lxw_datetime){y, 12, 31, 0, 0, 0};
            dv->error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
            snprintf(title, titlesz, "%s", zh ? "请核对日期" : "Check the date");
            snprintf(msg, msgsz,
                     zh ? "该日期不在 %d 年内，记录将计入日期所在的年度。日期须按 %d-05-20 "
                          "的格式填写。确认无误请点“是”。"
                        : "This date is not in %d: the record will count for the year of its date. "
                          "Enter dates like %d-05-20. Continue?",
                     y, y);
        } else {
            dv->minimum_datetime = (lxw_datetime){2000, 1, 1, 0, 0, 0};
            dv->maximum_datetime = (lxw_datetime){2100, 12, 31, 0, 0, 0};
            snprintf(msg, msgsz,
                     zh ? "请按 %d-05-20 的格式填写 2000 至 2100 年间的真实日期。"
                        : "Enter a real date between 2000 and 2100, like %d-05-20.",
                     y);
        }
        return true;
    case FS_CT_ID:
    case FS_CT_TEXT:
        dv->validate = LXW_VALIDATION_TYPE_LENGTH;
        dv->criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        dv->value_number = c->type == FS_CT_ID ? 64 : 2000;
        snprintf(msg, msgsz, zh ? "“%s”最多 %d 个字符。" : "%s holds at most %d characters.", h,
                 c->type == FS_CT_ID ? 64 : 2000);
        return true;
    case FS_CT_COUNTY_LIST: return false;
    }
    return false;
}

static lxw_format *column_format(book *b, const fs_column *c)
{
    switch (c->type) {
    case FS_CT_DATE: return b->date;
    case FS_CT_YEAR: return b->year;
    case FS_CT_INT: return b->whole;
    case FS_CT_MONEY: return b->money;
    default: return b->text;
    }
}

/* Width of column c in character units. */
static double column_width(book *b, const fs_column *c, const char *example)
{
    size_t w = fs_tpl_width(fs_tpl_header(c, b->zh)) + 2;
    size_t ex = fs_tpl_width(example) + 2;
    if (ex > w)
        w = ex;
    size_t min = 10;
    switch (c->type) {
    case FS_CT_DATE: min = 12; break;
    case FS_CT_ID: min = 18; break;
    case FS_CT_TEXT: min = 24; break;
    case FS_CT_COUNTY: min = 11; break;
    case FS_CT_COUNTY_LIST: min = 18; break;
    case FS_CT_MONEY: min = 13; break;
    case FS_CT_ENUM:
        for (size_t i = 0; i < c->nvalues; i++) {
            size_t e = fs_tpl_width(fs_tpl_enum_entry(c, i, b->zh)) + 4; /* + the arrow */
            if (e > min)
                min = e;
        }
        break;
    default: break;
    }
    if (w < min)
        w = min;
    if (w > 40)
        w = 40;
    return (double)w;
}

static void table_sheet(book *b, fs_table t)
{
    const fs_table_def *td = &fs_tables[t];
    const fs_tpl_opts *o = b->o;
    lxw_worksheet *ws = add_sheet(b, b->zh ? td->name_zh : td->name);
    if (!ws)
        return;
    const char *own = o->zone->counties[o->county].code;
    for (size_t col = 0; col < td->ncolumns; col++) {
        const fs_column *c = &td->columns[col];
        lxw_col_t cc = (lxw_col_t)col;
        char yb[64];
        const char *example =
            fs_tpl_example(o->zone, t, col, o->county, o->year, b->zh, yb, sizeof yb);
        check(b,
              worksheet_set_column(ws, cc, cc, column_width(b, c, example), column_format(b, c)));
        check(b, worksheet_write_string(ws, 0, cc, fs_tpl_header(c, b->zh),
                                        c->required ? b->hdr_req : b->hdr_opt));

        char *msg = input_message(b, t, col), *title = input_title(b, c);
        if (!msg || !title) {
            b->oom = true;
            free(msg);
            free(title);
            return;
        }
        lxw_data_validation head = {
            .validate = LXW_VALIDATION_TYPE_ANY, .input_title = title, .input_message = msg};
        check(b, worksheet_data_validation_cell(ws, 0, cc, &head));

        char emsg[512], etitle[64];
        lxw_data_validation dv = {.input_title = title, .input_message = msg};
        if (!column_check(b, t, col, &dv, emsg, sizeof emsg, etitle, sizeof etitle)) {
            dv.validate = LXW_VALIDATION_TYPE_ANY;
        } else {
            char *em = fs_tpl_cut(emsg, MSG_MAX), *et = fs_tpl_cut(etitle, TITLE_MAX);
            dv.error_message = em;
            dv.error_title = et;
            if (em && et)
                check(b, worksheet_data_validation_range(ws, 1, cc, ROW_LAST, cc, &dv));
            else
                b->oom = true;
            free(em);
            free(et);
            free(msg);
            free(title);
            continue;
        }
        check(b, worksheet_data_validation_range(ws, 1, cc, ROW_LAST, cc, &dv));
        free(msg);
        free(title);
    }
    check(b, worksheet_set_row(ws, 0, 33, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    check(b, worksheet_repeat_rows(ws, 0, 0));

    if (t == FS_T_INDICATORS) {
        /* One row per indicator: the county and year are fixed, the
         * indicator named; the clerk adds the value. */
        int ind = fs_column_index(t, "indicator");
        const fs_column *ic = ind >= 0 ? &td->columns[ind] : NULL;
        for (size_t i = 0; ic && i < ic->nvalues; i++) {
            lxw_row_t r = (lxw_row_t)(i + 1);
            check(b,
                  worksheet_write_string(ws, r, (lxw_col_t)td->county_col, own, b->prefill_text));
            check(b, worksheet_write_number(ws, r, (lxw_col_t)td->year_col, o->year,
                                            b->prefill_whole));
            check(b, worksheet_write_string(ws, r, (lxw_col_t)ind, fs_tpl_enum_entry(ic, i, b->zh),
                                            b->prefill_text));
        }
    }
}

/* ---------------------------------------------------- the Dictionary */

static void dictionary_sheet(book *b)
{
    bool zh = b->zh;
    /* Read by the clerk only: its header names no column of any table
     * (template.c's labels), so a reader of the filled workbook skips it. */
    lxw_worksheet *ws = add_sheet(b, "字段说明 Dictionary");
    if (!ws)
        return;
    static const double widths[FS_TL_COUNT] = {14, 16, 18, 34, 20, 9, 48, 16};
    for (int l = 0; l < FS_TL_COUNT; l++) {
        check(b, worksheet_set_column(ws, (lxw_col_t)l, (lxw_col_t)l, widths[l], NULL));
        check(b, worksheet_write_string(ws, 0, (lxw_col_t)l, fs_tpl_label_text((fs_tpl_label)l, zh),
                                        b->cell_hdr));
    }
    check(b, worksheet_set_row(ws, 0, 33, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    check(b, worksheet_repeat_rows(ws, 0, 0));
    lxw_row_t r = 1;
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_table_def *td = &fs_tables[t];
        char table[96];
        snprintf(table, sizeof table, zh ? "%s\n%s" : "%s", zh ? td->name_zh : td->name, td->name);
        for (size_t col = 0; col < td->ncolumns; col++, r++) {
            const fs_column *c = &td->columns[col];
            char *allowed =
                fs_tpl_allowed(b->o->zone, (fs_table)t, col, b->o->county, b->o->year, zh, "\n");
            if (!allowed) {
                b->oom = true;
                return;
            }
            char yb[64];
            const char *cells[FS_TL_COUNT] = {table,
                                              fs_tpl_header(c, zh),
                                              fs_tpl_header(c, !zh),
                                              zh ? c->doc_zh : c->doc_en,
                                              fs_coltype_doc(c->type, zh),
                                              fs_tpl_required(c, zh),
                                              allowed,
                                              fs_tpl_example(b->o->zone, (fs_table)t, col,
                                                             b->o->county, b->o->year, zh, yb,
                                                             sizeof yb)};
            for (int l = 0; l < FS_TL_COUNT; l++)
                check(b, worksheet_write_string(ws, r, (lxw_col_t)l, cells[l], b->cell));
            check(b, worksheet_set_row(ws, r, row_height(cells, widths, FS_TL_COUNT), NULL));
            free(allowed);
        }
    }
}

/* ------------------------------------------------- the Instructions */

typedef struct para {
    const char *zh, *en;
} para;

static void instructions_sheet(book *b)
{
    const fs_tpl_opts *o = b->o;
    const fs_zone *z = o->zone;
    const fs_county *me = &z->counties[o->county];
    lxw_worksheet *ws = add_sheet(b, "填写说明 Instructions");
    if (!ws)
        return;
    static const double widths[3] = {4, 58, 66};
    for (int i = 0; i < 3; i++)
        check(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);

    char tz[256], te[256];
    snprintf(tz, sizeof tz, "%s（%s）%d 年度数据报送模板", me->name_zh, me->code, o->year);
    snprintf(te, sizeof te, "%s (%s): data submission template for %d", me->name_en, me->code,
             o->year);
    check(b, worksheet_write_string(ws, 0, 1, tz, b->title));
    check(b, worksheet_write_string(ws, 0, 2, te, b->title));
    char sz[512], se[512];
    snprintf(sz, sizeof sz, "%s · 报送至%s", z->name_zh, z->secretariat_zh);
    snprintf(se, sizeof se, "%s · to be sent to the %s", z->name_en, z->secretariat_en);
    check(b, worksheet_write_string(ws, 1, 1, sz, b->para));
    check(b, worksheet_write_string(ws, 1, 2, se, b->para));
    const char *sub[2] = {sz, se};
    check(b, worksheet_set_row(ws, 0, 40, NULL));
    check(b, worksheet_set_row(
                 ws, 1, row_height((const char *const[]){NULL, sub[0], sub[1]}, widths, 3), NULL));

    char csv_name[64], book_name[64];
    fs_tpl_file_name(csv_name, sizeof csv_name, me->code, o->year, FS_T_INCIDENTS);
    fs_tpl_file_name(book_name, sizeof book_name, me->code, o->year, -1);
    char p1z[512], p1e[512], p4z[512], p4e[512], p6z[512], p6e[512], p8z[1024], p8e[1024];
    snprintf(
        p1z, sizeof p1z,
        "本工作簿是%s %d 年度的报送模板，每张表一个工作表：年度指标、刑事案件、矛盾纠纷、协作活动。"
        "在这里填写，填好后把本工作簿报送秘书处（第 8 条）。没有记录的表可以不填。",
        me->name_zh, o->year);
    snprintf(p1e, sizeof p1e,
             "This workbook is the %d submission template of %s, one sheet per table: indicators, "
             "incidents, disputes and cooperation. Fill it in here, then send the workbook to the "
             "secretariat (step 8). A table without records may stay empty.",
             o->year, me->name_en);
    snprintf(
        p4z, sizeof p4z,
        "日期按 %d-05-20 填写。金额单位为元，人数单位为人，不要使用“万”（常住人口填人数，如 "
        "786500，不填 78.65）。"
        "编号列已设为文本格式，请保持文本格式，以免 Excel 把长编号改成 1.23E+17 之类的科学计数。",
        o->year);
    snprintf(
        p4e, sizeof p4e,
        "Dates like %d-05-20. Money in yuan and counts in persons, never in 万 (ten thousands): "
        "a population is 786500, not 78.65. The ID columns are formatted as text: keep them so, "
        "or Excel turns long numbers into 1.23E+17.",
        o->year);
    snprintf(p6z, sizeof p6z,
             "其他工作表的“县区代码”列填本县代码 "
             "%s（下拉列表中只有本县）。“涉及县区”“合作县区”等列填写其他成员县区，"
             "多个用分号 ; 分隔（也可用 ；、，或英文逗号 ,），代码和名称见下表。",
             me->code);
    snprintf(
        p6e, sizeof p6e,
        "In the other sheets the county column is this county's code, %s (the only choice in its "
        "drop-down). Columns naming other counties (counties_involved, partners, …) take codes or "
        "names separated by ; (or ；, 、, ， or a comma) — see the table below.",
        me->code);
    snprintf(
        p8z, sizeof p8z,
        "报送：把填好的工作簿（%s）原样发给秘书处即可。也可以改为报送 CSV "
        "文件，每张有记录的表一个："
        "在 Excel 中切换到该工作表，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”，"
        "文件名如 %s；WPS：“文件 → 另存为”，文件类型选“CSV 文件 (*.csv)”。",
        book_name, csv_name);
    snprintf(p8e, sizeof p8e,
             "Sending: send the filled workbook (%s) to the secretariat as it is. You may send CSV "
             "files instead, one per sheet with records: in Excel select the sheet, choose File → "
             "Save As, type \"CSV UTF-8 (Comma delimited) (*.csv)\" and name it like %s; in WPS: "
             "File → Save As, file type \"CSV (*.csv)\".",
             book_name, csv_name);
    char p9z[1024], p9e[1024];
    snprintf(p9z, sizeof p9z,
             "检查：秘书处收到文件后进行检查，并把问题清单（CSV，每个问题一行：文件、行号、列、问题"
             "、如何修改）"
             "发回本县；改正后重新发送整份文件。重新发送的文件替换此前同一县区、年度和表的数据。"
             "装有 forumstat 的单位也可以自行检查：forumstat validate --county %s --year %d %s",
             me->code, o->year, book_name);
    snprintf(
        p9e, sizeof p9e,
        "Checking: the secretariat checks the files on receipt and sends back the list of "
        "problems (a CSV, one per line: file, line, column, what is wrong, how to fix it); fix "
        "them and send the whole file again. A file sent again replaces the earlier records of "
        "the same county, year and table. If you have forumstat you can check first: "
        "forumstat validate --county %s --year %d %s",
        me->code, o->year, book_name);
    const para steps[] = {
        {p1z, p1e},
        {"每行填写一条记录，从第 2 "
         "行开始。不要修改或删除第一行表头（列的顺序可以调整，列名写错的列会被退回）；"
         "不要合并单元格，不要添加合计、小计行或说明文字（表格下方的填表人、审核人等签名行会被跳过"
         "）。",
         "One record per row, from row 2. Do not change or delete the header row (the order of the "
         "columns may change; a misspelt column name is refused); no merged cells, no totals or "
         "subtotals, no notes inside the table (signature lines below it are skipped)."},
        {"深色表头的列必须填写，浅色表头的列可以留空。选中单元格会显示该列的填写说明；"
         "有下拉箭头的列请从列表中选择。",
         "Columns with a dark header are required; light ones may stay empty. Selecting a cell "
         "shows "
         "what the column takes; where a cell has a drop-down arrow, pick from the list."},
        {p4z, p4e},
        {"“年度指标”工作表已按每项指标预填一行（本县、年度、指标名称），只需填写“数值”；"
         "没有掌握的指标请删除整行。",
         "The indicators sheet already holds one row per indicator (county, year, indicator): fill "
         "in "
         "the value, and delete the whole row of any indicator you do not have."},
        {p6z, p6e},
        {"不得填写个人信息：细类、备注等文字中含有身份证号码（包括分段书写的和15位旧号码）或手机号"
         "码的记录会被退回；"
         "编号也不得使用身份证号码。",
         "No personal data: a record whose text (subcategory, note) holds an identity number "
         "(also written in groups, or the old 15-digit form) or a mobile number is refused; no "
         "identifier may be an identity number either."},
        {p8z, p8e},
        {p9z, p9e},
        {"“字段说明”工作表列出每一列的含义、类型、是否必填、允许值和示例。",
         "The Dictionary sheet lists every column's meaning, type, whether it is required, its "
         "allowed values and an example."},
    };
    lxw_row_t r = 3;
    check(b, worksheet_write_string(ws, r, 1, "填写说明", b->h2));
    check(b, worksheet_write_string(ws, r, 2, "Instructions", b->h2));
    check(b, worksheet_set_row(ws, r, 26, NULL));
    r++;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++, r++) {
        check(b, worksheet_write_number(ws, r, 0, (double)(i + 1), b->para_bold));
        check(b, worksheet_write_string(ws, r, 1, steps[i].zh, b->para));
        check(b, worksheet_write_string(ws, r, 2, steps[i].en, b->para));
        const char *cells[3] = {NULL, steps[i].zh, steps[i].en};
        check(b, worksheet_set_row(ws, r, row_height(cells, widths, 3), NULL));
    }

    r++;
    check(b, worksheet_write_string(ws, r, 1, "表头颜色", b->h2));
    check(b, worksheet_write_string(ws, r, 2, "Header colours", b->h2));
    check(b, worksheet_set_row(ws, r, 26, NULL));
    r++;
    check(b, worksheet_write_string(ws, r, 1, "必填", b->hdr_req));
    check(b, worksheet_write_string(ws, r, 2, "required", b->hdr_req));
    r++;
    check(b, worksheet_write_string(ws, r, 1, "选填", b->hdr_opt));
    check(b, worksheet_write_string(ws, r, 2, "optional", b->hdr_opt));
    r += 2;

    check(b, worksheet_write_string(ws, r, 1, "成员县区代码", b->h2));
    check(b, worksheet_write_string(ws, r, 2, "Member county codes", b->h2));
    check(b, worksheet_set_row(ws, r, 26, NULL));
    r++;
    for (size_t i = 0; i < z->ncounties; i++, r++) {
        const fs_county *c = &z->counties[i];
        char lz[160], le[160];
        snprintf(lz, sizeof lz, "%s  %s（%s %s）", c->code, c->name_zh,
                 z->provinces[c->province].name_zh, c->prefecture_zh);
        snprintf(le, sizeof le, "%s  %s (%s, %s)", c->code, c->name_en,
                 z->provinces[c->province].name_en, c->prefecture_en);
        check(b, worksheet_write_string(ws, r, 1, lz, b->cell));
        check(b, worksheet_write_string(ws, r, 2, le, b->cell));
    }
    r++;
    char made[256];
    snprintf(made, sizeof made, "forumstat %s · forumstat template --county %s --year %d --lang %s",
             FS_VERSION, me->code, o->year, b->zh ? "zh" : "en");
    check(b, worksheet_write_string(ws, r, 1, made, NULL));
}

/* ---------------------------------------------------------- the book */

/* libxlsxwriter 1.1.4 leaks a copy of each LIST_FORMULA validation's
 * formula; the sanitizer builds' suppression is in report/cli/sanitizer.c,
 * valgrind's in tests/e2e/t60-libxlsxwriter.supp. */

fs_status fs_tpl_write_xlsx(const fs_tpl_opts *o, const char *path, fs_sbuf *err)
{
    fs_atomic a;
    fs_status st = fs_atomic_begin_path(&a, path);
    if (st != FS_OK) {
        fs_sbuf_addf(err, _("cannot create %s: %s"), path, fs_strerror(st));
        return st;
    }
    book b = {.o = o, .zh = o->zh};
    lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    b.wb = workbook_new_opt(a.tmp_path, &wopt);
    if (!b.wb) {
        fs_atomic_abort(&a);
        fs_sbuf_addf(err, _("cannot start the workbook %s (out of memory or no temporary space)"),
                     path);
        return FS_ERR_IO;
    }
    const fs_county *me = &o->zone->counties[o->county];
    char title[256], subject[512];
    snprintf(title, sizeof title, "%s %d %s", o->zh ? me->name_zh : me->name_en, o->year,
             o->zh ? "数据报送模板" : "submission template");
    snprintf(subject, sizeof subject, "%s", o->zh ? o->zone->name_zh : o->zone->name_en);
    lxw_doc_properties props = {.title = title,
                                .subject = subject,
                                .author = o->zh ? o->zone->secretariat_zh : o->zone->secretariat_en,
                                .comments = "forumstat template",
                                .created = fs_xlsx_created(o->epoch)};
    check(&b, workbook_set_properties(b.wb, &props));
    make_formats(&b);

    plan_lists(&b);
    instructions_sheet(&b);
    for (int t = 0; t < FS_T_COUNT; t++)
        table_sheet(&b, (fs_table)t);
    dictionary_sheet(&b);
    lists_sheet(&b);

    lxw_error e = workbook_close(b.wb);
    if (b.oom || b.err != LXW_NO_ERROR || e != LXW_NO_ERROR) {
        fs_atomic_abort(&a);
        if (b.oom) {
            fs_sbuf_addf(err, _("out of memory while building the workbook %s"), path);
            return FS_ERR_NOMEM;
        }
        lxw_error why = b.err != LXW_NO_ERROR ? b.err : e;
        fs_sbuf_addf(err,
                     _("cannot write the workbook %s: %s (libxlsxwriter) — check that the folder "
                       "is writable and has space"),
                     path, lxw_strerror(why));
        return FS_ERR_IO;
    }
    st = fs_atomic_commit(&a);
    if (st != FS_OK)
        fs_sbuf_addf(err, _("cannot write %s: %s"), path, fs_strerror(st));
    return st;
}
