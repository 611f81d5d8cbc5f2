/*
 * cmd_validate.c — `forumstat validate FILE|DIR...`: check without writing.
 */
#include "commands.h"
#include "ingest_cli.h"

static const char help[] =
    "usage: forumstat validate [--errors OUT.csv] [--zone FILE] [-q] [-v] FILE|DIR...\n"
    "\n"
    "Check county submission files (.xlsx workbook, CSV or SQLite) against\n"
    "the submission standard without writing any database.  A folder stands\n"
    "for every regular file directly inside it.  Files are recognised by\n"
    "content, not by name; in a workbook every visible sheet holding a table\n"
    "is read.  A legacy .xls, .xlsb, .ods or password-protected workbook is\n"
    "refused [file.spreadsheet]: save it as .xlsx (Excel: File > Save As;\n"
    "WPS: 文件 > 另存为) or each sheet as CSV UTF-8.\n"
    "Every problem is printed on stderr as\n"
    "FILE:LINE:COLUMN (FILE:SHEET!CELL in a workbook): error|warning [rule]\n"
    "message — what to do.\n"
    "One line per file and a summary go to stdout; while long work runs, a\n"
    "progress line on stderr shows the file, records done, speed and time left\n"
    "(only when stderr is a terminal).\n"
    "\n"
    "  --errors OUT.csv  also write the problems as a CSV file to send back\n"
    "                    to the county (opens in Excel)\n"
    "  --zone FILE       zone configuration (default: templates/zone.conf)\n"
    "  -q, --quiet       print only the problems (no per-file lines, summary or\n"
    "                    progress)\n"
    "  -v, --verbose     also say what is being done (zone, warehouse, outputs)\n"
    "\n"
    "Exit status: 0 all files valid (warnings allowed), 1 some file has\n"
    "errors, 2 wrong usage, 3 environment failure.\n";

int cmd_validate(int argc, char **argv)
{
    return fs_ingest_command(argc, argv, false, help);
}
