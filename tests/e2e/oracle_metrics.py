#!/usr/bin/python3
"""oracle_metrics.py — an independent oracle for forumstat's metrics file.

Reads the RAW submission files of a zone (CSV in UTF-8 with or without BOM
or GB18030, SQLite submissions, .xlsx workbooks through python3-openpyxl),
the zone file (templates/zone.conf), recomputes every figure of section 4
of the submission standard (docs: /work/shared/spec/submission-standard.md,
v2) for one year and every scope (each county, each province, ALL), and
compares them with the metrics-Y.csv that `forumstat report` wrote.
Nothing of forumstat is imported or read (no C code, no SQL, no warehouse):
the figures come from the standard's definitions applied to the files.

Usage:
  oracle_metrics.py --zone zone.conf --year Y --metrics DIR/metrics-Y.csv
                    --run PATH [PATH...] [--run PATH...]...
Each --run is one `forumstat import` run (its files or directories, read
like import reads them: every file, sub-directories too); later runs
replace, for each (county, year, table) they hold, what earlier runs held
(section 3).  The files must be valid (what import accepts): the oracle
stops on a value it cannot read.

Comparison: counts and yuan amounts exactly (as decimals); percentages,
ratios, medians and year-on-year changes within a relative tolerance of
1e-9 (the standard's own) or an absolute one of 1e-9 (a difference of
two equal percentages may come out as 1e-14), and a value that is not
exact must carry at least 12 significant digits (§4).  An empty value must be
empty.  Every (scope, metric) the oracle expects must be in the file
exactly once, and the file may hold no metric name the oracle does not
know (a new figure cannot slip by unchecked).  Exit 0 when all agree,
1 on a disagreement (each one listed), 2 on usage or unreadable input.

Where the standard leaves a point open, the oracle follows forumstat's
reading; each such point is marked "READING:" below.
"""
import argparse
import codecs
import csv
import datetime
import io
import math
import os
import re
import sqlite3
import sys
import urllib.parse
from decimal import Decimal, InvalidOperation
from fractions import Fraction

# ------------------------------------------------------------ the standard (§2.3)

TABLES = ("indicators", "incidents", "disputes", "cooperation")  # tie order (§2.1)

# column: (alias, type, empty default)
COLUMNS = {
    "indicators": {
        "county": ("县区代码", "county", None), "year": ("年度", "int", None),
        "indicator": ("指标", "indicator", None), "value": ("数值", "money", None),
        "note": ("备注", "text", ""),
    },
    "incidents": {
        "case_id": ("案件编号", "id", None), "county": ("县区代码", "county", None),
        "date_reported": ("立案日期", "date", None), "category": ("案件类别", "iccs", None),
        "subcategory": ("细类", "text", ""), "offenses": ("起数", "int", None),
        "loss_yuan": ("损失金额", "money", 0), "recovered_yuan": ("挽损金额", "money", 0),
        "suspects": ("嫌疑人数", "int", 0), "arrested": ("抓获人数", "int", 0),
        "status": ("状态", "status", None), "date_solved": ("破案日期", "date", None),
        "cross_ref": ("跨区案件编号", "id", None), "counties_involved": ("涉及县区", "list", ()),
        "assisted_by": ("协助县区", "list", ()),
    },
    "disputes": {
        "dispute_id": ("纠纷编号", "id", None), "county": ("县区代码", "county", None),
        "date_received": ("受理日期", "date", None), "type": ("纠纷类型", "dtype", None),
        "counterpart": ("对方县区", "list", ()), "parties": ("当事人数", "int", 2),
        "level": ("调解层级", "level", None), "outcome": ("结果", "outcome", None),
        "date_closed": ("办结日期", "date", None), "joint_ref": ("联调编号", "id", None),
    },
    "cooperation": {
        "activity_id": ("活动编号", "id", None), "county": ("县区代码", "county", None),
        "date": ("日期", "date", None), "kind": ("类型", "kind", None),
        "partners": ("合作县区", "list", ()), "lead": ("牵头县区", "county", None),
        "participants": ("参与人数", "int", 0), "outcome_count": ("成果数", "int", 0),
        "joint_ref": ("联合编号", "id", None),
    },
}
DATE_COLUMN = {"incidents": "date_reported", "disputes": "date_received", "cooperation": "date"}

