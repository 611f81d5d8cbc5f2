/*
 * validate.c — header recognition and row validation (see validate.h).
 *
 * Order of work for a row: blank and totals rows, extra fields, then each
 * standard column through its type's checker (parse.c does the forms), then
 * the cross-field rules of its table.  Every problem becomes one diagnostic
 * naming the column and saying what to do; nothing stops at the first.
 */
#include "validate.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "xlsx_source.h"

#define MAX_PREAMBLE 5
#define MAX_ID_CHARS 64
#define MAX_TEXT_CHARS 2000
#define SCRATCH 640
#define FS_CSV_HEADER_MAX 256
#define RULE_NAMES_MAX 32 /* per column: 64 counties x 7 bytes fits */

struct fs_validator {
    const fs_zone *zone;
    const fs_source *src;
    int forced;
    int table;                 /* -1 until the header is known            */
    int preamble;              /* title rows skipped so far               */
    long header_line;
    int map[FS_MAX_COLUMNS];   /* file column of each standard column     */
    size_t nheader;            /* fields in the header row                */
    bool any_unnamed;          /* some header field is empty              */
    bool unnamed[FS_CSV_HEADER_MAX];      /* header field j is empty      */
    bool unnamed_told[FS_CSV_HEADER_MAX]; /* its values were warned about */
    long records, rejected;
    bool stopped;
    bool missing_required;     /* the header lacks a required column      */
    char scratch[FS_MAX_COLUMNS][SCRATCH];
    /* cache of the rules' column lookups, keyed by the name literal */
    const char *names[RULE_NAMES_MAX];
    int name_cols[RULE_NAMES_MAX];
    int nnames;
};

fs_validator *fs_validator_new(const fs_zone *zone, const fs_source *src, int forced_table)
{
    fs_validator *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->zone = zone;
    v->src = src;
    v->forced = forced_table;
    v->table = -1;
    for (int i = 0; i < FS_MAX_COLUMNS; i++)
        v->map[i] = -1;
    return v;
}

void fs_validator_free(fs_validator *v)
{
    free(v);
}

int fs_validator_table(const fs_validator *v)
{
    return v->table;
}

static fs_loc loc_at(const fs_validator *v, long line, int column, const char *colname)
{
    fs_loc l = {v->src->loc_kind, v->src->file, v->src->table, line, column, colname};
    return l;
}

/* ---------------------------------------------------------------- header */

/* Normalise a header cell: trim, drop a BOM, split off a unit in brackets.
 * Writes the name into out; sets *wan when the unit contains 万. */
static size_t header_name(const char *s, size_t n, char *out, size_t size, bool *wan)
{
    *wan = false;
    fs_trim(&s, &n);
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    const char *open = NULL;
    if (n >= 1 && s[n - 1] == ')')
        for (size_t i = n - 1; i-- > 0;)
            if (s[i] == '(') { open = s + i; break; }
    if (n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x89", 3) == 0) /* ） */
        for (size_t i = n - 3; i-- > 0;)
            if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x88", 3) == 0) { open = s + i; break; } /* （ */
    if (open) {
        size_t unit_len = (size_t)(s + n - open);
        if (memmem(open, unit_len, "万", strlen("万")))
            *wan = true;
        n = (size_t)(open - s);
        fs_trim(&s, &n);
    }
    if (n >= size)
        n = size - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

static int column_for_name(fs_table t, const char *name, size_t n)
{
    const fs_table_def *td = &fs_tables[t];
    for (size_t c = 0; c < td->ncolumns; c++)
        if (fs_eq_nocase(name, n, td->columns[c].name) || fs_eq(name, n, td->columns[c].alias))
            return (int)c;
    return -1;
}

static bool field_blank(const fs_field *f)
{
    if (f->type == FS_V_NULL)
        return true;
    if (f->type != FS_V_TEXT)
        return false;
    const char *s = f->s;
    size_t n = f->len;
    fs_trim(&s, &n);
    return n == 0;
}

/* A header name as a near miss compares it: ASCII letters lower-cased,
 * digits, and '_' for '_', '-' or ' ' (so `Loss Yuan`, `loss-yuan` and
 * `recovered_yuan2` are near misses too).  False when the name holds
 * anything else (Chinese, other punctuation) or does not fit in out. */
static bool near_miss_form(const char *s, size_t n, char *out, size_t size)
{
    if (n == 0 || n >= size)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '-' || c == ' ')
            c = '_';
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
        out[i] = c;
    }
    out[n] = '\0';
    return true;
}

/* Recognise the header in `row`; returns false when the row names no
 * column of any table (a title row). */
