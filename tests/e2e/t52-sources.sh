#!/usr/bin/env bash
# t52-sources — the workbook's "files behind the figures" (Sources sheet)
# comes from the import history (the slices each file held), not from a
# scan of the records (issue 18).  The samples of 2023-2025 are imported,
# then Dangshan's 2024 disputes are sent again without one record (the
# first file's slice is superseded); the 2024 workbook's rows must be
# exactly what a scan of the live records says: per file, county, year and
# table, the records the file holds, for years up to 2024 only.  The scan
# is done here, independently, with Python's sqlite3 over the record
# tables and live_slices.
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
S="$ROOT/samples"
PY=/usr/bin/python3

for y in 2023 2024 2025; do
    if [ ! -d "$S/$y" ]; then nok "samples/$y is missing (run samples/generate.py)"; exit 1; fi
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db "$DB" "$S/$y"
done
mkdir resend
head -n -1 "$S/2024/dangshan-2024-disputes.csv" >resend/dangshan-2024-disputes-fixed.csv
assert_exit "Dangshan's 2024 disputes sent again, one record fewer" 0 \
    "$FORUMSTAT" import -q --db "$DB" resend
assert_exit "report 2024 --lang en" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --lang en --out rep
assert "forum-2024.xlsx written" test -s rep/forum-2024.xlsx

"$PY" - "$DB" rep/forum-2024.xlsx >check.out 2>&1 <<'PY'
import os, sqlite3, sys
from collections import Counter
import openpyxl

db = sqlite3.connect(sys.argv[1])
names = dict(db.execute("SELECT file_id, name FROM import_files"))
# The independent scan: live records per (year, file, import).
want = Counter()
for t in ("incidents", "disputes", "cooperation", "indicators"):
    for year, fid, imp, n in db.execute(
            "SELECT r.year, r.file_id, r.import_id, count(*) FROM %s r JOIN live_slices s"
            " ON s.tbl = '%s' AND s.import_id = r.import_id AND s.county = r.county"
            " AND s.year = r.year WHERE r.year <= 2024"
            " GROUP BY r.year, r.file_id, r.import_id, r.county" % (t, t)):
        want[(str(year), n, names[fid], imp)] += 1

wb = openpyxl.load_workbook(sys.argv[2])
ws = wb["Sources"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
head = next(i for i, r in enumerate(rows) if r[0] == "Year" and r[4] == "File")
got = Counter()
for r in rows[head + 1:]:
    if r[0] is None or not str(r[0]).isdigit():
        break
    got[(str(r[0]), int(r[3]), r[4], int(r[9]))] += 1
base = [(k[0], os.path.basename(k[2])) for k in got]

def ok(cond, desc, *detail):
    print(("ok - " if cond else "not ok - ") + desc)
    if not cond:
        for d in detail:
            print("# %s" % (d,))

ok(sum(want.values()) > 40, "the scan finds the samples' live slices", sum(want.values()))
ok(got == want, "Sources: one row per file, year and county with the live records it holds",
   "only in the sheet: %s" % sorted((got - want).items())[:5],
   "only in the scan:  %s" % sorted((want - got).items())[:5])
ok(("2024", "dangshan-2024-disputes-fixed.csv") in base,
   "Sources: the file sent again is listed", base)
ok(("2024", "dangshan-2024-disputes.csv") not in base,
   "Sources: the superseded disputes file is not listed")
ok(sum(1 for y, b in base if b.startswith("xiao-2024-incidents-h")) == 2,
   "Sources: a year sent in two files is listed once per file")
ok(not any(k[0] == "2025" for k in got), "Sources: no year after the report's")
PY
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) nok "${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <check.out
[ "$_n" -ge 10 ] || nok "the Sources checks ran" "$(tail -5 check.out)"