INDICATORS = [("population", "常住人口"), ("grid_members", "网格员"), ("grid_cells", "网格"),
              ("video_devices_added", "新增视频设备"), ("joint_police_stations", "联勤警务站"),
              ("risk_alerts", "风险预警推送"), ("mediation_orgs", "调解组织"), ("mediators", "调解员")]
DECLARED = [("declared_incidents", "报送刑事案件数"), ("declared_disputes", "报送矛盾纠纷数"),
            ("declared_cooperation", "报送协作活动数")]
ICCS = ["%02d" % i for i in range(1, 12)]
STATUS = [("open", "在侦"), ("solved", "已破"), ("closed", "已结")]
DTYPES = [("family", "婚姻家庭"), ("neighborhood", "邻里"), ("land", "土地"), ("labor", "劳动"),
          ("contract", "合同债务"), ("traffic", "交通事故"), ("property", "房屋宅基地"),
          ("environment", "环境"), ("other", "其他")]
LEVELS = [("village", "村"), ("township", "乡镇"), ("county", "县"), ("joint", "联合调解"),
          ("judicial", "司法确认")]
OUTCOMES = [("resolved", "调解成功"), ("pending", "在调"), ("escalated", "上交"),
            ("litigation", "诉讼")]
KINDS = [("joint_patrol", "联合巡逻"), ("info_exchange", "信息互通"),
         ("clue_verification", "线索核查"), ("fugitive_pursuit", "追逃"),
         ("remote_evidence", "异地取证"), ("joint_mediation", "联合调解"),
         ("joint_training", "联合培训"), ("meeting", "联席会议"), ("emergency_linkage", "应急联动")]
ENUMS = {"indicator": INDICATORS + DECLARED, "status": STATUS, "dtype": DTYPES,
         "level": LEVELS, "outcome": OUTCOMES, "kind": KINDS}


class Bad(Exception):
    """A file or value the oracle cannot read (the oracle stops: exit 2)."""


# ------------------------------------------------------------------ the zone (§1)

class Zone:
    def __init__(self, path):
        self.counties = []  # codes, file order
        self.names = {}     # zh name / lowercased en name -> code
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            m = re.match(r"county\s*=\s*(.*)$", line)
            if not m:
                continue
            f = [x.strip() for x in m.group(1).split("|")]
            self.counties.append(f[0])
            self.names[f[1]] = f[0]
            self.names[f[2].lower()] = f[0]
        if not self.counties:
            raise Bad("%s: no county lines" % path)
        self.provinces = sorted({c[:2] + "0000" for c in self.counties})

    def scopes(self):
        """(code, member counties, is a county) for every scope."""
        out = [(c, {c}, True) for c in self.counties]
        out += [(p, {c for c in self.counties if c[:2] + "0000" == p}, False)
                for p in self.provinces]
        out.append(("ALL", set(self.counties), False))
        return out


# ------------------------------------------------------------------ values (§2.1)

SPACES = " \t\u3000"
FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def trim(s):
    return s.strip(SPACES)


def parse_int(s):
    s = trim(s).translate(FULLWIDTH).replace(",", "")
    if s == "-":
        return 0
    m = re.fullmatch(r"(\d+)(?:\.0*)?", s)
    if not m:
        raise Bad("not an integer: %r" % s)
    return int(m.group(1))


def parse_money(s):
    """A decimal number as an exact count of hundredths (fen)."""
    s = trim(s).translate(FULLWIDTH).replace(",", "")
    if s == "-":
        return 0
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise Bad("not a number: %r" % s)
    fen = d * 100
    if fen != fen.to_integral_value() or not re.fullmatch(r"\d+(\.\d*)?", s):
        raise Bad("not a money value: %r" % s)
    return int(fen)


def parse_date(s):
    s = trim(s).translate(FULLWIDTH)
    s = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2})?$", "", s)
    for pat in (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", r"(\d{4})年(\d{1,2})月(\d{1,2})日",
                r"(\d{4})(\d{2})(\d{2})"):
        m = re.fullmatch(pat, s)
        if m:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise Bad("not a date: %r" % s)


