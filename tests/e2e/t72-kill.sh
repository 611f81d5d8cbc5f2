#!/usr/bin/env bash
# t72-kill — kill -9 at random moments of an import (several files, each its
# own transaction) and of a report, many times: the warehouse passes
# integrity_check and holds exactly one of the states a run can leave (the
# one before, or the one after each whole file); the report folder holds,
# under every final name, the earlier or the complete new file; a later
# clean run works.  (t25 kills one single-file import at fixed moments.)
# KILL_REPS repetitions each (default 12); KILL_SEED makes the moments
# reproducible (printed in the test names).
. "$(dirname "$0")/lib.sh"
# Under the sanitizers this script would add nothing: a process killed with
# SIGKILL runs no more of our code and reports nothing; what a kill leaves
# (a hot write-ahead log) is recovered inside libsqlite3, which is not
# instrumented; and the clean imports and reports around the kills are
# paths t20, t25, t26 and t30 run under the sanitizers.  It cost 2 of the
# sanitizer check's 7 minutes (issue 16).
skip_in_lane san "SIGKILLed runs give the sanitizers nothing to check"
cd "$T"
S="$ROOT/samples"
REPS=${KILL_REPS:-12}
SEED=${KILL_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$SEED
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
dbsum() { cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -c1-64; }
ms() { date +%s%3N; }
# a random delay in seconds, 0 .. $1 milliseconds
pick() { local v=$(( (RANDOM * 32768 + RANDOM) % ($1 + 1) )); printf '%d.%03d' $((v / 1000)) $((v % 1000)); }

# ---------------------------------------------------------------- import
assert_exit "baseline import (2023 samples)" 0 "$FORUMSTAT" import -q --db base.db "$S/2023"
mkdir run
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 40000 run/a-dangshan.csv 341321 2024 KA
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 40000 run/b-feng.csv 320321 2024 KB
cp "$S/2024/yucheng-2024.db" run/c-yucheng.db
# The states a run may leave: before, after a, after a+b, after a+b+c.
allowed=("$(dump base.db)")
files=()
for f in run/a-dangshan.csv run/b-feng.csv run/c-yucheng.db; do
    files+=("$f"); cp base.db prefix.db
    "$FORUMSTAT" import -q --db prefix.db "${files[@]}" > /dev/null 2>&1
    allowed+=("$(dump prefix.db)")
done
cp base.db w.db
t0=$(ms); "$FORUMSTAT" import -q --db w.db run > /dev/null 2>&1; dur=$(( $(ms) - t0 ))
assert_eq "a clean run gives the last state" "${allowed[3]}" "$(dump w.db)"
# alive PID: the process is running (not yet exited, not a zombie)
alive() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null); [ -n "$st" ] && [ "$st" != Z ]; }
# check_state WHAT: the warehouse after a kill is whole and one of the
# allowed states; sets $state
check_state() {
    local ic d k; ic=$(sqlite3 w.db 'PRAGMA integrity_check' 2>&1); d=$(dump w.db); state=none
    for k in 0 1 2 3; do [ "$d" = "${allowed[$k]}" ] && state=$k; done
    if [ "$ic" = ok ] && [ "$state" != none ]; then
        ok "$1: integrity ok, state after $state of 3 files"
    else
        nok "$1: integrity ok, a whole-file state" "integrity_check: $ic" "content matches none of the 4 allowed states"
    fi
}
landed=0   # kills that struck a running import before it finished
for ((i = 1; i <= REPS; i++)); do
    rm -f w.db w.db-wal w.db-shm; cp base.db w.db
    delay=$(pick $((dur + dur / 10)))
    "$FORUMSTAT" import -q --db w.db run > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"; hit=0; alive "$pid" && hit=1
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    check_state "import killed after ${delay}s (seed $SEED)"
    [ "$hit" = 1 ] && [ "$state" != 3 ] && landed=$((landed + 1))
