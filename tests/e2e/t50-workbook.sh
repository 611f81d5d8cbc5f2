#!/usr/bin/env bash
# t50-workbook — the forum workbook DIR/forum-Y.xlsx (issue 4), end to end:
# the samples of 2023-2025 imported, `report --year 2024` in Chinese and in
# English, then the workbook read back by an independent reader
# (check_workbook.py, Debian's python3-openpyxl): every figure of the
# Counties sheet equals metrics-2024.csv, formulas carry cached values,
# sheet names and labels in the language, properties, print setup, charts.
# Then: county text that looks like a formula stays text, identical data
# gives identical bytes, LibreOffice converts the workbook to PDF without
# complaint, and a full disk leaves no half-written workbook behind.
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
S="$ROOT/samples"
PY=/usr/bin/python3
CHECK="$ROOT/tests/e2e/check_workbook.py"

# Run the checker and turn its TAP lines into ours (one numbering).
check() {
    "$PY" "$CHECK" "$@" >"$T/check.out" 2>&1
    local rc=$? line
    while IFS= read -r line; do
        case $line in
        "ok "*) ok "${line#ok * - }" ;;
        "not ok "*) nok "${line#not ok * - }" ;;
        "#"*) echo "$line" ;;
        *) echo "# $line" ;;
        esac
    done <"$T/check.out"
    [ "$rc" -eq 0 ] || nok "check_workbook.py ran to the end" "exit $rc"
}

# LibreOffice headless, with a private profile (works as root and in
# parallel with other runs): XLSX -> DIR/*.pdf.  Output in $T/lo.log.
to_pdf() {
    local xlsx=$1 dir=$2
    mkdir -p "$dir"
    timeout 300 libreoffice -env:UserInstallation="file://$T/lo-profile" --headless \
        --convert-to pdf --outdir "$dir" "$xlsx" >"$T/lo.log" 2>&1
}

for y in 2023 2024 2025; do
    if [ ! -d "$S/$y" ]; then nok "samples/$y is missing (run samples/generate.py)"; exit 1; fi
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db "$DB" "$S/$y"
done

# ------------------------------------------------------- zh and en
assert_exit "report 2024 (zh, the default)" 0 "$FORUMSTAT" report --db "$DB" --year 2024 --out zh
assert_grep "report names the workbook" 'workbook +zh/forum-2024\.xlsx' "$T/out"
assert "forum-2024.xlsx written" test -s zh/forum-2024.xlsx
assert_eq "no temporary file left" "" "$(ls zh | grep tmp || true)"
check zh/forum-2024.xlsx zh/metrics-2024.csv zh "$SOURCE_DATE_EPOCH" --findings 0
assert_exit "report 2024 --lang en" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --lang en --out en
check en/forum-2024.xlsx en/metrics-2024.csv en "$SOURCE_DATE_EPOCH" --findings 0
assert_exit "report 2025 --lang en (four findings)" 0 "$FORUMSTAT" report -q --db "$DB" --year 2025 --lang en --out en25
check en25/forum-2025.xlsx en25/metrics-2025.csv en "$SOURCE_DATE_EPOCH" --findings 4 --text KQ-2025-014

# ------------------------------------------------------- same bytes
# ------------------------------------------------ §4 (v2) in the workbook
# The 2024 report is made with 2025 in the warehouse: its trends stop at
# 2024.  Percentage-point changes equal the metrics file's F_yoy_pp; the
# zone's 2024 disputes change is not comparable (no Yongcheng disputes in
# 2023) and says why; the 2023 workbook names partial coverage.
assert_exit "report 2023 (zh)" 0 "$FORUMSTAT" report -q --db "$DB" --year 2023 --out zh23
"$PY" - zh/forum-2024.xlsx zh/metrics-2024.csv zh23/forum-2023.xlsx en/forum-2024.xlsx >v2.out 2>&1 <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
metrics = {(r[1], r[2]): r[3] for r in list(csv.reader(open(sys.argv[2])))[1:]}
def ok(cond, what, detail=""):
    print(("ok - " if cond else "not ok - ") + what + ("" if cond else " # " + str(detail)))
