#!/usr/bin/env bash
# t06-metric-names — every metric name the outputs use is a name of the
# figure catalogue (issue 18).  Outputs look figures up by name
# (fs_fig_metric_index(f, "cross_share_pct")); a name the catalogue no
# longer has shows "no data" without any error.  Code that writes names as
# FS_MN(name) / FS_MMEMBER(family, "code") (figlist.h) does not compile
# with a wrong name; this script covers the rest: it reads every string
# literal of the output modules (workbook, charts and briefing, the CSV
# and metrics outputs), comments left out, and fails on any name-like
# literal ("cross_share_pct", "offenses_cat_%02d") that is neither
#   - a name of FS_FIG_LINES (figlist.h), a family's prefix or member
#     ("offenses_cat_05"), or such a name's _yoy_pct / _yoy_pp, nor
#   - one of the words below that are not metric names (column names of
#     the schema and of the CSV files, file types, ordinal suffixes).
# The code inside FS_MMEMBER(family, "code") must be a code of the schema
# (report/common/schema.c).  A self-test feeds it a misspelt name.
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
PY=/usr/bin/python3

cat >"$T/check.py" <<'PY'
import glob, re, sys

# Words of the output modules that are not metric names.  Keep this list
# short: a word here is never checked against the catalogue.
NOT_METRICS = {
    # schema columns read by name (fs_column_index)
    "category", "kind", "level", "type", "outcome", "status", "county", "indicator",
    # columns of cross-cases-Y.csv, metrics-dictionary.csv and findings-Y.csv
    "year", "cross_ref", "first_reported", "counties", "offenses_by_county", "lead",
    "assisted_by", "named_without_record", "description_county", "description", "findings",
    "metric", "values", "unit", "unit_zh", "name", "name_zh", "definition", "definition_zh",
    "finding", "table", "reference", "records", "explanation", "explanation_zh", "metrics", "scope",
    # file types, languages, ordinal suffixes, percentage points, the "other" type code
    "pdf", "png", "svg", "en", "zh", "st", "nd", "rd", "th", "pp", "other",
}
root = sys.argv[1]
files = sys.argv[2:]
def find(name):  # anywhere under report/ (files move into stage folders)
    hits = sorted(glob.glob(root + "/report/**/" + name, recursive=True))
    return open(hits[0], encoding="utf-8").read() if hits else ""
figlist = find("figlist.h")
lines = set(re.findall(r"\bLINE\(([a-z0-9_]+)\)", figlist))
families = set(re.findall(r"\bFAMILY\(([a-z0-9_]+)\)", figlist))
schema = find("schema.c")
codes = set(re.findall(r'\{"([A-Za-z0-9_]+)", "', schema))
if len(lines) < 20 or len(families) < 5 or len(codes) < 30:
    print("not ok - figlist.h and schema.c read (%d names, %d families, %d codes)"
          % (len(lines), len(families), len(codes)))
    sys.exit(0)

def is_metric(name):
    base = re.sub(r"_yoy_(pct|pp)$", "", name)
    if base in lines:
        return True
    return any(base.startswith(f) for f in families)

token = re.compile(r'//[^\n]*|/\*.*?\*/|"((?:\\.|[^"\\\n])*)"|\'(?:\\.|[^\'\\\n])*\'', re.S)
member = re.compile(r'FS_MMEMBER\(\s*[a-z0-9_]+\s*,\s*$')
bad, checked = [], 0
for f in files:
    src = open(f, encoding="utf-8").read()
    for m in token.finditer(src):
        lit = m.group(1)
        if lit is None:
            continue
        line = src.count("\n", 0, m.start()) + 1
        if member.search(src[max(0, m.start() - 80):m.start()]):
            checked += 1
            if lit != "%s" and lit not in codes:
                bad.append("%s:%d: FS_MMEMBER code \"%s\" is not a code of the schema" % (f, line, lit))
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*(%s|%02d)?", lit) or lit in NOT_METRICS:
            continue
        checked += 1
        if not is_metric(re.sub(r"(%s|%02d)$", "", lit) if lit.endswith(("%s", "%02d")) else lit):
            bad.append('%s:%d: "%s" is not a metric of the catalogue (figlist.h)' % (f, line, lit))
print("# %d name-like literals checked in %d files" % (checked, len(files)))
if bad:
    print("not ok - every metric name in the outputs is in the catalogue")
    for b in bad:
        print("# " + b)
else:
    print("ok - every metric name in the outputs is in the catalogue")
print("ok - literals were checked" if checked >= 20 else "not ok - literals were checked (%d)" % checked)
PY

mapfile -t srcs < <(find report -name '*.c' \( -name 'wb_*.c' -o -name 'workbook*.c' \
    -o -name 'report_charts*.c' -o -name 'report_out*.c' -o -name 'rc_*.c' -o -name 'briefing*.c' \
    -o -name 'figures_out*.c' \) | sort)
run_check() { # FILE...: the checker's TAP lines become ours
    "$PY" "$T/check.py" "$ROOT" "$@" >"$T/check.out" 2>&1
    local line
    while IFS= read -r line; do
        case $line in
        "ok - "*) ok "${line#ok - }" ;;
        "not ok - "*) nok "${line#not ok - }" ;;
        *) echo "$line" ;;
        esac
    done <"$T/check.out"
}
assert "the output modules are found" test "${#srcs[@]}" -ge 12
run_check "${srcs[@]}"

# Self-test: a misspelt name, a wrong family code and a prefix that is no
# family are caught; the right ones are not.
cat >"$T/probe.c" <<'EOF'
static double a = fig(f, "ALL", "cross_share_pc");            /* misspelt */
static const char *b = FS_MMEMBER(ind_, "grid_member");       /* no such code */
static const char *c = "dispute_kind_%s";                     /* no such family */
static const char *d = "cross_share_pct_yoy_pp";              /* fine */
static const char *e = FS_MMEMBER(activities_, "joint_mediation"); /* fine */
EOF
"$PY" "$T/check.py" "$ROOT" "$T/probe.c" >"$T/probe.out" 2>&1
assert_eq "self-test: the three wrong names are reported, the right ones not" \
    "3 probe.c:1 probe.c:2 probe.c:3" \
    "$(grep -c '^# .*probe\.c:' "$T/probe.out") $(grep -o 'probe\.c:[0-9]*' "$T/probe.out" | tr '\n' ' ' | sed 's/ $//')"
