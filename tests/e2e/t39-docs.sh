#!/usr/bin/env bash
# t39-docs.sh — the documentation tells the truth, and stays in step.
#
# What: README.md, docs/forumstat.1, docs/submission-guide.{en,zh}.md and
# docs/warehouse.md against the real binary and the shipped files:
#  - every option of each command's --help is in the man page's SYNOPSIS
#    and its section, and nothing else is (both ways); every command of
#    `forumstat --help` has both; README's -v commands are those with -v;
#  - exit statuses: README's table = the man page's EXIT STATUS = what the
#    commands' --help name; each command's man section names only statuses
#    its --help names; each status of each --help is provoked and seen
#    (130/143 are t28's);
#  - every forumstat command in a code block (README, both guides, the man
#    page's EXAMPLES) is a command with options its --help lists, and runs
#    as shown in a scratch folder (samples/2024 as submissions/2024, the
#    template filled in from the guides' examples) without a usage or
#    environment failure; the secretariat's commands make the warehouse the
#    warehouse.md checks below use; report writes the files README lists
#    and as many charts as it says;
#  - the reference tables of the guides: their examples, headed by the
#    column names (en) or the Chinese aliases (zh), pass validate without
#    a warning; both guides list the same columns and rules; the template's
#    files, headers and sheets are those the guides name; an SQLite file
#    with the tables named as section 8 says is read;
#  - every rule id the hand-written text names is in the guides' rule list;
#  - every example problem line (README, guides) is reproduced byte for
#    byte by validate, in the language and header it shows;
#  - the lists of the hand-written parts: date forms (README = guides =
#    reference, all accepted), county list separators, units in headers
#    (accepted; 万 refused), misspelt column names (refused, naming the
#    column; the "two characters off" one only ignored), totals words;
#  - warehouse.md: the current_* views have the columns it lists, the
#    tables it names exist with the columns it names, its SQL examples run.
# How: t39-docs.py parses the documents (never forumstat's sources) and
# prints one PASS/FAIL line per check; this script turns them into TAP.
# The generated part of the guides (scripts/update-docs) is only used as
# the list of columns and rules; that it is current is t60's check.
# Why: docs drift silently; a clerk pasting a command or a column name from
# the guide must get what the guide says.
# RUN_TESTS_LANE=san (budget): the code blocks are parsed, not run, and only
# validate's and import's exit statuses are provoked.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
mkdir -p "$T/w"
"$PY" "$ROOT/tests/e2e/t39-docs.py" "$FORUMSTAT" "$ROOT" "$T/w" "${RUN_TESTS_LANE:-}" >"$T/res" 2>"$T/py.err"
rc=$?
while IFS=$'\t' read -r verdict what why; do
    case $verdict in
        PASS) ok "$what" ;;
        FAIL) nok "$what" "$why" ;;
    esac
done <"$T/res"
assert_eq "t39-docs.py ran to its end" "0" "$rc"
[ "$rc" = 0 ] || sed 's/^/# /' "$T/py.err" | tail -15
assert "t39-docs.py made at least 150 checks ($(wc -l <"$T/res"))" test "$(wc -l <"$T/res")" -ge 150
echo "1..$_n"
