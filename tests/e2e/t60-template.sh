#!/usr/bin/env bash
# t60-template — county templates, documentation and everyday use.
#
#  - `forumstat template`: the files, their encoding and headers (from the
#    one table definition), an unfilled template is valid (a warning each);
#  - the round trip a clerk makes: CSV templates filled in (shell) validate
#    with no error, also after conversion to GB18030; the workbook filled in
#    through openpyxl with every drop-down value, each sheet saved as CSV,
#    validates and imports (the workbook sent as it is is refused); the workbook's structure (frozen header, input
#    messages, drop-downs on a hidden sheet, checks, text-formatted IDs,
#    pre-filled indicators); reproducible bytes;
#  - usage: --help of every command, unknown commands and options (exit 2,
#    one line and a hint), template's own errors;
#  - the man page renders and names every command and option of --help;
#    the guides' generated sections match `template --dictionary`;
#    the README's two commands exist and are what CI runs; an installed
#    layout finds its zone;
#  - progress only on a terminal and not with -q; summaries; -v.
. "$(dirname "$0")/lib.sh"
cd "$T"
FS=$FORUMSTAT
PY=/usr/bin/python3
C=341321
Y=2024

# ------------------------------------------------------------ templates
assert_exit "template zh" 0 "$FS" template --county $C --year $Y --out tz
assert_grep "template: one line per file" "^template: workbook +tz/template-$C-$Y.xlsx$" "$T/out"
assert_grep "template: a summary line" "^template: $C 砀山县 $Y \(zh\): 6 files written to tz" "$T/out"
assert_exit "template en, county by English name" 0 "$FS" template --county "dangshan county" --year $Y --out te --lang en
assert_exit "template -q, county by Chinese name" 0 "$FS" template -q --county 砀山县 --year $Y --out tq
assert_eq "template -q prints nothing" "" "$(cat "$T/out")"
for t in indicators incidents disputes cooperation; do
    assert "tz/$C-$Y-$t.csv written" test -s "tz/$C-$Y-$t.csv"
done
assert "workbook written" test -s "tz/template-$C-$Y.xlsx"
assert "dictionary written" test -s "tz/dictionary-$C-$Y.csv"
assert_eq "CSV template starts with a UTF-8 BOM" "efbbbf" "$(head -c3 tz/$C-$Y-incidents.csv | od -An -tx1 | tr -d ' \n')"
assert_eq "CSV template is one CRLF-terminated header line" "1 1" \
    "$(wc -l < tz/$C-$Y-incidents.csv) $(grep -c $'\r$' tz/$C-$Y-incidents.csv)"
hdr() { head -1 "$1" | sed $'s/^\xEF\xBB\xBF//; s/\r$//'; }
assert_eq "zh incidents header: the Chinese aliases" \
    "案件编号,县区代码,立案日期,案件类别,细类,起数,损失金额,挽损金额,嫌疑人数,抓获人数,状态,破案日期,跨区案件编号,涉及县区,协助县区" \
    "$(hdr tz/$C-$Y-incidents.csv)"
assert_eq "en incidents header: the standard names" \
    "case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by" \
    "$(hdr te/$C-$Y-incidents.csv)"
assert_eq "en cooperation header" "activity_id,county,date,kind,partners,lead,participants,outcome_count,joint_ref" \
    "$(hdr te/$C-$Y-cooperation.csv)"

# The indicators file lists the indicators as the workbook does: one row
# per indicator, the declared record counts (standard v2 §2.3) included.
assert_eq "indicators template: header and one row per indicator (11)" 12 "$(grep -c $'\r$' tz/$C-$Y-indicators.csv)"
assert_eq "indicators template: every row names the county and year, no value" 11 \
    "$(grep -cE "^$C,$Y,[^,]+,,"$'\r$' tz/$C-$Y-indicators.csv)"
