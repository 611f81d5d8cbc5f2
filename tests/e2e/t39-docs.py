#!/usr/bin/python3
"""t39-docs.py — the documentation tells the truth (driven by t39-docs.sh).

Everything expected here is read from the documents themselves (README.md,
docs/forumstat.1, docs/submission-guide.{en,zh}.md, docs/warehouse.md), so
an option, column, rule or exit status that the program gains, loses or
renames without the docs following makes a check fail.  Each check prints
one line: "PASS<TAB>what" or "FAIL<TAB>what<TAB>why".

Usage: t39-docs.py FORUMSTAT ROOT WORKDIR LANE   (LANE "san": lighter)
"""
import csv
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

FS, ROOT, W, LANE = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
SAN = LANE == "san"
ENV = dict(os.environ)
for k in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    ENV.pop(k, None)
ENV["LANG"] = "C.UTF-8"
COUNTY, YEAR = "341321", "2024"   # the county and year the docs' examples use


def result(good, what, why=""):
    what = what.replace("\n", " ")
    if good:
        print("PASS\t" + what)
    else:
        print("FAIL\t" + what + "\t" + str(why).replace("\n", " | ")[:600])
    sys.stdout.flush()
    return good


def run(args, cwd=W, env=None, shell=False):
    p = subprocess.run(args, cwd=cwd, env=env or ENV, shell=shell,
                       capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


README = read("README.md")
MAN = read("docs/forumstat.1")
GUIDE = {l: read("docs/submission-guide.%s.md" % l) for l in ("en", "zh")}
WAREHOUSE = read("docs/warehouse.md")


def hand_written(md):
    """A guide without its generated reference section."""
    return re.sub(r"<!-- BEGIN GENERATED.*?<!-- END GENERATED -->", "", md, flags=re.S)


def generated(md):
    m = re.search(r"<!-- BEGIN GENERATED.*?<!-- END GENERATED -->", md, flags=re.S)
    return m.group(0) if m else ""


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def unquote(c):
    return c[1:-1] if len(c) >= 2 and c[0] == "`" and c[-1] == "`" else c


# ------------------------------------------------------------------ --help
rc, main_help, _ = run([FS, "--help"])
COMMANDS = re.findall(r"^  ([a-z]+)  ", main_help.split("commands:")[1].split("\n\n")[0], flags=re.M)
result(len(COMMANDS) >= 8, "forumstat --help lists the commands (%s)" % " ".join(COMMANDS))
GLOBAL_OPTS = {"--lang", "--help", "-h", "--version"}
HELP, HELP_OPTS = {}, {}
LONG = {}   # --quiet -> -q: the long form of a short option, as --help pairs them


def canon(opts):
    return {LONG.get(o, o) for o in opts} - GLOBAL_OPTS


for c in COMMANDS:
    _, h, _ = run([FS, c, "--help"])
    HELP[c] = h
    usage = h.split("\n\n")[0]
    optlines = "\n".join(l for l in h.splitlines() if re.match(r"^  +-", l))
    opts = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])", usage + "\n" + optlines))
    for short, long_ in re.findall(r"^ +(-[a-z]), (--[a-z][a-z-]*)", h, flags=re.M):
        LONG[long_] = short
    HELP_OPTS[c] = canon(opts)


def exit_codes(text):
    """The numbers of the 'Exit status' sentence(s) of a text."""
    codes = set()
    for m in re.finditer(r"Exit status[: ](.*?)(?:\n\n|\n\.(?:SS|SH|PP)|\Z)", text, flags=re.S):
        para = re.sub(r"\b(19|20)\d\d\b|\b\d{4,}\b|\d+x\d+", "", m.group(1))
        for a, b in re.findall(r"\b(\d+)/(\d+)\b", para):
            codes |= {int(a), int(b)}
        codes |= {int(n) for n in re.findall(r"(?<![\w/.-])(\d{1,3})(?![\w/.%-])", para)}
    return codes


HELP_EXIT = {c: exit_codes(HELP[c]) for c in COMMANDS}

# --------------------------------------------------------------- man page
man_sections = re.split(r"^\.SH ", MAN, flags=re.M)
MAN_SH = {s.split("\n", 1)[0].strip().strip('"'): s for s in man_sections[1:]}


def man_opts(text):
    text = re.sub(r"\\f[A-Z]", "", text.replace("\\-", "-"))
    return canon(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])", text)))


synopsis = {}
for m in re.finditer(r'^\.SY "?forumstat ([a-z]+)"?\n(.*?)^\.YS', MAN_SH["SYNOPSIS"], flags=re.M | re.S):
    synopsis.setdefault(m.group(1), set()).update(man_opts(m.group(2)))
man_cmd = {}
for part in re.split(r"^\.SS ", MAN_SH["COMMANDS"], flags=re.M)[1:]:
    name, body = part.split("\n", 1)
    man_cmd[name.strip()] = body

result(set(COMMANDS) == set(man_cmd), "the man page has a section for every command of --help, and no other",
       "help: %s; man: %s" % (sorted(COMMANDS), sorted(man_cmd)))
