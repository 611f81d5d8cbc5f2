#!/usr/bin/python3
"""check_consistency.py -- every figure shown is the metrics file's figure.

Used by tests/e2e/t34-consistency.sh.  Reads the outputs of one
`forumstat report --year Y --out DIR` (no forumstat code: Debian's
python3-openpyxl for the workbook, poppler's pdftotext for the text layer of
the briefing and the chart PDFs) and checks them against DIR/metrics-Y.csv
(and, for the columns of earlier years, the metrics files given with
--metrics YEAR=FILE):

  workbook  every number cell that is a figure, on the Overview, Counties,
            Crime, Disputes, Cooperation and Trends sheets, found from its
            row and column labels (the Definitions sheet names every metric;
            the Counties sheet's hidden row holds the codes; formulas are
            read through their cached values), in the sheet's units (yuan or
            10,000 yuan, fraction or percentage points);
  PDFs      the numbers of the briefing's tiles, appendix table and
            takeaway sentences and of the chart PDFs' labels, each compared
            with the metrics figure formatted as the standard's presentation
            rules say (1 decimal, 2 in 10,000 yuan, percentage points,
            thousands separators) -- so one figure reads the same in the
            Overview, the briefing and the charts;
  years     no year after Y in any text of the workbook (strings, comments),
            the briefing, the chart PDFs and the CSV files' years and dates
            -- except the findings (Reconciliation sheet, findings CSV, the
            briefing's data-quality page), which may name a later year's
            record of a cross_ref spanning New Year; import times (date
            cells) are not data years;
  dedup     a zone count shown below county rows (workbook tables, the
            briefing's appendix) that is not their sum carries its dagger
            and the note explaining it;
  coverage  every zone figure of a table (or, per-10k and ind_*, of the
            counties that have it) that not all counties give is shown with
            its "n/7县" ("n of 7 counties"): Overview, tiles, appendix cells,
            takeaway sentences.

Not checked: the SVG charts (their text is drawn as paths), the PNGs, the
chart 03b and the segments of 03a, the cross-regional
register, the Sources and Reconciliation sheets' numbers, the Overview's
table of records received.

Prints TAP lines ("ok - ..." / "not ok - ... # detail"), one per check
group, and exits 1 when any failed (2 on bad usage).
"""
import argparse
import csv
import decimal
import math
import os
import re
import subprocess
import sys
import openpyxl

FAILS = []
RESULTS = []


def report(cond, what, details=()):
    """One TAP line for a group of checks; DETAILS are the failures."""
    details = list(details)
    if cond and not details:
        RESULTS.append("ok - " + what)
    else:
        RESULTS.append("not ok - " + what)
        for d in details[:12]:
            RESULTS.append("#   " + str(d))
        if len(details) > 12:
            RESULTS.append("#   ... and %d more" % (len(details) - 12))
        FAILS.append(what)


def load_metrics(path):
    """{(scope, metric): value or None} of one metrics file."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in list(csv.reader(f))[1:]:
            out[(row[1], row[2])] = float(row[3]) if row[3] != "" else None
    return out


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# ------------------------------------------------------------ formatting

def rnd(v, places):
    """V rounded to PLACES decimals, half away from zero on its exact binary
    value -- as Excel displays a number format (0.3125 under 0.0% is 31.3%),
    which the charts and the briefing match."""
    q = decimal.Decimal(1).scaleb(-places)
    return decimal.Decimal(v).quantize(q, rounding=decimal.ROUND_HALF_UP)


def fmt_int(v):
    return "{:,}".format(int(rnd(v, 0)))


def fmt_pct(v):        # a percentage of the metrics file, shown with 1 decimal
    return "{:,}%".format(rnd(v, 1))


def fmt_wan(v):        # yuan shown in 10,000 yuan with 2 decimals
    return "{:,}".format(rnd(decimal.Decimal(v) / 10000, 2))


def fmt_2(v):
    return "{:,}".format(rnd(v, 2))


def fmt_1(v):
    return "{:,}".format(rnd(v, 1))


NUM = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?%?|[0-9]+(?:\.[0-9]+)?%?")


def numbers(text):
    return NUM.findall(text)


# ------------------------------------------------------------ the workbook

class Workbook:
    """The workbook's sheets read back, and the labels that name figures."""

    def __init__(self, path, metrics, year):
        self.wb = openpyxl.load_workbook(path, data_only=True)
        self.wbf = openpyxl.load_workbook(path)   # formulas, for number formats
        self.m = metrics
        self.year = year
        ws = self.wb.worksheets
        self.overview, self.counties, self.crime, self.disputes = ws[0], ws[1], ws[2], ws[3]
        self.coop, self.trends, self.defs = ws[4], ws[5], ws[8]
        # Definitions: code, name, unit, table, ...
        self.name2codes = {}
        self.code_table = {}
        for r in self.defs.iter_rows(min_row=5, values_only=True):
            if r[0] and r[1]:
                self.name2codes.setdefault(clean(r[1]), []).append(r[0])
                self.code_table[r[0]] = r[3]
        # Counties: the scope code of each row label, the zone's label
        self.scope_of = {}
        self.county_codes = []
        for r in self.counties.iter_rows(min_row=6, values_only=True):
            if r[0] and r[1] and (str(r[1]).isdigit() or r[1] == "ALL"):
                self.scope_of[clean(r[0])] = str(r[1])
                if str(r[1]).isdigit() and not str(r[1]).endswith("0000"):
                    self.county_codes.append(str(r[1]))
        self.zone_label = [k for k, v in self.scope_of.items() if v == "ALL"][0]
        self.name_of = {v: k for k, v in self.scope_of.items()}
        self.zone_shown = {}    # sheet title -> metrics of the zone it shows

    def code(self, label, table=None):
        """The metric a label names (None: not a figure's name).  A name
        shared by two metrics of the table (en: 'Resolved' is both resolved
        and disputes_outcome_resolved) is taken when they are equal for
        every scope."""
        codes = self.name2codes.get(clean(label), [])
        if table is not None:
            codes = [c for c in codes if self.code_table.get(c) == table]
            if not codes:    # en: a column naming a figure in the singular of its name
                codes = [c for c in self.name2codes.get(clean(label) + "s", [])
                         if self.code_table.get(c) == table]
        if len(codes) > 1:
            scopes = {s for (s, _) in self.m}
            if all(same(self.m.get((s, codes[0])), self.m.get((s, c))) for c in codes for s in scopes):
                return codes[0]
        return codes[0] if len(codes) == 1 else None


def lang_of(wb):
    return "zh" if wb.overview.title == "概览" else "en"


def clean(s):
    return re.sub(r"\s*[†‡]\s*$", "", str(s)).strip()


def cell_value(cell, fcell):
    """(number or None, is_percent, is_pp) of a cell."""
    v = cell.value
    nf = fcell.number_format or ""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None, False, False
    pp = "个百分点" in nf or " pp" in nf
    return float(v), ("%" in nf and not pp), pp


def check_cell(wb, sheet, cell, fcell, scope, metric, bad, wan=False, mfile=None):
    """The cell shows METRIC of SCOPE: a number equal to it, or no number
    when the figure is empty or missing."""
    m = (mfile or wb.m)
    want = m.get((scope, metric))
    if scope == "ALL" and m is wb.m and want is not None:
        wb.zone_shown.setdefault(sheet.title, set()).add(metric)
    v, pct, _ = cell_value(cell, fcell)
    where = "%s!%s %s %s" % (sheet.title, cell.coordinate, scope, metric)
    if want is None:
        if v is not None:
            bad.append("%s: shows %r, the metrics file has none" % (where, v))
        return 0
    if v is None:
        bad.append("%s: shows %r, the metrics file has %r" % (where, cell.value, want))
        return 1
    if pct:
        v *= 100
    if wan:
        v *= 1e4
    if not (abs(v - want) <= 1e-9 * max(1.0, abs(want)) or (wan and abs(v - want) < 0.005)):
        bad.append("%s: shows %r, the metrics file has %r" % (where, v, want))
    return 1