assert_grep "indicators template: the declared record counts (zh)" "^$C,$Y,报送刑事案件数,," tz/$C-$Y-indicators.csv
assert_grep "indicators template: the declared record counts (en)" "^$C,$Y,declared_cooperation,," te/$C-$Y-indicators.csv
assert_grep "indicators template (en): indicator codes" "^$C,$Y,population,," te/$C-$Y-indicators.csv
assert_exit "unfilled record templates are valid" 0 "$FS" validate tz/$C-$Y-{incidents,disputes,cooperation}.csv
assert_grep "unfilled: three files, no error, a warning each" \
    '^validate: 3 files, 3 valid, 0 refused, 0 records, 0 errors, 3 warnings$' "$T/out"
assert_grep "unfilled: the warning says there are no records" 'warning \[file.no_records\]' "$T/err"
assert_exit "the unfilled indicators file is refused" 1 "$FS" validate tz/$C-$Y-indicators.csv
assert_eq "... one error per indicator without a value (and the refusal)" 12 "$(grep -c ': error \[' "$T/err")"
assert_grep "... saying to fill in the value or delete the row" \
    "^tz/$C-$Y-indicators.csv:2:4: error \[value.required\] 数值 \(value\) is required but empty — fill in the value, or delete the row" "$T/err"

# ----------------------------------------------- no file is overwritten
printf 'DS-2024-K1,341321,2024-03-05,05,,1,,,,,在侦,,,,\r\n' >> tz/$C-$Y-incidents.csv
cp tz/$C-$Y-incidents.csv kept.csv
assert_exit "template into a folder holding its files: refused" 2 "$FS" template --county $C --year $Y --out tz
assert_grep "... naming the files and --force" "tz/$C-$Y-incidents.csv.*already exist: nothing was written.*--force" "$T/err"
assert "... the filled-in file is untouched" cmp -s kept.csv tz/$C-$Y-incidents.csv
assert_eq "... nothing written at all" "" "$(cat "$T/out")"
mkdir one && cp kept.csv one/$C-$Y-incidents.csv
assert_exit "one file there is enough to refuse" 2 "$FS" template --county $C --year $Y --out one
assert_eq "... and no other file is written" "$C-$Y-incidents.csv" "$(ls one)"
assert_exit "template --force replaces them" 0 "$FS" template --force --county $C --year $Y --out tz
assert_eq "... the incidents template is a header again" 1 "$(wc -l < tz/$C-$Y-incidents.csv)"

# ------------------------------- examples in the template's own year
assert_exit "template for 2025" 0 "$FS" template -q --county $C --year 2025 --out t25
assert_grep "dictionary: identifiers of 2025, with the county's code" $',341321-2025-0001\r$' t25/dictionary-$C-2025.csv
assert_grep "dictionary: dates of 2025" $',2025-05-20\r$' t25/dictionary-$C-2025.csv
assert_nogrep "dictionary: no example of another year" '2024' t25/dictionary-$C-2025.csv
assert_eq "workbook: no example of another year (instructions, input and error messages)" 0 \
    "$(unzip -p t25/template-$C-2025.xlsx 'xl/*' | grep -ac 2024)"
assert_exit "the dictionary is not taken for a submission (skipped with a warning)" 0 "$FS" validate "tz/dictionary-$C-$Y.csv"
assert_grep "... saying it is the data dictionary" "^tz/dictionary-$C-$Y\\.csv:1: warning \\[file\\.dictionary\\]" "$T/err"
assert_grep "... and none of its rows read as records" "^tz/dictionary-$C-$Y\\.csv: valid, 0 records" "$T/out"

