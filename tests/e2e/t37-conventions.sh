#!/usr/bin/env bash
# t37-conventions — what standard §2.1-§2.3 says forumstat accepts, how it
# reads each value, and what it refuses, case by case from the standard's
# text (not from rules.def, not from forumstat's output).
#
# tests/e2e/conventions_cases.py writes three folders:
#   acc/   files that must be accepted, each record one convention with
#          its own identifier: UTF-8 with and without BOM, GBK as Excel on
#          a Chinese Windows writes it, GB18030 with 4-byte characters;
#          LF and CRLF; RFC 4180 quoting; English names in any case and
#          padding, Chinese aliases, units in () （） 【】 and after /;
#          title, blank, ",,,," and signature rows; trailing empty fields;
#          an unknown column; optional columns absent or empty; every date
#          form (times ignored, the record's year its date's); thousands
#          separators, full-width digits, "-" for 0, 2.00 in an integer
#          column, two significant decimals; counties by code, Chinese and
#          English name (any case), full-width codes; lists with every
#          separator; every Chinese enum name, English codes in any case;
#          identifiers trimmed and case-sensitive, 64 characters of CJK;
#          2000 characters beyond the BMP; workbooks with shared strings
#          (rich text with phonetic runs), inline strings, date cells in
#          the 1900 and 1904 systems under built-in and CJK formats, text
#          cells holding numbers, numbers in code columns, formulas' cached
#          values, a hidden sheet, a sheet named after another table;
#          SQLite with INTEGER codes and identifiers, REAL integers, TEXT
#          numbers and dates, Chinese column names, WITHOUT ROWID, an
#          unknown table; sub-folders, files named without or with a
#          misleading extension, a file named twice, lock/hidden/Windows
#          files that must not be read.
#          One import; every record's stored values are read back from the
#          documented current_* views (docs/warehouse.md) and compared.
#   ref/   one file per thing the standard refuses (three decimals, 1.23E+11,
#          a date serial, years 1999/2101, impossible dates, MM/DD/YYYY,
#          2.50 in an integer column, 10^15, negatives, 万 in a value or a
#          unit, inexact Chinese enums, 65-character identifiers, 2001
#          characters, an unquoted comma in a list, totals rows, six title
#          rows, UTF-16, undecodable bytes, numeric identifiers, #N/A,
#          uncalculated formulas, 0.125 in a cell, merged cells, REAL codes
#          and identifiers in SQLite, a view named incidents), each holding
#          good records beside the bad one: the rule the guide names, at
#          the line, the file refused, and the warehouse unchanged.
#   probe/ what the standard leaves open (full-width dates, "+12", "1，234",
#          fractional seconds, SQLite INTEGER/REAL dates, #N/A in an
#          unknown column, ...): printed as comments, not asserted.
# Three runs of forumstat in all (the CPU budget of the test loop).
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
PY=/usr/bin/python3
export PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1
CASES="$ROOT/tests/e2e/conventions_cases.py"

"$PY" "$CASES" build cv
assert "the cases are written" test -s cv/cases.json

# The warehouse's record tables and slices, as a hash (what a refused file
# must leave as it was).
dump() {
    local t
    for t in incidents disputes cooperation indicators live_slices import_slices; do
        sqlite3 -readonly "$1" "SELECT * FROM $t ORDER BY 1, 2, 3, 4"
    done | sha256sum | cut -c1-64
}

h_before=$(sha256sum < cv/acc/yucheng/h-yucheng.csv)
f_before=$(sha256sum < cv/acc/xiao/f-workbook.xlsx)
assert_exit "the accepted files import (exit 0)" 0 "$FORUMSTAT" import --db w.db --errors acc.csv cv/acc
cp "$T/out" acc.out; cp "$T/err" acc.err
assert_nogrep "no accepted file is refused" ': refused' acc.out
assert_eq "§2.2: the SQLite file is not modified" "$h_before" "$(sha256sum < cv/acc/yucheng/h-yucheng.csv)"
assert_eq "§2.1b: the workbook is not modified" "$f_before" "$(sha256sum < cv/acc/xiao/f-workbook.xlsx)"
assert_grep "§2.2a: the same file named twice is read once, with a notice" \
    '^cv/acc/sub/a-copy\.csv: skipped, the same file as cv/acc/a-incidents\.csv' acc.out
