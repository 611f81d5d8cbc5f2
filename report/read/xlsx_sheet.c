/*
 * xlsx_sheet.c — one worksheet: merged ranges, the row source and the
 * header probe (see xlsx_source.h for the contract, xlsx_int.h for the
 * layers).
 *
 * Preparing a sheet (once, at open): the part is inflated whole through a
 * bounded stream (its size and integrity are then known before any row is
 * read) while looking for the bytes "mergeCell"; only when they occur is
 * the part parsed a second time to collect the merged ranges, which
 * SpreadsheetML writes after the data.  Each range is kept per column as
 * a sorted list of row spans, so an empty cell finds "its" range by a
 * binary search (at most FS_XLSX_MAX_MERGES ranges and FS_XLSX_MAX_SPANS
 * range-columns are kept: more only loses the note in messages).
 *
 * The row source drives expat a block at a time and suspends it at each
 * </row>, so one row lives in memory at a time: an array of
 * FS_XLSX_MAX_COLUMNS fields (never sized from <dimension> or from cell
 * references) and one text arena per row (FS_XLSX_MAX_ROW_TEXT).  Shared
 * strings are handed out in place.  Rows without any value (formatting
 * only) are left out, as blank lines are in CSV.  A cell without an `r`
 * attribute follows the previous cell, a row without one the previous
 * row.  Parsing ends at </sheetData>.
 *
 * Cell values (ECMA-376 18.3.1.4): s shared string; inlineStr (<is>, rich
 * text runs joined, phonetic runs skipped); str formula text; b boolean
 * (TRUE/FALSE); e error value (FS_V_ERROR); d ISO date (its date part); n or none a
 * number in the C locale: when the cell's format shows a date, the serial
 * day in the workbook's date system becomes "YYYY-MM-DD" text (time of
 * day dropped), else FS_V_INT when whole and exact (|x| < 2^53), else
 * FS_V_REAL.  A formula with no cached value is FS_V_ERROR with no text.
 */
#include "xlsx_int.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "schema.h"
#include "validate.h"

#define SCAN_CHUNK 65536
#define NUMBER_MAX 64

/* ------------------------------------------------------------ helpers */

void fs_xlsx_cell_name(long row, int col, char *buf, size_t size)
{
    char letters[8], tmp[8];
    int n = 0;
    for (int c = col; c > 0 && n < 7; c /= 26) {
        c--;
        tmp[n++] = (char)('A' + c % 26);
    }
    for (int i = 0; i < n; i++)
        letters[i] = tmp[n - 1 - i];
    letters[n] = '\0';
    snprintf(buf, size, "%s%ld", letters, row);
}

bool fs_xlsx_parse_ref(const char *s, long *row, int *col)
{
    size_t i = 0;
    long c = 0, r = 0;
    while (s[i] == '$')
        i++;
    size_t start = i;
    while ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) {
        c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
        if (c > FS_XLSX_MAX_COL)
            return false;
        i++;
    }
    if (s[i] == '$')
        i++;
    size_t dstart = i;
    while (s[i] >= '0' && s[i] <= '9') {
        r = r * 10 + (s[i] - '0');
        if (r > FS_XLSX_MAX_ROW)
            return false;
        i++;
    }
    if (s[i] != '\0' || (i == start) || (i > dstart && r == 0))
        return false;
    *col = (int)c;
    *row = r;
    return true;
}

/* Days since 1970-01-01 of a civil date (Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool fs_xlsx_serial_date(double serial, bool date1904, char buf[11])
{
    if (!isfinite(serial) || serial < 0 || serial >= 2958466.0)
        return false;
    long days = (long)floor(serial), z;
    if (date1904) {
        z = days_from_civil(1904, 1, 1) + days;
    } else {
        if (days < 1)
            return false; /* Excel shows 1900-01-00 */
        if (days == 60) {
            memcpy(buf, "1900-02-29", 11); /* Lotus 1-2-3's leap day */
            return true;
        }
        z = days_from_civil(1899, 12, 30) + days + (days < 60 ? 1 : 0);
    }
    long y, m, d;
    civil_from_days(z, &y, &m, &d);
    if (y < 1 || y > 9999)
        return false;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return true;
}

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* A number as SpreadsheetML writes it (C locale: [+-]digits[.digits][E[+-]digits]). */
static bool parse_number(const char *s, size_t n, double *out)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n == 0 || n >= NUMBER_MAX)
        return false;
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            e++;
        if (!e)
            return false;
    }
    if (i != n)
        return false;
    char buf[NUMBER_MAX];
    memcpy(buf, s, n);
    buf[n] = '\0';
    pthread_once(&c_locale_once, make_c_locale);
    char *end;
    double v = c_locale ? strtod_l(buf, &end, c_locale) : strtod(buf, &end);
    if (end != buf + n || !isfinite(v))
        return false;
    *out = v == 0 ? 0.0 : v; /* no negative zero */
    return true;
}

