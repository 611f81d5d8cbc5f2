/*
 * cmd_import.c — `forumstat import [--db PATH] FILE|DIR...`.
 */
#include "commands.h"
#include "ingest_cli.h"

static const char help[] =
    "usage: forumstat import [--db PATH] [--errors OUT.csv] [--zone FILE] [-q] [-v]\n"
    "                        FILE|DIR...\n"
    "\n"
    "Validate county submission files (.xlsx workbook, CSV or SQLite) and\n"
    "import the valid ones into the warehouse.  A legacy .xls, .xlsb, .ods or\n"
    "password-protected workbook is refused [file.spreadsheet]: save it as\n"
    ".xlsx.  Each file is imported whole or not at all.  The records of\n"
    "one run replace, for each county, year and table they hold, what earlier\n"
    "imports held; nothing is deleted, and 'forumstat revert' undoes a run.\n"
    "Problems go to stderr as for validate; one line per file and a summary\n"
    "go to stdout; on a terminal, a progress line on stderr shows long work.\n"
    "\n"
    "  --db PATH         the warehouse (default: ./forumstat.db, created if missing)\n"
    "  --errors OUT.csv  also write the problems as a CSV file for the county\n"
    "  --zone FILE       zone configuration (default: templates/zone.conf)\n"
    "  -q, --quiet       print only the problems (no per-file lines, summary or\n"
    "                    progress)\n"
    "  -v, --verbose     also say what is being done (zone, warehouse, outputs)\n"
    "\n"
    "Exit status: 0 all files imported, 1 some file refused, 2 wrong usage,\n"
    "3 environment failure (the file being imported was rolled back).\n";

int cmd_import(int argc, char **argv)
{
    return fs_ingest_command(argc, argv, true, help);
}