done
# Kills that are sure to strike inside a file's transaction: wait until the
# import is writing its write-ahead log, then kill it.  Whatever the
# machine's speed, these land mid-import.
for ((i = 1; i <= 3; i++)); do
    rm -f w.db w.db-wal w.db-shm; cp base.db w.db
    "$FORUMSTAT" import -q --db w.db run > /dev/null 2>&1 &
    pid=$!; hit=0
    for ((k = 0; k < 4000; k++)); do
        alive "$pid" || break
        if [ "$(stat -c %s w.db-wal 2>/dev/null || echo 0)" -gt $((64 * 1024 * i)) ]; then
            kill -9 "$pid" 2>/dev/null && hit=1; break
        fi
        sleep 0.002
    done
    wait "$pid" 2>/dev/null
    check_state "import killed while writing its log (kill $i)"
    [ "$hit" = 1 ] && [ "$state" != 3 ] && landed=$((landed + 1))
done
assert "kills landed in the middle of an import ($landed of $((REPS + 3)) left it unfinished)" test "$landed" -ge 1
# A later clean import over a killed one finishes the job.  The warehouse
# then also keeps what that import superseded (nothing is deleted), so it
# is compared with a clean run by its live data: the figures.
metrics() { rm -rf "$T/m"; "$FORUMSTAT" report -q --db "$1" --year 2024 --out "$T/m" > /dev/null 2>&1
            sha256sum < "$T/m/metrics-2024.csv" | cut -c1-64; }
assert_exit "import after the kills succeeds" 0 "$FORUMSTAT" import -q --db w.db run
assert_eq "... and gives the figures of a clean run" "$(metrics prefix.db)" "$(metrics w.db)"

# ---------------------------------------------------------------- report
# Earlier outputs from the 2023 samples alone; the new ones from the
# warehouse with the 2024 run imported.
cp base.db r.db
assert_exit "report of the earlier state" 0 "$FORUMSTAT" report -q --db r.db --year 2023 --out earlier
"$FORUMSTAT" import -q --db r.db "$S/2023/dangshan-2023-incidents.csv" > /dev/null 2>&1
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 3000 more.csv 341322 2023 KM
assert_exit "more 2023 data" 0 "$FORUMSTAT" import -q --db r.db more.csv
t0=$(ms)
assert_exit "reference report" 0 "$FORUMSTAT" report -q --db r.db --year 2023 --out ref
dur=$(( $(ms) - t0 ))
assert "earlier and new metrics differ" bash -c '! cmp -s earlier/metrics-2023.csv ref/metrics-2023.csv'
before=$(dbsum r.db)
for ((i = 1; i <= REPS; i++)); do
    rm -rf got; cp -r earlier got
    delay=$(pick "$dur")
    "$FORUMSTAT" report -q --db r.db --year 2023 --out got > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    bad="" n=0
    while IFS= read -r f; do
        rel=${f#got/}; n=$((n + 1))
        cmp -s "$f" "earlier/$rel" || cmp -s "$f" "ref/$rel" || bad="$bad $rel"
    done < <(find got -type f ! -name '*.tmp-*' ! -name '*.tmp')
    temps=$(find got \( -name '*.tmp-*' -o -name '*.tmp' \) | wc -l)
    assert_eq "report killed after ${delay}s (seed $SEED): $n outputs, each the earlier or the complete new file ($temps temporary files left by the kill)" "" "$bad"
done
assert_eq "the killed reports did not touch the warehouse" "$before" "$(dbsum r.db)"
assert_eq "warehouse integrity after the killed reports" ok "$(sqlite3 r.db 'PRAGMA integrity_check')"
assert_exit "a report after the kills succeeds" 0 "$FORUMSTAT" report -q --db r.db --year 2023 --out got
bad=""
while IFS= read -r f; do rel=${f#ref/}; cmp -s "$f" "got/$rel" || bad="$bad $rel"; done < <(find ref -type f)
assert_eq "... and writes every output complete" "" "$bad"