class Reader:
    """Turns one cell's text (or SQLite value) into the column's value."""

    def __init__(self, zone):
        self.zone = zone

    def county(self, s):
        s = trim(s)
        if s in self.zone.counties:
            return s
        code = self.zone.names.get(s) or self.zone.names.get(s.lower())
        if not code:
            raise Bad("not a member county: %r" % s)
        return code

    def value(self, typ, s):
        if typ == "county":
            return self.county(s)
        if typ == "list":
            return tuple(self.county(x) for x in re.split(r"[;；、，,]", s) if trim(x))
        if typ == "int":
            return parse_int(s)
        if typ == "money":
            return parse_money(s)
        if typ == "date":
            return parse_date(s)
        if typ == "iccs":
            n = parse_int(s)
            if not 1 <= n <= 11 or not re.fullmatch(r"\d{1,2}", trim(s).translate(FULLWIDTH)):
                raise Bad("not an ICCS section: %r" % s)
            return "%02d" % n
        if typ in ENUMS:
            t = trim(s)
            for code, zh in ENUMS[typ]:
                if t.lower() == code or t == zh:
                    return code
            raise Bad("not a %s: %r" % (typ, s))
        return trim(s)  # id, text

    def record(self, table, cells):
        """cells: column -> text (absent or empty: the column's default)."""
        rec = {}
        for col, (_alias, typ, default) in COLUMNS[table].items():
            raw = cells.get(col)
            if raw is None or trim(raw) == "":
                rec[col] = default
            else:
                rec[col] = self.value(typ, raw)
        if table == "cooperation" and rec["lead"] is None:
            rec["lead"] = rec["county"]  # empty lead = the reporter (§2.3)
        rec["year"] = rec["year"] if table == "indicators" else rec[DATE_COLUMN[table]].year
        return rec


# ------------------------------------------------------------------ files (§2.1, §2.2)

def header_name(cell):
    """A header cell as a column name: trimmed, lower case, unit dropped."""
    s = trim(cell)
    s = re.sub(r"\s*(\([^()]*\)|（[^（）]*）|【[^【】]*】|/[^/]*)$", "", s)
    return trim(s).lower()


def column_of(table, cell):
    name = header_name(cell)
    for col, (alias, _t, _d) in COLUMNS[table].items():
        if name == col or name == alias:
            return col
    return None


def names_a_column(row):
    return any(column_of(t, c) for t in TABLES for c in row if trim(c))


SIGNATURES = ("填表人", "制表人", "填报人", "审核人", "负责人", "单位负责人", "联系电话", "填表日期",
              "制表日期")


def rows_to_records(path, rows, reader):
    """A CSV file's or sheet's rows (lists of text) → (table, records)."""
    i = 0
    while i < len(rows) and i <= 5 and not names_a_column(rows[i]):
        i += 1
    if i >= len(rows) or not names_a_column(rows[i]):
        return None, []
    header = rows[i]
    best, score = None, 0
    for t in TABLES:
        n = sum(1 for c in header if column_of(t, c))
        if n > score:
            best, score = t, n
    cols = [column_of(best, c) for c in header]
    recs = []
    for row in rows[i + 1:]:
        fields = [trim(f) for f in row]
        if not any(fields):
            continue
        first = next(f for f in fields if f)
        if first.startswith(SIGNATURES):
            continue
        cells = {c: v for c, v in zip(cols, row) if c}
        try:
            recs.append(reader.record(best, cells))
        except Bad as e:
            raise Bad("%s: %s" % (path, e))
    return best, recs


def read_csv(path, data, reader):
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    table, recs = rows_to_records(path, rows, reader)
    return [(table, r) for r in recs]