/* ------------------------------------------------------------- merges */

typedef struct mg_ctx {
    fs_xlsx_xml x;
    int skip;
    int in_merges;
    fs_xlsx_merge *m;
    size_t n, cap;
} mg_ctx;

static void XMLCALL mg_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    mg_ctx *c = user;
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (c->skip || !fs_xlsx_is_main(ns)) {
        c->skip++;
        return;
    }
    if (strcmp(l, "mergeCells") == 0) {
        c->in_merges++;
        return;
    }
    if (strcmp(l, "mergeCell") != 0 || !c->in_merges || c->n == FS_XLSX_MAX_MERGES)
        return;
    const char *ref = fs_xlsx_attr(atts, "ref", FS_XLSX_NS_NONE);
    if (!ref)
        return;
    const char *colon = strchr(ref, ':');
    char a[24], b[24];
    size_t al = colon ? (size_t)(colon - ref) : strlen(ref);
    if (al >= sizeof a || !colon || strlen(colon + 1) >= sizeof b)
        return;
    memcpy(a, ref, al);
    a[al] = '\0';
    strcpy(b, colon + 1);
    long r1, r2;
    int c1, c2;
    if (!fs_xlsx_parse_ref(a, &r1, &c1) || !fs_xlsx_parse_ref(b, &r2, &c2) || !r1 || !r2 || !c1 ||
        !c2)
        return;
    fs_xlsx_merge m = {r1 < r2 ? r1 : r2, r1 < r2 ? r2 : r1, c1 < c2 ? c1 : c2, c1 < c2 ? c2 : c1,
                       ""};
    if ((m.r1 == m.r2 && m.c1 == m.c2) || m.c1 > FS_XLSX_MAX_COLUMNS)
        return;
    char tl[12], br[12]; /* "XFD1048576" at most */
    fs_xlsx_cell_name(m.r1, m.c1, tl, sizeof tl);
    fs_xlsx_cell_name(m.r2, m.c2, br, sizeof br);
    snprintf(m.ref, sizeof m.ref, "%s:%s", tl, br);
    if (!fs_grow((void **)&c->m, &c->cap, c->n, sizeof *c->m)) {
        c->x.env = FS_ERR_NOMEM;
        fs_xlsx_xml_stop(&c->x, false);
        return;
    }
    c->m[c->n++] = m;
}

static void XMLCALL mg_end(void *user, const XML_Char *name)
{
    mg_ctx *c = user;
    if (c->skip) {
        c->skip--;
        return;
    }
    int ns;
    if (strcmp(fs_xlsx_name(name, &ns), "mergeCells") == 0 && c->in_merges)
        c->in_merges--;
}

static int cmp_span(const void *a, const void *b)
{
    const fs_xlsx_span *x = a, *y = b;
    return (x->r1 > y->r1) - (x->r1 < y->r1);
}

/* Index the merges by column (see the file comment). */
static fs_status index_merges(fs_xlsx_sheet *sh)
{
    sh->col_start = calloc(FS_XLSX_MAX_COLUMNS + 1, sizeof *sh->col_start);
    if (!sh->col_start)
        return FS_ERR_NOMEM;
    size_t total = 0;
    for (size_t i = 0; i < sh->nmerges; i++) {
        const fs_xlsx_merge *m = &sh->merges[i];
        int last = m->c2 < FS_XLSX_MAX_COLUMNS ? m->c2 : FS_XLSX_MAX_COLUMNS;
        for (int c = m->c1; c <= last && total < FS_XLSX_MAX_SPANS; c++, total++)
            sh->col_start[c]++;
    }
    for (int c = 1; c <= FS_XLSX_MAX_COLUMNS; c++)
        sh->col_start[c] += sh->col_start[c - 1];
    sh->spans = malloc((total ? total : 1) * sizeof *sh->spans);
    uint32_t *fill = calloc(FS_XLSX_MAX_COLUMNS + 1, sizeof *fill);
    if (!sh->spans || !fill) {
        free(fill);
        return FS_ERR_NOMEM;
    }
    size_t placed = 0;
    for (size_t i = 0; i < sh->nmerges; i++) {
        const fs_xlsx_merge *m = &sh->merges[i];
        int last = m->c2 < FS_XLSX_MAX_COLUMNS ? m->c2 : FS_XLSX_MAX_COLUMNS;
        for (int c = m->c1; c <= last && placed < total; c++, placed++) {
            uint32_t at = sh->col_start[c - 1] + fill[c]++;
            sh->spans[at] = (fs_xlsx_span){m->r1, m->r2, (uint32_t)i};
        }
    }
    free(fill);
    for (int c = 1; c <= FS_XLSX_MAX_COLUMNS; c++) {
        size_t n = sh->col_start[c] - sh->col_start[c - 1];
        if (n > 1)
            qsort(sh->spans + sh->col_start[c - 1], n, sizeof *sh->spans, cmp_span);
    }
    return FS_OK;
}

