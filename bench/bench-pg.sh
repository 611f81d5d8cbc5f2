#!/usr/bin/env bash
# bench/bench-pg.sh — the PostgreSQL warehouse beside the SQLite one (issue 17).
#
# Generates one year of the 7 counties (bench/gen_report_data.py; default
# 100 000 incidents + 42 000 disputes + 1 000 cooperation records per
# county: about 1 M records), imports it with `forumstat import` into a new
# SQLite warehouse and into a new PostgreSQL database of a throwaway
# cluster (tests/pg/cluster, Unix socket, fsync ON like SQLite's
# synchronous=FULL), and prints for each: import time and records/s, then
# the aggregation (`forumstat check`, every figure and finding of the
# year; best of RUNS) and the whole `report` with every output.  It checks
# that both metrics files are the same bytes.  A benchmark, not a test: it
# prints figures and does not fail on them.
#
# Usage: bench/bench-pg.sh          (N_INC, N_DIS, N_COOP, RUNS=3 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
FS=$PWD/${BUILD:-build}/forumstat
RUNS=${RUNS:-3}
N_INC=${N_INC:-100000} N_DIS=${N_DIS:-42000} N_COOP=${N_COOP:-1000}
TIME=/usr/bin/time
[ -x "$FS" ] || { echo "bench-pg: build forumstat first (make)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench-pg: needs GNU time at $TIME" >&2; exit 2; }
tests/pg/cluster available || { echo "bench-pg: no PostgreSQL server binaries (postgresql-15)" >&2; exit 2; }
export FORUMSTAT_ZONE=$PWD/templates/zone.conf SOURCE_DATE_EPOCH=1767225600
W=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench-pg.XXXXXX")
PGDIR=
trap '[ -n "$PGDIR" ] && tests/pg/cluster stop "$PGDIR"; rm -rf "$W"' EXIT
PGDIR=$(PG_SERVER_OPTS="-c fsync=on -c synchronous_commit=on" tests/pg/cluster start)
eval "$(tests/pg/cluster env "$PGDIR")"
PG=$FORUMSTAT_PG

/usr/bin/python3 bench/gen_report_data.py "$W/data" --years 2025 --incidents "$N_INC" \
    --disputes "$N_DIS" --coop "$N_COOP"
bytes=$(du -sb "$W/data/2025" | cut -f1)

run() { # label DB: import, then aggregation and report; prints lines
    local label=$1 db=$2 secs rss best="" i
    "$TIME" -f '%e %M' -o "$W/time" "$FS" import -q --db "$db" "$W/data/2025" > /dev/null 2> "$W/err" \
        || { cat "$W/err" >&2; exit 3; }
    read -r secs rss < <(tail -1 "$W/time")
    records=$(grep -c . <(cat "$W"/data/2025/*.csv) || true)
    records=$((records - $(ls "$W"/data/2025/*.csv | wc -l)))
    printf '%-10s import   %7.2f s  %9.0f records/s  peak RSS %4d MB\n' "$label" "$secs" \
        "$(echo "$records / $secs" | bc -l)" "$((rss / 1024))"
    for i in $(seq 1 "$RUNS"); do
        "$TIME" -f '%e %M' -o "$W/time" "$FS" check --db "$db" --year 2025 > /dev/null 2>&1 || [ $? -eq 1 ]
        read -r secs rss < <(tail -1 "$W/time")
        if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
    done
    printf '%-10s check    %7.2f s  (best of %d; every figure and finding of 2025)\n' "$label" "$best" "$RUNS"
    "$TIME" -f '%e %M' -o "$W/time" "$FS" report -q --db "$db" --year 2025 --out "$W/out-$label" 2> /dev/null
    read -r secs rss < <(tail -1 "$W/time")
    printf '%-10s report   %7.2f s  peak RSS %4d MB (metrics, workbook, charts, briefing)\n' "$label" "$secs" \
        "$((rss / 1024))"
}
echo "one year, 7 counties: $((7 * (N_INC + N_DIS + N_COOP))) records (+ indicators), $((bytes / 1048576)) MB of CSV"
run SQLite "$W/wh.db"
run PostgreSQL "$PG"
echo "SQLite warehouse $(du -m "$W/wh.db" | cut -f1) MB; PostgreSQL database" \
    "$("$PG_BIN/psql" -X -Atq -d "$PG" -c "SELECT pg_database_size(current_database()) / 1048576") MB"
if cmp -s "$W/out-SQLite/metrics-2025.csv" "$W/out-PostgreSQL/metrics-2025.csv"; then
    echo "metrics-2025.csv: the same bytes from both"
else
    echo "metrics-2025.csv: DIFFERENT between the two warehouses"
fi