result(set(COMMANDS) == set(synopsis), "the man page's SYNOPSIS shows every command of --help, and no other",
       "help: %s; synopsis: %s" % (sorted(COMMANDS), sorted(synopsis)))
for c in COMMANDS:
    body = man_cmd.get(c, "")
    # the options a section describes: the line after each .TP
    described = set()
    for tp in re.findall(r"^\.TP\n(.*)$", body, flags=re.M):
        described |= man_opts(tp)
    h = HELP_OPTS[c]
    result(h == synopsis.get(c, set()), "%s: the options of --help are those of the man page's SYNOPSIS" % c,
           "only in --help: %s; only in SYNOPSIS: %s" % (sorted(h - synopsis.get(c, set())),
                                                        sorted(synopsis.get(c, set()) - h)))
    result(h == described, "%s: the options of --help are those its man page section describes" % c,
           "only in --help: %s; only in the man page: %s" % (sorted(h - described), sorted(described - h)))
    mcodes = exit_codes(body)
    result(mcodes <= HELP_EXIT[c], "%s: the exit statuses of its man page section (%s) are in its --help (%s)"
           % (c, sorted(mcodes), sorted(HELP_EXIT[c])), "")

# every command takes --lang (man OPTIONS, README): --help says so, and it is accepted
for c in COMMANDS:
    result("--lang zh|en" in HELP[c], "%s --help lists --lang zh|en" % c)

# README: "-v (validate, import, template) also says what is being done"
m = re.search(r"`-v`\s*\(([^)]*)\)", README)
if result(m is not None, "README names the commands that take -v"):
    said = set(re.findall(r"[a-z]+", m.group(1)))
    has = {c for c in COMMANDS if "-v" in HELP_OPTS[c]}
    result(said == has, "README's -v commands (%s) are those whose --help has -v (%s)" % (sorted(said), sorted(has)))

# ------------------------------------------------------------ exit status
readme_exit = set()
sec = README.split("## Exit status", 1)[1].split("\n## ", 1)[0]
for row in re.findall(r"^\| *([\d, ]+) *\|", sec, flags=re.M):
    readme_exit |= {int(n) for n in re.findall(r"\d+", row)}
man_exit = set()
for tp in re.findall(r"^\.TP\n(.*)$", MAN_SH["EXIT STATUS"], flags=re.M):
    man_exit |= {int(n) for n in re.findall(r"\d+", tp)}
help_exit = set().union(*HELP_EXIT.values())
result(readme_exit == man_exit, "README's exit statuses %s are the man page's EXIT STATUS %s"
       % (sorted(readme_exit), sorted(man_exit)))
result(readme_exit == help_exit, "README's exit statuses %s are those the commands' --help name %s"
       % (sorted(readme_exit), sorted(help_exit)))

# ------------------------------------------------- the generated reference
TABLES = {}   # table -> list of (name, alias, required, example_en)
ZH_EXAMPLE = {}


def parse_reference(md, lang):
    out = {}
    gen = generated(md)
    for m in re.finditer(r"^### `([a-z]+)`.*?\n(.*?)(?=^###)", gen, flags=re.M | re.S):
        rows = []
        for line in m.group(2).splitlines():
            if not line.startswith("| "):
                continue
            cs = cells(line)
            names = [i for i, c in enumerate(cs) if re.fullmatch(r"`[a-z_]+`", c)]
            if not names or set(cs) <= {"---", ""}:
                continue
            i = names[0]
            alias = cs[1] if i == 0 else cs[0]
            req = any(c in ("required", "必填") for c in cs)
            rows.append((cs[i].strip("`"), alias, req, unquote(cs[-1])))
        out[m.group(1)] = rows
    return out


ref = {l: parse_reference(GUIDE[l], l) for l in ("en", "zh")}
TABLES = ref["en"]
result(sorted(TABLES) == ["cooperation", "disputes", "incidents", "indicators"],
       "the en guide's reference has the four tables (%s)" % sorted(TABLES))
result({t: [r[:3] for r in v] for t, v in ref["en"].items()} == {t: [r[:3] for r in v] for t, v in ref["zh"].items()},
       "the zh and en guides list the same columns, aliases and required columns")
RULES = set(re.findall(r"^\| `([a-z0-9_]+\.[a-z0-9_]+)` \|", generated(GUIDE["en"]), flags=re.M))
result(len(RULES) > 50, "the en guide lists the validation rules (%d)" % len(RULES))
RULES_ZH = set(re.findall(r"^\| `([a-z0-9_]+\.[a-z0-9_]+)` \|", generated(GUIDE["zh"]), flags=re.M))
result(RULES == RULES_ZH, "the zh guide lists the same rules", sorted(RULES ^ RULES_ZH))
ID_COL = {t: rows[0][0] for t, rows in TABLES.items()}


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def example_rows(table, lang, n, full=True):
    """n records of the guide's examples, identifiers made unique; only the
    required columns unless full."""
    rows = []
    cols = ref[lang][table]
    for k in range(n):
        row = []
        for j, (name, alias, req, ex) in enumerate(cols):
            v = ex if (full or req) else ""
            if j == 0 and table != "indicators":
                v = "%s-%d" % (ex, k + 1) if n > 1 else ex
            row.append(v)
        rows.append(row)
    return rows


