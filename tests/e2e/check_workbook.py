#!/usr/bin/python3
"""check_workbook.py — read the forum workbook back with an independent
reader (Debian's python3-openpyxl) and check it against metrics-Y.csv.

usage: check_workbook.py XLSX METRICS.csv LANG EPOCH [--text TEXT]... [--findings N]

Prints one TAP line per check ("ok N - ..." / "not ok N - ..."), for
tests/e2e/t50-workbook.sh, and exits 0 (the TAP lines carry the verdict).

Checks:
  - the nine sheet names, in order, in the language; labels of the
    Counties header, "no data" and "–" markers in the language;
  - every figure on the Counties sheet equals metrics-Y.csv (relative
    tolerance 1e-9; percentages are stored as fractions), "no data" where
    the metrics file has no line, "–" where it has an empty value;
  - the Trends sheet's year columns equal the metrics file for the year,
    its money table and money chart are in 万元;
  - the Crime sheet prints one page wide at 8 pt or more; the native
    charts with the county on the axis have one colour;
  - every formula carries a cached value (read with and without
    data_only), totals are formulas, and formulas use only SUM and IF over
    cell references (nothing from county data);
  - each --text string (county text starting with = + - @) is a string
    cell somewhere, never a formula;
  - document properties (title, author = secretariat, keywords, created =
    EPOCH), print setup on every sheet (A4 landscape, one page wide,
    repeated rows, header with the title, footer with page numbers), frozen
    panes and autofilters, conditional formatting on the Counties rates,
    real dates, native charts and pictures in the package.
"""
import csv
import datetime
import math
import re
import sys
import zipfile

import openpyxl

SHEETS = {
    "zh": ["概览", "分县指标", "刑事案件", "矛盾纠纷", "协作", "历年趋势", "核对", "数据来源", "指标说明"],
    "en": ["Overview", "Counties", "Crime", "Disputes", "Cooperation", "Trends", "Reconciliation",
           "Sources", "Definitions"],
}
LABELS = {
    "zh": {"county": "县区", "code": "代码", "no_data": "未报送", "zone": "片区合计",
           "secretariat": "平安边界共建联席会议秘书处", "title_part": "届年度论坛",
           "page": "第 &P 页，共 &N 页", "register": "跨区域案件登记"},
    "en": {"county": "County", "code": "Code", "no_data": "no data", "zone": "Zone",
           "secretariat": "Safe Border Cooperation Secretariat", "title_part": "Annual Forum",
           "page": "Page &P of &N", "register": "Register of cross-regional cases"},
}
NO_VALUE = "–"

n = 0


