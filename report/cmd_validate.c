/*
 * cmd_validate.c — `forumstat validate FILE|DIR...`: check without writing.
 */
#include "commands.h"
#include "ingest_cli.h"

static const char help[] =
    "usage: forumstat validate [--errors OUT.csv] [--zone FILE] [-q] [-v] FILE|DIR...\n"
    "\n"
    "Check county submission files (CSV or SQLite) against the submission\n"
    "standard without writing any database.  A folder stands for every\n"
    "regular file directly inside it.  Files are recognised by content, not\n"
    "by name; a spreadsheet workbook (.xlsx, .xls, .ods: any ZIP or OLE file)\n"
    "is refused unread [file.spreadsheet]: save each sheet as CSV UTF-8\n"
    "(Excel: File > Save As; WPS: 文件 > 另存为) and send the CSV files.\n"
    "Every problem is printed on stderr as\n"
    "FILE:LINE:COLUMN: error|warning [rule] message — what to do.\n"
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
