#!/usr/bin/env bash
# t73-concurrency — two imports at once, and reports while an import runs:
# the second import waits for the first (or, when the wait is too long,
# stops with a clear "in use" message); nothing is corrupted; every report
# reads one consistent snapshot, before or after the import's file, never
# a mixture.
. "$(dirname "$0")/lib.sh"
cd "$T"
S="$ROOT/samples"
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
live() { sqlite3 "$DB" "SELECT count(*) FROM live_incidents WHERE county='$1' AND year=2024"; }
DB=w.db
assert_exit "baseline import (2024 samples)" 0 "$FORUMSTAT" import -q --db "$DB" "$S/2024"
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 60000 a.csv 341321 2024 CA
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 60000 b.csv 320321 2024 CB
cp "$DB" base.db

# ------------------------------------------------------- two imports at once
"$FORUMSTAT" import -q --db "$DB" a.csv > a.out 2> a.err & pa=$!
"$FORUMSTAT" import -q --db "$DB" b.csv > b.out 2> b.err & pb=$!
wait "$pa"; ra=$?; wait "$pb"; rb=$?
assert_eq "integrity after two imports at once" ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')"
for x in a:$ra:341321 b:$rb:320321; do
    IFS=: read -r name rc county <<< "$x"
    if [ "$rc" = 0 ]; then
        assert_eq "import $name: succeeded, its slice holds its 60000 records" 60000 "$(live "$county")"
    elif [ "$rc" = 3 ]; then
        assert_grep "import $name: waited, then stopped with a clear message" \
            'in use by another forumstat process|database is locked|busy' "$name.err"
        assert_eq "import $name: stopped, its slice unchanged" \
            "$(sqlite3 base.db "SELECT count(*) FROM live_incidents WHERE county='$county' AND year=2024")" "$(live "$county")"
    else
        nok "import $name: exit 0 or 3" "exit $rc" "$(head -3 "$name.err")"
    fi
done
assert_eq "each successful import is one run of its own" $((1 + (ra == 0) + (rb == 0))) \
    "$(sqlite3 "$DB" "SELECT count(*) FROM imports")"

# Many small imports at once (lock hand-over under contention); each
# replaces Xiao's 2024 incidents by one record, so --allow-shrink.
for i in 1 2 3 4 5 6; do
    printf 'case_id,county,date_reported,category,offenses,status\nP%d,341322,2024-0%d-01,05,1,open\n' "$i" "$i" > "p$i.csv"
done
pids=()
for i in 1 2 3 4 5 6; do "$FORUMSTAT" import -q --allow-shrink --db "$DB" "p$i.csv" > /dev/null 2> "p$i.err" & pids+=($!); done
fails=0; for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
assert_eq "six small imports at once all succeed" 0 "$fails"
assert_eq "integrity after six imports at once" ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')"
assert_eq "one of them holds the slice (the last to commit)" 1 "$(live 341322)"

# ---------------------------------------------- reports while imports run
# Reference figures before and after the import of c.csv.  Then, while a
# writer imports c.csv and reverts it again and again (each a commit that
# flips the 371722 slice), reports run one after another: each must give
# exactly the before or the after figures, never a mixture of the two.
cp base.db r.db
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 20000 c.csv 371722 2024 CC
R=(report -q --year 2024 --size 320x240 --dpi 48)
assert_exit "report before" 0 "$FORUMSTAT" "${R[@]}" --db r.db --out before
cp r.db after.db
assert_exit "reference import" 0 "$FORUMSTAT" import -q --db after.db c.csv
assert_exit "report after" 0 "$FORUMSTAT" "${R[@]}" --db after.db --out after
assert "the import changes the figures" bash -c '! cmp -s before/metrics-2024.csv after/metrics-2024.csv'
touch writing
( while [ -f writing ]; do
      "$FORUMSTAT" import -q --db r.db c.csv > /dev/null 2>> writer.err || echo "import $?" >> writer.fail
      id=$(sqlite3 r.db "SELECT max(import_id) FROM imports")
      "$FORUMSTAT" revert --db r.db "$id" > /dev/null 2>> writer.err || echo "revert $?" >> writer.fail
      echo x >> writer.count
  done ) & pw=$!
mixed=0 failed=0 seen_before=0 seen_after=0
for n in 1 2 3 4 5 6; do
    if "$FORUMSTAT" "${R[@]}" --db r.db --out "rep$n" > /dev/null 2> "rep$n.err"; then
        if cmp -s "rep$n/metrics-2024.csv" before/metrics-2024.csv &&
           cmp -s "rep$n/findings-2024.csv" before/findings-2024.csv; then seen_before=$((seen_before + 1))
        elif cmp -s "rep$n/metrics-2024.csv" after/metrics-2024.csv &&
             cmp -s "rep$n/findings-2024.csv" after/findings-2024.csv; then seen_after=$((seen_after + 1))
        else mixed=$((mixed + 1)); fi
    else
        failed=$((failed + 1)); cp "rep$n.err" failed.err
    fi
done
rm -f writing; wait "$pw"
flips=$(wc -l < writer.count 2>/dev/null || echo 0)
assert_eq "the writer's imports and reverts all succeeded (with reports reading)" "" "$(cat writer.fail 2>/dev/null)"
assert "the writer committed while the reports ran ($flips import+revert rounds)" test "$flips" -ge 2
assert_eq "every report succeeded while the writer ran" 0 "$failed"
assert_eq "every report gives the before or the after figures, never a mixture ($seen_before before, $seen_after after)" 0 "$mixed"
assert_eq "integrity after the writer" ok "$(sqlite3 r.db 'PRAGMA integrity_check')"

# The same file by two imports at once (an existing warehouse): the second
# waits for the first and skips the file as already imported.
"$FORUMSTAT" import -q --db sf.db "$ROOT/samples/2024/dangshan-2024-indicators.csv" 2> /dev/null
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 100000 same.csv 411481 2024 S
"$FORUMSTAT" import --db sf.db same.csv > s1.out 2> s1.err & p1=$!
"$FORUMSTAT" import --db sf.db same.csv > s2.out 2> s2.err & p2=$!
wait "$p1"; r1=$?; wait "$p2"; r2=$?
assert_eq "two imports of one file at once: both exit 0" "0 0" "$r1 $r2"
assert_eq "... the file stored once" 1 "$(sqlite3 sf.db "SELECT count(*) FROM import_files WHERE name = 'same.csv'")"
assert_eq "... one of the two skipped it as already imported" 1 \
    "$(cat s1.out s2.out | grep -c 'same\.csv: skipped, already imported in import')"
