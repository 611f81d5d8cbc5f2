/*
 * diag.c — the diagnostics list and its two outputs: stderr lines and the
 * CSV file sent back to a county (see diag.h).
 */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csv_out.h"
#include "grow.h"
#include "i18n.h"
#include "parse.h"
#include "text.h"

static const struct {
    const char *id;
    fs_severity severity;
    const char *doc, *doc_zh;
} rule_table[FS_RULE_COUNT] = {
#define ERROR FS_SEV_ERROR
#define WARNING FS_SEV_WARNING
#define RULE(e, id, sev, doc, doc_zh) [e] = {id, sev, doc, doc_zh},
#include "rules.def"
#undef RULE
#undef ERROR
#undef WARNING
};

const char *fs_rule_id(fs_rule r)
{
    return (unsigned)r < FS_RULE_COUNT ? rule_table[r].id : "?";
}

fs_severity fs_rule_severity(fs_rule r)
{
    return (unsigned)r < FS_RULE_COUNT ? rule_table[r].severity : FS_SEV_ERROR;
}

const char *fs_rule_doc(fs_rule r)
{
    return (unsigned)r < FS_RULE_COUNT ? rule_table[r].doc : "";
}

const char *fs_rule_doc_zh(fs_rule r)
{
    return (unsigned)r < FS_RULE_COUNT && rule_table[r].doc_zh[0] ? rule_table[r].doc_zh : NULL;
}

fs_rule fs_rule_by_id(const char *id)
{
    for (int r = 0; r < FS_RULE_COUNT; r++)
        if (strcmp(rule_table[r].id, id) == 0)
            return (fs_rule)r;
    return FS_RULE_COUNT;
}

void fs_diags_init(fs_diags *d)
{
    memset(d, 0, sizeof *d);
}

static void diag_free_one(fs_diag *g)
{
    free(g->where);
    free(g->file);
    free(g->table);
    free(g->column);
    free(g->value);
    free(g->message);
    free(g->hint);
}