def dedup_marked(wb, ws, head, col, rows, metric, bad):
    """A zone count shown under county rows that is not their sum (shared
    references counted once) carries a dagger in its header and the sheet
    a line explaining it (standard §4 v2).  ROWS: {scope: row}."""
    if metric.endswith(("_pct", "_per_10k")) or metric.startswith("median") or "ALL" not in rows:
        return 0
    vals = [ws.cell(r, col).value for sc, r in rows.items() if sc in wb.county_codes]
    zone = ws.cell(rows["ALL"], col).value
    if not isinstance(zone, (int, float)):
        return 0
    total = sum(v for v in vals if isinstance(v, (int, float)))
    if abs(total - zone) < 0.005:
        return 0
    label = str(ws.cell(head, col).value or "")
    notes = [c.value for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("†") and len(c.value) > 2]
    if not label.rstrip().endswith("†") or not notes:
        bad.append("%s!%s %s: the zone's %r is not the sum of the counties (%r), header %r carries no † "
                   "or the sheet no † note" % (ws.title, ws.cell(rows["ALL"], col).coordinate, metric, zone, total, label))
    return 1


def sections(ws, scopes=()):
    """(header row number, [data row numbers]) of each table on a sheet: a
    header is a row of labels only followed by a row with a number; the
    data rows follow while they hold a number or are labelled with one of
    SCOPES (a county with no data shows text only)."""
    rows = list(ws.iter_rows())
    out = []
    i = 0
    while i < len(rows) - 1:
        r, nxt = rows[i], rows[i + 1]
        labels = [c for c in r if isinstance(c.value, str)]
        if len(labels) >= 3 and not any(isinstance(c.value, (int, float)) for c in r) \
                and clean(r[0].value) not in scopes \
                and (any(isinstance(c.value, (int, float)) for c in nxt) or clean(nxt[0].value) in scopes):
            data = []
            j = i + 1
            while j < len(rows) and rows[j][0].value is not None and \
                    (any(isinstance(c.value, (int, float)) for c in rows[j]) or
                     clean(rows[j][0].value) in scopes):
                data.append(j + 1)
                j += 1
            out.append((i + 1, data))
            i = j
        else:
            i += 1
    return out


def check_tables(wb, ws, table, total_metric, bad, matrix_metrics=()):
    """Every table of a Crime/Disputes/Cooperation sheet: rows are scopes
    and columns figures, or rows figures and columns scopes, or (matrices)
    both counties.  A 'total' line is the sum of its figures and, where the
    family has one, that figure (TOTAL_METRIC)."""
    wf = wb.wbf[ws.title]
    n = 0
    mats = list(matrix_metrics)
    for head, data in sections(ws, wb.scope_of):
        hdr = {c.column: c.value for c in ws[head] if c.value is not None and c.column > 1}
        col_scope = {k: wb.scope_of.get(clean(v)) for k, v in hdr.items()}
        cols_are_scopes = sum(1 for v in col_scope.values() if v) >= len(wb.county_codes)
        rows_are_scopes = all(wb.scope_of.get(clean(ws.cell(r, 1).value)) or
                              wb.code(ws.cell(r, 1).value, table) is None for r in data) and \
            sum(1 for r in data if wb.scope_of.get(clean(ws.cell(r, 1).value))) >= len(wb.county_codes)
        if cols_are_scopes and rows_are_scopes:          # a matrix
            fam = mats.pop(0) if mats else None
            for r in data:
                a = wb.scope_of.get(clean(ws.cell(r, 1).value))
                tot = 0
                for k, b in col_scope.items():
                    c = ws.cell(r, k)
                    if a and b and a != b and fam:
                        n += check_cell(wb, ws, c, wf.cell(r, k), a, fam + b, bad)
                        tot += c.value if isinstance(c.value, (int, float)) else 0
                    elif a and not b and isinstance(c.value, (int, float)) and c.value != tot:
                        bad.append("%s!%s: row total %r, the row sums to %r" % (ws.title, c.coordinate, c.value, tot))
            continue
        if cols_are_scopes:                                 # rows are figures
            for r in data:
                metric = wb.code(ws.cell(r, 1).value, table) or total_metric
                for k, s in col_scope.items():
                    if s:
                        n += check_cell(wb, ws, ws.cell(r, k), wf.cell(r, k), s, metric, bad)
            continue
        rows = {wb.scope_of.get(clean(ws.cell(r, 1).value)): r for r in data}
        for k, label in hdr.items():
            metric = wb.code(label, table)
            if metric:
                n += dedup_marked(wb, ws, head, k, rows, metric, bad)
        for r in data:                                      # rows are scopes
            s = wb.scope_of.get(clean(ws.cell(r, 1).value))
            if not s:
                continue
            for k, label in hdr.items():
                metric = wb.code(label, table)
                if metric is None and total_metric and isinstance(ws.cell(r, k).value, (int, float)) \
                        and wf.cell(r, k).data_type == "f" and "SUM(" in str(wf.cell(r, k).value):
                    metric = total_metric
                if metric:
                    n += check_cell(wb, ws, ws.cell(r, k), wf.cell(r, k), s, metric, bad)
    return n


