#!/usr/bin/env bash
# bench/bench-import.sh — import speed and memory against sqlite3 .import.
#
# Generates a large incidents CSV (default 1 000 000 records, 15 columns),
# imports it with forumstat (full validation, one transaction) into a new
# warehouse, then imports the same file with `sqlite3 .import` into a plain
# table (no validation, no index), and prints records/s and peak RSS of
# both.  Targets (issue 2): forumstat at least as fast as sqlite3 .import,
# peak RSS under 64 MB.  Each tool runs 3 times; the best time counts.
#
# usage: bench/bench-import.sh [ROWS]
set -eu
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
make -s all
W=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
/usr/bin/python3 bench/gen_incidents.py "$ROWS" "$W/incidents.csv"
printf 'file: %s records, %s bytes\n' "$ROWS" "$(stat -c %s "$W/incidents.csv")"

measure() { # label, command... -> prints "label best_s rss_kb"
    local label=$1; shift
    local best="" rss=0
    for i in 1 2 3; do
        rm -f "$W"/*.db "$W"/*.db-*
        /usr/bin/time -f '%e %M' -o "$W/time" "$@" > /dev/null 2> "$W/err" || { cat "$W/err"; exit 3; }
        read -r t m < "$W/time"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
        [ "$m" -gt "$rss" ] && rss=$m
    done
    awk -v l="$label" -v t="$best" -v r="$rss" -v n="$ROWS" \
        'BEGIN{printf "%-22s %7.2f s  %10.0f records/s  peak RSS %6.1f MB\n", l, t, n/t, r/1024}'
}
measure "forumstat import" build/forumstat import -q --db "$W/w.db" "$W/incidents.csv"
measure "sqlite3 .import" sqlite3 "$W/plain.db" ".import --csv $W/incidents.csv incidents"
measure "forumstat validate" build/forumstat validate -q "$W/incidents.csv"
