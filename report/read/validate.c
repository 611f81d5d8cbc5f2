/*
 * validate.c — header recognition and row validation (see validate.h).
 *
 * The header: each cell's name is split from its unit (brackets, 【】 or
 * "/unit"; 万 is an error), matched to the columns by English name or
 * Chinese alias, and a name that is not a column is either a near miss of
 * a column the header lacks (an error naming it: English two letters off,
 * Chinese one character off the alias or 时间 for 日期) or ignored with a
 * warning, which names the optional columns the file lacks once the column
 * shows it holds values.  A missing required column is one error there.
 * Messages name each column as the header wrote it with the standard name
 * in brackets ("案件类别 (category)").
 *
 * Order of work for a row: blank rows, signature lines below the records
 * (skipped; an error when a record follows) and totals rows, fields
 * beyond the header (an unquoted comma, unless every record has the same
 * empty ones), then each standard column through its type's checker
 * (parse.c does the forms), then the cross-field rules of its table; a
 * rule needing a column the header lacks is said once for the file.
 * Every problem becomes one diagnostic naming the column and saying what
 * to do; nothing stops at the first.  Standard v2 §2.1, §2.3.
 */
#include "validate.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "parse.h"
#include "template.h"
#include "text.h"
#include "xlsx_source.h"

#define MAX_PREAMBLE 5
#define MAX_ID_CHARS 64
#define MAX_TEXT_CHARS 2000
#define SCRATCH 640
#define FS_CSV_HEADER_MAX 256
#define RULE_NAMES_MAX 64 /* slots of the rules' column-lookup cache    */
#define DISP_MAX 300      /* "header (name)" of a column                 */
#define HNAME_MAX 128     /* a header name as kept                        */
#define EXTRA_PENDING 64  /* records with extra empty fields remembered  */
#define MAX_FOOTER 5      /* signature lines skipped below the records   */

struct fs_validator {
    const fs_zone *zone;
    const fs_source *src;
    int forced;
    int table;    /* -1 until the header is known            */
    int preamble; /* title rows skipped so far               */
    long header_line;
    int map[FS_MAX_COLUMNS];              /* file column of each standard column     */
    size_t nheader;                       /* fields in the header row                */
    bool any_unnamed;                     /* some header field is empty              */
    bool unnamed[FS_CSV_HEADER_MAX];      /* header field j is empty      */
    bool unnamed_told[FS_CSV_HEADER_MAX]; /* its values were warned about */
    long records, rejected;
    bool stopped;
    bool after_header;     /* the first row under the header was looked at */
    bool missing_required; /* the header lacks a required column      */
    bool identity;         /* the last row's identity is valid (fs_validator_identity) */
    /* how messages name the columns: "案件类别 (category)" as the header
     * wrote it, the standard name alone when the two agree, for absent
     * columns the alias and name when the header is Chinese */
    char disp[FS_MAX_COLUMNS][DISP_MAX];
    /* bytes of disp[c] before its " (standard name)": the column as the
     * file names it (its alias when absent); 0 when disp[c] is that name
     * whole (fs_loc.colname_own) */
    unsigned short disp_own[FS_MAX_COLUMNS];
    bool near_missed[FS_MAX_COLUMNS]; /* a header name misspells it     */
    /* header names (without units), for the columns the table lacks */
    char hnames[FS_CSV_HEADER_MAX][HNAME_MAX];
    bool watch[FS_CSV_HEADER_MAX]; /* unknown while an optional
                                      column is absent: warned when
                                      it holds a value             */
    bool watch_told[FS_CSV_HEADER_MAX];
    /* extra fields (standard §2.1, v2): uniform trailing empty fields are
     * Excel's; anything else shifted the columns */
    long extra_base;                   /* extra fields of the first record, -1    */
    bool extra_mixed;                  /* records differ: every extra is an error */
    long extra_pending[EXTRA_PENDING]; /* records with empty extras not yet
                                          judged                          */
    size_t npending;
    long pending_more;    /* beyond extra_pending                    */
    size_t pending_extra; /* their number of extra fields            */
    /* signature lines seen since the last record (at most MAX_FOOTER) */
    long footer_lines[MAX_FOOTER];
    int footer_cols[MAX_FOOTER];
    int nfooter;
    bool absent_told[FS_RULE_COUNT]; /* a row rule on an absent column   */
    char scratch[FS_MAX_COLUMNS][SCRATCH];
    /* cache of the rules' column lookups, keyed by the name literal's
     * address (open addressing: the rules run for every row) */
    const char *names[RULE_NAMES_MAX];
    int name_cols[RULE_NAMES_MAX];
    /* a copy reading a second half (fs_validator_clone): the warnings and
     * errors said once per file that it said, to be taken back when the
     * first half said them already (fs_validator_join) */
    bool log_once;
    struct once {
        unsigned char kind; /* ONCE_UNNAMED, ONCE_WATCH, ONCE_ABSENT */
        int key;            /* the header field or the rule          */
        size_t idx;         /* its index in the list, SIZE_MAX: not
                               stored (past the list's cap)          */
        fs_severity sev;
    } once[2 * FS_CSV_HEADER_MAX + FS_RULE_COUNT];
    size_t nonce;
};

enum { ONCE_UNNAMED, ONCE_WATCH, ONCE_ABSENT };

/* Note a once-per-file diagnostic just added to d (count `before` items
 * before it). */
static void once_said(fs_validator *v, int kind, int key, const fs_diags *d, size_t before,
                      fs_severity sev)
{
    if (!v->log_once || v->nonce == sizeof v->once / sizeof *v->once)
        return;
    v->once[v->nonce++] =
        (struct once){(unsigned char)kind, key, d->count > before ? before : SIZE_MAX, sev};
}

fs_validator *fs_validator_new(const fs_zone *zone, const fs_source *src, int forced_table)
{
    /* on cache lines of its own, as fs_validator_clone's */
    size_t size = (sizeof(fs_validator) + 63) / 64 * 64;
    fs_validator *v = aligned_alloc(64, size);
    if (!v)
        return NULL;
    memset(v, 0, size);
    v->zone = zone;
    v->src = src;
    v->forced = forced_table;
    v->table = -1;
    v->extra_base = -1;
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
    fs_loc l = {v->src->loc_kind, v->src->file, v->src->table, line, column, colname, 0};
    return l;
}

/* loc_at naming standard column c as the messages name it. */
static fs_loc loc_named(const fs_validator *v, long line, int column, int c)
{
    fs_loc l = loc_at(v, line, column, v->disp[c]);
    l.colname_own = v->disp_own[c];
    return l;
}

/* The location of standard column c (-1: none) at a line, named as the
 * messages name it. */
static fs_loc loc_col(const fs_validator *v, long line, int c)
{
    if (c < 0)
        return loc_at(v, line, 0, NULL);
    int j = v->map[c];
    return loc_named(v, line, j >= 0 ? j + 1 : 0, c);
}

/* ---------------------------------------------------------------- header */

/* Normalise a header cell: trim, drop a BOM, split off a unit (brackets
 * or "/unit", fs_header_split).  Writes the name into out; sets *wan when
 * the unit contains 万. */
static size_t header_name(const char *s, size_t n, char *out, size_t size, bool *wan)
{
    const char *name, *unit;
    size_t nl, ul;
    *wan = fs_header_split(s, n, &name, &nl, &unit, &ul) && memmem(unit, ul, "万", strlen("万"));
    if (nl >= size)
        nl = size - 1;
    memcpy(out, name, nl);
    out[nl] = '\0';
    return nl;
}

static int column_for_name(fs_table t, const char *name, size_t n)
{
    const fs_table_def *td = &fs_tables[t];
    for (size_t c = 0; c < td->ncolumns; c++)
        if (fs_eq_nocase(name, n, td->columns[c].name) || fs_eq(name, n, td->columns[c].alias))
            return (int)c;
    return -1;
}

/* fs_trim, with its common case (nothing to trim: the first byte cannot
 * start a space, the last cannot end one) decided here without a call:
 * every field of every row goes through it. */
static inline void trim(const char **s, size_t *n)
{
    if (*n > 0) {
        unsigned char a = (unsigned char)(*s)[0], z = (unsigned char)(*s)[*n - 1];
        if (a > ' ' && a != 0xC2 && a != 0xE3 && z > ' ' && z != 0xA0 && z != 0x80)
            return;
    }
    fs_trim(s, n);
}

