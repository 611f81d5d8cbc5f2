#!/usr/bin/env bash
# t81-workbook-refused — the workbooks the standard (v2 §2.1) does not read
# are refused with one error at the file saying how to save them as .xlsx
# or CSV; an .xlsx is read (§2.1b, t80-xlsx).
#
#  - a legacy .xls (OLE file with a Workbook stream), an unknown OLE file,
#    a password-protected workbook (OLE around EncryptedPackage), an .xlsb
#    and an .ods: validate and import exit 1, print FILE: error
#    [file.spreadsheet] with Save As .xlsx / CSV advice, and import leaves
#    the warehouse byte for byte as it was; UTF-16 text gets file.utf16
#    with the same advice;
#  - recognised by content, not by name (an .xls named .csv, a CSV named
#    .xlsx); the template's .xlsx is not refused; in a folder the other
#    files still go in; --errors lists the refusal.
. "$(dirname "$0")/lib.sh"
cd "$T"
FS=$FORUMSTAT
DB="$T/w.db"
PY=/usr/bin/python3
export PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1
H='case_id,county,date_reported,category,offenses,status,date_solved'

# refused WHAT FILE RULE PATTERN: $T/err holds exactly one RULE error, at
# FILE as a whole, whose message matches PATTERN and whose hint says how to
# save as .xlsx and as CSV; no other rule than the closing import.refused.
refused() {
    local what=$1 file=$2 rule=$3 pat=$4 re
    re=$(printf '%s' "$file" | sed 's/[.[\*^$]/\\&/g')
    assert_grep "$what: the rule, at the file" "^$re: error \[${rule//./\\.}\] $pat" "$T/err"
    assert_eq "$what: one $rule error" 1 "$(grep -c "\[${rule//./\\.}\]" "$T/err")"
    assert_eq "$what: no other problem" "" \
        "$(grep -E '(error|warning) \[' "$T/err" | grep -vE "\[(${rule//./\\.}|import\.refused)\]")"
    assert_grep "$what: says how to save as .xlsx" "\[$rule\] .* — .*\.xlsx" "$T/err"
    assert_grep "$what: ... or as CSV" "\[$rule\] .* — .*CSV UTF-8" "$T/err"
}

# A warehouse holding one import, to compare against.
{ echo "$H"; echo "DS-1,341321,2024-03-01,05,1,open,"; } > good.csv
assert_exit "a first import succeeds" 0 "$FS" import -q --db "$DB" good.csv
cp "$DB" before.db
wal_before=$(ls "$DB"-* 2>/dev/null)

$PY - <<'EOF'
from mkxlsx import *
ole_file("old.xls", ["Root Entry", "Workbook", "\x05SummaryInformation"])
ole_file("locked.xlsx", ["Root Entry", "EncryptionInfo", "EncryptedPackage"])
write_zip("binary.xlsb", [("[Content_Types].xml", DECL + '<Types xmlns="%s"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>' % CT),
                          ("_rels/.rels", DECL + '<Relationships xmlns="%s"><Relationship Id="r" Type="%s/officeDocument" Target="xl/workbook.bin"/></Relationships>' % (PKGREL, RELNS)),
                          ("xl/workbook.bin", b"\x83\x01\x00")])
write_zip("calc.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                       ("content.xml", "<office:document-content/>")], store=True)
EOF
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 2000 /dev/urandom; } > junk.xls
printf 'case_id\tcounty\n' | iconv -f UTF-8 -t UTF-16 > unicode.txt

check() { # WHAT FILE RULE PATTERN: validate and import refuse it
    assert_exit "validate $1: exit 1" 1 "$FS" validate "$2"
    refused "validate $1" "$2" "$3" "$4"
    assert_grep "validate $1: the summary counts one refused file" '^validate: 1 file, 0 valid, 1 refused' "$T/out"
    assert_exit "import $1: exit 1" 1 "$FS" import --db "$DB" "$2"
    refused "import $1" "$2" "$3" "$4"
    assert "import $1: warehouse unchanged byte for byte" cmp -s before.db "$DB"
    assert_eq "import $1: no journal left behind" "$wal_before" "$(ls "$DB"-* 2>/dev/null)"
}
check "a legacy .xls" old.xls file.spreadsheet 'this is an Excel 97-2003 workbook \(\.xls\)'
assert_grep "... with the Excel and WPS menus" 'Save As > Excel Workbook \(\*\.xlsx\) \(WPS: 文件 > 另存为' "$T/err"
check "an unknown OLE file" junk.xls file.spreadsheet 'this is an old-style Office file'
check "a password-protected workbook" locked.xlsx file.spreadsheet 'the workbook is protected with a password'
assert_grep "... says to remove the password" 'remove the password' "$T/err"
check "an .xlsb" binary.xlsb file.spreadsheet 'this is an Excel binary workbook \(\.xlsb\)'
check "an .ods" calc.ods file.spreadsheet 'this is an OpenDocument spreadsheet \(\.ods\)'
check "UTF-16 text" unicode.txt file.utf16 'the file is UTF-16 text'

# --------------------------------------------------- by content, not by name
cp old.xls incidents.csv
assert_exit "an .xls named .csv is refused too" 1 "$FS" validate incidents.csv
refused "an .xls named .csv" incidents.csv file.spreadsheet 'this is an Excel 97-2003 workbook'
cp good.csv looks-like.xlsx
assert_exit "a CSV file named .xlsx is read as CSV" 0 "$FS" validate looks-like.xlsx
assert_grep "... as CSV" 'looks-like\.xlsx: valid, 1 record \(CSV' "$T/out"

# The template workbook (.xlsx) is read, not refused.  (Made by the binary
# itself even under VALGRIND=1, where libxlsxwriter's known leak would fail
# the step.)
assert_exit "template writes the county's workbook" 0 "${_fs_real:-$FS}" template -q --county 341321 --year 2024 --out tpl
"$FS" validate tpl/template-341321-2024.xlsx > "$T/out" 2> "$T/err"
assert_nogrep "an .xlsx is not refused as a spreadsheet" 'file\.spreadsheet' "$T/err"
assert_grep "... its sheets are read (the pre-filled indicators need their values)" \
    '^tpl/template-341321-2024\.xlsx:[^ ]*!D2: error \[value\.required\]' "$T/err"

# ----------------------------------------- in a folder, with the --errors CSV
mkdir sub
{ echo "$H"; echo "DS-2,341321,2024-04-01,05,1,open,"; } > sub/a.csv
cp old.xls sub/b.xls
assert_exit "a folder with an .xls: exit 1" 1 "$FS" import --db "$DB" --errors problems.csv sub
refused "an .xls in a folder" sub/b.xls file.spreadsheet 'this is an Excel 97-2003 workbook'
assert_grep "the folder's CSV file still goes in" '^import: 2 files, 1 imported, 1 refused, 1 record' "$T/out"
assert_grep "the problem list names the rule and the advice" \
    '^sub/b\.xls,.*,error,file\.spreadsheet,.*Excel Workbook \(\*\.xlsx\)' problems.csv
assert_eq "the CSV file replaced the county's incidents" "DS-2" \
    "$(sqlite3 "$DB" "SELECT group_concat(case_id) FROM live_incidents WHERE county='341321' AND year=2024")"