assert_grep "§2.2a: a workbook named .txt deep in sub-folders is read as a workbook" \
    '^cv/acc/sub/one/two/xiayi-disputes\.txt: valid, 3 records \(xlsx\)' acc.out
assert_grep "§2.2a: an SQLite file named .csv is read as SQLite" \
    '^cv/acc/yucheng/h-yucheng\.csv: valid, [0-9]+ records \(SQLite\)' acc.out
assert_grep "§2.1: a file with no extension is read as CSV" '^cv/acc/xiayi/d-incidents: valid, 2 records \(CSV' acc.out
assert_eq "§2.1: the GBK file is detected as GB18030/GBK" "yes" \
    "$(sqlite3 -readonly w.db "SELECT CASE WHEN encoding GLOB '*GB*' THEN 'yes' ELSE encoding END FROM import_files WHERE name LIKE '%c-cooperation.csv'")"
assert_eq "§2.1: the BOM is noticed" "yes" \
    "$(sqlite3 -readonly w.db "SELECT CASE WHEN encoding GLOB '*BOM*' THEN 'yes' ELSE encoding END FROM import_files WHERE name LIKE '%b-disputes.csv'")"
before=$(dump w.db)

assert_exit "the refused files: import exits 1" 1 "$FORUMSTAT" import --db w.db --errors ref.csv cv/ref
cp "$T/out" ref.out; cp "$T/err" ref.err
assert_eq "the refused files changed nothing in the warehouse" "$before" "$(dump w.db)"
assert_grep "§2.1: nothing of the refused files was imported" '0 imported' ref.out
assert_grep "§2.1: UTF-16 gets a message saying how to save it as CSV" \
    '^cv/ref/utf16\.txt: error \[file\.utf16\].*CSV' ref.err
assert_grep "§2.1: 1.23E+11 gets a message saying Excel shortened the number" \
    '^cv/ref/sci\.csv:3:[0-9]+: error \[value\.scientific\].*Excel' ref.err
assert_grep "§2.1: 45432 gets a message saying it is an Excel date serial" \
    '^cv/ref/serial\.csv:3:[0-9]+: error \[value\.date_serial\].*(serial|Excel)' ref.err
assert_grep "§2.1: 1.23457E+17 as an identifier: Excel mangled it" \
    '^cv/ref/idsci\.csv:3:[0-9]+: error \[value\.id_scientific\].*Excel' ref.err
assert_grep "§2.1 (v2): an unquoted comma: the message says so" \
    '^cv/ref/comma\.csv:3:[0-9]+: error \[row\.extra_fields\].*comma' ref.err
assert_nogrep "§2.1: the mobile number is not echoed" 'mobile\.csv.*(138|5678)' ref.err

# Every case, read back (one line each).
"$PY" "$CASES" check cv w.db acc.csv ref.csv ref.out > check.out 2>&1 || nok "conventions_cases.py check ran" "$(tail -5 check.out)"
while IFS=$'\t' read -r res what why; do
    case $res in
        PASS) ok "$what" ;;
        FAIL) nok "$what" "$why" ;;
        *) nok "conventions_cases.py check: $res $what" ;;
    esac
done < check.out

# What the standard leaves open: what forumstat chose, for the record.
if [ "${RUN_TESTS_LANE:-}" != san ]; then
    "$FORUMSTAT" import --db p.db --errors probe.csv cv/probe > probe.out 2> probe.err
    "$PY" "$CASES" probe cv p.db probe.csv | sed 's/^/# probe: /'
fi
