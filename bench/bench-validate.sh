#!/usr/bin/env bash
# bench/bench-validate.sh — `forumstat validate` against raw libcsv parsing.
#
# Generates an incidents CSV (bench/gen_incidents.py, default 1 000 000
# records, 15 columns), builds bench/rawcsv.c (libcsv and nothing else: the
# fastest a validator built on libcsv can read the file), then runs both
# RUNS times, interleaved, and prints the median elapsed and CPU time of
# each, validate's peak RSS, and validate's rate as a share of the raw
# parse rate (issue 16 target: at least 50 %; both cores may work).  Also
# checks that validate wrote no file (it needs no database).
#
# usage: bench/bench-validate.sh [ROWS]     (RUNS=5)
# A benchmark, not a test: it prints figures and does not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${RUNS:-5}
make -s all
W=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench-validate.XXXXXX")
trap 'rm -rf "$W"' EXIT
cc -O2 -o "$W/rawcsv" bench/rawcsv.c -lcsv
export FORUMSTAT_ZONE=$PWD/templates/zone.conf
/usr/bin/python3 bench/gen_incidents.py "$ROWS" "$W/incidents.csv"
printf 'file: %s records, %s bytes\n' "$ROWS" "$(stat -c %s "$W/incidents.csv")"
cat "$W/incidents.csv" > /dev/null # in the page cache for both
: > "$W/raw.t"; : > "$W/val.t"
for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %U %S %M' -a -o "$W/raw.t" "$W/rawcsv" "$W/incidents.csv" > /dev/null
    touch "$W/stamp"
    TMPDIR=$W/tmp /usr/bin/time -f '%e %U %S %M' -a -o "$W/val.t" \
        build/forumstat validate -q "$W/incidents.csv" 
    written=$(find "$W" -newer "$W/stamp" -type f ! -name '*.t' | wc -l)
done
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
raw_e=$(awk '{print $1}' "$W/raw.t" | median); raw_c=$(awk '{print $2+$3}' "$W/raw.t" | median)
val_e=$(awk '{print $1}' "$W/val.t" | median); val_c=$(awk '{print $2+$3}' "$W/val.t" | median)
val_m=$(awk '{print $4}' "$W/val.t" | sort -n | tail -1)
awk -v re="$raw_e" -v rc="$raw_c" -v ve="$val_e" -v vc="$val_c" -v m="$val_m" -v n="$ROWS" -v w="$written" 'BEGIN{
    printf "raw libcsv parse     %6.2f s elapsed, %6.2f s CPU  %10.0f records/s\n", re, rc, n / re
    printf "forumstat validate   %6.2f s elapsed, %6.2f s CPU  %10.0f records/s, peak RSS %.1f MB, files written: %d\n", ve, vc, n / ve, m / 1024, w
    printf "validate runs at %.0f %% of the raw parse rate (elapsed; target >= 50 %%: %s), %.0f %% by CPU time\n",
           100 * re / ve, (re / ve >= 0.5 ? "met" : "NOT met"), 100 * rc / vc }'
