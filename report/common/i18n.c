/*
 * i18n.c — choosing the language of messages and finding the catalogue
 * (see i18n.h).
 *
 * A fresh Debian has only the C, C.UTF-8 and POSIX locales, and gettext
 * translates nothing while LC_MESSAGES is "C" (setlocale(LC_ALL, "") with
 * LANG=zh_CN.UTF-8 fails there and leaves "C").  So the language is decided
 * here from --lang or the variables' "zh" prefix, and Chinese is asked for
 * through LANGUAGE=zh_CN with LC_MESSAGES set to C.UTF-8, which exists
 * everywhere; the catalogue is bound as UTF-8, so what the messages read
 * does not depend on any installed locale.
 */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exe.h"
#include "sbuf.h"

#ifndef FS_LOCALEDIR
#define FS_LOCALEDIR "/usr/local/share/locale"
#endif

static bool chosen_zh;

const char *fs_tr(const char *s)
{
    return s && *s ? dgettext(FS_TEXTDOMAIN, s) : s;
}

bool fs_i18n_parse(const char *arg, bool *zh)
{
    if (!arg)
        return false;
    if (strcmp(arg, "zh") == 0)
        *zh = true;
    else if (strcmp(arg, "en") == 0)
        *zh = false;
    else
        return false;
    return true;
}

bool fs_i18n_env_zh(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0;
    }
    return false;
}

/* The catalogue folder into b: BIN/locale (a build tree: build/forumstat,
 * build-san/forumstat), BIN/../share/locale (an installation under any
 * prefix), else the compiled-in one. */
static void find_localedir(fs_sbuf *b)
{
    static const char *const dirs[] = {"locale", "../share/locale"};
    if (!fs_exe_find_dir(b, dirs, 2, "zh_CN/LC_MESSAGES/" FS_TEXTDOMAIN ".mo")) {
        fs_sbuf_clear(b);
        fs_sbuf_add(b, FS_LOCALEDIR);
    }
}

void fs_i18n_start(bool zh)
{
    chosen_zh = zh;
    fs_sbuf localedir = {0};
    find_localedir(&localedir);
    bindtextdomain(FS_TEXTDOMAIN, localedir.failed ? FS_LOCALEDIR : fs_sbuf_str(&localedir));
    fs_sbuf_free(&localedir); /* bindtextdomain keeps its own copy */
    bind_textdomain_codeset(FS_TEXTDOMAIN, "UTF-8");
    if (!zh)
        return; /* LC_MESSAGES stays "C": gettext answers with the msgids */
    /* LANGUAGE outranks the locale's own name, and glibc honours it once
     * LC_MESSAGES is anything but "C"/"POSIX". */
    setenv("LANGUAGE", "zh_CN", 1);
    if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8") &&
        !setlocale(LC_MESSAGES, "zh_CN.UTF-8"))
        setlocale(LC_MESSAGES, "");
    /* Numbers are printed and parsed in the C locale whatever happens. */
    setlocale(LC_NUMERIC, "C");
    /* strerror() now answers from the C library's own catalogue (Chinese
     * when the system has it), converted to LC_CTYPE's charset, which is
     * ASCII in the "C" locale we keep: every Chinese character would become
     * '?'.  Our messages are UTF-8; so are the library's. */
    bind_textdomain_codeset("libc", "UTF-8");
}

bool fs_i18n_zh(void)
{
    return chosen_zh;
}

const char *fs_i18n_localedir(void)
{
    return bindtextdomain(FS_TEXTDOMAIN, NULL); /* the folder bound, not changing it */
}
