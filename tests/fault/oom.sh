#!/usr/bin/env bash
# tests/fault/oom.sh — out of memory at every allocation point of an import
# and of a report (the fault-injection build, tests/fault/alloc_hooks.c).
#
# For a small data set, the allocations of one clean run are counted (K)
# and each one's call stack noted (tests/fault/alloc_hooks.c), then the run
# is repeated with the N-th allocation failing, for the first N of every
# distinct call stack over the whole run (a loop's allocations are one
# path; start-up, the same in every import, is tried in the first scenario
# only).  A stack is, for the imports, up to 12 frames of forumstat's code
# (the hooks' 3 included) and the 2 innermost library frames under them
# (which of SQLite's allocations: OOM_IMPORT_FRAMES, OOM_IMPORT_DEPTH); for
# the report, which renders charts and is slower, the allocating call and
# its caller and 1 library frame (OOM_REPORT_FRAMES=5, OOM_REPORT_DEPTH=1).
# In both, an allocation inside sqlite3_prepare_v2 counts by our call of it
# alone, not by which of the parser's dozens of allocations it is: there a
# failure can only make the call return SQLITE_NOMEM with nothing changed,
# one path for our code (OOM_SITE_WHOLE, FS_ALLOC_SITE_WHOLE in
# alloc_hooks.c; OOM_SITE_WHOLE= empty tries each of them again: 569
# points instead of 226 in the first scenario).  OOM_POINTS=P /
# OOM_REPORT_POINTS=P cap the points per import / report scenario;
# OOM_FULL=1 tries every N of 1..K.  Each run must:
#   - exit 0 (the failure hit nothing that mattered) or 3 with a message
#     saying it ran out of memory; never crash, never trip ASan/UBSan/LSan;
#   - leave the warehouse passing integrity_check and, on exit 3, holding
#     exactly what it held before (logical dump compared); on exit 0, what a
#     clean run gives;
#   - leave the report folder holding, under each final name, either the
#     earlier complete file or the new complete file, and no temporary file.
# Both failure kinds are tried: one allocation failing (FS_FAIL_ALLOC_MODE
# =once, the program may recover) and every allocation from the N-th on
# (=after).  Prints one TAP line per scenario; OOM_JOBS runs in parallel.
# The folders of failing runs, and the clean run's, are copied to
# OOM_KEEP/SCENARIO (default: oom-failed/ beside the binary).
#
# Usage: tests/fault/oom.sh FAULT_BINARY
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:?usage: oom.sh FAULT_BINARY}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
JOBS=${OOM_JOBS:-2}
OOM_POINTS=${OOM_POINTS:-0}                # per import scenario and mode; 0: no cap
OOM_REPORT_POINTS=${OOM_REPORT_POINTS:-0}  # the same for the report
WHOLE=${OOM_SITE_WHOLE-sqlite3_prepare_v2} # library calls counted as one site
T=$(mktemp -d "${TMPDIR:-/tmp}/fs-oom.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1732752000 FORUMSTAT_ZONE="$ROOT/templates/zone.conf"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
SAN="halt_on_error=1:detect_leaks=1:exitcode=99"
_n=0 _pass=0 _fail=0
ok()  { _n=$((_n + 1)); _pass=$((_pass + 1)); echo "ok $_n - $1"; }
nok() { _n=$((_n + 1)); _fail=$((_fail + 1)); echo "not ok $_n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

cd "$T"
: > "$T/seen"   # call stacks tried by earlier scenarios
S="$ROOT/samples/2024"
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }

# ----------------------------------------------------------- the data set
# Baseline warehouse: one county's 2024 incidents (a few records).
mkdir base new
head -12 "$S/dangshan-2024-incidents.csv" > base/ds.csv
head -40 "$S/xiao-2024-incidents-h1.csv" > new/xiao.csv       # GB18030, Chinese header
head -30 "$S/dangshan-2024-disputes.csv" > new/ds-disputes.csv
# a workbook (.xlsx) as Excel writes it: shared strings, date cells, a
# merged title row above the header
head -20 "$S/dangshan-2024-disputes.csv" > ds-disputes-20.csv
PYTHONPATH="$ROOT/tests/fixtures/xlsx" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 - ds-disputes-20.csv new/ds.xlsx <<'EOF'
import sys, csv2xlsx, mkxlsx
rows, h = csv2xlsx.typed_rows(csv2xlsx.read_csv(sys.argv[1]), 0)
mkxlsx.Book().sheet("矛盾纠纷", [["砀山县矛盾纠纷统计表"]] + rows, merges=["A1:J1"]).save(sys.argv[2])
EOF
sqlite3 new/yucheng.db "ATTACH '$S/yucheng-2024.db' AS s;
    CREATE TABLE incidents AS SELECT * FROM s.incidents LIMIT 25;
    CREATE TABLE cooperation AS SELECT * FROM s.cooperation LIMIT 10;"
ASAN_OPTIONS=$SAN "$BIN" import -q --db base.db base/ds.csv > /dev/null 2>&1 ||
    { nok "baseline import"; echo "1 passed, 1 failed"; exit 1; }
BASE_DUMP=$(dump base.db)

# scenario NAME KIND ARGS... — KIND import: ARGS are the files; report: year.
scenario() {
    local name=$1 kind=$2; shift 2
    local dir="$T/$name"; mkdir -p "$dir/ref"
    cp base.db "$dir/ref/w.db"
    # The clean run: reference results and the number of allocations.
    if [ "$kind" = import ]; then
        (cd "$dir/ref" && FS_ALLOC_COUNT_FILE="$dir/count" FS_ALLOC_SITES_FILE="$dir/sites" \
            FS_ALLOC_SITE_WHOLE=$WHOLE FS_ALLOC_SITE_FRAMES=${OOM_IMPORT_FRAMES:-12} FS_ALLOC_SITE_DEPTH=${OOM_IMPORT_DEPTH:-2} \
            ASAN_OPTIONS=$SAN "$BIN" import -q --db w.db "$@" > out 2> err)
    else
        (cd "$dir/ref" && mkdir -p rep && FS_ALLOC_COUNT_FILE="$dir/count" \
            FS_ALLOC_SITES_FILE="$dir/sites" FS_ALLOC_SITE_WHOLE=$WHOLE FS_ALLOC_SITE_FRAMES=${OOM_REPORT_FRAMES:-5} \
            FS_ALLOC_SITE_DEPTH=${OOM_REPORT_DEPTH:-1} ASAN_OPTIONS=$SAN "$BIN" report -q --db w.db --year "$1" --out rep --size 320x240 --dpi 48 > out 2> err)
    fi
    local rc=$? k
    k=$(cut -d' ' -f1 "$dir/count" 2>/dev/null)
    if [ "$rc" -ne 0 ] || [ -z "$k" ]; then
        nok "$name: clean run" "exit $rc" "$(head -5 "$dir/ref/err")"; return
    fi
    # Warehouse states a run may leave: the one before, the one after each
    # file (files are imported in name order, each in its own transaction).
    dump base.db > "$dir/allowed"
    # A report's folder before each run: the clean run's files, its CSVs
    # changed (an earlier report of the same year, which a failed run must
    # leave as it was), hard-linked into each run's folder (the program
    # replaces a file by renaming, never writes into one; if it did, the
    # sums below, taken now, would tell).  The sums of both sets: a file
    # after a run must be one or the other (tests/fault/oom-one.sh).
    if [ "$kind" = report ]; then
        cp -r "$dir/ref/rep" "$dir/earlier"
        for f in "$dir"/earlier/*.csv; do [ -f "$f" ] && printf 'earlier\r\n' >> "$f"; done
        (cd "$dir/ref/rep" && find . -type f -print0 | xargs -0 sha256sum) > "$dir/new.sums"
        (cd "$dir/earlier" && find . -type f -print0 | xargs -0 sha256sum) > "$dir/earlier.sums"
    fi
    if [ "$kind" = import ]; then
        local i files=() sorted
        mapfile -t sorted < <(for f in "$@"; do echo "$(basename "$f") $f"; done | sort | cut -d' ' -f2-)
        for ((i = 0; i < ${#sorted[@]}; i++)); do
            files+=("${sorted[$i]}")
            mkdir -p "$dir/prefix$i" && cp base.db "$dir/prefix$i/w.db"
            (cd "$dir/prefix$i" && "$BIN" import -q --db w.db "${files[@]}" > /dev/null 2>&1)
            dump "$dir/prefix$i/w.db" >> "$dir/allowed"
        done
    fi
    # Which N to try: the first allocation of each call stack (tests/fault/
    # alloc_hooks.c, FS_ALLOC_SITES_FILE) not tried by an earlier scenario:
    # every path of this scenario, start-up only once for all; OOM_FULL=1:
    # every N; OOM_POINTS / OOM_REPORT_POINTS > 0: at most that many (the
    # first half, then the rest spread evenly).
    local points max=$OOM_POINTS
    [ "$kind" = report ] && max=$OOM_REPORT_POINTS
    if [ "${OOM_FULL:-0}" = 1 ] || [ ! -s "$dir/sites" ]; then
        points=$(seq 1 "$k")
    else
        points=$(awk 'FILENAME == ARGV[1] { seen[$1] = 1; next } !($1 in seen) { seen[$1] = 1; print FNR }' \
            "$T/seen" "$dir/sites")
        cat "$dir/sites" >> "$T/seen"
    fi
    local npoints; npoints=$(printf '%s\n' $points | wc -l)
    if [ "$max" -gt 0 ] && [ "$npoints" -gt "$max" ]; then
        local head=$((max / 2))
        points=$(printf '%s\n' $points | awk -v h="$head" -v n="$npoints" -v m="$max" \
            'NR <= h || (NR - h - 1) % int((n - h) / (m - h) + 1) == 0' | head -n "$max")
    fi
    local mode
    for mode in once after; do
        local start=$SECONDS
        printf '%s\n' $points | xargs -P "$JOBS" -I{} \
            bash "$ROOT/tests/fault/oom-one.sh" "$BIN" "$dir" "$kind" "$mode" {} "$@"
        local tried bad
        tried=$(printf '%s\n' $points | wc -l)
        bad=$(cat "$dir"/fail-"$mode"-* 2>/dev/null | wc -l)
        local exit3; exit3=$(cat "$dir"/rc3-"$mode"-* 2>/dev/null | wc -l)
        local what="$name: allocation $([ "$mode" = once ] && echo "N fails" || echo "N and all later fail"), N over $tried of 1..$k: exit 0 or a clean exit 3 ($exit3), no sanitizer report, warehouse and outputs intact ($((SECONDS - start))s)"
        if [ "$bad" -eq 0 ]; then ok "$what"
        else
            local lines=()
            mapfile -t lines < <(cat "$dir"/fail-"$mode"-* | sort -t' ' -k2 -n | head -12)
            # the failing runs' folders (outputs, warehouse, stderr with the
            # failed allocation's stack when FS_FAIL_ALLOC_TRACE=1) outlive
            # the scratch folder, for a failure that does not come back
            local keep="${OOM_KEEP:-$(dirname "$BIN")/oom-failed}/$name"
            mkdir -p "$keep" && cp -r "$dir"/run-"$mode"-* "$keep"/ 2>/dev/null &&
                cp -r "$dir/ref" "$keep"/ 2>/dev/null
            nok "$what" "$bad failing points; first ones:" "${lines[@]}" "their folders: $keep"
        fi
    done
}

scenario import-csv import "$T/new/xiao.csv"
scenario import-sqlite import "$T/new/yucheng.db"
scenario import-xlsx import "$T/new/ds.xlsx"
scenario import-two-files import "$T/new/ds-disputes.csv" "$T/new/yucheng.db"
scenario report report 2024
echo "$_pass passed, $_fail failed"
[ "$_fail" -eq 0 ]
