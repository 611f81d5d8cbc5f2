#!/usr/bin/env bash
# t30-report — `forumstat report` and `forumstat check` on the sample
# submissions (samples/2023-2025, facts in samples/README.md): the zone's
# headline figures, the goat-theft ring counted once, stable bytes, the
# findings and their exit codes, coverage gaps, and the failure paths
# (unknown year, empty or missing warehouse, unwritable or full output
# folder: right exit code, nothing half-written).
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
S="$ROOT/samples"
metric() { # FILE SCOPE METRIC -> value, or "<absent>"
    awk -F, -v s="$2" -v m="$3" '$2 == s && $3 == m { print $4; found = 1 } END { if (!found) print "<absent>" }' "$1"
}
dbsum() { cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -c1-64; }

for y in 2023 2024 2025; do
    if [ ! -d "$S/$y" ]; then nok "samples/$y is missing (run samples/generate.py)"; exit 1; fi
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db "$DB" "$S/$y"
done

# ---------------------------------------------------------------- 2024
before=$(dbsum "$DB")
assert_exit "report 2024 succeeds" 0 "$FORUMSTAT" report --db "$DB" --year 2024 --out rep
assert_eq "report only reads the warehouse" "$before" "$(dbsum "$DB")"
M=rep/metrics-2024.csv
assert "metrics-2024.csv written" test -s "$M"
assert "findings-2024.csv written" test -s rep/findings-2024.csv
assert_eq "metrics header" "year,scope,metric,value" "$(head -1 "$M")"
assert_eq "every line has four fields" "" "$(awk -F, 'NF != 4' "$M" | head -3)"
assert_eq "values are plain decimals (no exponent, NaN, infinity)" "" \
    "$(awk -F, 'NR > 1 && $4 !~ /^(-?[0-9]+(\.[0-9]+)?)?$/' "$M" | head -3)"
assert_grep "report names host and ordinal" 'forum 2024: no\. 2, hosted by 320321' "$T/out"

# Zone headline facts of samples/README.md (computed there by generate.py).
for kv in incidents=1974 offenses=2439 solved=1443 loss_yuan=20495073.62 \
          recovered_yuan=5970084.31 cross_cases=16 disputes=1652 activities=185 \
          fugitives_caught=27 clues_verified=204; do
    assert_eq "ALL $kv" "${kv#*=}" "$(metric "$M" ALL "${kv%%=*}")"
done
assert_eq "ALL clearance_pct = 1443/1974" "$(awk 'BEGIN { printf "%.10f", 1443 / 1974 * 100 }')" \
    "$(awk -v v="$(metric "$M" ALL clearance_pct)" 'BEGIN { printf "%.10f", v }')"
assert_eq "Dangshan incidents" 237 "$(metric "$M" 341321 incidents)"
assert_eq "Shan solved" 255 "$(metric "$M" 371722 solved)"
assert_eq "Yongcheng disputes" 277 "$(metric "$M" 411481 disputes)"

# The goat-theft ring KQ-2024-001: one cross-regional case at zone level,
# 19 offences over Shan, Dangshan and Feng.
assert_eq "the ring's records: 19 offences over three counties" "19|320321,341321,371722" \
    "$(sqlite3 "$DB" "SELECT sum(offenses), (SELECT group_concat(county) FROM (SELECT county FROM live_incidents WHERE cross_ref = 'KQ-2024-001' ORDER BY county)) FROM live_incidents WHERE cross_ref = 'KQ-2024-001'")"
county_sum=0
for c in 320321 341321 341322 371722 411425 411426 411481; do
    county_sum=$((county_sum + $(metric "$M" $c cross_cases)))
done
assert_eq "county scopes count each case per reporting county (README: 35)" 35 "$county_sum"
assert_eq "Anhui counts KQ-2024-005 (Dangshan and Xiao) once" \
    "$(sqlite3 "$DB" "SELECT count(DISTINCT cross_ref) FROM live_incidents WHERE year = 2024 AND county IN ('341321', '341322')")" \
    "$(metric "$M" 340000 cross_cases)"
# The ring alone: its three records, exported from the warehouse and
# imported into a warehouse of their own.
sqlite3 -header -csv "$DB" "SELECT case_id, county, date_reported, category, offenses,
    printf('%d.%02d', loss_yuan / 100, loss_yuan % 100) AS loss_yuan,
    printf('%d.%02d', recovered_yuan / 100, recovered_yuan % 100) AS recovered_yuan,
    suspects, arrested, status, date_solved, cross_ref, counties_involved, assisted_by
    FROM live_incidents WHERE cross_ref = 'KQ-2024-001' ORDER BY county" > ring.csv
