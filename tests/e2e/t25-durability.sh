#!/usr/bin/env bash
# t25-durability — a kill -9 during an import, or a full disk, leaves the
# warehouse passing integrity_check with the previous data intact.
. "$(dirname "$0")/lib.sh"
cd "$T"
DB="$T/w.db"
live() { sqlite3 "$DB" "SELECT count(*) FROM live_incidents WHERE county='$1' AND year=2024"; }
integrity() { sqlite3 "$DB" "PRAGMA integrity_check"; }

# Previous data: a small import that must survive everything below.
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 500 small.csv 341321 2024 S
assert_exit "baseline import" 0 "$FORUMSTAT" import --db "$DB" small.csv
/usr/bin/python3 "$ROOT/bench/gen_incidents.py" 150000 big.csv 341321 2024 K
assert_eq "big file is the same slice" 150001 "$(wc -l < big.csv)"

# kill -9 at different moments of a large import of the same slice.
for delay in 0.05 0.2 0.4 0.7 1.0 1.5; do
    "$FORUMSTAT" import -q --db "$DB" big.csv > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    assert_eq "kill -9 after ${delay}s: integrity ok" ok "$(integrity)"
    n=$(live 341321)
    if [ "$n" = 500 ] || [ "$n" = 150000 ]; then ok "kill -9 after ${delay}s: slice holds the old or the new data ($n)"
    else nok "kill -9 after ${delay}s: slice holds the old or the new data" "live records: $n"; fi
    # Put the baseline back if the import had finished first.
    if [ "$n" = 150000 ]; then
        last=$(sqlite3 "$DB" "SELECT max(import_id) FROM imports WHERE reverted_at IS NULL")
        "$FORUMSTAT" revert --db "$DB" "$last" > /dev/null
    fi
done
assert_eq "after the kills the baseline is live" 500 "$(live 341321)"

# A full disk: the file size limit stops SQLite's writes (SIGXFSZ ignored).
# A fresh warehouse holding only the baseline, so no file may grow much.
DB="$T/full.db"
assert_exit "baseline import (full-disk warehouse)" 0 "$FORUMSTAT" import --db "$DB" small.csv
size=$(( ($(stat -c %s "$DB") + 1023) / 1024 + 100 ))
( ulimit -f "$size"; "$FORUMSTAT" import --db "$DB" big.csv ) > out 2> err
rc=$?
assert_eq "disk full: exit 3" 3 "$rc"
assert_grep "disk full: the message says so" 'disk full' err
assert_eq "disk full: integrity ok" ok "$(integrity)"
assert_eq "disk full: previous data intact" 500 "$(live 341321)"
assert_eq "disk full: no import recorded" 1 "$(sqlite3 "$DB" 'SELECT count(*) FROM imports')"