# ----------------------------------------------- CSV templates filled in
fill() { # DIR: append records to the zh templates (shell, as a clerk's export would)
    # the indicators: values filled in, the rows of the others deleted
    { head -1 "$1/$C-$Y-indicators.csv"
      printf '%s\r\n' '341321,2024,常住人口,785000,' '341321,2024,网格员,1320,' \
        '341321,2024,mediators,260,含兼职调解员'; } > "$1/ind.tmp" && mv "$1/ind.tmp" "$1/$C-$Y-indicators.csv"
    printf '%s\r\n' 'DS-2024-T001,341321,2024-03-05,05,盗窃羊只,2,2300.50,1200,2,2,已破,2024-03-20,,,' \
        'DS-2024-T002,砀山县,2024/6/1,2,,1,,,1,0,在侦,,KQ-2024-T01,371722；320321,371722' \
        'DS-2024-T003,341321,2024年7月9日,07,电信诈骗,3,"12,500.00",0,2,2,solved,2024-08-01,,,' \
        >> "$1/$C-$Y-incidents.csv"
    printf '%s\r\n' 'DS-JF-T001,341321,2024-03-08,土地,,2,乡镇,调解成功,2024-03-20,' \
        'DS-JF-T002,341321,2024-04-10,邻里,371722,3,联合调解,在调,,LT-2024-T01' >> "$1/$C-$Y-disputes.csv"
    printf '%s\r\n' 'DS-HZ-T001,341321,2024-07-15,联合巡逻,371722;320321,371722,40,3,LH-2024-T12' \
        'DS-HZ-T002,341321,2024-08-02,追逃,411425,,6,1,' >> "$1/$C-$Y-cooperation.csv"
}
mkdir filled && cp tz/$C-$Y-*.csv filled/ && fill filled
assert_exit "filled CSV templates validate" 0 "$FS" validate filled/$C-$Y-*.csv
assert_grep "filled: 10 records, no error, no warning" \
    '^validate: 4 files, 4 valid, 0 refused, 10 records, 0 errors, 0 warnings$' "$T/out"
assert_grep "filled: read as UTF-8 with BOM" "incidents.csv: valid, 3 records \(CSV, UTF-8 with BOM\)" "$T/out"
mkdir gb
for f in filled/$C-$Y-*.csv; do
    tail -c +4 "$f" | iconv -f UTF-8 -t GB18030 > "gb/$(basename "$f")"
done
assert_exit "the same files in GB18030 validate" 0 "$FS" validate gb
assert_grep "GB18030: 10 records, no error" '^validate: 4 files, 4 valid, 0 refused, 10 records, 0 errors' "$T/out"
assert_grep "GB18030: detected" "incidents.csv: valid, 3 records \(CSV, GB18030\)" "$T/out"
assert_exit "filled templates import" 0 "$FS" import --db w.db filled/$C-$Y-*.csv
assert_exit "history lists it" 0 "$FS" history --db w.db
assert_grep "history: a summary line" '^history: 1 import \(0 reverted\), 4 files, 10 records in w.db$' "$T/out"
assert_exit "history -q: no summary" 0 "$FS" history -q --db w.db
assert_nogrep "history -q: no summary line" '^history:' "$T/out"

# English templates, English codes.
printf '%s\r\n' 'DS-2024-E001,341321,2024-05-20,05,livestock theft,1,100,0,1,1,closed,2024-05-30,,,' \
    >> te/$C-$Y-incidents.csv
printf '%s\r\n' 'DS-HZ-E001,Dangshan County,2024-09-01,meeting,Feng County,,12,0,' >> te/$C-$Y-cooperation.csv
assert_exit "filled English templates validate" 0 "$FS" validate te/$C-$Y-{incidents,disputes,cooperation}.csv
assert_grep "English: 2 records, no error" '^validate: 3 files, 3 valid, 0 refused, 2 records, 0 errors' "$T/out"

# ------------------------------------------------ the workbook, as a clerk
cat > wb.py <<'EOF'
# Check the template workbook, fill every table sheet using the drop-down
# values themselves, save each table sheet as CSV (what Excel's Save As
# does).  Prints "PASS what" / "FAIL what: detail" lines.
import csv, datetime, os, re, sys
import openpyxl
xlsx, tpl_zh_dir, tpl_en_dir, out, code, year = sys.argv[1:7]
year = int(year)
wb = openpyxl.load_workbook(xlsx)
def check(ok, what, detail=""):
    print(("PASS " if ok else "FAIL ") + what + ("" if ok else ": " + str(detail)))