void fs_diags_free(fs_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        diag_free_one(&d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

void fs_diags_merge(fs_diags *dst, fs_diags *src)
{
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    dst->dropped += src->dropped;
    dst->oom |= src->oom;
    for (size_t i = 0; i < src->count; i++) {
        bool room = dst->file_kept < FS_DIAGS_KEEP;
        if (room && !fs_grow((void **)&dst->items, &dst->cap, dst->count, sizeof *dst->items)) {
            dst->oom = true;
            room = false;
        }
        if (room) {
            dst->items[dst->count++] = src->items[i];
            dst->file_kept++;
        } else {
            diag_free_one(&src->items[i]);
            dst->dropped++;
        }
    }
    src->count = 0;
    fs_diags_free(src);
}

void fs_diags_merge_upto(fs_diags *dst, fs_diags *src, size_t *from, size_t upto)
{
    size_t end = upto < src->count ? upto : src->count;
    for (size_t i = *from; i < end; i++) {
        fs_diag *g = &src->items[i];
        if (g->severity == FS_SEV_ERROR) {
            dst->errors++;
            src->errors--;
        } else {
            dst->warnings++;
            src->warnings--;
        }
        bool room = dst->file_kept < FS_DIAGS_KEEP;
        if (room && dst->count == dst->cap) {
            size_t cap = dst->cap ? dst->cap * 2 : 32;
            fs_diag *items = realloc(dst->items, cap * sizeof *items);
            if (items) {
                dst->items = items;
                dst->cap = cap;
            } else {
                dst->oom = true;
                room = false;
            }
        }
        if (room) {
            dst->items[dst->count++] = *g;
            dst->file_kept++;
        } else {
            diag_free_one(g);
            dst->dropped++;
        }
        memset(g, 0, sizeof *g);
    }
    if (end > *from)
        *from = end;
    if (upto == SIZE_MAX) { /* what src counted but did not store */
        dst->errors += src->errors;
        dst->warnings += src->warnings;
        dst->dropped += src->dropped;
        dst->oom |= src->oom;
        src->errors = src->warnings = src->dropped = 0;
        src->oom = false;
    }
}

void fs_diags_unsay(fs_diags *d, size_t i, fs_severity sev)
{
    if (sev == FS_SEV_ERROR)
        d->errors--;
    else
        d->warnings--;
    if (i >= d->count) { /* counted, not stored */
        d->dropped--;
        return;
    }
    diag_free_one(&d->items[i]);
    memmove(d->items + i, d->items + i + 1, (d->count - i - 1) * sizeof *d->items);
    d->count--;
    d->file_kept--;
}

void fs_diags_set_row(fs_diags *d, const char *file, long line, long row)
{
    bool differs = row > 0 && row != line;
    d->row_file = differs ? file : NULL;
    d->row_line = differs ? line : 0;
    d->row_row = differs ? row : 0;
}

void fs_diags_begin_file(fs_diags *d)
{
    d->file_kept = 0;
}

/* Column letters of a 1-based column number ("A", "AB"). */
static void column_letters(int col, char *out)
{
    char tmp[8];
    int n = 0;
    while (col > 0 && n < 7) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

void fs_loc_format(const fs_loc *loc, fs_sbuf *b)
{
    const char *file = loc->file ? loc->file : "-";
    char letters[8];
    switch (loc->kind) {
    case FS_LOC_LINE:
        if (loc->line > 0 && loc->column > 0)
            fs_sbuf_addf(b, "%s:%ld:%d", file, loc->line, loc->column);
        else if (loc->line > 0)
            fs_sbuf_addf(b, "%s:%ld", file, loc->line);
        else
            fs_sbuf_addf(b, "%s", file);
        break;
    case FS_LOC_ROWID: {
        /* the column as the file names it, which a query on the file
         * takes: "受理日期", not the messages' "受理日期 (date_received)" */
        const char *col = loc->colname;
        int collen = !col ? 0 : loc->colname_own > 0 ? loc->colname_own : (int)strlen(col);
        if (loc->line > 0)
            fs_sbuf_addf(b, "%s:%s#%ld%s%.*s", file, loc->table ? loc->table : "?", loc->line,
                         col ? ":" : "", collen, col ? col : "");
        else
            fs_sbuf_addf(b, "%s:%s%s%.*s", file, loc->table ? loc->table : "?", col ? ":" : "",
                         collen, col ? col : "");
        break;
    }
    case FS_LOC_CELL:
        column_letters(loc->column, letters);
        if (loc->line > 0 && loc->column > 0)
            fs_sbuf_addf(b, "%s:%s!%s%ld", file, loc->table ? loc->table : "?", letters, loc->line);
        else if (loc->line > 0) /* a whole row, as Excel's Name Box takes it */
            fs_sbuf_addf(b, "%s:%s!%ld:%ld", file, loc->table ? loc->table : "?", loc->line,
                         loc->line);
        else
            fs_sbuf_addf(b, "%s:%s", file, loc->table ? loc->table : "?");
        break;
    case FS_LOC_FILE:
    default: fs_sbuf_addf(b, "%s", file); break;
    }
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

void fs_diag_add(fs_diags *d, fs_rule rule, const fs_loc *loc, const char *value, const char *hint,
                 const char *fmt, ...)
{
    fs_severity sev = fs_rule_severity(rule);
    if (sev == FS_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->file_kept >= FS_DIAGS_KEEP) {
        d->dropped++;
        return;
    }
    if (!fs_grow((void **)&d->items, &d->cap, d->count, sizeof *d->items)) {
        d->oom = true;
        d->dropped++;
        return;
    }
    fs_sbuf where = {0}, msg = {0};
    va_list ap;
    va_start(ap, fmt);
    fs_sbuf_vaddf(&msg, fs_tr(fmt), ap); /* messages and hints in the chosen language */
    va_end(ap);
    hint = fs_tr(hint);
    fs_loc_format(loc, &where);

    fs_diag *g = &d->items[d->count];
    memset(g, 0, sizeof *g);
    g->rule = rule;
    g->severity = sev;
    g->line = loc->line;
    g->row = loc->kind == FS_LOC_LINE && d->row_line > 0 && loc->line == d->row_line && loc->file &&
                     d->row_file && strcmp(loc->file, d->row_file) == 0
                 ? d->row_row
                 : 0;
    g->colno = loc->kind == FS_LOC_ROWID ? 0 : loc->column;
    g->where = fs_sbuf_take(&where);
    g->kind = loc->kind;
    g->file = dup_or_empty(loc->file);
    g->table = dup_or_empty(loc->table);
    g->column = dup_or_empty(loc->colname);
    g->value = dup_or_empty(value);
    g->message = fs_sbuf_take(&msg);
    g->hint = dup_or_empty(hint);
    if (!g->where || !g->file || !g->table || !g->column || !g->value || !g->message || !g->hint) {
        diag_free_one(g);
        d->oom = true;
        d->dropped++;
        return;
    }
    d->count++;
    d->file_kept++;
}

/* s with every ASCII control character (a line break or an escape in a
 * file's name) written as '?': one problem is one line, and a name cannot
 * rewrite the terminal.  Bytes >= 0x80 pass (UTF-8, or a GBK file name). */
static void put_one_line(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7F ? '?' : *s, out);
}

void fs_diags_print(const fs_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->count; i++) {
        const fs_diag *g = &d->items[i];
        put_one_line(out, g->where);
        fprintf(out, ": %s [%s] ", g->severity == FS_SEV_ERROR ? "error" : "warning",
                fs_rule_id(g->rule));
        if (g->row)
            fprintf(out, _("spreadsheet row %ld: "), g->row);
        put_one_line(out, g->message);
        if (g->hint[0]) {
            fputs(" — ", out);
            put_one_line(out, g->hint);
        }
        fputc('\n', out);
    }
    if (d->dropped)
        fprintf(
            out,
            d->oom
                ? P_("forumstat: %zu more problem was counted but not listed (out of memory)\n",
                     "forumstat: %zu more problems were counted but not listed (out of memory)\n",
                     d->dropped)
                : P_("forumstat: %zu more problem was counted but not listed (list limit per file "
                     "reached)\n",
                     "forumstat: %zu more problems were counted but not listed (list limit per "
                     "file reached)\n",
                     d->dropped),
            d->dropped);
}

const char *const fs_diags_csv_columns[FS_DIAGS_CSV_COLUMNS] = {
    "file", "line", "row", "column", "column_name", "severity", "rule", "message"};

fs_status fs_diags_write_csv(const fs_diags *d, const char *path)
{
    fs_atomic a;
    fs_status st = fs_atomic_begin(&a, path);
    if (st != FS_OK)
        return st;
    fputs("\xEF\xBB\xBF", a.fp);
    for (int k = 0; k < FS_DIAGS_CSV_COLUMNS; k++)
        fprintf(a.fp, "%s%s", k ? "," : "", fs_diags_csv_columns[k]);
    fputs("\r\n", a.fp);
    for (size_t i = 0; i < d->count; i++) {
        const fs_diag *g = &d->items[i];
        char line[32] = "", row[300] = "", col[16] = "";
        if (g->kind == FS_LOC_ROWID) {
            /* SQLite: "TABLE#ROWID" (or the table alone), no line */
            if (g->line > 0)
                snprintf(row, sizeof row, "%s#%ld", g->table, g->line);
            else
                snprintf(row, sizeof row, "%s", g->table);
        } else if (g->kind == FS_LOC_CELL) {
            /* a workbook: the row in the sheet, and where Excel's Name Box
             * goes: "SHEET!E3", "SHEET!3:3" (a row), or the sheet alone */
            char letters[8];
            column_letters(g->colno, letters);
            const char *sheet = g->table ? g->table : "?";
            if (g->line > 0)
                snprintf(line, sizeof line, "%ld", g->line);
            if (g->line > 0 && g->colno > 0)
                snprintf(row, sizeof row, "%s!%s%ld", sheet, letters, g->line);
            else if (g->line > 0)
                snprintf(row, sizeof row, "%s!%ld:%ld", sheet, g->line, g->line);
            else
                snprintf(row, sizeof row, "%s", sheet);
        } else if (g->line > 0) {
            snprintf(line, sizeof line, "%ld", g->line);
            snprintf(row, sizeof row, "%ld", g->row ? g->row : g->line);
        }
        if (g->colno > 0)
            snprintf(col, sizeof col, "%d", g->colno);
        fs_csv_put(a.fp, g->file, FS_CSV_GUARD);
        fs_csv_put(a.fp, line, FS_CSV_GUARD);
        fs_csv_put(a.fp, row, FS_CSV_GUARD);
        fs_csv_put(a.fp, col, FS_CSV_GUARD);
        fs_csv_put(a.fp, g->column, FS_CSV_GUARD);
        fs_csv_put(a.fp, g->severity == FS_SEV_ERROR ? "error" : "warning", FS_CSV_GUARD);
        fs_csv_put(a.fp, fs_rule_id(g->rule), FS_CSV_GUARD);
        if (g->hint[0]) {
            size_t n = strlen(g->message) + strlen(g->hint) + 8;
            char *m = malloc(n);
            if (m)
                snprintf(m, n, "%s — %s", g->message, g->hint);
            fs_csv_put(a.fp, m ? m : g->message, FS_CSV_GUARD | FS_CSV_LAST);
            free(m);
        } else {
            fs_csv_put(a.fp, g->message, FS_CSV_GUARD | FS_CSV_LAST);
        }
    }
    return fs_atomic_commit(&a);
}

/* A value safe and short enough to echo in a message (stderr, the county's
 * error CSV): at most size - 4 bytes of it, cut at a character boundary
 * with "..." marking the cut; invalid UTF-8 and control characters (C0,
 * DEL, C1, bidirectional overrides, which could rewrite a terminal line)
 * shown as '?'; and, when the value holds a resident identity or mobile
 * number, every digit masked as '*': such numbers never leave forumstat,
 * not even in the message that refuses them. */
const char *fs_diag_echo(const char *s, size_t n, char *buf, size_t size)
{
    size_t o = 0, i = 0;
    bool cut = false;
    while (i < n) {
        uint32_t cp = 0;
        size_t k = fs_utf8_decode(s + i, n - i, &cp);
        bool bad = k == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
                   (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        size_t put = bad ? 1 : k;
        if (o + put > size - 4) {
            cut = true;
            break;
        }
        if (bad)
            buf[o] = '?';
        else
            memcpy(buf + o, s + i, k);
        o += put;
        i += k ? k : 1;
    }
    if (cut) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
    if (fs_has_id_number(s, n) || fs_has_mobile_number(s, n) || fs_has_id_number(buf, o) ||
        fs_has_mobile_number(buf, o))
        fs_mask_digits(buf, o);
    return buf;
}