def check_workbook(wb, prev, bad_by):
    y = wb.year
    # Counties: hidden row 4 holds the codes, column B the scope
    ws, wf = wb.counties, wb.wbf[wb.counties.title]
    codes = {c.column: c.value for c in ws[4] if c.value and c.column > 2}
    bad, n = [], 0
    rows = {}
    for r in range(6, ws.max_row + 1):
        s = ws.cell(r, 2).value
        if not s or not (str(s).isdigit() or s == "ALL"):
            continue
        rows[str(s)] = r
        for k, metric in codes.items():
            n += check_cell(wb, ws, ws.cell(r, k), wf.cell(r, k), str(s), metric, bad)
    for k, metric in codes.items():
        n += dedup_marked(wb, ws, 5, k, rows, metric, bad)
    report(n > 50, "workbook Counties: %d figures equal the metrics file" % n, bad)

    # Overview: the headline table (label, Y, Y-1, change, unit, coverage)
    ws, wf = wb.overview, wb.wbf[wb.overview.title]
    trends_code = {clean(r[0]): r[1] for r in wb.trends.iter_rows(min_row=6, values_only=True)
                   if r[0] and r[1] and re.fullmatch(r"[a-z0-9_]+", str(r[1]))}
    bad, n, shown = [], 0, {}
    for head, data in sections(ws, wb.scope_of):
        if ws.cell(head, 2).value != str(y):
            continue
        for r in data:
            label = clean(ws.cell(r, 1).value)
            unit = ws.cell(r, 5).value
            wan = unit in ("万元", "10,000 yuan")
            metric = trends_code.get(label) or wb.code(label)
            if metric is None and wan:
                metric = {"损失金额": "loss_yuan", "挽回损失": "recovered_yuan",
                          "Loss": "loss_yuan", "Recovered": "recovered_yuan"}.get(label)
            if metric is None:
                bad.append("Overview!A%d %r: no figure of that name" % (r, label))
                continue
            n += check_cell(wb, ws, ws.cell(r, 2), wf.cell(r, 2), "ALL", metric, bad, wan)
            if prev is not None:
                n += check_cell(wb, ws, ws.cell(r, 3), wf.cell(r, 3), "ALL", metric, bad, wan, prev)
            shown[metric] = (ws.cell(r, 2), wf.cell(r, 2), ws.cell(r, 4), wf.cell(r, 4), wan)
            # the change: pp, %, or the difference of a count below 100
            c, fc = ws.cell(r, 4), wf.cell(r, 4)
            v, pct, pp = cell_value(c, fc)
            if pp:
                want = wb.m.get(("ALL", metric + "_yoy_pp"))
            elif pct:
                want = wb.m.get(("ALL", metric + "_yoy_pct"))
                v = v * 100 if v is not None else None
            elif v is not None:
                now, was = wb.m.get(("ALL", metric)), (prev or {}).get(("ALL", metric))
                want = now - was if (prev is not None and now is not None and was is not None) else v
            else:
                want = wb.m.get(("ALL", metric + "_yoy_pct"), wb.m.get(("ALL", metric + "_yoy_pp")))
            n += 1
            if not same(v, want):
                bad.append("Overview!%s %s change: shows %r (%s), the metrics file gives %r"
                           % (c.coordinate, metric, c.value, fc.number_format, want))
            # coverage column: the table's counties
            table = wb.code_table.get(metric)
            cov = ws.cell(r, 6).value
            tcode = {"刑事案件": "incidents", "矛盾纠纷": "disputes", "协作活动": "cooperation",
                     "基础指标": "indicators", "Criminal cases": "incidents", "Disputes": "disputes",
                     "Cooperation": "cooperation", "Indicators": "indicators"}.get(table)
            if tcode and cov:
                k, total = coverage(wb, metric)
                if ("%d/%d" % (k, total)) not in cov and ("%d of %d" % (k, total)) not in cov:
                    bad.append("Overview!F%d %s: coverage %r, the figure covers %d of %d" % (r, metric, cov, k, total))
    # the table of records received: incidents and disputes per county
    # (a zero report reads "0（零报告）", no data "未报送"/"no data")
    tables = {"刑事案件": "incidents", "矛盾纠纷": "disputes", "Criminal cases": "incidents", "Disputes": "disputes"}
    for head, data in sections(ws, wb.scope_of):
        cols = {c.column: tables[c.value] for c in ws[head] if c.value in tables}
        if ws.cell(head, 2).value == str(y) or not cols:
            continue
        for r in data:
            sc = wb.scope_of.get(clean(ws.cell(r, 1).value))
            if sc not in wb.county_codes:
                continue
            for k, metric in cols.items():
                v, want = ws.cell(r, k).value, wb.m.get((sc, metric))
                n += 1
                if isinstance(v, (int, float)):
                    ok_ = want is not None and v == want
                elif isinstance(v, str) and re.match(r"0\s*[（(]", v):
                    ok_ = want == 0
                else:
                    ok_ = want is None
                if not ok_:
                    bad.append("Overview!%s %s %s: reads %r, the metrics file has %r"
                               % (ws.cell(r, k).coordinate, sc, metric, v, want))
    report(n > 20, "workbook Overview: %d figures, changes and coverage equal the metrics file" % n, bad)
    wb.shown = shown

    # Crime, Disputes, Cooperation
    for ws, table, total, mats in ((wb.crime, "刑事案件", "offenses", ()),
                                   (wb.disputes, "矛盾纠纷", "disputes", ()),
                                   (wb.coop, "协作活动", "activities", ("coop_", "assist_"))):
        if table not in set(wb.code_table.values()):      # English table names
            table = {"刑事案件": "Criminal cases", "矛盾纠纷": "Disputes", "协作活动": "Cooperation"}[table]
        bad = []
        n = check_tables(wb, ws, table, total, bad, mats)
        report(n > 20, "workbook %s: %d figures equal the metrics file" % (ws.title, n), bad)

    # Trends: label, code, years...; per-county table; money in 万元
    ws, wf = wb.trends, wb.wbf[wb.trends.title]
    bad, n = [], 0
    for head, data in sections(ws, wb.scope_of):
        years = {c.column: int(c.value) for c in ws[head] if isinstance(c.value, str) and re.fullmatch(r"\d{4}", c.value)}
        for yy in years.values():
            if yy > y:
                bad.append("Trends: a column of %d in the report of %d" % (yy, y))
        for r in data:
            a, b = ws.cell(r, 1).value, ws.cell(r, 2).value
            scope, metric, wan = "ALL", None, False
            if b and str(b).isdigit():
                scope, metric = str(b), "offenses_per_10k"
            elif b and re.fullmatch(r"[a-z0-9_]+", str(b)):
                metric = b
            elif b in ("万元", "10,000 yuan"):
                metric = {"损失金额": "loss_yuan", "挽回损失": "recovered_yuan",
                          "Loss": "loss_yuan", "Recovered": "recovered_yuan"}.get(clean(a))
                wan = True
            if not metric:
                bad.append("Trends!A%d %r: no figure of that name" % (r, a))
                continue
            for k, yy in years.items():
                mf = wb.m if yy == y else wb.others.get(yy)
                if mf is not None:
                    n += check_cell(wb, ws, ws.cell(r, k), wf.cell(r, k), scope, metric, bad, wan, mf)
            # the zone rows' coverage column names each partly covered year
            cov = ws.cell(r, max(years) + 1).value if years and scope == "ALL" and not wan else None
            if scope == "ALL" and not wan and years and str(ws.cell(head, max(years) + 1).value or ""):
                for yy in years.values():
                    mf = wb.m if yy == y else wb.others.get(yy)
                    if mf is None or metric.startswith("counties_"):
                        continue
                    kk, total = coverage(wb, metric, "ALL", mf)
                    if 0 < kk < total:
                        n += 1
                        pat = (r"%d年[^；]*?%d/%d县" if lang_of(wb) == "zh" else r"%d [^;]*?%d of %d counties") % (yy, kk, total)
                        if not cov or not re.search(pat, cov):
                            bad.append("Trends!%s %s: %d covers %d of %d, the coverage column reads %r"
                                       % (ws.cell(r, max(years) + 1).coordinate, metric, yy, kk, total, cov))
    report(n > 30, "workbook Trends: %d figures equal the metrics files of their years" % n, bad)


# ------------------------------------------------------------ PDFs

def pdf_text(path, layout=True):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_words(path):
    """[(page, xmin, ymin, xmax, ymax, text)] of a PDF's text layer."""
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True,
                         capture_output=True, text=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            t = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            words.append((page, float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), t))
    return words


def rows_of(words, page=None):
    """Words grouped into lines of text by their vertical centre, each line
    a (y, [words left to right])."""
    ws = [w for w in words if page is None or w[0] == page]
    ws.sort(key=lambda w: ((w[2] + w[4]) / 2, w[1]))
    lines = []
    for w in ws:
        yc = (w[2] + w[4]) / 2
        if lines and abs(lines[-1][0] - yc) < 2.5 and w[0] == lines[-1][1][-1][0]:
            lines[-1][1].append(w)
        else:
            lines.append((yc, [w]))
    return [(y, sorted(l, key=lambda w: w[1])) for y, l in lines]


def find_groups(words, label, page=None):
    """Runs of words on one line whose text joined without spaces is LABEL."""
    out = []
    for yc, line in rows_of(words, page):
        for i in range(len(line)):
            t = ""
            for j in range(i, min(i + 8, len(line))):
                t += norm(line[j][5])
                if t == label or re.fullmatch(re.escape(label) + r"(（\d+/\d+县）|\(\d+of\d+counties\))", t):
                    out.append(line[i:j + 1])
                    break
                if not (label.startswith(t) or t.startswith(label)):
                    break
    return out


