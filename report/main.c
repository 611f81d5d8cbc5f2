/*
 * main.c — forumstat's entry point: find the subcommand and run it.
 *
 * forumstat turns the yearly data files of the member counties of a
 * cooperation zone into the statistics, workbook and charts of the zone's
 * annual safety forum.  Subcommands are listed in one table below.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"validate", cmd_validate, "check county files without importing them"},
    {"import", cmd_import, "validate and import county files into the warehouse"},
    {"history", cmd_history, "list the imports held by the warehouse"},
    {"revert", cmd_revert, "undo an import, restoring what it replaced"},
    {"report", cmd_report, "compute the forum's figures for a year and write them"},
    {"check", cmd_check, "list the reconciliation findings of a year"},
    {"template", cmd_template, "write the CSV and Excel templates and data dictionary for a county"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: forumstat COMMAND [OPTIONS] [ARGS]\n\n"
                 "Turns the yearly data files of the zone's member counties into the\n"
                 "forum's statistics, workbook and charts.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'forumstat COMMAND --help' describes a command; "
                 "'forumstat --version' prints the version.\n"
                 "Exit status: 0 success, 1 data problems, 2 wrong usage, 3 environment failure.\n");
}

int main(int argc, char **argv)
{
    /* Numbers are printed and parsed in the C locale everywhere. */
    setlocale(LC_ALL, "C");
    /* A write past a file size limit must fail with EFBIG (reported as a
     * full disk, outputs left as they were), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("forumstat %s\n", FS_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "forumstat: '%s' is not a forumstat command\nTry 'forumstat --help'.\n", argv[1]);
    return 2;
}