/* The merged range an empty cell lies in (not its top-left cell), or NULL. */
static const char *merged_range(const fs_xlsx_sheet *sh, long row, int col)
{
    if (!sh->col_start || col < 1 || col > FS_XLSX_MAX_COLUMNS)
        return NULL;
    size_t lo = sh->col_start[col - 1], hi = sh->col_start[col];
    /* last span with r1 <= row */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->spans[mid].r1 <= row)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == sh->col_start[col - 1])
        return NULL;
    const fs_xlsx_span *s = &sh->spans[lo - 1];
    const fs_xlsx_merge *m = &sh->merges[s->merge];
    if (s->r2 < row || (row == m->r1 && col == m->c1))
        return NULL;
    return m->ref;
}

fs_status fs_xlsx_sheet_prepare(fs_xlsx_book *b, fs_xlsx_sheet *sh, fs_diags *d)
{
    /* Pass 1: inflate everything, look for merged ranges. */
    fs_xlsx_stream s;
    fs_status st = fs_xlsx_stream_open(b, sh->part, FS_XLSX_MAX_SHEET_PART, sh->name, &s, d);
    if (st != FS_OK)
        return st;
    static const char needle[] = "mergeCell";
    enum { KEEP = sizeof needle - 2 };
    unsigned char *buf = malloc(KEEP + SCAN_CHUNK);
    if (!buf) {
        fs_xlsx_stream_close(&s);
        return FS_ERR_NOMEM;
    }
    size_t carry = 0;
    bool found = false;
    for (;;) {
        size_t got;
        st = fs_xlsx_stream_read(b, &s, buf + KEEP, SCAN_CHUNK, &got, d);
        if (st != FS_OK || got == 0)
            break;
        if (!found && memmem(buf + KEEP - carry, carry + got, needle, sizeof needle - 1))
            found = true;
        /* keep the last KEEP bytes seen: a needle may straddle blocks */
        size_t keep = carry + got < KEEP ? carry + got : KEEP;
        memmove(buf + KEEP - keep, buf + KEEP + got - keep, keep);
        carry = keep;
    }
    free(buf);
    fs_xlsx_stream_close(&s);
    if (st != FS_OK || !found)
        return st;

    /* Pass 2: collect the ranges. */
    mg_ctx c = {0};
    st = fs_xlsx_xml_begin(&c.x, b, sh->part, FS_XLSX_MAX_SHEET_PART, sh->name, d);
    if (st == FS_OK) {
        fs_xlsx_xml_handlers(&c.x, mg_start, mg_end, NULL);
        st = fs_xlsx_xml_run(&c.x);
        fs_xlsx_xml_end(&c.x);
    }
    if (st != FS_OK || c.n == 0) {
        free(c.m);
        return st;
    }
    sh->merges = c.m;
    sh->nmerges = c.n;
    return index_merges(sh);
}

void fs_xlsx_sheet_free(fs_xlsx_sheet *sh)
{
    free(sh->name);
    free(sh->merges);
    free(sh->col_start);
    free(sh->spans);
    *sh = (fs_xlsx_sheet){0};
}

/* --------------------------------------------------------- row source */

typedef struct sheet_src {
    fs_source base;
    fs_xlsx_xml x;
    fs_xlsx_book *b;
    const fs_xlsx_sheet *sh;
    int skip;
    bool in_data, in_row, in_c, in_v, in_is, in_t;
    int in_rph;
    bool preserve;
    /* the current cell */
    int col;
    char type; /* s, i (inlineStr), t (str), b, e, d, n        */
    unsigned long style;
    bool has_v, has_f, has_is, too_long;
    fs_xlsx_buf v, t, is;
    /* the current row */
    long row, last_row;
    int last_col;
    bool row_number_open; /* no r on <row>: the first cell's r may say it */
    bool row_has_value, row_text_full;
    size_t nfields;
    fs_field fields[FS_XLSX_MAX_COLUMNS];
    size_t off[FS_XLSX_MAX_COLUMNS]; /* text offset in the arena, or SIZE_MAX */
    fs_xlsx_buf arena;
    size_t width; /* fields of the widest row so far               */
    bool row_ready;
    bool wide_reported;
    fs_status failed;
} sheet_src;

