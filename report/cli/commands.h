/*
 * commands.h — the subcommands; one file each (cmd_NAME.c).
 *
 * Each takes the arguments after its name (argv[0] is the name), parses
 * its own options, prints its own --help, and returns the exit code of the
 * command-line contract: 0 ok, 1 data problems, 2 usage, 3 environment.
 */
#ifndef FS_COMMANDS_H
#define FS_COMMANDS_H

int cmd_validate(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_revert(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_migrate(int argc, char **argv);

#endif