assert_exit "the ring imports on its own" 0 "$FORUMSTAT" import -q --db ring.db ring.csv
assert_exit "report on the ring" 0 "$FORUMSTAT" report -q --db ring.db --year 2024 --out ring
R=ring/metrics-2024.csv
assert_eq "ring: one cross-regional case at zone level" 1 "$(metric "$R" ALL cross_cases)"
assert_eq "ring: one case at zone level" 1 "$(metric "$R" ALL cases)"
assert_eq "ring: three records" 3 "$(metric "$R" ALL incidents)"
assert_eq "ring: 19 offences" 19 "$(metric "$R" ALL offenses)"
assert_eq "ring: loss 100615.50 yuan" 100615.50 "$(metric "$R" ALL loss_yuan)"
assert_eq "ring: 9 offences in Shan" 9 "$(metric "$R" 371722 offenses)"
assert_eq "ring: 6 offences in Dangshan" 6 "$(metric "$R" 341321 offenses)"
assert_eq "ring: 4 offences in Feng" 4 "$(metric "$R" 320321 offenses)"
assert_eq "ring: one case in each of three provinces" "1 1 1" \
    "$(metric "$R" 320000 cross_cases) $(metric "$R" 340000 cross_cases) $(metric "$R" 370000 cross_cases)"
assert_eq "ring: Dangshan assisted Shan and Feng" "1 1" \
    "$(metric "$R" 341321 assist_371722) $(metric "$R" 341321 assist_320321)"

# Same data, same bytes.
assert_exit "second report 2024" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out rep2
assert "metrics-2024.csv identical between two runs" cmp -s "$M" rep2/metrics-2024.csv
assert "findings-2024.csv identical between two runs" cmp -s rep/findings-2024.csv rep2/findings-2024.csv

# ------------------------------------------------------ coverage, 2023
assert_exit "report 2023" 0 "$FORUMSTAT" report --db "$DB" --year 2023 --out rep
assert_grep "Yongcheng sent no 2023 disputes" 'no disputes records for 2023 from: 411481' "$T/out"
assert_eq "Yongcheng has no 2023 dispute figures (empty)" "" "$(metric rep/metrics-2023.csv 411481 disputes)"
assert_eq "Yongcheng 2023 disputes coverage 0" 0 "$(metric rep/metrics-2023.csv 411481 counties_disputes)"
assert_eq "zone 2023 disputes cover 6 counties" 6 "$(metric rep/metrics-2023.csv ALL counties_disputes)"
assert_eq "Henan 2023 disputes cover 2 of 3" 2 "$(metric rep/metrics-2023.csv 410000 counties_disputes)"
assert_eq "zone 2023 disputes cover the others" 1355 "$(metric rep/metrics-2023.csv ALL disputes)"
assert_eq "Yongcheng 2024 disputes: no year-on-year (empty)" "" "$(metric "$M" 411481 disputes_yoy_pct)"
# 2023 lacks Yongcheng's disputes, 2024 has them: the zone's and Henan's
# changes compare different counties, so they are empty (§4 v2).
assert_eq "zone 2024 disputes: not comparable, empty" "" "$(metric "$M" ALL disputes_yoy_pct)"
assert_eq "Henan 2024 resolution: not comparable, empty" "" "$(metric "$M" 410000 resolution_pct_yoy_pp)"
assert_eq "zone 2024 incidents: comparable" 1 \
    "$(metric "$M" ALL incidents_yoy_pct | grep -cE '^-?[0-9]+(\.[0-9]+)?$')"
assert_eq "Dangshan 2024 disputes have a year-on-year" 1 \
    "$(metric "$M" 341321 disputes_yoy_pct | grep -cE '^-?[0-9]+(\.[0-9]+)?$')"
assert_eq "first year held: no year-on-year (empty)" "" "$(metric rep/metrics-2023.csv ALL incidents_yoy_pct)"

