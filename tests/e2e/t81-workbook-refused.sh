#!/usr/bin/env bash
# t81-workbook-refused — the standard (§2.1) takes CSV or SQLite files only:
# a workbook is refused unread with one error at the file, rule
# file.spreadsheet, saying how to save its sheets as CSV in Excel and WPS.
#
#  - a real .xlsx (the template `forumstat template` writes) and an .xls-like
#    OLE file (its 8 magic bytes, then junk): validate and import exit 1,
#    print FILE: error [file.spreadsheet] with the Save As / CSV advice, and
#    import leaves the warehouse byte for byte as it was;
#  - recognised by content, not by name (a workbook named .csv, a CSV named
#    .xlsx); in a folder the other files still go in; --errors lists it.
. "$(dirname "$0")/lib.sh"
cd "$T"
FS=$FORUMSTAT
DB="$T/w.db"
H='case_id,county,date_reported,category,offenses,status,date_solved'
SAVE_AS='File > Save As > CSV UTF-8 \(Comma delimited\) \(\*\.csv\), one file per sheet'
WPS='in WPS: 文件 > 另存为 > CSV'

# refused WHAT FILE PATTERN: $T/err holds exactly one file.spreadsheet error,
# at FILE as a whole, whose message matches PATTERN and whose hint says how
# to save as CSV in Excel and WPS; no other rule than the closing
# import.refused line.
refused() {
    local what=$1 file=$2 pat=$3 re
    re=$(printf '%s' "$file" | sed 's/[.[\*^$]/\\&/g')
    assert_grep "$what: the rule, at the file" "^$re: error \[file\.spreadsheet\] $pat" "$T/err"
    assert_eq "$what: one file.spreadsheet error" 1 "$(grep -c '\[file\.spreadsheet\]' "$T/err")"
    assert_eq "$what: no other problem" "" \
        "$(grep -E '(error|warning) \[' "$T/err" | grep -vE '\[(file\.spreadsheet|import\.refused)\]')"
    assert_grep "$what: says forumstat reads CSV or SQLite" \
        "\[file\.spreadsheet\] .*forumstat reads CSV or SQLite files" "$T/err"
    assert_grep "$what: Save As advice for Excel" "\[file\.spreadsheet\] .* — .*in Excel: $SAVE_AS" "$T/err"
    assert_grep "$what: and for WPS" "\[file\.spreadsheet\] .* — .*$WPS" "$T/err"
}

# A warehouse holding one import, to compare against.
{ echo "$H"; echo "DS-1,341321,2024-03-01,05,1,open,"; } > good.csv
assert_exit "a first import succeeds" 0 "$FS" import -q --db "$DB" good.csv
cp "$DB" before.db
wal_before=$(ls "$DB"-* 2>/dev/null)

# ------------------------------------------------------------ a real .xlsx
# (The workbook is a fixture here: made by the binary itself even under
# VALGRIND=1, where libxlsxwriter's known leak would fail the step.)
assert_exit "template writes the county's workbook" 0 "${_fs_real:-$FS}" template -q --county 341321 --year 2024 --out tpl
X=tpl/template-341321-2024.xlsx
assert_eq "the workbook is a ZIP file" "504b0304" "$(head -c4 "$X" | od -An -tx1 | tr -d ' \n')"

assert_exit "validate of an .xlsx exits 1" 1 "$FS" validate "$X"
refused "validate .xlsx" "$X" 'this is an Excel workbook \(\.xlsx\)'
assert_grep "validate .xlsx: the summary counts one refused file, one error" \
    '^validate: 1 file, 0 valid, 1 refused, 0 records, 1 error, 0 warnings' "$T/out"

assert_exit "import of an .xlsx exits 1" 1 "$FS" import --db "$DB" "$X"
refused "import .xlsx" "$X" 'this is an Excel workbook \(\.xlsx\)'
assert "import .xlsx: warehouse unchanged byte for byte" cmp -s before.db "$DB"
assert_eq "import .xlsx: no journal left behind" "$wal_before" "$(ls "$DB"-* 2>/dev/null)"

# -------------------------------------------------- an .xls (OLE) look-alike
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 2000 /dev/urandom; } > old.xls
assert_exit "validate of an .xls exits 1" 1 "$FS" validate old.xls
refused "validate .xls" old.xls 'this is an old-format Excel workbook \(\.xls, Excel 97-2003\) or a password-protected workbook'
assert_exit "import of an .xls exits 1" 1 "$FS" import --db "$DB" old.xls
refused "import .xls" old.xls 'this is an old-format Excel workbook'
assert "import .xls: warehouse unchanged byte for byte" cmp -s before.db "$DB"

# --------------------------------------------------- by content, not by name
cp "$X" incidents.csv
assert_exit "a workbook named .csv is refused too" 1 "$FS" validate incidents.csv
refused "workbook named .csv" incidents.csv 'this is an Excel workbook'
cp good.csv looks-like.xlsx
assert_exit "a CSV file named .xlsx is read as CSV" 0 "$FS" validate looks-like.xlsx
assert_nogrep "... without a file.spreadsheet error" 'file\.spreadsheet' "$T/err"

# ----------------------------------------- in a folder, with the --errors CSV
mkdir sub
{ echo "$H"; echo "DS-2,341321,2024-04-01,05,1,open,"; } > sub/a.csv
cp "$X" sub/b.xlsx
assert_exit "a folder with a workbook: exit 1" 1 "$FS" import --db "$DB" --errors problems.csv sub
refused "workbook in a folder" sub/b.xlsx 'this is an Excel workbook'
assert_grep "the folder's CSV file still goes in" '^import: 2 files, 1 imported, 1 refused, 1 record' "$T/out"
assert_grep "the problem list names the rule and the advice" \
    '^sub/b\.xlsx,.*,error,file\.spreadsheet,.*File > Save As > CSV UTF-8' problems.csv
assert_eq "the CSV file replaced the county's incidents" "DS-2" \
    "$(sqlite3 "$DB" "SELECT group_concat(case_id) FROM live_incidents WHERE county='341321' AND year=2024")"
assert_eq "nothing of the workbook (its pre-filled indicators) went in" 0 \
    "$(sqlite3 "$DB" "SELECT count(*) FROM live_indicators")"
