/*
 * ingest_cli.h — the shared body of `validate` and `import`: run the
 * pipeline, print the diagnostics and the summary, write the error CSV.
 */
#ifndef FS_INGEST_CLI_H
#define FS_INGEST_CLI_H

#include <stdbool.h>

#include "cli.h"

/* Parse the options shared by validate and import (--zone, --errors, -q,
 * and --db when `with_db`) and run.  Returns the exit code. */
int fs_ingest_command(int argc, char **argv, bool import, const char *help);

#endif