# -------------------------------------------------------------- check
assert_exit "check 2023: no findings, exit 0" 0 "$FORUMSTAT" check --db "$DB" --year 2023
assert_grep "check 2023 names Yongcheng's zero report" '^zero report \(declared_cooperation 0\) for 2023 from: 411481' "$T/err"
assert_nogrep "check 2023: the zero report is no gap" '^no cooperation records for 2023' "$T/err"
assert_exit "check 2024: no findings, exit 0" 0 "$FORUMSTAT" check --db "$DB" --year 2024
assert_eq "check 2024 prints nothing on stdout" "" "$(cat "$T/out")"
assert_exit "check 2025: findings, exit 1" 1 "$FORUMSTAT" check --db "$DB" --year 2025
cp "$T/out" check2025.txt
assert_eq "check 2025: four findings" 4 "$(wc -l < check2025.txt)"
assert_grep "Xiao declared 3 incident records more than it sent" \
    '^declared_incidents: incomplete: Xiao County declared ([0-9]+) incident records for 2025 but [0-9]+ were received' check2025.txt
xiao_decl=$(sed -nE 's/^declared_incidents: incomplete: .* declared ([0-9]+) incident.* but ([0-9]+) were received.*/\1 \2/p' check2025.txt)
assert_eq "Xiao: declared = held + 3" 3 "$(( ${xiao_decl% *} - ${xiao_decl#* } ))"
assert_eq "Xiao: held = its records in the warehouse" "${xiao_decl#* }" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM current_incidents WHERE county = '341322' AND year = 2025")"
assert_grep "KQ-2025-009 categories disagree" '^KQ-2025-009: category: .*05.*07|^KQ-2025-009: category: .*07.*05' check2025.txt
assert_grep "KQ-2025-014 unconfirmed by Yongcheng" '^KQ-2025-014: unconfirmed: .*Yongcheng City is named by' check2025.txt
assert_grep "LH-2025-019 dates 5 days apart" '^LH-2025-019: dates: .*5 days apart' check2025.txt
assert_exit "report 2025 succeeds with findings" 0 "$FORUMSTAT" report -q --db "$DB" --year 2025 --out rep
assert_eq "findings-2025.csv: header and four findings" 5 \
    "$(/usr/bin/python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' rep/findings-2025.csv)"
assert_grep "findings-2025.csv names the reference" 'KQ-2025-014' rep/findings-2025.csv
# The briefing names every province tied for the most cross-regional cases
# (in the samples' 2025, two), from the metrics file and the zone file.
want=$(/usr/bin/python3 - rep/metrics-2025.csv "$ROOT/templates/zone.conf" <<'PY'
import csv, sys
v = {r[1]: r[3] for r in csv.reader(open(sys.argv[1])) if r[2] == "cross_cases" and r[1].endswith("0000")}
prov = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("county"):
        f = [x.strip() for x in line.split("=", 1)[1].split("|")]
        prov[f[0][:2] + "0000"] = f[3]
top = max(int(x) for x in v.values() if x)
tied = [prov[c] for c in sorted(v) if v[c] and int(v[c]) == top]
names = "、".join(tied[:-1]) + "和" + tied[-1] if len(tied) > 1 else tied[0]
print(names + ("（各" if len(tied) > 1 else "（") + str(top) + "件")
PY
)
assert_grep "the briefing names every province tied for the most cross-regional cases ($want)" \
    "最多的省份：$want" <(pdftotext rep/briefing-2025.pdf -)
assert_grep "findings-2025.csv: the declared count" '^2025,incomplete,incidents,declared_incidents,341322,341322:declared=[0-9]+;held=[0-9]+,' rep/findings-2025.csv

# ------------------------------------------- zero report (samples 2023)
# Yongcheng sent no cooperation file for 2023 but declared_cooperation 0:
# its figures are 0 (data), coverage counts it, ratios stay empty.
Y23=rep/metrics-2023.csv
assert_eq "zero report: Yongcheng 2023 activities 0" 0 "$(metric "$Y23" 411481 activities)"
assert_eq "zero report: Yongcheng 2023 participants 0" 0 "$(metric "$Y23" 411481 participants)"
assert_eq "zero report: coverage counts it" 1 "$(metric "$Y23" 411481 counties_cooperation)"
assert_eq "zero report: zone cooperation covers 7 of 7" 7 "$(metric "$Y23" ALL counties_cooperation)"
assert_eq "zero report: the zone's 2024 change of activities is comparable" 1 \
    "$(metric "$M" ALL activities_yoy_pct | grep -cE '^-?[0-9]+(\.[0-9]+)?$')"
assert_eq "zero report is not a gap: Yongcheng's disputes 2023 still no data" 0 \
    "$(metric "$Y23" 411481 counties_disputes)"