static bool field_blank(const fs_field *f)
{
    if (f->type == FS_V_NULL)
        return true;
    if (f->type != FS_V_TEXT)
        return false;
    /* a first byte that cannot start a space: not blank */
    if (f->len && (unsigned char)f->s[0] > ' ' && (unsigned char)f->s[0] != 0xC2 &&
        (unsigned char)f->s[0] != 0xE3)
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

/* A column the header lacks, as messages name it: "挽损金额 (recovered_yuan)"
 * when the header is mostly Chinese, else the standard name. */
static void absent_name(const fs_column *col, bool zh, char *buf, size_t size)
{
    if (zh)
        snprintf(buf, size, "%s (%s)", col->alias, col->name);
    else
        snprintf(buf, size, "%s", col->name);
}

/* Whether an unknown header name looks related to a column: two Chinese
 * characters in common, or four ASCII characters in a row in common. */
static bool related(const char *name, size_t n, const fs_column *col)
{
    int common = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fs_utf8_decode(name + i, n - i, &cp);
        if (!k)
            return false;
        if (cp >= 0x80 && memmem(col->alias, strlen(col->alias), name + i, k))
            common++;
        i += k;
    }
    if (common >= 2)
        return true;
    const char *cn = col->name;
    size_t cl = strlen(cn);
    for (size_t i = 0; i + 4 <= n; i++) {
        bool ascii = true;
        for (size_t m = 0; m < 4; m++)
            ascii &= (unsigned char)name[i + m] < 0x80;
        if (!ascii)
            continue;
        for (size_t j = 0; j + 4 <= cl; j++) {
            size_t m = 0;
            while (m < 4 && (name[i + m] | 0x20) == (cn[j + m] | 0x20))
                m++;
            if (m == 4)
                return true;
        }
    }
    return false;
}

/* The optional columns the header lacks, as a list for a message: those
 * related to the unknown name `name` when there are any, else all. */
static void absent_optional(const fs_validator *v, const char *name, size_t n, char *buf,
                            size_t size)
{
    const fs_table_def *td = &fs_tables[v->table];
    size_t o = 0;
    buf[0] = '\0';
    for (int pass = 0; pass < 2 && o == 0; pass++)
        for (size_t c = 0; c < td->ncolumns; c++) {
            const fs_column *col = &td->columns[c];
            if (col->required || v->map[c] >= 0 || v->near_missed[c])
                continue;
            if (pass == 0 && !related(name, n, col))
                continue;
            int k = snprintf(buf + o, size - o, "%s%s", o ? ", " : "", v->disp[c]);
            if (k < 0 || (size_t)k >= size - o) {
                buf[o] = '\0';
                return;
            }
            o += (size_t)k;
        }
}

/* Recognise the header in `row`; returns false when the row names no
 * column of any table (a title row). */