def ok(cond, desc, *detail):
    global n
    n += 1
    if cond:
        print(f"ok {n} - {desc}")
    else:
        print(f"not ok {n} - {desc}")
        for d in detail:
            print(f"# {d}")
    return cond


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def load_metrics(path):
    m = {}
    with open(path, encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for year, scope, metric, value in r:
            m[(scope, metric)] = value
    return m


INCIDENT_FIGURES = ("incidents", "offenses", "solved", "clearance_pct", "loss_yuan",
                    "recovered_yuan", "recovery_pct", "suspects", "arrested", "offenses_cat_",
                    "cross_cases", "cases", "cross_share_pct", "offenses_per_10k")
DISPUTE_FIGURES = ("disputes", "resolved", "resolution_pct", "cross_disputes",
                   "median_days_to_close")


def table_of(metric):
    """The table a figure is computed from (the metrics file's counties_T
    says whether a scope has it)."""
    base = re.sub(r"_yoy_(pct|pp)$", "", metric)
    if base.startswith("ind_") or base in ("grid_members_per_10k", "video_devices_per_10k"):
        return "indicators"
    if base.startswith("activities") or base in ("fugitives_caught", "clues_verified",
                                                 "participants"):
        return "cooperation"
    if base.startswith("disputes") or base in DISPUTE_FIGURES:
        return "disputes"
    if base in INCIDENT_FIGURES or base.startswith("offenses_cat_"):
        return "incidents"
    return None


def expected_value(metrics, scope, metric):
    """None when the scope has no data of the figure's table (counties_T
    is 0: the workbook says "no data"), else the metrics file's text."""
    table = table_of(metric)
    if table and metrics.get((scope, f"counties_{table}")) == "0":
        return None
    return metrics.get((scope, metric))


def cell_matches(cell, metric, expected, no_data):
    """expected: None (absent), "" (no value) or the decimal text."""
    if expected is None:
        return cell == no_data
    if expected == "":
        return cell == NO_VALUE
    if not isinstance(cell, (int, float)):
        return False
    want = float(expected)
    got = cell * 100 if metric.endswith("_pct") else cell
    return close(got, want)


def main():
    args = sys.argv[1:]
    xlsx, metrics_path, lang, epoch = args[:4]
    texts, findings = [], None
    i = 4
    while i < len(args):
        if args[i] == "--text":
            texts.append(args[i + 1])
            i += 2
        elif args[i] == "--findings":
            findings = int(args[i + 1])
            i += 2
        else:
            raise SystemExit(f"unknown argument {args[i]}")
    L = LABELS[lang]
    metrics = load_metrics(metrics_path)
    wb = openpyxl.load_workbook(xlsx)                   # formulas
    wv = openpyxl.load_workbook(xlsx, data_only=True)   # cached values

    ok(wb.sheetnames == SHEETS[lang], f"sheet names in {lang}", f"got {wb.sheetnames}")
    for name in wb.sheetnames:
        ok(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), f"sheet name {name} is valid")

    # ------------------------------------------------------- Counties
    ws, wsv = wb[SHEETS[lang][1]], wv[SHEETS[lang][1]]
    id_row = None
    for row in ws.iter_rows(min_row=1, max_row=12):
        if row[1].value == "scope":
            id_row = row[1].row
    ok(id_row is not None, "Counties: the metric code row is there")
    if id_row is None:
        return
    # The codes are for matching, not for the reader: a hidden row above
    # the labels, which are the header the filter and the panes use.
    ok(ws.row_dimensions[id_row].hidden, "Counties: the metric code row is hidden")
    head_row = id_row + 1
    head = [c.value for c in ws[head_row]]
    ok(head[0] == L["county"] and head[1] == L["code"], f"Counties header labels in {lang}",
       f"got {head[:3]}")
    cols = {c.column: c.value for c in ws[id_row] if c.column > 3 and c.value}
    ok(len(cols) >= 18, "Counties: the headline figures are columns", f"got {sorted(cols.values())}")
    checked = bad = formulas = 0
    scopes = set()
    first_bad = []
    r = head_row + 1
    while ws.cell(r, 2).value:
        scope = str(ws.cell(r, 2).value)
        scopes.add(scope)
        for c, metric in cols.items():
            f = ws.cell(r, c).value
            v = wsv.cell(r, c).value
            if isinstance(f, str) and f.startswith("="):
                formulas += 1
            expected = expected_value(metrics, scope, metric)
            checked += 1
            if not cell_matches(v, metric, expected, L["no_data"]):
                bad += 1
                if len(first_bad) < 5:
                    first_bad.append(f"{scope} {metric}: cell {v!r}, metrics {expected!r}")
        r += 1
    ok(checked >= 12 * 18 and bad == 0,
       f"Counties: every figure equals metrics file ({checked} cells)", *first_bad)
    zone_row = r - 1
    ok(ws.cell(zone_row, 1).value == L["zone"] and ws.cell(zone_row, 2).value == "ALL",
       "Counties: the zone total closes the table")
    ok({"ALL", "340000", "410000"} <= scopes and len(scopes) == 12,
       "Counties: 7 counties, 4 provinces, the zone", f"got {sorted(scopes)}")
    ok(formulas > 0, f"Counties: totals are live formulas ({formulas})")
    # Equipment per 10 000 residents: a column each, and the figure is the
    # indicator over the population (every county covers both here).
    per_pop_bad, per_pop_n = [], 0
    for name, ind in (("grid_members_per_10k", "ind_grid_members"),
                      ("video_devices_per_10k", "ind_video_devices_added")):
        col = [c for c, m in cols.items() if m == name]
        for rr in range(head_row + 1, zone_row + 1) if col else ():
            scope = str(ws.cell(rr, 2).value)
            v, n, p = (wsv.cell(rr, col[0]).value, metrics.get((scope, ind)),
                       metrics.get((scope, "ind_population")))
            per_pop_n += 1
            if metrics.get((scope, "counties_indicators")) == "0":
                if v != L["no_data"]:
                    per_pop_bad.append(f"{scope} {name}: {v!r}, no indicators")
            elif not (isinstance(v, (int, float)) and n and p
                      and abs(v - float(n) / float(p) * 10000) < 1e-6):
                per_pop_bad.append(f"{scope} {name}: {v!r} vs {n}/{p}")
    ok(per_pop_n == 24 and not per_pop_bad,
       f"Counties: grid members and video devices per 10 000 residents ({per_pop_n} cells)",
       *per_pop_bad[:5])
    # The dedup figures of the zone are values, not SUM formulas.
    dedup_cols = [c for c, m in cols.items() if m in ("cases", "cross_cases", "activities")]
    ok(all(not str(ws.cell(zone_row, c).value).startswith("=") for c in dedup_cols),
       "Counties: dedup totals (cases, cross_cases, activities) are values")
    off_col = [c for c, m in cols.items() if m == "offenses"][0]
    ok(str(ws.cell(zone_row, off_col).value).startswith("=SUM("),
       "Counties: the zone's offences are a SUM formula")
    # The filter spans the header and the county rows: not the subtotals
    # and the zone (rows whose code is a province's or ALL).
    county_rows = [rr for rr in range(head_row + 1, zone_row + 1)
                   if len(str(ws.cell(rr, 2).value)) == 6
                   and not str(ws.cell(rr, 2).value).endswith("0000")]
    ref = ws.auto_filter.ref or ""
    m = re.fullmatch(r"A(\d+):[A-Z]+(\d+)", ref)
    ok(m and int(m.group(1)) == head_row and county_rows
       and int(m.group(2)) == county_rows[-1] and len(county_rows) == 7,
       "Counties: the autofilter covers the header and the 7 county rows only",
       f"got {ref}, header row {head_row}, county rows {county_rows}")
    ok(ws.freeze_panes == f"B{head_row + 1}", "Counties: panes frozen below the header",
       f"got {ws.freeze_panes}")
    ok(len(ws.conditional_formatting) >= 4, "Counties: conditional formatting on the rates")

    # -------------------------------------------------------- Trends
    ws = wb[SHEETS[lang][5]]
    year = metrics_path.rsplit("-", 1)[-1].split(".")[0]
    hrow = ycol = None
    for row in ws.iter_rows(min_row=1, max_row=10):
        for c in row:
            if c.value == year and hrow is None:
                hrow, ycol = c.row, c.column
    tr_bad, tr_n = [], 0
    if hrow:
        r = hrow + 1
        while ws.cell(r, 2).value:
            metric = ws.cell(r, 2).value
            tr_n += 1
            v = ws.cell(r, ycol).value
            want = expected_value(metrics, "ALL", metric)
            if not cell_matches(v, metric, want, L["no_data"]):
                tr_bad.append(f"{metric}: {v!r} vs {want!r}")
            r += 1
    ok(hrow and tr_n >= 18 and not tr_bad, f"Trends: the {year} column equals the zone figures",
       *tr_bad[:5])

    # ------------------------------------------ Overview: money in 万元
    # Headline money is shown in 万元 with two decimals (§4 v2); the cell
    # times 10 000 is the metrics file's exact yuan.
    ws = wb[SHEETS[lang][0]]
    wan = "万元" if lang == "zh" else "10,000 yuan"
    money = [row for row in ws.iter_rows(max_col=5) if row[4].value == wan]
    got = [(row[0].value, row[1].value, row[1].number_format) for row in money]
    want = [metrics.get(("ALL", m)) for m in ("loss_yuan", "recovered_yuan")]
    ok(len(money) == 2 and all(isinstance(v, (int, float)) and w is not None
                               and abs(v * 10000 - float(w)) < 0.005 and fmt.endswith(".00")
                               and "元" not in lab and "yuan" not in lab
                               for (lab, v, fmt), w in zip(got, want)),
       f"Overview: losses and recovered in {wan}, two decimals", f"got {got}, metrics {want}")

    # ------------------------------------- Trends: money in 万元 (issue 15)
    # The money table (unit column = 万元) holds yuan / 10 000 of the year;
    # the money chart draws those rows, so it is in 万元 too.
    ws = wb[SHEETS[lang][5]]
    tm = [row for row in ws.iter_rows() if len(row) > 1 and row[1].value == wan]
    tm_got = [row[ycol - 1].value if hrow else None for row in tm]
    ok(len(tm) == 2 and all(isinstance(v, (int, float)) and w is not None
                            and abs(v * 10000 - float(w)) < 0.005
                            for v, w in zip(tm_got, want)),
       f"Trends: losses and recovered by year in {wan}", f"got {tm_got}, metrics {want}")

    # --------------------------- Crime: the register prints readably
    # One page wide: the columns in use (Excel: 7 px a character + 5)
    # fit the printable width of A4 landscape (1045 px) at 0.8 or more,
    # so 10-point cells print at 8 pt or larger.
    ws = wb[SHEETS[lang][2]]
    px = sum(d.width * 7 + 5 for d in ws.column_dimensions.values() if d.width)
    ok(px > 0 and 1045 / px >= 0.8 and ws.page_setup.fitToHeight in (0, "0")
       and ws.page_setup.orientation == "landscape",
       "Crime: one page wide in landscape at 8 pt or more",
       f"columns {px:.0f} px, scale {1045 / px if px else 0:.2f}")

    # ------------------------------------------------- every sheet
    no_cache, odd_formula, total_formulas = [], [], 0
    strings = {}
    # Chinese workbooks name a face with Chinese glyphs in every cell with
    # content (Calibri made viewers pick a face per character).
    want_font = "Microsoft YaHei" if lang == "zh" else "Calibri"
    fonts, other_font = {}, []
    for name in wb.sheetnames:
        ws, wsv = wb[name], wv[name]
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.font is not None:
                    fonts[c.font.name] = fonts.get(c.font.name, 0) + 1
                    if c.font.name not in (want_font, "Consolas") and len(other_font) < 5:
                        other_font.append(f"{name}!{c.coordinate} {c.font.name}")
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")
                                          and c.data_type != "s"):
                    total_formulas += 1
                    if wsv[c.coordinate].value is None:
                        no_cache.append(f"{name}!{c.coordinate} {c.value}")
                    if not re.fullmatch(r"=(SUM|IF)\([A-Z0-9:$,/=\"\(\) ]*\)", c.value):
                        odd_formula.append(f"{name}!{c.coordinate} {c.value}")
                elif c.data_type == "s" and isinstance(c.value, str):
                    strings.setdefault(c.value, f"{name}!{c.coordinate}")
        ps = ws.page_setup
        # One page wide, or (Counties: 21 columns) pages across that keep
        # the print at 8.5 pt or more, the label column on every page.
        across = ps.fitToWidth in (None, 1) or (ps.fitToWidth in (2, 3, 4)
                                                and ws.print_title_cols == "$A:$A")
        ok(ps.orientation == "landscape" and str(ps.paperSize) == "9"
           and ws.sheet_properties.pageSetUpPr.fitToPage and across
           and ws.print_title_rows, f"{name}: print setup (A4 landscape, pages across, titles)",
           f"fitToWidth {ps.fitToWidth}, title columns {ws.print_title_cols}")
        if name == SHEETS[lang][1]:
            ok(ps.fitToWidth in (2, 3) and ws.print_title_cols == "$A:$A",
               f"{name}: 2-3 pages across with the county column repeated (not 23 columns at 5 pt)",
               f"fitToWidth {ps.fitToWidth}, title columns {ws.print_title_cols}")
            # printed across, nothing spills from the repeated column A: the
            # print starts at the table header, the title is in the page
            # header, the notes wrap from column B
            area = str(ws.print_area or "")
            ok(re.search(r"\$A\$\d+:", area) is not None
               and int(re.search(r"\$A\$(\d+):", area).group(1)) > 2
               and (ws.oddHeader.left.text or "").strip() != "",
               f"{name}: the print starts at the table, the title in the page header",
               f"print area {area}, header left {ws.oddHeader.left.text!r}")
            notes = [c for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith("†")]
            ok(notes and all(c.column == 2 for c in notes)
               and any(str(m).startswith(notes[0].coordinate) for m in ws.merged_cells.ranges),
               f"{name}: the † note wraps from column B (never cut in column A)",
               [(c.coordinate, str(ws.merged_cells.ranges)[:80]) for c in notes])
        ok(L["title_part"] in (ws.oddHeader.center.text or "")
           and (ws.oddFooter.center.text or "") == L["page"],
           f"{name}: page header has the title, footer the page numbers")
        ok(ws.freeze_panes is not None, f"{name}: frozen panes")
    ok(fonts.get(want_font, 0) > 100 and not other_font,
       f"every cell is in {want_font} ({fonts.get(want_font, 0)} cells)", *other_font)
    ok(total_formulas > 0 and not no_cache,
       f"every formula carries its cached value ({total_formulas})", *no_cache[:5])
    ok(not odd_formula, "formulas are SUM/IF over cell references only", *odd_formula[:5])
    ok(not any("\ufffd" in s for s in strings), "no replacement characters in any text")
    for t in texts:
        ok(t in strings, f"county text {t!r} is a string cell ({strings.get(t, 'missing')})")
    for name in (SHEETS[lang][1], SHEETS[lang][2], SHEETS[lang][6], SHEETS[lang][7],
                 SHEETS[lang][8]):
        ok(wb[name].auto_filter.ref, f"{name}: autofilter")

    # ----------------------------------------------- crime register
    ws = wb[SHEETS[lang][2]]
    dates = 0
    seen_register = False
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith(L["register"]):
                seen_register = True
            if isinstance(c.value, datetime.datetime):
                dates += 1
    ok(seen_register, "Crime: the register of cross-regional cases")
    ok(dates > 0, f"Crime: first-reported dates are real dates ({dates})")
    ws = wb[SHEETS[lang][7]]
    ok(any(isinstance(c.value, datetime.datetime) for row in ws.iter_rows() for c in row),
       "Sources: import times are real dates")
    if findings is not None:
        ws = wb[SHEETS[lang][6]]
        rows = [row for row in ws.iter_rows(min_row=5) if isinstance(row[0].value, (int, float))]
        ok(len(rows) == findings, f"Reconciliation: {findings} findings, one per row",
           f"got {len(rows)}")

    # ------------------------------------------------ properties
    p = wb.properties
    created = p.created.replace(tzinfo=datetime.timezone.utc).timestamp() if p.created else None
    ok(p.creator == L["secretariat"], "author is the secretariat", f"got {p.creator!r}")
    ok(p.title and L["title_part"] in p.title, "title is the forum title", f"got {p.title!r}")
    ok(p.keywords and year in p.keywords, "keywords name the year", f"got {p.keywords!r}")
    ok(created == float(epoch), "created = the data's time (SOURCE_DATE_EPOCH)",
       f"got {p.created}")

    # ----------------------------------------- charts and pictures
    with zipfile.ZipFile(xlsx) as z:
        names = z.namelist()
        charts = [x for x in names if re.fullmatch(r"xl/charts/chart\d+\.xml", x)]
        media = [x for x in names if x.startswith("xl/media/")]
        rels = {x: z.read(x).decode() for x in names if x.startswith("xl/drawings/_rels/")}
        sheet_rels = {x: z.read(x).decode() for x in names
                      if x.startswith("xl/worksheets/_rels/")}
    ok(len(charts) >= 7, f"native charts ({len(charts)})")
    ok(len(media) >= 5, f"pictures of the chart set ({len(media)})")
    # Issue 15: the county is on the axis of the Counties and Cooperation
    # charts, so their bars have one colour (no per-point colours), and no
    # chart shows money in yuan.
    with zipfile.ZipFile(xlsx) as z:
        xml = {x: z.read(x).decode() for x in charts}
    per_point = [x for x, t in xml.items() if "<c:dPt>" in t]
    ok(not per_point, "native charts: one colour per series (county on the axis)", *per_point)
    yuan = [x for x, t in xml.items() if "（元）" in t or "(yuan)" in t]
    money = [x for x, t in xml.items() if wan in t]
    ok(not yuan and len(money) == 1, f"native charts: money in {wan}, never in yuan",
       f"in yuan: {yuan}, in {wan}: {money}")
    # Native charts on Counties (sheet2), Cooperation (sheet5), Trends (sheet6).
    for idx in (2, 5, 6):
        rel = sheet_rels.get(f"xl/worksheets/_rels/sheet{idx}.xml.rels", "")
        m = re.search(r"drawings/(drawing\d+\.xml)", rel)
        drel = rels.get(f"xl/drawings/_rels/{m.group(1)}.rels", "") if m else ""
        ok("charts/chart" in drel, f"{SHEETS[lang][idx - 1]}: native Excel charts")


if __name__ == "__main__":
    main()