#define SRC(user) ((sheet_src *)((char *)(user)-offsetof(sheet_src, x)))

/* The location of the current cell (or row, col 0). */
static fs_loc cell_loc(const sheet_src *q, int col)
{
    return fs_xlsx_loc(q->b, q->sh->name, q->row, col);
}

/* Stop reading the sheet: its XML is not what Excel writes (diagnostic
 * added by the caller). */
static void refuse_sheet(sheet_src *q)
{
    q->x.refused = true;
    fs_xlsx_xml_stop(&q->x, false);
}

static void out_of_memory(sheet_src *q)
{
    q->x.env = FS_ERR_NOMEM;
    fs_xlsx_xml_stop(&q->x, false);
}

static void row_begin(sheet_src *q, const XML_Char **atts)
{
    q->in_row = true;
    q->row_has_value = false;
    q->row_text_full = false;
    q->nfields = 0;
    q->arena.len = 0;
    q->last_col = 0;
    const char *r = fs_xlsx_attr(atts, "r", FS_XLSX_NS_NONE);
    q->row_number_open = !r;
    if (!r) {
        q->row = q->last_row + 1;
        if (q->row > FS_XLSX_MAX_ROW) {
            fs_loc l = cell_loc(q, 0);
            fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                        "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                        "new file",
                        "the workbook is damaged: a row lies below the last row of a sheet");
            refuse_sheet(q);
        }
        return;
    }
    char *end;
    long v = strtol(r, &end, 10);
    if (end == r || *end || v < 1 || v > FS_XLSX_MAX_ROW) {
        char shown[40];
        fs_diag_echo(r, strlen(r), shown, sizeof shown);
        fs_loc l = cell_loc(q, 0);
        fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the new "
                    "file",
                    "the workbook is damaged: a row number is not valid: '%s'", shown);
        refuse_sheet(q);
        return;
    }
    q->row = v;
}

static void cell_begin(sheet_src *q, const XML_Char **atts)
{
    q->in_c = true;
    q->has_v = q->has_f = q->has_is = q->too_long = false;
    q->v.len = q->is.len = 0;
    const char *t = fs_xlsx_attr(atts, "t", FS_XLSX_NS_NONE);
    q->type = 'n';
    if (t) {
        if (strcmp(t, "s") == 0)
            q->type = 's';
        else if (strcmp(t, "inlineStr") == 0)
            q->type = 'i';
        else if (strcmp(t, "str") == 0)
            q->type = 't';
        else if (strcmp(t, "b") == 0)
            q->type = 'b';
        else if (strcmp(t, "e") == 0)
            q->type = 'e';
        else if (strcmp(t, "d") == 0)
            q->type = 'd';
    }
    const char *s = fs_xlsx_attr(atts, "s", FS_XLSX_NS_NONE);
    q->style = s ? strtoul(s, NULL, 10) : 0;
    const char *r = fs_xlsx_attr(atts, "r", FS_XLSX_NS_NONE);
    int col = 0;
    if (r) {
        long row;
        if (!fs_xlsx_parse_ref(r, &row, &col)) {
            char shown[40];
            fs_diag_echo(r, strlen(r), shown, sizeof shown);
            fs_loc l = cell_loc(q, 0);
            fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                        "open the workbook in Excel or WPS, save it again as .xlsx and send the "
                        "new file",
                        "the workbook is damaged: a cell reference is not valid: '%s'", shown);
            refuse_sheet(q);
            return;
        }
        if (q->row_number_open && row) {
            q->row = row;
            q->row_number_open = false;
        }
    }
    if (!col)
        col = q->last_col + 1;
    if (col > FS_XLSX_MAX_COL) {
        fs_loc l = cell_loc(q, 0);
        fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                    "open the workbook in Excel or WPS, save it again as .xlsx and send the new "
                    "file",
                    "the workbook is damaged: a cell lies right of the last column of a sheet");
        refuse_sheet(q);
        return;
    }
    q->col = col;
    q->last_col = col;
    q->row_number_open = false;
}