d = os.path.join(W, "examples")
os.makedirs(d)
for lang in ("en", "zh"):
    files = []
    for t, cols in ref[lang].items():
        header = [c[0] for c in cols] if lang == "en" else [c[1] for c in cols]
        p = os.path.join(d, "%s-%s.csv" % (lang, t))
        write_csv(p, header, example_rows(t, lang, 1))
        files.append(p)
    rc, out, err = run([FS, "validate", "--county", COUNTY, "--year", YEAR] + files)
    result(rc == 0 and "warning" not in err,
           "%s guide: a record of each table's examples, headed by its %s, passes validate without a warning"
           % (lang, "column names" if lang == "en" else "Chinese aliases"), "exit %d: %s" % (rc, err))

# The tables' names: section 1 of each guide, the SQLite section, the template's sheets.
sheet_names = {}
for lang in ("en", "zh"):
    hw = hand_written(GUIDE[lang])
    sec1 = re.split(r"^## ", hw, flags=re.M)[1]
    names = dict(re.findall(r"^\| `([a-z]+)` (\S+) \|", sec1, flags=re.M))
    result(sorted(names) == sorted(TABLES), "%s guide, section 1: the four tables (%s)" % (lang, sorted(names)))
    sheet_names[lang] = names
result(sheet_names["en"] == sheet_names["zh"], "both guides give the tables the same Chinese names")
tdir = os.path.join(W, "tpl")
rc, _, err = run([FS, "template", "-q", "--county", COUNTY, "--year", YEAR, "--out", tdir])
with zipfile.ZipFile(os.path.join(tdir, "template-%s-%s.xlsx" % (COUNTY, YEAR))) as z:
    wbx = z.read("xl/workbook.xml").decode("utf-8")
sheets = re.findall(r'<sheet [^>]*name="([^"]+)"', wbx)
result(set(sheet_names["en"].values()) <= set(sheets),
       "the tables' Chinese names are the template workbook's sheets (%s)" % sheets)
tpl_files = sorted(os.listdir(tdir))
listed = re.search(r"^\| `template` \|.*\| (.*?) \|$", README, flags=re.M)
want = []
for f in re.findall(r"`DIR/([^`]+)`", listed.group(1) if listed else ""):
    f = f.replace("CODE", COUNTY).replace("Y", YEAR)
    want += [f.replace("TABLE", t) for t in TABLES] if "TABLE" in f else [f]
result(tpl_files == sorted(want), "template writes the files README's table of outputs names", tpl_files)
for lang, pat in (("en", r"The first sheet, \*\*(.+?)\*\*"), ("zh", r"第一个工作表 \*\*(.+?)\*\*")):
    m = re.search(pat, hand_written(GUIDE[lang]))
    result(m is not None and sheets[:1] == [m.group(1)], "%s guide: the template workbook's first sheet is %s"
           % (lang, m.group(1) if m else "?"), sheets[:1])
for lang in ("en", "zh"):
    hw = hand_written(GUIDE[lang])
    for f in ("341321-2024-indicators.csv", "template-341321-2024.xlsx", "dictionary-341321-2024.csv"):
        result(f in hw, "%s guide names the template's %s" % (lang, f))
for t in TABLES:
    with open(os.path.join(tdir, "%s-%s-%s.csv" % (COUNTY, YEAR, t)), encoding="utf-8-sig") as f:
        head = next(csv.reader(f))
    result(head == [c[1] for c in TABLES[t]],
           "the %s template's header is the guide's Chinese aliases in the guide's order" % t, head)

# SQLite: tables named in English or as the sheets (section 8), columns as in CSV
for lang in ("en", "zh"):
    sec8 = re.search(r"^## (?:8\.|八、).*?(?=^## )", hand_written(GUIDE[lang]), flags=re.M | re.S).group(0)
    named = re.findall(r"`([^`\s]+)`", sec8)
    p = os.path.join(d, "sub-%s.db" % lang)
    db = sqlite3.connect(p)
    for t in TABLES:
        for tname, ci in ((t, 0), (sheet_names[lang][t], 1)):
            if tname not in named:
                result(False, "%s guide, section 8 names the SQLite table %s" % (lang, tname))
                continue
            cols = [c[ci] for c in ref[lang][t]]
            db.execute("CREATE TABLE \"%s\" (%s)" % (tname, ", ".join('"%s"' % c for c in cols)))
            row = example_rows(t, lang, 1)[0]
            if tname != t:   # the second table of the same kind: another identifier
                row[0] = row[0] + "-zh" if t != "indicators" else row[0]
                if t == "indicators":
                    db.execute("DROP TABLE \"%s\"" % tname)
                    continue
            db.execute("INSERT INTO \"%s\" VALUES (%s)" % (tname, ",".join("?" * len(cols))), row)
    db.commit()
    db.close()
    rc, out, err = run([FS, "validate", "--county", COUNTY, "--year", YEAR, p])
    result(rc == 0, "%s guide, section 8: an SQLite file with the tables named as it says passes validate" % lang,
           "exit %d: %s" % (rc, err))

