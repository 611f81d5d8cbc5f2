#!/usr/bin/python3
"""t35-locate.py — every problem is reported at its exact place, whatever
the file looks like (seeded mutation test; driven by t35-locate.sh).

For each seed: take a few VALID records of one table from samples/2024
(one county's file), render them in one physical form (CSV with BOM or
not, CRLF or LF, GB18030, quoting of every kind with commas, doubled
quotes and line breaks inside fields, title rows and blank lines above the
header, blank and ",,,," rows between records, trailing empty columns,
columns shuffled, Chinese aliases, units, a 序号 column, very long lines
(180 KB in three remark columns of the county's own), a last line without
a line end, signature lines below; or an .xlsx workbook
made with openpyxl: title rows, merged title, empty leading columns, date
cells, numbers as numbers, other sheets, or the workbook `forumstat
template` makes, filled in; or an SQLite file: Chinese table
and column names, shuffled columns, rowids with gaps and out of order),
inject exactly ONE known error into one chosen field and run
`forumstat validate`.  The run must report exactly one error: that rule,
at exactly the expected place.

How places are counted (README, docs/submission-guide.en.md §5, standard
v2 §2.1):
  CSV     FILE:LINE:COLUMN.  LINE is the physical line (as a text editor
          counts it: 1 + the line ends before it; LF, CRLF and a lone CR
          (Excel for Mac) are one line end each, inside quotes too)
          on which the RECORD starts — a quoted field with line breaks
          makes the later records' lines run ahead of their spreadsheet
          rows.  COLUMN is the 1-based index of the field in the record
          as the file has it (unknown, unnamed and 序号 columns count; it
          is not a character offset).  The errors CSV's `row` is the row
          Excel shows (each CSV record one row, an empty line one row).
  xlsx    FILE:SHEET!CELL, the cell's own address (empty leading columns
          and title rows count as Excel counts them).
  SQLite  FILE:TABLE#ROWID:COLUMN, the table and column named as the file
          names them, the row's rowid.

Usage: t35-locate.py FORUMSTAT SEEDS [--shift line|column] [--keep DIR]
SEEDS is FIRST:LAST (inclusive).  --shift moves every expected place by
one (the honesty check: then every case must fail).  Prints one line per
failing case and a last line
    cases N csv N xlsx N sqlite N failed N rules R1,R2,...
"""
import csv
import datetime
import io
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "samples", "2024")
GUIDE = os.path.join(ROOT, "docs", "submission-guide.en.md")
MEMBERS = ["341321", "320321", "371722", "411425", "411426", "411481", "341322"]
TABLE_ZH = {"indicators": "年度指标", "incidents": "刑事案件", "disputes": "矛盾纠纷",
            "cooperation": "协作活动"}
ID_COL = {"incidents": "case_id", "disputes": "dispute_id", "cooperation": "activity_id"}
DATE_COL = {"incidents": "date_reported", "disputes": "date_received", "cooperation": "date"}