static bool take_header(fs_validator *v, const fs_row *row, fs_diags *d)
{
    char tl[FS_TABLE_LABEL_MAX];
    char(*names)[HNAME_MAX] = v->hnames;
    bool wan[FS_CSV_HEADER_MAX];
    size_t lens[FS_CSV_HEADER_MAX];
    size_t n = row->nfields < FS_CSV_HEADER_MAX ? row->nfields : FS_CSV_HEADER_MAX;
    for (size_t j = 0; j < n; j++) {
        const fs_field *f = &row->fields[j];
        lens[j] =
            f->type == FS_V_TEXT ? header_name(f->s, f->len, names[j], HNAME_MAX, &wan[j]) : 0;
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
    char shown[HNAME_MAX + 8]; /* a header name as echoed */
    v->nheader = n;
    const fs_table_def *td = &fs_tables[best];

    /* First the names that are columns: the map, and how messages name
     * each column (the header's own name, the standard one in brackets). */
    int zh_names = 0, en_names = 0;
    for (size_t j = 0; j < n; j++) {
        int c = lens[j] ? column_for_name((fs_table)best, names[j], lens[j]) : -1;
        if (c < 0 || v->map[c] >= 0)
            continue;
        v->map[c] = (int)j;
        if (fs_eq_nocase(names[j], lens[j], td->columns[c].name)) {
            en_names++;
            snprintf(v->disp[c], DISP_MAX, "%s", td->columns[c].name);
            v->disp_own[c] = 0;
        } else {
            zh_names++;
            fs_diag_echo(names[j], lens[j], shown, sizeof shown);
            snprintf(v->disp[c], DISP_MAX, "%s (%s)", shown, td->columns[c].name);
            v->disp_own[c] = (unsigned short)strnlen(shown, DISP_MAX - 1);
        }
    }
    bool zh = zh_names > en_names;
    for (size_t c = 0; c < td->ncolumns; c++)
        if (v->map[c] < 0) {
            absent_name(&td->columns[c], zh, v->disp[c], DISP_MAX);
            v->disp_own[c] = zh ? (unsigned short)strnlen(td->columns[c].alias, DISP_MAX - 1) : 0;
        }

    bool any_absent_optional = false;
    for (size_t c = 0; c < td->ncolumns; c++)
        any_absent_optional |= !td->columns[c].required && v->map[c] < 0;

    for (size_t j = 0; j < n; j++) {
        if (!lens[j]) {
            v->unnamed[j] = v->any_unnamed = true;
            continue;
        }
        fs_diag_echo(names[j], lens[j], shown, sizeof shown);
        fs_loc l = loc_at(v, row->line, (int)j + 1, NULL);
        int c = column_for_name((fs_table)best, names[j], lens[j]);
        if (c >= 0) {
            l = loc_named(v, row->line, (int)j + 1, c);
            if (v->map[c] != (int)j) {
                fs_diag_add(d, R_HEADER_DUPLICATE, &l, shown,
                            "keep one of the two columns and delete the other",
                            "column %s appears twice (columns %d and %zu)", v->disp[c],
                            v->map[c] + 1, j + 1);
                continue;
            }
            if (wan[j])
                fs_diag_add(d, R_HEADER_UNIT_WAN, &l, shown,
                            "convert the values to 元 or persons and remove 万 from the header",
                            "column %s is given in units of 万 (ten thousand)", v->disp[c]);
            continue;
        }
        /* Not a column of this table: a misspelt name of a column the
         * header lacks?  English: two letters off; Chinese: one character
         * off the alias, or 时间 for 日期. */
        int near = -1;
        char form[HNAME_MAX];
        bool ascii = near_miss_form(names[j], lens[j], form, sizeof form);
        for (size_t k = 0; k < td->ncolumns && near < 0; k++) {
            if (v->map[k] >= 0 || v->near_missed[k])
                continue;
            const char *cn = td->columns[k].name;
            size_t cl = strlen(cn);
            if (ascii ? lens[j] >= 5 && cl >= 5 && fs_edit_distance(form, lens[j], cn, cl, 2) <= 2
                      : fs_header_near_alias(names[j], lens[j], td->columns[k].alias))
                near = (int)k;
        }
        if (near >= 0) {
            v->near_missed[near] = true;
            l = loc_named(v, row->line, (int)j + 1, near);
            if (ascii)
                fs_diag_add(d, R_HEADER_NEAR_MISS, &l, shown,
                            "rename the column to its standard name",
                            "header '%s' looks like a misspelling of the column %s, which this "
                            "file lacks: its values would be lost",
                            shown, v->disp[near]);
            else
                fs_diag_add(d, R_HEADER_NEAR_MISS, &l, shown,
                            "rename the column to its standard Chinese name",
                            "header '%s' looks like a misspelling of the column %s, which this "
                            "file lacks: its values would be lost",
                            shown, v->disp[near]);
        } else if (any_absent_optional) {
            v->watch[j] = true; /* warned once, when it holds a value */
        } else {
            fs_diag_add(d, R_HEADER_UNKNOWN, &l, shown, NULL,
                        "column '%s' is not part of the %s table and is ignored", shown,
                        fs_table_label((fs_table)best, tl, sizeof tl));
        }
    }
    for (size_t c = 0; c < td->ncolumns; c++)
        if (td->columns[c].required && v->map[c] < 0) {
            v->missing_required = true;
            if (v->near_missed[c])
                continue; /* the near miss said it, at its column */
            fs_loc l = loc_named(v, row->line, 0, (int)c);
            fs_diag_add(d, R_HEADER_REQUIRED, &l, NULL,
                        v->src->loc_kind == FS_LOC_ROWID
                            ? N_("add the column to the table (ALTER TABLE ... ADD COLUMN), "
                                 "under its Chinese or its English name, and fill it in")
                            : N_("add the column to the header, under its Chinese or its English "
                                 "name"),
                        "the %s table needs a column %s; no record of this file can be read "
                        "without it (one error for the whole file)",
                        fs_table_label((fs_table)best, tl, sizeof tl), v->disp[c]);
        }
    return true;
}

/* An unknown column the header kept an eye on holds a value (row j):
 * warn once, naming the optional columns the file lacks. */
static void watched_value(fs_validator *v, size_t j, fs_diags *d)
{
    v->watch_told[j] = true;
    size_t before = d->count;
    char shown[HNAME_MAX + 8], absent[700], tl[FS_TABLE_LABEL_MAX];
    size_t len = strlen(v->hnames[j]);
    fs_diag_echo(v->hnames[j], len, shown, sizeof shown);
    absent_optional(v, v->hnames[j], len, absent, sizeof absent);
    fs_loc l = loc_at(v, v->header_line, (int)j + 1, NULL);
    fs_diag_add(d, R_HEADER_UNKNOWN, &l, shown,
                "if the column holds one of those, rename it to that column's name; otherwise "
                "nothing is lost",
                "column '%s' holds values but is not part of the %s table, so they are ignored; "
                "columns this file lacks: %s",
                shown, fs_table_label((fs_table)v->table, tl, sizeof tl), absent);
    once_said(v, ONCE_WATCH, (int)j, d, before, fs_rule_severity(R_HEADER_UNKNOWN));
}

/* ------------------------------------------------------------ values */

typedef struct cell {
    fs_validator *v;
    fs_record *rec;
    const fs_row *row;
    fs_diags *d;
    const fs_column *col;
    int c; /* standard column index */
    fs_loc loc;
    const char *s; /* trimmed text view     */
    size_t n;
    char real[48]; /* a REAL's decimal form, when s points here */
} cell;

/* What is wrong with the cell's value: the column, the value echoed, then
 * `fmt` (an English literal, translated here; xgettext finds it through
 * the cell_error:4 keyword of po/update).  The hint is translated by
 * fs_diag_add. */
static void cell_error(cell *x, fs_rule rule, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void cell_error(cell *x, fs_rule rule, const char *hint, const char *fmt, ...)
{
    const fs_field *f = x->loc.column > 0 && (size_t)x->loc.column <= x->row->nfields
                            ? &x->row->fields[x->loc.column - 1]
                            : NULL;
    if (f && f->type == FS_V_INT) { /* quoted as the cell holds it, written only here */
        snprintf(x->real, sizeof x->real, "%" PRId64, f->i);
        x->s = x->real;
        x->n = strlen(x->real);
    }
    char buf[120], what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fs_tr(fmt), ap);
    va_end(ap);
    fs_diag_echo(x->s, x->n, buf, sizeof buf);
    fs_diag_add(x->d, rule, &x->loc, buf, hint, "%s: '%s' %s", x->v->disp[x->c], buf, what);
}

/* Marked here, translated by fs_diag_add where it is used. */
static const char *const too_large_hint =
    N_("check the value: no figure of the standard has more than 15 digits (money in yuan, "
       "not in fen or 万)");
static const char *const date_hint =
    N_("write the date as 2024-05-20 (2024/5/20, 2024.5.20, 2024年5月20日 and 20240520 work too)");

static bool check_int(cell *x, int64_t val)
{
    fs_value *out = &x->rec->v[x->c];
    if (x->col->type == FS_CT_YEAR && (val < 2000 || val > 2100)) {
        cell_error(x, R_VALUE_YEAR_RANGE, "give the four-digit year, e.g. 2024",
                   "is not a year between 2000 and 2100");
        return false;
    }
    if (val < x->col->min) {
        cell_error(x, R_VALUE_RANGE, NULL, "is below the smallest allowed value %lld",
                   (long long)x->col->min);
        return false;
    }
    out->present = true;
    out->i = val;
    return true;
}

/* Is this text, not a number, a date of the calendar, of any year from
 * 1900 (a number under a date format shows 1903/5/18)? */
static bool looks_like_date(const char *s, size_t n)
{
    fs_date dt;
    fs_parse_result pr = fs_parse_date(s, n, &dt);
    if (pr == FS_PARSE_OK)
        return true;
    if (pr != FS_PARSE_YEAR_RANGE || n < 4)
        return false;
    /* outside 2000-2100: the same text with the year 2000 */
    char again[64];
    if (n >= sizeof again || s[0] != '1' || s[1] != '9')
        return false;
    snprintf(again, sizeof again, "2000%.*s", (int)(n - 4), s + 4);
    return fs_parse_date(again, n, &dt) == FS_PARSE_OK;
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
            cell_error(x, R_VALUE_RANGE, too_large_hint, "is too large (at most 15 digits)");
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
                cell_error(x, R_VALUE_RANGE, too_large_hint, "is too large (at most 15 digits)");
                return false;
            }
            snprintf(x->real, sizeof x->real, "%.15g", f->r);
            if (strchr(x->real, 'e')) /* tiny: 1e-07 */
                snprintf(x->real, sizeof x->real, "%.6f", f->r);
            x->s = x->real;
            x->n = strlen(x->real);
        }
        fs_parse_result pr =
            money ? fs_parse_cents(x->s, x->n, &val) : fs_parse_int(x->s, x->n, &val);
        switch (pr) {
        case FS_PARSE_OK: break;
        case FS_PARSE_SCIENTIFIC:
            cell_error(x, R_VALUE_SCIENTIFIC,
                       "format the column as Number (not General) in Excel and save again",
                       "is in scientific notation: Excel shortened the number");
            return false;
        case FS_PARSE_DECIMALS:
            cell_error(x, R_VALUE_DECIMALS, "round to two decimals (fen)",
                       "has more than two significant decimals");
            return false;
        case FS_PARSE_NOT_INTEGRAL:
            cell_error(x, R_VALUE_INTEGER, "give a whole number", "is not a whole number");
            return false;
        case FS_PARSE_TOO_LARGE:
            cell_error(x, R_VALUE_RANGE, too_large_hint, "is too large (at most 15 digits)");
            return false;
        default:
            /* a CSV file's: Excel showed and saved the number as a date (a
             * workbook's number cell says so itself: xlsx.date_format) */
            if (x->col->type != FS_CT_YEAR && !x->v->src->spreadsheet &&
                looks_like_date(x->s, x->n))
                cell_error(x, money ? R_VALUE_NUMBER : R_VALUE_INTEGER,
                           "the column is formatted as a date in Excel or WPS: format it as a "
                           "number (select the column, Format Cells > Number), check its values "
                           "and save again",
                           "is a date where a number belongs");
            else if (x->col->type == FS_CT_YEAR)
                cell_error(x, R_VALUE_INTEGER, "write the year as its four digits alone, e.g. 2024",
                           "is not a year");
            else if (money)
                cell_error(x, R_VALUE_NUMBER,
                           "write a plain number such as 2300.50 (no units or text)",
                           "is not a number");
            else
                cell_error(x, R_VALUE_INTEGER, "write a whole number such as 12 (no units or text)",
                           "is not a whole number");
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
        cell_error(x, R_VALUE_DATE_INVALID, "check the month and day",
                   "is not a real calendar date");
        return false;
    case FS_PARSE_DATE_SERIAL:
        /* a database stores what its program wrote: no Excel to format */
        cell_error(x, R_VALUE_DATE_SERIAL,
                   x->loc.kind == FS_LOC_ROWID
                       ? N_("store the date as text, 2024-05-20 (a number of days such as 45356 "
                            "is how Excel counts dates)")
                       : N_("format the column as Date (yyyy-mm-dd) in Excel and save again"),
                   "is an Excel date serial number, not a date");
        return false;
    case FS_PARSE_YEAR_RANGE:
        cell_error(x, R_VALUE_YEAR_RANGE, "check the year", "has a year outside 2000-2100");
        return false;
    default: cell_error(x, R_VALUE_DATE, date_hint, "is not a date"); return false;
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

/* The allowed codes with their names: Chinese names under --lang zh; in
 * English the ICCS sections by their English names, the other codes by
 * the Chinese names clerks write. */
static void allowed_list(const fs_column *col, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < col->nvalues && o + 1 < size; i++) {
        int k =
            snprintf(buf + o, size - o, "%s%s (%s)", i ? ", " : "", col->values[i].code,
                     fs_i18n_zh() || (col->type == FS_CT_ENUM && strcmp(col->name, "category") != 0)
                         ? col->values[i].zh
                         : col->values[i].en);
        if (k < 0 || (size_t)k >= size - o)
            break;
        o += (size_t)k;
    }
}

