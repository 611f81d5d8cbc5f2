/*
 * i18n.h — messages in Chinese or English (standard v2 §5) through GNU
 * gettext.
 *
 * The msgids are the English messages written in the sources; po/zh_CN.po
 * holds their Chinese, compiled by the build into
 * build/locale/zh_CN/LC_MESSAGES/forumstat.mo and installed under
 * $(PREFIX)/share/locale.  main.c picks the language once at start-up
 * (fs_i18n_start): --lang zh|en, else the locale variables; every message
 * is then looked up with _() (or P_() when it has a count).  Library code
 * never chooses the language, it only marks its messages.
 *
 * Functions that receive a message to print rather than print it themselves
 * (fs_diag_add, fs_cli_usage_error, fs_cli_fail) translate it where it is
 * used; their callers pass English literals, which xgettext finds through
 * the keyword list in the Makefile (XGETTEXT_KEYWORDS).
 */
#ifndef FS_I18N_H
#define FS_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define FS_TEXTDOMAIN "forumstat"

/* The translation of a literal English message. */
#define _(s) dgettext(FS_TEXTDOMAIN, s)
/* A message marked for xgettext but translated later, where it is used. */
#define N_(s) (s)
/* Singular or plural translation chosen by n. */
#define P_(s, p, n) dngettext(FS_TEXTDOMAIN, s, p, (unsigned long)(n))

/* The translation of s, or s itself when it is NULL or empty (gettext("")
 * is the catalogue's header, never wanted).  For messages handed over at
 * run time; the string is borrowed, the result lives as long as s or the
 * catalogue. */
const char *fs_tr(const char *s) __attribute__((format_arg(1)));

/* The language a --lang argument names: true for "zh", false for "en";
 * returns false (and leaves *zh) for anything else. */
bool fs_i18n_parse(const char *arg, bool *zh);

/* The language the locale asks for: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set and not empty decides; a value starting with "zh" means
 * Chinese.  No variable set: English. */
bool fs_i18n_env_zh(void);

/*
 * Make every later _() answer in Chinese (zh) or English.  Call once, at
 * start-up, before any message is printed; it changes the process's
 * environment (LANGUAGE) and its LC_MESSAGES locale, never LC_NUMERIC or
 * LC_CTYPE, so numbers keep their C form.  Chinese works without any
 * Chinese locale installed (it uses C.UTF-8).  The catalogue is looked for
 * next to the binary (build/locale), then at the installed place
 * (BIN/../share/locale), then at the compiled-in FS_LOCALEDIR; when none is
 * found messages stay English.
 */
void fs_i18n_start(bool zh);

/* Whether fs_i18n_start chose Chinese. */
bool fs_i18n_zh(void);

/* The catalogue folder fs_i18n_start bound (gettext's default before). */
const char *fs_i18n_localedir(void);

#endif