tr = wb[wb.sheetnames[5]]
years = sorted({c.value for row in tr.iter_rows(max_row=12) for c in row
                if isinstance(c.value, str) and c.value.isdigit() and len(c.value) == 4})
ok(years == ["2023", "2024"], "Trends of the 2024 report: 2023 and 2024 only (2025 is held)", years)
ov = wb[wb.sheetnames[0]]
cells = [c for row in ov.iter_rows() for c in row]
# the clearance rate's change: the same number as clearance_pct_yoy_pp, in points
label_row = [c.row for c in cells if c.value == "破案率"]
chg = ov.cell(label_row[0], 4) if label_row else None
want = float(metrics[("ALL", "clearance_pct_yoy_pp")])
ok(chg is not None and isinstance(chg.value, float) and abs(chg.value - want) < 1e-9,
   "Overview: clearance change = clearance_pct_yoy_pp", chg.value if chg else None)
ok(chg is not None and "个百分点" in chg.number_format, "Overview: the change is in 个百分点",
   chg.number_format if chg else None)
shown = ("▲ " if want > 0 else "▼ ") + "%.1f" % abs(want)
print("# clearance change shown as %s个百分点 (metrics %s)" % (shown, metrics[("ALL", "clearance_pct_yoy_pp")]))
# a count below 100 changes by its difference (as the tiles: 16 → 17 is ▲ 1),
# a larger count in %
for label, diff in (("跨区域案件", True), ("犯罪起数", False)):
    r = [c.row for c in cells if c.value == label]
    now, was, chg = (ov.cell(r[0], k) if r else None for k in (2, 3, 4))
    if diff:
        ok(chg is not None and was.value < 100 and chg.value == now.value - was.value
           and "%" not in chg.number_format,
           "Overview: %s (below 100) changes by the difference" % label,
           (now.value, was.value, chg.value, chg.number_format) if chg else None)
    else:
        ok(chg is not None and was.value >= 100 and "%" in chg.number_format
           and abs(chg.value - (now.value / was.value - 1)) < 1e-9,
           "Overview: %s (100 or more) changes in %%" % label,
           (now.value, was.value, chg.value, chg.number_format) if chg else None)
nc = [c for c in cells if c.value == "不可比"]
ok(nc and nc[0].comment and "2023年6/7县（缺永城市）" in nc[0].comment.text,
   "Overview: the zone's disputes change is 不可比, the note says why",
   [(c.coordinate, c.comment.text if c.comment else None) for c in nc])
ok(metrics[("ALL", "disputes_yoy_pct")] == "", "metrics: the same change is empty")
wb23 = openpyxl.load_workbook(sys.argv[3])
texts = [c.value for ws in wb23 for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
ok(any("6/7县（缺永城市）" in t and "矛盾纠纷" in t for t in texts),
   "2023 workbook: a line names the disputes figures covering 6/7县（缺永城市）")
ok("6/7县" in [c.value for row in wb23[wb23.sheetnames[0]].iter_rows() for c in row],
   "2023 Overview: the counties-covered column says 6/7县")
so = wb23[wb23.sheetnames[7]]
rows = [[c.value for c in row] for row in so.iter_rows()]
ok(any(r[0] == "永城市" and r[2] == 0 and r[4] == "零报告" for r in rows if len(r) > 4),
   "2023 Sources: Yongcheng's cooperation zero report (declared 0)")
en = openpyxl.load_workbook(sys.argv[4])
enc = [c for ws in en for row in ws.iter_rows() for c in row]
ok(any(c.value == "not comparable" and c.comment and "2023: 6 of 7 counties (no Yongcheng City)" in c.comment.text for c in enc),
   "en workbook: 'not comparable' with the reason")
ok(not [c.value for c in enc if isinstance(c.value, str) and "10 000" in c.value],
   "en workbook: '10,000' everywhere, never 'per 10 000'",
   [c.value for c in enc if isinstance(c.value, str) and "10 000" in c.value][:3])
ok(any(isinstance(c.value, float) and " pp" in (c.number_format or "") for c in enc),
   "en workbook: changes of rates in pp")
PY
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) nok "${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <v2.out