/* Codes are forgiving where typing mangles them (standard §2.1): a code
 * typed with the input method's full-width forms (county ３４１３２１,
 * category ０５) is read as its ASCII form, as numbers are.  The value is
 * looked up as written first, then folded (fs_fold_fullwidth) when it holds
 * full-width forms; -1 when neither form is known. */
#define FOLD_MAX 96
static bool has_fullwidth(const char *s, size_t n)
{
    return n <= FOLD_MAX && memchr(s, 0xEF, n) != NULL;
}

/* s's ASCII form (full-width forms folded, trimmed) in buf, its length in
 * *m; NULL when s holds no full-width form (or is too long to be a code). */
static const char *folded(const char *s, size_t n, char buf[FOLD_MAX + 1], size_t *m)
{
    if (!has_fullwidth(s, n))
        return NULL;
    const char *f = buf;
    *m = fs_fold_fullwidth(s, n, buf);
    fs_trim(&f, m);
    return f;
}

static int enum_find(const fs_column *col, const char *s, size_t n)
{
    int k = fs_enum_find(col, s, n);
    char buf[FOLD_MAX + 1];
    size_t m;
    const char *f = k < 0 ? folded(s, n, buf, &m) : NULL;
    return f ? fs_enum_find(col, f, m) : k;
}

static int zone_find(const fs_zone *zone, const char *s, size_t n)
{
    int k = fs_zone_find(zone, s, n);
    char buf[FOLD_MAX + 1];
    size_t m;
    const char *f = k < 0 ? folded(s, n, buf, &m) : NULL;
    return f ? fs_zone_find(zone, f, m) : k;
}