assert_eq "no declared-count finding in 2023" 0 "$(grep -c declared rep/findings-2023.csv)"

# ------------------------------------------- percentage points (v2)
assert_eq "no relative change of a percentage" "" "$(grep -E ',(clearance|recovery|cross_share|resolution)_pct_yoy_pct,' "$M")"
for p in clearance recovery cross_share; do
    want=$(awk -v a="$(metric "$M" ALL ${p}_pct)" -v b="$(metric rep/metrics-2023.csv ALL ${p}_pct)" 'BEGIN { printf "%.9f", a - b }')
    assert_eq "ALL ${p}_pct_yoy_pp = 2024 - 2023 in points" "$want" \
        "$(awk -v v="$(metric "$M" ALL ${p}_pct_yoy_pp)" 'BEGIN { printf "%.9f", v }')"
done

"$FORUMSTAT" history --db "$DB" > history.txt
assert_grep "history: Yongcheng's zero report" '^  2023 411481 cooperation: declared 0, held 0 \(zero report\)$' history.txt
assert_grep "history: Xiao's declared count against the records held" \
    "^  2025 341322 incidents: declared ${xiao_decl% *}, held ${xiao_decl#* } \\(fewer than declared: a finding, see forumstat check --db .* --year 2025\\)$" history.txt
assert_grep "history: an agreeing count" '^  2025 371722 disputes: declared ([0-9]+), held \1$' history.txt
# the hint's warehouse as the shell takes it: a path with a space is quoted
mkdir "with space"; cp "$DB" "with space/w.db"
"$FORUMSTAT" history --db "with space/w.db" > history-space.txt
assert_grep "history: the hint quotes a warehouse path with a space" \
    "see forumstat check --db 'with space/w\\.db' --year 2025\\)$" history-space.txt

# --------------------------------------- open data beside the workbook
assert "metrics-dictionary.csv written" test -s rep/metrics-dictionary.csv
# every metric name of every sample metrics file has a dictionary line
for y in 2023 2024; do
    "$FORUMSTAT" report -q --db "$DB" --year $y --out dict$y >/dev/null 2>&1
done
missing=$(/usr/bin/python3 - rep/metrics-dictionary.csv dict2023/metrics-2023.csv dict2024/metrics-2024.csv rep/metrics-2025.csv <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
pats = []
for r in rows:
    m = re.match(r"^(.*?)_(NN|T|L|O|K|B|<indicator>)(_.*)?$", r["metric"])
    if m and r["values"]:
        for v in r["values"].split():
            pats.append(m.group(1) + "_" + v + (m.group(3) or ""))
    else:
        pats.append(r["metric"])
known = set(pats)
names = {row[2] for f in sys.argv[2:] for row in list(csv.reader(open(f)))[1:]}
print(" ".join(sorted(names - known)))
PY
)
assert_eq "the dictionary lists every metric name of the samples' metrics files" "" "$missing"
assert "cross-cases-2025.csv written" test -s rep/cross-cases-2025.csv
assert_eq "cross-cases-2025.csv: one line per cross_ref of 2025" \
    "$(sqlite3 "$DB" "SELECT count(DISTINCT cross_ref) FROM current_incidents WHERE year = 2025 AND cross_ref IS NOT NULL")" \
    "$(/usr/bin/python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))) - 1)' rep/cross-cases-2025.csv)"
assert_grep "cross-cases-2025.csv: the unconfirmed case carries its finding" '^2025,KQ-2025-014,.*,unconfirmed.?$' rep/cross-cases-2025.csv
assert_grep "cross-cases-2025.csv: the category disagreement" '^2025,KQ-2025-009,05;07,.*,category.?$' rep/cross-cases-2025.csv
# The description is one county's subcategory in its own words ("…；本县9起
# 26只": 本县 is that county): description_county names it, the text is as
# the county wrote it.  KQ-2024-001: the lead's (Shan's 9 of 19 offences);
# KQ-2025-016: the lead (Xiayi) wrote none, Yongcheng's words are named so.
desc() { # FILE REF -> "lead description_county description"
    /usr/bin/python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if r["cross_ref"] == sys.argv[2]:
        print(r["lead"], r["description_county"], r["description"])' "$1" "$2"
}
assert_eq "cross-cases: description_county stands before description" \
    "named_without_record,description_county,description,findings" \
    "$(head -1 rep/cross-cases-2025.csv | tr -d '\r' | cut -d, -f13-)"
