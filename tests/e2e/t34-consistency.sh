#!/usr/bin/env bash
# t34-consistency — every figure shown is the metrics file's figure, the
# same wherever it appears (standard §4, v2 presentation rules).
#
# tests/e2e/check_consistency.py reads back, with no forumstat code, the
# workbook (every figure cell of Overview, Counties, Crime, Disputes,
# Cooperation, Trends), the briefing (tiles, appendix table, takeaway
# sentences, the numbers of every chart page) and the chart PDFs (value
# labels of 01 03a 04 05 06 07 08 09 10 12 13 14 15 16) and compares them
# with metrics-Y.csv as the presentation rules format them; no year after Y
# in report Y (findings excepted, see the checker); zone figures of partly
# covered tables carry n/7县 ("n of 7 counties") in the Overview, tiles,
# appendix, takeaways and sheet notes; a zone total that is not the sum of
# the county rows (dedup) carries its dagger and note (sheets, appendix).
# Three datasets: the samples (2023..2025), the awkward zone of t32 and
# one of its random zones, each reported for 2023, 2024 and 2025 in zh and
# en.  Then the checker's honesty: a
# metrics file with one figure changed, a workbook with one cell changed
# and one with a dedup header's dagger removed all fail it.
. "$(dirname "$0")/lib.sh"
cd "$T"
PY=/usr/bin/python3
CHECK="$ROOT/tests/e2e/check_consistency.py"
S="$ROOT/samples"

# consistent DESC DIR YEAR LANG METRICS...: the checker passes on DIR
consistent() {
    local d=$1 dir=$2 y=$3 lang=$4; shift 4
    local args=()
    for mf in "$@"; do args+=(--metrics "$mf"); done
    "$PY" "$CHECK" --year "$y" --out "$dir" --lang "$lang" "${args[@]}" >"$T/check.out" 2>&1
    local rc=$?
    if [ "$rc" -eq 0 ]; then
        ok "$d ($(grep -c '^ok' "$T/check.out") checks: $(grep -o '[0-9]* figures\|[0-9]* labels' "$T/check.out" | awk '{ s += $1 } END { print s }') figures)"
    else
        nok "$d" "exit $rc" "$(grep -v '^ok' "$T/check.out" | head -14)"
    fi
}

# report DB YEAR DIR...: zh and en reports of YEAR
reports() {
    local db=$1 y=$2 pre=$3
    assert_exit "$pre: report $y (zh)" 0 "$FORUMSTAT" report -q --db "$db" --year "$y" --out "$pre-zh$y"
    assert_exit "$pre: report $y (en)" 0 "$FORUMSTAT" report -q --db "$db" --year "$y" --lang en --out "$pre-en$y"
}

# run-tests' sanitizer lane reports the awkward and random zones only: the
# samples' reports run under the sanitizers in t30, t40 and t50, and the
# honesty checks test the checker, not forumstat (make check runs all).
SAN_LANE=false
[ "${RUN_TESTS_LANE:-}" = san ] && SAN_LANE=true

# ------------------------------------------------------------ the samples
$SAN_LANE && ok "# SKIP in run-tests' san lane: the samples (t30, t40, t50 report them there)"
$SAN_LANE || for y in 2023 2024 2025; do
    assert_exit "samples $y import" 0 "$FORUMSTAT" import -q --db s.db "$S/$y"
done
$SAN_LANE || for y in 2023 2024 2025; do reports s.db $y s; done
$SAN_LANE || for l in zh en; do
    consistent "samples 2025 ($l): outputs read as metrics-2025.csv" s-${l}2025 2025 $l \
        2024=s-zh2024/metrics-2024.csv 2023=s-zh2023/metrics-2023.csv
    consistent "samples 2024 ($l, 2025 held): outputs read as metrics-2024.csv" s-${l}2024 2024 $l \
        2023=s-zh2023/metrics-2023.csv
    consistent "samples 2023 ($l, the first year; 6/7 disputes): outputs read as metrics-2023.csv" s-${l}2023 2023 $l
done

# ------------------------------------------------------- the awkward zone
"$PY" "$ROOT/tests/e2e/oracle_fixture.py" fx
for r in run0 run1 run2 run3; do
    assert_exit "awkward: import $r" 0 "$FORUMSTAT" import -q --db fx.db fx/$r
done
for y in 2023 2024 2025; do reports fx.db $y fx; done
for l in zh en; do
    consistent "awkward 2025 ($l): outputs read as metrics-2025.csv" fx-${l}2025 2025 $l \
        2024=fx-zh2024/metrics-2024.csv 2023=fx-zh2023/metrics-2023.csv
    consistent "awkward 2024 ($l, 2025 held): outputs read as metrics-2024.csv" fx-${l}2024 2024 $l \
        2023=fx-zh2023/metrics-2023.csv
    consistent "awkward 2023 ($l, 2 of 7 counties, a rate on a rounding tie): outputs read as metrics-2023.csv" \
        fx-${l}2023 2023 $l
done
# the dataset has what the coverage and rounding checks need
assert_eq "awkward 2023: the zone's resolution rate is a tie at 1 decimal (shown 31.3% as Excel shows it)" \
    31.25 "$(awk -F, '$2 == "ALL" && $3 == "resolution_pct" { print $4 }' fx-zh2023/metrics-2023.csv)"