# ------------------------------------------------------------------ schema
def load_schema():
    """The four tables' columns from the guide's generated tables:
    {table: [(name, alias, type, required)]}."""
    schema, table = {}, None
    with open(GUIDE, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^### `(\w+)`", line)
            if m:
                table = m.group(1)
                schema[table] = []
                continue
            if line.startswith("### ") or line.startswith("## "):
                table = None
            m = re.match(r"^\| `(\w+)` \| (\S+) \| ([^|]+) \| (required|optional) \|", line)
            if table and m:
                schema[table].append((m.group(1), m.group(2), m.group(3).strip(),
                                      m.group(4) == "required"))
    assert set(schema) == set(TABLE_ZH), schema.keys()
    return schema


SCHEMA = load_schema()


def coltype(table, col):
    for n, _a, t, _r in SCHEMA[table]:
        if n == col:
            if t.startswith("whole number"):
                return "int"
            if t.startswith("number"):
                return "num"
            if t.startswith("date"):
                return "date"
            if t.startswith("year"):
                return "year"
            if t.startswith("county list"):
                return "list"
            if t.startswith("county"):
                return "county"
            if t.startswith("code"):
                return "code"
            if t.startswith("identifier"):
                return "id"
            return "text"
    raise KeyError(col)


def required(table, col):
    return any(n == col and r for n, _a, _t, r in SCHEMA[table])


def alias(table, col):
    return next(a for n, a, _t, _r in SCHEMA[table] if n == col)


# ------------------------------------------------------------------ dates
def parse_date(s):
    s = s.strip()
    for rx in (r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", r"^(\d{4})年(\d{1,2})月(\d{1,2})日",
               r"^(\d{4})(\d{2})(\d{2})$"):
        m = re.match(rx, s)
        if m:
            try:
                return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


# ------------------------------------------------------------------ base records
def decode(b):
    if b.startswith(b"\xef\xbb\xbf"):
        return b[3:].decode("utf-8")
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("gb18030")


def header_key(name):
    return re.sub(r"[（(【/].*$", "", name).strip().lower()


def load_base():
    """{(table, county): [record dict]} from the 2024 sample CSV files:
    records of 2024 only, unknown columns dropped."""
    out = {}
    for fn in sorted(os.listdir(SAMPLES)):
        if not fn.endswith(".csv"):
            continue
        with open(os.path.join(SAMPLES, fn), "rb") as f:
            rows = list(csv.reader(io.StringIO(decode(f.read()), newline="")))
        best = None
        for i, row in enumerate(rows[:6]):
            for t, cols in SCHEMA.items():
                names = {n: n for n, *_ in cols}
                names.update({a.lower(): n for n, a, *_ in cols})
                hit = [names.get(header_key(h)) for h in row]
                score = sum(1 for h in hit if h)
                if score >= 4 and (best is None or score > best[0]):
                    best = (score, i, t, hit)
            if best:
                break
        _, hi, table, hit = best
        for row in rows[hi + 1:]:
            rec = {c: v.strip() for c, v in zip(hit, row) if c}
            if not all(rec.get(n) for n, _a, _t, r in SCHEMA[table] if r):
                continue  # blank, totals or signature rows
            if table == "indicators":
                if rec["year"] != "2024" or rec["indicator"].startswith("declared_") \
                        or rec["indicator"].startswith("报送"):
                    continue
            else:
                d = parse_date(rec[DATE_COL[table]])
                if d is None or d.year != 2024:
                    continue
            out.setdefault((table, rec["county"]), []).append(rec)
    return out


BASE = load_base()


# ------------------------------------------------------------------ mutations
def load_names():
    """County name (Chinese or English, lower case) -> code, from the guide."""
    names = {}
    with open(GUIDE, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\| (\d{6}) \| ([^|]+) \| ([^|]+) \|", line)
            if m:
                names[m.group(2).strip().lower()] = names[m.group(3).strip()] = m.group(1)
    return names


NAMES = load_names()


def other_county(rng, rec, table):
    """A member county that is not the record's own and not in its lists."""
    used = set()
    for c in rec:
        if coltype(table, c) in ("list", "county"):
            for x in re.split(r"[;；、，,]", rec[c]):
                used.add(NAMES.get(x.strip().lower(), x.strip()))
    own = rec["county"]
    choices = [m for m in MEMBERS if m not in used and m != own]
    return rng.choice(choices) if choices else None


def mutations(rng, table, recs, own):
    """Every applicable (rule, record index, changes, column of the error,
    validate options) for these records; the caller picks one."""
    out = []
    cols = [n for n, *_ in SCHEMA[table]]
    for i, r in enumerate(recs):
        def add(rule, ch, col, opts=()):
            out.append((rule, i, ch, col, list(opts)))
        for c in cols:
            t, v = coltype(table, c), r.get(c, "")
            if t == "date" and v:
                add("value.date_invalid", {c: rng.choice(["2024-02-30", "2024/4/31", "2024年6月31日"])}, c)
                add("value.date", {c: rng.choice(["last Monday", "2024-05", "5月20日", "2024-5月-20"])}, c)
                add("value.date_serial", {c: "45432"}, c)
            if t == "date" and c == DATE_COL.get(table):
                add("value.year_range", {c: "1999-05-20"}, c)
            if t == "code" and v:
                add("value.enum", {c: rng.choice(["12", "solvd", "其他类", "unknown_code"])}, c)
            if t == "county":
                if v or c == "county":
                    add("value.county", {c: rng.choice(["341399", "萧山县"])}, c)
            if t == "list" and v:
                add("value.county", {c: v + ";341399"}, c)
            if required(table, c):
                add("value.required", {c: ""}, c)
            if t == "int" and v:
                add("value.integer", {c: rng.choice(["1.5", "two", "3.2"])}, c)
            if t == "num" and v:
                add("value.number", {c: rng.choice(["about 300", "12,34.50", "1.2.3", "1,2345"])}, c)
                add("value.decimals", {c: "2300.125"}, c)
                add("value.scientific", {c: "1.23E+11"}, c)
            if c in ("offenses",):
                add("value.range", {c: rng.choice(["0", "-3"])}, c)
            if c in ("loss_yuan", "participants", "outcome_count") and v:
                add("value.range", {c: "-5"}, c)
            if c == "parties" and v:
                add("value.range", {c: "1"}, c)
            if t == "id" and (v or c == ID_COL.get(table)):
                add("value.id_length", {c: "X" * 65}, c)
                add("value.id_scientific", {c: "1.23457E+17"}, c)
            if t == "text" and c in r:
                add("value.text_length", {c: "长" * 2001}, c)
                add("privacy.id_number", {c: v + "嫌疑人身份证110105194912310021"}, c)
                add("privacy.mobile", {c: v + "，联系电话 138-1234-5678"}, c)
            if c in ("partners", "assisted_by") and v:
                add("list.self", {c: v + ";" + own}, c)
            if c == "counties_involved" and v and r.get("cross_ref"):
                add("list.self", {c: own + ";" + v}, c)
        if table in ID_COL:
            ic = ID_COL[table]
            for j in range(i):
                add("unique.id", {ic: recs[j][ic]}, ic)
                break
            oc = other_county(rng, r, table)
            if oc and not (table == "cooperation" and r.get("lead")):  # lead = reporter
                add("scope.county", {"county": oc}, "county", ["--county", own])
            d = parse_date(r[DATE_COL[table]])
            add("scope.year", {DATE_COL[table]: "2023-%02d-%02d" % (d.month, min(d.day, 28))},
                DATE_COL[table], ["--year", "2024"])
        if table == "incidents":
            d = parse_date(r["date_reported"])
            if r.get("date_solved") and "date_solved" in r:
                back = (d - datetime.timedelta(days=rng.randint(1, 20))).isoformat()
                add("incidents.solved_before_reported", {"date_solved": back}, "date_solved")
                add("incidents.solved_no_date", {"date_solved": ""}, "date_solved")
            if r.get("cross_ref") and r.get("counties_involved"):
                add("incidents.cross_ref_no_counties", {"counties_involved": ""}, "counties_involved")
                add("incidents.counties_no_cross_ref", {"cross_ref": ""}, "cross_ref")
        if table == "disputes":
            d = parse_date(r["date_received"])
            if r.get("date_closed"):
                back = (d - datetime.timedelta(days=rng.randint(1, 20))).isoformat()
                add("disputes.closed_before_received", {"date_closed": back}, "date_closed")
                add("disputes.closed_while_pending", {"outcome": rng.choice(["pending", "在调"])},
                    "date_closed")
            if r.get("joint_ref") and r.get("counterpart"):
                add("disputes.joint_ref_no_counterpart", {"counterpart": ""}, "counterpart")
        if table == "cooperation":
            oc = other_county(rng, r, table)
            if oc:
                add("cooperation.lead", {"lead": oc}, "lead")
        if table == "indicators":
            if r["indicator"] in ("population", "常住人口"):
                add("indicators.population_small", {"value": "78.65"}, "value")
            oc = other_county(rng, r, table)
            if oc:
                add("scope.county", {"county": oc}, "county", ["--county", own])
            add("scope.year", {"year": "2023"}, "year", ["--year", "2024"])
    return out


# ------------------------------------------------------------------ the case
class Case:
    pass


def pick_case(seed):
    rng = random.Random(seed)
    c = Case()
    c.seed = seed
    c.kind = rng.choice(["csv", "csv", "csv", "xlsx", "sqlite"])
    key = rng.choice(sorted(BASE))
    c.table, own = key
    pool = BASE[key]
    n = rng.randint(1, min(12, len(pool)))
    start = rng.randrange(len(pool) - n + 1)
    recs = [dict(r) for r in pool[start:start + n]]
    own = NAMES.get(recs[0]["county"].strip().lower(), recs[0]["county"])
    if not re.fullmatch(r"\d{6}", own):
        own = None
    muts = [m for m in mutations(rng, c.table, recs, own or "341321")
            if own or m[0] not in ("scope.county", "list.self")]
    if c.kind == "xlsx":
        ic = ID_COL.get(c.table)
        for i in range(len(recs)):
            if ic:
                muts.append(("xlsx.numeric_id", i, {ic: 123456789012}, ic, []))
            col = rng.choice([k for k in recs[i] if k != ic])
            muts.append(("xlsx.error_value", i, {col: "#N/A"}, col, []))
    if c.kind == "sqlite" and ID_COL.get(c.table):  # (an untyped column)
        for i in range(len(recs)):
            muts.append(("value.type", i, {ID_COL[c.table]: 1.5}, ID_COL[c.table], []))
    # rules weighted equally, then a field of that rule
    rules = sorted({m[0] for m in muts})
    rule = rng.choice(rules)
    c.rule, c.idx, changes, c.col, c.opts = rng.choice([m for m in muts if m[0] == rule])
    for k, v in changes.items():
        recs[c.idx][k] = v
    # the columns the file has: every column some record fills, every
    # required one, those the rules need; others dropped (empty anyway)
    need = set(changes) | {c.col}
    if c.table == "incidents":
        need |= {"date_solved", "cross_ref", "counties_involved"}
    if c.table == "disputes":
        need |= {"date_closed", "counterpart", "joint_ref"}
    if c.table == "cooperation":
        need |= {"lead"}
    c.cols = [n for n, *_ in SCHEMA[c.table]
              if required(c.table, n) or n in need or any(r.get(n) for r in recs)]
    rng.shuffle(c.cols) if rng.random() < 0.5 else None
    c.recs, c.rng, c.own = recs, rng, own or "341321"
    return c


# ------------------------------------------------------------------ CSV forms
LONG_TEXT = "协作排查治安隐患，走访群众了解情况；" * 60


def csv_field(rng, v, quote_all, inner_eol):
    v = str(v)
    if quote_all or any(ch in v for ch in ',"\n\r') or (v and rng.random() < 0.1):
        return '"' + v.replace('"', '""') + '"'
    if v and rng.random() < 0.05:
        return " " + v + " "  # spaces around an unquoted value are trimmed
    return v


def render_csv(c, path):
    rng = c.rng
    t = c.table
    form = []
    enc = rng.choice(["utf-8", "utf-8-sig", "gb18030"])
    eol = rng.choice(["\n", "\r\n"] * 5 + ["\r"])  # CR: Excel for Mac's "CSV (Macintosh)"
    inner_eol = rng.choice(["\n", eol])  # Excel puts a bare LF inside cells
    quote_all = rng.random() < 0.2
    lang = rng.choice(["en", "zh", "mixed"])
    mixed = rng.random() < 0.1  # lines added in another editor
    form += [enc, "mixed line ends" if mixed else {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}[eol], lang]

    def nl():
        return rng.choice(["\n", "\r\n"]) if mixed else eol
    names = []
    for col in c.cols:
        zh = lang == "zh" or (lang == "mixed" and rng.random() < 0.5)
        name = alias(t, col) if zh else col
        if not zh and rng.random() < 0.2:
            name = name.upper()
        if coltype(t, col) == "num" and col != "value" and rng.random() < 0.4:
            name += rng.choice(["（元）", "(元)", "【元】", "/元"])
        names.append(name)
    # extra columns: a 序号 row number in front, an empty unnamed column
    lead_no = rng.random() < 0.25
    gap_at = rng.randrange(len(names) + 1) if rng.random() < 0.15 else None
    trailing = rng.choice([0, 0, 0, 1, 3])
    if lead_no:
        form.append("序号")
    if gap_at is not None:
        form.append("empty column")
    if trailing:
        form.append("trailing commas")

    # free text: commas, doubled quotes, line breaks, very long lines
    for r in c.recs:
        for col in c.cols:
            if coltype(t, col) == "text" and not (r is c.recs[c.idx] and col == c.col):
                x = rng.random()
                v = r.get(col, "")
                if x < 0.15:
                    r[col] = v + "，含逗号, \"引号\""
                elif x < 0.35:
                    r[col] = v + inner_eol + "第二行" + (inner_eol + inner_eol + "第四行" if rng.random() < 0.3 else "")
                elif x < 0.42:
                    r[col] = LONG_TEXT[:rng.randint(300, 1900)]
            if coltype(t, col) == "list" and "," not in str(r.get(col, "")) and rng.random() < 0.3:
                r[col] = str(r.get(col, "")).replace(";", ",")  # Excel quotes it

    huge = rng.random() < 0.05  # a county's own last column of long remarks
    huge_val = ["附注", "附注二", "附注三"] if huge else None
    if huge:
        form.append("huge lines")

    def line(fields):
        if huge_val is not None:
            fields = fields + huge_val
        if lead_no_val is not None:
            fields = [lead_no_val] + fields
        if gap_at is not None:
            fields = fields[:gap_at + (1 if lead_no else 0)] + [""] + fields[gap_at + (1 if lead_no else 0):]
        return ",".join(csv_field(rng, f, quote_all, inner_eol) for f in fields) + "," * trailing

    out = []
    nrows = 0  # rows as Excel shows them
    # title rows and blank lines above the header (at most five)
    pre = rng.choice([0, 0, 1, 2, 5])
    for k in range(pre):
        x = rng.random()
        if x < 0.3:
            out.append(eol)
        elif x < 0.6:
            out.append("2024年统计表" + "," * (len(c.cols) - 1) + eol)
        else:
            out.append("填报单位：县公安局（盖章）" + eol)
        nrows += 1
    if pre:
        form.append("%d title rows" % pre)
    lead_no_val = "序号" if lead_no else None
    out.append(line(names) + nl())
    nrows += 1
    # a row of units under the header (skipped with a warning)
    units = {"num": "（元）", "int": "(人)"}
    if rng.random() < 0.1 and any(coltype(t, col) in units for col in c.cols):
        lead_no_val = "" if lead_no else None
        huge_val = ["", "", ""] if huge else None
        out.append(line([units.get(coltype(t, col), "") for col in c.cols]) + nl())
        nrows += 1
        form.append("units row")
    where = None
    for i, r in enumerate(c.recs):
        # blank lines and ",,,," rows between records
        if i and rng.random() < 0.1:
            out.append(rng.choice([eol, "," * (len(c.cols) - 1) + eol]))
            nrows += 1
            if "blank rows" not in form:
                form.append("blank rows")
        lead_no_val = str(i + 1) if lead_no else None
        if huge:  # up to 60 KB in a field (the limit is 64 KiB): 180 KB lines
            huge_val = [rng.choice(["", "长" * rng.randint(5000, 20000), ("长" * 9000 + inner_eol) * 2])
                        for _ in range(3)]
        text = "".join(out)
        lineno = len(re.findall(r"\r\n|\r|\n", text)) + 1
        rowno = nrows + 1
        fields = [r.get(col, "") for col in c.cols]
        out.append(line(fields) + nl())
        nrows += 1
        if i == c.idx:
            fieldno = c.cols.index(c.col) + 1 + (1 if lead_no else 0)
            if gap_at is not None and c.cols.index(c.col) >= gap_at:
                fieldno += 1
            where = (lineno, rowno, fieldno)
    if rng.random() < 0.15:
        lead_no_val = None
        out.append("填表人：张三" + eol + "审核人：李四" + eol)
        form.append("signature lines")
    text = "".join(out)
    if rng.random() < 0.3:
        text = text[:-2] if text.endswith("\r\n") else text[:-1]  # (CR, LF)
        form.append("no last line end")
    elif rng.random() < 0.15:
        text += eol * 2
        form.append("trailing empty lines")
    if "\n第二行" in text or "\r\n第二行" in text:
        form.append("multi-line fields")
    if max(len(x) for x in re.split(r"\r\n|\r|\n", text)) > 1000:
        form.append("long lines")
    data = text.encode(enc)
    with open(path, "wb") as f:
        f.write(data)
    c.form = form
    return where


# ------------------------------------------------------------------ xlsx form
def col_letters(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


TEMPLATES = {}  # county code -> template workbook path (made once per run)
FS = None
TMP = None


def render_template(c, path):
    """The records typed into the workbook `forumstat template` makes (its
    instructions, dictionary and hidden lists sheets, drop-downs, the
    indicator rows pre-filled: deleted, as the guide says, or overwritten)."""
    import openpyxl
    rng = c.rng
    own = c.own  # the records' county before the error went in
    if own not in TEMPLATES:
        out = os.path.join(TMP, "tpl-" + own)
        subprocess.run([FS, "template", "-q", "--county", own, "--year", "2024", "--out", out],
                       check=True, capture_output=True)
        TEMPLATES[own] = os.path.join(out, "template-%s-2024.xlsx" % own)
    wb = openpyxl.load_workbook(TEMPLATES[own])
    ind = wb[TABLE_ZH["indicators"]]
    ind.delete_rows(2, ind.max_row)
    ws = wb[TABLE_ZH[c.table]]
    head = [cell.value for cell in ws[1]]
    colno = {}
    for j, h in enumerate(head):
        for n, a, _t, _r in SCHEMA[c.table]:
            if h in (n, a):
                colno[n] = j + 1
    row = 2
    for i, r in enumerate(c.recs):
        for col in c.cols:
            v = r.get(col, "")
            if i == c.idx and col == c.col and c.rule == "value.date_serial":
                v = 45432
            if v != "":
                ws.cell(row=row, column=colno[col], value=v)
        if i == c.idx:
            where = ("%s!%s%d" % (ws.title, col_letters(colno[c.col]), row),)
        row += 1
    wb.save(path)
    c.form = ["template workbook", "sheet " + ws.title]
    return where


def render_xlsx(c, path):
    import openpyxl
    rng = c.rng
    if rng.random() < 0.3:
        return render_template(c, path)
    t = c.table
    form = []
    wb = openpyxl.Workbook()
    ws0 = wb.active
    if rng.random() < 0.4:
        ws0.title = "填报说明"
        ws0["A1"] = "请按表格填写，每行一条记录。"
        ws = wb.create_sheet()
        form.append("instructions sheet")
    else:
        ws = ws0
    ws.title = rng.choice([TABLE_ZH[t], t, "Sheet1", "数据"])
    if rng.random() < 0.2:
        # a hidden sheet holding a scratch copy: never read (a warning)
        hs = wb.create_sheet("旧数据")
        hs.sheet_state = "hidden"
        hs.append(["备注"])
        hs.append(["draft"])
        form.append("hidden sheet")
    lang = rng.choice(["en", "zh"])
    off = rng.choice([0, 0, 1, 2])
    pre = rng.choice([0, 0, 1, 2, 4])
    form += [lang, "sheet " + ws.title]
    if off:
        form.append("%d empty leading columns" % off)
    row = 1
    for k in range(pre):
        if rng.random() < 0.5:
            ws.cell(row=row, column=1 + off, value="砀山县2024年统计表")
            if rng.random() < 0.5:
                ws.merge_cells(start_row=row, start_column=1 + off, end_row=row,
                               end_column=off + len(c.cols))
                form.append("merged title")
        row += 1
    if pre:
        form.append("%d title rows" % pre)
    for j, col in enumerate(c.cols):
        ws.cell(row=row, column=1 + off + j, value=alias(t, col) if lang == "zh" else col)
    row += 1
    where = None
    typed = rng.random() < 0.6
    if typed:
        form.append("typed cells")
    for i, r in enumerate(c.recs):
        if i and rng.random() < 0.1:
            row += 1  # an empty row between records
            form.append("blank row")
        for j, col in enumerate(c.cols):
            v = r.get(col, "")
            ct = coltype(t, col)
            if typed and isinstance(v, str) and v:
                if ct in ("int", "num", "year") and re.fullmatch(r"-?\d+(\.\d+)?", v) and \
                        not (i == c.idx and col == c.col):
                    v = float(v) if "." in v else int(v)
                elif ct == "date" and not (i == c.idx and col == c.col) and parse_date(v):
                    d = parse_date(v)
                    cell = ws.cell(row=row, column=1 + off + j,
                                   value=datetime.datetime(d.year, d.month, d.day))
                    cell.number_format = rng.choice(["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"'])
                    continue
                elif ct == "text" and rng.random() < 0.2 and col != c.col:
                    v = v + "\n第二行"
            if i == c.idx and col == c.col and c.rule == "value.date_serial":
                v = 45432
            if v == "":
                continue
            ws.cell(row=row, column=1 + off + j, value=v)
        if i == c.idx:
            where = ("%s!%s%d" % (ws.title, col_letters(1 + off + c.cols.index(c.col)), row),)
        row += 1
    wb.save(path)
    c.form = form
    return where


# ------------------------------------------------------------------ SQLite form
def render_sqlite(c, path):
    rng = c.rng
    t = c.table
    form = []
    zh_table = rng.random() < 0.4
    zh_cols = rng.random() < 0.4
    # affinity would convert the injected text (1.5 to TEXT, 1.23E+11 to REAL)
    typed = rng.random() < 0.5 and c.rule not in ("value.type", "value.scientific")
    tname = TABLE_ZH[t] if zh_table else t
    cname = {col: (alias(t, col) if zh_cols else col) for col in c.cols}
    form += ["table " + tname, "zh columns" if zh_cols else "en columns",
             "typed" if typed else "untyped"]
    decl = {"int": "INTEGER", "num": "REAL", "year": "INTEGER"}
    alias_col = rng.random() < 0.2  # INTEGER PRIMARY KEY: the rowid by name
    if alias_col:
        form.append("rowid alias column")
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE "%s" (%s%s)' % (tname, '"序号" INTEGER PRIMARY KEY, ' if alias_col else "", ", ".join(
        '"%s"%s' % (cname[col], (" " + decl.get(coltype(t, col), "TEXT")) if typed else "")
        for col in c.cols)))
    # rowids with gaps, rows inserted in random order
    rowids, r0 = [], rng.randint(1, 50)
    for _ in c.recs:
        rowids.append(r0)
        r0 += rng.choice([1, 1, 2, 7, 100])
    order = list(range(len(c.recs)))
    rng.shuffle(order)
    for i in order:
        r = c.recs[i]
        vals = []
        for col in c.cols:
            v = r.get(col, "")
            ct = coltype(t, col)
            if typed and isinstance(v, str) and ct in ("int", "num", "year") and \
                    re.fullmatch(r"-?\d+(\.\d+)?", v):
                v = float(v) if "." in v else int(v)
            vals.append(None if v == "" else v)
        db.execute('INSERT INTO "%s"(rowid, %s) VALUES (?, %s)' % (
            tname, ", ".join('"%s"' % cname[col] for col in c.cols),
            ", ".join("?" * len(c.cols))), [rowids[i]] + vals)
    if rng.random() < 0.2:
        db.execute('CREATE TABLE "%s" (x)' % "scratch")
        form.append("an unknown table")
    db.commit()
    db.close()
    c.form = form
    return ("%s#%d:%s" % (tname, rowids[c.idx], cname[c.col]),)


# ------------------------------------------------------------------ run
LOC = re.compile(r"^(?P<file>case-[^:]+?):(?P<loc>.*?): (?P<sev>error|warning) \[(?P<rule>[^\]]+)\]")


def run_case(fs, seed, tmp, shift):
    c = pick_case(seed)
    ext = {"csv": ".csv", "xlsx": ".xlsx", "sqlite": ".db"}[c.kind]
    name = "case-%d%s" % (seed, ext)
    path = os.path.join(tmp, name)
    if os.path.exists(path):
        os.unlink(path)
    where = {"csv": render_csv, "xlsx": render_xlsx, "sqlite": render_sqlite}[c.kind](c, path)
    if c.kind == "csv":
        line, row, col = where
        if shift == "line":
            line += 1
        if shift == "column":
            col += 1
        want = "%d:%d" % (line, col)
    else:
        want = where[0]
        if shift:
            want = re.sub(r"(\d+)(?=(:[^:]*)?$)", lambda m: str(int(m.group(1)) + 1), want, count=1)
    errs = os.path.join(tmp, "errors.csv")
    p = subprocess.run([fs, "validate", "-q", "--lang", "en", "--errors", errs] + c.opts + [name],
                       cwd=tmp, capture_output=True, text=True)
    got = [m.groupdict() for m in map(LOC.match, p.stderr.splitlines()) if m]
    errors = [g for g in got if g["sev"] == "error"]
    problems = []
    if p.returncode != 1:
        problems.append("exit %d" % p.returncode)
    if len(errors) != 1:
        problems.append("%d errors" % len(errors))
    hit = [g for g in errors if g["rule"] == c.rule and g["file"] == name and g["loc"] == want]
    if not hit:
        problems.append("no %s at %s" % (c.rule, want))
    if c.kind == "csv" and hit and not shift:
        # the errors CSV: line, spreadsheet row and column number
        with open(errs, encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["rule"] == c.rule]
        ok = [r for r in rows if r["line"] == str(line) and r["column"] == str(col)
              and r["row"] == str(row)]
        if not ok:
            problems.append("errors CSV: want line %d row %d column %d, got %s" % (
                line, row, col, [(r["line"], r["row"], r["column"]) for r in rows]))
    return c, problems, p.stderr


def main():
    global FS, TMP
    fs = FS = os.path.abspath(sys.argv[1])
    first, last = map(int, sys.argv[2].split(":"))
    shift = None
    keep = None
    args = sys.argv[3:]
    while args:
        if args[0] == "--shift":
            shift = args[1]
            args = args[2:]
        elif args[0] == "--keep":
            keep = args[1]
            args = args[2:]
        else:
            sys.exit("unknown option " + args[0])
    tmp = tempfile.mkdtemp(prefix="t35-")
    TMP = tempfile.mkdtemp(prefix="t35-tpl-")
    counts = {"csv": 0, "xlsx": 0, "sqlite": 0}
    rules, forms, failed = set(), set(), 0
    try:
        for seed in range(first, last + 1):
            c, problems, err = run_case(fs, seed, tmp, shift)
            counts[c.kind] += 1
            rules.add(c.rule)
            forms.update(c.form)
            if problems:
                failed += 1
                if not shift:
                    print("FAIL seed %d %s %s %s at record %d column %s (%s): %s" % (
                        seed, c.kind, c.table, c.rule, c.idx + 1, c.col, ", ".join(c.form),
                        "; ".join(problems)))
                    for l in err.splitlines()[:6]:
                        print("    " + l)
                    if keep:
                        os.makedirs(keep, exist_ok=True)
                        for fn in os.listdir(tmp):
                            if fn.startswith("case-%d." % seed):
                                shutil.copy(os.path.join(tmp, fn), keep)
            for fn in os.listdir(tmp):
                os.unlink(os.path.join(tmp, fn))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(TMP, ignore_errors=True)
    print("forms " + "|".join(sorted(forms)))
    print("cases %d csv %d xlsx %d sqlite %d failed %d rules %s" % (
        sum(counts.values()), counts["csv"], counts["xlsx"], counts["sqlite"], failed,
        ",".join(sorted(rules))))


if __name__ == "__main__":
    main()