# ----------------------------------------------------- rule ids in the text
texts = {"README.md": README, "forumstat.1": MAN.replace("\\-", "-"), "warehouse.md": WAREHOUSE}
for lang in ("en", "zh"):
    texts["submission-guide.%s.md" % lang] = hand_written(GUIDE[lang])
prefixes = {r.split(".")[0] for r in RULES}
codelists = set(re.findall(r"^#### `([a-z]+\.[a-z_]+)`", generated(GUIDE["en"]), flags=re.M))
for name, text in texts.items():
    cand = set(re.findall(r"(?:`|\[|\.RB \[ |^\.BR? )([a-z]+\.[a-z_]+)(?=`|\]| \]|\s*$| |\))", text, flags=re.M))
    cand = {r for r in cand if r.split(".")[0] in prefixes and r not in codelists
            and not re.search(r"\.(csv|md|c|h|conf|db|xlsx|def|png|svg|pdf|sh|py)$", r)}
    unknown = sorted(cand - RULES)
    result(not unknown, "%s: every rule id it names (%d) is in the guides' rule list" % (name, len(cand)), unknown)

# ------------------------------------ the example problem lines, reproduced
EXAMPLE_LINE = re.compile(r"^(\S+\.csv):(\d+):(\d+): (error|warning) \[([a-z._]+)\] (.*)$")


def reproduce(doc, line, cmdline):
    m = EXAMPLE_LINE.match(line)
    fname, ln, col, sev, rule, msg = m.groups()
    ln, col = int(ln), int(col)
    table = next(t for t in TABLES if fname.endswith("-%s.csv" % t))
    cols = TABLES[table]
    alias = cols[col - 1][1]
    zh_header = msg.startswith(alias + " (")
    zh_msg = bool(re.search(r"[\u4e00-\u9fff]", msg.replace(alias, "")))
    lang = "zh" if zh_msg else "en"
    header = [c[1] for c in cols] if zh_header else [c[0] for c in cols]
    rows = example_rows(table, lang, ln - 1)
    q = re.search(r"'([^']*)'|“([^”]*)”", msg)
    rows[-1][col - 1] = (q.group(1) or q.group(2) or "") if q else ""
    wd = os.path.join(W, "line-%s-%d" % (re.sub(r"\W", "", doc), ln))
    os.makedirs(wd, exist_ok=True)
    write_csv(os.path.join(wd, fname), header, rows)
    if cmdline:
        env = dict(ENV)
        words = cmdline.split()
        while words and re.match(r"^[A-Z_]+=", words[0]):
            k, v = words.pop(0).split("=", 1)
            env[k] = v
        words[0] = FS
        rc, out, err = run(words, cwd=wd, env=env)
    else:
        rc, out, err = run([FS, "validate", "--lang", lang, fname], cwd=wd)
    got = [l for l in err.splitlines() if l.startswith("%s:%d:%d:" % (fname, ln, col))]
    result(got == [line], "%s: the example problem line is what validate prints (%s:%d:%d %s)"
           % (doc, fname, ln, col, rule), "printed: %s" % (got or err.splitlines()[:3]))


for doc, text in (("README.md", README), ("submission-guide.en.md", GUIDE["en"]),
                  ("submission-guide.zh.md", GUIDE["zh"])):
    n = 0
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.M | re.S):
        prev = None
        for line in block.splitlines():
            if EXAMPLE_LINE.match(line):
                n += 1
                cmd = prev[2:] if prev and prev.startswith("$ ") else None
                reproduce(doc, line, cmd)
            prev = line
    result(n >= 1, "%s shows an example problem line" % doc)

# ------------------------------------------------ the hand-written lists
def bullet(text, start):
    """The markdown list item of text that starts with start, one line."""
    m = re.search(r"^- " + re.escape(start) + r".*?(?=^- |^\n|^#)", text, flags=re.M | re.S)
    return " ".join(m.group(0).split()) if m else ""


def dates_of(s):
    return [t for t in re.findall(r"`([^`]+)`", s) if re.search(r"20\d\d", t) and "-" not in t[:4]
            or re.fullmatch(r"2024-05-20", t)]


date_lists = {
    "README.md": dates_of(bullet(README, "Dates as")),
    "submission-guide.en.md": dates_of(bullet(hand_written(GUIDE["en"]), "**Dates**")),
    "submission-guide.zh.md": dates_of(bullet(hand_written(GUIDE["zh"]), "**日期**")),
}
gen_dates = re.search(r"\| `date_reported` \|.*?\| date \(year-month-day\) \|.*?\|.*?\| (.*?) \|", generated(GUIDE["en"]))
date_lists["generated reference"] = re.split(r", | or ", gen_dates.group(1)) if gen_dates else []
first = date_lists["README.md"]
for k, v in date_lists.items():
    result(v == first and len(v) >= 4, "%s lists the same date forms as README (%s)" % (k, ", ".join(v)),
           "README: %s; %s: %s" % (first, k, v))