static bool take_header(fs_validator *v, const fs_row *row, fs_diags *d)
{
    char names[FS_CSV_HEADER_MAX][128];
    bool wan[FS_CSV_HEADER_MAX];
    size_t lens[FS_CSV_HEADER_MAX];
    size_t n = row->nfields < FS_CSV_HEADER_MAX ? row->nfields : FS_CSV_HEADER_MAX;
    for (size_t j = 0; j < n; j++) {
        const fs_field *f = &row->fields[j];
        lens[j] = f->type == FS_V_TEXT ? header_name(f->s, f->len, names[j], sizeof names[j], &wan[j])
                                       : 0;
        if (f->type != FS_V_TEXT) {
            names[j][0] = '\0';
            wan[j] = false;
        }
    }
    /* Which table matches most names (ties to the first in fs_table order). */
    int best = -1, best_count = 0;
    for (int t = 0; t < FS_T_COUNT; t++) {
        if (v->forced >= 0 && t != v->forced)
            continue;
        int count = 0;
        for (size_t j = 0; j < n; j++)
            if (lens[j] && column_for_name((fs_table)t, names[j], lens[j]) >= 0)
                count++;
        if (count > best_count) {
            best_count = count;
            best = t;
        }
    }
    if (v->forced >= 0)
        best = v->forced;
    else if (best < 0)
        return false;

    v->table = best;
    v->header_line = row->line;
    char shown[132]; /* a header name as echoed (names are at most 127 bytes) */
    v->nheader = n;
    const fs_table_def *td = &fs_tables[best];
    for (size_t j = 0; j < n; j++) {
        if (!lens[j]) {
            v->unnamed[j] = v->any_unnamed = true;
            continue;
        }
        fs_diag_echo(names[j], lens[j], shown, sizeof shown);
        fs_loc l = loc_at(v, row->line, (int)j + 1, NULL);
        int c = column_for_name((fs_table)best, names[j], lens[j]);
        if (c >= 0) {
            l.colname = td->columns[c].name;
            if (v->map[c] >= 0) {
                fs_diag_add(d, R_HEADER_DUPLICATE, &l, shown,
                            "keep one of the two columns and delete the other",
                            "column %s appears twice (columns %d and %zu)", td->columns[c].name,
                            v->map[c] + 1, j + 1);
                continue;
            }
            v->map[c] = (int)j;
            if (wan[j])
                fs_diag_add(d, R_HEADER_UNIT_WAN, &l, shown,
                            "convert the values to 元 or persons and remove 万 from the header",
                            "column %s is given in units of 万 (ten thousand)", td->columns[c].name);
            continue;
        }
        /* Not a column of this table: a misspelt standard name? */
        const char *near = NULL;
        char form[128];
        if (lens[j] >= 5 && near_miss_form(names[j], lens[j], form, sizeof form))
            for (size_t k = 0; k < td->ncolumns && !near; k++) {
                const char *cn = td->columns[k].name;
                size_t cl = strlen(cn);
                if (cl >= 5 && fs_edit_distance(form, lens[j], cn, cl, 2) <= 2) {
                    /* present under its English name or its alias: then
                     * this one is just a column of the county's own */
                    bool present = false;
                    for (size_t m = 0; m < n && !present; m++)
                        present = lens[m] && column_for_name((fs_table)best, names[m], lens[m]) == (int)k;
                    if (!present)
                        near = cn;
                }
            }
        if (near) {
            char hint[160];
            snprintf(hint, sizeof hint, "rename the column to %s", near);
            l.colname = near;
            fs_diag_add(d, R_HEADER_NEAR_MISS, &l, shown, hint,
                        "header '%s' looks like a misspelling of the standard column %s", shown,
                        near);
        } else {
            fs_diag_add(d, R_HEADER_UNKNOWN, &l, shown, NULL,
                        "column '%s' is not part of the %s table and is ignored", shown,
                        td->name);
        }
    }
    for (size_t c = 0; c < td->ncolumns; c++)
        if (td->columns[c].required && v->map[c] < 0) {
            v->missing_required = true;
            fs_loc l = loc_at(v, row->line, 0, td->columns[c].name);
            char hint[160];
            snprintf(hint, sizeof hint, "add a column named %s (or %s)", td->columns[c].name,
                     td->columns[c].alias);
            fs_diag_add(d, R_HEADER_REQUIRED, &l, NULL, hint,
                        "the %s table needs a column %s (%s)", td->name, td->columns[c].name,
                        td->columns[c].alias);
        }
    return true;
}

/* ------------------------------------------------------------ values */