static bool check_enum(cell *x)
{
    int k = enum_find(x->col, x->s, x->n);
    if (k < 0) {
        char hint[900], allowed[800];
        allowed_list(x->col, allowed, sizeof allowed);
        const char *sug = fs_enum_suggest(x->col, x->s, x->n);
        if (sug)
            snprintf(hint, sizeof hint, _("did you mean '%s'? allowed: %s"), sug, allowed);
        else
            snprintf(hint, sizeof hint, _("allowed: %s"), allowed);
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
        snprintf(hint, sizeof hint,
                 _("did you mean '%s'? write the six-digit county code or the county's name"), sug);
    else
        snprintf(hint, sizeof hint,
                 _("write the six-digit code or the name of a member county (e.g. %s %s)"),
                 x->v->zone->counties[0].code, x->v->zone->counties[0].name_zh);
    fs_diag_echo(s, n, buf, sizeof buf);
    fs_diag_add(x->d, R_VALUE_COUNTY, &x->loc, buf, hint,
                "%s: '%s' is not a member county of the zone", x->v->disp[x->c], buf);
}

static bool check_county(cell *x)
{
    int k = zone_find(x->v->zone, x->s, x->n);
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
            int k = zone_find(x->v->zone, item, len);
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
    /* The number itself is never echoed. */
    if (fs_has_id_number(x->s, x->n)) {
        fs_diag_add(x->d, R_PRIVACY_ID_NUMBER, &x->loc, NULL,
                    "an identifier must not be an identity number: use the county's own case, "
                    "dispute or activity number",
                    "%s holds a resident identity number", x->v->disp[x->c]);
        return false;
    }
    if (fs_utf8_count(x->s, x->n) > MAX_ID_CHARS) {
        cell_error(x, R_VALUE_ID_LENGTH, "shorten the identifier to 64 characters",
                   "is longer than 64 characters");
        return false;
    }
    if (fs_is_scientific(x->s, x->n)) {
        cell_error(x, R_VALUE_ID_SCIENTIFIC,
                   "Excel mangled the identifier: format the column as Text, type the identifiers "
                   "again and save",
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
                    "%s: the text has %zu characters, more than 2000", x->v->disp[x->c],
                    fs_utf8_count(x->s, x->n));
        return false;
    }
    /* The number itself is never echoed. */
    if (fs_has_id_number(x->s, x->n)) {
        fs_diag_add(x->d, R_PRIVACY_ID_NUMBER, &x->loc, NULL,
                    "remove the identity number: submissions must not carry personal data",
                    "%s holds a resident identity number", x->v->disp[x->c]);
        return false;
    }
    if (fs_has_mobile_number(x->s, x->n)) {
        fs_diag_add(x->d, R_PRIVACY_MOBILE, &x->loc, NULL,
                    "remove the phone number: submissions must not carry personal data",
                    "%s holds a mobile phone number", x->v->disp[x->c]);
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
    cell x = {v, rec, row, d, col, c, loc_named(v, row->line, j + 1, c), "", 0, ""};
    const fs_field *f = (size_t)j < row->nfields ? &row->fields[j] : NULL;
    bool numeric = col->type == FS_CT_INT || col->type == FS_CT_YEAR || col->type == FS_CT_MONEY;
    fs_field cellf; /* a workbook's cell as judged (xlsx_source.h) */
    if (f && v->src->spreadsheet) {
        if (!fs_xlsx_cell_check(f, col, v->disp[c], &x.loc, d, v->scratch[c], SCRATCH, &cellf))
            return false;
        f = &cellf;
    }
    if (f) {
        switch (f->type) {
        case FS_V_NULL: break;
        case FS_V_TEXT:
            if (!v->src->text_checked &&
                (memchr(f->s, '\0', f->len) || !fs_utf8_valid(f->s, f->len))) {
                fs_diag_add(d, R_VALUE_TEXT_BAD, &x.loc, NULL, "store the value as UTF-8 text",
                            "%s holds invalid UTF-8 or a NUL character", v->disp[c]);
                return false;
            }
            x.s = f->s;
            x.n = f->len;
            trim(&x.s, &x.n);
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
            if (f->type == FS_V_BLOB)
                fs_diag_add(d, R_VALUE_TYPE, &x.loc, NULL, "store the value as TEXT",
                            "%s holds a BLOB, which this column cannot take", v->disp[c]);
            else
                fs_diag_add(d, R_VALUE_TYPE, &x.loc, NULL, "store the value as TEXT",
                            "%s holds a REAL number, which this column cannot take", v->disp[c]);
            return false;
        }
    }
    if (x.n == 0) {
        if (col->required) {
            bool short_row = (size_t)j >= row->nfields;
            if (v->table == FS_T_INDICATORS && strcmp(col->name, "value") == 0)
                fs_diag_add(d, R_VALUE_REQUIRED, &x.loc, NULL,
                            "fill in the value, or delete the row of an indicator you do not have",
                            "%s is required but empty", v->disp[c]);
            else if (short_row)
                fs_diag_add(d, R_VALUE_REQUIRED, &x.loc, NULL, "fill in the value",
                            "%s is required but empty (the row ends before this column)",
                            v->disp[c]);
            else
                fs_diag_add(d, R_VALUE_REQUIRED, &x.loc, NULL, "fill in the value",
                            "%s is required but empty", v->disp[c]);
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
    bool reject;    /* refused by a rule said once for the whole file */
} rules_ctx;

/* Column index by name in the current table, looked up once per table
 * (the rules run for every row). */
static int col(const rules_ctx *r, const char *name)
{
    fs_validator *v = r->v;
    size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 58); /* 0..63 */
    for (size_t k = 0; k < RULE_NAMES_MAX; k++, h = (h + 1) % RULE_NAMES_MAX) {
        if (v->names[h] == name)
            return v->name_cols[h];
        if (!v->names[h]) {
            v->names[h] = name;
            return v->name_cols[h] = fs_column_index(r->rec->table, name);
        }
    }
    return fs_column_index(r->rec->table, name); /* full: never with the rules' names */
}

/* Value of a column when valid (present or defaulted), else NULL.  A
 * column the header misspelt has no value: the header's error says why,
 * the rows say nothing more about it. */
static const fs_value *val(const rules_ctx *r, const char *name)
{
    int c = col(r, name);
    return c >= 0 && r->ok[c] && !r->v->near_missed[c] ? &r->rec->v[c] : NULL;
}

/* How messages name a column of the current table. */
static const char *cn(const rules_ctx *r, const char *name)
{
    int c = col(r, name);
    return c >= 0 ? r->v->disp[c] : name;
}

/* A column's value as the file wrote it (已破 where the record holds the
 * code solved), trimmed and made safe to echo, in buf; the record's value
 * when the cell is no text. */
static const char *as_written(const rules_ctx *r, const char *name, char *buf, size_t size)
{
    int c = col(r, name);
    int j = c >= 0 ? r->v->map[c] : -1;
    const fs_value *val = c >= 0 ? &r->rec->v[c] : NULL;
    if (j >= 0 && (size_t)j < r->row->nfields && r->row->fields[j].type == FS_V_TEXT) {
        const char *s = r->row->fields[j].s;
        size_t n = r->row->fields[j].len;
        trim(&s, &n);
        return fs_diag_echo(s, n, buf, size);
    }
    return val ? fs_diag_echo(val->s, val->len, buf, size) : "";
}

/*
 * A cross-field problem of the row, at column `colname`.  When the header
 * lacks that column (a solved case and no date_solved column), an error
 * is said once, at the header, for the whole file; later rows it applies
 * to are refused without another message.
 */
static void rule_at(rules_ctx *r, fs_rule rule, const char *colname, const char *hint,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void rule_at(rules_ctx *r, fs_rule rule, const char *colname, const char *hint,
                    const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fs_tr(fmt), ap);
    va_end(ap);
    fs_validator *v = r->v;
    int c = col(r, colname);
    if (c >= 0 && v->map[c] < 0 && fs_rule_severity(rule) == FS_SEV_ERROR) {
        r->reject = true;
        if (v->absent_told[rule])
            return;
        v->absent_told[rule] = true;
        fs_loc l = loc_col(v, v->header_line, c);
        size_t before = r->d->count;
        fs_diag_add(r->d, rule, &l, NULL,
                    "add that column to the header and fill it in for these records",
                    "%s (first at line %ld); the file has no %s column, so every such record is "
                    "refused: said once here for the whole file",
                    msg, r->row->line, v->disp[c]);
        once_said(v, ONCE_ABSENT, (int)rule, r->d, before, fs_rule_severity(rule));
        return;
    }
    fs_loc l = loc_col(v, r->row->line, c);
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
                "%s names the reporting county %s itself", cn(r, name), county->s);
}

static void rules_incidents(rules_ctx *r)
{
    const fs_value *loss = val(r, "loss_yuan"), *rec = val(r, "recovered_yuan");
    char a[40], b[40];
    if (loss && rec && rec->i > loss->i) {
        money_text(rec->i, a, sizeof a);
        money_text(loss->i, b, sizeof b);
        rule_at(r, R_INC_RECOVERED_GT_LOSS, "recovered_yuan", "check both amounts",
                "%s %s is more than %s %s", cn(r, "recovered_yuan"), a, cn(r, "loss_yuan"), b);
    }
    const fs_value *sus = val(r, "suspects"), *arr = val(r, "arrested");
    if (sus && arr && arr->i > sus->i) {
        snprintf(a, sizeof a, "%" PRId64, arr->i);
        snprintf(b, sizeof b, "%" PRId64, sus->i);
        rule_at(r, R_INC_ARRESTED_GT_SUSPECTS, "arrested", "check both numbers",
                "%s %s is more than %s %s", cn(r, "arrested"), a, cn(r, "suspects"), b);
    }
    const fs_value *status = val(r, "status"), *solved = val(r, "date_solved"),
                   *reported = val(r, "date_reported");
    if (status && solved) {
        bool open = strcmp(status->s, "open") == 0;
        char said[120];
        if (!open && !solved->present)
            rule_at(r, R_INC_SOLVED_NO_DATE, "date_solved", "give the date the case was solved",
                    "the case is %s but %s is empty", as_written(r, "status", said, sizeof said),
                    cn(r, "date_solved"));
        if (open && solved->present)
            rule_at(r, R_INC_OPEN_WITH_DATE, "date_solved",
                    "set status to solved or closed, or clear the date solved",
                    "the case is open but has %s %s", cn(r, "date_solved"), solved->s);
    }
    if (solved && reported && solved->present && reported->present && solved->i < reported->i)
        rule_at(r, R_INC_SOLVED_BEFORE, "date_solved", "check both dates", "%s %s is before %s %s",
                cn(r, "date_solved"), solved->s, cn(r, "date_reported"), reported->s);
    const fs_value *xref = val(r, "cross_ref"), *inv = val(r, "counties_involved");
    if (xref && inv) {
        char ref[120];
        if (xref->present && !inv->present)
            rule_at(r, R_INC_CROSS_NO_COUNTIES, "counties_involved",
                    "list the other member counties of the case", "%s %s is set but %s is empty",
                    cn(r, "cross_ref"), fs_diag_echo(xref->s, xref->len, ref, sizeof ref),
                    cn(r, "counties_involved"));
        if (!xref->present && inv->present)
            rule_at(r, R_INC_COUNTIES_NO_CROSS, "cross_ref",
                    "give the zone-wide reference of the case, or clear the counties involved",
                    "%s %s is set but %s is empty", cn(r, "counties_involved"), inv->s,
                    cn(r, "cross_ref"));
    }
    no_self(r, "counties_involved", R_LIST_SELF);
    no_self(r, "assisted_by", R_LIST_SELF);
}

static void rules_disputes(rules_ctx *r)
{
    const fs_value *recv = val(r, "date_received"), *closed = val(r, "date_closed"),
                   *outcome = val(r, "outcome");
    if (recv && closed && recv->present && closed->present && closed->i < recv->i)
        rule_at(r, R_DIS_CLOSED_BEFORE, "date_closed", "check both dates", "%s %s is before %s %s",
                cn(r, "date_closed"), closed->s, cn(r, "date_received"), recv->s);
    if (outcome && closed && closed->present && strcmp(outcome->s, "pending") == 0)
        rule_at(r, R_DIS_CLOSED_PENDING, "date_closed",
                "clear the date closed or give the final outcome",
                "the dispute is pending but has %s %s", cn(r, "date_closed"), closed->s);
    const fs_value *jref = val(r, "joint_ref"), *cp = val(r, "counterpart");
    char ref[120];
    if (jref && cp && jref->present && !cp->present)
        rule_at(r, R_DIS_JOINT_NO_COUNTERPART, "counterpart",
                "name the member counties of the other parties", "%s %s is set but %s is empty",
                cn(r, "joint_ref"), fs_diag_echo(jref->s, jref->len, ref, sizeof ref),
                cn(r, "counterpart"));
    no_self(r, "counterpart", R_DIS_COUNTERPART_SELF);
}

static void rules_cooperation(rules_ctx *r)
{
    no_self(r, "partners", R_LIST_SELF);
    const fs_value *lead = val(r, "lead"), *partners = val(r, "partners"),
                   *county = val(r, "county");
    if (lead && partners && county && lead->present && lead->i != county->i &&
        !((fs_county_set)partners->i & ((fs_county_set)1 << lead->i)))
        rule_at(r, R_COOP_LEAD, "lead",
                "leave the lead empty (the reporter) or name one of the partners",
                "%s %s is neither the reporting county nor one of the partners", cn(r, "lead"),
                lead->s);
}

static void rules_indicators(rules_ctx *r)
{
    const fs_value *ind = val(r, "indicator"), *value = val(r, "value");
    /* Standard §2.3: the declared record counts are integers (value is in
     * hundredths, as money is). */
    if (ind && value && value->present && strncmp(ind->s, "declared_", 9) == 0 &&
        value->i % 100 != 0) {
        char a[40];
        money_text(value->i, a, sizeof a);
        rule_at(r, R_VALUE_INTEGER, "value", "give the number of records as a whole number",
                "%s %s is not a whole number: it counts records", ind->s, a);
    }
    if (ind && value && strcmp(ind->s, "population") == 0 && value->i < 10000 * 100) {
        char a[40], b[40];
        money_text(value->i, a, sizeof a);
        snprintf(b, sizeof b, "%" PRId64, value->i * 100); /* hundredths x 10 000 / 100 */
        rule_at(r, R_IND_POPULATION_SMALL, "value", "multiply the value by 10 000",
                "population %s is under 10 000: the unit is persons, not 万人 (ten thousands); "
                "multiplied by 10 000 it is %s",
                a, b);
    }
}

/* ------------------------------------------------------------------ rows */

/* The first non-empty field of a row for the totals and signature checks:
 * spaces (ASCII, full-width), tabs and a trailing colon (: or ：) dropped,
 * at most `size` - 1 bytes.  Returns its length. */
static size_t squeeze(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < size;) {
        if (s[i] == ' ' || s[i] == '\t') {
            i++;
            continue;
        }
        if (n - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
            i += 3;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    if (o >= 1 && out[o - 1] == ':')
        out[--o] = '\0';
    else if (o >= 3 && memcmp(out + o - 3, "\xEF\xBC\x9A", 3) == 0) /* ： */
        out[o -= 3] = '\0';
    return o;
}

static bool is_totals(const char *s, size_t n)
{
    return fs_eq(s, n, "合计") || fs_eq(s, n, "总计") || fs_eq(s, n, "小计") ||
           fs_eq(s, n, "共计") || fs_eq_nocase(s, n, "total");
}

/* A form's signature line: the first field starts with one of these. */
static bool is_signature(const char *s, size_t n)
{
    static const char *const starts[] = {"填表人",     "制表人",   "填报人",   "审核人",  "负责人",
                                         "单位负责人", "联系电话", "填表日期", "制表日期"};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        size_t k = strlen(starts[i]);
        if (n >= k && memcmp(s, starts[i], k) == 0)
            return true;
    }
    return false;
}

/* Signature lines skipped so far turned out to stand above a record:
 * each is an error now. */
static void footers_inside(fs_validator *v, fs_diags *d)
{
    for (int i = 0; i < v->nfooter; i++) {
        fs_loc l = loc_at(v, v->footer_lines[i], v->footer_cols[i], NULL);
        fs_diag_add(d, R_ROW_SIGNATURE_INSIDE, &l, NULL,
                    "delete the line, or move it below the last record",
                    "a signature line (填表人, 审核人, …) stands between records: only such lines "
                    "below the last record are skipped");
    }
    v->nfooter = 0;
}

void fs_validator_footers(fs_validator *v, fs_diags *d)
{
    for (int i = 0; i < v->nfooter; i++) {
        fs_loc l = loc_at(v, v->footer_lines[i], v->footer_cols[i], NULL);
        fs_diag_add(d, R_ROW_SIGNATURE, &l, NULL, NULL,
                    "a signature line below the table (填表人, 审核人, 联系电话, …) is skipped");
    }
    v->nfooter = 0;
}

/* Records with only empty extra fields judged so far as Excel's trailing
 * commas turned out not to be: every record does not have them. */
static void extras_shifted(fs_validator *v, fs_diags *d)
{
    for (size_t i = 0; i < v->npending; i++) {
        fs_loc l = loc_at(v, v->extra_pending[i], (int)v->nheader + 1, NULL);
        fs_diag_add(d, R_ROW_EXTRA_FIELDS, &l, NULL,
                    "put a value that holds a comma in double quotes, or separate a county list "
                    "with ; or 、, then check every column of the record",
                    "this record has more fields than the header (%zu more, all empty, but not "
                    "every record has them): probably an unquoted comma inside a value shifted "
                    "every later column",
                    v->pending_extra);
    }
    if (v->pending_more) {
        fs_loc l = loc_at(v, v->extra_pending[v->npending - 1], (int)v->nheader + 1, NULL);
        fs_diag_add(d, R_ROW_EXTRA_FIELDS, &l, NULL, NULL,
                    "%ld more records after this one have the same extra fields: probably "
                    "shifted by unquoted commas too",
                    v->pending_more);
    }
    v->npending = 0;
    v->pending_more = 0;
}

/* Fields beyond the header (standard §2.1, v2).  A value there, or empty
 * extra fields that not every record has, means an unquoted comma split a
 * value and shifted every later column: an error.  The same number of
 * empty extra fields in every record is what Excel writes (trailing
 * commas): nothing to say.  Which of the two holds for records with empty
 * extras is known only when a record differs, so their lines wait in
 * extra_pending (bounded) until then. */
static void check_extra(fs_validator *v, const fs_row *row, fs_diags *d)
{
    size_t extra = row->nfields > v->nheader ? row->nfields - v->nheader : 0;
    size_t valued = 0;
    for (size_t j = v->nheader; j < row->nfields && !valued; j++)
        if (!field_blank(&row->fields[j]))
            valued = j + 1;
    if (valued) {
        fs_loc l = loc_at(v, row->line, (int)valued, NULL);
        fs_diag_add(d, R_ROW_EXTRA_FIELDS, &l, NULL,
                    "put a value that holds a comma in double quotes, or separate a county list "
                    "with ; or 、; a value of a column of the county's own needs a name in the "
                    "header",
                    "this record has %zu fields but the header only %zu, and column %zu holds a "
                    "value: probably an unquoted comma inside a value (such as a county list "
                    "萧县,单县) shifted every later column",
                    row->nfields, v->nheader, valued);
        if (!v->extra_mixed) {
            v->extra_mixed = true;
            extras_shifted(v, d);
        }
        return;
    }
    if (v->extra_base < 0)
        v->extra_base = (long)extra;
    else if (!v->extra_mixed && (long)extra != v->extra_base) {
        v->extra_mixed = true;
        extras_shifted(v, d);
    }
    if (!extra)
        return;
    if (v->extra_mixed) {
        fs_loc l = loc_at(v, row->line, (int)v->nheader + 1, NULL);
        fs_diag_add(d, R_ROW_EXTRA_FIELDS, &l, NULL,
                    "put a value that holds a comma in double quotes, or separate a county list "
                    "with ; or 、, then check every column of the record",
                    "this record has more fields than the header (%zu more, all empty, but not "
                    "every record has them): probably an unquoted comma inside a value shifted "
                    "every later column",
                    extra);
    } else if (v->npending < EXTRA_PENDING) {
        v->pending_extra = extra;
        v->extra_pending[v->npending++] = row->line;
    } else {
        v->pending_more++;
    }
}

/* The row is the header of the data dictionary `forumstat template` writes
 * (dictionary-CODE-YEAR.csv, either language): its first four labels, in
 * order.  No label is a column name or alias, so no table looks like it. */
static bool dictionary_header(const fs_row *row)
{
    enum { LABELS = 4 };
    if (row->nfields < LABELS)
        return false;
    for (int zh = 0; zh < 2; zh++) {
        int k = 0;
        for (; k < LABELS; k++) {
            const fs_field *f = &row->fields[k];
            const char *s = f->s;
            size_t n = f->type == FS_V_TEXT ? f->len : 0;
            trim(&s, &n);
            const char *label = fs_tpl_label_text((fs_tpl_label)k, zh);
            if (n != strlen(label) || memcmp(s, label, n) != 0)
                break;
        }
        if (k == LABELS)
            return true;
    }
    return false;
}

/* The row is the header of a problem list forumstat wrote (--errors,
 * fs_diags_write_csv): a clerk's or the secretary's, saved among the
 * submissions. */
static bool problems_header(const fs_row *row)
{
    if (row->nfields != FS_DIAGS_CSV_COLUMNS)
        return false;
    for (int k = 0; k < FS_DIAGS_CSV_COLUMNS; k++) {
        const fs_field *f = &row->fields[k];
        const char *s = f->s;
        size_t n = f->type == FS_V_TEXT ? f->len : 0;
        trim(&s, &n);
        if (n != strlen(fs_diags_csv_columns[k]) || memcmp(s, fs_diags_csv_columns[k], n) != 0)
            return false;
    }
    return true;
}

/* Files forumstat writes itself, known by their header row: not read. */
static const struct {
    bool (*is)(const fs_row *);
    fs_rule rule;
    const char *hint, *msg;
} own_files[] = {
    {dictionary_header, R_FILE_DICTIONARY,
     N_("send the files of the tables (or the workbook); the dictionary need not be sent"),
     N_("this is the data dictionary of the template (it describes the columns), not a table of "
        "records: it is not read")},
    {problems_header, R_FILE_PROBLEMS,
     N_("nothing to do: keep problem lists apart from the submissions, or leave this one, it is "
        "skipped"),
     N_("this is a list of problems forumstat wrote (--errors), not a table of records: it is not "
        "read")},
};

/* The first row under the header continues it (a header of two rows:
 * merged cells over the columns, 金额（元） over 损失金额 and 挽损金额): it
 * names columns of the table, and either every column the header found
 * is empty in it (the lower half of cells merged down) or it holds only
 * column names (a second header row in another language).  list: the
 * names, for the message. */
static bool header_continued(const fs_validator *v, const fs_row *row, char *list, size_t size)
{
    const fs_table_def *td = &fs_tables[v->table];
    size_t named = 0, others = 0, o = 0;
    bool mapped_blank = true;
    list[0] = '\0';
    for (size_t j = 0; j < row->nfields && j < FS_CSV_HEADER_MAX; j++) {
        const fs_field *f = &row->fields[j];
        if (field_blank(f))
            continue;
        if (f->type != FS_V_TEXT)
            return false;
        for (size_t c = 0; c < td->ncolumns; c++)
            mapped_blank &= v->map[c] != (int)j;
        char name[HNAME_MAX];
        bool wan;
        size_t len = header_name(f->s, f->len, name, sizeof name, &wan);
        if (!len || column_for_name((fs_table)v->table, name, len) < 0) {
            others++;
            continue;
        }
        named++;
        char shown[HNAME_MAX + 8];
        fs_diag_echo(f->s, f->len, shown, sizeof shown);
        int k = snprintf(list + o, size - o, "%s%s", o ? ", " : "", shown);
        if (k > 0 && (size_t)k < size - o)
            o += (size_t)k;
    }
    return named >= 1 && (mapped_blank || (others == 0 && named >= 2));
}

/* Is f a unit written under a column's name: "(元)", "（人）", "【元】",
 * "[元]", "单位：元"?  *wan: the unit is in 万. */
static bool unit_cell(const fs_field *f, bool *wan)
{
    static const char *const open[] = {"(", "（", "【", "[", "单位"};
    static const char *const close[] = {")", "）", "】", "]", ""};
    const char *t = f->s;
    size_t n = f->len;
    fs_trim(&t, &n);
    if (n == 0 || n > 40)
        return false;
    for (size_t k = 0; k < sizeof open / sizeof open[0]; k++) {
        size_t a = strlen(open[k]), b = strlen(close[k]);
        if (n > a + b && memcmp(t, open[k], a) == 0 && memcmp(t + n - b, close[k], b) == 0) {
            *wan = *wan || memmem(t, n, "万", strlen("万")) != NULL;
            return true;
        }
    }
    return false;
}

/* The first row under the header holds only units ("(元)" under 损失金额):
 * its cells, shown, in list.  True when every cell that is not blank is a
 * unit and there is at least one. */
static bool units_row(const fs_row *row, char *list, size_t size, bool *wan)
{
    size_t units = 0, o = 0;
    list[0] = '\0';
    *wan = false;
    for (size_t j = 0; j < row->nfields; j++) {
        const fs_field *f = &row->fields[j];
        if (field_blank(f))
            continue;
        if (f->type != FS_V_TEXT || !unit_cell(f, wan))
            return false;
        units++;
        char shown[64];
        fs_diag_echo(f->s, f->len, shown, sizeof shown);
        int k = snprintf(list + o, size - o, "%s%s", o ? ", " : "", shown);
        if (k > 0 && (size_t)k < size - o)
            o += (size_t)k;
    }
    return units > 0;
}

/* A CSV line that would be a header if split on tabs or on semicolons
 * (a file saved as Excel's "Text (Tab delimited)", or with a semicolon as
 * list separator): at least two of its pieces name columns of one table.
 * The separator, or 0. */
static char delimited_header(const fs_row *row)
{
    static const char seps[] = {'\t', ';'};
    for (size_t k = 0; k < sizeof seps; k++) {
        int count[FS_T_COUNT] = {0};
        for (size_t j = 0; j < row->nfields; j++) {
            const fs_field *f = &row->fields[j];
            if (f->type != FS_V_TEXT || !memchr(f->s, seps[k], f->len))
                continue;
            for (size_t i = 0; i <= f->len;) {
                const char *e = memchr(f->s + i, seps[k], f->len - i);
                size_t end = e ? (size_t)(e - f->s) : f->len;
                char name[HNAME_MAX];
                bool wan;
                size_t len = header_name(f->s + i, end - i, name, sizeof name, &wan);
                for (int t = 0; len && t < FS_T_COUNT; t++)
                    if (column_for_name((fs_table)t, name, len) >= 0 && ++count[t] >= 2)
                        return seps[k];
                i = end + 1;
            }
        }
    }
    return 0;
}

/* Marked here, translated by fs_diag_add where it is used. */
static const char *const csv_hint =
    N_("save it as CSV: in Excel File > Save As > CSV UTF-8 (Comma delimited) (*.csv), in WPS "
       "文件 > 另存为 > CSV 文件 (*.csv); or send the workbook (.xlsx)");

fs_row_kind fs_validator_row(fs_validator *v, const fs_row *row, fs_record *rec, fs_diags *d)
{
    v->identity = false;
    if (v->stopped)
        return FS_ROW_STOP;
    bool blank = true;
    size_t first = 0;
    for (size_t j = 0; j < row->nfields && blank; j++)
        if (!field_blank(&row->fields[j])) {
            first = j;
            blank = false;
        }
    if (v->table < 0) {
        fs_loc l = loc_at(v, row->line, 0, NULL);
        for (size_t k = 0; k < sizeof own_files / sizeof own_files[0]; k++)
            if (own_files[k].is(row)) {
                fs_diag_add(d, own_files[k].rule, &l, NULL, own_files[k].hint, "%s",
                            _(own_files[k].msg));
                v->stopped = true;
                return FS_ROW_STOP;
            }
        if (take_header(v, row, d))
            return FS_ROW_HEADER;
        char sep = v->src->spreadsheet ? 0 : delimited_header(row);
        if (sep) {
            if (sep == '\t')
                fs_diag_add(d, R_CSV_DELIMITER, &l, NULL, csv_hint,
                            "the file's columns are separated by tabs (Excel's \"Text (Tab "
                            "delimited)\"), not by commas, so its lines cannot be read as columns");
            else
                fs_diag_add(d, R_CSV_DELIMITER, &l, NULL, csv_hint,
                            "the file's columns are separated by semicolons, not by commas, so its "
                            "lines cannot be read as columns");
            v->stopped = true;
            return FS_ROW_STOP;
        }
        if (++v->preamble > MAX_PREAMBLE) {
            fs_diag_add(d, R_HEADER_MISSING, &l, NULL,
                        "the header row must name the columns of one table (e.g. case_id, county, "
                        "date_reported ... or 案件编号, 县区代码, 立案日期 ...)",
                        "no header row found: none of the first %d rows names a column of "
                        "indicators, incidents, disputes or cooperation",
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
    if (!v->after_header) {
        v->after_header = true;
        char list[400];
        bool wan;
        if (units_row(row, list, sizeof list, &wan)) {
            if (wan) { /* values in 万: every figure would be 10 000 times too small */
                fs_diag_add(d, R_HEADER_UNIT_WAN, &l, NULL,
                            "convert the values to 元 or persons and delete the row of units",
                            "the row under the header gives units in 万 (ten thousand): %s", list);
                v->stopped = true;
                return FS_ROW_STOP;
            }
            fs_diag_add(d, R_HEADER_UNITS_ROW, &l, NULL, NULL,
                        "the row under the header holds only units, skipped (the standard "
                        "fixes them: money in 元, people in persons): %s",
                        list);
            return FS_ROW_SKIPPED;
        }
        if (header_continued(v, row, list, sizeof list)) {
            fs_diag_add(d, R_HEADER_TWO_ROWS, &l, NULL,
                        "make the header one row: each column's name in its own cell of a single "
                        "row (unmerge the header cells), then delete the other header row",
                        "the header takes two rows: this row under it names columns too (%s), "
                        "so the file cannot be read",
                        list);
            v->stopped = true;
            return FS_ROW_STOP;
        }
    }
    const fs_field *f0 = &row->fields[first];
    /* a totals or signature row starts (trimmed) with a Chinese character
     * or t/T ("total"); f0 is not blank, so its first byte after the
     * spaces decides */
    const char *s0 = f0->s;
    size_t n0 = f0->type == FS_V_TEXT ? f0->len : 0;
    trim(&s0, &n0);
    bool maybe_footer = n0 && ((unsigned char)s0[0] >= 0x80 || s0[0] == 't' || s0[0] == 'T');
    if (f0->type == FS_V_TEXT && !maybe_footer) {
        if (v->nfooter)
            footers_inside(v, d);
    } else if (f0->type == FS_V_TEXT) {
        const char *s = f0->s;
        size_t n = f0->len;
        char sq[64];
        fs_trim(&s, &n);
        size_t m = squeeze(s, n, sq, sizeof sq);
        if (is_signature(sq, m) && v->nfooter < MAX_FOOTER) {
            /* skipped while no record follows (fs_validator_footers
             * warns); an error if one does (footers_inside) */
            v->footer_lines[v->nfooter] = row->line;
            v->footer_cols[v->nfooter++] = (int)first + 1;
            return FS_ROW_SKIPPED;
        }
        if (v->nfooter)
            footers_inside(v, d);
        if (is_totals(sq, m)) {
            l.column = (int)first + 1;
            fs_diag_add(d, R_ROW_TOTALS, &l, NULL,
                        "delete the totals row: forumstat adds up the records itself",
                        "this is a totals row");
            v->rejected++;
            return FS_ROW_REJECTED;
        }
    } else if (v->nfooter) {
        footers_inside(v, d);
    }
    size_t errors_before = d->errors;
    /* A column with an empty header cell is a column the table does not
     * have: its values are ignored, with a warning the first time; so are
     * the values of an unknown column while an optional column is absent
     * (the warning names it). */
    for (size_t j = 0; j < row->nfields && j < v->nheader; j++) {
        if (v->any_unnamed && v->unnamed[j] && !v->unnamed_told[j] &&
            !field_blank(&row->fields[j])) {
            v->unnamed_told[j] = true;
            fs_loc u = loc_at(v, row->line, (int)j + 1, NULL);
            size_t before = d->count;
            fs_diag_add(d, R_COLUMN_UNNAMED, &u, NULL,
                        "give the column a name in the header, or delete it",
                        "column %zu has no name in the header: its values are ignored", j + 1);
            once_said(v, ONCE_UNNAMED, (int)j, d, before, fs_rule_severity(R_COLUMN_UNNAMED));
        }
        if (v->watch[j] && !v->watch_told[j] && !field_blank(&row->fields[j]))
            watched_value(v, j, d);
    }
    check_extra(v, row, d);
    bool shifted = d->errors > errors_before; /* values in columns the header lacks */
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
    rules_ctx r = {v, row, rec, d, ok, false};
    switch (v->table) {
    case FS_T_INCIDENTS: rules_incidents(&r); break;
    case FS_T_DISPUTES: rules_disputes(&r); break;
    case FS_T_COOPERATION: rules_cooperation(&r); break;
    case FS_T_INDICATORS: rules_indicators(&r); break;
    }
    /* A row of a file whose header lacks a required column is no record:
     * the column's value would be missing (reported once, on the header). */
    v->identity =
        ok[td->id_col] && rec->county >= 0 && rec->year != 0 && !shifted && !v->missing_required;
    if (d->errors > errors_before || r.reject || rec->county < 0 || rec->year == 0 ||
        v->missing_required) {
        v->rejected++;
        return FS_ROW_REJECTED;
    }
    v->records++;
    v->identity = true; /* a record's identity is valid by definition */
    return FS_ROW_RECORD;
}

bool fs_validator_identity(const fs_validator *v)
{
    return v->identity;
}

int fs_validator_column(const fs_validator *v, int c)
{
    return c >= 0 && c < FS_MAX_COLUMNS && v->map[c] >= 0 ? v->map[c] + 1 : 0;
}

fs_loc fs_validator_loc(const fs_validator *v, long line, int c)
{
    bool known = v->table >= 0 && c >= 0 && (size_t)c < fs_tables[v->table].ncolumns;
    return loc_col(v, line, known ? c : -1);
}

long fs_validator_finish(fs_validator *v, fs_diags *d)
{
    /* unknown columns that never held a value: ignored, nothing lost */
    for (size_t j = 0; v->table >= 0 && j < v->nheader && j < FS_CSV_HEADER_MAX; j++)
        if (v->watch[j] && !v->watch_told[j]) {
            char shown[HNAME_MAX + 8];
            fs_diag_echo(v->hnames[j], strlen(v->hnames[j]), shown, sizeof shown);
            fs_loc h = loc_at(v, v->header_line, (int)j + 1, NULL);
            char tl[FS_TABLE_LABEL_MAX];
            fs_diag_add(d, R_HEADER_UNKNOWN, &h, shown, NULL,
                        "column '%s' is not part of the %s table and is ignored", shown,
                        fs_table_label((fs_table)v->table, tl, sizeof tl));
        }
    fs_loc l = loc_at(v, 0, 0, NULL);
    if (v->table < 0 && !v->stopped) {
        if (v->preamble == 0) {
            fs_diag_add(d, R_FILE_EMPTY, &l, NULL, "export the table again with its header row",
                        "the file holds no rows");
        } else {
            fs_diag_add(d, R_HEADER_MISSING, &l, NULL,
                        "the header row must name the columns of one table", "no header row found");
        }
    } else if (v->table >= 0 && v->records == 0 && v->rejected == 0) {
        l.line = v->header_line;
        char tl[FS_TABLE_LABEL_MAX];
        /* a county that had none: the declared count says so (standard
         * v2 §2.3); an empty file replaces nothing */
        fs_diag_add(d, R_FILE_NO_RECORDS, &l, NULL,
                    v->table == FS_T_INDICATORS
                        ? NULL
                        : "a file without records replaces nothing the warehouse holds; if the "
                          "county had none this year, say so with the declared count 0 in its "
                          "indicators (declared_incidents, declared_disputes, "
                          "declared_cooperation): a zero report",
                    "the %s table holds a header but no records",
                    fs_table_label((fs_table)v->table, tl, sizeof tl));
    }
    return v->records;
}

/* ------------------------------------------------------------ halves */

fs_validator *fs_validator_clone(const fs_validator *v, const fs_source *src)
{
    /* on cache lines of its own: the clone works on another thread than
     * v, and a line shared by the two (the end of one, the start of the
     * other, which malloc may place side by side) slowed both by 1.3x */
    size_t size = (sizeof *v + 63) / 64 * 64;
    fs_validator *c = aligned_alloc(64, size);
    if (!c)
        return NULL;
    memcpy(c, v, sizeof *c);
    c->src = src;
    c->after_header = true; /* its rows are far from the header */
    c->log_once = true;
    c->nonce = 0;
    return c;
}

/* Would b's extra-field judgement (check_extra) have said the same had it
 * started from a's state instead of from none?  See fs_validator_join. */
static bool extra_same(const fs_validator *a, const fs_validator *b)
{
    if (a->extra_base < 0 && !a->extra_mixed)
        return true; /* a judged nothing: b started where a ended */
    if (!a->extra_mixed && !b->extra_mixed && (b->extra_base < 0 || b->extra_base == a->extra_base))
        return true; /* every record alike: nothing said on either side */
    /* a said its records shifted; b saw no extra field at all */
    return a->extra_mixed && !b->extra_mixed && b->extra_base <= 0;
}

bool fs_validator_join(fs_validator *a, fs_validator *b, fs_diags *bd)
{
    if (a->nfooter || !extra_same(a, b) || b->nonce == sizeof b->once / sizeof *b->once)
        return false;
    /* the once-per-file diagnostics of b that a said already */
    bool drop[sizeof b->once / sizeof *b->once] = {false};
    bool any = false;
    for (size_t i = 0; i < b->nonce; i++) {
        const struct once *o = &b->once[i];
        drop[i] = o->kind == ONCE_UNNAMED ? a->unnamed_told[o->key]
                  : o->kind == ONCE_WATCH ? a->watch_told[o->key]
                                          : a->absent_told[o->key];
        any |= drop[i];
    }
    if (any && bd->dropped)
        return false; /* which of b's would have been kept is not known */
    for (size_t i = b->nonce; i-- > 0;)
        if (drop[i])
            fs_diags_unsay(bd, b->once[i].idx, b->once[i].sev);
    a->records += b->records;
    a->rejected += b->rejected;
    for (size_t j = 0; j < FS_CSV_HEADER_MAX; j++) {
        a->unnamed_told[j] |= b->unnamed_told[j];
        a->watch_told[j] |= b->watch_told[j];
    }
    for (size_t r = 0; r < FS_RULE_COUNT; r++)
        a->absent_told[r] |= b->absent_told[r];
    if (b->extra_base >= 0 || b->extra_mixed) {
        a->extra_base = a->extra_base >= 0 ? a->extra_base : b->extra_base;
        a->extra_mixed |= b->extra_mixed;
    }
    memcpy(a->footer_lines, b->footer_lines, sizeof a->footer_lines);
    memcpy(a->footer_cols, b->footer_cols, sizeof a->footer_cols);
    a->nfooter = b->nfooter;
    return true;
}