# ------------------------------------------------ the secretariat's trial
# The first year of data (2023: nothing of 2022 held) says once that there
# is no year to compare with, as the tiles do, not "no data" per figure
# (which read as if every county had failed to send 2022); a Trends sheet
# of one year is titled with that year alone; the register names the county
# whose words a description is (本县 there is that county); the two figures
# the standard's codes both call 联合调解 (a kind of activity, a mediation
# level) are named apart wherever the workbook names them.
assert_exit "report 2023 --lang en" 0 "$FORUMSTAT" report -q --db "$DB" --year 2023 --lang en --out en23
"$PY" - zh23/forum-2023.xlsx en23/forum-2023.xlsx zh/forum-2024.xlsx zh/metrics-2024.csv \
    en/forum-2024.xlsx >trial.out 2>&1 <<'PY'
import csv, sys, openpyxl
zh23, en23, zh24, en24 = (openpyxl.load_workbook(sys.argv[k]) for k in (1, 2, 3, 5))
metrics = {(r[1], r[2]): r[3] for r in list(csv.reader(open(sys.argv[4])))[1:]}
def ok(cond, what, detail=""):
    print(("ok - " if cond else "not ok - ") + what + ("" if cond else " # " + str(detail)))
def headline(wb, year):
    """(header row, [rows of the headline table]) of the Overview."""
    ov = wb.worksheets[0]
    head = [c.row for c in ov["B"] if c.value == str(year) and ov.cell(c.row, 1).value in ("指标", "Figure")]
    rows = []
    for r in range(head[0] + 1, ov.max_row + 1) if head else ():
        if not isinstance(ov.cell(r, 2).value, (int, float)):
            break
        rows.append(r)
    return ov, (head[0] if head else None), rows
for wb, lang, said in ((zh23, "zh", "无2022年数据可比"), (en23, "en", "no 2022 figures to compare")):
    ov, hr, rows = headline(wb, 2023)
    prev_cells = [ov.cell(r, k).value for r in rows for k in (3, 4)]
    ok(hr and ov.cell(hr, 3).value == "2022" and len(rows) >= 18
       and not any(v in ("未报送", "no data", "–") for v in prev_cells),
       "2023 Overview (%s): no 'no data' or '–' per figure in the 2022 columns" % lang, prev_cells[:4])
    blocks = [m for m in ov.merged_cells.ranges
              if rows and m.min_col == 3 and m.max_col == 4 and m.min_row == rows[0] and m.max_row == rows[-1]]
    ok(blocks and ov.cell(rows[0], 3).value == said,
       "2023 Overview (%s): one block over the 2022 and change columns says %r" % (lang, said),
       [str(m) for m in ov.merged_cells.ranges][:5])
    notes = [c.value for c in ov["A"] if isinstance(c.value, str) and "2022" in c.value]
    ok(any(("数据仓库中没有2022年的数据" if lang == "zh" else "holds no data for 2022") in t for t in notes)
       and not any("▲ ▼" in (c.value or "") for c in ov["A"] if isinstance(c.value, str)),
       "2023 Overview (%s): the note says the warehouse holds nothing of 2022 (no ▲ ▼ legend)" % lang, notes)
    tr = wb.worksheets[5]
    want = "历年趋势（2023年）" if lang == "zh" else "Trends: the only year held, 2023"
    ok(tr["A1"].value == want, "2023 Trends (%s): titled %r, not 2023–2023" % (lang, want), tr["A1"].value)
ov, hr, rows = headline(zh24, 2024)
ok(rows and all(isinstance(ov.cell(r, 3).value, (int, float)) for r in rows) and not ov.merged_cells.ranges,
   "2024 Overview: the 2023 column holds the figures, no block")
ok(zh24.worksheets[5]["A1"].value == "历年趋势（2023—2024年）", "2024 Trends: titled with the range",
   zh24.worksheets[5]["A1"].value)
