/*
 * test_i18n.c — unit tests for report/i18n.c: the --lang values, the
 * language the locale variables ask for (LC_ALL > LC_MESSAGES > LANG, an
 * empty one unset), fs_tr on NULL and "", and that choosing Chinese leaves
 * the number and character locales at "C".
 *
 * The translations themselves are checked end to end (t85-messages-zh),
 * where the binary finds its catalogue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>

#include <cmocka.h>

#include "i18n.h"

static void test_parse(void **state)
{
    (void)state;
    bool zh = false;
    assert_true(fs_i18n_parse("zh", &zh));
    assert_true(zh);
    assert_true(fs_i18n_parse("en", &zh));
    assert_false(zh);
    zh = true;
    static const char *const bad[] = {"", "ZH", "zh_CN", "cn", "fr", "e", "en "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(fs_i18n_parse(bad[i], &zh));
        assert_true(zh); /* left alone */
    }
    assert_false(fs_i18n_parse(NULL, &zh));
}

/* Set the three variables (NULL: unset) and ask. */
static bool env_zh(const char *all, const char *messages, const char *lang)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"}, *values[] = {all, messages, lang};
    for (int i = 0; i < 3; i++) {
        if (values[i])
            setenv(names[i], values[i], 1);
        else
            unsetenv(names[i]);
    }
    return fs_i18n_env_zh();
}

static void test_env(void **state)
{
    (void)state;
    assert_false(env_zh(NULL, NULL, NULL));
    assert_true(env_zh(NULL, NULL, "zh_CN.UTF-8"));
    assert_true(env_zh(NULL, NULL, "zh_TW.Big5"));
    assert_true(env_zh(NULL, NULL, "zh"));
    assert_false(env_zh(NULL, NULL, "C.UTF-8"));
    assert_false(env_zh(NULL, NULL, "en_US.UTF-8"));
    assert_false(env_zh(NULL, NULL, "Zh_CN")); /* locale names are case-sensitive */
    /* the first one set decides, whatever the others say */
    assert_false(env_zh("en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8"));
    assert_true(env_zh("zh_CN.UTF-8", "C", "C"));
    assert_true(env_zh(NULL, "zh_CN.UTF-8", "en_GB.UTF-8"));
    assert_false(env_zh(NULL, "C", "zh_CN.UTF-8"));
    /* an empty variable counts as unset */
    assert_true(env_zh("", "", "zh_CN.UTF-8"));
    assert_false(env_zh("", "", ""));
    env_zh(NULL, NULL, NULL);
}

static void test_tr_empty(void **state)
{
    (void)state;
    static const char empty[] = "";
    assert_null(fs_tr(NULL));
    /* never the catalogue header that gettext("") returns */
    assert_ptr_equal(fs_tr(empty), empty);
    static const char unknown[] = "a message no catalogue holds";
    assert_string_equal(fs_tr(unknown), unknown);
}

static void test_start_keeps_numbers(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    fs_i18n_start(true);
    assert_true(fs_i18n_zh());
    assert_string_equal(getenv("LANGUAGE"), "zh_CN");
    assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
    assert_string_equal(setlocale(LC_CTYPE, NULL), "C");
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", 1234.5);
    assert_string_equal(buf, "1234.50");
    assert_true(strtod("2.25", NULL) == 2.25);
    /* a catalogue folder was bound, even when none holds the file */
    assert_true(fs_i18n_localedir()[0] != '\0');
    assert_string_equal(bindtextdomain(FS_TEXTDOMAIN, NULL), fs_i18n_localedir());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_env),
        cmocka_unit_test(test_tr_empty),
        cmocka_unit_test(test_start_keeps_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
