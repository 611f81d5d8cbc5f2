#!/usr/bin/env bash
# t91-pg-concurrency — the PostgreSQL warehouse under failure and
# concurrency (issue 17): kill -9 of an importer mid-COPY, SIGTERM (the run
# on record as interrupted, nothing of the file kept) and a dropped
# connection (pg_terminate_backend) leave the warehouse as it was, the
# latter exiting 3 naming the file; 4 importers at once over the 7
# counties give the figures of a sequential import; two importers of the
# same slice never interleave: one waits, and the result is the later one's.
# Runs a throwaway cluster (tests/pg/cluster); SKIP without PostgreSQL.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pg/lib.sh"
cd "$T"
S="$ROOT/samples"
pg_start
export SOURCE_DATE_EPOCH=$(date -u -d 2025-01-15 +%s)
report() { "$FORUMSTAT" report -q --db "$1" --year 2024 --out "$2" 2> /dev/null; }
# wait_for URI SQL: until SQL returns a non-empty, non-zero answer (10 s)
wait_for() {
    local i v
    for i in $(seq 1 200); do
        v=$(pg_sql "$1" "$2" 2> /dev/null)
        [ -n "$v" ] && [ "$v" != 0 ] && [ "$v" != f ] && return 0
        sleep 0.05
    done
    return 1
}
COPYING="SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %' AND state = 'active'"

# -------------------------------------------- kill -9 and a dropped connection
W=$(pg_db failures)
assert_exit "baseline: the 2024 samples" 0 "$FORUMSTAT" import -q --db "$W" "$S/2024"
report "$W" base
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 300000 big.csv 341321 2024 K
count() { pg_sql "$W" "SELECT (SELECT count(*) FROM incidents) || ' ' || (SELECT count(*) FROM imports) || ' ' || (SELECT count(*) FROM import_files)"; }
before=$(count)
"$FORUMSTAT" import -q --db "$W" big.csv > k.out 2> k.err & pid=$!
if wait_for "$W" "$COPYING"; then ok "an importer is in its COPY"; else nok "an importer is in its COPY"; fi
kill -9 "$pid"; wait "$pid" 2> /dev/null
wait_for "$W" "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = 'failures' AND pid <> pg_backend_pid()" || true
assert_eq "kill -9 mid-COPY: records, imports and files as before" "$before" "$(count)"
report "$W" after-kill
assert "... the figures as before" cmp base/metrics-2024.csv after-kill/metrics-2024.csv

"$FORUMSTAT" import -q --db "$W" big.csv > d.out 2> d.err & pid=$!
if wait_for "$W" "$COPYING"; then ok "another importer is in its COPY"; else nok "another importer is in its COPY"; fi
pg_sql "$W" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY %'" > /dev/null
wait "$pid"; rc=$?
assert_eq "its connection dropped (pg_terminate_backend): exit 3" 3 "$rc"
assert_grep "... naming the file and the lost connection" 'while importing big\.csv .*connection to the PostgreSQL server was lost' d.err
assert_eq "... one line" 1 "$(wc -l < d.err)"
assert_eq "... records, imports and files as before" "$before" "$(count)"
report "$W" after-drop
assert "... the figures as before" cmp base/metrics-2024.csv after-drop/metrics-2024.csv
"$FORUMSTAT" import -q --db "$W" big.csv > t.out 2> t.err & pid=$!
if wait_for "$W" "$COPYING"; then ok "a third importer is in its COPY"; else nok "a third importer is in its COPY"; fi
kill -TERM "$pid"; wait "$pid"; rc=$?
assert_eq "SIGTERM mid-COPY: exit 143" 143 "$rc"
assert_eq "... records and files as before" "$(echo "$before" | cut -d' ' -f1,3)" "$(count | cut -d' ' -f1,3)"
assert_grep "... the run on record as interrupted" 'INTERRUPTED by SIGTERM' <("$FORUMSTAT" history --db "$W")
assert_exit "the same file imports afterwards" 0 "$FORUMSTAT" import -q --db "$W" big.csv
assert_eq "... 300000 records live" 300000 \
    "$(pg_sql "$W" "SELECT count(*) FROM live_incidents WHERE county = '341321' AND year = 2024")"