def header(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))
tables = ["indicators", "incidents", "disputes", "cooperation"]
names = wb.sheetnames
check("Instructions" in names[0], "the first sheet is the Instructions", names)
check(names[-1] == "lists" and wb["lists"].sheet_state == "hidden", "drop-down values on a hidden last sheet", names)
inst = wb[names[0]]
text = " ".join(str(c.value) for row in inst.iter_rows() for c in row if c.value)
check("CSV UTF-8" in text and "另存为" in text, "instructions say how to save as CSV, in both languages")
check(code in text, "instructions name the county code")
check(f"forumstat validate --county {code} --year {year}" in text, "instructions show validate --county --year")
check("checks the files on receipt" in text and "秘书处收到文件后进行检查" in text,
      "instructions: the secretariat checks the files on receipt, in both languages")
check("as it is" in text and "原样" in text, "instructions: the workbook may be sent as it is")
check("run forumstat" not in text and "运行 forumstat" not in text, "instructions tell no clerk to run a program")
lists = wb["lists"]
def list_values(formula):
    m = re.fullmatch(r"=?'?lists'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    if not m:
        return None
    return [c.value for row in lists[f"{m[1]}{m[2]}:{m[3]}{m[4]}"] for c in row]
lang_dir = tpl_zh_dir if any("\u4e00" <= ch <= "\u9fff" for ch in names[1]) else tpl_en_dir
en_names = {}
ENUMS = {"indicator", "category", "status", "type", "level", "outcome", "kind"}
IDS = {"case_id", "dispute_id", "activity_id", "cross_ref", "joint_ref"}
DATES = {"date_reported", "date_solved", "date_received", "date_closed", "date"}
INTS = {"offenses", "suspects", "arrested", "parties", "participants", "outcome_count", "year"}
for i, t in enumerate(tables):
    ws = wb.worksheets[1 + i]
    hdr = [c.value for c in ws[1]]
    want = header(os.path.join(lang_dir, f"{code}-{year}-{t}.csv"))
    check(hdr == want, f"{t}: sheet header = CSV template header", hdr)
    en = header(os.path.join(tpl_en_dir, f"{code}-{year}-{t}.csv"))
    check(ws.freeze_panes == "A2", f"{t}: header row frozen", ws.freeze_panes)
    dvs = ws.data_validations.dataValidation
    def dv_at(cell):
        return [d for d in dvs if cell in d.sqref]
    prompts = all(any(d.prompt for d in dv_at(f"{openpyxl.utils.get_column_letter(j + 1)}1")) for j in range(len(hdr)))
    check(prompts, f"{t}: an input message on every header")
    picks = {}
    for j, name in enumerate(en):
        L = openpyxl.utils.get_column_letter(j + 1)
        d = dv_at(f"{L}2")
        kinds = [x.type for x in d]
        if name in ENUMS or name in ("county", "lead"):
            lst = [x for x in d if x.type == "list"]
            vals = list_values(lst[0].formula1) if lst else None
            check(bool(vals) and all(vals), f"{t}.{name}: drop-down from the hidden sheet", kinds)
            check(bool(lst) and lst[0].showErrorMessage and lst[0].error, f"{t}.{name}: error alert")
            picks[name] = vals or []
        if name in DATES:
            check("date" in kinds, f"{t}.{name}: date check", kinds)
        if name in INTS:
            check("whole" in kinds, f"{t}.{name}: whole-number check", kinds)
        if name in IDS:
            check(ws.column_dimensions[L].number_format == "@", f"{t}.{name}: formatted as text",
                  ws.column_dimensions[L].number_format)
        if d and d[0].prompt:
            pass
        else:
            check(False, f"{t}.{name}: input message on the cells")
    check(picks.get("county") == [code], f"{t}: the county drop-down offers only this county", picks.get("county"))
    en_names[t] = (en, picks)

# Fill in.  Every drop-down value of every coded column is used once.
def put(ws, r, en, values):
    for j, name in enumerate(en):
        if name in values:
            ws.cell(row=r, column=j + 1, value=values[name])
d0 = datetime.datetime(year, 1, 1)
ws = wb.worksheets[1]
en, picks = en_names["indicators"]
pre = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
check(len(pre) == len(picks["indicator"]) and all(str(r[en.index("county")]) == code and r[en.index("year")] == year for r in pre),
      "indicators: one pre-filled row per indicator with county and year", pre[:2])
# Rows follow the schema's order: eight plain indicators get plausible
# values, then the declared record counts (§2.3) get the number of records
# this script writes into incidents, disputes and cooperation.
declared = [len(en_names[t][1][c]) for t, c in
            (("incidents", "category"), ("disputes", "type"), ("cooperation", "kind"))]
values = [785000, 1320, 95, 212, 4, 1750, 31, 260] + declared
for r in range(2, 2 + len(pre)):
    ws.cell(row=r, column=en.index("value") + 1, value=values[r - 2])
ws = wb.worksheets[2]
en, picks = en_names["incidents"]
for i, cat in enumerate(picks["category"]):
    st = picks["status"][i % 3]            # open, solved, closed in the standard's order
    rep = d0 + datetime.timedelta(days=20 * i)
    put(ws, 2 + i, en, {"case_id": f"DS-{year}-W{i:03d}", "county": code, "date_reported": rep,
        "category": cat, "subcategory": "盗窃" if i % 2 else None, "offenses": 1 + i % 3,
        "loss_yuan": 1000.5 * i, "recovered_yuan": 100 * (i % 2), "suspects": 2, "arrested": 1,
        "status": st, "date_solved": rep + datetime.timedelta(days=9) if i % 3 else None,
        "cross_ref": "KQ-W-01" if i == 0 else None, "counties_involved": "371722" if i == 0 else None,
        "assisted_by": "320321;371722" if i == 1 else None})
ws = wb.worksheets[3]
en, picks = en_names["disputes"]
for i, ty in enumerate(picks["type"]):
    oc = picks["outcome"][i % len(picks["outcome"])]   # index 1 is pending
    rec = d0 + datetime.timedelta(days=30 * i)
    put(ws, 2 + i, en, {"dispute_id": f"JF-W{i:03d}", "county": code, "date_received": rec, "type": ty,
        "counterpart": "411425" if i == 2 else None, "parties": 2 + i % 2,
        "level": picks["level"][i % len(picks["level"])], "outcome": oc,
        "date_closed": None if i % len(picks["outcome"]) == 1 else rec + datetime.timedelta(days=6),
        "joint_ref": "LT-W-1" if i == 2 else None})
ws = wb.worksheets[4]
en, picks = en_names["cooperation"]
for i, k in enumerate(picks["kind"]):
    put(ws, 2 + i, en, {"activity_id": f"HZ-W{i:03d}", "county": code,
        "date": d0 + datetime.timedelta(days=35 * i), "kind": k, "partners": "371722;320321",
        "lead": picks["lead"][[v for v in picks["lead"]].index("371722")] if i % 2 else None,
        "participants": 10 + i, "outcome_count": i, "joint_ref": None})

# Save each table sheet as CSV, as Excel would (dates as shown: yyyy-mm-dd).
def show(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
os.makedirs(out, exist_ok=True)
for i, t in enumerate(tables):
    ws = wb.worksheets[1 + i]
    with open(os.path.join(out, f"{code}-{year}-{t}.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        for row in ws.iter_rows(values_only=True):
            w.writerow([show(v) for v in row])
wb.save(out + ".xlsx")   # the filled workbook itself, sent as it is
print("RECORDS", len(pre) + len(en_names["incidents"][1]["category"]) + len(en_names["disputes"][1]["type"]) +
      len(en_names["cooperation"][1]["kind"]))
EOF
wb_round_trip() { # LANG DIR
    local lang=$1 dir=$2 line records=
    "$PY" wb.py "$dir/template-$C-$Y.xlsx" tz te "xl-$lang" $C $Y > "py-$lang.txt" 2> "py-$lang.err"
    if [ ! -s "py-$lang.txt" ]; then nok "workbook ($lang) read with openpyxl" "$(tail -3 "py-$lang.err")"; return; fi
    while IFS= read -r line; do
        case $line in
            PASS*) ok "workbook ($lang): ${line#PASS }" ;;
            FAIL*) nok "workbook ($lang): ${line#FAIL }" ;;
            RECORDS*) records=${line#RECORDS } ;;
        esac
    done < "py-$lang.txt"
    assert_exit "workbook ($lang) filled and saved as CSV validates" 0 "$FS" validate "xl-$lang"
    assert_grep "workbook ($lang): $records records, no error" \
        "^validate: 4 files, 4 valid, 0 refused, $records records, 0 errors" "$T/out"
    # Sent as it is, the filled workbook holds the same records as the
    # CSV files saved from it (standard v2 §2.1b).
    assert_exit "workbook ($lang) sent as it is validates" 0 "$FS" validate "xl-$lang.xlsx"
    assert_grep "workbook ($lang) sent as it is: $records records, no error" \
        "^validate: 1 file, 1 valid, 0 refused, $records records, 0 errors" "$T/out"
}
wb_round_trip zh tz
wb_round_trip en te
assert_exit "workbook (zh) sheets import" 0 "$FS" import -q --db xl.db xl-zh

assert_exit "template again, same SOURCE_DATE_EPOCH" 0 "$FS" template -q --county $C --year $Y --out tz2
assert "the workbook is reproducible byte for byte" cmp -s tz/template-$C-$Y.xlsx tz2/template-$C-$Y.xlsx
assert "so are the CSV files" cmp -s tz/dictionary-$C-$Y.csv tz2/dictionary-$C-$Y.csv

# ------------------------------------------------------- template usage
assert_exit "template: no county → usage" 2 "$FS" template --year $Y --out x
assert_exit "template: unknown county → usage" 2 "$FS" template --county 34132 --year $Y --out x
assert_grep "template: did you mean" "did you mean 341321" "$T/err"
assert_exit "template: bad year → usage" 2 "$FS" template --county $C --year 1999 --out x
assert_exit "template: bad --lang → usage" 2 "$FS" template --county $C --year $Y --out x --lang fr
assert_exit "template: --dictionary with --out → usage" 2 "$FS" template --dictionary --out x
assert_exit "template: folder cannot be made → environment" 3 "$FS" template --county $C --year $Y --out /dev/null/x
assert_grep "template: says which folder" "cannot create the folder /dev/null/x" "$T/err"
assert_exit "template -v explains" 0 "$FS" template -v --county $C --year $Y --out tv
assert_grep "template -v: the zone it read" "^template: zone .*zone.conf: .*7 member counties" "$T/err"

# ------------------------- every county's examples pass its own checks
# The dictionary's examples, one record per table, validated for the
# county and year they were made for: no example names the reporting
# county in a list of others (list.self), every identifier is the county's.
n=0
for code in $(sed -n 's/^county *= *\([0-9]\{6\}\).*/\1/p' "$ROOT/templates/zone.conf"); do
    n=$((n + 1))
    rm -rf "ex-$code"
    "$FS" template -q --lang en --county "$code" --year 2031 --out "ex-$code" > /dev/null 2>&1
    "$PY" - "ex-$code/dictionary-$code-2031.csv" "ex-$code" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
tables = {}
for r in rows[1:]:
    tables.setdefault(r[0], []).append((r[1], r[-1]))
for t, cols in tables.items():
    with open("%s/example-%s.csv" % (sys.argv[2], t), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c for c, _ in cols])
        w.writerow([e for _, e in cols])
PY
    assert_exit "$code: the examples of its template are valid for it" 0 \
        "$FS" validate --county "$code" --year 2031 ex-$code/example-*.csv
    assert_nogrep "... with no warning either" 'warning' "$T/err"
    assert_grep "... its identifiers carry its code" "^incidents,case_id,.*,$code-2031-0001"$'\r$' "ex-$code/dictionary-$code-2031.csv"
done
assert_eq "every member county was tried" 7 "$n"

# ---------------------------------------------------------- every --help
"$FS" --help > help.txt; rc=$?
assert_eq "forumstat --help exits 0" 0 $rc
cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' help.txt)
assert_eq "forumstat --help lists the eight commands" "validate import history revert report check template migrate" "$(echo $cmds)"
for c in $cmds; do
    "$FS" "$c" --help > "help-$c.txt" 2>&1; rc=$?
    assert_eq "$c --help exits 0" 0 $rc
    assert_eq "$c --help starts with its usage" "usage: forumstat $c" "$(head -1 "help-$c.txt" | cut -c1-$((17 + ${#c})))"
    # --lang among the options, before the paragraphs after them
    lang_at=$(grep -n -m1 -- '^  --lang' "help-$c.txt" | cut -d: -f1)
    exit_at=$(grep -n -m1 '^Exit status' "help-$c.txt" | cut -d: -f1)
    assert "$c --help lists --lang before its exit status (${lang_at:-none} < ${exit_at:-none})" \
        test -n "$lang_at" -a -n "$exit_at" -a "${lang_at:-0}" -lt "${exit_at:-0}"
    assert_exit "$c: unknown option → exit 2" 2 "$FS" "$c" --no-such-option
    assert_eq "$c: one line and a hint" "2|Try 'forumstat $c --help'." "$(wc -l < "$T/err")|$(tail -1 "$T/err")"
done
assert_exit "unknown command → exit 2" 2 "$FS" frobnicate
assert_eq "unknown command: one line and a hint" "2|Try 'forumstat --help'." "$(wc -l < "$T/err")|$(tail -1 "$T/err")"

# ------------------------------------------------------------ man page
MANWIDTH=80 man --warnings -l "$ROOT/docs/forumstat.1" > man.txt 2> man.err; rc=$?
assert_eq "the man page renders" 0 $rc
assert_eq "the man page renders without warnings" "" "$(cat man.err)"
for c in $cmds; do
    assert_grep "man page has a section on $c" "^   $c\$" man.txt
    for o in $(grep -oE -- '(^|[][ ,|])(--[a-z][a-z-]*|-[a-z])\b' "help-$c.txt" | grep -oE -- '-+[a-z-]+' | sort -u); do
        if grep -qF -- "$o" man.txt; then ok "man page names $c's option $o"
        else nok "man page names $c's option $o"; fi
    done
done
assert "make install puts the man page in man1" \
    sh -c "make -n -C '$ROOT' install PREFIX=/opt/x BUILD=$BUILD 2>/dev/null | grep -q 'docs/forumstat.1 /opt/x/share/man/man1/'"
assert "make install puts the zone next to it" \
    sh -c "make -n -C '$ROOT' install PREFIX=/opt/x BUILD=$BUILD 2>/dev/null | grep -q 'zone.conf /opt/x/share/forumstat/zone.conf'"
mkdir -p inst/bin inst/share/forumstat
cp "$FS" inst/bin/forumstat && cp "$ROOT/templates/zone.conf" inst/share/forumstat/
assert_exit "an installed forumstat finds its zone under PREFIX/share" 0 \
    env -u FORUMSTAT_ZONE inst/bin/forumstat template -q --county $C --year $Y --out ti

# ------------------------------------------------------- the guides
for lang in zh en; do
    g="$ROOT/docs/submission-guide.$lang.md"
    assert "docs/submission-guide.$lang.md exists" test -s "$g"
    "$FS" template --dictionary --lang $lang > "dict-$lang.md" 2> "dict-$lang.err"
    assert_eq "template --dictionary --lang $lang: every rule described" "" "$(cat "dict-$lang.err")"
    awk '/^<!-- BEGIN GENERATED/ { on = 1; next } /^<!-- END GENERATED/ { on = 0 } on' "$g" > "doc-$lang.md"
    if cmp -s "dict-$lang.md" "doc-$lang.md"; then ok "submission-guide.$lang.md is up to date with schema.c, rules.def, zone.conf"
    else nok "submission-guide.$lang.md is up to date (run scripts/update-docs)" "$(diff "doc-$lang.md" "dict-$lang.md" | head -5)"; fi
done
assert_grep "the zh guide lists every column alias" "\| 跨区案件编号 \| \`cross_ref\` \|" doc-zh.md
assert_grep "the en guide lists every rule" '\| `privacy.mobile` \|' doc-en.md

# ------------------------------------------------------- the README
readme_cmds=$(awk '/^## Two commands/ { on = 1; next } on && /^```/ { if (in_block) exit; in_block = 1; next }
                   in_block && NF { print $1 }' "$ROOT/README.md")
assert_eq "README gives two commands" "./run-samples ./run-tests" "$(echo $readme_cmds)"
for c in $readme_cmds; do
    assert "README command $c exists and is executable" test -x "$ROOT/$c"
done
assert_grep "CI runs the README's test command" '^exec \./run-tests$' "$ROOT/.ci/run"
for s in "For county clerks" "For the secretariat" "For presenters" "Exit status" "Where outputs go" \
         "Another cooperation zone" "Source tree"; do
    assert_grep "README has a section: $s" "^## $s" "$ROOT/README.md"
done

# ------------------------------------------------- progress and -v
# The progress line shows after FORUMSTAT_PROGRESS_AFTER seconds (1 by
# default): 0 here, so a small file shows it whatever the machine's speed,
# and the runs without it prove more (the line would show at once).  Enough
# records for several batches of the pipeline.
rows=30000
awk -v n=$rows 'BEGIN { printf "\xef\xbb\xbfcase_id,county,date_reported,category,offenses,status\r\n";
             for (i = 0; i < n; i++) printf "P-%07d,341321,2024-%02d-%02d,05,1,open\r\n", i, i % 12 + 1, i % 28 + 1 }' \
    > big.csv
export FORUMSTAT_PROGRESS_AFTER=0
assert_exit "a validation (stderr a file)" 0 "$FS" validate big.csv
assert_nogrep "no progress line when stderr is not a terminal" $'records/s|\r' "$T/err"
# The progress line is tested on a real terminal (script(1)); the test
# fails, never skips, when no line shows.
script -qfec "'$FS' validate big.csv" /dev/null > tty.txt 2>&1
assert_grep "progress on a terminal: file, records, records/s" 'validate: big\.csv: [0-9]+ records, [0-9]+ records/s' tty.txt
assert_grep "progress cleared before the result line" $'\r\033\\[Kbig\\.csv: valid, 30000 records' tty.txt
script -qfec "'$FS' validate -q big.csv" /dev/null > ttyq.txt 2>&1
assert_nogrep "no progress with -q" 'records/s' ttyq.txt
unset FORUMSTAT_PROGRESS_AFTER
assert_exit "validate -v" 0 "$FS" validate -v filled/$C-$Y-incidents.csv
assert_grep "validate -v: the zone" "^validate: zone .*7 member counties" "$T/err"
assert_grep "validate -v: nothing written" "^validate: checking each file without writing anything" "$T/err"
mkdir vdir && cp big.csv vdir/ && before=$(ls -la --time-style=full-iso vdir)
TMPDIR=$T/no-such-folder assert_exit "validate writes no file: no temporary folder needed" 0 \
    "$FS" validate vdir
assert_eq "validate writes no file: the folder is unchanged" "$before" "$(ls -la --time-style=full-iso vdir)"
assert_exit "import -v" 0 "$FS" import -v --db v.db --errors p.csv filled/$C-$Y-incidents.csv
assert_grep "import -v: the warehouse" "^import: warehouse v.db \(new, created now\)" "$T/err"
assert_grep "import -v: the problem list" "^import: writing the 0 problems to p.csv" "$T/err"

# The template stage depends one way (issue 18): template.c (the texts)
# calls no writer and no step, the writers never call the step.  Read from
# the objects the binary was linked from.
O=$(dirname "$FORUMSTAT")/report/templates
undef() { nm -u "$O/$1.o" | awk '{ print $2 }'; }
assert "the template objects are there to check" test -s "$O/template.o" -a -s "$O/template_write.o"
assert_eq "template.c calls no writer and not the step" "" \
    "$(undef template | grep -E '^fs_(tpl_write|template_)')"
for w in template_csv template_xlsx template_doc; do
    assert_eq "$w.c does not call the step (template_write.c)" "" \
        "$(undef $w | grep -E '^fs_template_(write|existing)$')"
done
assert_eq "the step calls the writers (the check above reads real symbols)" 3 \
    "$(undef template_write | grep -cE '^fs_tpl_write_(csv|dictionary_csv|xlsx)$')"