YEARLIKE = re.compile(r"(19|20)[0-9]{2}")


def hbars(words, names, value_of, what, bad, page=None):
    """A horizontal bar chart: each value label is on the line of its
    category's label (or in the middle of a label wrapped over lines).
    NAMES maps a category's label (spaces removed) to its figure; VALUE_OF
    formats it.  Returns how many labels were checked."""
    words = [w[:5] + (re.sub(r"（\d+/\d+县）$", "", w[5]),) for w in words]
    lines = rows_of(words, page)
    n = 0
    found = set()
    for i, (y, ws) in enumerate(lines):
        vals = [w for j, w in enumerate(ws) if NUM.fullmatch(w[5])        # not '(6 of 7 counties)'
                and not (j > 0 and ws[j - 1][5] == "of") and not (j + 1 < len(ws) and ws[j + 1][5] == "of")]
        if len(vals) != 1:
            continue
        label = "".join(w[5] for w in ws if w[3] <= vals[0][1])
        # a label wrapped over the lines around: take them when they hold
        # no value of their own
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and abs(lines[j][0] - y) < 14 and \
                    not any(NUM.fullmatch(w[5]) for w in lines[j][1]):
                part = "".join(w[5] for w in lines[j][1] if w[3] <= vals[0][1])
                label = part + label if j < i else label + part
        key = untag(re.sub(r"\s+", "", label))
        if key not in names:
            continue
        found.add(names[key])
        want = value_of(names[key])
        n += 1
        if vals[0][5] != want:
            bad.append("%s: %s reads %s, the metrics file gives %s" % (what, key, vals[0][5], want))
    for k, c in names.items():
        if c not in found and value_of(c) is not None:
            bad.append("%s: no value label for %s" % (what, k))
            found.add(c)
    return n


def vbars(words, categories, series, what, bad, page=None):
    """A vertical bar chart: CATEGORIES [(label, scope)] along the bottom,
    SERIES [formatter(scope) -> text or None] side by side within each
    category, left to right.  Each value label belongs to the category whose
    label is nearest in x; within it, labels left to right are the series
    that have a value."""
    ws = [w for w in words if page is None or w[0] == page]
    cats = []
    for label, scope in categories:
        hits = find_groups(ws, label)
        if not hits:
            bad.append("%s: no category label %s" % (what, label))
            return 0
        cats.append((hits, scope, label))
    # the axis: the line where most category labels are
    ys = [round(g[0][2]) for hits, _, _ in cats for g in hits]
    axis = max(set(ys), key=ys.count)
    cats = [(lambda g: ((g[0][1] + g[-1][3]) / 2, g[0][2], scope, label))(
            min(hits, key=lambda g: abs(g[0][2] - axis))) for hits, scope, label in cats]
    bottom = min(c[1] for c in cats)
    # value labels: numbers on lines of numbers only (not axis titles)
    vals = [w for yc, line in rows_of(ws) if all(NUM.fullmatch(x[5]) for x in line)
            for w in line if not YEARLIKE.fullmatch(w[5]) and w[4] < bottom - 1]
    # axis ticks sit left of the first category
    vals = [w for w in vals if (w[1] + w[3]) / 2 > cats[0][0] - (cats[1][0] - cats[0][0]) / 2]
    n = 0
    per = {c[2]: [] for c in cats}
    for w in vals:
        xc = (w[1] + w[3]) / 2
        c = min(cats, key=lambda c: abs(c[0] - xc))
        per[c[2]].append(w)
    for x, _, scope, label in cats:
        got = [w[5] for w in sorted(per[scope], key=lambda w: w[1])]
        want = [f(scope) for f in series]
        want = [v for v in want if v is not None]
        if got != want:     # a bar of 0 may go without a label
            want = [v for v in want if re.sub(r"[0.]", "", v) != ""]
        n += len(want)
        if got != want:
            bad.append("%s: %s reads %s, the metrics file gives %s" % (what, label, got, want))
    return n


# ------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--out", required=True, help="the report's output folder")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--metrics", action="append", default=[], metavar="YEAR=FILE",
                    help="the metrics file of an earlier year (for the Overview's and Trends' columns)")
    a = ap.parse_args()
    y, d = a.year, a.out
    m = load_metrics(os.path.join(d, "metrics-%d.csv" % y))
    others = {}
    for spec in a.metrics:
        k, _, f = spec.partition("=")
        others[int(k)] = load_metrics(f)
    prev = others.get(y - 1)
    wb = Workbook(os.path.join(d, "forum-%d.xlsx" % y), m, y)
    wb.others = others
    check_workbook(wb, prev, None)
    check_pdfs(wb, d, y, a.lang, prev)
    check_years_and_coverage(wb, d, y, a.lang)
    for line in RESULTS:
        print(line)
    return 1 if FAILS else 0



TILES = {"每万人犯罪起数": "offenses_per_10k", "跨区域案件": "cross_cases", "受理矛盾纠纷": "disputes",
         "人民调解成功率": "resolution_pct", "破案率": "clearance_pct", "协作活动": "activities",
         "Offences per 10,000 residents": "offenses_per_10k", "Cross-regional cases": "cross_cases",
         "Disputes received": "disputes", "Mediation resolution rate": "resolution_pct",
         "Clearance rate": "clearance_pct", "Cooperation activities": "activities"}
# the briefing's appendix table, left to right
APPENDIX = ["offenses_per_10k", "cross_cases", "disputes", "resolution_pct", "clearance_pct",
            "recovery_pct", "activities"]


TABLE_OF = (("offenses_per_10k", None), ("grid_members_per_10k", None), ("video_devices_per_10k", None),
            ("ind_", None), ("activities", "cooperation"), ("fugitives_caught", "cooperation"),
            ("clues_verified", "cooperation"), ("participants", "cooperation"), ("disputes", "disputes"),
            ("resolution_pct", "disputes"), ("resolved", "disputes"), ("cross_disputes", "disputes"),
            ("median_days", "disputes"), ("coop_", "cooperation"),
            ("", "incidents"))


def coverage(wb, metric, scope="ALL", mf=None):
    """(counties a zone figure covers, member counties): its table's
    counties_T, or for a per-10k or indicator figure the counties that have
    it (standard §4 v2, coverage per figure)."""
    total = len(wb.county_codes)
    mf = wb.m if mf is None else mf
    for pre, t in TABLE_OF:
        if metric.startswith(pre):
            if t is None:
                return sum(1 for c in wb.county_codes if mf.get((c, metric)) is not None), total
            k = mf.get((scope, "counties_" + t))
            return (int(k) if k is not None else 0), total


def cov_text(k, total, lang):
    return "%d/%d县" % (k, total) if lang == "zh" else "%d of %d counties" % (k, total)


def shown(metric, v):
    """How the briefing and the charts write figure METRIC of value V."""
    if v is None:
        return None
    if metric.endswith("_pct"):
        return fmt_pct(v)
    if metric.endswith("_yuan"):
        return fmt_wan(v)
    if metric == "offenses_per_10k":
        return fmt_2(v)
    if metric.endswith("_per_10k"):
        return fmt_1(v)
    return fmt_int(v)