# The cases below are files of incidents records, checked by ONE run of
# validate (each file's messages start with its name): batch(...) files a
# case, check_batch() runs validate and judges each file by its own lines.
inc_en = [c[0] for c in TABLES["incidents"]]
inc_zh = [c[1] for c in TABLES["incidents"]]
BATCH = []
bd = os.path.join(W, "batch")
os.makedirs(bd)


def incident_rows(tag, n=1):
    rows = example_rows("incidents", "en", n)
    for k, r in enumerate(rows):
        r[0] = "%s-%d" % (tag, k + 1)   # identifiers unique across the batch's files
    return rows


def batch(tag, header, rows, judge, what):
    """judge(refused, lines) -> (good, why), lines: the file's messages."""
    name = "%s.csv" % tag
    write_csv(os.path.join(bd, name), header, rows)
    BATCH.append((name, judge, what))


def check_batch():
    rc, out, err = run([FS, "validate", "--county", COUNTY, "--year", YEAR] + [b[0] for b in BATCH], cwd=bd)
    for name, judge, what in BATCH:
        lines = [l for l in err.splitlines() if l.startswith(name + ":")]
        refused = any(": error [" in l for l in lines)
        good, why = judge(refused, lines)
        result(good, what, why or lines[:3])


def clean(refused, lines):
    return not lines, ""


def refused_by(rule, also=""):
    return lambda refused, lines: (refused and any("[%s]" % rule in l and also in l for l in lines), "")


ci = inc_en.index("date_reported")
rows = []
for k, dform in enumerate(first):
    r = incident_rows("D%d" % k)[0]
    r[ci] = dform
    rows.append(r)
batch("dates", inc_en, rows, clean, "every date form the docs list is accepted (%d)" % len(first))


# county list separators: README and both guides, the same, all accepted
def seps_of(s):
    return [t for t in re.findall(r"`([^`]+)`", s) if len(t) == 1]


sep_lists = {
    "README.md": seps_of(bullet(README, "Counties by")),
    "submission-guide.en.md": seps_of(bullet(hand_written(GUIDE["en"]), "**Counties**")),
    "submission-guide.zh.md": seps_of(bullet(hand_written(GUIDE["zh"]), "**县区**")),
}
for k, v in sep_lists.items():
    result(v == sep_lists["README.md"] and len(v) >= 4, "%s lists the same county list separators (%s)" % (k, " ".join(v)))
rows = []
cx, ix = inc_en.index("counties_involved"), inc_en.index("cross_ref")
for k, sp in enumerate(sep_lists["README.md"] + [","]):
    r = incident_rows("S%d" % k)[0]
    r[ix], r[cx] = "KQ-S-%d" % k, "371722%s320321" % sp
    rows.append(r)
batch("seps", inc_en, rows, clean,   # csv.writer quotes the "," one
      "every county list separator the docs list is accepted, and ',' quoted")

# headers: units ignored, 万 refused; misspelt names an error naming the column
for lang, start in (("en", "**Headers**"), ("zh", "**表头**")):
    b = bullet(hand_written(GUIDE[lang]), start)
    toks = re.findall(r"`([^`]+)`", b)
    good = [t for t in toks if "万" not in t and any(t.startswith(a) for a in inc_zh)]
    bad = [t for t in toks if "万" in t]
    result(len(good) >= 3 and len(bad) >= 3, "%s guide: headers with units, accepted and refused (%s / %s)"
           % (lang, " ".join(good), " ".join(bad)))
    for k, t in enumerate(good):
        a = next(a for a in inc_zh if t.startswith(a))
        tag = "%s-u%d" % (lang, k)
        batch(tag, [t if h == a else h for h in inc_zh], incident_rows(tag), clean,
              "%s guide: header %s is read as %s" % (lang, t, a))
    for k, t in enumerate(bad):
        tag = "%s-w%d" % (lang, k)
        batch(tag, [h + t if h == "损失金额" else h for h in inc_zh], incident_rows(tag),
              refused_by("header.unit_wan"), "%s guide: unit %s is refused [header.unit_wan]" % (lang, t))

near = {
    "en": (r"with 时间 for 日期: (.*?) for (.*?)\.", r"\(`([^`]+)` is not ([^)]+)\)"),
    "zh": (r"如 (`[^（]*?)（应为 (.*?)）", r"（如 `([^`]+)` 不是 ([^）]+)）"),
}
for lang, (pat, notpat) in near.items():
    b = bullet(hand_written(GUIDE[lang]), "**A misspelt" if lang == "en" else "**列名写错")
    m = re.search(pat, b)
    if not result(m is not None, "%s guide lists misspelt Chinese column names and the intended ones" % lang, b[:200]):
        continue
    wrong = re.findall(r"`([^`]+)`", m.group(1))
    right = [x.strip() for x in re.split(r"[,、]", m.group(2))]
    result(len(wrong) == len(right) >= 3, "%s guide: as many misspellings as columns (%s / %s)" % (lang, wrong, right))
    for k, (w, r) in enumerate(zip(wrong, right)):
        if r not in inc_zh:
            result(False, "%s guide: %s is an incidents column alias" % (lang, r))
            continue
        tag = "%s-n%d" % (lang, k)
        batch(tag, [w if h == r else h for h in inc_zh], incident_rows(tag), refused_by("header.near_miss", r),
              "%s guide: header %s is refused as a misspelling of %s" % (lang, w, r))
    m = re.search(notpat, b)
    if result(m is not None, "%s guide names a header that is no near miss" % lang):
        w, r = m.group(1), m.group(2).strip()
        tag = "%s-far" % lang
        batch(tag, [w if h == r else h for h in inc_zh], incident_rows(tag),
              lambda refused, lines: (not any("[header.near_miss]" in l for l in lines)
                                      and any("[header.unknown]" in l for l in lines), ""),
              "%s guide: header %s is no near miss of %s (ignored, with a warning)" % (lang, w, r))
