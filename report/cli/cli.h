/*
 * cli.h — what every subcommand shares: common options, the zone, the
 * import clock, and the one place diagnostics and failures are printed.
 *
 * Subcommands live one per file (cmd_*.c) behind the dispatch table in
 * main.c; each parses its own options and prints its own --help.
 */
#ifndef FS_CLI_H
#define FS_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"
#include "zone.h"

#define FS_DEFAULT_DB "forumstat.db"

/* Options common to all subcommands. */
typedef struct fs_cli {
    const char *cmd;       /* subcommand name, for messages  */
    const char *zone_path; /* --zone, else FORUMSTAT_ZONE     */
    const char *db_path;   /* --db, else FS_DEFAULT_DB, as shown in
                              messages: a password replaced by ***  */
    const char *db_target; /* what to open (fs_cli_db), NULL before  */
    bool quiet, verbose;
    fs_zone *zone; /* loaded by fs_cli_load_zone      */
} fs_cli;

/* The long options every subcommand takes; put first in its table. */
#define FS_CLI_COMMON_OPTIONS                                                                      \
    {"db", required_argument, NULL, 'd'}, {"zone", required_argument, NULL, 'z'},                  \
        {"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},                    \
    {                                                                                              \
        "help", no_argument, NULL, 'h'                                                             \
    }
#define FS_CLI_COMMON_SHORT "qvh" /* options may follow the files (GNU order) */

/*
 * Handle one option returned by getopt_long that is common to every
 * subcommand (or unknown).  Returns -1 when handled and parsing goes on,
 * else the exit code to return now: 0 after printing `help` for --help,
 * 2 (with a message) for an unknown or incomplete option.
 */
int fs_cli_option(fs_cli *cli, int c, char **argv, const char *help);

/* --year Y (arg NULL when not given): 0 with *year set, or 2 after a usage
 * error saying what is wrong. */
int fs_cli_year(const fs_cli *cli, const char *arg, long *year);

/* --county C (a member county's code or name, in the loaded zone): 0 with
 * *county its index, or 2 after a usage error (naming the nearest county
 * when one is close: "砀山" -> 砀山县). */
int fs_cli_county(const fs_cli *cli, const char *arg, int *county);

/* --lang zh|en: 0 with *zh set, or 2 after a usage error. */
int fs_cli_lang(const fs_cli *cli, const char *arg, bool *zh);

/* Load the zone from --zone, $FORUMSTAT_ZONE, the source tree's
 * templates/zone.conf next to the binary, or the installed copy.  Prints a
 * message and returns an exit code (0 on success). */
int fs_cli_load_zone(fs_cli *cli);

/* The zone of a command that needs it only to name counties in Chinese
 * messages (history, revert: "341322 萧县" for 341322): loaded as
 * fs_cli_load_zone does when the messages are Chinese, and without a word
 * when it cannot be (cli->zone stays NULL: the messages then give the
 * codes alone, as before). */
void fs_cli_names_zone(fs_cli *cli);
void fs_cli_free(fs_cli *cli);

/* The warehouse to open: --db, else $FORUMSTAT_DB when set, else
 * FS_DEFAULT_DB (an SQLite file, or a PostgreSQL URI or keyword string,
 * see fs_db_is_pg).  Sets cli->db_path to the same with any password
 * hidden (fs_db_redact), for messages. */
const char *fs_cli_db(fs_cli *cli);

/* "wrong usage" edge: one line plus a hint; returns exit code 2. */
int fs_cli_usage_error(const fs_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* An environment failure: "forumstat CMD: what: why"; returns its exit code. */
int fs_cli_fail(const fs_cli *cli, fs_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The command's exit code rc, or 3 (with a message) when what it printed
 * on stdout could not all be written (a full disk, a closed pipe). */
int fs_cli_end_stdout(const fs_cli *cli, int rc);

/* Current time as ISO 8601 UTC, from SOURCE_DATE_EPOCH when set. */
void fs_cli_now(char buf[32]);

/* mkdir -p: create path and its missing parents; false with errno set
 * when that fails or path is not a folder. */
bool fs_cli_make_dirs(const char *path);

/* Parse a whole decimal number; false when s is not one. */
bool fs_cli_parse_long(const char *s, long *out);

#endif
