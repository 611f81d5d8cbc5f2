/*
 * cmd_import.c — `forumstat import [--db PATH] FILE|DIR...`.
 */
#include "commands.h"
#include "i18n.h"
#include "ingest_cli.h"

static const char *const help =
    N_("usage: forumstat import [--db PATH] [--county C] [--year Y] [--allow-shrink]\n"
       "                        [--again] [--errors OUT.csv] [--zone FILE] [-q] [-v]\n"
       "                        FILE|DIR...\n"
       "\n"
       "Validate county submission files (.xlsx workbook, CSV or SQLite) and\n"
       "import the valid ones into the warehouse.  A legacy .xls, .xlsb, .ods or\n"
       "password-protected workbook is refused [file.spreadsheet]: save it as\n"
       ".xlsx.  A folder stands for every regular file in it and its sub-folders\n"
       "(to depth 8, symbolic links not followed), in path order; a folder with\n"
       "no file to read is an error.  Each file is imported whole or not at all,\n"
       "and the run is one transaction.  The records of one run replace, for\n"
       "each county, year and table they hold, what earlier imports held;\n"
       "nothing is deleted, and 'forumstat revert' undoes a run.\n"
       "A run that would leave a county, year and table with fewer than half its\n"
       "records is refused as a whole, changing nothing [import.shrink_refused];\n"
       "a smaller shrink warns [import.shrink].  A file identical (SHA-256) to\n"
       "one imported before is skipped with a notice: when still current (unless\n"
       "the run replaces some of what it holds: then it is read with the run), and\n"
       "also when a later import replaced it, so that a folder imported again\n"
       "never undoes a correction (a file of a reverted import is read again);\n"
       "the same file named twice is read once.  Problems go to stderr as for\n"
       "validate; one line per file, the slice table (records per county, year\n"
       "and table in the files, and in the warehouse before and after) and a\n"
       "summary go to stdout.\n"
       "Ctrl-C (SIGINT) or SIGTERM stops at a file boundary: the file being read\n"
       "is rolled back, the files before it stay imported, the run is on record\n"
       "as interrupted, and the last line lists the files imported and not.\n"
       "\n"
       "  --db PATH         the warehouse (default: ./forumstat.db, created if missing)\n"
       "  --county C        every record of another county is an error\n"
       "  --year Y          every record of another year is an error\n"
       "  --allow-shrink    accept a run that leaves a county, year and table with\n"
       "                    fewer than half its records\n"
       "  --again           read the files imported before too (to make current again\n"
       "                    a file a later import replaced)\n"
       "  --errors OUT.csv  also write the problems as a CSV file for the county\n"
       "  --zone FILE       zone configuration (default: templates/zone.conf)\n"
       "  -q, --quiet       print only the problems (no per-file lines, slice\n"
       "                    table, summary or progress)\n"
       "  -v, --verbose     also say what is being done (zone, warehouse, outputs)\n"
       "\n"
       "Exit status: 0 all files imported (or skipped as imported already), 1 some\n"
       "file refused, the run refused as a whole or a folder empty, 2 wrong usage,\n"
       "3 environment failure (nothing of the run was imported), 130/143\n"
       "interrupted by SIGINT/SIGTERM.\n");

int cmd_import(int argc, char **argv)
{
    return fs_ingest_command(argc, argv, true, help);
}
