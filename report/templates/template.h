/*
 * template.h — the texts every template writer shares: file names, column
 * headers, allowed values, examples and fixed labels, all generated from
 * the one definition of the tables (schema.c), the rules (rules.def) and
 * the zone.  The bottom of the template stage: it calls no writer.
 *
 *   template.c                              these texts (this header)
 *   template_csv.c, template_xlsx.c,        the writers, each describing a
 *   template_doc.c                          column only through template.c
 *   template_write.c                        the step writing every file
 *   (template_write.h declares the writers and the step)
 *
 * Every text a county reads comes from schema.c (column docs, enum labels),
 * rules.def (rule descriptions in English and Chinese) or the zone; the
 * few fixed labels live in template.c.  Nothing here prints to stdout or
 * stderr or exits.
 */
#ifndef FS_TEMPLATE_H
#define FS_TEMPLATE_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "sbuf.h"
#include "schema.h"
#include "status.h"
#include "zone.h"

/* Files the template step writes: four CSV, the workbook, the dictionary. */
#define FS_TPL_MAX_FILES (FS_T_COUNT + 2)

typedef struct fs_tpl_opts {
    const fs_zone *zone;
    int county;      /* index into zone->counties: the reporting county */
    int year;        /* 2000..2100                                      */
    bool zh;         /* headers, sheet names, drop-downs in Chinese     */
    const char *dir; /* output folder; must exist                      */
    time_t epoch;    /* the workbook's creation time (reproducible)     */
    bool force;      /* replace files that exist (else refuse them)     */
} fs_tpl_opts;

/* The file name (no folder) of table t's CSV template, of the workbook
 * (t == -1) or of the dictionary (t == -2), for county code and year. */
void fs_tpl_file_name(char *buf, size_t size, const char *code, int year, int t);

/* ---- shared by the writers (template.c) ---------------------------- */

/* The header a county writes for column c: its Chinese alias (zh) or
 * English name. */
const char *fs_tpl_header(const fs_column *c, bool zh);

/* How an allowed value of an enumerated column is written in the chosen
 * language: the Chinese name (zh; the code for ICCS sections, which are
 * what counties write) or the code (en). */
const char *fs_tpl_enum_entry(const fs_column *c, size_t i, bool zh);

/*
 * The "allowed values" text of column c (table t) as a new heap string
 * (NULL on allocation failure): every enum value with its label, the
 * member counties for county columns (only `county` itself for the
 * reporting county column when county >= 0), ranges and lengths
 * otherwise; date forms use `year` for a county's template (county >= 0,
 * year > 0), else 2024.  `sep` separates list items ("; " or "\n").
 */
char *fs_tpl_allowed(const fs_zone *z, fs_table t, size_t col, int county, int year, bool zh,
                     const char *sep);

/* The example of column col of table t as the county would write it: for
 * a county's template (county >= 0) its own code in the reporting county
 * column and the template's year in a year column, and in dates and
 * identifiers ("2025-05-20", "DS-2025-0001"); an enum value in the chosen
 * language (fs_tpl_enum_entry); else schema.c's example.  buf (at least
 * 64 bytes) may hold the result. */
const char *fs_tpl_example(const fs_zone *z, fs_table t, size_t col, int county, int year, bool zh,
                           char *buf, size_t bufsz);

/* "required" / "optional" (or 必填 / 选填). */
const char *fs_tpl_required(const fs_column *c, bool zh);

/* Display width of UTF-8 text in spreadsheet columns: CJK and full-width
 * characters count two, everything else one. */
size_t fs_tpl_width(const char *s);

/* Copy at most `max` characters of UTF-8 text s into a new heap string,
 * ending with "…" when cut (Excel limits input messages and titles).
 * NULL on allocation failure. */
char *fs_tpl_cut(const char *s, size_t max);

/* Fixed labels in both languages (template.c). */
typedef enum fs_tpl_label {
    FS_TL_TABLE,
    FS_TL_COLUMN,
    FS_TL_OTHER_NAME,
    FS_TL_MEANING,
    FS_TL_TYPE,
    FS_TL_REQUIRED,
    FS_TL_ALLOWED,
    FS_TL_EXAMPLE,
    FS_TL_COUNT
} fs_tpl_label;

const char *fs_tpl_label_text(fs_tpl_label l, bool zh);

#endif