m = re.search(r"\(`([a-z_]+)`, `([a-z_]+)`\)", bullet(hand_written(GUIDE["en"]), "**A misspelt"))
if result(m is not None, "the en guide gives misspelt English column names"):
    for k, w in enumerate(m.groups()):
        r = min(inc_en, key=lambda c: sum(a != b for a, b in zip(c, w)) + abs(len(c) - len(w)))
        tag = "en-e%d" % k
        batch(tag, [w if h == r else h for h in inc_en], incident_rows(tag), refused_by("header.near_miss"),
              "en guide: header %s is refused as a misspelling" % w)

# totals rows: every word the guides list refuses its row
for lang, start in (("en", "**One record per row**"), ("zh", "**每行一条记录**")):
    b = bullet(hand_written(GUIDE[lang]), start)
    words = [t for t in re.findall(r"`([^`]+)`", b)]
    result(len(words) >= 8, "%s guide lists the totals words (%s)" % (lang, " ".join(words)))
    rows = incident_rows("T" + lang)
    for w in words:
        rows.append([w] + [""] * 4 + ["5"] + [""] * (len(inc_en) - 6))
    batch("totals-" + lang, inc_en, rows,
          lambda refused, lines, n=len(words): (len([l for l in lines if "[row.totals]" in l]) == n, ""),
          "%s guide: each totals row it names is refused [row.totals] (%d)" % (lang, len(words)))
check_batch()

# ---------------------------------------------- code blocks, run as shown
def code_lines(text, man=False):
    out = []
    if man:
        for block in re.findall(r"^\.EX\n(.*?)^\.EE", text, flags=re.M | re.S):
            out += [l.replace("\\-", "-") for l in block.splitlines()]
    else:
        for block in re.findall(r"^```(?:sh)?\n(.*?)^```", text, flags=re.M | re.S):
            out += block.splitlines()
    cmds = []
    for l in out:
        l = l[2:] if l.startswith("$ ") else l
        l = re.sub(r"\s+#.*$", "", l).strip()
        if re.match(r"^([A-Z_]+=\S+ )*forumstat ", l):
            cmds.append(l)
    return cmds


def fill_template(folder):
    """The clerk fills in the CSV files of the template (the guides' examples)."""
    for t in TABLES:
        p = os.path.join(folder, "%s-%s-%s.csv" % (COUNTY, YEAR, t))
        if os.path.exists(p):
            write_csv(p, [c[1] for c in TABLES[t]], example_rows(t, "zh", 3 if t != "indicators" else 1))


forumdb = None
reported = set()   # a report command is run once (the costliest command)
for doc, text, man in (("README.md", README, False), ("submission-guide.en.md", GUIDE["en"], False),
                       ("submission-guide.zh.md", GUIDE["zh"], False), ("forumstat.1", MAN, True)):
    cmds = code_lines(text, man)
    result(len(cmds) >= 2, "%s: its code blocks show forumstat commands (%d)" % (doc, len(cmds)))
    wd = os.path.join(W, "run-" + doc)
    os.makedirs(wd)
    os.symlink(FS, os.path.join(wd, "forumstat"))
    os.makedirs(os.path.join(wd, "submissions"))
    shutil.copytree(os.path.join(ROOT, "samples", "2024"), os.path.join(wd, "submissions", "2024"))
    env = dict(ENV)
    env["PATH"] = wd + ":" + env.get("PATH", "")
    tpl_dir = None
    for c in cmds:
        words = c.split()
        sub = [w for w in words if not re.match(r"^[A-Z_]+=", w)][1:]
        cmd = next((w for w in sub if not w.startswith("-")), "")
        opts = [w for w in sub if w.startswith("-")]
        if not result(cmd in COMMANDS, "%s: `%s`: %s is a command" % (doc, c, cmd)):
            continue
        unknown = [o for o in opts if LONG.get(o, o) not in HELP_OPTS[cmd] | GLOBAL_OPTS]
        result(not unknown, "%s: `%s`: every option is in %s --help" % (doc, c, cmd), unknown)
        if SAN or (cmd == "report" and c in reported):
            continue   # the sanitizer lane only parses them (its budget)
        reported.add(c) if cmd == "report" else None
        cwd, where = wd, ""
        files = [w for w in sub[1:] if not w.startswith("-") and re.search(r"\.(csv|xlsx|db)$", w)]
        if cmd == "validate" and tpl_dir and files and not any(glob.glob(os.path.join(wd, f)) for f in files):
            # the doc says to run it in the folder of the files (cd): the template's
            cwd, where = tpl_dir, " in " + os.path.basename(tpl_dir)
        rc, out, err = run(c, cwd=cwd, env=env, shell=True)
        # 0, or 1 for a data outcome (an import number that the sample
        # warehouse does not have); never a usage or environment failure
        result(rc in (0, 1), "%s: `%s` runs%s (exit %d)" % (doc, c, where, rc), err.splitlines()[:3])
        if cmd == "template":
            tpl_dir = os.path.join(wd, words[words.index("--out") + 1])
            fill_template(tpl_dir)
        if cmd == "validate" and any(w.endswith(".csv") and "*" in w for w in words):
            result(rc == 0, "%s: `%s`: the filled template's CSV files are valid" % (doc, c), err.splitlines()[:3])
        if cmd == "import" and os.path.exists(os.path.join(wd, "forum.db")):
            forumdb = os.path.join(wd, "forum.db")
        if cmd == "report" and "--out" in words:
            outd = os.path.join(wd, words[words.index("--out") + 1])
            y = words[words.index("--year") + 1]
            listed = re.search(r"^\| `report` \|.*\| (.*?) \|$", README, flags=re.M).group(1)
            for f in re.findall(r"`DIR/([^`]+)`", listed):
                f = f.replace("Y", y)
                result(os.path.exists(os.path.join(outd, f)),
                       "README's outputs of report: %s is written" % f)
            charts = sorted(os.listdir(os.path.join(outd, "charts")))
            m = re.search(r"`DIR/charts/NN-name.png`.*?: (\w+) charts", README, flags=re.S)
            words_n = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
            n = words_n.get(m.group(1), -1) if m else -1
            for ext in ("png", "svg", "pdf"):
                k = len([x for x in charts if x.endswith("." + ext)])
                result(k == n, "README's %s charts are written as .%s (%d)" % (m.group(1) if m else "?", ext, k))