typedef struct cell {
    fs_validator *v;
    fs_record *rec;
    const fs_row *row;
    fs_diags *d;
    const fs_column *col;
    int c;             /* standard column index */
    fs_loc loc;
    const char *s;     /* trimmed text view     */
    size_t n;
    char real[48];     /* a REAL's decimal form, when s points here */
} cell;

static void cell_error(cell *x, fs_rule rule, const char *hint, const char *what)
{
    char buf[120];
    fs_diag_echo(x->s, x->n, buf, sizeof buf);
    fs_diag_add(x->d, rule, &x->loc, buf, hint, "%s: '%s' %s", x->col->name, buf, what);
}

static const char *date_hint = "write the date as 2024-05-20 (2024/5/20, 2024.5.20, 2024年5月20日 and 20240520 work too)";

static bool check_int(cell *x, int64_t val)
{
    fs_value *out = &x->rec->v[x->c];
    char msg[160];
    if (x->col->type == FS_CT_YEAR && (val < 2000 || val > 2100)) {
        cell_error(x, R_VALUE_YEAR_RANGE, "give the four-digit year, e.g. 2024", "is not a year between 2000 and 2100");
        return false;
    }
    if (val < x->col->min) {
        snprintf(msg, sizeof msg, "is below the smallest allowed value %" PRId64, x->col->min);
        cell_error(x, R_VALUE_RANGE, NULL, msg);
        return false;
    }
    out->present = true;
    out->i = val;
    return true;
}

static bool check_number(cell *x)
{
    fs_value *out = &x->rec->v[x->c];
    const fs_field *f = x->loc.column > 0 && (size_t)x->loc.column <= x->row->nfields
                            ? &x->row->fields[x->loc.column - 1]
                            : NULL;
    bool money = x->col->type == FS_CT_MONEY;
    int64_t val;
    if (f && f->type == FS_V_INT) {
        if (f->i >= 1000000000000000LL || f->i <= -1000000000000000LL) {
            cell_error(x, R_VALUE_RANGE, NULL, "is too large");
            return false;
        }
        val = money ? f->i * 100 : f->i;
    } else {
        /* A REAL (SQLite) is judged by its decimal form, the 15
         * significant digits a spreadsheet shows: 2300.1 is 2300.10 yuan,
         * 100000.125 has three decimals, 3000000.5 is no whole number. */
        if (f && f->type == FS_V_REAL) {
            if (!isfinite(f->r) || fabs(f->r) >= 1e15) {
                snprintf(x->real, sizeof x->real, "%g", f->r);
                x->s = x->real;
                x->n = strlen(x->real);
                cell_error(x, R_VALUE_RANGE, NULL, "is too large");
                return false;
            }
            snprintf(x->real, sizeof x->real, "%.15g", f->r);
            if (strchr(x->real, 'e')) /* tiny: 1e-07 */
                snprintf(x->real, sizeof x->real, "%.6f", f->r);
            x->s = x->real;
            x->n = strlen(x->real);
        }
        fs_parse_result pr = money ? fs_parse_cents(x->s, x->n, &val) : fs_parse_int(x->s, x->n, &val);
        switch (pr) {
        case FS_PARSE_OK: break;
        case FS_PARSE_SCIENTIFIC:
            cell_error(x, R_VALUE_SCIENTIFIC, "format the column as Number (not General) in Excel and save again",
                       "is in scientific notation: Excel shortened the number");
            return false;
        case FS_PARSE_DECIMALS:
            cell_error(x, R_VALUE_DECIMALS, "round to two decimals (fen)", "has more than two significant decimals");
            return false;
        case FS_PARSE_NOT_INTEGRAL:
            cell_error(x, R_VALUE_INTEGER, "give a whole number", "is not a whole number");
            return false;
        case FS_PARSE_TOO_LARGE:
            cell_error(x, R_VALUE_RANGE, NULL, "is too large (at most 15 digits)");
            return false;
        default:
            cell_error(x, money ? R_VALUE_NUMBER : R_VALUE_INTEGER,
                       money ? "write a plain number such as 2300.50 (no units or text)"
                             : "write a whole number such as 12 (no units or text)",
                       money ? "is not a number" : "is not a whole number");
            return false;
        }
    }
    if (money) {
        if (val < x->col->min * 100) {
            cell_error(x, R_VALUE_RANGE, NULL, "is negative; amounts must be 0 or more");
            return false;
        }
        out->present = true;
        out->i = val;
        return true;
    }
    return check_int(x, val);
}

