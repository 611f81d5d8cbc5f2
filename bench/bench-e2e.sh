#!/usr/bin/env bash
# bench/bench-e2e.sh — forumstat end to end against the pandas peer.
#
# The same county CSV files (bench/gen_report_data.py) go through
#   forumstat: `import` of every file into a new warehouse, then `report`
#              of the year (figures, findings, workbook, charts, briefing);
#   the peer:  bench/peer_pandas.py, what an analyst would write with
#              pandas + XlsxWriter + matplotlib (read every CSV, headline
#              figures per county and zone, a formatted workbook with native
#              charts, six PNG charts) — a subset of forumstat's work.
# at two sizes: a 1 000 000-record zone year (7 counties x 95 000 incidents
# + 45 000 disputes + 3 000 cooperation records) and a sample-sized zone
# (7 counties x 3 years x 300 incidents + 150 disputes + 20 cooperation).
# Each is run 3 times, the two tools interleaved; the best total counts.
# Prints the time of each step, the peak RSS of every command (GNU time) and
# the ratio, of elapsed time and of CPU time (user + system: on a shared
# machine the elapsed time follows the load).  Targets (issue 16): >= 3x at the zone year, >= 10x at the
# sample size, every command under 100 MB.
#
# Needs Debian's python3-pandas, python3-matplotlib and python3-xlsxwriter:
# installed here with apt-get when run as root, else the apt-get line is
# printed and the script stops (exit 3).
#
# Usage: bench/bench-e2e.sh [big|sample]...   (default: both; RUNS=3)
# A benchmark, not a test: it prints figures and does not fail on them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
FS=$ROOT/${BUILD:-build}/forumstat
TIME=/usr/bin/time
PKGS="python3-pandas python3-matplotlib python3-xlsxwriter time"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "bench-e2e: installing$missing" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2 ||
            { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                --no-install-recommends $missing >&2; } || { echo "bench-e2e: apt-get failed" >&2; exit 3; }
    else
        echo "bench-e2e needs: sudo apt-get install -y$missing" >&2; exit 3
    fi
fi
make -s all
export FORUMSTAT_ZONE=$ROOT/templates/zone.conf SOURCE_DATE_EPOCH=1732752000 MPLBACKEND=Agg
W=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench-e2e.XXXXXX")
trap 'rm -rf "$W"' EXIT

# timed LABEL COMMAND...: run, add its seconds to $total, note its peak RSS.
timed() {
    local label=$1; shift
    "$TIME" -f '%e %M %U %S' -o "$W/time" "$@" > "$W/out" 2>&1 || { rc=$?; [ "$label" = import ] && [ $rc = 1 ] || {
        echo "bench-e2e: $label failed (exit $rc)" >&2; tail -5 "$W/out" >&2; exit 3; }; }
    local t m u s; read -r t m u s < "$W/time"
    total=$(echo "$total + $t" | bc)
    cpu=$(echo "$cpu + $u + $s" | bc)
    steps="$steps $label ${t}s/$((m / 1024))MB"
    [ "$m" -gt "$rss" ] && rss=$m
    return 0
}

run_size() { # name year gen-args...
    local name=$1 year=$2; shift 2
    local data="$W/$name-data"
    /usr/bin/python3 bench/gen_report_data.py "$data" "$@"
    local records; records=$(cat "$data"/*/*.csv | wc -l)
    printf '\n== %s: %s records in %s files (%s MB), report of %s\n' "$name" "$records" \
        "$(ls "$data"/*/*.csv | wc -l)" "$(du -sm "$data" | cut -f1)" "$year"
    local best_fs="" best_py="" fs_rss=0 py_rss=0 i fs_cpu="" py_cpu=""
    for i in $(seq 1 "$RUNS"); do
        rm -rf "$W/fs" "$W/py"; mkdir -p "$W/fs"
        total=0 cpu=0 rss=0 steps=""
        timed import "$FS" import -q --db "$W/fs/w.db" "$data"/*/
        timed report "$FS" report -q --db "$W/fs/w.db" --year "$year" --out "$W/fs/out"
        echo "forumstat run $i: ${total}s, CPU ${cpu}s ($steps )"
        if [ -z "$fs_cpu" ] || [ "$(echo "$cpu < $fs_cpu" | bc)" = 1 ]; then fs_cpu=$cpu; fi
        [ "$rss" -gt "$fs_rss" ] && fs_rss=$rss
        if [ -z "$best_fs" ] || [ "$(echo "$total < $best_fs" | bc)" = 1 ]; then best_fs=$total; fi
        total=0 cpu=0 rss=0 steps=""
        timed peer /usr/bin/python3 bench/peer_pandas.py "$data" "$year" "$W/py"
        echo "pandas    run $i: ${total}s, CPU ${cpu}s ($steps )"
        if [ -z "$py_cpu" ] || [ "$(echo "$cpu < $py_cpu" | bc)" = 1 ]; then py_cpu=$cpu; fi
        [ "$rss" -gt "$py_rss" ] && py_rss=$rss
        if [ -z "$best_py" ] || [ "$(echo "$total < $best_py" | bc)" = 1 ]; then best_py=$total; fi
    done
    echo "outputs: forumstat $(find "$W/fs/out" -type f | wc -l) files, pandas $(find "$W/py" -type f | wc -l) files"
    awk -v a="$best_fs" -v b="$best_py" -v r="$fs_rss" -v p="$py_rss" -v n="$name" \
        -v ac="$fs_cpu" -v bc="$py_cpu" 'BEGIN{
        printf "%s: forumstat best %.2f s, pandas best %.2f s: %.2fx (CPU time %.2f s vs %.2f s: %.2fx); peak RSS forumstat %.0f MB, pandas %.0f MB\n",
               n, a, b, b / a, ac, bc, bc / ac, r / 1024, p / 1024 }'
}
sizes=("$@"); [ "${#sizes[@]}" -gt 0 ] || sizes=(sample big)
for s in "${sizes[@]}"; do
    case $s in
    sample) run_size sample 2025 --years 2023,2024,2025 --incidents 300 --disputes 150 --coop 20 ;;
    big) run_size big 2025 --years 2025 --incidents 95000 --disputes 45000 --coop 3000 ;;
    *) echo "bench-e2e: unknown size $s (big, sample)" >&2; exit 2 ;;
    esac
done
echo
echo "targets: >= 3x at the zone year (big), >= 10x at the sample size, every command < 100 MB"