assert_eq "cross-cases-2024.csv: KQ-2024-001 quotes the lead's record, naming it" \
    "371722 371722 $(sqlite3 "$DB" "SELECT subcategory FROM current_incidents WHERE cross_ref = 'KQ-2024-001' AND county = '371722'")" \
    "$(desc rep/cross-cases-2024.csv KQ-2024-001)"
assert_eq "cross-cases-2025.csv: KQ-2025-016 quotes another county's record (the lead's has none), naming it" \
    "411426 411481 盗窃电力设施" "$(desc rep/cross-cases-2025.csv KQ-2025-016)"

# ------------------------------------------ views for analysts (schema 4)
assert_eq "the warehouse has the current_* views" "current_cooperation current_disputes current_incidents current_indicators" \
    "$(sqlite3 "$DB" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'current%' ORDER BY name)")"
assert_eq "current_incidents: money in yuan, the figures' loss" "$(metric "$M" ALL loss_yuan)" \
    "$(sqlite3 "$DB" "SELECT printf('%.2f', sum(loss_yuan)) FROM current_incidents WHERE year = 2024")"
assert_eq "current_incidents: the figures' records" "$(metric "$M" ALL incidents)" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM current_incidents WHERE year = 2024")"
assert_eq "current_indicators: population in persons" \
    "$(sqlite3 "$DB" "SELECT value / 100 FROM indicators i JOIN live_slices s ON s.tbl = 'indicators' AND s.county = i.county AND s.year = i.year AND s.import_id = i.import_id WHERE i.county = '341321' AND i.year = 2024 AND indicator = 'population'")" \
    "$(sqlite3 "$DB" "SELECT CAST(value AS INTEGER) FROM current_indicators WHERE county = '341321' AND year = 2024 AND indicator = 'population'")"
assert_exit "the views are read-only" 1 sqlite3 "$DB" "INSERT INTO current_incidents(county) VALUES ('341321')"
# A replacement: the views show the new records only, the tables keep both.
printf 'case_id,county,date_reported,category,offenses,loss_yuan,status\nV1,341321,2024-03-01,05,1,12.50,open\nV2,341321,2024-03-02,05,1,1,open\n' > v1.csv
printf 'case_id,county,date_reported,category,offenses,loss_yuan,status\nW1,341321,2024-03-01,05,1,100.25,open\nW2,341321,2024-03-02,05,1,0.05,open\n' > v2.csv
assert_exit "views: import two records" 0 "$FORUMSTAT" import -q --db views.db v1.csv
assert_exit "views: import their replacement" 0 "$FORUMSTAT" import -q --db views.db v2.csv
assert_eq "current_incidents: only the replacement, money in yuan" "W1,W2|100.3" \
    "$(sqlite3 views.db "SELECT group_concat(case_id), sum(loss_yuan) FROM (SELECT * FROM current_incidents ORDER BY case_id)")"
assert_eq "the table keeps the superseded records, in fen" "4|11380" \
    "$(sqlite3 views.db "SELECT count(*), sum(loss_yuan) FROM incidents")"

# ------------------------ a long "not comparable" reason (found by t33)
# One county's incidents in 2023, another's in 2024: the headline tiles'
# reason names six missing counties a year, longer than the tile's old
# 160-byte buffer, which cut a character in half (report exit 3).
mkdir nc
printf 'case_id,county,date_reported,category,offenses,status\nA1,341321,2023-03-01,05,1,open\n' > nc/a.csv
printf 'case_id,county,date_reported,category,offenses,status\nB1,341322,2024-03-01,05,1,open\n' > nc/b.csv
assert_exit "one county in 2023, another in 2024" 0 "$FORUMSTAT" import -q --db nc/w.db nc/a.csv nc/b.csv
assert_exit "... report 2024 in Chinese works" 0 "$FORUMSTAT" report -q --lang zh --db nc/w.db --year 2024 --out nc/rep
assert "... the headline tiles are drawn" test -s nc/rep/charts/08-tiles.png
assert_grep "... the briefing gives the whole reason" '2024年1/7县（缺丰县、砀山县' <(pdftotext nc/rep/briefing-2024.pdf - 2>/dev/null | tr -d '\n')

