/*
 * main.c — forumstat's entry point: choose the language of messages, find
 * the subcommand and run it.
 *
 * forumstat turns the yearly data files of the member counties of a
 * cooperation zone into the statistics, workbook and charts of the zone's
 * annual safety forum.  Subcommands are listed in one table below.
 *
 * --lang zh|en is taken here for every command (standard v2 §5), before or
 * after the command name: it sets the language of messages (i18n.h).  The
 * commands whose outputs have a language of their own (report, template)
 * receive it too, so one option drives both; the others never see it.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    bool doc_lang; /* parses --lang itself: its documents' language */
} command;

static const command commands[] = {
    {"validate", cmd_validate, N_("check county files without importing them"), false},
    {"import", cmd_import, N_("validate and import county files into the warehouse"), false},
    {"history", cmd_history, N_("list the imports held by the warehouse"), false},
    {"revert", cmd_revert, N_("undo an import, restoring what it replaced"), false},
    {"report", cmd_report, N_("compute the forum's figures for a year and write them"), true},
    {"check", cmd_check, N_("list the reconciliation findings of a year"), false},
    {"template", cmd_template,
     N_("write the CSV and Excel templates and data dictionary for a county"), true},
    {"migrate", cmd_migrate, N_("copy a whole warehouse, SQLite or PostgreSQL, into a new one"),
     false},
};

/* The command called name, or NULL. */
static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

static void usage(FILE *out)
{
    fputs(_("usage: forumstat [--lang zh|en] COMMAND [OPTIONS] [ARGS]\n\n"
            "Turns the yearly data files of the zone's member counties into the\n"
            "forum's statistics, workbook and charts.\n\ncommands:\n"),
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
    fputs(_("\n'forumstat COMMAND --help' describes a command; "
            "'forumstat --version' prints the version.\n"
            "--lang zh|en (every command): the language of messages; the default comes\n"
            "from LC_ALL, LC_MESSAGES or LANG (the first one set; zh... gives Chinese).\n"
            "Exit status: 0 success, 1 data problems, 2 wrong usage, 3 environment failure.\n"),
          out);
}

/*
 * Take every --lang VALUE and --lang=VALUE out of argv (up to a "--"),
 * leaving the other arguments in order in *rest (argv[0] dropped; *rest is
 * owned by the caller and NULL-terminated).  *value is the last value given
 * (NULL: none); *missing is set when --lang ends the command line.  Returns
 * the number of arguments in *rest, or -1 when out of memory.
 */
static int take_lang(int argc, char **argv, char ***rest, const char **value, bool *missing)
{
    char **r = calloc((size_t)argc + 3, sizeof *r); /* + room for "--lang VALUE" */
    if (!r)
        return -1;
    int n = 0;
    bool dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && strcmp(a, "--") == 0)
            dashdash = true;
        if (!dashdash && strcmp(a, "--lang") == 0) {
            if (i + 1 < argc)
                *value = argv[++i];
            else
                *missing = true;
            continue;
        }
        if (!dashdash && strncmp(a, "--lang=", 7) == 0) {
            *value = a + 7;
            continue;
        }
        r[n++] = argv[i];
    }
    *rest = r;
    return n;
}

static int run(int argc, char **argv)
{
    char **rest;
    const char *lang = NULL;
    bool missing = false, zh = fs_i18n_env_zh();
    int n = take_lang(argc, argv, &rest, &lang, &missing);
    if (n < 0) {
        fputs(_("forumstat: out of memory\n"), stderr);
        return 3;
    }
    bool lang_ok = !lang || fs_i18n_parse(lang, &zh);
    fs_i18n_start(zh);
    int rc = 2;
    /* a wrong --lang of a command points at that command's help */
    const char *cmd = n > 0 && find_command(rest[0]) ? rest[0] : NULL;
    if (missing && cmd) {
        fprintf(stderr, _("forumstat %s: --lang wants zh or en\nTry 'forumstat %s --help'.\n"), cmd,
                cmd);
        goto done;
    }
    if (missing) {
        fputs(_("forumstat: --lang wants zh or en\nTry 'forumstat --help'.\n"), stderr);
        goto done;
    }
    if (!lang_ok && cmd) {
        fprintf(stderr,
                _("forumstat %s: --lang is zh or en, not '%s'\nTry 'forumstat %s --help'.\n"), cmd,
                lang, cmd);
        goto done;
    }
    if (!lang_ok) {
        fprintf(stderr, _("forumstat: --lang is zh or en, not '%s'\nTry 'forumstat --help'.\n"),
                lang);
        goto done;
    }
    if (n == 0) {
        usage(stderr);
        goto done;
    }
    const char *name = rest[0];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        rc = 0;
        goto done;
    }
    if (strcmp(name, "--version") == 0) {
        printf("forumstat %s\n", FS_VERSION);
        rc = 0;
        goto done;
    }
    const command *c = find_command(name);
    if (c) {
        if (c->doc_lang && lang) {
            /* name --lang VALUE ARGS...: the command sets its documents' language */
            memmove(rest + 3, rest + 1, (size_t)(n - 1) * sizeof *rest);
            rest[1] = "--lang";
            rest[2] = (char *)lang;
            n += 2;
            rest[n] = NULL;
        }
        rc = c->run(n, rest);
        goto done;
    }
    fprintf(stderr, _("forumstat: '%s' is not a forumstat command\nTry 'forumstat --help'.\n"),
            name);
done:
    free(rest);
    return rc;
}

int main(int argc, char **argv)
{
    /* Numbers are printed and parsed in the C locale everywhere;
     * fs_i18n_start changes LC_MESSAGES only. */
    setlocale(LC_ALL, "C");
    /* A write past a file size limit must fail with EFBIG (reported as a
     * full disk, outputs left as they were), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    return run(argc, argv);
}