# ------------------------------------------ 4 importers at once, 7 counties
# Each county's 2024 samples, its incidents replaced by 20000 generated
# ones (Yucheng's SQLite file kept as it is).
for f in "$S"/2024/*; do
    name=$(basename "$f"); county=${name%%[-.]*}
    mkdir -p "c-$county"
    case $name in *-incidents*) ;; *) cp "$f" "c-$county/" ;; esac
done
i=0
for c in dangshan:341321 xiao:341322 feng:320321 shan:371722 xiayi:411426 yongcheng:411481; do
    n=${c%%:*} code=${c##*:}
    /usr/bin/python3 "$ROOT/bench/gen_incidents.py" 20000 "c-$n/$n-2024-incidents.csv" "$code" 2024 "P$i"
    i=$((i + 1))
done
assert_eq "7 counties' files" 7 "$(ls -d c-* | wc -l)"
set -- c-*
groups=("$1 $2" "$3 $4" "$5 $6" "$7")
SEQ=$(pg_db sequential) PAR=$(pg_db parallel)
assert_exit "sequential import of the 7 counties" 0 "$FORUMSTAT" import -q --db "$SEQ" c-*
pids=()
for g in "${groups[@]}"; do
    # shellcheck disable=SC2086
    "$FORUMSTAT" import -q --db "$PAR" $g > /dev/null 2> "par-${#pids[@]}.err" & pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
assert_eq "4 importers at once: all succeed" 0 "$fails"
assert_eq "... 4 imports" 4 "$(pg_sql "$PAR" "SELECT count(*) FROM imports")"
report "$SEQ" seq; report "$PAR" par
assert "... the 2024 metrics equal the sequential import's" cmp seq/metrics-2024.csv par/metrics-2024.csv
assert "... so do the cross-regional cases" cmp seq/cross-cases-2024.csv par/cross-cases-2024.csv
assert_eq "... 28 live slices, like the sequential one" \
    "$(pg_sql "$SEQ" "SELECT count(*) FROM live_slices")" "$(pg_sql "$PAR" "SELECT count(*) FROM live_slices")"

# --------------------------------------- two importers of the same slice
# A session holds the slice's lock (Dangshan, 2024, incidents) for 4 s; both
# importers reach the end of their file and wait, then go one after the other.
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 30000 a.csv 341321 2024 QA
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 30000 b.csv 341321 2024 QB
SL=$(pg_db slice)
"$FORUMSTAT" import -q --db "$SL" "$S/2024" 2> /dev/null
KEY=$(((341321 * 1000 + 24) * 8 + 1))
pg_sql "$SL" "BEGIN; SELECT pg_advisory_xact_lock($KEY); SELECT pg_sleep(4); COMMIT" > /dev/null & holder=$!
wait_for "$SL" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted" || true
"$FORUMSTAT" import -q --db "$SL" a.csv > a.out 2> a.err & pa=$!
"$FORUMSTAT" import -q --db "$SL" b.csv > b.out 2> b.err & pb=$!
if wait_for "$SL" "SELECT count(*) >= 2 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"; then
    ok "both importers wait for the slice's lock"
else
    nok "both importers wait for the slice's lock" "$(pg_sql "$SL" "SELECT * FROM pg_locks WHERE locktype = 'advisory'")"
fi
wait "$holder"; wait "$pa"; ra=$?; wait "$pb"; rb=$?
assert_eq "both succeed" "0 0" "$ra $rb"
# the later one is live, and records the earlier one as what it superseded
read -r live sup < <(pg_sql "$SL" "SELECT s.import_id || ' ' || s.superseded_import FROM import_slices s
    JOIN live_slices l USING (tbl, county, year) WHERE l.import_id = s.import_id
    AND s.tbl = 'incidents' AND s.county = '341321' AND s.year = 2024")
assert "... the live one superseded the other (they did not interleave)" \
    test "$sup" -ge 2 -a "$live" -ge 2 -a "$sup" != "$live"
first=$(pg_sql "$SL" "SELECT f.name FROM import_files f WHERE f.import_id = $sup")
last=$(pg_sql "$SL" "SELECT f.name FROM import_files f WHERE f.import_id = $live")
assert_eq "... the live records are all the later file's ($last)" 30000 \
    "$(pg_sql "$SL" "SELECT count(*) FROM live_incidents WHERE county = '341321' AND year = 2024
        AND case_id LIKE 'Q$(echo "$last" | tr 'ab' 'AB' | cut -c1)%'")"
"$FORUMSTAT" import -q --db lite.db "$S/2024" 2> /dev/null
"$FORUMSTAT" import -q --db lite.db "$first" 2> /dev/null
"$FORUMSTAT" import -q --db lite.db "$last" 2> /dev/null
report lite.db lite; report "$SL" slice
assert "... the figures equal importing $first then $last one after the other" \
    cmp lite/metrics-2024.csv slice/metrics-2024.csv

# ------------------------------- a revert while an import of its slice runs
# Import 2 has stored (uncommitted) the slice that import 1 holds and goes
# on with a big file; `revert 1` then waits for it and says what is true
# once it committed: the slice is import 2's, so nothing of it changes.
RV=$(pg_db revertrace)
mkdir -p run2
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 30 rv1.csv 341322 2024 V
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 31 run2/a.csv 341322 2024 W
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 300000 run2/b.csv 411481 2024 X
assert_exit "import 1: the slice" 0 "$FORUMSTAT" import -q --db "$RV" rv1.csv
"$FORUMSTAT" import -q --db "$RV" run2 > i2.out 2> i2.err & pi=$!
if wait_for "$RV" "SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
        WHERE a.query LIKE 'COPY %' AND a.state = 'active' AND l.locktype = 'advisory' AND l.granted"; then
    ok "import 2 holds the slice and copies its big file"
else
    nok "import 2 holds the slice and copies its big file"
fi
"$FORUMSTAT" revert --db "$RV" 1 > rv.out 2> rv.err; rr=$?
wait "$pi"; ri=$?
assert_eq "both succeed" "0 0" "$ri $rr"
assert_grep "the revert says nothing of import 1 changed" '0 of its 1 slice changed' rv.out
assert_nogrep "... and not that import 2 became current again" 'current again' rv.out
assert_eq "... the slice is import 2's" 2 \
    "$(pg_sql "$RV" "SELECT import_id FROM live_slices WHERE tbl = 'incidents' AND county = '341322' AND year = 2024")"

# ----------------------------------------- the same file by two at once
# Two imports of one file started together: one stores it, the other
# waits for it and skips it as already imported (not stored twice).
SF=$(pg_db samefile)
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 100000 same.csv 411481 2024 S
"$FORUMSTAT" import --db "$SF" same.csv > s1.out 2> s1.err & p1=$!
"$FORUMSTAT" import --db "$SF" same.csv > s2.out 2> s2.err & p2=$!
wait "$p1"; r1=$?; wait "$p2"; r2=$?
assert_eq "both exit 0" "0 0" "$r1 $r2"
assert_eq "... the file is stored once" 1 \
    "$(pg_sql "$SF" "SELECT count(*) FROM import_files WHERE name = 'same.csv'")"
assert_eq "... its records once" 100000 "$(pg_sql "$SF" "SELECT count(*) FROM incidents")"
assert_eq "... one of the two says it skipped it as already imported" 1 \
    "$(cat s1.out s2.out | grep -c 'same\.csv: skipped, already imported in import')"