# ------------------------------------------------------ failure paths
assert_exit "unknown year exits 1" 1 "$FORUMSTAT" report --db "$DB" --year 2019 --out bad
assert_grep "unknown year: says which years are held" 'no records for 2019 \(years held: 2023, 2024, 2025\)' "$T/err"
assert "unknown year: no output folder" test ! -e bad
assert_exit "check of an unknown year exits 1" 1 "$FORUMSTAT" check --db "$DB" --year 2030
assert_exit "missing warehouse exits 3" 3 "$FORUMSTAT" report --db nowhere.db --year 2024 --out bad
assert_grep "missing warehouse: clear message" 'there is no warehouse nowhere\.db: .*forumstat import --db nowhere\.db' "$T/err"
assert "missing warehouse: not created" test ! -e nowhere.db
printf 'case_id,county,date_reported,category,offenses,status\n' > header-only.csv
"$FORUMSTAT" import -q --db empty.db header-only.csv >/dev/null 2>&1
assert_exit "empty warehouse exits 1" 1 "$FORUMSTAT" report --db empty.db --year 2024 --out bad
assert_grep "empty warehouse: clear message" 'holds no records yet' "$T/err"
assert_exit "not a warehouse exits 3" 3 "$FORUMSTAT" report --db header-only.csv --year 2024 --out bad
assert_exit "no --year is a usage error" 2 "$FORUMSTAT" report --db "$DB" --out bad
assert_exit "a bad year is a usage error" 2 "$FORUMSTAT" report --db "$DB" --year 24 --out bad
assert_exit "no --out is a usage error" 2 "$FORUMSTAT" report --db "$DB" --year 2024
assert_exit "out folder created with its parents" 0 "$FORUMSTAT" report -q --db "$DB" --year 2024 --out deep/er/out
assert "nested out folder holds the metrics" test -s deep/er/out/metrics-2024.csv
touch afile
assert_exit "out folder under a file exits 3" 3 "$FORUMSTAT" report --db "$DB" --year 2024 --out afile/out
assert_grep "unwritable out folder: clear message" 'cannot create the folder afile/out' "$T/err"
if [ "$(id -u)" != 0 ]; then
    mkdir ro && chmod 555 ro
    assert_exit "read-only out folder exits 3" 3 "$FORUMSTAT" report --db "$DB" --year 2024 --out ro
    assert_eq "read-only out folder: nothing left" "" "$(ls -A ro)"
    chmod 755 ro
fi
# A reader never writes: a county's SQLite file in WAL mode given as --db
# (records committed in its -wal, not yet in the file) is refused and left
# byte for byte, its -wal too (no checkpoint on close).
mkdir side
/usr/bin/python3 - side/county.db <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE incidents(case_id TEXT, county TEXT, offenses INT)")
c.executemany("INSERT INTO incidents VALUES (?, '341321', 1)", [("A%d" % i,) for i in range(500)])
os._exit(0)  # as a program killed: the -wal stays
PY
before=$(cat side/county.db side/county.db-wal | sha256sum)
assert_exit "report --db a county's SQLite file: refused" 3 "$FORUMSTAT" report --db side/county.db --year 2024 --out side/out
assert_exit "check --db it: refused" 3 "$FORUMSTAT" check --db side/county.db --year 2024
assert_eq "... the file and its -wal left byte for byte" "$before" "$(cat side/county.db side/county.db-wal | sha256sum)"
# A warehouse in a folder the user may not write (a read-only share): the
# reason, not "damaged", for a reader and for a writer.
if [ "$(id -u)" = 0 ]; then
    chmod 711 "$T" # nobody passes through to roshare, reads nothing else
    as_other() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else as_other() { "$@"; }; fi
mkdir -p roshare/out && chmod 777 roshare/out
cp "$DB" roshare/w.db && chmod 666 roshare/w.db && chmod 555 roshare
as_other "$FORUMSTAT" report --lang en --db roshare/w.db --year 2024 --out roshare/out/r > "$T/out" 2> "$T/err"
assert_eq "warehouse in a read-only folder: report exits 3" 3 "$?"
assert_grep "... says the folder is not writable, not damaged, and that a copy will do" \
    'cannot read the warehouse roshare/w\.db: its folder is not writable for you, and SQLite must make two files there .*copy the warehouse into a folder you can write \(a report from the copy is the same\)' "$T/err"
as_other "$FORUMSTAT" import -q --lang en --db roshare/w.db "$S/2025/xiao-2025-incidents.csv" > "$T/out" 2> "$T/err"
assert_eq "... import exits 3" 3 "$?"
assert_grep "... and asks for the permission, never for a copy" \
    'cannot open the warehouse roshare/w\.db: its folder is not writable for you, .*ask whoever manages it for write permission on the folder$' "$T/err"