static bool check_date(cell *x)
{
    fs_value *out = &x->rec->v[x->c];
    fs_date dt;
    switch (fs_parse_date(x->s, x->n, &dt)) {
    case FS_PARSE_OK: break;
    case FS_PARSE_DATE_INVALID:
        cell_error(x, R_VALUE_DATE_INVALID, "check the month and day", "is not a real calendar date");
        return false;
    case FS_PARSE_DATE_SERIAL:
        cell_error(x, R_VALUE_DATE_SERIAL, "format the column as Date (yyyy-mm-dd) in Excel and save again",
                   "is an Excel date serial number, not a date");
        return false;
    case FS_PARSE_YEAR_RANGE:
        cell_error(x, R_VALUE_YEAR_RANGE, "check the year", "has a year outside 2000-2100");
        return false;
    default:
        cell_error(x, R_VALUE_DATE, date_hint, "is not a date");
        return false;
    }
    char *buf = x->v->scratch[x->c];
    fs_date_iso(dt, buf);
    out->present = true;
    out->i = fs_date_days(dt);
    out->s = buf;
    out->len = 10;
    if (x->c == fs_tables[x->rec->table].year_col)
        x->rec->year = dt.year;
    return true;
}

static void allowed_list(const fs_column *col, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < col->nvalues && o + 1 < size; i++) {
        int k = snprintf(buf + o, size - o, "%s%s (%s)", i ? ", " : "", col->values[i].code,
                         col->type == FS_CT_ENUM && strcmp(col->name, "category") != 0
                             ? col->values[i].zh : col->values[i].en);
        if (k < 0 || (size_t)k >= size - o)
            break;
        o += (size_t)k;
    }
}

static bool check_enum(cell *x)
{
    int k = fs_enum_find(x->col, x->s, x->n);
    if (k < 0) {
        char hint[900], allowed[800];
        allowed_list(x->col, allowed, sizeof allowed);
        const char *sug = fs_enum_suggest(x->col, x->s, x->n);
        if (sug)
            snprintf(hint, sizeof hint, "did you mean '%s'? allowed: %s", sug, allowed);
        else
            snprintf(hint, sizeof hint, "allowed: %s", allowed);
        cell_error(x, R_VALUE_ENUM, hint, "is not an allowed value");
        return false;
    }
    fs_value *out = &x->rec->v[x->c];
    out->present = true;
    out->i = k;
    out->s = x->col->values[k].code;
    out->len = strlen(out->s);
    return true;
}

static void county_error(cell *x, const char *s, size_t n)
{
    char hint[200], buf[120];
    const char *sug = fs_zone_suggest(x->v->zone, s, n);
    if (sug)
        snprintf(hint, sizeof hint, "did you mean '%s'? write the six-digit county code or the county's name", sug);
    else
        snprintf(hint, sizeof hint, "write the six-digit code or the name of a member county (e.g. %s %s)",
                 x->v->zone->counties[0].code, x->v->zone->counties[0].name_zh);
    fs_diag_echo(s, n, buf, sizeof buf);
    fs_diag_add(x->d, R_VALUE_COUNTY, &x->loc, buf, hint, "%s: '%s' is not a member county of the zone",
                x->col->name, buf);
}

static bool check_county(cell *x)
{
    int k = fs_zone_find(x->v->zone, x->s, x->n);
    if (k < 0) {
        county_error(x, x->s, x->n);
        return false;
    }
    fs_value *out = &x->rec->v[x->c];
    out->present = true;
    out->i = k;
    out->s = x->v->zone->counties[k].code;
    out->len = 6;
    return true;
}

/* Length of a list separator at s: ; ； 、 ， , */
static size_t separator_at(const char *s, size_t n)
{
    if (s[0] == ';' || s[0] == ',')
        return 1;
    if (n >= 3 && (memcmp(s, "；", 3) == 0 || memcmp(s, "、", 3) == 0 || memcmp(s, "，", 3) == 0))
        return 3;
    return 0;
}

static bool check_county_list(cell *x)
{
    fs_county_set set = 0;
    bool ok = true, dup = false;
    size_t i = 0, start = 0;
    while (i <= x->n) {
        size_t sep = i < x->n ? separator_at(x->s + i, x->n - i) : 1;
        if (!sep) {
            i++;
            continue;
        }
        const char *item = x->s + start;
        size_t len = i - start;
        fs_trim(&item, &len);
        if (len) {
            int k = fs_zone_find(x->v->zone, item, len);
            if (k < 0) {
                county_error(x, item, len);
                ok = false;
            } else if (set & ((fs_county_set)1 << k)) {
                dup = true;
            } else {
                set |= (fs_county_set)1 << k;
            }
        }
        i += sep;
        start = i;
    }
    if (!ok)
        return false;
    if (dup)
        cell_error(x, R_LIST_DUPLICATE, "list each county once", "names a county twice");
    char *buf = x->v->scratch[x->c];
    size_t o = 0;
    for (size_t k = 0; k < x->v->zone->ncounties; k++)
        if (set & ((fs_county_set)1 << k)) {
            if (o)
                buf[o++] = ';';
            memcpy(buf + o, x->v->zone->counties[k].code, 6);
            o += 6;
        }
    buf[o] = '\0';
    fs_value *out = &x->rec->v[x->c];
    out->present = set != 0;
    out->i = (int64_t)set;
    out->s = buf;
    out->len = o;
    if (!set && x->col->required) {
        cell_error(x, R_VALUE_REQUIRED, "name at least one member county", "names no county");
        return false;
    }
    return true;
}