/* Copy text into the row's arena; the field points into it at row end. */
static bool put_text(sheet_src *q, fs_field *f, size_t *off, fs_vtype type, const char *s, size_t n)
{
    bool oom = false;
    size_t at = q->arena.len;
    if (!fs_xlsx_buf_add(&q->arena, s, n, FS_XLSX_MAX_ROW_TEXT, &oom)) {
        if (oom) {
            out_of_memory(q);
        } else if (!q->row_text_full) {
            q->row_text_full = true;
            fs_loc l = cell_loc(q, q->col);
            fs_diag_add(q->x.d, R_XLSX_TOO_BIG, &l, NULL,
                        "a record of the standard needs far less text",
                        "the row holds more than %u bytes of text", FS_XLSX_MAX_ROW_TEXT);
        }
        return false;
    }
    *f = (fs_field){.type = type, .len = n};
    *off = at;
    return true;
}

static void cell_end(sheet_src *q)
{
    q->in_c = false;
    if (q->x.refused || q->x.env != FS_OK)
        return;
    if (q->too_long) {
        fs_loc l = cell_loc(q, q->col);
        fs_diag_add(q->x.d, R_XLSX_TOO_BIG, &l, NULL, "a value of the standard needs far less text",
                    "the cell holds more than %u bytes of text", FS_XLSX_MAX_CELL);
        return;
    }
    fs_field f = {.type = FS_V_NULL, .s = ""};
    size_t off = SIZE_MAX;
    char *v = q->v.len ? q->v.p : (char *)"";
    /* An empty <v/> is no value, except the empty text a formula gave. */
    bool has_v = q->has_v && (q->v.len || q->type == 't');
    bool value = true;
    if (q->has_f && !has_v && !q->has_is) {
        f.type = FS_V_ERROR; /* a formula never calculated: no text */
    } else if (q->has_is && (q->type == 'i' || q->type == 'n' || !has_v)) {
        value = put_text(q, &f, &off, FS_V_TEXT, q->is.len ? q->is.p : "", q->is.len);
    } else if (!has_v) {
        value = false;
    } else {
        switch (q->type) {
        case 's': {
            char *end;
            unsigned long long i = strtoull(v, &end, 10);
            if (end == v || *end || v[0] == '-' || i >= q->b->sst_count) {
                char shown[40];
                fs_diag_echo(v, strlen(v), shown, sizeof shown);
                fs_loc l = cell_loc(q, q->col);
                fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                            "open the workbook in Excel or WPS, save it again as .xlsx and send "
                            "the new file",
                            "the workbook is damaged: the cell refers to shared string %s, which "
                            "the workbook does not have",
                            shown);
                value = false;
                break;
            }
            f.type = FS_V_TEXT;
            f.s = q->b->sst_text + q->b->sst_off[i];
            f.len = q->b->sst_off[i + 1] - q->b->sst_off[i];
            break;
        }
        case 'i':
        case 't': {
            size_t n = q->v.len ? fs_xlsx_unescape(v, q->v.len) : 0;
            value = put_text(q, &f, &off, FS_V_TEXT, v, n);
            break;
        }
        case 'b': {
            const char *b = strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "TRUE" : "FALSE";
            value = put_text(q, &f, &off, FS_V_TEXT, b, strlen(b));
            break;
        }
        case 'e': value = put_text(q, &f, &off, FS_V_ERROR, v, q->v.len); break;
        case 'd': { /* ISO 8601: the date, without a time of day or zone */
            const char *t = memchr(v, 'T', q->v.len);
            value = put_text(q, &f, &off, FS_V_TEXT, v, t ? (size_t)(t - v) : q->v.len);
            break;
        }
        default: {
            double r;
            if (!parse_number(v, q->v.len, &r)) {
                char shown[40];
                fs_diag_echo(v, strlen(v), shown, sizeof shown);
                fs_loc l = cell_loc(q, q->col);
                fs_diag_add(q->x.d, R_XLSX_DAMAGED, &l, NULL,
                            "open the workbook in Excel or WPS, save it again as .xlsx and send "
                            "the new file",
                            "the workbook is damaged: the cell's number '%s' cannot be read",
                            shown);
                value = false;
                break;
            }
            char date[11];
            if (q->style < q->b->nxf && q->b->xf_date[q->style] &&
                fs_xlsx_serial_date(r, q->b->date1904, date)) {
                value = put_text(q, &f, &off, FS_V_TEXT, date, 10);
                f.date_shown = true;
                f.r = r;
            } else if (r == trunc(r) && fabs(r) < 9007199254740992.0) {
                f.type = FS_V_INT;
                f.i = (int64_t)r;
            } else {
                f.type = FS_V_REAL;
                f.r = r;
            }
            break;
        }
        }
    }
    if (!value)
        return;
    if (q->col > FS_XLSX_MAX_COLUMNS) {
        if (!q->wide_reported) {
            q->wide_reported = true;
            fs_loc l = cell_loc(q, q->col);
            fs_diag_add(q->x.d, R_XLSX_TOO_MANY_COLUMNS, &l, NULL,
                        "the tables of the standard have at most 16 columns: delete the values "
                        "far to the right",
                        "the sheet has a value beyond column IV (column %d); such values are not "
                        "read",
                        FS_XLSX_MAX_COLUMNS);
        }
        return;
    }
    size_t j = (size_t)q->col - 1;
    for (; q->nfields <= j; q->nfields++) {
        q->fields[q->nfields] = (fs_field){.type = FS_V_NULL, .s = ""};
        q->off[q->nfields] = SIZE_MAX;
    }
    q->fields[j] = f;
    q->off[j] = off;
    q->row_has_value = true;
}