def excel_text(value, nf):
    """VALUE as Excel shows it under the number format NF (the few formats
    of the Overview: sections pos;neg;zero with quoted text, 0.0%, #,##0,
    0.0 and #,##0.00)."""
    secs = nf.split(";")
    sec = secs[0] if value > 0 or len(secs) == 1 else (secs[1] if value < 0 else secs[min(2, len(secs) - 1)])
    v = abs(value) if len(secs) > 1 else value
    out, i = "", 0
    while i < len(sec):
        if sec[i] == '"':
            j = sec.index('"', i + 1)
            out += sec[i + 1:j]
            i = j + 1
            continue
        m = re.match(r"[#,0]+(\.0+)?%?", sec[i:])
        if m:
            code = m.group(0)
            dec = len(m.group(1)) - 1 if m.group(1) else 0
            x = decimal.Decimal(v) * 100 if code.endswith("%") else v
            txt = ("{:,}" if "," in code else "{}").format(rnd(x, dec))
            out += txt + ("%" if code.endswith("%") else "")
            i += len(code)
            continue
        out += sec[i]
        i += 1
    return out


def norm(s):
    return re.sub(r"\s+", "", s)


def block_text(cell):
    """The text of the merged block CELL lies in (its top-left cell's), or
    None: the Overview says once, over the previous year's and the change's
    columns, that there is no previous year to compare with."""
    ws = cell.parent
    for rng in ws.merged_cells.ranges:
        if cell.coordinate in rng:
            v = ws.cell(rng.min_row, rng.min_col).value
            return v if isinstance(v, str) else None
    return None


def untag(t):
    """A label without its coverage ('片区合计（5/7县）', 'Zone(5of7counties)')."""
    return re.sub(r"（\d+/\d+县）$|\(\d+of\d+counties\)$", "", t)


def find_label(line_words, names):
    """(name, index after it) when the line starts with one of NAMES (its
    words joined without spaces), else (None, 0)."""
    for k in (7, 6, 5, 4, 3, 2, 1):
        if len(line_words) >= k:
            t = untag(norm("".join(w[5] for w in line_words[:k])))
            if t in names:
                return t, k
    return None, 0