# the register: the lead's words as the header says; another county's named
cr = zh23.worksheets[2]
reg = {r[0]: r for r in cr.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("KQ-")}
heads = [r for r in cr.iter_rows(values_only=True) if r[0] == "跨区案件编号"]
ok(heads and heads[0][11] == "案情（主办县区记录原文）", "Crime register: the description is the lead's own words",
   heads[0][11] if heads else None)
ok(reg.get("KQ-2023-001", [None] * 12)[11] == "盗窃牛只", "Crime register: the lead's words as written",
   reg.get("KQ-2023-001"))
ok(reg.get("KQ-2023-002", [None] * 12)[11] == "永城市记录：电信网络诈骗"
   and reg["KQ-2023-002"][7] == "夏邑县",
   "Crime register: another county's words (the lead wrote none) are named as that county's",
   reg.get("KQ-2023-002"))
# 联合调解: the activities (a kind) and the disputes (a level), named apart
for wb, lang, act, lvl in ((zh24, "zh", "联合调解活动", "联合调解的纠纷"),
                           (en24, "en", "Joint mediation activities", "Disputes mediated jointly")):
    ov = wb.worksheets[0]
    row = [c.row for c in ov["A"] if c.value == act]
    ok(row and ov.cell(row[0], 2).value == int(metrics[("ALL", "activities_joint_mediation")])
       and ov.cell(row[0] - 1, 1).value == ("协作活动" if lang == "zh" else "Cooperation activities"),
       "Overview (%s): %r is activities_joint_mediation, after the cooperation activities" % (lang, act),
       [ov.cell(r, 1).value for r in range(row[0] - 1, row[0] + 1)] if row else None)
    defs = {r[0]: r[1] for r in wb.worksheets[8].iter_rows(values_only=True) if r[0]}
    ok(defs.get("activities_joint_mediation") == act and defs.get("disputes_level_joint") == lvl,
       "Definitions (%s): %r and %r" % (lang, act, lvl),
       (defs.get("activities_joint_mediation"), defs.get("disputes_level_joint")))
    heads = [c.value.rstrip(" †") for ws in wb.worksheets[1:5] for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.font and c.font.b]
    ok(lvl in heads and act in heads and ("联合调解" if lang == "zh" else "Joint mediation") not in heads
       and ("Joint mediations" not in heads),
       "Counties, Disputes, Cooperation (%s): headers name the two figures apart" % lang,
       sorted(h for h in heads if "联合调解" in h or "oint mediation" in h or "jointly" in h))
PY
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) nok "${line#not ok - }" ;;
    *) nok "trial checks ran" "$line" ;;
    esac
done <trial.out

assert_exit "second report 2024 (zh)" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out zh2
assert "two runs give identical workbooks" cmp -s zh/forum-2024.xlsx zh2/forum-2024.xlsx
assert_exit "second report 2024 (en)" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --lang en --out en2
assert "two runs give identical workbooks (en)" cmp -s en/forum-2024.xlsx en2/forum-2024.xlsx

# ----------------------------------------- formula-looking county text
# Cross-regional references and subcategories that start with = + - @:
# the register and the findings show them, always as text.
cat >inj.csv <<'EOF'
case_id,county,date_reported,category,subcategory,offenses,loss_yuan,recovered_yuan,suspects,arrested,status,date_solved,cross_ref,counties_involved,assisted_by
DS-1,341321,2024-03-01,05,"=HYPERLINK(""http://example.com/"",""click"")",2,1000,0,1,1,solved,2024-03-10,=1+2,341322,
XX-1,341322,2024-03-02,07,+SUM(1;2),1,500,0,1,0,open,,=1+2,341321,341321
DS-2,341321,2024-04-01,05,@SUM(A1),1,0,0,0,0,open,,-2+3,341322;320321,
XX-2,341322,2024-06-01,06,+SUM(1;2),3,0,0,0,0,open,,@x,341321,
DS-3,341321,2024-06-02,06,-1+1,1,0,0,0,0,open,,@x,341322,
FX-1,320321,2024-05-01,02,,1,0,0,0,0,open,,,,
EOF
assert_exit "import the formula-looking fixture" 0 "$FORUMSTAT" import -q --db inj.db inj.csv
assert_exit "report on it" 0 "$FORUMSTAT" report -q --db inj.db --year 2024 --out inj
check inj/forum-2024.xlsx inj/metrics-2024.csv zh "$SOURCE_DATE_EPOCH" --findings 2 \
    --text '=1+2' --text '-2+3' --text '@x' --text '=HYPERLINK("http://example.com/","click")' \
    --text '@SUM(A1)' --text '+SUM(1;2)'