static void row_end(sheet_src *q)
{
    q->in_row = false;
    q->last_row = q->row;
    if (!q->row_has_value || q->x.refused || q->x.env != FS_OK)
        return;
    for (size_t j = 0; j < q->nfields; j++)
        if (q->off[j] != SIZE_MAX)
            q->fields[j].s = q->arena.p + q->off[j];
    /* As wide as the widest row so far (the header): an empty cell at the
     * end of a row is still a cell with a name (D14), not a short row. */
    if (q->nfields > q->width)
        q->width = q->nfields;
    for (; q->nfields < q->width; q->nfields++)
        q->fields[q->nfields] = (fs_field){.type = FS_V_NULL, .s = ""};
    if (q->sh->nmerges) {
        /* Empty cells inside a merged range say so, also right of the
         * last value (the validator's columns may lie there). */
        for (int c = 1; c <= FS_XLSX_MAX_COLUMNS; c++) {
            if (q->sh->col_start[c] == q->sh->col_start[c - 1])
                continue;
            size_t j = (size_t)c - 1;
            if (j < q->nfields && q->fields[j].type != FS_V_NULL)
                continue;
            const char *range = merged_range(q->sh, q->row, c);
            if (!range)
                continue;
            for (; q->nfields <= j; q->nfields++)
                q->fields[q->nfields] = (fs_field){.type = FS_V_NULL, .s = ""};
            q->fields[j].merged = range;
        }
    }
    q->row_ready = true;
    fs_xlsx_xml_stop(&q->x, true);
}

static void XMLCALL sh_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    sheet_src *q = SRC(user);
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (q->skip || !fs_xlsx_is_main(ns)) {
        q->skip++;
        return;
    }
    if (!q->in_data) {
        if (strcmp(l, "sheetData") == 0)
            q->in_data = true;
    } else if (!q->in_row) {
        if (strcmp(l, "row") == 0)
            row_begin(q, atts);
    } else if (!q->in_c) {
        if (strcmp(l, "c") == 0)
            cell_begin(q, atts);
    } else if (q->in_is) {
        if (strcmp(l, "rPh") == 0) {
            q->in_rph++;
        } else if (strcmp(l, "t") == 0 && !q->in_rph) {
            const char *space = fs_xlsx_attr(atts, "space", FS_XLSX_NS_XML);
            q->in_t = true;
            q->t.len = 0;
            q->preserve = space && strcmp(space, "preserve") == 0;
        }
    } else if (strcmp(l, "v") == 0) {
        q->in_v = true;
        q->has_v = true;
        q->v.len = 0;
    } else if (strcmp(l, "f") == 0) {
        q->has_f = true;
    } else if (strcmp(l, "is") == 0) {
        q->in_is = true;
        q->has_is = true;
        q->is.len = 0;
    }
}

static void XMLCALL sh_text(void *user, const XML_Char *s, int len)
{
    sheet_src *q = SRC(user);
    if (q->skip || q->too_long)
        return;
    fs_xlsx_buf *b = q->in_v ? &q->v : q->in_t ? &q->t : NULL;
    if (!b)
        return;
    bool oom = false;
    if (!fs_xlsx_buf_add(b, s, (size_t)len, FS_XLSX_MAX_CELL, &oom)) {
        if (oom)
            out_of_memory(q);
        else
            q->too_long = true;
    }
}