# ------------------------------------------------------------ warehouse.md
if SAN:   # README's commands were not run: the warehouse they would make
    forumdb = os.path.join(W, "san.db")
    run([FS, "import", "-q", "--db", forumdb, os.path.join(ROOT, "samples", "2024")])
if result(forumdb is not None, "README's secretariat commands made forum.db"):
    db = sqlite3.connect("file:%s?mode=ro" % forumdb, uri=True)

    def columns(name):
        return [r[1] for r in db.execute('PRAGMA table_info("%s")' % name)]

    views = re.search(r"^## The views.*?\n\n\| view.*?\n\|[-|]+\|\n(.*?)\n\n", WAREHOUSE, flags=re.M | re.S).group(1)
    for line in views.splitlines():
        cs = cells(line)
        name = unquote(cs[0])
        m = re.match(r"`([^`]*)`(?:, then `([^`]*)`)?", cs[2])
        doc_cols = [x.strip() for x in m.group(1).split(",")]
        if m.group(2):
            doc_cols += [x.strip() for x in m.group(2).split(",")]
        real = columns(name)
        if cs[2].rstrip().endswith("…"):
            result(real[:len(doc_cols)] == doc_cols, "warehouse.md: %s starts with the columns it lists" % name,
                   "real: %s" % real)
        else:
            result(real == doc_cols, "warehouse.md: %s has exactly the columns it lists" % name, "real: %s" % real)
        # and the view's record columns are the table's, as the guide lists them
        t = name.replace("current_", "")
        want = ["county", "year"] + [c[0] for c in TABLES[t] if c[0] not in ("county", "year")]
        result(real[:len(want)] == want, "warehouse.md: %s holds the guide's columns of %s, county and year first"
               % (name, t), real)
    tables = re.search(r"^## The tables.*?\n\n\| table.*?\n\|[-|]+\|\n(.*?)\n\n", WAREHOUSE, flags=re.M | re.S).group(1)
    documented, families = set(), set()
    for line in views.splitlines() + tables.splitlines():
        cs = cells(line)
        documented |= set(re.findall(r"`([a-z_]+)`", cs[0]))
        if "…" in cs[0]:
            families |= {n.split("_")[0] + "_" for n in re.findall(r"`([a-z_]+)`", cs[0])}
    for line in tables.splitlines():
        cs = cells(line)
        names = re.findall(r"`([^`]+)`", cs[0])
        named_cols = [x for x in re.findall(r"`([a-z0-9_]+)`", cs[1]) if x not in ("incidents", "disputes")]
        for name in names:
            real = columns(name)
            result(bool(real), "warehouse.md: the warehouse has %s" % name)
            if name.startswith("live_") or name.startswith("cube_"):
                continue
            missing = [x for x in named_cols if x not in real]
            result(not missing, "warehouse.md: %s has the columns it names (%s)" % (name, " ".join(named_cols)), missing)
            if name not in TABLES:   # a history table: every column is named
                extra = [x for x in real if x not in named_cols]
                result(not extra, "warehouse.md: %s has no column it does not name" % name, extra)
    every = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                      "AND name NOT LIKE 'sqlite_%'")]
    undoc = [n for n in every if n not in documented and not any(n.startswith(f) for f in families)]
    result(not undoc, "warehouse.md names every table and view of the warehouse (%d)" % len(every), undoc)
    m = re.search(r"`PRAGMA user_version` \(now (\d+)", WAREHOUSE)
    v = db.execute("PRAGMA user_version").fetchone()[0]
    result(m is not None and v == int(m.group(1)), "warehouse.md: the schema version it gives (%s) is the "
           "warehouse's (%d)" % (m.group(1) if m else "?", v))
    for k, sql in enumerate(re.findall(r"^```sql\n(.*?)^```", WAREHOUSE, flags=re.M | re.S)):
        stmts, cur = [], ""
        for line in sql.splitlines(True):
            cur += line
            if sqlite3.complete_statement(cur):
                stmts.append(cur)
                cur = ""
        result(len(stmts) >= 1 and not cur.strip(), "warehouse.md: example SQL block %d is whole statements" % k)
        for stmt in stmts:
            title = " ".join(l for l in stmt.splitlines() if l.startswith("--"))[3:60]
            try:
                rows = db.execute(stmt).fetchall()
                result(True, "warehouse.md: example query runs (%d rows): %s" % (len(rows), title))
            except sqlite3.Error as e:
                result(False, "warehouse.md: example query runs: %s" % " ".join(stmt.split())[:60], e)
    db.close()