# A warehouse file the user may not write, in a folder they may: import
# and revert say so before anything is read (was: an I/O error at the
# end); migrate --from only reads it, and copies it.
chmod 777 roshare && chmod 444 roshare/w.db
as_other "$FORUMSTAT" import -q --lang en --db roshare/w.db "$S/2025/xiao-2025-incidents.csv" \
    > "$T/out" 2> "$T/err"
assert_eq "import into a read-only warehouse exits 3" 3 "$?"
assert_grep "... says the file may not be written" \
    'cannot write to the warehouse roshare/w\.db: you may not write the file; ask whoever manages it' "$T/err"
as_other "$FORUMSTAT" revert --lang en --db roshare/w.db 1 > "$T/out" 2> "$T/err"
assert_eq "revert in it exits 3" 3 "$?"
assert_grep "... the same words" 'cannot write to the warehouse roshare/w\.db: you may not write the file' "$T/err"
as_other "$FORUMSTAT" migrate -q --from roshare/w.db --to roshare/out/copy.db > "$T/out" 2> "$T/err"
assert_eq "migrate --from a warehouse the user may only read: copied" 0 "$?"
chmod 755 roshare
# A warehouse on a read-only file system (a disc, a share mounted
# read-only): read as it is; an import says why not.  Needs mount.
mkdir rofs
if mount -t tmpfs -o size=8m none rofs 2> /dev/null; then
    cp "$DB" rofs/w.db && mount -o remount,ro rofs
    assert_exit "read-only file system: report works" 0 "$FORUMSTAT" report -q --db rofs/w.db --year 2024 --out rofs-out
    assert "... the same metrics" cmp rep/metrics-2024.csv rofs-out/metrics-2024.csv
    assert_exit "... import exits 3" 3 "$FORUMSTAT" import -q --lang en --db rofs/w.db "$S/2025/xiao-2025-incidents.csv"
    assert_grep "... saying so" 'cannot write to the warehouse rofs/w\.db: it lies on a read-only file system' "$T/err"
    umount rofs
else
    ok "read-only file system: SKIP (mount not permitted here)"
fi
# A full disk (file size limit): exit 3 and no partial or temporary file.
mkdir full
(ulimit -f 48; "$FORUMSTAT" report -q --db "$DB" --year 2024 --out full >"$T/out" 2>"$T/err"; echo $? > full.rc)
assert_eq "full disk exits 3" 3 "$(cat full.rc)"
assert_grep "full disk: says so" 'disk full|free some space|File too large' "$T/err"
assert_eq "full disk: nothing left in the folder" "" "$(ls -A full)"
# An earlier complete output survives a failed run untouched.
cp -r rep keep
(ulimit -f 48; "$FORUMSTAT" report -q --db "$DB" --year 2024 --out rep >/dev/null 2>&1)
assert "failed run leaves the earlier metrics intact" cmp -s keep/metrics-2024.csv rep/metrics-2024.csv
assert_eq "failed run leaves no temporary file" "" "$(ls rep | grep tmp || true)"
# A killed run's temporary files (an hour old) are swept by the next run;
# a fresh one (another run writing now) and other names are left alone.
touch -d '2 hours ago' rep/metrics-2024.csv.tmp-AAAAAA rep/charts/01-offences.png.tmp-BBBBBB \
    rep/notes.txt.tmp-CCCCCC