static void XMLCALL sh_end(void *user, const XML_Char *name)
{
    sheet_src *q = SRC(user);
    if (q->skip) {
        q->skip--;
        return;
    }
    int ns;
    const char *l = fs_xlsx_name(name, &ns);
    if (!q->in_data)
        return;
    if (q->in_c) {
        if (q->in_is) {
            if (strcmp(l, "rPh") == 0 && q->in_rph) {
                q->in_rph--;
            } else if (strcmp(l, "t") == 0 && q->in_t) {
                q->in_t = false;
                if (q->too_long)
                    return;
                const char *p = q->t.len ? q->t.p : "";
                size_t n = q->t.len;
                if (!q->preserve)
                    fs_xlsx_strip_layout(&p, &n);
                if (n)
                    n = fs_xlsx_unescape(q->t.p + (p - q->t.p), n);
                bool oom = false;
                if (!fs_xlsx_buf_add(&q->is, p, n, FS_XLSX_MAX_CELL, &oom)) {
                    if (oom)
                        out_of_memory(q);
                    else
                        q->too_long = true;
                }
            } else if (strcmp(l, "is") == 0) {
                q->in_is = false;
            }
        } else if (strcmp(l, "v") == 0) {
            q->in_v = false;
        } else if (strcmp(l, "c") == 0) {
            cell_end(q);
        }
        return;
    }
    if (q->in_row) {
        if (strcmp(l, "row") == 0)
            row_end(q);
        return;
    }
    if (strcmp(l, "sheetData") == 0) {
        q->in_data = false;
        fs_xlsx_xml_stop(&q->x, false); /* nothing after the data is needed */
    }
}

/* See fs_source_next. */
static fs_status sh_next(fs_source *src, fs_row *row, bool *eof, fs_diags *d)
{
    sheet_src *q = (sheet_src *)src;
    *eof = false;
    if (q->failed != FS_OK)
        return q->failed;
    q->x.d = d;
    q->row_ready = false;
    while (!q->row_ready) {
        if (q->x.done) {
            *eof = true;
            return FS_OK;
        }
        fs_status st = fs_xlsx_xml_step(&q->x);
        if (st != FS_OK)
            return q->failed = st;
    }
    *row = (fs_row){.fields = q->fields, .nfields = q->nfields, .line = q->row};
    return FS_OK;
}

static void sh_free(fs_source *src)
{
    sheet_src *q = (sheet_src *)src;
    fs_xlsx_xml_end(&q->x);
    fs_xlsx_buf_free(&q->v);
    fs_xlsx_buf_free(&q->t);
    fs_xlsx_buf_free(&q->is);
    fs_xlsx_buf_free(&q->arena);
    free(q);
}

static const fs_source_ops sheet_ops = {sh_next, sh_free};

fs_status fs_xlsx_sheet_open(fs_xlsx_book *b, fs_xlsx_sheet *sh, fs_source **out, fs_diags *d)
{
    *out = NULL;
    sheet_src *q = calloc(1, sizeof *q);
    if (!q)
        return FS_ERR_NOMEM;
    fs_status st = fs_xlsx_xml_begin(&q->x, b, sh->part, FS_XLSX_MAX_SHEET_PART, sh->name, d);
    if (st != FS_OK) {
        free(q);
        return st;
    }
    fs_xlsx_xml_handlers(&q->x, sh_start, sh_end, sh_text);
    q->b = b;
    q->sh = sh;
    q->base.ops = &sheet_ops;
    q->base.loc_kind = FS_LOC_CELL;
    q->base.file = b->display;
    q->base.table = sh->name;
    q->base.text_checked = true; /* expat gives valid UTF-8, and XML has no NUL */
    q->base.spreadsheet = true;
    *out = &q->base;
    return FS_OK;
}

/* ------------------------------------------------------------- probe */

