/*
 * cmd_validate.c — `forumstat validate FILE|DIR...`: check without writing.
 */
#include "commands.h"
#include "i18n.h"
#include "ingest_cli.h"

static const char *const help =
    N_("usage: forumstat validate [--county C] [--year Y] [--errors OUT.csv]\n"
       "                          [--zone FILE] [-q] [-v] FILE|DIR...\n"
       "\n"
       "Check county submission files (.xlsx workbook, CSV or SQLite) against\n"
       "the submission standard without writing any database.  A folder stands\n"
       "for every regular file in it and its sub-folders (to depth 8, symbolic\n"
       "links not followed); a folder with no file to read is an error.  Files\n"
       "are recognised by content, not by name; in a workbook every visible\n"
       "sheet holding a table is read.  A legacy .xls, .xlsb, .ods or\n"
       "password-protected workbook is refused [file.spreadsheet]: save it as\n"
       ".xlsx (Excel: File > Save As; WPS: 文件 > 另存为) or each sheet as CSV\n"
       "UTF-8.  A clerk checks the county's own files with\n"
       "  forumstat validate --county 341321 --year 2025 341321-2025-*\n"
       "Every problem is printed on stderr as\n"
       "FILE:LINE:COLUMN (FILE:SHEET!CELL in a workbook): error|warning [rule]\n"
       "message — what to do.\n"
       "One line per file, the slice table (records per county, year and table\n"
       "in the valid files) and a summary go to stdout; while long work runs, a\n"
       "progress line on stderr shows the file, records done, speed and time left\n"
       "(only when stderr is a terminal).\n"
       "\n"
       "  --county C        every record of another county is an error (C: code\n"
       "                    or name)\n"
       "  --year Y          every record of another year is an error\n"
       "  --errors OUT.csv  also write the problems as a CSV file to send back\n"
       "                    to the county (opens in Excel)\n"
       "  --zone FILE       zone configuration (default: templates/zone.conf)\n"
       "  -q, --quiet       print only the problems (no per-file lines, slice\n"
       "                    table, summary or progress)\n"
       "  -v, --verbose     also say what is being done (zone, warehouse, outputs)\n"
       "\n"
       "Exit status: 0 all files valid (warnings allowed), 1 some file has\n"
       "errors or a folder is empty, 2 wrong usage, 3 environment failure,\n"
       "130/143 interrupted by SIGINT/SIGTERM.\n");

int cmd_validate(int argc, char **argv)
{
    return fs_ingest_command(argc, argv, false, help);
}
