#!/usr/bin/env bash
# t80-xlsx — workbooks (.xlsx) as submissions (issue 8), through the real
# binary:
#   1. the 2024 samples sent as workbooks (written by openpyxl and by
#      mkxlsx the ways Excel, WPS and others write them, and the template of
#      `forumstat template` filled in by editing its XML as Excel saves it)
#      import to exactly the records the CSV files give, and the same
#      metrics bytes from `forumstat report`;
#   2. one failing workbook per problem, with the rule and the cell asserted;
#   3. hostile workbooks (zip bomb, billion laughs, external entity,
#      duplicate entries, huge shared strings, a giant element) refused
#      quickly with bounded memory (peak RSS printed as comments).
# Fixtures are generated here by tests/fixtures/xlsx/*.py with Debian's
# /usr/bin/python3 (standard library; openpyxl when installed).
. "$(dirname "$0")/lib.sh"
cd "$T"
PY=/usr/bin/python3
export PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1 # nothing written into the tree
S="$ROOT/samples/2024"
if [ ! -d "$S" ]; then nok "samples/2024 is missing (run samples/generate.py)"; exit 1; fi

# Every live record of the four tables, hashed (the file line too unless
# a second argument is given).
records() {
    local t cols skip="'import_id','file_id','idkey'"
    [ $# -gt 1 ] && skip="$skip,'line'"
    for t in indicators incidents disputes cooperation; do
        cols=$(sqlite3 "$1" "SELECT group_concat(name, ',') FROM pragma_table_info('$t') WHERE name NOT IN ($skip)")
        sqlite3 "$1" "SELECT '$t', $cols FROM live_$t ORDER BY $cols"
    done | sha256sum | cut -c1-64
}
dbsum() { cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -c1-64; }

# ------------------------------------------------ 1. same data, same figures
mkdir csv xlsx
cp "$S"/*.csv "$S"/*.db csv/
cp "$S"/*.db xlsx/
$PY "$ROOT/tests/fixtures/xlsx/csv2xlsx.py" csv xlsx > writers.txt
assert_eq "each county's CSV files became one workbook" 6 "$(ls xlsx/*.xlsx | wc -l)"
sed 's/^/# /' writers.txt
assert_exit "the CSV files import" 0 "$FORUMSTAT" import -q --db csv.db csv
assert_exit "the workbooks import" 0 "$FORUMSTAT" import --db xlsx.db xlsx
assert_grep "a workbook's log line says xlsx" '^xlsx/feng\.xlsx: valid, [0-9]+ records \(xlsx\)$' "$T/out"
assert_nogrep "no workbook is refused" ': refused' "$T/out"
assert_eq "the same records at the same lines" "$(records csv.db)" "$(records xlsx.db)"
assert_eq "history records the format" "xlsx" \
    "$(sqlite3 xlsx.db "SELECT DISTINCT format FROM import_files WHERE name LIKE '%.xlsx'")"
assert_exit "report from the CSV warehouse" 0 "$FORUMSTAT" report -q --db csv.db --year 2024 --out rep-csv
assert_exit "report from the workbook warehouse" 0 "$FORUMSTAT" report -q --db xlsx.db --year 2024 --out rep-xlsx
assert "metrics-2024.csv has the same bytes" cmp rep-csv/metrics-2024.csv rep-xlsx/metrics-2024.csv

# The clerk's path, in Chinese: `forumstat template` for Yongcheng, the
# workbook filled in three ways a clerk's tools do it (the sheet XML edited
# as Excel saves it: shared strings, dates under a built-in date format,
# numbers as formulas with cached values; as WPS saves it: inline strings,
# a custom 年月日 date format; and by a script through openpyxl), then
# validate, import with the other counties' CSV files, and report: the
# records and the metrics bytes are those of the CSV files.
if "$FORUMSTAT" template -q --county 411481 --year 2024 --out tpl > /dev/null 2>&1; then
    TPL=tpl/template-411481-2024.xlsx
    assert_exit "the unfilled template is read (its instructions and dictionary ignored)" 1 \
        "$FORUMSTAT" validate "$TPL"
    assert_nogrep "no error names the instructions or dictionary sheet" '(说明|Instructions|Dictionary)[^:]*!' "$T/err"
    assert_nogrep "the unfilled template is not refused as a workbook" 'file\.spreadsheet' "$T/err"
    for how in excel wps openpyxl; do
        mkdir "clerk-$how"
        cp csv/*.db "clerk-$how"/
        for f in csv/*.csv; do case $f in csv/yongcheng-*) ;; *) cp "$f" "clerk-$how"/ ;; esac; done
        W="clerk-$how/永城市-2024.xlsx"
        $PY -c '
import sys, csv2xlsx
tpl, out, how, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if how == "openpyxl":
    csv2xlsx.fill_template_openpyxl(tpl, files, out)
else:
    csv2xlsx.fill_template(tpl, files, out, style=how)
' "$TPL" "$W" "$how" csv/yongcheng-*.csv
        assert_exit "$how: the filled template validates" 0 "$FORUMSTAT" validate "$W"
        assert_grep "$how: read as a workbook" '永城市-2024\.xlsx: valid, [0-9]+ records \(xlsx\)$' "$T/out"
        # ... as the clerk checks it: in Chinese, naming the county and year
        assert_exit "$how: validate --lang zh --county 永城市 --year 2024" 0 \
            "$FORUMSTAT" validate --lang zh --county 永城市 --year 2024 "$W"
        assert_grep "$how: ... says so in Chinese" '^validate：1 个文件，1 个有效，0 个被退回' "$T/out"
        assert_exit "$how: imported with the other counties' files" 0 "$FORUMSTAT" import -q --db "clerk-$how.db" "clerk-$how"
        assert_eq "$how: the CSV's records" "$(records csv.db noline)" "$(records "clerk-$how.db" noline)"
        assert_exit "$how: report" 0 "$FORUMSTAT" report -q --db "clerk-$how.db" --year 2024 --out "rep-$how"
        assert "$how: metrics-2024.csv has the CSV's bytes" cmp rep-csv/metrics-2024.csv "rep-$how/metrics-2024.csv"
    done
    $PY -c 'import sys, mkxlsx; sys.stdout.write("".join(d.decode() for n, d in mkxlsx.read_zip(sys.argv[1]) if n.startswith("xl/worksheets/") or n == "xl/styles.xml"))' \
        "clerk-excel/永城市-2024.xlsx" > excel.xml
    assert_grep "the Excel-style fill holds formulas with cached values" '<f>[0-9]+\+0</f><v>[0-9]+</v>' excel.xml
    $PY -c 'import sys, mkxlsx; sys.stdout.write("".join(d.decode() for n, d in mkxlsx.read_zip(sys.argv[1]) if n.startswith("xl/worksheets/") or n == "xl/styles.xml"))' \
        "clerk-wps/永城市-2024.xlsx" > wps.xml
    assert_grep "the WPS-style fill holds inline strings" 't="inlineStr"' wps.xml
    assert_grep "... and a 年月日 date format" 'formatCode="yyyy&quot;年&quot;m' wps.xml
else
    nok "forumstat template writes the template workbook"
fi

# --------------------------------------------- 2. one workbook per problem
mkdir bad && cd bad
$PY - <<'EOF'
import datetime
from mkxlsx import *
D = datetime.date(2024, 5, 20)
HEAD = HEAD_INC + ["loss_yuan"]
def book(name, rows, **kw):
    Book(**kw).sheet("incidents", [HEAD] + rows).save(name)
row = lambda **c: [c.get("id", "DS-1"), c.get("county", "341321"), c.get("date", D), c.get("cat", "05"),
                   c.get("off", 1), c.get("status", "open"), c.get("loss", None)]
book("numeric_id.xlsx", [row(id=20240100000000001)])
book("na.xlsx", [row(id=Error("#N/A"))])
book("na_optional.xlsx", [row(loss=Error("#VALUE!"))])
book("formula.xlsx", [row(off=Formula("1+1"))])
book("formula_ok.xlsx", [row(off=Formula("1+1", 2), loss=Formula("1200.5*2", 2401.0))])
book("serial.xlsx", [row(date=45432)])
book("text_number.xlsx", [row(off="two")])
book("totals.xlsx", [row(), ["合计", None, None, None, 1]])
book("wide.xlsx", [row() + [None] * 249 + ["far"]])  # column 257: IW
Book().sheet("incidents", [["砀山县2024年刑事案件统计表"], HEAD, row()], merges=["A1:G1"]).save("title.xlsx")
Book().sheet("incidents", [HEAD, row(), row(id="DS-2", county=None)], merges=["B2:B3"]).save("merged.xlsx")
Book(no_r=True).sheet("incidents", [HEAD, row(), row(id="DS-2", off="x")]).save("nor.xlsx")
Book(prefix="x", strict=True, zip64=True, date1904=True, date_style="cjk").sheet(
    "incidents", [HEAD, row(date=datetime.date(2024, 2, 29))]).save("strict.xlsx")
b = Book().sheet("Instructions", [HEAD, row(id="BAD", date="never")])
b.sheet("incidents", [HEAD, row()]).sheet("disputes", [["dispute_id"], ["x"]], state="hidden")
b.sheet("lists", [["county"], [341321]], state="veryHidden").save("hidden.xlsx")
Book().sheet("incidents A", [HEAD, row()]).sheet("incidents B", [HEAD, row()]).save("dupid.xlsx")
Book().sheet("incidents", [HEAD, row()]).sheet("more", [HEAD, row(id="DS-9", date="2024-13-01")]).save("half_bad.xlsx")
Book().sheet("incidents", [HEAD, row()]).save("sst_oob.xlsx")
p = dict(read_zip("sst_oob.xlsx"))["xl/worksheets/sheet1.xml"].decode()
replace_part("sst_oob.xlsx", "xl/worksheets/sheet1.xml", p.replace('<c r="A2" t="s"><v>7</v>', '<c r="A2" t="s"><v>99</v>'))
ole_file("legacy.xls", ["Root Entry", "Workbook"])
ole_file("protected.xlsx", ["Root Entry", "EncryptionInfo", "EncryptedPackage"])
write_zip("binary.xlsb", [("[Content_Types].xml", DECL + '<Types xmlns="%s"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>' % CT),
                          ("_rels/.rels", DECL + '<Relationships xmlns="%s"><Relationship Id="r" Type="%s/officeDocument" Target="xl/workbook.bin"/></Relationships>' % (PKGREL, RELNS)),
                          ("xl/workbook.bin", b"\x83\x01\x00")])
write_zip("calc.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")], store=True)
whole = open("strict.xlsx", "rb").read()
open("cut.xlsx", "wb").write(whole[:len(whole) // 2])
EOF
cd "$T"
expect() { # DESC FILE CODE PATTERN: validate bad/FILE from inside bad/
    ( cd bad && "$FORUMSTAT" validate "$2" ) > "$T/out" 2> "$T/err"
    local rc=$?
    cat "$T/out" "$T/err" > "$T/both"
    assert_eq "$1: exit $3" "$3" "$rc"
    assert_grep "$1" "$4" "$T/both"
}
expect "a number in an identifier column: format as Text" numeric_id.xlsx 1 \
    '^numeric_id\.xlsx:incidents!A2: error \[xlsx\.numeric_id\] case_id: identifier 20240100000000000 .*15 digits.* — format the column as Text'
expect "#N/A in a required cell names the cell" na.xlsx 1 \
    '^na\.xlsx:incidents!A2: error \[xlsx\.error_value\] case_id holds the error value #N/A'
expect "an error value in an optional column too" na_optional.xlsx 1 \
    '^na_optional\.xlsx:incidents!G2: error \[xlsx\.error_value\] loss_yuan holds the error value #VALUE!'
expect "a formula never calculated: recalculate and save" formula.xlsx 1 \
    '^formula\.xlsx:incidents!E2: error \[xlsx\.formula_no_value\] offenses holds a formula .*F9'
expect "formulas with cached values are their values" formula_ok.xlsx 0 'formula_ok\.xlsx: valid, 1 record \(xlsx\)'
expect "a date serial under General: format as Date" serial.xlsx 1 \
    '^serial\.xlsx:incidents!C2: error \[value\.date_serial\] date_reported: .45432. is an Excel date serial'
expect "text in a number column, at its cell" text_number.xlsx 1 \
    '^text_number\.xlsx:incidents!E2: error \[value\.integer\]'
expect "a totals row, at its first cell" totals.xlsx 1 '^totals\.xlsx:incidents!A3: error \[row\.totals\]'
expect "a merged title row above the header: skipped, located as a row" title.xlsx 0 \
    '^title\.xlsx:incidents!1:1: warning \[header\.preamble\]'
assert_grep "... and the record below the header is read" 'title\.xlsx: valid, 1 record \(xlsx\)' "$T/both"
expect "a value beyond column IV" wide.xlsx 1 '^wide\.xlsx:incidents!IW2: error \[xlsx\.too_many_columns\]'
expect "an empty required cell inside a merge says so" merged.xlsx 1 \
    '^merged\.xlsx:incidents!B3: error \[value\.required\] county is required but empty: the cell lies in the merged range B2:B3'
expect "cells without r attributes are located" nor.xlsx 1 '^nor\.xlsx:incidents!E3: error \[value\.integer\]'
expect "a shared string that does not exist, at its cell" sst_oob.xlsx 1 \
    '^sst_oob\.xlsx:incidents!A2: error \[xlsx\.damaged\]'
expect "legacy .xls: how to save as .xlsx" legacy.xls 1 \
    '^legacy\.xls: error \[file\.spreadsheet\] .*Excel 97-2003.*Save As > Excel Workbook \(\*\.xlsx\)'
expect "a password-protected workbook" protected.xlsx 1 '^protected\.xlsx: error \[file\.spreadsheet\] .*remove the password'
expect ".xlsb" binary.xlsb 1 '^binary\.xlsb: error \[file\.spreadsheet\] .*\.xlsb.* — .*Excel Workbook \(\*\.xlsx\)'
expect "OpenDocument" calc.ods 1 '^calc\.ods: error \[file\.spreadsheet\] this is an OpenDocument spreadsheet'
expect "a workbook cut in half" cut.xlsx 1 '^cut\.xlsx: error \[xlsx\.damaged\]'
expect "the same identifier on two sheets" dupid.xlsx 1 '^dupid\.xlsx:incidents B!A2: error \[unique\.id\]'
expect "hidden sheets and the instructions are not read" hidden.xlsx 0 \
    '^hidden\.xlsx:disputes: warning \[xlsx\.sheet_ignored\] sheet .disputes. is hidden'
assert_grep "... and the visible table is" 'hidden\.xlsx: valid, 1 record \(xlsx\)' "$T/both"
expect "an unknown sheet is ignored, with a warning" half_bad.xlsx 1 '^half_bad\.xlsx:more!C2: error \[value\.date_invalid\]'

# Strict OOXML, x: prefixes, zip64, the 1904 system and a CJK date format.
DB="$T/w.db"
assert_exit "a Strict, prefixed, zip64, 1904 workbook imports" 0 "$FORUMSTAT" import --db "$DB" bad/strict.xlsx
assert_eq "its leap-day date is stored as a date" "2024-02-29" \
    "$(sqlite3 "$DB" "SELECT date_reported FROM live_incidents WHERE case_id = 'DS-1'")"
# A workbook is one file: one bad sheet refuses all of it.
before=$(dbsum "$DB")
assert_exit "a workbook with one bad sheet is refused whole" 1 "$FORUMSTAT" import --db "$DB" bad/half_bad.xlsx
assert_eq "... and the warehouse is unchanged" "$before" "$(dbsum "$DB")"
assert_grep "history lists the workbook" 'strict\.xlsx.*xlsx' <("$FORUMSTAT" history --db "$DB" 2>&1)

# ------------------------------------------------- 3. hostile workbooks
mkdir hostile && cd hostile
$PY - <<'EOF'
from mkxlsx import *
zip_bomb("bomb.xlsx", megabytes=1024, claim=4096)
b = Book().sheet("incidents", [HEAD_INC, ROW_INC])
b.save("laughs.xlsx"); replace_part("laughs.xlsx", "xl/sharedStrings.xml", LAUGHS)
b.save("xxe.xlsx"); replace_part("xxe.xlsx", "xl/worksheets/sheet1.xml", XXE)
b.save("dup.xlsx")
write_zip("dup.xlsx", read_zip("dup.xlsx") + [("xl/worksheets/sheet1.xml",
          DECL + '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>' % MAIN)])
huge_shared_strings("sst.xlsx", 3000000)
b.save("giant.xlsx")
replace_part("giant.xlsx", "xl/worksheets/sheet1.xml",
             DECL + '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" x="%s"/></row></sheetData></worksheet>' % (MAIN, "a" * (40 << 20)))
EOF
cd "$T"
hostile() { # DESC FILE RULE
    /usr/bin/time -f '%M %e' -o "$T/rss" "$FORUMSTAT" validate "hostile/$2" > "$T/out" 2> "$T/err"
    local rc=$? kb s
    read -r kb s < <(tail -1 "$T/rss") # time(1) puts "Command exited ..." first
    echo "# $2: refused in ${s} s, peak RSS ${kb} KB"
    assert_eq "$1: refused" 1 "$rc"
    assert_grep "$1: [$3]" "^hostile/$2(:[^ ]*)?: error \[$3\]" "$T/err"
    assert "$1: memory bounded (${kb} KB < 100 MB)" test "$kb" -lt 102400
    assert "$1: quickly (${s} s < 20 s)" awk -v s="$s" 'BEGIN { exit !(s < 20) }'
}
hostile "zip bomb (1 GiB claiming 4 KiB)" bomb.xlsx xlsx.too_big
hostile "billion laughs" laughs.xlsx xlsx.doctype
hostile "external entity" xxe.xlsx xlsx.doctype
assert_nogrep "... nothing of /etc/passwd is echoed" 'root:' "$T/err"
hostile "duplicate entry names" dup.xlsx xlsx.duplicate_entry
hostile "3 million shared strings" sst.xlsx xlsx.too_big
hostile "a 40 MiB XML attribute" giant.xlsx xlsx.too_big

# ------------------------------------------------ repeats inside a workbook
# validate writes no database: a repeated identifier found by fingerprints
# is named exactly by reading the sheet again (idexact.c), as import does
# with SQL; both must give the same diagnostic.
cd "$T"
mkdir -p rep/csv rep/x
iconv -f GB18030 -t UTF-8 "$ROOT/samples/2024/dangshan-2024-incidents.csv" > rep/csv/dangshan-2024-incidents.csv
$PY - rep/csv/dangshan-2024-incidents.csv <<'PYEOF'
import sys
p = sys.argv[1]
raw = open(p, encoding="utf-8").read().splitlines()
hi = next(i for i, l in enumerate(raw) if "案件编号" in l)
col = raw[hi].split(",").index("案件编号")
rows = raw[hi + 1:]
a, b = rows[0].split(","), rows[5].split(",")
b[col] = a[col]
rows[5] = ",".join(b)
open(p, "w", encoding="utf-8").write("\n".join(raw[:hi + 1] + rows) + "\n")
PYEOF
$PY "$ROOT/tests/fixtures/xlsx/csv2xlsx.py" rep/csv rep/x > /dev/null
assert_exit "a workbook repeating a case_id: validate refuses it" 1 "$FORUMSTAT" validate rep/x/dangshan.xlsx
assert_grep "... naming the repeat at its cell and the first occurrence" \
    '^rep/x/dangshan\.xlsx:[^!]+![A-Z]+9: error \[unique\.id\] 案件编号 \(case_id\) .DS2024XS0001. .*repeats an identifier' "$T/err"
cp "$T/err" rep/validate.err
assert_exit "... and import refuses it the same way" 1 "$FORUMSTAT" import --db rep/w.db rep/x/dangshan.xlsx
assert_eq "... with the same message" "$(grep unique.id rep/validate.err)" "$(grep unique.id "$T/err")"
