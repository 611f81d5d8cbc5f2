#!/usr/bin/env bash
# t51-trial — what the user trial of 5 December found in the report's
# workbook and briefing, end to end on the samples, read back by an
# independent reader (Debian's python3-openpyxl, zipfile for the charts'
# XML) and pdftotext:
#   - the Trends sheet names the years whose zone figures cover fewer
#     counties (a coverage column; "6/7县" on those points of its charts);
#   - no native chart reads a text cell ("未报送", "–", "no data"), which
#     Excel and libxlsxwriter's cache draw as 0: a county without data is
#     an empty point (standard v2 §4: no data is never 0);
#   - the briefing names the workbook's definitions sheet by its name.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
PY=/usr/bin/python3

# Run an inline checker (python on stdin) and turn its lines into TAP.
pycheck() {
    "$PY" - "$@" >py.out 2>&1
    local rc=$? line
    while IFS= read -r line; do
        case $line in
        "ok - "*) ok "${line#ok - }" ;;
        "not ok - "*) nok "${line#not ok - }" ;;
        *) echo "# $line" ;;
        esac
    done <py.out
    [ "$rc" -eq 0 ] || nok "the checker ran to the end" "exit $rc"
}

# Three sample years (2023 disputes: 6 of 7 counties, no Yongcheng).
for y in 2023 2024 2025; do
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db all.db "$S/$y"
done
assert_exit "report 2024 (zh)" 0 "$FORUMSTAT" report -q --db all.db --year 2024 --out zh
assert_exit "report 2024 (en)" 0 "$FORUMSTAT" report -q --db all.db --year 2024 --lang en --out en
# The trial's warehouse: 2024 from every county, 2025 without Yongcheng.
assert_exit "import 2024" 0 "$FORUMSTAT" import -q --db p.db "$S/2024"
assert_exit "import 2025 without Yongcheng" 0 "$FORUMSTAT" import -q --db p.db \
    $(ls "$S"/2025/* | grep -v yongcheng)
assert_exit "report 2025 (zh)" 0 "$FORUMSTAT" report -q --db p.db --year 2025 --out p25
assert_exit "report 2025 (en)" 0 "$FORUMSTAT" report -q --db p.db --year 2025 --lang en --out p25e

pycheck zh/forum-2024.xlsx en/forum-2024.xlsx p25/forum-2025.xlsx p25e/forum-2025.xlsx <<'PY'
import re, sys, zipfile, openpyxl

def ok(cond, what, detail=""):
    print(("ok - " if cond else "not ok - ") + what + ("" if cond else " # " + str(detail)))

def cell_ref(ref):
    m = re.match(r"\$([A-Z]+)\$(\d+)", ref)
    return openpyxl.utils.column_index_from_string(m.group(1)), int(m.group(2))

def series(path):
    """(chart file, sheet, [(col,row)...] of the values, custom label texts by idx)"""
    z = zipfile.ZipFile(path)
    out = []
    for name in sorted(n for n in z.namelist() if n.startswith("xl/charts/chart")):
        xml = z.read(name).decode()
        for ser in re.findall(r"<c:ser>.*?</c:ser>", xml):
            val = re.search(r"<c:val><c:numRef><c:f>'?([^'!<]+)'?!([^<]+)</c:f>", ser)
            if not val:
                continue
            a, b = (val.group(2).split(":") + [val.group(2)])[:2]
            (c1, r1), (c2, r2) = cell_ref(a), cell_ref(b)
            cells = [(c, r) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
            labels = {int(i): t for i, t in re.findall(
                r'<c:dLbl><c:idx val="(\d+)"/>(?:(?!</c:dLbl>).)*?<a:t>([^<]*)</a:t>', ser)}
            pts = {int(i) for i in re.findall(r'<c:pt idx="(\d+)">', val and ser[ser.find("<c:val>"):])}
            out.append((name, val.group(1), cells, labels, pts))
    return out

# 1. Trends: the coverage column and the charts' labels (zh and en)
for path, lang in ((sys.argv[1], "zh"), (sys.argv[2], "en")):
    wb = openpyxl.load_workbook(path)
    tr = wb[wb.sheetnames[5]]
    head = next(r for r in tr.iter_rows() if r[1].value in ("指标代码（metrics 文件）", "Figure (metrics file)"))
    cols = {c.value: c.column for c in head if c.value}
    cover = cols.get("覆盖县区" if lang == "zh" else "Counties covered")
    ok(cover is not None, "%s Trends: a counties-covered column" % lang, list(cols))
    rows = {r[1].value: r for r in tr.iter_rows(min_row=head[0].row + 1, max_row=head[0].row + 30)}
    want = "2023年矛盾纠纷：6/7县（缺永城市）" if lang == "zh" else "2023 Disputes: 6 of 7 counties (no Yongcheng City)"
    if cover:
        for code in ("disputes", "resolution_pct"):
            got = tr.cell(rows[code][0].row, cover).value
            ok(got == want, "%s Trends: %s names the partial year" % (lang, code), got)
        for code in ("cases", "clearance_pct", "activities"):
            got = tr.cell(rows[code][0].row, cover).value
            ok(got is None, "%s Trends: %s (every county every year) says nothing" % (lang, code), got)
    row_code = {r[0].row: r[1].value for r in tr.iter_rows() if isinstance(r[1].value, str)}
    seen = set()
    for name, sheet, cells, labels, pts in series(path):
        if sheet != tr.title:
            continue
        codes = {row_code.get(r) for c, r in cells if c <= 4}
        code = codes.pop() if len(codes) == 1 else None
        if code in ("disputes", "resolution_pct", "cases", "clearance_pct"):
            seen.add(code)
            partial = code in ("disputes", "resolution_pct")
            wl = {0: "6/7县" if lang == "zh" else "6 of 7 counties"} if partial else {}
            ok(labels == wl, "%s Trends chart %s: %s labels %s" % (lang, name, code, wl or "none"), labels)
    ok(seen == {"disputes", "resolution_pct", "cases", "clearance_pct"},
       "%s Trends: the charts draw these rows" % lang, seen)

# 2. no chart reads a text cell; a county without data is an empty point
for path in sys.argv[3:5]:
    wb = openpyxl.load_workbook(path, data_only=True)
    bad, yc = [], 0
    for name, sheet, cells, labels, pts in series(path):
        ws = wb[sheet]
        for i, (c, r) in enumerate(cells):
            v = ws.cell(r, c).value
            if isinstance(v, str):
                bad.append((name, ws.cell(r, c).coordinate, v))
            if v is None and i in pts:
                bad.append((name, ws.cell(r, c).coordinate, "a cached point for an empty cell"))
        # the Counties sheet's charts: Yongcheng (7th county) has no point
        if sheet == wb.sheetnames[1]:
            yc += 1
            ok(len(cells) == 7 and 6 not in pts and ws.cell(*cells[6][::-1]).value is None,
               "%s %s: Yongcheng (no 2025 data) is an empty point, not 0" % (path, name), sorted(pts))
            vis = [ws.cell(r, c).value for c, r in cells]
            ok(all(isinstance(v, float) for v in vis[:6]), "%s %s: the six counties plotted" % (path, name), vis)
    ok(not bad, "%s: no chart value is a text cell" % path, bad[:4])
    ok(yc >= 2, "%s: the Counties sheet's charts checked" % path, yc)
    # the coverage line of the Counties sheet lists the partial scopes with
    # the language's own separator (full-width ； in Chinese)
    zh = path == sys.argv[3]
    lines = [c.value for row in wb[wb.sheetnames[1]].iter_rows() for c in row
             if isinstance(c.value, str) and ("缺永城市" in c.value or "no Yongcheng" in c.value)]
    ok(lines and all(("；" in l and "; " not in l) if zh else ("; " in l and "；" not in l)
                     for l in lines if l.count("永城") + l.count("Yongcheng") > 1),
       "%s: the Counties sheet's coverage lines separate scopes as the language does" % path, lines[:2])
PY

# 2b. 11-trends: a segment reaching a hollow (not comparable) point is
# dotted, the others solid; the note says the rates' axes do not start at 0
for lang in zh en; do
    svg=$lang/charts/11-trends.svg
    assert "$lang 11-trends: the segments to 2023's hollow disputes points are dotted" \
        test "$(grep -c 'stroke-dasharray' "$svg")" -ge 1
    assert_grep "$lang 11-trends: the note says the rates' axes do not start at 0" \
        '比率类图的纵轴不从0开始|the axes of the rates do not start at 0' "$svg"
done

# 3. the briefing names the definitions sheet by the workbook's own name
for d in zh en p25 p25e; do
    pdftotext "$d"/briefing-*.pdf "$d.txt"
    sheet=$("$PY" -c 'import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames[-1])' "$d"/forum-*.xlsx)
    assert_grep "$d briefing: the catalogue is on the sheet “$sheet”" "“$sheet”" "$d.txt"
done

# 4. Overview: every headline row has its unit; a count below 100 the year
# before changes by its difference, 0 → 27 included (the legend says so)
pycheck zh/forum-2024.xlsx en/forum-2024.xlsx <<'PY'
import sys, openpyxl

def ok(cond, what, detail=""):
    print(("ok - " if cond else "not ok - ") + what + ("" if cond else " # " + str(detail)))

for path, lang in ((sys.argv[1], "zh"), (sys.argv[2], "en")):
    ov = openpyxl.load_workbook(path)[openpyxl.load_workbook(path, read_only=True).sheetnames[0]]
    rows = [[c for c in r] for r in ov.iter_rows()]
    hi = next(i for i, r in enumerate(rows) if r[4].value in ("单位", "Unit"))
    body = [r for r in rows[hi + 1:] if isinstance(r[1].value, (int, float)) and r[5].value]
    ok(len(body) >= 15, "%s Overview: the headline rows found" % lang, len(body))
    no_unit = [r[0].value for r in body if not r[4].value]
    ok(not no_unit, "%s Overview: every headline row has a unit" % lang, no_unit)
    units = {r[0].value: r[4].value for r in body}
    want = {"网格员": "人", "新增视频设备": "台"} if lang == "zh" else \
        {"Grid members": "persons", "Video devices added": "devices"}
    for k, u in want.items():
        ok(units.get(k) == u, "%s Overview: %s in %s" % (lang, k, u), units.get(k))
    for r in body:
        now, was, chg = r[1].value, r[2].value, r[3].value
        if chg in ("不可比", "not comparable"):
            continue
        if isinstance(now, int) and isinstance(was, int) and was < 100 and "%" not in (r[4].value or ""):
            ok(chg == now - was and "%" not in r[3].number_format,
               "%s Overview: %s %s → %s changes by %s" % (lang, r[0].value, was, now, now - was),
               (chg, r[3].number_format))
PY

# 5. README counts the charts report writes, and lists each of them
n=$(ls p25/charts/*.png | wc -l)
word=$(sed -n 's/.*`DIR\/charts\/NN-name\.png`, `\.svg` and `\.pdf`: \([a-z]*\) charts.*/\1/p' "$ROOT/README.md")
words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty)
assert_eq "README says how many charts report writes ($n)" "${words[$n]}" "$word"
para=$(sed -n '/`DIR\/charts\/NN-name\.png`/,/^$/p' "$ROOT/README.md" | tr '\n' ' ')
missing=""
for f in p25/charts/*.png; do
    nn=$(basename "$f" | sed 's/-.*//')
    grep -Eq "(^| |/)$nn( |/)" <<<" $para" || missing="$missing $nn"
done
assert_eq "README lists every chart by its number" "" "$missing"
