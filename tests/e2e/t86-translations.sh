#!/usr/bin/env bash
# t86-translations — every message of the program has a Chinese translation
# (issue 13 §1: "a test fails when any message lacks a translation").
#
# po/update check extracts the messages from the current sources with
# xgettext (the marking macros and the functions that translate what they
# are given: fs_diag_add's hint and format, cell_error, rule_at,
# fs_cli_usage_error, fs_cli_fail) and fails listing each msgid that has no
# non-fuzzy translation in po/zh_CN.po.  So a message added anywhere
# later fails this test until it is translated.  Also checked here, on a
# copy of the tree: that a new message of each kind is caught, with its
# file and line, and that a fuzzy translation counts as missing.
. "$(dirname "$0")/lib.sh"
cd "$T"
for t in xgettext msgmerge msgattrib msgfmt; do
    command -v "$t" > /dev/null || { nok "$t is installed (scripts/ensure-deps build: gettext)"; exit 1; }
done

# ------------------------------------------------------------ the real tree
"$ROOT/po/update" check > missing.txt 2> check.err; rc=$?
if [ "$rc" -eq 0 ]; then
    ok "every message of the sources has a Chinese translation"
else
    nok "every message of the sources has a Chinese translation" \
        "$(grep -c . missing.txt) missing (run 'make update-po' and translate po/zh_CN.po):" \
        "$(head -40 missing.txt)"
fi
n=$(sed -nE 's/^po\/update check: all ([0-9]+) messages translated$/\1/p' check.err)
"$ROOT/po/update" pot fresh.pot 2> /dev/null
total=$(grep -c '^msgid ' fresh.pot); total=$((total - 1)) # less the header
assert "the sources have messages to translate" test "$total" -gt 200
assert_eq "the check counted every extracted message" "$total" "${n:-?}"
assert "po/zh_CN.po passes msgfmt --check (formats and their order valid)" \
    msgfmt --check -o /dev/null "$ROOT/po/zh_CN.po"
assert_eq "the catalogue declares Chinese with one plural form" 2 \
    "$(grep -cE '^"(Language: zh_CN|Plural-Forms: nplurals=1; plural=0;)\\n"$' "$ROOT/po/zh_CN.po")"
# one of each kind: a hint, a format (fs_diag_add), a cell_error value, a
# rule_at format, a marked literal, a usage error, a plural, a N_() hint
for id in 'fill in the value' '%s is required but empty' 'check the month and day' \
          'is not a real calendar date' 'the case is open but has %s %s' \
          'check county files without importing them' "unexpected argument '%s'" \
          'forumstat: %zu more problem was counted but not listed' \
          'write the date as 2024-05-20'; do
    assert "extracted: $id" grep -qF "msgid \"${id}" fresh.pot
done

# ---------------------------------------------- a copy with new messages
mkdir tree
cp -r "$ROOT/report" "$ROOT/charts" "$ROOT/po" tree/
cat > tree/report/cli/zz_new.c <<'C'
#include "diag.h"
#include "i18n.h"
const char *zz_plain(void);
const char *zz_plain(void) { return _("a plain message nobody translated"); }
void zz_diag(fs_diags *d, const fs_loc *l);
void zz_diag(fs_diags *d, const fs_loc *l)
{
    fs_diag_add(d, R_VALUE_DATE, l, NULL, "a hint nobody translated",
                "a format %d nobody translated", 1);
}
C
tree/po/update check > new.txt 2> new.err; rc=$?
assert_eq "a new message makes the check fail" 1 "$rc"
assert_grep "the plain message is listed with its place" \
    '^report/cli/zz_new\.c:4: a plain message nobody translated$' new.txt
assert_grep "fs_diag_add's format is listed" '^report/cli/zz_new\.c:[0-9]+: a format %d nobody translated$' new.txt
assert_grep "fs_diag_add's hint is listed" '^report/cli/zz_new\.c:[0-9]+: a hint nobody translated$' new.txt
assert_eq "nothing else is listed" 3 "$(grep -c . new.txt)"
assert_grep "the failure says what to do" "3 of $((total + 3)) messages have no translation.*make update-po" new.err

# A fuzzy translation (what msgmerge leaves for a changed message) is missing.
rm tree/report/cli/zz_new.c
awk '!done && /^msgid "fill in the value"$/ { print "#, fuzzy"; done = 1 } { print }' \
    "$ROOT/po/zh_CN.po" > tree/po/zh_CN.po
tree/po/update check > fuzzy.txt 2> /dev/null; rc=$?
assert_eq "a fuzzy translation makes the check fail" 1 "$rc"
assert_grep "the fuzzy message is listed as such" \
    '^fuzzy: (report/read/validate\.c:[0-9]+ )*report/read/validate\.c:[0-9]+: fill in the value$' fuzzy.txt

# make update-po's merge keeps every translation of an unchanged tree.
cp "$ROOT/po/zh_CN.po" tree/po/zh_CN.po
tree/po/update po 2> /dev/null
assert_eq "update-po on an unchanged tree: still all translated" 0 \
    "$(msgattrib --untranslated --no-obsolete tree/po/zh_CN.po | grep -c '^msgid ' || true)"