# ------------------------------------------- every exit status, provoked
# Each command's --help names its exit statuses; each one is provoked here
# in the cheapest way the docs describe.  A status no scenario provokes
# fails, so a new status needs a new scenario (130/143: t28-interrupt).
S = os.path.join(W, "exit")
os.makedirs(S)
good = os.path.join(d, "en-incidents.csv")
bad = os.path.join(d, "dates-bad.csv")
write_csv(bad, inc_en, [["X-1", COUNTY, "2024-02-30"] + [""] * (len(inc_en) - 3)])
with open(os.path.join(S, "bad.conf"), "w") as f:
    f.write("garbage\n")
os.makedirs(os.path.join(S, "empty"))
db1 = os.path.join(S, "w.db")
run([FS, "import", "-q", "--db", db1, good])
run([FS, "import", "-q", "--db", os.path.join(S, "full.db"), good])
scen = {
    ("validate", 0): ["validate", good],
    ("validate", 1): ["validate", bad],
    ("validate", 2): ["validate", "--no-such-option", good],
    ("validate", 3): ["validate", "--zone", "bad.conf", good],
    ("import", 0): ["import", "--db", "i.db", good],
    ("import", 1): ["import", "--db", "i.db", "empty"],
    ("import", 2): ["import", "--db"],
    ("import", 3): ["import", "--db", "empty", good],
    ("history", 0): ["history", "--db", db1],
    ("history", 2): ["history", "extra"],
    ("history", 3): ["history", "--db", "none.db"],
    ("revert", 0): ["revert", "--db", os.path.join(S, "full.db"), "1"],
    ("revert", 1): ["revert", "--db", db1, "99"],
    ("revert", 2): ["revert", "--db", db1],
    ("revert", 3): ["revert", "--db", "none.db", "1"],
    ("migrate", 0): ["migrate", "--from", db1, "--to", "copy.db"],
    ("migrate", 1): ["migrate", "--from", db1, "--to", "copy.db"],   # again: holds imports now
    ("migrate", 2): ["migrate"],
    ("migrate", 3): ["migrate", "--from", "none.db", "--to", "copy2.db"],
    ("check", 0): ["check", "--db", db1, "--year", YEAR],
    ("check", 1): ["check", "--db", db1, "--year", "2031"],
    ("check", 2): ["check", "--db", db1],
    ("check", 3): ["check", "--db", "none.db", "--year", YEAR],
    ("report", 0): None,   # run above, from README's code block (normal lane)
    ("report", 1): ["report", "--db", db1, "--year", "2031", "--out", "r"],
    ("report", 2): ["report", "--db", db1, "--year", YEAR],
    ("report", 3): ["report", "--db", "none.db", "--year", YEAR, "--out", "r"],
    ("template", 0): ["template", "--county", COUNTY, "--year", YEAR, "--out", "t"],
    ("template", 2): ["template", "--county", COUNTY, "--year", YEAR, "--out", "t"],   # again: no --force
    ("template", 3): ["template", "--county", COUNTY, "--year", YEAR, "--out", "/dev/null/x"],
}
INTERRUPT = {130, 143}   # t28-interrupt sends the signals
for c in COMMANDS:
    for code in sorted(HELP_EXIT[c]):
        if code in INTERRUPT and c in ("validate", "import"):
            continue
        if (c, code) not in scen:
            result(False, "%s: exit %d (its --help) has a scenario in t39" % (c, code))
            continue
        args = scen[(c, code)]
        if args is None or (SAN and c not in ("validate", "import")):
            continue   # the sanitizer lane: the two commands that read files
        rc, out, err = run([FS] + args, cwd=S)
        shown = " ".join(os.path.relpath(a, S) if a.startswith(W) else a for a in args[1:])
        result(rc == code, "%s exits %d as its --help says: %s" % (c, code, shown[:70]),
               "exit %d: %s" % (rc, err.splitlines()[:2]))
