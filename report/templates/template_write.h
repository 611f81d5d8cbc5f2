/*
 * template_write.h — what a county clerk fills in, written: the writers of
 * the template files and the step that writes them all.
 *
 * `forumstat template` writes, for one member county and one year:
 *
 *   DIR/CODE-Y-TABLE.csv       one per table: the header row only, in the
 *                              chosen language, UTF-8 with BOM, CRLF
 *   DIR/template-CODE-Y.xlsx   a workbook: Instructions (both languages),
 *                              one sheet per table with drop-downs and
 *                              checks, the data dictionary, hidden lists
 *   DIR/dictionary-CODE-Y.csv  every column: meaning, type, required,
 *                              allowed values, example (UTF-8 with BOM)
 *
 * `forumstat template --dictionary` prints the same dictionary, the codes,
 * the zone and the rule catalogue as Markdown for docs/ (see
 * scripts/update-docs), so the documentation cannot drift from schema.c,
 * rules.def and zone.conf either.
 *
 * The files to send are exactly DIR/CODE-Y-*.csv; the dictionary's name
 * and header keep it from being taken for a submission.
 *
 * The dependencies run one way: template_write.c (the step) calls the
 * writers template_csv.c, template_xlsx.c and template_doc.c, which call
 * template.c (template.h) for every text.  Failures come back as an
 * fs_status and a one-line explanation naming the file.
 */
#ifndef FS_TEMPLATE_WRITE_H
#define FS_TEMPLATE_WRITE_H

#include <stdio.h>

#include "template.h"

typedef struct fs_tpl_result {
    char *files[FS_TPL_MAX_FILES]; /* paths written, in order (owned)      */
    int nfiles;
} fs_tpl_result;

/* Free the paths of res (res itself is the caller's); res is empty after. */
void fs_tpl_result_free(fs_tpl_result *res);

/* ---- the step (template_write.c) ----------------------------------- */

/*
 * Write every template file of o into o->dir, each atomically (temporary
 * name, fsync, rename).  On failure returns the status and appends the
 * explanation to err (naming the file); files already written stay (each
 * is complete), res lists them.  res is filled either way: free it with
 * fs_tpl_result_free.  Unless o->force, a file that exists is never replaced
 * (standard v2 §5): when any of them exists nothing is written and the
 * result is FS_ERR_USAGE, err naming them (fs_template_existing).
 */
fs_status fs_template_write(const fs_tpl_opts *o, fs_tpl_result *res, fs_sbuf *err);

/* How many of o's template files exist already (anything at the path,
 * a dangling link too); their paths, separated by ", ", are appended to
 * list. */
int fs_template_existing(const fs_tpl_opts *o, fs_sbuf *list);

/* ---- the writers ----------------------------------------------------- */

/* Each writes one file to path atomically; on failure it returns the
 * status and appends the explanation, naming path, to err. */

/* One CSV template (template_csv.c): table t's header row to path. */
fs_status fs_tpl_write_csv(const fs_tpl_opts *o, fs_table t, const char *path, fs_sbuf *err);
/* The data dictionary as CSV (template_csv.c). */
fs_status fs_tpl_write_dictionary_csv(const fs_tpl_opts *o, const char *path, fs_sbuf *err);
/* The workbook (template_xlsx.c). */
fs_status fs_tpl_write_xlsx(const fs_tpl_opts *o, const char *path, fs_sbuf *err);

/*
 * (template_doc.c) Print the reference of the submission standard as Markdown to out: the
 * zone's counties, every table's columns, every code list and the rule
 * catalogue, in Chinese (zh) or English.  Returns FS_OK or FS_ERR_IO.
 */
fs_status fs_template_dictionary_md(FILE *out, const fs_zone *z, bool zh);

/* Count the rules (rules.def) that have no Chinese description yet (the
 * zh guide shows their English text); their ids are printed to out, one
 * per line, unless out is NULL. */
int fs_template_untranslated_rules(FILE *out);

#endif
