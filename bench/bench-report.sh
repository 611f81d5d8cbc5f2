#!/usr/bin/env bash
# bench/bench-report.sh — how fast `forumstat report` aggregates a big warehouse.
#
# Builds (once, cached in bench/work/report/) a warehouse of 7 counties ×
# 3 years (2023-2025) × (200 000 incidents + 100 000 disputes + 5 000
# cooperation records per county-year, ~2 % cross-regional incident rows,
# ~1 % joint mediations, ~40 % joint activities): bench/gen_report_data.py
# writes the county CSV files and `forumstat import` loads them, so the
# warehouse is exactly what the real pipeline makes.  Then it times
# `forumstat report --year 2025` (all figures, all scopes, matrices, year on
# year against 2024, findings — `forumstat check`) RUNS times and prints the
# elapsed time and peak RSS of each run (GNU time), then one full `report`.
# Target for the aggregation: under 3 s and 100 MB.
#
# The first run may read the warehouse from disk; later runs find it in the
# page cache.  The summary gives the first and the best run.
#
# Usage: bench/bench-report.sh            (BUILD=build, RUNS=5,
#        N_INC=..., N_DIS=..., N_COOP=..., YEARS=2021,...,2025 (the last one
#        is reported), WORK=folder of the cached warehouse, to change the
#        defaults; bench/bench-growth.sh runs it at 1 M, 5 M and 20 M)
# A benchmark, not a test: it prints figures and does not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
FS=$PWD/$BUILD/forumstat
RUNS=${RUNS:-5}
N_INC=${N_INC:-200000} N_DIS=${N_DIS:-100000} N_COOP=${N_COOP:-5000}
YEARS=${YEARS:-2023,2024,2025}
YEAR=${YEARS##*,}
WORK=${WORK:-bench/work/report}
TIME=/usr/bin/time
[ -x "$FS" ] || { echo "bench-report: build forumstat first (make)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench-report: needs GNU time at $TIME (apt-get install time)" >&2; exit 2; }
export FORUMSTAT_ZONE=$PWD/templates/zone.conf SOURCE_DATE_EPOCH=1732752000

# The cache is rebuilt whenever the warehouse layout may have changed.
schema=$(cat report/store/warehouse.c report/store/cube.c report/common/schema.c | sha256sum | cut -c1-16)
params="years=$YEARS incidents=$N_INC disputes=$N_DIS coop=$N_COOP schema=$schema"
mkdir -p "$WORK"
if [ ! -f "$WORK/wh.db" ] || [ "$(cat "$WORK/params" 2>/dev/null)" != "$params" ]; then
    rm -rf "$WORK/data" "$WORK"/wh.db* "$WORK/params"
    echo "building the warehouse ($params) ..."
    t0=$(date +%s.%N)
    /usr/bin/python3 bench/gen_report_data.py "$WORK/data" --years "$YEARS" --incidents "$N_INC" \
        --disputes "$N_DIS" --coop "$N_COOP"
    t1=$(date +%s.%N)
    for y in ${YEARS//,/ }; do
        "$FS" import -q --db "$WORK/wh.db" "$WORK/data/$y" 2>/dev/null || {
            echo "bench-report: import of $y failed" >&2; exit 3; }
    done
    t2=$(date +%s.%N)
    rm -rf "$WORK/data"
    echo "$params" > "$WORK/params"
    printf 'generate %.1f s + import %.1f s\n' "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" \
        > "$WORK/build-time"
fi
rows=$(sqlite3 "$WORK/wh.db" "SELECT (SELECT count(*) FROM live_incidents) || ' incidents, ' ||
    (SELECT count(*) FROM live_disputes) || ' disputes, ' ||
    (SELECT count(*) FROM live_cooperation) || ' cooperation records'" 2>/dev/null || echo "?")
size=$(du -m "$WORK/wh.db" | cut -f1)

# The aggregation (the target): `check` computes every figure of the year
# for every scope, the matrices, year on year and the findings, and writes
# nothing.  `report` adds the outputs (CSV, workbook, charts), shown for
# information.
best= first= rss_max=0
for i in $(seq 1 "$RUNS"); do
    "$TIME" -f '%e %M' -o "$WORK/time" "$FS" check --db "$WORK/wh.db" --year $YEAR \
        > "$WORK/check.out" 2>&1 || [ $? -eq 1 ] || { echo "bench-report: check failed" >&2; exit 3; }
    read -r secs rss < <(tail -1 "$WORK/time")
    printf 'aggregation run %d: %s s, peak RSS %s MB\n' "$i" "$secs" "$((rss / 1024))"
    [ -z "$first" ] && first=$secs
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
    [ "$rss" -gt "$rss_max" ] && rss_max=$rss
done
rm -rf "$WORK/out"
"$TIME" -f '%e %M' -o "$WORK/time" "$FS" report -q --db "$WORK/wh.db" --year $YEAR \
    --out "$WORK/out" || { echo "bench-report: report failed" >&2; exit 3; }
read -r rsecs rrss < "$WORK/time"
figures=$(($(wc -l < "$WORK/out/metrics-$YEAR.csv") - 1))
findings=$(($(wc -l < "$WORK/out/findings-$YEAR.csv") - 1))
verdict=$(echo "$best < 3 && $rss_max < 102400" | bc)
echo
echo "warehouse: $rows, ${size} MB; built in $(cat "$WORK/build-time" 2>/dev/null || echo '(cached)')"
echo "report $YEAR: $figures figures, $findings findings"
echo "aggregation: first run ${first} s, best ${best} s; peak RSS $((rss_max / 1024)) MB" \
     "(target < 3 s, < 100 MB: $([ "$verdict" = 1 ] && echo met || echo MISSED))"
echo "whole report with every output: ${rsecs} s, peak RSS $((rrss / 1024)) MB"