fs_status fs_xlsx_sheet_probe(fs_xlsx_book *b, fs_xlsx_sheet *sh, int *table, int *names,
                              bool *empty, fs_diags *d)
{
    /* Header recognition needs no zone: an empty one keeps the validator
     * honest should it ever look. */
    static const fs_zone no_zone;
    *table = -1;
    *names = 0;
    *empty = true;
    fs_diags rd, vd;
    fs_diags_init(&rd);
    fs_diags_init(&vd);
    fs_source *src = NULL;
    fs_status st = fs_xlsx_sheet_open(b, sh, &src, &rd);
    fs_validator *v = st == FS_OK ? fs_validator_new(&no_zone, src, -1) : NULL;
    if (st == FS_OK && !v)
        st = FS_ERR_NOMEM;
    fs_record *rec = st == FS_OK ? malloc(sizeof *rec) : NULL;
    if (st == FS_OK && !rec)
        st = FS_ERR_NOMEM;
    while (st == FS_OK) {
        fs_row row;
        bool eof;
        st = fs_source_next(src, &row, &eof, &rd);
        if (st != FS_OK || eof)
            break;
        *empty = false;
        fs_row_kind k = fs_validator_row(v, &row, rec, &vd);
        if (fs_validator_table(v) >= 0) {
            *table = fs_validator_table(v);
            for (size_t c = 0; c < fs_tables[*table].ncolumns; c++)
                *names += fs_validator_column(v, (int)c) > 0;
            break;
        }
        if (k == FS_ROW_STOP)
            break;
    }
    free(rec);
    fs_validator_free(v);
    fs_source_free(src);
    if (st == FS_ERR_DATA)
        fs_diags_merge(d, &rd); /* the sheet cannot be read: say why */
    fs_diags_free(&rd);
    fs_diags_free(&vd);
    return st;
}

/* --------------------------------------------------- the validator's hook */

bool fs_xlsx_cell_check(const fs_field *f, const fs_column *col, const char *colname,
                        const fs_loc *loc, fs_diags *d, char *buf, size_t size, fs_field *out)
{
    *out = *f;
    bool numeric = col->type == FS_CT_INT || col->type == FS_CT_YEAR || col->type == FS_CT_MONEY;
    switch (f->type) {
    case FS_V_ERROR: {
        if (f->len == 0) {
            fs_diag_add(d, R_XLSX_FORMULA_NO_VALUE, loc, NULL,
                        "open the workbook in Excel or WPS, let it calculate (press F9), save it "
                        "and send it again",
                        "%s holds a formula that has never been calculated, so its value is "
                        "unknown",
                        colname);
            return false;
        }
        char shown[40];
        fs_diag_echo(f->s, f->len, shown, sizeof shown);
        fs_diag_add(d, R_XLSX_ERROR_VALUE, loc, shown,
                    "correct the formula or type the value (#N/A means a lookup found nothing)",
                    "%s holds the error value %s instead of a value", colname, shown);
        return false;
    }
    case FS_V_INT:
    case FS_V_REAL:
        if (numeric)
            return true; /* judged as numbers, exactly as the validator does */
        if (f->type == FS_V_INT)
            snprintf(buf, size, "%" PRId64, f->i);
        else
            snprintf(buf, size, "%.15g", f->r); /* the 15 digits Excel shows */
        if (col->type == FS_CT_ID) {
            double kept = f->type == FS_V_REAL ? strtod(buf, NULL) : 0;
            if (f->type == FS_V_REAL && fabs(kept) < 1e21 && kept == nearbyint(kept))
                snprintf(buf, size, "%.0f", kept); /* 123456789012346000, not 1.2e+17 */
            char shown[40];
            fs_diag_echo(buf, strlen(buf), shown, sizeof shown);
            fs_diag_add(d, R_XLSX_NUMERIC_ID, loc, shown,
                        "format the column as Text in Excel or WPS (select the column, Format "
                        "Cells > Text), type the identifiers again and save",
                        "%s: identifier %s is stored as a number; Excel keeps only 15 digits of a "
                        "number, so identifiers lose digits",
                        colname, shown);
            return false;
        }
        /* A code, date or text column: the text Excel shows (and saves in
         * a CSV file), judged like CSV text. */
        *out = (fs_field){.type = FS_V_TEXT, .s = buf, .len = strlen(buf)};
        return true;
    case FS_V_NULL:
        if (f->merged && col->required) {
            fs_diag_add(d, R_VALUE_REQUIRED, loc, NULL,
                        "unmerge the cells and fill in the value on every row",
                        "%s is required but empty: the cell lies in the merged range %s, whose "
                        "value stands only in its top-left cell",
                        colname, f->merged);
            return false;
        }
        return true;
    case FS_V_TEXT:
        if (f->date_shown && numeric) {
            snprintf(buf, size, "%.15g", f->r);
            char shown[40];
            fs_diag_echo(buf, strlen(buf), shown, sizeof shown);
            fs_diag_add(d, R_XLSX_DATE_FORMAT, loc, shown,
                        "format the column as a number in Excel or WPS (select the column, "
                        "Format Cells > Number) and check its values",
                        "%s is formatted as a date, so the cell shows %.*s where a number "
                        "belongs (it holds %s)",
                        colname, (int)f->len, f->s, shown);
            return false;
        }
        return true;
    case FS_V_BLOB:
    default: return true;
    }
}