static bool check_id(cell *x)
{
    if (fs_utf8_count(x->s, x->n) > MAX_ID_CHARS) {
        cell_error(x, R_VALUE_ID_LENGTH, "shorten the identifier to 64 characters", "is longer than 64 characters");
        return false;
    }
    if (fs_is_scientific(x->s, x->n)) {
        cell_error(x, R_VALUE_ID_SCIENTIFIC,
                   "Excel mangled the identifier: format the column as Text, type the identifiers again and save",
                   "is an identifier in Excel's scientific notation");
        return false;
    }
    fs_value *out = &x->rec->v[x->c];
    out->present = true;
    out->s = x->s;
    out->len = x->n;
    return true;
}

static bool check_text(cell *x)
{
    if (fs_utf8_count(x->s, x->n) > MAX_TEXT_CHARS) {
        fs_diag_add(x->d, R_VALUE_TEXT_LENGTH, &x->loc, NULL, "shorten the text to 2000 characters",
                    "%s: the text has %zu characters, more than 2000", x->col->name,
                    fs_utf8_count(x->s, x->n));
        return false;
    }
    /* The number itself is never echoed. */
    if (fs_has_id_number(x->s, x->n)) {
        fs_diag_add(x->d, R_PRIVACY_ID_NUMBER, &x->loc, NULL,
                    "remove the identity number: submissions must not carry personal data",
                    "%s holds a resident identity number", x->col->name);
        return false;
    }
    if (fs_has_mobile_number(x->s, x->n)) {
        fs_diag_add(x->d, R_PRIVACY_MOBILE, &x->loc, NULL,
                    "remove the phone number: submissions must not carry personal data",
                    "%s holds a mobile phone number", x->col->name);
        return false;
    }
    fs_value *out = &x->rec->v[x->c];
    out->present = true;
    out->s = x->s;
    out->len = x->n;
    return true;
}

/* Check one standard column of the row; false when it has an error. */
static bool check_column(fs_validator *v, const fs_row *row, fs_record *rec, int c, fs_diags *d)
{
    const fs_table_def *td = &fs_tables[v->table];
    const fs_column *col = &td->columns[c];
    fs_value *out = &rec->v[c];
    out->present = false;
    out->i = col->empty_value;
    out->s = "";
    out->len = 0;
    int j = v->map[c];
    if (j < 0)
        return !col->required; /* missing column: reported once on the header */
    /* a short row (fewer fields than the header): the column is still
     * where the header put it, its value empty */
    cell x = {v, rec, row, d, col, c, loc_at(v, row->line, j + 1, col->name), "", 0, ""};
    const fs_field *f = (size_t)j < row->nfields ? &row->fields[j] : NULL;
    bool numeric = col->type == FS_CT_INT || col->type == FS_CT_YEAR || col->type == FS_CT_MONEY;
    fs_field cellf; /* a workbook's cell as judged (xlsx_source.h) */
    if (f && v->src->spreadsheet) {
        if (!fs_xlsx_cell_check(f, col, col->name, &x.loc, d, v->scratch[c], SCRATCH, &cellf))
            return false;
        f = &cellf;
    }
    if (f) {
        switch (f->type) {
        case FS_V_NULL:
            break;
        case FS_V_TEXT:
            if (!v->src->text_checked && (memchr(f->s, '\0', f->len) || !fs_utf8_valid(f->s, f->len))) {
                fs_diag_add(d, R_VALUE_TEXT_BAD, &x.loc, NULL, "store the value as UTF-8 text",
                            "%s holds invalid UTF-8 or a NUL character", col->name);
                return false;
            }
            x.s = f->s;
            x.n = f->len;
            fs_trim(&x.s, &x.n);
            break;
        case FS_V_INT:
            if (numeric)
                return check_number(&x);
            x.n = (size_t)snprintf(v->scratch[c], SCRATCH, "%" PRId64, f->i);
            x.s = v->scratch[c];
            break;
        case FS_V_REAL:
            if (numeric)
                return check_number(&x);
            /* fall through */
        case FS_V_ERROR: /* a workbook's: judged by fs_xlsx_cell_check */
        case FS_V_BLOB:
            fs_diag_add(d, R_VALUE_TYPE, &x.loc, NULL, "store the value as TEXT",
                        "%s holds a %s, which this column cannot take", col->name,
                        f->type == FS_V_BLOB ? "BLOB" : "REAL number");
            return false;
        }
    }
    if (x.n == 0) {
        if (col->required) {
            fs_diag_add(d, R_VALUE_REQUIRED, &x.loc, NULL, "fill in the value",
                        "%s is required but empty%s", col->name,
                        (size_t)j >= row->nfields ? " (the row ends before this column)" : "");
            return false;
        }
        return true;
    }
    switch (col->type) {
    case FS_CT_COUNTY: return check_county(&x);
    case FS_CT_COUNTY_LIST: return check_county_list(&x);
    case FS_CT_YEAR:
    case FS_CT_INT:
    case FS_CT_MONEY: return check_number(&x);
    case FS_CT_DATE: return check_date(&x);
    case FS_CT_ENUM: return check_enum(&x);
    case FS_CT_ID: return check_id(&x);
    case FS_CT_TEXT: return check_text(&x);
    }
    return false;
}