def year_panels(wb, ws, y, panels, what, bad):
    """A chart of panels side by side, each the zone's figure PANELS[i] over
    the years along its bottom: every value label above a year is that
    year's figure (metrics files of the report's and earlier years).  A
    point of an earlier year may go unlabelled (labels that would collide
    are dropped), and a point at 0; the report's year is labelled.  Axis ticks (numbers
    right-aligned in a column) are no values."""
    m = wb.m
    yrs = sorted(yy for yy in [y] + list(wb.others) if yy <= y)
    ylab = [w for w in ws if w[5] in [str(v) for v in yrs]]
    if not ylab:
        bad.append("%s: no year labels" % what)
        return 0
    ys = [round(w[2]) for w in ylab]
    axis = max(set(ys), key=ys.count)      # the line with the most year labels
    ylab = sorted((w for w in ylab if abs(round(w[2]) - axis) < 3), key=lambda w: w[1])
    per_panel = len(ylab) // len(panels)
    if per_panel * len(panels) != len(ylab) or per_panel < 1:
        bad.append("%s: year labels %s for %d panels" % (what, [w[5] for w in ylab], len(panels)))
        return 0
    spacing = min(((ylab[i + 1][1] + ylab[i + 1][3]) - (ylab[i][1] + ylab[i][3])) / 2
                  for i in range(len(ylab) - 1)) if len(ylab) > 1 else 100
    cats = [((w[1] + w[3]) / 2, int(w[5]), panels[i // per_panel]) for i, w in enumerate(ylab)]
    per = {(yy, p): [] for _, yy, p in cats}
    nums = [w for yc, line in rows_of(ws) if all(NUM.fullmatch(x[5]) or YEARLIKE.fullmatch(x[5]) for x in line)
            for w in line if NUM.fullmatch(w[5]) and not YEARLIKE.fullmatch(w[5])]
    right = [round(w[3]) for w in nums]
    nums = [w for w in nums if right.count(round(w[3])) < 2 and w[4] <= axis - 1]
    for w in nums:
        xc = (w[1] + w[3]) / 2
        c = min(cats, key=lambda c: abs(c[0] - xc))
        if abs(c[0] - xc) < 0.45 * spacing:
            per[(c[1], c[2])].append(w[5])
    n = 0
    for (yy, p), got in sorted(per.items()):
        mf = m if yy == y else wb.others.get(yy)
        if mf is None:
            continue
        want = [shown(p, mf.get(("ALL", p)))] if mf.get(("ALL", p)) is not None else []
        n += 1
        if got != want and not ((yy < y or re.sub(r"[0.%]", "", want[0] if want else "") == "") and got == []):
            bad.append("%s: %d %s reads %s, the metrics file gives %s" % (what, yy, p, got, want))
    return n


def check_pdfs(wb, d, y, lang, prev):
    m = wb.m
    counties = [(norm(wb.name_of[c]), c) for c in wb.county_codes]
    cnames = {n: c for n, c in counties}
    zone = "片区合计" if lang == "zh" else "Zone"
    charts = os.path.join(d, "charts")
    brief = os.path.join(d, "briefing-%d.pdf" % y)

    # -- tiles: the chart 08 and the briefing's first page, against the
    # metrics file and the Overview's cells as Excel shows them
    for path, page in ((os.path.join(charts, "08-tiles.pdf"), 1), (brief, 1)):
        words = [w for w in pdf_words(path) if w[0] == page]
        tiles = []
        for label, metric in TILES.items():
            for g in find_groups(words, norm(label)):
                tiles.append((g[0][1], g[0][4], label, metric))
        bad, n = [], 0
        lines = rows_of(words)
        for x0, yb, label, metric in tiles:
            right = min([t[0] for t in tiles if abs(t[1] - yb) < 30 and t[0] > x0 + 5] + [1e9])
            nxt = min([t[1] for t in tiles if t[1] > yb + 30] + [1e9])
            below = []
            for yc, line in lines:
                part = [w for w in line if yb < yc < nxt - 20 and x0 - 3 <= w[1] < right - 3]
                if part:
                    below.append((yc, part))
            got = " ".join(w[5] for w in below[0][1]) if below else None
            chl = below[1:2]
            for yc, part in below[2:]:
                if yc - chl[-1][0] < 20:
                    chl.append((yc, part))
            g = " ".join(" ".join(w[5] for w in l) for _, l in chl)
            # stop at the next tile's label or the source line
            g = re.split(r"来源|Source", g)[0].strip()
            tail = re.split(r"较\d{4}年|vs \d{4}", g)
            g = tail[0].strip()
            tagtext = " ".join(tail[1:])
            ov = wb.shown.get(metric)
            com = ov[2].comment.text if ov and ov[2].comment else ""
            if com and norm(g).startswith(norm(com)):
                # a 'not comparable' reason as the Overview's note; a coverage
                # tag may follow it
                tagtext, g = norm(g)[len(norm(com)):], com
            else:
                mt = re.search(r"\s(\d+/\d+县|\d+ of \d+ counties)$", g)
                if mt:
                    tagtext, g = mt.group(1), g[:mt.start()].strip()
            k, total = coverage(wb, metric)
            tag = cov_text(k, total, lang)
            n += 1
            if (k < total) != (norm(tag) in norm(tagtext)):
                bad.append("%s tile %s: coverage %r, the figure covers %d of %d" % (os.path.basename(path), label, tagtext, k, total))
            want = shown(metric, m.get(("ALL", metric)))
            n += 1
            if got != want:
                bad.append("%s tile %s reads %s, the metrics file gives %s" % (os.path.basename(path), label, got, want))
            ov = wb.shown.get(metric)
            if ov and excel_text(ov[0].value, ov[1].number_format) != got:
                bad.append("tile %s reads %s, the Overview shows %s" % (label, got, excel_text(ov[0].value, ov[1].number_format)))
            # the change: as the Overview shows it (its value checked above)
            n += 1
            if ov and isinstance(ov[2].value, (int, float)):
                want_c = excel_text(ov[2].value, ov[3].number_format)
                if norm(g) != norm(want_c):
                    bad.append("%s tile %s change reads %r, the Overview shows %r" % (os.path.basename(path), label, g, want_c))
            elif ov and ov[2].value is None and block_text(ov[2]):
                # no year before at all: the Overview's one statement over the
                # columns of that year and the change reads as the tile's
                if norm(g) != norm(block_text(ov[2])):
                    bad.append("%s tile %s change reads %r, the Overview's block says %r"
                               % (os.path.basename(path), label, g, block_text(ov[2])))
            elif ov and ov[2].value == "–":
                # no year before: the Overview's '–', the tile names the year
                if str(y - 1) not in g or numbers(g.replace(str(y - 1), "")):
                    bad.append("%s tile %s change reads %r with no %d data" % (os.path.basename(path), label, g, y - 1))
            elif ov:
                com = ov[2].comment.text if ov[2].comment else ""
                frag = re.findall(r"\d+/\d+县|\d+ of \d+ counties", g)
                if not norm(g).startswith(norm(str(ov[2].value))) or not frag or \
                        any(f not in com for f in frag):
                    bad.append("%s tile %s change reads %r, the Overview shows %r (%r)"
                               % (os.path.basename(path), label, g, ov[2].value, com))
        report(n >= 12, "%s tiles: %d figures and changes read as the metrics file and the Overview"
               % (os.path.basename(path), n), bad)

    # -- the briefing's appendix table
    words = pdf_words(brief)
    pages = sorted({w[0] for w in words})
    bad, n = [], 0
    names = dict(cnames)
    names[norm(zone)] = "ALL"
    rows_seen = set()
    for p in pages:
        lines = rows_of(words, p)
        head = [l for l in lines if norm(" ".join(w[5] for w in l[1])).startswith(("县（市）每万人犯罪起数", "CountyOffencesper10,000"))]
        if not head:
            continue
        for yc, ws in lines:
            label, k = find_label(ws, names)
            if not label:
                continue
            scope = names[label]
            rest = " ".join(w[5] for w in ws[k:])
            if lang == "en":
                rest = re.sub(r"\([^)]*\)", "", rest)
            cells = re.findall(r"(无数据|no data|%s)\s*([†‡])?\s*(（\d+/\d+县）)?" % NUM.pattern, rest)
            got = [c[0] for c in cells if c[0] not in ("无数据", "no data")]
            for x, (v, mark, t) in zip(APPENDIX, cells):
                if lang == "zh":
                    kk, total = coverage(wb, x, scope)
                    want_t = "（%s）" % cov_text(kk, total, lang) if scope == "ALL" and kk < total else ""
                    n += 1
                    if t != want_t:
                        bad.append("appendix %s %s: coverage %r, the figure covers %d of %d" % (label, x, t, kk, total))
                # a zone total that is not the sum of the county rows (dedup)
                # carries a mark whose note is on the page
                if scope == "ALL" and not x.endswith(("_pct", "_per_10k")):
                    parts = [m.get((c, x)) for c in wb.county_codes if m.get((c, x)) is not None]
                    if m.get(("ALL", x)) is not None and sum(parts) != m.get(("ALL", x)):
                        n += 1
                        notes = [l for _, l in lines if l[0][5].startswith(mark or "?") and len(l) > 1]
                        if not mark or not notes:
                            bad.append("appendix: the zone's %s (%s) is not the sum of the counties (%s) but has no "
                                       "dedup mark and note (mark %r)" % (x, v, fmt_int(sum(parts)), mark))
            want = [shown(x, m.get((scope, x))) for x in APPENDIX]
            want = [v for v in want if v is not None]
            rows_seen.add(scope)
            n += len(want)
            if got != want:
                bad.append("appendix %s reads %s, the metrics file gives %s" % (label, got, want))
    if len(rows_seen) != len(names):
        bad.append("appendix: rows of %s only" % sorted(rows_seen))
    report(n > 15, "briefing appendix: %d figures read as the metrics file" % n, bad)

    # -- charts
    def cw(name):
        return pdf_words(os.path.join(charts, name + ".pdf"))

    cats = counties + [(norm(zone), "ALL")]
    bad, n = [], 0
    n += vbars(cw("01-offences"), cats,
               [lambda s: shown("offenses_per_10k", (prev or {}).get((s, "offenses_per_10k"))) if prev else None,
                lambda s: shown("offenses_per_10k", m.get((s, "offenses_per_10k")))], "chart 01", bad)
    n += vbars(cw("13-losses"), counties,
               [lambda s: shown("loss_yuan", m.get((s, "loss_yuan"))),
                lambda s: shown("recovered_yuan", m.get((s, "recovered_yuan")))], "chart 13", bad)
    n += vbars(cw("16-grid-video"), cats,
               [lambda s: shown("grid_members_per_10k", m.get((s, "grid_members_per_10k"))),
                lambda s: shown("video_devices_per_10k", m.get((s, "video_devices_per_10k")))], "chart 16", bad)
    # sorted horizontal bars: counties, and the zone's line
    for name, metric, zl in (("07-clearance", "clearance_pct", ("片区破案率", "Zoneclearancerate")),
                             ("04-mediation", "resolution_pct", ("片区合计", "Zone"))):
        nm = dict(cnames)
        nm[zl[0] if lang == "zh" else zl[1]] = "ALL"
        n += hbars(cw(name), nm, lambda s, metric=metric: shown(metric, m.get((s, metric))), "chart " + name[:2], bad)
    # zone figures by kind: names from the Definitions sheet
    # the charts name a kind or level by its value's name, the one the
    # Definitions sheet quotes in the figure's definition (“联合调解”,
    # "(Joint mediation)"); the figure's own name may spell it out (联合调解
    # is both a kind and a level: the figures are 联合调解活动, 联合调解的纠纷)
    fam = {}
    for r in wb.defs.iter_rows(min_row=5, values_only=True):
        for pre in ("activities_", "disputes_level_"):
            code = str(r[0] or "")
            if not code.startswith(pre) or code.endswith(("_yoy_pct", "_yoy_pp")) or not r[1]:
                continue
            mm = re.search(r"“(.+?)”|\((.+)\)$", str(r[4] or ""))
            fam.setdefault(pre, {})[norm(mm.group(1) or mm.group(2)) if mm else norm(clean(r[1]))] = code
    iccs = {}
    for r in wb.defs.iter_rows(min_row=5, values_only=True):
        if r[0] and str(r[0]).startswith("offenses_cat_") and r[4]:
            mm = re.search(r"“(.+?)”|\((.+?)\)$", r[4])
            if mm:
                iccs[norm(mm.group(1) or mm.group(2))] = r[0]
    for name, nm in (("14-activities", fam.get("activities_", {})),
                     ("15-mediation-levels", fam.get("disputes_level_", {})),
                     ("10-offence-categories", iccs)):
        n += hbars(cw(name), nm, lambda c: shown(c, m.get(("ALL", c))), "chart " + name[:2], bad)
    # the hex map: each county's value under its name
    ws = cw("09-hexmap")
    for label, c in counties:
        g = find_groups(ws, label)
        lw = g[0] if g else None
        if not lw:
            bad.append("chart 09: no label %s" % label)
            continue
        xc = (lw[0][1] + lw[-1][3]) / 2
        below = [w for w in ws if NUM.fullmatch(w[5]) and w[2] > lw[0][4] - 2 and w[2] - lw[0][4] < 20
                 and abs((w[1] + w[3]) / 2 - xc) < 30]
        want = shown("offenses_per_10k", m.get((c, "offenses_per_10k")))
        n += 1
        if [w[5] for w in below] != ([want] if want else []):
            bad.append("chart 09: %s reads %s, the metrics file gives %s" % (label, [w[5] for w in below], want))
    # the change chart: each line a county (or the zone) and its two years
    for yc, line in rows_of(cw("12-change")):
        lab, k = find_label(line, dict(cnames, **{norm(zone): "ALL"}))
        if not lab or not prev:
            continue
        s = dict(cnames, **{norm(zone): "ALL"})[lab]
        if not all(NUM.fullmatch(w[5]) for w in line[k:]):
            continue    # a note that starts with the zone's name
        got = sorted(NUM.findall(re.sub(r"\([^)]*\)|（[^）]*）", "", " ".join(w[5] for w in line[k:]))))
        want = sorted(v for v in (shown("offenses_per_10k", prev.get((s, "offenses_per_10k"))),
                                  shown("offenses_per_10k", m.get((s, "offenses_per_10k")))) if v)
        n += 1
        if got != want and not (len(want) == 2 and want[0] == want[1] and got == want[:1]):
            bad.append("chart 12: %s reads %s, the metrics files give %s" % (lab, got, want))
    # matrices: 06 every row all other counties; 05 the lower triangle.
    # Columns: the counties' names (zh) or their first words (en, the
    # header wraps) above the first row; a number belongs to the nearest
    # column (the legend, further right, to none).
    for name, pre, tri in (("06-assistance", "assist_", False), ("05-cooperation", "coop_", True)):
        mw = cw(name)
        lines = [(yc, line, find_label(line, cnames)) for yc, line in rows_of(mw)]
        lines = [(yc, line, lab, k) for yc, line, (lab, k) in lines if lab]
        if not lines:
            if m.get(("ALL", "counties_" + ("cooperation" if tri else "incidents"))):
                bad.append("chart %s: no rows" % name[:2])
            continue
        top = min(line[0][2] for _, line, _, _ in lines)
        colx = {}
        for b in wb.county_codes:
            first = wb.name_of[b].split()[0]
            hits = [w for w in mw if w[4] < top and w[5] == first]
            if hits:
                w = max(hits, key=lambda w: w[2])
                colx[b] = (w[1] + w[3]) / 2
        xs = sorted(colx.values())
        spacing = min(b - a for a, b in zip(xs, xs[1:])) if len(xs) > 1 else 50
        rows = 0
        for yc, line, lab, k in lines:
            a = cnames[lab]
            i = wb.county_codes.index(a)
            if tri and i == 0:
                continue
            got = {}
            for w in line[k:]:
                if not NUM.fullmatch(w[5]):
                    continue
                xc = (w[1] + w[3]) / 2
                near = [b for b, x in colx.items() if abs(x - xc) < 0.5 * spacing]
                if near:
                    got[near[0]] = w[5]
            others = wb.county_codes[:i] if tri else [b for b in wb.county_codes if b != a]
            want = {b: shown("count", m.get((a, pre + b))) for b in others}
            rows += 1
            n += len(want)
            if got != want:
                bad.append("chart %s: row %s reads %s, the metrics file gives %s" % (
                    name[:2], lab, [got.get(b) for b in wb.county_codes], [want.get(b) for b in wb.county_codes]))
        if rows != len(wb.county_codes) - (1 if tri else 0):
            bad.append("chart %s: %d rows" % (name[:2], rows))
    # chart 02: the zone's cross-regional cases and share by year (two
    # panels with the years along the bottom), and the provinces' cases
    n += year_panels(wb, cw("02-cross-regional"), y, ["cross_cases", "cross_share_pct"], "chart 02", bad)
    n += year_panels(wb, cw("11-trends"), y, ["offenses_per_10k", "clearance_pct", "disputes",
                                              "resolution_pct", "activities"], "chart 11", bad)
    prov = {}
    for r in wb.counties.iter_rows(min_row=6, values_only=True):
        if r[0] and r[1] and str(r[1]).endswith("0000"):
            prov[re.sub(r"小计$| subtotal$", "", str(r[0]))] = str(r[1])
    text = pdf_text(os.path.join(charts, "02-cross-regional.pdf"))
    alt = "|".join(map(re.escape, prov))
    got = re.findall(r"(%s)(\d+)件" % alt if lang == "zh" else r"(%s) (\d+)\b" % alt, text)
    want = [(p, shown("cross_cases", m.get((c, "cross_cases")))) for p, c in prov.items()
            if m.get((c, "cross_cases")) is not None]
    n += len(want)
    if sorted(got) != sorted(want):
        bad.append("chart 02: provinces read %s, the metrics file gives %s" % (got, want))
    # chart 03a: the total at the end of each county's bar
    for yc, line in rows_of(cw("03a-disputes")):
        lab, k = find_label(line, cnames)
        if lab:
            got = [w[5] for w in line[k:] if NUM.fullmatch(w[5])]
            want = shown("disputes", m.get((cnames[lab], "disputes")))
            n += 1
            if (got[-1] if got else None) != want:
                bad.append("chart 03a: %s total reads %s, the metrics file gives %s" % (lab, got[-1:] , want))
    report(n > 100, "charts: %d labels read as the metrics file (01 02 03a 04 05 06 07 09 10 11 12 13 14 15 16)" % n, bad)

    # -- the briefing's pages show each chart with the same numbers
    bad = []
    take = {}
    btext = pdf_text(brief).split("\f")
    for f in sorted(os.listdir(charts)):
        if not f.endswith(".pdf") or f.startswith("08"):
            continue
        ct = [l for l in pdf_text(os.path.join(charts, f)).splitlines() if l.strip()]
        title = ct[0].strip()
        sub = ct[1].strip()
        pg = [t for t in btext if any(l.strip() == title and i + 1 < len(t.splitlines()) and
                                      sub in [x.strip() for x in t.splitlines()[i + 1:i + 4]]
                                      for i, l in enumerate(t.splitlines()))]
        if not pg:
            bad.append("briefing: no page titled %r (chart %s)" % (title, f))
            continue
        cn = numbers("\n".join(l for l in ct if not l.lstrip().startswith(("来源", "Source"))))
        body = pg[0].splitlines()
        start = [i for i, l in enumerate(body) if l.strip() == title][0]
        bn = numbers("\n".join(l for l in body[start:] if not l.lstrip().startswith(("来源", "Source"))
                               and not re.search(r"第\d+页|Page \d+", l)))
        if sorted(bn) != sorted(cn):
            extra = sorted(set(bn) ^ set(cn))
            bad.append("briefing page of %s: its numbers differ from the chart's: %s" % (f, extra[:8]))
        take[f[:-4]] = (" " if lang == "en" else "").join(l.strip() for l in body[:start])
    report(not bad, "briefing: every chart's page reads the numbers of the chart PDF", bad)
    check_takeaways(wb, take, lang, prev, fam, iccs)


# the figures a chart's takeaway sentences may give, per county and for the zone
TAKE_COUNTY = {"01-offences": ["offenses_per_10k"], "09-hexmap": ["offenses_per_10k"],
               "07-clearance": ["clearance_pct"], "04-mediation": ["resolution_pct"],
               "13-losses": ["recovery_pct"], "16-grid-video": ["grid_members_per_10k", "video_devices_per_10k"],
               "03a-disputes": ["disputes"]}
TAKE_ZONE = {"01-offences": ["offenses_per_10k"], "09-hexmap": ["offenses_per_10k"],
             "12-change": ["offenses_per_10k"], "07-clearance": ["clearance_pct"],
             "04-mediation": ["resolution_pct"], "13-losses": ["loss_yuan", "recovered_yuan", "recovery_pct"],
             "16-grid-video": ["grid_members_per_10k", "video_devices_per_10k"],
             "02-cross-regional": ["cross_cases", "cross_share_pct"], "05-cooperation": ["activities"],
             "14-activities": ["activities"], "03a-disputes": ["disputes"]}


def check_takeaways(wb, take, lang, prev, fam, iccs):
    """The takeaway sentences above each chart in the briefing: every
    'county (value)' / 'value (county)' is that county's figure of the
    chart, every zone value the zone's, carrying its coverage in the same
    sentence when not all counties are covered; kinds and ICCS sections
    with their zone counts; chart 12's 'county (before → now)'."""
    m = wb.m
    bad, n = [], 0
    names = {wb.name_of[c]: c for c in wb.county_codes}
    alt = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    num = NUM.pattern
    for chart, text in take.items():
        sentences = re.split(r"(?<=[。])|(?<=[.;])\s+(?=[A-Z])", text)
        for sen in sentences:
            if lang == "zh":
                pairs = re.findall(r"(%s)（(%s)" % (alt, num), sen) + \
                    [(b, a) for a, b in re.findall(r"(%s)（(%s)）" % (num, alt), sen)]
                zone = re.findall(r"片区[^0-9，。；（]*?(%s)" % num, sen)
            else:
                pairs = re.findall(r"(%s) \((%s)" % (alt, num), sen) + \
                    [(b, a) for a, b in re.findall(r"(%s) \((%s)\)" % (num, alt), sen)]
                zone = re.findall(r"[Zz]one(?: in \d{4})?[^0-9;()]*?(%s)" % num, sen)
            if chart == "12-change":
                arrows = re.findall(r"(%s)[（(]\s*(%s)\s*→\s*(%s)" % (alt, num, num), sen)
                for c, a, b in arrows:
                    want = (shown("offenses_per_10k", (prev or {}).get((names[c], "offenses_per_10k"))),
                            shown("offenses_per_10k", m.get((names[c], "offenses_per_10k"))))
                    n += 1
                    if (a, b) != want:
                        bad.append("takeaway of %s: %s %s → %s, the metrics files give %s → %s" % ((chart, c, a, b) + want))
                pairs = []
            for c, v in pairs:
                if chart not in TAKE_COUNTY:
                    continue
                want = [shown(x, m.get((names[c], x))) for x in TAKE_COUNTY[chart]]
                n += 1
                if v not in want:
                    bad.append("takeaway of %s: %s (%s), the metrics file gives %s" % (chart, c, v, want))
            for v in zone:
                if chart not in TAKE_ZONE:
                    continue
                hit = [x for x in TAKE_ZONE[chart] if shown(x, m.get(("ALL", x))) == v]
                n += 1
                if not hit:
                    bad.append("takeaway of %s: zone %s, the metrics file gives %s" % (
                        chart, v, [shown(x, m.get(("ALL", x))) for x in TAKE_ZONE[chart]]))
                    continue
                k, total = coverage(wb, hit[0])
                if k < total and cov_text(k, total, lang) not in sen:
                    bad.append("takeaway of %s: zone %s (%s covers %d of %d): %r" % (chart, v, hit[0], k, total, sen[:90]))
            # kinds and ICCS sections: their zone counts
            for nm, chartname in ((fam.get("activities_", {}), "14-activities"), (iccs, "10-offence-categories")):
                if chart != chartname:
                    continue
                for label, code in nm.items():
                    for v in re.findall(r"%s\s*[（(](%s)" % (r"\s*".join(map(re.escape, label)), num), sen):
                        n += 1
                        if v != shown(code, m.get(("ALL", code))):
                            bad.append("takeaway of %s: %s (%s), the metrics file gives %s" % (chart, label, v, shown(code, m.get(("ALL", code)))))
    report(n >= 15, "briefing takeaways: %d figures read as the metrics file, zone ones with their coverage" % n, bad)


def check_years_and_coverage(wb, d, y, lang):
    texts = {}
    for ws in wb.wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    texts["%s!%s" % (ws.title, c.coordinate)] = c.value
                # (date cells: import times, not data years)
                if c.comment:
                    texts["%s!%s (comment)" % (ws.title, c.coordinate)] = c.comment.text
    # the briefing without its data-quality page (findings, as the sheet)
    texts["briefing"] = "\f".join(p for p in pdf_text(os.path.join(d, "briefing-%d.pdf" % y)).split("\f")
                                   if "数据质量" not in p and "Data quality" not in p)
    for f in sorted(os.listdir(os.path.join(d, "charts"))):
        p = os.path.join(d, "charts", f)
        if f.endswith(".pdf"):
            texts[f] = pdf_text(p)
    for f in sorted(os.listdir(d)):
        if f.endswith(".csv"):
            with open(os.path.join(d, f), encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            yc = rows[0].index("year") if rows and "year" in rows[0] else None
            texts[f] = "\n".join(" ".join(([r[yc]] if yc is not None and yc < len(r) else []) +
                                          [v for v in r if re.search(r"\d{4}-\d\d|\d{4}年|[A-Z]-\d{4}", v)])
                                 for r in rows[1:])
    # the date the data are "as of" (the Overview's row) is no data year
    asof = [r[1] for r in wb.overview.iter_rows(max_row=15, values_only=True)
            if r[0] in ("数据截至", "Data as of") and isinstance(r[1], str)]
    forms = []
    for a in asof:
        mm = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", a)
        if mm:
            yy, mo, dd = int(mm.group(1)), int(mm.group(2)), int(mm.group(3))
            import calendar
            forms += [a, "%d年%d月%d日" % (yy, mo, dd), "%d %s %d" % (dd, calendar.month_name[mo], yy)]
    bad = []
    for where, t in texts.items():
        for f in forms:
            t = t.replace(f, " ")
        if where.startswith(wb.wb.worksheets[6].title + "!") or where.startswith("findings-"):
            continue    # findings may name a later year's records (see the report)
        t = re.sub(r"\S*/\S*\.(csv|xlsx|db|sqlite)\b", " ", t)   # file names
        for mm in re.finditer(r"(?<![0-9A-Za-z])(19|20)([0-9]{2})(?![0-9A-Za-z])", t):
            if int(mm.group(0)) > y:
                bad.append("%s: %r" % (where, t[max(0, mm.start() - 30):mm.end() + 10]))
    report(not bad, "no year after %d in the workbook, the briefing, the chart PDFs or the CSV files" % y, bad)

    # coverage: a zone figure of a table not every county gave carries n/7
    total = len(wb.county_codes)
    bad, n = [], 0
    for mt in wb.shown:
        k, total = coverage(wb, mt)
        tag = cov_text(k, total, lang).replace(" counties", "")
        if 0 < k < total:
            if True:
                r = wb.shown[mt][0].row
                n += 1
                cov = wb.overview.cell(r, 6).value or ""
                if tag not in cov:
                    bad.append("Overview row %s: coverage %r lacks %s" % (mt, cov, tag))
    # the other sheets: a line naming the zone's coverage of each partly
    # covered figure shown
    for title, metrics in sorted(wb.zone_shown.items()):
        if title == wb.overview.title:
            continue
        ws = wb.wb[title]
        text = " ".join(c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str))
        for mt in sorted(metrics):
            k, total = coverage(wb, mt)
            if 0 < k < total:
                n += 1
                if cov_text(k, total, lang).replace(" counties", "") not in text:
                    bad.append("%s: the zone's %s covers %d of %d, no line says so" % (title, mt, k, total))
    report(not bad, "coverage: %d zone figures of partly covered tables carry their n/%d (Overview row, sheet notes)" % (n, total), bad)


if __name__ == "__main__":
    sys.exit(main())
