#!/usr/bin/env bash
# bench/bench-xlsx.sh — importing a workbook (.xlsx) against the same CSV.
#
# For each size (default 100 000 records) generates an incidents CSV
# (bench/gen_incidents.py, 15 columns), writes the same rows as a workbook
# the way Excel saves one (tests/fixtures/xlsx/mkxlsx.py: shared strings,
# numbers as numbers, dates as serial numbers under a date format), imports
# each with forumstat into a new warehouse (full validation, one
# transaction) and prints the time, records/s and peak RSS of both, the
# ratio, and checks that both warehouses hold the same records.  Each
# import runs 3 times; the best time counts.  Run it on a quiet machine.
#
# usage: bench/bench-xlsx.sh [ROWS...]
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 100000
make -s all
W=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench-xlsx.XXXXXX")
trap 'rm -rf "$W"' EXIT

measure() { # label, file -> prints the line, sets $best and $rss
    local label=$1 file=$2
    best="" rss=0
    for i in 1 2 3; do
        rm -f "$W"/w.db "$W"/w.db-*
        /usr/bin/time -f '%e %M' -o "$W/time" build/forumstat import -q --db "$W/w.db" "$file" \
            > /dev/null 2> "$W/err" || { cat "$W/err"; exit 3; }
        read -r t m < "$W/time"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
        [ "$m" -gt "$rss" ] && rss=$m
    done
    awk -v l="$label" -v t="$best" -v r="$rss" -v n="$ROWS" \
        'BEGIN{printf "%-18s %7.2f s  %10.0f records/s  peak RSS %6.1f MB\n", l, t, n/t, r/1024}'
}

records() { sqlite3 "$1" "SELECT case_id, county, date_reported, category, offenses, loss_yuan, status
                          FROM live_incidents ORDER BY case_id" | sha256sum | cut -c1-16; }

for ROWS in "$@"; do
    /usr/bin/python3 bench/gen_incidents.py "$ROWS" "$W/incidents.csv"
    PYTHONPATH=tests/fixtures/xlsx PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 - "$W/incidents.csv" "$W/incidents.xlsx" <<'EOF'
import sys, csv2xlsx, mkxlsx
rows, h = csv2xlsx.typed_rows(csv2xlsx.read_csv(sys.argv[1]), 0)
mkxlsx.Book().sheet("incidents", rows).save(sys.argv[2])
EOF
    printf '\n%s records: CSV %s bytes, workbook %s bytes\n' "$ROWS" \
        "$(stat -c %s "$W/incidents.csv")" "$(stat -c %s "$W/incidents.xlsx")"
    measure "import CSV" "$W/incidents.csv"
    csv_t=$best
    csv_sum=$(records "$W/w.db")
    measure "import workbook" "$W/incidents.xlsx"
    xlsx_sum=$(records "$W/w.db")
    awk -v a="$best" -v b="$csv_t" 'BEGIN{printf "workbook / CSV time: %.2f\n", a/b}'
    if [ "$csv_sum" = "$xlsx_sum" ]; then echo "same records: yes"; else echo "same records: NO"; exit 1; fi
done