touch rep/forum-2024.xlsx.tmp-DDDDDD
"$FORUMSTAT" report -q --db "$DB" --year 2024 --out rep > /dev/null 2>&1
assert "stale temporary metrics file swept" test ! -e rep/metrics-2024.csv.tmp-AAAAAA
assert "stale temporary chart swept" test ! -e rep/charts/01-offences.png.tmp-BBBBBB
assert "a fresh temporary file is kept" test -e rep/forum-2024.xlsx.tmp-DDDDDD
assert "another file's temporary file is kept" test -e rep/notes.txt.tmp-CCCCCC
rm -f rep/*.tmp-*

# A warehouse made before the stored cubes (schema 1) is upgraded once:
# the cubes are rebuilt from the records.
cp ring.db old.db
sqlite3 old.db "DROP TABLE cube_incidents; DROP TABLE cube_disputes; DROP INDEX incidents_cross;
    DROP INDEX incidents_assist; DROP INDEX disputes_shared;
    CREATE UNIQUE INDEX incidents_identity ON incidents(case_id, county, year, import_id);
    PRAGMA user_version = 1;"
assert_exit "report on a schema-1 warehouse" 0 "$FORUMSTAT" report -q --db old.db --year 2024 --out old
assert_grep "says it upgrades the warehouse" 'upgrading the warehouse old\.db to schema [0-9]+' "$T/err"
assert_eq "the warehouse is at the current schema now" "$(sqlite3 "$DB" 'PRAGMA user_version')" "$(sqlite3 old.db 'PRAGMA user_version')"
assert_eq "the upgrade dropped the identity indexes" "" "$(sqlite3 old.db "SELECT name FROM sqlite_schema WHERE name LIKE '%identity'")"
assert_eq "the upgrade made the current_* views" 4 "$(sqlite3 old.db "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name LIKE 'current%'")"
# A schema-3 warehouse (before the views) gains them once, figures unchanged.
cp ring.db v3.db
sqlite3 v3.db "DROP VIEW current_incidents; DROP VIEW current_disputes; DROP VIEW current_cooperation;
    DROP VIEW current_indicators; PRAGMA user_version = 3;"
assert_exit "report on a schema-3 warehouse" 0 "$FORUMSTAT" report -q --db v3.db --year 2024 --out v3
assert_eq "schema 3 -> 4: the views are there" 4 "$(sqlite3 v3.db "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name LIKE 'current%'")"
assert "schema 3 -> 4: same figures" cmp -s ring/metrics-2024.csv v3/metrics-2024.csv
cp ring.db v3h.db
sqlite3 v3h.db "DROP VIEW current_incidents; DROP VIEW current_disputes; DROP VIEW current_cooperation;
    DROP VIEW current_indicators; PRAGMA user_version = 3;"
assert_exit "history on a schema-3 warehouse upgrades it (not 'not a warehouse')" 0 "$FORUMSTAT" history --db v3h.db
assert_grep "history says it upgrades the warehouse" 'upgrading the warehouse v3h\.db to schema' "$T/err"
assert "same figures as before the upgrade" cmp -s ring/metrics-2024.csv old/metrics-2024.csv
# SOURCE_DATE_EPOCH=0 is a date like any other (1970-01-01), honoured by
# report as by import (report used to ignore 0 and take the last import's
# time): the documents say 1970, and say it the same way every time.
for d in e0a e0b; do
    SOURCE_DATE_EPOCH=0 assert_exit "report 2024 with SOURCE_DATE_EPOCH=0 ($d)" 0 \
        "$FORUMSTAT" report -q --db "$DB" --year 2024 --out $d
done
assert_eq "SOURCE_DATE_EPOCH=0: the two reports are byte-identical" "" "$(diff -r e0a e0b 2>&1 | head -3)"
assert_eq "SOURCE_DATE_EPOCH=0: the workbook's Overview says data as of 1970-01-01" 1 \
    "$(unzip -p e0a/forum-2024.xlsx xl/sharedStrings.xml | grep -c '>1970-01-01<')"
assert_grep "SOURCE_DATE_EPOCH=0: the workbook's creation time is 1970 (one second in: 0 means now to libxlsxwriter)" \
    '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:01Z<' <(unzip -p e0a/forum-2024.xlsx docProps/core.xml)
assert_eq "SOURCE_DATE_EPOCH=0: the briefing's cover says 1970年1月1日" 1 \
    "$(pdftotext e0a/briefing-2024.pdf - | grep -c '数据截至1970年1月1日')"
assert_eq "SOURCE_DATE_EPOCH=0: the briefing's creation date is 1970-01-01" "Thu Jan 1 00:00:00 1970 UTC" \
    "$(TZ=UTC pdfinfo e0a/briefing-2024.pdf | sed -n 's/^CreationDate: *//p' | tr -s ' ')"
assert_exit "report --help" 0 "$FORUMSTAT" report --help
assert_grep "help documents the exit status" '^Exit status: 0' "$T/out"
# every document the help points at exists
for doc in $(grep -oE 'docs/[a-z.-]+\.md' "$T/out" | sort -u); do
    assert "report --help names $doc, which exists" test -s "$ROOT/$doc"
done
assert_grep "report --help points at docs/warehouse.md" 'docs/warehouse\.md' "$T/out"
assert_grep "README links docs/warehouse.md" '\(docs/warehouse\.md\)' "$ROOT/README.md"
assert_grep "the man page names docs/warehouse.md" 'docs/warehouse\.md' "$ROOT/docs/forumstat.1"