def read_sqlite(path, reader):
    uri = "file:%s?mode=ro&immutable=1" % urllib.parse.quote(os.path.abspath(path))
    db = sqlite3.connect(uri, uri=True)
    out = []
    try:
        names = {n.lower(): n for (n,) in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table'")}
        for t in TABLES:
            if t not in names:
                continue
            cur = db.execute('SELECT * FROM "%s"' % names[t].replace('"', '""'))
            cols = [column_of(t, d[0]) for d in cur.description]
            for row in cur:
                cells = {}
                for c, v in zip(cols, row):
                    if c:
                        if isinstance(v, float):
                            v = str(Decimal(repr(v)))
                        cells[c] = None if v is None else str(v)
                try:
                    out.append((t, reader.record(t, cells)))
                except Bad as e:
                    raise Bad("%s: table %s: %s" % (path, t, e))
    finally:
        db.close()
    return out


def read_xlsx(path, reader):
    import openpyxl  # python3-openpyxl, only for workbooks
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = []
            for v in row:
                if v is None:
                    cells.append("")
                elif isinstance(v, datetime.datetime):
                    cells.append(v.date().isoformat())
                elif isinstance(v, datetime.date):
                    cells.append(v.isoformat())
                elif isinstance(v, float):
                    cells.append(str(int(v)) if v == int(v) else repr(v))
                else:
                    cells.append(str(v))
            rows.append(cells)
        table, recs = rows_to_records("%s:%s" % (path, ws.title), rows, reader)
        out += [(table, r) for r in recs]
    wb.close()
    return out


SKIPPED = ("Thumbs.db", "desktop.ini")


def files_of(path):
    """Every regular file under path, as import takes them (§2.2a)."""
    if os.path.isfile(path):
        return [path]
    out = []
    for dirpath, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(dirpath, d))]
        for f in files:
            p = os.path.join(dirpath, f)
            if f.startswith((".", "~$")) or f in SKIPPED or os.path.islink(p):
                continue
            out.append(p)
    return sorted(out)


def read_file(path, reader):
    data = open(path, "rb").read()
    if data.startswith(b"SQLite format 3\0"):
        return read_sqlite(path, reader)
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(path, reader)
    return read_csv(path, data, reader)


def warehouse(runs, reader):
    """The current records after the runs, in order (§3): a run replaces,
    for each (county, year, table) it holds, what earlier runs held.
    Returns {(table, county, year): [records]}."""
    live = {}
    for paths in runs:
        run = {}
        seen = set()
        for p in paths:
            for f in files_of(p):
                data = open(f, "rb").read()
                if data in seen:  # the same file named twice is read once
                    continue
                seen.add(data)
                for table, rec in read_file(f, reader):
                    run.setdefault((table, rec["county"], rec["year"]), []).append(rec)
        live.update(run)
    return live


# ------------------------------------------------------------------ figures (§4)

def ratio(num, den, scale=100):
    if num is None or den is None or den == 0:
        return None
    return Fraction(num) / Fraction(den) * scale