/* ------------------------------------------------------ cross-field rules */

typedef struct rules_ctx {
    fs_validator *v;
    const fs_row *row;
    fs_record *rec;
    fs_diags *d;
    const bool *ok; /* per column: value valid */
} rules_ctx;

/* Column index by name in the current table, looked up once per table
 * (the rules run for every row). */
static int col(const rules_ctx *r, const char *name)
{
    fs_validator *v = r->v;
    for (int i = 0; i < v->nnames; i++)
        if (v->names[i] == name)
            return v->name_cols[i];
    int c = fs_column_index(r->rec->table, name);
    if (v->nnames < RULE_NAMES_MAX) {
        v->names[v->nnames] = name;
        v->name_cols[v->nnames++] = c;
    }
    return c;
}

/* Value of a column when valid (present or defaulted), else NULL. */
static const fs_value *val(const rules_ctx *r, const char *name)
{
    int c = col(r, name);
    return c >= 0 && r->ok[c] ? &r->rec->v[c] : NULL;
}

static void rule_at(rules_ctx *r, fs_rule rule, const char *colname, const char *hint,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void rule_at(rules_ctx *r, fs_rule rule, const char *colname, const char *hint,
                    const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int c = col(r, colname);
    int j = c >= 0 ? r->v->map[c] : -1;
    fs_loc l = loc_at(r->v, r->row->line, j >= 0 ? j + 1 : 0, colname);
    fs_diag_add(r->d, rule, &l, NULL, hint, "%s", msg);
}

static void money_text(int64_t cents, char *buf, size_t size)
{
    snprintf(buf, size, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
}

/* A list column must not name the reporting county. */
static void no_self(rules_ctx *r, const char *name, fs_rule rule)
{
    const fs_value *list = val(r, name), *county = val(r, "county");
    if (!list || !county || !list->present)
        return;
    if ((fs_county_set)list->i & ((fs_county_set)1 << county->i))
        rule_at(r, rule, name, "list only the other member counties",
                "%s names the reporting county %s itself", name, county->s);
}

static void rules_incidents(rules_ctx *r)
{
    const fs_value *loss = val(r, "loss_yuan"), *rec = val(r, "recovered_yuan");
    char a[40], b[40];
    if (loss && rec && rec->i > loss->i) {
        money_text(rec->i, a, sizeof a);
        money_text(loss->i, b, sizeof b);
        rule_at(r, R_INC_RECOVERED_GT_LOSS, "recovered_yuan", "check both amounts",
                "recovered_yuan %s is more than loss_yuan %s", a, b);
    }
    const fs_value *sus = val(r, "suspects"), *arr = val(r, "arrested");
    if (sus && arr && arr->i > sus->i) {
        snprintf(a, sizeof a, "%" PRId64, arr->i);
        snprintf(b, sizeof b, "%" PRId64, sus->i);
        rule_at(r, R_INC_ARRESTED_GT_SUSPECTS, "arrested", "check both numbers",
                "arrested %s is more than suspects %s", a, b);
    }
    const fs_value *status = val(r, "status"), *solved = val(r, "date_solved"),
                   *reported = val(r, "date_reported");
    if (status && solved) {
        bool open = strcmp(status->s, "open") == 0;
        if (!open && !solved->present)
            rule_at(r, R_INC_SOLVED_NO_DATE, "date_solved", "give the date the case was solved",
                    "the case is %s but date_solved is empty", status->s);
        if (open && solved->present)
            rule_at(r, R_INC_OPEN_WITH_DATE, "date_solved",
                    "set status to solved or closed, or clear date_solved",
                    "the case is open but has date_solved %s", solved->s);
    }
    if (solved && reported && solved->present && reported->present && solved->i < reported->i)
        rule_at(r, R_INC_SOLVED_BEFORE, "date_solved", "check both dates",
                "date_solved %s is before date_reported %s", solved->s, reported->s);
    const fs_value *xref = val(r, "cross_ref"), *inv = val(r, "counties_involved");
    if (xref && inv) {
        char ref[120];
        if (xref->present && !inv->present)
            rule_at(r, R_INC_CROSS_NO_COUNTIES, "counties_involved",
                    "list the other member counties of the case",
                    "cross_ref %s is set but counties_involved is empty",
                    fs_diag_echo(xref->s, xref->len, ref, sizeof ref));
        if (!xref->present && inv->present)
            rule_at(r, R_INC_COUNTIES_NO_CROSS, "cross_ref",
                    "give the zone-wide cross_ref of the case, or clear counties_involved",
                    "counties_involved %s is set but cross_ref is empty", inv->s);
    }
    no_self(r, "counties_involved", R_LIST_SELF);
    no_self(r, "assisted_by", R_LIST_SELF);
}

static void rules_disputes(rules_ctx *r)
{
    const fs_value *recv = val(r, "date_received"), *closed = val(r, "date_closed"),
                   *outcome = val(r, "outcome");
    if (recv && closed && recv->present && closed->present && closed->i < recv->i)
        rule_at(r, R_DIS_CLOSED_BEFORE, "date_closed", "check both dates",
                "date_closed %s is before date_received %s", closed->s, recv->s);
    if (outcome && closed && closed->present && strcmp(outcome->s, "pending") == 0)
        rule_at(r, R_DIS_CLOSED_PENDING, "date_closed",
                "clear date_closed or give the final outcome",
                "the dispute is pending but has date_closed %s", closed->s);
    const fs_value *jref = val(r, "joint_ref"), *cp = val(r, "counterpart");
    char ref[120];
    if (jref && cp && jref->present && !cp->present)
        rule_at(r, R_DIS_JOINT_NO_COUNTERPART, "counterpart",
                "name the member counties of the other parties",
                "joint_ref %s is set but counterpart is empty", fs_diag_echo(jref->s, jref->len, ref, sizeof ref));
    no_self(r, "counterpart", R_DIS_COUNTERPART_SELF);
}

static void rules_cooperation(rules_ctx *r)
{
    no_self(r, "partners", R_LIST_SELF);
    const fs_value *lead = val(r, "lead"), *partners = val(r, "partners"),
                   *county = val(r, "county");
    if (lead && partners && county && lead->present && lead->i != county->i &&
        !((fs_county_set)partners->i & ((fs_county_set)1 << lead->i)))
        rule_at(r, R_COOP_LEAD, "lead", "leave lead empty (the reporter) or name one of the partners",
                "lead %s is neither the reporting county nor one of the partners", lead->s);
}

static void rules_indicators(rules_ctx *r)
{
    const fs_value *ind = val(r, "indicator"), *value = val(r, "value");
    if (ind && value && strcmp(ind->s, "population") == 0 && value->i < 10000 * 100)
        rule_at(r, R_IND_POPULATION_SMALL, "value",
                "give the population in persons, not in 万人 (ten thousands)",
                "population is under 10 000");
}

/* ------------------------------------------------------------------ rows */

static bool is_totals(const char *s, size_t n)
{
    return fs_eq(s, n, "合计") || fs_eq(s, n, "总计") || fs_eq(s, n, "小计") ||
           fs_eq_nocase(s, n, "total");
}

fs_row_kind fs_validator_row(fs_validator *v, const fs_row *row, fs_record *rec, fs_diags *d)
{
    if (v->stopped)
        return FS_ROW_STOP;
    bool blank = true;
    size_t first = 0;
    for (size_t j = 0; j < row->nfields; j++)
        if (!field_blank(&row->fields[j])) {
            if (blank)
                first = j;
            blank = false;
        }
    if (v->table < 0) {
        if (take_header(v, row, d))
            return FS_ROW_HEADER;
        fs_loc l = loc_at(v, row->line, 0, NULL);
        if (++v->preamble > MAX_PREAMBLE) {
            fs_diag_add(d, R_HEADER_MISSING, &l, NULL,
                        "the header row must name the columns of one table (e.g. case_id, county, date_reported ... or 案件编号, 县区代码, 立案日期 ...)",
                        "no header row found: none of the first %d rows names a column of indicators, incidents, disputes or cooperation",
                        MAX_PREAMBLE + 1);
            v->stopped = true;
            return FS_ROW_STOP;
        }
        fs_diag_add(d, R_HEADER_PREAMBLE, &l, NULL, NULL,
                    "row above the header skipped (title or blank row)");
        return FS_ROW_HEADER;
    }
    fs_loc l = loc_at(v, row->line, 0, NULL);
    if (blank) {
        fs_diag_add(d, R_ROW_BLANK, &l, NULL, NULL, "empty row skipped");
        return FS_ROW_SKIPPED;
    }
    const fs_field *f0 = &row->fields[first];
    if (f0->type == FS_V_TEXT) {
        const char *s = f0->s;
        size_t n = f0->len;
        fs_trim(&s, &n);
        if (is_totals(s, n)) {
            l.column = (int)first + 1;
            fs_diag_add(d, R_ROW_TOTALS, &l, NULL, "delete the totals row: forumstat adds up the records itself",
                        "this is a totals row");
            v->rejected++;
            return FS_ROW_REJECTED;
        }
    }
    size_t errors_before = d->errors;
    /* A column with an empty header cell is a column the table does not
     * have: its values are ignored, with a warning the first time.  A
     * value beyond the header's last field is a row out of shape (often
     * an unquoted comma): an error. */
    for (size_t j = 0; v->any_unnamed && j < row->nfields && j < v->nheader; j++)
        if (v->unnamed[j] && !v->unnamed_told[j] && !field_blank(&row->fields[j])) {
            v->unnamed_told[j] = true;
            fs_loc u = loc_at(v, row->line, (int)j + 1, NULL);
            fs_diag_add(d, R_COLUMN_UNNAMED, &u, NULL,
                        "give the column a name in the header, or delete it",
                        "column %zu has no name in the header: its values are ignored", j + 1);
        }
    for (size_t j = v->nheader; j < row->nfields; j++)
        if (!field_blank(&row->fields[j])) {
            l.column = (int)j + 1;
            fs_diag_add(d, R_ROW_EXTRA_FIELDS, &l, NULL,
                        "remove the value, or add a name for its column to the header",
                        "value in column %zu, beyond the last column of the header", j + 1);
            break;
        }
    const fs_table_def *td = &fs_tables[v->table];
    bool ok[FS_MAX_COLUMNS] = {false};
    rec->table = (fs_table)v->table;
    rec->line = row->line;
    rec->year = 0;
    for (size_t c = 0; c < td->ncolumns; c++)
        ok[c] = check_column(v, row, rec, (int)c, d);
    const fs_value *year = &rec->v[td->year_col];
    if (ok[td->year_col] && td->columns[td->year_col].type == FS_CT_YEAR)
        rec->year = (int)year->i;
    rec->county = ok[td->county_col] ? (int)rec->v[td->county_col].i : -1;
    rules_ctx r = {v, row, rec, d, ok};
    switch (v->table) {
    case FS_T_INCIDENTS: rules_incidents(&r); break;
    case FS_T_DISPUTES: rules_disputes(&r); break;
    case FS_T_COOPERATION: rules_cooperation(&r); break;
    case FS_T_INDICATORS: rules_indicators(&r); break;
    }
    /* A row of a file whose header lacks a required column is no record:
     * the column's value would be missing (reported once, on the header). */
    if (d->errors > errors_before || rec->county < 0 || rec->year == 0 || v->missing_required) {
        v->rejected++;
        return FS_ROW_REJECTED;
    }
    v->records++;
    return FS_ROW_RECORD;
}

int fs_validator_column(const fs_validator *v, int c)
{
    return c >= 0 && c < FS_MAX_COLUMNS && v->map[c] >= 0 ? v->map[c] + 1 : 0;
}

long fs_validator_finish(fs_validator *v, fs_diags *d)
{
    fs_loc l = loc_at(v, 0, 0, NULL);
    if (v->table < 0 && !v->stopped) {
        if (v->preamble == 0) {
            fs_diag_add(d, R_FILE_EMPTY, &l, NULL, "export the table again with its header row",
                        "the file holds no rows");
        } else {
            fs_diag_add(d, R_HEADER_MISSING, &l, NULL,
                        "the header row must name the columns of one table",
                        "no header row found");
        }
    } else if (v->table >= 0 && v->records == 0 && v->rejected == 0) {
        l.line = v->header_line;
        fs_diag_add(d, R_FILE_NO_RECORDS, &l, NULL, NULL, "the %s table holds a header but no records",
                    fs_tables[v->table].name);
    }
    return v->records;
}