assert_eq "no cell of the fixture's workbook is a link or a formula of county text" "0 0" \
    "$("$PY" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
print(xml.count("<hyperlink"), xml.count("HYPERLINK"))' inj/forum-2024.xlsx)"

# ------------------------------------------------------- LibreOffice
for lang in zh en; do
    if to_pdf "$lang/forum-2024.xlsx" "pdf-$lang"; then
        ok "LibreOffice converts the $lang workbook"
    else
        nok "LibreOffice converts the $lang workbook" "$(tail -5 "$T/lo.log")"
    fi
    assert "PDF of the $lang workbook written" test -s "pdf-$lang/forum-2024.pdf"
    assert_nogrep "LibreOffice does not complain ($lang)" '[Ee]rror|[Ff]ail(ed)?[^a-z]|[Cc]orrupt|[Rr]epair' \
        <(grep -v javaldx "$T/lo.log")
    pages=$(pdfinfo "pdf-$lang/forum-2024.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    assert "the $lang PDF has a page per sheet at least (${pages:-0})" test "${pages:-0}" -ge 9
done
assert_grep "the printed zh workbook carries the forum title" '第二届年度论坛' \
    <(pdftotext pdf-zh/forum-2024.pdf - 2>/dev/null)
assert_grep "the printed en workbook carries the forum title" '2nd Annual Forum' \
    <(pdftotext pdf-en/forum-2024.pdf - 2>/dev/null)

# --------------------------------------------------------- full disk
# A file size limit between the largest other output and the workbook:
# the workbook step fails (exit 3, "disk full"), no workbook or temporary
# file is left, and an earlier complete workbook stays as it was.
wb_kb=$(( $(stat -c %s zh/forum-2024.xlsx) / 1024 ))
other_kb=$(( $(find zh -type f ! -name 'forum-*.xlsx' -printf '%s\n' | sort -n | tail -1) / 1024 + 1 ))
if [ "$other_kb" -lt "$wb_kb" ]; then
    limit=$(( (other_kb + wb_kb) / 2 ))
    mkdir full
    (ulimit -f "$limit"; "$FORUMSTAT" report -q --db "$DB" --year 2024 --out full >"$T/out" 2>"$T/err"; echo $? >full.rc)
    assert_eq "workbook on a full disk: exit 3" 3 "$(cat full.rc)"
    assert_grep "workbook on a full disk: says so" 'forum-2024\.xlsx: disk full' "$T/err"
    assert "workbook on a full disk: no workbook" test ! -e full/forum-2024.xlsx
    assert_eq "workbook on a full disk: no temporary file" "" "$(ls full | grep tmp || true)"
    cp zh/forum-2024.xlsx keep.xlsx
    (ulimit -f "$limit"; "$FORUMSTAT" report -q --db "$DB" --year 2024 --out zh >/dev/null 2>&1)
    assert "a failed run leaves the earlier workbook intact" cmp -s keep.xlsx zh/forum-2024.xlsx
    assert_eq "a failed run leaves no temporary file" "" "$(ls zh | grep tmp || true)"
else
    ok "# SKIP full disk: the workbook is not the largest output (${wb_kb} KB vs ${other_kb} KB)"
fi

assert_exit "report --help names the workbook" 0 "$FORUMSTAT" report --help
assert_grep "help describes forum-Y.xlsx" 'DIR/forum-Y\.xlsx' "$T/out"