def median(values):
    v = sorted(values)
    if not v:
        return None
    n = len(v)
    return Fraction(v[(n - 1) // 2] + v[n // 2], 2)


class Year:
    """The data of one year: records per county and table, coverage."""

    def __init__(self, live, zone, year):
        self.year = year
        self.rows = {t: {c: live.get((t, c, year), []) for c in zone.counties} for t in TABLES}
        self.ind = {}  # county -> {indicator: fen}
        for c in zone.counties:
            self.ind[c] = {r["indicator"]: r["value"] for r in self.rows["indicators"][c]}
        self.has = {}
        for t in TABLES:
            s = set()
            for c in zone.counties:
                declared = self.ind[c].get("declared_" + t)
                # a record of T, or a declared 0 for T: a zero report (§2.3 v2)
                if self.rows[t][c] or declared == 0:
                    s.add(c)
            self.has[t] = s


def coop_activities(yd, counties):
    """The activities of a set of counties (§4 Cooperation): a row without
    joint_ref, or one row per joint_ref chosen as the standard says."""
    rows = [r for c in sorted(counties) for r in yd.rows["cooperation"][c]]
    zone_rows = [r for c in yd.rows["cooperation"] for r in yd.rows["cooperation"][c]]
    acts = [r for r in rows if not r["joint_ref"]]
    for ref in sorted({r["joint_ref"] for r in rows if r["joint_ref"]}):
        lead = joint_lead([r for r in zone_rows if r["joint_ref"] == ref])
        mine = sorted((r for r in rows if r["joint_ref"] == ref),
                      key=lambda r: (r["county"], r["activity_id"]))
        by_lead = [r for r in mine if r["county"] == lead]
        # READING: a county that reported a joint_ref twice, not its lead:
        # its row with the lowest activity_id (the standard names that
        # tie-break for the lead only).
        acts.append(by_lead[0] if by_lead else mine[0])
    return acts


def joint_lead(rows):
    """The lead named most often in a joint activity's rows, ties to the
    lowest code (an empty lead is the reporter, already filled in)."""
    n = {}
    for r in rows:
        n[r["lead"]] = n.get(r["lead"], 0) + 1
    return min(n, key=lambda c: (-n[c], c))


def figures(yd, members, is_county, zone):
    """Every figure of §4 except year-on-year for one scope and year:
    {metric: value or None (empty)}; a table's figures are None when no
    county of the scope has the table ("no data is not zero")."""
    f = {}
    # ------------------------------------------------ crime
    inc_cty = yd.has["incidents"] & members
    rows = [r for c in sorted(inc_cty) for r in yd.rows["incidents"][c]]
    f["counties_incidents"] = len(inc_cty)
    names = ["incidents", "offenses", "solved", "clearance_pct", "loss_yuan", "recovered_yuan",
             "recovery_pct", "suspects", "arrested"] + ["offenses_cat_" + s for s in ICCS] + [
             "cross_cases", "cases", "cross_share_pct", "offenses_per_10k"]
    if not inc_cty:
        f.update({n: None for n in names})
    else:
        f["incidents"] = len(rows)
        f["offenses"] = sum(r["offenses"] for r in rows)
        f["solved"] = sum(1 for r in rows if r["status"] in ("solved", "closed"))
        f["clearance_pct"] = ratio(f["solved"], f["incidents"])
        f["loss_yuan"] = Fraction(sum(r["loss_yuan"] for r in rows), 100)
        f["recovered_yuan"] = Fraction(sum(r["recovered_yuan"] for r in rows), 100)
        f["recovery_pct"] = ratio(f["recovered_yuan"], f["loss_yuan"])
        f["suspects"] = sum(r["suspects"] for r in rows)
        f["arrested"] = sum(r["arrested"] for r in rows)
        for s in ICCS:
            f["offenses_cat_" + s] = sum(r["offenses"] for r in rows if r["category"] == s)
        f["cross_cases"] = len({r["cross_ref"] for r in rows if r["cross_ref"]})
        f["cases"] = sum(1 for r in rows if not r["cross_ref"]) + f["cross_cases"]
        f["cross_share_pct"] = ratio(f["cross_cases"], f["cases"])
        with_pop = [c for c in inc_cty if "population" in yd.ind[c]]
        pop = sum(yd.ind[c]["population"] for c in with_pop)  # fen
        off = sum(r["offenses"] for c in with_pop for r in yd.rows["incidents"][c])
        f["offenses_per_10k"] = ratio(off * 100, pop, 10000) if with_pop else None
    # ------------------------------------------------ disputes
    dis_cty = yd.has["disputes"] & members
    rows = [r for c in sorted(dis_cty) for r in yd.rows["disputes"][c]]
    f["counties_disputes"] = len(dis_cty)
    names = (["disputes", "resolved", "resolution_pct"] +
             ["disputes_type_" + t for t, _ in DTYPES] +
             ["disputes_level_" + t for t, _ in LEVELS] +
             ["disputes_outcome_" + t for t, _ in OUTCOMES] +
             ["cross_disputes", "median_days_to_close"])
    if not dis_cty:
        f.update({n: None for n in names})
    else:
        f["disputes"] = len(rows)
        f["resolved"] = sum(1 for r in rows if r["outcome"] == "resolved")
        f["resolution_pct"] = ratio(f["resolved"], f["disputes"])
        for t, _ in DTYPES:
            f["disputes_type_" + t] = sum(1 for r in rows if r["type"] == t)
        for t, _ in LEVELS:
            f["disputes_level_" + t] = sum(1 for r in rows if r["level"] == t)
        # READING: disputes_outcome_O (not named by the standard; forumstat's
        # catalogue, issue 15): rows with outcome O.
        for t, _ in OUTCOMES:
            f["disputes_outcome_" + t] = sum(1 for r in rows if r["outcome"] == t)
        f["cross_disputes"] = (sum(1 for r in rows if r["counterpart"] and not r["joint_ref"]) +
                               len({r["joint_ref"] for r in rows if r["joint_ref"]}))
        f["median_days_to_close"] = median(
            [(r["date_closed"] - r["date_received"]).days for r in rows if r["date_closed"]])
    # ------------------------------------------------ cooperation
    coop_cty = yd.has["cooperation"] & members
    f["counties_cooperation"] = len(coop_cty)
    names = (["activities"] + ["activities_" + k for k, _ in KINDS] +
             ["fugitives_caught", "clues_verified", "participants"])
    if not coop_cty:
        f.update({n: None for n in names})
    else:
        acts = coop_activities(yd, coop_cty)
        f["activities"] = len(acts)
        for k, _ in KINDS:
            f["activities_" + k] = sum(1 for a in acts if a["kind"] == k)
        f["fugitives_caught"] = sum(a["outcome_count"] for a in acts
                                    if a["kind"] == "fugitive_pursuit")
        f["clues_verified"] = sum(a["outcome_count"] for a in acts
                                  if a["kind"] == "clue_verification")
        f["participants"] = sum(a["participants"] for a in acts)
    # ------------------------------------------------ indicators
    ind_cty = yd.has["indicators"] & members
    f["counties_indicators"] = len(ind_cty)
    for k, _ in INDICATORS:
        # READING: the declared counts are not ind_ figures (forumstat:
        # control totals about a submission, not facts about a county).
        gave = [c for c in ind_cty if k in yd.ind[c]]
        f["ind_" + k] = Fraction(sum(yd.ind[c][k] for c in gave), 100) if gave else None
    # grid_members_per_10k, video_devices_per_10k (forumstat's catalogue,
    # issue 15; not in the standard): the rule of offenses_per_10k, over
    # the scope's counties that gave the indicator and a population; a
    # county without the indicator is no data, not 0 (§4).
    for name, k in PER_10K_IND.items():
        both = [c for c in ind_cty if k in yd.ind[c] and "population" in yd.ind[c]]
        num = sum(yd.ind[c][k] for c in both)
        pop = sum(yd.ind[c]["population"] for c in both)
        f[name] = ratio(num, pop, 10000) if ind_cty else None
    # ------------------------------------------------ matrices (county scopes)
    if is_county:
        (a,) = members
        others = [b for b in zone.counties if b != a]
        # READING: "when the zone has cooperation (incident) records for Y":
        # forumstat also counts a zone whose only cooperation is zero
        # reports (the table's coverage).
        coop_zone = any(yd.has["cooperation"])
        inc_zone = any(yd.has["incidents"])
        pairs = zone_coop_counties(yd)
        for b in others:
            f["coop_" + b] = sum(1 for s in pairs if a in s and b in s) if coop_zone else None
            f["assist_" + b] = (sum(1 for r in yd.rows["incidents"][b] if a in r["assisted_by"])
                                if inc_zone else None)
    return f


def zone_coop_counties(yd):
    """Per zone activity, its participating counties: every county that
    reported it and every partner and lead named in any of its rows."""
    groups = {}
    solo = []
    for c in yd.rows["cooperation"]:
        for r in yd.rows["cooperation"][c]:
            if r["joint_ref"]:
                groups.setdefault(r["joint_ref"], []).append(r)
            else:
                solo.append([r])
    out = []
    for rows in solo + list(groups.values()):
        s = set()
        for r in rows:
            s.add(r["county"])
            s.update(r["partners"])
            s.add(r["lead"])
        out.append(s)
    return out


PER_10K_IND = {"grid_members_per_10k": "grid_members", "video_devices_per_10k": "video_devices_added"}
PP = ("clearance_pct", "recovery_pct", "cross_share_pct", "resolution_pct")
TABLE_OF = {}
for _n in (["incidents", "offenses", "solved", "clearance_pct", "loss_yuan", "recovered_yuan",
            "recovery_pct", "suspects", "arrested", "cross_cases", "cases", "cross_share_pct",
            "offenses_per_10k"] + ["offenses_cat_" + _s for _s in ICCS]):
    TABLE_OF[_n] = "incidents"
for _n in (["disputes", "resolved", "resolution_pct", "cross_disputes", "median_days_to_close"] +
           ["disputes_type_" + _t for _t, _ in DTYPES] +
           ["disputes_level_" + _t for _t, _ in LEVELS] +
           ["disputes_outcome_" + _t for _t, _ in OUTCOMES]):
    TABLE_OF[_n] = "disputes"
for _n in (["activities", "fugitives_caught", "clues_verified", "participants"] +
           ["activities_" + _k for _k, _ in KINDS]):
    TABLE_OF[_n] = "cooperation"
for _n in ["grid_members_per_10k", "video_devices_per_10k"] + ["ind_" + _k for _k, _ in INDICATORS]:
    TABLE_OF[_n] = "indicators"
EXACT = {n for n in TABLE_OF if not n.endswith(("_pct", "_per_10k")) and n != "median_days_to_close"}


def covered(yd, metric, members):
    """The scope's counties that F's data covers: those with its table,
    for ind_<k> those with indicator k (§4 v2, comparable years), for a
    per-10k of indicator k those with k."""
    if metric.startswith("ind_") or metric in PER_10K_IND:
        k = PER_10K_IND.get(metric) or metric[4:]
        return {c for c in yd.has["indicators"] & members if k in yd.ind[c]}
    return yd.has[TABLE_OF[metric]] & members


def expected(live, zone, year):
    """{(scope, metric): (value or None, exact?)} for every figure."""
    cur, prev = Year(live, zone, year), Year(live, zone, year - 1)
    out = {}
    for code, members, is_county in zone.scopes():
        now = figures(cur, members, is_county, zone)
        before = figures(prev, members, is_county, zone)
        for m, v in now.items():
            exact = m in EXACT or m.startswith(("counties_", "coop_", "assist_"))
            out[(code, m)] = (v, exact)
            if m not in TABLE_OF:
                continue  # coverage and matrices: no year-on-year
            v0 = before[m]
            comparable = covered(cur, m, members) == covered(prev, m, members)
            if m in PP:
                yoy = v - v0 if comparable and v is not None and v0 is not None else None
                out[(code, m + "_yoy_pp")] = (yoy, False)
            else:
                yoy = (Fraction(v - v0) / v0 * 100
                       if comparable and v is not None and v0 not in (None, 0) else None)
                out[(code, m + "_yoy_pct")] = (yoy, False)
    return out


# ------------------------------------------------------------------ comparison

PLAIN = re.compile(r"-?\d+(\.\d+)?")


def agree(want, exact, got):
    """None when the file's value got agrees with want, else why not."""
    if want is None:
        return None if got == "" else "should be empty"
    if got == "":
        return "empty, should have a value"
    if not PLAIN.fullmatch(got):
        return "not a plain decimal"
    if exact:
        return None if Fraction(Decimal(got)) == want else "differs"
    if not math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-9):
        return "differs beyond 1e-9"
    # a rounded value carries at least 12 significant digits (§4)
    if Fraction(Decimal(got)) != want and len(got.lstrip("-").replace(".", "").lstrip("0")) < 12:
        return "rounded to fewer than 12 significant digits"
    return None


def show(v):
    if v is None:
        return "(empty)"
    if isinstance(v, int) or Fraction(v).denominator == 1:
        return str(int(v))
    if Fraction(v).denominator in (2, 4, 5, 10, 20, 25, 50, 100):
        return str(Decimal(v.numerator) / Decimal(v.denominator))
    return "%.15g" % float(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--zone", required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--metrics", required=True)
    ap.add_argument("--run", nargs="+", action="append", required=True, metavar="PATH")
    ap.add_argument("--max-errors", type=int, default=20)
    a = ap.parse_args()
    try:
        zone = Zone(a.zone)
        live = warehouse(a.run, Reader(zone))
    except (Bad, OSError, sqlite3.Error) as e:
        print("oracle: %s" % e, file=sys.stderr)
        return 2
    want = expected(live, zone, a.year)
    problems = []
    got = {}
    with open(a.metrics, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != ["year", "scope", "metric", "value"]:
        problems.append("%s: header is not year,scope,metric,value" % a.metrics)
        rows = [[]]
    for n, row in enumerate(rows[1:], 2):
        if len(row) != 4 or row[0] != str(a.year):
            problems.append("%s:%d: not a line of year %d: %r" % (a.metrics, n, a.year, row))
            continue
        key = (row[1], row[2])
        if key in got:
            problems.append("%s:%d: %s %s written twice" % (a.metrics, n, *key))
        elif key not in want:
            problems.append("%s:%d: %s %s: a metric the oracle does not know (teach it)"
                            % (a.metrics, n, *key))
        got[key] = row[3]
    for key in sorted(want):
        v, exact = want[key]
        if key not in got:
            problems.append("%s %s: missing from the file (oracle: %s)" % (*key, show(v)))
            continue
        why = agree(v, exact, got[key])
        if why:
            problems.append("%s %s: file %r, oracle %s: %s" % (*key, got[key], show(v), why))
    for p in problems[:a.max_errors]:
        print("oracle: " + p)
    if len(problems) > a.max_errors:
        print("oracle: … and %d more" % (len(problems) - a.max_errors))
    print("oracle %d: %d figures of %d scopes checked, %d disagreements" % (
        a.year, len(want), len(zone.scopes()), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
