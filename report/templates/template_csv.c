/*
 * template_csv.c — the CSV files of a county's template: one header-only
 * file per table, and the data dictionary (see template.h).
 *
 * Both are what Excel on a Chinese-locale Windows opens with the right
 * characters: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
 * quoting.  A header-only file is a valid submission (zero records, one
 * warning), so an unfilled record table never produces an error.  The
 * indicators file lists the indicators as the workbook's sheet does: one
 * row per indicator (county, year, indicator; the declared record counts
 * of standard v2 §2.3 included), the value left for the clerk; a row left
 * without a value is an error saying to fill it in or delete the row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csv_out.h"
#include "i18n.h"
#include "template_write.h"

#define BOM "\xEF\xBB\xBF"

static fs_status begin(fs_atomic *a, const char *path, fs_sbuf *err)
{
    fs_status st = fs_atomic_begin(a, path);
    if (st != FS_OK)
        fs_sbuf_addf(err, _("cannot create %s: %s"), path, strerror(errno));
    return st;
}

static fs_status commit(fs_atomic *a, const char *path, fs_sbuf *err)
{
    bool bad = ferror(a->fp) != 0;
    if (bad) {
        fs_atomic_abort(a);
        fs_sbuf_addf(err, _("cannot write %s: %s"), path, strerror(errno));
        return FS_ERR_IO;
    }
    fs_status st = fs_atomic_commit(a);
    if (st != FS_OK)
        fs_sbuf_addf(err, _("cannot write %s: %s"), path, fs_strerror(st));
    return st;
}

fs_status fs_tpl_write_csv(const fs_tpl_opts *o, fs_table t, const char *path, fs_sbuf *err)
{
    fs_atomic a;
    fs_status st = begin(&a, path, err);
    if (st != FS_OK)
        return st;
    const fs_table_def *td = &fs_tables[t];
    fputs(BOM, a.fp);
    for (size_t c = 0; c < td->ncolumns; c++)
        fs_csv_put(a.fp, fs_tpl_header(&td->columns[c], o->zh),
                   c + 1 == td->ncolumns ? FS_CSV_LAST : 0);
    int ind = t == FS_T_INDICATORS ? fs_column_index(t, "indicator") : -1;
    for (size_t i = 0; ind >= 0 && i < td->columns[ind].nvalues; i++) {
        char year[16];
        snprintf(year, sizeof year, "%d", o->year);
        for (size_t c = 0; c < td->ncolumns; c++) {
            const char *v = "";
            if ((int)c == td->county_col)
                v = o->zone->counties[o->county].code;
            else if ((int)c == td->year_col)
                v = year;
            else if ((int)c == ind)
                v = fs_tpl_enum_entry(&td->columns[ind], i, o->zh);
            fs_csv_put(a.fp, v, c + 1 == td->ncolumns ? FS_CSV_LAST : 0);
        }
    }
    return commit(&a, path, err);
}

fs_status fs_tpl_write_dictionary_csv(const fs_tpl_opts *o, const char *path, fs_sbuf *err)
{
    fs_atomic a;
    fs_status st = begin(&a, path, err);
    if (st != FS_OK)
        return st;
    bool zh = o->zh;
    fputs(BOM, a.fp);
    for (int l = 0; l < FS_TL_COUNT; l++) {
        fs_csv_put(a.fp, fs_tpl_label_text((fs_tpl_label)l, zh),
                   l + 1 == FS_TL_COUNT ? FS_CSV_LAST : 0);
    }
    for (int t = 0; t < FS_T_COUNT; t++) {
        const fs_table_def *td = &fs_tables[t];
        char table[96];
        if (zh)
            snprintf(table, sizeof table, "%s（%s）", td->name_zh, td->name);
        else
            snprintf(table, sizeof table, "%s", td->name);
        for (size_t c = 0; c < td->ncolumns; c++) {
            const fs_column *col = &td->columns[c];
            char *allowed = fs_tpl_allowed(o->zone, (fs_table)t, c, o->county, o->year, zh, "; ");
            if (!allowed) {
                fs_atomic_abort(&a);
                fs_sbuf_addf(err, _("out of memory while writing %s"), path);
                return FS_ERR_NOMEM;
            }
            fs_csv_put(a.fp, table, 0);
            fs_csv_put(a.fp, fs_tpl_header(col, zh), 0);
            fs_csv_put(a.fp, fs_tpl_header(col, !zh), 0);
            fs_csv_put(a.fp, zh ? col->doc_zh : col->doc_en, 0);
            fs_csv_put(a.fp, fs_coltype_doc(col->type, zh), 0);
            fs_csv_put(a.fp, fs_tpl_required(col, zh), 0);
            fs_csv_put(a.fp, allowed, 0);
            char yb[64];
            fs_csv_put(
                a.fp,
                fs_tpl_example(o->zone, (fs_table)t, c, o->county, o->year, zh, yb, sizeof yb),
                FS_CSV_LAST);
            free(allowed);
        }
    }
    return commit(&a, path, err);
}