assert_eq "awkward 2024: the zone's incidents cover 6 of 7 counties" 6 \
    "$(awk -F, '$2 == "ALL" && $3 == "counties_incidents" { print $4 }' fx-zh2024/metrics-2024.csv)"

# ------------------------------------------------------ a random zone
# t32's random zone (coverage, zero reports and shared references drawn at
# random).  Other seeds: oracle_fixture.py --chaos SEED (21 seeds passed
# when this was written).
"$PY" "$ROOT/tests/e2e/oracle_fixture.py" --chaos k7 ch
for r in run0 run1 run2 run3; do
    assert_exit "random zone: import $r" 0 "$FORUMSTAT" import -q --db ch.db ch/$r
done
for y in 2023 2024 2025; do reports ch.db $y ch; done
for l in zh en; do
    consistent "random zone 2025 ($l)" ch-${l}2025 2025 $l 2024=ch-zh2024/metrics-2024.csv 2023=ch-zh2023/metrics-2023.csv
    consistent "random zone 2024 ($l)" ch-${l}2024 2024 $l 2023=ch-zh2023/metrics-2023.csv
    consistent "random zone 2023 ($l)" ch-${l}2023 2023 $l
done

# ------------------------------------------------ the checker is honest
if $SAN_LANE; then
    ok "# SKIP in run-tests' san lane: the checker's honesty (make check runs it)"
    echo "1..$_n"
    exit 0
fi
# One figure of the metrics file changed: the workbook, tiles, appendix
# and charts that show it no longer agree.
cp -r s-zh2025 bad1
awk -F, -v OFS=, '$2 == "ALL" && $3 == "cross_cases" { $4 = $4 + 1 } 1' s-zh2025/metrics-2025.csv > bad1/metrics-2025.csv
"$PY" "$CHECK" --year 2025 --out bad1 --metrics 2024=s-zh2024/metrics-2024.csv >bad1.out 2>&1
assert_eq "honesty: a metrics file with the zone's cross_cases + 1 fails" 1 "$?"
assert_grep "honesty: the Overview names it" 'not ok - workbook Overview' bad1.out
assert_grep "honesty: the tiles name it" 'tile 跨区域案件 reads 17, the metrics file gives 18' bad1.out
assert_grep "honesty: the appendix names it" 'appendix 片区合计 reads' bad1.out
# A per-10k rate of one county changed: its charts no longer agree.
cp -r s-zh2025 bad2
awk -F, -v OFS=, '$2 == "411426" && $3 == "offenses_per_10k" { $4 = $4 + 0.01 } 1' s-zh2025/metrics-2025.csv > bad2/metrics-2025.csv
"$PY" "$CHECK" --year 2025 --out bad2 --metrics 2024=s-zh2024/metrics-2024.csv >bad2.out 2>&1
assert_eq "honesty: Xiayi's offences per 10k + 0.01 fails" 1 "$?"
assert_grep "honesty: chart 01 names it" 'chart 01: 夏邑县 reads' bad2.out
assert_grep "honesty: the hex map names it" 'chart 09: 夏邑县 reads' bad2.out
assert_grep "honesty: the takeaway 最高：夏邑县（3.93） names it" 'takeaway of 01-offences: 夏邑县 \(3.93\)' bad2.out
assert_grep "honesty: the appendix names it" 'appendix 夏邑县 reads' bad2.out
# The workbook changed in its XML (openpyxl would drop the formulas' cached
# values): one number of the Disputes sheet, then the dagger of a dedup
# column's header.
xlsx_edit() {   # xlsx_edit FILE PART REGEX REPLACEMENT
    "$PY" - "$@" <<'PY'
import re, sys, zipfile
path, part, pat, rep = sys.argv[1:]
z = zipfile.ZipFile(path)
items = [(i, z.read(i.filename)) for i in z.infolist()]
z.close()
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
    for i, data in items:
        if i.filename == part:
            new, k = re.subn(pat, rep, data.decode())
            assert k >= 1, "no match in " + part
            data = new.encode()
        out.writestr(i, data)
PY
}
cp -r s-en2025 bad3
want=$("$PY" -c 'import openpyxl, sys; print(openpyxl.load_workbook(sys.argv[1])["Disputes"]["C7"].value)' bad3/forum-2025.xlsx)
xlsx_edit bad3/forum-2025.xlsx xl/worksheets/sheet4.xml "(<c r=\"C7\"[^>]*><v>)$want(</v>)" "\g<1>$((want + 1))\g<2>"
"$PY" "$CHECK" --year 2025 --out bad3 --lang en --metrics 2024=s-zh2024/metrics-2024.csv >bad3.out 2>&1
assert_eq "honesty: a workbook with one dispute count + 1 fails" 1 "$?"
assert_grep "honesty: names the cell" "Disputes!C7 341321 disputes_type_neighborhood: shows $((want + 1))" bad3.out
assert_eq "honesty: and nothing else" 1 "$(grep -c '^not ok' bad3.out)"
cp -r s-en2025 bad4
xlsx_edit bad4/forum-2025.xlsx xl/sharedStrings.xml "Cross-border disputes †" "Cross-border disputes"
"$PY" "$CHECK" --year 2025 --out bad4 --lang en --metrics 2024=s-zh2024/metrics-2024.csv >bad4.out 2>&1
assert_eq "honesty: a dedup column without its dagger fails" 1 "$?"
assert_grep "honesty: names the column" "cross_disputes: the zone's [0-9]+ is not the sum of the counties" bad4.out

echo "1..$_n"
